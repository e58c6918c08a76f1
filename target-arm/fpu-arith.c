/*
 * Arm floating point arithmetic (Arm ARM shared/functions/float: FPAdd,
 * FPSub, FPMul, FPMulX, FPDiv, FPSqrt, FPMulAdd, FPMax, FPMin, FPMaxNum,
 * FPMinNum, FPRecipStepFused, FPRSqrtStepFused, FPCompare*).  Every result
 * is formed exactly (or exactly plus a sticky bit) in integers and rounded
 * once by fpr_round().
 */
#include <assert.h>
#include "target-arm/fpu-internal.h"

/* An exact value (-1)^sign * (mant + sticky fraction) * 2^exp. */
typedef struct Exact {
    bool sign;
    int exp;
    u128 mant;
    bool sticky;
} Exact;

/* Shift a nonzero mantissa so that its top bit is bit 125. */
static void norm125(int *exp, u128 *mant)
{
    int sh = 125 - fpr_msb128(*mant);
    assert(sh >= 0);
    *mant <<= sh;
    *exp -= sh;
}

/*
 * Exact sum of two values with mantissas below 2^126.  When the smaller
 * one lies entirely below the larger one's last kept bit, its bits below
 * that point become the sticky fraction; since the larger mantissa is
 * normalised to bit 125, the result always keeps 120+ bits above it.
 */
static Exact exact_add(bool sa, int ea, u128 ma, bool sb, int eb, u128 mb)
{
    Exact r = { sa, ea, ma, false };
    int d;
    u128 lo;

    if (mb == 0) {
        return r;
    }
    if (ma == 0) {
        r.sign = sb;
        r.exp = eb;
        r.mant = mb;
        return r;
    }
    norm125(&ea, &ma);
    norm125(&eb, &mb);
    if (eb > ea || (eb == ea && mb > ma)) {
        bool ts = sa; int te = ea; u128 tm = ma;
        sa = sb; ea = eb; ma = mb;
        sb = ts; eb = te; mb = tm;
    }
    d = ea - eb;
    if (d >= 128) {
        lo = 0;
        r.sticky = true;
    } else {
        lo = mb >> d;
        r.sticky = d > 0 && (mb & (((u128)1 << d) - 1)) != 0;
    }
    r.sign = sa;
    r.exp = ea;
    if (sa == sb) {
        r.mant = ma + lo;
    } else {
        /* ma - (lo + s) = (ma - lo - 1) + (1 - s) with 0 < 1 - s < 1. */
        r.mant = ma - lo - (r.sticky ? 1 : 0);
    }
    return r;
}

/* Round an exact result; an exact zero takes +0, or -0 when rounding to minus infinity. */
static uint64_t round_exact(const FPFmt *f, const Exact *e, uint32_t fpcr, uint32_t *fpsr)
{
    ArmRounding rm = fpcr_rounding(fpcr);

    if (e->mant == 0 && !e->sticky) {
        return fpr_zero(f, rm == FPROUND_NEGINF);
    }
    return fpr_round_arith(f, e->sign, e->exp, e->mant, e->sticky, rm, fpcr, fpsr);
}

/* FPAdd, and FPSub as FPAdd with op2's sign flipped after NaN processing. */
static uint64_t add_sub(ArmFPSize sz, uint64_t a, uint64_t b, bool negate_b, uint32_t fpcr,
                        uint32_t *fpsr)
{
    const FPFmt *f = fpfmt(sz);
    FPUnpacked u1 = fpr_unpack(f, a, FPU_ARITH, fpcr, fpsr);
    FPUnpacked u2 = fpr_unpack(f, b, FPU_ARITH, fpcr, fpsr);
    uint64_t res;

    if (fpr_process_nans(f, &u1, &u2, a, b, &res, fpcr, fpsr)) {
        return res;
    }
    u2.sign ^= negate_b;
    bool inf1 = u1.type == FPT_INF, inf2 = u2.type == FPT_INF;
    bool zero1 = u1.type == FPT_ZERO, zero2 = u2.type == FPT_ZERO;
    if (inf1 && inf2 && u1.sign != u2.sign) {
        *fpsr |= FPSR_IOC;
        return fpr_default_nan(f);
    }
    if ((inf1 && !u1.sign) || (inf2 && !u2.sign)) {
        return fpr_inf(f, false);
    }
    if ((inf1 && u1.sign) || (inf2 && u2.sign)) {
        return fpr_inf(f, true);
    }
    if (zero1 && zero2 && u1.sign == u2.sign) {
        return fpr_zero(f, u1.sign);
    }
    Exact e = exact_add(u1.sign, u1.exp, u1.mant, u2.sign, u2.exp, u2.mant);
    return round_exact(f, &e, fpcr, fpsr);
}

