/*
 * IR optimiser: ir_optimize().
 *
 * Pass 1 (forward, per basic block): constant and copy propagation, constant
 * folding of every pure op (through ir_eval_op, the interpreter's own
 * arithmetic, so folding can never disagree with execution), algebraic
 * identities, decided setcond/movcond/brcond, and removal of code that
 * follows an unconditional branch or exit up to the next label.
 *
 * What is known about temps is forgotten at every set_label, br and exit
 * (a label may be reached from elsewhere).  It is kept across the
 * fall-through of a brcond, whose only predecessor is the brcond itself.
 * A helper call whose flags say it writes globals forgets all globals.
 *
 * Pass 2 (backward): dead-code elimination from a liveness analysis that is
 * iterated to a fixed point over the labels/branches of the block, because
 * block temps may live across labels and branches (including backward
 * ones).  Live sets: at an exit only the globals; at br L the live-in of L;
 * at brcond L the fall-through set plus the live-in of L; before an op that
 * may fault or calls a helper, all globals.  An op without
 * IR_OPF_SIDE_EFFECTS whose outputs are all dead is removed.
 *
 * Removed ops become IR_nop and are compacted out at the end.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "tcg/ir.h"
#include "tcg/scratch.h"
#include "tcg/interp.h"

enum { K_NONE, K_CONST, K_COPY };

typedef struct OptState {
    IRContext *s;
    uint32_t n;          /* temps that existed on entry; later ones are constants */
    uint32_t epoch;
    uint32_t *k_epoch;   /* knowledge valid when == epoch */
    uint8_t *k_kind;
    uint64_t *k_val;     /* K_CONST: value (zero-extended for I32 temps) */
    IRTemp *k_src;       /* K_COPY: the temp holding the same value */
    uint32_t *k_srcver;  /* ... as of this version of k_src */
    uint32_t *ver;       /* bumped on every write of a temp */
} OptState;

static uint64_t type_mask(IRType t)
{
    return t == IR_I32 ? 0xffffffffull : ~0ull;
}

static bool temp_is_const(const OptState *o, IRTemp t, uint64_t *val)
{
    const IRTempInfo *ti = &o->s->temps[t];

    if (ti->kind == IR_TEMP_CONST) {
        *val = ti->value & type_mask((IRType)ti->type);
        return true;
    }
    if (t < o->n && o->k_epoch[t] == o->epoch && o->k_kind[t] == K_CONST) {
        *val = o->k_val[t];
        return true;
    }
    return false;
}

/* The canonical temp to read instead of @t (a constant temp, a copy source or t). */
static IRTemp canon(OptState *o, IRTemp t)
{
    uint64_t v;

    if (o->s->temps[t].kind == IR_TEMP_CONST || t >= o->n) {
        return t;
    }
    if (temp_is_const(o, t, &v)) {
        return o->s->temps[t].type == IR_I32 ? ir_const32(o->s, (uint32_t)v).t
                                             : ir_const64(o->s, v).t;
    }
    if (o->k_epoch[t] == o->epoch && o->k_kind[t] == K_COPY &&
        o->ver[o->k_src[t]] == o->k_srcver[t]) {
        return o->k_src[t];
    }
    return t;
}

static void forget_all(OptState *o)
{
    o->epoch++;
}

/* @t is about to receive a new value. */
static void wrote(OptState *o, IRTemp t)
{
    assert(t < o->n);
    o->ver[t]++;
    o->k_kind[t] = K_NONE;
    o->k_epoch[t] = o->epoch;
}

static void forget_globals(OptState *o)
{
    for (IRTemp g = 1; g < 1 + o->s->nb_globals; g++) {
        wrote(o, g);
    }
}

static void set_nop(IROp *op)
{
    memset(op, 0, sizeof(*op));
    op->opc = IR_nop;
}

static void make_mov(IROp *op, IRTemp d, IRTemp src)
{
    uint8_t type = op->type;

    memset(op, 0, sizeof(*op));
    op->opc = IR_mov;
    op->type = type;
    op->nout = 1;
    op->nin = 1;
    op->args[0] = d;
    op->args[1] = src;
}

static void make_movi(OptState *o, IROp *op, IRTemp d, uint64_t v)
{
    IRTemp c = op->type == IR_I32 ? ir_const32(o->s, (uint32_t)v).t
                                  : ir_const64(o->s, v).t;
    make_mov(op, d, c);
}

/*
 * Whether (a cond b) is known at compile time: -1 unknown, else 0/1.
 */
