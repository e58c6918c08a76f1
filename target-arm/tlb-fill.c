/* MMU indexes, translation regimes and ExecTarget.tlb_fill: see tlb-fill.h. */
#include <string.h>
#include "accel/exec.h"
#include "accel/user-mem.h"
#include "target-arm/exception.h"
#include "target-arm/mmu.h"
#include "target-arm/tlb-fill.h"
#include "tcg/backend.h"
#include "util/log.h"

_Static_assert(ARM_MMU_IDX_COUNT <= SOFTMMU_NB_MMU_MODES, "the softmmu needs a TLB per MMU index");

bool (*arm_mmu_walk_fn)(CPUARMState *env, const ArmRegime *r, uint64_t va, int access,
                        ArmWalkResult *res) = arm_mmu_walk_default;

bool arm_mmu_walk_default(CPUARMState *env, const ArmRegime *r, uint64_t va, int access,
                          ArmWalkResult *res)
{
    ArmMMUContext c = {
        .el = r->el,
        .regime_has_two_ranges = r->regime_has_two_ranges,
        .sctlr = r->sctlr,
        .tcr = r->tcr,
        .ttbr0 = r->ttbr0,
        .ttbr1 = r->ttbr1,
        .mair = r->mair,
        .pan = r->pan,
        .unprivileged = r->unprivileged,
        .pa_bits = r->pa_bits,
        .ha = r->ha,
        .hd = r->hd,
        .hcr_dc = r->el == 1 && env->has_el2 && (env->hcr_el2 & (1ull << 12)),
        .stage2 = r->stage2,
        .vttbr = r->vttbr,
        .vtcr = r->vtcr,
    };
    ArmAccessType type = (access & 0xff) == EXEC_ACCESS_WRITE   ? ARM_ACCESS_WRITE
                         : (access & 0xff) == EXEC_ACCESS_FETCH ? ARM_ACCESS_EXEC
                                                                : ARM_ACCESS_READ;
    ArmMMUResult mr;
    ArmMMUFault f;
    bool ok;

    if (!env->mmu_phys) {
        res->fsc = ARM_FSC_SEA;     /* no memory to walk: a board bug, reported as an external abort */
        return false;
    }
    if (access & ARM_ACCESS_STAGE1_ONLY) {
        ok = arm_mmu_translate_stage1(&c, env->mmu_phys, va, type, &mr, &f);
    } else {
        ok = arm_mmu_translate(&c, env->mmu_phys, va, type, &mr, &f);
    }
    if (!ok) {
        res->fsc = arm_mmu_fault_status(&f);
        res->s1ptw = f.s1ptw;
        res->stage2 = f.stage2;
        res->ipa = f.ipa;
        return false;
    }
    res->pa = mr.pa;
    res->prot = (mr.readable ? PAGE_READ : 0) | (mr.writable ? PAGE_WRITE : 0) |
                (mr.executable ? PAGE_EXEC : 0);
    res->page_bits = mr.page_bits;
    res->attrs = mr.attrs;
    res->sh = mr.sh;
    res->ns = true;     /* Non-secure: no Secure state is modelled */
    res->guarded = mr.guarded;
    return true;
}

int arm_current_mmu_idx(const CPUARMState *env)
{
    switch (env->pstate_el) {
    case 0:
        return arm_el0_in_host(env) ? ARM_MMU_IDX_E20_0 : ARM_MMU_IDX_EL0;
    case 1:
        return env->pan ? ARM_MMU_IDX_EL1_PAN : ARM_MMU_IDX_EL1;
    case 2:
        if (arm_e2h(env)) {
            return env->pan ? ARM_MMU_IDX_E20_2_PAN : ARM_MMU_IDX_E20_2;
        }
        return ARM_MMU_IDX_EL2;
    default:
        return ARM_MMU_IDX_EL3;
    }
}

/* D17.2.64 ID_AA64MMFR0_EL1.PARange */
static unsigned pa_bits_of(const CPUARMState *env)
{
    static const unsigned bits[] = { 32, 36, 40, 42, 44, 48, 52 };
    unsigned r = env->id_aa64mmfr0 & 0xf;

    return r < 7 ? bits[r] : 48;
}