uint64_t fp_add(ArmFPSize sz, uint64_t a, uint64_t b, uint32_t fpcr, uint32_t *fpsr)
{
    uint64_t r;
    if (fpr_host_arith(sz, FPH_ADD, a, b, fpcr, fpsr, &r)) {
        return r;
    }
    return add_sub(sz, a, b, false, fpcr, fpsr);
}

uint64_t fp_sub(ArmFPSize sz, uint64_t a, uint64_t b, uint32_t fpcr, uint32_t *fpsr)
{
    uint64_t r;
    if (fpr_host_arith(sz, FPH_SUB, a, b, fpcr, fpsr, &r)) {
        return r;
    }
    return add_sub(sz, a, b, true, fpcr, fpsr);
}

/* FPMul and FPMulX (which returns 2.0 for 0 * inf). */
static uint64_t mul(ArmFPSize sz, uint64_t a, uint64_t b, bool mulx, uint32_t fpcr, uint32_t *fpsr)
{
    const FPFmt *f = fpfmt(sz);
    FPUnpacked u1 = fpr_unpack(f, a, FPU_ARITH, fpcr, fpsr);
    FPUnpacked u2 = fpr_unpack(f, b, FPU_ARITH, fpcr, fpsr);
    uint64_t res;
    bool sign = u1.sign ^ u2.sign;

    if (fpr_process_nans(f, &u1, &u2, a, b, &res, fpcr, fpsr)) {
        return res;
    }
    bool inf1 = u1.type == FPT_INF, inf2 = u2.type == FPT_INF;
    bool zero1 = u1.type == FPT_ZERO, zero2 = u2.type == FPT_ZERO;
    if ((inf1 && zero2) || (zero1 && inf2)) {
        if (mulx) {
            return fpr_pack(f, sign, (uint64_t)f->bias + 1, 0);   /* FPTwo */
        }
        *fpsr |= FPSR_IOC;
        return fpr_default_nan(f);
    }
    if (inf1 || inf2) {
        return fpr_inf(f, sign);
    }
    if (zero1 || zero2) {
        return fpr_zero(f, sign);
    }
    return fpr_round_arith(f, sign, u1.exp + u2.exp, (u128)u1.mant * u2.mant, false,
                           fpcr_rounding(fpcr), fpcr, fpsr);
}

uint64_t fp_mul(ArmFPSize sz, uint64_t a, uint64_t b, uint32_t fpcr, uint32_t *fpsr)
{
    uint64_t r;
    if (fpr_host_arith(sz, FPH_MUL, a, b, fpcr, fpsr, &r)) {
        return r;
    }
    return mul(sz, a, b, false, fpcr, fpsr);
}

uint64_t fp_mulx(ArmFPSize sz, uint64_t a, uint64_t b, uint32_t fpcr, uint32_t *fpsr)
{
    return mul(sz, a, b, true, fpcr, fpsr);
}

