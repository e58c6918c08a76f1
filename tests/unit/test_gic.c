/* Unit tests of the GICv2 model (hw/gic.c), driven through the address space as a CPU would. */
#include <string.h>
#include <libfdt.h>
#include "hw/gic.h"
#include "hw/memory.h"
#include "runner.h"

#define DIST 0x08000000u
#define CPUI 0x08010000u

typedef struct Pins {
    int irq[GIC_MAX_CPUS], fiq[GIC_MAX_CPUS];
    int irq_calls[GIC_MAX_CPUS], fiq_calls[GIC_MAX_CPUS];
} Pins;

static GICState gic;
static AddressSpace as;
static Pins pins;

static void pin_irq(void *opaque, int n, int level)
{
    Pins *p = opaque;
    p->irq[n] = level;
    p->irq_calls[n]++;
}

static void pin_fiq(void *opaque, int n, int level)
{
    Pins *p = opaque;
    p->fiq[n] = level;
    p->fiq_calls[n]++;
}

static void setup(unsigned ncpu, unsigned nirq)
{
    memset(&pins, 0, sizeof(pins));
    CU_ASSERT_FATAL(gic_init(&gic, ncpu, nirq, DIST, CPUI));
    for (unsigned c = 0; c < ncpu; c++) {
        gic.cpu[c].irq_out = irq_line(pin_irq, &pins, (int)c);
        gic.cpu[c].fiq_out = irq_line(pin_fiq, &pins, (int)c);
    }
    gic_reset(&gic);
    address_space_init(&as);
    CU_ASSERT_FATAL(address_space_add(&as, &gic.dist_mr));
    CU_ASSERT_FATAL(address_space_add(&as, &gic.cpu_mr));
}

static uint32_t dr(uint32_t off, unsigned cpu)
{
    return (uint32_t)address_space_read(&as, DIST + off, 4, cpu);
}

static void dw(uint32_t off, uint32_t v, unsigned cpu)
{
    address_space_write(&as, DIST + off, v, 4, cpu);
}

static uint32_t cr(uint32_t off, unsigned cpu)
{
    return (uint32_t)address_space_read(&as, CPUI + off, 4, cpu);
}

static void cw(uint32_t off, uint32_t v, unsigned cpu)
{
    address_space_write(&as, CPUI + off, v, 4, cpu);
}

/* Distributor on for both groups, every CPU interface on with the mask wide open. */
static void enable_all(void)
{
    dw(GICD_CTLR, 3, 0);
    for (unsigned c = 0; c < gic.num_cpu; c++) {
        cw(GICC_CTLR, GICC_CTLR_ENABLE_GRP0 | GICC_CTLR_ENABLE_GRP1, c);
        cw(GICC_PMR, 0xff, c);
    }
}

/* Enable interrupt `irq` as seen by `cpu`, with a priority, routed to `targets` (SPIs). */
static void config_irq(unsigned irq, uint8_t prio, uint8_t targets, unsigned cpu)
{
    address_space_write(&as, DIST + GICD_IPRIORITYR + irq, prio, 1, cpu);
    if (irq >= 32) {
        address_space_write(&as, DIST + GICD_ITARGETSR + irq, targets, 1, cpu);
    }
    dw(GICD_ISENABLER + (irq / 32) * 4, 1u << (irq % 32), cpu);
}

static void set_edge(unsigned irq, bool edge, unsigned cpu)
{
    uint32_t off = GICD_ICFGR + (irq / 16) * 4;
    uint32_t bit = 2u << (2 * (irq % 16));
    dw(off, edge ? (dr(off, cpu) | bit) : (dr(off, cpu) & ~bit), cpu);
}

static bool is_pending(unsigned irq, unsigned cpu)
{
    return (dr(GICD_ISPENDR + (irq / 32) * 4, cpu) >> (irq % 32)) & 1;
}

static bool is_active(unsigned irq, unsigned cpu)
{
    return (dr(GICD_ISACTIVER + (irq / 32) * 4, cpu) >> (irq % 32)) & 1;
}

