#!/usr/bin/env bash
# A team server that goes silent while a sync waits on it (the network cut, not a refused
# connection): `rlthf team sync` must give up within a minute, not wait out TCP's own retries
# (about 15 minutes), during which a window's next syncs wait and a closed window's program
# stays behind. Runs in a private network namespace, whose loopback it takes down while the
# sync waits on a lock the server holds; needs root (skipped otherwise).
#   silent_network.sh RLTHF
set -uo pipefail
rlthf=$1
if [[ -z ${RLTHF_IN_NETNS:-} ]]; then
    if [[ $(id -u) != 0 ]] || ! unshare -n true 2> /dev/null; then
        echo "skipped: needs root and network namespaces"
        exit 77
    fi
    exec env RLTHF_IN_NETNS=1 unshare -n "$0" "$@"
fi
bin=$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -1)
[[ -x $bin/initdb ]] || { echo "PostgreSQL's server programs are not installed"; exit 1; }
dir=$(mktemp -d)
chmod 755 "$dir"
server() { runuser -u nobody -- "$@"; }
cleanup() {
    ip link set lo up
    [[ -n ${holder:-} ]] && kill "$holder" 2> /dev/null
    server "$bin/pg_ctl" -D "$dir/data" -s -m immediate stop > /dev/null 2>&1
    rm -rf "$dir"
}
trap cleanup EXIT
ip link set lo up
mkdir "$dir/data" && chown nobody "$dir/data"
server "$bin/initdb" -D "$dir/data" -A trust -U rlthf --no-sync > "$dir/initdb.log" 2>&1 || exit 1
server "$bin/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w -s \
    -o "-k $dir/data -c listen_addresses=127.0.0.1 -p 5499" start || exit 1
cd "$dir"
"$rlthf" demo --out lead.rlthf > /dev/null || exit 1
"$rlthf" team publish --db lead.rlthf --server "postgresql://rlthf@127.0.0.1:5499/postgres" \
    --name line3 > /dev/null || exit 1
# Another session (through the Unix socket, which the cut leaves alone) holds a lock that
# the sync's first query waits on.
"$bin/psql" -q -h "$dir/data" -p 5499 -U rlthf postgres \
    -c "BEGIN; LOCK TABLE team_projects IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(600);" \
    > /dev/null 2>&1 &
holder=$!
sleep 1
start=$SECONDS
"$rlthf" team sync --db lead.rlthf > sync.out 2>&1 &
sync=$!
sleep 2 # connected; waiting on the lock
ip link set lo down
for ((i = 0; i < 120; ++i)); do
    kill -0 "$sync" 2> /dev/null || break
    sleep 1
done
if kill -0 "$sync" 2> /dev/null; then
    kill "$sync"
    echo "FAILED: the sync still waited on the silent server $((SECONDS - start)) s later"
    exit 1
fi
wait "$sync"
status=$?
elapsed=$((SECONDS - start))
cat sync.out
if ((status == 0)); then
    echo "FAILED: the sync succeeded although the server could not be reached"
    exit 1
fi
if ((elapsed > 60)); then
    echo "FAILED: the sync gave up only after $elapsed s"
    exit 1
fi
echo "the sync gave up after $elapsed s"
