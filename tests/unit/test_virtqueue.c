/*
 * Split virtqueues (hw/virtqueue.c) and the virtio-mmio transport
 * (hw/virtio-mmio.c) over a fake guest RAM: descriptor chains, indirect
 * tables, ring wrap-around, event index, and malformed rings from a
 * hostile driver, which must break the queue (and set NEEDS_RESET), never
 * crash or touch memory outside RAM.
 */
#include <stdlib.h>
#include <string.h>
#include "runner.h"
#include "hw/virtio-mmio.h"
#include "hw/virtio-rng.h"
#include "hw/virtqueue.h"

#define RAM_BASE 0x40000000ull
#define RAM_SIZE 0x100000ull
#define ROM_BASE 0x0ull
#define DESC  (RAM_BASE + 0x0000)
#define AVAIL (RAM_BASE + 0x4000)
#define USED  (RAM_BASE + 0x8000)
#define BUF   (RAM_BASE + 0x10000)

static AddressSpace as;
static MemoryRegion ram_mr, rom_mr;
static uint8_t *ram, *rom;
static VirtQueue vq;
static VirtQueueElement elem;

static void fake_ram(void)
{
    static bool once;

    if (!once) {
        ram = calloc(1, RAM_SIZE);
        rom = calloc(1, 0x10000);
        once = true;
    }
    memset(ram, 0, RAM_SIZE);
    address_space_init(&as);
    ram_mr = (MemoryRegion){ .name = "ram", .base = RAM_BASE, .size = RAM_SIZE, .host = ram };
    rom_mr = (MemoryRegion){ .name = "rom", .base = ROM_BASE, .size = 0x10000, .host = rom,
                             .readonly = true };
    address_space_add(&as, &ram_mr);
    address_space_add(&as, &rom_mr);
}

static uint8_t *gp(uint64_t pa)
{
    return ram + (pa - RAM_BASE);
}

static void w16(uint64_t pa, uint16_t v) { memcpy(gp(pa), &v, 2); }
static void w32(uint64_t pa, uint32_t v) { memcpy(gp(pa), &v, 4); }
static void w64(uint64_t pa, uint64_t v) { memcpy(gp(pa), &v, 8); }
static uint16_t r16(uint64_t pa) { uint16_t v; memcpy(&v, gp(pa), 2); return v; }
static uint32_t r32(uint64_t pa) { uint32_t v; memcpy(&v, gp(pa), 4); return v; }

static void set_desc(uint64_t table, unsigned i, uint64_t addr, uint32_t len, uint16_t flags,
                     uint16_t next)
{
    uint64_t d = table + 16ull * i;
    w64(d, addr);
    w32(d + 8, len);
    w16(d + 12, flags);
    w16(d + 14, next);
}

static uint16_t avail_idx;

/* Publish head at the next avail slot. */
static void offer(uint16_t head)
{
    w16(AVAIL + 4 + 2 * (avail_idx % vq.num), head);
    avail_idx++;
    w16(AVAIL + 2, avail_idx);
}

static void setup(uint16_t num)
{
    fake_ram();
    memset(&vq, 0, sizeof(vq));
    vq.num_max = 256;
    vq_reset(&vq);
    vq.num = num;
    vq.desc = DESC;
    vq.avail = AVAIL;
    vq.used = USED;
    vq.indirect = true;
    avail_idx = 0;
    CU_ASSERT_TRUE(vq_setup_ok(&vq, &as));
    vq.ready = true;
}

/* --- layout checks --- */

