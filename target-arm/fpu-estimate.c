/*
 * Arm floating point estimates (Arm ARM shared/functions/float:
 * FPRecipEstimate, FPRSqrtEstimate, RecipEstimate, RecipSqrtEstimate,
 * FPRecpX, UnsignedRecipEstimate, UnsignedRSqrtEstimate).  The 8-bit
 * estimate tables are computed by the pseudocode's integer formulas.
 */
#include <assert.h>
#include "target-arm/fpu-internal.h"

/* RecipEstimate: a in 256..511 is 0.5 <= x < 1.0 in units of 1/512; result 256..511. */
static unsigned recip_estimate(unsigned a)
{
    assert(a >= 256 && a < 512);
    a = a * 2 + 1;                      /* round to nearest */
    unsigned b = (1u << 19) / a;
    unsigned r = (b + 1) / 2;           /* round to nearest */
    assert(r >= 256 && r < 512);
    return r;
}

/* RecipSqrtEstimate: a in 128..511 is 0.25 <= x < 1.0 in units of 1/512; result 256..511. */
static unsigned rsqrt_estimate(unsigned a)
{
    assert(a >= 128 && a < 512);
    if (a < 256) {
        a = a * 2 + 1;                  /* units of 1/512, rounded to nearest */
    } else {
        a = (a >> 1) << 1;
        a = (a + 1) * 2;                /* units of 1/256, rounded to nearest */
    }
    uint64_t b = 512;
    while ((uint64_t)a * (b + 1) * (b + 1) < (1ull << 28)) {
        b++;
    }
    unsigned r = (unsigned)((b + 1) / 2);
    assert(r >= 256 && r < 512);
    return r;
}

/* The operand's fraction left-aligned in 52 bits, and its biased exponent. */
static void frac52(const FPFmt *f, uint64_t a, uint64_t *fraction, int *exp)
{
    *fraction = (a & ((1ull << f->fbits) - 1)) << (52 - f->fbits);
    *exp = (int)((a >> f->fbits) & ((1ull << f->ebits) - 1));
}

uint64_t fp_recip_estimate(ArmFPSize sz, uint64_t a, uint32_t fpcr, uint32_t *fpsr)
{
    const FPFmt *f = fpfmt(sz);
    FPUnpacked u = fpr_unpack(f, a, FPU_ARITH, fpcr, fpsr);

    if (fpt_is_nan(u.type)) {
        return fpr_process_nan(f, u.type, a, fpcr, fpsr);
    }
    if (u.type == FPT_INF) {
        return fpr_zero(f, u.sign);
    }
    if (u.type == FPT_ZERO) {
        *fpsr |= FPSR_DZC;
        return fpr_inf(f, u.sign);
    }
    /* |value| < 2^-(bias+1) (2^-16, 2^-128, 2^-1024): the reciprocal overflows. */
    int msb_exp = u.exp + 63 - __builtin_clzll(u.mant);   /* floor(log2 |value|) */
    if (msb_exp < -(f->bias + 1)) {
        bool to_inf;
        switch (fpcr_rounding(fpcr)) {
        case FPROUND_TIEEVEN: to_inf = true; break;
        case FPROUND_POSINF: to_inf = !u.sign; break;
        case FPROUND_NEGINF: to_inf = u.sign; break;
        default: to_inf = false; break;
        }
        *fpsr |= FPSR_OFC | FPSR_IXC;
        return to_inf ? fpr_inf(f, u.sign) : fpr_max_normal(f, u.sign);
    }
    /* |value| >= 2^(bias-1) (2^14, 2^126, 2^1022): the result would be denormal; FZ flushes. */
    if (fpr_flush_out(f, fpcr) && msb_exp >= f->bias - 1) {
        *fpsr |= FPSR_UFC;
        return fpr_zero(f, u.sign);
    }

    uint64_t fraction;
    int exp;
    frac52(f, a, &fraction, &exp);
    if (exp == 0) {
        if (((fraction >> 51) & 1) == 0) {
            exp = -1;
            fraction = (fraction << 2) & ((1ull << 52) - 1);
        } else {
            fraction = (fraction << 1) & ((1ull << 52) - 1);
        }
    }
    unsigned scaled = 256 | (unsigned)(fraction >> 44);
    int result_exp = 2 * f->bias - 1 - exp;    /* 29, 253 or 2045 minus exp */
    unsigned estimate = recip_estimate(scaled);

    fraction = (uint64_t)(estimate & 0xff) << 44;
    if (result_exp == 0) {
        fraction = (1ull << 51) | (fraction >> 1);
    } else if (result_exp == -1) {
        fraction = (1ull << 50) | (fraction >> 2);
        result_exp = 0;
    }
    return fpr_pack(f, u.sign, (uint64_t)result_exp, fraction >> (52 - f->fbits));
}

