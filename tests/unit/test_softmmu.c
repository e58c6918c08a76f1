/*
 * Unit tests of system-mode guest memory (accel/softmmu.c) through both
 * backends, with a toy target whose MMU is a flat table of 4 KiB pages
 * (plus one 2 MiB block) kept in this file: TLB hits and misses, RAM, ROM
 * and a device region, faults at the precise instruction, permissions per
 * access kind and MMU index, page-crossing accesses, alignment faults,
 * flushes, the victim TLB, atomics, and self-modifying code tracked by
 * physical page.
 *
 * The toy ISA (32-bit words, opcode in the top byte, 24-bit operand):
 *   0x01 imm: acc += imm        0x02 addr: jump to addr
 *   0x03 imm: exception imm     0x10 n: run IR snippet n (see snippets[])
 *   0x11 addr: 32-bit store of r3 at addr (MMU index 0)
 * Snippets are IR on the globals r0..r7 and acc: each test builds what it
 * needs and places "0x10 n" in guest code, so loads and stores go through
 * the translated code of the backend under test.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "accel/exec.h"
#include "accel/softmmu.h"
#include "accel/user-mem.h"
#include "tcg/x86_64/emit.h"
#include "runner.h"

typedef struct ToyEnv {
    uint64_t pc;
    uint64_t acc;
    uint64_t r[8];
    uint64_t exc_code;
    uint64_t fault_addr;
    int fault_kind;
    int fault_access;
    uint32_t exit_request;
    SoftmmuCPUTLB tlb;
} ToyEnv;

/* ---------------------------------------------------------------- the toy MMU */

#define VPAGES 4096                 /* 16 MiB of virtual space in 4 KiB pages */
#define BLOCK_VA 0x2000000ull      /* one 2 MiB block mapping */
#define BLOCK_SIZE 0x200000ull

typedef struct ToyPTE {
    bool valid;
    uint64_t pa;
    unsigned prot[2];   /* MMU index 0 (user), 1 (kernel); indexes above use 1 */
} ToyPTE;

static ToyPTE pt[VPAGES];
static uint64_t block_pa;           /* 0: the block is not mapped */
static unsigned fills;

static bool toy_tlb_fill(void *opaque, uint64_t vaddr, int access, int mmu_idx, bool probe,
                         uint64_t *pa, unsigned *prot, unsigned *page_bits)
{
    ToyEnv *env = opaque;
    static const unsigned need[] = { PAGE_READ, PAGE_WRITE, PAGE_EXEC };
    uint64_t vp = vaddr >> 12;
    unsigned p;

    if (block_pa && vaddr >= BLOCK_VA && vaddr < BLOCK_VA + BLOCK_SIZE) {
        *pa = block_pa + (vaddr - BLOCK_VA);
        *prot = PAGE_READ | PAGE_WRITE;
        *page_bits = 21;
        fills++;
        return true;
    }
    p = vp < VPAGES && pt[vp].valid ? pt[vp].prot[mmu_idx ? 1 : 0] : 0;
    if (!(p & need[access])) {
        if (!probe) {
            env->exc_code = 2000 + (uint64_t)access;
            env->fault_addr = vaddr;
            env->fault_access = access;
        }
        return false;
    }
    *pa = pt[vp].pa + (vaddr & 0xfff);
    *prot = p;
    *page_bits = 12;
    fills++;
    return true;
}

static void map(uint64_t va, uint64_t pa, unsigned prot_user, unsigned prot_kernel)
{
    pt[va >> 12] = (ToyPTE){ true, pa & ~0xfffull, { prot_user, prot_kernel } };
}

static void unmap(uint64_t va)
{
    pt[va >> 12].valid = false;
}

#define RW (PAGE_READ | PAGE_WRITE)
#define RWX (PAGE_READ | PAGE_WRITE | PAGE_EXEC)

/* ---------------------------------------------------------------- the board */

#define RAM_PA 0x40000000ull
#define RAM_SIZE 0x400000ull
#define ROM_PA 0x0ull
#define ROM_SIZE 0x10000ull
#define DEV_PA 0x09000000ull
#define DEV_SIZE 0x1000ull
#define CPU_INDEX 3

static uint8_t *ram, *rom;
static AddressSpace as;
static MemoryRegion ram_mr, rom_mr, dev_mr;

typedef struct Dev {
    unsigned reads, writes;
    uint64_t last_off, last_val;
    unsigned last_size, last_cpu;
    uint64_t reg;   /* offset 0x100: a read/write register */
} Dev;
static Dev dev;

static uint64_t dev_read(void *opaque, uint64_t off, unsigned size, unsigned cpu)
{
    Dev *d = opaque;
    d->reads++;
    d->last_off = off;
    d->last_size = size;
    d->last_cpu = cpu;
    if (off == 0x100) {
        return d->reg;
    }
    return (0xd000 + off) & (size == 8 ? UINT64_MAX : (1ull << (8 * size)) - 1);
}

static void dev_write(void *opaque, uint64_t off, uint64_t v, unsigned size, unsigned cpu)
{
    Dev *d = opaque;
    d->writes++;
    d->last_off = off;
    d->last_size = size;
    d->last_cpu = cpu;
    d->last_val = v;
    if (off == 0x100) {
        d->reg = v;
    }
}

static const MemoryRegionOps dev_ops = { .read = dev_read, .write = dev_write };

static uint64_t ram_ld64(uint64_t pa)
{
    uint64_t v;
    memcpy(&v, ram + (pa - RAM_PA), 8);
    return v;
}

static void ram_st64(uint64_t pa, uint64_t v)
{
    memcpy(ram + (pa - RAM_PA), &v, 8);
}

static void ram_st32(uint64_t pa, uint32_t v)
{
    memcpy(ram + (pa - RAM_PA), &v, 4);
}

/* ---------------------------------------------------------------- the toy frontend */

static IRv64 g_pc, g_acc, g_r[8];
typedef void (*Snippet)(IRContext *ir);
static Snippet snippets[64];

static void toy_init_ir(IRContext *ir)
{
    static const char *names[8] = { "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7" };
    g_pc = (IRv64){ ir_new_global(ir, IR_I64, offsetof(ToyEnv, pc), "pc") };
    g_acc = (IRv64){ ir_new_global(ir, IR_I64, offsetof(ToyEnv, acc), "acc") };
    for (unsigned i = 0; i < 8; i++) {
        g_r[i] = (IRv64){ ir_new_global(ir, IR_I64, offsetof(ToyEnv, r) + 8 * i, names[i]) };
    }
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

    ir_ld_i32(ir, r, ir_env(), offsetof(ToyEnv, exit_request), IR_MO_32);
    ir_brcond_i32(ir, IR_COND_NE, r, ir_const32(ir, 0), req);
    for (;;) {
        uint32_t insn;
        uint64_t imm;
        if (pc != start && (pc & 0xfff) == 0) {
            ir_movi_i64(ir, g_pc, pc);     /* blocks stop at page ends */
            ir_exit_lookup(ir, 0);
            break;
        }
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
        if ((insn >> 24) == 0x10 && imm < 64 && snippets[imm]) {
            snippets[imm](ir);
            continue;
        }
        if ((insn >> 24) == 0x11) {
            ir_guest_st_i64(ir, g_r[3], ir_const64(ir, imm), IR_MO_32);
            continue;
        }
        if ((insn >> 24) == 2) {
            ir_movi_i64(ir, g_pc, imm);
            ir_exit_link(ir, 0);
        } else {
            ir_movi_i64(ir, g_pc, pc);
            ir_st_i64(ir, ir_const64(ir, (insn >> 24) == 3 ? imm : 98), ir_env(),
                      offsetof(ToyEnv, exc_code), IR_MO_64);
            ir_exit_tb(ir, IR_EXIT_EXCEPTION);
        }
        break;
    }
    ir_set_label(ir, req);
    ir_movi_i64(ir, g_pc, start);
    ir_exit_tb(ir, IR_EXIT_NORMAL);
    return (uint32_t)(pc - start);
}

