/* Split virtqueues: see include/hw/virtqueue.h. */
#include "hw/virtqueue.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>
#include <string.h>

/* Layout of the three parts (Virtio 1.2, 2.7.5-2.7.8), all little-endian. */
#define DESC_SIZE 16
#define AVAIL_RING(n) (4 + 2ull * (n))          /* offset of avail->ring[n] (used_event at n = num) */
#define USED_RING(n) (4 + 8ull * (n))           /* offset of used->ring[n] (avail_event at n = num) */

static bool vq_fail(VirtQueue *vq, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static bool vq_fail(VirtQueue *vq, const char *fmt, ...)
{
    va_list ap;

    if (!vq->broken) {
        va_start(ap, fmt);
        vsnprintf(vq->error, sizeof(vq->error), fmt, ap);
        va_end(ap);
    }
    vq->broken = true;
    return false;
}

/* Is [addr, addr+len) wholly inside one writable RAM region?  DMA never touches flash or MMIO. */
static bool in_ram(const AddressSpace *as, uint64_t addr, uint64_t len)
{
    const MemoryRegion *mr;

    if (addr + len < addr) {
        return false;
    }
    mr = address_space_find(as, addr);
    return mr && mr->host && !mr->readonly && addr + len <= mr->base + mr->size;
}

static bool ram_rw(const AddressSpace *as, uint64_t addr, void *buf, uint64_t len, bool write)
{
    return in_ram(as, addr, len) && address_space_rw_memory(as, addr, buf, len, write);
}

static bool ld16(VirtQueue *vq, const AddressSpace *as, uint64_t addr, uint16_t *v, const char *what)
{
    uint8_t b[2];

    if (!ram_rw(as, addr, b, 2, false)) {
        return vq_fail(vq, "%s at 0x%llx is outside RAM", what, (unsigned long long)addr);
    }
    *v = (uint16_t)(b[0] | b[1] << 8);
    return true;
}

static bool st16(VirtQueue *vq, const AddressSpace *as, uint64_t addr, uint16_t v, const char *what)
{
    uint8_t b[2] = { (uint8_t)v, (uint8_t)(v >> 8) };

    if (!ram_rw(as, addr, b, 2, true)) {
        return vq_fail(vq, "%s at 0x%llx is outside RAM", what, (unsigned long long)addr);
    }
    return true;
}

void vq_reset(VirtQueue *vq)
{
    uint16_t num_max = vq->num_max;

    memset(vq, 0, sizeof(*vq));
    vq->num_max = num_max;
    vq->num = num_max;   /* 4.2.2: QueueNum starts at the maximum */
}

bool vq_setup_ok(VirtQueue *vq, const AddressSpace *as)
{
    uint64_t n = vq->num;

    if (n == 0 || n > vq->num_max || (n & (n - 1))) {
        return vq_fail(vq, "queue size %llu is not a power of 2 up to %u", (unsigned long long)n,
                       vq->num_max);
    }
    if ((vq->desc & 15) || (vq->avail & 1) || (vq->used & 3)) {
        return vq_fail(vq, "misaligned rings (desc 0x%llx avail 0x%llx used 0x%llx)",
                       (unsigned long long)vq->desc, (unsigned long long)vq->avail,
                       (unsigned long long)vq->used);
    }
    if (!in_ram(as, vq->desc, DESC_SIZE * n) || !in_ram(as, vq->avail, AVAIL_RING(n) + 2) ||
        !in_ram(as, vq->used, USED_RING(n) + 2)) {
        return vq_fail(vq, "rings outside RAM (desc 0x%llx avail 0x%llx used 0x%llx)",
                       (unsigned long long)vq->desc, (unsigned long long)vq->avail,
                       (unsigned long long)vq->used);
    }
    return true;
}

typedef struct Desc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags, next;
} Desc;

