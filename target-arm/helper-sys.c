/*
 * System helpers (the table is in helpers-sys.h): MRS/MSR with side
 * effects, MSR (immediate), ERET, the PSCI hook, TLBI, AT, DC and IC.
 */
#include <assert.h>
#include "accel/exec.h"
#include "target-arm/exception.h"
#include "target-arm/helpers-sys.h"
#include "target-arm/sysregs.h"
#include "target-arm/tlb-fill.h"
#include "util/log.h"

static CPUARMState *ENV(uint64_t p)
{
    return (CPUARMState *)(uintptr_t)p;
}

uint64_t helper_sysreg_read(uint64_t envp, uint64_t index)
{
    return arm_sysreg_read(ENV(envp), arm_sysreg_by_index((unsigned)index));
}

void helper_sysreg_write(uint64_t envp, uint64_t index, uint64_t value)
{
    const ArmSysReg *r = arm_sysreg_by_index((unsigned)index);

    arm_sysreg_write(ENV(envp), r, value);
    if (r->flags & ARM_SRF_END_TB) {
        arm_cpu_check_unmasked(ENV(envp));   /* DAIF, HCR_EL2, SCR_EL3 may unmask or reroute */
    }
}

/* C5.2 MSR (immediate) fields. */
void helper_msr_i(uint64_t envp, uint64_t field, uint64_t imm)
{
    CPUARMState *env = ENV(envp);

    switch (field) {
    case ARM_PSTATE_FIELD_SPSEL:
        arm_set_el_sp(env, env->pstate_el, imm & 1);
        break;
    case ARM_PSTATE_FIELD_DAIFSET:
        env->daif |= (uint32_t)(imm & 0xf) << 6;
        break;
    case ARM_PSTATE_FIELD_DAIFCLR:
        env->daif &= ~((uint32_t)(imm & 0xf) << 6);
        break;
    case ARM_PSTATE_FIELD_PAN:
        env->pan = imm & 1;
        break;
    default:
        assert(!"bad MSR immediate field");
    }
    arm_cpu_check_unmasked(env);
}

void helper_eret(uint64_t envp)
{
    arm_exception_return(ENV(envp));
    arm_cpu_check_unmasked(ENV(envp));
}

/* C6.2 SEV: without a board hook (a lone CPU) the event still reaches this CPU. */
void helper_sev(uint64_t envp)
{
    CPUARMState *env = ENV(envp);

    if (env->send_event) {
        env->send_event(env);
    } else {
        __atomic_store_n(&env->event_reg, 1u, __ATOMIC_SEQ_CST);
    }
}

uint64_t helper_psci(uint64_t envp, uint64_t is_smc, uint64_t imm16)
{
    CPUARMState *env = ENV(envp);

    if (!env->psci_call) {
        return ARM_PSCI_UNDEF;
    }
    return (uint64_t)env->psci_call(env, is_smc != 0, (uint32_t)imm16);
}

/* --- TLBI (C5.5) --- */

#define MASK_EL10 ((1u << ARM_MMU_IDX_EL0) | (1u << ARM_MMU_IDX_EL1) | (1u << ARM_MMU_IDX_EL1_PAN))
#define MASK_E20 ((1u << ARM_MMU_IDX_E20_0) | (1u << ARM_MMU_IDX_E20_2) | (1u << ARM_MMU_IDX_E20_2_PAN))
/*
 * The EL2 forms (ALLE2, VAE2, ...) act on the EL2 regime, or on EL2&0 when
 * E2H is set: both go, as entries of the other one are stale anyway after
 * the HCR_EL2 write that switched (it flushed the whole TLB).
 */
#define MASK_EL2 ((1u << ARM_MMU_IDX_EL2) | MASK_E20)
#define MASK_EL3 (1u << ARM_MMU_IDX_EL3)

/* The VA of TLBI ... Xt: VA[55:12] in Xt[43:0], sign-extended from bit 55. */
static uint64_t tlbi_va(uint64_t xt)
{
    uint64_t va = (xt & ((1ull << 44) - 1)) << 12;

    return (uint64_t)((int64_t)(va << 8) >> 8);
}

