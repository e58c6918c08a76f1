/*
 * Arm floating point, bit-exact: the arithmetic the FP and AdvSIMD
 * instructions need, in half, single and double precision, following the
 * Arm ARM's pseudocode (FPAdd, FPMul, FPMulAdd, FPRoundInt, FPToFixed,
 * FixedToFP, FPConvert, FPRecipEstimate, ...): FPCR rounding mode, FZ,
 * FZ16, DN and AHP, Arm's NaN propagation (first signalling NaN, else first
 * quiet NaN, quietened; default NaN 0x7ff8.. when DN), and the cumulative
 * FPSR flags.  Nothing here depends on the host FPU's mode or flags.
 *
 * Values travel as raw bit patterns in uint64_t (low 16/32/64 bits).
 * Every function takes the FPCR value and ORs the exceptions it raises
 * into *fpsr (never clears bits).
 */
#ifndef TARGET_ARM_FPU_H
#define TARGET_ARM_FPU_H

#include <stdbool.h>
#include <stdint.h>

/* FPSR cumulative exception bits (Arm ARM C5.2.8). */
enum {
    FPSR_IOC = 1 << 0,   /* invalid operation */
    FPSR_DZC = 1 << 1,   /* divide by zero */
    FPSR_OFC = 1 << 2,   /* overflow */
    FPSR_UFC = 1 << 3,   /* underflow */
    FPSR_IXC = 1 << 4,   /* inexact */
    FPSR_IDC = 1 << 7,   /* input denormal (flushed to zero) */
    FPSR_QC = 1 << 27,   /* saturation (AdvSIMD integer) */
};

/* FPCR control bits (Arm ARM C5.2.7). */
enum {
    FPCR_FIZ_UNUSED = 0,
    FPCR_FZ16 = 1 << 19,
    FPCR_RMODE_SHIFT = 22,  /* 2 bits */
    FPCR_FZ = 1 << 24,
    FPCR_DN = 1 << 25,
    FPCR_AHP = 1 << 26,
};

/* Floating-point formats by size in bytes: 2 (half), 4 (single), 8 (double). */
typedef enum ArmFPSize { FP16 = 2, FP32 = 4, FP64 = 8 } ArmFPSize;

/* Rounding modes: the FPCR encodings, plus the two some instructions ask for. */
typedef enum ArmRounding {
    FPROUND_TIEEVEN = 0,  /* RN */
    FPROUND_POSINF = 1,   /* RP */
    FPROUND_NEGINF = 2,   /* RM */
    FPROUND_ZERO = 3,     /* RZ */
    FPROUND_TIEAWAY = 4,  /* FCVTA*, FRINTA */
    FPROUND_ODD = 5,      /* FCVTXN */
} ArmRounding;

static inline ArmRounding fpcr_rounding(uint32_t fpcr)
{
    return (ArmRounding)((fpcr >> FPCR_RMODE_SHIFT) & 3);
}

