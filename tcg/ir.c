/*
 * IR builder: the op table, the context that holds one block, and the
 * typed emission functions declared in tcg/ir.h.
 *
 * Misuse by the frontend (wrong widths, bad bit-field positions, too many
 * helper arguments, writing to a constant) is an emulator bug, so it
 * asserts rather than returning an error.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "tcg/ir.h"
#include "tcg/backend.h"

const IROpDef ir_op_defs[IR_NB_OPS] = {
#define IR_OP(nm, o, i, c, f) [IR_##nm] = { .name = #nm, .nout = o, .nin = i, .ncst = c, .flags = f },
#include "tcg/ir-ops.h"
#undef IR_OP
};

/* ------------------------------------------------------------------ */
/* Conditions                                                          */

IRCond ir_cond_invert(IRCond c)
{
    switch (c) {
    case IR_COND_NEVER:  return IR_COND_ALWAYS;
    case IR_COND_ALWAYS: return IR_COND_NEVER;
    case IR_COND_EQ:     return IR_COND_NE;
    case IR_COND_NE:     return IR_COND_EQ;
    case IR_COND_LT:     return IR_COND_GE;
    case IR_COND_GE:     return IR_COND_LT;
    case IR_COND_LE:     return IR_COND_GT;
    case IR_COND_GT:     return IR_COND_LE;
    case IR_COND_LTU:    return IR_COND_GEU;
    case IR_COND_GEU:    return IR_COND_LTU;
    case IR_COND_LEU:    return IR_COND_GTU;
    case IR_COND_GTU:    return IR_COND_LEU;
    case IR_COND_TSTEQ:  return IR_COND_TSTNE;
    case IR_COND_TSTNE:  return IR_COND_TSTEQ;
    }
    assert(!"bad IRCond");
    abort();
}

IRCond ir_cond_swap(IRCond c)
{
    switch (c) {
    case IR_COND_LT:  return IR_COND_GT;
    case IR_COND_GT:  return IR_COND_LT;
    case IR_COND_LE:  return IR_COND_GE;
    case IR_COND_GE:  return IR_COND_LE;
    case IR_COND_LTU: return IR_COND_GTU;
    case IR_COND_GTU: return IR_COND_LTU;
    case IR_COND_LEU: return IR_COND_GEU;
    case IR_COND_GEU: return IR_COND_LEU;
    case IR_COND_NEVER: case IR_COND_ALWAYS: case IR_COND_EQ: case IR_COND_NE:
    case IR_COND_TSTEQ: case IR_COND_TSTNE:
        return c;
    }
    assert(!"bad IRCond");
    abort();
}

bool ir_cond_eval(IRCond c, IRType type, uint64_t a, uint64_t b)
{
    int64_t sa, sb;

    if (type == IR_I32) {
        a = (uint32_t)a;
        b = (uint32_t)b;
        sa = (int32_t)a;
        sb = (int32_t)b;
    } else {
        sa = (int64_t)a;
        sb = (int64_t)b;
    }
    switch (c) {
    case IR_COND_NEVER:  return false;
    case IR_COND_ALWAYS: return true;
    case IR_COND_EQ:     return a == b;
    case IR_COND_NE:     return a != b;
    case IR_COND_LT:     return sa < sb;
    case IR_COND_GE:     return sa >= sb;
    case IR_COND_LE:     return sa <= sb;
    case IR_COND_GT:     return sa > sb;
    case IR_COND_LTU:    return a < b;
    case IR_COND_GEU:    return a >= b;
    case IR_COND_LEU:    return a <= b;
    case IR_COND_GTU:    return a > b;
    case IR_COND_TSTEQ:  return (a & b) == 0;
    case IR_COND_TSTNE:  return (a & b) != 0;
    }
    assert(!"bad IRCond");
    abort();
}

/* ------------------------------------------------------------------ */
/* Context                                                             */

static IRTemp new_temp(IRContext *s, IRTempKind kind, IRType type)
{
    IRTempInfo *ti;

    if (s->nb_temps == s->cap_temps) {
        s->cap_temps = s->cap_temps ? s->cap_temps * 2 : 64;
        s->temps = realloc(s->temps, s->cap_temps * sizeof(*s->temps));
        assert(s->temps);
    }
    ti = &s->temps[s->nb_temps];
    memset(ti, 0, sizeof(*ti));
    ti->kind = kind;
    ti->type = type;
    return s->nb_temps++;
}

