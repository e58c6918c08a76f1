/*
 * x86-64 instruction encoder: see asm.h.
 *
 * Everything is built from a handful of encoding forms (Intel SDM Vol. 2,
 * 2.1 "Instruction format for protected mode, real-address mode and
 * virtual-8086 mode" and 2.2.1 "REX prefixes"):
 *
 *   [F0] [66] [F3|F2] [REX] [0F [38|3A]] opcode [ModRM [SIB] [disp]] [imm]
 *
 * An opcode is described by one uint32_t: the low byte is the opcode byte and
 * the O_* bits above it say which prefixes and escape bytes precede it.  The
 * SSE operation values in asm.h use the same bit positions for their
 * mandatory prefixes so they can be passed straight through.
 */
#include <assert.h>
#include <string.h>

#include "tcg/x86_64/asm.h"

#define O_66     X86_SSE_66     /* operand-size override / mandatory 66 */
#define O_F3     X86_SSE_F3     /* REP / mandatory F3 */
#define O_F2     X86_SSE_F2     /* REPNE / mandatory F2 */
#define O_0F38   X86_SSE_0F38   /* three-byte opcode 0F 38 xx */
#define O_0F3A   X86_SSE_0F3A   /* three-byte opcode 0F 3A xx */
#define O_0F     0x200000u      /* two-byte opcode 0F xx */
#define O_W      0x400000u      /* REX.W: 64-bit operand size */
#define O_BYTE_R 0x800000u      /* ModRM.reg names an 8-bit register */
#define O_BYTE_B 0x1000000u     /* ModRM.rm / opcode reg names an 8-bit register */
#define O_LOCK   0x2000000u     /* LOCK prefix */

static bool fits_i8(int64_t v) { return v == (int8_t)v; }
static bool fits_i32(int64_t v) { return v == (int32_t)v; }

/* ------------------------------------------------------------------ bytes */

void x86_init(X86Asm *a, void *buf, size_t size)
{
    a->start = a->ptr = buf;
    a->end = a->start + size;
    a->overflow = false;
    a->rx_delta = 0;
}

void x86_set_rx_delta(X86Asm *a, intptr_t rx_delta)
{
    a->rx_delta = rx_delta;
}

/* Every byte goes through here: never write past end, remember that we tried. */
void x86_emit8(X86Asm *a, uint8_t v)
{
    if (a->ptr < a->end) {
        *a->ptr++ = v;
    } else {
        a->overflow = true;
    }
}

void x86_emit_bytes(X86Asm *a, const void *bytes, size_t n)
{
    const uint8_t *b = bytes;
    for (size_t i = 0; i < n; i++) {
        x86_emit8(a, b[i]);
    }
}

static void emit16(X86Asm *a, uint16_t v)
{
    x86_emit8(a, v);
    x86_emit8(a, v >> 8);
}

void x86_emit32(X86Asm *a, uint32_t v)
{
    emit16(a, v);
    emit16(a, v >> 16);
}

void x86_emit64(X86Asm *a, uint64_t v)
{
    x86_emit32(a, v);
    x86_emit32(a, v >> 32);
}

/* Immediate of an instruction with operand size `size`: imm8/16/32 (64-bit ops take imm32). */
static void emit_imm(X86Asm *a, int size, int32_t imm)
{
    switch (size) {
    case 1: x86_emit8(a, imm); break;
    case 2: emit16(a, imm); break;
    default: x86_emit32(a, imm); break;
    }
}

static int imm_len(int size)
{
    return size >= 4 ? 4 : size;
}

/* ---------------------------------------------------------- opcode shapes */

/*
 * Opcode for operand size `size`, given the 16/32/64-bit form `opc`.  The
 * byte form is always the even opcode just below it (bit 0 of the primary
 * opcode is the "w" bit, SDM Vol. 2 B.1.4.3).
 */
static uint32_t sz(int size, uint32_t opc)
{
    switch (size) {
    case 1: return (opc - 1) | O_BYTE_R | O_BYTE_B;
    case 2: return opc | O_66;
    case 4: return opc;
    case 8: return opc | O_W;
    }
    assert(!"bad operand size");
    return opc;
}

/* Same, for instructions that have no 8-bit form. */
static uint32_t szw(int size, uint32_t opc)
{
    assert(size != 1);
    return sz(size, opc);
}

/*
 * Legacy prefixes, REX, escape bytes and the opcode byte.  r, x and b are the
 * full register numbers that go into ModRM.reg, SIB.index and ModRM.rm /
 * SIB.base / the opcode's low bits; their bit 3 becomes REX.R/X/B.
 * `byte_rex` forces an empty REX (0x40) so that 8-bit register numbers 4..7
 * select spl/bpl/sil/dil rather than ah/ch/dh/bh (SDM 2.2.1.2, table 3-1).
 */
