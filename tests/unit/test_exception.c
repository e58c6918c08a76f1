/*
 * Unit tests of the exception model of the system CPU: entry for each
 * synchronous class the translator raises (ESR, ELR, SPSR, FAR, vector
 * address by source and type, SP selection, DAIF, PAN), interrupts (routing,
 * masking, vectors), ERET incl. an illegal return, MSR DAIFSet/DAIFClr and
 * SPSel, WFI, WFE and its event register, HVC/SMC through the PSCI hook, aborts from arm_tlb_fill.
 * Instructions run through the translator and the IR interpreter under the
 * TB flags of the state, then arm_cpu_handle_exception_exit() does what the
 * system cpu loop does after IR_EXIT_EXCEPTION.
 */
#include <setjmp.h>
#include <string.h>
#include "runner.h"
#include "accel/exec.h"
#include "accel/user-mem.h"
#include "tcg/interp.h"
#include "target-arm/cpu-models.h"
#include "target-arm/exception.h"
#include "target-arm/helpers-sys.h"
#include "target-arm/mmu.h"
#include "target-arm/sysregs.h"
#include "target-arm/tlb-fill.h"
#include "target-arm/translate.h"
#include "target-arm/wfe.h"

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

/* C6.2 encodings */
#define SVC(i) (0xd4000001u | (i) << 5)
#define HVC(i) (0xd4000002u | (i) << 5)
#define SMC(i) (0xd4000003u | (i) << 5)
#define BRK(i) (0xd4200000u | (i) << 5)
#define ERET 0xd69f03e0u
#define WFI 0xd503207fu
#define WFE 0xd503205fu
#define NOP 0xd503201fu
#define UDF 0x00000000u
static uint32_t MSRI(unsigned op1, unsigned op2, unsigned crm)
{
    return 0xd500401fu | op1 << 16 | crm << 8 | op2 << 5;
}
#define DAIFSET(m) MSRI(3, 6, m)
#define DAIFCLR(m) MSRI(3, 7, m)
#define SPSEL(m) MSRI(0, 5, m)
#define PAN(m) MSRI(0, 4, m)

#define VBAR1 0x10000ull
#define VBAR2 0x20000ull
#define VBAR3 0x30000ull

static void sys_reset(ArmCpuModel model, bool el2, bool el3)
{
    memset(&env, 0, sizeof(env));
    arm_set_cpu_model(model);
    arm_cpu_reset_system(&env, model, 0, el2, el3);
    memset(mem, 0, sizeof(mem));
    memset(&arm_tlb_flush_hooks, 0, sizeof(arm_tlb_flush_hooks));
    arm_mmu_walk_fn = NULL;
    env.vbar_el[1] = VBAR1;
    env.vbar_el[2] = VBAR2;
    env.vbar_el[3] = VBAR3;
    /* Distinct stack pointers per bank. */
    env.sp_el[0] = 0xE000;
    env.sp_el[1] = 0xE100;
    env.sp_el[2] = 0xE200;
    env.sp_el[3] = 0xE300;
    env.sp = env.sp_el[env.pstate_el];
}

static void set_el(unsigned el, unsigned spsel)
{
    arm_set_el_sp(&env, el, spsel);
}

static long run_at(uint64_t pc, uint32_t insn)
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
    memcpy(mem + (pc & ~3ull), &insn, 4);
    env.pc = pc;
    env.exception_class = ARM_EXC_NONE;
    ir_reset(&ir);
    arm_translate_block_flags(&ir, pc, arm_cpu_features(), arm_tb_flags(&env), 1, fetch, NULL);
    ir_optimize(&ir);
    ir_interp_free(b);
    b = ir_interp_prepare(&ir);
    if (sigsetjmp(fault_jmp, 1)) {
        return -1;
    }
    return (long)ir_interp_run(b, &env, &cfg, TOKEN);
}

static long run1(uint32_t insn)
{
    return run_at(CODE, insn);
}

/* Run and take the exception it raised, as the cpu loop would. */
static void run_take(uint32_t insn)
{
    CU_ASSERT_EQUAL(run1(insn), IR_EXIT_EXCEPTION);
    CU_ASSERT_TRUE(arm_cpu_handle_exception_exit(&env));
}

#define EQ(a, b) CU_ASSERT_EQUAL((uint64_t)(a), (uint64_t)(b))

/* ------------------------------------------------------------------ */

static void test_svc_from_el0(void)
{
    sys_reset(ARM_CPU_CORTEX_A57, false, false);
    set_el(0, 0);
    env.daif = 0;
    arm_set_nzcv(&env, 0x90000000);
    run_take(SVC(0x42));
    EQ(env.pstate_el, 1);
    EQ(env.spsel, 1);
    EQ(env.esr_el[1], 0x56000042);                      /* EC 0x15, IL, imm16 */
    EQ(env.elr_el[1], CODE + 4);                        /* preferred return: next instruction */
    EQ(env.spsr_el[1], 0x90000000);                     /* NZCV, EL0t, nothing masked */
    EQ(env.pc, VBAR1 + 0x400);                          /* lower EL, AArch64, synchronous */
    EQ(env.daif, PSTATE_DAIF);
    EQ(env.sp, 0xE100);                                 /* SP_EL1 */
    EQ(env.sp_el[0], 0xE000);
}

