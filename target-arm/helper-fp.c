/*
 * Floating-point helpers (the table is in helpers-fp.h): thin wrappers
 * that pick the elements out of env->vregs, call the Arm-exact FP library
 * (fpu.h) once per element with env->fpcr, OR the raised exceptions into
 * env->fpsr and write the results back with the AdvSIMD zeroing rules
 * (a 64-bit vector write clears bits 127:64, a scalar write clears every
 * bit above the element).
 */
#include <assert.h>
#include <stdbool.h>
#include <string.h>
#include "target-arm/fpu.h"
#include "target-arm/helpers-fp.h"

static uint64_t sign_bit(unsigned esz)
{
    return 1ull << (8 * esz - 1);
}

static uint64_t emask(unsigned esz)
{
    return esz == 8 ? UINT64_MAX : (1ull << (8 * esz)) - 1;
}

static uint64_t vget(const CPUARMState *env, unsigned reg, unsigned idx, unsigned esz)
{
    uint64_t v = 0;
    memcpy(&v, (const uint8_t *)env->vregs[reg] + idx * esz, esz);
    return v;
}

/* A decoded descriptor. */
typedef struct FPD {
    FPOp op;
    unsigned esz;        /* element bytes */
    unsigned oprsz;      /* bytes of the operation (esz for scalars) */
    unsigned nelem;
    bool scalar;
    unsigned rd, rn, rm, ra, idx;
    bool byelem, uns, flag, zero, pair;
    ArmRounding rmode;
    int fbits;
    unsigned osz;        /* other size in bytes */
} FPD;

static FPD fpd_decode(uint64_t d)
{
    FPD f;
    unsigned ok = fpd_get(d, FPD_OPRSZ_SHIFT, 2);

    f.op = (FPOp)fpd_get(d, 0, 8);
    f.esz = 1u << fpd_get(d, FPD_ESZ_SHIFT, 2);
    f.scalar = ok == 0;
    f.oprsz = ok == 2 ? 16 : ok == 1 ? 8 : f.esz;
    f.nelem = f.oprsz / f.esz;
    f.rd = fpd_get(d, FPD_RD_SHIFT, 5);
    f.rn = fpd_get(d, FPD_RN_SHIFT, 5);
    f.rm = fpd_get(d, FPD_RM_SHIFT, 5);
    f.ra = fpd_get(d, FPD_RA_SHIFT, 5);
    f.idx = fpd_get(d, FPD_IDX_SHIFT, 4);
    f.byelem = fpd_get(d, FPD_BYELEM_SHIFT, 1);
    f.rmode = (ArmRounding)fpd_get(d, FPD_RMODE_SHIFT, 3);
    f.fbits = (int)fpd_get(d, FPD_FBITS_SHIFT, 7);
    f.uns = fpd_get(d, FPD_UNS_SHIFT, 1);
    f.flag = fpd_get(d, FPD_FLAG_SHIFT, 1);
    f.osz = 1u << fpd_get(d, FPD_OSZ_SHIFT, 2);
    f.zero = fpd_get(d, FPD_ZERO_SHIFT, 1);
    f.pair = fpd_get(d, FPD_PAIR_SHIFT, 1);
    return f;
}

/*
 * Write the first `bytes` bytes of res into Vd and zero the rest of the
 * register (bytes is the element size for scalars, 8 or 16 for vectors).
 */
static void vwrite(CPUARMState *env, unsigned rd, const uint8_t *res, unsigned bytes)
{
    uint8_t v[16] = { 0 };

    memcpy(v, res, bytes);
    memcpy(env->vregs[rd], v, 16);
}

static void put(uint8_t *res, unsigned idx, unsigned esz, uint64_t x)
{
    memcpy(res + idx * esz, &x, esz);
}

static uint64_t fneg(unsigned esz, uint64_t a)
{
    return a ^ sign_bit(esz);
}

static uint64_t fabs_(unsigned esz, uint64_t a)
{
    return a & ~sign_bit(esz);
}