static void emit_opcode(X86Asm *a, uint32_t opc, int r, int x, int b, bool byte_rex)
{
    unsigned rex = (opc & O_W ? 8 : 0) | (r & 8 ? 4 : 0) | (x & 8 ? 2 : 0) | (b & 8 ? 1 : 0);

    /* Legacy prefix order is free (SDM 2.1.1); this is the order GNU as uses. */
    if (opc & O_66) {
        x86_emit8(a, 0x66);
    }
    if (opc & O_LOCK) {
        x86_emit8(a, 0xF0);
    }
    if (opc & O_F3) {
        x86_emit8(a, 0xF3);
    }
    if (opc & O_F2) {
        x86_emit8(a, 0xF2);
    }
    if (rex || byte_rex) {
        x86_emit8(a, 0x40 | rex);
    }
    if (opc & (O_0F | O_0F38 | O_0F3A)) {
        x86_emit8(a, 0x0F);
    }
    if (opc & O_0F38) {
        x86_emit8(a, 0x38);
    }
    if (opc & O_0F3A) {
        x86_emit8(a, 0x3A);
    }
    x86_emit8(a, opc & 0xFF);
}

static bool is_byte_hi(uint32_t opc, uint32_t flag, int reg)
{
    return (opc & flag) && reg >= 4 && reg <= 7;
}

/* opcode + ModRM with mod=11: register-direct r/m. */
static void emit_rr(X86Asm *a, uint32_t opc, int reg, int rm)
{
    bool byte_rex = is_byte_hi(opc, O_BYTE_R, reg) || is_byte_hi(opc, O_BYTE_B, rm);
    emit_opcode(a, opc, reg, 0, rm, byte_rex);
    x86_emit8(a, 0xC0 | (reg & 7) << 3 | (rm & 7));
}

/* opcode + ModRM with a /digit extension in reg and a register r/m. */
static void emit_digit_r(X86Asm *a, uint32_t opc, int digit, int rm)
{
    emit_rr(a, opc & ~O_BYTE_R, digit, rm);
}

/* "opcode + rd" forms (B8+r, 50+r, C8+r): the register lives in the opcode byte. */
static void emit_plusr(X86Asm *a, uint32_t opc, int reg)
{
    uint32_t o = (opc & ~0xFFu) | ((opc + (reg & 7)) & 0xFF);
    emit_opcode(a, o, 0, 0, reg, is_byte_hi(opc, O_BYTE_B, reg));
}

/*
 * ModRM (+ SIB + displacement) for a memory operand (SDM 2.1.5, tables 2-2
 * and 2-3).  Special cases:
 *   - rm=100 means "SIB follows", so RSP/R12 as a base always need a SIB;
 *   - mod=00 with rm=101 means RIP+disp32, and SIB base=101 with mod=00
 *     means "no base, disp32", so RBP/R13 as a base need an explicit disp8 0;
 *   - SIB index=100 means "no index", so RSP cannot be an index (R12 can).
 * `trailing` is the number of immediate bytes that follow, needed to turn an
 * absolute RIP-relative target into a displacement from the instruction end.
 */
static void emit_modrm_mem(X86Asm *a, int reg, const X86Mem *m, int trailing)
{
    int r = (reg & 7) << 3;

    if (m->kind != X86_MEM_BASE) {
        int64_t disp = m->disp;
        x86_emit8(a, 0x00 | r | 5);
        if (m->kind == X86_MEM_RIP_ABS) {
            intptr_t next = (intptr_t)a->ptr + a->rx_delta + 4 + trailing;
            disp = (int64_t)(m->target - (uintptr_t)next);
            assert(fits_i32(disp) || a->overflow);
        }
        x86_emit32(a, (uint32_t)disp);
        return;
    }

    int scale_bits = 0;
    if (m->index != X86_NOREG) {
        assert((m->index & 15) != X86_RSP);
        switch (m->scale) {
        case 1: scale_bits = 0; break;
        case 2: scale_bits = 1; break;
        case 4: scale_bits = 2; break;
        case 8: scale_bits = 3; break;
        default: assert(!"bad scale");
        }
    }

    if (m->base == X86_NOREG) {
        /* mod=00, SIB base=101: [index*scale + disp32] with no base. */
        int idx = m->index == X86_NOREG ? 4 : (m->index & 7);
        x86_emit8(a, 0x00 | r | 4);
        x86_emit8(a, scale_bits << 6 | idx << 3 | 5);
        x86_emit32(a, (uint32_t)m->disp);
        return;
    }

    int mod;
    if (m->disp == 0 && (m->base & 7) != X86_RBP) {
        mod = 0;
    } else if (fits_i8(m->disp)) {
        mod = 1;
    } else {
        mod = 2;
    }

    if (m->index == X86_NOREG && (m->base & 7) != X86_RSP) {
        x86_emit8(a, mod << 6 | r | (m->base & 7));
    } else {
        int idx = m->index == X86_NOREG ? 4 : (m->index & 7);
        x86_emit8(a, mod << 6 | r | 4);
        x86_emit8(a, scale_bits << 6 | idx << 3 | (m->base & 7));
    }
    if (mod == 1) {
        x86_emit8(a, (uint8_t)m->disp);
    } else if (mod == 2) {
        x86_emit32(a, (uint32_t)m->disp);
    }
}

