/*
 * Host SIGSEGV/SIGBUS in user mode: a guest access to an unmapped or
 * protected page becomes a guest fault at the precise instruction; a write
 * to a page holding translated code invalidates the translations and is
 * retried; anything else is an emulator bug and crashes normally.
 */
#ifndef ACCEL_USER_FAULT_H
#define ACCEL_USER_FAULT_H

#include <stdbool.h>
#include "util/error.h"

bool user_fault_init(EmuError *err);

#endif
