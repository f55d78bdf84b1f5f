# ivs-tui: hand-written Makefile (as tig's). `make help` lists the targets.

VERSION    := 0.1.0
prefix     ?= /usr/local
bindir     ?= $(prefix)/bin
datarootdir?= $(prefix)/share
datadir    ?= $(datarootdir)/ivs-tui
mandir     ?= $(datarootdir)/man
DESTDIR    ?=

CC         ?= cc
PKGS       := ncursesw yaml-0.1 libcjson libcrypto icu-uc icu-i18n
DEB_PKGS   := pkg-config libncurses-dev libyaml-dev libcjson-dev libssl-dev libicu-dev libcmocka-dev tmux
# What make test needs beyond the build: cmocka, tmux for the end-to-end
# tests, cppcheck for the lint step, clang for the fuzzers, the openssl
# command line for the independent token check in tests/cli/test-keys.sh,
# python3-icu for tests/golden/make-expected.py's tag collation.
TEST_DEB   := cppcheck clang libclang-rt-14-dev openssl python3-icu

WARN       := -Wall -Wextra -Werror -Wformat=2 -Wshadow -Wwrite-strings -Wstrict-prototypes \
              -Wmissing-prototypes -Wundef -Wcast-qual
PKG_CFLAGS  = $(filter-out -D_XOPEN_SOURCE% -D_DEFAULT_SOURCE,$(shell pkg-config --cflags $(PKGS) 2>/dev/null)) -D_XOPEN_SOURCE=700
PKG_LIBS    = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CPPFLAGS   += -Iinclude -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
              -DIVS_VERSION=\"$(VERSION)\" -DIVS_DATADIR=\"$(datadir)\"
CFLAGS     ?= -O2 -g
ALL_CFLAGS  = -std=c17 $(WARN) $(CFLAGS) $(EXTRA_CFLAGS) $(PKG_CFLAGS)
LDLIBS_ALL  = $(PKG_LIBS) $(EXTRA_LDFLAGS)

# BUILD=build (default) or the sanitizer build below.
B          ?= build
SAN_FLAGS  := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all

