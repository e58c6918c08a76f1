/*
 * Arm generic timer: see include/hw/arm-timer.h.
 *
 * References are to the Arm ARM (DDI 0487), chapter D11 "The Generic
 * Timer in AArch64 state", and the register descriptions of CNTP_CTL_EL0,
 * CNTP_CVAL_EL0, CNTP_TVAL_EL0 and friends in D13.8 / D17.
 */
#include <string.h>
#include <libfdt.h>
#include "hw/arm-timer.h"

#define NS_PER_SEC 1000000000u

/* ---- the system counter ------------------------------------------------- */

/* Ticks after ns nanoseconds: floor(ns * freq / 1e9), exact, so no drift. */
static uint64_t ns_to_ticks(const ArmTimerCpu *tc, int64_t ns)
{
    if (ns <= 0) {
        return 0;
    }
    return (uint64_t)((unsigned __int128)(uint64_t)ns * tc->freq_hz / NS_PER_SEC);
}

/*
 * The first time in ns at which the physical count reaches `ticks` (given
 * in 128 bits because a target may lie past 2^64): ceil(ticks * 1e9 / freq),
 * or -1 if that is beyond the reach of the device clock.
 */
static int64_t ticks_to_ns(const ArmTimerCpu *tc, unsigned __int128 ticks)
{
    unsigned __int128 ns = (ticks * NS_PER_SEC + tc->freq_hz - 1) / tc->freq_hz;

    if (ticks > ((unsigned __int128)1 << 96) || ns > INT64_MAX) {
        return -1;
    }
    return (int64_t)ns;
}

uint64_t arm_timer_read_cntpct(const ArmTimerCpu *tc)
{
    return ns_to_ticks(tc, clock_now_ns());
}

/* D11.2.2: the virtual count is the physical count minus CNTVOFF_EL2. */
uint64_t arm_timer_read_cntvct(const ArmTimerCpu *tc)
{
    return arm_timer_read_cntpct(tc) - tc->cntvoff;
}

/*
 * The count a timer compares against: virtual for CNTV, physical otherwise.
 * The EL2 virtual timer (CNTHV) is one of the EL2&0 regime, where the
 * virtual offset is zero (D11.2.? FEAT_VHE), so it counts the physical count.
 */
static uint64_t timer_count(const ArmTimerCpu *tc, ArmTimerKind k)
{
    return k == ARM_TIMER_VIRT ? arm_timer_read_cntvct(tc) : arm_timer_read_cntpct(tc);
}

/* ---- timer condition and output (D11.2.4) ------------------------------- */

/*
 * The timer condition is met when CompareValue <= Count, both unsigned
 * 64-bit.  ISTATUS reports it while the timer is enabled; with ENABLE 0
 * it is UNKNOWN, and reads as 0 here.
 */
static bool istatus(const ArmTimerCpu *tc, ArmTimerKind k)
{
    const ArmTimer *t = &tc->t[k];
    return (t->ctl & ARM_TIMER_CTL_ENABLE) && timer_count(tc, k) >= t->cval;
}

static void timer_update(ArmTimerCpu *tc, ArmTimerKind k)
{
    ArmTimer *t = &tc->t[k];
    bool enabled = t->ctl & ARM_TIMER_CTL_ENABLE;
    bool masked = t->ctl & ARM_TIMER_CTL_IMASK;
    uint64_t count = timer_count(tc, k);
    bool met = enabled && count >= t->cval;
    bool level = met && !masked;

    if (level != t->level) {
        t->level = level;
        irq_set(&t->out, level);
    }
    if (enabled && !masked && !met) {
        /* The condition becomes true after (cval - count) more ticks. */
        unsigned __int128 target = (unsigned __int128)arm_timer_read_cntpct(tc) + (t->cval - count);
        int64_t when = ticks_to_ns(tc, target);
        if (when >= 0) {
            timer_mod(&t->deadline, when);
            return;
        }
    }
    timer_del(&t->deadline);
}

