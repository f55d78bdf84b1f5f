#!/bin/sh
# In-process screen tests (tig's test/tools/libtest.sh): each NAME.script
# feeds keys to the TUI through IVS_TUI_SCRIPT with IVS_TUI_NO_DISPLAY=1
# (newterm on /dev/null, 80x24), ":dump @OUT@/NAME-N.txt" writes the
# screen, and every dump is compared with expected/NAME-N.txt.
# Usage: sh tests/tui/test-screens.sh BUILD_DIR   (UPDATE=1 rewrites the
# expected dumps: review them with git diff).
set -u
B=${1:-build}
BIN=${IVS_BIN:-$B/ivs-tui}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
T=$(cd "$(dirname "$0")" && pwd)
# A fixed-length folder name, written as /tmp/ivs-screens.XXXXXX in the
# dumps: a status line that shows a whole path is the same on every run.
WORK=$(mktemp -d /tmp/ivs-screens.XXXXXX)
trap 'rm -rf "$WORK"' EXIT INT TERM
fail=0

export TERM=xterm LC_ALL=C.UTF-8 TZ=UTC HOME="$WORK/home" IVS_TUI_NO_DISPLAY=1 COLUMNS=80 LINES=24
export NO_COLOR=1 ESCDELAY=50
unset XDG_CONFIG_HOME XDG_DATA_HOME XDG_STATE_HOME XDG_CACHE_HOME IVS_TUI_SCRIPT
mkdir -p "$HOME"

bad() {
	echo "FAIL: $*"
	fail=1
	: >"$WORK/failed"
}

# run_case NAME [ARGS...]: runs NAME.script in $WORK/NAME (cwd), then
# compares its dumps. The exit code is left in $WORK/NAME/rc.
run_case() {
	name=$1
	shift
	dir=$WORK/$name
	mkdir -p "$dir"
	sed "s|@OUT@|$dir|g" "$T/$name.script" >"$dir/script.txt"
	(cd "$dir" && IVS_TUI_SCRIPT="$dir/script.txt" timeout 20 "$BIN" "$@" 2>"$dir/stderr")
	echo $? >"$dir/rc"
	for got in "$dir/$name"-[0-9]*.txt; do
		[ -f "$got" ] && sed -i "s|$WORK|/tmp/ivs-screens.XXXXXX|g" "$got"
	done
	if [ -n "${UPDATE:-}" ]; then
		rm -f "$T/expected/$name"-[0-9]*.txt
		for got in "$dir/$name"-[0-9]*.txt; do
			[ -f "$got" ] && cp "$got" "$T/expected/"
		done
		return
	fi
	for exp in "$T/expected/$name"-[0-9]*.txt; do
		[ -f "$exp" ] || continue
		got=$dir/$(basename "$exp")
		if [ ! -f "$got" ]; then
			bad "$name: no dump $(basename "$exp")"
		elif ! diff -u "$exp" "$got"; then
			bad "$name: screen $(basename "$exp") differs"
		fi
	done
	for got in "$dir/$name"-[0-9]*.txt; do
		[ -f "$got" ] || continue
		[ -f "$T/expected/$(basename "$got")" ] || bad "$name: unexpected dump $(basename "$got")"
	done
}

rc_is() {
	[ "$(cat "$WORK/$1/rc")" = "$2" ] || bad "$1: exit code $(cat "$WORK/$1/rc"), expected $2"
}

quiet() {
	[ -s "$WORK/$1/stderr" ] && { bad "$1: stderr not empty:"; cat "$WORK/$1/stderr"; }
	return 0
}

# 1. The wizard, from nothing to an exported template; the template must
#    equal what `ivs-tui export` makes of the saved project.
run_case wizard
rc_is wizard 0
quiet wizard
W=$WORK/wizard
if [ -f "$W/live-events.yaml" ] && [ -f "$W/live-events.template.json" ]; then
	"$BIN" export "$W/live-events.yaml" >"$W/cli.json" || bad "wizard: CLI export failed"
	cmp "$W/cli.json" "$W/live-events.template.json" || bad "wizard: TUI export != CLI export"
	[ -n "${UPDATE:-}" ] && cp "$W/live-events.yaml" "$T/expected/wizard.yaml"
	diff -u "$T/expected/wizard.yaml" "$W/live-events.yaml" || bad "wizard: saved project differs"
