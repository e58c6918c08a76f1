/*
 * The system register table and its access rules: see sysregs.h.  Register
 * names, encodings and reset values follow the Arm ARM D17 (AArch64 system
 * register descriptions); the timer registers forward to hw/arm-timer.
 */
#include <assert.h>
#include <stddef.h>
#include <string.h>
#include "accel/softmmu.h"
#include "hw/arm-timer.h"
#include "target-arm/exception.h"
#include "target-arm/helpers.h"
#include "target-arm/sysregs.h"
#include "target-arm/tlb-fill.h"
#include "target-arm/translate.h"

ArmTlbFlushHooks arm_tlb_flush_hooks;

/*
 * The timer model lives in hw/, which only the system program links.  The
 * references below are weak so that aarch64-user (whose env->timer is
 * always NULL) does not pull hw/arm-timer.o and its libfdt/glib needs
 * into its static link; whatever sets env->timer has linked the model.
 */
#pragma weak arm_timer_read_cntpct
#pragma weak arm_timer_read_cntvct
#pragma weak arm_timer_get_ctl
#pragma weak arm_timer_set_ctl
#pragma weak arm_timer_get_cval
#pragma weak arm_timer_set_cval
#pragma weak arm_timer_get_tval
#pragma weak arm_timer_set_tval
#pragma weak arm_timer_get_cntvoff
#pragma weak arm_timer_set_cntvoff
#pragma weak arm_timer_get_cntkctl
#pragma weak arm_timer_set_cntkctl
#pragma weak arm_timer_get_cnthctl
#pragma weak arm_timer_set_cnthctl
#pragma weak arm_timer_get_cntfrq
#pragma weak arm_timer_set_cntfrq

/*
 * The timer model runs under the board's I/O lock (hw/arm-timer.h): the
 * main loop fires its deadlines under it, and a timer's output reaches
 * the GIC and the CPUs' interrupt lines.  A vCPU's register access takes
 * it too.  No lock is held here already (system-register helpers run
 * outside any device callback), and the lock is recursive anyway; its
 * order is I/O lock, then the clock's and the vCPUs' own locks, as in the
 * main loop.  Weak for the same reason as above: the lock lives in the
 * softmmu, which aarch64-user does not link; env->timer is set only where
 * it is linked.  The counters (CNTPCT/CNTVCT) are read without it: they
 * only read the clock.
 */
#pragma weak softmmu_io_lock
#pragma weak softmmu_io_unlock

static void timer_lock(void)
{
    if (softmmu_io_lock) {   /* absent in unit tests that wire a timer without a board */
        softmmu_io_lock();
    }
}

static void timer_unlock(void)
{
    if (softmmu_io_unlock) {
        softmmu_io_unlock();
    }
}

void arm_tlb_flush_local(CPUARMState *env)
{
    if (arm_tlb_flush_hooks.all) {
        arm_tlb_flush_hooks.all(env, (1u << ARM_MMU_IDX_COUNT) - 1, false);
    }
}

/* --- TB flags --- */

/*
 * D17.2.30 CPACR_EL1.FPEN, CPTR_EL2.TFP, CPTR_EL3.TFP: the EL an FP access
 * at el traps to.  With HCR_EL2.E2H, CPTR_EL2 has CPACR_EL1's layout
 * (FPEN<21:20>) and traps EL2 too; EL0 under TGE then skips CPACR_EL1,
 * whose EL1&0 regime is not in use.
 */
static unsigned fp_trap_el(const CPUARMState *env, unsigned el)
{
    unsigned fpen = (unsigned)(env->cpacr_el1 >> 20) & 3;
    bool e2h = arm_e2h(env);

    if (el <= 1 && !(el == 0 && arm_el0_in_host(env))) {
        if (fpen == 0 || fpen == 2 || (fpen == 1 && el == 0)) {
            return el == 0 && env->has_el2 && (env->hcr_el2 & HCR_TGE) ? 2 : 1;
        }
    }
    if (el <= 2 && e2h) {
        unsigned fpen2 = (unsigned)(env->cptr_el2 >> 20) & 3;
        if (fpen2 == 0 || fpen2 == 2 || (fpen2 == 1 && el == 0 && (env->hcr_el2 & HCR_TGE))) {
            return 2;
        }
    } else if (el <= 2 && env->has_el2 && (env->cptr_el2 & (1u << 10))) {
        return 2;
    }
    if (env->has_el3 && (env->cptr_el3 & (1u << 10))) {
        return 3;
    }
    return 0;
}

/*
 * FEAT_PAuth/FEAT_BTI bits of the regime of el (EL0 uses SCTLR_EL1, or
 * SCTLR_EL2 in the EL2&0 regime under HCR_EL2.{E2H,TGE}).  User mode has
 * them too, from the SCTLR_EL1 that arm_cpu_reset_user and prctl keep as
 * Linux would.
 */
_Static_assert(ARM_TBF_EnIA == 1ull << 30 && ARM_TBF_EnIB == 1ull << 31 && ARM_TBF_EnDA == 1ull << 32 &&
               ARM_TBF_EnDB == 1ull << 33 && ARM_TBF_BT == 1ull << 38, "pauth_bti_flags' bit moves");

static uint64_t pauth_bti_flags(const CPUARMState *env, unsigned el)
{
    bool host0 = el == 0 && env->sys_mode && arm_el0_in_host(env);
    uint64_t sctlr = env->sctlr_el[el == 0 ? (host0 ? 2 : 1) : el];
    uint64_t f;

    /* Called on every full block lookup: nothing to do for a CPU without these features. */
    if (env->sys_mode && !(env->id_aa64isar1 & 0xff0) && !(env->id_aa64pfr1 & 0xf) && !env->uao) {
        return 0;
    }
    /* EnIA<31> EnIB<30> EnDA<27> EnDB<13> -> TB flag bits 30-33, BT0<35>/BT1<36> -> 38. */
    f = (sctlr >> 31 & 1) << 30 | (sctlr >> 30 & 1) << 31 | (sctlr >> 27 & 1) << 32 | (sctlr >> 13 & 1) << 33 |
        (sctlr >> (el == 0 ? 35 : 36) & 1) << 38 | (uint64_t)(env->btype & 3) << ARM_TBF_BTYPE_SHIFT;
    if (!env->sys_mode) {
        return f;
    }
    /* D8.8 TrapPACUse: HCR_EL2.API traps EL0 (unless in host) and EL1, SCR_EL3.API EL0-EL2. */
    if (el <= 1 && !host0 && env->has_el2 && !(env->hcr_el2 & HCR_API)) {
        f |= 2ull << ARM_TBF_PACTRAP_SHIFT;
    } else if (el <= 2 && env->has_el3 && !(env->scr_el3 & SCR_API)) {
        f |= 3ull << ARM_TBF_PACTRAP_SHIFT;
    }
    /* The key registers exist from EL1: HCR_EL2.APK traps EL1, SCR_EL3.APK EL1 and EL2. */
    if (el == 1 && env->has_el2 && !(env->hcr_el2 & HCR_APK)) {
        f |= 2ull << ARM_TBF_APKTRAP_SHIFT;
    } else if ((el == 1 || el == 2) && env->has_el3 && !(env->scr_el3 & SCR_APK)) {
        f |= 3ull << ARM_TBF_APKTRAP_SHIFT;
    }
    if (env->uao) {
        f |= ARM_TBF_UAO;
    }
    return f;
}

