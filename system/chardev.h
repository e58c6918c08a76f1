/*
 * Character back-ends for -serial: stdio (raw terminal, Ctrl-A escapes),
 * file:PATH (output only), tcp::PORT,server (one client at a time), none.
 *
 * Output (chardev_write) may be called from any thread; input is read by
 * the main loop when chardev_poll_fd() is readable, and handed to the
 * front-end's receive callback (with the I/O lock held by the main loop).
 *
 * Public functions: chardev_open, chardev_set_handlers, chardev_write,
 * chardev_poll_fd, chardev_read_ready, chardev_close.
 */
#ifndef SYSTEM_CHARDEV_H
#define SYSTEM_CHARDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "system/options.h"
#include "util/error.h"

typedef struct Chardev Chardev;
typedef size_t (*ChardevCanReceiveFn)(void *opaque);
typedef void (*ChardevReceiveFn)(void *opaque, const uint8_t *buf, size_t len);

/* Open the back-end cfg names (SERIAL_DEFAULT: stdio); NULL with err on failure. */
Chardev *chardev_open(const SerialConfig *cfg, EmuError *err);
void chardev_set_handlers(Chardev *c, ChardevCanReceiveFn can_receive, ChardevReceiveFn receive,
                          void *opaque);
/* A CharWriteFn (hw/pl011.h): opaque is the Chardev. */
void chardev_write(void *opaque, const uint8_t *buf, size_t len);
/* The descriptor the main loop should poll for input now, or -1. */
int chardev_poll_fd(Chardev *c);
/* Pass pending input on; true when there is room to read more (poll the fd). */
bool chardev_wants_input(Chardev *c);
/* Is input waiting that the front-end had no room for (the main loop retries it)? */
bool chardev_input_backlog(const Chardev *c);
/* poll() said chardev_poll_fd() is readable. */
void chardev_read_ready(Chardev *c);
/* Restore the terminal, close descriptors. */
void chardev_close(Chardev *c);

#endif