/* FPDiv: long division with 64 extra quotient bits; the remainder is the sticky bit. */
uint64_t fp_div(ArmFPSize sz, uint64_t a, uint64_t b, uint32_t fpcr, uint32_t *fpsr)
{
    const FPFmt *f = fpfmt(sz);
    uint64_t res;

    if (fpr_host_arith(sz, FPH_DIV, a, b, fpcr, fpsr, &res)) {
        return res;
    }
    FPUnpacked u1 = fpr_unpack(f, a, FPU_ARITH, fpcr, fpsr);
    FPUnpacked u2 = fpr_unpack(f, b, FPU_ARITH, fpcr, fpsr);
    bool sign = u1.sign ^ u2.sign;

    if (fpr_process_nans(f, &u1, &u2, a, b, &res, fpcr, fpsr)) {
        return res;
    }
    bool inf1 = u1.type == FPT_INF, inf2 = u2.type == FPT_INF;
    bool zero1 = u1.type == FPT_ZERO, zero2 = u2.type == FPT_ZERO;
    if ((inf1 && inf2) || (zero1 && zero2)) {
        *fpsr |= FPSR_IOC;
        return fpr_default_nan(f);
    }
    if (inf1 || zero2) {
        if (!inf1) {
            *fpsr |= FPSR_DZC;
        }
        return fpr_inf(f, sign);
    }
    if (zero1 || inf2) {
        return fpr_zero(f, sign);
    }
    /* Normalise both mantissas to bit 52 so the quotient has 64 or 65 bits. */
    int sh1 = 52 - (63 - __builtin_clzll(u1.mant));
    int sh2 = 52 - (63 - __builtin_clzll(u2.mant));
    u128 n = (u128)(u1.mant << sh1) << 64;
    uint64_t d = u2.mant << sh2;
    u128 quo = n / d;
    bool sticky = (n % d) != 0;
    int exp = (u1.exp - sh1) - (u2.exp - sh2) - 64;
    return fpr_round_arith(f, sign, exp, quo, sticky, fpcr_rounding(fpcr), fpcr, fpsr);
}

/* Integer square root of a 128-bit value, digit by digit; *rem_nonzero says it was inexact. */
static uint64_t isqrt128(u128 x, bool *rem_nonzero)
{
    u128 rem = 0, root = 0;

    for (int i = 126; i >= 0; i -= 2) {
        rem = (rem << 2) | ((x >> i) & 3);
        root <<= 1;
        u128 trial = (root << 1) | 1;
        if (rem >= trial) {
            rem -= trial;
            root |= 1;
        }
    }
    *rem_nonzero = rem != 0;
    return (uint64_t)root;
}

uint64_t fp_sqrt(ArmFPSize sz, uint64_t a, uint32_t fpcr, uint32_t *fpsr)
{
    const FPFmt *f = fpfmt(sz);
    uint64_t r;

    if (fpr_host_arith(sz, FPH_SQRT, a, 0, fpcr, fpsr, &r)) {
        return r;
    }
    FPUnpacked u = fpr_unpack(f, a, FPU_ARITH, fpcr, fpsr);

    if (fpt_is_nan(u.type)) {
        return fpr_process_nan(f, u.type, a, fpcr, fpsr);
    }
    if (u.type == FPT_ZERO) {
        return fpr_zero(f, u.sign);
    }
    if (u.type == FPT_INF && !u.sign) {
        return fpr_inf(f, false);
    }
    if (u.sign) {
        *fpsr |= FPSR_IOC;
        return fpr_default_nan(f);
    }
    /* Scale the mantissa to 2^124..2^126 with an even exponent, then sqrt. */
    u128 m = u.mant;
    int exp = u.exp;
    int sh = 124 - fpr_msb128(m);
    m <<= sh;
    exp -= sh;
    if (exp & 1) {
        m <<= 1;
        exp -= 1;
    }
    bool sticky;
    uint64_t root = isqrt128(m, &sticky);
    return fpr_round_arith(f, false, exp / 2, root, sticky, fpcr_rounding(fpcr), fpcr, fpsr);
}

