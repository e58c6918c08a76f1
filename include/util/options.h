/*
 * QEMU-style command-line scanning: options are single-dash words
 * ("-kernel FILE", "-nographic"); a double dash is accepted as a synonym
 * ("--kernel"), and "-opt=value" as a spelling of "-opt value".
 *
 * The scanner only splits the command line against a table; the meaning of
 * each option is up to the program (system/options.c, linux-user/options.c).
 */
#ifndef UTIL_OPTIONS_H
#define UTIL_OPTIONS_H

#include <stdbool.h>
#include <stdio.h>
#include "util/error.h"

typedef struct OptionDef {
    const char *name;      /* without the dash */
    int id;
    bool has_arg;
    const char *arg_name;  /* for --help, e.g. "FILE" */
    const char *help;
} OptionDef;

typedef struct OptionScanner {
    int argc;
    char **argv;
    int index;             /* next argv element to look at */
    bool stop_at_nonoption;/* user mode: the first non-option is the program */
} OptionScanner;

enum {
    OPTION_END = -1,       /* no more options (index points past them) */
    OPTION_ERROR = -2,     /* err is set */
};

void option_scanner_init(OptionScanner *sc, int argc, char **argv, bool stop_at_nonoption);

/*
 * Return the id of the next option and its argument (or NULL), OPTION_END,
 * or OPTION_ERROR for an unknown option, a missing argument, an argument
 * given to a flag, or (when !stop_at_nonoption) a stray word.
 */
int option_next(OptionScanner *sc, const OptionDef *defs, const char **arg, EmuError *err);

void option_print_help(FILE *f, const OptionDef *defs);

#endif
