/*
 * Arm PrimeCell Real Time Clock (PL031), after the PL031 Technical
 * Reference Manual (Arm DDI 0224).
 *
 * Public API: pl031_init, pl031_reset, pl031_fdt_node.
 *
 * The counter is a battery-backed clock that some firmware has already
 * started: it reads as seconds since the epoch, taken from the host at
 * reset and advanced by clock_now_ns(), and RTCCR reads 1 from reset (a
 * write of 0 has no effect once started, as the TRM says).  A match of the
 * counter with RTCMR raises the alarm interrupt, timed with an EmuTimer.
 */
#ifndef HW_PL031_H
#define HW_PL031_H

#include <stdint.h>
#include "hw/clock.h"
#include "hw/irq.h"
#include "hw/memory.h"

#define PL031_MMIO_SIZE 0x1000

/* Register offsets (DDI 0224, 3.2). */
enum {
    PL031_DR = 0x00, PL031_MR = 0x04, PL031_LR = 0x08, PL031_CR = 0x0c,
    PL031_IMSC = 0x10, PL031_RIS = 0x14, PL031_MIS = 0x18, PL031_ICR = 0x1c,
};

typedef struct PL031State {
    MemoryRegion mmio;
    IRQLine irq;          /* RTCINTR */
    unsigned spi;         /* GIC SPI number, for the device tree */
    EmuTimer alarm;

    int64_t epoch_at_reset;   /* < 0: the host's time at each reset */
    uint32_t tick_offset;     /* counter value at base_ns */
    int64_t base_ns;          /* clock_now_ns() when the counter was last loaded */
    uint32_t mr, lr, cr, imsc, ris;
    int irq_level;
} PL031State;

/*
 * Set up s at base.  epoch_at_reset is the counter's value at reset in
 * seconds since 1970; pass -1 for the host's current time (the board).
 */
void pl031_init(PL031State *s, uint64_t base, IRQLine irq, unsigned spi, int64_t epoch_at_reset);
void pl031_reset(PL031State *s);

struct FdtBuilder;
/* Device-tree node writer for fdt_builder_add_device(); opaque is the PL031State. */
void pl031_fdt_node(struct FdtBuilder *b, void *opaque);

#endif
