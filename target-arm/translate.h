/*
 * The A64 frontend's translation context and the small vocabulary every
 * decode-*.c file uses to emit IR: register access with the A64 rules for
 * register 31 (XZR or SP), flag setting, condition evaluation, exceptions.
 *
 * One DisasContext lives for one translation block.  trans_* functions
 * (named after the patterns of the .decode tables) return true when they
 * translated the instruction and false when the encoding is unallocated,
 * which makes the caller raise UNDEFINED.
 */
#ifndef TARGET_ARM_TRANSLATE_H
#define TARGET_ARM_TRANSLATE_H

#include <stdbool.h>
#include <stdint.h>
#include "target-arm/cpu.h"
#include "target-arm/sysregs.h"
#include "tcg/ir.h"

/* How the block ends after the current instruction. */
typedef enum DisasJumpType {
    DISAS_NEXT,        /* go on with the next instruction */
    DISAS_TOO_MANY,    /* block size limit: link to the next pc */
    DISAS_NORETURN,    /* the instruction emitted its own exit */
    DISAS_UPDATE_EXIT, /* state changed in a way that needs a fresh lookup: exit_tb */
} DisasJumpType;

typedef struct DisasContext {
    IRContext *ir;
    uint64_t pc_first;      /* guest pc of the block's first instruction */
    uint64_t pc_curr;       /* guest pc of the instruction being translated */
    uint64_t pc_next;       /* pc_curr + 4 */
    uint32_t insn;          /* the instruction word */
    DisasJumpType is_jmp;
    int insn_count;
    /* Feature bits of the CPU model (ARM_FEATURE_*), for encodings that depend on them. */
    uint64_t features;
    /*
     * System mode (sysregs.h ARM_TBF_*): the TB flags and what follows from
     * them.  tbflags == 0 is linux-user (EL0, sys false), which keeps the
     * user-mode translation exactly as it was.
     */
    uint64_t tbflags;
    bool sys;               /* system emulation */
    unsigned el;            /* PSTATE.EL */
    unsigned mmu_idx;       /* of ordinary loads/stores (tlb-fill.h ARM_MMU_IDX_*) */
    /* FEAT_BTI: the block's page is guarded (stage-1 GP bit, or PROT_BTI in user mode). */
    bool guarded_page;
    /* FEAT_BTI: the BTYPE this block's indirect branch leaves for its target (0 otherwise). */
    unsigned btype_next;
    /*
     * How C and V are held at this point of the block (cpu.h ARM_CC_*), or
     * ARM_CC_UNKNOWN at its start.  After a lazy ADDS/SUBS of this block,
     * cc_x and cc_y hold its operands (zero-extended for 32 bits), so that
     * conditions compare them directly.
     */
    int cc_state;
    IRv64 cc_x, cc_y;
} DisasContext;

#define ARM_CC_UNKNOWN (-1)

/* cf and vf were just written with C and V (an eager flag setter). */
void gen_cv_written(DisasContext *s);
/* Make cf and vf hold C and V, computing lazily held flags (cpu.h). */
void gen_flags_eager(DisasContext *s);
/* The carry flag as a 0/1 value. */
IRv64 gen_carry_flag(DisasContext *s);

