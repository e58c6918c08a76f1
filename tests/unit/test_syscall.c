/*
 * Unit tests of the system-call layer (linux-user/syscall*.c, path.c):
 * structure conversions, open-flag translation, -strace formatting, errno
 * names, -L path prefixing, and do_syscall on real guest memory.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/utsname.h>
#include <dirent.h>
#include <time.h>
#include <unistd.h>
#include "accel/user-mem.h"
#include "linux-user/path.h"
#include "linux-user/syscall-defs.h"
#include "linux-user/syscall.h"
#include "runner.h"

/* Guest layout for the tests: RW scratch pages, one read-only page, then a hole. */
#define SCRATCH 0x100000ull
#define SCRATCH_LEN 0x20000ull
#define RO_PAGE (SCRATCH + SCRATCH_LEN)
#define HOLE (RO_PAGE + 0x1000)

/* guest O_* values (arch/arm64/include/uapi/asm/fcntl.h + asm-generic) */
#define G_O_RDWR 02
#define G_O_CREAT 0100
#define G_O_EXCL 0200
#define G_O_TRUNC 01000
#define G_O_APPEND 02000
#define G_O_NONBLOCK 04000
#define G_O_DIRECTORY 040000
#define G_O_NOFOLLOW 0100000
#define G_O_DIRECT 0200000
#define G_O_LARGEFILE 0400000
#define G_O_CLOEXEC 02000000
#define G_O_PATH 010000000
#define G_O_TMPFILE (020000000 | G_O_DIRECTORY)
#define G_AT_FDCWD ((uint64_t)(int64_t)-100)

static char tmpdir[64];   /* short, so paths built from it cannot overflow */
static uint64_t bump;

static int64_t sc(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
                  uint64_t a5)
{
    uint64_t a[6] = { a0, a1, a2, a3, a4, a5 };
    return do_syscall(nr, a);
}

/* Room in guest scratch memory (16-byte aligned), zeroed. */
static uint64_t galloc(size_t len)
{
    uint64_t addr = SCRATCH + bump;
    bump += (len + 15) & ~(size_t)15;
    if (bump > SCRATCH_LEN) {
        bump = 0x1000;   /* wrap: earlier tests are done with their buffers */
        addr = SCRATCH + bump;
        bump += (len + 15) & ~(size_t)15;
    }
    memset(g2h(addr), 0, len);
    return addr;
}

static uint64_t gstr(const char *s)
{
    uint64_t addr = galloc(strlen(s) + 1);
    memcpy(g2h(addr), s, strlen(s) + 1);
    return addr;
}

static uint64_t gpath(const char *name)
{
    char buf[PATH_MAX];
    snprintf(buf, sizeof(buf), "%s/%s", tmpdir, name);
    return gstr(buf);
}

static int setup(void)
{
    EmuError err;

    if (!guest_space_init(1ull << 40, &err)) {
        return -1;
    }
    if (guest_mmap(SCRATCH, SCRATCH_LEN, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != (int64_t)SCRATCH ||
        guest_mmap(RO_PAGE, 0x1000, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) !=
            (int64_t)RO_PAGE) {
        return -1;
    }
    snprintf(tmpdir, sizeof(tmpdir), "/tmp/test_syscall.XXXXXX");
    if (!mkdtemp(tmpdir)) {
        return -1;
    }
    guest_set_mmap_top(0x40000000);
    return 0;
}

static void cleanup(void)
{
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0) {
        fprintf(stderr, "could not remove %s\n", tmpdir);
    }
}

/* --- structures --- */

static void test_struct_layouts(void)
{
    CU_ASSERT_EQUAL(sizeof(struct target_stat), 128);
    CU_ASSERT_EQUAL(offsetof(struct target_stat, st_mode), 16);
    CU_ASSERT_EQUAL(offsetof(struct target_stat, st_nlink), 20);
    CU_ASSERT_EQUAL(offsetof(struct target_stat, st_rdev), 32);
    CU_ASSERT_EQUAL(offsetof(struct target_stat, st_size), 48);
    CU_ASSERT_EQUAL(offsetof(struct target_stat, st_blksize), 56);
    CU_ASSERT_EQUAL(offsetof(struct target_stat, st_blocks), 64);
    CU_ASSERT_EQUAL(offsetof(struct target_stat, st_atime_sec), 72);
    CU_ASSERT_EQUAL(offsetof(struct target_stat, st_mtime_nsec), 96);
    CU_ASSERT_EQUAL(offsetof(struct target_stat, st_ctime_nsec), 112);
    /* The host layout really differs (x86-64: nlink is 64-bit at offset 16). */
    CU_ASSERT_EQUAL(sizeof(struct stat), 144);
    CU_ASSERT_EQUAL(offsetof(struct stat, st_nlink), 16);
    CU_ASSERT_EQUAL(sizeof(struct target_statfs), 120);
    CU_ASSERT_EQUAL(offsetof(struct target_statfs, f_fsid), 56);
    CU_ASSERT_EQUAL(offsetof(struct target_statfs, f_namelen), 64);
    CU_ASSERT_EQUAL(sizeof(struct target_epoll_event), 16);
    CU_ASSERT_EQUAL(offsetof(struct target_epoll_event, data), 8);
    CU_ASSERT_EQUAL(sizeof(struct epoll_event), 12);   /* packed on x86-64 */
    CU_ASSERT_EQUAL(sizeof(struct target_termios), 36);
}

static void test_stat_conversion(void)
{
    struct stat h;
    struct target_stat t;

    memset(&h, 0, sizeof(h));
    h.st_dev = 0x801;
    h.st_ino = 0x123456789ull;
    h.st_mode = S_IFREG | 0640;
    h.st_nlink = 3;
    h.st_uid = 1000;
    h.st_gid = 100;
    h.st_rdev = 0x502;
    h.st_size = 0x1122334455ll;
    h.st_blksize = 4096;
    h.st_blocks = 77;
    h.st_atim.tv_sec = 1700000000;
    h.st_atim.tv_nsec = 111;
    h.st_mtim.tv_sec = 1700000001;
    h.st_mtim.tv_nsec = 222;
    h.st_ctim.tv_sec = 1700000002;
    h.st_ctim.tv_nsec = 333;
    memset(&t, 0xaa, sizeof(t));
    stat_h2g(&t, &h);
    CU_ASSERT_EQUAL(t.st_dev, 0x801);
    CU_ASSERT_EQUAL(t.st_ino, 0x123456789ull);
    CU_ASSERT_EQUAL(t.st_mode, S_IFREG | 0640);
    CU_ASSERT_EQUAL(t.st_nlink, 3);
    CU_ASSERT_EQUAL(t.st_uid, 1000);
    CU_ASSERT_EQUAL(t.st_gid, 100);
    CU_ASSERT_EQUAL(t.st_rdev, 0x502);
    CU_ASSERT_EQUAL(t.pad1, 0);
    CU_ASSERT_EQUAL(t.st_size, 0x1122334455ll);
    CU_ASSERT_EQUAL(t.st_blksize, 4096);
    CU_ASSERT_EQUAL(t.st_blocks, 77);
    CU_ASSERT_EQUAL(t.st_atime_sec, 1700000000);
    CU_ASSERT_EQUAL(t.st_atime_nsec, 111);
    CU_ASSERT_EQUAL(t.st_mtime_sec, 1700000001);
    CU_ASSERT_EQUAL(t.st_mtime_nsec, 222);
    CU_ASSERT_EQUAL(t.st_ctime_sec, 1700000002);
    CU_ASSERT_EQUAL(t.st_ctime_nsec, 333);
    CU_ASSERT_EQUAL(t.unused4, 0);
}

