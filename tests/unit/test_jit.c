/*
 * Differential tests of the x86-64 JIT (tcg/x86_64/emit.c) against the IR
 * interpreter (tcg/interp.c), the oracle: every op at both widths over edge
 * values, random straight-line and branching blocks, guest memory with its
 * fault paths, atomics, chaining and precise instruction records.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner.h"
#include "tcg/interp.h"
#include "tcg/ir.h"
#include "tcg/x86_64/emit.h"

typedef struct Env {
    uint64_t g[8];          /* I64 globals */
    uint32_t w[4];          /* I32 globals */
    uint64_t pc;
    uint64_t scratch[4];    /* for ld/st on env */
    uint64_t hits;          /* written by a helper */
    void *jc;               /* jump cache table (the inline probe's test) */
} Env;

#define NG 8
#define NW 4
#define TOKEN ((uintptr_t)0x100000)

static IRContext ir;
static IRTemp gl[NG], wl[NW];
static JitContext *jit;
static IRBackendConfig cfg;
static uint8_t gmem[4096] __attribute__((aligned(64)));

/* Fault reporting: guest_fault longjmps back to the test. */
static jmp_buf fault_jb;
static uint64_t fault_addr;
static int fault_write;
static uintptr_t fault_ra;

static void test_fault(void *env, uint64_t addr, int is_write)
{
    (void)env;
    fault_addr = addr;
    fault_write = is_write;
    fault_ra = (uintptr_t)__builtin_return_address(0);
    longjmp(fault_jb, 1);
}

static const void *lookup_target;
static uint64_t lookup_pc, lookup_flags;
static const void *test_lookup(void *env, uint64_t tb_flags)
{
    return ((Env *)env)->pc == lookup_pc && tb_flags == lookup_flags ? lookup_target : NULL;
}

static void setup_ir(void)
{
    static const char *gn[NG] = { "g0", "g1", "g2", "g3", "g4", "g5", "g6", "g7" };
    static const char *wn[NW] = { "w0", "w1", "w2", "w3" };

    ir_init(&ir);
    for (int k = 0; k < NG; k++) {
        gl[k] = ir_new_global(&ir, IR_I64, offsetof(Env, g) + 8 * k, gn[k]);
    }
    for (int k = 0; k < NW; k++) {
        wl[k] = ir_new_global(&ir, IR_I32, offsetof(Env, w) + 4 * k, wn[k]);
    }
}

static void setup(void)
{
    EmuError err;

    if (jit) {
        return;
    }
    setup_ir();
    cfg.guest_base = (uintptr_t)gmem;
    cfg.guest_limit = sizeof(gmem);
    cfg.guest_fault = test_fault;
    cfg.lookup_code = test_lookup;
    cfg.env_pc_offset = offsetof(Env, pc);
    if (!jit_init(&jit, 16 << 20, &cfg, &err)) {
        fprintf(stderr, "jit_init: %s\n", err.msg);
        abort();
    }
}

static void compile(JitContext *j, JitBlock *b)
{
    if (jit_compile(j, &ir, TOKEN, b) < 0) {
        jit_flush(j);
        CU_ASSERT_FATAL(jit_compile(j, &ir, TOKEN, b) == 0);
    }
}

/* Result of one run: return value or fault, the env and guest memory after it. */
typedef struct Outcome {
    uintptr_t ret;
    int faulted;
    uint64_t faddr;
    int fwrite;
    Env env;
    uint8_t mem[sizeof(gmem)];
} Outcome;

static void run_jit(JitContext *j, const JitBlock *b, const Env *in, const uint8_t *mem, Outcome *o)
{
    static volatile Env env;
    memcpy((void *)&env, in, sizeof(env));
    memcpy(gmem, mem, sizeof(gmem));
    o->faulted = 0;
    o->ret = 0;
    if (setjmp(fault_jb)) {
        o->faulted = 1;
        o->faddr = fault_addr;
        o->fwrite = fault_write;
    } else {
        o->ret = jit_enter(j, (void *)&env, b->code);
    }
    memcpy(&o->env, (void *)&env, sizeof(env));
    memcpy(o->mem, gmem, sizeof(gmem));
}

static void run_interp(const IRInterpBlock *ib, const Env *in, const uint8_t *mem, Outcome *o)
{
    static volatile Env env;
    memcpy((void *)&env, in, sizeof(env));
    memcpy(gmem, mem, sizeof(gmem));
    o->faulted = 0;
    o->ret = 0;
    if (setjmp(fault_jb)) {
        o->faulted = 1;
        o->faddr = fault_addr;
        o->fwrite = fault_write;
    } else {
        o->ret = ir_interp_run(ib, (void *)&env, &cfg, TOKEN);
    }
    memcpy(&o->env, (void *)&env, sizeof(env));
    memcpy(o->mem, gmem, sizeof(gmem));
}

static bool same(const Outcome *a, const Outcome *b)
{
    if (a->faulted != b->faulted) {
        return false;
    }
    if (a->faulted && (a->faddr != b->faddr || a->fwrite != b->fwrite)) {
        return false;
    }
    return a->ret == b->ret && !memcmp(&a->env, &b->env, sizeof(Env)) &&
           !memcmp(a->mem, b->mem, sizeof(gmem));
}

static void show_diff(const char *what, const Outcome *j, const Outcome *i)
{
    fprintf(stderr, "\nmismatch in %s: ret jit %#lx interp %#lx, fault %d/%d\n", what,
            (unsigned long)j->ret, (unsigned long)i->ret, j->faulted, i->faulted);
    for (int k = 0; k < NG; k++) {
        if (j->env.g[k] != i->env.g[k]) {
            fprintf(stderr, "  g%d: jit %#llx interp %#llx\n", k,
                    (unsigned long long)j->env.g[k], (unsigned long long)i->env.g[k]);
        }
    }
    for (int k = 0; k < NW; k++) {
        if (j->env.w[k] != i->env.w[k]) {
            fprintf(stderr, "  w%d: jit %#x interp %#x\n", k, j->env.w[k], i->env.w[k]);
        }
    }
    for (int k = 0; k < 4; k++) {
        if (j->env.scratch[k] != i->env.scratch[k]) {
            fprintf(stderr, "  scratch%d: jit %#llx interp %#llx\n", k,
                    (unsigned long long)j->env.scratch[k], (unsigned long long)i->env.scratch[k]);
        }
    }
    if (j->env.hits != i->env.hits || j->env.pc != i->env.pc) {
        fprintf(stderr, "  hits/pc differ\n");
    }
    for (unsigned k = 0; k < sizeof(gmem); k++) {
        if (j->mem[k] != i->mem[k]) {
            fprintf(stderr, "  mem[%u]: jit %#x interp %#x\n", k, j->mem[k], i->mem[k]);
            break;
        }
    }
}