static void test_vector_offsets_sync(void)
{
    sys_reset(ARM_CPU_CORTEX_A57, false, false);       /* EL1h */
    run_take(SVC(1));
    EQ(env.pc, VBAR1 + 0x200);                          /* current EL with SPx */
    EQ(env.spsr_el[1] & 0xf, 5);                        /* EL1h */
    EQ(env.spsr_el[1] & PSTATE_DAIF, PSTATE_DAIF);

    sys_reset(ARM_CPU_CORTEX_A57, false, false);
    set_el(1, 0);                                       /* EL1t */
    EQ(env.sp, 0xE000);
    run_take(SVC(1));
    EQ(env.pc, VBAR1 + 0x000);                          /* current EL with SP0 */
    EQ(env.spsr_el[1] & 0xf, 4);
    EQ(env.sp, 0xE100);                                 /* exception entry selects SP_EL1 */
}

static void test_brk_udf(void)
{
    sys_reset(ARM_CPU_CORTEX_A57, false, false);
    set_el(0, 0);
    run_take(BRK(0x123));
    EQ(env.esr_el[1], (0x3cu << 26) | ARM_ESR_IL | 0x123);
    EQ(env.elr_el[1], CODE);                            /* BRK returns to itself */
    EQ(env.pc, VBAR1 + 0x400);

    set_el(0, 0);
    run_take(UDF);
    EQ(env.esr_el[1], ARM_ESR_IL);                      /* EC 0 uncategorized */
    EQ(env.elr_el[1], CODE);

    /* ERET, HVC, SMC, MSR DAIFSet (UMA 0) at EL0 */
    set_el(0, 0);
    run_take(ERET);
    EQ(env.esr_el[1], ARM_ESR_IL);
    set_el(0, 0);
    run_take(HVC(0));
    EQ(env.esr_el[1], ARM_ESR_IL);
    set_el(0, 0);
    run_take(DAIFSET(2));
    EQ(env.esr_el[1] >> 26, EC_SYSREG);
}

static void test_esr_encodings(void)
{
    EQ(syn_svc(0xffff), 0x5600ffff);
    EQ(syn_hvc(1), 0x5a000001);
    EQ(syn_smc(2), 0x5e000002);
    EQ(syn_brk(3), 0xf2000003);
    EQ(syn_uncategorized(), 0x02000000);
    EQ(syn_pc_align(), 0x8a000000);
    EQ(syn_sp_align(), 0x9a000000);
    EQ(syn_illegal_state(), 0x3a000000);
    EQ(syn_insn_abort(false, false, 0x07), 0x82000007);
    EQ(syn_insn_abort(true, true, 0x0f), 0x8600008f);
    EQ(syn_data_abort(false, false, false, true, 0x05), 0x92000045);
    EQ(syn_data_abort(true, true, false, true, 0x06), 0x96000146);
    EQ(syn_wfx(false), 0x07e00000);
    EQ(syn_wfx(true), 0x07e00001);
    EQ(syn_breakpoint(false), 0xc2000022);
    EQ(syn_softstep(true, true, false), 0xcf000022);
    EQ(syn_watchpoint(true, false, true), 0xd6000062);
    /* MRS x3, SCTLR_EL1: Op0 3, Op2 0, Op1 0, CRn 1, Rt 3, CRm 0, read */
    EQ(syn_sysreg(3, 0, 1, 0, 0, 3, true), 0x62300461);
}

static void test_pan_on_entry(void)
{
    sys_reset(ARM_CPU_MAX, false, false);
    EQ(env.sctlr_el[1] & SCTLR_SPAN, SCTLR_SPAN);       /* reset: RES1 in v8.0, so PAN is left alone */
    env.sctlr_el[1] &= ~SCTLR_SPAN;
    set_el(0, 0);
    run_take(SVC(0));
    EQ(env.pan, 1);                                     /* SCTLR_EL1.SPAN = 0 */
    CU_ASSERT_TRUE(arm_tb_flags(&env) & ARM_TBF_PAN);
    EQ(arm_current_mmu_idx(&env), ARM_MMU_IDX_EL1_PAN);
    EQ(run1(PAN(0)), IR_EXIT_NORMAL);                    /* MSR PAN, #0 */
    EQ(env.pan, 0);
    env.sctlr_el[1] |= SCTLR_SPAN;
    set_el(0, 0);
    run_take(SVC(0));
    EQ(env.pan, 0);
    /* A CPU without FEAT_PAN leaves PAN alone, and MSR PAN is UNDEFINED. */
    sys_reset(ARM_CPU_CORTEX_A57, false, false);
    env.sctlr_el[1] &= ~SCTLR_SPAN;
    set_el(0, 0);
    run_take(SVC(0));
    EQ(env.pan, 0);
    run1(PAN(1));
    EQ(env.exception_class, ARM_EXC_UNDEF);
}