static void toy_set_fault(void *opaque, uint64_t guest_pc, uint64_t addr, int kind)
{
    ToyEnv *e = opaque;
    e->pc = guest_pc;
    e->fault_addr = addr;
    e->fault_kind = kind;
    e->exc_code = 1000 + (uint64_t)kind;
}

static const ExecTarget toy_target = {
    .env_pc_offset = offsetof(ToyEnv, pc),
    .env_exit_request_offset = offsetof(ToyEnv, exit_request),
    .init_ir = toy_init_ir,
    .get_pc = toy_get_pc,
    .get_flags = toy_get_flags,
    .translate = toy_translate,
    .tlb_fill = toy_tlb_fill,
    .env_tlb_offset = offsetof(ToyEnv, tlb),
    .set_fault = toy_set_fault,
};

static ToyEnv *env;
static ExecCPU cpu;
static const ExecBackendOps *backend;

/* Code lives at virtual CODE_VA + 0x1000 * n, identity-offset into RAM. */
#define CODE_VA 0x10000ull
#define CODE_PA (RAM_PA + 0x10000)

static void put_code(uint64_t va, const uint32_t *words, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        ram_st32(pt[va >> 12].pa + (va & 0xfff) + 4 * i, words[i]);
    }
}

/* Map a fresh code page for a test (RWX for both indexes) and put code there. */
static uint64_t code_page(unsigned n, const uint32_t *words, unsigned nwords)
{
    uint64_t va = CODE_VA + 0x1000ull * n;
    map(va, CODE_PA + 0x1000ull * n, RWX, RWX);
    put_code(va, words, nwords);
    return va;
}

static unsigned run(uint64_t pc)
{
    env->pc = pc;
    env->exc_code = 0;
    env->fault_addr = 0;
    env->fault_kind = -1;
    env->fault_access = -1;
    return cpu_exec(&cpu);
}

#define SNIPPET(n) (0x10000000u | (n))
#define EXC(n) (0x03000000u | (n))

/* ---------------------------------------------------------------- snippets */

/* 1: r1 = ld64 [r0]; r2 = ld32s [r0 + 8] (I64); r4 = ld16u [r0 + 12] (I32); r5 = ld8s [r0 + 14] (I32) */
static void snip_loads(IRContext *ir)
{
    IRv64 a = ir_new64(ir);
    IRv32 t = ir_new32(ir);
    ir_guest_ld_i64(ir, g_r[1], g_r[0], IR_MO_64);
    ir_add_i64(ir, a, g_r[0], ir_const64(ir, 8));
    ir_guest_ld_i64(ir, g_r[2], a, IR_MO_32 | IR_MO_SIGN);
    ir_add_i64(ir, a, g_r[0], ir_const64(ir, 12));
    ir_guest_ld_i32(ir, t, a, IR_MO_16);
    ir_ext32u_i64(ir, g_r[4], t);
    ir_add_i64(ir, a, g_r[0], ir_const64(ir, 14));
    ir_guest_ld_i32(ir, t, a, IR_MO_8 | IR_MO_SIGN);
    ir_ext32u_i64(ir, g_r[5], t);
}

/* 2: st64 [r0] = r1; st16 [r0 + 8] = r2; st8 [r0 + 10] = 0x5a; st32 [r0 + 12] = r3 */
static void snip_stores(IRContext *ir)
{
    IRv64 a = ir_new64(ir);
    ir_guest_st_i64(ir, g_r[1], g_r[0], IR_MO_64);
    ir_add_i64(ir, a, g_r[0], ir_const64(ir, 8));
    ir_guest_st_i64(ir, g_r[2], a, IR_MO_16);
    ir_add_i64(ir, a, g_r[0], ir_const64(ir, 10));
    ir_guest_st_i64(ir, ir_const64(ir, 0x5a), a, IR_MO_8);
    ir_add_i64(ir, a, g_r[0], ir_const64(ir, 12));
    ir_guest_st_i64(ir, g_r[3], a, IR_MO_32);
}

/* 3: r1 = ld32 [r0] with MMU index 0; 4: the same with index 1. */
static void snip_ld_mmu0(IRContext *ir)
{
    ir_guest_ld_i64(ir, g_r[1], g_r[0], IR_MO_32);
}

static void snip_ld_mmu1(IRContext *ir)
{
    ir_guest_ld_i64(ir, g_r[1], g_r[0], IR_MO_32 | (1u << IR_MO_MMUIDX_SHIFT));
}

/* 5: st32 [r0] = r2 (index 0); 6: the same with index 1. */
static void snip_st_mmu0(IRContext *ir)
{
    ir_guest_st_i64(ir, g_r[2], g_r[0], IR_MO_32);
}

static void snip_st_mmu1(IRContext *ir)
{
    ir_guest_st_i64(ir, g_r[2], g_r[0], IR_MO_32 | (1u << IR_MO_MMUIDX_SHIFT));
}

/* 7: r1 = ld64 [r0] (unaligned allowed); 8: st64 [r0] = r2 */
static void snip_ld64(IRContext *ir)
{
    ir_guest_ld_i64(ir, g_r[1], g_r[0], IR_MO_64);
}

static void snip_st64(IRContext *ir)
{
    ir_guest_st_i64(ir, g_r[2], g_r[0], IR_MO_64);
}

/* 9: r1 = ld64 aligned [r0]; 10: st32 aligned [r0] = r2 */
static void snip_ld64_aligned(IRContext *ir)
{
    ir_guest_ld_i64(ir, g_r[1], g_r[0], IR_MO_64 | IR_MO_ALIGN(3));
}

static void snip_st32_aligned(IRContext *ir)
{
    ir_guest_st_i64(ir, g_r[2], g_r[0], IR_MO_32 | IR_MO_ALIGN(2));
}

/* 11: r1 = cmpxchg64 [r0], r2 -> r3;  12: r4 = atomic add32 [r0], r2 */
static void snip_cmpxchg(IRContext *ir)
{
    ir_atomic_cmpxchg_i64(ir, g_r[1], g_r[0], g_r[2], g_r[3], IR_MO_64 | IR_MO_ALIGN(3));
}

static void snip_add32(IRContext *ir)
{
    ir_atomic_rmw_i64(ir, IR_ATOMIC_ADD, g_r[4], g_r[0], g_r[2], IR_MO_32 | IR_MO_ALIGN(2));
}

