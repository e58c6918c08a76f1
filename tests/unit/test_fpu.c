/*
 * Unit tests of the Arm floating-point library (target-arm/fpu.h): special
 * values, NaN propagation, FPCR modes and FPSR flags checked by hand
 * against the Arm ARM pseudocode.  The random differential test against
 * the real instructions is tests/fpu-oracle.
 */
#include <stdio.h>
#include "runner.h"
#include "target-arm/fpu.h"
#include "target-arm/fpu-internal.h"

enum {
    RN = 0,
    RP = 1 << FPCR_RMODE_SHIFT,
    RMI = 2 << FPCR_RMODE_SHIFT,
    RZ = 3 << FPCR_RMODE_SHIFT,
    FZ = FPCR_FZ,
    DN = FPCR_DN,
    AHP = FPCR_AHP,
    FZ16 = FPCR_FZ16,
};
enum { IOC = FPSR_IOC, DZC = FPSR_DZC, OFC = FPSR_OFC, UFC = FPSR_UFC, IXC = FPSR_IXC, IDC = FPSR_IDC };

/* Double constants. */
#define D1 0x3ff0000000000000ull
#define DM1 0xbff0000000000000ull
#define D2 0x4000000000000000ull
#define DM2 0xc000000000000000ull
#define D3 0x4008000000000000ull
#define DM3 0xc008000000000000ull
#define DHALF 0x3fe0000000000000ull
#define DMHALF 0xbfe0000000000000ull
#define D1_5 0x3ff8000000000000ull
#define DM1_5 0xbff8000000000000ull
#define D2_5 0x4004000000000000ull
#define DM2_5 0xc004000000000000ull
#define DZ 0ull
#define DMZ 0x8000000000000000ull
#define DINF 0x7ff0000000000000ull
#define DMINF 0xfff0000000000000ull
#define DNAN 0x7ff8000000000000ull
#define DMAX 0x7fefffffffffffffull
#define DMIN 0x0010000000000000ull
/* Single constants. */
#define S1 0x3f800000u
#define SM1 0xbf800000u
#define S2 0x40000000u
#define S3 0x40400000u
#define S4 0x40800000u
#define S1_5 0x3fc00000u
#define SHALF 0x3f000000u
#define SINF 0x7f800000u
#define SMINF 0xff800000u
#define SNAN_ 0x7fc00000u
#define SMAX 0x7f7fffffu
#define SMMAX 0xff7fffffu
#define SMIN 0x00800000u
/* Half constants. */
#define H1 0x3c00u
#define H2 0x4000u
#define HINF 0x7c00u
#define HNAN 0x7e00u
#define HMAX 0x7bffu

typedef enum Op {
    ADD, SUB, MUL, MULX, DIV, SQRT, FMA, MAX, MIN, MAXNM, MINNM, RECPS, RSQRTS,
    RECPE, RSQRTE, RECPX,
} Op;

typedef struct Case {
    Op op;
    ArmFPSize sz;
    uint32_t fpcr;
    uint64_t a, b, c;
    uint64_t want;
    uint32_t want_fpsr;
} Case;

static uint64_t run(const Case *t, uint32_t *fl)
{
    switch (t->op) {
    case ADD: return fp_add(t->sz, t->a, t->b, t->fpcr, fl);
    case SUB: return fp_sub(t->sz, t->a, t->b, t->fpcr, fl);
    case MUL: return fp_mul(t->sz, t->a, t->b, t->fpcr, fl);
    case MULX: return fp_mulx(t->sz, t->a, t->b, t->fpcr, fl);
    case DIV: return fp_div(t->sz, t->a, t->b, t->fpcr, fl);
    case SQRT: return fp_sqrt(t->sz, t->a, t->fpcr, fl);
    case FMA: return fp_muladd(t->sz, t->c, t->a, t->b, t->fpcr, fl);
    case MAX: return fp_max(t->sz, t->a, t->b, t->fpcr, fl);
    case MIN: return fp_min(t->sz, t->a, t->b, t->fpcr, fl);
    case MAXNM: return fp_maxnum(t->sz, t->a, t->b, t->fpcr, fl);
    case MINNM: return fp_minnum(t->sz, t->a, t->b, t->fpcr, fl);
    case RECPS: return fp_recip_step(t->sz, t->a, t->b, t->fpcr, fl);
    case RSQRTS: return fp_rsqrt_step(t->sz, t->a, t->b, t->fpcr, fl);
    case RECPE: return fp_recip_estimate(t->sz, t->a, t->fpcr, fl);
    case RSQRTE: return fp_rsqrt_estimate(t->sz, t->a, t->fpcr, fl);
    case RECPX: return fp_recpx(t->sz, t->a, t->fpcr, fl);
    }
    return 0;
}

static void run_cases(const Case *cases, size_t n, const char *what)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t fl = 0;
        uint64_t r = run(&cases[i], &fl);
        CU_ASSERT_EQUAL(r, cases[i].want);
        CU_ASSERT_EQUAL(fl, cases[i].want_fpsr);
        if (r != cases[i].want || fl != cases[i].want_fpsr) {
            printf("\n%s case %zu: got %llx fpsr %x, want %llx fpsr %x\n", what, i,
                   (unsigned long long)r, fl, (unsigned long long)cases[i].want,
                   cases[i].want_fpsr);
        }
    }
}

#define RUN(cases) run_cases(cases, sizeof(cases) / sizeof(cases[0]), #cases)

/* x + -x is +0 in every mode except round to minus infinity. */
static const Case zero_sums[] = {
    { ADD, FP64, RN, DZ, DMZ, 0, DZ, 0 },
    { ADD, FP64, RP, DZ, DMZ, 0, DZ, 0 },
    { ADD, FP64, RZ, DZ, DMZ, 0, DZ, 0 },
    { ADD, FP64, RMI, DZ, DMZ, 0, DMZ, 0 },
    { ADD, FP64, RN, DMZ, DMZ, 0, DMZ, 0 },
    { ADD, FP64, RP, DMZ, DMZ, 0, DMZ, 0 },
    { ADD, FP64, RN, DZ, DZ, 0, DZ, 0 },
    { ADD, FP64, RMI, DZ, DZ, 0, DZ, 0 },
    { ADD, FP64, RN, D1, DM1, 0, DZ, 0 },
    { ADD, FP64, RP, D1, DM1, 0, DZ, 0 },
    { ADD, FP64, RZ, D1, DM1, 0, DZ, 0 },
    { ADD, FP64, RMI, D1, DM1, 0, DMZ, 0 },
    { SUB, FP64, RN, D1, D1, 0, DZ, 0 },
    { SUB, FP64, RMI, D1, D1, 0, DMZ, 0 },
    { SUB, FP64, RN, DZ, DZ, 0, DZ, 0 },
    { SUB, FP64, RMI, DZ, DZ, 0, DMZ, 0 },
    { SUB, FP64, RN, DMZ, DZ, 0, DMZ, 0 },
    { SUB, FP64, RN, DZ, DMZ, 0, DZ, 0 },
    { ADD, FP32, RMI, S1, SM1, 0, 0x80000000u, 0 },
    { ADD, FP32, RN, S1, SM1, 0, 0, 0 },
    { ADD, FP16, RMI, H1, 0xbc00, 0, 0x8000, 0 },
    { ADD, FP16, RP, H1, 0xbc00, 0, 0, 0 },
    { ADD, FP64, RN, D1, D2, 0, D3, 0 },
    { SUB, FP32, RN, S3, S1, 0, S2, 0 },
};

