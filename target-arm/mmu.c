/*
 * AArch64 VMSAv8-64 translation table walks (Arm ARM D8; D5 in issues
 * before K.a).  See mmu.h for the contract.
 *
 * The walk is written once for both stages (walk()); the stage-specific
 * parts are the parameter decoding (TCR_ELx / VTCR_EL2), the permission
 * model (AP/UXN/PXN with hierarchical controls vs S2AP/XN) and the memory
 * attributes (MAIR index vs stage 2 MemAttr).
 *
 * Implementation choices where the Arm ARM leaves one open:
 *  - TxSZ outside 16..39 (12..39 with FEAT_LVA and 64K) is treated as the
 *    nearest allowed value.
 *  - The reserved TGx encodings are treated as the 4K granule.
 *  - Instruction fetch from Device memory (stage 1 on) is a Permission fault.
 *  - The access flag and dirty state are only updated by an access that
 *    does not fault at that stage.
 *  - An unusable stage 2 configuration (SL0 inconsistent with T0SZ, more
 *    than 16 concatenated tables, input size beyond PARange) is a stage 2
 *    Translation fault at level 0, as is an IPA beyond the input size.
 */
#include "target-arm/mmu.h"

#include <assert.h>
#include <stddef.h>
#include <string.h>

#define BIT(n) (1ULL << (n))

static inline uint64_t mask_bits(unsigned n)     /* bits [n-1:0] */
{
    return n >= 64 ? ~0ULL : BIT(n) - 1;
}

static inline uint64_t field(uint64_t v, unsigned pos, unsigned len)
{
    return (v >> pos) & mask_bits(len);
}

/* Bits [hi:lo] set. */
static inline uint64_t range_mask(unsigned hi, unsigned lo)
{
    return mask_bits(hi + 1) & ~mask_bits(lo);
}

/* Descriptor bits (D8.3 "Translation table descriptor formats"). */
#define DESC_VALID      BIT(0)
#define DESC_TABLE      BIT(1)      /* table (levels 0-2) or page (level 3) */
#define DESC_AP1        BIT(6)      /* stage 1 AP[1]: EL0 access; stage 2 S2AP[0]: read */
#define DESC_AP2        BIT(7)      /* stage 1 AP[2]: read-only; stage 2 S2AP[1]: write */
#define DESC_AF         BIT(10)
#define DESC_NG         BIT(11)
#define DESC_DBM        BIT(51)
#define DESC_PXN        BIT(53)
#define DESC_UXN        BIT(54)     /* XN in single-range regimes and stage 2 */
#define TABLE_PXN       BIT(59)
#define TABLE_UXN       BIT(60)     /* XNTable in single-range regimes */
#define TABLE_AP0       BIT(61)     /* APTable[0]: no EL0 access below */
#define TABLE_AP1       BIT(62)     /* APTable[1]: no write below */

#define SCTLR_M         BIT(0)
#define SCTLR_I         BIT(12)
#define SCTLR_WXN       BIT(19)
#define SCTLR_EE        BIT(25)

/*
 * Output addresses in descriptors and TTBRs: bits [47:12]; with FEAT_LPA and
 * the 64K granule a 52-bit output size adds OA[51:48] in descriptor bits
 * [15:12] and in TTBR bits [5:2].
 */
#define OA_MAX_BITS     48
#define OA_LPA_BITS     52

/* MAIR-format attribute bytes used when stage 1 is off (D8.2.10 / D5.2.9). */
#define ATTR_DEVICE_nGnRnE  0x00
#define ATTR_NORMAL_NC      0x44
#define ATTR_NORMAL_WT      0xaa    /* WT, read-allocate, no write-allocate */
#define ATTR_NORMAL_WB      0xff

#define SH_NON      0
#define SH_OUTER    2
#define SH_INNER    3

/* The decoded parameters of one walk. */
typedef struct WalkParams {
    unsigned gbits;     /* granule: 12, 14 or 16 */
    unsigned ia;        /* input address size in bits */
    int start;          /* initial lookup level */
    uint64_t base;      /* table base (an IPA for stage 1 under stage 2) */
    unsigned oa;        /* output address size in bits */
    bool hpd;           /* hierarchical permissions disabled */
    bool ha, hd;        /* hardware access flag / dirty state */
    bool ee;            /* descriptors are big-endian */
    bool stage2;
    bool two_ranges;    /* stage 1 regime with EL0 (APTable[0], PXNTable) */
} WalkParams;

