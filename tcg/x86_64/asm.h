/*
 * x86-64 instruction encoder used by the JIT backend (tcg/x86_64/emit.c).
 *
 * Written from the Intel SDM, Vol. 2 (chapter 2 "Instruction Format",
 * appendix A opcode maps, and the per-instruction pages).  The encoder
 * writes into a caller buffer through an X86Asm cursor; it never writes past
 * `end`: once an instruction does not fit, `overflow` is set, nothing more is
 * written, and the caller is expected to flush its translation cache and
 * translate again.
 *
 * Conventions:
 *  - `size` is the operand width in bytes (1, 2, 4 or 8).  8-bit operations
 *    on registers 4..7 mean spl/bpl/sil/dil (never ah/ch/dh/bh): the encoder
 *    adds an empty REX prefix for them.
 *  - Two-operand instructions take the destination first (Intel order).
 *  - Branch targets given as pointers are positions in the same buffer the
 *    X86Asm writes (the RW view); relative displacements are the same in the
 *    RX view.  Absolute targets outside the buffer (helpers, RIP-relative
 *    data) are host addresses, and `rx_delta` (exec address - write address)
 *    is used to compute displacements from where the code will execute.
 */
#ifndef TCG_X86_64_ASM_H
#define TCG_X86_64_ASM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct X86Asm {
    uint8_t *start, *ptr, *end;
    bool overflow;
    intptr_t rx_delta;      /* executing address minus writing address */
} X86Asm;

typedef enum X86Reg {
    X86_RAX, X86_RCX, X86_RDX, X86_RBX, X86_RSP, X86_RBP, X86_RSI, X86_RDI,
    X86_R8, X86_R9, X86_R10, X86_R11, X86_R12, X86_R13, X86_R14, X86_R15,
    X86_NOREG = -1,
} X86Reg;

typedef enum X86Xmm {
    X86_XMM0, X86_XMM1, X86_XMM2, X86_XMM3, X86_XMM4, X86_XMM5, X86_XMM6, X86_XMM7,
    X86_XMM8, X86_XMM9, X86_XMM10, X86_XMM11, X86_XMM12, X86_XMM13, X86_XMM14, X86_XMM15,
} X86Xmm;

/* Condition codes, numbered as the low nibble of Jcc/SETcc/CMOVcc (SDM Vol.1 B.1). */
typedef enum X86Cond {
    X86_CC_O, X86_CC_NO, X86_CC_B, X86_CC_AE, X86_CC_E, X86_CC_NE, X86_CC_BE, X86_CC_A,
    X86_CC_S, X86_CC_NS, X86_CC_P, X86_CC_NP, X86_CC_L, X86_CC_GE, X86_CC_LE, X86_CC_G,
} X86Cond;

/* The opposite condition differs only in bit 0 of the encoding. */
static inline X86Cond x86_cond_invert(X86Cond c) { return (X86Cond)(c ^ 1); }

/* ALU group 1: the value is the /digit of 80/81/83 and op*8 is the opcode row. */
typedef enum X86Alu {
    X86_ADD, X86_OR, X86_ADC, X86_SBB, X86_AND, X86_SUB, X86_XOR, X86_CMP,
} X86Alu;

/* Shift group 2: the /digit of C0/C1/D0/D1/D2/D3. */
typedef enum X86Shift {
    X86_ROL = 0, X86_ROR = 1, X86_RCL = 2, X86_RCR = 3,
    X86_SHL = 4, X86_SHR = 5, X86_SAR = 7,
} X86Shift;

/* Memory operand: [base + index*scale + disp], or RIP-relative. */
typedef enum X86MemKind { X86_MEM_BASE, X86_MEM_RIP, X86_MEM_RIP_ABS } X86MemKind;
typedef struct X86Mem {
    X86MemKind kind;
    X86Reg base;            /* X86_NOREG: no base (disp32 absolute) */
    X86Reg index;           /* X86_NOREG: no index; RSP cannot be an index */
    uint8_t scale;          /* 1, 2, 4, 8 */
    int32_t disp;           /* X86_MEM_RIP: relative to the end of the instruction */
    uintptr_t target;       /* X86_MEM_RIP_ABS: absolute host address */
} X86Mem;

