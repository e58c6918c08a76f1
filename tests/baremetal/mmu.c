/*
 * Stage 1 translation at EL1&0 (Arm ARM D8): for every granule the CPU
 * advertises in ID_AA64MMFR0 (4K, 16K, 64K) and input sizes of 39, 42 and
 * 48 bits, an identity map of the program plus test mappings through
 * TTBR0 and TTBR1, pages and blocks, then: permission faults (AP, EL0,
 * UXN, PXN, implicit PXN of EL0-writable memory, WXN, PAN when present),
 * translation faults with their level, access-flag faults, hardware AF
 * and dirty-state updates (FEAT_HAFDBS when present), TLBI by VA / ASID /
 * all (and the IS forms) picking up a changed PTE, ASID tagging, and AT
 * S1E1R/S1E1W/S1E0R into PAR_EL1.  ESR, FAR and PAR values are printed so
 * that a run can be compared with QEMU's line for line.
 */
#include "pt.h"
#include "rt.h"

extern char text_start[], text_end[], data_start[], data_end[];

/* Three physical test pages, each granule-aligned for every granule. */
static uint8_t tpage[4][65536] __attribute__((aligned(65536)));
static uint8_t el0_stack[65536] __attribute__((aligned(65536)));
#define MARK(i) (0xa5a5000000000000ull | ((uint64_t)(i) << 32) | 0x1234)

/* EL0/EL1 code snippets. */
extern char snip_77[];
uint64_t el0_load(uint64_t a);
uint64_t el0_store(uint64_t a);
uint64_t el0_blr(uint64_t a);
__asm__(
    "    .text\n"
    "    .balign 64\n"
    "snip_77:\n"
    "    mov x0, #0x77\n"
    "    ret\n"
    "el0_load:\n"
    "    ldr x0, [x0]\n"
    "    ret\n"
    "el0_store:\n"
    "    str x0, [x0]\n"
    "    ret\n"
    /* blr to x0; a faulting fetch comes back here through x30 with x0 unchanged */
    "el0_blr:\n"
    "    mov x10, x30\n"
    "    blr x0\n"
    "    mov x30, x10\n"
    "    ret\n");

static uint64_t call_va(uint64_t va)
{
    register uint64_t x0 __asm__("x0") = va;

    __asm__ volatile("blr %0" : "+r"(x0) : : "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9",
                     "x10", "x11", "x12", "x13", "x14", "x15", "x16", "x17", "x30", "memory", "cc");
    return x0;
}

static uint64_t rd(uint64_t va) { return *(volatile uint64_t *)va; }
static void wr(uint64_t va, uint64_t v) { *(volatile uint64_t *)va = v; }

static unsigned granule_supported(unsigned gbits)
{
    uint64_t mmfr0 = read_sysreg(id_aa64mmfr0_el1);

    switch (gbits) {
    case 12: return ((mmfr0 >> 28) & 0xf) != 0xf;
    case 14: return ((mmfr0 >> 20) & 0xf) != 0;
    default: return ((mmfr0 >> 24) & 0xf) != 0xf;
    }
}

static uint64_t tlbi_arg(uint64_t va, unsigned asid)
{
    return ((va >> 12) & ((1ull << 44) - 1)) | (uint64_t)asid << 48;
}

static void tlb_sync(void)
{
    dsb(ish);
    isb();
}

static void flush_all(void)
{
    dsb(ishst);
    __asm__ volatile("tlbi vmalle1" : : : "memory");
    tlb_sync();
}

/* PSTATE.PAN through its register form (S3_0_C4_C2_3), bit 22. */
static void set_pan(int on)
{
    write_sysreg(s3_0_c4_c2_3, on ? (1ull << 22) : 0);
    isb();
}

static uint64_t at(int op, uint64_t va)
{
    switch (op) {
    case 0: __asm__ volatile("at s1e1r, %0" : : "r"(va) : "memory"); break;
    case 1: __asm__ volatile("at s1e1w, %0" : : "r"(va) : "memory"); break;
    default: __asm__ volatile("at s1e0r, %0" : : "r"(va) : "memory"); break;
    }
    isb();
    return read_sysreg(par_el1);
}

