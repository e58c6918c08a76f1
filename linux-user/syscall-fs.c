/*
 * File and file-system calls: open flags, struct stat/statfs conversion,
 * path prefixing (-L), /proc/self/exe.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/xattr.h>
#include <unistd.h>
#include "accel/user-mem.h"
#include "linux-user/path.h"
#include "linux-user/procview.h"
#include "linux-user/syscall-defs.h"
#include "linux-user/syscall.h"
#include "util/log.h"

/*
 * O_* bits that differ: arm64's arch/arm64/include/uapi/asm/fcntl.h moves
 * four of them; x86-64 keeps the asm-generic values.  glibc defines
 * O_LARGEFILE as 0 on x86-64, so the host values are spelled out.
 */
enum {
    G_O_DIRECTORY = 040000, G_O_NOFOLLOW = 0100000, G_O_DIRECT = 0200000, G_O_LARGEFILE = 0400000,
    H_O_DIRECT = 040000, H_O_LARGEFILE = 0100000, H_O_DIRECTORY = 0200000, H_O_NOFOLLOW = 0400000,
};

static const struct {
    int guest, host;
} moved_flags[] = {
    { G_O_DIRECTORY, H_O_DIRECTORY }, { G_O_NOFOLLOW, H_O_NOFOLLOW },
    { G_O_DIRECT, H_O_DIRECT }, { G_O_LARGEFILE, H_O_LARGEFILE },
};
#define MOVED_MASK 0740000   /* the same four bit positions on both sides */

int open_flags_g2h(int g)
{
    int h = g & ~MOVED_MASK;
    for (size_t i = 0; i < sizeof(moved_flags) / sizeof(moved_flags[0]); i++) {
        if (g & moved_flags[i].guest) {
            h |= moved_flags[i].host;
        }
    }
    return h;
}

int open_flags_h2g(int h)
{
    int g = h & ~MOVED_MASK;
    for (size_t i = 0; i < sizeof(moved_flags) / sizeof(moved_flags[0]); i++) {
        if (h & moved_flags[i].host) {
            g |= moved_flags[i].guest;
        }
    }
    return g;
}

void open_flags_format(char *buf, size_t size, int g)
{
    static const struct {
        int bit;
        const char *name;
    } names[] = {
        { 0100, "O_CREAT" }, { 0200, "O_EXCL" }, { 0400, "O_NOCTTY" }, { 01000, "O_TRUNC" },
        { 02000, "O_APPEND" }, { 04000, "O_NONBLOCK" }, { 04010000, "O_SYNC" },
        { 010000, "O_DSYNC" }, { 020000, "O_ASYNC" }, { G_O_DIRECTORY, "O_DIRECTORY" },
        { G_O_NOFOLLOW, "O_NOFOLLOW" }, { G_O_DIRECT, "O_DIRECT" },
        { G_O_LARGEFILE, "O_LARGEFILE" }, { 01000000, "O_NOATIME" }, { 02000000, "O_CLOEXEC" },
        { 010000000, "O_PATH" }, { 020000000, "O_TMPFILE" },
    };
    static const char *const acc[] = { "O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE" };
    size_t len;
    int rest = g & ~3;

    snprintf(buf, size, "%s", acc[g & 3]);
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if ((rest & names[i].bit) == names[i].bit) {
            len = strlen(buf);
            snprintf(buf + len, size - len, "|%s", names[i].name);
            rest &= ~names[i].bit;
        }
    }
    if (rest) {
        len = strlen(buf);
        snprintf(buf + len, size - len, "|%#o", rest);
    }
}

void stat_h2g(struct target_stat *t, const struct stat *h)
{
    memset(t, 0, sizeof(*t));
    t->st_dev = h->st_dev;
    t->st_ino = h->st_ino;
    t->st_mode = h->st_mode;
    t->st_nlink = (uint32_t)h->st_nlink;   /* 64-bit on x86-64, 32-bit on aarch64 */
    t->st_uid = h->st_uid;
    t->st_gid = h->st_gid;
    t->st_rdev = h->st_rdev;
    t->st_size = h->st_size;
    t->st_blksize = (int32_t)h->st_blksize;
    t->st_blocks = h->st_blocks;
    t->st_atime_sec = h->st_atim.tv_sec;
    t->st_atime_nsec = (uint64_t)h->st_atim.tv_nsec;
    t->st_mtime_sec = h->st_mtim.tv_sec;
    t->st_mtime_nsec = (uint64_t)h->st_mtim.tv_nsec;
    t->st_ctime_sec = h->st_ctim.tv_sec;
    t->st_ctime_nsec = (uint64_t)h->st_ctim.tv_nsec;
}

