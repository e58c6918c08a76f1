/*
 * Bare-metal semihosting test (loaded with -kernel at EL1, MMU off): the
 * calls of "Semihosting for AArch32 and AArch64" through HLT #0xF000.
 * The command line (-append) is "FILE STATUS HOW": FILE is a host path the
 * test creates, reads back, renames and removes; the program then exits
 * with STATUS through SYS_EXIT (HOW = x), SYS_EXIT_EXTENDED (e) or a
 * SYS_EXIT with reason RunTimeError (r, which must give status 1).
 * Without -semihosting the first HLT is UNDEFINED: the vector table
 * prints "hlt undefined" on the PL011 and powers off through PSCI.
 */
#include <stdint.h>

#define SYS_OPEN 0x01
#define SYS_CLOSE 0x02
#define SYS_WRITEC 0x03
#define SYS_WRITE0 0x04
#define SYS_WRITE 0x05
#define SYS_READ 0x06
#define SYS_ISERROR 0x08
#define SYS_ISTTY 0x09
#define SYS_SEEK 0x0a
#define SYS_FLEN 0x0c
#define SYS_TMPNAM 0x0d
#define SYS_REMOVE 0x0e
#define SYS_RENAME 0x0f
#define SYS_CLOCK 0x10
#define SYS_TIME 0x11
#define SYS_SYSTEM 0x12
#define SYS_ERRNO 0x13
#define SYS_GET_CMDLINE 0x15
#define SYS_HEAPINFO 0x16
#define SYS_EXIT 0x18
#define SYS_EXIT_EXTENDED 0x20
#define SYS_ELAPSED 0x30
#define SYS_TICKFREQ 0x31

extern char stack_top[];

__asm__(
    "    .section .text.start\n"
    "    .globl _start\n"
    "_start:\n"
    "    ldr x0, =stack_top\n"
    "    mov sp, x0\n"
    "    adr x0, vectors\n"
    "    msr vbar_el1, x0\n"
    "    isb\n"
    "    bl main\n"
    "    b .\n"
    "    .balign 2048\n"
    "vectors:\n"
    "    b undef\n"
    "    .balign 0x200\n"
    "    b undef\n"
    "undef:\n"
    "    ldr x1, =0x09000000\n"
    "    adr x2, undefmsg\n"
    "1:  ldrb w3, [x2], #1\n"
    "    cbz w3, 2f\n"
    "    strb w3, [x1]\n"
    "    b 1b\n"
    "2:  ldr x0, =0x84000008\n"
    "    hvc #0\n"
    "    b .\n"
    "undefmsg: .asciz \"hlt undefined\\n\"\n"
    "    .balign 4\n"
    "    .text\n");

static long semi(long op, const void *arg)
{
    register long x0 __asm__("x0") = op;
    register const void *x1 __asm__("x1") = arg;

    __asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
    return x0;
}

static unsigned long slen(const char *s)
{
    unsigned long n = 0;
    while (s[n]) {
        n++;
    }
    return n;
}

static void puts0(const char *s)
{
    semi(SYS_WRITE0, s);
}

static void putnum(long v)
{
    char buf[24], *p = buf + sizeof(buf) - 1;
    int neg = v < 0;
    unsigned long u = neg ? -(unsigned long)v : (unsigned long)v;

    *p = 0;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (neg) {
        *--p = '-';
    }
    puts0(p);
}

static void check(const char *what, long got, long want)
{
    puts0(what);
    puts0(got == want ? ": ok\n" : ": FAIL got ");
    if (got != want) {
        putnum(got);
        puts0("\n");
    }
}

static void check_true(const char *what, int cond)
{
    check(what, cond ? 1 : 0, 1);
}

static long sys_open(const char *name, long mode)
{
    long a[3] = { (long)name, mode, (long)slen(name) };
    return semi(SYS_OPEN, a);
}

static long sys_rw(int op, long h, void *buf, long len)
{
    long a[3] = { h, (long)buf, len };
    return semi(op, a);
}

static long sys1(int op, long v)
{
    long a[1] = { v };
    return semi(op, a);
}

static int memeq(const char *a, const char *b, unsigned long n)
{
    while (n--) {
        if (*a++ != *b++) {
            return 0;
        }
    }
    return 1;
}