#define SCTLR_RES1 0x30d00800ull    /* with SPAN (bit 23): PAN is not set by exception entry */
#define SCTLR_M (1ull << 0)
#define SCTLR_C (1ull << 2)
#define SCTLR_I (1ull << 12)
#define SCTLR_WXN (1ull << 19)
#define TCR_HA (1ull << 39)
#define TCR_HD (1ull << 40)

static void mmu_off(void)
{
    write_sysreg(sctlr_el1, SCTLR_RES1);
    isb();
}

/* Test page slots: VA = lo_va + slot * page size. */
enum {
    S_RW, S_RO, S_EL0RW, S_X_ALL, S_X_UXN, S_X_RW, S_X_EL0W, S_NOAF, S_HWAF, S_DBM, S_NONE,
    S_TLBI, S_ASID, S_X_PXN, S_NSLOTS
};

struct cfg {
    struct pt t0, t1;
    unsigned gbits, ia;
    uint64_t pg, lo, hi, blk2, blk1, blk2ro;
    uint64_t tcr;
};

static char name[64];

/* Label of a check: "4K/39 what". */
static const char *L(const struct cfg *c, const char *what)
{
    static const char *g[] = { [12] = "4K", [14] = "16K", [16] = "64K" };
    char *p = name;
    const char *s = g[c->gbits];

    while (*s) {
        *p++ = *s++;
    }
    *p++ = '/';
    *p++ = (char)('0' + c->ia / 10);
    *p++ = (char)('0' + c->ia % 10);
    *p++ = ' ';
    while (*what && p < name + sizeof(name) - 1) {
        *p++ = *what++;
    }
    *p = 0;
    return name;
}

static uint64_t slot(const struct cfg *c, unsigned s)
{
    return c->lo + s * c->pg;
}

/* VA in the executable alias slot s of snip_77. */
static uint64_t snip_va(const struct cfg *c, unsigned s)
{
    return slot(c, s) + ((uint64_t)snip_77 & (c->pg - 1));
}

/* Blocks map the aligned block around tpage[2]: its offset inside a level's block. */
static uint64_t blk_off(const struct cfg *c, int level)
{
    return (uint64_t)tpage[2] & ((1ull << pt_shift(&c->t0, level)) - 1);
}

static uint64_t blk_pa(const struct cfg *c, int level)
{
    return (uint64_t)tpage[2] - blk_off(c, level);
}

