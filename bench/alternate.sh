#!/usr/bin/env bash
# bench/alternate.sh — SQLite and PostgreSQL side by side on a busy machine: both servers run at
# once on the data bench/run.sh prepared (run `make bench` once first), and wrk goes round them in
# turn, ROUNDS rounds of DURATION seconds for the list page and for the search mix; the medians
# and their ratio. Other work on the machine then weighs on both alike, where two runs of
# bench/run.sh a minute apart may meet very different loads.
# Environment: ENTITIES (default 1000000), ROUNDS (default 7), DURATION (default 6),
# BEFORE (another landun binary, e.g. one built from an earlier commit: it is measured on
# PostgreSQL too), PGSOCKET=1 (PostgreSQL through its Unix socket instead of TCP),
# PG_SHARED_BUFFERS (the cluster's shared_buffers, default 256MB).
set -euo pipefail
cd "$(dirname "$0")/.."
ENTITIES=${ENTITIES:-1000000}
ROUNDS=${ROUNDS:-7}
DURATION=${DURATION:-6}
OUT=bench/out
DB=$OUT/bench-$ENTITIES.db
PGDIR="$PWD/$OUT/pg-$ENTITIES"
[ -f "$DB" ] && [ -d "$PGDIR" ] || { echo "no benchmark data: run make bench first" >&2; exit 1; }
ninja -C build landun >/dev/null
BASE=$(PGCLUSTER_OPTS="-c shared_buffers=${PG_SHARED_BUFFERS:-256MB}" scripts/pg-cluster.sh keep "$PGDIR")
PG="${BASE}landun"
if [ -n "${PGSOCKET:-}" ]; then
    PG="postgresql:///landun?host=$PGDIR/sock&port=$(echo "$BASE" | sed 's/.*:\([0-9]*\)\/$/\1/')&user=landun"
fi
TS=$(./build/landun token create admin --db "$DB" --name bench)
TP=$(./build/landun token create admin --db "$PG" --name bench)

# name port binary url token, one server each
SERVERS=("sqlite 18190 ./build/landun $DB $TS" "postgres 18191 ./build/landun $PG $TP")
[ -n "${BEFORE:-}" ] && SERVERS+=("before 18192 $BEFORE $PG $TP")
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    scripts/pg-cluster.sh halt "$PGDIR"
}
trap cleanup EXIT
for s in "${SERVERS[@]}"; do
    read -r name port bin url token <<<"$s"
    "$bin" serve --db "$url" --listen "127.0.0.1:$port" --quiet 2>"$OUT/alternate-$name.log" &
    PIDS+=($!)
    for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
done

# measure KIND PORT TOKEN: "req/s p50 p99"
measure() {
    local args=(-t2 -c32 "-d${DURATION}s" --latency -H "Authorization: Bearer $3")
    if [ "$1" = list ]; then
        wrk "${args[@]}" "http://127.0.0.1:$2/entities"
    else
        wrk "${args[@]/-c32/-c8}" -s bench/search.lua "http://127.0.0.1:$2"
    fi | awk '$1 == "50%" {a = $2} $1 == "99%" {b = $2} /^Requests\/sec/ {r = $2} END {print r, a, b}'
}
RAW=$OUT/alternate.txt
: >"$RAW"
for s in "${SERVERS[@]}"; do # warm up
    read -r name port bin url token <<<"$s"
    measure search "$port" "$token" >/dev/null
done
for kind in list search; do
    for r in $(seq "$ROUNDS"); do
        for s in "${SERVERS[@]}"; do
            read -r name port bin url token <<<"$s"
            echo "$kind $name $(measure "$kind" "$port" "$token")" | tee -a "$RAW"
        done
    done
done
echo "== medians over $ROUNDS rounds of ${DURATION} s (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
python3 - "$RAW" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
for kind in ('list', 'search'):
    got = {}
    for r in rows:
        if r[0] == kind:
            got.setdefault(r[1], []).append(r)
    sq = statistics.median(float(r[2]) for r in got['sqlite'])
    line = '%-6s sqlite %7.0f req/s' % (kind, sq)
    for name in ('postgres', 'before'):
        if name in got:
            m = statistics.median(float(r[2]) for r in got[name])
            line += ' | %s %7.0f req/s (%.2f× slower)' % (name, m, sq / m)
    print(line)
PY
