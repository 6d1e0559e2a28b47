# Shell helpers shared by bench/http.sh, bench/load.sh, bench/import.sh and bench/pg.sh
# (sourced, bash).

# Makes $TMP (prefix $1) and arranges that everything started and added to
# PIDS is stopped, and $TMP removed, when the script exits.
bench_tmp() {
	TMP=$(mktemp -d "/tmp/$1.XXXXXX")
	# Readable to all: nginx started by root reads files as its worker user.
	chmod 755 "$TMP"
	PIDS=()
	trap bench_cleanup EXIT
	trap 'exit 130' INT TERM
}
bench_cleanup() {
	local p
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
	for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
	rm -rf "$TMP"
}

# Starts `$1 serve --db $DB --listen 127.0.0.1:0 --quiet` (plus --threads
# $SERVE_THREADS when set), output in $2.out/$2.err, and waits until it
# listens: sets SPID and API (http://127.0.0.1:PORT).
start_server() {
	local args=(serve --db "$DB" --listen 127.0.0.1:0 --quiet) port=
	[ -n "${SERVE_THREADS:-}" ] && args+=(--threads "$SERVE_THREADS")
	"$1" "${args[@]}" >"$2.out" 2>"$2.err" &
	SPID=$!
	PIDS+=("$SPID")
	for _ in $(seq 400); do
		port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$2.out")
		[ -n "$port" ] && break
		sleep 0.05
	done
	[ -n "$port" ] || { echo "$(basename "$0"): rodtrad serve startade inte:" >&2; cat "$2.err" >&2; exit 1; }
	API=http://127.0.0.1:$port
}

# A loopback port nobody listens on (bash's /dev/tcp: a refused connect).
free_port() {
	local p
	while :; do
		p=$((20000 + RANDOM % 12000))  # below the ephemeral range (32768-)
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return
		fi
	done
}

# wrk's "1.23ms" / "850.00us" / "2.01s" as milliseconds.
to_ms() {
	awk -v v="$1" 'BEGIN {
		n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
		if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
		printf "%.2f", n }'
}

# Sets RPS, P50, P99 (ms) and ERRS from a wrk --latency output file: non-2xx
# answers, socket errors, and the count a bench Lua script prints in done().
wrk_parse() {
	RPS=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$1")
	P50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$1")")
	P99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$1")")
	ERRS=$(awk '/Non-2xx/ { n += $NF } /Socket errors/ { gsub(/,/, ""); n += $4 + $6 + $8 + $10 }
	            /^load.lua: svar/ { n += $7 } END { print n + 0 }' "$1")
}

# user + system clock ticks of the processes named (with their threads).
cpu_ticks() {
	local p n=0
	for p in $1; do
		n=$((n + $(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || echo 0)))
	done
	echo "$n"
}

# Starts nginx serving the directory $1 with Content-Type $2 for every file
# (own config under $TMP/nginx, not root, access_log off, sendfile) on a free
# loopback port, and waits until it answers: sets NPORT, NPID (the master,
# added to PIDS) and NGINX_URL (http://127.0.0.1:PORT).
start_nginx() {
	local nginx
	nginx=$(command -v nginx || echo /usr/sbin/nginx)
	NPORT=$(free_port)
	mkdir -p "$TMP/nginx/logs"
	cat >"$TMP/nginx/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
	access_log off;
	client_body_temp_path $TMP/nginx/body;
	proxy_temp_path $TMP/nginx/proxy;
	fastcgi_temp_path $TMP/nginx/fastcgi;
	uwsgi_temp_path $TMP/nginx/uwsgi;
	scgi_temp_path $TMP/nginx/scgi;
	sendfile on;
	tcp_nopush on;
	keepalive_requests 1000000;
	types { }
	default_type "$2";
	server {
		listen 127.0.0.1:$NPORT;
		root $1;
	}
}
CONF
	"$nginx" -p "$TMP/nginx" -e "$TMP/nginx/logs/error.log" -c "$TMP/nginx/nginx.conf" 2>"$TMP/nginx.err" &
	NPID=$!
	PIDS+=("$NPID")
	NGINX_URL=http://127.0.0.1:$NPORT
	for _ in $(seq 100); do
		curl -s -o /dev/null "$NGINX_URL/" && return 0
		sleep 0.05
	done
	echo "$(basename "$0"): nginx startade inte:" >&2
	cat "$TMP/nginx.err" "$TMP/nginx/logs/error.log" >&2
	exit 1
}

# The outcome-import benchmark's CSV on stdout: indicator × month × t/k/m of
# region $1 in period order, at most $2 rows, the months whose key is LIKE
# any of the patterns that follow (e.g. 2025-M__). Values are derived from
# the ids, so the same region gives the same file.
import_csv() {
	local db=$1 rows=$2 where="" pat
	shift 2
	for pat in "$@"; do where+="${where:+ OR }p.key LIKE '$pat'"; done
	printf 'indikator;period;värde;kön;kommentar\n'
	sqlite3 -separator ';' "$db" "
		WITH g(code, n) AS (VALUES ('t', 0), ('k', 1), ('m', 2))
		SELECT i.key, p.key,
		       CASE WHEN i.kind = 'qualitative'
		            THEN CASE (i.id + p.id + g.n) % 3 WHEN 0 THEN 'Ja' WHEN 1 THEN 'Delvis'
		                 ELSE 'Nej' END
		            ELSE ((i.id * 7919 + p.id * 104729 + g.n * 31) % 900 + 10) || ',' ||
		                 ((i.id + p.id + g.n) % 10) END,
		       g.code,
		       CASE WHEN (i.id + p.id) % 3 = 0 THEN 'Import ' || p.key ELSE '' END
		FROM period p CROSS JOIN indicator i CROSS JOIN g
		WHERE $where
		ORDER BY p.start_date, i.id, g.n
		LIMIT $rows"
}
