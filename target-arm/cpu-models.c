/*
 * ID registers per CPU model and the system reset: see cpu-models.h.
 * Values of the real cores come from their Technical Reference Manuals
 * (Cortex-A57 r1p0 and Cortex-A72 r0p3, "AArch64 register summary"),
 * reduced to AArch64-only (EL0-EL3 fields 0b0001) and to the features the
 * translator implements.
 */
#include <string.h>
#include "target-arm/cpu-models.h"
#include "target-arm/exception.h"
#include "target-arm/pauth.h"
#include "target-arm/sysregs.h"
#include "target-arm/translate.h"

typedef struct ArmModelIds {
    uint64_t midr, revidr;
    uint64_t isar0, isar1;      /* before the feature mask */
    uint64_t mmfr0, mmfr1, mmfr2, dfr0;
    uint64_t ctr, dczid, clidr;
    uint32_t ccsidr_l1d, ccsidr_l1i, ccsidr_l2;
} ArmModelIds;

static const ArmModelIds model_ids[] = {
    [ARM_CPU_CORTEX_A57] = {
        .midr = 0x411fd070,
        /* AES+PMULL, SHA1, SHA2, CRC32 (masked below by what is implemented) */
        .isar0 = 0x00011120,
        .mmfr0 = 0x00001124,    /* PARange 44 bits, 16-bit ASIDs, 4K and 64K granules */
        /* DebugVer 8.0, 6 breakpoints, 4 watchpoints, 2 context-aware; PMUVer 0: no PMU here */
        .dfr0 = 0x10305006,
        .ctr = 0x8444c004, .dczid = 4, .clidr = 0x0a200023,
        .ccsidr_l1d = 0x701fe00a, .ccsidr_l1i = 0x201fe012, .ccsidr_l2 = 0x70ffe07a,
    },
    [ARM_CPU_CORTEX_A72] = {
        .midr = 0x410fd083,
        .isar0 = 0x00011120,
        .mmfr0 = 0x00001124,
        .dfr0 = 0x10305006,
        .ctr = 0x8444c004, .dczid = 4, .clidr = 0x0a200023,
        .ccsidr_l1d = 0x701fe00a, .ccsidr_l1i = 0x201fe012, .ccsidr_l2 = 0x707fe07a,
    },
    [ARM_CPU_MAX] = {
        /* Implementer 0 (reserved for software use): no core's errata workarounds apply. */
        .midr = 0x000f0510,
        .isar0 = 0,             /* built from the feature mask alone */
        .mmfr0 = 0x00101125,    /* PARange 48 bits, 16-bit ASIDs, 4K, 16K and 64K granules */
        .dfr0 = 0x10305006,
        .ctr = 0x8444c004, .dczid = 4, .clidr = 0x0a200023,
        .ccsidr_l1d = 0x701fe00a, .ccsidr_l1i = 0x201fe012, .ccsidr_l2 = 0x70ffe07a,
    },
};

/* One ID field: where it lives, its value when the feature is there. */
typedef struct FeatureField {
    uint64_t feature;   /* ARM_FEATURE_* */
    uint8_t reg;        /* 0 ISAR0, 1 ISAR1, 2 MMFR1 */
    uint8_t shift;
    uint8_t value;
} FeatureField;

/* D17.2.61 ID_AA64ISAR0, D17.2.62 ID_AA64ISAR1, D17.2.65 ID_AA64MMFR1 fields. */
static const FeatureField feature_fields[] = {
    { ARM_FEATURE_CRC32, 0, 16, 1 },
    { ARM_FEATURE_LSE, 0, 20, 2 },
    { ARM_FEATURE_SB, 1, 36, 1 },
    { ARM_FEATURE_LOR, 2, 16, 1 },
    { ARM_FEATURE_PAN, 2, 20, 1 },
    /* AdvSIMD, crypto and FP extensions (ISAR0 AES/SHA1/SHA2/RDM/SHA3/DP, ISAR1 JSCVT/FRINTTS). */
    { ARM_FEATURE_AES, 0, 4, 1 },
    { ARM_FEATURE_PMULL, 0, 4, 2 },
    { ARM_FEATURE_SHA1, 0, 8, 1 },
    { ARM_FEATURE_SHA256, 0, 12, 1 },
    { ARM_FEATURE_SHA512, 0, 12, 2 },
    { ARM_FEATURE_RDM, 0, 28, 1 },
    { ARM_FEATURE_SHA3, 0, 32, 1 },
    { ARM_FEATURE_DOTPROD, 0, 44, 1 },
    { ARM_FEATURE_JSCVT, 1, 12, 1 },
    { ARM_FEATURE_FRINTTS, 1, 32, 1 },
};