static void test_id_registers(void)
{
    setup(4, 256);
    /* ITLinesNumber 7 (256 IDs), CPUNumber 3 (4 CPUs), no Security Extensions. */
    CU_ASSERT_EQUAL(dr(GICD_TYPER, 0), 0x67);
    dw(GICD_TYPER, 0, 0);
    CU_ASSERT_EQUAL(dr(GICD_TYPER, 1), 0x67);
    CU_ASSERT_EQUAL(dr(GICD_IIDR, 0) & 0xfff, 0x43b);
    CU_ASSERT_EQUAL((dr(GICD_PIDR2, 0) >> 4) & 0xf, 2);
    CU_ASSERT_EQUAL(dr(GICD_CIDR0, 0), 0x0d);
    CU_ASSERT_EQUAL(dr(GICD_CIDR0 + 12, 0), 0xb1);
    CU_ASSERT_EQUAL((cr(GICC_IIDR, 0) >> 16) & 0xf, 2);
    /* RAZ/WI and write-only registers. */
    dw(GICD_NSACR, 0xffffffff, 0);
    CU_ASSERT_EQUAL(dr(GICD_NSACR, 0), 0);
    CU_ASSERT_EQUAL(dr(GICD_SGIR, 0), 0);
    CU_ASSERT_EQUAL(dr(0x0c, 0), 0);               /* reserved */
    CU_ASSERT_EQUAL(dr(GICD_ISENABLER + 0x20, 0), 0);  /* beyond ITLinesNumber */
    dw(GICD_ISENABLER + 0x20, 0xffffffff, 0);
    CU_ASSERT_EQUAL(dr(GICD_ISENABLER + 0x20, 0), 0);
    dw(GICD_ISENABLER + 0x1c, 0xffffffff, 0);          /* the last one that exists */
    CU_ASSERT_EQUAL(dr(GICD_ISENABLER + 0x1c, 0), 0xffffffff);
    /* An access from a CPU without an interface is ignored. */
    CU_ASSERT_EQUAL(dr(GICD_TYPER, 5), 0);
    /* GICD_CTLR keeps only its two enable bits. */
    dw(GICD_CTLR, 0xffffffff, 0);
    CU_ASSERT_EQUAL(dr(GICD_CTLR, 0), 3);
    CU_ASSERT_EQUAL(cr(GICC_RPR, 0), 0xff);         /* idle */
    CU_ASSERT_FALSE(gic_init(&gic, 9, 256, DIST, CPUI));
    CU_ASSERT_FALSE(gic_init(&gic, 1, 2000, DIST, CPUI));
    CU_ASSERT_TRUE(gic_init(&gic, 1, 1020, DIST, CPUI));
    CU_ASSERT_EQUAL(gic.num_irq, 1020);
    CU_ASSERT_EQUAL(gic.dist_mr.ops->read(&gic, GICD_TYPER, 4, 0), 31);   /* 1024 IDs' worth */
    CU_ASSERT_EQUAL(gic.dist_mr.ops->read(&gic, GICD_IPRIORITYR + 1016, 4, 0), 0);
    gic.dist_mr.ops->write(&gic, GICD_IPRIORITYR + 1016, 0xffffffff, 4, 0);
    CU_ASSERT_EQUAL(gic.dist_mr.ops->read(&gic, GICD_IPRIORITYR + 1016, 4, 0), 0xffffffff);
}

static void test_enable_disable(void)
{
    setup(1, 256);
    dw(GICD_ISENABLER + 4, 1u << 8, 0);   /* IRQ 40 */
    CU_ASSERT_EQUAL(dr(GICD_ISENABLER + 4, 0), 1u << 8);
    CU_ASSERT_EQUAL(dr(GICD_ICENABLER + 4, 0), 1u << 8);
    dw(GICD_ISENABLER + 4, 1u << 9, 0);   /* zeros leave 40 alone */
    CU_ASSERT_EQUAL(dr(GICD_ISENABLER + 4, 0), 3u << 8);
    dw(GICD_ICENABLER + 4, 1u << 8, 0);
    CU_ASSERT_EQUAL(dr(GICD_ISENABLER + 4, 0), 1u << 9);

    /* A pending but disabled interrupt is not signalled. */
    enable_all();
    address_space_write(&as, DIST + GICD_IPRIORITYR + 40, 0x80, 1, 0);
    gic_input_irq(&gic, 40, 1);
    CU_ASSERT_TRUE(is_pending(40, 0));
    CU_ASSERT_EQUAL(pins.irq[0], 0);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), GIC_SPURIOUS);
    dw(GICD_ISENABLER + 4, 1u << 8, 0);
    CU_ASSERT_EQUAL(pins.irq[0], 1);
    /* The distributor's group enable gates everything. */
    dw(GICD_CTLR, 0, 0);
    CU_ASSERT_EQUAL(pins.irq[0], 0);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), GIC_SPURIOUS);
    dw(GICD_CTLR, 1, 0);
    CU_ASSERT_EQUAL(pins.irq[0], 1);
    /* So does the CPU interface's. */
    cw(GICC_CTLR, 0, 0);
    CU_ASSERT_EQUAL(pins.irq[0], 0);
}

