/*
 * The one table of IR operations.
 *
 * Every consumer (builder, optimiser, liveness, register allocator,
 * interpreter, x86-64 emitter, dumper) is driven by this table, so adding an
 * op means adding one line here and one case in each backend.
 *
 *   IR_OP(name, outputs, inputs, constants, flags)
 *
 * outputs/inputs are temporaries (IRTemp indices); constants are raw 64-bit
 * values stored in the op (condition codes, memory-op descriptors, label
 * numbers, helper pointers, env offsets).  Argument order in IROp.args is
 * always: outputs, then inputs, then constants.
 *
 * Every op carries a width (IROp.type: IR_I32 or IR_I64).  I32 ops read
 * only the low 32 bits of their inputs and define only 32 bits of output;
 * the value of the upper half of an I32 temp is unspecified, so the
 * frontend must widen explicitly (ext_u32/ext_s32) before using it as I64.
 *
 * Semantics that must not follow the host:
 *  - shl/shr/sar/rotr/rotl: the count is taken modulo the op width.
 *  - div/divu/rem/remu: x/0 == 0, x%0 == x; for signed MIN/-1 the quotient
 *    is MIN and the remainder 0 (Arm's SDIV/UDIV rules, total functions).
 *  - clz/ctz of 0 is the op width.
 */
/*     name          out in cst flags */
IR_OP(nop,            0, 0, 0, 0)
IR_OP(mov,            1, 1, 0, 0)
/* Arithmetic and logic: out = in0 OP in1. */
IR_OP(add,            1, 2, 0, 0)
IR_OP(sub,            1, 2, 0, 0)
IR_OP(mul,            1, 2, 0, 0)
IR_OP(muluh,          1, 2, 0, 0)  /* high half of the unsigned double-width product */
IR_OP(mulsh,          1, 2, 0, 0)  /* high half of the signed double-width product */
IR_OP(div,            1, 2, 0, 0)
IR_OP(divu,           1, 2, 0, 0)
IR_OP(rem,            1, 2, 0, 0)
IR_OP(remu,           1, 2, 0, 0)
IR_OP(and,            1, 2, 0, 0)
IR_OP(or,             1, 2, 0, 0)
IR_OP(xor,            1, 2, 0, 0)
IR_OP(andc,           1, 2, 0, 0)  /* in0 & ~in1 (BIC) */
IR_OP(orc,            1, 2, 0, 0)  /* in0 | ~in1 (ORN) */
IR_OP(eqv,            1, 2, 0, 0)  /* in0 ^ ~in1 (EON) */
IR_OP(shl,            1, 2, 0, 0)
IR_OP(shr,            1, 2, 0, 0)
IR_OP(sar,            1, 2, 0, 0)
IR_OP(rotr,           1, 2, 0, 0)
IR_OP(rotl,           1, 2, 0, 0)
/* Unary. */
IR_OP(neg,            1, 1, 0, 0)
IR_OP(not,            1, 1, 0, 0)
IR_OP(clz,            1, 1, 0, 0)
IR_OP(ctz,            1, 1, 0, 0)
IR_OP(bswap,          1, 1, 0, 0)  /* reverse all bytes of the op width */
IR_OP(ext8s,          1, 1, 0, 0)  /* sign-extend the low 8 bits to the op width */
IR_OP(ext8u,          1, 1, 0, 0)
IR_OP(ext16s,         1, 1, 0, 0)
IR_OP(ext16u,         1, 1, 0, 0)
IR_OP(ext32s,         1, 1, 0, 0)  /* I64 only: also the I32 -> I64 signed widening */
IR_OP(ext32u,         1, 1, 0, 0)  /* I64 only: also the I32 -> I64 unsigned widening */
IR_OP(trunc32,        1, 1, 0, 0)  /* I32 out, I64 in: low half */
/* Bit fields: constants are (pos, len), 0 < len, pos + len <= width. */
IR_OP(extract,        1, 1, 2, 0)  /* out = (in >> pos) & mask(len) */
IR_OP(sextract,       1, 1, 2, 0)  /* same, sign-extended from bit len-1 */
IR_OP(deposit,        1, 2, 2, 0)  /* out = in0 with bits [pos,pos+len) replaced by in1's low bits */
/* Comparisons: constant 0 is an IRCond. */
IR_OP(setcond,        1, 2, 1, 0)  /* out = (in0 cond in1) ? 1 : 0 */
IR_OP(movcond,        1, 4, 1, 0)  /* out = (in0 cond in1) ? in2 : in3 */
/* Control flow inside a block: constants are label numbers. */
IR_OP(set_label,      0, 0, 1, IR_OPF_BB_END | IR_OPF_SIDE_EFFECTS)
IR_OP(br,             0, 0, 1, IR_OPF_BB_END | IR_OPF_SIDE_EFFECTS)
IR_OP(brcond,         0, 2, 2, IR_OPF_BB_END | IR_OPF_SIDE_EFFECTS) /* cond, label */
/* Host memory relative to a base temp (normally env): constants (offset, memop). */
IR_OP(ld,             1, 1, 2, 0)
IR_OP(st,             0, 2, 2, IR_OPF_SIDE_EFFECTS)          /* in0 = value, in1 = base */
/* Guest memory: constant is an IRMemOp; the address is a guest virtual address. */
IR_OP(guest_ld,       1, 1, 1, IR_OPF_SIDE_EFFECTS | IR_OPF_MAY_FAULT)
IR_OP(guest_st,       0, 2, 1, IR_OPF_SIDE_EFFECTS | IR_OPF_MAY_FAULT) /* in0 = value, in1 = addr */
/* Atomics on guest memory (sequentially consistent). */
IR_OP(atomic_cmpxchg, 1, 3, 1, IR_OPF_SIDE_EFFECTS | IR_OPF_MAY_FAULT) /* out = old; in: addr, expected, new */
IR_OP(atomic_rmw,     1, 2, 2, IR_OPF_SIDE_EFFECTS | IR_OPF_MAY_FAULT) /* out = old; in: addr, operand; cst: IRAtomicOp, memop */
IR_OP(mb,             0, 0, 1, IR_OPF_SIDE_EFFECTS)          /* memory barrier, constant = IRBarrier bits */
/* Helper call: outputs/inputs given by the helper's IRHelperInfo (variable). */
IR_OP(call,           0, 0, 1, IR_OPF_SIDE_EFFECTS | IR_OPF_CALL)
/* Guest instruction boundary: constant is the guest pc. */
IR_OP(insn_start,     0, 0, 1, IR_OPF_SIDE_EFFECTS)
/* Block terminals (typed exits): see IRExit in ir.h. */
IR_OP(exit_link,      0, 0, 2, IR_OPF_BB_END | IR_OPF_SIDE_EFFECTS | IR_OPF_EXIT) /* slot [| SETS_PC], pc */
IR_OP(exit_lookup,    0, 0, 1, IR_OPF_BB_END | IR_OPF_SIDE_EFFECTS | IR_OPF_EXIT) /* block's TB flags */
IR_OP(exit_tb,        0, 0, 1, IR_OPF_BB_END | IR_OPF_SIDE_EFFECTS | IR_OPF_EXIT) /* IRExitReason */