static void timer_update_all(ArmTimerCpu *tc)
{
    for (int k = 0; k < ARM_TIMER_COUNT; k++) {
        timer_update(tc, (ArmTimerKind)k);
    }
}

static void deadline_cb(void *opaque)
{
    ArmTimer *t = opaque;
    timer_update(t->owner, (ArmTimerKind)(t - t->owner->t));
}

/* ---- setup -------------------------------------------------------------- */

void arm_timer_init(ArmTimerCpu *tc, uint64_t freq_hz)
{
    memset(tc, 0, sizeof(*tc));
    tc->freq_hz = freq_hz ? freq_hz : ARM_TIMER_DEFAULT_FREQ;
    for (int k = 0; k < ARM_TIMER_COUNT; k++) {
        tc->t[k].owner = tc;
        timer_init(&tc->t[k].deadline, deadline_cb, &tc->t[k]);
    }
    arm_timer_reset(tc);
}

void arm_timer_reset(ArmTimerCpu *tc)
{
    /* CNTFRQ is really set by firmware; start it with the true rate. */
    tc->cntfrq = (uint32_t)tc->freq_hz;
    tc->cntvoff = 0;
    tc->cntkctl = 0;
    tc->cnthctl = 3;   /* EL1PCTEN, EL1PCEN: no traps, as when EL2 is absent */
    for (int k = 0; k < ARM_TIMER_COUNT; k++) {
        tc->t[k].ctl = 0;
        tc->t[k].cval = 0;
    }
    timer_update_all(tc);
}

/* ---- registers ---------------------------------------------------------- */

uint32_t arm_timer_get_ctl(const ArmTimerCpu *tc, ArmTimerKind k)
{
    return tc->t[k].ctl | (istatus(tc, k) ? ARM_TIMER_CTL_ISTATUS : 0);
}

void arm_timer_set_ctl(ArmTimerCpu *tc, ArmTimerKind k, uint64_t value)
{
    /* ISTATUS is read-only; other bits are RES0. */
    tc->t[k].ctl = (uint32_t)value & (ARM_TIMER_CTL_ENABLE | ARM_TIMER_CTL_IMASK);
    timer_update(tc, k);
}

uint64_t arm_timer_get_cval(const ArmTimerCpu *tc, ArmTimerKind k)
{
    return tc->t[k].cval;
}

void arm_timer_set_cval(ArmTimerCpu *tc, ArmTimerKind k, uint64_t value)
{
    tc->t[k].cval = value;
    timer_update(tc, k);
}

/* TVAL is a signed 32-bit down-counter view of CVAL (D11.2.4). */
uint64_t arm_timer_get_tval(const ArmTimerCpu *tc, ArmTimerKind k)
{
    return (uint32_t)(tc->t[k].cval - timer_count(tc, k));
}

void arm_timer_set_tval(ArmTimerCpu *tc, ArmTimerKind k, uint64_t value)
{
    int64_t delta = (int32_t)(uint32_t)value;
    tc->t[k].cval = timer_count(tc, k) + (uint64_t)delta;
    timer_update(tc, k);
}

uint64_t arm_timer_get_cntvoff(const ArmTimerCpu *tc)
{
    return tc->cntvoff;
}

void arm_timer_set_cntvoff(ArmTimerCpu *tc, uint64_t value)
{
    tc->cntvoff = value;
    timer_update(tc, ARM_TIMER_VIRT);
}

/* CNTKCTL_EL1: EL0PCTEN, EL0VCTEN, EVNTEN, EVNTDIR, EVNTI, EL0VTEN, EL0PTEN. */
uint32_t arm_timer_get_cntkctl(const ArmTimerCpu *tc)
{
    return tc->cntkctl;
}

void arm_timer_set_cntkctl(ArmTimerCpu *tc, uint64_t value)
{
    tc->cntkctl = (uint32_t)value & 0x3ff;
}