/* opcode + memory operand; `reg` is a register number or a /digit. */
static void emit_rm(X86Asm *a, uint32_t opc, int reg, X86Mem m, int trailing)
{
    int x = m.kind == X86_MEM_BASE && m.index != X86_NOREG ? m.index : 0;
    int b = m.kind == X86_MEM_BASE && m.base != X86_NOREG ? m.base : 0;
    emit_opcode(a, opc & ~O_BYTE_B, reg, x, b, is_byte_hi(opc, O_BYTE_R, reg));
    emit_modrm_mem(a, reg, &m, trailing);
}

static void emit_digit_m(X86Asm *a, uint32_t opc, int digit, X86Mem m, int trailing)
{
    emit_rm(a, opc & ~O_BYTE_R, digit, m, trailing);
}

/* ------------------------------------------------------------------ moves */

void x86_mov_rr(X86Asm *a, int size, X86Reg dst, X86Reg src)
{
    emit_rr(a, sz(size, 0x89), src, dst);              /* MOV r/m, r */
}

void x86_mov_ri(X86Asm *a, int size, X86Reg dst, uint64_t imm)
{
    switch (size) {
    case 8:
        if (imm == (uint32_t)imm) {
            /* Writing a 32-bit register zero-extends (SDM Vol.1 3.4.1.1). */
            emit_plusr(a, 0xB8, dst);
            x86_emit32(a, imm);
        } else if (fits_i32((int64_t)imm)) {
            emit_digit_r(a, O_W | 0xC7, 0, dst);       /* MOV r/m64, imm32 (sign-extended) */
            x86_emit32(a, imm);
        } else {
            emit_plusr(a, O_W | 0xB8, dst);            /* MOVABS r64, imm64 */
            x86_emit64(a, imm);
        }
        break;
    case 4:
        emit_plusr(a, 0xB8, dst);
        x86_emit32(a, imm);
        break;
    case 2:
        emit_plusr(a, O_66 | 0xB8, dst);
        emit16(a, imm);
        break;
    case 1:
        emit_plusr(a, O_BYTE_B | 0xB0, dst);
        x86_emit8(a, imm);
        break;
    default:
        assert(!"bad operand size");
    }
}

void x86_zero_reg(X86Asm *a, X86Reg dst)
{
    x86_alu_rr(a, X86_XOR, 4, dst, dst);
}

void x86_mov_rm(X86Asm *a, int size, X86Reg dst, X86Mem m)
{
    emit_rm(a, sz(size, 0x8B), dst, m, 0);
}

void x86_mov_mr(X86Asm *a, int size, X86Mem m, X86Reg src)
{
    emit_rm(a, sz(size, 0x89), src, m, 0);
}

void x86_mov_mi(X86Asm *a, int size, X86Mem m, int32_t imm)
{
    emit_digit_m(a, sz(size, 0xC7), 0, m, imm_len(size));
    emit_imm(a, size, imm);
}

/* MOVZX/MOVSX: destination size picks 66/REX.W, source size picks the opcode. */
static uint32_t ext_opc(int dsize, int ssize, bool sign)
{
    uint32_t opc = dsize == 8 ? O_W : dsize == 2 ? O_66 : 0;
    assert(dsize > ssize && (dsize == 2 || dsize == 4 || dsize == 8));
    if (ssize == 1) {
        return opc | O_0F | O_BYTE_B | (sign ? 0xBE : 0xB6);
    }
    if (ssize == 2) {
        return opc | O_0F | (sign ? 0xBF : 0xB7);
    }
    assert(ssize == 4 && sign && dsize == 8);
    return opc | 0x63;                                 /* MOVSXD */
}

