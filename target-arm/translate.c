/*
 * A64 frontend: the translation-block loop and the shared helpers that
 * every decode-*.c file uses (see translate.h).
 */
#include <stddef.h>
#include "gdbstub/gdbstub.h"
#include "target-arm/exception.h"
#include "target-arm/helpers.h"
#include "target-arm/sysregs.h"
#include "target-arm/translate.h"
#include "util/log.h"

IRv64 cpu_x[31];
IRv64 cpu_sp, cpu_pc;
IRv64 cpu_nf, cpu_zf, cpu_cf, cpu_vf, cpu_cc_b, cpu_cc_op;
IRv64 cpu_excl_addr, cpu_excl_val, cpu_excl_val2;

static const char *const xreg_names[31] = {
    "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12",
    "x13", "x14", "x15", "x16", "x17", "x18", "x19", "x20", "x21", "x22", "x23", "x24",
    "x25", "x26", "x27", "x28", "x29", "x30",
};

static IRv64 global64(IRContext *ir, size_t offset, const char *name)
{
    return (IRv64){ ir_new_global(ir, IR_I64, (uint32_t)offset, name) };
}

/*
 * Register the architectural state as IR globals.  Must be called on every
 * IRContext before its first block, in the same order, so that the global
 * handles stored above are valid in all of them.
 */
void arm_translate_init(IRContext *ir)
{
    for (int i = 0; i < 31; i++) {
        cpu_x[i] = global64(ir, offsetof(CPUARMState, xregs[i]), xreg_names[i]);
    }
    cpu_sp = global64(ir, offsetof(CPUARMState, sp), "sp");
    cpu_pc = global64(ir, offsetof(CPUARMState, pc), "pc");
    cpu_nf = global64(ir, offsetof(CPUARMState, nf), "nf");
    cpu_zf = global64(ir, offsetof(CPUARMState, zf), "zf");
    cpu_cf = global64(ir, offsetof(CPUARMState, cf), "cf");
    cpu_vf = global64(ir, offsetof(CPUARMState, vf), "vf");
    cpu_cc_b = global64(ir, offsetof(CPUARMState, cc_b), "cc_b");
    cpu_cc_op = global64(ir, offsetof(CPUARMState, cc_op), "cc_op");
    cpu_excl_addr = global64(ir, offsetof(CPUARMState, excl_addr), "excl_addr");
    cpu_excl_val = global64(ir, offsetof(CPUARMState, excl_val), "excl_val");
    cpu_excl_val2 = global64(ir, offsetof(CPUARMState, excl_val2), "excl_val2");
}

IRv64 tmp64(DisasContext *s)
{
    return ir_new64(s->ir);
}

IRv64 const64(DisasContext *s, uint64_t v)
{
    return ir_const64(s->ir, v);
}

IRv64 read_x(DisasContext *s, unsigned reg)
{
    return reg == 31 ? const64(s, 0) : cpu_x[reg];
}

IRv64 read_x_sp(DisasContext *s, unsigned reg)
{
    return reg == 31 ? cpu_sp : cpu_x[reg];
}

void write_x(DisasContext *s, unsigned reg, IRv64 v)
{
    if (reg != 31) {
        ir_mov_i64(s->ir, cpu_x[reg], v);
    }
}

void write_x_sp(DisasContext *s, unsigned reg, IRv64 v)
{
    ir_mov_i64(s->ir, reg == 31 ? cpu_sp : cpu_x[reg], v);
}

void write_result(DisasContext *s, unsigned reg, IRv64 v, bool sf, bool to_sp)
{
    IRv64 dst;

    if (reg == 31 && !to_sp) {
        return;
    }
    dst = reg == 31 ? cpu_sp : cpu_x[reg];
    if (sf) {
        ir_mov_i64(s->ir, dst, v);
    } else {
        IRv64 t = tmp64(s);
        ir_emit(s->ir, IR_ext32u, IR_I64, (uint64_t[]){ t.t, v.t });
        ir_mov_i64(s->ir, dst, t);
    }
}

