# drip - a fast Go leak finder. Plain make; see README.md.

CC      ?= cc
BUILD   ?= build
WERROR  ?= 0
OPT     ?= -O2
CFLAGS  ?= $(OPT) -g
override CFLAGS += -std=c11 -Wall -Wextra -D_GNU_SOURCE -MMD -MP -I$(BUILD)
ifeq ($(WERROR),1)
override CFLAGS += -Werror
endif
LDLIBS  += -lz -lyaml -lpthread -lm

SRCS    := $(wildcard src/*/*.c)
LIBSRCS := $(filter-out src/cli/main.c,$(SRCS))
OBJS    := $(SRCS:%.c=$(BUILD)/%.o)
LIBOBJS := $(LIBSRCS:%.c=$(BUILD)/%.o)
UNITSRC := $(wildcard tests/unit/*.c)
UNITS   := $(UNITSRC:tests/unit/%.c=$(BUILD)/unit/%)
DEPS_OK := $(BUILD)/.deps-build

PREFIX  ?= /usr/local
DESTDIR ?=

.PHONY: all demo test unit sanitize fuzz bench clean deps install FORCE

all: drip

deps: $(DEPS_OK)
$(DEPS_OK): scripts/deps.sh
	@sh scripts/deps.sh build
	@mkdir -p $(BUILD) && touch $@

$(BUILD)/%.o: %.c | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

# The commit drip is built from, for --version: rewritten only when it
# changes, so that main.c is recompiled then and only then.
$(BUILD)/version.h: FORCE
	@mkdir -p $(BUILD)
	@c=$$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown); \
	 [ -z "$$(git status --porcelain --untracked-files=no 2>/dev/null)" ] || c="$$c-dirty"; \
	 printf '#define DRIP_COMMIT "%s"\n' "$$c" >$@.tmp; \
	 if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

$(BUILD)/src/cli/main.o: $(BUILD)/version.h

$(BUILD)/libdrip.a: $(LIBOBJS)
	@rm -f $@
	ar rcs $@ $^

# The binary of the default build sits at the top so the README's commands
# can name it; other builds (sanitizers, clang) keep theirs in $(BUILD).
ifeq ($(BUILD),build)
DRIP := drip
else
DRIP := $(BUILD)/drip
endif

drip: $(BUILD)/src/cli/main.o $(BUILD)/libdrip.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

ifneq ($(BUILD),build)
$(BUILD)/drip: $(BUILD)/src/cli/main.o $(BUILD)/libdrip.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)
endif

$(BUILD)/unit/%: tests/unit/%.c $(BUILD)/libdrip.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Isrc -o $@ $< $(BUILD)/libdrip.a $(LDLIBS)

unit: $(UNITS)

# The binary, man pages made from README.md and docs/ (scripts/man.sh) and
# bash, zsh and fish completions made from drip's own help
# (scripts/completions.sh), under $(DESTDIR)$(PREFIX).
install: drip
	sh scripts/man.sh $(BUILD)/man1
	sh scripts/completions.sh ./drip $(BUILD)/completions
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	    $(DESTDIR)$(PREFIX)/share/bash-completion/completions \
	    $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	    $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 drip $(DESTDIR)$(PREFIX)/bin/drip
	install -m 644 $(BUILD)/man1/*.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 644 $(BUILD)/completions/drip.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/drip
	install -m 644 $(BUILD)/completions/_drip $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_drip
	install -m 644 $(BUILD)/completions/drip.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/drip.fish

demo: drip
	sh scripts/demo.sh ./drip

# The whole suite: installs what the tests need, then runs every test
# script under tests/ and ends with "N passed, N failed".
test: $(DRIP) unit
	@sh scripts/deps.sh test
	@mkdir -p $(BUILD) && sh scripts/gotoolchain.sh 1.19 1.22 1.23 1.24 1.26 1.27 >$(BUILD)/toolchains && sed "s/^/go toolchain: /" $(BUILD)/toolchains
	@DRIP=$(abspath $(DRIP)) BUILD=$(abspath $(BUILD)) DRIP_SANITIZE=$(DRIP_SANITIZE) sh tests/run.sh $(T)

# The readers of outside input are built under `make sanitize` with
# -fsanitize=integer too: unsigned wrap and value-changing implicit
# conversions abort. A wrap that is meant (hashes) is marked DRIP_WRAPS.
READERS := src/pprof/pprof_decode.c src/pprof/pprof_wire.c src/pprof/pprof_legacy.c \
    src/pprof/pprof_model.c src/pprof/pprof_top.c src/dump/dump_reader.c src/dump/dump_group.c \
    src/watch/watch_dir.c src/util/gz.c src/util/limits.c src/util/term.c
ifeq ($(INTSAN),1)
$(READERS:%.c=$(BUILD)/%.o): override CFLAGS += -fsanitize=integer -fno-sanitize-recover=integer
endif

# The suite again on a build with AddressSanitizer (leaks included) and
# UndefinedBehaviorSanitizer (-fsanitize=integer on the readers).
sanitize:
	@sh scripts/deps.sh test
	$(MAKE) BUILD=build-san CC=clang OPT=-O1 DRIP_SANITIZE=1 INTSAN=1 \
	    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	    LDFLAGS="-fsanitize=address,undefined" test

FUZZSRC := $(wildcard fuzz/fuzz_*.c)
FUZZERS := $(FUZZSRC:fuzz/%.c=build-fuzz/%)

# FORCE: the library is brought up to date (and the harness relinked) on
# every call, so a harness never runs against stale objects.
build-fuzz/fuzz_%: fuzz/fuzz_%.c FORCE
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang \
	    CFLAGS="-O1 -g -fsanitize=fuzzer-no-link,address,undefined" build-fuzz/libdrip.a
	clang -O1 -g -fsanitize=fuzzer,address,undefined -Isrc -o $@ $< build-fuzz/libdrip.a $(LDLIBS)

fuzz: $(FUZZERS)

FORCE:

bench: drip
	sh bench/run.sh

clean:
	rm -rf build build-san build-fuzz build-clang drip

-include $(OBJS:.o=.d)
