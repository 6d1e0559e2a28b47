#!/usr/bin/env bash
# The load test of issue 8 §4: wrk against a mixed read/write workload
# (bench/load.lua: plan trees, goal pages, goals as JSON, outcome PUTs, all
# with an API key) on 127.0.0.1, then the same workload for a shorter run
# against the ASan build with leak detection. Not a ctest test (it takes
# minutes); the figures go to bench/RESULTS.md.
#
#   bench/load.sh [--db URL] [--duration S] [--connections N] [--threads N]
#                 [--serve-threads N] [--warmup S] [--asan-duration S] [--no-asan]
#
# Defaults: 60 s at 256 connections, 2 wrk threads, a 10 s warm-up with the
# same workload, the server's default worker threads, 15 s under ASan at 64
# connections. Without --db it makes a demo database in a temp dir; with
# --db (a file or postgres://…, holding the demo data) it uses that one and
# overwrites its 2021-T1 outcomes. Fails (exit 1) on any error answer, any
# socket error, RSS still growing (highest RSS of the run's second half more
# than 5 % over the first half's; sampled every 5 s), or any ASan/LSan/UBSan
# report. Builds RelWithDebInfo in
# $BENCH_DIR/build and ASan in $BENCH_DIR/build-asan (BENCH_DIR defaults to
# /tmp/rodtrad-bench-load), or uses BENCH_RODTRAD / BENCH_RODTRAD_ASAN.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH_DIR=${BENCH_DIR:-/tmp/rodtrad-bench-load}
DB= DURATION=60 CONNS=256 WRK_THREADS=2 SERVE_THREADS= WARMUP=10 ASAN_DURATION=15 ASAN=1
while [ $# -gt 0 ]; do
	case "$1" in
	--db) DB=$2; shift 2 ;;
	--duration) DURATION=$2; shift 2 ;;
	--connections) CONNS=$2; shift 2 ;;
	--threads) WRK_THREADS=$2; shift 2 ;;
	--serve-threads) SERVE_THREADS=$2; shift 2 ;;
	--warmup) WARMUP=$2; shift 2 ;;
	--asan-duration) ASAN_DURATION=$2; shift 2 ;;
	--no-asan) ASAN=0; shift ;;
	-h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "load.sh: okänd flagga $1" >&2; exit 2 ;;
	esac
done

"$ROOT/scripts/deps.sh" wrk curl jq
mkdir -p "$BENCH_DIR"
RODTRAD=${BENCH_RODTRAD:-}
if [ -z "$RODTRAD" ]; then
	cmake -S "$ROOT" -B "$BENCH_DIR/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	cmake --build "$BENCH_DIR/build" -j "$(nproc)" --target rodtrad >/dev/null
	RODTRAD=$BENCH_DIR/build/rodtrad
fi
RODTRAD_ASAN=${BENCH_RODTRAD_ASAN:-}
if [ "$ASAN" = 1 ] && [ -z "$RODTRAD_ASAN" ]; then
	cmake -S "$ROOT" -B "$BENCH_DIR/build-asan" -DCMAKE_BUILD_TYPE=Debug -DRT_SANITIZE=ON >/dev/null
	cmake --build "$BENCH_DIR/build-asan" -j "$(nproc)" --target rodtrad >/dev/null
	RODTRAD_ASAN=$BENCH_DIR/build-asan/rodtrad
fi

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
bench_tmp rodtrad-load

if [ -z "$DB" ]; then
	DB=$TMP/load.db
	"$RODTRAD" demo "$DB" >/dev/null
fi
TOKEN=$("$RODTRAD" user token admin --label "load-$$" --db "$DB")
export LOAD_TOKEN=$TOKEN LOAD_PERIOD=2021-T1
AUTH="Authorization: Bearer $TOKEN"

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
cpu_s() { awk -v t="$(getconf CLK_TCK)" -v n="$(cpu_ticks "$1")" 'BEGIN { printf "%.1f", n / t }'; }
# wrk with the workload; sets RPS, P50, P99, ERRS (non-2xx, socket errors,
# and what load.lua counted).
run_wrk() {
	local out=$1 dur=$2 conns=$3
	wrk -t "$WRK_THREADS" -c "$conns" -d "${dur}s" --timeout 10s --latency \
		-s "$ROOT/bench/load.lua" "$API" >"$out"
	wrk_parse "$out"
}

start_server "$RODTRAD" "$TMP/serve"

# ---- the ids the workload uses ------------------------------------------------
PLANS=$(curl -sf -H "$AUTH" "$API/api/v1/plans" | jq -r '.[].id' | tr '\n' ' ')
GOALS=
for p in $PLANS; do
	GOALS+=$(curl -sf -H "$AUTH" "$API/api/v1/plans/$p" |
		jq -r '[.. | objects | select(has("indicators") and has("serves_goal_id")) | .id] | join(" ")')" "
done
INDS=
for i in $(seq 1 200); do
	c=$(curl -s -o /dev/null -w '%{http_code}' -H "$AUTH" -X PUT -H 'Content-Type: application/json' \
		-d '{"value":"1","comment":"last"}' "$API/api/v1/indicators/$i/outcomes/$LOAD_PERIOD")
	case "$c" in 200|201) INDS+="$i " ;; esac
	[ "$(wc -w <<<"$INDS")" -ge 40 ] && break
