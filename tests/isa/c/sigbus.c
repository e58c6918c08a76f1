/* A load-exclusive from a misaligned address takes an alignment fault even
 * though plain accesses may be misaligned: must die of SIGBUS (exit status
 * 135 in the shell) after checking that a misaligned LDR works. */
#include "rt.h"

static uint8_t buf[32] __attribute__((aligned(16)));

int main(int argc, char **argv)
{
    uint64_t v;
    (void)argv;
    for (int i = 0; i < 32; i++) buf[i] = (uint8_t)(i * 17 + 1);
    volatile uint8_t *p = buf + argc;   /* buf + 1: misaligned */
    __asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(p) : "memory");
    put_kv("misaligned ldr", v);
    __asm__ volatile("ldxr %0, [%1]" : "=r"(v) : "r"(p) : "memory");
    put_str("still alive?\n");
    return 0;
}
