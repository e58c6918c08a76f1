/* WFE wake-up events: see target-arm/wfe.h. */
#include "target-arm/wfe.h"

#include "accel/exec.h"
#include "hw/arm-timer.h"
#include "target-arm/exception.h"
#include "target-arm/mmu.h"
#include "target-arm/tlb-fill.h"

void arm_wfe_prepare(CPUARMState *env, ArmWfeWait *w)
{
    uint64_t va = env->excl_addr, pa;
    unsigned size = env->excl_size, prot, page_bits;

    w->stream_ns = env->timer ? arm_timer_next_event_ns(env->timer) : -1;
    w->watch = false;
    /*
     * The monitor is armed by LDXR/LDXP (excl_size set with it) and opened
     * by STXR, CLREX and exceptions.  Its address is virtual: translate it
     * once now, a probe that records no fault; nothing can remap it
     * without this CPU running (a TLBI by another CPU while we sleep
     * would only leave us watching the old page, and the event stream or
     * an IPI still ends the wait).
     */
    if (va == UINT64_MAX || !env->mmu_phys || (size != 1 && size != 2 && size != 4 && size != 8 && size != 16)) {
        return;
    }
    if (!arm_tlb_fill(env, va, EXEC_ACCESS_READ, arm_current_mmu_idx(env), true, &pa, &prot, &page_bits)) {
        return;
    }
    w->pa = pa & ~7ull;
    w->nwords = size == 16 ? 2 : 1;
    w->shift = (unsigned)(pa & 7) * 8;
    w->mask = size >= 8 ? UINT64_MAX : (1ull << (size * 8)) - 1;
    w->watch = true;
}

/*
 * Did another CPU change the monitored bytes since LDXR read them?  That
 * is when its store would have cleared our global monitor.  (A store of
 * the same value goes unseen: the event stream or the next poll of a
 * later change covers it, as for STXR's compare-and-swap.)  Memory that
 * cannot be read any more counts as changed.
 */
static bool monitor_changed(const CPUARMState *env, const ArmWfeWait *w)
{
    const ArmMMUPhys *phys = env->mmu_phys;
    uint64_t word;

    if (!phys->read64(phys->opaque, w->pa, &word)) {
        return true;
    }
    if (((word >> w->shift) & w->mask) != (env->excl_val & w->mask)) {
        return true;
    }
    if (w->nwords == 2) {
        if (!phys->read64(phys->opaque, w->pa + 8, &word)) {
            return true;
        }
        return word != env->excl_val2;
    }
    return false;
}

bool arm_wfe_done(CPUARMState *env, const ArmWfeWait *w, int64_t now)
{
    /* The event that ends the wait is consumed by it, as the WFE would have cleared it. */
    if (__atomic_exchange_n(&env->event_reg, 0u, __ATOMIC_SEQ_CST)) {
        return true;
    }
    if (arm_cpu_irq_pending(env) >= 0) {
        return true;
    }
    if (w->stream_ns >= 0 && now >= w->stream_ns) {
        return true;
    }
    return w->watch && monitor_changed(env, w);
}
