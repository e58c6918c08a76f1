/*
 * Direct FP helpers (the ARM_FP_FAST_HELPERS table of helpers-fp.h) for
 * the instructions hot code uses: scalar FADD FSUB FMUL FDIV FSQRT, the
 * FMADD family, FCMP/FCMPE, FCVTZS and SCVTF (integer), and the vector
 * 2S/4S/2D FADD FSUB FMUL FDIV FMAX FMIN FMLA FMLS FSQRT FCVTZS SCVTF.
 *
 * Every element first tries a fast path that is taken only where it
 * provably gives the bits and FPSR flags of the Arm-exact library
 * (fpu.h), and otherwise calls that library with the same operands, so
 * the results are always those of the generic helpers of helper-fp.c.
 * FADD..FSQRT reuse the library's own host fast path (fpu-internal.h); the
 * others are below, each with its argument, and tests/unit/test_fp_fast.c
 * compares each with the library on special and random operands.
 *
 * All fast paths share two conditions, checked once per helper:
 * fpr_fast_mode() (FPCR.RMode round to nearest, host MXCSR at default, and
 * not turned off by a test), and operands that are normal numbers (never
 * zero, denormal, infinite or NaN, so FZ, DN, NaN propagation and the
 * special cases of the pseudocode never come in).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "target-arm/fpu-internal.h"
#include "target-arm/helpers-fp.h"

static inline CPUARMState *env_of(uint64_t p)
{
    return (CPUARMState *)(uintptr_t)p;
}

/* --- fused multiply-add: addend + n * m with one rounding --- */

static bool host_has_fma;

static void __attribute__((constructor)) fast_init(void)
{
    __builtin_cpu_init();
    host_has_fma = __builtin_cpu_supports("fma");
}

/* VFMADD: correctly rounded per MXCSR (round to nearest, see fpr_host_ok). */
__attribute__((target("fma"))) static double host_fma(double x, double y, double z)
{
    return __builtin_fma(x, y, z);
}

/* Odd integer significand and the exponent of its last bit: x == sig * 2^exp. */
static inline u128 odd_sig(u128 sig, int *exp)
{
    int tz = (uint64_t)sig != 0 ? __builtin_ctzll((uint64_t)sig)
                                : 64 + __builtin_ctzll((uint64_t)(sig >> 64));
    *exp += tz;
    return sig >> tz;
}

/*
 * Double: the host FMA gives the correctly rounded sum (no rounding of the
 * product, as FPMulAdd).  With normal operands and a result above the
 * smallest normal and finite, only IXC can arise (as for fpr_fast_d), and
 * it is decided exactly: with P, A, R the odd significands of n*m, addend
 * and the result and eP, eA, eR the exponents of their last bits, the sum
 * is exact iff +-P*2^eP +-A*2^eA == +-R*2^eR.  If one of the three
 * exponents is strictly the smallest, the left and right sides differ in
 * that bit, so it is inexact; otherwise everything is shifted to the
 * smallest exponent and compared in 128-bit integers when it fits
 * (P < 2^106 shifted by <= 20, A and R < 2^53 shifted by <= 72, so every
 * term and the sum of two stay below 2^127), else we fall back.
 */
static inline bool fast_madd_d(uint64_t a, uint64_t n, uint64_t m, uint32_t *fpsr,
                               uint64_t *res)
{
    if (!host_has_fma || !fpr_normal_d(a) || !fpr_normal_d(n) || !fpr_normal_d(m)) {
        return false;
    }
    double r = host_fma(fpr_d_of(n), fpr_d_of(m), fpr_d_of(a));
    uint64_t rb = fpr_bits_d(r);
    if (!fpr_result_ok_d(rb)) {
        return false;
    }
    int en, em, ea, er;
    uint64_t sn = fpr_sig_d(n, &en), sm = fpr_sig_d(m, &em);
    int ep = en + em;
    u128 p = odd_sig((u128)sn * sm, &ep);
    u128 sa = odd_sig(fpr_sig_d(a, &ea), &ea);
    u128 sr = odd_sig(fpr_sig_d(rb, &er), &er);
    int e0 = ep < ea ? ep : ea;
    e0 = er < e0 ? er : e0;
    bool exact;

    if ((ep == e0) + (ea == e0) + (er == e0) == 1) {
        exact = false;
    } else if (ep - e0 > 20 || ea - e0 > 72 || er - e0 > 72) {
        return false;
    } else {
        __int128 vp = (__int128)(p << (ep - e0));
        __int128 va = (__int128)(sa << (ea - e0));
        __int128 vr = (__int128)(sr << (er - e0));
        if ((n ^ m) >> 63) {
            vp = -vp;
        }
        if (a >> 63) {
            va = -va;
        }
        if (rb >> 63) {
            vr = -vr;
        }
        exact = vp + va == vr;
    }
    if (!exact) {
        *fpsr |= FPSR_IXC;
    }
    *res = rb;
    return true;
}

