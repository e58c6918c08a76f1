/* Vector operations on the CPU state: see vec.h. */
#include <assert.h>
#include <string.h>
#include "tcg/vec.h"

static uint64_t elem_get(const uint8_t *v, unsigned i, unsigned ebytes)
{
    uint64_t x = 0;
    memcpy(&x, v + i * ebytes, ebytes);
    return x;
}

static void elem_set(uint8_t *v, unsigned i, unsigned ebytes, uint64_t x)
{
    memcpy(v + i * ebytes, &x, ebytes);
}

static int64_t sext(uint64_t x, unsigned bits)
{
    return bits == 64 ? (int64_t)x : (int64_t)(x << (64 - bits)) >> (64 - bits);
}

/* One element of a two- or three-operand op; E bits wide, mask = E ones. */
static uint64_t vec_elem(IRVecOp op, unsigned bits, unsigned imm, uint64_t a, uint64_t b, uint64_t c)
{
    uint64_t mask = bits == 64 ? UINT64_MAX : (1ull << bits) - 1;
    int64_t sa = sext(a, bits), sb = sext(b, bits);

    switch (op) {
    case IR_VEC_ADD: return (a + b) & mask;
    case IR_VEC_SUB: return (a - b) & mask;
    case IR_VEC_MUL: return (a * b) & mask;
    case IR_VEC_AND: return a & b;
    case IR_VEC_OR: return a | b;
    case IR_VEC_XOR: return a ^ b;
    case IR_VEC_ANDC: return a & ~b & mask;
    case IR_VEC_ORC: return (a | ~b) & mask;
    case IR_VEC_SMIN: return sa < sb ? a : b;
    case IR_VEC_SMAX: return sa > sb ? a : b;
    case IR_VEC_UMIN: return a < b ? a : b;
    case IR_VEC_UMAX: return a > b ? a : b;
    case IR_VEC_CMEQ: return a == b ? mask : 0;
    case IR_VEC_CMGT: return sa > sb ? mask : 0;
    case IR_VEC_CMGE: return sa >= sb ? mask : 0;
    case IR_VEC_CMHI: return a > b ? mask : 0;
    case IR_VEC_CMHS: return a >= b ? mask : 0;
    case IR_VEC_CMTST: return (a & b) ? mask : 0;
    case IR_VEC_BITSEL: return (a & b) | (~a & c & mask);
    case IR_VEC_NOT: return ~a & mask;
    case IR_VEC_NEG: return (0 - a) & mask;
    case IR_VEC_ABS: return (sa < 0 ? (uint64_t)-sa : a) & mask;
    case IR_VEC_MOV: return a;
    case IR_VEC_SHLI: return imm >= bits ? 0 : (a << imm) & mask;
    case IR_VEC_SHRI: return imm >= bits ? 0 : a >> imm;
    case IR_VEC_SARI: return (uint64_t)(sa >> (imm >= bits ? bits - 1 : imm)) & mask;
    default:
        assert(!"ir_vec_eval: bad op");
        return 0;
    }
}

void ir_vec_eval(IRVecDesc desc, void *env, uint32_t dofs, uint32_t aofs, uint32_t bofs,
                 uint32_t cofs)
{
    IRVecOp op = ir_vec_desc_op(desc);
    unsigned ebytes = 1u << ir_vec_desc_vece(desc), oprsz = ir_vec_desc_oprsz(desc);
    unsigned imm = ir_vec_desc_imm(desc);
    uint8_t *base = env, a[16], b[16], c[16], d[16] = { 0 };

    /* Copy the sources first: they may overlap the destination. */
    memcpy(a, base + aofs, 16);
    memcpy(b, base + bofs, 16);
    memcpy(c, base + cofs, 16);
    for (unsigned i = 0; i < oprsz / ebytes; i++) {
        elem_set(d, i, ebytes,
                 vec_elem(op, ebytes * 8, imm, elem_get(a, i, ebytes), elem_get(b, i, ebytes),
                          elem_get(c, i, ebytes)));
    }
    memcpy(base + dofs, d, 16);
}

void ir_vec_dup_eval(IRVecDesc desc, void *env, uint32_t dofs, uint64_t v)
{
    unsigned ebytes = 1u << ir_vec_desc_vece(desc), oprsz = ir_vec_desc_oprsz(desc);
    uint8_t d[16] = { 0 };

    for (unsigned i = 0; i < oprsz / ebytes; i++) {
        elem_set(d, i, ebytes, v);
    }
    memcpy((uint8_t *)env + dofs, d, 16);
}

static uint64_t vec_thunk(const uint64_t *args)
{
    ir_vec_eval(args[0], (void *)(uintptr_t)args[1], (uint32_t)args[2], (uint32_t)args[3],
                (uint32_t)args[4], (uint32_t)args[5]);
    return 0;
}

