/*
 * Internals of the system-call layer, shared by the per-area files
 * (syscall-fs.c, syscall-mem.c, syscall-proc.c, syscall-time.c,
 * syscall-net.c, syscall-misc.c) and the unit tests:
 *
 *  - the aarch64 syscall numbers (asm-generic numbering,
 *    include/uapi/asm-generic/unistd.h);
 *  - the table entry type: number, name, handler, -strace argument format;
 *  - checked access to guest memory (guest_ptr, guest_string);
 *  - the guest ("target") structures that differ from the host's and the
 *    functions converting them.
 */
#ifndef LINUX_USER_SYSCALL_DEFS_H
#define LINUX_USER_SYSCALL_DEFS_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct stat;
struct statfs;
struct epoll_event;

/* aarch64 = asm-generic syscall numbers. */
enum {
    TARGET_NR_setxattr = 5, TARGET_NR_lsetxattr = 6, TARGET_NR_fsetxattr = 7,
    TARGET_NR_getxattr = 8, TARGET_NR_lgetxattr = 9, TARGET_NR_fgetxattr = 10,
    TARGET_NR_listxattr = 11, TARGET_NR_llistxattr = 12, TARGET_NR_flistxattr = 13,
    TARGET_NR_removexattr = 14, TARGET_NR_lremovexattr = 15, TARGET_NR_fremovexattr = 16,
    TARGET_NR_umount2 = 39, TARGET_NR_mount = 40, TARGET_NR_chroot = 51,
    TARGET_NR_sync_file_range = 84, TARGET_NR_syncfs = 267,
    TARGET_NR_getcwd = 17, TARGET_NR_eventfd2 = 19, TARGET_NR_epoll_create1 = 20,
    TARGET_NR_epoll_ctl = 21, TARGET_NR_epoll_pwait = 22, TARGET_NR_dup = 23, TARGET_NR_dup3 = 24,
    TARGET_NR_fcntl = 25, TARGET_NR_ioctl = 29, TARGET_NR_flock = 32, TARGET_NR_mknodat = 33,
    TARGET_NR_mkdirat = 34, TARGET_NR_unlinkat = 35, TARGET_NR_symlinkat = 36,
    TARGET_NR_linkat = 37, TARGET_NR_renameat = 38, TARGET_NR_statfs = 43,
    TARGET_NR_fstatfs = 44, TARGET_NR_truncate = 45, TARGET_NR_ftruncate = 46,
    TARGET_NR_fallocate = 47, TARGET_NR_faccessat = 48, TARGET_NR_chdir = 49,
    TARGET_NR_fchdir = 50, TARGET_NR_fchmod = 52, TARGET_NR_fchmodat = 53,
    TARGET_NR_fchownat = 54, TARGET_NR_fchown = 55, TARGET_NR_openat = 56, TARGET_NR_close = 57,
    TARGET_NR_pipe2 = 59, TARGET_NR_getdents64 = 61, TARGET_NR_lseek = 62, TARGET_NR_read = 63,
    TARGET_NR_write = 64, TARGET_NR_readv = 65, TARGET_NR_writev = 66, TARGET_NR_pread64 = 67,
    TARGET_NR_pwrite64 = 68, TARGET_NR_preadv = 69, TARGET_NR_pwritev = 70,
    TARGET_NR_sendfile = 71, TARGET_NR_pselect6 = 72, TARGET_NR_ppoll = 73,
    TARGET_NR_splice = 76, TARGET_NR_readlinkat = 78, TARGET_NR_newfstatat = 79,
    TARGET_NR_fstat = 80, TARGET_NR_sync = 81, TARGET_NR_fsync = 82, TARGET_NR_fdatasync = 83,
    TARGET_NR_timerfd_create = 85, TARGET_NR_timerfd_settime = 86,
    TARGET_NR_timerfd_gettime = 87, TARGET_NR_utimensat = 88, TARGET_NR_exit = 93,
    TARGET_NR_exit_group = 94, TARGET_NR_waitid = 95, TARGET_NR_set_tid_address = 96,
    TARGET_NR_set_robust_list = 99, TARGET_NR_get_robust_list = 100, TARGET_NR_nanosleep = 101,
    TARGET_NR_getitimer = 102, TARGET_NR_setitimer = 103, TARGET_NR_clock_settime = 112,
    TARGET_NR_clock_gettime = 113, TARGET_NR_clock_getres = 114,
    TARGET_NR_clock_nanosleep = 115, TARGET_NR_sched_getaffinity = 123,
    TARGET_NR_sched_yield = 124, TARGET_NR_kill = 129, TARGET_NR_tkill = 130,
    TARGET_NR_tgkill = 131, TARGET_NR_setpriority = 140, TARGET_NR_getpriority = 141,
    TARGET_NR_setregid = 143, TARGET_NR_setgid = 144, TARGET_NR_setreuid = 145,
    TARGET_NR_setuid = 146, TARGET_NR_setresuid = 147, TARGET_NR_getresuid = 148,
    TARGET_NR_setresgid = 149, TARGET_NR_getresgid = 150, TARGET_NR_times = 153,
    TARGET_NR_setpgid = 154, TARGET_NR_getpgid = 155, TARGET_NR_getsid = 156,
    TARGET_NR_setsid = 157, TARGET_NR_getgroups = 158, TARGET_NR_setgroups = 159,
    TARGET_NR_uname = 160, TARGET_NR_getrlimit = 163, TARGET_NR_setrlimit = 164,
    TARGET_NR_getrusage = 165, TARGET_NR_umask = 166, TARGET_NR_prctl = 167,
    TARGET_NR_getcpu = 168, TARGET_NR_gettimeofday = 169, TARGET_NR_getpid = 172,
    TARGET_NR_getppid = 173, TARGET_NR_getuid = 174, TARGET_NR_geteuid = 175,
    TARGET_NR_getgid = 176, TARGET_NR_getegid = 177, TARGET_NR_gettid = 178,
    TARGET_NR_sysinfo = 179, TARGET_NR_socket = 198, TARGET_NR_socketpair = 199,
    TARGET_NR_bind = 200, TARGET_NR_listen = 201, TARGET_NR_accept = 202,
    TARGET_NR_connect = 203, TARGET_NR_getsockname = 204, TARGET_NR_getpeername = 205,
    TARGET_NR_sendto = 206, TARGET_NR_recvfrom = 207, TARGET_NR_setsockopt = 208,
    TARGET_NR_getsockopt = 209, TARGET_NR_shutdown = 210, TARGET_NR_sendmsg = 211,
    TARGET_NR_recvmsg = 212, TARGET_NR_brk = 214, TARGET_NR_munmap = 215,
    TARGET_NR_mremap = 216, TARGET_NR_mmap = 222, TARGET_NR_fadvise64 = 223,
    TARGET_NR_mprotect = 226, TARGET_NR_msync = 227, TARGET_NR_mlock = 228,
    TARGET_NR_munlock = 229, TARGET_NR_mlockall = 230, TARGET_NR_munlockall = 231,
    TARGET_NR_mincore = 232, TARGET_NR_madvise = 233, TARGET_NR_get_mempolicy = 236,
    TARGET_NR_accept4 = 242, TARGET_NR_wait4 = 260, TARGET_NR_prlimit64 = 261,
    TARGET_NR_renameat2 = 276, TARGET_NR_getrandom = 278, TARGET_NR_memfd_create = 279,
    TARGET_NR_mlock2 = 284, TARGET_NR_copy_file_range = 285, TARGET_NR_statx = 291,
    TARGET_NR_rseq = 293, TARGET_NR_close_range = 436, TARGET_NR_openat2 = 437,
    TARGET_NR_faccessat2 = 439,
    TARGET_NR_MAX = 512,        /* table size: every number below this */
};

