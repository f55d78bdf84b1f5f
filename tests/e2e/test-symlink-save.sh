#!/bin/sh
# Saving through a symbolic link (issue 11, data loss 2), in a real
# terminal: `ln -s real/show.yaml show.yaml; ivs-tui show.yaml`, edit, save.
# The link stays a link, the target in its own folder gets the edit (and
# keeps its mode), and no temporary file is left in either folder.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

mkdir -p "$E2E_WORK/real"
cp "$E2E_SRC/tests/e2e/data/show.yaml" "$E2E_WORK/real/show.yaml" || fail "no fixture"
chmod 640 "$E2E_WORK/real/show.yaml"
ln -s real/show.yaml "$E2E_WORK/show.yaml"

start_term 80 24
run_ivs show.yaml
wait_for "ivs-tui  show.yaml"
press_until j "$(form_for "channel" Main)"
wait_re "channel_name +main-stage"
keys Tab
wait_for "Del Unset"
keys Down
keys Enter
wait_for "Enter OK  Esc Back"
type_text "-linked"
keys Enter
wait_re "channel_name +main-stage-linked"
keys C-s
wait_for "Saved show.yaml"
keys q
wait_exit 0

[ -L "$E2E_WORK/show.yaml" ] || fail "show.yaml is no longer a symbolic link"
[ "$(readlink "$E2E_WORK/show.yaml")" = real/show.yaml ] || fail "the link points elsewhere"
file_has "$E2E_WORK/real/show.yaml" "    channel_name: main-stage-linked"
[ "$(file_mode "$E2E_WORK/real/show.yaml")" = 640 ] || fail "the target's mode changed"
left=$(ls -A "$E2E_WORK" "$E2E_WORK/real" | grep '\.tmp\.' || true)
[ -z "$left" ] || fail "temporary files left: $left"
pass "save through a symlink keeps the link and updates the target"