static bool read_desc(VirtQueue *vq, const AddressSpace *as, uint64_t table, unsigned i, Desc *d)
{
    uint8_t b[DESC_SIZE];

    if (!ram_rw(as, table + (uint64_t)i * DESC_SIZE, b, DESC_SIZE, false)) {
        return vq_fail(vq, "descriptor %u of table 0x%llx is outside RAM", i,
                       (unsigned long long)table);
    }
    d->addr = 0;
    for (int k = 7; k >= 0; k--) {
        d->addr = d->addr << 8 | b[k];
    }
    d->len = (uint32_t)b[8] | (uint32_t)b[9] << 8 | (uint32_t)b[10] << 16 | (uint32_t)b[11] << 24;
    d->flags = (uint16_t)(b[12] | b[13] << 8);
    d->next = (uint16_t)(b[14] | b[15] << 8);
    return true;
}

/* Add one buffer to elem, keeping the readable-before-writable order. */
static bool add_seg(VirtQueue *vq, const AddressSpace *as, VirtQueueElement *elem, const Desc *d)
{
    VirtQueueSeg *s;

    if (!in_ram(as, d->addr, d->len)) {
        return vq_fail(vq, "buffer 0x%llx+0x%x is outside RAM", (unsigned long long)d->addr, d->len);
    }
    if (d->flags & VRING_DESC_F_WRITE) {
        if (elem->nb_in == VQ_MAX_SEGS) {
            return vq_fail(vq, "too many writable buffers in one chain");
        }
        if (d->len) {
            s = &elem->in[elem->nb_in++];
            s->addr = d->addr;
            s->len = d->len;
            elem->in_len += d->len;
        }
    } else {
        if (elem->nb_in) {
            return vq_fail(vq, "readable buffer after a writable one (2.7.4.2)");
        }
        if (elem->nb_out == VQ_MAX_SEGS) {
            return vq_fail(vq, "too many readable buffers in one chain");
        }
        if (d->len) {
            s = &elem->out[elem->nb_out++];
            s->addr = d->addr;
            s->len = d->len;
            elem->out_len += d->len;
        }
    }
    return true;
}

/* Walk an indirect table (2.7.5.3): one level, bounded by its own length. */
static bool walk_indirect(VirtQueue *vq, const AddressSpace *as, VirtQueueElement *elem,
                          const Desc *top)
{
    unsigned count, i = 0, steps = 0;
    Desc d;

    if (!vq->indirect) {
        return vq_fail(vq, "indirect descriptor without VIRTIO_F_RING_INDIRECT_DESC");
    }
    if (top->flags & VRING_DESC_F_NEXT) {
        return vq_fail(vq, "descriptor has both INDIRECT and NEXT");
    }
    if (top->len == 0 || top->len % DESC_SIZE || top->len / DESC_SIZE > VQ_MAX_INDIRECT) {
        return vq_fail(vq, "indirect table length %u is not a multiple of 16 in 16..%u", top->len,
                       VQ_MAX_INDIRECT * DESC_SIZE);
    }
    count = top->len / DESC_SIZE;
    if (!in_ram(as, top->addr, top->len)) {
        return vq_fail(vq, "indirect table 0x%llx+0x%x is outside RAM",
                       (unsigned long long)top->addr, top->len);
    }
    for (;;) {
        if (++steps > count) {
            return vq_fail(vq, "loop in indirect table 0x%llx", (unsigned long long)top->addr);
        }
        if (!read_desc(vq, as, top->addr, i, &d)) {
            return false;
        }
        if (d.flags & VRING_DESC_F_INDIRECT) {
            return vq_fail(vq, "nested indirect descriptor");
        }
        if (!add_seg(vq, as, elem, &d)) {
            return false;
        }
        if (!(d.flags & VRING_DESC_F_NEXT)) {
            return true;
        }
        if (d.next >= count) {
            return vq_fail(vq, "indirect next %u beyond table of %u", d.next, count);
        }
        i = d.next;
    }
}

