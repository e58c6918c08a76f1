/*
 * x86-64 JIT backend: see tcg/x86_64/emit.h.
 *
 * One forward pass over the ops, driven by the liveness and the register
 * allocator of tcg/regalloc.c.  Every op keeps the invariant that an I32
 * value in a host register is zero-extended to 64 bits (32-bit x86
 * operations do that by themselves), which is also how the interpreter keeps
 * its temps, so helpers see the same arguments under both backends.
 *
 * References: Intel SDM Vol. 2 for the instructions; System V AMD64 ABI for
 * the calling convention (arguments rdi, rsi, rdx, rcx, r8, r9; rbx, rbp,
 * r12-r15 callee-saved; stack 16-byte aligned at a call).
 */
#include <assert.h>
#include <cpuid.h>
#include <stdlib.h>
#include <string.h>

#include "tcg/codebuf.h"
#include "tcg/regalloc.h"
#include "tcg/scratch.h"
#include "tcg/vec.h"
#include "tcg/x86_64/asm.h"
#include "tcg/x86_64/emit.h"

/* Spill slots at [rsp]; +8 keeps rsp 16-byte aligned after the 6 pushes. */
#define FRAME_SIZE (RA_MAX_SLOTS * 8 + 8)
#define SCRATCH X86_R11

struct JitContext {
    CodeBuf *cb;
    IRBackendConfig cfg;
    const uint8_t *prologue_rw;
    const uint8_t *epilogue_rw;
    /*
     * User mode: guest_limit - size for sizes 1 << k (k = 0..4), at the start
     * of the code buffer so that bounds checks compare against them
     * RIP-relatively instead of loading a 64-bit immediate each time.
     */
    const uint64_t *last_valid_rx;
    bool has_lzcnt, has_tzcnt;
    bool has_ssse3, has_sse41, has_sse42;   /* inline vector ops beyond SSE2 */
};

/* Out-of-line code after the block: user-mode fault calls and softmmu slow paths. */
enum { STUB_FAULT, STUB_SOFTMMU_LD, STUB_SOFTMMU_ST };

typedef struct Stub {
    X86Patch site;      /* rel32 of the branch to the stub */
    int addr_reg;
    int is_write;
    uint64_t guest_pc;
    /* Softmmu slow paths only. */
    uint8_t kind;       /* STUB_* */
    int data_reg;       /* LD: the output register; ST: the value (-1: imm) */
    int64_t imm;
    IRMemOp mo;
    int opsize;
    uint32_t save;      /* caller-saved registers holding values across the call */
    uint32_t resume;    /* offset to jump back to */
} Stub;

typedef struct Pending {
    uint32_t label;
    X86Patch site;
} Pending;

typedef struct Emit {
    JitContext *ctx;
    X86Asm a;
    IRContext *ir;
    RALiveness lv;
    RAState ra;
    RAHost host;
    uintptr_t token;
    JitBlock *out;
    int32_t *label_off;
    Pending *pend;
    uint32_t npend, cappend;
    Stub *stubs;
    uint32_t nstubs, capstubs;
    IRInsnRecord *insns;
    uint32_t ninsns, capinsns;
    uint64_t cur_pc;
} Emit;

#define A (&e->a)

/* ------------------------------------------------------------------ */
/* Allocator hooks                                                     */

static void host_mov(void *o, int dst, int src)
{
    Emit *e = o;
    x86_mov_rr(A, 8, (X86Reg)dst, (X86Reg)src);
}

static void host_movi(void *o, int dst, uint64_t v)
{
    Emit *e = o;
    x86_mov_ri(A, 8, (X86Reg)dst, v);
}

static void host_load(void *o, int dst, bool frame, int32_t off, int size)
{
    Emit *e = o;
    x86_mov_rm(A, size, (X86Reg)dst, x86_mem(frame ? X86_RSP : X86_RBP, off));
}

static void host_store(void *o, int src, bool frame, int32_t off, int size)
{
    Emit *e = o;
    x86_mov_mr(A, size, x86_mem(frame ? X86_RSP : X86_RBP, off), (X86Reg)src);
}

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */

static const X86Cond cond_map[] = {
    [IR_COND_EQ] = X86_CC_E, [IR_COND_NE] = X86_CC_NE,
    [IR_COND_LT] = X86_CC_L, [IR_COND_GE] = X86_CC_GE,
    [IR_COND_LE] = X86_CC_LE, [IR_COND_GT] = X86_CC_G,
    [IR_COND_LTU] = X86_CC_B, [IR_COND_GEU] = X86_CC_AE,
    [IR_COND_LEU] = X86_CC_BE, [IR_COND_GTU] = X86_CC_A,
    [IR_COND_TSTEQ] = X86_CC_E, [IR_COND_TSTNE] = X86_CC_NE,
};

static int op_size(const IROp *op)
{
    return op->type == IR_I64 ? 8 : 4;
}

static bool is_const(const Emit *e, IRTemp t)
{
    return e->ir->temps[t].kind == IR_TEMP_CONST;
}

/* A constant usable as the sign-extended imm32 of an op of @size bytes. */
static bool imm_of(const Emit *e, IRTemp t, int size, int32_t *imm)
{
    const IRTempInfo *ti = &e->ir->temps[t];

    if (ti->kind != IR_TEMP_CONST) {
        return false;
    }
    if (size == 4 || (int64_t)ti->value == (int32_t)ti->value) {
        *imm = (int32_t)ti->value;
        return true;
    }
    return false;
}

static bool dead(const Emit *e, uint32_t i, unsigned k)
{
    return (e->lv.dead[i] >> k) & 1;
}

/* A register for the output initialised with args[k]: reuses a dying input's register. */
static int out_from(Emit *e, uint32_t i, const IROp *op, unsigned k)
{
    IRTemp t = (IRTemp)op->args[k];
    int r;

    if (dead(e, i, k) && ra_can_steal(&e->ra, t)) {
        return ra_steal(&e->ra, t);
    }
    r = ra_alloc(&e->ra, 0);
    ra_copy_to(&e->ra, r, t);
    return r;
}

/* Flags for (a cond b); returns the x86 condition that is true when the IR one is. */
static X86Cond emit_cmp(Emit *e, IRCond c, IRTemp a, IRTemp b, int size)
{
    int32_t imm;
    bool bimm;
    int ra, rb = -1;

    if (is_const(e, a) && !is_const(e, b)) {
        IRTemp t = a;
        a = b;
        b = t;
        c = ir_cond_swap(c);
    }
    bimm = imm_of(e, b, size, &imm);
    if (!bimm) {
        rb = ra_in(&e->ra, b);
    }
    ra = ra_in(&e->ra, a);
    if (c == IR_COND_TSTEQ || c == IR_COND_TSTNE) {
        if (bimm) {
            x86_test_ri(A, size, (X86Reg)ra, imm);
        } else {
            x86_test_rr(A, size, (X86Reg)ra, (X86Reg)rb);
        }
    } else if (bimm) {
        x86_alu_ri(A, X86_CMP, size, (X86Reg)ra, imm);
    } else {
        x86_alu_rr(A, X86_CMP, size, (X86Reg)ra, (X86Reg)rb);
    }
    return cond_map[c];
}

static void *grow(void *p, uint32_t *cap, uint32_t need, size_t elem)
{
    if (need > *cap) {
        *cap = need * 2 + 8;
        p = realloc(p, *cap * elem);
        assert(p);
    }
    return p;
}

/* ------------------------------------------------------------------ */
/* Arithmetic                                                          */

static void emit_alu(Emit *e, uint32_t i, const IROp *op)
{
    int size = op_size(op);
    IRTemp b = (IRTemp)op->args[2];
    const IRTempInfo *bi = &e->ir->temps[b];
    int32_t imm = 0;
    bool bimm = false;
    int rb = -1, ro;

    if (bi->kind == IR_TEMP_CONST) {
        uint64_t v = bi->value;
        if (op->opc == IR_andc || op->opc == IR_orc || op->opc == IR_eqv) {
            v = ~v;
        }
        if (size == 4 || (int64_t)v == (int32_t)v) {
            imm = (int32_t)v;
            bimm = true;
        }
    }
    if (!bimm) {
        rb = ra_in(&e->ra, b);
    }
    ro = out_from(e, i, op, 1);

    if (!bimm && (op->opc == IR_andc || op->opc == IR_orc || op->opc == IR_eqv)) {
        x86_mov_rr(A, 8, SCRATCH, (X86Reg)rb);
        x86_not(A, 8, SCRATCH);
        rb = SCRATCH;
    }
    switch (op->opc) {
    case IR_mul:
        if (bimm) {
            x86_imul_rri(A, size, (X86Reg)ro, (X86Reg)ro, imm);
        } else {
            x86_imul_rr(A, size, (X86Reg)ro, (X86Reg)rb);
        }
        break;
    default: {
        X86Alu alu;
        switch (op->opc) {
        case IR_add: alu = X86_ADD; break;
        case IR_sub: alu = X86_SUB; break;
        case IR_and: case IR_andc: alu = X86_AND; break;
        case IR_or: case IR_orc: alu = X86_OR; break;
        default: alu = X86_XOR; break;   /* xor, eqv */
        }
        if (bimm) {
            x86_alu_ri(A, alu, size, (X86Reg)ro, imm);
        } else {
            x86_alu_rr(A, alu, size, (X86Reg)ro, (X86Reg)rb);
        }
        break;
    }
    }
    ra_def(&e->ra, (IRTemp)op->args[0], ro);
}

/* div/divu/rem/remu with Arm's total semantics: x/0 = 0, x%0 = x, MIN/-1 = MIN, MIN%-1 = 0. */
static void emit_div(Emit *e, const IROp *op)
{
    int size = op_size(op);
    bool is_signed = op->opc == IR_div || op->opc == IR_rem;
    bool is_rem = op->opc == IR_rem || op->opc == IR_remu;
    int ra, rb, ro;
    X86Patch to_zero, to_m1 = NULL, to_done1, to_done2 = NULL;

    ra_reserve(&e->ra, X86_RAX);
    ra_reserve(&e->ra, X86_RDX);
    rb = ra_in(&e->ra, (IRTemp)op->args[2]);
    ra = ra_in(&e->ra, (IRTemp)op->args[1]);
    ro = ra_alloc(&e->ra, 0);

    x86_test_rr(A, size, (X86Reg)rb, (X86Reg)rb);
    to_zero = x86_jcc8_forward(A, X86_CC_E);
    if (is_signed) {
        /* x / -1 is -x for every x (MIN wraps to MIN) and idiv would trap on MIN. */
        x86_alu_ri(A, X86_CMP, size, (X86Reg)rb, -1);
        to_m1 = x86_jcc8_forward(A, X86_CC_E);
    }
    x86_mov_rr(A, size, X86_RAX, (X86Reg)ra);
    if (is_signed) {
        if (size == 8) {
            x86_cqo(A);
        } else {
            x86_cdq(A);
        }
        x86_idiv(A, size, (X86Reg)rb);
    } else {
        x86_zero_reg(A, X86_RDX);
        x86_div(A, size, (X86Reg)rb);
    }
    x86_mov_rr(A, size, (X86Reg)ro, is_rem ? X86_RDX : X86_RAX);
    to_done1 = x86_jmp8_forward(A);
    if (is_signed) {
        x86_bind8(A, to_m1);
        if (is_rem) {
            x86_zero_reg(A, (X86Reg)ro);
        } else {
            x86_mov_rr(A, size, (X86Reg)ro, (X86Reg)ra);
            x86_neg(A, size, (X86Reg)ro);
        }
        to_done2 = x86_jmp8_forward(A);
    }
    x86_bind8(A, to_zero);
    if (is_rem) {
        x86_mov_rr(A, size, (X86Reg)ro, (X86Reg)ra);
    } else {
        x86_zero_reg(A, (X86Reg)ro);
    }
    x86_bind8(A, to_done1);
    if (to_done2) {
        x86_bind8(A, to_done2);
    }
    ra_def(&e->ra, (IRTemp)op->args[0], ro);
}