typedef struct WalkOut {
    uint64_t desc;      /* the leaf descriptor */
    uint64_t desc_addr; /* its address (IPA for stage 1 under stage 2) */
    uint64_t desc_pa;   /* its physical address */
    int level;
    unsigned page_bits;
    uint64_t oa;        /* output address of the input address */
    uint64_t table;     /* TABLE_* bits accumulated over the table descriptors */
} WalkOut;

typedef struct S2Out {
    uint64_t pa;
    unsigned page_bits;
    bool r, w, x;
    uint8_t memattr;    /* stage 2 MemAttr[3:0] */
    uint8_t sh;
} S2Out;

static void set_fault(ArmMMUFault *f, ArmMMUFaultType type, int level, bool stage2)
{
    memset(f, 0, sizeof(*f));
    f->type = type;
    f->level = level;
    f->stage2 = stage2;
}

/* ID_AA64MMFR0.PARange / TCR.IPS / VTCR.PS encodings. */
static unsigned decode_ps(unsigned ps)
{
    static const unsigned sizes[8] = { 32, 36, 40, 42, 44, 48, 52, 48 };
    return sizes[ps & 7];
}

/* Output size: the smaller of the configured size and the CPU's. */
static unsigned output_size(const ArmMMUContext *c, unsigned ps, unsigned gbits)
{
    unsigned oa = decode_ps(ps);
    unsigned pa = c->pa_bits ? c->pa_bits : OA_MAX_BITS;
    if (oa > pa) {
        oa = pa;
    }
    /* 52 bits only with the 64K granule (FEAT_LPA; FEAT_LPA2 is not modelled). */
    if (oa > OA_MAX_BITS && gbits != 16) {
        oa = OA_MAX_BITS;
    }
    return oa;
}

static unsigned tg0_bits(unsigned tg)
{
    switch (tg) {
    case 1: return 16;
    case 2: return 14;
    default: return 12;     /* 0, and reserved 3 */
    }
}

static unsigned tg1_bits(unsigned tg)
{
    switch (tg) {
    case 1: return 14;
    case 3: return 16;
    default: return 12;     /* 2, and reserved 0 */
    }
}

/* 52-bit inputs (TxSZ 12) need the 64K granule and FEAT_LVA (stage 1) or FEAT_LPA (stage 2). */
static unsigned clamp_txsz(unsigned txsz, bool allow52)
{
    unsigned min = allow52 ? 12 : 16;
    if (txsz < min) {
        return min;
    }
    return txsz > 39 ? 39 : txsz;
}

static unsigned lookup_shift(unsigned gbits, int level)
{
    return gbits + (gbits - 3) * (unsigned)(3 - level);
}

/*
 * Block descriptors allowed at this level: 1 GiB and 2 MiB with 4K, 32 MiB
 * with 16K, 512 MiB with 64K, and 4 TiB with 64K when the output size is 52
 * bits (FEAT_LPA).  FEAT_LPA2 (4K/16K 52-bit) is not modelled.
 */
static bool block_allowed(unsigned gbits, int level, unsigned oa)
{
    if (gbits == 12) {
        return level == 1 || level == 2;
    }
    if (gbits == 16 && oa == OA_LPA_BITS && level == 1) {
        return true;
    }
    return level == 2;
}

/* The address in a descriptor, bits [47:lo] plus [51:48] from [15:12] with 52-bit output. */
static uint64_t desc_addr(uint64_t desc, unsigned lo, unsigned oa)
{
    uint64_t a = desc & range_mask(OA_MAX_BITS - 1, lo);
    if (oa == OA_LPA_BITS) {
        a |= field(desc, 12, 4) << 48;
    }
    return a;
}

/* The table base in a TTBR / VTTBR: BADDR[47:align], and [51:48] from bits [5:2]. */
static uint64_t ttbr_base(uint64_t ttbr, unsigned align, unsigned oa)
{
    uint64_t a = ttbr & range_mask(OA_MAX_BITS - 1, align);
    if (oa == OA_LPA_BITS) {
        a |= field(ttbr, 2, 4) << 48;
    }
    return a;
}