/*
 * Single: the product of two singles is exact in double (48 bits, and far
 * from double's overflow and underflow), d = p + c rounds it once and
 * TwoSum's e makes p + c == d + e exact.  The single nearest p + c is the
 * single nearest d unless a single midpoint lies between them; midpoints
 * between normal singles are doubles, and d is the double nearest p + c,
 * so that can only happen when d is such a midpoint itself and e != 0:
 * then we fall back.  Otherwise (float)d is FPMulAdd's result (above the
 * smallest normal and finite by the check), inexact iff e != 0 or it
 * differs from d.
 */
static inline bool fast_madd_s(uint32_t a, uint32_t n, uint32_t m, uint32_t *fpsr,
                               uint64_t *res)
{
    if (!fpr_normal_s(a) || !fpr_normal_s(n) || !fpr_normal_s(m)) {
        return false;
    }
    double p = (double)fpr_f_of(n) * (double)fpr_f_of(m);
    double c = fpr_f_of(a);
    double d = p + c;
    double e = fpr_two_sum_err(p, c, d);
    float f = (float)d;
    if (!fpr_result_ok_s(fpr_bits_f(f))) {
        return false;
    }
    /* a single midpoint: the 29 fraction bits below single precision are 100..0 */
    if (e != 0.0 && (fpr_bits_d(d) & 0x1fffffffu) == 0x10000000u) {
        return false;
    }
    if (e != 0.0 || (double)f != d) {
        *fpsr |= FPSR_IXC;
    }
    *res = fpr_bits_f(f);
    return true;
}

static inline bool fast_madd(ArmFPSize sz, uint64_t a, uint64_t n, uint64_t m, uint32_t *fpsr,
                             uint64_t *res)
{
    return sz == FP64 ? fast_madd_d(a, n, m, fpsr, res)
                      : fast_madd_s((uint32_t)a, (uint32_t)n, (uint32_t)m, fpsr, res);
}

/* --- the other fast paths --- */

/* As a host double, when x is neither a NaN nor a denormal (zeros and infinities are fine). */
static inline bool plain_value(ArmFPSize sz, uint64_t x, double *v)
{
    if (sz == FP32) {
        uint32_t e = (uint32_t)(x >> 23) & 0xff, f = (uint32_t)x & 0x7fffff;
        if (e == 0 ? f != 0 : e == 0xff && f != 0) {
            return false;
        }
        *v = fpr_f_of((uint32_t)x);
    } else {
        uint64_t e = (x >> 52) & 0x7ff, f = x & ((1ull << 52) - 1);
        if (e == 0 ? f != 0 : e == 0x7ff && f != 0) {
            return false;
        }
        *v = fpr_d_of(x);
    }
    return true;
}

/*
 * FPCompare without NaNs: no exception (FCMPE signals only on NaNs), and
 * without denormals FZ changes nothing; -0 == +0 on the host as in Arm.
 * NZCV: equal 0110, less 1000, greater 0010.
 */
static inline bool fast_cmp(ArmFPSize sz, uint64_t n, uint64_t m, uint64_t *nzcv)
{
    double x, y;

    if (!plain_value(sz, n, &x) || !plain_value(sz, m, &y)) {
        return false;
    }
    *nzcv = x == y ? 6 : x < y ? 8 : 2;
    return true;
}

