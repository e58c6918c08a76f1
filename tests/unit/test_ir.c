/*
 * IR builder and dumper: op shapes, temps, constants, labels, conditions,
 * and the -d op listing.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner.h"
#include "tcg/ir.h"

static IRContext ctx;
static IRTemp gx3, gw1;

static void setup(void)
{
    static bool done;
    if (!done) {
        ir_init(&ctx);
        gx3 = ir_new_global(&ctx, IR_I64, 24, "x3");
        gw1 = ir_new_global(&ctx, IR_I32, 260, "w1");
        done = true;
    }
    ir_reset(&ctx);
}

/* The listing of the current block as a malloc'd string. */
static char *dump(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ir_dump(&ctx, f);
    fclose(f);
    return buf;
}

static void test_op_table(void)
{
    CU_ASSERT_STRING_EQUAL(ir_op_defs[IR_add].name, "add");
    CU_ASSERT_EQUAL(ir_op_defs[IR_add].nout, 1);
    CU_ASSERT_EQUAL(ir_op_defs[IR_add].nin, 2);
    CU_ASSERT_EQUAL(ir_op_defs[IR_movcond].nin, 4);
    CU_ASSERT_EQUAL(ir_op_defs[IR_deposit].ncst, 2);
    CU_ASSERT(ir_op_defs[IR_brcond].flags & IR_OPF_BB_END);
    CU_ASSERT(ir_op_defs[IR_guest_ld].flags & IR_OPF_MAY_FAULT);
    CU_ASSERT(ir_op_defs[IR_exit_tb].flags & IR_OPF_EXIT);
    CU_ASSERT_FALSE(ir_op_defs[IR_mul].flags & IR_OPF_SIDE_EFFECTS);
    CU_ASSERT_STRING_EQUAL(ir_op_defs[IR_exit_tb].name, "exit_tb");
}

static void test_temps(void)
{
    IRv64 a, b;
    IRv32 c;

    setup();
    CU_ASSERT_EQUAL(ctx.nb_globals, 2);
    CU_ASSERT_EQUAL(gx3, 1);
    CU_ASSERT_EQUAL(gw1, 2);
    CU_ASSERT_EQUAL(ctx.temps[gx3].env_offset, 24);
    CU_ASSERT_EQUAL(ctx.temps[gw1].type, IR_I32);
    a = ir_new64(&ctx);
    b = ir_new64(&ctx);
    c = ir_new32(&ctx);
    CU_ASSERT_NOT_EQUAL(a.t, b.t);
    CU_ASSERT_EQUAL(ctx.temps[a.t].kind, IR_TEMP_BLOCK);
    CU_ASSERT_EQUAL(ctx.temps[c.t].type, IR_I32);
    /* Constants: deduplicated per width and value. */
    CU_ASSERT_EQUAL(ir_const64(&ctx, 7).t, ir_const64(&ctx, 7).t);
    CU_ASSERT_NOT_EQUAL(ir_const64(&ctx, 7).t, ir_const64(&ctx, 8).t);
    CU_ASSERT_NOT_EQUAL(ir_const32(&ctx, 7).t, ir_const64(&ctx, 7).t);
    CU_ASSERT_EQUAL(ctx.temps[ir_const32(&ctx, 0xffffffff).t].value, 0xffffffff);
    CU_ASSERT_EQUAL(ir_env().t, IR_TEMP_ENV_INDEX);
    /* Labels are numbered per block. */
    CU_ASSERT_EQUAL(ir_new_label(&ctx), 0);
    CU_ASSERT_EQUAL(ir_new_label(&ctx), 1);
    ir_reset(&ctx);
    CU_ASSERT_EQUAL(ir_new_label(&ctx), 0);
    CU_ASSERT_EQUAL(ctx.nb_temps, 3);
}

