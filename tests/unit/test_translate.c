/*
 * Unit tests of the A64 frontend: instruction words (assembled with GNU as,
 * the assembly in the comment next to each) are translated into a block
 * with arm_translate_block, optimised, run in the IR interpreter over a
 * CPUARMState and a 64 KB guest memory buffer (guest_base = its address),
 * and the registers, flags and memory are checked against the Arm ARM's
 * results (a sample of the less obvious ones -- SBCS/CCMN flags, CLS, SBFIZ,
 * EXTR W, LDSMAXB -- confirmed on qemu-aarch64-static).
 */
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include "runner.h"
#include "tcg/interp.h"
#include "target-arm/helpers.h"
#include "target-arm/translate.h"

#define MEM_SIZE 0x10000
#define CODE 0x1000      /* where the instructions are placed */
#define DATA 0x8000      /* scratch data area */
#define TOKEN 0x100000   /* exit_link returns TOKEN | slot */
#define ALL_FEATURES (ARM_FEATURE_LSE | ARM_FEATURE_CRC32 | ARM_FEATURE_LOR | ARM_FEATURE_SB)

static uint8_t mem[MEM_SIZE] __attribute__((aligned(4096)));
static CPUARMState env;
static IRContext ir;
static bool ir_ready;
static sigjmp_buf fault_jmp;
static int fault_kind = -1;
static uint64_t fault_addr;
static uint64_t features = ALL_FEATURES;

static void guest_fault(void *e, uint64_t addr, int is_write)
{
    fault_kind = is_write;
    fault_addr = addr;
    siglongjmp(fault_jmp, 1);
}

/* The accel hook of helpers.h for the 16-byte CAS helpers. */
static void *test_host_addr(CPUARMState *e, uint64_t addr, unsigned size, unsigned align_log2,
                            int is_write)
{
    if (addr & ((1ull << align_log2) - 1)) {
        guest_fault(e, addr, is_write + 2);
    }
    if (addr > MEM_SIZE - size) {
        guest_fault(e, addr, is_write);
    }
    return mem + addr;
}

static bool fetch(void *opaque, uint64_t pc, uint32_t *insn)
{
    if (pc < CODE || pc + 4 > DATA) {
        return false;
    }
    memcpy(insn, mem + pc, 4);
    return true;
}

static void reset(void)
{
    memset(&env, 0, sizeof(env));
    env.zf = 1;
    env.excl_addr = UINT64_MAX;
    env.sp = 0xF000;
    memset(mem, 0, sizeof(mem));
    fault_kind = -1;
    features = ALL_FEATURES;
}

/*
 * Place n words at CODE, translate one block of at most n instructions
 * starting there and run it once.  Returns what the block returned (an
 * IRExitReason or TOKEN | slot); -1 after a guest memory fault.
 */
static long run_words(const uint32_t *w, int n, int max_insns)
{
    static IRInterpBlock *b;
    IRBackendConfig cfg = {
        .guest_base = (uintptr_t)mem,
        .guest_limit = MEM_SIZE,
        .guest_fault = guest_fault,
        .env_pc_offset = offsetof(CPUARMState, pc),
    };
    long r;

    if (!ir_ready) {
        ir_init(&ir);
        arm_translate_init(&ir);
        arm_guest_host_addr = test_host_addr;
        ir_ready = true;
    }
    memcpy(mem + CODE, w, 4 * n);
    ir_reset(&ir);
    arm_translate_block(&ir, CODE, features, max_insns, fetch, NULL);
    ir_optimize(&ir);
    ir_interp_free(b);
    b = ir_interp_prepare(&ir);
    if (sigsetjmp(fault_jmp, 1)) {
        return -1;
    }
    r = (long)ir_interp_run(b, &env, &cfg, TOKEN);
    return r;
}

#define RUN(...) ({ static const uint32_t c_[] = { __VA_ARGS__ }; \
                    run_words(c_, (int)(sizeof(c_) / 4), (int)(sizeof(c_) / 4)); })
/* Only the first n words are instructions (the rest is literal data). */
#define RUNN(n, ...) ({ static const uint32_t c_[] = { __VA_ARGS__ }; \
                        run_words(c_, (int)(sizeof(c_) / 4), (n)); })

/* NZCV as a 4-bit number. */
static unsigned nzcv(void)
{
    return arm_get_nzcv(&env) >> 28;
}

static void set_nzcv(unsigned f)
{
    arm_set_nzcv(&env, (uint32_t)f << 28);
}

static uint64_t rd64(uint64_t a) { uint64_t v; memcpy(&v, mem + a, 8); return v; }
static uint32_t rd32(uint64_t a) { uint32_t v; memcpy(&v, mem + a, 4); return v; }
static void wr64(uint64_t a, uint64_t v) { memcpy(mem + a, &v, 8); }
static void wr32(uint64_t a, uint32_t v) { memcpy(mem + a, &v, 4); }

#define X(n) env.xregs[n]
#define EQ(a, b) CU_ASSERT_EQUAL((uint64_t)(a), (uint64_t)(b))
#define UNDEF() do { EQ(env.exception_class, ARM_EXC_UNDEF); EQ(env.pc, CODE); } while (0)

/* ------------------------------------------------------------------ */

static void test_addsub_imm(void)
{
    reset();
    X(1) = 5;
    env.sp = 0x8000;
    RUN(0x91000420 /* add x0, x1, #1 */, 0x910043e2 /* add x2, sp, #16 */, 0x51001823 /* sub w3, w1, #6 */,
        0x914007ff /* add sp, sp, #1, lsl #12 */, 0x910003e4 /* mov x4, sp */);
    EQ(X(0), 6);
    EQ(X(2), 0x8010);
    EQ(X(3), 0xffffffff);
    EQ(env.sp, 0x9000);
    EQ(X(4), 0x9000);

    reset();
    X(1) = 5;
    RUN(0xf100143f /* cmp x1, #5 */);
    EQ(nzcv(), 0x6);                 /* Z C */

    reset();
    X(6) = 0x7fffffff;
    RUN(0x310004c5 /* adds w5, w6, #1 */);
    EQ(X(5), 0x80000000);
    EQ(nzcv(), 0x9);                 /* N V */

    reset();
    X(6) = UINT64_MAX;
    RUN(0xb10004c5 /* adds x5, x6, #1 */);
    EQ(X(5), 0);
    EQ(nzcv(), 0x6);

    reset();
    X(6) = 0;
    RUN(0x710004c5 /* subs w5, w6, #1 */);
    EQ(X(5), 0xffffffff);
    EQ(nzcv(), 0x8);                 /* borrow: C clear */

    reset();
    X(6) = 0x8000000000000000ull;
    RUN(0xf10004c5 /* subs x5, x6, #1 */);
    EQ(X(5), 0x7fffffffffffffffull);
    EQ(nzcv(), 0x3);                 /* C V */

    reset();
    X(6) = 0x12345678ffffffffull;    /* the upper half must not matter */
    RUN(0x310004df /* cmn w6, #1 */);
    EQ(nzcv(), 0x6);

    reset();
    env.sp = 0x10;
    RUN(0xf10043ff /* subs xzr, sp, #0x10 */);   /* cmp sp, #16: Rn = SP, Rd = XZR */
    EQ(nzcv(), 0x6);
    EQ(env.sp, 0x10);
}

