/*
 * Guest system calls, the common part: the dispatcher over the per-area
 * tables, checked guest memory access, -strace formatting and errno
 * names.  See syscall.h and syscall-defs.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "accel/user-mem.h"
#include "linux-user/path.h"
#include "linux-user/syscall-defs.h"
#include "linux-user/syscall.h"
#include "util/log.h"

SyscallState syscall_state;

/* --- The table --- */

static const SyscallDef *by_nr[TARGET_NR_MAX];
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static void add_defs(const SyscallDef *defs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        /* Two areas claiming one number is a bug in the tables. */
        if (defs[i].nr >= TARGET_NR_MAX || by_nr[defs[i].nr]) {
            fprintf(stderr, "syscall table: bad or duplicate entry %u (%s)\n", defs[i].nr,
                    defs[i].name);
            abort();
        }
        by_nr[defs[i].nr] = &defs[i];
    }
}

/*
 * Calls whose handlers live elsewhere (linux-user/signal.c answers the
 * signal calls before do_syscall is asked) or do not exist yet: named here
 * so -strace and -d unimp can say what they are.
 */
static const SyscallDef syscall_defs_named[] = {
    { 132, 0, "sigaltstack", NULL, "%p, %p" },
    { 133, 0, "rt_sigsuspend", NULL, "%p, %lu" },
    { 134, 0, "rt_sigaction", NULL, "%d, %p, %p, %lu" },
    { 135, 0, "rt_sigprocmask", NULL, "%d, %p, %p, %lu" },
    { 136, 0, "rt_sigpending", NULL, "%p, %lu" },
    { 137, 0, "rt_sigtimedwait", NULL, "%p, %p, %p, %lu" },
    { 139, 0, "rt_sigreturn", NULL, "" },
    { 98, 0, "futex", NULL, "%p, %d, %d, %p, %p, %d" },
    { 220, 0, "clone", NULL, "%#x, %p, %p, %p, %p" },
    { 435, 0, "clone3", NULL, "%p, %lu" },
    { 74, 0, "signalfd4", NULL, "%d, %p, %lu, %#x" },
    { 436, 0, "close_range", NULL, "%u, %u, %#x" },
    { 92, 0, "personality", NULL, "%#x" },
    { 107, 0, "timer_create", NULL, "%d, %p, %p" },
};

static void build_table(void)
{
    add_defs(syscall_defs_fs, syscall_defs_fs_count);
    add_defs(syscall_defs_mem, syscall_defs_mem_count);
    add_defs(syscall_defs_proc, syscall_defs_proc_count);
    add_defs(syscall_defs_time, syscall_defs_time_count);
    add_defs(syscall_defs_net, syscall_defs_net_count);
    add_defs(syscall_defs_misc, syscall_defs_misc_count);
    add_defs(syscall_defs_named, sizeof(syscall_defs_named) / sizeof(syscall_defs_named[0]));
}

const SyscallDef *syscall_def(uint64_t nr)
{
    pthread_once(&table_once, build_table);
    return nr < TARGET_NR_MAX ? by_nr[nr] : NULL;
}

const char *syscall_name(uint64_t nr)
{
    const SyscallDef *d = syscall_def(nr);
    return d ? d->name : NULL;
}

int64_t do_syscall(uint64_t nr, const uint64_t args[6])
{
    const SyscallDef *d = syscall_def(nr);

    if (!d || !d->fn) {
        emu_log_mask(LOG_UNIMP, "unimplemented syscall %llu%s%s\n", (unsigned long long)nr,
                     d ? " " : "", d ? d->name : "");
        return -ENOSYS;
    }
    return d->fn(args);
}

/*
 * -strace: the call is formatted on entry (so a call that never returns,
 * like exit_group or a blocking read interrupted for good, still shows) and
 * printed with its result on exit.
 */
static __thread char trace_call[1024];
static __thread bool trace_pending;