static bool read_desc(const ArmMMUPhys *phys, uint64_t pa, bool ee, uint64_t *val)
{
    uint64_t v;
    if (!phys->read64(phys->opaque, pa, &v)) {
        return false;
    }
    *val = ee ? __builtin_bswap64(v) : v;
    return true;
}

/* Store new over old; *changed tells whether someone else got there first. */
static bool update_desc(const ArmMMUPhys *phys, uint64_t pa, bool ee, uint64_t old,
                        uint64_t new_val, bool *changed)
{
    uint64_t actual;
    uint64_t o = ee ? __builtin_bswap64(old) : old;
    uint64_t n = ee ? __builtin_bswap64(new_val) : new_val;
    if (!phys->cmpxchg64(phys->opaque, pa, o, n, &actual)) {
        return false;
    }
    *changed = actual != o;
    return true;
}

static bool stage2_translate(const ArmMMUContext *c, const ArmMMUPhys *phys, uint64_t ipa,
                             ArmAccessType access, S2Out *out, ArmMMUFault *f);

/*
 * The physical address of a stage 1 table access at ipa: identity without
 * stage 2, else a stage 2 translation reported as S1PTW when it faults.
 * A hardware update of the descriptor needs stage 2 write permission.
 */
static bool s1_table_pa(const ArmMMUContext *c, const ArmMMUPhys *phys, uint64_t ipa,
                        bool write, uint64_t *pa, ArmMMUFault *f)
{
    S2Out s2;
    if (!c->stage2) {
        *pa = ipa;
        return true;
    }
    if (!stage2_translate(c, phys, ipa, write ? ARM_ACCESS_WRITE : ARM_ACCESS_READ, &s2, f)) {
        f->s1ptw = true;
        f->write = write;
        return false;
    }
    *pa = s2.pa;
    return true;
}

/*
 * D8.2 "Translation process": walk from p->start down to a block or page
 * descriptor for address in (already range-checked).  Faults are
 * Translation (invalid or reserved descriptor), Address size (table or
 * output address beyond p->oa) or External abort on the walk.
 */
static bool walk(const ArmMMUContext *c, const ArmMMUPhys *phys, const WalkParams *p,
                 uint64_t in, WalkOut *out, ArmMMUFault *f)
{
    unsigned stride = p->gbits - 3;
    uint64_t table = p->base;
    uint64_t table_attrs = 0;
    int level = p->start;

    for (;;) {
        unsigned shift = lookup_shift(p->gbits, level);
        unsigned bits = level == p->start ? p->ia - shift : stride;
        uint64_t addr = table + field(in, shift, bits) * 8;
        uint64_t pa, desc;

        if (!p->stage2) {
            if (!s1_table_pa(c, phys, addr, false, &pa, f)) {
                return false;
            }
        } else {
            pa = addr;
        }
        if (!read_desc(phys, pa, p->ee, &desc)) {
            set_fault(f, ARM_FAULT_SYNC_EXTERNAL_ON_WALK, level, p->stage2);
            return false;
        }
        if (!(desc & DESC_VALID)) {
            set_fault(f, ARM_FAULT_TRANSLATION, level, p->stage2);
            return false;
        }
        if (level < 3 && (desc & DESC_TABLE)) {
            uint64_t next = desc_addr(desc, p->gbits, p->oa);
            if (next >> p->oa) {
                set_fault(f, ARM_FAULT_ADDRESS_SIZE, level, p->stage2);
                return false;
            }
            /* D8.4.2 hierarchical permissions: stage 1 only, unless TCR.HPD. */
            if (!p->stage2 && !p->hpd) {
                uint64_t keep = p->two_ranges ? (TABLE_PXN | TABLE_UXN | TABLE_AP0 | TABLE_AP1)
                                              : (TABLE_UXN | TABLE_AP1);
                table_attrs |= desc & keep;
            }
            table = next;
            level++;
            continue;
        }
        if (level == 3 ? !(desc & DESC_TABLE) : !block_allowed(p->gbits, level, p->oa)) {
            /* Reserved encoding: 0b01 at level 3, or a block where none may be. */
            set_fault(f, ARM_FAULT_TRANSLATION, level, p->stage2);
            return false;
        }
        uint64_t oa = desc_addr(desc, shift, p->oa);
        if (oa >> p->oa) {
            set_fault(f, ARM_FAULT_ADDRESS_SIZE, level, p->stage2);
            return false;
        }
        out->desc = desc;
        out->desc_addr = addr;
        out->desc_pa = pa;
        out->level = level;
        out->page_bits = shift;
        out->oa = oa | (in & mask_bits(shift));
        out->table = table_attrs;
        return true;
    }
}