static const Case inf_arith[] = {
    { ADD, FP64, RN, DINF, DMINF, 0, DNAN, IOC },
    { SUB, FP64, RN, DINF, DINF, 0, DNAN, IOC },
    { ADD, FP64, RN, DINF, D1, 0, DINF, 0 },
    { ADD, FP64, RN, DMINF, D3, 0, DMINF, 0 },
    { ADD, FP64, RN, DINF, DINF, 0, DINF, 0 },
    { SUB, FP64, RN, DINF, DMINF, 0, DINF, 0 },
    { SUB, FP64, RN, D1, DINF, 0, DMINF, 0 },
    { ADD, FP32, RN, SINF, SMINF, 0, SNAN_, IOC },
    { ADD, FP16, RN, HINF, 0xfc00, 0, HNAN, IOC },
    { MUL, FP64, RN, DZ, DINF, 0, DNAN, IOC },
    { MUL, FP64, RN, DMINF, DZ, 0, DNAN, IOC },
    { MUL, FP64, RN, DMZ, D3, 0, DMZ, 0 },
    { MUL, FP64, RN, DINF, DM2, 0, DMINF, 0 },
    { MUL, FP32, RN, SINF, 0, 0, SNAN_, IOC },
    { MUL, FP16, RN, 0x8000, HINF, 0, HNAN, IOC },
    { MULX, FP64, RN, DZ, DINF, 0, D2, 0 },
    { MULX, FP64, RN, DMZ, DINF, 0, DM2, 0 },
    { MULX, FP32, RN, SMINF, 0, 0, 0xc0000000u, 0 },
    { MULX, FP16, RN, HINF, 0, 0, H2, 0 },
    { MULX, FP64, RN, D2, D3, 0, 0x4018000000000000ull, 0 },
    { DIV, FP64, RN, D1, DZ, 0, DINF, DZC },
    { DIV, FP64, RN, DM1, DZ, 0, DMINF, DZC },
    { DIV, FP64, RN, D1, DMZ, 0, DMINF, DZC },
    { DIV, FP64, RN, DZ, DZ, 0, DNAN, IOC },
    { DIV, FP64, RN, DINF, DMINF, 0, DNAN, IOC },
    { DIV, FP64, RN, DINF, DZ, 0, DINF, 0 },
    { DIV, FP64, RN, DZ, D3, 0, DZ, 0 },
    { DIV, FP64, RN, DM3, DINF, 0, DMZ, 0 },
    { DIV, FP64, RN, D1, D3, 0, 0x3fd5555555555555ull, IXC },
    { DIV, FP64, RP, D1, D3, 0, 0x3fd5555555555556ull, IXC },
    { DIV, FP32, RN, S1, S3, 0, 0x3eaaaaabu, IXC },
    { DIV, FP32, RZ, S1, S3, 0, 0x3eaaaaaau, IXC },
    { DIV, FP32, RN, 0x40c00000u, S3, 0, S2, 0 },
    { DIV, FP16, RN, H1, 0x4200, 0, 0x3555, IXC },
    { DIV, FP16, RN, H1, 0, 0, HINF, DZC },
    { SQRT, FP64, RN, DM1, 0, 0, DNAN, IOC },
    { SQRT, FP64, RN, DMZ, 0, 0, DMZ, 0 },
    { SQRT, FP64, RN, DINF, 0, 0, DINF, 0 },
    { SQRT, FP64, RN, DMINF, 0, 0, DNAN, IOC },
    { SQRT, FP64, RN, 0x4010000000000000ull, 0, 0, D2, 0 },
    { SQRT, FP64, RN, D2, 0, 0, 0x3ff6a09e667f3bcdull, IXC },
    { SQRT, FP64, RMI, D2, 0, 0, 0x3ff6a09e667f3bccull, IXC },
    { SQRT, FP32, RN, S2, 0, 0, 0x3fb504f3u, IXC },
    { SQRT, FP32, RN, 0x41100000u, 0, 0, S3, 0 },
    { SQRT, FP16, RN, H2, 0, 0, 0x3da8, IXC },
    { SQRT, FP16, RN, 0x8001, 0, 0, HNAN, IOC },
    { SQRT, FP64, RN, 0x7ff0000000000001ull, 0, 0, 0x7ff8000000000001ull, IOC },
    { SQRT, FP64, RN, 0xfff8000000000005ull, 0, 0, 0xfff8000000000005ull, 0 },
    /* sqrt of the smallest denormal 2^-1074 is 2^-537 */
    { SQRT, FP64, RN, 1, 0, 0, 0x1e60000000000000ull, 0 },
};

/* First signalling NaN in operand order, else first quiet NaN; quietened; DN. */
static const Case nans[] = {
    { ADD, FP64, RN, 0x7ff8000000000001ull, 0x7ff0000000000002ull, 0, 0x7ff8000000000002ull, IOC },
    { ADD, FP64, RN, 0x7ff0000000000001ull, 0x7ff0000000000002ull, 0, 0x7ff8000000000001ull, IOC },
    { ADD, FP64, RN, 0x7ff8000000000001ull, 0x7ff8000000000002ull, 0, 0x7ff8000000000001ull, 0 },
    { ADD, FP64, RN, D1, 0x7ff8000000000002ull, 0, 0x7ff8000000000002ull, 0 },
    { ADD, FP64, RN, 0xfff8000000000005ull, D1, 0, 0xfff8000000000005ull, 0 },
    { SUB, FP64, RN, D1, 0xfff8000000000003ull, 0, 0xfff8000000000003ull, 0 },
    { ADD, FP64, DN, 0x7ff8000000000001ull, D1, 0, DNAN, 0 },
    { ADD, FP64, DN, 0xfff0000000000001ull, D1, 0, DNAN, IOC },
    { MUL, FP64, RN, DINF, 0x7ff4000000000000ull, 0, 0x7ffc000000000000ull, IOC },
    { DIV, FP64, RN, DZ, 0x7ff8000000000009ull, 0, 0x7ff8000000000009ull, 0 },
    { ADD, FP32, RN, 0x7fc00001u, 0x7f800002u, 0, 0x7fc00002u, IOC },
    { ADD, FP32, RN, 0xffc00001u, 0x7fc00002u, 0, 0xffc00001u, 0 },
    { MUL, FP32, DN, 0x7f800002u, S1, 0, SNAN_, IOC },
    { ADD, FP16, RN, 0x7e01, 0x7c02, 0, 0x7e02, IOC },
    { ADD, FP16, RN, 0x7e01, 0x7e02, 0, 0x7e01, 0 },
    { ADD, FP16, DN, 0x7e01, H1, 0, HNAN, 0 },
    { ADD, FP16, DN, 0xfd01, H1, 0, HNAN, IOC },
    /* FMA: addend first, then the multiplicands. */
    { FMA, FP64, RN, 0x7ff0000000000002ull, 0x7ff8000000000003ull, 0x7ff8000000000001ull,
      0x7ff8000000000002ull, IOC },
    { FMA, FP64, RN, 0x7ff8000000000002ull, 0x7ff8000000000003ull, 0x7ff8000000000001ull,
      0x7ff8000000000001ull, 0 },
    { FMA, FP64, RN, 0x7ff8000000000002ull, 0x7ff0000000000003ull, D1,
      0x7ff8000000000003ull, IOC },
    { FMA, FP64, RN, D1, D2, 0x7ff0000000000001ull, 0x7ff8000000000001ull, IOC },
    /* A quiet NaN addend with 0 * inf is still invalid: default NaN. */
    { FMA, FP64, RN, DZ, DINF, 0x7ff8000000000001ull, DNAN, IOC },
    { FMA, FP64, RN, DINF, DZ, 0x7ff8000000000001ull, DNAN, IOC },
    { FMA, FP64, RN, DZ, DINF, 0x7ff0000000000001ull, 0x7ff8000000000001ull, IOC },
    { FMA, FP32, RN, SINF, 0, 0x7fc00005u, SNAN_, IOC },
    { FMA, FP16, RN, 0x7e07, H1, H1, 0x7e07, 0 },
    /* FRECPS/FRSQRTS negate operand 1 first, NaN included. */
    { RECPS, FP32, RN, 0x7fc00001u, S1, 0, 0xffc00001u, 0 },
    { RECPS, FP32, RN, S1, 0x7fc00001u, 0, 0x7fc00001u, 0 },
    { RSQRTS, FP64, RN, 0x7ff0000000000001ull, D1, 0, 0xfff8000000000001ull, IOC },
    { RECPE, FP32, RN, 0x7f800001u, 0, 0, 0x7fc00001u, IOC },
    { RSQRTE, FP16, DN, 0x7e01, 0, 0, HNAN, 0 },
    { RECPX, FP64, RN, 0xfff8000000000001ull, 0, 0, 0xfff8000000000001ull, 0 },
};

