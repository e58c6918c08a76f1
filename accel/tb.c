/* Translation-block cache: see tb.h. */
#include <stdlib.h>
#include <string.h>
#include "accel/tb.h"
#include "accel/user-mem.h"

pthread_mutex_t tb_lock = PTHREAD_MUTEX_INITIALIZER;

#define TB_HASH_BITS 16
#define PAGE_HASH_BITS 14

static TranslationBlock *tb_hash[1u << TB_HASH_BITS];
static struct PageEntry {
    uint64_t page;
    TranslationBlock *first;
    struct PageEntry *next;
} *page_hash[1u << PAGE_HASH_BITS];

static TranslationBlock *dead_list;
static const ExecBackendOps *backend;
static void *backend_state;

/* Blocks in host-code order, for mapping a faulting host pc back to its block. */
static TranslationBlock **by_host;
static size_t nb_by_host, cap_by_host;

void tb_cache_init(const ExecBackendOps *ops, void *state)
{
    backend = ops;
    backend_state = state;
}

static unsigned tb_hash_of(uint64_t pc, uint64_t flags)
{
    uint64_t h = (pc >> 2) ^ (flags * 0x9e3779b97f4a7c15ull);
    h ^= h >> 29;
    return (unsigned)(h * 0xbf58476d1ce4e5b9ull >> (64 - TB_HASH_BITS));
}

static unsigned page_hash_of(uint64_t page)
{
    return (unsigned)((page >> GUEST_PAGE_BITS) * 0x9e3779b97f4a7c15ull >> (64 - PAGE_HASH_BITS));
}

TranslationBlock *tb_find(uint64_t pc, uint64_t flags, uint64_t phys_page)
{
    for (TranslationBlock *tb = tb_hash[tb_hash_of(pc, flags)]; tb; tb = tb->hash_next) {
        if (tb->pc == pc && tb->flags == flags && tb->phys_page == phys_page) {
            return tb;
        }
    }
    return NULL;
}

TranslationBlock *tb_alloc(uint64_t pc, uint64_t flags, uint64_t phys_page)
{
    /* 8-byte alignment keeps the low bits free for the backend's token|slot encoding. */
    TranslationBlock *tb = aligned_alloc(16, sizeof(*tb));
    if (!tb) {
        abort();
    }
    memset(tb, 0, sizeof(*tb));
    tb->pc = pc;
    tb->flags = flags;
    tb->phys_page = phys_page;
    return tb;
}

void tb_discard_unpublished(TranslationBlock *tb)
{
    free(tb);
}

static struct PageEntry *page_entry(uint64_t page, bool create)
{
    unsigned h = page_hash_of(page);
    struct PageEntry *e;

    for (e = page_hash[h]; e; e = e->next) {
        if (e->page == page) {
            return e;
        }
    }
    if (!create) {
        return NULL;
    }
    e = calloc(1, sizeof(*e));
    if (!e) {
        abort();
    }
    e->page = page;
    e->next = page_hash[h];
    page_hash[h] = e;
    return e;
}

void tb_insert(TranslationBlock *tb)
{
    unsigned h = tb_hash_of(tb->pc, tb->flags);
    struct PageEntry *pe = page_entry(tb->phys_page != TB_PHYS_NONE ? tb->phys_page
                                                                     : tb->pc & GUEST_PAGE_MASK, true);

    tb->hash_next = tb_hash[h];
    tb_hash[h] = tb;
    tb->page_next = pe->first;
    pe->first = tb;
    if (tb->host_start) {
        if (nb_by_host == cap_by_host) {
            cap_by_host = cap_by_host ? cap_by_host * 2 : 4096;
            by_host = realloc(by_host, cap_by_host * sizeof(*by_host));
            if (!by_host) {
                abort();
            }
        }
        by_host[nb_by_host++] = tb;
    }
}

