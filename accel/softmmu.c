/*
 * System-mode guest memory: see softmmu.h for the contract and
 * tcg/backend.h for the TLB layout the generated code reads.
 *
 * A TLB entry covers one 4 KiB virtual page of one MMU index; larger
 * mappings are installed one 4 KiB piece at a time and remembered as a
 * span, so that flushing one address of them flushes the index.  Tags:
 * the page address when the access kind is allowed, with TLB_MMIO when the
 * page is not plain RAM (devices, unassigned, writes to ROM) and
 * TLB_NOTDIRTY on writes to RAM holding translated code; both flags make
 * the inline compare fail, so those accesses always come here.
 */
#include <assert.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "accel/softmmu.h"
#include "accel/tb.h"
#include "accel/user-mem.h"
#include "tcg/interp.h"
#include "util/log.h"

#define PAGE_SIZE_4K (1ull << SOFTMMU_PAGE_BITS)
#define OFFSET_MASK (PAGE_SIZE_4K - 1)

static const ExecTarget *target;
static AddressSpace *address_space;
/* Recursive: an atomic on device memory holds it across its read and write. */
static pthread_mutex_t io_lock = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
/* Guards the CPU list and the cross-CPU flush requests. */
static pthread_mutex_t softmmu_lock = PTHREAD_MUTEX_INITIALIZER;

#define SOFTMMU_MAX_CPUS 256
static SoftmmuCPUTLB *cpu_tlbs[SOFTMMU_MAX_CPUS];
static unsigned nb_cpu_tlbs;

/* One bit per 4 KiB page of each RAM/ROM region: "translated code was read from it". */
typedef struct CodeMap {
    const MemoryRegion *mr;
    uint64_t *bits;
} CodeMap;
static CodeMap code_maps[ADDRESS_SPACE_MAX_REGIONS];
static unsigned nb_code_maps;

void softmmu_io_lock(void)
{
    pthread_mutex_lock(&io_lock);
}

void softmmu_io_unlock(void)
{
    pthread_mutex_unlock(&io_lock);
}

static SoftmmuCPUTLB *tlb_of(void *env)
{
    return (SoftmmuCPUTLB *)((char *)env + target->env_tlb_offset);
}

SoftmmuCPUTLB *softmmu_cpu_tlb(ExecCPU *cpu)
{
    return tlb_of(cpu->env);
}

/* ------------------------------------------------------------------ */
/* Code pages                                                          */

/* The bit of a physical page, or NULL when it is not RAM/ROM. */
static uint64_t *code_bit(uint64_t phys_page, uint64_t *mask)
{
    for (unsigned i = 0; i < nb_code_maps; i++) {
        const MemoryRegion *mr = code_maps[i].mr;
        if (phys_page >= mr->base && phys_page - mr->base < mr->size) {
            uint64_t n = (phys_page - mr->base) >> SOFTMMU_PAGE_BITS;
            *mask = 1ull << (n % 64);
            return &code_maps[i].bits[n / 64];
        }
    }
    return NULL;
}

bool softmmu_page_has_code(uint64_t phys_page)
{
    uint64_t mask;
    uint64_t *w = code_bit(phys_page & SOFTMMU_PAGE_MASK, &mask);
    return w && (__atomic_load_n(w, __ATOMIC_SEQ_CST) & mask);
}

static bool tag_valid(uint64_t tag)
{
    return tag != SOFTMMU_TAG_INVALID;
}

