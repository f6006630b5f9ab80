#!/usr/bin/env bash
# bench/closing.sh — the pre-closing check (结案前检查, law/case_closing.c) of one case whose file
# holds 200 documents (bench/closing.c): median and worst of 200 runs. Target: under 10 ms.
# SQLite in a fresh file; with BACKEND=postgres also PostgreSQL, in a throw-away cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out
mkdir -p "$OUT"
ninja -C build bench_closing >/dev/null
rm -f "$OUT/closing.db"
./build/bench_closing --db "$OUT/closing.db"
if [ "${BACKEND:-sqlite}" = postgres ]; then
    PGDIR="$PWD/$OUT/pg-closing"
    rm -rf "$PGDIR"
    BASE=$(scripts/pg-cluster.sh keep "$PGDIR")
    trap 'scripts/pg-cluster.sh halt "$PGDIR"; rm -rf "$PGDIR"' EXIT
    psql -qc "CREATE DATABASE closing" "${BASE}postgres"
    ./build/bench_closing --db "${BASE}closing"
fi