/* --- flags --- */

void gen_set_nz(DisasContext *s, IRv64 result, bool sf)
{
    if (sf) {
        ir_mov_i64(s->ir, cpu_nf, result);
        ir_mov_i64(s->ir, cpu_zf, result);
    } else {
        ir_emit(s->ir, IR_ext32s, IR_I64, (uint64_t[]){ cpu_nf.t, result.t });
        ir_emit(s->ir, IR_ext32u, IR_I64, (uint64_t[]){ cpu_zf.t, result.t });
    }
}

/* cf and vf were just written: they hold C and V again. */
void gen_cv_written(DisasContext *s)
{
    /* Always stored: CCMP's two paths both come here (the optimizer drops repeats). */
    ir_movi_i64(s->ir, cpu_cc_op, ARM_CC_EAGER);
    s->cc_state = ARM_CC_EAGER;
}

/*
 * Make cf and vf hold C and V: computed inline from the operands when this
 * block set the flags lazily, through the flags_cv helper when an earlier
 * block did (or may have).
 */
void gen_flags_eager(DisasContext *s)
{
    IRContext *ir = s->ir;
    IRv64 a = s->cc_x, b = s->cc_y, r, x, y;

    if (s->cc_state == ARM_CC_EAGER) {
        return;
    }
    r = tmp64(s);
    x = tmp64(s);
    y = tmp64(s);
    switch (s->cc_state) {
    case ARM_CC_UNKNOWN: {
        IRv64 ncv = tmp64(s);
        gen_helper_flags_ncv(ir, ncv, cpu_cc_op, cpu_nf, cpu_zf, cpu_cc_b, cpu_cf, cpu_vf);
        ir_and_i64(ir, cpu_vf, ncv, const64(s, 1));
        ir_neg_i64(ir, cpu_vf, cpu_vf);
        ir_extract_i64(ir, cpu_cf, ncv, 1, 1);
        ir_extract_i64(ir, cpu_nf, ncv, 2, 1);
        ir_neg_i64(ir, cpu_nf, cpu_nf);
        break;
    }
    case ARM_CC_SUB64:
    case ARM_CC_SUB32:
        ir_sub_i64(ir, r, a, b);
        ir_setcond_i64(ir, IR_COND_GEU, cpu_cf, a, b);
        ir_xor_i64(ir, x, a, b);
        ir_xor_i64(ir, y, a, r);
        ir_and_i64(ir, cpu_vf, x, y);
        if (s->cc_state == ARM_CC_SUB32) {
            ir_shl_i64(ir, cpu_vf, cpu_vf, const64(s, 32));
        }
        break;
    case ARM_CC_ADD64:
    case ARM_CC_ADD32:
        ir_add_i64(ir, r, a, b);
        if (s->cc_state == ARM_CC_ADD64) {
            ir_setcond_i64(ir, IR_COND_LTU, cpu_cf, r, a);
        } else {
            ir_extract_i64(ir, cpu_cf, r, 32, 1);
        }
        ir_xor_i64(ir, x, r, a);
        ir_xor_i64(ir, y, a, b);
        ir_andc_i64(ir, cpu_vf, x, y);
        if (s->cc_state == ARM_CC_ADD32) {
            ir_shl_i64(ir, cpu_vf, cpu_vf, const64(s, 32));
        }
        break;
    }
    if (s->cc_state != ARM_CC_UNKNOWN) {
        /* N: the sign of the result, which zf holds (zero-extended for 32 bits). */
        if (s->cc_state == ARM_CC_SUB64 || s->cc_state == ARM_CC_ADD64) {
            ir_mov_i64(ir, cpu_nf, cpu_zf);
        } else {
            ir_emit(ir, IR_ext32s, IR_I64, (uint64_t[]){ cpu_nf.t, cpu_zf.t });
        }
    }
    ir_movi_i64(ir, cpu_cc_op, ARM_CC_EAGER);
    s->cc_state = ARM_CC_EAGER;
}