static inline X86Mem x86_mem(X86Reg base, int32_t disp)
{
    return (X86Mem){ X86_MEM_BASE, base, X86_NOREG, 1, disp, 0 };
}
static inline X86Mem x86_mem_idx(X86Reg base, X86Reg index, int scale, int32_t disp)
{
    return (X86Mem){ X86_MEM_BASE, base, index, (uint8_t)scale, disp, 0 };
}
/* [rip + disp], disp counted from the end of the instruction. */
static inline X86Mem x86_mem_rip(int32_t disp)
{
    return (X86Mem){ X86_MEM_RIP, X86_NOREG, X86_NOREG, 1, disp, 0 };
}
/* RIP-relative reference to an absolute address (must be within +-2 GiB of the code). */
static inline X86Mem x86_mem_rip_abs(const void *target)
{
    return (X86Mem){ X86_MEM_RIP_ABS, X86_NOREG, X86_NOREG, 1, 0, (uintptr_t)target };
}

/* A forward-branch patch site: address of a rel8/rel32 field, NULL if overflowed. */
typedef uint8_t *X86Patch;

/* ---- buffer ---- */
void x86_init(X86Asm *a, void *buf, size_t size);
void x86_set_rx_delta(X86Asm *a, intptr_t rx_delta);
static inline size_t x86_offset(const X86Asm *a) { return (size_t)(a->ptr - a->start); }
void x86_emit_bytes(X86Asm *a, const void *bytes, size_t n);
void x86_emit8(X86Asm *a, uint8_t v);
void x86_emit32(X86Asm *a, uint32_t v);
void x86_emit64(X86Asm *a, uint64_t v);

/* ---- moves ---- */
void x86_mov_rr(X86Asm *a, int size, X86Reg dst, X86Reg src);
void x86_mov_ri(X86Asm *a, int size, X86Reg dst, uint64_t imm);   /* shortest MOV; flags kept */
void x86_zero_reg(X86Asm *a, X86Reg dst);                          /* xor r32,r32; clobbers flags */
void x86_mov_rm(X86Asm *a, int size, X86Reg dst, X86Mem m);        /* load */
void x86_mov_mr(X86Asm *a, int size, X86Mem m, X86Reg src);        /* store */
void x86_mov_mi(X86Asm *a, int size, X86Mem m, int32_t imm);       /* store imm (sign-ext for 8) */
void x86_movzx_rr(X86Asm *a, int dsize, int ssize, X86Reg dst, X86Reg src); /* ssize 1,2 */
void x86_movzx_rm(X86Asm *a, int dsize, int ssize, X86Reg dst, X86Mem m);
void x86_movsx_rr(X86Asm *a, int dsize, int ssize, X86Reg dst, X86Reg src); /* ssize 1,2,4 */
void x86_movsx_rm(X86Asm *a, int dsize, int ssize, X86Reg dst, X86Mem m);
void x86_lea(X86Asm *a, int size, X86Reg dst, X86Mem m);
void x86_xchg_rr(X86Asm *a, int size, X86Reg r1, X86Reg r2);
void x86_xchg_mr(X86Asm *a, int size, X86Mem m, X86Reg r);         /* implicitly locked */
void x86_cmovcc(X86Asm *a, X86Cond cc, int size, X86Reg dst, X86Reg src);
void x86_cmovcc_rm(X86Asm *a, X86Cond cc, int size, X86Reg dst, X86Mem m);
void x86_setcc(X86Asm *a, X86Cond cc, X86Reg dst);                 /* 8-bit destination */
void x86_push(X86Asm *a, X86Reg r);
void x86_pop(X86Asm *a, X86Reg r);