static void test_statfs_conversion(void)
{
    struct statfs h;
    struct target_statfs t;

    memset(&h, 0, sizeof(h));
    h.f_type = 0x01021994;   /* tmpfs */
    h.f_bsize = 4096;
    h.f_blocks = 1000;
    h.f_bfree = 600;
    h.f_bavail = 500;
    h.f_files = 50;
    h.f_ffree = 40;
    memcpy(&h.f_fsid, (int[2]){ 7, 9 }, 8);
    h.f_namelen = 255;
    h.f_frsize = 4096;
    h.f_flags = 0x20;
    statfs_h2g(&t, &h);
    CU_ASSERT_EQUAL(t.f_type, 0x01021994);
    CU_ASSERT_EQUAL(t.f_bsize, 4096);
    CU_ASSERT_EQUAL(t.f_blocks, 1000);
    CU_ASSERT_EQUAL(t.f_bfree, 600);
    CU_ASSERT_EQUAL(t.f_bavail, 500);
    CU_ASSERT_EQUAL(t.f_files, 50);
    CU_ASSERT_EQUAL(t.f_ffree, 40);
    CU_ASSERT_EQUAL(t.f_fsid[0], 7);
    CU_ASSERT_EQUAL(t.f_fsid[1], 9);
    CU_ASSERT_EQUAL(t.f_namelen, 255);
    CU_ASSERT_EQUAL(t.f_frsize, 4096);
    CU_ASSERT_EQUAL(t.f_flags, 0x20);
}

static void test_epoll_conversion(void)
{
    struct target_epoll_event t = { EPOLLIN | EPOLLET, 0x5555, 0x1122334455667788ull }, back;
    struct epoll_event h;

    epoll_event_g2h(&h, &t);
    CU_ASSERT_EQUAL(h.events, EPOLLIN | EPOLLET);
    CU_ASSERT_EQUAL(h.data.u64, 0x1122334455667788ull);
    memset(&back, 0xff, sizeof(back));
    epoll_event_h2g(&back, &h);
    CU_ASSERT_EQUAL(back.events, EPOLLIN | EPOLLET);
    CU_ASSERT_EQUAL(back.pad, 0);
    CU_ASSERT_EQUAL(back.data, 0x1122334455667788ull);
}

/* --- open flags --- */

static void test_open_flags(void)
{
    /* The four moved bits, one at a time, both ways. */
    CU_ASSERT_EQUAL(open_flags_g2h(G_O_DIRECTORY), O_DIRECTORY);
    CU_ASSERT_EQUAL(open_flags_g2h(G_O_NOFOLLOW), O_NOFOLLOW);
    CU_ASSERT_EQUAL(open_flags_g2h(G_O_DIRECT), O_DIRECT);
    CU_ASSERT_EQUAL(open_flags_g2h(G_O_LARGEFILE), 0100000);   /* x86-64's, which glibc hides */
    CU_ASSERT_EQUAL(open_flags_h2g(O_DIRECTORY), G_O_DIRECTORY);
    CU_ASSERT_EQUAL(open_flags_h2g(O_NOFOLLOW), G_O_NOFOLLOW);
    CU_ASSERT_EQUAL(open_flags_h2g(O_DIRECT), G_O_DIRECT);
    CU_ASSERT_EQUAL(open_flags_h2g(0100000), G_O_LARGEFILE);
    /* Unmoved bits stay. */
    CU_ASSERT_EQUAL(open_flags_g2h(G_O_RDWR | G_O_CREAT | G_O_EXCL | G_O_TRUNC),
                    O_RDWR | O_CREAT | O_EXCL | O_TRUNC);
    CU_ASSERT_EQUAL(open_flags_g2h(G_O_APPEND | G_O_NONBLOCK | G_O_CLOEXEC | G_O_PATH),
                    O_APPEND | O_NONBLOCK | O_CLOEXEC | O_PATH);
    CU_ASSERT_EQUAL(open_flags_g2h(G_O_TMPFILE | G_O_RDWR), O_TMPFILE | O_RDWR);
    CU_ASSERT_EQUAL(open_flags_g2h(0), 0);
    /* Every combination of the moved bits round-trips. */
    for (int m = 0; m < 16; m++) {
        int g = ((m & 1) ? G_O_DIRECTORY : 0) | ((m & 2) ? G_O_NOFOLLOW : 0) |
                ((m & 4) ? G_O_DIRECT : 0) | ((m & 8) ? G_O_LARGEFILE : 0) | G_O_CLOEXEC | 1;
        CU_ASSERT_EQUAL(open_flags_h2g(open_flags_g2h(g)), g);
    }
}

static void test_open_flags_format(void)
{
    char buf[256];

    open_flags_format(buf, sizeof(buf), 0);
    CU_ASSERT_STRING_EQUAL(buf, "O_RDONLY");
    open_flags_format(buf, sizeof(buf), 1 | G_O_CREAT | G_O_TRUNC);
    CU_ASSERT_STRING_EQUAL(buf, "O_WRONLY|O_CREAT|O_TRUNC");
    open_flags_format(buf, sizeof(buf), G_O_DIRECTORY | G_O_CLOEXEC);
    CU_ASSERT_STRING_EQUAL(buf, "O_RDONLY|O_DIRECTORY|O_CLOEXEC");
    open_flags_format(buf, sizeof(buf), G_O_RDWR | 0x80000000);
    CU_ASSERT_STRING_EQUAL(buf, "O_RDWR|020000000000");
}

/* --- errno names and -strace --- */

static void test_errno_names(void)
{
    CU_ASSERT_STRING_EQUAL(errno_name(ENOENT), "ENOENT");
    CU_ASSERT_STRING_EQUAL(errno_name(EFAULT), "EFAULT");
    CU_ASSERT_STRING_EQUAL(errno_name(ENOSYS), "ENOSYS");
    CU_ASSERT_STRING_EQUAL(errno_name(EAGAIN), "EAGAIN");
    CU_ASSERT_STRING_EQUAL(errno_name(ENOTTY), "ENOTTY");
    CU_ASSERT_STRING_EQUAL(errno_name(ECONNREFUSED), "ECONNREFUSED");
    CU_ASSERT_PTR_NULL(errno_name(0));
    CU_ASSERT_PTR_NULL(errno_name(-1));
    CU_ASSERT_PTR_NULL(errno_name(100000));
}

