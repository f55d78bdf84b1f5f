#!/bin/sh
# The wizard (ivs-tui with no FILE) from start to an exported template:
# name the stack, add a channel with a stream key, skip the optional
# steps, save at the review, export; the exported file must be byte for
# byte what `ivs-tui export` makes of the saved project.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

start_term 80 24
run_ivs
wait_for "new stack: step 1 of 7"
has "[1 Build] > 2 > 3 > 4 > 5 > 6 > 7"
has "Then: Stack, Recording, Playback, Channels, Outputs, Review"
has "[x] A live channel"
pass "wizard starts with what is built"

# a real-time stage, checked and unchecked again: the pages follow
keys Down Space
wait_for "[x] A real-time stage"
wait_for "Then: Stack, Recording, Playback, Channels, Stage recording, Stages, Stage"
keys Space
wait_for "[ ] A real-time stage"
keys Enter
wait_for "new stack: step 2 of 7"
has "stack name is required"

# step 2: the stack name (the form has the focus)
keys Enter
wait_for "Enter OK  Esc Back"
type_text "demo"
wait_for "Stack demo"
keys Enter
wait_gone "Enter OK  Esc Back"
# named, but nothing created yet: the empty-stack warning is the one problem
wait_for "0 errors  ! 1 warning"
pass "stack named"

# steps 3 and 4 are optional
keys C-n
wait_for "new stack: step 3 of 7"
has "[3 Recording]"
keys C-n
wait_for "new stack: step 4 of 7"
keys C-n
wait_for "new stack: step 5 of 7"

# step 5: a channel and its stream key
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

# step 6 (outputs) is optional; 7 reviews
keys C-n
wait_for "new stack: step 6 of 7"
has "[6 Outputs]"
keys C-n
wait_for "new stack: step 7 of 7"
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
