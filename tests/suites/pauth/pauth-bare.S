/*
 * Bare-metal FEAT_PAuth / FEAT_BTI / FEAT_RNG / FEAT_UAO check at EL1 on
 * the virt board, compared line by line with qemu-system-aarch64 -cpu max
 * (tests/suites/pauth.sh): known keys, then PACIA/PACIB/PACDA/PACDB/
 * PACGA/AUTIA/AUTDA/XPACI results under several TCR_EL1 layouts (TBI on and off,
 * 48- and 39-bit VAs, both halves), the ID fields, and with the MMU on
 * (1 GiB identity blocks, RAM guarded by the GP bit) the Branch Target
 * exceptions' ESR/ELR/SPSR.BTYPE for BR/BLR into BTI, BTI c/j and PACIASP
 * landing pads with SCTLR_EL1.BT1 clear and set.
 */
#define UART 0x09000000

    .macro puts label
    adr x0, \label
    bl puts
    .endm
    /* print "<label text> <hex of reg>\n" */
    .macro show label, reg
    mov x20, \reg
    adr x0, \label
    bl puts
    mov x0, x20
    bl puthex
    .endm

    .text
    .globl _start
_start:
    ldr x0, =stack_top
    mov sp, x0
    adr x0, vectors
    msr vbar_el1, x0
    isb
    puts s_hello

    /* ID fields: ISAR1 APA<7:4> API<11:8> GPI<31:28> (and FRINTTS<35:32>), ISAR0 RNDR<63:60>, PFR1 BT, MMFR2 UAO. */
    mrs x1, id_aa64isar1_el1
    ldr x2, =0xff0000ff0
    and x1, x1, x2
    show s_isar1, x1
    mrs x1, id_aa64isar0_el1
    lsr x1, x1, #60
    show s_rndr, x1
    mrs x1, id_aa64pfr1_el1
    and x1, x1, #0xf
    show s_bt, x1
    mrs x1, id_aa64mmfr2_el1
    ubfx x1, x1, #4, #4
    show s_uao, x1

    /* Keys. */
    ldr x1, =0x0123456789abcdef
    ldr x2, =0xfedcba9876543210
    msr apiakeylo_el1, x1
    msr apiakeyhi_el1, x2
    ldr x1, =0x1111222233334444
    ldr x2, =0x5555666677778888
    msr apibkeylo_el1, x1
    msr apibkeyhi_el1, x2
    ldr x1, =0x84be85ce9804e94b
    ldr x2, =0xec2802d4e0a488e9
    msr apdakeylo_el1, x1
    msr apdakeyhi_el1, x2
    ldr x1, =0x0f0f0f0f0f0f0f0f
    ldr x2, =0xa5a5a5a55a5a5a5a
    msr apdbkeylo_el1, x1
    msr apdbkeyhi_el1, x2
    ldr x1, =0x9999aaaabbbbcccc
    ldr x2, =0x1234123412341234
    msr apgakeylo_el1, x1
    msr apgakeyhi_el1, x2
    mrs x1, apdakeyhi_el1
    show s_keyread, x1

    /* Keys disabled (SCTLR_EL1.En* = 0): PACIA is a NOP, PACGA is not gated. */
    ldr x3, =0x0000000040001234
    mov x4, x3
    pacia x4, x3
    show s_disabled, x4
    mov x1, #5
    pacga x4, x3, x1
    show s_pacga, x4

    /* Enable the four keys. */
    mrs x1, sctlr_el1
    ldr x2, =(1 << 31) | (1 << 30) | (1 << 27) | (1 << 13)
    orr x1, x1, x2
    msr sctlr_el1, x1
    isb

    /* Layout 1: T0SZ = T1SZ = 16, TBI0 = 1, TBI1 = 0. */
    ldr x1, =16 | (16 << 16) | (1 << 37)
    msr tcr_el1, x1
    isb
    bl pac_battery
    /* Layout 2: T0SZ = T1SZ = 25, TBI0 = 0, TBI1 = 1. */
    ldr x1, =25 | (25 << 16) | (1 << 38)
    msr tcr_el1, x1
    isb
    bl pac_battery
    /* Layout 3: TBI0 with TBID0 (instruction pointers keep the top byte in the PAC). */
    ldr x1, =20 | (20 << 16) | (1 << 37) | (1 << 51)
    msr tcr_el1, x1
    isb
    bl pac_battery

    /* FEAT_RNG: NZCV after RNDR. */
    mrs x1, s3_3_c2_c4_0
    mrs x1, nzcv
    show s_rndrflags, x1
    /* FEAT_UAO: MSR UAO, #1 then read it back. */
    msr uao, #1
    mrs x1, uao
    show s_uaoval, x1
    msr uao, #0

    /* --- BTI: identity map, RAM guarded. --- */
    adr x0, l1_table
    ldr x1, =0x00000401             /* block 0: 0-1 GiB, AttrIndx 0 (Device), AF */
    str x1, [x0]
    ldr x1, =0x40000705 | (1 << 50) /* block 1: RAM, AttrIndx 1 (Normal), SH inner, AF, GP */
    str x1, [x0, #8]
    dsb sy
    msr ttbr0_el1, x0
    ldr x1, =0xff00
    msr mair_el1, x1
    ldr x1, =25 | (25 << 16) | (1 << 23) | (1 << 37) | (0x3 << 8) | (0x3 << 10) | (0x3 << 12)
    msr tcr_el1, x1                 /* EPD1: no TTBR1 walks */
    isb
    tlbi vmalle1
    dsb sy
    mrs x1, sctlr_el1
    orr x1, x1, #1
    msr sctlr_el1, x1
    isb
    puts s_mmuon

    bl bti_battery
    /* SCTLR_EL1.BT1 = 1: PACIASP is no longer a BR-through-x9 landing pad. */
    mrs x1, sctlr_el1
    orr x1, x1, #(1 << 36)
    msr sctlr_el1, x1
    isb
    puts s_bt1
    bl bti_battery

    puts s_done
    ldr x0, =0x84000008             /* PSCI SYSTEM_OFF */
    hvc #0
    b .

/* PAC instructions over a few pointers and modifiers under the current TCR_EL1. */
pac_battery:
    bti c
    mov x28, x30
    adr x0, s_layout
    bl puts
    mrs x0, tcr_el1
    bl puthex
    adr x27, pointers
1:  ldr x3, [x27], #8
    cbz x3, 2f
    mov x5, #0x77
    mov x4, x3
    pacia x4, x5
    show s_pacia, x4
    mov x6, x4
    autia x6, x5
    show s_autia, x6
    mov x6, x4
    autia x6, x3                    /* wrong modifier */
    show s_autiabad, x6
    mov x6, x4
    xpaci x6
    show s_xpaci, x6
    mov x4, x3
    pacib x4, x5
    show s_pacib, x4
    autda x4, x5                    /* wrong key */
    show s_autdabad, x4
    mov x4, x3
    pacda x4, sp
    show s_pacda, x4
    mov x4, x3
    pacdzb x4
    show s_pacdzb, x4
    autdzb x4
    show s_autdzb, x4
    pacga x4, x3, x5
    show s_pacga, x4
    mov x17, x3
    mov x16, x5
    pacib1716
    show s_pacib1716, x17
    b 1b
2:  mov x30, x28
    ret

/*
 * Indirect branches into landing pads.  Each case records nothing when
 * the target runs (it returns "ok") or, through the synchronous vector,
 * the exception's ESR, ELR offset from the target and SPSR.BTYPE.
 */
bti_battery:
    bti c
    mov x28, x30
    adr x9, t_none
    adr x0, s_br_none
    bl branch_br
    adr x9, t_none
    adr x0, s_blr_none
    bl branch_blr
    adr x16, t_none
    adr x0, s_br16_none
    bl branch_br16
    adr x9, t_btic
    adr x0, s_br_btic
    bl branch_br
    adr x9, t_btic
    adr x0, s_blr_btic
    bl branch_blr
    adr x9, t_btij
    adr x0, s_blr_btij
    bl branch_blr
    adr x9, t_btij
    adr x0, s_br_btij
    bl branch_br
    adr x9, t_bti
    adr x0, s_br16_bti
    mov x16, x9
    bl branch_br16
    adr x9, t_pacsp
    adr x0, s_br_pacsp
    bl branch_br
    adr x9, t_pacsp
    adr x0, s_blr_pacsp
    bl branch_blr
    adr x9, t_pacsp
    mov x16, x9
    adr x0, s_br16_pacsp
    bl branch_br16
    mov x30, x28
    ret

/* x0 = label, x9 (or x16) = target; the target returns to x30 = back. */
branch_br:
    mov x26, x30
    bl puts
    adr x30, back
    adr x25, back
    mov x24, x9
    br x9
branch_blr:
    mov x26, x30
    bl puts
    adr x25, back
    mov x24, x9
    blr x9
    b back
branch_br16:
    mov x26, x30
    bl puts
    adr x30, back
    adr x25, back
    mov x24, x16
    br x16
back:
    bti j
    mov x30, x26
    ret

t_none:
    nop
    puts s_ok
    b back_any
t_bti:
    bti
    puts s_ok
    b back_any
t_btic:
    bti c
    puts s_ok
    b back_any
t_btij:
    bti j
    puts s_ok
    b back_any
t_pacsp:
    paciasp
    puts s_ok
    b back_any
back_any:
    br x25

/* Synchronous exception from EL1: print ESR, ELR - target, SPSR.BTYPE, resume at "back". */
sync_handler:
    mrs x1, esr_el1
    show s_esr, x1
    mrs x1, elr_el1
    sub x1, x1, x24
    show s_elr, x1
    mrs x1, spsr_el1
    ubfx x1, x1, #10, #2
    show s_btype, x1
    mrs x1, spsr_el1
    bic x1, x1, #(3 << 10)
    msr spsr_el1, x1
    msr elr_el1, x25
    eret

/* Both clobber only x0 and x10-x12. */
puts:
    ldr x10, =UART
3:  ldrb w11, [x0], #1
    cbz w11, 4f
    strb w11, [x10]
    b 3b
4:  ret

/* x0 in hex, 16 digits, then a newline. */
puthex:
    ldr x10, =UART
    mov x12, #60
5:  lsr x11, x0, x12
    and x11, x11, #15
    cmp x11, #10
    add x11, x11, #'0'
    b.lo 6f
    add x11, x11, #('a' - '0' - 10)
6:  strb w11, [x10]
    subs x12, x12, #4
    b.pl 5b
    mov w11, #'\n'
    strb w11, [x10]
    ret

    .balign 2048
vectors:
    .rept 4                         /* current EL with SP_EL0 */
    b .
    .balign 128
    .endr
    b sync_handler                  /* current EL with SP_ELx: synchronous */
    .balign 128
    .rept 11
    b .
    .balign 128
    .endr

    .balign 8
pointers:
    .quad 0x0000000040001234
    .quad 0x00007fffdeadbee8
    .quad 0xffff800012345678
    .quad 0xffffffc012345670
    .quad 0x5a00000040001238
    .quad 0x0001000000401000
    .quad 0

s_hello: .asciz "pauth bare-metal\n"
s_isar1: .asciz "ISAR1 APA/API/GPA/GPI fields "
s_rndr: .asciz "ISAR0.RNDR "
s_bt: .asciz "PFR1.BT "
s_uao: .asciz "MMFR2.UAO "
s_keyread: .asciz "APDAKeyHi read back "
s_disabled: .asciz "pacia with EnIA clear "
s_pacga: .asciz "  pacga "
s_layout: .asciz "TCR_EL1 "
s_pacia: .asciz " ptr pacia "
s_autia: .asciz "  autia "
s_autiabad: .asciz "  autia wrong modifier "
s_xpaci: .asciz "  xpaci "
s_pacib: .asciz "  pacib "
s_autdabad: .asciz "  autda of pacib "
s_pacda: .asciz "  pacda "
s_pacdzb: .asciz "  pacdzb "
s_autdzb: .asciz "  autdzb "
s_pacib1716: .asciz "  pacib1716 "
s_rndrflags: .asciz "NZCV after RNDR "
s_uaoval: .asciz "UAO after MSR UAO, #1 "
s_mmuon: .asciz "MMU on, RAM guarded\n"
s_bt1: .asciz "SCTLR_EL1.BT1 set\n"
s_ok: .asciz "  ok\n"
s_esr: .asciz "  ESR "
s_elr: .asciz "  ELR - target "
s_btype: .asciz "  SPSR.BTYPE "
s_br_none: .asciz "br x9 to no pad:\n"
s_blr_none: .asciz "blr to no pad:\n"
s_br16_none: .asciz "br x16 to no pad:\n"
s_br_btic: .asciz "br x9 to bti c:\n"
s_blr_btic: .asciz "blr to bti c:\n"
s_blr_btij: .asciz "blr to bti j:\n"
s_br_btij: .asciz "br x9 to bti j:\n"
s_br16_bti: .asciz "br x16 to bti:\n"
s_br_pacsp: .asciz "br x9 to paciasp:\n"
s_blr_pacsp: .asciz "blr to paciasp:\n"
s_br16_pacsp: .asciz "br x16 to paciasp:\n"
s_done: .asciz "done\n"

    .balign 4096
l1_table:
    .skip 4096
