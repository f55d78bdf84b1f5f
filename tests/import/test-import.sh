#!/bin/sh
# tests/import/test-import.sh BUILD_DIR: `ivs-tui import` on templates.
# Each NAME.yaml / NAME.json here is a template; NAME.expected is the exact
# result of
#     ivs-tui import [ARGS] NAME.yaml     (run inside this folder)
# as "exit N", then stdout, then stderr with each line prefixed "stderr: ".
# ARGS: the first line of NAME.args when there is one.
# Then the command's behaviour around files: -o, --force, stdin, and the
# round trip through export of a written project.
#
# IVS_IMPORT_UPDATE=1 rewrites the .expected files from the binary's output
# (then read every diff before committing it).
B=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
bin=${IVS_BIN:-$B/ivs-tui}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
[ -x "$bin" ] || { echo "test-import: no binary $bin"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
fail=0

run_case() {
	f=$1
	args=
	[ -f "${f%.*}.args" ] && args=$(head -n1 "${f%.*}.args")
	(
		cd "$here" || exit 2
		# shellcheck disable=SC2086
		"$bin" import $args "$(basename "$f")" >"$work/out" 2>"$work/err"
		echo "exit $?"
		cat "$work/out"
		sed 's/^/stderr: /' "$work/err"
	)
}

n=0
for f in "$here"/*.json; do
	[ -f "${f%.json}.yaml" ] && { echo "FAIL: $(basename "$f") and its .yaml share one .expected"; fail=1; }
done
for f in "$here"/*.yaml "$here"/*.json; do
	[ -f "$f" ] || continue
	exp=${f%.*}.expected
	run_case "$f" >"$work/got"
	n=$((n + 1))
	if [ "${IVS_IMPORT_UPDATE:-}" = 1 ]; then
		cp "$work/got" "$exp"
	elif ! diff -u "$exp" "$work/got"; then
		echo "FAIL: $(basename "$f")"
		fail=1
	fi
done
[ "$n" -ge 10 ] || { echo "FAIL: only $n cases"; fail=1; }

# check WHAT EXPECTED_EXIT CMD...: the exit status of CMD.
check() {
	what=$1 want=$2
	shift 2
	"$@" >"$work/o" 2>"$work/e"
	rc=$?
	if [ "$rc" != "$want" ]; then
		echo "FAIL: $what: exit $rc, want $want"
		sed 's/^/    /' "$work/e"
		fail=1
	fi
}

t=$here/../conformance/seed-channel-with-recording.expected.json
check "import -o" 0 "$bin" import -o "$work/p.yaml" "$t"
[ -s "$work/p.yaml" ] || { echo "FAIL: -o wrote nothing"; fail=1; }
check "export of the imported project" 0 "$bin" export -o "$work/back.json" "$work/p.yaml"
check "import of the export" 0 "$bin" import -o "$work/p2.yaml" "$work/back.json"
cmp -s "$work/p.yaml" "$work/p2.yaml" || { echo "FAIL: import(export(import(T))) differs"; fail=1; }
check "an existing project is kept" 2 "$bin" import -o "$work/p.yaml" "$t"
grep -q -- '--force' "$work/e" || { echo "FAIL: no --force hint"; fail=1; }
check "--force replaces it" 0 "$bin" import --force -o "$work/p.yaml" "$t"
check "stdin" 0 sh -c "\"$bin\" import - <\"$t\""
grep -q '^ivs_tui: 1' "$work/o" || { echo "FAIL: stdin: no project on stdout"; fail=1; }
check "missing template" 2 "$bin" import "$work/nothing.json"
check "no template" 2 "$bin" import
check "bad stack name" 2 "$bin" import --stack-name 1x "$t"
check "--help" 0 "$bin" import --help
# --keep-going writes a project that loads, with its comment
check "--keep-going" 1 "$bin" import --keep-going -o "$work/k.yaml" "$here/parameter.yaml"
grep -q '^# - Resources.Main54E5BC70.Properties.Name: Fn::Sub with a parameter$' "$work/k.yaml" ||
	{ echo "FAIL: --keep-going: no comment"; fail=1; }
check "the kept project validates" 0 "$bin" validate -q "$work/k.yaml"
check "without --keep-going nothing is written" 1 "$bin" import -o "$work/none.yaml" "$here/parameter.yaml"
[ ! -e "$work/none.yaml" ] || { echo "FAIL: written without --keep-going"; fail=1; }
exit $fail
