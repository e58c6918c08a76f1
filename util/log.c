/* Debug logging: see include/util/log.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
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
