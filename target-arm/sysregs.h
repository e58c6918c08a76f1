/*
 * The system register table (Arm ARM D13, D17): ONE table of every
 * register the system CPU implements, with its encoding, access rules per
 * EL, traps, reset value and how it is read/written.  The translator looks
 * registers up at translation time (MRS/MSR), decides UNDEFINED/trap from
 * the TB flags, and either loads/stores the env field inline or calls
 * helper_sysreg_read/write (helper-sys.c) for registers with side effects.
 *
 * Also here: the TB flags of the system CPU (arm_tb_flags) and the hooks the
 * softmmu/board provide for TLB and instruction-cache maintenance.
 *
 * Public functions: arm_sysreg_find, arm_sysreg_by_index, arm_sysreg_count,
 * arm_sysreg_access, arm_sysreg_read, arm_sysreg_write, arm_sysregs_reset,
 * arm_tb_flags, arm_tlb_flush_hooks.
 */
#ifndef TARGET_ARM_SYSREGS_H
#define TARGET_ARM_SYSREGS_H

#include <stdbool.h>
#include <stdint.h>
#include "target-arm/cpu.h"

/* --- TB flags: everything the translation of a block depends on besides pc --- */
#define ARM_TBF_SYS        (1ull << 0)   /* system emulation (0: linux-user EL0) */
#define ARM_TBF_EL_SHIFT   1             /* 2 bits: PSTATE.EL */
#define ARM_TBF_SPSEL      (1ull << 3)
#define ARM_TBF_MMU_SHIFT  4             /* 4 bits: mmu_idx of ordinary accesses */
#define ARM_TBF_FPTRAP_SHIFT 8           /* 2 bits: EL that FP/SIMD accesses trap to, 0 = none */
#define ARM_TBF_UCT        (1ull << 10)  /* SCTLR_EL1 bits that open EL0 access */
#define ARM_TBF_DZE        (1ull << 11)
#define ARM_TBF_UCI        (1ull << 12)
#define ARM_TBF_UMA        (1ull << 13)
#define ARM_TBF_nTWI       (1ull << 14)
#define ARM_TBF_nTWE       (1ull << 15)
#define ARM_TBF_HAS_EL2    (1ull << 16)
#define ARM_TBF_HAS_EL3    (1ull << 17)
#define ARM_TBF_IL         (1ull << 18)  /* PSTATE.IL: every instruction is an Illegal State exception */
#define ARM_TBF_PAN        (1ull << 19)
#define ARM_TBF_EL0PCTEN   (1ull << 20)  /* CNTKCTL_EL1 bits that open EL0 timer access */
#define ARM_TBF_EL0VCTEN   (1ull << 21)
#define ARM_TBF_EL0VTEN    (1ull << 22)
#define ARM_TBF_EL0PTEN    (1ull << 23)
#define ARM_TBF_TVM        (1ull << 24)  /* HCR_EL2 traps in effect at the current EL */
#define ARM_TBF_TRVM       (1ull << 25)
#define ARM_TBF_TID3       (1ull << 26)
#define ARM_TBF_TSC        (1ull << 27)
#define ARM_TBF_TWI        (1ull << 28)
#define ARM_TBF_TWE        (1ull << 29)
/*
 * FEAT_PAuth: SCTLR_ELx.EnIA/EnIB/EnDA/EnDB of the current regime (user
 * mode too: Linux enables all four unless PR_PAC_SET_ENABLED_KEYS), the EL
 * that PAC instructions trap to (HCR_EL2.API, SCR_EL3.API; 0 = none) and
 * the EL that key register accesses trap to (HCR_EL2.APK, SCR_EL3.APK).
 */
#define ARM_TBF_EnIA       (1ull << 30)
#define ARM_TBF_EnIB       (1ull << 31)
#define ARM_TBF_EnDA       (1ull << 32)
#define ARM_TBF_EnDB       (1ull << 33)
#define ARM_TBF_PACTRAP_SHIFT 34         /* 2 bits */
#define ARM_TBF_APKTRAP_SHIFT 36         /* 2 bits */
#define ARM_TBF_BT         (1ull << 38)  /* SCTLR_ELx.BT0/BT1: PACIxSP not a BTI j target */
#define ARM_TBF_UAO        (1ull << 39)  /* PSTATE.UAO: LDTR/STTR at EL1 are privileged */
/*
 * Never in a block's TB flags: or-ed in by the target's translate hook for
 * the translator only, when the block's page is a FEAT_BTI guarded page.
 */
