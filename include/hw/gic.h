/*
 * GICv2 interrupt controller (Arm GIC Architecture Specification v2.0,
 * IHI 0048B), as found on the `virt` board: a distributor and a CPU
 * interface, without the Security Extensions and without virtualization
 * extensions.
 *
 * Interrupt IDs: 0-15 SGIs, 16-31 PPIs (both banked per CPU), 32 and up
 * SPIs.  Every MMIO access carries the requesting CPU's index, which
 * selects the banked registers and the CPU interface.
 *
 * Thread safety: none inside.  Every call into the GIC (MMIO callbacks,
 * input lines, reset) must be made with the board's device lock held; the
 * output lines are called back with that lock still held.
 *
 * Public functions:
 *   gic_init, gic_reset, gic_fdt_node,
 *   gic_input_irq, gic_input_ppi, gic_spi_line, gic_ppi_line.
 * The board adds s->dist_mr and s->cpu_mr to its address space and connects
 * s->cpu[n].irq_out / fiq_out to each CPU's IRQ and FIQ pins.
 */
#ifndef HW_GIC_H
#define HW_GIC_H

#include <stdbool.h>
#include <stdint.h>
#include "hw/irq.h"
#include "hw/memory.h"

#define GIC_MAX_CPUS       8
#define GIC_NR_SGIS        16
#define GIC_INTERNAL_IRQS  32       /* SGIs + PPIs, banked per CPU */
#define GIC_MAX_IRQS       1020     /* IDs 0-1019; 1020-1023 are special */
#define GIC_MAX_SPIS       (GIC_MAX_IRQS - GIC_INTERNAL_IRQS)   /* 988 */
#define GIC_SPURIOUS       1023
#define GIC_REGION_SIZE    0x10000  /* each of distributor and CPU interface */

/* Distributor register offsets (IHI 0048B 4.1.2, Table 4-1). */
#define GICD_CTLR        0x000
#define GICD_TYPER       0x004
#define GICD_IIDR        0x008
#define GICD_IGROUPR     0x080
#define GICD_ISENABLER   0x100
#define GICD_ICENABLER   0x180
#define GICD_ISPENDR     0x200
#define GICD_ICPENDR     0x280
#define GICD_ISACTIVER   0x300
#define GICD_ICACTIVER   0x380
#define GICD_IPRIORITYR  0x400
#define GICD_ITARGETSR   0x800
#define GICD_ICFGR       0xc00
#define GICD_NSACR       0xe00
#define GICD_SGIR        0xf00
#define GICD_CPENDSGIR   0xf10
#define GICD_SPENDSGIR   0xf20
#define GICD_PIDR4       0xfd0
#define GICD_PIDR0       0xfe0
#define GICD_PIDR2       0xfe8
#define GICD_CIDR0       0xff0

/* CPU interface register offsets (IHI 0048B 4.1.3, Table 4-2). */
#define GICC_CTLR    0x00
#define GICC_PMR     0x04
#define GICC_BPR     0x08
#define GICC_IAR     0x0c
#define GICC_EOIR    0x10
#define GICC_RPR     0x14
#define GICC_HPPIR   0x18
#define GICC_ABPR    0x1c
#define GICC_AIAR    0x20
#define GICC_AEOIR   0x24
#define GICC_AHPPIR  0x28
#define GICC_APR0    0xd0
#define GICC_NSAPR0  0xe0
#define GICC_IIDR    0xfc
#define GICC_DIR     0x1000

/* GICC_CTLR bits (the layout without Security Extensions, 4.4.1). */
#define GICC_CTLR_ENABLE_GRP0  (1u << 0)
#define GICC_CTLR_ENABLE_GRP1  (1u << 1)
#define GICC_CTLR_ACKCTL       (1u << 2)
#define GICC_CTLR_FIQEN        (1u << 3)
#define GICC_CTLR_CBPR         (1u << 4)
#define GICC_CTLR_EOIMODE      (1u << 9)

/* State of one interrupt as seen by one CPU (banked copy for IDs 0-31). */
typedef struct GICIrq {
    uint8_t priority;
    uint8_t targets;      /* SPIs only: CPU target bitmap (GICD_ITARGETSR) */
    bool enabled;
    bool latched;         /* pending state set by an edge or by software */
    bool active;
    bool level;           /* current level of the input line */
    bool edge;            /* GICD_ICFGR: edge-triggered rather than level */
    bool group1;          /* GICD_IGROUPR */
} GICIrq;

typedef struct GICCpu {
    uint32_t ctlr;                /* GICC_CTLR */
    uint8_t pmr;                  /* GICC_PMR */
    uint8_t bpr, abpr;            /* GICC_BPR, GICC_ABPR */
    /*
     * Active priorities, one bit per preemption level (priority >> 1,
     * 128 levels with 8 priority bits): [0] group 0 (GICC_APRn),
     * [1] group 1 (GICC_NSAPRn).
     */
    uint32_t apr[2][4];
    IRQLine irq_out, fiq_out;     /* to the CPU's IRQ and FIQ pins */
    bool irq_level, fiq_level;    /* what the outputs currently drive */
} GICCpu;

typedef struct GICState {
    unsigned num_cpu;             /* 1..GIC_MAX_CPUS */
    unsigned num_irq;             /* total IDs, a multiple of 32, 64..1020(+4) */
    uint32_t ctlr;                /* GICD_CTLR: bit0 EnableGrp0, bit1 EnableGrp1 */
    GICIrq priv[GIC_MAX_CPUS][GIC_INTERNAL_IRQS];
    GICIrq spi[GIC_MAX_SPIS];
    /* SGI pending state per (target CPU, SGI ID): bitmap of source CPUs. */
    uint8_t sgi_pending[GIC_MAX_CPUS][GIC_NR_SGIS];
    GICCpu cpu[GIC_MAX_CPUS];
    MemoryRegion dist_mr, cpu_mr;
} GICState;

/*
 * Set up a GIC with num_cpu CPU interfaces and num_irq interrupt IDs in
 * total (SGIs, PPIs and SPIs: the virt board uses 256; rounded up to a
 * multiple of 32, at most 1020), with the distributor at dist_base and the
 * CPU interface at cpu_base (each GIC_REGION_SIZE long).  Returns false on
 * an unsupported configuration.  Outputs start unconnected: set
 * s->cpu[n].irq_out and fiq_out before the first reset or input.
 */
bool gic_init(GICState *s, unsigned num_cpu, unsigned num_irq, uint64_t dist_base,
              uint64_t cpu_base);

/* Reset state (IHI 0048B register reset values); input levels are kept. */
void gic_reset(GICState *s);

/*
 * Write the GIC's node ("intc@<dist_base>", compatible "arm,cortex-a15-gic")
 * under parent, whose #address-cells and #size-cells must be 2, with the
 * given phandle.  Returns the node offset, or a negative libfdt error.
 */
int gic_fdt_node(const GICState *s, void *fdt, int parent, uint32_t phandle);

/*
 * Input line of SPI `irq` (an interrupt ID, 32..num_irq-1; others assert); an IRQHandler,
 * with the GICState as opaque.
 */
void gic_input_irq(void *opaque, int irq, int level);
/* Input line of PPI `ppi` (an interrupt ID, 16..31) of CPU `cpu`. */
void gic_input_ppi(GICState *s, unsigned cpu, unsigned ppi, int level);

/* IRQLine objects for devices to drive the inputs above. */
IRQLine gic_spi_line(GICState *s, unsigned irq);
IRQLine gic_ppi_line(GICState *s, unsigned cpu, unsigned ppi);

#endif