static void test_setup_checks(void)
{
    setup(16);
    CU_ASSERT_FALSE(vq.broken);
    vq_reset(&vq);
    vq.num = 12;   /* not a power of 2 */
    vq.desc = DESC; vq.avail = AVAIL; vq.used = USED;
    CU_ASSERT_FALSE(vq_setup_ok(&vq, &as));
    CU_ASSERT_TRUE(vq.broken);
    vq_reset(&vq);
    CU_ASSERT_FALSE(vq.broken);
    vq.num = 512;  /* above num_max */
    vq.desc = DESC; vq.avail = AVAIL; vq.used = USED;
    CU_ASSERT_FALSE(vq_setup_ok(&vq, &as));
    vq_reset(&vq);
    vq.num = 0;
    CU_ASSERT_FALSE(vq_setup_ok(&vq, &as));
    vq_reset(&vq);
    vq.num = 16; vq.desc = DESC + 8; vq.avail = AVAIL; vq.used = USED;   /* misaligned */
    CU_ASSERT_FALSE(vq_setup_ok(&vq, &as));
    vq_reset(&vq);
    vq.num = 16; vq.desc = DESC; vq.avail = AVAIL; vq.used = RAM_BASE + RAM_SIZE - 8;
    CU_ASSERT_FALSE(vq_setup_ok(&vq, &as));   /* used ring runs off the end of RAM */
    vq_reset(&vq);
    vq.num = 16; vq.desc = ROM_BASE; vq.avail = AVAIL; vq.used = USED;
    CU_ASSERT_FALSE(vq_setup_ok(&vq, &as));   /* rings in flash */
    vq_reset(&vq);
    vq.num = 16; vq.desc = 0x20000000; vq.avail = AVAIL; vq.used = USED;
    CU_ASSERT_FALSE(vq_setup_ok(&vq, &as));   /* nowhere */
}

/* --- well-formed chains --- */

static void test_simple_chain(void)
{
    setup(16);
    set_desc(DESC, 3, BUF, 16, VRING_DESC_F_NEXT, 7);
    set_desc(DESC, 7, BUF + 0x100, 100, VRING_DESC_F_NEXT, 1);
    set_desc(DESC, 1, BUF + 0x200, 1, VRING_DESC_F_WRITE, 0);
    offer(3);
    CU_ASSERT_EQUAL(vq_pop(&vq, &as, &elem), 1);
    CU_ASSERT_EQUAL(elem.head, 3);
    CU_ASSERT_EQUAL(elem.nb_out, 2);
    CU_ASSERT_EQUAL(elem.nb_in, 1);
    CU_ASSERT_EQUAL(elem.out[0].addr, BUF);
    CU_ASSERT_EQUAL(elem.out[1].len, 100);
    CU_ASSERT_EQUAL(elem.out_len, 116);
    CU_ASSERT_EQUAL(elem.in_len, 1);
    CU_ASSERT_EQUAL(elem.in[0].addr, BUF + 0x200);
    CU_ASSERT_EQUAL(vq_pop(&vq, &as, &elem), 0);   /* ring now empty */
    CU_ASSERT_FALSE(vq.broken);
}

static void test_push(void)
{
    setup(16);
    set_desc(DESC, 0, BUF, 64, VRING_DESC_F_WRITE, 0);
    offer(0);
    CU_ASSERT_EQUAL(vq_pop(&vq, &as, &elem), 1);
    CU_ASSERT_TRUE(vq_push(&vq, &as, &elem, 1000));   /* more than the buffer: clamped */
    CU_ASSERT_EQUAL(r16(USED + 2), 1);
    CU_ASSERT_EQUAL(r32(USED + 4), 0);        /* id */
    CU_ASSERT_EQUAL(r32(USED + 8), 64);       /* len, clamped */
    CU_ASSERT_EQUAL(vq.inflight, 0);
    CU_ASSERT_FALSE(vq_push(&vq, &as, &elem, 1));   /* a second push of nothing in flight */
}

