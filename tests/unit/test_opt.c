/*
 * Optimiser: checks that folding, propagation and dead-code elimination
 * happened, and a randomised differential test (interpreter before and
 * after ir_optimize must agree on globals, guest memory and exit value).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner.h"
#include "tcg/ir.h"
#include "tcg/backend.h"
#include "tcg/interp.h"

typedef struct FakeEnv {
    uint64_t x[4];
    uint32_t w[4];
} FakeEnv;

static IRContext ctx;
static IRTemp gx[4], gw[4];
static FakeEnv env;
static uint8_t guest_mem[256] __attribute__((aligned(16)));
static IRBackendConfig cfg;

static void no_fault(void *e, uint64_t addr, int is_write)
{
    (void)e;
    fprintf(stderr, "unexpected guest fault at %#llx (%d)\n", (unsigned long long)addr, is_write);
    abort();
}

static void setup(void)
{
    static bool done;
    if (!done) {
        static const char *xn[] = { "x0", "x1", "x2", "x3" };
        static const char *wn[] = { "w0", "w1", "w2", "w3" };
        ir_init(&ctx);
        for (int i = 0; i < 4; i++) {
            gx[i] = ir_new_global(&ctx, IR_I64, offsetof(FakeEnv, x) + 8 * i, xn[i]);
            gw[i] = ir_new_global(&ctx, IR_I32, offsetof(FakeEnv, w) + 4 * i, wn[i]);
        }
        done = true;
    }
    ir_reset(&ctx);
    memset(&env, 0, sizeof(env));
    cfg = (IRBackendConfig){
        .guest_base = (uintptr_t)guest_mem,
        .guest_limit = sizeof(guest_mem),
        .guest_fault = no_fault,
    };
}

static uintptr_t run(void)
{
    IRInterpBlock *b = ir_interp_prepare(&ctx);
    uintptr_t r = ir_interp_run(b, &env, &cfg, 0x10000);
    ir_interp_free(b);
    return r;
}

static unsigned count_op(IROpcode opc)
{
    unsigned n = 0;
    for (uint32_t i = 0; i < ctx.nb_ops; i++) {
        n += ctx.ops[i].opc == opc;
    }
    return n;
}

#define X(i) ((IRv64){ gx[i] })
#define W(i) ((IRv32){ gw[i] })

static void test_fold_constants(void)
{
    IRv64 t;
    IRv32 u;

    setup();
    t = ir_new64(&ctx);
    ir_add_i64(&ctx, t, ir_const64(&ctx, 2), ir_const64(&ctx, 3));
    ir_shl_i64(&ctx, t, t, ir_const64(&ctx, 4));
    ir_mov_i64(&ctx, X(0), t);
    ir_exit_tb(&ctx, 0);
    ir_optimize(&ctx);
    CU_ASSERT_EQUAL(ctx.nb_ops, 2);
    CU_ASSERT_EQUAL(ctx.ops[0].opc, IR_mov);
    CU_ASSERT_EQUAL(ctx.ops[0].args[0], gx[0]);
    CU_ASSERT_EQUAL(ctx.temps[ctx.ops[0].args[1]].kind, IR_TEMP_CONST);
    CU_ASSERT_EQUAL(ctx.temps[ctx.ops[0].args[1]].value, 80);
    run();
    CU_ASSERT_EQUAL(env.x[0], 80);

    /* I32 results are canonical zero-extended constants. */
    setup();
    u = ir_new32(&ctx);
    ir_add_i32(&ctx, u, ir_const32(&ctx, 0xffffffff), ir_const32(&ctx, 2));
    ir_ext32s_i64(&ctx, X(1), u);
    ir_neg_i32(&ctx, W(0), ir_const32(&ctx, 1));
    ir_exit_tb(&ctx, 0);
    ir_optimize(&ctx);
    CU_ASSERT_EQUAL(ctx.nb_ops, 3);
    CU_ASSERT_EQUAL(ctx.temps[ctx.ops[0].args[1]].value, 1);
    CU_ASSERT_EQUAL(ctx.temps[ctx.ops[1].args[1]].value, 0xffffffff);
    CU_ASSERT_EQUAL(ctx.temps[ctx.ops[1].args[1]].type, IR_I32);
}