void ir_init(IRContext *s)
{
    memset(s, 0, sizeof(*s));
    new_temp(s, IR_TEMP_ENV, IR_I64);
    assert(s->nb_temps == IR_TEMP_ENV_INDEX + 1);
}

void ir_free(IRContext *s)
{
    free(s->ops);
    free(s->temps);
    memset(s, 0, sizeof(*s));
}

void ir_reset(IRContext *s)
{
    s->nb_ops = 0;
    s->nb_temps = 1 + s->nb_globals;
    s->nb_labels = 0;
}

IRTemp ir_new_global(IRContext *s, IRType type, uint32_t env_offset, const char *name)
{
    IRTemp t;

    /* Globals occupy [1, 1 + nb_globals): register them before any block. */
    assert(s->nb_temps == 1 + s->nb_globals);
    assert(type == IR_I32 || type == IR_I64);
    assert(env_offset % (type == IR_I32 ? 4 : 8) == 0);
    t = new_temp(s, IR_TEMP_GLOBAL, type);
    s->temps[t].env_offset = env_offset;
    s->temps[t].name = name;
    s->nb_globals++;
    return t;
}

IRv32 ir_new32(IRContext *s)
{
    return (IRv32){ new_temp(s, IR_TEMP_BLOCK, IR_I32) };
}

IRv64 ir_new64(IRContext *s)
{
    return (IRv64){ new_temp(s, IR_TEMP_BLOCK, IR_I64) };
}

/*
 * Constants are shared within a block through a small direct-mapped cache
 * (a scan of all temps was quadratic in the block size).  A constant the
 * cache has forgotten is simply made again: equal constants in different
 * temps are still correct IR.
 */
static IRTemp find_const(IRContext *s, IRType type, uint64_t v)
{
    unsigned h = (unsigned)(((v ^ (uint64_t)type << 40) * 0x9e3779b97f4a7c15ull) >> 58);
    IRTemp t = s->const_cache[h];

    if (t > s->nb_globals && t < s->nb_temps) {
        const IRTempInfo *ti = &s->temps[t];
        if (ti->kind == IR_TEMP_CONST && ti->type == type && ti->value == v) {
            return t;
        }
    }
    t = new_temp(s, IR_TEMP_CONST, type);
    s->temps[t].value = v;
    s->const_cache[h] = t;
    return t;
}

IRv32 ir_const32(IRContext *s, uint32_t v)
{
    return (IRv32){ find_const(s, IR_I32, v) };
}

IRv64 ir_const64(IRContext *s, uint64_t v)
{
    return (IRv64){ find_const(s, IR_I64, v) };
}

IRLabel ir_new_label(IRContext *s)
{
    return s->nb_labels++;
}

/* ------------------------------------------------------------------ */
/* Emission                                                            */

static IROp *alloc_op(IRContext *s)
{
    if (s->nb_ops == s->cap_ops) {
        s->cap_ops = s->cap_ops ? s->cap_ops * 2 : 128;
        s->ops = realloc(s->ops, s->cap_ops * sizeof(*s->ops));
        assert(s->ops);
    }
    IROp *op = &s->ops[s->nb_ops++];
    memset(op, 0, sizeof(*op));
    return op;
}

IROp *ir_emit(IRContext *s, IROpcode opc, IRType type, const uint64_t *args)
{
    const IROpDef *def;
    IROp *op;
    unsigned n;

    assert(opc < IR_NB_OPS);
    /* Calls have a variable shape: use ir_call. */
    assert(opc != IR_call);
    assert(type == IR_I32 || type == IR_I64);
    def = &ir_op_defs[opc];
    n = def->nout + def->nin + def->ncst;
    assert(n <= IR_MAX_OP_ARGS);
    for (unsigned i = 0; i < def->nout; i++) {
        assert(args[i] < s->nb_temps);
        assert(s->temps[args[i]].kind == IR_TEMP_BLOCK ||
               s->temps[args[i]].kind == IR_TEMP_GLOBAL);
    }
    for (unsigned i = def->nout; i < def->nout + def->nin; i++) {
        assert(args[i] < s->nb_temps);
    }
    op = alloc_op(s);
    op->opc = opc;
    op->type = type;
    op->nout = def->nout;
    op->nin = def->nin;
    op->ncst = def->ncst;
    for (unsigned i = 0; i < n; i++) {
        op->args[i] = args[i];
    }
    return op;
}

