/* One-line error reporting: see include/util/error.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "util/error.h"

static const char *progname = "aarch64-emu";

bool emu_error_set(EmuError *err, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
        va_end(ap);
    }
    return false;
}

void emu_set_progname(const char *name)
{
    progname = name;
}

const char *emu_progname(void)
{
    return progname;
}

static void report_va(const char *fmt, va_list ap)
{
    fprintf(stderr, "%s: ", progname);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void emu_report(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report_va(fmt, ap);
    va_end(ap);
}

void emu_fatal(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report_va(fmt, ap);
    va_end(ap);
    exit(1);
}
