/*
 * Executable code buffer for the JIT, with W^X.
 *
 * One shared-memory object (a memfd, or an unlinked temporary file when
 * memfd_create is unavailable) is mapped twice: a read-write view that the
 * backend writes code into, and a read-execute view that the host CPU runs.
 * No page is ever writable and executable in the same view.  Both views cover
 * the same bytes at the same offsets, so relative branches inside the buffer
 * are identical in both, and a pointer converts between them by adding a
 * constant (codebuf_rx_delta).
 *
 * Public functions:
 *   codebuf_create, codebuf_destroy          lifetime
 *   codebuf_rx_addr, codebuf_rw_addr,
 *   codebuf_rx_delta                         address conversion between the views
 *   codebuf_cur, codebuf_avail, codebuf_commit  allocation of code space
 *   codebuf_reset                            flush: the whole buffer is free again
 *   codebuf_patch_u32_atomic,
 *   codebuf_patch_rel32_atomic               patching code that may be running
 */
#ifndef TCG_CODEBUF_H
#define TCG_CODEBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CODEBUF_DEFAULT_SIZE ((size_t)256 << 20)
#define CODEBUF_ALIGN 16        /* start of every committed block */

typedef struct CodeBuf {
    uint8_t *rw;        /* writable view */
    uint8_t *rx;        /* executable view */
    size_t size;        /* bytes in each view */
    size_t used;        /* bytes handed out since the last reset */
    int fd;             /* the shared object behind both views */
} CodeBuf;

/*
 * Create a buffer of `size` bytes (0: CODEBUF_DEFAULT_SIZE; rounded up to
 * pages).  Memory is reserved lazily (MAP_NORESERVE).  On failure return
 * NULL and put a one-line reason into err (the caller prints it).
 */
CodeBuf *codebuf_create(size_t size, char *err, size_t errlen);
void codebuf_destroy(CodeBuf *cb);

static inline intptr_t codebuf_rx_delta(const CodeBuf *cb)
{
    return (intptr_t)(cb->rx - cb->rw);
}

static inline void *codebuf_rx_addr(const CodeBuf *cb, const void *rw)
{
    return (uint8_t *)rw + codebuf_rx_delta(cb);
}

static inline void *codebuf_rw_addr(const CodeBuf *cb, const void *rx)
{
    return (uint8_t *)rx - codebuf_rx_delta(cb);
}

static inline bool codebuf_contains_rx(const CodeBuf *cb, const void *p)
{
    return (const uint8_t *)p >= cb->rx && (const uint8_t *)p < cb->rx + cb->size;
}

/* Where the next block is written (RW view), and how many bytes are left. */
static inline uint8_t *codebuf_cur(const CodeBuf *cb) { return cb->rw + cb->used; }
static inline size_t codebuf_avail(const CodeBuf *cb) { return cb->size - cb->used; }

/* Mark code up to rw_end (exclusive) as used; the next block starts CODEBUF_ALIGN-aligned. */
void codebuf_commit(CodeBuf *cb, const uint8_t *rw_end);

/*
 * Make the whole buffer available again and give its pages back to the
 * kernel.  The caller guarantees no thread is executing inside the buffer
 * (the cpu loops are stopped outside translated code).
 */
void codebuf_reset(CodeBuf *cb);

/* Atomically store a 32-bit value at a 4-byte aligned address of the RW view. */
void codebuf_patch_u32_atomic(void *rw_site, uint32_t val);

/* Retarget a 4-byte aligned rel32 field (of a jmp/call/jcc that ends with it) to rw_target. */
void codebuf_patch_rel32_atomic(void *rw_field, const void *rw_target);

#endif
