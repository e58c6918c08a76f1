/*
 * virtio-net (hw/virtio-net.c) driven through the virtio-mmio registers
 * over a fake guest RAM: features and config space (MAC, link status),
 * the 12-byte virtio_net_hdr on transmit (stripped) and receive (written,
 * num_buffers = 1), and drops when no or too small a buffer is posted.
 */
#include <stdlib.h>
#include <string.h>
#include "runner.h"
#include "hw/virtio-net.h"
#include "system/net-slirp.h"

#define RAM_BASE 0x40000000ull
#define RAM_SIZE 0x100000ull
/* Queue 0 (rx) and queue 1 (tx) rings, then buffers. */
#define DESC(q)  (RAM_BASE + 0x0000 + 0x4000ull * (q))
#define AVAIL(q) (RAM_BASE + 0x1000 + 0x4000ull * (q))
#define USED(q)  (RAM_BASE + 0x2000 + 0x4000ull * (q))
#define BUF      (RAM_BASE + 0x10000)

static AddressSpace as;
static MemoryRegion ram_mr;
static uint8_t *ram;
static VirtioNet *net;
static uint16_t avail_idx[2];
static int irq_level;
static uint8_t sent[2048];
static size_t sent_len;
static int sent_count;

static uint8_t *gp(uint64_t pa) { return ram + (pa - RAM_BASE); }
static void w16(uint64_t pa, uint16_t v) { memcpy(gp(pa), &v, 2); }
static void w32(uint64_t pa, uint32_t v) { memcpy(gp(pa), &v, 4); }
static void w64(uint64_t pa, uint64_t v) { memcpy(gp(pa), &v, 8); }
static uint16_t r16(uint64_t pa) { uint16_t v; memcpy(&v, gp(pa), 2); return v; }
static uint32_t r32(uint64_t pa) { uint32_t v; memcpy(&v, gp(pa), 4); return v; }

static void irq_handler(void *opaque, int n, int level) { irq_level = level; }

static void tx_cb(void *opaque, const uint8_t *frame, size_t len)
{
    CU_ASSERT_PTR_EQUAL(opaque, &sent_count);
    sent_len = len < sizeof(sent) ? len : sizeof(sent);
    memcpy(sent, frame, sent_len);
    sent_count++;
}

static uint32_t mr(uint64_t off, unsigned size)
{
    return (uint32_t)net->t.mmio.ops->read(net->t.mmio.opaque, off, size, 0);
}

static void mw(uint64_t off, uint32_t v)
{
    net->t.mmio.ops->write(net->t.mmio.opaque, off, v, 4, 0);
}