static void test_spi_flow(void)
{
    setup(2, 256);
    enable_all();
    config_irq(40, 0xa0, 0x1, 0);
    gic_input_irq(&gic, 40, 1);
    CU_ASSERT_EQUAL(pins.irq[0], 1);
    CU_ASSERT_EQUAL(pins.irq[1], 0);
    CU_ASSERT_EQUAL(cr(GICC_HPPIR, 0), 40);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), 40);
    /* Level line still high: active and pending, not signalled again. */
    CU_ASSERT_EQUAL(pins.irq[0], 0);
    CU_ASSERT_TRUE(is_active(40, 0));
    CU_ASSERT_TRUE(is_pending(40, 0));
    CU_ASSERT_EQUAL(cr(GICC_RPR, 0), 0xa0);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), GIC_SPURIOUS);
    gic_input_irq(&gic, 40, 0);           /* the device is serviced */
    cw(GICC_EOIR, 40, 0);
    CU_ASSERT_FALSE(is_active(40, 0));
    CU_ASSERT_FALSE(is_pending(40, 0));
    CU_ASSERT_EQUAL(cr(GICC_RPR, 0), 0xff);
    CU_ASSERT_EQUAL(pins.irq[0], 0);
    /* A line left high is pending again after EOI. */
    gic_input_irq(&gic, 40, 1);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), 40);
    cw(GICC_EOIR, 40, 0);
    CU_ASSERT_EQUAL(pins.irq[0], 1);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), 40);
    cw(GICC_EOIR, 40, 0);
}

static void test_level_vs_edge(void)
{
    setup(1, 256);
    enable_all();
    config_irq(50, 0x80, 1, 0);
    config_irq(51, 0x80, 1, 0);
    set_edge(51, true, 0);
    CU_ASSERT_EQUAL((dr(GICD_ICFGR + 12, 0) >> 6) & 3, 2);   /* 51: edge */
    CU_ASSERT_EQUAL((dr(GICD_ICFGR + 12, 0) >> 4) & 3, 0);   /* 50: level */

    /* A level interrupt lowered before the acknowledge is no longer pending. */
    gic_input_irq(&gic, 50, 1);
    CU_ASSERT_TRUE(is_pending(50, 0));
    gic_input_irq(&gic, 50, 0);
    CU_ASSERT_FALSE(is_pending(50, 0));
    CU_ASSERT_EQUAL(pins.irq[0], 0);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), GIC_SPURIOUS);

    /* An edge stays latched after the line falls. */
    gic_input_irq(&gic, 51, 1);
    gic_input_irq(&gic, 51, 0);
    CU_ASSERT_TRUE(is_pending(51, 0));
    CU_ASSERT_EQUAL(pins.irq[0], 1);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), 51);
    CU_ASSERT_FALSE(is_pending(51, 0));
    cw(GICC_EOIR, 51, 0);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), GIC_SPURIOUS);
    /* A high edge line gives one interrupt, not a stream. */
    gic_input_irq(&gic, 51, 1);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), 51);
    cw(GICC_EOIR, 51, 0);
    gic_input_irq(&gic, 51, 1);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), GIC_SPURIOUS);

    /* ISPENDR latches a level interrupt; ICPENDR clears the latch but not a high line. */
    dw(GICD_ISPENDR + 4, 1u << (50 - 32), 0);
    CU_ASSERT_TRUE(is_pending(50, 0));
    dw(GICD_ICPENDR + 4, 1u << (50 - 32), 0);
    CU_ASSERT_FALSE(is_pending(50, 0));
    gic_input_irq(&gic, 50, 1);
    dw(GICD_ICPENDR + 4, 1u << (50 - 32), 0);
    CU_ASSERT_TRUE(is_pending(50, 0));
    gic_input_irq(&gic, 50, 0);
    CU_ASSERT_FALSE(is_pending(50, 0));
}

static void test_active_and_pending(void)
{
    setup(1, 256);
    enable_all();
    config_irq(60, 0x80, 1, 0);
    set_edge(60, true, 0);
    gic_input_irq(&gic, 60, 1);
    gic_input_irq(&gic, 60, 0);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), 60);
    gic_input_irq(&gic, 60, 1);               /* a second edge while active */
    gic_input_irq(&gic, 60, 0);
    CU_ASSERT_TRUE(is_active(60, 0));
    CU_ASSERT_TRUE(is_pending(60, 0));
    CU_ASSERT_EQUAL(pins.irq[0], 0);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), GIC_SPURIOUS);
    cw(GICC_EOIR, 60, 0);
    CU_ASSERT_EQUAL(pins.irq[0], 1);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), 60);
    cw(GICC_EOIR, 60, 0);
    CU_ASSERT_FALSE(is_active(60, 0));
    /* ISACTIVER/ICACTIVER set and clear the active state directly. */
    dw(GICD_ISACTIVER + 4, 1u << (60 - 32), 0);
    CU_ASSERT_TRUE(is_active(60, 0));
    dw(GICD_ICACTIVER + 4, 1u << (60 - 32), 0);
    CU_ASSERT_FALSE(is_active(60, 0));
}

static void test_priority_order(void)
{
    setup(1, 256);
    enable_all();
    config_irq(50, 0x80, 1, 0);
    config_irq(45, 0x40, 1, 0);
    config_irq(60, 0x40, 1, 0);
    dw(GICD_ISPENDR + 4, (1u << (50 - 32)) | (1u << (45 - 32)) | (1u << (60 - 32)), 0);
    /* Highest priority first; equal priorities go to the lowest ID. */
    CU_ASSERT_EQUAL(cr(GICC_HPPIR, 0), 45);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), 45);
    /* 60 has the running priority, so it cannot preempt. */
    CU_ASSERT_EQUAL(pins.irq[0], 0);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), GIC_SPURIOUS);
    cw(GICC_EOIR, 45, 0);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), 60);
    cw(GICC_EOIR, 60, 0);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), 50);
    cw(GICC_EOIR, 50, 0);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), GIC_SPURIOUS);
}

