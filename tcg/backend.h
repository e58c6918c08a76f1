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

#include <stdbool.h>
#include <stdint.h>
#include "tcg/ir.h"

#define IR_EXIT_LINK_MIN 4096u

/*
 * System mode (softmmu): the per-CPU TLB the generated code reads.
 *
 * For each MMU index (IRMemOp bits 8-11, below SOFTMMU_NB_MMU_MODES) a
 * direct-mapped table of SOFTMMU_TLB_SIZE entries indexed by
 * (vaddr >> SOFTMMU_PAGE_BITS) & (SOFTMMU_TLB_SIZE - 1).  An entry holds
 * one tag per access kind: the page-aligned guest virtual address when
 * that access is allowed and may take the fast path, with flag bits in the
 * low bits when it must take the slow path anyway (device page, RAM page
 * holding translated code), or SOFTMMU_TAG_INVALID.  addend turns a
 * vaddr of the page into a host pointer (RAM/ROM only).
 *
 * The fast path compares (vaddr + k) & (page mask | alignment mask) with
 * the tag, where k moves the last byte of a possibly page-crossing access
 * into view; the flags live above every alignment mask (at most 7 bits),
 * so a misaligned address can never equal a flagged tag.
 */
#define SOFTMMU_PAGE_BITS 12
#define SOFTMMU_PAGE_MASK (~(uint64_t)((1u << SOFTMMU_PAGE_BITS) - 1))
#define SOFTMMU_TLB_BITS 8
#define SOFTMMU_TLB_SIZE (1u << SOFTMMU_TLB_BITS)
#define SOFTMMU_NB_MMU_MODES 9       /* the Arm target uses 9 (target-arm/tlb-fill.h: EL1&0, EL2, EL2&0, EL3, physical) */
#define SOFTMMU_TLB_ENTRY_BITS 5       /* log2(sizeof(SoftmmuTLBEntry)) */

#define TLB_NOTDIRTY (1ull << 8)   /* addr_write: RAM page holds translated code */
#define TLB_MMIO     (1ull << 9)   /* device, unassigned or ROM-write page: always slow */
#define TLB_FLAGS_MASK (TLB_NOTDIRTY | TLB_MMIO)
#define SOFTMMU_TAG_INVALID UINT64_MAX

typedef struct SoftmmuTLBEntry {
    uint64_t addr_read;
    uint64_t addr_write;
    uint64_t addr_code;
    uintptr_t addend;      /* host = vaddr + addend */
} SoftmmuTLBEntry;

/* The part of the CPU's TLB that generated code reads (at IRBackendConfig.tlb_offset). */
typedef struct SoftmmuTLBTable {
    SoftmmuTLBEntry e[SOFTMMU_NB_MMU_MODES][SOFTMMU_TLB_SIZE];
} SoftmmuTLBTable;

