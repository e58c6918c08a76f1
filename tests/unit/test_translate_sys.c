/*
 * Unit tests of the A64 frontend under system-mode TB flags: the MMU index
 * every guest memory access carries (IRMemOp bits 8-11) at EL0, EL1 and
 * EL1 with PAN, LDTR/STTR at EL1 with EL0's index, and the FP access trap
 * (CPACR_EL1.FPEN, EC 0x07) of FP, AdvSIMD and SIMD&FP load/store
 * instructions at EL1 and EL0.  User mode (TB flags 0) must be unchanged:
 * MMU index 0 and no access check in the IR.
 *
 * Instruction words were assembled with GNU as (the assembly is in the
 * comment next to each).  Memops are read from the translated IR; the FP
 * traps run the block in the IR interpreter over a CPUARMState, as
 * test_sysregs.c does.
 */
#include <setjmp.h>
#include <string.h>
#include "runner.h"
#include "tcg/interp.h"
#include "target-arm/cpu-models.h"
#include "target-arm/exception.h"
#include "target-arm/helpers.h"
#include "target-arm/sysregs.h"
#include "target-arm/tlb-fill.h"
#include "target-arm/translate.h"

#define MEM_SIZE 0x10000
#define CODE 0x1000
#define DATA 0x8000
#define TOKEN 0x100000
#define MAX_MEMOPS 64

static uint8_t mem[MEM_SIZE] __attribute__((aligned(4096)));
static CPUARMState env;
static IRContext ir;
static bool ir_ready;
static sigjmp_buf fault_jmp;
static int faults;

static void guest_fault(void *e, uint64_t addr, int is_write)
{
    faults++;
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

/* A system CPU (the max model) at EL1 with FP enabled everywhere, memory cleared. */
static void sys_reset(void)
{
    memset(&env, 0, sizeof(env));
    arm_set_cpu_model(ARM_CPU_MAX);
    arm_cpu_reset_system(&env, ARM_CPU_MAX, 0, false, false);
    env.sp = 0xF000;
    env.cpacr_el1 = 3u << 20;    /* FPEN = 0b11: no FP traps */
    memset(mem, 0, sizeof(mem));
    faults = 0;
}

static void set_el(unsigned el)
{
    arm_set_el_sp(&env, el, el > 0);
}

/* Translate one instruction at CODE under flags (not optimised, not run). */
static void translate(uint32_t insn, uint64_t flags)
{
    if (!ir_ready) {
        ir_init(&ir);
        arm_translate_init(&ir);
        ir_ready = true;
    }
    memcpy(mem + CODE, &insn, 4);
    ir_reset(&ir);
    arm_translate_block_flags(&ir, CODE, arm_cpu_features(), flags, 1, fetch, NULL);
}

static bool is_guest_mem_op(unsigned opc)
{
    return opc == IR_guest_ld || opc == IR_guest_st || opc == IR_atomic_cmpxchg ||
           opc == IR_atomic_rmw;
}

/* The memops of the guest memory accesses of insn translated under flags; returns their number. */
static unsigned memops(uint32_t insn, uint64_t flags, IRMemOp *out)
{
    unsigned n = 0;

    translate(insn, flags);
    for (uint32_t i = 0; i < ir.nb_ops; i++) {
        const IROp *op = &ir.ops[i];
        if (is_guest_mem_op(op->opc) && n < MAX_MEMOPS) {
            /* The memop is the last constant of each of these ops. */
            out[n++] = (IRMemOp)op->args[op->nout + op->nin + op->ncst - 1];
        }
    }
    return n;
}

/*
 * Every guest access of insn under the current CPU state's TB flags has
 * MMU index idx; returns how many accesses there were (0 fails the test).
 */
static unsigned check_idx(uint32_t insn, unsigned idx)
{
    IRMemOp mo[MAX_MEMOPS];
    unsigned n = memops(insn, arm_tb_flags(&env), mo), bad = 0;

    CU_ASSERT_TRUE(n > 0);
    for (unsigned i = 0; i < n; i++) {
        if (softmmu_memop_mmu_idx(mo[i]) != idx) {
            bad++;
        }
    }
    CU_ASSERT_EQUAL(bad, 0);
    return n;
}

/* The number of IR ops of insn's block translated under flags. */
static unsigned count_ops(uint32_t insn, uint64_t flags)
{
    translate(insn, flags);
    return ir.nb_ops;
}

/* Does the block of insn leave with IR_EXIT_EXCEPTION (a trap)? */
static bool traps(uint32_t insn, uint64_t flags)
{
    translate(insn, flags);
    for (uint32_t i = 0; i < ir.nb_ops; i++) {
        if (ir.ops[i].opc == IR_exit_tb && ir.ops[i].args[0] == IR_EXIT_EXCEPTION) {
            return true;
        }
    }
    return false;
}

/* Translate and run one instruction under the CPU state's TB flags; returns the exit. */
static long run1(uint32_t insn)
{
    static IRInterpBlock *b;
    IRBackendConfig cfg = {
        .guest_base = (uintptr_t)mem,
        .guest_limit = MEM_SIZE,
        .guest_fault = guest_fault,
        .env_pc_offset = offsetof(CPUARMState, pc),
    };

    env.pc = CODE;
    env.exception_class = ARM_EXC_NONE;
    env.exception_syndrome = 0;
    env.exception_target_el = 0;
    translate(insn, arm_tb_flags(&env));
    ir_optimize(&ir);
    ir_interp_free(b);
    b = ir_interp_prepare(&ir);
    if (sigsetjmp(fault_jmp, 1)) {
        return -1;
    }
    return (long)ir_interp_run(b, &env, &cfg, TOKEN);
}

#define EQ(a, b) CU_ASSERT_EQUAL((uint64_t)(a), (uint64_t)(b))
/* The last instruction raised the FP access trap (EC 0x07) to EL1 at CODE. */
#define FP_TRAP() do { EQ(env.exception_class, ARM_EXC_ESR); EQ(env.exception_syndrome >> 26, 0x07); \
                       EQ(env.exception_syndrome, syn_fp_access()); EQ(env.exception_target_el, 1); \
                       EQ(env.pc, CODE); } while (0)
