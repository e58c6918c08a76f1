/*
 * The system CPU's side of the softmmu: MMU indexes, the translation regime
 * of each (the registers the stage-1 walker needs), and arm_tlb_fill, the
 * ExecTarget.tlb_fill hook.
 *
 * The walk itself is target-arm/mmu.c's arm_mmu_translate: the default
 * arm_mmu_walk_fn builds an ArmMMUContext from the regime and calls it with
 * env->mmu_phys (the board's physical memory).  Unit tests may install a
 * fake walker in arm_mmu_walk_fn instead.
 *
 * Public functions: arm_current_mmu_idx, arm_regime_for_mmu_idx,
 * arm_tlb_fill, arm_mmu_walk_fn.
 */
#ifndef TARGET_ARM_TLB_FILL_H
#define TARGET_ARM_TLB_FILL_H

#include <stdbool.h>
#include <stdint.h>
#include "target-arm/cpu.h"

/*
 * MMU indexes (IRMemOp bits 8-11 and the softmmu's TLB selector).  Each
 * is one translation regime with one privilege view, so a TLB entry never
 * needs to be rechecked against PSTATE.
 */
enum {
    ARM_MMU_IDX_EL0 = 0,      /* EL1&0 regime, unprivileged (EL0, LDTR/STTR) */
    ARM_MMU_IDX_EL1 = 1,      /* EL1&0 regime, privileged, PSTATE.PAN = 0 */
    ARM_MMU_IDX_EL1_PAN = 2,  /* EL1&0 regime, privileged, PSTATE.PAN = 1 */
    ARM_MMU_IDX_EL2 = 3,      /* EL2 regime (no VHE) */
    ARM_MMU_IDX_EL3 = 4,      /* EL3 regime */
    ARM_MMU_IDX_PHYS = 5,     /* no translation: physical addresses */
    /*
     * FEAT_VHE: the EL2&0 regime (HCR_EL2.E2H = 1), used by EL2 itself and
     * by EL0 while HCR_EL2.TGE = 1 too.  Same split as EL1&0: PAN applies
     * at EL2 in this regime (D8.4.1.2), and LDTR/STTR at EL2 under TGE are
     * EL0 accesses.
     */
    ARM_MMU_IDX_E20_0 = 6,    /* EL2&0 regime, unprivileged */
    ARM_MMU_IDX_E20_2 = 7,    /* EL2&0 regime, privileged, PSTATE.PAN = 0 */
    ARM_MMU_IDX_E20_2_PAN = 8, /* EL2&0 regime, privileged, PSTATE.PAN = 1 */
    ARM_MMU_IDX_COUNT = 9,
};

/* HCR_EL2.E2H is in effect (it reads as 0 without FEAT_VHE, see sysregs.c). */
static inline bool arm_e2h(const CPUARMState *env)
{
    return env->has_el2 && (env->hcr_el2 & (1ull << 34));
}

/* EL0 runs in the EL2&0 regime ("in host"): HCR_EL2.{E2H,TGE} = {1,1}. */
static inline bool arm_el0_in_host(const CPUARMState *env)
{
    return arm_e2h(env) && (env->hcr_el2 & (1ull << 27));
}

static inline bool arm_mmu_idx_is_e20(int idx)
{
    return idx >= ARM_MMU_IDX_E20_0 && idx <= ARM_MMU_IDX_E20_2_PAN;
}

/* The MMU index of ordinary loads and stores at the current EL/PAN. */
int arm_current_mmu_idx(const CPUARMState *env);

/* The registers of the regime behind mmu_idx: the fields of wip-mmu's ArmMMUContext. */
typedef struct ArmRegime {
    unsigned el;                 /* the regime's EL (1 for EL1&0) */
    bool regime_has_two_ranges;  /* TTBR0 and TTBR1 (EL1&0) */
    bool mmu_enabled;            /* SCTLR.M of the regime */
    uint64_t sctlr, tcr, ttbr0, ttbr1, mair;
    bool pan, unprivileged;
    unsigned pa_bits;            /* from ID_AA64MMFR0.PARange */
    bool ha, hd;                 /* FEAT_HAFDBS as ID_AA64MMFR1 advertises it (TCR.HA/HD still decide) */
    bool stage2;                 /* HCR_EL2.VM applies */
    uint64_t vttbr, vtcr;
} ArmRegime;

void arm_regime_for_mmu_idx(const CPUARMState *env, int mmu_idx, ArmRegime *r);

/* What a walk gives: on success pa/prot/page_bits/attributes, on failure the fault. */
typedef struct ArmWalkResult {
    uint64_t pa;
    unsigned prot;          /* PAGE_READ | PAGE_WRITE | PAGE_EXEC (accel/user-mem.h) */
    unsigned page_bits;
    uint8_t attrs;          /* the MAIR attribute byte of the mapping */
    uint8_t sh;             /* shareability (PAR_EL1.SH) */
    bool ns;
    bool guarded;           /* FEAT_BTI guarded page (stage 1 GP bit) */
    /* Fault: */
    unsigned fsc;           /* DFSC/IFSC (exception.h ARM_FSC_*) */
    bool s1ptw;             /* stage-2 fault on a stage-1 walk */
    bool stage2;            /* taken to EL2 */
    uint64_t ipa;           /* stage-2 faults: the IPA (HPFAR_EL2) */
} ArmWalkResult;

/* Or-ed into the access of arm_tlb_fill_result: stage 1 only (AT S1E*), res->pa is the IPA. */
#define ARM_ACCESS_STAGE1_ONLY 0x100

/*
 * The stage-1(+2) walker: returns true with res filled for a permitted
 * access, false with res->fsc set for a fault.  access: EXEC_ACCESS_*.
 * Default: arm_mmu_walk_default (target-arm/mmu.c).  NULL: every access
 * with the MMU on faults (translation fault, level 0).
 */
extern bool (*arm_mmu_walk_fn)(CPUARMState *env, const ArmRegime *r, uint64_t va, int access,
                               ArmWalkResult *res);
bool arm_mmu_walk_default(CPUARMState *env, const ArmRegime *r, uint64_t va, int access,
                          ArmWalkResult *res);

/*
 * ExecTarget.tlb_fill: see accel/exec.h.  On a fault (and !probe) the
 * abort is recorded in env as ARM_EXC_ESR with syndrome, FAR and target
 * EL.  last_fault (may be NULL) receives the walk result either way, for AT.
 */
bool arm_tlb_fill(void *env, uint64_t vaddr, int access, int mmu_idx, bool probe, uint64_t *pa,
                  unsigned *prot, unsigned *page_bits);
bool arm_tlb_fill_result(CPUARMState *env, uint64_t vaddr, int access, int mmu_idx, bool probe,
                         ArmWalkResult *res);

#endif
