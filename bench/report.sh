#!/usr/bin/env bash
# Times the compiled follow-up report (issue 3 §9) on a synthetic region and
# prints the figures against the targets and against a plain sqlite3 read of
# the same data. Not a test: never run by ctest. See bench/README.md.
#
#   bench/report.sh [--scale S] [--runs N] [--period KEY] [--regen]
#
# Builds RelWithDebInfo in its own build dir ($BENCH_DIR/build), generates
# the region once ($BENCH_DIR/region-S.db, cached; --regen makes it anew),
# then for each format runs `rodtrad report --period KEY -f FMT -o FILE`
# N times (median wall time; hyperfine when it can be installed) and once
# under /usr/bin/time for the peak RSS.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH_DIR=${BENCH_DIR:-/tmp/rodtrad-bench}
SCALE=1
RUNS=10
PERIOD=2025-M06
REGEN=0
while [ $# -gt 0 ]; do
	case "$1" in
	--scale) SCALE=$2; shift 2 ;;
	--runs) RUNS=$2; shift 2 ;;
	--period) PERIOD=$2; shift 2 ;;
	--regen) REGEN=1; shift ;;
	-h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "report.sh: okänd flagga $1" >&2; exit 2 ;;
	esac
done

BUILD=$BENCH_DIR/build
DB=$BENCH_DIR/region-$SCALE.db
OUT=$BENCH_DIR/out
mkdir -p "$BENCH_DIR" "$OUT"

# ---- tools: /usr/bin/time for peak RSS, hyperfine if Debian has it -------
apt_install() {
	local sudo=
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "$@" >/dev/null 2>&1 ||
		{ $sudo apt-get update -q >/dev/null 2>&1 &&
		  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "$@" >/dev/null 2>&1; }
}
[ -x /usr/bin/time ] || apt_install time || { echo "report.sh: paketet time saknas" >&2; exit 1; }
command -v sqlite3 >/dev/null || apt_install sqlite3 || true
command -v hyperfine >/dev/null || apt_install hyperfine || true

# ---- build and data ------------------------------------------------------
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD" -j "$(nproc)" --target rodtrad gen_region >/dev/null
RODTRAD=$BUILD/rodtrad
if [ "$REGEN" = 1 ] || [ ! -f "$DB" ]; then
	echo "Genererar regionen (skala $SCALE) i $DB …" >&2
	"$BUILD/bench/gen_region" --scale "$SCALE" --force "$DB.tmp"
	# the generator leaves WAL mode on; fold the log in before the rename
	sqlite3 "$DB.tmp" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null 2>&1 || true
	rm -f "$DB" "$DB-wal" "$DB-shm"
	mv "$DB.tmp" "$DB"
	rm -f "$DB.tmp-wal" "$DB.tmp-shm"
fi

# The cached database may predate a migration: bring it up to date.
"$RODTRAD" init "$DB" >/dev/null

