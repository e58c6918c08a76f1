/*
 * Oracle harness for tests/fp/gen-unit-cases.py: built for aarch64 and run
 * under qemu-aarch64-static.  For each case the generated assembly function
 * case_N(state) loads FPCR, NZCV, X0-X7 and V0-V7 from the state, runs the
 * instructions, and stores everything back (plus FPSR).
 */
#include <stdint.h>
#include <stdio.h>

typedef struct State {
    uint64_t fpcr, nzcv, fpsr, pad;
    uint64_t x[8];
    uint64_t v[8][2];
} State;

extern void (*const case_table[])(State *);
extern const State case_inputs[];
extern const unsigned case_count;

int main(void)
{
    for (unsigned i = 0; i < case_count; i++) {
        State s = case_inputs[i];
        case_table[i](&s);
        printf("%u %llx %llx", i, (unsigned long long)(s.nzcv >> 28), (unsigned long long)s.fpsr);
        for (int k = 0; k < 8; k++) {
            printf(" %llx", (unsigned long long)s.x[k]);
        }
        for (int k = 0; k < 8; k++) {
            printf(" %llx %llx", (unsigned long long)s.v[k][0], (unsigned long long)s.v[k][1]);
        }
        printf("\n");
    }
    return 0;
}
