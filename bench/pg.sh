#!/usr/bin/env bash
# Issue 8 §5 on PostgreSQL: the synthetic region (25 boards, 20 000
# indicators, 240 000 outcomes) on both backends in one run, each figure
# beside its reference. Not a test: never run by ctest. See bench/README.md.
#
#   bench/pg.sh [--scale S] [--runs N] [--period KEY] [--duration S]
#               [--connections N] [--rows N] [--only report,http,ingest] [--regen]
#               [--load copy|dump] [--check]
#
# Builds RelWithDebInfo in $BENCH_DIR/build (BENCH_DIR defaults to
# /tmp/rodtrad-bench-pg; BENCH_RODTRAD=PATH measures that binary instead),
# generates the region with gen_region once ($BENCH_DIR/region-S.db, cached),
# starts a throwaway PostgreSQL cluster (scripts/pg_cluster.sh: 127.0.0.1, a
# temp dir, fsync off unless PG_FSYNC=on; stopped and removed at exit, also
# on failure or Ctrl-C) and loads the region into it: --load copy (default)
# copies every table as it is (sqlite3 CSV → COPY, about a minute); --load
# dump goes through `rodtrad dump` | `rodtrad load` (the documented way,
# ~8 min here on a busy machine, see RESULTS.md; the result is kept as a
# pg_dump beside the region file).
# --check then verifies the audit chain on PostgreSQL and that `rodtrad dump`
# gives the same bytes from both databases. Then:
#  report  `rodtrad report --period KEY -f html|xlsx|pdf|docx` for the whole
#          region on SQLite and on PostgreSQL, N runs each (hyperfine), with
#          the client's CPU and PostgreSQL's server CPU per run;
#  http    wrk against GET /api/v1/plans/{id} (the biggest plan tree, API
#          key) of `rodtrad serve --db region.db` and `--db postgres://…`,
#          and nginx serving the same bytes from a file; plus the first
#          (uncached) fetch of every plan tree on each backend;
#  ingest  `rodtrad import outcomes` of an N-row CSV (default 100 000) into
#          PostgreSQL against psql's `\copy` of the same file into a plain
#          table, and the same on SQLite against `sqlite3 .import`.
# CPU columns are user + system; "PG CPU" is the PostgreSQL server's
# processes (postmaster, its live children and the reaped backends).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH_DIR=${BENCH_DIR:-/tmp/rodtrad-bench-pg}
SCALE=1 RUNS=5 PERIOD=2025-M06 DURATION=10 CONNS=64 WRK_THREADS=2 ROWS=100000
ONLY=report,http,ingest REGEN=0 LOAD=copy CHECK=0
while [ $# -gt 0 ]; do
	case "$1" in
	--scale) SCALE=$2; shift 2 ;;
	--runs) RUNS=$2; shift 2 ;;
	--period) PERIOD=$2; shift 2 ;;
	--duration) DURATION=$2; shift 2 ;;
	--connections) CONNS=$2; shift 2 ;;
	--rows) ROWS=$2; shift 2 ;;
	--only) ONLY=$2; shift 2 ;;
	--regen) REGEN=1; shift ;;
	--load) LOAD=$2; shift 2 ;;
	--check) CHECK=1; shift ;;
	-h|--help) sed -n '2,32p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "pg.sh: okänd flagga $1" >&2; exit 2 ;;
	esac
done
want() { [[ ",$ONLY," == *",$1,"* ]]; }

"$ROOT/scripts/deps.sh" wrk nginx curl jq time hyperfine sqlite3 postgresql
PGBIN=$(pg_config --bindir 2>/dev/null || true)
[ -x "$PGBIN/pg_dump" ] || PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

mkdir -p "$BENCH_DIR"
BUILD=$BENCH_DIR/build
if [ -z "${BENCH_RODTRAD:-}" ]; then
	cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	cmake --build "$BUILD" -j "$(nproc)" --target rodtrad gen_region >/dev/null
fi
RODTRAD=${BENCH_RODTRAD:-$BUILD/rodtrad}
GEN=${BENCH_GEN_REGION:-$BUILD/bench/gen_region}