uint64_t arm_tb_flags(const CPUARMState *env)
{
    uint64_t f;
    unsigned el = env->pstate_el;
    uint64_t sctlr;
    uint64_t kctl;
    bool host0;

    if (!env->sys_mode) {
        return pauth_bti_flags(env, 0);
    }
    /*
     * EL0 in the EL2&0 regime takes its controls from SCTLR_EL2 and from
     * CNTHCTL_EL2, whose E2H layout puts EL0PCTEN/EL0VCTEN/EL0VTEN/EL0PTEN
     * where CNTKCTL_EL1 has them.
     */
    host0 = el == 0 && arm_el0_in_host(env);
    sctlr = env->sctlr_el[host0 ? 2 : 1];
    if (host0) {
        kctl = env->timer ? arm_timer_get_cnthctl(env->timer) : 0;
    } else {
        kctl = env->timer ? arm_timer_get_cntkctl(env->timer) : env->cntkctl_el1;
    }
    f = ARM_TBF_SYS | (uint64_t)el << ARM_TBF_EL_SHIFT;
    if (env->spsel) {
        f |= ARM_TBF_SPSEL;
    }
    f |= (uint64_t)arm_current_mmu_idx(env) << ARM_TBF_MMU_SHIFT;
    f |= (uint64_t)fp_trap_el(env, el) << ARM_TBF_FPTRAP_SHIFT;
    if (env->sctlr_el[el ? el : (host0 ? 2 : 1)] & SCTLR_A) {
        f |= ARM_TBF_ALIGN;
    }
    if (el == 0) {
        f |= (sctlr & SCTLR_UCT) ? ARM_TBF_UCT : 0;
        f |= (sctlr & SCTLR_DZE) ? ARM_TBF_DZE : 0;
        f |= (sctlr & SCTLR_UCI) ? ARM_TBF_UCI : 0;
        f |= (sctlr & SCTLR_UMA) ? ARM_TBF_UMA : 0;
        f |= (sctlr & SCTLR_nTWI) ? ARM_TBF_nTWI : 0;
        f |= (sctlr & SCTLR_nTWE) ? ARM_TBF_nTWE : 0;
        /* D17.11.? CNTKCTL_EL1: EL0PCTEN<0> EL0VCTEN<1> EL0VTEN<8> EL0PTEN<9> */
        f |= (kctl & 1) ? ARM_TBF_EL0PCTEN : 0;
        f |= (kctl & 2) ? ARM_TBF_EL0VCTEN : 0;
        f |= (kctl & (1u << 8)) ? ARM_TBF_EL0VTEN : 0;
        f |= (kctl & (1u << 9)) ? ARM_TBF_EL0PTEN : 0;
    }
    if (env->has_el2) {
        f |= ARM_TBF_HAS_EL2;
        if (arm_e2h(env)) {
            f |= ARM_TBF_E2H;
        }
        if (env->hcr_el2 & HCR_TGE) {
            f |= ARM_TBF_TGE;
        }
        if (el <= 1 && !(env->hcr_el2 & HCR_TGE)) {
            f |= (env->hcr_el2 & HCR_TWI) ? ARM_TBF_TWI : 0;
            f |= (env->hcr_el2 & HCR_TWE) ? ARM_TBF_TWE : 0;
        }
        if (el == 1) {
            f |= (env->hcr_el2 & HCR_TVM) ? ARM_TBF_TVM : 0;
            f |= (env->hcr_el2 & HCR_TRVM) ? ARM_TBF_TRVM : 0;
            f |= (env->hcr_el2 & HCR_TID3) ? ARM_TBF_TID3 : 0;
            f |= (env->hcr_el2 & HCR_TSC) ? ARM_TBF_TSC : 0;
        }
    }
    if (env->has_el3) {
        f |= ARM_TBF_HAS_EL3;
    }
    if (env->il) {
        f |= ARM_TBF_IL;
    }
    if (env->pan) {
        f |= ARM_TBF_PAN;
    }
    return f | pauth_bti_flags(env, el);
}

/* --- read/write functions of registers with side effects --- */

static uint64_t rd_field(CPUARMState *env, const ArmSysReg *r)
{
    return *(uint64_t *)((char *)env + r->offset);
}

/* SCTLR/TCR/TTBR/HCR/SCR: the translation changes, so does every cached TLB entry. */
static void wr_field_flush_tlb(CPUARMState *env, const ArmSysReg *r, uint64_t v)
{
    uint64_t *p = (uint64_t *)((char *)env + r->offset);

    if (*p != v) {
        *p = v;
        arm_tlb_flush_local(env);
    }
}

static uint64_t rd_daif(CPUARMState *env, const ArmSysReg *r)
{
    return env->daif;
}

static void wr_daif(CPUARMState *env, const ArmSysReg *r, uint64_t v)
{
    env->daif = (uint32_t)v & PSTATE_DAIF;
}

static uint64_t rd_spsel(CPUARMState *env, const ArmSysReg *r)
{
    return env->spsel;
}

static void wr_spsel(CPUARMState *env, const ArmSysReg *r, uint64_t v)
{
    arm_set_el_sp(env, env->pstate_el, v & 1);
}

/* D17.2 UAO: PSTATE.UAO at bit 23. */
static uint64_t rd_uao(CPUARMState *env, const ArmSysReg *r)
{
    return env->uao ? PSTATE_UAO : 0;
}

static void wr_uao(CPUARMState *env, const ArmSysReg *r, uint64_t v)
{
    env->uao = (v & PSTATE_UAO) ? 1 : 0;
}

static uint64_t rd_pan(CPUARMState *env, const ArmSysReg *r)
{
    return env->pan ? PSTATE_PAN : 0;
}

static void wr_pan(CPUARMState *env, const ArmSysReg *r, uint64_t v)
{
    env->pan = (v & PSTATE_PAN) ? 1 : 0;
}

/* D17.2.? DCZID_EL0.DZP<4> tells EL0 whether DC ZVA is prohibited (SCTLR_EL1.DZE). */
static uint64_t rd_dczid(CPUARMState *env, const ArmSysReg *r)
{
    uint64_t v = env->dczid_el0 & 0xf;

    if (env->pstate_el == 0 && !(env->sctlr_el[arm_el0_in_host(env) ? 2 : 1] & SCTLR_DZE)) {
        v |= 1u << 4;
    }
    return v;
}

static uint64_t rd_ccsidr(CPUARMState *env, const ArmSysReg *r)
{
    return env->ccsidr[env->csselr_el1 & 0xf];
}

static void wr_csselr(CPUARMState *env, const ArmSysReg *r, uint64_t v)
{
    env->csselr_el1 = v & 0xf;
}

