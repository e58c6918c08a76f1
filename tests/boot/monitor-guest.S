/*
 * Guest of tests/suites/monitor.sh: prints "M" on the PL011 (once per
 * boot, so system_reset shows as a second "M"), puts a marker in X5 and
 * counts in X6 forever (stop/cont show as a frozen/moving X6).
 */
    .text
    .globl _start
_start:
    ldr x1, =0x09000000
    mov w3, #'M'
    strb w3, [x1]
    mov x5, #0x1234
    mov x6, #0
1:  add x6, x6, #1
    b 1b
