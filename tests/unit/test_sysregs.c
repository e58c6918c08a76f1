/*
 * Unit tests of the system register side of the system CPU: ID registers
 * per model, reset values, the access rules (EL0 openings by SCTLR_EL1 and
 * CNTKCTL_EL1, UNDEFINED, HCR_EL2 and FP traps), the TB flags, the timer
 * forwarding, TLBI/IC hooks and AT through a fake page-table walker.
 * Instructions are encoded by the small functions below (checked against
 * GNU as for a sample: MRS x0, NZCV = d53b4200, MSR DAIFSet, #2 = d50342df)
 * and run through the translator and the IR interpreter under the TB flags
 * of the CPU state, as the cpu loop would.
 */
#include <setjmp.h>
#include <string.h>
#include "runner.h"
#include "accel/exec.h"
#include "accel/user-mem.h"
#include "hw/arm-timer.h"
#include "hw/clock.h"
#include "tcg/interp.h"
#include "target-arm/cpu-models.h"
#include "target-arm/exception.h"
#include "target-arm/mmu.h"
#include "target-arm/helpers.h"
#include "target-arm/sysregs.h"
#include "target-arm/tlb-fill.h"
#include "target-arm/translate.h"

#define MEM_SIZE 0x10000
#define CODE 0x1000
#define DATA 0x8000
#define TOKEN 0x100000

static uint8_t mem[MEM_SIZE] __attribute__((aligned(4096)));
static CPUARMState env;
static IRContext ir;
static bool ir_ready;
static sigjmp_buf fault_jmp;

static void guest_fault(void *e, uint64_t addr, int is_write)
{
    siglongjmp(fault_jmp, 1);
}

static bool fetch(void *opaque, uint64_t pc, uint32_t *insn)
{
    if (pc < CODE || pc + 4 > DATA) {
        return false;
    }
    memcpy(insn, mem + pc, 4);
    return true;
}

/* Encoders (C6.2): MRS/MSR (register), SYS. */
static uint32_t MRS(unsigned op0, unsigned op1, unsigned crn, unsigned crm, unsigned op2, unsigned rt)
{
    return 0xd5200000u | op0 << 19 | op1 << 16 | crn << 12 | crm << 8 | op2 << 5 | rt;
}
static uint32_t MSR(unsigned op0, unsigned op1, unsigned crn, unsigned crm, unsigned op2, unsigned rt)
{
    return 0xd5000000u | op0 << 19 | op1 << 16 | crn << 12 | crm << 8 | op2 << 5 | rt;
}
static uint32_t SYS(unsigned op1, unsigned crn, unsigned crm, unsigned op2, unsigned rt)
{
    return 0xd5080000u | op1 << 16 | crn << 12 | crm << 8 | op2 << 5 | rt;
}

/* A system CPU of model at EL1 (or has_el2/has_el3's highest EL), memory cleared. */
static void sys_reset(ArmCpuModel model, bool el2, bool el3)
{
    memset(&env, 0, sizeof(env));
    arm_set_cpu_model(model);
    arm_cpu_reset_system(&env, model, 0, el2, el3);
    env.sp = 0xF000;
    memset(mem, 0, sizeof(mem));
    memset(&arm_tlb_flush_hooks, 0, sizeof(arm_tlb_flush_hooks));
    arm_mmu_walk_fn = NULL;
}

/* Drop to EL (with SP_ELx for EL > 0). */
static void set_el(unsigned el)
{
    arm_set_el_sp(&env, el, el > 0);
}

/* Translate one instruction at CODE under the current TB flags and run it; returns the exit. */
static long run1(uint32_t insn)
{
    static IRInterpBlock *b;
    IRBackendConfig cfg = {
        .guest_base = (uintptr_t)mem,
        .guest_limit = MEM_SIZE,
        .guest_fault = guest_fault,
        .env_pc_offset = offsetof(CPUARMState, pc),
    };

    if (!ir_ready) {
        ir_init(&ir);
        arm_translate_init(&ir);
        ir_ready = true;
    }
    memcpy(mem + CODE, &insn, 4);
    env.pc = CODE;
    env.exception_class = ARM_EXC_NONE;
    ir_reset(&ir);
    arm_translate_block_flags(&ir, CODE, arm_cpu_features(), arm_tb_flags(&env), 1, fetch, NULL);
    ir_optimize(&ir);
    ir_interp_free(b);
    b = ir_interp_prepare(&ir);
    if (sigsetjmp(fault_jmp, 1)) {
        return -1;
    }
    return (long)ir_interp_run(b, &env, &cfg, TOKEN);
}

/* MRS Xt, <reg> at the current EL; returns the value (X0). */
static uint64_t mrs(unsigned op0, unsigned op1, unsigned crn, unsigned crm, unsigned op2)
{
    env.xregs[0] = 0xdeadbeef;
    run1(MRS(op0, op1, crn, crm, op2, 0));
    return env.xregs[0];
}

static long msr(unsigned op0, unsigned op1, unsigned crn, unsigned crm, unsigned op2, uint64_t v)
{
    env.xregs[1] = v;
    return run1(MSR(op0, op1, crn, crm, op2, 1));
}

#define EQ(a, b) CU_ASSERT_EQUAL((uint64_t)(a), (uint64_t)(b))
/* The last instruction raised UNDEFINED at CODE. */
#define UNDEF() do { EQ(env.exception_class, ARM_EXC_UNDEF); EQ(env.pc, CODE); } while (0)
/* ... or a trap with this ESR to this EL (0: the usual one). */
#define TRAP(esr, el) do { EQ(env.exception_class, ARM_EXC_ESR); EQ(env.exception_syndrome, esr); \
                           EQ(env.exception_target_el, el); EQ(env.pc, CODE); } while (0)

/* ------------------------------------------------------------------ */