void syscall_trace_enter(uint64_t nr, const uint64_t args[6])
{
    const SyscallDef *d;

    trace_pending = false;
    if (!log_enabled(LOG_STRACE)) {
        return;
    }
    strace_format_call(trace_call, sizeof(trace_call), nr, args);
    d = syscall_def(nr);
    if (d && (d->flags & SC_NORETURN)) {
        emu_log("%d %s\n", (int)getpid(), trace_call);
        return;
    }
    trace_pending = true;
}

void syscall_trace_exit(uint64_t nr, int64_t ret)
{
    char ret_text[96];

    if (!trace_pending) {
        return;
    }
    trace_pending = false;
    emu_log("%d %s%s\n", (int)getpid(), trace_call,
            strace_format_ret(ret_text, sizeof(ret_text), nr, ret));
}

int64_t syscall_dispatch(uint64_t nr, const uint64_t args[6])
{
    int64_t ret;

    syscall_trace_enter(nr, args);
    ret = do_syscall(nr, args);
    syscall_trace_exit(nr, ret);
    return ret;
}

/* --- The emulator's own descriptors --- */

#define RESERVED_FD_MAX 1024
static uint64_t reserved_fds[RESERVED_FD_MAX / 64];

void syscall_reserve_fd(int fd)
{
    if (fd >= 0 && fd < RESERVED_FD_MAX) {
        __atomic_or_fetch(&reserved_fds[fd / 64], 1ull << (fd % 64), __ATOMIC_RELAXED);
    }
}

bool syscall_fd_reserved(int fd)
{
    return fd >= 0 && fd < RESERVED_FD_MAX &&
           (__atomic_load_n(&reserved_fds[fd / 64], __ATOMIC_RELAXED) >> (fd % 64)) & 1;
}

void syscall_reserve_cloexec_fds(void)
{
    for (int fd = 3; fd < RESERVED_FD_MAX; fd++) {
        int fl = fcntl(fd, F_GETFD);
        if (fl >= 0 && (fl & FD_CLOEXEC)) {
            syscall_reserve_fd(fd);
        }
    }
}

/* --- Paths and the program's own name --- */

static char exe_path[PATH_MAX];

void syscall_set_root(const char *root)
{
    path_set_root(root);
}

void syscall_set_exe_path(const char *path)
{
    char *abs = realpath(path, NULL);

    snprintf(exe_path, sizeof(exe_path), "%s", abs ? abs : path);
    free(abs);
}

const char *syscall_exe_path(void)
{
    return exe_path;
}

bool is_proc_self_exe(const char *path)
{
    char mine[64];

    /* Until main names the program, the host's answer is the only one there is. */
    if (!exe_path[0]) {
        return false;
    }
    if (strcmp(path, "/proc/self/exe") == 0 || strcmp(path, "/proc/thread-self/exe") == 0) {
        return true;
    }
    snprintf(mine, sizeof(mine), "/proc/%d/exe", (int)getpid());
    return strcmp(path, mine) == 0;
}

/* --- Guest memory --- */

void *guest_ptr(uint64_t addr, uint64_t len, unsigned prot)
{
    if (len == 0) {
        return guest_range_ok(addr, 0) ? g2h(addr) : NULL;
    }
    if (!page_check_range(addr, len, prot)) {
        return NULL;
    }
    /*
     * Pages holding translated code are write-protected on the host: the
     * host kernel would answer EFAULT where the guest expects its buffer
     * filled.  Drop those translations first, as a guest store would.
     */
    if (prot & PAGE_WRITE) {
        for (uint64_t a = addr & GUEST_PAGE_MASK; a < addr + len; a += GUEST_PAGE_SIZE) {
            if (page_get_flags(a) & PAGE_CODE) {
                page_unprotect_code(a);
            }
        }
    }
    return g2h(addr);
}

