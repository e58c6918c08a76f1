/*
 * Entry, vector table and EL0 calls of the bare-metal C tests.
 * Entered at whatever EL the board starts us in (EL1, EL2 with
 * virtualization=on, EL3 with secure=on), MMU off.  The same vector table
 * serves EL1, EL2 and EL3: the common path reads CurrentEL to find which
 * ELR/SPSR/ESR/FAR belong to the exception.
 */
#define FRAME 288       /* x0-x30, elr, spsr, esr, far, sp: see struct rt_frame */

    .section .text.start, "ax"
    .globl _start
_start:
    mrs     x19, mpidr_el1
    and     x19, x19, #0xff
    /* Only CPU 0 comes here from reset; others start at rt_secondary_entry. */
    ldr     x1, =stack_top
    mov     sp, x1
    bl      set_vbar
    /* Zero .bss (the table pool lives there). */
    ldr     x0, =bss_start
    ldr     x1, =bss_end
1:  cmp     x0, x1
    b.hs    2f
    str     xzr, [x0], #8
    b       1b
2:  bl      main
    bl      rt_exit
    b       .

/* CPU n > 0 after PSCI CPU_ON: its own stack, the vectors, then rt_secondary_main(context). */
    .globl rt_secondary_entry
rt_secondary_entry:
    mov     x20, x0
    mrs     x19, mpidr_el1
    and     x19, x19, #0xff
    ldr     x1, =stack_top
    lsl     x2, x19, #16
    sub     x1, x1, x2
    mov     sp, x1
    bl      set_vbar
    mov     x0, x20
    bl      rt_secondary_main
    b       .

/* VBAR of the current EL := vectors (clobbers x0, x1). */
set_vbar:
    adr     x0, vectors
    mrs     x1, CurrentEL
    cmp     x1, #(3 << 2)
    b.eq    3f
    cmp     x1, #(2 << 2)
    b.eq    2f
    msr     vbar_el1, x0
    isb
    ret
2:  msr     vbar_el2, x0
    isb
    ret
3:  msr     vbar_el3, x0
    isb
    ret

/*
 * uint64_t rt_call_el0(void (*fn)(void), uint64_t arg, uint64_t sp_el0, uint64_t spsr)
 * From EL1: run fn(arg) at EL0 on sp_el0; it comes back through SVC #0xfff
 * (el0_trampoline), whose handler erets to rt_el0_return with fn's x0.
 */
    .globl rt_call_el0
rt_call_el0:
    stp     x19, x20, [sp, #-96]!
    stp     x21, x22, [sp, #16]
    stp     x23, x24, [sp, #32]
    stp     x25, x26, [sp, #48]
    stp     x27, x28, [sp, #64]
    stp     x29, x30, [sp, #80]
    adr     x9, el0_saved
    mov     x10, sp
    mrs     x11, daif
    stp     x10, x11, [x9]
    msr     sp_el0, x2
    adr     x9, el0_trampoline
    msr     elr_el1, x9
    msr     spsr_el1, x3
    /* The trampoline wants x0 = arg, x1 = fn. */
    mov     x9, x0
    mov     x0, x1
    mov     x1, x9
    isb
    eret

    .globl rt_el0_return
rt_el0_return:
    adr     x9, el0_saved
    ldp     x10, x11, [x9]
    mov     sp, x10
    msr     daif, x11
    ldp     x21, x22, [sp, #16]
    ldp     x23, x24, [sp, #32]
    ldp     x25, x26, [sp, #48]
    ldp     x27, x28, [sp, #64]
    ldp     x29, x30, [sp, #80]
    ldp     x19, x20, [sp], #96
    ret

/* At EL0: x0 = arg, x1 = fn. */
    .globl el0_trampoline
el0_trampoline:
    blr     x1
    svc     #0xfff
    b       .

/* One vector entry: make a frame, pass the entry number in x1. */
.macro VENT n
    .balign 0x80
    sub     sp, sp, #FRAME
    stp     x0, x1, [sp, #0]
    mov     x1, #\n
    b       vec_common
.endm

    .balign 2048
    .globl vectors
vectors:
    VENT 0
    VENT 1
    VENT 2
    VENT 3
    VENT 4
    VENT 5
    VENT 6
    VENT 7
    VENT 8
    VENT 9
    VENT 10
    VENT 11
    VENT 12
    VENT 13
    VENT 14
    VENT 15

vec_common:
    stp     x2, x3, [sp, #16]
    stp     x4, x5, [sp, #32]
    stp     x6, x7, [sp, #48]
    stp     x8, x9, [sp, #64]
    stp     x10, x11, [sp, #80]
    stp     x12, x13, [sp, #96]
    stp     x14, x15, [sp, #112]
    stp     x16, x17, [sp, #128]
    stp     x18, x19, [sp, #144]
    stp     x20, x21, [sp, #160]
    stp     x22, x23, [sp, #176]
    stp     x24, x25, [sp, #192]
    stp     x26, x27, [sp, #208]
    stp     x28, x29, [sp, #224]
    str     x30, [sp, #240]
    mrs     x9, CurrentEL
    cmp     x9, #(3 << 2)
    b.eq    3f
    cmp     x9, #(2 << 2)
    b.eq    2f
    mrs     x10, elr_el1
    mrs     x11, spsr_el1
    mrs     x12, esr_el1
    mrs     x13, far_el1
    b       4f
2:  mrs     x10, elr_el2
    mrs     x11, spsr_el2
    mrs     x12, esr_el2
    mrs     x13, far_el2
    b       4f
3:  mrs     x10, elr_el3
    mrs     x11, spsr_el3
    mrs     x12, esr_el3
    mrs     x13, far_el3
4:  stp     x10, x11, [sp, #248]
    stp     x12, x13, [sp, #264]
    add     x14, sp, #FRAME
    str     x14, [sp, #280]
    mov     x0, sp
    bl      rt_exception
    ldp     x10, x11, [sp, #248]
    mrs     x9, CurrentEL
    cmp     x9, #(3 << 2)
    b.eq    3f
    cmp     x9, #(2 << 2)
    b.eq    2f
    msr     elr_el1, x10
    msr     spsr_el1, x11
    b       4f
2:  msr     elr_el2, x10
    msr     spsr_el2, x11
    b       4f
3:  msr     elr_el3, x10
    msr     spsr_el3, x11
4:  ldp     x2, x3, [sp, #16]
    ldp     x4, x5, [sp, #32]
    ldp     x6, x7, [sp, #48]
    ldp     x8, x9, [sp, #64]
    ldp     x10, x11, [sp, #80]
    ldp     x12, x13, [sp, #96]
    ldp     x14, x15, [sp, #112]
    ldp     x16, x17, [sp, #128]
    ldp     x18, x19, [sp, #144]
    ldp     x20, x21, [sp, #160]
    ldp     x22, x23, [sp, #176]
    ldp     x24, x25, [sp, #192]
    ldp     x26, x27, [sp, #208]
    ldp     x28, x29, [sp, #224]
    ldr     x30, [sp, #240]
    ldp     x0, x1, [sp, #0]
    add     sp, sp, #FRAME
    eret

    .data
    .balign 16
el0_saved: .quad 0, 0
