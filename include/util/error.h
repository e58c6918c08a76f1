/*
 * Error reporting for user-caused errors: one clear line naming the
 * problem, prefixed with the program name, then a non-zero exit.
 *
 * Library code never exits: it fills an EmuError and returns false, so the
 * same paths can be exercised by unit tests; only main() decides to exit.
 */
#ifndef UTIL_ERROR_H
#define UTIL_ERROR_H

#include <stdbool.h>

typedef struct EmuError {
    char msg[512];
} EmuError;

/* Set err (if not NULL) from a printf-style message; always returns false. */
bool emu_error_set(EmuError *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The name printed before error lines ("aarch64-system", ...). */
void emu_set_progname(const char *name);
const char *emu_progname(void);

/* Print "progname: message" to stderr. */
void emu_report(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print "progname: message" and exit(1). */
void emu_fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
