/*
 * The Arm generic timer (Arm ARM D11): the system counter and, per CPU, the
 * EL1 physical timer (CNTP_*), the virtual timer (CNTV_*), the EL2
 * physical timer (CNTHP_*) and the secure physical timer (CNTPS_*).
 *
 * The counter is device time (clock_now_ns()) scaled to the counter
 * frequency with exact integer arithmetic, so it never drifts.  Each timer
 * drives a level output, asserted while ENABLE && ISTATUS && !IMASK; an
 * EmuTimer is armed for the moment the condition will become true, so the
 * line rises on time without polling.
 *
 * The CPU's system-register code calls the accessors below; it owns the
 * access checks (CNTKCTL_EL1/CNTHCTL_EL2 traps), this file only stores and
 * computes.  Thread safety: callers, and the main loop when it runs
 * expired timers, hold the board's device lock (the outputs call into the
 * GIC).
 *
 * Public functions: arm_timer_init, arm_timer_reset, arm_timer_read_cntpct,
 * arm_timer_read_cntvct, arm_timer_get/set_ctl, _cval, _tval,
 * arm_timer_get/set_cntvoff, _cntkctl, _cnthctl, _cntfrq,
 * arm_timer_next_event_ns, arm_timer_fdt_node.
 */
#ifndef HW_ARM_TIMER_H
#define HW_ARM_TIMER_H

#include <stdbool.h>
#include <stdint.h>
#include "hw/clock.h"
#include "hw/irq.h"

#define ARM_TIMER_DEFAULT_FREQ  62500000u   /* 62.5 MHz, as on the virt board */

/* Which timer; the comment gives its usual PPI (interrupt ID) on virt. */
typedef enum ArmTimerKind {
    ARM_TIMER_PHYS = 0,   /* CNTP_*   EL1 physical timer, PPI 30 */
    ARM_TIMER_VIRT = 1,   /* CNTV_*   virtual timer,      PPI 27 */
    ARM_TIMER_HYP  = 2,   /* CNTHP_*  EL2 physical timer, PPI 26 */
    ARM_TIMER_SEC  = 3,   /* CNTPS_*  secure physical,    PPI 29 */
    ARM_TIMER_HYPV = 4,   /* CNTHV_*  EL2 virtual timer (FEAT_VHE), PPI 28 */
    ARM_TIMER_COUNT
} ArmTimerKind;

/* CNT*_CTL_EL0 bits (D11.2.x / D13.x). */
#define ARM_TIMER_CTL_ENABLE   (1u << 0)
#define ARM_TIMER_CTL_IMASK    (1u << 1)
#define ARM_TIMER_CTL_ISTATUS  (1u << 2)

typedef struct ArmTimer {
    uint32_t ctl;          /* ENABLE and IMASK only; ISTATUS is computed */
    uint64_t cval;
    EmuTimer deadline;     /* fires when the condition becomes true */
    IRQLine out;           /* the timer's interrupt output (level) */
    bool level;            /* what out currently drives */
    struct ArmTimerCpu *owner;
} ArmTimer;

/* The generic timers of one CPU. */
typedef struct ArmTimerCpu {
    uint64_t freq_hz;      /* the system counter's real frequency */
    uint32_t cntfrq;       /* CNTFRQ_EL0: what software is told (reset: freq_hz) */
    uint64_t cntvoff;      /* CNTVOFF_EL2 */
    uint32_t cntkctl;      /* CNTKCTL_EL1 */
    uint32_t cnthctl;      /* CNTHCTL_EL2 */
    ArmTimer t[ARM_TIMER_COUNT];
} ArmTimerCpu;

/*
 * Set up the timers of one CPU, counting at freq_hz (0: the default
 * 62.5 MHz).  Outputs start unconnected: set tc->t[kind].out, then reset.
 */
void arm_timer_init(ArmTimerCpu *tc, uint64_t freq_hz);
/* Reset: timers disabled, CNTVOFF 0, CNTFRQ back to the counter frequency. */
void arm_timer_reset(ArmTimerCpu *tc);

/* CNTPCT_EL0 and CNTVCT_EL0 (= CNTPCT - CNTVOFF). */
uint64_t arm_timer_read_cntpct(const ArmTimerCpu *tc);
uint64_t arm_timer_read_cntvct(const ArmTimerCpu *tc);

/* CNT{P,V,HP,PS}_CTL: reads include ISTATUS; writes take ENABLE and IMASK. */
uint32_t arm_timer_get_ctl(const ArmTimerCpu *tc, ArmTimerKind k);
void arm_timer_set_ctl(ArmTimerCpu *tc, ArmTimerKind k, uint64_t value);
/* CNT*_CVAL: absolute compare value (in the virtual count for the virtual timer). */
uint64_t arm_timer_get_cval(const ArmTimerCpu *tc, ArmTimerKind k);
void arm_timer_set_cval(ArmTimerCpu *tc, ArmTimerKind k, uint64_t value);
/*
 * CNT*_TVAL: reads give (CVAL - count) truncated to signed 32 bits; writes
 * set CVAL = count + SignExtend(value<31:0>).  Returned zero-extended, as
 * the 64-bit system register reads it (bits [63:32] RES0).
 */
uint64_t arm_timer_get_tval(const ArmTimerCpu *tc, ArmTimerKind k);
void arm_timer_set_tval(ArmTimerCpu *tc, ArmTimerKind k, uint64_t value);

uint64_t arm_timer_get_cntvoff(const ArmTimerCpu *tc);
void arm_timer_set_cntvoff(ArmTimerCpu *tc, uint64_t value);
uint32_t arm_timer_get_cntkctl(const ArmTimerCpu *tc);
void arm_timer_set_cntkctl(ArmTimerCpu *tc, uint64_t value);
uint32_t arm_timer_get_cnthctl(const ArmTimerCpu *tc);
void arm_timer_set_cnthctl(ArmTimerCpu *tc, uint64_t value);
/* CNTFRQ_EL0 is only a register: writing it does not change the counting rate. */
uint32_t arm_timer_get_cntfrq(const ArmTimerCpu *tc);
void arm_timer_set_cntfrq(ArmTimerCpu *tc, uint64_t value);

/*
 * Event stream (D11.2.3, CNTKCTL_EL1.EVNTEN/EVNTDIR/EVNTI): the device time
 * in ns at which the next event is due for a CPU waiting in WFE, or -1 if
 * the stream is off.
 */
int64_t arm_timer_next_event_ns(const ArmTimerCpu *tc);

/*
 * Write the "timer" node (compatible "arm,armv8-timer", always-on) under
 * parent with the four PPIs in the order the binding wants (secure phys,
 * phys, virt, hyp), and the EL2 virtual timer's fifth when hyp_virt (a
 * CPU with FEAT_VHE and EL2), using the GIC's 3-cell encoding with the CPU
 * mask for num_cpus CPUs and level-high trigger.  Returns the node offset
 * or a negative libfdt error.
 */
int arm_timer_fdt_node(void *fdt, int parent, unsigned num_cpus, bool hyp_virt);

#endif
