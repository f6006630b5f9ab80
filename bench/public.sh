#!/usr/bin/env bash
# bench/public.sh — the public site against nginx: each public page given on the command line, with
# wrk, against nginx serving the very same bytes as a static file, in the same run on the same
# machine. Public pages need no session, so the limit is the static file: target (issue 16) ≥ 1.0×
# nginx for the public decision list and an entity's public page. The answers come from memory
# (web/public_cache.h, docs/public-site.md) once the first request has made them.
#
#   bench/public.sh [PATH ...]     default: /public/draws /public/power-items /public/guides
#                                  /public/guides/penalty-procedure /public/check-items
#   e.g. bench/public.sh /public/decisions '/public/entities/{entity}' '/public/decisions/{item}'
#
# Besides requests/s, the CPU time each server spent per request (nginx's workers, landun's
# process), which other work on a shared machine disturbs less than the rates.
# In a path, {entity} stands for the entity with the most published items and {item} for a
# published item. The database is bench/db.sh's demo county (ENTITIES, default here 50000; a
# copy of it on SQLite), or on PostgreSQL the demo made in a cluster of its own, with about 5,000
# published penalty items (publicity_item rows, masked data as the public sees it) added once
# across admin's county. Environment: ENTITIES, BACKEND (sqlite | postgres), ITEMS (default
# 5000; 0 adds none), PGDB (on PostgreSQL: a database of this name instead, made empty with
# landun init — for the pages that need no data), DURATION (default 10), CONNS (default 32), LPORT and NPORT (default 18083 and 18084).
# The last line sums the run up.
set -euo pipefail
cd "$(dirname "$0")/.."
export ENTITIES=${ENTITIES:-50000}
ITEMS=${ITEMS:-5000}
DURATION=${DURATION:-10}
CONNS=${CONNS:-32}
LPORT=${LPORT:-18083}
NPORT=${NPORT:-18084}
ninja -C build landun >/dev/null
# the demo seals the identity numbers of the people it makes up: a data key of the bench's own
mkdir -p bench/out
[ -f bench/out/data.key ] || ./build/landun key new bench/out/data.key >/dev/null
export LANDUN_DATA_KEY=${LANDUN_DATA_KEY:-$PWD/bench/out/data.key}
if [ "${BACKEND:-sqlite}" = postgres ]; then
    # The demo made directly in a PostgreSQL cluster kept in bench/out/pg-public-N (once): the
    # demo's recordings keep `landun migrate` from moving bench/db.sh's database.
    OUT=bench/out
    PGDIR="$PWD/$OUT/pg-public-$ENTITIES"
    PGBASE=$(PGCLUSTER_OPTS="-c shared_buffers=${PG_SHARED_BUFFERS:-256MB}" scripts/pg-cluster.sh keep "$PGDIR")
    URL="${PGBASE}${PGDB:-landun}"
    if [ -n "${PGDB:-}" ]; then # a database of that name, made with landun init if new
        psql -Atqc "SELECT 1" "$URL" >/dev/null 2>&1 || psql -qc "CREATE DATABASE $PGDB" "${PGBASE}postgres"
        ./build/landun init --db "$URL" >/dev/null 2>&1
    elif ! psql -Atqc "SELECT 1" "$URL" >/dev/null 2>&1; then
        echo "== generating $ENTITIES entities into PostgreSQL (once)"
        psql -qc "CREATE DATABASE landun" "${PGBASE}postgres"
        LANDUN_FAST_HASH=1 ./build/landun demo --db "$URL" --entities "$ENTITIES" >"$OUT/public-demo.log" 2>&1 ||
            { tail -3 "$OUT/public-demo.log"; psql -qc "DROP DATABASE landun" "${PGBASE}postgres"; exit 1; }
        psql -qc "VACUUM ANALYZE" "$URL"
    fi
else
    . bench/db.sh
fi

# On SQLite, a copy of the database gets the items: bench/db.sh's stays as the demo made it (it is
# what `landun migrate` moves into PostgreSQL).
if [ "$BACKEND" != postgres ]; then
    [ -f "$OUT/public-$ENTITIES.db" ] || sqlite3 "$DB" ".backup '$OUT/public-$ENTITIES.db'"
    DB=$OUT/public-$ENTITIES.db
    URL=$DB
fi
sql() { if [ "$BACKEND" = postgres ]; then psql -Atqc "$1" "$URL"; else sqlite3 "$DB" "$1"; fi; }
apply() { if [ "$BACKEND" = postgres ]; then psql -q -v ON_ERROR_STOP=1 "$URL"; else sqlite3 "$DB"; fi; }