static void test_adr(void)
{
    reset();
    RUN(0x10000800 /* adr x0, .+0x100 */, 0x10ff7fe1 /* adr x1, .-0x1004 */, 0xf0000002 /* adrp x2, .+0x3000 (by hand: as leaves a relocation) */,
        0xf0ffffe3 /* adrp x3, .-0x1000 */,
        0x1000005f /* adr xzr, .+8 */);
    EQ(X(0), CODE + 0x100);
    EQ(X(1), CODE + 4 - 0x1004);
    EQ(X(2), (CODE & ~0xfffull) + 0x3000);
    EQ(X(3), (CODE & ~0xfffull) - 0x1000);
}

static void test_logic_imm(void)
{
    reset();
    X(1) = 0x8123456789abcdefull;
    RUN(0x92401c20 /* and x0, x1, #0xff */, 0x3200f3e2 /* orr w2, wzr, #0x55555555 */,
        0xd201f023 /* eor x3, x1, #0xaaaaaaaaaaaaaaaa */, 0xb27103ff /* mov sp, #0x8000 */,
        0x1204cc25 /* and w5, w1, #0xf0f0f0f0 */, 0xf2410024 /* ands x4, x1, #0x8000000000000000 */);
    EQ(X(0), 0xef);
    EQ(X(2), 0x55555555);
    EQ(X(3), 0x8123456789abcdefull ^ 0xaaaaaaaaaaaaaaaaull);
    EQ(env.sp, 0x8000);
    EQ(X(5), 0x80a0c0e0);
    EQ(X(4), 0x8000000000000000ull);
    EQ(nzcv(), 0x8);

    reset();
    X(1) = 2;
    set_nzcv(0xf);
    RUN(0x7200003f /* tst w1, #1 */);
    EQ(nzcv(), 0x4);                 /* Z, C and V cleared */

    /* AND (immediate) with N=1, imms=111111: a reserved bitmask. */
    reset();
    RUN(0x9240fc00 /* and x0, x0, #<reserved> */);
    UNDEF();
}

static void test_move_wide(void)
{
    reset();
    X(3) = 0x1111111111111111ull;
    X(4) = UINT64_MAX;
    RUN(0xd2c24680 /* movz x0, #0x1234, lsl #32 */, 0x12800001 /* movn w1, #0 */, 0x92800002 /* movn x2, #0 */,
        0xf2b7dde3 /* movk x3, #0xbeef, lsl #16 */, 0x7297dde4 /* movk w4, #0xbeef */, 0x92e00025 /* movn x5, #0x1, lsl #48 */);
    EQ(X(0), 0x123400000000ull);
    EQ(X(1), 0xffffffff);
    EQ(X(2), UINT64_MAX);
    EQ(X(3), 0x11111111beef1111ull);
    EQ(X(4), 0xffffbeef);
    EQ(X(5), 0xfffeffffffffffffull);
}

static void test_bitfield(void)
{
    const uint64_t x1 = 0xf0000000812345f5ull;

    reset();
    X(1) = x1;
    X(10) = 0xaaaaaaaaaaaaaaaaull;
    X(11) = 0xbbbbbbbbbbbbbbbbull;
    X(17) = 0x0123456789abcdefull;
    RUN(0xd37cec20 /* lsl x0, x1, #4 */, 0x53047c22 /* lsr w2, w1, #4 */, 0x937ffc23 /* asr x3, x1, #63 */, 0x131f7c24 /* asr w4, w1, #31 */,
        0x93401c25 /* sxtb x5, w1 */, 0x53003c26 /* uxth w6, w1 */, 0x93407c27 /* sxtw x7, w1 */, 0xd3483c28 /* ubfx x8, x1, #8, #8 */,
        0x13041c29 /* sbfx w9, w1, #4, #4 */, 0xb3783c2a /* bfi x10, x1, #8, #16 */, 0x33042c2b /* bfxil w11, w1, #4, #8 */,
        0x93440c2c /* sbfiz x12, x1, #60, #4 */, 0x53040c2d /* ubfiz w13, w1, #28, #4 */, 0x5301002e /* lsl w14, w1, #31 */,
        0x93c1202f /* ror x15, x1, #8 */, 0x93d13030 /* extr x16, x1, x17, #12 */, 0x13911032 /* extr w18, w1, w17, #4 */,
        0x13810033 /* ror w19, w1, #0 */, 0x937c1c34 /* sbfiz x20, x1, #4, #8 */, 0xd37ffc35 /* lsr x21, x1, #63 */);
    EQ(X(0), x1 << 4);
    EQ(X(2), 0x0812345f);
    EQ(X(3), UINT64_MAX);
    EQ(X(4), 0xffffffff);
    EQ(X(5), 0xfffffffffffffff5ull);
    EQ(X(6), 0x45f5);
    EQ(X(7), 0xffffffff812345f5ull);
    EQ(X(8), 0x45);
    EQ(X(9), 0xffffffff);
    EQ(X(10), 0xaaaaaaaaaa45f5aaull);
    EQ(X(11), 0xbbbbbb5f);
    EQ(X(12), 0x5000000000000000ull);
    EQ(X(13), 0x50000000);
    EQ(X(14), 0x80000000);
    EQ(X(15), (x1 >> 8) | (x1 << 56));
    EQ(X(16), (0x0123456789abcdefull >> 12) | (x1 << 52));
    EQ(X(18), 0x589abcde);
    EQ(X(19), 0x812345f5);
    EQ(X(20), 0xffffffffffffff50ull);   /* field 0xf5 sign-extended, shifted by 4 */
    EQ(X(21), 1);
}

static void test_logic_reg(void)
{
    const uint64_t a = 0x0123456789abcdefull, b = 0xf0f0f0f00f0f0f0full;

    reset();
    X(1) = a;
    X(2) = b;
    RUN(0x8a021020 /* and x0, x1, x2, lsl #4 */, 0x0a620423 /* bic w3, w1, w2, lsr #1 */, 0xaa2203e4 /* mvn x4, x2 */,
        0x4aa21025 /* eon w5, w1, w2, asr #4 */, 0xcac2f026 /* eor x6, x1, x2, ror #60 */, 0x2ac113e9 /* orr w9, wzr, w1, ror #4 */,
        0xaa82fc2a /* orr x10, x1, x2, asr #63 */, 0x6a020027 /* ands w7, w1, w2 */);
    EQ(X(0), a & (b << 4));
    EQ(X(3), (uint32_t)a & ~((uint32_t)b >> 1));
    EQ(X(4), ~b);
    EQ(X(5), (uint32_t)(a ^ ~(uint64_t)(uint32_t)((int32_t)(uint32_t)b >> 4)));
    EQ(X(6), a ^ ((b >> 60) | (b << 4)));
    EQ(X(9), 0xf89abcde);
    EQ(X(10), UINT64_MAX);
    EQ(X(7), 0x090b0d0f);
    EQ(nzcv(), 0x0);

    reset();
    X(1) = a;
    set_nzcv(0x3);
    RUN(0xea210028 /* bics x8, x1, x1 */);
    EQ(X(8), 0);
    EQ(nzcv(), 0x4);
}

