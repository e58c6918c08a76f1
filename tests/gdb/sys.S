/*
 * Bare-metal program for the gdbstub suite (aarch64-system, EL1, MMU off):
 * counts to 5 in x0, storing each value to `counter` (write and access
 * watchpoints) and reading the bound from `limit` (read watchpoint), then
 * powers off with PSCI SYSTEM_OFF over HVC.  Sets SP and VBAR_EL1 first for
 * the system-register checks.
 */
    .text
    .globl _start
_start:
    adr     x1, counter
    adr     x2, limit
    mov     sp, x2                 /* seen by gdb as $sp and $SP_EL1 */
    ldr     x4, =0x40081000
    msr     vbar_el1, x4           /* seen by gdb as $VBAR_EL1 */
    mov     x0, #0
loop:
    add     x0, x0, #1
    str     x0, [x1]
    .globl bp_here
bp_here:
    ldr     x3, [x2]            /* the read watchpoint's access */
    cmp     x0, x3
    b.ne    loop
    ldr     x0, =0x84000008     /* SYSTEM_OFF */
    hvc     #0
    b       .

    .data
    .balign 8
    .globl counter
counter:
    .quad   0
    .globl limit
limit:
    .quad   5
