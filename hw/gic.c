/*
 * GICv2 distributor and CPU interface: see include/hw/gic.h.
 *
 * References are to the GIC Architecture Specification v2.0 (IHI 0048B).
 * The model has no Security Extensions, so GICD_IGROUPR and both groups
 * are visible to every access; group 0 goes to FIQ when GICC_CTLR.FIQEn
 * is set and to IRQ otherwise, group 1 always goes to IRQ (3.3.1).
 *
 * Priorities have all 8 bits implemented, so the minimum GICC_BPR is 0 and
 * there are 128 preemption levels, tracked in the active priorities
 * registers (one bit per level; 4.4.14).
 */
#include <assert.h>
#include <inttypes.h>
#include <string.h>
#include <libfdt.h>
#include "hw/gic.h"
#include "util/log.h"

#define GICD_IIDR_VALUE  0x0000043b   /* implementer Arm (JEP106 0x43b) */
#define GICC_IIDR_VALUE  0x0002043b   /* architecture version 2, Arm */
#define NO_IRQ           (-1)
#define IDLE_PRIORITY    0x100        /* running priority with nothing active */

/* ---- per-interrupt state ------------------------------------------------ */

static GICIrq *irq_state(GICState *s, unsigned cpu, unsigned irq)
{
    return irq < GIC_INTERNAL_IRQS ? &s->priv[cpu][irq] : &s->spi[irq - GIC_INTERNAL_IRQS];
}

/*
 * 1.4.2/4.3.5: an SGI is pending while any source has it pending; a
 * level-sensitive interrupt while its line is high or software latched
 * it; an edge-triggered one while latched.
 */
static bool irq_pending(GICState *s, unsigned cpu, unsigned irq)
{
    const GICIrq *st;

    if (irq < GIC_NR_SGIS) {
        return s->sgi_pending[cpu][irq] != 0;
    }
    st = irq_state(s, cpu, irq);
    return st->latched || (!st->edge && st->level);
}

/* Does SPI `irq` target `cpu`?  A uniprocessor GIC sends everything to CPU 0. */
static bool spi_targets(const GICState *s, unsigned cpu, unsigned irq)
{
    if (s->num_cpu == 1) {
        return true;
    }
    return (s->spi[irq - GIC_INTERNAL_IRQS].targets >> cpu) & 1;
}

/* ---- priorities (3.3) --------------------------------------------------- */

/* Mask selecting the group priority field for a group on this CPU interface (3.3.3). */
static unsigned group_prio_mask(const GICCpu *c, bool group1)
{
    unsigned bp;

    if (group1 && !(c->ctlr & GICC_CTLR_CBPR)) {
        /* GICC_ABPR: group priority is bits [7:ABPR]. */
        bp = c->abpr ? c->abpr : 1;
        return (0xffu << bp) & 0xff;
    }
    /* GICC_BPR: group priority is bits [7:BPR+1]. */
    bp = c->bpr;
    return (0xffu << (bp + 1)) & 0xff;
}

/* Running priority: the highest (numerically lowest) active group priority. */
static unsigned running_priority(const GICCpu *c)
{
    for (unsigned w = 0; w < 4; w++) {
        uint32_t bits = c->apr[0][w] | c->apr[1][w];
        if (bits) {
            return (w * 32 + (unsigned)__builtin_ctz(bits)) << 1;
        }
    }
    return IDLE_PRIORITY;
}

/* ---- selecting and signalling the highest priority pending interrupt ---- */

/* Which groups can reach CPU `cpu`: distributor and CPU interface enables. */
static unsigned groups_enabled(const GICState *s, unsigned cpu)
{
    return s->ctlr & s->cpu[cpu].ctlr & 3;
}

/*
 * Highest priority pending interrupt that could be signalled to `cpu`
 * (3.2.4): enabled, pending and not active, its group enabled, targeting
 * the CPU.  Ties go to the lowest ID.  Returns NO_IRQ if none.
 */
