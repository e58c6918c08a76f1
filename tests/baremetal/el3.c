/*
 * EL3 (-M virt,secure=on): the CPU starts at EL3; ERET drops to
 * Non-secure EL1 (SCR_EL3.NS, RW); SMC comes back to EL3 (ESR_EL3, vector
 * +0x400, ELR the next instruction); with SCR_EL3.SMD the SMC is
 * UNDEFINED at EL1 instead.
 */
#include "rt.h"

extern char smc_ret[];

void drop_to_el1(void);
__asm__(
    "    .text\n"
    "drop_to_el1:\n"
    "    mov x9, sp\n"
    "    msr sp_el1, x9\n"
    "    msr elr_el3, x30\n"
    "    mov x9, #0x3c5\n"
    "    msr spsr_el3, x9\n"
    "    isb\n"
    "    eret\n");

/* SMC #1 from EL1: return to the caller at EL3. */
static int el3_hook(struct rt_frame *f, unsigned vec)
{
    (void)vec;
    if (current_el() == 3 && ESR_EC(f->esr) == 0x17 && (f->esr & 0xffff) == 1) {
        f->spsr = 0x3cd;    /* EL3h */
        return 1;
    }
    return 0;
}

int main(void)
{
    pr("el3: EL3 and SMC\n");
    check_eq("started at EL3", current_el(), 3);
    rt_sync_hook = el3_hook;
    write_sysreg(vbar_el1, (uint64_t)vectors);
    write_sysreg(sctlr_el1, 0x30d00800);
    write_sysreg(scr_el3, 1u | 1u << 10 | 0x30);   /* NS, RW; bits 5:4 RES1 */
    isb();
    drop_to_el1();
    check_eq("after ERET: EL1", current_el(), 1);
    __asm__ volatile("smc #0x55\n.globl smc_ret\nsmc_ret:" : : : "memory");
    check_eq("smc: taken to EL3", rt_last.el, 3);
    check_eq("smc: ESR_EL3", rt_last.esr, 0x5e000055);
    check_eq("smc: vector offset (lower EL)", rt_last.vec * 0x80, 0x400);
    check_eq("smc: ELR_EL3 is the next instruction", rt_last.elr == (uint64_t)smc_ret, 1);
    check_eq("smc: SPSR_EL3 (EL1h, masked)", rt_last.spsr & 0x3cf, 0x3c5);
    check_eq("back at EL1", current_el(), 1);
    __asm__ volatile("smc #1" : : : "memory");
    check_eq("smc #1: back at EL3", current_el(), 3);
    write_sysreg(scr_el3, 1u | 1u << 10 | 0x30 | 1u << 7);    /* SMD: SMC disabled */
    isb();
    drop_to_el1();
    rt_expect_fault();
    __asm__ volatile("smc #0x56" : : : "memory");
    check_eq("smc with SCR_EL3.SMD: UNDEFINED at EL1", rt_fault.esr, 0x02000000);
    check_eq("smc with SCR_EL3.SMD: taken to EL1", rt_fault.el, 1);
    return 0;
}
