/*
 * The system-call layer without a C library: raw SVCs on the asm-generic
 * numbers, built -nostdlib -mgeneral-regs-only so it needs only the integer
 * instructions.  Checks the aarch64 structure layouts the guest sees
 * (struct stat offsets, 16-byte epoll_event, guest O_* values) and prints
 * one deterministic line per check.
 */
typedef unsigned long u64;
typedef long s64;

static s64 sc6(s64 nr, s64 a, s64 b, s64 c, s64 d, s64 e, s64 f)
{
    register s64 x8 __asm__("x8") = nr;
    register s64 x0 __asm__("x0") = a;
    register s64 x1 __asm__("x1") = b;
    register s64 x2 __asm__("x2") = c;
    register s64 x3 __asm__("x3") = d;
    register s64 x4 __asm__("x4") = e;
    register s64 x5 __asm__("x5") = f;
    __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5)
                     : "memory");
    return x0;
}
#define sc(nr, a, b, c) sc6(nr, (s64)(a), (s64)(b), (s64)(c), 0, 0, 0)
#define sc4(nr, a, b, c, d) sc6(nr, (s64)(a), (s64)(b), (s64)(c), (s64)(d), 0, 0)

/* The compiler may call these for struct copies even when freestanding. */
void *memset(void *d, int c, unsigned long n);
void *memcpy(void *d, const void *s, unsigned long n);
void *memset(void *d, int c, unsigned long n)
{
    unsigned char *p = d;
    while (n--) {
        *p++ = (unsigned char)c;
    }
    return d;
}
void *memcpy(void *d, const void *s, unsigned long n)
{
    unsigned char *p = d;
    const unsigned char *q = s;
    while (n--) {
        *p++ = *q++;
    }
    return d;
}

static unsigned long slen(const char *s)
{
    unsigned long n = 0;
    while (s[n]) {
        n++;
    }
    return n;
}

static void out(const char *s)
{
    sc(64, 1, s, slen(s));
}

