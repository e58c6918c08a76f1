/*
 * Architectural state of one AArch64 CPU, as the translated code sees it.
 *
 * Field layout is part of the contract with the frontend: translated code
 * addresses these fields by offset from env.  NZCV is kept split, in the
 * form that makes flag setting cheap (Arm ARM D1.2.4 gives the semantics):
 *   N = bit 63 of nf   (nf holds a sign-extended result)
 *   Z = (zf == 0)      (zf holds a zero-extended result)
 *   C = cf             (0 or 1)
 *   V = bit 63 of vf
 */
#ifndef TARGET_ARM_CPU_H
#define TARGET_ARM_CPU_H

#include <stdint.h>

typedef struct CPUARMState {
    uint64_t xregs[31];     /* X0-X30 */
    uint64_t sp;            /* the stack pointer of the current EL */
    uint64_t pc;
    uint64_t nf, zf, cf, vf;

    /* Exclusive monitor (LDXR/STXR): address, size and the value(s) loaded. */
    uint64_t excl_addr;     /* UINT64_MAX when the monitor is open */
    uint64_t excl_val, excl_val2;
    uint32_t excl_size;

    uint32_t fpcr, fpsr;
    uint64_t tpidr_el0, tpidrro_el0;

    /* FP/SIMD registers V0-V31, low 64 bits first. */
    uint64_t vregs[32][2] __attribute__((aligned(16)));

    /* Set by translated code before exit_tb(IR_EXIT_EXCEPTION). */
    uint32_t exception_class;  /* ARM_EXC_* below */
    uint32_t exception_syndrome;
    uint64_t exception_addr;   /* faulting address (FAR) where relevant */

    /*
     * Set (by another thread or a signal handler) to make the CPU leave
     * translated code at the next block boundary, even inside chained loops.
     */
    uint32_t exit_request;
} CPUARMState;

/* PSTATE.NZCV as the NZCV register holds it (bits 31:28). */
static inline uint32_t arm_get_nzcv(const CPUARMState *env)
{
    return (uint32_t)((env->nf >> 63) << 31 | (uint64_t)(env->zf == 0) << 30 |
                      (env->cf & 1) << 29 | (env->vf >> 63) << 28);
}

static inline void arm_set_nzcv(CPUARMState *env, uint32_t nzcv)
{
    env->nf = (nzcv >> 31) & 1 ? UINT64_MAX : 0;
    env->zf = (nzcv >> 30) & 1 ? 0 : 1;
    env->cf = (nzcv >> 29) & 1;
    env->vf = (nzcv >> 28) & 1 ? UINT64_MAX : 0;
}

/* Reasons a block leaves with IR_EXIT_EXCEPTION (what the target must handle). */
enum {
    ARM_EXC_NONE = 0,
    ARM_EXC_SVC,        /* syndrome: imm16 */
    ARM_EXC_BRK,        /* syndrome: imm16 */
    ARM_EXC_UNDEF,      /* syndrome: the instruction word */
    ARM_EXC_DATA_ABORT, /* exception_addr: the address */
    ARM_EXC_ALIGNMENT,  /* exception_addr: the address */
    ARM_EXC_HLT,
    ARM_EXC_YIELD,      /* not an exception: a hint to let other threads run */
    ARM_EXC_INSN_ABORT, /* exception_addr: the pc that could not be fetched */
};

#endif