/* One element of a binary op: the Arm ARM's per-element pseudocode. */
static uint64_t binop_elem(FPOp op, unsigned esz, uint64_t d, uint64_t n, uint64_t m,
                           uint32_t fpcr, uint32_t *fpsr)
{
    ArmFPSize sz = (ArmFPSize)esz;
    uint64_t ones = emask(esz);

    switch (op) {
    case FPOP_ADD: return fp_add(sz, n, m, fpcr, fpsr);
    case FPOP_SUB: return fp_sub(sz, n, m, fpcr, fpsr);
    case FPOP_MUL: return fp_mul(sz, n, m, fpcr, fpsr);
    case FPOP_DIV: return fp_div(sz, n, m, fpcr, fpsr);
    case FPOP_MAX: return fp_max(sz, n, m, fpcr, fpsr);
    case FPOP_MIN: return fp_min(sz, n, m, fpcr, fpsr);
    case FPOP_MAXNM: return fp_maxnum(sz, n, m, fpcr, fpsr);
    case FPOP_MINNM: return fp_minnum(sz, n, m, fpcr, fpsr);
    /* C7.2 FNMUL: FPNeg of the rounded product (a NaN result's sign flips too). */
    case FPOP_NMUL: return fneg(esz, fp_mul(sz, n, m, fpcr, fpsr));
    case FPOP_MULX: return fp_mulx(sz, n, m, fpcr, fpsr);
    case FPOP_ABD: return fabs_(esz, fp_sub(sz, n, m, fpcr, fpsr));
    case FPOP_RECPS: return fp_recip_step(sz, n, m, fpcr, fpsr);
    case FPOP_RSQRTS: return fp_rsqrt_step(sz, n, m, fpcr, fpsr);
    case FPOP_CMEQ: return fp_compare_eq(sz, n, m, fpcr, fpsr) ? ones : 0;
    case FPOP_CMGE: return fp_compare_ge(sz, n, m, fpcr, fpsr) ? ones : 0;
    case FPOP_CMGT: return fp_compare_gt(sz, n, m, fpcr, fpsr) ? ones : 0;
    case FPOP_ACGE: return fp_compare_ge(sz, fabs_(esz, n), fabs_(esz, m), fpcr, fpsr) ? ones : 0;
    case FPOP_ACGT: return fp_compare_gt(sz, fabs_(esz, n), fabs_(esz, m), fpcr, fpsr) ? ones : 0;
    /* C7.2 FMLA/FMLS (vector, by element): FPMulAdd(d, [-]n, m). */
    case FPOP_MLA: return fp_muladd(sz, d, n, m, fpcr, fpsr);
    case FPOP_MLS: return fp_muladd(sz, d, fneg(esz, n), m, fpcr, fpsr);
    default:
        assert(!"fp_binop: bad op");
        return 0;
    }
}

void helper_fp_binop(uint64_t envp, uint64_t desc)
{
    CPUARMState *env = (CPUARMState *)(uintptr_t)envp;
    FPD f = fpd_decode(desc);
    uint32_t fpcr = env->fpcr, fpsr = env->fpsr;
    uint8_t res[16] = { 0 };

    switch (f.op) {
    case FPOP_MADD: case FPOP_MSUB: case FPOP_NMADD: case FPOP_NMSUB: {
        /*
         * C7.2 FMADD/FMSUB/FNMADD/FNMSUB: FPMulAdd(addend, op1, op2) with
         * addend negated for FNMADD/FNMSUB and op1 (Rn) negated for
         * FMSUB/FNMADD, before the fused operation (so NaN signs flip too).
         */
        uint64_t a = vget(env, f.ra, 0, f.esz), n = vget(env, f.rn, 0, f.esz);
        uint64_t m = vget(env, f.rm, 0, f.esz);
        if (f.op == FPOP_NMADD || f.op == FPOP_NMSUB) {
            a = fneg(f.esz, a);
        }
        if (f.op == FPOP_MSUB || f.op == FPOP_NMADD) {
            n = fneg(f.esz, n);
        }
        put(res, 0, f.esz, fp_muladd((ArmFPSize)f.esz, a, n, m, fpcr, &fpsr));
        break;
    }
    default:
        if (f.flag) {
            /* Scalar pairwise (FADDP Sd, Vn.2S ...): elements 0 and 1 of Vn. */
            put(res, 0, f.esz, binop_elem(f.op, f.esz, 0, vget(env, f.rn, 0, f.esz),
                                          vget(env, f.rn, 1, f.esz), fpcr, &fpsr));
            f.oprsz = f.esz;
            break;
        }
        for (unsigned i = 0; i < f.nelem; i++) {
            uint64_t n, m;
            if (f.pair) {
                /*
                 * Pairwise vector (FADDP Vd, Vn, Vm): the operands are
                 * adjacent pairs of the concatenation Vm:Vn.
                 */
                unsigned half = f.nelem / 2, j = i < half ? 2 * i : 2 * (i - half);
                unsigned src = i < half ? f.rn : f.rm;
                n = vget(env, src, j, f.esz);
                m = vget(env, src, j + 1, f.esz);
            } else {
                n = vget(env, f.rn, i, f.esz);
                m = vget(env, f.rm, f.byelem ? f.idx : i, f.esz);
            }
            put(res, i, f.esz, binop_elem(f.op, f.esz, vget(env, f.rd, i, f.esz), n, m, fpcr,
                                          &fpsr));
        }
        break;
    }
    vwrite(env, f.rd, res, f.oprsz);
    env->fpsr = fpsr;
}

