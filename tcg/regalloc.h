/*
 * Liveness analysis and register allocation for the JIT backends.
 *
 * Two parts:
 *
 *  1. ra_liveness(): a backward data-flow pass over the basic blocks of an
 *     IR block (split at set_label and after every branch or exit; edges
 *     from br/brcond to their labels and fall-through).  It yields, per op,
 *     which block temporaries die there, and for every BB_END op the set of
 *     block temporaries live after it (those must be in their stack slots
 *     at a basic-block boundary).  Globals, constants and env are not
 *     tracked: globals are always live (they live in env).
 *
 *  2. RAState: the forward allocator's state.  The emitter walks the ops in
 *     order and asks for inputs in registers (ra_in), registers for outputs
 *     (ra_alloc / ra_steal + ra_def), fixed registers (ra_reserve), and
 *     calls the synchronisation points (ra_sync_globals, ra_spill_live,
 *     ra_drop_all, ra_clobber).  The allocator emits its own moves, loads
 *     and stores through the RAHost hooks, so it knows no instruction
 *     encoding.
 *
 * Rules (see regalloc.c for the reasons):
 *  - globals are loaded lazily from env, marked dirty on write, written
 *    back by ra_sync_globals (before exits, BB ends, MAY_FAULT ops and
 *    calls that read/write globals or may raise);
 *  - a block temporary's register is freed after its last use; when it
 *    must leave its register (eviction, BB end, call clobber) it is stored
 *    to its own stack slot, allocated on first spill and never shared, so
 *    every predecessor of a label agrees on where a live temp is;
 *  - at every label all values are in memory (slots/env); registers are
 *    refilled lazily;
 *  - registers locked by the current op are never evicted.
 */
#ifndef TCG_REGALLOC_H
#define TCG_REGALLOC_H

#include <stdbool.h>
#include <stdint.h>
#include "tcg/ir.h"

/* ---------------------------------------------------------------- liveness */

typedef struct RALiveness {
    uint32_t nb_ops, nb_temps, words;   /* words: uint64_t per temp set */
    uint16_t *dead;         /* per op: bit i = args[i] (a block temp) is dead after the op */
    uint64_t **live_after;  /* per op: for BB_END ops the live block temps after it, else NULL */
    uint64_t *pool;         /* storage behind live_after */
} RALiveness;

/* Its arrays come from tcg/scratch.h: valid until the caller's scratch_release. */
void ra_liveness(const IRContext *s, RALiveness *lv);

static inline bool ra_set_has(const uint64_t *set, IRTemp t)
{
    return (set[t / 64] >> (t % 64)) & 1;
}

/* ---------------------------------------------------------------- allocator */

#define RA_NREGS 16
#define RA_MAX_SLOTS 4096   /* stack slots per block (8 bytes each) */

/* Host-specific code emission used by the allocator (the backend fills it). */
typedef struct RAHost {
    void *opaque;
    void (*mov)(void *opaque, int dst, int src);               /* 64-bit copy */
    void (*movi)(void *opaque, int dst, uint64_t value);
    /* frame: false = [env + off], true = [stack slot area + off]; size 4 zero-extends */
    void (*load)(void *opaque, int dst, bool frame, int32_t off, int size);
    void (*store)(void *opaque, int src, bool frame, int32_t off, int size);
    int env_reg;                 /* holds the env pointer for the whole block */
    uint8_t order[RA_NREGS];     /* allocatable registers, preferred first */
    uint8_t nb_order;
    uint32_t caller_saved;       /* mask of registers a call clobbers */
} RAHost;

enum { RA_LOC_NONE, RA_LOC_REG, RA_LOC_MEM };

typedef struct RATempState {
    uint8_t loc;        /* RA_LOC_* (constants and env: always NONE) */
    int8_t reg;         /* when loc == REG */
    bool coherent;      /* when loc == REG: memory (env field / slot) holds the same value */
    int32_t slot;       /* stack slot index, -1 until first spill (block temps) */
} RATempState;

#define RA_FREE (-1)
#define RA_SCRATCH (-2)

typedef struct RAState {
    const IRContext *ir;
    const RAHost *host;
    RATempState *ts;
    int32_t reg_temp[RA_NREGS];   /* temp held, RA_FREE or RA_SCRATCH */
    uint32_t locked;              /* registers the current op relies on */
    uint32_t nb_slots;
} RAState;

/* Per-temp state from tcg/scratch.h, as for ra_liveness. */
void ra_init(RAState *s, const IRContext *ir, const RAHost *host);

/* A free register (evicting if needed) not in @avoid, locked, as scratch. */
int ra_alloc(RAState *s, uint32_t avoid);
/* Make @reg free and lock it as scratch for this op (its value is moved away). */
void ra_reserve(RAState *s, int reg);
/* @t's value in a register, locked.  Constants land in a scratch register. */
int ra_in(RAState *s, IRTemp t);
/* Copy @t's value into @reg (any host register, also unallocatable ones). */
void ra_copy_to(RAState *s, int reg, IRTemp t);
/* Take over @t's register as scratch; @t must be a dead block temp held in a register. */
bool ra_can_steal(const RAState *s, IRTemp t);
int ra_steal(RAState *s, IRTemp t);
/* @t now lives (dirty) in @reg, a scratch register of this op or @t's own. */
void ra_def(RAState *s, IRTemp t, int reg);
/* @t's value is dead: forget it (block temps only). */
void ra_kill(RAState *s, IRTemp t);
/* End of an op: kill the temps flagged dead, unlock, free scratch registers. */
void ra_op_done(RAState *s, const IROp *op, uint16_t dead);

/* Write dirty globals back to env; with @drop also forget the cached copies. */
void ra_sync_globals(RAState *s, bool drop);
/* Store the live block temps held in registers to their slots, forget the dead ones. */
void ra_spill_live(RAState *s, const uint64_t *live);
/* Forget every register: values are in env / slots (after a label, branch, exit). */
void ra_drop_all(RAState *s);
/* Before a call: empty the caller-saved registers (moving values to free
 * callee-saved registers or memory). */
void ra_clobber(RAState *s);

#endif