static void test_addsub_reg(void)
{
    reset();
    X(1) = 100;
    X(2) = 0xfffffffffffffff0ull;   /* -16 */
    env.sp = 0x8000;
    RUN(0x8b020c2a /* add x10, x1, x2, lsl #3 */, 0x4b427c2b /* sub w11, w1, w2, lsr #31 */,
        0x8b220bed /* add x13, sp, w2, uxtb #2 */, 0x0b22a02e /* add w14, w1, w2, sxth */,
        0xcb22c3ff /* sub sp, sp, w2, sxtw */, 0x8b22502f /* add x15, x1, w2, uxtw #4 */, 0xcb0107f0 /* neg x16, x1, lsl #1 */);
    EQ(X(10), 100 - 128);
    EQ(X(11), 99);
    EQ(X(13), 0x8000 + 0xf0 * 4);
    EQ(X(14), 84);
    EQ(env.sp, 0x8010);
    EQ(X(15), 100 + (0xfffffff0ull << 4));
    EQ(X(16), (uint64_t)-200);

    reset();
    X(1) = 0x7fffffffffffffffull;
    X(2) = 1;
    RUN(0xab02002c /* adds x12, x1, x2 */);
    EQ(X(12), 0x8000000000000000ull);
    EQ(nzcv(), 0x9);

    reset();
    X(1) = 0x80000000;
    X(2) = 1;
    RUN(0x6b02002c /* subs w12, w1, w2 */);
    EQ(X(12), 0x7fffffff);
    EQ(nzcv(), 0x3);

    reset();
    X(1) = 3;
    X(2) = 0xfffffffffffffffdull;
    RUN(0xab02003f /* cmn x1, x2 */);
    EQ(nzcv(), 0x6);

    reset();
    X(1) = 0x10;
    X(2) = 0x20;
    env.sp = 0x30;
    RUN(0xeb2167ff /* cmp sp, x1, uxtx #1 */, 0xab2243e3 /* adds x3, sp, w2, uxtw */);
    EQ(X(3), 0x50);
    EQ(nzcv(), 0x0);

    /* ADD (shifted register) with shift = ROR is unallocated. */
    reset();
    RUN(0x8bc00000 /* add x0, x0, x0, ror #0 */);
    UNDEF();
}

static void test_adc(void)
{
    reset();
    X(1) = UINT64_MAX;
    X(2) = 0;
    set_nzcv(0x2);
    RUN(0xba020020 /* adcs x0, x1, x2 */);
    EQ(X(0), 0);
    EQ(nzcv(), 0x6);

    reset();
    X(1) = 0x7fffffff;
    set_nzcv(0x2);
    RUN(0x3a1f0020 /* adcs w0, w1, wzr */);
    EQ(X(0), 0x80000000);
    EQ(nzcv(), 0x9);

    reset();
    set_nzcv(0x0);
    RUN(0xfa1f03e0 /* sbcs x0, xzr, xzr */);
    EQ(X(0), UINT64_MAX);
    EQ(nzcv(), 0x8);

    reset();
    X(1) = 5;
    X(2) = 4;
    set_nzcv(0x2);
    RUN(0x7a020020 /* sbcs w0, w1, w2 */);
    EQ(X(0), 1);
    EQ(nzcv(), 0x2);

    reset();
    X(1) = 5;
    X(2) = 4;
    set_nzcv(0x0);
    RUN(0xda020020 /* sbc x0, x1, x2 */, 0x1a020023 /* adc w3, w1, w2 */, 0xda0203e4 /* ngc x4, x2 */);
    EQ(X(0), 0);
    EQ(X(3), 9);
    EQ(X(4), (uint64_t)-5);
    EQ(nzcv(), 0x0);                  /* ADC/SBC without S leave the flags */

    reset();
    X(1) = 0x80000000;
    X(2) = 0;
    set_nzcv(0x0);
    RUN(0x7a020020 /* sbcs w0, w1, w2 */);        /* INT_MIN - 0 - 1 overflows */
    EQ(X(0), 0x7fffffff);
    EQ(nzcv(), 0x3);
}

static void test_ccmp_csel(void)
{
    reset();
    X(1) = 7;
    X(2) = 7;
    X(3) = 1;
    X(4) = 2;
    RUN(0xeb02003f /* cmp x1, x2 */, 0xfa440065 /* ccmp x3, x4, #0b0101, eq */);   /* eq holds: flags of 1 - 2 */
    EQ(nzcv(), 0x8);

    reset();
    X(1) = 7;
    X(2) = 8;
    RUN(0xeb02003f /* cmp x1, x2 */, 0xfa440065 /* ccmp x3, x4, #0b0101, eq */);   /* eq fails: nzcv = 0101 */
    EQ(nzcv(), 0x5);

    reset();
    X(1) = 0xfffffffd;
    set_nzcv(0x0);
    RUN(0x3a431822 /* ccmn w1, #3, #2, ne */);                        /* ne holds: -3 + 3 = 0, C */
    EQ(nzcv(), 0x6);

    reset();
    X(1) = 5;
    set_nzcv(0x4);
    RUN(0xfa5f182a /* ccmp x1, #31, #0b1010, ne */);
    EQ(nzcv(), 0xa);

    reset();
    X(1) = 5;
    set_nzcv(0x0);
    RUN(0xfa45e820 /* ccmp x1, #5, #0, al */);
    EQ(nzcv(), 0x6);

    reset();
    X(1) = 0x1111;
    X(2) = 0x2222;
    X(3) = 0xffffffff00000005ull;
    set_nzcv(0x4);                     /* Z */
    RUN(0x9a820020 /* csel x0, x1, x2, eq */, 0x9a821024 /* csel x4, x1, x2, ne */, 0x9a821425 /* csinc x5, x1, x2, ne */,
        0x5a831026 /* csinv w6, w1, w3, ne */, 0xda831427 /* csneg x7, x1, x3, ne */, 0x1a9f17e8 /* cset w8, eq */,
        0xda9f03e9 /* csetm x9, ne */, 0x9a81142a /* cinc x10, x1, eq */, 0x5a83146b /* cneg w11, w3, eq */, 0x5a83042c /* csneg w12, w1, w3, eq */);
    EQ(X(0), 0x1111);
    EQ(X(4), 0x2222);
    EQ(X(5), 0x2223);
    EQ(X(6), 0xfffffffa);
    EQ(X(7), 0x00000000fffffffbull);
    EQ(X(8), 1);
    EQ(X(9), 0);
    EQ(X(10), 0x1112);
    EQ(X(11), 0xfffffffb);
    EQ(X(12), 0x1111);

    /* Signed conditions after a compare with overflow: -2^63 < 1 */
    reset();
    X(1) = 0x8000000000000000ull;
    X(2) = 1;
    RUN(0xeb02003f /* cmp x1, x2 */, 0x9a9fa7e3 /* cset x3, lt */, 0x9a9fd7e4 /* cset x4, gt */, 0x9a9f97e5 /* cset x5, hi */, 0x9a9f87e6 /* cset x6, ls */,
        0x9a9f77e7 /* cset x7, vs */, 0x9a9fb7e8 /* cset x8, ge */, 0x9a9fc7e9 /* cset x9, le */, 0x9a9f37ea /* cset x10, cs */);
    EQ(X(3), 1);
    EQ(X(4), 0);
    EQ(X(5), 1);
    EQ(X(6), 0);
    EQ(X(7), 1);
    EQ(X(8), 0);
    EQ(X(9), 1);
    EQ(X(10), 1);
}

