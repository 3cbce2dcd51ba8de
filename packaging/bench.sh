#!/usr/bin/env bash
# The benchmark suite behind the README's table:
#   packaging/bench.sh [OUT_DIR]   (default build/bench)
# Generated factory set (20,000 pairs, its own judge) and HH-RLHF harmless-base
# (../shared/data) with the uniform, the verbosity-biased and the position-biased judge;
# then summary.md, each method's worst case across the sets (packaging/bench-summary.awk).
# FACTORY_REPEATS=3 repeats the factory run's 5 folds with three seeds (the README's table,
# about 15 minutes on 2 cores); the default, one, keeps the suite under 10 minutes.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/build/bench}"
rlthf="$root/build/bin/rlthf"
hh="${HH_RLHF:-$root/../shared/data/hh-rlhf/harmless-base/test.jsonl.gz}"
mkdir -p "$out"
start=$SECONDS

"$rlthf" generate factory --pairs 20000 --out "$out/factory-20000.jsonl"
"$rlthf" bench --data "$out/factory-20000.jsonl" --format pairs --judge file \
    --budget 0.045 --iterations 5 --folds 5 --repeats "${FACTORY_REPEATS:-1}" --seed 1 \
    --out "$out/factory"
if [[ -f "$hh" ]]; then
    for judge in uniform verbose position; do
        "$rlthf" bench --data "$hh" --format hh-rlhf --judge "$judge" \
            --budget 0.06 --iterations 5 --folds 5 --repeats 3 --seed 1 --out "$out/hh-$judge"
    done
else
    echo "HH-RLHF data not found at $hh (set HH_RLHF=...); skipped" >&2
fi
# One row per method, its worst case across the sets: defaults are chosen by this table.
awk -f "$root/packaging/bench-summary.awk" "$out"/factory/table.md "$out"/hh-*/table.md \
    > "$out/summary.md" || true
cat "$out/summary.md"
echo "benchmark suite: $((SECONDS - start)) s" >&2