static void test_ids_a57(void)
{
    sys_reset(ARM_CPU_CORTEX_A57, false, false);
    EQ(env.pstate_el, 1);
    EQ(mrs(3, 0, 0, 0, 0), 0x411fd070);                 /* MIDR_EL1 */
    EQ(mrs(3, 0, 0, 0, 5), 0x80000000);                 /* MPIDR_EL1, cpu 0 */
    EQ(mrs(3, 0, 0, 0, 6), 0);                          /* REVIDR_EL1 */
    EQ(mrs(3, 0, 0, 4, 0), 0x11);                       /* ID_AA64PFR0: EL0/EL1 AArch64 only */
    EQ(mrs(3, 0, 0, 7, 0) & 0xf, 4);                    /* PARange 44 bits */
    EQ(mrs(3, 0, 0, 7, 0), 0x1124);
    EQ(mrs(3, 0, 0, 5, 0) >> 8 & 0xf, 0);               /* PMUVer 0: no PMU */
    EQ(mrs(3, 0, 0, 5, 0) & 0xf, 6);                    /* DebugVer v8 */
    EQ(mrs(3, 0, 0, 5, 0) >> 12 & 0xf, 5);              /* 6 breakpoints */
    EQ(mrs(3, 0, 0, 6, 0) >> 16 & 0xf, 1);              /* CRC32 */
    EQ(mrs(3, 0, 0, 6, 0) >> 20 & 0xf, 0);              /* no LSE on A57 */
    EQ(mrs(3, 0, 0, 6, 0) >> 4 & 0xf, 2);               /* AES with PMULL, as the real A57 */
    EQ(mrs(3, 0, 0, 7, 1), 0);                          /* MMFR1: no PAN */
    EQ(mrs(3, 3, 0, 0, 1), 0x8444c004);                 /* CTR_EL0 */
    EQ(mrs(3, 3, 0, 0, 7), 4);                          /* DCZID_EL0 at EL1: 64 bytes, allowed */
    EQ(mrs(3, 1, 0, 0, 1), 0x0a200023);                 /* CLIDR_EL1 */
    EQ(mrs(3, 0, 4, 2, 2), 1 << 2);                     /* CurrentEL */
}

static void test_ids_a72_max(void)
{
    sys_reset(ARM_CPU_CORTEX_A72, false, false);
    EQ(mrs(3, 0, 0, 0, 0), 0x410fd083);
    EQ(mrs(3, 0, 0, 7, 0) & 0xf, 4);
    /* CSSELR selects what CCSIDR shows. */
    EQ(msr(3, 2, 0, 0, 0, 2), TOKEN);                   /* CSSELR_EL1 = L2 (Level - 1 in bits 3:1) */
    EQ(mrs(3, 1, 0, 0, 0), 0x707fe07a);
    msr(3, 2, 0, 0, 0, 1);                              /* L1 I */
    EQ(mrs(3, 1, 0, 0, 0), 0x201fe012);
    EQ(mrs(3, 2, 0, 0, 0), 1);

    sys_reset(ARM_CPU_MAX, false, false);
    EQ(mrs(3, 0, 0, 0, 0), 0x000f0510);
    EQ(mrs(3, 0, 0, 6, 0) >> 20 & 0xf, 2);              /* LSE atomics */
    EQ(mrs(3, 0, 0, 6, 0) >> 16 & 0xf, 1);              /* CRC32 */
    EQ(mrs(3, 0, 0, 6, 1) >> 36 & 0xf, 1);              /* SB */
    EQ(mrs(3, 0, 0, 7, 1) >> 20 & 0xf, 1);              /* PAN */
    EQ(mrs(3, 0, 0, 7, 1) >> 16 & 0xf, 1);              /* LOR */
    EQ(mrs(3, 0, 0, 7, 0) & 0xf, 5);                    /* 48-bit PA */
    EQ(mrs(3, 0, 10, 4, 7), 0);                         /* LORID_EL1: no regions */
}

static void test_ids_el_config_and_mpidr(void)
{
    sys_reset(ARM_CPU_CORTEX_A57, true, false);
    EQ(env.pstate_el, 2);                               /* starts in EL2 */
    EQ(mrs(3, 0, 0, 4, 0), 0x111);
    EQ(mrs(3, 0, 4, 2, 2), 2 << 2);
    sys_reset(ARM_CPU_CORTEX_A57, true, true);
    EQ(env.pstate_el, 3);
    EQ(mrs(3, 0, 0, 4, 0), 0x1111);
    EQ(env.daif, PSTATE_DAIF);
    EQ(env.spsel, 1);

    memset(&env, 0, sizeof(env));
    env.mmu_phys = (const ArmMMUPhys *)&env;            /* any non-NULL board pointer */
    env.board_opaque = &env;
    env.irq_line = 1;
    env.xregs[3] = 5;
    arm_cpu_reset_system(&env, ARM_CPU_CORTEX_A57, 9, false, false);
    EQ(env.mpidr, 0x80000101);                          /* Aff1 1, Aff0 1 */
    EQ(env.cpu_index, 9);
    EQ(env.mmu_phys, &env);                             /* the board's wiring survives a reset */
    EQ(env.board_opaque, &env);
    EQ(env.irq_line, 1);
    EQ(env.xregs[3], 0);
    CU_ASSERT_TRUE(env.sys_mode);
}

static void test_unallocated_id_raz(void)
{
    sys_reset(ARM_CPU_CORTEX_A57, false, false);
    EQ(mrs(3, 0, 0, 6, 2), 0);                          /* ID_AA64ISAR2_EL1 (later arch): RAZ */
    EQ(env.exception_class, ARM_EXC_NONE);
    EQ(mrs(3, 0, 0, 1, 0), 0);                          /* ID_PFR0_EL1: no AArch32 */
    EQ(mrs(3, 0, 0, 4, 1), 0);                          /* ID_AA64PFR1 */
    EQ(mrs(3, 0, 0, 4, 4), 0);                          /* ID_AA64ZFR0 */
    msr(3, 0, 0, 6, 2, 1);                              /* writes: UNDEFINED */
    UNDEF();
}

static void test_reset_values(void)
{
    sys_reset(ARM_CPU_CORTEX_A57, false, false);
    EQ(mrs(3, 0, 1, 0, 0), 0x30d00800);                 /* SCTLR_EL1: MMU and caches off */
    EQ(mrs(2, 0, 1, 1, 4), 0xa);                        /* OSLSR_EL1: OSLM 0b10, locked */
    EQ(mrs(3, 0, 1, 0, 2), 0);                          /* CPACR_EL1 */
    EQ(mrs(3, 0, 2, 0, 2), 0);                          /* TCR_EL1 */
    EQ(mrs(3, 0, 12, 0, 0), 0);                         /* VBAR_EL1 */
    EQ(mrs(3, 3, 4, 2, 1), PSTATE_DAIF);                /* DAIF all masked */
    EQ(mrs(3, 0, 4, 2, 0), 1);                          /* SPSel */
    EQ(arm_sysreg_read(&env, arm_sysreg_find(3, 0, 7, 4, 0)), 0);   /* PAR_EL1 */
}

