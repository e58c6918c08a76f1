/*
 * Unit tests for target-arm/mmu.c: translation tables built in a byte
 * array standing for physical memory, walked through a fake ArmMMUPhys.
 * Expected values (start levels, indexes, fault codes, PAR layouts) are
 * worked out by hand from the Arm ARM, not from the walker.
 */
#include "runner.h"
#include "target-arm/mmu.h"

#include <assert.h>
#include <string.h>

#define BIT(n) (1ULL << (n))

/* ------------------------------------------------------ fake physical memory */

#define MEM_SIZE  (8u << 20)        /* PA [0, 8 MiB); beyond is an external abort */
#define TABLES_AT 0x100000u

static uint8_t mem[MEM_SIZE] __attribute__((aligned(65536)));
static uint64_t next_free;
static unsigned n_cmpxchg;
static int race_on_next_cmpxchg;    /* simulate another CPU changing the descriptor */
static uint64_t race_set_bits;

static uint64_t rd(uint64_t pa)
{
    uint64_t v;
    assert(pa + 8 <= MEM_SIZE);
    memcpy(&v, mem + pa, 8);
    return v;
}

static void wr(uint64_t pa, uint64_t v)
{
    assert(pa + 8 <= MEM_SIZE);
    memcpy(mem + pa, &v, 8);
}

static bool fake_read64(void *opaque, uint64_t pa, uint64_t *val)
{
    (void)opaque;
    if (pa >= MEM_SIZE || (pa & 7)) {
        return false;
    }
    *val = rd(pa);
    return true;
}

static bool fake_cmpxchg64(void *opaque, uint64_t pa, uint64_t old, uint64_t new_val,
                           uint64_t *actual)
{
    (void)opaque;
    if (pa >= MEM_SIZE || (pa & 7)) {
        return false;
    }
    n_cmpxchg++;
    if (race_on_next_cmpxchg) {
        race_on_next_cmpxchg = 0;
        wr(pa, rd(pa) | race_set_bits);
    }
    *actual = rd(pa);
    if (*actual == old) {
        wr(pa, new_val);
    }
    return true;
}

static const ArmMMUPhys phys = { NULL, fake_read64, fake_cmpxchg64 };

static void mem_reset(void)
{
    memset(mem, 0, sizeof(mem));
    next_free = TABLES_AT;
    n_cmpxchg = 0;
    race_on_next_cmpxchg = 0;
}

static uint64_t alloc_table(uint64_t size)
{
    if (size < 64) {
        size = 64;
    }
    uint64_t a = (next_free + size - 1) & ~(size - 1);
    next_free = a + size;
    assert(next_free <= MEM_SIZE);
    return a;
}

/* ---------------------------------------------------------- table builder */

/* Descriptor bits (Arm ARM D8.3). */
#define D_VALID   1ULL
#define D_TABLE   3ULL
#define D_PAGE    3ULL
#define D_BLOCK   1ULL
#define ATTR(i)   ((uint64_t)(i) << 2)
#define AP(x)     ((uint64_t)(x) << 6)
#define SH_IS     (3ULL << 8)
#define AF        BIT(10)
#define NG        BIT(11)
#define DBM       BIT(51)
#define PXN       BIT(53)
#define UXN       BIT(54)
#define T_PXN     BIT(59)
#define T_UXN     BIT(60)
#define T_AP0     BIT(61)
#define T_AP1     BIT(62)

/* TCR_EL1 fields. */
#define T0SZ(x)   ((uint64_t)(x))
#define T1SZ(x)   ((uint64_t)(x) << 16)
#define TG0_4K    (0ULL << 14)
#define TG0_64K   (1ULL << 14)
#define TG0_16K   (2ULL << 14)
#define TG1_16K   (1ULL << 30)
#define TG1_4K    (2ULL << 30)
#define TG1_64K   (3ULL << 30)
#define IPS(x)    ((uint64_t)(x) << 32)
#define EPD0      BIT(7)
#define EPD1      BIT(23)
#define A1        BIT(22)
#define AS16      BIT(36)
#define TBI0      BIT(37)
#define TBI1      BIT(38)
#define HA        BIT(39)
#define HD        BIT(40)
#define HPD0      BIT(41)
#define TBID0     BIT(51)

#define SCTLR_M   BIT(0)
#define SCTLR_I   BIT(12)
#define SCTLR_WXN BIT(19)
#define SCTLR_EE  BIT(25)

/* MAIR: 0 Normal WB, 1 Device-nGnRnE, 2 Normal NC, 3 Device-nGnRE. */
#define MAIR_STD  0x044400ffULL

/* The normal memory page every test starts from: Normal WB, Inner Shareable, AF. */
#define PAGE_STD  (AF | SH_IS | ATTR(0))

typedef struct Tree {
    unsigned gbits, ia;
    int start;
    uint64_t root;
} Tree;

static unsigned shift_of(const Tree *t, int level)
{
    return t->gbits + (t->gbits - 3) * (unsigned)(3 - level);
}

static Tree tree_new(unsigned gbits, unsigned ia, int start)
{
    Tree t = { gbits, ia, start, 0 };
    t.root = alloc_table(8ULL << (ia - shift_of(&t, start)));
    return t;
}

/* Address of the descriptor for va at level, creating the tables on the way. */
static uint64_t slot(const Tree *t, uint64_t va, int level)
{
    uint64_t table = t->root;
    for (int l = t->start;; l++) {
        unsigned shift = shift_of(t, l);
        unsigned bits = l == t->start ? t->ia - shift : t->gbits - 3;
        uint64_t a = table + ((va >> shift) & ((1ULL << bits) - 1)) * 8;
        if (l == level) {
            return a;
        }
        uint64_t d = rd(a);
        if (!(d & 1)) {
            d = alloc_table(1ULL << t->gbits) | D_TABLE;
            wr(a, d);
        }
        table = d & 0x0000fffffffff000ULL & ~((1ULL << t->gbits) - 1);
    }
}

static uint64_t map(const Tree *t, uint64_t va, int level, uint64_t desc)
{
    uint64_t a = slot(t, va, level);
    wr(a, desc);
    return a;
}

static void table_bits(const Tree *t, uint64_t va, int level, uint64_t bits)
{
    uint64_t a = slot(t, va, level);
    wr(a, rd(a) | bits);
}

/* ----------------------------------------------------------------- helpers */

static ArmMMUResult R;
static ArmMMUFault F;

static ArmMMUContext el1_ctx(uint64_t tcr, uint64_t ttbr0, uint64_t ttbr1)
{
    ArmMMUContext c;
    memset(&c, 0, sizeof(c));
    c.el = 1;
    c.regime_has_two_ranges = true;
    c.sctlr = SCTLR_M;
    c.tcr = tcr;
    c.ttbr0 = ttbr0;
    c.ttbr1 = ttbr1;
    c.mair = MAIR_STD;
    c.pa_bits = 48;
    c.ha = c.hd = true;
    return c;
}

static bool xl(const ArmMMUContext *c, uint64_t va, ArmAccessType a)
{
    memset(&R, 0xa5, sizeof(R));
    return arm_mmu_translate(c, &phys, va, a, &R, &F);
}

/* A fault of this type at this level, with its status code. */
static bool is_fault(ArmMMUFaultType type, int level)
{
    return F.type == type && F.level == level && !F.stage2;
}

/* ------------------------------------------------------------------- tests */

static void test_fault_status_codes(void)
{
    ArmMMUFault f = { 0 };
    static const struct { ArmMMUFaultType t; int level; uint32_t fsc; } cases[] = {
        { ARM_FAULT_ADDRESS_SIZE, 0, 0x00 }, { ARM_FAULT_ADDRESS_SIZE, 3, 0x03 },
        { ARM_FAULT_TRANSLATION, 0, 0x04 }, { ARM_FAULT_TRANSLATION, 1, 0x05 },
        { ARM_FAULT_TRANSLATION, 2, 0x06 }, { ARM_FAULT_TRANSLATION, 3, 0x07 },
        { ARM_FAULT_ACCESS_FLAG, 1, 0x09 }, { ARM_FAULT_ACCESS_FLAG, 3, 0x0b },
        { ARM_FAULT_PERMISSION, 1, 0x0d }, { ARM_FAULT_PERMISSION, 3, 0x0f },
        { ARM_FAULT_SYNC_EXTERNAL, 0, 0x10 },
        { ARM_FAULT_SYNC_EXTERNAL_ON_WALK, 0, 0x14 }, { ARM_FAULT_SYNC_EXTERNAL_ON_WALK, 2, 0x16 },
        { ARM_FAULT_ALIGNMENT, 0, 0x21 },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        f.type = cases[i].t;
        f.level = cases[i].level;
        CU_ASSERT_EQUAL(arm_mmu_fault_status(&f), cases[i].fsc);
    }
}