/*
 * CNTHCTL_EL2: EL1PCTEN, EL1PCEN, EVNTEN, EVNTDIR, EVNTI, and in the
 * HCR_EL2.E2H layout EL0PCTEN/EL0VCTEN at bits 1:0, EL0VTEN/EL0PTEN at 9:8
 * and EL1PCTEN/EL1PCEN at 11:10: kept whole, the CPU reads it by its E2H.
 */
uint32_t arm_timer_get_cnthctl(const ArmTimerCpu *tc)
{
    return tc->cnthctl;
}

void arm_timer_set_cnthctl(ArmTimerCpu *tc, uint64_t value)
{
    tc->cnthctl = (uint32_t)value & 0xfff;
}

uint32_t arm_timer_get_cntfrq(const ArmTimerCpu *tc)
{
    return tc->cntfrq;
}

void arm_timer_set_cntfrq(ArmTimerCpu *tc, uint64_t value)
{
    tc->cntfrq = (uint32_t)value;
}

/* ---- event stream (D11.2.3) --------------------------------------------- */

/*
 * An event is generated when bit EVNTI of the counter goes 0->1
 * (EVNTDIR 0) or 1->0 (EVNTDIR 1).  Returns the number of ticks from
 * `count` to the next such transition, or 0 if the stream is off.
 */
static uint64_t ticks_to_event(uint32_t ctl, uint64_t count)
{
    unsigned n = (ctl >> 4) & 0xf;
    uint64_t period = 2ull << n;
    uint64_t phase = (ctl & (1u << 3)) ? 0 : (1ull << n);
    uint64_t next;

    if (!(ctl & (1u << 2))) {
        return 0;
    }
    next = count - (count % period) + phase;
    if (next <= count) {
        next += period;
    }
    return next - count;
}

int64_t arm_timer_next_event_ns(const ArmTimerCpu *tc)
{
    uint64_t phys = arm_timer_read_cntpct(tc);
    /* CNTKCTL_EL1's stream follows the virtual count, CNTHCTL_EL2's the physical one. */
    uint64_t d1 = ticks_to_event(tc->cntkctl, phys - tc->cntvoff);
    uint64_t d2 = ticks_to_event(tc->cnthctl, phys);
    uint64_t d = d1 && d2 ? (d1 < d2 ? d1 : d2) : (d1 ? d1 : d2);

    if (!d) {
        return -1;
    }
    return ticks_to_ns(tc, (unsigned __int128)phys + d);
}

/* ---- device tree ---------------------------------------------------------- */

int arm_timer_fdt_node(void *fdt, int parent, unsigned num_cpus, bool hyp_virt)
{
    /*
     * Binding order: secure physical, non-secure physical, virtual,
     * hypervisor, hypervisor virtual (PPI numbers); the last only when the
     * CPU has that timer, as the binding makes it optional.
     */
    static const uint32_t ppis[5] = { 29 - 16, 30 - 16, 27 - 16, 26 - 16, 28 - 16 };
    unsigned n = hyp_virt ? 5 : 4;
    uint32_t cpumask = num_cpus >= 8 ? 0xff : (1u << num_cpus) - 1;
    /* GIC 3-cell encoding: type 1 = PPI, number, flags = CPU mask [15:8] | level-high (4). */
    uint32_t flags = (cpumask << 8) | 4;
    uint32_t cells[15];
    int node, err;

    for (unsigned i = 0; i < n; i++) {
        cells[3 * i] = cpu_to_fdt32(1);
        cells[3 * i + 1] = cpu_to_fdt32(ppis[i]);
        cells[3 * i + 2] = cpu_to_fdt32(flags);
    }
    node = fdt_add_subnode(fdt, parent, "timer");
    if (node < 0) {
        return node;
    }
    if ((err = fdt_setprop_string(fdt, node, "compatible", "arm,armv8-timer")) < 0 ||
        (err = fdt_setprop(fdt, node, "interrupts", cells, (int)(n * 3 * sizeof(cells[0])))) < 0 ||
        (err = fdt_setprop(fdt, node, "always-on", NULL, 0)) < 0) {
        return err;
    }
    return node;
}
