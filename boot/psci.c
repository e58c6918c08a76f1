/* PSCI 1.0 firmware model: see boot/psci.h. */
#include "boot/psci.h"
#include "target-arm/helpers-sys.h"
#include "util/log.h"

/* The function IDs we implement, in their SMC32 form (bit 30 clear). */
static bool psci_fn_known(uint32_t fn32)
{
    switch (fn32) {
    case PSCI_FN_PSCI_VERSION:
    case PSCI_FN_CPU_OFF:
    case PSCI_FN_CPU_ON:
    case PSCI_FN_AFFINITY_INFO:
    case PSCI_FN_MIGRATE_INFO_TYPE:
    case PSCI_FN_SYSTEM_OFF:
    case PSCI_FN_SYSTEM_RESET:
    case PSCI_FN_FEATURES:
        return true;
    default:
        return false;
    }
}

/* Which calls have an SMC64 form (DEN 0022 5.1: those that pass addresses or MPIDRs). */
static bool psci_fn_has_64(uint32_t fn32)
{
    return fn32 == PSCI_FN_CPU_ON || fn32 == PSCI_FN_AFFINITY_INFO || fn32 == PSCI_FN_CPU_SUSPEND ||
           fn32 == PSCI_FN_MIGRATE;
}

static void set_ret(CPUARMState *env, int64_t v)
{
    env->xregs[0] = (uint64_t)v;
}

int psci_handle_call(const PsciOps *ops, CPUARMState *env, bool is_smc)
{
    uint32_t fn = (uint32_t)env->xregs[0];
    bool is64 = (fn & PSCI_0_2_64BIT) != 0;
    uint32_t fn32 = fn & ~PSCI_0_2_64BIT;
    uint64_t a1 = env->xregs[1], a2 = env->xregs[2], a3 = env->xregs[3];
    int cpu;

    (void)is_smc;
    if ((fn32 & 0xffff0000u) != PSCI_0_2_FN_BASE) {
        /* Not the standard secure service range: other SMCCC services are absent. */
        emu_log_mask(LOG_UNIMP, "psci: unknown SMCCC function 0x%08x\n", fn);
        set_ret(env, PSCI_RET_NOT_SUPPORTED);
        return ARM_PSCI_DONE;
    }
    if (!is64) {
        /* SMC32 calls take 32-bit arguments. */
        a1 = (uint32_t)a1;
        a2 = (uint32_t)a2;
        a3 = (uint32_t)a3;
    } else if (!psci_fn_has_64(fn32)) {
        set_ret(env, PSCI_RET_NOT_SUPPORTED);
        return ARM_PSCI_DONE;
    }

    switch (fn32) {
    case PSCI_FN_PSCI_VERSION:
        set_ret(env, PSCI_VERSION_1_0);
        return ARM_PSCI_DONE;
    case PSCI_FN_CPU_ON:
        cpu = ops->cpu_by_mpidr(ops->opaque, a1);
        if (cpu < 0) {
            set_ret(env, PSCI_RET_INVALID_PARAMS);
            return ARM_PSCI_DONE;
        }
        switch (ops->cpu_state(ops->opaque, (unsigned)cpu)) {
        case PSCI_AFF_ON:
            set_ret(env, PSCI_RET_ALREADY_ON);
            return ARM_PSCI_DONE;
        case PSCI_AFF_ON_PENDING:
            set_ret(env, PSCI_RET_ON_PENDING);
            return ARM_PSCI_DONE;
        default:
            break;
        }
        /* The new CPU starts at the caller's EL (DEN 0022 6.4.3). */
        ops->cpu_on(ops->opaque, (unsigned)cpu, a2, a3, env->pstate_el);
        set_ret(env, PSCI_RET_SUCCESS);
        return ARM_PSCI_DONE;
    case PSCI_FN_CPU_OFF:
        ops->cpu_off(ops->opaque, env->cpu_index);
        /* Only reached if it fails; we never fail, but X0 must hold something. */
        set_ret(env, PSCI_RET_SUCCESS);
        return ARM_PSCI_HALT;
    case PSCI_FN_AFFINITY_INFO:
        /* Only level 0 (a single core) is described by our MPIDRs. */
        if (a2 != 0) {
            set_ret(env, PSCI_RET_INVALID_PARAMS);
            return ARM_PSCI_DONE;
        }
        cpu = ops->cpu_by_mpidr(ops->opaque, a1);
        if (cpu < 0) {
            set_ret(env, PSCI_RET_INVALID_PARAMS);
            return ARM_PSCI_DONE;
        }
        set_ret(env, ops->cpu_state(ops->opaque, (unsigned)cpu));
        return ARM_PSCI_DONE;
    case PSCI_FN_MIGRATE_INFO_TYPE:
        set_ret(env, PSCI_MIGRATE_NONE);
        return ARM_PSCI_DONE;
    case PSCI_FN_SYSTEM_OFF:
        ops->system_off(ops->opaque);
        set_ret(env, PSCI_RET_INTERNAL_FAILURE);
        return ARM_PSCI_HALT;
    case PSCI_FN_SYSTEM_RESET:
        ops->system_reset(ops->opaque);
        set_ret(env, PSCI_RET_INTERNAL_FAILURE);
        return ARM_PSCI_HALT;
    case PSCI_FN_FEATURES: {
        uint32_t q = (uint32_t)a1;
        uint32_t q32 = q & ~PSCI_0_2_64BIT;
        bool ok = (q32 & 0xffff0000u) == PSCI_0_2_FN_BASE && psci_fn_known(q32) &&
                  (!(q & PSCI_0_2_64BIT) || psci_fn_has_64(q32));
        /* 0: supported, no feature flags (CPU_SUSPEND is not offered). */
        set_ret(env, ok ? 0 : PSCI_RET_NOT_SUPPORTED);
        return ARM_PSCI_DONE;
    }
    default:
        emu_log_mask(LOG_UNIMP, "psci: function 0x%08x not implemented\n", fn);
        set_ret(env, PSCI_RET_NOT_SUPPORTED);
        return ARM_PSCI_DONE;
    }
}