void arm_regime_for_mmu_idx(const CPUARMState *env, int mmu_idx, ArmRegime *r)
{
    unsigned el;

    memset(r, 0, sizeof(*r));
    switch (mmu_idx) {
    case ARM_MMU_IDX_EL0:
    case ARM_MMU_IDX_EL1:
    case ARM_MMU_IDX_EL1_PAN:
        el = 1;
        break;
    case ARM_MMU_IDX_EL2:
    case ARM_MMU_IDX_E20_0:
    case ARM_MMU_IDX_E20_2:
    case ARM_MMU_IDX_E20_2_PAN:
        el = 2;
        break;
    case ARM_MMU_IDX_EL3:
        el = 3;
        break;
    default:
        r->pa_bits = pa_bits_of(env);
        return;   /* physical: no regime */
    }
    r->el = el;
    /* The EL2&0 regime has both ranges and TCR_EL2 in the TCR_EL1 layout (D8.1.? FEAT_VHE). */
    r->regime_has_two_ranges = el == 1 || arm_mmu_idx_is_e20(mmu_idx);
    r->sctlr = env->sctlr_el[el];
    r->mmu_enabled = (r->sctlr & SCTLR_M) != 0;
    r->tcr = env->tcr_el[el];
    r->ttbr0 = env->ttbr0_el[el];
    r->ttbr1 = r->regime_has_two_ranges ? env->ttbr1_el[el] : 0;
    r->mair = env->mair_el[el];
    r->pan = mmu_idx == ARM_MMU_IDX_EL1_PAN || mmu_idx == ARM_MMU_IDX_E20_2_PAN;
    r->unprivileged = mmu_idx == ARM_MMU_IDX_EL0 || mmu_idx == ARM_MMU_IDX_E20_0;
    r->pa_bits = pa_bits_of(env);
    /* D17.2.65 ID_AA64MMFR1_EL1.HAFDBS: 1 access flag, 2 access flag and dirty state. */
    r->ha = (env->id_aa64mmfr1 & 0xf) >= 1;
    r->hd = (env->id_aa64mmfr1 & 0xf) >= 2;
    r->stage2 = el == 1 && env->has_el2 && (env->hcr_el2 & HCR_VM);
    r->vttbr = env->vttbr_el2;
    r->vtcr = env->vtcr_el2;
    /* With HCR_EL2.TGE (and no VHE) the EL1&0 stage 1 is off for EL0. */
    if (el == 1 && env->has_el2 && (env->hcr_el2 & HCR_TGE)) {
        r->mmu_enabled = false;
    }
}

bool arm_tlb_fill_result(CPUARMState *env, uint64_t vaddr, int access, int mmu_idx, bool probe,
                         ArmWalkResult *res)
{
    ArmRegime r;
    bool ok;

    memset(res, 0, sizeof(*res));
    arm_regime_for_mmu_idx(env, mmu_idx, &r);
    if (mmu_idx == ARM_MMU_IDX_PHYS || (!r.mmu_enabled && !r.stage2)) {
        /* D8.2.10 stage 1 disabled: flat, Device-nGnRnE data, executable; beyond the PA size faults. */
        ok = (vaddr >> r.pa_bits) == 0;
        if (ok) {
            res->pa = vaddr;
            res->prot = PAGE_READ | PAGE_WRITE | PAGE_EXEC;
            res->page_bits = 12;
            res->attrs = (access & 0xff) == EXEC_ACCESS_FETCH ? 0x44 : 0x00;
            res->sh = 2;
        } else {
            res->fsc = ARM_FSC_ADDR_SIZE_L0;
        }
    } else if (arm_mmu_walk_fn) {
        ok = arm_mmu_walk_fn(env, &r, vaddr, access, res);
    } else {
        emu_log_mask(LOG_UNIMP, "MMU on but no page-table walker: fault at 0x%llx\n",
                     (unsigned long long)vaddr);
        res->fsc = ARM_FSC_TRANSLATION_L0;
        ok = false;
    }
    if (ok && !probe && mmu_idx != ARM_MMU_IDX_PHYS && (r.mmu_enabled || r.stage2)) {
        /* A table walk the TLB asked for (probes are the debugger's and the monitor's). */
        emu_log_mask(LOG_MMU, "walk EL%u%s %s 0x%llx -> pa 0x%llx (%u KiB, %c%c%c, attrs 0x%02x)\n",
                     r.el, r.unprivileged ? " unpriv" : "",
                     (const char *const[]){ "read", "write", "fetch" }[access & 0xff],
                     (unsigned long long)vaddr, (unsigned long long)res->pa,
                     (1u << res->page_bits) >> 10, (res->prot & PAGE_READ) ? 'r' : '-',
                     (res->prot & PAGE_WRITE) ? 'w' : '-', (res->prot & PAGE_EXEC) ? 'x' : '-',
                     res->attrs);
    }
    if (ok || probe) {
        return ok;
    }
    access &= 0xff;

    /* D17.2.37: instruction/data abort to the regime's EL (or EL2 for a stage-2 fault). */
    {
        unsigned target = res->stage2 ? 2 : (r.el ? r.el : 1);
        bool same;

        if (target < env->pstate_el) {
            target = env->pstate_el;
        }
        same = target == env->pstate_el;
        emu_log_mask(LOG_MMU, "%s fault at 0x%llx (mmu_idx %d, FSC 0x%02x)\n",
                     access == EXEC_ACCESS_FETCH ? "instruction" : "data", (unsigned long long)vaddr,
                     mmu_idx, res->fsc);
        if (res->stage2) {
            env->hpfar_el2 = (res->ipa >> 12) << 4;    /* D17.2.? HPFAR_EL2.FIPA */
        }
        env->exception_class = ARM_EXC_ESR;
        env->exception_target_el = target;
        env->exception_addr = vaddr;
        env->exception_syndrome =
            access == EXEC_ACCESS_FETCH
                ? syn_insn_abort(same, res->s1ptw, res->fsc)
                : syn_data_abort(same, false, res->s1ptw, access == EXEC_ACCESS_WRITE, res->fsc);
    }
    return false;
}

bool arm_tlb_fill(void *envp, uint64_t vaddr, int access, int mmu_idx, bool probe, uint64_t *pa,
                  unsigned *prot, unsigned *page_bits)
{
    ArmWalkResult res;

    if (!arm_tlb_fill_result(envp, vaddr, access, mmu_idx, probe, &res)) {
        return false;
    }
    *pa = res.pa;
    *prot = res.prot;
    *page_bits = res.page_bits;
    return true;
}
