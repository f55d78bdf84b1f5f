#!/bin/sh
# tests/faults/test-cli-faults.sh BUILD_DIR: `ivs-tui export -o` and
# `ivs-tui keygen` lose nothing when the disk is full, failing, or read-only.
#
# BUILD_DIR/ivs-tui-faults (make faults) is the same program with
# IVS_FAULT="op:nth:errno" fault injection: the nth open (of the temporary
# file), write, fsync or rename (the publishing step) fails with errno. For
# each failure: exit status 2, one exact message on stderr, nothing on
# stdout, the old output file unchanged (bytes and mode), no new file, no
# temporary file left; the same command without the fault then works.
# Last, the process is killed with SIGKILL while its temporary file is
# written (the "delay" fault holds it there): the old file is intact.
B=${1:-build}
bin=${IVS_BIN:-$B/ivs-tui}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
fbin=$(dirname "$bin")/ivs-tui-faults
[ -x "$fbin" ] || { echo "no $fbin: build it with make B=$B faults"; exit 1; }
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
cd "$work" || exit 1
failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

# The project: the spec's full example when it is there, else a conformance design.
proj=$root/examples/live-events.yaml
[ -f "$proj" ] || proj=$root/tests/conformance/seed-channel-with-recording.yaml
cp "$proj" p.yaml
"$bin" export p.yaml >want.json || { echo "export of $proj fails"; exit 1; }

# run NAME CMD...: runs CMD with stdout/stderr in NAME.out/NAME.err, status in $rc.
run() {
	name=$1; shift
	"$@" >"$name.out" 2>"$name.err"
	rc=$?
}
# expect_fail NAME MESSAGE: exit 2, no stdout, exactly MESSAGE on stderr.
expect_fail() {
	[ "$rc" = 2 ] || fail "$1: exit $rc, want 2"
	[ -s "$1.out" ] && fail "$1: printed on stdout: $(head -c 200 "$1.out")"
	printf '%s\n' "$2" >"$1.want"
	cmp -s "$1.want" "$1.err" || { fail "$1: stderr"; diff "$1.want" "$1.err"; }
}
# only FILES...: the folder holds exactly these (no temporary file).
only() {
	have=$(ls -A | grep -v '\.\(out\|err\|want\)$' | tr '\n' ' ')
	[ "$have" = "$* " ] || fail "$label: folder holds '$have', want '$* '"
}

faults="open:13:Permission_denied open:30:Read-only_file_system open:28:No_space_left_on_device
write:28:No_space_left_on_device write:5:Input/output_error write:122:Disk_quota_exceeded
fsync:5:Input/output_error fsync:28:No_space_left_on_device
rename:30:Read-only_file_system rename:13:Permission_denied"

