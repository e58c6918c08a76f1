/* The A64 CPU for the execution engine, and the CPU models: see exec-target.h. */
#include <string.h>
#include "accel/user-mem.h"
#include "target-arm/disas.h"
#include "target-arm/exception.h"
#include "target-arm/exec-target.h"
#include "target-arm/pauth.h"
#include "target-arm/sysregs.h"
#include "target-arm/tlb-fill.h"
#include "target-arm/translate.h"

static uint64_t features;
static ArmCpuModel cpu_model = ARM_CPU_MAX;
/* -cpu max properties (QEMU's names): pauth=on|off, pauth-impdef=on|off. */
static bool prop_pauth = true, prop_pauth_impdef;

/* Linux's arm64 HWCAP bits (arch/arm64/include/uapi/asm/hwcap.h). */
#define HWCAP_FP      (1u << 0)
#define HWCAP_ASIMD   (1u << 1)
#define HWCAP_FPHP    (1u << 9)
#define HWCAP_ASIMDHP (1u << 10)
#define HWCAP_JSCVT   (1u << 13)
#define HWCAP2_FRINT  (1u << 8)
#define HWCAP_CRC32   (1u << 7)
#define HWCAP_ATOMICS (1u << 8)
#define HWCAP_AES     (1u << 3)
#define HWCAP_PMULL   (1u << 4)
#define HWCAP_SHA1    (1u << 5)
#define HWCAP_SHA2    (1u << 6)
#define HWCAP_ASIMDRDM (1u << 12)
#define HWCAP_ASIMDDP (1u << 20)
#define HWCAP_SHA3    (1u << 17)
#define HWCAP_SHA512  (1u << 21)
#define HWCAP_PACA    (1u << 30)
#define HWCAP_PACG    (1u << 31)
#define HWCAP2_RNG    (1u << 16)
#define HWCAP2_BTI    (1u << 17)

void arm_print_cpu_models(FILE *f)
{
    fprintf(f, "Available CPUs:\n"
               "  cortex-a57   ARMv8.0 with CRC (and FP/AdvSIMD/crypto as implemented)\n"
               "  cortex-a72   ARMv8.0, as cortex-a57\n"
               "  max          every implemented feature (LSE atomics, PAuth, BTI, RNG, ...);\n"
               "               properties: pauth=on|off, pauth-impdef=on|off (max,pauth-impdef=on)\n");
}

static bool parse_onoff(const char *v, bool *out)
{
    static const char *const on[] = { "on", "true", "yes", "1" }, *const off[] = { "off", "false", "no", "0" };

    for (unsigned i = 0; i < 4; i++) {
        if (!strcmp(v, on[i])) {
            *out = true;
            return true;
        }
        if (!strcmp(v, off[i])) {
            *out = false;
            return true;
        }
    }
    return false;
}

bool arm_cpu_parse_props(ArmCpuModel model, const char *props, EmuError *err)
{
    char buf[256];
    char *save = NULL;

    prop_pauth = true;
    prop_pauth_impdef = false;
    if (!props || !*props) {
        return true;
    }
    if (strlen(props) >= sizeof(buf)) {
        return emu_error_set(err, "-cpu: property list too long");
    }
    strcpy(buf, props);
    for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(tok, '=');
        bool v = true, *dst;
        if (eq) {
            *eq = 0;
        }
        if (!strcmp(tok, "pauth")) {
            dst = &prop_pauth;
        } else if (!strcmp(tok, "pauth-impdef")) {
            dst = &prop_pauth_impdef;
        } else {
            return emu_error_set(err, "-cpu: unknown CPU property '%s' (pauth, pauth-impdef)", tok);
        }
        if (model != ARM_CPU_MAX) {
            return emu_error_set(err, "-cpu: property '%s' exists only for -cpu max", tok);
        }
        if (eq && !parse_onoff(eq + 1, &v)) {
            return emu_error_set(err, "-cpu: property '%s' takes on or off, not '%s'", tok, eq + 1);
        }
        *dst = v;
    }
    return true;
}