/*
 * The exact addend + op1 * op2 of the finite nonzero cases of FPMulAdd,
 * FPRecipStepFused and FPRSqrtStepFused, rounded once.  scale_exp
 * multiplies the sum by 2^scale_exp first (the halving of FRSQRTS).
 */
static uint64_t fused(const FPFmt *f, const FPUnpacked *ua, const FPUnpacked *u1,
                      const FPUnpacked *u2, int scale_exp, uint32_t fpcr, uint32_t *fpsr)
{
    bool zero_p = u1->type == FPT_ZERO || u2->type == FPT_ZERO;
    u128 prod = zero_p ? 0 : (u128)u1->mant * u2->mant;
    u128 am = ua->type == FPT_ZERO ? 0 : ua->mant;
    Exact e = exact_add(ua->sign, ua->exp, am, u1->sign ^ u2->sign, u1->exp + u2->exp, prod);
    e.exp += scale_exp;
    return round_exact(f, &e, fpcr, fpsr);
}

uint64_t fp_muladd(ArmFPSize sz, uint64_t addend, uint64_t a, uint64_t b, uint32_t fpcr,
                   uint32_t *fpsr)
{
    const FPFmt *f = fpfmt(sz);
    FPUnpacked ua = fpr_unpack(f, addend, FPU_ARITH, fpcr, fpsr);
    FPUnpacked u1 = fpr_unpack(f, a, FPU_ARITH, fpcr, fpsr);
    FPUnpacked u2 = fpr_unpack(f, b, FPU_ARITH, fpcr, fpsr);
    uint64_t res;
    bool inf1 = u1.type == FPT_INF, inf2 = u2.type == FPT_INF;
    bool zero1 = u1.type == FPT_ZERO, zero2 = u2.type == FPT_ZERO;
    bool done = fpr_process_nans3(f, &ua, &u1, &u2, addend, a, b, &res, fpcr, fpsr);

    /* A quiet NaN addend does not hide the invalid 0 * inf. */
    if (ua.type == FPT_QNAN && ((inf1 && zero2) || (zero1 && inf2))) {
        *fpsr |= FPSR_IOC;
        return fpr_default_nan(f);
    }
    if (done) {
        return res;
    }
    bool inf_a = ua.type == FPT_INF, zero_a = ua.type == FPT_ZERO;
    bool inf_p = inf1 || inf2, zero_p = zero1 || zero2;
    bool sign_p = u1.sign ^ u2.sign;
    if ((inf1 && zero2) || (zero1 && inf2) || (inf_a && inf_p && ua.sign != sign_p)) {
        *fpsr |= FPSR_IOC;
        return fpr_default_nan(f);
    }
    if ((inf_a && !ua.sign) || (inf_p && !sign_p)) {
        return fpr_inf(f, false);
    }
    if ((inf_a && ua.sign) || (inf_p && sign_p)) {
        return fpr_inf(f, true);
    }
    if (zero_a && zero_p && ua.sign == sign_p) {
        return fpr_zero(f, ua.sign);
    }
    return fused(f, &ua, &u1, &u2, 0, fpcr, fpsr);
}

/*
 * FPRecipStepFused (2 - a*b) and FPRSqrtStepFused ((3 - a*b) / 2).  The
 * pseudocode negates op1 before anything else, so a NaN in op1 comes back
 * with its sign flipped.
 */
