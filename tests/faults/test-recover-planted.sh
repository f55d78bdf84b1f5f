#!/bin/sh
# tests/faults/test-recover-planted.sh BUILD_DIR: a recovery file planted
# by another user is not restored (issue 15, must fix 6).
#
# In a shared folder (mode 1777, like /tmp), user nobody writes
# .p.yaml.ivs-recover (mode 0644) holding a project of its own, newer than
# root's p.yaml. Opening p.yaml (the TUI, keys from IVS_TUI_SCRIPT) must
# not offer it: the status line says it was ignored and why, and p.yaml is
# untouched. Changing user needs root and setpriv: elsewhere the test
# prints "SKIP: ..." and exits 77 (counted as skipped).
B=${1:-build}
bin=${IVS_BIN:-$B/ivs-tui}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
root=$(pwd)
skip() { echo "SKIP: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "not root: cannot plant a file as another user"
command -v setpriv >/dev/null 2>&1 || skip "no setpriv: cannot plant a file as another user"
id nobody >/dev/null 2>&1 || skip "no user nobody"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
export TERM=xterm LC_ALL=C.UTF-8 TZ=UTC HOME="$work/home" IVS_TUI_NO_DISPLAY=1 NO_COLOR=1 ESCDELAY=50
unset XDG_CONFIG_HOME XDG_DATA_HOME XDG_STATE_HOME XDG_CACHE_HOME IVS_TUI_SCRIPT IVS_FAULT
mkdir -p "$HOME"
d=$work/shared
mkdir "$d" && chmod 1777 "$d"
failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

cp "$root/tests/conformance/seed-stream-key.yaml" "$d/p.yaml"
cp "$d/p.yaml" "$work/orig.yaml"
sleep 0.01
sed 's/name: ivs-seed/name: planted-by-nobody/' "$d/p.yaml" |
	setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups \
		sh -c "umask 022; cat >'$d/.p.yaml.ivs-recover'" ||
	skip "setpriv could not run as nobody"
[ "$(stat -c %U "$d/.p.yaml.ivs-recover")" = nobody ] || skip "the planted file is not nobody's"

printf ':dump %s/screen.txt\nq\n' "$work" >"$work/script"
(cd "$d" && IVS_TUI_SCRIPT=$work/script timeout 20 "$bin" p.yaml \
	>"$work/out" 2>"$work/err")
rc=$?
[ "$rc" = 0 ] || { fail "the TUI exited $rc"; cat "$work/err"; }
grep -q "Ignored the recovery file" "$work/screen.txt" ||
	{ fail "no word of the ignored recovery file"; cat "$work/screen.txt"; }
grep -q "another user" "$work/screen.txt" || fail "the reason is not given"
grep -q "Restore them?" "$work/screen.txt" && fail "the planted file was offered"
grep -q "planted-by-nobody" "$work/screen.txt" && fail "the planted project is shown"
cmp -s "$d/p.yaml" "$work/orig.yaml" || fail "p.yaml changed"

[ "$failed" = 0 ] || { echo "$failed failures"; exit 1; }
echo "planted recovery file: ok"
