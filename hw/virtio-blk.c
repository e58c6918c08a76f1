/* virtio-blk: see include/hw/virtio-blk.h. */
#include "hw/virtio-blk.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "accel/softmmu.h"
#include "util/log.h"

#define SECTOR 512ull
#define BOUNCE_SIZE (128u * 1024)
#define MAX_DISCARD_SECTORS (32u << 11)   /* 32 MiB per segment */

static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        p[i] = (uint8_t)(v >> (8 * i));
    }
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t get64(const uint8_t *p)
{
    return get32(p) | (uint64_t)get32(p + 4) << 32;
}

/* --- the image, with the snapshot overlay in front when there is one --- */

static bool in_overlay(const VirtioBlk *s, uint64_t sector)
{
    return s->overlay_map[sector >> 3] >> (sector & 7) & 1;
}

static bool full_pread(int fd, uint8_t *buf, uint64_t len, uint64_t off)
{
    while (len) {
        ssize_t n = pread(fd, buf, len, (off_t)off);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return false;
        }
        if (n == 0) {
            memset(buf, 0, len);   /* a sparse overlay or short image reads as zeroes */
            return true;
        }
        buf += n;
        off += (uint64_t)n;
        len -= (uint64_t)n;
    }
    return true;
}

static bool full_pwrite(int fd, const uint8_t *buf, uint64_t len, uint64_t off)
{
    while (len) {
        ssize_t n = pwrite(fd, buf, len, (off_t)off);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return false;
        }
        buf += n;
        off += (uint64_t)n;
        len -= (uint64_t)n;
    }
    return true;
}

/* Drop the first n bytes of *iov (n no more than they hold). */
static void iov_advance(struct iovec **iov, unsigned *cnt, uint64_t n)
{
    while (n && *cnt) {
        if (n < (*iov)->iov_len) {
            (*iov)->iov_base = (uint8_t *)(*iov)->iov_base + n;
            (*iov)->iov_len -= n;
            return;
        }
        n -= (*iov)->iov_len;
        (*iov)++;
        (*cnt)--;
    }
}

/*
 * preadv/pwritev of a whole iovec array (it may be longer than IOV_MAX,
 * and the kernel may stop short); *done counts the bytes moved.  A read
 * that meets the end of the file fills the rest with zeroes, as
 * full_pread does.  The array is consumed.
 */
static bool full_prwv(int fd, struct iovec *iov, unsigned cnt, uint64_t off, bool write,
                      uint64_t *done)
{
    *done = 0;
    while (cnt) {
        int k = cnt < IOV_MAX ? (int)cnt : IOV_MAX;
        ssize_t n = write ? pwritev(fd, iov, k, (off_t)off) : preadv(fd, iov, k, (off_t)off);

        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0 || (n == 0 && write)) {
            return false;
        }
        if (n == 0) {
            for (unsigned i = 0; i < cnt; i++) {
                memset(iov[i].iov_base, 0, iov[i].iov_len);
                *done += iov[i].iov_len;
            }
            return true;
        }
        off += (uint64_t)n;
        *done += (uint64_t)n;
        iov_advance(&iov, &cnt, (uint64_t)n);
    }
    return true;
}

/* Read whole sectors; with an overlay, each run of sectors from wherever it lives. */
static bool blk_read(VirtioBlk *s, uint8_t *buf, uint64_t len, uint64_t off)
{
    if (s->overlay_fd < 0) {
        return full_pread(s->fd, buf, len, off);
    }
    while (len) {
        uint64_t sec = off / SECTOR, run = 0;
        bool ov = in_overlay(s, sec);

        while (run < len && in_overlay(s, sec + run / SECTOR) == ov) {
            run += SECTOR;
        }
        if (!full_pread(ov ? s->overlay_fd : s->fd, buf, run, off)) {
            return false;
        }
        buf += run;
        off += run;
        len -= run;
    }
    return true;
}

static bool blk_write(VirtioBlk *s, const uint8_t *buf, uint64_t len, uint64_t off)
{
    if (s->overlay_fd < 0) {
        if (!full_pwrite(s->fd, buf, len, off)) {
            return false;
        }
        return s->cache != BLK_CACHE_WRITETHROUGH || fdatasync(s->fd) == 0;
    }
    if (!full_pwrite(s->overlay_fd, buf, len, off)) {
        return false;
    }
    for (uint64_t sec = off / SECTOR; sec < (off + len) / SECTOR; sec++) {
        s->overlay_map[sec >> 3] |= (uint8_t)(1u << (sec & 7));
    }
    return true;
}

