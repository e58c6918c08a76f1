/* System calls and printing for the freestanding test programs (rt.h). */
#include "rt.h"

#define NR_WRITE 64
#define NR_EXIT_GROUP 94

static long syscall3(long nr, long a, long b, long c)
{
    register long x8 __asm__("x8") = nr;
    register long x0 __asm__("x0") = a;
    register long x1 __asm__("x1") = b;
    register long x2 __asm__("x2") = c;
    __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory");
    return x0;
}

long rt_write(int fd, const void *buf, size_t n)
{
    return syscall3(NR_WRITE, fd, (long)buf, (long)n);
}

static void flush(void);

void rt_exit(int code)
{
    flush();
    syscall3(NR_EXIT_GROUP, code, 0, 0);
    for (;;) {
    }
}

/* Output is buffered so that a program makes few system calls; flushed on
 * newline so a crash loses at most one line. */
static char obuf[512];
static size_t olen;

static void flush(void)
{
    size_t done = 0;
    size_t n = olen;
    olen = 0;   /* a failed write exits through rt_exit: nothing left to flush then */
    while (done < n) {
        long w = rt_write(1, obuf + done, n - done);
        if (w <= 0) {
            rt_exit(3);
        }
        done += (size_t)w;
    }
}

void put_char(char c)
{
    obuf[olen++] = c;
    if (c == '\n' || olen == sizeof(obuf)) {
        flush();
    }
}

void put_str(const char *s)
{
    while (*s) {
        put_char(*s++);
    }
}

void put_udec(uint64_t v)
{
    char t[24];
    int n = 0;
    do {
        t[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n) {
        put_char(t[--n]);
    }
}

void put_dec(int64_t v)
{
    if (v < 0) {
        put_char('-');
        put_udec(-(uint64_t)v);
    } else {
        put_udec((uint64_t)v);
    }
}

void put_hex(uint64_t v)
{
    put_str("0x");
    for (int i = 60; i >= 0; i -= 4) {
        put_char("0123456789abcdef"[(v >> i) & 15]);
    }
}

void put_kv(const char *name, uint64_t v)
{
    put_str(name);
    put_char(' ');
    put_hex(v);
    put_char(' ');
    put_dec((int64_t)v);
    put_char('\n');
}

void *memset(void *d, int c, size_t n)
{
    volatile unsigned char *p = d;
    while (n--) {
        *p++ = (unsigned char)c;
    }
    return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
    volatile unsigned char *p = d;
    const unsigned char *q = s;
    while (n--) {
        *p++ = *q++;
    }
    return d;
}

void *memmove(void *d, const void *s, size_t n)
{
    volatile unsigned char *p = d;
    const unsigned char *q = s;
    if (p < q) {
        while (n--) {
            *p++ = *q++;
        }
    } else {
        while (n--) {
            p[n] = q[n];
        }
    }
    return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *p = a, *q = b;
    for (size_t i = 0; i < n; i++) {
        if (p[i] != q[i]) {
            return p[i] < q[i] ? -1 : 1;
        }
    }
    return 0;
}