/* Make every CPU's writes to phys_page take the slow path (ExecSystemHooks.protect_code). */
static void protect_code(uint64_t phys_page)
{
    uint64_t mask;
    uint64_t *w = code_bit(phys_page, &mask);

    if (!w || (__atomic_fetch_or(w, mask, __ATOMIC_SEQ_CST) & mask)) {
        return;   /* not RAM (cannot be written through the TLB) or already marked */
    }
    pthread_mutex_lock(&softmmu_lock);
    for (unsigned c = 0; c < nb_cpu_tlbs; c++) {
        SoftmmuCPUTLB *tlb = cpu_tlbs[c];
        for (unsigned m = 0; m < SOFTMMU_NB_MMU_MODES; m++) {
            for (unsigned i = 0; i < SOFTMMU_TLB_SIZE; i++) {
                SoftmmuTLBEntry *e = &tlb->table.e[m][i];
                uint64_t tag = __atomic_load_n(&e->addr_write, __ATOMIC_SEQ_CST);
                if (tag_valid(tag) && !(tag & TLB_MMIO) && tlb->pa[m][i] == phys_page) {
                    __atomic_fetch_or(&e->addr_write, TLB_NOTDIRTY, __ATOMIC_SEQ_CST);
                }
            }
            for (unsigned i = 0; i < SOFTMMU_VTLB_SIZE; i++) {
                SoftmmuTLBEntry *e = &tlb->victim[m][i];
                uint64_t tag = __atomic_load_n(&e->addr_write, __ATOMIC_SEQ_CST);
                if (tag_valid(tag) && !(tag & TLB_MMIO) && tlb->victim_pa[m][i] == phys_page) {
                    __atomic_fetch_or(&e->addr_write, TLB_NOTDIRTY, __ATOMIC_SEQ_CST);
                }
            }
        }
    }
    pthread_mutex_unlock(&softmmu_lock);
}

/*
 * A write reached RAM page phys_page whose entry carried TLB_NOTDIRTY:
 * throw the page's translations away (after the write, so a retranslation
 * sees the new code) unless another write did already.
 */
static bool invalidate_code_page(uint64_t phys_page)
{
    uint64_t mask;
    uint64_t *w = code_bit(phys_page, &mask);

    if (w && (__atomic_fetch_and(w, ~mask, __ATOMIC_SEQ_CST) & mask)) {
        tb_invalidate_page(phys_page);
        return true;
    }
    return false;
}

static void code_page_written(SoftmmuCPUTLB *tlb, uint64_t phys_page)
{
    if (invalidate_code_page(phys_page)) {
        tlb->stats.code_writes++;
    }
}

/* memory_dma_write_hook: a device wrote guest memory behind the CPUs' backs. */
static void dma_written(uint64_t addr, uint64_t len)
{
    uint64_t first = addr & SOFTMMU_PAGE_MASK, last = (addr + len - 1) & SOFTMMU_PAGE_MASK;

    if (addr + len - 1 < addr) {
        last = UINT64_MAX & SOFTMMU_PAGE_MASK;   /* wrapped: up to the end of the space */
    }
    for (uint64_t page = first;; page += PAGE_SIZE_4K) {
        invalidate_code_page(page);
        if (page == last) {
            break;
        }
    }
}

/* ------------------------------------------------------------------ */
/* Flushes                                                             */

static void flush_mmu_locked_by_owner(SoftmmuCPUTLB *tlb, unsigned m)
{
    memset(tlb->table.e[m], 0xff, sizeof(tlb->table.e[m]));
    memset(tlb->victim[m], 0xff, sizeof(tlb->victim[m]));
    tlb->large_addr[m] = UINT64_MAX;
    tlb->large_mask[m] = 0;
}

void tlb_flush_mmuidx(ExecCPU *cpu, uint32_t mmu_mask)
{
    SoftmmuCPUTLB *tlb = softmmu_cpu_tlb(cpu);

    tlb->stats.flushes++;
    exec_jmp_cache_flush(cpu);
    for (unsigned m = 0; m < SOFTMMU_NB_MMU_MODES; m++) {
        if ((mmu_mask >> m) & 1) {
            flush_mmu_locked_by_owner(tlb, m);
        }
    }
}

void tlb_flush_all(ExecCPU *cpu)
{
    tlb_flush_mmuidx(cpu, (1u << SOFTMMU_NB_MMU_MODES) - 1);
}

static bool entry_maps(const SoftmmuTLBEntry *e, uint64_t page)
{
    return (tag_valid(e->addr_read) && (e->addr_read & SOFTMMU_PAGE_MASK) == page) ||
           (tag_valid(e->addr_write) && (e->addr_write & SOFTMMU_PAGE_MASK) == page) ||
           (tag_valid(e->addr_code) && (e->addr_code & SOFTMMU_PAGE_MASK) == page);
}