for f in $faults; do
	op=${f%%:*}; rest=${f#*:}; e=${rest%%:*}; text=$(echo "${rest#*:}" | tr _ ' ')
	label="export $op $e"
	# An existing template: kept as it was.
	printf 'the old template\n' >out.json
	chmod 640 out.json
	IVS_FAULT=$op:1:$e run ex "$fbin" export p.yaml -o out.json
	expect_fail ex "ivs-tui: export: cannot write out.json: $text"
	[ "$(cat out.json)" = "the old template" ] || fail "$label: out.json changed"
	[ "$(stat -c %a out.json)" = 640 ] || fail "$label: mode of out.json changed"
	only out.json p.yaml want.json
	# No template yet: none is made.
	IVS_FAULT=$op:1:$e run ex2 "$fbin" export p.yaml -o new.json
	expect_fail ex2 "ivs-tui: export: cannot write new.json: $text"
	[ -e new.json ] && fail "$label: new.json was created"
	only out.json p.yaml want.json
	# Without the fault the same command works, and keeps the mode.
	run ok "$fbin" export p.yaml -o out.json
	[ "$rc" = 0 ] || fail "$label: export without fault: exit $rc: $(cat ok.err)"
	cmp -s want.json out.json || fail "$label: export without fault wrote another template"
	[ "$(stat -c %a out.json)" = 640 ] || fail "$label: mode not kept on replace"
	rm -f out.json

	label="keygen $op $e"
	IVS_FAULT=$op:1:$e run kg "$fbin" keygen -o key.pem
	expect_fail kg "ivs-tui: keygen: cannot write key.pem: $text"
	[ -e key.pem ] && fail "$label: key.pem was created"
	only p.yaml want.json
	# An existing key and --force: the old key stays.
	printf 'old key\n' >key.pem
	chmod 600 key.pem
	IVS_FAULT=$op:1:$e run kg2 "$fbin" keygen -o key.pem --force
	expect_fail kg2 "ivs-tui: keygen: cannot write key.pem: $text"
	[ "$(cat key.pem)" = "old key" ] || fail "$label: key.pem changed"
	[ "$(stat -c %a key.pem)" = 600 ] || fail "$label: mode of key.pem changed"
	only key.pem p.yaml want.json
	rm -f key.pem
done

# keygen --add: the key is written, the project save fails (its rename, the
# second publish): the project is unchanged and the public key is printed,
# so that nothing is lost.
label="keygen --add, project save fails"
cp p.yaml before.yaml
IVS_FAULT=rename:2:30 run add "$fbin" keygen -o key.pem --add p.yaml --id FaultKeyPair
[ "$rc" = 2 ] || fail "$label: exit $rc, want 2"
cmp -s before.yaml p.yaml || fail "$label: the project changed"
grep -q 'BEGIN PUBLIC KEY' add.out || fail "$label: the public key was not printed"
grep -q 'PRIVATE' add.out add.err && fail "$label: private key material in the output"
printf 'ivs-tui: keygen: cannot write p.yaml: Read-only file system; the private key is in key.pem and its public key is printed below: add it by hand\n' >add.want
cmp -s add.want add.err || { fail "$label: stderr"; diff add.want add.err; }
[ -s key.pem ] && [ "$(stat -c %a key.pem)" = 600 ] || fail "$label: key.pem missing or not 0600"
rm -f key.pem before.yaml

# A build without -DIVS_FAULT_INJECTION ignores IVS_FAULT.
IVS_FAULT=open:1:13 run prod "$bin" export p.yaml -o prod.json
[ "$rc" = 0 ] && cmp -s want.json prod.json || fail "the normal build obeys IVS_FAULT"
rm -f prod.json

# SIGKILL while the temporary file is written (named: the "tmpfile" fault
# turns O_TMPFILE off; tests/faults/test-interrupt.sh covers it on): the old file is intact, and
# the leftover temporary file is hidden and does not hold the old name.
printf 'the old template\n' >out.json
IVS_FAULT=tmpfile:1:0,delay:5000000:0 "$fbin" export p.yaml -o out.json >/dev/null 2>&1 &
pid=$!
size=$(wc -c <want.json)
i=0
while [ $i -lt 200 ]; do   # until the temporary file holds the whole template
	tmp=$(ls -A | grep '^\.out\.json\.tmp\.' | head -1)
	[ -n "$tmp" ] && [ "$(wc -c <"$tmp")" = "$size" ] && break
	sleep 0.05; i=$((i + 1))
done
kill -9 $pid
wait $pid 2>/dev/null
[ $i -lt 200 ] || fail "kill: the temporary file never appeared"
[ "$(cat out.json)" = "the old template" ] || fail "kill: out.json changed"
tmp=$(ls -A | grep '^\.out\.json\.tmp\.' | head -1)
[ -n "$tmp" ] && cmp -s "$tmp" want.json || fail "kill: the temporary file is not the whole new template"
rm -f .out.json.tmp.* out.json

[ "$failed" = 0 ] || { echo "$failed failures"; exit 1; }
echo "cli faults: ok"