static void test_elem_copy(void)
{
    uint8_t buf[40], back[40];

    setup(16);
    set_desc(DESC, 0, BUF, 10, VRING_DESC_F_NEXT, 1);
    set_desc(DESC, 1, BUF + 0x100, 30, VRING_DESC_F_NEXT, 2);
    set_desc(DESC, 2, BUF + 0x200, 25, VRING_DESC_F_WRITE | VRING_DESC_F_NEXT, 3);
    set_desc(DESC, 3, BUF + 0x300, 15, VRING_DESC_F_WRITE, 0);
    for (int i = 0; i < 10; i++) gp(BUF)[i] = (uint8_t)i;
    for (int i = 0; i < 30; i++) gp(BUF + 0x100)[i] = (uint8_t)(10 + i);
    offer(0);
    CU_ASSERT_EQUAL(vq_pop(&vq, &as, &elem), 1);
    CU_ASSERT_EQUAL(vq_elem_read(&as, &elem, 5, buf, 20), 20);
    CU_ASSERT_EQUAL(buf[0], 5);
    CU_ASSERT_EQUAL(buf[19], 24);
    CU_ASSERT_EQUAL(vq_elem_read(&as, &elem, 35, buf, 40), 5);   /* only 5 bytes left */
    for (int i = 0; i < 40; i++) buf[i] = (uint8_t)(0x80 + i);
    CU_ASSERT_EQUAL(vq_elem_write(&as, &elem, 0, buf, 40), 40);
    memcpy(back, gp(BUF + 0x200), 25);
    memcpy(back + 25, gp(BUF + 0x300), 15);
    CU_ASSERT_EQUAL(memcmp(back, buf, 40), 0);
    CU_ASSERT_EQUAL(vq_elem_write(&as, &elem, 38, buf, 10), 2);
}

static void test_indirect(void)
{
    const uint64_t table = BUF + 0x1000;

    setup(16);
    set_desc(table, 0, BUF, 16, VRING_DESC_F_NEXT, 2);
    set_desc(table, 2, BUF + 0x100, 512, VRING_DESC_F_NEXT | VRING_DESC_F_WRITE, 1);
    set_desc(table, 1, BUF + 0x400, 1, VRING_DESC_F_WRITE, 0);
    set_desc(DESC, 5, table, 3 * 16, VRING_DESC_F_INDIRECT, 0);
    offer(5);
    CU_ASSERT_EQUAL(vq_pop(&vq, &as, &elem), 1);
    CU_ASSERT_EQUAL(elem.head, 5);
    CU_ASSERT_EQUAL(elem.nb_out, 1);
    CU_ASSERT_EQUAL(elem.nb_in, 2);
    CU_ASSERT_EQUAL(elem.in_len, 513);
    CU_ASSERT_EQUAL(elem.in[1].addr, BUF + 0x400);
    /* A direct descriptor may lead into an indirect one at the chain's end. */
    set_desc(DESC, 6, BUF + 0x800, 8, VRING_DESC_F_NEXT, 5);
    offer(6);
    CU_ASSERT_EQUAL(vq_pop(&vq, &as, &elem), 1);
    CU_ASSERT_EQUAL(elem.nb_out, 2);
    CU_ASSERT_EQUAL(elem.out_len, 24);
    CU_ASSERT_FALSE(vq.broken);
}

static void test_wraparound(void)
{
    setup(4);
    /* Start just below the 16-bit wrap of the free-running indexes. */
    vq.last_avail_idx = vq.used_idx = 65533;
    avail_idx = 65533;
    w16(AVAIL + 2, avail_idx);
    set_desc(DESC, 0, BUF, 8, VRING_DESC_F_WRITE, 0);
    set_desc(DESC, 1, BUF + 8, 8, VRING_DESC_F_WRITE, 0);
    for (unsigned round = 0; round < 10; round++) {
        offer((uint16_t)(round & 1));
        CU_ASSERT_EQUAL(vq_pop(&vq, &as, &elem), 1);
        CU_ASSERT_EQUAL(elem.head, round & 1);
        CU_ASSERT_TRUE(vq_push(&vq, &as, &elem, 8));
        CU_ASSERT_EQUAL(r16(USED + 2), (uint16_t)(65534 + round));
        CU_ASSERT_EQUAL(r32(USED + 4 + 8 * ((65533 + round) % 4)), round & 1);
    }
    CU_ASSERT_EQUAL(vq.last_avail_idx, (uint16_t)(65533 + 10));
    /* A full ring: four at once. */
    for (int i = 0; i < 4; i++) {
        offer(0);
    }
    for (int i = 0; i < 4; i++) {
        CU_ASSERT_EQUAL(vq_pop(&vq, &as, &elem), 1);
    }
    CU_ASSERT_EQUAL(vq_pop(&vq, &as, &elem), 0);
    CU_ASSERT_FALSE(vq.broken);
}

