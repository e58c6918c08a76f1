/*
 * Arm floating point conversions (Arm ARM shared/functions/float:
 * FPRoundInt, FPConvert, FPToFixed, FixedToFP, FPToFixedJS).
 */
#include <assert.h>
#include "target-arm/fpu-internal.h"

/* FPRoundInt: FRINT[NPMZAIX]; exact (FRINTX) raises IXC when the value changes. */
uint64_t fp_round_int(ArmFPSize sz, uint64_t a, ArmRounding rmode, bool exact, uint32_t fpcr,
                      uint32_t *fpsr)
{
    const FPFmt *f = fpfmt(sz);
    FPUnpacked u = fpr_unpack(f, a, FPU_ARITH, fpcr, fpsr);
    u128 ip;
    bool big;

    if (fpt_is_nan(u.type)) {
        return fpr_process_nan(f, u.type, a, fpcr, fpsr);
    }
    if (u.type == FPT_INF) {
        return fpr_inf(f, u.sign);
    }
    if (u.type == FPT_ZERO) {
        return fpr_zero(f, u.sign);
    }
    FPErr err = fpr_split(u.mant, u.exp, false, &ip, &big);
    if (err == ERR_ZERO) {
        /* Already integral: FPRound(value, RZ) gives the operand back. */
        return fpr_round_arith(f, u.sign, u.exp, u.mant, false, FPROUND_ZERO, fpcr, fpsr);
    }
    if (fpr_round_away(rmode, u.sign, ip & 1, err)) {
        ip++;
    }
    uint64_t res = ip == 0 ? fpr_zero(f, u.sign)
                           : fpr_round_arith(f, u.sign, 0, ip, false, FPROUND_ZERO, fpcr, fpsr);
    if (exact) {
        *fpsr |= FPSR_IXC;
    }
    return res;
}

/* FPConvertNaN: keep the sign and the top of the payload, quietened. */
static uint64_t convert_nan(const FPFmt *to, const FPFmt *from, uint64_t a)
{
    bool sign = (a >> (from->bits - 1)) & 1;
    uint64_t payload = a & ((1ull << (from->fbits - 1)) - 1);   /* below the quiet bit */
    int shift = (to->fbits - 1) - (from->fbits - 1);

    payload = shift >= 0 ? payload << shift : payload >> -shift;
    return fpr_pack(to, sign, (1ull << to->ebits) - 1, (1ull << (to->fbits - 1)) | payload);
}

/* FPConvert: FCVT between precisions; half honours AHP and ignores FZ16 both ways. */
uint64_t fp_convert(ArmFPSize to, ArmFPSize from, uint64_t a, ArmRounding rmode, uint32_t fpcr,
                    uint32_t *fpsr)
{
    const FPFmt *ft = fpfmt(to), *ff = fpfmt(from);
    FPUnpacked u = fpr_unpack(ff, a, FPU_CV, fpcr, fpsr);
    bool alt_hp = to == FP16 && (fpcr & FPCR_AHP);
    uint64_t res;

    if (fpt_is_nan(u.type)) {
        if (alt_hp) {
            res = fpr_zero(ft, u.sign);
        } else if (fpcr & FPCR_DN) {
            res = fpr_default_nan(ft);
        } else {
            res = convert_nan(ft, ff, a);
        }
        if (u.type == FPT_SNAN || alt_hp) {
            *fpsr |= FPSR_IOC;
        }
        return res;
    }
    if (u.type == FPT_INF) {
        if (alt_hp) {
            *fpsr |= FPSR_IOC;
            return fpr_pack(ft, u.sign, (1ull << ft->ebits) - 1, (1ull << ft->fbits) - 1);
        }
        return fpr_inf(ft, u.sign);
    }
    if (u.type == FPT_ZERO) {
        return fpr_zero(ft, u.sign);
    }
    /* FPRoundCV: FZ16 off, AHP on for half outputs, FZ for single/double outputs. */
    bool flush = to != FP16 && (fpcr & FPCR_FZ);
    return fpr_round(ft, u.sign, u.exp, u.mant, false, rmode, flush, alt_hp, fpsr);
}

/*
 * FPToFixed: scale by 2^fbits, round per rmode, saturate to int_bits
 * (IOC on overflow and for NaNs, which convert to 0; IXC when inexact).
 */
