/*
 * Event and polling calls, ioctl, and the rest: epoll (whose event
 * structure x86-64 packs to 12 bytes while aarch64 pads it to 16),
 * eventfd, ppoll/pselect6, terminal ioctls, getrandom, memfd, openat2.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "accel/user-mem.h"
#include "linux-user/path.h"
#include "linux-user/syscall-defs.h"
#include "util/log.h"

void epoll_event_g2h(struct epoll_event *h, const struct target_epoll_event *t)
{
    h->events = t->events;
    h->data.u64 = t->data;
}

void epoll_event_h2g(struct target_epoll_event *t, const struct epoll_event *h)
{
    t->events = h->events;
    t->pad = 0;
    t->data = h->data.u64;
}

static int64_t sys_eventfd2(const uint64_t *a)
{
    /* EFD_CLOEXEC/EFD_NONBLOCK/EFD_SEMAPHORE: O_CLOEXEC, O_NONBLOCK, 1 on both. */
    return host_ret(eventfd((unsigned)a[0], (int)a[1]));
}

static int64_t sys_epoll_create1(const uint64_t *a)
{
    return host_ret(epoll_create1((int)a[0]));
}

static int64_t sys_epoll_ctl(const uint64_t *a)
{
    struct target_epoll_event t;
    struct epoll_event h, *hp = NULL;

    /* EPOLL_CTL_DEL ignores the event (old kernels wanted it non-NULL, we do not). */
    if (a[3]) {
        if (copy_from_guest(&t, a[3], sizeof(t)) < 0) {
            return -EFAULT;
        }
        epoll_event_g2h(&h, &t);
        hp = &h;
    }
    return host_ret(epoll_ctl((int)a[0], (int)a[1], (int)a[2], hp));
}

/* The guest's signal mask for the duration of a call: 8 bytes (_NSIG 64) on both. */
static int64_t guest_sigmask(uint64_t addr, uint64_t size, const void **out)
{
    *out = NULL;
    if (!addr) {
        return 0;
    }
    if (size != 8) {
        return -EINVAL;
    }
    *out = guest_ptr(addr, 8, PAGE_READ);
    return *out ? 0 : -EFAULT;
}

static int64_t sys_epoll_pwait(const uint64_t *a)
{
    int maxevents = (int)a[2];
    struct target_epoll_event *gev;
    struct epoll_event *hev;
    const void *mask;
    int64_t r;

    if (maxevents <= 0 || maxevents > INT_MAX / (int)sizeof(struct target_epoll_event)) {
        return -EINVAL;
    }
    gev = guest_ptr(a[1], (uint64_t)maxevents * sizeof(*gev), PAGE_WRITE);
    if (!gev) {
        return -EFAULT;
    }
    r = guest_sigmask(a[4], a[5], &mask);
    if (r < 0) {
        return r;
    }
    hev = malloc((size_t)maxevents * sizeof(*hev));
    if (!hev) {
        return -ENOMEM;
    }
    r = host_ret(syscall(SYS_epoll_pwait, (int)a[0], hev, maxevents, (int)a[3], mask,
                         mask ? (size_t)8 : (size_t)0));
    for (int64_t i = 0; i < r; i++) {
        epoll_event_h2g(&gev[i], &hev[i]);
    }
    free(hev);
    return r;
}

static int64_t sys_ppoll(const uint64_t *a)
{
    /* struct pollfd (8 bytes) and POLL* bits are the same. */
    void *fds = a[1] > (1u << 20) ? NULL : guest_ptr(a[0], a[1] * 8, PAGE_READ | PAGE_WRITE);
    void *ts = NULL;
    const void *mask;
    int64_t r;

    if (a[1] > (1u << 20)) {
        return -EINVAL;   /* more than any RLIMIT_NOFILE allows */
    }
    if (!fds) {
        return -EFAULT;
    }
    if (a[2] && !(ts = guest_ptr(a[2], 16, PAGE_READ | PAGE_WRITE))) {
        return -EFAULT;
    }
    r = guest_sigmask(a[3], a[4], &mask);
    if (r < 0) {
        return r;
    }
    return host_ret(syscall(SYS_ppoll, fds, (unsigned long)a[1], ts, mask, mask ? 8 : 0));
}

