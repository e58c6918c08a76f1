/* AArch64 exception entry, return and interrupt logic: see exception.h. */
#include <assert.h>
#include "target-arm/exception.h"
#include "target-arm/tlb-fill.h"
#include "accel/exec.h"
#include "util/log.h"

uint32_t arm_pstate_read(const CPUARMState *env)
{
    return arm_get_nzcv(env) | (env->daif & PSTATE_DAIF) | (env->pan ? PSTATE_PAN : 0) |
           (env->uao ? PSTATE_UAO : 0) | (env->dit ? PSTATE_DIT : 0) | (env->ss ? PSTATE_SS : 0) |
           (env->il ? PSTATE_IL : 0) | (env->ssbs ? PSTATE_SSBS : 0) | env->pstate_el << 2 |
           (env->spsel & 1) | (env->btype & 3) << 10;   /* FEAT_BTI: SPSR.BTYPE<11:10> */
}

/* Index of sp_el[] that the current stack pointer belongs to. */
static unsigned sp_bank(unsigned el, unsigned spsel)
{
    return spsel ? el : 0;
}

void arm_set_el_sp(CPUARMState *env, unsigned el, unsigned spsel)
{
    assert(el <= 3);
    env->sp_el[sp_bank(env->pstate_el, env->spsel)] = env->sp;
    env->pstate_el = el;
    env->spsel = el == 0 ? 0 : (spsel & 1);
    env->sp = env->sp_el[sp_bank(env->pstate_el, env->spsel)];
}

void arm_cpu_set_el_config(CPUARMState *env, bool has_el2, bool has_el3)
{
    env->has_el2 = has_el2;
    env->has_el3 = has_el3;
    /* The CPU resets into its highest EL (D1.9), using SP_ELx with everything masked. */
    arm_set_el_sp(env, has_el3 ? 3 : has_el2 ? 2 : 1, 1);
    env->daif = PSTATE_DAIF;
    /* Without EL3, EL2/EL1 behave as if SCR_EL3.{NS,RW} = 1; likewise HCR_EL2.RW. */
    if (has_el3) {
        env->scr_el3 = 0;
    }
}

unsigned arm_sync_target_el(const CPUARMState *env)
{
    if (env->pstate_el == 0) {
        return env->has_el2 && (env->hcr_el2 & HCR_TGE) ? 2 : 1;
    }
    return env->pstate_el;
}

/* Does ESR's class record an address in FAR_ELx (D17.2.40)? */
static bool ec_has_far(unsigned ec)
{
    switch (ec) {
    case EC_INSN_ABORT_LOWER:
    case EC_INSN_ABORT_SAME:
    case EC_PC_ALIGN:
    case EC_DATA_ABORT_LOWER:
    case EC_DATA_ABORT_SAME:
    case EC_WATCHPOINT_LOWER:
    case EC_WATCHPOINT_SAME:
        return true;
    default:
        return false;
    }
}