static void test_identities(void)
{
    setup();
    ir_add_i64(&ctx, X(0), X(1), ir_const64(&ctx, 0));
    ir_mul_i64(&ctx, X(2), X(1), ir_const64(&ctx, 0));
    ir_xor_i64(&ctx, X(3), X(1), X(1));
    ir_and_i32(&ctx, W(0), W(1), ir_const32(&ctx, 0xffffffff));
    ir_shl_i32(&ctx, W(2), W(1), ir_const32(&ctx, 32));
    ir_sub_i32(&ctx, W(3), W(1), W(1));
    ir_exit_tb(&ctx, 0);
    ir_optimize(&ctx);
    CU_ASSERT_EQUAL(ctx.nb_ops, 7);
    CU_ASSERT_EQUAL(count_op(IR_mov), 6);
    CU_ASSERT_EQUAL(ctx.ops[0].args[1], gx[1]);
    CU_ASSERT_EQUAL(ctx.temps[ctx.ops[1].args[1]].value, 0);
    CU_ASSERT_EQUAL(ctx.temps[ctx.ops[2].args[1]].value, 0);
    CU_ASSERT_EQUAL(ctx.ops[3].args[1], gw[1]);
    CU_ASSERT_EQUAL(ctx.ops[4].args[1], gw[1]);
    CU_ASSERT_EQUAL(ctx.temps[ctx.ops[5].args[1]].kind, IR_TEMP_CONST);

    /* setcond/movcond with equal operands. */
    setup();
    ir_setcond_i64(&ctx, IR_COND_GEU, X(0), X(1), X(1));
    ir_setcond_i64(&ctx, IR_COND_LT, X(2), X(1), X(1));
    ir_movcond_i64(&ctx, IR_COND_LT, X(3), X(1), X(2), X(0), X(0));
    ir_exit_tb(&ctx, 0);
    ir_optimize(&ctx);
    CU_ASSERT_EQUAL(count_op(IR_setcond), 0);
    CU_ASSERT_EQUAL(count_op(IR_movcond), 0);
    env.x[1] = 77;
    run();
    CU_ASSERT_EQUAL(env.x[0], 1);
    CU_ASSERT_EQUAL(env.x[2], 0);
    CU_ASSERT_EQUAL(env.x[3], 1);
}

static void test_copy_propagation(void)
{
    IRv64 t;

    setup();
    t = ir_new64(&ctx);
    ir_mov_i64(&ctx, t, X(1));
    ir_add_i64(&ctx, X(0), t, t);
    ir_exit_tb(&ctx, 0);
    ir_optimize(&ctx);
    CU_ASSERT_EQUAL(ctx.nb_ops, 2);
    CU_ASSERT_EQUAL(ctx.ops[0].opc, IR_add);
    CU_ASSERT_EQUAL(ctx.ops[0].args[1], gx[1]);
    CU_ASSERT_EQUAL(ctx.ops[0].args[2], gx[1]);

    /* A copy is forgotten when its source changes. */
    setup();
    t = ir_new64(&ctx);
    ir_mov_i64(&ctx, t, X(1));
    ir_add_i64(&ctx, X(1), X(1), ir_const64(&ctx, 1));
    ir_mov_i64(&ctx, X(0), t);
    ir_exit_tb(&ctx, 0);
    ir_optimize(&ctx);
    env.x[1] = 10;
    run();
    CU_ASSERT_EQUAL(env.x[0], 10);
    CU_ASSERT_EQUAL(env.x[1], 11);
}

