# Shell helpers for the test scripts that run real `rodtrad serve` processes
# against one database (deploy/test-scaleout.sh, tests/conflict/two_servers.sh).
# Sourced (bash). The caller sets RODTRAD, DB, and PGSCHEMA / PG_URL_FILE /
# PG_SCHEMA (PG_SCHEMA set: that schema is dropped at the end).

# Makes $TMP (prefix $1, readable to all: nginx's worker user reads files
# there) and arranges that every process in PIDS is stopped, $TMP removed and
# the PostgreSQL schema dropped when the script exits.
serve_tmp() {
	TMP=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
	chmod 755 "$TMP"
	PIDS=()
	trap serve_cleanup EXIT
	trap 'exit 130' INT TERM
}
serve_cleanup() {
	local p
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
	for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
	rm -rf "$TMP"
	[ -z "$PG_SCHEMA" ] || "$PGSCHEMA" drop "$PG_URL_FILE" "$PG_SCHEMA" || true
}

# Starts `rodtrad serve` on port 0 (output in $TMP/$1.out/.err, pid in
# $TMP/$1.pid) and prints the port read from its start line.
serve_port() {
	local p=
	"$RODTRAD" serve --db "$DB" --listen 127.0.0.1:0 >"$TMP/$1.out" 2>"$TMP/$1.err" &
	echo $! >"$TMP/$1.pid"   # runs in $(…): serve_pair adds it to PIDS
	for _ in $(seq 400); do
		p=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$TMP/$1.out")
		[ -n "$p" ] && break
		sleep 0.05
	done
	[ -n "$p" ] || { cat "$TMP/$1.err" >&2; return 1; }
	echo "$p"
}

# Two servers, a and b: sets PA and PB (empty when one did not start).
serve_pair() {
	PA=$(serve_port a) || PA=
	PIDS+=("$(cat "$TMP/a.pid")")
	PB=$(serve_port b) || PB=
	PIDS+=("$(cat "$TMP/b.pid")")
}