/* D1.10.2: VBAR_ELx + the offset for where the exception comes from + 0x80 * type. */
void arm_take_exception(CPUARMState *env, ArmExcType type, uint32_t syndrome, uint64_t far,
                        unsigned target_el)
{
    unsigned cur = env->pstate_el;
    uint64_t offset;

    assert(target_el >= 1 && target_el <= 3 && target_el >= cur);
    assert(target_el != 2 || env->has_el2);
    assert(target_el != 3 || env->has_el3);

    if (target_el == cur) {
        offset = env->spsel ? 0x200 : 0x000;
    } else {
        offset = 0x400;     /* lower EL using AArch64 (AArch32 lower ELs do not exist here) */
    }
    offset += 0x80u * (unsigned)type;

    env->spsr_el[target_el] = arm_pstate_read(env);
    env->elr_el[target_el] = env->pc;
    if (type == ARM_EXCP_SYNC || type == ARM_EXCP_SERROR) {
        env->esr_el[target_el] = syndrome;
        if (type == ARM_EXCP_SYNC && ec_has_far(syndrome >> ARM_ESR_EC_SHIFT)) {
            env->far_el[target_el] = far;
        }
    }
    arm_set_el_sp(env, target_el, 1);
    env->daif = PSTATE_DAIF;
    env->ss = 0;
    env->il = 0;
    env->uao = 0;
    env->btype = 0;
    /*
     * PAN is set on entry to EL1 when SCTLR_EL1.SPAN is 0 (FEAT_PAN), and
     * on entry to EL2 in the EL2&0 host regime (E2H and TGE) when
     * SCTLR_EL2.SPAN is 0 (FEAT_VHE).
     */
    if ((target_el == 1 || (target_el == 2 && arm_el0_in_host(env))) &&
        !(env->sctlr_el[target_el] & SCTLR_SPAN) && (env->id_aa64mmfr1 >> 20 & 0xf)) {
        env->pan = 1;
    }
    env->ssbs = (env->sctlr_el[target_el] & SCTLR_DSSBS) ? 1 : 0;
    env->excl_addr = UINT64_MAX;   /* exception entry clears the local monitor */
    env->halted = ARM_HALT_NONE;
    /* D1.16.1: taking an exception is an event (the interrupt that caused it is one anyway). */
    __atomic_store_n(&env->event_reg, 1u, __ATOMIC_RELAXED);
    env->pc = env->vbar_el[target_el] + offset;
    emu_log_mask(LOG_INT, "exception %s to EL%u: ESR 0x%08x FAR 0x%llx ELR 0x%llx -> 0x%llx\n",
                 (const char *const[]){ "sync", "irq", "fiq", "serror" }[type & 3], target_el,
                 syndrome, (unsigned long long)env->far_el[target_el],
                 (unsigned long long)env->elr_el[target_el], (unsigned long long)env->pc);
}

/* D1.11.4 Illegal return events for an AArch64-only CPU. */
static bool illegal_return(const CPUARMState *env, uint32_t spsr)
{
    unsigned target = spsr >> 2 & 3;

    if (spsr & PSTATE_nRW) {
        return true;        /* AArch32 is not implemented */
    }
    if (spsr & 2) {
        return true;        /* M[1] is reserved */
    }
    if (target > env->pstate_el) {
        return true;
    }
    if ((target == 2 && !env->has_el2) || (target == 3 && !env->has_el3)) {
        return true;
    }
    if (target == 0 && (spsr & 1)) {
        return true;        /* EL0 has no SP_ELx */
    }
    if (target == 1 && env->has_el2 && (env->hcr_el2 & HCR_TGE) && env->pstate_el >= 2) {
        return true;        /* EL1 is not in use while HCR_EL2.TGE is set */
    }
    return false;
}

void arm_exception_return(CPUARMState *env)
{
    unsigned el = env->pstate_el;
    uint32_t spsr = (uint32_t)env->spsr_el[el];
    uint64_t new_pc = env->elr_el[el];

    assert(el >= 1);
    if (illegal_return(env, spsr)) {
        /* EL, SP and nRW stay; IL is set; the rest comes from SPSR. */
        env->il = 1;
    } else {
        env->il = (spsr & PSTATE_IL) ? 1 : 0;
        arm_set_el_sp(env, spsr >> 2 & 3, spsr & 1);
    }
    arm_set_nzcv(env, spsr);
    env->daif = spsr & PSTATE_DAIF;
    env->pan = (spsr & PSTATE_PAN) ? 1 : 0;
    env->uao = (spsr & PSTATE_UAO) ? 1 : 0;
    env->dit = (spsr & PSTATE_DIT) ? 1 : 0;
    env->ss = (spsr & PSTATE_SS) ? 1 : 0;
    env->ssbs = (spsr & PSTATE_SSBS) ? 1 : 0;
    env->btype = (env->id_aa64pfr1 & 0xf) ? (spsr >> 10) & 3 : 0;   /* FEAT_BTI */
    env->excl_addr = UINT64_MAX;
    /* D1.16.1: an exception return sets the event register. */
    __atomic_store_n(&env->event_reg, 1u, __ATOMIC_RELAXED);
    env->pc = new_pc;
    emu_log_mask(LOG_INT, "ERET from EL%u to EL%u pc 0x%llx%s\n", el, env->pstate_el,
                 (unsigned long long)new_pc, env->il ? " (illegal return)" : "");
}