/* ---- arithmetic and logic ---- */
void x86_alu_rr(X86Asm *a, X86Alu op, int size, X86Reg dst, X86Reg src);
void x86_alu_ri(X86Asm *a, X86Alu op, int size, X86Reg dst, int32_t imm);
void x86_alu_rm(X86Asm *a, X86Alu op, int size, X86Reg dst, X86Mem m);
void x86_alu_mr(X86Asm *a, X86Alu op, int size, X86Mem m, X86Reg src);
void x86_alu_mi(X86Asm *a, X86Alu op, int size, X86Mem m, int32_t imm);
void x86_test_rr(X86Asm *a, int size, X86Reg r1, X86Reg r2);
void x86_test_ri(X86Asm *a, int size, X86Reg r, int32_t imm);
void x86_inc(X86Asm *a, int size, X86Reg r);
void x86_dec(X86Asm *a, int size, X86Reg r);
void x86_neg(X86Asm *a, int size, X86Reg r);
void x86_not(X86Asm *a, int size, X86Reg r);
void x86_shift_ri(X86Asm *a, X86Shift op, int size, X86Reg r, uint8_t count);
void x86_shift_rcl(X86Asm *a, X86Shift op, int size, X86Reg r);    /* count in CL */
void x86_shld_ri(X86Asm *a, int size, X86Reg dst, X86Reg src, uint8_t count);
void x86_shrd_ri(X86Asm *a, int size, X86Reg dst, X86Reg src, uint8_t count);
void x86_imul_rr(X86Asm *a, int size, X86Reg dst, X86Reg src);
void x86_imul_rri(X86Asm *a, int size, X86Reg dst, X86Reg src, int32_t imm);
void x86_mul(X86Asm *a, int size, X86Reg src);     /* rdx:rax = rax * src, unsigned */
void x86_imul1(X86Asm *a, int size, X86Reg src);   /* rdx:rax = rax * src, signed */
void x86_div(X86Asm *a, int size, X86Reg src);     /* rdx:rax / src, unsigned */
void x86_idiv(X86Asm *a, int size, X86Reg src);
void x86_cdq(X86Asm *a);                           /* edx = sign(eax) */
void x86_cqo(X86Asm *a);                           /* rdx = sign(rax) */
void x86_bswap(X86Asm *a, int size, X86Reg r);     /* size 4 or 8 */
void x86_bsf(X86Asm *a, int size, X86Reg dst, X86Reg src);
void x86_bsr(X86Asm *a, int size, X86Reg dst, X86Reg src);
void x86_tzcnt(X86Asm *a, int size, X86Reg dst, X86Reg src);   /* BMI1: caller checks cpuid */
void x86_lzcnt(X86Asm *a, int size, X86Reg dst, X86Reg src);   /* ABM/LZCNT */
void x86_popcnt(X86Asm *a, int size, X86Reg dst, X86Reg src);  /* POPCNT */
void x86_bt_rr(X86Asm *a, int size, X86Reg r, X86Reg bit);
void x86_bt_ri(X86Asm *a, int size, X86Reg r, uint8_t bit);

/* ---- atomics and barriers ---- */
void x86_lock_cmpxchg(X86Asm *a, int size, X86Mem m, X86Reg src); /* compares with rax */
void x86_lock_xadd(X86Asm *a, int size, X86Mem m, X86Reg src);
void x86_mfence(X86Asm *a);
void x86_pause(X86Asm *a);

