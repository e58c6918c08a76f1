/*
 * MMU test (tests/suites/logging.sh, the monitor's `info tlb` in
 * tests/suites/monitor.sh): at EL1, builds 4K-granule tables for 39-bit VAs
 * (TCR_EL1.T0SZ = T1SZ = 25, so walks start at level 1) and turns the MMU on:
 *   TTBR0 VA 0x00000000-0x3fffffff  1G block  -> PA 0, Device-nGnRnE (the UART), EL1 rw
 *         VA 0x40000000-0x401fffff  2M block  -> PA 0x40000000, Normal WB, EL1 rw (this program)
 *         VA 0x40200000-0x40201fff  two 4K pages -> PA 0x40000000, EL0+EL1 rw, never executable
 *         VA 0x40202000             4K page   -> PA 0x40005000, read-only at EL0 and EL1
 *   TTBR1 VA 0xffffff8000000000     1G block  -> PA 0x40000000, EL1 read-only
 * then reads its own first instruction through the TTBR1 alias, reads an
 * IMPLEMENTATION DEFINED system register we do not have (UNDEFINED: for
 * -d unimp; the handler skips it), loads from the unmapped VA 0x80000000
 * (a level-1 translation fault: a data abort to VBAR_EL1 whose handler
 * checks ESR/FAR/ELR and skips the load), and prints the results.  Built with -DSTAY it then spins (for the monitor);
 * otherwise it powers off.
 */
#include "common.h"

#define AF          (1 << 10)
#define SH_INNER    (3 << 8)
#define AP_EL0_RW   (1 << 6)
#define AP_RO       (2 << 6)
#define ATTR_DEVICE (0 << 2)          /* MAIR attr 0 */
#define ATTR_NORMAL (1 << 2)          /* MAIR attr 1 */
#define XN          (3 << 53)         /* UXN and PXN */
#define BLOCK       1
#define TABLE       3                 /* also a level-3 page */

    .text
    .globl _start
_start:
    ldr     x0, =stack_top
    mov     sp, x0
    adr     x0, vectors
    msr     vbar_el1, x0

    /* Descriptors: built at run time, the table addresses being PC-relative. */
    adr     x0, l1_lo
    ldr     x1, =(0x00000000 | AF | ATTR_DEVICE | XN | BLOCK)
    str     x1, [x0]
    adr     x1, l2_lo
    orr     x1, x1, #TABLE
    str     x1, [x0, #8]
    adr     x0, l2_lo
    ldr     x1, =(0x40000000 | AF | SH_INNER | ATTR_NORMAL | BLOCK)
    str     x1, [x0]
    adr     x1, l3_lo
    orr     x1, x1, #TABLE
    str     x1, [x0, #8]
    adr     x0, l3_lo
    ldr     x1, =(0x40000000 | AF | SH_INNER | ATTR_NORMAL | AP_EL0_RW | XN | TABLE)
    str     x1, [x0]
    add     x1, x1, #0x1000
    str     x1, [x0, #8]
    ldr     x1, =(0x40005000 | AF | SH_INNER | ATTR_NORMAL | AP_RO | AP_EL0_RW | TABLE)
    str     x1, [x0, #16]
    adr     x0, l1_hi
    ldr     x1, =(0x40000000 | AF | SH_INNER | ATTR_NORMAL | AP_RO | (1 << 54) | BLOCK)
    str     x1, [x0]

    ldr     x0, =0xff00               /* attr 0 Device-nGnRnE, attr 1 Normal write-back */
    msr     mair_el1, x0
    /* T0SZ/T1SZ 25, walks cacheable inner shareable, TG0 4K, TG1 4K (0b10), IPS 32 bits. */
    ldr     x0, =(25 | (1 << 8) | (1 << 10) | (3 << 12) | (25 << 16) | (1 << 24) | (1 << 26) | (3 << 28) | (2 << 30))
    msr     tcr_el1, x0
    adr     x0, l1_lo
    msr     ttbr0_el1, x0
    adr     x0, l1_hi
    msr     ttbr1_el1, x0
    isb
    mrs     x0, sctlr_el1
    orr     x0, x0, #1                /* M */
    orr     x0, x0, #(1 << 2)         /* C */
    orr     x0, x0, #(1 << 12)        /* I */
    msr     sctlr_el1, x0
    isb
    adr     x0, msg_on
    bl      puts

    /* The same word through TTBR1's alias of RAM. */
    ldr     x1, =0xffffff8000080000
    ldr     w2, [x1]
    ldr     x1, =_start
    ldr     w3, [x1]
    cmp     w2, w3
    b.ne    1f
    adr     x0, msg_alias
    bl      puts
1:
    mov     x21, #0
undef_insn:
    mrs     x2, s3_0_c15_c0_0
    mov     x20, #0
    mov     x1, #0x80000000
fault_insn:
    ldr     x2, [x1]                  /* unmapped: the handler skips it */
    cmp     x20, #1
    b.ne    1f
    cmp     x21, #1
    b.ne    1f
    adr     x0, msg_abort
    bl      puts
1:
#ifdef STAY
    mov     x5, #0x1234
2:  add     x6, x6, #1
    b       2b
#else
    POWER_OFF
#endif

    /* Current EL with SP_ELx, synchronous: expects the data abort of fault_insn. */
sync_handler:
    mrs     x10, esr_el1
    lsr     x11, x10, #26
    cbnz    x11, 1f                   /* EC 0: unknown reason, the UNDEFINED mrs */
    mrs     x12, elr_el1
    adr     x13, undef_insn
    cmp     x12, x13
    b.ne    2f
    mov     x21, #1
    b       3f
1:  cmp     x11, #0x25                /* EC: data abort, same EL */
    b.ne    2f
    and     x11, x10, #0x3f
    cmp     x11, #0x05                /* DFSC: translation fault, level 1 */
    b.ne    2f
    mrs     x12, far_el1
    mov     x13, #0x80000000
    cmp     x12, x13
    b.ne    2f
    mrs     x12, elr_el1
    adr     x13, fault_insn
    cmp     x12, x13
    b.ne    2f
    mov     x20, #1
3:  add     x12, x12, #4
    msr     elr_el1, x12
    eret
2:  adr     x0, msg_bad
    bl      puts
    POWER_OFF

DEFINE_PUTS

    .balign 2048
vectors:
    .skip   0x200
    b       sync_handler              /* current EL, SP_ELx, synchronous */
    .balign 2048

    .section .rodata
msg_on:     .asciz "mmu on\n"
msg_alias:  .asciz "ttbr1 alias ok\n"
msg_abort:  .asciz "undefined mrs, data abort esr far elr ok\n"
msg_bad:    .asciz "unexpected exception\n"

    .data
    .balign 4096
l1_lo:  .skip 4096
l2_lo:  .skip 4096
l3_lo:  .skip 4096
l1_hi:  .skip 4096