void tlb_flush_page_mmuidx(ExecCPU *cpu, uint64_t vaddr, uint32_t mmu_mask)
{
    SoftmmuCPUTLB *tlb = softmmu_cpu_tlb(cpu);
    uint64_t page = vaddr & SOFTMMU_PAGE_MASK;
    unsigned idx = (vaddr >> SOFTMMU_PAGE_BITS) & (SOFTMMU_TLB_SIZE - 1);

    tlb->stats.page_flushes++;
    exec_jmp_cache_flush_page(cpu, vaddr);
    for (unsigned m = 0; m < SOFTMMU_NB_MMU_MODES; m++) {
        if (!((mmu_mask >> m) & 1)) {
            continue;
        }
        if (tlb->large_mask[m] && ((vaddr ^ tlb->large_addr[m]) & tlb->large_mask[m]) == 0) {
            /* Inside a block mapping: its 4 KiB pieces are anywhere in the table. */
            flush_mmu_locked_by_owner(tlb, m);
            exec_jmp_cache_flush(cpu);
            continue;
        }
        if (entry_maps(&tlb->table.e[m][idx], page)) {
            memset(&tlb->table.e[m][idx], 0xff, sizeof(SoftmmuTLBEntry));
        }
        for (unsigned v = 0; v < SOFTMMU_VTLB_SIZE; v++) {
            if (entry_maps(&tlb->victim[m][v], page)) {
                memset(&tlb->victim[m][v], 0xff, sizeof(SoftmmuTLBEntry));
            }
        }
    }
}

void tlb_flush_page(ExecCPU *cpu, uint64_t vaddr)
{
    tlb_flush_page_mmuidx(cpu, vaddr, (1u << SOFTMMU_NB_MMU_MODES) - 1);
}

void tlb_flush_mmuidx_all_cpus(ExecCPU *src, uint32_t mmu_mask)
{
    pthread_mutex_lock(&softmmu_lock);
    for (unsigned c = 0; c < nb_cpu_tlbs; c++) {
        SoftmmuCPUTLB *tlb = cpu_tlbs[c];
        if (tlb->cpu == src) {
            continue;
        }
        tlb->pending_mask |= mmu_mask;
        __atomic_store_n(&tlb->pending, 1, __ATOMIC_RELEASE);
        cpu_exit_request(tlb->cpu);
    }
    pthread_mutex_unlock(&softmmu_lock);
    if (src) {
        tlb_flush_mmuidx(src, mmu_mask);
    }
}

void tlb_flush_page_mmuidx_all_cpus(ExecCPU *src, uint64_t vaddr, uint32_t mmu_mask)
{
    pthread_mutex_lock(&softmmu_lock);
    for (unsigned c = 0; c < nb_cpu_tlbs; c++) {
        SoftmmuCPUTLB *tlb = cpu_tlbs[c];
        if (tlb->cpu == src) {
            continue;
        }
        if (tlb->nb_pending_pages < SOFTMMU_MAX_PENDING) {
            tlb->pending_pages[tlb->nb_pending_pages].vaddr = vaddr;
            tlb->pending_pages[tlb->nb_pending_pages].mask = mmu_mask;
            tlb->nb_pending_pages++;
        } else {
            tlb->pending_mask |= mmu_mask;   /* too many: flush the indexes */
        }
        __atomic_store_n(&tlb->pending, 1, __ATOMIC_RELEASE);
        cpu_exit_request(tlb->cpu);
    }
    pthread_mutex_unlock(&softmmu_lock);
    if (src) {
        tlb_flush_page_mmuidx(src, vaddr, mmu_mask);
    }
}

void softmmu_print_stats(void)
{
    SoftmmuStats t = { 0 };

    pthread_mutex_lock(&softmmu_lock);
    for (unsigned c = 0; c < nb_cpu_tlbs; c++) {
        const SoftmmuStats *s = &cpu_tlbs[c]->stats;
        t.slow_calls += s->slow_calls;
        t.fills += s->fills;
        t.victim_hits += s->victim_hits;
        t.io_accesses += s->io_accesses;
        t.code_writes += s->code_writes;
        t.flushes += s->flushes;
        t.page_flushes += s->page_flushes;
    }
    pthread_mutex_unlock(&softmmu_lock);
    emu_log("stats: tlb: %llu slow-path calls, %llu fills (page walks installed), %llu victim hits, "
            "%llu device accesses\n", (unsigned long long)t.slow_calls,
            (unsigned long long)t.fills, (unsigned long long)t.victim_hits,
            (unsigned long long)t.io_accesses);
    emu_log("stats: tlb: %llu index flushes, %llu page flushes, %llu writes to translated code\n",
            (unsigned long long)t.flushes, (unsigned long long)t.page_flushes,
            (unsigned long long)t.code_writes);
}

