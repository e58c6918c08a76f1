/* The A64 CPU for the execution engine, and the CPU models: see exec-target.h. */
#include <string.h>
#include "target-arm/disas.h"
#include "target-arm/exception.h"
#include "target-arm/exec-target.h"
#include "target-arm/sysregs.h"
#include "target-arm/tlb-fill.h"
#include "target-arm/translate.h"

static uint64_t features;
static ArmCpuModel cpu_model = ARM_CPU_MAX;

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

void arm_print_cpu_models(FILE *f)
{
    fprintf(f, "Available CPUs:\n"
               "  cortex-a57   ARMv8.0 with CRC (and FP/AdvSIMD/crypto as implemented)\n"
               "  cortex-a72   ARMv8.0, as cortex-a57\n"
               "  max          every implemented feature (LSE atomics, ...)\n");
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
    }
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
    return (features & ARM_FEATURE_FRINTTS) ? HWCAP2_FRINT : 0;
}

void arm_cpu_reset_user(CPUARMState *env, uint64_t pc, uint64_t sp)
{
    memset(env, 0, sizeof(*env));
    env->pc = pc;
    env->sp = sp;
    env->zf = 1;              /* Z clear */
    env->excl_addr = UINT64_MAX;
}

static uint64_t arm_get_pc(void *env)
{
    return ((CPUARMState *)env)->pc;
}

static uint64_t arm_get_flags(void *env)
{
    return arm_tb_flags(env);   /* 0 in user mode: always EL0, AArch64 */
}

static uint32_t arm_translate(IRContext *ir, void *env, uint64_t pc, uint64_t flags,
                              bool (*fetch)(void *opaque, uint64_t pc, uint32_t *insn), void *opaque)
{
    /* The debugger's single step: one instruction per block (accel/exec.h). */
    int max_insns = (flags & EXEC_TBF_SINGLESTEP) ? 1 : 512;
    return arm_translate_block_flags(ir, pc, features, flags & ~EXEC_TBF_SINGLESTEP, max_insns,
                                     fetch, opaque);
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
    .init_ir = arm_translate_init,
    .get_pc = arm_get_pc,
    .get_flags = arm_get_flags,
    .translate = arm_translate,
    .set_fault = arm_set_fault,
    .tlb_fill = arm_tlb_fill,
    .describe_insn = describe_insn,
    .log_cpu_state = log_cpu_state,
};
