#!/bin/sh
# A throwaway PostgreSQL cluster for the tests and for trying the PostgreSQL
# backend: initdb + pg_ctl in DIR, listening on 127.0.0.1 at a free port,
# trust authentication, C locale (text sorts by bytes, as in SQLite).
#
#   scripts/pg_cluster.sh start DIR   # prints postgres://rodtrad@127.0.0.1:PORT/rodtrad
#   scripts/pg_cluster.sh url DIR     # the same URL again
#   scripts/pg_cluster.sh stop DIR    # stops the server and removes DIR
#
# As root the server runs as the `postgres` user (PostgreSQL refuses root)
# from a directory of its own under /dev/shm or /tmp (DIR may be where
# postgres cannot go, e.g. below /root); DIR/home names it.
# fsync is off unless PG_FSYNC=on: the tests kill rodtrad, never the server.
set -eu

cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|url|stop DIR" >&2; exit 2; }

bindir=$(pg_config --bindir 2>/dev/null || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
	bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
fi
[ -x "$bindir/initdb" ] || { echo "pg_cluster.sh: initdb saknas (apt-get install postgresql)" >&2; exit 1; }

# Runs a PostgreSQL program as the cluster's owner.
as_owner() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# The cluster lives in /dev/shm when that has 2 GiB free: in memory the
# tests' many CREATE SCHEMA and migrations do no disk I/O, and removing the
# cluster is instant (its ~5 000 files took 10-30 s to delete on an ext4
# mounted with discard, at the end of every ctest run).
shm_room() {
	[ -d /dev/shm ] && [ -w /dev/shm ] &&
		[ "$(df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 { print $4 }')" -ge 2097152 ] 2>/dev/null
}

case "$cmd" in
start)
	if [ -f "$dir/url" ] && [ -f "$dir/home" ] &&
	   as_owner "$bindir/pg_ctl" -D "$(cat "$dir/home")/data" status >/dev/null 2>&1; then
		cat "$dir/url"
		exit 0
	fi
	"$0" stop "$dir"
	mkdir -p "$dir"
	home=$dir
	if shm_room; then
		home=$(mktemp -d /dev/shm/rodtrad-pg.XXXXXX)
	elif [ "$(id -u)" = 0 ]; then
		home=$(mktemp -d /tmp/rodtrad-pg.XXXXXX)
	fi
	[ "$(id -u)" != 0 ] || chown postgres: "$home"
	echo "$home" >"$dir/home"
	port=$(free_port)
	as_owner "$bindir/initdb" -D "$home/data" -U rodtrad --auth=trust -E UTF8 --locale=C \
		>"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
	fsync=${PG_FSYNC:-off}
	as_owner "$bindir/pg_ctl" -D "$home/data" -l "$home/server.log" -w -t 60 \
		-o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$home' \
		    -c fsync=$fsync -c synchronous_commit=$fsync -c full_page_writes=$fsync \
		    -c max_connections=300" \
		start >/dev/null || { cat "$home/server.log" >&2; exit 1; }
	as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U rodtrad rodtrad
	echo "postgres://rodtrad@127.0.0.1:$port/rodtrad" | tee "$dir/url"
	;;
url)
	cat "$dir/url"
	;;
stop)
	home=$dir
	[ -f "$dir/home" ] && home=$(cat "$dir/home")
	if [ -d "$home/data" ]; then
		# immediate: no shutdown checkpoint, the files are removed next
		# (after a ctest run, writing out every test's schemas took ~10-30 s)
		as_owner "$bindir/pg_ctl" -D "$home/data" -m immediate -w stop >/dev/null 2>&1 || true
	fi
	[ "$home" != "$dir" ] && rm -rf "$home"
	rm -rf "$dir"
	;;
*)
	echo "usage: $0 start|url|stop DIR" >&2
	exit 2
	;;
esac
