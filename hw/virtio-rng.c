/* virtio-rng: see include/hw/virtio-rng.h. */
#include "hw/virtio-rng.h"

#include <errno.h>
#include <sys/random.h>

static void rng_notify(VirtioMMIO *t, unsigned q)
{
    VirtioRng *s = t->dev;
    uint8_t buf[VIRTIO_RNG_MAX_CHUNK];
    int r;

    /* Bounded by the ring: vq_pop fails once the driver publishes more than it holds. */
    while ((r = vq_pop(&t->vq[0], t->as, &s->elem)) > 0) {
        uint64_t want = s->elem.in_len < sizeof(buf) ? s->elem.in_len : sizeof(buf);
        ssize_t got;

        do {
            got = getrandom(buf, want, 0);
        } while (got < 0 && errno == EINTR);
        if (got < 0) {
            got = 0;
        }
        vq_elem_write(t->as, &s->elem, 0, buf, (uint64_t)got);
        if (!vq_push(&t->vq[0], t->as, &s->elem, (uint32_t)got)) {
            break;
        }
    }
    virtio_mmio_notify(t, 0);
    if (r < 0 || t->vq[0].broken) {
        virtio_mmio_fail(t, 0);
    }
}

static const VirtioDeviceOps rng_ops = {
    .name = "virtio-rng",
    .device_id = VIRTIO_ID_ENTROPY,
    .notify = rng_notify,
};

void virtio_rng_init(VirtioRng *s, uint64_t base, IRQLine irq, unsigned spi,
                     const AddressSpace *as)
{
    virtio_mmio_init(&s->t, base, irq, spi, as, &rng_ops, s, 1, VIRTIO_RNG_QUEUE_SIZE, 0, NULL, 0);
}
