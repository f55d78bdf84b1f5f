#!/bin/sh
# test-kind-array.sh: a per-kind array that misses a kind does not build.
# Compiles a small file with a per-kind array (IVS_PER_KIND, schema.h) with
# one entry per kind (must compile), then the same array with one entry
# missing, for each kind in turn, and with one too many (must fail; a
# missing entry with IVS_PER_KIND's message).
# Usage: sh tests/build/test-kind-array.sh BUILD_DIR
B=${1:-build}
CC=${CC:-cc}
[ "$CC" = "cc" ] || command -v "$CC" >/dev/null 2>&1 || CC=cc
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# gen DROP EXTRA: the array's entries from IVS_KIND_INFO, leaving out the
# kind named DROP and adding EXTRA entries more
gen() {
	cat >"$W/t.c" <<C
#include "ivs/schema.h"
#define ENTRY(n, ...) #n,
static const char *const names[] = {
	IVS_KIND_INFO(ENTRY)
C
	i=0
	while [ "$i" -lt "$2" ]; do echo '	"extra",' >>"$W/t.c"; i=$((i + 1)); done
	cat >>"$W/t.c" <<C
};
IVS_PER_KIND(names);
const char *first_name(void);
const char *first_name(void) { return names[0]; }
C
	if [ -n "$1" ]; then
		# drop one: a macro that gives nothing for that kind
		sed "s/#define ENTRY(n, ...) #n,/#define ENTRY(n, ...) ENTRY_##n\n#define ENTRY_$1\n$(kinds | grep -vx "$1" | sed 's/.*/#define ENTRY_& "&",/' | tr '\n' '\v')/" "$W/t.c" | tr '\v' '\n' >"$W/t2.c"
		mv "$W/t2.c" "$W/t.c"
	fi
}
kinds() {    # the kind names, from the table
	printf '#include "ivs/schema.h"\n#define N(n, ...) KIND n\nIVS_KIND_INFO(N)\n' |
		$CC -Iinclude -E -P -x c - | tr ' ' '\n' | sed -n '/^KIND$/{n;p}'
}
compile() { $CC -std=c17 -Wall -Werror -Iinclude -c "$W/t.c" -o "$W/t.o" 2>"$W/err"; }

n=$(kinds | wc -l)
[ "$n" -ge 6 ] || fail "expected the kind names from IVS_KIND_INFO, got $n"

gen "" 0
compile || { fail "an array with one entry per kind does not compile"; cat "$W/err"; }

for k in $(kinds); do
	gen "$k" 0
	if compile; then
		fail "an array without $k compiles"
	else
		grep -q "one entry per resource kind" "$W/err" ||
			{ fail "missing $k: not IVS_PER_KIND's message"; head -5 "$W/err"; }
	fi
done

gen "" 1
compile && fail "an array with one entry too many compiles"
# The real per-kind arrays: the exporter's builders and the kind bodies,
# each compiled with the recording configuration's entry removed.
real() {    # real FILE PATTERN: FILE without the line matching PATTERN must not compile
	grep -q "$2" "$1" || { fail "$1 has no line matching '$2'"; return; }
	grep -v "$2" "$1" >"$W/real.c"
	$CC -std=c17 -Wall -Werror -Iinclude -I"$(dirname "$1")" $(pkg-config --cflags libcjson 2>/dev/null) \
		-D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -c "$W/real.c" -o "$W/real.o" 2>"$W/err" &&
		fail "$1 without '$2' compiles"
	grep -q "one entry per resource kind" "$W/err" ||
		{ fail "$1 without '$2': not IVS_PER_KIND's message"; head -5 "$W/err"; }
	# and as it is, it compiles
	$CC -std=c17 -Wall -Werror -Iinclude -I"$(dirname "$1")" $(pkg-config --cflags libcjson 2>/dev/null) \
		-D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -c "$1" -o "$W/real.o" 2>"$W/err" ||
		{ fail "$1 does not compile"; head -5 "$W/err"; }
}
real src/engine/export.c '/\* RECORDING \*/'
real src/engine/schema.c 'BODY(struct ivs_recording,'

[ "$fails" = 0 ] && echo "ok: per-kind arrays are checked ($n kinds)"
exit "$fails"