/* ExecSystemHooks.cpu_loop_top: do what other CPUs asked of this TLB. */
static void cpu_loop_top(ExecCPU *cpu)
{
    SoftmmuCPUTLB *tlb = softmmu_cpu_tlb(cpu);
    uint32_t mask;
    unsigned n;
    struct { uint64_t vaddr; uint32_t mask; } pages[SOFTMMU_MAX_PENDING];

    if (!__atomic_load_n(&tlb->pending, __ATOMIC_ACQUIRE)) {
        return;
    }
    pthread_mutex_lock(&softmmu_lock);
    mask = tlb->pending_mask;
    n = tlb->nb_pending_pages;
    memcpy(pages, tlb->pending_pages, n * sizeof(pages[0]));
    tlb->pending_mask = 0;
    tlb->nb_pending_pages = 0;
    tlb->pending = 0;
    pthread_mutex_unlock(&softmmu_lock);
    tlb_flush_mmuidx(cpu, mask);
    for (unsigned i = 0; i < n; i++) {
        tlb_flush_page_mmuidx(cpu, pages[i].vaddr, pages[i].mask & ~mask);
    }
}

/* ------------------------------------------------------------------ */
/* Fill                                                                */

/* After writing an entry: if its RAM page holds code, writes must still come here. */
static void recheck_notdirty(SoftmmuTLBEntry *e, uint64_t pa_page)
{
    uint64_t tag = __atomic_load_n(&e->addr_write, __ATOMIC_SEQ_CST);

    if (tag_valid(tag) && !(tag & (TLB_MMIO | TLB_NOTDIRTY)) && softmmu_page_has_code(pa_page)) {
        __atomic_fetch_or(&e->addr_write, TLB_NOTDIRTY, __ATOMIC_SEQ_CST);
    }
}

static void install(SoftmmuCPUTLB *tlb, unsigned m, uint64_t vaddr, uint64_t pa, unsigned prot,
                    unsigned page_bits)
{
    unsigned idx = (vaddr >> SOFTMMU_PAGE_BITS) & (SOFTMMU_TLB_SIZE - 1);
    SoftmmuTLBEntry *e = &tlb->table.e[m][idx];
    uint64_t page = vaddr & SOFTMMU_PAGE_MASK, pa_page = pa & SOFTMMU_PAGE_MASK;
    const MemoryRegion *mr = address_space_find(address_space, pa_page);
    /* A ROM device (hw/memory.h) in its I/O mode is MMIO for reads and fetches too. */
    bool ram = mr && mr->host && pa_page - mr->base + PAGE_SIZE_4K <= mr->size &&
               !(mr->ops && __atomic_load_n(&mr->rom_io, __ATOMIC_ACQUIRE));
    uint64_t flags = ram ? 0 : TLB_MMIO, wflags = flags;
    SoftmmuTLBEntry n;

    if (page_bits > SOFTMMU_PAGE_BITS) {
        uint64_t lmask = page_bits >= 64 ? 0 : ~((1ull << page_bits) - 1);
        if (!tlb->large_mask[m]) {
            tlb->large_addr[m] = vaddr & lmask;
            tlb->large_mask[m] = lmask;
        } else {
            /* Widen the span until it covers both. */
            lmask &= tlb->large_mask[m];
            while ((tlb->large_addr[m] ^ vaddr) & lmask) {
                lmask <<= 1;
            }
            tlb->large_addr[m] &= lmask;
            tlb->large_mask[m] = lmask;
        }
    }
    /* The displaced entry goes to the victim TLB. */
    if (tag_valid(e->addr_read) || tag_valid(e->addr_write) || tag_valid(e->addr_code)) {
        unsigned v = tlb->victim_next[m]++ % SOFTMMU_VTLB_SIZE;
        tlb->victim[m][v] = *e;
        tlb->victim_pa[m][v] = tlb->pa[m][idx];
    }
    if (ram) {
        uint64_t mask;
        uint64_t *w = code_bit(pa_page, &mask);
        if (mr->readonly || mr->ops) {
            /* Writes to ROM are ignored by the address space; a ROM device gets them. */
            wflags |= TLB_MMIO;
        } else if (w && (__atomic_load_n(w, __ATOMIC_SEQ_CST) & mask)) {
            wflags |= TLB_NOTDIRTY;
        }
        n.addend = (uintptr_t)(mr->host + (pa_page - mr->base)) - (uintptr_t)page;
    } else {
        n.addend = 0;
    }
    n.addr_read = (prot & PAGE_READ) ? page | flags : SOFTMMU_TAG_INVALID;
    n.addr_write = (prot & PAGE_WRITE) ? page | wflags : SOFTMMU_TAG_INVALID;
    n.addr_code = (prot & PAGE_EXEC) ? page | flags : SOFTMMU_TAG_INVALID;
    tlb->pa[m][idx] = pa_page;
    __atomic_store_n(&e->addend, n.addend, __ATOMIC_RELAXED);
    __atomic_store_n(&e->addr_code, n.addr_code, __ATOMIC_RELAXED);
    __atomic_store_n(&e->addr_read, n.addr_read, __ATOMIC_RELAXED);
    __atomic_store_n(&e->addr_write, n.addr_write, __ATOMIC_SEQ_CST);
    /* Code may have appeared on the page while we installed: protect_code may have missed us. */
    recheck_notdirty(e, pa_page);
    tlb->stats.fills++;
    emu_log_mask(LOG_PAGE, "page: mmu_idx %u va 0x%llx -> pa 0x%llx %c%c%c %s\n", m,
                 (unsigned long long)page, (unsigned long long)pa_page, (prot & PAGE_READ) ? 'r' : '-',
                 (prot & PAGE_WRITE) ? 'w' : '-', (prot & PAGE_EXEC) ? 'x' : '-',
                 !ram ? "mmio" : (wflags & TLB_MMIO) ? "rom" : "ram");
}

