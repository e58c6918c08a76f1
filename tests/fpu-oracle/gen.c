/*
 * The reference side of the FP differential test: a static aarch64
 * program run under qemu-aarch64-static.  Each stdin line is
 *   NAME FPCR A B C          (hex)
 * and the program runs the named instruction with FPCR set and FPSR
 * cleared, and prints the line back followed by the result and FPSR:
 *   NAME FPCR A B C RESULT FPSR
 * Built with: aarch64-linux-gnu-gcc -static -O1 -march=armv8.3-a+fp16
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef void OpFn(uint64_t fpcr, uint64_t a, uint64_t b, uint64_t c, uint64_t *r, uint64_t *fl);

#define X(name, insn, expr, ta, tb, tc)                                                        \
    static void op_##name(uint64_t fpcr, uint64_t a, uint64_t b, uint64_t c, uint64_t *r,      \
                          uint64_t *fl)                                                        \
    {                                                                                          \
        uint64_t res, fpsr;                                                                    \
        asm volatile("msr fpcr, %[fpcr]\n msr fpsr, xzr\n"                                     \
                     " fmov d0, %[a]\n fmov d1, %[b]\n fmov d2, %[c]\n mov x9, %[a]\n"         \
                     insn "\n"                                                                 \
                     " fmov %[res], d0\n mrs %[fpsr], fpsr\n msr fpcr, xzr\n"                  \
                     : [res] "=&r"(res), [fpsr] "=&r"(fpsr)                                    \
                     : [fpcr] "r"(fpcr), [a] "r"(a), [b] "r"(b), [c] "r"(c)                    \
                     : "v0", "v1", "v2", "x9", "x10", "cc", "memory");                         \
        *r = res;                                                                              \
        *fl = fpsr;                                                                            \
    }
#include "ops.def"
#undef X

static const struct {
    const char *name;
    OpFn *fn;
} ops[] = {
#define X(name, insn, expr, ta, tb, tc) { #name, op_##name },
#include "ops.def"
#undef X
};

int main(void)
{
    char name[64];
    unsigned long long fpcr, a, b, c;

    while (scanf("%63s %llx %llx %llx %llx", name, &fpcr, &a, &b, &c) == 5) {
        unsigned i;
        for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
            if (strcmp(ops[i].name, name) == 0) {
                break;
            }
        }
        if (i == sizeof(ops) / sizeof(ops[0])) {
            fprintf(stderr, "gen: unknown op %s\n", name);
            return 1;
        }
        uint64_t r, fl;
        ops[i].fn(fpcr, a, b, c, &r, &fl);
        printf("%s %llx %llx %llx %llx %llx %llx\n", name, fpcr, a, b, c,
               (unsigned long long)r, (unsigned long long)fl);
    }
    return 0;
}