static void flush_all(CPUARMState *env, unsigned mask, bool bc)
{
    if (arm_tlb_flush_hooks.all) {
        arm_tlb_flush_hooks.all(env, mask, bc);
    }
}

static void flush_va_all_asids(CPUARMState *env, uint64_t va, unsigned mask, bool last, bool bc)
{
    if (arm_tlb_flush_hooks.va_all_asids) {
        arm_tlb_flush_hooks.va_all_asids(env, va, mask, last, bc);
    } else {
        flush_all(env, mask, bc);
    }
}

void helper_tlbi(uint64_t envp, uint64_t key, uint64_t xt)
{
    CPUARMState *env = ENV(envp);
    unsigned op1 = (unsigned)(key >> 11) & 7, crm = (unsigned)(key >> 3) & 15, op2 = (unsigned)key & 7;
    bool bc = crm == 3 || crm == 0;   /* the IS forms (CRm 3; IPAS2 uses CRm 0/4) */
    uint64_t va = tlbi_va(xt);
    uint16_t asid = (uint16_t)(xt >> 48);
    bool last = op2 == 5 || op2 == 7;
    /*
     * FEAT_VHE: the EL1 forms (VMALLE1, VAE1, ASIDE1, ...) executed at EL2
     * with HCR_EL2.{E2H,TGE} = {1,1} act on the EL2&0 regime, the one a
     * host kernel's user and kernel mappings live in.
     */
    unsigned el10 = env->pstate_el == 2 && arm_el0_in_host(env) ? MASK_E20 : MASK_EL10;

    if (crm == 0 || crm == 4) {
        /* IPAS2E1(IS)/IPAS2LE1(IS): we keep no IPA-tagged entries, so every EL1&0 one goes. */
        flush_all(env, MASK_EL10, bc);
        return;
    }
    switch (op1) {
    case 0:
        switch (op2) {
        case 0: /* VMALLE1 */
            flush_all(env, el10, bc);
            break;
        case 1: /* VAE1 */
        case 5: /* VALE1 */
            if (arm_tlb_flush_hooks.va_asid) {
                arm_tlb_flush_hooks.va_asid(env, va, asid, el10, last, bc);
            } else {
                flush_va_all_asids(env, va, el10, last, bc);
            }
            break;
        case 2: /* ASIDE1 */
            if (arm_tlb_flush_hooks.asid) {
                arm_tlb_flush_hooks.asid(env, asid, el10, bc);
            } else {
                flush_all(env, el10, bc);
            }
            break;
        case 3: /* VAAE1 */
        case 7: /* VAALE1 */
            flush_va_all_asids(env, va, el10, last, bc);
            break;
        }
        break;
    case 4:
        switch (op2) {
        case 0: /* ALLE2 */
            flush_all(env, MASK_EL2, bc);
            break;
        case 1: /* VAE2 */
        case 5: /* VALE2 */
            flush_va_all_asids(env, va, MASK_EL2, last, bc);
            break;
        case 4: /* ALLE1 */
        case 6: /* VMALLS12E1 */
            flush_all(env, MASK_EL10, bc);
            break;
        }
        break;
    case 6:
        switch (op2) {
        case 0: /* ALLE3 */
            flush_all(env, MASK_EL3, bc);
            break;
        default: /* VAE3, VALE3 */
            flush_va_all_asids(env, va, MASK_EL3, last, bc);
            break;
        }
        break;
    }
}

/* --- AT (C5.5, D17.2.104 PAR_EL1) --- */