/* The carry flag as a 0/1 value (ADC, SBC). */
IRv64 gen_carry_flag(DisasContext *s)
{
    gen_flags_eager(s);
    return cpu_cf;
}

void gen_logic_flags(DisasContext *s, IRv64 result, bool sf)
{
    gen_set_nz(s, result, sf);
    ir_movi_i64(s->ir, cpu_cf, 0);
    ir_movi_i64(s->ir, cpu_vf, 0);
    gen_cv_written(s);
}

/*
 * ADDS/SUBS without carry-in: N and Z as always, C and V left to be
 * computed when read (cpu.h).  a and b are zero-extended for 32 bits.
 */
static void set_flags_lazy(DisasContext *s, int cc_op, IRv64 result, IRv64 a, IRv64 b)
{
    IRContext *ir = s->ir;
    IRv64 x = tmp64(s), y = tmp64(s);
    bool sf = cc_op == ARM_CC_SUB64 || cc_op == ARM_CC_ADD64;

    /* Z (and, lazily, N): the result; nf is left stale. */
    if (sf) {
        ir_mov_i64(ir, cpu_zf, result);
    } else {
        ir_emit(ir, IR_ext32u, IR_I64, (uint64_t[]){ cpu_zf.t, result.t });
    }
    ir_mov_i64(ir, x, a);       /* a register the instruction may overwrite next */
    ir_mov_i64(ir, y, b);
    ir_mov_i64(ir, cpu_cc_b, y);
    ir_movi_i64(ir, cpu_cc_op, (uint64_t)cc_op);
    s->cc_state = cc_op;
    s->cc_x = x;
    s->cc_y = y;
}

/*
 * The 32-bit flag results from a computation done in 64 bits on
 * zero-extended operands: N and Z from the low word of result, V from bit
 * 31 of vbits; d receives the zero-extended low word.
 */
static void set_nzv_32(DisasContext *s, IRv64 d, IRv64 result, IRv64 vbits)
{
    IRContext *ir = s->ir;
    ir_emit(ir, IR_ext32s, IR_I64, (uint64_t[]){ cpu_vf.t, vbits.t });
    ir_emit(ir, IR_ext32s, IR_I64, (uint64_t[]){ cpu_nf.t, result.t });
    ir_emit(ir, IR_ext32u, IR_I64, (uint64_t[]){ cpu_zf.t, result.t });
    ir_mov_i64(ir, d, cpu_zf);
}

/*
 * d = a + b + carry_in, with NZCV set as AddWithCarry() (Arm ARM
 * J1.1.3 shared pseudocode) defines them.  carry_in is a 0/1 temporary.
 */
