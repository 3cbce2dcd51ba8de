#!/bin/bash
# Builds the Debian package from BUILD_DIR with CPack, then checks it as a user's system
# would see it: its file list, the desktop entry, the AppStream metainfo, lintian (no
# errors), and the programs run from the extracted package (no build tree on their paths).
# As root (as in CI) it also installs the package with apt-get, checks that the desktop
# opens projects with it (xdg-mime, xdg-open under Xvfb) and purges it again.
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
for file in usr/bin/rlthf usr/bin/rlthf-studio usr/libexec/rlthf-studio/rlthf-engine \
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
# One licence, said the same way by the package, its metainfo and the program.
grep -qx 'License: GPL-3+' "$root/usr/share/doc/rlthf-studio/copyright" ||
    fail "the copyright file does not name GPL-3+"
grep -q '<project_license>GPL-3.0-or-later</project_license>' \
    "$root/usr/share/metainfo/org.rlthf.Studio.metainfo.xml" || fail "metainfo licence"

desktop-file-validate "$root/usr/share/applications/org.rlthf.Studio.desktop" ||
    fail "desktop-file-validate"
appstreamcli validate --no-net "$root/usr/share/metainfo/org.rlthf.Studio.metainfo.xml" ||
    fail "appstreamcli validate"
xmllint --noout "$root/usr/share/mime/packages/org.rlthf.Studio.xml" || fail "MIME XML"
lintian --tag-display-limit 0 "$deb" > "$work/lintian.log" 2>&1 || true
cat "$work/lintian.log"
grep -q '^E:' "$work/lintian.log" && fail "lintian reports errors"

# `rlthf` itself starts without LibTorch; the model commands run in the engine program.
readelf -d "$root/usr/bin/rlthf" | grep -q 'NEEDED.*libtorch' && fail "rlthf links LibTorch"
readelf -d "$root/usr/libexec/rlthf-studio/rlthf-engine" | grep -q 'NEEDED.*libtorch' ||
    fail "the engine does not link LibTorch"

# The programs from the package: a demo project made, retrained and shown.
"$root/usr/bin/rlthf" help > /dev/null || fail "rlthf help"
"$root/usr/bin/rlthf" demo --out "$work/demo.rlthf" --pairs 300 || fail "rlthf demo"
"$root/usr/bin/rlthf" retrain --db "$work/demo.rlthf" > /dev/null 2>&1 || fail "rlthf retrain"
HOME="$work" QT_QPA_PLATFORM=offscreen "$root/usr/bin/rlthf-studio" \
    --screenshot "$work/window.png" "$work/demo.rlthf" > /dev/null 2>&1 ||
    fail "rlthf-studio --screenshot"
[[ -s "$work/window.png" ]] || fail "no screenshot"

# Debian 12 can resolve the package's dependencies.
apt-get install --simulate "$deb" > "$work/simulate.log" 2>&1 ||
    { cat "$work/simulate.log" >&2; fail "apt-get install --simulate"; }

if [[ $(id -u) -ne 0 ]]; then
    echo "the package builds, validates and runs (not root: not installed)"
    exit 0
fi
if dpkg -s rlthf-studio > /dev/null 2>&1; then
    echo "the package builds, validates and runs (rlthf-studio is installed here: left alone)"
    exit 0
fi

# Installed for real, opened the way a double-click opens it, then purged.
installed=0
purge() {
    if [[ $installed -eq 1 ]]; then
        apt-get purge -y rlthf-studio > "$work/purge.log" 2>&1 || cat "$work/purge.log" >&2
    fi
    [[ -n "${xvfb:-}" ]] && kill "$xvfb" 2> /dev/null
    rm -rf "$work"
}
trap purge EXIT
DEBIAN_FRONTEND=noninteractive apt-get install -y "$deb" > "$work/install.log" 2>&1 ||
    { cat "$work/install.log" >&2; fail "apt-get install"; }
installed=1
[[ "$(command -v rlthf)" == /usr/bin/rlthf ]] || fail "rlthf is not on the PATH once installed"
rlthf --version | grep -q '^License GPLv3+' || fail "the installed rlthf --version"

export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share"
mkdir -p "$HOME"
default="$(xdg-mime query default application/x-rlthf-project)"
[[ "$default" == org.rlthf.Studio.desktop ]] ||
    fail "xdg-mime names '$default' for application/x-rlthf-project"
[[ "$(xdg-mime query filetype "$work/demo.rlthf")" == application/x-rlthf-project ]] ||
    fail "a project file is not recognised as application/x-rlthf-project"

display=":$((90 + RANDOM % 400))"
Xvfb "$display" -nolisten tcp > "$work/xvfb.log" 2>&1 &
xvfb=$!
sleep 1
# On the X display, not offscreen as the other tests run the programs.
env -u QT_QPA_PLATFORM -u WAYLAND_DISPLAY DISPLAY="$display" xdg-open "$work/demo.rlthf" \
    > "$work/open.log" 2>&1 &
window=""
for _ in $(seq 1 60); do
    window="$( (DISPLAY="$display" xdotool search --name 'demo\.rlthf' 2> /dev/null || true) | head -1)"
    [[ -n "$window" ]] && break
    sleep 0.5
done
[[ -n "$window" ]] || { cat "$work/open.log" >&2; fail "xdg-open did not open the project in RLTHF Studio"; }
pid="$(DISPLAY="$display" xdotool getwindowpid "$window")"
[[ "$(readlink "/proc/$pid/exe")" == /usr/bin/rlthf-studio ]] ||
    fail "the project opened in $(readlink "/proc/$pid/exe"), not /usr/bin/rlthf-studio"
kill "$pid"

apt-get purge -y rlthf-studio > "$work/purge.log" 2>&1 ||
    { cat "$work/purge.log" >&2; fail "apt-get purge"; }
installed=0
[[ ! -e /usr/bin/rlthf && ! -e /usr/libexec/rlthf-studio ]] ||
    fail "files left behind after purge"
echo "the package builds, validates, runs, installs, opens projects from the desktop and purges"
