#!/usr/bin/env bash
# bench/upload.sh — resumable uploads into the evidence store (docs/evidence.md), over HTTP on
# this machine, with the release server on a fresh SQLite database:
#   1. one file of SIZE_MB (default 1024) random bytes behind "%PDF-1.4\n", sent in ONE tus PATCH
#      by curl (streamed from the file), against `sha256sum` of the same file in the same run,
#      both reading it from the page cache: MB/s of each and their ratio. The upload's time runs
#      from the PATCH to its answer, so it holds the server's receiving, hashing, writing and the
#      fsync of the whole file before it answers 204;
#   2. the server's resident memory before the upload and its peak (VmHWM) after;
#   3. CONC (default 20) uploads of CONC_MB (default 50) each at once, each its own upload and
#      its own curl: the time until the last answered, MB/s together, that every one ended with
#      Upload-Offset equal to its length, and the peak memory after;
#   4. the peak memory after one login, for comparison (its password hash takes 64 MB).
# The uploads are an officer's, with an API token (docs/api.md).
# For reference it also times writing the same file with `dd … conv=fsync` (what the disk
# alone costs), and reports the CPU time of the server's threads during the upload and their
# time spent waiting for a CPU (the machine's other work), curl's and sha256sum's CPU time, and
# when the last byte had reached the server's file (so what the fsync after it took).
# Targets (issue 15): the upload at ≥ 0.8× sha256sum's rate; peak memory under 64 MB.
# Environment: SIZE_MB, CONC, CONC_MB, LPORT (default 18083). Needs about 3 × SIZE_MB plus
# CONC × CONC_MB of free disk in bench/out; everything it writes is removed at the end. The last
# line sums the run up.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
SIZE_MB=${SIZE_MB:-1024}
CONC=${CONC:-20}
CONC_MB=${CONC_MB:-50}
LPORT=${LPORT:-18083}
OUT=bench/out
DB=$OUT/upload.db
EV=$OUT/upload-evidence
WORK=$OUT/upload-work
mkdir -p "$OUT"
ninja -C build landun >/dev/null

need=$(( (3 * SIZE_MB + CONC * CONC_MB) * 1024 ))
avail=$(df -Pk "$OUT" | awk 'NR == 2 {print $4}')
if [ "$avail" -lt "$need" ]; then
    echo "bench/upload.sh: $((avail / 1024)) MB free in $OUT, $((need / 1024)) MB needed" \
        "(set SIZE_MB lower)" >&2
    exit 1
fi

rm -rf "$DB" "$DB-wal" "$DB-shm" "$EV" "$WORK"
mkdir -p "$WORK"
PASSWORD=bench-upload-2026
./build/landun init --db "$DB" >/dev/null 2>&1
./build/landun agency add 320412 测试县卫生健康委员会 --db "$DB" >/dev/null
echo "$PASSWORD" | ./build/landun user add bench --role officer --agency 320412 \
    --password-stdin --db "$DB" >/dev/null
# The uploads use an API token: a login would put its password hash (Argon2id, 64 MB of memory)
# into the server's peak, which is measured on its own at the end.
TOKEN=$(./build/landun token create bench --name bench --db "$DB")

./build/landun serve --db "$DB" --evidence "$EV" --listen "127.0.0.1:$LPORT" --quiet \
    2>"$OUT/upload-serve.log" &