#define ARM_TBF_GUARDED    (1ull << 40)
#define ARM_TBF_ALIGN      (1ull << 41)  /* SCTLR_ELx.A of the current regime: every access checks alignment */
/*
 * FEAT_VHE: HCR_EL2.E2H is 1 (at any EL).  At EL2 the EL1 register
 * encodings then reach their EL2 counterparts and the x_EL12 and x_EL02 aliases
 * exist; EL0 under TGE is told apart by its MMU index (ARM_MMU_IDX_E20_0).
 */
#define ARM_TBF_E2H        (1ull << 42)
#define ARM_TBF_TGE        (1ull << 43)  /* HCR_EL2.TGE: with E2H, LDTR/STTR at EL2 are EL0 accesses */
/*
 * FEAT_BTI: PSTATE.BTYPE at the block's start (2 bits).  Only the target
 * of an indirect branch starts with it non-zero, so only such blocks
 * check it and clear it; the others emit nothing for BTI.
 */
#define ARM_TBF_BTYPE_SHIFT 44
#define ARM_TBF_BTYPE_MASK (3ull << ARM_TBF_BTYPE_SHIFT)

static inline unsigned arm_tbf_el(uint64_t f) { return (unsigned)(f >> ARM_TBF_EL_SHIFT) & 3; }
static inline unsigned arm_tbf_mmu_idx(uint64_t f) { return (unsigned)(f >> ARM_TBF_MMU_SHIFT) & 15; }
static inline unsigned arm_tbf_fptrap(uint64_t f) { return (unsigned)(f >> ARM_TBF_FPTRAP_SHIFT) & 3; }
static inline unsigned arm_tbf_pactrap(uint64_t f) { return (unsigned)(f >> ARM_TBF_PACTRAP_SHIFT) & 3; }
static inline unsigned arm_tbf_apktrap(uint64_t f) { return (unsigned)(f >> ARM_TBF_APKTRAP_SHIFT) & 3; }
static inline unsigned arm_tbf_btype(uint64_t f) { return (unsigned)(f >> ARM_TBF_BTYPE_SHIFT) & 3; }

/* SCTLR_ELx bits of FEAT_PAuth and FEAT_BTI (D17.2.118). */
#define SCTLR_EnIA (1ull << 31)
#define SCTLR_EnIB (1ull << 30)
#define SCTLR_EnDA (1ull << 27)
#define SCTLR_EnDB (1ull << 13)
#define SCTLR_BT0 (1ull << 35)
#define SCTLR_BT1 (1ull << 36)      /* SCTLR_EL2/EL3.BT */
#define HCR_APK (1ull << 40)
#define HCR_API (1ull << 41)
#define SCR_APK (1ull << 16)
#define SCR_API (1ull << 17)

/*
 * The flags of the block at env's pc: 0 in user mode (env->timer etc.
 * unset and EL0 with the system bit clear; see arm_cpu_reset_user), the
 * bits above in system mode (env->sys_mode).
 */
uint64_t arm_tb_flags(const CPUARMState *env);

/* --- the table --- */

typedef struct ArmSysReg ArmSysReg;

/* How translated code reaches the value. */
typedef enum ArmSysRegKind {
    ARM_SRK_FIELD64,   /* a uint64_t at offset in env */
    ARM_SRK_FIELD32,   /* a uint32_t at offset in env */
    ARM_SRK_CONST,     /* reads give reset (RAZ when 0), writes ignored */
    ARM_SRK_FUNC,      /* read/write functions, through helper_sysreg_read/write */
    ARM_SRK_NZCV,      /* the split flags */
    ARM_SRK_CURRENTEL, /* PSTATE.EL from the TB flags */
} ArmSysRegKind;

