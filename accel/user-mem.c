/* User-mode guest memory: see user-mem.h. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "accel/user-mem.h"
#include "util/log.h"

uintptr_t guest_base;
uint64_t guest_limit;
void (*page_invalidate_hook)(uint64_t page_addr);

/*
 * Page flags in a two-level table: the guest space has at most 2^34 pages
 * (a 2^46-byte space); each leaf covers 2^L2_BITS pages and is allocated
 * on first use.  Leaves are never freed, so readers need no lock.
 */
#define L2_BITS 16
#define L2_SIZE (1u << L2_BITS)
#define MAX_SPACE_BITS 46
#define L1_SIZE (1u << (MAX_SPACE_BITS - GUEST_PAGE_BITS - L2_BITS))

static uint8_t *page_table[L1_SIZE];
static pthread_mutex_t mmap_lock = PTHREAD_MUTEX_INITIALIZER;
static uint64_t mmap_top;

bool guest_space_init(uint64_t max_size, EmuError *err)
{
    uint64_t size = max_size;

    if (size > (1ull << MAX_SPACE_BITS)) {
        size = 1ull << MAX_SPACE_BITS;
    }
    /* Ask for the most the host will give: a PROT_NONE reservation costs no memory. */
    for (; size >= (1ull << 32); size >>= 1) {
        void *p = mmap(NULL, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (p != MAP_FAILED) {
            guest_base = (uintptr_t)p;
            guest_limit = size;
            mmap_top = size;
            return true;
        }
    }
    return emu_error_set(err, "cannot reserve host address space for the guest: %s", strerror(errno));
}

static uint8_t *leaf_for(uint64_t page, bool alloc)
{
    uint64_t l1 = page >> L2_BITS;
    uint8_t *leaf;

    if (l1 >= L1_SIZE) {
        return NULL;
    }
    leaf = __atomic_load_n(&page_table[l1], __ATOMIC_ACQUIRE);
    if (!leaf && alloc) {
        uint8_t *fresh = calloc(L2_SIZE, 1);
        if (!fresh) {
            abort();   /* 64 KiB for page flags: running out here is hopeless */
        }
        if (__atomic_compare_exchange_n(&page_table[l1], &leaf, fresh, false, __ATOMIC_ACQ_REL,
                                        __ATOMIC_ACQUIRE)) {
            leaf = fresh;
        } else {
            free(fresh);
        }
    }
    return leaf;
}

unsigned page_get_flags(uint64_t addr)
{
    uint64_t page = addr >> GUEST_PAGE_BITS;
    uint8_t *leaf;

    if (addr >= guest_limit) {
        return 0;
    }
    leaf = leaf_for(page, false);
    return leaf ? __atomic_load_n(&leaf[page & (L2_SIZE - 1)], __ATOMIC_RELAXED) : 0;
}

void page_set_flags(uint64_t start, uint64_t len, unsigned flags)
{
    for (uint64_t a = start & GUEST_PAGE_MASK; a < start + len; a += GUEST_PAGE_SIZE) {
        uint64_t page = a >> GUEST_PAGE_BITS;
        uint8_t *leaf = leaf_for(page, flags != 0);
        if (leaf) {
            uint8_t old = leaf[page & (L2_SIZE - 1)];
            uint8_t keep = (flags & PAGE_VALID) ? (old & PAGE_CODE) : 0;
            __atomic_store_n(&leaf[page & (L2_SIZE - 1)], (uint8_t)(flags | keep), __ATOMIC_RELAXED);
        }
    }
}

uint64_t page_next_valid(uint64_t addr)
{
    uint64_t page = addr >> GUEST_PAGE_BITS, end = guest_limit >> GUEST_PAGE_BITS;

    while (page < end) {
        uint8_t *leaf = leaf_for(page, false);
        if (!leaf) {
            /* A whole leaf never touched: skip it at once (/proc/self/maps walks the space). */
            page = (page | (L2_SIZE - 1)) + 1;
            continue;
        }
        if (__atomic_load_n(&leaf[page & (L2_SIZE - 1)], __ATOMIC_RELAXED) & PAGE_VALID) {
            return page << GUEST_PAGE_BITS;
        }
        page++;
    }
    return guest_limit;
}

bool page_check_range(uint64_t start, uint64_t len, unsigned flags)
{
    if (!guest_range_ok(start, len)) {
        return false;
    }
    for (uint64_t a = start & GUEST_PAGE_MASK; a < start + len; a += GUEST_PAGE_SIZE) {
        if ((page_get_flags(a) & flags) != flags) {
            return false;
        }
    }
    return true;
}

static bool range_is_free(uint64_t start, uint64_t len)
{
    for (uint64_t a = start; a < start + len; a += GUEST_PAGE_SIZE) {
        if (page_get_flags(a) & PAGE_VALID) {
            return false;
        }
    }
    return true;
}

void guest_set_mmap_top(uint64_t top)
{
    mmap_top = top & GUEST_PAGE_MASK;
}

uint64_t guest_find_free(uint64_t len, uint64_t hint_top)
{
    uint64_t top = (hint_top ? hint_top : mmap_top) & GUEST_PAGE_MASK;

    len = (len + GUEST_PAGE_SIZE - 1) & GUEST_PAGE_MASK;
    /* Top-down first fit, stepping over mapped pages. */
    while (top >= len + GUEST_PAGE_SIZE * 16) {
        uint64_t start = top - len;
        uint64_t a;
        bool ok = true;
        for (a = top; a > start; a -= GUEST_PAGE_SIZE) {
            if (page_get_flags(a - GUEST_PAGE_SIZE) & PAGE_VALID) {
                ok = false;
                break;
            }
        }
        if (ok) {
            return start;
        }
        top = a - GUEST_PAGE_SIZE;   /* just below the mapped page we hit */
    }
    return 0;
}

static int host_prot(int prot)
{
    /* The translator reads code through the host view: executable implies readable. */
    int p = prot & (PROT_READ | PROT_WRITE);
    if (prot & PROT_EXEC) {
        p |= PROT_READ;
    }
    return p;
}

static unsigned prot_to_flags(int prot)
{
    return PAGE_VALID | ((prot & PROT_READ) ? PAGE_READ : 0) | ((prot & PROT_WRITE) ? PAGE_WRITE : 0) |
           ((prot & PROT_EXEC) ? PAGE_EXEC : 0) | ((prot & GUEST_PROT_BTI) ? PAGE_GUARDED : 0);
}

static void invalidate_range(uint64_t start, uint64_t len)
{
    for (uint64_t a = start; a < start + len; a += GUEST_PAGE_SIZE) {
        if (page_get_flags(a) & PAGE_CODE) {
            if (page_invalidate_hook) {
                page_invalidate_hook(a);
            }
        }
    }
}

int64_t guest_mmap(uint64_t addr, uint64_t len, int prot, int flags, int fd, off_t offset)
{
    uint64_t alen;
    void *p;
    int64_t ret;

    if (len == 0 || (addr & ~GUEST_PAGE_MASK) || (offset & (off_t)~GUEST_PAGE_MASK)) {
        return -EINVAL;
    }
    alen = (len + GUEST_PAGE_SIZE - 1) & GUEST_PAGE_MASK;
    if (alen < len) {
        return -ENOMEM;
    }
    pthread_mutex_lock(&mmap_lock);
    if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
        if (!guest_range_ok(addr, alen)) {
            ret = -ENOMEM;
            goto out;
        }
        if ((flags & MAP_FIXED_NOREPLACE) && !range_is_free(addr, alen)) {
            ret = -EEXIST;
            goto out;
        }
    } else {
        /* A hint is honoured when the range is free, as Linux does. */
        if (!(addr && guest_range_ok(addr, alen) && range_is_free(addr, alen))) {
            addr = guest_find_free(alen, 0);
            if (!addr) {
                ret = -ENOMEM;
                goto out;
            }
        }
    }
    invalidate_range(addr, alen);
    flags &= ~MAP_FIXED_NOREPLACE;
    p = mmap(g2h(addr), alen, host_prot(prot), flags | MAP_FIXED, fd, offset);
    if (p == MAP_FAILED) {
        ret = -errno;
        goto out;
    }
    page_set_flags(addr, alen, 0);
    page_set_flags(addr, alen, prot_to_flags(prot));
    emu_log_mask(LOG_PAGE, "mmap 0x%llx-0x%llx prot %d flags 0x%x\n", (unsigned long long)addr,
                 (unsigned long long)(addr + alen), prot, flags);
    ret = (int64_t)addr;
out:
    pthread_mutex_unlock(&mmap_lock);
    return ret;
}