static void test_pmr(void)
{
    setup(1, 256);
    enable_all();
    config_irq(40, 0x40, 1, 0);
    cw(GICC_PMR, 0x40, 0);
    CU_ASSERT_EQUAL(cr(GICC_PMR, 0), 0x40);
    gic_input_irq(&gic, 40, 1);
    /* Only priorities strictly higher than the mask get through. */
    CU_ASSERT_EQUAL(pins.irq[0], 0);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), GIC_SPURIOUS);
    CU_ASSERT_EQUAL(cr(GICC_HPPIR, 0), 40);   /* still the highest pending */
    cw(GICC_PMR, 0x41, 0);
    CU_ASSERT_EQUAL(pins.irq[0], 1);
    cw(GICC_PMR, 0, 0);
    CU_ASSERT_EQUAL(pins.irq[0], 0);
    /* Reset value of PMR is 0: nothing is signalled. */
    gic_reset(&gic);
    CU_ASSERT_EQUAL(cr(GICC_PMR, 0), 0);
}

static void test_preemption_binary_point(void)
{
    setup(1, 256);
    enable_all();
    config_irq(40, 0x48, 1, 0);
    config_irq(41, 0x40, 1, 0);
    config_irq(42, 0x38, 1, 0);
    config_irq(43, 0x10, 1, 0);

    /* BPR 3: group priority is bits [7:4]. */
    cw(GICC_BPR, 3, 0);
    CU_ASSERT_EQUAL(cr(GICC_BPR, 0), 3);
    gic_input_irq(&gic, 40, 1);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), 40);
    CU_ASSERT_EQUAL(cr(GICC_RPR, 0), 0x40);
    CU_ASSERT_EQUAL(cr(GICC_APR0, 0), 0);
    CU_ASSERT_EQUAL(cr(GICC_APR0 + 4, 0), 1);   /* level 0x40 >> 1 = 32 */
    gic_input_irq(&gic, 41, 1);          /* same group priority: no preemption */
    CU_ASSERT_EQUAL(pins.irq[0], 0);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), GIC_SPURIOUS);
    gic_input_irq(&gic, 42, 1);          /* 0x30 < 0x40: preempts */
    CU_ASSERT_EQUAL(pins.irq[0], 1);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), 42);
    CU_ASSERT_EQUAL(cr(GICC_RPR, 0), 0x30);
    gic_input_irq(&gic, 43, 1);          /* nests a third level */
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), 43);
    CU_ASSERT_EQUAL(cr(GICC_RPR, 0), 0x10);
    gic_input_irq(&gic, 43, 0);
    cw(GICC_EOIR, 43, 0);
    CU_ASSERT_EQUAL(cr(GICC_RPR, 0), 0x30);
    gic_input_irq(&gic, 42, 0);
    cw(GICC_EOIR, 42, 0);
    CU_ASSERT_EQUAL(cr(GICC_RPR, 0), 0x40);
    gic_input_irq(&gic, 40, 0);
    cw(GICC_EOIR, 40, 0);
    CU_ASSERT_EQUAL(cr(GICC_RPR, 0), 0xff);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), 41);
    cw(GICC_EOIR, 41, 0);
    gic_input_irq(&gic, 41, 0);

    /* BPR 2: group priority bits [7:3], so 0x40 now preempts 0x48. */
    cw(GICC_BPR, 2, 0);
    gic_input_irq(&gic, 40, 1);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), 40);
    CU_ASSERT_EQUAL(cr(GICC_RPR, 0), 0x48);
    gic_input_irq(&gic, 41, 1);
    CU_ASSERT_EQUAL(pins.irq[0], 1);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), 41);
}