/*
 * FPToFixed, round toward zero, signed, no fraction bits: for zero or a
 * normal value of magnitude below 2^(ibits-1) the truncated integer fits,
 * nothing saturates and the only flag is IXC, raised iff the value was
 * not integral.  (double)i is exact: below 2^52 i has at most 53 bits,
 * and from 2^52 on every double is an integer, so i == x.
 */
static inline bool fast_cvtzs(ArmFPSize sz, uint64_t a, int ibits, uint32_t *fpsr, uint64_t *res)
{
    double x;
    if (sz == FP32) {
        uint32_t be = (uint32_t)(a >> 23) & 0xff;
        if (be == 0) {
            if (a & 0x7fffff) {
                return false;
            }
            *res = 0;
            return true;
        }
        if (be > 127u + (unsigned)ibits - 2) {
            return false;
        }
        x = fpr_f_of((uint32_t)a);
    } else {
        uint64_t be = (a >> 52) & 0x7ff;
        if (be == 0) {
            if (a & ((1ull << 52) - 1)) {
                return false;
            }
            *res = 0;
            return true;
        }
        if (be > 1023u + (unsigned)ibits - 2) {
            return false;
        }
        x = fpr_d_of(a);
    }
    int64_t i = (int64_t)x;
    if ((double)i != x) {
        *fpsr |= FPSR_IXC;
    }
    *res = ibits == 32 ? (uint32_t)i : (uint64_t)i;
    return true;
}

/*
 * FixedToFP of a signed integer with no fraction bits: up to 2^24 (single)
 * or 2^53 (double) in magnitude it is exactly representable, so neither
 * the rounding mode nor any flag matters; 0 gives +0 as in the pseudocode.
 */
static inline bool fast_scvtf(ArmFPSize sz, int64_t v, uint64_t *res)
{
    if (sz == FP32) {
        if (v < -(1ll << 24) || v > (1ll << 24)) {
            return false;
        }
        *res = fpr_bits_f((float)v);
    } else {
        if (v < -(1ll << 53) || v > (1ll << 53)) {
            return false;
        }
        *res = fpr_bits_d((double)v);
    }
    return true;
}

/* FPMax/FPMin of two normal numbers: the larger (smaller), no flags. */
static inline bool fast_maxmin(ArmFPSize sz, bool is_max, uint64_t n, uint64_t m, uint64_t *res)
{
    double x, y;

    if (sz == FP32 ? !fpr_normal_s((uint32_t)n) || !fpr_normal_s((uint32_t)m)
                   : !fpr_normal_d(n) || !fpr_normal_d(m)) {
        return false;
    }
    x = sz == FP32 ? fpr_f_of((uint32_t)n) : fpr_d_of(n);
    y = sz == FP32 ? fpr_f_of((uint32_t)m) : fpr_d_of(m);
    *res = (is_max ? x >= y : x <= y) ? n : m;
    return true;
}

static inline bool fast_arith(ArmFPSize sz, FPHostOp op, uint64_t n, uint64_t m, uint32_t *fpsr,
                              uint64_t *res)
{
    return sz == FP64 ? fpr_fast_d(op, n, m, fpsr, res)
                      : fpr_fast_s(op, (uint32_t)n, (uint32_t)m, fpsr, res);
}

/* --- the fast paths with their mode check, for the unit tests --- */

bool fpfast_arith(ArmFPSize sz, FPFastOp op, uint64_t n, uint64_t m, uint32_t fpcr,
                  uint32_t *fpsr, uint64_t *res)
{
    if (!fpr_fast_mode(fpcr)) {
        return false;
    }
    switch (op) {
    case FPF_ADD: return fast_arith(sz, FPH_ADD, n, m, fpsr, res);
    case FPF_SUB: return fast_arith(sz, FPH_SUB, n, m, fpsr, res);
    case FPF_MUL: return fast_arith(sz, FPH_MUL, n, m, fpsr, res);
    case FPF_DIV: return fast_arith(sz, FPH_DIV, n, m, fpsr, res);
    case FPF_SQRT: return fast_arith(sz, FPH_SQRT, n, 0, fpsr, res);
    case FPF_MAX: return fast_maxmin(sz, true, n, m, res);
    case FPF_MIN: return fast_maxmin(sz, false, n, m, res);
    case FPF_CMP: return fast_cmp(sz, n, m, res);
    case FPF_CVTZS32: return fast_cvtzs(sz, n, 32, fpsr, res);
    case FPF_CVTZS64: return fast_cvtzs(sz, n, 64, fpsr, res);
    case FPF_SCVTF: return fast_scvtf(sz, (int64_t)n, res);
    }
    return false;
}

