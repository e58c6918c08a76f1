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
 * The host fast path (fpu-host.c, and the direct helpers of
 * helper-fp-fast.c through the inline functions below): computes a op b
 * (sqrt: a) through the host's SSE unit only where that provably gives
 * the bits and FPSR flags the Arm ARM pseudocode gives; otherwise says no
 * and the caller uses the exact integer implementation.  fpu-host.c
 * explains why each condition suffices.
 */
typedef enum FPHostOp { FPH_ADD, FPH_SUB, FPH_MUL, FPH_DIV, FPH_SQRT } FPHostOp;

bool fpr_host_arith(ArmFPSize sz, FPHostOp op, uint64_t a, uint64_t b, uint32_t fpcr,
                    uint32_t *fpsr, uint64_t *res);
/* Tests turn the fast path off to compare it with the integer implementation. */
void fpr_host_fastpath(bool on);

/*
 * True when the fast path is on and the host MXCSR was found at its
 * default (round to nearest, no FTZ/DAZ) at start-up.  Nothing in the
 * emulator writes MXCSR (no ldmxcsr, fesetround or -ffast-math start-up
 * code), threads inherit it from their creator and signal handlers start
 * from the default, so one check replaces a STMXCSR per operation.
 */
extern bool fpr_host_ok;

/* FPCR.RMode round to nearest, and the host as above. */
static inline bool fpr_fast_mode(uint32_t fpcr)
{
    return fpr_host_ok && (fpcr & (3u << FPCR_RMODE_SHIFT)) == 0;
}

static inline bool fpr_normal_d(uint64_t x)
{
    uint64_t e = (x >> 52) & 0x7ff;
    return e != 0 && e != 0x7ff;
}

static inline bool fpr_normal_s(uint32_t x)
{
    uint32_t e = (x >> 23) & 0xff;
    return e != 0 && e != 0xff;
}

/* Above the smallest normal and finite. */
static inline bool fpr_result_ok_d(uint64_t r)
{
    uint64_t m = r & ~(1ull << 63);
    return m > 0x0010000000000000ull && m < 0x7ff0000000000000ull;
}

static inline bool fpr_result_ok_s(uint32_t r)
{
    uint32_t m = r & 0x7fffffffu;
    return m > 0x00800000u && m < 0x7f800000u;
}

static inline double fpr_d_of(uint64_t x)
{
    double d;
    __builtin_memcpy(&d, &x, 8);
    return d;
}

static inline uint64_t fpr_bits_d(double d)
{
    uint64_t x;
    __builtin_memcpy(&x, &d, 8);
    return x;
}

static inline float fpr_f_of(uint32_t x)
{
    float f;
    __builtin_memcpy(&f, &x, 4);
    return f;
}

static inline uint32_t fpr_bits_f(float f)
{
    uint32_t x;
    __builtin_memcpy(&x, &f, 4);
    return x;
}

/* Significand with the implicit bit, and the exponent of its last bit, of a normal double. */
static inline uint64_t fpr_sig_d(uint64_t x, int *e)
{
    *e = (int)((x >> 52) & 0x7ff) - 1075;
    return (x & ((1ull << 52) - 1)) | (1ull << 52);
}

/* Whether p * 2^s == m exactly, for p >= 2^104 and m < 2^53 (so s < 0). */
static inline bool fpr_shifted_equal(u128 p, int s, uint64_t m)
{
    if (s >= 0 || -s >= 128) {
        return false;
    }
    u128 mask = ((u128)1 << -s) - 1;
    return (p & mask) == 0 && (p >> -s) == m;
}

/* SQRTSD: correctly rounded per MXCSR (see fpr_host_ok), without libm's errno path. */
static inline double fpr_host_sqrt(double x)
{
    double r;
    __asm__("sqrtsd %1, %0" : "=x"(r) : "x"(x));
    return r;
}

/* TwoSum: a + b == s + err exactly (round to nearest, no overflow). */
static inline double fpr_two_sum_err(double a, double b, double s)
{
    double bb = s - a;               /* no -ffast-math: evaluated as written */
    return (a - (s - bb)) + (b - bb);
}

/*
 * Double precision a op b when fpr_fast_mode() holds: true with *res and
 * IXC (the only flag that can arise) set, false to fall back.
 */
