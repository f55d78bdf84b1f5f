#!/bin/sh
# The live-shopping design through the wizard (issue 10): check a live
# channel, a real-time stage and chat; walk only their pages, each thing
# made before what uses it (a recording configuration before the channel,
# a stage's storage configuration and bucket before the stage, a logging
# configuration before the room); o on the channel adds its outputs; two
# more outputs; review, save, export. The exported template must be byte
# for byte what `ivs-tui export examples/live-shopping.yaml` writes.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

# named KIND ID: a was pressed (or Enter on a heading, s on a channel); the
# new entry's id is selected: type another, Enter.
named() {
	wait_for "Added $1: type its id"
	type_text "$2"
	keys Enter
	wait_re "$(form_for "$1" "$2")"
	wait_gone "Enter OK  Esc Back"
}

# pick N: in an open pick list, N entries down, then Enter.
pick() {
	i=0
	while [ "$i" -lt "$1" ]; do
		keys Down
		i=$((i + 1))
	done
	keys Enter
}

start_term 80 24
run_ivs
wait_for "new stack: step 1 of 7"
has "[x] A live channel"
keys Down Space Down Space
wait_for "[x] Chat"
has "[x] A real-time stage"
wait_for "Then: Stack, Recording, Playback, Channels, Stage recording, Stages, Stage"
keys Enter
wait_for "new stack: step 2 of 12"
pass "what is built: channel, stage and chat (12 steps)"

# the stack
keys Enter
wait_for "Enter OK  Esc Back"
type_text "live-shopping"
keys Enter Down Enter
wait_for "Enter OK  Esc Back"
type_text "Live shopping show with a guest stage, chat and recordings"
keys Enter
wait_for "Stack live-shopping"
keys C-n
wait_for "new stack: step 3 of 12"
has "[3 Recording]"

# the show's recording: a bucket, then the configuration that uses it
keys a
named "bucket" MediaBucket
keys Tab Down Enter
named "recording configuration" ShowRecording
keys Down Down Enter
wait_for "+ new bucket"
pick 1
wait_re "bucket\* +MediaBucket"
pass "recording configuration before the channel"

# playback keys: none; the channel uses the recording configuration
keys C-n
wait_for "new stack: step 4 of 12"
keys C-n
wait_for "new stack: step 5 of 12"
keys a
named "channel" Show
keys Down Down Down Down Down Down Down Down Down Enter
wait_for "+ new recording configuration"
pick 1
wait_re "recording_configuration +ShowRecording"
keys Tab s                   # in the tree: on a choice row s would type ahead
named "stream key" HostKey
keys o
wait_for "Added 3 outputs for Show, from ShowIngestEndpoint"
pass "channel, stream key, its outputs"

# the stage's recording: its storage configuration on the bucket
keys C-n
wait_for "new stack: step 6 of 12"
keys Tab Down Enter
named "storage configuration" GuestStorage
keys Down Down Enter
wait_for "+ new bucket"
pick 1
wait_re "bucket\* +MediaBucket"

# the stage records its participants there
keys C-n
wait_for "new stack: step 7 of 12"
keys a
named "stage" GuestStage
keys Down Down Space
wait_re "storage_configuration\* +\(required\)"
keys Down Enter
wait_for "+ new storage configuration"
pick 1
wait_re "storage_configuration\* +GuestStorage"
pass "storage configuration before the stage"

# no ingest; chat logging to a second bucket
keys C-n
wait_for "new stack: step 8 of 12"
keys C-n
wait_for "new stack: step 9 of 12"
keys Tab Up a
named "bucket" ChatLogBucket
keys Tab Down Enter
named "chat logging configuration" TranscriptLogging
keys Down Down Enter
wait_for "+ new bucket"
pick 2
wait_re "bucket +ChatLogBucket"
wait_gone "log_group_name"

# the room logs there (multi-pick) and takes 300 characters a message
keys C-n
wait_for "new stack: step 10 of 12"
keys a
named "chat room" ShopperChat
keys Down Down Enter
wait_for "[ ] TranscriptLogging"
keys Space
wait_for "[x] TranscriptLogging"
keys Enter
wait_re "logging_configurations +TranscriptLogging"
keys Down Enter
wait_for "Enter OK  Esc Back"
type_text "300"
keys Enter
wait_re "maximum_message_length +300"
pass "chat logging before the room"

# two more outputs: the stage's and the room's ARN
keys C-n
wait_for "new stack: step 11 of 12"
has "ShowIngestEndpoin"
keys Tab a
named "output" GuestStageArn
keys Down Enter
wait_for "TranscriptLogging"
pick 6
wait_re "resource\* +GuestStage"
keys Down Down Enter
wait_for "ingest_endpoint"
pick 2
wait_re "attribute\* +arn"
keys Tab a
named "output" ShopperChatArn
keys Down Enter
wait_for "TranscriptLogging"
pick 8
wait_re "resource\* +ShopperChat"
keys Down Down Enter
wait_for "ingest_endpoint"
pick 2
wait_re "attribute\* +arn"
pass "outputs"

# review, save, export
keys C-n
wait_for "new stack: step 12 of 12"
wait_for "No problems: the template can be exported."
keys Enter
wait_for "Save the project as"
has "live-shopping.yaml"
keys Enter
wait_for "Saved live-shopping.yaml"
keys F5
wait_for "Export the template to"
keys Enter
wait_for "/live-shopping.template.json (JSON, 9 resources"
keys F10
wait_exit 0
pass "saved and exported"

"$IVS_BIN" export "$E2E_SRC/examples/live-shopping.yaml" >"$E2E_TMP/example.json" ||
	fail "ivs-tui export of the example failed"
same_file "$E2E_TMP/example.json" "$E2E_WORK/live-shopping.template.json"
"$IVS_BIN" export "$E2E_WORK/live-shopping.yaml" >"$E2E_TMP/saved.json" ||
	fail "ivs-tui export of the saved design failed"
same_file "$E2E_TMP/example.json" "$E2E_TMP/saved.json"
pass "the wizard's template equals the example's"