static void gen_adc_flags(DisasContext *s, IRv64 d, IRv64 a, IRv64 b, IRv64 carry_in,
                          bool has_carry, bool sf)
{
    IRContext *ir = s->ir;
    IRv64 sum = tmp64(s), x = tmp64(s), y = tmp64(s);

    if (sf) {
        IRv64 carry = tmp64(s);
        if (has_carry) {
            /* Two partial carries: a + cin can wrap only when a is all ones. */
            IRv64 t = tmp64(s), c1 = tmp64(s), c2 = tmp64(s);
            ir_add_i64(ir, t, a, carry_in);
            ir_setcond_i64(ir, IR_COND_LTU, c1, t, a);
            ir_add_i64(ir, sum, t, b);
            ir_setcond_i64(ir, IR_COND_LTU, c2, sum, t);
            ir_or_i64(ir, carry, c1, c2);
        } else {
            ir_add_i64(ir, sum, a, b);
            ir_setcond_i64(ir, IR_COND_LTU, carry, sum, a);
        }
        /* V: the operands had equal signs and the result's sign differs. */
        ir_xor_i64(ir, x, sum, a);
        ir_xor_i64(ir, y, a, b);
        ir_andc_i64(ir, cpu_vf, x, y);
        ir_mov_i64(ir, cpu_cf, carry);
        ir_mov_i64(ir, cpu_nf, sum);
        ir_mov_i64(ir, cpu_zf, sum);
        ir_mov_i64(ir, d, sum);
    } else {
        /* 32-bit: add the zero-extended operands in 64 bits; bit 32 is C. */
        IRv64 a32 = tmp64(s), b32 = tmp64(s), v = tmp64(s);
        ir_emit(ir, IR_ext32u, IR_I64, (uint64_t[]){ a32.t, a.t });
        ir_emit(ir, IR_ext32u, IR_I64, (uint64_t[]){ b32.t, b.t });
        ir_add_i64(ir, sum, a32, b32);
        if (has_carry) {
            ir_add_i64(ir, sum, sum, carry_in);
        }
        ir_extract_i64(ir, cpu_cf, sum, 32, 1);
        ir_xor_i64(ir, x, sum, a32);
        ir_xor_i64(ir, y, a32, b32);
        ir_andc_i64(ir, v, x, y);
        set_nzv_32(s, d, sum, v);
    }
}

void gen_add_flags(DisasContext *s, IRv64 d, IRv64 a, IRv64 b, bool sf, bool with_carry)
{
    IRContext *ir = s->ir;

    if (with_carry) {
        gen_adc_flags(s, d, a, b, gen_carry_flag(s), true, sf);
        gen_cv_written(s);
    } else if (sf) {
        IRv64 sum = tmp64(s);
        ir_add_i64(ir, sum, a, b);
        set_flags_lazy(s, ARM_CC_ADD64, sum, a, b);
        ir_mov_i64(ir, d, sum);
    } else {
        IRv64 a32 = tmp64(s), b32 = tmp64(s), sum = tmp64(s);
        ir_emit(ir, IR_ext32u, IR_I64, (uint64_t[]){ a32.t, a.t });
        ir_emit(ir, IR_ext32u, IR_I64, (uint64_t[]){ b32.t, b.t });
        ir_add_i64(ir, sum, a32, b32);
        set_flags_lazy(s, ARM_CC_ADD32, sum, a32, b32);
        ir_mov_i64(ir, d, cpu_zf);
    }
}

void gen_sub_flags(DisasContext *s, IRv64 d, IRv64 a, IRv64 b, bool sf, bool with_carry)
{
    IRContext *ir = s->ir;
    IRv64 nb, diff;

    if (with_carry) {
        /* a - b - !C == a + ~b + C (AddWithCarry with the inverted operand). */
        nb = tmp64(s);
        ir_not_i64(ir, nb, b);
        gen_adc_flags(s, d, a, nb, gen_carry_flag(s), true, sf);
        gen_cv_written(s);
        return;
    }
    diff = tmp64(s);
    if (sf) {
        ir_sub_i64(ir, diff, a, b);
        set_flags_lazy(s, ARM_CC_SUB64, diff, a, b);
        ir_mov_i64(ir, d, diff);
    } else {
        IRv64 a32 = tmp64(s), b32 = tmp64(s);
        ir_emit(ir, IR_ext32u, IR_I64, (uint64_t[]){ a32.t, a.t });
        ir_emit(ir, IR_ext32u, IR_I64, (uint64_t[]){ b32.t, b.t });
        ir_sub_i64(ir, diff, a32, b32);
        set_flags_lazy(s, ARM_CC_SUB32, diff, a32, b32);
        ir_mov_i64(ir, d, cpu_zf);
    }
}

