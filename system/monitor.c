/* The monitor: see system/monitor.h. */
#include "system/monitor.h"

#include <errno.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "accel/exec.h"
#include "system/cpus.h"
#include "system/main-loop.h"
#include "accel/user-mem.h"
#include "target-arm/exception.h"
#include "target-arm/mmu-dump.h"
#include "target-arm/tlb-fill.h"

static MonitorBoard mon_board;
static unsigned mon_cpu;   /* the vCPU `x` and `info tlb` look through */
static SerialConfig mon_cfg;

void monitor_init(const MonitorBoard *b)
{
    mon_board = *b;
    mon_cpu = 0;
}

/* --- info --- */

static void info_registers(FILE *out)
{
    for (unsigned i = 0; i < mon_board.ncpus; i++) {
        CPUARMState *env = mon_board.cpu(mon_board.opaque, i);
        unsigned el = env->pstate_el, e = el ? el : 1;

        fprintf(out, "CPU#%u%s\n", i, env->halted ? " (halted)" : "");
        for (unsigned r = 0; r < 31; r++) {
            fprintf(out, "X%02u=%016" PRIx64 "%s", r, env->xregs[r], r % 4 == 3 || r == 30 ? "\n" : " ");
        }
        fprintf(out, "SP=%016" PRIx64 " PC=%016" PRIx64 "\n", env->sp, env->pc);
        fprintf(out, "PSTATE=%08x EL%u%c NZCV=%x DAIF=%x\n", arm_pstate_read(env), el,
                env->spsel ? 'h' : 't', arm_get_nzcv(env) >> 28, env->daif >> 6);
        fprintf(out, "SCTLR_EL%u=%016" PRIx64 " TCR_EL%u=%016" PRIx64 "\n", e, env->sctlr_el[e], e,
                env->tcr_el[e]);
        fprintf(out, "TTBR0_EL%u=%016" PRIx64 " TTBR1_EL%u=%016" PRIx64 "\n", e, env->ttbr0_el[e], e,
                env->ttbr1_el[e]);
        fprintf(out, "VBAR_EL%u=%016" PRIx64 " ELR_EL%u=%016" PRIx64 " SPSR_EL%u=%08" PRIx64 "\n", e,
                env->vbar_el[e], e, env->elr_el[e], e, env->spsr_el[e]);
        fprintf(out, "ESR_EL%u=%08" PRIx64 " FAR_EL%u=%016" PRIx64 "\n", e, env->esr_el[e], e,
                env->far_el[e]);
    }
}

/* Translate va for the selected vCPU; false if it would fault. */
static bool mon_translate(uint64_t va, uint64_t *pa, unsigned *bits)
{
    CPUARMState *env = mon_board.cpu(mon_board.opaque, mon_cpu);
    unsigned prot;

    return arm_tlb_fill(env, va, EXEC_ACCESS_READ, arm_current_mmu_idx(env), true, pa, &prot, bits);
}

/* A size as the largest unit that divides it: 4K, 2M, 1G... */
static void format_size(uint64_t size, char *buf, size_t len)
{
    static const char units[] = "KMGTPE";
    unsigned u = 0;

    size >>= 10;
    while (u + 1 < sizeof(units) - 1 && size >= 1024 && !(size & 1023)) {
        size >>= 10;
        u++;
    }
    snprintf(buf, len, "%" PRIu64 "%c", size, units[u]);
}

/* D8.5 MAIR_ELx attribute encodings: the Device kinds by name, Normal memory with its byte. */
static void format_attrs(uint8_t attrs, uint8_t sh, char *buf, size_t len)
{
    static const char *const device[4] = { "nGnRnE", "nGnRE", "nGRE", "GRE" };
    static const char *const share[4] = { "non-shareable", "?", "outer-shareable", "inner-shareable" };

    if (!(attrs & 0xf0)) {
        snprintf(buf, len, "Device-%s", device[(attrs >> 2) & 3]);
    } else {
        snprintf(buf, len, "Normal 0x%02x %s", attrs, share[sh & 3]);
    }
}

