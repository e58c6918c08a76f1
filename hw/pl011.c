/*
 * Arm PrimeCell UART (PL011): see include/hw/pl011.h and DDI 0183.
 *
 * Interrupt model (DDI 0183, 3.4 Interrupts):
 *  - RX: level of the receive FIFO at or above the RXIFLSEL trigger (or, with
 *    the FIFOs disabled, one character held).  Set when a character arrives,
 *    cleared when reads take the FIFO below the trigger, or by ICR.
 *  - TX: the transmit FIFO is always empty here (instant transmission), so
 *    it is at or below any trigger: every UARTDR write sets TX again.  ICR
 *    clears it until the next write, which is what drivers rely on to stop
 *    the interrupt when they have nothing more to send.
 *  - RT (receive timeout): on the hardware, raised when the receive FIFO is
 *    not empty and no character has arrived for 32 bit periods.  Back-ends
 *    deliver bursts, so by the time the guest can look the line is idle:
 *    we raise RT whenever data is left in the FIFO below the RX trigger
 *    (after a character arrives, or after reads take the FIFO from the
 *    trigger to a non-empty level below it), and clear it when the FIFO
 *    empties or by ICR.  Linux's amba-pl011 then drains the FIFO promptly.
 *  - OE: a character arriving with the FIFO full is lost; RSR.OE and RIS.OE
 *    are set and the newest character in the FIFO carries DR.OE.
 */
#include <inttypes.h>
#include <string.h>
#include "boot/fdt.h"
#include "hw/pl011.h"
#include "util/log.h"