int vq_pop(VirtQueue *vq, const AddressSpace *as, VirtQueueElement *elem)
{
    uint16_t avail_idx, head, i;
    unsigned steps = 0;
    Desc d;

    if (vq->broken || !vq->ready) {
        return vq->broken ? -1 : 0;
    }
    if (!ld16(vq, as, vq->avail + 2, &avail_idx, "avail->idx")) {
        return -1;
    }
    if ((uint16_t)(avail_idx - vq->last_avail_idx) > vq->num) {
        vq_fail(vq, "avail->idx %u ran %u entries ahead of a ring of %u", avail_idx,
                (uint16_t)(avail_idx - vq->last_avail_idx), vq->num);
        return -1;
    }
    if (avail_idx == vq->last_avail_idx) {
        /* Empty: ask for a notification when the driver adds the next one. */
        if (vq->event_idx && !st16(vq, as, vq->used + USED_RING(vq->num), vq->last_avail_idx,
                                   "used->avail_event")) {
            return -1;
        }
        return 0;
    }
    /* The ring entry may only be read after the index that published it. */
    __atomic_thread_fence(__ATOMIC_ACQUIRE);
    if (!ld16(vq, as, vq->avail + AVAIL_RING(vq->last_avail_idx % vq->num), &head, "avail->ring")) {
        return -1;
    }
    if (head >= vq->num) {
        vq_fail(vq, "avail ring head %u beyond queue size %u", head, vq->num);
        return -1;
    }
    memset(elem, 0, offsetof(VirtQueueElement, out));
    elem->head = head;
    i = head;
    for (;;) {
        if (++steps > vq->num) {
            vq_fail(vq, "descriptor chain from %u is longer than the queue (a loop?)", head);
            return -1;
        }
        if (!read_desc(vq, as, vq->desc, i, &d)) {
            return -1;
        }
        if (d.flags & VRING_DESC_F_INDIRECT) {
            if (!walk_indirect(vq, as, elem, &d)) {
                return -1;
            }
            break;
        }
        if (!add_seg(vq, as, elem, &d)) {
            return -1;
        }
        if (!(d.flags & VRING_DESC_F_NEXT)) {
            break;
        }
        if (d.next >= vq->num) {
            vq_fail(vq, "descriptor next %u beyond queue size %u", d.next, vq->num);
            return -1;
        }
        i = d.next;
    }
    vq->last_avail_idx++;
    vq->inflight++;
    if (vq->event_idx && !st16(vq, as, vq->used + USED_RING(vq->num), vq->last_avail_idx,
                               "used->avail_event")) {
        return -1;
    }
    return 1;
}

bool vq_push(VirtQueue *vq, const AddressSpace *as, const VirtQueueElement *elem, uint32_t len)
{
    uint8_t b[8];
    uint64_t slot;

    if (vq->broken) {
        return false;
    }
    if (!vq->inflight) {
        return vq_fail(vq, "internal: push without pop");
    }
    if (len > elem->in_len) {
        len = (uint32_t)elem->in_len;   /* never claim more than the driver gave */
    }
    /* Devices may have filled the buffers through host pointers: code there is stale. */
    for (unsigned i = 0, left = len; i < elem->nb_in && left; i++) {
        uint32_t n = elem->in[i].len < left ? elem->in[i].len : left;
        memory_dma_written(elem->in[i].addr, n);
        left -= n;
    }
    slot = vq->used + USED_RING(vq->used_idx % vq->num);
    for (int k = 0; k < 4; k++) {
        b[k] = (uint8_t)(elem->head >> (8 * k));
        b[4 + k] = (uint8_t)(len >> (8 * k));
    }
    if (!ram_rw(as, slot, b, 8, true)) {
        return vq_fail(vq, "used ring entry at 0x%llx is outside RAM", (unsigned long long)slot);
    }
    /* The entry must be visible before the index that publishes it. */
    __atomic_thread_fence(__ATOMIC_RELEASE);
    vq->used_idx++;
    vq->inflight--;
    return st16(vq, as, vq->used + 2, vq->used_idx, "used->idx");
}