typedef int64_t SyscallFn(const uint64_t *a);

enum {
    SC_RET_HEX = 1 << 0,        /* -strace prints the result in hex (addresses) */
    SC_NORETURN = 1 << 1,       /* -strace prints the line before the call, no result */
};

/*
 * One system call.  fmt lists one conversion per argument, separated by
 * ", " as printed:
 *   %d %u %ld %lu    32-/64-bit signed/unsigned decimal
 *   %#x %#o          hex / octal
 *   %p               a guest pointer (NULL when 0)
 *   %s               a guest NUL-terminated string, quoted and escaped
 *   %b               a guest buffer whose length is the next argument (quoted)
 *   %D               a directory fd (AT_FDCWD by name)
 *   %O               guest open flags by name (O_RDONLY|O_CREAT|...)
 */
typedef struct SyscallDef {
    uint16_t nr;
    uint16_t flags;
    const char *name;
    SyscallFn *fn;
    const char *fmt;
} SyscallDef;

/* The tables of each area (the dispatcher merges them by number). */
extern const SyscallDef syscall_defs_fs[], syscall_defs_mem[], syscall_defs_proc[],
                        syscall_defs_time[], syscall_defs_net[], syscall_defs_misc[];
extern const size_t syscall_defs_fs_count, syscall_defs_mem_count, syscall_defs_proc_count,
                    syscall_defs_time_count, syscall_defs_net_count, syscall_defs_misc_count;

/* The table entry for nr, or NULL. */
const SyscallDef *syscall_def(uint64_t nr);

