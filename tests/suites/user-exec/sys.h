/* Raw system calls for the freestanding exec tests (asm-generic numbers, no libc). */
#ifndef USER_EXEC_SYS_H
#define USER_EXEC_SYS_H

#include "rt.h"

static inline long sc6(long nr, long a, long b, long c, long d, long e, long f)
{
    register long x8 __asm__("x8") = nr;
    register long x0 __asm__("x0") = a;
    register long x1 __asm__("x1") = b;
    register long x2 __asm__("x2") = c;
    register long x3 __asm__("x3") = d;
    register long x4 __asm__("x4") = e;
    register long x5 __asm__("x5") = f;
    __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5)
                     : "memory");
    return x0;
}
#define SC(nr, a, b, c) sc6(nr, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define SC5(nr, a, b, c, d, e) sc6(nr, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)

enum { NR_openat = 56, NR_close = 57, NR_read = 63, NR_readlinkat = 78, NR_clone = 220,
       NR_execve = 221, NR_wait4 = 260, NR_execveat = 281 };
#define AT_FDCWD (-100)
#define SIGCHLD 17

static inline size_t slen(const char *s)
{
    size_t n = 0;
    while (s[n]) {
        n++;
    }
    return n;
}

static inline int starts(const char *s, const char *p)
{
    while (*p) {
        if (*s++ != *p++) {
            return 0;
        }
    }
    return 1;
}

/* Does hay (len bytes) contain needle? */
static inline int contains(const char *hay, size_t len, const char *needle)
{
    size_t n = slen(needle);
    for (size_t i = 0; i + n <= len; i++) {
        if (memcmp(hay + i, needle, n) == 0) {
            return 1;
        }
    }
    return 0;
}

#endif