_Static_assert(sizeof(SoftmmuTLBEntry) == 1u << SOFTMMU_TLB_ENTRY_BITS, "TLB entry size");

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
     * exit_lookup: finds host code for env's current pc under the
     * translation flags tb_flags (the exit_lookup's constant), or NULL;
     * the interpreter does not call it (it returns to the cpu loop).
     */
    const void *(*lookup_code)(void *env, uint64_t tb_flags);
    /* Byte offset of the guest pc inside env (for exit_lookup and faults). */
    uint32_t env_pc_offset;
    /*
     * exit_lookup first probes the CPU's jump cache inline (accel/exec.c
     * owns it): env + jc_env_offset holds the table's address (0: no
     * probe, lookup_code is always called); an entry is a pointer to a
     * block whose pc, flags, invalid flag (a bool) and host code address
     * sit at the jc_tb_* offsets.  The probe jumps to the host code when pc
     * and flags match and the block is valid; otherwise lookup_code decides.
     * The table is indexed by ir_jmp_cache_hash() below.
     */
    uint32_t jc_env_offset;
    uint32_t jc_tb_pc, jc_tb_flags, jc_tb_invalid, jc_tb_host;

    /*
     * System mode: guest_base/guest_limit/guest_fault are unused; every
     * guest access looks up the SoftmmuTLBTable at env + tlb_offset, and
     * calls these on a miss, a flagged entry, a page-crossing or a
     * misaligned access.  retaddr is a host address inside the generated
     * code of the accessing guest instruction (the caller looks up
     * retaddr - 1 in the block's records) or 0 from the interpreter (which
     * knows the instruction itself).  They may not return (guest fault).
     *   ld_slow: returns the value zero-extended from the access size;
     *   atomic_slow: desc = memop | kind << 16 | IRAtomicOp << 20
     *   (kind 0: rmw with operand a; kind 1: cmpxchg a (expected) -> b),
     *   returns the old value zero-extended.
     * Atomics always go through atomic_slow in system mode.
     */
    bool softmmu;
    uint32_t tlb_offset;
    uint64_t (*ld_slow)(void *env, uint64_t addr, uint32_t memop, uintptr_t retaddr);
    void (*st_slow)(void *env, uint64_t addr, uint64_t val, uint32_t memop, uintptr_t retaddr);
    uint64_t (*atomic_slow)(void *env, uint64_t addr, uint64_t a, uint64_t b, uint32_t desc,
                            uintptr_t retaddr);
} IRBackendConfig;

enum { SOFTMMU_ATOMIC_RMW = 0, SOFTMMU_ATOMIC_CMPXCHG = 1 };
#define SOFTMMU_ATOMIC_DESC(mo, kind, aop) ((uint32_t)(mo) | (uint32_t)(kind) << 16 | (uint32_t)(aop) << 20)

/*
 * The tag compare shared by both backends: the page bits plus the
 * alignment bits of the address, after moving a page-crossing access's
 * last byte in (when no alignment at least the access size is required).
 */
static inline uint64_t softmmu_cmp_addend(IRMemOp mo)
{
    unsigned size = 1u << (mo & IR_MO_SIZE_MASK);
    unsigned align = 1u << ((mo & IR_MO_ALIGN_MASK) >> IR_MO_ALIGN_SHIFT);
    return align >= size ? 0 : size - align;
}
static inline uint64_t softmmu_cmp_mask(IRMemOp mo)
{
    return SOFTMMU_PAGE_MASK | ((1u << ((mo & IR_MO_ALIGN_MASK) >> IR_MO_ALIGN_SHIFT)) - 1);
}
static inline unsigned softmmu_memop_mmu_idx(IRMemOp mo)
{
    return (mo & IR_MO_MMUIDX_MASK) >> IR_MO_MMUIDX_SHIFT;
}

/* Record of one guest instruction in a compiled block, for precise faults. */
typedef struct IRInsnRecord {
    uint64_t guest_pc;
    uint32_t host_end;  /* offset just past this instruction's host code */
} IRInsnRecord;

/*
 * The jump cache's index of a guest pc, shared by accel/exec.c and the
 * JIT's inline probe: 2^IR_JMP_CACHE_BITS entries.  System mode keeps each
 * 4 KiB page's blocks in one run of 128 entries (page bits 12-18 select
 * the run), so that a TLB flush of a page clears only that run; user mode
 * spreads pcs over the whole table.
 */
#define IR_JMP_CACHE_BITS 14
#define IR_JMP_CACHE_PAGE_SHIFT 7       /* log2 of the entries per page run */

static inline unsigned ir_jmp_cache_hash(uint64_t pc, bool by_page)
{
    if (by_page) {
        return (unsigned)(((pc >> (12 - IR_JMP_CACHE_PAGE_SHIFT)) &
                           (((1u << (IR_JMP_CACHE_BITS - IR_JMP_CACHE_PAGE_SHIFT)) - 1)
                            << IR_JMP_CACHE_PAGE_SHIFT)) |
                          ((pc >> 2) & ((1u << IR_JMP_CACHE_PAGE_SHIFT) - 1)));
    }
    return (unsigned)(((pc >> 2) ^ (pc >> 16)) & ((1u << IR_JMP_CACHE_BITS) - 1));
}

#endif
