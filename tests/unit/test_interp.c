/*
 * IR interpreter: every op at both widths with edge values, control flow,
 * guest memory (including the fault paths), atomics, helper calls, exits.
 */
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "runner.h"
#include "tcg/ir.h"
#include "tcg/backend.h"
#include "tcg/interp.h"

typedef struct FakeEnv {
    uint64_t x[4];
    uint32_t w[4];
    uint64_t pc;
    uint64_t scratch;
} FakeEnv;

static IRContext ctx;
static IRTemp gx[4], gw[4], gpc;
static FakeEnv env;
static uint8_t guest_mem[256] __attribute__((aligned(16)));
static sigjmp_buf fault_jmp;
static uint64_t fault_addr;
static int fault_kind;

static void test_fault(void *e, uint64_t addr, int is_write)
{
    (void)e;
    fault_addr = addr;
    fault_kind = is_write;
    siglongjmp(fault_jmp, 1);
}

static IRBackendConfig cfg;

static void setup(void)
{
    static bool done;
    if (!done) {
        ir_init(&ctx);
        for (int i = 0; i < 4; i++) {
            static const char *xn[] = { "x0", "x1", "x2", "x3" };
            static const char *wn[] = { "w0", "w1", "w2", "w3" };
            gx[i] = ir_new_global(&ctx, IR_I64, offsetof(FakeEnv, x) + 8 * i, xn[i]);
            gw[i] = ir_new_global(&ctx, IR_I32, offsetof(FakeEnv, w) + 4 * i, wn[i]);
        }
        gpc = ir_new_global(&ctx, IR_I64, offsetof(FakeEnv, pc), "pc");
        done = true;
    }
    ir_reset(&ctx);
    memset(&env, 0, sizeof(env));
    cfg = (IRBackendConfig){
        .guest_base = (uintptr_t)guest_mem,
        .guest_limit = sizeof(guest_mem),
        .guest_fault = test_fault,
        .env_pc_offset = offsetof(FakeEnv, pc),
    };
}

/*
 * The block stays alive until the next run() because a guest fault
 * longjmps out of ir_interp_run.
 */
static IRInterpBlock *last_block;

static uintptr_t run(void)
{
    ir_interp_free(last_block);
    last_block = ir_interp_prepare(&ctx);
    return ir_interp_run(last_block, &env, &cfg, 0x10000);
}

/* out = a OP b through globals of the op width; returns the output global. */
static uint64_t bin(IROpcode opc, IRType type, uint64_t a, uint64_t b)
{
    setup();
    IRTemp *g = type == IR_I32 ? gw : gx;
    ir_emit(&ctx, opc, type, (const uint64_t[]){ g[2], g[0], g[1] });
    ir_exit_tb(&ctx, 0);
    if (type == IR_I32) {
        env.w[0] = (uint32_t)a; env.w[1] = (uint32_t)b;
        env.w[2] = 0xdeadbeef;
        run();
        return env.w[2];
    }
    env.x[0] = a; env.x[1] = b;
    env.x[2] = 0xdeadbeefdeadbeefull;
    run();
    return env.x[2];
}

static uint64_t un(IROpcode opc, IRType type, uint64_t a)
{
    setup();
    IRTemp *g = type == IR_I32 ? gw : gx;
    ir_emit(&ctx, opc, type, (const uint64_t[]){ g[2], g[0] });
    ir_exit_tb(&ctx, 0);
    if (type == IR_I32) {
        env.w[0] = (uint32_t)a;
        run();
        return env.w[2];
    }
    env.x[0] = a;
    run();
    return env.x[2];
}

#define I64MIN 0x8000000000000000ull
#define M1 0xffffffffffffffffull

typedef struct { IROpcode opc; IRType type; uint64_t a, b, want; } BinCase;

