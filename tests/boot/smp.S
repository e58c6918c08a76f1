/*
 * SMP test (-smp 2): CPU 0 starts CPU 1 with PSCI CPU_ON (context id in
 * x0 of the new CPU), waits for it, checks AFFINITY_INFO says it is on.
 */
#include "common.h"
    .text
    .globl _start
_start:
    ldr     x0, =PSCI_CPU_ON64
    mov     x1, #1                  /* MPIDR of CPU 1 */
    adr     x2, secondary
    ldr     x3, =0x1234
    hvc     #0
    cbnz    x0, bad
    adr     x5, flag
1:  ldr     x6, [x5]
    cbz     x6, 1b
    ldr     x7, =0x1234
    cmp     x6, x7
    b.ne    bad
    ldr     x0, =PSCI_AFF_INFO64
    mov     x1, #1
    mov     x2, #0
    hvc     #0
    cbnz    x0, bad                 /* 0: ON */
    adr     x0, msg_ok
    bl      puts
    POWER_OFF
bad:
    adr     x0, msg_bad
    bl      puts
    POWER_OFF

secondary:
    mrs     x1, mpidr_el1
    and     x1, x1, #0xff
    cmp     x1, #1
    b.ne    2f
    adr     x5, flag
    str     x0, [x5]                /* the context id */
2:  wfi
    b       2b

DEFINE_PUTS

    .data
    .balign 8
flag: .quad 0
    .section .rodata
msg_ok:  .asciz "cpu 1 started by psci cpu_on with context id\n"
msg_bad: .asciz "smp FAILED\n"