static void test_plain_roundtrip(void)
{
    /* op0 op1 CRn CRm op2 of registers stored in env */
    static const uint8_t regs[][5] = {
        { 3, 0, 2, 0, 0 }, { 3, 0, 2, 0, 1 }, { 3, 0, 2, 0, 2 }, { 3, 0, 10, 2, 0 },
        { 3, 0, 10, 3, 0 }, { 3, 0, 12, 0, 0 }, { 3, 0, 13, 0, 1 }, { 3, 0, 13, 0, 4 },
        { 3, 0, 4, 0, 0 }, { 3, 0, 4, 0, 1 }, { 3, 0, 5, 2, 0 }, { 3, 0, 6, 0, 0 },
        { 3, 0, 7, 4, 0 }, { 3, 0, 5, 1, 0 }, { 3, 0, 5, 1, 1 }, { 3, 0, 1, 0, 1 },
        { 2, 0, 0, 2, 2 }, { 2, 0, 0, 3, 4 }, { 2, 0, 0, 15, 7 }, { 2, 0, 0, 0, 6 },
        { 3, 3, 13, 0, 2 }, { 3, 3, 13, 0, 3 }, { 2, 0, 1, 3, 4 },
    };

    sys_reset(ARM_CPU_CORTEX_A57, false, false);
    for (unsigned i = 0; i < sizeof(regs) / sizeof(regs[0]); i++) {
        const uint8_t *r = regs[i];
        uint64_t v = 0x0123456789ab0000ull + i * 0x1000;
        msr(r[0], r[1], r[2], r[3], r[4], v);
        EQ(env.exception_class, ARM_EXC_NONE);
        EQ(mrs(r[0], r[1], r[2], r[3], r[4]), v);
    }
    EQ(env.ttbr0_el[1], 0x0123456789ab0000ull);
    EQ(env.dbgbvr[3], 0x0123456789ab0000ull + 17 * 0x1000);
    EQ(env.dbgwcr[15], 0x0123456789ab0000ull + 18 * 0x1000);
    EQ(env.tpidr_el[1], 0x0123456789ab0000ull + 7 * 0x1000);
}

static void test_el0_ctr_uct(void)
{
    sys_reset(ARM_CPU_CORTEX_A57, false, false);
    set_el(0);
    mrs(3, 3, 0, 0, 1);                                 /* CTR_EL0 with UCT = 0: EC 0x18 to EL1 */
    TRAP(syn_sysreg(3, 3, 0, 0, 1, 0, true), 0);
    CU_ASSERT_TRUE(arm_cpu_handle_exception_exit(&env));
    EQ(env.pstate_el, 1);
    EQ(env.esr_el[1] >> 26, EC_SYSREG);
    EQ(env.esr_el[1] & 1, 1);                           /* Dir: read */
    EQ(env.elr_el[1], CODE);

    sys_reset(ARM_CPU_CORTEX_A57, false, false);
    env.sctlr_el[1] |= SCTLR_UCT;
    set_el(0);
    EQ(mrs(3, 3, 0, 0, 1), 0x8444c004);
    EQ(env.exception_class, ARM_EXC_NONE);
    msr(3, 3, 0, 0, 1, 0);                              /* CTR_EL0 is read-only */
    UNDEF();
}

static void test_el0_dc_zva_dze(void)
{
    sys_reset(ARM_CPU_CORTEX_A57, false, false);
    set_el(0);
    EQ(mrs(3, 3, 0, 0, 7), 0x14);                       /* DCZID_EL0.DZP: prohibited */
    memset(mem + DATA, 0xaa, 128);
    env.xregs[2] = DATA + 0x48;
    run1(SYS(3, 7, 4, 1, 2));                           /* DC ZVA, x2 */
    TRAP(syn_sysreg(1, 3, 7, 4, 1, 2, false), 0);
    EQ(mem[DATA + 0x40], 0xaa);

    env.sctlr_el[1] |= SCTLR_DZE;
    EQ(mrs(3, 3, 0, 0, 7), 4);
    env.xregs[2] = DATA + 0x48;
    EQ(run1(SYS(3, 7, 4, 1, 2)), TOKEN);
    EQ(mem[DATA + 0x3f], 0xaa);
    EQ(mem[DATA + 0x40], 0);
    EQ(mem[DATA + 0x7f], 0);
    EQ(mem[DATA + 0x80], 0);                            /* memset only covered 128 bytes; 0 anyway */
    EQ(mem[DATA + 0x3e], 0xaa);
}

static void test_el0_counters_cntkctl(void)
{
    sys_reset(ARM_CPU_CORTEX_A57, false, false);
    set_el(0);
    mrs(3, 3, 14, 0, 2);                                /* CNTVCT_EL0, EL0VCTEN = 0 */
    TRAP(syn_sysreg(3, 3, 14, 0, 2, 0, true), 0);
    mrs(3, 3, 14, 0, 0);                                /* CNTFRQ_EL0 too */
    TRAP(syn_sysreg(3, 3, 14, 0, 0, 0, true), 0);
    mrs(3, 3, 14, 3, 1);                                /* CNTV_CTL_EL0, EL0VTEN = 0 */
    TRAP(syn_sysreg(3, 3, 14, 3, 1, 0, true), 0);

    env.cntkctl_el1 = 2;                                /* EL0VCTEN */
    CU_ASSERT_NOT_EQUAL(mrs(3, 3, 14, 0, 2), 0xdeadbeef);
    EQ(env.exception_class, ARM_EXC_NONE);
    EQ(mrs(3, 3, 14, 0, 0), ARM_CNTFRQ_HZ);
    mrs(3, 3, 14, 0, 1);                                /* CNTPCT still closed */
    TRAP(syn_sysreg(3, 3, 14, 0, 1, 0, true), 0);
    msr(3, 3, 14, 0, 2, 0);                             /* CNTVCT is read-only */
    UNDEF();
}

static void test_el0_undefined(void)
{
    sys_reset(ARM_CPU_CORTEX_A57, false, false);
    set_el(0);
    mrs(3, 0, 1, 0, 0);                                 /* SCTLR_EL1 */
    UNDEF();
    msr(3, 0, 12, 0, 0, 0);                             /* VBAR_EL1 */
    UNDEF();
    mrs(3, 0, 0, 0, 0);                                 /* MIDR_EL1: Linux emulates it from UNDEF */
    UNDEF();
    mrs(3, 0, 4, 2, 2);                                 /* CurrentEL */
    UNDEF();
    /* EL0 registers stay reachable. */
    env.tpidr_el0 = 77;
    EQ(mrs(3, 3, 13, 0, 2), 77);
    msr(3, 3, 13, 0, 3, 5);                             /* TPIDRRO_EL0 is read-only at EL0 */
    UNDEF();
    arm_set_nzcv(&env, 0x60000000);
    EQ(mrs(3, 3, 4, 2, 0), 0x60000000);                 /* NZCV */
}