/* 13: r1 = ld64 [r0]; r2 = ld64 [r6] (two pages alternately: the victim TLB) */
static void snip_two_loads(IRContext *ir)
{
    ir_guest_ld_i64(ir, g_r[1], g_r[0], IR_MO_64);
    ir_guest_ld_i64(ir, g_r[2], g_r[6], IR_MO_64);
}

/* 14: keep many temps alive in registers across a (slow) load, then use them all. */
static void snip_pressure(IRContext *ir)
{
    IRv64 t[10], sum = ir_new64(ir);
    for (unsigned i = 0; i < 10; i++) {
        t[i] = ir_new64(ir);
        ir_add_i64(ir, t[i], g_r[2], ir_const64(ir, i * 7 + 1));
    }
    ir_guest_ld_i64(ir, g_r[1], g_r[0], IR_MO_64);
    ir_movi_i64(ir, sum, 0);
    for (unsigned i = 0; i < 10; i++) {
        ir_add_i64(ir, sum, sum, t[i]);
    }
    ir_mov_i64(ir, g_r[4], sum);
}

/* 15: r1 = ld32 [r0] (I32 op), r2 = ld8 [r0] (I64) */
static void snip_ld32_i32(IRContext *ir)
{
    IRv32 t = ir_new32(ir);
    ir_guest_ld_i32(ir, t, g_r[0], IR_MO_32);
    ir_ext32u_i64(ir, g_r[1], t);
    ir_guest_ld_i64(ir, g_r[2], g_r[0], IR_MO_8);
}

static void install_snippets(void)
{
    snippets[1] = snip_loads;
    snippets[2] = snip_stores;
    snippets[3] = snip_ld_mmu0;
    snippets[4] = snip_ld_mmu1;
    snippets[5] = snip_st_mmu0;
    snippets[6] = snip_st_mmu1;
    snippets[7] = snip_ld64;
    snippets[8] = snip_st64;
    snippets[9] = snip_ld64_aligned;
    snippets[10] = snip_st32_aligned;
    snippets[11] = snip_cmpxchg;
    snippets[12] = snip_add32;
    snippets[13] = snip_two_loads;
    snippets[14] = snip_pressure;
    snippets[15] = snip_ld32_i32;
}

/* ---------------------------------------------------------------- tests */

#define DATA_VA 0x100000ull
#define DATA_PA (RAM_PA + 0x100000)

static void test_ram_loads_hit_and_miss(void)
{
    static const uint32_t code[] = { SNIPPET(1), EXC(1) };
    uint64_t pc = code_page(0, code, 2);
    SoftmmuStats before;
    unsigned f;

    map(DATA_VA, DATA_PA, RW, RW);
    ram_st64(DATA_PA + 0x40, 0x1122334455667788ull);
    ram_st64(DATA_PA + 0x48, 0x80c0beef87654321ull);
    memset(&env->r, 0, sizeof(env->r));
    env->r[0] = DATA_VA + 0x40;
    f = fills;
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->exc_code, 1);
    CU_ASSERT_EQUAL(env->r[1], 0x1122334455667788ull);
    CU_ASSERT_EQUAL(env->r[2], 0xffffffff87654321ull);   /* sign-extended 32-bit */
    CU_ASSERT_EQUAL(env->r[4], 0xbeef);
    CU_ASSERT_EQUAL(env->r[5], 0xffffffc0u);              /* I32 sign extension of 0xc0 */
    CU_ASSERT_EQUAL(fills - f, 2);                        /* the code page, the data page */

    /* Second run: every access hits in the TLB, no slow path, no fill. */
    before = env->tlb.stats;
    f = fills;
    env->r[1] = env->r[2] = 0;
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->r[1], 0x1122334455667788ull);
    CU_ASSERT_EQUAL(env->r[2], 0xffffffff87654321ull);
    CU_ASSERT_EQUAL(env->tlb.stats.slow_calls, before.slow_calls);
    CU_ASSERT_EQUAL(fills, f);
}

static void test_ram_stores(void)
{
    static const uint32_t code[] = { SNIPPET(2), SNIPPET(2), EXC(2) };
    uint64_t pc = code_page(1, code, 3);
    uint64_t slow;

    map(DATA_VA, DATA_PA, RW, RW);
    memset(ram + (DATA_PA - RAM_PA) + 0x80, 0, 16);
    env->r[0] = DATA_VA + 0x80;
    env->r[1] = 0xa1a2a3a4a5a6a7a8ull;
    env->r[2] = 0xffff1234;
    env->r[3] = 0xdeadbeefcafef00dull;
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->exc_code, 2);
    CU_ASSERT_EQUAL(ram_ld64(DATA_PA + 0x80), 0xa1a2a3a4a5a6a7a8ull);
    CU_ASSERT_EQUAL(ram_ld64(DATA_PA + 0x88), 0xcafef00d005a1234ull);
    /* Again: stores hit (the page holds no code, so no TLB_NOTDIRTY). */
    slow = env->tlb.stats.slow_calls;
    env->r[1] = 7;
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(ram_ld64(DATA_PA + 0x80), 7);
    CU_ASSERT_EQUAL(env->tlb.stats.slow_calls, slow);
}

static void test_register_pressure_across_slow_path(void)
{
    static const uint32_t code[] = { SNIPPET(14), EXC(14) };
    uint64_t pc = code_page(2, code, 2);
    uint64_t expect = 0;

    map(DATA_VA + 0x3000, DATA_PA + 0x3000, RW, RW);
    ram_st64(DATA_PA + 0x3008, 4242);
    tlb_flush_all(&cpu);                      /* the load misses: a slow-path call */
    env->r[0] = DATA_VA + 0x3008;
    env->r[2] = 1000;
    for (unsigned i = 0; i < 10; i++) {
        expect += 1000 + i * 7 + 1;
    }
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->r[1], 4242);
    CU_ASSERT_EQUAL(env->r[4], expect);
    /* And through the MMIO slow path, every time. */
    map(DATA_VA + 0x3000, DEV_PA, RW, RW);
    tlb_flush_page(&cpu, DATA_VA + 0x3000);
    env->r[0] = DATA_VA + 0x3000 + 0x100;
    dev.reg = 0x77;
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->r[1], 0x77);
    CU_ASSERT_EQUAL(env->r[4], expect);
}

static void test_mmio(void)
{
    static const uint32_t code[] = { SNIPPET(3), SNIPPET(5), EXC(3) };
    uint64_t pc = code_page(3, code, 3);
    Dev before;
    unsigned f;

    map(0x200000, DEV_PA, RW, RW);
    memset(&dev, 0, sizeof(dev));
    env->r[0] = 0x200000 + 0x24;
    env->r[2] = 0x12345678;
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->exc_code, 3);
    CU_ASSERT_EQUAL(env->r[1], 0xd024);           /* the device's value for offset 0x24 */
    CU_ASSERT_EQUAL(dev.reads, 1);
    CU_ASSERT_EQUAL(dev.writes, 1);
    CU_ASSERT_EQUAL(dev.last_off, 0x24);
    CU_ASSERT_EQUAL(dev.last_size, 4);
    CU_ASSERT_EQUAL(dev.last_cpu, CPU_INDEX);
    CU_ASSERT_EQUAL(dev.last_val, 0x12345678);
    /* Device pages always take the slow path, but are filled only once. */
    before = dev;
    f = fills;
    env->r[0] = 0x200000 + 0x30;
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(dev.reads, before.reads + 1);
    CU_ASSERT_EQUAL(dev.writes, before.writes + 1);
    CU_ASSERT_EQUAL(env->r[1], 0xd030);
    CU_ASSERT_EQUAL(fills, f);
}