void x86_movzx_rr(X86Asm *a, int dsize, int ssize, X86Reg dst, X86Reg src)
{
    emit_rr(a, ext_opc(dsize, ssize, false), dst, src);
}

void x86_movzx_rm(X86Asm *a, int dsize, int ssize, X86Reg dst, X86Mem m)
{
    emit_rm(a, ext_opc(dsize, ssize, false), dst, m, 0);
}

void x86_movsx_rr(X86Asm *a, int dsize, int ssize, X86Reg dst, X86Reg src)
{
    emit_rr(a, ext_opc(dsize, ssize, true), dst, src);
}

void x86_movsx_rm(X86Asm *a, int dsize, int ssize, X86Reg dst, X86Mem m)
{
    emit_rm(a, ext_opc(dsize, ssize, true), dst, m, 0);
}

void x86_lea(X86Asm *a, int size, X86Reg dst, X86Mem m)
{
    emit_rm(a, szw(size, 0x8D), dst, m, 0);
}

void x86_xchg_rr(X86Asm *a, int size, X86Reg r1, X86Reg r2)
{
    /* Always 87 /r: the short 90+r form with eax would be a NOP, not a zero-extension. */
    emit_rr(a, sz(size, 0x87), r2, r1);
}

void x86_xchg_mr(X86Asm *a, int size, X86Mem m, X86Reg r)
{
    emit_rm(a, sz(size, 0x87), r, m, 0);
}

void x86_cmovcc(X86Asm *a, X86Cond cc, int size, X86Reg dst, X86Reg src)
{
    emit_rr(a, szw(size, O_0F | (0x40 + cc)), dst, src);
}

void x86_cmovcc_rm(X86Asm *a, X86Cond cc, int size, X86Reg dst, X86Mem m)
{
    emit_rm(a, szw(size, O_0F | (0x40 + cc)), dst, m, 0);
}

void x86_setcc(X86Asm *a, X86Cond cc, X86Reg dst)
{
    emit_digit_r(a, O_0F | O_BYTE_B | (0x90 + cc), 0, dst);
}

void x86_push(X86Asm *a, X86Reg r)
{
    emit_plusr(a, 0x50, r);
}

void x86_pop(X86Asm *a, X86Reg r)
{
    emit_plusr(a, 0x58, r);
}

/* ---------------------------------------------------------- arithmetic */

void x86_alu_rr(X86Asm *a, X86Alu op, int size, X86Reg dst, X86Reg src)
{
    emit_rr(a, sz(size, op * 8 + 1), src, dst);        /* op r/m, r */
}

void x86_alu_ri(X86Asm *a, X86Alu op, int size, X86Reg dst, int32_t imm)
{
    if (size != 1 && fits_i8(imm)) {
        emit_digit_r(a, sz(size, 0x83), op, dst);      /* op r/m, imm8 (sign-extended) */
        x86_emit8(a, imm);
    } else if (dst == X86_RAX) {
        emit_opcode(a, sz(size, op * 8 + 5) & ~(O_BYTE_R | O_BYTE_B), 0, 0, 0, false);
        emit_imm(a, size, imm);                        /* op al/ax/eax/rax, imm: one byte shorter */
    } else {
        emit_digit_r(a, sz(size, 0x81), op, dst);
        emit_imm(a, size, imm);
    }
}

void x86_alu_rm(X86Asm *a, X86Alu op, int size, X86Reg dst, X86Mem m)
{
    emit_rm(a, sz(size, op * 8 + 3), dst, m, 0);       /* op r, r/m */
}

void x86_alu_mr(X86Asm *a, X86Alu op, int size, X86Mem m, X86Reg src)
{
    emit_rm(a, sz(size, op * 8 + 1), src, m, 0);       /* op r/m, r */
}

void x86_alu_mi(X86Asm *a, X86Alu op, int size, X86Mem m, int32_t imm)
{
    if (size != 1 && fits_i8(imm)) {
        emit_digit_m(a, sz(size, 0x83), op, m, 1);
        x86_emit8(a, imm);
    } else {
        emit_digit_m(a, sz(size, 0x81), op, m, imm_len(size));
        emit_imm(a, size, imm);
    }
}

void x86_test_rr(X86Asm *a, int size, X86Reg r1, X86Reg r2)
{
    emit_rr(a, sz(size, 0x85), r2, r1);
}

void x86_test_ri(X86Asm *a, int size, X86Reg r, int32_t imm)
{
    if (r == X86_RAX) {
        emit_opcode(a, sz(size, 0xA9) & ~(O_BYTE_R | O_BYTE_B), 0, 0, 0, false);
    } else {
        emit_digit_r(a, sz(size, 0xF7), 0, r);
    }
    emit_imm(a, size, imm);
}

