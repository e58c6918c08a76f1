/*
 * AdvSIMD integer helpers (table in helpers-simd.h): the element-wise,
 * widening, narrowing, pairwise, across-lane, shift, permute and table
 * lookup operations that translated code does not do inline.  Semantics
 * follow the shared pseudocode of the Arm ARM (J1: SatQ, the shift
 * helpers ShiftSat/RShr, PolynomialMult) computed in 128-bit integers so
 * that no intermediate overflows.
 */
#include <stdbool.h>
#include <string.h>
#include "target-arm/helpers-simd.h"

typedef __int128 i128;
typedef struct Vec { uint8_t b[16]; } Vec;

static Vec vget(CPUARMState *env, uint64_t ofs)
{
    Vec v;
    memcpy(&v, (uint8_t *)env + ofs, 16);
    return v;
}

static void vput(CPUARMState *env, uint64_t ofs, const Vec *v)
{
    memcpy((uint8_t *)env + ofs, v, 16);
}

/* Element i of 1 << size bytes, zero-extended. */
static uint64_t eu(const Vec *v, unsigned i, unsigned size)
{
    uint64_t x = 0;
    memcpy(&x, v->b + (i << size), 1u << size);
    return x;
}

static int64_t sx(uint64_t x, unsigned bits)
{
    return bits >= 64 ? (int64_t)x : (int64_t)(x << (64 - bits)) >> (64 - bits);
}

static int64_t es(const Vec *v, unsigned i, unsigned size)
{
    return sx(eu(v, i, size), 8u << size);
}

static void eput(Vec *v, unsigned i, unsigned size, uint64_t x)
{
    memcpy(v->b + (i << size), &x, 1u << size);
}

static uint64_t mask_of(unsigned bits)
{
    return bits >= 64 ? UINT64_MAX : (1ull << bits) - 1;
}

static void set_qc(CPUARMState *env)
{
    env->fpsr |= FPSR_QC;
}

/* SignedSatQ / UnsignedSatQ to bits, as an unsigned bit pattern. */
static uint64_t sat_s(CPUARMState *env, i128 v, unsigned bits)
{
    i128 max = ((i128)1 << (bits - 1)) - 1, min = -max - 1;

    if (v > max) {
        set_qc(env);
        v = max;
    } else if (v < min) {
        set_qc(env);
        v = min;
    }
    return (uint64_t)v & mask_of(bits);
}

static uint64_t sat_u(CPUARMState *env, i128 v, unsigned bits)
{
    i128 max = ((i128)1 << bits) - 1;

    if (v > max) {
        set_qc(env);
        v = max;
    } else if (v < 0) {
        set_qc(env);
        v = 0;
    }
    return (uint64_t)v;
}

static uint64_t sat(CPUARMState *env, i128 v, unsigned bits, bool sgn)
{
    return sgn ? sat_s(env, v, bits) : sat_u(env, v, bits);
}

/*
 * The shift-by-register family (SSHL .. UQRSHL) and, with a constant
 * shift, the shift-by-immediate forms: a positive shift goes left, a
 * negative one right (rounding adds half of the last bit shifted out).
 * Left shifts saturate when sat; right shifts never overflow except for
 * the signed-to-unsigned narrowing handled by the callers.
 */
static uint64_t shift_elem(CPUARMState *env, uint64_t a, int shift, unsigned bits, bool sgn,
                           bool round, bool sat_res)
{
    i128 v = sgn ? (i128)sx(a, bits) : (i128)(a & mask_of(bits));

    if (shift >= 0) {
        if (!sat_res) {
            return shift >= (int)bits ? 0 : (a << shift) & mask_of(bits);
        }
        if (v == 0) {
            return 0;
        }
        if (shift >= (int)bits) {
            v = v < 0 ? -((i128)1 << 100) : ((i128)1 << 100);  /* saturates either way */
        } else {
            v *= (i128)1 << shift;
        }
        return sat(env, v, bits, sgn);
    }
    int s = -shift > 100 ? 100 : -shift;
    if (round) {
        v += (i128)1 << (s - 1);
    }
    v >>= s;
    return sat_res ? sat(env, v, bits, sgn) : (uint64_t)v & mask_of(bits);
}