static void test_event_idx(void)
{
    setup(16);
    vq.event_idx = true;
    set_desc(DESC, 0, BUF, 8, VRING_DESC_F_WRITE, 0);
    offer(0);
    CU_ASSERT_EQUAL(vq_pop(&vq, &as, &elem), 1);
    CU_ASSERT_EQUAL(r16(USED + 4 + 8 * 16), 1);   /* avail_event = next index we want */
    CU_ASSERT_TRUE(vq_push(&vq, &as, &elem, 8));
    w16(AVAIL + 4 + 2 * 16, 0);                   /* used_event: interrupt after entry 0 */
    CU_ASSERT_TRUE(vq_needs_notify(&vq, &as));    /* first ever: always */
    /* The driver asks for an interrupt only once used idx passes 5. */
    w16(AVAIL + 4 + 2 * 16, 5);
    for (int i = 0; i < 4; i++) {
        offer(0);
        CU_ASSERT_EQUAL(vq_pop(&vq, &as, &elem), 1);
        CU_ASSERT_TRUE(vq_push(&vq, &as, &elem, 8));
        CU_ASSERT_FALSE(vq_needs_notify(&vq, &as));   /* used idx 2..5: event 5 not yet passed */
    }
    offer(0);
    CU_ASSERT_EQUAL(vq_pop(&vq, &as, &elem), 1);
    CU_ASSERT_TRUE(vq_push(&vq, &as, &elem, 8));
    CU_ASSERT_TRUE(vq_needs_notify(&vq, &as));        /* used idx 6 crosses used_event 5 */
    CU_ASSERT_FALSE(vq_needs_notify(&vq, &as));       /* nothing new since */
}

static void test_no_interrupt_flag(void)
{
    setup(16);
    set_desc(DESC, 0, BUF, 8, VRING_DESC_F_WRITE, 0);
    offer(0);
    CU_ASSERT_EQUAL(vq_pop(&vq, &as, &elem), 1);
    CU_ASSERT_TRUE(vq_push(&vq, &as, &elem, 8));
    CU_ASSERT_TRUE(vq_needs_notify(&vq, &as));
    w16(AVAIL, VRING_AVAIL_F_NO_INTERRUPT);
    CU_ASSERT_FALSE(vq_needs_notify(&vq, &as));
}

static void test_zero_length_skipped(void)
{
    setup(16);
    set_desc(DESC, 0, BUF, 0, VRING_DESC_F_NEXT, 1);
    set_desc(DESC, 1, BUF, 4, VRING_DESC_F_WRITE, 0);
    offer(0);
    CU_ASSERT_EQUAL(vq_pop(&vq, &as, &elem), 1);
    CU_ASSERT_EQUAL(elem.nb_out, 0);
    CU_ASSERT_EQUAL(elem.nb_in, 1);
}

/* --- malformed: each must fail cleanly and stay failed --- */

static void expect_broken(void)
{
    CU_ASSERT_EQUAL(vq_pop(&vq, &as, &elem), -1);
    CU_ASSERT_TRUE(vq.broken);
    CU_ASSERT_NOT_EQUAL(vq.error[0], 0);
    CU_ASSERT_EQUAL(vq_pop(&vq, &as, &elem), -1);   /* stays broken */
    CU_ASSERT_FALSE(vq_push(&vq, &as, &elem, 0));
}

static void test_bad_loop(void)
{
    setup(16);
    set_desc(DESC, 0, BUF, 8, VRING_DESC_F_NEXT, 1);
    set_desc(DESC, 1, BUF, 8, VRING_DESC_F_NEXT, 0);
    offer(0);
    expect_broken();
    CU_ASSERT_PTR_NOT_NULL(strstr(vq.error, "longer than the queue"));
}

static void test_bad_self_loop(void)
{
    setup(256);
    set_desc(DESC, 9, BUF, 8, VRING_DESC_F_NEXT | VRING_DESC_F_WRITE, 9);
    offer(9);
    expect_broken();
}

static void test_bad_next(void)
{
    setup(16);
    set_desc(DESC, 0, BUF, 8, VRING_DESC_F_NEXT, 16);
    offer(0);
    expect_broken();
}