static const BinCase bin_cases[] = {
    { IR_add, IR_I64, 1, M1, 0 },
    { IR_add, IR_I64, I64MIN, M1, 0x7fffffffffffffffull },
    { IR_add, IR_I32, 0xffffffff, 2, 1 },
    { IR_add, IR_I32, 0x80000000, 0x80000000, 0 },
    { IR_sub, IR_I64, 0, 1, M1 },
    { IR_sub, IR_I32, 0, 1, 0xffffffff },
    { IR_mul, IR_I64, 0x100000000ull, 0x100000000ull, 0 },
    { IR_mul, IR_I32, 0x10000, 0x10000, 0 },
    { IR_mul, IR_I32, 0xffffffff, 0xffffffff, 1 },
    { IR_muluh, IR_I64, M1, M1, 0xfffffffffffffffeull },
    { IR_muluh, IR_I32, 0xffffffff, 0xffffffff, 0xfffffffe },
    { IR_mulsh, IR_I64, M1, M1, 0 },
    { IR_mulsh, IR_I64, I64MIN, 2, M1 },
    { IR_mulsh, IR_I32, 0x80000000, 2, 0xffffffff },
    { IR_div, IR_I64, 7, 0, 0 },
    { IR_div, IR_I64, I64MIN, M1, I64MIN },
    { IR_div, IR_I64, (uint64_t)-7, 2, (uint64_t)-3 },
    { IR_div, IR_I32, 0x80000000, 0xffffffff, 0x80000000 },
    { IR_div, IR_I32, 5, 0, 0 },
    { IR_div, IR_I32, 0xfffffff9, 2, 0xfffffffd },
    { IR_divu, IR_I64, M1, 2, 0x7fffffffffffffffull },
    { IR_divu, IR_I64, 3, 0, 0 },
    { IR_divu, IR_I32, 0xffffffff, 0x10, 0x0fffffff },
    { IR_rem, IR_I64, 7, 0, 7 },
    { IR_rem, IR_I64, I64MIN, M1, 0 },
    { IR_rem, IR_I64, (uint64_t)-7, 2, M1 },
    { IR_rem, IR_I32, 0x80000000, 0xffffffff, 0 },
    { IR_rem, IR_I32, 9, 0, 9 },
    { IR_remu, IR_I64, 9, 0, 9 },
    { IR_remu, IR_I64, M1, 10, 5 },
    { IR_remu, IR_I32, 0xffffffff, 10, 5 },
    { IR_and, IR_I64, 0xff00ff00ff00ff00ull, 0x0ff00ff00ff00ff0ull, 0x0f000f000f000f00ull },
    { IR_or, IR_I32, 0xf0f0, 0x0f0f, 0xffff },
    { IR_xor, IR_I64, M1, 1, 0xfffffffffffffffeull },
    { IR_andc, IR_I64, M1, 0xff, 0xffffffffffffff00ull },
    { IR_andc, IR_I32, 0xffffffff, 0xff, 0xffffff00 },
    { IR_orc, IR_I64, 0, 0xff, 0xffffffffffffff00ull },
    { IR_orc, IR_I32, 0, 0xff, 0xffffff00 },
    { IR_eqv, IR_I64, 0xff, 0xff, M1 },
    { IR_eqv, IR_I32, 0xff, 0xff, 0xffffffff },
    { IR_shl, IR_I64, 1, 63, I64MIN },
    { IR_shl, IR_I64, 1, 64, 1 },
    { IR_shl, IR_I64, 3, 0, 3 },
    { IR_shl, IR_I32, 1, 31, 0x80000000 },
    { IR_shl, IR_I32, 1, 32, 1 },
    { IR_shr, IR_I64, I64MIN, 63, 1 },
    { IR_shr, IR_I64, I64MIN, 64, I64MIN },
    { IR_shr, IR_I32, 0x80000000, 31, 1 },
    { IR_shr, IR_I32, 0x80000000, 32, 0x80000000 },
    { IR_sar, IR_I64, I64MIN, 63, M1 },
    { IR_sar, IR_I64, I64MIN, 64, I64MIN },
    { IR_sar, IR_I32, 0x80000000, 31, 0xffffffff },
    { IR_sar, IR_I32, 0x80000000, 4, 0xf8000000 },
    { IR_rotr, IR_I64, 1, 1, I64MIN },
    { IR_rotr, IR_I64, 0x12, 64, 0x12 },
    { IR_rotr, IR_I32, 1, 1, 0x80000000 },
    { IR_rotr, IR_I32, 0x12345678, 32, 0x12345678 },
    { IR_rotl, IR_I64, I64MIN, 1, 1 },
    { IR_rotl, IR_I32, 0x80000001, 4, 0x18 },
    { IR_rotl, IR_I32, 0x80000001, 0, 0x80000001 },
};

static void test_binary_ops(void)
{
    for (size_t i = 0; i < sizeof(bin_cases) / sizeof(bin_cases[0]); i++) {
        const BinCase *c = &bin_cases[i];
        uint64_t got = bin(c->opc, c->type, c->a, c->b);
        if (got != c->want) {
            fprintf(stderr, "\n%s_i%d(%#llx, %#llx) = %#llx, want %#llx\n",
                    ir_op_defs[c->opc].name, c->type == IR_I32 ? 32 : 64,
                    (unsigned long long)c->a, (unsigned long long)c->b,
                    (unsigned long long)got, (unsigned long long)c->want);
        }
        CU_ASSERT_EQUAL(got, c->want);
    }
}

