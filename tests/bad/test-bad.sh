#!/bin/sh
# tests/bad/test-bad.sh BUILD_DIR: the corpus of bad project files (tig's
# test/tigrc/parse-test). Each tests/bad/NAME.yaml holds one kind of
# mistake; tests/bad/NAME.expected is the exact result of
#     ivs-tui validate NAME.yaml        (run inside the file's folder)
# as "exit N", then stdout, then stderr with each line prefixed "stderr: ".
# Cases too big or too secret to commit (64 MiB, a private key) are written
# by gen() below into a scratch folder and have only a NAME.expected here.
#
# IVS_BAD_UPDATE=1 rewrites the .expected files from the binary's output
# (then read every diff before committing it).
B=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
bin=${IVS_BIN:-$B/ivs-tui}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
[ -x "$bin" ] || { echo "test-bad: no binary $bin"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
gendir=$work/gen
mkdir -p "$gendir"
TO=
command -v timeout >/dev/null 2>&1 && TO="timeout 60"

# rep CHAR N: CHAR repeated N times.
rep() { awk -v c="$1" -v n="$2" 'BEGIN { s = ""; for (i = 0; i < n; i++) s = s c; printf "%s", s }'; }

# kp: a project whose one playback key pair has stdin as its key material.
kp() {
	printf 'ivs_tui: 1\nstack:\n  name: live\nplayback_key_pairs:\n  - id: KeyPair\n    public_key_material: |\n'
	sed 's/^/      /'
}

# Generated cases: gen NAME writes $gendir/NAME.yaml (or leaves it absent on
# purpose); returns 1 when the case cannot be made here (it is skipped).
GEN_CASES="huge-file huge-scalar scalar-at-limit deep-nesting-flow deep-nesting-block too-many-resources \
resource-limit-exactly key-private-ec key-private-pkcs8 missing-file directory"
gen() {
	f=$gendir/$1.yaml
	case $1 in
	huge-file)      # one byte over IVS_YAML_MAX_BYTES (64 MiB), all comment
		{ printf 'ivs_tui: 1\n'; head -c 67108853 /dev/zero | tr '\0' '#'; printf '\n'; } >"$f" ;;
	huge-scalar)    # one scalar of 65537 bytes (IVS_YAML_MAX_SCALAR + 1)
		{ printf 'ivs_tui: 1\nstack:\n  name: live\n  description: '; rep d 65537; printf '\n'; } >"$f" ;;
	scalar-at-limit) # a description of exactly IVS_YAML_MAX_SCALAR bytes: loads, then too long
		{ printf 'ivs_tui: 1\nstack:\n  name: live\n  description: '; rep d 65536; printf '\n'; } >"$f" ;;
	deep-nesting-flow)  # 100000 nested flow sequences
		{ printf 'ivs_tui: 1\nstack:\n  name: live\nchannels: '; rep '[' 100000; rep ']' 100000; printf '\n'; } >"$f" ;;
	deep-nesting-block) # 40 nested block mappings under a tag
		awk 'BEGIN { print "ivs_tui: 1"; print "stack:"; print "  name: live"; print "channels:";
			print "  - id: Channel"; print "    tags:"; ind = "      ";
			for (i = 0; i < 40; i++) { print ind "k" i ":"; ind = ind "  " } print ind "leaf: x" }' >"$f" ;;
	too-many-resources) # 251 channels + 250 stream keys = 501 resources
		awk 'BEGIN { print "ivs_tui: 1"; print "stack:"; print "  name: live"; print "channels:";
			for (i = 1; i <= 251; i++) { print "  - id: Channel" i;
				if (i <= 250) { print "    stream_keys:"; print "      - id: Key" } } }' >"$f" ;;
	resource-limit-exactly) # 250 channels + 250 stream keys = 500: allowed
		awk 'BEGIN { print "ivs_tui: 1"; print "stack:"; print "  name: live"; print "channels:";
			for (i = 1; i <= 250; i++) { print "  - id: Channel" i;
				print "    stream_keys:"; print "      - id: Key" } }' >"$f" ;;
	key-private-ec)     # "BEGIN EC PRIVATE KEY" pasted as public key material
		command -v openssl >/dev/null 2>&1 || return 1
		openssl ecparam -name secp384r1 -genkey -noout 2>/dev/null | kp >"$f" ;;
	key-private-pkcs8)  # "BEGIN PRIVATE KEY" pasted as public key material
		command -v openssl >/dev/null 2>&1 || return 1
		openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 2>/dev/null | kp >"$f" ;;
	missing-file) ;;    # no such file
	directory) mkdir -p "$f" ;;
	*) return 1 ;;
	esac
	return 0
}

# check NAME DIR: runs validate on DIR/NAME.yaml and compares.
pass=0; fail=0; failed=""; skipped=0
check() {
	name=$1 dir=$2
	out=$work/$name.out err=$work/$name.err act=$work/$name.actual
	(cd "$dir" && $TO "$bin" validate "$name.yaml" >"$out" 2>"$err"; echo $? >"$work/$name.rc")
	{ echo "exit $(cat "$work/$name.rc")"; cat "$out"; sed 's/^/stderr: /' "$err"; } >"$act"
	exp=$here/$name.expected
	if [ "${IVS_BAD_UPDATE:-}" = 1 ]; then
		cp "$act" "$exp"
	fi
	if [ ! -f "$exp" ]; then
		echo "FAIL $name: no $name.expected"; fail=$((fail + 1)); failed="$failed $name"
	elif cmp -s "$exp" "$act"; then
		pass=$((pass + 1))
	else
		echo "FAIL $name"; diff -u "$exp" "$act" | head -40
		fail=$((fail + 1)); failed="$failed $name"
	fi
}

for f in "$here"/*.yaml; do
	name=$(basename "$f" .yaml)
	check "$name" "$here"
done
for name in $GEN_CASES; do
	if gen "$name"; then
		check "$name" "$gendir"
	else
		echo "skip $name: cannot be generated here"; skipped=$((skipped + 1))
	fi
	rm -rf "$gendir/$name.yaml"
done
# Every .expected belongs to a case: a stray one means a renamed or lost file.
for e in "$here"/*.expected; do
	name=$(basename "$e" .expected)
	[ -f "$here/$name.yaml" ] && continue
	case " $GEN_CASES " in *" $name "*) continue ;; esac
	echo "FAIL $name.expected: no $name.yaml and no generator"; fail=$((fail + 1)); failed="$failed $name"
done
echo "bad files: $pass passed, $fail failed, $skipped skipped"
[ "$fail" = 0 ] || { echo "failed:$failed"; exit 1; }
