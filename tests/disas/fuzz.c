/*
 * Reads "addr word" lines on stdin and prints "word<TAB>text" with the
 * disassembler; tests/disas/fuzz.sh compares that with objdump on random
 * words.  Build: see fuzz.sh.
 */
#include <inttypes.h>
#include <stdio.h>
#include "target-arm/disas.h"

int main(void)
{
    unsigned long long pc;
    unsigned w;
    char buf[160];
    while (scanf("%llx %x", &pc, &w) == 2) {
        a64_disas(w, pc, buf, sizeof(buf));
        printf("%08x\t%s\n", w, buf);
    }
    return 0;
}
