/*
 * Helpers of the system CPU (MRS/MSR of registers with side effects, PSTATE
 * writes, ERET, HVC/SMC through the PSCI hook, TLBI, AT, DC, IC): a second
 * X-macro table in the format of helpers.h, using its generator macros, so
 * prototypes, IRHelperInfo records and gen_helper_* builders come from one
 * list.  helper-sys.c defines them.
 */
#ifndef TARGET_ARM_HELPERS_SYS_H
#define TARGET_ARM_HELPERS_SYS_H

#include "target-arm/helpers.h"

#define ARM_SYS_RW (IR_HELPER_READS_GLOBALS | IR_HELPER_WRITES_GLOBALS)

#define ARM_SYS_HELPERS(X)                                                              \
    /* (env, table index) -> value: MRS through the table's read function */           \
    X(sysreg_read,  uint64_t, 2, ARM_SYS_RW)                                             \
    /* (env, table index, value): MSR through the table's write function */            \
    X(sysreg_write, void,     3, ARM_SYS_RW)                                             \
    /* (env, field, imm): MSR (immediate); field ARM_PSTATE_FIELD_* */                 \
    X(msr_i,        void,     3, ARM_SYS_RW)                                             \
    /* (env): ERET; sets pc, PSTATE and the current SP */                              \
    X(eret,         void,     1, ARM_SYS_RW)                                             \
    /* (env, is_smc, imm16) -> ARM_PSCI_* : the firmware hook for HVC/SMC */            \
    X(psci,         uint64_t, 3, ARM_SYS_RW)                                             \
    /* (env, op1:CRm:op2 key, Xt): TLBI */                                              \
    X(tlbi,         void,     3, ARM_SYS_RW)                                             \
    /* (env, op1:CRm:op2 key, VA): AT, writes PAR_EL1 */                                \
    X(at,           void,     3, ARM_SYS_RW)                                             \
    /* (env, VA, is_ivac) -> 0, or 1 with a data abort recorded: DC by VA checks */    \
    X(dc_va,        uint64_t, 3, ARM_SYS_RW)                                             \
    /* (env, is_all, VA): IC IALLU(IS) / IVAU */                                         \
    X(ic,           void,     3, ARM_SYS_RW)                                             \
    /* (env) -> ARM_PSCI_DONE/HALT: Arm semihosting call (semihosting.c) */           \
    X(semihost,     uint64_t, 1, ARM_SYS_RW)                                             \
    /* (env): SEV; writes only event registers, which translated code reloads */       \
    X(sev,          void,     1, 0)

#define ARM_SYS_HELPER_PROTO(name, ret, nargs, flags) \
    ret helper_##name(ARM_HELPER_PARAMS_##nargs);     \
    extern const IRHelperInfo helper_info_##name;
ARM_SYS_HELPERS(ARM_SYS_HELPER_PROTO)
#undef ARM_SYS_HELPER_PROTO

#define ARM_SYS_HELPER_GEN(name, ret, nargs, flags)                                    \
    static inline __attribute__((unused)) void gen_helper_##name(                       \
        IRContext *ir ARM_HELPER_RES_##ret ARM_HELPER_GPARAMS_##nargs)                  \
    {                                                                                   \
        const IRTemp args[] = { ARM_HELPER_GARGS_##nargs };                             \
        ir_call(ir, &helper_info_##name, ARM_HELPER_RESTEMP_##ret, args);               \
    }
ARM_SYS_HELPERS(ARM_SYS_HELPER_GEN)
#undef ARM_SYS_HELPER_GEN

/* MSR (immediate) fields (C5.2 encodings op1:op2). */
enum { ARM_PSTATE_FIELD_SPSEL, ARM_PSTATE_FIELD_DAIFSET, ARM_PSTATE_FIELD_DAIFCLR, ARM_PSTATE_FIELD_PAN };

/*
 * Return of the PSCI hook (CPUARMState.psci_call) and of helper_psci:
 * the call was handled (X0.. set, continue after the HVC/SMC), there is
 * no firmware for it (UNDEFINED), or the CPU must stop (CPU_OFF,
 * SYSTEM_OFF...: the block leaves with IR_EXIT_HALT after X0 is set).
 */
enum { ARM_PSCI_DONE = 0, ARM_PSCI_UNDEF = 1, ARM_PSCI_HALT = 2 };

/* Key of a TLBI/AT/DC/IC operation: op1 << 7 | CRn << 3... as used by the helpers. */
#define ARM_SYS_KEY(op1, crn, crm, op2) ((unsigned)(op1) << 11 | (crn) << 7 | (crm) << 3 | (op2))

#endif
