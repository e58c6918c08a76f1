/*
 * A small human monitor for aarch64-system (QEMU's command names):
 * info registers|mtree|qtree|tlb, x/FMT ADDR (virtual, through the current
 * translation of the selected vCPU), xp/FMT ADDR (physical), cpu N,
 * system_reset, stop, cont, quit, help.
 *
 * Reached through -monitor tcp:[HOST]:PORT,server (a thread serving one
 * client at a time), -monitor stdio (a thread reading stdin, when the
 * serial port is not on stdio), or Ctrl-A c on the -nographic console
 * (system/chardev.c feeds it bytes: monitor_feed).
 *
 * Public functions: monitor_init, monitor_start, monitor_command, monitor_feed.
 */
#ifndef SYSTEM_MONITOR_H
#define SYSTEM_MONITOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "hw/memory.h"
#include "system/options.h"
#include "target-arm/cpu.h"
#include "util/error.h"

typedef struct MonitorBoard {
    void *opaque;
    unsigned ncpus;
    CPUARMState *(*cpu)(void *opaque, unsigned index);
    const AddressSpace *as;
    /* `info qtree`: the board's devices with addresses and interrupts. */
    void (*qtree)(void *opaque, FILE *out);
} MonitorBoard;

/* The board the commands act on (copied). */
void monitor_init(const MonitorBoard *b);
/* Serve cfg (SERIAL_DEFAULT/NONE: nothing) in a thread of its own. */
bool monitor_start(const SerialConfig *cfg, EmuError *err);
/* Run one command line, output to out; returns false after `quit`. */
bool monitor_command(const char *line, FILE *out);
/*
 * Console multiplexing (Ctrl-A c): typed bytes, echoed and collected into
 * lines; the output (prompt, echo, results) goes through write_fn.
 */
void monitor_feed(const uint8_t *buf, size_t len, void (*write_fn)(void *, const uint8_t *, size_t),
                  void *opaque);

#endif