static void test_rom_and_unassigned(void)
{
    static const uint32_t code[] = { SNIPPET(3), SNIPPET(5), SNIPPET(3), EXC(4) };
    uint64_t pc = code_page(4, code, 4);

    map(0x210000, ROM_PA + 0x1000, RW, RW);
    memcpy(rom + 0x1010, "\x11\x22\x33\x44", 4);
    env->r[0] = 0x210010;
    env->r[2] = 0x99999999;
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->exc_code, 4);
    CU_ASSERT_EQUAL(env->r[1], 0x44332211);        /* the write to ROM was ignored */
    CU_ASSERT_EQUAL(memcmp(rom + 0x1010, "\x11\x22\x33\x44", 4), 0);
    /* Nothing at the physical address: reads as zero, writes vanish. */
    map(0x220000, 0x70000000, RW, RW);
    env->r[0] = 0x220008;
    env->r[1] = 5;
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->exc_code, 4);
    CU_ASSERT_EQUAL(env->r[1], 0);
}

static void test_unmapped_fault_is_precise(void)
{
    static const uint32_t code[] = { 0x01000001, SNIPPET(3), 0x01000001, EXC(5) };
    uint64_t pc = code_page(5, code, 4);

    unmap(0x300000);
    env->acc = 0;
    env->r[0] = 0x300010;
    env->r[1] = 0xabc;
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->exc_code, 2000 + EXEC_ACCESS_READ);
    CU_ASSERT_EQUAL(env->pc, pc + 4);              /* the loading instruction */
    CU_ASSERT_EQUAL(env->fault_addr, 0x300010);
    CU_ASSERT_EQUAL(env->acc, 1);                  /* the first add happened, the second not */
    CU_ASSERT_EQUAL(env->r[1], 0xabc);

    /* Map it and run again: it works. */
    map(0x300000, DATA_PA + 0x5000, RW, RW);
    ram_st64(DATA_PA + 0x5010, 31);
    env->acc = 0;
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->exc_code, 5);
    CU_ASSERT_EQUAL(env->r[1], 31);
    CU_ASSERT_EQUAL(env->acc, 2);
}

static void test_store_fault_is_precise(void)
{
    static const uint32_t code[] = { 0x01000001, 0x01000001, SNIPPET(5), EXC(6) };
    uint64_t pc = code_page(6, code, 4);

    unmap(0x310000);
    env->acc = 0;
    env->r[0] = 0x310ffc;
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->exc_code, 2000 + EXEC_ACCESS_WRITE);
    CU_ASSERT_EQUAL(env->pc, pc + 8);
    CU_ASSERT_EQUAL(env->fault_addr, 0x310ffc);
    CU_ASSERT_EQUAL(env->fault_access, EXEC_ACCESS_WRITE);
    CU_ASSERT_EQUAL(env->acc, 2);
}

static void test_permissions(void)
{
    static const uint32_t ld0[] = { SNIPPET(3), EXC(7) };
    static const uint32_t ld1[] = { SNIPPET(4), EXC(7) };
    static const uint32_t st0[] = { SNIPPET(5), EXC(7) };
    static const uint32_t st1[] = { SNIPPET(6), EXC(7) };
    uint64_t pl0 = code_page(7, ld0, 2), pl1 = code_page(8, ld1, 2);
    uint64_t ps0 = code_page(9, st0, 2), ps1 = code_page(10, st1, 2);

    /* User read-only, kernel read-write. */
    map(0x320000, DATA_PA + 0x6000, PAGE_READ, RW);
    ram_st32(DATA_PA + 0x6000, 0x600d);
    env->r[0] = 0x320000;
    env->r[2] = 0xbad;
    CU_ASSERT_EQUAL(run(pl0), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->exc_code, 7);
    CU_ASSERT_EQUAL(env->r[1], 0x600d);
    CU_ASSERT_EQUAL(run(ps0), IR_EXIT_EXCEPTION);      /* user store: permission fault */
    CU_ASSERT_EQUAL(env->exc_code, 2000 + EXEC_ACCESS_WRITE);
    CU_ASSERT_EQUAL(env->pc, ps0);
    CU_ASSERT_EQUAL(ram_ld64(DATA_PA + 0x6000) & 0xffffffff, 0x600d);
    env->r[2] = 0x900d;
    CU_ASSERT_EQUAL(run(ps1), IR_EXIT_EXCEPTION);      /* kernel store: fine */
    CU_ASSERT_EQUAL(env->exc_code, 7);
    CU_ASSERT_EQUAL(ram_ld64(DATA_PA + 0x6000) & 0xffffffff, 0x900d);
    /* The user read still hits its entry, the kernel entry is separate. */
    CU_ASSERT_EQUAL(run(pl0), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->r[1], 0x900d);

    /* Kernel-only page: the user load faults, the kernel load works. */
    map(0x330000, DATA_PA + 0x7000, 0, RW);
    ram_st32(DATA_PA + 0x7000, 0x1234);
    env->r[0] = 0x330000;
    env->r[1] = 0;
    CU_ASSERT_EQUAL(run(pl0), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->exc_code, 2000 + EXEC_ACCESS_READ);
    CU_ASSERT_EQUAL(env->pc, pl0);
    CU_ASSERT_EQUAL(env->r[1], 0);
    CU_ASSERT_EQUAL(run(pl1), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->exc_code, 7);
    CU_ASSERT_EQUAL(env->r[1], 0x1234);

    /* Write-only from the TLB's view: a readable-not-writable page never gets a write tag. */
    map(0x340000, DATA_PA + 0x8000, PAGE_READ, PAGE_READ);
    env->r[0] = 0x340000;
    CU_ASSERT_EQUAL(run(pl0), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(run(ps1), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->exc_code, 2000 + EXEC_ACCESS_WRITE);
}

static void test_exec_permission(void)
{
    static const uint32_t code[] = { 0x01000001, EXC(8) };
    uint64_t pc = code_page(11, code, 2);

    map(pc, CODE_PA + 0x1000ull * 11, RW, RW);   /* not executable */
    tlb_flush_page(&cpu, pc);
    env->acc = 0;
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->exc_code, 2000 + EXEC_ACCESS_FETCH);
    CU_ASSERT_EQUAL(env->pc, pc);
    CU_ASSERT_EQUAL(env->fault_access, EXEC_ACCESS_FETCH);
    CU_ASSERT_EQUAL(env->acc, 0);
    map(pc, CODE_PA + 0x1000ull * 11, RWX, RWX);
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);     /* no stale negative entry */
    CU_ASSERT_EQUAL(env->exc_code, 8);
    CU_ASSERT_EQUAL(env->acc, 1);

    /* Executing from a device page is an external abort on the fetch. */
    map(0x350000, DEV_PA, RWX, RWX);
    CU_ASSERT_EQUAL(run(0x350000), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->exc_code, 1000 + FAULT_FETCH_EXTERNAL);
    CU_ASSERT_EQUAL(env->pc, 0x350000);
}

