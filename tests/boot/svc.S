/*
 * Exception test: at EL1 with a vector table in VBAR_EL1, SVC #0x42 is taken
 * to the current-EL/SP_ELx synchronous vector with ESR_EL1 = EC 0x15, IL,
 * imm16 0x42 (0x56000042) and ELR_EL1 at the next instruction; ERET returns.
 */
#include "common.h"
    .text
    .globl _start
_start:
    adr     x0, vectors
    msr     vbar_el1, x0
    isb
    mov     x20, #0                 /* set by the handler */
svc_insn:
    svc     #0x42
after_svc:
    cmp     x20, #1
    b.ne    bad
    adr     x0, msg_ok
    bl      puts
    POWER_OFF
bad:
    adr     x0, msg_bad
    bl      puts
    POWER_OFF

sync_handler:
    mrs     x10, esr_el1
    ldr     x11, =0x56000042
    cmp     x10, x11
    b.ne    bad_esr
    mrs     x12, elr_el1
    adr     x13, after_svc
    cmp     x12, x13
    b.ne    bad_elr
    mov     x20, #1
    adr     x0, msg_taken
    bl      puts
    eret
bad_esr:
    adr     x0, msg_esr
    bl      puts
    POWER_OFF
bad_elr:
    adr     x0, msg_elr
    bl      puts
    POWER_OFF

DEFINE_PUTS

    .balign 2048
vectors:
    .skip   0x200                   /* current EL with SP_EL0: unused */
    b       sync_handler            /* 0x200: current EL with SP_ELx, synchronous */
    .balign 0x80
    b       .                       /* IRQ: unexpected */
    .balign 2048

    .section .rodata
msg_taken: .asciz "svc taken: esr 0x56000042, elr ok\n"
msg_ok:    .asciz "svc returned\n"
msg_bad:   .asciz "svc FAILED: handler did not run\n"
msg_esr:   .asciz "svc FAILED: wrong ESR_EL1\n"
msg_elr:   .asciz "svc FAILED: wrong ELR_EL1\n"
