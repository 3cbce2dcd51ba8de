#!/usr/bin/env bash
# The verdicts-during-long-tasks benchmark of the README on a generated 1,000,596-pair
# project: builds the project and the input files in DIR (default /tmp/rlthf-verdict-bench,
# about 4 GB), then runs rlthf-studio --benchmark once without load and once per task and
# starting place. Run it on an otherwise idle machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$root/build/bin"
dir="${1:-/tmp/rlthf-verdict-bench}"
mkdir -p "$dir"
cd "$dir"
if [[ ! -f big.rlthf ]]; then
    "$bin/rlthf" generate factory --pairs 1080000 --out big.jsonl
    "$bin/rlthf" import --db big.rlthf --format pairs big.jsonl
    "$bin/rlthf" retrain --db big.rlthf
fi
[[ -f more.jsonl ]] || "$bin/rlthf" generate factory --pairs 1000000 --seed 7 --out more.jsonl
[[ -f unlabelled.jsonl ]] ||
    "$bin/rlthf" generate factory --pairs 60000 --seed 9 --unlabelled --out unlabelled.jsonl
export QT_QPA_PLATFORM=offscreen
run() {
    printf '%-40s ' "${*:-nothing}"
    "$bin/rlthf-studio" --benchmark big.rlthf --presses 1000 "$@" 2>/dev/null | tail -1
}
run
for from in window process; do
    run --while retrain --from "$from"
    run --while propagate --from "$from"
    run --while import --from "$from" --import more.jsonl
    run --while label --from "$from" --import unlabelled.jsonl
done