static void build(struct cfg *c)
{
    struct pt *t0 = &c->t0, *t1 = &c->t1;
    uint64_t ts = (uint64_t)text_start, te = (uint64_t)text_end;
    uint64_t ds = (uint64_t)data_start, de = (uint64_t)data_end;
    uint64_t snip_pg = (uint64_t)snip_77 & ~(c->pg - 1);

    pt_pool_reset();
    pt_init(t0, c->gbits, c->ia);
    pt_init(t1, c->gbits, c->ia);
    /* The program, identity mapped: code read-only for both ELs, data EL1 only and never executable. */
    pt_map_pages(t0, ts, ts, te - ts, PTE_NORMAL | PTE_AP_RO_ALL);
    pt_map_pages(t0, ds, ds, de - ds, PTE_NORMAL | PTE_AP_RW_EL1 | PTE_UXN | PTE_PXN);
    pt_map_pages(t0, (uint64_t)el0_stack, (uint64_t)el0_stack, sizeof(el0_stack),
                 PTE_NORMAL | PTE_AP_RW_ALL | PTE_UXN | PTE_PXN);
    pt_map_pages(t0, UART_BASE, UART_BASE, c->pg, PTE_DEVICE | PTE_AP_RW_EL1);

    uint64_t A = (uint64_t)tpage[0], B = (uint64_t)tpage[1], C = (uint64_t)tpage[2];
    uint64_t xn = PTE_UXN | PTE_PXN;
    pt_map(t0, slot(c, S_RW), A, 3, PTE_NORMAL | PTE_AP_RW_EL1 | xn);
    pt_map(t0, slot(c, S_RO), B, 3, PTE_NORMAL | PTE_AP_RO_EL1 | xn);
    pt_map(t0, slot(c, S_EL0RW), C, 3, PTE_NORMAL | PTE_AP_RW_ALL | xn);
    pt_map(t0, slot(c, S_X_ALL), snip_pg, 3, PTE_NORMAL | PTE_AP_RO_ALL);
    pt_map(t0, slot(c, S_X_UXN), snip_pg, 3, PTE_NORMAL | PTE_AP_RO_ALL | PTE_UXN);
    pt_map(t0, slot(c, S_X_PXN), snip_pg, 3, PTE_NORMAL | PTE_AP_RO_ALL | PTE_PXN);
    pt_map(t0, slot(c, S_X_RW), snip_pg, 3, PTE_NORMAL | PTE_AP_RW_EL1);
    pt_map(t0, slot(c, S_X_EL0W), snip_pg, 3, PTE_NORMAL | PTE_AP_RW_ALL | PTE_UXN);
    pt_map(t0, slot(c, S_NOAF), A, 3, (PTE_NORMAL & ~PTE_AF) | PTE_AP_RW_EL1 | xn);
    pt_map(t0, slot(c, S_HWAF), A, 3, (PTE_NORMAL & ~PTE_AF) | PTE_AP_RW_EL1 | xn);
    pt_map(t0, slot(c, S_DBM), C, 3, PTE_NORMAL | PTE_AP_RO_EL1 | PTE_DBM | xn);
    pt_map(t0, slot(c, S_TLBI), A, 3, PTE_NORMAL | PTE_AP_RW_EL1 | PTE_NG | xn);
    pt_map(t0, slot(c, S_ASID), A, 3, PTE_NORMAL | PTE_AP_RW_EL1 | PTE_NG | xn);
    /* S_NONE stays invalid (its level 3 table exists: a level 3 fault). */

    /* Blocks around tpage[2]. */
    pt_map(t0, c->blk2, blk_pa(c, 2), 2, PTE_NORMAL | PTE_AP_RW_EL1 | xn);
    pt_map(t0, c->blk2ro, blk_pa(c, 2), 2, PTE_NORMAL | PTE_AP_RO_EL1 | xn);
    if (c->gbits == 12) {
        pt_map(t0, c->blk1, blk_pa(c, 1), 1, PTE_NORMAL | PTE_AP_RW_EL1 | xn);
    }
    /* TTBR1: a page and a block. */
    pt_map(t1, c->hi, B, 3, PTE_NORMAL | PTE_AP_RW_EL1 | xn);
    pt_map(t1, c->hi + (1ull << (c->ia - 3)), blk_pa(c, 2), 2, PTE_NORMAL | PTE_AP_RW_EL1 | xn);
}

static void mmu_on(struct cfg *c)
{
    static const uint64_t tg0[] = { [12] = 0, [14] = 2, [16] = 1 };
    static const uint64_t tg1[] = { [12] = 2, [14] = 1, [16] = 3 };
    uint64_t tsz = 64 - c->ia;

    c->tcr = tsz | 1ull << 8 | 1ull << 10 | 3ull << 12 | tg0[c->gbits] << 14 | tsz << 16 |
             1ull << 24 | 1ull << 26 | 3ull << 28 | tg1[c->gbits] << 30 | 2ull << 32 | 1ull << 36;
    write_sysreg(mair_el1, 0x4400ff);
    write_sysreg(tcr_el1, c->tcr);
    write_sysreg(ttbr0_el1, (uint64_t)c->t0.root | 1ull << 48);     /* ASID 1 */
    write_sysreg(ttbr1_el1, (uint64_t)c->t1.root);
    isb();
    flush_all();
    write_sysreg(sctlr_el1, SCTLR_RES1 | SCTLR_M | SCTLR_C | SCTLR_I);
    isb();
}

