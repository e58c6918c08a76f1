/*
 * Runtime of the generated ISA test program (tests/isa/gen.py): prints one
 * line per test case with the write system call and exits.  No libc.
 *
 * Line format (all numbers hexadecimal):
 *   K X0 X1 ... X30 NZCV MEM
 * where NZCV is the top four bits of the NZCV register as one digit and MEM
 * lists the scratch-buffer bytes that differ from the case's initial
 * contents as OO=VV separated by commas, or "-" when none changed.
 */
#include <stdint.h>

#define NR_WRITE 64
#define NR_EXIT 93
#define SCRATCH_SIZE 256

static long sys3(long nr, long a, long b, long c)
{
    register long x8 __asm__("x8") = nr;
    register long x0 __asm__("x0") = a;
    register long x1 __asm__("x1") = b;
    register long x2 __asm__("x2") = c;
    __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory");
    return x0;
}

/* Longest line: 8 + 31 * 17 + 2 + 256 * 6 + 1. */
static char line[2200];

static char *put_hex(char *p, uint64_t v, int digits)
{
    for (int i = digits - 1; i >= 0; i--) {
        unsigned d = (v >> (4 * i)) & 15;
        *p++ = (char)(d < 10 ? '0' + d : 'a' + d - 10);
    }
    return p;
}

static void write_all(const char *s, long n)
{
    while (n > 0) {
        long w = sys3(NR_WRITE, 1, (long)s, n);
        if (w <= 0) {
            sys3(NR_EXIT, 2, 0, 0);
        }
        s += w;
        n -= w;
    }
}

void isa_report(uint64_t k, const uint64_t *rec, const uint8_t *buf, const uint8_t *init);
void isa_exit(long code);

/* rec: X0..X30 then the NZCV register as read by MRS. */
void isa_report(uint64_t k, const uint64_t *rec, const uint8_t *buf, const uint8_t *init)
{
    char *p = put_hex(line, k, 6);
    for (int i = 0; i < 31; i++) {
        *p++ = ' ';
        p = put_hex(p, rec[i], 16);
    }
    *p++ = ' ';
    p = put_hex(p, rec[31] >> 28, 1);
    *p++ = ' ';
    int any = 0;
    for (int i = 0; i < SCRATCH_SIZE; i++) {
        if (buf[i] != init[i]) {
            if (any) {
                *p++ = ',';
            }
            p = put_hex(p, (uint64_t)i, 2);
            *p++ = '=';
            p = put_hex(p, buf[i], 2);
            any = 1;
        }
    }
    if (!any) {
        *p++ = '-';
    }
    *p++ = '\n';
    write_all(line, p - line);
}

void isa_exit(long code)
{
    sys3(NR_EXIT, code, 0, 0);
    for (;;) {
    }
}