void gen_set_nzcv_imm(DisasContext *s, unsigned nzcv)
{
    IRContext *ir = s->ir;
    ir_movi_i64(ir, cpu_nf, (nzcv & 8) ? UINT64_MAX : 0);
    ir_movi_i64(ir, cpu_zf, (nzcv & 4) ? 0 : 1);
    ir_movi_i64(ir, cpu_cf, (nzcv & 2) ? 1 : 0);
    ir_movi_i64(ir, cpu_vf, (nzcv & 1) ? UINT64_MAX : 0);
    gen_cv_written(s);
}

IRv64 gen_read_nzcv(DisasContext *s)
{
    IRContext *ir = s->ir;
    IRv64 r = tmp64(s), t = tmp64(s);

    gen_flags_eager(s);
    ir_extract_i64(ir, r, cpu_nf, 63, 1);          /* N */
    ir_shl_i64(ir, r, r, const64(s, 31));
    ir_setcond_i64(ir, IR_COND_EQ, t, cpu_zf, const64(s, 0));
    ir_shl_i64(ir, t, t, const64(s, 30));
    ir_or_i64(ir, r, r, t);
    ir_shl_i64(ir, t, cpu_cf, const64(s, 29));
    ir_or_i64(ir, r, r, t);
    ir_extract_i64(ir, t, cpu_vf, 63, 1);
    ir_shl_i64(ir, t, t, const64(s, 28));
    ir_or_i64(ir, r, r, t);
    return r;
}

void gen_write_nzcv(DisasContext *s, IRv64 v)
{
    IRContext *ir = s->ir;
    IRv64 t = tmp64(s);

    /* N: bit 31 -> sign of nf */
    ir_shl_i64(ir, t, v, const64(s, 32));
    ir_sar_i64(ir, cpu_nf, t, const64(s, 63));
    /* Z: bit 30 -> zf = !Z */
    ir_extract_i64(ir, t, v, 30, 1);
    ir_xor_i64(ir, cpu_zf, t, const64(s, 1));
    ir_extract_i64(ir, cpu_cf, v, 29, 1);
    ir_shl_i64(ir, t, v, const64(s, 35));
    ir_sar_i64(ir, cpu_vf, t, const64(s, 63));
    gen_cv_written(s);
}

/* --- conditions --- */

/*
 * After a lazy SUBS of this block, the conditions that need C or V compare
 * its operands directly (CMP x, y; B.GT is one host compare and branch).
 */
static IRCond sub_cond_to_ir(DisasContext *s, unsigned cond, IRv64 *x, IRv64 *y)
{
    IRCond c;
    bool sub32 = s->cc_state == ARM_CC_SUB32;

    *x = s->cc_x;
    *y = s->cc_y;
    switch (cond >> 1) {
    case 1: /* CS: a >= b unsigned */
        c = IR_COND_GEU;
        break;
    case 2: /* MI: the difference is negative */
        if (sub32) {
            IRv64 sd = tmp64(s);
            ir_emit(s->ir, IR_ext32s, IR_I64, (uint64_t[]){ sd.t, cpu_zf.t });
            *x = sd;
        } else {
            *x = cpu_zf;
        }
        *y = const64(s, 0);
        c = IR_COND_LT;
        break;
    case 4: /* HI */
        c = IR_COND_GTU;
        break;
    case 5: /* GE: a >= b signed */
    case 6: /* GT */
        c = (cond >> 1) == 5 ? IR_COND_GE : IR_COND_GT;
        if (sub32) {
            IRv64 sx = tmp64(s), sy = tmp64(s);
            ir_emit(s->ir, IR_ext32s, IR_I64, (uint64_t[]){ sx.t, x->t });
            ir_emit(s->ir, IR_ext32s, IR_I64, (uint64_t[]){ sy.t, y->t });
            *x = sx;
            *y = sy;
        }
        break;
    default:
        return IR_COND_NEVER;   /* not one of these */
    }
    return (cond & 1) ? ir_cond_invert(c) : c;
}

