# Build of the AArch64 emulator.  ./configure writes build/config.mk;
# `make` builds build/aarch64-system and build/aarch64-user, `make check`
# builds and runs every test suite, `make demo` boots (or runs) Debian's
# arm64 busybox, `make install` installs the programs.

BUILD := build
-include $(BUILD)/config.mk

ifeq ($(wildcard $(BUILD)/config.mk),)
# A fresh tree: install missing packages (or say which) and configure.
$(BUILD)/config.mk:
	./scripts/ensure-deps.sh build
	./configure
endif

WARN_CFLAGS := -Wall -Wextra -Werror -Wno-unused-parameter -Wmissing-prototypes -Wstrict-prototypes
BASE_CFLAGS := -std=gnu11 $(OPT_CFLAGS) $(WARN_CFLAGS) -D_GNU_SOURCE -I. -Iinclude -I$(BUILD)/gen -MMD -MP

# Source sets, by layer (see ../shared/ARCHITECTURE.md).  Each program is
# its main() plus the static library of everything else, so the linker takes
# only what a program uses.
COMMON_SRCS := $(wildcard util/*.c tcg/*.c tcg/x86_64/*.c target-arm/*.c accel/*.c)
SYSTEM_SRCS := $(filter-out system/main.c,$(wildcard system/*.c hw/*.c boot/*.c))
USER_SRCS   := $(filter-out linux-user/main.c,$(wildcard linux-user/*.c))
TEST_SRCS   := $(wildcard tests/unit/test_*.c)

obj = $(patsubst %.c,$(BUILD)/obj/%.o,$(1))

COMMON_OBJS := $(call obj,$(COMMON_SRCS))
SYSTEM_OBJS := $(call obj,$(SYSTEM_SRCS))
USER_OBJS   := $(call obj,$(USER_SRCS))
TEST_BINS   := $(patsubst tests/unit/%.c,$(BUILD)/tests/unit/%,$(TEST_SRCS))

# Decoders generated from the .decode tables.
DECODE_FILES := $(wildcard target-arm/*.decode)
GEN_DECODER := $(if $(DECODE_FILES),$(BUILD)/gen/decode-a64.inc $(BUILD)/gen/decode-a64-record.inc \
                 $(BUILD)/gen/decode-test-record.inc)

.PHONY: all check check-unit check-slow demo bench install clean distclean
all: $(BUILD)/aarch64-system $(BUILD)/aarch64-user

$(BUILD)/gen/decode-a64.inc: $(DECODE_FILES) scripts/decodegen.py
	@mkdir -p $(@D)
	python3 scripts/decodegen.py -o $@ $(DECODE_FILES)

$(BUILD)/gen/decode-a64-record.inc: $(DECODE_FILES) scripts/decodegen.py
	@mkdir -p $(@D)
	python3 scripts/decodegen.py --record -o $@ $(DECODE_FILES)

# The generator's own format tests (tests/unit/test_decode.c).
$(BUILD)/gen/decode-test-record.inc: tests/unit/decode-test.decode scripts/decodegen.py
	@mkdir -p $(@D)
	python3 scripts/decodegen.py --record --decoder decode_test -o $@ $<

# Only the system side needs glib, pixman, slirp and libfdt headers.
$(SYSTEM_OBJS) $(BUILD)/obj/system/main.o: EXTRA_CFLAGS = $(SYS_CFLAGS)
$(call obj,$(TEST_SRCS) tests/unit/runner.c): EXTRA_CFLAGS = $(CUNIT_CFLAGS) $(SYS_CFLAGS) -Itests/unit

$(BUILD)/obj/%.o: %.c $(BUILD)/config.mk | $(GEN_DECODER)
	@mkdir -p $(@D)
	$(CC) $(BASE_CFLAGS) $(EXTRA_CFLAGS) -c $< -o $@

$(BUILD)/libemu.a: $(COMMON_OBJS) $(SYSTEM_OBJS) $(USER_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/aarch64-system: $(BUILD)/obj/system/main.o $(BUILD)/libemu.a
	$(CC) $(SYS_LDFLAGS) -o $@ $^ $(SYS_LDLIBS) -lpthread -lm

# Static by default: binfmt_misc's F flag runs it inside arbitrary chroots.
$(BUILD)/aarch64-user: $(BUILD)/obj/linux-user/main.o $(BUILD)/libemu.a
	$(CC) $(USER_LDFLAGS) -o $@ $^ -lpthread -lm

$(BUILD)/tests/unit/%: $(BUILD)/obj/tests/unit/%.o $(BUILD)/obj/tests/unit/runner.o $(BUILD)/libemu.a
	@mkdir -p $(@D)
	$(CC) -o $@ $^ $(SYS_LDLIBS) $(CUNIT_LIBS) -lpthread -lm

# make check: every suite prints its own counts; the summary line at the end
# counts suites.  Fails if any suite fails.
check: all $(TEST_BINS)
	./scripts/ensure-deps.sh check
	@./tests/run-suites.sh $(TEST_BINS) -- $(wildcard tests/suites/*.sh)

check-unit: $(TEST_BINS)
	@./tests/run-suites.sh $(TEST_BINS) --

check-slow: check
	@./tests/run-suites.sh -- $(wildcard tests/suites-slow/*.sh)

demo: all
	./scripts/ensure-deps.sh demo
	./tests/guest/demo.sh

# make bench [BENCH_ROUNDS=N] [BENCH_ONLY=NAME,...] [ARM64_ROOT=DIR] [BENCH_ARGS=...]
# (command-line variables reach run.sh through the environment)
bench: all
	./scripts/ensure-deps.sh check
	./scripts/ensure-deps.sh demo
	./tests/bench/run.sh $(BENCH_ARGS)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(BUILD)/aarch64-system $(BUILD)/aarch64-user $(DESTDIR)$(PREFIX)/bin/
	install -m 755 scripts/aarch64-emul-setup $(DESTDIR)$(PREFIX)/bin/

clean:
	rm -rf $(BUILD)/obj $(BUILD)/gen $(BUILD)/tests $(BUILD)/libemu.a \
	       $(BUILD)/aarch64-system $(BUILD)/aarch64-user

distclean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
