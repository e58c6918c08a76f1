/* virtio-net: see include/hw/virtio-net.h. */
#include "hw/virtio-net.h"

#include <string.h>

bool virtio_net_receive(VirtioNet *s, const uint8_t *frame, size_t len)
{
    VirtioMMIO *t = &s->t;
    VirtQueue *vq = &t->vq[0];
    /* 5.1.6: flags 0, gso_type NONE, no csum; num_buffers (le16 at 10) is 1. */
    uint8_t hdr[VIRTIO_NET_HDR_LEN] = { [10] = 1 };
    int r;

    if (!virtio_mmio_running(t) || !(s->config[6] & VIRTIO_NET_S_LINK_UP)) {
        return false;
    }
    r = vq_pop(vq, t->as, &s->rx_elem);
    if (r <= 0) {
        if (r < 0) {
            virtio_mmio_fail(t, 0);
        }
        s->rx_dropped++;
        return false;
    }
    if (s->rx_elem.in_len < VIRTIO_NET_HDR_LEN + len) {
        /* Too small for the frame (5.1.6.3.1 asks for room for a full one): give it back empty. */
        len = 0;
        s->rx_dropped++;
    } else {
        vq_elem_write(t->as, &s->rx_elem, 0, hdr, sizeof(hdr));
        vq_elem_write(t->as, &s->rx_elem, VIRTIO_NET_HDR_LEN, frame, len);
    }
    if (!vq_push(vq, t->as, &s->rx_elem, (uint32_t)(len ? VIRTIO_NET_HDR_LEN + len : 0))) {
        virtio_mmio_fail(t, 0);
        return false;
    }
    virtio_mmio_notify(t, 0);
    return len != 0;
}

static void net_tx(VirtioNet *s)
{
    VirtioMMIO *t = &s->t;
    VirtQueue *vq = &t->vq[1];
    int r;

    /* Bounded by the ring: vq_pop fails once the driver publishes more than it holds. */
    while ((r = vq_pop(vq, t->as, &s->tx_elem)) > 0) {
        uint64_t n = s->tx_elem.out_len;

        if (n > VIRTIO_NET_HDR_LEN && n <= sizeof(s->frame)) {
            vq_elem_read(t->as, &s->tx_elem, 0, s->frame, n);
            if (s->tx) {
                s->tx(s->tx_opaque, s->frame + VIRTIO_NET_HDR_LEN, n - VIRTIO_NET_HDR_LEN);
            }
        }
        /* The back-end may have reset the device meanwhile (it cannot today); push regardless. */
        if (!vq_push(vq, t->as, &s->tx_elem, 0)) {
            break;
        }
    }
    virtio_mmio_notify(t, 1);
    if (r < 0 || vq->broken) {
        virtio_mmio_fail(t, 1);
    }
}

static void net_notify(VirtioMMIO *t, unsigned q)
{
    /* Queue 0 (receive): new buffers; frames are only pushed by the back-end. */
    if (q == 1) {
        net_tx(t->dev);
    }
}

static const VirtioDeviceOps net_ops = {
    .name = "virtio-net",
    .device_id = VIRTIO_ID_NET,
    .notify = net_notify,
};

void virtio_net_set_link(VirtioNet *s, bool up)
{
    uint8_t old = s->config[6];

    s->config[6] = up ? VIRTIO_NET_S_LINK_UP : 0;
    if (old != s->config[6]) {
        virtio_mmio_config_changed(&s->t);
    }
}

void virtio_net_init(VirtioNet *s, uint64_t base, IRQLine irq, unsigned spi,
                     const AddressSpace *as, const uint8_t mac[6], VirtioNetTx tx, void *tx_opaque)
{
    memcpy(s->config, mac, 6);
    s->config[6] = VIRTIO_NET_S_LINK_UP;   /* status, le16 */
    s->config[7] = 0;
    s->config[8] = 1;                      /* max_virtqueue_pairs (read only with MQ) */
    s->config[9] = 0;
    s->tx = tx;
    s->tx_opaque = tx_opaque;
    virtio_mmio_init(&s->t, base, irq, spi, as, &net_ops, s, 2, VIRTIO_NET_QUEUE_SIZE,
                     1ull << VIRTIO_NET_F_MAC | 1ull << VIRTIO_NET_F_STATUS,
                     s->config, VIRTIO_NET_CONFIG_LEN);
}