static void test_mul_div(void)
{
    reset();
    X(1) = 0xfffffffffffffffeull;   /* -2 */
    X(2) = 0x100000003ull;
    X(3) = 1000;
    RUN(0x9b020c20 /* madd x0, x1, x2, x3 */, 0x1b028c24 /* msub w4, w1, w2, w3 */, 0x9b02fc25 /* mneg x5, x1, x2 */,
        0x9b220c26 /* smaddl x6, w1, w2, x3 */, 0x9ba20c27 /* umaddl x7, w1, w2, x3 */, 0x9b228c28 /* smsubl x8, w1, w2, x3 */,
        0x9ba28c29 /* umsubl x9, w1, w2, x3 */, 0x9b427c2a /* smulh x10, x1, x2 */, 0x9bc27c2b /* umulh x11, x1, x2 */,
        0x1b027c2c /* mul w12, w1, w2 */);
    EQ(X(0), 1000 + (uint64_t)-2 * 0x100000003ull);
    EQ(X(4), (uint32_t)(1000 + 6));
    EQ(X(5), 2 * 0x100000003ull);
    EQ(X(6), 1000 - 6);
    EQ(X(7), 1000 + 0xfffffffeull * 3);
    EQ(X(8), 1006);
    EQ(X(9), 1000 - 0xfffffffeull * 3);
    EQ(X(10), UINT64_MAX);            /* -2 * 0x100000003 < 0, small */
    EQ(X(11), 0x100000002ull);
    EQ(X(12), 0xfffffffa);

    reset();
    X(1) = 0x8000000000000000ull;
    X(2) = UINT64_MAX;
    X(3) = 0x80000000;
    X(4) = 0xffffffff;
    X(5) = (uint64_t)-7;
    X(6) = 2;
    RUN(0x9ac20c20 /* sdiv x0, x1, x2 */, 0x1ac40c67 /* sdiv w7, w3, w4 */, 0x9adf0ca8 /* sdiv x8, x5, xzr */, 0x9adf08a9 /* udiv x9, x5, xzr */,
        0x9ac60caa /* sdiv x10, x5, x6 */, 0x1ac608ab /* udiv w11, w5, w6 */, 0x9ac608ac /* udiv x12, x5, x6 */, 0x1ac60cad /* sdiv w13, w5, w6 */);
    EQ(X(0), 0x8000000000000000ull);
    EQ(X(7), 0x80000000);
    EQ(X(8), 0);
    EQ(X(9), 0);
    EQ(X(10), (uint64_t)-3);
    EQ(X(11), 0x7ffffffc);
    EQ(X(12), 0x7ffffffffffffffcull);
    EQ(X(13), 0xfffffffd);
}

static void test_shift_reg(void)
{
    reset();
    X(1) = 0x8000000000000001ull;
    X(2) = 67;
    X(3) = 32;
    X(4) = 31;
    X(5) = 63;
    X(6) = 33;
    X(7) = 0;
    RUN(0x9ac22020 /* lsl x0, x1, x2 */, 0x1ac32428 /* lsr w8, w1, w3 */, 0x1ac42829 /* asr w9, w1, w4 */, 0x9ac52c2a /* ror x10, x1, x5 */,
        0x1ac6202b /* lsl w11, w1, w6 */, 0x9ac5282c /* asr x12, x1, x5 */, 0x1ac62c2d /* ror w13, w1, w6 */, 0x9ac7242e /* lsr x14, x1, x7 */,
        0x9ac2282f /* asr x15, x1, x2 */);
    EQ(X(0), 8);
    EQ(X(8), 1);
    EQ(X(9), 0);
    EQ(X(10), 3);
    EQ(X(11), 2);
    EQ(X(12), UINT64_MAX);
    EQ(X(13), 0x80000000);
    EQ(X(14), 0x8000000000000001ull);
    EQ(X(15), 0xf000000000000000ull);
}

static void test_one_source(void)
{
    reset();
    X(1) = 0x0123456789abcdefull;
    X(2) = 1;
    RUN(0xdac00020 /* rbit x0, x1 */, 0x5ac00023 /* rbit w3, w1 */, 0xdac00424 /* rev16 x4, x1 */, 0x5ac00425 /* rev16 w5, w1 */,
        0xdac00826 /* rev32 x6, x1 */, 0x5ac00827 /* rev w7, w1 */, 0xdac00c28 /* rev x8, x1 */, 0xdac013e9 /* clz x9, xzr */, 0x5ac013ea /* clz w10, wzr */,
        0x5ac0104b /* clz w11, w2 */, 0xdac017ec /* cls x12, xzr */, 0x5ac017ed /* cls w13, wzr */, 0xdac0102e /* clz x14, x1 */);
    EQ(X(0), 0xf7b3d591e6a2c480ull);
    EQ(X(3), 0xf7b3d591);
    EQ(X(4), 0x23016745ab89efcdull);
    EQ(X(5), 0xab89efcd);
    EQ(X(6), 0x67452301efcdab89ull);
    EQ(X(7), 0xefcdab89);
    EQ(X(8), 0xefcdab8967452301ull);
    EQ(X(9), 64);
    EQ(X(10), 32);
    EQ(X(11), 31);
    EQ(X(12), 63);
    EQ(X(13), 31);
    EQ(X(14), 7);

    reset();
    X(1) = UINT64_MAX;
    X(2) = 1;
    X(3) = 0x40000000;
    X(4) = 0xffffffff00000000ull;
    RUN(0x5ac01420 /* cls w0, w1 */, 0xdac01445 /* cls x5, x2 */, 0x5ac01466 /* cls w6, w3 */, 0x5ac01487 /* cls w7, w4 */, 0xdac01488 /* cls x8, x4 */);
    EQ(X(0), 31);
    EQ(X(5), 62);
    EQ(X(6), 0);
    EQ(X(7), 31);
    EQ(X(8), 31);
}

static void test_crc32(void)
{
    /* The standard check values of "123456789": CRC-32 0xCBF43926, CRC-32C 0xE3069283. */
    reset();
    X(0) = 0xffffffff;
    X(1) = 0xffffffff;
    X(2) = 0x3837363534333231ull;   /* "12345678" */
    X(3) = 0x39;                    /* "9" */
    RUN(0x9ac24c00 /* crc32x w0, w0, x2 */, 0x1ac34000 /* crc32b w0, w0, w3 */, 0x2a2003e0 /* mvn w0, w0 */,
        0x9ac25c21 /* crc32cx w1, w1, x2 */, 0x1ac35021 /* crc32cb w1, w1, w3 */, 0x2a2103e1 /* mvn w1, w1 */);
    EQ(X(0), 0xCBF43926);
    EQ(X(1), 0xE3069283);

    reset();
    X(0) = 0xffffffff;
    X(2) = 0x34333231;              /* "1234" */
    X(3) = 0x3635;                  /* "56" */
    X(4) = 0xffffffffffff3837ull;   /* "78", upper bits must be ignored */
    X(5) = 0x39;
    RUN(0x1ac24800 /* crc32w w0, w0, w2 */, 0x1ac34400 /* crc32h w0, w0, w3 */, 0x1ac44400 /* crc32h w0, w0, w4 */,
        0x1ac54000 /* crc32b w0, w0, w5 */, 0x2a2003e0 /* mvn w0, w0 */);
    EQ(X(0), 0xCBF43926);

    reset();
    features = 0;
    RUN(0x1ac34000 /* crc32b w0, w0, w3 */);
    UNDEF();
}

