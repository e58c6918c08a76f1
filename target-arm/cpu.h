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
 * except that N, C and V are computed lazily after ADDS/SUBS (CMP, CMN)
 * with no carry-in, the commonest flag setters: translated code then sets
 * only zf (the result, zero-extended for 32 bits) and leaves nf, cf and vf
 * stale, recording which operation it was in cc_op (ARM_CC_*) and its
 * second operand in cc_b; the first follows from the result.
 * arm_get_nzcv() and arm_cc_flags() give the architectural values.
 */
#ifndef TARGET_ARM_CPU_H
#define TARGET_ARM_CPU_H

#include <stdbool.h>
#include <stdint.h>

typedef struct CPUARMState {
    uint64_t xregs[31];     /* X0-X30 */
    uint64_t sp;            /* the stack pointer of the current EL */
    uint64_t pc;
    uint64_t nf, zf, cf, vf;
    uint64_t cc_b, cc_op;   /* lazy C and V: see above */

    /* Exclusive monitor (LDXR/STXR): address, size and the value(s) loaded. */
    uint64_t excl_addr;     /* UINT64_MAX when the monitor is open */
    uint64_t excl_val, excl_val2;
    uint32_t excl_size;

    uint32_t fpcr, fpsr;
    uint64_t tpidr_el0, tpidrro_el0;

    /* FP/SIMD registers V0-V31, low 64 bits first. */
    uint64_t vregs[32][2] __attribute__((aligned(16)));
    /*
     * Scratch vectors for AdvSIMD translation: structure loads assemble
     * their registers here before committing (so a fault leaves V0-V31
     * untouched), and by-element / immediate forms broadcast operands here.
     */
    uint64_t vscratch[8][2] __attribute__((aligned(16)));

    /* Set by translated code before exit_tb(IR_EXIT_EXCEPTION). */
    uint32_t exception_class;  /* ARM_EXC_* below */
    uint32_t exception_syndrome;
    uint64_t exception_addr;   /* faulting address (FAR) where relevant */

    /*
     * Set (by another thread or a signal handler) to make the CPU leave
     * translated code at the next block boundary, even inside chained loops.
     */
    uint32_t exit_request;
    /* accel/exec.c's jump cache of this CPU, for the JIT's inline lookup. */
    void *jmp_cache;

    /*
     * ---- System state (system emulation; user mode leaves it all zero,
     * which is EL0 with SP_EL0).  Registers banked by EL are arrays indexed
     * by the EL that owns them (index 0 unused where no _EL0 form exists).
     * D1.2 PSTATE, D13.2 general system registers.
     */
    uint32_t pstate_el;     /* PSTATE.EL: 0-3 */
    uint32_t spsel;         /* PSTATE.SP: 1 = SP_ELx, 0 = SP_EL0 */
    uint32_t daif;          /* PSTATE.{D,A,I,F} in the DAIF register's bits 9:6 */
    uint32_t pan, uao, ss, il, dit, ssbs;   /* each 0 or 1 */
    uint32_t halted;        /* ARM_HALT_*: set by the board's loop, cleared on wake */
    /*
     * D1.16.1 the Event Register of WFE (0 or 1): set by SEVL, by SEV on
     * any CPU, by exception entry and return, by an interrupt line rising
     * (even masked) and by the board when the timer event stream or the
     * clearing of this CPU's exclusive monitor wakes a WFE.  Other threads
     * set it with atomics; WFE (translated code) clears it.
     */
    uint32_t event_reg;
    uint64_t sp_el[4];      /* banked stack pointers; sp holds the current one */
    uint64_t elr_el[4], spsr_el[4], esr_el[4], far_el[4], vbar_el[4];
    uint64_t sctlr_el[4], tcr_el[4], ttbr0_el[4], ttbr1_el[4], mair_el[4], amair_el[4];
    uint64_t actlr_el[4], afsr0_el[4], afsr1_el[4], tpidr_el[4];  /* tpidr_el[0] unused */
    uint64_t contextidr_el1, cpacr_el1, par_el1, csselr_el1, cntkctl_el1;
    uint64_t mdscr_el1, oslsr_el1, osdlr_el1, mdccint_el1;
    uint64_t dbgbvr[16], dbgbcr[16], dbgwvr[16], dbgwcr[16];
    /* EL2 (when has_el2) and EL3 (when has_el3). */
    uint64_t hcr_el2, vttbr_el2, vtcr_el2, cptr_el2, mdcr_el2, hstr_el2, hacr_el2;
    uint64_t vpidr_el2, vmpidr_el2, hpfar_el2;
    uint64_t contextidr_el2;    /* FEAT_VHE */
    uint64_t scr_el3, cptr_el3, mdcr_el3;
    /* Identification (set by arm_cpu_model_init from the model). */
    uint64_t midr, revidr, mpidr;
    uint64_t id_aa64pfr0, id_aa64pfr1, id_aa64isar0, id_aa64isar1;
    uint64_t id_aa64mmfr0, id_aa64mmfr1, id_aa64mmfr2, id_aa64dfr0, id_aa64zfr0;
    uint64_t ctr_el0, dczid_el0, clidr_el1, aidr_el1;
    uint64_t ccsidr[16];    /* by CSSELR_EL1 (Level << 1 | InD) */
    bool has_el2, has_el3;
    bool sys_mode;          /* system emulation: TB flags come from the state above */
    uint32_t cpu_index;
    /* Interrupt inputs the board drives (levels), and the SError line. */
    uint32_t irq_line, fiq_line, serror_line;
    /* The generic timers of this CPU (hw/arm-timer.h), set by the board; may be NULL. */
    struct ArmTimerCpu *timer;
    /* Physical memory for the page-table walker (target-arm/mmu.h), set by the board. */
    const struct ArmMMUPhys *mmu_phys;
    /*
     * PSCI firmware model, called for HVC (no EL2) or SMC (no EL3): see
     * exception.h (arm_psci_call).  Board-provided; NULL = no firmware.
     */
    int (*psci_call)(struct CPUARMState *env, bool is_smc, uint32_t imm16);
    void *board_opaque;     /* for the board's hooks */
    /* SEV: set every CPU's event register and wake those in WFE.  Board-provided; may be NULL. */
    void (*send_event)(struct CPUARMState *env);
    /* Where translated code passes a runtime value to a system helper. */
    uint32_t exception_target_el;   /* for ARM_EXC_ESR */
    /*
     * FEAT_PAuth keys (D17.2 APIAKeyLo_EL1 ... APGAKeyHi_EL1), by key
     * (ARM_PAUTH_KEY_IA, IB, DA, DB, GA) then [0] Lo, [1] Hi.  Both targets:
     * user mode sets them at exec (per process, as Linux does).
     */
    uint64_t apkey[5][2];
    /*
     * FEAT_BTI PSTATE.BTYPE (0-3): set by indirect branches, checked and
     * cleared by the first instruction of the next block (translate.c).
     */
    uint32_t btype;
} CPUARMState;

