/*
 * libFuzzer harness for the split-virtqueue parser (hw/virtqueue.c).
 *
 * The input is a guest RAM image of 64 KiB (shorter inputs are padded
 * with zeroes) holding a queue of 16 entries: descriptors at 0, avail ring
 * at 0x1000, used ring at 0x2000, and whatever the fuzzer puts elsewhere
 * (buffers, indirect tables).  The first two bytes choose the features
 * (indirect, event index).  The harness pops and pushes until the ring is
 * empty or broken; AddressSanitizer catches any access outside RAM, and
 * the loop bound catches a hang.  See tests/fuzz/README.md.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "hw/virtqueue.h"

#define RAM_BASE 0x40000000ull
#define RAM_SIZE 0x10000ull

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static VirtQueueElement elem;
    uint8_t *ram = calloc(1, RAM_SIZE);
    MemoryRegion mr = { .name = "ram", .base = RAM_BASE, .size = RAM_SIZE, .host = ram };
    AddressSpace as;
    VirtQueue vq;
    uint8_t buf[256];

    memcpy(ram, data, size < RAM_SIZE ? size : RAM_SIZE);
    address_space_init(&as);
    address_space_add(&as, &mr);
    memset(&vq, 0, sizeof(vq));
    vq.num_max = 16;
    vq_reset(&vq);
    vq.desc = RAM_BASE;
    vq.avail = RAM_BASE + 0x1000;
    vq.used = RAM_BASE + 0x2000;
    vq.indirect = size > 0 && (data[0] & 1);
    vq.event_idx = size > 0 && (data[0] & 2);
    if (size > 1 && (data[1] & 0x0f)) {
        vq.num = (uint16_t)(1u << (data[1] & 0x0f) >> 1);   /* also tries bad sizes */
    }
    if (vq_setup_ok(&vq, &as)) {
        vq.ready = true;
        for (int i = 0; i < 64; i++) {
            int r = vq_pop(&vq, &as, &elem);
            if (r <= 0) {
                break;
            }
            vq_elem_read(&as, &elem, 0, buf, sizeof(buf));
            vq_elem_write(&as, &elem, 1, buf, sizeof(buf));
            vq_push(&vq, &as, &elem, (uint32_t)elem.in_len);
            vq_needs_notify(&vq, &as);
        }
    }
    free(ram);
    return 0;
}