static void test_branches(void)
{
    long r;

    reset();
    r = RUN(0x14000010 /* b .+0x40 */);
    EQ(r, TOKEN | 0);
    EQ(env.pc, CODE + 0x40);

    reset();
    r = RUN(0x97ffffc0 /* bl .-0x100 */);
    EQ(env.pc, CODE - 0x100);
    EQ(X(30), CODE + 4);

    reset();
    set_nzcv(0x4);
    r = RUN(0x54000100 /* b.eq .+0x20 */);
    EQ(r, TOKEN | 1);
    EQ(env.pc, CODE + 0x20);

    reset();
    set_nzcv(0x0);
    r = RUN(0x54000100 /* b.eq .+0x20 */);
    EQ(r, TOKEN | 0);
    EQ(env.pc, CODE + 4);

    reset();
    X(1) = 0xffffffff00000000ull;   /* W1 == 0 */
    r = RUN(0x34000401 /* cbz w1, .+0x80 */);
    EQ(env.pc, CODE + 0x80);

    reset();
    X(1) = 0xffffffff00000000ull;
    r = RUN(0xb4000401 /* cbz x1, .+0x80 */);
    EQ(env.pc, CODE + 4);

    reset();
    X(1) = 1;
    r = RUN(0xb5ffffe1 /* cbnz x1, .-4 */);
    EQ(env.pc, CODE - 4);

    reset();
    X(1) = 0x8000000000000000ull;
    r = RUN(0xb7f80061 /* tbnz x1, #63, .+12 */);
    EQ(env.pc, CODE + 12);
    EQ(r, TOKEN | 1);

    reset();
    X(1) = 0x8000000000000000ull;
    r = RUN(0xb6f80061 /* tbz x1, #63, .+12 */);
    EQ(env.pc, CODE + 4);

    reset();
    X(1) = 2;
    r = RUN(0x36000041 /* tbz w1, #0, .+8 */);
    EQ(env.pc, CODE + 8);

    reset();
    X(1) = 0x4444;
    r = RUN(0xd61f0020 /* br x1 */);
    EQ(r, IR_EXIT_NORMAL);
    EQ(env.pc, 0x4444);

    reset();
    X(30) = 0x5550;
    r = RUN(0xd63f03c0 /* blr x30 */);
    EQ(env.pc, 0x5550);
    EQ(X(30), CODE + 4);

    reset();
    X(30) = 0x6660;
    r = RUN(0xd65f03c0 /* ret */);
    EQ(env.pc, 0x6660);

    reset();
    r = RUN(0xd503201f /* nop */, 0xd4000841 /* svc #0x42 */);
    EQ(r, IR_EXIT_EXCEPTION);
    EQ(env.exception_class, ARM_EXC_SVC);
    EQ(env.exception_syndrome, 0x42);
    EQ(env.pc, CODE + 8);

    reset();
    r = RUN(0xd42000e0 /* brk #7 */);
    EQ(env.exception_class, ARM_EXC_BRK);
    EQ(env.exception_syndrome, 7);
    EQ(env.pc, CODE);

    reset();
    RUN(0xd4000002 /* hvc #0 */);
    UNDEF();

    reset();
    RUN(0xd69f03e0 /* eret */);
    UNDEF();
}

static void test_system(void)
{
    long r;

    reset();
    X(1) = 3;
    X(2) = 0x60000000;
    RUN(0xf1000c3f /* cmp x1, #3 */, 0xd53b4200 /* mrs x0, nzcv */, 0xd51b4202 /* msr nzcv, x2 */);
    EQ(X(0), 0x60000000);
    EQ(nzcv(), 0x6);

    reset();
    X(2) = 0x90000000;
    RUN(0xd51b4202 /* msr nzcv, x2 */, 0xd53b4203 /* mrs x3, nzcv */);
    EQ(nzcv(), 0x9);
    EQ(X(3), 0x90000000);

    reset();
    X(1) = 0x123456789abcdef0ull;
    X(2) = 0x03c00000;
    env.tpidrro_el0 = 0x7777;
    RUN(0xd51bd041 /* msr tpidr_el0, x1 */, 0xd53bd043 /* mrs x3, tpidr_el0 */, 0xd53bd064 /* mrs x4, tpidrro_el0 */,
        0xd51b4402 /* msr fpcr, x2 */, 0xd53b4405 /* mrs x5, fpcr */, 0xd53b4426 /* mrs x6, fpsr */, 0xd53be007 /* mrs x7, cntfrq_el0 */,
        0xd53b0028 /* mrs x8, ctr_el0 */, 0xd53b00e9 /* mrs x9, dczid_el0 */, 0xd53be04a /* mrs x10, cntvct_el0 */,
        0xd53be04b /* mrs x11, cntvct_el0 */);
    EQ(env.tpidr_el0, 0x123456789abcdef0ull);
    EQ(X(3), 0x123456789abcdef0ull);
    EQ(X(4), 0x7777);
    EQ(env.fpcr, 0x03c00000);
    EQ(X(5), 0x03c00000);
    EQ(X(6), 0);
    EQ(X(7), 62500000);
    EQ(X(8), 0x8444c004);
    EQ(X(9), 4);
    CU_ASSERT(X(10) != 0);
    CU_ASSERT(X(11) >= X(10));

    reset();
    memset(mem + DATA, 0xaa, 256);
    X(1) = DATA + 0x47;
    RUN(0xd50b7421 /* dc zva, x1 */, 0xd50b7b21 /* dc cvau, x1 */, 0xd50b7521 /* ic ivau, x1 */, 0xd50b7e21 /* dc civac, x1 */);
    EQ(rd64(DATA + 0x38), 0xaaaaaaaaaaaaaaaaull);
    EQ(rd64(DATA + 0x40), 0);
    EQ(rd64(DATA + 0x78), 0);
    EQ(rd64(DATA + 0x80), 0xaaaaaaaaaaaaaaaaull);

    reset();
    env.excl_addr = 0x1234;
    r = RUN(0xd5033f5f /* clrex */, 0xd5033bbf /* dmb ish */, 0xd5033f9f /* dsb sy */, 0xd5033fdf /* isb */, 0xd2800020 /* mov x0, #1 */);
    EQ(env.excl_addr, UINT64_MAX);
    EQ(r, IR_EXIT_NORMAL);
    EQ(env.pc, CODE + 16);           /* ISB ends the block */
    EQ(X(0), 0);

    reset();
    RUN(0xd503203f /* yield */, 0xd503205f /* wfe */, 0xd50320bf /* sevl */, 0xd503245f /* hint #34 */, 0xd50330ff /* sb */, 0xd2800020 /* mov x0, #1 */);
    EQ(X(0), 1);

    reset();
    RUN(0xd5380000 /* mrs x0, midr_el1 */);
    UNDEF();

    reset();
    RUN(0xd50342df /* msr daifset, #2 */);
    UNDEF();

    reset();
    RUN(0xd53b4220 /* mrs x0, daif */);
    UNDEF();

    reset();
    RUN(0xd50b7e21 /* dc civac, x1 */, 0xd508871f /* tlbi vmalle1 */);
    EQ(env.exception_class, ARM_EXC_UNDEF);
    EQ(env.pc, CODE + 4);
}