static uint64_t step_fused(ArmFPSize sz, uint64_t a, uint64_t b, bool rsqrt, uint32_t fpcr,
                           uint32_t *fpsr)
{
    const FPFmt *f = fpfmt(sz);
    uint64_t res;

    a ^= 1ull << (f->bits - 1);
    FPUnpacked u1 = fpr_unpack(f, a, FPU_ARITH, fpcr, fpsr);
    FPUnpacked u2 = fpr_unpack(f, b, FPU_ARITH, fpcr, fpsr);
    if (fpr_process_nans(f, &u1, &u2, a, b, &res, fpcr, fpsr)) {
        return res;
    }
    bool inf1 = u1.type == FPT_INF, inf2 = u2.type == FPT_INF;
    bool zero1 = u1.type == FPT_ZERO, zero2 = u2.type == FPT_ZERO;
    if ((inf1 && zero2) || (zero1 && inf2)) {
        /* FPTwo('0') or FPOnePointFive('0') */
        return rsqrt ? fpr_pack(f, false, (uint64_t)f->bias, 1ull << (f->fbits - 1))
                     : fpr_pack(f, false, (uint64_t)f->bias + 1, 0);
    }
    if (inf1 || inf2) {
        return fpr_inf(f, u1.sign ^ u2.sign);
    }
    FPUnpacked ua = { FPT_NONZERO, false, 0, rsqrt ? 3 : 2 };
    return fused(f, &ua, &u1, &u2, rsqrt ? -1 : 0, fpcr, fpsr);
}

uint64_t fp_recip_step(ArmFPSize sz, uint64_t a, uint64_t b, uint32_t fpcr, uint32_t *fpsr)
{
    return step_fused(sz, a, b, false, fpcr, fpsr);
}

uint64_t fp_rsqrt_step(ArmFPSize sz, uint64_t a, uint64_t b, uint32_t fpcr, uint32_t *fpsr)
{
    return step_fused(sz, a, b, true, fpcr, fpsr);
}

/* -1, 0, 1 as value1 <, ==, > value2 for non-NaN unpacked values (zeros equal). */
static int cmp_values(const FPFmt *f, const FPUnpacked *u1, uint64_t a, const FPUnpacked *u2,
                      uint64_t b)
{
    uint64_t mag_mask = (1ull << (f->bits - 1)) - 1;
    /* Magnitude keys: the raw bits order finite values and infinities; flushed denormals are 0. */
    uint64_t m1 = u1->type == FPT_ZERO ? 0 : a & mag_mask;
    uint64_t m2 = u2->type == FPT_ZERO ? 0 : b & mag_mask;
    int s1 = m1 == 0 ? 0 : u1->sign ? -1 : 1;
    int s2 = m2 == 0 ? 0 : u2->sign ? -1 : 1;

    if (s1 != s2) {
        return s1 < s2 ? -1 : 1;
    }
    if (m1 == m2) {
        return 0;
    }
    return (m1 < m2) == (s1 > 0) ? -1 : 1;
}

/* FPMax / FPMin. */
static uint64_t max_min(ArmFPSize sz, uint64_t a, uint64_t b, bool is_max, uint32_t fpcr,
                        uint32_t *fpsr)
{
    const FPFmt *f = fpfmt(sz);
    FPUnpacked u1 = fpr_unpack(f, a, FPU_ARITH, fpcr, fpsr);
    FPUnpacked u2 = fpr_unpack(f, b, FPU_ARITH, fpcr, fpsr);
    uint64_t res;

    if (fpr_process_nans(f, &u1, &u2, a, b, &res, fpcr, fpsr)) {
        return res;
    }
    int c = cmp_values(f, &u1, a, &u2, b);
    bool first = is_max ? c > 0 : c < 0;
    const FPUnpacked *u = first ? &u1 : &u2;
    if (u->type == FPT_INF) {
        return fpr_inf(f, u->sign);
    }
    if (u->type == FPT_ZERO) {
        return fpr_zero(f, is_max ? (u1.sign && u2.sign) : (u1.sign || u2.sign));
    }
    /* FPRound of an in-range value is exact: re-encode it. */
    return fpr_round_arith(f, u->sign, u->exp, u->mant, false, fpcr_rounding(fpcr), fpcr, fpsr);
}

uint64_t fp_max(ArmFPSize sz, uint64_t a, uint64_t b, uint32_t fpcr, uint32_t *fpsr)
{
    return max_min(sz, a, b, true, fpcr, fpsr);
}

uint64_t fp_min(ArmFPSize sz, uint64_t a, uint64_t b, uint32_t fpcr, uint32_t *fpsr)
{
    return max_min(sz, a, b, false, fpcr, fpsr);
}

