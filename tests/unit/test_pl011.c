/* Unit tests of the PL011 UART model (hw/pl011.c) against DDI 0183. */
#include <string.h>
#include "hw/memory.h"
#include "hw/pl011.h"
#include "runner.h"

#define UART_BASE 0x9000000

typedef struct Harness {
    AddressSpace as;
    PL011State uart;
    int level, changes;
    uint8_t out[256];
    size_t out_len;
} Harness;

static void on_irq(void *opaque, int n, int level)
{
    Harness *h = opaque;
    CU_ASSERT_EQUAL(n, 33);
    h->level = level;
    h->changes++;
}

static void on_tx(void *opaque, const uint8_t *buf, size_t len)
{
    Harness *h = opaque;
    memcpy(h->out + h->out_len, buf, len);
    h->out_len += len;
}

static void setup(Harness *h)
{
    memset(h, 0, sizeof(*h));
    address_space_init(&h->as);
    pl011_init(&h->uart, UART_BASE, irq_line(on_irq, h, 33), 1);
    CU_ASSERT_TRUE(address_space_add(&h->as, &h->uart.mmio));
    pl011_set_backend(&h->uart, on_tx, h);
}

static uint32_t rd(Harness *h, unsigned off)
{
    return (uint32_t)address_space_read(&h->as, UART_BASE + off, 4, 0);
}

static void wr(Harness *h, unsigned off, uint32_t v)
{
    address_space_write(&h->as, UART_BASE + off, v, 4, 0);
}

/* UARTEN | TXE | RXE, as Linux's startup does. */
static void enable(Harness *h)
{
    wr(h, PL011_CR, PL011_CR_UARTEN | PL011_CR_TXE | PL011_CR_RXE);
}

static void test_reset_values(void)
{
    Harness h;
    setup(&h);
    CU_ASSERT_EQUAL(rd(&h, PL011_FR), PL011_FR_TXFE | PL011_FR_RXFE);
    CU_ASSERT_EQUAL(rd(&h, PL011_CR), 0x300);
    CU_ASSERT_EQUAL(rd(&h, PL011_IFLS), 0x12);
    CU_ASSERT_EQUAL(rd(&h, PL011_IMSC), 0);
    CU_ASSERT_EQUAL(rd(&h, PL011_RIS), 0);
    CU_ASSERT_EQUAL(rd(&h, PL011_MIS), 0);
    CU_ASSERT_EQUAL(rd(&h, PL011_LCR_H), 0);
    CU_ASSERT_EQUAL(rd(&h, PL011_IBRD), 0);
    CU_ASSERT_EQUAL(rd(&h, PL011_DMACR), 0);
    CU_ASSERT_EQUAL(h.level, 0);
}

static void test_ids(void)
{
    static const uint8_t want[8] = { 0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };
    Harness h;
    setup(&h);
    for (unsigned i = 0; i < 8; i++) {
        CU_ASSERT_EQUAL(rd(&h, 0xfe0 + 4 * i), want[i]);
    }
    /* Linux's AMBA bus reads the IDs a byte at a time too. */
    CU_ASSERT_EQUAL(address_space_read(&h.as, UART_BASE + 0xfe0, 1, 0), 0x11);
    CU_ASSERT_EQUAL(address_space_read(&h.as, UART_BASE + 0xffc, 2, 0), 0xb1);
}