/* ... or ran to its end without an exception. */
#define NO_TRAP() do { EQ(env.exception_class, ARM_EXC_NONE); EQ(env.pc, CODE + 4); } while (0)

/* Loads and stores of the general registers, exclusives, ordered, LSE; SIMD&FP loads/stores. */
static const uint32_t mem_insns[] = {
    0xf9400020,   /* ldr x0, [x1] */
    0xf9000020,   /* str x0, [x1] */
    0xf8400020,   /* ldur x0, [x1] */
    0xa9400820,   /* ldp x0, x2, [x1] */
    0xf8626820,   /* ldr x0, [x1, x2] */
    0xc85f7c20,   /* ldxr x0, [x1] */
    0xc8037c20,   /* stxr w3, x0, [x1] */
    0xc8dffc20,   /* ldar x0, [x1] */
    0xc89ffc20,   /* stlr x0, [x1] */
    0xf8220020,   /* ldadd x2, x0, [x1] */
    0xc8a27c20,   /* cas x2, x0, [x1] */
    0xf8228020,   /* swp x2, x0, [x1] */
    0x3dc00020,   /* ldr q0, [x1] */
    0xfd000020,   /* str d0, [x1] */
    0x4c407020,   /* ld1 {v0.16b}, [x1] */
    0x0d009020,   /* st1 {v0.s}[1], [x1] */
    0xad400420,   /* ldp q0, q1, [x1] */
};
#define N_MEM (sizeof(mem_insns) / sizeof(mem_insns[0]))

#define LDTR_X   0xf8400820   /* ldtr x0, [x1] */
#define STTR_X   0xf8000820   /* sttr x0, [x1] */
#define LDTRB_W  0x38400820   /* ldtrb w0, [x1] */
#define LDTRSW_X 0xb8808820   /* ldtrsw x0, [x1, #8] */

static void test_memop_el1(void)
{
    sys_reset();
    EQ(arm_tbf_mmu_idx(arm_tb_flags(&env)), ARM_MMU_IDX_EL1);
    for (unsigned i = 0; i < N_MEM; i++) {
        check_idx(mem_insns[i], ARM_MMU_IDX_EL1);
    }
    /* LDP X and LDR Q: two accesses each, both with the index. */
    EQ(check_idx(0xa9400820, ARM_MMU_IDX_EL1), 2);
    EQ(check_idx(0x3dc00020, ARM_MMU_IDX_EL1), 2);
    EQ(check_idx(0xad400420, ARM_MMU_IDX_EL1), 4);
}

static void test_memop_el1_pan(void)
{
    sys_reset();
    env.pan = 1;
    EQ(arm_tbf_mmu_idx(arm_tb_flags(&env)), ARM_MMU_IDX_EL1_PAN);
    for (unsigned i = 0; i < N_MEM; i++) {
        check_idx(mem_insns[i], ARM_MMU_IDX_EL1_PAN);
    }
}

static void test_memop_el0(void)
{
    sys_reset();
    set_el(0);
    EQ(arm_tbf_mmu_idx(arm_tb_flags(&env)), ARM_MMU_IDX_EL0);
    for (unsigned i = 0; i < N_MEM; i++) {
        check_idx(mem_insns[i], ARM_MMU_IDX_EL0);
    }
}