/*
 * Reduce an A64 condition to one IR comparison *x against *y: returns the
 * IR condition.  Odd conditions are the inverses of the even ones below
 * them (C1.2.4).
 */
static IRCond arm_cond_to_ir(DisasContext *s, unsigned cond, IRv64 *x, IRv64 *y)
{
    IRContext *ir = s->ir;
    IRCond c;
    IRv64 t;
    IRv64 *val = x;

    if (s->cc_state == ARM_CC_SUB64 || s->cc_state == ARM_CC_SUB32) {
        c = sub_cond_to_ir(s, cond, x, y);
        if (c != IR_COND_NEVER) {
            return c;
        }
    }
    *y = const64(s, 0);
    /* EQ reads only Z, which is never lazy. */
    if ((cond >> 1) != 0 && (cond >> 1) != 7) {
        gen_flags_eager(s);
    }
    switch (cond >> 1) {
    case 0: /* EQ: Z */
        *val = cpu_zf;
        c = IR_COND_EQ;
        break;
    case 1: /* CS: C */
        *val = cpu_cf;
        c = IR_COND_NE;
        break;
    case 2: /* MI: N */
        *val = cpu_nf;
        c = IR_COND_LT;
        break;
    case 3: /* VS: V */
        *val = cpu_vf;
        c = IR_COND_LT;
        break;
    case 4: /* HI: C && !Z  <=>  (-C & zf) != 0 */
        t = tmp64(s);
        ir_neg_i64(ir, t, cpu_cf);
        ir_and_i64(ir, t, t, cpu_zf);
        *val = t;
        c = IR_COND_NE;
        break;
    case 5: /* GE: N == V */
        t = tmp64(s);
        ir_xor_i64(ir, t, cpu_nf, cpu_vf);
        *val = t;
        c = IR_COND_GE;
        break;
    case 6: { /* GT: !Z && N == V  <=>  (zf & ~((nf ^ vf) >> 63)) != 0 */
        IRv64 m = tmp64(s);
        t = tmp64(s);
        ir_xor_i64(ir, m, cpu_nf, cpu_vf);
        ir_sar_i64(ir, m, m, const64(s, 63));
        ir_andc_i64(ir, t, cpu_zf, m);
        *val = t;
        c = IR_COND_NE;
        break;
    }
    default: /* AL, NV: always */
        *val = const64(s, 0);
        return IR_COND_ALWAYS;
    }
    return (cond & 1) ? ir_cond_invert(c) : c;
}

void gen_brcond_arm(DisasContext *s, unsigned cond, IRLabel label)
{
    IRv64 x, y;
    IRCond c = arm_cond_to_ir(s, cond, &x, &y);

    if (c == IR_COND_ALWAYS) {
        ir_br(s->ir, label);
    } else {
        ir_brcond_i64(s->ir, c, x, y, label);
    }
}

void gen_setcond_arm(DisasContext *s, unsigned cond, IRv64 d)
{
    IRv64 x, y;
    IRCond c = arm_cond_to_ir(s, cond, &x, &y);

    if (c == IR_COND_ALWAYS) {
        ir_movi_i64(s->ir, d, 1);
    } else {
        ir_setcond_i64(s->ir, c, d, x, y);
    }
}

/* --- control flow and exceptions --- */

/* Blocks never cross a 4 KiB page (the smallest translation granule). */
#define PAGE_OFFSET_MASK 0xfffull

/*
 * A direct jump chains to its target block, except in system mode when
 * the target is on another virtual page: that mapping may change without
 * this block being retranslated, so the jump looks its block up each time
 * (through the jump cache, without leaving translated code).
 */
/*
 * The flags of the block an exit_lookup goes to: this block's, without
 * translator-only bits, and with the BTYPE its indirect branch set (the
 * block itself cleared any BTYPE it started with).
 */
