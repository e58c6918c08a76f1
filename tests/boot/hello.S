/*
 * Bare-metal boot test: entered at EL1 with the MMU off (x0 = DTB), prints
 * through the PL011 at 0x09000000 and powers off with PSCI SYSTEM_OFF over HVC.
 */
    .text
    .globl _start
_start:
    ldr     x1, =0x09000000         /* PL011 UARTDR */
    adr     x2, msg
1:  ldrb    w3, [x2], #1
    cbz     w3, 2f
    strb    w3, [x1]
    b       1b
2:  /* Report the EL we were started in: "EL1\n". */
    mrs     x4, CurrentEL
    lsr     x4, x4, #2
    add     x4, x4, #'0'
    mov     w3, #'E'
    strb    w3, [x1]
    mov     w3, #'L'
    strb    w3, [x1]
    strb    w4, [x1]
    mov     w3, #'\n'
    strb    w3, [x1]
    /* PSCI_VERSION must answer 1.0. */
    ldr     x0, =0x84000000
    hvc     #0
    ldr     x5, =0x10000
    cmp     x0, x5
    b.ne    fail
    adr     x2, okmsg
3:  ldrb    w3, [x2], #1
    cbz     w3, 4f
    strb    w3, [x1]
    b       3b
4:  ldr     x0, =0x84000008         /* SYSTEM_OFF */
    hvc     #0
    b       .
fail:
    mov     w3, #'F'
    strb    w3, [x1]
    mov     w3, #'\n'
    strb    w3, [x1]
    ldr     x0, =0x84000008
    hvc     #0
    b       .

    .section .rodata
msg:    .asciz "hello from bare metal\n"
okmsg:  .asciz "psci 1.0\n"
