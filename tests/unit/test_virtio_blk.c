/*
 * virtio-blk (hw/virtio-blk.c) against a temporary image file, driven
 * through the virtio-mmio registers over a fake guest RAM: read, write,
 * flush, get-id, discard, write-zeroes, read-only drives, snapshot
 * overlays, malformed requests, and the I/O thread.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "runner.h"
#include "hw/virtio-blk.h"

#define RAM_BASE 0x40000000ull
#define RAM_SIZE 0x200000ull
#define DESC  (RAM_BASE + 0x0000)
#define AVAIL (RAM_BASE + 0x4000)
#define USED  (RAM_BASE + 0x8000)
#define HDR   (RAM_BASE + 0x10000)
#define DATA  (RAM_BASE + 0x20000)
#define STAT  (RAM_BASE + 0x1ff000)
#define DISK_SECTORS 2048

static AddressSpace as;
static MemoryRegion ram_mr;
static uint8_t *ram;
static VirtioBlk blk;
static char img[64];
static uint16_t avail_idx;
static int irq_level;

static uint8_t *gp(uint64_t pa) { return ram + (pa - RAM_BASE); }
static void w16(uint64_t pa, uint16_t v) { memcpy(gp(pa), &v, 2); }
static void w32(uint64_t pa, uint32_t v) { memcpy(gp(pa), &v, 4); }
static void w64(uint64_t pa, uint64_t v) { memcpy(gp(pa), &v, 8); }
static uint16_t r16(uint64_t pa) { uint16_t v; memcpy(&v, gp(pa), 2); return v; }
static uint32_t r32(uint64_t pa) { uint32_t v; memcpy(&v, gp(pa), 4); return v; }

static void irq_handler(void *opaque, int n, int level) { irq_level = level; }

static uint32_t mr(uint64_t off)
{
    return (uint32_t)blk.t.mmio.ops->read(blk.t.mmio.opaque, off, 4, 0);
}

static void mw(uint64_t off, uint32_t v)
{
    blk.t.mmio.ops->write(blk.t.mmio.opaque, off, v, 4, 0);
}

/* A 1 MiB image whose sector n starts with "SECTOR n". */
static void make_image(void)
{
    static char image[DISK_SECTORS * 512];
    int fd;

    strcpy(img, "/tmp/test-virtio-blk-XXXXXX");
    fd = mkstemp(img);
    CU_ASSERT_FATAL(fd >= 0);
    memset(image, 0, sizeof(image));
    for (int i = 0; i < DISK_SECTORS; i++) {
        snprintf(image + i * 512, 512, "SECTOR %d", i);
    }
    CU_ASSERT_FATAL(write(fd, image, sizeof(image)) == (ssize_t)sizeof(image));
    close(fd);
}

