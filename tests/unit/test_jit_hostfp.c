/*
 * The guarded inline SSE forms of the direct FP helpers (tcg/vec.h
 * IRHostFp, emitted by tcg/x86_64/emit.c, records in
 * target-arm/helper-fp-fast.c): every record, scalar and vector, on
 * special, boundary and random operands, random FPCR and FPSR, against the
 * helper called directly with the host fast path off (the exact library),
 * run by the JIT and by the interpreter.  Live values in caller-saved
 * registers must survive the inline slow path, and a counting wrapper
 * proves the inline path is really taken for normal operands once
 * FPSR.IXC is set.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner.h"
#include "target-arm/cpu.h"
#include "target-arm/fpu-internal.h"
#include "target-arm/helpers-fp.h"
#include "tcg/interp.h"
#include "tcg/ir.h"
#include "tcg/vec.h"
#include "tcg/x86_64/emit.h"

#define TOKEN ((uintptr_t)0x100000)
#define VOFS(r) ((uint32_t)(offsetof(CPUARMState, vregs) + 16 * (r)))

static IRContext ir;
static IRTemp g_x0;
static JitContext *jit;
static IRBackendConfig cfg;

static void setup(void)
{
    EmuError err;

    if (jit) {
        return;
    }
    ir_init(&ir);
    g_x0 = ir_new_global(&ir, IR_I64, offsetof(CPUARMState, xregs[0]), "x0");
    cfg.env_pc_offset = offsetof(CPUARMState, pc);
    if (!jit_init(&jit, 8 << 20, &cfg, &err)) {
        fprintf(stderr, "jit_init: %s\n", err.msg);
        abort();
    }
}

static uint64_t rng = 0x2545f4914f6cdd1dull;
static uint64_t rnd64(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* An element: specials, the edges of the inline range, normals, random bits. */
static uint64_t rnd_elem(bool dbl)
{
    static const uint64_t sp_d[] = {
        0, 1ull << 63, 1, 0x000fffffffffffffull, 0x0010000000000000ull, 0x0010000000000001ull,
        0x001fffffffffffffull, 0x0020000000000000ull, 0x7fefffffffffffffull, 0x7ff0000000000000ull,
        0xfff0000000000000ull, 0x7ff8000000000000ull, 0x7ff4000000000000ull, 0x3ff0000000000000ull,
        0xbff8000000000000ull, 0x5fe0000000000000ull, 0x2000000000000000ull,
    };
    static const uint64_t sp_s[] = {
        0, 0x80000000u, 1, 0x007fffffu, 0x00800000u, 0x00800001u, 0x00ffffffu, 0x01000000u,
        0x7f7fffffu, 0x7f800000u, 0xff800000u, 0x7fc00000u, 0x7fa00000u, 0x3f800000u, 0xbfc00000u,
        0x5f000000u, 0x20000000u,
    };
    unsigned nsp = sizeof(sp_d) / sizeof(sp_d[0]);
    int emax = dbl ? 2046 : 254, bias = dbl ? 1023 : 127, fbits = dbl ? 52 : 23;
    int e;

    switch (rnd64() % 8) {
    case 0: return dbl ? sp_d[rnd64() % nsp] : sp_s[rnd64() % nsp];
    case 1: return rnd64() & (dbl ? UINT64_MAX : 0xffffffffu);
    case 2: e = 1 + (int)(rnd64() % 30); break;                  /* results near the bottom */
    case 3: e = emax - (int)(rnd64() % 30); break;               /* ... and the top */
    default: e = bias - 20 + (int)(rnd64() % 40); break;
    }
    /* Short significands now and then: exact results, so IXC is really decided. */
    uint64_t frac = rnd64() & ((1ull << fbits) - 1);
    if (rnd64() & 1) {
        frac &= ~((1ull << (fbits - 3)) - 1);
    }
    return (uint64_t)(rnd64() & 1) << (dbl ? 63 : 31) | (uint64_t)e << fbits | frac;
}

static uint32_t rnd_fpcr(void)
{
    static const uint32_t modes[] = {
        0, 0, 0, FPCR_DN, FPCR_AHP | FPCR_FZ16, FPCR_FZ, 1u << FPCR_RMODE_SHIFT,
        3u << FPCR_RMODE_SHIFT, 1u << 12 /* IXE */, 1u << 1 /* AH */,
    };
    return modes[rnd64() % (sizeof(modes) / sizeof(modes[0]))];
}

static uint32_t rnd_fpsr(void)
{
    uint32_t f = rnd64() % 4 ? FPSR_IXC : 0;
    if (rnd64() % 4 == 0) {
        f |= (uint32_t)rnd64() & (FPSR_IOC | FPSR_DZC | FPSR_OFC | FPSR_UFC | FPSR_IDC | FPSR_QC);
    }
    return f;
}