/* ---------------------------------------------------------------- stage 2 */

/* D8.2.5 (VTCR_EL2): the stage 2 walk parameters, false if unusable. */
static bool stage2_params(const ArmMMUContext *c, WalkParams *p)
{
    uint64_t vtcr = c->vtcr;
    unsigned sl0 = (unsigned)field(vtcr, 6, 2);
    unsigned pa = c->pa_bits ? c->pa_bits : OA_MAX_BITS;

    memset(p, 0, sizeof(*p));
    p->stage2 = true;
    p->gbits = tg0_bits((unsigned)field(vtcr, 14, 2));
    p->ia = 64 - clamp_txsz((unsigned)field(vtcr, 0, 6), p->gbits == 16 && pa >= OA_LPA_BITS);
    p->oa = output_size(c, (unsigned)field(vtcr, 16, 3), p->gbits);
    p->ha = c->ha && (vtcr & BIT(21));
    p->hd = p->ha && c->hd && (vtcr & BIT(22));
    if (sl0 == 3) {
        return false;
    }
    p->start = (p->gbits == 12 ? 2 : 3) - (int)sl0;
    if (p->ia > pa) {
        return false;
    }
    /* The start level must resolve 1 .. stride+4 bits (up to 16 concatenated tables). */
    unsigned shift = lookup_shift(p->gbits, p->start);
    if (p->ia <= shift || p->ia - shift > p->gbits - 3 + 4) {
        return false;
    }
    /* Tables are aligned to their size (at least 64 bytes); lower BADDR bits are ignored. */
    unsigned align = p->ia - shift + 3;
    if (align < 6) {
        align = 6;
    }
    p->base = ttbr_base(c->vttbr, align, p->oa);
    return true;
}

/* D8.4.3 / D8.5: stage 2 walk, permissions (S2AP, XN) and AF/DBM. */
static bool stage2_translate(const ArmMMUContext *c, const ArmMMUPhys *phys, uint64_t ipa,
                             ArmAccessType access, S2Out *out, ArmMMUFault *f)
{
    WalkParams p;
    WalkOut w;

    if (!stage2_params(c, &p) || (ipa >> p.ia)) {
        set_fault(f, ARM_FAULT_TRANSLATION, 0, true);
        f->ipa = ipa;
        return false;
    }
    if ((c->vttbr & range_mask(OA_MAX_BITS - 1, 1)) >> p.oa) {
        set_fault(f, ARM_FAULT_ADDRESS_SIZE, 0, true);
        f->ipa = ipa;
        return false;
    }
    for (;;) {
        if (!walk(c, phys, &p, ipa, &w, f)) {
            f->ipa = ipa;
            f->write = access == ARM_ACCESS_WRITE;
            return false;
        }
        uint64_t d = w.desc;
        bool need_af = false, need_dirty = false;
        bool r = d & DESC_AP1, wr = d & DESC_AP2, x = !(d & DESC_UXN);

        if (!(d & DESC_AF)) {
            if (!p.ha) {
                set_fault(f, ARM_FAULT_ACCESS_FLAG, w.level, true);
                f->ipa = ipa;
                f->write = access == ARM_ACCESS_WRITE;
                return false;
            }
            need_af = true;
        }
        /* Writable-clean (DBM): writable, and a write sets S2AP[1]. */
        bool dbm_clean = !wr && p.hd && (d & DESC_DBM);
        if (dbm_clean) {
            wr = true;
            need_dirty = access == ARM_ACCESS_WRITE;
        }
        bool ok = access == ARM_ACCESS_READ ? r : access == ARM_ACCESS_WRITE ? wr : x;
        if (!ok) {
            set_fault(f, ARM_FAULT_PERMISSION, w.level, true);
            f->ipa = ipa;
            f->write = access == ARM_ACCESS_WRITE;
            return false;
        }
        if (need_af || need_dirty) {
            uint64_t nd = d | (need_af ? DESC_AF : 0) | (need_dirty ? DESC_AP2 : 0);
            bool changed;
            if (!update_desc(phys, w.desc_pa, p.ee, d, nd, &changed)) {
                set_fault(f, ARM_FAULT_SYNC_EXTERNAL_ON_WALK, w.level, true);
                f->ipa = ipa;
                f->write = true;
                return false;
            }
            if (changed) {
                continue;       /* someone else changed it: walk again */
            }
        }
        out->pa = w.oa;
        out->page_bits = w.page_bits;
        out->r = r;
        out->w = wr && (!dbm_clean || need_dirty);
        out->x = x;
        out->memattr = (uint8_t)field(d, 2, 4);
        out->sh = (uint8_t)field(d, 8, 2);
        return true;
    }
}