static uint64_t block_tb_flags(const DisasContext *s)
{
    return (s->tbflags & ~(ARM_TBF_GUARDED | ARM_TBF_BTYPE_MASK)) |
           (uint64_t)s->btype_next << ARM_TBF_BTYPE_SHIFT;
}

void gen_goto_pc(DisasContext *s, unsigned slot, uint64_t dest)
{
    if (s->sys && ((dest ^ s->pc_first) & ~PAGE_OFFSET_MASK) != 0) {
        ir_movi_i64(s->ir, cpu_pc, dest);
        ir_exit_lookup(s->ir, block_tb_flags(s));
    } else {
        ir_exit_link_pc(s->ir, slot, dest);
    }
}

void gen_goto_reg(DisasContext *s, IRv64 dest)
{
    ir_mov_i64(s->ir, cpu_pc, dest);
    ir_exit_lookup(s->ir, block_tb_flags(s));
}

void gen_exception(DisasContext *s, uint32_t exc_class, uint32_t syndrome, uint64_t return_pc)
{
    IRContext *ir = s->ir;
    IRv64 env = ir_env();

    ir_movi_i64(ir, cpu_pc, return_pc);
    ir_st_i32(ir, ir_const32(ir, exc_class), env, offsetof(CPUARMState, exception_class), IR_MO_32);
    ir_st_i32(ir, ir_const32(ir, syndrome), env, offsetof(CPUARMState, exception_syndrome), IR_MO_32);
    ir_exit_tb(ir, IR_EXIT_EXCEPTION);
    s->is_jmp = DISAS_NORETURN;
}

void gen_undefined(DisasContext *s)
{
    emu_log_mask(LOG_UNIMP, "unimplemented or unallocated instruction 0x%08x at 0x%llx\n",
                 s->insn, (unsigned long long)s->pc_curr);
    gen_exception(s, ARM_EXC_UNDEF, s->insn, s->pc_curr);
}

void gen_exception_esr(DisasContext *s, uint32_t syndrome, unsigned target_el, uint64_t return_pc,
                       uint64_t far)
{
    IRContext *ir = s->ir;
    IRv64 env = ir_env();

    ir_st_i64(ir, const64(s, far), env, offsetof(CPUARMState, exception_addr), IR_MO_64);
    ir_st_i32(ir, ir_const32(ir, target_el), env, offsetof(CPUARMState, exception_target_el),
              IR_MO_32);
    gen_exception(s, ARM_EXC_ESR, syndrome, return_pc);
}

bool arm_fp_access_check(DisasContext *s)
{
    unsigned target = arm_tbf_fptrap(s->tbflags);

    if (!s->sys || target == 0) {
        return true;
    }
    gen_exception_esr(s, syn_fp_access(), target, s->pc_curr, 0);
    return false;
}

/* --- the block loop --- */

uint32_t arm_translate_block(IRContext *ir, uint64_t pc, uint64_t features, int max_insns,
                             ArmFetchFn fetch, void *opaque)
{
    return arm_translate_block_flags(ir, pc, features, 0, max_insns, fetch, opaque);
}