/* Group 3 (F6/F7) and group 4/5 (FE/FF) single-operand forms. */
static void unary(X86Asm *a, uint32_t opc, int digit, int size, X86Reg r)
{
    emit_digit_r(a, sz(size, opc), digit, r);
}

void x86_inc(X86Asm *a, int size, X86Reg r) { unary(a, 0xFF, 0, size, r); }
void x86_dec(X86Asm *a, int size, X86Reg r) { unary(a, 0xFF, 1, size, r); }
void x86_not(X86Asm *a, int size, X86Reg r) { unary(a, 0xF7, 2, size, r); }
void x86_neg(X86Asm *a, int size, X86Reg r) { unary(a, 0xF7, 3, size, r); }
void x86_mul(X86Asm *a, int size, X86Reg r) { unary(a, 0xF7, 4, size, r); }
void x86_imul1(X86Asm *a, int size, X86Reg r) { unary(a, 0xF7, 5, size, r); }
void x86_div(X86Asm *a, int size, X86Reg r) { unary(a, 0xF7, 6, size, r); }
void x86_idiv(X86Asm *a, int size, X86Reg r) { unary(a, 0xF7, 7, size, r); }

void x86_shift_ri(X86Asm *a, X86Shift op, int size, X86Reg r, uint8_t count)
{
    if (count == 1) {
        emit_digit_r(a, sz(size, 0xD1), op, r);        /* shift by one: no immediate */
    } else {
        emit_digit_r(a, sz(size, 0xC1), op, r);
        x86_emit8(a, count);
    }
}

void x86_shift_rcl(X86Asm *a, X86Shift op, int size, X86Reg r)
{
    emit_digit_r(a, sz(size, 0xD3), op, r);
}

void x86_shld_ri(X86Asm *a, int size, X86Reg dst, X86Reg src, uint8_t count)
{
    emit_rr(a, szw(size, O_0F | 0xA4), src, dst);
    x86_emit8(a, count);
}

void x86_shrd_ri(X86Asm *a, int size, X86Reg dst, X86Reg src, uint8_t count)
{
    emit_rr(a, szw(size, O_0F | 0xAC), src, dst);
    x86_emit8(a, count);
}

void x86_imul_rr(X86Asm *a, int size, X86Reg dst, X86Reg src)
{
    emit_rr(a, szw(size, O_0F | 0xAF), dst, src);
}

void x86_imul_rri(X86Asm *a, int size, X86Reg dst, X86Reg src, int32_t imm)
{
    if (fits_i8(imm)) {
        emit_rr(a, szw(size, 0x6B), dst, src);
        x86_emit8(a, imm);
    } else {
        emit_rr(a, szw(size, 0x69), dst, src);
        emit_imm(a, size, imm);
    }
}

void x86_cdq(X86Asm *a)
{
    x86_emit8(a, 0x99);
}

void x86_cqo(X86Asm *a)
{
    emit_opcode(a, O_W | 0x99, 0, 0, 0, false);
}

void x86_bswap(X86Asm *a, int size, X86Reg r)
{
    assert(size == 4 || size == 8);   /* 16-bit BSWAP is undefined (SDM BSWAP) */
    emit_plusr(a, (size == 8 ? O_W : 0) | O_0F | 0xC8, r);
}

void x86_bsf(X86Asm *a, int size, X86Reg d, X86Reg s) { emit_rr(a, szw(size, O_0F | 0xBC), d, s); }
void x86_bsr(X86Asm *a, int size, X86Reg d, X86Reg s) { emit_rr(a, szw(size, O_0F | 0xBD), d, s); }
void x86_tzcnt(X86Asm *a, int size, X86Reg d, X86Reg s) { emit_rr(a, szw(size, O_F3 | O_0F | 0xBC), d, s); }
void x86_lzcnt(X86Asm *a, int size, X86Reg d, X86Reg s) { emit_rr(a, szw(size, O_F3 | O_0F | 0xBD), d, s); }
void x86_popcnt(X86Asm *a, int size, X86Reg d, X86Reg s) { emit_rr(a, szw(size, O_F3 | O_0F | 0xB8), d, s); }

void x86_bt_rr(X86Asm *a, int size, X86Reg r, X86Reg bit)
{
    emit_rr(a, szw(size, O_0F | 0xA3), bit, r);
}

void x86_bt_ri(X86Asm *a, int size, X86Reg r, uint8_t bit)
{
    emit_digit_r(a, szw(size, O_0F | 0xBA), 4, r);
    x86_emit8(a, bit);
}

/* ---------------------------------------------------------- atomics */

