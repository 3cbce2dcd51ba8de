#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine:
#   packaging/dev.sh run   install missing packages, build, open the demo project in rlthf-studio
#                          (the Japanese one when LC_ALL, LC_MESSAGES or LANG starts with ja)
#   packaging/dev.sh test  install missing packages, build, run the whole test suite
#   packaging/dev.sh build install missing packages and build only
#   packaging/dev.sh package  build, then the Debian package build/rlthf-studio_VERSION_amd64.deb
#   packaging/dev.sh fuzz SECONDS [TARGET...]  build the libFuzzer targets (clang 14), run each
#                          for SECONDS; crashes are copied to tests/fuzz/crashes/TARGET
#   packaging/dev.sh asan  build with AddressSanitizer and UBSan, run the whole test suite
#   packaging/dev.sh torture [KILLS [SEED]]  SIGKILL rlthf KILLS times (300) mid-command and
#                          check the project after each kill (README, "Crash torture")
# Idempotent and incremental: a second call installs nothing and rebuilds only what changed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
build="$root/build"
cd "$root"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

install_packages() {
    local wanted missing=()
    mapfile -t wanted < <(grep -Ev '^\s*(#|$)' "$here/debian-packages.txt")
    for pkg in "${wanted[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' ||
            missing+=("$pkg")
    done
    if ((${#missing[@]} == 0)); then
        return
    fi
    log "installing ${#missing[@]} Debian packages: ${missing[*]}"
    local sudo=()
    if ((EUID != 0)); then
        command -v sudo >/dev/null || { echo "need root or sudo to install: ${missing[*]}" >&2; exit 1; }
        sudo=(sudo)
    fi
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq \
        "${missing[@]}" >/dev/null
}

# clang 14 and its sanitizer and libFuzzer runtimes, for the fuzz build only.
install_sanitizer_tools() {
    local missing=()
    for pkg in clang-14 libclang-rt-14-dev; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' ||
            missing+=("$pkg")
    done
    ((${#missing[@]} == 0)) && return
    log "installing ${missing[*]}"
    local sudo=()
    ((EUID != 0)) && sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
}

sanitizer_env() {
    export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1}"
    export LSAN_OPTIONS="suppressions=$root/tests/sanitizers/lsan.supp:print_suppressions=0"
    export UBSAN_OPTIONS="suppressions=$root/tests/sanitizers/ubsan.supp:print_stacktrace=1:halt_on_error=1"
}

# Runs one fuzz target for $1 seconds; new inputs go to build-fuzz/corpus/TARGET (the
# repository's seed corpus is read, never written), crashes to tests/fuzz/crashes/TARGET.
# Prints one summary line; fails if the target found a crash, a leak, a hang or an OOM.
fuzz_one() {
    local seconds="$1" name="$2" bin="$root/build-fuzz/bin/fuzz_$2"
    local out="$root/build-fuzz/corpus/$name" art="$root/build-fuzz/artifacts/$name"
    local logf="$root/build-fuzz/logs/$name.log"
    rm -rf "$art"
    mkdir -p "$out" "$art" "$(dirname "$logf")"
    local rc=0
    nice -n 10 "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$art/" "$out" "$root/tests/fuzz/corpus/$name" \
        >"$logf" 2>&1 || rc=$?
    local execs cov found
    execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$logf" | tail -1)"
    cov="$(grep -Eo 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9a-zA-Z]+' "$logf" | tail -1)"
    found="$(find "$art" -type f | wc -l)"
    if ((found > 0)); then
        mkdir -p "$root/tests/fuzz/crashes/$name"
        cp "$art"/* "$root/tests/fuzz/crashes/$name/"
    fi
    printf 'fuzz %-13s %ss  execs %-10s %s  findings %s%s\n' "$name" "$seconds" "${execs:-?}" \
        "${cov:-cov: ?}" "$found" "$( ((rc != 0 || found > 0)) && echo "  (see $logf)")"
    ((rc == 0 && found == 0))
}

fuzz_all() {
    local seconds="$1"
    shift
    local names=("$@") jobs="${FUZZ_JOBS:-$(nproc)}" failed=0
    if ((${#names[@]} == 0)); then
        for bin in "$root"/build-fuzz/bin/fuzz_*; do names+=("${bin##*/fuzz_}"); done
    fi
    log "fuzzing ${#names[@]} targets for ${seconds}s each, $jobs at a time"
    local pids=()
    for name in "${names[@]}"; do
        while (($(jobs -rp | wc -l) >= jobs)); do wait -n || failed=1; done
        fuzz_one "$seconds" "$name" &
    done
    while (($(jobs -rp | wc -l) > 0)); do wait -n || failed=1; done
    wait || failed=1
    if ((failed)); then
        log "a fuzz target found something: the inputs are in tests/fuzz/crashes/"
        return 1
    fi
}

build_all() {
    if [[ ! -f "$build/build.ninja" ]]; then
        log "configuring"
        cmake --preset default >/dev/null
    fi
    log "building"
    cmake --build --preset default -- -j"$(nproc)"
}

# The system language as the C library reads it: LC_ALL, then LC_MESSAGES, then LANG.
system_language() {
    local locale="${LC_ALL:-${LC_MESSAGES:-${LANG:-}}}"
    case "$locale" in
    ja*) echo ja ;;
    *) echo en ;;
    esac
}

# The bundled demo: a seeded factory-QA set generated by `rlthf generate factory`, in
# Japanese (its own file) when the system language is Japanese.
demo_project() {
    local language demo
    language="$(system_language)"
    demo="$build/demo/factory-qa.rlthf"
    [[ $language == ja ]] && demo="$build/demo/factory-qa-ja.rlthf"
    if [[ ! -f "$demo" ]]; then
        log "creating the demo project $demo"
        mkdir -p "$build/demo"
        # Generated, imported, sized for a first session and trained once.
        "$build/bin/rlthf" demo --language "$language" --out "$demo" >&2
    fi
    printf '%s\n' "$demo"
}

case "${1:-}" in
run)
    install_packages
    build_all
    demo="$(demo_project)"
    shift
    log "starting rlthf-studio"
    exec "$build/bin/rlthf-studio" "${@:-$demo}"
    ;;
test)
    install_packages
    build_all
    log "running the tests"
    ctest --preset default -j"$(nproc)"
    ;;