static void emit_mulh(Emit *e, const IROp *op)
{
    int size = op_size(op);
    int ra, rb, ro;

    ra_reserve(&e->ra, X86_RAX);
    ra_reserve(&e->ra, X86_RDX);
    rb = ra_in(&e->ra, (IRTemp)op->args[2]);
    ra = ra_in(&e->ra, (IRTemp)op->args[1]);
    x86_mov_rr(A, size, X86_RAX, (X86Reg)ra);
    if (op->opc == IR_mulsh) {
        x86_imul1(A, size, (X86Reg)rb);
    } else {
        x86_mul(A, size, (X86Reg)rb);
    }
    ro = ra_alloc(&e->ra, 0);
    x86_mov_rr(A, size, (X86Reg)ro, X86_RDX);
    ra_def(&e->ra, (IRTemp)op->args[0], ro);
}

/* Shifts and rotates: x86 masks the count to 5/6 bits, which is the IR's "mod width". */
static void emit_shift(Emit *e, uint32_t i, const IROp *op)
{
    int size = op_size(op);
    IRTemp b = (IRTemp)op->args[2];
    X86Shift sh;
    int ro;

    switch (op->opc) {
    case IR_shl: sh = X86_SHL; break;
    case IR_shr: sh = X86_SHR; break;
    case IR_sar: sh = X86_SAR; break;
    case IR_rotl: sh = X86_ROL; break;
    default: sh = X86_ROR; break;
    }
    if (is_const(e, b)) {
        ro = out_from(e, i, op, 1);
        x86_shift_ri(A, sh, size, (X86Reg)ro, e->ir->temps[b].value & (size * 8 - 1));
    } else {
        ra_reserve(&e->ra, X86_RCX);
        ra_copy_to(&e->ra, X86_RCX, b);
        ro = out_from(e, i, op, 1);
        x86_shift_rcl(A, sh, size, (X86Reg)ro);
    }
    ra_def(&e->ra, (IRTemp)op->args[0], ro);
}

static void emit_unary(Emit *e, uint32_t i, const IROp *op)
{
    int size = op_size(op);
    int ro = out_from(e, i, op, 1);
    X86Reg r = (X86Reg)ro;

    switch (op->opc) {
    case IR_mov:
        if (size == 4) {
            x86_mov_rr(A, 4, r, r);
        }
        break;
    case IR_neg: x86_neg(A, size, r); break;
    case IR_not: x86_not(A, size, r); break;
    case IR_bswap: x86_bswap(A, size, r); break;
    case IR_ext8s: x86_movsx_rr(A, size, 1, r, r); break;
    case IR_ext8u: x86_movzx_rr(A, 4, 1, r, r); break;
    case IR_ext16s: x86_movsx_rr(A, size, 2, r, r); break;
    case IR_ext16u: x86_movzx_rr(A, 4, 2, r, r); break;
    case IR_ext32s: x86_movsx_rr(A, 8, 4, r, r); break;
    case IR_ext32u:
    case IR_trunc32:
        x86_mov_rr(A, 4, r, r);
        break;
    default:
        abort();
    }
    ra_def(&e->ra, (IRTemp)op->args[0], ro);
}

/* clz/ctz with the result "width" for 0. */
static void emit_bitcount(Emit *e, const IROp *op)
{
    int size = op_size(op), w = size * 8;
    int ra = ra_in(&e->ra, (IRTemp)op->args[1]);
    int ro = ra_alloc(&e->ra, 0);

    if (op->opc == IR_clz) {
        if (e->ctx->has_lzcnt) {
            x86_lzcnt(A, size, (X86Reg)ro, (X86Reg)ra);
        } else {
            /* clz = (w-1) ^ bsr; for 0 pick 2w-1 so that the xor gives w. */
            x86_bsr(A, size, (X86Reg)ro, (X86Reg)ra);
            x86_mov_ri(A, 4, SCRATCH, 2 * w - 1);
            x86_cmovcc(A, X86_CC_E, size, (X86Reg)ro, SCRATCH);
            x86_alu_ri(A, X86_XOR, size, (X86Reg)ro, w - 1);
        }
    } else {
        if (e->ctx->has_tzcnt) {
            x86_tzcnt(A, size, (X86Reg)ro, (X86Reg)ra);
        } else {
            x86_bsf(A, size, (X86Reg)ro, (X86Reg)ra);
            x86_mov_ri(A, 4, SCRATCH, w);
            x86_cmovcc(A, X86_CC_E, size, (X86Reg)ro, SCRATCH);
        }
    }
    ra_def(&e->ra, (IRTemp)op->args[0], ro);
}

static void emit_bitfield(Emit *e, uint32_t i, const IROp *op)
{
    int size = op_size(op), w = size * 8;
    unsigned pos, len;
    int ro;

    if (op->opc == IR_deposit) {
        pos = (unsigned)op->args[3];
        len = (unsigned)op->args[4];
        /* r11 = (b & mask(len)) << pos, loaded before a's register may be reused. */
        ra_copy_to(&e->ra, SCRATCH, (IRTemp)op->args[2]);
        ro = out_from(e, i, op, 1);
        if ((int)len == w) {
            x86_mov_rr(A, size, (X86Reg)ro, SCRATCH);
        } else {
            x86_shift_ri(A, X86_SHL, size, SCRATCH, w - len);
            x86_shift_ri(A, X86_SHR, size, SCRATCH, w - len - pos);
            /* Clear the field of a without a mask constant: rotate it to bit 0. */
            x86_shift_ri(A, X86_ROR, size, (X86Reg)ro, pos);
            x86_shift_ri(A, X86_SHR, size, (X86Reg)ro, len);
            x86_shift_ri(A, X86_SHL, size, (X86Reg)ro, len);
            x86_shift_ri(A, X86_ROL, size, (X86Reg)ro, pos);
            x86_alu_rr(A, X86_OR, size, (X86Reg)ro, SCRATCH);
        }
    } else {
        bool sign = op->opc == IR_sextract;
        pos = (unsigned)op->args[2];
        len = (unsigned)op->args[3];
        ro = out_from(e, i, op, 1);
        if (pos + len == (unsigned)w) {
            x86_shift_ri(A, sign ? X86_SAR : X86_SHR, size, (X86Reg)ro, pos);
        } else if (pos == 0 && !sign && len == 32) {
            x86_mov_rr(A, 4, (X86Reg)ro, (X86Reg)ro);
        } else if (pos == 0 && (len == 8 || len == 16)) {
            if (sign) {
                x86_movsx_rr(A, size, len / 8, (X86Reg)ro, (X86Reg)ro);
            } else {
                x86_movzx_rr(A, 4, len / 8, (X86Reg)ro, (X86Reg)ro);
            }
        } else {
            x86_shift_ri(A, X86_SHL, size, (X86Reg)ro, w - pos - len);
            x86_shift_ri(A, sign ? X86_SAR : X86_SHR, size, (X86Reg)ro, w - len);
        }
    }
    ra_def(&e->ra, (IRTemp)op->args[0], ro);
}

static void emit_setcond(Emit *e, const IROp *op)
{
    int size = op_size(op);
    IRCond c = (IRCond)op->args[3];
    int ro = ra_alloc(&e->ra, 0);

    if (c == IR_COND_NEVER || c == IR_COND_ALWAYS) {
        x86_mov_ri(A, 4, (X86Reg)ro, c == IR_COND_ALWAYS);
    } else {
        X86Cond cc = emit_cmp(e, c, (IRTemp)op->args[1], (IRTemp)op->args[2], size);
        x86_setcc(A, cc, (X86Reg)ro);
        x86_movzx_rr(A, 4, 1, (X86Reg)ro, (X86Reg)ro);
    }
    ra_def(&e->ra, (IRTemp)op->args[0], ro);
}

static void emit_movcond(Emit *e, const IROp *op)
{
    int size = op_size(op);
    IRCond c = (IRCond)op->args[5];
    int ro = ra_alloc(&e->ra, 0);

    if (c == IR_COND_NEVER || c == IR_COND_ALWAYS) {
        ra_copy_to(&e->ra, ro, (IRTemp)op->args[c == IR_COND_ALWAYS ? 3 : 4]);
    } else {
        int rc = ra_in(&e->ra, (IRTemp)op->args[3]);
        int rd = ra_in(&e->ra, (IRTemp)op->args[4]);
        X86Cond cc = emit_cmp(e, c, (IRTemp)op->args[1], (IRTemp)op->args[2], size);
        x86_mov_rr(A, size, (X86Reg)ro, (X86Reg)rd);      /* mov keeps the flags */
        x86_cmovcc(A, cc, size, (X86Reg)ro, (X86Reg)rc);
    }
    ra_def(&e->ra, (IRTemp)op->args[0], ro);
}

/* ------------------------------------------------------------------ */
/* Memory                                                              */

/* dst = the @mo-sized value at m, extended to @opsize like the interpreter's extend_load. */
static void emit_load_ext(Emit *e, int dst, X86Mem m, IRMemOp mo, int opsize)
{
    unsigned s = ir_memop_size(mo);
    bool sign = mo & IR_MO_SIGN;

    if (s == 8) {
        x86_mov_rm(A, 8, (X86Reg)dst, m);
    } else if (s == 4) {
        if (sign && opsize == 8) {
            x86_movsx_rm(A, 8, 4, (X86Reg)dst, m);
        } else {
            x86_mov_rm(A, 4, (X86Reg)dst, m);
        }
    } else if (sign) {
        x86_movsx_rm(A, opsize, s, (X86Reg)dst, m);
    } else {
        x86_movzx_rm(A, 4, s, (X86Reg)dst, m);
    }
}

static void emit_ext_reg(Emit *e, int dst, int src, IRMemOp mo, int opsize)
{
    unsigned s = ir_memop_size(mo);
    bool sign = mo & IR_MO_SIGN;

    if (s == 8) {
        x86_mov_rr(A, 8, (X86Reg)dst, (X86Reg)src);
    } else if (s == 4) {
        if (sign && opsize == 8) {
            x86_movsx_rr(A, 8, 4, (X86Reg)dst, (X86Reg)src);
        } else {
            x86_mov_rr(A, 4, (X86Reg)dst, (X86Reg)src);
        }
    } else if (sign) {
        x86_movsx_rr(A, opsize, s, (X86Reg)dst, (X86Reg)src);
    } else {
        x86_movzx_rr(A, 4, s, (X86Reg)dst, (X86Reg)src);
    }
}

static void add_stub(Emit *e, X86Patch site, int addr_reg, int is_write)
{
    e->stubs = grow(e->stubs, &e->capstubs, e->nstubs + 1, sizeof(Stub));
    e->stubs[e->nstubs++] = (Stub){ .site = site, .addr_reg = addr_reg, .is_write = is_write,
                                    .guest_pc = e->cur_pc, .kind = STUB_FAULT };
}

/* ------------------------------------------------------------------ */
/* System mode: the inline softmmu TLB fast path (see tcg/backend.h)   */

/*
 * Index the TLB of @mo's MMU index with @ra's page, compare the tag of
 * the access kind with the page and alignment bits of the address, and on
 * a hit leave the entry's addend in @t; a miss branches to *miss:
 *
 *   mov t, addr ; shr t, 7 ; and t32, (N-1) << 5          entry offset
 *   lea r11, [addr + k] ; and r11, page_mask | align_mask  what to compare
 *   cmp r11, [rbp + t + tlb + tag] ; jne slow
 *   mov t, [rbp + t + tlb + addend]                        host = addr + t
 */