void x86_lock_cmpxchg(X86Asm *a, int size, X86Mem m, X86Reg src)
{
    emit_rm(a, O_LOCK | sz(size, O_0F | 0xB1), src, m, 0);
}

void x86_lock_xadd(X86Asm *a, int size, X86Mem m, X86Reg src)
{
    emit_rm(a, O_LOCK | sz(size, O_0F | 0xC1), src, m, 0);
}

void x86_mfence(X86Asm *a)
{
    x86_emit_bytes(a, "\x0f\xae\xf0", 3);
}

void x86_pause(X86Asm *a)
{
    x86_emit_bytes(a, "\xf3\x90", 2);
}

/* ---------------------------------------------------------- control flow */

static X86Patch emit_rel32_field(X86Asm *a)
{
    uint8_t *site = a->ptr;
    x86_emit32(a, 0);
    return a->overflow ? NULL : site;
}

static X86Patch emit_rel8_field(X86Asm *a)
{
    uint8_t *site = a->ptr;
    x86_emit8(a, 0);
    return a->overflow ? NULL : site;
}

void x86_jmp(X86Asm *a, const uint8_t *target)
{
    intptr_t rel8 = target - (a->ptr + 2);
    if (fits_i8(rel8)) {
        x86_emit8(a, 0xEB);
        x86_emit8(a, rel8);
    } else {
        x86_patch_rel32(x86_jmp_forward(a), target);
    }
}

void x86_jcc(X86Asm *a, X86Cond cc, const uint8_t *target)
{
    intptr_t rel8 = target - (a->ptr + 2);
    if (fits_i8(rel8)) {
        x86_emit8(a, 0x70 + cc);
        x86_emit8(a, rel8);
    } else {
        x86_patch_rel32(x86_jcc_forward(a, cc), target);
    }
}

X86Patch x86_jmp_forward(X86Asm *a)
{
    x86_emit8(a, 0xE9);
    return emit_rel32_field(a);
}

X86Patch x86_jcc_forward(X86Asm *a, X86Cond cc)
{
    x86_emit8(a, 0x0F);
    x86_emit8(a, 0x80 + cc);
    return emit_rel32_field(a);
}

X86Patch x86_jmp8_forward(X86Asm *a)
{
    x86_emit8(a, 0xEB);
    return emit_rel8_field(a);
}

X86Patch x86_jcc8_forward(X86Asm *a, X86Cond cc)
{
    x86_emit8(a, 0x70 + cc);
    return emit_rel8_field(a);
}

X86Patch x86_jmp_patchable(X86Asm *a)
{
    /* Pad so that the rel32 after the E9 byte is 4-byte aligned in the RX view. */
    uintptr_t exec = (uintptr_t)a->ptr + a->rx_delta;
    x86_nops(a, (3 - (exec & 3)) & 3);
    return x86_jmp_forward(a);
}

/* rel32 and rel8 count from the end of the field, which ends the instruction. */
void x86_patch_rel32(X86Patch site, const uint8_t *target)
{
    if (site) {
        int64_t rel = target - (site + 4);
        int32_t v = (int32_t)rel;
        assert(fits_i32(rel));
        memcpy(site, &v, 4);
    }
}

void x86_patch_rel8(X86Patch site, const uint8_t *target)
{
    if (site) {
        intptr_t rel = target - (site + 1);
        assert(fits_i8(rel));
        *site = (uint8_t)rel;
    }
}

void x86_bind(X86Asm *a, X86Patch site)
{
    x86_patch_rel32(site, a->ptr);
}

void x86_bind8(X86Asm *a, X86Patch site)
{
    x86_patch_rel8(site, a->ptr);
}

static bool branch_abs(X86Asm *a, uint8_t opc, const void *target)
{
    intptr_t next = (intptr_t)a->ptr + a->rx_delta + 5;
    int64_t rel = (int64_t)((uintptr_t)target - (uintptr_t)next);
    if (!fits_i32(rel)) {
        return false;
    }
    x86_emit8(a, opc);
    x86_emit32(a, (uint32_t)rel);
    return true;
}

bool x86_call_abs(X86Asm *a, const void *target) { return branch_abs(a, 0xE8, target); }
bool x86_jmp_abs(X86Asm *a, const void *target) { return branch_abs(a, 0xE9, target); }

void x86_call_far(X86Asm *a, const void *target, X86Reg scratch)
{
    if (!x86_call_abs(a, target)) {
        x86_mov_ri(a, 8, scratch, (uintptr_t)target);
        x86_call_r(a, scratch);
    }
}

