/*
 * Time calls.  struct timespec, timeval, itimerspec and itimerval are
 * 64-bit fields on both LP64 ABIs and clock ids are the same numbers, so
 * these only check and translate pointers.
 */
#include <errno.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>
#include "accel/user-mem.h"
#include "linux-user/syscall-defs.h"

#define TIMESPEC_SIZE 16
#define ITIMERSPEC_SIZE 32

/* Optional guest pointer: NULL stays NULL; a bad one gives -EFAULT through *bad. */
static void *opt_ptr(uint64_t addr, uint64_t len, unsigned prot, bool *bad)
{
    void *p = NULL;
    if (addr) {
        p = guest_ptr(addr, len, prot);
        if (!p) {
            *bad = true;
        }
    }
    return p;
}

static int64_t sys_clock_gettime(const uint64_t *a)
{
    struct timespec ts;
    int64_t r = host_ret(clock_gettime((clockid_t)a[0], &ts));
    return r < 0 ? r : copy_to_guest(a[1], &ts, sizeof(ts));
}

static int64_t sys_clock_getres(const uint64_t *a)
{
    struct timespec ts;
    int64_t r = host_ret(clock_getres((clockid_t)a[0], &ts));
    /* The result pointer may be NULL. */
    return r < 0 || !a[1] ? r : copy_to_guest(a[1], &ts, sizeof(ts));
}

static int64_t sys_clock_settime(const uint64_t *a)
{
    struct timespec ts;
    if (copy_from_guest(&ts, a[1], sizeof(ts)) < 0) {
        return -EFAULT;
    }
    return host_ret(clock_settime((clockid_t)a[0], &ts));
}

static int64_t sys_nanosleep(const uint64_t *a)
{
    bool bad = false;
    void *req = guest_ptr(a[0], TIMESPEC_SIZE, PAGE_READ);
    void *rem = opt_ptr(a[1], TIMESPEC_SIZE, PAGE_WRITE, &bad);

    if (!req || bad) {
        return -EFAULT;
    }
    return host_ret(syscall(SYS_nanosleep, req, rem));
}

static int64_t sys_clock_nanosleep(const uint64_t *a)
{
    bool bad = false;
    void *req = guest_ptr(a[2], TIMESPEC_SIZE, PAGE_READ);
    void *rem = opt_ptr(a[3], TIMESPEC_SIZE, PAGE_WRITE, &bad);

    if (!req || bad) {
        return -EFAULT;
    }
    /* The raw call returns -errno like the kernel; glibc's wrapper would return +errno. */
    return host_ret(syscall(SYS_clock_nanosleep, (clockid_t)a[0], (int)a[1], req, rem));
}

static int64_t sys_gettimeofday(const uint64_t *a)
{
    bool bad = false;
    void *tv = opt_ptr(a[0], 16, PAGE_WRITE, &bad);
    void *tz = opt_ptr(a[1], 8, PAGE_WRITE, &bad);

    if (bad) {
        return -EFAULT;
    }
    return host_ret(syscall(SYS_gettimeofday, tv, tz));
}

static int64_t sys_getitimer(const uint64_t *a)
{
    void *p = guest_ptr(a[1], ITIMERSPEC_SIZE, PAGE_WRITE);   /* itimerval: 4 longs too */
    return p ? host_ret(syscall(SYS_getitimer, (int)a[0], p)) : -EFAULT;
}

static int64_t sys_setitimer(const uint64_t *a)
{
    bool bad = false;
    void *nv = opt_ptr(a[1], ITIMERSPEC_SIZE, PAGE_READ, &bad);
    void *ov = opt_ptr(a[2], ITIMERSPEC_SIZE, PAGE_WRITE, &bad);

    if (bad) {
        return -EFAULT;
    }
    return host_ret(syscall(SYS_setitimer, (int)a[0], nv, ov));
}

static int64_t sys_timerfd_create(const uint64_t *a)
{
    /* TFD_CLOEXEC/TFD_NONBLOCK are O_CLOEXEC/O_NONBLOCK: unmoved bits. */
    return host_ret(timerfd_create((int)a[0], (int)a[1]));
}

static int64_t sys_timerfd_settime(const uint64_t *a)
{
    bool bad = false;
    void *nv = guest_ptr(a[2], ITIMERSPEC_SIZE, PAGE_READ);
    void *ov = opt_ptr(a[3], ITIMERSPEC_SIZE, PAGE_WRITE, &bad);

    if (!nv || bad) {
        return -EFAULT;
    }
    return host_ret(timerfd_settime((int)a[0], (int)a[1], nv, ov));
}

static int64_t sys_timerfd_gettime(const uint64_t *a)
{
    void *cur = guest_ptr(a[1], ITIMERSPEC_SIZE, PAGE_WRITE);
    return cur ? host_ret(timerfd_gettime((int)a[0], cur)) : -EFAULT;
}

const SyscallDef syscall_defs_time[] = {
    { TARGET_NR_clock_gettime, 0, "clock_gettime", sys_clock_gettime, "%d, %p" },
    { TARGET_NR_clock_getres, 0, "clock_getres", sys_clock_getres, "%d, %p" },
    { TARGET_NR_clock_settime, 0, "clock_settime", sys_clock_settime, "%d, %p" },
    { TARGET_NR_nanosleep, 0, "nanosleep", sys_nanosleep, "%p, %p" },
    { TARGET_NR_clock_nanosleep, 0, "clock_nanosleep", sys_clock_nanosleep, "%d, %#x, %p, %p" },
    { TARGET_NR_gettimeofday, 0, "gettimeofday", sys_gettimeofday, "%p, %p" },
    { TARGET_NR_getitimer, 0, "getitimer", sys_getitimer, "%d, %p" },
    { TARGET_NR_setitimer, 0, "setitimer", sys_setitimer, "%d, %p, %p" },
    { TARGET_NR_timerfd_create, 0, "timerfd_create", sys_timerfd_create, "%d, %#x" },
    { TARGET_NR_timerfd_settime, 0, "timerfd_settime", sys_timerfd_settime, "%d, %#x, %p, %p" },
    { TARGET_NR_timerfd_gettime, 0, "timerfd_gettime", sys_timerfd_gettime, "%d, %p" },
};
const size_t syscall_defs_time_count = sizeof(syscall_defs_time) / sizeof(syscall_defs_time[0]);
