/*
 * WFE/SEV across CPUs (-smp 2, Arm ARM D1.16.1 "Wait for Event"): CPU 1,
 * started by PSCI CPU_ON, consumes its event register (SEVL; WFE), then
 * waits in a WFE loop for a flag that CPU 0 sets 20 ms later before SEV.
 * CPU 1 answers through a second flag and its own SEV.  WFE may complete
 * early (spuriously), so the loops recheck their flag; the checks are
 * about the flags and the order, the wait time is CPU 0's.
 */
#include "rt.h"

static volatile uint64_t go, done, cpu1_loops, cpu1_el;

void rt_secondary_main(uint64_t ctx)
{
    (void)ctx;
    cpu1_el = current_el();
    __asm__ volatile("sevl\n wfe" : : : "memory");     /* the event register is now clear */
    while (!go) {
        __asm__ volatile("wfe" : : : "memory");
        cpu1_loops++;
    }
    done = go + 1;
    dsb(sy);
    __asm__ volatile("sev" : : : "memory");
    for (;;) {
        __asm__ volatile("wfi");
    }
}

int main(void)
{
    uint64_t r, t0, t1, freq = read_sysreg(cntfrq_el0);

    pr("wfe: WFE and SEV between two CPUs\n");
    r = smc_hvc(0, PSCI_CPU_ON64, 1, (uint64_t)rt_secondary_entry, 0);
    check_eq("psci cpu_on of cpu 1", r, 0);
    delay_us(20000);
    check_eq("cpu 1 still waiting before the flag", done, 0);
    go = 41;
    dsb(sy);
    __asm__ volatile("sev" : : : "memory");
    t0 = cntvct();
    while (!done) {
        __asm__ volatile("wfe" : : : "memory");
        if (cntvct() - t0 > freq * 5) {
            break;
        }
    }
    t1 = cntvct();
    check_eq("cpu 1 saw the flag after sev and answered", done, 42);
    check_eq("cpu 1 ran at EL1", cpu1_el, 1);
    check_true("the answer came within 5 s", t1 - t0 <= freq * 5);
    return 0;
}
