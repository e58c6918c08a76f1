// Entry point of the freestanding C test programs: the kernel leaves argc
// at [sp], argv after it; call main(argc, argv) and exit with its value.
    .text
    .global _start
    .type _start, %function
_start:
    mov x29, #0
    mov x30, #0
    ldr x0, [sp]
    add x1, sp, #8
    bl main
    bl rt_exit
    .size _start, . - _start