void arm_cpu_model_init(CPUARMState *env, ArmCpuModel model, uint64_t features, unsigned cpu_index)
{
    const ArmModelIds *m = &model_ids[model];
    uint64_t regs[3] = { 0, 0, 0 };

    env->midr = m->midr;
    env->revidr = m->revidr;
    env->cpu_index = cpu_index;
    /* D17.2.101 MPIDR_EL1: bit 31 RES1, U = 0 (multiprocessor), MT = 0. */
    env->mpidr = 1ull << 31 | (uint64_t)(cpu_index / 8) << 8 | (cpu_index % 8);
    /* EL0/EL1 AArch64 only, EL2/EL3 when present, FP and AdvSIMD, no GIC system registers. */
    env->id_aa64pfr0 = 0x11 | (env->has_el2 ? 0x100u : 0) | (env->has_el3 ? 0x1000u : 0);
    /* FP and AdvSIMD fields: 0 = implemented, 1 = with half-precision arithmetic. */
    if (features & ARM_FEATURE_FP16) {
        env->id_aa64pfr0 |= 0x110000;
    }
    env->id_aa64pfr1 = 0;
    env->id_aa64zfr0 = 0;
    env->id_aa64dfr0 = m->dfr0;
    env->id_aa64mmfr0 = m->mmfr0;
    env->id_aa64mmfr2 = 0;
    for (unsigned i = 0; i < sizeof(feature_fields) / sizeof(feature_fields[0]); i++) {
        const FeatureField *ff = &feature_fields[i];
        /* Several features may raise the same field (AES, then PMULL): keep the highest. */
        if ((features & ff->feature) && ((regs[ff->reg] >> ff->shift) & 0xf) < ff->value) {
            regs[ff->reg] &= ~(0xfull << ff->shift);
            regs[ff->reg] |= (uint64_t)ff->value << ff->shift;
        }
    }
    /* A real core keeps the fields of its own ISAR0 that the translator implements. */
    env->id_aa64isar0 = regs[0];
    if (model != ARM_CPU_MAX) {
        uint64_t v = 0;
        for (unsigned sh = 0; sh < 64; sh += 4) {
            uint64_t real = m->isar0 >> sh & 0xf, ours = regs[0] >> sh & 0xf;
            v |= (real < ours ? real : ours) << sh;
        }
        env->id_aa64isar0 = v;
    }
    env->id_aa64isar1 = model == ARM_CPU_MAX ? regs[1] : 0;
    /*
     * D17.2.62 ID_AA64ISAR1: FEAT_PAuth with the architected QARMA5 is
     * APA = GPA = 1; the IMPLEMENTATION DEFINED algorithm is API = GPI = 1.
     * ISAR0.RNDR<63:60>, PFR1.BT<3:0>, MMFR2.UAO<7:4>.
     */
    if (features & ARM_FEATURE_PAUTH) {
        env->id_aa64isar1 |= arm_pauth_uses_impdef() ? (1ull << 8 | 1ull << 28) : (1ull << 4 | 1ull << 24);
    }
    if (features & ARM_FEATURE_RNG) {
        env->id_aa64isar0 |= 1ull << 60;
    }
    if (features & ARM_FEATURE_BTI) {
        env->id_aa64pfr1 |= 1;
    }
    if (features & ARM_FEATURE_UAO) {
        env->id_aa64mmfr2 |= 1ull << 4;
    }
    env->id_aa64mmfr1 = model == ARM_CPU_MAX ? regs[2] : 0;
    if (model == ARM_CPU_MAX) {
        env->id_aa64mmfr1 |= 2;     /* HAFDBS: hardware access flag and dirty state (mmu.c) */
    }
    /* D17.2.65 ID_AA64MMFR1.VH<11:8>: FEAT_VHE is part of EL2, so only with EL2. */
    if ((features & ARM_FEATURE_VHE) && env->has_el2) {
        env->id_aa64mmfr1 |= 1ull << 8;
    }
    env->ctr_el0 = m->ctr;
    env->dczid_el0 = m->dczid;
    env->clidr_el1 = m->clidr;
    env->aidr_el1 = 0;
    memset(env->ccsidr, 0, sizeof(env->ccsidr));
    env->ccsidr[0] = m->ccsidr_l1d;    /* CSSELR Level 1, InD 0 */
    env->ccsidr[1] = m->ccsidr_l1i;    /* Level 1, InD 1 */
    env->ccsidr[2] = m->ccsidr_l2;     /* Level 2 unified */
    env->vpidr_el2 = env->midr;
    env->vmpidr_el2 = env->mpidr;
}

void arm_cpu_reset_system(CPUARMState *env, ArmCpuModel model, unsigned cpu_index, bool has_el2,
                          bool has_el3)
{
    struct ArmTimerCpu *timer = env->timer;
    const struct ArmMMUPhys *phys = env->mmu_phys;
    int (*psci)(struct CPUARMState *, bool, uint32_t) = env->psci_call;
    void *opaque = env->board_opaque;
    void (*send_event)(struct CPUARMState *) = env->send_event;
    uint32_t irq = env->irq_line, fiq = env->fiq_line, serr = env->serror_line;
    void *jmp_cache = env->jmp_cache;   /* the translator's, not architectural state */

    memset(env, 0, sizeof(*env));
    env->jmp_cache = jmp_cache;
    env->timer = timer;
    env->mmu_phys = phys;
    env->psci_call = psci;
    env->board_opaque = opaque;
    env->send_event = send_event;
    env->irq_line = irq;
    env->fiq_line = fiq;
    env->serror_line = serr;
    env->sys_mode = true;
    env->zf = 1;
    env->excl_addr = UINT64_MAX;
    arm_sysregs_reset(env);
    arm_cpu_set_el_config(env, has_el2, has_el3);
    arm_cpu_model_init(env, model, arm_cpu_features(), cpu_index);
}