static void test_targets_routing(void)
{
    setup(4, 256);
    enable_all();
    config_irq(33, 0x80, 0x4, 0);
    CU_ASSERT_EQUAL(dr(GICD_ITARGETSR + 32, 0), 0x4 << 8);
    gic_input_irq(&gic, 33, 1);
    CU_ASSERT_EQUAL(pins.irq[0], 0);
    CU_ASSERT_EQUAL(pins.irq[2], 1);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), GIC_SPURIOUS);
    /* Retarget to CPUs 0 and 1: both see it, the first to acknowledge takes it. */
    address_space_write(&as, DIST + GICD_ITARGETSR + 33, 0x3, 1, 3);
    CU_ASSERT_EQUAL(pins.irq[2], 0);
    CU_ASSERT_EQUAL(pins.irq[0], 1);
    CU_ASSERT_EQUAL(pins.irq[1], 1);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 1), 33);
    CU_ASSERT_EQUAL(pins.irq[0], 0);
    CU_ASSERT_EQUAL(pins.irq[1], 0);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), GIC_SPURIOUS);
    gic_input_irq(&gic, 33, 0);
    cw(GICC_EOIR, 33, 1);
    /* Target bits for CPUs that do not exist are not kept. */
    address_space_write(&as, DIST + GICD_ITARGETSR + 34, 0xff, 1, 0);
    CU_ASSERT_EQUAL(address_space_read(&as, DIST + GICD_ITARGETSR + 34, 1, 0), 0x0f);
    /* SGI/PPI target bytes read as the reading CPU and ignore writes. */
    for (unsigned c = 0; c < 4; c++) {
        CU_ASSERT_EQUAL(dr(GICD_ITARGETSR, c), 0x01010101u << c);
        CU_ASSERT_EQUAL(dr(GICD_ITARGETSR + 28, c), 0x01010101u << c);
    }
    dw(GICD_ITARGETSR + 28, 0, 1);
    CU_ASSERT_EQUAL(dr(GICD_ITARGETSR + 28, 1), 0x02020202u);

    /* A uniprocessor GIC has RAZ/WI targets and delivers to CPU 0. */
    setup(1, 64);
    enable_all();
    CU_ASSERT_EQUAL(dr(GICD_ITARGETSR + 32, 0), 0);
    config_irq(35, 0x80, 0, 0);
    gic_input_irq(&gic, 35, 1);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), 35);
}

static void test_ppi_banked(void)
{
    setup(2, 256);
    enable_all();
    config_irq(27, 0x20, 0, 1);
    /* The enable and the priority are banked: CPU 0 sees its own copy. */
    CU_ASSERT_EQUAL(dr(GICD_ISENABLER, 1), 1u << 27);
    CU_ASSERT_EQUAL(dr(GICD_ISENABLER, 0), 0);
    CU_ASSERT_EQUAL(address_space_read(&as, DIST + GICD_IPRIORITYR + 27, 1, 1), 0x20);
    CU_ASSERT_EQUAL(address_space_read(&as, DIST + GICD_IPRIORITYR + 27, 1, 0), 0);
    gic_input_ppi(&gic, 1, 27, 1);
    CU_ASSERT_EQUAL(pins.irq[1], 1);
    CU_ASSERT_EQUAL(pins.irq[0], 0);
    CU_ASSERT_TRUE(is_pending(27, 1));
    CU_ASSERT_FALSE(is_pending(27, 0));
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), GIC_SPURIOUS);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 1), 27);
    CU_ASSERT_TRUE(is_active(27, 1));
    CU_ASSERT_FALSE(is_active(27, 0));
    gic_input_ppi(&gic, 1, 27, 0);
    cw(GICC_EOIR, 27, 1);
    CU_ASSERT_FALSE(is_active(27, 1));
    /* Same PPI on CPU 0 once CPU 0 enables its copy. */
    config_irq(27, 0x20, 0, 0);
    gic_input_ppi(&gic, 0, 27, 1);
    CU_ASSERT_EQUAL(pins.irq[0], 1);
    CU_ASSERT_EQUAL(pins.irq[1], 0);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), 27);
    /* IRQLine objects drive the same inputs. */
    {
        IRQLine ppi = gic_ppi_line(&gic, 1, 30), spi = gic_spi_line(&gic, 40);
        config_irq(30, 0x10, 0, 1);
        irq_raise(&ppi);
        CU_ASSERT_TRUE(is_pending(30, 1));
        irq_lower(&ppi);
        CU_ASSERT_FALSE(is_pending(30, 1));
        irq_raise(&spi);
        CU_ASSERT_TRUE(is_pending(40, 0));
    }
}

