/*
 * The intermediate representation between the A64 frontend and the host
 * backends (x86-64 emitter and interpreter).
 *
 * A translation block is a list of IROps over temporaries.  Temporaries are:
 *  - globals: guest state that lives in a field of the CPU state struct
 *    (X registers, SP, PC, flags); the register allocator may keep them in
 *    host registers inside a block and writes them back at block exits,
 *    before helper calls that read/write globals and before ops that may
 *    fault.  A field registered as a global must be accessed only through
 *    its global, never by ld/st on env.
 *  - constants: an immutable value (deduplicated per block).
 *  - block temporaries: live anywhere inside the block, including across
 *    labels and branches (the allocator spills them at basic-block ends).
 *  - the env pointer (temp IR_TEMP_ENV): the CPU state, an I64 value.
 *
 * Handles are width-typed (IRv32, IRv64) so mixing widths does not compile;
 * the raw IRTemp index is for code that walks the op list.
 *
 * Nothing in tcg/ knows about A64: the frontend describes its state with
 * ir_new_global() and its helpers with IRHelperInfo records.
 */
#ifndef TCG_IR_H
#define TCG_IR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint32_t IRTemp;
typedef struct { IRTemp t; } IRv32;
typedef struct { IRTemp t; } IRv64;
typedef uint32_t IRLabel;

typedef enum IRType { IR_I32 = 0, IR_I64 = 1 } IRType;

enum {
    IR_OPF_BB_END       = 1 << 0, /* ends a basic block (labels, branches, exits) */
    IR_OPF_SIDE_EFFECTS = 1 << 1, /* never removed by dead-code elimination */
    IR_OPF_MAY_FAULT    = 1 << 2, /* globals must be in env before it runs */
    IR_OPF_CALL         = 1 << 3, /* clobbers caller-saved host registers */
    IR_OPF_EXIT         = 1 << 4, /* leaves the block */
};

typedef enum IROpcode {
#define IR_OP(name, nout, nin, ncst, flags) IR_##name,
#include "tcg/ir-ops.h"
#undef IR_OP
    IR_NB_OPS
} IROpcode;

typedef struct IROpDef {
    const char *name;
    uint8_t nout, nin, ncst;
    uint32_t flags;
} IROpDef;

extern const IROpDef ir_op_defs[IR_NB_OPS];

/* Comparison conditions (for setcond, movcond, brcond). */
typedef enum IRCond {
    IR_COND_NEVER, IR_COND_ALWAYS,
    IR_COND_EQ, IR_COND_NE,
    IR_COND_LT, IR_COND_GE, IR_COND_LE, IR_COND_GT,       /* signed */
    IR_COND_LTU, IR_COND_GEU, IR_COND_LEU, IR_COND_GTU,   /* unsigned */
    IR_COND_TSTEQ, IR_COND_TSTNE,  /* (in0 & in1) == 0 / != 0 */
} IRCond;

IRCond ir_cond_invert(IRCond c);
IRCond ir_cond_swap(IRCond c);          /* for swapped operands */
bool ir_cond_eval(IRCond c, IRType type, uint64_t a, uint64_t b);

/*
 * Guest memory access descriptor (guest_ld/guest_st/atomics).
 * Bits 0-1: log2(size in bytes); bit 2: sign-extend loads to the op width;
 * bits 4-6: required alignment as log2 (0 = none; an unaligned access then
 * raises an alignment fault); bits 8-11: MMU index (system mode).
 * Guest memory is little-endian.
 */
typedef uint32_t IRMemOp;
enum {
    IR_MO_8 = 0, IR_MO_16 = 1, IR_MO_32 = 2, IR_MO_64 = 3,
    IR_MO_SIZE_MASK = 3,
    IR_MO_SIGN = 1 << 2,
    IR_MO_ALIGN_SHIFT = 4,
    IR_MO_ALIGN_MASK = 7 << 4,
    IR_MO_MMUIDX_SHIFT = 8,
    IR_MO_MMUIDX_MASK = 15 << 8,
};
#define IR_MO_ALIGN(log2) ((IRMemOp)(log2) << IR_MO_ALIGN_SHIFT)
#define IR_MO_ALIGN_NATURAL(mo) IR_MO_ALIGN((mo) & IR_MO_SIZE_MASK)
static inline unsigned ir_memop_size(IRMemOp mo) { return 1u << (mo & IR_MO_SIZE_MASK); }

