/* The -accel option shared by both programs. */
#ifndef UTIL_ACCEL_OPT_H
#define UTIL_ACCEL_OPT_H

#include <stdbool.h>
#include "util/error.h"

/* Parse "tcg[,backend=jit|interp]"; sets *interp for the interpreter backend. */
bool parse_accel(const char *arg, bool *interp, EmuError *err);

#endif