/* 8x8 -> 16 and 64x64 -> 128 carry-less multiplication (PolynomialMult). */
static uint64_t clmul8(uint64_t a, uint64_t b)
{
    uint64_t r = 0;
    for (int i = 0; i < 8; i++) {
        if (b >> i & 1) {
            r ^= a << i;
        }
    }
    return r;
}

static unsigned nelem(uint64_t desc)
{
    return SIMD_DESC_SCALAR(desc) ? 1 : (SIMD_DESC_Q(desc) ? 16u : 8u) >> SIMD_DESC_SIZE(desc);
}

/* --- simd_3same --- */

static uint64_t same_elem(CPUARMState *env, unsigned op, unsigned bits, uint64_t a, uint64_t b,
                          uint64_t d)
{
    int64_t sa = sx(a, bits), sb = sx(b, bits), sd = sx(d, bits);
    uint64_t m = mask_of(bits);
    i128 t;

    switch (op) {
    case SIMD_SQADD: return sat_s(env, (i128)sa + sb, bits);
    case SIMD_UQADD: return sat_u(env, (i128)a + b, bits);
    case SIMD_SQSUB: return sat_s(env, (i128)sa - sb, bits);
    case SIMD_UQSUB: return sat_u(env, (i128)a - (i128)b, bits);
    case SIMD_SHADD: return (uint64_t)(((i128)sa + sb) >> 1) & m;
    case SIMD_UHADD: return (uint64_t)(((i128)a + b) >> 1) & m;
    case SIMD_SRHADD: return (uint64_t)(((i128)sa + sb + 1) >> 1) & m;
    case SIMD_URHADD: return (uint64_t)(((i128)a + b + 1) >> 1) & m;
    case SIMD_SHSUB: return (uint64_t)(((i128)sa - sb) >> 1) & m;
    case SIMD_UHSUB: return (uint64_t)(((i128)a - (i128)b) >> 1) & m;
    case SIMD_SABD: t = (i128)sa - sb; return (uint64_t)(t < 0 ? -t : t) & m;
    case SIMD_UABD: return (a > b ? a - b : b - a) & m;
    case SIMD_SABA: t = (i128)sa - sb; return (d + (uint64_t)(t < 0 ? -t : t)) & m;
    case SIMD_UABA: return (d + (a > b ? a - b : b - a)) & m;
    case SIMD_SSHL: return shift_elem(env, a, (int8_t)b, bits, true, false, false);
    case SIMD_USHL: return shift_elem(env, a, (int8_t)b, bits, false, false, false);
    case SIMD_SRSHL: return shift_elem(env, a, (int8_t)b, bits, true, true, false);
    case SIMD_URSHL: return shift_elem(env, a, (int8_t)b, bits, false, true, false);
    case SIMD_SQSHL: return shift_elem(env, a, (int8_t)b, bits, true, false, true);
    case SIMD_UQSHL: return shift_elem(env, a, (int8_t)b, bits, false, false, true);
    case SIMD_SQRSHL: return shift_elem(env, a, (int8_t)b, bits, true, true, true);
    case SIMD_UQRSHL: return shift_elem(env, a, (int8_t)b, bits, false, true, true);
    case SIMD_SQDMULH: return sat_s(env, ((i128)2 * sa * sb) >> bits, bits);
    case SIMD_SQRDMULH:
        return sat_s(env, ((i128)2 * sa * sb + ((i128)1 << (bits - 1))) >> bits, bits);
    case SIMD_SQRDMLAH:
    case SIMD_SQRDMLSH:
        t = (i128)2 * sa * sb;
        t = ((i128)sd * ((i128)1 << bits) + (op == SIMD_SQRDMLSH ? -t : t) +
             ((i128)1 << (bits - 1))) >> bits;
        return sat_s(env, t, bits);
    case SIMD_PMUL: return clmul8(a, b) & 0xff;
    /* SUQADD / USQADD: d accumulates n of the other signedness */
    case SIMD_SUQADD: return sat_s(env, (i128)sd + (i128)a, bits);
    case SIMD_USQADD: return sat_u(env, (i128)d + (i128)sa, bits);
    case SIMD_ADDP: return (a + b) & m;
    case SIMD_SMAXP: return sa > sb ? a : b;
    case SIMD_SMINP: return sa < sb ? a : b;
    case SIMD_UMAXP: return a > b ? a : b;
    case SIMD_UMINP: return a < b ? a : b;
    default: return 0;
    }
}

