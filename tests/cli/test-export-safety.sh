#!/bin/sh
# test-export-safety.sh BUILD_DIR: what `export -o` and `validate` do with
# the files around them (issue 15 must fix 1 and 5, "also fix"; issue 11
# data loss 2 and 4). Each block failed on the code before it:
#   - export over its own input (any spelling, a hard link) is refused;
#   - -o - is standard output; /dev/null, /dev/stdout and a FIFO are
#     written directly; -o through a symbolic link updates the target;
#   - a read-only output is refused (--force replaces it); new files honour
#     the umask; set-user-ID is never kept; a 255-byte output name works;
#   - validate of a FIFO or a device answers at once (exit 2, says what it
#     is); /dev/stdin is standard input, with the same exit code as -;
#   - validate --format json to a full disk exits 2; a file with errors is
#     never `[]`; C1 controls are escaped.
B=${1:-build}
BIN=${IVS_BIN:-$B/ivs-tui}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
T=$(pwd)/${IVS_TEST_DIR:-tests}
W=$(mktemp -d)
trap 'chmod -R u+w "$W" 2>/dev/null; rm -rf "$W"' EXIT
cd "$W" || exit 1
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
# run WANT CMD...: stdout in out, stderr in err
run() {
	want=$1; shift
	"$@" >out 2>err
	got=$?
	[ "$got" = "$want" ] || { fail "$* exited $got, expected $want"; sed 's/^/    /' err | head -5; }
}
has() { grep -qF -- "$2" "$1" || { fail "$1 lacks '$2'"; sed 's/^/    /' "$1" | head -5; }; }
TO=
command -v timeout >/dev/null 2>&1 && TO="timeout 10"

cp "$T/conformance/seed-stream-key.yaml" p.yaml
cp p.yaml orig.yaml
"$BIN" export p.yaml >want.json || { echo "export of the seed fails"; exit 1; }

# ---- export over its own input ----
for o in p.yaml ./p.yaml "$W/p.yaml" "$W/./p.yaml"; do
	run 2 "$BIN" export p.yaml -o "$o"
	has err "is the project p.yaml itself; nothing written"
	cmp -s p.yaml orig.yaml || { fail "-o $o replaced the project"; cp orig.yaml p.yaml; }
done
ln p.yaml hard.yaml
run 2 "$BIN" export p.yaml -o hard.yaml
cmp -s p.yaml orig.yaml || fail "-o HARD-LINK replaced the project"
ln -s p.yaml soft.yaml
run 2 "$BIN" export soft.yaml -o p.yaml
cmp -s p.yaml orig.yaml || { fail "export LINK -o TARGET replaced the project"; cp orig.yaml p.yaml; }
rm -f hard.yaml soft.yaml

# ---- -o -, devices, FIFOs, links ----
run 0 "$BIN" export p.yaml -o -
cmp -s out want.json || fail "-o - is not the template on stdout"
[ -e ./- ] && fail "-o - wrote a file named -"
run 0 "$BIN" export p.yaml -o /dev/null
[ -c /dev/null ] || fail "/dev/null is no longer a device"
"$BIN" export p.yaml -o /dev/stdout | cat >piped.json
cmp -s piped.json want.json || fail "-o /dev/stdout into a pipe"
run 0 "$BIN" export p.yaml -o /dev/stdout
cmp -s out want.json || fail "-o /dev/stdout into a file"
mkfifo fifo
cat fifo >fifo.json &
rpid=$!
run 0 $TO "$BIN" export p.yaml -o fifo
# the reader waits for a writer: never longer than 5 s here
(sleep 5; kill $rpid 2>/dev/null) &
kpid=$!
wait $rpid
kill $kpid 2>/dev/null
cmp -s fifo.json want.json || fail "-o FIFO"
[ -p fifo ] || fail "the FIFO was replaced"
mkdir real
ln -s real/t.json link.json
run 0 "$BIN" export p.yaml -o link.json
[ -L link.json ] || fail "-o LINK replaced the link"
cmp -s real/t.json want.json || fail "-o LINK: the target lacks the template"
run 0 "$BIN" export p.yaml -o link.json
[ "$(ls -A real)" = t.json ] || fail "temporary files left beside the target: $(ls -A real)"

