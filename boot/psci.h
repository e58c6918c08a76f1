/*
 * PSCI firmware model (Arm DEN 0022, Power State Coordination Interface
 * 1.0): what a guest reaches through HVC (or SMC) when the board has no
 * firmware at the EL that would take the call.
 *
 * The module decodes the function ID in W0 and the arguments in X1..X3,
 * sets the return value in X0 and asks the board, through PsciOps, to do
 * the power management.  It knows no threads and no devices.
 *
 * Public functions: psci_handle_call.
 */
#ifndef BOOT_PSCI_H
#define BOOT_PSCI_H

#include <stdbool.h>
#include <stdint.h>
#include "target-arm/cpu.h"

/* Function IDs (DEN 0022 5.1); the 64-bit forms have bit 30 set. */
#define PSCI_0_2_FN_BASE          0x84000000u
#define PSCI_0_2_64BIT            0x40000000u
#define PSCI_FN_PSCI_VERSION      0x84000000u
#define PSCI_FN_CPU_SUSPEND       0x84000001u
#define PSCI_FN_CPU_OFF           0x84000002u
#define PSCI_FN_CPU_ON            0x84000003u
#define PSCI_FN_AFFINITY_INFO     0x84000004u
#define PSCI_FN_MIGRATE           0x84000005u
#define PSCI_FN_MIGRATE_INFO_TYPE 0x84000006u
#define PSCI_FN_SYSTEM_OFF        0x84000008u
#define PSCI_FN_SYSTEM_RESET      0x84000009u
#define PSCI_FN_FEATURES          0x8400000au

/* Return codes (DEN 0022 5.2.2). */
#define PSCI_RET_SUCCESS            0
#define PSCI_RET_NOT_SUPPORTED      (-1)
#define PSCI_RET_INVALID_PARAMS     (-2)
#define PSCI_RET_DENIED             (-3)
#define PSCI_RET_ALREADY_ON         (-4)
#define PSCI_RET_ON_PENDING         (-5)
#define PSCI_RET_INTERNAL_FAILURE   (-6)

/* AFFINITY_INFO results. */
#define PSCI_AFF_ON         0
#define PSCI_AFF_OFF        1
#define PSCI_AFF_ON_PENDING 2

/* MIGRATE_INFO_TYPE: the trusted OS is not present or needs no migration. */
#define PSCI_MIGRATE_NONE   2

#define PSCI_VERSION_1_0    0x00010000u

/* What the board does for the calls (opaque: the board's). */
typedef struct PsciOps {
    void *opaque;
    /* CPU index with this MPIDR affinity, or -1. */
    int (*cpu_by_mpidr)(void *opaque, uint64_t mpidr);
    /* Is the CPU on (PSCI_AFF_*)? */
    int (*cpu_state)(void *opaque, unsigned cpu);
    /* Start the (off) CPU at entry, at EL el, with context_id in X0. */
    void (*cpu_on)(void *opaque, unsigned cpu, uint64_t entry, uint64_t context_id, unsigned el);
    /* The calling CPU powers itself down (its loop stops it on return). */
    void (*cpu_off)(void *opaque, unsigned cpu);
    void (*system_off)(void *opaque);
    void (*system_reset)(void *opaque);
} PsciOps;

/*
 * Handle the call in env (function ID in W0).  Returns ARM_PSCI_DONE,
 * ARM_PSCI_UNDEF (not a PSCI call: the conduit is undefined, as without
 * firmware), or ARM_PSCI_HALT (CPU_OFF, SYSTEM_OFF, SYSTEM_RESET: the
 * CPU stops).
 */
int psci_handle_call(const PsciOps *ops, CPUARMState *env, bool is_smc);

#endif