static void test_undefined_at_el1(void)
{
    sys_reset(ARM_CPU_CORTEX_A57, false, false);
    mrs(3, 0, 15, 0, 0);                                /* IMPLEMENTATION DEFINED space: unknown */
    UNDEF();
    mrs(3, 3, 9, 12, 0);                                /* PMCR_EL0: no PMU */
    UNDEF();
    mrs(3, 3, 9, 13, 0);                                /* PMCCNTR_EL0 */
    UNDEF();
    mrs(3, 4, 1, 1, 0);                                 /* HCR_EL2 without EL2 */
    UNDEF();
    msr(3, 0, 0, 0, 0, 1);                              /* MIDR_EL1 is read-only */
    UNDEF();
    mrs(2, 0, 1, 0, 4);                                 /* OSLAR_EL1 is write-only */
    UNDEF();
    msr(3, 0, 4, 2, 3, 0);                              /* PAN on a CPU without FEAT_PAN */
    UNDEF();
    mrs(3, 0, 10, 4, 7);                                /* LORID_EL1 without FEAT_LOR */
    UNDEF();
    /* SP_EL0 while it is the current stack pointer. */
    set_el(1);
    arm_set_el_sp(&env, 1, 0);
    mrs(3, 0, 4, 1, 0);
    UNDEF();
    /* EL2 registers at EL1 of a CPU with EL2. */
    sys_reset(ARM_CPU_CORTEX_A57, true, false);
    set_el(1);
    mrs(3, 4, 1, 1, 0);
    UNDEF();
    mrs(3, 6, 1, 1, 0);                                 /* SCR_EL3 */
    UNDEF();
}

static void test_oslock(void)
{
    sys_reset(ARM_CPU_CORTEX_A57, false, false);
    msr(2, 0, 1, 0, 4, 0);                              /* OSLAR_EL1 = 0: unlock */
    EQ(mrs(2, 0, 1, 1, 4), 0x8);
    msr(2, 0, 1, 0, 4, 1);
    EQ(mrs(2, 0, 1, 1, 4), 0xa);
}

static void test_hcr_traps(void)
{
    sys_reset(ARM_CPU_CORTEX_A57, true, false);
    EQ(msr(3, 4, 1, 1, 0, HCR_TVM | HCR_TID3 | HCR_RW), IR_EXIT_NORMAL);   /* ends the block */
    EQ(env.hcr_el2, HCR_TVM | HCR_TID3 | HCR_RW);
    set_el(1);
    msr(3, 0, 1, 0, 0, 0);                              /* SCTLR_EL1 write: TVM */
    TRAP(syn_sysreg(3, 0, 1, 0, 0, 1, false), 2);
    EQ(mrs(3, 0, 1, 0, 0), 0x30d00800);                 /* reads need TRVM */
    mrs(3, 0, 0, 4, 0);                                 /* ID_AA64PFR0: TID3 */
    TRAP(syn_sysreg(3, 0, 0, 4, 0, 0, true), 2);
    CU_ASSERT_TRUE(arm_cpu_handle_exception_exit(&env));
    EQ(env.pstate_el, 2);
    EQ(env.esr_el[2], syn_sysreg(3, 0, 0, 4, 0, 0, true));
    EQ(env.pc, 0x400);                                  /* VBAR_EL2 0 + lower EL */
    EQ(mrs(3, 0, 0, 0, 0), 0x411fd070);                 /* MIDR is not group 3 */
}

static void test_fp_trap(void)
{
    sys_reset(ARM_CPU_CORTEX_A57, false, false);
    mrs(3, 3, 4, 4, 0);                                 /* FPCR with CPACR.FPEN = 0 */
    TRAP(syn_fp_access(), 1);
    EQ(syn_fp_access(), 0x1fe00000);
    msr(3, 0, 1, 0, 2, 3u << 20);                       /* FPEN = 0b11 */
    env.fpcr = 0x03000000;
    EQ(mrs(3, 3, 4, 4, 0), 0x03000000);
    set_el(0);
    env.cpacr_el1 = 1u << 20;                           /* FPEN 0b01: EL0 traps */
    mrs(3, 3, 4, 4, 1);
    TRAP(syn_fp_access(), 1);
}

static void test_tb_flags(void)
{
    uint64_t f;

    memset(&env, 0, sizeof(env));
    EQ(arm_tb_flags(&env), 0);                          /* user mode */
    sys_reset(ARM_CPU_MAX, false, false);
    f = arm_tb_flags(&env);
    EQ(f & ARM_TBF_SYS, ARM_TBF_SYS);
    EQ(arm_tbf_el(f), 1);
    EQ(arm_tbf_mmu_idx(f), ARM_MMU_IDX_EL1);
    EQ(arm_tbf_fptrap(f), 1);
    CU_ASSERT_TRUE(f & ARM_TBF_SPSEL);
    env.pan = 1;
    EQ(arm_tbf_mmu_idx(arm_tb_flags(&env)), ARM_MMU_IDX_EL1_PAN);
    set_el(0);
    EQ(arm_tbf_mmu_idx(arm_tb_flags(&env)), ARM_MMU_IDX_EL0);
    env.sctlr_el[1] |= SCTLR_UCT | SCTLR_nTWI;
    f = arm_tb_flags(&env);
    CU_ASSERT_TRUE(f & ARM_TBF_UCT);
    CU_ASSERT_TRUE(f & ARM_TBF_nTWI);
    CU_ASSERT_FALSE(f & ARM_TBF_DZE);
}

static void test_pstate_registers(void)
{
    sys_reset(ARM_CPU_MAX, false, false);
    EQ(msr(3, 3, 4, 2, 1, 0), IR_EXIT_NORMAL);          /* MSR DAIF, x1 = 0: ends the block */
    EQ(env.daif, 0);
    msr(3, 3, 4, 2, 1, PSTATE_I | PSTATE_F);
    EQ(mrs(3, 3, 4, 2, 1), PSTATE_I | PSTATE_F);
    msr(3, 0, 4, 2, 3, PSTATE_PAN);                     /* MSR PAN, x */
    EQ(env.pan, 1);
    EQ(mrs(3, 0, 4, 2, 3), PSTATE_PAN);
    /* EL0 DAIF access with SCTLR_EL1.UMA */
    set_el(0);
    mrs(3, 3, 4, 2, 1);
    TRAP(syn_sysreg(3, 3, 4, 2, 1, 0, true), 0);
    env.sctlr_el[1] |= SCTLR_UMA;
    EQ(mrs(3, 3, 4, 2, 1), PSTATE_I | PSTATE_F);
}

