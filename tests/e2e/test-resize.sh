#!/bin/sh
# Resizing a real terminal (tmux resize-window) under the editor: smaller
# than the minimum shows "Terminal too small" and nothing else; back to a
# usable size redraws everything; keys work after each resize; other
# sizes (wide, tall, the minimum itself) lay out without losing the chrome.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

fixture show.yaml
start_term 80 24
run_ivs show.yaml
wait_for "ivs-tui  show.yaml"
press_until j "$(form_for "channel" Main)"

resize 40 10
wait_for "Terminal too small (40x10): needs 60x16"
lacks "Channels (2)"
resize 59 16
wait_for "Terminal too small (59x16): needs 60x16"
resize 60 15
wait_for "Terminal too small (60x15): needs 60x16"
pass "too small"

# the minimum: title, tree, form and key bar all there
resize 60 16
wait_gone "Terminal too small"
wait_for "ivs-tui  show.yaml"
has "channel Main"
wait_line 16 "F1 Help"
wait_line 1 "ivs-tui  show.yaml"
pass "minimum size"

# wide and tall
resize 132 50
wait_for "ivs-tui  show.yaml"
wait_line 50 "F1 Help"
[ "$(line 1 | wc -c)" -gt 100 ] || fail "title bar not as wide as the terminal: $(line 1)"
wait_re "channel_name +main-stage$"
wait_re "multitrack_input_configuration +\\[ \\] off"
# keys still work after the resizes
keys j
wait_for "stream key MainKey"
pass "wide and tall"

# too small while a dialog is open, then back: the dialog is still there
resize 80 24
wait_line 24 "F1 Help"
press_until k "$(form_for "channel" Main)"
keys Tab
wait_for "Del Unset"
keys Down
keys Enter
wait_for "Enter OK  Esc Back"
type_text "x"
keys Enter
wait_for "[+]"
keys q
wait_for "has unsaved changes."
resize 30 8
wait_for "Terminal too small (30x8)"
resize 80 24
wait_gone "Terminal too small"
wait_for "has unsaved changes."
keys d
wait_exit 0
pass "resize with a dialog open"

# starting in a terminal that is already too small (and as an xterm:
# tmux understands xterm-256color's sequences too), then growing it
E2E_TERM=xterm-256color
start_term 50 12
run_ivs show.yaml
wait_for "Terminal too small (50x12): needs 60x16"
resize 80 24
wait_line 1 "ivs-tui  show.yaml"
wait_line 24 "F1 Help"
keys q
wait_exit 0
pass "started too small, as xterm-256color"
