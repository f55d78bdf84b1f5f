#!/bin/sh
# tests/faults/test-tui-faults.sh BUILD_DIR: saving from the TUI loses
# nothing. The TUI runs in its in-process script mode (IVS_TUI_SCRIPT,
# IVS_TUI_NO_DISPLAY); BUILD_DIR/ivs-tui-faults (make faults) injects
# failures with IVS_FAULT. Cases:
#   1. disk full / failing disk / read-only folder on save: the status line
#      says why, the edits stay (title keeps [+]), the file is unchanged;
#      the next save works;
#   2. SIGKILL while the TUI saves: the file is the old one, whole;
#   3. another program changes the file while it is open, then the user
#      saves: the TUI asks; with Overwrite the project is saved. The change
#      is made from outside between two keys (the script is a FIFO), also
#      a change that keeps the size and the modification time.
B=${1:-build}
bin=${IVS_BIN:-$B/ivs-tui}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
fbin=$(dirname "$bin")/ivs-tui-faults
[ -x "$fbin" ] || { echo "no $fbin: build it with make B=$B faults"; exit 1; }
root=$(pwd)
src=$root/tests/tui/live-events.yaml
[ -f "$src" ] || src=$root/examples/live-events.yaml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
export TERM=xterm LC_ALL=C.UTF-8 TZ=UTC HOME="$work/home" IVS_TUI_NO_DISPLAY=1 NO_COLOR=1 ESCDELAY=50
unset XDG_CONFIG_HOME XDG_DATA_HOME XDG_STATE_HOME XDG_CACHE_HOME IVS_TUI_SCRIPT IVS_FAULT
mkdir -p "$HOME"
failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

# Keys that change the stack description (appends "!"), as a script.
EDIT='<Enter>
<Down>
<Enter>
:type !
<Enter>'

# line N FILE: line N of a screen dump.
line() { sed -n "$1p" "$2"; }
# status FILE: the status line of a dump (the row above the key bar).
status() { sed -n '23p' "$1"; }