static void test_ldtr(void)
{
    IRMemOp mo[MAX_MEMOPS];

    sys_reset();
    /* At EL1, the unprivileged forms use EL0's index, with or without PAN. */
    check_idx(LDTR_X, ARM_MMU_IDX_EL0);
    check_idx(STTR_X, ARM_MMU_IDX_EL0);
    check_idx(LDTRB_W, ARM_MMU_IDX_EL0);
    check_idx(LDTRSW_X, ARM_MMU_IDX_EL0);
    EQ(memops(LDTRSW_X, arm_tb_flags(&env), mo), 1);
    EQ(mo[0], IR_MO_32 | IR_MO_SIGN);                   /* size and sign kept */
    env.pan = 1;
    check_idx(LDTR_X, ARM_MMU_IDX_EL0);
    check_idx(STTR_X, ARM_MMU_IDX_EL0);
    /* The neighbouring LDUR (idx 00) is an ordinary access. */
    check_idx(0xf8400020, ARM_MMU_IDX_EL1_PAN);
    /* At EL0 they are ordinary EL0 accesses. */
    set_el(0);
    check_idx(LDTR_X, ARM_MMU_IDX_EL0);
    check_idx(STTR_X, ARM_MMU_IDX_EL0);
}

static void test_memop_user_mode(void)
{
    IRMemOp mo[MAX_MEMOPS];

    /* TB flags 0 (linux-user): index 0 and exactly the memops of before. */
    EQ(memops(0xf9400020, 0, mo), 1);                   /* ldr x0, [x1] */
    EQ(mo[0], IR_MO_64);
    EQ(memops(LDTR_X, 0, mo), 1);
    EQ(mo[0], IR_MO_64);
    EQ(memops(0xc85f7c20, 0, mo), 1);                   /* ldxr x0, [x1] */
    EQ(mo[0], IR_MO_64 | IR_MO_ALIGN(3));
    EQ(memops(0xf8220020, 0, mo), 1);                   /* ldadd x2, x0, [x1] */
    EQ(mo[0], IR_MO_64 | IR_MO_ALIGN(3));
    EQ(memops(0x3dc00020, 0, mo), 2);                   /* ldr q0, [x1] */
    EQ(mo[0], IR_MO_64);
    EQ(mo[1], IR_MO_64);
    for (unsigned i = 0; i < N_MEM; i++) {
        unsigned n = memops(mem_insns[i], 0, mo), bad = 0;
        CU_ASSERT_TRUE(n > 0);
        for (unsigned k = 0; k < n; k++) {
            bad += (mo[k] & IR_MO_MMUIDX_MASK) != 0;
        }
        EQ(bad, 0);
    }
}

/* FP, AdvSIMD and SIMD&FP load/store instructions for the trap tests. */
static const uint32_t fp_insns[] = {
    0x1e222820,   /* fadd s0, s1, s2 */
    0x1e620820,   /* fmul d0, d1, d2 */
    0x4ea28420,   /* add v0.4s, v1.4s, v2.4s */
    0x9e660000,   /* fmov x0, d0 */
    0x9e620020,   /* scvtf d0, x1 */
    0x4e284820,   /* aese v0.16b, v1.16b */
    0x4e040c20,   /* dup v0.4s, w1 */
    0x6f00e400,   /* movi v0.2d, #0 */
    0x3dc00020,   /* ldr q0, [x1] */
    0xfd000020,   /* str d0, [x1] */
    0x4c407020,   /* ld1 {v0.16b}, [x1] */
    0xad400420,   /* ldp q0, q1, [x1] */
};
#define N_FP (sizeof(fp_insns) / sizeof(fp_insns[0]))

/* Run every FP instruction; count those that trapped as FP_TRAP says and those that did not. */
static void run_fp_all(unsigned *trapped, unsigned *clean)
{
    *trapped = *clean = 0;
    for (unsigned i = 0; i < N_FP; i++) {
        env.xregs[1] = DATA;
        run1(fp_insns[i]);
        if (env.exception_class == ARM_EXC_ESR && env.exception_syndrome == syn_fp_access() &&
            env.exception_target_el == 1 && env.pc == CODE) {
            (*trapped)++;
        } else if (env.exception_class == ARM_EXC_NONE && env.pc == CODE + 4) {
            (*clean)++;
        }
    }
}