/* Flush to zero: inputs (IDC; not for half precision) and tiny results (UFC). */
static const Case flush[] = {
    { ADD, FP32, FZ, 1, 0, 0, 0, IDC },
    { ADD, FP32, RN, 1, 0, 0, 1, 0 },
    { MUL, FP64, FZ, 1, D1, 0, 0, IDC },
    { MUL, FP64, FZ, 0x800fffffffffffffull, D1, 0, DMZ, IDC },
    { MUL, FP32, FZ, SMIN, SHALF, 0, 0, UFC },
    { MUL, FP32, RN, SMIN, SHALF, 0, 0x00400000u, 0 },          /* exact tiny: no UFC */
    { MUL, FP32, RN, SMIN, 0x3f400000u, 0, 0x00600000u, 0 },
    { MUL, FP32, RN, 0x00800001u, SHALF, 0, 0x00400000u, UFC | IXC },
    /* Tiny before rounding although it rounds to the smallest normal. */
    { MUL, FP32, RN, 0x3f7fffffu, SMIN, 0, SMIN, UFC | IXC },
    { MUL, FP32, FZ, 0x3f7fffffu, SMIN, 0, 0, UFC },
    { MUL, FP32, FZ | RMI, 0xbf7fffffu, SMIN, 0, 0x80000000u, UFC },
    { MUL, FP64, FZ, DMIN, DHALF, 0, 0, UFC },
    { MUL, FP64, RN, DMIN, 0x3fc0000000000000ull, 0, 0x0002000000000000ull, 0 },
    { MUL, FP64, RN, 1, DHALF, 0, 0, UFC | IXC },
    { MUL, FP64, RP, 1, DHALF, 0, 1, UFC | IXC },
    { MUL, FP64, RMI, 0x8000000000000001ull, DHALF, 0, 0x8000000000000001ull, UFC | IXC },
    { MUL, FP64, RZ, 3, DHALF, 0, 1, UFC | IXC },
    { MUL, FP64, RN, 3, DHALF, 0, 2, UFC | IXC },
    /* FZ16 flushes half precision without IDC; FZ alone does not touch half. */
    { ADD, FP16, FZ16, 1, 0, 0, 0, 0 },
    { ADD, FP16, FZ, 1, 0, 0, 1, 0 },
    { MUL, FP16, FZ16, 0x0400, 0x3800, 0, 0, UFC },
    { MUL, FP16, FZ, 0x0400, 0x3800, 0, 0x0200, 0 },
    { MUL, FP16, RN, 0x0401, 0x3800, 0, 0x0200, UFC | IXC },
    { MAX, FP32, FZ, 1, 0, 0, 0, IDC },
    { MAX, FP32, FZ, 0x80000001u, 0x80000000u, 0, 0x80000000u, IDC },
    { MIN, FP32, RN, 1, 0, 0, 0, 0 },
    { SQRT, FP32, FZ, 0x80000001u, 0, 0, 0x80000000u, IDC },
    { RECPE, FP32, FZ, 1, 0, 0, SINF, IDC | DZC },
};

/* Overflow goes to infinity or the largest normal depending on the rounding mode. */
static const Case overflow[] = {
    { MUL, FP32, RN, SMAX, S2, 0, SINF, OFC | IXC },
    { MUL, FP32, RZ, SMAX, S2, 0, SMAX, OFC | IXC },
    { MUL, FP32, RP, SMAX, S2, 0, SINF, OFC | IXC },
    { MUL, FP32, RMI, SMAX, S2, 0, SMAX, OFC | IXC },
    { MUL, FP32, RN, SMMAX, S2, 0, SMINF, OFC | IXC },
    { MUL, FP32, RP, SMMAX, S2, 0, SMMAX, OFC | IXC },
    { MUL, FP32, RMI, SMMAX, S2, 0, SMINF, OFC | IXC },
    { MUL, FP32, RZ, SMMAX, S2, 0, SMMAX, OFC | IXC },
    { ADD, FP64, RN, DMAX, DMAX, 0, DINF, OFC | IXC },
    { ADD, FP64, RZ, DMAX, DMAX, 0, DMAX, OFC | IXC },
    { ADD, FP16, RN, HMAX, 0x4c00, 0, HINF, OFC | IXC },       /* 65504 + 16: tie, odd -> up */
    { ADD, FP16, RN, HMAX, 0x4b80, 0, HMAX, IXC },             /* 65504 + 15 */
    { ADD, FP16, RZ, HMAX, HMAX, 0, HMAX, OFC | IXC },
    { DIV, FP64, RN, DMAX, DHALF, 0, DINF, OFC | IXC },
    { FMA, FP64, RN, DMAX, D2, D1, DINF, OFC | IXC },
    { FMA, FP64, RMI, DMAX, D2, D1, DMAX, OFC | IXC },
};

/* FMA: one rounding, exact cancellation gives +0 (or -0 rounding to minus infinity). */
static const Case fused[] = {
    { FMA, FP64, RN, D1, D1, DM1, DZ, 0 },
    { FMA, FP64, RMI, D1, D1, DM1, DMZ, 0 },
    { FMA, FP64, RP, D1, D1, DM1, DZ, 0 },
    { FMA, FP64, RN, DZ, D3, DMZ, DZ, 0 },
    { FMA, FP64, RMI, DZ, D3, DMZ, DMZ, 0 },
    { FMA, FP64, RN, DMZ, D3, DMZ, DMZ, 0 },
    { FMA, FP64, RN, DZ, D3, DZ, DZ, 0 },
    /* (1 + 2^-12)^2 - 1 = 2^-11 + 2^-24 exactly; unfused would give 2^-11 */
    { FMA, FP32, RN, 0x3f800800u, 0x3f800800u, SM1, 0x3a000400u, 0 },
    /* (1 + 2^-52)^2 - 1 = 2^-51 + 2^-104: a tie, to even */
    { FMA, FP64, RN, 0x3ff0000000000001ull, 0x3ff0000000000001ull, DM1, 0x3cc0000000000000ull, IXC },
    /* (1 + 2^-26)^2 - 1 = 2^-25 + 2^-52 exactly */
    { FMA, FP64, RN, 0x3ff0000004000000ull, 0x3ff0000004000000ull, DM1, 0x3e60000002000000ull, 0 },
    { FMA, FP64, RN, DINF, DZ, D1, DNAN, IOC },
    { FMA, FP64, RN, DINF, D1, DMINF, DNAN, IOC },
    { FMA, FP64, RN, DINF, D1, DINF, DINF, 0 },
    { FMA, FP64, RN, D1, D1, DMINF, DMINF, 0 },
    { FMA, FP64, RN, D2, D3, D1, 0x401c000000000000ull, 0 },
    /* a tiny addend only makes the result inexact */
    { FMA, FP64, RN, D1, D1, 1, D1, IXC },
    { FMA, FP64, RP, D1, D1, 1, 0x3ff0000000000001ull, IXC },
    { FMA, FP64, RMI, D1, D1, 0x8000000000000001ull, 0x3fefffffffffffffull, IXC },
    { FMA, FP16, RN, H2, H2, 0xc400, 0, 0 },
    { FMA, FP16, RMI, H2, H2, 0xc400, 0x8000, 0 },
    { RECPS, FP32, RN, S1_5, S2, 0, SM1, 0 },
    { RECPS, FP32, RN, SINF, 0, 0, S2, 0 },
    { RECPS, FP32, RN, 0, SMINF, 0, S2, 0 },
    { RECPS, FP32, RN, SINF, S2, 0, SMINF, 0 },
    { RECPS, FP64, RMI, D1, D2, 0, DMZ, 0 },
    { RECPS, FP64, RN, D1, D2, 0, DZ, 0 },
    { RSQRTS, FP32, RN, S1, S1, 0, S1, 0 },
    { RSQRTS, FP32, RN, S2, S2, 0, 0xbf000000u, 0 },
    { RSQRTS, FP32, RN, SINF, 0x80000000u, 0, S1_5, 0 },
    { RSQRTS, FP16, RN, H1, 0x4200, 0, 0, 0 },
    { RSQRTS, FP16, RMI, H1, 0x4200, 0, 0x8000, 0 },
};