static int highest_pending(GICState *s, unsigned cpu, unsigned groups)
{
    int best = NO_IRQ;
    unsigned best_prio = IDLE_PRIORITY;

    if (!groups) {
        return NO_IRQ;
    }
    for (unsigned irq = 0; irq < s->num_irq; irq++) {
        const GICIrq *st = irq_state(s, cpu, irq);
        if (!st->enabled || st->active || st->priority >= best_prio ||
            !((groups >> st->group1) & 1)) {
            continue;
        }
        if (irq >= GIC_INTERNAL_IRQS && !spi_targets(s, cpu, irq)) {
            continue;
        }
        if (!irq_pending(s, cpu, irq)) {
            continue;
        }
        best = (int)irq;
        best_prio = st->priority;
    }
    return best;
}

/* Priority masking and preemption (3.3.2, 3.3.3): may `irq` interrupt the CPU now? */
static bool can_signal(GICState *s, unsigned cpu, int irq)
{
    const GICCpu *c = &s->cpu[cpu];
    const GICIrq *st;

    if (irq == NO_IRQ) {
        return false;
    }
    st = irq_state(s, cpu, (unsigned)irq);
    return st->priority < c->pmr &&
           (st->priority & group_prio_mask(c, st->group1)) < running_priority(c);
}

static void update_cpu(GICState *s, unsigned cpu)
{
    GICCpu *c = &s->cpu[cpu];
    int irq = highest_pending(s, cpu, groups_enabled(s, cpu));
    bool irq_level = false, fiq_level = false;

    if (can_signal(s, cpu, irq)) {
        const GICIrq *st = irq_state(s, cpu, (unsigned)irq);
        if (!st->group1 && (c->ctlr & GICC_CTLR_FIQEN)) {
            fiq_level = true;
        } else {
            irq_level = true;
        }
    }
    /* Only real changes reach the CPU: the pins are level signals. */
    if (irq_level != c->irq_level) {
        c->irq_level = irq_level;
        irq_set(&c->irq_out, irq_level);
    }
    if (fiq_level != c->fiq_level) {
        c->fiq_level = fiq_level;
        irq_set(&c->fiq_out, fiq_level);
    }
}

static void gic_update(GICState *s)
{
    for (unsigned cpu = 0; cpu < s->num_cpu; cpu++) {
        update_cpu(s, cpu);
    }
}

/* ---- acknowledge and end of interrupt (3.2.4, 4.4.4, 4.4.5) ------------- */

static void set_active_priority(GICCpu *c, const GICIrq *st)
{
    unsigned level = (st->priority & group_prio_mask(c, st->group1)) >> 1;
    c->apr[st->group1][level / 32] |= 1u << (level % 32);
}

/*
 * Read of GICC_IAR (groups = both) or GICC_AIAR (group 1 only).  Returns
 * the ID with the source CPU in bits [12:10] for SGIs, 1022 when the
 * highest priority interrupt is group 1 and GICC_CTLR.AckCtl forbids
 * acknowledging it through GICC_IAR, 1023 when nothing can be taken.
 */
static uint32_t acknowledge(GICState *s, unsigned cpu, bool alias)
{
    GICCpu *c = &s->cpu[cpu];
    unsigned groups = groups_enabled(s, cpu) & (alias ? 2 : 3);
    int irq = highest_pending(s, cpu, groups);
    GICIrq *st;
    uint32_t ret;

    if (!can_signal(s, cpu, irq)) {
        return GIC_SPURIOUS;
    }
    st = irq_state(s, cpu, (unsigned)irq);
    if (!alias && st->group1 && !(c->ctlr & GICC_CTLR_ACKCTL)) {
        return 1022;
    }
    ret = (uint32_t)irq;
    if (irq < GIC_NR_SGIS) {
        /* The lowest-numbered source goes first; others stay pending. */
        uint8_t *src = &s->sgi_pending[cpu][irq];
        unsigned from = (unsigned)__builtin_ctz(*src);
        *src &= (uint8_t)~(1u << from);
        ret |= from << 10;
    } else {
        /* A level line still high leaves it active and pending. */
        st->latched = false;
    }
    st->active = true;
    set_active_priority(c, st);
    gic_update(s);
    return ret;
}