static int cond_known(OptState *o, IRCond c, IRType type, IRTemp a, IRTemp b)
{
    uint64_t va = 0, vb = 0;
    bool ka = temp_is_const(o, a, &va), kb = temp_is_const(o, b, &vb);

    if (c == IR_COND_NEVER) return 0;
    if (c == IR_COND_ALWAYS) return 1;
    if (ka && kb) {
        return ir_cond_eval(c, type, va, vb);
    }
    if (a == b) {
        switch (c) {
        case IR_COND_EQ: case IR_COND_LE: case IR_COND_GE:
        case IR_COND_LEU: case IR_COND_GEU:
            return 1;
        case IR_COND_NE: case IR_COND_LT: case IR_COND_GT:
        case IR_COND_LTU: case IR_COND_GTU:
            return 0;
        default:
            return -1;
        }
    }
    if (kb && vb == 0) {
        switch (c) {
        case IR_COND_LTU: case IR_COND_TSTNE: return 0;
        case IR_COND_GEU: case IR_COND_TSTEQ: return 1;
        default: return -1;
        }
    }
    if (ka && va == 0) {
        switch (c) {
        case IR_COND_GTU: case IR_COND_TSTNE: return 0;
        case IR_COND_LEU: case IR_COND_TSTEQ: return 1;
        default: return -1;
        }
    }
    return -1;
}

/*
 * Algebraic identities on a pure binary op whose inputs are not both
 * constant.  Returns true when @op was rewritten to a mov.
 */
static bool simplify_binary(OptState *o, IROp *op)
{
    IRType type = (IRType)op->type;
    uint64_t all = type_mask(type);
    IRTemp d = op->args[0], a = op->args[1], b = op->args[2];
    uint64_t va = 0, vb = 0;
    bool ka = temp_is_const(o, a, &va), kb = temp_is_const(o, b, &vb);
    unsigned width = type == IR_I32 ? 32 : 64;

    switch ((IROpcode)op->opc) {
    case IR_add: case IR_or: case IR_xor:
        if (kb && vb == 0) { make_mov(op, d, a); return true; }
        if (ka && va == 0) { make_mov(op, d, b); return true; }
        if (op->opc == IR_xor && a == b) { make_movi(o, op, d, 0); return true; }
        if (op->opc == IR_or) {
            if (a == b) { make_mov(op, d, a); return true; }
            if ((ka && va == all) || (kb && vb == all)) { make_movi(o, op, d, all); return true; }
        }
        break;
    case IR_sub:
        if (kb && vb == 0) { make_mov(op, d, a); return true; }
        if (a == b) { make_movi(o, op, d, 0); return true; }
        break;
    case IR_mul:
        if ((ka && va == 0) || (kb && vb == 0)) { make_movi(o, op, d, 0); return true; }
        if (kb && vb == 1) { make_mov(op, d, a); return true; }
        if (ka && va == 1) { make_mov(op, d, b); return true; }
        break;
    case IR_and:
        if ((ka && va == 0) || (kb && vb == 0)) { make_movi(o, op, d, 0); return true; }
        if (kb && vb == all) { make_mov(op, d, a); return true; }
        if (ka && va == all) { make_mov(op, d, b); return true; }
        if (a == b) { make_mov(op, d, a); return true; }
        break;
    case IR_andc:
        if (kb && vb == 0) { make_mov(op, d, a); return true; }
        if (a == b || (ka && va == 0)) { make_movi(o, op, d, 0); return true; }
        break;
    case IR_orc:
        if (kb && vb == all) { make_mov(op, d, a); return true; }
        if (a == b) { make_movi(o, op, d, all); return true; }
        break;
    case IR_eqv:
        if (kb && vb == all) { make_mov(op, d, a); return true; }
        if (a == b) { make_movi(o, op, d, all); return true; }
        break;
    case IR_shl: case IR_shr: case IR_sar: case IR_rotr: case IR_rotl:
        if (kb && vb % width == 0) { make_mov(op, d, a); return true; }
        if (ka && va == 0) { make_movi(o, op, d, 0); return true; }
        if (ka && va == all && (op->opc == IR_sar || op->opc == IR_rotr || op->opc == IR_rotl)) {
            make_movi(o, op, d, all);
            return true;
        }
        break;
    case IR_div: case IR_divu:
        if (kb && vb == 1) { make_mov(op, d, a); return true; }
        break;
    case IR_rem: case IR_remu:
        if (kb && vb == 1) { make_movi(o, op, d, 0); return true; }
        break;
    default:
        break;
    }
    return false;
}

