#!/usr/bin/env bash
# bench/both.sh — bench/run.sh on SQLite and then on PostgreSQL (the same 1,000,000 entities),
# and the two summaries side by side. Target (issue 3): PostgreSQL within 2× of SQLite on reads.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out
mkdir -p "$OUT"
for b in sqlite postgres; do
    echo "######## $b"
    BACKEND=$b bench/run.sh | tee "$OUT/run-$b.txt"
done
field() { grep '^RESULT' "$OUT/run-$1.txt" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
echo
printf '%-28s %14s %14s\n' "" SQLite PostgreSQL
printf '%-28s %14s %14s\n' "list page req/s" "$(field sqlite list)" "$(field postgres list)"
printf '%-28s %14s %14s\n' "  ratio to nginx" "$(field sqlite ratio)" "$(field postgres ratio)"
printf '%-28s %14s %14s\n' "search API req/s" "$(field sqlite search)" "$(field postgres search)"
printf '%-28s %14s %14s\n' "search p50" "$(field sqlite p50)" "$(field postgres p50)"
printf '%-28s %14s %14s\n' "search p99" "$(field sqlite p99)" "$(field postgres p99)"
printf '%-28s %14s %14s\n' "server RSS idle" "$(field sqlite rss_idle)" "$(field postgres rss_idle)"
awk -v a="$(field sqlite list)" -v b="$(field postgres list)" -v c="$(field sqlite search)" \
    -v d="$(field postgres search)" 'BEGIN {
        printf "SQLite/PostgreSQL: list page %.2f×, search %.2f× (target ≤ 2×)\n", a / b, c / d }'