static void test_timer_forwarding(void)
{
    static ArmTimerCpu tc;

    clock_set_manual(true);
    arm_timer_init(&tc, 0);
    arm_timer_reset(&tc);
    sys_reset(ARM_CPU_CORTEX_A57, false, false);
    env.timer = &tc;
    EQ(mrs(3, 3, 14, 0, 0), ARM_TIMER_DEFAULT_FREQ);
    msr(3, 3, 14, 3, 2, 123456);                        /* CNTV_CVAL_EL0 */
    EQ(arm_timer_get_cval(&tc, ARM_TIMER_VIRT), 123456);
    EQ(mrs(3, 3, 14, 3, 2), 123456);
    msr(3, 3, 14, 2, 1, ARM_TIMER_CTL_ENABLE | ARM_TIMER_CTL_IMASK);   /* CNTP_CTL_EL0 */
    EQ(arm_timer_get_ctl(&tc, ARM_TIMER_PHYS) & 3, 3);
    EQ(mrs(3, 3, 14, 2, 1) & 3, 3);
    msr(3, 0, 14, 1, 0, 3);                             /* CNTKCTL_EL1 */
    EQ(arm_timer_get_cntkctl(&tc), 3);
    EQ(mrs(3, 3, 14, 0, 2), arm_timer_read_cntvct(&tc));
    set_el(0);
    CU_ASSERT_TRUE(arm_tb_flags(&env) & ARM_TBF_EL0VCTEN);
    msr(3, 3, 14, 2, 1, 0);
    EQ(arm_timer_get_ctl(&tc, ARM_TIMER_PHYS) & 3, 3);
    EQ(env.exception_class, ARM_EXC_ESR);               /* EL0PTEN = 0: trapped, not written */
    arm_timer_reset(&tc);
    clock_set_manual(false);
}

/* --- TLBI / IC hooks --- */

static struct {
    int all, va_asid, asid, va_all, ic_all, ic_va;
    unsigned mask;
    bool bc, last;
    uint64_t va;
    uint16_t asid_v;
} hk;

static void h_all(CPUARMState *e, unsigned mask, bool bc) { hk.all++; hk.mask = mask; hk.bc = bc; }
static void h_va_asid(CPUARMState *e, uint64_t va, uint16_t asid, unsigned mask, bool last, bool bc)
{
    hk.va_asid++; hk.va = va; hk.asid_v = asid; hk.mask = mask; hk.last = last; hk.bc = bc;
}
static void h_asid(CPUARMState *e, uint16_t asid, unsigned mask, bool bc)
{
    hk.asid++; hk.asid_v = asid; hk.mask = mask; hk.bc = bc;
}
static void h_va_all(CPUARMState *e, uint64_t va, unsigned mask, bool last, bool bc)
{
    hk.va_all++; hk.va = va; hk.mask = mask; hk.last = last; hk.bc = bc;
}
static void h_ic_all(CPUARMState *e, bool bc) { hk.ic_all++; hk.bc = bc; }
static void h_ic_va(CPUARMState *e, uint64_t va) { hk.ic_va++; hk.va = va; }

static void install_hooks(void)
{
    memset(&hk, 0, sizeof(hk));
    arm_tlb_flush_hooks = (ArmTlbFlushHooks){ h_all, h_va_asid, h_asid, h_va_all, h_ic_all, h_ic_va };
}

static void test_tlbi(void)
{
    sys_reset(ARM_CPU_CORTEX_A57, false, false);
    install_hooks();
    EQ(run1(SYS(0, 8, 3, 0, 31)), IR_EXIT_NORMAL);       /* TLBI VMALLE1IS: ends the block */
    EQ(env.pc, CODE + 4);
    EQ(hk.all, 1);
    EQ(hk.mask, 7);
    CU_ASSERT_TRUE(hk.bc);

    env.xregs[3] = 0x002a000000012345ull;               /* ASID 42, VA 0x12345000 */
    run1(SYS(0, 8, 7, 1, 3));                           /* TLBI VAE1, x3 */
    EQ(hk.va_asid, 1);
    EQ(hk.va, 0x12345000);
    EQ(hk.asid_v, 42);
    CU_ASSERT_FALSE(hk.bc);
    CU_ASSERT_FALSE(hk.last);

    env.xregs[3] = 0x00000ffffffffff0ull;               /* VA bit 55 set: a TTBR1 address */
    run1(SYS(0, 8, 3, 7, 3));                           /* TLBI VAALE1IS */
    EQ(hk.va_all, 1);
    EQ(hk.va, 0xfffffffffff0000ull | 0xff00000000000000ull);
    CU_ASSERT_TRUE(hk.last);
    CU_ASSERT_TRUE(hk.bc);

    env.xregs[3] = 7ull << 48;
    run1(SYS(0, 8, 7, 2, 3));                           /* TLBI ASIDE1 */
    EQ(hk.asid, 1);
    EQ(hk.asid_v, 7);

    run1(SYS(4, 8, 7, 0, 31));                          /* TLBI ALLE2 without EL2: UNDEFINED */
    UNDEF();
    set_el(0);
    run1(SYS(0, 8, 7, 0, 31));                          /* TLBI at EL0: UNDEFINED */
    UNDEF();

    sys_reset(ARM_CPU_CORTEX_A57, true, false);
    install_hooks();
    run1(SYS(4, 8, 7, 0, 31));                          /* TLBI ALLE2 at EL2 */
    EQ(hk.all, 1);
    /* EL2 and the EL2&0 (FEAT_VHE) indexes: the EL2 forms act on whichever E2H selects. */
    EQ(hk.mask, 1u << ARM_MMU_IDX_EL2 | 1u << ARM_MMU_IDX_E20_0 | 1u << ARM_MMU_IDX_E20_2 |
                    1u << ARM_MMU_IDX_E20_2_PAN);

    /* Writes to the translation registers flush the local TLB. */
    sys_reset(ARM_CPU_CORTEX_A57, false, false);
    install_hooks();
    msr(3, 0, 1, 0, 0, 0x30d00801);
    EQ(hk.all, 1);
    msr(3, 0, 2, 0, 0, 0x1000);
    EQ(hk.all, 2);
    msr(3, 0, 2, 0, 0, 0x1000);                         /* unchanged: nothing to flush */
    EQ(hk.all, 2);
}