static void test_fp_trap_el1(void)
{
    unsigned t, c;

    sys_reset();
    env.cpacr_el1 = 0;                                  /* FPEN = 0b00: EL1 and EL0 trap */
    EQ(arm_tbf_fptrap(arm_tb_flags(&env)), 1);
    env.vregs[0][0] = 0x1111;
    env.vregs[1][0] = 0x3f800000;                       /* 1.0f */
    env.vregs[2][0] = 0x40000000;                       /* 2.0f */
    run1(0x1e222820);                                   /* fadd s0, s1, s2 */
    FP_TRAP();
    EQ(env.vregs[0][0], 0x1111);                        /* not executed */
    memset(mem + DATA, 0x5a, 16);
    env.xregs[1] = DATA;
    env.vregs[0][0] = 0x2222;
    run1(0x3dc00020);                                   /* ldr q0, [x1] */
    FP_TRAP();
    EQ(env.vregs[0][0], 0x2222);
    run1(0xfd000020);                                   /* str d0, [x1] */
    FP_TRAP();
    EQ(mem[DATA], 0x5a);                                /* nothing stored */
    run_fp_all(&t, &c);
    EQ(t, N_FP);
    EQ(c, 0);
    /* FPEN = 0b01 opens EL1 only. */
    env.cpacr_el1 = 1u << 20;
    EQ(arm_tbf_fptrap(arm_tb_flags(&env)), 0);
    run_fp_all(&t, &c);
    EQ(t, 0);
    EQ(c, N_FP);
}

static void test_fp_trap_el0(void)
{
    unsigned t, c;

    sys_reset();
    set_el(0);
    env.cpacr_el1 = 1u << 20;                           /* FPEN = 0b01: EL0 traps (to EL1) */
    env.vregs[0][0] = 0x1111;
    run1(0x4ea28420);                                   /* add v0.4s, v1.4s, v2.4s */
    FP_TRAP();
    EQ(env.vregs[0][0], 0x1111);
    run_fp_all(&t, &c);
    EQ(t, N_FP);
    EQ(c, 0);
    env.cpacr_el1 = 0;                                  /* FPEN = 0b00: traps too */
    run_fp_all(&t, &c);
    EQ(t, N_FP);
    env.cpacr_el1 = 3u << 20;                           /* FPEN = 0b11: open */
    run_fp_all(&t, &c);
    EQ(t, 0);
    EQ(c, N_FP);
}

static void test_fp_enabled_runs(void)
{
    sys_reset();                                        /* EL1, FPEN = 0b11 */
    env.vregs[1][0] = 0x3f800000;                       /* 1.0f */
    env.vregs[2][0] = 0x40000000;                       /* 2.0f */
    run1(0x1e222820);                                   /* fadd s0, s1, s2 */
    NO_TRAP();
    EQ(env.vregs[0][0], 0x40400000);                    /* 3.0f */
    memcpy(mem + DATA, "0123456789abcdef", 16);
    env.xregs[1] = DATA;
    run1(0x3dc00020);                                   /* ldr q0, [x1] */
    NO_TRAP();
    CU_ASSERT_EQUAL(memcmp(env.vregs[0], "0123456789abcdef", 16), 0);
    env.xregs[1] = 0x40;
    run1(0x9e620020);                                   /* scvtf d0, x1 */
    NO_TRAP();
    EQ(env.vregs[0][0], 0x4050000000000000ull);         /* 64.0 */
}

static void test_fp_check_user_mode(void)
{
    /*
     * In user mode the access check emits nothing: the block is exactly as
     * long as under system flags where FP is enabled (the check passes
     * without IR there too), and shorter than a trapping one.
     */
    sys_reset();
    for (unsigned i = 0; i < 8; i++) {                  /* the non-memory ones */
        unsigned user = count_ops(fp_insns[i], 0);
        unsigned open = count_ops(fp_insns[i], arm_tb_flags(&env));
        EQ(user, open);
    }
    env.cpacr_el1 = 0;
    CU_ASSERT_FALSE(traps(0x1e222820, 0));
    CU_ASSERT_TRUE(traps(0x1e222820, arm_tb_flags(&env)));
    /* Called directly with user-mode flags: true, and no op emitted. */
    {
        DisasContext s = { .ir = &ir, .tbflags = 0, .sys = false };
        uint32_t before;
        ir_reset(&ir);
        before = ir.nb_ops;
        CU_ASSERT_TRUE(arm_fp_access_check(&s));
        EQ(ir.nb_ops, before);
        EQ(s.is_jmp, DISAS_NEXT);
    }
}

static CU_TestInfo tests[] = {
    { "memop_el1", test_memop_el1 },
    { "memop_el1_pan", test_memop_el1_pan },
    { "memop_el0", test_memop_el0 },
    { "ldtr", test_ldtr },
    { "memop_user_mode", test_memop_user_mode },
    { "fp_trap_el1", test_fp_trap_el1 },
    { "fp_trap_el0", test_fp_trap_el0 },
    { "fp_enabled_runs", test_fp_enabled_runs },
    { "fp_check_user_mode", test_fp_check_user_mode },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return cunit_run_suite("translate_sys", tests);
}