static X86Patch softmmu_fast_path(Emit *e, int ra, int t, IRMemOp mo, bool is_write)
{
    const IRBackendConfig *cfg = &e->ctx->cfg;
    unsigned mmu = softmmu_memop_mmu_idx(mo);
    uint64_t k = softmmu_cmp_addend(mo);
    int32_t base;
    X86Patch miss;

    assert(mmu < SOFTMMU_NB_MMU_MODES);
    base = (int32_t)(cfg->tlb_offset + offsetof(SoftmmuTLBTable, e) +
                     mmu * SOFTMMU_TLB_SIZE * sizeof(SoftmmuTLBEntry));
    x86_mov_rr(A, 8, (X86Reg)t, (X86Reg)ra);
    x86_shift_ri(A, X86_SHR, 8, (X86Reg)t, SOFTMMU_PAGE_BITS - SOFTMMU_TLB_ENTRY_BITS);
    x86_alu_ri(A, X86_AND, 4, (X86Reg)t,
               (int32_t)((SOFTMMU_TLB_SIZE - 1) << SOFTMMU_TLB_ENTRY_BITS));
    if (k) {
        x86_lea(A, 8, SCRATCH, x86_mem((X86Reg)ra, (int32_t)k));
    } else {
        x86_mov_rr(A, 8, SCRATCH, (X86Reg)ra);
    }
    x86_alu_ri(A, X86_AND, 8, SCRATCH, (int32_t)softmmu_cmp_mask(mo));
    x86_alu_rm(A, X86_CMP, 8, SCRATCH,
               x86_mem_idx(X86_RBP, (X86Reg)t, 1,
                           base + (int32_t)(is_write ? offsetof(SoftmmuTLBEntry, addr_write)
                                                     : offsetof(SoftmmuTLBEntry, addr_read))));
    miss = x86_jcc_forward(A, X86_CC_NE);
    x86_mov_rm(A, 8, (X86Reg)t,
               x86_mem_idx(X86_RBP, (X86Reg)t, 1, base + (int32_t)offsetof(SoftmmuTLBEntry, addend)));
    return miss;
}

/* Caller-saved registers that hold something the slow-path call must not destroy. */
static uint32_t softmmu_live_caller_saved(const Emit *e, uint32_t except)
{
    uint32_t m = 0;

    for (int r = 0; r < RA_NREGS; r++) {
        if (((e->host.caller_saved >> r) & 1) && e->ra.reg_temp[r] != RA_FREE) {
            m |= 1u << r;
        }
    }
    return m & ~except & ~(1u << SCRATCH);
}

static void add_softmmu_stub(Emit *e, X86Patch site, uint8_t kind, int ra, int data_reg,
                             int64_t imm, IRMemOp mo, int opsize, uint32_t save)
{
    e->stubs = grow(e->stubs, &e->capstubs, e->nstubs + 1, sizeof(Stub));
    e->stubs[e->nstubs++] = (Stub){
        .site = site, .addr_reg = ra, .is_write = kind == STUB_SOFTMMU_ST, .guest_pc = e->cur_pc,
        .kind = kind, .data_reg = data_reg, .imm = imm, .mo = mo, .opsize = opsize, .save = save,
        .resume = (uint32_t)x86_offset(A),
    };
}

static void emit_softmmu_ld(Emit *e, const IROp *op)
{
    IRMemOp mo = (IRMemOp)op->args[2];
    int ra, t;
    X86Patch miss;

    ra_sync_globals(&e->ra, false);
    ra = ra_in(&e->ra, (IRTemp)op->args[1]);
    t = ra_alloc(&e->ra, 0);
    miss = softmmu_fast_path(e, ra, t, mo, false);
    emit_load_ext(e, t, x86_mem_idx((X86Reg)ra, (X86Reg)t, 1, 0), mo, op_size(op));
    add_softmmu_stub(e, miss, STUB_SOFTMMU_LD, ra, t, 0, mo, op_size(op),
                     softmmu_live_caller_saved(e, 1u << t));
    ra_def(&e->ra, (IRTemp)op->args[0], t);
}

static void emit_softmmu_st(Emit *e, const IROp *op)
{
    IRMemOp mo = (IRMemOp)op->args[2];
    unsigned s = ir_memop_size(mo);
    int32_t imm = 0;
    bool vimm = imm_of(e, (IRTemp)op->args[0], (int)(s == 8 ? 8 : 4), &imm);
    int rv = -1, ra, t;
    X86Mem m;
    X86Patch miss;

    ra_sync_globals(&e->ra, false);
    if (!vimm) {
        rv = ra_in(&e->ra, (IRTemp)op->args[0]);
    }
    ra = ra_in(&e->ra, (IRTemp)op->args[1]);
    t = ra_alloc(&e->ra, 0);
    miss = softmmu_fast_path(e, ra, t, mo, true);
    m = x86_mem_idx((X86Reg)ra, (X86Reg)t, 1, 0);
    if (vimm) {
        x86_mov_mi(A, (int)s, m, imm);
    } else {
        x86_mov_mr(A, (int)s, m, (X86Reg)rv);
    }
    add_softmmu_stub(e, miss, STUB_SOFTMMU_ST, ra, rv, imm, mo, 8,
                     softmmu_live_caller_saved(e, 1u << t));
}

/*
 * The slow-path call: preserve the live caller-saved registers, keep the
 * stack 16-byte aligned, pass a return address inside this stub (its
 * record names the guest instruction), and go back to the fast path's end.
 */
static void emit_softmmu_stub(Emit *e, const Stub *st)
{
    const IRBackendConfig *cfg = &e->ctx->cfg;
    unsigned n = 0;

    x86_bind(A, st->site);
    for (int r = 0; r < RA_NREGS; r++) {
        if ((st->save >> r) & 1) {
            x86_push(A, (X86Reg)r);
            n++;
        }
    }
    if (n & 1) {
        x86_alu_ri(A, X86_SUB, 8, X86_RSP, 8);
    }
    if (st->kind == STUB_SOFTMMU_LD) {
        x86_mov_rr(A, 8, X86_RSI, (X86Reg)st->addr_reg);
        x86_mov_rr(A, 8, X86_RDI, X86_RBP);
        x86_mov_ri(A, 4, X86_RDX, st->mo);
        x86_lea(A, 8, X86_RCX, x86_mem_rip(0));
        x86_call_far(A, (const void *)cfg->ld_slow, SCRATCH);
    } else {
        if (st->data_reg >= 0) {
            x86_mov_rr(A, 8, SCRATCH, (X86Reg)st->data_reg);
        } else {
            x86_mov_ri(A, 8, SCRATCH, (uint64_t)st->imm);
        }
        x86_mov_rr(A, 8, X86_RSI, (X86Reg)st->addr_reg);
        x86_mov_rr(A, 8, X86_RDX, SCRATCH);
        x86_mov_rr(A, 8, X86_RDI, X86_RBP);
        x86_mov_ri(A, 4, X86_RCX, st->mo);
        x86_lea(A, 8, X86_R8, x86_mem_rip(0));
        x86_call_far(A, (const void *)cfg->st_slow, SCRATCH);
    }
    if (n & 1) {
        x86_alu_ri(A, X86_ADD, 8, X86_RSP, 8);
    }
    if (st->kind == STUB_SOFTMMU_LD) {
        emit_ext_reg(e, st->data_reg, X86_RAX, st->mo, st->opsize);
    }
    for (int r = RA_NREGS; r-- > 0;) {
        if ((st->save >> r) & 1) {
            x86_pop(A, (X86Reg)r);
        }
    }
    x86_jmp(A, A->start + st->resume);
}

/* Atomics in system mode: always the C slow path (RAM: host atomics; MMIO: see softmmu.c). */
static void emit_softmmu_atomic(Emit *e, const IROp *op, bool cmpxchg)
{
    const IRBackendConfig *cfg = &e->ctx->cfg;
    IRMemOp mo = (IRMemOp)op->args[4];   /* both: out, 3 inputs or 2 inputs + aop, memop */
    uint32_t desc = cmpxchg ? SOFTMMU_ATOMIC_DESC(mo, SOFTMMU_ATOMIC_CMPXCHG, 0)
                            : SOFTMMU_ATOMIC_DESC(mo, SOFTMMU_ATOMIC_RMW, op->args[3]);

    ra_sync_globals(&e->ra, false);
    ra_clobber(&e->ra);
    ra_copy_to(&e->ra, X86_RSI, (IRTemp)op->args[1]);
    ra_copy_to(&e->ra, X86_RDX, (IRTemp)op->args[2]);
    if (cmpxchg) {
        ra_copy_to(&e->ra, X86_RCX, (IRTemp)op->args[3]);
    } else {
        x86_mov_ri(A, 4, X86_RCX, 0);
    }
    x86_mov_rr(A, 8, X86_RDI, X86_RBP);
    x86_mov_ri(A, 4, X86_R8, desc);
    x86_lea(A, 8, X86_R9, x86_mem_rip(0));
    x86_call_far(A, (const void *)cfg->atomic_slow, SCRATCH);
    ra_reserve(&e->ra, X86_RAX);
    emit_ext_reg(e, X86_RAX, X86_RAX, mo, op_size(op));
    ra_def(&e->ra, (IRTemp)op->args[0], X86_RAX);
}

/*
 * User-mode guest access: alignment check (first, as the interpreter does),
 * then addr + size <= guest_limit without wrapping, then [guest_base + addr].
 * Faults branch to out-of-line stubs that call cfg->guest_fault.
 */
static X86Mem guest_mem(Emit *e, int ra, IRMemOp mo, int is_write)
{
    const IRBackendConfig *cfg = &e->ctx->cfg;
    unsigned align = (mo & IR_MO_ALIGN_MASK) >> IR_MO_ALIGN_SHIFT;
    unsigned size = ir_memop_size(mo);

    if (align) {
        x86_test_ri(A, 4, (X86Reg)ra, (int32_t)((1u << align) - 1));
        add_stub(e, x86_jcc_forward(A, X86_CC_NE), ra, is_write + 2);
    }
    if (cfg->guest_limit < size) {
        add_stub(e, x86_jmp_forward(A), ra, is_write);
    } else {
        uint64_t last = cfg->guest_limit - size;   /* highest valid address */
        unsigned k = (unsigned)__builtin_ctz(size);
        if (last <= INT32_MAX) {
            x86_alu_ri(A, X86_CMP, 8, (X86Reg)ra, (int32_t)last);
        } else if (e->ctx->last_valid_rx && (size & (size - 1)) == 0 && k < 5) {
            x86_alu_rm(A, X86_CMP, 8, (X86Reg)ra, x86_mem_rip_abs(&e->ctx->last_valid_rx[k]));
        } else {
            x86_mov_ri(A, 8, SCRATCH, last);
            x86_alu_rr(A, X86_CMP, 8, (X86Reg)ra, SCRATCH);
        }
        add_stub(e, x86_jcc_forward(A, X86_CC_A), ra, is_write);
    }
    if (cfg->guest_base) {
        return x86_mem_idx(X86_R14, (X86Reg)ra, 1, 0);
    }
    return x86_mem((X86Reg)ra, 0);
}

static void emit_guest_ld(Emit *e, const IROp *op)
{
    IRMemOp mo = (IRMemOp)op->args[2];
    int ra, ro;
    X86Mem m;

    ra_sync_globals(&e->ra, false);
    ra = ra_in(&e->ra, (IRTemp)op->args[1]);
    m = guest_mem(e, ra, mo, 0);
    ro = ra_alloc(&e->ra, 0);
    emit_load_ext(e, ro, m, mo, op_size(op));
    ra_def(&e->ra, (IRTemp)op->args[0], ro);
}