/* ---- control flow ---- */
void x86_jmp(X86Asm *a, const uint8_t *target);          /* rel8 if it fits, else rel32 */
void x86_jcc(X86Asm *a, X86Cond cc, const uint8_t *target);
X86Patch x86_jmp_forward(X86Asm *a);                     /* rel32, patched later */
X86Patch x86_jcc_forward(X86Asm *a, X86Cond cc);
X86Patch x86_jmp8_forward(X86Asm *a);                    /* rel8, patched later */
X86Patch x86_jcc8_forward(X86Asm *a, X86Cond cc);
X86Patch x86_jmp_patchable(X86Asm *a);  /* jmp rel32 whose field is 4-aligned (atomic patch) */
void x86_patch_rel32(X86Patch site, const uint8_t *target);
void x86_patch_rel8(X86Patch site, const uint8_t *target);
void x86_bind(X86Asm *a, X86Patch site);                 /* patch site to the current position */
void x86_bind8(X86Asm *a, X86Patch site);
bool x86_call_abs(X86Asm *a, const void *target);  /* call rel32; false (nothing emitted) if out of range */
bool x86_jmp_abs(X86Asm *a, const void *target);
void x86_call_far(X86Asm *a, const void *target, X86Reg scratch); /* rel32, or movabs+call */
void x86_call_r(X86Asm *a, X86Reg r);
void x86_jmp_r(X86Asm *a, X86Reg r);
void x86_call_m(X86Asm *a, X86Mem m);
void x86_jmp_m(X86Asm *a, X86Mem m);
void x86_ret(X86Asm *a);
void x86_nop(X86Asm *a, int len);                  /* one instruction, len 1..9 */
void x86_nops(X86Asm *a, size_t len);              /* any length, fewest instructions */
void x86_align(X86Asm *a, size_t align);           /* pad with nops to a power of two */
void x86_ud2(X86Asm *a);
void x86_int3(X86Asm *a);

/* ---- SSE ----
 * Packed-integer and scalar-FP operations of the form "op xmm, xmm/m128"
 * share one encoding shape; they are named by X86SseOp and emitted with
 * x86_sse_rr / x86_sse_rm.  Values pack prefix, escape and opcode.
 */
