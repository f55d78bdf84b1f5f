#!/bin/sh
# fuzz/build.sh: builds the libFuzzer targets fuzz/fuzz_*.c into build-fuzz/
# (clang, -fsanitize=fuzzer,address,undefined; the engine sources are
# compiled in directly) and their seed corpora build-fuzz/seed-NAME/.
# FUZZ_CC picks the compiler (default: clang-14, else clang).
set -eu
cd "$(dirname "$0")/.."
B=build-fuzz
CC=${FUZZ_CC:-}
if [ -z "$CC" ]; then
	if command -v clang-14 >/dev/null 2>&1; then CC=clang-14; else CC=clang; fi
fi
command -v "$CC" >/dev/null 2>&1 || { echo "fuzz/build.sh: $CC not found (apt-get install clang libclang-rt-14-dev)" >&2; exit 2; }
PKGS="yaml-0.1 libcjson libcrypto icu-uc icu-i18n"
PKG_CFLAGS=$(pkg-config --cflags $PKGS)
PKG_LIBS=$(pkg-config --libs $PKGS)
SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
DEFS="-Iinclude -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 \
-DIVS_VERSION=\"fuzz\" -DIVS_DATADIR=\"/nonexistent\" -DIVS_FUZZING"
CFLAGS="-std=c17 -g -O1 -Wall -Wextra $SAN $DEFS $PKG_CFLAGS"

mkdir -p "$B/obj"
# The engine, instrumented for coverage (fuzzer-no-link). Others' code: no
# -Werror here, so a clang-only warning does not stop the fuzzing.
objs=""
for src in src/engine/*.c src/ui/*.c; do
	obj=$B/obj/$(basename "$src" .c).o
	if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ] || [ -n "$(find include src/engine src/ui -name '*.h' -newer "$obj" 2>/dev/null | head -1)" ]; then
		echo "  CC      $src"
		$CC $CFLAGS -fsanitize=fuzzer-no-link -c "$src" -o "$obj"
	fi
	objs="$objs $obj"
done
# An archive, so that a target links only the objects it needs.
rm -f "$B/libivs-fuzz.a"
ar rcs "$B/libivs-fuzz.a" $objs
failed=""
for t in fuzz/fuzz_*.c; do
	name=$(basename "$t" .c)
	echo "  LINK    $B/$name"
	$CC $CFLAGS -Werror -fsanitize=fuzzer -o "$B/$name" "$t" "$B/libivs-fuzz.a" $PKG_LIBS || failed="$failed $name"
done

# Seed corpora: every project and theme file the tree has.
conf=tests/conformance
ls "$conf"/*.yaml >/dev/null 2>&1 || conf=/work/shared/conformance
seed() {   # seed NAME FILES...: copies files that exist into seed-NAME
	d=$B/seed-$1; shift
	rm -rf "$d"; mkdir -p "$d"
	for f in "$@"; do
		[ -f "$f" ] && cp "$f" "$d/$(echo "$f" | tr '/' '_')"
	done
	echo "  SEED    $d: $(ls "$d" | wc -l) files"
}
seed fuzz_load examples/*.yaml "$conf"/*.yaml tests/bad/*.yaml fuzz/seeds/load/* tests/comments/*.yaml
seed fuzz_roundtrip examples/*.yaml "$conf"/*.yaml tests/bad/*.yaml fuzz/seeds/load/* \
	tests/comments/*.yaml fuzz/seeds/roundtrip/*
seed fuzz_theme themes/*.yaml tests/themes/*.yaml fuzz/seeds/theme/*
seed fuzz_token fuzz/seeds/token/*
seed fuzz_edit fuzz/seeds/edit/*
seed fuzz_template fuzz/seeds/template/* tests/diff/*.json tests/diff/*.yaml "$conf"/*.expected.json
seed fuzz_lineedit fuzz/seeds/lineedit/*
[ -z "$failed" ] || { echo "fuzz/build.sh: could not build:$failed" >&2; exit 1; }
