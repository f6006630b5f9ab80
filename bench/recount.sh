#!/usr/bin/env bash
# bench/recount.sh — loading next year's holiday notice in a province's December: N provisional
# deadlines (default 50,000, one per random-check task inspected in the last weeks of the year)
# counted again by `landun calendar import`, on SQLite (and PostgreSQL with BACKEND=postgres, in
# a cluster kept in bench/out/pg-recount). The import is one transaction; what it costs grows
# with the provisional deadlines, which only the weeks before a notice accumulate.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out
N=${N:-50000}
NOTICE=tests/data/notice_2027_test.json
mkdir -p "$OUT"
ninja -C build landun >/dev/null

# N publication deadlines opened between 2026-12-01 and 2026-12-31, counted provisionally
fill() {
    cat <<SQL
INSERT INTO wf_deadline (kind, object_id, agency_id, name, label, basis, start_on, due_on, days,
                         working, provisional)
SELECT 'task', g, (SELECT MIN(id) FROM agency), 'publish', '结果公示期限', 'bench',
       '2026-12-' || lpad((1 + g % 28)::text, 2, '0'), '2027-01-29', 20, 1, 1
FROM generate_series(1, $N) g;
SQL
}

run() { # $1: database
    local t0 t1
    t0=$(date +%s.%N)
    LANDUN_NOW=2026-12-20 ./build/landun calendar import "$NOTICE" --db "$1" >"$OUT/recount.out"
    t1=$(date +%s.%N)
    head -1 "$OUT/recount.out"
    printf '  %d provisional deadlines counted again in %.2f s\n' "$N" "$(echo "$t1 - $t0" | bc)"
}

echo "== SQLite"
DB="$OUT/recount.db"
rm -f "$DB" "$DB-wal" "$DB-shm"
./build/landun init --db "$DB" >/dev/null 2>&1
./build/landun agency add 320000 江苏省卫生健康委员会 --level province --db "$DB" >/dev/null
python3 - "$DB" "$N" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1]); n = int(sys.argv[2])
aid = db.execute("SELECT MIN(id) FROM agency").fetchone()[0]
db.executemany(
    "INSERT INTO wf_deadline (kind, object_id, agency_id, name, label, basis, start_on, due_on,"
    " days, working, provisional) VALUES ('task', ?, ?, 'publish', '结果公示期限', 'bench', ?,"
    " '2027-01-29', 20, 1, 1)",
    [(g, aid, '2026-12-%02d' % (1 + g % 28)) for g in range(1, n + 1)])
db.commit()
PY
run "$DB"

if [ "${BACKEND:-sqlite}" = postgres ]; then
    PGDIR="$PWD/$OUT/pg-recount"
    BASE=$(scripts/pg-cluster.sh keep "$PGDIR")
    trap 'scripts/pg-cluster.sh halt "$PGDIR"' EXIT
    psql -qc "DROP DATABASE IF EXISTS recount" "${BASE}postgres"
    psql -qc "CREATE DATABASE recount" "${BASE}postgres"
    ./build/landun init --db "${BASE}recount" >/dev/null 2>&1
    ./build/landun agency add 320000 江苏省卫生健康委员会 --level province --db "${BASE}recount" >/dev/null
    fill | psql -q "${BASE}recount"
    echo "== PostgreSQL"
    run "${BASE}recount"
fi
