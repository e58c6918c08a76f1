/*
 * gdb remote serial protocol stub: see include/gdbstub/gdbstub.h.
 *
 * One thread owns the socket.  The vCPU threads meet it in
 * gdbstub_cpu_enter/exit around cpu_exec: a CPU runs only while run_ok
 * says so, and the stub touches registers and memory only when no CPU is
 * inside cpu_exec (nb_running == 0).  Stop events from the CPUs
 * (breakpoint, step, watchpoint) reach the stub thread through a pipe.
 */
#include "gdbstub/gdbstub.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "util/log.h"

/* ---------------------------------------------------------------- packets */

uint8_t gdb_checksum(const char *data, size_t len)
{
    uint8_t sum = 0;
    for (size_t i = 0; i < len; i++) {
        sum += (uint8_t)data[i];
    }
    return sum;
}

static const char hexdigits[] = "0123456789abcdef";

size_t gdb_frame(const char *payload, size_t len, char *out)
{
    uint8_t sum = gdb_checksum(payload, len);

    out[0] = '$';
    memcpy(out + 1, payload, len);
    out[len + 1] = '#';
    out[len + 2] = hexdigits[sum >> 4];
    out[len + 3] = hexdigits[sum & 15];
    out[len + 4] = 0;
    return len + 4;
}

size_t gdb_escape(const uint8_t *in, size_t len, char *out)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        uint8_t c = in[i];
        if (c == '#' || c == '$' || c == '}' || c == '*') {
            out[n++] = '}';
            out[n++] = (char)(c ^ 0x20);
        } else {
            out[n++] = (char)c;
        }
    }
    return n;
}

size_t gdb_unescape(const char *in, size_t len, uint8_t *out)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (in[i] == '}' && i + 1 < len) {
            out[n++] = (uint8_t)in[++i] ^ 0x20;
        } else {
            out[n++] = (uint8_t)in[i];
        }
    }
    return n;
}

ssize_t gdb_rle_expand(const char *in, size_t len, char *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (in[i] == '*' && n > 0 && i + 1 < len) {
            int count = (uint8_t)in[++i] - 29;
            if (count < 0 || n + (size_t)count > cap) {
                return -1;
            }
            memset(out + n, out[n - 1], (size_t)count);
            n += (size_t)count;
        } else {
            if (n >= cap) {
                return -1;
            }
            out[n++] = in[i];
        }
    }
    return (ssize_t)n;
}

