/*
 * The little runtime freestanding benchmark programs need: _start,
 * write/exit system calls and number printing, for aarch64 and x86-64, so
 * the same source runs natively and under emulation.
 */
#ifndef BENCH_FREESTANDING_H
#define BENCH_FREESTANDING_H

#include <stdint.h>

static long sys_call3(long nr, long a, long b, long c)
{
#if defined(__aarch64__)
    register long x8 __asm__("x8") = nr;
    register long x0 __asm__("x0") = a;
    register long x1 __asm__("x1") = b;
    register long x2 __asm__("x2") = c;
    __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory");
    return x0;
#elif defined(__x86_64__)
    long ret;
    __asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
    return ret;
#else
#error "unsupported architecture"
#endif
}

#if defined(__aarch64__)
#define NR_WRITE 64
#define NR_EXIT 93
#else
#define NR_WRITE 1
#define NR_EXIT 60
#endif

static void put_str(const char *s)
{
    long n = 0;
    while (s[n]) {
        n++;
    }
    sys_call3(NR_WRITE, 1, (long)s, n);
}

static void put_hex(uint64_t v)
{
    char buf[19];
    buf[0] = '0';
    buf[1] = 'x';
    for (int i = 0; i < 16; i++) {
        unsigned d = (v >> (60 - 4 * i)) & 15;
        buf[2 + i] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
    }
    buf[18] = '\0';
    put_str(buf);
}

static __attribute__((noreturn)) void sys_exit(int code)
{
    sys_call3(NR_EXIT, code, 0, 0);
    for (;;) {
    }
}

int bench_main(void);

/* The entry point: no libc, no stack setup beyond what the kernel gives. */
__attribute__((noreturn, used)) void _start_c(void)
{
    sys_exit(bench_main());
}

#if defined(__aarch64__)
__asm__(".global _start\n_start:\n  bl _start_c\n");
#else
__asm__(".global _start\n_start:\n  andq $-16, %rsp\n  call _start_c\n");
#endif

#endif