static void test_strace_format(void)
{
    char buf[512];
    uint64_t path = gstr("/etc/passwd");
    uint64_t odd = gstr("a\"b\\c\n");
    char longs[101];
    uint64_t a[6] = { G_AT_FDCWD, path, G_O_CLOEXEC, 0644, 0, 0 };

    CU_ASSERT_STRING_EQUAL(strace_format_call(buf, sizeof(buf), TARGET_NR_openat, a),
                           "openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY|O_CLOEXEC, 0644)");
    a[0] = 5;
    a[1] = 0x1000;
    a[2] = 3;
    CU_ASSERT_STRING_EQUAL(strace_format_call(buf, sizeof(buf), TARGET_NR_write, a),
                           "write(5, 0x1000, 3)");
    a[0] = 1;
    a[1] = gstr("hi\tthere\n");
    a[2] = 9;
    CU_ASSERT_STRING_EQUAL(strace_format_call(buf, sizeof(buf), TARGET_NR_write, a),
                           "write(1, \"hi\\tthere\\n\", 9)");
    a[2] = 2;   /* only the bytes written are shown */
    CU_ASSERT_STRING_EQUAL(strace_format_call(buf, sizeof(buf), TARGET_NR_write, a),
                           "write(1, \"hi\", 2)");
    a[1] = galloc(40);
    a[2] = 40;
    strace_format_call(buf, sizeof(buf), TARGET_NR_write, a);
    CU_ASSERT_STRING_EQUAL(buf + strlen(buf) - 9, "\"..., 40)");
    a[0] = (uint64_t)-1;
    CU_ASSERT_STRING_EQUAL(strace_format_call(buf, sizeof(buf), TARGET_NR_close, a), "close(-1)");
    a[0] = odd;
    CU_ASSERT_STRING_EQUAL(strace_format_call(buf, sizeof(buf), TARGET_NR_chdir, a),
                           "chdir(\"a\\\"b\\\\c\\n\")");
    /* An unreadable string prints as its address; NULL as NULL. */
    a[0] = HOLE;
    strace_format_call(buf, sizeof(buf), TARGET_NR_chdir, a);
    CU_ASSERT_STRING_EQUAL(buf, "chdir(0x121000)");
    a[0] = 0;
    CU_ASSERT_STRING_EQUAL(strace_format_call(buf, sizeof(buf), TARGET_NR_chdir, a), "chdir(NULL)");
    /* Long strings are cut after 64 characters. */
    memset(longs, 'x', 100);
    longs[100] = '\0';
    a[0] = gstr(longs);
    strace_format_call(buf, sizeof(buf), TARGET_NR_chdir, a);
    CU_ASSERT_EQUAL(strlen(buf), strlen("chdir(\"\"...)") + 64);
    CU_ASSERT_STRING_EQUAL(buf + strlen(buf) - 6, "x\"...)");
    a[0] = 0;
    a[1] = 0x2000;
    a[2] = 3;
    a[3] = 0x22;
    a[4] = (uint64_t)-1;
    a[5] = 0;
    CU_ASSERT_STRING_EQUAL(strace_format_call(buf, sizeof(buf), TARGET_NR_mmap, a),
                           "mmap(NULL, 0x2000, 3, 0x22, -1, 0)");
    CU_ASSERT_STRING_EQUAL(strace_format_call(buf, sizeof(buf), TARGET_NR_getpid, a), "getpid()");
    a[0] = 1;
    CU_ASSERT_STRING_EQUAL(strace_format_call(buf, sizeof(buf), 9999, a),
                           "syscall_9999(0x1, 0x2000, 0x3, 0x22, 0xffffffffffffffff, 0x0)");
    /* Results. */
    CU_ASSERT_STRING_EQUAL(strace_format_ret(buf, sizeof(buf), TARGET_NR_openat, -ENOENT),
                           " = -2 ENOENT (No such file or directory)");
    CU_ASSERT_STRING_EQUAL(strace_format_ret(buf, sizeof(buf), TARGET_NR_read, 42), " = 42");
    CU_ASSERT_STRING_EQUAL(strace_format_ret(buf, sizeof(buf), TARGET_NR_mmap, 0x7f0000),
                           " = 0x7f0000");
    CU_ASSERT_STRING_EQUAL(strace_format_ret(buf, sizeof(buf), TARGET_NR_mmap, -ENOMEM),
                           " = -12 ENOMEM (Cannot allocate memory)");
    CU_ASSERT_STRING_EQUAL(strace_format_ret(buf, sizeof(buf), TARGET_NR_read, -4095), " = -4095");
}

static void test_table(void)
{
    const SyscallDef *tables[] = { syscall_defs_fs, syscall_defs_mem, syscall_defs_proc,
                                   syscall_defs_time, syscall_defs_net, syscall_defs_misc };
    size_t counts[] = { syscall_defs_fs_count, syscall_defs_mem_count, syscall_defs_proc_count,
                        syscall_defs_time_count, syscall_defs_net_count, syscall_defs_misc_count };
    size_t total = 0, bad = 0;

    for (int t = 0; t < 6; t++) {
        for (size_t i = 0; i < counts[t]; i++) {
            const SyscallDef *d = &tables[t][i];
            total++;
            /* Each entry is findable, has a handler, and its format has at most 6 conversions. */
            if (syscall_def(d->nr) != d || !d->fn || !d->fmt || !d->name) {
                bad++;
            } else {
                int conv = 0;
                for (const char *f = d->fmt; *f; f++) {
                    conv += *f == '%';
                }
                bad += conv > 6;
            }
        }
    }
    CU_ASSERT(total >= 140);
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_STRING_EQUAL(syscall_name(63), "read");
    CU_ASSERT_STRING_EQUAL(syscall_name(56), "openat");
    CU_ASSERT_STRING_EQUAL(syscall_name(79), "newfstatat");
    CU_ASSERT_STRING_EQUAL(syscall_name(222), "mmap");
    CU_ASSERT_STRING_EQUAL(syscall_name(242), "accept4");
    CU_ASSERT_PTR_NULL(syscall_name(244));
    CU_ASSERT_PTR_NULL(syscall_name(100000));
    CU_ASSERT_EQUAL(sc(244, 0, 0, 0, 0, 0, 0), -ENOSYS);
    CU_ASSERT_EQUAL(sc(100000, 0, 0, 0, 0, 0, 0), -ENOSYS);
    CU_ASSERT_EQUAL(sc(TARGET_NR_rseq, 0, 0, 0, 0, 0, 0), -ENOSYS);
    CU_ASSERT_EQUAL(sc(TARGET_NR_get_mempolicy, 0, 0, 0, 0, 0, 0), -ENOSYS);
}

/* --- guest memory helpers --- */

static void test_guest_string(void)
{
    const char *s;
    uint64_t edge = RO_PAGE - 3;

    CU_ASSERT_EQUAL(guest_string(gstr("hello"), 100, &s), 0);
    CU_ASSERT_STRING_EQUAL(s, "hello");
    CU_ASSERT_EQUAL(guest_string(gstr("hello"), 4, &s), -ENAMETOOLONG);
    CU_ASSERT_EQUAL(guest_string(HOLE, 100, &s), -EFAULT);
    /* A string crossing into the read-only page is fine... */
    memcpy(g2h(edge), "abc", 3);
    /* (the read-only page is zero-filled: the NUL is its first byte) */
    CU_ASSERT_EQUAL(guest_string(edge, 100, &s), 0);
    CU_ASSERT_STRING_EQUAL(s, "abc");
    /* ...one running off into the hole is not. */
    CU_ASSERT_EQUAL(guest_mprotect(RO_PAGE, 0x1000, PROT_READ | PROT_WRITE), 0);
    memset(g2h(RO_PAGE), 'z', 0x1000);
    CU_ASSERT_EQUAL(guest_mprotect(RO_PAGE, 0x1000, PROT_READ), 0);
    CU_ASSERT_EQUAL(guest_string(HOLE - 0x10, 0x100000, &s), -EFAULT);
    CU_ASSERT_PTR_NULL(guest_ptr(HOLE, 1, PAGE_READ));
    CU_ASSERT_PTR_NULL(guest_ptr(RO_PAGE, 1, PAGE_WRITE));
    CU_ASSERT_PTR_NOT_NULL(guest_ptr(RO_PAGE, 1, PAGE_READ));
    CU_ASSERT_PTR_NOT_NULL(guest_ptr(HOLE, 0, PAGE_WRITE));
    CU_ASSERT_PTR_NULL(guest_ptr(guest_limit - 1, 2, PAGE_READ));
}

/* --- files through do_syscall --- */