int guest_munmap(uint64_t addr, uint64_t len)
{
    uint64_t alen = (len + GUEST_PAGE_SIZE - 1) & GUEST_PAGE_MASK;
    void *p;

    if ((addr & ~GUEST_PAGE_MASK) || len == 0 || !guest_range_ok(addr, alen)) {
        return -EINVAL;
    }
    pthread_mutex_lock(&mmap_lock);
    invalidate_range(addr, alen);
    /* Keep the reservation: map inaccessible anonymous memory over the range. */
    p = mmap(g2h(addr), alen, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED,
             -1, 0);
    if (p != MAP_FAILED) {
        page_set_flags(addr, alen, 0);
    }
    pthread_mutex_unlock(&mmap_lock);
    emu_log_mask(LOG_PAGE, "munmap 0x%llx-0x%llx\n", (unsigned long long)addr,
                 (unsigned long long)(addr + alen));
    return p == MAP_FAILED ? -errno : 0;
}

int guest_mprotect(uint64_t addr, uint64_t len, int prot)
{
    uint64_t alen = (len + GUEST_PAGE_SIZE - 1) & GUEST_PAGE_MASK;
    int ret = 0;

    if (addr & ~GUEST_PAGE_MASK) {
        return -EINVAL;
    }
    if (len == 0) {
        return 0;
    }
    if (!guest_range_ok(addr, alen)) {
        return -ENOMEM;
    }
    pthread_mutex_lock(&mmap_lock);
    if (!page_check_range(addr, alen, PAGE_VALID)) {
        ret = -ENOMEM;
        goto out;
    }
    /* Translations of these pages may change meaning (e.g. lose PAGE_EXEC). */
    invalidate_range(addr, alen);
    if (mprotect(g2h(addr), alen, host_prot(prot)) < 0) {
        ret = -errno;
        goto out;
    }
    page_set_flags(addr, alen, 0);
    page_set_flags(addr, alen, prot_to_flags(prot));
out:
    pthread_mutex_unlock(&mmap_lock);
    return ret;
}