static void emit_guest_st(Emit *e, const IROp *op)
{
    IRMemOp mo = (IRMemOp)op->args[2];
    unsigned s = ir_memop_size(mo);
    int32_t imm;
    bool vimm = imm_of(e, (IRTemp)op->args[0], (int)(s == 8 ? 8 : 4), &imm);
    int rv = -1, ra;
    X86Mem m;

    ra_sync_globals(&e->ra, false);
    if (!vimm) {
        rv = ra_in(&e->ra, (IRTemp)op->args[0]);
    }
    ra = ra_in(&e->ra, (IRTemp)op->args[1]);
    m = guest_mem(e, ra, mo, 1);
    if (vimm) {
        x86_mov_mi(A, (int)s, m, imm);
    } else {
        x86_mov_mr(A, (int)s, m, (X86Reg)rv);
    }
}

static void emit_cmpxchg(Emit *e, const IROp *op)
{
    IRMemOp mo = (IRMemOp)op->args[4];
    int rn, ra, ro;
    X86Mem m;

    ra_sync_globals(&e->ra, false);
    ra_reserve(&e->ra, X86_RAX);
    ra_copy_to(&e->ra, X86_RAX, (IRTemp)op->args[2]);
    rn = ra_in(&e->ra, (IRTemp)op->args[3]);
    ra = ra_in(&e->ra, (IRTemp)op->args[1]);
    m = guest_mem(e, ra, mo, 1);
    x86_lock_cmpxchg(A, (int)ir_memop_size(mo), m, (X86Reg)rn);
    ro = ra_alloc(&e->ra, 0);
    emit_ext_reg(e, ro, X86_RAX, mo, op_size(op));
    ra_def(&e->ra, (IRTemp)op->args[0], ro);
}

static void emit_rmw(Emit *e, const IROp *op)
{
    IRAtomicOp aop = (IRAtomicOp)op->args[3];
    IRMemOp mo = (IRMemOp)op->args[4];
    int s = (int)ir_memop_size(mo);
    int rx, ra, ro;
    X86Mem m;

    ra_sync_globals(&e->ra, false);
    if (aop == IR_ATOMIC_XCHG || aop == IR_ATOMIC_ADD) {
        rx = ra_in(&e->ra, (IRTemp)op->args[2]);
        ra = ra_in(&e->ra, (IRTemp)op->args[1]);
        m = guest_mem(e, ra, mo, 1);
        ro = ra_alloc(&e->ra, 0);
        x86_mov_rr(A, 8, (X86Reg)ro, (X86Reg)rx);
        if (aop == IR_ATOMIC_XCHG) {
            x86_xchg_mr(A, s, m, (X86Reg)ro);      /* xchg with memory is locked */
        } else {
            x86_lock_xadd(A, s, m, (X86Reg)ro);
        }
        emit_ext_reg(e, ro, ro, mo, op_size(op));
    } else {
        const uint8_t *loop;
        ra_reserve(&e->ra, X86_RAX);
        rx = ra_in(&e->ra, (IRTemp)op->args[2]);
        ra = ra_in(&e->ra, (IRTemp)op->args[1]);
        m = guest_mem(e, ra, mo, 1);
        if (s >= 4) {
            x86_mov_rm(A, s, X86_RAX, m);
        } else {
            x86_movzx_rm(A, 4, s, X86_RAX, m);
        }
        /* rax = old; r11 = new; retry while another writer got in between. */
        loop = A->ptr;
        switch (aop) {
        case IR_ATOMIC_AND:
        case IR_ATOMIC_OR:
        case IR_ATOMIC_XOR:
            x86_mov_rr(A, 8, SCRATCH, X86_RAX);
            x86_alu_rr(A, aop == IR_ATOMIC_AND ? X86_AND : aop == IR_ATOMIC_OR ? X86_OR : X86_XOR,
                       8, SCRATCH, (X86Reg)rx);
            break;
        case IR_ATOMIC_ANDC:
            x86_mov_rr(A, 8, SCRATCH, (X86Reg)rx);
            x86_not(A, 8, SCRATCH);
            x86_alu_rr(A, X86_AND, 8, SCRATCH, X86_RAX);
            break;
        default: {
            /* min/max compare at the access size (signed ones sign-extended). */
            X86Cond take_x = aop == IR_ATOMIC_SMAX ? X86_CC_L :
                             aop == IR_ATOMIC_SMIN ? X86_CC_G :
                             aop == IR_ATOMIC_UMAX ? X86_CC_B : X86_CC_A;
            x86_alu_rr(A, X86_CMP, s, X86_RAX, (X86Reg)rx);
            x86_mov_rr(A, 8, SCRATCH, X86_RAX);
            x86_cmovcc(A, take_x, s < 4 ? 4 : s, SCRATCH, (X86Reg)rx);
            break;
        }
        }
        x86_lock_cmpxchg(A, s, m, SCRATCH);
        x86_jcc(A, X86_CC_NE, loop);
        ro = ra_alloc(&e->ra, 0);
        emit_ext_reg(e, ro, X86_RAX, mo, op_size(op));
    }
    ra_def(&e->ra, (IRTemp)op->args[0], ro);
}

static void emit_ld(Emit *e, const IROp *op)
{
    int64_t off = (int64_t)op->args[2];
    int rb, ro;

    assert(off == (int32_t)off);
    rb = ra_in(&e->ra, (IRTemp)op->args[1]);
    ro = ra_alloc(&e->ra, 0);
    emit_load_ext(e, ro, x86_mem((X86Reg)rb, (int32_t)off), (IRMemOp)op->args[3], op_size(op));
    ra_def(&e->ra, (IRTemp)op->args[0], ro);
}

static void emit_st(Emit *e, const IROp *op)
{
    int64_t off = (int64_t)op->args[2];
    int s = (int)ir_memop_size((IRMemOp)op->args[3]);
    int32_t imm;
    int rb;

    assert(off == (int32_t)off);
    if (imm_of(e, (IRTemp)op->args[0], s == 8 ? 8 : 4, &imm)) {
        rb = ra_in(&e->ra, (IRTemp)op->args[1]);
        x86_mov_mi(A, s, x86_mem((X86Reg)rb, (int32_t)off), imm);
    } else {
        int rv = ra_in(&e->ra, (IRTemp)op->args[0]);
        rb = ra_in(&e->ra, (IRTemp)op->args[1]);
        x86_mov_mr(A, s, x86_mem((X86Reg)rb, (int32_t)off), (X86Reg)rv);
    }
}

/* ------------------------------------------------------------------ */
/* Vector ops on env (tcg/vec.h), inline in SSE                        */
/*
 * ir_vec_helper / ir_vec_dup_helper calls have constant descriptors and
 * offsets, so the operation is known here.  When SSE does it, it is emitted
 * inline: load the 16-byte sources from [rbp + ofs], compute in xmm0-xmm5,
 * store 16 bytes to [rbp + dofs].  Only xmm registers and r11 are touched,
 * so nothing the register allocator holds moves (no ra_clobber, no spill),
 * and the helper declares no global access, so no global is synced either.
 * xmm registers never hold a value across an IR op.  Anything else goes
 * through the ordinary call of ir_vec_eval / ir_vec_dup_eval.
 */

typedef enum VecIsa { ISA_SSE2, ISA_SSSE3, ISA_SSE41, ISA_SSE42, ISA_NONE } VecIsa;

/* The least ISA level the inline sequence for (op, element size) uses; ISA_NONE: none exists. */
static VecIsa vec_isa_needed(IRVecOp op, unsigned vece)
{
    switch (op) {
    case IR_VEC_ADD: case IR_VEC_SUB:
    case IR_VEC_AND: case IR_VEC_OR: case IR_VEC_XOR: case IR_VEC_ANDC: case IR_VEC_ORC:
    case IR_VEC_NOT: case IR_VEC_NEG: case IR_VEC_MOV: case IR_VEC_BITSEL: case IR_VEC_DUP:
    case IR_VEC_SHLI: case IR_VEC_SHRI:
        return ISA_SSE2;
    case IR_VEC_MUL:            /* pmullw; pmulld; no byte or qword multiply */
        return vece == 1 ? ISA_SSE2 : vece == 2 ? ISA_SSE41 : ISA_NONE;
    case IR_VEC_CMEQ: case IR_VEC_CMTST:    /* pcmpeqq */
        return vece == 3 ? ISA_SSE41 : ISA_SSE2;
    case IR_VEC_CMGT: case IR_VEC_CMGE: case IR_VEC_CMHI: case IR_VEC_CMHS:  /* pcmpgtq */
        return vece == 3 ? ISA_SSE42 : ISA_SSE2;
    case IR_VEC_SMIN: case IR_VEC_SMAX:     /* pminsw/pmaxsw are SSE2, b/d SSE4.1 */
        return vece == 1 ? ISA_SSE2 : vece == 3 ? ISA_SSE42 : ISA_SSE41;
    case IR_VEC_UMIN: case IR_VEC_UMAX:     /* pminub/pmaxub are SSE2, w/d SSE4.1 */
        return vece == 0 ? ISA_SSE2 : vece == 3 ? ISA_SSE42 : ISA_SSE41;
    case IR_VEC_ABS:            /* pabsb/w/d; qwords through pcmpgtq */
        return vece == 3 ? ISA_SSE42 : ISA_SSSE3;
    case IR_VEC_SARI:           /* psraw/psrad only: no psrab, no psraq before AVX-512 */
        return vece == 1 || vece == 2 ? ISA_SSE2 : ISA_NONE;
    default:
        return ISA_NONE;
    }
}

static bool vec_host_has(const JitContext *ctx, VecIsa isa)
{
    switch (isa) {
    case ISA_SSE2: return true;                 /* part of x86-64 */
    case ISA_SSSE3: return ctx->has_ssse3;
    case ISA_SSE41: return ctx->has_sse41;
    case ISA_SSE42: return ctx->has_sse42;
    default: return false;
    }
}

#define VX0 X86_XMM0
#define VX1 X86_XMM1
#define VX2 X86_XMM2
#define VX3 X86_XMM3
#define VX4 X86_XMM4
#define VX5 X86_XMM5

static const X86SseOp vec_padd[4] = { X86_PADDB, X86_PADDW, X86_PADDD, X86_PADDQ };
static const X86SseOp vec_psub[4] = { X86_PSUBB, X86_PSUBW, X86_PSUBD, X86_PSUBQ };
static const X86SseOp vec_pcmpeq[4] = { X86_PCMPEQB, X86_PCMPEQW, X86_PCMPEQD, X86_PCMPEQQ };
static const X86SseOp vec_pcmpgt[4] = { X86_PCMPGTB, X86_PCMPGTW, X86_PCMPGTD, X86_PCMPGTQ };
/* Indexed by element size; the qword entries are unused (select on pcmpgtq instead). */
static const X86SseOp vec_psmin[3] = { X86_PMINSB, X86_PMINSW, X86_PMINSD };
static const X86SseOp vec_psmax[3] = { X86_PMAXSB, X86_PMAXSW, X86_PMAXSD };
static const X86SseOp vec_pumin[3] = { X86_PMINUB, X86_PMINUW, X86_PMINUD };
static const X86SseOp vec_pumax[3] = { X86_PMAXUB, X86_PMAXUW, X86_PMAXUD };
static const X86SseOp vec_pabs[3] = { X86_PABSB, X86_PABSW, X86_PABSD };

static void vec_rr(Emit *e, X86SseOp op, X86Xmm d, X86Xmm s)
{
    x86_sse_rr(A, op, d, s);
}

static void vec_ones(Emit *e, X86Xmm x)
{
    vec_rr(e, X86_PCMPEQD, x, x);
}

/* x = ~x */
static void vec_not(Emit *e, X86Xmm x, X86Xmm tmp)
{
    vec_ones(e, tmp);
    vec_rr(e, X86_PXOR, x, tmp);
}