static void start(void)
{
    static const uint8_t mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x57 };

    if (!ram) {
        ram = calloc(1, RAM_SIZE);
        net = calloc(1, sizeof(*net));
    }
    CU_ASSERT_FATAL(ram && net);
    memset(ram, 0, RAM_SIZE);
    memset(net, 0, sizeof(*net));
    address_space_init(&as);
    ram_mr = (MemoryRegion){ .name = "ram", .base = RAM_BASE, .size = RAM_SIZE, .host = ram };
    address_space_add(&as, &ram_mr);
    virtio_net_init(net, 0x0a000000, irq_line(irq_handler, NULL, 0), 16, &as, mac, tx_cb, &sent_count);
    avail_idx[0] = avail_idx[1] = 0;
    sent_count = 0;
    mw(VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
    mw(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
    uint32_t lo = mr(VIRTIO_MMIO_DEVICE_FEATURES, 4);
    mw(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
    mw(VIRTIO_MMIO_DRIVER_FEATURES, 1);
    mw(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
    mw(VIRTIO_MMIO_DRIVER_FEATURES, lo & (1u << VIRTIO_NET_F_MAC | 1u << VIRTIO_NET_F_STATUS));
    mw(VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER |
                           VIRTIO_STATUS_FEATURES_OK);
    for (unsigned q = 0; q < 2; q++) {
        mw(VIRTIO_MMIO_QUEUE_SEL, q);
        mw(VIRTIO_MMIO_QUEUE_NUM, 16);
        mw(VIRTIO_MMIO_QUEUE_DESC_LOW, (uint32_t)DESC(q));
        mw(VIRTIO_MMIO_QUEUE_DRIVER_LOW, (uint32_t)AVAIL(q));
        mw(VIRTIO_MMIO_QUEUE_DEVICE_LOW, (uint32_t)USED(q));
        mw(VIRTIO_MMIO_QUEUE_READY, 1);
    }
    mw(VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER |
                           VIRTIO_STATUS_FEATURES_OK | VIRTIO_STATUS_DRIVER_OK);
}

static void set_desc(unsigned q, unsigned i, uint64_t addr, uint32_t len, uint16_t flags,
                     uint16_t next)
{
    uint64_t d = DESC(q) + 16ull * i;
    w64(d, addr);
    w32(d + 8, len);
    w16(d + 12, flags);
    w16(d + 14, next);
}

static void publish(unsigned q, uint16_t head)
{
    w16(AVAIL(q) + 4 + 2 * (avail_idx[q] % 16), head);
    avail_idx[q]++;
    w16(AVAIL(q) + 2, avail_idx[q]);
}

static void test_config(void)
{
    start();
    mw(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
    uint32_t lo = mr(VIRTIO_MMIO_DEVICE_FEATURES, 4);
    CU_ASSERT(lo & 1u << VIRTIO_NET_F_MAC);
    CU_ASSERT(lo & 1u << VIRTIO_NET_F_STATUS);
    CU_ASSERT_EQUAL(mr(VIRTIO_MMIO_DEVICE_ID, 4), VIRTIO_ID_NET);
    CU_ASSERT_EQUAL(mr(VIRTIO_MMIO_CONFIG + 0, 4), 0x12005452u);
    CU_ASSERT_EQUAL(mr(VIRTIO_MMIO_CONFIG + 4, 2), 0x5734u);
    CU_ASSERT_EQUAL(mr(VIRTIO_MMIO_CONFIG + 6, 2), VIRTIO_NET_S_LINK_UP);
    CU_ASSERT_EQUAL(mr(VIRTIO_MMIO_STATUS, 4) & VIRTIO_STATUS_NEEDS_RESET, 0);
    virtio_net_set_link(net, false);
    CU_ASSERT_EQUAL(mr(VIRTIO_MMIO_CONFIG + 6, 2), 0);
    CU_ASSERT(mr(VIRTIO_MMIO_INTERRUPT_STATUS, 4) & VIRTIO_MMIO_INT_CONFIG);
}

/* Transmit: header and frame split over two descriptors; the back-end sees only the frame. */
static void test_tx_strips_header(void)
{
    static const char frame[] = "ETHERNET-FRAME-PAYLOAD";

    start();
    memset(gp(BUF), 0xaa, VIRTIO_NET_HDR_LEN);
    memcpy(gp(BUF + 0x100), frame, sizeof(frame));
    set_desc(1, 0, BUF, VIRTIO_NET_HDR_LEN, VRING_DESC_F_NEXT, 1);
    set_desc(1, 1, BUF + 0x100, sizeof(frame), 0, 0);
    publish(1, 0);
    mw(VIRTIO_MMIO_QUEUE_NOTIFY, 1);
    CU_ASSERT_EQUAL(sent_count, 1);
    CU_ASSERT_EQUAL(sent_len, sizeof(frame));
    CU_ASSERT_EQUAL(memcmp(sent, frame, sizeof(frame)), 0);
    CU_ASSERT_EQUAL(r16(USED(1) + 2), 1);
    CU_ASSERT_EQUAL(r32(USED(1) + 4), 0);     /* id */
    CU_ASSERT_EQUAL(irq_level, 1);

    /* A chain holding only (part of) a header is consumed but not sent. */
    set_desc(1, 2, BUF, 8, 0, 0);
    publish(1, 2);
    mw(VIRTIO_MMIO_QUEUE_NOTIFY, 1);
    CU_ASSERT_EQUAL(sent_count, 1);
    CU_ASSERT_EQUAL(r16(USED(1) + 2), 2);
}

/* Receive: header written with num_buffers 1, frame after it, used length covers both. */
static void test_rx_writes_header(void)
{
    uint8_t frame[100];

    for (unsigned i = 0; i < sizeof(frame); i++) {
        frame[i] = (uint8_t)i;
    }
    start();
    CU_ASSERT_FALSE(virtio_net_receive(net, frame, sizeof(frame)));   /* nothing posted */
    CU_ASSERT_EQUAL(net->rx_dropped, 1);

    memset(gp(BUF), 0xee, 0x1000);
    set_desc(0, 0, BUF, 1526, VRING_DESC_F_WRITE, 0);
    publish(0, 0);
    mw(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
    CU_ASSERT_EQUAL(r16(USED(0) + 2), 0);     /* buffers wait for frames */
    CU_ASSERT_TRUE(virtio_net_receive(net, frame, sizeof(frame)));
    CU_ASSERT_EQUAL(r16(USED(0) + 2), 1);
    CU_ASSERT_EQUAL(r32(USED(0) + 8), VIRTIO_NET_HDR_LEN + sizeof(frame));
    for (unsigned i = 0; i < 10; i++) {
        CU_ASSERT_EQUAL(gp(BUF)[i], 0);
    }
    CU_ASSERT_EQUAL(r16(BUF + 10), 1);        /* num_buffers */
    CU_ASSERT_EQUAL(memcmp(gp(BUF + VIRTIO_NET_HDR_LEN), frame, sizeof(frame)), 0);
    CU_ASSERT_EQUAL(gp(BUF + VIRTIO_NET_HDR_LEN + sizeof(frame))[0], 0xee);
    CU_ASSERT_EQUAL(irq_level, 1);

    /* Too small a buffer: returned with length 0, frame dropped. */
    set_desc(0, 1, BUF + 0x2000, 50, VRING_DESC_F_WRITE, 0);
    publish(0, 1);
    CU_ASSERT_FALSE(virtio_net_receive(net, frame, sizeof(frame)));
    CU_ASSERT_EQUAL(r16(USED(0) + 2), 2);
    CU_ASSERT_EQUAL(r32(USED(0) + 8 + 8), 0);

    /* Link down: nothing is delivered. */
    set_desc(0, 2, BUF + 0x3000, 1526, VRING_DESC_F_WRITE, 0);
    publish(0, 2);
    virtio_net_set_link(net, false);
    CU_ASSERT_FALSE(virtio_net_receive(net, frame, sizeof(frame)));
    CU_ASSERT_EQUAL(r16(USED(0) + 2), 2);
    virtio_net_set_link(net, true);
    CU_ASSERT_TRUE(virtio_net_receive(net, frame, sizeof(frame)));
    CU_ASSERT_EQUAL(r16(USED(0) + 2), 3);
}

static void test_parse_net(void)
{
    uint32_t net4 = 0, mask = 0;

    CU_ASSERT_TRUE(net_slirp_parse_net("10.0.2.0/24", &net4, &mask));
    CU_ASSERT_EQUAL(net4, 0x0a000200u);
    CU_ASSERT_EQUAL(mask, 0xffffff00u);
    CU_ASSERT_TRUE(net_slirp_parse_net("192.168.76.9/255.255.0.0", &net4, &mask));
    CU_ASSERT_EQUAL(net4, 0xc0a80000u);
    CU_ASSERT_EQUAL(mask, 0xffff0000u);
    CU_ASSERT_FALSE(net_slirp_parse_net("10.0.2.0/30", &net4, &mask));
    CU_ASSERT_FALSE(net_slirp_parse_net("10.0.2.0/255.0.255.0", &net4, &mask));
    CU_ASSERT_FALSE(net_slirp_parse_net("10.0.2/24", &net4, &mask));
    CU_ASSERT_FALSE(net_slirp_parse_net("10.0.2.0/x", &net4, &mask));
}

static CU_TestInfo tests[] = {
    { "config", test_config },
    { "tx_strips_header", test_tx_strips_header },
    { "rx_writes_header", test_rx_writes_header },
    { "parse_net", test_parse_net },
    CU_TEST_INFO_NULL,
};

int main(void) { return cunit_run_suite("virtio_net", tests); }
