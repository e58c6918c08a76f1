/*
 * Exception entry and return at EL1 and from EL0 (Arm ARM D1.10, D1.11):
 * the vector offset for each origin (current EL with SP_EL0, with SP_ELx,
 * lower EL), the stack pointer the handler runs on, ESR/ELR/SPSR/FAR for
 * SVC, BRK, an undefined instruction, alignment faults of data, PC and SP,
 * and the virtual timer's IRQ held off by PSTATE.I and taken on unmasking,
 * at EL1 and at EL0.  Run at EL1 with the MMU off.
 */
#include "rt.h"

/* EL0 and EL1 snippets whose addresses the checks need. */
extern char svc_el1_ret[], svc_sp0_ret[], el0_svc_fn[], el0_svc_ret[], el0_nop_fn[], brk_insn[],
    udf_insn[], daifclr_insn[], el0_stack_top[];
__asm__(
    "    .text\n"
    /* EL0: SVC #0x77; returns the SP EL0 ran on. */
    "el0_svc_fn:\n"
    "    mov x9, sp\n"
    "    svc #0x77\n"
    "el0_svc_ret:\n"
    "    mov x0, x9\n"
    "    ret\n"
    "el0_nop_fn:\n"
    "    mov x0, #5\n"
    "    ret\n"
    "    .bss\n"
    "    .balign 16\n"
    "    .skip 4096\n"
    "el0_stack_top:\n"
    "    .text\n");

static volatile unsigned irq_id, irq_daif, irq_count;

static void irq_hook(struct rt_frame *f, unsigned vec)
{
    (void)f;
    (void)vec;
    uint32_t iar = mmio_r32(GICC_BASE + 0xc);      /* GICC_IAR */

    irq_daif = (unsigned)read_sysreg(daif);
    write_sysreg(cntv_ctl_el0, 0);                  /* the timer's line falls */
    isb();
    mmio_w32(GICC_BASE + 0x10, iar);                /* GICC_EOIR */
    irq_id = iar & 0x3ff;
    irq_count++;
}

static void test_svc_el1(void)
{
    uint64_t sp_before;
    unsigned n = rt_last.count;

    /* Z and C set, DAIF as at reset (all masked): SPSR must show both. */
    __asm__ volatile("mov %0, sp\n"
                     "mov x9, #0x60000000\n"
                     "msr nzcv, x9\n"
                     "svc #0x42\n"
                     ".globl svc_el1_ret\n"
                     "svc_el1_ret:\n"
                     : "=&r"(sp_before) : : "x9", "cc", "memory");
    check_eq("svc el1: taken once", rt_last.count - n, 1);
    check_eq("svc el1: vector offset (current EL, SP_ELx)", rt_last.vec * 0x80, 0x200);
    check_eq("svc el1: ESR_EL1", rt_last.esr, 0x56000042);
    check_eq("svc el1: ELR is the next instruction", rt_last.elr == (uint64_t)svc_el1_ret, 1);
    check_eq("svc el1: SPSR_EL1 (ZC, DAIF, EL1h)", rt_last.spsr, 0x600003c5);
    check_eq("svc el1: handler ran on SP_EL1", rt_last.sp == sp_before, 1);
}

/* SVC with PSTATE.SP = 0: vector +0x000, the handler still runs on SP_EL1. */
static void test_svc_sp0(void)
{
    static uint64_t stack0[64] __attribute__((aligned(16)));
    uint64_t sp1, sp0_seen, sp0 = (uint64_t)&stack0[64];

    __asm__ volatile("mov %0, sp\n"
                     "msr sp_el0, %2\n"
                     "msr spsel, #0\n"
                     "svc #0x43\n"
                     ".globl svc_sp0_ret\n"
                     "svc_sp0_ret:\n"
                     "mov %1, sp\n"
                     "msr spsel, #1\n"
                     : "=&r"(sp1), "=&r"(sp0_seen) : "r"(sp0) : "memory");
    check_eq("svc sp0: vector offset (current EL, SP_EL0)", rt_last.vec * 0x80, 0x000);
    check_eq("svc sp0: ESR_EL1", rt_last.esr, 0x56000043);
    check_eq("svc sp0: SPSR_EL1.M is EL1t", rt_last.spsr & 0xf, 0x4);
    check_eq("svc sp0: handler ran on SP_EL1", rt_last.sp == sp1, 1);
    check_eq("svc sp0: SP_EL0 kept across the exception", sp0_seen == sp0, 1);
    check_eq("svc sp0: ELR", rt_last.elr == (uint64_t)svc_sp0_ret, 1);
}

