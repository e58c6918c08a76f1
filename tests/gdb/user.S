/*
 * aarch64-user program for the gdbstub suite: counts to 5 in x0, storing
 * each value to `counter` (write and access watchpoints) and reading the
 * bound from `limit` (read watchpoint), then exits 0.
 */
    .text
    .globl _start
_start:
    adr     x1, counter
    adr     x2, limit
    mov     x0, #0
    fmov    d0, #1.5            /* v0 for the FP register check */
loop:
    add     x0, x0, #1
    str     x0, [x1]
    .globl bp_here
bp_here:
    ldr     x3, [x2]            /* the read watchpoint's access */
    cmp     x0, x3
    b.ne    loop
    mov     x0, #0
    mov     x8, #93             /* exit */
    svc     #0

    .data
    .balign 8
    .globl counter
counter:
    .quad   0
    .globl limit
limit:
    .quad   5