static void test_page_crossing(void)
{
    static const uint32_t ld[] = { SNIPPET(7), EXC(9) };
    static const uint32_t st[] = { 0x01000001, SNIPPET(8), EXC(9) };
    uint64_t pl = code_page(12, ld, 2), ps = code_page(13, st, 3);
    uint64_t pa1 = DATA_PA + 0x9000, pa2 = DATA_PA + 0x2000;   /* not contiguous */
    Dev before;

    map(0x360000, pa1, RW, RW);
    map(0x361000, pa2, RW, RW);
    ram_st64(pa1 + 0xff8, 0x8877665544332211ull);
    ram_st64(pa2, 0x00000000ccbbaa99ull);
    env->r[0] = 0x360ffd;                            /* 3 bytes here, 5 there */
    CU_ASSERT_EQUAL(run(pl), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->exc_code, 9);
    CU_ASSERT_EQUAL(env->r[1], 0x00ccbbaa99887766ull);
    /* A crossing store writes both physical pages. */
    env->r[2] = 0x0102030405060708ull;
    CU_ASSERT_EQUAL(run(ps), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(ram_ld64(pa1 + 0xff8), 0x0607085544332211ull);
    CU_ASSERT_EQUAL(ram_ld64(pa2), 0x0000000102030405ull);
    /* Unaligned but inside one page: no crossing, fine. */
    env->r[0] = 0x360ff1;
    CU_ASSERT_EQUAL(run(pl), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->exc_code, 9);

    /* Crossing into an unmapped page faults before writing anything. */
    unmap(0x361000);
    tlb_flush_page(&cpu, 0x361000);
    env->r[0] = 0x360ffc;
    env->r[2] = UINT64_MAX;
    env->acc = 0;
    CU_ASSERT_EQUAL(run(ps), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->exc_code, 2000 + EXEC_ACCESS_WRITE);
    CU_ASSERT_EQUAL(env->fault_addr, 0x361000);
    CU_ASSERT_EQUAL(env->pc, ps + 4);
    CU_ASSERT_EQUAL(env->acc, 1);
    CU_ASSERT_EQUAL(ram_ld64(pa1 + 0xff8), 0x0607085544332211ull);

    /* RAM then device: the device part is read byte by byte at the right offsets. */
    map(0x361000, DEV_PA, RW, RW);
    before = dev;
    env->r[0] = 0x360ffe;                            /* 2 bytes of RAM, 6 of device */
    CU_ASSERT_EQUAL(run(pl), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->exc_code, 9);
    CU_ASSERT_EQUAL(dev.reads - before.reads, 6);
    CU_ASSERT_EQUAL(dev.last_off, 5);
    CU_ASSERT_EQUAL(dev.last_size, 1);
    CU_ASSERT_EQUAL(env->r[1] & 0xffff, 0x0607);
    CU_ASSERT_EQUAL((env->r[1] >> 16) & 0xff, 0x00);   /* device byte 0: 0xd000 & 0xff */
    CU_ASSERT_EQUAL((env->r[1] >> 24) & 0xff, 0x01);   /* device byte 1: 0xd001 & 0xff */
}

static void test_alignment(void)
{
    static const uint32_t ld[] = { 0x01000001, SNIPPET(9), EXC(10) };
    static const uint32_t st[] = { SNIPPET(10), EXC(10) };
    uint64_t pl = code_page(14, ld, 3), ps = code_page(15, st, 2);

    map(0x370000, DATA_PA + 0xa000, RW, RW);
    ram_st64(DATA_PA + 0xa010, 0x55);
    env->r[0] = 0x370010;
    CU_ASSERT_EQUAL(run(pl), IR_EXIT_EXCEPTION);    /* aligned: fine, and now in the TLB */
    CU_ASSERT_EQUAL(env->exc_code, 10);
    CU_ASSERT_EQUAL(env->r[1], 0x55);
    env->r[0] = 0x370014;                            /* same page (a TLB hit), misaligned */
    env->acc = 0;
    CU_ASSERT_EQUAL(run(pl), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->exc_code, 1000 + FAULT_ALIGN_READ);
    CU_ASSERT_EQUAL(env->fault_kind, FAULT_ALIGN_READ);
    CU_ASSERT_EQUAL(env->fault_addr, 0x370014);
    CU_ASSERT_EQUAL(env->pc, pl + 4);
    CU_ASSERT_EQUAL(env->acc, 1);
    /* Alignment is checked before translation: misaligned on an unmapped page. */
    unmap(0x380000);
    env->r[0] = 0x380001;
    CU_ASSERT_EQUAL(run(pl), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->fault_kind, FAULT_ALIGN_READ);
    env->r[0] = 0x370022;
    env->r[2] = 1;
    CU_ASSERT_EQUAL(run(ps), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->fault_kind, FAULT_ALIGN_WRITE);
    CU_ASSERT_EQUAL(env->pc, ps);
    env->r[0] = 0x370024;
    CU_ASSERT_EQUAL(run(ps), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->exc_code, 10);
    CU_ASSERT_EQUAL(ram_ld64(DATA_PA + 0xa020) >> 32, 1);
}

static void test_flush_and_remap(void)
{
    static const uint32_t code[] = { SNIPPET(3), EXC(11) };
    static const uint32_t code1[] = { SNIPPET(4), EXC(11) };
    uint64_t pc = code_page(16, code, 2), pc1 = code_page(17, code1, 2);
    uint64_t va = 0x390000;

    ram_st32(DATA_PA + 0xb000, 111);
    ram_st32(DATA_PA + 0xc000, 222);
    ram_st32(DATA_PA + 0xd000, 333);
    map(va, DATA_PA + 0xb000, RW, RW);
    env->r[0] = va;
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->r[1], 111);
    map(va, DATA_PA + 0xc000, RW, RW);
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->r[1], 111);                 /* the TLB still has the old mapping */
    tlb_flush_page(&cpu, va + 0x123);
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->r[1], 222);
    /* Per MMU index: flushing index 1 leaves index 0's entry. */
    CU_ASSERT_EQUAL(run(pc1), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->r[1], 222);
    map(va, DATA_PA + 0xd000, RW, RW);
    tlb_flush_mmuidx(&cpu, 1u << 1);
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->r[1], 222);
    CU_ASSERT_EQUAL(run(pc1), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->r[1], 333);
    tlb_flush_all(&cpu);
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->r[1], 333);
    env->r[1] = 0;
    CU_ASSERT_EQUAL(run(pc1), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->r[1], 333);
    /* Unmapped and flushed: now it faults. */
    unmap(va);
    tlb_flush_page_mmuidx(&cpu, va, 1u << 0);
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->exc_code, 2000 + EXEC_ACCESS_READ);
    CU_ASSERT_EQUAL(run(pc1), IR_EXIT_EXCEPTION);    /* index 1 still cached */
    CU_ASSERT_EQUAL(env->exc_code, 11);
}

