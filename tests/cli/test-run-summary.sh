#!/bin/sh
# test-run-summary.sh: tests/run.sh itself counts a suite that exits 77
# as skipped (with its "SKIP: reason"), never as passed, and fails the run
# when a suite fails. Runs tests/run.sh on a fake tree of three suites.
# Usage: sh tests/cli/test-run-summary.sh BUILD_DIR
RUN=$(cd "$(dirname "$0")/.." && pwd)/run.sh
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
mkdir -p "$W/tests/x" "$W/fakebuild/tests"
printf 'exit 0\n' >"$W/tests/x/test-pass.sh"
printf 'echo "SKIP: no frobnicator here"\nexit 77\n' >"$W/tests/x/test-skip.sh"
printf 'echo "broken"\nexit 1\n' >"$W/tests/x/test-fail.sh"
(cd "$W" && sh "$RUN" fakebuild >"$W/out" 2>&1)
rc=$?
fails=0
[ "$rc" = 1 ] || { echo "FAIL: run.sh exited $rc with a failed suite, expected 1"; fails=1; }
grep -qx 'fakebuild: 1 passed, 1 failed, 1 skipped' "$W/out" || { echo "FAIL: summary line"; fails=1; }
grep -qx 'skip tests/x/test-skip.sh: no frobnicator here' "$W/out" || { echo "FAIL: skip line"; fails=1; }
grep -qx 'FAIL tests/x/test-fail.sh' "$W/out" || { echo "FAIL: fail line"; fails=1; }
# Only passes and skips: exit 0, the skip still not counted as passed.
rm "$W/tests/x/test-fail.sh"
(cd "$W" && sh "$RUN" fakebuild >"$W/out" 2>&1) || { echo "FAIL: run.sh failed without a failing suite"; fails=1; }
grep -qx 'fakebuild: 1 passed, 0 failed, 1 skipped' "$W/out" || { echo "FAIL: summary line without failures"; fails=1; }
[ "$fails" = 0 ] || { sed 's/^/    /' "$W/out"; exit 1; }
echo "run.sh summary: ok"