void gdb_to_hex(const uint8_t *in, size_t len, char *out)
{
    for (size_t i = 0; i < len; i++) {
        out[2 * i] = hexdigits[in[i] >> 4];
        out[2 * i + 1] = hexdigits[in[i] & 15];
    }
    out[2 * len] = 0;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

ssize_t gdb_from_hex(const char *in, size_t len, uint8_t *out)
{
    if (len & 1) {
        return -1;
    }
    for (size_t i = 0; i < len / 2; i++) {
        int hi = hexval(in[2 * i]), lo = hexval(in[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            return -1;
        }
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    return (ssize_t)(len / 2);
}

enum { RX_IDLE, RX_DATA, RX_ESC, RX_CSUM };

void gdb_rx_init(GdbRx *rx)
{
    memset(rx, 0, sizeof(*rx));
}

GdbRxEvent gdb_rx_byte(GdbRx *rx, uint8_t c)
{
    switch (rx->state) {
    case RX_IDLE:
        if (c == '$') {
            rx->state = RX_DATA;
            rx->len = 0;
            rx->sum = 0;
            rx->overflow = false;
        } else if (c == 0x03) {
            return GDB_RX_INTERRUPT;
        } else if (c == '+') {
            return GDB_RX_ACK;
        } else if (c == '-') {
            return GDB_RX_NAK;
        }
        return GDB_RX_NONE;
    case RX_DATA:
    case RX_ESC:
        if (c == '#' && rx->state == RX_DATA) {
            rx->state = RX_CSUM;
            rx->csum_digits = 0;
            rx->csum = 0;
            return GDB_RX_NONE;
        }
        /* The checksum covers the raw bytes; the payload is kept raw too (X unescapes). */
        rx->sum += c;
        rx->state = (c == '}' && rx->state == RX_DATA) ? RX_ESC : RX_DATA;
        if (rx->len < GDB_MAX_PACKET) {
            rx->buf[rx->len++] = (char)c;
        } else {
            rx->overflow = true;
        }
        return GDB_RX_NONE;
    case RX_CSUM: {
        int v = hexval((char)c);
        rx->csum = rx->csum << 4 | (v < 0 ? 0 : v);
        if (v < 0) {
            rx->csum = -1000;
        }
        if (++rx->csum_digits < 2) {
            return GDB_RX_NONE;
        }
        rx->state = RX_IDLE;
        rx->buf[rx->len] = 0;
        if (rx->overflow || rx->csum != rx->sum) {
            return GDB_RX_BAD_CHECKSUM;
        }
        return GDB_RX_PACKET;
    }
    }
    return GDB_RX_NONE;
}

/* ------------------------------------------------------------- the stub */

#define MAX_CPUS 256
#define MAX_BREAKPOINTS 64
#define MAX_WATCHPOINTS 16

/* gdb's Z2/Z3/Z4 types (write, read, access). */
enum { WATCH_WRITE = 2, WATCH_READ = 3, WATCH_ACCESS = 4 };

typedef struct Watchpoint {
    uint64_t addr;
    uint64_t len;
    int type;
} Watchpoint;

bool gdbstub_enabled;
volatile unsigned gdb_nb_breakpoints;
static uint64_t breakpoints[MAX_BREAKPOINTS];

static const GdbTarget *tgt;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cpu_cond = PTHREAD_COND_INITIALIZER;    /* CPUs wait for run_ok */
static pthread_cond_t stub_cond = PTHREAD_COND_INITIALIZER;   /* the stub waits for nb_running == 0 */
static bool run_ok[MAX_CPUS];
static bool step[MAX_CPUS];
static bool default_run;      /* run_ok of CPUs not seen yet (user-mode threads) */
static unsigned nb_running;
/*
 * Changed only while every CPU is out of cpu_exec (the stub serves packets
 * so), read by the CPUs' watch hook without the lock.
 */
static Watchpoint watchpoints[MAX_WATCHPOINTS];
static unsigned nb_watchpoints;

/* The stop event to report (one at a time: the first CPU wins, the others stop quietly). */
static bool event_pending;
static unsigned event_cpu;
static int event_signal;
static int event_watch;            /* 0 or the WATCH_* type that stopped the CPU */
static uint64_t event_watch_addr;
/* Per CPU: the watchpoint its hook hit (type 0: none), for gdbstub_cpu_exit. */
static int hit_type[MAX_CPUS];
static uint64_t hit_addr[MAX_CPUS];
/*
 * Per CPU: after a reported watchpoint stop, the instruction at
 * stepover_pc runs once unwatched (as a single step) when the CPU resumes
 * there, or it would stop on the same access again.
 */
static bool stepover[MAX_CPUS];
static uint64_t stepover_pc[MAX_CPUS];
static int wake_pipe[2] = { -1, -1 };

static int listen_fd = -1, conn_fd = -1;
static unsigned g_cpu, c_cpu;   /* Hg, Hc (indexes) */
static bool no_ack;

bool gdb_breakpoint_at(uint64_t pc)
{
    unsigned n = gdb_nb_breakpoints;
    for (unsigned i = 0; i < n && i < MAX_BREAKPOINTS; i++) {
        if (breakpoints[i] == pc) {
            return true;
        }
    }
    return false;
}

/* Every known CPU: stop running (lock held). */
static void stop_all_locked(void)
{
    unsigned n = exec_cpu_count();
    default_run = false;
    for (unsigned i = 0; i < MAX_CPUS; i++) {
        run_ok[i] = false;
    }
    for (unsigned i = 0; i < n && i < MAX_CPUS; i++) {
        cpu_exit_request(exec_cpu_at(i));
    }
}

/* Record a stop event (lock held); false if the CPUs are already stopping for another. */
static bool report_locked(unsigned cpu, int sig)
{
    if (event_pending || !run_ok[cpu]) {
        return false;
    }
    stop_all_locked();
    event_pending = true;
    event_cpu = cpu;
    event_signal = sig;
    event_watch = 0;
    if (write(wake_pipe[1], "x", 1) < 0) {
        /* The pipe is full: the stub is awake already. */
    }
    return true;
}

void gdbstub_cpu_enter(ExecCPU *cpu)
{
    unsigned i = cpu->index < MAX_CPUS ? cpu->index : MAX_CPUS - 1;
    bool over;

    pthread_mutex_lock(&lock);
    while (!run_ok[i]) {
        pthread_cond_wait(&cpu_cond, &lock);
    }
    nb_running++;
    over = stepover[i] && tgt->get_pc(cpu->env) == stepover_pc[i];
    stepover[i] = over;
    cpu->singlestep = step[i] || over;
    cpu->watch_mem = nb_watchpoints > 0 && !over;
    pthread_mutex_unlock(&lock);
}

/*
 * The engine's watch hook (runs in the CPU's thread, inside cpu_exec): does
 * an access of kind EXEC_WATCH_* to [addr, addr + size) touch a watchpoint
 * of a matching type?  The first one found is remembered for the report.
 */
static bool watch_check(ExecCPU *cpu, uint64_t addr, unsigned size, unsigned kind)
{
    unsigned i = cpu->index < MAX_CPUS ? cpu->index : MAX_CPUS - 1;

    for (unsigned w = 0; w < nb_watchpoints; w++) {
        const Watchpoint *wp = &watchpoints[w];
        bool match = wp->type == WATCH_ACCESS ||
                     (wp->type == WATCH_WRITE && (kind & EXEC_WATCH_WRITE)) ||
                     (wp->type == WATCH_READ && (kind & EXEC_WATCH_READ));
        /* Overlap of the two ranges, written so that neither end can wrap. */
        if (match && (addr >= wp->addr ? addr - wp->addr < wp->len : wp->addr - addr < size)) {
            hit_type[i] = wp->type;
            hit_addr[i] = wp->addr;
            return true;
        }
    }
    return false;
}

bool gdbstub_cpu_exit(ExecCPU *cpu, unsigned reason)
{
    unsigned i = cpu->index < MAX_CPUS ? cpu->index : MAX_CPUS - 1;
    bool handled = reason == EXEC_EXIT_DEBUG || reason == EXEC_EXIT_STEP;

    pthread_mutex_lock(&lock);
    nb_running--;
    if (reason == EXEC_EXIT_DEBUG && hit_type[i]) {
        /*
         * Stopped before a watched access, as gdb expects of AArch64 (it
         * steps over the instruction itself).  A CPU that stops quietly
         * (another event won) simply hits it again when resumed.
         */
        if (report_locked(i, SIGTRAP)) {
            event_watch = hit_type[i];
            event_watch_addr = hit_addr[i];
            stepover[i] = true;
            stepover_pc[i] = tgt->get_pc(cpu->env);
        }
        hit_type[i] = 0;
    } else if (reason == EXEC_EXIT_DEBUG) {
        report_locked(i, SIGTRAP);
    } else if (reason == EXEC_EXIT_STEP) {
        stepover[i] = false;
        if (step[i]) {
            report_locked(i, SIGTRAP);
        }
    }
    pthread_cond_broadcast(&stub_cond);
    pthread_mutex_unlock(&lock);
    return handled;
}

/* Stop every CPU and wait until none is inside cpu_exec. */
static void stop_and_wait(void)
{
    pthread_mutex_lock(&lock);
    stop_all_locked();
    while (nb_running) {
        pthread_cond_wait(&stub_cond, &lock);
    }
    pthread_mutex_unlock(&lock);
}

static void resume(void)
{
    unsigned n = exec_cpu_count();
    pthread_mutex_lock(&lock);
    for (unsigned i = 0; i < n && i < MAX_CPUS; i++) {
        if (run_ok[i]) {
            exec_cpu_at(i)->step_done = false;
        }
    }
    default_run = true;
    pthread_cond_broadcast(&cpu_cond);
    pthread_mutex_unlock(&lock);
}

/* --- sending --- */

static bool send_all(const char *buf, size_t len)
{
    while (len) {
        ssize_t n = send(conn_fd, buf, len, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return false;
        }
        buf += n;
        len -= (size_t)n;
    }
    return true;
}

static void put_packet_len(const char *payload, size_t len)
{
    static char frame[2 * GDB_MAX_PACKET + 8];
    if (len > 2 * GDB_MAX_PACKET) {
        len = 2 * GDB_MAX_PACKET;
    }
    send_all(frame, gdb_frame(payload, len, frame));
}

static void put_packet(const char *payload)
{
    put_packet_len(payload, strlen(payload));
}

static void send_stop_reply(void)
{
    char buf[128];
    unsigned cpu = event_cpu;
    int n = snprintf(buf, sizeof(buf), "T%02xthread:%x;", event_signal, cpu + 1);
    if (event_watch) {
        static const char *const prefix[] = { [WATCH_WRITE] = "", [WATCH_READ] = "r",
                                              [WATCH_ACCESS] = "a" };
        snprintf(buf + n, sizeof(buf) - (size_t)n, "%swatch:%llx;", prefix[event_watch],
                 (unsigned long long)event_watch_addr);
    }
    g_cpu = c_cpu = cpu;
    put_packet(buf);
}

/* --- packet handlers --- */

static ExecCPU *cpu_for(unsigned idx)
{
    ExecCPU *c = exec_cpu_at(idx);
    return c ? c : exec_cpu_at(0);
}

/* Thread id in a packet ("-1" all, "0" any, hex) to an index; -1 for all, -2 bad. */
static long parse_thread(const char *p)
{
    if (p[0] == 'p') {       /* multiprocess form p<pid>.<tid> */
        const char *dot = strchr(p, '.');
        p = dot ? dot + 1 : p + 1;
    }
    if (!strcmp(p, "-1")) {
        return -1;
    }
    long t = strtol(p, NULL, 16);
    if (t == 0) {
        return 0;
    }
    if (t < 1 || (unsigned long)t > exec_cpu_count()) {
        return -2;
    }
    return t - 1;
}

static void handle_read_regs(void)
{
    static char out[2 * GDB_MAX_PACKET];
    uint8_t reg[16];
    size_t n = 0;
    void *env = cpu_for(g_cpu)->env;
    for (unsigned r = 0; r < tgt->nb_regs; r++) {
        unsigned sz = tgt->read_reg(env, r, reg);
        if (n + 2 * sz >= sizeof(out)) {
            break;
        }
        gdb_to_hex(reg, sz, out + n);
        n += 2 * sz;
    }
    put_packet_len(out, n);
}

static void handle_write_regs(const char *p)
{
    static uint8_t data[GDB_MAX_PACKET];
    ssize_t len = gdb_from_hex(p, strlen(p), data);
    void *env = cpu_for(g_cpu)->env;
    size_t off = 0;
    uint8_t cur[16];
    if (len < 0) {
        put_packet("E01");
        return;
    }
    for (unsigned r = 0; r < tgt->nb_regs; r++) {
        unsigned sz = tgt->read_reg(env, r, cur);
        if (off + sz > (size_t)len) {
            break;
        }
        tgt->write_reg(env, r, data + off);
        off += sz;
    }
    put_packet("OK");
}

static void handle_memory(const char *p, char kind)
{
    char *end;
    uint64_t addr = strtoull(p, &end, 16);
    size_t len = strtoull(end + 1, &end, 16);
    static uint8_t data[GDB_MAX_PACKET];
    static char out[2 * GDB_MAX_PACKET + 1];
    void *env = cpu_for(g_cpu)->env;

    if (len > GDB_MAX_PACKET / 2) {
        len = GDB_MAX_PACKET / 2;
    }
    if (kind == 'm') {
        if (!tgt->rw_mem(env, addr, data, len, false)) {
            put_packet("E14");
            return;
        }
        gdb_to_hex(data, len, out);
        put_packet(out);
        return;
    }
    if (*end != ':') {
        put_packet("E01");
        return;
    }
    end++;
    if (kind == 'M') {
        if (gdb_from_hex(end, 2 * len, data) < 0) {
            put_packet("E01");
            return;
        }
    } else {
        size_t raw = strlen(end);   /* X: binary; a NUL would end it early, gdb escapes none */
        if (gdb_unescape(end, raw, data) < len) {
            put_packet("E01");
            return;
        }
    }
    put_packet(len == 0 || tgt->rw_mem(env, addr, data, len, true) ? "OK" : "E14");
}

static void handle_point(const char *p, bool insert)
{
    int type = p[0] - '0';
    char *end;
    uint64_t addr = strtoull(p + 2, &end, 16);
    unsigned len = (unsigned)strtoul(end + 1, NULL, 16);
    bool ok = false;

    if (type == 0 || type == 1) {
        unsigned n = gdb_nb_breakpoints;
        if (insert) {
            if (gdb_breakpoint_at(addr)) {
                ok = true;
            } else if (n < MAX_BREAKPOINTS) {
                breakpoints[n] = addr;
                __atomic_store_n(&gdb_nb_breakpoints, n + 1, __ATOMIC_RELEASE);
                ok = true;
            }
        } else {
            for (unsigned i = 0; i < n; i++) {
                if (breakpoints[i] == addr) {
                    breakpoints[i] = breakpoints[n - 1];
                    __atomic_store_n(&gdb_nb_breakpoints, n - 1, __ATOMIC_RELEASE);
                    ok = true;
                    break;
                }
            }
        }
        if (ok) {
            /* Translations made with the old set must go (all CPUs are stopped). */
            exec_flush_translations();
        }
        put_packet(ok ? "OK" : "E22");
        return;
    }
    if (type >= WATCH_WRITE && type <= WATCH_ACCESS) {
        pthread_mutex_lock(&lock);
        if (insert) {
            if (nb_watchpoints < MAX_WATCHPOINTS && len >= 1) {
                watchpoints[nb_watchpoints++] =
                    (Watchpoint){ .addr = addr, .len = len, .type = type };
                ok = true;
            }
        } else {
            for (unsigned i = 0; i < nb_watchpoints; i++) {
                if (watchpoints[i].addr == addr && watchpoints[i].len == len &&
                    watchpoints[i].type == type) {
                    watchpoints[i] = watchpoints[--nb_watchpoints];
                    ok = true;
                    break;
                }
            }
        }
        pthread_mutex_unlock(&lock);
        put_packet(ok ? "OK" : "E22");
        return;
    }
    put_packet("");   /* unknown type */
}

static void handle_xfer(const char *p)
{
    /* qXfer:features:read:ANNEX:OFFSET,LENGTH */
    const char *annex = p + strlen("qXfer:features:read:");
    const char *colon = strchr(annex, ':');
    static char out[2 * GDB_MAX_PACKET + 2];
    if (!colon || strncmp(annex, "target.xml", (size_t)(colon - annex))) {
        put_packet("E00");
        return;
    }
    char *end;
    size_t off = strtoull(colon + 1, &end, 16);
    size_t len = strtoull(end + 1, NULL, 16);
    const char *xml = tgt->xml(cpu_for(g_cpu)->env);
    size_t total = strlen(xml);
    if (off > total) {
        put_packet("E01");
        return;
    }
    if (len > GDB_MAX_PACKET / 2 - 8) {
        len = GDB_MAX_PACKET / 2 - 8;
    }
    if (len > total - off) {
        len = total - off;
    }
    out[0] = off + len < total ? 'm' : 'l';
    size_t n = gdb_escape((const uint8_t *)xml + off, len, out + 1);
    put_packet_len(out, n + 1);
}

static void handle_rcmd(const char *hex)
{
    static const char msg[] = "monitor not implemented\n";
    char out[2 * sizeof(msg) + 2];
    (void)hex;
    out[0] = 'O';
    gdb_to_hex((const uint8_t *)msg, strlen(msg), out + 1);
    put_packet(out);
    put_packet("OK");
}

static void handle_thread_info(void)
{
    char out[GDB_MAX_PACKET];
    size_t n = 0;
    unsigned count = exec_cpu_count();
    out[n++] = 'm';
    for (unsigned i = 0; i < count && n + 12 < sizeof(out); i++) {
        n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%x", i ? "," : "", i + 1);
    }
    out[n] = 0;
    put_packet(out);
}

/* vCont;ACTION[:TID];...  - only c and s (C/S: the signal is ignored). */
static bool handle_vcont(const char *p)
{
    unsigned count = exec_cpu_count();
    bool set[MAX_CPUS] = { false };
    bool any = false;

    pthread_mutex_lock(&lock);
    for (unsigned i = 0; i < count && i < MAX_CPUS; i++) {
        run_ok[i] = false;
        step[i] = false;
    }
    while (*p == ';') {
        char action = p[1];
        const char *q = p + 2;
        long tid = -1;
        if (action == 'C' || action == 'S') {
            while (*q && *q != ':' && *q != ';') {
                q++;
            }
        }
        if (*q == ':') {
            char buf[32];
            size_t l = strcspn(q + 1, ";");
            if (l >= sizeof(buf)) {
                l = sizeof(buf) - 1;
            }
            memcpy(buf, q + 1, l);
            buf[l] = 0;
            tid = parse_thread(buf);
            q += 1 + l;
        }
        if (action != 'c' && action != 's' && action != 'C' && action != 'S') {
            pthread_mutex_unlock(&lock);
            return false;
        }
        for (unsigned i = 0; i < count && i < MAX_CPUS; i++) {
            if ((tid < 0 && !set[i]) || (long)i == tid) {
                set[i] = true;
                run_ok[i] = true;
                step[i] = action == 's' || action == 'S';
                any = true;
            }
        }
        if (tid < 0) {
            for (unsigned i = count; i < MAX_CPUS; i++) {
                run_ok[i] = true;
            }
        }
        p = q;
    }
    pthread_mutex_unlock(&lock);
    if (any) {
        resume();
    }
    return true;
}

static void continue_all(bool single_step, unsigned cpu)
{
    pthread_mutex_lock(&lock);
    /* Beyond count: threads the guest creates later start as the others run. */
    for (unsigned i = 0; i < MAX_CPUS; i++) {
        run_ok[i] = !single_step || i == cpu;
        step[i] = single_step && i == cpu;
    }
    pthread_mutex_unlock(&lock);
    resume();
}

static void clear_debug_state(void)
{
    pthread_mutex_lock(&lock);
    nb_watchpoints = 0;
    for (unsigned i = 0; i < MAX_CPUS; i++) {
        step[i] = false;
        stepover[i] = false;
    }
    pthread_mutex_unlock(&lock);
    if (gdb_nb_breakpoints) {
        gdb_nb_breakpoints = 0;
        exec_flush_translations();
    }
}

/* Returns false when the connection should end (detach). */
static bool handle_packet(char *p)
{
    char buf[256];

    switch (p[0]) {
    case '?':
        pthread_mutex_lock(&lock);
        event_pending = false;
        pthread_mutex_unlock(&lock);
        event_cpu = g_cpu;
        event_signal = SIGTRAP;
        event_watch = 0;
        send_stop_reply();
        return true;
    case 'g':
        handle_read_regs();
        return true;
    case 'G':
        handle_write_regs(p + 1);
        return true;
    case 'p': {
        uint8_t reg[16];
        char out[40];
        unsigned n = (unsigned)strtoul(p + 1, NULL, 16);
        unsigned sz = n < tgt->nb_regs ? tgt->read_reg(cpu_for(g_cpu)->env, n, reg) : 0;
        if (!sz) {
            put_packet("E00");
            return true;
        }
        gdb_to_hex(reg, sz, out);
        put_packet(out);
        return true;
    }
    case 'P': {
        char *eq;
        unsigned n = (unsigned)strtoul(p + 1, &eq, 16);
        uint8_t reg[16] = { 0 };
        if (*eq != '=' || n >= tgt->nb_regs || gdb_from_hex(eq + 1, strlen(eq + 1), reg) < 0 ||
            !tgt->write_reg(cpu_for(g_cpu)->env, n, reg)) {
            put_packet("E00");
            return true;
        }
        put_packet("OK");
        return true;
    }
    case 'm':
    case 'M':
    case 'X':
        handle_memory(p + 1, p[0]);
        return true;
    case 'Z':
    case 'z':
        handle_point(p + 1, p[0] == 'Z');
        return true;
    case 'H': {
        long t = parse_thread(p + 2);
        if (t == -2) {
            put_packet("E22");
            return true;
        }
        if (t >= 0) {
            if (p[1] == 'g') {
                g_cpu = (unsigned)t;
            } else {
                c_cpu = (unsigned)t;
            }
        }
        put_packet("OK");
        return true;
    }
    case 'T': {
        long t = parse_thread(p + 1);
        put_packet(t >= 0 ? "OK" : "E22");
        return true;
    }
    case 'c':
    case 's':
        if (p[1]) {
            /* c ADDR / s ADDR: resume at ADDR.  Register 32 is pc in every layout we serve. */
            uint64_t pc = strtoull(p + 1, NULL, 16);
            uint8_t b[8];
            memcpy(b, &pc, 8);
            tgt->write_reg(cpu_for(c_cpu)->env, 32, b);
        }
        continue_all(p[0] == 's', c_cpu);
        return true;
    case 'D':
        put_packet("OK");
        return false;
    case 'k':
        emu_log("gdb: kill\n");
        exit(0);
    case 'v':
        if (!strncmp(p, "vCont?", 6)) {
            put_packet("vCont;c;C;s;S");
        } else if (!strncmp(p, "vCont;", 6)) {
            if (!handle_vcont(p + 5)) {
                put_packet("E22");
            }
        } else if (!strncmp(p, "vKill", 5)) {
            put_packet("OK");
            exit(0);
        } else {
            put_packet("");
        }
        return true;
    case 'q':
        if (!strncmp(p, "qSupported", 10)) {
            snprintf(buf, sizeof(buf), "PacketSize=%x;qXfer:features:read+;vContSupported+;"
                                       "QStartNoAckMode+",
                     GDB_MAX_PACKET);
            put_packet(buf);
        } else if (!strncmp(p, "qXfer:features:read:", 20)) {
            handle_xfer(p);
        } else if (!strcmp(p, "qfThreadInfo")) {
            handle_thread_info();
        } else if (!strcmp(p, "qsThreadInfo")) {
            put_packet("l");
        } else if (!strcmp(p, "qC")) {
            snprintf(buf, sizeof(buf), "QC%x", g_cpu + 1);
            put_packet(buf);
        } else if (!strcmp(p, "qAttached")) {
            put_packet("1");
        } else if (!strncmp(p, "qRcmd,", 6)) {
            handle_rcmd(p + 6);
        } else if (!strncmp(p, "qThreadExtraInfo,", 17)) {
            char text[32], out[70];
            long t = parse_thread(p + 17);
            snprintf(text, sizeof(text), "CPU#%ld", t < 0 ? 0 : t);
            gdb_to_hex((const uint8_t *)text, strlen(text), out);
            put_packet(out);
        } else {
            put_packet("");
        }
        return true;
    case 'Q':
        if (!strcmp(p, "QStartNoAckMode")) {
            put_packet("OK");
            no_ack = true;
        } else {
            put_packet("");
        }
        return true;
    default:
        put_packet("");
        return true;
    }
}

/* Serve one connection until gdb detaches or goes away. */
static void serve(void)
{
    GdbRx rx;
    char in[1024];

    gdb_rx_init(&rx);
    no_ack = false;
    g_cpu = c_cpu = 0;
    stop_and_wait();
    pthread_mutex_lock(&lock);
    event_pending = false;
    pthread_mutex_unlock(&lock);
    for (;;) {
        struct pollfd fds[2] = { { conn_fd, POLLIN, 0 }, { wake_pipe[0], POLLIN, 0 } };
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR) {
                continue;
            }
            break;
        }
        if (fds[1].revents & POLLIN) {
            char junk[64];
            bool report;
            if (read(wake_pipe[0], junk, sizeof(junk)) < 0) {
                /* nothing to drain */
            }
            pthread_mutex_lock(&lock);
            while (nb_running) {
                pthread_cond_wait(&stub_cond, &lock);
            }
            report = event_pending;
            event_pending = false;
            pthread_mutex_unlock(&lock);
            if (report) {
                send_stop_reply();
            }
        }
        if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            ssize_t n = recv(conn_fd, in, sizeof(in), 0);
            if (n <= 0) {
                break;
            }
            for (ssize_t i = 0; i < n; i++) {
                switch (gdb_rx_byte(&rx, (uint8_t)in[i])) {
                case GDB_RX_PACKET:
                    if (!no_ack) {
                        send_all("+", 1);
                    }
                    stop_and_wait();   /* all-stop: no CPU runs while a command is served */
                    if (!handle_packet(rx.buf)) {
                        goto detach;
                    }
                    break;
                case GDB_RX_BAD_CHECKSUM:
                    send_all("-", 1);
                    break;
                case GDB_RX_INTERRUPT:
                    pthread_mutex_lock(&lock);
                    {
                        unsigned any = exec_cpu_count();
                        bool running = false;
                        for (unsigned c = 0; c < any && c < MAX_CPUS; c++) {
                            running |= run_ok[c];
                        }
                        if (running && !event_pending) {
                            for (unsigned c = 0; c < any && c < MAX_CPUS; c++) {
                                run_ok[c] = run_ok[c] || c == c_cpu;
                            }
                            report_locked(c_cpu < any ? c_cpu : 0, SIGINT);
                        }
                    }
                    pthread_mutex_unlock(&lock);
                    break;
                default:
                    break;
                }
            }
        }
    }
detach:
    clear_debug_state();
    close(conn_fd);
    conn_fd = -1;
    continue_all(false, 0);
}

