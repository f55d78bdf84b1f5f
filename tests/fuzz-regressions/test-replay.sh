#!/bin/sh
# tests/fuzz-regressions/test-replay.sh BUILD_DIR: runs each fuzz target,
# built with a plain main() (make fuzz-replay: BUILD_DIR/fuzz/fuzz_NAME),
# over its seeds and over the inputs that once crashed it, kept here as
# tests/fuzz-regressions/fuzz_NAME/*. So the invariants the fuzzers check
# (no crash, no leak; what loads saves, loads back and saves the same
# bytes, means the same; token and theme checks) hold in every build,
# also under ASan+UBSan, without clang or libFuzzer.
B=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT INT TERM
conf=tests/conformance
ls "$conf"/*.yaml >/dev/null 2>&1 || conf=/work/shared/conformance
for t in fuzz_load fuzz_roundtrip fuzz_theme fuzz_token fuzz_edit fuzz_template fuzz_lineedit; do
	bin=$B/fuzz/$t
	[ -x "$bin" ] || { echo "FAIL: no $bin (make B=$B fuzz-replay)"; failed=1; continue; }
	case $t in
	fuzz_load) set -- examples/*.yaml "$conf"/*.yaml tests/bad/*.yaml tests/comments/*.yaml ;;
	fuzz_roundtrip) set -- examples/*.yaml "$conf"/*.yaml tests/bad/*.yaml tests/comments/*.yaml \
		fuzz/seeds/roundtrip/* ;;
	fuzz_theme) set -- themes/*.yaml ;;
	fuzz_token) set -- fuzz/seeds/token/* ;;
	fuzz_edit) set -- fuzz/seeds/edit/* ;;
	fuzz_template) set -- fuzz/seeds/template/* tests/diff/*.json tests/diff/*.yaml "$conf"/*.expected.json tests/golden/*.expected.json tests/import/*.yaml tests/import/*.json ;;
	fuzz_lineedit) set -- fuzz/seeds/lineedit/* ;;
	esac
	for f in "$here/$t"/*; do [ -f "$f" ] && set -- "$@" "$f"; done
	n=0
	for f in "$@"; do [ -f "$f" ] && n=$((n + 1)); done
	if ! "$bin" "$@" >"$log" 2>&1; then
		echo "FAIL: $t on one of $n inputs:"; tail -30 "$log"; failed=1
	else
		echo "$t: $n inputs"
	fi
done
exit $failed