static void expect_data_fault(const struct cfg *c, const char *what, uint64_t va, int write,
                              int el0, uint64_t esr)
{
    unsigned n = rt_fault.count;

    rt_expect_fault();
    if (el0) {
        call_el0(write ? el0_store : el0_load, va, (uint64_t)el0_stack + sizeof(el0_stack));
    } else if (write) {
        wr(va, 0);
    } else {
        (void)rd(va);
    }
    check_eq(L(c, what), rt_fault.count - n == 1 ? rt_fault.esr : 0, esr);
    if (rt_fault.count - n == 1 && rt_fault.far != va) {
        pr("FAIL %s: FAR 0x%lx, want 0x%lx\n", name, rt_fault.far, va);
        rt_failures++;
    }
}

static void expect_exec(const struct cfg *c, const char *what, uint64_t va, int el0, uint64_t esr)
{
    unsigned n = rt_fault.count;
    uint64_t r;

    if (esr) {
        rt_expect_fault();
    }
    r = el0 ? call_el0(el0_blr, va, (uint64_t)el0_stack + sizeof(el0_stack)) : call_va(va);
    if (!esr) {
        check_eq(L(c, what), r, 0x77);
        return;
    }
    check_eq(L(c, what), rt_fault.count - n == 1 ? rt_fault.esr : 0, esr);
    if (rt_fault.count - n == 1 && rt_fault.far != va) {
        pr("FAIL %s: FAR 0x%lx, want 0x%lx\n", name, rt_fault.far, va);
        rt_failures++;
    }
}

static void test_maps(struct cfg *c)
{
    uint64_t off = blk_off(c, 2);

    check_eq(L(c, "ttbr0 page read"), rd(slot(c, S_RW)), MARK(0));
    wr(slot(c, S_RW) + 8, 0x5555);
    check_eq(L(c, "ttbr0 page write lands in the page"), *(volatile uint64_t *)(tpage[0] + 8), 0x5555);
    check_eq(L(c, "ttbr0 level 2 block read"), rd(c->blk2 + off), MARK(2));
    if (c->gbits == 12) {
        check_eq(L(c, "ttbr0 level 1 block read"), rd(c->blk1 + blk_off(c, 1)), MARK(2));
    }
    check_eq(L(c, "ttbr1 page read"), rd(c->hi), MARK(1));
    check_eq(L(c, "ttbr1 level 2 block read"), rd(c->hi + (1ull << (c->ia - 3)) + off), MARK(2));
    check_eq(L(c, "code runs from the RO alias"), call_va(snip_va(c, S_X_ALL)), 0x77);
}

