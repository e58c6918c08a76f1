/* Debug logging: see include/util/log.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "util/log.h"

unsigned log_mask;
static FILE *log_out;

static const struct {
    const char *name;
    unsigned mask;
    const char *help;
} log_items[] = {
    { "in_asm", LOG_IN_ASM, "show guest instructions of each translated block" },
    { "op", LOG_OP, "show the IR of each block before optimisation" },
    { "op_opt", LOG_OP_OPT, "show the IR of each block after optimisation" },
    { "out_asm", LOG_OUT_ASM, "show the host code generated for each block" },
    { "int", LOG_INT, "show exceptions and interrupts (with ESR/FAR/ELR)" },
    { "exec", LOG_EXEC, "show each block as it is executed" },
    { "cpu", LOG_CPU, "show the CPU registers before each block" },
    { "mmu", LOG_MMU, "show MMU translation faults and walks" },
    { "guest_errors", LOG_GUEST_ERRORS, "log guest programming errors (bad device accesses...)" },
    { "unimp", LOG_UNIMP, "log unimplemented instructions, registers and system calls" },
    { "page", LOG_PAGE, "log changes to the guest memory map" },
    { "nochain", LOG_NOCHAIN, "do not chain translated blocks" },
    { "strace", LOG_STRACE, "log guest system calls (user mode)" },
    { "emul", LOG_EMUL, "log /emul redirect decisions (user mode)" },
    { "stats", LOG_STATS, "print translation, chaining and TLB counters at exit" },
};

bool log_parse_items(const char *s, unsigned *mask, EmuError *err)
{
    unsigned m = 0;
    const char *p = s;

    if (!*s) {
        return emu_error_set(err, "-d: empty list of log items (try -d help)");
    }
    while (*p) {
        size_t len = strcspn(p, ",");
        bool found = false;
        for (size_t i = 0; i < sizeof(log_items) / sizeof(log_items[0]); i++) {
            if (strlen(log_items[i].name) == len && !strncmp(p, log_items[i].name, len)) {
                m |= log_items[i].mask;
                found = true;
                break;
            }
        }
        if (!found) {
            return emu_error_set(err, "-d: unknown log item '%.*s' (try -d help)", (int)len, p);
        }
        p += len;
        if (*p == ',') {
            p++;
        }
    }
    *mask = m;
    return true;
}

void log_print_help(FILE *f)
{
    fprintf(f, "Log items (comma separated):\n");
    for (size_t i = 0; i < sizeof(log_items) / sizeof(log_items[0]); i++) {
        fprintf(f, "%-13s %s\n", log_items[i].name, log_items[i].help);
    }
}

static bool open_log(const char *path, const char *mode, EmuError *err)
{
    FILE *f;

    if (!path) {
        if (log_out && log_out != stderr) {
            fclose(log_out);
        }
        log_out = NULL;
        return true;
    }
    f = fopen(path, mode);
    if (!f) {
        return emu_error_set(err, "-D: cannot open log file '%s': %s", path, strerror(errno));
    }
    /*
     * Appending even after truncation: processes the guest forks or execs
     * write to the same file, and must not overwrite each other's lines.
     */
    fcntl(fileno(f), F_SETFL, fcntl(fileno(f), F_GETFL) | O_APPEND);
    setvbuf(f, NULL, _IOLBF, 0);
    if (log_out && log_out != stderr) {
        fclose(log_out);
    }
    log_out = f;
    return true;
}

bool log_set_file(const char *path, EmuError *err)
{
    return open_log(path, "we", err);
}

bool log_set_file_append(const char *path, EmuError *err)
{
    return open_log(path, "ae", err);
}

/* --- -dfilter --- */

static LogRange dfilter[LOG_MAX_RANGES];
static int nb_dfilter;   /* 0: no filter */

/* A whole number in C notation at *p; advances *p past it.  False if there is none. */
static bool parse_num(const char **p, uint64_t *v)
{
    char *end;

    if (**p < '0' || **p > '9') {
        return false;   /* strtoull would accept signs and blanks */
    }
    errno = 0;
    *v = strtoull(*p, &end, 0);
    if (errno) {
        return false;
    }
    *p = end;
    return true;
}

int log_parse_ranges(const char *s, LogRange *out, EmuError *err)
{
    const char *p = s;
    int n = 0;

    for (;;) {
        const char *start = p;
        size_t len = strcspn(p, ",");
        uint64_t a, b;
        LogRange r;
        bool ok = parse_num(&p, &a);

        if (ok && p[0] == '.' && p[1] == '.') {
            p += 2;
            ok = parse_num(&p, &b) && b >= a;
            r = (LogRange){ a, b };
        } else if (ok && (*p == '+' || *p == '-')) {
            char op = *p++;
            /* Empty ranges and ranges beyond either end of the address space are mistakes. */
            ok = parse_num(&p, &b) && b > 0 &&
                 (op == '+' ? b - 1 <= UINT64_MAX - a : b - 1 <= a);
            r = op == '+' ? (LogRange){ a, a + (b - 1) } : (LogRange){ a - (b - 1), a };
        } else {
            ok = false;
        }
        if (!ok || (size_t)(p - start) != len) {
            emu_error_set(err, "-dfilter: bad range '%.*s' (START+SIZE, START-SIZE or START..END)",
                          (int)len, start);
            return -1;
        }
        if (n == LOG_MAX_RANGES) {
            emu_error_set(err, "-dfilter: more than %d ranges", LOG_MAX_RANGES);
            return -1;
        }
        out[n++] = r;
        if (!*p) {
            return n;
        }
        p++;   /* the ',' */
    }
}

bool log_check_dfilter(const char *s, EmuError *err)
{
    LogRange scratch[LOG_MAX_RANGES];
    return log_parse_ranges(s, scratch, err) >= 0;
}

bool log_set_dfilter(const char *s, EmuError *err)
{
    int n = 0;

    if (s && (n = log_parse_ranges(s, dfilter, err)) < 0) {
        nb_dfilter = 0;
        return false;
    }
    nb_dfilter = n;
    return true;
}

bool log_pc_in_dfilter(uint64_t pc)
{
    if (!nb_dfilter) {
        return true;
    }
    for (int i = 0; i < nb_dfilter; i++) {
        if (pc >= dfilter[i].first && pc <= dfilter[i].last) {
            return true;
        }
    }
    return false;
}

FILE *log_file(void)
{
    return log_out ? log_out : stderr;
}

void emu_log(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(log_file(), fmt, ap);
    va_end(ap);
}
