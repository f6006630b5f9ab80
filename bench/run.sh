#!/usr/bin/env bash
# bench/run.sh — the foundation's benchmarks, on this machine, in one run:
#   1. a database of 1,000,000 entities (generated once into bench/out/, reused afterwards);
#   2. the entity list page (/entities, 20 rows) with wrk, against nginx serving a static file of
#      the same size on the same machine, and the ratio of requests/s;
#   3. the entity search API (/api/v1/entities?q=…) with wrk: requests/s and p50/p99 latency over
#      a mix of Chinese fragments of 1–4 characters;
#   4. the server's resident memory idle and after the load;
#   5. the template engine alone (bench_tmpl);
#   6. enforcement documents rendered to PDF (bench_pdf), and every declared type through the
#      one renderer of data/documents/ (bench_doc_layout).
# Step 2 also measures the server's ceiling (/healthz, /api/v1/me) against the same nginx run.
# Targets (issue 2): list page ≥ 1.0× nginx; search p99 < 20 ms at 1M entities; idle RSS < 50 MB.
# Environment: ENTITIES (default 1000000), DURATION (wrk seconds, default 10), CONNS (default 32),
# LPORT and NPORT (the ports of landun and nginx, default 18080 and 18081),
# BACKEND (sqlite, the default, or postgres: the same database moved into a PostgreSQL cluster
# kept in bench/out/pg with `landun migrate`, once; PGSOCKET=1 connects through the cluster's
# Unix socket instead of TCP; PG_SHARED_BUFFERS sets its shared_buffers, default 256MB). The
# last line sums the run up for bench/both.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10}
CONNS=${CONNS:-32}
LPORT=${LPORT:-18080}
NPORT=${NPORT:-18081}
ninja -C build landun bench_tmpl bench_pdf bench_doc_layout >/dev/null
. bench/db.sh

./build/landun serve --db "$URL" --listen 127.0.0.1:$LPORT --quiet 2>"$OUT/serve.log" &
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
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$LPORT/healthz" >/dev/null && break; sleep 0.1; done
rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$LPID/status"; }
RSS_IDLE=$(rss)

# nginx serving the list page's bytes as a static file.
curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$LPORT/entities" -o "$NROOT/list.html"
SIZE=$(stat -c %s "$NROOT/list.html")
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

wrk_rps() { sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p'; }
echo "== list page /entities ($SIZE bytes) vs nginx static file, wrk -t2 -c$CONNS -d${DURATION}s"
NGINX_RPS=$(wrk -t2 -c"$CONNS" -d"${DURATION}s" "http://127.0.0.1:$NPORT/list.html" | wrk_rps)
LIST_RPS=$(wrk -t2 -c"$CONNS" -d"${DURATION}s" -H "Authorization: Bearer $TOKEN" \
    "http://127.0.0.1:$LPORT/entities" | wrk_rps)
RATIO=$(awk -v a="$LIST_RPS" -v b="$NGINX_RPS" 'BEGIN { printf "%.2f", a / b }')
echo "   nginx  $NGINX_RPS req/s"
echo "   landun $LIST_RPS req/s   ratio $RATIO (target ≥ 1.0)"

# The ceiling for any dynamic page on this server: the smallest request it answers (no login, one
# database ping), and the smallest authenticated one. The list page cannot be faster than these.
HEALTH_RPS=$(wrk -t2 -c"$CONNS" -d"${DURATION}s" "http://127.0.0.1:$LPORT/healthz" | wrk_rps)
ME_RPS=$(wrk -t2 -c"$CONNS" -d"${DURATION}s" -H "Authorization: Bearer $TOKEN" \
    "http://127.0.0.1:$LPORT/api/v1/me" | wrk_rps)
ratio() { awk -v a="$1" -v b="$NGINX_RPS" 'BEGIN { printf "%.2f", a / b }'; }
echo "   ceiling: /healthz $HEALTH_RPS req/s ($(ratio "$HEALTH_RPS")×)," \
    "/api/v1/me $ME_RPS req/s ($(ratio "$ME_RPS")×)"

echo "== search API at $ENTITIES entities, wrk -t2 -c8 -d${DURATION}s, mixed fragments"
SEARCH=$(wrk -t2 -c8 -d"${DURATION}s" --latency -s bench/search.lua \
    -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$LPORT")
SEARCH_RPS=$(echo "$SEARCH" | wrk_rps)
P50=$(echo "$SEARCH" | awk '$1 == "50%" {print $2}')
P99=$(echo "$SEARCH" | awk '$1 == "99%" {print $2}')
echo "   $SEARCH_RPS req/s, p50 $P50, p99 $P99 (target p99 < 20ms)"
echo "$SEARCH" | grep -E "Non-2xx|Socket errors" || true

RSS_LOAD=$(rss)
echo "== memory: idle $RSS_IDLE MB, after load $RSS_LOAD MB (target idle < 50 MB)"
echo "== template engine"
./build/bench_tmpl
./build/bench_pdf
./build/bench_doc_layout
echo "RESULT $BACKEND list=$LIST_RPS nginx=$NGINX_RPS ratio=$RATIO search=$SEARCH_RPS p50=$P50" \
    "p99=$P99 rss_idle=${RSS_IDLE}MB rss_load=${RSS_LOAD}MB"
