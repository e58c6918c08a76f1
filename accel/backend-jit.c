/*
 * The x86-64 JIT (tcg/x86_64/emit.c) as an execution backend: the default.
 * Blocks chain directly to each other through patched jumps; exit_lookup
 * finds the next block through the cpu's jump cache without leaving
 * generated code.
 */
#include <stdlib.h>
#include "accel/exec.h"
#include "tcg/x86_64/emit.h"
#include "util/log.h"

static bool jit_backend_init(void **state, const IRBackendConfig *cfg, EmuError *err)
{
    JitContext *ctx;
    if (!jit_init(&ctx, 0, cfg, err)) {
        return false;
    }
    *state = ctx;
    return true;
}

static void *jit_backend_compile(void *state, IRContext *ir, uintptr_t token)
{
    JitBlock *b = malloc(sizeof(*b));

    if (!b) {
        abort();
    }
    if (jit_compile(state, ir, token, b) < 0) {
        free(b);
        return NULL;   /* buffer full: the cache flushes and retries */
    }
    return b;
}

static void jit_backend_log_code(void *block, FILE *f)
{
    jit_disas_log(block, f);
}

static void jit_backend_free_block(void *state, void *block)
{
    jit_block_release(block);
    free(block);
}

static uintptr_t jit_backend_run(void *state, void *env, void *block)
{
    return jit_enter(state, env, ((JitBlock *)block)->code);
}

static void jit_backend_link(void *state, void *from, unsigned slot, void *to)
{
    jit_link(state, from, slot, ((JitBlock *)to)->code);
}

static void jit_backend_unlink(void *state, void *from, unsigned slot)
{
    jit_unlink(state, from, slot);
}

static const void *jit_backend_entry(void *block)
{
    return ((JitBlock *)block)->code;
}

static size_t jit_backend_code_size(void *block)
{
    return ((JitBlock *)block)->size;
}

static bool jit_backend_find_insn(void *state, void *block, uintptr_t host_pc, uint64_t *guest_pc)
{
    return block && jit_find_insn(block, host_pc, guest_pc);
}

static void jit_backend_flush(void *state)
{
    jit_flush(state);
}

const ExecBackendOps exec_backend_jit = {
    .name = "jit",
    .init = jit_backend_init,
    .compile = jit_backend_compile,
    .free_block = jit_backend_free_block,
    .run = jit_backend_run,
    .link = jit_backend_link,
    .unlink = jit_backend_unlink,
    .entry = jit_backend_entry,
    .code_size = jit_backend_code_size,
    .find_insn = jit_backend_find_insn,
    .flush = jit_backend_flush,
    .log_code = jit_backend_log_code,
};
