/*
 * The main loop of aarch64-system: ppoll() on the serial back-end and a
 * wake-up pipe, with the next timer deadline as timeout (none: no timeout,
 * an idle guest costs no host CPU); hw/clock.c kicks the pipe when a vCPU
 * arms a timer earlier than that deadline.  Expired timers and serial
 * input run under the softmmu I/O lock.  vCPUs run in their own
 * threads (system/cpus.c).
 *
 * Public functions: main_loop_init, main_loop_kick, main_loop_request_exit,
 * main_loop_request_reset, main_loop_run, main_loop_add_poller,
 * main_loop_remove_poller.
 */
#ifndef SYSTEM_MAIN_LOOP_H
#define SYSTEM_MAIN_LOOP_H

#include <poll.h>
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
/*
 * Extra file descriptors for the poll (network back-ends).  Each loop,
 * with the I/O lock held, fill adds up to max entries at fds and returns
 * how many, lowering *timeout_ms if it needs to run sooner; after poll,
 * dispatch sees the same entries with their revents (poll_failed when
 * poll itself failed).  Pollers are added and removed outside main_loop_run.
 */
#define MAIN_LOOP_MAX_POLLERS 8
typedef int (*MainLoopFill)(void *opaque, struct pollfd *fds, int max, int *timeout_ms);
typedef void (*MainLoopDispatch)(void *opaque, struct pollfd *fds, int n, bool poll_failed);
bool main_loop_add_poller(MainLoopFill fill, MainLoopDispatch dispatch, void *opaque);
void main_loop_remove_poller(void *opaque);

int main_loop_run(Chardev *serial, bool (*reset)(void *opaque), void *opaque);

#endif
