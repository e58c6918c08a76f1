/*
 * The direct FP helpers and their fast paths (target-arm/helper-fp-fast.c)
 * against the exact library (fpu.h with its host fast path turned off):
 * results and FPSR flags must be identical on special values and random
 * sweeps, in every FPCR mode; and the fast paths must really be taken for
 * the common operands.
 */
#include <stdio.h>
#include <string.h>
#include "runner.h"
#include "target-arm/fpu-internal.h"
#include "target-arm/helpers-fp.h"

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t rnd64(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static uint64_t sign_of(ArmFPSize sz)
{
    return 1ull << (8 * sz - 1);
}

/* A normal value with biased exponent in [lo, hi]. */
static uint64_t rnd_normal(ArmFPSize sz, int lo, int hi)
{
    uint64_t e = (uint64_t)(lo + (int)(rnd64() % (uint64_t)(hi - lo + 1)));
    uint64_t s = rnd64() & 1;
    if (sz == FP64) {
        uint64_t f = rnd64() & ((1ull << 52) - 1);
        if (rnd64() & 1) {
            f &= ~((1ull << (rnd64() % 52)) - 1);   /* short significands: exact cases */
        }
        return s << 63 | e << 52 | f;
    }
    uint64_t f = rnd64() & 0x7fffff;
    if (rnd64() & 1) {
        f &= ~((1ull << (rnd64() % 23)) - 1);
    }
    return s << 31 | e << 23 | f;
}

static const uint64_t specials_d[] = {
    0, 1ull << 63, 1, 0x000fffffffffffffull, 0x0010000000000000ull, 0x8010000000000000ull,
    0x3ff0000000000000ull, 0xbff0000000000000ull, 0x4000000000000000ull, 0x7fefffffffffffffull,
    0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000000ull, 0x7ff4000000000000ull,
    0xfff8000000000001ull, 0x41dfffffffc00000ull, 0x41e0000000000000ull, 0xc1e0000000000000ull,
    0x43dfffffffffffffull, 0x43e0000000000000ull, 0x3fe0000000000000ull, 0x4330000000000001ull,
    0x0010000000000001ull, 0x3ff8000000000000ull,
};

static const uint64_t specials_s[] = {
    0, 0x80000000u, 1, 0x007fffffu, 0x00800000u, 0x80800000u, 0x3f800000u, 0xbf800000u,
    0x40000000u, 0x7f7fffffu, 0x7f800000u, 0xff800000u, 0x7fc00000u, 0x7fa00000u, 0xffc00001u,
    0x4effffffu, 0x4f000000u, 0xcf000000u, 0x5effffffu, 0x5f000000u, 0x3f000000u, 0x4b000001u,
    0x00800001u, 0x3fc00000u,
};

#define NSPEC 24

static uint64_t special(ArmFPSize sz, unsigned i)
{
    return sz == FP64 ? specials_d[i % NSPEC] : specials_s[i % NSPEC];
}

/* Operands: specials, random normals in several bands, and now and then a random pattern. */
static uint64_t rnd_operand(ArmFPSize sz)
{
    int bias = sz == FP64 ? 1023 : 127, emax = sz == FP64 ? 2046 : 254;
    switch (rnd64() % 8) {
    case 0: return special(sz, (unsigned)(rnd64() % NSPEC));
    case 1: return rnd_normal(sz, 1, 40);
    case 2: return rnd_normal(sz, emax - 40, emax);
    case 3: return rnd64() & (sz == FP64 ? UINT64_MAX : 0xffffffffu);
    default: return rnd_normal(sz, bias - 40, bias + 40);
    }
}

static uint32_t rnd_fpcr(void)
{
    uint32_t fpcr = 0;
    if (rnd64() % 4 == 0) {
        fpcr |= (uint32_t)(rnd64() & (3u << FPCR_RMODE_SHIFT));
    }
    fpcr |= (rnd64() & 1) ? FPCR_FZ : 0;
    fpcr |= (rnd64() & 1) ? FPCR_DN : 0;
    return fpcr;
}

/* The library's answer (host fast path off). */
static uint64_t ref(ArmFPSize sz, FPFastOp op, uint64_t n, uint64_t m, uint32_t fpcr,
                    uint32_t *fpsr)
{
    uint64_t r;
    fpr_host_fastpath(false);
    switch (op) {
    case FPF_ADD: r = fp_add(sz, n, m, fpcr, fpsr); break;
    case FPF_SUB: r = fp_sub(sz, n, m, fpcr, fpsr); break;
    case FPF_MUL: r = fp_mul(sz, n, m, fpcr, fpsr); break;
    case FPF_DIV: r = fp_div(sz, n, m, fpcr, fpsr); break;
    case FPF_SQRT: r = fp_sqrt(sz, n, fpcr, fpsr); break;
    case FPF_MAX: r = fp_max(sz, n, m, fpcr, fpsr); break;
    case FPF_MIN: r = fp_min(sz, n, m, fpcr, fpsr); break;
    case FPF_CMP: r = fp_compare(sz, n, m, false, fpcr, fpsr); break;
    case FPF_CVTZS32:
        r = (uint32_t)fp_to_fixed(sz, n, 0, false, 32, FPROUND_ZERO, fpcr, fpsr);
        break;
    case FPF_CVTZS64: r = fp_to_fixed(sz, n, 0, false, 64, FPROUND_ZERO, fpcr, fpsr); break;
    default:
        r = fixed_to_fp(sz, n, 0, false, 64, fpcr_rounding(fpcr), fpcr, fpsr);
        break;
    }
    fpr_host_fastpath(true);
    return r;
}

static uint64_t ref_madd(ArmFPSize sz, uint64_t a, uint64_t n, uint64_t m, uint32_t fpcr,
                         uint32_t *fpsr)
{
    fpr_host_fastpath(false);
    uint64_t r = fp_muladd(sz, a, n, m, fpcr, fpsr);
    fpr_host_fastpath(true);
    return r;
}

static const char *const op_names[] = {
    "add", "sub", "mul", "div", "sqrt", "max", "min", "cmp", "cvtzs32", "cvtzs64", "scvtf",
};

/* One fast path on its own: where taken, identical to the library. */
static void check_fast(ArmFPSize sz, FPFastOp op, uint64_t n, uint64_t m, uint32_t fpcr,
                       unsigned *hits, unsigned *bad)
{
    uint32_t f1 = 0, f2 = 0;
    uint64_t r1 = 0, r2;
    if (op == FPF_SCVTF && sz == FP32) {
        n = (uint64_t)(int64_t)(int32_t)n;
    }
    if (!fpfast_arith(sz, op, n, m, fpcr, &f1, &r1)) {
        return;
    }
    ++*hits;
    r2 = ref(sz, op, n, m, fpcr, &f2);
    if (r1 != r2 || f1 != f2) {
        if ((*bad)++ < 5) {
            printf("\nfast %s size %d fpcr %x: %llx, %llx -> %llx/%x, library %llx/%x\n",
                   op_names[op], sz, fpcr, (unsigned long long)n, (unsigned long long)m,
                   (unsigned long long)r1, f1, (unsigned long long)r2, f2);
        }
    }
}

static void sweep_op(FPFastOp op)
{
    static const ArmFPSize sizes[2] = { FP32, FP64 };
    for (int si = 0; si < 2; si++) {
        ArmFPSize sz = sizes[si];
        unsigned hits = 0, bad = 0, total = 0;
        /* every pair of specials, in every FPCR mode of interest */
        static const uint32_t modes[] = { 0, FPCR_FZ, FPCR_DN | FPCR_FZ, 1u << FPCR_RMODE_SHIFT };
        for (unsigned k = 0; k < 4; k++) {
            for (unsigned i = 0; i < NSPEC; i++) {
                for (unsigned j = 0; j < NSPEC; j++) {
                    uint64_t n = special(sz, i), m = special(sz, j);
                    if (op == FPF_SCVTF) {
                        n = (uint64_t)((int64_t)(i * 7919) - 80000) << (j % 40);
                    }
                    check_fast(sz, op, n, m, modes[k], &hits, &bad);
                    total++;
                }
            }
        }
        for (int i = 0; i < 30000; i++) {
            uint64_t n = rnd_operand(sz), m = rnd_operand(sz);
            if (op == FPF_SQRT && (rnd64() & 1)) {
                n &= ~sign_of(sz);
            }
            if (op == FPF_CVTZS32 || op == FPF_CVTZS64) {
                int bias = sz == FP64 ? 1023 : 127;
                n = (rnd64() & 1) ? rnd_normal(sz, bias - 4, bias + (op == FPF_CVTZS32 ? 32 : 64))
                                  : n;
            }
            if (op == FPF_SCVTF) {
                n = rnd64() >> (rnd64() % 64);
                n = (rnd64() & 1) ? -n : n;
            }
            check_fast(sz, op, n, m, (rnd64() & 1) ? 0 : rnd_fpcr(), &hits, &bad);
            total++;
        }
        CU_ASSERT_EQUAL(bad, 0);
        /* the fast path is taken for the common operands, and not for everything */
        CU_ASSERT_TRUE(hits > total / 5);
        CU_ASSERT_TRUE(hits < total);
    }
}

static void test_add(void) { sweep_op(FPF_ADD); }
static void test_sub(void) { sweep_op(FPF_SUB); }
static void test_mul(void) { sweep_op(FPF_MUL); }
static void test_div(void) { sweep_op(FPF_DIV); }
static void test_sqrt(void) { sweep_op(FPF_SQRT); }
static void test_max(void) { sweep_op(FPF_MAX); }
static void test_min(void) { sweep_op(FPF_MIN); }
static void test_cmp(void) { sweep_op(FPF_CMP); }
static void test_cvtzs32(void) { sweep_op(FPF_CVTZS32); }
static void test_cvtzs64(void) { sweep_op(FPF_CVTZS64); }
static void test_scvtf(void) { sweep_op(FPF_SCVTF); }

/* Fused multiply-add, including the cancellation, midpoint and exact cases. */
static void test_madd(void)
{
    static const ArmFPSize sizes[2] = { FP32, FP64 };
    for (int si = 0; si < 2; si++) {
        ArmFPSize sz = sizes[si];
        int bias = sz == FP64 ? 1023 : 127;
        unsigned hits = 0, bad = 0, total = 0, inexact = 0;
        for (int i = 0; i < 120000; i++) {
            uint64_t n, m, a;
            int kind = (int)(rnd64() % 5);
            if (kind == 0) {
                n = rnd_operand(sz);
                m = rnd_operand(sz);
                a = rnd_operand(sz);
            } else {
                int spread = kind == 1 ? 2 : kind == 2 ? 30 : 90;
                n = rnd_normal(sz, bias - spread, bias + spread);
                m = rnd_normal(sz, bias - spread, bias + spread);
                a = rnd_normal(sz, bias - 2 * spread, bias + 2 * spread);
                if (kind == 4) {
                    /* addend close to -n*m: heavy cancellation */
                    uint32_t f = 0;
                    fpr_host_fastpath(false);
                    a = fp_mul(sz, n, m, 0, &f) ^ sign_of(sz);
                    if (rnd64() & 1) {
                        a += rnd64() % 5;
                    }
                    fpr_host_fastpath(true);
                }
            }
            uint32_t fpcr = (rnd64() & 3) ? 0 : rnd_fpcr();
            uint32_t f1 = 0, f2 = 0;
            uint64_t r1 = 0, r2;
            total++;
            if (!fpfast_madd(sz, a, n, m, fpcr, &f1, &r1)) {
                continue;
            }
            hits++;
            inexact += (f1 & FPSR_IXC) != 0;
            r2 = ref_madd(sz, a, n, m, fpcr, &f2);
            if (r1 != r2 || f1 != f2) {
                if (bad++ < 5) {
                    printf("\nfast madd size %d fpcr %x: %llx + %llx * %llx -> %llx/%x, "
                           "library %llx/%x\n", sz, fpcr, (unsigned long long)a,
                           (unsigned long long)n, (unsigned long long)m, (unsigned long long)r1,
                           f1, (unsigned long long)r2, f2);
                }
            }
        }
        CU_ASSERT_EQUAL(bad, 0);
        CU_ASSERT_TRUE(hits > total / 3);
        CU_ASSERT_TRUE(hits < total);
        /* both exact and inexact results were seen on the fast path */
        CU_ASSERT_TRUE(inexact > 0 && inexact < hits);
    }
}

/* A single midpoint reached with a nonzero TwoSum error: 1 + 2^-24 + tiny must round up. */
static void test_madd_midpoint(void)
{
    uint32_t f1 = 0, f2 = 0;
    uint64_t r1 = 0, r2;
    /* n * m = 1 + 2^-24 exactly, addend 2^-60 (tiny): d == 1 + 2^-24 (a midpoint), e != 0 */
    uint64_t n = 0x3f800001u, m = 0x3f000000u; /* (1 + 2^-23) * 0.5 */
    uint64_t a = 0x21800000u;                  /* 2^-60 */
    bool fast = fpfast_madd(FP32, a, n, m, 0, &f1, &r1);
    r2 = ref_madd(FP32, a, n, m, 0, &f2);
    CU_ASSERT_TRUE(!fast || (r1 == r2 && f1 == f2));
    /* the same through the helper */
    CPUARMState env;
    memset(&env, 0, sizeof(env));
    CU_ASSERT_EQUAL(helper_fmadd_s((uintptr_t)&env, a, n, m), r2);
    CU_ASSERT_EQUAL(env.fpsr, f2);
}

/* The scalar helpers end to end, fast path or not, against the library. */
static void test_scalar_helpers(void)
{
    CPUARMState env;
    unsigned bad = 0;
    memset(&env, 0, sizeof(env));
    for (int i = 0; i < 40000; i++) {
        ArmFPSize sz = (rnd64() & 1) ? FP64 : FP32;
        bool d = sz == FP64;
        uint64_t n = rnd_operand(sz), m = rnd_operand(sz), a = rnd_operand(sz), r1, r2;
        uint32_t fpcr = (rnd64() & 1) ? 0 : rnd_fpcr(), f2 = 0x10000u;
        int op = (int)(rnd64() % 10);
        env.fpcr = fpcr;
        env.fpsr = 0x10000u;     /* flags are ORed in, never cleared */
        uint64_t e = (uintptr_t)&env;
        switch (op) {
        case 0: r1 = d ? helper_fadd_d(e, n, m) : helper_fadd_s(e, n, m);
                r2 = ref(sz, FPF_ADD, n, m, fpcr, &f2); break;
        case 1: r1 = d ? helper_fsub_d(e, n, m) : helper_fsub_s(e, n, m);
                r2 = ref(sz, FPF_SUB, n, m, fpcr, &f2); break;
        case 2: r1 = d ? helper_fmul_d(e, n, m) : helper_fmul_s(e, n, m);
                r2 = ref(sz, FPF_MUL, n, m, fpcr, &f2); break;
        case 3: r1 = d ? helper_fdiv_d(e, n, m) : helper_fdiv_s(e, n, m);
                r2 = ref(sz, FPF_DIV, n, m, fpcr, &f2); break;
        case 4: r1 = d ? helper_fsqrt_d(e, n) : helper_fsqrt_s(e, n);
                r2 = ref(sz, FPF_SQRT, n, 0, fpcr, &f2); break;
        case 5: r1 = d ? helper_fmadd_d(e, a, n, m) : helper_fmadd_s(e, a, n, m);
                r2 = ref_madd(sz, a, n, m, fpcr, &f2); break;
        case 6: r1 = d ? helper_fcmpe_d(e, n, m) : helper_fcmpe_s(e, n, m);
                fpr_host_fastpath(false);
                r2 = fp_compare(sz, n, m, true, fpcr, &f2);
                fpr_host_fastpath(true);
                break;
        case 7: r1 = d ? helper_fcvtzs_dw(e, n) : helper_fcvtzs_sw(e, n);
                r2 = ref(sz, FPF_CVTZS32, n, 0, fpcr, &f2); break;
        case 8: r1 = d ? helper_fcvtzs_dx(e, n) : helper_fcvtzs_sx(e, n);
                r2 = ref(sz, FPF_CVTZS64, n, 0, fpcr, &f2); break;
        default:
            n = rnd64() >> (rnd64() % 64);
            r1 = d ? helper_scvtf_dw(e, n) : helper_scvtf_sw(e, n);
            r2 = ref(sz, FPF_SCVTF, (uint64_t)(int64_t)(int32_t)n, 0, fpcr, &f2);
            break;
        }
        if (r1 != r2 || env.fpsr != f2) {
            if (bad++ < 5) {
                printf("\nhelper op %d size %d fpcr %x: %llx %llx %llx -> %llx/%x, "
                       "library %llx/%x\n", op, sz, fpcr, (unsigned long long)n,
                       (unsigned long long)m, (unsigned long long)a, (unsigned long long)r1,
                       env.fpsr, (unsigned long long)r2, f2);
            }
        }
    }
    CU_ASSERT_EQUAL(bad, 0);
}

typedef void VecHelper(uint64_t, uint64_t);

/* The vector helpers: every lane against the library, the upper half zeroed for 2S. */
static void test_vector_helpers(void)
{
    static VecHelper *const hs[2][11] = {
        { helper_vfadd_s, helper_vfsub_s, helper_vfmul_s, helper_vfdiv_s, helper_vfmax_s,
          helper_vfmin_s, helper_vfmla_s, helper_vfmls_s, helper_vfsqrt_s, helper_vfcvtzs_s,
          helper_vscvtf_s },
        { helper_vfadd_d, helper_vfsub_d, helper_vfmul_d, helper_vfdiv_d, helper_vfmax_d,
          helper_vfmin_d, helper_vfmla_d, helper_vfmls_d, helper_vfsqrt_d, helper_vfcvtzs_d,
          helper_vscvtf_d },
    };
    CPUARMState env;
    unsigned bad = 0;
    memset(&env, 0, sizeof(env));
    for (int it = 0; it < 6000; it++) {
        int d = (int)(rnd64() & 1), op = (int)(rnd64() % 11);
        ArmFPSize sz = d ? FP64 : FP32;
        bool q = d || (rnd64() & 1);
        unsigned rd = (unsigned)(rnd64() % 4), rn = (unsigned)(rnd64() % 4);
        unsigned rm = (unsigned)(rnd64() % 4), nel = (q ? 16 : 8) / sz;
        uint32_t fpcr = (rnd64() & 1) ? 0 : rnd_fpcr(), f2 = 0;
        uint64_t expect[2] = { 0, 0 };

        for (unsigned r = 0; r < 4; r++) {
            for (unsigned i = 0; i < 16 / sz; i++) {
                uint64_t v = op == 10 ? rnd64() >> (rnd64() % 64) : rnd_operand(sz);
                memcpy((uint8_t *)env.vregs[r] + i * sz, &v, sz);
            }
        }
        for (unsigned i = 0; i < nel; i++) {
            uint64_t n = 0, m = 0, a = 0, r;
            memcpy(&n, (uint8_t *)env.vregs[rn] + i * sz, sz);
            memcpy(&m, (uint8_t *)env.vregs[rm] + i * sz, sz);
            memcpy(&a, (uint8_t *)env.vregs[rd] + i * sz, sz);
            switch (op) {
            case 6: r = ref_madd(sz, a, n, m, fpcr, &f2); break;
            case 7: r = ref_madd(sz, a, n ^ sign_of(sz), m, fpcr, &f2); break;
            case 8: r = ref(sz, FPF_SQRT, n, 0, fpcr, &f2); break;
            case 9: r = ref(sz, d ? FPF_CVTZS64 : FPF_CVTZS32, n, 0, fpcr, &f2); break;
            case 10:
                r = ref(sz, FPF_SCVTF, d ? n : (uint64_t)(int64_t)(int32_t)n, 0, fpcr, &f2);
                break;
            case 4: r = ref(sz, FPF_MAX, n, m, fpcr, &f2); break;
            case 5: r = ref(sz, FPF_MIN, n, m, fpcr, &f2); break;
            default: r = ref(sz, (FPFastOp)op, n, m, fpcr, &f2); break;   /* add..div */
            }
            memcpy((uint8_t *)expect + i * sz, &r, sz);
        }
        env.fpcr = fpcr;
        env.fpsr = 0;
        hs[d][op]((uintptr_t)&env, vfast_regs(rd, rn, op >= 8 ? 0 : rm, q));
        if (memcmp(env.vregs[rd], expect, 16) != 0 || env.fpsr != f2) {
            if (bad++ < 5) {
                printf("\nvector op %d size %d q %d: %llx:%llx/%x, library %llx:%llx/%x\n", op,
                       sz, q, (unsigned long long)env.vregs[rd][1],
                       (unsigned long long)env.vregs[rd][0], env.fpsr,
                       (unsigned long long)expect[1], (unsigned long long)expect[0], f2);
            }
        }
    }
    CU_ASSERT_EQUAL(bad, 0);
}

/* Named cases of each fast path, one assertion each. */
static void test_named(void)
{
    uint32_t f = 0;
    uint64_t r = 0;

    /* 1 + 2 = 3 exactly; 1 / 3 inexact */
    CU_ASSERT_TRUE(fpfast_arith(FP64, FPF_ADD, 0x3ff0000000000000ull, 0x4000000000000000ull, 0,
                                &f, &r));
    CU_ASSERT_EQUAL(r, 0x4008000000000000ull);
    CU_ASSERT_EQUAL(f, 0);
    CU_ASSERT_TRUE(fpfast_arith(FP32, FPF_DIV, 0x3f800000u, 0x40400000u, 0, &f, &r));
    CU_ASSERT_EQUAL(r, 0x3eaaaaabu);
    CU_ASSERT_EQUAL(f, FPSR_IXC);
    /* not taken: zero, NaN, denormal operands; directed rounding */
    f = 0;
    CU_ASSERT_FALSE(fpfast_arith(FP64, FPF_ADD, 0, 0x3ff0000000000000ull, 0, &f, &r));
    CU_ASSERT_FALSE(fpfast_arith(FP32, FPF_MUL, 0x7fc00000u, 0x3f800000u, 0, &f, &r));
    CU_ASSERT_FALSE(fpfast_arith(FP32, FPF_MUL, 1, 0x3f800000u, 0, &f, &r));
    CU_ASSERT_FALSE(fpfast_arith(FP64, FPF_ADD, 0x3ff0000000000000ull, 0x3ff0000000000000ull,
                                 2u << FPCR_RMODE_SHIFT, &f, &r));
    CU_ASSERT_FALSE(fpfast_arith(FP64, FPF_CMP, 0x7ff8000000000000ull, 0, 0, &f, &r));
    CU_ASSERT_EQUAL(f, 0);
    /* FCMP: -0 == +0, less, greater, infinities */
    CU_ASSERT_TRUE(fpfast_arith(FP64, FPF_CMP, 1ull << 63, 0, 0, &f, &r));
    CU_ASSERT_EQUAL(r, 6);
    CU_ASSERT_TRUE(fpfast_arith(FP32, FPF_CMP, 0xbf800000u, 0x3f800000u, 0, &f, &r));
    CU_ASSERT_EQUAL(r, 8);
    CU_ASSERT_TRUE(fpfast_arith(FP32, FPF_CMP, 0x7f800000u, 0x3f800000u, 0, &f, &r));
    CU_ASSERT_EQUAL(r, 2);
    /* FCVTZS: -1.5 -> -1 inexact; 2^31 out of the fast range for W */
    f = 0;
    CU_ASSERT_TRUE(fpfast_arith(FP64, FPF_CVTZS32, 0xbff8000000000000ull, 0, 0, &f, &r));
    CU_ASSERT_EQUAL(r, 0xffffffffu);
    CU_ASSERT_EQUAL(f, FPSR_IXC);
    CU_ASSERT_FALSE(fpfast_arith(FP64, FPF_CVTZS32, 0x41e0000000000000ull, 0, 0, &f, &r));
    CU_ASSERT_TRUE(fpfast_arith(FP64, FPF_CVTZS64, 0x41e0000000000000ull, 0, 0, &f, &r));
    CU_ASSERT_EQUAL(r, 0x80000000ull);
    /* SCVTF: -3 -> -3.0; 2^24 + 1 is not exact in single */
    CU_ASSERT_TRUE(fpfast_arith(FP32, FPF_SCVTF, (uint64_t)-3, 0, 0, &f, &r));
    CU_ASSERT_EQUAL(r, 0xc0400000u);
    CU_ASSERT_FALSE(fpfast_arith(FP32, FPF_SCVTF, (1u << 24) + 1, 0, 0, &f, &r));
    /* FMADD: 1 + 2 * 3 = 7 exactly */
    f = 0;
    CU_ASSERT_TRUE(fpfast_madd(FP64, 0x3ff0000000000000ull, 0x4000000000000000ull,
                               0x4008000000000000ull, 0, &f, &r));
    CU_ASSERT_EQUAL(r, 0x401c000000000000ull);
    CU_ASSERT_EQUAL(f, 0);
}

static CU_TestInfo tests[] = {
    { "add", test_add },
    { "sub", test_sub },
    { "mul", test_mul },
    { "div", test_div },
    { "sqrt", test_sqrt },
    { "max", test_max },
    { "min", test_min },
    { "cmp", test_cmp },
    { "cvtzs32", test_cvtzs32 },
    { "cvtzs64", test_cvtzs64 },
    { "scvtf", test_scvtf },
    { "madd", test_madd },
    { "madd_midpoint", test_madd_midpoint },
    { "scalar_helpers", test_scalar_helpers },
    { "vector_helpers", test_vector_helpers },
    { "named", test_named },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return cunit_run_suite("fp_fast", tests);
}
