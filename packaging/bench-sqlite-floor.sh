#!/usr/bin/env bash
# `rlthf import` against SQLite's own cost of the same rows, side by side:
#   packaging/bench-sqlite-floor.sh [LINES] [RUNS]   (defaults 1080000 and 3)
# Generates LINES factory lines, imports them into a new project RUNS times (wall time
# each), reads them RUNS times as the import's reading thread does and nothing else
# (tests/perf/bench_read.cpp), then runs bench-sqlite-floor.c RUNS times on the pairs that
# import kept: the same inserts and index builds with nothing read, parsed or hashed while
# it is timed, and again with the content hash's unique index built after the rows, and in
# a format with a pair's AI and gold labels in its own row (one row per pair; see the .c
# file). Needs gcc and libsqlite3-dev (both in packaging/debian-packages.txt).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rlthf="$root/build/bin/rlthf"
lines="${1:-1080000}"
runs="${2:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$rlthf" generate factory --pairs "$lines" --seed 7 --out "$work/generated.jsonl" > /dev/null
for run in $(seq "$runs"); do
    rm -f "$work"/project.rlthf*
    /usr/bin/time -f '%e' -o "$work/time" \
        "$rlthf" import --db "$work/project.rlthf" --format pairs --quiet "$work/generated.jsonl"
    echo "rlthf import, run $run: $(cat "$work/time") s"
done
for run in $(seq "$runs"); do
    echo "reading alone, run $run: $("$root/build/bin/rlthf_bench_read" "$work/generated.jsonl")"
done
python3 - "$work/project.rlthf" "$work/rows.db" << 'PY'
import sqlite3, sys
out = sqlite3.connect(sys.argv[2])
out.execute("ATTACH ? AS project", (sys.argv[1],))
out.execute("CREATE TABLE rows AS SELECT external_id, prompt, response_a, response_b, "
            "content_hash, shard, meta FROM project.pairs ORDER BY id")
out.commit()
PY
gcc -O2 -o "$work/floor" "$root/packaging/bench-sqlite-floor.c" -lsqlite3
for run in $(seq "$runs"); do
    echo "SQLite alone, run $run: $("$work/floor" "$work/rows.db" "$work/floor.db")"
    echo "  unique index built after: $("$work/floor" "$work/rows.db" "$work/floor.db" --unique-after)"
    echo "  and labels in the pair's row: $("$work/floor" "$work/rows.db" "$work/floor.db" \
        --unique-after --labels-in-pair)"
done