static uint64_t tag_of(const SoftmmuTLBEntry *e, int access)
{
    switch (access) {
    case EXEC_ACCESS_READ: return __atomic_load_n(&e->addr_read, __ATOMIC_RELAXED);
    case EXEC_ACCESS_WRITE: return __atomic_load_n(&e->addr_write, __ATOMIC_RELAXED);
    default: return __atomic_load_n(&e->addr_code, __ATOMIC_RELAXED);
    }
}

static bool tag_matches(uint64_t tag, uint64_t page)
{
    return tag_valid(tag) && (tag & ~TLB_FLAGS_MASK) == page;
}

/* The main entry for vaddr's page if the TLB (or its victim part) has it for access. */
static SoftmmuTLBEntry *tlb_probe(SoftmmuCPUTLB *tlb, uint64_t vaddr, int access, unsigned m)
{
    unsigned idx = (vaddr >> SOFTMMU_PAGE_BITS) & (SOFTMMU_TLB_SIZE - 1);
    SoftmmuTLBEntry *e = &tlb->table.e[m][idx];
    uint64_t page = vaddr & SOFTMMU_PAGE_MASK;

    if (tag_matches(tag_of(e, access), page)) {
        return e;
    }
    for (unsigned v = 0; v < SOFTMMU_VTLB_SIZE; v++) {
        SoftmmuTLBEntry *ve = &tlb->victim[m][v];
        if (tag_matches(tag_of(ve, access), page)) {
            /* Swap it in (only this CPU's thread writes its TLB, except NOTDIRTY marks). */
            SoftmmuTLBEntry tmp = *e;
            uint64_t tpa = tlb->pa[m][idx];
            *e = *ve;
            tlb->pa[m][idx] = tlb->victim_pa[m][v];
            *ve = tmp;
            tlb->victim_pa[m][v] = tpa;
            tlb->stats.victim_hits++;
            /* The copy may have lost a TLB_NOTDIRTY that protect_code set meanwhile. */
            recheck_notdirty(e, tlb->pa[m][idx]);
            return e;
        }
    }
    return NULL;
}

/* Leave guest code at the instruction that made the access at retaddr (see softmmu.h). */
static void __attribute__((noreturn)) raise_at(void *env, uintptr_t retaddr)
{
    ExecCPU *cpu = exec_current_cpu();
    uint64_t pc;

    assert(cpu && cpu->env == env);
    pc = exec_guest_pc_at(cpu, retaddr ? retaddr - 1 : 0);
    memcpy((char *)env + target->env_pc_offset, &pc, sizeof(pc));
    exec_exit_exception(cpu);
}

static void __attribute__((noreturn)) raise_align(void *env, uint64_t addr, int kind,
                                                   uintptr_t retaddr)
{
    ExecCPU *cpu = exec_current_cpu();

    assert(cpu && cpu->env == env);
    target->set_fault(env, exec_guest_pc_at(cpu, retaddr ? retaddr - 1 : 0), addr, kind);
    exec_exit_exception(cpu);
}