static void test_faults(struct cfg *c)
{
    unsigned start = (unsigned)c->t0.start;

    expect_data_fault(c, "el1 write to AP RO page: ESR", slot(c, S_RO), 1, 0, 0x9600004f);
    check_eq(L(c, "el1 read of AP RO page"), rd(slot(c, S_RO)), MARK(1));
    expect_data_fault(c, "el1 write to AP RO level 2 block: ESR", c->blk2ro + 64, 1, 0, 0x9600004e);
    expect_data_fault(c, "el0 read of EL1-only page: ESR", slot(c, S_RW), 0, 1, 0x9200000f);
    expect_data_fault(c, "el0 write to EL0 RO page (code): ESR", snip_va(c, S_X_ALL), 1, 1, 0x9200004f);
    check_eq(L(c, "el0 read of EL0 RW page"),
             call_el0(el0_load, slot(c, S_EL0RW), (uint64_t)el0_stack + sizeof(el0_stack)), MARK(2));
    expect_exec(c, "el0 exec of EL0 executable page", snip_va(c, S_X_ALL), 1, 0);
    expect_exec(c, "el0 exec of UXN page: ESR", snip_va(c, S_X_UXN), 1, 0x8200000f);
    expect_exec(c, "el1 exec of UXN-only page", snip_va(c, S_X_UXN), 0, 0);
    expect_exec(c, "el1 exec of PXN page: ESR", snip_va(c, S_X_PXN), 0, 0x8600000f);
    expect_exec(c, "el0 exec of PXN-only page", snip_va(c, S_X_PXN), 1, 0);
    expect_exec(c, "el1 exec of EL0-writable page (implicit PXN): ESR", snip_va(c, S_X_EL0W), 0,
                0x8600000f);
    expect_exec(c, "el1 exec of RW page without WXN", snip_va(c, S_X_RW), 0, 0);
    write_sysreg(sctlr_el1, read_sysreg(sctlr_el1) | SCTLR_WXN);
    isb();
    flush_all();
    expect_exec(c, "el1 exec of RW page with WXN: ESR", snip_va(c, S_X_RW), 0, 0x8600000f);
    write_sysreg(sctlr_el1, read_sysreg(sctlr_el1) & ~SCTLR_WXN);
    isb();
    flush_all();
    expect_exec(c, "el1 exec of RW page after WXN cleared", snip_va(c, S_X_RW), 0, 0);

    if ((read_sysreg(id_aa64mmfr1_el1) >> 20) & 0xf) {
        /*
         * With PSTATE.PAN set even our own read-only data (EL0-readable, like
         * all the code) is out of reach: nothing between set_pan(1) and
         * set_pan(0) may touch .rodata, including the fault handler's path.
         */
        unsigned n = rt_fault.count;
        uint64_t va = slot(c, S_EL0RW), el1_page;
        set_pan(1);
        rt_expect_fault();
        (void)rd(va);
        el1_page = rd(slot(c, S_RW));
        set_pan(0);
        check_eq(L(c, "PAN: el1 read of EL0 page: ESR"), rt_fault.count - n == 1 ? rt_fault.esr : 0,
                 0x9600000f);
        check_eq(L(c, "PAN: FAR"), rt_fault.far == va, 1);
        check_eq(L(c, "PAN: el1 read of EL1 page"), el1_page, MARK(0));
        check_eq(L(c, "PAN off: el1 read of EL0 page"), rd(va), MARK(2));
    }

    expect_data_fault(c, "read of invalid level 3 entry: ESR", slot(c, S_NONE), 0, 0, 0x96000007);
    expect_data_fault(c, "write of invalid level 3 entry: ESR", slot(c, S_NONE), 1, 0, 0x96000047);
    expect_data_fault(c, "read under an invalid root entry: ESR", 1ull << (c->ia - 1), 0, 0,
                      0x96000004 | start);
    if (c->ia < 48) {
        expect_data_fault(c, "read beyond T0SZ: ESR", 1ull << c->ia, 0, 0, 0x96000004);
    }
    expect_data_fault(c, "ttbr1 read under an invalid root entry: ESR", c->hi | (1ull << (c->ia - 1)),
                      0, 0, 0x96000004 | start);
    expect_data_fault(c, "read of AF=0 page: ESR", slot(c, S_NOAF), 0, 0, 0x9600000b);
    expect_data_fault(c, "write of AF=0 page: ESR", slot(c, S_NOAF), 1, 0, 0x9600004b);
}

static void test_hafdbs(struct cfg *c)
{
    unsigned hafdbs = (unsigned)read_sysreg(id_aa64mmfr1_el1) & 0xf;
    volatile uint64_t *af = pt_leaf(&c->t0, slot(c, S_HWAF), 3);
    volatile uint64_t *dbm = pt_leaf(&c->t0, slot(c, S_DBM), 3);

    if (!hafdbs) {
        return;
    }
    write_sysreg(tcr_el1, c->tcr | TCR_HA | (hafdbs >= 2 ? TCR_HD : 0));
    isb();
    flush_all();
    check_eq(L(c, "HA: read of AF=0 page"), rd(slot(c, S_HWAF)), MARK(0));
    check_eq(L(c, "HA: the walk set AF in the descriptor"), *af & PTE_AF, PTE_AF);
    if (hafdbs >= 2) {
        check_eq(L(c, "HD: read of writable-clean page"), rd(slot(c, S_DBM)), MARK(2));
        check_eq(L(c, "HD: a read leaves it clean (AP[2] set)"), *dbm & (1ull << 7), 1ull << 7);
        wr(slot(c, S_DBM) + 16, 0x77);
        check_eq(L(c, "HD: write to writable-clean page lands"), *(volatile uint64_t *)(tpage[2] + 16),
                 0x77);
        check_eq(L(c, "HD: the write cleared AP[2] (dirty)"), *dbm & (1ull << 7), 0);
        expect_data_fault(c, "HD: write to RO page without DBM still faults: ESR", slot(c, S_RO), 1, 0,
                          0x9600004f);
    }
    write_sysreg(tcr_el1, c->tcr);
    isb();
    flush_all();
}