/* x = @pattern in both halves, through the scratch GPR. */
static void vec_splat64(Emit *e, X86Xmm x, uint64_t pattern)
{
    x86_mov_ri(A, 8, SCRATCH, pattern);
    x86_movq_xr(A, x, SCRATCH);
    vec_rr(e, X86_PUNPCKLQDQ, x, x);
}

/* x = the sign bit of every element (the unsigned-compare bias): all-ones shifted left. */
static void vec_sign_splat(Emit *e, X86Xmm x, unsigned vece)
{
    static void (*const shl[4])(X86Asm *, X86Xmm, uint8_t) = {
        NULL, x86_psllw_i, x86_pslld_i, x86_psllq_i,
    };

    if (vece == 0) {
        vec_splat64(e, x, 0x8080808080808080ull);     /* no psllb */
    } else {
        vec_ones(e, x);
        shl[vece](A, x, (uint8_t)((8u << vece) - 1));
    }
}

/* m = m ? x : y per bit (m is a compare result); @tmp is clobbered. */
static X86Xmm vec_select(Emit *e, X86Xmm m, X86Xmm x, X86Xmm y, X86Xmm tmp)
{
    x86_movaps_xx(A, tmp, m);
    vec_rr(e, X86_PAND, tmp, x);
    vec_rr(e, X86_PANDN, m, y);         /* pandn: m = ~m & y */
    vec_rr(e, X86_POR, m, tmp);
    return m;
}

/*
 * Signed (or, with @is_unsigned, unsigned) a > b per element; with @keep
 * into a fresh register, leaving a and b intact, else in a's register.
 * Unsigned order is signed order after flipping the sign bits of both sides.
 */
static X86Xmm vec_cmpgt(Emit *e, unsigned vece, bool is_unsigned, bool keep, X86Xmm a, X86Xmm b)
{
    X86Xmm ra = a, rb = b;

    if (keep) {
        ra = VX4;
        rb = VX5;
        x86_movaps_xx(A, ra, a);
        x86_movaps_xx(A, rb, b);
    }
    if (is_unsigned) {
        vec_sign_splat(e, VX3, vece);
        vec_rr(e, X86_PXOR, ra, VX3);
        vec_rr(e, X86_PXOR, rb, VX3);
    }
    vec_rr(e, vec_pcmpgt[vece], ra, rb);
    return ra;
}

/* The result register of d = op(xmm0 = a, xmm1 = b, xmm2 = c). */
static X86Xmm vec_compute(Emit *e, IRVecOp op, unsigned vece, unsigned imm)
{
    switch (op) {
    case IR_VEC_ADD: vec_rr(e, vec_padd[vece], VX0, VX1); return VX0;
    case IR_VEC_SUB: vec_rr(e, vec_psub[vece], VX0, VX1); return VX0;
    case IR_VEC_MUL: vec_rr(e, vece == 1 ? X86_PMULLW : X86_PMULLD, VX0, VX1); return VX0;
    case IR_VEC_AND: vec_rr(e, X86_PAND, VX0, VX1); return VX0;
    case IR_VEC_OR: vec_rr(e, X86_POR, VX0, VX1); return VX0;
    case IR_VEC_XOR: vec_rr(e, X86_PXOR, VX0, VX1); return VX0;
    case IR_VEC_ANDC:
        /* pandn inverts its destination: b = ~b & a. */
        vec_rr(e, X86_PANDN, VX1, VX0);
        return VX1;
    case IR_VEC_ORC:
        vec_not(e, VX1, VX3);
        vec_rr(e, X86_POR, VX0, VX1);
        return VX0;
    case IR_VEC_NOT:
        vec_not(e, VX0, VX3);
        return VX0;
    case IR_VEC_MOV:
        return VX0;
    case IR_VEC_NEG:
        vec_rr(e, X86_PXOR, VX3, VX3);
        vec_rr(e, vec_psub[vece], VX3, VX0);
        return VX3;
    case IR_VEC_ABS:
        if (vece < 3) {
            vec_rr(e, vec_pabs[vece], VX0, VX0);
        } else {
            /* sign = (0 > a) as all-ones; |a| = (a ^ sign) - sign */
            vec_rr(e, X86_PXOR, VX3, VX3);
            vec_rr(e, X86_PCMPGTQ, VX3, VX0);
            vec_rr(e, X86_PXOR, VX0, VX3);
            vec_rr(e, X86_PSUBQ, VX0, VX3);
        }
        return VX0;
    case IR_VEC_BITSEL:
        return vec_select(e, VX0, VX1, VX2, VX3);
    case IR_VEC_CMEQ:
        vec_rr(e, vec_pcmpeq[vece], VX0, VX1);
        return VX0;
    case IR_VEC_CMTST:
        vec_rr(e, X86_PAND, VX0, VX1);
        vec_rr(e, X86_PXOR, VX3, VX3);
        vec_rr(e, vec_pcmpeq[vece], VX0, VX3);
        vec_not(e, VX0, VX3);
        return VX0;
    case IR_VEC_CMGT:
    case IR_VEC_CMHI:
        return vec_cmpgt(e, vece, op == IR_VEC_CMHI, false, VX0, VX1);
    case IR_VEC_CMGE:
    case IR_VEC_CMHS: {
        /* a >= b is !(b > a) */
        X86Xmm r = vec_cmpgt(e, vece, op == IR_VEC_CMHS, false, VX1, VX0);
        vec_not(e, r, VX3);
        return r;
    }
    case IR_VEC_SMIN: case IR_VEC_SMAX: case IR_VEC_UMIN: case IR_VEC_UMAX: {
        bool is_min = op == IR_VEC_SMIN || op == IR_VEC_UMIN;
        bool is_unsigned = op == IR_VEC_UMIN || op == IR_VEC_UMAX;
        X86Xmm m;
        if (vece < 3) {
            const X86SseOp *t = is_unsigned ? (is_min ? vec_pumin : vec_pumax)
                                            : (is_min ? vec_psmin : vec_psmax);
            vec_rr(e, t[vece], VX0, VX1);
            return VX0;
        }
        /* m = a > b; min = m ? b : a, max = m ? a : b */
        m = vec_cmpgt(e, vece, is_unsigned, true, VX0, VX1);
        return is_min ? vec_select(e, m, VX1, VX0, VX2) : vec_select(e, m, VX0, VX1, VX2);
    }
    case IR_VEC_SHLI: case IR_VEC_SHRI: case IR_VEC_SARI: {
        /* x86 gives 0 (psra*: the sign) for a count >= the element width, as vec.h wants. */
        static void (*const shl[4])(X86Asm *, X86Xmm, uint8_t) = {
            x86_psllw_i, x86_psllw_i, x86_pslld_i, x86_psllq_i,
        };
        static void (*const shr[4])(X86Asm *, X86Xmm, uint8_t) = {
            x86_psrlw_i, x86_psrlw_i, x86_psrld_i, x86_psrlq_i,
        };
        static void (*const sar[4])(X86Asm *, X86Xmm, uint8_t) = {
            NULL, x86_psraw_i, x86_psrad_i, NULL,
        };
        (op == IR_VEC_SHLI ? shl : op == IR_VEC_SHRI ? shr : sar)[vece](A, VX0, (uint8_t)imm);
        if (vece == 0) {
            /* Bytes: shift words, then clear the bits that crossed a byte boundary. */
            unsigned keep = op == IR_VEC_SHLI ? (0xffu << imm) & 0xff : 0xffu >> imm;
            vec_splat64(e, VX3, keep * 0x0101010101010101ull);
            vec_rr(e, X86_PAND, VX0, VX3);
        }
        return VX0;
    }
    default:
        abort();
    }
}

/* A constant argument that fits a disp32 off rbp. */
static bool vec_const_arg(const Emit *e, IRTemp t, uint64_t *v)
{
    if (!is_const(e, t)) {
        return false;
    }
    *v = e->ir->temps[t].value;
    return true;
}

static bool vec_ofs_arg(const Emit *e, IRTemp t, int32_t *ofs)
{
    uint64_t v;
    if (!vec_const_arg(e, t, &v) || v > INT32_MAX - 16) {
        return false;
    }
    *ofs = (int32_t)v;
    return true;
}

static bool vec_uses_b(IRVecOp op)
{
    return op < IR_VEC_NOT;         /* two- and three-operand ops */
}

/* Inline the vector call @op if SSE does it on this host; false: emit the call. */
static bool emit_vec_inline(Emit *e, const IROp *op, bool is_dup)
{
    IRTemp t[6];
    uint64_t desc;
    IRVecOp vop;
    unsigned vece, oprsz, imm;
    int32_t dofs, aofs = 0, bofs = 0, cofs = 0;
    X86Xmm r;

    for (unsigned k = 0; k < op->nin && k < 6; k++) {
        t[k] = (IRTemp)op->args[op->nout + k];
    }
    if (op->nout != 0 || op->nin != (is_dup ? 4u : 6u) ||
        e->ir->temps[t[1]].kind != IR_TEMP_ENV || !vec_const_arg(e, t[0], &desc) ||
        !vec_ofs_arg(e, t[2], &dofs)) {
        return false;
    }
    vop = ir_vec_desc_op(desc);
    vece = ir_vec_desc_vece(desc);
    oprsz = ir_vec_desc_oprsz(desc);
    imm = ir_vec_desc_imm(desc);
    if ((vop == IR_VEC_DUP) != is_dup || vop >= IR_VEC_NB_OPS ||
        !vec_host_has(e->ctx, vec_isa_needed(vop, vece))) {
        return false;
    }
    if (is_dup) {
        uint64_t v;
        if (vec_const_arg(e, t[3], &v)) {
            /* A constant goes through r11, not through a register the allocator must free. */
            x86_mov_ri(A, 8, SCRATCH, v);
            x86_movq_xr(A, VX0, SCRATCH);
        } else {
            x86_movq_xr(A, VX0, (X86Reg)ra_in(&e->ra, t[3]));
        }
        switch (vece) {
        case 0:
            vec_rr(e, X86_PUNPCKLBW, VX0, VX0);     /* byte -> word */
            /* fall through */
        case 1:
            x86_pshuflw(A, VX0, VX0, 0);            /* word -> low 4 words */
            /* fall through */
        case 2:
            x86_pshufd(A, VX0, VX0, 0);             /* dword -> all 4 dwords */
            break;
        default:
            vec_rr(e, X86_PUNPCKLQDQ, VX0, VX0);    /* qword -> both */
            break;
        }
        r = VX0;
    } else {
        if (!vec_ofs_arg(e, t[3], &aofs) || !vec_ofs_arg(e, t[4], &bofs) ||
            !vec_ofs_arg(e, t[5], &cofs)) {
            return false;
        }
        /* All sources are loaded before the store: d may alias any of them. */
        x86_movdqu_xm(A, VX0, x86_mem(X86_RBP, aofs));
        if (vec_uses_b(vop)) {
            x86_movdqu_xm(A, VX1, x86_mem(X86_RBP, bofs));
        }
        if (vop == IR_VEC_BITSEL) {
            x86_movdqu_xm(A, VX2, x86_mem(X86_RBP, cofs));
        }
        r = vec_compute(e, vop, vece, imm);
    }
    if (oprsz == 8) {
        x86_movq_xx(A, r, r);       /* a 64-bit vector write clears bytes 8..15 */
    }
    x86_movdqu_mx(A, x86_mem(X86_RBP, dofs), r);
    return true;
}

/* ------------------------------------------------------------------ */
/* Guarded host FP (tcg/vec.h IRHostFp), inline in SSE                 */
/*
 * The frontend's exact helper is replaced by: the env guard (two 32-bit
 * tests), the SSE operation, and a check that every used result element
 * has a biased exponent in [2, max finite]; if all pass the host result is
 * the helper's (the IRHostFp promise), else the helper is called.  All
 * allocator work (inputs, output register) happens before the first
 * branch, and the call path saves the caller-saved registers it would
 * clobber itself, so both paths leave the allocator in the same state.
 */