static inline bool fpr_fast_d(FPHostOp op, uint64_t a, uint64_t b, uint32_t *fpsr,
                              uint64_t *res)
{
    if (!fpr_normal_d(a) || (op != FPH_SQRT && !fpr_normal_d(b))) {
        return false;
    }
    double x = fpr_d_of(a), y = fpr_d_of(b), r;
    bool exact;
    int ea, eb, er;
    uint64_t ma, mb, mr;
    switch (op) {
    case FPH_ADD:
    case FPH_SUB:
        if (op == FPH_SUB) {
            y = -y;
        }
        r = x + y;
        if (!fpr_result_ok_d(fpr_bits_d(r))) {
            return false;
        }
        exact = fpr_two_sum_err(x, y, r) == 0.0;
        break;
    case FPH_MUL:
        r = x * y;
        if (!fpr_result_ok_d(fpr_bits_d(r))) {
            return false;
        }
        {
            u128 p = (u128)fpr_sig_d(a, &ea) * fpr_sig_d(b, &eb);
            /* exact when the product's significant bits fit in 53 */
            int tz = (uint64_t)p != 0 ? __builtin_ctzll((uint64_t)p)
                                      : 64 + __builtin_ctzll((uint64_t)(p >> 64));
            exact = fpr_msb128(p) - tz + 1 <= 53;
        }
        break;
    case FPH_DIV:
        r = x / y;
        if (!fpr_result_ok_d(fpr_bits_d(r))) {
            return false;
        }
        /* exact when r * y == x: sig(r) * sig(y) * 2^(er + eb) == sig(x) * 2^ea */
        mr = fpr_sig_d(fpr_bits_d(r), &er);
        mb = fpr_sig_d(b, &eb);
        ma = fpr_sig_d(a, &ea);
        exact = fpr_shifted_equal((u128)mr * mb, er + eb - ea, ma);
        break;
    default: /* FPH_SQRT */
        if (a >> 63) {
            return false;
        }
        r = fpr_host_sqrt(x);
        if (!fpr_result_ok_d(fpr_bits_d(r))) {
            return false;
        }
        mr = fpr_sig_d(fpr_bits_d(r), &er);
        ma = fpr_sig_d(a, &ea);
        exact = fpr_shifted_equal((u128)mr * mr, 2 * er - ea, ma);
        break;
    }
    if (!exact) {
        *fpsr |= FPSR_IXC;
    }
    *res = fpr_bits_d(r);
    return true;
}

/* Single precision, through double (see fpu-host.c for why the double rounding is harmless). */
static inline bool fpr_fast_s(FPHostOp op, uint32_t a32, uint32_t b32, uint32_t *fpsr,
                              uint64_t *res)
{
    if (!fpr_normal_s(a32) || (op != FPH_SQRT && !fpr_normal_s(b32))) {
        return false;
    }
    double x = fpr_f_of(a32), y = fpr_f_of(b32), d;
    float f;
    bool exact;
    switch (op) {
    case FPH_ADD:
    case FPH_SUB:
        if (op == FPH_SUB) {
            y = -y;
        }
        d = x + y;
        f = (float)d;
        if (!fpr_result_ok_s(fpr_bits_f(f))) {
            return false;
        }
        exact = fpr_two_sum_err(x, y, d) == 0.0 && (double)f == d;
        break;
    case FPH_MUL:
        d = x * y;                          /* exact: 48 bits */
        f = (float)d;
        if (!fpr_result_ok_s(fpr_bits_f(f))) {
            return false;
        }
        exact = (double)f == d;
        break;
    case FPH_DIV:
        d = x / y;
        f = (float)d;
        if (!fpr_result_ok_s(fpr_bits_f(f))) {
            return false;
        }
        exact = (double)f * y == x;         /* the product is exact in double */
        break;
    default: /* FPH_SQRT */
        if (a32 >> 31) {
            return false;
        }
        d = fpr_host_sqrt(x);
        f = (float)d;
        if (!fpr_result_ok_s(fpr_bits_f(f))) {
            return false;
        }
        exact = (double)f * (double)f == x;
        break;
    }
    if (!exact) {
        *fpsr |= FPSR_IXC;
    }
    *res = fpr_bits_f(f);
    return true;
}

#endif