/*
 * FPRoundIntN (FRINT32Z/X, FRINT64Z/X, FEAT_FRINTTS): round to an integral
 * value that fits an int_bits-bit signed integer.  NaN, infinity and
 * out-of-range results give the most negative integer, -2^(int_bits-1),
 * with Invalid Operation and without Inexact.
 */
static uint64_t round_int_n(unsigned esz, uint64_t a, ArmRounding rmode, unsigned int_bits,
                            uint32_t fpcr, uint32_t *fpsr)
{
    unsigned ebits = esz == 4 ? 8 : 11, fbits = 8 * esz - 1 - ebits;
    uint64_t bias = (1ull << (ebits - 1)) - 1, emax = (1ull << ebits) - 1;
    uint64_t limit_exp = bias + int_bits - 1;     /* exponent of 2^(int_bits-1) */
    uint64_t most_neg = sign_bit(esz) | limit_exp << fbits;
    uint32_t flags = 0;
    uint64_t r, e;

    if (((a >> fbits) & emax) == emax) {          /* NaN or infinity */
        *fpsr |= FPSR_IOC;
        return most_neg;
    }
    r = fp_round_int((ArmFPSize)esz, a, rmode, true, fpcr, &flags);
    e = (r >> fbits) & emax;
    if (e >= limit_exp && r != most_neg) {
        *fpsr |= FPSR_IOC | (flags & FPSR_IDC);
        return most_neg;
    }
    *fpsr |= flags;
    return r;
}

/* One element of a unary op. */
static uint64_t unop_elem(const FPD *f, uint64_t n, uint32_t fpcr, uint32_t *fpsr)
{
    ArmFPSize sz = (ArmFPSize)f->esz;
    uint64_t ones = emask(f->esz), zero = 0;
    int ibits = 8 * (int)f->esz;

    switch (f->op) {
    case FPOP_ABS: return fabs_(f->esz, n);
    case FPOP_NEG: return fneg(f->esz, n);
    case FPOP_SQRT: return fp_sqrt(sz, n, fpcr, fpsr);
    case FPOP_RINT: return fp_round_int(sz, n, f->rmode, f->flag, fpcr, fpsr);
    case FPOP_RINTN: return round_int_n(f->esz, n, f->rmode, 8 * f->osz, fpcr, fpsr);
    case FPOP_TOINT:
        return fp_to_fixed(sz, n, f->fbits, f->uns, ibits, f->rmode, fpcr, fpsr) & ones;
    case FPOP_FROMINT:
        if (!f->uns && ibits < 64 && (n & sign_bit(f->esz))) {
            n |= ~ones;      /* the library takes signed integers sign-extended */
        }
        return fixed_to_fp(sz, n, f->fbits, f->uns, ibits, f->rmode, fpcr, fpsr);
    case FPOP_RECPE: return fp_recip_estimate(sz, n, fpcr, fpsr);
    case FPOP_RSQRTE: return fp_rsqrt_estimate(sz, n, fpcr, fpsr);
    case FPOP_RECPX: return fp_recpx(sz, n, fpcr, fpsr);
    case FPOP_URECPE: return fp_urecip_estimate((uint32_t)n);
    case FPOP_URSQRTE: return fp_ursqrt_estimate((uint32_t)n);
    /* C7.2 FCMxx (zero): LE and LT compare 0 against the element. */
    case FPOP_CMEQ0: return fp_compare_eq(sz, n, zero, fpcr, fpsr) ? ones : 0;
    case FPOP_CMGE0: return fp_compare_ge(sz, n, zero, fpcr, fpsr) ? ones : 0;
    case FPOP_CMGT0: return fp_compare_gt(sz, n, zero, fpcr, fpsr) ? ones : 0;
    case FPOP_CMLE0: return fp_compare_ge(sz, zero, n, fpcr, fpsr) ? ones : 0;
    case FPOP_CMLT0: return fp_compare_gt(sz, zero, n, fpcr, fpsr) ? ones : 0;
    default:
        assert(!"fp_unop: bad op");
        return 0;
    }
}

