#!/bin/sh
# Without a UTF-8 locale (LC_ALL=C) the screen is plain ASCII: frames,
# tree branches and problem markers fall back (htop's --no-unicode); with
# C.UTF-8 the same screens use box drawing and ✗. Both read back from a
# real terminal.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

fixture show.yaml
start_term 80 24

# non-ASCII bytes on the screen
non_ascii() {
	screen | LC_ALL=C grep -c '[^ -~]'
}

# an error on channel Main, and a dialog on screen
look_around() {
	press_until j "$(form_for "channel" Main)"
	keys Tab
	wait_for "Del Unset"
	keys Down
	keys Enter
	wait_for "Enter OK"
	type_text " bad"
	keys Enter
	wait_for "1 error"
	keys q
	wait_for "has unsaved changes."
	settle
}

E2E_EXTRA_ENV="LC_ALL=C LANG=C"
run_ivs show.yaml
wait_for "ivs-tui  show.yaml"
look_around
[ "$(non_ascii)" = 0 ] || fail "non-ASCII on the screen under LC_ALL=C: $(screen | LC_ALL=C grep '[^ -~]' | head -3)"
keys d
wait_exit 0
pass "LC_ALL=C: ASCII only"

E2E_EXTRA_ENV=
run_ivs show.yaml
wait_for "ivs-tui  show.yaml"
look_around
[ "$(non_ascii)" -gt 0 ] || fail "no box drawing or markers under C.UTF-8"
has "✗"
has "│"
keys d
wait_exit 0
pass "C.UTF-8: box drawing and markers"