static bool start(bool readonly, bool snapshot, bool threaded)
{
    VirtioBlkConf conf = { .file = img, .serial = "disk-serial-0123456789xyz", .readonly = readonly,
                           .snapshot = snapshot, .threaded = threaded };
    EmuError err;

    if (!ram) {
        ram = calloc(1, RAM_SIZE);
    }
    memset(ram, 0, RAM_SIZE);
    address_space_init(&as);
    ram_mr = (MemoryRegion){ .name = "ram", .base = RAM_BASE, .size = RAM_SIZE, .host = ram };
    address_space_add(&as, &ram_mr);
    make_image();
    if (!virtio_blk_init(&blk, 0x0a000000, irq_line(irq_handler, NULL, 0), 16, &as, &conf, &err)) {
        return false;
    }
    avail_idx = 0;
    mw(VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
    mw(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
    uint32_t lo = mr(VIRTIO_MMIO_DEVICE_FEATURES);
    mw(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
    mw(VIRTIO_MMIO_DRIVER_FEATURES, 1);
    mw(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
    mw(VIRTIO_MMIO_DRIVER_FEATURES, lo);
    mw(VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER |
                           VIRTIO_STATUS_FEATURES_OK);
    mw(VIRTIO_MMIO_QUEUE_SEL, 0);
    mw(VIRTIO_MMIO_QUEUE_NUM, 64);
    mw(VIRTIO_MMIO_QUEUE_DESC_LOW, (uint32_t)DESC);
    mw(VIRTIO_MMIO_QUEUE_DRIVER_LOW, (uint32_t)AVAIL);
    mw(VIRTIO_MMIO_QUEUE_DEVICE_LOW, (uint32_t)USED);
    mw(VIRTIO_MMIO_QUEUE_READY, 1);
    mw(VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER |
                           VIRTIO_STATUS_FEATURES_OK | VIRTIO_STATUS_DRIVER_OK);
    return true;
}

static void stop(void)
{
    virtio_blk_free(&blk);
    unlink(img);
}

static void set_desc(unsigned i, uint64_t addr, uint32_t len, uint16_t flags, uint16_t next)
{
    uint64_t d = DESC + 16ull * i;
    w64(d, addr);
    w32(d + 8, len);
    w16(d + 12, flags);
    w16(d + 14, next);
}

static void wait_done(uint16_t used)
{
    struct timespec ts = { 0, 1000000 };

    for (int i = 0; i < 5000 && __atomic_load_n((uint16_t *)gp(USED + 2), __ATOMIC_ACQUIRE) != used;
         i++) {
        nanosleep(&ts, NULL);
    }
}

/*
 * One request: header, then len bytes at DATA (device-writable if
 * data_in), then the status byte.  Returns the status, with *used_len.
 */
static int request(uint32_t type, uint64_t sector, uint32_t len, bool data_in, uint32_t *used_len)
{
    unsigned n = 0;

    w32(HDR, type);
    w32(HDR + 4, 0);
    w64(HDR + 8, sector);
    *gp(STAT) = 0xee;
    set_desc(n, HDR, 16, VRING_DESC_F_NEXT, (uint16_t)(n + 1));
    n++;
    if (len) {
        set_desc(n, DATA, len, VRING_DESC_F_NEXT | (data_in ? VRING_DESC_F_WRITE : 0),
                 (uint16_t)(n + 1));
        n++;
    }
    set_desc(n, STAT, 1, VRING_DESC_F_WRITE, 0);
    w16(AVAIL + 4 + 2 * (avail_idx % 64), 0);
    avail_idx++;
    w16(AVAIL + 2, avail_idx);
    mw(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
    wait_done(avail_idx);
    if (used_len) {
        *used_len = r32(USED + 4 + 8 * ((avail_idx - 1) % 64) + 4);
    }
    return *gp(STAT);
}

static void file_sector(unsigned n, char *out)
{
    int fd = open(img, O_RDONLY);
    CU_ASSERT(pread(fd, out, 512, n * 512) == 512);
    close(fd);
}

static void test_config(void)
{
    CU_ASSERT_FATAL(start(false, false, false));
    CU_ASSERT_EQUAL(mr(VIRTIO_MMIO_DEVICE_ID), VIRTIO_ID_BLOCK);
    CU_ASSERT_EQUAL(mr(0x100), DISK_SECTORS);   /* capacity */
    CU_ASSERT_EQUAL(mr(0x104), 0);
    CU_ASSERT_EQUAL(mr(0x100 + 20), 512);       /* blk_size */
    CU_ASSERT_EQUAL(blk.t.mmio.ops->read(blk.t.mmio.opaque, 0x100, 8, 0), DISK_SECTORS);
    CU_ASSERT_EQUAL(blk.t.mmio.ops->read(blk.t.mmio.opaque, 0x100, 1, 0), DISK_SECTORS & 0xff);
    CU_ASSERT_NOT_EQUAL(mr(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_FEATURES_OK, 0);
    CU_ASSERT_TRUE(virtio_mmio_has_feature(&blk.t, VIRTIO_BLK_F_FLUSH));
    CU_ASSERT_FALSE(virtio_mmio_has_feature(&blk.t, VIRTIO_BLK_F_RO));
    CU_ASSERT_TRUE(virtio_mmio_has_feature(&blk.t, VIRTIO_BLK_F_DISCARD));
    stop();
}

static void test_read(void)
{
    uint32_t used;

    CU_ASSERT_FATAL(start(false, false, false));
    CU_ASSERT_EQUAL(request(VIRTIO_BLK_T_IN, 5, 1024, true, &used), VIRTIO_BLK_S_OK);
    CU_ASSERT_EQUAL(used, 1025);
    CU_ASSERT_STRING_EQUAL((char *)gp(DATA), "SECTOR 5");
    CU_ASSERT_STRING_EQUAL((char *)gp(DATA + 512), "SECTOR 6");
    CU_ASSERT_EQUAL(irq_level, 1);
    mw(VIRTIO_MMIO_INTERRUPT_ACK, 1);
    CU_ASSERT_EQUAL(irq_level, 0);
    /* The last sector, then one past the end, then a huge sector number. */
    CU_ASSERT_EQUAL(request(VIRTIO_BLK_T_IN, DISK_SECTORS - 1, 512, true, &used), VIRTIO_BLK_S_OK);
    CU_ASSERT_STRING_EQUAL((char *)gp(DATA), "SECTOR 2047");
    CU_ASSERT_EQUAL(request(VIRTIO_BLK_T_IN, DISK_SECTORS - 1, 1024, true, &used), VIRTIO_BLK_S_IOERR);
    CU_ASSERT_EQUAL(request(VIRTIO_BLK_T_IN, ~0ull >> 8, 512, true, &used), VIRTIO_BLK_S_IOERR);
    CU_ASSERT_EQUAL(request(VIRTIO_BLK_T_IN, 0, 100, true, &used), VIRTIO_BLK_S_IOERR);  /* partial sector */
    /* A large read through the bounce buffer several times. */
    CU_ASSERT_EQUAL(request(VIRTIO_BLK_T_IN, 0, 512 * 1024, true, &used), VIRTIO_BLK_S_OK);
    CU_ASSERT_EQUAL(used, 512 * 1024 + 1);
    CU_ASSERT_STRING_EQUAL((char *)gp(DATA + 1000 * 512), "SECTOR 1000");
    CU_ASSERT_EQUAL(mr(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET, 0);
    stop();
}

static void test_write_flush(void)
{
    char sec[512];
    uint32_t used;

    CU_ASSERT_FATAL(start(false, false, false));
    memset(gp(DATA), 'A', 512);
    memset(gp(DATA + 512), 'B', 512);
    CU_ASSERT_EQUAL(request(VIRTIO_BLK_T_OUT, 10, 1024, false, &used), VIRTIO_BLK_S_OK);
    CU_ASSERT_EQUAL(used, 1);   /* only the status byte was written */
    CU_ASSERT_EQUAL(request(VIRTIO_BLK_T_FLUSH, 0, 0, false, &used), VIRTIO_BLK_S_OK);
    file_sector(10, sec);
    CU_ASSERT_EQUAL(sec[0], 'A');
    CU_ASSERT_EQUAL(sec[511], 'A');
    file_sector(11, sec);
    CU_ASSERT_EQUAL(sec[0], 'B');
    file_sector(12, sec);
    CU_ASSERT_STRING_EQUAL(sec, "SECTOR 12");
    memset(gp(DATA), 0, 1024);
    CU_ASSERT_EQUAL(request(VIRTIO_BLK_T_IN, 11, 512, true, &used), VIRTIO_BLK_S_OK);
    CU_ASSERT_EQUAL(*gp(DATA), 'B');
    CU_ASSERT_EQUAL(request(VIRTIO_BLK_T_OUT, DISK_SECTORS, 512, false, &used), VIRTIO_BLK_S_IOERR);
    stop();
}

static void test_get_id_and_unsupported(void)
{
    uint32_t used;

    CU_ASSERT_FATAL(start(false, false, false));
    memset(gp(DATA), 0, 64);
    CU_ASSERT_EQUAL(request(VIRTIO_BLK_T_GET_ID, 0, 20, true, &used), VIRTIO_BLK_S_OK);
    CU_ASSERT_EQUAL(used, 21);
    CU_ASSERT_EQUAL(memcmp(gp(DATA), "disk-serial-01234567", 20), 0);   /* cut at 20 bytes */
    CU_ASSERT_EQUAL(request(99, 0, 0, false, &used), VIRTIO_BLK_S_UNSUPP);
    CU_ASSERT_EQUAL(mr(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET, 0);
    stop();
}

static void test_discard_write_zeroes(void)
{
    char sec[512];
    uint32_t used;

    CU_ASSERT_FATAL(start(false, false, false));
    w64(DATA, 100);      /* sector */
    w32(DATA + 8, 2);    /* count */
    w32(DATA + 12, 0);   /* flags */
    CU_ASSERT_EQUAL(request(VIRTIO_BLK_T_WRITE_ZEROES, 0, 16, false, &used), VIRTIO_BLK_S_OK);
    file_sector(100, sec);
    CU_ASSERT_EQUAL(sec[0], 0);
    file_sector(101, sec);
    CU_ASSERT_EQUAL(sec[0], 0);
    file_sector(102, sec);
    CU_ASSERT_STRING_EQUAL(sec, "SECTOR 102");
    w64(DATA, 200);
    CU_ASSERT_EQUAL(request(VIRTIO_BLK_T_DISCARD, 0, 16, false, &used), VIRTIO_BLK_S_OK);
    w64(DATA, DISK_SECTORS - 1);   /* runs off the end */
    CU_ASSERT_EQUAL(request(VIRTIO_BLK_T_WRITE_ZEROES, 0, 16, false, &used), VIRTIO_BLK_S_UNSUPP);
    w64(DATA, 0);
    w32(DATA + 12, 0x80);          /* unknown flag */
    CU_ASSERT_EQUAL(request(VIRTIO_BLK_T_WRITE_ZEROES, 0, 16, false, &used), VIRTIO_BLK_S_UNSUPP);
    stop();
}

static void test_readonly(void)
{
    char sec[512];
    uint32_t used;

    CU_ASSERT_FATAL(start(true, false, false));
    CU_ASSERT_TRUE(virtio_mmio_has_feature(&blk.t, VIRTIO_BLK_F_RO));
    CU_ASSERT_FALSE(virtio_mmio_has_feature(&blk.t, VIRTIO_BLK_F_DISCARD));
    memset(gp(DATA), 'W', 512);
    CU_ASSERT_EQUAL(request(VIRTIO_BLK_T_OUT, 3, 512, false, &used), VIRTIO_BLK_S_IOERR);
    file_sector(3, sec);
    CU_ASSERT_STRING_EQUAL(sec, "SECTOR 3");
    w64(DATA, 3);
    w32(DATA + 8, 1);
    w32(DATA + 12, 0);
    CU_ASSERT_EQUAL(request(VIRTIO_BLK_T_WRITE_ZEROES, 0, 16, false, &used), VIRTIO_BLK_S_IOERR);
    CU_ASSERT_EQUAL(request(VIRTIO_BLK_T_IN, 3, 512, true, &used), VIRTIO_BLK_S_OK);
    CU_ASSERT_STRING_EQUAL((char *)gp(DATA), "SECTOR 3");
    stop();
}

static void test_snapshot(void)
{
    char sec[512];
    uint32_t used;

    CU_ASSERT_FATAL(start(false, true, false));
    memset(gp(DATA), 'S', 512);
    CU_ASSERT_EQUAL(request(VIRTIO_BLK_T_OUT, 7, 512, false, &used), VIRTIO_BLK_S_OK);
    CU_ASSERT_EQUAL(request(VIRTIO_BLK_T_FLUSH, 0, 0, false, &used), VIRTIO_BLK_S_OK);
    file_sector(7, sec);
    CU_ASSERT_STRING_EQUAL(sec, "SECTOR 7");   /* the image is untouched */
    memset(gp(DATA), 0, 2048);
    CU_ASSERT_EQUAL(request(VIRTIO_BLK_T_IN, 6, 1536, true, &used), VIRTIO_BLK_S_OK);
    CU_ASSERT_STRING_EQUAL((char *)gp(DATA), "SECTOR 6");           /* from the image */
    CU_ASSERT_EQUAL(*gp(DATA + 512), 'S');                           /* from the overlay */
    CU_ASSERT_STRING_EQUAL((char *)gp(DATA + 1024), "SECTOR 8");    /* from the image */
    w64(DATA, 8);
    w32(DATA + 8, 1);
    w32(DATA + 12, 0);
    CU_ASSERT_EQUAL(request(VIRTIO_BLK_T_WRITE_ZEROES, 0, 16, false, &used), VIRTIO_BLK_S_OK);
    CU_ASSERT_EQUAL(request(VIRTIO_BLK_T_IN, 8, 512, true, &used), VIRTIO_BLK_S_OK);
    CU_ASSERT_EQUAL(*gp(DATA), 0);
    file_sector(8, sec);
    CU_ASSERT_STRING_EQUAL(sec, "SECTOR 8");
    stop();
}

/* Requests without room for header or status are a driver bug: NEEDS_RESET, no crash. */
static void test_malformed(void)
{
    CU_ASSERT_FATAL(start(false, false, false));
    set_desc(0, STAT, 1, VRING_DESC_F_WRITE, 0);   /* no header */
    w16(AVAIL + 4, 0);
    w16(AVAIL + 2, 1);
    mw(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
    CU_ASSERT_NOT_EQUAL(mr(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET, 0);
    CU_ASSERT_EQUAL(r16(USED + 2), 0);
    CU_ASSERT_NOT_EQUAL(mr(VIRTIO_MMIO_INTERRUPT_STATUS) & VIRTIO_MMIO_INT_CONFIG, 0);
    stop();

    CU_ASSERT_FATAL(start(false, false, false));
    w32(HDR, VIRTIO_BLK_T_IN);
    set_desc(0, HDR, 16, 0, 0);                    /* no status byte */
    w16(AVAIL + 4, 0);
    w16(AVAIL + 2, 1);
    mw(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
    CU_ASSERT_NOT_EQUAL(mr(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET, 0);
    stop();

    CU_ASSERT_FATAL(start(false, false, false));
    set_desc(0, HDR, 16, VRING_DESC_F_NEXT, 1);
    set_desc(1, 0x1000, 512, VRING_DESC_F_NEXT | VRING_DESC_F_WRITE, 2);   /* not RAM */
    set_desc(2, STAT, 1, VRING_DESC_F_WRITE, 0);
    w16(AVAIL + 4, 0);
    w16(AVAIL + 2, 1);
    mw(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
    CU_ASSERT_NOT_EQUAL(mr(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET, 0);
    CU_ASSERT_EQUAL(r16(USED + 2), 0);
    stop();
}

/* Publish chain 0 (already in the descriptor table) and wait for it. */
static int submit_chain0(uint32_t *used_len)
{
    w16(AVAIL + 4 + 2 * (avail_idx % 64), 0);
    avail_idx++;
    w16(AVAIL + 2, avail_idx);
    mw(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
    wait_done(avail_idx);
    *used_len = r32(USED + 4 + 8 * ((avail_idx - 1) % 64) + 4);
    return *gp(STAT);
}

/*
 * Data goes straight between the file and guest RAM: buffers of any
 * length, the header sharing a buffer with data, data sharing one with
 * the status byte.
 */
static void test_scattered(void)
{
    char sec[512];
    uint32_t used;

    CU_ASSERT_FATAL(start(false, false, false));
    /* Write sectors 20-22: 16-byte header + 512 data bytes in one buffer, then 100 + 924. */
    w32(HDR, VIRTIO_BLK_T_OUT);
    w32(HDR + 4, 0);
    w64(HDR + 8, 20);
    memset(gp(HDR + 16), 'x', 512);
    memset(gp(DATA), 'y', 100);
    memset(gp(DATA + 0x1000), 'z', 924);
    set_desc(0, HDR, 16 + 512, VRING_DESC_F_NEXT, 1);
    set_desc(1, DATA, 100, VRING_DESC_F_NEXT, 2);
    set_desc(2, DATA + 0x1000, 924, VRING_DESC_F_NEXT, 3);
    set_desc(3, STAT, 1, VRING_DESC_F_WRITE, 0);
    CU_ASSERT_EQUAL(submit_chain0(&used), VIRTIO_BLK_S_OK);
    CU_ASSERT_EQUAL(used, 1);
    file_sector(20, sec);
    CU_ASSERT(sec[0] == 'x' && sec[511] == 'x');
    file_sector(21, sec);
    CU_ASSERT(sec[0] == 'y' && sec[99] == 'y' && sec[100] == 'z' && sec[511] == 'z');
    file_sector(22, sec);
    CU_ASSERT(sec[0] == 'z' && sec[511] == 'z');
    file_sector(23, sec);
    CU_ASSERT_STRING_EQUAL(sec, "SECTOR 23");

    /* Read sectors 30-31 back into 700 bytes, then 324 data bytes followed by the status. */
    memset(gp(DATA), 0, 0x2000);
    w32(HDR, VIRTIO_BLK_T_IN);
    w64(HDR + 8, 30);
    set_desc(0, HDR, 16, VRING_DESC_F_NEXT, 1);
    set_desc(1, DATA, 700, VRING_DESC_F_NEXT | VRING_DESC_F_WRITE, 2);
    set_desc(2, DATA + 0x1000, 325, VRING_DESC_F_WRITE, 0);
    *gp(DATA + 0x1000 + 324) = 0xee;
    submit_chain0(&used);
    CU_ASSERT_EQUAL(used, 1025);
    CU_ASSERT_EQUAL(*gp(DATA + 0x1000 + 324), VIRTIO_BLK_S_OK);   /* the status byte */
    CU_ASSERT_STRING_EQUAL((char *)gp(DATA), "SECTOR 30");
    CU_ASSERT_STRING_EQUAL((char *)gp(DATA + 512), "SECTOR 31");
    CU_ASSERT_EQUAL(*gp(DATA + 700), 0);                           /* nothing past the buffer */
    stop();
}

/* As many one-sector buffers as a chain may have (VQ_MAX_SEGS), out of order in RAM. */
static void test_many_buffers(void)
{
    enum { N = VQ_MAX_INDIRECT - 2 };   /* with the header and the status */
    const uint64_t table = RAM_BASE + 0x100000;   /* N + 2 descriptors of 16 bytes */
    uint32_t used;
    bool all = true;

    CU_ASSERT_FATAL(start(false, false, false));
    /* The indirect table needs VIRTIO_F_RING_INDIRECT_DESC, which start() accepted with the rest. */
    CU_ASSERT_FATAL(virtio_mmio_has_feature(&blk.t, VIRTIO_F_RING_INDIRECT_DESC));
    w32(HDR, VIRTIO_BLK_T_IN);
    w64(HDR + 8, 0);
    memset(gp(DATA), 0, N * 512);
    for (unsigned i = 0; i < N + 2; i++) {
        uint64_t d = table + 16ull * i;
        uint64_t addr = i == 0 ? HDR : i == N + 1 ? STAT : DATA + (uint64_t)(N - i) * 512;
        w64(d, addr);
        w32(d + 8, i == 0 ? 16 : i == N + 1 ? 1 : 512);
        w16(d + 12, (uint16_t)((i ? VRING_DESC_F_WRITE : 0) | (i <= N ? VRING_DESC_F_NEXT : 0)));
        w16(d + 14, (uint16_t)(i + 1));
    }
    set_desc(0, table, 16 * (N + 2), VRING_DESC_F_INDIRECT, 0);
    CU_ASSERT_EQUAL(submit_chain0(&used), VIRTIO_BLK_S_OK);
    CU_ASSERT_EQUAL(used, N * 512 + 1);
    /* Buffers were given in reverse order: sector k lands at DATA + (N - 1 - k) * 512. */
    for (unsigned k = 0; k < N; k++) {
        char want[32];
        snprintf(want, sizeof(want), "SECTOR %u", k);
        all = all && strcmp((char *)gp(DATA + (uint64_t)(N - 1 - k) * 512), want) == 0;
    }
    CU_ASSERT_TRUE(all);
    stop();
}

static void test_threaded(void)
{
    uint32_t used;

    CU_ASSERT_FATAL(start(false, false, true));
    for (int i = 0; i < 20; i++) {
        memset(gp(DATA), 0, 512);
        CU_ASSERT_EQUAL(request(VIRTIO_BLK_T_IN, (uint64_t)i * 50, 512, true, &used), VIRTIO_BLK_S_OK);
        char want[32];
        snprintf(want, sizeof(want), "SECTOR %d", i * 50);
        CU_ASSERT_STRING_EQUAL((char *)gp(DATA), want);
    }
    CU_ASSERT_EQUAL(r16(USED + 2), 20);
    CU_ASSERT_EQUAL(__atomic_load_n(&blk.completed, __ATOMIC_SEQ_CST), 20);
    stop();
}

static void test_bad_file(void)
{
    VirtioBlkConf conf = { .file = "/nonexistent/disk.img" };
    EmuError err;

    CU_ASSERT_FALSE(virtio_blk_init(&blk, 0x0a000000, irq_line(NULL, NULL, 0), 16, &as, &conf, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "/nonexistent/disk.img"));
    virtio_blk_free(&blk);
}

static CU_TestInfo tests[] = {
    { "config space and features", test_config },
    { "read", test_read },
    { "write and flush", test_write_flush },
    { "get-id, unsupported type", test_get_id_and_unsupported },
    { "discard and write-zeroes", test_discard_write_zeroes },
    { "read-only drive", test_readonly },
    { "snapshot overlay", test_snapshot },
    { "malformed requests", test_malformed },
    { "scattered buffers", test_scattered },
    { "a thousand buffers", test_many_buffers },
    { "I/O thread", test_threaded },
    { "missing image", test_bad_file },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return cunit_run_suite("virtio-blk", tests);
}
