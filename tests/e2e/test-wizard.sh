#!/bin/sh
# The wizard (ivs-tui with no FILE) from start to an exported template:
# name the stack, add a channel with a stream key, skip the optional
# steps, save at the review, export; the exported file must be byte for
# byte what `ivs-tui export` makes of the saved project.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

start_term 80 24
run_ivs
wait_for "new stack: step 1 of 5"
has "[1 Stack] > 2 Channels > 3 Playback keys > 4 Recording > 5 Review"
has "stack name is required"
pass "wizard starts"

# step 1: the stack name (the form has the focus)
keys Enter
wait_for "Enter OK  Esc Back"
type_text "demo"
wait_for "Stack demo"
keys Enter
wait_gone "Enter OK  Esc Back"
# named, but nothing created yet: the empty-stack warning is the one problem
wait_for "0 errors  ! 1 warning"
keys C-n
wait_for "new stack: step 2 of 5"
has "[2 Channels]"
pass "stack named"

# step 2: a channel and its stream key
keys a
wait_for "Added channel: type its id (Enter keeps Channel)"   # asks for the id
keys Enter
wait_for "Added channel Channel"
wait_re "$(form_for "channel" Channel)"
keys s
wait_for "Added stream key: type its id (Enter keeps StreamKey)"
keys Enter
wait_for "Added stream key StreamKey"
wait_for "└ StreamKey"
wait_for "no problems"
pass "channel and stream key added"

# steps 3 and 4 are optional; 5 reviews
keys C-n
wait_for "new stack: step 3 of 5"
keys C-n
wait_for "new stack: step 4 of 5"
keys C-n
wait_for "new stack: step 5 of 5"
wait_for "No problems: the template can be exported."
has "\"Type\": \"AWS::IVS::Channel\""
pass "review"

# save: the prompt proposes demo.yaml
keys Enter
wait_for "Save the project as"
has "demo.yaml"
keys Enter
wait_for "Saved demo.yaml"
[ -f "$E2E_WORK/demo.yaml" ] || fail "demo.yaml not written"
file_has "$E2E_WORK/demo.yaml" "  name: demo"
file_has "$E2E_WORK/demo.yaml" "      - id: StreamKey"
pass "saved"

# export: the prompt proposes demo.template.json
keys F5
wait_for "Export the template to"
has "demo.template.json"
keys Enter
wait_for "/demo.template.json (JSON, 2 resources)"
[ -f "$E2E_WORK/demo.template.json" ] || fail "template not written"
keys F10
wait_exit 0

"$IVS_BIN" export "$E2E_WORK/demo.yaml" >"$E2E_TMP/cli.json" || fail "ivs-tui export failed"
same_file "$E2E_TMP/cli.json" "$E2E_WORK/demo.template.json"
grep -q '"AWS::IVS::StreamKey"' "$E2E_WORK/demo.template.json" || fail "no stream key in the template"
pass "exported template equals ivs-tui export of the saved file"
