#!/bin/sh
# test-messages.sh: the program's own messages and exit codes (issue 15):
# --help and --version whose output cannot be written exit 2 with a
# message; a mistyped command is told so instead of opening an editor on a
# new file of that name; usage errors print the one usage text.
# Usage: sh tests/cli/test-messages.sh BUILD_DIR
B=${1:-build}
BIN=${IVS_BIN:-$B/ivs-tui}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# run WANT_STATUS CMD...: stdout in $W/out, stderr in $W/err (run in $W/cwd)
run() {
	want=$1; shift
	(cd "$W/cwd" && "$@" >"$W/out" 2>"$W/err")
	got=$?
	[ "$got" = "$want" ] || { fail "$* exited $got, expected $want"; sed 's/^/    /' "$W/err"; }
}
# same FILE TEXT: FILE holds exactly the line TEXT
same() {
	printf '%s\n' "$2" >"$W/want"
	cmp -s "$W/want" "$1" || { fail "$1 is not '$2':"; sed 's/^/    /' "$1"; }
}
mkdir -p "$W/cwd"

# ---- output that cannot be written ----
if [ -w /dev/full ]; then
	for args in --help -h help --version -V "validate --help" "export --help"; do
		# shellcheck disable=SC2086
		(cd "$W/cwd" && "$BIN" $args >/dev/full 2>"$W/err")
		rc=$?
		[ "$rc" = 2 ] || fail "ivs-tui $args >/dev/full exited $rc, expected 2"
		same "$W/err" "ivs-tui: cannot write to standard output: No space left on device"
	done
else
	echo "skip: no /dev/full here; the unwritable-output cases are not run"
fi
# ...and written, exit 0 with nothing on stderr
run 0 "$BIN" --help
grep -q '^usage: ivs-tui \[--theme NAME\]' "$W/out" || fail "--help: no usage line"
[ -s "$W/err" ] && fail "--help: stderr not empty"
run 0 "$BIN" --version
grep -q '^ivs-tui [0-9]' "$W/out" || fail "--version: no version"

# ---- a mistyped command ----
run 2 "$BIN" frobnicate
same "$W/err" "ivs-tui: no command 'frobnicate' (did you mean validate, export, import, keygen, diff or token?); a new project needs a file name such as frobnicate.yaml"
[ -s "$W/out" ] && fail "frobnicate: something on stdout"
[ -e "$W/cwd/frobnicate" ] && fail "frobnicate: a file was made"
run 2 "$BIN" valdate x.yaml
same "$W/err" "ivs-tui: no command 'valdate' (did you mean 'validate'?); a new project needs a file name such as valdate.yaml"
run 2 "$BIN" exprot
same "$W/err" "ivs-tui: no command 'exprot' (did you mean 'export'?); a new project needs a file name such as exprot.yaml"
# A file of that name that exists is a project, and a new file with a
# file-like name is a new project: neither is refused (no terminal here:
# IVS_TUI_NO_DISPLAY draws one frame and ends).
cp "$(dirname "$0")/../../examples/minimal.yaml" "$W/cwd/frobnicate"
run 0 env IVS_TUI_NO_DISPLAY=1 TERM=xterm "$BIN" frobnicate
[ -s "$W/err" ] && { fail "existing file frobnicate: stderr"; cat "$W/err"; }
run 0 env IVS_TUI_NO_DISPLAY=1 TERM=xterm "$BIN" new-stack.yaml
[ -s "$W/err" ] && { fail "new-stack.yaml: stderr"; cat "$W/err"; }

# ---- usage errors: the one usage text ----
run 2 "$BIN" --bogus
printf "ivs-tui: unknown option: --bogus\nusage: ivs-tui [--theme NAME] [--no-mouse] [--baseline TEMPLATE] [FILE]\n       ivs-tui COMMAND [ARGS]\n" >"$W/want"
cmp -s "$W/want" "$W/err" || { fail "--bogus: stderr"; cat "$W/err"; }
run 2 "$BIN" a.yaml b.yaml
grep -q "^ivs-tui: only one FILE can be opened$" "$W/err" || fail "two FILEs: message"
"$BIN" --help | head -2 >"$W/help2"
tail -n +2 "$W/err" | cmp -s - "$W/help2" || fail "the usage lines of an error differ from --help's"

[ "$fails" = 0 ] || { echo "messages: $fails failed"; exit 1; }
echo "messages: all cases pass"
