#!/bin/sh
# Colours in a real terminal, read back with `tmux capture-pane -e`: the
# default theme draws in colour; NO_COLOR (set, not empty) draws with
# attributes only, whatever the theme; an empty NO_COLOR changes nothing;
# --theme picks a shipped theme; config.yaml's theme: is used when there
# is no --theme, and --theme wins over it; a broken theme file falls back
# to the default with FILE:LINE:COL in the status line.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

fixture show.yaml
start_term 80 24

# open, wait for the first full draw, leave (the file is never modified)
open_and_look() {
	run_ivs "$@" show.yaml
	wait_for "ivs-tui  show.yaml"
	wait_line 24 "F1 Help"
	settle
}
leave() {
	keys q
	wait_exit 0
}
# The escapes of line N.
escapes_of() {
	screen_escapes | sed -n "${1}p"
}

open_and_look
screen_has_colour || fail "the default theme shows no colour"
title_default=$(escapes_of 1)
leave
pass "default theme in colour"

E2E_EXTRA_ENV="NO_COLOR=1"
open_and_look
! screen_has_colour || fail "colour escapes with NO_COLOR=1"
# attributes still mark the chrome: the title bar in reverse video
line_has_sgr 1 7 || fail "title not in reverse video under NO_COLOR: $(escapes_of 1 | cat -v)"
leave
open_and_look --theme high-contrast
! screen_has_colour || fail "NO_COLOR must win over --theme"
leave
pass "NO_COLOR: attributes only"

E2E_EXTRA_ENV="NO_COLOR="
open_and_look
screen_has_colour || fail "an empty NO_COLOR must not turn colours off"
leave
E2E_EXTRA_ENV=
pass "empty NO_COLOR ignored"

open_and_look --theme high-contrast
screen_has_colour || fail "high-contrast shows no colour"
title_hc=$(escapes_of 1)
[ "$title_hc" != "$title_default" ] || fail "high-contrast title looks like the default one"
leave
open_and_look --theme monochrome
! screen_has_colour || fail "the monochrome theme uses colours"
leave
pass "--theme picks shipped themes"

# config.yaml names the theme; --theme wins over it
mkdir -p "$E2E_CONFIG/ivs-tui/themes"
printf '# settings\ntheme: monochrome\n' >"$E2E_CONFIG/ivs-tui/config.yaml"
open_and_look
! screen_has_colour || fail "config.yaml theme: monochrome not used"
leave
open_and_look --theme default
screen_has_colour || fail "--theme default must win over config.yaml"
leave
rm "$E2E_CONFIG/ivs-tui/config.yaml"
pass "config.yaml theme, --theme wins"

# a user theme in the config folder
printf 'name: mine\ncolors:\n  title: {fg: black, bg: green, attrs: [bold]}\n' \
	>"$E2E_CONFIG/ivs-tui/themes/mine.yaml"
open_and_look --theme mine
line_has_sgr 1 42 || fail "title not on green: $(escapes_of 1 | cat -v)"
line_has_sgr 1 30 || fail "title not in black: $(escapes_of 1 | cat -v)"
leave
pass "user theme"

# a broken theme: the default theme, and the message says where
printf 'colors:\n  title: {fg: blu}\n' >"$E2E_CONFIG/ivs-tui/themes/broken.yaml"
open_and_look --theme broken
# shellcheck disable=SC2088 # the message writes HOME as ~
has '~/.config/ivs-tui/themes/broken.yaml:2:15: "blu" is not a colour;'
screen_has_colour || fail "no fallback to the default theme"
[ "$(escapes_of 1)" = "$title_default" ] || fail "fallback title differs from the default theme's"
leave
open_and_look --theme nosuch
has 'theme "nosuch" not found'
leave
pass "broken or missing theme falls back with a message"

# an install moved to another prefix finds its themes next to its bin/
mkdir -p "$E2E_TMP/prefix/bin" "$E2E_TMP/prefix/share/ivs-tui/themes"
cp "$IVS_BIN" "$E2E_TMP/prefix/bin/ivs-tui"
printf 'colors:\n  title: {fg: black, bg: magenta}\n' \
	>"$E2E_TMP/prefix/share/ivs-tui/themes/relocated.yaml"
SAVED_BIN=$IVS_BIN
IVS_BIN=$E2E_TMP/prefix/bin/ivs-tui
open_and_look --theme relocated
line_has_sgr 1 45 || fail "title not on magenta: $(escapes_of 1 | cat -v)"
leave
IVS_BIN=$SAVED_BIN
pass "relocated install: PREFIX/share/ivs-tui/themes"