static void test_ic(void)
{
    sys_reset(ARM_CPU_CORTEX_A57, false, false);
    install_hooks();
    EQ(run1(SYS(0, 7, 5, 0, 31)), IR_EXIT_NORMAL);       /* IC IALLU */
    EQ(hk.ic_all, 1);
    CU_ASSERT_FALSE(hk.bc);
    run1(SYS(0, 7, 1, 0, 31));                          /* IC IALLUIS */
    EQ(hk.ic_all, 2);
    CU_ASSERT_TRUE(hk.bc);
    set_el(0);
    env.xregs[4] = 0x4321;
    run1(SYS(3, 7, 5, 1, 4));                           /* IC IVAU at EL0, UCI = 0 */
    TRAP(syn_sysreg(1, 3, 7, 5, 1, 4, false), 0);
    env.sctlr_el[1] |= SCTLR_UCI;
    run1(SYS(3, 7, 5, 1, 4));
    EQ(hk.ic_va, 1);
    EQ(hk.va, 0x4321);
    run1(SYS(0, 7, 5, 0, 31));                          /* IC IALLU at EL0 */
    UNDEF();
}

/* --- AT through a fake walker: VA 0x4000xxxx -> PA 0x8000xxxx, VA 0x5000xxxx faults --- */

static ArmRegime last_regime;

static bool fake_walk(CPUARMState *e, const ArmRegime *r, uint64_t va, int access, ArmWalkResult *res)
{
    last_regime = *r;
    access &= 0xff;     /* without ARM_ACCESS_STAGE1_ONLY */
    if ((va >> 28) == 4 && !(r->unprivileged && access == EXEC_ACCESS_WRITE)) {
        res->pa = 0x80000000ull | (va & 0x0fffffff);
        res->prot = PAGE_READ | PAGE_WRITE;
        res->page_bits = 12;
        res->attrs = 0xff;
        res->sh = 3;
        return true;
    }
    res->fsc = (va >> 28) == 4 ? ARM_FSC_PERMISSION_L0 + 3 : ARM_FSC_TRANSLATION_L0 + 2;
    return false;
}

static void test_at(void)
{
    sys_reset(ARM_CPU_MAX, false, false);
    arm_mmu_walk_fn = fake_walk;
    /* MMU off: flat. */
    env.xregs[5] = 0x12345678;
    run1(SYS(0, 7, 8, 0, 5));                           /* AT S1E1R, x5 */
    EQ(env.par_el1 & 1, 0);
    EQ(env.par_el1 & 0xfffffffff000ull, 0x12345000);

    env.sctlr_el[1] |= SCTLR_M;
    env.ttbr0_el[1] = 0x9000;
    env.xregs[5] = 0x40001234;
    run1(SYS(0, 7, 8, 0, 5));
    /* bit 11 of a successful PAR_EL1 is RES1 */
    EQ(env.par_el1, 0xff00000080001000ull | 3u << 7 | 1u << 11);
    EQ(last_regime.ttbr0, 0x9000);
    EQ(last_regime.el, 1);
    CU_ASSERT_FALSE(last_regime.unprivileged);

    env.xregs[5] = 0x50000000;
    run1(SYS(0, 7, 8, 1, 5));                           /* AT S1E1W: translation fault level 2 */
    EQ(env.par_el1 & 1, 1);
    EQ(env.par_el1 >> 1 & 0x3f, 0x06);
    EQ(env.exception_class, ARM_EXC_NONE);              /* AT never faults itself */

    env.xregs[5] = 0x40000000;
    run1(SYS(0, 7, 8, 3, 5));                           /* AT S1E0W: unprivileged write refused */
    EQ(env.par_el1 >> 1 & 0x3f, 0x0f);
    CU_ASSERT_TRUE(last_regime.unprivileged);

    env.pan = 1;
    run1(SYS(0, 7, 9, 0, 5));                           /* AT S1E1RP honours PAN */
    CU_ASSERT_TRUE(last_regime.pan);
    env.pan = 1;
    run1(SYS(0, 7, 8, 0, 5));                           /* AT S1E1R does not */
    CU_ASSERT_FALSE(last_regime.pan);
    EQ(mrs(3, 0, 7, 4, 0), env.par_el1);
    arm_mmu_walk_fn = NULL;
}

static void test_dc_by_va(void)
{
    sys_reset(ARM_CPU_CORTEX_A57, false, false);
    arm_mmu_walk_fn = fake_walk;
    env.sctlr_el[1] |= SCTLR_M;
    env.xregs[6] = 0x40000040;
    EQ(run1(SYS(3, 7, 14, 1, 6)), TOKEN);               /* DC CIVAC, mapped: a NOP */
    EQ(env.exception_class, ARM_EXC_NONE);
    env.xregs[6] = 0x50000040;
    EQ(run1(SYS(3, 7, 10, 1, 6)), IR_EXIT_EXCEPTION);   /* DC CVAC, unmapped: data abort, CM = 1 */
    EQ(env.exception_class, ARM_EXC_ESR);
    EQ(env.exception_syndrome, syn_data_abort(true, true, false, true, 0x06));
    EQ(env.exception_addr, 0x50000040);
    EQ(env.pc, CODE);
    run1(SYS(0, 7, 6, 2, 6));                           /* DC ISW: NOP */
    EQ(env.exception_class, ARM_EXC_NONE);
    arm_mmu_walk_fn = NULL;
}

/* --- the real walker (target-arm/mmu.c) over a table in mem[] as physical memory --- */

static bool phys_read64(void *opaque, uint64_t pa, uint64_t *val)
{
    if (pa + 8 > MEM_SIZE) {
        return false;
    }
    memcpy(val, mem + pa, 8);
    return true;
}

static bool phys_cmpxchg64(void *opaque, uint64_t pa, uint64_t old, uint64_t new_val, uint64_t *actual)
{
    if (!phys_read64(opaque, pa, actual)) {
        return false;
    }
    if (*actual == old) {
        memcpy(mem + pa, &new_val, 8);
    }
    return true;
}

static const ArmMMUPhys test_phys = { NULL, phys_read64, phys_cmpxchg64 };

