#!/bin/sh
# tests/faults/test-interrupt.sh BUILD_DIR: an interrupted `export -o` or
# `keygen -o` leaves no .NAME.tmp.XXXXXX behind (issue 15; keygen's held
# the private key).
#
# BUILD_DIR/ivs-tui-faults holds each write in its temporary file for a
# while (the "delay" fault); meanwhile the test sends SIGINT, SIGTERM or
# SIGHUP. The signal waits until the temporary name is gone: the command
# ends by that signal, the output is whole (the new one), and the folder
# holds no temporary file. That is checked with a named temporary file
# (mkstemp: the "tmpfile" fault turns O_TMPFILE off) and with O_TMPFILE.
# Last, SIGKILL during an O_TMPFILE write (the file shows in /proc/PID/fd
# as "(deleted)"): the old output is intact and there is no file to remove.
B=${1:-build}
bin=${IVS_BIN:-$B/ivs-tui}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
fbin=$(dirname "$bin")/ivs-tui-faults
[ -x "$fbin" ] || { echo "no $fbin: build it with make B=$B faults"; exit 1; }
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

cp "$root/tests/conformance/seed-stream-key.yaml" p.yaml
# A background job of sh starts with SIGINT ignored: env restores it (GNU
# coreutils 8.31+); without that the SIGINT cases only check the files.
DFL=
env --default-signal=INT true 2>/dev/null && DFL="env --default-signal=INT"
"$bin" export p.yaml >want.json || { echo "export of the seed fails"; exit 1; }

# tmp_left: the temporary files in the folder, if any.
tmp_left() { ls -A | grep -e '\.tmp\.' -e '\.new-' ; }

# wait_written PID FILE: until PID holds a temporary file (named FILE.tmp.*
# or an O_TMPFILE "(deleted)" one) with all its bytes: 0, or 1 after 10 s.
wait_written() {
	i=0
	while [ $i -lt 200 ]; do
		for fd in /proc/"$1"/fd/*; do
			l=$(readlink "$fd" 2>/dev/null) || continue
			case $l in
			*"/.$2.tmp."* | *"/.$2.new-"*".tmp."* | *"(deleted)") [ "$(stat -L -c %s "$fd" 2>/dev/null)" -gt 0 ] 2>/dev/null && return 0 ;;
			esac
		done
		sleep 0.05; i=$((i + 1))
	done
	return 1
}

for mode in named tmpfile; do
	if [ $mode = named ]; then fault=tmpfile:1:0,delay:800000:0; else fault=delay:800000:0; fi
	for sig in INT TERM HUP; do
		label="export $mode SIG$sig"
		printf 'the old template\n' >out.json
		IVS_FAULT=$fault $DFL "$fbin" export p.yaml -o out.json >/dev/null 2>&1 &
		pid=$!
		wait_written $pid out.json || fail "$label: the write never started"
		kill -$sig $pid
		wait $pid
		st=$?
		case $sig in INT) want=130 ;; TERM) want=143 ;; HUP) want=129 ;; esac
		[ $sig = INT ] && [ -z "$DFL" ] && want=0
		[ "$st" = "$want" ] || fail "$label: exit $st, want $want (ended by the signal)"
		cmp -s out.json want.json || fail "$label: out.json is not the whole new template"
		[ -z "$(tmp_left)" ] || fail "$label: left $(tmp_left)"
		rm -f out.json

		label="keygen $mode SIG$sig"
		IVS_FAULT=$fault $DFL "$fbin" keygen -o key.pem >/dev/null 2>&1 &
		pid=$!
		wait_written $pid key.pem || fail "$label: the write never started"
		kill -$sig $pid
		wait $pid
		st=$?
		[ "$st" = "$want" ] || fail "$label: exit $st, want $want"
		grep -q 'PRIVATE KEY' key.pem 2>/dev/null || fail "$label: key.pem is not the whole key"
		[ -z "$(tmp_left)" ] || fail "$label: left $(tmp_left) (the private key)"
		rm -f key.pem
	done
done

# SIGKILL cannot wait; with O_TMPFILE the unfinished file has no name.
printf 'the old template\n' >out.json
IVS_FAULT=delay:5000000:0 "$fbin" export p.yaml -o out.json >/dev/null 2>&1 &
pid=$!
if wait_written $pid out.json; then
	deleted=no
	for fd in /proc/$pid/fd/*; do
		case $(readlink "$fd" 2>/dev/null) in *"(deleted)") deleted=yes ;; esac
	done
	kill -9 $pid
	wait $pid 2>/dev/null
	if [ $deleted = yes ]; then
		[ "$(cat out.json)" = "the old template" ] || fail "SIGKILL (O_TMPFILE): out.json changed"
		[ -z "$(tmp_left)" ] || fail "SIGKILL (O_TMPFILE): left $(tmp_left)"
	else
		echo "note: no O_TMPFILE on $(df -T . | awk 'NR == 2 { print $2 }'); SIGKILL case not checked"
	fi
else
	kill -9 $pid 2>/dev/null
	fail "SIGKILL: the write never started"
fi

[ "$failed" = 0 ] || { echo "$failed failures"; exit 1; }
echo "interrupts: ok"