# ---- timing ----------------------------------------------------------------
# Sets MS (median wall time, ms), CPU (user + system, ms: mean under
# hyperfine, median otherwise) and MB (peak RSS of one run, MB) for a command
# run $RUNS times after one warm-up. Returns 1 when the command fails.
median() {
	sort -n | awk '{ v[NR] = $1 } END { printf "%.0f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
measure() {
	local f=$OUT/time.txt
	/usr/bin/time -f '%e %U %S %M' -o "$f" "$@" >/dev/null 2>&1 || return 1
	MB=$(awk '{ printf "%.1f", $4 / 1024 }' "$f")
	if command -v hyperfine >/dev/null; then
		local csv=$OUT/hyperfine.csv
		hyperfine -N --runs "$RUNS" --export-csv "$csv" -- "$(printf '%q ' "$@")" >/dev/null 2>&1 || return 1
		MS=$(awk -F, 'NR == 2 { printf "%.0f", $4 * 1000 }' "$csv")
		CPU=$(awk -F, 'NR == 2 { printf "%.0f", ($5 + $6) * 1000 }' "$csv")
		return 0
	fi
	local i
	: >"$OUT/runs.txt"
	for ((i = 0; i < RUNS; i++)); do
		/usr/bin/time -f '%e %U %S' -o "$f" "$@" >/dev/null 2>&1 || return 1
		cat "$f" >>"$OUT/runs.txt"
	done
	MS=$(awk '{ print $1 * 1000 }' "$OUT/runs.txt" | median)
	CPU=$(awk '{ print ($2 + $3) * 1000 }' "$OUT/runs.txt" | median)
}

# Is the format there? A build without it refuses it as an unknown format
# before it looks at the database.
have_format() {
	! "$RODTRAD" report --period 0000 -f "$1" -o "$OUT/probe.$1" --db "$OUT/none.db" 2>&1 |
		grep -q "okänt format"
}

declare -A TARGET_MS=([html]=100 [xlsx]=500 [pdf]=1000 [docx]=-)
RSS_TARGET=64

verdict() { # measured target → "ja" / "NEJ" / "–"
	awk -v m="$1" -v t="$2" 'BEGIN { if (t == "-" || m == "") print "–"; else print (m + 0 < t + 0) ? "ja" : "NEJ" }'
}

echo
echo "Rödtråd rapportbenchmark — $(date -u '+%Y-%m-%d %H:%M UTC') — commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "Maskin: $(nproc) kärnor, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(awk '/MemTotal/ { printf "%.0f GB RAM", $2 / 1048576 }' /proc/meminfo), belastning $(cut -d' ' -f1-3 /proc/loadavg)"
"$RODTRAD" report --period "$PERIOD" --db "$DB" -o "$OUT/report.html" 2>&1 | sed 's/^rodtrad: /Data: /' || true
echo "Databas: $DB ($(du -m "$DB" | cut -f1) MB), period $PERIOD, median av $RUNS körningar$(command -v hyperfine >/dev/null && echo ' (hyperfine)')"
echo
printf '%-6s %9s %6s %4s %9s %10s %5s %4s %10s\n' format "tid (ms)" mål ok "CPU (ms)" "RSS (MB)" mål ok storlek
FIGURES=$OUT/figures.txt
: >"$FIGURES"
for fmt in html xlsx pdf docx; do
	file=$OUT/report.$fmt
	if ! have_format "$fmt"; then
		printf '%-6s %9s\n' "$fmt" "ej tillgängligt"
		continue
	fi
	if ! measure "$RODTRAD" report --period "$PERIOD" -f "$fmt" -o "$file" --db "$DB"; then
		printf '%-6s %9s\n' "$fmt" "fel vid körning"
		continue
	fi
	printf '%-6s %9s %6s %4s %9s %10s %5s %4s %7s MB\n' "$fmt" "$MS" "${TARGET_MS[$fmt]}" \
		"$(verdict "$MS" "${TARGET_MS[$fmt]}")" "$CPU" "$MB" "$RSS_TARGET" \
		"$(verdict "$MB" "$RSS_TARGET")" "$(du -m "$file" | cut -f1)"
	echo "$fmt $MS $CPU" >>"$FIGURES"
done
# wall times follow the box's load: say what it was at the end too
echo "Belastning efter körningarna: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) kärnor; CPU-tiden är summan över rapportens trådar)"

# ---- reference: the same rows read by the sqlite3 CLI ----------------------
# What the report has to read: every indicator of every plan with its goal,
# its target for the year and its whole-scope outcomes up to the period (the
# trend), written out as text to /dev/null.
if command -v sqlite3 >/dev/null; then
	cat >"$OUT/reference.sql" <<SQL
SELECT g.title, i.name, i.unit, t.text, o.text, o.value, o.comment, o.status, p.key
FROM outcome o JOIN indicator i ON i.id = o.indicator_id JOIN goal g ON g.id = i.goal_id
JOIN period p ON p.id = o.period_id
LEFT JOIN target t ON t.indicator_id = i.id AND t.year = p.year AND t.gender = 'total'
WHERE o.gender = 'total' AND o.org_unit_id IS NULL
AND p.end_date <= (SELECT end_date FROM period WHERE key = '$PERIOD');
SQL
	rows=$(sqlite3 "$DB" "SELECT count(*) FROM ($(sed 's/;$//' "$OUT/reference.sql"))" 2>/dev/null || echo '?')
	echo
	if measure sqlite3 "$DB" ".read $OUT/reference.sql"; then
		echo "Referens: sqlite3-klienten läser samma data ($rows utfall med mål, mätetal och målvärde): $MS ms (CPU $CPU ms)"
		while read -r fmt ms cpu; do
			awk -v f="$fmt" -v m="$ms" -v r="$MS" -v c="$cpu" -v rc="$CPU" \
				'BEGIN { printf "  %-5s %6.1f × referensen (tid), %6.1f × (CPU)\n", f, m / r, c / (rc > 0 ? rc : 1) }'
		done <"$FIGURES"
	else
		echo "Referens: sqlite3 kunde inte köras"
	fi
fi