static void format_prot(unsigned prot, char *buf)
{
    buf[0] = (prot & PAGE_READ) ? 'r' : '-';
    buf[1] = (prot & PAGE_WRITE) ? 'w' : '-';
    buf[2] = (prot & PAGE_EXEC) ? 'x' : '-';
    buf[3] = 0;
}

typedef struct TlbListing {
    FILE *out;
    unsigned el;
    unsigned count;
} TlbListing;

static void print_mapping(void *opaque, const ArmMapping *m)
{
    TlbListing *l = opaque;
    char size[24], attrs[48], priv[4], user[4];

    format_size(m->size, size, sizeof(size));
    format_attrs(m->attrs, m->sh, attrs, sizeof(attrs));
    format_prot(m->prot_priv, priv);
    format_prot(m->prot_user, user);
    fprintf(l->out, "%016" PRIx64 "-%016" PRIx64 " %016" PRIx64 " %6s %s %s %s\n", m->va,
            m->va + m->size - 1, m->pa, size, priv, l->el == 1 ? user : "   ", attrs);
    l->count++;
}

/*
 * The selected vCPU's whole stage-1 translation in its current regime
 * (TTBR0 and TTBR1 ranges), contiguous runs coalesced.
 */
static void info_tlb(FILE *out)
{
    CPUARMState *env = mon_board.cpu(mon_board.opaque, mon_cpu);
    ArmVARange ranges[2];
    unsigned el, n = arm_mapping_ranges(env, &el, ranges);
    TlbListing l = { out, el, 0 };

    fprintf(out, "CPU#%u at EL%u: %s regime, stage 1 %s\n", mon_cpu, env->pstate_el,
            el == 1 ? "EL1&0" : el == 2 ? "EL2" : "EL3", n ? "on" : "off (VA = PA)");
    if (!n) {
        return;
    }
    for (unsigned i = 0; i < n; i++) {
        fprintf(out, "TTBR%u_EL%u=%016" PRIx64 " VA %016" PRIx64 "-%016" PRIx64 ", %uK granule\n",
                ranges[i].ttbr, el, ranges[i].ttbr ? env->ttbr1_el[el] : env->ttbr0_el[el],
                ranges[i].first, ranges[i].last, 1u << (ranges[i].granule_bits - 10));
    }
    fprintf(out, "%-33s %-16s %6s %s %s %s\n", "VA", "PA", "size", el == 1 ? "EL1" : "ELx",
            el == 1 ? "EL0" : "   ", "attributes");
    if (!arm_for_each_mapping(env, 1ul << 20, print_mapping, &l)) {
        fprintf(out, "... (stopped after 2^20 table walks)\n");
    }
    if (!l.count) {
        fprintf(out, "(nothing mapped)\n");
    }
}

/* --- x / xp --- */

static bool read_mem(bool virt, uint64_t addr, void *buf, unsigned len)
{
    uint64_t pa = addr;

    if (virt) {
        unsigned bits;
        /* len <= 8 and aligned accesses do not cross a page. */
        if (!mon_translate(addr, &pa, &bits)) {
            return false;
        }
    }
    return address_space_rw_memory(mon_board.as, pa, buf, len, false);
}

static void cmd_x(bool virt, const char *fmt, const char *arg, FILE *out)
{
    unsigned long count = 1;
    char format = 'x';
    unsigned size = 4;
    char *end;
    uint64_t addr;

    if (*fmt == '/') {
        fmt++;
        count = strtoul(fmt, &end, 10);
        if (end == fmt) {
            count = 1;
        }
        for (fmt = end; *fmt; fmt++) {
            switch (*fmt) {
            case 'x': case 'd': case 'u': case 'c': format = *fmt; break;
            case 'b': size = 1; break;
            case 'h': size = 2; break;
            case 'w': size = 4; break;
            case 'g': size = 8; break;
            default:
                fprintf(out, "unknown format '%c' (x d u c, sizes b h w g)\n", *fmt);
                return;
            }
        }
    }
    if (format == 'c') {
        size = 1;
    }
    if (!arg || !*arg) {
        fprintf(out, "%s: missing address\n", virt ? "x" : "xp");
        return;
    }
    addr = strtoull(arg, &end, 0);
    if (*end) {
        fprintf(out, "%s: bad address '%s'\n", virt ? "x" : "xp", arg);
        return;
    }
    if (count > 4096) {
        count = 4096;
    }
    for (unsigned long i = 0; i < count; i++) {
        uint64_t a = addr + i * size, v = 0;
        unsigned per_line = format == 'c' ? 16 : 16 / size;
        if (i % per_line == 0) {
            fprintf(out, "%s%016" PRIx64 ":", i ? "\n" : "", a);
        }
        if (!read_mem(virt, a, &v, size)) {
            fprintf(out, " Cannot access memory\n");
            return;
        }
        switch (format) {
        case 'x': fprintf(out, " 0x%0*" PRIx64, size * 2, v); break;
        case 'u': fprintf(out, " %" PRIu64, v); break;
        case 'd': {
            int64_t s = size == 8 ? (int64_t)v : (int64_t)(v << (64 - 8 * size)) >> (64 - 8 * size);
            fprintf(out, " %" PRId64, s);
            break;
        }
        case 'c': fprintf(out, v >= 32 && v < 127 ? " '%c'" : " '\\x%02x'", (int)v); break;
        }
    }
    fprintf(out, "\n");
}

