#!/bin/sh
# test-diff.sh: `ivs-tui diff OLD NEW`, the real binary, on the pairs in
# tests/diff/: projects (exported first), JSON templates, YAML templates with
# short-form intrinsics, a template with Fn::Sub of a parameter (compared as
# written); exact text and JSON output, exit codes (0 same, 1 changes,
# 2 trouble, 3 a replacement with --fail-on-replace), what goes to stderr,
# colours (--color, NO_COLOR, a terminal through script(1) when present).
# Usage: sh tests/cli/test-diff.sh BUILD_DIR
B=${1:-build}
BIN=${IVS_BIN:-$B/ivs-tui}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
T=${IVS_TEST_DIR:-tests}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
fails=0

fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

# run EXPECTED_STATUS CMD...: runs with stdout in $W/out, stderr in $W/err
run() {
	want=$1
	shift
	"$@" >"$W/out" 2>"$W/err"
	got=$?
	if [ "$got" != "$want" ]; then
		fail "$* exited $got, expected $want"
		echo "  stdout:"; sed 's/^/    /' "$W/out" | head -30
		echo "  stderr:"; sed 's/^/    /' "$W/err" | head -20
	fi
}

same() {   # same FILE EXPECTED_FILE: exactly equal
	cmp -s "$1" "$2" || { fail "$1 differs from $2:"; diff -u "$2" "$1" | head -40; }
}

has() {    # has FILE TEXT: FILE contains TEXT (fixed string)
	grep -qF -- "$2" "$1" || { fail "$1 lacks '$2'"; sed 's/^/    /' "$1" | head -20; }
}

empty() {
	[ ! -s "$1" ] || { fail "$1 should be empty"; sed 's/^/    /' "$1" | head -10; }
}

cd "$T/diff" || { echo "FAIL: no $T/diff"; exit 1; }

# ---- pairs: exact text, exit 1 (changes) or 0 (the same stack) ----
# NAME OLD NEW STATUS
while read -r name old new status; do
	run "$status" "$BIN" diff "$old" "$new"
	same "$W/out" "$name.expected"
	empty "$W/err"
	if [ -f "$name.expected.json" ]; then
		run "$status" "$BIN" diff --format json "$old" "$new"
		same "$W/out" "$name.expected.json"
		empty "$W/err"
	fi
done <<EOF
rename-channel rename-channel.old.yaml rename-channel.new.yaml 1
recording-thumbnails recording-thumbnails.old.yaml recording-thumbnails.new.yaml 1
bucket-fixed-name bucket-fixed-name.old.yaml bucket-fixed-name.new.yaml 1
deployed-same deployed-short-form.yaml deployed.json 0
deployed-vs-project deployed-short-form.yaml recording-thumbnails.new.yaml 1
sub-parameter sub-parameter.old.yaml sub-parameter.new.yaml 1
retain-removed retain-removed.old.json retain-removed.new.json 1
EOF

# The JSON output is JSON, and says what the text says.
run 1 "$BIN" diff -f json rename-channel.old.yaml rename-channel.new.yaml
if command -v python3 >/dev/null 2>&1; then
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["summary"]["renamed"] == 2 and d["resources"][0]["oldLogicalId"] == "Main54E5BC70"' "$W/out" ||
		fail "diff --format json: not the expected JSON"
fi

# A project against itself, and its export against the project: no change.
run 0 "$BIN" diff rename-channel.old.yaml rename-channel.old.yaml
has "$W/out" "no changes"
"$BIN" export recording-thumbnails.old.yaml -o "$W/exported.yaml" || fail "export"
run 0 "$BIN" diff "$W/exported.yaml" recording-thumbnails.old.yaml
run 0 "$BIN" diff recording-thumbnails.old.yaml deployed.json

# Standard input as one side.
run 1 "$BIN" diff - rename-channel.new.yaml <rename-channel.old.yaml
has "$W/out" "<stdin> → rename-channel.new.yaml"
run 0 "$BIN" diff deployed.json - <deployed-short-form.yaml