static void test_file_io(void)
{
    uint64_t path = gpath("file1"), buf = galloc(64), st = galloc(sizeof(struct target_stat));
    struct target_stat *t = g2h(st);
    struct stat hs;
    int64_t fd, r;

    fd = sc(TARGET_NR_openat, G_AT_FDCWD, path, G_O_RDWR | G_O_CREAT | G_O_TRUNC, 0600, 0, 0);
    CU_ASSERT(fd >= 0);
    memcpy(g2h(buf), "hello, world", 12);
    CU_ASSERT_EQUAL(sc(TARGET_NR_write, fd, buf, 12, 0, 0, 0), 12);
    CU_ASSERT_EQUAL(sc(TARGET_NR_lseek, fd, 0, SEEK_SET, 0, 0, 0), 0);
    memset(g2h(buf), 0, 64);
    CU_ASSERT_EQUAL(sc(TARGET_NR_read, fd, buf, 64, 0, 0, 0), 12);
    CU_ASSERT_EQUAL(memcmp(g2h(buf), "hello, world", 12), 0);
    CU_ASSERT_EQUAL(sc(TARGET_NR_pread64, fd, buf, 5, 7, 0, 0), 5);
    CU_ASSERT_EQUAL(memcmp(g2h(buf), "world", 5), 0);
    CU_ASSERT_EQUAL(sc(TARGET_NR_lseek, fd, 0, SEEK_END, 0, 0, 0), 12);

    /* newfstatat fills the aarch64 layout. */
    CU_ASSERT_EQUAL(sc(TARGET_NR_newfstatat, G_AT_FDCWD, path, st, 0, 0, 0), 0);
    CU_ASSERT_EQUAL(stat((const char *)g2h(path), &hs), 0);
    CU_ASSERT_EQUAL(t->st_size, 12);
    CU_ASSERT_EQUAL(t->st_mode, S_IFREG | 0600);
    CU_ASSERT_EQUAL(t->st_ino, hs.st_ino);
    CU_ASSERT_EQUAL(t->st_nlink, 1);
    CU_ASSERT_EQUAL(t->st_blksize, hs.st_blksize);
    CU_ASSERT_EQUAL(t->st_mtime_sec, hs.st_mtim.tv_sec);
    memset(t, 0, sizeof(*t));
    CU_ASSERT_EQUAL(sc(TARGET_NR_fstat, fd, st, 0, 0, 0, 0), 0);
    CU_ASSERT_EQUAL(t->st_size, 12);
    CU_ASSERT_EQUAL(t->st_uid, getuid());

    /* F_GETFL answers in guest flags: the kernel's O_LARGEFILE is the guest's 0400000. */
    r = sc(TARGET_NR_fcntl, fd, F_GETFL, 0, 0, 0, 0);
    CU_ASSERT_EQUAL(r & 3, G_O_RDWR);
    CU_ASSERT_EQUAL(r & G_O_LARGEFILE, G_O_LARGEFILE);
    CU_ASSERT_EQUAL(r & 0100000, 0);
    CU_ASSERT_EQUAL(sc(TARGET_NR_fcntl, fd, F_SETFL, G_O_NONBLOCK | G_O_APPEND, 0, 0, 0), 0);
    CU_ASSERT_EQUAL(sc(TARGET_NR_fcntl, fd, F_GETFL, 0, 0, 0, 0) & (G_O_NONBLOCK | G_O_APPEND),
                    G_O_NONBLOCK | G_O_APPEND);
    CU_ASSERT_EQUAL(sc(TARGET_NR_fcntl, fd, 99999, 0, 0, 0, 0), -EINVAL);

    /* dup3 with O_CLOEXEC, visible through F_GETFD. */
    r = sc(TARGET_NR_dup3, fd, 200, G_O_CLOEXEC, 0, 0, 0);
    CU_ASSERT_EQUAL(r, 200);
    CU_ASSERT_EQUAL(sc(TARGET_NR_fcntl, 200, F_GETFD, 0, 0, 0, 0), FD_CLOEXEC);
    CU_ASSERT_EQUAL(sc(TARGET_NR_dup3, fd, fd, 0, 0, 0, 0), -EINVAL);
    CU_ASSERT_EQUAL(sc(TARGET_NR_close, 200, 0, 0, 0, 0, 0), 0);
    CU_ASSERT_EQUAL(sc(TARGET_NR_close, 200, 0, 0, 0, 0, 0), -EBADF);
    CU_ASSERT_EQUAL(sc(TARGET_NR_ftruncate, fd, 3, 0, 0, 0, 0), 0);
    CU_ASSERT_EQUAL(sc(TARGET_NR_fstat, fd, st, 0, 0, 0, 0), 0);
    CU_ASSERT_EQUAL(t->st_size, 3);
    CU_ASSERT_EQUAL(sc(TARGET_NR_close, fd, 0, 0, 0, 0, 0), 0);

    /* Missing files: ENOENT; guest O_DIRECTORY (0x4000 = x86-64's O_DIRECT) on a file: ENOTDIR. */
    CU_ASSERT_EQUAL(sc(TARGET_NR_openat, G_AT_FDCWD, gpath("nope"), 0, 0, 0, 0), -ENOENT);
    CU_ASSERT_EQUAL(sc(TARGET_NR_openat, G_AT_FDCWD, path, G_O_DIRECTORY, 0, 0, 0), -ENOTDIR);
    fd = sc(TARGET_NR_openat, G_AT_FDCWD, gstr(tmpdir), G_O_DIRECTORY, 0, 0, 0);
    CU_ASSERT(fd >= 0);
    sc(TARGET_NR_close, fd, 0, 0, 0, 0, 0);
    /* guest O_NOFOLLOW on a symlink: ELOOP. */
    CU_ASSERT_EQUAL(sc(TARGET_NR_symlinkat, gstr("file1"), G_AT_FDCWD, gpath("link1"), 0, 0, 0), 0);
    CU_ASSERT_EQUAL(sc(TARGET_NR_openat, G_AT_FDCWD, gpath("link1"), G_O_NOFOLLOW, 0, 0, 0), -ELOOP);
    CU_ASSERT_EQUAL(sc(TARGET_NR_readlinkat, G_AT_FDCWD, gpath("link1"), buf, 64, 0, 0), 5);
    CU_ASSERT_EQUAL(memcmp(g2h(buf), "file1", 5), 0);
}

static void test_vectored_io(void)
{
    uint64_t path = gpath("vec"), iov = galloc(32), b1 = gstr("abc"), b2 = gstr("defgh");
    uint64_t *v = g2h(iov);
    int64_t fd = sc(TARGET_NR_openat, G_AT_FDCWD, path, G_O_RDWR | G_O_CREAT, 0600, 0, 0);

    CU_ASSERT(fd >= 0);
    v[0] = b1;
    v[1] = 3;
    v[2] = b2;
    v[3] = 5;
    CU_ASSERT_EQUAL(sc(TARGET_NR_writev, fd, iov, 2, 0, 0, 0), 8);
    CU_ASSERT_EQUAL(sc(TARGET_NR_pwritev, fd, iov, 1, 8, 0, 0), 3);
    memset(g2h(b1), 0, 3);
    memset(g2h(b2), 0, 5);
    CU_ASSERT_EQUAL(sc(TARGET_NR_preadv, fd, iov, 2, 3, 0, 0), 8);
    CU_ASSERT_EQUAL(memcmp(g2h(b1), "def", 3), 0);
    CU_ASSERT_EQUAL(memcmp(g2h(b2), "ghabc", 5), 0);
    /* A buffer in the hole: EFAULT before anything is written. */
    v[2] = HOLE;
    CU_ASSERT_EQUAL(sc(TARGET_NR_writev, fd, iov, 2, 0, 0, 0), -EFAULT);
    CU_ASSERT_EQUAL(sc(TARGET_NR_readv, fd, HOLE, 1, 0, 0, 0), -EFAULT);
    CU_ASSERT_EQUAL(sc(TARGET_NR_readv, fd, iov, 5000, 0, 0, 0), -EINVAL);
    CU_ASSERT_EQUAL(sc(TARGET_NR_ppoll, iov, 1ull << 62, 0, 0, 0, 0), -EINVAL);
    CU_ASSERT_EQUAL(sc(TARGET_NR_setgroups, 1ull << 62, iov, 0, 0, 0, 0), -EINVAL);
    sc(TARGET_NR_close, fd, 0, 0, 0, 0, 0);
}

