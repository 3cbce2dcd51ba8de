#!/usr/bin/env bash
# How long the quick `rlthf` commands take from start to exit on a small project (the
# 2,000-pair demo, trained once): RUNS runs each (default 20), median and slowest, in ms.
# The target is under 100 ms; the model commands (retrain, propagate, curve, demo, bench)
# start the LibTorch engine and are not among them.
#   packaging/bench-startup.sh [RUNS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rlthf="$root/build/bin/rlthf"
runs="${1:-20}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
db="$work/demo.rlthf"
"$rlthf" demo --out "$db" > /dev/null
"$rlthf" generate factory --pairs 200 --seed 5 --out "$work/more.jsonl" > /dev/null
pair="$("$rlthf" queue --db "$db" --limit 1 --json | grep -o '"pair": [0-9]*' | grep -o '[0-9]*$')"

measure() { # NAME ARGS...: prints the median and the slowest of $runs runs
    local name="$1" times=() start end
    shift
    for _ in $(seq "$runs"); do
        start=$EPOCHREALTIME
        "$rlthf" "$@" > /dev/null 2>&1 || { echo "rlthf $* failed" >&2; exit 1; }
        end=$EPOCHREALTIME
        times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", (b - a) * 1000 }')")
    done
    printf '%s\n' "${times[@]}" | sort -n |
        awk -v name="$name" '{ t[NR] = $1 } END {
            printf "%-10s median %6.1f ms   slowest %6.1f ms\n", name, t[int((NR + 1) / 2)], t[NR] }'
}

echo "rlthf on a ${runs}-run sample, project $(basename "$db") (2,000 pairs)"
measure --version --version
measure help help
measure stats stats --db "$db"
measure queue queue --db "$db" --limit 20
measure settings settings --db "$db"
measure annotate annotate --db "$db" --pair "$pair" --verdict confirm --annotator bench
measure export export --db "$db" --out "$work/out.jsonl" --format pairs
measure import import --db "$db" --format pairs "$work/more.jsonl"