/* ------------------------------------------------------------ attributes */

static bool attr_is_device(uint8_t attr)
{
    return (attr & 0xf0) == 0;
}

/* One MAIR nibble of Normal memory: cacheability 0 NC, 1 WT, 2 WB, and the hints. */
static unsigned nibble_cacheability(unsigned n)
{
    if (n == 4 || n == 0) {
        return 0;
    }
    switch (n >> 2) {
    case 0: case 2: return 1;       /* WT transient / non-transient */
    case 1: case 3: return 2;       /* WB transient / non-transient */
    }
    return 0;
}

static unsigned nibble_with(unsigned n, unsigned cache)
{
    if (cache == 0) {
        return 4;
    }
    unsigned hints = n & 3;
    bool transient = n < 8;
    if (nibble_cacheability(n) == 0 || hints == 0) {
        hints = 3;      /* stage 1 had no hints to keep (NC): allocate both */
        transient = false;
    }
    unsigned base = cache == 1 ? (transient ? 0x0 : 0x8) : (transient ? 0x4 : 0xc);
    return base | hints;
}

/*
 * D8.5.5 "Combining the stage 1 and stage 2 attributes" (without FWB):
 * the stronger memory type, the less cacheable, the more shareable.
 */
static uint8_t combine_attrs(uint8_t s1, uint8_t s2memattr)
{
    unsigned outer2 = s2memattr >> 2, inner2 = s2memattr & 3;
    if (outer2 == 0) {
        /* Stage 2 Device: dd in [1:0], the MAIR device byte is 0000dd00. */
        uint8_t dev2 = (uint8_t)(inner2 << 2);
        if (attr_is_device(s1)) {
            return s1 < dev2 ? s1 : dev2;
        }
        return dev2;
    }
    if (attr_is_device(s1)) {
        return s1;
    }
    /* Stage 2 Normal: 01 NC, 10 WT, 11 WB (inner 00 is reserved: take NC). */
    unsigned c_out2 = outer2 - 1, c_in2 = inner2 ? inner2 - 1 : 0;
    unsigned o1 = s1 >> 4, i1 = s1 & 15;
    unsigned co = nibble_cacheability(o1), ci = nibble_cacheability(i1);
    co = co < c_out2 ? co : c_out2;
    ci = ci < c_in2 ? ci : c_in2;
    return (uint8_t)(nibble_with(o1, co) << 4 | nibble_with(i1, ci));
}

static uint8_t combine_sh(uint8_t s1, uint8_t s2)
{
    if (s1 == SH_OUTER || s2 == SH_OUTER) {
        return SH_OUTER;
    }
    if (s1 == SH_INNER || s2 == SH_INNER) {
        return SH_INNER;
    }
    return SH_NON;
}

/* ---------------------------------------------------------------- stage 1 */

/*
 * Top bit of the address that takes part in translation (D8.8 "Address
 * tagging", AddrTop): 55 when TBI applies, for instruction fetches only
 * if TBID is 0.
 */