void statfs_h2g(struct target_statfs *t, const struct statfs *h)
{
    memset(t, 0, sizeof(*t));
    t->f_type = h->f_type;
    t->f_bsize = h->f_bsize;
    t->f_blocks = h->f_blocks;
    t->f_bfree = h->f_bfree;
    t->f_bavail = h->f_bavail;
    t->f_files = h->f_files;
    t->f_ffree = h->f_ffree;
    memcpy(t->f_fsid, &h->f_fsid, sizeof(t->f_fsid));
    t->f_namelen = h->f_namelen;
    t->f_frsize = h->f_frsize;
    t->f_flags = h->f_flags;
}

#define GET_PATH(var, addr, buf)                                  \
    do {                                                          \
        int r_ = guest_path((addr), (buf), sizeof(buf), &(var));  \
        if (r_ < 0) {                                             \
            return r_;                                            \
        }                                                         \
    } while (0)

/* --- open, close, read, write --- */

static int64_t sys_openat(const uint64_t *a)
{
    char buf[PATH_MAX];
    const char *p, *raw;
    int flags = open_flags_g2h((int)a[2]);
    int64_t r;

    GET_PATH(p, a[1], buf);
    /* /proc/self/maps, auxv, /proc/cpuinfo: the guest's view (procview.h), by the name it wrote. */
    if (guest_string(a[1], PATH_MAX - 1, &raw) == 0 && procview_open(raw, flags, &r)) {
        return r;
    }
    if (is_proc_self_exe(p)) {
        p = syscall_exe_path();
    }
    r = host_ret(openat((int)a[0], p, flags, (mode_t)a[3]));
    if (flags & O_CREAT) {
        path_cache_flush();
    }
    return r;
}

static int64_t sys_close(const uint64_t *a)
{
    if (syscall_fd_reserved((int)a[0])) {
        return 0;   /* the emulator's: it stays open (see syscall_reserve_fd) */
    }
    return host_ret(close((int)a[0]));
}

static int64_t sys_read(const uint64_t *a)
{
    void *p = guest_ptr(a[1], a[2], PAGE_WRITE);
    return p ? host_ret(read((int)a[0], p, a[2])) : -EFAULT;
}

static int64_t sys_write(const uint64_t *a)
{
    void *p = guest_ptr(a[1], a[2], PAGE_READ);
    return p ? host_ret(write((int)a[0], p, a[2])) : -EFAULT;
}

static int64_t sys_pread64(const uint64_t *a)
{
    void *p = guest_ptr(a[1], a[2], PAGE_WRITE);
    return p ? host_ret(pread((int)a[0], p, a[2], (off_t)a[3])) : -EFAULT;
}

static int64_t sys_pwrite64(const uint64_t *a)
{
    void *p = guest_ptr(a[1], a[2], PAGE_READ);
    return p ? host_ret(pwrite((int)a[0], p, a[2], (off_t)a[3])) : -EFAULT;
}

#define IOV_MAX_GUEST 1024

/*
 * struct iovec is two 64-bit words on both; only the base pointers need
 * translating.  Buffers the call writes must be guest-writable.
 */
static int64_t load_iovec(struct iovec *iov, uint64_t addr, uint64_t cnt, bool to_guest)
{
    const uint64_t *g;

    if (cnt > IOV_MAX_GUEST) {
        return -EINVAL;
    }
    g = guest_ptr(addr, cnt * 16, PAGE_READ);
    if (!g) {
        return -EFAULT;
    }
    for (uint64_t i = 0; i < cnt; i++) {
        void *p = guest_ptr(g[2 * i], g[2 * i + 1], to_guest ? PAGE_WRITE : PAGE_READ);
        if (!p) {
            return -EFAULT;
        }
        iov[i].iov_base = p;
        iov[i].iov_len = g[2 * i + 1];
    }
    return 0;
}

static int64_t sys_readv(const uint64_t *a)
{
    struct iovec iov[IOV_MAX_GUEST];
    int64_t r = load_iovec(iov, a[1], a[2], true);
    return r < 0 ? r : host_ret(readv((int)a[0], iov, (int)a[2]));
}

static int64_t sys_writev(const uint64_t *a)
{
    struct iovec iov[IOV_MAX_GUEST];
    int64_t r = load_iovec(iov, a[1], a[2], false);
    return r < 0 ? r : host_ret(writev((int)a[0], iov, (int)a[2]));
}

/* On 64-bit kernels the offset is the pos_l argument alone (pos_h is ignored). */
static int64_t sys_preadv(const uint64_t *a)
{
    struct iovec iov[IOV_MAX_GUEST];
    int64_t r = load_iovec(iov, a[1], a[2], true);
    return r < 0 ? r : host_ret(preadv((int)a[0], iov, (int)a[2], (off_t)a[3]));
}