/* Compile the current block with both backends, run on @in, compare. */
static bool check_block(const char *what, const Env *in, const uint8_t *mem)
{
    static Outcome oj, oi;
    JitBlock b;
    IRInterpBlock *ib = ir_interp_prepare(&ir);
    bool ok;

    compile(jit, &b);
    run_jit(jit, &b, in, mem, &oj);
    run_interp(ib, in, mem, &oi);
    ok = same(&oj, &oi);
    if (!ok) {
        show_diff(what, &oj, &oi);
        ir_dump(&ir, stderr);
    }
    ir_interp_free(ib);
    jit_block_release(&b);
    return ok;
}

/* ------------------------------------------------------------------ */
/* (a) every op, both widths, edge values                              */

static const uint64_t edges[] = {
    0, 1, 2, 3, (uint64_t)-1, (uint64_t)-2, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ull,
    0x8000000000000000ull, 0x7fffffffffffffffull, 31, 32, 33, 63, 64, 65,
    0x123456789abcdef0ull, 0xfedcba9876543210ull, 0x80, 0x8000, 0xff00ff00ff00ff00ull,
};
#define NEDGE (sizeof(edges) / sizeof(edges[0]))

static const IROpcode binops[] = {
    IR_add, IR_sub, IR_mul, IR_muluh, IR_mulsh, IR_div, IR_divu, IR_rem, IR_remu,
    IR_and, IR_or, IR_xor, IR_andc, IR_orc, IR_eqv, IR_shl, IR_shr, IR_sar, IR_rotr, IR_rotl,
};
static const IROpcode unops[] = {
    IR_mov, IR_neg, IR_not, IR_clz, IR_ctz, IR_bswap, IR_ext8s, IR_ext8u, IR_ext16s, IR_ext16u,
};

/* Globals a, b, out of the op's width. */
static void op_globals(IRType t, IRTemp *a, IRTemp *b, IRTemp *o)
{
    *a = t == IR_I64 ? gl[0] : wl[0];
    *b = t == IR_I64 ? gl[1] : wl[1];
    *o = t == IR_I64 ? gl[2] : wl[2];
}

static IRTemp konst(IRType t, uint64_t v)
{
    return t == IR_I64 ? ir_const64(&ir, v).t : ir_const32(&ir, (uint32_t)v).t;
}

static void set_inputs(Env *e, uint64_t a, uint64_t b)
{
    memset(e, 0, sizeof(*e));
    e->g[0] = a;
    e->g[1] = b;
    e->w[0] = (uint32_t)a;
    e->w[1] = (uint32_t)b;
    e->g[2] = 0x5555;
    e->w[2] = 0x5555;
}

/* variant 0: both inputs globals; 1: b constant (per b); 2: a constant (per a) */
static void test_binops(void)
{
    Env in;

    setup();
    for (unsigned oi = 0; oi < sizeof(binops) / sizeof(binops[0]); oi++) {
        for (int t = 0; t < 2; t++) {
            IRTemp a, b, o;
            int bad = 0;
            op_globals((IRType)t, &a, &b, &o);
            ir_reset(&ir);
            ir_emit(&ir, binops[oi], (IRType)t, (const uint64_t[]){ o, a, b });
            ir_exit_tb(&ir, 0);
            for (unsigned x = 0; x < NEDGE; x++) {
                for (unsigned y = 0; y < NEDGE; y++) {
                    set_inputs(&in, edges[x], edges[y]);
                    bad += !check_block(ir_op_defs[binops[oi]].name, &in, gmem);
                }
            }
            CU_ASSERT_EQUAL(bad, 0);
            for (int v = 1; v <= 2; v++) {
                bad = 0;
                for (unsigned x = 0; x < NEDGE; x++) {
                    IRTemp c;
                    ir_reset(&ir);
                    c = konst((IRType)t, edges[x]);
                    ir_emit(&ir, binops[oi], (IRType)t,
                            (const uint64_t[]){ o, v == 2 ? c : a, v == 1 ? c : b });
                    ir_exit_tb(&ir, 0);
                    for (unsigned y = 0; y < NEDGE; y++) {
                        set_inputs(&in, edges[y], edges[y]);
                        bad += !check_block(ir_op_defs[binops[oi]].name, &in, gmem);
                    }
                }
                CU_ASSERT_EQUAL(bad, 0);
            }
        }
    }
}

static void test_unops(void)
{
    Env in;

    setup();
    for (unsigned oi = 0; oi < sizeof(unops) / sizeof(unops[0]); oi++) {
        for (int t = 0; t < 2; t++) {
            IRTemp a, b, o;
            int bad = 0;
            op_globals((IRType)t, &a, &b, &o);
            ir_reset(&ir);
            ir_emit(&ir, unops[oi], (IRType)t, (const uint64_t[]){ o, a });
            ir_exit_tb(&ir, 0);
            for (unsigned x = 0; x < NEDGE; x++) {
                set_inputs(&in, edges[x], 0);
                bad += !check_block(ir_op_defs[unops[oi]].name, &in, gmem);
            }
            CU_ASSERT_EQUAL(bad, 0);
        }
    }
    /* clz/ctz without LZCNT/TZCNT: bsr/bsf with the zero case patched. */
    {
        JitContext *j, *saved = jit;
        EmuError err;
        int bad = 0;
        CU_ASSERT_FATAL(jit_init(&j, 1 << 20, &cfg, &err));
        jit_use_baseline_isa(j);
        jit = j;
        for (int t = 0; t < 2; t++) {
            for (int k = 0; k < 2; k++) {
                IRTemp a, b, o;
                op_globals((IRType)t, &a, &b, &o);
                ir_reset(&ir);
                ir_emit(&ir, k ? IR_clz : IR_ctz, (IRType)t, (const uint64_t[]){ o, a });
                ir_exit_tb(&ir, 0);
                for (unsigned x = 0; x < NEDGE; x++) {
                    set_inputs(&in, edges[x], 0);
                    bad += !check_block("clz/ctz baseline", &in, gmem);
                }
                CU_ASSERT_EQUAL(bad, 0);
            }
        }
        jit = saved;
        jit_destroy(j);
    }
    /* The width-changing ones. */
    {
        int bad = 0;
        for (unsigned x = 0; x < NEDGE; x++) {
            set_inputs(&in, edges[x], 0);
            ir_reset(&ir);
            ir_emit(&ir, IR_ext32s, IR_I64, (const uint64_t[]){ gl[2], wl[0] });
            ir_emit(&ir, IR_ext32u, IR_I64, (const uint64_t[]){ gl[3], wl[0] });
            ir_emit(&ir, IR_trunc32, IR_I32, (const uint64_t[]){ wl[2], gl[0] });
            ir_emit(&ir, IR_ext32s, IR_I64, (const uint64_t[]){ gl[4], gl[0] });
            ir_exit_tb(&ir, 0);
            bad += !check_block("ext32/trunc32", &in, gmem);
        }
        CU_ASSERT_EQUAL(bad, 0);
    }
}

