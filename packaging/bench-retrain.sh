#!/usr/bin/env bash
# A whole `rlthf retrain` process against the plain Python PyTorch reward model a user would
# write instead (../shared/bench/anchor_perf.py: featurize, 3 epochs, score), side by side on
# the same pairs: PAIRS generated factory pairs (default 100000) imported into a project with
# the active shard set to all of them, then RUNS alternating runs of each (default 3), every
# retrain on a fresh copy of the project. Prints wall time and peak memory per run, the
# medians and their ratio.
#   packaging/bench-retrain.sh [PAIRS] [RUNS]
# Needs /usr/bin/time and a python3 with torch and numpy (Debian's python3-torch).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rlthf="$root/build/bin/rlthf"
anchor="${ANCHOR:-$root/../shared/bench/anchor_perf.py}"
python="${PYTHON:-/usr/bin/python3}"
pairs="${1:-100000}"
runs="${2:-3}"
[ -f "$anchor" ] || { echo "bench-retrain: $anchor not found (set ANCHOR)" >&2; exit 2; }
"$python" -c 'import torch, numpy' 2> /dev/null ||
    { echo "bench-retrain: $python has no torch or numpy (set PYTHON)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$rlthf" generate factory --pairs "$pairs" --seed 7 --out "$work/generated.jsonl" > /dev/null
"$rlthf" import --db "$work/base.rlthf" --format pairs --quiet "$work/generated.jsonl" > /dev/null
"$rlthf" settings --db "$work/base.rlthf" shard_fraction 1 > /dev/null
# The same pairs for both: the project's (the generator repeats some, import keeps one each).
"$rlthf" export --db "$work/base.rlthf" --format pairs --quiet --out "$work/pairs.jsonl" > /dev/null
count="$(wc -l < "$work/pairs.jsonl")"
echo "bench-retrain: $count pairs, $runs runs each, $(nproc) cores"

# Runs a command under /usr/bin/time; prints "WALL_S PEAK_MB".
timed() {
    /usr/bin/time -f '%e %M' -o "$work/time" "$@" > /dev/null 2> "$work/err" ||
        { cat "$work/err" >&2; echo "bench-retrain: $* failed" >&2; exit 1; }
    awk '{ printf "%.2f %.0f\n", $1, $2 / 1024 }' "$work/time"
}

: > "$work/rlthf.txt"
: > "$work/python.txt"
for run in $(seq "$runs"); do
    cp "$work/base.rlthf" "$work/run.rlthf"
    rlthf_run="$(timed "$rlthf" retrain --db "$work/run.rlthf")"
    rm -f "$work"/run.rlthf*
    python_run="$(timed "$python" "$anchor" --data "$work/pairs.jsonl" --skip-sklearn)"
    echo "$rlthf_run" >> "$work/rlthf.txt"
    echo "$python_run" >> "$work/python.txt"
    printf 'run %d: rlthf retrain %s s, %s MB   python %s s, %s MB\n' "$run" \
        ${rlthf_run} ${python_run}
done

median() { sort -n -k"$2" "$1" | awk -v k="$2" '{ v[NR] = $k } END {
    printf "%s", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
r="$(median "$work/rlthf.txt" 1)"
p="$(median "$work/python.txt" 1)"
printf 'median: rlthf retrain %s s (peak %s MB), python %s s (peak %s MB): %.1f× faster\n' \
    "$r" "$(median "$work/rlthf.txt" 2)" "$p" "$(median "$work/python.txt" 2)" \
    "$(awk -v r="$r" -v p="$p" 'BEGIN { print p / r }')"
