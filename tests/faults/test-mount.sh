#!/bin/sh
# tests/faults/test-mount.sh BUILD_DIR: the same promises as
# test-cli-faults.sh, on real file systems instead of injected errors:
#   - a full disk (a small tmpfs, filled up): export -o, keygen --add;
#   - a read-only file system (the tmpfs remounted ro): export -o, keygen;
#   - a folder the user may not write (mode 555, run as nobody): export -o.
# Mounting needs root and a private mount namespace (unshare -m); where
# that is not permitted the mount cases are skipped with a message, and
# test-cli-faults.sh's injected faults remain the proof. When neither part
# can run here, the suite says "SKIP: ..." and exits 77 (skipped).
B=${1:-build}
bin=${IVS_BIN:-$B/ivs-tui}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
proj=$root/examples/live-events.yaml
[ -f "$proj" ] || proj=$root/tests/conformance/seed-channel-with-recording.yaml
"$bin" export "$proj" >"$work/want.json" || { echo "export of $proj fails"; exit 1; }

# The mount part runs in its own mount namespace, so the mounts vanish with
# it whatever happens.
if [ "$(id -u)" != 0 ] || ! unshare -m true 2>/dev/null; then
	echo "skip: no private mount namespace here (not root, or unshare -m refused); mount cases skipped"
	mounted=skip
else
	mounted=run
fi

if [ "$mounted" = run ]; then
	mkdir -p "$work/mnt"
	IVS_T_BIN=$bin IVS_T_PROJ=$proj IVS_T_WORK=$work unshare -m sh -c '
		set -u
		bin=$IVS_T_BIN; work=$IVS_T_WORK; m=$work/mnt
		failed=0
		fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
		if ! mount -t tmpfs -o size=256k,mode=0755 ivs-test "$m" 2>"$work/mount.err"; then
			echo "skip: mount -t tmpfs refused: $(cat "$work/mount.err")"; exit 77
		fi
		cd "$m" || exit 1
		cp "$IVS_T_PROJ" p.yaml
		printf "the old template\n" >out.json
		# Fill the file system up.
		dd if=/dev/zero of=filler bs=4096 2>/dev/null
		"$bin" export p.yaml -o out.json >"$work/ex.out" 2>"$work/ex.err"
		rc=$?
		[ "$rc" = 2 ] || fail "full disk: export exit $rc, want 2"
		printf "ivs-tui: export: cannot write out.json: No space left on device\n" >"$work/want.err"
		cmp -s "$work/want.err" "$work/ex.err" || { fail "full disk: export stderr"; cat "$work/ex.err"; }
		[ "$(cat out.json)" = "the old template" ] || fail "full disk: out.json changed"
		ls -A | grep -q "^\.out\.json\.tmp" && fail "full disk: temporary file left"
		# keygen --add on the full disk: the project file is kept whole.
		cp p.yaml "$work/before.yaml"
		"$bin" keygen -o "$work/key.pem" --add p.yaml --id FullDiskKeys >"$work/kg.out" 2>"$work/kg.err"
		rc=$?
		[ "$rc" = 2 ] || fail "full disk: keygen --add exit $rc, want 2"
		cmp -s "$work/before.yaml" p.yaml || fail "full disk: keygen --add changed the project"
		grep -q "No space left on device" "$work/kg.err" || { fail "full disk: keygen stderr"; cat "$work/kg.err"; }
		grep -q "BEGIN PUBLIC KEY" "$work/kg.out" || fail "full disk: the public key was not printed"
		rm -f "$work/key.pem"
		# Space again: the export goes through.
		rm -f filler
		"$bin" export p.yaml -o out.json || fail "after freeing space: export failed"
		cmp -s "$work/want.json" out.json || fail "after freeing space: wrong template"

		# Read-only.
		printf "the old template\n" >out.json
		mount -o remount,ro "$m" || { fail "remount ro"; exit 1; }
		"$bin" export p.yaml -o out.json >"$work/ro.out" 2>"$work/ro.err"
		rc=$?
		[ "$rc" = 2 ] || fail "read-only: export exit $rc, want 2"
		printf "ivs-tui: export: cannot write out.json: Read-only file system\n" >"$work/want.err"
		cmp -s "$work/want.err" "$work/ro.err" || { fail "read-only: export stderr"; cat "$work/ro.err"; }
		[ "$(cat out.json)" = "the old template" ] || fail "read-only: out.json changed"
		"$bin" keygen -o key.pem >"$work/ro.out" 2>"$work/ro.err"
		rc=$?
		[ "$rc" = 2 ] || fail "read-only: keygen exit $rc, want 2"
		[ -s "$work/ro.out" ] && fail "read-only: keygen printed a public key for a key it did not save"
		printf "ivs-tui: keygen: cannot write key.pem: Read-only file system\n" >"$work/want.err"
		cmp -s "$work/want.err" "$work/ro.err" || { fail "read-only: keygen stderr"; cat "$work/ro.err"; }
		cd / && umount "$m"
		[ "$failed" = 0 ] || exit 1
		echo "mount: full disk and read-only ok"
	'
	rc=$?
	if [ "$rc" = 77 ]; then
		mounted=skip
	elif [ "$rc" != 0 ]; then
		exit 1
	fi
fi

# A folder the user may not write into (root may write anywhere, so the
# command runs as nobody).
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1 &&
   setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null &&
   setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$bin"; then
	d=$work/locked
	mkdir -p "$d"
	cp "$proj" "$d/p.yaml"
	printf 'the old template\n' >"$d/out.json"
	chmod 755 "$work"
	chmod 644 "$d/p.yaml" "$d/out.json"
	chmod 555 "$d"
	(cd "$d" && setpriv --reuid=65534 --regid=65534 --clear-groups "$bin" export p.yaml -o out.json \
		>"$work/lk.out" 2>"$work/lk.err")
	rc=$?
	printf 'ivs-tui: export: cannot write out.json: Permission denied\n' >"$work/want.err"
	if [ "$rc" != 2 ] || ! cmp -s "$work/want.err" "$work/lk.err" || [ "$(cat "$d/out.json")" != "the old template" ]; then
		echo "FAIL: read-only folder: exit $rc, stderr: $(cat "$work/lk.err")"; exit 1
	fi
	chmod 755 "$d"
	echo "locked folder: ok"
else
	echo "skip: cannot run as nobody here (not root, no setpriv, or $bin not reachable); locked-folder case skipped"
	if [ "$mounted" = skip ]; then
		echo "SKIP: neither mounting nor changing user is permitted here"
		exit 77
	fi
fi