/* The entry for vaddr's page and access, filling it on a miss; faults do not return. */
static SoftmmuTLBEntry *tlb_lookup(void *env, uint64_t vaddr, int access, unsigned m,
                                   uintptr_t retaddr, uint64_t *pa_page)
{
    SoftmmuCPUTLB *tlb = tlb_of(env);
    SoftmmuTLBEntry *e = tlb_probe(tlb, vaddr, access, m);
    unsigned idx = (vaddr >> SOFTMMU_PAGE_BITS) & (SOFTMMU_TLB_SIZE - 1);

    if (!e) {
        uint64_t pa;
        unsigned prot, bits;
        if (!target->tlb_fill(env, vaddr, access, (int)m, false, &pa, &prot, &bits)) {
            raise_at(env, retaddr);
        }
        install(tlb, m, vaddr, pa, prot, bits);
        e = &tlb->table.e[m][idx];
        /* A target that grants an access it was asked about must say so in prot. */
        assert(tag_matches(tag_of(e, access), vaddr & SOFTMMU_PAGE_MASK));
    }
    *pa_page = tlb->pa[m][idx];
    return e;
}

/* ------------------------------------------------------------------ */
/* Accesses                                                            */

/* Where one page's part of an access goes. */
typedef struct PagePart {
    uint8_t *host;      /* RAM, or NULL: through the address space */
    uint64_t pa;        /* physical address of the first byte */
    bool notdirty;      /* a write must invalidate the page's translations */
} PagePart;

static void resolve(void *env, uint64_t vaddr, int access, unsigned m, uintptr_t retaddr,
                    PagePart *p)
{
    uint64_t pa_page;
    SoftmmuTLBEntry *e = tlb_lookup(env, vaddr, access, m, retaddr, &pa_page);
    uint64_t tag = tag_of(e, access);

    p->pa = pa_page | (vaddr & OFFSET_MASK);
    p->host = (tag & TLB_MMIO) ? NULL : (uint8_t *)(uintptr_t)(vaddr + e->addend);
    p->notdirty = false;
    if (tag & TLB_NOTDIRTY) {
        if (softmmu_page_has_code(pa_page)) {
            p->notdirty = true;
        } else {
            /* The code went away (another write invalidated it): back to the fast path. */
            __atomic_fetch_and(&e->addr_write, ~TLB_NOTDIRTY, __ATOMIC_SEQ_CST);
        }
    }
}

static bool io_size_ok(unsigned n)
{
    return n == 1 || n == 2 || n == 4 || n == 8;
}

static uint64_t part_read(SoftmmuCPUTLB *tlb, const PagePart *p, unsigned n)
{
    uint64_t v = 0;

    if (p->host) {
        memcpy(&v, p->host, n);   /* little-endian guest and host */
        return v;
    }
    tlb->stats.io_accesses++;
    softmmu_io_lock();
    if (io_size_ok(n)) {
        v = address_space_read(address_space, p->pa, n, tlb->cpu_index);
    } else {
        for (unsigned i = 0; i < n; i++) {
            v |= address_space_read(address_space, p->pa + i, 1, tlb->cpu_index) << (8 * i);
        }
    }
    softmmu_io_unlock();
    return v;
}

static void part_write(SoftmmuCPUTLB *tlb, const PagePart *p, unsigned n, uint64_t v)
{
    if (p->host) {
        memcpy(p->host, &v, n);
        if (p->notdirty) {
            code_page_written(tlb, p->pa & SOFTMMU_PAGE_MASK);
        }
        return;
    }
    tlb->stats.io_accesses++;
    softmmu_io_lock();
    if (io_size_ok(n)) {
        address_space_write(address_space, p->pa, v, n, tlb->cpu_index);
    } else {
        for (unsigned i = 0; i < n; i++) {
            address_space_write(address_space, p->pa + i, (v >> (8 * i)) & 0xff, 1, tlb->cpu_index);
        }
    }
    softmmu_io_unlock();
}

static void check_align(void *env, uint64_t addr, uint32_t memop, int kind, uintptr_t retaddr)
{
    unsigned align = (memop & IR_MO_ALIGN_MASK) >> IR_MO_ALIGN_SHIFT;

    if (align && (addr & ((1ull << align) - 1))) {
        raise_align(env, addr, kind, retaddr);
    }
}

