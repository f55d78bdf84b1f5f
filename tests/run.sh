#!/bin/sh
# Runs every test of one build: tests/run.sh BUILD_DIR
# Each suite is a script or binary; the closing line counts suites.
B=${1:-build}
export IVS_TEST_DIR=tests IVS_BIN="$B/ivs-tui" LC_ALL=C.UTF-8 TZ=UTC
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:halt_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
passed=0; failed=0; failures=""
run() {
	name=$1; shift
	log=$(mktemp)
	if "$@" >"$log" 2>&1; then
		passed=$((passed + 1)); echo "ok   $name"
	else
		failed=$((failed + 1)); failures="$failures $name"; echo "FAIL $name"; sed 's/^/    /' "$log" | tail -60
	fi
	rm -f "$log"
}
for t in "$B"/tests/test_*; do
	[ -x "$t" ] && run "unit/$(basename "$t")" "$t"
done
for s in tests/*/test-*.sh; do
	[ -f "$s" ] && run "$s" sh "$s" "$B"
done
echo "$B: $passed passed, $failed failed"
[ "$failed" = 0 ] || { echo "failed:$failures"; exit 1; }