bool fpfast_madd(ArmFPSize sz, uint64_t addend, uint64_t n, uint64_t m, uint32_t fpcr,
                 uint32_t *fpsr, uint64_t *res)
{
    return fpr_fast_mode(fpcr) && fast_madd(sz, addend, n, m, fpsr, res);
}

/* --- scalar helpers --- */

#define FAST_BINOP(name, sfx, SZ, HOP, libfn)                                          \
    uint64_t helper_##name##_##sfx(uint64_t envp, uint64_t n, uint64_t m)              \
    {                                                                                  \
        CPUARMState *env = env_of(envp);                                               \
        uint32_t fpsr = env->fpsr;                                                     \
        uint64_t r;                                                                    \
        if (!fpr_fast_mode(env->fpcr) || !fast_arith(SZ, HOP, n, m, &fpsr, &r)) {      \
            r = libfn(SZ, n, m, env->fpcr, &fpsr);                                     \
        }                                                                              \
        env->fpsr = fpsr;                                                              \
        return r;                                                                      \
    }

#define FAST_SCALAR(sfx, SZ)                                                           \
    FAST_BINOP(fadd, sfx, SZ, FPH_ADD, fp_add)                                         \
    FAST_BINOP(fsub, sfx, SZ, FPH_SUB, fp_sub)                                         \
    FAST_BINOP(fmul, sfx, SZ, FPH_MUL, fp_mul)                                         \
    FAST_BINOP(fdiv, sfx, SZ, FPH_DIV, fp_div)                                         \
                                                                                       \
    uint64_t helper_fsqrt_##sfx(uint64_t envp, uint64_t n)                             \
    {                                                                                  \
        CPUARMState *env = env_of(envp);                                               \
        uint32_t fpsr = env->fpsr;                                                     \
        uint64_t r;                                                                    \
        if (!fpr_fast_mode(env->fpcr) || !fast_arith(SZ, FPH_SQRT, n, 0, &fpsr, &r)) { \
            r = fp_sqrt(SZ, n, env->fpcr, &fpsr);                                      \
        }                                                                              \
        env->fpsr = fpsr;                                                              \
        return r;                                                                      \
    }                                                                                  \
                                                                                       \
    /* C7.2 FMADD (FMSUB/FNMADD/FNMSUB negate addend or n in IR first). */            \
    uint64_t helper_fmadd_##sfx(uint64_t envp, uint64_t a, uint64_t n, uint64_t m)     \
    {                                                                                  \
        CPUARMState *env = env_of(envp);                                               \
        uint32_t fpsr = env->fpsr;                                                     \
        uint64_t r;                                                                    \
        if (!fpr_fast_mode(env->fpcr) || !fast_madd(SZ, a, n, m, &fpsr, &r)) {         \
            r = fp_muladd(SZ, a, n, m, env->fpcr, &fpsr);                              \
        }                                                                              \
        env->fpsr = fpsr;                                                              \
        return r;                                                                      \
    }                                                                                  \
                                                                                       \
    uint64_t helper_fcmp_##sfx(uint64_t envp, uint64_t n, uint64_t m)                  \
    {                                                                                  \
        CPUARMState *env = env_of(envp);                                               \
        uint64_t r;                                                                    \
        if (fpr_fast_mode(env->fpcr) && fast_cmp(SZ, n, m, &r)) {                      \
            return r;                                                                  \
        }                                                                              \
        return fp_compare(SZ, n, m, false, env->fpcr, &env->fpsr);                     \
    }                                                                                  \
                                                                                       \
    uint64_t helper_fcmpe_##sfx(uint64_t envp, uint64_t n, uint64_t m)                 \
    {                                                                                  \
        CPUARMState *env = env_of(envp);                                               \
        uint64_t r;                                                                    \
        if (fpr_fast_mode(env->fpcr) && fast_cmp(SZ, n, m, &r)) {                      \
            return r;                                                                  \
        }                                                                              \
        return fp_compare(SZ, n, m, true, env->fpcr, &env->fpsr);                      \
    }                                                                                  \
                                                                                       \
    uint64_t helper_fcvtzs_##sfx##w(uint64_t envp, uint64_t n)                         \
    {                                                                                  \
        CPUARMState *env = env_of(envp);                                               \
        uint64_t r;                                                                    \
        if (fpr_fast_mode(env->fpcr) && fast_cvtzs(SZ, n, 32, &env->fpsr, &r)) {       \
            return r;                                                                  \
        }                                                                              \
        return (uint32_t)fp_to_fixed(SZ, n, 0, false, 32, FPROUND_ZERO, env->fpcr,     \
                                     &env->fpsr);                                      \
    }                                                                                  \
                                                                                       \
    uint64_t helper_fcvtzs_##sfx##x(uint64_t envp, uint64_t n)                         \
    {                                                                                  \
        CPUARMState *env = env_of(envp);                                               \
        uint64_t r;                                                                    \
        if (fpr_fast_mode(env->fpcr) && fast_cvtzs(SZ, n, 64, &env->fpsr, &r)) {       \
            return r;                                                                  \
        }                                                                              \
        return fp_to_fixed(SZ, n, 0, false, 64, FPROUND_ZERO, env->fpcr, &env->fpsr);  \
    }                                                                                  \
                                                                                       \
    uint64_t helper_scvtf_##sfx##w(uint64_t envp, uint64_t v)                          \
    {                                                                                  \
        CPUARMState *env = env_of(envp);                                               \
        uint64_t r, sv = (uint64_t)(int64_t)(int32_t)v;                                \
        if (fpr_fast_mode(env->fpcr) && fast_scvtf(SZ, (int64_t)sv, &r)) {             \
            return r;                                                                  \
        }                                                                              \
        return fixed_to_fp(SZ, sv, 0, false, 32, fpcr_rounding(env->fpcr), env->fpcr,  \
                           &env->fpsr);                                                \
    }                                                                                  \
                                                                                       \
    uint64_t helper_scvtf_##sfx##x(uint64_t envp, uint64_t v)                          \
    {                                                                                  \
        CPUARMState *env = env_of(envp);                                               \
        uint64_t r;                                                                    \
        if (fpr_fast_mode(env->fpcr) && fast_scvtf(SZ, (int64_t)v, &r)) {              \
            return r;                                                                  \
        }                                                                              \
        return fixed_to_fp(SZ, v, 0, false, 64, fpcr_rounding(env->fpcr), env->fpcr,  \
                           &env->fpsr);                                                \
    }