/* atomic_rmw operations: out = old value; memory = old OP operand. */
typedef enum IRAtomicOp {
    IR_ATOMIC_XCHG, IR_ATOMIC_ADD, IR_ATOMIC_AND, IR_ATOMIC_ANDC, IR_ATOMIC_OR,
    IR_ATOMIC_XOR, IR_ATOMIC_SMAX, IR_ATOMIC_SMIN, IR_ATOMIC_UMAX, IR_ATOMIC_UMIN,
} IRAtomicOp;

/* Barrier kinds for IR_mb (bit set). */
enum { IR_MB_LD = 1, IR_MB_ST = 2, IR_MB_ALL = 3 };

/*
 * Why a block returned to the cpu loop through exit_tb.  The frontend may
 * define further reasons from IR_EXIT_TARGET_BASE upwards.
 */
typedef enum IRExitReason {
    IR_EXIT_NORMAL = 0,       /* env pc already set: look up the next block */
    IR_EXIT_EXCEPTION = 1,    /* the frontend stored an exception in the CPU state */
    IR_EXIT_HALT = 2,         /* WFI and friends */
    IR_EXIT_TARGET_BASE = 16,
} IRExitReason;

/*
 * Helpers: C functions called from generated code.  Every helper takes and
 * returns 64-bit integer-class values (uint64_t or pointers); the interpreter
 * calls them through ->thunk, which receives the argument array.
 */
enum {
    IR_HELPER_PURE          = 1 << 0, /* no side effects, result depends on args only */
    IR_HELPER_READS_GLOBALS = 1 << 1, /* dirty globals are written back before the call */
    IR_HELPER_WRITES_GLOBALS= 1 << 2, /* cached globals are reloaded after the call */
    IR_HELPER_MAY_RAISE     = 1 << 3, /* may longjmp to the cpu loop (implies READS) */
};

typedef struct IRHelperInfo {
    const char *name;
    void *fn;                                   /* native entry for the JIT */
    uint64_t (*thunk)(const uint64_t *args);    /* interpreter entry */
    uint8_t nargs;                              /* inputs, at most IR_MAX_HELPER_ARGS */
    bool has_result;
    uint32_t flags;
} IRHelperInfo;

#define IR_MAX_HELPER_ARGS 6
#define IR_MAX_OP_ARGS (1 + IR_MAX_HELPER_ARGS + 1)

typedef struct IROp {
    uint16_t opc;      /* IROpcode */
    uint8_t type;      /* IRType: the width the op computes in */
    uint8_t nout, nin, ncst;   /* copied from the op table (calls: from the helper) */
    uint64_t args[IR_MAX_OP_ARGS];  /* outputs, inputs (IRTemp), constants */
} IROp;

typedef enum IRTempKind {
    IR_TEMP_BLOCK,    /* a block temporary */
    IR_TEMP_GLOBAL,   /* lives in env at ->env_offset */
    IR_TEMP_CONST,    /* ->value */
    IR_TEMP_ENV,      /* the CPU state pointer */
} IRTempKind;

typedef struct IRTempInfo {
    uint8_t kind;     /* IRTempKind */
    uint8_t type;     /* IRType */
    uint32_t env_offset;
    uint64_t value;
    const char *name; /* globals only */
} IRTempInfo;

#define IR_TEMP_ENV_INDEX 0

/*
 * The block being built.  Globals are registered once (ir_new_global) and
 * survive ir_reset(); everything else is per block.
 */