static void test_unary_ops(void)
{
    CU_ASSERT_EQUAL(un(IR_neg, IR_I64, 1), M1);
    CU_ASSERT_EQUAL(un(IR_neg, IR_I64, I64MIN), I64MIN);
    CU_ASSERT_EQUAL(un(IR_neg, IR_I32, 1), 0xffffffff);
    CU_ASSERT_EQUAL(un(IR_not, IR_I64, 0), M1);
    CU_ASSERT_EQUAL(un(IR_not, IR_I32, 0), 0xffffffff);
    CU_ASSERT_EQUAL(un(IR_clz, IR_I64, 0), 64);
    CU_ASSERT_EQUAL(un(IR_clz, IR_I64, 1), 63);
    CU_ASSERT_EQUAL(un(IR_clz, IR_I64, I64MIN), 0);
    CU_ASSERT_EQUAL(un(IR_clz, IR_I32, 0), 32);
    CU_ASSERT_EQUAL(un(IR_clz, IR_I32, 1), 31);
    CU_ASSERT_EQUAL(un(IR_ctz, IR_I64, 0), 64);
    CU_ASSERT_EQUAL(un(IR_ctz, IR_I64, I64MIN), 63);
    CU_ASSERT_EQUAL(un(IR_ctz, IR_I32, 0), 32);
    CU_ASSERT_EQUAL(un(IR_ctz, IR_I32, 0x80000000), 31);
    CU_ASSERT_EQUAL(un(IR_bswap, IR_I64, 0x0102030405060708ull), 0x0807060504030201ull);
    CU_ASSERT_EQUAL(un(IR_bswap, IR_I32, 0x01020304), 0x04030201);
    CU_ASSERT_EQUAL(un(IR_ext8s, IR_I64, 0x80), 0xffffffffffffff80ull);
    CU_ASSERT_EQUAL(un(IR_ext8s, IR_I32, 0x17f), 0x7f);
    CU_ASSERT_EQUAL(un(IR_ext8s, IR_I32, 0x80), 0xffffff80);
    CU_ASSERT_EQUAL(un(IR_ext8u, IR_I64, 0x1234), 0x34);
    CU_ASSERT_EQUAL(un(IR_ext16s, IR_I64, 0x8000), 0xffffffffffff8000ull);
    CU_ASSERT_EQUAL(un(IR_ext16s, IR_I32, 0x8000), 0xffff8000);
    CU_ASSERT_EQUAL(un(IR_ext16u, IR_I32, 0xfffff), 0xffff);
    CU_ASSERT_EQUAL(un(IR_mov, IR_I64, I64MIN), I64MIN);
}

static void test_widen_narrow(void)
{
    setup();
    ir_ext32s_i64(&ctx, (IRv64){ gx[0] }, (IRv32){ gw[0] });
    ir_ext32u_i64(&ctx, (IRv64){ gx[1] }, (IRv32){ gw[0] });
    ir_trunc32(&ctx, (IRv32){ gw[1] }, (IRv64){ gx[2] });
    ir_exit_tb(&ctx, 0);
    env.w[0] = 0x80000000;
    env.x[2] = 0x123456789abcdef0ull;
    run();
    CU_ASSERT_EQUAL(env.x[0], 0xffffffff80000000ull);
    CU_ASSERT_EQUAL(env.x[1], 0x80000000ull);
    CU_ASSERT_EQUAL(env.w[1], 0x9abcdef0);
    /* An I32 global write touches only its 32 bits. */
    CU_ASSERT_EQUAL(env.w[2], 0);
}

static void test_bitfields(void)
{
    IRv64 x0 = { gx[0] }, x1 = { gx[1] }, x2 = { gx[2] }, x3 = { gx[3] };
    IRv32 w0 = { gw[0] }, w1 = { gw[1] }, w2 = { gw[2] }, w3 = { gw[3] };

    setup();
    ir_extract_i64(&ctx, x1, x0, 60, 4);
    ir_sextract_i64(&ctx, x2, x0, 60, 4);
    ir_deposit_i64(&ctx, x3, x0, x0, 0, 64);
    ir_extract_i32(&ctx, w1, w0, 0, 32);
    ir_sextract_i32(&ctx, w2, w0, 28, 4);
    ir_deposit_i32(&ctx, w3, w0, ir_const32(&ctx, 0x5), 4, 4);
    ir_exit_tb(&ctx, 0);
    env.x[0] = 0x9000000000000001ull;
    env.w[0] = 0x80000000;
    run();
    CU_ASSERT_EQUAL(env.x[1], 9);
    CU_ASSERT_EQUAL(env.x[2], 0xfffffffffffffff9ull);
    CU_ASSERT_EQUAL(env.x[3], 0x9000000000000001ull);
    CU_ASSERT_EQUAL(env.w[1], 0x80000000);
    CU_ASSERT_EQUAL(env.w[2], 0xfffffff8);
    CU_ASSERT_EQUAL(env.w[3], 0x80000050);

    setup();
    ir_sextract_i64(&ctx, x1, x0, 0, 64);
    ir_deposit_i64(&ctx, x2, x0, ir_const64(&ctx, M1), 63, 1);
    ir_extract_i64(&ctx, x3, x0, 8, 8);
    ir_exit_tb(&ctx, 0);
    env.x[0] = 0x1234;
    run();
    CU_ASSERT_EQUAL(env.x[1], 0x1234);
    CU_ASSERT_EQUAL(env.x[2], 0x8000000000001234ull);
    CU_ASSERT_EQUAL(env.x[3], 0x12);
}