# ---- everything this run starts lives in $TMP and dies at exit -------------
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
bench_tmp rodtrad-pg
PGDIR=$TMP/pg
pg_cleanup() {
	"$ROOT/scripts/pg_cluster.sh" stop "$PGDIR" >/dev/null 2>&1 || true
	bench_cleanup
}
trap pg_cleanup EXIT

# ---- the region on SQLite ----------------------------------------------------
SQ=$BENCH_DIR/region-$SCALE.db
PGDUMP=$BENCH_DIR/region-$SCALE.pgdump
if [ "$REGEN" = 1 ] || [ ! -f "$SQ" ]; then
	echo "pg.sh: genererar regionen (skala $SCALE) i $SQ …" >&2
	"$GEN" --scale "$SCALE" --force "$SQ.tmp" >/dev/null
	sqlite3 "$SQ.tmp" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null 2>&1 || true
	rm -f "$SQ" "$SQ-wal" "$SQ-shm" "$PGDUMP"
	mv "$SQ.tmp" "$SQ"
	rm -f "$SQ.tmp-wal" "$SQ.tmp-shm"
fi
"$RODTRAD" init "$SQ" >/dev/null
# A benchmark administrator for the API key (the region has no users); made
# before the dump so PostgreSQL gets it too.
if ! "$RODTRAD" user list --db "$SQ" 2>/dev/null | grep -q '^ *bench\b'; then
	echo "bench-pg-$$" | "$RODTRAD" user add bench --role administrator --db "$SQ" >/dev/null
	rm -f "$PGDUMP"
fi

# ---- PostgreSQL: a throwaway cluster with the same region --------------------
URL=$("$ROOT/scripts/pg_cluster.sh" start "$PGDIR")
PGHOME=$(cat "$PGDIR/home")
PGVER=$("$PGBIN/postgres" --version | awk '{ print $3 }')
psql_q() { "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 "$URL" "$@"; }
# --load copy (default): the tables as they are, sqlite3 → CSV → COPY, ids
# and the audit chain included (rodtrad init makes the schema first; FK
# triggers off while copying, the identity sequences set after). --load dump:
# `rodtrad dump` | `rodtrad load`, the documented way (one statement per
# row over the network: ~15 min for the region on this machine).
copy_region() {
	local t cols pgcols
	"$RODTRAD" init --db "$URL" >/dev/null
	psql_q -At -c "SELECT string_agg(format('%I', table_name), ', ') FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'schema_version'" |
		xargs -I{} "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 "$URL" -c "TRUNCATE {} RESTART IDENTITY CASCADE"
	for t in $(sqlite3 "$SQ" "SELECT name FROM sqlite_master WHERE type = 'table'
		AND name NOT LIKE 'sqlite_%' AND name <> 'schema_version' ORDER BY rowid"); do
		pgcols=" $(psql_q -At -c "SELECT string_agg(column_name, ' ') FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name = '$t'") "
		[ "$pgcols" != "  " ] || { echo "pg.sh: tabellen $t saknas i PostgreSQL" >&2; exit 1; }
		cols=$(sqlite3 "$SQ" "SELECT name FROM pragma_table_info('$t')" |
			while read -r c; do if [[ "$pgcols" == *" $c "* ]]; then echo "\"$c\""; fi; done | paste -sd, -)
		sqlite3 -csv "$SQ" "SELECT $cols FROM \"$t\"" |
			PGOPTIONS='-c session_replication_role=replica' "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 "$URL" \
				-c "\\copy \"$t\" ($cols) FROM pstdin WITH (FORMAT csv)"
	done
	psql_q -c "DO \$\$ DECLARE r record; BEGIN
		FOR r IN SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema()
		         AND column_name = 'id' AND is_identity = 'YES' LOOP
			EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, ''id''), coalesce(max(id), 0) + 1, false) FROM %I',
			               r.table_name, r.table_name);
		END LOOP; END \$\$" >/dev/null
}
LOAD_S=
if [ "$LOAD" = dump ] && [ -s "$PGDUMP" ] && [ "$PGDUMP" -nt "$SQ" ]; then
	"$PGBIN/pg_restore" --no-owner -d "$URL" "$PGDUMP"