static bool blk_flush(VirtioBlk *s)
{
    if (s->cache == BLK_CACHE_UNSAFE || s->overlay_fd >= 0) {
        return true;   /* a snapshot's overlay dies with the emulator anyway */
    }
    return fdatasync(s->fd) == 0;
}

static bool blk_zero(VirtioBlk *s, uint64_t off, uint64_t len, bool discard)
{
    if (s->overlay_fd < 0) {
        int mode = discard ? FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE : FALLOC_FL_ZERO_RANGE;
        if (fallocate(s->fd, mode, (off_t)off, (off_t)len) == 0) {
            return true;
        }
        if (discard) {
            return true;   /* discard is a hint: a file system without holes may ignore it */
        }
    }
    memset(s->bounce, 0, BOUNCE_SIZE);
    while (len) {
        uint64_t n = len < BOUNCE_SIZE ? len : BOUNCE_SIZE;
        if (!blk_write(s, s->bounce, n, off)) {
            return false;
        }
        off += n;
        len -= n;
    }
    return true;
}

/* --- requests (5.2.6) --- */

/* Is [sector, sector+count) inside the disk? */
static bool range_ok(const VirtioBlk *s, uint64_t sector, uint64_t count)
{
    return sector <= s->sectors && count <= s->sectors - sector;
}

static uint8_t do_rw(VirtioBlk *s, const VirtQueueElement *e, bool write, uint64_t sector,
                     uint64_t len, uint32_t *written)
{
    const AddressSpace *as = s->t.as;

    if (len % SECTOR || !range_ok(s, sector, len / SECTOR)) {
        emu_log_mask(LOG_GUEST_ERRORS, "virtio-blk: %s of %" PRIu64 " bytes at sector %" PRIu64
                     " outside the disk or not whole sectors\n", write ? "write" : "read", len, sector);
        return VIRTIO_BLK_S_IOERR;
    }
    if (write && s->readonly) {
        return VIRTIO_BLK_S_IOERR;
    }
    if (s->overlay_fd < 0) {
        /*
         * No overlay: the file I/O goes straight between the image and
         * guest RAM (no bounce copy, one system call per request), and a
         * write-through drive syncs once per request rather than per piece.
         */
        uint64_t mapped, done;
        unsigned cnt = vq_elem_iov(as, e, !write, write ? 16 : 0, len, s->iov, VQ_MAX_SEGS,
                                   &mapped);
        bool ok;

        assert(mapped == len);   /* len came from the element's own lengths */
        ok = full_prwv(s->fd, s->iov, cnt, sector * SECTOR, write, &done);
        if (write) {
            ok = ok && (s->cache != BLK_CACHE_WRITETHROUGH || fdatasync(s->fd) == 0);
        } else {
            *written = (uint32_t)done;
        }
        return ok ? VIRTIO_BLK_S_OK : VIRTIO_BLK_S_IOERR;
    }
    /* The snapshot overlay decides per sector which file to use: bounce through s->bounce. */
    for (uint64_t done = 0; done < len;) {
        uint64_t n = len - done < BOUNCE_SIZE ? len - done : BOUNCE_SIZE;
        uint64_t off = sector * SECTOR + done;

        if (write) {
            vq_elem_read(as, e, 16 + done, s->bounce, n);
            if (!blk_write(s, s->bounce, n, off)) {
                return VIRTIO_BLK_S_IOERR;
            }
        } else {
            if (!blk_read(s, s->bounce, n, off)) {
                return VIRTIO_BLK_S_IOERR;
            }
            vq_elem_write(as, e, done, s->bounce, n);
            *written = (uint32_t)(done + n);
        }
        done += n;
    }
    return VIRTIO_BLK_S_OK;
}

static uint8_t do_zero(VirtioBlk *s, const VirtQueueElement *e, bool discard)
{
    uint8_t seg[16];
    uint64_t n = e->out_len - 16;

    if (s->readonly) {
        return VIRTIO_BLK_S_IOERR;
    }
    if (n != 16) {   /* we offer max_discard_seg = max_write_zeroes_seg = 1 */
        return VIRTIO_BLK_S_UNSUPP;
    }
    vq_elem_read(s->t.as, e, 16, seg, 16);
    uint64_t sector = get64(seg);
    uint32_t count = get32(seg + 8), flags = get32(seg + 12);
    if ((flags & ~1u) || (discard && flags) || count > MAX_DISCARD_SECTORS ||
        !range_ok(s, sector, count)) {
        return VIRTIO_BLK_S_UNSUPP;
    }
    return blk_zero(s, sector * SECTOR, (uint64_t)count * SECTOR, discard) ? VIRTIO_BLK_S_OK
                                                                           : VIRTIO_BLK_S_IOERR;
}