void helper_fp_unop(uint64_t envp, uint64_t desc)
{
    CPUARMState *env = (CPUARMState *)(uintptr_t)envp;
    FPD f = fpd_decode(desc);
    uint32_t fpcr = env->fpcr, fpsr = env->fpsr;
    uint8_t res[16] = { 0 };
    ArmRounding fpcr_rm = fpcr_rounding(fpcr);

    switch (f.op) {
    case FPOP_CVT:
        /* C7.2 FCVT (scalar): esz -> osz with the FPCR rounding mode. */
        put(res, 0, f.osz, fp_convert((ArmFPSize)f.osz, (ArmFPSize)f.esz,
                                      vget(env, f.rn, 0, f.esz), fpcr_rm, fpcr, &fpsr));
        vwrite(env, f.rd, res, f.osz);
        break;
    case FPOP_CVTN: {
        /*
         * C7.2 FCVTN/FCVTXN{,2}: the wide elements of Vn (or the one of a
         * scalar FCVTXN) narrowed into the low half of Vd, or for the "2"
         * forms into the upper half with the lower half kept.
         */
        unsigned wide = 2 * f.esz, n = f.scalar ? 1 : 8 / f.esz;
        ArmRounding rm = f.rmode == FPROUND_ODD ? FPROUND_ODD : fpcr_rm;
        for (unsigned i = 0; i < n; i++) {
            put(res, i, f.esz, fp_convert((ArmFPSize)f.esz, (ArmFPSize)wide,
                                          vget(env, f.rn, i, wide), rm, fpcr, &fpsr));
        }
        if (f.scalar) {
            vwrite(env, f.rd, res, f.esz);
        } else if (f.flag) {
            memcpy(&env->vregs[f.rd][1], res, 8);
        } else {
            vwrite(env, f.rd, res, 8);
        }
        break;
    }
    case FPOP_CVTL: {
        /* C7.2 FCVTL{,2}: the narrow elements of the low (high) half of Vn, widened. */
        unsigned narrow = f.esz / 2, n = 16 / f.esz, base = f.flag ? n : 0;
        for (unsigned i = 0; i < n; i++) {
            put(res, i, f.esz, fp_convert((ArmFPSize)f.esz, (ArmFPSize)narrow,
                                          vget(env, f.rn, base + i, narrow), fpcr_rm, fpcr,
                                          &fpsr));
        }
        vwrite(env, f.rd, res, 16);
        break;
    }
    default:
        if ((unsigned)f.rmode == FPD_RMODE_FPCR) {
            f.rmode = fpcr_rm;
        }
        for (unsigned i = 0; i < f.nelem; i++) {
            put(res, i, f.esz, unop_elem(&f, vget(env, f.rn, i, f.esz), fpcr, &fpsr));
        }
        vwrite(env, f.rd, res, f.oprsz);
        break;
    }
    env->fpsr = fpsr;
}

/*
 * C7.2 FMAXV/FMINV/FMAXNMV/FMINNMV: Reduce() splits the vector in halves
 * recursively, so the tree is ((e0 op e1) op (e2 op e3)) ... with the
 * results of the lower half first.
 */