static void test_bitfields(void)
{
    static const unsigned fields[][2] = {
        { 0, 1 }, { 0, 8 }, { 0, 16 }, { 0, 31 }, { 0, 32 }, { 1, 31 }, { 3, 5 }, { 8, 8 },
        { 16, 16 }, { 31, 1 }, { 12, 20 }, { 0, 63 }, { 0, 64 }, { 32, 32 }, { 63, 1 }, { 5, 40 },
    };
    Env in;

    setup();
    for (int t = 0; t < 2; t++) {
        int w = t ? 64 : 32;
        for (unsigned f = 0; f < sizeof(fields) / sizeof(fields[0]); f++) {
            unsigned pos = fields[f][0], len = fields[f][1];
            IRTemp a, b, o;
            int bad = 0;
            if (pos + len > (unsigned)w) {
                continue;
            }
            op_globals((IRType)t, &a, &b, &o);
            for (int k = 0; k < 3; k++) {
                IROpcode opc = k == 0 ? IR_extract : k == 1 ? IR_sextract : IR_deposit;
                ir_reset(&ir);
                if (opc == IR_deposit) {
                    ir_emit(&ir, opc, (IRType)t, (const uint64_t[]){ o, a, b, pos, len });
                } else {
                    ir_emit(&ir, opc, (IRType)t, (const uint64_t[]){ o, a, pos, len });
                }
                ir_exit_tb(&ir, 0);
                for (unsigned x = 0; x < NEDGE; x++) {
                    set_inputs(&in, edges[x], edges[NEDGE - 1 - x]);
                    bad += !check_block(ir_op_defs[opc].name, &in, gmem);
                }
            }
            CU_ASSERT_EQUAL(bad, 0);
        }
    }
}

/* setcond, movcond and brcond for every condition, register and immediate forms. */
static void test_conditions(void)
{
    Env in;

    setup();
    for (int t = 0; t < 2; t++) {
        for (int c = IR_COND_NEVER; c <= IR_COND_TSTNE; c++) {
            for (int v = 0; v < 3; v++) {
                int bad = 0;
                for (unsigned x = 0; x < NEDGE; x++) {
                    IRTemp a, b, o, k;
                    IRLabel l;
                    op_globals((IRType)t, &a, &b, &o);
                    ir_reset(&ir);
                    k = konst((IRType)t, edges[x]);
                    if (v == 1) {
                        b = k;
                    } else if (v == 2) {
                        a = k;
                    }
                    ir_emit(&ir, IR_setcond, (IRType)t, (const uint64_t[]){ o, a, b, (uint64_t)c });
                    if (t) {
                        ir_emit(&ir, IR_movcond, IR_I64,
                                (const uint64_t[]){ gl[3], a, b, gl[4], gl[5], (uint64_t)c });
                    } else {
                        ir_emit(&ir, IR_movcond, IR_I32,
                                (const uint64_t[]){ wl[3], a, b, wl[0], wl[1], (uint64_t)c });
                    }
                    l = ir_new_label(&ir);
                    ir_emit(&ir, IR_brcond, (IRType)t, (const uint64_t[]){ a, b, (uint64_t)c, l });
                    ir_exit_tb(&ir, 5);
                    ir_set_label(&ir, l);
                    ir_exit_tb(&ir, 6);
                    for (unsigned y = 0; y < NEDGE; y++) {
                        set_inputs(&in, edges[y], edges[(y * 7 + x) % NEDGE]);
                        in.g[4] = 0x4444;
                        in.g[5] = 0x5555;
                        bad += !check_block("cond", &in, gmem);
                    }
                }
                CU_ASSERT_EQUAL(bad, 0);
            }
        }
    }
}

/* ------------------------------------------------------------------ */
/* (b) random blocks                                                   */

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}
static unsigned rn(unsigned n) { return (unsigned)(rnd() % n); }

static uint64_t helper_mix(uint64_t a, uint64_t b, uint64_t c)
{
    return a * 3 + (b ^ (c >> 1));
}
static uint64_t thunk_mix(const uint64_t *x) { return helper_mix(x[0], x[1], x[2]); }

/* Reads g0, writes g7 and a counter: the allocator must sync around it. */
static uint64_t helper_env(void *envp, uint64_t v)
{
    Env *env = envp;
    env->hits++;
    env->g[7] += v ^ env->g[0];
    return env->g[1];
}
static uint64_t thunk_env(const uint64_t *x) { return helper_env((void *)(uintptr_t)x[0], x[1]); }

static uint64_t helper_six(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e, uint64_t f)
{
    return a - 2 * b + 3 * c - 5 * d + 7 * e - 11 * f;
}
static uint64_t thunk_six(const uint64_t *x) { return helper_six(x[0], x[1], x[2], x[3], x[4], x[5]); }

static const IRHelperInfo h_mix = { "mix", (void *)helper_mix, thunk_mix, 3, true, IR_HELPER_PURE };
static const IRHelperInfo h_env = { "env", (void *)helper_env, thunk_env, 2, true,
                                    IR_HELPER_READS_GLOBALS | IR_HELPER_WRITES_GLOBALS };
static const IRHelperInfo h_six = { "six", (void *)helper_six, thunk_six, 6, true, 0 };

typedef struct Gen {
    IRTemp vals[2][512];     /* defined values per width (temps, globals) */
    unsigned nvals[2];
    IRLabel open[16];
    unsigned open_mark[16][2];
    unsigned nopen;
} Gen;

static IRTemp pick(Gen *g, int t)
{
    /* Constants now and then, including ones that do not fit an imm32. */
    if (rn(6) == 0) {
        return konst((IRType)t, rn(2) ? edges[rn(NEDGE)] : rnd());
    }
    return g->vals[t][rn(g->nvals[t])];
}

static IRTemp dest(Gen *g, int t)
{
    unsigned r = rn(10);
    if (r < 2) {
        return t ? gl[rn(NG)] : wl[rn(NW)];
    }
    if (r < 4 && g->nvals[t] > (t ? NG : NW)) {
        /* redefine an existing temp (or global) */
        return g->vals[t][rn(g->nvals[t])];
    }
    IRTemp n = t ? ir_new64(&ir).t : ir_new32(&ir).t;
    if (g->nvals[t] < 512) {
        g->vals[t][g->nvals[t]++] = n;
    }
    return n;
}