FAST_SCALAR(s, FP32)
FAST_SCALAR(d, FP64)

/* --- vector helpers --- */

typedef enum VOp {
    V_ADD, V_SUB, V_MUL, V_DIV, V_MAX, V_MIN, V_MLA, V_MLS, V_SQRT, V_CVTZS, V_SCVTF,
} VOp;

/*
 * One element: the fast path, else what helper-fp.c's binop_elem and
 * unop_elem do for the same op (op and sz are constants after inlining).
 */
static inline __attribute__((always_inline)) uint64_t
velem(ArmFPSize sz, VOp op, bool fast, uint64_t d, uint64_t n, uint64_t m, uint32_t fpcr,
      uint32_t *fpsr)
{
    uint64_t sign = 1ull << (8 * sz - 1), ones = sz == FP64 ? UINT64_MAX : 0xffffffffu;
    int ibits = 8 * (int)sz;
    uint64_t r;

    switch (op) {
    case V_ADD:
        return fast && fast_arith(sz, FPH_ADD, n, m, fpsr, &r) ? r : fp_add(sz, n, m, fpcr, fpsr);
    case V_SUB:
        return fast && fast_arith(sz, FPH_SUB, n, m, fpsr, &r) ? r : fp_sub(sz, n, m, fpcr, fpsr);
    case V_MUL:
        return fast && fast_arith(sz, FPH_MUL, n, m, fpsr, &r) ? r : fp_mul(sz, n, m, fpcr, fpsr);
    case V_DIV:
        return fast && fast_arith(sz, FPH_DIV, n, m, fpsr, &r) ? r : fp_div(sz, n, m, fpcr, fpsr);
    case V_MAX:
        return fast && fast_maxmin(sz, true, n, m, &r) ? r : fp_max(sz, n, m, fpcr, fpsr);
    case V_MIN:
        return fast && fast_maxmin(sz, false, n, m, &r) ? r : fp_min(sz, n, m, fpcr, fpsr);
    /* C7.2 FMLA/FMLS (vector): FPMulAdd(d, [-]n, m). */
    case V_MLS:
        n ^= sign;
        /* fall through */
    case V_MLA:
        return fast && fast_madd(sz, d, n, m, fpsr, &r) ? r : fp_muladd(sz, d, n, m, fpcr, fpsr);
    case V_SQRT:
        return fast && fast_arith(sz, FPH_SQRT, n, 0, fpsr, &r) ? r : fp_sqrt(sz, n, fpcr, fpsr);
    case V_CVTZS:
        if (fast && fast_cvtzs(sz, n, ibits, fpsr, &r)) {
            return r;
        }
        return fp_to_fixed(sz, n, 0, false, ibits, FPROUND_ZERO, fpcr, fpsr) & ones;
    default: /* V_SCVTF */
        if (sz == FP32 && (n & sign)) {
            n |= ~ones;      /* the library takes signed integers sign-extended */
        }
        if (fast && fast_scvtf(sz, (int64_t)n, &r)) {
            return r;
        }
        return fixed_to_fp(sz, n, 0, false, ibits, fpcr_rounding(fpcr), fpcr, fpsr);
    }
}

