#!/bin/sh
# examples/live-events.yaml (the example every reader opens first) in the
# editor: the tree shows its entries; moving to a channel shows its
# fields; editing the name shows an inline error that goes away as the
# text is fixed; Esc puts the old value back; help opens and closes; the
# template preview shows; saving writes the canonical form, and reopening
# and saving again gives the same bytes.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

example live-events.yaml
start_term 80 24
run_ivs live-events.yaml
wait_for "ivs-tui  live-events.yaml"
wait_for "no problems"
has "Channels (5)"
has "RecordingBucket"
has "PlaybackKeyPair"
lacks "[+]"
pass "opened"

press_until j "$(form_for "channel" myChannel)"
wait_re "channel_name +main-stage"
wait_re "type +ADVANCED_HD"
wait_re "preset +CONSTRAINED_BANDWIDTH_DELIV"
wait_re "recording_configuration +RecordingConfiguration"
press_until j "$(form_for "channel" BackstageFeed)"
wait_re "insecure_ingest +\\[x\\] true"
press_until k "$(form_for "channel" myChannel)"
pass "navigate"

keys Tab
wait_for "Del Unset"
keys Down
keys Enter
wait_for "Enter OK  Esc Back"
type_text "!"
wait_for "error: channel_name must contain only letters"
wait_for "✗ 1 error"
keys BSpace
wait_gone "error: channel_name"
wait_for "no problems"
type_text " bad"
wait_for "✗ 1 error"
keys Escape
wait_for "Edit cancelled"
wait_re "channel_name +main-stage( |$)"
wait_for "no problems"
pass "edit with an inline error, Esc restores"

keys F1
wait_for "Save the project"
keys Escape
wait_gone "Save the project"
keys F6
wait_for "\"Type\": \"AWS::IVS::Channel\""
keys F6
wait_gone "\"Type\": \"AWS::IVS::Channel\""
pass "help and preview"

keys C-s
wait_for "Saved live-events.yaml"
wait_gone "[+]"
grep -q '^# in canonical form and keeps these comments.$' "$E2E_WORK/live-events.yaml" ||
	fail "saved file lost the leading comments"
grep -q '^  name: live-events  # required; also the default export file name$' \
	"$E2E_WORK/live-events.yaml" || fail "saved file lost an end-of-line comment"
file_has "$E2E_WORK/live-events.yaml" "    channel_name: main-stage"
cp "$E2E_WORK/live-events.yaml" "$E2E_TMP/saved1.yaml"
keys q
wait_exit 0
"$IVS_BIN" export "$E2E_SRC/examples/live-events.yaml" >"$E2E_TMP/t1.json" || fail "export of the example"
"$IVS_BIN" export "$E2E_WORK/live-events.yaml" >"$E2E_TMP/t2.json" || fail "export of the saved file"
same_file "$E2E_TMP/t1.json" "$E2E_TMP/t2.json"

run_ivs live-events.yaml
wait_for "ivs-tui  live-events.yaml"
keys C-s
wait_for "Saved live-events.yaml"
same_file "$E2E_TMP/saved1.yaml" "$E2E_WORK/live-events.yaml"
keys q
wait_exit 0
pass "save: canonical, same template, stable on reload"