static void test_mmu_off(void)
{
    mem_reset();
    ArmMMUContext c = el1_ctx(T0SZ(16) | IPS(5), 0, 0);
    c.sctlr = 0;
    c.pa_bits = 40;
    CU_ASSERT_TRUE(xl(&c, 0x12345678, ARM_ACCESS_WRITE));
    CU_ASSERT_EQUAL(R.pa, 0x12345678);
    CU_ASSERT_EQUAL(R.attrs, 0x00);             /* data: Device-nGnRnE */
    CU_ASSERT_TRUE(R.readable && R.writable && R.executable);
    CU_ASSERT_TRUE(R.global);
    CU_ASSERT_EQUAL(arm_mmu_par(&R, &F, true), 0x12345000ULL | 2 << 7 | BIT(11));
    CU_ASSERT_TRUE(xl(&c, 0xfffffff000ULL, ARM_ACCESS_EXEC));
    CU_ASSERT_EQUAL(R.attrs, 0x44);             /* fetch, SCTLR.I = 0: Normal NC */
    c.sctlr = SCTLR_I;
    CU_ASSERT_TRUE(xl(&c, 0x1000, ARM_ACCESS_EXEC));
    CU_ASSERT_EQUAL(R.attrs, 0xaa);             /* SCTLR.I = 1: Normal WT */
    /* Beyond the 40-bit PA: address size fault, level 0. */
    CU_ASSERT_FALSE(xl(&c, 1ULL << 40, ARM_ACCESS_READ));
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_ADDRESS_SIZE, 0));
    CU_ASSERT_EQUAL(arm_mmu_fault_status(&F), 0x00);
    CU_ASSERT_FALSE(xl(&c, 0xff00000000001000ULL, ARM_ACCESS_READ));
    /* TBI applies with the MMU off (AddrTop). */
    c.tcr |= TBI0;
    CU_ASSERT_TRUE(xl(&c, 0x5a00000000001000ULL, ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(R.pa, 0x1000);
    /* HCR_EL2.DC: Normal WB. */
    c.hcr_dc = true;
    CU_ASSERT_TRUE(xl(&c, 0x2000, ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(R.attrs, 0xff);
}

/* 4K granule, T0SZ = 16: four levels from level 0, tables built by hand. */
static void test_4k_handbuilt(void)
{
    mem_reset();
    uint64_t va = 0x0000008040203456ULL;    /* indexes L0 1, L1 1, L2 1, L3 3 */
    wr(0x100000 + 1 * 8, 0x101000 | D_TABLE);
    wr(0x101000 + 1 * 8, 0x102000 | D_TABLE);
    wr(0x102000 + 1 * 8, 0x103000 | D_TABLE);
    wr(0x103000 + 3 * 8, 0x0000abcd0000f000ULL | PAGE_STD | D_PAGE);
    ArmMMUContext c = el1_ctx(T0SZ(16) | TG0_4K | T1SZ(16) | TG1_4K | IPS(5), 0x100000, 0);
    CU_ASSERT_TRUE(xl(&c, va, ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(R.pa, 0x0000abcd0000f456ULL);
    CU_ASSERT_EQUAL(R.page_bits, 12);
    CU_ASSERT_EQUAL(R.attrs, 0xff);
    CU_ASSERT_EQUAL(R.sh, 3);
    CU_ASSERT_TRUE(R.readable && R.writable && R.executable);
    /* A 2 MiB block at level 2 (index 2 of the level 2 table). */
    wr(0x102000 + 2 * 8, 0x0000000080000000ULL | PAGE_STD | D_BLOCK);
    CU_ASSERT_TRUE(xl(&c, 0x0000008040523456ULL, ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(R.pa, 0x80123456ULL);
    CU_ASSERT_EQUAL(R.page_bits, 21);
    /* A 1 GiB block at level 1 (index 2). */
    wr(0x101000 + 2 * 8, 0x0000004000000000ULL | PAGE_STD | D_BLOCK);
    CU_ASSERT_TRUE(xl(&c, 0x000000808abcdef0ULL, ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(R.pa, 0x0000004000000000ULL | 0x0abcdef0);
    CU_ASSERT_EQUAL(R.page_bits, 30);
    /* A block at level 0 is reserved with 4K (no 52-bit): translation fault L0. */
    wr(0x100000 + 2 * 8, PAGE_STD | D_BLOCK);
    CU_ASSERT_FALSE(xl(&c, 0x0000010000000000ULL, ARM_ACCESS_READ));
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_TRANSLATION, 0));
    /* 0b01 at level 3 is reserved. */
    wr(0x103000 + 4 * 8, 0x5000 | PAGE_STD | D_BLOCK);
    CU_ASSERT_FALSE(xl(&c, 0x0000008040204000ULL, ARM_ACCESS_READ));
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_TRANSLATION, 3));
    CU_ASSERT_EQUAL(arm_mmu_fault_status(&F), 0x07);
    /* Invalid descriptors at each level. */
    CU_ASSERT_FALSE(xl(&c, 0x0000018000000000ULL, ARM_ACCESS_READ));   /* L0 idx 3 */
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_TRANSLATION, 0));
    CU_ASSERT_FALSE(xl(&c, 0x00000080c0000000ULL, ARM_ACCESS_READ));   /* L1 idx 3 */
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_TRANSLATION, 1));
    CU_ASSERT_EQUAL(arm_mmu_fault_status(&F), 0x05);
    CU_ASSERT_FALSE(xl(&c, 0x0000008040600000ULL, ARM_ACCESS_READ));   /* L2 idx 3 */
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_TRANSLATION, 2));
    CU_ASSERT_FALSE(xl(&c, 0x0000008040205000ULL, ARM_ACCESS_WRITE));  /* L3 idx 5 */
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_TRANSLATION, 3));
    CU_ASSERT_TRUE(F.write);
    CU_ASSERT_EQUAL(arm_mmu_par(&R, &F, false), 1 | 0x07 << 1 | BIT(11));
}