static void test_getdents64(void)
{
    uint64_t dir = gpath("dents"), buf = galloc(4096);
    char name[PATH_MAX];
    int64_t fd, n;
    int found = 0;

    CU_ASSERT_EQUAL(sc(TARGET_NR_mkdirat, G_AT_FDCWD, dir, 0700, 0, 0, 0), 0);
    CU_ASSERT_EQUAL(sc(TARGET_NR_mkdirat, G_AT_FDCWD, dir, 0700, 0, 0, 0), -EEXIST);
    snprintf(name, sizeof(name), "%s/dents/alpha", tmpdir);
    close(open(name, O_CREAT | O_WRONLY, 0600));
    snprintf(name, sizeof(name), "%s/dents/beta", tmpdir);
    close(open(name, O_CREAT | O_WRONLY, 0600));
    fd = sc(TARGET_NR_openat, G_AT_FDCWD, dir, G_O_DIRECTORY, 0, 0, 0);
    CU_ASSERT(fd >= 0);
    n = sc(TARGET_NR_getdents64, fd, buf, 4096, 0, 0, 0);
    CU_ASSERT(n > 0);
    /* linux_dirent64: ino 8, off 8, reclen 2, type 1, name. */
    for (int64_t off = 0; off < n;) {
        const uint8_t *d = (const uint8_t *)g2h(buf) + off;
        uint16_t reclen;
        memcpy(&reclen, d + 16, 2);
        if (strcmp((const char *)d + 19, "alpha") == 0 || strcmp((const char *)d + 19, "beta") == 0) {
            found++;
            CU_ASSERT_EQUAL(d[18], DT_REG);
        }
        off += reclen;
    }
    CU_ASSERT_EQUAL(found, 2);
    CU_ASSERT_EQUAL(sc(TARGET_NR_getdents64, fd, buf, 4096, 0, 0, 0), 0);   /* end */
    CU_ASSERT_EQUAL(sc(TARGET_NR_getdents64, fd, RO_PAGE, 4096, 0, 0, 0), -EFAULT);
    sc(TARGET_NR_close, fd, 0, 0, 0, 0, 0);
    CU_ASSERT_EQUAL(sc(TARGET_NR_unlinkat, G_AT_FDCWD, dir, AT_REMOVEDIR, 0, 0, 0), -ENOTEMPTY);
}

static void test_pipe2(void)
{
    uint64_t fds = galloc(8), buf = gstr("ping");
    int *f = g2h(fds);
    int64_t r;

    CU_ASSERT_EQUAL(sc(TARGET_NR_pipe2, fds, G_O_CLOEXEC | G_O_NONBLOCK, 0, 0, 0, 0), 0);
    CU_ASSERT(f[0] >= 0 && f[1] >= 0 && f[0] != f[1]);
    CU_ASSERT_EQUAL(sc(TARGET_NR_fcntl, f[0], F_GETFD, 0, 0, 0, 0), FD_CLOEXEC);
    CU_ASSERT_EQUAL(sc(TARGET_NR_read, f[0], buf, 4, 0, 0, 0), -EAGAIN);
    CU_ASSERT_EQUAL(sc(TARGET_NR_write, f[1], buf, 4, 0, 0, 0), 4);
    memset(g2h(buf), 0, 4);
    r = sc(TARGET_NR_read, f[0], buf, 4, 0, 0, 0);
    CU_ASSERT_EQUAL(r, 4);
    CU_ASSERT_EQUAL(memcmp(g2h(buf), "ping", 4), 0);
    /* FIONREAD through ioctl; a terminal ioctl on a pipe is the kernel's ENOTTY. */
    CU_ASSERT_EQUAL(sc(TARGET_NR_write, f[1], buf, 3, 0, 0, 0), 3);
    CU_ASSERT_EQUAL(sc(TARGET_NR_ioctl, f[0], 0x541B, buf, 0, 0, 0), 0);
    CU_ASSERT_EQUAL(*(int *)g2h(buf), 3);
    CU_ASSERT_EQUAL(sc(TARGET_NR_ioctl, f[0], 0x5401, galloc(64), 0, 0, 0), -ENOTTY);
    CU_ASSERT_EQUAL(sc(TARGET_NR_ioctl, f[0], 0x12345678, 0, 0, 0, 0), -ENOTTY);
    CU_ASSERT_EQUAL(sc(TARGET_NR_ioctl, f[0], 0x541B, RO_PAGE, 0, 0, 0), -EFAULT);
    /* Packet mode: guest O_DIRECT must become the host's. */
    CU_ASSERT_EQUAL(sc(TARGET_NR_pipe2, fds, G_O_DIRECT, 0, 0, 0, 0), 0);
    /* (the kernel marks the write end) */
    CU_ASSERT_EQUAL(sc(TARGET_NR_fcntl, f[1], F_GETFL, 0, 0, 0, 0) & (G_O_DIRECT | G_O_DIRECTORY),
                    G_O_DIRECT);
    CU_ASSERT_EQUAL(sc(TARGET_NR_pipe2, RO_PAGE, 0, 0, 0, 0, 0), -EFAULT);
}

static void test_readlink_self_exe(void)
{
    uint64_t buf = galloc(PATH_MAX);
    char *real = realpath("/bin/sh", NULL);
    int64_t n;

    syscall_set_exe_path("/bin/sh");
    n = sc(TARGET_NR_readlinkat, G_AT_FDCWD, gstr("/proc/self/exe"), buf, PATH_MAX, 0, 0);
    CU_ASSERT_EQUAL(n, (int64_t)strlen(real));
    CU_ASSERT_EQUAL(memcmp(g2h(buf), real, strlen(real)), 0);
    /* Truncated to the buffer, without a NUL, like readlink. */
    CU_ASSERT_EQUAL(sc(TARGET_NR_readlinkat, G_AT_FDCWD, gstr("/proc/self/exe"), buf, 3, 0, 0), 3);
    CU_ASSERT_EQUAL(sc(TARGET_NR_readlinkat, G_AT_FDCWD, gstr("/proc/self/exe"), HOLE, 10, 0, 0),
                    -EFAULT);
    free(real);
}