static void test_branches_fold(void)
{
    IRLabel l;

    setup();
    l = ir_new_label(&ctx);
    ir_brcond_i64(&ctx, IR_COND_EQ, ir_const64(&ctx, 1), ir_const64(&ctx, 2), l);
    ir_movi_i64(&ctx, X(0), 1);
    ir_set_label(&ctx, l);
    ir_exit_tb(&ctx, 0);
    ir_optimize(&ctx);
    CU_ASSERT_EQUAL(count_op(IR_brcond), 0);
    CU_ASSERT_EQUAL(count_op(IR_br), 0);
    run();
    CU_ASSERT_EQUAL(env.x[0], 1);

    /* Always taken: becomes br and the skipped code disappears. */
    setup();
    l = ir_new_label(&ctx);
    ir_movi_i64(&ctx, X(1), 5);
    ir_brcond_i64(&ctx, IR_COND_LTU, X(1), ir_const64(&ctx, 6), l);
    ir_movi_i64(&ctx, X(0), 1);
    ir_set_label(&ctx, l);
    ir_exit_tb(&ctx, 0);
    ir_optimize(&ctx);
    CU_ASSERT_EQUAL(count_op(IR_brcond), 0);
    CU_ASSERT_EQUAL(count_op(IR_br), 1);
    CU_ASSERT_EQUAL(ctx.nb_ops, 4);     /* mov x1, br, label, exit */
    run();
    CU_ASSERT_EQUAL(env.x[0], 0);
    CU_ASSERT_EQUAL(env.x[1], 5);
}

static void test_dead_code(void)
{
    IRv64 a, b;

    setup();
    a = ir_new64(&ctx);
    b = ir_new64(&ctx);
    ir_add_i64(&ctx, a, X(0), ir_const64(&ctx, 1));
    ir_mul_i64(&ctx, b, a, X(1));
    ir_movi_i64(&ctx, X(2), 1);         /* overwritten below: dead */
    ir_movi_i64(&ctx, X(2), 2);
    ir_exit_tb(&ctx, 0);
    ir_optimize(&ctx);
    CU_ASSERT_EQUAL(ctx.nb_ops, 2);

    /* A global must stay written before an op that may fault. */
    setup();
    ir_movi_i64(&ctx, X(2), 1);
    ir_guest_ld_i64(&ctx, X(1), ir_const64(&ctx, 0), IR_MO_64);
    ir_movi_i64(&ctx, X(2), 2);
    ir_exit_tb(&ctx, 0);
    ir_optimize(&ctx);
    CU_ASSERT_EQUAL(ctx.nb_ops, 4);
}

static uint64_t thunk_bump_x0(const uint64_t *a)
{
    FakeEnv *e = (FakeEnv *)(uintptr_t)a[0];
    e->x[0] += 100;
    return 0;
}
static const IRHelperInfo h_bump = { "bump_x0", NULL, thunk_bump_x0, 1, false,
                                     IR_HELPER_WRITES_GLOBALS | IR_HELPER_READS_GLOBALS };
static uint64_t thunk_twice(const uint64_t *a) { return 2 * a[0]; }
static const IRHelperInfo h_twice = { "twice", NULL, thunk_twice, 1, true, IR_HELPER_PURE };

static void test_calls_invalidate(void)
{
    setup();
    ir_movi_i64(&ctx, X(0), 5);
    ir_call(&ctx, &h_bump, IR_NO_RESULT, (const IRTemp[]){ IR_TEMP_ENV_INDEX });
    ir_add_i64(&ctx, X(1), X(0), ir_const64(&ctx, 1));
    ir_exit_tb(&ctx, 0);
    ir_optimize(&ctx);
    CU_ASSERT_EQUAL(count_op(IR_add), 1);
    CU_ASSERT_EQUAL(count_op(IR_mov), 1);   /* x0 = 5 is live at the call */
    run();
    CU_ASSERT_EQUAL(env.x[1], 106);
}

/* The loop of test_interp, optimised: liveness must follow the back edge. */
static void test_loop_survives(void)
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
    ir_mov_i64(&ctx, X(0), sum);
    ir_exit_tb(&ctx, 0);
    ir_optimize(&ctx);
    CU_ASSERT_EQUAL(ctx.nb_ops, 8);
    run();
    CU_ASSERT_EQUAL(env.x[0], 5050);
}