/* 64K granule, T0SZ = 22 (42-bit): two levels from level 2, by hand. */
static void test_64k_handbuilt(void)
{
    mem_reset();
    /* va[41:29] = 5 (level 2), va[28:16] = 0x123 (level 3), offset 0xbeef. */
    uint64_t va = (5ULL << 29) | (0x123ULL << 16) | 0xbeef;
    wr(0x100000 + 5 * 8, 0x110000 | D_TABLE);
    wr(0x110000 + 0x123 * 8, 0x0000123456780000ULL | PAGE_STD | D_PAGE);
    ArmMMUContext c = el1_ctx(T0SZ(22) | TG0_64K | T1SZ(16) | TG1_4K | IPS(5), 0x100000, 0);
    CU_ASSERT_TRUE(xl(&c, va, ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(R.pa, 0x000012345678beefULL);
    CU_ASSERT_EQUAL(R.page_bits, 16);
    /* 512 MiB block at level 2 (index 6). */
    wr(0x100000 + 6 * 8, 0x0000000060000000ULL | PAGE_STD | D_BLOCK);
    CU_ASSERT_TRUE(xl(&c, (6ULL << 29) | 0x1234567, ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(R.pa, 0x61234567ULL);
    CU_ASSERT_EQUAL(R.page_bits, 29);
    /* 42-bit input: bit 42 set is out of range for TTBR0. */
    CU_ASSERT_FALSE(xl(&c, 1ULL << 42, ARM_ACCESS_READ));
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_TRANSLATION, 0));
}

/* 16K granule through TTBR1, T1SZ = 17 (47-bit): three levels from 1, by hand. */
static void test_16k_ttbr1_handbuilt(void)
{
    mem_reset();
    /* va[46:36] = 0x7ff (level 1), va[35:25] = 2, va[24:14] = 7, offset 0x1abc. */
    uint64_t va = 0xffff800000000000ULL | (0x7ffULL << 36) | (2ULL << 25) | (7ULL << 14) | 0x1abc;
    wr(0x100000 + 0x7ff * 8, 0x104000 | D_TABLE);
    wr(0x104000 + 2 * 8, 0x108000 | D_TABLE);
    wr(0x108000 + 7 * 8, 0x40004000ULL | PAGE_STD | D_PAGE);
    ArmMMUContext c = el1_ctx(T0SZ(16) | T1SZ(17) | TG1_16K | IPS(5), 0, 0x100000);
    CU_ASSERT_TRUE(xl(&c, va, ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(R.pa, 0x40005abcULL);
    CU_ASSERT_EQUAL(R.page_bits, 14);
    /* 32 MiB block at level 2. */
    wr(0x104000 + 3 * 8, 0x42000000ULL | PAGE_STD | D_BLOCK);
    CU_ASSERT_TRUE(xl(&c, 0xffff800000000000ULL | (0x7ffULL << 36) | (3ULL << 25) | 0x123456,
                      ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(R.pa, 0x42123456ULL);
    CU_ASSERT_EQUAL(R.page_bits, 25);
    /* A block at level 1 is reserved for 16K. */
    wr(0x100000 + 0x7fe * 8, PAGE_STD | D_BLOCK);
    CU_ASSERT_FALSE(xl(&c, 0xffff800000000000ULL | (0x7feULL << 36), ARM_ACCESS_READ));
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_TRANSLATION, 1));
    /* TG1 uses its own encoding: the same value in TG0's place means 64K. */
    c.tcr = T0SZ(16) | T1SZ(17) | (1ULL << 30) | IPS(5);
    CU_ASSERT_TRUE(xl(&c, va, ARM_ACCESS_READ));
    c.tcr = T0SZ(16) | T1SZ(17) | TG1_64K | IPS(5);
    CU_ASSERT_FALSE(xl(&c, va, ARM_ACCESS_READ));   /* 64K walk finds nothing there */
    /* Bit 47 clear with T1SZ = 17: out of the TTBR1 range. */
    c.tcr = T0SZ(16) | T1SZ(17) | TG1_16K | IPS(5);
    CU_ASSERT_FALSE(xl(&c, 0xffff700000000000ULL, ARM_ACCESS_READ));
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_TRANSLATION, 0));
}

/*
 * Start levels worked out from the Arm ARM tables for each granule and a
 * few input sizes, checked by mapping a page and looking at which level a
 * missing page faults at and at the size of the root table the walk used.
 */
static void test_start_levels(void)
{
    static const struct { unsigned gbits; unsigned txsz; int start; } cases[] = {
        { 12, 16, 0 }, { 12, 25, 1 }, { 12, 33, 1 }, { 12, 34, 2 }, { 12, 39, 2 },
        { 14, 16, 0 }, { 14, 17, 1 }, { 14, 28, 2 }, { 14, 39, 3 },
        { 16, 16, 1 }, { 16, 21, 1 }, { 16, 22, 2 }, { 16, 34, 2 }, { 16, 35, 3 }, { 16, 39, 3 },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        for (int hi = 0; hi < 2; hi++) {
            mem_reset();
            unsigned ia = 64 - cases[i].txsz;
            Tree t = tree_new(cases[i].gbits, ia, cases[i].start);
            uint64_t tg0 = cases[i].gbits == 12 ? TG0_4K : cases[i].gbits == 14 ? TG0_16K : TG0_64K;
            uint64_t tg1 = cases[i].gbits == 12 ? TG1_4K : cases[i].gbits == 14 ? TG1_16K : TG1_64K;
            uint64_t tcr = T0SZ(cases[i].txsz) | tg0 | T1SZ(cases[i].txsz) | tg1 | IPS(5);
            ArmMMUContext c = el1_ctx(tcr, hi ? 0 : t.root, hi ? t.root : 0);
            /* Highest page of the range. */
            uint64_t top = (1ULL << ia) - (1ULL << cases[i].gbits);
            uint64_t va = hi ? (~0ULL << ia) | top : top;
            map(&t, va, 3, 0x7000000ULL << 12 | PAGE_STD | D_PAGE);
            bool ok = xl(&c, va | 0x10, ARM_ACCESS_READ);
            CU_ASSERT_TRUE(ok);
            CU_ASSERT_EQUAL(R.pa, (0x7000000ULL << 12) | 0x10);
            /* Address 0 of the range: the root entry 0 is empty, faulting at the start level. */
            uint64_t va0 = hi ? ~0ULL << ia : 0;
            CU_ASSERT_FALSE(xl(&c, va0, ARM_ACCESS_READ));
            CU_ASSERT_EQUAL(F.level, cases[i].start);
        }
    }
}

static void test_ttbr1_kernel_and_asid(void)
{
    mem_reset();
    Tree t0 = tree_new(12, 48, 0), t1 = tree_new(12, 48, 0);
    ArmMMUContext c = el1_ctx(T0SZ(16) | T1SZ(16) | TG1_4K | IPS(5),
                              0x1234000000000000ULL | t0.root, 0x00ab000000000000ULL | t1.root);
    map(&t1, 0xffff000010080000ULL, 2, 0x40000000ULL | PAGE_STD | D_BLOCK);      /* kernel */
    map(&t0, 0x0000aaaabbbb0000ULL, 3, 0x50000000ULL | PAGE_STD | NG | AP(1) | D_PAGE);
    CU_ASSERT_TRUE(xl(&c, 0xffff000010081234ULL, ARM_ACCESS_EXEC));
    CU_ASSERT_EQUAL(R.pa, 0x40081234ULL);
    CU_ASSERT_TRUE(R.global);
    CU_ASSERT_TRUE(xl(&c, 0x0000aaaabbbb0008ULL, ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(R.pa, 0x50000008ULL);
    CU_ASSERT_FALSE(R.global);
    CU_ASSERT_EQUAL(R.asid, 0x34);              /* TCR.AS = 0: 8 bits from TTBR0 */
    c.tcr |= AS16;
    CU_ASSERT_TRUE(xl(&c, 0x0000aaaabbbb0008ULL, ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(R.asid, 0x1234);
    c.tcr |= A1;                                /* the ASID comes from TTBR1 */
    CU_ASSERT_TRUE(xl(&c, 0x0000aaaabbbb0008ULL, ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(R.asid, 0x00ab);
    /* The same low bits through the other TTBR are a different mapping. */
    CU_ASSERT_FALSE(xl(&c, 0xffffaaaabbbb0008ULL, ARM_ACCESS_READ));
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_TRANSLATION, 0));
    /* Non-canonical: neither all zeros nor all ones above bit 47. */
    CU_ASSERT_FALSE(xl(&c, 0xfffe000010080000ULL, ARM_ACCESS_READ));
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_TRANSLATION, 0));
    CU_ASSERT_FALSE(xl(&c, 0x0001000010080000ULL, ARM_ACCESS_READ));
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_TRANSLATION, 0));
    /* EPD1 / EPD0: walks disabled, translation fault at level 0. */
    c.tcr |= EPD1;
    CU_ASSERT_FALSE(xl(&c, 0xffff000010081234ULL, ARM_ACCESS_READ));
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_TRANSLATION, 0));
    CU_ASSERT_TRUE(xl(&c, 0x0000aaaabbbb0008ULL, ARM_ACCESS_READ));
    c.tcr = (c.tcr & ~EPD1) | EPD0;
    CU_ASSERT_TRUE(xl(&c, 0xffff000010081234ULL, ARM_ACCESS_READ));
    CU_ASSERT_FALSE(xl(&c, 0x0000aaaabbbb0008ULL, ARM_ACCESS_READ));
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_TRANSLATION, 0));
    CU_ASSERT_EQUAL(arm_mmu_fault_status(&F), 0x04);
}

static void test_tbi(void)
{
    mem_reset();
    Tree t0 = tree_new(12, 39, 1), t1 = tree_new(12, 39, 1);
    ArmMMUContext c = el1_ctx(T0SZ(25) | T1SZ(25) | TG1_4K | IPS(5), t0.root, t1.root);
    map(&t0, 0x12345000, 3, 0x9000 | PAGE_STD | D_PAGE);
    map(&t1, 0xffffffc000001000ULL, 3, 0xa000 | PAGE_STD | D_PAGE);
    uint64_t tagged0 = 0x5a00000012345678ULL;
    CU_ASSERT_FALSE(xl(&c, tagged0, ARM_ACCESS_READ));          /* no TBI0 */
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_TRANSLATION, 0));
    c.tcr |= TBI0;
    CU_ASSERT_TRUE(xl(&c, tagged0, ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(R.pa, 0x9678);
    CU_ASSERT_TRUE(xl(&c, tagged0, ARM_ACCESS_EXEC));           /* TBID0 = 0: fetches too */
    c.tcr |= TBID0;
    CU_ASSERT_TRUE(xl(&c, tagged0, ARM_ACCESS_WRITE));
    CU_ASSERT_FALSE(xl(&c, tagged0, ARM_ACCESS_EXEC));          /* TBID0: data only */
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_TRANSLATION, 0));
    /* Bit 55 selects TTBR1 even with a tag of 0x00 in the top byte. */
    uint64_t tagged1 = 0x00ffffc000001010ULL;
    CU_ASSERT_FALSE(xl(&c, tagged1, ARM_ACCESS_READ));          /* no TBI1 */
    c.tcr |= TBI1;
    CU_ASSERT_TRUE(xl(&c, tagged1, ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(R.pa, 0xa010);
    /* TBI does not hide bits between the input size and bit 55. */
    CU_ASSERT_FALSE(xl(&c, 0x5a00008012345678ULL, ARM_ACCESS_READ));
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_TRANSLATION, 0));
}

static void test_address_size(void)
{
    mem_reset();
    Tree t = tree_new(12, 48, 0);
    ArmMMUContext c = el1_ctx(T0SZ(16) | IPS(0) /* 32-bit */, t.root, 0);
    map(&t, 0x1000, 3, 0x0000000100000000ULL | PAGE_STD | D_PAGE);
    map(&t, 0x2000, 3, 0x00000000fffff000ULL | PAGE_STD | D_PAGE);
    CU_ASSERT_FALSE(xl(&c, 0x1000, ARM_ACCESS_READ));
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_ADDRESS_SIZE, 3));
    CU_ASSERT_EQUAL(arm_mmu_fault_status(&F), 0x03);
    CU_ASSERT_TRUE(xl(&c, 0x2000, ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(R.pa, 0xfffff000ULL);
    /* IPS 48 but a 40-bit CPU: the smaller wins. */
    c.tcr = T0SZ(16) | IPS(5);
    c.pa_bits = 40;
    map(&t, 0x3000, 3, 0x0000010000000000ULL | PAGE_STD | D_PAGE);
    CU_ASSERT_FALSE(xl(&c, 0x3000, ARM_ACCESS_READ));
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_ADDRESS_SIZE, 3));
    CU_ASSERT_TRUE(xl(&c, 0x1000, ARM_ACCESS_READ));
    /* A table address beyond the output size: fault at that table's level. */
    uint64_t a = slot(&t, 0x0000008000000000ULL, 0);
    wr(a, 0x0000100000000000ULL | D_TABLE);
    CU_ASSERT_FALSE(xl(&c, 0x0000008000000000ULL, ARM_ACCESS_READ));
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_ADDRESS_SIZE, 0));
    /* A TTBR beyond the output size: level 0. */
    c.ttbr0 = t.root | 0x0000010000000000ULL;
    CU_ASSERT_FALSE(xl(&c, 0x1000, ARM_ACCESS_READ));
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_ADDRESS_SIZE, 0));
    /* A walk into memory that is not there: external abort on the walk. */
    c.ttbr0 = 0x0000000080000000ULL;
    CU_ASSERT_FALSE(xl(&c, 0x1000, ARM_ACCESS_READ));
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_SYNC_EXTERNAL_ON_WALK, 0));
    CU_ASSERT_EQUAL(arm_mmu_fault_status(&F), 0x14);
    c.ttbr0 = t.root;
    wr(slot(&t, 0x0000000040000000ULL, 1), 0x00000000f0000000ULL | D_TABLE);
    CU_ASSERT_FALSE(xl(&c, 0x0000000040000000ULL, ARM_ACCESS_READ));
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_SYNC_EXTERNAL_ON_WALK, 2));
    CU_ASSERT_EQUAL(arm_mmu_fault_status(&F), 0x16);
}