# ---- --fail-on-replace ----
run 3 "$BIN" diff --fail-on-replace rename-channel.old.yaml rename-channel.new.yaml
same "$W/out" rename-channel.expected
run 1 "$BIN" diff --fail-on-replace retain-removed.old.json retain-removed.new.json
run 0 "$BIN" diff --fail-on-replace deployed-short-form.yaml deployed.json
run 3 "$BIN" diff --fail-on-replace -f json sub-parameter.old.yaml sub-parameter.new.yaml
same "$W/out" sub-parameter.expected.json

# ---- trouble: exit 2, the reason on stderr, nothing on stdout ----
run 2 "$BIN" diff nope.json deployed.json
empty "$W/out"
has "$W/err" "ivs-tui: diff: cannot read nope.json"
run 2 "$BIN" diff bad-not-template.yaml deployed.json
empty "$W/out"
has "$W/err" "bad-not-template.yaml:1:1: error: a template is a mapping with \`Resources:\`, but this file holds a list; check that it is a CloudFormation template. [template-invalid]"
has "$W/err" "ivs-tui: diff: bad-not-template.yaml cannot be read as a CloudFormation template or a project"
run 2 "$BIN" diff deployed.json bad-unknown-tag.yaml
empty "$W/out"
has "$W/err" "bad-unknown-tag.yaml:5:13: error: the tag !Concat is not a CloudFormation intrinsic;"
has "$W/err" "[yaml-tag]"
run 2 "$BIN" diff bad-project.yaml deployed.json
empty "$W/out"
has "$W/err" "bad-project.yaml:6:19: error: channels[0].latency_mode must be one of LOW or NORMAL, not \"FAST\". [yaml-bad-enum]"
has "$W/err" "ivs-tui: diff: bad-project.yaml has 1 error; fix the project before comparing it"
run 2 "$BIN" diff --fail-on-replace bad-project.yaml deployed.json

# ---- usage ----
run 2 "$BIN" diff
has "$W/err" "ivs-tui: diff: give two files, OLD and NEW (0 given)"
has "$W/err" "usage: ivs-tui diff OLD NEW"
run 2 "$BIN" diff deployed.json
run 2 "$BIN" diff a b c
run 2 "$BIN" diff --format xml deployed.json deployed.json
has "$W/err" "unknown format 'xml' (text or json)"
run 2 "$BIN" diff --color sometimes deployed.json deployed.json
run 2 "$BIN" diff --nope deployed.json deployed.json
has "$W/err" "unknown option '--nope'"
run 2 "$BIN" diff - - </dev/null
has "$W/err" "only one side can be standard input"
run 0 "$BIN" diff --help
has "$W/out" "Exit status: 0 no change, 1 changes, 2 trouble"
run 0 "$BIN" --help
has "$W/out" "diff      OLD NEW"

# ---- colours ----
esc=$(printf '\033')
run 1 "$BIN" diff rename-channel.old.yaml rename-channel.new.yaml
grep -q "$esc" "$W/out" && fail "piped output has colour codes"
run 1 "$BIN" diff --color always rename-channel.old.yaml rename-channel.new.yaml
grep -q "$esc\[1;31m\[-/+\]" "$W/out" || fail "--color always: no colour codes"
run 1 "$BIN" diff --color never rename-channel.old.yaml rename-channel.new.yaml
same "$W/out" rename-channel.expected
# On a terminal (script(1) gives one): coloured, unless NO_COLOR is set.
if command -v script >/dev/null 2>&1 && script -qec true /dev/null >/dev/null 2>&1; then
	script -qec "'$BIN' diff rename-channel.old.yaml rename-channel.new.yaml" /dev/null >"$W/tty" 2>&1
	grep -q "$esc\[1;31m" "$W/tty" || fail "on a terminal: no colour"
	NO_COLOR=1 script -qec "'$BIN' diff rename-channel.old.yaml rename-channel.new.yaml" /dev/null >"$W/tty" 2>&1
	grep -q "$esc\[" "$W/tty" && fail "NO_COLOR on a terminal: colour codes"
	grep -q "renamed from Main54E5BC70" "$W/tty" || fail "NO_COLOR on a terminal: no output"
fi

[ "$fails" = 0 ] || { echo "$fails failures"; exit 1; }
echo "diff: all checks passed"