static int64_t sys_pselect6(const uint64_t *a)
{
    int n = (int)a[0];
    uint64_t set_bytes;
    void *sets[3] = { NULL, NULL, NULL }, *ts = NULL;
    struct {
        const void *ss;
        size_t len;
    } sig = { NULL, 0 }, *sigp = NULL;

    if (n < 0) {
        return -EINVAL;
    }
    /* fd_set is an array of longs on both. */
    set_bytes = ((uint64_t)n + 63) / 64 * 8;
    for (int i = 0; i < 3; i++) {
        if (a[1 + i] && !(sets[i] = guest_ptr(a[1 + i], set_bytes, PAGE_READ | PAGE_WRITE))) {
            return -EFAULT;
        }
    }
    if (a[4] && !(ts = guest_ptr(a[4], 16, PAGE_READ | PAGE_WRITE))) {
        return -EFAULT;
    }
    /* The sixth argument points at { const sigset_t *ss; size_t ss_len; } in guest memory. */
    if (a[5]) {
        uint64_t g[2];
        int64_t r;
        if (copy_from_guest(g, a[5], sizeof(g)) < 0) {
            return -EFAULT;
        }
        r = guest_sigmask(g[0], g[1], &sig.ss);
        if (r < 0) {
            return r;
        }
        sig.len = sig.ss ? 8 : 0;
        sigp = &sig;
    }
    return host_ret(syscall(SYS_pselect6, n, sets[0], sets[1], sets[2], ts, sigp));
}

/* Terminal and file ioctls (asm-generic/ioctls.h numbers, used by x86-64 too). */
enum {
    T_TCGETS = 0x5401, T_TCSETS = 0x5402, T_TCSETSW = 0x5403, T_TCSETSF = 0x5404,
    T_TCSBRK = 0x5409, T_TCXONC = 0x540A, T_TCFLSH = 0x540B, T_TIOCSCTTY = 0x540E,
    T_TIOCGPGRP = 0x540F, T_TIOCSPGRP = 0x5410, T_TIOCOUTQ = 0x5411, T_TIOCGWINSZ = 0x5413,
    T_TIOCSWINSZ = 0x5414, T_FIONREAD = 0x541B, T_FIONBIO = 0x5421, T_TIOCNOTTY = 0x5422,
    T_TIOCGSID = 0x5429, T_FIONCLEX = 0x5450, T_FIOCLEX = 0x5451, T_FIOASYNC = 0x5452,
    T_TIOCGPTN = 0x80045430, T_TIOCSPTLCK = 0x40045431,
};

static int64_t ioctl_ptr(int fd, unsigned long req, uint64_t addr, uint64_t len, unsigned prot)
{
    void *p = guest_ptr(addr, len, prot);
    return p ? host_ret(ioctl(fd, req, p)) : -EFAULT;
}

static int64_t sys_ioctl(const uint64_t *a)
{
    int fd = (int)a[0];
    unsigned long req = (uint32_t)a[1];

    switch (req) {
    case T_TCGETS:
        /* The kernel termios is the same 36 bytes with the same flag values on both. */
        return ioctl_ptr(fd, req, a[2], sizeof(struct target_termios), PAGE_WRITE);
    case T_TCSETS:
    case T_TCSETSW:
    case T_TCSETSF:
        return ioctl_ptr(fd, req, a[2], sizeof(struct target_termios), PAGE_READ);
    case T_TIOCGWINSZ:
        return ioctl_ptr(fd, req, a[2], 8, PAGE_WRITE);    /* struct winsize: 4 shorts */
    case T_TIOCSWINSZ:
        return ioctl_ptr(fd, req, a[2], 8, PAGE_READ);
    case T_TIOCGPGRP:
    case T_TIOCGSID:
    case T_FIONREAD:
    case T_TIOCOUTQ:
    case T_TIOCGPTN:
        return ioctl_ptr(fd, req, a[2], 4, PAGE_WRITE);
    case T_TIOCSPGRP:
    case T_FIONBIO:
    case T_FIOASYNC:
    case T_TIOCSPTLCK:
        return ioctl_ptr(fd, req, a[2], 4, PAGE_READ);
    case T_TCSBRK:
    case T_TCXONC:
    case T_TCFLSH:
    case T_TIOCSCTTY:
        return host_ret(ioctl(fd, req, (int)a[2]));
    case T_TIOCNOTTY:
    case T_FIONCLEX:
    case T_FIOCLEX:
        return host_ret(ioctl(fd, req));
    default:
        emu_log_mask(LOG_UNIMP, "ioctl: unsupported request 0x%lx on fd %d\n", req, fd);
        return -ENOTTY;
    }
}