void arm_set_cpu_model(ArmCpuModel model)
{
    cpu_model = model;
    /* Cortex-A57/A72 are ARMv8.0 with the CRC extension; max adds what we implement of v8.1+. */
    features = ARM_FEATURE_CRC32;
    /* The Cryptographic Extension (as on the usual A57/A72 parts). */
    features |= ARM_FEATURE_AES | ARM_FEATURE_PMULL | ARM_FEATURE_SHA1 | ARM_FEATURE_SHA256;
    if (model == ARM_CPU_MAX) {
        features |= ARM_FEATURE_LSE | ARM_FEATURE_LOR | ARM_FEATURE_SB | ARM_FEATURE_PAN;
        features |= ARM_FEATURE_RDM | ARM_FEATURE_DOTPROD | ARM_FEATURE_SHA512 | ARM_FEATURE_SHA3;
        features |= ARM_FEATURE_FP16 | ARM_FEATURE_JSCVT | ARM_FEATURE_FRINTTS;
        features |= ARM_FEATURE_BTI | ARM_FEATURE_RNG | ARM_FEATURE_UAO;
        /* FEAT_VHE only shows (ID_AA64MMFR1.VH) on a CPU that has EL2 (cpu-models.c). */
        features |= ARM_FEATURE_VHE;
        if (prop_pauth) {
            features |= ARM_FEATURE_PAUTH;
        }
    }
    arm_pauth_set_impdef(model == ARM_CPU_MAX && prop_pauth && prop_pauth_impdef);
}

uint64_t arm_cpu_features(void)
{
    return features;
}

uint64_t arm_cpu_hwcap(void)
{
    /* FP and AdvSIMD are part of every AArch64 model we emulate. */
    uint64_t h = HWCAP_FP | HWCAP_ASIMD;
    if (features & ARM_FEATURE_CRC32) {
        h |= HWCAP_CRC32;
    }
    if (features & ARM_FEATURE_LSE) {
        h |= HWCAP_ATOMICS;
    }
    if (features & ARM_FEATURE_PAUTH) {
        h |= HWCAP_PACA | HWCAP_PACG;
    }
    static const struct { uint64_t feature; uint32_t hwcap; } simd_caps[] = {
        { ARM_FEATURE_AES, HWCAP_AES }, { ARM_FEATURE_PMULL, HWCAP_PMULL },
        { ARM_FEATURE_SHA1, HWCAP_SHA1 }, { ARM_FEATURE_SHA256, HWCAP_SHA2 },
        { ARM_FEATURE_RDM, HWCAP_ASIMDRDM }, { ARM_FEATURE_DOTPROD, HWCAP_ASIMDDP },
        { ARM_FEATURE_SHA512, HWCAP_SHA512 }, { ARM_FEATURE_SHA3, HWCAP_SHA3 },
        { ARM_FEATURE_FP16, HWCAP_FPHP | HWCAP_ASIMDHP }, { ARM_FEATURE_JSCVT, HWCAP_JSCVT },
    };
    for (size_t i = 0; i < sizeof(simd_caps) / sizeof(simd_caps[0]); i++) {
        if (features & simd_caps[i].feature) {
            h |= simd_caps[i].hwcap;
        }
    }
    return h;
}

uint64_t arm_cpu_hwcap2(void)
{
    uint64_t h = (features & ARM_FEATURE_FRINTTS) ? HWCAP2_FRINT : 0;

    h |= (features & ARM_FEATURE_RNG) ? HWCAP2_RNG : 0;
    h |= (features & ARM_FEATURE_BTI) ? HWCAP2_BTI : 0;
    return h;
}

void arm_cpu_reset_user(CPUARMState *env, uint64_t pc, uint64_t sp)
{
    void *jmp_cache = env->jmp_cache;   /* the translator's, not architectural state */

    memset(env, 0, sizeof(*env));
    env->jmp_cache = jmp_cache;
    env->pc = pc;
    env->sp = sp;
    env->zf = 1;              /* Z clear */
    env->excl_addr = UINT64_MAX;
    /*
     * What Linux sets up for EL0 (the PAC layout and the TB flags read
     * them): 48-bit VAs with TBI0, every PAC key enabled, SCTLR_EL1.BT0
     * (PACIxSP is not a BTI j landing pad).  The keys are the loader's job.
     */
    env->tcr_el[1] = 16 | 16ull << 16 | 1ull << 37;
    if (features & ARM_FEATURE_PAUTH) {
        env->sctlr_el[1] |= SCTLR_EnIA | SCTLR_EnIB | SCTLR_EnDA | SCTLR_EnDB;
    }
    if (features & ARM_FEATURE_BTI) {
        env->sctlr_el[1] |= SCTLR_BT0;
    }
}