static const Case minmax[] = {
    { MAX, FP64, RN, DZ, DMZ, 0, DZ, 0 },
    { MAX, FP64, RN, DMZ, DZ, 0, DZ, 0 },
    { MIN, FP64, RN, DZ, DMZ, 0, DMZ, 0 },
    { MIN, FP64, RN, DMZ, DZ, 0, DMZ, 0 },
    { MAX, FP64, RN, DMZ, DMZ, 0, DMZ, 0 },
    { MAX, FP64, RN, DMINF, DM1, 0, DM1, 0 },
    { MIN, FP64, RN, DINF, D3, 0, D3, 0 },
    { MAX, FP64, RN, D1, D2, 0, D2, 0 },
    { MIN, FP64, RN, DM1, DM2, 0, DM2, 0 },
    { MAX, FP64, RN, D1, 0x7ff8000000000001ull, 0, 0x7ff8000000000001ull, 0 },
    { MIN, FP64, RN, 0x7ff0000000000001ull, D1, 0, 0x7ff8000000000001ull, IOC },
    { MAXNM, FP64, RN, D1, 0x7ff8000000000001ull, 0, D1, 0 },
    { MAXNM, FP64, RN, 0x7ff8000000000001ull, D1, 0, D1, 0 },
    { MINNM, FP64, RN, 0x7ff8000000000001ull, DMINF, 0, DMINF, 0 },
    { MAXNM, FP64, RN, 0xfff8000000000001ull, DMINF, 0, DMINF, 0 },
    { MINNM, FP64, RN, DINF, 0x7ff8000000000001ull, 0, DINF, 0 },
    { MAXNM, FP64, RN, 0x7ff8000000000001ull, 0x7ff8000000000002ull, 0, 0x7ff8000000000001ull, 0 },
    { MAXNM, FP64, RN, 0x7ff0000000000001ull, D1, 0, 0x7ff8000000000001ull, IOC },
    { MAXNM, FP64, RN, 0x7ff8000000000001ull, 0x7ff0000000000002ull, 0, 0x7ff8000000000002ull, IOC },
    { MAXNM, FP64, DN, 0x7ff8000000000001ull, 0x7ff8000000000002ull, 0, DNAN, 0 },
    { MINNM, FP32, RN, 0x7fc00001u, SM1, 0, SM1, 0 },
    { MAXNM, FP16, RN, 0x7e01, 0xbc00, 0, 0xbc00, 0 },
    { MAXNM, FP32, RN, 0, 0x80000000u, 0, 0, 0 },
    { MINNM, FP32, RN, 0, 0x80000000u, 0, 0x80000000u, 0 },
};

/* FRECPE, FRSQRTE and FRECPX against the pseudocode's tables, worked by hand. */
static const Case estimates[] = {
    { RECPE, FP32, RN, S1, 0, 0, 0x3f7f8000u, 0 },     /* RecipEstimate(256) = 511 */
    { RECPE, FP32, RN, S2, 0, 0, 0x3eff8000u, 0 },
    { RECPE, FP32, RN, S3, 0, 0, 0x3eaa8000u, 0 },     /* RecipEstimate(384) = 341 */
    { RECPE, FP32, RN, 0xc0400000u, 0, 0, 0xbeaa8000u, 0 },
    { RECPE, FP64, RN, D1, 0, 0, 0x3feff00000000000ull, 0 },
    { RECPE, FP16, RN, H1, 0, 0, 0x3bfc, 0 },
    { RECPE, FP32, RN, 0, 0, 0, SINF, DZC },
    { RECPE, FP32, RN, 0x80000000u, 0, 0, SMINF, DZC },
    { RECPE, FP32, RN, SINF, 0, 0, 0, 0 },
    { RECPE, FP32, RN, SMINF, 0, 0, 0x80000000u, 0 },
    { RECPE, FP32, RN, 1, 0, 0, SINF, OFC | IXC },
    { RECPE, FP32, RZ, 1, 0, 0, SMAX, OFC | IXC },
    { RECPE, FP32, RP, 0x80000001u, 0, 0, SMMAX, OFC | IXC },
    { RECPE, FP32, RMI, 0x80000001u, 0, 0, SMINF, OFC | IXC },
    /* 2^-127 (a denormal, not tiny enough to overflow): estimate 2^126 * 0.998 */
    { RECPE, FP32, RN, 0x00400000u, 0, 0, 0x7eff8000u, 0 },
    /* 2^126: the estimate is denormal, flushed to zero by FZ */
    { RECPE, FP32, RN, 0x7e800000u, 0, 0, 0x007fc000u, 0 },
    { RECPE, FP32, FZ, 0x7e800000u, 0, 0, 0, UFC },
    { RECPE, FP32, RN, 0x7f000000u, 0, 0, 0x003fe000u, 0 },
    { RSQRTE, FP32, RN, S1, 0, 0, 0x3f7f8000u, 0 },    /* RecipSqrtEstimate(128) = 511 */
    { RSQRTE, FP32, RN, S4, 0, 0, 0x3eff8000u, 0 },
    { RSQRTE, FP32, RN, S2, 0, 0, 0x3f348000u, 0 },    /* RecipSqrtEstimate(256) = 361 */
    { RSQRTE, FP64, RN, D1, 0, 0, 0x3feff00000000000ull, 0 },
    { RSQRTE, FP16, RN, H1, 0, 0, 0x3bfc, 0 },
    { RSQRTE, FP32, RN, SM1, 0, 0, SNAN_, IOC },
    { RSQRTE, FP32, RN, 0, 0, 0, SINF, DZC },
    { RSQRTE, FP32, RN, 0x80000000u, 0, 0, SMINF, DZC },
    { RSQRTE, FP32, RN, SINF, 0, 0, 0, 0 },
    { RSQRTE, FP32, RN, 0x80000001u, 0, 0, SNAN_, IOC },
    { RECPX, FP32, RN, S1, 0, 0, S2, 0 },
    { RECPX, FP32, RN, 0, 0, 0, 0x7f000000u, 0 },
    { RECPX, FP32, RN, 0x80000001u, 0, 0, 0xff000000u, 0 },
    { RECPX, FP32, RN, SMINF, 0, 0, 0x80000000u, 0 },
    { RECPX, FP16, RN, 0x3e00, 0, 0, H2, 0 },
    { RECPX, FP64, RN, DM3, 0, 0, 0xbff0000000000000ull | (0x3ffull << 52), 0 },
    { RECPX, FP32, FZ, 1, 0, 0, 0x7f000000u, IDC },
};