static void help(FILE *out)
{
    fprintf(out,
            "info registers    registers of every vCPU\n"
            "info mtree        the physical memory map\n"
            "info qtree        the board's devices\n"
            "info tlb          the selected vCPU's stage-1 mappings (VA, PA, size, permissions, attributes)\n"
            "x/FMT ADDR        virtual memory through the selected vCPU (FMT: count, x d u c, b h w g)\n"
            "xp/FMT ADDR       physical memory\n"
            "cpu N             select the vCPU for x and info tlb\n"
            "stop | cont       pause / resume every vCPU\n"
            "system_reset      reset the board\n"
            "quit | q          exit the emulator\n"
            "help | ?          this list\n");
}

bool monitor_command(const char *line, FILE *out)
{
    char buf[256], *cmd, *arg, *save = NULL;

    snprintf(buf, sizeof(buf), "%s", line);
    cmd = strtok_r(buf, " \t\r\n", &save);
    if (!cmd) {
        return true;
    }
    arg = strtok_r(NULL, " \t\r\n", &save);
    if (!strcmp(cmd, "info")) {
        if (!arg) {
            fprintf(out, "info registers|mtree|qtree|tlb\n");
        } else if (!strcmp(arg, "registers")) {
            info_registers(out);
        } else if (!strcmp(arg, "mtree")) {
            address_space_dump(mon_board.as, out);
        } else if (!strcmp(arg, "qtree")) {
            mon_board.qtree(mon_board.opaque, out);
        } else if (!strcmp(arg, "tlb")) {
            info_tlb(out);
        } else {
            fprintf(out, "info: unknown item '%s' (registers, mtree, qtree, tlb)\n", arg);
        }
    } else if (!strncmp(cmd, "xp", 2) && (cmd[2] == '/' || !cmd[2])) {
        cmd_x(false, cmd + 2, arg, out);
    } else if (cmd[0] == 'x' && (cmd[1] == '/' || !cmd[1])) {
        cmd_x(true, cmd + 1, arg, out);
    } else if (!strcmp(cmd, "cpu")) {
        unsigned long n = arg ? strtoul(arg, NULL, 0) : mon_board.ncpus;
        if (n >= mon_board.ncpus) {
            fprintf(out, "cpu: no vCPU '%s' (0..%u)\n", arg ? arg : "", mon_board.ncpus - 1);
        } else {
            mon_cpu = (unsigned)n;
        }
    } else if (!strcmp(cmd, "stop")) {
        cpus_pause(true);
    } else if (!strcmp(cmd, "cont") || !strcmp(cmd, "c")) {
        cpus_pause(false);
    } else if (!strcmp(cmd, "system_reset")) {
        main_loop_request_reset();
    } else if (!strcmp(cmd, "quit") || !strcmp(cmd, "q")) {
        main_loop_request_exit(0);
        return false;
    } else if (!strcmp(cmd, "help") || !strcmp(cmd, "?")) {
        help(out);
    } else {
        fprintf(out, "unknown command: '%s' (try help)\n", cmd);
    }
    return true;
}

/* --- serving a descriptor --- */

