/*
 * AArch64 exception model of the system CPU (Arm ARM D1.10-D1.11): taking
 * synchronous exceptions and interrupts to an EL, the ESR_ELx syndrome
 * encodings (D17.2.37), exception return, interrupt routing/masking, and the
 * cpu loop's entry points for the system target.
 *
 * Public functions: arm_take_exception, arm_exception_return,
 * arm_cpu_handle_exception_exit, arm_cpu_irq_pending, arm_cpu_has_work,
 * arm_cpu_exec_interrupt, arm_cpu_set_irq/fiq/serror, arm_pstate_read,
 * arm_set_el_sp, arm_sync_target_el, arm_cpu_set_el_config,
 * arm_cpu_check_unmasked, and the syn_* syndrome builders.
 *
 * The board's cpu loop, per CPU thread:
 *     for (;;) {
 *         if (env->halted == ARM_HALT_WFI && !arm_cpu_has_work(env)) { wait for a line to rise; continue; }
 *         if (env->halted == ARM_HALT_WFE && no event (arm_wfe_should_wake)) { wait; continue; }
 *         env->halted = ARM_HALT_NONE;
 *         arm_cpu_exec_interrupt(env);        (takes a deliverable IRQ/FIQ/SError)
 *         switch (cpu_exec(cpu)) {
 *         case IR_EXIT_EXCEPTION: arm_cpu_handle_exception_exit(env); break;
 *         case IR_EXIT_HALT:      env->halted = ARM_HALT_WFI; break;   (WFI, PSCI CPU_OFF)
 *         case ARM_EXIT_WFE:      env->halted = ARM_HALT_WFE; break;   (WFE, event register clear)
 *         default:                break;      (exit request: interrupt, unmask)
 *         }
 *     }
 * A device raising a line (arm_cpu_set_irq...) must also call
 * cpu_exit_request() for that CPU so that chained blocks are left.
 */
#ifndef TARGET_ARM_EXCEPTION_H
#define TARGET_ARM_EXCEPTION_H

#include <stdbool.h>
#include <stdint.h>
#include "target-arm/cpu.h"
#include "tcg/ir.h"

/* cpu_exec's reason for a WFE that found the event register clear (pc: the next instruction). */
#define ARM_EXIT_WFE (IR_EXIT_TARGET_BASE + 1)

/* Kinds of exception, in vector-table order (D1.10.2). */
typedef enum ArmExcType { ARM_EXCP_SYNC = 0, ARM_EXCP_IRQ = 1, ARM_EXCP_FIQ = 2, ARM_EXCP_SERROR = 3 } ArmExcType;

/* ESR_ELx.EC values (D17.2.37). */
enum {
    EC_UNCATEGORIZED = 0x00,
    EC_WFX = 0x01,
    EC_FP_ACCESS = 0x07,
    EC_ILLEGAL_STATE = 0x0e,
    EC_SVC64 = 0x15,
    EC_HVC64 = 0x16,
    EC_SMC64 = 0x17,
    EC_SYSREG = 0x18,
    EC_INSN_ABORT_LOWER = 0x20,
    EC_INSN_ABORT_SAME = 0x21,
    EC_PC_ALIGN = 0x22,
    EC_DATA_ABORT_LOWER = 0x24,
    EC_DATA_ABORT_SAME = 0x25,
    EC_SP_ALIGN = 0x26,
    EC_SERROR = 0x2f,
    EC_BREAKPOINT_LOWER = 0x30,
    EC_BREAKPOINT_SAME = 0x31,
    EC_SOFTSTEP_LOWER = 0x32,
    EC_SOFTSTEP_SAME = 0x33,
    EC_WATCHPOINT_LOWER = 0x34,
    EC_WATCHPOINT_SAME = 0x35,
    EC_BRK64 = 0x3c,
};

#define ARM_ESR_EC_SHIFT 26
#define ARM_ESR_IL (1u << 25)

/* Fault status codes (DFSC/IFSC) the emulator produces itself. */
enum {
    ARM_FSC_ADDR_SIZE_L0 = 0x00,   /* + level */
    ARM_FSC_TRANSLATION_L0 = 0x04, /* + level */
    ARM_FSC_ACCESS_FLAG_L0 = 0x08, /* + level */
    ARM_FSC_PERMISSION_L0 = 0x0c,  /* + level */
    ARM_FSC_SEA = 0x10,            /* synchronous external abort */
    ARM_FSC_ALIGNMENT = 0x21,
};

/* PSTATE bits as SPSR_ELx holds them (C5.2.18). */
#define PSTATE_M_MASK 0xfu
#define PSTATE_nRW (1u << 4)
#define PSTATE_F (1u << 6)
#define PSTATE_I (1u << 7)
#define PSTATE_A (1u << 8)
#define PSTATE_D (1u << 9)
#define PSTATE_DAIF (PSTATE_D | PSTATE_A | PSTATE_I | PSTATE_F)
#define PSTATE_SSBS (1u << 12)
#define PSTATE_IL (1u << 20)
#define PSTATE_SS (1u << 21)
#define PSTATE_PAN (1u << 22)
#define PSTATE_UAO (1u << 23)
#define PSTATE_DIT (1u << 24)

