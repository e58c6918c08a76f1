/*
 * Liveness and register allocation: see tcg/regalloc.h.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "tcg/regalloc.h"
#include "tcg/scratch.h"

/* ------------------------------------------------------------------ */
/* Liveness                                                            */

static bool is_block_temp(const IRContext *s, uint64_t t)
{
    return s->temps[t].kind == IR_TEMP_BLOCK;
}

/* live = live_before(op) given live = live_after(op). */
static void transfer_op(const IRContext *s, const IROp *op, uint64_t *live)
{
    for (unsigned i = 0; i < op->nout; i++) {
        uint64_t t = op->args[i];
        if (is_block_temp(s, t)) {
            live[t / 64] &= ~((uint64_t)1 << (t % 64));
        }
    }
    for (unsigned i = op->nout; i < op->nout + op->nin; i++) {
        uint64_t t = op->args[i];
        if (is_block_temp(s, t)) {
            live[t / 64] |= (uint64_t)1 << (t % 64);
        }
    }
}

void ra_liveness(const IRContext *s, RALiveness *lv)
{
    uint32_t n = s->nb_ops, words = (s->nb_temps + 63) / 64;
    uint32_t *bb_start, *label_bb, nbb = 0, nbbend = 0;
    uint64_t *live_in, *tmp, *out;
    bool changed;

    memset(lv, 0, sizeof(*lv));
    lv->nb_ops = n;
    lv->nb_temps = s->nb_temps;
    lv->words = words;
    lv->dead = scratch_array(n, sizeof(uint16_t));
    lv->live_after = scratch_array(n, sizeof(uint64_t *));
    assert(lv->dead && lv->live_after);

    /* Basic blocks: start at op 0, at each label and after each branch/exit. */
    bb_start = scratch_array(n + 2, sizeof(uint32_t));
    label_bb = scratch_array(s->nb_labels, sizeof(uint32_t));
    assert(bb_start && label_bb);
    for (uint32_t i = 0; i < n; i++) {
        const IROp *op = &s->ops[i];
        bool starts = i == 0 || op->opc == IR_set_label ||
            ((ir_op_defs[s->ops[i - 1].opc].flags & IR_OPF_BB_END) &&
             s->ops[i - 1].opc != IR_set_label);
        if (starts) {
            bb_start[nbb++] = i;
        }
        if (op->opc == IR_set_label) {
            label_bb[op->args[0]] = nbb - 1;
        }
        if (ir_op_defs[op->opc].flags & IR_OPF_BB_END) {
            nbbend++;
        }
    }
    bb_start[nbb] = n;

    lv->pool = scratch_array((size_t)nbbend * words, sizeof(uint64_t));
    live_in = scratch_array((size_t)nbb * words, sizeof(uint64_t));
    tmp = scratch_array(words, sizeof(uint64_t));
    out = scratch_array(words, sizeof(uint64_t));
    assert(lv->pool && live_in && tmp && out);

#define LIVE_OUT(b) do {                                                         \
        const IROp *last_ = &s->ops[bb_start[(b) + 1] - 1];                      \
        memset(out, 0, words * sizeof(uint64_t));                                \
        if (last_->opc == IR_br || last_->opc == IR_brcond) {                    \
            uint32_t lb_ = label_bb[last_->args[last_->opc == IR_br ? 0 : 3]];   \
            for (uint32_t w_ = 0; w_ < words; w_++) {                            \
                out[w_] |= live_in[(size_t)lb_ * words + w_];                     \
            }                                                                    \
        }                                                                        \
        if (last_->opc != IR_br && !(ir_op_defs[last_->opc].flags & IR_OPF_EXIT) \
            && (b) + 1 < nbb) {                                                  \
            for (uint32_t w_ = 0; w_ < words; w_++) {                            \
                out[w_] |= live_in[(size_t)((b) + 1) * words + w_];               \
            }                                                                    \
        }                                                                        \
    } while (0)

    /* Iterate to a fixed point (backward order converges fast for forward branches). */
    do {
        changed = false;
        for (uint32_t b = nbb; b-- > 0;) {
            LIVE_OUT(b);
            memcpy(tmp, out, words * sizeof(uint64_t));
            for (uint32_t i = bb_start[b + 1]; i-- > bb_start[b];) {
                transfer_op(s, &s->ops[i], tmp);
            }
            if (memcmp(tmp, &live_in[(size_t)b * words], words * sizeof(uint64_t))) {
                memcpy(&live_in[(size_t)b * words], tmp, words * sizeof(uint64_t));
                changed = true;
            }
        }
    } while (changed);

    /* Final pass: per-op dead flags and the live sets at BB ends. */
    nbbend = 0;
    for (uint32_t b = nbb; b-- > 0;) {
        LIVE_OUT(b);
        memcpy(tmp, out, words * sizeof(uint64_t));
        for (uint32_t i = bb_start[b + 1]; i-- > bb_start[b];) {
            const IROp *op = &s->ops[i];
            uint16_t dead = 0;
            if (ir_op_defs[op->opc].flags & IR_OPF_BB_END) {
                uint64_t *set = &lv->pool[(size_t)nbbend++ * words];
                memcpy(set, tmp, words * sizeof(uint64_t));
                lv->live_after[i] = set;
            }
            for (unsigned k = 0; k < op->nout; k++) {
                uint64_t t = op->args[k];
                if (is_block_temp(s, t)) {
                    if (!ra_set_has(tmp, t)) {
                        dead |= 1u << k;
                    }
                    tmp[t / 64] &= ~((uint64_t)1 << (t % 64));
                }
            }
            for (unsigned k = op->nout; k < op->nout + op->nin; k++) {
                uint64_t t = op->args[k];
                if (is_block_temp(s, t)) {
                    if (!ra_set_has(tmp, t)) {
                        dead |= 1u << k;
                    }
                    tmp[t / 64] |= (uint64_t)1 << (t % 64);
                }
            }
            lv->dead[i] = dead;
        }
    }