elif [ "$LOAD" = dump ]; then
	echo "pg.sh: läser in regionen i PostgreSQL (rodtrad dump | rodtrad load) …" >&2
	"$RODTRAD" dump --db "$SQ" -o "$TMP/region.json"
	t0=$EPOCHREALTIME
	"$RODTRAD" load "$TMP/region.json" --db "$URL" >/dev/null
	LOAD_S=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }')
	rm -f "$TMP/region.json"
	"$PGBIN/pg_dump" -Fc -f "$PGDUMP.tmp" "$URL" && mv "$PGDUMP.tmp" "$PGDUMP"
else
	t0=$EPOCHREALTIME
	copy_region
	LOAD_S=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }')
fi
"$RODTRAD" init --db "$URL" >/dev/null
psql_q -c 'VACUUM ANALYZE' >/dev/null
# --check: the loaded database is the same region — its audit chain
# verifies and `rodtrad dump` gives the same bytes on both backends.
if [ "$CHECK" = 1 ]; then
	"$RODTRAD" audit verify --db "$URL" >"$TMP/verify.out" ||
		{ echo "pg.sh: audit verify misslyckades på PostgreSQL:" >&2; cat "$TMP/verify.out" >&2; exit 1; }
	"$RODTRAD" dump --db "$SQ" -o "$TMP/s.json"
	"$RODTRAD" dump --db "$URL" -o "$TMP/p.json"
	cmp "$TMP/s.json" "$TMP/p.json" || { echo "pg.sh: dumparna skiljer sig" >&2; exit 1; }
	echo "pg.sh: kontroll: audit verify hel ($(tail -1 "$TMP/verify.out")), dump lika ($(stat -c %s "$TMP/s.json") byte)" >&2
	rm -f "$TMP/s.json" "$TMP/p.json"
fi
NOUT=$(psql_q -At -c "SELECT count(*) FROM outcome WHERE gender = 'total'")
NIND=$(psql_q -At -c 'SELECT count(*) FROM indicator')

