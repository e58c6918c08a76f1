/*
 * A CPU parked in WFE costs no host CPU (tests/suites/wfe-idle.sh measures
 * the emulator's CPU time around this program): CPU 1 spins in
 * `1: wfe; b 1b` with no event ever sent to it, while CPU 0 waits 2 s in
 * WFE too, with IRQs masked, for the virtual timer's interrupt: a masked
 * interrupt becoming pending is a WFE wake-up event (Arm ARM D1.16.1).
 * Neither has the timer event stream or an exclusive monitor armed, so an
 * emulator that keeps them asleep uses almost no CPU for those 2 s.
 */
#include "rt.h"

void rt_secondary_main(uint64_t ctx)
{
    (void)ctx;
    __asm__ volatile("1: wfe\n b 1b" : : : "memory");
}

int main(void)
{
    uint64_t freq = read_sysreg(cntfrq_el0), t0, end;
    unsigned wakes = 0;

    pr("wfe-idle: two CPUs in WFE for 2 s\n");
    check_eq("psci cpu_on of cpu 1", smc_hvc(0, PSCI_CPU_ON64, 1, (uint64_t)rt_secondary_entry, 0), 0);
    __asm__ volatile("msr daifset, #2" : : : "memory");
    mmio_w32(GICD_BASE + 0x000, 1);              /* GICD_CTLR: forward Group 0 */
    mmio_w32(GICD_BASE + 0x100, 1u << 27);       /* GICD_ISENABLER0: PPI 27, virtual timer */
    mmio_w32(GICC_BASE + 0x004, 0xff);           /* GICC_PMR: everything passes */
    mmio_w32(GICC_BASE + 0x000, 1);              /* GICC_CTLR */
    t0 = cntvct();
    end = t0 + 2 * freq;
    write_sysreg(cntv_cval_el0, end);
    write_sysreg(cntv_ctl_el0, 1);
    isb();
    while (cntvct() < end) {
        __asm__ volatile("wfe" : : : "memory");
        wakes++;
    }
    write_sysreg(cntv_ctl_el0, 0);
    check_true("cpu 0 slept until the timer, 2 s", cntvct() - t0 >= 2 * freq);
    /* Not a check: QEMU's WFE never sleeps, and the count tells how often ours woke. */
    pr("wfe-idle: cpu 0 woke %u times\n", wakes);
    return 0;
}
