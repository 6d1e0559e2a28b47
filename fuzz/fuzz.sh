#!/bin/sh
# Builds and runs the libFuzzer targets of fuzz/ (see fuzz/CMakeLists.txt).
#   fuzz/fuzz.sh build DIR                   clang, -DRT_FUZZ=ON, in DIR
#   fuzz/fuzz.sh run DIR TARGET SECONDS      one target on its corpus
#   fuzz/fuzz.sh all DIR SECONDS [JOBS]      every target, JOBS at a time
# A run reads the committed seeds (fuzz/corpus/TARGET) and keeps what it
# finds in DIR/corpus/TARGET; a crash leaves DIR/crash-TARGET-* and fails.
# Exit 77 (skipped) when clang is missing.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
targets="fuzz_form fuzz_multipart fuzz_json fuzz_csv fuzz_xlsx"

need_clang() {
	if ! command -v clang >/dev/null 2>&1; then
		echo "fuzz: clang saknas (apt-get install clang); hoppar över" >&2
		exit 77
	fi
}

case "${1:-}" in
build)
	need_clang
	dir=$2
	cmake -S "$src" -B "$dir" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug -DRT_FUZZ=ON \
		>"$dir.log" 2>&1 || { cat "$dir.log" >&2; exit 1; }
	cmake --build "$dir" -j "$(nproc 2>/dev/null || echo 2)" --target fuzzers
	;;
run)
	need_clang
	dir=$2 t=$3 secs=$4
	bin="$dir/fuzz/$t"
	[ -x "$bin" ] || { echo "fuzz: $bin finns inte; kör 'fuzz/fuzz.sh build $dir' först" >&2; exit 1; }
	mkdir -p "$dir/corpus/$t"
	dict=""
	[ -f "$src/fuzz/$t.dict" ] && dict="-dict=$src/fuzz/$t.dict"
	# -timeout: one input may take at most 10 s; -rss_limit_mb: 2 GiB.
	# Leak checking stays on (libFuzzer's default with ASan).
	"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$dir/crash-$t-" $dict "$dir/corpus/$t" "$src/fuzz/corpus/$t" \
		>"$dir/$t.log" 2>&1 || {
		tail -n 60 "$dir/$t.log" >&2
		echo "fuzz: $t hittade ett fel; indata i $dir/crash-$t-*" >&2
		exit 1
	}
	grep -E '^stat::(number_of_executed_units|peak_rss_mb)|^#[0-9]+.*DONE' "$dir/$t.log" || true
	;;
all)
	need_clang
	dir=$2 secs=$3 jobs=${4:-1}
	fail=0
	echo $targets | tr ' ' '\n' | xargs -P "$jobs" -I{} sh -c \
		'"$0" run "$1" {} "$2" >"$1/{}.summary" 2>&1; rc=$?; echo "== {} (rc $rc)"; cat "$1/{}.summary"; exit $rc' \
		"$0" "$dir" "$secs" || fail=1
	exit $fail
	;;
*)
	sed -n '2,9p' "$0" >&2
	exit 2
	;;
esac