void helper_simd_3same(uint64_t envp, uint64_t desc, uint64_t dofs, uint64_t nofs, uint64_t mofs)
{
    CPUARMState *env = (CPUARMState *)(uintptr_t)envp;
    unsigned op = SIMD_DESC_OP(desc), size = SIMD_DESC_SIZE(desc), bits = 8u << size;
    unsigned n = nelem(desc);
    Vec vn = vget(env, nofs), vm = vget(env, mofs), vd = vget(env, dofs), r = { { 0 } };

    if (op >= SIMD_ADDP && op <= SIMD_UMINP) {
        /* Pairwise: the elements of m:n (n the low half) taken two by two. */
        for (unsigned i = 0; i < n; i++) {
            const Vec *src = i < n / 2 ? &vn : &vm;
            unsigned j = n > 1 ? 2 * (i % (n / 2)) : 0;
            if (n == 1) {   /* scalar ADDP Dd, Vn.2D */
                src = &vn;
                j = 0;
            }
            eput(&r, i, size, same_elem(env, op, bits, eu(src, j, size), eu(src, j + 1, size), 0));
        }
    } else if (op == SIMD_SDOT || op == SIMD_UDOT) {
        /* Four-way dot product of bytes into 32-bit lanes. */
        for (unsigned i = 0; i < (SIMD_DESC_Q(desc) ? 4u : 2u); i++) {
            uint32_t acc = (uint32_t)eu(&vd, i, 2);
            for (unsigned k = 0; k < 4; k++) {
                unsigned j = 4 * i + k;
                acc += op == SIMD_SDOT ? (uint32_t)(es(&vn, j, 0) * es(&vm, j, 0))
                                       : (uint32_t)(eu(&vn, j, 0) * eu(&vm, j, 0));
            }
            eput(&r, i, 2, acc);
        }
    } else {
        for (unsigned i = 0; i < n; i++) {
            eput(&r, i, size, same_elem(env, op, bits, eu(&vn, i, size), eu(&vm, i, size),
                                        eu(&vd, i, size)));
        }
    }
    vput(env, dofs, &r);
}

/* --- simd_3diff --- */