/* Flags of an entry. */
enum {
    ARM_SRF_EL0_UCT  = 1 << 0,   /* EL0 access when SCTLR_EL1.UCT */
    ARM_SRF_EL0_UMA  = 1 << 1,   /* EL0 access when SCTLR_EL1.UMA */
    ARM_SRF_EL0_PCT  = 1 << 2,   /* EL0 read when CNTKCTL.EL0PCTEN (or EL0VCTEN for CNTFRQ) */
    ARM_SRF_EL0_VCT  = 1 << 3,   /* EL0 read when CNTKCTL.EL0VCTEN */
    ARM_SRF_EL0_PT   = 1 << 4,   /* EL0 access when CNTKCTL.EL0PTEN */
    ARM_SRF_EL0_VT   = 1 << 5,   /* EL0 access when CNTKCTL.EL0VTEN */
    ARM_SRF_EL0_FRQ  = 1 << 6,   /* EL0 read when EL0PCTEN or EL0VCTEN */
    ARM_SRF_END_TB   = 1 << 7,   /* a write changes state the TB flags or the TLB depend on */
    ARM_SRF_NEED_EL2 = 1 << 8,   /* exists only with EL2 */
    ARM_SRF_NEED_EL3 = 1 << 9,   /* exists only with EL3 */
    ARM_SRF_TVM      = 1 << 10,  /* HCR_EL2.TVM traps writes, TRVM reads (from EL1) */
    ARM_SRF_TID3     = 1 << 11,  /* HCR_EL2.TID3 traps reads (from EL1) */
    ARM_SRF_FP       = 1 << 12,  /* CPACR_EL1.FPEN/CPTR traps apply (FPCR, FPSR) */
    ARM_SRF_SPSEL1   = 1 << 13,  /* UNDEFINED while the current SP is this register (SP_EL0 with SPSel 0) */
    ARM_SRF_PAN_FEAT = 1 << 14,  /* exists only with FEAT_PAN (ID_AA64MMFR1.PAN) */
    ARM_SRF_LOR_FEAT = 1 << 15,  /* exists only with FEAT_LOR */
    ARM_SRF_PAUTH_KEY = 1 << 16, /* FEAT_PAuth key register: HCR_EL2.APK / SCR_EL3.APK traps */
    ARM_SRF_UAO_FEAT = 1 << 17,  /* exists only with FEAT_UAO */
    ARM_SRF_VHE_FEAT = 1 << 18,  /* exists only with FEAT_VHE */
};

/* No access at any EL (read-only / write-only registers). */
#define ARM_SR_NEVER 4

struct ArmSysReg {
    const char *name;
    uint8_t op0, op1, crn, crm, op2;
    uint8_t read_el, write_el;   /* lowest EL allowed (before EL0 conditions), or ARM_SR_NEVER */
    uint8_t kind;                /* ArmSysRegKind */
    uint32_t flags;              /* ARM_SRF_* */
    int32_t offset;              /* env field for FIELD kinds */
    uint64_t reset;              /* reset value of FIELD kinds; value of CONST */
    uint64_t (*read)(CPUARMState *env, const ArmSysReg *r);
    void (*write)(CPUARMState *env, const ArmSysReg *r, uint64_t value);
};

/* The entry for an encoding, or NULL.  Unallocated ID space (op0 3, op1 0, CRn 0, CRm 1-7) is RAZ. */
const ArmSysReg *arm_sysreg_find(unsigned op0, unsigned op1, unsigned crn, unsigned crm, unsigned op2);
const ArmSysReg *arm_sysreg_by_index(unsigned index);
unsigned arm_sysreg_index(const ArmSysReg *r);
unsigned arm_sysreg_count(void);

