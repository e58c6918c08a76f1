/*
 * What ends a WFE that found the event register clear (Arm ARM D1.16.1
 * "Wait for Event"), for the board's cpu loop: an event (SEV on any CPU,
 * an interrupt line rising: CPUARMState.event_reg), a deliverable
 * interrupt, the timer event stream (CNTKCTL_EL1/CNTHCTL_EL2.EVNTEN), or
 * the clearing of this CPU's global exclusive monitor by another CPU's
 * store.  Stores are not tracked, so the last one is found by looking at
 * the monitored bytes: the loop re-checks them every ARM_WFE_MONITOR_NS
 * while the CPU sleeps with its monitor armed.  Every check errs on the
 * side of waking: a WFE may always complete spuriously.
 *
 * Public functions: arm_wfe_prepare, arm_wfe_done.
 */
#ifndef TARGET_ARM_WFE_H
#define TARGET_ARM_WFE_H

#include <stdbool.h>
#include <stdint.h>
#include "target-arm/cpu.h"

/* How often a sleeping CPU looks at the value its exclusive monitor watches. */
#define ARM_WFE_MONITOR_NS 50000

typedef struct ArmWfeWait {
    int64_t stream_ns;      /* the event stream's next event (clock_now_ns time), or -1 */
    bool watch;             /* the monitor is armed on RAM: poll pa */
    uint64_t pa;            /* physical address of the first 8-byte word */
    unsigned nwords;        /* 1, or 2 for an X-register pair */
    unsigned shift;         /* where the monitored bytes start in the first word */
    uint64_t mask;          /* the monitored bits, once shifted down */
} ArmWfeWait;

/* When the CPU starts waiting (its own thread): what will end the wait. */
void arm_wfe_prepare(CPUARMState *env, ArmWfeWait *w);
/*
 * Should the WFE complete now?  now: clock_now_ns().  Consumes the event
 * register when that is the reason; any thread holding the board's CPU
 * lock (the CPU itself is not running).
 */
bool arm_wfe_done(CPUARMState *env, const ArmWfeWait *w, int64_t now);

#endif