static void chk(const IRContext *s, IRTemp t, IRType type)
{
    assert(t < s->nb_temps);
    assert(s->temps[t].type == type);
    (void)s; (void)t; (void)type;
}

#define BIN(op)                                                              \
void ir_##op##_i32(IRContext *s, IRv32 d, IRv32 a, IRv32 b)                  \
{                                                                            \
    chk(s, d.t, IR_I32); chk(s, a.t, IR_I32); chk(s, b.t, IR_I32);           \
    ir_emit(s, IR_##op, IR_I32, (const uint64_t[]){ d.t, a.t, b.t });        \
}                                                                            \
void ir_##op##_i64(IRContext *s, IRv64 d, IRv64 a, IRv64 b)                  \
{                                                                            \
    chk(s, d.t, IR_I64); chk(s, a.t, IR_I64); chk(s, b.t, IR_I64);           \
    ir_emit(s, IR_##op, IR_I64, (const uint64_t[]){ d.t, a.t, b.t });        \
}
#define UN(op)                                                               \
void ir_##op##_i32(IRContext *s, IRv32 d, IRv32 a)                           \
{                                                                            \
    chk(s, d.t, IR_I32); chk(s, a.t, IR_I32);                                \
    ir_emit(s, IR_##op, IR_I32, (const uint64_t[]){ d.t, a.t });             \
}                                                                            \
void ir_##op##_i64(IRContext *s, IRv64 d, IRv64 a)                           \
{                                                                            \
    chk(s, d.t, IR_I64); chk(s, a.t, IR_I64);                                \
    ir_emit(s, IR_##op, IR_I64, (const uint64_t[]){ d.t, a.t });             \
}

UN(mov)
BIN(add) BIN(sub) BIN(mul) BIN(muluh) BIN(mulsh)
BIN(div) BIN(divu) BIN(rem) BIN(remu)
BIN(and) BIN(or) BIN(xor) BIN(andc) BIN(orc) BIN(eqv)
BIN(shl) BIN(shr) BIN(sar) BIN(rotr) BIN(rotl)
UN(neg) UN(not) UN(clz) UN(ctz) UN(bswap)
UN(ext8s) UN(ext8u) UN(ext16s) UN(ext16u)
#undef BIN
#undef UN

void ir_movi_i32(IRContext *s, IRv32 d, uint32_t v)
{
    ir_mov_i32(s, d, ir_const32(s, v));
}

void ir_movi_i64(IRContext *s, IRv64 d, uint64_t v)
{
    ir_mov_i64(s, d, ir_const64(s, v));
}

void ir_ext32s_i64(IRContext *s, IRv64 d, IRv32 a)
{
    chk(s, d.t, IR_I64); chk(s, a.t, IR_I32);
    ir_emit(s, IR_ext32s, IR_I64, (const uint64_t[]){ d.t, a.t });
}

void ir_ext32u_i64(IRContext *s, IRv64 d, IRv32 a)
{
    chk(s, d.t, IR_I64); chk(s, a.t, IR_I32);
    ir_emit(s, IR_ext32u, IR_I64, (const uint64_t[]){ d.t, a.t });
}

void ir_trunc32(IRContext *s, IRv32 d, IRv64 a)
{
    chk(s, d.t, IR_I32); chk(s, a.t, IR_I64);
    ir_emit(s, IR_trunc32, IR_I32, (const uint64_t[]){ d.t, a.t });
}

static void chk_field(unsigned width, unsigned pos, unsigned len)
{
    assert(len > 0 && pos < width && len <= width - pos);
    (void)width; (void)pos; (void)len;
}

void ir_extract_i32(IRContext *s, IRv32 d, IRv32 a, unsigned pos, unsigned len)
{
    chk(s, d.t, IR_I32); chk(s, a.t, IR_I32); chk_field(32, pos, len);
    ir_emit(s, IR_extract, IR_I32, (const uint64_t[]){ d.t, a.t, pos, len });
}

void ir_extract_i64(IRContext *s, IRv64 d, IRv64 a, unsigned pos, unsigned len)
{
    chk(s, d.t, IR_I64); chk(s, a.t, IR_I64); chk_field(64, pos, len);
    ir_emit(s, IR_extract, IR_I64, (const uint64_t[]){ d.t, a.t, pos, len });
}

void ir_sextract_i32(IRContext *s, IRv32 d, IRv32 a, unsigned pos, unsigned len)
{
    chk(s, d.t, IR_I32); chk(s, a.t, IR_I32); chk_field(32, pos, len);
    ir_emit(s, IR_sextract, IR_I32, (const uint64_t[]){ d.t, a.t, pos, len });
}

void ir_sextract_i64(IRContext *s, IRv64 d, IRv64 a, unsigned pos, unsigned len)
{
    chk(s, d.t, IR_I64); chk(s, a.t, IR_I64); chk_field(64, pos, len);
    ir_emit(s, IR_sextract, IR_I64, (const uint64_t[]){ d.t, a.t, pos, len });
}

void ir_deposit_i32(IRContext *s, IRv32 d, IRv32 a, IRv32 b, unsigned pos, unsigned len)
{
    chk(s, d.t, IR_I32); chk(s, a.t, IR_I32); chk(s, b.t, IR_I32); chk_field(32, pos, len);
    ir_emit(s, IR_deposit, IR_I32, (const uint64_t[]){ d.t, a.t, b.t, pos, len });
}

void ir_deposit_i64(IRContext *s, IRv64 d, IRv64 a, IRv64 b, unsigned pos, unsigned len)
{
    chk(s, d.t, IR_I64); chk(s, a.t, IR_I64); chk(s, b.t, IR_I64); chk_field(64, pos, len);
    ir_emit(s, IR_deposit, IR_I64, (const uint64_t[]){ d.t, a.t, b.t, pos, len });
}

static void chk_cond(IRCond c)
{
    assert((unsigned)c <= IR_COND_TSTNE);
    (void)c;
}

void ir_setcond_i32(IRContext *s, IRCond c, IRv32 d, IRv32 a, IRv32 b)
{
    chk_cond(c); chk(s, d.t, IR_I32); chk(s, a.t, IR_I32); chk(s, b.t, IR_I32);
    ir_emit(s, IR_setcond, IR_I32, (const uint64_t[]){ d.t, a.t, b.t, c });
}

void ir_setcond_i64(IRContext *s, IRCond c, IRv64 d, IRv64 a, IRv64 b)
{
    chk_cond(c); chk(s, d.t, IR_I64); chk(s, a.t, IR_I64); chk(s, b.t, IR_I64);
    ir_emit(s, IR_setcond, IR_I64, (const uint64_t[]){ d.t, a.t, b.t, c });
}

void ir_movcond_i32(IRContext *s, IRCond c, IRv32 d, IRv32 a, IRv32 b, IRv32 t, IRv32 f)
{
    chk_cond(c); chk(s, d.t, IR_I32); chk(s, a.t, IR_I32); chk(s, b.t, IR_I32);
    chk(s, t.t, IR_I32); chk(s, f.t, IR_I32);
    ir_emit(s, IR_movcond, IR_I32, (const uint64_t[]){ d.t, a.t, b.t, t.t, f.t, c });
}

void ir_movcond_i64(IRContext *s, IRCond c, IRv64 d, IRv64 a, IRv64 b, IRv64 t, IRv64 f)
{
    chk_cond(c); chk(s, d.t, IR_I64); chk(s, a.t, IR_I64); chk(s, b.t, IR_I64);
    chk(s, t.t, IR_I64); chk(s, f.t, IR_I64);
    ir_emit(s, IR_movcond, IR_I64, (const uint64_t[]){ d.t, a.t, b.t, t.t, f.t, c });
}

static void chk_label(const IRContext *s, IRLabel l)
{
    assert(l < s->nb_labels);
    (void)s; (void)l;
}

void ir_set_label(IRContext *s, IRLabel l)
{
    chk_label(s, l);
    ir_emit(s, IR_set_label, IR_I64, (const uint64_t[]){ l });
}

void ir_br(IRContext *s, IRLabel l)
{
    chk_label(s, l);
    ir_emit(s, IR_br, IR_I64, (const uint64_t[]){ l });
}

void ir_brcond_i32(IRContext *s, IRCond c, IRv32 a, IRv32 b, IRLabel l)
{
    chk_cond(c); chk_label(s, l); chk(s, a.t, IR_I32); chk(s, b.t, IR_I32);
    ir_emit(s, IR_brcond, IR_I32, (const uint64_t[]){ a.t, b.t, c, l });
}

void ir_brcond_i64(IRContext *s, IRCond c, IRv64 a, IRv64 b, IRLabel l)
{
    chk_cond(c); chk_label(s, l); chk(s, a.t, IR_I64); chk(s, b.t, IR_I64);
    ir_emit(s, IR_brcond, IR_I64, (const uint64_t[]){ a.t, b.t, c, l });
}

static void chk_memop(IRMemOp mo, unsigned width_bytes)
{
    assert(ir_memop_size(mo) <= width_bytes);
    /* Only the documented bits may be set. */
    assert((mo & ~(IR_MO_SIZE_MASK | IR_MO_SIGN | IR_MO_ALIGN_MASK | IR_MO_MMUIDX_MASK)) == 0);
    /* Alignment above 64 bytes makes no sense for a scalar access. */
    assert(((mo & IR_MO_ALIGN_MASK) >> IR_MO_ALIGN_SHIFT) <= 6);
    (void)mo; (void)width_bytes;
}

void ir_ld_i32(IRContext *s, IRv32 d, IRv64 base, int64_t offset, IRMemOp mo)
{
    chk(s, d.t, IR_I32); chk(s, base.t, IR_I64); chk_memop(mo, 4);
    ir_emit(s, IR_ld, IR_I32, (const uint64_t[]){ d.t, base.t, (uint64_t)offset, mo });
}

void ir_ld_i64(IRContext *s, IRv64 d, IRv64 base, int64_t offset, IRMemOp mo)
{
    chk(s, d.t, IR_I64); chk(s, base.t, IR_I64); chk_memop(mo, 8);
    ir_emit(s, IR_ld, IR_I64, (const uint64_t[]){ d.t, base.t, (uint64_t)offset, mo });
}

void ir_st_i32(IRContext *s, IRv32 v, IRv64 base, int64_t offset, IRMemOp mo)
{
    chk(s, v.t, IR_I32); chk(s, base.t, IR_I64); chk_memop(mo, 4);
    ir_emit(s, IR_st, IR_I32, (const uint64_t[]){ v.t, base.t, (uint64_t)offset, mo });
}

void ir_st_i64(IRContext *s, IRv64 v, IRv64 base, int64_t offset, IRMemOp mo)
{
    chk(s, v.t, IR_I64); chk(s, base.t, IR_I64); chk_memop(mo, 8);
    ir_emit(s, IR_st, IR_I64, (const uint64_t[]){ v.t, base.t, (uint64_t)offset, mo });
}

/* IRContext.mem_hook before a guest access of kind IR_MEMHOOK_*. */
static void mem_hook(IRContext *s, IRv64 addr, IRMemOp mo, uint32_t kind)
{
    if (s->mem_hook) {
        IRTemp args[3] = { IR_TEMP_ENV_INDEX, addr.t, ir_const64(s, mo | kind).t };
        ir_call(s, s->mem_hook, IR_NO_RESULT, args);
    }
}

void ir_guest_ld_i32(IRContext *s, IRv32 d, IRv64 addr, IRMemOp mo)
{
    chk(s, d.t, IR_I32); chk(s, addr.t, IR_I64); chk_memop(mo, 4);
    mem_hook(s, addr, mo, IR_MEMHOOK_READ);
    ir_emit(s, IR_guest_ld, IR_I32, (const uint64_t[]){ d.t, addr.t, mo });
}

void ir_guest_ld_i64(IRContext *s, IRv64 d, IRv64 addr, IRMemOp mo)
{
    chk(s, d.t, IR_I64); chk(s, addr.t, IR_I64); chk_memop(mo, 8);
    mem_hook(s, addr, mo, IR_MEMHOOK_READ);
    ir_emit(s, IR_guest_ld, IR_I64, (const uint64_t[]){ d.t, addr.t, mo });
}

void ir_guest_st_i32(IRContext *s, IRv32 v, IRv64 addr, IRMemOp mo)
{
    chk(s, v.t, IR_I32); chk(s, addr.t, IR_I64); chk_memop(mo, 4);
    mem_hook(s, addr, mo, IR_MEMHOOK_WRITE);
    ir_emit(s, IR_guest_st, IR_I32, (const uint64_t[]){ v.t, addr.t, mo });
}

void ir_guest_st_i64(IRContext *s, IRv64 v, IRv64 addr, IRMemOp mo)
{
    chk(s, v.t, IR_I64); chk(s, addr.t, IR_I64); chk_memop(mo, 8);
    mem_hook(s, addr, mo, IR_MEMHOOK_WRITE);
    ir_emit(s, IR_guest_st, IR_I64, (const uint64_t[]){ v.t, addr.t, mo });
}

void ir_atomic_cmpxchg_i64(IRContext *s, IRv64 old, IRv64 addr, IRv64 expected, IRv64 newv, IRMemOp mo)
{
    chk(s, old.t, IR_I64); chk(s, addr.t, IR_I64); chk(s, expected.t, IR_I64);
    chk(s, newv.t, IR_I64); chk_memop(mo, 8);
    /* A compare-and-swap reads, and may write: watched as both. */
    mem_hook(s, addr, mo, IR_MEMHOOK_READ | IR_MEMHOOK_WRITE);
    ir_emit(s, IR_atomic_cmpxchg, IR_I64,
            (const uint64_t[]){ old.t, addr.t, expected.t, newv.t, mo });
}

void ir_atomic_rmw_i64(IRContext *s, IRAtomicOp aop, IRv64 old, IRv64 addr, IRv64 operand, IRMemOp mo)
{
    assert((unsigned)aop <= IR_ATOMIC_UMIN);
    chk(s, old.t, IR_I64); chk(s, addr.t, IR_I64); chk(s, operand.t, IR_I64); chk_memop(mo, 8);
    mem_hook(s, addr, mo, IR_MEMHOOK_READ | IR_MEMHOOK_WRITE);
    ir_emit(s, IR_atomic_rmw, IR_I64,
            (const uint64_t[]){ old.t, addr.t, operand.t, aop, mo });
}

void ir_mb(IRContext *s, unsigned kind)
{
    assert(kind >= 1 && kind <= IR_MB_ALL);
    ir_emit(s, IR_mb, IR_I64, (const uint64_t[]){ kind });
}

void ir_call(IRContext *s, const IRHelperInfo *h, IRTemp result, const IRTemp *args)
{
    IROp *op;
    unsigned n = 0;

    assert(h);
    assert(h->nargs <= IR_MAX_HELPER_ARGS);
    assert(h->thunk || h->fn);
    if (h->has_result) {
        /* A caller that ignores the result still gets a defined output. */
        if (result == IR_NO_RESULT) {
            result = ir_new64(s).t;
        }
        assert(result < s->nb_temps);
        assert(s->temps[result].kind == IR_TEMP_BLOCK ||
               s->temps[result].kind == IR_TEMP_GLOBAL);
    } else {
        assert(result == IR_NO_RESULT);
    }
    for (unsigned i = 0; i < h->nargs; i++) {
        assert(args[i] < s->nb_temps);
    }
    op = alloc_op(s);
    op->opc = IR_call;
    op->type = IR_I64;
    op->nout = h->has_result ? 1 : 0;
    op->nin = h->nargs;
    op->ncst = 1;
    if (h->has_result) {
        op->args[n++] = result;
    }
    for (unsigned i = 0; i < h->nargs; i++) {
        op->args[n++] = args[i];
    }
    op->args[n] = (uintptr_t)h;
}

void ir_insn_start(IRContext *s, uint64_t guest_pc)
{
    ir_emit(s, IR_insn_start, IR_I64, (const uint64_t[]){ guest_pc });
}

void ir_exit_link(IRContext *s, unsigned slot)
{
    assert(slot < 2);
    ir_emit(s, IR_exit_link, IR_I64, (const uint64_t[]){ slot, 0 });
}

void ir_exit_link_pc(IRContext *s, unsigned slot, uint64_t dest)
{
    assert(slot < 2);
    ir_emit(s, IR_exit_link, IR_I64, (const uint64_t[]){ slot | IR_EXIT_LINK_SETS_PC, dest });
}

void ir_exit_lookup(IRContext *s, uint64_t tb_flags)
{
    ir_emit(s, IR_exit_lookup, IR_I64, (const uint64_t[]){ tb_flags });
}

void ir_exit_tb(IRContext *s, unsigned reason)
{
    assert(reason < IR_EXIT_LINK_MIN);
    ir_emit(s, IR_exit_tb, IR_I64, (const uint64_t[]){ reason });
}
