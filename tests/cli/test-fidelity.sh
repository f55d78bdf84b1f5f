#!/bin/sh
# test-fidelity.sh: the CDK behaviours of issue 12 through the real binary:
# an empty stack exports (a warning, no Resources key), the CDK's refusals
# stop an export (nothing written), a line feed in an id gives the CDK's
# logical id, and tag keys come out in the CLDR root order.
# Usage: sh tests/cli/test-fidelity.sh BUILD_DIR
B=${1:-build}
BIN=${IVS_BIN:-$B/ivs-tui}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
fails=0

fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

# run EXPECTED_STATUS CMD...: stdout in $W/out, stderr in $W/err
run() {
	want=$1
	shift
	"$@" >"$W/out" 2>"$W/err"
	got=$?
	[ "$got" = "$want" ] || { fail "$* exited $got, expected $want"; sed 's/^/    /' "$W/err" | head -10; }
}

has() {    # has FILE TEXT
	grep -qF -- "$2" "$1" || { fail "$1 lacks '$2'"; sed 's/^/    /' "$1" | head -20; }
}

lacks() {  # lacks FILE TEXT
	! grep -qF -- "$2" "$1" || { fail "$1 has '$2'"; sed 's/^/    /' "$1" | head -20; }
}

cd "$W" || exit 1

# an empty stack: a warning, and a template without Resources
printf 'ivs_tui: 1\nstack:\n  name: empty\n  description: nothing yet\n' >empty.yaml
run 0 "$BIN" export empty.yaml -o empty.json
has err "[template-no-resources]"
has empty.json '"Description": "nothing yet"'
lacks empty.json "Resources"
run 0 "$BIN" export empty.yaml --format yaml -o empty.cfn.yaml
lacks empty.cfn.yaml "Resources"
run 0 "$BIN" validate empty.yaml
has out "CloudFormation will not deploy it"

# refusals stop the export and write nothing
printf 'ivs_tui: 1\nstack:\n  name: Default\nchannels:\n  - id: Default\n' >dd.yaml
run 1 "$BIN" export dd.yaml -o dd.json
has err "[channel-name-default]"
[ ! -e dd.json ] || fail "dd.json written for a refused design"
printf 'ivs_tui: 1\nstack:\n  name: s\nchannels:\n  - id: C\n    stream_keys:\n      - id: Resource\n' >res.yaml
run 1 "$BIN" export res.yaml -o res.json
has err "[id-reserved]"
[ ! -e res.json ] || fail "res.json written for a refused design"
printf 'ivs_tui: 1\nstack:\n  name: s\nbuckets:\n  - id: B\n    bucket_name: a-.b\n' >bn.yaml
run 1 "$BIN" export bn.yaml -o bn.json
has err "[bucket-name]"

# a line feed is "--": md5("Line--Break/Resource") and md5("s/Line--Break")
printf 'ivs_tui: 1\nstack:\n  name: s\nchannels:\n  - id: "Line\\nBreak"\n    tags: {ZZ: z, Team: t, cost: c, aa: a}\n' >lf.yaml
run 0 "$BIN" export lf.yaml -o lf.json
has lf.json '"LineBreakBE87B344"'
has lf.json "\"Name\": \"sLine--Break$(printf 's/Line--Break' | md5sum | cut -c1-8 | tr a-f A-F)\""
keys=$(grep -o '"Key": "[^"]*"' lf.json | tr -d '"' | sed 's/Key: //' | tr '\n' ' ')
[ "$keys" = "aa cost Team ZZ " ] || fail "tag order '$keys', expected 'aa cost Team ZZ '"

[ "$fails" = 0 ] || exit 1
echo "fidelity: all cases pass"