static void test_sgi(void)
{
    setup(4, 256);
    enable_all();
    for (unsigned c = 0; c < 4; c++) {
        dw(GICD_ISENABLER, 0xffff, c);
    }
    /* From each CPU to CPU 1 by target list: the CPUID field names the source. */
    for (unsigned src = 0; src < 4; src++) {
        dw(GICD_SGIR, (0u << 24) | (0x2u << 16) | 3, src);
        CU_ASSERT_EQUAL(pins.irq[1], 1);
        CU_ASSERT_EQUAL(cr(GICC_IAR, 1), 3 | (src << 10));
        cw(GICC_EOIR, 3 | (src << 10), 1);
    }
    CU_ASSERT_EQUAL(pins.irq[0] + pins.irq[2] + pins.irq[3], 0);

    /* Two sources at once: the SGI stays pending for the second. */
    dw(GICD_SGIR, (0x2u << 16) | 5, 2);
    dw(GICD_SGIR, (0x2u << 16) | 5, 0);
    CU_ASSERT_EQUAL(address_space_read(&as, DIST + GICD_SPENDSGIR + 5, 1, 1), 0x5);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 1), 5 | (0 << 10));
    CU_ASSERT_TRUE(is_active(5, 1));
    CU_ASSERT_TRUE(is_pending(5, 1));
    cw(GICC_EOIR, 5, 1);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 1), 5 | (2 << 10));
    cw(GICC_EOIR, 5 | (2 << 10), 1);
    CU_ASSERT_FALSE(is_pending(5, 1));

    /* "All but self" from CPU 2. */
    dw(GICD_SGIR, (1u << 24) | 7, 2);
    CU_ASSERT_EQUAL(pins.irq[0], 1);
    CU_ASSERT_EQUAL(pins.irq[1], 1);
    CU_ASSERT_EQUAL(pins.irq[2], 0);
    CU_ASSERT_EQUAL(pins.irq[3], 1);
    for (unsigned c = 0; c < 4; c++) {
        if (c != 2) {
            CU_ASSERT_EQUAL(cr(GICC_IAR, c), 7 | (2 << 10));
            cw(GICC_EOIR, 7, c);
        }
    }
    /* "Self" from CPU 3, whatever the target list says. */
    dw(GICD_SGIR, (2u << 24) | (0x1u << 16) | 9, 3);
    CU_ASSERT_EQUAL(pins.irq[0], 0);
    CU_ASSERT_EQUAL(pins.irq[3], 1);
    CU_ASSERT_EQUAL(cr(GICC_HPPIR, 3), 9 | (3 << 10));
    CU_ASSERT_EQUAL(cr(GICC_IAR, 3), 9 | (3 << 10));
    cw(GICC_EOIR, 9, 3);
    /* Reserved filter: nothing sent. */
    dw(GICD_SGIR, (3u << 24) | (0xfu << 16) | 1, 0);
    for (unsigned c = 0; c < 4; c++) {
        CU_ASSERT_EQUAL(pins.irq[c], 0);
    }

    /* SPENDSGIR/CPENDSGIR: pending per source, banked per target; ISPENDR does not touch SGIs. */
    address_space_write(&as, DIST + GICD_SPENDSGIR + 4, 0x09, 1, 0);
    CU_ASSERT_EQUAL(dr(GICD_SPENDSGIR + 4, 0), 0x09);
    CU_ASSERT_EQUAL(dr(GICD_CPENDSGIR + 4, 0), 0x09);
    CU_ASSERT_EQUAL(dr(GICD_SPENDSGIR + 4, 1), 0);
    CU_ASSERT_TRUE(is_pending(4, 0));
    address_space_write(&as, DIST + GICD_CPENDSGIR + 4, 0x01, 1, 0);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), 4 | (3 << 10));
    cw(GICC_EOIR, 4, 0);
    dw(GICD_ISPENDR, 1u << 6, 0);
    CU_ASSERT_FALSE(is_pending(6, 0));
    /* SGIs are always edge-triggered: GICD_ICFGR0 is read-only. */
    CU_ASSERT_EQUAL(dr(GICD_ICFGR, 0), 0xaaaaaaaa);
    dw(GICD_ICFGR, 0, 0);
    CU_ASSERT_EQUAL(dr(GICD_ICFGR, 0), 0xaaaaaaaa);
    CU_ASSERT_EQUAL(dr(GICD_ICFGR + 4, 0), 0);   /* PPIs reset level-sensitive */
}

static void test_byte_access(void)
{
    setup(2, 256);
    address_space_write(&as, DIST + GICD_IPRIORITYR + 41, 0xa0, 1, 0);
    address_space_write(&as, DIST + GICD_IPRIORITYR + 42, 0xb0, 1, 0);
    CU_ASSERT_EQUAL(dr(GICD_IPRIORITYR + 40, 0), 0x00b0a000);
    dw(GICD_IPRIORITYR + 40, 0x11223344, 0);
    CU_ASSERT_EQUAL(address_space_read(&as, DIST + GICD_IPRIORITYR + 43, 1, 0), 0x11);
    CU_ASSERT_EQUAL(address_space_read(&as, DIST + GICD_IPRIORITYR + 40, 1, 1), 0x44);
    /* Banked byte: SGI priorities per CPU. */
    address_space_write(&as, DIST + GICD_IPRIORITYR + 2, 0x30, 1, 1);
    CU_ASSERT_EQUAL(dr(GICD_IPRIORITYR, 1), 0x00300000);
    CU_ASSERT_EQUAL(dr(GICD_IPRIORITYR, 0), 0);
    /* ITARGETSR word access sets four interrupts. */
    dw(GICD_ITARGETSR + 36, 0x02010201, 0);
    CU_ASSERT_EQUAL(address_space_read(&as, DIST + GICD_ITARGETSR + 37, 1, 0), 0x02);
    CU_ASSERT_EQUAL(dr(GICD_ITARGETSR + 36, 1), 0x02010201);
    /* Halfword accesses and byte accesses to word-only registers are ignored. */
    address_space_write(&as, DIST + GICD_IPRIORITYR + 40, 0xffff, 2, 0);
    CU_ASSERT_EQUAL(address_space_read(&as, DIST + GICD_IPRIORITYR + 40, 1, 0), 0x44);
    address_space_write(&as, DIST + GICD_CTLR, 1, 1, 0);
    CU_ASSERT_EQUAL(dr(GICD_CTLR, 0), 0);
    CU_ASSERT_EQUAL(address_space_read(&as, DIST + GICD_TYPER, 1, 0), 0);
    address_space_write(&as, CPUI + GICC_PMR, 0xff, 1, 0);
    CU_ASSERT_EQUAL(cr(GICC_PMR, 0), 0);
    CU_ASSERT_EQUAL(address_space_read(&as, DIST + GICD_IPRIORITYR + 40, 8, 0), 0);
}

