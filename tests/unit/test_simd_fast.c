/*
 * The inline widening / narrowing AdvSIMD translations (issue #11:
 * SADDL..USUBW, SABAL/SABDL, SMLAL/SMLSL/SMULL and their by-element and
 * unsigned forms, ADDHN/SUBHN, SSHLL/USHLL, SHLL, XTN) against the generic
 * helpers they replaced (helper_simd_3diff / helper_simd_2op, which the
 * differential suites check against QEMU): every form, every element size,
 * lower and "2" halves, overlapping registers, on random and edge-value
 * inputs.  Each instruction is translated and run on both backends (the
 * IR interpreter and the x86-64 JIT); both must give the helper's V
 * registers and FPSR bit for bit.
 */
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include "runner.h"
#include "tcg/interp.h"
#include "tcg/x86_64/emit.h"
#include "target-arm/helpers-simd.h"
#include "target-arm/translate.h"

#define MEM_SIZE 0x4000
#define CODE 0x1000
#define TOKEN 0x100000
#define ITERS 40

static uint8_t mem[MEM_SIZE] __attribute__((aligned(4096)));
static CPUARMState env, env_in, env_ref;
static IRContext ir;
static JitContext *jit;
static IRBackendConfig cfg;
static bool ready;
static sigjmp_buf fault_jmp;
static uint64_t rng = 0x2545f4914f6cdd1dull;