/* ------------------------------------------------------------------ */
/* Randomised differential test                                        */

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)
{
    /* xorshift64*: deterministic, so a failure is reproducible. */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dull;
}

static uint64_t interesting(void)
{
    static const uint64_t v[] = {
        0, 1, 2, 3, 4, 7, 8, 31, 32, 33, 63, 64, 65, 0xff, 0x80, 0x7fffffff, 0x80000000,
        0xffffffff, 0x100000000ull, 0x8000000000000000ull, 0x7fffffffffffffffull,
        0xffffffffffffffffull, 0xfffffffffffffffeull,
    };
    return (rnd() & 1) ? v[rnd() % (sizeof(v) / sizeof(v[0]))] : rnd();
}

typedef struct Pool {
    IRTemp t[64];
    unsigned n;
} Pool;

static IRTemp pick(Pool *p, IRType type)
{
    unsigned r = rnd() % 8;
    if (r < 2 || p->n == 0) {
        uint64_t v = interesting();
        return type == IR_I32 ? ir_const32(&ctx, (uint32_t)v).t : ir_const64(&ctx, v).t;
    }
    return p->t[rnd() % p->n];
}

static IRTemp dest(Pool *p, IRType type)
{
    unsigned r = rnd() % 4;
    IRTemp t;

    if (r == 0) {
        t = type == IR_I32 ? gw[rnd() % 4] : gx[rnd() % 4];
    } else if (r == 1 && p->n > 8) {
        t = p->t[8 + rnd() % (p->n - 8)];       /* reuse a block temp */
        return t;
    } else {
        t = type == IR_I32 ? ir_new32(&ctx).t : ir_new64(&ctx).t;
    }
    if (p->n < 64) {
        p->t[p->n++] = t;
    }
    return t;
}

