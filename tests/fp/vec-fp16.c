/*
 * Half precision (FEAT_FP16) and FJCVTZS (FEAT_JSCVT): a loop gcc -O3
 * vectorises into 8H FMUL/FADD/FDIV/FMLA and FMOV (vector, immediate),
 * scalar half arithmetic and conversions, printed as bit patterns.
 * Built with -march=armv8.3-a+fp16 (tests/suites/fp-programs.sh).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define N 67

static _Float16 a[N], b[N], c[N];

__attribute__((noinline)) static void kernel(void)
{
    for (int i = 0; i < N; i++) {
        c[i] = a[i] * b[i] + c[i] / (b[i] + (_Float16)1);
    }
}

__attribute__((noinline)) static int jcvt(double d)
{
    int r;
    __asm__("fjcvtzs %w0, %d1" : "=r"(r) : "w"(d));
    return r;
}

static unsigned bits(_Float16 h)
{
    uint16_t u;
    memcpy(&u, &h, 2);
    return u;
}

int main(void)
{
    static const double jin[] = { -3.7, 1e20, 4294967297.0, -0.0, 2147483648.0, 1.0 / 0.0 };
    volatile _Float16 x = (_Float16)3.0, y = (_Float16)65504.0;

    for (int i = 0; i < N; i++) {
        a[i] = (_Float16)(i - 30) / (_Float16)7;
        b[i] = (_Float16)(i % 11) * (_Float16)0.37;
        c[i] = (_Float16)i;
    }
    kernel();
    kernel();
    for (int i = 0; i < N; i++) {
        printf("%04x%c", bits(c[i]), i % 16 == 15 ? '\n' : ' ');
    }
    printf("\n%04x %04x %04x %04x\n", bits(x / (_Float16)7), bits(y + y), bits(y * (_Float16)-2),
           bits((_Float16)1 / (x - x)));
    printf("%d %d %a\n", (int)(x * (_Float16)100.7), (int)(unsigned)(y + (_Float16)1), (double)(x / y));
    for (unsigned i = 0; i < sizeof(jin) / sizeof(jin[0]); i++) {
        printf("fjcvtzs(%g) = %d\n", jin[i], jcvt(jin[i]));
    }
    return 0;
}