static void test_zero_sums(void) { RUN(zero_sums); }
static void test_inf_arith(void) { RUN(inf_arith); }
static void test_nans(void) { RUN(nans); }
static void test_flush(void) { RUN(flush); }
static void test_overflow(void) { RUN(overflow); }
static void test_fma(void) { RUN(fused); }
static void test_minmax(void) { RUN(minmax); }
static void test_estimates(void) { RUN(estimates); }

static void test_unsigned_estimates(void)
{
    CU_ASSERT_EQUAL(fp_urecip_estimate(0x80000000u), 0xff800000u);
    CU_ASSERT_EQUAL(fp_urecip_estimate(0x7fffffffu), 0xffffffffu);
    CU_ASSERT_EQUAL(fp_urecip_estimate(0xc0000000u), 0xaa800000u);   /* 341 << 23 */
    CU_ASSERT_EQUAL(fp_ursqrt_estimate(0x40000000u), 0xff800000u);
    CU_ASSERT_EQUAL(fp_ursqrt_estimate(0x3fffffffu), 0xffffffffu);
    CU_ASSERT_EQUAL(fp_ursqrt_estimate(0x80000000u), 0xb4800000u);   /* 361 << 23 */
}

static void test_compare(void)
{
    uint32_t fl = 0;
    CU_ASSERT_EQUAL(fp_compare(FP64, D1, D2, false, 0, &fl), 0x8);
    CU_ASSERT_EQUAL(fp_compare(FP64, D2, D1, false, 0, &fl), 0x2);
    CU_ASSERT_EQUAL(fp_compare(FP64, D1, D1, false, 0, &fl), 0x6);
    CU_ASSERT_EQUAL(fp_compare(FP64, DZ, DMZ, false, 0, &fl), 0x6);
    CU_ASSERT_EQUAL(fp_compare(FP64, DMINF, DINF, false, 0, &fl), 0x8);
    CU_ASSERT_EQUAL(fp_compare(FP64, DM2, DM1, false, 0, &fl), 0x8);
    CU_ASSERT_EQUAL(fp_compare(FP32, SMINF, SMMAX, false, 0, &fl), 0x8);
    CU_ASSERT_EQUAL(fp_compare(FP16, 0xbc00, 0x8001, false, 0, &fl), 0x8);
    CU_ASSERT_EQUAL(fl, 0);
    CU_ASSERT_EQUAL(fp_compare(FP64, DNAN, D1, false, 0, &fl), 0x3);
    CU_ASSERT_EQUAL(fl, 0);
    CU_ASSERT_EQUAL(fp_compare(FP64, DNAN, D1, true, 0, &fl), 0x3);
    CU_ASSERT_EQUAL(fl, IOC);
    fl = 0;
    CU_ASSERT_EQUAL(fp_compare(FP32, S1, 0x7f800001u, false, 0, &fl), 0x3);
    CU_ASSERT_EQUAL(fl, IOC);
    fl = 0;
    /* FZ: a denormal compares equal to zero, with IDC */
    CU_ASSERT_EQUAL(fp_compare(FP32, 1, 0x80000000u, false, FZ, &fl), 0x6);
    CU_ASSERT_EQUAL(fl, IDC);
    fl = 0;
    CU_ASSERT_EQUAL(fp_compare(FP32, 1, 0x80000000u, false, 0, &fl), 0x2);
    CU_ASSERT_FALSE(fp_compare_eq(FP64, DNAN, DNAN, 0, &fl));
    CU_ASSERT_EQUAL(fl, 0);
    CU_ASSERT_FALSE(fp_compare_eq(FP64, 0x7ff0000000000001ull, D1, 0, &fl));
    CU_ASSERT_EQUAL(fl, IOC);
    fl = 0;
    CU_ASSERT_FALSE(fp_compare_ge(FP64, DNAN, D1, 0, &fl));
    CU_ASSERT_EQUAL(fl, IOC);
    fl = 0;
    CU_ASSERT_FALSE(fp_compare_gt(FP16, D1, 0x7e00, 0, &fl));
    CU_ASSERT_EQUAL(fl, IOC);
    fl = 0;
    CU_ASSERT_TRUE(fp_compare_eq(FP64, DZ, DMZ, 0, &fl));
    CU_ASSERT_TRUE(fp_compare_ge(FP64, DZ, DMZ, 0, &fl));
    CU_ASSERT_FALSE(fp_compare_gt(FP64, DZ, DMZ, 0, &fl));
    CU_ASSERT_TRUE(fp_compare_ge(FP64, D1, D1, 0, &fl));
    CU_ASSERT_FALSE(fp_compare_gt(FP64, D1, D1, 0, &fl));
    CU_ASSERT_TRUE(fp_compare_gt(FP32, S1, SM1, 0, &fl));
    CU_ASSERT_FALSE(fp_compare_ge(FP32, SM1, S1, 0, &fl));
    CU_ASSERT_TRUE(fp_compare_gt(FP32, SINF, SMAX, 0, &fl));
    CU_ASSERT_EQUAL(fl, 0);
}

typedef struct RintCase {
    uint64_t in;
    uint64_t want[5];    /* TIEEVEN, POSINF, NEGINF, ZERO, TIEAWAY */
} RintCase;

static void test_round_int(void)
{
    static const RintCase cases[] = {
        { DHALF, { DZ, D1, DZ, DZ, D1 } },
        { D1_5, { D2, D2, D1, D1, D2 } },
        { D2_5, { D2, D3, D2, D2, D3 } },
        { DMHALF, { DMZ, DMZ, DM1, DMZ, DM1 } },
        { DM1_5, { DM2, DM1, DM2, DM1, DM2 } },
        { DM2_5, { DM2, DM2, DM3, DM2, DM3 } },
        { D3, { D3, D3, D3, D3, D3 } },
        { 0x3fe8000000000000ull, { D1, D1, DZ, DZ, D1 } },           /* 0.75 */
        { 0x3fd0000000000000ull, { DZ, D1, DZ, DZ, DZ } },           /* 0.25 */
        { 1, { DZ, D1, DZ, DZ, DZ } },                                /* denormal */
        { 0x8000000000000001ull, { DMZ, DMZ, DM1, DMZ, DMZ } },
        { 0x4330000000000001ull, { 0x4330000000000001ull, 0x4330000000000001ull,
                                   0x4330000000000001ull, 0x4330000000000001ull,
                                   0x4330000000000001ull } },         /* 2^52 + 1 */
        { 0x432fffffffffffffull, { 0x4330000000000000ull, 0x4330000000000000ull,
                                   0x432ffffffffffffeull, 0x432ffffffffffffeull,
                                   0x4330000000000000ull } },         /* 2^52 - 0.5 */
        { DINF, { DINF, DINF, DINF, DINF, DINF } },
        { DMZ, { DMZ, DMZ, DMZ, DMZ, DMZ } },
    };
    static const ArmRounding modes[5] = { FPROUND_TIEEVEN, FPROUND_POSINF, FPROUND_NEGINF,
                                          FPROUND_ZERO, FPROUND_TIEAWAY };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        for (int m = 0; m < 5; m++) {
            uint32_t fl = 0;
            uint64_t r = fp_round_int(FP64, cases[i].in, modes[m], false, 0, &fl);
            CU_ASSERT_EQUAL(r, cases[i].want[m]);
            CU_ASSERT_EQUAL(fl, 0);
            if (r != cases[i].want[m]) {
                printf("\nround_int case %zu mode %d: got %llx\n", i, m, (unsigned long long)r);
            }
        }
    }
    uint32_t fl = 0;
    CU_ASSERT_EQUAL(fp_round_int(FP64, D2_5, FPROUND_TIEEVEN, true, 0, &fl), D2);
    CU_ASSERT_EQUAL(fl, IXC);
    fl = 0;
    CU_ASSERT_EQUAL(fp_round_int(FP64, D2, FPROUND_TIEEVEN, true, 0, &fl), D2);
    CU_ASSERT_EQUAL(fl, 0);
    CU_ASSERT_EQUAL(fp_round_int(FP32, 0x3fc00000u, FPROUND_TIEAWAY, false, 0, &fl), S2);
    CU_ASSERT_EQUAL(fp_round_int(FP16, 0x3e00, FPROUND_NEGINF, true, 0, &fl), H1);
    CU_ASSERT_EQUAL(fl, IXC);
    fl = 0;
    CU_ASSERT_EQUAL(fp_round_int(FP32, 1, FPROUND_POSINF, false, FZ, &fl), 0);
    CU_ASSERT_EQUAL(fl, IDC);
    fl = 0;
    CU_ASSERT_EQUAL(fp_round_int(FP32, 0x7f800001u, FPROUND_ZERO, false, 0, &fl), 0x7fc00001u);
    CU_ASSERT_EQUAL(fl, IOC);
    fl = 0;
    CU_ASSERT_EQUAL(fp_round_int(FP16, HMAX, FPROUND_POSINF, true, 0, &fl), HMAX);
    CU_ASSERT_EQUAL(fl, 0);
}