/* Priority drop: clear the highest active priority. */
static void drop_priority(GICCpu *c)
{
    for (unsigned w = 0; w < 4; w++) {
        uint32_t bits = c->apr[0][w] | c->apr[1][w];
        if (bits) {
            uint32_t low = bits & -bits;
            c->apr[0][w] &= ~low;
            c->apr[1][w] &= ~low;
            return;
        }
    }
}

static void deactivate(GICState *s, unsigned cpu, unsigned irq)
{
    if (irq >= s->num_irq) {
        return;
    }
    irq_state(s, cpu, irq)->active = false;
}

/* GICC_EOIR / GICC_AEOIR write. */
static void end_of_interrupt(GICState *s, unsigned cpu, uint32_t value)
{
    GICCpu *c = &s->cpu[cpu];
    unsigned irq = value & 0x3ff;

    if (irq >= GIC_MAX_IRQS) {
        return;   /* 1020-1023: special IDs, nothing to end */
    }
    if (running_priority(c) == IDLE_PRIORITY) {
        emu_log_mask(LOG_GUEST_ERRORS, "gic: cpu %u: EOI of %u with no active interrupt\n", cpu, irq);
        return;
    }
    drop_priority(c);
    if (!(c->ctlr & GICC_CTLR_EOIMODE)) {
        deactivate(s, cpu, irq);
    }
    gic_update(s);
}

/* ---- input lines -------------------------------------------------------- */

static void set_input(GICState *s, unsigned cpu, unsigned irq, bool level)
{
    GICIrq *st = irq_state(s, cpu, irq);

    if (st->edge && level && !st->level) {
        st->latched = true;   /* rising edge */
    }
    st->level = level;
    gic_update(s);
}

void gic_input_irq(void *opaque, int irq, int level)
{
    GICState *s = opaque;

    /* A device wired to an SPI that does not exist is a board bug. */
    assert(irq >= GIC_INTERNAL_IRQS && (unsigned)irq < s->num_irq);
    set_input(s, 0, (unsigned)irq, level != 0);
}

void gic_input_ppi(GICState *s, unsigned cpu, unsigned ppi, int level)
{
    assert(cpu < s->num_cpu && ppi >= GIC_NR_SGIS && ppi < GIC_INTERNAL_IRQS);
    set_input(s, cpu, ppi, level != 0);
}

static void ppi_handler(void *opaque, int n, int level)
{
    gic_input_ppi(opaque, (unsigned)n / GIC_INTERNAL_IRQS, (unsigned)n % GIC_INTERNAL_IRQS, level);
}

IRQLine gic_spi_line(GICState *s, unsigned irq)
{
    return irq_line(gic_input_irq, s, (int)irq);
}

IRQLine gic_ppi_line(GICState *s, unsigned cpu, unsigned ppi)
{
    return irq_line(ppi_handler, s, (int)(cpu * GIC_INTERNAL_IRQS + ppi));
}

/* ---- distributor registers (4.3) ---------------------------------------- */

enum BitReg { BR_GROUP, BR_SET_ENABLE, BR_CLEAR_ENABLE, BR_SET_PEND, BR_CLEAR_PEND,
              BR_SET_ACTIVE, BR_CLEAR_ACTIVE };