#define X86_SSE_66   0x10000u
#define X86_SSE_F3   0x20000u
#define X86_SSE_F2   0x40000u
#define X86_SSE_0F38 0x80000u
#define X86_SSE_0F3A 0x100000u
typedef enum X86SseOp {
    X86_PXOR = X86_SSE_66 | 0xEF, X86_PAND = X86_SSE_66 | 0xDB,
    X86_POR = X86_SSE_66 | 0xEB, X86_PANDN = X86_SSE_66 | 0xDF,
    X86_PADDB = X86_SSE_66 | 0xFC, X86_PADDW = X86_SSE_66 | 0xFD,
    X86_PADDD = X86_SSE_66 | 0xFE, X86_PADDQ = X86_SSE_66 | 0xD4,
    X86_PSUBB = X86_SSE_66 | 0xF8, X86_PSUBW = X86_SSE_66 | 0xF9,
    X86_PSUBD = X86_SSE_66 | 0xFA, X86_PSUBQ = X86_SSE_66 | 0xFB,
    X86_PCMPEQB = X86_SSE_66 | 0x74, X86_PCMPEQW = X86_SSE_66 | 0x75,
    X86_PCMPEQD = X86_SSE_66 | 0x76,
    X86_PUNPCKLBW = X86_SSE_66 | 0x60, X86_PUNPCKLWD = X86_SSE_66 | 0x61,
    X86_PUNPCKLDQ = X86_SSE_66 | 0x62, X86_PUNPCKLQDQ = X86_SSE_66 | 0x6C,
    X86_PUNPCKHBW = X86_SSE_66 | 0x68, X86_PUNPCKHWD = X86_SSE_66 | 0x69,
    X86_PUNPCKHDQ = X86_SSE_66 | 0x6A, X86_PUNPCKHQDQ = X86_SSE_66 | 0x6D,
    X86_PSHUFB = X86_SSE_66 | X86_SSE_0F38 | 0x00,      /* SSSE3 */
    X86_PTEST = X86_SSE_66 | X86_SSE_0F38 | 0x17,       /* SSE4.1 */
    /* Packed-integer compares, multiplies, min/max, abs (vector ops in the JIT). */
    X86_PCMPGTB = X86_SSE_66 | 0x64, X86_PCMPGTW = X86_SSE_66 | 0x65,
    X86_PCMPGTD = X86_SSE_66 | 0x66,
    X86_PCMPEQQ = X86_SSE_66 | X86_SSE_0F38 | 0x29,     /* SSE4.1 */
    X86_PCMPGTQ = X86_SSE_66 | X86_SSE_0F38 | 0x37,     /* SSE4.2 */
    X86_PMULLW = X86_SSE_66 | 0xD5,
    X86_PMULLD = X86_SSE_66 | X86_SSE_0F38 | 0x40,      /* SSE4.1 */
    X86_PMINUB = X86_SSE_66 | 0xDA, X86_PMAXUB = X86_SSE_66 | 0xDE,
    X86_PMINSW = X86_SSE_66 | 0xEA, X86_PMAXSW = X86_SSE_66 | 0xEE,
    X86_PMINSB = X86_SSE_66 | X86_SSE_0F38 | 0x38,      /* SSE4.1 from here */
    X86_PMINSD = X86_SSE_66 | X86_SSE_0F38 | 0x39,
    X86_PMINUW = X86_SSE_66 | X86_SSE_0F38 | 0x3A,
    X86_PMINUD = X86_SSE_66 | X86_SSE_0F38 | 0x3B,
    X86_PMAXSB = X86_SSE_66 | X86_SSE_0F38 | 0x3C,
    X86_PMAXSD = X86_SSE_66 | X86_SSE_0F38 | 0x3D,
    X86_PMAXUW = X86_SSE_66 | X86_SSE_0F38 | 0x3E,
    X86_PMAXUD = X86_SSE_66 | X86_SSE_0F38 | 0x3F,
    X86_PABSB = X86_SSE_66 | X86_SSE_0F38 | 0x1C,       /* SSSE3 */
    X86_PABSW = X86_SSE_66 | X86_SSE_0F38 | 0x1D,       /* SSSE3 */
    X86_PABSD = X86_SSE_66 | X86_SSE_0F38 | 0x1E,       /* SSSE3 */
    X86_ADDSD = X86_SSE_F2 | 0x58, X86_MULSD = X86_SSE_F2 | 0x59,
    X86_SUBSD = X86_SSE_F2 | 0x5C, X86_DIVSD = X86_SSE_F2 | 0x5E,
    X86_SQRTSD = X86_SSE_F2 | 0x51,
    X86_ADDSS = X86_SSE_F3 | 0x58, X86_MULSS = X86_SSE_F3 | 0x59,
    X86_SUBSS = X86_SSE_F3 | 0x5C, X86_DIVSS = X86_SSE_F3 | 0x5E,
    X86_SQRTSS = X86_SSE_F3 | 0x51,
    X86_CVTSS2SD = X86_SSE_F3 | 0x5A, X86_CVTSD2SS = X86_SSE_F2 | 0x5A,
    X86_UCOMISD = X86_SSE_66 | 0x2E, X86_UCOMISS = 0x2E,
    /* packed single (no prefix) and double (66) arithmetic */
    X86_ADDPS = 0x58, X86_MULPS = 0x59, X86_SUBPS = 0x5C, X86_DIVPS = 0x5E, X86_SQRTPS = 0x51,
    X86_ADDPD = X86_SSE_66 | 0x58, X86_MULPD = X86_SSE_66 | 0x59,
    X86_SUBPD = X86_SSE_66 | 0x5C, X86_DIVPD = X86_SSE_66 | 0x5E,
    X86_SQRTPD = X86_SSE_66 | 0x51,
} X86SseOp;

void x86_sse_rr(X86Asm *a, X86SseOp op, X86Xmm dst, X86Xmm src);
void x86_sse_rm(X86Asm *a, X86SseOp op, X86Xmm dst, X86Mem m);
static inline void x86_pxor(X86Asm *a, X86Xmm d, X86Xmm s) { x86_sse_rr(a, X86_PXOR, d, s); }
static inline void x86_ptest(X86Asm *a, X86Xmm d, X86Xmm s) { x86_sse_rr(a, X86_PTEST, d, s); }
static inline void x86_pshufb(X86Asm *a, X86Xmm d, X86Xmm s) { x86_sse_rr(a, X86_PSHUFB, d, s); }
static inline void x86_ucomisd(X86Asm *a, X86Xmm d, X86Xmm s) { x86_sse_rr(a, X86_UCOMISD, d, s); }
static inline void x86_ucomiss(X86Asm *a, X86Xmm d, X86Xmm s) { x86_sse_rr(a, X86_UCOMISS, d, s); }

