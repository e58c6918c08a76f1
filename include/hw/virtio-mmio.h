/*
 * The virtio-mmio transport, version 2 ("modern", Virtio 1.2, 4.2).
 *
 * Public functions: virtio_mmio_init, virtio_mmio_reset, virtio_mmio_fdt_node,
 * virtio_mmio_notify, virtio_mmio_fail, virtio_mmio_config_changed.
 *
 * A device (virtio-blk, virtio-rng, ...) embeds a VirtioMMIO and gives it
 * a VirtioDeviceOps table; the transport owns the feature negotiation,
 * the status register, the queues' registers and the interrupt status.
 * Register accesses come with the board's I/O lock held; devices working
 * on another thread take that lock (softmmu_io_lock) around queue work.
 *
 * A driver that breaks the rules (bad ring layout, malformed chains)
 * gets DEVICE_NEEDS_RESET in Status, a configuration-change interrupt and
 * a -d guest_errors line; the device ignores its queues until reset.
 */
#ifndef HW_VIRTIO_MMIO_H
#define HW_VIRTIO_MMIO_H

#include <stdbool.h>
#include <stdint.h>
#include "hw/irq.h"
#include "hw/memory.h"
#include "hw/virtqueue.h"

#define VIRTIO_MMIO_SIZE 0x200
#define VIRTIO_MMIO_MAX_QUEUES 4
#define VIRTIO_MMIO_MAGIC 0x74726976     /* "virt" */
#define VIRTIO_MMIO_VENDOR 0x4c554d45    /* "EMUL" */

/* Register offsets (4.2.2). */
enum {
    VIRTIO_MMIO_MAGIC_VALUE = 0x000, VIRTIO_MMIO_VERSION = 0x004, VIRTIO_MMIO_DEVICE_ID = 0x008,
    VIRTIO_MMIO_VENDOR_ID = 0x00c, VIRTIO_MMIO_DEVICE_FEATURES = 0x010,
    VIRTIO_MMIO_DEVICE_FEATURES_SEL = 0x014, VIRTIO_MMIO_DRIVER_FEATURES = 0x020,
    VIRTIO_MMIO_DRIVER_FEATURES_SEL = 0x024, VIRTIO_MMIO_QUEUE_SEL = 0x030,
    VIRTIO_MMIO_QUEUE_NUM_MAX = 0x034, VIRTIO_MMIO_QUEUE_NUM = 0x038,
    VIRTIO_MMIO_QUEUE_READY = 0x044, VIRTIO_MMIO_QUEUE_NOTIFY = 0x050,
    VIRTIO_MMIO_INTERRUPT_STATUS = 0x060, VIRTIO_MMIO_INTERRUPT_ACK = 0x064,
    VIRTIO_MMIO_STATUS = 0x070, VIRTIO_MMIO_QUEUE_DESC_LOW = 0x080,
    VIRTIO_MMIO_QUEUE_DESC_HIGH = 0x084, VIRTIO_MMIO_QUEUE_DRIVER_LOW = 0x090,
    VIRTIO_MMIO_QUEUE_DRIVER_HIGH = 0x094, VIRTIO_MMIO_QUEUE_DEVICE_LOW = 0x0a0,
    VIRTIO_MMIO_QUEUE_DEVICE_HIGH = 0x0a4, VIRTIO_MMIO_SHM_SEL = 0x0ac,
    VIRTIO_MMIO_SHM_LEN_LOW = 0x0b0, VIRTIO_MMIO_SHM_LEN_HIGH = 0x0b4,
    VIRTIO_MMIO_SHM_BASE_LOW = 0x0b8, VIRTIO_MMIO_SHM_BASE_HIGH = 0x0bc,
    VIRTIO_MMIO_QUEUE_RESET = 0x0c0, VIRTIO_MMIO_CONFIG_GENERATION = 0x0fc,
    VIRTIO_MMIO_CONFIG = 0x100,
};

/* Device status bits (2.1). */
#define VIRTIO_STATUS_ACKNOWLEDGE   1
#define VIRTIO_STATUS_DRIVER        2
#define VIRTIO_STATUS_DRIVER_OK     4
#define VIRTIO_STATUS_FEATURES_OK   8
#define VIRTIO_STATUS_NEEDS_RESET   64
#define VIRTIO_STATUS_FAILED        128

/* InterruptStatus bits. */
#define VIRTIO_MMIO_INT_VRING  1
#define VIRTIO_MMIO_INT_CONFIG 2

/* Transport feature bits (6). */
#define VIRTIO_F_RING_INDIRECT_DESC 28
#define VIRTIO_F_RING_EVENT_IDX     29
#define VIRTIO_F_VERSION_1          32

typedef struct VirtioMMIO VirtioMMIO;

typedef struct VirtioDeviceOps {
    const char *name;                /* for log lines: "virtio-blk" */
    uint32_t device_id;              /* 5.x: 2 block, 4 entropy, 1 network */
    /* The driver kicked queue q (I/O lock held). */
    void (*notify)(VirtioMMIO *t, unsigned q);
    /* Device reset (I/O lock held): forget in-flight work. */
    void (*reset)(VirtioMMIO *t);
    /* Optional: a config-space write (e.g. writeback toggle); the bytes are already stored. */
    void (*config_write)(VirtioMMIO *t, unsigned offset, unsigned size);
} VirtioDeviceOps;

struct VirtioMMIO {
    MemoryRegion mmio;
    IRQLine irq;
    unsigned spi;
    const AddressSpace *as;          /* guest memory for DMA */
    const VirtioDeviceOps *ops;
    void *dev;                       /* the device's state */

    uint64_t host_features;          /* offered; the transport adds VERSION_1 and ring features */
    uint64_t driver_features;        /* written by the driver */
    uint32_t dev_feat_sel, drv_feat_sel, queue_sel;
    uint32_t status, isr, config_generation;
    unsigned generation;             /* bumped at each reset: late completions are dropped */
    unsigned nb_queues;
    VirtQueue vq[VIRTIO_MMIO_MAX_QUEUES];
    uint8_t *config;                 /* device config space, little-endian */
    uint32_t config_len;
};

/*
 * Set up t at base for a device with nb_queues queues of up to qsize
 * entries, offering features (device bits; the transport adds its own).
 */
void virtio_mmio_init(VirtioMMIO *t, uint64_t base, IRQLine irq, unsigned spi,
                      const AddressSpace *as, const VirtioDeviceOps *ops, void *dev,
                      unsigned nb_queues, unsigned qsize, uint64_t features,
                      uint8_t *config, uint32_t config_len);
void virtio_mmio_reset(VirtioMMIO *t);
/* Is the driver running (DRIVER_OK) and the device healthy? */
bool virtio_mmio_running(const VirtioMMIO *t);
/* Was the feature bit negotiated? */
bool virtio_mmio_has_feature(const VirtioMMIO *t, unsigned bit);
/* After pushing on queue q: raise the used-buffer interrupt if the driver wants it. */
void virtio_mmio_notify(VirtioMMIO *t, unsigned q);
/* The driver broke the rules on queue q (its vq->error says how): NEEDS_RESET and a log line. */
void virtio_mmio_fail(VirtioMMIO *t, unsigned q);
/* The device changed its config space. */
void virtio_mmio_config_changed(VirtioMMIO *t);

struct FdtBuilder;
/* Device-tree node writer for fdt_builder_add_device(); opaque is the VirtioMMIO. */
void virtio_mmio_fdt_node(struct FdtBuilder *b, void *opaque);

#endif