static void test_svc_el0(void)
{
    uint64_t sp0 = (uint64_t)el0_stack_top;
    uint64_t r = call_el0((uint64_t (*)(uint64_t))el0_svc_fn, 0, sp0);

    check_eq("el0 svc: EL0 ran on the SP_EL0 given", r == sp0, 1);
    /* rt_last is the SVC #0xfff that came back; the #0x77 was recorded before it. */
}

static uint64_t saved_esr, saved_elr, saved_spsr;
static unsigned saved_vec;

/* Record the SVC #0x77 of EL0 before the returning SVC overwrites rt_last. */
static int el0_svc_hook(struct rt_frame *f, unsigned vec)
{
    if (ESR_EC(f->esr) == 0x15 && (f->esr & 0xffff) == 0x77) {
        saved_esr = f->esr;
        saved_elr = f->elr;
        saved_spsr = f->spsr;
        saved_vec = vec;
    }
    return 0;
}

static void test_svc_el0_checks(void)
{
    rt_sync_hook = el0_svc_hook;
    test_svc_el0();
    rt_sync_hook = 0;
    check_eq("el0 svc: vector offset (lower EL, AArch64)", saved_vec * 0x80, 0x400);
    check_eq("el0 svc: ESR_EL1", saved_esr, 0x56000077);
    check_eq("el0 svc: ELR", saved_elr == (uint64_t)el0_svc_ret, 1);
    check_eq("el0 svc: SPSR_EL1 (EL0t, nothing masked)", saved_spsr, 0);
    check_eq("back at EL1 after the EL0 call", current_el(), 1);
}

static void test_brk_udf(void)
{
    rt_expect_fault();
    __asm__ volatile(".globl brk_insn\nbrk_insn: brk #0x12" : : : "memory");
    check_eq("brk: ESR_EL1", rt_last.esr, 0xf2000012);
    check_eq("brk: ELR is the BRK itself", rt_last.elr == (uint64_t)brk_insn, 1);
    rt_expect_fault();
    __asm__ volatile(".globl udf_insn\nudf_insn: .inst 0x00000000" : : : "memory");
    check_eq("udf: ESR_EL1 (unknown reason, IL)", rt_last.esr, 0x02000000);
    check_eq("udf: ELR is the instruction", rt_last.elr == (uint64_t)udf_insn, 1);
}

/*
 * SCTLR_EL1.A: an unaligned load or store faults (DFSC 0x21, FAR the
 * address).  The unaligned Device access and SCTLR.SA stack checks are
 * left out: QEMU, the oracle, does not model them.
 */
static void test_alignment(void)
{
    static uint64_t buf[4];
    uint64_t a = (uint64_t)buf + 1, v = 0;
    uint64_t sctlr = read_sysreg(sctlr_el1);

    write_sysreg(sctlr_el1, sctlr | (1u << 1));
    isb();
    rt_expect_fault();
    __asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(a) : "memory");
    check_eq("unaligned load (SCTLR.A): ESR_EL1", rt_last.esr, 0x96000021);
    check_eq("unaligned load: FAR_EL1 is the address", rt_last.far == a, 1);
    rt_expect_fault();
    __asm__ volatile("str %0, [%1]" : : "r"(v), "r"(a) : "memory");
    check_eq("unaligned store (SCTLR.A): ESR_EL1 (WnR)", rt_last.esr, 0x96000061);
    write_sysreg(sctlr_el1, sctlr);
    isb();

    /* PC alignment: BLR to an address with bit 1 set (A64 insns are 4-aligned). */
    uint64_t bad_pc = (uint64_t)svc_el1_ret + 2;
    rt_expect_fault();
    __asm__ volatile("blr %0" : : "r"(bad_pc) : "x30", "memory");
    check_eq("pc alignment: ESR_EL1", rt_last.esr, 0x8a000000);
    check_eq("pc alignment: FAR_EL1 is the target", rt_last.far == bad_pc, 1);
    check_eq("pc alignment: ELR_EL1 is the target", rt_last.elr == bad_pc, 1);

}