/* CPU features the decoder checks (ID-register derived). */
enum {
    ARM_FEATURE_LSE   = 1 << 0,   /* ARMv8.1 atomics */
    ARM_FEATURE_CRC32 = 1 << 1,
    ARM_FEATURE_LOR   = 1 << 2,   /* ARMv8.1 limited ordering regions */
    ARM_FEATURE_SB    = 1 << 3,
    ARM_FEATURE_PAN   = 1 << 4,   /* ARMv8.1 privileged access never (system mode) */
    ARM_FEATURE_PAUTH = 1 << 5,   /* ARMv8.3 pointer authentication (trans-pauth.c.inc) */
    ARM_FEATURE_BTI   = 1 << 6,   /* ARMv8.5 branch target identification */
    ARM_FEATURE_RNG   = 1 << 7,   /* ARMv8.5 RNDR/RNDRRS */
    ARM_FEATURE_UAO   = 1 << 8,   /* ARMv8.2 user access override (system mode) */
    ARM_FEATURE_VHE   = 1 << 9,   /* ARMv8.1 virtualization host extensions (system mode, with EL2) */
    /* AdvSIMD / crypto extensions (the SIMD decoder, trans-simd-*.c.inc) */
    ARM_FEATURE_AES     = 1 << 16,  /* AESE/AESD/AESMC/AESIMC */
    ARM_FEATURE_PMULL   = 1 << 17,  /* PMULL/PMULL2 64x64 -> 128 */
    ARM_FEATURE_SHA1    = 1 << 18,
    ARM_FEATURE_SHA256  = 1 << 19,
    ARM_FEATURE_RDM     = 1 << 20,  /* ARMv8.1 SQRDMLAH/SQRDMLSH */
    ARM_FEATURE_DOTPROD = 1 << 21,  /* ARMv8.2 SDOT/UDOT */
    ARM_FEATURE_SHA512  = 1 << 22,  /* ARMv8.2 SHA512H/H2/SU0/SU1 */
    ARM_FEATURE_SHA3    = 1 << 23,  /* ARMv8.2 EOR3/RAX1/XAR/BCAX */
    /* Floating point (the FP decoder, trans-fp-*.c.inc) */
    ARM_FEATURE_FP16  = 1 << 24,  /* ARMv8.2 half-precision arithmetic (FPHP + ASIMDHP) */
    ARM_FEATURE_JSCVT = 1 << 25,  /* ARMv8.3 FJCVTZS */
    ARM_FEATURE_FRINTTS = 1 << 26, /* ARMv8.5 FRINT32Z/32X/64Z/64X */
};

/* IR globals for the architectural state, registered once by arm_translate_init(). */
extern IRv64 cpu_x[31];   /* X0-X30 */
extern IRv64 cpu_sp;
extern IRv64 cpu_pc;
extern IRv64 cpu_nf, cpu_zf, cpu_cf, cpu_vf;
extern IRv64 cpu_excl_addr, cpu_excl_val, cpu_excl_val2;

void arm_translate_init(IRContext *ir);

/*
 * Translate the block starting at pc into s->ir (already reset).  fetch
 * reads an instruction word; it returns false when the page is not
 * executable, in which case a block that has not started raises the
 * instruction abort and a block that has ends before that instruction.
 * Returns the number of guest bytes translated.
 */
typedef bool (*ArmFetchFn)(void *opaque, uint64_t pc, uint32_t *insn);
uint32_t arm_translate_block(IRContext *ir, uint64_t pc, uint64_t features, int max_insns,
                             ArmFetchFn fetch, void *opaque);
/* The same for a block translated under TB flags (arm_tb_flags; 0 = user mode). */
uint32_t arm_translate_block_flags(IRContext *ir, uint64_t pc, uint64_t features, uint64_t tbflags,
                                   int max_insns, ArmFetchFn fetch, void *opaque);

/* --- register access (Arm ARM C1.2.5: register 31 is XZR or SP by context) --- */

/* Xn where 31 means XZR: reads give 0 (a constant), writes are discarded. */
IRv64 read_x(DisasContext *s, unsigned reg);
/* Xn where 31 means SP. */
IRv64 read_x_sp(DisasContext *s, unsigned reg);
/* Write a 64-bit value; 31 = XZR (discarded). */
void write_x(DisasContext *s, unsigned reg, IRv64 v);
/* Write with SP for 31. */
void write_x_sp(DisasContext *s, unsigned reg, IRv64 v);
/*
 * Write the result of a 32-bit (sf == 0) or 64-bit operation: with
 * sf == 0 the value is zero-extended from 32 bits, as every W-register
 * write does.  to_sp selects SP for register 31.
 */
void write_result(DisasContext *s, unsigned reg, IRv64 v, bool sf, bool to_sp);

/* A fresh 64-bit temporary. */
IRv64 tmp64(DisasContext *s);
IRv64 const64(DisasContext *s, uint64_t v);

/* --- flags (Arm ARM D1.2.4 PSTATE.NZCV) --- */