void helper_at(uint64_t envp, uint64_t key, uint64_t va)
{
    CPUARMState *env = ENV(envp);
    unsigned op1 = (unsigned)(key >> 11) & 7, crm = (unsigned)(key >> 3) & 15, op2 = (unsigned)key & 7;
    int access = (op2 & 1) ? EXEC_ACCESS_WRITE : EXEC_ACCESS_READ;
    int idx;
    ArmWalkResult res;

    /* FEAT_VHE: AT S1E2x walk the EL2&0 regime under E2H; S1E0x and S1E1x at EL2 do too under E2H+TGE. */
    bool host = env->pstate_el == 2 && arm_el0_in_host(env);

    if (op1 == 6) {
        idx = ARM_MMU_IDX_EL3;
    } else if (op1 == 4 && op2 < 2) {
        idx = arm_e2h(env) ? ARM_MMU_IDX_E20_2 : ARM_MMU_IDX_EL2;
    } else if (op1 == 4) {
        idx = op2 >= 6 ? ARM_MMU_IDX_EL0 : ARM_MMU_IDX_EL1;   /* S12E0*, S12E1* */
    } else if (crm == 9) {
        /* S1E1RP/WP honour PAN */
        if (host) {
            idx = env->pan ? ARM_MMU_IDX_E20_2_PAN : ARM_MMU_IDX_E20_2;
        } else {
            idx = env->pan ? ARM_MMU_IDX_EL1_PAN : ARM_MMU_IDX_EL1;
        }
    } else if (host) {
        idx = op2 >= 2 ? ARM_MMU_IDX_E20_0 : ARM_MMU_IDX_E20_2;
    } else {
        idx = op2 >= 2 ? ARM_MMU_IDX_EL0 : ARM_MMU_IDX_EL1;
    }
    /* The S1E* forms give the stage 1 output (an IPA under stage 2); S12E* the full walk. */
    if (!(op1 == 4 && op2 >= 4)) {
        access |= ARM_ACCESS_STAGE1_ONLY;
    }
    if (arm_tlb_fill_result(env, va, access, idx, true, &res)) {
        /* D17.2.104: bit 11 is RES1 in both forms of PAR_EL1. */
        env->par_el1 = (uint64_t)res.attrs << 56 | (res.pa & 0x000ffffffffff000ull) |
                       (res.ns ? 1u << 9 : 0) | (uint64_t)(res.sh & 3) << 7 | 1ull << 11;
    } else {
        env->par_el1 = 1 | (uint64_t)(res.fsc & 0x3f) << 1 | (res.s1ptw ? 1u << 8 : 0) |
                       (res.stage2 ? 1u << 9 : 0) | 1ull << 11;   /* bit 11 RES1 */
    }
}

/* --- DC by VA: no caches, but the permission checks (D7.5.9) --- */

uint64_t helper_dc_va(uint64_t envp, uint64_t va, uint64_t is_ivac)
{
    CPUARMState *env = ENV(envp);
    ArmWalkResult res;
    int access = is_ivac ? EXEC_ACCESS_WRITE : EXEC_ACCESS_READ;

    if (arm_tlb_fill_result(env, va, access, arm_current_mmu_idx(env), false, &res)) {
        return 0;
    }
    /* A cache maintenance fault: CM = 1, WnR = 1 (D17.2.37). */
    env->exception_syndrome |= 1u << 8 | 1u << 6;
    return 1;
}

void helper_ic(uint64_t envp, uint64_t is_all, uint64_t va)
{
    CPUARMState *env = ENV(envp);

    if (is_all) {
        if (arm_tlb_flush_hooks.ic_all) {
            arm_tlb_flush_hooks.ic_all(env, is_all == 2);
        }
    } else if (arm_tlb_flush_hooks.ic_va) {
        arm_tlb_flush_hooks.ic_va(env, va);
    }
}

/* --- the IRHelperInfo records (same scheme as helper-int.c) --- */

#define SYS_TARGS_1 a[0]
#define SYS_TARGS_2 a[0], a[1]
#define SYS_TARGS_3 a[0], a[1], a[2]
#define SYS_THUNK_BODY_uint64_t(call) return call;
#define SYS_THUNK_BODY_void(call) call; return 0;

#define ARM_SYS_HELPER_RECORD(hname, ret, hnargs, hflags)                              \
    static uint64_t thunk_##hname(const uint64_t *a)                                  \
    {                                                                                 \
        SYS_THUNK_BODY_##ret(helper_##hname(SYS_TARGS_##hnargs))                       \
    }                                                                                 \
    const IRHelperInfo helper_info_##hname = {                                         \
        .name = #hname,                                                                \
        .fn = (void *)helper_##hname,                                                  \
        .thunk = thunk_##hname,                                                        \
        .nargs = hnargs,                                                               \
        .has_result = ARM_HELPER_HAS_RESULT_##ret,                                    \
        .flags = (hflags),                                                            \
    };
ARM_SYS_HELPERS(ARM_SYS_HELPER_RECORD)
#undef ARM_SYS_HELPER_RECORD
