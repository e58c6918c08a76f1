/* Spins forever (the Ctrl-C check of the gdbstub suite). */
    .text
    .globl _start
_start:
    add     x0, x0, #1
    b       _start