static void test_to_int(void)
{
    uint32_t fl = 0;
#define TOI(sz, a, fb, u, ib, rm, want, wfl)                                     \
    do {                                                                         \
        fl = 0;                                                                  \
        CU_ASSERT_EQUAL(fp_to_fixed(sz, a, fb, u, ib, rm, 0, &fl), (uint64_t)(want)); \
        CU_ASSERT_EQUAL(fl, (uint32_t)(wfl));                                    \
    } while (0)
    TOI(FP64, DNAN, 0, false, 32, FPROUND_ZERO, 0, IOC);
    TOI(FP64, 0xfff0000000000001ull, 0, true, 64, FPROUND_ZERO, 0, IOC);
    TOI(FP64, 0x4202a05f20000000ull, 0, false, 32, FPROUND_ZERO, 0x7fffffff, IOC);     /* 1e10 */
    TOI(FP64, 0xc202a05f20000000ull, 0, false, 32, FPROUND_ZERO, (int64_t)INT32_MIN, IOC);
    TOI(FP64, 0x41e0000000000000ull, 0, false, 32, FPROUND_ZERO, 0x7fffffff, IOC);     /* 2^31 */
    TOI(FP64, 0xc1e0000000000000ull, 0, false, 32, FPROUND_ZERO, (int64_t)INT32_MIN, 0);
    TOI(FP64, DINF, 0, false, 64, FPROUND_ZERO, INT64_MAX, IOC);
    TOI(FP64, DMINF, 0, false, 64, FPROUND_ZERO, INT64_MIN, IOC);
    TOI(FP64, DMINF, 0, true, 64, FPROUND_ZERO, 0, IOC);
    TOI(FP64, DM1_5, 0, false, 32, FPROUND_ZERO, -1, IXC);
    TOI(FP64, DM1, 0, true, 32, FPROUND_ZERO, 0, IOC);
    TOI(FP64, DMHALF, 0, true, 32, FPROUND_ZERO, 0, IXC);
    TOI(FP64, DMHALF, 0, true, 32, FPROUND_TIEAWAY, 0, IOC);
    TOI(FP64, 0x41efffffffe00000ull, 0, true, 32, FPROUND_ZERO, 0xffffffffu, 0);      /* 2^32-1 */
    TOI(FP64, 0x41f0000000000000ull, 0, true, 32, FPROUND_ZERO, 0xffffffffu, IOC);
    TOI(FP64, 0x43f0000000000000ull, 0, true, 64, FPROUND_ZERO, UINT64_MAX, IOC);     /* 2^64 */
    TOI(FP64, 0x43efffffffffffffull, 0, true, 64, FPROUND_ZERO, 0xfffffffffffff800ull, 0);
    TOI(FP64, 0xc3e0000000000000ull, 0, false, 64, FPROUND_ZERO, INT64_MIN, 0);
    TOI(FP64, D2_5, 0, false, 32, FPROUND_TIEAWAY, 3, IXC);
    TOI(FP64, D2_5, 0, false, 32, FPROUND_TIEEVEN, 2, IXC);
    TOI(FP64, DM2_5, 0, false, 32, FPROUND_NEGINF, -3, IXC);
    TOI(FP64, DM2_5, 0, false, 32, FPROUND_POSINF, -2, IXC);
    TOI(FP64, DM2_5, 0, false, 32, FPROUND_TIEAWAY, -3, IXC);
    TOI(FP64, DM2_5, 0, false, 32, FPROUND_TIEEVEN, -2, IXC);
    TOI(FP64, D1_5, 4, false, 32, FPROUND_ZERO, 24, 0);
    TOI(FP64, 0x3fd0000000000000ull, 1, false, 32, FPROUND_ZERO, 0, IXC);
    TOI(FP64, 0x3fd0000000000000ull, 2, false, 32, FPROUND_ZERO, 1, 0);
    TOI(FP64, D1, 31, false, 32, FPROUND_ZERO, 0x7fffffff, IOC);
    TOI(FP64, D1, 31, true, 32, FPROUND_ZERO, 0x80000000u, 0);
    TOI(FP64, DM1, 63, false, 64, FPROUND_ZERO, INT64_MIN, 0);
    TOI(FP32, 0x3f000001u, 0, false, 32, FPROUND_TIEEVEN, 1, IXC);
    TOI(FP32, 0x4f000000u, 0, false, 32, FPROUND_ZERO, 0x7fffffff, IOC);
    TOI(FP16, HMAX, 0, false, 16, FPROUND_ZERO, 0x7fff, IOC);
    TOI(FP16, 0xfbff, 0, false, 16, FPROUND_ZERO, (int64_t)INT16_MIN, IOC);
    TOI(FP16, HMAX, 0, true, 16, FPROUND_ZERO, 0xffe0, 0);
    TOI(FP16, HMAX, 0, false, 32, FPROUND_ZERO, 65504, 0);
    TOI(FP16, 0x3e00, 0, false, 32, FPROUND_TIEAWAY, 2, IXC);
    TOI(FP16, 0x0001, 24, false, 32, FPROUND_ZERO, 1, 0);
    /* FZ: a denormal input is zero (IDC), FZ16 does not raise IDC */
    fl = 0;
    CU_ASSERT_EQUAL(fp_to_fixed(FP32, 1, 0, false, 32, FPROUND_POSINF, FZ, &fl), 0);
    CU_ASSERT_EQUAL(fl, IDC);
    fl = 0;
    CU_ASSERT_EQUAL(fp_to_fixed(FP32, 1, 0, false, 32, FPROUND_POSINF, 0, &fl), 1);
    CU_ASSERT_EQUAL(fl, IXC);
    fl = 0;
    CU_ASSERT_EQUAL(fp_to_fixed(FP16, 1, 0, false, 32, FPROUND_POSINF, FZ16, &fl), 0);
    CU_ASSERT_EQUAL(fl, 0);
#undef TOI
}

