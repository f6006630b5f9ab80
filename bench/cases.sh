#!/usr/bin/env bash
# bench/cases.sh — penalty cases at province scale (bench/cases.c): 200,000 cases of a year in 78
# counties; the figures of the province-year (case_stats), a county officer's lists (p50, p99), and
# the time to render a case's document (bench_doc_layout, DOC_TYPE: default prior_notice; the
# decision, penalty_decision, once it is declared in data/documents/). Targets: list p99 under
# 20 ms, figures under 1 s. SQLite; with BACKEND=postgres also PostgreSQL, in a cluster kept in
# bench/out/pg-cases. The data is generated once into each database and reused.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out
mkdir -p "$OUT"
ninja -C build bench_cases bench_doc_layout >/dev/null
echo "== SQLite"
./build/bench_cases --db "$OUT/cases-200000.db"
if [ "${BACKEND:-sqlite}" = postgres ]; then
    PGDIR="$PWD/$OUT/pg-cases"
    BASE=$(PGCLUSTER_OPTS="-c shared_buffers=256MB" scripts/pg-cluster.sh keep "$PGDIR")
    trap 'scripts/pg-cluster.sh halt "$PGDIR"' EXIT
    psql -Atqc "SELECT 1" "${BASE}cases" >/dev/null 2>&1 ||
        psql -qc "CREATE DATABASE cases" "${BASE}postgres"
    echo "== PostgreSQL"
    # the visibility map a server's autovacuum keeps (index-only scans), which the bench cluster
    # runs without: as bench/db.sh does
    ./build/bench_cases --db "${BASE}cases" --generate
    psql -qc "VACUUM" "${BASE}cases"
    ./build/bench_cases --db "${BASE}cases"
fi
echo "== the document ${DOC_TYPE:-prior_notice}"
./build/bench_doc_layout "${DOC_N:-50}" "${DOC_TYPE:-prior_notice}"