uint64_t fp_to_fixed(ArmFPSize sz, uint64_t a, int fbits, bool is_unsigned, int int_bits,
                     ArmRounding rmode, uint32_t fpcr, uint32_t *fpsr)
{
    const FPFmt *f = fpfmt(sz);
    FPUnpacked u = fpr_unpack(f, a, FPU_ARITH, fpcr, fpsr);
    u128 mag = 0;
    bool big = false;
    FPErr err = ERR_ZERO;

    assert(int_bits == 16 || int_bits == 32 || int_bits == 64);
    if (fpt_is_nan(u.type)) {
        *fpsr |= FPSR_IOC;
        return 0;
    }
    if (u.type == FPT_INF) {
        big = true;
    } else if (u.type != FPT_ZERO) {
        err = fpr_split(u.mant, u.exp + fbits, false, &mag, &big);
        if (!big && fpr_round_away(rmode, u.sign, mag & 1, err)) {
            mag++;
        }
    }

    /* Saturate: the signed range is [-2^(M-1), 2^(M-1) - 1], unsigned [0, 2^M - 1]. */
    u128 limit;
    if (is_unsigned) {
        limit = u.sign ? 0 : ((u128)1 << int_bits) - 1;
    } else {
        limit = u.sign ? (u128)1 << (int_bits - 1) : ((u128)1 << (int_bits - 1)) - 1;
    }
    uint64_t mask = int_bits == 64 ? ~0ull : (1ull << int_bits) - 1;
    uint64_t res;
    if (big || mag > limit) {
        *fpsr |= FPSR_IOC;
        mag = limit;
        err = ERR_ZERO;
    } else if (err != ERR_ZERO) {
        *fpsr |= FPSR_IXC;
    }
    res = u.sign ? (uint64_t)0 - (uint64_t)mag : (uint64_t)mag;
    if (is_unsigned) {
        return res & mask;
    }
    /* Sign-extend from int_bits to 64 bits. */
    int sh = 64 - int_bits;
    return (uint64_t)((int64_t)(res << sh) >> sh);
}

/* FixedToFP: SCVTF/UCVTF of an int_bits-wide integer with fbits fraction bits. */
uint64_t fixed_to_fp(ArmFPSize sz, uint64_t v, int fbits, bool is_unsigned, int int_bits,
                     ArmRounding rmode, uint32_t fpcr, uint32_t *fpsr)
{
    const FPFmt *f = fpfmt(sz);
    uint64_t mask = int_bits == 64 ? ~0ull : (1ull << int_bits) - 1;
    bool sign = false;
    uint64_t mag;

    v &= mask;
    if (!is_unsigned && ((v >> (int_bits - 1)) & 1)) {
        sign = true;
        mag = ((uint64_t)0 - v) & mask;
    } else {
        mag = v;
    }
    if (mag == 0) {
        return fpr_zero(f, false);
    }
    return fpr_round_arith(f, sign, -fbits, mag, false, rmode, fpcr, fpsr);
}

/*
 * FPToFixedJS (FJCVTZS): round toward zero, keep the low 32 bits of the
 * integer (modulo 2^32), IOC when it does not fit in int32.  Z is set
 * only when the conversion was exact and in range and the result is not
 * a negative zero or a flushed denormal.
 */
uint32_t fp_jcvt(uint64_t a, bool *z_flag, uint32_t fpcr, uint32_t *fpsr)
{
    const FPFmt *f = &fpfmt_d;
    FPUnpacked u = fpr_unpack(f, a, FPU_ARITH, fpcr, fpsr);
    bool z = true;
    u128 mag = 0;
    bool big = false;
    FPErr err = ERR_ZERO;

    if (fpt_is_nan(u.type)) {
        *fpsr |= FPSR_IOC;
        *z_flag = false;
        return 0;
    }
    if (u.type == FPT_INF) {
        *fpsr |= FPSR_IOC;
        *z_flag = false;
        return 0;
    }
    if (u.type != FPT_ZERO) {
        if (u.exp >= 32) {
            big = true;     /* at least 2^32, and its low 32 bits are zero */
        } else if (u.exp >= 0) {
            mag = (u128)u.mant << u.exp;
        } else {
            err = fpr_split(u.mant, u.exp, false, &mag, &big);
        }
    }
    /* Round toward zero: the magnitude's integer part; the result is it mod 2^32. */
    uint32_t low = (uint32_t)mag;
    uint32_t res = u.sign ? (uint32_t)0 - low : low;
    bool out_of_range = big || (u.sign ? mag > ((u128)1 << 31) : mag > 0x7fffffff);
    if (out_of_range) {
        *fpsr |= FPSR_IOC;
        z = false;
    } else if (err != ERR_ZERO) {
        *fpsr |= FPSR_IXC;
        z = false;
    } else if (u.sign && u.type == FPT_ZERO) {
        z = false;
    } else if (!u.sign && u.type == FPT_ZERO && (a & ((1ull << 52) - 1)) != 0) {
        z = false;
    }
    *z_flag = z;
    return res;
}