static uint64_t setcond(IRCond c, IRType type, uint64_t a, uint64_t b)
{
    setup();
    IRTemp *g = type == IR_I32 ? gw : gx;
    ir_emit(&ctx, IR_setcond, type, (const uint64_t[]){ g[2], g[0], g[1], c });
    ir_exit_tb(&ctx, 0);
    if (type == IR_I32) {
        env.w[0] = a; env.w[1] = b;
        run();
        return env.w[2];
    }
    env.x[0] = a; env.x[1] = b;
    run();
    return env.x[2];
}

static void test_setcond(void)
{
    /* -1 vs 1: signed less, unsigned greater. */
    static const struct { IRCond c; int r64, r32; } t[] = {
        { IR_COND_NEVER, 0, 0 }, { IR_COND_ALWAYS, 1, 1 },
        { IR_COND_EQ, 0, 0 }, { IR_COND_NE, 1, 1 },
        { IR_COND_LT, 1, 1 }, { IR_COND_GE, 0, 0 }, { IR_COND_LE, 1, 1 }, { IR_COND_GT, 0, 0 },
        { IR_COND_LTU, 0, 0 }, { IR_COND_GEU, 1, 1 }, { IR_COND_LEU, 0, 0 }, { IR_COND_GTU, 1, 1 },
        { IR_COND_TSTEQ, 0, 0 }, { IR_COND_TSTNE, 1, 1 },
    };
    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        CU_ASSERT_EQUAL(setcond(t[i].c, IR_I64, M1, 1), (uint64_t)t[i].r64);
        CU_ASSERT_EQUAL(setcond(t[i].c, IR_I32, 0xffffffff, 1), (uint64_t)t[i].r32);
    }
    /* I32 compares ignore the upper half: 0x1_00000000 is 0 at 32 bits. */
    CU_ASSERT_EQUAL(setcond(IR_COND_EQ, IR_I64, 0, 0x100000000ull), 0);
    CU_ASSERT_EQUAL(setcond(IR_COND_LT, IR_I64, I64MIN, 0), 1);
    CU_ASSERT_EQUAL(setcond(IR_COND_LT, IR_I32, 0x80000000, 0), 1);
    CU_ASSERT_EQUAL(setcond(IR_COND_TSTEQ, IR_I64, 0xf0, 0x0f), 1);
    CU_ASSERT_EQUAL(ir_cond_eval(IR_COND_EQ, IR_I32, 0x100000000ull, 0), true);
    CU_ASSERT_EQUAL(ir_cond_invert(IR_COND_LTU), IR_COND_GEU);
    CU_ASSERT_EQUAL(ir_cond_invert(IR_COND_TSTEQ), IR_COND_TSTNE);
    CU_ASSERT_EQUAL(ir_cond_swap(IR_COND_LT), IR_COND_GT);
    CU_ASSERT_EQUAL(ir_cond_swap(IR_COND_LEU), IR_COND_GEU);
    CU_ASSERT_EQUAL(ir_cond_swap(IR_COND_TSTNE), IR_COND_TSTNE);
}

static void test_movcond(void)
{
    IRv64 x0 = { gx[0] }, x1 = { gx[1] }, x2 = { gx[2] }, x3 = { gx[3] };
    IRv32 w0 = { gw[0] }, w1 = { gw[1] }, w2 = { gw[2] };

    setup();
    ir_movcond_i64(&ctx, IR_COND_LT, x2, x0, x1, ir_const64(&ctx, 111), ir_const64(&ctx, 222));
    ir_movcond_i64(&ctx, IR_COND_LTU, x3, x0, x1, ir_const64(&ctx, 111), ir_const64(&ctx, 222));
    ir_movcond_i32(&ctx, IR_COND_TSTNE, w2, w0, w1, w0, w1);
    ir_exit_tb(&ctx, 0);
    env.x[0] = M1; env.x[1] = 0;
    env.w[0] = 6; env.w[1] = 3;
    run();
    CU_ASSERT_EQUAL(env.x[2], 111);
    CU_ASSERT_EQUAL(env.x[3], 222);
    CU_ASSERT_EQUAL(env.w[2], 6);
}