static void *stub_thread(void *opaque)
{
    for (;;) {
        int fd = accept(listen_fd, NULL, NULL);
        if (fd < 0) {
            if (errno == EINTR) {
                continue;
            }
            emu_report("gdb: accept: %s", strerror(errno));
            return NULL;
        }
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
        conn_fd = fd;
        serve();
    }
    return NULL;
}

void gdbstub_release_cpus(void)
{
    pthread_mutex_lock(&lock);
    for (unsigned i = 0; i < MAX_CPUS; i++) {
        run_ok[i] = true;
        step[i] = false;
    }
    pthread_cond_broadcast(&cpu_cond);
    pthread_mutex_unlock(&lock);
}

void gdbstub_report_exit(int status)
{
    char payload[8], frame[16];
    int fd = conn_fd;
    if (fd >= 0) {
        snprintf(payload, sizeof(payload), "W%02x", status & 0xff);
        size_t n = gdb_frame(payload, strlen(payload), frame);
        if (send(fd, frame, n, MSG_NOSIGNAL) < 0) {
            /* gdb went away: nothing to tell */
        }
    }
}

bool gdbstub_start(const GdbTarget *target, const GdbOptions *opts, EmuError *err)
{
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)opts->port) };
    int one = 1;
    pthread_t th;

    tgt = target;
    listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listen_fd < 0 || pipe(wake_pipe) < 0) {
        return emu_error_set(err, "gdb: cannot create a socket: %s", strerror(errno));
    }
    setsockopt(listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    sa.sin_addr.s_addr = htonl(INADDR_ANY);
    if (bind(listen_fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(listen_fd, 1) < 0) {
        int e = errno;
        close(listen_fd);
        listen_fd = -1;
        return emu_error_set(err, "gdb: cannot listen on tcp::%d: %s", opts->port, strerror(e));
    }
    default_run = !opts->start_stopped;
    for (unsigned i = 0; i < MAX_CPUS; i++) {
        run_ok[i] = default_run;
    }
    exec_set_watch_hook(watch_check);
    gdbstub_enabled = true;
    if (opts->wait_connection) {
        fprintf(stderr, "gdb: waiting for a connection on tcp::%d\n", opts->port);
    }
    if (pthread_create(&th, NULL, stub_thread, NULL) != 0) {
        return emu_error_set(err, "gdb: cannot create the stub thread");
    }
    pthread_detach(th);
    return true;
}
