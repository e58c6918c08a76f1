/*
 * Helpers of the AdvSIMD (integer) and crypto translation: the part of
 * the vector ISA that tcg/vec.h's inline operations do not cover
 * (saturating, rounding, halving, widening/narrowing, pairwise and
 * across-lane ops, permutes, table lookups, AES/SHA/PMULL).
 *
 * The table ARM_SIMD_HELPERS has the format of helpers.h's ARM_HELPERS and
 * is expanded by the same generator macros (prototypes and gen_helper_*
 * here, records in helper-simd.c / helper-crypto.c).
 *
 * Vector operands are byte offsets into CPUARMState (so that a register
 * vregs[n] and a scratch vector vscratch[k] are passed the same way); the
 * operation and its shape travel in one 64-bit descriptor built by
 * simd_desc().  Every helper reads all of its sources before it writes the
 * destination (they may overlap) and zeroes the destination bytes beyond
 * the operation size, as an AdvSIMD register write does.  Saturating
 * operations set FPSR.QC.  None touches an IR global, so none has flags.
 */
#ifndef TARGET_ARM_HELPERS_SIMD_H
#define TARGET_ARM_HELPERS_SIMD_H

#include <stddef.h>
#include "target-arm/fpu.h"
#include "target-arm/helpers.h"

#define ARM_SIMD_HELPERS(X)                                                            \
    /* element-wise and pairwise ops of two vectors (+ the destination for the     \
     * accumulating ones): (env, desc, dofs, nofs, mofs) */                          \
    X(simd_3same,   void, 5, 0)                                                       \
    /* widening / narrowing ops of two vectors (three different): same args */      \
    X(simd_3diff,   void, 5, 0)                                                       \
    /* one-source ops (two-register misc, shift by immediate, across lanes):       \
     * (env, desc, dofs, nofs) */                                                     \
    X(simd_2op,     void, 4, 0)                                                       \
    /* ZIP/UZP/TRN/EXT: (env, desc, dofs, nofs, mofs) */                              \
    X(simd_perm,    void, 5, 0)                                                       \
    /* TBL/TBX: (env, desc, dofs, first table register number, index ofs) */        \
    X(simd_tbl,     void, 5, 0)                                                       \
    /* AESE/AESD/AESMC/AESIMC: (env, op, dofs, nofs) */                               \
    X(crypto_aes,   void, 4, 0)                                                       \
    /* SHA1C/P/M/SU0/H/SU1, SHA256H/H2/SU0/SU1, SHA512*: (env, op, dofs, nofs, mofs) */        \
    X(crypto_sha,   void, 5, 0)                                                       \
    /* PMULL/PMULL2 64x64 -> 128: (env, dofs, nofs, mofs, upper half) */             \
    X(crypto_pmull64, void, 5, 0)

ARM_SIMD_HELPERS(ARM_HELPER_PROTO)
ARM_SIMD_HELPERS(ARM_HELPER_GEN)