#undef LIVE_OUT

}

/* ------------------------------------------------------------------ */
/* Allocator                                                           */

void ra_init(RAState *s, const IRContext *ir, const RAHost *host)
{
    memset(s, 0, sizeof(*s));
    s->ir = ir;
    s->host = host;
    s->ts = scratch_array(ir->nb_temps, sizeof(RATempState));
    assert(s->ts);
    for (uint32_t t = 0; t < ir->nb_temps; t++) {
        s->ts[t].loc = ir->temps[t].kind == IR_TEMP_GLOBAL ? RA_LOC_MEM : RA_LOC_NONE;
        s->ts[t].reg = -1;
        s->ts[t].coherent = false;
        s->ts[t].slot = -1;
    }
    for (int r = 0; r < RA_NREGS; r++) {
        s->reg_temp[r] = RA_FREE;
    }
}

static int temp_size(const RAState *s, IRTemp t)
{
    return s->ir->temps[t].type == IR_I64 ? 8 : 4;
}

/* Where @t lives in memory: env field for globals, stack slot for block temps. */
static void mem_loc(RAState *s, IRTemp t, bool *frame, int32_t *off, int *size)
{
    const IRTempInfo *ti = &s->ir->temps[t];

    if (ti->kind == IR_TEMP_GLOBAL) {
        *frame = false;
        *off = (int32_t)ti->env_offset;
        *size = temp_size(s, t);
        return;
    }
    assert(ti->kind == IR_TEMP_BLOCK);
    if (s->ts[t].slot < 0) {
        /* A block needing more slots is an emulator bug (blocks are bounded). */
        assert(s->nb_slots < RA_MAX_SLOTS);
        s->ts[t].slot = (int32_t)s->nb_slots++;
    }
    *frame = true;
    *off = s->ts[t].slot * 8;
    *size = 8;   /* I32 temps are kept zero-extended: store the whole register */
}

/* Make memory hold @t's current register value. */
static void write_back(RAState *s, IRTemp t)
{
    RATempState *ts = &s->ts[t];
    bool frame;
    int32_t off;
    int size;

    if (ts->loc == RA_LOC_REG && !ts->coherent) {
        mem_loc(s, t, &frame, &off, &size);
        s->host->store(s->host->opaque, ts->reg, frame, off, size);
        ts->coherent = true;
    }
}

/* Release @reg; its temp (if any) goes back to memory. */
static void evict(RAState *s, int reg)
{
    int32_t t = s->reg_temp[reg];

    assert(!(s->locked & (1u << reg)));
    if (t >= 0) {
        write_back(s, (IRTemp)t);
        s->ts[t].loc = RA_LOC_MEM;
        s->ts[t].reg = -1;
    }
    s->reg_temp[reg] = RA_FREE;
}