/*
 * Serve one request; no lock needed (guest RAM and the file only).
 * Returns the used length, or -1 for a request without room for its
 * header or status (a driver bug the transport reports).
 */
static int64_t blk_handle(VirtioBlk *s, const VirtQueueElement *e)
{
    const AddressSpace *as = s->t.as;
    uint8_t hdr[16], status;
    uint32_t type, written = 0;
    uint64_t sector;

    if (e->out_len < 16 || e->in_len < 1) {
        return -1;
    }
    vq_elem_read(as, e, 0, hdr, 16);
    type = get32(hdr);
    sector = get64(hdr + 8);
    switch (type) {
    case VIRTIO_BLK_T_IN:
        status = do_rw(s, e, false, sector, e->in_len - 1, &written);
        break;
    case VIRTIO_BLK_T_OUT:
        status = do_rw(s, e, true, sector, e->out_len - 16, &written);
        break;
    case VIRTIO_BLK_T_FLUSH:
        status = blk_flush(s) ? VIRTIO_BLK_S_OK : VIRTIO_BLK_S_IOERR;
        break;
    case VIRTIO_BLK_T_GET_ID: {
        uint64_t n = e->in_len - 1 < VIRTIO_BLK_ID_BYTES ? e->in_len - 1 : VIRTIO_BLK_ID_BYTES;
        written = (uint32_t)vq_elem_write(as, e, 0, s->serial, n);
        status = VIRTIO_BLK_S_OK;
        break;
    }
    case VIRTIO_BLK_T_DISCARD:
    case VIRTIO_BLK_T_WRITE_ZEROES:
        status = do_zero(s, e, type == VIRTIO_BLK_T_DISCARD);
        break;
    default:
        status = VIRTIO_BLK_S_UNSUPP;
        break;
    }
    vq_elem_write(as, e, e->in_len - 1, &status, 1);
    return (int64_t)written + 1;
}

/* Pop and serve requests until the ring is empty.  Called with the I/O lock held. */
static void blk_drain(VirtioBlk *s)
{
    VirtioMMIO *t = &s->t;
    VirtQueue *vq = &t->vq[0];

    for (;;) {
        unsigned gen = t->generation;
        int64_t len;
        int r;

        if (!virtio_mmio_running(t) || !vq->ready) {
            return;
        }
        r = vq_pop(vq, t->as, s->elem);
        if (r < 0) {
            virtio_mmio_fail(t, 0);
        }
        if (r <= 0) {
            return;
        }
        if (s->threaded) {
            softmmu_io_unlock();
        }
        len = blk_handle(s, s->elem);
        if (s->threaded) {
            softmmu_io_lock();
        }
        __atomic_add_fetch(&s->completed, 1, __ATOMIC_SEQ_CST);
        if (gen != t->generation) {
            continue;   /* the device was reset meanwhile: nobody waits for this one */
        }
        if (len < 0) {
            snprintf(vq->error, sizeof(vq->error),
                     "request %u without a 16-byte header and a status byte", s->elem->head);
            vq->broken = true;
            virtio_mmio_fail(t, 0);
            return;
        }
        vq_push(vq, t->as, s->elem, (uint32_t)len);
        virtio_mmio_notify(t, 0);
    }
}

static void *blk_worker(void *opaque)
{
    VirtioBlk *s = opaque;

    for (;;) {
        pthread_mutex_lock(&s->lock);
        while (!s->kick && !s->quit) {
            pthread_cond_wait(&s->cond, &s->lock);
        }
        if (s->quit) {
            pthread_mutex_unlock(&s->lock);
            return NULL;
        }
        s->kick = false;
        pthread_mutex_unlock(&s->lock);
        softmmu_io_lock();
        blk_drain(s);
        softmmu_io_unlock();
    }
}

static void blk_notify(VirtioMMIO *t, unsigned q)
{
    VirtioBlk *s = t->dev;

    if (!s->threaded) {
        blk_drain(s);
        return;
    }
    pthread_mutex_lock(&s->lock);
    s->kick = true;
    pthread_cond_signal(&s->cond);
    pthread_mutex_unlock(&s->lock);
}

static const VirtioDeviceOps blk_ops = {
    .name = "virtio-blk",
    .device_id = VIRTIO_ID_BLOCK,
    .notify = blk_notify,
};

static bool open_overlay(VirtioBlk *s, EmuError *err)
{
    const char *dir = getenv("TMPDIR");
    char path[4096];

    snprintf(path, sizeof(path), "%s/aarch64-system-snapshot-XXXXXX", dir && *dir ? dir : "/tmp");
    s->overlay_fd = mkstemp(path);
    if (s->overlay_fd < 0) {
        return emu_error_set(err, "-snapshot: cannot create a temporary file in %s: %s",
                             dir && *dir ? dir : "/tmp", strerror(errno));
    }
    unlink(path);   /* gone when we exit, however we exit */
    s->overlay_map = calloc(s->sectors / 8 + 1, 1);
    if (!s->overlay_map) {
        return emu_error_set(err, "-snapshot: out of memory");
    }
    return true;
}

