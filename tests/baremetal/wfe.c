/*
 * WFE/SEV across CPUs (-smp 2, Arm ARM D1.16.1 "Wait for Event"), each
 * kind of event that ends a WFE:
 *  - SEV: CPU 1, started by PSCI CPU_ON, consumes its event register
 *    (SEVL; WFE), then waits in a WFE loop for a flag that CPU 0 sets 20 ms
 *    later before SEV; CPU 1 answers through a second flag and its own SEV;
 *  - the clearing of the global exclusive monitor: CPU 1 spins as Linux's
 *    locks do (LDAXR; CBNZ; WFE) on a lock word that CPU 0 then releases
 *    with a plain store and no SEV; CPU 1 answers the same way;
 *  - an interrupt becoming pending while PSTATE.I masks it (the virtual
 *    timer's PPI through the GIC);
 *  - the generic timer's event stream (CNTKCTL_EL1.EVNTEN): 100 WFEs in a
 *    row with nothing else going on.
 * WFE may complete early (spuriously; QEMU's always does), so the loops
 * recheck their flag and the checks are about flags, order and an upper
 * bound on the time: an emulator that slept through one of these events
 * would hang or fail the bound.
 */
#include "rt.h"

static volatile uint64_t go, done, cpu1_loops, cpu1_el;
static volatile uint32_t lock = 1, ack;

static inline void wfe(void)
{
    __asm__ volatile("wfe" : : : "memory");
}

/* LDAXR arms this CPU's exclusive monitor on p, as a spinning lock waiter does. */
static inline uint32_t ldaxr32(volatile uint32_t *p)
{
    uint32_t v;

    __asm__ volatile("ldaxr %w0, [%1]" : "=r"(v) : "r"(p) : "memory");
    return v;
}

/* A plain store-release: no SEV, so only the monitor's clearing can wake the waiter. */
static inline void stlr32(volatile uint32_t *p, uint32_t v)
{
    __asm__ volatile("stlr %w0, [%1]" : : "r"(v), "r"(p) : "memory");
}

void rt_secondary_main(uint64_t ctx)
{
    (void)ctx;
    cpu1_el = current_el();
    __asm__ volatile("sevl\n wfe" : : : "memory");     /* the event register is now clear */
    while (!go) {
        wfe();
        cpu1_loops++;
    }
    done = go + 1;
    dsb(sy);
    __asm__ volatile("sev" : : : "memory");
    /* Linux's smp_cond_load_acquire / spinlock slow path: wait for the lock word to change. */
    while (ldaxr32(&lock) != 0) {
        wfe();
    }
    __asm__ volatile("clrex" : : : "memory");
    stlr32(&ack, 1);
    for (;;) {
        __asm__ volatile("wfi");
    }
}

/* Wait (LDAXR; WFE) for *p to become non-zero, at most 5 s; returns the value. */
static uint32_t wait_nonzero(volatile uint32_t *p, uint64_t *elapsed)
{
    uint64_t freq = read_sysreg(cntfrq_el0), t0 = cntvct();
    uint32_t v;

    while ((v = ldaxr32(p)) == 0 && cntvct() - t0 <= freq * 5) {
        wfe();
    }
    __asm__ volatile("clrex" : : : "memory");
    *elapsed = cntvct() - t0;
    return v;
}

static void test_sev(void)
{
    uint64_t r, t0, t1, freq = read_sysreg(cntfrq_el0);

    r = smc_hvc(0, PSCI_CPU_ON64, 1, (uint64_t)rt_secondary_entry, 0);
    check_eq("psci cpu_on of cpu 1", r, 0);
    delay_us(20000);
    check_eq("cpu 1 still waiting before the flag", done, 0);
    go = 41;
    dsb(sy);
    __asm__ volatile("sev" : : : "memory");
    t0 = cntvct();
    while (!done) {
        wfe();
        if (cntvct() - t0 > freq * 5) {
            break;
        }
    }
    t1 = cntvct();
    check_eq("cpu 1 saw the flag after sev and answered", done, 42);
    check_eq("cpu 1 ran at EL1", cpu1_el, 1);
    check_true("the answer came within 5 s", t1 - t0 <= freq * 5);
}

static void test_monitor(void)
{
    uint64_t freq = read_sysreg(cntfrq_el0), elapsed;

    delay_us(20000);
    check_eq("monitor: cpu 1 still spinning on the lock", ack, 0);
    /*
     * This CPU's own event stream (CNTKCTL_EL1 is per CPU; EVNTI 15, about
     * 1 ms) bounds its wait below, should cpu 1 never answer.
     */
    write_sysreg(cntkctl_el1, read_sysreg(cntkctl_el1) | (15u << 4) | (1u << 2));
    isb();
    stlr32(&lock, 0);
    check_eq("monitor: cpu 1 woke when the lock it watched was released (no sev)",
             wait_nonzero(&ack, &elapsed), 1);
    check_true("monitor: and answered within 5 s", elapsed <= freq * 5);
    write_sysreg(cntkctl_el1, read_sysreg(cntkctl_el1) & ~0xfcu);
    isb();
}

static void test_masked_irq(void)
{
    uint64_t freq = read_sysreg(cntfrq_el0), t0, t1;

    __asm__ volatile("msr daifset, #2" : : : "memory");
    mmio_w32(GICD_BASE + 0x000, 1);              /* GICD_CTLR: forward Group 0 */
    mmio_w32(GICD_BASE + 0x100, 1u << 27);       /* GICD_ISENABLER0: PPI 27, virtual timer */
    mmio_w32(GICC_BASE + 0x004, 0xff);           /* GICC_PMR: everything passes */
    mmio_w32(GICC_BASE + 0x000, 1);              /* GICC_CTLR */
    __asm__ volatile("sevl\n wfe" : : : "memory");
    write_sysreg(cntv_tval_el0, freq / 50);      /* 20 ms ahead */
    write_sysreg(cntv_ctl_el0, 1);
    isb();
    t0 = cntvct();
    wfe();                                        /* nothing else will end it */
    t1 = cntvct();
    check_true("masked irq: wfe completed within 5 s", t1 - t0 <= freq * 5);
    write_sysreg(cntv_ctl_el0, 0);               /* the line falls: nothing stays pending */
    isb();
    mmio_w32(GICC_BASE + 0x000, 0);
    mmio_w32(GICD_BASE + 0x000, 0);
    check_eq("masked irq: not taken (ISR_EL1.I clear)", read_sysreg(isr_el1) & (1u << 7), 0);
}

static void test_event_stream(void)
{
    uint64_t freq = read_sysreg(cntfrq_el0), t0, t1;

    /* EVNTEN, EVNTDIR 0, EVNTI 11: an event each time bit 11 of CNTVCT rises (every 2^12 ticks). */
    write_sysreg(cntkctl_el1, (read_sysreg(cntkctl_el1) & ~0xfcu) | (11u << 4) | (1u << 2));
    isb();
    __asm__ volatile("sevl\n wfe" : : : "memory");
    t0 = cntvct();
    for (unsigned i = 0; i < 100; i++) {
        wfe();
    }
    t1 = cntvct();
    write_sysreg(cntkctl_el1, read_sysreg(cntkctl_el1) & ~(1u << 2));
    isb();
    check_true("event stream: 100 wfe completed within 5 s", t1 - t0 <= freq * 5);
}

int main(void)
{
    pr("wfe: WFE and SEV between two CPUs\n");
    test_sev();
    test_monitor();
    test_masked_irq();
    test_event_stream();
    return 0;
}
