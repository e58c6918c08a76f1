/*
 * The whole current stage-1 translation of a CPU, as runs of contiguous
 * mappings (the monitor's `info tlb`).  Enumerated through the table walker
 * in probe mode (tlb-fill.h), so what is listed is exactly what an access
 * would get, with no side effect on the guest: a valid entry is stepped
 * over by the size of its mapping, an invalid one by the size of the
 * region its level covers.
 *
 * Public: arm_mapping_ranges, arm_for_each_mapping.
 */
#ifndef TARGET_ARM_MMU_DUMP_H
#define TARGET_ARM_MMU_DUMP_H

#include <stdbool.h>
#include <stdint.h>
#include "target-arm/cpu.h"

/* One run: [va, va + size) -> [pa, pa + size), the same permissions and attributes throughout. */
typedef struct ArmMapping {
    uint64_t va, pa, size;          /* pa: the stage-1 output (an IPA under stage 2) */
    unsigned prot_priv, prot_user;  /* PAGE_READ/WRITE/EXEC for the regime's EL, and EL0 (EL1&0 only) */
    uint8_t attrs;                  /* MAIR attribute byte */
    uint8_t sh;                     /* SH[1:0] */
} ArmMapping;

/* The VA ranges of the current regime: what TTBRn translates, with its granule. */
typedef struct ArmVARange {
    unsigned ttbr;                  /* 0 or 1 */
    uint64_t first, last;           /* inclusive */
    unsigned granule_bits;          /* 12, 14 or 16 */
} ArmVARange;

/*
 * The regime env's current EL uses: its EL (1 for EL1&0), whether stage 1
 * is on, and its one or two VA ranges in out[0..1]; returns their number
 * (0 when stage 1 is off).
 */
unsigned arm_mapping_ranges(const CPUARMState *env, unsigned *el, ArmVARange *out);

/*
 * Call fn for every run in VA order; stops early (returning false) after
 * max_probes walks, so that a guest with a huge or aliased map cannot hang
 * the caller.
 */
bool arm_for_each_mapping(CPUARMState *env, unsigned long max_probes,
                          void (*fn)(void *opaque, const ArmMapping *m), void *opaque);

#endif