static void test_tlbi(struct cfg *c)
{
    static const char *names[] = {
        "tlbi vae1", "tlbi vale1", "tlbi vaae1", "tlbi vaale1", "tlbi aside1", "tlbi vmalle1",
        "tlbi vae1is", "tlbi vaae1is", "tlbi aside1is", "tlbi vmalle1is",
    };
    uint64_t va = slot(c, S_TLBI);
    volatile uint64_t *pte = pt_leaf(&c->t0, va, 3);
    uint64_t base = *pte & ~(0x0000fffffffff000ull);

    for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        unsigned from = i & 1, to = !from;
        uint64_t x = tlbi_arg(va, 1);

        /* Make sure the old mapping is in use (and so possibly cached). */
        if (rd(va) != MARK(from)) {
            pr("FAIL %s: the old mapping is not in use\n", L(c, names[i]));
            rt_failures++;
        }
        *pte = base | (uint64_t)tpage[to];
        dsb(ishst);
        switch (i) {
        case 0: __asm__ volatile("tlbi vae1, %0" : : "r"(x) : "memory"); break;
        case 1: __asm__ volatile("tlbi vale1, %0" : : "r"(x) : "memory"); break;
        case 2: __asm__ volatile("tlbi vaae1, %0" : : "r"(x) : "memory"); break;
        case 3: __asm__ volatile("tlbi vaale1, %0" : : "r"(x) : "memory"); break;
        case 4: __asm__ volatile("tlbi aside1, %0" : : "r"(1ull << 48) : "memory"); break;
        case 5: __asm__ volatile("tlbi vmalle1" : : : "memory"); break;
        case 6: __asm__ volatile("tlbi vae1is, %0" : : "r"(x) : "memory"); break;
        case 7: __asm__ volatile("tlbi vaae1is, %0" : : "r"(x) : "memory"); break;
        case 8: __asm__ volatile("tlbi aside1is, %0" : : "r"(1ull << 48) : "memory"); break;
        default: __asm__ volatile("tlbi vmalle1is" : : : "memory"); break;
        }
        tlb_sync();
        check_eq(L(c, names[i]), rd(va), MARK(to));
    }
    /* Back to page A for the next configuration's expectations. */
    *pte = base | (uint64_t)tpage[0];
    flush_all();
}

/* A non-global entry cached under ASID 1 is not used under ASID 2. */
static void test_asid(struct cfg *c)
{
    uint64_t va = slot(c, S_ASID);
    volatile uint64_t *pte = pt_leaf(&c->t0, va, 3);
    uint64_t base = *pte & ~(0x0000fffffffff000ull);
    uint64_t ttbr = (uint64_t)c->t0.root;

    check_eq(L(c, "asid 1: nG page read"), rd(va), MARK(0));
    *pte = base | (uint64_t)tpage[1];
    dsb(ish);
    write_sysreg(ttbr0_el1, ttbr | 2ull << 48);
    isb();
    check_eq(L(c, "asid 2: sees the new PTE, not ASID 1's entry"), rd(va), MARK(1));
    write_sysreg(ttbr0_el1, ttbr | 1ull << 48);
    isb();
    __asm__ volatile("tlbi aside1, %0" : : "r"(1ull << 48) : "memory");
    tlb_sync();
    check_eq(L(c, "asid 1 after tlbi aside1: new PTE"), rd(va), MARK(1));
    *pte = base | (uint64_t)tpage[0];
    flush_all();
}