static void test_ldst_imm(void)
{
    reset();
    wr64(DATA, 0x8877665544332211ull);
    wr64(DATA + 8, 0xfffefdfcfbfaf9f8ull);
    X(1) = DATA;
    RUN(0xf9400020 /* ldr x0, [x1] */, 0x39401c22 /* ldrb w2, [x1, #7] */, 0x79400423 /* ldrh w3, [x1, #2] */,
        0x39c03c24 /* ldrsb w4, [x1, #15] */, 0x39803c25 /* ldrsb x5, [x1, #15] */, 0x79801c26 /* ldrsh x6, [x1, #14] */,
        0xb9800c27 /* ldrsw x7, [x1, #12] */, 0xb9400428 /* ldr w8, [x1, #4] */, 0xf8403029 /* ldur x9, [x1, #3] */,
        0x78c0902a /* ldursh w10, [x1, #9] */, 0xf840882b /* ldtr x11, [x1, #8] */, 0x79c01c2c /* ldrsh w12, [x1, #14] */);
    EQ(X(0), 0x8877665544332211ull);
    EQ(X(2), 0x88);
    EQ(X(3), 0x4433);
    EQ(X(4), 0xffffffff);
    EQ(X(5), UINT64_MAX);
    EQ(X(6), 0xfffffffffffffffeull);
    EQ(X(7), 0xfffffffffffefdfcull);
    EQ(X(8), 0x88776655);
    EQ(X(9), 0xfaf9f88877665544ull);
    EQ(X(10), 0xfffffaf9);
    EQ(X(11), 0xfffefdfcfbfaf9f8ull);
    EQ(X(12), 0xfffffffe);

    reset();
    X(1) = DATA + 0x10;
    X(2) = 0x1122334455667788ull;
    wr64(DATA + 0x38, UINT64_MAX);
    RUN(0xf8008c22 /* str x2, [x1, #8]! */, 0x381ff422 /* strb w2, [x1], #-1 */, 0x781fd022 /* sturh w2, [x1, #-3] */,
        0xb9010022 /* str w2, [x1, #0x100] */, 0xf81ef822 /* sttr x2, [x1, #-0x11] */, 0xf802103f /* str xzr, [x1, #0x21] */);
    EQ(X(1), DATA + 0x17);
    EQ(rd64(DATA + 0x18), 0x1122334455667788ull);   /* strb overwrote the low byte with 0x88 */
    EQ(rd32(DATA + 0x14), 0x00007788);              /* sturh at 0x14 */
    EQ(rd32(DATA + 0x117), 0x55667788);
    EQ(rd64(DATA + 0x6), 0x1122334455667788ull);
    EQ(rd64(DATA + 0x38), 0);

    reset();
    wr64(DATA, 0x1111);
    wr64(DATA + 0x20, 0x2222);
    X(1) = DATA;
    X(3) = DATA + 0x28;
    RUN(0xf8420420 /* ldr x0, [x1], #0x20 */, 0xf9400022 /* ldr x2, [x1] */, 0xf85f8c64 /* ldr x4, [x3, #-8]! */);
    EQ(X(0), 0x1111);
    EQ(X(2), 0x2222);
    EQ(X(1), DATA + 0x20);
    EQ(X(4), 0x2222);
    EQ(X(3), DATA + 0x20);

    /* SP as base, and writeback into SP */
    reset();
    env.sp = DATA + 0x40;
    X(1) = 0xabcdef;
    RUN(0xf81f0fe1 /* str x1, [sp, #-16]! */, 0xf84107e2 /* ldr x2, [sp], #16 */);
    EQ(rd64(DATA + 0x30), 0xabcdef);
    EQ(X(2), 0xabcdef);
    EQ(env.sp, DATA + 0x40);

    /* Rt == Rn with writeback: the load wins (CONSTRAINED UNPREDICTABLE) */
    reset();
    wr64(DATA + 8, 0x5a5a);
    X(1) = DATA;
    RUN(0xf8408c21 /* ldr x1, [x1, #8]! */);
    EQ(X(1), 0x5a5a);

    /* A store with Rt == Rn and writeback stores the old base. */
    reset();
    X(1) = DATA;
    RUN(0xf8008c21 /* str x1, [x1, #8]! */);
    EQ(rd64(DATA + 8), DATA);
    EQ(X(1), DATA + 8);

    /* A load from outside guest memory faults and leaves Rt alone */
    reset();
    X(1) = 0x20000;
    X(0) = 99;
    CU_ASSERT_EQUAL(RUN(0xf9400020 /* ldr x0, [x1] */), -1);
    EQ(fault_kind, 0);
    EQ(fault_addr, 0x20000);
    EQ(X(0), 99);
}

static void test_ldst_reg_lit(void)
{
    reset();
    for (int i = 0; i < 32; i++) {
        wr64(DATA + 8 * i, 0x1000 + i);
    }
    X(1) = DATA + 0x80;
    X(2) = 3;
    X(3) = (uint64_t)-2;
    X(4) = 0x1ffffffff0ull;        /* uxtw keeps 0xfffffff0 */
    X(5) = 0xfffffff8;            /* sxtw: -8 */
    RUN(0xf8627820 /* ldr x0, [x1, x2, lsl #3] */, 0xf863f826 /* ldr x6, [x1, x3, sxtx #3] */,
        0x38626827 /* ldrb w7, [x1, x2] */, 0xf865c828 /* ldr x8, [x1, w5, sxtw] */, 0x78627829 /* ldrh w9, [x1, x2, lsl #1] */,
        0xb8a3782a /* ldrsw x10, [x1, x3, lsl #2] */, 0xf8225822 /* str x2, [x1, w2, uxtw #3] */);
    EQ(X(0), 0x1000 + 16 + 3);
    EQ(X(6), 0x1000 + 16 - 2);
    EQ(X(7), 0);                  /* byte 3 of 0x1010 */
    EQ(X(8), 0x1000 + 15);
    EQ(X(9), 0);                  /* halfword 3 */
    EQ(X(10), 0x100f);
    EQ(rd64(DATA + 0x98), 3);

    reset();
    X(1) = DATA;
    X(4) = 0x1ffffffff0ull;
    CU_ASSERT_EQUAL(RUN(0xf8644820 /* ldr x0, [x1, w4, uxtw] */), -1);   /* DATA + 0xfffffff0: outside */
    EQ(fault_addr, DATA + 0xfffffff0ull);

    /* Literal loads: data placed right after the code */
    reset();
    RUNN(3, 0x58000060 /* ldr x0, .+12 */, 0x98000061 /* ldrsw x1, .+12 */, 0x18000022 /* ldr w2, .+4 */, 0x89abcdef, 0x01234567);
    EQ(X(0), 0x0123456789abcdefull);
    EQ(X(1), 0x0000000001234567ull);
    EQ(X(2), 0x89abcdef);

    reset();
    X(1) = DATA;
    RUN(0xf9800020 /* prfm pldl1keep, [x1] */, 0xf8a26833 /* prfm pstl2strm, [x1, x2] */, 0xf89ff020 /* prfum pldl1keep, [x1, #-1] */,
        0xd28000a0 /* mov x0, #5 */);
    EQ(X(0), 5);
}