static void test_op_shapes(void)
{
    IRv64 t;
    IROp *op;

    setup();
    t = ir_new64(&ctx);
    ir_add_i64(&ctx, t, (IRv64){ gx3 }, ir_const64(&ctx, 16));
    op = &ctx.ops[0];
    CU_ASSERT_EQUAL(op->opc, IR_add);
    CU_ASSERT_EQUAL(op->type, IR_I64);
    CU_ASSERT_EQUAL(op->nout, 1);
    CU_ASSERT_EQUAL(op->nin, 2);
    CU_ASSERT_EQUAL(op->args[0], t.t);
    CU_ASSERT_EQUAL(op->args[1], gx3);

    ir_deposit_i32(&ctx, (IRv32){ gw1 }, (IRv32){ gw1 }, ir_const32(&ctx, 3), 4, 8);
    op = &ctx.ops[1];
    CU_ASSERT_EQUAL(op->type, IR_I32);
    CU_ASSERT_EQUAL(op->ncst, 2);
    CU_ASSERT_EQUAL(op->args[3], 4);
    CU_ASSERT_EQUAL(op->args[4], 8);

    IRLabel l = ir_new_label(&ctx);
    ir_brcond_i64(&ctx, IR_COND_TSTNE, t, t, l);
    op = &ctx.ops[2];
    CU_ASSERT_EQUAL(op->nin, 2);
    CU_ASSERT_EQUAL(op->args[2], IR_COND_TSTNE);
    CU_ASSERT_EQUAL(op->args[3], l);

    ir_atomic_rmw_i64(&ctx, IR_ATOMIC_UMAX, t, t, t, IR_MO_32);
    op = &ctx.ops[3];
    CU_ASSERT_EQUAL(op->args[3], IR_ATOMIC_UMAX);
    CU_ASSERT_EQUAL(op->args[4], IR_MO_32);

    ir_movi_i64(&ctx, t, 5);
    op = &ctx.ops[4];
    CU_ASSERT_EQUAL(op->opc, IR_mov);
    CU_ASSERT_EQUAL(ctx.temps[op->args[1]].value, 5);
    CU_ASSERT_EQUAL(ctx.nb_ops, 5);
}

static uint64_t thunk_zero(const uint64_t *a) { (void)a; return 0; }
static const IRHelperInfo h_res = { "helper_foo", NULL, thunk_zero, 2, true, IR_HELPER_PURE };
static const IRHelperInfo h_void = { "helper_bar", NULL, thunk_zero, 0, false, 0 };

static void test_call_shape(void)
{
    IRv64 t;

    setup();
    t = ir_new64(&ctx);
    ir_call(&ctx, &h_res, t.t, (const IRTemp[]){ IR_TEMP_ENV_INDEX, gx3 });
    ir_call(&ctx, &h_void, IR_NO_RESULT, NULL);
    ir_call(&ctx, &h_res, IR_NO_RESULT, (const IRTemp[]){ gx3, gx3 });
    CU_ASSERT_EQUAL(ctx.ops[0].nout, 1);
    CU_ASSERT_EQUAL(ctx.ops[0].nin, 2);
    CU_ASSERT_EQUAL(ctx.ops[0].args[3], (uintptr_t)&h_res);
    CU_ASSERT_EQUAL(ctx.ops[1].nout, 0);
    CU_ASSERT_EQUAL(ctx.ops[1].nin, 0);
    CU_ASSERT_EQUAL(ctx.ops[1].args[0], (uintptr_t)&h_void);
    /* An ignored result still gets a fresh output temp. */
    CU_ASSERT_EQUAL(ctx.ops[2].nout, 1);
    CU_ASSERT_EQUAL(ctx.temps[ctx.ops[2].args[0]].kind, IR_TEMP_BLOCK);
}

static void test_conditions(void)
{
    for (int c = IR_COND_NEVER; c <= IR_COND_TSTNE; c++) {
        CU_ASSERT_EQUAL(ir_cond_invert(ir_cond_invert((IRCond)c)), (IRCond)c);
        CU_ASSERT_EQUAL(ir_cond_swap(ir_cond_swap((IRCond)c)), (IRCond)c);
        /* invert and swap agree with evaluation on a few pairs. */
        static const uint64_t v[] = { 0, 1, 0xffffffffffffffffull, 0x80000000, 0x8000000000000000ull };
        bool ok = true;
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                for (int ty = 0; ty < 2; ty++) {
                    bool r = ir_cond_eval((IRCond)c, (IRType)ty, v[i], v[j]);
                    ok &= ir_cond_eval(ir_cond_invert((IRCond)c), (IRType)ty, v[i], v[j]) == !r;
                    ok &= ir_cond_eval(ir_cond_swap((IRCond)c), (IRType)ty, v[j], v[i]) == r;
                }
            }
        }
        CU_ASSERT(ok);
    }
    CU_ASSERT_TRUE(ir_cond_eval(IR_COND_LT, IR_I32, 0x80000000, 0));
    CU_ASSERT_FALSE(ir_cond_eval(IR_COND_LT, IR_I64, 0x80000000, 0));
    CU_ASSERT_TRUE(ir_cond_eval(IR_COND_GTU, IR_I64, 0x8000000000000000ull, 1));
    CU_ASSERT_TRUE(ir_cond_eval(IR_COND_TSTEQ, IR_I32, 0x100000000ull, 0xffffffff));
}