static void test_real_walker(void)
{
    uint64_t desc, pa;
    unsigned prot, bits;

    sys_reset(ARM_CPU_CORTEX_A57, false, false);
    arm_mmu_walk_fn = arm_mmu_walk_default;
    env.mmu_phys = &test_phys;
    /*
     * 39-bit VAs, 4K granule, walk from level 1 at PA 0x2000; TTBR1 walks
     * off.  Level-1 entry 1: 1 GB block VA 0x40000000 -> PA 0x80000000,
     * AF, inner shareable, AttrIndx 1, EL1 read/write only.
     */
    env.tcr_el[1] = 25 | 1ull << 23 | 4ull << 32;
    env.ttbr0_el[1] = 0x2000 | 5ull << 48;
    env.mair_el[1] = 0xff00;
    env.sctlr_el[1] |= SCTLR_M;
    desc = 0x80000000ull | 1u << 10 | 3u << 8 | 1u << 2 | 1;
    memcpy(mem + 0x2000 + 8, &desc, 8);

    env.xregs[5] = 0x40001234;
    run1(SYS(0, 7, 8, 0, 5));                           /* AT S1E1R */
    EQ(env.par_el1 & 1, 0);
    EQ(env.par_el1 & 0xfffffffff000ull, 0x80001000);
    EQ(env.par_el1 >> 56, 0xff);                        /* MAIR attribute 1 */
    EQ(env.par_el1 >> 7 & 3, 3);
    run1(SYS(0, 7, 8, 2, 5));                           /* AT S1E0R: no EL0 access */
    EQ(env.par_el1 & 1, 1);
    EQ(env.par_el1 >> 1 & 0x3f, 0x0d);                  /* permission fault, level 1 */
    env.xregs[5] = 0x00001000;
    run1(SYS(0, 7, 8, 0, 5));                           /* entry 0 invalid */
    EQ(env.par_el1 >> 1 & 0x3f, 0x05);                  /* translation fault, level 1 */

    CU_ASSERT_TRUE(arm_tlb_fill(&env, 0x7ffffff8, EXEC_ACCESS_WRITE, ARM_MMU_IDX_EL1, false, &pa, &prot, &bits));
    EQ(pa, 0xbffffff8);
    EQ(bits, 30);
    EQ(prot & (PAGE_READ | PAGE_WRITE), PAGE_READ | PAGE_WRITE);
    CU_ASSERT_FALSE(arm_tlb_fill(&env, 0x40000000, EXEC_ACCESS_READ, ARM_MMU_IDX_EL0, false, &pa, &prot, &bits));
    EQ(env.exception_syndrome, syn_data_abort(true, false, false, false, 0x0d));   /* LDTR-like at EL1 */
    EQ(env.exception_target_el, 1);
    env.mmu_phys = NULL;
    arm_mmu_walk_fn = NULL;
}

/* --- FEAT_VHE (-cpu max with EL2) --- */

#define HCR_E2H_TGE (HCR_E2H | HCR_TGE | HCR_RW)

static void test_vhe_id_and_e2h(void)
{
    sys_reset(ARM_CPU_MAX, false, false);
    EQ(env.id_aa64mmfr1 >> 8 & 0xf, 0);                 /* no EL2: no VH */
    sys_reset(ARM_CPU_CORTEX_A57, true, false);
    EQ(env.id_aa64mmfr1 >> 8 & 0xf, 0);
    msr(3, 4, 1, 1, 0, HCR_E2H | HCR_RW);               /* HCR_EL2.E2H is RES0 without VHE */
    EQ(env.hcr_el2, HCR_RW);
    run1(MRS(3, 5, 1, 0, 0, 0));                        /* SCTLR_EL12: UNDEFINED */
    UNDEF();
    mrs(3, 4, 2, 0, 1);                                 /* TTBR1_EL2 without VHE: UNDEFINED */
    UNDEF();

    sys_reset(ARM_CPU_MAX, true, false);
    EQ(env.id_aa64mmfr1 >> 8 & 0xf, 1);
    EQ(env.pstate_el, 2);
    msr(3, 4, 1, 1, 0, HCR_E2H | HCR_RW);
    EQ(env.hcr_el2, HCR_E2H | HCR_RW);
    CU_ASSERT_TRUE((arm_tb_flags(&env) & ARM_TBF_E2H) != 0);   /* bit 42: not through an int */
    EQ(arm_tbf_mmu_idx(arm_tb_flags(&env)), ARM_MMU_IDX_E20_2);
    env.pan = 1;
    EQ(arm_tbf_mmu_idx(arm_tb_flags(&env)), ARM_MMU_IDX_E20_2_PAN);
    set_el(0);
    EQ(arm_tbf_mmu_idx(arm_tb_flags(&env)), ARM_MMU_IDX_EL0);   /* TGE 0: EL0 is EL1&0's */
    env.hcr_el2 |= HCR_TGE;
    EQ(arm_tbf_mmu_idx(arm_tb_flags(&env)), ARM_MMU_IDX_E20_0);
}

static void test_vhe_redirection(void)
{
    sys_reset(ARM_CPU_MAX, true, false);
    msr(3, 4, 1, 1, 0, HCR_E2H_TGE);
    /* At EL2 with E2H the EL1 encodings reach the EL2 registers. */
    msr(3, 0, 2, 0, 1, 0x1111000);                      /* TTBR1_EL1 -> TTBR1_EL2 */
    EQ(env.ttbr1_el[2], 0x1111000);
    EQ(env.ttbr1_el[1], 0);
    EQ(mrs(3, 4, 2, 0, 1), 0x1111000);
    msr(3, 0, 12, 0, 0, 0x8000);                        /* VBAR_EL1 -> VBAR_EL2 */
    EQ(env.vbar_el[2], 0x8000);
    msr(3, 0, 4, 0, 1, 0x1234);                         /* ELR_EL1 -> ELR_EL2 */
    EQ(env.elr_el[2], 0x1234);
    msr(3, 0, 1, 0, 2, 3u << 20);                       /* CPACR_EL1 -> CPTR_EL2 */
    EQ(env.cptr_el2, 3u << 20);
    EQ(env.cpacr_el1, 0);
    msr(3, 0, 13, 0, 1, 77);                            /* CONTEXTIDR_EL1 -> CONTEXTIDR_EL2 */
    EQ(env.contextidr_el2, 77);
    /* The _EL12 aliases reach the EL1 registers. */
    msr(3, 5, 2, 0, 1, 0x2222000);                      /* TTBR1_EL12 */
    EQ(env.ttbr1_el[1], 0x2222000);
    EQ(mrs(3, 5, 2, 0, 1), 0x2222000);
    msr(3, 5, 1, 0, 2, 1u << 20);                       /* CPACR_EL12 */
    EQ(env.cpacr_el1, 1u << 20);
    msr(3, 5, 4, 0, 0, 0x3c5);                          /* SPSR_EL12 */
    EQ(env.spsr_el[1], 0x3c5);
    /* FP at EL2: CPTR_EL2 in the CPACR layout (FPEN 0b11 above): no trap; FPEN 0b00 traps to EL2. */
    EQ(arm_tbf_fptrap(arm_tb_flags(&env)), 0);
    env.cptr_el2 = 0;
    EQ(arm_tbf_fptrap(arm_tb_flags(&env)), 2);
    env.cptr_el2 = 1u << 20;                            /* 0b01: EL0 under TGE only */
    EQ(arm_tbf_fptrap(arm_tb_flags(&env)), 0);
    set_el(0);
    EQ(arm_tbf_fptrap(arm_tb_flags(&env)), 2);
    set_el(2);
    /* Without E2H, the EL1 encodings are the EL1 registers again. */
    msr(3, 4, 1, 1, 0, HCR_RW);
    msr(3, 0, 12, 0, 0, 0x9000);
    EQ(env.vbar_el[1], 0x9000);
    EQ(env.vbar_el[2], 0x8000);
    run1(MRS(3, 5, 2, 0, 1, 0));                        /* TTBR1_EL12 needs E2H */
    UNDEF();
}

