#!/usr/bin/env bash
# Times `rodtrad import outcomes` on a large CSV file (issue 7 §1) against
# sqlite3's own `.import` of the same file into a plain table, and prints
# the ratio sqlite3 time / rodtrad time (target >= 0.5). Not a test: never
# run by ctest. See bench/README.md for the synthetic region.
#
#   bench/import.sh [--rows N] [--regen]      (default 1 000 000 rows)
#
# The rows are the outcomes of a synthetic region (gen_region, about 272 000
# outcome rows per --scale 1, so the scale is chosen from N), written out by
# sqlite3 as indikator;period;värde;kön;kommentar with Swedish decimal
# commas. Importing them again into a copy of the region makes every row a
# correction: parsed against its indicator, status computed, the old version
# kept in the history, audited, all in one transaction — the full path.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH_DIR=${BENCH_DIR:-/tmp/rodtrad-bench}
ROWS=1000000
REGEN=0
while [ $# -gt 0 ]; do
	case "$1" in
	--rows) ROWS=$2; shift 2 ;;
	--regen) REGEN=1; shift ;;
	-h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "import.sh: okänd flagga $1" >&2; exit 2 ;;
	esac
done
command -v sqlite3 >/dev/null || { echo "import.sh: sqlite3 saknas (apt-get install sqlite3)" >&2; exit 1; }

BUILD=${RT_BENCH_BUILD:-$BENCH_DIR/build}
mkdir -p "$BENCH_DIR"
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD" -j"$(nproc 2>/dev/null || echo 2)" --target rodtrad gen_region >/dev/null
RODTRAD=$BUILD/rodtrad

SCALE=$(awk -v n="$ROWS" 'BEGIN { s = n / 272640 * 1.02; if (s < 0.01) s = 0.01; if (s > 10) s = 10; printf "%.3f", s }')
REGION=$BENCH_DIR/import-region-$SCALE.db
if [ "$REGEN" = 1 ] || [ ! -s "$REGION" ]; then
	rm -f "$REGION"
	echo "Genererar regionen (--scale $SCALE) …" >&2
	"$BUILD/bench/gen_region" --scale "$SCALE" "$REGION" >/dev/null
fi

CSV=$BENCH_DIR/import-$ROWS.csv
if [ ! -s "$CSV" ] || [ "$REGEN" = 1 ]; then
	{
		printf 'indikator;period;värde;kön;kommentar\n'
		sqlite3 -separator ';' "$REGION" "
			SELECT i.key, p.key, o.text,
			       CASE o.gender WHEN 'women' THEN 'k' WHEN 'men' THEN 'm' ELSE 't' END,
			       replace(replace(coalesce(o.comment, ''), ';', ','), char(10), ' ')
			FROM outcome o JOIN indicator i ON i.id = o.indicator_id
			JOIN period p ON p.id = o.period_id
			WHERE o.text IS NOT NULL AND o.org_unit_id IS NULL
			ORDER BY o.id LIMIT $ROWS"
	} >"$CSV"
fi
N=$(($(wc -l <"$CSV") - 1))

now() { date +%s.%N; }

# rodtrad: into a fresh copy of the region each time
DB=$BENCH_DIR/import-run.db
cp "$REGION" "$DB"
t0=$(now)
"$RODTRAD" import outcomes "$CSV" --db "$DB" >/dev/null
t1=$(now)
RT=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')

# sqlite3 .import of the same file into a plain table
SQ=$BENCH_DIR/import-sqlite.db
rm -f "$SQ"
t0=$(now)
sqlite3 "$SQ" <<SQL
CREATE TABLE utfall (indikator TEXT, period TEXT, värde TEXT, kön TEXT, kommentar TEXT);
.mode csv
.separator ";"
.import --skip 1 $CSV utfall
SQL
t1=$(now)
SQT=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')

RATIO=$(awk -v r="$RT" -v s="$SQT" 'BEGIN { printf "%.2f", (r > 0 ? s / r : 0) }')
printf 'Rader:                 %d\n' "$N"
printf 'rodtrad import:        %s s (%s rader/s)\n' "$RT" "$(awk -v n="$N" -v t="$RT" 'BEGIN { printf "%.0f", n / t }')"
printf 'sqlite3 .import:       %s s\n' "$SQT"
printf 'kvot sqlite3/rodtrad:  %s (mål >= 0.5)\n' "$RATIO"
