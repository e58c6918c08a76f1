/*
 * Unit tests for the executable code buffer (tcg/codebuf.c), including
 * running code produced by the x86-64 encoder through the RX view.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runner.h"
#include "tcg/codebuf.h"
#include "tcg/x86_64/asm.h"

typedef uint64_t (*Fn2)(uint64_t, uint64_t);

static CodeBuf *new_buf(size_t size)
{
    char err[256] = "";
    CodeBuf *cb = codebuf_create(size, err, sizeof err);
    if (!cb) {
        fprintf(stderr, "\n  %s\n", err);
    }
    return cb;
}

/* Start an assembler at the buffer's current position, with the RX delta set. */
static void start(X86Asm *a, CodeBuf *cb)
{
    x86_init(a, codebuf_cur(cb), codebuf_avail(cb));
    x86_set_rx_delta(a, codebuf_rx_delta(cb));
}

/* Commit the code written since `begin` and return its executable address. */
static Fn2 finish(X86Asm *a, CodeBuf *cb)
{
    uint8_t *begin = a->start;
    codebuf_commit(cb, a->ptr);
    return (Fn2)codebuf_rx_addr(cb, begin);
}

/* Permissions column of /proc/self/maps for the mapping holding p ("" if none). */
static void perms_of(const void *p, char out[8])
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    uintptr_t addr = (uintptr_t)p;

    out[0] = 0;
    if (!f) {
        return;
    }
    while (fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        char perms[8];
        if (sscanf(line, "%lx-%lx %7s", &lo, &hi, perms) == 3 && addr >= lo && addr < hi) {
            strcpy(out, perms);
            break;
        }
    }
    fclose(f);
}

/* Run fn in a child process; return the signal that killed it (0 if none). */
static int child_signal(void (*fn)(CodeBuf *), CodeBuf *cb)
{
    pid_t pid = fork();
    int status;

    if (pid == 0) {
        signal(SIGSEGV, SIG_DFL);               /* die from the fault even under a sanitizer */
        fn(cb);
        _exit(0);
    }
    if (pid < 0 || waitpid(pid, &status, 0) != pid) {
        return -1;
    }
    return WIFSIGNALED(status) ? WTERMSIG(status) : 0;
}

static void write_rx_view(CodeBuf *cb)
{
    *(volatile uint8_t *)cb->rx = 0xc3;
}

static void exec_rw_view(CodeBuf *cb)
{
    cb->rw[0] = 0xc3;                           /* ret */
    ((void (*)(void))cb->rw)();
}