static void test_vhe_timers(void)
{
    ArmTimerCpu tc;

    clock_set_manual(true);
    arm_timer_init(&tc, 0);
    sys_reset(ARM_CPU_MAX, true, false);
    env.timer = &tc;
    msr(3, 4, 1, 1, 0, HCR_E2H_TGE);
    msr(3, 3, 14, 3, 2, 1000);                          /* CNTV_CVAL_EL0 at EL2 -> CNTHV_CVAL_EL2 */
    EQ(arm_timer_get_cval(&tc, ARM_TIMER_HYPV), 1000);
    EQ(arm_timer_get_cval(&tc, ARM_TIMER_VIRT), 0);
    msr(3, 3, 14, 2, 2, 2000);                          /* CNTP_CVAL_EL0 -> CNTHP_CVAL_EL2 */
    EQ(arm_timer_get_cval(&tc, ARM_TIMER_HYP), 2000);
    msr(3, 5, 14, 3, 2, 3000);                          /* CNTV_CVAL_EL02: the EL1 virtual timer */
    EQ(arm_timer_get_cval(&tc, ARM_TIMER_VIRT), 3000);
    EQ(mrs(3, 4, 14, 3, 2), 1000);                      /* CNTHV_CVAL_EL2 */
    msr(3, 0, 14, 1, 0, 3);                             /* CNTKCTL_EL1 -> CNTHCTL_EL2 */
    EQ(arm_timer_get_cnthctl(&tc), 3);
    msr(3, 5, 14, 1, 0, 2);                             /* CNTKCTL_EL12 */
    EQ(arm_timer_get_cntkctl(&tc), 2);
    arm_timer_set_cntvoff(&tc, 5);
    EQ(mrs(3, 3, 14, 0, 2), arm_timer_read_cntpct(&tc)); /* CNTVCT in the EL2&0 regime: no offset */
    /* EL0 under TGE: CNTHCTL_EL2's EL0 bits open the counters, the timers are the EL2 ones. */
    set_el(0);
    CU_ASSERT_TRUE(arm_tb_flags(&env) & ARM_TBF_EL0VCTEN);
    CU_ASSERT_FALSE(arm_tb_flags(&env) & ARM_TBF_EL0PTEN);
    arm_timer_set_cnthctl(&tc, 3 | 1u << 9);
    msr(3, 3, 14, 2, 2, 4000);                          /* CNTP_CVAL_EL0 at EL0 -> CNTHP */
    EQ(arm_timer_get_cval(&tc, ARM_TIMER_HYP), 4000);
    EQ(arm_timer_get_cval(&tc, ARM_TIMER_PHYS), 0);
    run1(MRS(3, 5, 14, 2, 2, 0));                       /* _EL02 at EL0: UNDEFINED */
    UNDEF();
    env.timer = NULL;
    arm_timer_reset(&tc);
    clock_set_manual(false);
}

static void test_vhe_tlbi_at(void)
{
    const unsigned e20 = 1u << ARM_MMU_IDX_E20_0 | 1u << ARM_MMU_IDX_E20_2 | 1u << ARM_MMU_IDX_E20_2_PAN;

    sys_reset(ARM_CPU_MAX, true, false);
    install_hooks();
    env.hcr_el2 = HCR_E2H | HCR_RW;
    run1(SYS(0, 8, 7, 0, 31));                          /* TLBI VMALLE1 at EL2, TGE 0: EL1&0 */
    EQ(hk.mask, 7);
    env.hcr_el2 = HCR_E2H_TGE;
    run1(SYS(0, 8, 3, 0, 31));                          /* TLBI VMALLE1IS, E2H+TGE: EL2&0 */
    EQ(hk.mask, e20);
    env.xregs[3] = 0x0005000000000040ull;
    run1(SYS(0, 8, 7, 1, 3));                           /* TLBI VAE1 */
    EQ(hk.mask, e20);
    EQ(hk.va, 0x40000);

    arm_mmu_walk_fn = fake_walk;
    env.sctlr_el[2] |= SCTLR_M;
    env.ttbr1_el[2] = 0x7000;
    env.xregs[5] = 0x40001000;
    run1(SYS(4, 7, 8, 0, 5));                           /* AT S1E2R: the EL2&0 regime */
    EQ(env.par_el1 & 1, 0);
    EQ(last_regime.el, 2);
    CU_ASSERT_TRUE(last_regime.regime_has_two_ranges);
    EQ(last_regime.ttbr1, 0x7000);
    run1(SYS(0, 7, 8, 2, 5));                           /* AT S1E0R at EL2 under TGE: EL2&0 unprivileged */
    CU_ASSERT_TRUE(last_regime.unprivileged);
    EQ(last_regime.el, 2);
    arm_mmu_walk_fn = NULL;
}

static CU_TestInfo tests[] = {
    { "ids_a57", test_ids_a57 },
    { "ids_a72_max", test_ids_a72_max },
    { "ids_el_config_mpidr", test_ids_el_config_and_mpidr },
    { "unallocated_id_raz", test_unallocated_id_raz },
    { "reset_values", test_reset_values },
    { "plain_roundtrip", test_plain_roundtrip },
    { "el0_ctr_uct", test_el0_ctr_uct },
    { "el0_dc_zva_dze", test_el0_dc_zva_dze },
    { "el0_counters_cntkctl", test_el0_counters_cntkctl },
    { "el0_undefined", test_el0_undefined },
    { "undefined_at_el1", test_undefined_at_el1 },
    { "oslock", test_oslock },
    { "hcr_traps", test_hcr_traps },
    { "fp_trap", test_fp_trap },
    { "tb_flags", test_tb_flags },
    { "pstate_registers", test_pstate_registers },
    { "timer_forwarding", test_timer_forwarding },
    { "tlbi", test_tlbi },
    { "ic", test_ic },
    { "at", test_at },
    { "dc_by_va", test_dc_by_va },
    { "real_walker", test_real_walker },
    { "vhe_id_and_e2h", test_vhe_id_and_e2h },
    { "vhe_redirection", test_vhe_redirection },
    { "vhe_timers", test_vhe_timers },
    { "vhe_tlbi_at", test_vhe_tlbi_at },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return cunit_run_suite("sysregs", tests);
}