static void fill(CPUARMState *env, bool dbl)
{
    memset(env, 0, sizeof(*env));
    env->fpcr = rnd_fpcr();
    env->fpsr = rnd_fpsr();
    env->xregs[0] = rnd64();
    for (unsigned r = 0; r < 4; r++) {
        for (unsigned i = 0; i < (dbl ? 2u : 4u); i++) {
            uint64_t x = rnd_elem(dbl);
            memcpy((uint8_t *)env->vregs[r] + i * (dbl ? 8 : 4), &x, dbl ? 8 : 4);
        }
    }
}

/* Counting wrappers: the calls the inline code did not avoid. */
static unsigned n_calls;
static uint64_t count_fmul_d(uint64_t env, uint64_t a, uint64_t b)
{
    n_calls++;
    return helper_fmul_d(env, a, b);
}
static void count_vfadd_s(uint64_t env, uint64_t regs)
{
    n_calls++;
    helper_vfadd_s(env, regs);
}

/*
 * The block: twelve live values from x0 (more than the callee-saved
 * registers, so some sit in caller-saved ones across the op), the op,
 * then x0 = a hash of the twelve.
 */
static void build(const IRHostFp *h, bool vec, unsigned oprsz, unsigned layout)
{
    IRv64 t[12];
    uint32_t d = VOFS(0), a = VOFS(1), b = VOFS(2);

    if (layout == 1) {
        d = a;              /* Vd == Vn */
    } else if (layout == 2) {
        a = b;              /* Vn == Vm */
    }
    ir_reset(&ir);
    ir_insn_start(&ir, 0x1000);
    for (int k = 0; k < 12; k++) {
        t[k] = ir_new64(&ir);
        ir_add_i64(&ir, t[k], (IRv64){ g_x0 }, ir_const64(&ir, (uint64_t)k * 0x1111));
    }
    if (vec) {
        ir_hostfp_vec(&ir, h, d, a, b, oprsz,
                      vfast_regs((d - VOFS(0)) / 16, (a - VOFS(0)) / 16, (b - VOFS(0)) / 16,
                                 oprsz == 16));
    } else {
        IRv64 va = ir_new64(&ir), vb = ir_new64(&ir), r = ir_new64(&ir);
        IRMemOp mo = h->esize == 8 ? IR_MO_64 : IR_MO_32;
        ir_ld_i64(&ir, va, ir_env(), a, mo);
        ir_ld_i64(&ir, vb, ir_env(), b, mo);
        ir_hostfp(&ir, h, r, va, h->op == IR_HFP_SQRT ? va : vb);
        ir_st_i64(&ir, r, ir_env(), d, IR_MO_64);
        ir_st_i64(&ir, ir_const64(&ir, 0), ir_env(), d + 8, IR_MO_64);
    }
    for (int k = 1; k < 12; k++) {
        ir_xor_i64(&ir, t[0], t[0], t[k]);
        ir_mul_i64(&ir, t[0], t[0], ir_const64(&ir, 3));
    }
    ir_mov_i64(&ir, (IRv64){ g_x0 }, t[0]);
    ir_exit_tb(&ir, 0);
    ir_optimize(&ir);
}

static uint64_t hash_x0(uint64_t x0)
{
    uint64_t h = x0;
    for (uint64_t k = 1; k < 12; k++) {
        h = (h ^ (x0 + k * 0x1111)) * 3;
    }
    return h;
}

/* The reference: the helper itself, with the host fast path off (the exact library). */
static void reference(const IRHostFp *h, bool vec, unsigned oprsz, unsigned layout,
                      CPUARMState *env)
{
    unsigned rd = 0, rn = 1, rm = 2;
    uint64_t p = (uint64_t)(uintptr_t)env;

    if (layout == 1) {
        rd = rn;
    } else if (layout == 2) {
        rn = rm;
    }
    fpr_host_fastpath(false);
    if (vec) {
        h->vfn(p, vfast_regs(rd, rn, rm, oprsz == 16));
    } else {
        uint64_t mask = h->esize == 8 ? UINT64_MAX : 0xffffffffu;
        uint64_t a = env->vregs[rn][0] & mask, b = env->vregs[rm][0] & mask;
        uint64_t r = h->fn3 ? h->fn3(p, a, b) : h->fn2(p, a);
        env->vregs[rd][0] = r;
        env->vregs[rd][1] = 0;
    }
    fpr_host_fastpath(true);
    env->xregs[0] = hash_x0(env->xregs[0]);
}

static bool same(const CPUARMState *x, const CPUARMState *y)
{
    return x->fpsr == y->fpsr && x->fpcr == y->fpcr && x->xregs[0] == y->xregs[0] &&
           !memcmp(x->vregs, y->vregs, sizeof(x->vregs));
}