/* Registers with one bit per interrupt, 32 interrupts per word starting at irq0. */
static uint32_t bitreg_read(GICState *s, enum BitReg kind, unsigned irq0, unsigned cpu)
{
    uint32_t v = 0;

    for (unsigned i = 0; i < 32 && irq0 + i < s->num_irq; i++) {
        unsigned irq = irq0 + i;
        const GICIrq *st = irq_state(s, cpu, irq);
        bool bit;
        switch (kind) {
        case BR_GROUP:
            bit = st->group1;
            break;
        case BR_SET_ENABLE:
        case BR_CLEAR_ENABLE:
            bit = st->enabled;
            break;
        case BR_SET_PEND:
        case BR_CLEAR_PEND:
            bit = irq_pending(s, cpu, irq);
            break;
        default:
            bit = st->active;
            break;
        }
        v |= (uint32_t)bit << i;
    }
    return v;
}

static void bitreg_write(GICState *s, enum BitReg kind, unsigned irq0, uint32_t v, unsigned cpu)
{
    for (unsigned i = 0; i < 32 && irq0 + i < s->num_irq; i++) {
        unsigned irq = irq0 + i;
        GICIrq *st = irq_state(s, cpu, irq);
        bool bit = (v >> i) & 1;
        if (kind == BR_GROUP) {
            st->group1 = bit;
            continue;
        }
        if (!bit) {
            continue;   /* the set/clear registers ignore zeros */
        }
        switch (kind) {
        case BR_SET_ENABLE:
            st->enabled = true;
            break;
        case BR_CLEAR_ENABLE:
            st->enabled = false;
            break;
        case BR_SET_PEND:
        case BR_CLEAR_PEND:
            /* SGI pending state is per source: only GICD_[SC]PENDSGIR change it (4.3.7). */
            if (irq >= GIC_NR_SGIS) {
                st->latched = kind == BR_SET_PEND;
            }
            break;
        case BR_SET_ACTIVE:
            st->active = true;
            break;
        default:
            st->active = false;
            break;
        }
    }
}

/* GICD_SGIR (4.3.15): software generated interrupt from `cpu`. */
static void send_sgi(GICState *s, unsigned cpu, uint32_t v)
{
    unsigned sgi = v & 0xf;
    unsigned filter = (v >> 24) & 3;
    unsigned all = (1u << s->num_cpu) - 1;
    unsigned targets;

    switch (filter) {
    case 0:
        targets = (v >> 16) & 0xff & all;
        break;
    case 1:
        targets = all & ~(1u << cpu);
        break;
    case 2:
        targets = 1u << cpu;
        break;
    default:
        emu_log_mask(LOG_GUEST_ERRORS, "gic: cpu %u: GICD_SGIR with reserved filter 3\n", cpu);
        return;
    }
    for (unsigned t = 0; t < s->num_cpu; t++) {
        if ((targets >> t) & 1) {
            s->sgi_pending[t][sgi] |= (uint8_t)(1u << cpu);
        }
    }
}

/* Peripheral and component ID registers, 0xfd0..0xffc (4.3.16, 4.3.17). */
static uint32_t dist_id_reg(uint64_t off)
{
    static const uint8_t ids[12] = {
        0x04, 0x00, 0x00, 0x00,   /* PIDR4-7 */
        0x90, 0xb4, 0x2b, 0x00,   /* PIDR0-3: PIDR2 bits [7:4] ArchRev = 2 (GICv2) */
        0x0d, 0xf0, 0x05, 0xb1,   /* CIDR0-3 */
    };
    return ids[(off - GICD_PIDR4) / 4];
}

static bool dist_byte_reg(uint64_t off)
{
    return (off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR + GIC_MAX_IRQS) ||
           (off >= GICD_ITARGETSR && off < GICD_ITARGETSR + GIC_MAX_IRQS) ||
           (off >= GICD_CPENDSGIR && off < GICD_SPENDSGIR + GIC_NR_SGIS);
}