static void test_from_int(void)
{
    uint32_t fl = 0;
#define FROMI(sz, v, fb, u, ib, fpcr, want, wfl)                                 \
    do {                                                                         \
        fl = 0;                                                                  \
        CU_ASSERT_EQUAL(fixed_to_fp(sz, v, fb, u, ib, fpcr_rounding(fpcr), fpcr, &fl), (uint64_t)(want)); \
        CU_ASSERT_EQUAL(fl, (uint32_t)(wfl));                                    \
    } while (0)
    FROMI(FP64, UINT64_MAX, 0, false, 64, RN, DM1, 0);
    FROMI(FP64, UINT64_MAX, 0, true, 64, RN, 0x43f0000000000000ull, IXC);
    FROMI(FP64, UINT64_MAX, 0, true, 64, RZ, 0x43efffffffffffffull, IXC);
    FROMI(FP64, 0x80000000u, 0, false, 32, RN, 0xc1e0000000000000ull, 0);
    FROMI(FP64, 0x80000000u, 0, true, 32, RN, 0x41e0000000000000ull, 0);
    FROMI(FP64, 0xffffffff80000000ull, 0, false, 32, RN, 0xc1e0000000000000ull, 0);
    FROMI(FP64, 0x8000000000000000ull, 0, false, 64, RN, 0xc3e0000000000000ull, 0);
    FROMI(FP64, 24, 4, false, 32, RN, D1_5, 0);
    FROMI(FP64, 0, 4, false, 32, RMI, DZ, 0);
    FROMI(FP64, 1, 64, true, 64, RN, 0x3bf0000000000000ull, 0);
    FROMI(FP32, 0x1000001, 0, false, 32, RN, 0x4b800000u, IXC);
    FROMI(FP32, 0x1000001, 0, false, 32, RP, 0x4b800001u, IXC);
    FROMI(FP32, 0x1000003, 0, false, 32, RN, 0x4b800002u, IXC);
    FROMI(FP32, 0xffffffffu, 0, false, 32, RN, SM1, 0);
    FROMI(FP16, 65519, 0, false, 32, RN, HMAX, IXC);
    FROMI(FP16, 65520, 0, false, 32, RN, HINF, OFC | IXC);
    FROMI(FP16, 65520, 0, false, 32, RZ, HMAX, IXC);      /* rounds down: no overflow */
    FROMI(FP16, 0x8000, 0, false, 16, RN, 0xf800, 0);
    FROMI(FP16, 1, 30, false, 32, RN, 0, UFC | IXC);             /* 2^-30 */
    FROMI(FP16, 1, 30, false, 32, RN | FZ16, 0, UFC);
    FROMI(FP16, 1, 24, false, 32, RN, 1, 0);                     /* 2^-24 exact */
    fl = 0;
    /* round to odd (FCVTXN's mode) through the same rounding routine */
    CU_ASSERT_EQUAL(fixed_to_fp(FP32, 0x1000001, 0, false, 32, FPROUND_ODD, 0, &fl), 0x4b800001u);
    CU_ASSERT_EQUAL(fl, IXC);
    fl = 0;
    CU_ASSERT_EQUAL(fixed_to_fp(FP32, 0x1000002, 0, false, 32, FPROUND_ODD, 0, &fl), 0x4b800001u);
    CU_ASSERT_EQUAL(fl, 0);
    CU_ASSERT_EQUAL(fixed_to_fp(FP32, 7, 0, false, 32, FPROUND_TIEAWAY, 0, &fl), 0x40e00000u);
#undef FROMI
}

static void test_convert(void)
{
    uint32_t fl = 0;
#define CVT(to, from, a, rm, fpcr, want, wfl)                                    \
    do {                                                                         \
        fl = 0;                                                                  \
        CU_ASSERT_EQUAL(fp_convert(to, from, a, rm, fpcr, &fl), (uint64_t)(want)); \
        CU_ASSERT_EQUAL(fl, (uint32_t)(wfl));                                    \
    } while (0)
    CVT(FP32, FP64, 0x3fd5555555555555ull, FPROUND_TIEEVEN, 0, 0x3eaaaaabu, IXC);
    CVT(FP32, FP64, 0x3fd5555555555555ull, FPROUND_ZERO, 0, 0x3eaaaaaau, IXC);
    CVT(FP32, FP64, DMAX, FPROUND_TIEEVEN, 0, SINF, OFC | IXC);
    CVT(FP32, FP64, DMAX, FPROUND_ZERO, 0, SMAX, OFC | IXC);
    CVT(FP32, FP64, DMIN, FPROUND_TIEEVEN, 0, 0, UFC | IXC);
    CVT(FP32, FP64, DMIN, FPROUND_POSINF, 0, 1, UFC | IXC);
    CVT(FP32, FP64, DMIN, FPROUND_POSINF, FZ, 0, UFC);
    CVT(FP32, FP64, 1, FPROUND_TIEEVEN, FZ, 0, IDC);
    CVT(FP64, FP32, 1, FPROUND_TIEEVEN, 0, 0x36a0000000000000ull, 0);
    CVT(FP64, FP32, 1, FPROUND_TIEEVEN, FZ, 0, IDC);
    CVT(FP64, FP32, 0x7fc00001u, FPROUND_TIEEVEN, 0, 0x7ff8000020000000ull, 0);
    CVT(FP64, FP32, 0xff800001u, FPROUND_TIEEVEN, 0, 0xfff8000020000000ull, IOC);
    CVT(FP64, FP32, 0xff800001u, FPROUND_TIEEVEN, DN, DNAN, IOC);
    CVT(FP32, FP64, 0x7ff0000020000000ull, FPROUND_TIEEVEN, 0, 0x7fc00001u, IOC);
    CVT(FP32, FP64, 0x7ff8000000000001ull, FPROUND_TIEEVEN, 0, SNAN_, 0);
    CVT(FP32, FP16, 0x7e01, FPROUND_TIEEVEN, 0, 0x7fc02000u, 0);
    CVT(FP16, FP32, 0x7fc02000u, FPROUND_TIEEVEN, 0, 0x7e01, 0);
    CVT(FP16, FP64, DINF, FPROUND_TIEEVEN, 0, HINF, 0);
    CVT(FP16, FP32, 0x477ff000u, FPROUND_TIEEVEN, 0, HINF, OFC | IXC);   /* 65520 */
    CVT(FP16, FP32, 0x477fefffu, FPROUND_TIEEVEN, 0, HMAX, IXC);
    /* FZ16 does not apply to conversions; FZ does not apply to half. */
    CVT(FP16, FP32, 0x33800000u, FPROUND_TIEEVEN, FZ16 | FZ, 1, 0);       /* 2^-24 */
    CVT(FP32, FP16, 1, FPROUND_TIEEVEN, FZ16 | FZ, 0x33800000u, 0);
    CVT(FP16, FP32, 0x33000000u, FPROUND_TIEEVEN, 0, 0, UFC | IXC);       /* 2^-25: tie to 0 */
    CVT(FP16, FP32, 0x33000001u, FPROUND_TIEEVEN, 0, 1, UFC | IXC);
    /* Alternative half precision: no infinities or NaNs. */
    CVT(FP16, FP32, SINF, FPROUND_TIEEVEN, AHP, 0x7fff, IOC);
    CVT(FP16, FP32, SMINF, FPROUND_TIEEVEN, AHP, 0xffff, IOC);
    CVT(FP16, FP32, 0x7fc00000u, FPROUND_TIEEVEN, AHP, 0, IOC);
    CVT(FP16, FP32, 0xffc00000u, FPROUND_TIEEVEN, AHP | DN, 0x8000, IOC);
    CVT(FP16, FP32, 0x47800000u, FPROUND_TIEEVEN, AHP, 0x7c00, 0);        /* 65536 */
    CVT(FP16, FP32, 0x47ffe000u, FPROUND_TIEEVEN, AHP, 0x7fff, 0);        /* 131008 */
    CVT(FP16, FP32, 0x47fff000u, FPROUND_TIEEVEN, AHP, 0x7fff, IOC);      /* 131040 rounds up */
    CVT(FP16, FP32, 0x47fff000u, FPROUND_ZERO, AHP, 0x7fff, IXC);
    CVT(FP16, FP32, 0x48435000u, FPROUND_TIEEVEN, AHP, 0x7fff, IOC);      /* 200000 */
    CVT(FP32, FP16, 0x7c00, FPROUND_TIEEVEN, AHP, 0x47800000u, 0);
    CVT(FP32, FP16, 0xffff, FPROUND_TIEEVEN, AHP, 0xc7ffe000u, 0);
    CVT(FP32, FP16, 0x7c00, FPROUND_TIEEVEN, 0, SINF, 0);
    CVT(FP64, FP16, 0x7c01, FPROUND_TIEEVEN, 0, 0x7ff8040000000000ull, IOC);
    /* Round to odd (FCVTXN). */
    CVT(FP32, FP64, 0x3ff0000004000000ull, FPROUND_ODD, 0, 0x3f800001u, IXC);   /* 1 + 2^-26 */
    CVT(FP32, FP64, 0x3ff0000010000000ull, FPROUND_ODD, 0, 0x3f800001u, IXC);   /* 1 + 2^-24 */
    CVT(FP32, FP64, 0x3ff0000030000000ull, FPROUND_ODD, 0, 0x3f800001u, IXC);   /* 1 + 3*2^-24 */
    CVT(FP32, FP64, 0x3ff0000020000000ull, FPROUND_ODD, 0, 0x3f800001u, 0);
    CVT(FP32, FP64, D1_5, FPROUND_ODD, 0, 0x3fc00000u, 0);
    CVT(FP32, FP64, DMAX, FPROUND_ODD, 0, SMAX, OFC | IXC);
    CVT(FP32, FP64, 0xbff0000004000000ull, FPROUND_ODD, 0, 0xbf800001u, IXC);
#undef CVT
}