static void test_ldst_pair(void)
{
    reset();
    X(1) = DATA + 0x20;
    X(2) = 0x1111111111111111ull;
    X(3) = 0x2222222222222222ull;
    env.sp = DATA + 0x100;
    RUN(0xa93f0c22 /* stp x2, x3, [x1, #-16] */, 0x29810c22 /* stp w2, w3, [x1, #8]! */, 0xa8820823 /* stp x3, x2, [x1], #32 */,
        0xa9be0fe2 /* stp x2, x3, [sp, #-32]! */, 0x28000823 /* stnp w3, w2, [x1] */);
    EQ(rd64(DATA + 0x10), 0x1111111111111111ull);
    EQ(rd64(DATA + 0x18), 0x2222222222222222ull);
    EQ(rd64(DATA + 0x28), 0x2222222222222222ull);   /* stp x3, x2 overwrote the w pair */
    EQ(rd64(DATA + 0x30), 0x1111111111111111ull);
    EQ(rd32(DATA + 0x48), 0x22222222);
    EQ(rd32(DATA + 0x4c), 0x11111111);
    EQ(X(1), DATA + 0x48);
    EQ(env.sp, DATA + 0xe0);
    EQ(rd64(DATA + 0xe8), 0x2222222222222222ull);

    reset();
    wr64(DATA, 0x8000000180000002ull);
    wr64(DATA + 8, 0x0123456789abcdefull);
    X(1) = DATA;
    env.sp = DATA;
    RUN(0xa9400c22 /* ldp x2, x3, [x1] */, 0x29401424 /* ldp w4, w5, [x1] */, 0x69401c26 /* ldpsw x6, x7, [x1] */,
        0x29c12428 /* ldp w8, w9, [x1, #8]! */, 0xa8c12fea /* ldp x10, x11, [sp], #16 */, 0xa87fb42c /* ldnp x12, x13, [x1, #-8] */);
    EQ(X(2), 0x8000000180000002ull);
    EQ(X(3), 0x0123456789abcdefull);
    EQ(X(4), 0x80000002);
    EQ(X(5), 0x80000001);
    EQ(X(6), 0xffffffff80000002ull);
    EQ(X(7), 0xffffffff80000001ull);
    EQ(X(8), 0x89abcdef);
    EQ(X(9), 0x01234567);
    EQ(X(1), DATA + 8);
    EQ(X(10), 0x8000000180000002ull);
    EQ(X(11), 0x0123456789abcdefull);
    EQ(env.sp, DATA + 16);
    EQ(X(12), 0x8000000180000002ull);

    /* A pair whose second half faults writes neither register */
    reset();
    X(1) = MEM_SIZE - 8;
    X(2) = 7;
    X(1) = MEM_SIZE - 8;
    CU_ASSERT_EQUAL(RUN(0xa9400422 /* ldp x2, x1, [x1] */), -1);
    EQ(X(2), 7);
    EQ(X(1), MEM_SIZE - 8);
}

static void test_exclusive(void)
{
    reset();
    wr64(DATA, 100);
    X(1) = DATA;
    X(2) = 200;
    X(3) = 55;
    RUN(0xc85f7c20 /* ldxr x0, [x1] */, 0xc8037c22 /* stxr w3, x2, [x1] */);
    EQ(X(0), 100);
    EQ(X(3), 0);
    EQ(rd64(DATA), 200);
    EQ(env.excl_addr, UINT64_MAX);

    /* No LDXR before: fails, memory unchanged */
    reset();
    wr64(DATA, 100);
    X(1) = DATA;
    X(2) = 200;
    RUN(0xc8037c22 /* stxr w3, x2, [x1] */);
    EQ(X(3), 1);
    EQ(rd64(DATA), 100);

    /* The value changed between LDXR and STXR: fails */
    reset();
    wr64(DATA, 100);
    X(1) = DATA;
    RUN(0xc85ffc20 /* ldaxr x0, [x1] */);
    wr64(DATA, 101);
    X(2) = 200;
    RUN(0xc803fc22 /* stlxr w3, x2, [x1] */);
    EQ(X(3), 1);
    EQ(rd64(DATA), 101);

    /* Byte exclusives, other address fails */
    reset();
    wr32(DATA, 0x44332211);
    X(1) = DATA + 1;
    X(2) = 0x1ff;
    X(4) = DATA + 2;
    RUN(0x085f7c20 /* ldxrb w0, [x1] */, 0x08037c22 /* stxrb w3, w2, [x1] */, 0x485f7c85 /* ldxrh w5, [x4] */, 0x48067c22 /* stxrh w6, w2, [x1] */);
    EQ(X(0), 0x22);
    EQ(X(3), 0);
    EQ(rd32(DATA), 0x4433ff11);
    EQ(X(5), 0x4433);
    EQ(X(6), 1);

    /* W exclusive */
    reset();
    wr64(DATA, 0xaaaaaaaa77777777ull);
    X(1) = DATA;
    X(2) = 0x12345678;
    RUN(0x885f7c20 /* ldxr w0, [x1] */, 0x11000402 /* add w2, w0, #1 */, 0x88037c22 /* stxr w3, w2, [x1] */);
    EQ(X(0), 0x77777777);
    EQ(X(3), 0);
    EQ(rd64(DATA), 0xaaaaaaaa77777778ull);

    /* X pair (16-byte helper) */
    reset();
    wr64(DATA + 0x10, 1);
    wr64(DATA + 0x18, 2);
    X(1) = DATA + 0x10;
    X(4) = 3;
    X(5) = 4;
    RUN(0xc87f8c22 /* ldaxp x2, x3, [x1] */, 0xc8269424 /* stlxp w6, x4, x5, [x1] */);
    EQ(X(2), 1);
    EQ(X(3), 2);
    EQ(X(6), 0);
    EQ(rd64(DATA + 0x10), 3);
    EQ(rd64(DATA + 0x18), 4);

    reset();
    wr64(DATA + 0x10, 1);
    X(1) = DATA + 0x10;
    RUN(0xc87f0c22 /* ldxp x2, x3, [x1] */);
    wr64(DATA + 0x18, 9);
    RUN(0xc8261424 /* stxp w6, x4, x5, [x1] */);
    EQ(X(6), 1);
    EQ(rd64(DATA + 0x10), 1);

    /* W pair: one 64-bit exclusive */
    reset();
    wr64(DATA, 0x2222222211111111ull);
    X(1) = DATA;
    X(4) = 0x33333333;
    X(5) = 0x44444444;
    RUN(0x887f0c22 /* ldxp w2, w3, [x1] */, 0x88261424 /* stxp w6, w4, w5, [x1] */);
    EQ(X(2), 0x11111111);
    EQ(X(3), 0x22222222);
    EQ(X(6), 0);
    EQ(rd64(DATA), 0x4444444433333333ull);

    /* Exclusives need natural alignment */
    reset();
    X(1) = DATA + 4;
    CU_ASSERT_EQUAL(RUN(0xc85f7c20 /* ldxr x0, [x1] */), -1);
    EQ(fault_kind, 2);
    EQ(fault_addr, DATA + 4);

    /* An X-pair exclusive needs 16-byte alignment */
    reset();
    X(1) = DATA + 8;
    CU_ASSERT_EQUAL(RUN(0xc87f0c22 /* ldxp x2, x3, [x1] */), -1);
    EQ(fault_kind, 2);
    EQ(env.excl_addr, UINT64_MAX);

    /* Load-acquire / store-release */
    reset();
    wr64(DATA, 0xfedcba9876543210ull);
    X(1) = DATA;
    X(2) = 0x55;
    X(5) = DATA + 4;
    RUN(0xc8dffc20 /* ldar x0, [x1] */, 0x48dffc23 /* ldarh w3, [x1] */, 0x089ffc22 /* stlrb w2, [x1, #0] */, 0x88df7c24 /* ldlar w4, [x1] */,
        0x889f7ca2 /* stllr w2, [x5] */);
    EQ(X(0), 0xfedcba9876543210ull);
    EQ(X(3), 0x3210);
    EQ(X(4), 0x76543255);
    EQ(rd64(DATA), 0x0000005576543255ull);
}

