/*
 * The gdb remote serial protocol stub (accel/gdbstub.c): one TCP
 * connection, served by its own thread; all-stop mode, one gdb thread per
 * vCPU (thread id = ExecCPU.index + 1).
 *
 * The target side (register layout, target description XML, memory by
 * virtual address) is a GdbTarget, filled in by target-arm/gdb-target.c.
 *
 * How the engine stops for the debugger:
 *  - breakpoints (Z0/Z1): the translator asks gdb_breakpoint_at() for
 *    every pc; a block ends before a breakpoint and a block that starts
 *    on one exits with EXEC_EXIT_DEBUG before executing it.  Translations
 *    are flushed whenever the breakpoint set changes.
 *  - single step (s, vCont;s): the CPU runs one-instruction blocks
 *    (ExecCPU.singlestep) and cpu_exec returns EXEC_EXIT_STEP after each.
 *  - watchpoints (Z2 write, Z3 read, Z4 access; any length): while any
 *    is set, the CPUs run blocks translated with the engine's memory hook
 *    (ExecCPU.watch_mem, accel/exec.h), which checks every guest access
 *    before it is made.  A hit stops the CPU before the access with pc on
 *    the accessing instruction, as AArch64 hardware watchpoints do and as
 *    gdb expects (it steps over the instruction, then compares values for
 *    `watch`); the reply is T05 with watch:/rwatch:/awatch: and the
 *    watchpoint's address.
 *
 * Public functions: gdbstub_start, gdbstub_cpu_enter, gdbstub_cpu_exit,
 * gdb_breakpoint_at, and the packet layer below (unit-tested).
 */
#ifndef GDBSTUB_GDBSTUB_H
#define GDBSTUB_GDBSTUB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include "accel/exec.h"

typedef struct GdbTarget {
    unsigned nb_regs;
    /* Register n of env into buf (little-endian, as gdb wants); returns its size, 0 if none. */
    unsigned (*read_reg)(void *env, unsigned n, uint8_t *buf);
    /* Write register n from buf; returns its size, 0 if none. */
    unsigned (*write_reg)(void *env, unsigned n, const uint8_t *buf);
    /* The target description (qXfer:features:read:target.xml) for env's CPU. */
    const char *(*xml)(void *env);
    /* Memory at a virtual address as env sees it now; false on an unmapped byte. */
    bool (*rw_mem)(void *env, uint64_t addr, uint8_t *buf, size_t len, bool write);
    uint64_t (*get_pc)(void *env);
} GdbTarget;

typedef struct GdbOptions {
    int port;               /* TCP port on all interfaces */
    bool start_stopped;     /* CPUs wait for gdb's first continue (-S, aarch64-user -g) */
    bool wait_connection;   /* gdbstub_start returns once gdb has connected */
} GdbOptions;

/* Listen and start the stub thread; false with err set (port busy...). */
bool gdbstub_start(const GdbTarget *target, const GdbOptions *opts, EmuError *err);

/* True once gdbstub_start succeeded: the cpu loops call the hooks below only then. */
extern bool gdbstub_enabled;

/* A cpu loop, before cpu_exec: waits while the debugger holds this CPU. */
void gdbstub_cpu_enter(ExecCPU *cpu);
/*
 * After cpu_exec returned reason: true when it was a debugger exit
 * (EXEC_EXIT_DEBUG/EXEC_EXIT_STEP), which the stub has handled; the loop
 * then simply goes round again.
 */
bool gdbstub_cpu_exit(ExecCPU *cpu, unsigned reason);

/*
 * The board stops its vCPU threads (exit, reset): let any CPU the debugger
 * holds go, so that it can see the stop request (gdb sees it running).
 */
void gdbstub_release_cpus(void);

/* The guest (user mode) exits with status: tell gdb ("W" packet). */
void gdbstub_report_exit(int status);

/* For the translator: is there a breakpoint at this virtual pc? */
extern volatile unsigned gdb_nb_breakpoints;
bool gdb_breakpoint_at(uint64_t pc);

/* --- packet layer (no state; exported for tests) --- */

/* Modulo-256 sum of the payload bytes. */
uint8_t gdb_checksum(const char *data, size_t len);
/* "$payload#cc" into out (room for len + 4 bytes + NUL); returns its length. */
size_t gdb_frame(const char *payload, size_t len, char *out);
/* Binary data escaped for replies ('#', '$', '}', '*' as '}' then c ^ 0x20); out has 2*len room. */
size_t gdb_escape(const uint8_t *in, size_t len, char *out);
/* Undo gdb_escape (X packets); returns the decoded length. */
size_t gdb_unescape(const char *in, size_t len, uint8_t *out);
/* Expand run-length encoding ("c*n": c repeated n - 29 more times); -1 if out is too small. */
ssize_t gdb_rle_expand(const char *in, size_t len, char *out, size_t cap);
/* Hex helpers: bytes to lowercase hex (NUL-terminated), hex to bytes (-1 on a bad digit). */
void gdb_to_hex(const uint8_t *in, size_t len, char *out);
ssize_t gdb_from_hex(const char *in, size_t len, uint8_t *out);

/* Incremental receiver: feed bytes one at a time. */
typedef enum GdbRxEvent {
    GDB_RX_NONE, GDB_RX_PACKET, GDB_RX_BAD_CHECKSUM, GDB_RX_INTERRUPT, GDB_RX_ACK, GDB_RX_NAK,
} GdbRxEvent;

#define GDB_MAX_PACKET 4096

typedef struct GdbRx {
    int state;
    char buf[GDB_MAX_PACKET + 1];
    size_t len;
    uint8_t sum;
    int csum_digits, csum;
    bool overflow;
} GdbRx;

void gdb_rx_init(GdbRx *rx);
/* On GDB_RX_PACKET the payload is rx->buf (NUL-terminated), rx->len bytes. */
GdbRxEvent gdb_rx_byte(GdbRx *rx, uint8_t c);

#endif