static void test_eret_to_el0(void)
{
    sys_reset(ARM_CPU_CORTEX_A57, false, false);
    env.spsr_el[1] = 0x60000000 | PSTATE_F;             /* EL0t, ZC, FIQ masked */
    env.elr_el[1] = 0x2000;
    EQ(run1(ERET), IR_EXIT_NORMAL);
    EQ(env.pc, 0x2000);
    EQ(env.pstate_el, 0);
    EQ(env.spsel, 0);
    EQ(env.sp, 0xE000);
    EQ(env.sp_el[1], 0xE100);
    EQ(env.daif, PSTATE_F);
    EQ(arm_get_nzcv(&env), 0x60000000);
    EQ(env.il, 0);
    /* and back with an SVC, then ERET again to the instruction after it */
    run_at(0x2000, SVC(7));
    CU_ASSERT_TRUE(arm_cpu_handle_exception_exit(&env));
    EQ(env.elr_el[1], 0x2004);
    EQ(env.spsr_el[1], 0x60000000 | PSTATE_F);
    run1(ERET);
    EQ(env.pc, 0x2004);
    EQ(env.pstate_el, 0);
}

static void test_eret_to_el1_and_el2(void)
{
    sys_reset(ARM_CPU_CORTEX_A57, true, false);         /* starts at EL2 */
    env.spsr_el[2] = 5 | PSTATE_DAIF;                   /* EL1h */
    env.elr_el[2] = 0x3000;
    run1(ERET);
    EQ(env.pstate_el, 1);
    EQ(env.spsel, 1);
    EQ(env.sp, 0xE100);
    EQ(env.pc, 0x3000);
    EQ(env.sp_el[2], 0xE200);
    /* EL1t */
    env.spsr_el[1] = 4;
    env.elr_el[1] = 0x3100;
    run1(ERET);
    EQ(env.pstate_el, 1);
    EQ(env.spsel, 0);
    EQ(env.sp, 0xE000);
    EQ(env.daif, 0);
}

static void test_illegal_return(void)
{
    sys_reset(ARM_CPU_CORTEX_A57, false, false);
    env.spsr_el[1] = 9 | 0x80000000;                    /* EL2h: no EL2 here */
    env.elr_el[1] = 0x2000;
    run1(ERET);
    EQ(env.pc, 0x2000);                                 /* pc still from ELR */
    EQ(env.pstate_el, 1);                               /* EL and SP unchanged */
    EQ(env.spsel, 1);
    EQ(env.il, 1);
    EQ(arm_get_nzcv(&env), 0x80000000);                 /* the rest from SPSR */
    CU_ASSERT_TRUE(arm_tb_flags(&env) & ARM_TBF_IL);
    /* The next instruction takes an Illegal Execution State exception, with SPSR.IL set. */
    run_at(0x2000, NOP);
    CU_ASSERT_TRUE(arm_cpu_handle_exception_exit(&env));
    EQ(env.esr_el[1], syn_illegal_state());
    EQ(env.elr_el[1], 0x2000);
    EQ(env.spsr_el[1] & PSTATE_IL, PSTATE_IL);
    EQ(env.il, 0);
    EQ(env.pc, VBAR1 + 0x200);

    /* Other illegal returns: AArch32, M[1], EL0 with SP_EL1. */
    sys_reset(ARM_CPU_CORTEX_A57, false, false);
    env.spsr_el[1] = 0x10;
    run1(ERET);
    EQ(env.il, 1);
    sys_reset(ARM_CPU_CORTEX_A57, false, false);
    env.spsr_el[1] = 1;                                 /* EL0 "h" */
    run1(ERET);
    EQ(env.il, 1);
    EQ(env.pstate_el, 1);
    sys_reset(ARM_CPU_CORTEX_A57, false, false);
    env.spsr_el[1] = 6;
    run1(ERET);
    EQ(env.il, 1);
}

static void test_daif_set_clr(void)
{
    sys_reset(ARM_CPU_CORTEX_A57, false, false);
    EQ(run1(DAIFCLR(0xf)), IR_EXIT_NORMAL);              /* may unmask: ends the block */
    EQ(env.daif, 0);
    EQ(env.pc, CODE + 4);
    run1(DAIFSET(2));                                   /* I */
    EQ(env.daif, PSTATE_I);
    run1(DAIFSET(9));                                   /* D, F */
    EQ(env.daif, PSTATE_I | PSTATE_D | PSTATE_F);
    run1(DAIFCLR(2));
    EQ(env.daif, PSTATE_D | PSTATE_F);
    /* Unmasking a pending interrupt asks the cpu loop to come back to the board. */
    env.exit_request = 0;
    arm_cpu_set_irq(&env, true);
    run1(DAIFSET(2));
    EQ(env.exit_request, 0);
    run1(DAIFCLR(2));
    EQ(env.exit_request, 1);
    arm_cpu_set_irq(&env, false);
    env.exit_request = 0;
    /* EL0 with SCTLR_EL1.UMA */
    set_el(0, 0);
    env.sctlr_el[1] |= SCTLR_UMA;
    run1(DAIFSET(4));
    EQ(env.daif, PSTATE_D | PSTATE_F | PSTATE_A);
    EQ(env.exception_class, ARM_EXC_NONE);
}