static void test_uname_and_ids(void)
{
    uint64_t u = galloc(sizeof(struct utsname));
    struct utsname *gu = g2h(u);
    uint64_t ids = galloc(12), rl = galloc(16);
    struct rlimit hl;

    CU_ASSERT_EQUAL(sc(TARGET_NR_uname, u, 0, 0, 0, 0, 0), 0);
    CU_ASSERT_STRING_EQUAL(gu->machine, "aarch64");
    CU_ASSERT_STRING_EQUAL(gu->sysname, "Linux");
    CU_ASSERT_EQUAL(sc(TARGET_NR_uname, RO_PAGE, 0, 0, 0, 0, 0), -EFAULT);
    CU_ASSERT_EQUAL(sc(TARGET_NR_getpid, 0, 0, 0, 0, 0, 0), getpid());
    CU_ASSERT_EQUAL(sc(TARGET_NR_getuid, 0, 0, 0, 0, 0, 0), getuid());
    CU_ASSERT_EQUAL(sc(TARGET_NR_getresuid, ids, ids + 4, ids + 8, 0, 0, 0), 0);
    CU_ASSERT_EQUAL(*(uint32_t *)g2h(ids + 4), geteuid());
    CU_ASSERT_EQUAL(sc(TARGET_NR_getresuid, ids, HOLE, ids + 8, 0, 0, 0), -EFAULT);
    CU_ASSERT_EQUAL(sc(TARGET_NR_prlimit64, 0, RLIMIT_NOFILE, 0, rl, 0, 0), 0);
    getrlimit(RLIMIT_NOFILE, &hl);
    CU_ASSERT_EQUAL(*(uint64_t *)g2h(rl), hl.rlim_cur);
    CU_ASSERT_EQUAL(*(uint64_t *)g2h(rl + 8), hl.rlim_max);
    CU_ASSERT_EQUAL(sc(TARGET_NR_getrlimit, RLIMIT_NOFILE, rl, 0, 0, 0, 0), 0);
    CU_ASSERT_EQUAL(*(uint64_t *)g2h(rl), hl.rlim_cur);
    CU_ASSERT_EQUAL(sc(TARGET_NR_set_robust_list, 0x1000, 24, 0, 0, 0, 0), 0);
    CU_ASSERT_EQUAL(sc(TARGET_NR_set_robust_list, 0x1000, 23, 0, 0, 0, 0), -EINVAL);
    CU_ASSERT_EQUAL(sc(TARGET_NR_prctl, 51, 0, 0, 0, 0, 0), -EINVAL);   /* PR_SVE_GET_VL */
    CU_ASSERT_EQUAL(sc(TARGET_NR_prctl, 15, gstr("guestname"), 0, 0, 0, 0), 0);   /* PR_SET_NAME */
    CU_ASSERT_EQUAL(sc(TARGET_NR_prctl, 16, ids, 0, 0, 0, 0), 0);                 /* PR_GET_NAME */
    CU_ASSERT_STRING_EQUAL((char *)g2h(ids), "guestname");
}

static void test_time_and_random(void)
{
    uint64_t ts = galloc(16), buf = galloc(32);
    int64_t *t = g2h(ts);

    CU_ASSERT_EQUAL(sc(TARGET_NR_clock_gettime, CLOCK_REALTIME, ts, 0, 0, 0, 0), 0);
    CU_ASSERT(t[0] > 1600000000 && t[1] >= 0 && t[1] < 1000000000);
    CU_ASSERT_EQUAL(sc(TARGET_NR_clock_gettime, CLOCK_MONOTONIC, RO_PAGE, 0, 0, 0, 0), -EFAULT);
    CU_ASSERT_EQUAL(sc(TARGET_NR_clock_getres, CLOCK_MONOTONIC, 0, 0, 0, 0, 0), 0);
    t[0] = 0;
    t[1] = 1000;
    CU_ASSERT_EQUAL(sc(TARGET_NR_nanosleep, ts, 0, 0, 0, 0, 0), 0);
    CU_ASSERT_EQUAL(sc(TARGET_NR_getrandom, buf, 32, 0, 0, 0, 0), 32);
    CU_ASSERT_EQUAL(sc(TARGET_NR_getrandom, HOLE, 32, 0, 0, 0, 0), -EFAULT);
}

static void test_timerfd(void)
{
    uint64_t its = galloc(32), val = galloc(8);
    int64_t *v = g2h(its);
    int64_t fd = sc(TARGET_NR_timerfd_create, CLOCK_MONOTONIC, 0, 0, 0, 0, 0);

    CU_ASSERT(fd >= 0);
    v[0] = 0;
    v[1] = 0;
    v[2] = 0;
    v[3] = 1000000;   /* 1 ms */
    CU_ASSERT_EQUAL(sc(TARGET_NR_timerfd_settime, fd, 0, its, 0, 0, 0), 0);
    CU_ASSERT_EQUAL(sc(TARGET_NR_read, fd, val, 8, 0, 0, 0), 8);
    CU_ASSERT_EQUAL(*(uint64_t *)g2h(val), 1);
    CU_ASSERT_EQUAL(sc(TARGET_NR_timerfd_gettime, fd, its, 0, 0, 0, 0), 0);
    CU_ASSERT_EQUAL(sc(TARGET_NR_timerfd_settime, fd, 0, HOLE, 0, 0, 0), -EFAULT);
    sc(TARGET_NR_close, fd, 0, 0, 0, 0, 0);
}

static void test_epoll(void)
{
    uint64_t fds = galloc(8), ev = galloc(16), out = galloc(64), b = gstr("x");
    struct target_epoll_event *e = g2h(ev), *o = g2h(out);
    int *f = g2h(fds);
    int64_t ep;

    CU_ASSERT_EQUAL(sc(TARGET_NR_pipe2, fds, 0, 0, 0, 0, 0), 0);
    ep = sc(TARGET_NR_epoll_create1, G_O_CLOEXEC, 0, 0, 0, 0, 0);
    CU_ASSERT(ep >= 0);
    e->events = EPOLLIN;
    e->data = 0x1122334455667788ull;
    CU_ASSERT_EQUAL(sc(TARGET_NR_epoll_ctl, ep, EPOLL_CTL_ADD, f[0], ev, 0, 0), 0);
    CU_ASSERT_EQUAL(sc(TARGET_NR_epoll_pwait, ep, out, 4, 0, 0, 0), 0);
    CU_ASSERT_EQUAL(sc(TARGET_NR_write, f[1], b, 1, 0, 0, 0), 1);
    memset(o, 0xee, 64);
    CU_ASSERT_EQUAL(sc(TARGET_NR_epoll_pwait, ep, out, 4, 100, 0, 0), 1);
    CU_ASSERT_EQUAL(o[0].events, EPOLLIN);
    CU_ASSERT_EQUAL(o[0].data, 0x1122334455667788ull);
    CU_ASSERT_EQUAL(o[1].events, 0xeeeeeeee);   /* untouched past the count */
    CU_ASSERT_EQUAL(sc(TARGET_NR_epoll_pwait, ep, RO_PAGE, 4, 0, 0, 0), -EFAULT);
    CU_ASSERT_EQUAL(sc(TARGET_NR_epoll_pwait, ep, out, 0, 0, 0, 0), -EINVAL);
    CU_ASSERT_EQUAL(sc(TARGET_NR_epoll_pwait, ep, out, 4, 0, galloc(8), 16), -EINVAL);
    CU_ASSERT_EQUAL(sc(TARGET_NR_epoll_ctl, ep, EPOLL_CTL_DEL, f[0], 0, 0, 0), 0);
    sc(TARGET_NR_close, ep, 0, 0, 0, 0, 0);
    sc(TARGET_NR_close, f[0], 0, 0, 0, 0, 0);
    sc(TARGET_NR_close, f[1], 0, 0, 0, 0, 0);
}

static void test_sockets(void)
{
    uint64_t sv = galloc(8), msg = galloc(56), iov = galloc(16), data = gstr("over a socket");
    uint64_t rbuf = galloc(64);
    uint64_t *m = g2h(msg), *v = g2h(iov);
    int *s = g2h(sv);

    CU_ASSERT_EQUAL(sc(TARGET_NR_socketpair, AF_UNIX, SOCK_STREAM, 0, sv, 0, 0), 0);
    v[0] = data;
    v[1] = 13;
    memset(m, 0, 56);
    m[2] = iov;   /* msg_iov */
    m[3] = 1;     /* msg_iovlen */
    CU_ASSERT_EQUAL(sc(TARGET_NR_sendmsg, s[0], msg, 0, 0, 0, 0), 13);
    v[0] = rbuf;
    v[1] = 64;
    CU_ASSERT_EQUAL(sc(TARGET_NR_recvmsg, s[1], msg, 0, 0, 0, 0), 13);
    CU_ASSERT_EQUAL(memcmp(g2h(rbuf), "over a socket", 13), 0);
    CU_ASSERT_EQUAL(sc(TARGET_NR_sendto, s[1], data, 4, 0, 0, 0), 4);
    CU_ASSERT_EQUAL(sc(TARGET_NR_recvfrom, s[0], rbuf, 64, 0, 0, 0), 4);
    CU_ASSERT_EQUAL(sc(TARGET_NR_recvfrom, s[0], HOLE, 64, 0, 0, 0), -EFAULT);
    CU_ASSERT_EQUAL(sc(TARGET_NR_sendmsg, s[0], HOLE, 0, 0, 0, 0), -EFAULT);
    sc(TARGET_NR_close, s[0], 0, 0, 0, 0, 0);
    sc(TARGET_NR_close, s[1], 0, 0, 0, 0, 0);
}