static void test_bad_head(void)
{
    setup(16);
    offer(16);
    expect_broken();
    setup(16);
    offer(0xffff);
    expect_broken();
}

static void test_bad_avail_idx(void)
{
    setup(16);
    w16(AVAIL + 2, 17);   /* 17 entries in a ring of 16 */
    expect_broken();
    setup(16);
    w16(AVAIL + 2, 0x8000);
    expect_broken();
}

static void test_bad_buffer_addr(void)
{
    setup(16);
    set_desc(DESC, 0, RAM_BASE + RAM_SIZE - 4, 8, 0, 0);   /* straddles the end of RAM */
    offer(0);
    expect_broken();
    setup(16);
    set_desc(DESC, 0, 0xfffffffffffffff0ull, 0x20, 0, 0);  /* wraps the address space */
    offer(0);
    expect_broken();
    setup(16);
    set_desc(DESC, 0, ROM_BASE + 0x100, 8, VRING_DESC_F_WRITE, 0);   /* DMA into flash */
    offer(0);
    expect_broken();
    setup(16);
    set_desc(DESC, 0, 0x09000000, 4, 0, 0);                /* an MMIO address */
    offer(0);
    expect_broken();
    setup(16);
    set_desc(DESC, 0, RAM_BASE, 0xffffffff, 0, 0);          /* 4 GiB from a 1 MiB RAM */
    offer(0);
    expect_broken();
}

static void test_bad_order(void)
{
    setup(16);
    set_desc(DESC, 0, BUF, 8, VRING_DESC_F_WRITE | VRING_DESC_F_NEXT, 1);
    set_desc(DESC, 1, BUF + 8, 8, 0, 0);   /* readable after writable */
    offer(0);
    expect_broken();
}

static void test_bad_indirect(void)
{
    const uint64_t table = BUF + 0x1000;

    setup(16);
    vq.indirect = false;   /* not negotiated */
    set_desc(table, 0, BUF, 8, 0, 0);
    set_desc(DESC, 0, table, 16, VRING_DESC_F_INDIRECT, 0);
    offer(0);
    expect_broken();

    setup(16);
    set_desc(DESC, 0, table, 0, VRING_DESC_F_INDIRECT, 0);   /* empty table */
    offer(0);
    expect_broken();

    setup(16);
    set_desc(DESC, 0, table, 24, VRING_DESC_F_INDIRECT, 0);  /* not a multiple of 16 */
    offer(0);
    expect_broken();

    setup(16);
    set_desc(DESC, 0, table, 16, VRING_DESC_F_INDIRECT | VRING_DESC_F_NEXT, 1);
    offer(0);
    expect_broken();

    setup(16);
    set_desc(table, 0, table, 16, VRING_DESC_F_INDIRECT, 0);   /* nested */
    set_desc(DESC, 0, table, 16, VRING_DESC_F_INDIRECT, 0);
    offer(0);
    expect_broken();

    setup(16);
    set_desc(table, 0, BUF, 8, VRING_DESC_F_NEXT, 1);
    set_desc(table, 1, BUF, 8, VRING_DESC_F_NEXT, 0);          /* loop inside the table */
    set_desc(DESC, 0, table, 32, VRING_DESC_F_INDIRECT, 0);
    offer(0);
    expect_broken();

    setup(16);
    set_desc(table, 0, BUF, 8, VRING_DESC_F_NEXT, 2);          /* next beyond the table */
    set_desc(DESC, 0, table, 32, VRING_DESC_F_INDIRECT, 0);
    offer(0);
    expect_broken();

    setup(16);
    set_desc(DESC, 0, RAM_BASE + RAM_SIZE - 16, 64, VRING_DESC_F_INDIRECT, 0);   /* off RAM */
    offer(0);
    expect_broken();

    setup(16);
    set_desc(DESC, 0, table, (VQ_MAX_INDIRECT + 1) * 16, VRING_DESC_F_INDIRECT, 0);   /* huge */
    offer(0);
    expect_broken();
}

