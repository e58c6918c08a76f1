/*
 * virtio-rng, the entropy device (Virtio 1.2, 5.4), fed from getrandom(2).
 *
 * Public functions: virtio_rng_init.
 */
#ifndef HW_VIRTIO_RNG_H
#define HW_VIRTIO_RNG_H

#include "hw/virtio-mmio.h"

#define VIRTIO_ID_ENTROPY 4
#define VIRTIO_RNG_QUEUE_SIZE 64
#define VIRTIO_RNG_MAX_CHUNK 4096   /* bytes per request: the guest asks again for more */

typedef struct VirtioRng {
    VirtioMMIO t;
    VirtQueueElement elem;
} VirtioRng;

void virtio_rng_init(VirtioRng *s, uint64_t base, IRQLine irq, unsigned spi,
                     const AddressSpace *as);

#endif