static int64_t sys_pwritev(const uint64_t *a)
{
    struct iovec iov[IOV_MAX_GUEST];
    int64_t r = load_iovec(iov, a[1], a[2], false);
    return r < 0 ? r : host_ret(pwritev((int)a[0], iov, (int)a[2], (off_t)a[3]));
}

static int64_t sys_lseek(const uint64_t *a)
{
    /* SEEK_SET/CUR/END/DATA/HOLE are the same numbers. */
    return host_ret(lseek((int)a[0], (off_t)a[1], (int)a[2]));
}

/* --- stat family --- */

static int64_t put_stat(uint64_t addr, const struct stat *st)
{
    struct target_stat t;
    stat_h2g(&t, st);
    return copy_to_guest(addr, &t, sizeof(t));
}

static int64_t sys_newfstatat(const uint64_t *a)
{
    char buf[PATH_MAX];
    const char *p;
    struct stat st;
    int64_t r;

    GET_PATH(p, a[1], buf);
    if (is_proc_self_exe(p)) {
        p = syscall_exe_path();
    }
    /* AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH, AT_NO_AUTOMOUNT: the same generic values. */
    r = host_ret(fstatat((int)a[0], p, &st, (int)a[3]));
    return r < 0 ? r : put_stat(a[2], &st);
}

static int64_t sys_fstat(const uint64_t *a)
{
    struct stat st;
    int64_t r = host_ret(fstat((int)a[0], &st));
    return r < 0 ? r : put_stat(a[1], &st);
}

static int64_t sys_statx(const uint64_t *a)
{
    char buf[PATH_MAX];
    const char *p;
    void *out = guest_ptr(a[4], 256, PAGE_WRITE);   /* struct statx: same 256 bytes on both */

    GET_PATH(p, a[1], buf);
    if (!out) {
        return -EFAULT;
    }
    if (is_proc_self_exe(p)) {
        p = syscall_exe_path();
    }
    return host_ret(syscall(SYS_statx, (int)a[0], p, (int)a[2], (unsigned)a[3], out));
}

static int64_t sys_statfs(const uint64_t *a)
{
    char buf[PATH_MAX];
    const char *p;
    struct statfs sf;
    struct target_statfs t;
    int64_t r;

    GET_PATH(p, a[0], buf);
    r = host_ret(statfs(p, &sf));
    if (r < 0) {
        return r;
    }
    statfs_h2g(&t, &sf);
    return copy_to_guest(a[1], &t, sizeof(t));
}

static int64_t sys_fstatfs(const uint64_t *a)
{
    struct statfs sf;
    struct target_statfs t;
    int64_t r = host_ret(fstatfs((int)a[0], &sf));

    if (r < 0) {
        return r;
    }
    statfs_h2g(&t, &sf);
    return copy_to_guest(a[1], &t, sizeof(t));
}

static int64_t sys_getdents64(const uint64_t *a)
{
    /* struct linux_dirent64 has the same layout everywhere. */
    void *p = guest_ptr(a[1], a[2], PAGE_WRITE);
    return p ? host_ret(syscall(SYS_getdents64, (int)a[0], p, (size_t)a[2])) : -EFAULT;
}

static int64_t sys_readlinkat(const uint64_t *a)
{
    char buf[PATH_MAX];
    const char *p;
    void *out;

    GET_PATH(p, a[1], buf);
    if ((int64_t)a[3] <= 0) {
        return -EINVAL;
    }
    out = guest_ptr(a[2], a[3], PAGE_WRITE);
    if (!out) {
        return -EFAULT;
    }
    if (is_proc_self_exe(p)) {
        /* The guest program, not the emulator; readlink does not NUL-terminate. */
        size_t len = strlen(syscall_exe_path());
        if (len > a[3]) {
            len = a[3];
        }
        memcpy(out, syscall_exe_path(), len);
        return (int64_t)len;
    }
    return host_ret(readlinkat((int)a[0], p, out, a[3]));
}

static int64_t sys_faccessat(const uint64_t *a)
{
    char buf[PATH_MAX];
    const char *p;

    GET_PATH(p, a[1], buf);
    return host_ret(syscall(SYS_faccessat, (int)a[0], p, (int)a[2]));
}

static int64_t sys_faccessat2(const uint64_t *a)
{
    char buf[PATH_MAX];
    const char *p;

    GET_PATH(p, a[1], buf);
    /* New syscalls (424 and up) have one number on every architecture. */
    return host_ret(syscall(439, (int)a[0], p, (int)a[2], (int)a[3]));
}

/* --- directories and names --- */

static int64_t sys_getcwd(const uint64_t *a)
{
    void *p = guest_ptr(a[0], a[1], PAGE_WRITE);
    return p ? host_ret(syscall(SYS_getcwd, p, (size_t)a[1])) : -EFAULT;
}

