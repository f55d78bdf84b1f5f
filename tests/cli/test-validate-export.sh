#!/bin/sh
# test-validate-export.sh: `ivs-tui validate` and `ivs-tui export`, the real
# binary: exit codes, what goes to stdout and what to stderr, atomic -o,
# formats, usage errors, and every bad conformance design refused with the
# rule that carries the CDK's message.
# Usage: sh tests/cli/test-validate-export.sh BUILD_DIR
B=${1:-build}
BIN=${IVS_BIN:-$B/ivs-tui}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
T=${IVS_TEST_DIR:-tests}
W=$(mktemp -d)
trap 'chmod -R u+w "$W" 2>/dev/null; rm -rf "$W"' EXIT
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
		echo "  stdout:"; sed 's/^/    /' "$W/out" | head -20
		echo "  stderr:"; sed 's/^/    /' "$W/err" | head -20
	fi
}

has() {    # has FILE TEXT: FILE contains TEXT (fixed string)
	grep -qF -- "$2" "$1" || { fail "$1 lacks '$2'"; sed 's/^/    /' "$1" | head -20; }
}

empty() {
	[ ! -s "$1" ] || { fail "$1 should be empty"; sed 's/^/    /' "$1" | head -10; }
}

C=$T/conformance
G=$T/golden

# ---- validate ----
run 0 "$BIN" validate "$C/seed-stream-key.yaml"
empty "$W/out"
has "$W/err" "$C/seed-stream-key.yaml: 0 errors, 0 warnings"

run 0 "$BIN" validate -q "$C/seed-stream-key.yaml"
empty "$W/out"
empty "$W/err"

# warnings only: exit 0, the diagnostics on stdout, the summary on stderr
run 0 "$BIN" validate "$G/channel-changes.yaml"
has "$W/out" "$G/channel-changes.yaml:7:7: warning: "
has "$W/out" "[multitrack-container-auto]"
has "$W/err" "channel-changes.yaml: 0 errors, 4 warnings"
[ "$(wc -l <"$W/out")" -eq 4 ] || fail "4 warning lines expected, got $(wc -l <"$W/out")"
grep -q "warning" "$W/err" && ! grep -q "\[" "$W/err" || fail "stderr holds only the summary"

# errors: exit 1; FILE:LINE:COL: error: message [rule-id]
run 1 "$BIN" validate "$C/bad-seed-reconnect-301.yaml"
has "$W/out" "$C/bad-seed-reconnect-301.yaml:9:41: error: "
has "$W/out" "[reconnect-window]"
has "$W/err" "1 error, 0 warnings"

# several files: the worst status wins; options after the files
run 1 "$BIN" validate "$C/seed-stream-key.yaml" "$C/bad-seed-thumbnail-61.yaml" -q
has "$W/out" "[thumbnail-interval]"
empty "$W/err"

# stdin
run 1 "$BIN" validate - <"$C/bad-seed-channel-name.yaml"
has "$W/out" "<stdin>:6:19: error: "
run 0 "$BIN" validate -q -- - <"$C/seed-channel-default.yaml"

# --format json: one array on stdout
run 1 "$BIN" validate --format json "$C/bad-seed-multitrack-ts.yaml" "$C/seed-stream-key.yaml"
has "$W/out" '"rule": "multitrack-container"'
has "$W/out" '"line": 7'
has "$W/out" '"severity": "error"'
[ "$(head -c1 "$W/out")" = "[" ] || fail "json output must be an array"
[ "$(grep -c '"rule"' "$W/out")" = 1 ] || fail "json: one diagnostic expected"
run 0 "$BIN" validate -q --format=json "$C/seed-stream-key.yaml"
[ "$(tr -d ' \n' <"$W/out")" = "[]" ] || fail "json for a clean file is []"