static void check_record(const IRHostFp *h, bool vec, const char *name, unsigned iters)
{
    static CPUARMState in, want, got_jit, got_interp;
    bool dbl = h->esize == 8;

    setup();
    for (unsigned oprsz = vec ? 8 : 0; oprsz <= (vec ? 16u : 0u); oprsz += 8) {
        if (vec && dbl && oprsz == 8) {
            continue;                   /* 1D is not an arrangement of these instructions */
        }
        for (unsigned layout = 0; layout < 3; layout++) {
            JitBlock b;
            IRInterpBlock *ib;
            unsigned bad = 0;

            build(h, vec, oprsz, layout);
            if (jit_compile(jit, &ir, TOKEN, &b) < 0) {
                jit_flush(jit);
                CU_ASSERT_FATAL(jit_compile(jit, &ir, TOKEN, &b) == 0);
            }
            ib = ir_interp_prepare(&ir);
            for (unsigned it = 0; it < iters; it++) {
                fill(&in, dbl);
                want = in;
                reference(h, vec, oprsz, layout, &want);
                got_jit = in;
                CU_ASSERT_EQUAL(jit_enter(jit, &got_jit, b.code), 0);
                got_interp = in;
                CU_ASSERT_EQUAL(ir_interp_run(ib, &got_interp, &cfg, TOKEN), 0);
                if (!same(&got_jit, &want) || !same(&got_interp, &want)) {
                    if (bad++ == 0) {
                        fprintf(stderr, "\n%s oprsz %u layout %u: fpcr %08x fpsr %08x "
                                "n %016llx%016llx m %016llx%016llx\n  want %016llx%016llx "
                                "fpsr %08x\n  jit  %016llx%016llx fpsr %08x\n",
                                name, oprsz, layout, in.fpcr, in.fpsr,
                                (unsigned long long)in.vregs[1][1], (unsigned long long)in.vregs[1][0],
                                (unsigned long long)in.vregs[2][1], (unsigned long long)in.vregs[2][0],
                                (unsigned long long)want.vregs[0][1], (unsigned long long)want.vregs[0][0],
                                want.fpsr, (unsigned long long)got_jit.vregs[0][1],
                                (unsigned long long)got_jit.vregs[0][0], got_jit.fpsr);
                    }
                }
            }
            CU_ASSERT_EQUAL(bad, 0);
            ir_interp_free(ib);
            jit_block_release(&b);
        }
    }
}

#define REC(hname, vec) check_record(&hostfp_##hname, vec, #hname, 3000)

static void test_scalar_s(void)
{
    REC(fadd_s, false); REC(fsub_s, false); REC(fmul_s, false); REC(fdiv_s, false);
    REC(fsqrt_s, false);
}
static void test_scalar_d(void)
{
    REC(fadd_d, false); REC(fsub_d, false); REC(fmul_d, false); REC(fdiv_d, false);
    REC(fsqrt_d, false);
}
static void test_vector_s(void)
{
    REC(vfadd_s, true); REC(vfsub_s, true); REC(vfmul_s, true); REC(vfdiv_s, true);
    REC(vfsqrt_s, true);
}
static void test_vector_d(void)
{
    REC(vfadd_d, true); REC(vfsub_d, true); REC(vfmul_d, true); REC(vfdiv_d, true);
    REC(vfsqrt_d, true);
}

/* Normal operands, default FPCR, IXC set: no call at all; without IXC: the call. */
static void test_inline_taken(void)
{
    static CPUARMState env;
    IRHostFp mul = hostfp_fmul_d, add = hostfp_vfadd_s;
    JitBlock b;

    setup();
    mul.fn3 = count_fmul_d;
    add.vfn = count_vfadd_s;
    for (int which = 0; which < 2; which++) {
        build(which ? &add : &mul, which, 16, 0);
        CU_ASSERT_FATAL(jit_compile(jit, &ir, TOKEN, &b) == 0 ||
                        (jit_flush(jit), jit_compile(jit, &ir, TOKEN, &b) == 0));
        for (int ixc = 1; ixc >= 0; ixc--) {
            memset(&env, 0, sizeof(env));
            env.fpsr = ixc ? FPSR_IXC : 0;
            for (unsigned r = 1; r < 3; r++) {
                if (which) {
                    float f[4] = { 1.5f, -3.25f, 1e10f, 7.0f };
                    memcpy(env.vregs[r], f, 16);
                } else {
                    double x = r == 1 ? 1.0 / 3.0 : 7.0;
                    memcpy(env.vregs[r], &x, 8);
                }
            }
            n_calls = 0;
            CU_ASSERT_EQUAL(jit_enter(jit, &env, b.code), 0);
            CU_ASSERT_EQUAL(n_calls, ixc ? 0u : 1u);
        }
        jit_block_release(&b);
    }
}

static CU_TestInfo tests[] = {
    { "scalar_single", test_scalar_s },
    { "scalar_double", test_scalar_d },
    { "vector_single", test_vector_s },
    { "vector_double", test_vector_d },
    { "inline_taken", test_inline_taken },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return cunit_run_suite("jit_hostfp", tests);
}
