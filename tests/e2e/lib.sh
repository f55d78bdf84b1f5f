# lib.sh: the end-to-end harness. Sourced by tests/e2e/test-*.sh, which
# tests/run.sh runs as `sh SCRIPT BUILD_DIR` with IVS_BIN set.
#
# Each test drives the REAL binary in a real terminal: a private tmux
# server (its own socket, -L ivsPID, no config file), one session of a
# fixed size (80x24 unless the test says otherwise), TERM=screen-256color
# (E2E_TERM; tmux's own terminal type, which it emulates exactly),
# LC_ALL=C.UTF-8, TZ=UTC, and HOME, XDG_CONFIG_HOME, XDG_STATE_HOME in a
# temporary folder. The pane runs a plain sh with the prompt "e2e$ "; the
# program is started from it by run_ivs, so that after it exits the test
# can see the prompt again, the exit status, and that the alternate screen
# was left.
#
# Waiting is always a bounded poll of `tmux capture-pane -p` (every 50 ms,
# deadline E2E_TIMEOUT seconds, default 10): no fixed sleep is ever an
# assertion. On failure the screen is printed, and the server and the
# folder are removed on any exit.
#
# tmux missing: the test prints "SKIP: ..." and exits 77 (tests/run.sh
# counts it as skipped).

if ! command -v tmux >/dev/null 2>&1; then
	echo "SKIP: tmux is not installed; end-to-end tests not run"
	exit 77
fi

