# bench/db.sh — sourced by the benchmarks: the database of $ENTITIES entities (generated once into
# bench/out/, reused afterwards) and, with BACKEND=postgres, the same data moved into a
# PostgreSQL cluster kept in bench/out/pg-N with `landun migrate` (once). Sets DB (the SQLite
# file), URL (what the server opens), TOKEN (an API token of admin) and, on PostgreSQL, PGDIR.
# Environment: ENTITIES (default 1000000), BACKEND (sqlite | postgres), PGSOCKET=1 (connect
# through the cluster's Unix socket), PG_SHARED_BUFFERS (default 256MB).
ENTITIES=${ENTITIES:-1000000}
OUT=bench/out
DB=$OUT/bench-$ENTITIES.db
mkdir -p "$OUT"
if [ ! -f "$DB" ]; then
    echo "== generating $ENTITIES entities into $DB (once)"
    start=$(date +%s)
    LANDUN_FAST_HASH=1 ./build/landun demo --db "$DB.tmp" --entities "$ENTITIES" >/dev/null
    mv "$DB.tmp" "$DB"
    [ -f "$DB.tmp-wal" ] && mv "$DB.tmp-wal" "$DB-wal" || true
    echo "   generated in $(( $(date +%s) - start )) s, $(du -h "$DB" | cut -f1)"
fi
BACKEND=${BACKEND:-sqlite}
URL=$DB
if [ "$BACKEND" = postgres ]; then
    PGDIR="$PWD/$OUT/pg-$ENTITIES"
    BASE=$(PGCLUSTER_OPTS="-c shared_buffers=${PG_SHARED_BUFFERS:-256MB}" scripts/pg-cluster.sh keep "$PGDIR")
    URL="${BASE}landun"
    if ! psql -Atqc "SELECT 1" "$URL" >/dev/null 2>&1; then
        echo "== moving $ENTITIES entities into PostgreSQL with landun migrate (once)"
        psql -qc "CREATE DATABASE landun" "${BASE}postgres"
        start=$(date +%s)
        ./build/landun migrate --from "sqlite:$DB" --to "$URL" >"$OUT/migrate.log" 2>&1 ||
            { cat "$OUT/migrate.log"; psql -qc "DROP DATABASE landun" "${BASE}postgres"; exit 1; }
        psql -qc "VACUUM ANALYZE" "$URL"
        echo "   moved in $(( $(date +%s) - start )) s"
    fi
    # PGSOCKET=1: the server talks to PostgreSQL through its Unix socket instead of TCP on
    # loopback, as a server on the database's own machine can.
    if [ -n "${PGSOCKET:-}" ]; then
        URL="postgresql:///landun?host=$PGDIR/sock&port=$(echo "$BASE" | sed 's/.*:\([0-9]*\)\/$/\1/')&user=landun"
    fi
fi
# (This applies the migrations the database lacks. On PostgreSQL, VACUUM then sets the visibility
# map a server with autovacuum keeps, which the bench cluster runs without. Not ANALYZE: the
# statistics were taken when the data was loaded, and a new sample can change a plan from one run
# to the next — see docs/benchmarks.md.)
TOKEN=$(./build/landun token create admin --db "$URL" --name bench)
if [ "$BACKEND" = postgres ]; then psql -qc "VACUUM" "$URL"; fi