static const X86SseOp hostfp_sse[2][2][5] = {
    /* scalar: single, double */
    { { X86_ADDSS, X86_SUBSS, X86_MULSS, X86_DIVSS, X86_SQRTSS },
      { X86_ADDSD, X86_SUBSD, X86_MULSD, X86_DIVSD, X86_SQRTSD } },
    /* packed */
    { { X86_ADDPS, X86_SUBPS, X86_MULPS, X86_DIVPS, X86_SQRTPS },
      { X86_ADDPD, X86_SUBPD, X86_MULPD, X86_DIVPD, X86_SQRTPD } },
};

/* The env guard; returns the two branches to the call path. */
static void hostfp_guard(Emit *e, const IRHostFp *h, X86Patch slow[2])
{
    x86_mov_rm(A, 4, SCRATCH, x86_mem(X86_RBP, (int32_t)h->zero_ofs));
    x86_test_ri(A, 4, SCRATCH, (int32_t)h->zero_mask);
    slow[0] = x86_jcc_forward(A, X86_CC_NE);
    x86_mov_rm(A, 4, SCRATCH, x86_mem(X86_RBP, (int32_t)h->set_ofs));
    x86_test_ri(A, 4, SCRATCH, (int32_t)h->set_mask);
    slow[1] = x86_jcc_forward(A, X86_CC_E);
}

/* Push @save (caller-saved registers to keep), keeping rsp 16-byte aligned at the call. */
static unsigned hostfp_push(Emit *e, uint32_t save)
{
    unsigned n = 0;
    for (int r = 0; r < RA_NREGS; r++) {
        if ((save >> r) & 1) {
            x86_push(A, (X86Reg)r);
            n++;
        }
    }
    if (n & 1) {
        x86_alu_ri(A, X86_SUB, 8, X86_RSP, 8);
    }
    return n;
}

static void hostfp_pop(Emit *e, uint32_t save, unsigned n)
{
    if (n & 1) {
        x86_alu_ri(A, X86_ADD, 8, X86_RSP, 8);
    }
    for (int r = RA_NREGS; r-- > 0;) {
        if ((save >> r) & 1) {
            x86_pop(A, (X86Reg)r);
        }
    }
}

static bool emit_hostfp_inline(Emit *e, const IROp *op, bool is_vec)
{
    IRTemp t[5];
    uint64_t hp, ofs = 0, oprsz = 0, arg = 0;
    const IRHostFp *h;
    bool dbl, unary;
    X86Patch slow[3], done;
    X86SseOp sse;
    int ra = -1, rb = -1, out = -1;
    uint32_t save;
    unsigned n;

    if (op->nin != (is_vec ? 5u : 4u) || op->nout != (is_vec ? 0u : 1u)) {
        return false;
    }
    for (unsigned k = 0; k < op->nin; k++) {
        t[k] = (IRTemp)op->args[op->nout + k];
    }
    if (!vec_const_arg(e, t[0], &hp) || e->ir->temps[t[1]].kind != IR_TEMP_ENV) {
        return false;
    }
    h = (const IRHostFp *)(uintptr_t)hp;
    if ((h->esize != 4 && h->esize != 8) || h->op > IR_HFP_SQRT ||
        h->zero_ofs > INT32_MAX - 4 || h->set_ofs > INT32_MAX - 4 ||
        h->zero_mask > INT32_MAX || h->set_mask > INT32_MAX) {
        return false;
    }
    dbl = h->esize == 8;
    unary = h->op == IR_HFP_SQRT;
    sse = hostfp_sse[is_vec][dbl][h->op];
    if (is_vec) {
        if (!vec_const_arg(e, t[2], &ofs) || !vec_const_arg(e, t[3], &oprsz) ||
            !vec_const_arg(e, t[4], &arg) || (oprsz != 8 && oprsz != 16) ||
            ir_hostfp_ofs_get(ofs, 0) > INT32_MAX - 16 || ir_hostfp_ofs_get(ofs, 1) > INT32_MAX - 16 ||
            ir_hostfp_ofs_get(ofs, 2) > INT32_MAX - 16) {
            return false;
        }
    } else {
        /* All allocator work before the first branch. */
        ra = ra_in(&e->ra, t[2]);
        if (!unary) {
            rb = ra_in(&e->ra, t[3]);
        }
        out = ra_alloc(&e->ra, 0);
    }
    save = softmmu_live_caller_saved(e, out >= 0 ? 1u << out : 0);

    hostfp_guard(e, h, slow);
    if (is_vec) {
        X86Mem ma = x86_mem(X86_RBP, (int32_t)ir_hostfp_ofs_get(ofs, 1));
        X86Mem mb = x86_mem(X86_RBP, (int32_t)ir_hostfp_ofs_get(ofs, 2));
        /* A 64-bit vector loads zeros above: no work, and no denormal assist, on stale lanes. */
        if (oprsz == 16) {
            x86_movdqu_xm(A, VX0, ma);
            if (!unary) {
                x86_movdqu_xm(A, VX1, mb);
            }
        } else {
            x86_movq_xm(A, VX0, ma);
            if (!unary) {
                x86_movq_xm(A, VX1, mb);
            }
        }
        vec_rr(e, sse, VX0, unary ? VX0 : VX1);
        /*
         * e = biased exponent per element (sign shifted out); good lanes
         * have 1 < e < max: signed dword compares suffice, as e is small.
         * For doubles e sits in the low dword of each qword (high dword 0,
         * whose compare results are masked off below).
         */
        x86_movaps_xx(A, VX2, VX0);
        if (dbl) {
            x86_psllq_i(A, VX2, 1);
            x86_psrlq_i(A, VX2, 53);
        } else {
            x86_pslld_i(A, VX2, 1);
            x86_psrld_i(A, VX2, 24);
        }
        vec_ones(e, VX3);
        x86_psrld_i(A, VX3, 31);                    /* 1 */
        x86_movaps_xx(A, VX4, VX2);
        vec_rr(e, X86_PCMPGTD, VX4, VX3);           /* e > 1 */
        vec_ones(e, VX3);
        x86_psrld_i(A, VX3, dbl ? 21 : 24);         /* 0x7ff / 0xff */
        vec_rr(e, X86_PCMPGTD, VX3, VX2);           /* max > e */
        vec_rr(e, X86_PAND, VX3, VX4);
        x86_movmskps(A, SCRATCH, VX3);
        {
            int32_t want = dbl ? (oprsz == 16 ? 5 : 1) : (oprsz == 16 ? 0xf : 3);
            x86_alu_ri(A, X86_AND, 4, SCRATCH, want);
            x86_alu_ri(A, X86_CMP, 4, SCRATCH, want);
        }
        slow[2] = x86_jcc_forward(A, X86_CC_NE);
        if (oprsz == 8) {
            x86_movq_xx(A, VX0, VX0);   /* the zero lanes above may have become NaN (0/0) */
        }
        x86_movdqu_mx(A, x86_mem(X86_RBP, (int32_t)ir_hostfp_ofs_get(ofs, 0)), VX0);
        done = x86_jmp_forward(A);

        x86_bind(A, slow[0]);
        x86_bind(A, slow[1]);
        x86_bind(A, slow[2]);
        n = hostfp_push(e, save);
        x86_mov_rr(A, 8, X86_RDI, X86_RBP);
        x86_mov_ri(A, 8, X86_RSI, arg);
        x86_call_far(A, (const void *)h->vfn, SCRATCH);
        hostfp_pop(e, save, n);
        x86_bind(A, done);
        return true;
    }

    if (dbl) {
        x86_movq_xr(A, VX0, (X86Reg)ra);
        if (!unary) {
            x86_movq_xr(A, VX1, (X86Reg)rb);
        }
    } else {
        x86_movd_xr(A, VX0, (X86Reg)ra);
        if (!unary) {
            x86_movd_xr(A, VX1, (X86Reg)rb);
        }
    }
    vec_rr(e, sse, VX0, unary ? VX0 : VX1);
    if (dbl) {
        x86_movq_rx(A, (X86Reg)out, VX0);
    } else {
        x86_movd_rx(A, (X86Reg)out, VX0);       /* zero-extended, as the helper returns it */
    }
    /* biased exponent - 2 < max - 1, unsigned: 2 <= e <= max finite */
    x86_mov_rr(A, dbl ? 8 : 4, SCRATCH, (X86Reg)out);
    x86_shift_ri(A, X86_SHL, dbl ? 8 : 4, SCRATCH, 1);
    x86_shift_ri(A, X86_SHR, dbl ? 8 : 4, SCRATCH, dbl ? 53 : 24);
    x86_alu_ri(A, X86_SUB, 4, SCRATCH, 2);
    x86_alu_ri(A, X86_CMP, 4, SCRATCH, dbl ? 0x7fd : 0xfd);
    slow[2] = x86_jcc_forward(A, X86_CC_AE);
    done = x86_jmp_forward(A);

    x86_bind(A, slow[0]);
    x86_bind(A, slow[1]);
    x86_bind(A, slow[2]);
    n = hostfp_push(e, save);
    /* Through the stack: the inputs may sit in any argument register. */
    x86_push(A, (X86Reg)ra);
    if (!unary) {
        x86_push(A, (X86Reg)rb);
        x86_pop(A, X86_RDX);
    }
    x86_pop(A, X86_RSI);
    x86_mov_rr(A, 8, X86_RDI, X86_RBP);
    x86_call_far(A, unary ? (const void *)h->fn2 : (const void *)h->fn3, SCRATCH);
    if (out != X86_RAX) {
        x86_mov_rr(A, 8, (X86Reg)out, X86_RAX);
    }
    hostfp_pop(e, save, n);
    x86_bind(A, done);
    ra_def(&e->ra, (IRTemp)op->args[0], out);
    return true;
}

/* ------------------------------------------------------------------ */
/* Calls and control flow                                              */

static const X86Reg arg_regs[IR_MAX_HELPER_ARGS] = {
    X86_RDI, X86_RSI, X86_RDX, X86_RCX, X86_R8, X86_R9,
};

static void emit_call(Emit *e, const IROp *op)
{
    const IRHelperInfo *h = (const IRHelperInfo *)(uintptr_t)op->args[op->nout + op->nin];

    assert(h->fn);
    if ((h == &ir_vec_helper || h == &ir_vec_dup_helper) &&
        emit_vec_inline(e, op, h == &ir_vec_dup_helper)) {
        return;
    }
    if ((h == &ir_hostfp_helper || h == &ir_hostfp_vec_helper) &&
        emit_hostfp_inline(e, op, h == &ir_hostfp_vec_helper)) {
        return;
    }
    if (h->flags & (IR_HELPER_READS_GLOBALS | IR_HELPER_WRITES_GLOBALS | IR_HELPER_MAY_RAISE)) {
        ra_sync_globals(&e->ra, false);
    }
    /* Values leave the caller-saved registers, so the argument moves cannot collide. */
    ra_clobber(&e->ra);
    for (unsigned k = 0; k < op->nin; k++) {
        ra_copy_to(&e->ra, arg_regs[k], (IRTemp)op->args[op->nout + k]);
    }
    x86_call_far(A, h->fn, SCRATCH);
    if (h->flags & IR_HELPER_WRITES_GLOBALS) {
        ra_sync_globals(&e->ra, true);    /* all clean: just forget the copies */
    }
    if (op->nout) {
        IRTemp t = (IRTemp)op->args[0];
        ra_reserve(&e->ra, X86_RAX);
        if (e->ir->temps[t].type == IR_I32) {
            x86_mov_rr(A, 4, X86_RAX, X86_RAX);
        }
        ra_def(&e->ra, t, X86_RAX);
    }
}

