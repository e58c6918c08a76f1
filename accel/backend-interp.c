/*
 * The IR interpreter (tcg/interp.c) as an execution backend: slower than
 * the JIT, but the reference it is checked against
 * (`-accel tcg,backend=interp`).  It does not chain: every block returns
 * to the cpu loop.
 */
#include <stdlib.h>
#include "accel/exec.h"
#include "tcg/interp.h"

typedef struct InterpState {
    IRBackendConfig cfg;
} InterpState;

static bool interp_init(void **state, const IRBackendConfig *cfg, EmuError *err)
{
    InterpState *s = malloc(sizeof(*s));
    if (!s) {
        return emu_error_set(err, "out of memory");
    }
    s->cfg = *cfg;
    *state = s;
    return true;
}

/* The token (the cache's block) is what an unchained exit_link returns. */
typedef struct InterpBlock {
    IRInterpBlock *ir;
    uintptr_t token;
} InterpBlock;

static void *interp_compile(void *state, IRContext *ir, uintptr_t token)
{
    InterpBlock *b = malloc(sizeof(*b));
    if (!b) {
        abort();
    }
    b->ir = ir_interp_prepare(ir);
    b->token = token;
    return b;
}

static void interp_free_block(void *state, void *block)
{
    InterpBlock *b = block;
    ir_interp_free(b->ir);
    free(b);
}

static uintptr_t interp_run(void *state, void *env, void *block)
{
    InterpState *s = state;
    InterpBlock *b = block;
    return ir_interp_run(b->ir, env, &s->cfg, b->token);
}

static bool interp_find_insn(void *state, void *block, uintptr_t host_pc, uint64_t *guest_pc)
{
    *guest_pc = ir_interp_insn_pc;
    return true;
}

const ExecBackendOps exec_backend_interp = {
    .name = "interp",
    .init = interp_init,
    .compile = interp_compile,
    .free_block = interp_free_block,
    .run = interp_run,
    .find_insn = interp_find_insn,
};