static void gen_op(Gen *g)
{
    int t = rn(3) != 0;     /* mostly I64 */
    unsigned k = rn(40);

    if (k < 20) {
        IROpcode opc = binops[rn(sizeof(binops) / sizeof(binops[0]))];
        IRTemp a = pick(g, t), b = pick(g, t);
        ir_emit(&ir, opc, (IRType)t, (const uint64_t[]){ dest(g, t), a, b });
    } else if (k < 26) {
        IROpcode opc = unops[rn(sizeof(unops) / sizeof(unops[0]))];
        IRTemp a = pick(g, t);
        ir_emit(&ir, opc, (IRType)t, (const uint64_t[]){ dest(g, t), a });
    } else if (k < 28) {
        unsigned w = t ? 64 : 32, len = 1 + rn(w), pos = rn(w - len + 1);
        IRTemp a = pick(g, t), b = pick(g, t);
        if (rn(3) == 0) {
            ir_emit(&ir, IR_deposit, (IRType)t, (const uint64_t[]){ dest(g, t), a, b, pos, len });
        } else {
            ir_emit(&ir, rn(2) ? IR_extract : IR_sextract, (IRType)t,
                    (const uint64_t[]){ dest(g, t), a, pos, len });
        }
    } else if (k < 30) {
        IRTemp a = pick(g, t), b = pick(g, t);
        uint64_t c = rn(IR_COND_TSTNE + 1);
        if (rn(2)) {
            ir_emit(&ir, IR_setcond, (IRType)t, (const uint64_t[]){ dest(g, t), a, b, c });
        } else {
            IRTemp x = pick(g, t), y = pick(g, t);
            ir_emit(&ir, IR_movcond, (IRType)t, (const uint64_t[]){ dest(g, t), a, b, x, y, c });
        }
    } else if (k < 31) {
        /* widen / narrow */
        if (rn(2)) {
            IRTemp a = pick(g, 0);
            ir_emit(&ir, rn(2) ? IR_ext32s : IR_ext32u, IR_I64, (const uint64_t[]){ dest(g, 1), a });
        } else {
            IRTemp a = pick(g, 1);
            ir_emit(&ir, IR_trunc32, IR_I32, (const uint64_t[]){ dest(g, 0), a });
        }
    } else if (k < 33) {
        /* ld/st on the env scratch area */
        /* memop no wider than the op (the typed builders assert that) */
        IRMemOp mo = (IRMemOp)rn(t ? 4 : 3);
        if (mo != IR_MO_64 && rn(2)) {
            mo |= IR_MO_SIGN;
        }
        int64_t off = offsetof(Env, scratch) + 8 * rn(4);
        if (rn(2)) {
            IRTemp v = pick(g, t);
            ir_emit(&ir, IR_st, (IRType)t, (const uint64_t[]){ v, IR_TEMP_ENV_INDEX, (uint64_t)off, mo & 3 });
        } else {
            ir_emit(&ir, IR_ld, (IRType)t, (const uint64_t[]){ dest(g, t), IR_TEMP_ENV_INDEX, (uint64_t)off, mo });
        }
    } else if (k < 35) {
        /* guest memory, in bounds: addr = (x & 0xff8) */
        IRTemp addr = ir_new64(&ir).t;
        IRTemp x = pick(g, 1);
        IRMemOp mo = (IRMemOp)rn(t ? 4 : 3) | (rn(2) ? IR_MO_SIGN : 0);
        ir_emit(&ir, IR_and, IR_I64, (const uint64_t[]){ addr, x, ir_const64(&ir, 0xff8).t });
        if (rn(2)) {
            IRTemp v = pick(g, t);
            ir_emit(&ir, IR_guest_st, (IRType)t, (const uint64_t[]){ v, addr, mo & 3 });
        } else {
            ir_emit(&ir, IR_guest_ld, (IRType)t, (const uint64_t[]){ dest(g, t), addr, mo });
        }
    } else if (k < 37) {
        IRTemp args[6];
        unsigned h = rn(3);
        const IRHelperInfo *hi = h == 0 ? &h_mix : h == 1 ? &h_env : &h_six;
        for (unsigned i = 0; i < hi->nargs; i++) {
            args[i] = pick(g, 1);
        }
        if (hi == &h_env) {
            args[0] = IR_TEMP_ENV_INDEX;
        }
        ir_call(&ir, hi, dest(g, 1), args);
    } else if (k < 38) {
        /* register pressure: 20 values live at once */
        IRTemp many[20];
        for (int i = 0; i < 20; i++) {
            many[i] = ir_new64(&ir).t;
            ir_emit(&ir, IR_add, IR_I64, (const uint64_t[]){ many[i], pick(g, 1), ir_const64(&ir, (uint64_t)i).t });
        }
        IRTemp acc = dest(g, 1);
        ir_emit(&ir, IR_mov, IR_I64, (const uint64_t[]){ acc, many[0] });
        for (int i = 1; i < 20; i++) {
            ir_emit(&ir, i & 1 ? IR_xor : IR_add, IR_I64, (const uint64_t[]){ acc, acc, many[i] });
        }
    } else if (k < 39 && g->nopen < 16) {
        /* open a forward branch region */
        IRLabel l = ir_new_label(&ir);
        IRTemp a = pick(g, t), b = pick(g, t);
        g->open[g->nopen] = l;
        g->open_mark[g->nopen][0] = g->nvals[0];
        g->open_mark[g->nopen][1] = g->nvals[1];
        g->nopen++;
        if (rn(5) == 0) {
            ir_br(&ir, l);
        } else {
            ir_emit(&ir, IR_brcond, (IRType)t, (const uint64_t[]){ a, b, rn(IR_COND_TSTNE + 1), l });
        }
    } else if (g->nopen) {
        /* close the innermost region; values first defined inside it are gone */
        g->nopen--;
        if (rn(8) == 0) {
            ir_exit_tb(&ir, 3 + rn(5));
        }
        ir_set_label(&ir, g->open[g->nopen]);
        g->nvals[0] = g->open_mark[g->nopen][0];
        g->nvals[1] = g->open_mark[g->nopen][1];
    } else {
        ir_mb(&ir, 1 + rn(3));
    }
}

