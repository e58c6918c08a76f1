/*
 * The IR interpreter backend: runs a block straight from its op list.
 *
 * It is the oracle for the x86-64 emitter, so it keeps no state of its
 * own between ops except block temporaries: globals are read from and
 * written to env at every access, which keeps the guest state precise at
 * any fault.
 *
 *   ir_interp_prepare(s)  copy the block (ops, temps) and resolve labels
 *   ir_interp_run(b, ...) run it; returns as documented in tcg/backend.h
 *   ir_interp_free(b)
 *   ir_eval_op(...)       the pure arithmetic of one op (shared with the
 *                         optimiser's constant folding, so both agree)
 */
#ifndef TCG_INTERP_H
#define TCG_INTERP_H

#include <stdint.h>
#include "tcg/ir.h"
#include "tcg/backend.h"

typedef struct IRInterpBlock IRInterpBlock;   /* opaque: a private copy of the block */

IRInterpBlock *ir_interp_prepare(const IRContext *s);
void ir_interp_free(IRInterpBlock *b);
uintptr_t ir_interp_run(const IRInterpBlock *b, void *env, const IRBackendConfig *cfg,
                        uintptr_t token);

/* Guest pc of the instruction being interpreted (set at each insn_start). */
extern __thread uint64_t ir_interp_insn_pc;

/*
 * True for the ops whose result depends only on their inputs and
 * constants (mov .. movcond): ir_eval_op computes those.
 */
bool ir_op_is_pure_alu(IROpcode opc);

/*
 * Result of pure op @opc at width @type; @in holds its inputs, @cst its
 * constants.  I32 results are returned zero-extended.
 */
uint64_t ir_eval_op(IROpcode opc, IRType type, const uint64_t *in, const uint64_t *cst);

/*
 * Guest atomics on host memory, shared with the softmmu's slow path:
 * the new value of an IRAtomicOp at @size bytes, a sequentially consistent
 * compare-and-swap and read-modify-write (old value, zero-extended).
 */
uint64_t ir_atomic_apply(IRAtomicOp aop, uint64_t old, uint64_t x, unsigned size);
uint64_t ir_host_cas(void *p, unsigned size, uint64_t expected, uint64_t newv);
uint64_t ir_host_rmw(void *p, unsigned size, IRAtomicOp aop, uint64_t x);

#endif
