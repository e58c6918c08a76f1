/*
 * Interrupt test: the virtual timer (PPI 27) through the GICv2 wakes the
 * CPU from WFI; the IRQ handler acknowledges 27 in GICC_IAR, stops the
 * timer and ends the interrupt.
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
    str     w2, [x1, #0x4]          /* GICC_PMR: let everything through */
    mov     w2, #1
    str     w2, [x1]                /* GICC_CTLR: enable */
    mov     x20, #0
    ldr     x2, =62500              /* 1 ms at 62.5 MHz */
    msr     cntv_tval_el0, x2
    mov     x2, #1
    msr     cntv_ctl_el0, x2        /* ENABLE, not masked */
    isb
    msr     daifclr, #2             /* unmask IRQ */
wait:
    wfi
    cbz     x20, wait
    msr     daifset, #2
    cmp     x20, #27
    b.ne    bad
    adr     x0, msg_ok
    bl      puts
    POWER_OFF
bad:
    adr     x0, msg_bad
    bl      puts
    POWER_OFF

irq_handler:
    ldr     x1, =GICC_BASE
    ldr     w3, [x1, #0xc]          /* GICC_IAR */
    msr     cntv_ctl_el0, xzr       /* stop the timer: the line falls */
    isb
    str     w3, [x1, #0x10]         /* GICC_EOIR */
    and     x20, x3, #0x3ff
    eret

DEFINE_PUTS

    .balign 2048
vectors:
    .skip   0x200
    b       .                       /* 0x200: synchronous, unexpected */
    .balign 0x80
    b       irq_handler             /* 0x280: IRQ, current EL with SP_ELx */
    .balign 2048

    .section .rodata
msg_ok:  .asciz "timer irq 27 taken after wfi\n"
msg_bad: .asciz "timer irq FAILED: wrong interrupt id\n"