# usage and I/O problems: exit 2, message on stderr prefixed ivs-tui:
run 2 "$BIN" validate
has "$W/err" "ivs-tui: validate: no FILE given"
has "$W/err" "usage: ivs-tui validate"
run 2 "$BIN" validate --bogus "$C/seed-stream-key.yaml"
has "$W/err" "ivs-tui: validate: unknown option '--bogus'"
empty "$W/out"
run 2 "$BIN" validate --format xml "$C/seed-stream-key.yaml"
has "$W/err" "unknown format 'xml'"
run 2 "$BIN" validate "$W/missing.yaml"
has "$W/err" "ivs-tui: "
has "$W/err" "missing.yaml"
empty "$W/out"
run 2 "$BIN" validate "$W/missing.yaml" "$C/bad-seed-reconnect-301.yaml"
has "$W/out" "[reconnect-window]"
run 2 "$BIN" validate "$T"
has "$W/err" "ivs-tui: cannot read $T: Is a directory"
# not YAML: the loader's diagnostic, exit 1
printf 'ivs_tui: 1\nstack: [\n' >"$W/broken.yaml"
run 1 "$BIN" validate "$W/broken.yaml"
has "$W/out" "$W/broken.yaml:3:1: error: "
has "$W/out" "[yaml-syntax]"
run 0 "$BIN" validate --help
has "$W/out" "usage: ivs-tui validate"

# ---- export ----
run 0 "$BIN" export "$C/seed-stream-key.yaml"
empty "$W/err"
has "$W/out" ' "Resources": {'
has "$W/out" '  "ChannelStreamKey60BDC2BE": {'
[ "$(tail -c1 "$W/out" | od -An -c | tr -d ' ')" = '\n' ] || fail "JSON ends with a newline"

# the JSON on stdout is the file -o writes
cp "$W/out" "$W/stdout.json"
run 0 "$BIN" export -o "$W/t.json" "$C/seed-stream-key.yaml"
empty "$W/out"
cmp -s "$W/t.json" "$W/stdout.json" || fail "-o and stdout differ"

# YAML: long-form intrinsics, block style
run 0 "$BIN" export "$C/seed-channel-with-recording.yaml" --format yaml
has "$W/out" "Resources:"
has "$W/out" "            Ref: RecordingBucket03AEF6D2"
has "$W/out" "        Fn::GetAtt: [RecordingConfigurationA528CBBF, Arn]"
run 0 "$BIN" export "$C/seed-channel-with-recording.yaml" -o "$W/t.yaml"
has "$W/t.yaml" "Fn::GetAtt: [RecordingConfigurationA528CBBF, Arn]"
run 0 "$BIN" export "$C/seed-channel-with-recording.yaml" -o "$W/t2.yml" -f json
has "$W/t2.yml" '"Fn::GetAtt": ['

# warnings: on stderr, the export goes on
run 0 "$BIN" export "$G/channel-changes.yaml"
has "$W/err" "warning: "
has "$W/err" "[channel-preset-ignored]"
has "$W/out" '"Preset": ""'

# errors: nothing on stdout, diagnostics on stderr, exit 1; OUT untouched
echo "keep me" >"$W/keep.json"
run 1 "$BIN" export "$C/bad-seed-reconnect-301.yaml" -o "$W/keep.json"
empty "$W/out"
has "$W/err" "bad-seed-reconnect-301.yaml:9:41: error: "
has "$W/err" "nothing written"
[ "$(cat "$W/keep.json")" = "keep me" ] || fail "an existing OUT was changed by a refused export"

# a write that fails: exit 2 with the reason, the existing OUT untouched
mkdir "$W/ro"
echo "old" >"$W/ro/t.json"
chmod a-w "$W/ro"
if [ ! -w "$W/ro" ]; then    # (root can write anyway: skip)
	run 2 "$BIN" export "$C/seed-stream-key.yaml" -o "$W/ro/t.json"
	has "$W/err" "ivs-tui: export: cannot write"
	[ "$(cat "$W/ro/t.json")" = "old" ] || fail "OUT changed by a failed write"
	[ "$(ls "$W/ro")" = "t.json" ] || fail "a temporary file was left behind: $(ls "$W/ro")"
fi
chmod u+w "$W/ro"
# (also as root) OUT is a folder: the rename fails; it and its folder stay as they were
mkdir -p "$W/wr/OUT.json"
echo "inside" >"$W/wr/OUT.json/f"
run 2 "$BIN" export "$C/seed-stream-key.yaml" -o "$W/wr/OUT.json"
has "$W/err" "ivs-tui: export: cannot replace $W/wr/OUT.json: Is a directory"
[ "$(cat "$W/wr/OUT.json/f")" = "inside" ] || fail "OUT changed by a failed write"
[ "$(ls -A "$W/wr")" = "OUT.json" ] || fail "a temporary file was left behind: $(ls -A "$W/wr")"
run 2 "$BIN" export "$C/seed-stream-key.yaml" -o "$W/nodir/t.json"
has "$W/err" "cannot write"

