/* Guest system calls: see syscall.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "accel/user-mem.h"
#include "linux-user/syscall.h"
#include "util/log.h"

SyscallState syscall_state;

/* aarch64 uses the asm-generic numbering (include/uapi/asm-generic/unistd.h). */
enum {
    TARGET_NR_close = 57,
    TARGET_NR_read = 63,
    TARGET_NR_write = 64,
    TARGET_NR_readv = 65,
    TARGET_NR_writev = 66,
    TARGET_NR_exit = 93,
    TARGET_NR_exit_group = 94,
    TARGET_NR_set_tid_address = 96,
    TARGET_NR_clock_gettime = 113,
    TARGET_NR_uname = 160,
    TARGET_NR_getpid = 172,
    TARGET_NR_getppid = 173,
    TARGET_NR_getuid = 174,
    TARGET_NR_geteuid = 175,
    TARGET_NR_getgid = 176,
    TARGET_NR_getegid = 177,
    TARGET_NR_gettid = 178,
    TARGET_NR_brk = 214,
    TARGET_NR_munmap = 215,
    TARGET_NR_mmap = 222,
    TARGET_NR_mprotect = 226,
};

static const struct {
    uint64_t nr;
    const char *name;
} syscall_names[] = {
    { TARGET_NR_close, "close" }, { TARGET_NR_read, "read" }, { TARGET_NR_write, "write" },
    { TARGET_NR_readv, "readv" }, { TARGET_NR_writev, "writev" }, { TARGET_NR_exit, "exit" },
    { TARGET_NR_exit_group, "exit_group" }, { TARGET_NR_set_tid_address, "set_tid_address" },
    { TARGET_NR_clock_gettime, "clock_gettime" }, { TARGET_NR_uname, "uname" },
    { TARGET_NR_getpid, "getpid" }, { TARGET_NR_getppid, "getppid" },
    { TARGET_NR_getuid, "getuid" }, { TARGET_NR_geteuid, "geteuid" },
    { TARGET_NR_getgid, "getgid" }, { TARGET_NR_getegid, "getegid" },
    { TARGET_NR_gettid, "gettid" }, { TARGET_NR_brk, "brk" }, { TARGET_NR_munmap, "munmap" },
    { TARGET_NR_mmap, "mmap" }, { TARGET_NR_mprotect, "mprotect" },
};

const char *syscall_name(uint64_t nr)
{
    for (size_t i = 0; i < sizeof(syscall_names) / sizeof(syscall_names[0]); i++) {
        if (syscall_names[i].nr == nr) {
            return syscall_names[i].name;
        }
    }
    return NULL;
}

static int64_t host_ret(int64_t r)
{
    return r < 0 ? -errno : r;
}

static int64_t sys_brk(uint64_t new_brk)
{
    SyscallState *s = &syscall_state;
    uint64_t old_end = (s->brk_cur + GUEST_PAGE_SIZE - 1) & GUEST_PAGE_MASK;
    uint64_t new_end = (new_brk + GUEST_PAGE_SIZE - 1) & GUEST_PAGE_MASK;

    /* Linux returns the current break when the request cannot be met. */
    if (new_brk < s->brk_start || !guest_range_ok(new_brk, 0)) {
        return (int64_t)s->brk_cur;
    }
    if (new_end > old_end) {
        if (!guest_range_ok(old_end, new_end - old_end)) {
            return (int64_t)s->brk_cur;
        }
        for (uint64_t a = old_end; a < new_end; a += GUEST_PAGE_SIZE) {
            if (page_get_flags(a) & PAGE_VALID) {
                return (int64_t)s->brk_cur;   /* would run into another mapping */
            }
        }
        if (guest_mmap(old_end, new_end - old_end, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) < 0) {
            return (int64_t)s->brk_cur;
        }
    } else if (new_end < old_end) {
        guest_munmap(new_end, old_end - new_end);
    }
    s->brk_cur = new_brk;
    return (int64_t)new_brk;
}