/* sum = 0; i = 1; do { sum += i; i++; } while (i <= 100) */
static void test_loop(void)
{
    IRv64 sum, i;
    IRLabel top;

    setup();
    sum = ir_new64(&ctx);
    i = ir_new64(&ctx);
    top = ir_new_label(&ctx);
    ir_movi_i64(&ctx, sum, 0);
    ir_movi_i64(&ctx, i, 1);
    ir_set_label(&ctx, top);
    ir_add_i64(&ctx, sum, sum, i);
    ir_add_i64(&ctx, i, i, ir_const64(&ctx, 1));
    ir_brcond_i64(&ctx, IR_COND_LE, i, ir_const64(&ctx, 100), top);
    ir_mov_i64(&ctx, (IRv64){ gx[0] }, sum);
    ir_exit_tb(&ctx, 0);
    run();
    CU_ASSERT_EQUAL(env.x[0], 5050);
}

static void test_forward_branch(void)
{
    IRLabel skip;

    setup();
    skip = ir_new_label(&ctx);
    ir_movi_i64(&ctx, (IRv64){ gx[1] }, 1);
    ir_brcond_i64(&ctx, IR_COND_EQ, (IRv64){ gx[0] }, ir_const64(&ctx, 0), skip);
    ir_movi_i64(&ctx, (IRv64){ gx[1] }, 2);
    ir_set_label(&ctx, skip);
    ir_exit_tb(&ctx, 0);
    env.x[0] = 0;
    run();
    CU_ASSERT_EQUAL(env.x[1], 1);
    env.x[0] = 5;
    run();
    CU_ASSERT_EQUAL(env.x[1], 2);

    /* Unconditional br over a store. */
    setup();
    skip = ir_new_label(&ctx);
    ir_br(&ctx, skip);
    ir_movi_i64(&ctx, (IRv64){ gx[1] }, 7);
    ir_set_label(&ctx, skip);
    ir_exit_tb(&ctx, 0);
    run();
    CU_ASSERT_EQUAL(env.x[1], 0);
}

static void test_host_ld_st(void)
{
    IRv64 t;

    setup();
    t = ir_new64(&ctx);
    ir_ld_i64(&ctx, t, ir_env(), offsetof(FakeEnv, scratch), IR_MO_8 | IR_MO_SIGN);
    ir_mov_i64(&ctx, (IRv64){ gx[0] }, t);
    ir_ld_i64(&ctx, t, ir_env(), offsetof(FakeEnv, scratch), IR_MO_16);
    ir_mov_i64(&ctx, (IRv64){ gx[1] }, t);
    ir_ld_i32(&ctx, (IRv32){ gw[0] }, ir_env(), offsetof(FakeEnv, scratch), IR_MO_16 | IR_MO_SIGN);
    ir_st_i64(&ctx, ir_const64(&ctx, 0x1122334455667788ull), ir_env(),
              offsetof(FakeEnv, scratch), IR_MO_32);
    ir_exit_tb(&ctx, 0);
    env.scratch = 0xaaaaaaaaaaaa8181ull;
    run();
    CU_ASSERT_EQUAL(env.x[0], 0xffffffffffffff81ull);
    CU_ASSERT_EQUAL(env.x[1], 0x8181);
    CU_ASSERT_EQUAL(env.w[0], 0xffff8181);
    CU_ASSERT_EQUAL(env.scratch, 0xaaaaaaaa55667788ull);
}

static void test_guest_ld_st(void)
{
    IRv64 x0 = { gx[0] }, x1 = { gx[1] }, x2 = { gx[2] }, x3 = { gx[3] };

    setup();
    memset(guest_mem, 0, sizeof(guest_mem));
    ir_guest_st_i64(&ctx, x1, x0, IR_MO_64);
    ir_guest_ld_i64(&ctx, x2, x0, IR_MO_8 | IR_MO_SIGN);
    ir_guest_ld_i32(&ctx, (IRv32){ gw[0] }, x0, IR_MO_16 | IR_MO_SIGN);
    ir_guest_ld_i64(&ctx, x3, x0, IR_MO_32);
    ir_guest_st_i32(&ctx, ir_const32(&ctx, 0xabcd), ir_const64(&ctx, 0x20), IR_MO_16);
    ir_exit_tb(&ctx, 0);
    env.x[0] = 0x10;
    env.x[1] = 0x8899aabbccddeeffull;
    run();
    CU_ASSERT_EQUAL(memcmp(&guest_mem[0x10], &env.x[1], 8), 0);
    CU_ASSERT_EQUAL(env.x[2], 0xffffffffffffffffull);
    CU_ASSERT_EQUAL(env.w[0], 0xffffeeff);
    CU_ASSERT_EQUAL(env.x[3], 0xccddeeff);
    CU_ASSERT_EQUAL(guest_mem[0x20], 0xcd);
    CU_ASSERT_EQUAL(guest_mem[0x21], 0xab);
    CU_ASSERT_EQUAL(guest_mem[0x22], 0);
}