static unsigned addr_top(const ArmMMUContext *c, uint64_t va, ArmAccessType access)
{
    bool tbi, tbid;
    if (c->regime_has_two_ranges) {
        bool hi = va & BIT(55);
        tbi = c->tcr & (hi ? BIT(38) : BIT(37));
        tbid = c->tcr & (hi ? BIT(52) : BIT(51));
    } else {
        tbi = c->tcr & BIT(20);
        tbid = c->tcr & BIT(29);
    }
    return tbi && (access != ARM_ACCESS_EXEC || !tbid) ? 55 : 63;
}

/* Stage 1 disabled (D8.2.11, "The effective value of SCTLR_ELx.M"): flat. */
static bool s1_off(const ArmMMUContext *c, uint64_t va, ArmAccessType access,
                   ArmMMUResult *res, ArmMMUFault *f)
{
    unsigned top = addr_top(c, va, access);
    unsigned pa_bits = c->pa_bits ? c->pa_bits : OA_MAX_BITS;

    if (va & range_mask(top, pa_bits)) {
        set_fault(f, ARM_FAULT_ADDRESS_SIZE, 0, false);
        return false;
    }
    memset(res, 0, sizeof(*res));
    res->pa = res->ipa = va & mask_bits(pa_bits);
    res->page_bits = 12;
    res->readable = res->writable = res->executable = true;
    res->global = true;
    if (c->hcr_dc && c->el == 1) {
        res->attrs = ATTR_NORMAL_WB;
        res->sh = SH_NON;
    } else if (access == ARM_ACCESS_EXEC) {
        res->attrs = (c->sctlr & SCTLR_I) ? ATTR_NORMAL_WT : ATTR_NORMAL_NC;
        res->sh = SH_OUTER;
    } else {
        res->attrs = ATTR_DEVICE_nGnRnE;
        res->sh = SH_OUTER;
    }
    return true;
}

