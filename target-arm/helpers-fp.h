/*
 * Floating-point helpers of the A64 frontend (scalar FP and AdvSIMD FP):
 * a second table in the format of helpers.h's ARM_HELPERS, expanded by the
 * same generator macros (prototypes and gen_helper_* builders here, the
 * IRHelperInfo records in helper-fp.c).
 *
 * Every helper takes env and one constant descriptor (FPDesc below) that
 * names the operation, element size, operation size and registers; the
 * helpers read and write env->vregs directly, read env->fpcr and OR the
 * exceptions into env->fpsr.  Neither fpcr/fpsr nor vregs are IR globals,
 * so the helpers need no global flags; they are not pure (they write env).
 */
#ifndef TARGET_ARM_HELPERS_FP_H
#define TARGET_ARM_HELPERS_FP_H

#include "target-arm/helpers.h"

#define ARM_FP_HELPERS(X)                                                               \
    /* element-wise binary/ternary ops, pairwise and by-element forms: (env, desc) */  \
    X(fp_binop,     void,     2, 0)                                                     \
    /* element-wise unary ops, conversions, precision changes: (env, desc) */         \
    X(fp_unop,      void,     2, 0)                                                     \
    /* across-lanes reductions FMAXV..FMINNMV: (env, desc) */                          \
    X(fp_reduce,    void,     2, 0)                                                     \
    /* FCMP/FCMPE/FCCMP: (env, desc) -> NZCV in bits 3..0 */                            \
    X(fp_cmp,       uint64_t, 2, 0)                                                     \
    /* FP -> general register (FCVT[NPMZA][SU], fixed point, FJCVTZS): (env, desc) */  \
    X(fp_to_gpr,    uint64_t, 2, 0)                                                     \
    /* general register -> FP (SCVTF/UCVTF, fixed point): (env, desc, value) */         \
    X(fp_from_gpr,  void,     3, 0)

ARM_FP_HELPERS(ARM_HELPER_PROTO)
ARM_FP_HELPERS(ARM_HELPER_GEN)

/*
 * The descriptor: one 64-bit constant.
 *   bits  0-7   op (FPOp)
 *   bits  8-9   log2 of the element size in bytes (1 H, 2 S, 3 D)
 *   bits 10-11  operation size: 0 scalar (one element, bits above it zeroed),
 *               1 a 64-bit vector, 2 a 128-bit vector
 *   bits 12-31  rd, rn, rm, ra (5 bits each)
 *   bits 32-35  element index of rm (by-element forms)
 *   bit  36     by-element
 *   bits 37-39  ArmRounding (conversions, FRINT), or FPD_RMODE_FPCR: FPCR's
 *   bits 40-46  fbits (fixed point)
 *   bit  47     unsigned (conversions)
 *   bit  48     flag: FRINTX exact, FCMPE signalling, "2" (upper half) forms,
 *               scalar pairwise
 *   bits 49-50  log2 of the other size in bytes: the integer of FP<->GPR
 *               conversions and of FRINT32/64, the target of FCVT
 *   bit  51     FCMP/FCCMP against #0.0
 *   bit  52     pairwise vector form (operands: adjacent pairs of Vm:Vn)
 */
enum {
    FPD_ESZ_SHIFT = 8, FPD_OPRSZ_SHIFT = 10, FPD_RD_SHIFT = 12, FPD_RN_SHIFT = 17,
    FPD_RM_SHIFT = 22, FPD_RA_SHIFT = 27, FPD_IDX_SHIFT = 32, FPD_BYELEM_SHIFT = 36,
    FPD_RMODE_SHIFT = 37, FPD_FBITS_SHIFT = 40, FPD_UNS_SHIFT = 47, FPD_FLAG_SHIFT = 48,
    FPD_OSZ_SHIFT = 49, FPD_ZERO_SHIFT = 51, FPD_PAIR_SHIFT = 52,
    FPD_RMODE_FPCR = 7,
};

typedef enum FPOp {
    /* fp_binop: d = n OP m */
    FPOP_ADD, FPOP_SUB, FPOP_MUL, FPOP_DIV, FPOP_MAX, FPOP_MIN, FPOP_MAXNM, FPOP_MINNM,
    FPOP_NMUL, FPOP_MULX, FPOP_ABD, FPOP_RECPS, FPOP_RSQRTS,
    FPOP_CMEQ, FPOP_CMGE, FPOP_CMGT, FPOP_ACGE, FPOP_ACGT,
    FPOP_MLA, FPOP_MLS,                       /* d = d +/- n * m, fused */
    FPOP_MADD, FPOP_MSUB, FPOP_NMADD, FPOP_NMSUB,   /* scalar, with ra */
    /* fp_unop: d = OP n */
    FPOP_ABS, FPOP_NEG, FPOP_SQRT, FPOP_RINT, FPOP_TOINT, FPOP_FROMINT,
    FPOP_RECPE, FPOP_RSQRTE, FPOP_RECPX, FPOP_URECPE, FPOP_URSQRTE,
    FPOP_CMEQ0, FPOP_CMGE0, FPOP_CMGT0, FPOP_CMLE0, FPOP_CMLT0,
    FPOP_CVT,          /* scalar FCVT: esz -> osz */
    FPOP_CVTN,         /* FCVTN/FCVTXN{,2}: esz is the narrow size */
    FPOP_CVTL,         /* FCVTL{,2}: esz is the wide size */
    FPOP_RINTN,        /* FRINT32[ZX], FRINT64[ZX]: osz is the integer size */
} FPOp;

static inline uint64_t fpd_make(FPOp op, unsigned esz_log2, unsigned oprsz, unsigned rd,
                                unsigned rn, unsigned rm)
{
    uint64_t ok = oprsz == 16 ? 2 : oprsz == 8 ? 1 : 0;
    return (uint64_t)op | (uint64_t)esz_log2 << FPD_ESZ_SHIFT | ok << FPD_OPRSZ_SHIFT |
           (uint64_t)rd << FPD_RD_SHIFT | (uint64_t)rn << FPD_RN_SHIFT |
           (uint64_t)rm << FPD_RM_SHIFT;
}

static inline unsigned fpd_get(uint64_t d, unsigned shift, unsigned bits)
{
    return (unsigned)(d >> shift) & ((1u << bits) - 1);
}

#endif