static void test_random(void)
{
    int bad = 0, blocks = 0;
    Env in;
    static uint8_t mem[sizeof(gmem)];

    setup();
    for (int iter = 0; iter < 3000; iter++) {
        Gen g = { .nvals = { NW, NG } };
        unsigned nops = 5 + rn(iter % 3 == 0 ? 120 : 40);
        for (int k = 0; k < NG; k++) {
            g.vals[1][k] = gl[k];
        }
        for (int k = 0; k < NW; k++) {
            g.vals[0][k] = wl[k];
        }
        ir_reset(&ir);
        for (unsigned n = 0; n < nops; n++) {
            if (rn(4) == 0) {
                ir_insn_start(&ir, 0x1000 + 4 * n);
            }
            gen_op(&g);
        }
        while (g.nopen) {
            ir_set_label(&ir, g.open[--g.nopen]);
        }
        switch (rn(4)) {
        case 0: ir_exit_link(&ir, rn(2)); break;
        case 1: ir_exit_lookup(&ir, 0); break;
        default: ir_exit_tb(&ir, rn(8)); break;
        }
        if (iter % 2) {
            ir_optimize(&ir);
        }
        for (int k = 0; k < NG; k++) {
            in.g[k] = rn(3) ? rnd() : edges[rn(NEDGE)];
        }
        for (int k = 0; k < NW; k++) {
            in.w[k] = (uint32_t)(rn(3) ? rnd() : edges[rn(NEDGE)]);
        }
        in.pc = 0;
        for (int k = 0; k < 4; k++) {
            in.scratch[k] = rnd();
        }
        in.hits = 0;
        for (unsigned k = 0; k < sizeof(mem); k++) {
            mem[k] = (uint8_t)rnd();
        }
        lookup_pc = 1;  /* no hit */
        blocks++;
        if (!check_block("random", &in, mem)) {
            bad++;
            CU_FAIL("random block differs");
            if (bad > 3) {
                break;
            }
        } else {
            CU_PASS("random block");
        }
    }
    CU_ASSERT_EQUAL(bad, 0);
    printf("\n  %d random blocks compared\n", blocks);
}

/* ------------------------------------------------------------------ */
/* (c) guest memory, faults, atomics                                   */

static void test_guest_mem(void)
{
    static uint8_t mem[sizeof(gmem)];
    Env in;

    setup();
    for (unsigned k = 0; k < sizeof(mem); k++) {
        mem[k] = (uint8_t)(k * 37 + 11);
    }
    /* Every size/sign/width, loads and stores, in bounds and at the edges. */
    static const uint64_t addrs[] = {
        0, 1, 7, 8, 100, 4088, 4092, 4094, 4095, 4096, 4097, 5000, 0xffffffffull,
        0x100000000ull, (uint64_t)-1, (uint64_t)-2, (uint64_t)-8, 0x8000000000000000ull,
    };
    for (int t = 0; t < 2; t++) {
        for (unsigned s = 0; s < (t ? 4u : 3u); s++) {
            for (int sign = 0; sign < 2; sign++) {
                for (unsigned al = 0; al <= s; al++) {
                    IRMemOp mo = s | (sign ? IR_MO_SIGN : 0) | IR_MO_ALIGN(al);
                    int bad = 0;
                    for (int st = 0; st < 2; st++) {
                        ir_reset(&ir);
                        IRTemp v = t ? gl[2] : wl[2];
                        /* a dirty global before the access must reach env before a fault */
                        ir_emit(&ir, IR_add, IR_I64, (const uint64_t[]){ gl[3], gl[3], ir_const64(&ir, 1).t });
                        if (st) {
                            ir_emit(&ir, IR_guest_st, (IRType)t, (const uint64_t[]){ v, gl[0], mo & ~IR_MO_SIGN });
                        } else {
                            ir_emit(&ir, IR_guest_ld, (IRType)t, (const uint64_t[]){ v, gl[0], mo });
                        }
                        ir_exit_tb(&ir, 1);
                        for (unsigned x = 0; x < sizeof(addrs) / sizeof(addrs[0]); x++) {
                            set_inputs(&in, addrs[x], 0);
                            in.g[2] = 0x8899aabbccddeeffull;
                            in.w[2] = 0xccddeeff;
                            bad += !check_block("guest mem", &in, mem);
                        }
                        /* constant address */
                        ir_reset(&ir);
                        if (st) {
                            ir_emit(&ir, IR_guest_st, (IRType)t,
                                    (const uint64_t[]){ konst((IRType)t, 0x80ff), ir_const64(&ir, 4093).t, mo & ~IR_MO_SIGN });
                        } else {
                            ir_emit(&ir, IR_guest_ld, (IRType)t, (const uint64_t[]){ v, ir_const64(&ir, 33).t, mo });
                        }
                        ir_exit_tb(&ir, 1);
                        bad += !check_block("guest mem const", &in, mem);
                    }
                    CU_ASSERT_EQUAL(bad, 0);
                }
            }
        }
    }
    /* The fault is reported with the right address and kind. */
    {
        Outcome *o = calloc(1, sizeof(*o));
        JitBlock b;
        ir_reset(&ir);
        ir_emit(&ir, IR_guest_st, IR_I64, (const uint64_t[]){ gl[1], gl[0], IR_MO_32 | IR_MO_ALIGN(2) });
        ir_exit_tb(&ir, 0);
        compile(jit, &b);
        set_inputs(&in, 4094, 0);
        run_jit(jit, &b, &in, mem, o);
        CU_ASSERT_EQUAL(o->faulted, 1);
        CU_ASSERT_EQUAL(o->faddr, 4094);
        CU_ASSERT_EQUAL(o->fwrite, 3);      /* alignment, store */
        set_inputs(&in, 4096, 0);
        run_jit(jit, &b, &in, mem, o);
        CU_ASSERT_EQUAL(o->faulted, 1);
        CU_ASSERT_EQUAL(o->fwrite, 1);
        set_inputs(&in, 4092, 0x11223344);
        run_jit(jit, &b, &in, mem, o);
        CU_ASSERT_EQUAL(o->faulted, 0);
        CU_ASSERT_EQUAL(o->mem[4092] | o->mem[4095] << 24, 0x11000044);
        jit_block_release(&b);
        free(o);
    }
}

static void test_atomics(void)
{
    static uint8_t mem[sizeof(gmem)];
    static const uint64_t vals[] = { 0, 1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffffffff,
                                     0x80000000, (uint64_t)-1, 0x8000000000000000ull, 0x1234 };
    Env in;

    setup();
    for (unsigned k = 0; k < sizeof(mem); k++) {
        mem[k] = (uint8_t)(k * 91 + 5);
    }
    for (unsigned s = 0; s < 4; s++) {
        for (int sign = 0; sign < 2; sign++) {
            IRMemOp mo = s | (sign ? IR_MO_SIGN : 0);
            int bad = 0;
            for (int aop = -1; aop <= IR_ATOMIC_UMIN; aop++) {
                ir_reset(&ir);
                if (aop < 0) {
                    ir_emit(&ir, IR_atomic_cmpxchg, IR_I64,
                            (const uint64_t[]){ gl[3], gl[0], gl[1], gl[2], mo });
                } else {
                    ir_emit(&ir, IR_atomic_rmw, IR_I64,
                            (const uint64_t[]){ gl[3], gl[0], gl[1], (uint64_t)aop, mo });
                }
                ir_exit_tb(&ir, 2);
                for (unsigned x = 0; x < sizeof(vals) / sizeof(vals[0]); x++) {
                    for (unsigned y = 0; y < sizeof(vals) / sizeof(vals[0]); y += 3) {
                        uint64_t addr = 64 + 8 * y;
                        memcpy(&mem[addr], &vals[y], 8);
                        set_inputs(&in, addr, vals[x]);
                        in.g[2] = vals[(x + y) % 12];
                        if (aop < 0 && x % 2) {
                            in.g[1] = vals[y];   /* expected matches: the swap happens */
                        }
                        bad += !check_block("atomic", &in, mem);
                    }
                }
                /* out of bounds faults as a store */
                set_inputs(&in, 4095, 1);
                bad += !check_block("atomic fault", &in, mem);
            }
            CU_ASSERT_EQUAL(bad, 0);
        }
    }
}

