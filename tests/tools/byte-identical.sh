#!/bin/sh
# byte-identical.sh: proves that two builds of ivs-tui say the same thing
# about every design in the tree: `validate` (text and JSON) and `export`
# (JSON and YAML) of each tests/conformance, tests/golden, tests/bad and
# examples file, compared byte for byte (stdout, stderr and exit status).
# Paths are given relative to the tree, so messages that name the file
# match too.
# Usage: sh tests/tools/byte-identical.sh OLD_BIN NEW_BIN [FILE...]
# (run from the top of the tree). Without FILEs, every design is compared.
# Exit status: 0 identical, 1 differences (listed), 2 usage.
OLD=$1
NEW=$2
[ -x "$OLD" ] && [ -x "$NEW" ] || { echo "usage: $0 OLD_BIN NEW_BIN [FILE...]" >&2; exit 2; }
shift 2
[ $# -gt 0 ] || set -- tests/conformance/*.yaml tests/golden/*.yaml tests/bad/*.yaml examples/*.yaml
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
export LC_ALL=C.UTF-8 TZ=UTC
n=0 diffs=0
one() {    # one LABEL ARGS...: runs both binaries, compares everything
	label=$1
	shift
	"$OLD" "$@" >"$W/o.out" 2>"$W/o.err"; echo "exit $?" >>"$W/o.err"
	"$NEW" "$@" >"$W/n.out" 2>"$W/n.err"; echo "exit $?" >>"$W/n.err"
	n=$((n + 1))
	if ! cmp -s "$W/o.out" "$W/n.out" || ! cmp -s "$W/o.err" "$W/n.err"; then
		diffs=$((diffs + 1))
		echo "DIFF $label"
		diff "$W/o.out" "$W/n.out" | head -10 | sed 's/^/    /'
		diff "$W/o.err" "$W/n.err" | head -10 | sed 's/^/    /'
	fi
}
for f in "$@"; do
	[ -f "$f" ] || continue
	one "validate $f" validate "$f"
	one "validate --format json $f" validate --format json "$f"
	one "export $f" export "$f"
	one "export --format yaml $f" export "$f" --format yaml
done
echo "byte-identical: $n runs, $diffs differ ($OLD vs $NEW)"
[ "$diffs" = 0 ]