/* Arithmetic: result = a OP b, rounded per FPCR. */
uint64_t fp_add(ArmFPSize sz, uint64_t a, uint64_t b, uint32_t fpcr, uint32_t *fpsr);
uint64_t fp_sub(ArmFPSize sz, uint64_t a, uint64_t b, uint32_t fpcr, uint32_t *fpsr);
uint64_t fp_mul(ArmFPSize sz, uint64_t a, uint64_t b, uint32_t fpcr, uint32_t *fpsr);
uint64_t fp_mulx(ArmFPSize sz, uint64_t a, uint64_t b, uint32_t fpcr, uint32_t *fpsr); /* 0*inf = 2 */
uint64_t fp_div(ArmFPSize sz, uint64_t a, uint64_t b, uint32_t fpcr, uint32_t *fpsr);
uint64_t fp_sqrt(ArmFPSize sz, uint64_t a, uint32_t fpcr, uint32_t *fpsr);
/* Fused: addend + a * b with one rounding (FMADD; FMSUB/FNMADD/FNMSUB negate operands first). */
uint64_t fp_muladd(ArmFPSize sz, uint64_t addend, uint64_t a, uint64_t b, uint32_t fpcr, uint32_t *fpsr);
uint64_t fp_max(ArmFPSize sz, uint64_t a, uint64_t b, uint32_t fpcr, uint32_t *fpsr);
uint64_t fp_min(ArmFPSize sz, uint64_t a, uint64_t b, uint32_t fpcr, uint32_t *fpsr);
uint64_t fp_maxnum(ArmFPSize sz, uint64_t a, uint64_t b, uint32_t fpcr, uint32_t *fpsr); /* FMAXNM */
uint64_t fp_minnum(ArmFPSize sz, uint64_t a, uint64_t b, uint32_t fpcr, uint32_t *fpsr); /* FMINNM */
/* FRECPS: 2 - a*b fused; FRSQRTS: (3 - a*b) / 2 fused (with the 0*inf special cases). */
uint64_t fp_recip_step(ArmFPSize sz, uint64_t a, uint64_t b, uint32_t fpcr, uint32_t *fpsr);
uint64_t fp_rsqrt_step(ArmFPSize sz, uint64_t a, uint64_t b, uint32_t fpcr, uint32_t *fpsr);
/* Estimates (FRECPE, FRSQRTE) and FRECPX, exactly as the Arm ARM's tables define them. */
uint64_t fp_recip_estimate(ArmFPSize sz, uint64_t a, uint32_t fpcr, uint32_t *fpsr);
uint64_t fp_rsqrt_estimate(ArmFPSize sz, uint64_t a, uint32_t fpcr, uint32_t *fpsr);
uint64_t fp_recpx(ArmFPSize sz, uint64_t a, uint32_t fpcr, uint32_t *fpsr);
/* Unsigned 32-bit estimates (URECPE, URSQRTE). */
uint32_t fp_urecip_estimate(uint32_t a);
uint32_t fp_ursqrt_estimate(uint32_t a);

/*
 * Comparisons.  fp_compare returns NZCV (bits 3..0) as FCMP sets it;
 * signal_nans (FCMPE) raises IOC for quiet NaNs too.  The vector forms
 * return true/false and raise IOC per the Arm ARM (FCMEQ quiet, FCMGE/GT signalling).
 */
unsigned fp_compare(ArmFPSize sz, uint64_t a, uint64_t b, bool signal_nans, uint32_t fpcr, uint32_t *fpsr);
bool fp_compare_eq(ArmFPSize sz, uint64_t a, uint64_t b, uint32_t fpcr, uint32_t *fpsr);
bool fp_compare_ge(ArmFPSize sz, uint64_t a, uint64_t b, uint32_t fpcr, uint32_t *fpsr);
bool fp_compare_gt(ArmFPSize sz, uint64_t a, uint64_t b, uint32_t fpcr, uint32_t *fpsr);

/* FRINT*: round to an integral value in the same format; exact = FRINTX (raises IXC). */
uint64_t fp_round_int(ArmFPSize sz, uint64_t a, ArmRounding rmode, bool exact, uint32_t fpcr, uint32_t *fpsr);

/* Precision conversions (FCVT between h/s/d; half honours FPCR.AHP). */
uint64_t fp_convert(ArmFPSize to, ArmFPSize from, uint64_t a, ArmRounding rmode, uint32_t fpcr, uint32_t *fpsr);

/*
 * FP -> integer (FCVT[NPMZA][SU], fixed point with fbits > 0), saturating,
 * IOC on NaN/overflow; int_bits is 32 or 64 (or 16 for half-precision
 * vector forms).  Result is the integer's bit pattern (sign-extended to 64 bits
 * when signed).
 */
uint64_t fp_to_fixed(ArmFPSize sz, uint64_t a, int fbits, bool is_unsigned, int int_bits,
                     ArmRounding rmode, uint32_t fpcr, uint32_t *fpsr);
/* Integer (int_bits wide, signed or not) with fbits fraction bits -> FP (SCVTF/UCVTF). */
uint64_t fixed_to_fp(ArmFPSize sz, uint64_t v, int fbits, bool is_unsigned, int int_bits,
                     ArmRounding rmode, uint32_t fpcr, uint32_t *fpsr);
/* FJCVTZS: double -> int32 with JavaScript semantics; *z_flag as the instruction sets Z. */
uint32_t fp_jcvt(uint64_t a, bool *z_flag, uint32_t fpcr, uint32_t *fpsr);

#endif