bool virtio_blk_init(VirtioBlk *s, uint64_t base, IRQLine irq, unsigned spi,
                     const AddressSpace *as, const VirtioBlkConf *conf, EmuError *err)
{
    struct stat st;
    uint64_t features;
    uint8_t *c = s->config;

    memset(s, 0, sizeof(*s));
    s->overlay_fd = -1;
    s->readonly = conf->readonly;
    s->cache = conf->cache;
    s->threaded = conf->threaded;
    s->fd = open(conf->file, (s->readonly || conf->snapshot ? O_RDONLY : O_RDWR) | O_CLOEXEC);
    if (s->fd < 0) {
        return emu_error_set(err, "-drive: cannot open %s%s: %s", conf->file,
                             s->readonly || conf->snapshot ? "" : " for writing (readonly=on?)",
                             strerror(errno));
    }
    if (fstat(s->fd, &st) < 0 || (!S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode))) {
        return emu_error_set(err, "-drive: %s is not a regular file or block device", conf->file);
    }
    if (S_ISBLK(st.st_mode)) {
        off_t end = lseek(s->fd, 0, SEEK_END);
        st.st_size = end > 0 ? end : 0;
    }
    s->sectors = (uint64_t)st.st_size / SECTOR;
    if (conf->snapshot && !open_overlay(s, err)) {
        return false;
    }
    strncpy(s->serial, conf->serial ? conf->serial : "", sizeof(s->serial));
    s->elem = malloc(sizeof(*s->elem));
    s->bounce = malloc(BOUNCE_SIZE);
    s->iov = malloc(VQ_MAX_SEGS * sizeof(*s->iov));
    if (!s->elem || !s->bounce || !s->iov) {
        return emu_error_set(err, "out of memory");
    }

    /* 5.2.4 struct virtio_blk_config */
    put32(c + 0, (uint32_t)s->sectors);
    put32(c + 4, (uint32_t)(s->sectors >> 32));
    put32(c + 12, VIRTIO_BLK_QUEUE_SIZE - 2);        /* seg_max: header and status take two */
    put32(c + 20, SECTOR);                            /* blk_size */
    put32(c + 36, MAX_DISCARD_SECTORS);               /* max_discard_sectors */
    put32(c + 40, 1);                                 /* max_discard_seg */
    put32(c + 44, 1);                                 /* discard_sector_alignment */
    put32(c + 48, MAX_DISCARD_SECTORS);               /* max_write_zeroes_sectors */
    put32(c + 52, 1);                                 /* max_write_zeroes_seg */
    features = 1ull << VIRTIO_BLK_F_SEG_MAX | 1ull << VIRTIO_BLK_F_BLK_SIZE |
               1ull << VIRTIO_BLK_F_FLUSH;
    if (s->readonly) {
        features |= 1ull << VIRTIO_BLK_F_RO;
    } else {
        features |= 1ull << VIRTIO_BLK_F_DISCARD | 1ull << VIRTIO_BLK_F_WRITE_ZEROES;
    }
    virtio_mmio_init(&s->t, base, irq, spi, as, &blk_ops, s, 1, VIRTIO_BLK_QUEUE_SIZE, features,
                     s->config, sizeof(s->config));

    if (s->threaded) {
        pthread_mutex_init(&s->lock, NULL);
        pthread_cond_init(&s->cond, NULL);
        if (pthread_create(&s->thread, NULL, blk_worker, s) != 0) {
            return emu_error_set(err, "virtio-blk: cannot start the I/O thread");
        }
        s->thread_started = true;
    }
    return true;
}

void virtio_blk_free(VirtioBlk *s)
{
    if (s->thread_started) {
        pthread_mutex_lock(&s->lock);
        s->quit = true;
        pthread_cond_signal(&s->cond);
        pthread_mutex_unlock(&s->lock);
        pthread_join(s->thread, NULL);
        s->thread_started = false;
    }
    if (s->fd >= 0) {
        close(s->fd);
    }
    if (s->overlay_fd >= 0) {
        close(s->overlay_fd);
    }
    s->fd = s->overlay_fd = -1;
    free(s->overlay_map);
    free(s->elem);
    free(s->bounce);
    free(s->iov);
    s->iov = NULL;
    s->overlay_map = NULL;
    s->elem = NULL;
    s->bounce = NULL;
}