static uint64_t reduce(FPOp op, unsigned esz, const uint64_t *e, unsigned n, uint32_t fpcr,
                       uint32_t *fpsr)
{
    uint64_t lo, hi;

    if (n == 1) {
        return e[0];
    }
    lo = reduce(op, esz, e, n / 2, fpcr, fpsr);
    hi = reduce(op, esz, e + n / 2, n / 2, fpcr, fpsr);
    return binop_elem(op, esz, 0, lo, hi, fpcr, fpsr);
}

void helper_fp_reduce(uint64_t envp, uint64_t desc)
{
    CPUARMState *env = (CPUARMState *)(uintptr_t)envp;
    FPD f = fpd_decode(desc);
    uint32_t fpsr = env->fpsr;
    uint64_t e[8];
    uint8_t res[16] = { 0 };

    for (unsigned i = 0; i < f.nelem; i++) {
        e[i] = vget(env, f.rn, i, f.esz);
    }
    put(res, 0, f.esz, reduce(f.op, f.esz, e, f.nelem, env->fpcr, &fpsr));
    vwrite(env, f.rd, res, f.esz);
    env->fpsr = fpsr;
}

/* C7.2 FCMP/FCMPE/FCCMP/FCCMPE: the NZCV of FPCompare (bits 3..0). */
uint64_t helper_fp_cmp(uint64_t envp, uint64_t desc)
{
    CPUARMState *env = (CPUARMState *)(uintptr_t)envp;
    FPD f = fpd_decode(desc);
    uint32_t fpsr = env->fpsr;
    uint64_t n = vget(env, f.rn, 0, f.esz), m = f.zero ? 0 : vget(env, f.rm, 0, f.esz);
    unsigned r = fp_compare((ArmFPSize)f.esz, n, m, f.flag, env->fpcr, &fpsr);

    env->fpsr = fpsr;
    return r;
}

/*
 * C7.2 FCVT[NPMZA][SU] (scalar, integer and fixed point), FJCVTZS: Vn's
 * element to a 32- or 64-bit integer (osz).  A 32-bit result comes back
 * zero-extended, as a W-register write needs.  FJCVTZS (the flag) returns
 * its W result in bits 31:0 and the Z flag it sets in bit 32.
 */
uint64_t helper_fp_to_gpr(uint64_t envp, uint64_t desc)
{
    CPUARMState *env = (CPUARMState *)(uintptr_t)envp;
    FPD f = fpd_decode(desc);
    uint32_t fpsr = env->fpsr;
    uint64_t n = vget(env, f.rn, 0, f.esz), r;

    if (f.flag) {
        /* FJCVTZS: the W result in bits 31:0, Z in bit 32. */
        bool z = false;
        r = fp_jcvt(n, &z, env->fpcr, &fpsr);
        r = (uint32_t)r | (uint64_t)z << 32;
    } else {
        r = fp_to_fixed((ArmFPSize)f.esz, n, f.fbits, f.uns, 8 * (int)f.osz, f.rmode, env->fpcr,
                        &fpsr);
        if (f.osz == 4) {
            r = (uint32_t)r;
        }
    }
    env->fpsr = fpsr;
    return r;
}

/* C7.2 SCVTF/UCVTF (scalar, integer and fixed point): a 32/64-bit integer to Vd. */
void helper_fp_from_gpr(uint64_t envp, uint64_t desc, uint64_t v)
{
    CPUARMState *env = (CPUARMState *)(uintptr_t)envp;
    FPD f = fpd_decode(desc);
    uint32_t fpsr = env->fpsr, fpcr = env->fpcr;
    uint8_t res[16] = { 0 };

    if (f.osz == 4) {
        v = f.uns ? (uint32_t)v : (uint64_t)(int64_t)(int32_t)v;
    }
    put(res, 0, f.esz, fixed_to_fp((ArmFPSize)f.esz, v, f.fbits, f.uns, 8 * (int)f.osz,
                                   fpcr_rounding(fpcr), fpcr, &fpsr));
    vwrite(env, f.rd, res, f.esz);
    env->fpsr = fpsr;
}

/* --- the IRHelperInfo records and interpreter thunks, from the table --- */

ARM_FP_HELPERS(ARM_HELPER_RECORD)