static void test_spsel(void)
{
    sys_reset(ARM_CPU_CORTEX_A57, false, false);
    EQ(env.sp, 0xE100);
    env.sp = 0xD100;                                    /* the program moved SP_EL1 */
    EQ(run1(SPSEL(0)), IR_EXIT_NORMAL);
    EQ(env.spsel, 0);
    EQ(env.sp, 0xE000);                                 /* now SP_EL0 */
    EQ(env.sp_el[1], 0xD100);                           /* SP_EL1 saved */
    run1(SPSEL(1));
    EQ(env.sp, 0xD100);
    /* MSR SPSel, Xt and MRS through the table */
    env.xregs[2] = 0;
    run1(0xd5184202u);                                  /* MSR SPSel, x2 */
    EQ(env.spsel, 0);
    EQ(env.sp, 0xE000);
    /* SP_EL0 from EL1h (Linux keeps `current` there) */
    run1(SPSEL(1));
    env.xregs[4] = 0xC0FFEE;
    run1(0xd5184104u);                                  /* MSR SP_EL0, x4 */
    EQ(env.sp_el[0], 0xC0FFEE);
    EQ(env.sp, 0xD100);
    run1(0xd5384105u);                                  /* MRS x5, SP_EL0 */
    EQ(env.xregs[5], 0xC0FFEE);
    run1(SPSEL(0));
    EQ(env.sp, 0xC0FFEE);
    run1(0xd5384105u);                                  /* now the current SP: UNDEFINED */
    EQ(env.exception_class, ARM_EXC_UNDEF);
    /* MRS SP_EL1 from EL2 */
    sys_reset(ARM_CPU_CORTEX_A57, true, false);
    run1(0xd53c4103u);                                  /* MRS x3, SP_EL1 */
    EQ(env.xregs[3], 0xE100);
}

static void test_interrupt_masking(void)
{
    sys_reset(ARM_CPU_CORTEX_A57, false, false);
    EQ(arm_cpu_irq_pending(&env), -1);
    arm_cpu_set_irq(&env, true);
    EQ(arm_cpu_irq_pending(&env), -1);                  /* PSTATE.I */
    CU_ASSERT_TRUE(arm_cpu_has_work(&env));             /* but WFI wakes */
    env.daif = PSTATE_F;
    EQ(arm_cpu_irq_pending(&env), ARM_EXCP_IRQ);
    arm_cpu_set_fiq(&env, true);
    EQ(arm_cpu_irq_pending(&env), ARM_EXCP_IRQ);        /* FIQ masked */
    env.daif = 0;
    EQ(arm_cpu_irq_pending(&env), ARM_EXCP_FIQ);        /* FIQ first */
    arm_cpu_set_fiq(&env, false);
    arm_cpu_set_irq(&env, false);
    EQ(arm_cpu_irq_pending(&env), -1);
    CU_ASSERT_FALSE(arm_cpu_has_work(&env));
    arm_cpu_set_serror(&env, true);
    env.daif = PSTATE_A;
    EQ(arm_cpu_irq_pending(&env), -1);
    env.daif = 0;
    EQ(arm_cpu_irq_pending(&env), ARM_EXCP_SERROR);
}

static void test_interrupt_vectors(void)
{
    sys_reset(ARM_CPU_CORTEX_A57, false, false);
    env.daif = 0;
    env.pc = 0x1234;
    arm_cpu_set_irq(&env, true);
    env.esr_el[1] = 0x5555;
    CU_ASSERT_TRUE(arm_cpu_exec_interrupt(&env));
    EQ(env.pc, VBAR1 + 0x280);                          /* current EL SPx, IRQ */
    EQ(env.elr_el[1], 0x1234);
    EQ(env.esr_el[1], 0x5555);                          /* IRQs do not write ESR */
    EQ(env.daif, PSTATE_DAIF);
    CU_ASSERT_FALSE(arm_cpu_exec_interrupt(&env));      /* now masked */
    arm_cpu_set_irq(&env, false);

    set_el(0, 0);
    env.daif = 0;
    arm_cpu_set_fiq(&env, true);
    CU_ASSERT_TRUE(arm_cpu_exec_interrupt(&env));
    EQ(env.pc, VBAR1 + 0x500);                          /* lower EL, FIQ */
    arm_cpu_set_fiq(&env, false);

    set_el(1, 0);
    env.daif = 0;
    arm_cpu_set_serror(&env, true);
    CU_ASSERT_TRUE(arm_cpu_exec_interrupt(&env));
    EQ(env.pc, VBAR1 + 0x180);                          /* current EL SP0, SError */
    EQ(env.esr_el[1] >> 26, EC_SERROR);
}