static unsigned memop_mmu(uint32_t memop)
{
    unsigned m = softmmu_memop_mmu_idx(memop);
    assert(m < SOFTMMU_NB_MMU_MODES);
    return m;
}

uint64_t softmmu_ld(void *env, uint64_t addr, uint32_t memop, uintptr_t retaddr)
{
    SoftmmuCPUTLB *tlb = tlb_of(env);
    unsigned size = ir_memop_size(memop), m = memop_mmu(memop);
    unsigned first = (unsigned)(PAGE_SIZE_4K - (addr & OFFSET_MASK));
    PagePart p1, p2;

    tlb->stats.slow_calls++;
    check_align(env, addr, memop, FAULT_ALIGN_READ, retaddr);
    if (first >= size) {
        resolve(env, addr, EXEC_ACCESS_READ, m, retaddr, &p1);
        return part_read(tlb, &p1, size);
    }
    /* Crossing into the next page: both must translate before anything is read. */
    resolve(env, addr, EXEC_ACCESS_READ, m, retaddr, &p1);
    resolve(env, addr + first, EXEC_ACCESS_READ, m, retaddr, &p2);
    return part_read(tlb, &p1, first) | part_read(tlb, &p2, size - first) << (8 * first);
}

void softmmu_st(void *env, uint64_t addr, uint64_t val, uint32_t memop, uintptr_t retaddr)
{
    SoftmmuCPUTLB *tlb = tlb_of(env);
    unsigned size = ir_memop_size(memop), m = memop_mmu(memop);
    unsigned first = (unsigned)(PAGE_SIZE_4K - (addr & OFFSET_MASK));
    PagePart p1, p2;

    tlb->stats.slow_calls++;
    check_align(env, addr, memop, FAULT_ALIGN_WRITE, retaddr);
    if (first >= size) {
        resolve(env, addr, EXEC_ACCESS_WRITE, m, retaddr, &p1);
        part_write(tlb, &p1, size, val);
        return;
    }
    /* Both pages are translated (and may fault) before either is written. */
    resolve(env, addr, EXEC_ACCESS_WRITE, m, retaddr, &p1);
    resolve(env, addr + first, EXEC_ACCESS_WRITE, m, retaddr, &p2);
    part_write(tlb, &p1, first, val);
    part_write(tlb, &p2, size - first, val >> (8 * first));
}

uint64_t softmmu_atomic(void *env, uint64_t addr, uint64_t a, uint64_t b, uint32_t desc,
                        uintptr_t retaddr)
{
    SoftmmuCPUTLB *tlb = tlb_of(env);
    uint32_t memop = desc & 0xffff;
    unsigned kind = (desc >> 16) & 0xf;
    IRAtomicOp aop = (IRAtomicOp)(desc >> 20);
    unsigned size = ir_memop_size(memop), m = memop_mmu(memop);
    uint64_t mask = size == 8 ? UINT64_MAX : (1ull << (8 * size)) - 1;
    uint64_t old, newv;
    PagePart p;

    tlb->stats.slow_calls++;
    check_align(env, addr, memop, FAULT_ALIGN_WRITE, retaddr);
    /* An atomic reads and writes: both permissions are checked (read first). */
    resolve(env, addr, EXEC_ACCESS_READ, m, retaddr, &p);
    resolve(env, addr, EXEC_ACCESS_WRITE, m, retaddr, &p);
    if (p.host && (addr & (size - 1)) == 0) {
        if (kind == SOFTMMU_ATOMIC_CMPXCHG) {
            old = ir_host_cas(p.host, size, a, b);
        } else {
            old = ir_host_rmw(p.host, size, aop, a);
        }
        if (p.notdirty) {
            code_page_written(tlb, p.pa & SOFTMMU_PAGE_MASK);
        }
        return old & mask;
    }
    /*
     * Device memory, or a misaligned access the memop allows: a plain
     * read-modify-write under the I/O lock (devices see a read and a write).
     */
    softmmu_io_lock();
    old = softmmu_ld(env, addr, memop & ~IR_MO_SIGN, retaddr) & mask;
    if (kind == SOFTMMU_ATOMIC_CMPXCHG) {
        newv = old == (a & mask) ? b : old;
    } else {
        newv = ir_atomic_apply(aop, old, a, size);
    }
    if (kind != SOFTMMU_ATOMIC_CMPXCHG || old == (a & mask)) {
        softmmu_st(env, addr, newv, memop, retaddr);
    }
    softmmu_io_unlock();
    return old;
}