void tb_add_link(TranslationBlock *from, unsigned slot, TranslationBlock *to)
{
    if (from->jmp_dest[slot] || from->invalid || to->invalid || !backend->link) {
        return;
    }
    backend->link(backend_state, from->block, slot, to->block);
    from->jmp_dest[slot] = to;
    from->jmp_next[slot] = to->jmp_first;
    to->jmp_first = (uintptr_t)from | slot;
}

/* Remove (from, slot) from the incoming list of its destination. */
static void tb_remove_link(TranslationBlock *from, unsigned slot)
{
    TranslationBlock *dest = from->jmp_dest[slot];
    uintptr_t *pp = &dest->jmp_first;

    while (*pp) {
        TranslationBlock *t = (TranslationBlock *)(*pp & ~(uintptr_t)3);
        unsigned n = *pp & 3;
        if (t == from && n == slot) {
            *pp = from->jmp_next[slot];
            break;
        }
        pp = &t->jmp_next[n];
    }
    backend->unlink(backend_state, from->block, slot);
    from->jmp_dest[slot] = NULL;
}

static void tb_invalidate(TranslationBlock *tb)
{
    TranslationBlock **pp = &tb_hash[tb_hash_of(tb->pc, tb->flags)];

    tb->invalid = true;
    while (*pp && *pp != tb) {
        pp = &(*pp)->hash_next;
    }
    if (*pp) {
        *pp = tb->hash_next;
    }
    /* Nobody may jump into it any more, and it jumps nowhere. */
    while (tb->jmp_first) {
        TranslationBlock *from = (TranslationBlock *)(tb->jmp_first & ~(uintptr_t)3);
        tb_remove_link(from, tb->jmp_first & 3);
    }
    for (unsigned slot = 0; slot < 2; slot++) {
        if (tb->jmp_dest[slot]) {
            tb_remove_link(tb, slot);
        }
    }
    tb->dead_next = dead_list;
    dead_list = tb;
}

void tb_invalidate_page(uint64_t page_addr)
{
    struct PageEntry *pe;

    pthread_mutex_lock(&tb_lock);
    pe = page_entry(page_addr & GUEST_PAGE_MASK, false);
    if (pe) {
        for (TranslationBlock *tb = pe->first, *next; tb; tb = next) {
            next = tb->page_next;
            tb_invalidate(tb);
        }
        pe->first = NULL;
    }
    pthread_mutex_unlock(&tb_lock);
}

/* Caller holds tb_lock and guarantees no CPU is inside translated code. */
static void tb_flush_locked(void)
{
    for (unsigned i = 0; i < (1u << TB_HASH_BITS); i++) {
        for (TranslationBlock *tb = tb_hash[i], *next; tb; tb = next) {
            next = tb->hash_next;
            backend->free_block(backend_state, tb->block);
            free(tb);
        }
        tb_hash[i] = NULL;
    }
    for (TranslationBlock *tb = dead_list, *next; tb; tb = next) {
        next = tb->dead_next;
        backend->free_block(backend_state, tb->block);
        free(tb);
    }
    dead_list = NULL;
    for (unsigned i = 0; i < (1u << PAGE_HASH_BITS); i++) {
        for (struct PageEntry *e = page_hash[i], *next; e; e = next) {
            next = e->next;
            free(e);
        }
        page_hash[i] = NULL;
    }
    nb_by_host = 0;
    if (backend->flush) {
        backend->flush(backend_state);
    }
}

void tb_cache_flush(void)
{
    pthread_mutex_lock(&tb_lock);
    tb_flush_locked();
    pthread_mutex_unlock(&tb_lock);
}

TranslationBlock *tb_find_by_host_pc(uintptr_t host_pc)
{
    size_t lo = 0, hi = nb_by_host;

    /* by_host is in allocation order, which is host-address order between flushes. */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        TranslationBlock *tb = by_host[mid];
        if (host_pc < tb->host_start) {
            hi = mid;
        } else if (host_pc >= tb->host_end) {
            lo = mid + 1;
        } else {
            return tb;
        }
    }
    return NULL;
}