static void gen_op(Pool *p32, Pool *p64)
{
    static const IROpcode binops[] = {
        IR_add, IR_sub, IR_mul, IR_muluh, IR_mulsh, IR_div, IR_divu, IR_rem, IR_remu,
        IR_and, IR_or, IR_xor, IR_andc, IR_orc, IR_eqv, IR_shl, IR_shr, IR_sar, IR_rotr, IR_rotl,
    };
    static const IROpcode unops[] = {
        IR_mov, IR_neg, IR_not, IR_clz, IR_ctz, IR_bswap, IR_ext8s, IR_ext8u, IR_ext16s, IR_ext16u,
    };
    IRType type = (rnd() & 1) ? IR_I64 : IR_I32;
    Pool *p = type == IR_I32 ? p32 : p64;
    unsigned width = type == IR_I32 ? 32 : 64;
    unsigned kind = rnd() % 16;

    if (kind < 7) {
        IROpcode opc = binops[rnd() % (sizeof(binops) / sizeof(binops[0]))];
        IRTemp a = pick(p, type), b = (rnd() % 6 == 0) ? a : pick(p, type);
        ir_emit(&ctx, opc, type, (const uint64_t[]){ dest(p, type), a, b });
    } else if (kind < 10) {
        IROpcode opc = unops[rnd() % (sizeof(unops) / sizeof(unops[0]))];
        IRTemp a = pick(p, type);
        ir_emit(&ctx, opc, type, (const uint64_t[]){ dest(p, type), a });
    } else if (kind == 10) {
        IRCond c = (IRCond)(rnd() % (IR_COND_TSTNE + 1));
        IRTemp a = pick(p, type), b = (rnd() % 4 == 0) ? a : pick(p, type);
        if (rnd() & 1) {
            ir_emit(&ctx, IR_setcond, type, (const uint64_t[]){ dest(p, type), a, b, c });
        } else {
            IRTemp t = pick(p, type), f = pick(p, type);
            ir_emit(&ctx, IR_movcond, type, (const uint64_t[]){ dest(p, type), a, b, t, f, c });
        }
    } else if (kind == 11) {
        unsigned pos = rnd() % width, len = 1 + rnd() % (width - pos);
        IRTemp a = pick(p, type);
        switch (rnd() % 3) {
        case 0:
            ir_emit(&ctx, IR_extract, type, (const uint64_t[]){ dest(p, type), a, pos, len });
            break;
        case 1:
            ir_emit(&ctx, IR_sextract, type, (const uint64_t[]){ dest(p, type), a, pos, len });
            break;
        default: {
            IRTemp b = pick(p, type);
            ir_emit(&ctx, IR_deposit, type, (const uint64_t[]){ dest(p, type), a, b, pos, len });
            break;
        }
        }
    } else if (kind == 12) {
        /* Width changes. */
        if (rnd() & 1) {
            IRTemp a = pick(p32, IR_I32);
            ir_emit(&ctx, (rnd() & 1) ? IR_ext32s : IR_ext32u, IR_I64,
                    (const uint64_t[]){ dest(p64, IR_I64), a });
        } else {
            IRTemp a = pick(p64, IR_I64);
            ir_emit(&ctx, IR_trunc32, IR_I32, (const uint64_t[]){ dest(p32, IR_I32), a });
        }
    } else if (kind == 13) {
        /* Guest memory at an in-range constant address. */
        IRMemOp mo = rnd() % 4 | ((rnd() & 1) ? IR_MO_SIGN : 0);
        if (type == IR_I32 && (mo & IR_MO_SIZE_MASK) == IR_MO_64) {
            mo = IR_MO_32;
        }
        IRTemp addr = ir_const64(&ctx, rnd() % (sizeof(guest_mem) - 8)).t;
        if (rnd() & 1) {
            ir_emit(&ctx, IR_guest_ld, type, (const uint64_t[]){ dest(p, type), addr, mo });
        } else {
            ir_emit(&ctx, IR_guest_st, type,
                    (const uint64_t[]){ pick(p, type), addr, mo & IR_MO_SIZE_MASK });
        }
    } else if (kind == 14) {
        if (rnd() & 1) {
            ir_call(&ctx, &h_bump, IR_NO_RESULT, (const IRTemp[]){ IR_TEMP_ENV_INDEX });
        } else {
            IRTemp a = pick(p64, IR_I64);
            ir_call(&ctx, &h_twice, dest(p64, IR_I64), (const IRTemp[]){ a });
        }
    } else {
        /* Copy a value to a global so that more of the block is observable. */
        if (type == IR_I32) {
            ir_mov_i32(&ctx, W(rnd() % 4), (IRv32){ pick(p32, IR_I32) });
        } else {
            ir_mov_i64(&ctx, X(rnd() % 4), (IRv64){ pick(p64, IR_I64) });
        }
    }
}

/*
 * One random block: straight-line code with some forward conditional skips
 * and, in a third of the blocks, a counted loop (a back edge) around part
 * of it.  The loop counter is set once at the top, so even a forward branch
 * into the loop body cannot make it run away.
 */
