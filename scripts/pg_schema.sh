#!/bin/sh
# A schema of its own in a PostgreSQL cluster (scripts/pg_cluster.sh), for a
# test script that needs a whole database with the demo data:
#
#   scripts/pg_schema.sh create URL_FILE NAME RODTRAD   # prints the database URL
#   scripts/pg_schema.sh drop URL_FILE NAME
#
# create makes schema NAME and loads the demo into it with `RODTRAD demo`;
# the URL selects it with options=-csearch_path. Used by tests/crash/crash.sh
# and deploy/test-scaleout.sh (--pg-url-file).
set -eu
cmd=${1:-} file=${2:-} name=${3:-}
[ -n "$cmd" ] && [ -n "$file" ] && [ -n "$name" ] || { echo "usage: $0 create|drop URL_FILE NAME [RODTRAD]" >&2; exit 2; }
base=$(cat "$file")
case "$cmd" in
create)
	psql -q "$base" -c "CREATE SCHEMA $name" >/dev/null
	case "$base" in *\?*) sep='&' ;; *) sep='?' ;; esac
	url="$base${sep}options=-csearch_path%3D$name"
	"$4" demo "$url" >/dev/null
	echo "$url"
	;;
drop)
	psql -q "$base" -c "DROP SCHEMA $name CASCADE" >/dev/null 2>&1
	;;
*)
	echo "usage: $0 create|drop URL_FILE NAME [RODTRAD]" >&2
	exit 2
	;;
esac