static int64_t sys_chdir(const uint64_t *a)
{
    char buf[PATH_MAX];
    const char *p;

    GET_PATH(p, a[0], buf);
    return host_ret(chdir(p));
}

static int64_t sys_fchdir(const uint64_t *a)
{
    return host_ret(fchdir((int)a[0]));
}

static int64_t sys_mkdirat(const uint64_t *a)
{
    char buf[PATH_MAX];
    const char *p;

    GET_PATH(p, a[1], buf);
    path_cache_flush();
    return host_ret(mkdirat((int)a[0], p, (mode_t)a[2]));
}

static int64_t sys_mknodat(const uint64_t *a)
{
    char buf[PATH_MAX];
    const char *p;

    GET_PATH(p, a[1], buf);
    path_cache_flush();
    return host_ret(mknodat((int)a[0], p, (mode_t)a[2], (dev_t)a[3]));
}

static int64_t sys_unlinkat(const uint64_t *a)
{
    char buf[PATH_MAX];
    const char *p;

    GET_PATH(p, a[1], buf);
    path_cache_flush();
    return host_ret(unlinkat((int)a[0], p, (int)a[2]));   /* AT_REMOVEDIR is 0x200 on both */
}

static int64_t sys_renameat2(const uint64_t *a)
{
    char buf1[PATH_MAX], buf2[PATH_MAX];
    const char *p1, *p2;

    GET_PATH(p1, a[1], buf1);
    GET_PATH(p2, a[3], buf2);
    path_cache_flush();
    return host_ret(syscall(SYS_renameat2, (int)a[0], p1, (int)a[2], p2, (unsigned)a[4]));
}

static int64_t sys_renameat(const uint64_t *a)
{
    uint64_t b[6] = { a[0], a[1], a[2], a[3], 0, 0 };
    return sys_renameat2(b);
}

static int64_t sys_linkat(const uint64_t *a)
{
    char buf1[PATH_MAX], buf2[PATH_MAX];
    const char *p1, *p2;

    GET_PATH(p1, a[1], buf1);
    GET_PATH(p2, a[3], buf2);
    path_cache_flush();
    return host_ret(linkat((int)a[0], p1, (int)a[2], p2, (int)a[4]));
}

static int64_t sys_symlinkat(const uint64_t *a)
{
    char buf[PATH_MAX];
    const char *target, *p;
    int r = guest_string(a[0], PATH_MAX - 1, &target);

    /* The link's contents are stored as given: only where it is created is prefixed. */
    if (r < 0) {
        return r;
    }
    GET_PATH(p, a[2], buf);
    path_cache_flush();
    return host_ret(symlinkat(target, (int)a[1], p));
}

static int64_t sys_fchmod(const uint64_t *a)
{
    return host_ret(fchmod((int)a[0], (mode_t)a[1]));
}

static int64_t sys_fchmodat(const uint64_t *a)
{
    char buf[PATH_MAX];
    const char *p;

    GET_PATH(p, a[1], buf);
    return host_ret(syscall(SYS_fchmodat, (int)a[0], p, (mode_t)a[2]));
}

static int64_t sys_fchown(const uint64_t *a)
{
    return host_ret(fchown((int)a[0], (uid_t)a[1], (gid_t)a[2]));
}

static int64_t sys_fchownat(const uint64_t *a)
{
    char buf[PATH_MAX];
    const char *p;

    GET_PATH(p, a[1], buf);
    return host_ret(fchownat((int)a[0], p, (uid_t)a[2], (gid_t)a[3], (int)a[4]));
}

static int64_t sys_utimensat(const uint64_t *a)
{
    char buf[PATH_MAX];
    const char *p = NULL;
    const void *times = NULL;

    /* A NULL path means the file dirfd refers to (futimens). */
    if (a[1]) {
        GET_PATH(p, a[1], buf);
    }
    if (a[2]) {
        times = guest_ptr(a[2], 32, PAGE_READ);   /* two struct timespec, same layout */
        if (!times) {
            return -EFAULT;
        }
    }
    return host_ret(syscall(SYS_utimensat, (int)a[0], p, times, (int)a[3]));
}

static int64_t sys_truncate(const uint64_t *a)
{
    char buf[PATH_MAX];
    const char *p;

    GET_PATH(p, a[0], buf);
    return host_ret(truncate(p, (off_t)a[1]));
}

static int64_t sys_ftruncate(const uint64_t *a)
{
    return host_ret(ftruncate((int)a[0], (off_t)a[1]));
}

static int64_t sys_fallocate(const uint64_t *a)
{
    return host_ret(fallocate((int)a[0], (int)a[1], (off_t)a[2], (off_t)a[3]));
}

static int64_t sys_fadvise64(const uint64_t *a)
{
    /* posix_fadvise returns the error number instead of setting errno. */
    return -(int64_t)posix_fadvise((int)a[0], (off_t)a[1], (off_t)a[2], (int)a[3]);
}