/* What an MRS (isread) or MSR of r does under the TB flags. */
typedef enum ArmSysRegAccess {
    ARM_SRA_OK,
    ARM_SRA_UNDEF,      /* UNDEFINED at the current EL */
    ARM_SRA_TRAP_EL1,   /* EL0 access closed by SCTLR_EL1/CNTKCTL_EL1: EC 0x18 to EL1 (or EL2 with TGE) */
    ARM_SRA_TRAP_EL2,   /* trapped to EL2 with EC 0x18 */
    ARM_SRA_TRAP_EL3,   /* trapped to EL3 with EC 0x18 (SCR_EL3.APK) */
    ARM_SRA_FP_TRAP,    /* FP access trap (EC 0x07) to arm_tbf_fptrap(flags) */
} ArmSysRegAccess;
/* features: the translator's ARM_FEATURE_* mask (registers of unimplemented features are UNDEFINED). */
ArmSysRegAccess arm_sysreg_access(const ArmSysReg *r, uint64_t tbflags, uint64_t features, bool isread);

/*
 * What an MRS/MSR encoding reaches under the TB flags (FEAT_VHE, D5.? and
 * the register descriptions): with HCR_EL2.E2H at EL2 the EL1 encodings of
 * SCTLR, CPACR, TTBR0/1, TCR, AFSR0/1, ESR, FAR, MAIR, AMAIR, VBAR,
 * CONTEXTIDR, CNTKCTL, ELR and SPSR and the EL0 timers CNTP_x and CNTV_x
 * give the EL2 registers (CPTR_EL2, CNTHCTL_EL2, CNTHP_x, CNTHV_x), as do
 * the EL0 timer encodings at EL0 under TGE; the x_EL12 and x_EL02 encodings (op1 5)
 * give the EL1/EL0 registers at EL2 and EL3 with E2H and are UNDEFINED
 * otherwise.  *check receives the entry whose access rules apply (the one
 * named by the encoding, or the aliased EL1/EL0 one); the result is the
 * entry to read or write.  NULL: no such register (or an alias that is
 * UNDEFINED now), with *check NULL too.
 */
const ArmSysReg *arm_sysreg_lookup(unsigned op0, unsigned op1, unsigned crn, unsigned crm, unsigned op2,
                                   uint64_t tbflags, const ArmSysReg **check);

/* Read/write through the table from C (helpers, tests, the gdbstub later). */
uint64_t arm_sysreg_read(CPUARMState *env, const ArmSysReg *r);
void arm_sysreg_write(CPUARMState *env, const ArmSysReg *r, uint64_t value);

/* Put every table register at its reset value (IDs are set by cpu-models.c). */
void arm_sysregs_reset(CPUARMState *env);

/* --- maintenance hooks the softmmu / board provide (NULL: nothing to do) --- */

/*
 * TLB invalidation.  mmu_idx_mask: bit n set = the MMU index n
 * (tlb-fill.h) is affected; va is page-aligned; asid from Xt<63:48>;
 * broadcast: the Inner Shareable forms (…IS), which apply to every CPU.
 * last_level: only leaf entries need to go (an optimisation; flushing more is fine).
 */
typedef struct ArmTlbFlushHooks {
    void (*all)(CPUARMState *env, unsigned mmu_idx_mask, bool broadcast);
    void (*va_asid)(CPUARMState *env, uint64_t va, uint16_t asid, unsigned mmu_idx_mask,
                    bool last_level, bool broadcast);
    void (*asid)(CPUARMState *env, uint16_t asid, unsigned mmu_idx_mask, bool broadcast);
    void (*va_all_asids)(CPUARMState *env, uint64_t va, unsigned mmu_idx_mask, bool last_level,
                         bool broadcast);
    /*
     * IC IALLU(IS) / IC IVAU: drop translated code (everything / the page
     * of va, a virtual address in the current regime).  They are called
     * from inside translated code: the provider must defer the actual TB
     * flush until the CPU is back in its loop (the block that ran IC ends
     * right after it).
     */
    void (*ic_all)(CPUARMState *env, bool broadcast);
    void (*ic_va)(CPUARMState *env, uint64_t va);
} ArmTlbFlushHooks;

extern ArmTlbFlushHooks arm_tlb_flush_hooks;

/* The whole TLB of this CPU (all MMU indexes), e.g. after an SCTLR/TCR/TTBR/HCR write. */
void arm_tlb_flush_local(CPUARMState *env);

#endif
