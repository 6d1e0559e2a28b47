#!/usr/bin/env bash
# Scale-out check (issue 8 §2): two `rodtrad serve` processes on different
# loopback ports against ONE database, and nginx (own config in a temp dir,
# load-balancing both like deploy/nginx.conf, without TLS) in front. Checks
# that sessions live in the database, not in a process:
#   1. a login through process A gives a session cookie that process B accepts;
#   2. through nginx, a login and then 20 requests spread over both processes
#      all see the logged-in user (both processes' access logs show requests);
#   3. a logout through B ends the session for A as well.
#
#   deploy/test-scaleout.sh RODTRAD [--db URL | --pg-url-file FILE]
#
# Without --db it makes a demo database in a temp dir; with --db (a file or
# postgres://…) that database must hold the demo users (`rodtrad demo URL`);
# with --pg-url-file (a cluster of scripts/pg_cluster.sh) it gets a schema of
# its own with the demo data, dropped at the end.
# Exit 0 when all checks pass, 1 when one fails, 77 (skip) without nginx.
# Run by ctest (labels scaleout; postgres for scaleout_pg); a few seconds.
set -euo pipefail

[ $# -ge 1 ] || { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
RODTRAD=$(readlink -f "$1")
PGSCHEMA=$(cd "$(dirname "$0")/.." && pwd)/scripts/pg_schema.sh
shift
DB= PG_URL_FILE= PG_SCHEMA=
while [ $# -gt 0 ]; do
	case "$1" in
	--db) DB=$2; shift 2 ;;
	--pg-url-file) PG_URL_FILE=$2; shift 2 ;;
	*) echo "test-scaleout.sh: okänd flagga $1" >&2; exit 2 ;;
	esac
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || { echo "test-scaleout.sh: nginx saknas (apt-get install nginx); hoppar över" >&2; exit 77; }
command -v curl >/dev/null || { echo "test-scaleout.sh: curl saknas; hoppar över" >&2; exit 77; }

# shellcheck source=scripts/serve_lib.sh
. "$(dirname "$PGSCHEMA")/serve_lib.sh"
serve_tmp rodtrad-scaleout
fail() {
	echo "test-scaleout.sh: FEL: $*" >&2
	for f in "$TMP"/a.err "$TMP"/b.err "$TMP"/nginx/error.log; do
		[ -s "$f" ] && { echo "--- $f" >&2; tail -5 "$f" >&2; }
	done
	exit 1
}

# --pg-url-file FILE: a PostgreSQL cluster's URL (scripts/pg_cluster.sh);
# the run gets a schema of its own with the demo data, dropped at the end.
if [ -n "$PG_URL_FILE" ]; then
	PG_SCHEMA=scaleout_$$
	DB=$("$PGSCHEMA" create "$PG_URL_FILE" "$PG_SCHEMA" "$RODTRAD")
fi
if [ -z "$DB" ]; then
	DB=$TMP/scaleout.db
	"$RODTRAD" demo "$DB" >/dev/null
fi