else
	bad "wizard: project or template not written"
fi

# 2. Editing fields of every kind on a project; inline errors appear and
#    disappear as you type; undo/redo; preview; save.
mkdir -p "$WORK/fields"
cp "$T/live-events.yaml" "$WORK/fields/live-events.yaml"
run_case fields live-events.yaml
rc_is fields 0
quiet fields
[ -n "${UPDATE:-}" ] && cp "$WORK/fields/live-events.yaml" "$T/expected/fields.yaml"
diff -u "$T/expected/fields.yaml" "$WORK/fields/live-events.yaml" || bad "fields: saved project differs"
# Reload what was saved, save it again: the same bytes.
mkdir -p "$WORK/reload"
cp "$WORK/fields/live-events.yaml" "$WORK/reload/live-events.yaml"
run_case reload live-events.yaml
rc_is reload 0
quiet reload
cmp "$WORK/fields/live-events.yaml" "$WORK/reload/live-events.yaml" || bad "reload: save after load changed the file"

# 3. The problems panel: Enter jumps to the entry and field.
mkdir -p "$WORK/problems"
cp "$T/live-events.yaml" "$WORK/problems/"
run_case problems live-events.yaml
rc_is problems 0
quiet problems

# 4. Quit with unsaved changes asks first; cancel keeps editing; discard
#    leaves the file as it was.
mkdir -p "$WORK/quit"
cp "$T/live-events.yaml" "$WORK/quit/"
run_case quit live-events.yaml
rc_is quit 0
quiet quit
cmp "$T/live-events.yaml" "$WORK/quit/live-events.yaml" || bad "quit: discard changed the file"
# quit.script dumps quit-9.txt after its last key: a dump means the app
# was still running after "discard".
[ -f "$WORK/quit/quit-9.txt" ] && bad "quit: still running after discard"

# 4b. ...and "save" saves, then quits.
mkdir -p "$WORK/quitsave"
cp "$T/live-events.yaml" "$WORK/quitsave/"
run_case quitsave live-events.yaml
rc_is quitsave 0
quiet quitsave
grep -q 'id: Bucket$' "$WORK/quitsave/live-events.yaml" || bad "quitsave: not saved"
[ -f "$WORK/quitsave/quitsave-9.txt" ] && bad "quitsave: still running after save"

# 5. Resize and the too-small screen.
mkdir -p "$WORK/resize"
cp "$T/live-events.yaml" "$WORK/resize/"
run_case resize live-events.yaml
rc_is resize 0
quiet resize

# 5b. Open on a CloudFormation template imports it (import.h): the saved
#     project exports the template back.
mkdir -p "$WORK/import"
cp "$T/../conformance/seed-channel-with-recording.expected.json" "$WORK/import/seed.json"
cp "$T/../import/parameter.yaml" "$WORK/import/"
run_case import
rc_is import 0
quiet import
if [ -f "$WORK/import/imported.yaml" ]; then
	"$BIN" export "$WORK/import/imported.yaml" >"$WORK/import/back.json" || bad "import: export failed"
	"$BIN" import "$WORK/import/back.json" >/dev/null 2>&1 || bad "import: export of the saved project is not exact"
	"$BIN" import -o "$WORK/import/again.yaml" "$WORK/import/seed.json" >/dev/null 2>&1
	cmp "$WORK/import/again.yaml" "$WORK/import/imported.yaml" || bad "import: TUI import != CLI import"
else
	bad "import: imported project not saved"
fi

# 6. Help, generated from the key map.
run_case help
rc_is help 0
quiet help

# 7. The file changed on disk since it was loaded: saving asks.
mkdir -p "$WORK/disk"
cp "$T/live-events.yaml" "$WORK/disk/"
run_case disk live-events.yaml
rc_is disk 0
quiet disk
grep -q 'changed by another program' "$WORK/disk/live-events.yaml" || bad "disk: cancel overwrote the file"

# 8. Export refuses while there are errors; a new FILE is created on save.
mkdir -p "$WORK/newfile"
run_case newfile brand-new.yaml
rc_is newfile 0
quiet newfile
[ -f "$WORK/newfile/brand-new.yaml" ] || bad "newfile: not saved"
[ -f "$WORK/newfile/my-stack.template.json" ] && bad "newfile: exported despite errors"