int guest_string(uint64_t addr, size_t max, const char **out)
{
    uint64_t a = addr;

    /* Page by page: the string may end just before an unmapped page. */
    while (a - addr <= max) {
        uint64_t page_end = (a | (GUEST_PAGE_SIZE - 1)) + 1;
        const char *p, *nul;

        if (!guest_range_ok(a, 1) || !(page_get_flags(a) & PAGE_READ)) {
            return -EFAULT;
        }
        p = g2h(a);
        nul = memchr(p, '\0', page_end - a);
        if (nul) {
            if ((uint64_t)(nul - (const char *)g2h(addr)) > max) {
                return -ENAMETOOLONG;
            }
            *out = g2h(addr);
            return 0;
        }
        a = page_end;
    }
    return -ENAMETOOLONG;
}

int guest_path(uint64_t addr, char *buf, size_t size, const char **out)
{
    const char *p;
    int r = guest_string(addr, PATH_MAX - 1, &p);

    if (r < 0) {
        return r;
    }
    *out = path_translate(p, buf, size);
    return 0;
}

int copy_to_guest(uint64_t addr, const void *src, size_t len)
{
    void *p = guest_ptr(addr, len, PAGE_WRITE);

    if (!p) {
        return -EFAULT;
    }
    memcpy(p, src, len);
    return 0;
}

int copy_from_guest(void *dst, uint64_t addr, size_t len)
{
    const void *p = guest_ptr(addr, len, PAGE_READ);

    if (!p) {
        return -EFAULT;
    }
    memcpy(dst, p, len);
    return 0;
}

/* --- errno names (the numbers are the same on aarch64 and x86-64: asm-generic/errno*.h) --- */

static const char *const errno_names[] = {
    [EPERM] = "EPERM", [ENOENT] = "ENOENT", [ESRCH] = "ESRCH", [EINTR] = "EINTR",
    [EIO] = "EIO", [ENXIO] = "ENXIO", [E2BIG] = "E2BIG", [ENOEXEC] = "ENOEXEC",
    [EBADF] = "EBADF", [ECHILD] = "ECHILD", [EAGAIN] = "EAGAIN", [ENOMEM] = "ENOMEM",
    [EACCES] = "EACCES", [EFAULT] = "EFAULT", [ENOTBLK] = "ENOTBLK", [EBUSY] = "EBUSY",
    [EEXIST] = "EEXIST", [EXDEV] = "EXDEV", [ENODEV] = "ENODEV", [ENOTDIR] = "ENOTDIR",
    [EISDIR] = "EISDIR", [EINVAL] = "EINVAL", [ENFILE] = "ENFILE", [EMFILE] = "EMFILE",
    [ENOTTY] = "ENOTTY", [ETXTBSY] = "ETXTBSY", [EFBIG] = "EFBIG", [ENOSPC] = "ENOSPC",
    [ESPIPE] = "ESPIPE", [EROFS] = "EROFS", [EMLINK] = "EMLINK", [EPIPE] = "EPIPE",
    [EDOM] = "EDOM", [ERANGE] = "ERANGE", [EDEADLK] = "EDEADLK",
    [ENAMETOOLONG] = "ENAMETOOLONG", [ENOLCK] = "ENOLCK", [ENOSYS] = "ENOSYS",
    [ENOTEMPTY] = "ENOTEMPTY", [ELOOP] = "ELOOP", [ENOMSG] = "ENOMSG", [EIDRM] = "EIDRM",
    [ENOSTR] = "ENOSTR", [ENODATA] = "ENODATA", [ETIME] = "ETIME", [ENOSR] = "ENOSR",
    [ENOLINK] = "ENOLINK", [EPROTO] = "EPROTO", [EBADMSG] = "EBADMSG",
    [EOVERFLOW] = "EOVERFLOW", [EILSEQ] = "EILSEQ", [EUSERS] = "EUSERS",
    [ENOTSOCK] = "ENOTSOCK", [EDESTADDRREQ] = "EDESTADDRREQ", [EMSGSIZE] = "EMSGSIZE",
    [EPROTOTYPE] = "EPROTOTYPE", [ENOPROTOOPT] = "ENOPROTOOPT",
    [EPROTONOSUPPORT] = "EPROTONOSUPPORT", [ESOCKTNOSUPPORT] = "ESOCKTNOSUPPORT",
    [EOPNOTSUPP] = "EOPNOTSUPP", [EPFNOSUPPORT] = "EPFNOSUPPORT",
    [EAFNOSUPPORT] = "EAFNOSUPPORT", [EADDRINUSE] = "EADDRINUSE",
    [EADDRNOTAVAIL] = "EADDRNOTAVAIL", [ENETDOWN] = "ENETDOWN", [ENETUNREACH] = "ENETUNREACH",
    [ENETRESET] = "ENETRESET", [ECONNABORTED] = "ECONNABORTED", [ECONNRESET] = "ECONNRESET",
    [ENOBUFS] = "ENOBUFS", [EISCONN] = "EISCONN", [ENOTCONN] = "ENOTCONN",
    [ESHUTDOWN] = "ESHUTDOWN", [ETOOMANYREFS] = "ETOOMANYREFS", [ETIMEDOUT] = "ETIMEDOUT",
    [ECONNREFUSED] = "ECONNREFUSED", [EHOSTDOWN] = "EHOSTDOWN",
    [EHOSTUNREACH] = "EHOSTUNREACH", [EALREADY] = "EALREADY", [EINPROGRESS] = "EINPROGRESS",
    [ESTALE] = "ESTALE", [EDQUOT] = "EDQUOT", [ECANCELED] = "ECANCELED",
    [EOWNERDEAD] = "EOWNERDEAD", [ENOTRECOVERABLE] = "ENOTRECOVERABLE",
    [ERFKILL] = "ERFKILL", [EHWPOISON] = "EHWPOISON", [ENOKEY] = "ENOKEY",
    [EKEYEXPIRED] = "EKEYEXPIRED", [EKEYREVOKED] = "EKEYREVOKED",
    [EKEYREJECTED] = "EKEYREJECTED", [ENOMEDIUM] = "ENOMEDIUM",
    [EMEDIUMTYPE] = "EMEDIUMTYPE", [ECHRNG] = "ECHRNG", [EBADFD] = "EBADFD",
    [EREMOTEIO] = "EREMOTEIO", [ENOTUNIQ] = "ENOTUNIQ", [ESTRPIPE] = "ESTRPIPE",
    [512] = "ERESTARTSYS", [513] = "ERESTARTNOINTR", [514] = "ERESTARTNOHAND",
    [516] = "ERESTART_RESTARTBLOCK",
};

