/*
 * A stage 1 (and stage 2) translation table builder for the bare-metal
 * tests, parametrised by granule (4K, 16K, 64K) and input size: the
 * levels, index widths and root table size all follow from those two
 * (Arm ARM D8.2 "Translation process").  Tables come from a pool in .bss.
 */
#ifndef BAREMETAL_PT_H
#define BAREMETAL_PT_H

#include <stdint.h>

/* Descriptor bits (D8.3). */
#define PTE_VALID   (1ull << 0)
#define PTE_TABLE   (1ull << 1)     /* table at levels 0-2, page at level 3 */
#define PTE_ATTR(i) ((uint64_t)(i) << 2)
#define PTE_AP_RW_EL1 (0ull << 6)
#define PTE_AP_RW_ALL (1ull << 6)
#define PTE_AP_RO_EL1 (2ull << 6)
#define PTE_AP_RO_ALL (3ull << 6)
#define PTE_SH_INNER (3ull << 8)
#define PTE_AF      (1ull << 10)
#define PTE_NG      (1ull << 11)
#define PTE_DBM     (1ull << 51)
#define PTE_PXN     (1ull << 53)
#define PTE_UXN     (1ull << 54)
/* Stage 2: S2AP read (bit 6) / write (bit 7), MemAttr Normal WB (0xf << 2). */
#define S2_AP_R     (1ull << 6)
#define S2_AP_W     (1ull << 7)
#define S2_MEM_WB   (0xfull << 2)

/* Normal memory, inner shareable, accessed: what most mappings want. */
#define PTE_NORMAL  (PTE_ATTR(0) | PTE_SH_INNER | PTE_AF)
#define PTE_DEVICE  (PTE_ATTR(1) | PTE_AF | PTE_UXN | PTE_PXN)

struct pt {
    unsigned gbits;         /* 12, 14, 16 */
    unsigned ia;            /* input address bits */
    int start;              /* initial lookup level */
    uint64_t *root;
};

void pt_pool_reset(void);
/* A tree with an empty root; stage2 with concat: never used (SL0 computed from start). */
void pt_init(struct pt *pt, unsigned gbits, unsigned ia);
static inline unsigned pt_shift(const struct pt *pt, int level)
{
    return pt->gbits + (pt->gbits - 3) * (unsigned)(3 - level);
}
/* Map a block (level < 3) or page (level 3): returns the leaf descriptor. */
volatile uint64_t *pt_map(struct pt *pt, uint64_t va, uint64_t pa, int level, uint64_t attrs);
/* Map [va, va + size) to pa with pages of the granule. */
void pt_map_pages(struct pt *pt, uint64_t va, uint64_t pa, uint64_t size, uint64_t attrs);
/* The leaf descriptor of va at level (the tables above must exist). */
volatile uint64_t *pt_leaf(struct pt *pt, uint64_t va, int level);

#endif
