/*
 * Private to target-arm/fpu-*.c: the unpacked representation, the one
 * rounding routine every operation shares, and NaN handling.
 *
 * A finite value is (-1)^sign * mant * 2^exp with an integer mant, so every
 * operation can form its exact result (or an exact result plus a "sticky"
 * nonzero fraction below the last bit) in integer arithmetic and hand it to
 * fpr_round(), which follows the Arm ARM's FPRoundBase step by step.
 */
#ifndef TARGET_ARM_FPU_INTERNAL_H
#define TARGET_ARM_FPU_INTERNAL_H

#include "target-arm/fpu.h"

typedef unsigned __int128 u128;

/* Arm ARM FPType; Denormal and Nonzero are both "finite nonzero" here. */
typedef enum FPType {
    FPT_ZERO,
    FPT_DENORMAL,
    FPT_NONZERO,
    FPT_INF,
    FPT_QNAN,
    FPT_SNAN,
} FPType;

/* Format parameters (E exponent bits, F fraction bits). */
typedef struct FPFmt {
    int size;        /* 2, 4, 8 */
    int bits;        /* N */
    int ebits;       /* E */
    int fbits;       /* F */
    int bias;
    int min_exp;     /* 1 - bias: exponent of the smallest normal */
} FPFmt;

extern const FPFmt fpfmt_h, fpfmt_s, fpfmt_d;

static inline const FPFmt *fpfmt(ArmFPSize sz)
{
    return sz == FP16 ? &fpfmt_h : sz == FP32 ? &fpfmt_s : &fpfmt_d;
}

typedef struct FPUnpacked {
    FPType type;
    bool sign;
    int exp;          /* value = mant * 2^exp when finite nonzero */
    uint64_t mant;
} FPUnpacked;

static inline bool fpt_is_nan(FPType t)
{
    return t == FPT_QNAN || t == FPT_SNAN;
}

static inline bool fpt_is_finite_nonzero(FPType t)
{
    return t == FPT_DENORMAL || t == FPT_NONZERO;
}

/* How a value is unpacked: FPUnpack (arithmetic) or FPUnpackCV (FP<->FP conversions). */
enum { FPU_ARITH = 0, FPU_CV = 1 };

FPUnpacked fpr_unpack(const FPFmt *f, uint64_t x, int how, uint32_t fpcr, uint32_t *fpsr);

/*
 * FPRoundBase.  The value is (-1)^sign * (mant + s) * 2^exp where s is 0
 * when !sticky and strictly between 0 and 1 when sticky; mant != 0 and
 * mant < 2^127.  When sticky is set, mant must carry at least two more
 * bits than the result keeps (all callers give 60 or more).
 * flush: the FZ/FZ16 that applies; ahp: alternative half precision output.
 */
uint64_t fpr_round(const FPFmt *f, bool sign, int exp, u128 mant, bool sticky, ArmRounding rm,
                   bool flush, bool ahp, uint32_t *fpsr);

/* FPRound(value, fpcr, rounding) of the arithmetic: AHP off, FZ or FZ16 by format. */
static inline bool fpr_flush_out(const FPFmt *f, uint32_t fpcr)
{
    return f->size == 2 ? (fpcr & FPCR_FZ16) != 0 : (fpcr & FPCR_FZ) != 0;
}

static inline uint64_t fpr_round_arith(const FPFmt *f, bool sign, int exp, u128 mant, bool sticky,
                                       ArmRounding rm, uint32_t fpcr, uint32_t *fpsr)
{
    return fpr_round(f, sign, exp, mant, sticky, rm, fpr_flush_out(f, fpcr), false, fpsr);
}

/* Constants of a format. */
uint64_t fpr_zero(const FPFmt *f, bool sign);
uint64_t fpr_inf(const FPFmt *f, bool sign);
uint64_t fpr_max_normal(const FPFmt *f, bool sign);
uint64_t fpr_default_nan(const FPFmt *f);
/* sign : exponent field : fraction field */
uint64_t fpr_pack(const FPFmt *f, bool sign, uint64_t bexp, uint64_t frac);

/* FPProcessNaN / FPProcessNaNs / FPProcessNaNs3. */
uint64_t fpr_process_nan(const FPFmt *f, FPType t, uint64_t op, uint32_t fpcr, uint32_t *fpsr);
bool fpr_process_nans(const FPFmt *f, const FPUnpacked *u1, const FPUnpacked *u2, uint64_t op1,
                      uint64_t op2, uint64_t *res, uint32_t fpcr, uint32_t *fpsr);
bool fpr_process_nans3(const FPFmt *f, const FPUnpacked *u1, const FPUnpacked *u2,
                       const FPUnpacked *u3, uint64_t op1, uint64_t op2, uint64_t op3,
                       uint64_t *res, uint32_t fpcr, uint32_t *fpsr);

/* Index of the most significant set bit of a nonzero 128-bit value. */
static inline int fpr_msb128(u128 x)
{
    uint64_t hi = (uint64_t)(x >> 64);
    return hi ? 127 - __builtin_clzll(hi) : 63 - __builtin_clzll((uint64_t)x);
}

/*
 * Split a nonnegative value mant * 2^exp into its integer part and a
 * classification of the fraction (used by FPRoundInt and FPToFixed).
 * The integer part saturates: *big is set when it is 2^64 or more.
 */
typedef enum FPErr { ERR_ZERO, ERR_LT_HALF, ERR_HALF, ERR_GT_HALF } FPErr;

FPErr fpr_split(u128 mant, int exp, bool sticky, u128 *int_part, bool *big);

/* Whether a magnitude with integer part lsb "odd" and fraction class err rounds away from zero. */
bool fpr_round_away(ArmRounding rm, bool sign, bool odd, FPErr err);

/*
 * The host fast path (fpu-host.c): returns true with *res and the flags
 * set when it could compute a op b (sqrt: a) exactly as the pseudocode
 * does, false to fall back to the exact integer implementation.
 */
typedef enum FPHostOp { FPH_ADD, FPH_SUB, FPH_MUL, FPH_DIV, FPH_SQRT } FPHostOp;

bool fpr_host_arith(ArmFPSize sz, FPHostOp op, uint64_t a, uint64_t b, uint32_t fpcr,
                    uint32_t *fpsr, uint64_t *res);
/* Tests turn the fast path off to compare it with the integer implementation. */
void fpr_host_fastpath(bool on);

#endif
