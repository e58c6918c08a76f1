/* Per-thread scratch stack: see tcg/scratch.h. */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "tcg/scratch.h"

/* Big enough for the largest blocks' passes; rarer, bigger needs go to malloc. */
#define ARENA_SIZE (4u << 20)

/* An oversized allocation: a header in front of the caller's memory, newest first. */
typedef struct BigBlock {
    struct BigBlock *older;
    max_align_t payload[];
} BigBlock;

static __thread uint8_t *arena;
static __thread size_t arena_top;
static __thread BigBlock *big_newest;

void *scratch_zalloc(size_t n)
{
    size_t need = (n + 15) & ~(size_t)15;

    if (!arena) {
        arena = aligned_alloc(16, ARENA_SIZE);
        assert(arena);
    }
    if (need <= ARENA_SIZE - arena_top) {
        void *p = arena + arena_top;
        arena_top += need;
        memset(p, 0, n);
        return p;
    }
    BigBlock *b = calloc(1, sizeof(BigBlock) + n);
    assert(b);
    b->older = big_newest;
    big_newest = b;
    return b->payload;
}

ScratchMark scratch_mark(void)
{
    return (ScratchMark){ arena_top, big_newest };
}

void scratch_release(ScratchMark m)
{
    assert(m.top <= arena_top);
    arena_top = m.top;
    while (big_newest != m.big) {
        BigBlock *b = big_newest;
        assert(b);
        big_newest = b->older;
        free(b);
    }
}