static void test_interrupt_routing(void)
{
    sys_reset(ARM_CPU_CORTEX_A57, true, false);
    env.hcr_el2 = HCR_IMO | HCR_RW;
    set_el(1, 1);
    env.daif = PSTATE_DAIF;                             /* masked at EL1 ... */
    arm_cpu_set_irq(&env, true);
    EQ(arm_cpu_irq_pending(&env), ARM_EXCP_IRQ);        /* ... but it goes to EL2 */
    CU_ASSERT_TRUE(arm_cpu_exec_interrupt(&env));
    EQ(env.pstate_el, 2);
    EQ(env.pc, VBAR2 + 0x480);
    /* At EL2 with I masked it waits. */
    EQ(arm_cpu_irq_pending(&env), -1);
    arm_cpu_set_irq(&env, false);

    /* A virtual IRQ from HCR_EL2.VI goes to EL1, masked by PSTATE.I. */
    set_el(1, 1);
    env.hcr_el2 = HCR_IMO | HCR_VI;
    env.daif = PSTATE_I;
    EQ(arm_cpu_irq_pending(&env), -1);
    env.daif = 0;
    EQ(arm_cpu_irq_pending(&env), ARM_EXCP_IRQ);
    CU_ASSERT_TRUE(arm_cpu_exec_interrupt(&env));
    EQ(env.pstate_el, 1);
    EQ(env.pc, VBAR1 + 0x280);

    /* An IRQ that routes to EL1 is not taken at EL2. */
    sys_reset(ARM_CPU_CORTEX_A57, true, false);
    env.daif = 0;
    arm_cpu_set_irq(&env, true);
    EQ(arm_cpu_irq_pending(&env), -1);

    /* SCR_EL3.IRQ routes to EL3 regardless of PSTATE at lower ELs. */
    sys_reset(ARM_CPU_CORTEX_A57, false, true);
    env.scr_el3 = SCR_IRQ | SCR_RW | SCR_NS;
    set_el(1, 1);
    env.daif = PSTATE_DAIF;
    arm_cpu_set_irq(&env, true);
    CU_ASSERT_TRUE(arm_cpu_exec_interrupt(&env));
    EQ(env.pstate_el, 3);
    EQ(env.pc, VBAR3 + 0x480);
}

static void test_isr(void)
{
    sys_reset(ARM_CPU_CORTEX_A57, false, false);
    arm_cpu_set_irq(&env, true);
    run1(0xd538c100u);                                  /* MRS x0, ISR_EL1 */
    EQ(env.xregs[0], 1u << 7);
    arm_cpu_set_fiq(&env, true);
    run1(0xd538c100u);
    EQ(env.xregs[0], 3u << 6);
}

static void test_wfi_wfe(void)
{
    sys_reset(ARM_CPU_CORTEX_A57, false, false);
    EQ(run1(WFI), IR_EXIT_HALT);
    EQ(env.pc, CODE + 4);
    EQ(run1(WFE), ARM_EXIT_WFE);      /* the event register is clear after reset */
    EQ(env.pc, CODE + 4);
    /* EL0 with nTWI = 0 traps to EL1 */
    set_el(0, 0);
    run_take(WFI);
    EQ(env.esr_el[1], syn_wfx(false));
    EQ(env.elr_el[1], CODE);
    set_el(0, 0);
    env.sctlr_el[1] |= SCTLR_nTWI | SCTLR_nTWE;
    EQ(run1(WFI), IR_EXIT_HALT);
    env.event_reg = 0;                /* set by the trap's exception entry */
    EQ(run1(WFE), ARM_EXIT_WFE);
    /* HCR_EL2.TWI traps EL1's WFI to EL2 */
    sys_reset(ARM_CPU_CORTEX_A57, true, false);
    env.hcr_el2 = HCR_TWI;
    set_el(1, 1);
    run_take(WFI);
    EQ(env.pstate_el, 2);
    EQ(env.esr_el[2], syn_wfx(false));
}

/* D1.16.1: what sets the event register, and WFE consuming it. */
#define SEV 0xd503209fu
#define SEVL 0xd50320bfu

static unsigned sev_calls;
static void count_sev(CPUARMState *e)
{
    sev_calls++;
    e->event_reg = 1;
}

static void test_wfe_event_register(void)
{
    sys_reset(ARM_CPU_CORTEX_A57, false, false);
    EQ(env.event_reg, 0);
    run1(SEVL);
    EQ(env.event_reg, 1);
    EQ(run1(WFE), IR_EXIT_NORMAL);     /* set: cleared, and WFE completes at once */
    EQ(env.event_reg, 0);
    EQ(env.pc, CODE + 4);
    EQ(run1(WFE), ARM_EXIT_WFE);
    /* SEV without a board hook still reaches this CPU; with one, the hook does it all. */
    run1(SEV);
    EQ(env.event_reg, 1);
    env.event_reg = 0;
    env.send_event = count_sev;
    run1(SEV);
    EQ(sev_calls, 1);
    EQ(env.event_reg, 1);
    /* Exception entry and return set it. */
    env.event_reg = 0;
    run_take(SVC(1));
    EQ(env.event_reg, 1);
    env.event_reg = 0;
    run1(ERET);
    EQ(env.event_reg, 1);
    /* A rising interrupt line sets it, masked or not; a line staying up does not. */
    env.daif = PSTATE_DAIF;
    env.event_reg = 0;
    arm_cpu_set_irq(&env, true);
    EQ(env.event_reg, 1);
    env.event_reg = 0;
    arm_cpu_set_irq(&env, true);
    EQ(env.event_reg, 0);
    arm_cpu_set_irq(&env, false);
    EQ(env.event_reg, 0);
    arm_cpu_set_fiq(&env, true);
    EQ(env.event_reg, 1);
    /* Reset keeps the board's hook. */
    arm_cpu_reset_system(&env, ARM_CPU_CORTEX_A57, 0, false, false);
    CU_ASSERT_PTR_EQUAL(env.send_event, count_sev);
}