static void test_efault(void)
{
    uint64_t path = gpath("file1"), st = galloc(128);

    CU_ASSERT_EQUAL(sc(TARGET_NR_openat, G_AT_FDCWD, HOLE, 0, 0, 0, 0), -EFAULT);
    CU_ASSERT_EQUAL(sc(TARGET_NR_read, 0, HOLE, 10, 0, 0, 0), -EFAULT);
    CU_ASSERT_EQUAL(sc(TARGET_NR_read, 0, RO_PAGE, 10, 0, 0, 0), -EFAULT);
    CU_ASSERT_EQUAL(sc(TARGET_NR_write, 1, HOLE, 10, 0, 0, 0), -EFAULT);
    /* A buffer running from readable pages into the hole. */
    {
        int devnull = open("/dev/null", O_WRONLY);
        CU_ASSERT_EQUAL(sc(TARGET_NR_write, devnull, HOLE - 4, 10, 0, 0, 0), -EFAULT);
        CU_ASSERT_EQUAL(sc(TARGET_NR_write, devnull, RO_PAGE - 4, 10, 0, 0, 0), 10);
        close(devnull);
    }
    CU_ASSERT_EQUAL(sc(TARGET_NR_newfstatat, G_AT_FDCWD, path, RO_PAGE, 0, 0, 0), -EFAULT);
    CU_ASSERT_EQUAL(sc(TARGET_NR_newfstatat, G_AT_FDCWD, gpath("nope"), st, 0, 0, 0), -ENOENT);
    CU_ASSERT_EQUAL(sc(TARGET_NR_fstat, 0, HOLE, 0, 0, 0, 0), -EFAULT);
    CU_ASSERT_EQUAL(sc(TARGET_NR_statfs, gstr("/"), HOLE, 0, 0, 0, 0), -EFAULT);
    CU_ASSERT_EQUAL(sc(TARGET_NR_getcwd, HOLE, 100, 0, 0, 0, 0), -EFAULT);
    CU_ASSERT_EQUAL(sc(TARGET_NR_clock_gettime, 0, HOLE, 0, 0, 0, 0), -EFAULT);
}

static void test_statfs_syscall(void)
{
    uint64_t buf = galloc(sizeof(struct target_statfs));
    struct target_statfs *t = g2h(buf);
    struct statfs h;

    CU_ASSERT_EQUAL(sc(TARGET_NR_statfs, gstr(tmpdir), buf, 0, 0, 0, 0), 0);
    CU_ASSERT_EQUAL(statfs(tmpdir, &h), 0);
    CU_ASSERT_EQUAL(t->f_type, h.f_type);
    CU_ASSERT_EQUAL(t->f_bsize, h.f_bsize);
    CU_ASSERT_EQUAL(t->f_namelen, h.f_namelen);
}

static void test_getcwd(void)
{
    uint64_t buf = galloc(PATH_MAX);
    char host[PATH_MAX];
    int64_t n = sc(TARGET_NR_getcwd, buf, PATH_MAX, 0, 0, 0, 0);

    CU_ASSERT_PTR_NOT_NULL_FATAL(getcwd(host, sizeof(host)));
    CU_ASSERT_EQUAL(n, (int64_t)strlen(host) + 1);
    CU_ASSERT_STRING_EQUAL((char *)g2h(buf), host);
    CU_ASSERT_EQUAL(sc(TARGET_NR_getcwd, buf, 1, 0, 0, 0, 0), -ERANGE);
}

static void test_mremap(void)
{
    int64_t a = sc(TARGET_NR_mmap, 0, 0x2000, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                   -1, 0);
    int64_t b;

    CU_ASSERT(a > 0);
    memcpy(g2h(a), "first", 6);
    memcpy(g2h(a + 0x1000), "second", 7);
    /* Something right after it forces a move. */
    CU_ASSERT_EQUAL(guest_mmap(a + 0x2000, 0x1000, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
                               -1, 0), a + 0x2000);
    CU_ASSERT_EQUAL(sc(TARGET_NR_mremap, a, 0x2000, 0x4000, 0, 0, 0), -ENOMEM);
    b = sc(TARGET_NR_mremap, a, 0x2000, 0x4000, MREMAP_MAYMOVE, 0, 0);
    CU_ASSERT(b > 0 && b != a);
    CU_ASSERT_STRING_EQUAL((char *)g2h(b), "first");
    CU_ASSERT_STRING_EQUAL((char *)g2h(b + 0x1000), "second");
    CU_ASSERT_EQUAL(page_get_flags(b + 0x3000), PAGE_VALID | PAGE_READ | PAGE_WRITE);
    CU_ASSERT_EQUAL(page_get_flags(a), 0);   /* the old range is gone */
    ((char *)g2h(b + 0x3000))[0] = 1;        /* and the new tail is usable */
    /* Shrink in place. */
    CU_ASSERT_EQUAL(sc(TARGET_NR_mremap, b, 0x4000, 0x1000, 0, 0, 0), b);
    CU_ASSERT_EQUAL(page_get_flags(b + 0x1000), 0);
    /* Grow in place into free space. */
    CU_ASSERT_EQUAL(sc(TARGET_NR_mremap, b, 0x1000, 0x3000, 0, 0, 0), b);
    CU_ASSERT_STRING_EQUAL((char *)g2h(b), "first");
    CU_ASSERT_EQUAL(page_get_flags(b + 0x2000), PAGE_VALID | PAGE_READ | PAGE_WRITE);
    CU_ASSERT_EQUAL(sc(TARGET_NR_mremap, HOLE, 0x1000, 0x2000, MREMAP_MAYMOVE, 0, 0), -EFAULT);
    CU_ASSERT_EQUAL(sc(TARGET_NR_mremap, b + 1, 0x1000, 0x2000, MREMAP_MAYMOVE, 0, 0), -EINVAL);
    CU_ASSERT_EQUAL(sc(TARGET_NR_madvise, b, 0x3000, MADV_DONTNEED, 0, 0, 0), 0);
    CU_ASSERT_EQUAL(((char *)g2h(b))[0], 0);   /* private anonymous memory reads back zero */
    CU_ASSERT_EQUAL(sc(TARGET_NR_madvise, HOLE, 0x1000, MADV_DONTNEED, 0, 0, 0), -ENOMEM);
    /* PROT_BTI is accepted and ignored; PROT_MTE is refused. */
    CU_ASSERT_EQUAL(sc(TARGET_NR_mprotect, b, 0x1000, PROT_READ | PROT_EXEC | 0x10, 0, 0, 0), 0);
    CU_ASSERT_EQUAL(sc(TARGET_NR_mprotect, b, 0x1000, PROT_READ | 0x20, 0, 0, 0), -EINVAL);
    guest_munmap(b, 0x3000);
    guest_munmap(a + 0x2000, 0x1000);
}

