#!/usr/bin/env bash
# Crash safety (issue 8 §3): acknowledged outcome updates over the JSON API
# while `rodtrad serve` is killed with SIGKILL at random points and started
# again; then every acknowledged write must be there (tests/crash/crash_client.c
# checks the value and the history of every key) and `rodtrad audit verify`
# must pass. For SQLite also PRAGMA integrity_check.
#
#   tests/crash/crash.sh RODTRAD CRASH_CLIENT [--db URL | --pg-url-file FILE] [--writes N] [--kills K]
#                        [--threads T] [--timeout S] [--seed S]
#
# Without --db it makes a demo database in a temp dir. With --db (a file path
# or postgres://…) the database is used as it is, so it must hold the demo
# data (`rodtrad demo URL`); its outcomes for 2021-T1 are overwritten. With
# --pg-url-file (a cluster of scripts/pg_cluster.sh) it gets a schema of its
# own with the demo data (scripts/pg_schema.sh), dropped at the end.
# Defaults: 10 000 writes, 100 kills, 4 client threads, 600 s. The ctest
# variants (label crash; crash_pg) run 500 writes and 5 kills; `make crash`
# the full one.
set -euo pipefail

[ $# -ge 2 ] || { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
RODTRAD=$(readlink -f "$1")
PGSCHEMA=$(cd "$(dirname "$0")/../.." && pwd)/scripts/pg_schema.sh
CLIENT=$(readlink -f "$2")
shift 2
DB= PG_URL_FILE= PG_SCHEMA= WRITES=10000 KILLS=100 THREADS=4 TIMEOUT=600 SEED=$RANDOM
while [ $# -gt 0 ]; do
	case "$1" in
	--db) DB=$2; shift 2 ;;
	--pg-url-file) PG_URL_FILE=$2; shift 2 ;;
	--writes) WRITES=$2; shift 2 ;;
	--kills) KILLS=$2; shift 2 ;;
	--threads) THREADS=$2; shift 2 ;;
	--timeout) TIMEOUT=$2; shift 2 ;;
	--seed) SEED=$2; shift 2 ;;
	*) echo "crash.sh: okänd flagga $1" >&2; exit 2 ;;
	esac
done

TMP=$(mktemp -d "${TMPDIR:-/tmp}/rodtrad-crash.XXXXXX")
cleanup() {
	if [ "${KEEP:-0}" = 1 ]; then echo "crash.sh: behåller $TMP" >&2; else rm -rf "$TMP"; fi
	[ -z "$PG_SCHEMA" ] || "$PGSCHEMA" drop "$PG_URL_FILE" "$PG_SCHEMA" || true
}
trap cleanup EXIT
# --pg-url-file FILE: a PostgreSQL cluster's URL (scripts/pg_cluster.sh);
# the run gets a schema of its own with the demo data, dropped at the end.
if [ -n "$PG_URL_FILE" ]; then
	PG_SCHEMA=krasch_$$
	DB=$("$PGSCHEMA" create "$PG_URL_FILE" "$PG_SCHEMA" "$RODTRAD")
fi
if [ -z "$DB" ]; then
	DB=$TMP/crash.db
	"$RODTRAD" demo "$DB" >/dev/null
fi
export RODTRAD_DB=$DB
TOKEN=$("$RODTRAD" user token admin --label "krasch-$$" --db "$DB")

# A loopback port nobody listens on (a refused connect).
while :; do
	PORT=$((20000 + RANDOM % 12000))  # below the ephemeral range (32768-)
	(exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null || break
done

T0=$EPOCHREALTIME
C0=$(awk '{ print $14 + $15 + $16 + $17 }' /proc/$$/stat)
set +e
"$CLIENT" --base "http://127.0.0.1:$PORT" --token "$TOKEN" --port "$PORT" \
	--writes "$WRITES" --kills "$KILLS" --threads "$THREADS" --timeout "$TIMEOUT" --seed "$SEED" \
	--log "$TMP/serve.log" -- "$RODTRAD" serve --db "$DB" --listen "127.0.0.1:$PORT" --quiet
rc=$?
set -e
if [ $rc != 0 ]; then
	echo "crash.sh: FEL (frö $SEED); serverns logg, sista raderna:" >&2
	tail -20 "$TMP/serve.log" >&2
	exit 1
fi
"$RODTRAD" audit verify --db "$DB" || { echo "crash.sh: audit verify FEL (frö $SEED)" >&2; exit 1; }
case "$DB" in
postgres://* | postgresql://*) ;;
*)
	if command -v sqlite3 >/dev/null; then
		ic=$(sqlite3 "$DB" 'PRAGMA integrity_check;')
		[ "$ic" = ok ] || { echo "crash.sh: integrity_check: $ic" >&2; exit 1; }
		echo "sqlite integrity_check: ok"
	fi
	;;
esac
read -r LOAD _ </proc/loadavg || true
awk -v a="$T0" -v b="$EPOCHREALTIME" -v l="$LOAD" -v t="$(getconf CLK_TCK)" \
	-v c="$(awk '{ print $14 + $15 + $16 + $17 }' /proc/$$/stat)" -v c0="$C0" 'BEGIN {
	printf "crash.sh: OK på %.1f s vägg, %.1f s CPU (klient + servrar), belastning %s\n",
	       b - a, (c - c0) / t, l }'
