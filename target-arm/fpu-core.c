/*
 * Arm floating point: unpacking, the shared rounding routine and NaN
 * handling (Arm ARM shared/functions/float: FPUnpackBase, FPRoundBase,
 * FPProcessNaN, FPProcessNaNs, FPProcessNaNs3).
 */
#include <assert.h>
#include "target-arm/fpu-internal.h"

const FPFmt fpfmt_h = { 2, 16, 5, 10, 15, -14 };
const FPFmt fpfmt_s = { 4, 32, 8, 23, 127, -126 };
const FPFmt fpfmt_d = { 8, 64, 11, 52, 1023, -1022 };

static inline uint64_t fmt_mask(const FPFmt *f)
{
    return f->bits == 64 ? ~0ull : (1ull << f->bits) - 1;
}

static inline uint64_t exp_ones(const FPFmt *f)
{
    return (1ull << f->ebits) - 1;
}

uint64_t fpr_pack(const FPFmt *f, bool sign, uint64_t bexp, uint64_t frac)
{
    return ((uint64_t)sign << (f->bits - 1)) | (bexp << f->fbits) | frac;
}

uint64_t fpr_zero(const FPFmt *f, bool sign)
{
    return fpr_pack(f, sign, 0, 0);
}

uint64_t fpr_inf(const FPFmt *f, bool sign)
{
    return fpr_pack(f, sign, exp_ones(f), 0);
}

uint64_t fpr_max_normal(const FPFmt *f, bool sign)
{
    return fpr_pack(f, sign, exp_ones(f) - 1, (1ull << f->fbits) - 1);
}

uint64_t fpr_default_nan(const FPFmt *f)
{
    return fpr_pack(f, false, exp_ones(f), 1ull << (f->fbits - 1));
}

/*
 * FPUnpackBase.  FPUnpack (how == FPU_ARITH) ignores AHP; FPUnpackCV
 * ignores FZ16 and honours AHP.  Flushing a single or double denormal to
 * zero raises IDC; flushing a half-precision one (FZ16) does not.
 */
FPUnpacked fpr_unpack(const FPFmt *f, uint64_t x, int how, uint32_t fpcr, uint32_t *fpsr)
{
    FPUnpacked u = { FPT_ZERO, false, 0, 0 };
    uint64_t bexp, frac;

    x &= fmt_mask(f);
    u.sign = (x >> (f->bits - 1)) & 1;
    bexp = (x >> f->fbits) & exp_ones(f);
    frac = x & ((1ull << f->fbits) - 1);

    if (bexp == 0) {
        bool flush;
        if (f->size == 2) {
            flush = how == FPU_ARITH && (fpcr & FPCR_FZ16);
        } else {
            flush = (fpcr & FPCR_FZ) != 0;
        }
        if (frac == 0 || flush) {
            u.type = FPT_ZERO;
            if (frac != 0 && f->size != 2) {
                *fpsr |= FPSR_IDC;
            }
        } else {
            u.type = FPT_DENORMAL;
            u.mant = frac;
            u.exp = f->min_exp - f->fbits;
        }
    } else if (bexp == exp_ones(f) && !(f->size == 2 && how == FPU_CV && (fpcr & FPCR_AHP))) {
        if (frac == 0) {
            u.type = FPT_INF;
        } else {
            u.type = (frac >> (f->fbits - 1)) & 1 ? FPT_QNAN : FPT_SNAN;
        }
    } else {
        u.type = FPT_NONZERO;
        u.mant = frac | (1ull << f->fbits);
        u.exp = (int)bexp - f->bias - f->fbits;
    }
    return u;
}

