/* The virtio-mmio transport, version 2: see include/hw/virtio-mmio.h. */
#include "hw/virtio-mmio.h"

#include <inttypes.h>
#include <string.h>
#include "boot/fdt.h"
#include "util/log.h"

static const MemoryRegionOps virtio_mmio_ops;

static uint64_t all_features(const VirtioMMIO *t)
{
    return t->host_features | 1ull << VIRTIO_F_VERSION_1 | 1ull << VIRTIO_F_RING_INDIRECT_DESC |
           1ull << VIRTIO_F_RING_EVENT_IDX;
}

void virtio_mmio_init(VirtioMMIO *t, uint64_t base, IRQLine irq, unsigned spi,
                      const AddressSpace *as, const VirtioDeviceOps *ops, void *dev,
                      unsigned nb_queues, unsigned qsize, uint64_t features,
                      uint8_t *config, uint32_t config_len)
{
    memset(t, 0, sizeof(*t));
    t->mmio.name = ops->name;
    t->mmio.base = base;
    t->mmio.size = VIRTIO_MMIO_SIZE;
    t->mmio.ops = &virtio_mmio_ops;
    t->mmio.opaque = t;
    t->irq = irq;
    t->spi = spi;
    t->as = as;
    t->ops = ops;
    t->dev = dev;
    t->nb_queues = nb_queues < VIRTIO_MMIO_MAX_QUEUES ? nb_queues : VIRTIO_MMIO_MAX_QUEUES;
    for (unsigned i = 0; i < t->nb_queues; i++) {
        t->vq[i].num_max = (uint16_t)(qsize <= VQ_MAX_SIZE ? qsize : VQ_MAX_SIZE);
    }
    t->host_features = features;
    t->config = config;
    t->config_len = config_len;
    virtio_mmio_reset(t);
}

static void update_irq(VirtioMMIO *t)
{
    irq_set(&t->irq, t->isr != 0);
}

void virtio_mmio_reset(VirtioMMIO *t)
{
    t->driver_features = 0;
    t->dev_feat_sel = t->drv_feat_sel = t->queue_sel = 0;
    t->status = 0;
    t->isr = 0;
    t->generation++;
    for (unsigned i = 0; i < t->nb_queues; i++) {
        vq_reset(&t->vq[i]);
    }
    if (t->ops->reset) {
        t->ops->reset(t);
    }
    update_irq(t);
}

bool virtio_mmio_running(const VirtioMMIO *t)
{
    return (t->status & VIRTIO_STATUS_DRIVER_OK) && !(t->status & VIRTIO_STATUS_NEEDS_RESET);
}

bool virtio_mmio_has_feature(const VirtioMMIO *t, unsigned bit)
{
    return bit < 64 && (t->driver_features >> bit & 1);
}

void virtio_mmio_notify(VirtioMMIO *t, unsigned q)
{
    if (q < t->nb_queues && vq_needs_notify(&t->vq[q], t->as)) {
        t->isr |= VIRTIO_MMIO_INT_VRING;
        update_irq(t);
    }
    if (q < t->nb_queues && t->vq[q].broken) {
        virtio_mmio_fail(t, q);
    }
}

void virtio_mmio_config_changed(VirtioMMIO *t)
{
    t->config_generation++;
    if (t->status & VIRTIO_STATUS_DRIVER_OK) {
        t->isr |= VIRTIO_MMIO_INT_CONFIG;
        update_irq(t);
    }
}

void virtio_mmio_fail(VirtioMMIO *t, unsigned q)
{
    if (t->status & VIRTIO_STATUS_NEEDS_RESET) {
        return;
    }
    emu_log_mask(LOG_GUEST_ERRORS, "%s@0x%" PRIx64 ": queue %u: %s; device needs reset\n",
                 t->ops->name, t->mmio.base, q, q < t->nb_queues ? t->vq[q].error : "?");
    t->status |= VIRTIO_STATUS_NEEDS_RESET;
    if (t->status & VIRTIO_STATUS_DRIVER_OK) {
        /* 2.1.2: the device notifies the driver of NEEDS_RESET with a config change. */
        t->isr |= VIRTIO_MMIO_INT_CONFIG;
        update_irq(t);
    }
}

static VirtQueue *cur_vq(VirtioMMIO *t)
{
    return t->queue_sel < t->nb_queues ? &t->vq[t->queue_sel] : NULL;
}

static uint64_t config_read(VirtioMMIO *t, uint64_t off, unsigned size)
{
    uint64_t v = 0;

    if (off + size > t->config_len) {
        emu_log_mask(LOG_GUEST_ERRORS, "%s: config read beyond %u bytes at 0x%" PRIx64 "\n",
                     t->ops->name, t->config_len, off);
        return 0;
    }
    for (unsigned i = 0; i < size; i++) {
        v |= (uint64_t)t->config[off + i] << (8 * i);
    }
    return v;
}