/* guest_base 0: guest addresses are host addresses, no r14, limit above imm32. */
static void test_guest_base_zero(void)
{
    JitContext *j0;
    IRBackendConfig c0 = cfg;
    EmuError err;
    JitBlock b;
    static uint64_t cell = 41;
    Env env;

    setup();
    c0.guest_base = 0;
    c0.guest_limit = UINT64_MAX;
    CU_ASSERT_FATAL(jit_init(&j0, 1 << 20, &c0, &err));
    ir_reset(&ir);
    ir_emit(&ir, IR_guest_ld, IR_I64, (const uint64_t[]){ gl[1], gl[0], IR_MO_64 });
    ir_emit(&ir, IR_add, IR_I64, (const uint64_t[]){ gl[1], gl[1], ir_const64(&ir, 1).t });
    ir_emit(&ir, IR_guest_st, IR_I64, (const uint64_t[]){ gl[1], gl[0], IR_MO_64 });
    ir_exit_tb(&ir, 9);
    compile(j0, &b);
    memset(&env, 0, sizeof(env));
    env.g[0] = (uintptr_t)&cell;
    CU_ASSERT_EQUAL(jit_enter(j0, &env, b.code), 9);
    CU_ASSERT_EQUAL(cell, 42);
    CU_ASSERT_EQUAL(env.g[1], 42);
    jit_block_release(&b);
    jit_destroy(j0);
}

/*
 * A guest_limit beyond imm32 (as in user mode): the bounds checks
 * compare against the trampoline's per-size limits.  guest_base is chosen
 * so that the top of the guest range lands on gmem.
 */
static void test_guest_limit_high(void)
{
    static const unsigned sizes[] = { 1, 2, 4, 8 };
    static const IRMemOp mos[] = { IR_MO_8, IR_MO_16, IR_MO_32, IR_MO_64 };
    JitContext *jh;
    IRBackendConfig ch = cfg;
    EmuError err;
    uint64_t limit = (1ull << 46) - 1;

    setup();
    ch.guest_limit = limit;
    ch.guest_base = (uintptr_t)gmem - (limit - sizeof(gmem));   /* the limit is exclusive */
    CU_ASSERT_FATAL(jit_init(&jh, 1 << 20, &ch, &err));
    for (unsigned k = 0; k < 4; k++) {
        JitBlock b;
        static volatile Env env;
        ir_reset(&ir);
        ir_emit(&ir, IR_guest_ld, IR_I64, (const uint64_t[]){ gl[1], gl[0], mos[k] });
        ir_exit_tb(&ir, 9);
        compile(jh, &b);
        for (volatile int past = 0; past < 2; past++) {
            uint64_t addr = limit - sizes[k] + (uint64_t)past;   /* last valid, then one beyond */
            memset(gmem, 0x5a, sizeof(gmem));
            memset((void *)&env, 0, sizeof(env));
            env.g[0] = addr;
            fault_addr = 0;
            if (setjmp(fault_jb)) {
                CU_ASSERT_EQUAL(past, 1);
                CU_ASSERT_EQUAL(fault_addr, addr);
            } else {
                CU_ASSERT_EQUAL(jit_enter(jh, (void *)&env, b.code), 9);
                CU_ASSERT_EQUAL(past, 0);
                CU_ASSERT_EQUAL(env.g[1], 0x5a5a5a5a5a5a5a5aull >> (64 - 8 * sizes[k]));
            }
        }
        jit_block_release(&b);
    }
    jit_destroy(jh);
}

/* ------------------------------------------------------------------ */
/* (d) chaining and exits                                              */

static void test_chaining(void)
{
    JitBlock a, b;
    Env env;

    setup();
    ir_reset(&ir);
    ir_emit(&ir, IR_add, IR_I64, (const uint64_t[]){ gl[0], gl[0], ir_const64(&ir, 1).t });
    ir_exit_link(&ir, 0);
    compile(jit, &a);
    ir_reset(&ir);
    ir_emit(&ir, IR_add, IR_I64, (const uint64_t[]){ gl[1], gl[1], ir_const64(&ir, 10).t });
    ir_exit_tb(&ir, 7);
    compile(jit, &b);

    CU_ASSERT_NOT_EQUAL(a.link_site[0], JIT_NO_LINK);
    CU_ASSERT_EQUAL(a.link_site[1], JIT_NO_LINK);
    CU_ASSERT_EQUAL(((uintptr_t)a.code + a.link_site[0]) % 4, 0);
    memset(&env, 0, sizeof(env));
    CU_ASSERT_EQUAL(jit_enter(jit, &env, a.code), TOKEN | 0);
    CU_ASSERT_EQUAL(env.g[0], 1);
    CU_ASSERT_EQUAL(env.g[1], 0);
    jit_link(jit, &a, 0, b.code);
    CU_ASSERT_EQUAL(jit_enter(jit, &env, a.code), 7);
    CU_ASSERT_EQUAL(env.g[0], 2);
    CU_ASSERT_EQUAL(env.g[1], 10);
    jit_unlink(jit, &a, 0);
    CU_ASSERT_EQUAL(jit_enter(jit, &env, a.code), TOKEN | 0);
    CU_ASSERT_EQUAL(env.g[0], 3);
    CU_ASSERT_EQUAL(env.g[1], 10);

    /* slot 1 */
    {
        JitBlock c;
        ir_reset(&ir);
        ir_exit_link(&ir, 1);
        compile(jit, &c);
        CU_ASSERT_EQUAL(jit_enter(jit, &env, c.code), TOKEN | 1);
        jit_link(jit, &c, 1, b.code);
        CU_ASSERT_EQUAL(jit_enter(jit, &env, c.code), 7);
        CU_ASSERT_EQUAL(env.g[1], 20);
        jit_block_release(&c);
    }

    /* A known target: stored as the pc on the unchained path only (imm32 and 64-bit forms). */
    for (int wide = 0; wide < 2; wide++) {
        JitBlock c;
        uint64_t dest = wide ? 0xffff800012345678ull : 0x401000;
        ir_reset(&ir);
        ir_exit_link_pc(&ir, 1, dest);
        compile(jit, &c);
        env.pc = 0;
        CU_ASSERT_EQUAL(jit_enter(jit, &env, c.code), TOKEN | 1);
        CU_ASSERT_EQUAL(env.pc, dest);
        env.pc = 0;
        jit_link(jit, &c, 1, b.code);
        CU_ASSERT_EQUAL(jit_enter(jit, &env, c.code), 7);
        CU_ASSERT_EQUAL(env.pc, 0);
        jit_block_release(&c);
    }
    env.g[1] = 20;      /* as the slot-1 case left it, for the checks below */

    /* exit_lookup jumps to what lookup_code finds, else returns IR_EXIT_NORMAL */
    {
        JitBlock l;
        ir_reset(&ir);
        ir_emit(&ir, IR_mov, IR_I64, (const uint64_t[]){ gl[2], gl[0] });
        ir_st_i64(&ir, ir_const64(&ir, 0x4000), ir_env(), offsetof(Env, pc), IR_MO_64);
        ir_exit_lookup(&ir, 0x8000000000000123ull);
        compile(jit, &l);
        lookup_pc = 0x4000;
        lookup_flags = 0x8000000000000123ull;   /* the op's constant reaches lookup_code */
        lookup_target = b.code;
        CU_ASSERT_EQUAL(jit_enter(jit, &env, l.code), 7);
        CU_ASSERT_EQUAL(env.g[1], 30);
        CU_ASSERT_EQUAL(env.g[2], 3);
        CU_ASSERT_EQUAL(env.pc, 0x4000);
        lookup_pc = 1;
        CU_ASSERT_EQUAL(jit_enter(jit, &env, l.code), IR_EXIT_NORMAL);
        CU_ASSERT_EQUAL(env.g[1], 30);
        lookup_pc = 0x4000;
        lookup_flags = 0x123;
        CU_ASSERT_EQUAL(jit_enter(jit, &env, l.code), IR_EXIT_NORMAL);
        CU_ASSERT_EQUAL(env.g[1], 30);
        lookup_flags = 0;
        jit_block_release(&l);
    }
    jit_block_release(&a);
    jit_block_release(&b);
}