done
export LOAD_PLANS=$PLANS LOAD_GOALS=$GOALS LOAD_INDICATORS=$INDS
echo "load.sh: $(wc -w <<<"$PLANS") planer, $(wc -w <<<"$GOALS") mål, $(wc -w <<<"$INDS") indikatorer som tar ett tal i $LOAD_PERIOD" >&2

# ---- warm-up, then the measured run ---------------------------------------------
run_wrk "$TMP/warmup.txt" "$WARMUP" "$CONNS"
W_ERRS=$ERRS
RSS0=$(rss_kb "$SPID") CPU0=$(cpu_s "$SPID") LOAD0=$(cut -d' ' -f1 /proc/loadavg)
# RSS every 5 s during the run (kB, one a line).
( while sleep 5; do rss_kb "$SPID" || break; done ) >"$TMP/rss.txt" 2>/dev/null &
SAMPLER=$!
PIDS+=("$SAMPLER")
run_wrk "$TMP/wrk.txt" "$DURATION" "$CONNS"
kill "$SAMPLER" 2>/dev/null || true
RSS1=$(rss_kb "$SPID") CPU1=$(cpu_s "$SPID") LOAD1=$(cut -d' ' -f1 /proc/loadavg)
echo "$RSS1" >>"$TMP/rss.txt"
TOTAL=$(awk '/requests in/ { print $1 }' "$TMP/wrk.txt")
kill -TERM "$SPID"
wait "$SPID" || { echo "load.sh: servern avslutades inte rent" >&2; exit 1; }
GROWTH=$(awk -v a="$RSS0" -v b="$RSS1" 'BEGIN { printf "%.1f", 100 * (b - a) / a }')
# Growth that goes on: the highest RSS of the run's second half against the
# highest of its first half (caches fill early, a leak keeps climbing).
LATE_GROWTH=$(awk '{ v[NR] = $1 } END { h = int(NR / 2); a = 0; b = 0
	for (i = 1; i <= NR; i++) if (i <= h) { if (v[i] > a) a = v[i] } else if (v[i] > b) b = v[i]
	printf "%.1f", a ? 100 * (b - a) / a : 0 }' "$TMP/rss.txt")
RSS_SERIES=$(awk '{ printf "%.1f ", $1 / 1024 }' "$TMP/rss.txt")

echo "Rödtråd lasttest ($(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$ROOT" rev-parse --short HEAD))"
echo "Maskin: $(nproc) kärnor, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(uname -r)"
echo "Databas: $DB"
echo "wrk: $WRK_THREADS trådar, $CONNS anslutningar, $DURATION s (uppvärmning $WARMUP s), 127.0.0.1, bench/load.lua"
grep '^load.lua: byggda' "$TMP/wrk.txt" || true
echo "  begäranden $TOTAL, $RPS/s, p50 $P50 ms, p99 $P99 ms, fel $ERRS (uppvärmning: $W_ERRS)"
echo "  serverns CPU under körningen: $(awk -v a="$CPU0" -v b="$CPU1" 'BEGIN { printf "%.1f", b - a }') s" \
     "(user + sys); belastning $LOAD0 → $LOAD1"
echo "  RSS efter uppvärmningen $((RSS0 / 1024)) MB, efter körningen $((RSS1 / 1024)) MB ($GROWTH %);" \
     "var 5:e s (MB): $RSS_SERIES; andra halvan mot första: $LATE_GROWTH %"
fail=0
[ "$ERRS" = 0 ] && [ "$W_ERRS" = 0 ] || { echo "load.sh: FEL: svar som inte är 2xx eller socketfel" >&2; fail=1; }
awk -v g="$LATE_GROWTH" 'BEGIN { exit !(g > 5) }' &&
	{ echo "load.sh: FEL: RSS växer fortfarande under andra halvan ($LATE_GROWTH %)" >&2; fail=1; }

# ---- ASan + LSan ---------------------------------------------------------------------
if [ "$ASAN" = 1 ]; then
	export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
	export LSAN_OPTIONS=suppressions=$ROOT/tests/lsan.supp:print_suppressions=0
	export UBSAN_OPTIONS=print_stacktrace=1
	start_server "$RODTRAD_ASAN" "$TMP/asan"
	run_wrk "$TMP/wrk-asan.txt" "$ASAN_DURATION" 64
	A_TOTAL=$(awk '/requests in/ { print $1 }' "$TMP/wrk-asan.txt")
	kill -TERM "$SPID"
	set +e
	wait "$SPID"
	arc=$?
	set -e
	reports=$(grep -cE 'ERROR: (LeakSanitizer|AddressSanitizer)|runtime error:' "$TMP/asan.err" || true)
	echo "ASan-bygget: $ASAN_DURATION s, 64 anslutningar, $A_TOTAL begäranden, fel $ERRS;" \
	     "avslut $arc, ASan/LSan/UBSan-rapporter: $reports"
	if [ "$reports" != 0 ] || [ "$arc" != 0 ] || [ "$ERRS" != 0 ]; then
		echo "load.sh: FEL i ASan-körningen:" >&2
		grep -A30 -E 'ERROR: |runtime error:' "$TMP/asan.err" | head -80 >&2
		fail=1
	fi
fi
exit $fail
