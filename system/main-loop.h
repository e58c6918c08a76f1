/*
 * The main loop of aarch64-system: ppoll() on the serial back-end and a
 * wake-up pipe, with the next timer deadline as timeout (none: no timeout,
 * an idle guest costs no host CPU); hw/clock.c kicks the pipe when a vCPU
 * arms a timer earlier than that deadline.  Expired timers and serial
 * input run under the softmmu I/O lock.  vCPUs run in their own
 * threads (system/cpus.c).
 *
 * Public functions: main_loop_init, main_loop_kick, main_loop_request_exit,
 * main_loop_request_reset, main_loop_run.
 */
#ifndef SYSTEM_MAIN_LOOP_H
#define SYSTEM_MAIN_LOOP_H

#include <stdbool.h>
#include "system/chardev.h"

void main_loop_init(void);
/* Wake the main loop (any thread, async-signal-safe): deadlines may have changed. */
void main_loop_kick(void);
/* Stop the emulator with this exit status (the first request wins). */
void main_loop_request_exit(int status);
/* Ask for a board reset (PSCI SYSTEM_RESET). */
void main_loop_request_reset(void);
/*
 * Run until an exit is requested; returns the exit status.  reset is
 * called (outside the I/O lock) for each reset request; it returns false
 * when the board cannot restart (then the loop exits with status 1).
 */
int main_loop_run(Chardev *serial, bool (*reset)(void *opaque), void *opaque);

#endif