/* FF /2 and FF /4 default to 64-bit operand size in long mode: no REX.W. */
void x86_call_r(X86Asm *a, X86Reg r) { emit_digit_r(a, 0xFF, 2, r); }
void x86_jmp_r(X86Asm *a, X86Reg r) { emit_digit_r(a, 0xFF, 4, r); }
void x86_call_m(X86Asm *a, X86Mem m) { emit_digit_m(a, 0xFF, 2, m, 0); }
void x86_jmp_m(X86Asm *a, X86Mem m) { emit_digit_m(a, 0xFF, 4, m, 0); }

void x86_ret(X86Asm *a) { x86_emit8(a, 0xC3); }
void x86_ud2(X86Asm *a) { x86_emit_bytes(a, "\x0f\x0b", 2); }
void x86_int3(X86Asm *a) { x86_emit8(a, 0xCC); }

/* The recommended multi-byte NOP sequences (SDM Vol. 2, NOP, table 4-12). */
static const uint8_t nop_seq[10][9] = {
    [1] = { 0x90 },
    [2] = { 0x66, 0x90 },
    [3] = { 0x0F, 0x1F, 0x00 },
    [4] = { 0x0F, 0x1F, 0x40, 0x00 },
    [5] = { 0x0F, 0x1F, 0x44, 0x00, 0x00 },
    [6] = { 0x66, 0x0F, 0x1F, 0x44, 0x00, 0x00 },
    [7] = { 0x0F, 0x1F, 0x80, 0x00, 0x00, 0x00, 0x00 },
    [8] = { 0x0F, 0x1F, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 },
    [9] = { 0x66, 0x0F, 0x1F, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 },
};

void x86_nop(X86Asm *a, int len)
{
    assert(len >= 1 && len <= 9);
    x86_emit_bytes(a, nop_seq[len], len);
}

void x86_nops(X86Asm *a, size_t len)
{
    while (len > 9) {
        x86_nop(a, 9);
        len -= 9;
    }
    if (len) {
        x86_nop(a, len);
    }
}

void x86_align(X86Asm *a, size_t align)
{
    uintptr_t exec = (uintptr_t)a->ptr + a->rx_delta;
    assert(align && (align & (align - 1)) == 0);
    x86_nops(a, -exec & (align - 1));
}

/* ---------------------------------------------------------- SSE */

void x86_sse_rr(X86Asm *a, X86SseOp op, X86Xmm dst, X86Xmm src)
{
    emit_rr(a, O_0F | op, dst, src);
}

void x86_sse_rm(X86Asm *a, X86SseOp op, X86Xmm dst, X86Mem m)
{
    emit_rm(a, O_0F | op, dst, m, 0);
}

/* MOVD/MOVQ between GPRs and XMM (66 [REX.W] 0F 6E / 7E): ModRM.reg is the xmm. */
void x86_movq_xr(X86Asm *a, X86Xmm d, X86Reg s) { emit_rr(a, O_66 | O_W | O_0F | 0x6E, d, s); }
void x86_movq_rx(X86Asm *a, X86Reg d, X86Xmm s) { emit_rr(a, O_66 | O_W | O_0F | 0x7E, s, d); }
void x86_movd_xr(X86Asm *a, X86Xmm d, X86Reg s) { emit_rr(a, O_66 | O_0F | 0x6E, d, s); }
void x86_movd_rx(X86Asm *a, X86Reg d, X86Xmm s) { emit_rr(a, O_66 | O_0F | 0x7E, s, d); }

/* MOVMSKPS (0F 50): ModRM.reg is the GPR. */
void x86_movmskps(X86Asm *a, X86Reg d, X86Xmm s) { emit_rr(a, O_0F | 0x50, d, s); }
void x86_movq_xx(X86Asm *a, X86Xmm d, X86Xmm s) { emit_rr(a, O_F3 | O_0F | 0x7E, d, s); }
void x86_movq_xm(X86Asm *a, X86Xmm d, X86Mem m) { emit_rm(a, O_F3 | O_0F | 0x7E, d, m, 0); }
void x86_movq_mx(X86Asm *a, X86Mem m, X86Xmm s) { emit_rm(a, O_66 | O_0F | 0xD6, s, m, 0); }
void x86_movd_xm(X86Asm *a, X86Xmm d, X86Mem m) { emit_rm(a, O_66 | O_0F | 0x6E, d, m, 0); }
void x86_movd_mx(X86Asm *a, X86Mem m, X86Xmm s) { emit_rm(a, O_66 | O_0F | 0x7E, s, m, 0); }

