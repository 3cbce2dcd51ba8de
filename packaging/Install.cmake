# Where `cmake --install` puts RLTHF Studio (and so the Debian package): the two programs,
# the desktop entry, the MIME type of .rlthf projects, the AppStream metainfo, the icon, man
# pages, bash completion and the package's copyright and changelog. The translations are
# built into the programs.
include(GNUInstallDirs)

set(RLTHF_APP_ID org.rlthf.Studio)
set(RLTHF_PACKAGE rlthf-studio)
set(resources ${PROJECT_SOURCE_DIR}/resources)

install(TARGETS rlthf rlthf-studio RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS rlthf-engine RUNTIME DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/rlthf-studio)
install(FILES ${resources}/desktop/${RLTHF_APP_ID}.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${resources}/desktop/${RLTHF_APP_ID}.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${resources}/desktop/${RLTHF_APP_ID}.mime.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages RENAME ${RLTHF_APP_ID}.xml)
install(FILES ${resources}/icons/rlthf-studio.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps RENAME ${RLTHF_APP_ID}.svg)
foreach(size 16 32 48 64 128 256)
  install(FILES ${resources}/icons/rlthf-studio-${size}.png
          DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps
          RENAME ${RLTHF_APP_ID}.png)
endforeach()
install(FILES ${resources}/completion/rlthf
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)

# A native package (its version has no Debian revision): the changelog is changelog.gz.
# Man pages and the changelog are installed compressed, as Debian's policy asks (gzip -n:
# no name or time in the header, so the package is reproducible).
set(compressed)
foreach(source ${resources}/man/rlthf.1 ${resources}/man/rlthf-studio.1
               ${PROJECT_SOURCE_DIR}/packaging/debian/changelog)
  get_filename_component(name ${source} NAME)
  set(output ${CMAKE_BINARY_DIR}/packaging/${name}.gz)
  add_custom_command(OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/packaging
    COMMAND gzip -9n -c ${source} > ${output}
    DEPENDS ${source} VERBATIM)
  list(APPEND compressed ${output})
endforeach()
add_custom_target(rlthf_compressed_docs ALL DEPENDS ${compressed})
list(GET compressed 0 rlthf_man)
list(GET compressed 1 rlthf_studio_man)
list(GET compressed 2 rlthf_changelog)
install(FILES ${rlthf_man} ${rlthf_studio_man} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/debian/copyright ${rlthf_changelog}
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${RLTHF_PACKAGE})
install(FILES ${PROJECT_SOURCE_DIR}/packaging/debian/lintian-overrides
        DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides RENAME ${RLTHF_PACKAGE})