static void test_create_and_views(void)
{
    CodeBuf *cb = new_buf(0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(cb);
    CU_ASSERT_EQUAL(cb->size, CODEBUF_DEFAULT_SIZE);
    CU_ASSERT_EQUAL(cb->used, 0);
    CU_ASSERT(cb->rw != cb->rx);
    CU_ASSERT_PTR_EQUAL(codebuf_rx_addr(cb, cb->rw + 123), cb->rx + 123);
    CU_ASSERT_PTR_EQUAL(codebuf_rw_addr(cb, cb->rx + 4096), cb->rw + 4096);
    CU_ASSERT(codebuf_contains_rx(cb, cb->rx + cb->size - 1));
    CU_ASSERT_FALSE(codebuf_contains_rx(cb, cb->rx + cb->size));

    /* The two views are the same memory, including far into the buffer. */
    cb->rw[0] = 0x5a;
    cb->rw[cb->size - 1] = 0xa5;
    CU_ASSERT_EQUAL(cb->rx[0], 0x5a);
    CU_ASSERT_EQUAL(cb->rx[cb->size - 1], 0xa5);
    codebuf_destroy(cb);

    /* Sizes are rounded up to whole pages. */
    cb = new_buf(100);
    CU_ASSERT_PTR_NOT_NULL_FATAL(cb);
    CU_ASSERT_EQUAL(cb->size, (size_t)sysconf(_SC_PAGESIZE));
    codebuf_destroy(cb);
}

static void test_wx_permissions(void)
{
    CodeBuf *cb = new_buf(1 << 20);
    char p[8];
    CU_ASSERT_PTR_NOT_NULL_FATAL(cb);

    perms_of(cb->rx, p);
    CU_ASSERT_STRING_EQUAL(p, "r-xs");
    perms_of(cb->rw, p);
    CU_ASSERT_STRING_EQUAL(p, "rw-s");

    /* And the hardware agrees: writing RX or executing RW faults. */
    CU_ASSERT_EQUAL(child_signal(write_rx_view, cb), SIGSEGV);
    CU_ASSERT_EQUAL(child_signal(exec_rw_view, cb), SIGSEGV);
    codebuf_destroy(cb);
}

static void test_create_error(void)
{
    char err[256] = "";
    CodeBuf *cb = codebuf_create(SIZE_MAX - 4096, err, sizeof err);
    CU_ASSERT_PTR_NULL(cb);
    CU_ASSERT(strncmp(err, "code buffer: ", 13) == 0);
    codebuf_destroy(NULL);      /* harmless */
}

static void test_exec_lea(void)
{
    CodeBuf *cb = new_buf(1 << 20);
    X86Asm a;
    CU_ASSERT_PTR_NOT_NULL_FATAL(cb);

    start(&a, cb);
    x86_lea(&a, 8, X86_RAX, x86_mem_idx(X86_RDI, X86_RSI, 4, 7));   /* lea rax,[rdi+rsi*4+7] */
    x86_ret(&a);
    Fn2 f = finish(&a, cb);
    CU_ASSERT_FALSE(a.overflow);
    CU_ASSERT_EQUAL(f(10, 3), 29);
    CU_ASSERT_EQUAL(f(0, 0), 7);
    CU_ASSERT_EQUAL(f(-8, 0), (uint64_t)-1);
    codebuf_destroy(cb);
}

static void test_exec_loop(void)
{
    CodeBuf *cb = new_buf(1 << 20);
    X86Asm a;
    CU_ASSERT_PTR_NOT_NULL_FATAL(cb);

    /* rax = rdi + (rdi-1) + ... + 1, with a backward jne */
    start(&a, cb);
    x86_zero_reg(&a, X86_RAX);
    uint8_t *loop = a.ptr;
    x86_alu_rr(&a, X86_ADD, 8, X86_RAX, X86_RDI);
    x86_dec(&a, 8, X86_RDI);
    x86_jcc(&a, X86_CC_NE, loop);
    x86_ret(&a);
    Fn2 f = finish(&a, cb);
    CU_ASSERT_EQUAL(f(10, 0), 55);
    CU_ASSERT_EQUAL(f(1, 0), 1);
    CU_ASSERT_EQUAL(f(1000, 0), 500500);
    codebuf_destroy(cb);
}

static void test_exec_forward_patch(void)
{
    CodeBuf *cb = new_buf(1 << 20);
    X86Asm a;
    CU_ASSERT_PTR_NOT_NULL_FATAL(cb);

    /* unsigned max(rdi, rsi) with a forward jcc patched once the target is known */
    start(&a, cb);
    x86_mov_rr(&a, 8, X86_RAX, X86_RDI);
    x86_alu_rr(&a, X86_CMP, 8, X86_RDI, X86_RSI);
    X86Patch ge = x86_jcc_forward(&a, X86_CC_AE);
    x86_mov_rr(&a, 8, X86_RAX, X86_RSI);
    x86_bind(&a, ge);
    x86_ret(&a);
    Fn2 f = finish(&a, cb);
    CU_ASSERT_EQUAL(f(3, 9), 9);
    CU_ASSERT_EQUAL(f(9, 3), 9);
    CU_ASSERT_EQUAL(f(-1, 3), (uint64_t)-1);

    /* mov_ri keeps the flags: rax = (rdi < rsi) via cmp; mov 0; setb */
    start(&a, cb);
    x86_alu_rr(&a, X86_CMP, 8, X86_RDI, X86_RSI);
    x86_mov_ri(&a, 8, X86_RAX, 0);
    x86_setcc(&a, X86_CC_B, X86_RAX);
    x86_ret(&a);
    f = finish(&a, cb);
    CU_ASSERT_EQUAL(f(1, 2), 1);
    CU_ASSERT_EQUAL(f(2, 1), 0);
    codebuf_destroy(cb);
}

static uint64_t helper_times3(uint64_t x)
{
    return x * 3;
}

static const uint64_t data_magic = 0x0123456789abcdefull;

static void test_exec_calls_and_rip(void)
{
    CodeBuf *cb = new_buf(1 << 20);
    X86Asm a;
    CU_ASSERT_PTR_NOT_NULL_FATAL(cb);

    /* Call a C helper from the RX view: rel32 if in range, else movabs + call r11. */
    start(&a, cb);
    x86_alu_ri(&a, X86_SUB, 8, X86_RSP, 8);      /* keep the stack 16-byte aligned */
    x86_call_far(&a, (const void *)helper_times3, X86_R11);
    x86_alu_ri(&a, X86_ADD, 8, X86_RSP, 8);
    x86_ret(&a);
    Fn2 f = finish(&a, cb);
    CU_ASSERT_EQUAL(f(14, 0), 42);

    /* RIP-relative load of a constant placed in the buffer. */
    start(&a, cb);
    uint8_t *data = a.ptr;
    x86_emit64(&a, data_magic);
    uint8_t *code = a.ptr;
    x86_mov_rm(&a, 8, X86_RAX, x86_mem_rip_abs(codebuf_rx_addr(cb, data)));
    x86_ret(&a);
    codebuf_commit(cb, a.ptr);
    f = (Fn2)codebuf_rx_addr(cb, code);
    CU_ASSERT_EQUAL(f(0, 0), data_magic);
    codebuf_destroy(cb);
}

static void test_chain_patch(void)
{
    CodeBuf *cb = new_buf(1 << 20);
    X86Asm a;
    CU_ASSERT_PTR_NOT_NULL_FATAL(cb);

    /* Two tail blocks returning 1 and 2, and an entry jumping to one of them. */
    start(&a, cb);
    uint8_t *one = a.ptr;
    x86_mov_ri(&a, 4, X86_RAX, 1);
    x86_ret(&a);
    uint8_t *two = a.ptr;
    x86_mov_ri(&a, 4, X86_RAX, 2);
    x86_ret(&a);
    x86_int3(&a);
    uint8_t *entry = a.ptr;
    X86Patch site = x86_jmp_patchable(&a);
    x86_patch_rel32(site, one);
    x86_ud2(&a);
    finish(&a, cb);
    Fn2 f = (Fn2)codebuf_rx_addr(cb, entry);

    CU_ASSERT_EQUAL(((uintptr_t)codebuf_rx_addr(cb, site)) & 3, 0);
    CU_ASSERT_EQUAL(f(0, 0), 1);
    codebuf_patch_rel32_atomic(site, two);
    CU_ASSERT_EQUAL(f(0, 0), 2);
    codebuf_patch_rel32_atomic(site, one);
    CU_ASSERT_EQUAL(f(0, 0), 1);
    codebuf_destroy(cb);
}

static void test_commit_reset(void)
{
    CodeBuf *cb = new_buf(1 << 16);
    X86Asm a;
    CU_ASSERT_PTR_NOT_NULL_FATAL(cb);

    codebuf_commit(cb, cb->rw + 5);
    CU_ASSERT_EQUAL(cb->used, 16);               /* next block aligned */
    CU_ASSERT_EQUAL(codebuf_avail(cb), cb->size - 16);
    codebuf_commit(cb, cb->rw + 32);
    CU_ASSERT_EQUAL(cb->used, 32);

    /* Fill the buffer until the assembler reports overflow, as a translator would. */
    start(&a, cb);
    while (!a.overflow) {
        x86_mov_ri(&a, 8, X86_RAX, 0x123456789ull);
    }
    CU_ASSERT(a.ptr <= cb->rw + cb->size);
    codebuf_commit(cb, a.ptr);

    codebuf_reset(cb);
    CU_ASSERT_EQUAL(cb->used, 0);
    CU_ASSERT_EQUAL(codebuf_avail(cb), cb->size);
    CU_ASSERT_EQUAL(cb->rx[64], 0);              /* pages were given back (hole punched) */

    /* and the buffer is usable again from the start */
    start(&a, cb);
    CU_ASSERT_PTR_EQUAL(a.start, cb->rw);
    x86_lea(&a, 4, X86_RAX, x86_mem_idx(X86_RDI, X86_RSI, 1, 0));
    x86_ret(&a);
    Fn2 f = finish(&a, cb);
    CU_ASSERT_EQUAL(f(20, 22), 42);
    codebuf_destroy(cb);
}

static CU_TestInfo tests[] = {
    { "create_and_views", test_create_and_views },
    { "wx_permissions", test_wx_permissions },
    { "create_error", test_create_error },
    { "exec_lea", test_exec_lea },
    { "exec_loop", test_exec_loop },
    { "exec_forward_patch", test_exec_forward_patch },
    { "exec_calls_and_rip", test_exec_calls_and_rip },
    { "chain_patch", test_chain_patch },
    { "commit_reset", test_commit_reset },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return cunit_run_suite("codebuf", tests);
}