static uint64_t rnd64(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static void guest_fault(void *e, uint64_t addr, int is_write)
{
    siglongjmp(fault_jmp, 1);
}

static bool fetch(void *opaque, uint64_t pc, uint32_t *insn)
{
    if (pc < CODE || pc + 4 > MEM_SIZE) {
        return false;
    }
    memcpy(insn, mem + pc, 4);
    return true;
}

static void setup(void)
{
    EmuError err;

    if (ready) {
        return;
    }
    ir_init(&ir);
    arm_translate_init(&ir);
    cfg.guest_base = (uintptr_t)mem;
    cfg.guest_limit = MEM_SIZE;
    cfg.guest_fault = guest_fault;
    cfg.env_pc_offset = offsetof(CPUARMState, pc);
    if (!jit_init(&jit, 1 << 20, &cfg, &err)) {
        fprintf(stderr, "jit_init: %s\n", err.msg);
        abort();
    }
    ready = true;
}

/* A lane-rich random vector half: random bits or edge values per byte group. */
static uint64_t rnd_half(void)
{
    static const uint64_t edges[] = {
        0, UINT64_MAX, 0x8080808080808080ull, 0x7f7f7f7f7f7f7f7full, 0x8000800080008000ull,
        0x7fff7fff7fff7fffull, 0x8000000080000000ull, 0x7fffffff7fffffffull, 0x0101010101010101ull,
        0xff00ff00ff00ff00ull,
    };
    uint64_t r = rnd64();
    return (r & 3) == 0 ? edges[(r >> 8) % (sizeof(edges) / sizeof(edges[0]))] ^ (rnd64() & rnd64() & rnd64())
                        : rnd64();
}

static void random_state(void)
{
    memset(&env, 0, sizeof(env));
    env.zf = 1;
    env.excl_addr = UINT64_MAX;
    env.sp = 0x3000;
    for (unsigned r = 0; r < 32; r++) {
        env.vregs[r][0] = rnd_half();
        env.vregs[r][1] = rnd_half();
    }
    env.fpsr = (rnd64() & 1) ? FPSR_QC : 0;
}

/* Translate the one word, run it on the backend, leave the result in env. */
static void run_insn(uint32_t insn, bool use_jit)
{
    static JitBlock jb;
    static bool have_jb;
    static IRInterpBlock *ib;

    memcpy(mem + CODE, &insn, 4);
    ir_reset(&ir);
    arm_translate_block(&ir, CODE, ARM_FEATURE_PMULL, 1, fetch, NULL);
    ir_optimize(&ir);
    if (use_jit) {
        if (have_jb) {
            jit_block_release(&jb);
        }
        if (jit_compile(jit, &ir, TOKEN, &jb) < 0) {
            jit_flush(jit);
            CU_ASSERT_FATAL(jit_compile(jit, &ir, TOKEN, &jb) == 0);
        }
        have_jb = true;
    } else {
        ib = ir_interp_prepare(&ir);
    }
    if (sigsetjmp(fault_jmp, 1) == 0) {
        if (use_jit) {
            jit_enter(jit, &env, jb.code);
        } else {
            ir_interp_run(ib, &env, &cfg, TOKEN);
        }
    } else {
        CU_FAIL("guest fault");
    }
    ir_interp_free(ib);
    ib = NULL;
}

static int mismatches;

/* Both backends against env_ref (the helper's result from env_in). */
static void check_backends(uint32_t insn)
{
    for (int b = 0; b < 2; b++) {
        memcpy(&env, &env_in, sizeof(env));
        run_insn(insn, b == 1);
        bool same = memcmp(env.vregs, env_ref.vregs, sizeof(env.vregs)) == 0 &&
                    env.fpsr == env_ref.fpsr;
        CU_ASSERT(same);
        CU_ASSERT_EQUAL(env.pc, CODE + 4);
        if (!same && mismatches++ < 5) {
            for (unsigned r = 0; r < 4; r++) {
                fprintf(stderr, "\n  %08x %s v%u: %016llx:%016llx want %016llx:%016llx", insn,
                        b ? "jit" : "interp", r, (unsigned long long)env.vregs[r][1],
                        (unsigned long long)env.vregs[r][0], (unsigned long long)env_ref.vregs[r][1],
                        (unsigned long long)env_ref.vregs[r][0]);
            }
        }
    }
}

static uint64_t envp(CPUARMState *e)
{
    return (uint64_t)(uintptr_t)e;
}

/* C7.2 three different: op = the LONG3 opcode (0-14), u, size 0-2, q. */
static void test_long3(void)
{
    /* The forms that are inline, and RADDHN/RSUBHN/SQDML* kept as helpers for contrast. */
    static const struct { unsigned op, u; } forms[] = {
        { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 }, { 2, 0 }, { 2, 1 }, { 3, 0 }, { 3, 1 },
        { 4, 0 }, { 4, 1 }, { 5, 0 }, { 5, 1 }, { 6, 0 }, { 6, 1 }, { 7, 0 }, { 7, 1 },
        { 8, 0 }, { 8, 1 }, { 9, 0 }, { 10, 0 }, { 10, 1 }, { 12, 0 }, { 12, 1 },
    };

    setup();
    for (unsigned f = 0; f < sizeof(forms) / sizeof(forms[0]); f++) {
        for (unsigned size = 0; size < 3; size++) {
            for (unsigned q = 0; q < 2; q++) {
                for (int it = 0; it < ITERS; it++) {
                    unsigned rd = rnd64() % 4, rn = rnd64() % 4, rm = rnd64() % 4;
                    uint32_t insn = 0x0e200000u | q << 30 | forms[f].u << 29 | size << 22 | rm << 16 |
                                    forms[f].op << 12 | rn << 5 | rd;
                    if (forms[f].op == 9 && size == 0) {
                        continue;
                    }
                    random_state();
                    memcpy(&env_in, &env, sizeof(env));
                    memcpy(&env_ref, &env, sizeof(env));
                    helper_simd_3diff(envp(&env_ref),
                                      simd_desc(SIMD_SADDL + 2 * forms[f].op + forms[f].u, size, q,
                                                false, 0),
                                      VREG_OFS(rd), VREG_OFS(rn), VREG_OFS(rm));
                    check_backends(insn);
                }
            }
        }
    }
}

/* C7.2 SMLAL/SMLSL/SMULL (by element) and the unsigned forms, 16- and 32-bit elements. */
static void test_long_by_element(void)
{
    static const unsigned opc[3] = { 0x2, 0x6, 0xa };   /* MLAL, MLSL, MULL */
    static const unsigned op3[3] = { 8, 10, 12 };

    setup();
    for (unsigned f = 0; f < 3; f++) {
        for (unsigned u = 0; u < 2; u++) {
            for (unsigned size = 1; size < 3; size++) {
                for (int it = 0; it < 2 * ITERS; it++) {
                    unsigned q = rnd64() & 1, rd = rnd64() % 4, rn = rnd64() % 4, rm = rnd64() % 4;
                    unsigned idx = (unsigned)rnd64() % (size == 1 ? 8 : 4);
                    unsigned h, l, m;
                    if (size == 1) {
                        h = idx >> 2; l = (idx >> 1) & 1; m = idx & 1;
                    } else {
                        h = idx >> 1; l = idx & 1; m = 0;
                    }
                    uint32_t insn = 0x0f000000u | q << 30 | u << 29 | size << 22 | l << 21 | m << 20 |
                                    rm << 16 | opc[f] << 12 | h << 11 | rn << 5 | rd;
                    random_state();
                    memcpy(&env_in, &env, sizeof(env));
                    memcpy(&env_ref, &env, sizeof(env));
                    /* The reference: the element broadcast into a scratch vector. */
                    uint64_t e = 0;
                    memcpy(&e, (uint8_t *)env_ref.vregs[rm] + (idx << size), 1u << size);
                    for (unsigned k = 0; k < 16u >> size; k++) {
                        memcpy((uint8_t *)env_ref.vscratch[7] + (k << size), &e, 1u << size);
                    }
                    helper_simd_3diff(envp(&env_ref), simd_desc(SIMD_SADDL + 2 * op3[f] + u, size, q,
                                                                false, 0),
                                      VREG_OFS(rd), VREG_OFS(rn), VSCRATCH_OFS(7));
                    check_backends(insn);
                }
            }
        }
    }
}

/* C7.2 SSHLL/USHLL (incl. SXTL/UXTL), every size and shift. */
static void test_shll_imm(void)
{
    setup();
    for (unsigned u = 0; u < 2; u++) {
        for (unsigned size = 0; size < 3; size++) {
            for (unsigned sh = 0; sh < (8u << size); sh++) {
                for (int it = 0; it < 4; it++) {
                    unsigned q = rnd64() & 1, rd = rnd64() % 4, rn = rnd64() % 4;
                    unsigned immhb = (8u << size) + sh;
                    uint32_t insn = 0x0f00a400u | q << 30 | u << 29 | immhb << 16 | rn << 5 | rd;
                    random_state();
                    memcpy(&env_in, &env, sizeof(env));
                    memcpy(&env_ref, &env, sizeof(env));
                    helper_simd_2op(envp(&env_ref), simd_desc(u ? SIMD_USHLL : SIMD_SSHLL, size, q,
                                                              false, sh),
                                    VREG_OFS(rd), VREG_OFS(rn));
                    check_backends(insn);
                }
            }
        }
    }
}

/* C7.2 SHLL/SHLL2 and XTN/XTN2. */
static void test_shll_xtn(void)
{
    setup();
    for (unsigned xtn = 0; xtn < 2; xtn++) {
        for (unsigned size = 0; size < 3; size++) {
            for (unsigned q = 0; q < 2; q++) {
                for (int it = 0; it < ITERS; it++) {
                    unsigned rd = rnd64() % 4, rn = rnd64() % 4;
                    uint32_t insn = (xtn ? 0x0e212800u : 0x2e213800u) | q << 30 | size << 22 |
                                    rn << 5 | rd;
                    random_state();
                    memcpy(&env_in, &env, sizeof(env));
                    memcpy(&env_ref, &env, sizeof(env));
                    helper_simd_2op(envp(&env_ref), simd_desc(xtn ? SIMD_XTN : SIMD_SHLL, size, q,
                                                              false, 0),
                                    VREG_OFS(rd), VREG_OFS(rn));
                    check_backends(insn);
                }
            }
        }
    }
}

static CU_TestInfo tests[] = {
    { "three different vs helper_simd_3diff", test_long3 },
    { "long by element vs helper_simd_3diff", test_long_by_element },
    { "SSHLL/USHLL vs helper_simd_2op", test_shll_imm },
    { "SHLL and XTN vs helper_simd_2op", test_shll_xtn },
    CU_TEST_INFO_NULL
};

int main(void)
{
    return cunit_run_suite("simd_fast", tests);
}