static void gen_block(void)
{
    Pool p32 = { .n = 0 }, p64 = { .n = 0 };
    unsigned nops = 4 + rnd() % 28;
    IRLabel pending[4];
    unsigned pending_at[4], npending = 0;
    bool has_loop = rnd() % 3 == 0;
    unsigned loop_start = rnd() % nops, loop_end = loop_start + 1 + rnd() % 8;
    IRLabel loop_top = 0;
    IRv64 cnt = { 0 };

    if (has_loop) {
        cnt = ir_new64(&ctx);
        loop_top = ir_new_label(&ctx);
        ir_movi_i64(&ctx, cnt, 1 + rnd() % 4);
    }

    for (int i = 0; i < 4; i++) {
        p32.t[p32.n++] = gw[i];
        p64.t[p64.n++] = gx[i];
    }
    /* Pad so "reuse a block temp" starts at index 8. */
    for (int i = 0; i < 4; i++) {
        p32.t[p32.n++] = gw[i];
        p64.t[p64.n++] = gx[i];
    }
    for (unsigned i = 0; i < nops; i++) {
        if (has_loop && i == loop_start) {
            ir_set_label(&ctx, loop_top);
        }
        if (has_loop && i == loop_end) {
            ir_sub_i64(&ctx, cnt, cnt, ir_const64(&ctx, 1));
            ir_brcond_i64(&ctx, IR_COND_NE, cnt, ir_const64(&ctx, 0), loop_top);
        }
        for (unsigned k = 0; k < npending;) {
            if (pending_at[k] == i) {
                ir_set_label(&ctx, pending[k]);
                pending[k] = pending[npending - 1];
                pending_at[k] = pending_at[npending - 1];
                npending--;
            } else {
                k++;
            }
        }
        if (npending < 4 && rnd() % 10 == 0) {
            IRType type = (rnd() & 1) ? IR_I64 : IR_I32;
            Pool *p = type == IR_I32 ? &p32 : &p64;
            IRCond c = (IRCond)(rnd() % (IR_COND_TSTNE + 1));
            IRTemp a = pick(p, type), b = pick(p, type);
            IRLabel l = ir_new_label(&ctx);
            ir_emit(&ctx, IR_brcond, type, (const uint64_t[]){ a, b, c, l });
            pending[npending] = l;
            pending_at[npending++] = i + 1 + rnd() % 6;
        }
        gen_op(&p32, &p64);
    }
    if (has_loop && loop_end >= nops) {
        ir_sub_i64(&ctx, cnt, cnt, ir_const64(&ctx, 1));
        ir_brcond_i64(&ctx, IR_COND_NE, cnt, ir_const64(&ctx, 0), loop_top);
    }
    for (unsigned k = 0; k < npending; k++) {
        ir_set_label(&ctx, pending[k]);
    }
    if (rnd() % 4 == 0) {
        ir_exit_link(&ctx, rnd() & 1);
    } else {
        ir_exit_tb(&ctx, rnd() % 3);
    }
}

static void test_random_differential(void)
{
    unsigned mismatches = 0, shrunk = 0;

    for (int iter = 0; iter < 2000; iter++) {
        FakeEnv init, e1, e2;
        uint8_t mem0[sizeof(guest_mem)], mem1[sizeof(guest_mem)];
        IRInterpBlock *before, *after;
        uintptr_t r1, r2;
        uint32_t ops_before;

        setup();
        gen_block();
        for (int i = 0; i < 4; i++) {
            init.x[i] = interesting();
            init.w[i] = (uint32_t)interesting();
        }
        for (size_t i = 0; i < sizeof(mem0); i++) {
            mem0[i] = (uint8_t)rnd();
        }

        before = ir_interp_prepare(&ctx);
        ops_before = ctx.nb_ops;
        ir_optimize(&ctx);
        after = ir_interp_prepare(&ctx);
        shrunk += ctx.nb_ops < ops_before;

        e1 = init;
        memcpy(guest_mem, mem0, sizeof(mem0));
        r1 = ir_interp_run(before, &e1, &cfg, 0x10000);
        memcpy(mem1, guest_mem, sizeof(mem1));

        e2 = init;
        memcpy(guest_mem, mem0, sizeof(mem0));
        r2 = ir_interp_run(after, &e2, &cfg, 0x10000);

        if (r1 != r2 || memcmp(&e1, &e2, sizeof(e1)) || memcmp(mem1, guest_mem, sizeof(mem1))) {
            if (mismatches++ < 3) {
                fprintf(stderr, "\nmismatch in random block %d (after optimisation):\n", iter);
                ir_dump(&ctx, stderr);
            }
        }
        ir_interp_free(before);
        ir_interp_free(after);
    }
    CU_ASSERT_EQUAL(mismatches, 0);
    /* The optimiser must actually do something on most blocks. */
    CU_ASSERT(shrunk > 1000);
}

static CU_TestInfo tests[] = {
    { "fold_constants", test_fold_constants },
    { "identities", test_identities },
    { "copy_propagation", test_copy_propagation },
    { "branches_fold", test_branches_fold },
    { "dead_code", test_dead_code },
    { "calls_invalidate", test_calls_invalidate },
    { "loop_survives", test_loop_survives },
    { "random_differential", test_random_differential },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return cunit_run_suite("opt", tests);
}
