#!/bin/sh
# The editor end to end, in a real terminal (tmux, 80x24): open a design,
# move in the tree and the form, edit a field and watch the inline error
# come and go as the text changes, the problems panel and its jump, undo
# and redo, save, reload with the same content, and quitting with unsaved
# changes (asks first; Cancel keeps editing; Discard leaves the file).
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

fixture show.yaml
start_term 80 24
run_ivs show.yaml
wait_for "ivs-tui  show.yaml"
wait_for "no problems"
has "Channels (2)"
has "Archive"
has "Backup"
lacks "[+]"
pass "opened"

# the tree: down to channel Main; the form follows the selection
press_until j "$(form_for "channel" Main)"
wait_re "channel_name +main-stage"
wait_re "recording_configuration +Rec"
press_until j "$(form_for "stream key" MainKey)"
press_until k "$(form_for "channel" Main)"
pass "tree navigation"

# into the form, down to channel_name, edit it
keys Tab
wait_for "Del Unset"              # the form's key bar
keys Down
keys Enter
wait_for "Enter OK  Esc Back"     # editing
type_text " x"
wait_for "error: channel_name must contain only letters"
wait_for "✗ 1 error"
wait_for "[+]"
keys BSpace
keys BSpace
wait_gone "error: channel_name"
wait_for "no problems"
type_text "-2"
keys Enter
wait_re "channel_name +main-stage-2"
wait_for "Del Unset"
has "no problems"
pass "inline error appears and disappears while typing"

# an error kept on purpose, then the problems panel from elsewhere
keys Enter
wait_for "Enter OK  Esc Back"
type_text " bad"
keys Enter
wait_re "channel_name +main-stage-2 bad"
wait_for "✗ 1 error"
keys Tab
keys Home
wait_re "│ stack( |$)"
keys F7
wait_for "Problems: 1 error, 0 warnings"
has "Main: channel_name: channel_name must contain only letters"   # by id, not channels[0]
keys Enter
wait_gone "Problems: 1 error"
wait_re "$(form_for "channel" Main)"
has "error: channel_name must contain only letters"
pass "problems panel and jump"

# undo and redo
keys C-z
wait_for "Undone: set channel_name"
wait_re "channel_name +main-stage-2( |$)"
lacks "main-stage-2 bad"
wait_for "no problems"
keys C-y
wait_for "Redone: set channel_name"
wait_for "main-stage-2 bad"
wait_for "✗ 1 error"
keys C-z
wait_for "no problems"
pass "undo and redo"

# save; the file has the edit; the title loses [+]
keys C-s
wait_for "Saved show.yaml"
wait_gone "[+]"
file_has "$E2E_WORK/show.yaml" "    channel_name: main-stage-2"
cp "$E2E_WORK/show.yaml" "$E2E_TMP/saved1.yaml"
keys q
wait_exit 0
pass "save and quit"

# reload: the same content on screen, and saved again the same bytes
run_ivs show.yaml
wait_for "ivs-tui  show.yaml"
press_until j "$(form_for "channel" Main)"
wait_re "channel_name +main-stage-2"
keys Tab
wait_for "Del Unset"
keys Down
keys Enter
wait_for "Enter OK  Esc Back"
type_text "z"
keys Enter
wait_for "main-stage-2z"
wait_for "[+]"
keys C-z
wait_for "Undone: set channel_name"
keys C-s
wait_for "Saved show.yaml"
same_file "$E2E_TMP/saved1.yaml" "$E2E_WORK/show.yaml"
pass "reload and save give the same file"

# quit with unsaved changes asks first
keys Enter
wait_for "Enter OK  Esc Back"
type_text "q"
keys Enter
wait_for "main-stage-2q"
wait_for "[+]"
keys q
wait_for "show.yaml has unsaved changes."
has "[s] Save  [d] Discard  [c] Cancel"
keys c
wait_gone "unsaved changes."
has "[+]"
has "main-stage-2q"
keys F10
wait_for "show.yaml has unsaved changes."
keys d
wait_exit 0
same_file "$E2E_TMP/saved1.yaml" "$E2E_WORK/show.yaml"
tty_sane
pass "quit with unsaved changes asks; discard keeps the file; terminal restored"