/* Operations of the descriptor (SIMD_<op>); the comment names the helper. */
enum {
    /* simd_3same: d[i] = f(n[i], m[i]) (d[i] also read by the accumulating ones) */
    SIMD_SQADD, SIMD_UQADD, SIMD_SQSUB, SIMD_UQSUB,
    SIMD_SHADD, SIMD_UHADD, SIMD_SRHADD, SIMD_URHADD, SIMD_SHSUB, SIMD_UHSUB,
    SIMD_SABD, SIMD_UABD, SIMD_SABA, SIMD_UABA,
    SIMD_SSHL, SIMD_USHL, SIMD_SRSHL, SIMD_URSHL,
    SIMD_SQSHL, SIMD_UQSHL, SIMD_SQRSHL, SIMD_UQRSHL,
    SIMD_SQDMULH, SIMD_SQRDMULH, SIMD_SQRDMLAH, SIMD_SQRDMLSH,
    SIMD_PMUL, SIMD_SUQADD, SIMD_USQADD,
    SIMD_ADDP, SIMD_SMAXP, SIMD_SMINP, SIMD_UMAXP, SIMD_UMINP,  /* pairwise over m:n */
    SIMD_SDOT, SIMD_UDOT,
    /* simd_3diff: long (d 2E <- n, m E), wide (d, n 2E <- m E), narrow high half */
    SIMD_SADDL, SIMD_UADDL, SIMD_SADDW, SIMD_UADDW, SIMD_SSUBL, SIMD_USUBL,
    SIMD_SSUBW, SIMD_USUBW, SIMD_ADDHN, SIMD_RADDHN, SIMD_SABAL, SIMD_UABAL,
    SIMD_SUBHN, SIMD_RSUBHN, SIMD_SABDL, SIMD_UABDL, SIMD_SMLAL, SIMD_UMLAL,
    SIMD_SQDMLAL, SIMD_SQDMLAL_U /* unused slot */, SIMD_SMLSL, SIMD_UMLSL,
    SIMD_SQDMLSL, SIMD_SQDMLSL_U, SIMD_SMULL, SIMD_UMULL, SIMD_SQDMULL, SIMD_SQDMULL_U,
    SIMD_PMULL,
    /* simd_2op, two-register misc */
    SIMD_REV64, SIMD_REV32, SIMD_REV16, SIMD_SADDLP, SIMD_UADDLP, SIMD_SADALP, SIMD_UADALP,
    SIMD_CLS, SIMD_CLZ, SIMD_CNT, SIMD_RBIT, SIMD_SQABS, SIMD_SQNEG,
    SIMD_XTN, SIMD_SQXTUN, SIMD_SQXTN, SIMD_UQXTN, SIMD_SHLL,
    /* simd_2op, shift by immediate (imm = shift amount) */
    SIMD_SRSHR, SIMD_URSHR, SIMD_SRSRA, SIMD_URSRA, SIMD_SRI, SIMD_SLI,
    SIMD_SQSHLU_I, SIMD_SQSHL_I, SIMD_UQSHL_I,
    SIMD_SHRN, SIMD_RSHRN, SIMD_SQSHRUN, SIMD_SQRSHRUN, SIMD_SQSHRN, SIMD_SQRSHRN,
    SIMD_UQSHRN, SIMD_UQRSHRN, SIMD_SSHLL, SIMD_USHLL,
    /* simd_2op, across lanes (result in element 0 of d) */
    SIMD_SADDLV, SIMD_UADDLV, SIMD_SMAXV, SIMD_UMAXV, SIMD_SMINV, SIMD_UMINV, SIMD_ADDV,
    /* simd_perm (imm: EXT's byte index) */
    SIMD_UZP1, SIMD_UZP2, SIMD_TRN1, SIMD_TRN2, SIMD_ZIP1, SIMD_ZIP2, SIMD_EXT,
    SIMD_NB_OPS
};

/*
 * Descriptor: op; size = log2 of the element bytes (of the narrow
 * operand for widening/narrowing ops); q = 128-bit operation (for the
 * long/narrow ops: the "2" form on the upper half); scalar = one element
 * only; imm = shift amount or byte index.
 */
static inline uint64_t simd_desc(unsigned op, unsigned size, bool q, bool scalar, unsigned imm)
{
    return (uint64_t)op | (uint64_t)size << 8 | (uint64_t)q << 10 | (uint64_t)scalar << 11 |
           (uint64_t)imm << 16;
}
#define SIMD_DESC_OP(d)     ((unsigned)((d) & 0xff))
#define SIMD_DESC_SIZE(d)   ((unsigned)(((d) >> 8) & 3))
#define SIMD_DESC_Q(d)      ((bool)(((d) >> 10) & 1))
#define SIMD_DESC_SCALAR(d) ((bool)(((d) >> 11) & 1))
#define SIMD_DESC_IMM(d)    ((unsigned)(((d) >> 16) & 0xff))

/* Crypto op numbers (crypto_aes, crypto_sha). */
enum { CRYPTO_AESE, CRYPTO_AESD, CRYPTO_AESMC, CRYPTO_AESIMC };
enum {
    CRYPTO_SHA1C, CRYPTO_SHA1P, CRYPTO_SHA1M, CRYPTO_SHA1SU0,
    CRYPTO_SHA256H, CRYPTO_SHA256H2, CRYPTO_SHA256SU1,
    CRYPTO_SHA1H, CRYPTO_SHA1SU1, CRYPTO_SHA256SU0,
    CRYPTO_SHA512H, CRYPTO_SHA512H2, CRYPTO_SHA512SU1, CRYPTO_SHA512SU0,
};

/* Env offset of V register n, and of scratch vector k. */
#define VREG_OFS(n)    ((uint32_t)offsetof(CPUARMState, vregs[(n)]))
#define VSCRATCH_OFS(k) ((uint32_t)offsetof(CPUARMState, vscratch[(k)]))

/* FPSR.QC: cumulative saturation (Arm ARM C5.2.8). */

#endif