/* ------------------------------------------------------------------ */
/* Code fetch (ExecSystemHooks.code_page)                              */

static bool code_page(ExecCPU *cpu, uint64_t pc, uint64_t flags, bool probe, uint64_t *phys_page,
                      const uint8_t **host_page)
{
    void *env = cpu->env;
    SoftmmuCPUTLB *tlb = tlb_of(env);
    unsigned m = target->code_mmu_idx ? target->code_mmu_idx(env, flags) : 0;
    unsigned idx = (pc >> SOFTMMU_PAGE_BITS) & (SOFTMMU_TLB_SIZE - 1);
    uint64_t page = pc & SOFTMMU_PAGE_MASK;
    SoftmmuTLBEntry *e;

    assert(m < SOFTMMU_NB_MMU_MODES);
    e = tlb_probe(tlb, pc, EXEC_ACCESS_FETCH, m);
    if (!e) {
        uint64_t pa;
        unsigned prot, bits;
        if (probe) {
            return false;
        }
        if (!target->tlb_fill(env, pc, EXEC_ACCESS_FETCH, (int)m, false, &pa, &prot, &bits)) {
            return false;   /* the target recorded the instruction abort; env's pc is pc */
        }
        install(tlb, m, pc, pa, prot, bits);
        e = &tlb->table.e[m][idx];
        assert(tag_matches(e->addr_code, page));
    }
    if (e->addr_code & TLB_MMIO) {
        /* Executing from a device or from nowhere: an external abort on the fetch. */
        if (!probe) {
            target->set_fault(env, pc, pc, FAULT_FETCH_EXTERNAL);
        }
        return false;
    }
    *phys_page = tlb->pa[m][idx];
    *host_page = (const uint8_t *)(uintptr_t)(page + e->addend);
    return true;
}

/* ------------------------------------------------------------------ */
/* Setup                                                               */

static const ExecSystemHooks system_hooks = {
    .code_page = code_page,
    .protect_code = protect_code,
    .cpu_loop_top = cpu_loop_top,
};

bool softmmu_init(const ExecTarget *t, const ExecOptions *opts, AddressSpace *as, EmuError *err)
{
    IRBackendConfig cfg = { 0 };

    assert(t->tlb_fill && t->set_fault);
    target = t;
    address_space = as;
    nb_code_maps = 0;
    for (unsigned i = 0; i < as->nb_regions; i++) {
        const MemoryRegion *mr = as->regions[i];
        if (mr->host) {
            uint64_t pages = (mr->size + PAGE_SIZE_4K - 1) >> SOFTMMU_PAGE_BITS;
            code_maps[nb_code_maps].mr = mr;
            code_maps[nb_code_maps].bits = calloc((pages + 63) / 64, sizeof(uint64_t));
            if (!code_maps[nb_code_maps].bits) {
                return emu_error_set(err, "out of memory for the code-page bitmap of %s", mr->name);
            }
            nb_code_maps++;
        }
    }
    memory_dma_write_hook = dma_written;
    cfg.softmmu = true;
    cfg.tlb_offset = t->env_tlb_offset + (uint32_t)offsetof(SoftmmuCPUTLB, table);
    cfg.ld_slow = softmmu_ld;
    cfg.st_slow = softmmu_st;
    cfg.atomic_slow = softmmu_atomic;
    exec_set_system_hooks(&system_hooks);
    return exec_init(t, opts, &cfg, err);
}

void softmmu_cpu_init(ExecCPU *cpu, void *env, unsigned cpu_index)
{
    SoftmmuCPUTLB *tlb = tlb_of(env);

    exec_cpu_init(cpu, env);
    memset(tlb, 0, sizeof(*tlb));
    tlb->cpu = cpu;
    tlb->cpu_index = cpu_index;
    tlb_flush_all(cpu);
    pthread_mutex_lock(&softmmu_lock);
    assert(nb_cpu_tlbs < SOFTMMU_MAX_CPUS);
    cpu_tlbs[nb_cpu_tlbs++] = tlb;
    pthread_mutex_unlock(&softmmu_lock);
}