static void test_guest_faults(void)
{
    IRv64 x0 = { gx[0] }, x1 = { gx[1] };
    IRInterpBlock *b;

    /* A load that ends exactly at the limit is fine; one byte more faults. */
    setup();
    ir_insn_start(&ctx, 0x400100);
    ir_movi_i64(&ctx, x1, 1);
    ir_insn_start(&ctx, 0x400104);
    ir_guest_ld_i64(&ctx, x1, x0, IR_MO_64);
    ir_movi_i64(&ctx, x1, 2);
    ir_exit_tb(&ctx, 0);
    b = ir_interp_prepare(&ctx);
    env.x[0] = sizeof(guest_mem) - 8;
    fault_kind = -1;
    if (sigsetjmp(fault_jmp, 1) == 0) {
        ir_interp_run(b, &env, &cfg, 0);
    }
    CU_ASSERT_EQUAL(fault_kind, -1);
    CU_ASSERT_EQUAL(env.x[1], 2);

    env.x[0] = sizeof(guest_mem) - 7;
    if (sigsetjmp(fault_jmp, 1) == 0) {
        ir_interp_run(b, &env, &cfg, 0);
        CU_FAIL("no fault");
    }
    CU_ASSERT_EQUAL(fault_kind, 0);
    CU_ASSERT_EQUAL(fault_addr, sizeof(guest_mem) - 7);
    CU_ASSERT_EQUAL(env.x[1], 1);                 /* state precise at the fault */
    CU_ASSERT_EQUAL(ir_interp_insn_pc, 0x400104);

    env.x[0] = UINT64_MAX - 3;                    /* wrap-around is out of range too */
    if (sigsetjmp(fault_jmp, 1) == 0) {
        ir_interp_run(b, &env, &cfg, 0);
        CU_FAIL("no fault");
    }
    CU_ASSERT_EQUAL(fault_addr, UINT64_MAX - 3);
    ir_interp_free(b);

    /* Store out of range, and alignment faults (2 = load, 3 = store). */
    setup();
    ir_guest_st_i64(&ctx, x1, x0, IR_MO_32);
    ir_exit_tb(&ctx, 0);
    env.x[0] = 0x1000;
    fault_kind = -1;
    if (sigsetjmp(fault_jmp, 1) == 0) {
        run();
    }
    CU_ASSERT_EQUAL(fault_kind, 1);

    setup();
    ir_guest_ld_i64(&ctx, x1, x0, IR_MO_32 | IR_MO_ALIGN(2));
    ir_exit_tb(&ctx, 0);
    env.x[0] = 0x12;
    fault_kind = -1;
    if (sigsetjmp(fault_jmp, 1) == 0) {
        run();
    }
    CU_ASSERT_EQUAL(fault_kind, 2);

    setup();
    ir_guest_st_i64(&ctx, x1, x0, IR_MO_64 | IR_MO_ALIGN_NATURAL(IR_MO_64));
    ir_exit_tb(&ctx, 0);
    env.x[0] = 0x14;
    fault_kind = -1;
    if (sigsetjmp(fault_jmp, 1) == 0) {
        run();
    }
    CU_ASSERT_EQUAL(fault_kind, 3);
}

