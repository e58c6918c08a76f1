/*
 * AArch64 address translation (Arm ARM D8, "The AArch64 Virtual Memory
 * System Architecture"; D5 in older issues): stage 1 and stage 2 walks of
 * VMSAv8-64 translation tables with the 4K, 16K and 64K granules.
 *
 * A pure module: it knows nothing of the CPU state or the TLB.  The caller
 * (the system-register / exception code) fills an ArmMMUContext from the
 * registers of the translation regime, the softmmu TLB calls
 * arm_mmu_translate() on a miss, and the fault it gets back is turned into
 * an exception with arm_mmu_fault_status() giving the DFSC/IFSC.
 * Translation-table memory is reached only through ArmMMUPhys.
 *
 * Public functions: arm_mmu_translate, arm_mmu_translate_stage1,
 * arm_mmu_fault_status, arm_mmu_par.
 */
#ifndef TARGET_ARM_MMU_H
#define TARGET_ARM_MMU_H

#include <stdbool.h>
#include <stdint.h>

/*
 * Everything a walk depends on.  Register values are passed raw; the module
 * decodes the fields (the TCR layout depends on regime_has_two_ranges).
 */
typedef struct ArmMMUContext {
    unsigned el;                /* regime: 1 = EL1&0, 2 = EL2 or EL2&0, 3 = EL3 */
    bool regime_has_two_ranges; /* EL1&0, or EL2&0 with HCR_EL2.E2H: TTBR0+TTBR1
                                 * and the TCR_EL1 layout; otherwise the
                                 * single-range TCR_EL2/TCR_EL3 layout */
    uint64_t sctlr;             /* SCTLR_ELx of the regime (M, I, WXN, EE) */
    uint64_t tcr;
    uint64_t ttbr0, ttbr1;      /* ttbr1 ignored for single-range regimes */
    uint64_t mair;
    bool pan;                   /* PSTATE.PAN, when it applies to this access's regime */
    bool unprivileged;          /* an EL0 access (or LDTR/STTR at EL1) */
    unsigned pa_bits;           /* PARange of the CPU: 32, 36, 40, 42, 44, 48, 52 (FEAT_LPA:
                                 * 52-bit output only with the 64K granule) */
    bool lva;                   /* FEAT_LVA: 52-bit VAs (TxSZ >= 12) with the 64K granule */
    bool ha, hd;                /* FEAT_HAFDBS present: TCR.HA/HD honoured (else ignored) */
    bool hcr_dc;                /* HCR_EL2.DC: stage 1 off means Normal WB for EL1&0 data */

    /* Stage 2 (EL1&0 regime with HCR_EL2.VM = 1). */
    bool stage2;
    uint64_t vttbr, vtcr;
} ArmMMUContext;

typedef enum ArmAccessType {
    ARM_ACCESS_READ,
    ARM_ACCESS_WRITE,
    ARM_ACCESS_EXEC,
} ArmAccessType;

typedef enum ArmMMUFaultType {
    ARM_FAULT_NONE,
    ARM_FAULT_TRANSLATION,
    ARM_FAULT_ACCESS_FLAG,
    ARM_FAULT_PERMISSION,
    ARM_FAULT_ADDRESS_SIZE,
    ARM_FAULT_SYNC_EXTERNAL_ON_WALK,
    /* Never produced by the walker; here so that the callers (alignment
     * checks, bus errors on the final access) share one encoder. */
    ARM_FAULT_ALIGNMENT,
    ARM_FAULT_SYNC_EXTERNAL,
} ArmMMUFaultType;

typedef struct ArmMMUFault {
    ArmMMUFaultType type;
    int level;                  /* lookup level 0..3 the fault is reported at */
    bool stage2;                /* a stage 2 fault (ESR is taken to EL2) */
    bool s1ptw;                 /* stage 2 fault on a stage 1 table access */
    bool write;                 /* the faulting access wrote (hardware update of a descriptor counts) */
    uint64_t ipa;               /* stage 2 faults: the faulting IPA (for HPFAR_EL2) */
} ArmMMUFault;

typedef struct ArmMMUResult {
    uint64_t pa;                /* physical address of va itself (not page aligned) */
    uint64_t ipa;               /* stage 1 output address (== pa without stage 2) */
    unsigned page_bits;         /* log2 size of the mapping (12..42): the TLB may cache it whole */
    /*
     * Permissions for the privilege of this access (the TLB entry is per
     * mmu_idx), stage 1 and stage 2 combined, PAN applied to the data ones.
     * writable is false on a writable-clean (DBM) page until a write has
     * made it dirty, so the TLB comes back on the first write.
     */
    bool readable, writable, executable;
    uint8_t attrs;              /* MAIR_ELx attribute byte (stage 2 combined in) */
    uint8_t sh;                 /* shareability, SH[1:0] encoding */
    bool global;                /* nG == 0 (always true in single-range regimes) */
    uint16_t asid;              /* ASID of the walk (0 for single-range regimes) */
    bool guarded;               /* FEAT_BTI: the stage 1 descriptor's GP bit (bit 50) */
} ArmMMUResult;

/*
 * Physical memory of the board, as seen by the table walker.  read64 and
 * cmpxchg64 return false on an external abort.  cmpxchg64 stores new_val at
 * pa if it holds old and always returns the value found in *actual.
 * Descriptors are little-endian in memory unless SCTLR.EE; the callbacks
 * deal in host values of the 64 bits as stored little-endian.
 */
typedef struct ArmMMUPhys {
    void *opaque;
    bool (*read64)(void *opaque, uint64_t pa, uint64_t *val);
    bool (*cmpxchg64)(void *opaque, uint64_t pa, uint64_t old, uint64_t new_val,
                      uint64_t *actual);
} ArmMMUPhys;

/*
 * Translate va for an access of type access: stage 1 and, if c->stage2,
 * stage 2.  Returns true and fills *res, or false and fills *fault.
 * Hardware access-flag and dirty-state updates are made on the way.
 */
bool arm_mmu_translate(const ArmMMUContext *c, const ArmMMUPhys *phys, uint64_t va,
                       ArmAccessType access, ArmMMUResult *res, ArmMMUFault *fault);

/*
 * Stage 1 only (AT S1E1R and friends): res->pa is the IPA.  With c->stage2
 * the stage 1 table accesses are still translated (and may fault) by stage 2.
 */
bool arm_mmu_translate_stage1(const ArmMMUContext *c, const ArmMMUPhys *phys, uint64_t va,
                              ArmAccessType access, ArmMMUResult *res, ArmMMUFault *fault);

/* The 6-bit fault status code of ESR_ELx.ISS DFSC/IFSC (and PAR_EL1.FST). */
uint32_t arm_mmu_fault_status(const ArmMMUFault *f);

/* PAR_EL1 after an AT instruction: ok selects res (F=0) or fault (F=1). */
uint64_t arm_mmu_par(const ArmMMUResult *res, const ArmMMUFault *fault, bool ok);

#endif