static uint8_t dist_read_byte(GICState *s, uint64_t off, unsigned cpu)
{
    unsigned irq;

    if (off >= GICD_CPENDSGIR) {
        return s->sgi_pending[cpu][(off - GICD_CPENDSGIR) % GIC_NR_SGIS];
    }
    if (off >= GICD_ITARGETSR) {
        irq = (unsigned)(off - GICD_ITARGETSR);
        if (irq >= s->num_irq || s->num_cpu == 1) {
            return 0;   /* uniprocessor: RAZ/WI (4.3.12) */
        }
        /* SGI/PPI targets read as the reading CPU alone. */
        return irq < GIC_INTERNAL_IRQS ? (uint8_t)(1u << cpu) : s->spi[irq - GIC_INTERNAL_IRQS].targets;
    }
    irq = (unsigned)(off - GICD_IPRIORITYR);
    return irq < s->num_irq ? irq_state(s, cpu, irq)->priority : 0;
}

static void dist_write_byte(GICState *s, uint64_t off, uint8_t v, unsigned cpu)
{
    unsigned irq;

    if (off >= GICD_SPENDSGIR) {
        s->sgi_pending[cpu][off - GICD_SPENDSGIR] |= v & ((1u << s->num_cpu) - 1);
    } else if (off >= GICD_CPENDSGIR) {
        s->sgi_pending[cpu][off - GICD_CPENDSGIR] &= (uint8_t)~v;
    } else if (off >= GICD_ITARGETSR) {
        irq = (unsigned)(off - GICD_ITARGETSR);
        if (irq >= GIC_INTERNAL_IRQS && irq < s->num_irq && s->num_cpu > 1) {
            s->spi[irq - GIC_INTERNAL_IRQS].targets = v & ((1u << s->num_cpu) - 1);
        }
    } else {
        irq = (unsigned)(off - GICD_IPRIORITYR);
        if (irq < s->num_irq) {
            irq_state(s, cpu, irq)->priority = v;
        }
    }
}

static uint32_t dist_read_word(GICState *s, uint64_t off, unsigned cpu)
{
    uint32_t v = 0;

    if (dist_byte_reg(off)) {
        for (unsigned i = 0; i < 4; i++) {
            v |= (uint32_t)dist_read_byte(s, off + i, cpu) << (8 * i);
        }
        return v;
    }
    switch (off) {
    case GICD_CTLR:
        return s->ctlr;
    case GICD_TYPER:
        /* ITLinesNumber, CPUNumber; no Security Extensions (4.3.2). */
        return ((s->num_irq + 31) / 32 - 1) | ((s->num_cpu - 1) << 5);
    case GICD_IIDR:
        return GICD_IIDR_VALUE;
    case GICD_SGIR:
        return 0;   /* write-only */
    }
    if (off >= GICD_IGROUPR && off < GICD_IPRIORITYR) {
        /* IGROUPR, I[SC]ENABLER, I[SC]PENDR, I[SC]ACTIVER: 0x80 bytes each. */
        unsigned kind = (unsigned)(off / 0x80) - 1;
        return bitreg_read(s, (enum BitReg)kind, (unsigned)(off % 0x80) * 8, cpu);
    }
    if (off >= GICD_ICFGR && off < GICD_ICFGR + 0x100) {
        unsigned irq0 = (unsigned)(off - GICD_ICFGR) * 4;
        for (unsigned i = 0; i < 16 && irq0 + i < s->num_irq; i++) {
            unsigned irq = irq0 + i;
            bool edge = irq < GIC_NR_SGIS || irq_state(s, cpu, irq)->edge;
            v |= (uint32_t)edge << (2 * i + 1);
        }
        return v;
    }
    if (off >= GICD_PIDR4 && off < 0x1000) {
        return dist_id_reg(off);
    }
    if (off >= GICD_NSACR && off < GICD_NSACR + 0x100) {
        return 0;   /* no Security Extensions: RAZ/WI */
    }
    emu_log_mask(LOG_GUEST_ERRORS, "gic: cpu %u: read of reserved distributor offset 0x%" PRIx64 "\n",
                 cpu, off);
    return 0;
}