void helper_simd_3diff(uint64_t envp, uint64_t desc, uint64_t dofs, uint64_t nofs, uint64_t mofs)
{
    CPUARMState *env = (CPUARMState *)(uintptr_t)envp;
    unsigned op = SIMD_DESC_OP(desc), size = SIMD_DESC_SIZE(desc), bits = 8u << size;
    unsigned wbits = 2 * bits;
    bool scalar = SIMD_DESC_SCALAR(desc), hi = SIMD_DESC_Q(desc);
    unsigned n = scalar ? 1 : 8u >> size;     /* results (of the narrow or wide kind) */
    unsigned base = hi ? n : 0;               /* narrow sources / results in the upper half */
    Vec vn = vget(env, nofs), vm = vget(env, mofs), vd = vget(env, dofs), r = { { 0 } };
    bool sgn = !((op - SIMD_SADDL) & 1);

    if (op == SIMD_ADDHN || op == SIMD_RADDHN || op == SIMD_SUBHN || op == SIMD_RSUBHN) {
        /* Narrowing high half: the lower half of d is kept by the "2" form. */
        if (hi) {
            memcpy(r.b, vd.b, 8);
        }
        for (unsigned i = 0; i < n; i++) {
            uint64_t a = eu(&vn, i, size + 1), b = eu(&vm, i, size + 1);
            unsigned __int128 t = (op == SIMD_ADDHN || op == SIMD_RADDHN) ? (unsigned __int128)a + b
                                                                         : (unsigned __int128)a - b;
            if (op == SIMD_RADDHN || op == SIMD_RSUBHN) {
                t += (unsigned __int128)1 << (bits - 1);
            }
            eput(&r, base + i, size, (uint64_t)(t >> bits) & mask_of(bits));
        }
        vput(env, dofs, &r);
        return;
    }
    if (op == SIMD_PMULL) {
        for (unsigned i = 0; i < n; i++) {
            eput(&r, i, 1, clmul8(eu(&vn, base + i, 0), eu(&vm, base + i, 0)));
        }
        vput(env, dofs, &r);
        return;
    }
    for (unsigned i = 0; i < n; i++) {
        bool wide = op == SIMD_SADDW || op == SIMD_UADDW || op == SIMD_SSUBW || op == SIMD_USUBW;
        i128 a, b, d = sgn ? (i128)es(&vd, i, size + 1) : (i128)eu(&vd, i, size + 1), res;
        if (wide) {
            a = sgn ? (i128)es(&vn, i, size + 1) : (i128)eu(&vn, i, size + 1);
        } else {
            a = sgn ? (i128)es(&vn, base + i, size) : (i128)eu(&vn, base + i, size);
        }
        b = sgn ? (i128)es(&vm, base + i, size) : (i128)eu(&vm, base + i, size);
        switch (op) {
        case SIMD_SADDL: case SIMD_UADDL: case SIMD_SADDW: case SIMD_UADDW: res = a + b; break;
        case SIMD_SSUBL: case SIMD_USUBL: case SIMD_SSUBW: case SIMD_USUBW: res = a - b; break;
        case SIMD_SABAL: case SIMD_UABAL: res = d + (a > b ? a - b : b - a); break;
        case SIMD_SABDL: case SIMD_UABDL: res = a > b ? a - b : b - a; break;
        case SIMD_SMLAL: case SIMD_UMLAL: res = d + a * b; break;
        case SIMD_SMLSL: case SIMD_UMLSL: res = d - a * b; break;
        case SIMD_SMULL: case SIMD_UMULL: res = a * b; break;
        case SIMD_SQDMULL:
            res = sat_s(env, 2 * a * b, wbits);
            break;
        case SIMD_SQDMLAL:
        case SIMD_SQDMLSL: {
            /* The doubled product saturates first, then the accumulation. */
            i128 p = sx(sat_s(env, 2 * a * b, wbits), wbits);
            res = sat_s(env, op == SIMD_SQDMLAL ? d + p : d - p, wbits);
            break;
        }
        default: res = 0; break;
        }
        eput(&r, i, size + 1, (uint64_t)res & mask_of(wbits));
    }
    vput(env, dofs, &r);
}

/* --- simd_2op: two-register misc, shifts by immediate, across lanes --- */

static uint64_t rbit_bits(uint64_t x, unsigned bits)
{
    uint64_t r = 0;
    for (unsigned i = 0; i < bits; i++) {
        r |= (x >> i & 1) << (bits - 1 - i);
    }
    return r;
}

static unsigned clz_bits(uint64_t x, unsigned bits)
{
    unsigned c = 0;
    for (int i = (int)bits - 1; i >= 0 && !(x >> i & 1); i--) {
        c++;
    }
    return c;
}