E2E_B=${1:-${B:-build}}
: "${IVS_BIN:=$E2E_B/ivs-tui}"
case $IVS_BIN in
/*) ;;
*) IVS_BIN=$(pwd)/$IVS_BIN ;;
esac
E2E_SRC=$(cd "$(dirname "$0")/../.." && pwd)   # the source tree
E2E_TIMEOUT=${E2E_TIMEOUT:-10}
E2E_SOCK=ivs$$
E2E_NAME=$(basename "$0" .sh)
E2E_TMP=$(mktemp -d "${TMPDIR:-/tmp}/ivs-e2e.XXXXXX")
E2E_HOME=$E2E_TMP/home
mkdir -p "$E2E_HOME/.config" "$E2E_HOME/.local/state" "$E2E_TMP/work"
E2E_CONFIG=$E2E_HOME/.config           # XDG_CONFIG_HOME
E2E_STATE=$E2E_HOME/.local/state       # XDG_STATE_HOME
E2E_WORK=$E2E_TMP/work                 # the pane's working folder
E2E_PROMPT='e2e$ '
E2E_EXTRA_ENV=                         # "NAME=value ..." for the next start
E2E_TERM=${E2E_TERM:-screen-256color}  # TERM in the pane (start_term)

e2e_cleanup() {
	# The pane's processes get SIGHUP from kill-server; a program with
	# unsaved changes then writes its recovery file: wait (bounded) for
	# them to end before removing the folder under them.
	pids=
	sh_pid=$(tmux -L "$E2E_SOCK" -f /dev/null display -p -t e2e '#{pane_pid}' 2>/dev/null)
	[ -n "$sh_pid" ] && pids="$sh_pid $(pgrep -P "$sh_pid" 2>/dev/null)"
	tmux -L "$E2E_SOCK" -f /dev/null kill-server >/dev/null 2>&1
	n=100
	for p in $pids; do
		while kill -0 "$p" 2>/dev/null && [ "$n" -gt 0 ]; do
			sleep 0.05
			n=$((n - 1))
		done
	done
	[ -n "${E2E_KEEP:-}" ] || rm -rf "$E2E_TMP"
}
trap e2e_cleanup EXIT
trap 'exit 130' INT TERM HUP

tm() {
	tmux -L "$E2E_SOCK" -f /dev/null "$@"
}

# The screen as text (trailing blanks removed by tmux).
screen() {
	tm capture-pane -p -t e2e
}
# The screen with attribute and colour escapes (capture-pane -e).
screen_escapes() {
	tm capture-pane -p -e -t e2e
}

fail() {
	echo "FAIL [$E2E_NAME]: $*"
	echo "---- screen ($(tm display -p -t e2e '#{pane_width}x#{pane_height}' 2>/dev/null)) ----"
	screen 2>/dev/null | sed 's/^/|/'
	echo "----"
	exit 1
}

pass() {
	echo "ok   [$E2E_NAME] $*"
}

# start_term [COLS ROWS]: the tmux server and a shell at the prompt. Called
# again, it replaces the session (same server: restarting a server on the
# same socket races with the old one's exit).
start_term() {
	cols=${1:-80}
	rows=${2:-24}
	tm kill-session -t e2e >/dev/null 2>&1
	# The environment the program sees: nothing inherited but PATH and
	# the sanitizer settings.
	tm start-server \; set -g exit-empty off \; set -g status off \
		\; set -g default-terminal "$E2E_TERM" \; set -g history-limit 0 \
		\; new-session -d -s e2e -x "$cols" -y "$rows" -c "$E2E_WORK" \
		"env -i PATH='$PATH' HOME='$E2E_HOME' XDG_CONFIG_HOME='$E2E_CONFIG' \
		XDG_STATE_HOME='$E2E_STATE' LC_ALL=C.UTF-8 LANG=C.UTF-8 TZ=UTC \
		TERM='$E2E_TERM' ASAN_OPTIONS='${ASAN_OPTIONS:-}' \
		UBSAN_OPTIONS='${UBSAN_OPTIONS:-}' PS1='$E2E_PROMPT' sh" ||
		fail "cannot start tmux"
	wait_for "e2e$"
}

# wait_for TEXT [SECONDS]: until the screen contains TEXT (fixed string).
wait_for() {
	e2e_poll "$1" "${2:-$E2E_TIMEOUT}" yes || fail "timed out waiting for \"$1\""
}
# wait_gone TEXT [SECONDS]: until the screen no longer contains TEXT.
wait_gone() {
	e2e_poll "$1" "${2:-$E2E_TIMEOUT}" no || fail "timed out waiting for \"$1\" to go"
}
# wait_re REGEX [SECONDS]: until a line of the screen matches (grep -E).
wait_re() {
	e2e_poll "$1" "${2:-$E2E_TIMEOUT}" re || fail "timed out waiting for /$1/"
}

e2e_poll() {
	# 20 polls a second; the deadline counts polls, not wall time, so a
	# slow machine (sanitizers) gets the same number of looks.
	n=$(($2 * 20))
	while [ "$n" -gt 0 ]; do
		s=$(screen 2>/dev/null)
		case $3 in
		yes) case $s in *"$1"*) return 0 ;; esac ;;
		no) case $s in *"$1"*) ;; *) return 0 ;; esac ;;
		re) printf '%s\n' "$s" | grep -Eq -- "$1" && return 0 ;;
		esac
		sleep 0.05
		n=$((n - 1))
	done
	return 1
}

# Assertions on the current screen.
has() {
	case $(screen) in *"$1"*) return 0 ;; esac
	fail "screen lacks \"$1\"${2:+: $2}"
}
lacks() {
	case $(screen) in *"$1"*) fail "screen shows \"$1\"${2:+: $2}" ;; esac
	return 0
}
# line N: the Nth line of the screen (1-based).
line() {
	screen | sed -n "${1}p"
}

# keys KEY...: tmux key names (Enter, Escape, Tab, BTab, Up, F2, C-s...).
keys() {
	tm send-keys -t e2e "$@"
}
# type TEXT: literal text.
type_text() {
	tm send-keys -t e2e -l -- "$1"
}

# run_ivs ARGS...: starts the program from the shell (in E2E_WORK), with
# E2E_EXTRA_ENV in its environment; the shell prints "ivs-exit=N" after.
# shellcheck disable=SC2120 # no arguments: the wizard
run_ivs() {
	cmd="$E2E_EXTRA_ENV '$IVS_BIN'"
	for a in "$@"; do
		cmd="$cmd '$a'"
	done
	keys "clear; $cmd; echo ivs-exit=\$?" Enter
}

# wait_exit CODE: the program ended with CODE, the prompt is back, and the
# terminal left the alternate screen with the cursor visible, the keypad
# transmit mode and mouse tracking off.
wait_exit() {
	wait_re "^ivs-exit=[0-9]+"
	got=$(screen | sed -n 's/^ivs-exit=\([0-9]*\).*/\1/p' | tail -1)
	[ "$got" = "$1" ] || fail "exit status $got, wanted $1"
	wait_re "^e2e\\$ *$"
	[ "$(tm display -p -t e2e '#{alternate_on}')" = 0 ] || fail "still on the alternate screen"
	[ "$(tm display -p -t e2e '#{cursor_flag}')" = 1 ] || fail "cursor left hidden"
	[ "$(tm display -p -t e2e '#{keypad_flag}#{keypad_cursor_flag}')" = 00 ] ||
		fail "keypad transmit mode left on"
	[ "$(tm display -p -t e2e '#{mouse_any_flag}#{mouse_standard_flag}#{mouse_button_flag}')" = 000 ] ||
		fail "mouse tracking left on"
}

# The program's process id (the shell's child in the pane), or empty.
ivs_pid() {
	shpid=$(tm display -p -t e2e '#{pane_pid}')
	pgrep -P "$shpid" -n 2>/dev/null
}

# resize COLS ROWS
resize() {
	tm resize-window -t e2e -x "$1" -y "$2"
	want="$1x$2"
	n=$((E2E_TIMEOUT * 20))
	while [ "$(tm display -p -t e2e '#{pane_width}x#{pane_height}')" != "$want" ]; do
		n=$((n - 1))
		[ "$n" -gt 0 ] || fail "pane did not become $want"
		sleep 0.05
	done
	settle
}