static int64_t sys_fsync(const uint64_t *a)
{
    return host_ret(fsync((int)a[0]));
}

static int64_t sys_fdatasync(const uint64_t *a)
{
    return host_ret(fdatasync((int)a[0]));
}

static int64_t sys_sync(const uint64_t *a)
{
    sync();
    return 0;
}

static int64_t sys_flock(const uint64_t *a)
{
    return host_ret(flock((int)a[0], (int)a[1]));
}

/* --- descriptors --- */

static int64_t sys_dup(const uint64_t *a)
{
    return host_ret(dup((int)a[0]));
}

static int64_t sys_dup3(const uint64_t *a)
{
    /* O_CLOEXEC is the one flag dup3 takes; it has the same value on both. */
    if (syscall_fd_reserved((int)a[1])) {
        return -EBADF;
    }
    return host_ret(dup3((int)a[0], (int)a[1], (int)a[2]));
}

static int64_t sys_pipe2(const uint64_t *a)
{
    int fds[2];
    int64_t r;

    if (!guest_ptr(a[0], sizeof(fds), PAGE_WRITE)) {
        return -EFAULT;
    }
    /* O_DIRECT (packet pipes) is one of the moved bits. */
    r = host_ret(pipe2(fds, open_flags_g2h((int)a[1])));
    if (r < 0) {
        return r;
    }
    memcpy(guest_ptr(a[0], sizeof(fds), PAGE_WRITE), fds, sizeof(fds));
    return 0;
}

/* struct flock (64-bit): short type, short whence, off_t start, off_t len, pid_t pid: 32 bytes both. */
#define FLOCK_SIZE 32

static int64_t sys_fcntl(const uint64_t *a)
{
    int fd = (int)a[0], cmd = (int)a[1];
    void *p;

    switch (cmd) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
    case F_GETFD:
    case F_SETFD:
    case F_SETOWN:
    case F_GETOWN:
    case F_SETSIG:
    case F_GETSIG:
    case F_SETLEASE:
    case F_GETLEASE:
    case F_NOTIFY:
    case F_SETPIPE_SZ:
    case F_GETPIPE_SZ:
    case F_ADD_SEALS:
    case F_GET_SEALS:
        return host_ret(fcntl(fd, cmd, (int)a[2]));
    case F_GETFL: {
        int64_t r = host_ret(fcntl(fd, F_GETFL));
        return r < 0 ? r : open_flags_h2g((int)r);
    }
    case F_SETFL:
        return host_ret(fcntl(fd, F_SETFL, open_flags_g2h((int)a[2])));
    case F_GETLK:
    case F_OFD_GETLK:
        p = guest_ptr(a[2], FLOCK_SIZE, PAGE_READ | PAGE_WRITE);
        return p ? host_ret(fcntl(fd, cmd, p)) : -EFAULT;
    case F_SETLK:
    case F_SETLKW:
    case F_OFD_SETLK:
    case F_OFD_SETLKW:
        p = guest_ptr(a[2], FLOCK_SIZE, PAGE_READ);
        return p ? host_ret(fcntl(fd, cmd, p)) : -EFAULT;
    case F_GETOWN_EX:
        p = guest_ptr(a[2], 8, PAGE_WRITE);
        return p ? host_ret(fcntl(fd, cmd, p)) : -EFAULT;
    case F_SETOWN_EX:
        p = guest_ptr(a[2], 8, PAGE_READ);
        return p ? host_ret(fcntl(fd, cmd, p)) : -EFAULT;
    default:
        emu_log_mask(LOG_UNIMP, "fcntl: unsupported command %d\n", cmd);
        return -EINVAL;
    }
}

/* --- copying between descriptors --- */

/* An optional guest loff_t pointer (read and updated by the call). */
static int64_t opt_loff(uint64_t addr, loff_t **out)
{
    *out = NULL;
    if (addr) {
        *out = guest_ptr(addr, sizeof(loff_t), PAGE_READ | PAGE_WRITE);
        if (!*out) {
            return -EFAULT;
        }
    }
    return 0;
}

static int64_t sys_sendfile(const uint64_t *a)
{
    loff_t *off;
    if (opt_loff(a[2], &off) < 0) {
        return -EFAULT;
    }
    return host_ret(sendfile((int)a[0], (int)a[1], (off_t *)off, a[3]));
}

static int64_t sys_copy_file_range(const uint64_t *a)
{
    loff_t *in, *out;
    if (opt_loff(a[1], &in) < 0 || opt_loff(a[3], &out) < 0) {
        return -EFAULT;
    }
    return host_ret(copy_file_range((int)a[0], in, (int)a[2], out, a[4], (unsigned)a[5]));
}

