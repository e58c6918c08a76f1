/*
 * System-mode guest memory (softmmu): the per-CPU TLB, its slow path,
 * MMIO dispatch, TLB flushes, and the translation cache's view of
 * physical code pages.
 *
 * Who calls what:
 *  - the board: softmmu_init() once (instead of exec_init), with its
 *    AddressSpace; softmmu_cpu_init() per CPU (instead of exec_cpu_init);
 *    softmmu_io_lock()/unlock() around device work done outside a CPU
 *    (timers, the main loop), since guest MMIO runs under that lock;
 *  - the target: reserves a SoftmmuCPUTLB in its CPU state and names it
 *    in ExecTarget.env_tlb_offset; provides ExecTarget.tlb_fill (the
 *    page-table walk), set_fault (alignment faults and fetches from
 *    device memory) and code_mmu_idx; encodes the MMU index of each access
 *    in IRMemOp bits 8-11; calls the tlb_flush_* functions for TLBI and
 *    for every change of translation regime the TLB does not key on
 *    (TTBR/TCR/SCTLR writes, ASID change: flush the affected MMU indexes);
 *    C helpers that touch guest memory use softmmu_ld/st/atomic with the
 *    helper's return address into generated code;
 *  - the backends: the inline fast path on SoftmmuTLBTable
 *    (tcg/backend.h), and softmmu_ld/st/atomic as their slow paths.
 *
 * Faults: when tlb_fill fails (it has recorded the exception in env),
 * the slow path stores the guest pc of the faulting instruction at
 * ExecTarget.env_pc_offset and leaves guest code: cpu_exec returns
 * IR_EXIT_EXCEPTION, and the target takes the exception with that pc.
 * A misaligned access whose IRMemOp requires alignment calls set_fault
 * (FAULT_ALIGN_READ/WRITE) instead, before any translation.
 *
 * Unassigned physical addresses read as zero and ignore writes (logged
 * with -d guest_errors, see hw/memory.h); ROM ignores writes.  Atomics on
 * RAM use host atomics; on device memory (or misaligned where alignment
 * is not required) they are a plain read-modify-write under the I/O lock,
 * not an external abort.
 *
 * Cross-CPU flushes (the *_all_cpus variants): the calling CPU is flushed
 * at once; every other CPU is asked to leave its translated code
 * (exit_request) and flushes its own TLB at its next block boundary, so a
 * TLB is only ever written by its own thread (plus the atomic TLB_NOTDIRTY
 * marking when code is translated).  A broadcast TLBI therefore completes
 * asynchronously, within a block on the other CPUs.
 */
#ifndef ACCEL_SOFTMMU_H
#define ACCEL_SOFTMMU_H

#include <stdbool.h>
#include <stdint.h>
#include "accel/exec.h"
#include "hw/memory.h"
#include "tcg/backend.h"

#define SOFTMMU_VTLB_SIZE 8      /* victim entries per MMU index */
#define SOFTMMU_MAX_PENDING 8    /* queued page flushes from other CPUs, then a full flush */

typedef struct SoftmmuStats {
    uint64_t slow_calls;     /* ld/st/atomic slow-path entries */
    uint64_t fills;          /* tlb_fill successes installed */
    uint64_t victim_hits;
    uint64_t io_accesses;    /* device (MMIO) reads and writes */
    uint64_t code_writes;    /* writes that invalidated translated code */
    uint64_t flushes;        /* whole MMU-index flushes (TLBI ...ALL/ASID, TTBR/SCTLR writes) */
    uint64_t page_flushes;   /* TLBI by address */
} SoftmmuStats;

/* The whole per-CPU TLB; the target embeds one in its CPU state. */
typedef struct SoftmmuCPUTLB {
    SoftmmuTLBTable table;   /* read by generated code */
    SoftmmuTLBEntry victim[SOFTMMU_NB_MMU_MODES][SOFTMMU_VTLB_SIZE];
    uint64_t pa[SOFTMMU_NB_MMU_MODES][SOFTMMU_TLB_SIZE];          /* physical page per entry */
    uint64_t victim_pa[SOFTMMU_NB_MMU_MODES][SOFTMMU_VTLB_SIZE];
    unsigned victim_next[SOFTMMU_NB_MMU_MODES];
    /* Span of the pages larger than 4 KiB installed per index (flush_page flushes it all). */
    uint64_t large_addr[SOFTMMU_NB_MMU_MODES], large_mask[SOFTMMU_NB_MMU_MODES];
    ExecCPU *cpu;
    unsigned cpu_index;      /* passed to devices with every MMIO access */
    /* Flush requests from other CPUs (under the softmmu's lock). */
    uint32_t pending;        /* non-zero: look at the fields below (atomic) */
    uint32_t pending_mask;   /* MMU indexes to flush entirely */
    unsigned nb_pending_pages;
    struct { uint64_t vaddr; uint32_t mask; } pending_pages[SOFTMMU_MAX_PENDING];
    SoftmmuStats stats;
} SoftmmuCPUTLB;

/* What the target reserves in its CPU state (a SoftmmuCPUTLB, 8-byte aligned). */
#define SOFTMMU_CPU_TLB_BYTES sizeof(SoftmmuCPUTLB)

/* Set up the engine for system mode (calls exec_init with the softmmu backend config). */
bool softmmu_init(const ExecTarget *target, const ExecOptions *opts, AddressSpace *as,
                  EmuError *err);
/* Register a CPU (calls exec_cpu_init) and empty its TLB. */
void softmmu_cpu_init(ExecCPU *cpu, void *env, unsigned cpu_index);
SoftmmuCPUTLB *softmmu_cpu_tlb(ExecCPU *cpu);
/* -d stats: the TLB counters of every CPU, summed, to the log. */
void softmmu_print_stats(void);

/* Flushes of one CPU's TLB (call from that CPU's thread, or with it stopped). */
void tlb_flush_all(ExecCPU *cpu);
void tlb_flush_mmuidx(ExecCPU *cpu, uint32_t mmu_mask);
void tlb_flush_page(ExecCPU *cpu, uint64_t vaddr);                  /* every MMU index */
void tlb_flush_page_mmuidx(ExecCPU *cpu, uint64_t vaddr, uint32_t mmu_mask);
/* Every CPU: src now, the others at their next block boundary (see above). */
void tlb_flush_mmuidx_all_cpus(ExecCPU *src, uint32_t mmu_mask);
void tlb_flush_page_mmuidx_all_cpus(ExecCPU *src, uint64_t vaddr, uint32_t mmu_mask);

/*
 * Guest accesses from C (the backends' slow paths; helpers too).  retaddr:
 * a return address into generated code (the caller's
 * __builtin_return_address(0) in a helper called from a block), or 0 when
 * the interpreter runs the instruction.  They may not return.
 */
uint64_t softmmu_ld(void *env, uint64_t addr, uint32_t memop, uintptr_t retaddr);
void softmmu_st(void *env, uint64_t addr, uint64_t val, uint32_t memop, uintptr_t retaddr);
uint64_t softmmu_atomic(void *env, uint64_t addr, uint64_t a, uint64_t b, uint32_t desc,
                        uintptr_t retaddr);

/* The lock every guest MMIO access holds (the board takes it for its own device work). */
void softmmu_io_lock(void);
void softmmu_io_unlock(void);

/* Does the RAM page at this physical address hold translated code (tests, debugging)? */
bool softmmu_page_has_code(uint64_t phys_page);

#endif