static void gic_timer_setup(void)
{
    mmio_w32(GICD_BASE + 0x000, 1);              /* GICD_CTLR: forward Group 0 */
    mmio_w32(GICD_BASE + 0x100, 1u << 27);       /* GICD_ISENABLER0: PPI 27, virtual timer */
    mmio_w32(GICC_BASE + 0x004, 0xff);           /* GICC_PMR: everything passes */
    mmio_w32(GICC_BASE + 0x000, 1);              /* GICC_CTLR */
    rt_irq_hook = irq_hook;
}

/* The timer condition holds at once; wait until the CPU sees the IRQ pending. */
static int fire_timer_and_wait_pending(void)
{
    write_sysreg(cntv_tval_el0, 0);
    write_sysreg(cntv_ctl_el0, 1);
    isb();
    for (unsigned i = 0; i < 1000000; i++) {
        if (read_sysreg(isr_el1) & (1u << 7)) {
            return 1;
        }
    }
    return 0;
}

static void test_irq_masking(void)
{
    unsigned n;
    uint64_t after;

    gic_timer_setup();
    __asm__ volatile("msr daifset, #2" : : : "memory");
    n = irq_count;
    check_true("irq: ISR_EL1.I set while PSTATE.I masks it", fire_timer_and_wait_pending());
    delay_us(1000);
    check_eq("irq: not taken while masked", irq_count - n, 0);
    check_eq("irq: CNTV_CTL_EL0.ISTATUS", read_sysreg(cntv_ctl_el0) & 4, 4);
    __asm__ volatile("adr %0, 1f\n"
                     ".globl daifclr_insn\n"
                     "daifclr_insn: msr daifclr, #2\n"
                     "isb\n"
                     "1: msr daifset, #2\n"
                     : "=r"(after) : : "memory");
    check_eq("irq: taken once when unmasked", irq_count - n, 1);
    check_eq("irq: INTID from GICC_IAR", irq_id, 27);
    check_eq("irq: vector offset (current EL, SP_ELx, IRQ)", rt_last.vec * 0x80, 0x280);
    check_eq("irq: DAIF masked in the handler", irq_daif, 0x3c0);
    check_eq("irq: SPSR_EL1 has I clear, EL1h", rt_last.spsr & 0x3cf, 0x345);
    check_true("irq: ELR between the unmask and the ISB after it",
               rt_last.elr == (uint64_t)daifclr_insn + 4 || rt_last.elr == (uint64_t)daifclr_insn + 8);
    check_eq("irq: ISR_EL1 clear after EOI", read_sysreg(isr_el1) & (1u << 7), 0);
    (void)after;

    /* Pending when ERET drops to EL0 with I clear: taken on EL0's first instruction. */
    n = irq_count;
    check_true("irq el0: pending before the ERET", fire_timer_and_wait_pending());
    uint64_t r = call_el0((uint64_t (*)(uint64_t))el0_nop_fn, 0, (uint64_t)el0_stack_top);
    check_eq("irq el0: EL0 code finished", r, 5);
    check_eq("irq el0: taken once", irq_count - n, 1);
    /* rt_last is the SVC #0xfff now; irq_hook saw the entry. */
}

static unsigned el0_irq_vec;
static uint64_t el0_irq_spsr, el0_irq_elr;

static void irq_hook_el0(struct rt_frame *f, unsigned vec)
{
    el0_irq_vec = vec;
    el0_irq_spsr = f->spsr;
    el0_irq_elr = f->elr;
    irq_hook(f, vec);
}

extern char el0_trampoline[];

int main(void)
{
    pr("exc: exception entry and return at EL1 and EL0\n");
    check_eq("started at EL1", current_el(), 1);
    test_svc_el1();
    test_svc_sp0();
    test_svc_el0_checks();
    test_brk_udf();
    test_alignment();
    test_irq_masking();
    rt_irq_hook = irq_hook_el0;
    /* Run the EL0 part once more to look at the entry itself. */
    check_true("irq el0: pending again", fire_timer_and_wait_pending());
    call_el0((uint64_t (*)(uint64_t))el0_nop_fn, 0, (uint64_t)el0_stack_top);
    check_eq("irq el0: vector offset (lower EL, IRQ)", el0_irq_vec * 0x80, 0x480);
    check_eq("irq el0: SPSR_EL1 (EL0t, nothing masked)", el0_irq_spsr, 0);
    check_eq("irq el0: ELR is EL0's first instruction", el0_irq_elr == (uint64_t)el0_trampoline, 1);
    return 0;
}
