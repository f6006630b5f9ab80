#!/usr/bin/env bash
# bench/complaints.sh — complaints at province scale (bench/complaints.c): 1,000,000 complaints of
# a year in 78 counties; the province-year's statistics, a handler's work list (p50, p99), and
# 100 public submissions at once. Targets (issue 12): statistics under 1 s, work list p99 under
# 20 ms, no submission lost. SQLite; with BACKEND=postgres also PostgreSQL, in a cluster kept in
# bench/out/pg-complaints. The data is generated once into each database and reused.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out
mkdir -p "$OUT"
ninja -C build bench_complaints >/dev/null
echo "== SQLite"
./build/bench_complaints --db "$OUT/complaints-1000000.db"
if [ "${BACKEND:-sqlite}" = postgres ]; then
    PGDIR="$PWD/$OUT/pg-complaints"
    BASE=$(PGCLUSTER_OPTS="-c shared_buffers=256MB -c max_connections=200" scripts/pg-cluster.sh keep "$PGDIR")
    trap 'scripts/pg-cluster.sh halt "$PGDIR"' EXIT
    psql -Atqc "SELECT 1" "${BASE}complaints" >/dev/null 2>&1 ||
        psql -qc "CREATE DATABASE complaints" "${BASE}postgres"
    echo "== PostgreSQL"
    ./build/bench_complaints --db "${BASE}complaints"
fi