const char *errno_name(int err)
{
    if (err <= 0 || (size_t)err >= sizeof(errno_names) / sizeof(errno_names[0])) {
        return NULL;
    }
    return errno_names[err];
}

/* --- -strace --- */

typedef struct OutBuf {
    char *p;
    size_t size, len;
} OutBuf;

static void out(OutBuf *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void out(OutBuf *o, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (o->len >= o->size) {
        return;
    }
    va_start(ap, fmt);
    n = vsnprintf(o->p + o->len, o->size - o->len, fmt, ap);
    va_end(ap);
    if (n > 0) {
        o->len += (size_t)n;
        if (o->len >= o->size) {
            o->len = o->size - 1;
        }
    }
}

static void out_escaped(OutBuf *o, const char *s, size_t len, bool more)
{
    out(o, "\"");
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            out(o, "\\%c", c);
        } else if (c == '\n') {
            out(o, "\\n");
        } else if (c == '\t') {
            out(o, "\\t");
        } else if (c < 0x20 || c >= 0x7f) {
            out(o, "\\%o", c);
        } else {
            out(o, "%c", c);
        }
    }
    out(o, more ? "\"..." : "\"");
}

/* A guest buffer of len bytes (write, sendto): quoted, cut after 32 bytes. */
static void out_guest_buffer(OutBuf *o, uint64_t addr, uint64_t len)
{
    uint64_t shown = len > 32 ? 32 : len;
    const char *p = guest_ptr(addr, shown, PAGE_READ);

    if (!p || addr == 0) {
        out(o, addr ? "0x%llx" : "NULL", (unsigned long long)addr);
        return;
    }
    out_escaped(o, p, shown, shown < len);
}