static uint64_t vec_dup_thunk(const uint64_t *args)
{
    ir_vec_dup_eval(args[0], (void *)(uintptr_t)args[1], (uint32_t)args[2], args[3]);
    return 0;
}

/* Vector ops touch env memory that is never an IR global: no global flags needed. */
const IRHelperInfo ir_vec_helper = {
    .name = "vec", .fn = (void *)ir_vec_eval, .thunk = vec_thunk, .nargs = 6, .has_result = false,
    .flags = 0,
};

const IRHelperInfo ir_vec_dup_helper = {
    .name = "vec_dup", .fn = (void *)ir_vec_dup_eval, .thunk = vec_dup_thunk, .nargs = 4,
    .has_result = false, .flags = 0,
};

void ir_vec(IRContext *s, IRVecOp op, unsigned vece, unsigned oprsz, unsigned imm,
            uint32_t dofs, uint32_t aofs, uint32_t bofs, uint32_t cofs)
{
    IRTemp args[6] = {
        ir_const64(s, ir_vec_desc(op, vece, oprsz, imm)).t, ir_env().t,
        ir_const64(s, dofs).t, ir_const64(s, aofs).t, ir_const64(s, bofs).t, ir_const64(s, cofs).t,
    };
    assert(op < IR_VEC_DUP && vece <= 3 && (oprsz == 8 || oprsz == 16));
    ir_call(s, &ir_vec_helper, IR_NO_RESULT, args);
}

void ir_vec_dup(IRContext *s, unsigned vece, unsigned oprsz, uint32_t dofs, IRv64 v)
{
    IRTemp args[4] = {
        ir_const64(s, ir_vec_desc(IR_VEC_DUP, vece, oprsz, 0)).t, ir_env().t,
        ir_const64(s, dofs).t, v.t,
    };
    assert(vece <= 3 && (oprsz == 8 || oprsz == 16));
    ir_call(s, &ir_vec_dup_helper, IR_NO_RESULT, args);
}

/* --- guarded host FP: the generic path is the exact helper itself --- */

static uint64_t hostfp_eval(uint64_t hfpp, uint64_t env, uint64_t a, uint64_t b)
{
    const IRHostFp *h = (const IRHostFp *)(uintptr_t)hfpp;
    return h->fn3 ? h->fn3(env, a, b) : h->fn2(env, a);
}

static void hostfp_vec_eval(uint64_t hfpp, uint64_t env, uint64_t ofs, uint64_t oprsz, uint64_t arg)
{
    const IRHostFp *h = (const IRHostFp *)(uintptr_t)hfpp;
    (void)ofs;
    (void)oprsz;
    h->vfn(env, arg);
}

static uint64_t hostfp_thunk(const uint64_t *args)
{
    return hostfp_eval(args[0], args[1], args[2], args[3]);
}

static uint64_t hostfp_vec_thunk(const uint64_t *args)
{
    hostfp_vec_eval(args[0], args[1], args[2], args[3], args[4]);
    return 0;
}

/* Like the exact FP helpers: env fields only (FPCR, FPSR, V registers), no IR global. */
const IRHelperInfo ir_hostfp_helper = {
    .name = "hostfp", .fn = (void *)hostfp_eval, .thunk = hostfp_thunk, .nargs = 4,
    .has_result = true, .flags = 0,
};

const IRHelperInfo ir_hostfp_vec_helper = {
    .name = "hostfp_vec", .fn = (void *)hostfp_vec_eval, .thunk = hostfp_vec_thunk, .nargs = 5,
    .has_result = false, .flags = 0,
};

void ir_hostfp(IRContext *s, const IRHostFp *hfp, IRv64 r, IRv64 a, IRv64 b)
{
    IRTemp args[4] = { ir_const64(s, (uint64_t)(uintptr_t)hfp).t, ir_env().t, a.t, b.t };
    assert((hfp->fn3 != NULL) != (hfp->fn2 != NULL) && (hfp->op == IR_HFP_SQRT) == !hfp->fn3);
    ir_call(s, &ir_hostfp_helper, r.t, args);
}

void ir_hostfp_vec(IRContext *s, const IRHostFp *hfp, uint32_t dofs, uint32_t aofs, uint32_t bofs,
                   unsigned oprsz, uint64_t arg)
{
    IRTemp args[5] = {
        ir_const64(s, (uint64_t)(uintptr_t)hfp).t, ir_env().t,
        ir_const64(s, ir_hostfp_ofs(dofs, aofs, bofs)).t, ir_const64(s, oprsz).t,
        ir_const64(s, arg).t,
    };
    assert(hfp->vfn && (oprsz == 8 || oprsz == 16) && dofs < (1u << 21) && aofs < (1u << 21) &&
           bofs < (1u << 21));
    ir_call(s, &ir_hostfp_vec_helper, IR_NO_RESULT, args);
}
