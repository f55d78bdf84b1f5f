#!/bin/sh
# test-cfn-lint.sh: every template `ivs-tui export` writes for the
# conformance and golden designs, as JSON and as YAML, passes cfn-lint (the
# CloudFormation schemas of each resource type). Skipped, saying so, where
# cfn-lint is not installed (it is a Python tool, not a build dependency).
# Usage: sh tests/golden/test-cfn-lint.sh BUILD_DIR
B=${1:-build}
BIN=${IVS_BIN:-$B/ivs-tui}
T=${IVS_TEST_DIR:-tests}
if ! command -v cfn-lint >/dev/null 2>&1; then
	echo "SKIP: cfn-lint is not installed (pip install cfn-lint)"
	exit 77
fi
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
n=0
for f in "$T"/conformance/seed-*.yaml "$T"/golden/*.yaml; do
	b=$(basename "$f" .yaml)
	"$BIN" export "$f" -o "$W/$b.json" 2>/dev/null || { echo "FAIL: export $f"; exit 1; }
	"$BIN" export "$f" --format yaml -o "$W/$b.yaml" 2>/dev/null || { echo "FAIL: export $f"; exit 1; }
	n=$((n + 2))
done
[ "$n" -ge 36 ] || { echo "FAIL: only $n templates"; exit 1; }
if ! cfn-lint "$W"/*.json "$W"/*.yaml >"$W/lint.txt" 2>&1; then
	echo "FAIL: cfn-lint found problems:"
	cat "$W/lint.txt"
	exit 1
fi
[ -s "$W/lint.txt" ] && { echo "FAIL: cfn-lint printed:"; cat "$W/lint.txt"; exit 1; }
echo "cfn-lint: $n templates clean"
