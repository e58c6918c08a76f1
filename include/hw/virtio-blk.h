/*
 * virtio-blk (Virtio 1.2, 5.2) over a raw image file.
 *
 * Public functions: virtio_blk_init, virtio_blk_free, virtio_blk_kick_sync.
 *
 * Requests: read, write, flush (fdatasync), get-id, discard (punches a
 * hole) and write-zeroes; a read-only drive offers VIRTIO_BLK_F_RO and
 * fails writes with VIRTIO_BLK_S_IOERR.  With snapshot, writes go to an
 * unlinked temporary overlay file (per-sector copy-on-write), and the
 * image is opened read-only.
 *
 * Requests run on a worker thread so that a vCPU's notify returns at
 * once; the worker pops and completes requests under the board's I/O
 * lock (softmmu_io_lock) and does the file I/O without it.  With
 * threaded = false (unit tests) requests run inside the notify.
 *
 * A read or write is one preadv/pwritev between the image and the guest
 * RAM its buffers name: no bounce copy of every byte and one system
 * call per request instead of one per 128 KiB; only a snapshot overlay,
 * which picks the file per sector, copies through a bounce buffer.  The
 * image is synced when the guest flushes, or after every write with
 * cache=writethrough/directsync.
 */
#ifndef HW_VIRTIO_BLK_H
#define HW_VIRTIO_BLK_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include "hw/virtio-mmio.h"
#include "util/error.h"

#define VIRTIO_ID_BLOCK 2

/* Request types and status (5.2.6). */
#define VIRTIO_BLK_T_IN           0
#define VIRTIO_BLK_T_OUT          1
#define VIRTIO_BLK_T_FLUSH        4
#define VIRTIO_BLK_T_GET_ID       8
#define VIRTIO_BLK_T_DISCARD      11
#define VIRTIO_BLK_T_WRITE_ZEROES 13
#define VIRTIO_BLK_S_OK     0
#define VIRTIO_BLK_S_IOERR  1
#define VIRTIO_BLK_S_UNSUPP 2
#define VIRTIO_BLK_ID_BYTES 20

/* Feature bits (5.2.3). */
#define VIRTIO_BLK_F_SEG_MAX      2
#define VIRTIO_BLK_F_RO           5
#define VIRTIO_BLK_F_BLK_SIZE     6
#define VIRTIO_BLK_F_FLUSH        9
#define VIRTIO_BLK_F_DISCARD      13
#define VIRTIO_BLK_F_WRITE_ZEROES 14

#define VIRTIO_BLK_CONFIG_SIZE 60
#define VIRTIO_BLK_QUEUE_SIZE 256

typedef enum VirtioBlkCache {
    BLK_CACHE_WRITEBACK,     /* writeback, none: the guest flushes */
    BLK_CACHE_WRITETHROUGH,  /* writethrough, directsync: every write is synced */
    BLK_CACHE_UNSAFE,        /* flushes do nothing */
} VirtioBlkCache;

typedef struct VirtioBlkConf {
    const char *file;
    const char *serial;      /* get-id answer, up to 20 bytes */
    bool readonly;
    bool snapshot;
    VirtioBlkCache cache;
    bool threaded;
} VirtioBlkConf;

typedef struct VirtioBlk {
    VirtioMMIO t;
    uint8_t config[VIRTIO_BLK_CONFIG_SIZE];
    int fd;
    int overlay_fd;          /* snapshot: -1 otherwise */
    uint8_t *overlay_map;    /* snapshot: one bit per sector, set when in the overlay */
    bool readonly;
    VirtioBlkCache cache;
    uint64_t sectors;
    char serial[VIRTIO_BLK_ID_BYTES];
    VirtQueueElement *elem;  /* the request being served */
    uint8_t *bounce;         /* snapshot overlay and write-zeroes fallback only */
    struct iovec *iov;       /* VQ_MAX_SEGS: guest RAM of the request being served */

    bool threaded, thread_started;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    bool kick, quit;
    uint64_t completed;      /* requests done (tests wait on it) */
} VirtioBlk;

bool virtio_blk_init(VirtioBlk *s, uint64_t base, IRQLine irq, unsigned spi,
                     const AddressSpace *as, const VirtioBlkConf *conf, EmuError *err);
void virtio_blk_free(VirtioBlk *s);

#endif