uint32_t arm_translate_block_flags(IRContext *ir, uint64_t pc, uint64_t features, uint64_t tbflags,
                                   int max_insns, ArmFetchFn fetch, void *opaque)
{
    DisasContext s = {
        .ir = ir,
        .pc_first = pc,
        .cc_state = ARM_CC_UNKNOWN,
        .pc_curr = pc,
        .features = features,
        .is_jmp = DISAS_NEXT,
        .tbflags = tbflags,
        .sys = (tbflags & ARM_TBF_SYS) != 0,
        .el = arm_tbf_el(tbflags),
        .mmu_idx = arm_tbf_mmu_idx(tbflags),
        .guarded_page = (tbflags & ARM_TBF_GUARDED) != 0,
    };
    IRLabel exit_requested = ir_new_label(ir);
    IRv32 request = ir_new32(ir);

    /*
     * Every block first checks for an exit request, so that signals and
     * interrupts get through even when blocks are chained into a loop.
     */
    ir_ld_i32(ir, request, ir_env(), offsetof(CPUARMState, exit_request), IR_MO_32);
    ir_brcond_i32(ir, IR_COND_NE, request, ir_const32(ir, 0), exit_requested);

    for (;;) {
        uint32_t insn;

        if (s.sys && s.insn_count == 0 && ((tbflags & ARM_TBF_IL) || (s.pc_curr & 3))) {
            /*
             * D1.4 PSTATE.IL set by an illegal exception return: the next
             * instruction takes an Illegal Execution State exception.
             * D1.8.3 a misaligned pc faults before the fetch.
             */
            ir_insn_start(ir, s.pc_curr);
            if (tbflags & ARM_TBF_IL) {
                gen_exception_esr(&s, syn_illegal_state(), 0, s.pc_curr, 0);
            } else {
                gen_exception_esr(&s, syn_pc_align(), 0, s.pc_curr, s.pc_curr);
            }
            s.pc_curr += 4;
            break;
        }
        if (gdb_nb_breakpoints && gdb_breakpoint_at(s.pc_curr)) {
            /* Debugger breakpoint: stop before it; a block starting on it exits to the stub. */
            if (s.insn_count == 0) {
                ir_insn_start(ir, s.pc_curr);
                ir_movi_i64(ir, cpu_pc, s.pc_curr);
                ir_exit_tb(ir, EXEC_EXIT_DEBUG);
                s.is_jmp = DISAS_NORETURN;
                s.pc_curr += 4;
            } else {
                s.is_jmp = DISAS_TOO_MANY;
            }
            break;
        }
        if (!fetch(opaque, s.pc_curr, &insn)) {
            if (s.insn_count == 0) {
                /* The block's first instruction cannot be fetched: instruction abort. */
                IRv64 env = ir_env();
                ir_insn_start(ir, s.pc_curr);
                ir_st_i64(ir, const64(&s, s.pc_curr), env,
                          offsetof(CPUARMState, exception_addr), IR_MO_64);
                gen_exception(&s, ARM_EXC_INSN_ABORT, 0, s.pc_curr);
                s.pc_curr += 4;
            } else {
                s.is_jmp = DISAS_TOO_MANY;   /* stop before it; the next block faults */
            }
            break;
        }
        ir_insn_start(ir, s.pc_curr);
        s.insn = insn;
        s.pc_next = s.pc_curr + 4;
        if (s.insn_count == 0) {
            arm_gen_bti_check(&s, insn);
        }
        if (s.is_jmp == DISAS_NORETURN) {
            /* The Branch Target exception replaces the instruction. */
        } else if (!disas_a64_insn(&s, insn)) {
            gen_undefined(&s);
        }
        s.insn_count++;
        s.pc_curr = s.pc_next;
        if (s.is_jmp != DISAS_NEXT) {
            break;
        }
        /*
         * Blocks stop at page ends (so invalidating a written code page
         * catches every block that uses it) and at the size limit.
         */
        if (s.insn_count >= max_insns || (s.pc_curr & PAGE_OFFSET_MASK) == 0) {
            s.is_jmp = DISAS_TOO_MANY;
            break;
        }
    }

    switch (s.is_jmp) {
    case DISAS_NEXT:
    case DISAS_TOO_MANY:
        gen_goto_pc(&s, 0, s.pc_curr);
        break;
    case DISAS_UPDATE_EXIT:
        ir_movi_i64(ir, cpu_pc, s.pc_curr);
        ir_exit_tb(ir, IR_EXIT_NORMAL);
        break;
    case DISAS_NORETURN:
        break;
    }
    ir_set_label(ir, exit_requested);
    ir_movi_i64(ir, cpu_pc, pc);
    ir_exit_tb(ir, IR_EXIT_NORMAL);
    return (uint32_t)(s.pc_curr - pc);
}