/* readv/writev: copy the guest iovec, checking every buffer. */
static int64_t sys_rwv(bool is_write, int fd, uint64_t iov_addr, uint64_t cnt)
{
    struct iovec iov[1024];
    const uint64_t *giov;

    if (cnt > 1024) {
        return -EINVAL;
    }
    if (!page_check_range(iov_addr, cnt * 16, PAGE_READ)) {
        return -EFAULT;
    }
    giov = g2h(iov_addr);
    for (uint64_t i = 0; i < cnt; i++) {
        uint64_t base = giov[2 * i], len = giov[2 * i + 1];
        if (len && !page_check_range(base, len, is_write ? PAGE_READ : PAGE_WRITE)) {
            return -EFAULT;
        }
        iov[i].iov_base = g2h(base);
        iov[i].iov_len = len;
    }
    return host_ret(is_write ? writev(fd, iov, (int)cnt) : readv(fd, iov, (int)cnt));
}

static int64_t sys_uname(uint64_t addr)
{
    struct utsname u;

    if (!page_check_range(addr, sizeof(u), PAGE_WRITE)) {
        return -EFAULT;
    }
    if (uname(&u) < 0) {
        return -errno;
    }
    /* The guest must see the machine it thinks it runs on. */
    snprintf(u.machine, sizeof(u.machine), "aarch64");
    memcpy(g2h(addr), &u, sizeof(u));
    return 0;
}

int64_t do_syscall(uint64_t nr, const uint64_t a[6])
{
    int64_t ret;

    switch (nr) {
    case TARGET_NR_write:
        if (a[2] && !page_check_range(a[1], a[2], PAGE_READ)) {
            ret = -EFAULT;
        } else {
            ret = host_ret(write((int)a[0], g2h(a[1]), a[2]));
        }
        break;
    case TARGET_NR_read:
        if (a[2] && !page_check_range(a[1], a[2], PAGE_WRITE)) {
            ret = -EFAULT;
        } else {
            ret = host_ret(read((int)a[0], g2h(a[1]), a[2]));
        }
        break;
    case TARGET_NR_readv:
        ret = sys_rwv(false, (int)a[0], a[1], a[2]);
        break;
    case TARGET_NR_writev:
        ret = sys_rwv(true, (int)a[0], a[1], a[2]);
        break;
    case TARGET_NR_close:
        /* The emulator's own standard streams stay open for its messages. */
        ret = host_ret(close((int)a[0]));
        break;
    case TARGET_NR_exit:
    case TARGET_NR_exit_group:
        syscall_state.exit_requested = 1;
        syscall_state.exit_status = (int)(a[0] & 0xff);
        ret = 0;
        break;
    case TARGET_NR_set_tid_address:
    case TARGET_NR_gettid:
        ret = syscall(SYS_gettid);
        break;
    case TARGET_NR_getpid:
        ret = getpid();
        break;
    case TARGET_NR_getppid:
        ret = getppid();
        break;
    case TARGET_NR_getuid:
        ret = getuid();
        break;
    case TARGET_NR_geteuid:
        ret = geteuid();
        break;
    case TARGET_NR_getgid:
        ret = getgid();
        break;
    case TARGET_NR_getegid:
        ret = getegid();
        break;
    case TARGET_NR_clock_gettime: {
        struct timespec ts;
        /* struct timespec is two 64-bit fields on both aarch64 and x86-64. */
        if (!page_check_range(a[1], sizeof(ts), PAGE_WRITE)) {
            ret = -EFAULT;
            break;
        }
        ret = host_ret(clock_gettime((clockid_t)a[0], &ts));
        if (ret == 0) {
            memcpy(g2h(a[1]), &ts, sizeof(ts));
        }
        break;
    }
    case TARGET_NR_uname:
        ret = sys_uname(a[0]);
        break;
    case TARGET_NR_brk:
        ret = sys_brk(a[0]);
        break;
    case TARGET_NR_mmap:
        /* aarch64 and x86-64 share the generic MAP_* and PROT_* values. */
        ret = guest_mmap(a[0], a[1], (int)a[2], (int)a[3], (int)a[4], (off_t)a[5]);
        break;
    case TARGET_NR_munmap:
        ret = guest_munmap(a[0], a[1]);
        break;
    case TARGET_NR_mprotect:
        ret = guest_mprotect(a[0], a[1], (int)a[2]);
        break;
    default:
        emu_log_mask(LOG_UNIMP, "unimplemented syscall %llu\n", (unsigned long long)nr);
        ret = -ENOSYS;
        break;
    }
    return ret;
}