/*
 * The whole vector: the operands are copied first (Vd may be Vn or Vm),
 * the result is written as one 16-byte store with the upper half zero
 * for 64-bit vectors.
 */
static inline __attribute__((always_inline)) void vloop(uint64_t envp, uint64_t regs,
                                                        ArmFPSize sz, VOp op)
{
    CPUARMState *env = env_of(envp);
    unsigned rd = regs & 31, rn = (regs >> 5) & 31, rm = (regs >> 10) & 31;
    unsigned nelem = ((regs >> 15) & 1 ? 16 : 8) / sz;
    uint32_t fpcr = env->fpcr, fpsr = env->fpsr;
    bool fast = fpr_fast_mode(fpcr);
    if (sz == FP64) {
        uint64_t vd[2], vn[2], vm[2], out[2] = { 0, 0 };
        memcpy(vd, env->vregs[rd], 16);
        memcpy(vn, env->vregs[rn], 16);
        memcpy(vm, env->vregs[rm], 16);
        for (unsigned i = 0; i < nelem; i++) {
            out[i] = velem(sz, op, fast, vd[i], vn[i], vm[i], fpcr, &fpsr);
        }
        memcpy(env->vregs[rd], out, 16);
    } else {
        uint32_t vd[4], vn[4], vm[4], out[4] = { 0, 0, 0, 0 };
        memcpy(vd, env->vregs[rd], 16);
        memcpy(vn, env->vregs[rn], 16);
        memcpy(vm, env->vregs[rm], 16);
        for (unsigned i = 0; i < nelem; i++) {
            out[i] = (uint32_t)velem(sz, op, fast, vd[i], vn[i], vm[i], fpcr, &fpsr);
        }
        memcpy(env->vregs[rd], out, 16);
    }
    env->fpsr = fpsr;
}

#define FAST_VEC(name, VOP)                                                            \
    void helper_##name##_s(uint64_t envp, uint64_t regs)                               \
    {                                                                                  \
        vloop(envp, regs, FP32, VOP);                                                  \
    }                                                                                  \
    void helper_##name##_d(uint64_t envp, uint64_t regs)                               \
    {                                                                                  \
        vloop(envp, regs, FP64, VOP);                                                  \
    }

