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
# golden/empty-*: designs that create nothing. Their template has no
# Resources, as the CDK's has; CloudFormation refuses it (validation warns),
# and cfn-lint must say exactly that (E1001) and nothing else.
mkdir "$W/empty"
for f in "$T"/conformance/seed-*.yaml "$T"/golden/*.yaml; do
	b=$(basename "$f" .yaml)
	d=$W
	case $b in empty-*) d=$W/empty ;; *) n=$((n + 2)) ;; esac
	"$BIN" export "$f" -o "$d/$b.json" 2>/dev/null || { echo "FAIL: export $f"; exit 1; }
	"$BIN" export "$f" --format yaml -o "$d/$b.yaml" 2>/dev/null || { echo "FAIL: export $f"; exit 1; }
done
ne=$(ls "$W/empty" | wc -l)
if [ "$ne" -gt 0 ]; then
	cfn-lint "$W"/empty/* >"$W/empty.txt" 2>&1
	e1001=$(grep -c "^E1001 'Resources' is a required property" "$W/empty.txt")
	other=$(grep -c '^[EW][0-9]' "$W/empty.txt")
	[ "$e1001" = "$ne" ] && [ "$other" = "$ne" ] || { echo "FAIL: cfn-lint on empty templates:"; cat "$W/empty.txt"; exit 1; }
fi
[ "$n" -ge 36 ] || { echo "FAIL: only $n templates"; exit 1; }
if ! cfn-lint "$W"/*.json "$W"/*.yaml >"$W/lint.txt" 2>&1; then
	echo "FAIL: cfn-lint found problems:"
	cat "$W/lint.txt"
	exit 1
fi
[ -s "$W/lint.txt" ] && { echo "FAIL: cfn-lint printed:"; cat "$W/lint.txt"; exit 1; }
echo "cfn-lint: $n templates clean; $ne without resources refused (E1001) as expected"