# The published items (once): penalty decisions of the last three years on entities of admin's
# county, as the publicity workflow leaves them (state published, data masked).
if [ "$ITEMS" -gt 0 ] && [ "$(sql "SELECT count(*) FROM publicity_item")" = 0 ]; then
    echo "== adding $ITEMS published penalty items (once)"
    county="(SELECT agency_id FROM app_user WHERE username = 'admin')"
    sql "SELECT a.id, a.name, e.id, e.name, coalesce(e.uscc, ''), coalesce(e.legal_rep, '')
         FROM entity e JOIN agency a ON a.id = e.agency_id
         WHERE e.agency_id = $county AND e.kind = 'org' ORDER BY e.id LIMIT $ITEMS" |
        python3 bench/public_items.py "$ITEMS" "$(date +%s)" | apply
    [ "$BACKEND" = postgres ] && psql -qc "ANALYZE publicity_item" "$URL"
fi

./build/landun serve --db "$URL" --listen 127.0.0.1:$LPORT --quiet 2>"$OUT/public-serve.log" &
LPID=$!
NROOT=$(mktemp -d)
cleanup() {
    kill "$LPID" 2>/dev/null || true
    wait "$LPID" 2>/dev/null || true
    [ "$BACKEND" = postgres ] && scripts/pg-cluster.sh halt "$PGDIR"
    [ -f "$NROOT/nginx.pid" ] && kill "$(cat "$NROOT/nginx.pid")" 2>/dev/null || true
    rm -rf "$NROOT"
}
trap cleanup EXIT
BASE="http://127.0.0.1:$LPORT"
for _ in $(seq 100); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.1; done

cat > "$NROOT/nginx.conf" <<NGINX
worker_processes auto;
pid $NROOT/nginx.pid;
error_log $NROOT/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    server {
        listen 127.0.0.1:$NPORT;
        root $NROOT;
        location / { default_type text/html; }
    }
}
NGINX
nginx -c "$NROOT/nginx.conf" -p "$NROOT"
sleep 0.3

[ $# -gt 0 ] || set -- /public/draws /public/power-items /public/guides \
    /public/guides/penalty-procedure /public/check-items
entity=$(sql "SELECT entity_id FROM publicity_item WHERE state = 'published'
              GROUP BY entity_id ORDER BY count(*) DESC, entity_id LIMIT 1")
item=$(sql "SELECT max(id) FROM publicity_item WHERE state = 'published'")

wrk_rps() { sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p'; }
wrk_n() { awk '/requests in/ {print $1}'; }
# CPU ticks (user + system) of processes: the server's, nginx's workers'
ticks() { local s=0 p; for p in "$@"; do s=$((s + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo $s; }
us_per() { awk -v t="$1" -v n="$2" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t / hz * 1e6 / n }'; }
NWORKERS=$(pgrep -P "$(cat "$NROOT/nginx.pid")" | tr '\n' ' ')
echo "== $BACKEND: each page vs nginx serving its bytes, wrk -t2 -c$CONNS -d${DURATION}s"
printf '   %-36s %8s %10s %10s %7s  %s\n' page bytes nginx landun ratio 'CPU µs/req nginx / landun'
summary="" worst=""
n=0
for path in "$@"; do
    path=${path//\{entity\}/$entity}
    path=${path//\{item\}/$item}
    n=$((n + 1))
    code=$(curl -s -o "$NROOT/page$n.html" -w '%{http_code}' "$BASE$path")
    [ "$code" = 200 ] || { echo "   $path answered $code"; exit 1; }
    size=$(stat -c %s "$NROOT/page$n.html")
    # nginx first, then landun, each after an untimed second
    wrk -t2 -c"$CONNS" -d1s "http://127.0.0.1:$NPORT/page$n.html" >/dev/null
    t0=$(ticks $NWORKERS)
    out=$(wrk -t2 -c"$CONNS" -d"${DURATION}s" "http://127.0.0.1:$NPORT/page$n.html")
    nginx_rps=$(echo "$out" | wrk_rps)
    nginx_us=$(us_per $(($(ticks $NWORKERS) - t0)) "$(echo "$out" | wrk_n)")
    wrk -t2 -c"$CONNS" -d1s "$BASE$path" >/dev/null
    t0=$(ticks "$LPID")
    out=$(wrk -t2 -c"$CONNS" -d"${DURATION}s" "$BASE$path")
    rps=$(echo "$out" | wrk_rps)
    landun_us=$(us_per $(($(ticks "$LPID") - t0)) "$(echo "$out" | wrk_n)")
    bad=$(echo "$out" | sed -n 's/.*Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p')
    ratio=$(awk -v a="$rps" -v b="$nginx_rps" 'BEGIN { printf "%.2f", a / b }')
    printf '   %-36s %8d %10s %10s %6s×  %5s / %s%s\n' "$path" "$size" "$nginx_rps" "$rps" \
        "$ratio" "$nginx_us" "$landun_us" \
        "${bad:+ ($bad not 2xx)}"
    summary="$summary $path=$ratio"
    worst=$(awk -v r="$ratio" -v w="$worst" 'BEGIN { print (w == "" || r < w) ? r : w }')
done
echo "   (the server's memory after the load: $(awk '/VmRSS/ {print int($2/1024)}' "/proc/$LPID/status") MB)"
echo "RESULT public $BACKEND worst_ratio=$worst$summary"