typedef struct IRContext {
    IROp *ops;
    uint32_t nb_ops, cap_ops;
    IRTempInfo *temps;
    uint32_t nb_temps, cap_temps;
    uint32_t nb_globals;   /* temps [1, 1 + nb_globals) are globals */
    uint32_t nb_labels;
    /*
     * When set, the guest-memory builders (ir_guest_ld/st, ir_atomic_*)
     * first emit a call of this helper with (env, addr, memop | IR_MEMHOOK_*),
     * so that one place sees every guest access of the block (the
     * debugger's watchpoints) whatever instruction made it.  Kept across
     * ir_reset: the caller sets it per block.
     */
    const IRHelperInfo *mem_hook;
    /*
     * Recent constants by hashed value (find_const in ir.c): an entry is
     * trusted only if it still names a constant temp of this block with
     * that type and value, so ir_reset need not clear it.
     */
    IRTemp const_cache[64];
} IRContext;

/* Bits or-ed into the memop argument of IRContext.mem_hook. */
enum { IR_MEMHOOK_READ = 1u << 16, IR_MEMHOOK_WRITE = 1u << 17 };

void ir_init(IRContext *s);
void ir_free(IRContext *s);
void ir_reset(IRContext *s);   /* start a new block; keeps the globals */

IRTemp ir_new_global(IRContext *s, IRType type, uint32_t env_offset, const char *name);
IRv32 ir_new32(IRContext *s);
IRv64 ir_new64(IRContext *s);
IRv32 ir_const32(IRContext *s, uint32_t v);
IRv64 ir_const64(IRContext *s, uint64_t v);
static inline IRv64 ir_env(void) { return (IRv64){ IR_TEMP_ENV_INDEX }; }
IRLabel ir_new_label(IRContext *s);

/* Raw emission for code that is width-generic (optimiser, tests). */
IROp *ir_emit(IRContext *s, IROpcode opc, IRType type, const uint64_t *args);

/*
 * Typed builders: ir_<op>_i32 / ir_<op>_i64 for the ops whose operands all
 * have the op's width; the mixed-width and control ops have their own.
 */
#define IR_DECL_BIN(op) \
    void ir_##op##_i32(IRContext *s, IRv32 d, IRv32 a, IRv32 b); \
    void ir_##op##_i64(IRContext *s, IRv64 d, IRv64 a, IRv64 b);
#define IR_DECL_UN(op) \
    void ir_##op##_i32(IRContext *s, IRv32 d, IRv32 a); \
    void ir_##op##_i64(IRContext *s, IRv64 d, IRv64 a);
IR_DECL_UN(mov)
IR_DECL_BIN(add) IR_DECL_BIN(sub) IR_DECL_BIN(mul) IR_DECL_BIN(muluh) IR_DECL_BIN(mulsh)
IR_DECL_BIN(div) IR_DECL_BIN(divu) IR_DECL_BIN(rem) IR_DECL_BIN(remu)
IR_DECL_BIN(and) IR_DECL_BIN(or) IR_DECL_BIN(xor) IR_DECL_BIN(andc) IR_DECL_BIN(orc) IR_DECL_BIN(eqv)
IR_DECL_BIN(shl) IR_DECL_BIN(shr) IR_DECL_BIN(sar) IR_DECL_BIN(rotr) IR_DECL_BIN(rotl)
IR_DECL_UN(neg) IR_DECL_UN(not) IR_DECL_UN(clz) IR_DECL_UN(ctz) IR_DECL_UN(bswap)
IR_DECL_UN(ext8s) IR_DECL_UN(ext8u) IR_DECL_UN(ext16s) IR_DECL_UN(ext16u)
#undef IR_DECL_BIN
#undef IR_DECL_UN