static void test_atomics(void)
{
    IRv64 x0 = { gx[0] }, x1 = { gx[1] }, x2 = { gx[2] }, x3 = { gx[3] };
    uint64_t v;

    setup();
    ir_atomic_cmpxchg_i64(&ctx, x3, x0, x1, x2, IR_MO_64 | IR_MO_ALIGN(3));
    ir_mb(&ctx, IR_MB_ALL);
    ir_exit_tb(&ctx, 0);
    v = 5;
    memcpy(&guest_mem[8], &v, 8);
    env.x[0] = 8; env.x[1] = 5; env.x[2] = 9;
    run();
    memcpy(&v, &guest_mem[8], 8);
    CU_ASSERT_EQUAL(env.x[3], 5);
    CU_ASSERT_EQUAL(v, 9);
    env.x[1] = 5; env.x[2] = 11;       /* expected no longer matches */
    run();
    memcpy(&v, &guest_mem[8], 8);
    CU_ASSERT_EQUAL(env.x[3], 9);
    CU_ASSERT_EQUAL(v, 9);

    /* 16-bit cmpxchg compares only 16 bits. */
    setup();
    ir_atomic_cmpxchg_i64(&ctx, x3, x0, x1, x2, IR_MO_16);
    ir_exit_tb(&ctx, 0);
    guest_mem[0x30] = 0x34; guest_mem[0x31] = 0x12; guest_mem[0x32] = 0x77;
    env.x[0] = 0x30; env.x[1] = 0xffff1234; env.x[2] = 0x5678;
    run();
    CU_ASSERT_EQUAL(env.x[3], 0x1234);
    CU_ASSERT_EQUAL(guest_mem[0x30], 0x78);
    CU_ASSERT_EQUAL(guest_mem[0x31], 0x56);
    CU_ASSERT_EQUAL(guest_mem[0x32], 0x77);

    static const struct { IRAtomicOp op; IRMemOp mo; uint64_t mem, x, old, after; } r[] = {
        { IR_ATOMIC_XCHG, IR_MO_64, 1, 2, 1, 2 },
        { IR_ATOMIC_ADD,  IR_MO_32, 0xffffffff, 2, 0xffffffff, 1 },
        { IR_ATOMIC_AND,  IR_MO_64, 0xff, 0x0f, 0xff, 0x0f },
        { IR_ATOMIC_ANDC, IR_MO_64, 0xff, 0x0f, 0xff, 0xf0 },
        { IR_ATOMIC_OR,   IR_MO_8,  0xf0, 0x0f, 0xf0, 0xff },
        { IR_ATOMIC_XOR,  IR_MO_16, 0xffff, 0x00ff, 0xffff, 0xff00 },
        { IR_ATOMIC_SMAX, IR_MO_8,  0x80, 0x01, 0x80, 0x01 },
        { IR_ATOMIC_SMIN, IR_MO_8,  0x80, 0x01, 0x80, 0x80 },
        { IR_ATOMIC_UMAX, IR_MO_8,  0x80, 0x01, 0x80, 0x80 },
        { IR_ATOMIC_UMIN, IR_MO_32, 0x80000000, 0x01, 0x80000000, 0x01 },
        { IR_ATOMIC_SMAX, IR_MO_64 | IR_MO_SIGN, M1, I64MIN, M1, M1 },
        { IR_ATOMIC_ADD,  IR_MO_8 | IR_MO_SIGN, 0xff, 1, M1, 0 },
    };
    for (size_t i = 0; i < sizeof(r) / sizeof(r[0]); i++) {
        setup();
        ir_atomic_rmw_i64(&ctx, r[i].op, x3, x0, x1, r[i].mo);
        ir_exit_tb(&ctx, 0);
        memset(guest_mem, 0xee, 16);
        memcpy(&guest_mem[0], &r[i].mem, ir_memop_size(r[i].mo));
        env.x[0] = 0; env.x[1] = r[i].x;
        run();
        v = 0;
        memcpy(&v, &guest_mem[0], ir_memop_size(r[i].mo));
        CU_ASSERT_EQUAL(env.x[3], r[i].old);
        CU_ASSERT_EQUAL(v, r[i].after);
        if (ir_memop_size(r[i].mo) < 8) {
            CU_ASSERT_EQUAL(guest_mem[ir_memop_size(r[i].mo)], 0xee);
        }
    }
}

static FakeEnv *seen_env;
static uint64_t thunk_add3(const uint64_t *a) { return a[0] + a[1] + a[2]; }
static uint64_t thunk_set_x0(const uint64_t *a)
{
    seen_env = (FakeEnv *)(uintptr_t)a[0];
    seen_env->x[0] = a[1];
    return 0;
}
static uint64_t thunk_sum6(const uint64_t *a)
{
    return a[0] + 2 * a[1] + 3 * a[2] + 4 * a[3] + 5 * a[4] + 6 * a[5];
}
static const IRHelperInfo h_add3 = { "add3", NULL, thunk_add3, 3, true, IR_HELPER_PURE };
static const IRHelperInfo h_set_x0 = { "set_x0", NULL, thunk_set_x0, 2, false,
                                       IR_HELPER_WRITES_GLOBALS };
static const IRHelperInfo h_sum6 = { "sum6", NULL, thunk_sum6, 6, true, IR_HELPER_PURE };

