#!/usr/bin/env bash
# Writes the seed corpus of the project_open fuzz target, tests/fuzz/corpus/project_open/:
# a small real project made by `rlthf import` (then stored with 512-byte pages, so the
# fuzzer mutates a few KB rather than a hundred), and files it must refuse.
#   tests/fuzz/make_project_seeds.sh [build/bin/rlthf]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rlthf="${1:-$root/build/bin/rlthf}"
out="$root/tests/fuzz/corpus/project_open"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"

cat >"$tmp/pairs.jsonl" <<'JSONL'
{"id":"t-1","prompt":"Torque for an M8 bolt, grade 8.8?","response_a":"About 25 Nm.","response_b":"About 250 Nm.","ai_label":"a","gold_label":"a"}
{"id":"t-2","prompt":"Coolant change interval?","response_a":"Every 2 years.","response_b":"Never.","ai_label":"b","gold_label":"a","meta":{"line":"L2"}}
{"id":"t-3","prompt":"Is the guard optional?","response_a":"No, it must be fitted.","response_b":"Yes."}
JSONL
"$rlthf" import --db "$tmp/small.rlthf" --format pairs "$tmp/pairs.jsonl" >/dev/null
# Smaller pages, then back to WAL as every project is; closing checkpoints the WAL away.
sqlite3 "$tmp/small.rlthf" 'PRAGMA journal_mode = DELETE; PRAGMA page_size = 512; VACUUM;
                            PRAGMA journal_mode = WAL;' >/dev/null
cp "$tmp/small.rlthf" "$out/small-project"

# An older schema: read-only never migrates, so it is refused and left as it is.
cp "$tmp/small.rlthf" "$tmp/older.rlthf"
sqlite3 "$tmp/older.rlthf" 'PRAGMA user_version = 1;' >/dev/null
cp "$tmp/older.rlthf" "$out/older-schema"

# Refused: a newer schema, another program's database, not a database at all, empty.
cp "$tmp/small.rlthf" "$tmp/newer.rlthf"
sqlite3 "$tmp/newer.rlthf" 'PRAGMA user_version = 999;' >/dev/null
cp "$tmp/newer.rlthf" "$out/newer-schema"
sqlite3 "$tmp/other.db" 'PRAGMA page_size = 512; CREATE TABLE t(x); INSERT INTO t VALUES (1);'
cp "$tmp/other.db" "$out/other-program"
printf '{"prompt":"p","response_a":"a","response_b":"b"}\n' >"$out/not-sqlite"
: >"$out/empty"
ls -l "$out"
