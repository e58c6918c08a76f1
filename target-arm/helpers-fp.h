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

#include "target-arm/fpu.h"
#include "target-arm/helpers.h"
#include "tcg/vec.h"

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
 * Direct helpers for the common instructions (helper-fp-fast.c): no
 * descriptor.  The scalar ones take the operands' bits (loaded by IR from
 * the V registers, zero-extended) and return the result's bits, which IR
 * stores with the bits above the element zeroed; they read env->fpcr and
 * OR the exceptions into env->fpsr.  Each tries the host fast path
 * (fpu-internal.h) and otherwise calls the exact library with the same
 * operands, so the results are those of fp_binop & co.
 * The vector ones take vfast_regs(rd, rn, rm, q) and loop over env->vregs.
 */
#define ARM_FP_FAST_SCALAR(X, sfx)                                                      \
    X(fadd_##sfx,   uint64_t, 3, 0)      /* (env, n, m) -> n + m */                      \
    X(fsub_##sfx,   uint64_t, 3, 0)                                                     \
    X(fmul_##sfx,   uint64_t, 3, 0)                                                     \
    X(fdiv_##sfx,   uint64_t, 3, 0)                                                     \
    X(fsqrt_##sfx,  uint64_t, 2, 0)      /* (env, n) */                                 \
    X(fmadd_##sfx,  uint64_t, 4, 0)      /* (env, addend, n, m) -> addend + n * m fused */ \
    X(fcmp_##sfx,   uint64_t, 3, 0)      /* (env, n, m) -> NZCV in bits 3..0 */          \
    X(fcmpe_##sfx,  uint64_t, 3, 0)                                                     \
    X(fcvtzs_##sfx##w, uint64_t, 2, 0)   /* (env, n) -> Wd (zero-extended) */           \
    X(fcvtzs_##sfx##x, uint64_t, 2, 0)   /* (env, n) -> Xd */                           \
    X(scvtf_##sfx##w, uint64_t, 2, 0)    /* (env, Wn) -> bits */                        \
    X(scvtf_##sfx##x, uint64_t, 2, 0)    /* (env, Xn) -> bits */

#define ARM_FP_FAST_VECTOR(X, sfx)                                                      \
    X(vfadd_##sfx,  void, 2, 0)          /* (env, vfast_regs()) */                    \
    X(vfsub_##sfx,  void, 2, 0)                                                         \
    X(vfmul_##sfx,  void, 2, 0)                                                         \
    X(vfdiv_##sfx,  void, 2, 0)                                                         \
    X(vfmax_##sfx,  void, 2, 0)                                                         \
    X(vfmin_##sfx,  void, 2, 0)                                                         \
    X(vfmla_##sfx,  void, 2, 0)                                                         \
    X(vfmls_##sfx,  void, 2, 0)                                                         \
    X(vfsqrt_##sfx, void, 2, 0)                                                         \
    X(vfcvtzs_##sfx, void, 2, 0)         /* to the same-size signed integer */          \
    X(vscvtf_##sfx, void, 2, 0)          /* from the same-size signed integer */

#define ARM_FP_FAST_HELPERS(X)                                                          \
    ARM_FP_FAST_SCALAR(X, s) ARM_FP_FAST_SCALAR(X, d)                                   \
    ARM_FP_FAST_VECTOR(X, s) ARM_FP_FAST_VECTOR(X, d)

ARM_FP_FAST_HELPERS(ARM_HELPER_PROTO)
ARM_FP_FAST_HELPERS(ARM_HELPER_GEN)

/*
 * The fast paths alone (false: not taken, use the library), with the same
 * mode check as the helpers, for tests/unit/test_fp_fast.c.  FPF_CMP gives
 * NZCV; FPF_CVTZS32/64 the integer (32-bit zero-extended); FPF_SCVTF
 * takes an int64_t in n.
 */
typedef enum FPFastOp {
    FPF_ADD, FPF_SUB, FPF_MUL, FPF_DIV, FPF_SQRT, FPF_MAX, FPF_MIN, FPF_CMP,
    FPF_CVTZS32, FPF_CVTZS64, FPF_SCVTF,
} FPFastOp;

bool fpfast_arith(ArmFPSize sz, FPFastOp op, uint64_t n, uint64_t m, uint32_t fpcr,
                  uint32_t *fpsr, uint64_t *res);
bool fpfast_madd(ArmFPSize sz, uint64_t addend, uint64_t n, uint64_t m, uint32_t fpcr,
                 uint32_t *fpsr, uint64_t *res);

/*
 * The guarded host-SSE forms of the direct helpers (tcg/vec.h IRHostFp):
 * FADD FSUB FMUL FDIV FSQRT, scalar (hostfp_fadd_d, ...) and vector
 * (hostfp_vfadd_s, ...).  The promise holds as the helpers take the fast
 * path of fpu-internal.h (or its equivalent) for such operands: FPCR has
 * no bit set that could change a finite normal result (RMode, FZ, FIZ, AH,
 * NEP, trap enables; only DN, AHP and FZ16 are allowed), FPSR.IXC is
 * already set, and a result that is normal and not near the smallest
 * normal cannot underflow, overflow or come from a NaN, infinity or
 * (flushed) denormal, so the helper would set no new flag.
 */
#define ARM_FP_HOSTFP(X, sfx)                                                          \
    X(fadd_##sfx, IR_HFP_ADD) X(fsub_##sfx, IR_HFP_SUB) X(fmul_##sfx, IR_HFP_MUL)      \
    X(fdiv_##sfx, IR_HFP_DIV) X(fsqrt_##sfx, IR_HFP_SQRT)                             \
    X(vfadd_##sfx, IR_HFP_ADD) X(vfsub_##sfx, IR_HFP_SUB) X(vfmul_##sfx, IR_HFP_MUL)  \
    X(vfdiv_##sfx, IR_HFP_DIV) X(vfsqrt_##sfx, IR_HFP_SQRT)
#define ARM_HOSTFP_DECL(hname, op) extern const IRHostFp hostfp_##hname;
ARM_FP_HOSTFP(ARM_HOSTFP_DECL, s)
ARM_FP_HOSTFP(ARM_HOSTFP_DECL, d)
#undef ARM_HOSTFP_DECL
/* Whether the translator may use them: the host MXCSR is at its default (fpu-internal.h). */
bool hostfp_usable(void);

/* The register argument of the vector direct helpers (q: 128-bit). */
static inline uint64_t vfast_regs(unsigned rd, unsigned rn, unsigned rm, bool q)
{
    return rd | rn << 5 | rm << 10 | (unsigned)q << 15;
}

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