static void test_at(struct cfg *c)
{
    uint64_t par;
    const uint64_t pa_mask = 0x0000fffffffff000ull;

    par = at(0, slot(c, S_RW));
    pr("info %s = 0x%lx\n", L(c, "at s1e1r rw page: PAR"), par);
    check_eq(L(c, "at s1e1r rw page: F"), par & 1, 0);
    check_eq(L(c, "at s1e1r rw page: PA"), par & pa_mask, (uint64_t)tpage[0]);
    check_eq(L(c, "at s1e1r rw page: ATTR"), par >> 56, 0xff);
    check_eq(L(c, "at s1e1r rw page: SH inner"), (par >> 7) & 3, 3);
    par = at(0, c->hi + 0x10);
    check_eq(L(c, "at s1e1r ttbr1 page: PA"), par & (pa_mask | 1), (uint64_t)tpage[1]);
    par = at(0, c->blk2 + blk_off(c, 2) + 0x18);
    check_eq(L(c, "at s1e1r in a block: PA"), par & (pa_mask | 1), (uint64_t)tpage[2]);
    par = at(1, slot(c, S_RO));
    pr("info %s = 0x%lx\n", L(c, "at s1e1w ro page: PAR"), par);
    check_eq(L(c, "at s1e1w ro page: F, FST permission level 3"), par & 0x3ff, 0x0f << 1 | 1);
    check_eq(L(c, "at s1e1r ro page: F"), at(0, slot(c, S_RO)) & 1, 0);
    check_eq(L(c, "at s1e0r el1 page: F, FST permission level 3"), at(2, slot(c, S_RW)) & 0x3ff,
             0x0f << 1 | 1);
    par = at(2, slot(c, S_EL0RW));
    check_eq(L(c, "at s1e0r el0 page: PA"), par & (pa_mask | 1), (uint64_t)tpage[2]);
    check_eq(L(c, "at s1e1r invalid: F, FST translation level 3"), at(0, slot(c, S_NONE)) & 0x3ff,
             0x07 << 1 | 1);
    check_eq(L(c, "at s1e1r AF=0: F, FST access flag level 3"), at(0, slot(c, S_NOAF)) & 0x3ff,
             0x0b << 1 | 1);
    par = at(0, UART_BASE);
    pr("info %s = 0x%lx\n", L(c, "at s1e1r device page: PAR"), par);
    check_eq(L(c, "at s1e1r device page: ATTR"), par >> 56, 0);
}

static void run(unsigned gbits, unsigned ia)
{
    static struct cfg c;

    c.gbits = gbits;
    c.ia = ia;
    c.pg = 1ull << gbits;
    c.lo = 1ull << (ia - 2);
    c.hi = (~0ull << ia) | (1ull << (ia - 2));
    c.blk2 = c.lo + (1ull << (ia - 3));
    c.blk1 = c.lo + (1ull << (ia - 4));
    c.blk2ro = c.lo + (1ull << (ia - 3)) + (1ull << (ia - 4)) + (1ull << (ia - 5));
    if (gbits == 12) {
        c.blk2ro = c.lo + (1ull << (ia - 5));
    }
    pr("config %s\n", L(&c, "granule/VA bits"));
    build(&c);
    mmu_on(&c);
    test_maps(&c);
    test_faults(&c);
    test_hafdbs(&c);
    test_tlbi(&c);
    test_asid(&c);
    test_at(&c);
    mmu_off();
}

int main(void)
{
    static const unsigned gr[] = { 12, 14, 16 };
    static const unsigned sizes[] = { 39, 42, 48 };
    uint64_t mmfr1 = read_sysreg(id_aa64mmfr1_el1);

    pr("mmu: stage 1 translation, permissions, TLBI and AT at EL1&0\n");
    pr("granules: 4K %s, 16K %s, 64K %s; PAN %s; HAFDBS %u\n", granule_supported(12) ? "yes" : "no",
       granule_supported(14) ? "yes" : "no", granule_supported(16) ? "yes" : "no",
       ((mmfr1 >> 20) & 0xf) ? "yes" : "no", (unsigned)(mmfr1 & 0xf));
    for (unsigned i = 0; i < 4; i++) {
        *(volatile uint64_t *)tpage[i] = MARK(i);
    }
    for (unsigned g = 0; g < 3; g++) {
        if (!granule_supported(gr[g])) {
            continue;
        }
        for (unsigned s = 0; s < 3; s++) {
            run(gr[g], sizes[s]);
        }
    }
    return 0;
}
