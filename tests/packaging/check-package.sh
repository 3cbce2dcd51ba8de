#!/bin/bash
# Builds the Debian package from BUILD_DIR with CPack, then checks it as a user's system
# would see it: its file list, the desktop entry, the AppStream metainfo, lintian (no
# errors), and the programs run from the extracted package (no build tree on their paths).
set -euo pipefail
build="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

(cd "$build" && cpack -G DEB -B "$work/out" > "$work/cpack.log" 2>&1) ||
    { cat "$work/cpack.log" >&2; fail "cpack could not build the package"; }
deb="$(ls "$work"/out/rlthf-studio_*_amd64.deb)"
echo "built $(basename "$deb")"

# Runtime dependencies only: no development package.
depends="$(dpkg-deb -f "$deb" Depends)"
echo "Depends: $depends"
grep -q -- '-dev\b' <<<"$depends" && fail "a -dev package among the dependencies"
for needed in qt6-qpa-plugins libqt6svg6 fonts-noto-cjk libtorch1.13 libqt6widgets6; do
    grep -q "$needed" <<<"$depends" || fail "$needed missing from Depends"
done

dpkg-deb -x "$deb" "$work/root"
root="$work/root"
for file in usr/bin/rlthf usr/bin/rlthf-studio \
    usr/share/applications/org.rlthf.Studio.desktop \
    usr/share/metainfo/org.rlthf.Studio.metainfo.xml \
    usr/share/mime/packages/org.rlthf.Studio.xml \
    usr/share/icons/hicolor/scalable/apps/org.rlthf.Studio.svg \
    usr/share/icons/hicolor/256x256/apps/org.rlthf.Studio.png \
    usr/share/man/man1/rlthf.1.gz usr/share/man/man1/rlthf-studio.1.gz \
    usr/share/bash-completion/completions/rlthf \
    usr/share/doc/rlthf-studio/copyright usr/share/doc/rlthf-studio/changelog.gz; do
    [[ -f "$root/$file" ]] || fail "$file is not in the package"
done

desktop-file-validate "$root/usr/share/applications/org.rlthf.Studio.desktop" ||
    fail "desktop-file-validate"
appstreamcli validate --no-net "$root/usr/share/metainfo/org.rlthf.Studio.metainfo.xml" ||
    fail "appstreamcli validate"
xmllint --noout "$root/usr/share/mime/packages/org.rlthf.Studio.xml" || fail "MIME XML"
lintian --tag-display-limit 0 "$deb" > "$work/lintian.log" 2>&1 || true
cat "$work/lintian.log"
grep -q '^E:' "$work/lintian.log" && fail "lintian reports errors"

# The programs from the package: a demo project made, retrained and shown.
"$root/usr/bin/rlthf" help > /dev/null || fail "rlthf help"
"$root/usr/bin/rlthf" demo --out "$work/demo.rlthf" --pairs 300 || fail "rlthf demo"
"$root/usr/bin/rlthf" retrain --db "$work/demo.rlthf" > /dev/null 2>&1 || fail "rlthf retrain"
HOME="$work" QT_QPA_PLATFORM=offscreen "$root/usr/bin/rlthf-studio" \
    --screenshot "$work/window.png" "$work/demo.rlthf" > /dev/null 2>&1 ||
    fail "rlthf-studio --screenshot"
[[ -s "$work/window.png" ]] || fail "no screenshot"
echo "the package builds, validates and runs"