static int64_t sys_splice(const uint64_t *a)
{
    loff_t *in, *out;
    if (opt_loff(a[1], &in) < 0 || opt_loff(a[3], &out) < 0) {
        return -EFAULT;
    }
    /* SPLICE_F_* are generic. */
    return host_ret(splice((int)a[0], in, (int)a[2], out, a[4], (unsigned)a[5]));
}

/* --- extended attributes (same calls and flags on both; names and values are bytes) --- */

/* An optional guest buffer of size bytes: size 0 asks for the needed size only. */
static int opt_buf(uint64_t addr, uint64_t size, unsigned prot, void **out)
{
    *out = NULL;
    if (size == 0) {
        return 0;
    }
    *out = guest_ptr(addr, size, prot);
    return *out ? 0 : -EFAULT;
}

static int64_t xattr_set(const uint64_t *a, int kind)
{
    char buf[PATH_MAX];
    const char *p = NULL, *name;
    void *val;
    int r;

    if (kind != 2) {
        GET_PATH(p, a[0], buf);
    }
    if ((r = guest_string(a[1], 255, &name)) < 0) {
        return r == -ENAMETOOLONG ? -ERANGE : r;
    }
    if ((r = opt_buf(a[2], a[3], PAGE_READ, &val)) < 0) {
        return r;
    }
    switch (kind) {
    case 0: return host_ret(setxattr(p, name, val, a[3], (int)a[4]));
    case 1: return host_ret(lsetxattr(p, name, val, a[3], (int)a[4]));
    default: return host_ret(fsetxattr((int)a[0], name, val, a[3], (int)a[4]));
    }
}

static int64_t xattr_get(const uint64_t *a, int kind)
{
    char buf[PATH_MAX];
    const char *p = NULL, *name;
    void *val;
    int r;

    if (kind != 2) {
        GET_PATH(p, a[0], buf);
    }
    if ((r = guest_string(a[1], 255, &name)) < 0) {
        return r == -ENAMETOOLONG ? -ERANGE : r;
    }
    if ((r = opt_buf(a[2], a[3], PAGE_WRITE, &val)) < 0) {
        return r;
    }
    switch (kind) {
    case 0: return host_ret(getxattr(p, name, val, a[3]));
    case 1: return host_ret(lgetxattr(p, name, val, a[3]));
    default: return host_ret(fgetxattr((int)a[0], name, val, a[3]));
    }
}

static int64_t xattr_list(const uint64_t *a, int kind)
{
    char buf[PATH_MAX];
    const char *p = NULL;
    void *list;
    int r;

    if (kind != 2) {
        GET_PATH(p, a[0], buf);
    }
    if ((r = opt_buf(a[1], a[2], PAGE_WRITE, &list)) < 0) {
        return r;
    }
    switch (kind) {
    case 0: return host_ret(listxattr(p, list, a[2]));
    case 1: return host_ret(llistxattr(p, list, a[2]));
    default: return host_ret(flistxattr((int)a[0], list, a[2]));
    }
}

static int64_t xattr_remove(const uint64_t *a, int kind)
{
    char buf[PATH_MAX];
    const char *p = NULL, *name;
    int r;

    if (kind != 2) {
        GET_PATH(p, a[0], buf);
    }
    if ((r = guest_string(a[1], 255, &name)) < 0) {
        return r == -ENAMETOOLONG ? -ERANGE : r;
    }
    switch (kind) {
    case 0: return host_ret(removexattr(p, name));
    case 1: return host_ret(lremovexattr(p, name));
    default: return host_ret(fremovexattr((int)a[0], name));
    }
}

static int64_t sys_setxattr(const uint64_t *a) { return xattr_set(a, 0); }
static int64_t sys_lsetxattr(const uint64_t *a) { return xattr_set(a, 1); }
static int64_t sys_fsetxattr(const uint64_t *a) { return xattr_set(a, 2); }
static int64_t sys_getxattr(const uint64_t *a) { return xattr_get(a, 0); }
static int64_t sys_lgetxattr(const uint64_t *a) { return xattr_get(a, 1); }
static int64_t sys_fgetxattr(const uint64_t *a) { return xattr_get(a, 2); }
static int64_t sys_listxattr(const uint64_t *a) { return xattr_list(a, 0); }
static int64_t sys_llistxattr(const uint64_t *a) { return xattr_list(a, 1); }
static int64_t sys_flistxattr(const uint64_t *a) { return xattr_list(a, 2); }
static int64_t sys_removexattr(const uint64_t *a) { return xattr_remove(a, 0); }
static int64_t sys_lremovexattr(const uint64_t *a) { return xattr_remove(a, 1); }
static int64_t sys_fremovexattr(const uint64_t *a) { return xattr_remove(a, 2); }

