/*
 * The x86-64 JIT backend: compiles an IR block (tcg/ir.h) to host code in
 * a W^X code buffer (tcg/codebuf.h) and runs it, following the contract of
 * tcg/backend.h.  The IR interpreter (tcg/interp.h) is its oracle.
 *
 * Public functions:
 *   jit_init, jit_destroy     code buffer + the prologue/epilogue trampoline
 *   jit_compile               one block; -1 when the buffer is full
 *   jit_block_release         free a JitBlock's side tables (not its code)
 *   jit_enter                 run a block (and whatever is chained to it)
 *   jit_link, jit_unlink      patch an exit_link slot (atomic, 4-aligned rel32)
 *   jit_flush                 drop all code (no thread may be inside it)
 *   jit_find_insn             host pc inside a block -> guest pc of its insn
 *   jit_use_baseline_isa      tests: no LZCNT/TZCNT, vector ops with SSE2 only
 *   jit_disas_log             raw bytes per guest insn for -d out_asm
 *
 * Generated code: jit_enter calls the prologue, which saves the callee-saved
 * registers, puts env in rbp and guest_base in r14 (when non-zero),
 * reserves an aligned frame of RA_MAX_SLOTS 8-byte spill slots at [rsp] and
 * jumps to the block.  Block exits load the backend.h return value into
 * rax and jump to the epilogue; exit_lookup jumps straight to the next
 * block when cfg->lookup_code finds one.  r11 is the emitter's scratch
 * register and never holds a value across an IR op; neither do xmm0-xmm5,
 * which the inline vector ops (calls of ir_vec_helper / ir_vec_dup_helper)
 * use instead of calling the helper when SSE does the operation.
 */
#ifndef TCG_X86_64_EMIT_H
#define TCG_X86_64_EMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "tcg/backend.h"
#include "tcg/ir.h"
#include "util/error.h"

typedef struct JitContext JitContext;

#define JIT_NO_LINK UINT32_MAX

typedef struct JitBlock {
    const void *code;              /* RX address of the block's first byte */
    uint32_t size;                 /* bytes of code, slow paths included */
    uint32_t link_site[2];         /* offset of each exit_link's rel32 field, or JIT_NO_LINK */
    uint32_t link_fallthrough[2];  /* offset the unpatched jmp targets (the return path) */
    /*
     * Ordered by host_end.  One record per insn_start; records after them
     * cover the out-of-line slow paths (guest memory faults) and repeat the
     * guest pc of the instruction that owns each.
     */
    IRInsnRecord *insns;
    uint32_t ninsns;
} JitBlock;

/* Create the code buffer (code_size 0: the default) and emit the trampoline. */
bool jit_init(JitContext **ctx, size_t code_size, const IRBackendConfig *cfg, EmuError *err);
void jit_destroy(JitContext *ctx);

/*
 * Compile the block in @ir (it is not modified).  @token is or'ed with the
 * slot number in the value an unchained exit_link returns, so its low bits
 * must be clear and it must be >= IR_EXIT_LINK_MIN.  Returns 0, or -1 when
 * the code buffer is full: the caller calls jit_flush and compiles again.
 */
int jit_compile(JitContext *ctx, IRContext *ir, uintptr_t token, JitBlock *out);
void jit_block_release(JitBlock *b);

/* Run @code (a JitBlock's code) on @env; returns the backend.h encoding. */
uintptr_t jit_enter(JitContext *ctx, void *env, const void *code);

/* Chain exit slot @slot of @from to @target_code, or restore its return path. */
void jit_link(JitContext *ctx, const JitBlock *from, unsigned slot, const void *target_code);
void jit_unlink(JitContext *ctx, const JitBlock *from, unsigned slot);

/* Forget all blocks; the trampoline is emitted again at the same place. */
void jit_flush(JitContext *ctx);

/*
 * Guest pc of the instruction whose host code contains @host_pc.  For a
 * return address of a helper call pass the address minus one (the call may
 * be the last host instruction of its guest instruction).
 */
bool jit_find_insn(const JitBlock *b, uintptr_t host_pc, uint64_t *guest_pc);

/*
 * Tests: emit the baseline bsr/bsf sequences even when LZCNT/TZCNT exist,
 * and inline vector ops (tcg/vec.h) with SSE2 only: those needing SSSE3 or
 * SSE4.x call ir_vec_eval like any other helper.  Affects later compiles.
 */
void jit_use_baseline_isa(JitContext *ctx);

/* Dump the block's host bytes, one line per guest instruction (objdump can decode). */
void jit_disas_log(const JitBlock *b, FILE *f);

#endif