# usage errors
run 2 "$BIN" export
has "$W/err" "ivs-tui: export: no FILE given"
run 2 "$BIN" export "$C/seed-stream-key.yaml" "$C/seed-channel-default.yaml"
has "$W/err" "one FILE at a time"
run 2 "$BIN" export --format toml "$C/seed-stream-key.yaml"
has "$W/err" "unknown format 'toml'"
run 2 "$BIN" export "$C/seed-stream-key.yaml" -o
has "$W/err" "-o needs a value"
run 2 "$BIN" export "$W/missing.yaml"
has "$W/err" "missing.yaml"
empty "$W/out"
run 1 "$BIN" export "$W/broken.yaml" -o "$W/keep.json"
has "$W/err" "[yaml-syntax]"
empty "$W/out"
[ "$(cat "$W/keep.json")" = "keep me" ] || fail "OUT changed by a file that does not load"
run 2 "$BIN" export "$T"
has "$W/err" "ivs-tui: export: cannot read $T: Is a directory"
run 0 "$BIN" export --help
has "$W/out" "usage: ivs-tui export"
# -- ends the options: a file named like an option
cp "$C/seed-channel-default.yaml" "$W/-o"
(cd "$W" && "$BIN" export -- -o >out.json 2>err.txt) || fail "export -- -o failed"
has "$W/out.json" '"Channel4048F119"'
run 0 "$BIN" export - <"$C/seed-channel-default.yaml"
has "$W/out" "ivs-seedChannel5B91FB9A"

# more than CloudFormation's 500 resources: refused
{ printf 'ivs_tui: 1\nstack:\n  name: big\nchannels:\n'
  i=0; while [ $i -lt 501 ]; do printf '  - id: C%d\n' $i; i=$((i + 1)); done; } >"$W/big.yaml"
run 1 "$BIN" export "$W/big.yaml"
has "$W/err" "[resource-limit]"
empty "$W/out"
head -n 504 "$W/big.yaml" >"$W/500.yaml"
run 0 "$BIN" export "$W/500.yaml" -o "$W/500.json"
[ "$(grep -c '"Type": "AWS::IVS::Channel"' "$W/500.json")" = 500 ] || fail "500 channels expected"

# ---- every bad conformance design: refused, exit 1, its rule and meaning ----
# name | rule id | words of the CDK's message that the error must carry
while IFS='|' read -r name rule words; do
	f="$C/$name.yaml"
	[ -f "$f" ] || { fail "$f is missing"; continue; }
	grep -q . "$C/$name.expected-error.txt" || fail "$name.expected-error.txt is empty"
	run 1 "$BIN" export "$f"
	empty "$W/out"
	grep -F "[$rule]" "$W/err" | grep -q "error: " || fail "$name: no error [$rule]"
	for w in $words; do
		grep -F "[$rule]" "$W/err" | grep -qiF -- "$w" || fail "$name: the error lacks '$w'"
	done
	run 1 "$BIN" validate -q "$f"
	has "$W/out" "[$rule]"
done <<'EOF'
bad-seed-channel-name|channel-name|letters digits hyphens underscores 'my channel!'
bad-seed-imported-not-channel|channel-arn|channel stage
bad-seed-multitrack-advanced|multitrack-type|multitrack_input_configuration STANDARD ADVANCED_HD
bad-seed-multitrack-ts|multitrack-container|container_format FRAGMENTED_MP4 TS
bad-seed-reconnect-301|reconnect-window|0 300 301
bad-seed-thumbnail-61|thumbnail-interval|1 60 61
bad-kinds-stage-channel-same-id|id-duplicate|'Show' already
bad-kinds-chat-room-slash|id-duplicate|support--vip construct
bad-kinds-output-stage-same-id|id-duplicate|'Studio' already
EOF
n=$(ls "$C"/bad-*.yaml | wc -l)
[ "$n" = 9 ] || fail "9 bad conformance designs expected, found $n (add the new one above)"

[ "$fails" = 0 ] || { echo "$fails check(s) failed"; exit 1; }
echo "validate/export: all checks passed"
