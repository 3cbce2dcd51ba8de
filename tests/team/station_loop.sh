#!/usr/bin/env bash
# One team station's expert, as the multi-station test runs it:
#   station_loop.sh RLTHF STATION.rlthf ANNOTATOR ACKED TARGET PARITY
# Until ACKED holds TARGET lines: list the items the station holds claims on (rlthf queue
# claims the next ones when it holds none), record a verdict on each (a when the pair id
# plus PARITY is even, else b, so that stations disagree on shared items; its pair id goes into
# ACKED once `rlthf annotate` has exited 0, i.e. the verdict is durable), then sync. A sync
# or claim that fails (the server restarting) is simply tried again later.
set -u
rlthf=$1 db=$2 who=$3 acked=$4 target=$5 parity=$6
touch "$acked"
n=$(wc -l < "$acked")
while ((n < target)); do
    ids=$("$rlthf" queue --db "$db" --json --limit 20 2>/dev/null |
        grep -o '"pair": [0-9]*' | grep -o '[0-9]*$')
    if [[ -z $ids ]]; then
        "$rlthf" team sync --db "$db" > /dev/null 2>&1
        sleep 0.2
        continue
    fi
    for id in $ids; do
        ((n >= target)) && break
        verdict=a
        (((id + parity) % 2)) && verdict=b
        if "$rlthf" annotate --db "$db" --pair "$id" --verdict $verdict --annotator "$who" \
            > /dev/null 2>&1; then
            echo "$id" >> "$acked"
            n=$((n + 1))
        fi
    done
    "$rlthf" team sync --db "$db" > /dev/null 2>&1
done