# True when the screen shows any colour (SGR 30-38, 40-48, 90-97,
# 100-107; 39 and 49, "default colour", do not count).
screen_has_colour() {
	screen_escapes | awk '
	{
		s = $0
		while (match(s, /\033\[[0-9;:]*m/)) {
			n = split(substr(s, RSTART + 2, RLENGTH - 3), p, /[;:]/)
			for (i = 1; i <= n; i++) {
				v = p[i] + 0
				if ((v >= 30 && v <= 38) || (v >= 40 && v <= 48) ||
				    (v >= 90 && v <= 97) || (v >= 100 && v <= 107)) { found = 1; exit }
			}
			s = substr(s, RSTART + RLENGTH)
		}
	}
	END { exit found ? 0 : 1 }'
}

# A copy of an example project in the work folder.
example() {
	cp "$E2E_SRC/examples/$1" "$E2E_WORK/$1" || fail "no examples/$1"
}

# A copy of a test design (tests/e2e/data/NAME) in the work folder.
fixture() {
	cp "$E2E_SRC/tests/e2e/data/$1" "$E2E_WORK/$1" || fail "no tests/e2e/data/$1"
}

# wait_change BEFORE [SECONDS]: until the screen differs from BEFORE.
wait_change() {
	n=$((${2:-$E2E_TIMEOUT} * 20))
	while [ "$n" -gt 0 ]; do
		[ "$(screen)" != "$1" ] && return 0
		sleep 0.05
		n=$((n - 1))
	done
	return 1
}

# press_until KEY REGEX [MAX]: presses KEY (waiting for the screen to
# react each time) until a line of the screen matches REGEX (grep -E); at
# most MAX presses (30).
press_until() {
	i=0
	while :; do
		screen | grep -Eq -- "$2" && return 0
		i=$((i + 1))
		[ "$i" -le "${3:-30}" ] || fail "\"$2\" not reached with $1"
		settle
		before=$(screen)
		keys "$1"
		wait_change "$before" 2 || true   # the last entry: nothing moves
	done
}

# File checks.
same_file() {
	cmp -s "$1" "$2" || { diff -u "$1" "$2" | head -40; fail "$1 and $2 differ"; }
}
file_has() {
	grep -qF -- "$2" "$1" || { sed 's/^/  /' "$1" | head -40; fail "$1 lacks \"$2\""; }
}
file_mode() {
	stat -c %a "$1"
}

# wait_line N PREFIX [SECONDS]: until line N of the screen starts with PREFIX
# (after a resize the old layout stays on screen until the redraw).
wait_line() {
	n=$((${3:-$E2E_TIMEOUT} * 20))
	while [ "$n" -gt 0 ]; do
		case $(line "$1") in "$2"*) return 0 ;; esac
		sleep 0.05
		n=$((n - 1))
	done
	fail "line $1 does not start with \"$2\": \"$(line "$1")\""
}

# settle: until the screen stays the same for 4 polls in a row (200 ms),
# so that a following key is not raced by a redraw still on its way
# (after a resize, say). Bounded; never an assertion.
settle() {
	n=$((E2E_TIMEOUT * 20))
	last=$(screen)
	same=0
	while [ "$n" -gt 0 ] && [ "$same" -lt 4 ]; do
		sleep 0.05
		now=$(screen)
		if [ "$now" = "$last" ]; then same=$((same + 1)); else same=0; last=$now; fi
		n=$((n - 1))
	done
}

# tty_sane: at the shell prompt, the tty is back in cooked mode: canonical
# input, echo and output newline translation on (curses turns them off).
tty_sane() {
	keys "clear; for f in icanon echo onlcr isig; do stty -a | grep -qw -- -\$f && echo tty-bad-\$f; done; echo tty-checked" Enter
	wait_re "^tty-checked"
	lacks "tty-bad-" "the terminal modes were not restored"
}

# line_has_sgr N P: line N of the screen is drawn, somewhere, with an SGR
# escape that has parameter P (7: reverse, 1: bold, 42: green background).
line_has_sgr() {
	screen_escapes | sed -n "${1}p" | awk -v want="$2" '
	{
		s = $0
		while (match(s, /\033\[[0-9;:]*m/)) {
			n = split(substr(s, RSTART + 2, RLENGTH - 3), p, /[;:]/)
			for (i = 1; i <= n; i++) if (p[i] + 0 == want + 0 && p[i] != "") { found = 1; exit }
			s = substr(s, RSTART + RLENGTH)
		}
	}
	END { exit found ? 0 : 1 }'
}

# form_for KIND ID: a regex for the form's heading of that entry
# ("│ channel Main  (channels[0])"; "|" without UTF-8), for press_until
# and wait_re.
form_for() {
	printf '(│|[|]) %s %s( |$)' "$1" "$2"
}