/* Physical memory for arm_wfe_*: mem, flat. */
static bool wfe_read64(void *opaque, uint64_t pa, uint64_t *val)
{
    if (pa + 8 > MEM_SIZE) {
        return false;
    }
    memcpy(val, mem + pa, 8);
    return true;
}

static const ArmMMUPhys wfe_phys = { .read64 = wfe_read64 };

static void test_wfe_wake(void)
{
    ArmWfeWait w;

    sys_reset(ARM_CPU_CORTEX_A57, false, false);
    env.mmu_phys = &wfe_phys;
    /* Nothing armed: only an event or a deliverable interrupt ends the wait. */
    arm_wfe_prepare(&env, &w);
    CU_ASSERT_FALSE(w.watch);
    EQ(w.stream_ns, -1);               /* no timer */
    CU_ASSERT_FALSE(arm_wfe_done(&env, &w, 0));
    env.event_reg = 1;
    CU_ASSERT_TRUE(arm_wfe_done(&env, &w, 0));
    EQ(env.event_reg, 0);              /* consumed */
    env.daif = 0;
    env.irq_line = 1;
    CU_ASSERT_TRUE(arm_wfe_done(&env, &w, 0));
    env.daif = PSTATE_DAIF;            /* masked and already up: not a new event */
    CU_ASSERT_FALSE(arm_wfe_done(&env, &w, 0));
    env.irq_line = 0;
    /* The event stream's deadline. */
    w.stream_ns = 1000;
    CU_ASSERT_FALSE(arm_wfe_done(&env, &w, 999));
    CU_ASSERT_TRUE(arm_wfe_done(&env, &w, 1000));

    /* LDXRH at DATA + 2 arms the monitor on those two bytes (the MMU is off: VA = PA). */
    mem[DATA + 2] = 0x34;
    mem[DATA + 3] = 0x12;
    env.xregs[1] = DATA + 2;
    run1(0x485f7c20u);                 /* LDXRH w0, [x1] */
    EQ(env.xregs[0], 0x1234);
    EQ(env.excl_size, 2);
    arm_wfe_prepare(&env, &w);
    CU_ASSERT_TRUE(w.watch);
    CU_ASSERT_FALSE(arm_wfe_done(&env, &w, 0));
    mem[DATA + 4] = 0xff;              /* a neighbour outside the monitored bytes */
    CU_ASSERT_FALSE(arm_wfe_done(&env, &w, 0));
    mem[DATA + 3] = 0x00;              /* another CPU's store to them */
    CU_ASSERT_TRUE(arm_wfe_done(&env, &w, 0));
    /* CLREX opens the monitor: nothing to watch. */
    run1(0xd5033f5fu);
    arm_wfe_prepare(&env, &w);
    CU_ASSERT_FALSE(w.watch);
}

/* --- HVC/SMC and the PSCI hook --- */

static int psci_calls;
static bool psci_was_smc;
static uint32_t psci_imm;
static int psci_ret;

static int fake_psci(CPUARMState *e, bool is_smc, uint32_t imm16)
{
    psci_calls++;
    psci_was_smc = is_smc;
    psci_imm = imm16;
    if (psci_ret == ARM_PSCI_DONE) {
        e->xregs[0] = e->xregs[0] == 0x84000000 ? 0x10001 : (uint64_t)-1;   /* PSCI_VERSION 1.1 */
    }
    return psci_ret;
}

static void test_hvc_psci(void)
{
    sys_reset(ARM_CPU_CORTEX_A57, false, false);
    run1(HVC(0));                                       /* no firmware model: UNDEFINED */
    EQ(env.exception_class, ARM_EXC_UNDEF);
    EQ(env.pc, CODE);

    env.psci_call = fake_psci;
    psci_calls = 0;
    psci_ret = ARM_PSCI_DONE;
    env.xregs[0] = 0x84000000;
    EQ(run1(HVC(0)), IR_EXIT_NORMAL);
    EQ(psci_calls, 1);
    CU_ASSERT_FALSE(psci_was_smc);
    EQ(env.xregs[0], 0x10001);
    EQ(env.pc, CODE + 4);
    EQ(env.pstate_el, 1);

    env.xregs[0] = 0x84000000;
    EQ(run1(SMC(5)), IR_EXIT_NORMAL);
    CU_ASSERT_TRUE(psci_was_smc);
    EQ(psci_imm, 5);
    EQ(env.xregs[0], 0x10001);

    psci_ret = ARM_PSCI_HALT;                           /* CPU_OFF */
    EQ(run1(HVC(0)), IR_EXIT_HALT);
    EQ(env.pc, CODE + 4);
    psci_ret = ARM_PSCI_UNDEF;
    EQ(run1(HVC(0)), IR_EXIT_EXCEPTION);
    EQ(env.exception_class, ARM_EXC_UNDEF);
    EQ(psci_calls, 4);
}