static void test_flush_all_cpus_deferred(void)
{
    static const uint32_t code[] = { SNIPPET(3), EXC(12) };
    uint64_t pc = code_page(18, code, 2);
    uint64_t va = 0x3a0000;

    ram_st32(DATA_PA + 0xe000, 1);
    ram_st32(DATA_PA + 0xf000, 2);
    map(va, DATA_PA + 0xe000, RW, RW);
    env->r[0] = va;
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->r[1], 1);
    map(va, DATA_PA + 0xf000, RW, RW);
    /* From another "CPU" (none here): ours is asked to flush at its next block boundary. */
    tlb_flush_page_mmuidx_all_cpus(NULL, va, 1u << 0);
    CU_ASSERT_EQUAL(env->exit_request, 1);
    CU_ASSERT_EQUAL(env->tlb.pending, 1);
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_NORMAL);        /* the block saw the exit request */
    CU_ASSERT_EQUAL(env->tlb.pending, 0);
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->r[1], 2);
    map(va, DATA_PA + 0xe000, RW, RW);
    tlb_flush_mmuidx_all_cpus(NULL, 0xff);
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_NORMAL);
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->r[1], 1);
}

static void test_large_page(void)
{
    static const uint32_t code[] = { SNIPPET(3), EXC(13) };
    uint64_t pc = code_page(19, code, 2);

    block_pa = RAM_PA + 0x200000;
    ram_st32(block_pa + 0x12340, 0xb10c);
    env->r[0] = BLOCK_VA + 0x12340;
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->r[1], 0xb10c);
    CU_ASSERT_NOT_EQUAL(env->tlb.large_mask[0], 0);
    /* Flushing any address of the block flushes the piece we used. */
    block_pa = RAM_PA + 0x100000;
    ram_st32(block_pa + 0x12340, 0xb10d);
    tlb_flush_page(&cpu, BLOCK_VA + 0x1ff000);
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->r[1], 0xb10d);
    block_pa = 0;
    tlb_flush_all(&cpu);
    CU_ASSERT_EQUAL(env->tlb.large_mask[0], 0);
}

static void test_victim_tlb(void)
{
    static const uint32_t code[] = { SNIPPET(13), SNIPPET(13), SNIPPET(13), EXC(14) };
    uint64_t pc = code_page(20, code, 4);
    uint64_t a = 0x3b0000, b = a + ((uint64_t)SOFTMMU_TLB_SIZE << 12);   /* same index */
    unsigned f;
    uint64_t vh;

    map(a, DATA_PA + 0x10000, RW, RW);
    map(b, DATA_PA + 0x11000, RW, RW);
    ram_st64(DATA_PA + 0x10000, 0xaaaa);
    ram_st64(DATA_PA + 0x11000, 0xbbbb);
    env->r[0] = a;
    env->r[6] = b;
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->r[1], 0xaaaa);
    CU_ASSERT_EQUAL(env->r[2], 0xbbbb);
    /* Two fills only; the other conflicts are victim hits. */
    f = fills;
    vh = env->tlb.stats.victim_hits;
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(fills, f);
    CU_ASSERT(env->tlb.stats.victim_hits >= vh + 5);
    CU_ASSERT_EQUAL(env->r[1], 0xaaaa);
    CU_ASSERT_EQUAL(env->r[2], 0xbbbb);
}

static void test_atomics(void)
{
    static const uint32_t code[] = { SNIPPET(11), SNIPPET(12), EXC(15) };
    uint64_t pc = code_page(21, code, 3);
    Dev before;

    map(0x3c0000, DATA_PA + 0x12000, RW, RW);
    ram_st64(DATA_PA + 0x12000, 50);
    env->r[0] = 0x3c0000;
    env->r[2] = 50;
    env->r[3] = 60;
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->exc_code, 15);
    CU_ASSERT_EQUAL(env->r[1], 50);                  /* cmpxchg succeeded: 60 */
    CU_ASSERT_EQUAL(env->r[4], 60);                  /* add32 saw 60, stored 110 */
    CU_ASSERT_EQUAL(ram_ld64(DATA_PA + 0x12000), 110);
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);     /* cmpxchg fails now (110 != 50) */
    CU_ASSERT_EQUAL(env->r[1], 110);
    CU_ASSERT_EQUAL(ram_ld64(DATA_PA + 0x12000), 160);
    /* On a device: a read then a write. */
    map(0x3c1000, DEV_PA, RW, RW);
    dev.reg = 5;
    before = dev;
    env->r[0] = 0x3c1100;
    env->r[2] = 5;
    env->r[3] = 9;
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->r[1], 5);
    CU_ASSERT_EQUAL(env->r[4], 9);
    CU_ASSERT_EQUAL(dev.reg, 14);
    CU_ASSERT_EQUAL(dev.reads - before.reads, 2);
    CU_ASSERT_EQUAL(dev.writes - before.writes, 2);
    /* Atomic on an unmapped page: precise fault. */
    unmap(0x3c2000);
    env->r[0] = 0x3c2000;
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->pc, pc);
    CU_ASSERT_EQUAL(env->fault_addr, 0x3c2000);
    /* Misaligned atomic (alignment required): alignment fault. */
    env->r[0] = 0x3c0004;
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->fault_kind, FAULT_ALIGN_WRITE);
}

static void test_self_modifying_code(void)
{
    /* Block at +0: acc += 1; store r3 over the word at +0x100; jump +0x100 (same page). */
    uint64_t va = CODE_VA + 0x1000ull * 22;
    uint32_t code[] = { 0x01000001, 0x11000000 | (uint32_t)(va + 0x100), 0x02000000 | (uint32_t)(va + 0x100) };
    uint32_t target[] = { 0x01000005, EXC(16) };
    uint64_t pc = code_page(22, code, 3);
    uint64_t cw;

    put_code(va + 0x100, target, 2);
    env->acc = 0;
    env->r[3] = 0x01000005;                          /* same instruction: nothing changes */
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->exc_code, 16);
    CU_ASSERT_EQUAL(env->acc, 6);
    CU_ASSERT_TRUE(softmmu_page_has_code(CODE_PA + 0x1000ull * 22));
    /* Now the store rewrites the second block: the new code must run. */
    cw = env->tlb.stats.code_writes;
    env->acc = 0;
    env->r[3] = 0x01000009;
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->exc_code, 16);
    CU_ASSERT_EQUAL(env->acc, 10);
    CU_ASSERT(env->tlb.stats.code_writes > cw);
    /* Once more: the first block was retranslated too, and the page is code again. */
    env->acc = 0;
    env->r[3] = 0x01000010;
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->acc, 17);
    CU_ASSERT_TRUE(softmmu_page_has_code(CODE_PA + 0x1000ull * 22));
}