/* Register bits the exception code reads. */
#define SCTLR_M (1ull << 0)
#define SCTLR_A (1ull << 1)
#define SCTLR_SA0 (1ull << 4)
#define SCTLR_SA (1ull << 3)
#define SCTLR_UMA (1ull << 9)
#define SCTLR_DZE (1ull << 14)
#define SCTLR_UCT (1ull << 15)
#define SCTLR_nTWI (1ull << 16)
#define SCTLR_nTWE (1ull << 18)
#define SCTLR_UCI (1ull << 26)
#define SCTLR_SPAN (1ull << 23)
#define SCTLR_DSSBS (1ull << 44)
#define HCR_VM (1ull << 0)
#define HCR_FMO (1ull << 3)
#define HCR_IMO (1ull << 4)
#define HCR_AMO (1ull << 5)
#define HCR_VF (1ull << 6)
#define HCR_VI (1ull << 7)
#define HCR_VSE (1ull << 8)
#define HCR_TWI (1ull << 13)
#define HCR_TWE (1ull << 14)
#define HCR_TID3 (1ull << 18)
#define HCR_TSC (1ull << 19)
#define HCR_TVM (1ull << 26)
#define HCR_TGE (1ull << 27)
#define HCR_HCD (1ull << 29)
#define HCR_TRVM (1ull << 30)
#define HCR_RW (1ull << 31)
#define HCR_E2H (1ull << 34)   /* FEAT_VHE; RES0 (kept 0 by the HCR_EL2 write) without it */
#define SCR_NS (1ull << 0)
#define SCR_IRQ (1ull << 1)
#define SCR_FIQ (1ull << 2)
#define SCR_EA (1ull << 3)
#define SCR_SMD (1ull << 7)
#define SCR_HCE (1ull << 8)
#define SCR_RW (1ull << 10)

/* --- syndromes (D17.2.37 ESR_ELx and the ISS encodings per EC) --- */

static inline uint32_t syn_make(unsigned ec, bool il, uint32_t iss)
{
    return (uint32_t)ec << ARM_ESR_EC_SHIFT | (il ? ARM_ESR_IL : 0) | (iss & 0x1ffffff);
}
static inline uint32_t syn_uncategorized(void) { return syn_make(EC_UNCATEGORIZED, true, 0); }
static inline uint32_t syn_svc(uint32_t imm16) { return syn_make(EC_SVC64, true, imm16 & 0xffff); }
static inline uint32_t syn_hvc(uint32_t imm16) { return syn_make(EC_HVC64, true, imm16 & 0xffff); }
static inline uint32_t syn_smc(uint32_t imm16) { return syn_make(EC_SMC64, true, imm16 & 0xffff); }
static inline uint32_t syn_brk(uint32_t imm16) { return syn_make(EC_BRK64, true, imm16 & 0xffff); }
static inline uint32_t syn_illegal_state(void) { return syn_make(EC_ILLEGAL_STATE, true, 0); }
static inline uint32_t syn_pc_align(void) { return syn_make(EC_PC_ALIGN, true, 0); }
static inline uint32_t syn_sp_align(void) { return syn_make(EC_SP_ALIGN, true, 0); }
/* D17.2.37: ISS for EC 0x18: Op0<21:20> Op2<19:17> Op1<16:14> CRn<13:10> Rt<9:5> CRm<4:1> Dir<0>. */
static inline uint32_t syn_sysreg(unsigned op0, unsigned op1, unsigned crn, unsigned crm,
                                  unsigned op2, unsigned rt, bool isread)
{
    return syn_make(EC_SYSREG, true,
                    (uint32_t)op0 << 20 | op2 << 17 | op1 << 14 | crn << 10 | rt << 5 | crm << 1 |
                        (isread ? 1 : 0));
}
/* EC 0x07 from A64: CV = 1, COND = 0b1110. */
static inline uint32_t syn_fp_access(void) { return syn_make(EC_FP_ACCESS, true, 1u << 24 | 0xeu << 20); }
/* EC 0x01: CV = 1, COND = 0b1110, TI = 0 WFI / 1 WFE. */
static inline uint32_t syn_wfx(bool is_wfe) { return syn_make(EC_WFX, true, 1u << 24 | 0xeu << 20 | (is_wfe ? 1 : 0)); }
static inline uint32_t syn_insn_abort(bool same_el, bool s1ptw, unsigned ifsc)
{
    return syn_make(same_el ? EC_INSN_ABORT_SAME : EC_INSN_ABORT_LOWER, true,
                    (s1ptw ? 1u << 7 : 0) | (ifsc & 0x3f));
}
/* Data abort without instruction syndrome (ISV = 0): CM<8> S1PTW<7> WnR<6> DFSC. */
static inline uint32_t syn_data_abort(bool same_el, bool cm, bool s1ptw, bool wnr, unsigned dfsc)
{
    return syn_make(same_el ? EC_DATA_ABORT_SAME : EC_DATA_ABORT_LOWER, true,
                    (cm ? 1u << 8 : 0) | (s1ptw ? 1u << 7 : 0) | (wnr ? 1u << 6 : 0) | (dfsc & 0x3f));
}
static inline uint32_t syn_breakpoint(bool same_el)
{
    return syn_make(same_el ? EC_BREAKPOINT_SAME : EC_BREAKPOINT_LOWER, true, 0x22);
}
static inline uint32_t syn_watchpoint(bool same_el, bool cm, bool wnr)
{
    return syn_make(same_el ? EC_WATCHPOINT_SAME : EC_WATCHPOINT_LOWER, true,
                    (cm ? 1u << 8 : 0) | (wnr ? 1u << 6 : 0) | 0x22);
}
/* ISV<24> (the instruction that was stepped is valid), EX<6> (it was a load-exclusive). */
static inline uint32_t syn_softstep(bool same_el, bool isv, bool ex)
{
    return syn_make(same_el ? EC_SOFTSTEP_SAME : EC_SOFTSTEP_LOWER, true,
                    (isv ? 1u << 24 : 0) | (ex ? 1u << 6 : 0) | 0x22);
}