/* Narrowing results of the shift-right-narrow and extract-narrow ops. */
static void narrow_put(Vec *r, const Vec *vd, bool hi, unsigned size, unsigned n, unsigned i,
                       uint64_t x)
{
    if (hi && i == 0) {
        memcpy(r->b, vd->b, 8);
    }
    eput(r, (hi ? n : 0) + i, size, x);
}

void helper_simd_2op(uint64_t envp, uint64_t desc, uint64_t dofs, uint64_t nofs)
{
    CPUARMState *env = (CPUARMState *)(uintptr_t)envp;
    unsigned op = SIMD_DESC_OP(desc), size = SIMD_DESC_SIZE(desc), bits = 8u << size;
    unsigned imm = SIMD_DESC_IMM(desc), n = nelem(desc);
    bool q = SIMD_DESC_Q(desc), scalar = SIMD_DESC_SCALAR(desc);
    Vec vn = vget(env, nofs), vd = vget(env, dofs), r = { { 0 } };
    unsigned nn = scalar ? 1 : 8u >> size;    /* elements of a narrow half */

    switch (op) {
    case SIMD_REV64: case SIMD_REV32: case SIMD_REV16: {
        /* Reverse the elements inside each container of 8, 4 or 2 bytes. */
        unsigned cbytes = op == SIMD_REV64 ? 8 : op == SIMD_REV32 ? 4 : 2;
        unsigned per = cbytes >> size;
        for (unsigned i = 0; i < n; i++) {
            unsigned c = i / per, k = i % per;
            eput(&r, i, size, eu(&vn, c * per + (per - 1 - k), size));
        }
        break;
    }
    case SIMD_SADDLP: case SIMD_UADDLP: case SIMD_SADALP: case SIMD_UADALP: {
        bool sgn = op == SIMD_SADDLP || op == SIMD_SADALP;
        bool acc = op == SIMD_SADALP || op == SIMD_UADALP;
        for (unsigned i = 0; i < n / 2; i++) {
            uint64_t s = sgn ? (uint64_t)(es(&vn, 2 * i, size) + es(&vn, 2 * i + 1, size))
                             : eu(&vn, 2 * i, size) + eu(&vn, 2 * i + 1, size);
            if (acc) {
                s += eu(&vd, i, size + 1);
            }
            eput(&r, i, size + 1, s & mask_of(2 * bits));
        }
        break;
    }
    case SIMD_CLS: case SIMD_CLZ: case SIMD_CNT: case SIMD_RBIT:
    case SIMD_SQABS: case SIMD_SQNEG:
        for (unsigned i = 0; i < n; i++) {
            uint64_t a = eu(&vn, i, size), x;
            int64_t sa = sx(a, bits);
            switch (op) {
            case SIMD_CLS: x = clz_bits((sa < 0 ? ~a : a) & mask_of(bits), bits) - 1; break;
            case SIMD_CLZ: x = clz_bits(a, bits); break;
            case SIMD_CNT: x = (uint64_t)__builtin_popcountll(a); break;
            case SIMD_RBIT: x = rbit_bits(a, bits); break;
            case SIMD_SQABS: x = sat_s(env, sa < 0 ? -(i128)sa : (i128)sa, bits); break;
            default: x = sat_s(env, -(i128)sa, bits); break;
            }
            eput(&r, i, size, x);
        }
        break;
    case SIMD_XTN: case SIMD_SQXTUN: case SIMD_SQXTN: case SIMD_UQXTN:
        for (unsigned i = 0; i < nn; i++) {
            uint64_t a = eu(&vn, i, size + 1), x;
            i128 sa = sx(a, 2 * bits);
            switch (op) {
            case SIMD_XTN: x = a & mask_of(bits); break;
            case SIMD_SQXTUN: x = sat_u(env, sa, bits); break;
            case SIMD_SQXTN: x = sat_s(env, sa, bits); break;
            default: x = sat_u(env, (i128)a, bits); break;
            }
            narrow_put(&r, &vd, q, size, nn, i, x);
        }
        break;
    case SIMD_SHLL: case SIMD_SSHLL: case SIMD_USHLL: {
        /* Widen the lower (or, q, upper) half and shift left. */
        unsigned sh = op == SIMD_SHLL ? bits : imm;
        for (unsigned i = 0; i < nn; i++) {
            uint64_t a = op == SIMD_SSHLL ? (uint64_t)es(&vn, (q ? nn : 0) + i, size)
                                          : eu(&vn, (q ? nn : 0) + i, size);
            eput(&r, i, size + 1, (a << sh) & mask_of(2 * bits));
        }
        break;
    }
    case SIMD_SRSHR: case SIMD_URSHR: case SIMD_SRSRA: case SIMD_URSRA: {
        bool sgn = op == SIMD_SRSHR || op == SIMD_SRSRA;
        bool acc = op == SIMD_SRSRA || op == SIMD_URSRA;
        for (unsigned i = 0; i < n; i++) {
            uint64_t x = shift_elem(env, eu(&vn, i, size), -(int)imm, bits, sgn, true, false);
            if (acc) {
                x = (x + eu(&vd, i, size)) & mask_of(bits);
            }
            eput(&r, i, size, x);
        }
        break;
    }
    case SIMD_SRI: case SIMD_SLI:
        for (unsigned i = 0; i < n; i++) {
            uint64_t a = eu(&vn, i, size), d = eu(&vd, i, size), m = mask_of(bits), x;
            if (op == SIMD_SRI) {
                x = imm >= bits ? d : (d & ~(m >> imm)) | (a >> imm);
            } else {
                x = (d & ~((m << imm) & m)) | ((a << imm) & m);
            }
            eput(&r, i, size, x & m);
        }
        break;
    case SIMD_SQSHLU_I: case SIMD_SQSHL_I: case SIMD_UQSHL_I:
        for (unsigned i = 0; i < n; i++) {
            uint64_t a = eu(&vn, i, size), x;
            if (op == SIMD_SQSHLU_I) {
                x = sat_u(env, (i128)sx(a, bits) * ((i128)1 << imm), bits);
            } else {
                x = shift_elem(env, a, (int)imm, bits, op == SIMD_SQSHL_I, false, true);
            }
            eput(&r, i, size, x);
        }
        break;
    case SIMD_SHRN: case SIMD_RSHRN: case SIMD_SQSHRUN: case SIMD_SQRSHRUN:
    case SIMD_SQSHRN: case SIMD_SQRSHRN: case SIMD_UQSHRN: case SIMD_UQRSHRN: {
        bool round = op == SIMD_RSHRN || op == SIMD_SQRSHRUN || op == SIMD_SQRSHRN ||
                     op == SIMD_UQRSHRN;
        bool sgn_in = op == SIMD_SQSHRUN || op == SIMD_SQRSHRUN || op == SIMD_SQSHRN ||
                      op == SIMD_SQRSHRN;
        for (unsigned i = 0; i < nn; i++) {
            uint64_t a = eu(&vn, i, size + 1), x;
            i128 v = sgn_in ? (i128)sx(a, 2 * bits) : (i128)a;
            if (round) {
                v += (i128)1 << (imm - 1);
            }
            v >>= imm;
            switch (op) {
            case SIMD_SHRN: case SIMD_RSHRN: x = (uint64_t)v & mask_of(bits); break;
            case SIMD_SQSHRUN: case SIMD_SQRSHRUN: x = sat_u(env, v, bits); break;
            case SIMD_SQSHRN: case SIMD_SQRSHRN: x = sat_s(env, v, bits); break;
            default: x = sat_u(env, v, bits); break;
            }
            narrow_put(&r, &vd, q, size, nn, i, x);
        }
        break;
    }
    case SIMD_SADDLV: case SIMD_UADDLV: case SIMD_SMAXV: case SIMD_UMAXV:
    case SIMD_SMINV: case SIMD_UMINV: case SIMD_ADDV: {
        bool sgn = op == SIMD_SADDLV || op == SIMD_SMAXV || op == SIMD_SMINV;
        i128 acc = sgn ? (i128)es(&vn, 0, size) : (i128)eu(&vn, 0, size);
        for (unsigned i = 1; i < n; i++) {
            i128 x = sgn ? (i128)es(&vn, i, size) : (i128)eu(&vn, i, size);
            if (op == SIMD_SMAXV || op == SIMD_UMAXV) {
                acc = x > acc ? x : acc;
            } else if (op == SIMD_SMINV || op == SIMD_UMINV) {
                acc = x < acc ? x : acc;
            } else {
                acc += x;
            }
        }
        if (op == SIMD_SADDLV || op == SIMD_UADDLV) {
            eput(&r, 0, size + 1, (uint64_t)acc & mask_of(2 * bits));
        } else {
            eput(&r, 0, size, (uint64_t)acc & mask_of(bits));
        }
        break;
    }
    default:
        break;
    }
    vput(env, dofs, &r);
}