/* --- Results --- */

/* A host libc result (-1 and errno on failure) as the guest sees it. */
static inline int64_t host_ret(int64_t r)
{
    return r == -1 ? -(int64_t)errno : r;
}

/* "ENOENT" for 2, NULL when unknown. */
const char *errno_name(int err);

/* --- Guest memory --- */

/*
 * Host pointer for guest [addr, addr+len) when every page has prot
 * (PAGE_READ and/or PAGE_WRITE); NULL otherwise.  len 0 is always valid
 * (a non-NULL pointer is returned for any in-range address).
 */
void *guest_ptr(uint64_t addr, uint64_t len, unsigned prot);

/*
 * The guest string at addr, in place (NUL-terminated in guest memory):
 * 0 and *out on success, -EFAULT when a byte before the NUL is unreadable,
 * -ENAMETOOLONG when longer than max bytes.
 */
int guest_string(uint64_t addr, size_t max, const char **out);

/* A guest path checked and, for absolute paths, prefixed with -L ROOT. */
int guest_path(uint64_t addr, char *buf, size_t size, const char **out);

/* Copy to/from guest memory with checks: 0 or -EFAULT. */
int copy_to_guest(uint64_t addr, const void *src, size_t len);
int copy_from_guest(void *dst, uint64_t addr, size_t len);

/* --- Guest structures (aarch64 LP64, asm-generic) --- */

/* asm-generic/stat.h: 128 bytes; x86-64's struct stat orders fields differently. */
struct target_stat {
    uint64_t st_dev;
    uint64_t st_ino;
    uint32_t st_mode;
    uint32_t st_nlink;
    uint32_t st_uid;
    uint32_t st_gid;
    uint64_t st_rdev;
    uint64_t pad1;
    int64_t st_size;
    int32_t st_blksize;
    int32_t pad2;
    int64_t st_blocks;
    int64_t st_atime_sec;
    uint64_t st_atime_nsec;
    int64_t st_mtime_sec;
    uint64_t st_mtime_nsec;
    int64_t st_ctime_sec;
    uint64_t st_ctime_nsec;
    uint32_t unused4;
    uint32_t unused5;
};

/* asm-generic/statfs.h with a 64-bit __statfs_word: 120 bytes. */
struct target_statfs {
    int64_t f_type;
    int64_t f_bsize;
    uint64_t f_blocks;
    uint64_t f_bfree;
    uint64_t f_bavail;
    uint64_t f_files;
    uint64_t f_ffree;
    int32_t f_fsid[2];
    int64_t f_namelen;
    int64_t f_frsize;
    int64_t f_flags;
    int64_t f_spare[4];
};

/* aarch64 aligns the 64-bit data naturally (16 bytes); x86-64 packs it (12). */
struct target_epoll_event {
    uint32_t events;
    uint32_t pad;
    uint64_t data;
};

/*
 * The kernel's struct termios (TCGETS/TCSETS), asm-generic/termbits.h:
 * 36 bytes on both aarch64 and x86-64 with the same flag values (both use
 * the generic termbits), so it passes through; glibc's struct termios is a
 * different (larger) thing and must not be used here.
 */
struct target_termios {
    uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
    uint8_t c_line;
    uint8_t c_cc[19];
};

void stat_h2g(struct target_stat *t, const struct stat *h);
void statfs_h2g(struct target_statfs *t, const struct statfs *h);
void epoll_event_g2h(struct epoll_event *h, const struct target_epoll_event *t);
void epoll_event_h2g(struct target_epoll_event *t, const struct epoll_event *h);

/* Guest <-> host O_* flags (the two differ in O_DIRECTORY/NOFOLLOW/DIRECT/LARGEFILE). */
int open_flags_g2h(int guest_flags);
int open_flags_h2g(int host_flags);

/* Guest open flags by name into buf ("O_WRONLY|O_CREAT|O_TRUNC"). */
void open_flags_format(char *buf, size_t size, int guest_flags);

/* --- -strace --- */

/*
 * Format "name(args)" for a call (before it runs: strings are read then)
 * into buf; returns buf.  Unknown numbers print as "syscall_NNN".
 */
char *strace_format_call(char *buf, size_t size, uint64_t nr, const uint64_t args[6]);
/* Format " = ret" (with " ENOENT" after errors, hex for SC_RET_HEX) into buf. */
char *strace_format_ret(char *buf, size_t size, uint64_t nr, int64_t ret);

/* --- State other areas need --- */

/* Guest path of the running program (what /proc/self/exe names). */
const char *syscall_exe_path(void);
/* True when path names our /proc/self/exe (or /proc/<pid>/exe) and the program's path is known. */
bool is_proc_self_exe(const char *path);

#endif