/* A table of VQ_MAX_INDIRECT writable entries is fine; the limit is exact. */
static void test_long_indirect(void)
{
    const uint64_t table = BUF + 0x10000;

    setup(16);
    for (unsigned i = 0; i < VQ_MAX_INDIRECT; i++) {
        set_desc(table, i, BUF, 4, VRING_DESC_F_WRITE | (i + 1 < VQ_MAX_INDIRECT ? VRING_DESC_F_NEXT : 0),
                 (uint16_t)(i + 1));
    }
    set_desc(DESC, 0, table, VQ_MAX_INDIRECT * 16, VRING_DESC_F_INDIRECT, 0);
    offer(0);
    CU_ASSERT_EQUAL(vq_pop(&vq, &as, &elem), 1);
    CU_ASSERT_EQUAL(elem.nb_in, VQ_MAX_INDIRECT);
    CU_ASSERT_EQUAL(elem.in_len, 4 * VQ_MAX_INDIRECT);
}

/* --- the transport, driven through its registers --- */

static int irq_level, irq_changes;

static void irq_handler(void *opaque, int n, int level)
{
    irq_level = level;
    irq_changes++;
}

static VirtioRng rng;

static uint32_t mr(uint64_t off)
{
    return (uint32_t)rng.t.mmio.ops->read(rng.t.mmio.opaque, off, 4, 0);
}

static void mw(uint64_t off, uint32_t v)
{
    rng.t.mmio.ops->write(rng.t.mmio.opaque, off, v, 4, 0);
}

