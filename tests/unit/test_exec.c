/*
 * Unit tests of the execution engine (accel/exec.c, accel/tb.c) with a toy
 * target, independent of the A64 frontend: block lookup and chaining, exits,
 * guest faults at the precise instruction, self-modifying code through the
 * write-protected code pages, and exit requests breaking chained loops.
 *
 * The toy ISA: 32-bit words in guest memory, opcode in the top byte,
 * a 24-bit operand below it:
 *   0x01 imm: acc += imm             0x02 addr: jump to addr
 *   0x03 imm: exception, code imm    0x04 addr: acc += 64-bit load at addr
 *   0x05 addr: if acc != 0: acc -= 1 and jump to addr (a counted loop)
 */
#include <stddef.h>
#include <string.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "accel/exec.h"
#include "accel/user-fault.h"
#include "accel/user-mem.h"
#include "runner.h"

typedef struct ToyEnv {
    uint64_t pc;
    uint64_t acc;
    uint64_t exc_code;
    uint64_t fault_addr;
    int fault_kind;
    uint32_t exit_request;
} ToyEnv;

static IRv64 g_pc, g_acc;
static int translations;

static void toy_init_ir(IRContext *ir)
{
    g_pc = (IRv64){ ir_new_global(ir, IR_I64, offsetof(ToyEnv, pc), "pc") };
    g_acc = (IRv64){ ir_new_global(ir, IR_I64, offsetof(ToyEnv, acc), "acc") };
}

static uint64_t toy_get_pc(void *env)
{
    return ((ToyEnv *)env)->pc;
}

static uint64_t toy_get_flags(void *env)
{
    return 0;
}

static uint32_t toy_translate(IRContext *ir, void *env, uint64_t pc, uint64_t flags,
                              bool (*fetch)(void *, uint64_t, uint32_t *), void *opaque)
{
    uint64_t start = pc;
    IRLabel req = ir_new_label(ir);
    IRv32 r = ir_new32(ir);

    translations++;
    ir_ld_i32(ir, r, ir_env(), offsetof(ToyEnv, exit_request), IR_MO_32);
    ir_brcond_i32(ir, IR_COND_NE, r, ir_const32(ir, 0), req);
    for (;;) {
        uint32_t insn;
        uint64_t imm;
        if (!fetch(opaque, pc, &insn)) {
            ir_movi_i64(ir, g_pc, pc);
            ir_st_i64(ir, ir_const64(ir, 99), ir_env(), offsetof(ToyEnv, exc_code), IR_MO_64);
            ir_exit_tb(ir, IR_EXIT_EXCEPTION);
            break;
        }
        imm = insn & 0xffffff;
        ir_insn_start(ir, pc);
        pc += 4;
        if ((insn >> 24) == 1) {
            ir_add_i64(ir, g_acc, g_acc, ir_const64(ir, imm));
            continue;
        }
        if ((insn >> 24) == 4) {
            IRv64 v = ir_new64(ir);
            ir_guest_ld_i64(ir, v, ir_const64(ir, imm), IR_MO_64);
            ir_add_i64(ir, g_acc, g_acc, v);
            continue;
        }
        if ((insn >> 24) == 2) {
            ir_movi_i64(ir, g_pc, imm);
            ir_exit_link(ir, 0);
        } else if ((insn >> 24) == 5) {
            IRLabel done = ir_new_label(ir);
            ir_brcond_i64(ir, IR_COND_EQ, g_acc, ir_const64(ir, 0), done);
            ir_sub_i64(ir, g_acc, g_acc, ir_const64(ir, 1));
            ir_movi_i64(ir, g_pc, imm);
            ir_exit_link(ir, 0);
            ir_set_label(ir, done);
            ir_movi_i64(ir, g_pc, pc);
            ir_exit_link(ir, 1);
        } else {
            ir_movi_i64(ir, g_pc, pc);
            ir_st_i64(ir, ir_const64(ir, imm), ir_env(), offsetof(ToyEnv, exc_code), IR_MO_64);
            ir_exit_tb(ir, IR_EXIT_EXCEPTION);
        }
        break;
    }
    ir_set_label(ir, req);
    ir_movi_i64(ir, g_pc, start);
    ir_exit_tb(ir, IR_EXIT_NORMAL);
    return (uint32_t)(pc - start);
}