/* --- mounts and the root (debootstrap's second stage mounts /proc and /sys; dpkg chroots) --- */

static int64_t sys_mount(const uint64_t *a)
{
    char srcbuf[PATH_MAX], dirbuf[PATH_MAX];
    const char *src = NULL, *dir, *type = NULL, *data = NULL;
    int r;

    /* The source is a path for bind mounts, a name ("proc") otherwise: translate it like one. */
    if (a[0]) {
        GET_PATH(src, a[0], srcbuf);
    }
    GET_PATH(dir, a[1], dirbuf);
    if (a[2] && (r = guest_string(a[2], 4095, &type)) < 0) {
        return r;
    }
    /* Options are a string for every file system the guest can mount here. */
    if (a[4] && (r = guest_string(a[4], 4095, &data)) < 0) {
        return r;
    }
    path_cache_flush();
    return host_ret(mount(src, dir, type, a[3], data));
}

static int64_t sys_umount2(const uint64_t *a)
{
    char buf[PATH_MAX];
    const char *p;

    GET_PATH(p, a[0], buf);
    path_cache_flush();
    return host_ret(umount2(p, (int)a[1]));
}

static int64_t sys_chroot(const uint64_t *a)
{
    char buf[PATH_MAX];
    const char *p;

    GET_PATH(p, a[0], buf);
    path_cache_flush();
    return host_ret(chroot(p));
}

static int64_t sys_sync_file_range(const uint64_t *a)
{
    /* arm64 passes (fd, offset, nbytes, flags) like x86-64; SYNC_FILE_RANGE_* are generic. */
    return host_ret(sync_file_range((int)a[0], (off64_t)a[1], (off64_t)a[2], (unsigned)a[3]));
}

static int64_t sys_syncfs(const uint64_t *a)
{
    return host_ret(syncfs((int)a[0]));
}

