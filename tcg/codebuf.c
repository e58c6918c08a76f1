/*
 * Executable code buffer with two views of one memfd: see codebuf.h.
 *
 * Why two views rather than mprotect flips: the translator writes code and
 * patches chained jumps all the time while other threads may be executing
 * neighbouring code; toggling permissions would have to stop them.  With a
 * permanent RW view and a permanent RX view nothing is ever RWX, and writers
 * never disturb executors.
 *
 * Instruction cache: x86 needs no explicit flush.  Its instruction caches
 * and prefetch queues are kept coherent with stores by physical address, so
 * a store through the RW view is seen by fetches through the RX view of the
 * same page (Intel SDM Vol. 3, 11.6 "Self-modifying code").  Freshly written
 * code is only reached through a jump or a TB-cache lookup published after
 * the code is written, so the executing thread cannot have prefetched it.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "tcg/codebuf.h"

#ifndef MFD_EXEC
#define MFD_EXEC 0x0010U        /* Linux 6.3: memfd may be mapped executable */
#endif

/*
 * A memfd, executable even where vm.memfd_noexec defaults new memfds to
 * non-executable; on kernels that predate MFD_EXEC the flag is rejected with
 * EINVAL and plain memfds are executable anyway.
 */
static int open_memfd(void)
{
    int fd = memfd_create("aarch64-jit-code", MFD_CLOEXEC | MFD_EXEC);
    if (fd < 0 && errno == EINVAL) {
        fd = memfd_create("aarch64-jit-code", MFD_CLOEXEC);
    }
    return fd;
}

/* Fallback: an unlinked file under $TMPDIR (or /tmp). */
static int open_tmpfile(char *err, size_t errlen)
{
    const char *dir = getenv("TMPDIR");
    char path[4096];
    int fd;

    if (!dir || !*dir) {
        dir = "/tmp";
    }
    snprintf(path, sizeof path, "%s/aarch64-jit-XXXXXX", dir);
    fd = mkostemp(path, O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, "code buffer: cannot create a temporary file in %s: %s",
                 dir, strerror(errno));
        return -1;
    }
    unlink(path);
    return fd;
}

/*
 * After fork the two processes would share the memfd's pages: code one
 * translates would overwrite blocks the other runs.  The child gets its own
 * copy (same addresses, same descriptor number) before it runs anything.
 */
#define MAX_CODEBUFS 8
static CodeBuf *live_bufs[MAX_CODEBUFS];
static pthread_once_t atfork_once = PTHREAD_ONCE_INIT;

static void unshare_one(CodeBuf *cb)
{
    int fd = open_memfd();
    void *rw;

    if (fd < 0 || ftruncate(fd, (off_t)cb->size) != 0) {
        abort();   /* the child cannot run without its own code buffer */
    }
    rw = mmap(NULL, cb->size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_NORESERVE, fd, 0);
    if (rw == MAP_FAILED) {
        abort();
    }
    memcpy(rw, cb->rw, cb->used);
    munmap(rw, cb->size);
    if (mmap(cb->rw, cb->size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_NORESERVE | MAP_FIXED, fd,
             0) == MAP_FAILED ||
        mmap(cb->rx, cb->size, PROT_READ | PROT_EXEC, MAP_SHARED | MAP_NORESERVE | MAP_FIXED, fd,
             0) == MAP_FAILED ||
        dup3(fd, cb->fd, O_CLOEXEC) < 0) {
        abort();
    }
    close(fd);
}

static void unshare_after_fork(void)
{
    for (int i = 0; i < MAX_CODEBUFS; i++) {
        if (live_bufs[i]) {
            unshare_one(live_bufs[i]);
        }
    }
}

static void register_atfork(void)
{
    pthread_atfork(NULL, NULL, unshare_after_fork);
}

static void track(CodeBuf *cb, bool add)
{
    pthread_once(&atfork_once, register_atfork);
    for (int i = 0; i < MAX_CODEBUFS; i++) {
        if (add ? !live_bufs[i] : live_bufs[i] == cb) {
            live_bufs[i] = add ? cb : NULL;
            return;
        }
    }
}

