/*
 * Vector operations on the CPU state, for SIMD frontends whose vector
 * registers live in env (AdvSIMD's V0-V31).
 *
 * A vector op is described by an IRVecDesc (operation, element size,
 * operation size, immediate) and byte offsets into env.  In the IR it is a
 * call of the tcg-level helper ir_vec_helper with constant arguments, so
 * every backend runs it through the generic C implementation below; the
 * x86-64 JIT recognises the helper and emits SSE code inline for the
 * operations the host does directly.
 *
 * Semantics, for element size E = 8 << vece bits and operation size
 * oprsz (8 or 16 bytes): each element of d is computed from the same
 * elements of a, b (and c); bytes [oprsz, 16) of d are set to zero (an
 * AdvSIMD write of a 64-bit vector clears the upper half).  Sources may
 * overlap the destination.
 */
#ifndef TCG_VEC_H
#define TCG_VEC_H

#include <stdint.h>
#include "tcg/ir.h"

typedef enum IRVecOp {
    /* d = a OP b */
    IR_VEC_ADD, IR_VEC_SUB, IR_VEC_MUL,
    IR_VEC_AND, IR_VEC_OR, IR_VEC_XOR, IR_VEC_ANDC /* a & ~b */, IR_VEC_ORC /* a | ~b */,
    IR_VEC_SMIN, IR_VEC_SMAX, IR_VEC_UMIN, IR_VEC_UMAX,
    /* comparisons give all-ones or zero per element */
    IR_VEC_CMEQ, IR_VEC_CMGT /* signed > */, IR_VEC_CMGE, IR_VEC_CMHI /* unsigned > */,
    IR_VEC_CMHS, IR_VEC_CMTST /* (a & b) != 0 */,
    /* d = (a & b) | (~a & c): bits of a select b over c */
    IR_VEC_BITSEL,
    /* d = OP a */
    IR_VEC_NOT, IR_VEC_NEG, IR_VEC_ABS, IR_VEC_MOV,
    /* d = a shifted by the immediate (0..E; a shift by E gives 0, or the sign for SARI) */
    IR_VEC_SHLI, IR_VEC_SHRI, IR_VEC_SARI,
    /* d = every element set to the low E bits of a 64-bit value (ir_vec_dup) */
    IR_VEC_DUP,
    IR_VEC_NB_OPS
} IRVecOp;

typedef uint64_t IRVecDesc;

static inline IRVecDesc ir_vec_desc(IRVecOp op, unsigned vece, unsigned oprsz, unsigned imm)
{
    return (uint64_t)op | (uint64_t)vece << 8 | (uint64_t)(oprsz == 16) << 10 | (uint64_t)imm << 16;
}
static inline IRVecOp ir_vec_desc_op(IRVecDesc d) { return (IRVecOp)(d & 0xff); }
static inline unsigned ir_vec_desc_vece(IRVecDesc d) { return (d >> 8) & 3; }
static inline unsigned ir_vec_desc_oprsz(IRVecDesc d) { return (d >> 10) & 1 ? 16 : 8; }
static inline unsigned ir_vec_desc_imm(IRVecDesc d) { return (d >> 16) & 0xff; }

/* The helper behind vector ops: (desc, env, dofs, aofs, bofs, cofs). */
extern const IRHelperInfo ir_vec_helper;
/* DUP: (desc, env, dofs, value). */
extern const IRHelperInfo ir_vec_dup_helper;

/* Emit d = op(a, b, c) on env offsets (unused offsets: pass 0). */
void ir_vec(IRContext *s, IRVecOp op, unsigned vece, unsigned oprsz, unsigned imm,
            uint32_t dofs, uint32_t aofs, uint32_t bofs, uint32_t cofs);
/* Emit d = dup(low E bits of v). */
void ir_vec_dup(IRContext *s, unsigned vece, unsigned oprsz, uint32_t dofs, IRv64 v);

/* The generic implementation (also called directly by the JIT's fallback). */
void ir_vec_eval(IRVecDesc desc, void *env, uint32_t dofs, uint32_t aofs, uint32_t bofs,
                 uint32_t cofs);
void ir_vec_dup_eval(IRVecDesc desc, void *env, uint32_t dofs, uint64_t v);

/*
 * Guarded host FP: an exact frontend helper that the JIT may run as one
 * host SSE operation.  The frontend promises, per IRHostFp record: when
 * the 32-bit env word at zero_ofs has no bit of zero_mask set, the word at
 * set_ofs has a bit of set_mask set, and every used element of the host's
 * IEEE round-to-nearest result is finite with a biased exponent from 2 to
 * the largest finite one (so never zero, denormal, the smallest normals,
 * infinite or NaN), then the helper's result is bit for bit the host's and
 * it changes nothing else in env (for Arm: FPCR at defaults, FPSR.IXC
 * already set, so the only flag a normal result can raise is set).  The
 * JIT checks exactly that and calls the helper otherwise; the interpreter
 * always calls the helper.
 */
typedef enum IRHostFpOp { IR_HFP_ADD, IR_HFP_SUB, IR_HFP_MUL, IR_HFP_DIV, IR_HFP_SQRT } IRHostFpOp;

typedef struct IRHostFp {
    uint8_t op;             /* IRHostFpOp */
    uint8_t esize;          /* element bytes: 4 or 8 */
    uint32_t zero_ofs, zero_mask, set_ofs, set_mask;
    /* Exactly one of: scalar binary (env, a, b) -> r, scalar unary (env, a) -> r, vector (env, arg). */
    uint64_t (*fn3)(uint64_t env, uint64_t a, uint64_t b);
    uint64_t (*fn2)(uint64_t env, uint64_t a);
    void (*vfn)(uint64_t env, uint64_t arg);
} IRHostFp;

/* (hfp, env, a, b) -> r: calls hfp->fn3, or hfp->fn2 without b. */
extern const IRHelperInfo ir_hostfp_helper;
/* (hfp, env, ofs, oprsz, arg): hfp->vfn(env, arg) on env bytes ofs (ir_hostfp_ofs). */
extern const IRHelperInfo ir_hostfp_vec_helper;

static inline uint64_t ir_hostfp_ofs(uint32_t dofs, uint32_t aofs, uint32_t bofs)
{
    return (uint64_t)dofs | (uint64_t)aofs << 21 | (uint64_t)bofs << 42;
}
static inline uint32_t ir_hostfp_ofs_get(uint64_t ofs, unsigned k)
{
    return (uint32_t)(ofs >> (21 * k)) & 0x1fffff;
}

/* r = hfp's scalar op of a (and b, for binary ops). */
void ir_hostfp(IRContext *s, const IRHostFp *hfp, IRv64 r, IRv64 a, IRv64 b);
/* The vector op of hfp on env offsets d = a op b (b unused for SQRT), oprsz 8 or 16, helper arg. */
void ir_hostfp_vec(IRContext *s, const IRHostFp *hfp, uint32_t dofs, uint32_t aofs, uint32_t bofs,
                   unsigned oprsz, uint64_t arg);

#endif