LPID=$!
cleanup() {
    kill "$LPID" 2>/dev/null || true
    wait "$LPID" 2>/dev/null || true
    rm -rf "$WORK" "$EV" "$DB" "$DB-wal" "$DB-shm"
}
trap cleanup EXIT
BASE="http://127.0.0.1:$LPORT"
for _ in $(seq 100); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.1; done

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
mbps() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / 1048576 / s }'; }
kb() { awk -v k="$1" '$1 == k":" {print $2}' "/proc/$LPID/status"; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
# the server's threads: CPU time and time spent runnable but waiting for a CPU, in ns
sched() { cat "/proc/$LPID/task/"*/schedstat | awk '{c += $1; w += $2} END {print c, w}'; }
# user + system CPU seconds of a command timed by /usr/bin/time -f '%U %S' into file $1
cpu_of() { awk '{printf "%.2f", $1 + $2}' "$1"; }

# A new upload of $1 bytes: prints its id.
upload_new() {
    curl -sf -D - -o /dev/null -H "Authorization: Bearer $TOKEN" \
        -H 'Tus-Resumable: 1.0.0' -H "Upload-Length: $1" -X POST "$BASE/api/v1/uploads" |
        sed -n 's|^Location: /api/v1/uploads/\([0-9a-f]*\).*|\1|p'
}
# The whole of file $2 in one PATCH of upload $1, streamed by curl (-T, no Expect: 100-continue);
# prints the status and the Upload-Offset the server answered. curl's CPU time: $WORK/$1.time.
upload_patch() {
    /usr/bin/time -f '%U %S' -o "$WORK/$1.time" \
        curl -s -D "$WORK/$1.h" -o /dev/null -w '%{http_code}' \
        -H "Authorization: Bearer $TOKEN" -H 'Tus-Resumable: 1.0.0' \
        -H 'Content-Type: application/offset+octet-stream' -H 'Upload-Offset: 0' -H 'Expect:' \
        -X PATCH -T "$2" "$BASE/api/v1/uploads/$1"
    echo " $(sed -n 's/^Upload-Offset: \([0-9]*\).*/\1/p' "$WORK/$1.h")"
}

BIG=$WORK/big
SIZE=$((SIZE_MB * 1048576))
echo "== a file of $SIZE_MB MB of random bytes (\"%PDF-1.4\\n\" first)"
{ printf '%%PDF-1.4\n'; head -c $((SIZE - 9)) /dev/urandom; } > "$BIG"
sync "$BIG" # its own writing-back must not fall into the measurements

t0=$(now)
dd if="$BIG" of="$WORK/copy" bs=1M conv=fsync status=none
t1=$(now)
rm -f "$WORK/copy"
DD_S=$(secs "$t0" "$t1")

cat "$BIG" >/dev/null # both read it from the page cache
t0=$(now)
/usr/bin/time -f '%U %S' -o "$WORK/sha.time" sha256sum "$BIG" >/dev/null
t1=$(now)
SHA_S=$(secs "$t0" "$t1")

ID=$(upload_new "$SIZE")
RSS_BEFORE=$(kb VmRSS)
HWM_BEFORE=$(kb VmHWM)
# when the last byte reached the server's file (the rest of the PATCH is the fsync and answer)
( while [ "$(stat -c %s "$EV/partial/$ID" 2>/dev/null || echo 0)" -lt "$SIZE" ]; do
      sleep 0.02; done; now > "$WORK/arrived" ) &
WATCH=$!
read -r c0 w0 < <(sched)
t0=$(now)
read -r CODE OFFSET < <(upload_patch "$ID" "$BIG")
t1=$(now)
read -r c1 w1 < <(sched)
wait "$WATCH" 2>/dev/null || true
UP_S=$(secs "$t0" "$t1")
FSYNC_S=$(secs "$(cat "$WORK/arrived" 2>/dev/null || echo "$t1")" "$t1")
CPU_S=$(awk -v a="$c0" -v b="$c1" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
WAIT_S=$(awk -v a="$w0" -v b="$w1" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
HWM=$(kb VmHWM)
RSS_AFTER=$(kb VmRSS)
if [ "$CODE" != 204 ] || [ "$OFFSET" != "$SIZE" ]; then
    echo "   the upload answered $CODE with Upload-Offset $OFFSET, not 204 with $SIZE" >&2
    exit 1
fi
cmp -s "$BIG" "$EV/partial/$ID" || { echo "   the stored bytes differ from the file" >&2; exit 1; }
rm -f "$EV/partial/$ID"
RATIO=$(awk -v u="$UP_S" -v s="$SHA_S" 'BEGIN { printf "%.2f", s / u }')
line() { printf '   %-40s %6s s %6s\n' "$1" "$2" "${3:+$(mbps "$SIZE" "$3") MB/s}"; }
line "sha256sum" "$SHA_S" "$SHA_S"
line "upload, one PATCH (204, whole)" "$UP_S" "$UP_S"
echo "   ratio $RATIO (target ≥ 0.8)"
line "  of which after the last byte (fsync)" "$FSYNC_S"
line "  the server's CPU time" "$CPU_S"
line "  the server waiting for a CPU" "$WAIT_S"
line "  curl's CPU time" "$(cpu_of "$WORK/$ID.time")"
line "  sha256sum's CPU time" "$(cpu_of "$WORK/sha.time")"
line "dd conv=fsync of the same file" "$DD_S" "$DD_S"
echo "== memory: $(mb "$RSS_BEFORE") MB before the upload (peak so far $(mb "$HWM_BEFORE") MB)," \
    "$(mb "$RSS_AFTER") MB after, peak $(mb "$HWM") MB (target < 64 MB)"
rm -f "$BIG"

echo "== $CONC uploads of $CONC_MB MB at once, each its own upload and curl"
SMALL=$WORK/small
{ printf '%%PDF-1.4\n'; head -c $((CONC_MB * 1048576 - 9)) /dev/urandom; } > "$SMALL"
sync "$SMALL"
cat "$SMALL" >/dev/null
SMALL_SIZE=$((CONC_MB * 1048576))
ids=()
for _ in $(seq "$CONC"); do ids+=("$(upload_new "$SMALL_SIZE")"); done
pids=()
t0=$(now)
for id in "${ids[@]}"; do
    upload_patch "$id" "$SMALL" > "$WORK/$id.out" &
    pids+=($!)
done
wait "${pids[@]}"
t1=$(now)
CONC_S=$(secs "$t0" "$t1")
whole=0
for id in "${ids[@]}"; do
    [ "$(cat "$WORK/$id.out")" = "204 $SMALL_SIZE" ] && whole=$((whole + 1))
done
CONC_HWM=$(kb VmHWM)
CONC_MBPS=$(mbps $((CONC * SMALL_SIZE)) "$CONC_S")
echo "   $CONC_S s for $((CONC * CONC_MB)) MB, $CONC_MBPS MB/s together;" \
    "$whole of $CONC ended with Upload-Offset = length; peak memory $(mb "$CONC_HWM") MB"
[ "$whole" = "$CONC" ] || { echo "   not every upload arrived whole" >&2; exit 1; }

# What a login costs the server's memory, for comparison: the password hash (Argon2id, libsodium's
# interactive limits) takes 64 MB while it runs.
curl -sf -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"username\":\"bench\",\"password\":\"$PASSWORD\"}" "$BASE/api/v1/login"
LOGIN_HWM=$(kb VmHWM)
echo "== one login afterwards (password hash): peak memory $(mb "$LOGIN_HWM") MB"

echo "RESULT upload size=${SIZE_MB}MB sha256sum=$(mbps "$SIZE" "$SHA_S")MB/s" \
    "upload=$(mbps "$SIZE" "$UP_S")MB/s ratio=$RATIO fsync=${FSYNC_S}s" \
    "rss_before=$(mb "$RSS_BEFORE")MB peak=$(mb "$HWM")MB" \
    "concurrent=${CONC}x${CONC_MB}MB ${CONC_S}s ${CONC_MBPS}MB/s whole=$whole" \
    "peak=$(mb "$CONC_HWM")MB" \
    "after_login=$(mb "$LOGIN_HWM")MB"