free_port() {
	local p
	while :; do
		p=$((20000 + RANDOM % 12000))  # below the ephemeral range (32768-)
		(exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
	done
}
wait_port() {
	for _ in $(seq 300); do
		(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
		sleep 0.05
	done
	return 1
}

# The servers bind port 0 and print the port the kernel gave them: a port
# picked in advance can be taken by a parallel test's connection meanwhile.
serve_pair
[ -n "$PA" ] && [ -n "$PB" ] || fail "rodtrad serve startade inte"
PN=$(free_port)

mkdir -p "$TMP/nginx"
cat >"$TMP/nginx/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log warn;
events { worker_connections 256; }
http {
	access_log off;
	client_body_temp_path $TMP/nginx/body;
	proxy_temp_path $TMP/nginx/proxy;
	fastcgi_temp_path $TMP/nginx/fastcgi;
	uwsgi_temp_path $TMP/nginx/uwsgi;
	scgi_temp_path $TMP/nginx/scgi;
	# As deploy/nginx.conf, but round robin (so both processes get requests
	# in this short test) and plain HTTP on loopback.
	upstream rodtrad {
		server 127.0.0.1:$PA;
		server 127.0.0.1:$PB;
		keepalive 8;
	}
	server {
		listen 127.0.0.1:$PN;
		client_max_body_size 2m;
		location / {
			proxy_pass http://rodtrad;
			proxy_http_version 1.1;
			proxy_set_header Connection "";
			proxy_set_header Host \$host;
			proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
			proxy_next_upstream error timeout;
		}
	}
}
EOF
"$NGINX" -p "$TMP/nginx" -e "$TMP/nginx/error.log" -c "$TMP/nginx/nginx.conf" 2>"$TMP/nginx.err" &
PIDS+=($!)
wait_port "$PN" || fail "nginx startade inte: $(cat "$TMP/nginx.err")"

A=http://127.0.0.1:$PA B=http://127.0.0.1:$PB N=http://127.0.0.1:$PN

# Logs in at $1 as the demo planner; prints the rt_session cookie value.
login() {
	curl -s -o /dev/null -D - --data-urlencode anvandarnamn=planerare \
		--data-urlencode losenord=planerare-demo "$1/logga-in" |
		tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: rt_session=\([^;]*\);.*/\1/p'
}
# HTTP status of GET $1$2 with the session cookie $3.
status() {
	curl -s -o /dev/null -w '%{http_code}' -H "Cookie: rt_session=$3" "$1$2"
}
# The API's plan list needs a logged-in user (401 without one).
PROBE=/api/v1/plans

# 1. Log in through A, use the session on B.
COOKIE=$(login "$A")
[ -n "$COOKIE" ] || fail "inloggningen via A gav ingen sessionskaka"
[ "$(status "$B" "$PROBE" "")" = 401 ] || fail "B svarar utan inloggning"
[ "$(status "$B" "$PROBE" "$COOKIE")" = 200 ] || fail "B godtar inte sessionen från A"
[ "$(status "$A" "$PROBE" "$COOKIE")" = 200 ] || fail "A godtar inte sin egen session"
echo "ok 1: inloggning via A (port $PA) gäller på B (port $PB)"

# 2. Through nginx: a login, then 20 requests over both processes.
NCOOKIE=$(login "$N")
[ -n "$NCOOKIE" ] || fail "inloggningen via nginx gav ingen sessionskaka"
a0=$(grep -c "path=\"$PROBE\"" "$TMP/a.err" || true)
b0=$(grep -c "path=\"$PROBE\"" "$TMP/b.err" || true)
for i in $(seq 20); do
	s=$(status "$N" "$PROBE" "$NCOOKIE")
	[ "$s" = 200 ] || fail "begäran $i via nginx gav $s"
done
a1=$(grep -c "path=\"$PROBE\"" "$TMP/a.err" || true)
b1=$(grep -c "path=\"$PROBE\"" "$TMP/b.err" || true)
[ $((a1 - a0)) -gt 0 ] && [ $((b1 - b0)) -gt 0 ] ||
	fail "nginx fördelade inte begärandena (A $((a1 - a0)), B $((b1 - b0)))"
echo "ok 2: inloggning via nginx, 20 begäranden: A svarade $((a1 - a0)), B $((b1 - b0)), alla inloggade"

# 3. Log out through B (with the session's CSRF token from a page); A refuses.
CSRF=$(curl -s -H "Cookie: rt_session=$COOKIE" "$B/" |
	sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
[ -n "$CSRF" ] || fail "hittade ingen CSRF-token på startsidan"
s=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: rt_session=$COOKIE" \
	--data-urlencode "csrf=$CSRF" "$B/logga-ut")
[ "$s" = 303 ] || fail "utloggningen via B gav $s"
[ "$(status "$A" "$PROBE" "$COOKIE")" = 401 ] || fail "A godtar sessionen efter utloggning via B"
[ "$(status "$N" "$PROBE" "$NCOOKIE")" = 200 ] || fail "den andra sessionen (via nginx) försvann"
echo "ok 3: utloggning via B gäller på A; den andra sessionen lever"
echo "test-scaleout.sh: OK (databas $DB)"