/* Record what a mov tells us about its output. */
static void note_mov(OptState *o, IROp *op)
{
    IRTemp d = op->args[0], src = op->args[1];
    uint64_t v;

    wrote(o, d);
    if (temp_is_const(o, src, &v)) {
        o->k_kind[d] = K_CONST;
        o->k_val[d] = v & type_mask((IRType)o->s->temps[d].type) & type_mask((IRType)op->type);
    } else if (src < o->n && o->s->temps[src].type == o->s->temps[d].type) {
        o->k_kind[d] = K_COPY;
        o->k_src[d] = src;
        o->k_srcver[d] = o->ver[src];
    }
}

static void forward_pass(OptState *o)
{
    IRContext *s = o->s;
    bool unreachable = false;

    for (uint32_t i = 0; i < s->nb_ops; i++) {
        IROp *op = &s->ops[i];
        IROpcode opc = (IROpcode)op->opc;
        uint32_t flags = ir_op_defs[opc].flags;

        if (opc == IR_nop) {
            continue;
        }
        if (opc == IR_set_label) {
            unreachable = false;
            forget_all(o);
            continue;
        }
        if (unreachable) {
            /* Nothing branches here: the previous op was br or an exit. */
            set_nop(op);
            continue;
        }

        /* Read the best available source for every input. */
        for (unsigned k = 0; k < op->nin; k++) {
            op->args[op->nout + k] = canon(o, (IRTemp)op->args[op->nout + k]);
        }

        if (ir_op_is_pure_alu(opc)) {
            IRTemp d = op->args[0];
            uint64_t in[4] = { 0 }, v;
            bool all_const = true;

            for (unsigned k = 0; k < op->nin; k++) {
                if (!temp_is_const(o, op->args[1 + k], &in[k])) {
                    all_const = false;
                }
            }
            if (all_const) {
                v = ir_eval_op(opc, (IRType)op->type, in, &op->args[1 + op->nin]);
                make_movi(o, op, d, v);
            } else if (opc == IR_setcond) {
                int r = cond_known(o, (IRCond)op->args[3], (IRType)op->type,
                                   op->args[1], op->args[2]);
                if (r >= 0) {
                    make_movi(o, op, d, (uint64_t)r);
                }
            } else if (opc == IR_movcond) {
                int r = cond_known(o, (IRCond)op->args[5], (IRType)op->type,
                                   op->args[1], op->args[2]);
                if (r >= 0) {
                    make_mov(op, d, r ? op->args[3] : op->args[4]);
                } else if (op->args[3] == op->args[4]) {
                    make_mov(op, d, op->args[3]);
                }
            } else if (op->nin == 2 && op->ncst == 0) {
                simplify_binary(o, op);
            }

            if (op->opc == IR_mov) {
                if (op->args[0] == op->args[1]) {
                    set_nop(op);       /* mov x, x */
                } else {
                    note_mov(o, op);
                }
            } else {
                wrote(o, d);
            }
            continue;
        }

        if (opc == IR_brcond) {
            int r = cond_known(o, (IRCond)op->args[2], (IRType)op->type,
                               op->args[0], op->args[1]);
            if (r == 0) {
                set_nop(op);           /* never taken: fall through, keep knowledge */
                continue;
            }
            if (r == 1) {
                uint64_t l = op->args[3];
                memset(op, 0, sizeof(*op));
                op->opc = IR_br;
                op->type = IR_I64;
                op->ncst = 1;
                op->args[0] = l;
                opc = IR_br;
                flags = ir_op_defs[opc].flags;
            }
        }

        /* Other ops: their outputs become unknown. */
        for (unsigned k = 0; k < op->nout; k++) {
            wrote(o, op->args[k]);
        }
        if (opc == IR_call) {
            const IRHelperInfo *h = (const IRHelperInfo *)(uintptr_t)op->args[op->nout + op->nin];
            if (h->flags & IR_HELPER_WRITES_GLOBALS) {
                forget_globals(o);
            }
        }
        if (opc == IR_br || (flags & IR_OPF_EXIT)) {
            forget_all(o);
            unreachable = true;
        }
        /* brcond: the fall-through has the brcond as its only predecessor. */
    }
}

/* ------------------------------------------------------------------ */
/* Liveness and dead-code elimination                                  */

typedef struct Live {
    uint32_t words;
    uint64_t *cur;
    uint64_t *globals;
    uint64_t *labels;   /* nb_labels * words: live-in at each label */
} Live;

static inline bool bit_get(const uint64_t *b, uint64_t i) { return (b[i / 64] >> (i % 64)) & 1; }
static inline void bit_set(uint64_t *b, uint64_t i) { b[i / 64] |= 1ull << (i % 64); }
static inline void bit_clr(uint64_t *b, uint64_t i) { b[i / 64] &= ~(1ull << (i % 64)); }