static void test_calls(void)
{
    setup();
    ir_call(&ctx, &h_add3, gx[2], (const IRTemp[]){ gx[0], gx[1], ir_const64(&ctx, 100).t });
    ir_call(&ctx, &h_set_x0, IR_NO_RESULT, (const IRTemp[]){ IR_TEMP_ENV_INDEX, gx[2] });
    ir_add_i64(&ctx, (IRv64){ gx[3] }, (IRv64){ gx[0] }, ir_const64(&ctx, 1));
    ir_call(&ctx, &h_sum6, gx[1], (const IRTemp[]){ gx[0], gx[0], gx[0], gx[0], gx[0], gx[0] });
    ir_exit_tb(&ctx, 0);
    env.x[0] = 1; env.x[1] = 2;
    run();
    CU_ASSERT_EQUAL(env.x[2], 103);
    CU_ASSERT_PTR_EQUAL(seen_env, &env);
    CU_ASSERT_EQUAL(env.x[0], 103);
    CU_ASSERT_EQUAL(env.x[3], 104);      /* the write by the helper is seen */
    CU_ASSERT_EQUAL(env.x[1], 103 * 21);
    CU_ASSERT_EQUAL(ctx.ops[0].nout, 1);
    CU_ASSERT_EQUAL(ctx.ops[0].nin, 3);
    CU_ASSERT_EQUAL(ctx.ops[1].nout, 0);
    CU_ASSERT_EQUAL(ctx.ops[1].nin, 2);
}

static void test_exits(void)
{
    IRLabel l;

    setup();
    ir_exit_link(&ctx, 1);
    CU_ASSERT_EQUAL(run(), 0x10000 | 1);

    setup();
    ir_exit_link(&ctx, 0);
    CU_ASSERT_EQUAL(run(), 0x10000);

    /* A known target is stored as the pc when the exit is taken (unchained). */
    setup();
    env.pc = 0;
    ir_exit_link_pc(&ctx, 1, 0xffff800012345678ull);
    CU_ASSERT_EQUAL(run(), 0x10000 | 1);
    CU_ASSERT_EQUAL(env.pc, 0xffff800012345678ull);

    setup();
    ir_exit_lookup(&ctx, 0);
    CU_ASSERT_EQUAL(run(), IR_EXIT_NORMAL);

    setup();
    l = ir_new_label(&ctx);
    ir_brcond_i64(&ctx, IR_COND_NE, (IRv64){ gx[0] }, ir_const64(&ctx, 0), l);
    ir_exit_tb(&ctx, IR_EXIT_HALT);
    ir_set_label(&ctx, l);
    ir_exit_tb(&ctx, IR_EXIT_TARGET_BASE + 3);
    CU_ASSERT_EQUAL(run(), IR_EXIT_HALT);
    env.x[0] = 1;
    CU_ASSERT_EQUAL(run(), IR_EXIT_TARGET_BASE + 3);
}

static void test_context_reset(void)
{
    uint32_t g;

    setup();
    g = ctx.nb_globals;
    CU_ASSERT_EQUAL(g, 9);
    CU_ASSERT_EQUAL(ir_const64(&ctx, 42).t, ir_const64(&ctx, 42).t);
    CU_ASSERT_NOT_EQUAL(ir_const64(&ctx, 42).t, ir_const32(&ctx, 42).t);
    ir_new64(&ctx);
    ir_movi_i64(&ctx, (IRv64){ gx[0] }, 1);
    ir_reset(&ctx);
    CU_ASSERT_EQUAL(ctx.nb_ops, 0);
    CU_ASSERT_EQUAL(ctx.nb_temps, 1 + g);
    CU_ASSERT_EQUAL(ctx.nb_globals, g);
    CU_ASSERT_STRING_EQUAL(ctx.temps[gx[1]].name, "x1");
    CU_ASSERT_EQUAL(ctx.temps[IR_TEMP_ENV_INDEX].kind, IR_TEMP_ENV);
}

static CU_TestInfo tests[] = {
    { "binary_ops", test_binary_ops },
    { "unary_ops", test_unary_ops },
    { "widen_narrow", test_widen_narrow },
    { "bitfields", test_bitfields },
    { "setcond", test_setcond },
    { "movcond", test_movcond },
    { "loop", test_loop },
    { "forward_branch", test_forward_branch },
    { "host_ld_st", test_host_ld_st },
    { "guest_ld_st", test_guest_ld_st },
    { "guest_faults", test_guest_faults },
    { "atomics", test_atomics },
    { "calls", test_calls },
    { "exits", test_exits },
    { "context_reset", test_context_reset },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return cunit_run_suite("interp", tests);
}