/* The driver's side of 3.1.1 up to DRIVER_OK, queue 0 at DESC/AVAIL/USED of size num. */
static void driver_init(uint32_t feat_hi, uint32_t feat_lo, unsigned num)
{
    mw(VIRTIO_MMIO_STATUS, 0);
    mw(VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
    mw(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
    mw(VIRTIO_MMIO_DRIVER_FEATURES, feat_hi);
    mw(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
    mw(VIRTIO_MMIO_DRIVER_FEATURES, feat_lo);
    mw(VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER |
                           VIRTIO_STATUS_FEATURES_OK);
    mw(VIRTIO_MMIO_QUEUE_SEL, 0);
    mw(VIRTIO_MMIO_QUEUE_NUM, num);
    mw(VIRTIO_MMIO_QUEUE_DESC_LOW, (uint32_t)DESC);
    mw(VIRTIO_MMIO_QUEUE_DESC_HIGH, 0);
    mw(VIRTIO_MMIO_QUEUE_DRIVER_LOW, (uint32_t)AVAIL);
    mw(VIRTIO_MMIO_QUEUE_DRIVER_HIGH, 0);
    mw(VIRTIO_MMIO_QUEUE_DEVICE_LOW, (uint32_t)USED);
    mw(VIRTIO_MMIO_QUEUE_DEVICE_HIGH, 0);
    mw(VIRTIO_MMIO_QUEUE_READY, 1);
    mw(VIRTIO_MMIO_STATUS, mr(VIRTIO_MMIO_STATUS) | VIRTIO_STATUS_DRIVER_OK);
}

static void rng_setup(void)
{
    fake_ram();
    irq_level = 0;
    irq_changes = 0;
    virtio_rng_init(&rng, 0x0a000000, irq_line(irq_handler, NULL, 0), 16, &as);
    avail_idx = 0;
    vq.num = 16;   /* offer() uses vq.num for the slot */
}

static void test_mmio_ids(void)
{
    rng_setup();
    CU_ASSERT_EQUAL(mr(VIRTIO_MMIO_MAGIC_VALUE), 0x74726976);
    CU_ASSERT_EQUAL(mr(VIRTIO_MMIO_VERSION), 2);
    CU_ASSERT_EQUAL(mr(VIRTIO_MMIO_DEVICE_ID), VIRTIO_ID_ENTROPY);
    CU_ASSERT_EQUAL(mr(VIRTIO_MMIO_VENDOR_ID), VIRTIO_MMIO_VENDOR);
    mw(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
    CU_ASSERT_EQUAL(mr(VIRTIO_MMIO_DEVICE_FEATURES) & 1, 1);   /* VERSION_1 */
    mw(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
    CU_ASSERT_EQUAL(mr(VIRTIO_MMIO_DEVICE_FEATURES) >> 28 & 3, 3);   /* indirect, event idx */
    mw(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 7);
    CU_ASSERT_EQUAL(mr(VIRTIO_MMIO_DEVICE_FEATURES), 0);
    mw(VIRTIO_MMIO_QUEUE_SEL, 0);
    CU_ASSERT_EQUAL(mr(VIRTIO_MMIO_QUEUE_NUM_MAX), VIRTIO_RNG_QUEUE_SIZE);
    mw(VIRTIO_MMIO_QUEUE_SEL, 1);
    CU_ASSERT_EQUAL(mr(VIRTIO_MMIO_QUEUE_NUM_MAX), 0);   /* no such queue */
    CU_ASSERT_EQUAL(rng.t.mmio.ops->read(rng.t.mmio.opaque, VIRTIO_MMIO_MAGIC_VALUE, 2, 0), 0);
    CU_ASSERT_EQUAL(mr(0x100), 0);   /* rng has no config space */
}

static void test_mmio_feature_negotiation(void)
{
    rng_setup();
    driver_init(0, 0, 16);   /* no VERSION_1: a legacy driver */
    CU_ASSERT_EQUAL(mr(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_FEATURES_OK, 0);
    driver_init(1, 1u << 31, 16);   /* a bit we never offered */
    CU_ASSERT_EQUAL(mr(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_FEATURES_OK, 0);
    driver_init(1, 1u << VIRTIO_F_RING_EVENT_IDX, 16);
    CU_ASSERT_NOT_EQUAL(mr(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_FEATURES_OK, 0);
    CU_ASSERT_TRUE(rng.t.vq[0].event_idx);
    CU_ASSERT_FALSE(rng.t.vq[0].indirect);
    CU_ASSERT_EQUAL(mr(VIRTIO_MMIO_QUEUE_READY), 1);
    CU_ASSERT_EQUAL(mr(VIRTIO_MMIO_QUEUE_DESC_LOW), (uint32_t)DESC);
    CU_ASSERT_EQUAL(mr(VIRTIO_MMIO_QUEUE_DEVICE_LOW), (uint32_t)USED);
}

static void test_mmio_rng_request(void)
{
    rng_setup();
    driver_init(1, 0, 16);
    memset(gp(BUF), 0, 64);
    set_desc(DESC, 0, BUF, 64, VRING_DESC_F_WRITE, 0);
    offer(0);
    mw(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
    CU_ASSERT_EQUAL(r16(USED + 2), 1);
    CU_ASSERT_EQUAL(r32(USED + 8), 64);
    bool nonzero = false;
    for (int i = 0; i < 64; i++) nonzero |= gp(BUF)[i] != 0;
    CU_ASSERT_TRUE(nonzero);
    CU_ASSERT_EQUAL(mr(VIRTIO_MMIO_INTERRUPT_STATUS), VIRTIO_MMIO_INT_VRING);
    CU_ASSERT_EQUAL(irq_level, 1);
    mw(VIRTIO_MMIO_INTERRUPT_ACK, VIRTIO_MMIO_INT_VRING);
    CU_ASSERT_EQUAL(mr(VIRTIO_MMIO_INTERRUPT_STATUS), 0);
    CU_ASSERT_EQUAL(irq_level, 0);
    /* Queue registers are frozen while the queue is ready. */
    mw(VIRTIO_MMIO_QUEUE_NUM, 8);
    CU_ASSERT_EQUAL(rng.t.vq[0].num, 16);
    /* Reset by writing 0 to Status. */
    mw(VIRTIO_MMIO_STATUS, 0);
    CU_ASSERT_EQUAL(mr(VIRTIO_MMIO_STATUS), 0);
    CU_ASSERT_EQUAL(mr(VIRTIO_MMIO_QUEUE_READY), 0);
    CU_ASSERT_EQUAL(rng.t.vq[0].last_avail_idx, 0);
}

static void test_mmio_malformed_needs_reset(void)
{
    rng_setup();
    driver_init(1, 0, 16);
    set_desc(DESC, 0, BUF, 8, VRING_DESC_F_WRITE | VRING_DESC_F_NEXT, 0);   /* self loop */
    offer(0);
    mw(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
    CU_ASSERT_NOT_EQUAL(mr(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET, 0);
    CU_ASSERT_NOT_EQUAL(mr(VIRTIO_MMIO_INTERRUPT_STATUS) & VIRTIO_MMIO_INT_CONFIG, 0);
    CU_ASSERT_EQUAL(irq_level, 1);
    CU_ASSERT_EQUAL(r16(USED + 2), 0);
    /* The driver cannot clear NEEDS_RESET except by a reset. */
    mw(VIRTIO_MMIO_STATUS, 0xf);
    CU_ASSERT_NOT_EQUAL(mr(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET, 0);
    mw(VIRTIO_MMIO_QUEUE_NOTIFY, 0);   /* ignored now */
    CU_ASSERT_EQUAL(r16(USED + 2), 0);
    mw(VIRTIO_MMIO_STATUS, 0);
    CU_ASSERT_EQUAL(mr(VIRTIO_MMIO_STATUS), 0);
    CU_ASSERT_EQUAL(irq_level, 0);
    /* After reset the device works again. */
    avail_idx = 0;
    w16(AVAIL + 2, 0);
    driver_init(1, 0, 16);
    set_desc(DESC, 0, BUF, 8, VRING_DESC_F_WRITE, 0);
    offer(0);
    mw(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
    CU_ASSERT_EQUAL(r16(USED + 2), 1);
    CU_ASSERT_EQUAL(mr(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET, 0);
}

static void test_mmio_bad_queue_setup(void)
{
    rng_setup();
    mw(VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
    mw(VIRTIO_MMIO_QUEUE_SEL, 0);
    mw(VIRTIO_MMIO_QUEUE_NUM, 1000);   /* > QueueNumMax */
    mw(VIRTIO_MMIO_QUEUE_DESC_LOW, (uint32_t)DESC);
    mw(VIRTIO_MMIO_QUEUE_DRIVER_LOW, (uint32_t)AVAIL);
    mw(VIRTIO_MMIO_QUEUE_DEVICE_LOW, (uint32_t)USED);
    mw(VIRTIO_MMIO_QUEUE_READY, 1);
    CU_ASSERT_EQUAL(mr(VIRTIO_MMIO_QUEUE_READY), 0);
    CU_ASSERT_NOT_EQUAL(mr(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET, 0);
    mw(VIRTIO_MMIO_QUEUE_NOTIFY, 5);   /* no such queue: logged, ignored */
    mw(VIRTIO_MMIO_QUEUE_SEL, 3);
    mw(VIRTIO_MMIO_QUEUE_READY, 1);    /* no such queue */
    CU_ASSERT_EQUAL(mr(VIRTIO_MMIO_QUEUE_READY), 0);
}

static CU_TestInfo tests[] = {
    { "ring layout checks", test_setup_checks },
    { "simple chain", test_simple_chain },
    { "push to used ring", test_push },
    { "copy across segments", test_elem_copy },
    { "indirect table", test_indirect },
    { "16-bit index wrap-around", test_wraparound },
    { "event index", test_event_idx },
    { "NO_INTERRUPT flag", test_no_interrupt_flag },
    { "zero-length buffers skipped", test_zero_length_skipped },
    { "loop in chain", test_bad_loop },
    { "self loop, large queue", test_bad_self_loop },
    { "next beyond queue", test_bad_next },
    { "head beyond queue", test_bad_head },
    { "avail idx too far ahead", test_bad_avail_idx },
    { "buffers outside RAM", test_bad_buffer_addr },
    { "readable after writable", test_bad_order },
    { "malformed indirect tables", test_bad_indirect },
    { "largest indirect table", test_long_indirect },
    { "mmio identification", test_mmio_ids },
    { "mmio feature negotiation", test_mmio_feature_negotiation },
    { "mmio rng request and interrupt", test_mmio_rng_request },
    { "mmio malformed chain -> NEEDS_RESET", test_mmio_malformed_needs_reset },
    { "mmio bad queue setup", test_mmio_bad_queue_setup },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return cunit_run_suite("virtqueue", tests);
}
