#!/usr/bin/env bash
# Optimistic concurrency across processes (issue 8 §1): two `rodtrad serve`
# against ONE database (a SQLite file, or a PostgreSQL schema), and in each
# round both update the same goal at the same moment from the same version,
# one request per process. Exactly one gets 200, the other 409 with the
# Swedish conflict message; the goal then holds the winner's title, its
# version went up by exactly one and the audit log has one more update: no
# lost update. A last round without versions shows that both writes then go
# through (last one wins, as before), so the check above is the versions'.
#
#   tests/conflict/two_servers.sh RODTRAD [--pg-url-file FILE] [--rounds N]
#
# Exit 0 when every round holds, 1 otherwise. ctest: conflict_2proc and
# conflict_2proc_pg (labels integration;conflict). A few seconds.
set -euo pipefail

[ $# -ge 1 ] || { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
RODTRAD=$(readlink -f "$1")
PGSCHEMA=$(cd "$(dirname "$0")/../.." && pwd)/scripts/pg_schema.sh
shift
PG_URL_FILE= PG_SCHEMA= ROUNDS=10
while [ $# -gt 0 ]; do
	case "$1" in
	--pg-url-file) PG_URL_FILE=$2; shift 2 ;;
	--rounds) ROUNDS=$2; shift 2 ;;
	*) echo "two_servers.sh: okänd flagga $1" >&2; exit 2 ;;
	esac
done
command -v curl >/dev/null && command -v jq >/dev/null ||
	{ echo "two_servers.sh: curl och jq behövs; hoppar över" >&2; exit 77; }

# shellcheck source=scripts/serve_lib.sh
. "$(dirname "$PGSCHEMA")/serve_lib.sh"
serve_tmp rodtrad-conflict
fail() {
	echo "two_servers.sh: FEL: $*" >&2
	for f in "$TMP"/a.err "$TMP"/b.err; do
		[ -s "$f" ] && { echo "--- $f" >&2; tail -5 "$f" >&2; }
	done
	exit 1
}

if [ -n "$PG_URL_FILE" ]; then
	PG_SCHEMA=conflict_$$
	DB=$("$PGSCHEMA" create "$PG_URL_FILE" "$PG_SCHEMA" "$RODTRAD")
else
	DB=$TMP/conflict.db
	"$RODTRAD" demo "$DB" >/dev/null
fi
TOKEN=$("$RODTRAD" user token admin --label conflict --db "$DB")
[ -n "$TOKEN" ] || fail "ingen API-nyckel"

serve_pair
[ -n "$PA" ] && [ -n "$PB" ] || fail "rodtrad serve startade inte"
A=http://127.0.0.1:$PA B=http://127.0.0.1:$PB

api() {   # api METHOD URL [BODY] → body on stdout, status in $TMP/status
	local m=$1 u=$2 d=${3:-}
	if [ -n "$d" ]; then
		curl -s -o "$TMP/body" -w '%{http_code}' -X "$m" -H "Authorization: Bearer $TOKEN" \
			-H 'Content-Type: application/json' --data-binary "$d" "$u" >"$TMP/status"
	else
		curl -s -o "$TMP/body" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$u" >"$TMP/status"
	fi
	cat "$TMP/body"
}

PLAN=$(api GET "$A/api/v1/plans" | jq '[.[] | select(.key == "rjh-rs-vp-2021")][0].id')
GOAL=$(api GET "$A/api/v1/plans/$PLAN" | jq '.goals[0].id')
[ -n "$GOAL" ] && [ "$GOAL" != null ] || fail "hittade inget mål i rjh-rs-vp-2021"
updates() {
	"$RODTRAD" audit list --entity goal --id "$GOAL" --json --db "$DB" |
		jq '[.[] | select(.action == "update")] | length'
}

U0=$(updates)
for i in $(seq "$ROUNDS"); do
	V=$(api GET "$B/api/v1/goals/$GOAL" | jq '.version')
	[ "$(cat "$TMP/status")" = 200 ] || fail "GET via B gav $(cat "$TMP/status")"
	CP=()   # the two clients (a bare `wait` would wait for the servers too)
	order="a b"; [ $((i % 2)) = 0 ] && order="b a"   # who starts first alternates
	for s in $order; do
		url=$A; [ $s = b ] && url=$B
		curl -s -o "$TMP/$s.$i.json" -w '%{http_code}' -X PUT -H "Authorization: Bearer $TOKEN" \
			-H 'Content-Type: application/json' \
			--data-binary "{\"title\":\"Omgång $i via $s\",\"version\":$V}" \
			"$url/api/v1/goals/$GOAL" >"$TMP/$s.$i.status" &
		CP+=($!)
	done
	wait "${CP[@]}"
	SA=$(cat "$TMP/a.$i.status") SB=$(cat "$TMP/b.$i.status")
	case "$SA/$SB" in
	200/409) WIN=a LOSE=b ;;
	409/200) WIN=b LOSE=a ;;
	*) fail "omgång $i: A svarade $SA, B svarade $SB (väntat 200 och 409)" ;;
	esac
	MSG=$(jq -r '.error.message' "$TMP/$LOSE.$i.json")
	WANT="Målet har ändrats av någon annan sedan du öppnade det (version $((V + 1)), du utgick från version $V). Ladda om och gör om din ändring."
	[ "$MSG" = "$WANT" ] || fail "omgång $i: meddelandet var '$MSG'"
	NOW=$(api GET "$A/api/v1/goals/$GOAL")
	[ "$(jq -r '.title' <<<"$NOW")" = "Omgång $i via $WIN" ] ||
		fail "omgång $i: titeln är '$(jq -r '.title' <<<"$NOW")', vinnaren var $WIN"
	[ "$(jq '.version' <<<"$NOW")" = $((V + 1)) ] || fail "omgång $i: versionen är inte $((V + 1))"
	echo "ok omgång $i: $WIN vann (200), $LOSE fick 409; version $V → $((V + 1))"
done
U1=$(updates)
[ $((U1 - U0)) = "$ROUNDS" ] || fail "ändringsloggen har $((U1 - U0)) uppdateringar, väntat $ROUNDS"
echo "ok ändringsloggen: $ROUNDS uppdateringar, en per omgång"

# Without versions both go through: the refusals above were the versions'.
CP=()
for s in a b; do
	url=$A; [ $s = b ] && url=$B
	curl -s -o /dev/null -w '%{http_code}' -X PUT -H "Authorization: Bearer $TOKEN" \
		-H 'Content-Type: application/json' --data-binary "{\"description\":\"Utan version $s\"}" \
		"$url/api/v1/goals/$GOAL" >"$TMP/free.$s" &
	CP+=($!)
done
wait "${CP[@]}"
[ "$(cat "$TMP/free.a")/$(cat "$TMP/free.b")" = 200/200 ] || fail "utan version: $(cat "$TMP/free.a")/$(cat "$TMP/free.b")"
[ $(($(updates) - U1)) = 2 ] || fail "utan version: inte två uppdateringar"
echo "ok utan version: båda skrivningarna gick igenom"
echo "two_servers.sh: OK (databas ${PG_SCHEMA:-$DB})"