static void jump_to_label(Emit *e, X86Cond cc, bool always, uint32_t label)
{
    if (e->label_off[label] >= 0) {
        const uint8_t *target = A->start + e->label_off[label];
        if (always) {
            x86_jmp(A, target);
        } else {
            x86_jcc(A, cc, target);
        }
    } else {
        X86Patch site = always ? x86_jmp_forward(A) : x86_jcc_forward(A, cc);
        e->pend = grow(e->pend, &e->cappend, e->npend + 1, sizeof(Pending));
        e->pend[e->npend++] = (Pending){ label, site };
    }
}

static void bind_label(Emit *e, uint32_t label)
{
    e->label_off[label] = (int32_t)x86_offset(A);
    for (uint32_t k = 0; k < e->npend; k++) {
        if (e->pend[k].label == label) {
            x86_bind(A, e->pend[k].site);
            e->pend[k] = e->pend[--e->npend];
            k--;
        }
    }
}

/* Globals to env and live temps to their slots: the state every label expects. */
static void bb_end_sync(Emit *e, uint32_t i)
{
    ra_sync_globals(&e->ra, false);
    ra_spill_live(&e->ra, e->lv.live_after[i]);
}

static void jmp_epilogue(Emit *e)
{
    x86_jmp(A, e->ctx->epilogue_rw);
}

/*
 * exit_lookup's fast path (tcg/backend.h, jc_*): find the next block in
 * the CPU's jump cache and jump straight to its host code, or fall through
 * to the lookup_code call.  Globals are in env already; rax, rcx and rdx
 * are free at an exit.
 */
static void emit_jmp_cache_probe(Emit *e, uint64_t tb_flags)
{
    const IRBackendConfig *cfg = &e->ctx->cfg;
    X86Patch miss[4];
    unsigned nmiss = 0;

    x86_mov_rm(A, 8, X86_RDX, x86_mem(X86_RBP, (int32_t)cfg->env_pc_offset));
    /* rcx = ir_jmp_cache_hash(pc, softmmu) */
    x86_mov_rr(A, 8, X86_RCX, X86_RDX);
    x86_shift_ri(A, X86_SHR, 8, X86_RCX, 2);
    x86_mov_rr(A, 8, X86_RAX, X86_RDX);
    if (cfg->softmmu) {
        x86_alu_ri(A, X86_AND, 4, X86_RCX, (1 << IR_JMP_CACHE_PAGE_SHIFT) - 1);
        x86_shift_ri(A, X86_SHR, 8, X86_RAX, 12 - IR_JMP_CACHE_PAGE_SHIFT);
        x86_alu_ri(A, X86_AND, 4, X86_RAX,
                   ((1 << (IR_JMP_CACHE_BITS - IR_JMP_CACHE_PAGE_SHIFT)) - 1) << IR_JMP_CACHE_PAGE_SHIFT);
        x86_alu_rr(A, X86_OR, 4, X86_RCX, X86_RAX);
    } else {
        x86_shift_ri(A, X86_SHR, 8, X86_RAX, 16);
        x86_alu_rr(A, X86_XOR, 4, X86_RCX, X86_RAX);
        x86_alu_ri(A, X86_AND, 4, X86_RCX, (1 << IR_JMP_CACHE_BITS) - 1);
    }
    x86_mov_rm(A, 8, X86_RAX, x86_mem(X86_RBP, (int32_t)cfg->jc_env_offset));
    x86_mov_rm(A, 8, X86_RAX, x86_mem_idx(X86_RAX, X86_RCX, 8, 0));
    x86_test_rr(A, 8, X86_RAX, X86_RAX);
    miss[nmiss++] = x86_jcc8_forward(A, X86_CC_E);
    x86_alu_rm(A, X86_CMP, 8, X86_RDX, x86_mem(X86_RAX, (int32_t)cfg->jc_tb_pc));
    miss[nmiss++] = x86_jcc8_forward(A, X86_CC_NE);
    x86_mov_ri(A, 8, X86_RCX, tb_flags);
    x86_alu_rm(A, X86_CMP, 8, X86_RCX, x86_mem(X86_RAX, (int32_t)cfg->jc_tb_flags));
    miss[nmiss++] = x86_jcc8_forward(A, X86_CC_NE);
    x86_alu_mi(A, X86_CMP, 1, x86_mem(X86_RAX, (int32_t)cfg->jc_tb_invalid), 0);
    miss[nmiss++] = x86_jcc8_forward(A, X86_CC_NE);
    x86_mov_rm(A, 8, X86_RAX, x86_mem(X86_RAX, (int32_t)cfg->jc_tb_host));
    x86_jmp_r(A, X86_RAX);
    for (unsigned k = 0; k < nmiss; k++) {
        x86_bind8(A, miss[k]);
    }
}

static void emit_exit(Emit *e, const IROp *op)
{
    ra_sync_globals(&e->ra, false);
    switch (op->opc) {
    case IR_exit_link: {
        unsigned slot = (unsigned)op->args[0] & 1;
        /* Patchable jmp whose initial target is the next instruction: the return path. */
        X86Patch site = x86_jmp_patchable(A);
        x86_bind(A, site);
        if (site) {
            e->out->link_site[slot] = (uint32_t)(site - A->start);
            e->out->link_fallthrough[slot] = (uint32_t)(site + 4 - A->start);
        }
        if (op->args[0] & IR_EXIT_LINK_SETS_PC) {
            X86Mem pc = x86_mem(X86_RBP, (int32_t)e->ctx->cfg.env_pc_offset);
            uint64_t dest = op->args[1];
            if ((uint64_t)(int64_t)(int32_t)dest == dest) {
                x86_mov_mi(A, 8, pc, (int32_t)dest);
            } else {
                x86_mov_ri(A, 8, X86_RAX, dest);
                x86_mov_mr(A, 8, pc, X86_RAX);
            }
        }
        x86_mov_ri(A, 8, X86_RAX, e->token | slot);
        jmp_epilogue(e);
        break;
    }
    case IR_exit_lookup: {
        const IRBackendConfig *cfg = &e->ctx->cfg;
        if (cfg->lookup_code && cfg->jc_env_offset) {
            emit_jmp_cache_probe(e, op->args[0]);
        }
        if (cfg->lookup_code) {
            X86Patch miss;
            x86_mov_rr(A, 8, X86_RDI, X86_RBP);
            x86_mov_ri(A, 8, X86_RSI, op->args[0]);
            x86_call_far(A, (const void *)cfg->lookup_code, SCRATCH);
            x86_test_rr(A, 8, X86_RAX, X86_RAX);
            miss = x86_jcc8_forward(A, X86_CC_E);
            x86_jmp_r(A, X86_RAX);
            x86_bind8(A, miss);
        }
        x86_mov_ri(A, 4, X86_RAX, IR_EXIT_NORMAL);
        jmp_epilogue(e);
        break;
    }
    default:
        x86_mov_ri(A, 8, X86_RAX, op->args[0]);
        jmp_epilogue(e);
        break;
    }
    ra_drop_all(&e->ra);
}

static void emit_op(Emit *e, uint32_t i)
{
    const IROp *op = &e->ir->ops[i];

    switch ((IROpcode)op->opc) {
    case IR_nop:
        break;
    case IR_mov: case IR_neg: case IR_not: case IR_bswap:
    case IR_ext8s: case IR_ext8u: case IR_ext16s: case IR_ext16u:
    case IR_ext32s: case IR_ext32u: case IR_trunc32:
        emit_unary(e, i, op);
        break;
    case IR_add: case IR_sub: case IR_mul: case IR_and: case IR_or: case IR_xor:
    case IR_andc: case IR_orc: case IR_eqv:
        emit_alu(e, i, op);
        break;
    case IR_muluh: case IR_mulsh:
        emit_mulh(e, op);
        break;
    case IR_div: case IR_divu: case IR_rem: case IR_remu:
        emit_div(e, op);
        break;
    case IR_shl: case IR_shr: case IR_sar: case IR_rotl: case IR_rotr:
        emit_shift(e, i, op);
        break;
    case IR_clz: case IR_ctz:
        emit_bitcount(e, op);
        break;
    case IR_extract: case IR_sextract: case IR_deposit:
        emit_bitfield(e, i, op);
        break;
    case IR_setcond:
        emit_setcond(e, op);
        break;
    case IR_movcond:
        emit_movcond(e, op);
        break;
    case IR_set_label:
        bb_end_sync(e, i);
        ra_drop_all(&e->ra);
        bind_label(e, (uint32_t)op->args[0]);
        break;
    case IR_br:
        bb_end_sync(e, i);
        jump_to_label(e, X86_CC_E, true, (uint32_t)op->args[0]);
        ra_drop_all(&e->ra);
        break;
    case IR_brcond: {
        IRCond c = (IRCond)op->args[2];
        uint32_t label = (uint32_t)op->args[3];
        if (c == IR_COND_NEVER) {
            bb_end_sync(e, i);
        } else if (c == IR_COND_ALWAYS) {
            bb_end_sync(e, i);
            jump_to_label(e, X86_CC_E, true, label);
            ra_drop_all(&e->ra);
        } else {
            X86Cond cc = emit_cmp(e, c, (IRTemp)op->args[0], (IRTemp)op->args[1], op_size(op));
            bb_end_sync(e, i);      /* only stores: the flags survive */
            jump_to_label(e, cc, false, label);
        }
        break;
    }
    case IR_ld:
        emit_ld(e, op);
        break;
    case IR_st:
        emit_st(e, op);
        break;
    case IR_guest_ld:
        if (e->ctx->cfg.softmmu) {
            emit_softmmu_ld(e, op);
            break;
        }
        emit_guest_ld(e, op);
        break;
    case IR_guest_st:
        if (e->ctx->cfg.softmmu) {
            emit_softmmu_st(e, op);
            break;
        }
        emit_guest_st(e, op);
        break;
    case IR_atomic_cmpxchg:
        if (e->ctx->cfg.softmmu) {
            emit_softmmu_atomic(e, op, true);
            break;
        }
        emit_cmpxchg(e, op);
        break;
    case IR_atomic_rmw:
        if (e->ctx->cfg.softmmu) {
            emit_softmmu_atomic(e, op, false);
            break;
        }
        emit_rmw(e, op);
        break;
    case IR_mb:
        /*
         * x86 is TSO: loads are not reordered with loads, stores not with
         * stores, and loads not with later stores.  Only a full barrier must
         * stop a store passing a later load.
         */
        if ((op->args[0] & IR_MB_ALL) == IR_MB_ALL) {
            x86_mfence(A);
        }
        break;
    case IR_call:
        emit_call(e, op);
        break;
    case IR_insn_start:
        if (e->ninsns) {
            e->insns[e->ninsns - 1].host_end = (uint32_t)x86_offset(A);
        }
        e->insns = grow(e->insns, &e->capinsns, e->ninsns + 1, sizeof(IRInsnRecord));
        e->insns[e->ninsns++] = (IRInsnRecord){ op->args[0], 0 };
        e->cur_pc = op->args[0];
        break;
    case IR_exit_link: case IR_exit_lookup: case IR_exit_tb:
        emit_exit(e, op);
        break;
    default:
        assert(!"jit: unhandled op");
        abort();
    }
    ra_op_done(&e->ra, op, e->lv.dead[i]);
}

/*
 * "ld t, env, off; brcond t ==/!= imm, label" with t used nowhere else (the
 * exit-request poll at every block's start): one compare against memory,
 * no register.  Returns true when ops i and i + 1 were emitted this way.
 */