static void out_num(s64 v)
{
    char buf[24];
    int i = 23;
    int neg = v < 0;
    u64 u = neg ? -(u64)v : (u64)v;
    buf[i] = '\0';
    do {
        buf[--i] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (neg) {
        buf[--i] = '-';
    }
    out(buf + i);
}

static void line(const char *what, s64 v)
{
    out(what);
    out(" ");
    out_num(v);
    out("\n");
}

#define AT_FDCWD -100
#define NR_openat 56
#define NR_close 57
#define NR_read 63
#define NR_write 64
#define NR_lseek 62
#define NR_newfstatat 79
#define NR_fstat 80
#define NR_getdents64 61
#define NR_pipe2 59
#define NR_dup3 24
#define NR_fcntl 25
#define NR_readlinkat 78
#define NR_uname 160
#define NR_mkdirat 34
#define NR_unlinkat 35
#define NR_epoll_create1 20
#define NR_epoll_ctl 21
#define NR_epoll_pwait 22
#define NR_mmap 222
#define NR_mremap 216
#define NR_munmap 215
#define NR_getcwd 17
#define NR_clock_gettime 113
#define NR_getrandom 278
#define NR_exit_group 94

int main_raw(void);
int main_raw(void)
{
    static char buf[4096];
    static unsigned char st[128];
    static int fds[2];
    s64 fd, r, n;

    fd = sc4(NR_openat, AT_FDCWD, "raw-file", 02 | 0100 | 01000, 0640);
    line("openat", fd >= 0);
    line("write", sc(NR_write, fd, "0123456789abcdef", 16));
    line("lseek", sc(NR_lseek, fd, 4, 0));
    r = sc(NR_read, fd, buf, 100);
    buf[r > 0 ? r : 0] = '\0';
    out("read ");
    out(buf);
    out("\n");
    /* aarch64 struct stat: st_mode at 16 (u32), st_nlink at 20 (u32), st_size at 48. */
    line("fstat", sc(NR_fstat, fd, st, 0));
    line("st_mode", *(unsigned *)(st + 16) & 07777);
    line("st_nlink", *(unsigned *)(st + 20));
    line("st_size", *(s64 *)(st + 48));
    line("newfstatat", sc4(NR_newfstatat, AT_FDCWD, "raw-file", st, 0));
    line("st_size", *(s64 *)(st + 48));
    line("st_blksize>0", *(int *)(st + 56) > 0);
    line("stat-missing", sc4(NR_newfstatat, AT_FDCWD, "no-such", st, 0));
    /*
     * F_GETFL answers in aarch64 values.  A 64-bit kernel adds O_LARGEFILE
     * (0400000 on arm64) to every open file and we report it as arm64 Linux
     * does; qemu-aarch64 drops it, so the bit is only checked not to be
     * x86-64's O_LARGEFILE (0100000, arm64's O_NOFOLLOW).
     */
    r = sc(NR_fcntl, fd, 3, 0);
    line("getfl", r & ~0400000);
    line("dup3", sc(NR_dup3, fd, 40, 02000000));
    line("getfd", sc(NR_fcntl, 40, 1, 0));
    sc(NR_close, 40, 0, 0);
    sc(NR_close, fd, 0, 0);
    /* aarch64 O_DIRECTORY is 040000 (x86-64's O_DIRECT). */
    line("open-dir-flag-on-file", sc4(NR_openat, AT_FDCWD, "raw-file", 040000, 0));
    line("mkdirat", sc(NR_mkdirat, AT_FDCWD, "raw-dir", 0700));
    fd = sc4(NR_openat, AT_FDCWD, "raw-dir", 040000, 0);
    line("open-dir", fd >= 0);
    n = sc(NR_getdents64, fd, buf, sizeof(buf));
    {
        int entries = 0;
        for (s64 off = 0; off < n;) {
            entries++;
            off += *(unsigned short *)(buf + off + 16);
        }
        line("dirents", entries);
    }
    sc(NR_close, fd, 0, 0);
    line("rmdir", sc(NR_unlinkat, AT_FDCWD, "raw-dir", 0x200));
    line("unlink", sc(NR_unlinkat, AT_FDCWD, "raw-file", 0));

    line("pipe2", sc(NR_pipe2, fds, 04000, 0));
    line("read-empty", sc(NR_read, fds[0], buf, 1));
    line("write", sc(NR_write, fds[1], "pipe!", 5));
    {
        /* aarch64 epoll_event: u32 events, 4 bytes padding, u64 data. */
        static u64 ev[2], outev[8];
        s64 ep = sc(NR_epoll_create1, 0, 0, 0);
        ev[0] = 1;   /* EPOLLIN */
        ev[1] = 0x1122334455667788ul;
        line("epoll_ctl", sc4(NR_epoll_ctl, ep, 1, fds[0], ev));
        line("epoll_pwait", sc6(NR_epoll_pwait, ep, (s64)outev, 4, 100, 0, 8));
        line("event", (s64)(outev[0] & 0xffffffff));
        line("data-ok", outev[1] == 0x1122334455667788ul);
        sc(NR_close, ep, 0, 0);
    }
    line("read", sc(NR_read, fds[0], buf, 100));

    /* Bad pointers are EFAULT (-14), not crashes. */
    line("read-efault", sc(NR_read, fds[0], (void *)8, 1));
    line("write-efault", sc(NR_write, fds[1], (void *)8, 1));
    line("open-efault", sc4(NR_openat, AT_FDCWD, (void *)8, 0, 0));

    {
        char *u = buf;
        line("uname", sc(NR_uname, u, 0, 0));
        out("machine ");
        out(u + 4 * 65);
        out("\n");
    }
    n = sc4(NR_readlinkat, AT_FDCWD, "/proc/self/exe", buf, sizeof(buf) - 1);
    buf[n > 0 ? n : 0] = '\0';
    {
        char *base = buf;
        for (char *p = buf; *p; p++) {
            if (*p == '/') {
                base = p + 1;
            }
        }
        out("exe ");
        out(base);
        out("\n");
    }
    {
        s64 a = sc6(NR_mmap, 0, 8192, 3, 0x22, -1, 0);
        s64 b;
        line("mmap-ok", a > 0);
        *(long *)a = 42;
        *(long *)(a + 4096) = 43;
        b = sc6(NR_mremap, a, 8192, 65536, 1, 0, 0);
        line("mremap-ok", b > 0);
        line("kept", *(long *)b + *(long *)(b + 4096));
        *(long *)(b + 65536 - 8) = 1;
        line("munmap", sc(NR_munmap, b, 65536, 0));
    }
    line("getcwd>0", sc(NR_getcwd, buf, sizeof(buf), 0) > 0);
    line("getcwd-erange", sc(NR_getcwd, buf, 1, 0));
    line("clock_gettime", sc(NR_clock_gettime, 1, buf, 0));
    line("getrandom", sc(NR_getrandom, buf, 16, 0));
    line("unknown", sc(NR_getrandom + 1000, 0, 0, 0));
    return 0;
}

__attribute__((noreturn, used)) void start_c(void);
__attribute__((noreturn, used)) void start_c(void)
{
    sc(NR_exit_group, main_raw(), 0, 0);
    for (;;) {
    }
}
__asm__(".global _start\n_start:\n  bl start_c\n");