static void toy_set_fault(void *env, uint64_t guest_pc, uint64_t addr, int kind)
{
    ToyEnv *e = env;
    e->pc = guest_pc;
    e->fault_addr = addr;
    e->fault_kind = kind;
    e->exc_code = 1000;
}

static const ExecTarget toy_target = {
    .env_pc_offset = offsetof(ToyEnv, pc),
    .env_exit_request_offset = offsetof(ToyEnv, exit_request),
    .init_ir = toy_init_ir,
    .get_pc = toy_get_pc,
    .get_flags = toy_get_flags,
    .translate = toy_translate,
    .set_fault = toy_set_fault,
};

#define CODE 0x100000ull
#define DATA 0x200000ull

static ToyEnv env;
static ExecCPU cpu;

static uint32_t *code_word(uint64_t addr)
{
    return g2h(addr);
}

static int setup(const ExecBackendOps *backend)
{
    EmuError err;
    ExecOptions opts = { .backend = backend };
    IRBackendConfig cfg = { 0 };

    if (!guest_space_init(1ull << 36, &err) || !user_fault_init(&err)) {
        return -1;
    }
    cfg.guest_base = guest_base;
    cfg.guest_limit = guest_limit;
    if (!exec_init(&toy_target, &opts, &cfg, &err)) {
        return -1;
    }
    if (guest_mmap(CODE, 0x2000, PROT_READ | PROT_WRITE | PROT_EXEC,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != (int64_t)CODE ||
        guest_mmap(DATA, 0x1000, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
                   -1, 0) != (int64_t)DATA) {
        return -1;
    }
    exec_cpu_init(&cpu, &env);
    return 0;
}

static void test_straight_line_and_jump(void)
{
    uint32_t *c = code_word(CODE);
    c[0] = 0x01000005;                 /* acc += 5 */
    c[1] = 0x02000000 | (CODE + 0x100);/* jump */
    c[0x40] = 0x01000010;              /* acc += 16 */
    c[0x41] = 0x03000007;              /* exception 7 */
    memset(&env, 0, sizeof(env));
    env.pc = CODE;
    CU_ASSERT_EQUAL(cpu_exec(&cpu), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env.acc, 21);
    CU_ASSERT_EQUAL(env.exc_code, 7);
    CU_ASSERT_EQUAL(env.pc, CODE + 0x108);
}

static void test_loop_translates_once(void)
{
    uint32_t *c = code_word(CODE + 0x200);
    int before;
    c[0] = 0x01000002;                         /* acc += 2 */
    c[1] = 0x05000000 | (CODE + 0x200);        /* loop while acc != 0 (acc -= 1) */
    c[2] = 0x03000001;
    memset(&env, 0, sizeof(env));
    env.pc = CODE + 0x200;
    env.acc = 1;
    /* acc: 1 -> 3 -> 2 -> 4 -> ... never reaches 0 when adding 2 and subtracting 1: make it finite */
    c[0] = 0x01000000;                         /* acc += 0 */
    env.acc = 1000;
    before = translations;
    CU_ASSERT_EQUAL(cpu_exec(&cpu), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env.acc, 0);
    CU_ASSERT_EQUAL(env.exc_code, 1);
    /* Two blocks (the loop body and the exit), each translated once for 1000 iterations. */
    CU_ASSERT(translations - before <= 2);
}

static void test_fault_is_precise(void)
{
    uint32_t *c = code_word(CODE + 0x300);
    c[0] = 0x01000001;                 /* acc += 1 */
    c[1] = 0x04000000 | 0x300000;      /* load from an unmapped page */
    c[2] = 0x01000001;
    memset(&env, 0, sizeof(env));
    env.pc = CODE + 0x300;
    CU_ASSERT_EQUAL(cpu_exec(&cpu), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env.exc_code, 1000);
    CU_ASSERT_EQUAL(env.pc, CODE + 0x304);     /* the loading instruction */
    CU_ASSERT_EQUAL(env.fault_addr, 0x300000);
    CU_ASSERT_EQUAL(env.fault_kind, FAULT_READ);
    CU_ASSERT_EQUAL(env.acc, 1);               /* the first add happened, the second did not */

    /* A mapped address works and reads the data. */
    *(uint64_t *)g2h(DATA + 8) = 40;
    c[1] = 0x04000000 | (DATA + 8);
    c[2] = 0x03000002;
    memset(&env, 0, sizeof(env));
    env.pc = CODE + 0x300;
    CU_ASSERT_EQUAL(cpu_exec(&cpu), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env.acc, 41);
    CU_ASSERT_EQUAL(env.exc_code, 2);
}

static void test_fault_far_address(void)
{
    uint32_t *c = code_word(CODE + 0x400);
    c[0] = 0x04ffffff;   /* 0xffffff is mapped nowhere */
    memset(&env, 0, sizeof(env));
    env.pc = CODE + 0x400;
    CU_ASSERT_EQUAL(cpu_exec(&cpu), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env.exc_code, 1000);
    CU_ASSERT_EQUAL(env.pc, CODE + 0x400);
}

static void test_self_modifying_code(void)
{
    uint32_t *c = code_word(CODE + 0x500);
    c[0] = 0x01000003;
    c[1] = 0x03000005;
    memset(&env, 0, sizeof(env));
    env.pc = CODE + 0x500;
    CU_ASSERT_EQUAL(cpu_exec(&cpu), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env.acc, 3);
    /* The code page is now write-protected on the host ... */
    CU_ASSERT_TRUE(page_get_flags(CODE + 0x500) & PAGE_CODE);
    /* ... and writing it (as the guest would) invalidates the translation. */
    c[0] = 0x01000009;
    CU_ASSERT_FALSE(page_get_flags(CODE + 0x500) & PAGE_CODE);
    memset(&env, 0, sizeof(env));
    env.pc = CODE + 0x500;
    CU_ASSERT_EQUAL(cpu_exec(&cpu), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env.acc, 9);
}

static void test_unmapped_code(void)
{
    memset(&env, 0, sizeof(env));
    env.pc = 0x700000;
    CU_ASSERT_EQUAL(cpu_exec(&cpu), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env.exc_code, 99);
    CU_ASSERT_EQUAL(env.pc, 0x700000);
}

static void test_exit_request(void)
{
    uint32_t *c = code_word(CODE + 0x600);
    c[0] = 0x01000001;
    c[1] = 0x02000000 | (CODE + 0x600);   /* an endless chained loop */
    memset(&env, 0, sizeof(env));
    env.pc = CODE + 0x600;
    env.exit_request = 1;
    CU_ASSERT_EQUAL(cpu_exec(&cpu), IR_EXIT_NORMAL);
    CU_ASSERT_EQUAL(env.exit_request, 0);
    CU_ASSERT_EQUAL(env.pc, CODE + 0x600);   /* left before the block ran */
    CU_ASSERT_EQUAL(env.acc, 0);
}

static CU_TestInfo tests[] = {
    { "straight line and jump", test_straight_line_and_jump },
    { "loops are translated once", test_loop_translates_once },
    { "faults are precise", test_fault_is_precise },
    { "faults at a far unmapped address", test_fault_far_address },
    { "self-modifying code", test_self_modifying_code },
    { "unmapped code", test_unmapped_code },
    { "exit requests", test_exit_request },
    CU_TEST_INFO_NULL,
};

/* Each backend in its own child process: the engine is set up once per process. */
int main(void)
{
    static const ExecBackendOps *const backends[] = { &exec_backend_interp, &exec_backend_jit };
    int failed = 0;

    for (unsigned i = 0; i < 2; i++) {
        pid_t pid = fork();
        int status;
        if (pid == 0) {
            char name[64];
            if (setup(backends[i]) < 0) {
                _exit(2);
            }
            snprintf(name, sizeof(name), "exec (%s backend)", backends[i]->name);
            _exit(cunit_run_suite(name, tests));
        }
        if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status)) {
            failed = 1;
        }
    }
    return failed;
}