static void test_baud_and_line_registers(void)
{
    Harness h;
    setup(&h);
    wr(&h, PL011_IBRD, 0x1234d);       /* 16 bits kept */
    CU_ASSERT_EQUAL(rd(&h, PL011_IBRD), 0x234d);
    wr(&h, PL011_FBRD, 0xff);          /* 6 bits kept */
    CU_ASSERT_EQUAL(rd(&h, PL011_FBRD), 0x3f);
    wr(&h, PL011_LCR_H, 0x170);
    CU_ASSERT_EQUAL(rd(&h, PL011_LCR_H), 0x70);
    wr(&h, PL011_ILPR, 0x1ab);
    CU_ASSERT_EQUAL(rd(&h, PL011_ILPR), 0xab);
    wr(&h, PL011_IFLS, 0xff);
    CU_ASSERT_EQUAL(rd(&h, PL011_IFLS), 0x3f);
    wr(&h, PL011_IMSC, 0xffff);
    CU_ASSERT_EQUAL(rd(&h, PL011_IMSC), 0x7ff);
    wr(&h, PL011_DMACR, 0xff);
    CU_ASSERT_EQUAL(rd(&h, PL011_DMACR), 7);
    /* Read-only registers ignore writes. */
    wr(&h, PL011_FR, 0);
    CU_ASSERT_EQUAL(rd(&h, PL011_FR), PL011_FR_TXFE | PL011_FR_RXFE);
    pl011_reset(&h.uart);
    CU_ASSERT_EQUAL(rd(&h, PL011_IBRD), 0);
    CU_ASSERT_EQUAL(rd(&h, PL011_IMSC), 0);
}

static void test_transmit(void)
{
    Harness h;
    setup(&h);
    enable(&h);
    wr(&h, PL011_DR, 'h');
    address_space_write(&h.as, UART_BASE, 'i', 1, 0);   /* earlycon writes bytes */
    wr(&h, PL011_DR, 0x100 | '!');                      /* only bits 7:0 go out */
    CU_ASSERT_EQUAL(h.out_len, 3);
    CU_ASSERT_EQUAL(memcmp(h.out, "hi!", 3), 0);
    CU_ASSERT_EQUAL(rd(&h, PL011_FR) & (PL011_FR_BUSY | PL011_FR_TXFF), 0);
    CU_ASSERT_TRUE(rd(&h, PL011_FR) & PL011_FR_TXFE);
    /* Still sent with the UART disabled (earlycon before any driver). */
    wr(&h, PL011_CR, 0);
    wr(&h, PL011_DR, 'x');
    CU_ASSERT_EQUAL(h.out_len, 4);
    /* No back-end: dropped without harm. */
    pl011_set_backend(&h.uart, NULL, NULL);
    wr(&h, PL011_DR, 'y');
    CU_ASSERT_EQUAL(h.out_len, 4);
}

static void test_tx_interrupt(void)
{
    Harness h;
    setup(&h);
    enable(&h);
    wr(&h, PL011_IMSC, PL011_INT_TX);
    CU_ASSERT_EQUAL(h.level, 0);
    wr(&h, PL011_DR, 'a');
    CU_ASSERT_TRUE(rd(&h, PL011_RIS) & PL011_INT_TX);
    CU_ASSERT_EQUAL(rd(&h, PL011_MIS), PL011_INT_TX);
    CU_ASSERT_EQUAL(h.level, 1);
    wr(&h, PL011_ICR, PL011_INT_TX);
    CU_ASSERT_EQUAL(rd(&h, PL011_RIS) & PL011_INT_TX, 0);
    CU_ASSERT_EQUAL(h.level, 0);
    /* Masked: raw status set, line stays low. */
    wr(&h, PL011_IMSC, 0);
    wr(&h, PL011_DR, 'b');
    CU_ASSERT_TRUE(rd(&h, PL011_RIS) & PL011_INT_TX);
    CU_ASSERT_EQUAL(rd(&h, PL011_MIS), 0);
    CU_ASSERT_EQUAL(h.level, 0);
    /* Unmasking a pending interrupt raises the line. */
    wr(&h, PL011_IMSC, PL011_INT_TX);
    CU_ASSERT_EQUAL(h.level, 1);
}

static void test_receive_gating(void)
{
    Harness h;
    setup(&h);
    CU_ASSERT_EQUAL(pl011_can_receive(&h.uart), 0);   /* UARTEN clear at reset */
    enable(&h);
    CU_ASSERT_EQUAL(pl011_can_receive(&h.uart), 1);   /* FIFOs off: one-character holding register */
    wr(&h, PL011_LCR_H, PL011_LCRH_FEN);
    CU_ASSERT_EQUAL(pl011_can_receive(&h.uart), 16);
    wr(&h, PL011_CR, PL011_CR_UARTEN | PL011_CR_TXE);  /* RXE clear */
    CU_ASSERT_EQUAL(pl011_can_receive(&h.uart), 0);
}