build)
    install_packages
    build_all
    ;;
package)
    install_packages
    build_all
    log "building the Debian package"
    (cd "$build" && cpack -G DEB >&2)
    ls "$build"/rlthf-studio_*_amd64.deb
    ;;
fuzz)
    [[ "${2:-}" =~ ^[0-9]+$ ]] || { echo "usage: packaging/dev.sh fuzz SECONDS [TARGET...]" >&2; exit 2; }
    install_packages
    install_sanitizer_tools
    [[ -f build-fuzz/build.ninja ]] || { log "configuring build-fuzz"; cmake --preset fuzz >/dev/null; }
    log "building the fuzz targets"
    nice -n 10 cmake --build --preset fuzz -- -j"$(nproc)"
    sanitizer_env
    fuzz_all "$2" "${@:3}"
    ;;
asan)
    install_packages
    [[ -f build-asan/build.ninja ]] || { log "configuring build-asan"; cmake --preset asan >/dev/null; }
    log "building with AddressSanitizer and UBSan"
    nice -n 10 cmake --build --preset asan -- -j"$(nproc)"
    log "running the tests under the sanitizers"
    ctest --preset asan -j"$(nproc)"
    ;;
torture)
    kills="${2:-300}"
    seed="${3:-$(($(date +%s) % 1000000007))}"
    [[ "$kills" =~ ^[0-9]+$ && "$seed" =~ ^[0-9]+$ ]] ||
        { echo "usage: packaging/dev.sh torture [KILLS [SEED]]" >&2; exit 2; }
    install_packages
    [[ -f "$build/build.ninja" ]] || { log "configuring"; cmake --preset default >/dev/null; }
    log "building rlthf and the crash-torture harness"
    cmake --build --preset default --target rlthf rlthf_torture -- -j"$(nproc)"
    log "crash torture: $kills kills, seed $seed (again: packaging/dev.sh torture $kills $seed)"
    nice -n 5 "$build/bin/rlthf_torture" --kills "$kills" --seed "$seed"
    ;;
*)
    echo "usage: packaging/dev.sh run [PROJECT] | test | build | package | fuzz SECONDS | asan | torture [KILLS [SEED]]" >&2
    exit 2
    ;;
esac