CodeBuf *codebuf_create(size_t size, char *err, size_t errlen)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    CodeBuf *cb;
    int fd;

    if (size == 0) {
        size = CODEBUF_DEFAULT_SIZE;
    }
    if (size > SIZE_MAX / 2) {
        snprintf(err, errlen, "code buffer: size %zu is too large", size);
        return NULL;
    }
    size = (size + page - 1) & ~(page - 1);

    fd = open_memfd();
    if (fd < 0) {
        fd = open_tmpfile(err, errlen);
        if (fd < 0) {
            return NULL;
        }
    }
    if (ftruncate(fd, (off_t)size) != 0) {
        snprintf(err, errlen, "code buffer: cannot size the code object to %zu bytes: %s",
                 size, strerror(errno));
        close(fd);
        return NULL;
    }

    cb = calloc(1, sizeof *cb);
    if (!cb) {
        snprintf(err, errlen, "code buffer: out of memory");
        close(fd);
        return NULL;
    }
    cb->fd = fd;
    cb->size = size;
    cb->rw = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_NORESERVE, fd, 0);
    if (cb->rw == MAP_FAILED) {
        snprintf(err, errlen, "code buffer: cannot map %zu bytes read-write: %s",
                 size, strerror(errno));
        goto fail;
    }
    cb->rx = mmap(NULL, size, PROT_READ | PROT_EXEC, MAP_SHARED | MAP_NORESERVE, fd, 0);
    if (cb->rx == MAP_FAILED) {
        /* Typically a noexec $TMPDIR or a policy forbidding executable shared memory. */
        snprintf(err, errlen, "code buffer: cannot map the code read-execute "
                 "(noexec TMPDIR or a security policy?): %s", strerror(errno));
        munmap(cb->rw, size);
        goto fail;
    }
    track(cb, true);
    return cb;

fail:
    close(fd);
    free(cb);
    return NULL;
}

void codebuf_destroy(CodeBuf *cb)
{
    if (cb) {
        track(cb, false);
        munmap(cb->rx, cb->size);
        munmap(cb->rw, cb->size);
        close(cb->fd);
        free(cb);
    }
}

void codebuf_commit(CodeBuf *cb, const uint8_t *rw_end)
{
    size_t end = (size_t)(rw_end - cb->rw);
    assert(rw_end >= codebuf_cur(cb) && end <= cb->size);
    end = (end + CODEBUF_ALIGN - 1) & ~(size_t)(CODEBUF_ALIGN - 1);
    cb->used = end < cb->size ? end : cb->size;
}

void codebuf_reset(CodeBuf *cb)
{
    cb->used = 0;
    /*
     * Free the pages: after a flush most of the buffer is dead code.  Failure
     * (a filesystem without hole punching) only costs memory, so it is ignored.
     */
    (void)fallocate(cb->fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0, (off_t)cb->size);
}

/*
 * Cross-modifying code.  Chaining rewrites the rel32 of a jump while other
 * threads may be executing that very jump.  This is safe because:
 *  - the field is 4-byte aligned, so the store is a single atomic access
 *    that cannot straddle a cache line (SDM Vol. 3, 9.1.1): a fetching core
 *    sees either the whole old or the whole new displacement, never a mix;
 *  - the opcode byte is never changed, and both the old and the new target
 *    are valid code, so whichever value a core executes is correct: a core
 *    that still uses the old one merely returns to the dispatcher once more;
 *  - instruction fetch snoops stores (see the top of this file), so the new
 *    target is picked up without a flush; the SDM's stricter cross-modifying
 *    protocol (9.1.3) is about arbitrary instruction rewrites, where a core
 *    could otherwise execute a torn mixture of old and new bytes.
 * The release order makes the target block's code visible before the jump
 * that leads to it.
 */
void codebuf_patch_u32_atomic(void *rw_site, uint32_t val)
{
    assert(((uintptr_t)rw_site & 3) == 0);
    __atomic_store_n((uint32_t *)rw_site, val, __ATOMIC_RELEASE);
}

void codebuf_patch_rel32_atomic(void *rw_field, const void *rw_target)
{
    intptr_t rel = (const uint8_t *)rw_target - ((uint8_t *)rw_field + 4);
    assert(rel == (int32_t)rel);
    codebuf_patch_u32_atomic(rw_field, (uint32_t)(int32_t)rel);
}