static int find_free(const RAState *s, uint32_t avoid)
{
    for (unsigned i = 0; i < s->host->nb_order; i++) {
        int r = s->host->order[i];
        if (s->reg_temp[r] == RA_FREE && !((s->locked | avoid) & (1u << r))) {
            return r;
        }
    }
    return -1;
}

int ra_alloc(RAState *s, uint32_t avoid)
{
    int r = find_free(s, avoid);

    if (r < 0) {
        /* Prefer a victim whose memory copy is current: no store needed. */
        int fallback = -1;
        for (unsigned i = 0; i < s->host->nb_order && r < 0; i++) {
            int c = s->host->order[i];
            int32_t t = s->reg_temp[c];
            if (((s->locked | avoid) & (1u << c)) || t < 0) {
                continue;
            }
            if (s->ts[t].coherent) {
                r = c;
            } else if (fallback < 0) {
                fallback = c;
            }
        }
        if (r < 0) {
            r = fallback;
        }
        assert(r >= 0);     /* every register locked by one op: a backend bug */
        evict(s, r);
    }
    s->reg_temp[r] = RA_SCRATCH;
    s->locked |= 1u << r;
    return r;
}

void ra_reserve(RAState *s, int reg)
{
    int32_t t = s->reg_temp[reg];

    assert(!(s->locked & (1u << reg)));
    if (t >= 0) {
        /* Keep the value in a register if one is free, else spill it. */
        int r = find_free(s, 1u << reg);
        if (r >= 0) {
            s->host->mov(s->host->opaque, r, reg);
            s->reg_temp[r] = t;
            s->ts[t].reg = (int8_t)r;
            s->reg_temp[reg] = RA_FREE;
        } else {
            evict(s, reg);
        }
    }
    s->reg_temp[reg] = RA_SCRATCH;
    s->locked |= 1u << reg;
}

/* Load @t's value into @reg without changing where @t lives. */
static void load_value(RAState *s, int reg, IRTemp t)
{
    const IRTempInfo *ti = &s->ir->temps[t];
    RATempState *ts = &s->ts[t];
    bool frame;
    int32_t off;
    int size;

    switch (ti->kind) {
    case IR_TEMP_CONST:
        s->host->movi(s->host->opaque, reg, ti->value);
        return;
    case IR_TEMP_ENV:
        s->host->mov(s->host->opaque, reg, s->host->env_reg);
        return;
    default:
        break;
    }
    if (ts->loc == RA_LOC_REG) {
        if (ts->reg != reg) {
            s->host->mov(s->host->opaque, reg, ts->reg);
        }
    } else if (ts->loc == RA_LOC_MEM) {
        mem_loc(s, t, &frame, &off, &size);
        s->host->load(s->host->opaque, reg, frame, off, size);
    } else {
        /* Read before any write: the interpreter's temps start at 0. */
        s->host->movi(s->host->opaque, reg, 0);
    }
}

int ra_in(RAState *s, IRTemp t)
{
    const IRTempInfo *ti = &s->ir->temps[t];
    RATempState *ts = &s->ts[t];
    int r;

    if (ti->kind == IR_TEMP_ENV) {
        return s->host->env_reg;
    }
    if (ti->kind != IR_TEMP_CONST && ts->loc == RA_LOC_REG) {
        s->locked |= 1u << ts->reg;
        return ts->reg;
    }
    r = ra_alloc(s, 0);
    load_value(s, r, t);
    if (ti->kind == IR_TEMP_CONST) {
        return r;       /* stays scratch: freed after the op */
    }
    s->reg_temp[r] = (int32_t)t;
    ts->reg = (int8_t)r;
    ts->coherent = ts->loc == RA_LOC_MEM;   /* a NONE temp has no memory copy */
    ts->loc = RA_LOC_REG;
    return r;
}

void ra_copy_to(RAState *s, int reg, IRTemp t)
{
    load_value(s, reg, t);
}

bool ra_can_steal(const RAState *s, IRTemp t)
{
    return s->ir->temps[t].kind == IR_TEMP_BLOCK && s->ts[t].loc == RA_LOC_REG;
}

int ra_steal(RAState *s, IRTemp t)
{
    int r = s->ts[t].reg;

    assert(ra_can_steal(s, t));
    s->reg_temp[r] = RA_SCRATCH;
    s->locked |= 1u << r;
    s->ts[t].loc = RA_LOC_NONE;
    s->ts[t].reg = -1;
    return r;
}