void page_protect_code(uint64_t addr)
{
    uint64_t page = addr & GUEST_PAGE_MASK;
    uint8_t *leaf = leaf_for(page >> GUEST_PAGE_BITS, true);
    uint8_t *f = &leaf[(page >> GUEST_PAGE_BITS) & (L2_SIZE - 1)];

    if (*f & PAGE_CODE) {
        return;
    }
    __atomic_or_fetch(f, PAGE_CODE, __ATOMIC_RELAXED);
    if (*f & PAGE_WRITE) {
        mprotect(g2h(page), GUEST_PAGE_SIZE, PROT_READ);
    }
}

bool page_unprotect_code(uint64_t addr)
{
    uint64_t page = addr & GUEST_PAGE_MASK;
    unsigned flags = page_get_flags(page);
    uint8_t *leaf;

    if (!(flags & PAGE_CODE) || !(flags & PAGE_WRITE)) {
        return false;
    }
    if (page_invalidate_hook) {
        page_invalidate_hook(page);
    }
    leaf = leaf_for(page >> GUEST_PAGE_BITS, true);
    __atomic_and_fetch(&leaf[(page >> GUEST_PAGE_BITS) & (L2_SIZE - 1)], (uint8_t)~PAGE_CODE,
                       __ATOMIC_RELAXED);
    mprotect(g2h(page), GUEST_PAGE_SIZE, PROT_READ | PROT_WRITE);
    return true;
}