static void test_groups_and_fiq(void)
{
    setup(1, 256);
    enable_all();
    config_irq(40, 0x80, 1, 0);    /* group 0 */
    config_irq(41, 0x40, 1, 0);    /* group 1, higher priority */
    dw(GICD_IGROUPR + 4, 1u << 9, 0);
    CU_ASSERT_EQUAL(dr(GICD_IGROUPR + 4, 0), 1u << 9);

    /* Group 0 goes to FIQ when FIQEn is set. */
    cw(GICC_CTLR, GICC_CTLR_ENABLE_GRP0 | GICC_CTLR_FIQEN, 0);
    gic_input_irq(&gic, 40, 1);
    CU_ASSERT_EQUAL(pins.fiq[0], 1);
    CU_ASSERT_EQUAL(pins.irq[0], 0);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), 40);
    CU_ASSERT_EQUAL(pins.fiq[0], 0);
    gic_input_irq(&gic, 40, 0);
    cw(GICC_EOIR, 40, 0);

    /* Group 1 always goes to IRQ; without AckCtl, GICC_IAR gives 1022 and GICC_AIAR takes it. */
    cw(GICC_CTLR, GICC_CTLR_ENABLE_GRP0 | GICC_CTLR_ENABLE_GRP1 | GICC_CTLR_FIQEN, 0);
    gic_input_irq(&gic, 41, 1);
    CU_ASSERT_EQUAL(pins.irq[0], 1);
    CU_ASSERT_EQUAL(pins.fiq[0], 0);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), 1022);
    CU_ASSERT_EQUAL(cr(GICC_AHPPIR, 0), 41);
    CU_ASSERT_EQUAL(cr(GICC_AIAR, 0), 41);
    CU_ASSERT_EQUAL(cr(GICC_NSAPR0 + 4, 0), 1);
    gic_input_irq(&gic, 41, 0);
    cw(GICC_AEOIR, 41, 0);
    CU_ASSERT_EQUAL(cr(GICC_NSAPR0 + 4, 0), 0);
    /* With AckCtl, GICC_IAR acknowledges group 1 too. */
    cw(GICC_CTLR, GICC_CTLR_ENABLE_GRP0 | GICC_CTLR_ENABLE_GRP1 | GICC_CTLR_ACKCTL, 0);
    gic_input_irq(&gic, 41, 1);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), 41);
    gic_input_irq(&gic, 41, 0);
    cw(GICC_EOIR, 41, 0);
    /* Group 1 disabled at the distributor: only group 0 counts. */
    dw(GICD_CTLR, 1, 0);
    gic_input_irq(&gic, 41, 1);
    CU_ASSERT_EQUAL(pins.irq[0], 0);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), GIC_SPURIOUS);
    gic_input_irq(&gic, 40, 1);
    CU_ASSERT_EQUAL(pins.irq[0], 1);   /* FIQEn now clear: group 0 via IRQ */
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), 40);
    /* ABPR keeps its minimum of 1. */
    cw(GICC_ABPR, 0, 0);
    CU_ASSERT_EQUAL(cr(GICC_ABPR, 0), 1);
    cw(GICC_ABPR, 4, 0);
    CU_ASSERT_EQUAL(cr(GICC_ABPR, 0), 4);
}

static void test_eoimode_dir(void)
{
    setup(1, 256);
    enable_all();
    cw(GICC_CTLR, GICC_CTLR_ENABLE_GRP0 | GICC_CTLR_EOIMODE, 0);
    config_irq(40, 0x80, 1, 0);
    set_edge(40, true, 0);
    gic_input_irq(&gic, 40, 1);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), 40);
    cw(GICC_EOIR, 40, 0);                 /* priority drop only */
    CU_ASSERT_EQUAL(cr(GICC_RPR, 0), 0xff);
    CU_ASSERT_TRUE(is_active(40, 0));
    cw(GICC_DIR, 40, 0);
    CU_ASSERT_FALSE(is_active(40, 0));
    /* EOI with nothing active and spurious EOIs change nothing. */
    cw(GICC_EOIR, 1023, 0);
    cw(GICC_EOIR, 40, 0);
    CU_ASSERT_EQUAL(cr(GICC_RPR, 0), 0xff);
}