/* Peripheral and PrimeCell identification (DDI 0183, 3.3.14-3.3.15) at 0xfe0..0xffc. */
static const uint8_t pl011_id[8] = { 0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

static unsigned fifo_depth(const PL011State *s)
{
    return (s->lcr_h & PL011_LCRH_FEN) ? PL011_FIFO_DEPTH : 1;
}

/* Receive trigger in characters (UARTIFLS RXIFLSEL, bits 5:3). */
static unsigned rx_trigger(const PL011State *s)
{
    static const unsigned levels[8] = { 2, 4, 8, 12, 14, 8, 8, 8 };   /* 1/8 .. 7/8 of 16; reserved: 1/2 */
    if (!(s->lcr_h & PL011_LCRH_FEN)) {
        return 1;
    }
    return levels[(s->ifls >> 3) & 7];
}

static void update_irq(PL011State *s)
{
    int level = (s->ris & s->imsc & PL011_INT_ALL) != 0;
    if (level != s->irq_level) {
        s->irq_level = level;
        irq_set(&s->irq, level);
    }
}

void pl011_reset(PL011State *s)
{
    /* Reset values from DDI 0183, 3.2 Table 3-1. */
    s->rx_head = s->rx_count = 0;
    s->rsr = 0;
    s->ilpr = 0;
    s->ibrd = 0;
    s->fbrd = 0;
    s->lcr_h = 0;
    s->cr = PL011_CR_RXE | PL011_CR_TXE;
    s->ifls = 0x12;
    s->imsc = 0;
    s->ris = 0;
    s->dmacr = 0;
    update_irq(s);
}

static uint32_t read_fr(const PL011State *s)
{
    uint32_t fr = PL011_FR_TXFE;   /* instant transmission: never busy, never full */
    if (s->rx_count == 0) {
        fr |= PL011_FR_RXFE;
    }
    if (s->rx_count >= fifo_depth(s)) {
        fr |= PL011_FR_RXFF;
    }
    return fr;
}

static uint32_t read_dr(PL011State *s)
{
    uint16_t v;
    unsigned trig = rx_trigger(s);
    bool was_at_trigger = s->rx_count >= trig;

    if (s->rx_count == 0) {
        return 0;   /* reading an empty FIFO returns stale data on hardware; 0 here */
    }
    v = s->rx_fifo[s->rx_head];
    s->rx_head = (s->rx_head + 1) % PL011_FIFO_DEPTH;
    s->rx_count--;
    /* RSR holds the error status of the character just read (DDI 0183, 3.3.2). */
    s->rsr = (v >> 8) & 0xf;
    if (s->rx_count < trig) {
        s->ris &= ~PL011_INT_RX;
        if (s->rx_count > 0 && was_at_trigger) {
            s->ris |= PL011_INT_RT;
        }
    }
    if (s->rx_count == 0) {
        s->ris &= ~PL011_INT_RT;
    }
    update_irq(s);
    return v;
}

static void write_dr(PL011State *s, uint32_t v)
{
    uint8_t ch = v & 0xff;

    if (!(s->cr & PL011_CR_UARTEN) || !(s->cr & PL011_CR_TXE)) {
        emu_log_mask(LOG_GUEST_ERRORS, "pl011@%" PRIx64 ": write to UARTDR with the transmitter disabled"
                     " (sent anyway)\n", s->mmio.base);
    }
    if (s->write_fn) {
        s->write_fn(s->write_opaque, &ch, 1);
    }
    s->ris |= PL011_INT_TX;
    update_irq(s);
}

static uint64_t pl011_read(void *opaque, uint64_t offset, unsigned size, unsigned cpu)
{
    PL011State *s = opaque;
    uint64_t reg = offset & ~3ull;
    uint32_t v;

    if (reg >= 0xfe0 && reg <= 0xffc) {
        v = pl011_id[(reg - 0xfe0) >> 2];
    } else {
        switch (reg) {
        case PL011_DR:
            v = read_dr(s);
            break;
        case PL011_RSR:
            v = s->rsr;
            break;
        case PL011_FR:
            v = read_fr(s);
            break;
        case PL011_ILPR:
            v = s->ilpr;
            break;
        case PL011_IBRD:
            v = s->ibrd;
            break;
        case PL011_FBRD:
            v = s->fbrd;
            break;
        case PL011_LCR_H:
            v = s->lcr_h;
            break;
        case PL011_CR:
            v = s->cr;
            break;
        case PL011_IFLS:
            v = s->ifls;
            break;
        case PL011_IMSC:
            v = s->imsc;
            break;
        case PL011_RIS:
            v = s->ris;
            break;
        case PL011_MIS:
            v = s->ris & s->imsc;
            break;
        case PL011_DMACR:
            v = s->dmacr;
            break;
        case PL011_ICR:
            emu_log_mask(LOG_GUEST_ERRORS, "pl011: read of write-only UARTICR\n");
            v = 0;
            break;
        default:
            emu_log_mask(LOG_GUEST_ERRORS, "pl011: read of unknown register 0x%" PRIx64 "\n", offset);
            v = 0;
            break;
        }
    }
    return (v >> ((offset & 3) * 8)) & (size >= 4 ? 0xffffffffu : (1u << (size * 8)) - 1);
}

static void pl011_write(void *opaque, uint64_t offset, uint64_t value, unsigned size, unsigned cpu)
{
    PL011State *s = opaque;
    uint32_t v = (uint32_t)value;

    if (offset & 3) {
        emu_log_mask(LOG_GUEST_ERRORS, "pl011: unaligned %u-byte write at 0x%" PRIx64 " ignored\n",
                     size, offset);
        return;
    }
    switch (offset) {
    case PL011_DR:
        write_dr(s, v);
        break;
    case PL011_RSR:   /* UARTECR: any write clears the error flags */
        s->rsr = 0;
        break;
    case PL011_ILPR:
        s->ilpr = v & 0xff;
        break;
    case PL011_IBRD:
        s->ibrd = v & 0xffff;
        break;
    case PL011_FBRD:
        s->fbrd = v & 0x3f;
        break;
    case PL011_LCR_H:
        s->lcr_h = v & 0xff;
        /* The receive FIFO keeps its contents; with FEN cleared it holds one character. */
        if (s->rx_count > fifo_depth(s)) {
            s->rx_head = (s->rx_head + s->rx_count - 1) % PL011_FIFO_DEPTH;
            s->rx_count = 1;
        }
        break;
    case PL011_CR:
        s->cr = v & 0xff87;   /* bits 6:3 reserved (bit 7 LBE, 2:1 SIR) */
        break;
    case PL011_IFLS:
        s->ifls = v & 0x3f;
        break;
    case PL011_IMSC:
        s->imsc = v & PL011_INT_ALL;
        update_irq(s);
        break;
    case PL011_ICR:
        s->ris &= ~(v & PL011_INT_ALL);
        update_irq(s);
        break;
    case PL011_DMACR:
        s->dmacr = v & 7;
        if (v & 3) {
            emu_log_mask(LOG_UNIMP, "pl011: DMA requests are not implemented\n");
        }
        break;
    case PL011_FR:
    case PL011_RIS:
    case PL011_MIS:
        emu_log_mask(LOG_GUEST_ERRORS, "pl011: write to read-only register 0x%" PRIx64 "\n", offset);
        break;
    default:
        emu_log_mask(LOG_GUEST_ERRORS, "pl011: write to unknown register 0x%" PRIx64 "\n", offset);
        break;
    }
}

static const MemoryRegionOps pl011_ops = {
    .read = pl011_read,
    .write = pl011_write,
    .min_access = 1,
    .max_access = 4,
};

void pl011_init(PL011State *s, uint64_t base, IRQLine irq, unsigned spi)
{
    memset(s, 0, sizeof(*s));
    s->mmio.name = "pl011";
    s->mmio.base = base;
    s->mmio.size = PL011_MMIO_SIZE;
    s->mmio.ops = &pl011_ops;
    s->mmio.opaque = s;
    s->irq = irq;
    s->spi = spi;
    pl011_reset(s);
}

void pl011_set_backend(PL011State *s, CharWriteFn write_fn, void *opaque)
{
    s->write_fn = write_fn;
    s->write_opaque = opaque;
}

size_t pl011_can_receive(const PL011State *s)
{
    if (!(s->cr & PL011_CR_UARTEN) || !(s->cr & PL011_CR_RXE)) {
        return 0;
    }
    return fifo_depth(s) - s->rx_count;
}

void pl011_receive(PL011State *s, const uint8_t *buf, size_t len)
{
    unsigned trig = rx_trigger(s);

    for (size_t i = 0; i < len; i++) {
        if (s->rx_count >= fifo_depth(s)) {
            /* Overrun: the character is lost; the newest one in the FIFO carries OE. */
            unsigned last = (s->rx_head + s->rx_count - 1) % PL011_FIFO_DEPTH;
            s->rx_fifo[last] |= PL011_DR_OE;
            s->rsr |= PL011_DR_OE >> 8;
            s->ris |= PL011_INT_OE;
            continue;
        }
        s->rx_fifo[(s->rx_head + s->rx_count) % PL011_FIFO_DEPTH] = buf[i];
        s->rx_count++;
    }
    if (s->rx_count >= trig) {
        s->ris |= PL011_INT_RX;
    } else if (s->rx_count > 0) {
        s->ris |= PL011_INT_RT;
    }
    update_irq(s);
}

void pl011_fdt_node(FdtBuilder *b, void *opaque)
{
    PL011State *s = opaque;
    static const char *const compat[] = { "arm,pl011", "arm,primecell" };
    static const char *const clocks[] = { "uartclk", "apb_pclk" };
    int node = fdtb_node(b, 0, "pl011@%" PRIx64, s->mmio.base);

    fdtb_prop_strings(b, node, "compatible", compat, 2);
    fdtb_prop_reg(b, node, s->mmio.base, s->mmio.size);
    fdtb_prop_interrupt_spi(b, node, s->spi);
    fdtb_prop_apb_clocks(b, node, clocks, 2);
}