uint64_t fp_rsqrt_estimate(ArmFPSize sz, uint64_t a, uint32_t fpcr, uint32_t *fpsr)
{
    const FPFmt *f = fpfmt(sz);
    FPUnpacked u = fpr_unpack(f, a, FPU_ARITH, fpcr, fpsr);

    if (fpt_is_nan(u.type)) {
        return fpr_process_nan(f, u.type, a, fpcr, fpsr);
    }
    if (u.type == FPT_ZERO) {
        *fpsr |= FPSR_DZC;
        return fpr_inf(f, u.sign);
    }
    if (u.sign) {
        *fpsr |= FPSR_IOC;
        return fpr_default_nan(f);
    }
    if (u.type == FPT_INF) {
        return fpr_zero(f, false);
    }

    uint64_t fraction;
    int exp;
    frac52(f, a, &fraction, &exp);
    if (exp == 0) {
        while (((fraction >> 51) & 1) == 0) {
            fraction = (fraction << 1) & ((1ull << 52) - 1);
            exp--;
        }
        fraction = (fraction << 1) & ((1ull << 52) - 1);
    }
    unsigned scaled;
    if ((exp & 1) == 0) {
        scaled = 256 | (unsigned)(fraction >> 44);
    } else {
        scaled = 128 | (unsigned)(fraction >> 45);
    }
    /* (44 - exp) DIV 2, (380 - exp) DIV 2, (3068 - exp) DIV 2: always positive here. */
    int result_exp = (3 * f->bias - 1 - exp) / 2;
    unsigned estimate = rsqrt_estimate(scaled);
    return fpr_pack(f, false, (uint64_t)result_exp,
                    (uint64_t)(estimate & 0xff) << (f->fbits - 8));
}

/* FPRecpX: the exponent inverted, fraction zeroed; zero and denormal exponents give max_exp. */
uint64_t fp_recpx(ArmFPSize sz, uint64_t a, uint32_t fpcr, uint32_t *fpsr)
{
    const FPFmt *f = fpfmt(sz);
    FPUnpacked u = fpr_unpack(f, a, FPU_ARITH, fpcr, fpsr);
    uint64_t ones = (1ull << f->ebits) - 1;
    uint64_t exp = (a >> f->fbits) & ones;

    if (fpt_is_nan(u.type)) {
        return fpr_process_nan(f, u.type, a, fpcr, fpsr);
    }
    bool sign = (a >> (f->bits - 1)) & 1;
    return fpr_pack(f, sign, exp == 0 ? ones - 1 : (~exp & ones), 0);
}

uint32_t fp_urecip_estimate(uint32_t a)
{
    if ((a >> 31) == 0) {
        return 0xffffffffu;
    }
    return (uint32_t)(recip_estimate(a >> 23) & 0x1ff) << 23;
}

uint32_t fp_ursqrt_estimate(uint32_t a)
{
    if ((a >> 30) == 0) {
        return 0xffffffffu;
    }
    return (uint32_t)(rsqrt_estimate(a >> 23) & 0x1ff) << 23;
}