/* A guest string, quoted, escaped, cut after 64 bytes like strace does. */
static void out_guest_string(OutBuf *o, uint64_t addr)
{
    const char *s;
    size_t n;

    if (addr == 0) {
        out(o, "NULL");
        return;
    }
    if (guest_string(addr, 1u << 20, &s) < 0) {
        out(o, "0x%llx", (unsigned long long)addr);
        return;
    }
    n = strnlen(s, 65);
    out_escaped(o, s, n > 64 ? 64 : n, n > 64);
}

char *strace_format_call(char *buf, size_t size, uint64_t nr, const uint64_t args[6])
{
    const SyscallDef *d = syscall_def(nr);
    OutBuf o = { buf, size, 0 };
    const char *f;
    int argi = 0;

    buf[0] = '\0';
    if (!d) {
        out(&o, "syscall_%llu(0x%llx, 0x%llx, 0x%llx, 0x%llx, 0x%llx, 0x%llx)",
            (unsigned long long)nr, (unsigned long long)args[0], (unsigned long long)args[1],
            (unsigned long long)args[2], (unsigned long long)args[3], (unsigned long long)args[4],
            (unsigned long long)args[5]);
        return buf;
    }
    out(&o, "%s(", d->name);
    for (f = d->fmt ? d->fmt : ""; *f && argi < 6; f++) {
        uint64_t v = args[argi];
        if (*f != '%') {
            out(&o, "%c", *f);   /* the ", " separators */
            continue;
        }
        f++;
        argi++;
        if (strncmp(f, "ld", 2) == 0) {
            out(&o, "%lld", (long long)v);
            f++;
        } else if (strncmp(f, "lu", 2) == 0) {
            out(&o, "%llu", (unsigned long long)v);
            f++;
        } else if (strncmp(f, "#x", 2) == 0) {
            out(&o, "%#llx", (unsigned long long)v);
            f++;
        } else if (strncmp(f, "#o", 2) == 0) {
            out(&o, "%#llo", (unsigned long long)v);
            f++;
        } else if (*f == 'd') {
            out(&o, "%d", (int)v);
        } else if (*f == 'u') {
            out(&o, "%u", (unsigned)v);
        } else if (*f == 'p') {
            if (v) {
                out(&o, "0x%llx", (unsigned long long)v);
            } else {
                out(&o, "NULL");
            }
        } else if (*f == 's') {
            out_guest_string(&o, v);
        } else if (*f == 'b') {
            /* the byte count is the next argument */
            out_guest_buffer(&o, v, argi < 6 ? args[argi] : 0);
        } else if (*f == 'D') {
            if ((int)v == AT_FDCWD) {
                out(&o, "AT_FDCWD");
            } else {
                out(&o, "%d", (int)v);
            }
        } else if (*f == 'O') {
            char flags[256];
            open_flags_format(flags, sizeof(flags), (int)v);
            out(&o, "%s", flags);
        } else {
            /* A bad format is a bug in a table: show the raw value rather than abort. */
            out(&o, "?0x%llx", (unsigned long long)v);
        }
    }
    out(&o, ")");
    return buf;
}

char *strace_format_ret(char *buf, size_t size, uint64_t nr, int64_t ret)
{
    const SyscallDef *d = syscall_def(nr);

    if (ret < 0 && ret >= -4095) {
        const char *name = errno_name((int)-ret);
        if (name) {
            snprintf(buf, size, " = %lld %s (%s)", (long long)ret, name, strerror((int)-ret));
        } else {
            snprintf(buf, size, " = %lld", (long long)ret);
        }
    } else if (d && (d->flags & SC_RET_HEX)) {
        snprintf(buf, size, " = 0x%llx", (unsigned long long)ret);
    } else {
        snprintf(buf, size, " = %lld", (long long)ret);
    }
    return buf;
}