/* --- PSTATE and stack pointer --- */

/* PSTATE as SPSR_ELx stores it (AArch64: nRW = 0, M = EL:SPSel). */
uint32_t arm_pstate_read(const CPUARMState *env);
/*
 * Change PSTATE.EL and PSTATE.SP, moving env->sp into its bank and loading
 * the new current stack pointer.  Every EL/SPSel change goes through here.
 */
void arm_set_el_sp(CPUARMState *env, unsigned el, unsigned spsel);

/*
 * Select which ELs the CPU has (virtualization=on gives EL2, secure=on
 * EL3) and reset PSTATE to the highest one with SP_ELx, all of DAIF
 * masked.  Called by arm_cpu_reset_system and by the board.
 */
void arm_cpu_set_el_config(CPUARMState *env, bool has_el2, bool has_el3);

/* EL that takes a synchronous exception raised at the current EL (EL0 -> EL1, or EL2 with HCR.TGE). */
unsigned arm_sync_target_el(const CPUARMState *env);

/* --- taking and returning --- */

/*
 * D1.10 Exception entry: take an exception of kind type to target_el
 * (>= the current EL, implemented).  env->pc must hold the preferred
 * return address.  syndrome is the ESR value (sync and SError only), far
 * the faulting address for the classes that have one (aborts, PC
 * alignment, watchpoints).
 */
void arm_take_exception(CPUARMState *env, ArmExcType type, uint32_t syndrome, uint64_t far,
                        unsigned target_el);

/* C6.2 ERET / D1.11 exception return from the current EL (>= 1). */
void arm_exception_return(CPUARMState *env);

/*
 * The system cpu loop calls this after IR_EXIT_EXCEPTION: turns what the
 * translated code recorded (env->exception_class etc.) into the
 * architectural exception.  Returns false for ARM_EXC_YIELD (nothing to
 * take).
 */
bool arm_cpu_handle_exception_exit(CPUARMState *env);

/* --- interrupts (D1.13): levels driven by the board --- */
void arm_cpu_set_irq(CPUARMState *env, bool level);
void arm_cpu_set_fiq(CPUARMState *env, bool level);
void arm_cpu_set_serror(CPUARMState *env, bool level);
/*
 * The interrupt that would be taken now (ARM_EXCP_IRQ/FIQ/SERROR) given
 * routing (SCR_EL3, HCR_EL2) and masking (PSTATE.DAIF), or -1 for none.
 * Virtual IRQ/FIQ/SError from HCR_EL2.VI/VF/VSE count too.
 */
int arm_cpu_irq_pending(const CPUARMState *env);
/* WFI wake-up: an interrupt is asserted, masked or not (D1.16.2). */
bool arm_cpu_has_work(const CPUARMState *env);
/*
 * After a change of PSTATE.DAIF, EL or the routing registers (MSR DAIF*,
 * ERET, HCR/SCR writes): if an interrupt became deliverable, set
 * env->exit_request so that the cpu loop returns to the board at the end
 * of the block, which then calls arm_cpu_exec_interrupt.
 */
void arm_cpu_check_unmasked(CPUARMState *env);
/* Take the pending interrupt if any; returns true when one was taken. */
bool arm_cpu_exec_interrupt(CPUARMState *env);

#endif