# 9. A file that fails to load: diagnostics with file:line:col, exit 2,
#    the file untouched, no screen.
mkdir -p "$WORK/badfile"
printf 'ivs_tui: 1\nstack:\n  name: x\nchannels:\n  - id: A\n    typ: STANDARD\n' >"$WORK/badfile/bad.yaml"
cp "$WORK/badfile/bad.yaml" "$WORK/badfile/bad.orig"
(cd "$WORK/badfile" && IVS_TUI_SCRIPT=/dev/null "$BIN" bad.yaml >out 2>err)
[ $? = 2 ] || bad "badfile: exit code not 2"
[ -s "$WORK/badfile/out" ] && bad "badfile: something on stdout"
grep -q '^bad.yaml:6:5: error' "$WORK/badfile/err" || { bad "badfile: no file:line:col diagnostic"; cat "$WORK/badfile/err"; }
[ "$(grep -cv '^bad.yaml:[0-9]*:[0-9]*: ' "$WORK/badfile/err")" = 0 ] || { bad "badfile: stderr holds more than diagnostics"; cat "$WORK/badfile/err"; }
cmp "$WORK/badfile/bad.yaml" "$WORK/badfile/bad.orig" || bad "badfile: file touched"

# 10. Resources: duplicate, move, delete with confirmation, undo; clicks.
mkdir -p "$WORK/resources"
cp "$T/live-events.yaml" "$WORK/resources/"
run_case resources live-events.yaml
rc_is resources 0
quiet resources

# 11. The public key from a file and a generated pair.
mkdir -p "$WORK/keys"
cp "$T/live-events.yaml" "$WORK/keys/"
cp "$T/pub.pem" "$WORK/keys/pub.pem"
run_case keys live-events.yaml
rc_is keys 0
quiet keys
K=$WORK/keys/PlaybackKeyPair-private.pem
if [ -f "$K" ]; then
	[ "$(stat -c %a "$K")" = 600 ] || bad "keys: private key mode $(stat -c %a "$K")"
	grep -q 'PRIVATE KEY' "$WORK/keys/live-events.yaml" && bad "keys: private key in the project"
	grep -q 'BEGIN PUBLIC KEY' "$WORK/keys/live-events.yaml" || bad "keys: no public key saved"
	cmp -s "$T/live-events.yaml" "$WORK/keys/live-events.yaml" && bad "keys: generated key not saved"
else
	bad "keys: no private key file"
fi

# 12. Files: a failed save keeps the edits, export to YAML, open asks.
mkdir -p "$WORK/files"
cp "$T/live-events.yaml" "$WORK/files/"
run_case files live-events.yaml
rc_is files 0
quiet files
grep -q '^Resources:' "$WORK/files/t.yaml" || bad "files: YAML export missing"

# 13. Without a UTF-8 locale: ASCII markers and frames, still readable.
mkdir -p "$WORK/ascii"
cp "$T/live-events.yaml" "$WORK/ascii/"
(LC_ALL=C; export LC_ALL; run_case ascii live-events.yaml)
rc_is ascii 0
quiet ascii

# 14. A recovery file newer than the project is offered; restoring it
#     marks the project modified, and saving removes the recovery file.
mkdir -p "$WORK/recover"
cp "$T/live-events.yaml" "$WORK/recover/"
sed 's/Live events with recording/Recovered description/' "$T/live-events.yaml" \
	>"$WORK/recover/.live-events.yaml.ivs-recover"
chmod 600 "$WORK/recover/.live-events.yaml.ivs-recover"   # a recovery file is private (issue 15)
touch -d '+1 minute' "$WORK/recover/.live-events.yaml.ivs-recover" 2>/dev/null
run_case recover live-events.yaml
rc_is recover 0
quiet recover
grep -q 'Recovered description' "$WORK/recover/live-events.yaml" || bad "recover: restored project not saved"
[ -f "$WORK/recover/.live-events.yaml.ivs-recover" ] && bad "recover: recovery file kept after the save"

