/* Translation table builder: see pt.h. */
#include "pt.h"
#include "rt.h"

#define POOL_TABLES 40
static uint8_t pool[POOL_TABLES * 65536] __attribute__((aligned(65536)));
static uint64_t pool_used;

void pt_pool_reset(void)
{
    pool_used = 0;
}

/* A zeroed table of one granule (the root may be smaller but is aligned alike). */
static uint64_t *alloc_table(unsigned gbits)
{
    uint64_t size = 1ull << gbits;
    uint64_t off = (pool_used + size - 1) & ~(size - 1);
    uint64_t *t;

    if (off + size > sizeof(pool)) {
        pr("FAIL page-table pool exhausted\n");
        rt_failures++;
        rt_exit();
    }
    pool_used = off + size;
    t = (uint64_t *)(pool + off);
    for (uint64_t i = 0; i < size / 8; i++) {
        t[i] = 0;
    }
    return t;
}

void pt_init(struct pt *pt, unsigned gbits, unsigned ia)
{
    unsigned stride = gbits - 3;

    pt->gbits = gbits;
    pt->ia = ia;
    /* The levels needed to resolve ia - gbits bits, stride bits at a time. */
    pt->start = 4 - (int)((ia - gbits + stride - 1) / stride);
    pt->root = alloc_table(gbits);
}

static unsigned index_at(const struct pt *pt, uint64_t va, int level)
{
    unsigned shift = pt_shift(pt, level);
    unsigned bits = level == pt->start ? pt->ia - shift : pt->gbits - 3;

    return (unsigned)((va >> shift) & ((1ull << bits) - 1));
}

/* The output-address field of a table descriptor: bits [47:gbits]. */
static uint64_t *next_table(const struct pt *pt, uint64_t desc)
{
    return (uint64_t *)(desc & 0x0000fffffffff000ull & ~((1ull << pt->gbits) - 1));
}

static volatile uint64_t *walk_to(struct pt *pt, uint64_t va, int level, int create)
{
    uint64_t *t = pt->root;

    for (int l = pt->start; l < level; l++) {
        volatile uint64_t *e = &t[index_at(pt, va, l)];
        if (!(*e & PTE_VALID) || !(*e & PTE_TABLE)) {
            if (!create) {
                return 0;
            }
            *e = (uint64_t)alloc_table(pt->gbits) | PTE_VALID | PTE_TABLE;
        }
        t = next_table(pt, *e);
    }
    return &t[index_at(pt, va, level)];
}

volatile uint64_t *pt_map(struct pt *pt, uint64_t va, uint64_t pa, int level, uint64_t attrs)
{
    volatile uint64_t *e = walk_to(pt, va, level, 1);

    *e = pa | attrs | PTE_VALID | (level == 3 ? PTE_TABLE : 0);
    dsb(ishst);
    return e;
}

void pt_map_pages(struct pt *pt, uint64_t va, uint64_t pa, uint64_t size, uint64_t attrs)
{
    uint64_t pg = 1ull << pt->gbits;

    for (uint64_t off = 0; off < size; off += pg) {
        pt_map(pt, va + off, pa + off, 3, attrs);
    }
}

volatile uint64_t *pt_leaf(struct pt *pt, uint64_t va, int level)
{
    return walk_to(pt, va, level, 0);
}
