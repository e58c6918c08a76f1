/*
 * Scratch memory for the passes that translate one block (optimiser,
 * liveness, register allocation): a per-thread stack of zeroed memory.
 * A pass takes a mark, allocates freely, and releases everything at once;
 * translating a block thus costs no malloc/free pairs (there were about
 * twenty per block, a few percent of a kernel boot).
 */
#ifndef TCG_SCRATCH_H
#define TCG_SCRATCH_H

#include <stddef.h>

typedef struct ScratchMark {
    size_t top;            /* arena offset to return to */
    void *big;             /* newest oversized block to keep */
} ScratchMark;

/* n zeroed bytes, 16-byte aligned, valid until the enclosing scratch_release. */
void *scratch_zalloc(size_t n);
/* Typed form: count elements of size each (count 0 still gives a valid pointer). */
#define scratch_array(count, size) scratch_zalloc((size_t)(count) * (size_t)(size))

ScratchMark scratch_mark(void);
/* Free everything allocated since m (marks nest like a stack). */
void scratch_release(ScratchMark m);

#endif