/* FPRoundBase; see fpu-internal.h for the value's representation. */
uint64_t fpr_round(const FPFmt *f, bool sign, int exp, u128 mant, bool sticky, ArmRounding rm,
                   bool flush, bool ahp, uint32_t *fpsr)
{
    int exponent, biased, q, shift;
    uint64_t int_mant, result;
    FPErr err;
    bool round_up, overflow_to_inf;

    assert(mant != 0 && (mant >> 127) == 0);
    /* The exponent of the value normalised to 1.x (the pseudocode's "exponent"). */
    exponent = exp + fpr_msb128(mant);

    /* Flush to zero happens on the unrounded value: tininess before rounding. */
    if (flush && exponent < f->min_exp) {
        *fpsr |= FPSR_UFC;
        return fpr_zero(f, sign);
    }

    biased = exponent - f->min_exp + 1;
    if (biased < 0) {
        biased = 0;
    }
    /* q: the weight of the result's last fraction bit. */
    q = (biased == 0 ? f->min_exp : exponent) - f->fbits;
    shift = q - exp;
    if (shift <= 0) {
        assert(!sticky);
        int_mant = (uint64_t)(mant << -shift);
        err = ERR_ZERO;
    } else if (shift >= 128) {
        int_mant = 0;
        err = ERR_LT_HALF;          /* mant < 2^127 <= half an ulp */
    } else {
        u128 rem = mant & (((u128)1 << shift) - 1);
        u128 half = (u128)1 << (shift - 1);
        int_mant = (uint64_t)(mant >> shift);
        if (rem == 0) {
            err = sticky ? ERR_LT_HALF : ERR_ZERO;
        } else if (rem < half) {
            err = ERR_LT_HALF;
        } else if (rem == half) {
            err = sticky ? ERR_GT_HALF : ERR_HALF;
        } else {
            err = ERR_GT_HALF;
        }
    }

    /* Underflow: tiny before rounding and inexact. */
    if (biased == 0 && err != ERR_ZERO) {
        *fpsr |= FPSR_UFC;
    }

    switch (rm) {
    case FPROUND_TIEEVEN:
        round_up = err == ERR_GT_HALF || (err == ERR_HALF && (int_mant & 1));
        overflow_to_inf = true;
        break;
    case FPROUND_TIEAWAY:
        round_up = err == ERR_GT_HALF || err == ERR_HALF;
        overflow_to_inf = true;
        break;
    case FPROUND_POSINF:
        round_up = err != ERR_ZERO && !sign;
        overflow_to_inf = !sign;
        break;
    case FPROUND_NEGINF:
        round_up = err != ERR_ZERO && sign;
        overflow_to_inf = sign;
        break;
    default: /* FPROUND_ZERO, FPROUND_ODD */
        round_up = false;
        overflow_to_inf = false;
        break;
    }

    if (round_up) {
        int_mant++;
        if (int_mant == 1ull << f->fbits) {
            biased = 1;          /* rounded up from denormal to normal */
        }
        if (int_mant == 1ull << (f->fbits + 1)) {
            biased++;
            int_mant >>= 1;
        }
    }
    if (err != ERR_ZERO && rm == FPROUND_ODD) {
        int_mant |= 1;
    }

    if (!ahp) {
        if (biased >= (1 << f->ebits) - 1) {
            result = overflow_to_inf ? fpr_inf(f, sign) : fpr_max_normal(f, sign);
            *fpsr |= FPSR_OFC;
            err = ERR_GT_HALF;   /* overflow is always inexact */
        } else {
            result = fpr_pack(f, sign, (uint64_t)biased, int_mant & ((1ull << f->fbits) - 1));
        }
    } else {
        if (biased >= 1 << f->ebits) {
            result = fpr_pack(f, sign, exp_ones(f), (1ull << f->fbits) - 1);
            *fpsr |= FPSR_IOC;
            err = ERR_ZERO;      /* AHP saturation is not inexact */
        } else {
            result = fpr_pack(f, sign, (uint64_t)biased, int_mant & ((1ull << f->fbits) - 1));
        }
    }
    if (err != ERR_ZERO) {
        *fpsr |= FPSR_IXC;
    }
    return result;
}

/* FPProcessNaN: quieten a signalling NaN (IOC); DN replaces it by the default NaN. */
uint64_t fpr_process_nan(const FPFmt *f, FPType t, uint64_t op, uint32_t fpcr, uint32_t *fpsr)
{
    uint64_t result = op & fmt_mask(f);

    if (t == FPT_SNAN) {
        result |= 1ull << (f->fbits - 1);
        *fpsr |= FPSR_IOC;
    }
    if (fpcr & FPCR_DN) {
        result = fpr_default_nan(f);
    }
    return result;
}

