#!/usr/bin/env bash
# bench/publicity_export.sh — the 双公示 export at province scale (bench/publicity_export.c):
# 200,000 published penalty decisions of a year in 78 counties, exported whole in each format
# (CSV UTF-8, CSV GBK, JSON, XLSX) and incrementally. Target: each under 5 s. SQLite; with
# BACKEND=postgres also PostgreSQL, in a cluster kept in bench/out/pg-publicity. The data is
# generated once into each database and reused; the files are written to bench/out.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out
mkdir -p "$OUT"
ninja -C build bench_publicity_export >/dev/null
echo "== SQLite"
./build/bench_publicity_export --db "$OUT/publicity-200000.db"
if [ "${BACKEND:-sqlite}" = postgres ]; then
    PGDIR="$PWD/$OUT/pg-publicity"
    BASE=$(PGCLUSTER_OPTS="-c shared_buffers=256MB" scripts/pg-cluster.sh keep "$PGDIR")
    trap 'scripts/pg-cluster.sh halt "$PGDIR"' EXIT
    psql -Atqc "SELECT 1" "${BASE}publicity" >/dev/null 2>&1 ||
        psql -qc "CREATE DATABASE publicity" "${BASE}postgres"
    echo "== PostgreSQL"
    ./build/bench_publicity_export --db "${BASE}publicity" --generate
    psql -qc "VACUUM" "${BASE}publicity"
    ./build/bench_publicity_export --db "${BASE}publicity"
fi