static void test_smc_through_alias(void)
{
    /* The code page is also mapped (not executable) at another virtual address. */
    static const uint32_t code[] = { 0x01000002, EXC(17) };
    static const uint32_t writer[] = { SNIPPET(5), EXC(18) };
    uint64_t pc = code_page(23, code, 2), pw = code_page(24, writer, 2);
    uint64_t alias = 0x3d0000;

    map(alias, CODE_PA + 0x1000ull * 23, RW, RW);
    env->acc = 0;
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->acc, 2);
    env->r[0] = alias;
    env->r[2] = 0x01000020;
    CU_ASSERT_EQUAL(run(pw), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->exc_code, 18);
    env->acc = 0;
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->acc, 0x20);
    CU_ASSERT_EQUAL(env->exc_code, 17);
}

static void test_code_keyed_by_physical_page(void)
{
    /* The same virtual pc backed by two physical pages with different code. */
    uint64_t va = CODE_VA + 0x1000ull * 25;
    static const uint32_t a[] = { 0x01000003, EXC(19) };
    static const uint32_t b[] = { 0x01000004, EXC(20) };
    unsigned before = 0;

    map(va, CODE_PA + 0x1000ull * 26, RWX, RWX);
    put_code(va, b, 2);
    map(va, CODE_PA + 0x1000ull * 25, RWX, RWX);
    put_code(va, a, 2);
    tlb_flush_page(&cpu, va);
    env->acc = 0;
    CU_ASSERT_EQUAL(run(va), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->acc, 3);
    CU_ASSERT_EQUAL(env->exc_code, 19);
    map(va, CODE_PA + 0x1000ull * 26, RWX, RWX);
    tlb_flush_page(&cpu, va);
    env->acc = 0;
    CU_ASSERT_EQUAL(run(va), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->acc, 4);
    CU_ASSERT_EQUAL(env->exc_code, 20);
    /* And back: the first translation is still valid for its page. */
    before = (unsigned)cpu.stats.blocks_translated;
    map(va, CODE_PA + 0x1000ull * 25, RWX, RWX);
    tlb_flush_page(&cpu, va);
    env->acc = 0;
    CU_ASSERT_EQUAL(run(va), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->acc, 3);
    CU_ASSERT_EQUAL((unsigned)cpu.stats.blocks_translated, before);
}

/*
 * A device writing guest RAM directly (DMA, e.g. a disk read into a page
 * that held code) must throw that page's translations away, like a store.
 */
static void test_dma_write_invalidates_code(void)
{
    static const uint32_t a[] = { 0x01000005, EXC(22) };
    static const uint32_t b[] = { 0x01000006, EXC(23) };
    uint64_t pc = code_page(40, a, 2);
    unsigned before;

    env->acc = 0;
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->acc, 5);
    CU_ASSERT_TRUE(softmmu_page_has_code(CODE_PA + 0x1000ull * 40));
    /* The "device" puts new code there and reports its write. */
    put_code(pc, b, 2);
    memory_dma_written(CODE_PA + 0x1000ull * 40 + 0x10, 64);
    CU_ASSERT_FALSE(softmmu_page_has_code(CODE_PA + 0x1000ull * 40));
    before = (unsigned)cpu.stats.blocks_translated;
    env->acc = 0;
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->acc, 6);
    CU_ASSERT_EQUAL(env->exc_code, 23);
    CU_ASSERT_EQUAL((unsigned)cpu.stats.blocks_translated, before + 1);
}

static void test_i32_and_byte_loads(void)
{
    static const uint32_t code[] = { SNIPPET(15), EXC(21) };
    uint64_t pc = code_page(27, code, 2);

    map(0x3e0000, DATA_PA + 0x13000, RW, RW);
    ram_st64(DATA_PA + 0x13000, 0xfedcba9876543210ull);
    env->r[0] = 0x3e0000;
    env->r[1] = env->r[2] = UINT64_MAX;
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->r[1], 0x76543210);
    CU_ASSERT_EQUAL(env->r[2], 0x10);
    /* Miss path of the same block (flush first): same results. */
    tlb_flush_all(&cpu);
    env->r[1] = env->r[2] = UINT64_MAX;
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->r[1], 0x76543210);
    CU_ASSERT_EQUAL(env->r[2], 0x10);
}

static void test_lookup_across_pages(void)
{
    /* A block running off the end of its page continues through exit_lookup. */
    uint64_t va = CODE_VA + 0x1000ull * 28;
    static const uint32_t tail[] = { 0x01000001, 0x01000002 };
    static const uint32_t next_a[] = { 0x01000010, EXC(22) };
    static const uint32_t next_b[] = { 0x01000020, EXC(23) };

    map(va, CODE_PA + 0x1000ull * 28, RWX, RWX);
    map(va + 0x1000, CODE_PA + 0x1000ull * 29, RWX, RWX);
    put_code(va + 0xff8, tail, 2);
    put_code(va + 0x1000, next_a, 2);
    env->acc = 0;
    CU_ASSERT_EQUAL(run(va + 0xff8), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->acc, 0x13);
    CU_ASSERT_EQUAL(env->exc_code, 22);
    env->acc = 0;
    CU_ASSERT_EQUAL(run(va + 0xff8), IR_EXIT_EXCEPTION);   /* all cached now */
    CU_ASSERT_EQUAL(env->acc, 0x13);
    /* Remap the second page: the lookup from the first block must not reuse the old block. */
    map(va + 0x1000, CODE_PA + 0x1000ull * 30, RWX, RWX);
    put_code(va + 0x1000, next_b, 2);
    tlb_flush_page(&cpu, va + 0x1000);
    env->acc = 0;
    CU_ASSERT_EQUAL(run(va + 0xff8), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->acc, 0x23);
    CU_ASSERT_EQUAL(env->exc_code, 23);
    /* Unmapped: the fetch of the second page faults with its pc. */
    unmap(va + 0x1000);
    tlb_flush_page(&cpu, va + 0x1000);
    env->acc = 0;
    CU_ASSERT_EQUAL(run(va + 0xff8), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->exc_code, 2000 + EXEC_ACCESS_FETCH);
    CU_ASSERT_EQUAL(env->pc, va + 0x1000);
    CU_ASSERT_EQUAL(env->acc, 3);
}

/* A second CPU (run on this thread in turns): its own TLB, its index on MMIO, deferred flushes. */
static ToyEnv *env2;
static ExecCPU cpu2;
#define CPU2_INDEX 5