/*
 * D8.4.1 stage 1 data and instruction permissions in the EL1&0 regime, for
 * every AP[2:1] value, both privileges and all access types.
 * Expected: EL1 R always; W if AP[2] = 0; X unless EL0 can write (AP = 01).
 *           EL0 R if AP[1]; W if AP = 01; X always (UXN = 0).
 */
static void test_ap_matrix(void)
{
    static const char expect[4][2][4] = {
        /*       EL1     EL0 */
        /* 00 */ { "RWX", "--X" },
        /* 01 */ { "RW-", "RWX" },
        /* 10 */ { "R-X", "--X" },
        /* 11 */ { "R-X", "R-X" },
    };
    mem_reset();
    Tree t = tree_new(12, 48, 0);
    ArmMMUContext c = el1_ctx(T0SZ(16) | IPS(5), t.root, 0);
    for (unsigned ap = 0; ap < 4; ap++) {
        uint64_t va = 0x400000 + ap * 0x1000;
        map(&t, va, 3, (0x800000 + ap * 0x1000) | PAGE_STD | AP(ap) | D_PAGE);
        for (int el0 = 0; el0 < 2; el0++) {
            c.unprivileged = el0;
            for (int a = 0; a < 3; a++) {
                bool want = expect[ap][el0][a] != '-';
                bool got = xl(&c, va, (ArmAccessType)a);
                CU_ASSERT_EQUAL(got, want);
                if (!got) {
                    CU_ASSERT_TRUE(is_fault(ARM_FAULT_PERMISSION, 3));
                } else {
                    CU_ASSERT_EQUAL(R.readable, expect[ap][el0][0] == 'R');
                    CU_ASSERT_EQUAL(R.writable, expect[ap][el0][1] == 'W');
                    CU_ASSERT_EQUAL(R.executable, expect[ap][el0][2] == 'X');
                }
            }
        }
    }
    c.unprivileged = false;
    CU_ASSERT_FALSE(xl(&c, 0x402000, ARM_ACCESS_WRITE));
    CU_ASSERT_EQUAL(arm_mmu_fault_status(&F), 0x0f);
    CU_ASSERT_EQUAL(arm_mmu_par(&R, &F, false), 1 | 0x0f << 1 | BIT(11));
}

static void test_xn_wxn_pan(void)
{
    mem_reset();
    Tree t = tree_new(12, 48, 0);
    ArmMMUContext c = el1_ctx(T0SZ(16) | IPS(5), t.root, 0);
    map(&t, 0x1000, 3, 0x11000 | PAGE_STD | AP(0) | UXN | D_PAGE);
    map(&t, 0x2000, 3, 0x12000 | PAGE_STD | AP(3) | PXN | D_PAGE);
    map(&t, 0x3000, 3, 0x13000 | PAGE_STD | AP(0) | D_PAGE);     /* RW EL1 */
    map(&t, 0x4000, 3, 0x14000 | PAGE_STD | AP(2) | D_PAGE);     /* RO EL1 */
    map(&t, 0x5000, 3, 0x15000 | PAGE_STD | AP(1) | D_PAGE);     /* RW both */
    map(&t, 0x6000, 3, 0x16000 | PAGE_STD | AP(3) | D_PAGE);     /* RO both */
    /* UXN: EL1 may execute, EL0 may not; PXN the other way round. */
    CU_ASSERT_TRUE(xl(&c, 0x1000, ARM_ACCESS_EXEC));
    CU_ASSERT_FALSE(xl(&c, 0x2000, ARM_ACCESS_EXEC));
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_PERMISSION, 3));
    c.unprivileged = true;
    CU_ASSERT_FALSE(xl(&c, 0x1000, ARM_ACCESS_EXEC));
    CU_ASSERT_TRUE(xl(&c, 0x2000, ARM_ACCESS_EXEC));
    /* WXN: writable at the accessing EL means not executable there. */
    c.sctlr |= SCTLR_WXN;
    CU_ASSERT_FALSE(xl(&c, 0x5000, ARM_ACCESS_EXEC));     /* EL0-writable */
    CU_ASSERT_TRUE(xl(&c, 0x6000, ARM_ACCESS_EXEC));
    CU_ASSERT_TRUE(xl(&c, 0x3000, ARM_ACCESS_EXEC));      /* not writable at EL0 */
    c.unprivileged = false;
    CU_ASSERT_FALSE(xl(&c, 0x3000, ARM_ACCESS_EXEC));
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_PERMISSION, 3));
    CU_ASSERT_TRUE(xl(&c, 0x3000, ARM_ACCESS_READ));
    CU_ASSERT_FALSE(R.executable);
    CU_ASSERT_TRUE(R.writable);
    CU_ASSERT_TRUE(xl(&c, 0x4000, ARM_ACCESS_EXEC));
    c.sctlr &= ~SCTLR_WXN;
    /* PAN: EL1 data accesses to EL0-accessible pages fault; fetches do not care. */
    c.pan = true;
    CU_ASSERT_FALSE(xl(&c, 0x5000, ARM_ACCESS_READ));
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_PERMISSION, 3));
    CU_ASSERT_FALSE(xl(&c, 0x6000, ARM_ACCESS_READ));
    CU_ASSERT_FALSE(xl(&c, 0x5000, ARM_ACCESS_WRITE));
    CU_ASSERT_TRUE(xl(&c, 0x6000, ARM_ACCESS_EXEC));
    CU_ASSERT_FALSE(R.readable);
    CU_ASSERT_FALSE(R.writable);
    CU_ASSERT_TRUE(xl(&c, 0x3000, ARM_ACCESS_WRITE));     /* EL1-only page */
    CU_ASSERT_TRUE(xl(&c, 0x4000, ARM_ACCESS_READ));
    c.unprivileged = true;                                /* LDTR / EL0: PAN irrelevant */
    CU_ASSERT_TRUE(xl(&c, 0x5000, ARM_ACCESS_WRITE));
    CU_ASSERT_TRUE(xl(&c, 0x6000, ARM_ACCESS_READ));
}

static void test_hierarchical(void)
{
    mem_reset();
    Tree t = tree_new(12, 48, 0);
    ArmMMUContext c = el1_ctx(T0SZ(16) | IPS(5), t.root, 0);
    /* Four level-2 regions, each a table of pages with AP = 01 (RW both). */
    for (unsigned i = 0; i < 5; i++) {
        map(&t, 0x200000ULL * (i + 1), 3, (0x300000ULL + i * 0x1000) | PAGE_STD | AP(1) | D_PAGE);
    }
    table_bits(&t, 0x200000, 2, T_AP1);    /* no write below */
    table_bits(&t, 0x400000, 2, T_AP0);    /* no EL0 below */
    table_bits(&t, 0x600000, 2, T_UXN);
    table_bits(&t, 0x800000, 2, T_PXN);
    CU_ASSERT_FALSE(xl(&c, 0x200000, ARM_ACCESS_WRITE));
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_PERMISSION, 3));
    CU_ASSERT_TRUE(xl(&c, 0x200000, ARM_ACCESS_READ));
    CU_ASSERT_FALSE(R.writable);
    /* RO everywhere: so EL0 can no longer write, and EL1 may execute. */
    CU_ASSERT_TRUE(xl(&c, 0x200000, ARM_ACCESS_EXEC));
    CU_ASSERT_TRUE(xl(&c, 0x400000, ARM_ACCESS_WRITE));
    CU_ASSERT_TRUE(xl(&c, 0x400000, ARM_ACCESS_EXEC));    /* EL0 lost write: EL1 may execute */
    CU_ASSERT_TRUE(xl(&c, 0xa00000, ARM_ACCESS_WRITE));   /* the untouched region */
    CU_ASSERT_FALSE(xl(&c, 0xa00000, ARM_ACCESS_EXEC));   /* EL0-writable: PXN implied */
    c.unprivileged = true;
    CU_ASSERT_FALSE(xl(&c, 0x200000, ARM_ACCESS_WRITE));
    CU_ASSERT_TRUE(xl(&c, 0x200000, ARM_ACCESS_READ));
    CU_ASSERT_FALSE(xl(&c, 0x400000, ARM_ACCESS_READ));
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_PERMISSION, 3));
    CU_ASSERT_FALSE(xl(&c, 0x600000, ARM_ACCESS_EXEC));
    CU_ASSERT_TRUE(xl(&c, 0x800000, ARM_ACCESS_EXEC));
    CU_ASSERT_TRUE(xl(&c, 0xa00000, ARM_ACCESS_EXEC));
    c.unprivileged = false;
    /* PXNTable on an EL1-only page (AP 00 at a fresh address). */
    map(&t, 0x801000, 3, 0x3ff000 | PAGE_STD | AP(0) | D_PAGE);
    CU_ASSERT_FALSE(xl(&c, 0x801000, ARM_ACCESS_EXEC));
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_PERMISSION, 3));
    /* TCR.HPD0 turns all of it off. */
    c.tcr |= HPD0;
    CU_ASSERT_TRUE(xl(&c, 0x200000, ARM_ACCESS_WRITE));
    CU_ASSERT_TRUE(xl(&c, 0x801000, ARM_ACCESS_EXEC));
    c.unprivileged = true;
    CU_ASSERT_TRUE(xl(&c, 0x400000, ARM_ACCESS_READ));
    CU_ASSERT_TRUE(xl(&c, 0x600000, ARM_ACCESS_EXEC));
}