void x86_movq_xr(X86Asm *a, X86Xmm dst, X86Reg src);    /* movq xmm, r64 */
void x86_movq_rx(X86Asm *a, X86Reg dst, X86Xmm src);    /* movq r64, xmm */
void x86_movd_xr(X86Asm *a, X86Xmm dst, X86Reg src);    /* movd xmm, r32 */
void x86_movd_rx(X86Asm *a, X86Reg dst, X86Xmm src);    /* movd r32, xmm */
void x86_movmskps(X86Asm *a, X86Reg dst, X86Xmm src);  /* sign bits of the 4 dwords */
void x86_movq_xx(X86Asm *a, X86Xmm dst, X86Xmm src);    /* low 64 bits, upper zeroed */
void x86_movq_xm(X86Asm *a, X86Xmm dst, X86Mem m);      /* 64-bit load, upper zeroed */
void x86_movq_mx(X86Asm *a, X86Mem m, X86Xmm src);      /* 64-bit store */
void x86_movd_xm(X86Asm *a, X86Xmm dst, X86Mem m);      /* 32-bit load, upper zeroed */
void x86_movd_mx(X86Asm *a, X86Mem m, X86Xmm src);      /* 32-bit store */
void x86_movdqu_xm(X86Asm *a, X86Xmm dst, X86Mem m);
void x86_movdqu_mx(X86Asm *a, X86Mem m, X86Xmm src);
void x86_movdqa_xm(X86Asm *a, X86Xmm dst, X86Mem m);
void x86_movdqa_mx(X86Asm *a, X86Mem m, X86Xmm src);
void x86_movaps_xx(X86Asm *a, X86Xmm dst, X86Xmm src);  /* full register copy */
void x86_movaps_xm(X86Asm *a, X86Xmm dst, X86Mem m);
void x86_movaps_mx(X86Asm *a, X86Mem m, X86Xmm src);
void x86_pshufd(X86Asm *a, X86Xmm dst, X86Xmm src, uint8_t order);
void x86_pshuflw(X86Asm *a, X86Xmm dst, X86Xmm src, uint8_t order);  /* words 0-3; 4-7 copied */
/* Element shifts by an immediate; a count >= the element width gives 0 (psra*: the sign). */
void x86_psllw_i(X86Asm *a, X86Xmm r, uint8_t count);
void x86_psrlw_i(X86Asm *a, X86Xmm r, uint8_t count);
void x86_psraw_i(X86Asm *a, X86Xmm r, uint8_t count);
void x86_pslld_i(X86Asm *a, X86Xmm r, uint8_t count);
void x86_psrld_i(X86Asm *a, X86Xmm r, uint8_t count);
void x86_psrad_i(X86Asm *a, X86Xmm r, uint8_t count);
void x86_psllq_i(X86Asm *a, X86Xmm r, uint8_t count);
void x86_psrlq_i(X86Asm *a, X86Xmm r, uint8_t count);
void x86_pslldq_i(X86Asm *a, X86Xmm r, uint8_t bytes);
void x86_psrldq_i(X86Asm *a, X86Xmm r, uint8_t bytes);
void x86_cvtsi2sd(X86Asm *a, int size, X86Xmm dst, X86Reg src);   /* size 4 or 8 */
void x86_cvtsi2ss(X86Asm *a, int size, X86Xmm dst, X86Reg src);
void x86_cvttsd2si(X86Asm *a, int size, X86Reg dst, X86Xmm src);
void x86_cvttss2si(X86Asm *a, int size, X86Reg dst, X86Xmm src);

#endif