static void test_second_cpu(void)
{
    static const uint32_t code[] = { SNIPPET(3), EXC(24) };
    uint64_t pc = code_page(31, code, 2);
    uint64_t va = 0x3f0000;
    ToyEnv *saved = env;

    ram_st32(DATA_PA + 0x14000, 71);
    ram_st32(DATA_PA + 0x15000, 72);
    map(va, DATA_PA + 0x14000, RW, RW);
    env->r[0] = va;
    env2->r[0] = va;
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->r[1], 71);
    /* The broadcast flushes of the earlier tests reached cpu 2 too: first it leaves. */
    CU_ASSERT_EQUAL(env2->tlb.pending, 1);
    env2->pc = pc;
    CU_ASSERT_EQUAL(cpu_exec(&cpu2), IR_EXIT_NORMAL);
    env = env2;
    env->pc = pc;
    CU_ASSERT_EQUAL(cpu_exec(&cpu2), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env2->r[1], 71);
    env = saved;
    /* Remap; the broadcast flush from cpu 1 flushes it now and cpu 2 at its next block. */
    map(va, DATA_PA + 0x15000, RW, RW);
    tlb_flush_page_mmuidx_all_cpus(&cpu, va, 1u << 0);
    CU_ASSERT_EQUAL(env->tlb.pending, 0);
    CU_ASSERT_EQUAL(env2->tlb.pending, 1);
    CU_ASSERT_EQUAL(env2->exit_request, 1);
    CU_ASSERT_EQUAL(run(pc), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env->r[1], 72);
    env2->pc = pc;
    CU_ASSERT_EQUAL(cpu_exec(&cpu2), IR_EXIT_NORMAL);
    CU_ASSERT_EQUAL(env2->tlb.pending, 0);
    env2->pc = pc;
    CU_ASSERT_EQUAL(cpu_exec(&cpu2), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(env2->r[1], 72);
    /* MMIO from the second CPU carries its index. */
    map(0x3f1000, DEV_PA, RW, RW);
    env2->r[0] = 0x3f1040;
    env2->pc = pc;
    CU_ASSERT_EQUAL(cpu_exec(&cpu2), IR_EXIT_EXCEPTION);
    CU_ASSERT_EQUAL(dev.last_cpu, CPU2_INDEX);
    CU_ASSERT_EQUAL(dev.last_off, 0x40);
    CU_ASSERT_EQUAL(env2->r[1], 0xd040);
}

/* Print (do not assert) the size of the inline fast path of one guest load. */
static void test_fast_path_size(void)
{
    JitContext *ctx;
    EmuError err;
    IRContext ir;
    JitBlock blk;
    IRBackendConfig cfg = { 0 };
    IRv64 a, v;

    if (backend != &exec_backend_jit) {
        CU_PASS("interpreter: nothing to measure");
        return;
    }
    cfg.softmmu = true;
    cfg.tlb_offset = offsetof(ToyEnv, tlb);
    cfg.ld_slow = softmmu_ld;
    cfg.st_slow = softmmu_st;
    cfg.atomic_slow = softmmu_atomic;
    CU_ASSERT_TRUE_FATAL(jit_init(&ctx, 1 << 20, &cfg, &err));
    ir_init(&ir);
    a = ir_new64(&ir);
    v = ir_new64(&ir);
    ir_insn_start(&ir, 0);
    ir_ld_i64(&ir, a, ir_env(), offsetof(ToyEnv, r), IR_MO_64);
    ir_insn_start(&ir, 4);
    ir_guest_ld_i64(&ir, v, a, IR_MO_64);
    ir_insn_start(&ir, 8);
    ir_guest_st_i64(&ir, v, a, IR_MO_32);
    ir_insn_start(&ir, 12);
    ir_st_i64(&ir, v, ir_env(), offsetof(ToyEnv, acc), IR_MO_64);
    ir_exit_tb(&ir, IR_EXIT_NORMAL);
    CU_ASSERT_EQUAL_FATAL(jit_compile(ctx, &ir, IR_EXIT_LINK_MIN, &blk), 0);
    CU_ASSERT(blk.ninsns >= 4);
    printf("\n    softmmu inline fast path: load %u bytes, store %u bytes (whole block %u)\n",
           blk.insns[1].host_end - blk.insns[0].host_end,
           blk.insns[2].host_end - blk.insns[1].host_end, blk.size);
    jit_block_release(&blk);
    ir_free(&ir);
    jit_destroy(ctx);
}

static CU_TestInfo tests[] = {
    { "RAM loads: miss then hit", test_ram_loads_hit_and_miss },
    { "RAM stores", test_ram_stores },
    { "live registers survive the slow path", test_register_pressure_across_slow_path },
    { "MMIO dispatch", test_mmio },
    { "ROM and unassigned addresses", test_rom_and_unassigned },
    { "load faults are precise", test_unmapped_fault_is_precise },
    { "store faults are precise", test_store_fault_is_precise },
    { "permissions per access and MMU index", test_permissions },
    { "execute permission and device fetch", test_exec_permission },
    { "page-crossing accesses", test_page_crossing },
    { "alignment faults", test_alignment },
    { "flush and remap", test_flush_and_remap },
    { "cross-CPU flushes are deferred", test_flush_all_cpus_deferred },
    { "large pages", test_large_page },
    { "victim TLB", test_victim_tlb },
    { "atomics", test_atomics },
    { "self-modifying code", test_self_modifying_code },
    { "code written through an alias", test_smc_through_alias },
    { "blocks keyed by physical page", test_code_keyed_by_physical_page },
    { "DMA writes invalidate code", test_dma_write_invalidates_code },
    { "I32 and byte loads", test_i32_and_byte_loads },
    { "exit_lookup across pages", test_lookup_across_pages },
    { "a second CPU", test_second_cpu },
    { "fast path size", test_fast_path_size },
    CU_TEST_INFO_NULL,
};

static int setup(const ExecBackendOps *be)
{
    EmuError err;
    ExecOptions opts = { .backend = be };

    backend = be;
    ram = calloc(1, RAM_SIZE);
    rom = calloc(1, ROM_SIZE);
    env = aligned_alloc(64, (sizeof(ToyEnv) + 63) & ~(size_t)63);
    if (!ram || !rom || !env) {
        return -1;
    }
    memset(env, 0, sizeof(*env));
    address_space_init(&as);
    ram_mr = (MemoryRegion){ .name = "ram", .base = RAM_PA, .size = RAM_SIZE, .host = ram };
    rom_mr = (MemoryRegion){ .name = "rom", .base = ROM_PA, .size = ROM_SIZE, .host = rom,
                             .readonly = true };
    dev_mr = (MemoryRegion){ .name = "dev", .base = DEV_PA, .size = DEV_SIZE, .ops = &dev_ops,
                             .opaque = &dev };
    if (!address_space_add(&as, &ram_mr) || !address_space_add(&as, &rom_mr) ||
        !address_space_add(&as, &dev_mr)) {
        return -1;
    }
    install_snippets();
    if (!softmmu_init(&toy_target, &opts, &as, &err)) {
        return -1;
    }
    softmmu_cpu_init(&cpu, env, CPU_INDEX);
    env2 = aligned_alloc(64, (sizeof(ToyEnv) + 63) & ~(size_t)63);
    if (!env2) {
        return -1;
    }
    memset(env2, 0, sizeof(*env2));
    softmmu_cpu_init(&cpu2, env2, CPU2_INDEX);
    return 0;
}

/* Each backend in its own child process: the engine is set up once per process. */
int main(void)
{
    static const ExecBackendOps *const backends[] = { &exec_backend_interp, &exec_backend_jit };
    int failed = 0;

    for (unsigned i = 0; i < 2; i++) {
        pid_t pid;
        int status;
        fflush(stdout);
        pid = fork();
        if (pid == 0) {
            char name[64];
            if (setup(backends[i]) < 0) {
                _exit(2);
            }
            snprintf(name, sizeof(name), "softmmu (%s backend)", backends[i]->name);
            _exit(cunit_run_suite(name, tests));
        }
        if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status)) {
            failed = 1;
        }
    }
    return failed;
}