/* Stage 1 on: range selection, walk, permissions, AF/DBM.  res->pa is the IPA. */
static bool s1_on(const ArmMMUContext *c, const ArmMMUPhys *phys, uint64_t va,
                  ArmAccessType access, ArmMMUResult *res, ArmMMUFault *f)
{
    uint64_t tcr = c->tcr;
    bool two = c->regime_has_two_ranges;
    bool hi = two && (va & BIT(55));
    unsigned top = addr_top(c, va, access);
    unsigned txsz;
    uint64_t ttbr;
    WalkParams p;

    memset(&p, 0, sizeof(p));
    p.two_ranges = two;
    p.ee = c->sctlr & SCTLR_EE;
    if (two) {
        bool epd;
        if (hi) {
            txsz = (unsigned)field(tcr, 16, 6);
            epd = tcr & BIT(23);
            p.gbits = tg1_bits((unsigned)field(tcr, 30, 2));
            p.hpd = tcr & BIT(42);
            ttbr = c->ttbr1;
        } else {
            txsz = (unsigned)field(tcr, 0, 6);
            epd = tcr & BIT(7);
            p.gbits = tg0_bits((unsigned)field(tcr, 14, 2));
            p.hpd = tcr & BIT(41);
            ttbr = c->ttbr0;
        }
        p.oa = output_size(c, (unsigned)field(tcr, 32, 3), p.gbits);
        p.ha = c->ha && (tcr & BIT(39));
        p.hd = p.ha && c->hd && (tcr & BIT(40));
        if (epd) {
            set_fault(f, ARM_FAULT_TRANSLATION, 0, false);
            return false;
        }
    } else {
        txsz = (unsigned)field(tcr, 0, 6);
        p.gbits = tg0_bits((unsigned)field(tcr, 14, 2));
        p.hpd = tcr & BIT(24);
        p.oa = output_size(c, (unsigned)field(tcr, 16, 3), p.gbits);
        p.ha = c->ha && (tcr & BIT(21));
        p.hd = p.ha && c->hd && (tcr & BIT(22));
        ttbr = c->ttbr0;
    }
    txsz = clamp_txsz(txsz, c->lva && p.gbits == 16);
    p.ia = 64 - txsz;

    /* D8.2.4 / D8.8: the bits above the input size (up to AddrTop) must
     * all be copies of bit 55 (TTBR1) or zero (TTBR0). */
    uint64_t upper = va & range_mask(top, p.ia);
    if (upper != (hi ? range_mask(top, p.ia) : 0)) {
        set_fault(f, ARM_FAULT_TRANSLATION, 0, false);
        return false;
    }

    unsigned stride = p.gbits - 3;
    p.start = 4 - (int)((p.ia - p.gbits + stride - 1) / stride);
    unsigned align = p.ia - lookup_shift(p.gbits, p.start) + 3;
    if (align < 6) {
        align = 6;
    }
    if ((ttbr & range_mask(OA_MAX_BITS - 1, 1)) >> p.oa) {
        set_fault(f, ARM_FAULT_ADDRESS_SIZE, 0, false);
        return false;
    }
    p.base = ttbr_base(ttbr, align, p.oa);

    bool priv = !(two && c->unprivileged);
    for (;;) {
        WalkOut w;
        if (!walk(c, phys, &p, va, &w, f)) {
            f->write = access == ARM_ACCESS_WRITE;
            return false;
        }
        uint64_t d = w.desc;
        bool need_af = false, need_dirty = false;

        if (!(d & DESC_AF)) {
            if (!p.ha) {
                set_fault(f, ARM_FAULT_ACCESS_FLAG, w.level, false);
                f->write = access == ARM_ACCESS_WRITE;
                return false;
            }
            need_af = true;
        }

        /*
         * D8.4.1 AP[2:1].  With hardware dirty state a writable-clean (DBM)
         * page is writable for the permission model; a write makes it dirty,
         * and until then the TLB must not see it writable.
         */
        bool ap2 = d & DESC_AP2, ap1 = d & DESC_AP1;
        bool dbm_clean = ap2 && p.hd && (d & DESC_DBM);
        if (dbm_clean) {
            ap2 = false;
        }
        if (w.table & TABLE_AP1) {
            ap2 = true;
        }
        if (w.table & TABLE_AP0) {
            ap1 = false;
        }
        bool wxn = c->sctlr & SCTLR_WXN;
        bool r, wr, x;
        if (two) {
            bool user_r = ap1, user_w = ap1 && !ap2;
            bool priv_w = !ap2;
            /* EL0-writable memory is never executable at EL1 (D8.4.1.2). */
            bool priv_x = !(d & DESC_PXN) && !(w.table & TABLE_PXN) && !user_w &&
                          !(wxn && priv_w);
            bool user_x = !(d & DESC_UXN) && !(w.table & TABLE_UXN) && !(wxn && user_w);
            if (priv) {
                r = true;
                wr = priv_w;
                x = priv_x;
                /* PAN: privileged data accesses to EL0-accessible memory fault. */
                if (c->pan && user_r) {
                    r = wr = false;
                }
            } else {
                r = user_r;
                wr = user_w;
                x = user_x;
            }
        } else {
            r = true;
            wr = !ap2;
            x = !(d & DESC_UXN) && !(w.table & TABLE_UXN) && !(wxn && wr);
        }
        uint8_t attrs = (uint8_t)(c->mair >> (field(d, 2, 3) * 8));
        if (attr_is_device(attrs)) {
            x = false;
        }
        bool ok = access == ARM_ACCESS_READ ? r : access == ARM_ACCESS_WRITE ? wr : x;
        if (!ok) {
            set_fault(f, ARM_FAULT_PERMISSION, w.level, false);
            f->write = access == ARM_ACCESS_WRITE;
            return false;
        }
        need_dirty = dbm_clean && access == ARM_ACCESS_WRITE;
        if (need_af || need_dirty) {
            uint64_t nd = (d | (need_af ? DESC_AF : 0)) & ~(need_dirty ? DESC_AP2 : 0);
            uint64_t pa;
            bool changed;
            /* Under stage 2 the update is a write to the descriptor's IPA. */
            if (!s1_table_pa(c, phys, w.desc_addr, true, &pa, f)) {
                return false;
            }
            if (!update_desc(phys, pa, p.ee, d, nd, &changed)) {
                set_fault(f, ARM_FAULT_SYNC_EXTERNAL_ON_WALK, w.level, false);
                f->write = true;
                return false;
            }
            if (changed) {
                continue;
            }
        }

        memset(res, 0, sizeof(*res));
        res->pa = res->ipa = w.oa;
        res->page_bits = w.page_bits;
        res->readable = r;
        res->writable = wr && (!dbm_clean || need_dirty);
        res->executable = x;
        res->attrs = attrs;
        res->sh = (uint8_t)field(d, 8, 2);
        res->guarded = (d & BIT(50)) != 0;     /* FEAT_BTI: GP, stage 1 block/page descriptors */
        if (two) {
            uint64_t asid_reg = (tcr & BIT(22)) ? c->ttbr1 : c->ttbr0;
            res->global = !(d & DESC_NG);
            res->asid = (uint16_t)(asid_reg >> 48) & ((tcr & BIT(36)) ? 0xffff : 0xff);
        } else {
            res->global = true;
        }
        return true;
    }
}