/* D17.2.84 ISR_EL1: A<8> I<7> F<6> pending (before PSTATE masking, after routing). */
static uint64_t rd_isr(CPUARMState *env, const ArmSysReg *r)
{
    uint64_t v = 0;
    bool to_el2_irq = env->has_el2 && (env->hcr_el2 & HCR_IMO);
    bool to_el2_fiq = env->has_el2 && (env->hcr_el2 & HCR_FMO);
    bool to_el2_ea = env->has_el2 && (env->hcr_el2 & HCR_AMO);

    if (env->pstate_el == 1 && to_el2_irq) {
        v |= (env->hcr_el2 & HCR_VI) ? 1u << 7 : 0;
    } else if (env->irq_line) {
        v |= 1u << 7;
    }
    if (env->pstate_el == 1 && to_el2_fiq) {
        v |= (env->hcr_el2 & HCR_VF) ? 1u << 6 : 0;
    } else if (env->fiq_line) {
        v |= 1u << 6;
    }
    if (env->pstate_el == 1 && to_el2_ea) {
        v |= (env->hcr_el2 & HCR_VSE) ? 1u << 8 : 0;
    } else if (env->serror_line) {
        v |= 1u << 8;
    }
    return v;
}

/* D17.3 OS lock: OSLAR_EL1.OSLK sets OSLSR_EL1.OSLK<1>; OSLM = 0b10 (OSLSR bit 3). */
static void wr_oslar(CPUARMState *env, const ArmSysReg *r, uint64_t v)
{
    env->oslsr_el1 = (env->oslsr_el1 & ~2ull) | ((v & 1) << 1);
}

static void wr_sp_el0(CPUARMState *env, const ArmSysReg *r, uint64_t v)
{
    env->sp_el[0] = v;
}

/* --- generic timer (D11, D17.11): forwarded to hw/arm-timer when the board wired one --- */

static ArmTimerKind timer_kind(const ArmSysReg *r)
{
    if (r->op1 == 3) {
        return r->crm == 2 ? ARM_TIMER_PHYS : ARM_TIMER_VIRT;
    }
    if (r->op1 == 4) {
        return r->crm == 2 ? ARM_TIMER_HYP : ARM_TIMER_HYPV;
    }
    return ARM_TIMER_SEC;
}

static uint64_t rd_cntfrq(CPUARMState *env, const ArmSysReg *r)
{
    return env->timer ? arm_timer_get_cntfrq(env->timer) : ARM_CNTFRQ_HZ;
}

static void wr_cntfrq(CPUARMState *env, const ArmSysReg *r, uint64_t v)
{
    if (env->timer) {
        timer_lock();
        arm_timer_set_cntfrq(env->timer, v);
        timer_unlock();
    }
}

static uint64_t rd_cntpct(CPUARMState *env, const ArmSysReg *r)
{
    return env->timer ? arm_timer_read_cntpct(env->timer) : helper_cntvct();
}

/*
 * D17.11 CNTVCT_EL0: in the EL2&0 regime (EL2 with E2H, EL0 under
 * E2H+TGE) the virtual offset is zero and the virtual count is the
 * physical one.
 */
static uint64_t rd_cntvct(CPUARMState *env, const ArmSysReg *r)
{
    bool in_host = (env->pstate_el == 2 && arm_e2h(env)) || (env->pstate_el == 0 && arm_el0_in_host(env));

    if (env->timer && in_host) {
        return arm_timer_read_cntpct(env->timer);
    }
    return env->timer ? arm_timer_read_cntvct(env->timer) : helper_cntvct();
}

static uint64_t rd_timer(CPUARMState *env, const ArmSysReg *r)
{
    ArmTimerKind k = timer_kind(r);
    uint64_t v;

    if (!env->timer) {
        return 0;
    }
    timer_lock();
    switch (r->op2) {
    case 0:
        v = arm_timer_get_tval(env->timer, k);
        break;
    case 1:
        v = arm_timer_get_ctl(env->timer, k);
        break;
    default:
        v = arm_timer_get_cval(env->timer, k);
        break;
    }
    timer_unlock();
    return v;
}

static void wr_timer(CPUARMState *env, const ArmSysReg *r, uint64_t v)
{
    ArmTimerKind k = timer_kind(r);

    if (!env->timer) {
        return;
    }
    timer_lock();
    switch (r->op2) {
    case 0:
        arm_timer_set_tval(env->timer, k, v);
        break;
    case 1:
        arm_timer_set_ctl(env->timer, k, v);
        break;
    default:
        arm_timer_set_cval(env->timer, k, v);
        break;
    }
    timer_unlock();
}

static uint64_t rd_cntkctl(CPUARMState *env, const ArmSysReg *r)
{
    return env->timer ? arm_timer_get_cntkctl(env->timer) : env->cntkctl_el1;
}

static void wr_cntkctl(CPUARMState *env, const ArmSysReg *r, uint64_t v)
{
    env->cntkctl_el1 = v & 0x3ff;
    if (env->timer) {
        timer_lock();
        arm_timer_set_cntkctl(env->timer, v);
        timer_unlock();
    }
}

static uint64_t rd_cntvoff(CPUARMState *env, const ArmSysReg *r)
{
    return env->timer ? arm_timer_get_cntvoff(env->timer) : 0;
}

static void wr_cntvoff(CPUARMState *env, const ArmSysReg *r, uint64_t v)
{
    if (env->timer) {
        timer_lock();   /* moves the virtual timer's deadline */
        arm_timer_set_cntvoff(env->timer, v);
        timer_unlock();
    }
}

static uint64_t rd_cnthctl(CPUARMState *env, const ArmSysReg *r)
{
    return env->timer ? arm_timer_get_cnthctl(env->timer) : 0;
}

static void wr_cnthctl(CPUARMState *env, const ArmSysReg *r, uint64_t v)
{
    if (env->timer) {
        timer_lock();
        arm_timer_set_cnthctl(env->timer, v);
        timer_unlock();
    }
}

/*
 * HCR_EL2: E2H<34> is RES0 without FEAT_VHE (ID_AA64MMFR1_EL1.VH), so
 * software probing for it reads 0 back.  The translation of EL2 (and of
 * EL0 under TGE) follows E2H and TGE, so the TLB goes on any change.
 */
static void wr_hcr(CPUARMState *env, const ArmSysReg *r, uint64_t v)
{
    if (!((env->id_aa64mmfr1 >> 8) & 0xf)) {
        v &= ~HCR_E2H;
    }
    wr_field_flush_tlb(env, r, v);
}

/* --- the table --- */

#define OFF(f) ((int32_t)offsetof(CPUARMState, f))
#define ENC(a, b, c, d, e) .op0 = a, .op1 = b, .crn = c, .crm = d, .op2 = e
/* Plain 64-bit register in env, read/write from el, reset value. */
#define F64(nm, a, b, c, d, e, el, fld, rst, fl) \
    { .name = nm, ENC(a, b, c, d, e), .read_el = el, .write_el = el, .kind = ARM_SRK_FIELD64, \
      .flags = (fl), .offset = OFF(fld), .reset = (rst) }
/* Read-only 64-bit value in env (ID registers). */
#define RO64(nm, a, b, c, d, e, el, fld, fl) \
    { .name = nm, ENC(a, b, c, d, e), .read_el = el, .write_el = ARM_SR_NEVER, \
      .kind = ARM_SRK_FIELD64, .flags = (fl), .offset = OFF(fld) }