/* --- permutes --- */

void helper_simd_perm(uint64_t envp, uint64_t desc, uint64_t dofs, uint64_t nofs, uint64_t mofs)
{
    CPUARMState *env = (CPUARMState *)(uintptr_t)envp;
    unsigned op = SIMD_DESC_OP(desc), size = SIMD_DESC_SIZE(desc), n = nelem(desc);
    unsigned bytes = SIMD_DESC_Q(desc) ? 16 : 8;
    Vec vn = vget(env, nofs), vm = vget(env, mofs), r = { { 0 } };

    for (unsigned i = 0; i < n; i++) {
        uint64_t x;
        unsigned half = i / 2, odd = i & 1;
        switch (op) {
        case SIMD_UZP1: case SIMD_UZP2: {
            /* Even (UZP1) or odd elements of the concatenation m:n. */
            unsigned j = 2 * i + (op == SIMD_UZP2);
            x = j < n ? eu(&vn, j, size) : eu(&vm, j - n, size);
            break;
        }
        case SIMD_TRN1: case SIMD_TRN2: {
            unsigned j = 2 * half + (op == SIMD_TRN2);
            x = odd ? eu(&vm, j, size) : eu(&vn, j, size);
            break;
        }
        case SIMD_ZIP1: case SIMD_ZIP2: {
            unsigned j = (op == SIMD_ZIP2 ? n / 2 : 0) + half;
            x = odd ? eu(&vm, j, size) : eu(&vn, j, size);
            break;
        }
        default: { /* SIMD_EXT: bytes imm.. of m:n */
            unsigned j = SIMD_DESC_IMM(desc) + i;
            x = j < bytes ? vn.b[j] : vm.b[j - bytes];
            break;
        }
        }
        eput(&r, i, size, x);
    }
    vput(env, dofs, &r);
}

/* TBL/TBX: imm = number of table registers; desc op 1 = TBX (out of range keeps d). */
void helper_simd_tbl(uint64_t envp, uint64_t desc, uint64_t dofs, uint64_t rn, uint64_t mofs)
{
    CPUARMState *env = (CPUARMState *)(uintptr_t)envp;
    unsigned len = SIMD_DESC_IMM(desc), bytes = SIMD_DESC_Q(desc) ? 16 : 8;
    uint8_t table[64];
    Vec idx = vget(env, mofs), vd = vget(env, dofs), r = { { 0 } };

    for (unsigned k = 0; k < len; k++) {
        memcpy(table + 16 * k, env->vregs[(rn + k) % 32], 16);
    }
    for (unsigned i = 0; i < bytes; i++) {
        unsigned j = idx.b[i];
        r.b[i] = j < 16 * len ? table[j] : (SIMD_DESC_OP(desc) ? vd.b[i] : 0);
    }
    vput(env, dofs, &r);
}

/* The IRHelperInfo records of the whole table (crypto helpers included). */
ARM_SIMD_HELPERS(ARM_HELPER_RECORD)