FAST_VEC(vfadd, V_ADD)
FAST_VEC(vfsub, V_SUB)
FAST_VEC(vfmul, V_MUL)
FAST_VEC(vfdiv, V_DIV)
FAST_VEC(vfmax, V_MAX)
FAST_VEC(vfmin, V_MIN)
FAST_VEC(vfmla, V_MLA)
FAST_VEC(vfmls, V_MLS)
FAST_VEC(vfsqrt, V_SQRT)
FAST_VEC(vfcvtzs, V_CVTZS)
FAST_VEC(vscvtf, V_SCVTF)

/* --- the guarded host-SSE records (helpers-fp.h ARM_FP_HOSTFP) --- */

/* FPCR bits that leave a finite normal single or double result alone: DN, AHP, FZ16. */
#define HOSTFP_FPCR_ZERO (0x7fffffffu & ~(uint32_t)(FPCR_DN | FPCR_AHP | FPCR_FZ16))

#define HOSTFP_COMMON(op_, esize_)                                                     \
    .op = (op_), .esize = (esize_), .zero_ofs = offsetof(CPUARMState, fpcr),            \
    .zero_mask = HOSTFP_FPCR_ZERO, .set_ofs = offsetof(CPUARMState, fpsr), .set_mask = FPSR_IXC

/* The fn field by the helper's kind: vector (vf*), unary (fsqrt) or binary. */
#define HOSTFP_RECORD(hname, op_, esize_)                                              \
    const IRHostFp hostfp_##hname = {                                                  \
        HOSTFP_COMMON(op_, esize_),                                                    \
        HOSTFP_FN_##hname,                                                             \
    };
#define HOSTFP_FN_fadd_s .fn3 = helper_fadd_s
#define HOSTFP_FN_fsub_s .fn3 = helper_fsub_s
#define HOSTFP_FN_fmul_s .fn3 = helper_fmul_s
#define HOSTFP_FN_fdiv_s .fn3 = helper_fdiv_s
#define HOSTFP_FN_fsqrt_s .fn2 = helper_fsqrt_s
#define HOSTFP_FN_vfadd_s .vfn = helper_vfadd_s
#define HOSTFP_FN_vfsub_s .vfn = helper_vfsub_s
#define HOSTFP_FN_vfmul_s .vfn = helper_vfmul_s
#define HOSTFP_FN_vfdiv_s .vfn = helper_vfdiv_s
#define HOSTFP_FN_vfsqrt_s .vfn = helper_vfsqrt_s
#define HOSTFP_FN_fadd_d .fn3 = helper_fadd_d
#define HOSTFP_FN_fsub_d .fn3 = helper_fsub_d
#define HOSTFP_FN_fmul_d .fn3 = helper_fmul_d
#define HOSTFP_FN_fdiv_d .fn3 = helper_fdiv_d
#define HOSTFP_FN_fsqrt_d .fn2 = helper_fsqrt_d
#define HOSTFP_FN_vfadd_d .vfn = helper_vfadd_d
#define HOSTFP_FN_vfsub_d .vfn = helper_vfsub_d
#define HOSTFP_FN_vfmul_d .vfn = helper_vfmul_d
#define HOSTFP_FN_vfdiv_d .vfn = helper_vfdiv_d
#define HOSTFP_FN_vfsqrt_d .vfn = helper_vfsqrt_d
#define HOSTFP_S(hname, op_) HOSTFP_RECORD(hname, op_, 4)
#define HOSTFP_D(hname, op_) HOSTFP_RECORD(hname, op_, 8)
ARM_FP_HOSTFP(HOSTFP_S, s)
ARM_FP_HOSTFP(HOSTFP_D, d)

/*
 * The inline code relies on the host rounding to nearest without FTZ/DAZ,
 * as the helpers' own fast path does; checked when translating, as MXCSR
 * never changes afterwards (see fpr_host_ok).
 */
bool hostfp_usable(void)
{
    return fpr_host_ok;
}

/* --- the IRHelperInfo records and interpreter thunks, from the table --- */

ARM_FP_FAST_HELPERS(ARM_HELPER_RECORD)
