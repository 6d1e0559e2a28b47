#!/usr/bin/env bash
# Times `rodtrad import outcomes` on a large CSV file (issue 7 §1) against
# sqlite3's own `.import` of the same file into a plain table, and prints
# the ratio sqlite3 time / rodtrad time (target >= 0.5), wall and CPU. Not a
# test: never run by ctest. See bench/README.md for the synthetic region.
#
#   bench/import.sh [--rows N] [--scale S] [--regen]   (default 1 000 000 rows)
#
# The region is gen_region's (12 monthly periods of 2025, one outcome per
# indicator and month); the script adds the 12 months of 2026 with
# `rodtrad period add` and writes the CSV directly with sqlite3: every
# indicator × the 24 months × kön t, k, m (indikator;period;värde;kön;
# kommentar, decimal commas, Ja/Delvis/Nej for the qualitative ones), in
# period order as a monthly export would be, cut at N rows. The scale is
# chosen so that N fits (20 000 indicators per --scale 1 × 72 = 1,44 M).
# Two timed runs: (1) the file into a fresh copy of the region — the 2025
# totals are corrections, the rest new outcomes; (2) the same file again
# into the result of (1) — every row a correction. Each row is parsed
# against its indicator, its status computed, a correction's old version
# kept in the history, the batch audited, all in one transaction.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
BENCH_DIR=${BENCH_DIR:-/tmp/rodtrad-bench}
ROWS=1000000
SCALE=
REGEN=0
while [ $# -gt 0 ]; do
	case "$1" in
	--rows) ROWS=$2; shift 2 ;;
	--scale) SCALE=$2; shift 2 ;;
	--regen) REGEN=1; shift ;;
	-h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "import.sh: okänd flagga $1" >&2; exit 2 ;;
	esac
done
command -v sqlite3 >/dev/null || { echo "import.sh: sqlite3 saknas (apt-get install sqlite3)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "import.sh: /usr/bin/time saknas (apt-get install time)" >&2; exit 1; }

BUILD=${RT_BENCH_BUILD:-$BENCH_DIR/build}
mkdir -p "$BENCH_DIR"
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD" -j"$(nproc 2>/dev/null || echo 2)" --target rodtrad gen_region >/dev/null
RODTRAD=$BUILD/rodtrad

if [ -z "$SCALE" ]; then
	SCALE=$(awk -v n="$ROWS" 'BEGIN { s = n / 1440000; s = int(s * 20 + 0.999) / 20;
		if (s < 0.01) s = 0.01; if (s > 10) s = 10; printf "%.2f", s }')
fi
REGION=$BENCH_DIR/import-region-$SCALE.db
if [ "$REGEN" = 1 ] || [ ! -s "$REGION" ]; then
	rm -f "$REGION"
	echo "Genererar regionen (--scale $SCALE) …" >&2
	"$BUILD/bench/gen_region" --scale "$SCALE" "$REGION" >/dev/null
	for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
		"$RODTRAD" period add "2026-M$m" --db "$REGION" >/dev/null
	done
fi
"$RODTRAD" init "$REGION" >/dev/null   # a region from an older schema is upgraded

CSV=$BENCH_DIR/import-$SCALE-$ROWS.csv
if [ ! -s "$CSV" ] || [ "$REGEN" = 1 ]; then
	echo "Skriver $CSV …" >&2
	import_csv "$REGION" "$ROWS" '2025-M__' '2026-M__' >"$CSV"
fi
N=$(($(wc -l <"$CSV") - 1))
[ "$N" -eq "$ROWS" ] || echo "import.sh: regionen räcker bara till $N rader (ge --scale)" >&2

# "wall cpu peak-MB" of a command whose output goes to $1, from
# /usr/bin/time (CPU = user + system; the machine may be shared, so CPU is
# the figure to compare when the load average is high)
timed() {
	local out=$1 tf=$BENCH_DIR/time.out
	shift
	/usr/bin/time -f '%e %U %S %M' -o "$tf" "$@" </dev/null >"$out"
	awk '{ printf "%.2f %.2f %.0f\n", $1, $2 + $3, $4 / 1024 }' "$tf"
}

DB=$BENCH_DIR/import-run.db
cp "$REGION" "$DB"
rm -f "$DB-wal" "$DB-shm"
LOAD1=$(cut -d' ' -f1 /proc/loadavg)
read -r RT1 RC1 RM1 < <(timed "$BENCH_DIR/run1.out" "$RODTRAD" import outcomes "$CSV" --db "$DB")
LOAD2=$(cut -d' ' -f1 /proc/loadavg)
read -r RT2 RC2 RM2 < <(timed "$BENCH_DIR/run2.out" "$RODTRAD" import outcomes "$CSV" --db "$DB")

# sqlite3 .import of the same file into a plain table
SQ=$BENCH_DIR/import-sqlite.db
rm -f "$SQ"
cat >"$BENCH_DIR/import.sql" <<SQL
CREATE TABLE utfall (indikator TEXT, period TEXT, värde TEXT, kön TEXT, kommentar TEXT);
.mode csv
.separator ";"
.import --skip 1 $CSV utfall
SQL
LOAD3=$(cut -d' ' -f1 /proc/loadavg)
read -r SQT SQC SQM < <(timed /dev/null sqlite3 "$SQ" -init "$BENCH_DIR/import.sql" ".exit")

ratio() { awk -v r="$1" -v s="$2" 'BEGIN { printf "%.2f", (r > 0 ? s / r : 0) }'; }
perrow() { awk -v n="$N" -v t="$1" 'BEGIN { printf "%.1f", (n > 0 ? t * 1e6 / n : 0) }'; }
rate() { awk -v n="$N" -v t="$1" 'BEGIN { printf "%.0f", (t > 0 ? n / t : 0) }'; }
printf 'Rader:                         %d\n' "$N"
printf '1. ny kopia av regionen:       %s s vägg, %s s CPU (%s rader/s), %s MB, last %s\n' \
	"$RT1" "$RC1" "$(rate "$RT1")" "$RM1" "$LOAD1"
grep -E 'nya|rättade' "$BENCH_DIR/run1.out" | sed 's/^ */   /'
printf '2. samma fil igen (rättelser): %s s vägg, %s s CPU (%s rader/s), %s MB, last %s\n' \
	"$RT2" "$RC2" "$(rate "$RT2")" "$RM2" "$LOAD2"
grep -E 'nya|rättade' "$BENCH_DIR/run2.out" | sed 's/^ */   /'
printf 'sqlite3 .import:               %s s vägg, %s s CPU, %s MB, last %s\n' "$SQT" "$SQC" "$SQM" \
	"$LOAD3"
printf 'kvot sqlite3/rodtrad, vägg:    %s / %s (mål >= 0.5)\n' "$(ratio "$RT1" "$SQT")" \
	"$(ratio "$RT2" "$SQT")"
printf 'kvot sqlite3/rodtrad, CPU:     %s / %s\n' "$(ratio "$RC1" "$SQC")" "$(ratio "$RC2" "$SQC")"
printf 'µs CPU per rad:                %s / %s (sqlite3 %s)\n' "$(perrow "$RC1")" "$(perrow "$RC2")" \
	"$(perrow "$SQC")"