static void dist_write_word(GICState *s, uint64_t off, uint32_t v, unsigned cpu)
{
    if (dist_byte_reg(off)) {
        for (unsigned i = 0; i < 4; i++) {
            dist_write_byte(s, off + i, (uint8_t)(v >> (8 * i)), cpu);
        }
        return;
    }
    if (off == GICD_CTLR) {
        s->ctlr = v & 3;
    } else if (off == GICD_SGIR) {
        send_sgi(s, cpu, v);
    } else if (off >= GICD_IGROUPR && off < GICD_IPRIORITYR) {
        unsigned kind = (unsigned)(off / 0x80) - 1;
        bitreg_write(s, (enum BitReg)kind, (unsigned)(off % 0x80) * 8, v, cpu);
    } else if (off >= GICD_ICFGR && off < GICD_ICFGR + 0x100) {
        unsigned irq0 = (unsigned)(off - GICD_ICFGR) * 4;
        for (unsigned i = 0; i < 16 && irq0 + i < s->num_irq; i++) {
            unsigned irq = irq0 + i;
            if (irq >= GIC_NR_SGIS) {   /* SGIs are always edge-triggered */
                irq_state(s, cpu, irq)->edge = (v >> (2 * i + 1)) & 1;
            }
        }
    } else if (off == GICD_TYPER || off == GICD_IIDR || (off >= GICD_PIDR4 && off < 0x1000) ||
               (off >= GICD_NSACR && off < GICD_NSACR + 0x100)) {
        /* read-only or RAZ/WI */
    } else {
        emu_log_mask(LOG_GUEST_ERRORS,
                     "gic: cpu %u: write to reserved distributor offset 0x%" PRIx64 "\n", cpu, off);
    }
}

/* Word accesses everywhere, byte accesses to the byte-accessible registers (4.1.4). */
static bool access_ok(const char *what, uint64_t off, unsigned size, unsigned cpu,
                      const GICState *s, bool byte_ok)
{
    if (cpu >= s->num_cpu) {
        emu_log_mask(LOG_GUEST_ERRORS, "gic: %s access from cpu %u, which has no interface\n",
                     what, cpu);
        return false;
    }
    if ((size == 4 && (off & 3) == 0) || (size == 1 && byte_ok)) {
        return true;
    }
    emu_log_mask(LOG_GUEST_ERRORS, "gic: cpu %u: %u-byte %s access at offset 0x%" PRIx64 "\n",
                 cpu, size, what, off);
    return false;
}

static uint64_t dist_read(void *opaque, uint64_t off, unsigned size, unsigned cpu)
{
    GICState *s = opaque;

    if (!access_ok("distributor", off, size, cpu, s, dist_byte_reg(off))) {
        return 0;
    }
    return size == 1 ? dist_read_byte(s, off, cpu) : dist_read_word(s, off, cpu);
}

static void dist_write(void *opaque, uint64_t off, uint64_t value, unsigned size, unsigned cpu)
{
    GICState *s = opaque;

    if (!access_ok("distributor", off, size, cpu, s, dist_byte_reg(off))) {
        return;
    }
    if (size == 1) {
        dist_write_byte(s, off, (uint8_t)value, cpu);
    } else {
        dist_write_word(s, off, (uint32_t)value, cpu);
    }
    gic_update(s);
}

static const MemoryRegionOps gic_dist_ops = {
    .read = dist_read,
    .write = dist_write,
    .min_access = 1,
    .max_access = 4,
};

/* ---- CPU interface registers (4.4) -------------------------------------- */

/* GICC_HPPIR / GICC_AHPPIR: highest priority pending interrupt, not acknowledged. */
static uint32_t highest_pending_id(GICState *s, unsigned cpu, unsigned groups)
{
    int irq = highest_pending(s, cpu, groups_enabled(s, cpu) & groups);

    if (irq == NO_IRQ) {
        return GIC_SPURIOUS;
    }
    if (irq < GIC_NR_SGIS) {
        return (uint32_t)irq | ((unsigned)__builtin_ctz(s->sgi_pending[cpu][irq]) << 10);
    }
    return (uint32_t)irq;
}

