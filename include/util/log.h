/*
 * Debug logging selected with -d ITEM[,ITEM...] and sent to -D FILE
 * (standard error by default), named as QEMU names them.
 */
#ifndef UTIL_LOG_H
#define UTIL_LOG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "util/error.h"

enum {
    LOG_IN_ASM       = 1 << 0,  /* guest instructions of each translated block */
    LOG_OP           = 1 << 1,  /* IR before optimisation */
    LOG_OP_OPT       = 1 << 2,  /* IR after optimisation */
    LOG_OUT_ASM      = 1 << 3,  /* host code of each block */
    LOG_INT          = 1 << 4,  /* exceptions and interrupts */
    LOG_EXEC         = 1 << 5,  /* each block executed */
    LOG_CPU          = 1 << 6,  /* CPU state before each block */
    LOG_MMU          = 1 << 7,  /* page-table walks and faults */
    LOG_GUEST_ERRORS = 1 << 8,  /* guest programming mistakes */
    LOG_UNIMP        = 1 << 9,  /* unimplemented instructions, registers, syscalls */
    LOG_PAGE         = 1 << 10, /* guest memory map changes */
    LOG_NOCHAIN      = 1 << 11, /* not a log: disables block chaining */
    LOG_STRACE       = 1 << 12, /* user mode: guest system calls */
    LOG_EMUL         = 1 << 13, /* user mode: /emul redirect decisions */
    LOG_STATS        = 1 << 14, /* translation and TLB counters at exit */
};

extern unsigned log_mask;

static inline bool log_enabled(unsigned items)
{
    return (log_mask & items) != 0;
}

/*
 * Parse "in_asm,op,unimp" into a mask.  "help" is not handled here: the
 * caller checks for it and prints log_print_help().
 */
bool log_parse_items(const char *s, unsigned *mask, EmuError *err);
void log_print_help(FILE *f);

/*
 * Send the log to path (truncating it, or appending with log_set_file_append);
 * NULL means standard error.  The file is close-on-exec: programs the
 * emulator starts never inherit it.
 */
bool log_set_file(const char *path, EmuError *err);
bool log_set_file_append(const char *path, EmuError *err);
FILE *log_file(void);

/*
 * -dfilter RANGE[,RANGE...] (QEMU's spelling): the per-block logs (in_asm,
 * op, op_opt, out_asm, exec, cpu) only for blocks whose first pc lies in
 * one of the ranges.  A range is START+SIZE ([START, START+SIZE-1]),
 * START-SIZE (the SIZE bytes ending at START: [START-SIZE+1, START]) or
 * START..END (both included); numbers in C notation (0x... hex).
 */
typedef struct LogRange {
    uint64_t first, last;   /* inclusive */
} LogRange;
#define LOG_MAX_RANGES 32

/* Parse into out (room for LOG_MAX_RANGES); the number of ranges, or -1 with err set. */
int log_parse_ranges(const char *s, LogRange *out, EmuError *err);
/* Only check a list (the command-line parsers, before anything is installed). */
bool log_check_dfilter(const char *s, EmuError *err);
/* Install the filter (NULL: none); false with err on a malformed list. */
bool log_set_dfilter(const char *s, EmuError *err);
/* Is a block at pc to be logged?  True when there is no filter. */
bool log_pc_in_dfilter(uint64_t pc);

void emu_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Log only when one of items is enabled. */
#define emu_log_mask(items, ...) \
    do { if (log_enabled(items)) emu_log(__VA_ARGS__); } while (0)

#endif