void main(void);
void main(void)
{
    static char cmdline[256], path[200], path2[210], buf[32], tmpnam[64];
    static long heap[4];
    long a[4], h, r, status = 0;
    char how = 'x';
    unsigned long i, n;
    unsigned long long t0 = 0, t1 = 0;

    puts0("semihosting hello\n");
    semi(SYS_WRITEC, "!");
    semi(SYS_WRITEC, "\n");
    h = sys_open(":tt", 4);
    check_true("open :tt", h > 0);
    check("write :tt", sys_rw(SYS_WRITE, h, "tt write\n", 9), 0);
    check("istty :tt", sys1(SYS_ISTTY, h), 1);
    check("close :tt", sys1(SYS_CLOSE, h), 0);

    a[0] = (long)cmdline;
    a[1] = sizeof(cmdline);
    check("get_cmdline", semi(SYS_GET_CMDLINE, a), 0);
    check("cmdline length", a[1], (long)slen(cmdline));
    /* FILE STATUS HOW */
    for (i = 0; cmdline[i] && cmdline[i] != ' ' && i < sizeof(path) - 1; i++) {
        path[i] = cmdline[i];
    }
    path[i] = 0;
    while (cmdline[i] == ' ') {
        i++;
    }
    while (cmdline[i] >= '0' && cmdline[i] <= '9') {
        status = status * 10 + (cmdline[i++] - '0');
    }
    while (cmdline[i] == ' ') {
        i++;
    }
    if (cmdline[i]) {
        how = cmdline[i];
    }

    h = sys_open(path, 7);   /* w+b */
    check_true("open w+b", h > 0);
    check("write", sys_rw(SYS_WRITE, h, "0123456789abcdef", 16), 0);
    check("flen", sys1(SYS_FLEN, h), 16);
    check("istty file", sys1(SYS_ISTTY, h), 0);
    a[0] = h;
    a[1] = 4;
    check("seek", semi(SYS_SEEK, a), 0);
    check("read 4", sys_rw(SYS_READ, h, buf, 4), 0);
    check_true("read data", memeq(buf, "4567", 4));
    a[1] = 14;
    semi(SYS_SEEK, a);
    check("read at eof (2 of 4 not read)", sys_rw(SYS_READ, h, buf, 4), 2);
    check_true("read tail", memeq(buf, "ef", 2));
    check("close", sys1(SYS_CLOSE, h), 0);
    check("close again", sys1(SYS_CLOSE, h), -1);

    h = sys_open(path, 1);   /* rb */
    check_true("reopen rb", h > 0);
    check("read all", sys_rw(SYS_READ, h, buf, 16), 0);
    check_true("read all data", memeq(buf, "0123456789abcdef", 16));
    sys1(SYS_CLOSE, h);

    n = slen(path);
    for (i = 0; i < n; i++) {
        path2[i] = path[i];
    }
    path2[n] = '.';
    path2[n + 1] = '2';
    path2[n + 2] = 0;
    a[0] = (long)path;
    a[1] = (long)n;
    a[2] = (long)path2;
    a[3] = (long)n + 2;
    check("rename", semi(SYS_RENAME, a), 0);
    r = sys_open(path, 0);
    check("open missing", r, -1);
    check_true("iserror", sys1(SYS_ISERROR, r) != 0);
    check("iserror 0", sys1(SYS_ISERROR, 0), 0);
    check("errno ENOENT", semi(SYS_ERRNO, 0), 2);
    a[0] = (long)path2;
    a[1] = (long)n + 2;
    check("remove", semi(SYS_REMOVE, a), 0);
    check_true("remove again fails", semi(SYS_REMOVE, a) != 0);

    a[0] = (long)tmpnam;
    a[1] = 7;
    a[2] = sizeof(tmpnam);
    check("tmpnam", semi(SYS_TMPNAM, a), 0);
    check_true("tmpnam name", tmpnam[0] == '/');

    a[0] = (long)"true";
    a[1] = 4;
    check("system refused", semi(SYS_SYSTEM, a), -1);

    check_true("clock", semi(SYS_CLOCK, 0) >= 0);
    check_true("time", semi(SYS_TIME, 0) > 1600000000L);
    check_true("tickfreq", semi(SYS_TICKFREQ, 0) > 0);
    check("elapsed", semi(SYS_ELAPSED, &t0), 0);
    for (volatile int k = 0; k < 100000; k++) {
    }
    semi(SYS_ELAPSED, &t1);
    check_true("elapsed grows", t1 > t0);

    a[0] = (long)heap;
    check("heapinfo", semi(SYS_HEAPINFO, a), 0);
    check_true("heap above image", heap[0] >= (long)stack_top && heap[1] > heap[0]);
    check("stack base", heap[2], 0x40000000L + (128L << 20));
    check_true("stack limit", heap[3] < heap[2] && heap[3] >= heap[1]);

    puts0("exiting\n");
    a[0] = how == 'r' ? 0x20023 : 0x20026;
    a[1] = status;
    semi(how == 'e' ? SYS_EXIT_EXTENDED : SYS_EXIT, a);
    puts0("still running after SYS_EXIT\n");
}