static void test_dump(void)
{
    IRv64 t, a;
    IRLabel l;
    char *s;

    setup();
    t = ir_new64(&ctx);
    a = ir_new64(&ctx);
    l = ir_new_label(&ctx);
    ir_insn_start(&ctx, 0x400100);
    ir_add_i64(&ctx, t, (IRv64){ gx3 }, ir_const64(&ctx, 0x10));
    ir_set_label(&ctx, l);
    ir_guest_ld_i64(&ctx, a, t, IR_MO_32 | IR_MO_ALIGN(2));
    ir_call(&ctx, &h_res, a.t, (const IRTemp[]){ IR_TEMP_ENV_INDEX, t.t });
    ir_brcond_i32(&ctx, IR_COND_EQ, (IRv32){ gw1 }, ir_const32(&ctx, 0), l);
    ir_exit_link(&ctx, 1);
    s = dump();
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "insn_start 0x400100\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "add_i64 t3, x3, $0x10\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "\nL0:\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "guest_ld_i64 t4, t3, [u32 align4]\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "call helper_foo t4, env, t3\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "brcond_i32 w1, $0x0, eq, L0\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "exit_link 1\n"));
    free(s);
}

static uint64_t hook_thunk(const uint64_t *args)
{
    (void)args;
    return 0;
}

/* IRContext.mem_hook: a call (env, addr, memop | kind) before each guest access, none without it. */
static void test_mem_hook(void)
{
    static const IRHelperInfo hook = { .name = "hook", .thunk = hook_thunk, .nargs = 3,
                                       .flags = IR_HELPER_MAY_RAISE };
    IRv64 a, v, old;

    setup();
    a = (IRv64){ gx3 };
    v = ir_new64(&ctx);
    old = ir_new64(&ctx);
    ctx.mem_hook = &hook;
    ir_guest_ld_i64(&ctx, v, a, IR_MO_32 | IR_MO_SIGN);
    ir_guest_st_i64(&ctx, v, a, IR_MO_16);
    ir_atomic_rmw_i64(&ctx, IR_ATOMIC_ADD, old, a, v, IR_MO_64);
    CU_ASSERT_EQUAL_FATAL(ctx.nb_ops, 6);
    static const unsigned kinds[3] = { IR_MEMHOOK_READ, IR_MEMHOOK_WRITE,
                                       IR_MEMHOOK_READ | IR_MEMHOOK_WRITE };
    static const IRMemOp mos[3] = { IR_MO_32 | IR_MO_SIGN, IR_MO_16, IR_MO_64 };
    static const unsigned access_opc[3] = { IR_guest_ld, IR_guest_st, IR_atomic_rmw };
    for (int i = 0; i < 3; i++) {
        const IROp *call = &ctx.ops[2 * i];
        CU_ASSERT_EQUAL(call->opc, IR_call);
        CU_ASSERT_EQUAL(call->nin, 3);
        CU_ASSERT_EQUAL(call->args[0], IR_TEMP_ENV_INDEX);
        CU_ASSERT_EQUAL(call->args[1], gx3);
        CU_ASSERT_EQUAL(ctx.temps[call->args[2]].kind, IR_TEMP_CONST);
        CU_ASSERT_EQUAL(ctx.temps[call->args[2]].value, mos[i] | kinds[i]);
        CU_ASSERT_EQUAL(ctx.ops[2 * i + 1].opc, access_opc[i]);
    }
    ctx.mem_hook = NULL;
    ir_reset(&ctx);
    ir_guest_ld_i64(&ctx, ir_new64(&ctx), a, IR_MO_64);
    CU_ASSERT_EQUAL(ctx.nb_ops, 1);
}

static CU_TestInfo tests[] = {
    { "op_table", test_op_table },
    { "temps", test_temps },
    { "op_shapes", test_op_shapes },
    { "call_shape", test_call_shape },
    { "conditions", test_conditions },
    { "dump", test_dump },
    { "mem_hook", test_mem_hook },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return cunit_run_suite("ir", tests);
}
