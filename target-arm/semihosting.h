/*
 * Arm semihosting for the system target ("Semihosting for AArch32 and
 * AArch64", v2/v3): the guest executes HLT #0xF000 at EL1 or above with the
 * operation number in W0 and the address of its parameter block in X1; the
 * result comes back in X0.  Guest memory is reached through the current
 * translation (arm_tlb_fill in probe mode) and then the board's RAM.
 *
 * The board configures it once before the vCPUs start; the configuration
 * is process-wide because the HLT decoder must know, at translation time,
 * whether HLT #0xF000 is a call or stays UNDEFINED.
 *
 * Public functions: semihosting_configure, semihosting_enabled,
 * arm_semihosting_call (and helper_semihost, from helpers-sys.h).
 */
#ifndef TARGET_ARM_SEMIHOSTING_H
#define TARGET_ARM_SEMIHOSTING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "target-arm/cpu.h"

#define ARM_SEMIHOST_HLT_IMM 0xf000

typedef struct SemihostConfig {
    void *opaque;
    /* Host address of [pa, pa + len) when it is RAM (writable if write), else NULL. */
    void *(*phys_host)(void *opaque, uint64_t pa, size_t len, bool write);
    /* Console output (the ":tt" file, SYS_WRITEC/WRITE0); any vCPU thread. */
    void (*console_write)(void *opaque, const uint8_t *buf, size_t len);
    /* SYS_EXIT/EXIT_EXTENDED: end the emulation with this status. */
    void (*exit)(void *opaque, int status);
    const char *cmdline;    /* SYS_GET_CMDLINE (the -append string); NULL = empty */
    /* SYS_HEAPINFO */
    uint64_t heap_base, heap_limit, stack_base, stack_limit;
} SemihostConfig;

/* Enable semihosting with this configuration (copied); NULL disables it. */
void semihosting_configure(const SemihostConfig *cfg);
bool semihosting_enabled(void);
/*
 * Perform the call in W0/X1 and set X0.  Returns ARM_PSCI_DONE to go on
 * after the HLT, ARM_PSCI_HALT when the CPU must stop (SYS_EXIT).
 */
int arm_semihosting_call(CPUARMState *env);

/* Operation numbers (section 6 of the specification). */
enum {
    SH_SYS_OPEN = 0x01, SH_SYS_CLOSE = 0x02, SH_SYS_WRITEC = 0x03, SH_SYS_WRITE0 = 0x04,
    SH_SYS_WRITE = 0x05, SH_SYS_READ = 0x06, SH_SYS_READC = 0x07, SH_SYS_ISERROR = 0x08,
    SH_SYS_ISTTY = 0x09, SH_SYS_SEEK = 0x0a, SH_SYS_FLEN = 0x0c, SH_SYS_TMPNAM = 0x0d,
    SH_SYS_REMOVE = 0x0e, SH_SYS_RENAME = 0x0f, SH_SYS_CLOCK = 0x10, SH_SYS_TIME = 0x11,
    SH_SYS_SYSTEM = 0x12, SH_SYS_ERRNO = 0x13, SH_SYS_GET_CMDLINE = 0x15, SH_SYS_HEAPINFO = 0x16,
    SH_SYS_EXIT = 0x18, SH_SYS_EXIT_EXTENDED = 0x20, SH_SYS_ELAPSED = 0x30, SH_SYS_TICKFREQ = 0x31,
};
#define SH_ADP_STOPPED_APPLICATION_EXIT 0x20026

#endif