void arm_cpu_user_new_keys(CPUARMState *env, unsigned mask)
{
    for (unsigned k = 0; k < 5; k++) {
        if (mask & (1u << k)) {
            env->apkey[k][0] = helper_rndr();
            env->apkey[k][1] = helper_rndr();
        }
    }
}

/* Linux's PR_PAC_* (include/uapi/linux/prctl.h, arch/arm64/kernel/pointer_auth.c). */
#define PR_PAC_RESET_KEYS 54
#define PR_PAC_SET_ENABLED_KEYS 60
#define PR_PAC_GET_ENABLED_KEYS 61
#define PAC_KEYS_ALL 0x1fu   /* APIA, APIB, APDA, APDB, APGA */
#define PAC_KEYS_ADDR 0xfu

bool arm_cpu_user_prctl(CPUARMState *env, const uint64_t *a, int64_t *ret)
{
    static const uint64_t en[4] = { SCTLR_EnIA, SCTLR_EnIB, SCTLR_EnDA, SCTLR_EnDB };
    unsigned keys;

    if (a[0] != PR_PAC_RESET_KEYS && a[0] != PR_PAC_SET_ENABLED_KEYS && a[0] != PR_PAC_GET_ENABLED_KEYS) {
        return false;
    }
    *ret = -22;   /* EINVAL, also when the CPU has no PAuth, as on such a kernel */
    if (!(features & ARM_FEATURE_PAUTH)) {
        return true;
    }
    switch (a[0]) {
    case PR_PAC_RESET_KEYS:
        keys = a[1] ? (unsigned)a[1] : PAC_KEYS_ALL;
        if ((a[1] & ~(uint64_t)PAC_KEYS_ALL) || a[2] || a[3] || a[4]) {
            return true;
        }
        arm_cpu_user_new_keys(env, keys);
        *ret = 0;
        return true;
    case PR_PAC_SET_ENABLED_KEYS:
        if ((a[1] & ~(uint64_t)PAC_KEYS_ADDR) || (a[2] & ~a[1]) || a[3] || a[4]) {
            return true;
        }
        for (unsigned k = 0; k < 4; k++) {
            if (a[1] & (1u << k)) {
                env->sctlr_el[1] = (a[2] & (1u << k)) ? env->sctlr_el[1] | en[k] : env->sctlr_el[1] & ~en[k];
            }
        }
        *ret = 0;
        return true;
    default:
        if (a[1] || a[2] || a[3] || a[4]) {
            return true;
        }
        *ret = 0;
        for (unsigned k = 0; k < 4; k++) {
            *ret |= (env->sctlr_el[1] & en[k]) ? 1 << k : 0;
        }
        return true;
    }
}

static uint64_t arm_get_pc(void *env)
{
    return ((CPUARMState *)env)->pc;
}

static uint64_t arm_get_flags(void *env)
{
    return arm_tb_flags(env);   /* 0 in user mode: always EL0, AArch64 */
}

/*
 * FEAT_BTI: is the code page at pc guarded?  User mode: PROT_BTI in the
 * page flags.  System mode: the GP bit of the stage 1 descriptor, from a
 * probing walk in the regime of the block's instruction fetches (no
 * stage 1: never guarded).  A block is translated for one page, so this
 * holds for all of it; a later remap of the same VA and PA with another
 * GP bit keeps the translated blocks (Linux sets GP when it maps).
 */
static bool arm_page_guarded(CPUARMState *env, uint64_t pc, uint64_t flags)
{
    ArmWalkResult res;
    ArmRegime r;
    int idx;

    if (!env->sys_mode) {
        return (page_get_flags(pc) & PAGE_GUARDED) != 0;
    }
    idx = (int)arm_tbf_mmu_idx(flags);
    if (idx == ARM_MMU_IDX_EL1_PAN) {
        idx = ARM_MMU_IDX_EL1;
    } else if (idx == ARM_MMU_IDX_E20_2_PAN) {
        idx = ARM_MMU_IDX_E20_2;
    }
    arm_regime_for_mmu_idx(env, idx, &r);
    if (!r.mmu_enabled) {
        return false;
    }
    return arm_tlb_fill_result(env, pc, EXEC_ACCESS_FETCH, idx, true, &res) && res.guarded;
}