void ir_movi_i32(IRContext *s, IRv32 d, uint32_t v);
void ir_movi_i64(IRContext *s, IRv64 d, uint64_t v);
void ir_ext32s_i64(IRContext *s, IRv64 d, IRv32 a);  /* widen */
void ir_ext32u_i64(IRContext *s, IRv64 d, IRv32 a);  /* widen */
void ir_trunc32(IRContext *s, IRv32 d, IRv64 a);
void ir_extract_i32(IRContext *s, IRv32 d, IRv32 a, unsigned pos, unsigned len);
void ir_extract_i64(IRContext *s, IRv64 d, IRv64 a, unsigned pos, unsigned len);
void ir_sextract_i32(IRContext *s, IRv32 d, IRv32 a, unsigned pos, unsigned len);
void ir_sextract_i64(IRContext *s, IRv64 d, IRv64 a, unsigned pos, unsigned len);
void ir_deposit_i32(IRContext *s, IRv32 d, IRv32 a, IRv32 b, unsigned pos, unsigned len);
void ir_deposit_i64(IRContext *s, IRv64 d, IRv64 a, IRv64 b, unsigned pos, unsigned len);
void ir_setcond_i32(IRContext *s, IRCond c, IRv32 d, IRv32 a, IRv32 b);
void ir_setcond_i64(IRContext *s, IRCond c, IRv64 d, IRv64 a, IRv64 b);
void ir_movcond_i32(IRContext *s, IRCond c, IRv32 d, IRv32 a, IRv32 b, IRv32 t, IRv32 f);
void ir_movcond_i64(IRContext *s, IRCond c, IRv64 d, IRv64 a, IRv64 b, IRv64 t, IRv64 f);

void ir_set_label(IRContext *s, IRLabel l);
void ir_br(IRContext *s, IRLabel l);
void ir_brcond_i32(IRContext *s, IRCond c, IRv32 a, IRv32 b, IRLabel l);
void ir_brcond_i64(IRContext *s, IRCond c, IRv64 a, IRv64 b, IRLabel l);

/* Host loads/stores relative to base (usually ir_env()); memop gives size/sign. */
void ir_ld_i32(IRContext *s, IRv32 d, IRv64 base, int64_t offset, IRMemOp mo);
void ir_ld_i64(IRContext *s, IRv64 d, IRv64 base, int64_t offset, IRMemOp mo);
void ir_st_i32(IRContext *s, IRv32 v, IRv64 base, int64_t offset, IRMemOp mo);
void ir_st_i64(IRContext *s, IRv64 v, IRv64 base, int64_t offset, IRMemOp mo);

/* Guest memory.  Loads of fewer bytes than the op width zero- or sign-extend. */
void ir_guest_ld_i32(IRContext *s, IRv32 d, IRv64 addr, IRMemOp mo);
void ir_guest_ld_i64(IRContext *s, IRv64 d, IRv64 addr, IRMemOp mo);
void ir_guest_st_i32(IRContext *s, IRv32 v, IRv64 addr, IRMemOp mo);
void ir_guest_st_i64(IRContext *s, IRv64 v, IRv64 addr, IRMemOp mo);
void ir_atomic_cmpxchg_i64(IRContext *s, IRv64 old, IRv64 addr, IRv64 expected, IRv64 newv, IRMemOp mo);
void ir_atomic_rmw_i64(IRContext *s, IRAtomicOp op, IRv64 old, IRv64 addr, IRv64 operand, IRMemOp mo);
void ir_mb(IRContext *s, unsigned kind);

/* Calls: result may be NULL_TEMP when the helper has none; args are IRTemps. */
#define IR_NO_RESULT ((IRTemp)UINT32_MAX)
void ir_call(IRContext *s, const IRHelperInfo *h, IRTemp result, const IRTemp *args);

void ir_insn_start(IRContext *s, uint64_t guest_pc);
void ir_exit_link(IRContext *s, unsigned slot);  /* env pc must hold the target */
/*
 * The same for a known target: the backend stores dest as env's pc only when
 * the exit is taken unchained (a chained jump needs no pc: the next block
 * knows its own, and faults recover it from the instruction records).
 */
void ir_exit_link_pc(IRContext *s, unsigned slot, uint64_t dest);
#define IR_EXIT_LINK_SETS_PC 0x100u   /* in exit_link's first constant */
/*
 * env pc must hold the target; tb_flags are the translation flags of the
 * block being built, which the next block must share (a state change that
 * alters them ends its block with exit_tb instead).
 */
void ir_exit_lookup(IRContext *s, uint64_t tb_flags);
void ir_exit_tb(IRContext *s, unsigned reason);

/* Printing (-d op, -d op_opt). */
#include <stdio.h>
void ir_dump(const IRContext *s, FILE *f);

/* Optimiser: constant folding/propagation, copy propagation, identities, DCE. */
void ir_optimize(IRContext *s);

#endif
