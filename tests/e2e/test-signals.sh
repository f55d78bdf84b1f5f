#!/bin/sh
# Signals against the real program in a real terminal:
# - SIGHUP (the terminal went away) with unsaved changes: the changes go to
#   the recovery file next to the project (mode 0600), the project file is
#   untouched, the exit status is 128+1, the terminal is given back; the
#   next start offers to restore, and restoring shows the changes as
#   unsaved; saving removes the recovery file.
# - "Discard it" and "Later" answers.
# - The terminal closing under the program (tmux session killed): the
#   same recovery file.
# - SIGTERM with nothing unsaved: no recovery file, status 128+15.
# - SIGHUP in the wizard (no file yet): $XDG_STATE_HOME/ivs-tui/unsaved.ivs-recover,
#   restored at the next start, removed once the project is saved.
# - A fatal signal (SIGSEGV): the handler leaves the alternate screen and
#   shows the cursor, then dies of the signal (status 128+11).
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

fixture show.yaml
cp "$E2E_WORK/show.yaml" "$E2E_TMP/orig.yaml"
RECOVER=$E2E_WORK/.show.yaml.ivs-recover
start_term 80 24
keys "ulimit -c 0" Enter     # no core file from the SIGSEGV below

# edit channel Main's name, leave it unsaved
edit_name() {
	press_until j "$(form_for "channel" Main)"
	keys Tab
	wait_for "Del Unset"
	keys Down
	keys Enter
	wait_for "Enter OK  Esc Back"
	type_text "$1"
	keys Enter
	wait_for "main-stage$1"
	wait_for "[+]"
}

send_signal() {
	pid=$(ivs_pid)
	[ -n "$pid" ] || fail "no ivs-tui process"
	kill -"$1" "$pid"
}

run_ivs show.yaml
wait_for "ivs-tui  show.yaml"
edit_name "-hup"
send_signal HUP
wait_exit 129
[ -f "$RECOVER" ] || fail "no recovery file $RECOVER"
[ "$(file_mode "$RECOVER")" = 600 ] || fail "recovery file mode $(file_mode "$RECOVER"), wanted 600"
file_has "$RECOVER" "channel_name: main-stage-hup"
same_file "$E2E_TMP/orig.yaml" "$E2E_WORK/show.yaml"
"$IVS_BIN" validate "$RECOVER" >/dev/null 2>&1 || fail "the recovery file is not a valid project"
pass "SIGHUP writes the recovery file"

# the next start offers it; Later keeps it for another time
run_ivs show.yaml
wait_for "Restore them?"
has ".show.yaml.ivs-recover"
has "[r] Restore"
keys l
wait_gone "Restore them?"
lacks "[+]"
keys q
wait_exit 0
[ -f "$RECOVER" ] || fail "Later removed the recovery file"
pass "Later keeps it"

# Restore: the changes are back, unsaved; saving removes the recovery file
run_ivs show.yaml
wait_for "Restore them?"
keys r
wait_for "Restored from"
wait_for "[+]"
press_until j "$(form_for "channel" Main)"
has "main-stage-hup"
keys C-s
wait_for "Saved show.yaml"
file_has "$E2E_WORK/show.yaml" "channel_name: main-stage-hup"
[ ! -e "$RECOVER" ] || fail "the recovery file is still there after saving"
keys q
wait_exit 0
pass "restore, then save"

# Discard
cp "$E2E_TMP/orig.yaml" "$E2E_WORK/show.yaml"
run_ivs show.yaml
wait_for "ivs-tui  show.yaml"
edit_name "-again"
send_signal HUP
wait_exit 129
[ -f "$RECOVER" ] || fail "no recovery file"
run_ivs show.yaml
wait_for "Restore them?"
keys d
wait_for "Recovery file discarded"
[ ! -e "$RECOVER" ] || fail "Discard left the recovery file"
lacks "main-stage-again"
keys q
wait_exit 0
pass "discard"

# SIGINT (Ctrl-C from outside; in the TUI's raw mode ^C is a key): quit,
# asking first when there are unsaved changes
run_ivs show.yaml
wait_for "ivs-tui  show.yaml"
edit_name "-int"
send_signal INT
wait_for "show.yaml has unsaved changes."
keys c
wait_gone "unsaved changes."
has "main-stage-int"
send_signal INT
wait_for "show.yaml has unsaved changes."
keys d
wait_exit 0
same_file "$E2E_TMP/orig.yaml" "$E2E_WORK/show.yaml"
[ ! -e "$RECOVER" ] || fail "a recovery file after a plain quit"
pass "SIGINT asks before quitting"

# SIGTERM with nothing to save
run_ivs show.yaml
wait_for "ivs-tui  show.yaml"
settle
send_signal TERM
wait_exit 143
[ ! -e "$RECOVER" ] || fail "a recovery file for an unmodified project"
same_file "$E2E_TMP/orig.yaml" "$E2E_WORK/show.yaml"
pass "SIGTERM, nothing unsaved"

# the terminal itself goes away (the tmux session is killed: the pty
# closes and the kernel hangs up the program): the recovery file appears
run_ivs show.yaml
wait_for "ivs-tui  show.yaml"
edit_name "-gone"
pid=$(ivs_pid)
tm kill-session -t e2e
n=$((E2E_TIMEOUT * 20))
while kill -0 "$pid" 2>/dev/null && [ "$n" -gt 0 ]; do
	sleep 0.05
	n=$((n - 1))
done
kill -0 "$pid" 2>/dev/null && fail "ivs-tui still running after its terminal closed"
[ -f "$RECOVER" ] || fail "no recovery file after the terminal closed"
file_has "$RECOVER" "channel_name: main-stage-gone"
same_file "$E2E_TMP/orig.yaml" "$E2E_WORK/show.yaml"
rm -f "$RECOVER"
start_term 80 24
keys "ulimit -c 0" Enter
pass "terminal closed: recovery file written"

# a crash gives the terminal back
run_ivs show.yaml
wait_for "ivs-tui  show.yaml"
settle
[ "$(tm display -p -t e2e '#{alternate_on}')" = 1 ] || fail "the TUI did not use the alternate screen"
send_signal SEGV
wait_exit 139
has "ivs-tui: crashed (SIGSEGV); the terminal was restored"
tty_sane
pass "SIGSEGV: alternate screen left, cursor shown, tty modes back"

# the wizard: no file yet, the state folder keeps it
run_ivs
wait_for "new stack: step 1 of"
keys Enter                   # what is built: a live channel, as checked
wait_for "new stack: step 2 of"
keys Enter
wait_for "Enter OK  Esc Back"
type_text "hupped"
keys Enter
wait_for "Stack hupped"
send_signal HUP
wait_exit 129
UNSAVED=$E2E_STATE/ivs-tui/unsaved.ivs-recover
[ -f "$UNSAVED" ] || fail "no $UNSAVED"
[ "$(file_mode "$UNSAVED")" = 600 ] || fail "unsaved recovery mode $(file_mode "$UNSAVED")"
file_has "$UNSAVED" "name: hupped"
run_ivs
wait_for "Restore them?"
keys r
wait_for "Restored from"
wait_for "hupped"
# saved under a name, the restored project no longer needs the file, and
# the next wizard must not offer it again
keys F2
wait_for "Save the project as"
keys Enter
wait_for "Saved hupped.yaml"
file_has "$E2E_WORK/hupped.yaml" "name: hupped"
keys F10
wait_exit 0
[ ! -e "$UNSAVED" ] || fail "unsaved.ivs-recover still there after the restored project was saved"
pass "SIGHUP in the wizard: unsaved.ivs-recover, gone once saved"
