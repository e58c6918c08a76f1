/*
 * What the accel layer asks of a backend: turn the block held in an
 * IRContext into something runnable, and run it.
 *
 * Both backends (x86-64 JIT in tcg/x86_64/, interpreter in tcg/interp.c)
 * implement the same contract, so the interpreter can serve as the oracle
 * for the JIT.
 *
 * Running a block returns a uintptr_t:
 *   - a value below IR_EXIT_LINK_MIN is an IRExitReason from exit_tb (or
 *     IR_EXIT_NORMAL after exit_lookup found no block);
 *   - otherwise it is (block token | slot) from an exit_link whose slot is
 *     not chained yet: the cpu loop finds the next block and may chain it.
 * Before any exit the backend has written every dirty global back to env.
 */
#ifndef TCG_BACKEND_H
#define TCG_BACKEND_H

#include <stdint.h>
#include "tcg/ir.h"

#define IR_EXIT_LINK_MIN 4096u

typedef struct IRBackendConfig {
    /*
     * User mode: host address = guest_base + guest address, for guest
     * addresses below guest_limit; an access at or above the limit calls
     * guest_fault (which does not return).
     */
    uintptr_t guest_base;
    uint64_t guest_limit;
    /*
     * Called with env and the faulting guest address; does not return.
     * is_write: 0 = load, 1 = store (atomics report 1); an alignment fault
     * (IR_MO_ALIGN bits not satisfied) passes 2 for a load, 3 for a store.
     * Alignment is checked before the range.
     */
    void (*guest_fault)(void *env, uint64_t addr, int is_write);
    /*
     * exit_lookup: finds host code for env's current pc (JIT) or NULL;
     * the interpreter uses it only as "is there a block" (returns to the
     * cpu loop either way).
     */
    const void *(*lookup_code)(void *env);
    /* Byte offset of the guest pc inside env (for exit_lookup and faults). */
    uint32_t env_pc_offset;
} IRBackendConfig;

/* Record of one guest instruction in a compiled block, for precise faults. */
typedef struct IRInsnRecord {
    uint64_t guest_pc;
    uint32_t host_end;  /* offset just past this instruction's host code */
} IRInsnRecord;

#endif