# ---- read-only, modes, long names ----
printf 'keep\n' >ro.json
chmod 444 ro.json
run 2 "$BIN" export p.yaml -o ro.json
has err "ro.json is read-only; nothing written (--force replaces it)"
[ "$(cat ro.json)" = keep ] || fail "a read-only output was replaced"
run 0 "$BIN" export p.yaml -o ro.json --force
cmp -s ro.json want.json || fail "--force did not replace the read-only output"
[ "$(stat -c %a ro.json)" = 444 ] || fail "--force changed the mode"
(umask 077 && "$BIN" export p.yaml -o private.json) || fail "export with umask 077"
[ "$(stat -c %a private.json)" = 600 ] || fail "umask 077: mode $(stat -c %a private.json)"
(umask 022 && "$BIN" export p.yaml -o public.json) || fail "export with umask 022"
[ "$(stat -c %a public.json)" = 644 ] || fail "umask 022: mode $(stat -c %a public.json)"
printf 'x\n' >suid.json
chmod 4755 suid.json
run 0 "$BIN" export p.yaml -o suid.json
[ "$(stat -c %a suid.json)" = 755 ] || fail "set-user-ID kept: $(stat -c %a suid.json)"
long=$(awk 'BEGIN { s = ""; for (i = 0; i < 250; i++) s = s "n"; printf "%s", s }').json
run 0 "$BIN" export p.yaml -o "$long"
run 0 "$BIN" export p.yaml -o "$long"
cmp -s "$long" want.json || fail "a 255-byte output name"
ls -A | grep -q '\.tmp\.' && fail "temporary files left: $(ls -A | grep '\.tmp\.')"

# ---- validate: FIFOs, devices, /dev/stdin ----
mkfifo in.fifo
run 2 $TO "$BIN" validate in.fifo
has err "in.fifo: it is a FIFO, not a regular file"
run 2 $TO "$BIN" export in.fifo
has err "it is a FIFO, not a regular file"
run 2 $TO "$BIN" validate /dev/zero
has err "it is a character device, not a regular file"
cp "$T/conformance/bad-seed-channel-name.yaml" bad.yaml
run 1 "$BIN" validate - <bad.yaml
run 1 "$BIN" validate /dev/stdin <bad.yaml
run 0 "$BIN" validate -q /dev/stdin <p.yaml
cat bad.yaml | "$BIN" validate /dev/stdin >out 2>err
[ $? = 1 ] || fail "validate /dev/stdin from a pipe: not the exit code of -"

# ---- validate --format json ----
run 1 "$BIN" validate --format json bad.yaml
[ "$(tr -d ' \n' <out)" != "[]" ] || fail "json: [] for a file with errors"
has out '"rule": "channel-name"'
if [ -w /dev/full ]; then
	"$BIN" validate --format json bad.yaml >/dev/full 2>err
	[ $? = 2 ] || fail "json to /dev/full: not exit 2"
	has err "cannot write to standard output"
fi
# C1 controls: escaped in text and JSON
printf 'ivs_tui: 1\nstack:\n  name: live\nchannels:\n  - id: Main\n    channel_name: "a\\x9b31mb"\n' >c1.yaml
run 1 "$BIN" validate c1.yaml
has out "got 'a\\u009b31mb'"
LC_ALL=C grep -q "$(printf '\302\233')" out && fail "a raw C1 control in validate's output"
run 1 "$BIN" validate --format json c1.yaml
has out "a\\u009b31mb"

# a file name with controls, in the I/O error: escaped too
run 2 "$BIN" validate "$(printf 'no\033]0;x\007')"
has err 'no\x1b]0;x\x07'
run 2 "$BIN" export "$(printf 'no\302\233x')"
has err 'no\u009bx'

[ "$fails" = 0 ] || { echo "$fails check(s) failed"; exit 1; }
echo "export safety: ok"
