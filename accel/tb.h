/*
 * Translation blocks and their cache (internal to accel/).
 *
 * A block never crosses a guest page (the frontend stops at page ends), so
 * each block belongs to exactly one page, and invalidating a page finds
 * every block that must go.  The page is the virtual page in user mode and
 * the physical page in system mode (tb_invalidate_page takes that kind).  Invalidated blocks are unlinked and kept on a
 * list until the next full flush, because another thread's jump cache or a
 * return value in flight may still name them.
 */
#ifndef ACCEL_TB_H
#define ACCEL_TB_H

#include <pthread.h>
#include "accel/exec.h"

/* phys_page of a block in user mode (keyed by its virtual page). */
#define TB_PHYS_NONE UINT64_MAX

struct TranslationBlock {
    uint64_t pc, flags;
    uint64_t phys_page;               /* system mode: physical page of the code, else TB_PHYS_NONE */
    uint32_t size;                    /* guest bytes */
    bool invalid;
    void *block;                      /* the backend's compiled block */
    uintptr_t host_start, host_end;   /* JIT only: host code range, for fault lookup */
    TranslationBlock *hash_next;      /* same (pc, flags) bucket */
    TranslationBlock *page_next;      /* same guest page */
    TranslationBlock *dead_next;      /* invalidated, waiting for a flush */
    /* Outgoing links: which block each exit slot jumps to directly. */
    TranslationBlock *jmp_dest[2];
    /* Incoming links: list of (block, slot) pairs jumping here, encoded block|slot. */
    uintptr_t jmp_first;              /* head of the list of blocks linked to this one */
    uintptr_t jmp_next[2];            /* next entry of the list this block's slot n is in */
};

extern pthread_mutex_t tb_lock;

void tb_cache_init(const ExecBackendOps *backend, void *backend_state);
/* Under tb_lock. */
TranslationBlock *tb_find(uint64_t pc, uint64_t flags, uint64_t phys_page);
TranslationBlock *tb_alloc(uint64_t pc, uint64_t flags, uint64_t phys_page);
void tb_insert(TranslationBlock *tb);
void tb_discard_unpublished(TranslationBlock *tb);
void tb_add_link(TranslationBlock *from, unsigned slot, TranslationBlock *to);
/* Free every block and the backend's code (callers clear the CPUs' jump caches). */
void tb_cache_flush(void);
/* Find the block whose host code contains host_pc (JIT); NULL if none. */
TranslationBlock *tb_find_by_host_pc(uintptr_t host_pc);

#endif