static uint32_t arm_translate(IRContext *ir, void *env, uint64_t pc, uint64_t flags,
                              bool (*fetch)(void *opaque, uint64_t pc, uint32_t *insn), void *opaque)
{
    /* The debugger's single step: one instruction per block (accel/exec.h). */
    int max_insns = (flags & EXEC_TBF_SINGLESTEP) ? 1 : 512;
    uint64_t tf = flags & ~EXEC_TBF_SINGLESTEP;

    if ((features & ARM_FEATURE_BTI) && arm_page_guarded(env, pc, flags)) {
        tf |= ARM_TBF_GUARDED;
    }
    return arm_translate_block_flags(ir, pc, features, tf, max_insns, fetch, opaque);
}

static void arm_set_fault(void *opaque, uint64_t guest_pc, uint64_t addr, int kind)
{
    CPUARMState *env = opaque;
    env->pc = guest_pc;
    env->exception_addr = addr;
    env->exception_class = (kind == FAULT_ALIGN_READ || kind == FAULT_ALIGN_WRITE)
                               ? ARM_EXC_ALIGNMENT : ARM_EXC_DATA_ABORT;
    env->exception_syndrome = (kind == FAULT_WRITE || kind == FAULT_ALIGN_WRITE) ? 1 : 0;
}

/* -d cpu: the general registers and PSTATE before a block (as QEMU lays them out). */
static void log_cpu_state(void *opaque, FILE *f)
{
    const CPUARMState *env = opaque;
    uint32_t nzcv = arm_get_nzcv(env);

    fprintf(f, "PC=%016llx ", (unsigned long long)env->pc);
    for (int i = 0; i < 31; i++) {
        /* Four to a line, the first after PC; SP ends the last. */
        fprintf(f, "X%02d=%016llx%s", i, (unsigned long long)env->xregs[i],
                i % 4 == 2 && i != 30 ? "\n" : " ");
    }
    fprintf(f, "SP=%016llx\n", (unsigned long long)env->sp);
    if (env->sys_mode) {
        /* EL and the stack selected, as in the mode names EL1h (SP_EL1) / EL1t (SP_EL0). */
        fprintf(f, "PSTATE=%08x %c%c%c%c EL%u%c DAIF=%x\n", arm_pstate_read(env),
                nzcv >> 31 & 1 ? 'N' : '-', nzcv >> 30 & 1 ? 'Z' : '-', nzcv >> 29 & 1 ? 'C' : '-',
                nzcv >> 28 & 1 ? 'V' : '-', env->pstate_el, env->spsel ? 'h' : 't',
                env->daif >> 6 & 0xf);
    } else {
        fprintf(f, "PSTATE=%08x %c%c%c%c EL0t\n", nzcv, nzcv >> 31 & 1 ? 'N' : '-',
                nzcv >> 30 & 1 ? 'Z' : '-', nzcv >> 29 & 1 ? 'C' : '-', nzcv >> 28 & 1 ? 'V' : '-');
    }
}

/* -d in_asm prints objdump-style text (issue #10). */
static void describe_insn(uint32_t insn, uint64_t pc, char *buf, size_t len)
{
    a64_disas(insn, pc, buf, len);
}

const ExecTarget arm_exec_target = {
    .env_pc_offset = offsetof(CPUARMState, pc),
    .env_exit_request_offset = offsetof(CPUARMState, exit_request),
    .env_jmp_cache_offset = offsetof(CPUARMState, jmp_cache),
    .init_ir = arm_translate_init,
    .get_pc = arm_get_pc,
    .get_flags = arm_get_flags,
    .translate = arm_translate,
    .set_fault = arm_set_fault,
    .tlb_fill = arm_tlb_fill,
    .describe_insn = describe_insn,
    .log_cpu_state = log_cpu_state,
};