const SyscallDef syscall_defs_fs[] = {
    { TARGET_NR_openat, 0, "openat", sys_openat, "%D, %s, %O, %#o" },
    { TARGET_NR_close, 0, "close", sys_close, "%d" },
    { TARGET_NR_read, 0, "read", sys_read, "%d, %p, %lu" },
    { TARGET_NR_write, 0, "write", sys_write, "%d, %b, %lu" },
    { TARGET_NR_readv, 0, "readv", sys_readv, "%d, %p, %d" },
    { TARGET_NR_writev, 0, "writev", sys_writev, "%d, %p, %d" },
    { TARGET_NR_pread64, 0, "pread64", sys_pread64, "%d, %p, %lu, %ld" },
    { TARGET_NR_pwrite64, 0, "pwrite64", sys_pwrite64, "%d, %b, %lu, %ld" },
    { TARGET_NR_preadv, 0, "preadv", sys_preadv, "%d, %p, %d, %ld" },
    { TARGET_NR_pwritev, 0, "pwritev", sys_pwritev, "%d, %p, %d, %ld" },
    { TARGET_NR_lseek, 0, "lseek", sys_lseek, "%d, %ld, %d" },
    { TARGET_NR_newfstatat, 0, "newfstatat", sys_newfstatat, "%D, %s, %p, %#x" },
    { TARGET_NR_fstat, 0, "fstat", sys_fstat, "%d, %p" },
    { TARGET_NR_statx, 0, "statx", sys_statx, "%D, %s, %#x, %#x, %p" },
    { TARGET_NR_statfs, 0, "statfs", sys_statfs, "%s, %p" },
    { TARGET_NR_fstatfs, 0, "fstatfs", sys_fstatfs, "%d, %p" },
    { TARGET_NR_getdents64, 0, "getdents64", sys_getdents64, "%d, %p, %lu" },
    { TARGET_NR_readlinkat, 0, "readlinkat", sys_readlinkat, "%D, %s, %p, %lu" },
    { TARGET_NR_faccessat, 0, "faccessat", sys_faccessat, "%D, %s, %#o" },
    { TARGET_NR_faccessat2, 0, "faccessat2", sys_faccessat2, "%D, %s, %#o, %#x" },
    { TARGET_NR_getcwd, 0, "getcwd", sys_getcwd, "%p, %lu" },
    { TARGET_NR_chdir, 0, "chdir", sys_chdir, "%s" },
    { TARGET_NR_fchdir, 0, "fchdir", sys_fchdir, "%d" },
    { TARGET_NR_mkdirat, 0, "mkdirat", sys_mkdirat, "%D, %s, %#o" },
    { TARGET_NR_mknodat, 0, "mknodat", sys_mknodat, "%D, %s, %#o, %#x" },
    { TARGET_NR_unlinkat, 0, "unlinkat", sys_unlinkat, "%D, %s, %#x" },
    { TARGET_NR_renameat, 0, "renameat", sys_renameat, "%D, %s, %D, %s" },
    { TARGET_NR_renameat2, 0, "renameat2", sys_renameat2, "%D, %s, %D, %s, %#x" },
    { TARGET_NR_linkat, 0, "linkat", sys_linkat, "%D, %s, %D, %s, %#x" },
    { TARGET_NR_symlinkat, 0, "symlinkat", sys_symlinkat, "%s, %D, %s" },
    { TARGET_NR_fchmod, 0, "fchmod", sys_fchmod, "%d, %#o" },
    { TARGET_NR_fchmodat, 0, "fchmodat", sys_fchmodat, "%D, %s, %#o" },
    { TARGET_NR_fchown, 0, "fchown", sys_fchown, "%d, %d, %d" },
    { TARGET_NR_fchownat, 0, "fchownat", sys_fchownat, "%D, %s, %d, %d, %#x" },
    { TARGET_NR_utimensat, 0, "utimensat", sys_utimensat, "%D, %s, %p, %#x" },
    { TARGET_NR_truncate, 0, "truncate", sys_truncate, "%s, %ld" },
    { TARGET_NR_ftruncate, 0, "ftruncate", sys_ftruncate, "%d, %ld" },
    { TARGET_NR_fallocate, 0, "fallocate", sys_fallocate, "%d, %#x, %ld, %ld" },
    { TARGET_NR_fadvise64, 0, "fadvise64", sys_fadvise64, "%d, %ld, %ld, %d" },
    { TARGET_NR_fsync, 0, "fsync", sys_fsync, "%d" },
    { TARGET_NR_fdatasync, 0, "fdatasync", sys_fdatasync, "%d" },
    { TARGET_NR_sync, 0, "sync", sys_sync, "" },
    { TARGET_NR_flock, 0, "flock", sys_flock, "%d, %d" },
    { TARGET_NR_dup, 0, "dup", sys_dup, "%d" },
    { TARGET_NR_dup3, 0, "dup3", sys_dup3, "%d, %d, %#x" },
    { TARGET_NR_pipe2, 0, "pipe2", sys_pipe2, "%p, %#x" },
    { TARGET_NR_fcntl, 0, "fcntl", sys_fcntl, "%d, %d, %#x" },
    { TARGET_NR_sendfile, 0, "sendfile", sys_sendfile, "%d, %d, %p, %lu" },
    { TARGET_NR_copy_file_range, 0, "copy_file_range", sys_copy_file_range,
      "%d, %p, %d, %p, %lu, %#x" },
    { TARGET_NR_splice, 0, "splice", sys_splice, "%d, %p, %d, %p, %lu, %#x" },
    { TARGET_NR_setxattr, 0, "setxattr", sys_setxattr, "%s, %s, %p, %lu, %#x" },
    { TARGET_NR_lsetxattr, 0, "lsetxattr", sys_lsetxattr, "%s, %s, %p, %lu, %#x" },
    { TARGET_NR_fsetxattr, 0, "fsetxattr", sys_fsetxattr, "%d, %s, %p, %lu, %#x" },
    { TARGET_NR_getxattr, 0, "getxattr", sys_getxattr, "%s, %s, %p, %lu" },
    { TARGET_NR_lgetxattr, 0, "lgetxattr", sys_lgetxattr, "%s, %s, %p, %lu" },
    { TARGET_NR_fgetxattr, 0, "fgetxattr", sys_fgetxattr, "%d, %s, %p, %lu" },
    { TARGET_NR_listxattr, 0, "listxattr", sys_listxattr, "%s, %p, %lu" },
    { TARGET_NR_llistxattr, 0, "llistxattr", sys_llistxattr, "%s, %p, %lu" },
    { TARGET_NR_flistxattr, 0, "flistxattr", sys_flistxattr, "%d, %p, %lu" },
    { TARGET_NR_removexattr, 0, "removexattr", sys_removexattr, "%s, %s" },
    { TARGET_NR_lremovexattr, 0, "lremovexattr", sys_lremovexattr, "%s, %s" },
    { TARGET_NR_fremovexattr, 0, "fremovexattr", sys_fremovexattr, "%d, %s" },
    { TARGET_NR_mount, 0, "mount", sys_mount, "%s, %s, %s, %#x, %p" },
    { TARGET_NR_umount2, 0, "umount2", sys_umount2, "%s, %#x" },
    { TARGET_NR_chroot, 0, "chroot", sys_chroot, "%s" },
    { TARGET_NR_sync_file_range, 0, "sync_file_range", sys_sync_file_range, "%d, %ld, %ld, %#x" },
    { TARGET_NR_syncfs, 0, "syncfs", sys_syncfs, "%d" },
};
const size_t syscall_defs_fs_count = sizeof(syscall_defs_fs) / sizeof(syscall_defs_fs[0]);