static void config_write(VirtioMMIO *t, uint64_t off, uint64_t v, unsigned size)
{
    if (off + size > t->config_len || !t->ops->config_write) {
        emu_log_mask(LOG_GUEST_ERRORS, "%s: ignored config write at 0x%" PRIx64 "\n",
                     t->ops->name, off);
        return;
    }
    for (unsigned i = 0; i < size; i++) {
        t->config[off + i] = (uint8_t)(v >> (8 * i));
    }
    t->ops->config_write(t, (unsigned)off, size);
}

static uint64_t virtio_mmio_read(void *opaque, uint64_t off, unsigned size, unsigned cpu)
{
    VirtioMMIO *t = opaque;
    VirtQueue *vq = cur_vq(t);

    if (off >= VIRTIO_MMIO_CONFIG) {
        return config_read(t, off - VIRTIO_MMIO_CONFIG, size);
    }
    if (size != 4) {
        emu_log_mask(LOG_GUEST_ERRORS, "%s: %u-byte read of register 0x%" PRIx64 "\n",
                     t->ops->name, size, off);
        return 0;
    }
    switch (off) {
    case VIRTIO_MMIO_MAGIC_VALUE:
        return VIRTIO_MMIO_MAGIC;
    case VIRTIO_MMIO_VERSION:
        return 2;
    case VIRTIO_MMIO_DEVICE_ID:
        return t->ops->device_id;
    case VIRTIO_MMIO_VENDOR_ID:
        return VIRTIO_MMIO_VENDOR;
    case VIRTIO_MMIO_DEVICE_FEATURES:
        return t->dev_feat_sel < 2 ? (uint32_t)(all_features(t) >> (32 * t->dev_feat_sel)) : 0;
    case VIRTIO_MMIO_QUEUE_NUM_MAX:
        return vq ? vq->num_max : 0;
    case VIRTIO_MMIO_QUEUE_READY:
        return vq ? vq->ready : 0;
    case VIRTIO_MMIO_INTERRUPT_STATUS:
        return t->isr;
    case VIRTIO_MMIO_STATUS:
        return t->status;
    case VIRTIO_MMIO_QUEUE_DESC_LOW:
        return vq ? (uint32_t)vq->desc : 0;
    case VIRTIO_MMIO_QUEUE_DESC_HIGH:
        return vq ? (uint32_t)(vq->desc >> 32) : 0;
    case VIRTIO_MMIO_QUEUE_DRIVER_LOW:
        return vq ? (uint32_t)vq->avail : 0;
    case VIRTIO_MMIO_QUEUE_DRIVER_HIGH:
        return vq ? (uint32_t)(vq->avail >> 32) : 0;
    case VIRTIO_MMIO_QUEUE_DEVICE_LOW:
        return vq ? (uint32_t)vq->used : 0;
    case VIRTIO_MMIO_QUEUE_DEVICE_HIGH:
        return vq ? (uint32_t)(vq->used >> 32) : 0;
    case VIRTIO_MMIO_SHM_LEN_LOW:
    case VIRTIO_MMIO_SHM_LEN_HIGH:
        return 0xffffffff;   /* no shared memory regions */
    case VIRTIO_MMIO_SHM_BASE_LOW:
    case VIRTIO_MMIO_SHM_BASE_HIGH:
        return 0xffffffff;
    case VIRTIO_MMIO_CONFIG_GENERATION:
        return t->config_generation;
    default:
        emu_log_mask(LOG_GUEST_ERRORS, "%s: read of %s register 0x%" PRIx64 "\n", t->ops->name,
                     off < VIRTIO_MMIO_CONFIG ? "write-only or unknown" : "unknown", off);
        return 0;
    }
}

/* FEATURES_OK (3.1.1): accept only a subset of what we offer, including VERSION_1. */
static bool features_acceptable(const VirtioMMIO *t)
{
    return !(t->driver_features & ~all_features(t)) &&
           (t->driver_features >> VIRTIO_F_VERSION_1 & 1);
}

static void write_status(VirtioMMIO *t, uint32_t v)
{
    if (v == 0) {
        virtio_mmio_reset(t);
        return;
    }
    if ((v & VIRTIO_STATUS_FEATURES_OK) && !(t->status & VIRTIO_STATUS_FEATURES_OK)) {
        if (!features_acceptable(t)) {
            emu_log_mask(LOG_GUEST_ERRORS, "%s: driver features 0x%" PRIx64 " not acceptable\n",
                         t->ops->name, t->driver_features);
            v &= ~(uint32_t)VIRTIO_STATUS_FEATURES_OK;
        } else {
            for (unsigned i = 0; i < t->nb_queues; i++) {
                t->vq[i].event_idx = virtio_mmio_has_feature(t, VIRTIO_F_RING_EVENT_IDX);
                t->vq[i].indirect = virtio_mmio_has_feature(t, VIRTIO_F_RING_INDIRECT_DESC);
            }
        }
    }
    /* NEEDS_RESET is the device's bit: the driver cannot set or clear it. */
    t->status = (v & ~(uint32_t)VIRTIO_STATUS_NEEDS_RESET) | (t->status & VIRTIO_STATUS_NEEDS_RESET);
}