# 14b. Restore, then discard at quit: the recovery file is removed; a
#      second start offers nothing. "Later" keeps it.
R=$WORK/recoverquit
mkdir -p "$R"
cp "$T/live-events.yaml" "$R/"
sed 's/Live events with recording/Recovered description/' "$T/live-events.yaml" \
	>"$R/.live-events.yaml.ivs-recover"
chmod 600 "$R/.live-events.yaml.ivs-recover"
touch -d '+1 minute' "$R/.live-events.yaml.ivs-recover" 2>/dev/null
run_case recoverquit live-events.yaml
rc_is recoverquit 0
quiet recoverquit
cmp "$T/live-events.yaml" "$R/live-events.yaml" || bad "recoverquit: discard changed the project"
[ -f "$R/.live-events.yaml.ivs-recover" ] && bad "recoverquit: recovery file kept after restore and discard"
mkdir -p "$WORK/later"
cp "$T/live-events.yaml" "$WORK/later/"
cp "$R/live-events.yaml" "$WORK/later/.live-events.yaml.ivs-recover"
chmod 600 "$WORK/later/.live-events.yaml.ivs-recover"
touch -d '+1 minute' "$WORK/later/.live-events.yaml.ivs-recover" 2>/dev/null
printf '# Later keeps the recovery file.\nl\nd\ny\nq\nd\n' >"$WORK/later.script"
(cd "$WORK/later" && IVS_TUI_SCRIPT="$WORK/later.script" timeout 20 "$BIN" live-events.yaml 2>/dev/null)
[ -f "$WORK/later/.live-events.yaml.ivs-recover" ] || bad "later: recovery file removed though the user said Later"

# 15. The shipped example: every kind, imported entries; saving keeps the
#     design (the template of the saved file equals the example's).
EX=$T/../../examples/live-events.yaml
if [ -f "$EX" ]; then
	mkdir -p "$WORK/example"
	cp "$EX" "$WORK/example/live-events.yaml"
	run_case example live-events.yaml
	rc_is example 0
	quiet example
	"$BIN" export "$EX" >"$WORK/example/a.json" 2>"$WORK/example/a.err" ||
		{ bad "example: export of the example failed"; cat "$WORK/example/a.err"; }
	"$BIN" export "$WORK/example/live-events.yaml" >"$WORK/example/b.json" 2>"$WORK/example/b.err" ||
		{ bad "example: export of the saved example failed"; cat "$WORK/example/b.err"; }
	[ -s "$WORK/example/a.json" ] || bad "example: empty template"
	cmp -s "$WORK/example/a.json" "$WORK/example/b.json" || bad "example: saving changed the design"
	cmp -s "$EX" "$WORK/example/live-events.yaml" && bad "example: not saved (still the hand-written layout)"
	grep -q '^# in canonical form and keeps these comments.$' "$WORK/example/live-events.yaml" ||
		bad "example: saving lost the comments"
else
	bad "example: $EX is missing"
fi

# 15b. Destructive questions default to the harmless answer: Save As over
#      a file that is not a project, onto a folder; export over the
#      project's own file and over another file; delete.
S=$WORK/safe
mkdir -p "$S/proj"
cp "$T/live-events.yaml" "$S/proj/"
printf 'root:x:0:0:root:/root:/bin/sh\n' >"$S/notes.txt"
printf '{"keep": true}\n' >"$S/other.json"
cp "$S/notes.txt" "$S/notes.orig"; cp "$S/other.json" "$S/other.orig"
mkfifo "$S/fifo"
run_case safe proj/live-events.yaml
rc_is safe 0
quiet safe
cmp "$S/notes.txt" "$S/notes.orig" || bad "safe: Enter twice replaced a file that is not a project"
cmp "$S/other.json" "$S/other.orig" || bad "safe: Enter replaced an existing file on export"
cmp "$S/proj/live-events.yaml" "$T/live-events.yaml" || bad "safe: the project file was changed"
[ -f "$S/proj/live-events.template.json" ] || bad "safe: export not written next to the project"

