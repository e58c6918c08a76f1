/*
 * Split virtqueues (Virtio 1.2, 2.7) as the device side sees them, read
 * from and written to guest RAM through an AddressSpace.
 *
 * Public functions: vq_reset, vq_setup_ok, vq_pop, vq_push, vq_needs_notify,
 * vq_elem_read, vq_elem_write, vq_elem_iov.
 *
 * The driver is untrusted.  Every ring and buffer address is checked to
 * lie wholly inside writable RAM (never flash or MMIO), every index
 * against the queue size, and every chain is bounded (at most the queue
 * size of direct descriptors, one level of indirection, at most
 * VQ_MAX_INDIRECT entries in an indirect table).  A violation makes
 * vq_pop/vq_push fail with a message in vq->error; the transport then
 * marks the device DEVICE_NEEDS_RESET and stops using the queue.
 *
 * Zero-length buffer descriptors are legal in the spec and are skipped;
 * a zero-length (or not 16-byte multiple) indirect table is an error.
 */
#ifndef HW_VIRTQUEUE_H
#define HW_VIRTQUEUE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/uio.h>
#include "hw/memory.h"

#define VQ_MAX_SIZE 1024        /* largest queue size a device may offer */
#define VQ_MAX_INDIRECT 1024    /* largest indirect table, in descriptors */
#define VQ_MAX_SEGS 1024        /* buffers in one element (each direction) */

/* Descriptor flags (2.7.5). */
#define VRING_DESC_F_NEXT     1
#define VRING_DESC_F_WRITE    2
#define VRING_DESC_F_INDIRECT 4
/* avail->flags / used->flags. */
#define VRING_AVAIL_F_NO_INTERRUPT 1
#define VRING_USED_F_NO_NOTIFY     1

typedef struct VirtQueue {
    uint16_t num_max;           /* what the device offers (QueueNumMax) */
    uint16_t num;               /* what the driver chose (QueueNum) */
    bool ready;
    uint64_t desc, avail, used; /* guest physical addresses of the three parts */
    bool event_idx;             /* VIRTIO_F_RING_EVENT_IDX negotiated */
    bool indirect;              /* VIRTIO_F_RING_INDIRECT_DESC negotiated */
    uint16_t last_avail_idx;    /* next avail ring slot to take */
    uint16_t used_idx;          /* our copy of used->idx */
    uint16_t signalled_used;    /* used_idx at the last interrupt */
    bool signalled_used_valid;
    unsigned inflight;          /* popped, not yet pushed */
    bool broken;
    char error[128];            /* why it broke */
} VirtQueue;

typedef struct VirtQueueSeg {
    uint64_t addr;
    uint32_t len;
} VirtQueueSeg;

/* One popped chain: device-readable (out) buffers, then device-writable (in) ones. */
typedef struct VirtQueueElement {
    uint16_t head;
    unsigned nb_out, nb_in;
    uint64_t out_len, in_len;   /* total bytes each way */
    VirtQueueSeg out[VQ_MAX_SEGS];
    VirtQueueSeg in[VQ_MAX_SEGS];
} VirtQueueElement;

/* Back to the state after device reset (keeps num_max). */
void vq_reset(VirtQueue *vq);
/* QueueReady=1: is the layout the driver wrote acceptable?  false sets vq->error. */
bool vq_setup_ok(VirtQueue *vq, const AddressSpace *as);
/*
 * Take the next available chain: 1 with *elem filled, 0 if the ring is
 * empty, -1 if the driver broke the rules (vq->broken, vq->error).
 */
int vq_pop(VirtQueue *vq, const AddressSpace *as, VirtQueueElement *elem);
/* Return a chain with len bytes written into its in-buffers; false on error. */
bool vq_push(VirtQueue *vq, const AddressSpace *as, const VirtQueueElement *elem, uint32_t len);
/* After pushes: should the device interrupt the driver (flags or event index)? */
bool vq_needs_notify(VirtQueue *vq, const AddressSpace *as);
/* Copy between a host buffer and the element's out (read) / in (write) buffers at offset. */
uint64_t vq_elem_read(const AddressSpace *as, const VirtQueueElement *elem, uint64_t offset,
                      void *buf, uint64_t len);
uint64_t vq_elem_write(const AddressSpace *as, const VirtQueueElement *elem, uint64_t offset,
                       const void *buf, uint64_t len);
/*
 * Host addresses of len bytes of the element's out (in = false) or in
 * (in = true) buffers from offset, as at most max iovecs, so that a
 * device can preadv/pwritev guest RAM without copying it.  Returns the
 * number of iovecs; *mapped gets the bytes they cover (less than len if
 * the buffers end first).  Valid while the element is popped: pop checked
 * that every buffer lies in RAM, and RAM regions stay for the board's life.
 */
unsigned vq_elem_iov(const AddressSpace *as, const VirtQueueElement *elem, bool in,
                     uint64_t offset, uint64_t len, struct iovec *iov, unsigned max,
                     uint64_t *mapped);

#endif
