#!/usr/bin/env bash
# bench/draw.sh — the random draw at province scale (bench/draw.c): 5% of 1,000,000 entities with
# teams of two from 5,000 officers, in memory, then through the database (SQLite; with
# BACKEND=postgres also PostgreSQL, in a cluster kept in bench/out/pg-draw). Target: the draw and
# its verification each under 1 s. The registry for the database path is generated once into
# bench/out/ and reused.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out
mkdir -p "$OUT"
ninja -C build bench_draw >/dev/null
echo "== in memory"
./build/bench_draw
echo "== SQLite"
./build/bench_draw --db "$OUT/draw-1000000.db"
if [ "${BACKEND:-sqlite}" = postgres ]; then
    PGDIR="$PWD/$OUT/pg-draw"
    BASE=$(PGCLUSTER_OPTS="-c shared_buffers=256MB" scripts/pg-cluster.sh keep "$PGDIR")
    trap 'scripts/pg-cluster.sh halt "$PGDIR"' EXIT
    psql -Atqc "SELECT 1" "${BASE}draw" >/dev/null 2>&1 || psql -qc "CREATE DATABASE draw" "${BASE}postgres"
    echo "== PostgreSQL"
    ./build/bench_draw --db "${BASE}draw"
fi