static void test_jcvt(void)
{
    uint32_t fl = 0;
    bool z;
#define JS(a, fpcr, want, wz, wfl)                                               \
    do {                                                                         \
        fl = 0;                                                                  \
        CU_ASSERT_EQUAL(fp_jcvt(a, &z, fpcr, &fl), (uint32_t)(want));            \
        CU_ASSERT_EQUAL(z, wz);                                                  \
        CU_ASSERT_EQUAL(fl, (uint32_t)(wfl));                                    \
    } while (0)
    JS(D1, 0, 1, true, 0);
    JS(D1_5, 0, 1, false, IXC);
    JS(DM1_5, 0, 0xffffffffu, false, IXC);
    JS(DMZ, 0, 0, false, 0);
    JS(DZ, 0, 0, true, 0);
    JS(DM1, 0, 0xffffffffu, true, 0);
    JS(0x41f0000000500000ull, 0, 5, false, IOC);       /* 2^32 + 5 */
    JS(0x41e0000000000000ull, 0, 0x80000000u, false, IOC);
    JS(0xc1e0000000000000ull, 0, 0x80000000u, true, 0);
    JS(DNAN, 0, 0, false, IOC);
    JS(DINF, 0, 0, false, IOC);
    JS(0x4540000000000000ull, 0, 0, false, IOC);       /* 2^85 */
    JS(1, FZ, 0, false, IDC);
    JS(0x8000000000000001ull, FZ, 0, false, IDC);
    JS(1, 0, 0, false, IXC);
#undef JS
}

static uint64_t rng = 0x123456789abcdefull;

static uint64_t rnd64(void)
{
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 2685821657736338717ull;
}

/* A normal value with a random exponent in [lo, hi] and a random or short fraction. */
static uint64_t rnd_normal(ArmFPSize sz, int lo, int hi)
{
    int fb = sz == FP64 ? 52 : 23;
    uint64_t frac = rnd64() & ((1ull << fb) - 1);
    if (rnd64() & 1) {
        frac &= ~0ull << (fb - (int)(rnd64() % 8));     /* short: exact results */
    }
    uint64_t e = (uint64_t)(lo + (int)(rnd64() % (uint64_t)(hi - lo + 1)));
    return ((rnd64() & 1) << (sz * 8 - 1)) | (e << fb) | frac;
}

/*
 * The host fast path (fpu-host.c) against the integer implementation:
 * same bits and flags on random normal operands, including results near
 * the smallest normal (tininess) and near overflow, in every rounding mode.
 */
static void test_host_fastpath(void)
{
    static const ArmFPSize sizes[2] = { FP32, FP64 };
    long mismatches = 0, fast = 0, total = 0;

    for (int si = 0; si < 2; si++) {
        ArmFPSize sz = sizes[si];
        int emax = sz == FP64 ? 2046 : 254, bias = sz == FP64 ? 1023 : 127;
        for (int i = 0; i < 40000; i++) {
            int band = (int)(rnd64() % 4);
            int lo = band == 0 ? 1 : band == 1 ? emax - 30 : bias - 30;
            int hi = band == 0 ? 40 : band == 1 ? emax : bias + 30;
            uint64_t a = rnd_normal(sz, lo, hi);
            uint64_t b = band == 0 ? rnd_normal(sz, bias - 30, bias + 1) : rnd_normal(sz, lo, hi);
            uint32_t fpcr = (rnd64() % 3 == 0) ? (uint32_t)(rnd64() & (3u << FPCR_RMODE_SHIFT)) : 0;
            fpcr |= (rnd64() & 1) ? FPCR_FZ : 0;
            for (int op = 0; op < 5; op++) {
                uint64_t r1, r2;
                uint32_t f1 = 0, f2 = 0, f0 = 0;
                uint64_t x = op == 4 ? a & ~(1ull << (sz * 8 - 1)) : a;
                fpr_host_fastpath(true);
                fast += fpr_host_arith(sz, (FPHostOp)op, x, b, fpcr, &f0, &r1);
                switch (op) {
                case 0: r1 = fp_add(sz, x, b, fpcr, &f1); break;
                case 1: r1 = fp_sub(sz, x, b, fpcr, &f1); break;
                case 2: r1 = fp_mul(sz, x, b, fpcr, &f1); break;
                case 3: r1 = fp_div(sz, x, b, fpcr, &f1); break;
                default: r1 = fp_sqrt(sz, x, fpcr, &f1); break;
                }
                fpr_host_fastpath(false);
                switch (op) {
                case 0: r2 = fp_add(sz, x, b, fpcr, &f2); break;
                case 1: r2 = fp_sub(sz, x, b, fpcr, &f2); break;
                case 2: r2 = fp_mul(sz, x, b, fpcr, &f2); break;
                case 3: r2 = fp_div(sz, x, b, fpcr, &f2); break;
                default: r2 = fp_sqrt(sz, x, fpcr, &f2); break;
                }
                total++;
                if (r1 != r2 || f1 != f2) {
                    if (mismatches++ < 5) {
                        printf("\nfast path: size %d op %d fpcr %x a %llx b %llx: %llx/%x vs %llx/%x\n",
                               sz, op, fpcr, (unsigned long long)x, (unsigned long long)b,
                               (unsigned long long)r1, f1, (unsigned long long)r2, f2);
                    }
                }
            }
        }
    }
    fpr_host_fastpath(true);
    CU_ASSERT_EQUAL(mismatches, 0);
    /* the fast path must actually be exercised, and must be skippable */
    CU_ASSERT_TRUE(fast > total / 4);
    CU_ASSERT_TRUE(fast < total);
}

static CU_TestInfo tests[] = {
    { "host_fastpath", test_host_fastpath },
    { "zero_sums", test_zero_sums },
    { "inf_arith", test_inf_arith },
    { "nans", test_nans },
    { "flush", test_flush },
    { "overflow", test_overflow },
    { "fma", test_fma },
    { "minmax", test_minmax },
    { "estimates", test_estimates },
    { "unsigned_estimates", test_unsigned_estimates },
    { "compare", test_compare },
    { "round_int", test_round_int },
    { "to_int", test_to_int },
    { "from_int", test_from_int },
    { "convert", test_convert },
    { "jcvt", test_jcvt },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return cunit_run_suite("fpu", tests);
}
