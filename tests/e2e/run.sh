#!/usr/bin/env bash
# Runs the browser end-to-end tests (e2e.mjs): installs what they need if it
# is missing (Debian's chromium, node and npm via scripts/deps.sh; the npm
# packages from package-lock.json), creates a demo database in a temporary
# directory, starts `rodtrad serve` on a free port on 127.0.0.1, runs the
# tests headless and stops the server. Screenshots go to tests/e2e/out/.
# Usage: tests/e2e/run.sh [path/to/rodtrad]   (ctest passes the binary)
# With E2E_PG_URL_FILE (a file holding a postgres:// URL, as
# scripts/pg_cluster.sh writes it) the demo goes into a schema of its own in
# that cluster instead (scripts/pg_schema.sh), the server runs on it and the
# schema is dropped afterwards: ctest e2e_pg.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
bin=${1:-${RODTRAD_BIN:-$src/build/rodtrad}}
[[ -x "$bin" ]] || { echo "e2e: hittar inte rodtrad ($bin)" >&2; exit 1; }

[[ -x /usr/bin/chromium ]] || "$src/scripts/deps.sh" chromium
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
	"$src/scripts/deps.sh" nodejs npm
fi

cd "$here"
if [[ ! -f node_modules/playwright-core/package.json || ! -f node_modules/axe-core/axe.min.js ]]; then
	npm ci --no-audit --no-fund --loglevel=error >&2 || npm install --no-audit --no-fund --loglevel=error >&2
fi

tmp=$(mktemp -d)
pid=""
pg_schema=""
cleanup() {
	if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
		kill -TERM "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	fi
	rm -rf "$tmp"
	[[ -z "$pg_schema" ]] || "$src/scripts/pg_schema.sh" drop "$E2E_PG_URL_FILE" "$pg_schema" || true
}
trap cleanup EXIT

if [[ -n "${E2E_PG_URL_FILE:-}" ]]; then
	pg_schema=e2e_$$
	db=$("$src/scripts/pg_schema.sh" create "$E2E_PG_URL_FILE" "$pg_schema" "$bin")
	echo "e2e: PostgreSQL, schema $pg_schema"
else
	db=$tmp/e2e.db
	"$bin" demo "$db" >/dev/null
fi
# Port 0: the server picks a free port and prints its URL on the first line.
"$bin" serve --db "$db" --listen 127.0.0.1:0 >"$tmp/serve.out" 2>"$tmp/serve.log" &
pid=$!
url=""
for _ in $(seq 1 100); do
	url=$(grep -o 'http://[0-9.]*:[0-9]*' "$tmp/serve.out" 2>/dev/null | head -n1 || true)
	[[ -n "$url" ]] && break
	kill -0 "$pid" 2>/dev/null || { cat "$tmp/serve.log" >&2; echo "e2e: servern startade inte" >&2; exit 1; }
	sleep 0.1
done
[[ -n "$url" ]] || { echo "e2e: servern skrev ingen adress" >&2; exit 1; }
echo "e2e: $url"

rc=0
# E2E_SPEC picks another spec file (process.mjs: the årshjul and checklist pages).
timeout 240 node "$here/${E2E_SPEC:-e2e.mjs}" "$url" || rc=$?
if [[ $rc -ne 0 ]]; then
	echo "--- serverlogg ---" >&2
	tail -n 40 "$tmp/serve.log" >&2 || true
fi
exit $rc