static void test_rx_fifo(void)
{
    Harness h;
    uint8_t buf[16];
    setup(&h);
    enable(&h);
    wr(&h, PL011_LCR_H, PL011_LCRH_FEN);
    for (unsigned i = 0; i < 16; i++) {
        buf[i] = 'A' + i;
    }
    pl011_receive(&h.uart, buf, 5);
    CU_ASSERT_EQUAL(pl011_can_receive(&h.uart), 11);
    CU_ASSERT_EQUAL(rd(&h, PL011_FR) & PL011_FR_RXFE, 0);
    CU_ASSERT_EQUAL(rd(&h, PL011_DR), 'A');
    CU_ASSERT_EQUAL(rd(&h, PL011_DR), 'B');
    pl011_receive(&h.uart, buf + 5, 11);
    CU_ASSERT_EQUAL(pl011_can_receive(&h.uart), 2);
    pl011_receive(&h.uart, buf, 2);
    CU_ASSERT_TRUE(rd(&h, PL011_FR) & PL011_FR_RXFF);
    CU_ASSERT_EQUAL(pl011_can_receive(&h.uart), 0);
    /* First in, first out, in order across the wrap of the ring. */
    for (unsigned i = 2; i < 16; i++) {
        CU_ASSERT_EQUAL(rd(&h, PL011_DR), 'A' + i);
    }
    CU_ASSERT_EQUAL(rd(&h, PL011_DR), 'A');
    CU_ASSERT_EQUAL(rd(&h, PL011_DR), 'B');
    CU_ASSERT_TRUE(rd(&h, PL011_FR) & PL011_FR_RXFE);
    CU_ASSERT_EQUAL(rd(&h, PL011_RSR), 0);
}

static void test_overrun(void)
{
    Harness h;
    setup(&h);
    enable(&h);   /* FIFOs disabled: one character */
    pl011_receive(&h.uart, (const uint8_t *)"xy", 2);
    CU_ASSERT_TRUE(rd(&h, PL011_FR) & PL011_FR_RXFF);
    CU_ASSERT_TRUE(rd(&h, PL011_RIS) & PL011_INT_OE);
    CU_ASSERT_EQUAL(rd(&h, PL011_RSR), PL011_DR_OE >> 8);
    /* The held character carries the overrun flag; 'y' is lost. */
    CU_ASSERT_EQUAL(rd(&h, PL011_DR), PL011_DR_OE | 'x');
    CU_ASSERT_EQUAL(rd(&h, PL011_RSR), PL011_DR_OE >> 8);
    CU_ASSERT_TRUE(rd(&h, PL011_FR) & PL011_FR_RXFE);
    wr(&h, PL011_RSR, 0);   /* UARTECR */
    CU_ASSERT_EQUAL(rd(&h, PL011_RSR), 0);
    wr(&h, PL011_ICR, PL011_INT_ALL);
    CU_ASSERT_EQUAL(rd(&h, PL011_RIS), 0);
}

static void test_rx_interrupt_trigger(void)
{
    Harness h;
    uint8_t buf[8] = "12345678";
    setup(&h);
    enable(&h);
    wr(&h, PL011_LCR_H, PL011_LCRH_FEN);
    wr(&h, PL011_IFLS, 1 << 3);   /* RX trigger at 1/4 full: 4 characters */
    wr(&h, PL011_IMSC, PL011_INT_RX);
    pl011_receive(&h.uart, buf, 3);
    CU_ASSERT_EQUAL(rd(&h, PL011_RIS) & PL011_INT_RX, 0);
    CU_ASSERT_EQUAL(h.level, 0);
    pl011_receive(&h.uart, buf + 3, 1);
    CU_ASSERT_TRUE(rd(&h, PL011_RIS) & PL011_INT_RX);
    CU_ASSERT_EQUAL(h.level, 1);
    /* Reading below the trigger clears RX. */
    CU_ASSERT_EQUAL(rd(&h, PL011_DR), '1');
    CU_ASSERT_EQUAL(rd(&h, PL011_RIS) & PL011_INT_RX, 0);
    CU_ASSERT_EQUAL(h.level, 0);
}