/*
 * exit_lookup's inline jump-cache probe (IRBackendConfig.jc_*): it jumps
 * to the cached block's host code only when pc and flags match and the
 * block is valid; otherwise lookup_code is asked (here it finds nothing).
 */
typedef struct FakeTB {
    uint64_t pc, flags;
    bool invalid;
    uintptr_t host;
} FakeTB;

static void test_jmp_cache_probe(void)
{
    static void *table[1u << IR_JMP_CACHE_BITS];
    const uint64_t pc = 0xffff800010a4c3f8ull, flags = 0x40000000123ull;

    for (int by_page = 0; by_page < 2; by_page++) {
        JitContext *jc;
        IRBackendConfig c = cfg;
        EmuError err;
        JitBlock target, l;
        FakeTB tb;
        Env env;

        setup();
        c.jc_env_offset = offsetof(Env, jc);
        c.jc_tb_pc = offsetof(FakeTB, pc);
        c.jc_tb_flags = offsetof(FakeTB, flags);
        c.jc_tb_invalid = offsetof(FakeTB, invalid);
        c.jc_tb_host = offsetof(FakeTB, host);
        c.softmmu = by_page;    /* selects the hash; the blocks make no guest accesses */
        CU_ASSERT_FATAL(jit_init(&jc, 1 << 20, &c, &err));
        ir_reset(&ir);
        ir_exit_tb(&ir, 7);
        compile(jc, &target);
        ir_reset(&ir);
        ir_st_i64(&ir, ir_const64(&ir, pc), ir_env(), offsetof(Env, pc), IR_MO_64);
        ir_exit_lookup(&ir, flags);
        compile(jc, &l);

        memset(table, 0, sizeof(table));
        memset(&env, 0, sizeof(env));
        env.jc = table;
        lookup_pc = 1;          /* lookup_code finds nothing */
        tb = (FakeTB){ pc, flags, false, (uintptr_t)target.code };
        CU_ASSERT_EQUAL(jit_enter(jc, &env, l.code), IR_EXIT_NORMAL);   /* empty slot */
        table[ir_jmp_cache_hash(pc, by_page)] = &tb;
        CU_ASSERT_EQUAL(jit_enter(jc, &env, l.code), 7);                /* hit */
        tb.flags = flags ^ 1;
        CU_ASSERT_EQUAL(jit_enter(jc, &env, l.code), IR_EXIT_NORMAL);
        tb.flags = flags;
        tb.pc = pc + 4;
        CU_ASSERT_EQUAL(jit_enter(jc, &env, l.code), IR_EXIT_NORMAL);
        tb.pc = pc;
        tb.invalid = true;
        CU_ASSERT_EQUAL(jit_enter(jc, &env, l.code), IR_EXIT_NORMAL);
        jit_block_release(&target);
        jit_block_release(&l);
        jit_destroy(jc);
    }
}

/* ------------------------------------------------------------------ */
/* (e) precise instruction records                                     */

static jmp_buf raise_jb;
static uintptr_t raise_ra;
static uint64_t helper_raise(uint64_t x)
{
    if (x == 13) {
        raise_ra = (uintptr_t)__builtin_return_address(0);
        longjmp(raise_jb, 1);
    }
    return x + 1;
}
static uint64_t thunk_raise(const uint64_t *x) { return helper_raise(x[0]); }
static const IRHelperInfo h_raise = { "raise", (void *)helper_raise, thunk_raise, 1, true,
                                      IR_HELPER_MAY_RAISE };

