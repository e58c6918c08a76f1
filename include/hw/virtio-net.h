/*
 * virtio-net, the network device (Virtio 1.2, 5.1): one receive queue (0)
 * and one transmit queue (1), no offloads.  Every packet in either
 * direction starts with a 12-byte struct virtio_net_hdr (modern devices
 * always have num_buffers); we offer no checksum or GSO features, so the
 * header we write is all zero except num_buffers = 1, and the header the
 * driver writes is skipped.
 *
 * The back-end (system/net-slirp.c) is reached through a transmit
 * callback; it hands received frames to virtio_net_receive().  Both run
 * with the board's I/O lock held.  A frame that arrives while the driver
 * has no receive buffer posted is dropped (TCP retransmits).
 *
 * Public functions: virtio_net_init, virtio_net_receive, virtio_net_set_link.
 */
#ifndef HW_VIRTIO_NET_H
#define HW_VIRTIO_NET_H

#include <stddef.h>
#include "hw/virtio-mmio.h"

#define VIRTIO_ID_NET 1
#define VIRTIO_NET_QUEUE_SIZE 256
#define VIRTIO_NET_HDR_LEN 12          /* struct virtio_net_hdr with num_buffers */
#define VIRTIO_NET_MAX_FRAME 65536     /* largest frame we pass either way */

/* Feature bits (5.1.3). */
#define VIRTIO_NET_F_MAC       5
#define VIRTIO_NET_F_MRG_RXBUF 15
#define VIRTIO_NET_F_STATUS    16

/* Config space (5.1.4): mac[6], status, max_virtqueue_pairs. */
#define VIRTIO_NET_CONFIG_LEN  10
#define VIRTIO_NET_S_LINK_UP   1

/* The back-end's input: one Ethernet frame the guest sent. */
typedef void (*VirtioNetTx)(void *opaque, const uint8_t *frame, size_t len);

typedef struct VirtioNet {
    VirtioMMIO t;
    uint8_t config[VIRTIO_NET_CONFIG_LEN];
    VirtioNetTx tx;
    void *tx_opaque;
    uint64_t rx_dropped;               /* frames lost for want of a receive buffer */
    uint8_t frame[VIRTIO_NET_HDR_LEN + VIRTIO_NET_MAX_FRAME];
    VirtQueueElement rx_elem, tx_elem; /* separate: a transmit may receive (ARP) */
} VirtioNet;

void virtio_net_init(VirtioNet *s, uint64_t base, IRQLine irq, unsigned spi,
                     const AddressSpace *as, const uint8_t mac[6], VirtioNetTx tx, void *tx_opaque);
/* Deliver one frame to the guest; false if it was dropped. */
bool virtio_net_receive(VirtioNet *s, const uint8_t *frame, size_t len);
void virtio_net_set_link(VirtioNet *s, bool up);

#endif