bool vq_needs_notify(VirtQueue *vq, const AddressSpace *as)
{
    uint16_t v, old = vq->signalled_used, new = vq->used_idx;
    bool valid = vq->signalled_used_valid;

    if (vq->broken) {
        return false;
    }
    /* Our used->idx store must be ordered before reading the driver's suppression state. */
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    if (!vq->event_idx) {
        if (!ld16(vq, as, vq->avail, &v, "avail->flags")) {
            return false;
        }
        return !(v & VRING_AVAIL_F_NO_INTERRUPT);
    }
    if (!ld16(vq, as, vq->avail + AVAIL_RING(vq->num), &v, "avail->used_event")) {
        return false;
    }
    vq->signalled_used = new;
    vq->signalled_used_valid = true;
    /* 2.7.10: interrupt when used_event lies in (old, new]. */
    return !valid || (uint16_t)(new - v - 1) < (uint16_t)(new - old);
}

/*
 * Walk the bytes [offset, offset + len) of an element's buffers in order,
 * one contiguous guest-physical piece per call.
 */
typedef struct SegWalk {
    const VirtQueueSeg *segs;
    unsigned n, i;
    uint64_t offset, left;
} SegWalk;

static bool seg_walk_next(SegWalk *w, uint64_t *addr, uint64_t *chunk)
{
    while (w->i < w->n && w->left) {
        const VirtQueueSeg *seg = &w->segs[w->i++];
        if (w->offset >= seg->len) {
            w->offset -= seg->len;
            continue;
        }
        *addr = seg->addr + w->offset;
        *chunk = seg->len - w->offset < w->left ? seg->len - w->offset : w->left;
        w->offset = 0;
        w->left -= *chunk;
        return true;
    }
    return false;
}

static uint64_t elem_copy(const AddressSpace *as, const VirtQueueSeg *segs, unsigned n,
                          uint64_t offset, uint8_t *buf, uint64_t len, bool write)
{
    SegWalk w = { segs, n, 0, offset, len };
    uint64_t done = 0, addr, chunk;

    while (seg_walk_next(&w, &addr, &chunk)) {
        /* Checked at pop; RAM cannot vanish, so a failure here is an emulator bug. */
        if (!address_space_rw_memory(as, addr, buf + done, chunk, write)) {
            break;
        }
        done += chunk;
    }
    return done;
}

uint64_t vq_elem_read(const AddressSpace *as, const VirtQueueElement *elem, uint64_t offset,
                      void *buf, uint64_t len)
{
    return elem_copy(as, elem->out, elem->nb_out, offset, buf, len, false);
}

uint64_t vq_elem_write(const AddressSpace *as, const VirtQueueElement *elem, uint64_t offset,
                       const void *buf, uint64_t len)
{
    return elem_copy(as, elem->in, elem->nb_in, offset, (uint8_t *)buf, len, true);
}

unsigned vq_elem_iov(const AddressSpace *as, const VirtQueueElement *elem, bool in,
                     uint64_t offset, uint64_t len, struct iovec *iov, unsigned max,
                     uint64_t *mapped)
{
    SegWalk w = { in ? elem->in : elem->out, in ? elem->nb_in : elem->nb_out, 0, offset, len };
    uint64_t done = 0, addr, chunk;
    unsigned cnt = 0;

    while (cnt < max && seg_walk_next(&w, &addr, &chunk)) {
        /* add_seg saw each whole buffer inside one writable RAM region. */
        const MemoryRegion *mr = address_space_find(as, addr);
        assert(mr && mr->host && addr + chunk <= mr->base + mr->size);
        iov[cnt].iov_base = mr->host + (addr - mr->base);
        iov[cnt].iov_len = chunk;
        cnt++;
        done += chunk;
    }
    *mapped = done;
    return cnt;
}