/* FPMaxNum / FPMinNum: a single quiet NaN loses, as if it were -inf (max) or +inf (min). */
static uint64_t max_min_num(ArmFPSize sz, uint64_t a, uint64_t b, bool is_max, uint32_t fpcr,
                            uint32_t *fpsr)
{
    const FPFmt *f = fpfmt(sz);
    FPType t1 = fpr_unpack(f, a, FPU_ARITH, fpcr, fpsr).type;
    FPType t2 = fpr_unpack(f, b, FPU_ARITH, fpcr, fpsr).type;

    if (t1 == FPT_QNAN && t2 != FPT_QNAN) {
        a = fpr_inf(f, is_max);
    } else if (t1 != FPT_QNAN && t2 == FPT_QNAN) {
        b = fpr_inf(f, is_max);
    }
    return max_min(sz, a, b, is_max, fpcr, fpsr);
}

uint64_t fp_maxnum(ArmFPSize sz, uint64_t a, uint64_t b, uint32_t fpcr, uint32_t *fpsr)
{
    return max_min_num(sz, a, b, true, fpcr, fpsr);
}

uint64_t fp_minnum(ArmFPSize sz, uint64_t a, uint64_t b, uint32_t fpcr, uint32_t *fpsr)
{
    return max_min_num(sz, a, b, false, fpcr, fpsr);
}

/* FPCompare: NZCV = 0011 unordered, 0110 equal, 1000 less, 0010 greater. */
unsigned fp_compare(ArmFPSize sz, uint64_t a, uint64_t b, bool signal_nans, uint32_t fpcr,
                    uint32_t *fpsr)
{
    const FPFmt *f = fpfmt(sz);
    FPUnpacked u1 = fpr_unpack(f, a, FPU_ARITH, fpcr, fpsr);
    FPUnpacked u2 = fpr_unpack(f, b, FPU_ARITH, fpcr, fpsr);

    if (fpt_is_nan(u1.type) || fpt_is_nan(u2.type)) {
        if (u1.type == FPT_SNAN || u2.type == FPT_SNAN || signal_nans) {
            *fpsr |= FPSR_IOC;
        }
        return 0x3;
    }
    int c = cmp_values(f, &u1, a, &u2, b);
    return c == 0 ? 0x6 : c < 0 ? 0x8 : 0x2;
}

/* FPCompareEQ (quiet), FPCompareGE and FPCompareGT (signalling). */
static int compare_vec(ArmFPSize sz, uint64_t a, uint64_t b, bool quiet, uint32_t fpcr,
                       uint32_t *fpsr)
{
    const FPFmt *f = fpfmt(sz);
    FPUnpacked u1 = fpr_unpack(f, a, FPU_ARITH, fpcr, fpsr);
    FPUnpacked u2 = fpr_unpack(f, b, FPU_ARITH, fpcr, fpsr);

    if (fpt_is_nan(u1.type) || fpt_is_nan(u2.type)) {
        if (!quiet || u1.type == FPT_SNAN || u2.type == FPT_SNAN) {
            *fpsr |= FPSR_IOC;
        }
        return 2;   /* unordered */
    }
    return cmp_values(f, &u1, a, &u2, b);
}

bool fp_compare_eq(ArmFPSize sz, uint64_t a, uint64_t b, uint32_t fpcr, uint32_t *fpsr)
{
    return compare_vec(sz, a, b, true, fpcr, fpsr) == 0;
}

bool fp_compare_ge(ArmFPSize sz, uint64_t a, uint64_t b, uint32_t fpcr, uint32_t *fpsr)
{
    int c = compare_vec(sz, a, b, false, fpcr, fpsr);
    return c == 0 || c == 1;
}

bool fp_compare_gt(ArmFPSize sz, uint64_t a, uint64_t b, uint32_t fpcr, uint32_t *fpsr)
{
    return compare_vec(sz, a, b, false, fpcr, fpsr) == 1;
}
