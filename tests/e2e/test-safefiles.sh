#!/bin/sh
# Files kept safe in a real terminal (issue "Safe by default"):
#  1. Save As over a file that is not a project: the question says what the
#     file is, and Enter twice leaves it byte-identical; Save As onto a
#     folder says at once that it is a folder.
#  2. F5 export: refuses the project's own file, asks before it replaces
#     another file (Enter keeps it), writes next to the project file.
#  3. A commented project edited (an entry renamed, one deleted) and saved
#     keeps every comment whose entry is still there: compared with an
#     expected file.
#  4. A recovery file restored, then "Discard" at quit: removed, not offered
#     again.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

fixture commented.yaml
mkdir -p "$E2E_WORK/proj" "$E2E_WORK/folder"
mv "$E2E_WORK/commented.yaml" "$E2E_WORK/proj/commented.yaml"
printf 'root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1::/:/usr/sbin/nologin\n' >"$E2E_WORK/passwd"
cp "$E2E_WORK/passwd" "$E2E_TMP/passwd.orig"
printf '{"AWSTemplateFormatVersion": "2010-09-09"}\n' >"$E2E_WORK/other.json"
cp "$E2E_WORK/other.json" "$E2E_TMP/other.orig"
start_term 80 24
run_ivs proj/commented.yaml
wait_for "ivs-tui  proj/commented.yaml"

keys F4
wait_for "Save the project as"
keys C-u
type_text "passwd"
keys Enter
wait_for "passwd is not an ivs-tui project"
wait_for "starts with \"root:x:0:0:root:/root:/bin/sh\""
has "Enter: Cancel"
keys Enter
wait_for "Not saved"
same_file "$E2E_TMP/passwd.orig" "$E2E_WORK/passwd"
pass "Enter twice on Save As over a file that is not a project: unchanged"

keys F4
wait_for "Save the project as"
keys C-u
type_text "folder"
keys Enter
wait_for "folder is a folder: type the name of a file in it"
keys Escape
wait_gone "Save the project as"
pass "Save As onto a folder: said at once"

keys F5
wait_for "proj/concerts.template.json"
keys C-u
type_text "proj/commented.yaml"
keys Enter
wait_for "it is this project's own file"
keys C-u
type_text "other.json"
keys Enter
wait_for "other.json exists already"
has "Enter: Cancel"
keys Enter
wait_for "Not exported"
same_file "$E2E_TMP/other.orig" "$E2E_WORK/other.json"
keys F5
wait_for "proj/concerts.template.json"
keys Enter
wait_for "/proj/concerts.template.json (JSON,"
[ -f "$E2E_WORK/proj/concerts.template.json" ] || fail "template not written next to the project"
pass "export: not over the project, asks before replacing, next to the project"

press_until j "$(form_for "bucket" OldArchive)"
keys d
wait_for "Delete bucket OldArchive?"
keys y
wait_for "Deleted OldArchive"
press_until j "$(form_for "channel" MainStage)"
keys r
wait_for "Enter OK"
keys C-u
type_text "Main"
keys Enter
# The export above is now the project's baseline: renaming the deployed
# channel asks first (Enter keeps it); apply it on purpose.
wait_for "This edit replaces deployed resources"
has "Enter: Undo edit"
keys a
wait_re "id\\*? +Main( |$)"
keys C-s
wait_for "Saved proj/commented.yaml"
same_file "$E2E_SRC/tests/e2e/data/commented.expected.yaml" "$E2E_WORK/proj/commented.yaml"
keys q
wait_exit 0
pass "a commented file edited and saved keeps its comments"

# 4. A recovery file restored, then "Discard" at quit: the recovery file is
#    removed and not offered again.
cp "$E2E_SRC/tests/e2e/data/commented.yaml" "$E2E_WORK/rec.yaml"
{ echo "# ivs-tui recovery file for rec.yaml: unsaved changes"
  sed 's/name: concerts /name: recovered /' "$E2E_SRC/tests/e2e/data/commented.yaml"; } \
	>"$E2E_WORK/.rec.yaml.ivs-recover"
chmod 600 "$E2E_WORK/.rec.yaml.ivs-recover"
touch -d '+1 minute' "$E2E_WORK/.rec.yaml.ivs-recover"
run_ivs rec.yaml
wait_for "Restore them?"
has "Enter: Later"
keys r
wait_for "Restored from"
wait_for "Stack recovered"
keys q
wait_for "has unsaved changes"
has "Enter: Cancel"
keys d
wait_exit 0
[ -f "$E2E_WORK/.rec.yaml.ivs-recover" ] && fail "recovery file kept after Restore and Discard"
same_file "$E2E_SRC/tests/e2e/data/commented.yaml" "$E2E_WORK/rec.yaml"
run_ivs rec.yaml
wait_for "ivs-tui  rec.yaml"
settle
lacks "Restore them?"
keys q
wait_exit 0
pass "restore, then discard at quit: the recovery file is gone"
