/*
 * Idle test: arm the virtual timer 4 s ahead and wait for it in WFI with
 * nothing else to do.  The emulator should sleep the whole time (the
 * harness, tests/suites-slow/idle-cpu.sh, measures its host CPU time and
 * wake-ups meanwhile); then the timer's PPI 27 through the GIC ends the
 * wait and the program powers off.
 */
#include "common.h"
    .text
    .globl _start
_start:
    adr     x0, vectors
    msr     vbar_el1, x0
    isb
    ldr     x1, =GICD_BASE
    mov     w2, #1
    str     w2, [x1]                /* GICD_CTLR: enable */
    mov     w2, #(1 << 27)
    str     w2, [x1, #0x100]        /* GICD_ISENABLER0: PPI 27 */
    ldr     x1, =GICC_BASE
    mov     w2, #0xff
    str     w2, [x1, #0x4]          /* GICC_PMR */
    mov     w2, #1
    str     w2, [x1]                /* GICC_CTLR: enable */
    adr     x0, msg_start
    bl      puts
    mov     x20, #0
    ldr     x2, =250000000          /* 4 s at 62.5 MHz */
    msr     cntv_tval_el0, x2
    mov     x2, #1
    msr     cntv_ctl_el0, x2        /* ENABLE, not masked */
    isb
    msr     daifclr, #2
wait:
    wfi
    cbz     x20, wait
    msr     daifset, #2
    adr     x0, msg_done
    bl      puts
    POWER_OFF

irq_handler:
    ldr     x1, =GICC_BASE
    ldr     w3, [x1, #0xc]          /* GICC_IAR */
    msr     cntv_ctl_el0, xzr
    isb
    str     w3, [x1, #0x10]         /* GICC_EOIR */
    and     x20, x3, #0x3ff
    eret

DEFINE_PUTS

    .balign 2048
vectors:
    .skip   0x200
    b       .
    .balign 0x80
    b       irq_handler             /* 0x280: IRQ, current EL with SP_ELx */
    .balign 2048

    .section .rodata
msg_start: .asciz "idle: waiting 4 s in wfi\n"
msg_done:  .asciz "idle: timer woke the cpu\n"