/*
 * One backward walk.  With @remove, dead ops become nops; otherwise the
 * label live-in sets are updated and the return value says whether any
 * changed.
 */
static bool liveness_walk(IRContext *s, Live *lv, bool remove)
{
    bool changed = false;
    size_t wb = lv->words * sizeof(uint64_t);

    memcpy(lv->cur, lv->globals, wb);
    for (uint32_t i = s->nb_ops; i-- > 0;) {
        IROp *op = &s->ops[i];
        uint32_t flags = ir_op_defs[op->opc].flags;
        const uint64_t *cst = &op->args[op->nout + op->nin];

        switch ((IROpcode)op->opc) {
        case IR_nop:
            continue;
        case IR_exit_link: case IR_exit_lookup: case IR_exit_tb:
            memcpy(lv->cur, lv->globals, wb);
            break;
        case IR_br:
            memcpy(lv->cur, &lv->labels[cst[0] * lv->words], wb);
            break;
        case IR_brcond: {
            const uint64_t *ll = &lv->labels[cst[1] * lv->words];
            for (uint32_t w = 0; w < lv->words; w++) {
                lv->cur[w] |= ll[w];
            }
            break;
        }
        case IR_set_label: {
            uint64_t *ll = &lv->labels[cst[0] * lv->words];
            if (memcmp(ll, lv->cur, wb) != 0) {
                memcpy(ll, lv->cur, wb);
                changed = true;
            }
            break;
        }
        default:
            break;
        }

        if (!(flags & IR_OPF_SIDE_EFFECTS) && op->nout > 0) {
            bool any_live = false;
            for (unsigned k = 0; k < op->nout; k++) {
                any_live |= bit_get(lv->cur, op->args[k]);
            }
            if (!any_live) {
                if (remove) {
                    set_nop(op);
                }
                continue;       /* its inputs are not needed */
            }
        }
        for (unsigned k = 0; k < op->nout; k++) {
            bit_clr(lv->cur, op->args[k]);
        }
        for (unsigned k = 0; k < op->nin; k++) {
            bit_set(lv->cur, op->args[op->nout + k]);
        }
        if (flags & (IR_OPF_MAY_FAULT | IR_OPF_CALL)) {
            for (uint32_t w = 0; w < lv->words; w++) {
                lv->cur[w] |= lv->globals[w];
            }
        }
    }
    return changed;
}

static void dead_code(IRContext *s)
{
    Live lv;
    uint32_t nl = s->nb_labels;

    lv.words = (s->nb_temps + 63) / 64;
    lv.cur = scratch_array(lv.words, sizeof(uint64_t));
    lv.globals = scratch_array(lv.words, sizeof(uint64_t));
    lv.labels = scratch_array((size_t)(nl ? nl : 1) * lv.words, sizeof(uint64_t));
    assert(lv.cur && lv.globals && lv.labels);
    for (IRTemp g = 1; g < 1 + s->nb_globals; g++) {
        bit_set(lv.globals, g);
    }
    /* Label live-in sets only grow, so this terminates. */
    while (liveness_walk(s, &lv, false)) {
    }
    liveness_walk(s, &lv, true);
}

static void compact(IRContext *s)
{
    uint32_t j = 0;

    for (uint32_t i = 0; i < s->nb_ops; i++) {
        if (s->ops[i].opc != IR_nop) {
            if (i != j) {
                s->ops[j] = s->ops[i];
            }
            j++;
        }
    }
    s->nb_ops = j;
}

void ir_optimize(IRContext *s)
{
    OptState o;
    uint32_t n = s->nb_temps;
    ScratchMark mark = scratch_mark();

    memset(&o, 0, sizeof(o));
    o.s = s;
    o.n = n;
    o.epoch = 1;
    o.k_epoch = scratch_array(n, sizeof(*o.k_epoch));
    o.k_kind = scratch_array(n, sizeof(*o.k_kind));
    o.k_val = scratch_array(n, sizeof(*o.k_val));
    o.k_src = scratch_array(n, sizeof(*o.k_src));
    o.k_srcver = scratch_array(n, sizeof(*o.k_srcver));
    o.ver = scratch_array(n, sizeof(*o.ver));
    assert(o.k_epoch && o.k_kind && o.k_val && o.k_src && o.k_srcver && o.ver);

    forward_pass(&o);
    dead_code(s);
    compact(s);
    scratch_release(mark);
}
