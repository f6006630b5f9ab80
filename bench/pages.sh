#!/usr/bin/env bash
# bench/pages.sh — what a user meets at province scale: every kind of page at 1,000,000 entities
# (lists, searches, filtered lists, each kind of record page, the start page), each kind for
# DURATION seconds with wrk over many paths of that kind (bench/pages.lua), p50 and p99 per kind.
# Target (issue 11): every page's p99 under 20 ms, on SQLite and PostgreSQL (BACKEND=postgres).
# The data is bench/db.sh's; a plan with drawn tasks is added once if the database has none.
# Environment: ENTITIES, BACKEND, PGSOCKET (bench/db.sh), DURATION (default 5), CONNS (default 4),
# LPORT (default 18082). The last line sums the run up.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-5}
CONNS=${CONNS:-4}
LPORT=${LPORT:-18082}
ninja -C build landun >/dev/null
. bench/db.sh

./build/landun serve --db "$URL" --listen 127.0.0.1:$LPORT --quiet 2>"$OUT/pages-serve.log" &
LPID=$!
WORK=$(mktemp -d)
cleanup() {
    kill "$LPID" 2>/dev/null || true
    wait "$LPID" 2>/dev/null || true
    [ "$BACKEND" = postgres ] && scripts/pg-cluster.sh halt "$PGDIR"
    rm -rf "$WORK"
}
trap cleanup EXIT
BASE="http://127.0.0.1:$LPORT"
for _ in $(seq 100); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.1; done
api() { curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/api/v1$1"; }
post() { curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "$2" "$BASE/api/v1$1"; }
ids() { python3 -c 'import json,sys; print("\n".join(str(r["id"]) for r in json.load(sys.stdin)["rows"]))'; }

# A plan with drawn tasks (once): 200 of the medical line's entities, drawn by two officers.
if [ -z "$(api '/plans' | ids)" ]; then
    echo "== adding a plan of 200 tasks (once)"
    today=$(date +%F); later=$(date -d '+60 days' +%F)
    item=$(post /check-items "{\"code\":\"BENCH-01\",\"name\":\"医疗机构依法执业情况\",\"line\":\"medical\",\"basis\":\"《医疗机构管理条例》第四十条\",\"method\":\"onsite\",\"document\":\"ratio\",\"ratio\":\"5\",\"frequency\":\"每年1次\"}" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
    post "/check-items/$item/publish" '{}' >/dev/null
    plan=$(post /plans "{\"name\":\"全县医疗机构双随机抽查\",\"level\":\"county\",\"year\":\"${today:0:4}\",\"line\":\"medical\",\"items\":[$item],\"quota_mode\":\"count\",\"count\":\"200\",\"starts_on\":\"$today\",\"deadline\":\"$later\"}" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
    post "/plans/$plan/commit" '{"seed_source":"bench"}' >/dev/null
    post "/plans/$plan/draw" '{"seed":"bench 2026"}' >/dev/null
    # the tables the plan filled, as autovacuum would have them (the bench cluster runs without)
    [ "$BACKEND" = postgres ] && psql -qc "ANALYZE task, task_officer, wf_step, wf_deadline," \
        " draw_plan, draw_pool, draw_officer, draw_commitment, audit_log" "$URL"
fi

# The paths of each kind of page.
# 500 entities of admin's county drawn at random from the whole table (ids have gaps)
mine="agency_id = (SELECT agency_id FROM app_user WHERE username = 'admin')"
if [ "$BACKEND" = postgres ]; then
    psql -Atqc "SELECT id FROM entity TABLESAMPLE BERNOULLI (0.1) REPEATABLE (1) WHERE $mine LIMIT 500" "$URL"
else
    sqlite3 "$DB" "SELECT id FROM entity WHERE abs(random()) % 1000 = 0 AND $mine LIMIT 500"
fi | sed 's|^|/entities/|' > "$WORK/entity_page"
seq 1 50 | sed 's|^|/entities?page=|' > "$WORK/entity_list"
python3 -c 'import sys, urllib.parse as u; print("\n".join("/entities?q=" + u.quote(q) for q in sys.argv[1:]))' \
    湖塘镇 诊所 康宁 口腔 花园街 美容 宾馆 游泳 913204 李强 长虹路88 卫 > "$WORK/entity_search"
printf '%s\n' '/entities?line=medical' '/entities?status=open&risk_grade=C' \
    '/entities?subtype=clinic' '/entities?line=public_place&risk_grade=A' \
    '/entities?status=closed' '/entities?line=medical&subtype=clinic&status=open' > "$WORK/entity_filter"
printf '%s\n' '/officers' '/officers?status=active' '/officers?expiring=1' '/officers?q=%E6%9D%8E' > "$WORK/officer_list"
api '/officers?per_page=100' | ids | sed 's|^|/officers/|' > "$WORK/officer_page"
printf '%s\n' '/inspections' '/inspections?type=routine' '/inspections?outcome=rectify' \
    '/inspections?from=2026-01-01&to=2026-12-31' '/inspections/overdue' > "$WORK/inspection_list"
api '/inspections?per_page=100' | ids | sed 's|^|/inspections/|' > "$WORK/inspection_page"
api '/campaigns' | ids | sed 's|^|/campaigns/|' > "$WORK/campaign_page"
plans=$(api '/plans' | ids)
echo "/plans" > "$WORK/plan_list"
echo "$plans" | sed 's|^|/plans/|' > "$WORK/plan_page"
{ echo "/tasks"; echo "/tasks?state=pending"; echo "$plans" | sed 's|^|/tasks?plan=|'; } > "$WORK/task_list"
api "/tasks?plan=$(echo "$plans" | head -1)&per_page=100" | ids | sed 's|^|/tasks/|' > "$WORK/task_page"
printf '%s\n' '/audit' '/audit?before=1000000' '/audit?object_type=entity&object_id=500000' > "$WORK/audit_list"
python3 -c 'import sys, urllib.parse as u; print("\n".join("/audit?q=" + u.quote(q) for q in sys.argv[1:]))' \
    诊所 admin 康宁诊所123 zzzz entity.create 卫 登记 湖塘镇 > "$WORK/audit_search"
printf '%s\n' '/' '/draw-stats' '/inspections/stats' > "$WORK/start_and_figures"

echo "== $BACKEND, $ENTITIES entities: each kind of page, wrk -t1 -c$CONNS -d${DURATION}s"
printf '   %-18s %5s %9s %9s %9s  %s\n' page paths req/s p50 p99 "(target p99 < 20ms)"
worst=0
for kind in entity_list entity_search entity_filter entity_page officer_list officer_page \
    inspection_list inspection_page campaign_page plan_list plan_page task_list task_page \
    audit_list audit_search start_and_figures; do
    n=$(grep -c . "$WORK/$kind" || true)
    [ "$n" -gt 0 ] || { echo "   $kind: no paths"; continue; }
    # every path answers 200 before it is timed
    while read -r p; do
        code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$BASE$p")
        [ "$code" = 200 ] || { echo "   $kind: $p answered $code"; exit 1; }
    done < <(head -5 "$WORK/$kind")
    # one untimed second over the same paths first: the figures are of a running server, not
    # of the first reads of a cluster just started (its buffers empty, the disk cache cold)
    PAGES="$WORK/$kind" wrk -t1 -c"$CONNS" -d1s -s bench/pages.lua \
        -H "Authorization: Bearer $TOKEN" "$BASE" >/dev/null
    out=$(PAGES="$WORK/$kind" wrk -t1 -c"$CONNS" -d"${DURATION}s" --latency -s bench/pages.lua \
        -H "Authorization: Bearer $TOKEN" "$BASE")
    rps=$(echo "$out" | sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p')
    p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
    p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
    bad=$(echo "$out" | sed -n 's/.*Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p')
    ms=$(echo "$p99" | awk '/us$/ {print $1/1000; next} /ms$/ {print $1+0; next} /s$/ {print $1*1000}')
    mark=ok; awk -v m="$ms" 'BEGIN { exit !(m >= 20) }' && mark=SLOW
    awk -v m="$ms" -v w="$worst" 'BEGIN { exit !(m > w) }' && worst=$ms
    printf '   %-18s %5d %9s %9s %9s  %s%s\n' "$kind" "$n" "$rps" "$p50" "$p99" "$mark" \
        "${bad:+ ($bad not 2xx)}"
done
echo "RESULT pages $BACKEND worst_p99=${worst}ms"
