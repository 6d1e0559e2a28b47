#!/bin/sh
# The rodtrad executable must not name the libraries that src/cli/lazy_libs.c
# loads on first use (libcurl, libical, libxml2, libpq): each one named
# brings its dependencies back into every start (issue 4 §6's start-up
# target, bench/RESULTS.md). When this fails, a new call to that library was
# added: define the function in src/cli/lazy_libs.c like the others.
#   tests/test_startup_libs.sh RODTRAD
set -eu
command -v readelf >/dev/null || { echo "readelf saknas; hoppar över" >&2; exit 77; }
needed=$(readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
bad=$(echo "$needed" | grep -E '^lib(curl|ical|icalss|icalvcal|xml2|pq)\.so' || true)
if [ -n "$bad" ]; then
	echo "rodtrad länkar mot $(echo "$bad" | tr '\n' ' ')— dessa laddas först vid användning" >&2
	echo "(src/cli/lazy_libs.c); funktioner som anropas men saknas där:" >&2
	nm -D --undefined-only "$1" | grep -E ' U (curl_|ical|xml|PQ)' >&2 || true
	exit 1
fi
echo "ok: $(echo "$needed" | wc -l) bibliotek i DT_NEEDED, inga av de som laddas vid användning"