static void test_hvc_smc_exceptions(void)
{
    sys_reset(ARM_CPU_CORTEX_A57, true, true);
    env.psci_call = fake_psci;
    psci_calls = 0;
    set_el(1, 1);
    run_take(HVC(0x11));
    EQ(env.pstate_el, 2);
    EQ(env.esr_el[2], syn_hvc(0x11));
    EQ(env.elr_el[2], CODE + 4);
    EQ(env.pc, VBAR2 + 0x400);
    run_take(SMC(0x22));
    EQ(env.pstate_el, 3);
    EQ(env.esr_el[3], syn_smc(0x22));
    EQ(env.elr_el[3], CODE + 4);
    EQ(env.pc, VBAR3 + 0x400);
    EQ(psci_calls, 0);                                  /* real firmware ELs: no hook */

    /* HCR_EL2.TSC: SMC from EL1 traps to EL2, returning to the SMC. */
    sys_reset(ARM_CPU_CORTEX_A57, true, true);
    env.hcr_el2 = HCR_TSC;
    set_el(1, 1);
    run_take(SMC(0));
    EQ(env.pstate_el, 2);
    EQ(env.elr_el[2], CODE);
    EQ(env.esr_el[2] >> 26, EC_SMC64);

    /* EL3 without EL2: HVC is UNDEFINED */
    sys_reset(ARM_CPU_CORTEX_A57, false, true);
    set_el(1, 1);
    run1(HVC(0));
    EQ(env.exception_class, ARM_EXC_UNDEF);
}

/* --- aborts from arm_tlb_fill (fake walker) and PC alignment --- */

static bool fake_walk(CPUARMState *e, const ArmRegime *r, uint64_t va, int access, ArmWalkResult *res)
{
    if (va < 0x100000) {
        res->pa = va;
        res->prot = PAGE_READ | PAGE_WRITE | PAGE_EXEC;
        res->page_bits = 12;
        return true;
    }
    res->fsc = ARM_FSC_TRANSLATION_L0 + 3;
    res->s1ptw = va >= 0x200000;
    return false;
}

static void test_aborts(void)
{
    uint64_t pa;
    unsigned prot, bits;

    sys_reset(ARM_CPU_CORTEX_A57, false, false);
    arm_mmu_walk_fn = fake_walk;
    /* MMU off: flat, no walk. */
    CU_ASSERT_TRUE(arm_tlb_fill(&env, 0x40000000, EXEC_ACCESS_WRITE, ARM_MMU_IDX_EL1, false, &pa, &prot, &bits));
    EQ(pa, 0x40000000);
    EQ(prot, PAGE_READ | PAGE_WRITE | PAGE_EXEC);
    EQ(bits, 12);
    CU_ASSERT_FALSE(arm_tlb_fill(&env, 1ull << 44, EXEC_ACCESS_READ, ARM_MMU_IDX_EL1, false, &pa, &prot, &bits));
    EQ(env.exception_syndrome & 0x3f, ARM_FSC_ADDR_SIZE_L0);   /* beyond the 44-bit PA */

    env.sctlr_el[1] |= SCTLR_M;
    CU_ASSERT_TRUE(arm_tlb_fill(&env, 0x5000, EXEC_ACCESS_READ, ARM_MMU_IDX_EL1, false, &pa, &prot, &bits));
    EQ(pa, 0x5000);
    /* probe: no exception recorded */
    env.exception_class = ARM_EXC_NONE;
    CU_ASSERT_FALSE(arm_tlb_fill(&env, 0x150000, EXEC_ACCESS_READ, ARM_MMU_IDX_EL1, true, &pa, &prot, &bits));
    EQ(env.exception_class, ARM_EXC_NONE);
    /* data abort, same EL, write */
    CU_ASSERT_FALSE(arm_tlb_fill(&env, 0x150008, EXEC_ACCESS_WRITE, ARM_MMU_IDX_EL1, false, &pa, &prot, &bits));
    EQ(env.exception_class, ARM_EXC_ESR);
    EQ(env.exception_syndrome, syn_data_abort(true, false, false, true, 0x07));
    env.pc = 0x1230;
    CU_ASSERT_TRUE(arm_cpu_handle_exception_exit(&env));
    EQ(env.esr_el[1], 0x96000047);
    EQ(env.far_el[1], 0x150008);
    EQ(env.elr_el[1], 0x1230);
    EQ(env.pc, VBAR1 + 0x200);
    /* instruction abort from EL0, stage-1 walk fault */
    set_el(0, 0);
    CU_ASSERT_FALSE(arm_tlb_fill(&env, 0x200000, EXEC_ACCESS_FETCH, ARM_MMU_IDX_EL0, false, &pa, &prot, &bits));
    EQ(env.exception_syndrome, syn_insn_abort(false, true, 0x07));
    env.pc = 0x200000;
    CU_ASSERT_TRUE(arm_cpu_handle_exception_exit(&env));
    EQ(env.esr_el[1] >> 26, EC_INSN_ABORT_LOWER);
    EQ(env.far_el[1], 0x200000);
    EQ(env.pc, VBAR1 + 0x400);

    /* The translator's own fetch failure (ARM_EXC_INSN_ABORT) is redone through the walker. */
    set_el(0, 0);
    env.exception_class = ARM_EXC_INSN_ABORT;
    env.exception_addr = 0x180000;
    env.pc = 0x180000;
    CU_ASSERT_TRUE(arm_cpu_handle_exception_exit(&env));
    EQ(env.esr_el[1], syn_insn_abort(false, false, 0x07));
    EQ(env.far_el[1], 0x180000);
    /* ... and if the page is there now, the instruction is simply retried. */
    env.exception_class = ARM_EXC_INSN_ABORT;
    env.exception_addr = 0x3000;
    CU_ASSERT_FALSE(arm_cpu_handle_exception_exit(&env));
    /* Alignment fault reported by the softmmu. */
    env.exception_class = ARM_EXC_ALIGNMENT;
    env.exception_syndrome = 1;
    env.exception_addr = 0x1001;
    CU_ASSERT_TRUE(arm_cpu_handle_exception_exit(&env));
    EQ(env.esr_el[1], syn_data_abort(true, false, false, true, ARM_FSC_ALIGNMENT));
    EQ(env.far_el[1], 0x1001);
    arm_mmu_walk_fn = NULL;
}