# ---- 1. failures on save ----
for f in write:28:No_space_left_on_device fsync:5:Input/output_error \
         open:30:Read-only_file_system rename:13:Permission_denied; do
	op=${f%%:*}; rest=${f#*:}; e=${rest%%:*}; text=$(echo "${rest#*:}" | tr _ ' ')
	d=$work/save-$op; mkdir -p "$d"; cp "$src" "$d/live-events.yaml"
	printf '%s\n<C-s>\n:dump %s/1.txt\n<C-s>\n:dump %s/2.txt\nq\n' "$EDIT" "$d" "$d" >"$d/script"
	(cd "$d" && IVS_FAULT=$op:1:$e IVS_TUI_SCRIPT=$d/script timeout 20 "$fbin" live-events.yaml \
		>"$d/out" 2>"$d/err")
	rc=$?
	[ "$rc" = 0 ] || fail "save $op: exit $rc: $(cat "$d/err")"
	[ "$(status "$d/1.txt")" = "Not saved: cannot write live-events.yaml: $text" ] ||
		fail "save $op: status line is '$(status "$d/1.txt")'"
	line 1 "$d/1.txt" | grep -q 'live-events.yaml \[+\]' || fail "save $op: edits not marked unsaved after the failure"
	[ "$(ls -A "$d" | grep -c '^\.live-events')" = 0 ] || fail "save $op: temporary file left"
	[ "$(status "$d/2.txt")" = "Saved live-events.yaml" ] || fail "save $op: second save: '$(status "$d/2.txt")'"
	line 1 "$d/2.txt" | grep -q '\[+\]' && fail "save $op: still marked unsaved after saving"
	grep -q 'description: Live events with recording!$' "$d/live-events.yaml" || fail "save $op: edit not saved"
	"$bin" validate "$d/live-events.yaml" >/dev/null 2>&1 || fail "save $op: saved file does not validate"
done
# The file must be untouched right after the failed save: a variant that
# quits (discarding) after the failure.
d=$work/save-discard; mkdir -p "$d"; cp "$src" "$d/live-events.yaml"
printf '%s\n<C-s>\nq\nd\n' "$EDIT" >"$d/script"
(cd "$d" && IVS_FAULT=write:1:28 IVS_TUI_SCRIPT=$d/script timeout 20 "$fbin" live-events.yaml >/dev/null 2>&1)
cmp -s "$src" "$d/live-events.yaml" || fail "save failed: the file changed anyway"

# ---- 2. SIGKILL while the TUI saves ----
d=$work/kill; mkdir -p "$d"; cp "$src" "$d/live-events.yaml"
mkfifo "$d/fifo"
# exec: $! is the TUI itself. The FIFO is opened read-write so that
# opening it never blocks, whatever the TUI does.
(cd "$d" && IVS_FAULT=tmpfile:1:0,delay:10000000:0 IVS_TUI_SCRIPT=$d/fifo exec "$fbin" live-events.yaml >/dev/null 2>&1) &
pid=$!
exec 3<>"$d/fifo"
printf '%s\n<C-s>\n' "$EDIT" >&3
i=0; tmp=
while [ $i -lt 200 ]; do
	tmp=$(ls -A "$d" | grep '^\.live-events\.yaml\.tmp\.' | head -1)
	[ -n "$tmp" ] && grep -q 'recording!$' "$d/$tmp" && tail -c 1 "$d/$tmp" | od -c | grep -q '\\n' && break
	sleep 0.05; i=$((i + 1))
done
kill -9 $pid 2>/dev/null
exec 3>&-
wait $pid 2>/dev/null
[ $i -lt 200 ] || fail "kill: the TUI never wrote its temporary file"
cmp -s "$src" "$d/live-events.yaml" || fail "kill: the project file changed"

# ---- 3. changed by another program while open ----
# tui_run DIR: starts the TUI on DIR/live-events.yaml reading keys from a
# FIFO on fd 3.
tui_run() {
	mkfifo "$1/fifo"
	(cd "$1" && IVS_TUI_SCRIPT=$1/fifo timeout 30 "$bin" live-events.yaml >"$1/out" 2>"$1/err"; echo $? >"$1/rc") &
	exec 3<>"$1/fifo"
}
# keys TEXT: sends keys, then waits until the TUI has read them (a dump).
n=0
keys() {
	n=$((n + 1))
	printf '%s\n:dump %s/sync-%d.txt\n' "$1" "$d" "$n" >&3
	i=0
	while [ ! -s "$d/sync-$n.txt" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
}
for how in append same-size-same-mtime replace; do
	d=$work/changed-$how; mkdir -p "$d"; cp "$src" "$d/live-events.yaml"
	n=0
	tui_run "$d"
	keys "$EDIT"
	case $how in
	append) printf '# changed by another program\n' >>"$d/live-events.yaml" ;;
	same-size-same-mtime)  # rewritten in place, then its time set back
		t=$(stat -c %y "$d/live-events.yaml")
		sed 's/RecordingBucket/RecordingBuckeT/' "$src" >"$d/other"
		cat "$d/other" >"$d/live-events.yaml"
		touch -d "$t" "$d/live-events.yaml" ;;
	replace)  # replaced by rename, as editors save
		sed 's/RecordingBucket/RecordingBuckeT/' "$src" >"$d/other"
		touch -r "$d/live-events.yaml" "$d/other"
		mv "$d/other" "$d/live-events.yaml" ;;
	esac
	cp "$d/live-events.yaml" "$d/theirs"
	keys '<C-s>'
	if ! grep -q 'changed on disk by another program' "$d/sync-$n.txt"; then
		fail "changed ($how): saving did not ask"
		printf 'q\nd\n' >&3   # quits: no dump to wait for
	else
		# Cancel keeps their file; then Overwrite saves ours.
		keys 'c'
		cmp -s "$d/theirs" "$d/live-events.yaml" || fail "changed ($how): cancel overwrote the file"
		keys '<C-s>'
		grep -q 'changed on disk' "$d/sync-$n.txt" || fail "changed ($how): asks only once"
		keys 'o'
		grep -q 'description: Live events with recording!$' "$d/live-events.yaml" ||
			fail "changed ($how): overwrite did not save the project"
		printf 'q\n' >&3
	fi
	exec 3>&-
	wait
	[ "$(cat "$d/rc")" = 0 ] || fail "changed ($how): exit $(cat "$d/rc"): $(cat "$d/err")"
done

[ "$failed" = 0 ] || { echo "$failed failures"; exit 1; }
echo "tui faults: ok"