/* A read into a page whose code has been translated (write-protected on the host). */
static void test_write_to_code_page(void)
{
    uint64_t page = galloc(0x2000);
    uint64_t fds = galloc(8);
    int *f = g2h(fds);

    page = (page + 0xfff) & ~0xfffull;
    CU_ASSERT_EQUAL(sc(TARGET_NR_pipe2, fds, 0, 0, 0, 0, 0), 0);
    page_protect_code(page);
    CU_ASSERT(page_get_flags(page) & PAGE_CODE);
    CU_ASSERT_EQUAL(sc(TARGET_NR_write, f[1], gstr("code"), 4, 0, 0, 0), 4);
    CU_ASSERT_EQUAL(sc(TARGET_NR_read, f[0], page + 8, 4, 0, 0, 0), 4);
    CU_ASSERT_EQUAL(memcmp(g2h(page + 8), "code", 4), 0);
    CU_ASSERT_FALSE(page_get_flags(page) & PAGE_CODE);
    sc(TARGET_NR_close, f[0], 0, 0, 0, 0, 0);
    sc(TARGET_NR_close, f[1], 0, 0, 0, 0, 0);
}

static void test_reserved_fds(void)
{
    int mine = open("/dev/null", O_RDONLY | O_CLOEXEC);
    int theirs = open("/dev/null", O_RDONLY);

    syscall_reserve_cloexec_fds();
    CU_ASSERT_TRUE(syscall_fd_reserved(mine));
    CU_ASSERT_FALSE(syscall_fd_reserved(theirs));
    CU_ASSERT_FALSE(syscall_fd_reserved(1));
    CU_ASSERT_EQUAL(sc(TARGET_NR_close, mine, 0, 0, 0, 0, 0), 0);
    CU_ASSERT(fcntl(mine, F_GETFD) >= 0);   /* still open */
    CU_ASSERT_EQUAL(sc(TARGET_NR_dup3, theirs, mine, 0, 0, 0, 0), -EBADF);
    CU_ASSERT_EQUAL(sc(TARGET_NR_close, theirs, 0, 0, 0, 0, 0), 0);
    CU_ASSERT(fcntl(theirs, F_GETFD) < 0);   /* really closed */
}

static void test_path_prefix(void)
{
    char root[128], dir[160], file[192], buf[PATH_MAX];
    uint64_t gbuf = galloc(64);
    int64_t fd;

    snprintf(root, sizeof(root), "%s/root", tmpdir);
    snprintf(dir, sizeof(dir), "%s/etc", root);
    CU_ASSERT_EQUAL(mkdir(root, 0700), 0);
    CU_ASSERT_EQUAL(mkdir(dir, 0700), 0);
    snprintf(file, sizeof(file), "%s/etc/emu-test-file", root);
    fd = open(file, O_CREAT | O_WRONLY, 0600);
    CU_ASSERT_EQUAL(write((int)fd, "inside", 6), 6);
    close((int)fd);

    syscall_set_root(root);
    CU_ASSERT_STRING_EQUAL(path_root(), root);
    CU_ASSERT_STRING_EQUAL(path_translate("/etc/emu-test-file", buf, sizeof(buf)), file);
    /* Asked twice: the cached answer is the same. */
    CU_ASSERT_STRING_EQUAL(path_translate("/etc/emu-test-file", buf, sizeof(buf)), file);
    CU_ASSERT_STRING_EQUAL(path_translate("/etc/no-such-file", buf, sizeof(buf)), "/etc/no-such-file");
    CU_ASSERT_STRING_EQUAL(path_translate("etc/emu-test-file", buf, sizeof(buf)), "etc/emu-test-file");
    CU_ASSERT_STRING_EQUAL(path_translate("/proc/self/status", buf, sizeof(buf)), "/proc/self/status");
    /* Through openat: the guest reads ROOT's copy. */
    fd = sc(TARGET_NR_openat, G_AT_FDCWD, gstr("/etc/emu-test-file"), 0, 0, 0, 0);
    CU_ASSERT(fd >= 0);
    CU_ASSERT_EQUAL(sc(TARGET_NR_read, fd, gbuf, 64, 0, 0, 0), 6);
    CU_ASSERT_EQUAL(memcmp(g2h(gbuf), "inside", 6), 0);
    sc(TARGET_NR_close, fd, 0, 0, 0, 0, 0);
    CU_ASSERT_EQUAL(sc(TARGET_NR_faccessat, G_AT_FDCWD, gstr("/etc/emu-test-file"), R_OK, 0, 0, 0), 0);
    /* A name that appears later is found once the cache is flushed by the creating call. */
    CU_ASSERT_STRING_EQUAL(path_translate("/etc/later", buf, sizeof(buf)), "/etc/later");
    CU_ASSERT_EQUAL(sc(TARGET_NR_mkdirat, G_AT_FDCWD, gstr(dir), 0700, 0, 0, 0), -EEXIST);
    snprintf(file, sizeof(file), "%s/etc/later", root);
    close(open(file, O_CREAT | O_WRONLY, 0600));
    path_cache_flush();
    CU_ASSERT_STRING_EQUAL(path_translate("/etc/later", buf, sizeof(buf)), file);
    syscall_set_root(NULL);
    CU_ASSERT_PTR_NULL(path_root());
    CU_ASSERT_STRING_EQUAL(path_translate("/etc/later", buf, sizeof(buf)), "/etc/later");
    syscall_set_root("/");
    CU_ASSERT_PTR_NULL(path_root());
}

static void test_brk(void)
{
    syscall_state.brk_start = syscall_state.brk_cur = 0x2000000;
    CU_ASSERT_EQUAL(sc(TARGET_NR_brk, 0, 0, 0, 0, 0, 0), 0x2000000);
    CU_ASSERT_EQUAL(sc(TARGET_NR_brk, 0x2001800, 0, 0, 0, 0, 0), 0x2001800);
    CU_ASSERT_EQUAL(page_get_flags(0x2001000), PAGE_VALID | PAGE_READ | PAGE_WRITE);
    CU_ASSERT_EQUAL(sc(TARGET_NR_brk, 0x1000, 0, 0, 0, 0, 0), 0x2001800);   /* below start */
    CU_ASSERT_EQUAL(sc(TARGET_NR_brk, 0x2000000, 0, 0, 0, 0, 0), 0x2000000);
    CU_ASSERT_EQUAL(page_get_flags(0x2001000), 0);
}

static CU_TestInfo tests[] = {
    { "struct_layouts", test_struct_layouts },
    { "stat_conversion", test_stat_conversion },
    { "statfs_conversion", test_statfs_conversion },
    { "epoll_conversion", test_epoll_conversion },
    { "open_flags", test_open_flags },
    { "open_flags_format", test_open_flags_format },
    { "errno_names", test_errno_names },
    { "strace_format", test_strace_format },
    { "table", test_table },
    { "guest_string", test_guest_string },
    { "file_io", test_file_io },
    { "vectored_io", test_vectored_io },
    { "getdents64", test_getdents64 },
    { "pipe2", test_pipe2 },
    { "readlink_self_exe", test_readlink_self_exe },
    { "uname_and_ids", test_uname_and_ids },
    { "time_and_random", test_time_and_random },
    { "timerfd", test_timerfd },
    { "epoll", test_epoll },
    { "sockets", test_sockets },
    { "efault", test_efault },
    { "statfs_syscall", test_statfs_syscall },
    { "getcwd", test_getcwd },
    { "mremap", test_mremap },
    { "write_to_code_page", test_write_to_code_page },
    { "reserved_fds", test_reserved_fds },
    { "path_prefix", test_path_prefix },
    { "brk", test_brk },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    int r;

    if (setup() < 0) {
        fprintf(stderr, "test_syscall: cannot set up guest memory or a temporary directory\n");
        return 1;
    }
    r = cunit_run_suite("syscall", tests);
    cleanup();
    return r;
}