static void test_insn_records(void)
{
    JitBlock b;
    static volatile Env env;
    uint64_t pc = 0;

    setup();
    ir_reset(&ir);
    ir_insn_start(&ir, 0x1000);
    ir_emit(&ir, IR_add, IR_I64, (const uint64_t[]){ gl[1], gl[1], ir_const64(&ir, 1).t });
    ir_insn_start(&ir, 0x1004);
    ir_emit(&ir, IR_mul, IR_I64, (const uint64_t[]){ gl[2], gl[1], gl[1] });
    ir_insn_start(&ir, 0x1008);
    ir_emit(&ir, IR_guest_ld, IR_I64, (const uint64_t[]){ gl[3], gl[0], IR_MO_64 });
    ir_insn_start(&ir, 0x100c);
    {
        IRTemp arg = gl[3];
        ir_call(&ir, &h_raise, gl[4], &arg);
    }
    ir_insn_start(&ir, 0x1010);
    ir_emit(&ir, IR_add, IR_I64, (const uint64_t[]){ gl[5], gl[4], gl[4] });
    ir_exit_tb(&ir, 0);
    compile(jit, &b);
    CU_ASSERT_EQUAL(b.ninsns, 6);   /* 5 insns + the fault stub */

    memset((void *)&env, 0, sizeof(env));
    env.g[0] = 5000;   /* out of bounds: the third insn faults */
    env.g[1] = 6;
    if (setjmp(fault_jb) == 0) {
        jit_enter(jit, (void *)&env, b.code);
        CU_FAIL("no fault");
    } else {
        CU_ASSERT_TRUE(jit_find_insn(&b, fault_ra - 1, &pc));
        CU_ASSERT_EQUAL(pc, 0x1008);
        CU_ASSERT_EQUAL(fault_addr, 5000);
        /* the earlier instructions' globals reached env */
        CU_ASSERT_EQUAL(env.g[1], 7);
        CU_ASSERT_EQUAL(env.g[2], 49);
    }

    /* A helper that raises: its return address maps to the fourth insn. */
    memset((void *)&env, 0, sizeof(env));
    memcpy(&gmem[16], &(uint64_t){ 13 }, 8);
    env.g[0] = 16;
    if (setjmp(raise_jb) == 0) {
        jit_enter(jit, (void *)&env, b.code);
        CU_FAIL("no raise");
    } else {
        CU_ASSERT_TRUE(jit_find_insn(&b, raise_ra - 1, &pc));
        CU_ASSERT_EQUAL(pc, 0x100c);
        CU_ASSERT_EQUAL(env.g[3], 13);
    }
    /* And without the raise the block completes. */
    memcpy(&gmem[16], &(uint64_t){ 20 }, 8);
    CU_ASSERT_EQUAL(jit_enter(jit, (void *)&env, b.code), 0);
    CU_ASSERT_EQUAL(env.g[5], 42);
    CU_ASSERT_FALSE(jit_find_insn(&b, (uintptr_t)b.code + b.size, &pc));
    jit_block_release(&b);
}

static void test_flush(void)
{
    JitBlock b;
    Env env;
    int n = 0;

    setup();
    /* A small buffer fills up: compile reports it, flush makes room again. */
    {
        JitContext *j;
        EmuError err;
        CU_ASSERT_FATAL(jit_init(&j, 4096, &cfg, &err));
        ir_reset(&ir);
        for (int k = 0; k < 40; k++) {
            ir_emit(&ir, IR_add, IR_I64, (const uint64_t[]){ gl[k % NG], gl[(k + 1) % NG], gl[(k + 3) % NG] });
        }
        ir_exit_tb(&ir, 4);
        while (jit_compile(j, &ir, TOKEN, &b) == 0 && n < 1000) {
            jit_block_release(&b);
            n++;
        }
        CU_ASSERT_TRUE(n > 0 && n < 1000);
        jit_flush(j);
        CU_ASSERT_EQUAL(jit_compile(j, &ir, TOKEN, &b), 0);
        memset(&env, 0, sizeof(env));
        CU_ASSERT_EQUAL(jit_enter(j, &env, b.code), 4);
        jit_block_release(&b);
        jit_destroy(j);
    }
}

/* A backward branch: block temps and globals live around the loop's back edge. */
static void test_loop(void)
{
    Env in;
    int bad = 0;
    static const uint64_t counts[] = { 1, 2, 5, 100, 1000 };

    setup();
    ir_reset(&ir);
    {
        IRv64 acc = ir_new64(&ir), i = ir_new64(&ir), sq = ir_new64(&ir);
        IRv32 n32 = ir_new32(&ir);
        IRLabel top = ir_new_label(&ir);
        ir_movi_i64(&ir, acc, 0);
        ir_mov_i64(&ir, i, (IRv64){ gl[0] });
        ir_movi_i32(&ir, n32, 7);
        ir_set_label(&ir, top);
        ir_mul_i64(&ir, sq, i, i);
        ir_add_i64(&ir, acc, acc, sq);
        ir_add_i32(&ir, (IRv32){ wl[0] }, (IRv32){ wl[0] }, n32);
        ir_sub_i64(&ir, i, i, ir_const64(&ir, 1));
        ir_brcond_i64(&ir, IR_COND_NE, i, ir_const64(&ir, 0), top);
        ir_mov_i64(&ir, (IRv64){ gl[1] }, acc);
        ir_exit_tb(&ir, 0);
    }
    for (unsigned k = 0; k < sizeof(counts) / sizeof(counts[0]); k++) {
        set_inputs(&in, counts[k], 0);
        bad += !check_block("loop", &in, gmem);
    }
    CU_ASSERT_EQUAL(bad, 0);
}

/* Helper results into I32 destinations are cut to 32 bits; all six argument registers. */
static void test_calls(void)
{
    Env in;
    int bad = 0;

    setup();
    for (unsigned x = 0; x < NEDGE; x++) {
        IRTemp args[6] = { gl[0], gl[1], wl[0], gl[3], gl[5], 0 };
        IRv32 t;
        ir_reset(&ir);
        t = ir_new32(&ir);
        args[5] = ir_const64(&ir, 0xfffffffff0ull).t;
        ir_call(&ir, &h_mix, wl[2], args);
        ir_call(&ir, &h_mix, t.t, args);
        ir_add_i32(&ir, (IRv32){ wl[3] }, t, t);
        ir_call(&ir, &h_six, gl[6], args);
        ir_exit_tb(&ir, 0);
        set_inputs(&in, edges[x], edges[NEDGE - 1 - x]);
        in.g[5] = edges[(x * 5) % NEDGE];
        bad += !check_block("calls", &in, gmem);
    }
    CU_ASSERT_EQUAL(bad, 0);
}

/* -d out_asm: one line group per guest instruction. */
static void test_disas_log(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    JitBlock b;

    setup();
    ir_reset(&ir);
    ir_insn_start(&ir, 0x2000);
    ir_emit(&ir, IR_add, IR_I64, (const uint64_t[]){ gl[1], gl[1], gl[2] });
    ir_insn_start(&ir, 0x2004);
    ir_exit_tb(&ir, 0);
    compile(jit, &b);
    jit_disas_log(&b, f);
    fclose(f);
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "guest pc 0x0000000000002000"));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "guest pc 0x0000000000002004"));
    free(buf);
    jit_block_release(&b);
}

static CU_TestInfo tests[] = {
    { "helper calls", test_calls },
    { "out_asm dump", test_disas_log },
    { "backward branch loop", test_loop },
    { "binary ops x edges x widths", test_binops },
    { "unary ops", test_unops },
    { "bit fields", test_bitfields },
    { "conditions", test_conditions },
    { "guest memory and faults", test_guest_mem },
    { "atomics", test_atomics },
    { "guest_base 0", test_guest_base_zero },
    { "guest_limit above imm32", test_guest_limit_high },
    { "chaining and exits", test_chaining },
    { "jump cache probe", test_jmp_cache_probe },
    { "insn records", test_insn_records },
    { "flush", test_flush },
    { "random blocks", test_random },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return cunit_run_suite("jit", tests);
}