/* Read-as-value, writes ignored (RAZ/WI when value 0). */
#define CONSTV(nm, a, b, c, d, e, rel, wel, val, fl) \
    { .name = nm, ENC(a, b, c, d, e), .read_el = rel, .write_el = wel, .kind = ARM_SRK_CONST, \
      .flags = (fl), .reset = (val) }
/* Functions. */
#define FN(nm, a, b, c, d, e, rel, wel, rd, wr, fl) \
    { .name = nm, ENC(a, b, c, d, e), .read_el = rel, .write_el = wel, .kind = ARM_SRK_FUNC, \
      .flags = (fl), .read = rd, .write = wr }
/* A field whose writes go through a function (reads inline). */
#define FW(nm, a, b, c, d, e, el, fld, rst, wr, fl) \
    { .name = nm, ENC(a, b, c, d, e), .read_el = el, .write_el = el, .kind = ARM_SRK_FUNC, \
      .flags = (fl), .offset = OFF(fld), .reset = (rst), .read = rd_field, .write = wr }

#define DBG4(n)                                                                      \
    F64("DBGBVR" #n "_EL1", 2, 0, 0, n, 4, 1, dbgbvr[n], 0, 0),                      \
    F64("DBGBCR" #n "_EL1", 2, 0, 0, n, 5, 1, dbgbcr[n], 0, 0),                      \
    F64("DBGWVR" #n "_EL1", 2, 0, 0, n, 6, 1, dbgwvr[n], 0, 0),                      \
    F64("DBGWCR" #n "_EL1", 2, 0, 0, n, 7, 1, dbgwcr[n], 0, 0)

#define TVM ARM_SRF_TVM
#define EL2 ARM_SRF_NEED_EL2
#define EL3 ARM_SRF_NEED_EL3
#define ID3 ARM_SRF_TID3

/* SCTLR_EL1 reset: RES1 bits 29:28, 23:22, 20, 11 (D17.2.118) with M, C, I off. */
#define SCTLR_EL1_RESET 0x30d00800ull
#define SCTLR_EL2_RESET 0x30c50830ull
#define SCTLR_EL3_RESET 0x30c50830ull

static const ArmSysReg sysregs[] = {
    /* D17.2 special-purpose registers (PSTATE views, banked SP/ELR/SPSR) */
    { .name = "NZCV", ENC(3, 3, 4, 2, 0), .read_el = 0, .write_el = 0, .kind = ARM_SRK_NZCV },
    FN("DAIF", 3, 3, 4, 2, 1, 1, 1, rd_daif, wr_daif, ARM_SRF_EL0_UMA | ARM_SRF_END_TB),
    { .name = "CurrentEL", ENC(3, 0, 4, 2, 2), .read_el = 1, .write_el = ARM_SR_NEVER,
      .kind = ARM_SRK_CURRENTEL },
    FN("SPSel", 3, 0, 4, 2, 0, 1, 1, rd_spsel, wr_spsel, ARM_SRF_END_TB),
    FN("PAN", 3, 0, 4, 2, 3, 1, 1, rd_pan, wr_pan, ARM_SRF_END_TB | ARM_SRF_PAN_FEAT),
    FN("UAO", 3, 0, 4, 2, 4, 1, 1, rd_uao, wr_uao, ARM_SRF_END_TB | ARM_SRF_UAO_FEAT),
    { .name = "FPCR", ENC(3, 3, 4, 4, 0), .read_el = 0, .write_el = 0, .kind = ARM_SRK_FIELD32,
      .flags = ARM_SRF_FP, .offset = OFF(fpcr) },
    { .name = "FPSR", ENC(3, 3, 4, 4, 1), .read_el = 0, .write_el = 0, .kind = ARM_SRK_FIELD32,
      .flags = ARM_SRF_FP, .offset = OFF(fpsr) },
    FW("SP_EL0", 3, 0, 4, 1, 0, 1, sp_el[0], 0, wr_sp_el0, ARM_SRF_SPSEL1),
    F64("SPSR_EL1", 3, 0, 4, 0, 0, 1, spsr_el[1], 0, 0),
    F64("ELR_EL1", 3, 0, 4, 0, 1, 1, elr_el[1], 0, 0),
    /* EL2 or EL3 reach it: it exists with either (min EL 2 keeps EL1 out). */
    F64("SP_EL1", 3, 4, 4, 1, 0, 2, sp_el[1], 0, 0),
    F64("SPSR_EL2", 3, 4, 4, 0, 0, 2, spsr_el[2], 0, EL2),
    F64("ELR_EL2", 3, 4, 4, 0, 1, 2, elr_el[2], 0, EL2),
    F64("SP_EL2", 3, 6, 4, 1, 0, 3, sp_el[2], 0, EL3),
    F64("SPSR_EL3", 3, 6, 4, 0, 0, 3, spsr_el[3], 0, EL3),
    F64("ELR_EL3", 3, 6, 4, 0, 1, 3, elr_el[3], 0, EL3),
    /* AArch32 banked SPSRs: RAZ/WI as AArch32 is not implemented. */
    CONSTV("SPSR_irq", 3, 4, 4, 3, 0, 2, 2, 0, EL2),
    CONSTV("SPSR_abt", 3, 4, 4, 3, 1, 2, 2, 0, EL2),
    CONSTV("SPSR_und", 3, 4, 4, 3, 2, 2, 2, 0, EL2),
    CONSTV("SPSR_fiq", 3, 4, 4, 3, 3, 2, 2, 0, EL2),

    /* D17.2 identification */
    RO64("MIDR_EL1", 3, 0, 0, 0, 0, 1, midr, 0),
    RO64("MPIDR_EL1", 3, 0, 0, 0, 5, 1, mpidr, 0),
    RO64("REVIDR_EL1", 3, 0, 0, 0, 6, 1, revidr, 0),
    RO64("ID_AA64PFR0_EL1", 3, 0, 0, 4, 0, 1, id_aa64pfr0, ID3),
    RO64("ID_AA64PFR1_EL1", 3, 0, 0, 4, 1, 1, id_aa64pfr1, ID3),
    RO64("ID_AA64ZFR0_EL1", 3, 0, 0, 4, 4, 1, id_aa64zfr0, ID3),
    RO64("ID_AA64DFR0_EL1", 3, 0, 0, 5, 0, 1, id_aa64dfr0, ID3),
    RO64("ID_AA64ISAR0_EL1", 3, 0, 0, 6, 0, 1, id_aa64isar0, ID3),
    RO64("ID_AA64ISAR1_EL1", 3, 0, 0, 6, 1, 1, id_aa64isar1, ID3),
    RO64("ID_AA64MMFR0_EL1", 3, 0, 0, 7, 0, 1, id_aa64mmfr0, ID3),
    RO64("ID_AA64MMFR1_EL1", 3, 0, 0, 7, 1, 1, id_aa64mmfr1, ID3),
    RO64("ID_AA64MMFR2_EL1", 3, 0, 0, 7, 2, 1, id_aa64mmfr2, ID3),
    RO64("CTR_EL0", 3, 3, 0, 0, 1, 1, ctr_el0, ARM_SRF_EL0_UCT),
    FN("DCZID_EL0", 3, 3, 0, 0, 7, 0, ARM_SR_NEVER, rd_dczid, NULL, 0),
    RO64("CLIDR_EL1", 3, 1, 0, 0, 1, 1, clidr_el1, 0),
    RO64("AIDR_EL1", 3, 1, 0, 0, 7, 1, aidr_el1, 0),
    FN("CCSIDR_EL1", 3, 1, 0, 0, 0, 1, ARM_SR_NEVER, rd_ccsidr, NULL, 0),
    FW("CSSELR_EL1", 3, 2, 0, 0, 0, 1, csselr_el1, 0, wr_csselr, 0),
    F64("VPIDR_EL2", 3, 4, 0, 0, 0, 2, vpidr_el2, 0, EL2),
    F64("VMPIDR_EL2", 3, 4, 0, 0, 5, 2, vmpidr_el2, 0, EL2),

    /* D17.2 EL1 system control and the translation registers */
    FW("SCTLR_EL1", 3, 0, 1, 0, 0, 1, sctlr_el[1], SCTLR_EL1_RESET, wr_field_flush_tlb,
       TVM | ARM_SRF_END_TB),
    F64("ACTLR_EL1", 3, 0, 1, 0, 1, 1, actlr_el[1], 0, 0),
    F64("CPACR_EL1", 3, 0, 1, 0, 2, 1, cpacr_el1, 0, ARM_SRF_END_TB),
    FW("TTBR0_EL1", 3, 0, 2, 0, 0, 1, ttbr0_el[1], 0, wr_field_flush_tlb, TVM),
    FW("TTBR1_EL1", 3, 0, 2, 0, 1, 1, ttbr1_el[1], 0, wr_field_flush_tlb, TVM),
    FW("TCR_EL1", 3, 0, 2, 0, 2, 1, tcr_el[1], 0, wr_field_flush_tlb, TVM),
    F64("AFSR0_EL1", 3, 0, 5, 1, 0, 1, afsr0_el[1], 0, TVM),
    F64("AFSR1_EL1", 3, 0, 5, 1, 1, 1, afsr1_el[1], 0, TVM),
    F64("ESR_EL1", 3, 0, 5, 2, 0, 1, esr_el[1], 0, TVM),
    F64("FAR_EL1", 3, 0, 6, 0, 0, 1, far_el[1], 0, TVM),
    F64("PAR_EL1", 3, 0, 7, 4, 0, 1, par_el1, 0, 0),
    FW("MAIR_EL1", 3, 0, 10, 2, 0, 1, mair_el[1], 0, wr_field_flush_tlb, TVM),
    F64("AMAIR_EL1", 3, 0, 10, 3, 0, 1, amair_el[1], 0, TVM),
    F64("VBAR_EL1", 3, 0, 12, 0, 0, 1, vbar_el[1], 0, 0),
    FN("ISR_EL1", 3, 0, 12, 1, 0, 1, ARM_SR_NEVER, rd_isr, NULL, 0),
    F64("CONTEXTIDR_EL1", 3, 0, 13, 0, 1, 1, contextidr_el1, 0, TVM),
    F64("TPIDR_EL1", 3, 0, 13, 0, 4, 1, tpidr_el[1], 0, 0),
    F64("TPIDR_EL0", 3, 3, 13, 0, 2, 0, tpidr_el0, 0, 0),
    { .name = "TPIDRRO_EL0", ENC(3, 3, 13, 0, 3), .read_el = 0, .write_el = 1,
      .kind = ARM_SRK_FIELD64, .offset = OFF(tpidrro_el0) },
    /* D17.2 FEAT_PAuth keys: EL1 registers, trapped by HCR_EL2.APK and SCR_EL3.APK. */
    F64("APIAKeyLo_EL1", 3, 0, 2, 1, 0, 1, apkey[0][0], 0, ARM_SRF_PAUTH_KEY),
    F64("APIAKeyHi_EL1", 3, 0, 2, 1, 1, 1, apkey[0][1], 0, ARM_SRF_PAUTH_KEY),
    F64("APIBKeyLo_EL1", 3, 0, 2, 1, 2, 1, apkey[1][0], 0, ARM_SRF_PAUTH_KEY),
    F64("APIBKeyHi_EL1", 3, 0, 2, 1, 3, 1, apkey[1][1], 0, ARM_SRF_PAUTH_KEY),
    F64("APDAKeyLo_EL1", 3, 0, 2, 2, 0, 1, apkey[2][0], 0, ARM_SRF_PAUTH_KEY),
    F64("APDAKeyHi_EL1", 3, 0, 2, 2, 1, 1, apkey[2][1], 0, ARM_SRF_PAUTH_KEY),
    F64("APDBKeyLo_EL1", 3, 0, 2, 2, 2, 1, apkey[3][0], 0, ARM_SRF_PAUTH_KEY),
    F64("APDBKeyHi_EL1", 3, 0, 2, 2, 3, 1, apkey[3][1], 0, ARM_SRF_PAUTH_KEY),
    F64("APGAKeyLo_EL1", 3, 0, 2, 3, 0, 1, apkey[4][0], 0, ARM_SRF_PAUTH_KEY),
    F64("APGAKeyHi_EL1", 3, 0, 2, 3, 1, 1, apkey[4][1], 0, ARM_SRF_PAUTH_KEY),
    /* FEAT_LOR: no limited-ordering regions (LORID_EL1 = 0), the others stored as RAZ/WI. */
    CONSTV("LORSA_EL1", 3, 0, 10, 4, 0, 1, 1, 0, ARM_SRF_LOR_FEAT),
    CONSTV("LOREA_EL1", 3, 0, 10, 4, 1, 1, 1, 0, ARM_SRF_LOR_FEAT),
    CONSTV("LORN_EL1", 3, 0, 10, 4, 2, 1, 1, 0, ARM_SRF_LOR_FEAT),
    CONSTV("LORC_EL1", 3, 0, 10, 4, 3, 1, 1, 0, ARM_SRF_LOR_FEAT),
    CONSTV("LORID_EL1", 3, 0, 10, 4, 7, 1, ARM_SR_NEVER, 0, ARM_SRF_LOR_FEAT),

    /* D17.3 debug: stored, no debug events generated yet; OS lock; no DCC */
    F64("MDSCR_EL1", 2, 0, 0, 2, 2, 1, mdscr_el1, 0, 0),
    F64("MDCCINT_EL1", 2, 0, 0, 2, 0, 1, mdccint_el1, 0, 0),
    CONSTV("MDCCSR_EL0", 2, 3, 0, 1, 0, 1, ARM_SR_NEVER, 0, 0),
    CONSTV("MDRAR_EL1", 2, 0, 1, 0, 0, 1, ARM_SR_NEVER, 0, 0),
    FN("OSLAR_EL1", 2, 0, 1, 0, 4, ARM_SR_NEVER, 1, NULL, wr_oslar, 0),
    { .name = "OSLSR_EL1", ENC(2, 0, 1, 1, 4), .read_el = 1, .write_el = ARM_SR_NEVER,
      .kind = ARM_SRK_FIELD64, .offset = OFF(oslsr_el1), .reset = 0xa },
    F64("OSDLR_EL1", 2, 0, 1, 3, 4, 1, osdlr_el1, 0, 0),
    CONSTV("OSECCR_EL1", 2, 0, 0, 6, 2, 1, 1, 0, 0),
    CONSTV("DBGPRCR_EL1", 2, 0, 1, 4, 4, 1, 1, 0, 0),
    CONSTV("DBGCLAIMSET_EL1", 2, 0, 7, 8, 6, 1, 1, 0xff, 0),
    CONSTV("DBGCLAIMCLR_EL1", 2, 0, 7, 9, 6, 1, 1, 0, 0),
    CONSTV("DBGAUTHSTATUS_EL1", 2, 0, 7, 14, 6, 1, ARM_SR_NEVER, 0xaa, 0),
    DBG4(0), DBG4(1), DBG4(2), DBG4(3), DBG4(4), DBG4(5), DBG4(6), DBG4(7),
    DBG4(8), DBG4(9), DBG4(10), DBG4(11), DBG4(12), DBG4(13), DBG4(14), DBG4(15),

    /* D17.11 generic timer */
    FN("CNTFRQ_EL0", 3, 3, 14, 0, 0, 1, 1, rd_cntfrq, wr_cntfrq, ARM_SRF_EL0_FRQ),
    FN("CNTPCT_EL0", 3, 3, 14, 0, 1, 1, ARM_SR_NEVER, rd_cntpct, NULL, ARM_SRF_EL0_PCT),
    FN("CNTVCT_EL0", 3, 3, 14, 0, 2, 1, ARM_SR_NEVER, rd_cntvct, NULL, ARM_SRF_EL0_VCT),
    FN("CNTP_TVAL_EL0", 3, 3, 14, 2, 0, 1, 1, rd_timer, wr_timer, ARM_SRF_EL0_PT),
    FN("CNTP_CTL_EL0", 3, 3, 14, 2, 1, 1, 1, rd_timer, wr_timer, ARM_SRF_EL0_PT),
    FN("CNTP_CVAL_EL0", 3, 3, 14, 2, 2, 1, 1, rd_timer, wr_timer, ARM_SRF_EL0_PT),
    FN("CNTV_TVAL_EL0", 3, 3, 14, 3, 0, 1, 1, rd_timer, wr_timer, ARM_SRF_EL0_VT),
    FN("CNTV_CTL_EL0", 3, 3, 14, 3, 1, 1, 1, rd_timer, wr_timer, ARM_SRF_EL0_VT),
    FN("CNTV_CVAL_EL0", 3, 3, 14, 3, 2, 1, 1, rd_timer, wr_timer, ARM_SRF_EL0_VT),
    FN("CNTKCTL_EL1", 3, 0, 14, 1, 0, 1, 1, rd_cntkctl, wr_cntkctl, ARM_SRF_END_TB),
    FN("CNTVOFF_EL2", 3, 4, 14, 0, 3, 2, 2, rd_cntvoff, wr_cntvoff, EL2),
    FN("CNTHCTL_EL2", 3, 4, 14, 1, 0, 2, 2, rd_cnthctl, wr_cnthctl, EL2 | ARM_SRF_END_TB),
    FN("CNTHP_TVAL_EL2", 3, 4, 14, 2, 0, 2, 2, rd_timer, wr_timer, EL2),
    FN("CNTHP_CTL_EL2", 3, 4, 14, 2, 1, 2, 2, rd_timer, wr_timer, EL2),
    FN("CNTHP_CVAL_EL2", 3, 4, 14, 2, 2, 2, 2, rd_timer, wr_timer, EL2),
    /* FEAT_VHE: the EL2 virtual timer. */
    FN("CNTHV_TVAL_EL2", 3, 4, 14, 3, 0, 2, 2, rd_timer, wr_timer, EL2 | ARM_SRF_VHE_FEAT),
    FN("CNTHV_CTL_EL2", 3, 4, 14, 3, 1, 2, 2, rd_timer, wr_timer, EL2 | ARM_SRF_VHE_FEAT),
    FN("CNTHV_CVAL_EL2", 3, 4, 14, 3, 2, 2, 2, rd_timer, wr_timer, EL2 | ARM_SRF_VHE_FEAT),
    FN("CNTPS_TVAL_EL1", 3, 7, 14, 2, 0, 3, 3, rd_timer, wr_timer, EL3),
    FN("CNTPS_CTL_EL1", 3, 7, 14, 2, 1, 3, 3, rd_timer, wr_timer, EL3),
    FN("CNTPS_CVAL_EL1", 3, 7, 14, 2, 2, 3, 3, rd_timer, wr_timer, EL3),

    /* D17.2 EL2 */
    FW("HCR_EL2", 3, 4, 1, 1, 0, 2, hcr_el2, 0, wr_hcr, EL2 | ARM_SRF_END_TB),
    FW("SCTLR_EL2", 3, 4, 1, 0, 0, 2, sctlr_el[2], SCTLR_EL2_RESET, wr_field_flush_tlb,
       EL2 | ARM_SRF_END_TB),
    F64("ACTLR_EL2", 3, 4, 1, 0, 1, 2, actlr_el[2], 0, EL2),
    F64("MDCR_EL2", 3, 4, 1, 1, 1, 2, mdcr_el2, 0, EL2),
    F64("CPTR_EL2", 3, 4, 1, 1, 2, 2, cptr_el2, 0x33ff, EL2 | ARM_SRF_END_TB),
    F64("HSTR_EL2", 3, 4, 1, 1, 3, 2, hstr_el2, 0, EL2),
    F64("HACR_EL2", 3, 4, 1, 1, 7, 2, hacr_el2, 0, EL2),
    FW("TTBR0_EL2", 3, 4, 2, 0, 0, 2, ttbr0_el[2], 0, wr_field_flush_tlb, EL2),
    FW("TTBR1_EL2", 3, 4, 2, 0, 1, 2, ttbr1_el[2], 0, wr_field_flush_tlb, EL2 | ARM_SRF_VHE_FEAT),
    FW("TCR_EL2", 3, 4, 2, 0, 2, 2, tcr_el[2], 0, wr_field_flush_tlb, EL2),
    FW("VTTBR_EL2", 3, 4, 2, 1, 0, 2, vttbr_el2, 0, wr_field_flush_tlb, EL2),
    FW("VTCR_EL2", 3, 4, 2, 1, 2, 2, vtcr_el2, 0, wr_field_flush_tlb, EL2),
    F64("AFSR0_EL2", 3, 4, 5, 1, 0, 2, afsr0_el[2], 0, EL2),
    F64("AFSR1_EL2", 3, 4, 5, 1, 1, 2, afsr1_el[2], 0, EL2),
    F64("ESR_EL2", 3, 4, 5, 2, 0, 2, esr_el[2], 0, EL2),
    F64("FAR_EL2", 3, 4, 6, 0, 0, 2, far_el[2], 0, EL2),
    F64("HPFAR_EL2", 3, 4, 6, 0, 4, 2, hpfar_el2, 0, EL2),
    FW("MAIR_EL2", 3, 4, 10, 2, 0, 2, mair_el[2], 0, wr_field_flush_tlb, EL2),
    F64("AMAIR_EL2", 3, 4, 10, 3, 0, 2, amair_el[2], 0, EL2),
    F64("VBAR_EL2", 3, 4, 12, 0, 0, 2, vbar_el[2], 0, EL2),
    F64("TPIDR_EL2", 3, 4, 13, 0, 2, 2, tpidr_el[2], 0, EL2),
    F64("CONTEXTIDR_EL2", 3, 4, 13, 0, 1, 2, contextidr_el2, 0, EL2 | ARM_SRF_VHE_FEAT),

    /* D17.2 EL3 */
    FW("SCR_EL3", 3, 6, 1, 1, 0, 3, scr_el3, 0, wr_field_flush_tlb, EL3 | ARM_SRF_END_TB),
    FW("SCTLR_EL3", 3, 6, 1, 0, 0, 3, sctlr_el[3], SCTLR_EL3_RESET, wr_field_flush_tlb,
       EL3 | ARM_SRF_END_TB),
    F64("ACTLR_EL3", 3, 6, 1, 0, 1, 3, actlr_el[3], 0, EL3),
    F64("CPTR_EL3", 3, 6, 1, 1, 2, 3, cptr_el3, 0, EL3 | ARM_SRF_END_TB),
    F64("MDCR_EL3", 3, 6, 1, 3, 1, 3, mdcr_el3, 0, EL3),
    FW("TTBR0_EL3", 3, 6, 2, 0, 0, 3, ttbr0_el[3], 0, wr_field_flush_tlb, EL3),
    FW("TCR_EL3", 3, 6, 2, 0, 2, 3, tcr_el[3], 0, wr_field_flush_tlb, EL3),
    F64("AFSR0_EL3", 3, 6, 5, 1, 0, 3, afsr0_el[3], 0, EL3),
    F64("AFSR1_EL3", 3, 6, 5, 1, 1, 3, afsr1_el[3], 0, EL3),
    F64("ESR_EL3", 3, 6, 5, 2, 0, 3, esr_el[3], 0, EL3),
    F64("FAR_EL3", 3, 6, 6, 0, 0, 3, far_el[3], 0, EL3),
    FW("MAIR_EL3", 3, 6, 10, 2, 0, 3, mair_el[3], 0, wr_field_flush_tlb, EL3),
    F64("AMAIR_EL3", 3, 6, 10, 3, 0, 3, amair_el[3], 0, EL3),
    F64("VBAR_EL3", 3, 6, 12, 0, 0, 3, vbar_el[3], 0, EL3),
    F64("TPIDR_EL3", 3, 6, 13, 0, 2, 3, tpidr_el[3], 0, EL3),
};

/*
 * D17.1.? The ID register space op0 3, op1 0, CRn 0, CRm 1-7 reads as zero
 * where nothing is allocated (AArch32 ID registers of an AArch64-only CPU,
 * and IDs of later architecture versions that software probes).
 */
static const ArmSysReg id_raz = CONSTV("ID_RAZ", 3, 0, 0, 1, 0, 1, ARM_SR_NEVER, 0, ID3);

#define NSYSREGS (sizeof(sysregs) / sizeof(sysregs[0]))

const ArmSysReg *arm_sysreg_find(unsigned op0, unsigned op1, unsigned crn, unsigned crm, unsigned op2)
{
    for (unsigned i = 0; i < NSYSREGS; i++) {
        const ArmSysReg *r = &sysregs[i];
        if (r->op0 == op0 && r->op1 == op1 && r->crn == crn && r->crm == crm && r->op2 == op2) {
            return r;
        }
    }
    if (op0 == 3 && op1 == 0 && crn == 0 && crm >= 1 && crm <= 7) {
        return &id_raz;
    }
    return NULL;
}

unsigned arm_sysreg_count(void)
{
    return NSYSREGS + 1;
}

const ArmSysReg *arm_sysreg_by_index(unsigned index)
{
    assert(index <= NSYSREGS);
    return index == NSYSREGS ? &id_raz : &sysregs[index];
}

unsigned arm_sysreg_index(const ArmSysReg *r)
{
    return r == &id_raz ? NSYSREGS : (unsigned)(r - sysregs);
}

/*
 * FEAT_VHE register redirection (see sysregs.h).  The EL1 registers that
 * E2H sends to EL2 have EL2 twins at the same CRn/CRm/op2 with op1 4; so
 * do the EL0 timers (op1 3), whose EL2 twins are CNTHP and CNTHV.  The
 * x_EL12 and x_EL02 aliases are these same encodings with op1 5.
 */
static bool e2h_redirected(unsigned op0, unsigned op1, unsigned crn, unsigned crm, unsigned op2)
{
    static const uint8_t el1_regs[][3] = {
        { 1, 0, 0 },  /* SCTLR */        { 1, 0, 2 },  /* CPACR -> CPTR_EL2 (C1, C1, 2) */
        { 2, 0, 0 },  /* TTBR0 */        { 2, 0, 1 },  /* TTBR1 */
        { 2, 0, 2 },  /* TCR */          { 4, 0, 0 },  /* SPSR */
        { 4, 0, 1 },  /* ELR */          { 5, 1, 0 },  /* AFSR0 */
        { 5, 1, 1 },  /* AFSR1 */        { 5, 2, 0 },  /* ESR */
        { 6, 0, 0 },  /* FAR */          { 10, 2, 0 }, /* MAIR */
        { 10, 3, 0 }, /* AMAIR */        { 12, 0, 0 }, /* VBAR */
        { 13, 0, 1 }, /* CONTEXTIDR */   { 14, 1, 0 }, /* CNTKCTL -> CNTHCTL_EL2 */
    };

    if (op0 != 3) {
        return false;
    }
    if (op1 == 3) {
        return crn == 14 && (crm == 2 || crm == 3) && op2 <= 2;   /* CNTP_x, CNTV_x */
    }
    if (op1 != 0) {
        return false;
    }
    for (unsigned i = 0; i < sizeof(el1_regs) / sizeof(el1_regs[0]); i++) {
        if (el1_regs[i][0] == crn && el1_regs[i][1] == crm && el1_regs[i][2] == op2) {
            return true;
        }
    }
    return false;
}

const ArmSysReg *arm_sysreg_lookup(unsigned op0, unsigned op1, unsigned crn, unsigned crm, unsigned op2,
                                   uint64_t f, const ArmSysReg **check)
{
    unsigned el = arm_tbf_el(f);
    bool e2h = (f & ARM_TBF_E2H) != 0;
    const ArmSysReg *r;

    *check = NULL;
    if (op0 == 3 && op1 == 5) {
        /* x_EL12 / x_EL02: the EL1 or EL0 register itself, from EL2 or EL3 with E2H only. */
        bool timer = crn == 14 && (crm == 2 || crm == 3);
        unsigned real_op1 = timer ? 3 : 0;
        if (!e2h || el < 2 || !e2h_redirected(op0, real_op1, crn, crm, op2)) {
            return NULL;
        }
        r = arm_sysreg_find(op0, real_op1, crn, crm, op2);
        *check = r;
        return r;
    }
    r = arm_sysreg_find(op0, op1, crn, crm, op2);
    *check = r;
    if (r && e2h && e2h_redirected(op0, op1, crn, crm, op2)) {
        bool el0_host = el == 0 && arm_tbf_mmu_idx(f) == ARM_MMU_IDX_E20_0 && op1 == 3;
        if (el == 2 || el0_host) {
            /* CPTR_EL2 is the one twin at another CRm (C1, C1, 2 for CPACR_EL1's C1, C0, 2). */
            bool cpacr = op1 == 0 && crn == 1 && crm == 0 && op2 == 2;
            const ArmSysReg *t = arm_sysreg_find(op0, 4, crn, cpacr ? 1 : crm, op2);
            assert(t);
            return t;
        }
    }
    return r;
}

/* The EL0 conditions (SCTLR_EL1.UCT/UMA, CNTKCTL_EL1.EL0*EN) of an entry under flags. */
static bool el0_allowed(const ArmSysReg *r, uint64_t f, bool isread)
{
    uint32_t fl = r->flags;

    if ((fl & ARM_SRF_EL0_UCT) && (f & ARM_TBF_UCT) && isread) {
        return true;
    }
    if ((fl & ARM_SRF_EL0_UMA) && (f & ARM_TBF_UMA)) {
        return true;
    }
    if ((fl & ARM_SRF_EL0_PCT) && (f & ARM_TBF_EL0PCTEN) && isread) {
        return true;
    }
    if ((fl & ARM_SRF_EL0_VCT) && (f & ARM_TBF_EL0VCTEN) && isread) {
        return true;
    }
    if ((fl & ARM_SRF_EL0_FRQ) && (f & (ARM_TBF_EL0PCTEN | ARM_TBF_EL0VCTEN)) && isread) {
        return true;
    }
    if ((fl & ARM_SRF_EL0_PT) && (f & ARM_TBF_EL0PTEN)) {
        return true;
    }
    if ((fl & ARM_SRF_EL0_VT) && (f & ARM_TBF_EL0VTEN)) {
        return true;
    }
    return false;
}

ArmSysRegAccess arm_sysreg_access(const ArmSysReg *r, uint64_t f, uint64_t features, bool isread)
{
    unsigned el = arm_tbf_el(f);
    unsigned min = isread ? r->read_el : r->write_el;

    if ((r->flags & ARM_SRF_PAN_FEAT) && !(features & ARM_FEATURE_PAN)) {
        return ARM_SRA_UNDEF;
    }
    if ((r->flags & ARM_SRF_LOR_FEAT) && !(features & ARM_FEATURE_LOR)) {
        return ARM_SRA_UNDEF;
    }
    if ((r->flags & ARM_SRF_PAUTH_KEY) && !(features & ARM_FEATURE_PAUTH)) {
        return ARM_SRA_UNDEF;
    }
    if ((r->flags & ARM_SRF_UAO_FEAT) && !(features & ARM_FEATURE_UAO)) {
        return ARM_SRA_UNDEF;
    }
    if ((r->flags & ARM_SRF_VHE_FEAT) && !(features & ARM_FEATURE_VHE)) {
        return ARM_SRA_UNDEF;
    }
    if ((r->flags & ARM_SRF_NEED_EL2) && !(f & ARM_TBF_HAS_EL2)) {
        return ARM_SRA_UNDEF;
    }
    if ((r->flags & ARM_SRF_NEED_EL3) && !(f & ARM_TBF_HAS_EL3)) {
        return ARM_SRA_UNDEF;
    }
    if (min == ARM_SR_NEVER) {
        return ARM_SRA_UNDEF;
    }
    if (el < min) {
        /*
         * EL0 access to a register that SCTLR_EL1 or CNTKCTL_EL1 can open
         * is trapped to EL1 (EC 0x18) when closed, which is how Linux
         * emulates CTR_EL0 or the counters for EL0; anything else is
         * UNDEFINED.
         */
        const uint32_t rw_conds = ARM_SRF_EL0_UMA | ARM_SRF_EL0_PT | ARM_SRF_EL0_VT;
        const uint32_t rd_conds = ARM_SRF_EL0_UCT | ARM_SRF_EL0_PCT | ARM_SRF_EL0_VCT | ARM_SRF_EL0_FRQ;
        if (el != 0) {
            return ARM_SRA_UNDEF;
        }
        if (!el0_allowed(r, f, isread)) {
            if ((r->flags & rw_conds) || ((r->flags & rd_conds) && isread)) {
                return ARM_SRA_TRAP_EL1;
            }
            return ARM_SRA_UNDEF;
        }
    }
    /* SP_EL0 is UNDEFINED while it is the current stack pointer (C5.2.19). */
    if ((r->flags & ARM_SRF_SPSEL1) && !(f & ARM_TBF_SPSEL)) {
        return ARM_SRA_UNDEF;
    }
    if ((r->flags & ARM_SRF_FP) && arm_tbf_fptrap(f)) {
        return ARM_SRA_FP_TRAP;
    }
    if (el == 1) {
        if ((r->flags & ARM_SRF_TVM) && ((isread && (f & ARM_TBF_TRVM)) || (!isread && (f & ARM_TBF_TVM)))) {
            return ARM_SRA_TRAP_EL2;
        }
        if ((r->flags & ARM_SRF_TID3) && isread && (f & ARM_TBF_TID3)) {
            return ARM_SRA_TRAP_EL2;
        }
    }
    if ((r->flags & ARM_SRF_PAUTH_KEY) && el < 3 && arm_tbf_apktrap(f)) {
        return arm_tbf_apktrap(f) == 2 ? ARM_SRA_TRAP_EL2 : ARM_SRA_TRAP_EL3;
    }
    return ARM_SRA_OK;
}

uint64_t arm_sysreg_read(CPUARMState *env, const ArmSysReg *r)
{
    switch (r->kind) {
    case ARM_SRK_FIELD64:
        return *(uint64_t *)((char *)env + r->offset);
    case ARM_SRK_FIELD32:
        return *(uint32_t *)((char *)env + r->offset);
    case ARM_SRK_CONST:
        return r->reset;
    case ARM_SRK_NZCV:
        return arm_get_nzcv(env);
    case ARM_SRK_CURRENTEL:
        return (uint64_t)env->pstate_el << 2;
    default:
        return r->read ? r->read(env, r) : 0;
    }
}

void arm_sysreg_write(CPUARMState *env, const ArmSysReg *r, uint64_t value)
{
    switch (r->kind) {
    case ARM_SRK_FIELD64:
        *(uint64_t *)((char *)env + r->offset) = value;
        break;
    case ARM_SRK_FIELD32:
        *(uint32_t *)((char *)env + r->offset) = (uint32_t)value;
        break;
    case ARM_SRK_NZCV:
        arm_set_nzcv(env, (uint32_t)value);
        break;
    case ARM_SRK_FUNC:
        if (r->write) {
            r->write(env, r, value);
        }
        break;
    default:
        break;
    }
}

void arm_sysregs_reset(CPUARMState *env)
{
    for (unsigned i = 0; i < NSYSREGS; i++) {
        const ArmSysReg *r = &sysregs[i];
        bool writable_field = r->kind == ARM_SRK_FIELD64 ||
                              (r->kind == ARM_SRK_FUNC && r->read == rd_field);
        if (writable_field && r->write_el != ARM_SR_NEVER) {
            *(uint64_t *)((char *)env + r->offset) = r->reset;
        }
    }
    env->oslsr_el1 = 0xa;   /* OSLM = 0b10, OSLK = 1: the OS lock is locked at cold reset */
}