bool arm_cpu_handle_exception_exit(CPUARMState *env)
{
    unsigned cls = env->exception_class;
    unsigned target = arm_sync_target_el(env);
    bool same = target == env->pstate_el;
    uint64_t pa;
    unsigned prot, bits;

    env->exception_class = ARM_EXC_NONE;
    switch (cls) {
    case ARM_EXC_SVC:
        arm_take_exception(env, ARM_EXCP_SYNC, syn_svc(env->exception_syndrome), 0, target);
        return true;
    case ARM_EXC_BRK:
        arm_take_exception(env, ARM_EXCP_SYNC, syn_brk(env->exception_syndrome), 0, target);
        return true;
    case ARM_EXC_UNDEF:
    case ARM_EXC_HLT:
        arm_take_exception(env, ARM_EXCP_SYNC, syn_uncategorized(), 0, target);
        return true;
    case ARM_EXC_ALIGNMENT:
        arm_take_exception(env, ARM_EXCP_SYNC,
                           syn_data_abort(same, false, false, env->exception_syndrome & 1,
                                          ARM_FSC_ALIGNMENT),
                           env->exception_addr, target);
        return true;
    case ARM_EXC_DATA_ABORT:
        /* A fault the softmmu reported without a syndrome: redo the walk to get one. */
        if (arm_tlb_fill(env, env->exception_addr,
                         (env->exception_syndrome & 1) ? EXEC_ACCESS_WRITE : EXEC_ACCESS_READ,
                         arm_current_mmu_idx(env), false, &pa, &prot, &bits)) {
            return false;   /* the mapping is there now: retry the instruction */
        }
        return arm_cpu_handle_exception_exit(env);
    case ARM_EXC_INSN_ABORT:
        if (arm_tlb_fill(env, env->exception_addr, EXEC_ACCESS_FETCH, arm_current_mmu_idx(env), false,
                         &pa, &prot, &bits)) {
            return false;
        }
        return arm_cpu_handle_exception_exit(env);
    case ARM_EXC_ESR:
        /*
         * D17.2.119 SCR_EL3.SMD: an SMC that would go to EL3 is UNDEFINED at the
         * current EL instead, returning to the SMC itself (an SMC trapped
         * to EL2 by HCR_EL2.TSC has priority and never comes here).
         */
        if ((env->exception_syndrome >> ARM_ESR_EC_SHIFT) == EC_SMC64 &&
            env->exception_target_el == 3 && (env->scr_el3 & SCR_SMD)) {
            env->pc -= 4;
            arm_take_exception(env, ARM_EXCP_SYNC, syn_uncategorized(), 0, target);
            return true;
        }
        if (env->exception_target_el == 0) {
            env->exception_target_el = target;
        }
        if (env->exception_target_el < env->pstate_el) {
            env->exception_target_el = env->pstate_el;
        }
        arm_take_exception(env, ARM_EXCP_SYNC, env->exception_syndrome, env->exception_addr,
                           env->exception_target_el);
        return true;
    case ARM_EXC_YIELD:
    case ARM_EXC_NONE:
        return false;
    default:
        assert(!"unknown exception class");
        return false;
    }
}

/* --- interrupts --- */

/*
 * D1.16.1: an interrupt becoming pending is a WFE wake-up event even when
 * PSTATE masks it, so a rising line sets the event register (before the
 * line, so that whoever wakes the CPU afterwards finds both).  A line
 * that stays up is not a new event: a WFE with it masked still sleeps.
 */
static void set_line(CPUARMState *env, uint32_t *line, bool level)
{
    if (level && !__atomic_load_n(line, __ATOMIC_RELAXED)) {
        __atomic_store_n(&env->event_reg, 1u, __ATOMIC_SEQ_CST);
    }
    __atomic_store_n(line, level ? 1u : 0u, __ATOMIC_SEQ_CST);
}

void arm_cpu_set_irq(CPUARMState *env, bool level)
{
    set_line(env, &env->irq_line, level);
}

void arm_cpu_set_fiq(CPUARMState *env, bool level)
{
    set_line(env, &env->fiq_line, level);
}

void arm_cpu_set_serror(CPUARMState *env, bool level)
{
    set_line(env, &env->serror_line, level);
}

/*
 * D1.13.2 routing of a physical interrupt: EL3 when SCR_EL3 routes it
 * there, EL2 when HCR_EL2.{IMO,FMO,AMO} or TGE route it there from EL0/1,
 * else EL1.
 */