static void test_access_flag(void)
{
    mem_reset();
    Tree t = tree_new(12, 48, 0);
    ArmMMUContext c = el1_ctx(T0SZ(16) | IPS(5), t.root, 0);
    uint64_t pd = (0x700000 | PAGE_STD | D_PAGE) & ~AF;
    uint64_t pa = map(&t, 0x1000, 3, pd);
    uint64_t ba = map(&t, 0x40000000, 2, (0x80000000ULL | PAGE_STD | D_BLOCK) & ~AF);
    CU_ASSERT_FALSE(xl(&c, 0x1000, ARM_ACCESS_READ));
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_ACCESS_FLAG, 3));
    CU_ASSERT_EQUAL(arm_mmu_fault_status(&F), 0x0b);
    CU_ASSERT_FALSE(xl(&c, 0x40000000, ARM_ACCESS_EXEC));
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_ACCESS_FLAG, 2));
    CU_ASSERT_EQUAL(arm_mmu_fault_status(&F), 0x0a);
    CU_ASSERT_EQUAL(rd(pa), pd);
    /* The access flag fault comes before the permission fault. */
    wr(pa, pd | AP(2));
    CU_ASSERT_FALSE(xl(&c, 0x1000, ARM_ACCESS_WRITE));
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_ACCESS_FLAG, 3));
    wr(pa, pd);
    /* TCR.HA: set AF in the descriptor instead (but the CPU must have it). */
    c.tcr |= HA;
    c.ha = false;
    CU_ASSERT_FALSE(xl(&c, 0x1000, ARM_ACCESS_READ));
    c.ha = true;
    CU_ASSERT_TRUE(xl(&c, 0x1000, ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(R.pa, 0x700000);
    CU_ASSERT_EQUAL(rd(pa), pd | AF);
    CU_ASSERT_EQUAL(n_cmpxchg, 1);
    CU_ASSERT_TRUE(xl(&c, 0x1000, ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(n_cmpxchg, 1);                        /* nothing to do the second time */
    CU_ASSERT_TRUE(xl(&c, 0x40000000, ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(rd(ba) & AF, AF);
    /* A faulting access does not set AF. */
    uint64_t qa = map(&t, 0x2000, 3, pd | AP(2));
    CU_ASSERT_FALSE(xl(&c, 0x2000, ARM_ACCESS_WRITE));
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_PERMISSION, 3));
    CU_ASSERT_EQUAL(rd(qa), pd | AP(2));
    /* Another CPU changes the descriptor under the update: the walk retries. */
    uint64_t ra = map(&t, 0x3000, 3, pd);
    race_on_next_cmpxchg = 1;
    race_set_bits = BIT(55);                              /* a software bit */
    n_cmpxchg = 0;
    CU_ASSERT_TRUE(xl(&c, 0x3000, ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(n_cmpxchg, 2);
    CU_ASSERT_EQUAL(rd(ra), pd | BIT(55) | AF);
    /* The other CPU set AF itself: one failed exchange, nothing more to do. */
    uint64_t sa = map(&t, 0x4000, 3, pd);
    race_on_next_cmpxchg = 1;
    race_set_bits = AF;
    n_cmpxchg = 0;
    CU_ASSERT_TRUE(xl(&c, 0x4000, ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(n_cmpxchg, 1);
    CU_ASSERT_EQUAL(rd(sa), pd | AF);
}

static void test_dirty_state(void)
{
    mem_reset();
    Tree t = tree_new(12, 48, 0);
    ArmMMUContext c = el1_ctx(T0SZ(16) | IPS(5) | HA | HD, t.root, 0);
    uint64_t clean = 0x600000 | PAGE_STD | AP(3) | DBM | D_PAGE;  /* RO both, DBM */
    uint64_t a = map(&t, 0x1000, 3, clean);
    /* A read leaves it clean and tells the TLB it is not writable yet. */
    CU_ASSERT_TRUE(xl(&c, 0x1000, ARM_ACCESS_READ));
    CU_ASSERT_FALSE(R.writable);
    CU_ASSERT_EQUAL(rd(a), clean);
    /* EL0 write: dirty now (AP[2] cleared: AP = 01, RW both). */
    c.unprivileged = true;
    CU_ASSERT_TRUE(xl(&c, 0x1000, ARM_ACCESS_WRITE));
    CU_ASSERT_TRUE(R.writable);
    CU_ASSERT_EQUAL(rd(a), clean & ~AP(2));
    CU_ASSERT_TRUE(xl(&c, 0x1000, ARM_ACCESS_READ));
    CU_ASSERT_TRUE(R.writable);
    c.unprivileged = false;
    /* A writable-clean page counts as writable: no EL1 execution (EL0-writable). */
    wr(a, clean);
    CU_ASSERT_FALSE(xl(&c, 0x1000, ARM_ACCESS_EXEC));
    /* Without AF too: one exchange sets AF and clears AP[2]. */
    wr(a, clean & ~AF);
    n_cmpxchg = 0;
    CU_ASSERT_TRUE(xl(&c, 0x1000, ARM_ACCESS_WRITE));
    CU_ASSERT_EQUAL(rd(a), clean & ~AP(2));
    CU_ASSERT_EQUAL(n_cmpxchg, 1);
    /* Without TCR.HD (or with HD but not HA) a DBM page is just read-only. */
    wr(a, clean);
    c.tcr &= ~HD;
    CU_ASSERT_FALSE(xl(&c, 0x1000, ARM_ACCESS_WRITE));
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_PERMISSION, 3));
    c.tcr = (c.tcr | HD) & ~HA;
    CU_ASSERT_FALSE(xl(&c, 0x1000, ARM_ACCESS_WRITE));
    c.tcr |= HA;
    c.hd = false;                               /* a CPU without dirty state management */
    CU_ASSERT_FALSE(xl(&c, 0x1000, ARM_ACCESS_WRITE));
    c.hd = true;
    CU_ASSERT_EQUAL(rd(a), clean);
    /* APTable[1] still makes it read-only: no dirty update. */
    uint64_t b = map(&t, 0x200000, 3, clean);
    table_bits(&t, 0x200000, 2, T_AP1);
    CU_ASSERT_FALSE(xl(&c, 0x200000, ARM_ACCESS_WRITE));
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_PERMISSION, 3));
    CU_ASSERT_EQUAL(rd(b), clean);
    /* PAN blocks the write: no update either. */
    c.pan = true;
    CU_ASSERT_FALSE(xl(&c, 0x1000, ARM_ACCESS_WRITE));
    CU_ASSERT_EQUAL(rd(a), clean);
}

static void test_attrs_and_device(void)
{
    mem_reset();
    Tree t = tree_new(12, 48, 0);
    ArmMMUContext c = el1_ctx(T0SZ(16) | IPS(5), t.root, 0);
    map(&t, 0x1000, 3, 0x9000000 | AF | ATTR(1) | D_PAGE);        /* Device-nGnRnE */
    map(&t, 0x2000, 3, 0x9001000 | AF | ATTR(2) | (2ULL << 8) | D_PAGE);   /* NC */
    map(&t, 0x3000, 3, 0x9002000 | AF | ATTR(3) | D_PAGE);        /* Device-nGnRE */
    CU_ASSERT_TRUE(xl(&c, 0x1000, ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(R.attrs, 0x00);
    CU_ASSERT_FALSE(R.executable);
    CU_ASSERT_EQUAL(arm_mmu_par(&R, &F, true), 0x9000000ULL | 2 << 7 | BIT(11));
    CU_ASSERT_FALSE(xl(&c, 0x1000, ARM_ACCESS_EXEC));             /* fetch from Device */
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_PERMISSION, 3));
    CU_ASSERT_TRUE(xl(&c, 0x2000, ARM_ACCESS_EXEC));
    CU_ASSERT_EQUAL(R.attrs, 0x44);
    CU_ASSERT_EQUAL(R.sh, 2);
    CU_ASSERT_TRUE(xl(&c, 0x3000, ARM_ACCESS_WRITE));
    CU_ASSERT_EQUAL(R.attrs, 0x04);
    /* Normal WB Inner Shareable: PAR has ATTR 0xff and SH 11. */
    map(&t, 0x4000, 3, 0x0000123456789000ULL | PAGE_STD | D_PAGE);
    CU_ASSERT_TRUE(xl(&c, 0x4abc, ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(arm_mmu_par(&R, &F, true),
                    0xff00000000000000ULL | 0x0000123456789000ULL | 3 << 7 | BIT(11));
    /* Big-endian descriptors (SCTLR.EE). */
    mem_reset();
    t = tree_new(12, 39, 1);
    c = el1_ctx(T0SZ(25) | IPS(5) | HA, t.root, 0);
    c.sctlr |= SCTLR_EE;
    uint64_t l2 = alloc_table(4096), l3 = alloc_table(4096);
    wr(t.root, __builtin_bswap64(l2 | D_TABLE));
    wr(l2, __builtin_bswap64(l3 | D_TABLE));
    wr(l3 + 8, __builtin_bswap64((0x5000 | PAGE_STD | D_PAGE) & ~AF));
    CU_ASSERT_TRUE(xl(&c, 0x1234, ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(R.pa, 0x5234);
    CU_ASSERT_EQUAL(rd(l3 + 8), __builtin_bswap64(0x5000 | PAGE_STD | D_PAGE));
}

/* TCR_EL2 / TCR_EL3 layout: one range, AP[1] and PXN ignored, no EL0. */
static void test_single_range_el2(void)
{
    mem_reset();
    Tree t = tree_new(16, 42, 2);       /* 64K, T0SZ 22 */
    ArmMMUContext c;
    memset(&c, 0, sizeof(c));
    c.el = 2;
    c.sctlr = SCTLR_M;
    c.tcr = 22 | TG0_64K | (5ULL << 16) /* PS 48 */;
    c.ttbr0 = t.root;
    c.mair = MAIR_STD;
    c.pa_bits = 48;
    map(&t, 0x10000, 3, 0x110000 | PAGE_STD | AP(0) | D_PAGE);
    map(&t, 0x20000, 3, 0x120000 | PAGE_STD | AP(1) | NG | PXN | D_PAGE);
    map(&t, 0x30000, 3, 0x130000 | PAGE_STD | AP(2) | D_PAGE);
    map(&t, 0x40000, 3, 0x140000 | PAGE_STD | AP(3) | UXN | D_PAGE);
    CU_ASSERT_TRUE(xl(&c, 0x10000, ARM_ACCESS_WRITE));
    CU_ASSERT_TRUE(xl(&c, 0x10000, ARM_ACCESS_EXEC));
    CU_ASSERT_TRUE(xl(&c, 0x20000, ARM_ACCESS_WRITE));
    CU_ASSERT_TRUE(xl(&c, 0x20000, ARM_ACCESS_EXEC));   /* PXN is RES0 here */
    CU_ASSERT_TRUE(R.global);                            /* nG only with ASIDs */
    CU_ASSERT_EQUAL(R.asid, 0);
    CU_ASSERT_FALSE(xl(&c, 0x30000, ARM_ACCESS_WRITE));
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_PERMISSION, 3));
    CU_ASSERT_TRUE(xl(&c, 0x30000, ARM_ACCESS_EXEC));
    CU_ASSERT_FALSE(xl(&c, 0x40000, ARM_ACCESS_EXEC));  /* XN */
    CU_ASSERT_TRUE(xl(&c, 0x40000, ARM_ACCESS_READ));
    c.unprivileged = true;                               /* meaningless: still EL2 */
    CU_ASSERT_TRUE(xl(&c, 0x10000, ARM_ACCESS_WRITE));
    c.unprivileged = false;
    c.sctlr |= SCTLR_WXN;
    CU_ASSERT_FALSE(xl(&c, 0x10000, ARM_ACCESS_EXEC));
    CU_ASSERT_TRUE(xl(&c, 0x30000, ARM_ACCESS_EXEC));
    /* No TTBR1: a high address is out of range. */
    CU_ASSERT_FALSE(xl(&c, 0xffffffffffff0000ULL, ARM_ACCESS_READ));
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_TRANSLATION, 0));
    /* TBI is bit 20 in this layout. */
    c.tcr |= BIT(20);
    CU_ASSERT_TRUE(xl(&c, 0xab00000000010008ULL, ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(R.pa, 0x110008);
    /* XNTable is bit 60; APTable[1] bit 62; APTable[0] means nothing. */
    table_bits(&t, 0x10000, 2, T_AP0);
    CU_ASSERT_TRUE(xl(&c, 0x30000, ARM_ACCESS_READ));
    table_bits(&t, 0x10000, 2, T_UXN | T_AP1);
    CU_ASSERT_FALSE(xl(&c, 0x30000, ARM_ACCESS_EXEC));
    CU_ASSERT_FALSE(xl(&c, 0x10000, ARM_ACCESS_WRITE));
    c.tcr |= BIT(24);                                    /* HPD */
    CU_ASSERT_TRUE(xl(&c, 0x10000, ARM_ACCESS_WRITE));
    /* PS is bits [18:16]: 32 bits makes the 0x110000 page fine, a high one not. */
    c.tcr = 22 | TG0_64K;
    map(&t, 0x50000, 3, 0x0000000100000000ULL | PAGE_STD | D_PAGE);
    CU_ASSERT_TRUE(xl(&c, 0x20000, ARM_ACCESS_READ));
    CU_ASSERT_FALSE(xl(&c, 0x50000, ARM_ACCESS_READ));
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_ADDRESS_SIZE, 3));
}

/* ------------------------------------------------------------------ stage 2 */

#define S2AP(x)     ((uint64_t)(x) << 6)
#define S2_NORMAL   (0xfULL << 2)           /* MemAttr 1111: Normal WB */
#define S2_STD      (AF | SH_IS | S2_NORMAL)
#define VTCR_SL0(x) ((uint64_t)(x) << 6)
#define VTCR_PS(x)  ((uint64_t)(x) << 16)
#define VTCR_HA     BIT(21)
#define VTCR_HD     BIT(22)

/*
 * Stage 2 with a 40-bit IPA, 4K granule, SL0 = 1 (start at level 1): two
 * concatenated level 1 tables.  The memory holding the stage 1 tables is
 * identity mapped with 2 MiB blocks.
 */
static Tree s2_setup(ArmMMUContext *c, Tree *s1)
{
    mem_reset();
    Tree s2 = tree_new(12, 40, 1);
    CU_ASSERT_EQUAL(s2.root & 0x1fff, 0);        /* 8 KiB aligned, two tables */
    for (uint64_t a = 0; a < MEM_SIZE; a += 0x200000) {
        map(&s2, a, 2, a | S2_STD | S2AP(3) | D_BLOCK);
    }
    *s1 = tree_new(12, 48, 0);
    *c = el1_ctx(T0SZ(16) | IPS(5), s1->root, 0);
    c->stage2 = true;
    c->vttbr = 0x0005000000000000ULL | s2.root;
    c->vtcr = 24 | VTCR_SL0(1) | TG0_4K | VTCR_PS(2);
    return s2;
}

static void test_stage2_basic(void)
{
    ArmMMUContext c;
    Tree s1;
    Tree s2 = s2_setup(&c, &s1);
    /* VA 0x1000 -> IPA 0x40000000 -> PA 0x87654000; IPA with bit 39 -> second table. */
    map(&s1, 0x1000, 3, 0x40000000 | PAGE_STD | AP(1) | D_PAGE);
    map(&s2, 0x40000000, 3, 0x87654000 | S2_STD | S2AP(3) | D_PAGE);
    map(&s1, 0x2000, 3, 0x8000001000ULL | PAGE_STD | AP(1) | D_PAGE);
    map(&s2, 0x8000001000ULL, 2, 0x00c0000000ULL | S2_STD | S2AP(3) | D_BLOCK);
    CU_ASSERT_EQUAL(slot(&s2, 0x8000001000ULL, 1), s2.root + 512 * 8);
    c.unprivileged = true;
    CU_ASSERT_TRUE(xl(&c, 0x1abc, ARM_ACCESS_WRITE));
    CU_ASSERT_EQUAL(R.pa, 0x87654abc);
    CU_ASSERT_EQUAL(R.ipa, 0x40000abc);
    CU_ASSERT_EQUAL(R.page_bits, 12);
    CU_ASSERT_EQUAL(R.attrs, 0xff);
    CU_ASSERT_TRUE(xl(&c, 0x2010, ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(R.pa, 0x00c0001010ULL);
    c.unprivileged = false;
    /* AT S1E1R: stage 1 only, the IPA. */
    CU_ASSERT_TRUE(arm_mmu_translate_stage1(&c, &phys, 0x1abc, ARM_ACCESS_READ, &R, &F));
    CU_ASSERT_EQUAL(R.pa, 0x40000abc);
    /* Stage 1 2 MiB block over stage 2 4K pages: the TLB may only cache 4K. */
    map(&s1, 0x40000000, 2, 0x40000000 | PAGE_STD | D_BLOCK);
    CU_ASSERT_TRUE(xl(&c, 0x40000010, ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(R.page_bits, 12);
    CU_ASSERT_EQUAL(R.pa, 0x87654010);
    /* Final IPA not mapped at stage 2: stage 2 translation fault, level 3, with the IPA. */
    CU_ASSERT_FALSE(xl(&c, 0x40001010, ARM_ACCESS_WRITE));
    CU_ASSERT_EQUAL(F.type, ARM_FAULT_TRANSLATION);
    CU_ASSERT_TRUE(F.stage2);
    CU_ASSERT_FALSE(F.s1ptw);
    CU_ASSERT_EQUAL(F.level, 3);
    CU_ASSERT_EQUAL(F.ipa, 0x40001010);
    CU_ASSERT_EQUAL(arm_mmu_par(&R, &F, false), 1 | 0x07 << 1 | BIT(9) | BIT(11));
    /* AT S1E1W succeeds there: stage 2 is not looked at. */
    CU_ASSERT_TRUE(arm_mmu_translate_stage1(&c, &phys, 0x40001010, ARM_ACCESS_WRITE, &R, &F));
    CU_ASSERT_EQUAL(R.pa, 0x40001010);
    /* IPA beyond the 40-bit stage 2 input: level 0 stage 2 translation fault. */
    map(&s1, 0x3000, 3, 0x0000010000000000ULL | PAGE_STD | D_PAGE);
    CU_ASSERT_FALSE(xl(&c, 0x3000, ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(F.type, ARM_FAULT_TRANSLATION);
    CU_ASSERT_TRUE(F.stage2);
    CU_ASSERT_EQUAL(F.level, 0);
    /* Stage 1 faults win: stage 1 permission fault is not a stage 2 fault. */
    map(&s1, 0x4000, 3, 0x40000000 | PAGE_STD | AP(2) | D_PAGE);
    CU_ASSERT_FALSE(xl(&c, 0x4000, ARM_ACCESS_WRITE));
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_PERMISSION, 3));
    /* Unusable SL0: stage 2 translation fault at level 0. */
    c.vtcr = 24 | VTCR_SL0(3) | VTCR_PS(2);
    CU_ASSERT_FALSE(xl(&c, 0x1000, ARM_ACCESS_READ));
    CU_ASSERT_TRUE(F.stage2 && F.type == ARM_FAULT_TRANSLATION && F.level == 0);
    c.vtcr = 24 | VTCR_SL0(0) | VTCR_PS(2);      /* level 2 start: 2^19 entries, too many */
    CU_ASSERT_FALSE(xl(&c, 0x1000, ARM_ACCESS_READ));
    CU_ASSERT_TRUE(F.stage2);
}

static void test_stage2_permissions(void)
{
    ArmMMUContext c;
    Tree s1;
    Tree s2 = s2_setup(&c, &s1);
    static const uint64_t ipas[4] = { 0x40000000, 0x40001000, 0x40002000, 0x40003000 };
    for (unsigned i = 0; i < 4; i++) {
        map(&s1, 0x10000 + i * 0x1000, 3, ipas[i] | PAGE_STD | AP(1) | D_PAGE);
    }
    map(&s2, ipas[0], 3, 0x90000000 | S2_STD | S2AP(1) | D_PAGE);           /* RO */
    map(&s2, ipas[1], 3, 0x90001000 | S2_STD | S2AP(0) | D_PAGE);           /* none */
    map(&s2, ipas[2], 3, 0x90002000 | S2_STD | S2AP(3) | UXN | D_PAGE);     /* XN */
    uint64_t nf = map(&s2, ipas[3], 3, (0x90003000 | S2_STD | S2AP(3) | D_PAGE) & ~AF);
    c.unprivileged = true;
    CU_ASSERT_TRUE(xl(&c, 0x10000, ARM_ACCESS_READ));
    CU_ASSERT_FALSE(R.writable);
    CU_ASSERT_TRUE(R.readable);
    CU_ASSERT_FALSE(xl(&c, 0x10000, ARM_ACCESS_WRITE));
    CU_ASSERT_TRUE(F.stage2 && F.type == ARM_FAULT_PERMISSION && F.level == 3);
    CU_ASSERT_EQUAL(F.ipa, ipas[0]);
    CU_ASSERT_TRUE(F.write);
    CU_ASSERT_FALSE(xl(&c, 0x11000, ARM_ACCESS_READ));
    CU_ASSERT_TRUE(F.stage2 && F.type == ARM_FAULT_PERMISSION);
    CU_ASSERT_TRUE(xl(&c, 0x12000, ARM_ACCESS_WRITE));
    CU_ASSERT_FALSE(R.executable);
    CU_ASSERT_FALSE(xl(&c, 0x12000, ARM_ACCESS_EXEC));
    CU_ASSERT_TRUE(F.stage2 && F.type == ARM_FAULT_PERMISSION);
    CU_ASSERT_FALSE(xl(&c, 0x13000, ARM_ACCESS_READ));
    CU_ASSERT_TRUE(F.stage2 && F.type == ARM_FAULT_ACCESS_FLAG && F.level == 3);
    CU_ASSERT_EQUAL(arm_mmu_fault_status(&F), 0x0b);
    /* VTCR.HA: the stage 2 descriptor gets AF. */
    c.vtcr |= VTCR_HA;
    CU_ASSERT_TRUE(xl(&c, 0x13000, ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(rd(nf) & AF, AF);
    /* Stage 2 dirty state: S2AP 01 + DBM becomes 11 on a write. */
    c.vtcr |= VTCR_HD;
    uint64_t cl = map(&s2, ipas[0], 3, 0x90000000 | S2_STD | S2AP(1) | DBM | D_PAGE);
    CU_ASSERT_TRUE(xl(&c, 0x10000, ARM_ACCESS_READ));
    CU_ASSERT_FALSE(R.writable);
    CU_ASSERT_EQUAL(rd(cl) & S2AP(3), S2AP(1));
    CU_ASSERT_TRUE(xl(&c, 0x10000, ARM_ACCESS_WRITE));
    CU_ASSERT_TRUE(R.writable);
    CU_ASSERT_EQUAL(rd(cl) & S2AP(3), S2AP(3));
}

static void test_stage2_s1ptw_and_attrs(void)
{
    ArmMMUContext c;
    Tree s1;
    Tree s2 = s2_setup(&c, &s1);
    map(&s1, 0x1000, 3, 0x40000000 | PAGE_STD | D_PAGE);
    map(&s2, 0x40000000, 3, 0x90000000 | S2_STD | S2AP(3) | D_PAGE);
    CU_ASSERT_TRUE(xl(&c, 0x1000, ARM_ACCESS_READ));
    /* Unmap (at stage 2) the 2 MiB holding the stage 1 tables: S1PTW fault. */
    uint64_t root_blk = s1.root & ~0x1fffffULL;
    uint64_t s2slot = slot(&s2, root_blk, 2);
    uint64_t saved = rd(s2slot);
    wr(s2slot, 0);
    CU_ASSERT_FALSE(xl(&c, 0x1000, ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(F.type, ARM_FAULT_TRANSLATION);
    CU_ASSERT_TRUE(F.stage2);
    CU_ASSERT_TRUE(F.s1ptw);
    CU_ASSERT_EQUAL(F.level, 2);
    CU_ASSERT_EQUAL(F.ipa, s1.root);             /* entry 0 of the level 0 table */
    CU_ASSERT_EQUAL(arm_mmu_par(&R, &F, false), 1 | 0x06 << 1 | BIT(8) | BIT(9) | BIT(11));
    /* Also for AT S1E1R: the stage 1 walk still goes through stage 2. */
    CU_ASSERT_FALSE(arm_mmu_translate_stage1(&c, &phys, 0x1000, ARM_ACCESS_READ, &R, &F));
    CU_ASSERT_TRUE(F.s1ptw);
    /* Stage 2 read-only tables: fine for the walk, not for a hardware AF update. */
    wr(s2slot, saved & ~S2AP(2));
    CU_ASSERT_TRUE(xl(&c, 0x1000, ARM_ACCESS_READ));
    c.tcr |= HA;
    uint64_t l3 = slot(&s1, 0x1000, 3);
    wr(l3, rd(l3) & ~AF);
    CU_ASSERT_FALSE(xl(&c, 0x1000, ARM_ACCESS_READ));
    CU_ASSERT_TRUE(F.stage2 && F.s1ptw && F.type == ARM_FAULT_PERMISSION && F.write);
    wr(s2slot, saved);
    CU_ASSERT_TRUE(xl(&c, 0x1000, ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(rd(l3) & AF, AF);
    /* Combined attributes: Device at either stage wins; the less cacheable wins. */
    uint64_t s2p = slot(&s2, 0x40000000, 3);
    wr(s2p, 0x90000000 | AF | (0x0ULL << 2) | S2AP(3) | D_PAGE);          /* Device-nGnRnE */
    CU_ASSERT_TRUE(xl(&c, 0x1000, ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(R.attrs, 0x00);
    CU_ASSERT_FALSE(R.executable);
    wr(s2p, 0x90000000 | AF | (0x1ULL << 2) | S2AP(3) | D_PAGE);          /* Device-nGnRE */
    CU_ASSERT_TRUE(xl(&c, 0x1000, ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(R.attrs, 0x04);
    wr(s2p, 0x90000000 | AF | (0x5ULL << 2) | S2AP(3) | D_PAGE);          /* Normal NC */
    CU_ASSERT_TRUE(xl(&c, 0x1000, ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(R.attrs, 0x44);
    wr(s2p, 0x90000000 | AF | (0xaULL << 2) | S2AP(3) | D_PAGE);          /* Normal WT */
    CU_ASSERT_TRUE(xl(&c, 0x1000, ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(R.attrs, 0xbb);
    CU_ASSERT_TRUE(R.executable);
    wr(s2p, 0x90000000 | AF | S2_NORMAL | (2ULL << 8) | S2AP(3) | D_PAGE);   /* WB, Outer Sh */
    CU_ASSERT_TRUE(xl(&c, 0x1000, ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(R.attrs, 0xff);
    CU_ASSERT_EQUAL(R.sh, 2);
    /* Stage 1 Device stays Device over stage 2 Normal. */
    wr(l3, 0x40000000 | AF | ATTR(3) | D_PAGE);
    CU_ASSERT_TRUE(xl(&c, 0x1000, ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(R.attrs, 0x04);
    /* Stage 1 off: the VA is the IPA. */
    c.sctlr = 0;
    CU_ASSERT_TRUE(xl(&c, 0x40000123, ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(R.pa, 0x90000123);
    CU_ASSERT_EQUAL(R.attrs, 0x00);                  /* stage 1 off: Device data */
}

/*
 * Stage 2 start levels and concatenation for each granule, 40-bit IPA:
 * 16K with SL0 = 1 starts at level 2 with 16 concatenated tables (15 bits),
 * 16K SL0 = 2 at level 1 (4 bits), 64K SL0 = 1 at level 2 (11 bits), 4K
 * SL0 = 2 at level 0 (1 bit).
 */
static void test_stage2_granules(void)
{
    static const struct {
        unsigned gbits; uint64_t tg; unsigned sl0; int start; unsigned root_bits; int empty_level;
    } cases[] = {
        { 14, TG0_16K, 1, 2, 15, 2 }, { 14, TG0_16K, 2, 1, 4, 1 },
        { 16, TG0_64K, 1, 2, 11, 2 },
        { 12, TG0_4K, 2, 0, 1, 1 },     /* both root entries in use: empty at level 1 */
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        mem_reset();
        Tree s2 = tree_new(cases[i].gbits, 40, cases[i].start);
        uint64_t l2span = 1ULL << (cases[i].gbits + (cases[i].gbits - 3));
        for (uint64_t a = 0; a < MEM_SIZE; a += l2span) {
            map(&s2, a, 2, a | S2_STD | S2AP(3) | D_BLOCK);
        }
        Tree s1 = tree_new(12, 48, 0);
        ArmMMUContext c = el1_ctx(T0SZ(16) | IPS(5), s1.root, 0);
        c.stage2 = true;
        c.vttbr = s2.root;
        c.vtcr = 24 | VTCR_SL0(cases[i].sl0) | cases[i].tg | VTCR_PS(2);
        uint64_t ipa = 0xf012340000ULL;
        map(&s1, 0x1000, 3, ipa | PAGE_STD | D_PAGE);
        map(&s2, ipa, 3, 0x55550000ULL | S2_STD | S2AP(3) | D_PAGE);
        /* The highest root entry is used: the root spans root_bits bits. */
        unsigned shift = cases[i].gbits + (cases[i].gbits - 3) * (unsigned)(3 - cases[i].start);
        CU_ASSERT_EQUAL(40 - shift, cases[i].root_bits);
        CU_ASSERT_TRUE(xl(&c, 0x1abc, ARM_ACCESS_READ));
        CU_ASSERT_EQUAL(R.pa, 0x55550abcULL);
        CU_ASSERT_EQUAL(R.page_bits, 12);
        /* IPA 0x80_0000_0000 has nothing mapped below the root. */
        map(&s1, 0x2000, 3, 0x8000000000ULL | PAGE_STD | D_PAGE);
        CU_ASSERT_FALSE(xl(&c, 0x2000, ARM_ACCESS_READ));
        CU_ASSERT_TRUE(F.stage2 && F.type == ARM_FAULT_TRANSLATION);
        CU_ASSERT_EQUAL(F.level, cases[i].empty_level);
        CU_ASSERT_EQUAL(F.ipa, 0x8000000000ULL);
        /* VTTBR beyond VTCR.PS (40 bits): stage 2 address size fault at level 0. */
        c.vttbr = s2.root | (1ULL << 40);
        CU_ASSERT_FALSE(xl(&c, 0x1abc, ARM_ACCESS_READ));
        CU_ASSERT_TRUE(F.stage2 && F.type == ARM_FAULT_ADDRESS_SIZE && F.level == 0);
    }
}

/* FEAT_LPA / FEAT_LVA: 52-bit output and input with the 64K granule. */
static void test_52bit(void)
{
    mem_reset();
    Tree t = tree_new(16, 52, 1);                   /* T0SZ 12: level 1 resolves va[51:42] */
    ArmMMUContext c = el1_ctx(T0SZ(12) | TG0_64K | IPS(6), t.root, 0);
    c.pa_bits = 52;
    c.lva = true;
    uint64_t va = 0x000fedcba9870000ULL;
    map(&t, va, 3, 0x0000123456780000ULL | 0xa000 | PAGE_STD | D_PAGE);
    CU_ASSERT_TRUE(xl(&c, va | 0x1234, ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(R.pa, 0x000a123456781234ULL);   /* OA[51:48] from descriptor [15:12] */
    CU_ASSERT_EQUAL(arm_mmu_par(&R, &F, true),
                    0xff00000000000000ULL | 0x000a123456781000ULL | 3 << 7 | BIT(11));
    /* 4 TiB block at level 1, only with a 52-bit output size. */
    map(&t, 0x0001000000000000ULL, 1, 0xb000 | PAGE_STD | D_BLOCK);
    CU_ASSERT_TRUE(xl(&c, 0x0001012345678000ULL, ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(R.pa, 0x000b012345678000ULL);
    CU_ASSERT_EQUAL(R.page_bits, 42);
    /* TTBR bits [5:2] are BADDR[51:48]: here they point outside memory. */
    c.ttbr0 = t.root | 1ULL << 2;
    CU_ASSERT_FALSE(xl(&c, va, ARM_ACCESS_READ));
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_SYNC_EXTERNAL_ON_WALK, 1));
    /* IPS 48: descriptor bits [15:12] and TTBR bits [5:2] are not address bits. */
    c.tcr = T0SZ(12) | TG0_64K | IPS(5);
    CU_ASSERT_TRUE(xl(&c, va, ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(R.pa, 0x0000123456780000ULL);
    CU_ASSERT_FALSE(xl(&c, 0x0001012345678000ULL, ARM_ACCESS_READ));
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_TRANSLATION, 1));
    /* A 48-bit CPU cannot have 52 bits whatever IPS says. */
    c.tcr = T0SZ(12) | TG0_64K | IPS(6);
    c.ttbr0 = t.root;
    c.pa_bits = 48;
    CU_ASSERT_TRUE(xl(&c, va, ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(R.pa, 0x0000123456780000ULL);
    /* Without FEAT_LVA, T0SZ 12 acts as 16: bits [51:48] must be zero. */
    c.lva = false;
    CU_ASSERT_FALSE(xl(&c, va, ARM_ACCESS_READ));
    CU_ASSERT_TRUE(is_fault(ARM_FAULT_TRANSLATION, 0));
    /* The 4K granule never has a 52-bit output (no FEAT_LPA2). */
    mem_reset();
    Tree t4 = tree_new(12, 48, 0);
    c = el1_ctx(T0SZ(16) | IPS(6), t4.root, 0);
    c.pa_bits = 52;
    map(&t4, 0x5000, 3, 0x0000ffff00000000ULL | 0xa000 | PAGE_STD | D_PAGE);
    CU_ASSERT_TRUE(xl(&c, 0x5010, ARM_ACCESS_READ));
    CU_ASSERT_EQUAL(R.pa, 0x0000ffff0000a010ULL);
}

static CU_TestInfo tests[] = {
    { "fault status codes", test_fault_status_codes },
    { "MMU off", test_mmu_off },
    { "4K hand-built walk", test_4k_handbuilt },
    { "64K hand-built walk", test_64k_handbuilt },
    { "16K TTBR1 hand-built walk", test_16k_ttbr1_handbuilt },
    { "start levels per granule and TxSZ", test_start_levels },
    { "TTBR1, ASID, range check, EPD", test_ttbr1_kernel_and_asid },
    { "TBI / TBID", test_tbi },
    { "address size and external aborts", test_address_size },
    { "AP matrix", test_ap_matrix },
    { "XN, WXN, PAN", test_xn_wxn_pan },
    { "hierarchical permissions", test_hierarchical },
    { "access flag, HA", test_access_flag },
    { "dirty state, DBM", test_dirty_state },
    { "attributes, Device, EE", test_attrs_and_device },
    { "single-range EL2", test_single_range_el2 },
    { "stage 2 basic", test_stage2_basic },
    { "stage 2 permissions, AF, DBM", test_stage2_permissions },
    { "stage 2 S1PTW and attributes", test_stage2_s1ptw_and_attrs },
    { "stage 2 granules and concatenation", test_stage2_granules },
    { "52-bit LPA/LVA with 64K", test_52bit },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return cunit_run_suite("mmu", tests);
}