/* FPProcessNaNs: the first signalling NaN in operand order, else the first quiet one. */
bool fpr_process_nans(const FPFmt *f, const FPUnpacked *u1, const FPUnpacked *u2, uint64_t op1,
                      uint64_t op2, uint64_t *res, uint32_t fpcr, uint32_t *fpsr)
{
    if (u1->type == FPT_SNAN) {
        *res = fpr_process_nan(f, u1->type, op1, fpcr, fpsr);
    } else if (u2->type == FPT_SNAN) {
        *res = fpr_process_nan(f, u2->type, op2, fpcr, fpsr);
    } else if (u1->type == FPT_QNAN) {
        *res = fpr_process_nan(f, u1->type, op1, fpcr, fpsr);
    } else if (u2->type == FPT_QNAN) {
        *res = fpr_process_nan(f, u2->type, op2, fpcr, fpsr);
    } else {
        return false;
    }
    return true;
}

bool fpr_process_nans3(const FPFmt *f, const FPUnpacked *u1, const FPUnpacked *u2,
                       const FPUnpacked *u3, uint64_t op1, uint64_t op2, uint64_t op3,
                       uint64_t *res, uint32_t fpcr, uint32_t *fpsr)
{
    const FPUnpacked *u[3] = { u1, u2, u3 };
    uint64_t op[3] = { op1, op2, op3 };

    for (int i = 0; i < 3; i++) {
        if (u[i]->type == FPT_SNAN) {
            *res = fpr_process_nan(f, FPT_SNAN, op[i], fpcr, fpsr);
            return true;
        }
    }
    for (int i = 0; i < 3; i++) {
        if (u[i]->type == FPT_QNAN) {
            *res = fpr_process_nan(f, FPT_QNAN, op[i], fpcr, fpsr);
            return true;
        }
    }
    return false;
}

FPErr fpr_split(u128 mant, int exp, bool sticky, u128 *int_part, bool *big)
{
    *big = false;
    if (mant == 0) {
        *int_part = 0;
        return sticky ? ERR_LT_HALF : ERR_ZERO;
    }
    if (exp >= 0) {
        assert(!sticky);
        if (fpr_msb128(mant) + exp >= 64) {
            *big = true;
            *int_part = 0;
        } else {
            *int_part = mant << exp;
        }
        return ERR_ZERO;
    }
    int s = -exp;
    if (s >= 128) {
        assert((mant >> 127) == 0);
        *int_part = 0;
        return ERR_LT_HALF;
    }
    u128 rem = mant & (((u128)1 << s) - 1);
    u128 half = (u128)1 << (s - 1);
    *int_part = mant >> s;
    if ((*int_part >> 64) != 0) {
        *big = true;
    }
    if (rem == 0) {
        return sticky ? ERR_LT_HALF : ERR_ZERO;
    }
    if (rem < half) {
        return ERR_LT_HALF;
    }
    if (rem == half) {
        return sticky ? ERR_GT_HALF : ERR_HALF;
    }
    return ERR_GT_HALF;
}

/*
 * The FPRoundInt/FPToFixed rounding decision restated on the magnitude:
 * the pseudocode rounds the signed value down and then maybe up; for a
 * negative value that is "away from zero" exactly in the cases below.
 */
bool fpr_round_away(ArmRounding rm, bool sign, bool odd, FPErr err)
{
    if (err == ERR_ZERO) {
        return false;
    }
    switch (rm) {
    case FPROUND_TIEEVEN:
        return err == ERR_GT_HALF || (err == ERR_HALF && odd);
    case FPROUND_TIEAWAY:
        return err != ERR_LT_HALF;
    case FPROUND_POSINF:
        return !sign;
    case FPROUND_NEGINF:
        return sign;
    default:
        return false;
    }
}