# 15c. Against a baseline (the project's export, --baseline): renaming a
#      deployed channel asks, Enter keeps the id; a create-only change
#      applied anyway marks the tree; the Changes panel. The baseline is
#      remembered for the project in the XDG state folder, and found again.
mkdir -p "$WORK/baseline"
cp "$T/live-events.yaml" "$WORK/baseline/"
"$BIN" export "$WORK/baseline/live-events.yaml" -o "$WORK/baseline/deployed.json" || bad "baseline: export"
run_case baseline --baseline deployed.json live-events.yaml
rc_is baseline 0
quiet baseline
cmp -s "$T/live-events.yaml" "$WORK/baseline/live-events.yaml" || bad "baseline: discard changed the file"
grep -q "live-events.yaml	.*/baseline/deployed.json\$" "$HOME/.local/state/ivs-tui/baselines" ||
	bad "baseline: not remembered in the state folder"

# 15d. Renaming a deployed channel, [l] keeps its resources: the saved
#      project deploys over the baseline with no replacement (logical_id).
mkdir -p "$WORK/baselinekeep"
cp "$T/live-events.yaml" "$WORK/baselinekeep/"
"$BIN" export "$WORK/baselinekeep/live-events.yaml" -o "$WORK/baselinekeep/deployed.json" ||
	bad "baselinekeep: export"
run_case baselinekeep --baseline deployed.json live-events.yaml
rc_is baselinekeep 0
quiet baselinekeep
grep -q "^  - id: Live$" "$WORK/baselinekeep/live-events.yaml" || bad "baselinekeep: not renamed and saved"
grep -q "logical_id: " "$WORK/baselinekeep/live-events.yaml" || bad "baselinekeep: no logical_id saved"
"$BIN" diff --fail-on-replace "$WORK/baselinekeep/deployed.json" "$WORK/baselinekeep/live-events.yaml" \
	>"$WORK/baselinekeep/diff.out" 2>&1
[ $? = 1 ] || { bad "baselinekeep: diff after [l] is not 'changes, nothing replaced' (exit 1)"; cat "$WORK/baselinekeep/diff.out"; }

# 17. The rest of IVS on examples/live-shopping.yaml: the tree's sections,
#     an output's resource among every kind, the chat logging destination
#     (one of), the room's logging configurations (multi-pick), undo.
EX2=$T/../../examples/live-shopping.yaml
mkdir -p "$WORK/kinds"
cp "$EX2" "$WORK/kinds/live-shopping.yaml"
run_case kinds live-shopping.yaml
rc_is kinds 0
quiet kinds
cmp -s "$EX2" "$WORK/kinds/live-shopping.yaml" || bad "kinds: the file changed without a save"

# 18. On a channel, o adds its outputs (one undo step); rename carries
#     them along; the preview shows an output; "+ new" in a pick list.
mkdir -p "$WORK/outputs"
cp "$T/live-events.yaml" "$WORK/outputs/"
run_case outputs live-events.yaml
rc_is outputs 0
quiet outputs
cmp -s "$T/live-events.yaml" "$WORK/outputs/live-events.yaml" || bad "outputs: discard changed the file"
# 17. Issue 11's frictions: type-ahead, paste, jump, undo, add asks for the
#     id, delete names who refers, a too-large number; discarded at the end.
mkdir -p "$WORK/frictions"
cp "$T/live-events.yaml" "$WORK/frictions/"
run_case frictions live-events.yaml
rc_is frictions 0
quiet frictions
cmp "$T/live-events.yaml" "$WORK/frictions/live-events.yaml" || bad "frictions: discard changed the file"

# 18. The wizard's a adds the step's kind; the key bar says which.
mkdir -p "$WORK/wizardadd"
run_case wizardadd
rc_is wizardadd 0
quiet wizardadd

# 16. No terminal and no NO_DISPLAY: refuse (exit 2) instead of spinning.
(unset IVS_TUI_NO_DISPLAY; "$BIN" "$T/live-events.yaml" </dev/null >"$WORK/notty.out" 2>"$WORK/notty.err")
[ $? = 2 ] || bad "notty: exit code not 2"
[ -s "$WORK/notty.out" ] && bad "notty: something on stdout"
printf 'ivs-tui: the editor needs a terminal (stdin and stdout); see ivs-tui --help\n' >"$WORK/notty.want"
cmp -s "$WORK/notty.want" "$WORK/notty.err" || { bad "notty: stderr is not the one message:"; cat "$WORK/notty.err"; }

[ -f "$WORK/failed" ] && fail=1
[ $fail = 0 ] && echo "screens: all cases pass"
exit $fail