static bool stage1(const ArmMMUContext *c, const ArmMMUPhys *phys, uint64_t va,
                   ArmAccessType access, ArmMMUResult *res, ArmMMUFault *f)
{
    if (!(c->sctlr & SCTLR_M)) {
        return s1_off(c, va, access, res, f);
    }
    return s1_on(c, phys, va, access, res, f);
}

bool arm_mmu_translate_stage1(const ArmMMUContext *c, const ArmMMUPhys *phys, uint64_t va,
                              ArmAccessType access, ArmMMUResult *res, ArmMMUFault *fault)
{
    memset(fault, 0, sizeof(*fault));
    return stage1(c, phys, va, access, res, fault);
}

bool arm_mmu_translate(const ArmMMUContext *c, const ArmMMUPhys *phys, uint64_t va,
                       ArmAccessType access, ArmMMUResult *res, ArmMMUFault *fault)
{
    S2Out s2;

    memset(fault, 0, sizeof(*fault));
    if (!stage1(c, phys, va, access, res, fault)) {
        return false;
    }
    if (!c->stage2) {
        return true;
    }
    if (!stage2_translate(c, phys, res->ipa, access, &s2, fault)) {
        return false;
    }
    res->pa = s2.pa;
    if (s2.page_bits < res->page_bits) {
        res->page_bits = s2.page_bits;
    }
    res->readable = res->readable && s2.r;
    res->writable = res->writable && s2.w;
    res->executable = res->executable && s2.x;
    res->attrs = combine_attrs(res->attrs, s2.memattr);
    res->sh = combine_sh(res->sh, s2.sh);
    if (attr_is_device(res->attrs)) {
        res->executable = false;
    }
    return true;
}

/* ------------------------------------------------------ syndromes and PAR */

/* D17 ESR_ELx ISS for Data/Instruction Aborts: DFSC/IFSC. */
uint32_t arm_mmu_fault_status(const ArmMMUFault *f)
{
    uint32_t lvl = (uint32_t)f->level & 3;
    switch (f->type) {
    case ARM_FAULT_ADDRESS_SIZE:          return 0x00 | lvl;
    case ARM_FAULT_TRANSLATION:           return 0x04 | lvl;
    case ARM_FAULT_ACCESS_FLAG:           return 0x08 | lvl;
    case ARM_FAULT_PERMISSION:            return 0x0c | lvl;
    case ARM_FAULT_SYNC_EXTERNAL:         return 0x10;
    case ARM_FAULT_SYNC_EXTERNAL_ON_WALK: return 0x14 | lvl;
    case ARM_FAULT_ALIGNMENT:             return 0x21;
    case ARM_FAULT_NONE:
        break;
    }
    assert(!"arm_mmu_fault_status: no fault");
    return 0;
}

/* D17 PAR_EL1: F=0 with PA, SH and ATTR, or F=1 with FST, PTW and S. */
uint64_t arm_mmu_par(const ArmMMUResult *res, const ArmMMUFault *fault, bool ok)
{
    if (!ok) {
        return 1 | (uint64_t)arm_mmu_fault_status(fault) << 1 |
               (fault->s1ptw ? BIT(8) : 0) | (fault->stage2 ? BIT(9) : 0) | BIT(11);
    }
    uint8_t sh = res->sh;
    /* Device and Normal Non-cacheable memory is reported Outer Shareable. */
    if (attr_is_device(res->attrs) || res->attrs == ATTR_NORMAL_NC) {
        sh = SH_OUTER;
    }
    return (res->pa & range_mask(OA_LPA_BITS - 1, 12)) | (uint64_t)res->attrs << 56 |
           (uint64_t)sh << 7 | BIT(11);
}