static uint64_t cpu_read(void *opaque, uint64_t off, unsigned size, unsigned cpu)
{
    GICState *s = opaque;
    GICCpu *c;
    unsigned rp;

    if (!access_ok("cpu interface", off, size, cpu, s, false)) {
        return 0;
    }
    c = &s->cpu[cpu];
    switch (off) {
    case GICC_CTLR:
        return c->ctlr;
    case GICC_PMR:
        return c->pmr;
    case GICC_BPR:
        return c->bpr;
    case GICC_ABPR:
        return c->abpr;
    case GICC_IAR:
        return acknowledge(s, cpu, false);
    case GICC_AIAR:
        return acknowledge(s, cpu, true);
    case GICC_RPR:
        rp = running_priority(c);
        return rp == IDLE_PRIORITY ? 0xff : rp;
    case GICC_HPPIR:
        return highest_pending_id(s, cpu, 3);
    case GICC_AHPPIR:
        return highest_pending_id(s, cpu, 2);
    case GICC_IIDR:
        return GICC_IIDR_VALUE;
    case GICC_EOIR:
    case GICC_AEOIR:
    case GICC_DIR:
        return 0;   /* write-only */
    }
    if (off >= GICC_APR0 && off < GICC_APR0 + 16) {
        return c->apr[0][(off - GICC_APR0) / 4];
    }
    if (off >= GICC_NSAPR0 && off < GICC_NSAPR0 + 16) {
        return c->apr[1][(off - GICC_NSAPR0) / 4];
    }
    emu_log_mask(LOG_GUEST_ERRORS, "gic: cpu %u: read of reserved cpu interface offset 0x%" PRIx64 "\n",
                 cpu, off);
    return 0;
}

static void cpu_write(void *opaque, uint64_t off, uint64_t value, unsigned size, unsigned cpu)
{
    GICState *s = opaque;
    uint32_t v = (uint32_t)value;
    GICCpu *c;

    if (!access_ok("cpu interface", off, size, cpu, s, false)) {
        return;
    }
    c = &s->cpu[cpu];
    switch (off) {
    case GICC_CTLR:
        c->ctlr = v & 0x7ff;
        break;
    case GICC_PMR:
        c->pmr = (uint8_t)v;
        break;
    case GICC_BPR:
        c->bpr = v & 7;
        break;
    case GICC_ABPR:
        /* Minimum value is one more than GICC_BPR's minimum (3.3.3). */
        c->abpr = (v & 7) ? (v & 7) : 1;
        break;
    case GICC_EOIR:
    case GICC_AEOIR:
        end_of_interrupt(s, cpu, v);
        return;
    case GICC_DIR:
        /* Only meaningful with GICC_CTLR.EOImode set (4.4.15). */
        if (c->ctlr & GICC_CTLR_EOIMODE) {
            deactivate(s, cpu, v & 0x3ff);
        } else {
            emu_log_mask(LOG_GUEST_ERRORS, "gic: cpu %u: GICC_DIR write with EOImode 0\n", cpu);
        }
        break;
    case GICC_IAR:
    case GICC_AIAR:
    case GICC_RPR:
    case GICC_HPPIR:
    case GICC_AHPPIR:
    case GICC_IIDR:
        emu_log_mask(LOG_GUEST_ERRORS, "gic: cpu %u: write to read-only cpu interface offset 0x%"
                     PRIx64 "\n", cpu, off);
        return;
    default:
        if (off >= GICC_APR0 && off < GICC_APR0 + 16) {
            c->apr[0][(off - GICC_APR0) / 4] = v;
        } else if (off >= GICC_NSAPR0 && off < GICC_NSAPR0 + 16) {
            c->apr[1][(off - GICC_NSAPR0) / 4] = v;
        } else {
            emu_log_mask(LOG_GUEST_ERRORS,
                         "gic: cpu %u: write to reserved cpu interface offset 0x%" PRIx64 "\n",
                         cpu, off);
            return;
        }
        break;
    }
    gic_update(s);
}