void ra_def(RAState *s, IRTemp t, int reg)
{
    RATempState *ts = &s->ts[t];

    assert(s->ir->temps[t].kind == IR_TEMP_BLOCK || s->ir->temps[t].kind == IR_TEMP_GLOBAL);
    if (ts->loc == RA_LOC_REG && ts->reg != reg) {
        s->reg_temp[ts->reg] = RA_FREE;
        s->locked &= ~(1u << ts->reg);
    }
    s->reg_temp[reg] = (int32_t)t;
    ts->loc = RA_LOC_REG;
    ts->reg = (int8_t)reg;
    ts->coherent = false;
}

void ra_kill(RAState *s, IRTemp t)
{
    RATempState *ts = &s->ts[t];

    if (s->ir->temps[t].kind != IR_TEMP_BLOCK) {
        return;
    }
    if (ts->loc == RA_LOC_REG) {
        s->reg_temp[ts->reg] = RA_FREE;
        s->locked &= ~(1u << ts->reg);
    }
    ts->loc = RA_LOC_NONE;
    ts->reg = -1;
}

void ra_op_done(RAState *s, const IROp *op, uint16_t dead)
{
    for (unsigned k = op->nout; k < op->nout + op->nin; k++) {
        bool is_out = false;
        if (!(dead & (1u << k))) {
            continue;
        }
        for (unsigned o = 0; o < op->nout; o++) {
            is_out |= op->args[o] == op->args[k];
        }
        if (!is_out) {
            ra_kill(s, (IRTemp)op->args[k]);
        }
    }
    for (unsigned k = 0; k < op->nout; k++) {
        if (dead & (1u << k)) {
            ra_kill(s, (IRTemp)op->args[k]);
        }
    }
    for (int r = 0; r < RA_NREGS; r++) {
        if (s->reg_temp[r] == RA_SCRATCH) {
            s->reg_temp[r] = RA_FREE;
        }
    }
    s->locked = 0;
}

void ra_sync_globals(RAState *s, bool drop)
{
    for (int r = 0; r < RA_NREGS; r++) {
        int32_t t = s->reg_temp[r];
        if (t < 0 || s->ir->temps[t].kind != IR_TEMP_GLOBAL) {
            continue;
        }
        write_back(s, (IRTemp)t);
        if (drop && !(s->locked & (1u << r))) {
            s->ts[t].loc = RA_LOC_MEM;
            s->ts[t].reg = -1;
            s->reg_temp[r] = RA_FREE;
        }
    }
}

void ra_spill_live(RAState *s, const uint64_t *live)
{
    for (int r = 0; r < RA_NREGS; r++) {
        int32_t t = s->reg_temp[r];
        if (t < 0 || s->ir->temps[t].kind != IR_TEMP_BLOCK) {
            continue;
        }
        if (ra_set_has(live, (IRTemp)t)) {
            write_back(s, (IRTemp)t);
        } else if (!(s->locked & (1u << r))) {
            ra_kill(s, (IRTemp)t);
        }
    }
}

void ra_drop_all(RAState *s)
{
    for (int r = 0; r < RA_NREGS; r++) {
        s->reg_temp[r] = RA_FREE;
    }
    s->locked = 0;
    for (uint32_t t = 0; t < s->ir->nb_temps; t++) {
        RATempState *ts = &s->ts[t];
        switch (s->ir->temps[t].kind) {
        case IR_TEMP_GLOBAL:
            ts->loc = RA_LOC_MEM;
            break;
        case IR_TEMP_BLOCK:
            /* Every predecessor stored its live temps: a slot means "in memory". */
            ts->loc = ts->slot >= 0 ? RA_LOC_MEM : RA_LOC_NONE;
            break;
        default:
            break;
        }
        ts->reg = -1;
        ts->coherent = false;
    }
}

void ra_clobber(RAState *s)
{
    for (int r = 0; r < RA_NREGS; r++) {
        int32_t t = s->reg_temp[r];
        if (!(s->host->caller_saved & (1u << r)) || t < 0) {
            continue;
        }
        int d = find_free(s, s->host->caller_saved);
        if (d >= 0) {
            s->host->mov(s->host->opaque, d, r);
            s->reg_temp[d] = t;
            s->ts[t].reg = (int8_t)d;
            s->reg_temp[r] = RA_FREE;
            if (s->locked & (1u << r)) {
                s->locked = (s->locked & ~(1u << r)) | (1u << d);
            }
        } else {
            s->locked &= ~(1u << r);
            evict(s, r);
        }
    }
}