static void test_receive_timeout(void)
{
    Harness h;
    uint8_t buf[8] = "abcdefgh";
    setup(&h);
    enable(&h);
    wr(&h, PL011_LCR_H, PL011_LCRH_FEN);   /* trigger 1/2: 8 characters */
    wr(&h, PL011_IMSC, PL011_INT_RT | PL011_INT_RX);
    pl011_receive(&h.uart, buf, 2);
    /* Below the trigger: RT, not RX. */
    CU_ASSERT_EQUAL(rd(&h, PL011_RIS) & (PL011_INT_RT | PL011_INT_RX), PL011_INT_RT);
    CU_ASSERT_EQUAL(h.level, 1);
    CU_ASSERT_EQUAL(rd(&h, PL011_DR), 'a');
    CU_ASSERT_TRUE(rd(&h, PL011_RIS) & PL011_INT_RT);   /* data left */
    CU_ASSERT_EQUAL(rd(&h, PL011_DR), 'b');
    CU_ASSERT_EQUAL(rd(&h, PL011_RIS) & PL011_INT_RT, 0);   /* emptied */
    CU_ASSERT_EQUAL(h.level, 0);
    /* ICR clears RT while data remains. */
    pl011_receive(&h.uart, buf, 1);
    CU_ASSERT_EQUAL(h.level, 1);
    wr(&h, PL011_ICR, PL011_INT_RT);
    CU_ASSERT_EQUAL(rd(&h, PL011_MIS), 0);
    CU_ASSERT_EQUAL(h.level, 0);
    CU_ASSERT_EQUAL(rd(&h, PL011_DR), 'a');
    /* Reaching the trigger gives RX; reading below it with data left gives RT. */
    pl011_receive(&h.uart, buf, 8);
    CU_ASSERT_TRUE(rd(&h, PL011_RIS) & PL011_INT_RX);
    wr(&h, PL011_ICR, PL011_INT_RT);
    CU_ASSERT_EQUAL(rd(&h, PL011_DR), 'a');
    CU_ASSERT_EQUAL(rd(&h, PL011_RIS) & (PL011_INT_RT | PL011_INT_RX), PL011_INT_RT);
}

static void test_masking_combined(void)
{
    Harness h;
    setup(&h);
    enable(&h);
    pl011_receive(&h.uart, (const uint8_t *)"z", 1);   /* FIFOs off: RX at one character */
    wr(&h, PL011_DR, 'q');
    CU_ASSERT_EQUAL(rd(&h, PL011_RIS) & (PL011_INT_RX | PL011_INT_TX), PL011_INT_RX | PL011_INT_TX);
    CU_ASSERT_EQUAL(h.level, 0);
    wr(&h, PL011_IMSC, PL011_INT_RX);
    CU_ASSERT_EQUAL(rd(&h, PL011_MIS), PL011_INT_RX);
    CU_ASSERT_EQUAL(h.level, 1);
    wr(&h, PL011_ICR, PL011_INT_TX);   /* clearing another source keeps the line up */
    CU_ASSERT_EQUAL(h.level, 1);
    CU_ASSERT_EQUAL(rd(&h, PL011_DR), 'z');
    CU_ASSERT_EQUAL(h.level, 0);
    CU_ASSERT_EQUAL(rd(&h, PL011_RIS), 0);
}

static CU_TestInfo tests[] = {
    { "reset values", test_reset_values },
    { "identification registers", test_ids },
    { "baud and line registers", test_baud_and_line_registers },
    { "transmit to the back-end", test_transmit },
    { "TX interrupt, mask and clear", test_tx_interrupt },
    { "receive gated by UARTEN/RXE/FEN", test_receive_gating },
    { "16-entry receive FIFO", test_rx_fifo },
    { "overrun", test_overrun },
    { "RX interrupt at the trigger level", test_rx_interrupt_trigger },
    { "receive timeout model", test_receive_timeout },
    { "masked and combined interrupt", test_masking_combined },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return cunit_run_suite("pl011", tests);
}