static bool run_line(const char *line, int fd)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    bool more;

    if (!out) {
        return true;
    }
    more = monitor_command(line, out);
    fclose(out);
    if (len && write(fd, text, len) < 0) {
        more = false;
    }
    free(text);
    return more;
}

static const char banner[] = "aarch64-system monitor - type 'help' for more information\n";

/* One session on in_fd/out_fd until end of input or quit. */
static void serve(int in_fd, int out_fd)
{
    char line[256];
    size_t n = 0;

    if (write(out_fd, banner, sizeof(banner) - 1) < 0 || write(out_fd, "(qemu) ", 7) < 0) {
        return;
    }
    for (;;) {
        char c;
        ssize_t r = read(in_fd, &c, 1);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r <= 0) {
            return;
        }
        if (c != '\n') {
            if (n < sizeof(line) - 1) {
                line[n++] = c;
            }
            continue;
        }
        line[n] = '\0';
        n = 0;
        if (!run_line(line, out_fd) || write(out_fd, "(qemu) ", 7) < 0) {
            return;
        }
    }
}

static void *monitor_thread(void *opaque)
{
    int lfd = (int)(intptr_t)opaque;

    if (mon_cfg.kind == SERIAL_STDIO) {
        serve(STDIN_FILENO, STDOUT_FILENO);
        return NULL;
    }
    for (;;) {
        int fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) {
                continue;
            }
            return NULL;
        }
        serve(fd, fd);
        close(fd);
    }
}

bool monitor_start(const SerialConfig *cfg, EmuError *err)
{
    pthread_t t;
    int lfd = -1;

    mon_cfg = *cfg;
    if (cfg->kind == SERIAL_DEFAULT || cfg->kind == SERIAL_NONE) {
        return true;
    }
    if (cfg->kind == SERIAL_TCP) {
        struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)cfg->port) };
        int one = 1;
        sa.sin_addr.s_addr = htonl(cfg->host && !strcmp(cfg->host, "localhost") ? INADDR_LOOPBACK
                                                                                  : INADDR_ANY);
        lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (lfd < 0 || setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
            bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(lfd, 1) < 0) {
            if (lfd >= 0) {
                close(lfd);
            }
            return emu_error_set(err, "-monitor: cannot listen on tcp port %u: %s", cfg->port,
                                 strerror(errno));
        }
    } else if (cfg->kind != SERIAL_STDIO) {
        return emu_error_set(err, "-monitor: unsupported back-end");
    }
    if (pthread_create(&t, NULL, monitor_thread, (void *)(intptr_t)lfd) != 0) {
        return emu_error_set(err, "-monitor: cannot create its thread");
    }
    pthread_detach(t);
    return true;
}

/* --- Ctrl-A c on the console --- */

static char mux_line[256];
static size_t mux_len;

void monitor_feed(const uint8_t *buf, size_t len, void (*write_fn)(void *, const uint8_t *, size_t),
                  void *opaque)
{
    for (size_t i = 0; i < len; i++) {
        uint8_t c = buf[i];
        if (c == '\r' || c == '\n') {
            char *text = NULL;
            size_t tlen = 0;
            FILE *out = open_memstream(&text, &tlen);

            write_fn(opaque, (const uint8_t *)"\r\n", 2);
            mux_line[mux_len] = '\0';
            mux_len = 0;
            if (out) {
                monitor_command(mux_line, out);
                fclose(out);
                /* A raw terminal: each \n needs its \r. */
                for (size_t j = 0; j < tlen; j++) {
                    if (text[j] == '\n') {
                        write_fn(opaque, (const uint8_t *)"\r", 1);
                    }
                    write_fn(opaque, (const uint8_t *)&text[j], 1);
                }
                free(text);
            }
            write_fn(opaque, (const uint8_t *)"(qemu) ", 7);
        } else if (c == 0x7f || c == 0x08) {
            if (mux_len) {
                mux_len--;
                write_fn(opaque, (const uint8_t *)"\b \b", 3);
            }
        } else if (c >= 32 && mux_len < sizeof(mux_line) - 1) {
            mux_line[mux_len++] = (char)c;
            write_fn(opaque, &c, 1);
        }
    }
}