static void set_half(uint64_t *r, bool high, uint32_t v)
{
    *r = high ? (*r & 0xffffffffull) | (uint64_t)v << 32 : (*r & ~0xffffffffull) | v;
}

static void virtio_mmio_write(void *opaque, uint64_t off, uint64_t value, unsigned size,
                              unsigned cpu)
{
    VirtioMMIO *t = opaque;
    VirtQueue *vq = cur_vq(t);
    uint32_t v = (uint32_t)value;

    if (off >= VIRTIO_MMIO_CONFIG) {
        config_write(t, off - VIRTIO_MMIO_CONFIG, value, size);
        return;
    }
    if (size != 4) {
        emu_log_mask(LOG_GUEST_ERRORS, "%s: %u-byte write of register 0x%" PRIx64 "\n",
                     t->ops->name, size, off);
        return;
    }
    switch (off) {
    case VIRTIO_MMIO_DEVICE_FEATURES_SEL:
        t->dev_feat_sel = v;
        return;
    case VIRTIO_MMIO_DRIVER_FEATURES:
        if (t->status & VIRTIO_STATUS_FEATURES_OK) {
            emu_log_mask(LOG_GUEST_ERRORS, "%s: features written after FEATURES_OK\n",
                         t->ops->name);
        } else if (t->drv_feat_sel < 2) {
            set_half(&t->driver_features, t->drv_feat_sel == 1, v);
        }
        return;
    case VIRTIO_MMIO_DRIVER_FEATURES_SEL:
        t->drv_feat_sel = v;
        return;
    case VIRTIO_MMIO_QUEUE_SEL:
        t->queue_sel = v;
        return;
    case VIRTIO_MMIO_INTERRUPT_ACK:
        t->isr &= ~v;
        update_irq(t);
        return;
    case VIRTIO_MMIO_STATUS:
        write_status(t, v);
        return;
    case VIRTIO_MMIO_QUEUE_NOTIFY:
        if (v < t->nb_queues && t->vq[v].ready && virtio_mmio_running(t)) {
            t->ops->notify(t, v);
        } else if (v >= t->nb_queues) {
            emu_log_mask(LOG_GUEST_ERRORS, "%s: notify of queue %u (has %u)\n", t->ops->name, v,
                         t->nb_queues);
        }
        return;
    default:
        break;
    }
    /* Queue registers: only for an existing queue that is not live. */
    if (!vq) {
        emu_log_mask(LOG_GUEST_ERRORS, "%s: write to 0x%" PRIx64 " with no queue %u\n",
                     t->ops->name, off, t->queue_sel);
        return;
    }
    if (off == VIRTIO_MMIO_QUEUE_READY) {
        if (!(v & 1)) {
            vq->ready = false;
        } else if (!vq->ready) {
            if (vq_setup_ok(vq, t->as)) {
                vq->ready = true;
            } else {
                virtio_mmio_fail(t, t->queue_sel);
            }
        }
        return;
    }
    if (vq->ready) {
        emu_log_mask(LOG_GUEST_ERRORS, "%s: queue %u register 0x%" PRIx64 " written while ready\n",
                     t->ops->name, t->queue_sel, off);
        return;
    }
    switch (off) {
    case VIRTIO_MMIO_QUEUE_NUM:
        vq->num = (uint16_t)(v <= 0xffff ? v : 0);   /* checked when the queue goes ready */
        return;
    case VIRTIO_MMIO_QUEUE_DESC_LOW:
    case VIRTIO_MMIO_QUEUE_DESC_HIGH:
        set_half(&vq->desc, off == VIRTIO_MMIO_QUEUE_DESC_HIGH, v);
        return;
    case VIRTIO_MMIO_QUEUE_DRIVER_LOW:
    case VIRTIO_MMIO_QUEUE_DRIVER_HIGH:
        set_half(&vq->avail, off == VIRTIO_MMIO_QUEUE_DRIVER_HIGH, v);
        return;
    case VIRTIO_MMIO_QUEUE_DEVICE_LOW:
    case VIRTIO_MMIO_QUEUE_DEVICE_HIGH:
        set_half(&vq->used, off == VIRTIO_MMIO_QUEUE_DEVICE_HIGH, v);
        return;
    default:
        emu_log_mask(LOG_GUEST_ERRORS, "%s: write to read-only or unknown register 0x%" PRIx64 "\n",
                     t->ops->name, off);
        return;
    }
}

static const MemoryRegionOps virtio_mmio_ops = {
    .read = virtio_mmio_read,
    .write = virtio_mmio_write,
};

void virtio_mmio_fdt_node(FdtBuilder *b, void *opaque)
{
    VirtioMMIO *t = opaque;
    int node = fdtb_node(b, 0, "virtio_mmio@%" PRIx64, t->mmio.base);

    fdtb_prop_str(b, node, "compatible", "virtio,mmio");
    fdtb_prop_reg(b, node, t->mmio.base, t->mmio.size);
    fdtb_prop_interrupt_spi(b, node, t->spi);
    /* Our DMA is coherent with the CPUs' caches: the guest needs no cache maintenance. */
    fdtb_prop_empty(b, node, "dma-coherent");
}
