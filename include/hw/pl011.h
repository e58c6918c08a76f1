/*
 * Arm PrimeCell UART (PL011), after the PL011 Technical Reference Manual
 * (Arm DDI 0183).
 *
 * Public API:
 *   pl011_init, pl011_reset, pl011_set_backend, pl011_receive,
 *   pl011_can_receive, pl011_fdt_node.
 *
 * Transmission is instantaneous: a character written to UARTDR goes to the
 * back-end at once, so the transmit FIFO is always empty (FR.TXFE=1,
 * FR.BUSY=0) and the TX interrupt is raised after every write.  Characters
 * are sent even while UARTEN/TXE are clear, because Linux's earlycon and
 * bare-metal programs write to a UART that no firmware has enabled.
 *
 * Reception honours CR.UARTEN and CR.RXE: pl011_can_receive() is 0 while
 * either is clear, and a back-end must offer at most that many bytes;
 * bytes beyond the free FIFO space are lost and flagged as an overrun, as
 * on the hardware.
 */
#ifndef HW_PL011_H
#define HW_PL011_H

#include <stddef.h>
#include <stdint.h>
#include "hw/irq.h"
#include "hw/memory.h"

#define PL011_MMIO_SIZE 0x1000
#define PL011_FIFO_DEPTH 16

/* Register offsets (DDI 0183, 3.2 Summary of registers). */
enum {
    PL011_DR = 0x000, PL011_RSR = 0x004, PL011_FR = 0x018, PL011_ILPR = 0x020,
    PL011_IBRD = 0x024, PL011_FBRD = 0x028, PL011_LCR_H = 0x02c, PL011_CR = 0x030,
    PL011_IFLS = 0x034, PL011_IMSC = 0x038, PL011_RIS = 0x03c, PL011_MIS = 0x040,
    PL011_ICR = 0x044, PL011_DMACR = 0x048,
};

/* UARTDR / UARTRSR error bits (DR bits 11:8, RSR bits 3:0). */
#define PL011_DR_FE (1u << 8)
#define PL011_DR_PE (1u << 9)
#define PL011_DR_BE (1u << 10)
#define PL011_DR_OE (1u << 11)

/* UARTFR */
#define PL011_FR_BUSY (1u << 3)
#define PL011_FR_RXFE (1u << 4)
#define PL011_FR_TXFF (1u << 5)
#define PL011_FR_RXFF (1u << 6)
#define PL011_FR_TXFE (1u << 7)

/* UARTLCR_H */
#define PL011_LCRH_FEN (1u << 4)

/* UARTCR */
#define PL011_CR_UARTEN (1u << 0)
#define PL011_CR_TXE (1u << 8)
#define PL011_CR_RXE (1u << 9)

/* Interrupt bits in IMSC/RIS/MIS/ICR */
#define PL011_INT_RX (1u << 4)
#define PL011_INT_TX (1u << 5)
#define PL011_INT_RT (1u << 6)
#define PL011_INT_FE (1u << 7)
#define PL011_INT_PE (1u << 8)
#define PL011_INT_BE (1u << 9)
#define PL011_INT_OE (1u << 10)
#define PL011_INT_ALL 0x7ffu

typedef void (*CharWriteFn)(void *opaque, const uint8_t *buf, size_t len);

typedef struct PL011State {
    MemoryRegion mmio;     /* register on the board's AddressSpace */
    IRQLine irq;           /* combined interrupt UARTINTR */
    unsigned spi;          /* GIC SPI number, for the device tree */

    CharWriteFn write_fn;
    void *write_opaque;

    uint16_t rx_fifo[PL011_FIFO_DEPTH];   /* data in bits 7:0, errors in 11:8 */
    unsigned rx_head, rx_count;

    uint32_t rsr, ilpr, ibrd, fbrd, lcr_h, cr, ifls, imsc, ris, dmacr;
    int irq_level;
} PL011State;

/* Set up s at physical address base; irq is its combined interrupt output. */
void pl011_init(PL011State *s, uint64_t base, IRQLine irq, unsigned spi);
void pl011_reset(PL011State *s);
/* Where transmitted characters go (NULL: dropped). */
void pl011_set_backend(PL011State *s, CharWriteFn write_fn, void *opaque);
/* How many bytes the receive FIFO accepts now. */
size_t pl011_can_receive(const PL011State *s);
/* Characters arriving on the line. */
void pl011_receive(PL011State *s, const uint8_t *buf, size_t len);

struct FdtBuilder;
/* Device-tree node writer for fdt_builder_add_device(); opaque is the PL011State. */
void pl011_fdt_node(struct FdtBuilder *b, void *opaque);

#endif