static const MemoryRegionOps gic_cpu_ops = {
    .read = cpu_read,
    .write = cpu_write,
    .min_access = 1,
    .max_access = 4,
};

/* ---- setup -------------------------------------------------------------- */

bool gic_init(GICState *s, unsigned num_cpu, unsigned num_irq, uint64_t dist_base,
              uint64_t cpu_base)
{
    num_irq = (num_irq + 31) & ~31u;
    if (num_cpu < 1 || num_cpu > GIC_MAX_CPUS || num_irq < 64 || num_irq > GIC_MAX_IRQS + 4) {
        return false;
    }
    memset(s, 0, sizeof(*s));
    s->num_cpu = num_cpu;
    /* ITLinesNumber counts up to 1024 IDs; IDs 1020-1023 never exist. */
    s->num_irq = num_irq > GIC_MAX_IRQS ? GIC_MAX_IRQS : num_irq;
    s->dist_mr = (MemoryRegion){ .name = "gic-dist", .base = dist_base, .size = GIC_REGION_SIZE,
                                 .ops = &gic_dist_ops, .opaque = s };
    s->cpu_mr = (MemoryRegion){ .name = "gic-cpu", .base = cpu_base, .size = GIC_REGION_SIZE,
                                .ops = &gic_cpu_ops, .opaque = s };
    gic_reset(s);
    return true;
}

void gic_reset(GICState *s)
{
    s->ctlr = 0;
    for (unsigned irq = 0; irq < s->num_irq; irq++) {
        for (unsigned cpu = 0; cpu < (irq < GIC_INTERNAL_IRQS ? s->num_cpu : 1); cpu++) {
            GICIrq *st = irq_state(s, cpu, irq);
            bool level = st->level;
            memset(st, 0, sizeof(*st));
            st->level = level;
            st->edge = irq < GIC_NR_SGIS;   /* SGIs edge; PPIs and SPIs level */
        }
    }
    memset(s->sgi_pending, 0, sizeof(s->sgi_pending));
    for (unsigned cpu = 0; cpu < s->num_cpu; cpu++) {
        GICCpu *c = &s->cpu[cpu];
        c->ctlr = 0;
        c->pmr = 0;
        c->bpr = 0;
        c->abpr = 1;
        memset(c->apr, 0, sizeof(c->apr));
    }
    gic_update(s);
}

int gic_fdt_node(const GICState *s, void *fdt, int parent, uint32_t phandle)
{
    char name[32];
    uint64_t reg[4] = {
        cpu_to_fdt64(s->dist_mr.base), cpu_to_fdt64(GIC_REGION_SIZE),
        cpu_to_fdt64(s->cpu_mr.base), cpu_to_fdt64(GIC_REGION_SIZE),
    };
    int node, err;

    snprintf(name, sizeof(name), "intc@%" PRIx64, s->dist_mr.base);
    node = fdt_add_subnode(fdt, parent, name);
    if (node < 0) {
        return node;
    }
    if ((err = fdt_setprop_string(fdt, node, "compatible", "arm,cortex-a15-gic")) < 0 ||
        (err = fdt_setprop_u32(fdt, node, "#interrupt-cells", 3)) < 0 ||
        (err = fdt_setprop(fdt, node, "interrupt-controller", NULL, 0)) < 0 ||
        (err = fdt_setprop(fdt, node, "reg", reg, sizeof(reg))) < 0 ||
        (err = fdt_setprop_u32(fdt, node, "phandle", phandle)) < 0) {
        return err;
    }
    return node;
}