/* N and Z from a result of width sf ? 64 : 32; C and V untouched. */
void gen_set_nz(DisasContext *s, IRv64 result, bool sf);
/* NZ from result, C and V cleared (logical ops with S). */
void gen_logic_flags(DisasContext *s, IRv64 result, bool sf);
/* d = a + b (+ carry_in if with_carry); sets NZCV; d truncated to 32 bits when !sf. */
void gen_add_flags(DisasContext *s, IRv64 d, IRv64 a, IRv64 b, bool sf, bool with_carry);
/* d = a - b (- !C if with_carry); sets NZCV. */
void gen_sub_flags(DisasContext *s, IRv64 d, IRv64 a, IRv64 b, bool sf, bool with_carry);
/* Set NZCV from a 4-bit immediate (CCMP's nzcv field, MSR NZCV). */
void gen_set_nzcv_imm(DisasContext *s, unsigned nzcv);
/* NZCV packed as in the NZCV system register (bits 31:28). */
IRv64 gen_read_nzcv(DisasContext *s);
void gen_write_nzcv(DisasContext *s, IRv64 v);

/* --- conditions (Arm ARM C1.2.4) --- */

/* Branch to label when condition cond (0-15) holds. */
void gen_brcond_arm(DisasContext *s, unsigned cond, IRLabel label);
/* d = 1 when cond holds, else 0. */
void gen_setcond_arm(DisasContext *s, unsigned cond, IRv64 d);

/* --- control flow and exceptions --- */

/* End the block jumping to a known pc (chained through exit slot n). */
void gen_goto_pc(DisasContext *s, unsigned slot, uint64_t dest);
/* End the block jumping to a pc held in a temporary (indirect lookup). */
void gen_goto_reg(DisasContext *s, IRv64 dest);
/*
 * Raise an exception at the current instruction: env pc = pc_curr (or
 * pc_next for SVC-like exceptions whose preferred return is the next
 * instruction), exception fields stored, exit_tb(IR_EXIT_EXCEPTION).
 */
void gen_exception(DisasContext *s, uint32_t exc_class, uint32_t syndrome, uint64_t return_pc);
/* UNDEFINED at the current instruction (logs with -d unimp at translation). */
void gen_undefined(DisasContext *s);
/*
 * System mode: raise a synchronous exception with a complete ESR value
 * (exception.h syn_*) to target_el (0: the usual target of the current EL,
 * EL1 from EL0 or EL2 under HCR_EL2.TGE), preferred return return_pc, FAR far.
 */
void gen_exception_esr(DisasContext *s, uint32_t syndrome, unsigned target_el, uint64_t return_pc,
                       uint64_t far);
/*
 * FP/SIMD access check (CPACR_EL1.FPEN, CPTR_ELx.TFP): true when the
 * instruction may go on; false after raising the FP access trap (the
 * caller then returns true: the instruction was translated, as a trap).
 * Always true in user mode.  Every FP/SIMD trans function should call it.
 */
bool arm_fp_access_check(DisasContext *s);
/* A memory-op descriptor with the MMU index of ordinary accesses at the current EL. */
static inline IRMemOp arm_memop(const DisasContext *s, IRMemOp mo)
{
    /* D17.2.118 SCTLR_ELx.A: every load/store is checked for alignment to its
     * own size (an element's, for the multi-element forms). */
    if ((s->tbflags & ARM_TBF_ALIGN) && !(mo & IR_MO_ALIGN_MASK)) {
        mo |= IR_MO_ALIGN_NATURAL(mo);
    }
    return mo | (IRMemOp)s->mmu_idx << IR_MO_MMUIDX_SHIFT;
}

/*
 * FEAT_BTI, at a block's first instruction (insn): the Branch Target check
 * on a guarded page and the reset of PSTATE.BTYPE (trans-pauth.c.inc).
 */
void arm_gen_bti_check(DisasContext *s, uint32_t insn);

/* Decoders generated from the .decode tables; each returns false if unallocated. */
bool disas_a64_insn(DisasContext *s, uint32_t insn);

#endif