static unsigned phys_target(const CPUARMState *env, ArmExcType type)
{
    static const uint64_t scr_bit[] = { 0, SCR_IRQ, SCR_FIQ, SCR_EA };
    static const uint64_t hcr_bit[] = { 0, HCR_IMO, HCR_FMO, HCR_AMO };

    if (env->has_el3 && (env->scr_el3 & scr_bit[type])) {
        return 3;
    }
    if (env->has_el2 && (env->hcr_el2 & (hcr_bit[type] | HCR_TGE))) {
        return 2;
    }
    return 1;
}

/* D1.13.3 masking: never to a lower EL; PSTATE masks at the same EL; a higher EL is not masked. */
static bool deliverable(const CPUARMState *env, unsigned target, uint32_t mask_bit)
{
    if (target < env->pstate_el) {
        return false;
    }
    if (target == env->pstate_el) {
        return !(env->daif & mask_bit);
    }
    return true;
}

/* A virtual interrupt (HCR_EL2.VI/VF/VSE) goes to EL1 from EL0/1 when the physical one routes to EL2. */
static bool virtual_pending(const CPUARMState *env, ArmExcType type)
{
    static const uint64_t v_bit[] = { 0, HCR_VI, HCR_VF, HCR_VSE };
    static const uint64_t route[] = { 0, HCR_IMO, HCR_FMO, HCR_AMO };

    return env->has_el2 && env->pstate_el <= 1 && !(env->hcr_el2 & HCR_TGE) &&
           (env->hcr_el2 & route[type]) && (env->hcr_el2 & v_bit[type]);
}

static bool line_up(const CPUARMState *env, ArmExcType type)
{
    switch (type) {
    case ARM_EXCP_IRQ:
        return __atomic_load_n(&env->irq_line, __ATOMIC_RELAXED) != 0;
    case ARM_EXCP_FIQ:
        return __atomic_load_n(&env->fiq_line, __ATOMIC_RELAXED) != 0;
    case ARM_EXCP_SERROR:
        return __atomic_load_n(&env->serror_line, __ATOMIC_RELAXED) != 0;
    default:
        return false;
    }
}

static const uint32_t mask_bits[] = { 0, PSTATE_I, PSTATE_F, PSTATE_A };

/* Target EL of a deliverable interrupt of this kind, or 0. */
static unsigned interrupt_target(const CPUARMState *env, ArmExcType type)
{
    if (line_up(env, type)) {
        unsigned t = phys_target(env, type);
        if (deliverable(env, t, mask_bits[type])) {
            return t;
        }
    }
    if (virtual_pending(env, type) && !(env->daif & mask_bits[type])) {
        return 1;
    }
    return 0;
}

int arm_cpu_irq_pending(const CPUARMState *env)
{
    /* Priority among simultaneously pending ones is IMPLEMENTATION DEFINED: SError, FIQ, IRQ. */
    static const ArmExcType order[] = { ARM_EXCP_SERROR, ARM_EXCP_FIQ, ARM_EXCP_IRQ };

    for (unsigned i = 0; i < 3; i++) {
        if (interrupt_target(env, order[i])) {
            return (int)order[i];
        }
    }
    return -1;
}

bool arm_cpu_has_work(const CPUARMState *env)
{
    return line_up(env, ARM_EXCP_IRQ) || line_up(env, ARM_EXCP_FIQ) || line_up(env, ARM_EXCP_SERROR) ||
           virtual_pending(env, ARM_EXCP_IRQ) || virtual_pending(env, ARM_EXCP_FIQ) ||
           virtual_pending(env, ARM_EXCP_SERROR);
}

bool arm_cpu_exec_interrupt(CPUARMState *env)
{
    int type = arm_cpu_irq_pending(env);
    unsigned target;

    if (type < 0) {
        return false;
    }
    target = interrupt_target(env, (ArmExcType)type);
    /* SError syndrome: IDS = 0, AET/DFSC "uncategorized" (ISS 0). */
    arm_take_exception(env, (ArmExcType)type, syn_make(EC_SERROR, true, 0), 0, target);
    return true;
}

void arm_cpu_check_unmasked(CPUARMState *env)
{
    if (arm_cpu_irq_pending(env) >= 0) {
        __atomic_store_n(&env->exit_request, 1u, __ATOMIC_RELEASE);
    }
}
