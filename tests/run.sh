#!/bin/sh
# Runs every test of one build: tests/run.sh BUILD_DIR
# Each suite is a script or binary; the closing line counts suites:
# "N passed, N failed, N skipped". A suite that cannot run here (no tmux,
# no cfn-lint, no permission to mount or to change user) prints
# "SKIP: reason" and exits 77 (automake's convention): it is counted as
# skipped, never as passed. A sanitizer report fails even a skipped suite.
B=${1:-build}
export IVS_TEST_DIR=tests IVS_BIN="$B/ivs-tui" LC_ALL=C.UTF-8 TZ=UTC
# ASan and LSan reports go to files (log_path), one folder per test: a
# report fails the test even when a script ignores the exit status of the
# binary it ran (a pipe, a TUI inside tmux, a background process).
ASAN_BASE=detect_leaks=1:abort_on_error=1:halt_on_error=1
UBSAN_BASE=halt_on_error=1:print_stacktrace=1
passed=0; failed=0; skipped=0; failures=""
run() {
	name=$1; shift
	log=$(mktemp)
	san=$(mktemp -d)
	export ASAN_OPTIONS="$ASAN_BASE:log_path=$san/asan" UBSAN_OPTIONS="$UBSAN_BASE:log_path=$san/ubsan"
	# GCC's libubsan ignores log_path when linked with ASan; its reports
	# (which also abort: -fno-sanitize-recover) are caught in the output.
	"$@" >"$log" 2>&1
	rc=$?
	if [ -n "$(ls "$san")" ] || grep -q 'runtime error: ' "$log"; then
		rc=1
	fi
	if [ "$rc" = 0 ]; then
		passed=$((passed + 1)); echo "ok   $name"
	elif [ "$rc" = 77 ]; then
		skipped=$((skipped + 1))
		reason=$(grep -m1 '^SKIP: ' "$log" | sed 's/^SKIP: //')
		echo "skip $name: ${reason:-no reason given}"
	else
		failed=$((failed + 1)); failures="$failures $name"; echo "FAIL $name"; sed 's/^/    /' "$log" | tail -60
		for r in "$san"/*; do
			[ -f "$r" ] && { echo "    sanitizer report $(basename "$r"):"; sed 's/^/    /' "$r" | head -60; }
		done
	fi
	rm -rf "$log" "$san"
}
for t in "$B"/tests/test_*; do
	[ -x "$t" ] && run "unit/$(basename "$t")" "$t"
done
for s in tests/*/test-*.sh; do
	[ -f "$s" ] && run "$s" sh "$s" "$B"
done
echo "$B: $passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ] || { echo "failed:$failures"; exit 1; }