static bool fuse_env_load_branch(Emit *e, uint32_t i)
{
    const IROp *ld = &e->ir->ops[i], *br;
    IRMemOp mo;
    IRCond c;
    int32_t imm;
    int size;

    if (ld->opc != IR_ld || i + 1 >= e->ir->nb_ops || ld->args[1] != IR_TEMP_ENV_INDEX) {
        return false;
    }
    br = &e->ir->ops[i + 1];
    mo = (IRMemOp)ld->args[3];
    c = br->opc == IR_brcond ? (IRCond)br->args[2] : IR_COND_NEVER;
    size = (int)ir_memop_size(mo);
    if ((c != IR_COND_EQ && c != IR_COND_NE) || br->args[0] != ld->args[0] ||
        !dead(e, i + 1, 0) || (size != 4 && size != 8) || (mo & IR_MO_SIGN) ||
        size != op_size(br) || !imm_of(e, (IRTemp)br->args[1], size, &imm)) {
        return false;
    }
    x86_alu_mi(A, X86_CMP, size, x86_mem(X86_RBP, (int32_t)ld->args[2]), imm);
    bb_end_sync(e, i + 1);      /* only stores: the flags survive */
    jump_to_label(e, cond_map[c], false, (uint32_t)br->args[3]);
    ra_op_done(&e->ra, ld, e->lv.dead[i]);
    ra_op_done(&e->ra, br, e->lv.dead[i + 1]);
    return true;
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */

static void emit_trampoline(JitContext *ctx)
{
    static const X86Reg saved[] = { X86_RBP, X86_RBX, X86_R12, X86_R13, X86_R14, X86_R15 };
    X86Asm a;

    x86_init(&a, codebuf_cur(ctx->cb), codebuf_avail(ctx->cb));
    x86_set_rx_delta(&a, codebuf_rx_delta(ctx->cb));
    ctx->prologue_rw = a.ptr;
    for (unsigned k = 0; k < 6; k++) {
        x86_push(&a, saved[k]);
    }
    x86_mov_rr(&a, 8, X86_RBP, X86_RDI);
    if (ctx->cfg.guest_base) {
        x86_mov_ri(&a, 8, X86_R14, ctx->cfg.guest_base);
    }
    x86_alu_ri(&a, X86_SUB, 8, X86_RSP, FRAME_SIZE);
    x86_jmp_r(&a, X86_RSI);
    ctx->epilogue_rw = a.ptr;
    x86_alu_ri(&a, X86_ADD, 8, X86_RSP, FRAME_SIZE);
    for (unsigned k = 6; k-- > 0;) {
        x86_pop(&a, saved[k]);
    }
    x86_ret(&a);
    if (ctx->cfg.guest_limit >= 16) {
        uint64_t *table;
        while ((uintptr_t)a.ptr & 7) {
            x86_emit8(&a, 0xcc);
        }
        table = (uint64_t *)a.ptr;
        for (unsigned k = 0; k < 5; k++) {
            uint64_t v = ctx->cfg.guest_limit - (1u << k);
            for (unsigned byte = 0; byte < 8; byte++) {
                x86_emit8(&a, (uint8_t)(v >> (8 * byte)));
            }
        }
        ctx->last_valid_rx = codebuf_rx_addr(ctx->cb, table);
    }
    assert(!a.overflow);
    codebuf_commit(ctx->cb, a.ptr);
}

bool jit_init(JitContext **pctx, size_t code_size, const IRBackendConfig *cfg, EmuError *err)
{
    char msg[256];
    unsigned ea, eb, ec, ed;
    JitContext *ctx = calloc(1, sizeof(*ctx));

    assert(ctx);
    ctx->cfg = *cfg;
    ctx->cb = codebuf_create(code_size, msg, sizeof(msg));
    if (!ctx->cb) {
        free(ctx);
        return emu_error_set(err, "JIT code buffer: %s", msg);
    }
    /* LZCNT: CPUID.80000001H:ECX[5]; TZCNT (BMI1): CPUID.(EAX=07H,ECX=0):EBX[3]. */
    if (__get_cpuid(0x80000001, &ea, &eb, &ec, &ed)) {
        ctx->has_lzcnt = (ec >> 5) & 1;
    }
    /* SSSE3: CPUID.01H:ECX[9]; SSE4.1: ECX[19]; SSE4.2: ECX[20]. */
    if (__get_cpuid(1, &ea, &eb, &ec, &ed)) {
        ctx->has_ssse3 = (ec >> 9) & 1;
        ctx->has_sse41 = (ec >> 19) & 1;
        ctx->has_sse42 = (ec >> 20) & 1;
    }
    if (__get_cpuid_count(7, 0, &ea, &eb, &ec, &ed)) {
        ctx->has_tzcnt = (eb >> 3) & 1;
    }
    emit_trampoline(ctx);
    *pctx = ctx;
    return true;
}

void jit_destroy(JitContext *ctx)
{
    if (ctx) {
        codebuf_destroy(ctx->cb);
        free(ctx);
    }
}

void jit_use_baseline_isa(JitContext *ctx)
{
    ctx->has_lzcnt = false;
    ctx->has_tzcnt = false;
    ctx->has_ssse3 = false;
    ctx->has_sse41 = false;
    ctx->has_sse42 = false;
}

void jit_flush(JitContext *ctx)
{
    codebuf_reset(ctx->cb);
    emit_trampoline(ctx);
}

int jit_compile(JitContext *ctx, IRContext *ir, uintptr_t token, JitBlock *out)
{
    ScratchMark scratch = scratch_mark();
    Emit *e = scratch_zalloc(sizeof(*e));
    int rc = 0;

    memset(out, 0, sizeof(*out));
    out->link_site[0] = out->link_site[1] = JIT_NO_LINK;
    out->link_fallthrough[0] = out->link_fallthrough[1] = JIT_NO_LINK;
    e->ctx = ctx;
    e->ir = ir;
    e->out = out;
    e->token = token;
    x86_init(&e->a, codebuf_cur(ctx->cb), codebuf_avail(ctx->cb));
    x86_set_rx_delta(&e->a, codebuf_rx_delta(ctx->cb));

    e->host = (RAHost){
        .opaque = e, .mov = host_mov, .movi = host_movi, .load = host_load, .store = host_store,
        .env_reg = X86_RBP,
        .caller_saved = (1u << X86_RAX) | (1u << X86_RCX) | (1u << X86_RDX) | (1u << X86_RSI) |
                        (1u << X86_RDI) | (1u << X86_R8) | (1u << X86_R9) | (1u << X86_R10) |
                        (1u << X86_R11),
    };
    {
        /* Callee-saved first (they survive calls); rax/rcx/rdx last (div, shifts). */
        static const uint8_t pref[] = {
            X86_RBX, X86_R12, X86_R13, X86_R15, X86_R14, X86_RSI, X86_RDI,
            X86_R8, X86_R9, X86_R10, X86_RDX, X86_RCX, X86_RAX,
        };
        for (unsigned k = 0; k < sizeof(pref); k++) {
            if (pref[k] == X86_R14 && ctx->cfg.guest_base) {
                continue;
            }
            e->host.order[e->host.nb_order++] = pref[k];
        }
    }

    ra_liveness(ir, &e->lv);
    ra_init(&e->ra, ir, &e->host);
    e->label_off = scratch_array(ir->nb_labels, sizeof(int32_t));
    for (uint32_t l = 0; l < ir->nb_labels; l++) {
        e->label_off[l] = -1;
    }

    for (uint32_t i = 0; i < ir->nb_ops && !e->a.overflow; i++) {
        if (fuse_env_load_branch(e, i)) {
            i++;
            continue;
        }
        emit_op(e, i);
    }
    /* Falling off the end is a frontend bug: make it loud. */
    x86_ud2(A);
    assert(e->npend == 0 || e->a.overflow);
    if (e->ninsns) {
        e->insns[e->ninsns - 1].host_end = (uint32_t)x86_offset(A);
    }
    /* Out-of-line fault paths; each gets a record naming its instruction. */
    for (uint32_t k = 0; k < e->nstubs && !e->a.overflow; k++) {
        const Stub *st = &e->stubs[k];
        if (st->kind != STUB_FAULT) {
            emit_softmmu_stub(e, st);
            e->insns = grow(e->insns, &e->capinsns, e->ninsns + 1, sizeof(IRInsnRecord));
            e->insns[e->ninsns++] = (IRInsnRecord){ st->guest_pc, (uint32_t)x86_offset(A) };
            continue;
        }
        x86_bind(A, st->site);
        x86_mov_rr(A, 8, X86_RSI, (X86Reg)st->addr_reg);
        x86_mov_rr(A, 8, X86_RDI, X86_RBP);
        x86_mov_ri(A, 4, X86_RDX, (uint32_t)st->is_write);
        x86_call_far(A, (const void *)ctx->cfg.guest_fault, SCRATCH);
        x86_ud2(A);
        e->insns = grow(e->insns, &e->capinsns, e->ninsns + 1, sizeof(IRInsnRecord));
        e->insns[e->ninsns++] = (IRInsnRecord){ st->guest_pc, (uint32_t)x86_offset(A) };
    }

    if (e->a.overflow) {
        rc = -1;
        free(e->insns);
        memset(out, 0, sizeof(*out));
    } else {
        out->code = codebuf_rx_addr(ctx->cb, e->a.start);
        out->size = (uint32_t)x86_offset(A);
        out->insns = e->insns;
        out->ninsns = e->ninsns;
        codebuf_commit(ctx->cb, e->a.ptr);
    }
    free(e->pend);
    free(e->stubs);
    scratch_release(scratch);
    return rc;
}

void jit_block_release(JitBlock *b)
{
    free(b->insns);
    b->insns = NULL;
    b->ninsns = 0;
}

uintptr_t jit_enter(JitContext *ctx, void *env, const void *code)
{
    uintptr_t (*entry)(void *, const void *) =
        (uintptr_t (*)(void *, const void *))codebuf_rx_addr(ctx->cb, ctx->prologue_rw);
    return entry(env, code);
}

void jit_link(JitContext *ctx, const JitBlock *from, unsigned slot, const void *target_code)
{
    assert(slot < 2 && from->link_site[slot] != JIT_NO_LINK);
    codebuf_patch_rel32_atomic(
        codebuf_rw_addr(ctx->cb, (const uint8_t *)from->code + from->link_site[slot]),
        codebuf_rw_addr(ctx->cb, target_code));
}

void jit_unlink(JitContext *ctx, const JitBlock *from, unsigned slot)
{
    assert(slot < 2 && from->link_site[slot] != JIT_NO_LINK);
    jit_link(ctx, from, slot, (const uint8_t *)from->code + from->link_fallthrough[slot]);
}

bool jit_find_insn(const JitBlock *b, uintptr_t host_pc, uint64_t *guest_pc)
{
    uintptr_t start = (uintptr_t)b->code;

    if (host_pc < start || host_pc >= start + b->size) {
        return false;
    }
    for (uint32_t k = 0; k < b->ninsns; k++) {
        if (host_pc - start < b->insns[k].host_end) {
            *guest_pc = b->insns[k].guest_pc;
            return true;
        }
    }
    return false;
}

void jit_disas_log(const JitBlock *b, FILE *f)
{
    const uint8_t *p = b->code;
    uint32_t from = 0;

    fprintf(f, "OUT: [size=%u] %p\n", b->size, b->code);
    for (uint32_t k = 0; k <= b->ninsns; k++) {
        uint32_t to = k < b->ninsns ? b->insns[k].host_end : b->size;
        if (to <= from && k < b->ninsns) {
            continue;
        }
        if (k < b->ninsns) {
            fprintf(f, "  -- guest pc 0x%016llx\n", (unsigned long long)b->insns[k].guest_pc);
        } else if (to > from) {
            fprintf(f, "  -- tail\n");
        }
        for (uint32_t o = from; o < to; o++) {
            fprintf(f, "%s%02x", (o - from) % 16 ? " " : (o == from ? "  " : "\n  "), p[o]);
        }
        if (to > from) {
            fputc('\n', f);
        }
        from = to;
    }
}
