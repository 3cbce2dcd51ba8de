# The Debian package, built by CPack: `cpack -G DEB` in the build folder, or
# `packaging/dev.sh package`. Library dependencies are read from the binaries
# (dpkg-shlibdeps); the ones no linker sees are listed here.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME ${RLTHF_PACKAGE})
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "RLTHF Studio developers")
# An organisation that builds its own package names itself here (cmake -DRLTHF_PACKAGE_MAINTAINER=…).
set(RLTHF_PACKAGE_MAINTAINER "RLTHF Studio maintainers <maintainers@rlthf.org>"
    CACHE STRING "The Maintainer field of the Debian package: NAME <EMAIL>")
set(CPACK_PACKAGE_CONTACT "${RLTHF_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # rlthf-studio_VERSION_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Loaded at run time, so no linker sees them: Qt's platform plugins (xcb, wayland), the SVG
# image plugin, and fonts that have the Japanese glyphs.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, libqt6svg6, fonts-noto-cjk")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://rlthf.org/")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "review workstation for reward-model preference data")
# The extended description; CPack puts the summary above it and indents it.
set(CPACK_PACKAGE_DESCRIPTION
    "RLTHF Studio makes reward-model alignment data cheap and right. An LLM judge
labels every preference pair; a reward model trained on those labels ranks the
pairs by its margin, and the sorted margin curve tells the AI labels that are
probably right, probably wrong and uncertain apart. Experts review only the
uncertain pairs, by keyboard, and the loop retrains with their verdicts.

This package holds the workstation (rlthf-studio) and the command line (rlthf).")
include(CPack)