static int64_t sys_getrandom(const uint64_t *a)
{
    void *p = guest_ptr(a[0], a[1], PAGE_WRITE);
    /* GRND_* are plain flags, the same everywhere. */
    return p ? host_ret(getrandom(p, a[1], (unsigned)a[2])) : -EFAULT;
}

static int64_t sys_memfd_create(const uint64_t *a)
{
    const char *name;
    int r = guest_string(a[0], 249, &name);   /* the kernel's limit: 249 bytes plus "memfd:" */

    if (r < 0) {
        return r == -ENAMETOOLONG ? -EINVAL : r;
    }
    return host_ret(memfd_create(name, (unsigned)a[1]));
}

/* struct open_how (include/uapi/linux/openat2.h): flags, mode, resolve; 24 bytes. */
static int64_t sys_openat2(const uint64_t *a)
{
    char buf[PATH_MAX];
    const char *p;
    uint64_t how[3];
    const uint8_t *extra;
    int r = guest_path(a[1], buf, sizeof(buf), &p);

    if (r < 0) {
        return r;
    }
    if (a[3] < sizeof(how)) {
        return -EINVAL;
    }
    if (a[3] > 4096) {
        return -E2BIG;
    }
    if (copy_from_guest(how, a[2], sizeof(how)) < 0 ||
        !(extra = guest_ptr(a[2] + sizeof(how), a[3] - sizeof(how), PAGE_READ))) {
        return -EFAULT;
    }
    /* Fields we do not know must be zero (the kernel's rule for extensible structs). */
    for (uint64_t i = 0; i < a[3] - sizeof(how); i++) {
        if (extra[i]) {
            return -E2BIG;
        }
    }
    if (how[0] >> 32) {
        return -EINVAL;
    }
    how[0] = (uint32_t)open_flags_g2h((int)how[0]);
    if (is_proc_self_exe(p)) {
        p = syscall_exe_path();
    }
    /* 437 on every architecture; an old host kernel answers -ENOSYS itself. */
    r = (int)host_ret(syscall(437, (int)a[0], p, how, sizeof(how)));
    if (how[0] & O_CREAT) {
        path_cache_flush();
    }
    return r;
}

const SyscallDef syscall_defs_misc[] = {
    { TARGET_NR_ioctl, 0, "ioctl", sys_ioctl, "%d, %#x, %#x" },
    { TARGET_NR_eventfd2, 0, "eventfd2", sys_eventfd2, "%u, %#x" },
    { TARGET_NR_epoll_create1, 0, "epoll_create1", sys_epoll_create1, "%#x" },
    { TARGET_NR_epoll_ctl, 0, "epoll_ctl", sys_epoll_ctl, "%d, %d, %d, %p" },
    { TARGET_NR_epoll_pwait, 0, "epoll_pwait", sys_epoll_pwait, "%d, %p, %d, %d, %p, %lu" },
    { TARGET_NR_ppoll, 0, "ppoll", sys_ppoll, "%p, %u, %p, %p, %lu" },
    { TARGET_NR_pselect6, 0, "pselect6", sys_pselect6, "%d, %p, %p, %p, %p, %p" },
    { TARGET_NR_getrandom, 0, "getrandom", sys_getrandom, "%p, %lu, %#x" },
    { TARGET_NR_memfd_create, 0, "memfd_create", sys_memfd_create, "%s, %#x" },
    { TARGET_NR_openat2, 0, "openat2", sys_openat2, "%D, %s, %p, %lu" },
};
const size_t syscall_defs_misc_count = sizeof(syscall_defs_misc) / sizeof(syscall_defs_misc[0]);