# CPU ticks of the cluster: the postmaster with its reaped children
# (backends of closed connections land in its cutime/cstime) and the live
# children.
PGPID=$(head -1 "$PGHOME/data/postmaster.pid")
pg_ticks() {
	local n p
	n=$(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$PGPID/stat")
	for p in $(pgrep -P "$PGPID"); do
		n=$((n + $(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$p/stat" 2>/dev/null || echo 0)))
	done
	echo "$n"
}
ticks_ms() { awk -v a="$1" -v b="$2" -v d="${3:-1}" -v t="$(getconf CLK_TCK)" 'BEGIN { printf "%.0f", (b - a) * 1000 / t / d }'; }
loadavg() { cut -d' ' -f1 /proc/loadavg; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

echo
echo "Rödtråd på PostgreSQL och SQLite — $(date -u '+%Y-%m-%d %H:%M UTC') — commit $(git -C "$ROOT" rev-parse --short HEAD)"
echo "Maskin: $(nproc) kärnor, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(awk '/MemTotal/ { printf "%.0f GB RAM", $2 / 1048576 }' /proc/meminfo), belastning $(cut -d' ' -f1-3 /proc/loadavg)"
echo "PostgreSQL $PGVER (127.0.0.1, fsync ${PG_FSYNC:-off}), SQLite $(sqlite3 --version | cut -d' ' -f1)"
echo "Data: skala $SCALE, $NIND indikatorer, $NOUT utfall (totalt) i båda${LOAD_S:+; inläsning i PostgreSQL ($LOAD) $LOAD_S s}"

# ---- (a) the report -------------------------------------------------------------
if want report; then
	OUT=$TMP/report
	mkdir -p "$OUT"
	# Sets MS (median wall), CPU (client user + sys, mean) for $RUNS runs.
	hf() {
		local csv=$OUT/hf.csv
		hyperfine -N --runs "$RUNS" --export-csv "$csv" -- "$(printf '%q ' "$@")" >/dev/null 2>&1 || return 1
		MS=$(awk -F, 'NR == 2 { printf "%.0f", $4 * 1000 }' "$csv")
		CPU=$(awk -F, 'NR == 2 { printf "%.0f", ($5 + $6) * 1000 }' "$csv")
	}
	rss() { /usr/bin/time -f '%M' -o "$OUT/rss" "$@" >/dev/null 2>&1 && awk '{ printf "%.1f", $1 / 1024 }' "$OUT/rss"; }
	echo
	echo "(a) rodtrad report --period $PERIOD, hela regionen, median av $RUNS körningar (hyperfine)"
	printf '  %-5s %10s %9s %8s %10s %9s %8s %7s %11s %10s %8s\n' format "SQLite ms" "CPU ms" "RSS MB" \
		"PG ms" "CPU ms" "PG CPU" "RSS MB" "PG/SQLite" "CPU-kvot" belastn.
	for fmt in html xlsx pdf docx; do
		if ! hf "$RODTRAD" report --period "$PERIOD" -f "$fmt" -o "$OUT/s.$fmt" --db "$SQ"; then
			printf '  %-5s fel vid körning (SQLite)\n' "$fmt"
			continue
		fi
		S_MS=$MS S_CPU=$CPU S_RSS=$(rss "$RODTRAD" report --period "$PERIOD" -f "$fmt" -o "$OUT/s.$fmt" --db "$SQ")
		t0=$(pg_ticks)
		if ! hf "$RODTRAD" report --period "$PERIOD" -f "$fmt" -o "$OUT/p.$fmt" --db "$URL"; then
			printf '  %-5s fel vid körning (PostgreSQL)\n' "$fmt"
			continue
		fi
		P_SRV=$(ticks_ms "$t0" "$(pg_ticks)" "$RUNS")
		P_MS=$MS P_CPU=$CPU P_RSS=$(rss "$RODTRAD" report --period "$PERIOD" -f "$fmt" -o "$OUT/p.$fmt" --db "$URL")
		same=
		[ "$fmt" = html ] && { cmp -s "$OUT/s.html" "$OUT/p.html" && same=" (samma bytes)" || same=" (andra bytes)"; }
		printf '  %-5s %10s %9s %8s %10s %9s %8s %7s %10s× %9s× %8s%s\n' "$fmt" "$S_MS" "$S_CPU" "$S_RSS" \
			"$P_MS" "$P_CPU" "$P_SRV" "$P_RSS" "$(ratio "$P_MS" "$S_MS")" \
			"$(ratio "$((P_CPU + P_SRV))" "$S_CPU")" "$(loadavg)" "$same"
	done
	echo "  (CPU-kvot = (rodtrads CPU + PostgreSQL-serverns CPU) / rodtrads CPU på SQLite)"
fi

# ---- (b) HTTP: the plan tree on both backends against nginx -------------------------
if want http; then
	TOKEN_S=$("$RODTRAD" user token bench --label "pg-$$" --db "$SQ")
	TOKEN_P=$("$RODTRAD" user token bench --label "pg-$$" --db "$URL")
	DB=$SQ start_server "$RODTRAD" "$TMP/serve-sqlite"
	S_PID=$SPID S_API=$API
	DB=$URL start_server "$RODTRAD" "$TMP/serve-pg"
	P_PID=$SPID P_API=$API
	# Every plan tree fetched once (the uncached build), the biggest kept:
	# sets BIG (key), COLD (s, sum of the first fetches), COLDMAX.
	cold() {
		local api=$1 tok=$2 id len key best=0
		COLD=0 COLDMAX=0
		while read -r id key; do
			read -r len t < <(curl -sf -H "Authorization: Bearer $tok" -o /dev/null \
				-w '%{size_download} %{time_total}\n' "$api/api/v1/plans/$id")
			COLD=$(awk -v a="$COLD" -v b="$t" 'BEGIN { print a + b }')
			COLDMAX=$(awk -v a="$COLDMAX" -v b="$t" 'BEGIN { print ((b > a) ? b : a) }')
			if [ "$len" -gt "$best" ]; then best=$len BIG=$key BIGID=$id; fi
		done < <(curl -sf -H "Authorization: Bearer $tok" "$api/api/v1/plans" | jq -r '.[] | "\(.id) \(.key)"')
	}
	t0=$(pg_ticks)
	cold "$P_API" "$TOKEN_P"
	P_COLD=$COLD P_COLDMAX=$COLDMAX P_ID=$BIGID P_COLD_SRV=$(ticks_ms "$t0" "$(pg_ticks)")
	cold "$S_API" "$TOKEN_S"
	S_COLD=$COLD S_COLDMAX=$COLDMAX S_ID=$BIGID
	P_ID=$(curl -sf -H "Authorization: Bearer $TOKEN_P" "$P_API/api/v1/plans" | jq -r --arg k "$BIG" '.[] | select(.key == $k) | .id')
	mkdir -p "$TMP/www"
	CTYPE=$(curl -sf -H "Authorization: Bearer $TOKEN_S" -o "$TMP/www/plan.json" -w '%{content_type}' "$S_API/api/v1/plans/$S_ID")
	curl -sf -H "Authorization: Bearer $TOKEN_P" -o "$TMP/www/plan-pg.json" "$P_API/api/v1/plans/$P_ID"
	BYTES=$(stat -c %s "$TMP/www/plan.json") PBYTES=$(stat -c %s "$TMP/www/plan-pg.json")
	chmod -R a+rX "$TMP/www"

	start_nginx "$TMP/www" "$CTYPE"
	curl -sf -o "$TMP/n.json" "$NGINX_URL/plan.json" && cmp -s "$TMP/n.json" "$TMP/www/plan.json" ||
		{ echo "pg.sh: nginx ger inte samma bytes" >&2; exit 1; }

	# One wrk run: sets RPS, P50, P99, ERRS, CPU (µs per request of the
	# processes $3), SRV (the same for PostgreSQL's), LOAD.
	run_wrk() {
		local url=$1 name=$2 pids=$3 tok=$4 c0 p0 n
		wrk -t 1 -c 4 -d 1s -H "Authorization: Bearer $tok" "$url" >/dev/null
		c0=$(cpu_ticks "$pids") p0=$(pg_ticks)
		wrk -t "$WRK_THREADS" -c "$CONNS" -d "${DURATION}s" --latency -H "Authorization: Bearer $tok" \
			"$url" >"$TMP/wrk-$name.txt"
		wrk_parse "$TMP/wrk-$name.txt"
		n=$(awk '/requests in/ { print $1 }' "$TMP/wrk-$name.txt")
		CPU=$(awk -v a="$c0" -v b="$(cpu_ticks "$pids")" -v n="$n" -v t="$(getconf CLK_TCK)" \
			'BEGIN { printf "%.0f", n ? (b - a) / t * 1e6 / n : 0 }')
		SRV=$(awk -v a="$p0" -v b="$(pg_ticks)" -v n="$n" -v t="$(getconf CLK_TCK)" \
			'BEGIN { printf "%.0f", n ? (b - a) / t * 1e6 / n : 0 }')
		LOAD=$(loadavg)
	}
	run_wrk "$S_API/api/v1/plans/$S_ID" sqlite "$S_PID" "$TOKEN_S"
	S_RPS=$RPS S_P50=$P50 S_P99=$P99 S_ERRS=$ERRS S_CPU=$CPU S_LOAD=$LOAD
	run_wrk "$P_API/api/v1/plans/$P_ID" pg "$P_PID" "$TOKEN_P"
	P_RPS=$RPS P_P50=$P50 P_P99=$P99 P_ERRS=$ERRS P_CPU=$CPU P_SRV=$SRV P_LOAD=$LOAD
	NGINX_PIDS="$NPID $(pgrep -P "$NPID" | tr '\n' ' ')"
	run_wrk "$NGINX_URL/plan.json" nginx "$NGINX_PIDS" "$TOKEN_S"
	N_RPS=$RPS N_P50=$P50 N_P99=$P99 N_ERRS=$ERRS N_CPU=$CPU N_LOAD=$LOAD

	echo
	echo "(b) GET /api/v1/plans/{id}, största planträdet ($BIG: $BYTES byte på SQLite, $PBYTES på PostgreSQL;" \
	     "$CTYPE), API-nyckel;"
	echo "    wrk $WRK_THREADS trådar, $CONNS anslutningar, ${DURATION} s per server, 127.0.0.1"
	printf '  %-24s %10s %8s %8s %6s %14s %14s %9s %10s\n' "" "begäran/s" "p50 ms" "p99 ms" fel \
		"CPU µs/begäran" "PG CPU µs/beg." belastn. "mot nginx"
	printf '  %-24s %10s %8s %8s %6s %14s %14s %9s %9s%%\n' "rodtrad, SQLite" "$S_RPS" "$S_P50" "$S_P99" \
		"$S_ERRS" "$S_CPU" - "$S_LOAD" "$(awk -v a="$S_RPS" -v b="$N_RPS" 'BEGIN { printf "%.1f", 100 * a / b }')"
	printf '  %-24s %10s %8s %8s %6s %14s %14s %9s %9s%%\n' "rodtrad, PostgreSQL" "$P_RPS" "$P_P50" "$P_P99" \
		"$P_ERRS" "$P_CPU" "$P_SRV" "$P_LOAD" "$(awk -v a="$P_RPS" -v b="$N_RPS" 'BEGIN { printf "%.1f", 100 * a / b }')"
	printf '  %-24s %10s %8s %8s %6s %14s %14s %9s\n' "nginx, samma bytes" "$N_RPS" "$N_P50" "$N_P99" \
		"$N_ERRS" "$N_CPU" - "$N_LOAD"
	echo "  PostgreSQL/SQLite: $(ratio "$P_RPS" "$S_RPS") av genomströmningen"
	printf '  första (ocachade) hämtningen av alla planträd: SQLite %.2f s (längsta %.3f s),' "$S_COLD" "$S_COLDMAX"
	printf ' PostgreSQL %.2f s (längsta %.3f s; serverns CPU %s ms) — %s×\n' "$P_COLD" "$P_COLDMAX" \
		"$P_COLD_SRV" "$(ratio "$P_COLD" "$S_COLD")"
	for p in "$S_PID" "$P_PID" "$NPID"; do kill "$p" 2>/dev/null || true; done
	if [ "$S_ERRS" != 0 ] || [ "$P_ERRS" != 0 ] || [ "$N_ERRS" != 0 ]; then
		echo "pg.sh: fel under HTTP-mätningen:" >&2
		grep -H -E 'Socket errors|Non-2xx' "$TMP"/wrk-*.txt >&2 || true
		grep -h -v ' status=200 ' "$TMP"/serve-*.err | tail -5 >&2 || true
		exit 1
	fi
fi

# ---- (c) ingest: rodtrad import outcomes against COPY / .import -----------------------
if want ingest; then
	CSV=$BENCH_DIR/import-$SCALE-$ROWS.csv
	if [ ! -s "$CSV" ] || [ "$CSV" -ot "$SQ" ]; then
		# the rows of bench/import.sh: indicator × month × t/k/m in period
		# order, the months of 2025 only (the region's periods)
		import_csv "$SQ" "$ROWS" '2025-M__' >"$CSV.tmp"
		mv "$CSV.tmp" "$CSV"
	fi
	N=$(($(wc -l <"$CSV") - 1))
	[ "$N" -eq "$ROWS" ] || echo "pg.sh: regionen räcker bara till $N rader (ge --scale)" >&2
	# "wall cpu srv" of a command: wall s and CPU ms from /usr/bin/time,
	# PostgreSQL's CPU ms meanwhile (printed: it runs in a subshell).
	timed() {
		local tf=$TMP/time.out p0
		p0=$(pg_ticks)
		/usr/bin/time -f '%e %U %S' -o "$tf" "$@" </dev/null >"$TMP/timed.out"
		sleep 0.5   # the client's backend ends after the client
		awk -v s="$(ticks_ms "$p0" "$(pg_ticks)")" '{ printf "%.2f %.0f %s\n", $1, ($2 + $3) * 1000, s }' "$tf"
	}
	IMPORT_COMMIT=$(git -C "$ROOT" log -1 --format=%h -- src/ingest src/store/sqlite_bulk.c)
	read -r PT PC PSRV < <(timed "$RODTRAD" import outcomes "$CSV" --db "$URL")
	PLOAD=$(loadavg)
	PSUM=$(grep -E 'nya|rättade' "$TMP/timed.out" | tr -s ' \n' ' ' || true)
	psql_q -c 'CREATE TABLE bench_utfall (indikator text, period text, "värde" text, "kön" text, kommentar text)'
	read -r CT CC CSRV < <(timed "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 "$URL" \
		-c "\\copy bench_utfall FROM '$CSV' WITH (FORMAT csv, DELIMITER ';', HEADER true)")
	CLOAD=$(loadavg)
	CN=$(psql_q -At -c 'SELECT count(*) FROM bench_utfall')
	psql_q -c 'DROP TABLE bench_utfall'
	# SQLite in the same run: a copy of the region, and sqlite3's .import
	cp "$SQ" "$TMP/import.db"
	read -r ST SC _ < <(timed "$RODTRAD" import outcomes "$CSV" --db "$TMP/import.db")
	SLOAD=$(loadavg)
	rm -f "$TMP/import.db"*
	printf 'CREATE TABLE utfall (indikator TEXT, period TEXT, värde TEXT, kön TEXT, kommentar TEXT);\n.mode csv\n.separator ";"\n.import --skip 1 %s utfall\n' \
		"$CSV" >"$TMP/import.sql"
	read -r QT QC _ < <(timed sqlite3 "$TMP/q.db" -init "$TMP/import.sql" ".exit")
	QLOAD=$(loadavg)
	rate() { awk -v n="$N" -v t="$1" 'BEGIN { printf "%.0f", (t > 0 ? n / t : 0) }'; }
	cpu_all() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", a + b }'; }
	echo
	echo "(c) rodtrad import outcomes, $N rader ($(basename "$CSV"), $PSUM), import-koden från commit $IMPORT_COMMIT"
	printf '  %-36s %8s %12s %12s %10s %9s\n' "" "vägg s" "rader/s" "CPU ms" "PG CPU ms" belastn.
	printf '  %-36s %8s %12s %12s %10s %9s\n' "rodtrad import → PostgreSQL" "$PT" "$(rate "$PT")" "$PC" "$PSRV" "$PLOAD"
	printf '  %-36s %8s %12s %12s %10s %9s\n' "psql \\copy → enkel tabell ($CN rader)" "$CT" "$(rate "$CT")" "$CC" "$CSRV" "$CLOAD"
	printf '  %-36s %8s %12s %12s %10s %9s\n' "rodtrad import → SQLite (kopia)" "$ST" "$(rate "$ST")" "$SC" - "$SLOAD"
	printf '  %-36s %8s %12s %12s %10s %9s\n' "sqlite3 .import → enkel tabell" "$QT" "$(rate "$QT")" "$QC" - "$QLOAD"
	echo "  kvot COPY/rodtrad (PostgreSQL): vägg $(ratio "$CT" "$PT"), CPU (klient + server)" \
	     "$(ratio "$(cpu_all "$CC" "$CSRV")" "$(cpu_all "$PC" "$PSRV")") (mål ≥ 0,5)"
	echo "  kvot .import/rodtrad (SQLite):  vägg $(ratio "$QT" "$ST"), CPU $(ratio "$QC" "$SC")"
	echo "  PostgreSQL/SQLite för rodtrad import: vägg $(ratio "$PT" "$ST")×"
fi