static void test_spurious_and_outputs(void)
{
    setup(2, 256);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), GIC_SPURIOUS);
    CU_ASSERT_EQUAL(cr(GICC_HPPIR, 0), GIC_SPURIOUS);
    enable_all();
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), GIC_SPURIOUS);
    CU_ASSERT_EQUAL(pins.irq_calls[0], 0);

    /* The output moves only on real changes. */
    config_irq(40, 0x80, 1, 0);
    config_irq(41, 0x70, 1, 0);
    gic_input_irq(&gic, 40, 1);
    CU_ASSERT_EQUAL(pins.irq_calls[0], 1);
    gic_input_irq(&gic, 41, 1);           /* already asserted: no new call */
    CU_ASSERT_EQUAL(pins.irq_calls[0], 1);
    gic_input_irq(&gic, 40, 1);
    CU_ASSERT_EQUAL(pins.irq_calls[0], 1);
    CU_ASSERT_EQUAL(cr(GICC_IAR, 0), 41); /* 41 active; 40 cannot preempt */
    CU_ASSERT_EQUAL(pins.irq_calls[0], 2);
    CU_ASSERT_EQUAL(pins.irq[0], 0);
    gic_input_irq(&gic, 41, 0);
    cw(GICC_EOIR, 41, 0);                 /* 40 signalled again */
    CU_ASSERT_EQUAL(pins.irq_calls[0], 3);
    CU_ASSERT_EQUAL(pins.irq[0], 1);
    gic_input_irq(&gic, 40, 0);
    CU_ASSERT_EQUAL(pins.irq_calls[0], 4);
    CU_ASSERT_EQUAL(pins.irq[0], 0);
    CU_ASSERT_EQUAL(pins.irq_calls[1], 0);
    CU_ASSERT_EQUAL(pins.fiq_calls[0], 0);

    /* Reset drops the outputs and clears state but keeps the input level. */
    gic_input_irq(&gic, 40, 1);
    CU_ASSERT_EQUAL(pins.irq[0], 1);
    gic_reset(&gic);
    CU_ASSERT_EQUAL(pins.irq[0], 0);
    CU_ASSERT_EQUAL(dr(GICD_CTLR, 0), 0);
    CU_ASSERT_EQUAL(dr(GICD_ISENABLER + 4, 0), 0);
    CU_ASSERT_TRUE(is_pending(40, 0));
}

static void test_fdt(void)
{
    char buf[4096];
    const fdt32_t *p;
    const char *str;
    int node, len;

    setup(2, 256);
    CU_ASSERT_EQUAL_FATAL(fdt_create_empty_tree(buf, sizeof(buf)), 0);
    CU_ASSERT_EQUAL(fdt_setprop_u32(buf, 0, "#address-cells", 2), 0);
    CU_ASSERT_EQUAL(fdt_setprop_u32(buf, 0, "#size-cells", 2), 0);
    node = gic_fdt_node(&gic, buf, 0, 0x8001);
    CU_ASSERT_TRUE_FATAL(node >= 0);
    CU_ASSERT_EQUAL(fdt_path_offset(buf, "/intc@8000000"), node);
    str = fdt_getprop(buf, node, "compatible", &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(str);
    CU_ASSERT_STRING_EQUAL(str, "arm,cortex-a15-gic");
    p = fdt_getprop(buf, node, "#interrupt-cells", &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_EQUAL(fdt32_to_cpu(p[0]), 3);
    CU_ASSERT_PTR_NOT_NULL(fdt_getprop(buf, node, "interrupt-controller", &len));
    CU_ASSERT_EQUAL(len, 0);
    p = fdt_getprop(buf, node, "reg", &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_EQUAL(len, 32);
    CU_ASSERT_EQUAL(fdt32_to_cpu(p[1]), DIST);
    CU_ASSERT_EQUAL(fdt32_to_cpu(p[3]), 0x10000);
    CU_ASSERT_EQUAL(fdt32_to_cpu(p[5]), CPUI);
    CU_ASSERT_EQUAL(fdt32_to_cpu(p[7]), 0x10000);
    CU_ASSERT_EQUAL(fdt_get_phandle(buf, node), 0x8001);
}

static CU_TestInfo tests[] = {
    { "ID and read-only registers", test_id_registers },
    { "enable and disable", test_enable_disable },
    { "SPI acknowledge/EOI flow", test_spi_flow },
    { "level vs edge", test_level_vs_edge },
    { "active and pending", test_active_and_pending },
    { "priority order and ties", test_priority_order },
    { "priority mask", test_pmr },
    { "preemption and binary point", test_preemption_binary_point },
    { "ITARGETSR routing", test_targets_routing },
    { "banked PPIs", test_ppi_banked },
    { "SGIs", test_sgi },
    { "byte accesses", test_byte_access },
    { "groups and FIQ", test_groups_and_fiq },
    { "EOImode and DIR", test_eoimode_dir },
    { "spurious, outputs, reset", test_spurious_and_outputs },
    { "device-tree node", test_fdt },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return cunit_run_suite("gic", tests);
}
