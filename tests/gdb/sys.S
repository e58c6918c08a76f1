/*
 * Bare-metal program for the gdbstub suite (aarch64-system, EL1, MMU off):
 * counts to 5 in x0, storing each value to `counter`, then powers off with
 * PSCI SYSTEM_OFF over HVC.
 */
    .text
    .globl _start
_start:
    adr     x1, counter
    mov     x0, #0
loop:
    add     x0, x0, #1
    str     x0, [x1]
    .globl bp_here
bp_here:
    cmp     x0, #5
    b.ne    loop
    ldr     x0, =0x84000008     /* SYSTEM_OFF */
    hvc     #0
    b       .

    .data
    .balign 8
    .globl counter
counter:
    .quad   0