static void test_pc_alignment(void)
{
    sys_reset(ARM_CPU_CORTEX_A57, false, false);
    EQ(run_at(CODE + 2, NOP), IR_EXIT_EXCEPTION);
    CU_ASSERT_TRUE(arm_cpu_handle_exception_exit(&env));
    EQ(env.esr_el[1], syn_pc_align());
    EQ(env.far_el[1], CODE + 2);
    EQ(env.elr_el[1], CODE + 2);
}

static void test_user_mode_unchanged(void)
{
    /* flags 0: the linux-user translation (SVC/UNDEF classes, no PSTATE) */
    memset(&env, 0, sizeof(env));
    env.zf = 1;
    EQ(arm_tb_flags(&env), 0);
    EQ(run1(SVC(3)), IR_EXIT_EXCEPTION);
    EQ(env.exception_class, ARM_EXC_SVC);
    EQ(env.exception_syndrome, 3);
    EQ(env.pc, CODE + 4);
    run1(ERET);
    EQ(env.exception_class, ARM_EXC_UNDEF);
    run1(HVC(0));
    EQ(env.exception_class, ARM_EXC_UNDEF);
    EQ(run1(WFI), TOKEN);                                /* a NOP */
    run1(DAIFSET(2));
    EQ(env.exception_class, ARM_EXC_UNDEF);
}

/* SCR_EL3.SMD: SMC from EL1 is UNDEFINED there (ESR EC 0, ELR the SMC); without SMD it goes to EL3. */
static void test_smc_disabled_by_scr(void)
{
    sys_reset(ARM_CPU_CORTEX_A57, false, true);
    env.scr_el3 = SCR_NS | SCR_RW;
    set_el(1, 1);
    run_take(SMC(7));
    EQ(env.pstate_el, 3);
    EQ(env.esr_el[3], 0x5e000007);
    EQ(env.elr_el[3], CODE + 4);
    sys_reset(ARM_CPU_CORTEX_A57, false, true);
    env.scr_el3 = SCR_NS | SCR_RW | SCR_SMD;
    set_el(1, 1);
    run_take(SMC(7));
    EQ(env.pstate_el, 1);
    EQ(env.esr_el[1], 0x02000000);
    EQ(env.elr_el[1], CODE);
    EQ(env.pc, VBAR1 + 0x200);
}

static CU_TestInfo tests[] = {
    { "smc_disabled_by_scr", test_smc_disabled_by_scr },
    { "svc_from_el0", test_svc_from_el0 },
    { "vector_offsets_sync", test_vector_offsets_sync },
    { "brk_udf", test_brk_udf },
    { "esr_encodings", test_esr_encodings },
    { "pan_on_entry", test_pan_on_entry },
    { "eret_to_el0", test_eret_to_el0 },
    { "eret_to_el1_el2", test_eret_to_el1_and_el2 },
    { "illegal_return", test_illegal_return },
    { "daif_set_clr", test_daif_set_clr },
    { "spsel", test_spsel },
    { "interrupt_masking", test_interrupt_masking },
    { "interrupt_vectors", test_interrupt_vectors },
    { "interrupt_routing", test_interrupt_routing },
    { "isr", test_isr },
    { "wfi_wfe", test_wfi_wfe },
    { "wfe_event_register", test_wfe_event_register },
    { "wfe_wake", test_wfe_wake },
    { "hvc_psci", test_hvc_psci },
    { "hvc_smc_exceptions", test_hvc_smc_exceptions },
    { "aborts", test_aborts },
    { "pc_alignment", test_pc_alignment },
    { "user_mode_unchanged", test_user_mode_unchanged },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return cunit_run_suite("exception", tests);
}