static void test_lse(void)
{
    reset();
    wr64(DATA, 10);
    X(1) = DATA;
    X(2) = 10;
    X(3) = 20;
    X(4) = 11;
    RUN(0xc8a27c23 /* cas x2, x3, [x1] */, 0xc8e4fc23 /* casal x4, x3, [x1] */);
    EQ(X(2), 10);                       /* old value, swapped */
    EQ(X(4), 20);                       /* compare failed: old value */
    EQ(rd64(DATA), 20);

    reset();
    wr32(DATA, 0xffffff80);
    X(1) = DATA;
    X(2) = 0xffffffffffffff80ull;       /* only the low byte is compared */
    X(3) = 0x7f;
    RUN(0x08a27c23 /* casb w2, w3, [x1] */);
    EQ(X(2), 0x80);
    EQ(rd32(DATA), 0xffffff7f);

    reset();
    wr64(DATA, 0x2222222211111111ull);
    X(1) = DATA;
    X(2) = 0x11111111;
    X(3) = 0x22222222;
    X(4) = 0x55;
    X(5) = 0x66;
    RUN(0x08227c24 /* casp w2, w3, w4, w5, [x1] */);
    EQ(X(2), 0x11111111);
    EQ(X(3), 0x22222222);
    EQ(rd64(DATA), 0x0000006600000055ull);

    reset();
    wr64(DATA + 0x10, 7);
    wr64(DATA + 0x18, 8);
    X(1) = DATA + 0x10;
    X(2) = 7;
    X(3) = 8;
    X(4) = 9;
    X(5) = 10;
    RUN(0x4862fc24 /* caspal x2, x3, x4, x5, [x1] */, 0x48227c24 /* casp x2, x3, x4, x5, [x1] */);
    EQ(rd64(DATA + 0x10), 9);
    EQ(rd64(DATA + 0x18), 10);
    EQ(X(2), 9);                        /* second CASP failed (expected 7:8): old = 9:10 */
    EQ(X(3), 10);

    reset();
    wr64(DATA, 100);
    wr32(DATA + 8, 0xf0f0f0f0);
    wr32(DATA + 12, 0x0000ff00);
    X(1) = DATA;
    X(2) = 5;
    X(3) = DATA + 8;
    X(4) = 0xff;
    X(5) = DATA + 12;
    RUN(0xf8220020 /* ldadd x2, x0, [x1] */, 0xb8e41066 /* ldclral w4, w6, [x3] */, 0xb82420a7 /* ldeor w4, w7, [x5] */,
        0xf8243028 /* ldset x4, x8, [x1] */, 0xf822003f /* stadd x2, [x1] */, 0xf8628029 /* swpl x2, x9, [x1] */);
    EQ(X(0), 100);
    EQ(X(6), 0xf0f0f0f0);
    EQ(rd32(DATA + 8), 0xf0f0f000);
    EQ(X(7), 0x0000ff00);
    EQ(rd32(DATA + 12), 0x0000ffff);
    EQ(X(8), 105);
    EQ(X(9), (105 | 0xff) + 5);
    EQ(rd64(DATA), 5);

    /* Signed min/max compare sign-extended sub-word values; Rt gets the old value zero-extended. */
    reset();
    wr32(DATA, 0x00008080);             /* bytes 0x80 (-128), 0x80 */
    wr32(DATA + 4, 0x00007fff);
    X(1) = DATA;
    X(2) = 1;
    X(3) = DATA + 1;
    X(4) = DATA + 4;
    X(5) = 0x8000;
    RUN(0x38224026 /* ldsmaxb w2, w6, [x1] */, 0x38226067 /* ldumaxb w2, w7, [x3] */, 0x78255088 /* ldsminh w5, w8, [x4] */,
        0x78227089 /* lduminh w2, w9, [x4] */);
    EQ(X(6), 0x80);
    EQ(mem[DATA], 1);                   /* max(-128, 1) */
    EQ(X(7), 0x80);
    EQ(mem[DATA + 1], 0x80);            /* umax(0x80, 1) */
    EQ(X(8), 0x7fff);                   /* smin(0x7fff, -0x8000) stored 0x8000 */
    EQ(X(9), 0x8000);
    EQ(rd32(DATA + 4), 1);              /* umin(0x8000, 1) */
    RUN(0xf822502a /* ldsmin x2, x10, [x1] */);
    EQ(X(10), 0x0000000100008001ull);   /* 64-bit smin(.., 1) = 1 */
    EQ(rd64(DATA), 1);

    /* CASP with an odd first register is unallocated here. */
    reset();
    RUN(0x48217c82 /* casp x1, x2, x2, x3, [x4] */);
    UNDEF();

    reset();
    features = ALL_FEATURES & ~ARM_FEATURE_LSE;
    X(1) = DATA;
    RUN(0xf8220020 /* ldadd x2, x0, [x1] */);
    UNDEF();
}

static CU_TestInfo tests[] = {
    { "addsub_imm", test_addsub_imm },
    { "adr", test_adr },
    { "logic_imm", test_logic_imm },
    { "move_wide", test_move_wide },
    { "bitfield", test_bitfield },
    { "logic_reg", test_logic_reg },
    { "addsub_reg", test_addsub_reg },
    { "adc", test_adc },
    { "ccmp_csel", test_ccmp_csel },
    { "mul_div", test_mul_div },
    { "shift_reg", test_shift_reg },
    { "one_source", test_one_source },
    { "crc32", test_crc32 },
    { "branches", test_branches },
    { "system", test_system },
    { "ldst_imm", test_ldst_imm },
    { "ldst_reg_lit", test_ldst_reg_lit },
    { "ldst_pair", test_ldst_pair },
    { "exclusive", test_exclusive },
    { "lse", test_lse },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return cunit_run_suite("translate", tests);
}