/*
 * CPUARMState.halted: why the board's loop keeps the CPU off guest code.
 * WFI (and PSCI CPU_OFF) waits for an interrupt, pending even if masked;
 * WFE for an event (see event_reg) or a deliverable interrupt.
 */
enum { ARM_HALT_NONE = 0, ARM_HALT_WFI = 1, ARM_HALT_WFE = 2 };

/* cc_op: how C and V are held. */
enum {
    ARM_CC_EAGER,   /* in nf, cf and vf */
    ARM_CC_SUB64,   /* zf = a - b, cc_b = b */
    ARM_CC_SUB32,   /* zf = (uint32_t)(a - b), cc_b = (uint32_t)b */
    ARM_CC_ADD64,   /* zf = a + b, cc_b = b */
    ARM_CC_ADD32,   /* zf = (uint32_t)(a + b), cc_b = (uint32_t)b */
};

/*
 * N, C and V (0/1) from the flag fields, as N << 2 | C << 1 | V:
 * AddWithCarry() of Arm ARM J1.1.3 with the first operand recovered from
 * the result.  The same function serves the C side and translated code
 * (helper flags_ncv).
 */
static inline unsigned arm_cc_flags(uint64_t cc_op, uint64_t nf, uint64_t zf, uint64_t cc_b,
                                    uint64_t cf, uint64_t vf)
{
    uint64_t a, r = zf, b = cc_b, n, c, v;

    switch (cc_op) {
    case ARM_CC_SUB64:
        a = r + b;
        n = r >> 63;
        c = a >= b;
        v = ((a ^ b) & (a ^ r)) >> 63;
        break;
    case ARM_CC_SUB32:
        a = (uint32_t)(r + b);
        n = (r >> 31) & 1;
        c = a >= b;
        v = (((a ^ b) & (a ^ r)) >> 31) & 1;
        break;
    case ARM_CC_ADD64:
        a = r - b;
        n = r >> 63;
        c = r < a;
        v = ((r ^ a) & ~(a ^ b)) >> 63;
        break;
    case ARM_CC_ADD32:
        a = (uint32_t)(r - b);
        n = (r >> 31) & 1;
        c = r < a;
        v = (((r ^ a) & ~(a ^ b)) >> 31) & 1;
        break;
    default:
        n = nf >> 63;
        c = cf & 1;
        v = vf >> 63;
        break;
    }
    return (unsigned)(n << 2 | c << 1 | v);
}

/* PSTATE.NZCV as the NZCV register holds it (bits 31:28). */
static inline uint32_t arm_get_nzcv(const CPUARMState *env)
{
    unsigned ncv = arm_cc_flags(env->cc_op, env->nf, env->zf, env->cc_b, env->cf, env->vf);

    return (uint32_t)((uint64_t)(ncv >> 2) << 31 | (uint64_t)(env->zf == 0) << 30 |
                      (uint64_t)(ncv & 3) << 28);
}

static inline void arm_set_nzcv(CPUARMState *env, uint32_t nzcv)
{
    env->nf = (nzcv >> 31) & 1 ? UINT64_MAX : 0;
    env->zf = (nzcv >> 30) & 1 ? 0 : 1;
    env->cf = (nzcv >> 29) & 1;
    env->vf = (nzcv >> 28) & 1 ? UINT64_MAX : 0;
    env->cc_op = ARM_CC_EAGER;
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
    /*
     * System mode only: exception_syndrome is a complete ESR_ELx value
     * (EC | IL | ISS), exception_target_el the EL that takes it and
     * exception_addr the FAR where the class has one.
     */
    ARM_EXC_ESR,
};

#endif