# Layers point one way: libivs.a (src/engine) is the IVS domain only;
# libivsui.a (src/ui) is the curses-free UI support beside it (themes, the
# config folder, the program's message line); libivstui.a (src/tui) the
# curses TUI; the CLI (src/cli) is linked into the program only.
ENGINE_SRC := $(sort $(wildcard src/engine/*.c))
UI_SRC     := $(sort $(wildcard src/ui/*.c))
TUI_SRC    := $(sort $(wildcard src/tui/*.c))
CLI_SRC    := $(sort $(wildcard src/cli/*.c))
UNIT_SRC   := $(sort $(wildcard tests/unit/test_*.c))
BENCH_SRC  := $(sort $(wildcard bench/*.c))

ENGINE_OBJ := $(ENGINE_SRC:src/%.c=$(B)/%.o)
UI_OBJ     := $(UI_SRC:src/%.c=$(B)/%.o)
TUI_OBJ    := $(TUI_SRC:src/%.c=$(B)/%.o)
CLI_OBJ    := $(CLI_SRC:src/%.c=$(B)/%.o)
UNIT_BIN   := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)

.PHONY: all deps run test test-quick check unit faults fuzz-replay docs docs-check lint san fuzz fuzz-build bench install uninstall clean help
.DEFAULT_GOAL := all

all: $(B)/ivs-tui

help:
	@echo "make            build $(B)/ivs-tui"
	@echo "make run        install what is missing, build, open the TUI on examples/live-events.yaml"
	@echo "make test       install what is missing, build, run every test (also under ASan+UBSan)"
	@echo "make check      run the tests of the current build only (no sanitizer pass)"
	@echo "make lint       cppcheck"
	@echo "make docs       regenerate the tables' copies in the docs and fuzz dictionaries"
	@echo "make fuzz       run each libFuzzer target for FUZZ_SECONDS (default 60)"
	@echo "make bench      build and run the benchmarks"
	@echo "make install    install into \$$(DESTDIR)\$$(prefix) (PREFIX=... also works)"
	@echo "make clean      remove build outputs"

ifdef PREFIX
prefix := $(PREFIX)
endif

# Installs the Debian packages the build and the tests need, when missing.
deps:
	@sh tools/deps.sh $(DEB_PKGS) $(TEST_DEB)

$(B)/%.o: src/%.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(B)/libivs.a: $(ENGINE_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/libivsui.a: $(UI_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/libivstui.a: $(TUI_OBJ)
	@rm -f $@
	ar rcs $@ $^

LIBS_ALL   = $(B)/libivstui.a $(B)/libivsui.a $(B)/libivs.a

$(B)/ivs-tui: $(CLI_OBJ) $(LIBS_ALL)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS_ALL)

# Unit tests see the public headers and, for the TUI's own modules, the
# private headers beside their code (-Isrc: #include "tui/files.h").
$(B)/tests/%: tests/unit/%.c $(LIBS_ALL) tests/unit/testutil.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Itests/unit -Isrc $(ALL_CFLAGS) -o $@ $< $(LIBS_ALL) \
		$(LDLIBS_ALL) -lcmocka

unit: $(UNIT_BIN)

run: deps all
	./$(B)/ivs-tui examples/live-events.yaml

# Everything, twice: a normal build, then AddressSanitizer + UBSan + LSan.
test: deps
	$(MAKE) lint
	$(MAKE) check
	$(MAKE) check B=build-san CFLAGS="$(SAN_FLAGS)" EXTRA_LDFLAGS="-fsanitize=address,undefined"

# The tests of one build (B=...).
check: all unit faults fuzz-replay docs-check
	@sh tests/run.sh $(B)

# Generated, not copied: the sections between "gendocs:begin" and
# "gendocs:end" lines of these files come from the tables (tools/gendocs.c:
# field tables, key bindings, theme roles). `make docs` rewrites them;
# `make check` fails when a committed copy differs.
DOC_FILES  := docs/project-format.md README.md $(sort $(wildcard fuzz/*.dict))
$(B)/gendocs: tools/gendocs.c $(LIBS_ALL)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -o $@ $< $(LIBS_ALL) $(LDLIBS_ALL)
docs: $(B)/gendocs
	@for f in $(DOC_FILES); do \
		./$(B)/gendocs $$f >$(B)/gendocs.out && cp $(B)/gendocs.out $$f || exit 1; \
	done; rm -f $(B)/gendocs.out
docs-check: $(B)/gendocs
	@for f in $(DOC_FILES); do \
		./$(B)/gendocs $$f >$(B)/gendocs.out || exit 1; \
		cmp -s $(B)/gendocs.out $$f || { echo "$$f: its generated sections differ from the tables; run make docs"; \
			diff -u $$f $(B)/gendocs.out | head -40; exit 1; }; \
	done; rm -f $(B)/gendocs.out

lint:
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
		--inline-suppr --suppress=missingIncludeSystem -Iinclude --std=c11 \
		src/engine src/ui src/cli src/tui tools

# ivs-tui with IVS_FAULT="op:nth:errno" fault injection, for tests/faults/:
# the same build, with fsutil.c compiled again with -DIVS_FAULT_INJECTION.
faults: $(B)/ivs-tui-faults
$(B)/fsutil-faults.o: src/engine/fsutil.c include/ivs/fsutil.h include/ivs/util.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -DIVS_FAULT_INJECTION -c $< -o $@
$(B)/ivs-tui-faults: $(CLI_OBJ) $(B)/fsutil-faults.o $(LIBS_ALL)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS_ALL)

# The fuzz targets with a plain main() (fuzz/replay.c), built like the
# rest: tests/fuzz-regressions/ runs them over seeds and crash inputs.
FUZZ_REPLAY := $(patsubst fuzz/%.c,$(B)/fuzz/%,$(wildcard fuzz/fuzz_*.c))
fuzz-replay: $(FUZZ_REPLAY)
$(B)/fuzz/%: fuzz/%.c fuzz/replay.c $(B)/libivsui.a $(B)/libivs.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -o $@ $< fuzz/replay.c $(B)/libivsui.a $(B)/libivs.a $(LDLIBS_ALL)

FUZZ_SECONDS ?= 60
fuzz-build:
	@sh fuzz/build.sh
fuzz: deps fuzz-build
	@sh fuzz/run.sh $(FUZZ_SECONDS)

# The figures go to stdout and into BENCH_RESULTS (between its bench:begin
# and bench:end comments; BENCH_RESULTS= to skip). BENCH_ARGS=--quick: short.
BENCH_RESULTS ?= bench/RESULTS.md
BENCH_ARGS    ?=
bench: deps
	$(MAKE) B=build-bench CFLAGS="-O2 -g -DNDEBUG" build-bench/bench build-bench/ivs-tui
	./build-bench/bench $(if $(BENCH_RESULTS),--results $(BENCH_RESULTS)) $(BENCH_ARGS)

$(B)/bench: $(BENCH_SRC) bench/bench.h $(LIBS_ALL)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -o $@ $(BENCH_SRC) $(LIBS_ALL) $(LDLIBS_ALL) -lutil

install: all
	install -d $(DESTDIR)$(bindir) $(DESTDIR)$(datadir)/themes $(DESTDIR)$(datadir)/examples \
		$(DESTDIR)$(mandir)/man1
	install -m 0755 $(B)/ivs-tui $(DESTDIR)$(bindir)/ivs-tui
	install -m 0644 themes/*.yaml $(DESTDIR)$(datadir)/themes/
	install -m 0644 examples/*.yaml $(DESTDIR)$(datadir)/examples/
	install -m 0644 man/ivs-tui.1 $(DESTDIR)$(mandir)/man1/ivs-tui.1

uninstall:
	rm -f $(DESTDIR)$(bindir)/ivs-tui $(DESTDIR)$(mandir)/man1/ivs-tui.1
	rm -rf $(DESTDIR)$(datadir)

clean:
	rm -rf build build-san build-bench build-fuzz

-include $(ENGINE_OBJ:.o=.d) $(UI_OBJ:.o=.d) $(TUI_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
