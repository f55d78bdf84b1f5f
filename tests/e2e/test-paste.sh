#!/bin/sh
# Typing and pasting outside text entry, in a real terminal (tmux, 80x24;
# issue 11, friction 1): a multi-line bracketed paste (tmux paste-buffer
# -p, after ivs-tui turned mode 2004 on) goes into the field as text and
# its second line never runs as keys (q would quit, d delete); typing
# "standard" on the type field picks STANDARD (type-ahead) and adds no
# stream key (s once did); / jumps to a field by name.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

fixture show.yaml
start_term 80 24
run_ivs show.yaml
wait_for "ivs-tui  show.yaml"
press_until j "$(form_for "channel" Main)"
keys Tab
wait_for "Del Unset"

# / and a name: the field is selected
keys /
wait_for "Jump to field: /"
type_text "channel_n"
keys Enter
wait_gone "Jump to field"
# a paste on a text field: into its editor (replacing the value), as text
tm set-buffer -b e2e "$(printf 'stage\nq\nd\n')"
tm paste-buffer -p -b e2e -t e2e
wait_for "Enter OK  Esc Back"
wait_re "channel_name +stage q d"
lacks "Quit"
lacks "Delete"
keys Escape
wait_re "channel_name +main-stage"
lacks "[+]"
pass "multi-line paste goes into the field, not into the key map"

# type-ahead on a choice: "standard" on type; no stream key added
keys /
type_text "type"
keys Enter
type_text "standard"
wait_re "type +STANDARD"
has "MainKey"
lacks "StreamKey"
has "type: STANDARD (typed \"standard\")"
keys C-z
wait_for "Undone: set type"
wait_re "type +STANDARD"   # the default, dimmed: the file had no type
pass "type-ahead on a choice field"

keys F10
wait_for "unsaved changes"
keys d
wait_exit 0
cmp -s "$E2E_WORK/show.yaml" "$(dirname "$0")/data/show.yaml" || fail "the file changed"
pass "quit"