void x86_movdqu_xm(X86Asm *a, X86Xmm d, X86Mem m) { emit_rm(a, O_F3 | O_0F | 0x6F, d, m, 0); }
void x86_movdqu_mx(X86Asm *a, X86Mem m, X86Xmm s) { emit_rm(a, O_F3 | O_0F | 0x7F, s, m, 0); }
void x86_movdqa_xm(X86Asm *a, X86Xmm d, X86Mem m) { emit_rm(a, O_66 | O_0F | 0x6F, d, m, 0); }
void x86_movdqa_mx(X86Asm *a, X86Mem m, X86Xmm s) { emit_rm(a, O_66 | O_0F | 0x7F, s, m, 0); }
void x86_movaps_xx(X86Asm *a, X86Xmm d, X86Xmm s) { emit_rr(a, O_0F | 0x28, d, s); }
void x86_movaps_xm(X86Asm *a, X86Xmm d, X86Mem m) { emit_rm(a, O_0F | 0x28, d, m, 0); }
void x86_movaps_mx(X86Asm *a, X86Mem m, X86Xmm s) { emit_rm(a, O_0F | 0x29, s, m, 0); }

void x86_pshufd(X86Asm *a, X86Xmm d, X86Xmm s, uint8_t order)
{
    emit_rr(a, O_66 | O_0F | 0x70, d, s);
    x86_emit8(a, order);
}

void x86_pshuflw(X86Asm *a, X86Xmm d, X86Xmm s, uint8_t order)
{
    emit_rr(a, O_F2 | O_0F | 0x70, d, s);
    x86_emit8(a, order);
}

/*
 * Shift by immediate: groups 12 (66 0F 71, words), 13 (66 0F 72, dwords)
 * and 14 (66 0F 73, qwords and whole-register byte shifts); /2 = logical
 * right, /4 = arithmetic right, /6 = left, /3 and /7 = byte shifts.
 */
static void sse_shift_grp(X86Asm *a, uint32_t opc, int digit, X86Xmm r, uint8_t count)
{
    emit_digit_r(a, O_66 | O_0F | opc, digit, r);
    x86_emit8(a, count);
}

static void sse_shift_i(X86Asm *a, int digit, X86Xmm r, uint8_t count)
{
    sse_shift_grp(a, 0x73, digit, r, count);
}

void x86_psllw_i(X86Asm *a, X86Xmm r, uint8_t n) { sse_shift_grp(a, 0x71, 6, r, n); }
void x86_psrlw_i(X86Asm *a, X86Xmm r, uint8_t n) { sse_shift_grp(a, 0x71, 2, r, n); }
void x86_psraw_i(X86Asm *a, X86Xmm r, uint8_t n) { sse_shift_grp(a, 0x71, 4, r, n); }
void x86_pslld_i(X86Asm *a, X86Xmm r, uint8_t n) { sse_shift_grp(a, 0x72, 6, r, n); }
void x86_psrld_i(X86Asm *a, X86Xmm r, uint8_t n) { sse_shift_grp(a, 0x72, 2, r, n); }
void x86_psrad_i(X86Asm *a, X86Xmm r, uint8_t n) { sse_shift_grp(a, 0x72, 4, r, n); }

void x86_psrlq_i(X86Asm *a, X86Xmm r, uint8_t n) { sse_shift_i(a, 2, r, n); }
void x86_psrldq_i(X86Asm *a, X86Xmm r, uint8_t n) { sse_shift_i(a, 3, r, n); }
void x86_psllq_i(X86Asm *a, X86Xmm r, uint8_t n) { sse_shift_i(a, 6, r, n); }
void x86_pslldq_i(X86Asm *a, X86Xmm r, uint8_t n) { sse_shift_i(a, 7, r, n); }

/* Integer <-> FP conversions: REX.W selects the 64-bit integer operand. */
static uint32_t cvt_opc(int size, uint32_t opc)
{
    assert(size == 4 || size == 8);
    return (size == 8 ? O_W : 0) | O_0F | opc;
}

void x86_cvtsi2sd(X86Asm *a, int size, X86Xmm d, X86Reg s) { emit_rr(a, cvt_opc(size, O_F2 | 0x2A), d, s); }
void x86_cvtsi2ss(X86Asm *a, int size, X86Xmm d, X86Reg s) { emit_rr(a, cvt_opc(size, O_F3 | 0x2A), d, s); }
void x86_cvttsd2si(X86Asm *a, int size, X86Reg d, X86Xmm s) { emit_rr(a, cvt_opc(size, O_F2 | 0x2C), d, s); }
void x86_cvttss2si(X86Asm *a, int size, X86Reg d, X86Xmm s) { emit_rr(a, cvt_opc(size, O_F3 | 0x2C), d, s); }
