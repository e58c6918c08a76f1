/*
 * A64 disassembler (see disas.h).
 *
 * Design: the word is decoded by the generator's --record decoder
 * (scripts/decodegen.py --record over the target-arm .decode files, the same tables
 * the translator is generated from), which yields the trans name of the
 * matching pattern and its fields by name.  A table keyed by trans name
 * (fmt_table below) picks a format function; the function reads the fields
 * by name (F(d, "rd")) and prints objdump's text, choosing the alias objdump
 * prefers.  A trans name without a formatter, a word no pattern matches, or
 * an encoding that the trans function would reject (reserved sizes, bad
 * bitmask immediates ...) prints ".inst 0x%08x".
 *
 * Why not a third generator mode with typed argument structs: the record
 * mode already exists and is tested, a missing formatter then degrades to
 * ".inst" instead of a link error, and name lookups cost nothing that
 * matters for a log.  Where a pattern does not extract what objdump prints
 * (PRFM addresses, should-be-one fields), the formatter reads the raw word.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "target-arm/disas.h"

/* The contract of decodegen.py --record. */
typedef struct DisasContext {
    const char *name;
    int64_t fields[16];
    const char *field_names[16];
    int nfields;
} DisasContext;

#include "decode-a64-record.inc"

typedef struct Dis {
    DisasContext ctx;
    uint32_t insn;
    uint64_t pc;
    char *buf;
    size_t len, used;
} Dis;

static int64_t F(const Dis *d, const char *name)
{
    for (int i = 0; i < d->ctx.nfields; i++) {
        if (strcmp(d->ctx.field_names[i], name) == 0) {
            return d->ctx.fields[i];
        }
    }
    return 0;
}

#define f(n) F(d, #n)

static void __attribute__((format(printf, 2, 3))) out(Dis *d, const char *fmt, ...)
{
    va_list ap;
    if (d->used >= d->len) {
        return;
    }
    va_start(ap, fmt);
    int n = vsnprintf(d->buf + d->used, d->len - d->used, fmt, ap);
    va_end(ap);
    if (n > 0) {
        d->used += (size_t)n;
    }
}

static uint32_t bits(uint32_t x, int pos, int len)
{
    return (x >> pos) & ((1u << len) - 1);
}

/* ---- register and operand names ---------------------------------------- */

/* General register n; 31 is sp when sp is true, else the zero register. */
static const char *gpr(unsigned n, bool sf, bool sp)
{
    static const char xn[32][4] = {
        "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15",
        "x16", "x17", "x18", "x19", "x20", "x21", "x22", "x23", "x24", "x25", "x26", "x27", "x28", "x29",
        "x30", "xzr",
    };
    static const char wn[32][4] = {
        "w0", "w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "w9", "w10", "w11", "w12", "w13", "w14", "w15",
        "w16", "w17", "w18", "w19", "w20", "w21", "w22", "w23", "w24", "w25", "w26", "w27", "w28", "w29",
        "w30", "wzr",
    };
    n &= 31;
    if (n == 31 && sp) {
        return sf ? "sp" : "wsp";
    }
    return sf ? xn[n] : wn[n];
}

#define X(n) gpr((unsigned)(n), true, false)
#define XS(n) gpr((unsigned)(n), true, true)
#define R(n, sf) gpr((unsigned)(n), (sf) != 0, false)
#define RS(n, sf) gpr((unsigned)(n), (sf) != 0, true)

static const char *const cond_names[16] = {
    "eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al", "nv",
};

static const char *const shift_names[4] = { "lsl", "lsr", "asr", "ror" };
static const char *const extend_names[8] = { "uxtb", "uxth", "uxtw", "uxtx", "sxtb", "sxth", "sxtw", "sxtx" };

/* Scalar FP/SIMD register prefix by log2 size (0 b .. 4 q). */
static const char size_letter[5] = { 'b', 'h', 's', 'd', 'q' };

/* Vector arrangement of elements of 1 << size bytes; NULL for size 3 with q 0 unless one_d. */
static const char *arr(unsigned size, unsigned q)
{
    static const char *const a[4][2] = { { "8b", "16b" }, { "4h", "8h" }, { "2s", "4s" }, { "1d", "2d" } };
    return a[size & 3][q & 1];
}

static void out_addr(Dis *d, int64_t offset)
{
    out(d, "0x%llx", (unsigned long long)(d->pc + (uint64_t)offset));
}

/* [xn], [xn, #off] */
static void out_base_off(Dis *d, unsigned rn, int64_t off)
{
    if (off) {
        out(d, "[%s, #%lld]", XS(rn), (long long)off);
    } else {
        out(d, "[%s]", XS(rn));
    }
}

/* The address of a 9-bit-immediate or pair form: idx 1 post, 3 pre, else offset. */
static void out_indexed(Dis *d, unsigned rn, unsigned idx, int64_t off)
{
    if (idx == 1) {
        out(d, "[%s], #%lld", XS(rn), (long long)off);
    } else if (idx == 3) {
        out(d, "[%s, #%lld]!", XS(rn), (long long)off);
    } else {
        out_base_off(d, rn, off);
    }
}

/* Register-offset address: option/s as in the load/store register classes. */
static bool out_regoff(Dis *d, unsigned rn, unsigned rm, unsigned option, unsigned s, unsigned size)
{
    if (!(option & 2)) {
        return false;
    }
    bool x = option & 1;
    out(d, "[%s, %s", XS(rn), R(rm, x));
    if (option == 3) {
        if (s) {
            out(d, ", lsl #%u", size);
        }
    } else if (s) {
        out(d, ", %s #%u", extend_names[option], size);
    } else {
        out(d, ", %s", extend_names[option]);
    }
    out(d, "]");
    return true;
}

/* ---- immediates ------------------------------------------------------------ */

/* DecodeBitMasks (Arm ARM, shared pseudocode): false for a reserved encoding. */
static bool decode_bitmask(unsigned n, unsigned immr, unsigned imms, bool sf, uint64_t *out_mask)
{
    unsigned combined = (n << 6) | (~imms & 0x3f);
    int len = -1;
    for (int i = 6; i >= 0; i--) {
        if (combined & (1u << i)) {
            len = i;
            break;
        }
    }
    if (len < 1) {
        return false;
    }
    unsigned levels = (1u << len) - 1;
    unsigned s = imms & levels, r = immr & levels;
    if (s == levels) {
        return false;
    }
    unsigned esize = 1u << len;
    uint64_t emask = esize == 64 ? ~0ull : (1ull << esize) - 1;
    uint64_t welem = (1ull << (s + 1)) - 1;
    uint64_t elem = r ? ((welem >> r) | (welem << (esize - r))) & emask : welem;
    uint64_t v = 0;
    for (unsigned i = 0; i < 64; i += esize) {
        v |= elem << i;
    }
    *out_mask = sf ? v : (uint32_t)v;
    return true;
}

/* MoveWidePreferred: the ORR-immediate MOV alias yields to MOVZ/MOVN. */
static bool move_wide_preferred(bool sf, unsigned n, unsigned imms, unsigned immr)
{
    int s = (int)imms, r = (int)immr, width = sf ? 64 : 32;
    if (sf && !n) {
        return false;
    }
    if (!sf && (n || (imms & 0x20))) {
        return false;
    }
    if (s < 16) {
        return ((-r) & 15) <= 15 - s;
    }
    if (s >= width - 15) {
        return (r & 15) <= s - (width - 15);
    }
    return false;
}

/* VFPExpandImm for an 8-bit FP immediate, as a double. */
static double fp_imm8(unsigned imm8)
{
    unsigned sign = imm8 >> 7, b6 = (imm8 >> 6) & 1;
    /* value = (-1)^sign * (16 + imm8<3:0>) / 16 * 2^e, e = (NOT b6 : b5:b4) - 3 */
    int e = (int)((b6 ? 0 : 4) | ((imm8 >> 4) & 3)) - 3;
    double v = (16.0 + (imm8 & 15)) / 16.0;
    for (; e > 0; e--) {
        v *= 2;
    }
    for (; e < 0; e++) {
        v /= 2;
    }
    return sign ? -v : v;
}

static void out_fpimm(Dis *d, unsigned imm8)
{
    out(d, "#%.18e", fp_imm8(imm8));
}

/* ---- data processing, immediate ------------------------------------------ */

/* C6.2.4 ADD (immediate) / SUB / ADDS / SUBS and the MOV (to/from SP), CMP, CMN aliases */
static bool fmt_ADDSUB_imm(Dis *d)
{
    bool sf = f(sf), op = f(op), s = f(s);
    unsigned rd = f(rd), rn = f(rn), sh = f(sh), imm = f(imm);
    if (!op && !s && !sh && !imm && (rd == 31 || rn == 31)) {
        out(d, "mov %s, %s", RS(rd, sf), RS(rn, sf));
        return true;
    }
    if (s && rd == 31) {
        out(d, "%s %s, #0x%x", op ? "cmp" : "cmn", RS(rn, sf), imm);
    } else {
        out(d, "%s%s %s, %s, #0x%x", op ? "sub" : "add", s ? "s" : "", s ? R(rd, sf) : RS(rd, sf), RS(rn, sf),
            imm);
    }
    if (sh) {
        out(d, ", lsl #12");
    }
    return true;
}

/* C6.2.12 AND (immediate), ORR, EOR, ANDS; MOV (bitmask immediate), TST */
static bool fmt_LOGIC_imm(Dis *d)
{
    bool sf = f(sf);
    unsigned opc = f(opc), rd = f(rd), rn = f(rn), n = f(n), immr = f(immr), imms = f(imms);
    uint64_t v;
    static const char *const names[4] = { "and", "orr", "eor", "ands" };
    if (!decode_bitmask(n, immr, imms, sf, &v)) {
        return false;
    }
    if (opc == 1 && rn == 31 && !move_wide_preferred(sf, n, imms, immr)) {
        out(d, "mov %s, #0x%llx", RS(rd, sf), (unsigned long long)v);
    } else if (opc == 3 && rd == 31) {
        out(d, "tst %s, #0x%llx", R(rn, sf), (unsigned long long)v);
    } else {
        out(d, "%s %s, %s, #0x%llx", names[opc], opc == 3 ? R(rd, sf) : RS(rd, sf), R(rn, sf),
            (unsigned long long)v);
    }
    return true;
}

/* C6.2.191 MOVZ / C6.2.190 MOVN and their MOV (wide immediate) aliases */
static bool fmt_movzn(Dis *d, bool inverted)
{
    bool sf = f(sf);
    unsigned hw = f(hw), imm = f(imm), rd = f(rd);
    bool alias = !(imm == 0 && hw != 0) && !(inverted && !sf && imm == 0xffff);
    if (alias) {
        uint64_t v = (uint64_t)imm << (16 * hw);
        if (inverted) {
            v = ~v;
        }
        if (!sf) {
            v = (uint32_t)v;
        }
        out(d, "mov %s, #0x%llx", R(rd, sf), (unsigned long long)v);
        return true;
    }
    out(d, "%s %s, #0x%x", inverted ? "movn" : "movz", R(rd, sf), imm);
    if (hw) {
        out(d, ", lsl #%u", hw * 16);
    }
    return true;
}

static bool fmt_MOVZ(Dis *d)
{
    return fmt_movzn(d, false);
}

static bool fmt_MOVN(Dis *d)
{
    return fmt_movzn(d, true);
}

/* C6.2.189 MOVK */
static bool fmt_MOVK(Dis *d)
{
    unsigned hw = f(hw);
    out(d, "movk %s, #0x%x", R(f(rd), f(sf)), (unsigned)f(imm));
    if (hw) {
        out(d, ", lsl #%u", hw * 16);
    }
    return true;
}

/* C6.2.10 ADR, C6.2.11 ADRP */
static bool fmt_ADR(Dis *d)
{
    out(d, "adr %s, ", X(f(rd)));
    out_addr(d, f(imm));
    return true;
}

static bool fmt_ADRP(Dis *d)
{
    uint64_t page = (d->pc & ~0xfffull) + ((uint64_t)f(imm) << 12);
    out(d, "adrp %s, 0x%llx", X(f(rd)), (unsigned long long)page);
    return true;
}

/* C6.2.234 SBFM: ASR, SBFIZ, SXTB/H/W, SBFX */
static bool fmt_SBFM(Dis *d)
{
    bool sf = f(sf);
    unsigned width = sf ? 64 : 32, immr = f(immr), imms = f(imms), rd = f(rd), rn = f(rn);
    if (imms == width - 1) {
        out(d, "asr %s, %s, #%u", R(rd, sf), R(rn, sf), immr);
    } else if (imms < immr) {
        out(d, "sbfiz %s, %s, #%u, #%u", R(rd, sf), R(rn, sf), width - immr, imms + 1);
    } else if (immr == 0 && (imms == 7 || imms == 15 || imms == 31)) {
        out(d, "sxt%c %s, %s", imms == 7 ? 'b' : imms == 15 ? 'h' : 'w', R(rd, sf), R(rn, false));
    } else {
        out(d, "sbfx %s, %s, #%u, #%u", R(rd, sf), R(rn, sf), immr, imms - immr + 1);
    }
    return true;
}

/* C6.2.331 UBFM: LSL, LSR, UBFIZ, UXTB/H, UBFX */
static bool fmt_UBFM(Dis *d)
{
    bool sf = f(sf);
    unsigned width = sf ? 64 : 32, immr = f(immr), imms = f(imms), rd = f(rd), rn = f(rn);
    if (imms == width - 1) {
        out(d, "lsr %s, %s, #%u", R(rd, sf), R(rn, sf), immr);
    } else if (imms + 1 == immr) {
        out(d, "lsl %s, %s, #%u", R(rd, sf), R(rn, sf), width - 1 - imms);
    } else if (imms < immr) {
        out(d, "ubfiz %s, %s, #%u, #%u", R(rd, sf), R(rn, sf), width - immr, imms + 1);
    } else if (!sf && immr == 0 && (imms == 7 || imms == 15)) {
        out(d, "uxt%c %s, %s", imms == 7 ? 'b' : 'h', R(rd, sf), R(rn, sf));
    } else {
        out(d, "ubfx %s, %s, #%u, #%u", R(rd, sf), R(rn, sf), immr, imms - immr + 1);
    }
    return true;
}

/* C6.2.30 BFM: BFC, BFI, BFXIL */
static bool fmt_BFM(Dis *d)
{
    bool sf = f(sf);
    unsigned width = sf ? 64 : 32, immr = f(immr), imms = f(imms), rd = f(rd), rn = f(rn);
    if (imms < immr) {
        if (rn == 31) {
            out(d, "bfc %s, #%u, #%u", R(rd, sf), width - immr, imms + 1);
        } else {
            out(d, "bfi %s, %s, #%u, #%u", R(rd, sf), R(rn, sf), width - immr, imms + 1);
        }
    } else {
        out(d, "bfxil %s, %s, #%u, #%u", R(rd, sf), R(rn, sf), immr, imms - immr + 1);
    }
    return true;
}

/* C6.2.90 EXTR; ROR (immediate) when both sources are one register */
static bool fmt_EXTR(Dis *d)
{
    bool sf = f(sf);
    unsigned rn = f(rn), rm = f(rm);
    if (rn == rm) {
        out(d, "ror %s, %s, #%u", R(f(rd), sf), R(rn, sf), (unsigned)f(imms));
    } else {
        out(d, "extr %s, %s, %s, #%u", R(f(rd), sf), R(rn, sf), R(rm, sf), (unsigned)f(imms));
    }
    return true;
}

/* ---- branches, exceptions, system ----------------------------------------- */

static bool fmt_B_cond(Dis *d)
{
    out(d, "b.%s ", cond_names[f(cond)]);
    out_addr(d, f(imm) * 4);
    return true;
}

static bool fmt_B(Dis *d)
{
    out(d, "b ");
    out_addr(d, f(imm) * 4);
    return true;
}

static bool fmt_BL(Dis *d)
{
    out(d, "bl ");
    out_addr(d, f(imm) * 4);
    return true;
}

static bool fmt_CBZ(Dis *d)
{
    out(d, "%s %s, ", f(nz) ? "cbnz" : "cbz", R(f(rt), f(sf)));
    out_addr(d, f(imm) * 4);
    return true;
}

static bool fmt_TBZ(Dis *d)
{
    unsigned bit = f(bit);
    out(d, "%s %s, #%u, ", f(nz) ? "tbnz" : "tbz", R(f(rt), bit >= 32), bit);
    out_addr(d, f(imm) * 4);
    return true;
}

static bool fmt_BR(Dis *d)
{
    out(d, "br %s", X(f(rn)));
    return true;
}

static bool fmt_BLR(Dis *d)
{
    out(d, "blr %s", X(f(rn)));
    return true;
}

static bool fmt_RET(Dis *d)
{
    unsigned rn = f(rn);
    if (rn == 30) {
        out(d, "ret");
    } else {
        out(d, "ret %s", X(rn));
    }
    return true;
}

static bool fmt_ERET(Dis *d)
{
    out(d, "eret");
    return true;
}

static bool fmt_DRPS(Dis *d)
{
    out(d, "drps");
    return true;
}

static bool exc(Dis *d, const char *name)
{
    out(d, "%s #0x%x", name, (unsigned)f(imm));
    return true;
}

static bool fmt_SVC(Dis *d)
{
    return exc(d, "svc");
}

static bool fmt_HVC(Dis *d)
{
    return exc(d, "hvc");
}

static bool fmt_SMC(Dis *d)
{
    return exc(d, "smc");
}

static bool fmt_BRK(Dis *d)
{
    return exc(d, "brk");
}

static bool fmt_HLT(Dis *d)
{
    return exc(d, "hlt");
}

static bool fmt_DCPS(Dis *d)
{
    unsigned imm = f(imm);
    out(d, "dcps%u", (unsigned)f(level));
    if (imm) {
        out(d, " #0x%x", imm);
    }
    return true;
}

/* C6.2.97 HINT: the named hints of ARMv8.x, numbered CRm:op2 */
static bool fmt_hint_num(Dis *d, unsigned n)
{
    static const char *const names[40] = {
        [0] = "nop", [1] = "yield", [2] = "wfe", [3] = "wfi", [4] = "sev", [5] = "sevl", [6] = "dgh",
        [7] = "xpaclri", [8] = "pacia1716", [10] = "pacib1716", [12] = "autia1716", [14] = "autib1716",
        [16] = "esb", [17] = "psb csync", [18] = "tsb csync", [20] = "csdb", [24] = "paciaz",
        [25] = "paciasp", [26] = "pacibz", [27] = "pacibsp", [28] = "autiaz", [29] = "autiasp",
        [30] = "autibz", [31] = "autibsp", [32] = "bti", [34] = "bti c", [36] = "bti j", [38] = "bti jc",
    };
    if (n < 40 && names[n]) {
        out(d, "%s", names[n]);
    } else {
        out(d, "hint #0x%x", n);
    }
    return true;
}

static bool fmt_HINT(Dis *d)
{
    return fmt_hint_num(d, (unsigned)(f(crm) << 3 | f(op2)));
}

static bool fmt_NOP(Dis *d)
{
    return fmt_hint_num(d, 0);
}

static bool fmt_YIELD(Dis *d)
{
    return fmt_hint_num(d, 1);
}

static bool fmt_WFE(Dis *d)
{
    return fmt_hint_num(d, 2);
}

static bool fmt_WFI(Dis *d)
{
    return fmt_hint_num(d, 3);
}

static bool fmt_SEV(Dis *d)
{
    return fmt_hint_num(d, 4);
}

static bool fmt_SEVL(Dis *d)
{
    return fmt_hint_num(d, 5);
}

/* C6.2.81 DSB / C6.2.79 DMB barrier options */
static bool barrier(Dis *d, const char *name, unsigned crm)
{
    static const char *const opts[16] = {
        [1] = "oshld", [2] = "oshst", [3] = "osh", [5] = "nshld", [6] = "nshst", [7] = "nsh",
        [9] = "ishld", [10] = "ishst", [11] = "ish", [13] = "ld", [14] = "st", [15] = "sy",
    };
    if (opts[crm]) {
        out(d, "%s %s", name, opts[crm]);
    } else {
        out(d, "%s #0x%x", name, crm);
    }
    return true;
}

static bool fmt_DSB(Dis *d)
{
    unsigned crm = f(crm);
    if (crm == 0) {
        out(d, "ssbb");
        return true;
    }
    if (crm == 4) {
        out(d, "pssbb");
        return true;
    }
    return barrier(d, "dsb", crm);
}

static bool fmt_DMB(Dis *d)
{
    return barrier(d, "dmb", f(crm));
}

static bool opt_crm(Dis *d, const char *name)
{
    unsigned crm = f(crm);
    if (crm == 15) {
        out(d, "%s", name);
    } else {
        out(d, "%s #0x%x", name, crm);
    }
    return true;
}

static bool fmt_ISB(Dis *d)
{
    return opt_crm(d, "isb");
}

static bool fmt_CLREX(Dis *d)
{
    return opt_crm(d, "clrex");
}

static bool fmt_SB(Dis *d)
{
    out(d, "sb");
    return true;
}

/* C6.2.195 MSR (immediate): PSTATE fields by op1:op2 */
static bool fmt_MSR_i(Dis *d)
{
    unsigned op1 = f(op1), op2 = f(op2), crm = f(crm);
    const char *name = NULL;
    switch (op1 << 3 | op2) {
    case 0x03: name = "uao"; break;
    case 0x04: name = "pan"; break;
    case 0x05: name = "spsel"; break;
    case 0x19: name = "ssbs"; break;
    case 0x1a: name = "dit"; break;
    case 0x1c: name = "tco"; break;
    case 0x1e: name = "daifset"; break;
    case 0x1f: name = "daifclr"; break;
    }
    if (name) {
        out(d, "msr %s, #0x%x", name, crm);
    } else {
        out(d, "msr s0_%u_c4_c%u_%u, xzr", op1, crm, op2);
    }
    return true;
}

/* System register names, keyed by op0:op1:CRn:CRm:op2 (D19 of the Arm ARM). */
#define SR(op0, op1, crn, crm, op2) ((op0) << 14 | (op1) << 11 | (crn) << 7 | (crm) << 3 | (op2))
static const struct SysRegName {
    unsigned key;
    const char *name;
} sysreg_names[] = {
    { SR(3, 3, 4, 2, 0), "nzcv" }, { SR(3, 3, 4, 2, 1), "daif" }, { SR(3, 3, 4, 4, 0), "fpcr" },
    { SR(3, 3, 4, 4, 1), "fpsr" }, { SR(3, 3, 0, 0, 7), "dczid_el0" }, { SR(3, 3, 0, 0, 1), "ctr_el0" },
    { SR(3, 3, 13, 0, 2), "tpidr_el0" }, { SR(3, 3, 13, 0, 3), "tpidrro_el0" },
    { SR(3, 0, 13, 0, 4), "tpidr_el1" }, { SR(3, 3, 14, 0, 0), "cntfrq_el0" },
    { SR(3, 3, 14, 0, 1), "cntpct_el0" }, { SR(3, 3, 14, 0, 2), "cntvct_el0" },
    { SR(3, 3, 14, 3, 0), "cntv_tval_el0" }, { SR(3, 3, 14, 3, 1), "cntv_ctl_el0" },
    { SR(3, 3, 14, 3, 2), "cntv_cval_el0" }, { SR(3, 3, 14, 2, 0), "cntp_tval_el0" },
    { SR(3, 3, 14, 2, 1), "cntp_ctl_el0" }, { SR(3, 3, 14, 2, 2), "cntp_cval_el0" },
    { SR(3, 0, 14, 1, 0), "cntkctl_el1" }, { SR(3, 0, 0, 0, 0), "midr_el1" },
    { SR(3, 0, 0, 0, 5), "mpidr_el1" }, { SR(3, 0, 0, 0, 6), "revidr_el1" },
    { SR(3, 0, 0, 4, 0), "id_aa64pfr0_el1" }, { SR(3, 0, 0, 4, 1), "id_aa64pfr1_el1" },
    { SR(3, 0, 0, 5, 0), "id_aa64dfr0_el1" }, { SR(3, 0, 0, 6, 0), "id_aa64isar0_el1" },
    { SR(3, 0, 0, 6, 1), "id_aa64isar1_el1" }, { SR(3, 0, 0, 7, 0), "id_aa64mmfr0_el1" },
    { SR(3, 0, 0, 7, 1), "id_aa64mmfr1_el1" }, { SR(3, 0, 0, 7, 2), "id_aa64mmfr2_el1" },
    { SR(3, 0, 1, 0, 0), "sctlr_el1" }, { SR(3, 0, 1, 0, 1), "actlr_el1" },
    { SR(3, 0, 1, 0, 2), "cpacr_el1" }, { SR(3, 0, 2, 0, 0), "ttbr0_el1" },
    { SR(3, 0, 2, 0, 1), "ttbr1_el1" }, { SR(3, 0, 2, 0, 2), "tcr_el1" },
    { SR(3, 0, 4, 0, 0), "spsr_el1" }, { SR(3, 0, 4, 0, 1), "elr_el1" }, { SR(3, 0, 4, 1, 0), "sp_el0" },
    { SR(3, 0, 4, 2, 0), "spsel" }, { SR(3, 0, 4, 2, 2), "currentel" }, { SR(3, 0, 4, 2, 3), "pan" },
    { SR(3, 0, 4, 2, 4), "uao" }, { SR(3, 0, 5, 1, 0), "afsr0_el1" }, { SR(3, 0, 5, 1, 1), "afsr1_el1" },
    { SR(3, 0, 5, 2, 0), "esr_el1" }, { SR(3, 0, 6, 0, 0), "far_el1" }, { SR(3, 0, 7, 4, 0), "par_el1" },
    { SR(3, 0, 10, 2, 0), "mair_el1" }, { SR(3, 0, 10, 3, 0), "amair_el1" },
    { SR(3, 0, 12, 0, 0), "vbar_el1" }, { SR(3, 0, 12, 1, 0), "isr_el1" },
    { SR(3, 0, 13, 0, 1), "contextidr_el1" }, { SR(3, 2, 0, 0, 0), "csselr_el1" },
    { SR(3, 1, 0, 0, 0), "ccsidr_el1" }, { SR(3, 1, 0, 0, 1), "clidr_el1" },
    { SR(2, 0, 0, 2, 2), "mdscr_el1" }, { SR(2, 0, 1, 0, 4), "oslar_el1" },
    { SR(3, 4, 1, 0, 0), "sctlr_el2" }, { SR(3, 4, 1, 1, 0), "hcr_el2" }, { SR(3, 4, 12, 0, 0), "vbar_el2" },
    { SR(3, 4, 4, 0, 1), "elr_el2" }, { SR(3, 4, 4, 0, 0), "spsr_el2" }, { SR(3, 4, 5, 2, 0), "esr_el2" },
    { SR(3, 4, 6, 0, 0), "far_el2" }, { SR(3, 4, 2, 0, 2), "tcr_el2" }, { SR(3, 4, 2, 0, 0), "ttbr0_el2" },
    { SR(3, 4, 2, 1, 0), "vttbr_el2" }, { SR(3, 4, 2, 1, 2), "vtcr_el2" },
    { SR(3, 4, 14, 1, 0), "cnthctl_el2" }, { SR(3, 4, 14, 0, 3), "cntvoff_el2" },
    { SR(3, 4, 10, 2, 0), "mair_el2" }, { SR(3, 4, 4, 1, 0), "sp_el1" }, { SR(3, 4, 0, 0, 0), "vpidr_el2" },
    { SR(3, 4, 0, 0, 5), "vmpidr_el2" }, { SR(3, 4, 1, 1, 2), "cptr_el2" },
    { SR(3, 4, 1, 1, 1), "mdcr_el2" }, { SR(3, 4, 1, 1, 3), "hstr_el2" },
    { SR(3, 4, 13, 0, 2), "tpidr_el2" }, { SR(3, 6, 1, 1, 0), "scr_el3" },
    { SR(3, 6, 1, 0, 0), "sctlr_el3" }, { SR(3, 6, 12, 0, 0), "vbar_el3" },
    { SR(3, 6, 4, 0, 1), "elr_el3" }, { SR(3, 6, 4, 0, 0), "spsr_el3" },
    { SR(3, 0, 12, 12, 5), "icc_sre_el1" }, { SR(3, 0, 4, 6, 0), "icc_pmr_el1" },
    { SR(3, 0, 12, 12, 0), "icc_iar1_el1" }, { SR(3, 0, 12, 12, 1), "icc_eoir1_el1" },
    { SR(3, 0, 12, 12, 7), "icc_igrpen1_el1" }, { SR(3, 3, 9, 13, 0), "pmccntr_el0" },
    { SR(3, 3, 9, 12, 0), "pmcr_el0" },
};

static void out_sysreg(Dis *d)
{
    unsigned op0 = f(op0), op1 = f(op1), crn = f(crn), crm = f(crm), op2 = f(op2);
    unsigned key = SR(op0, op1, crn, crm, op2);
    for (size_t i = 0; i < sizeof(sysreg_names) / sizeof(sysreg_names[0]); i++) {
        if (sysreg_names[i].key == key) {
            out(d, "%s", sysreg_names[i].name);
            return;
        }
    }
    out(d, "s%u_%u_c%u_c%u_%u", op0, op1, crn, crm, op2);
}

static bool fmt_MRS(Dis *d)
{
    out(d, "mrs %s, ", X(f(rt)));
    out_sysreg(d);
    return true;
}

static bool fmt_MSR_r(Dis *d)
{
    out(d, "msr ");
    out_sysreg(d);
    out(d, ", %s", X(f(rt)));
    return true;
}

/* SYS aliases (C5.3 of the Arm ARM): DC, IC, AT, TLBI, keyed by op1:CRn:CRm:op2. */
#define SYSK(op1, crn, crm, op2) ((op1) << 11 | (crn) << 7 | (crm) << 3 | (op2))
static const struct SysAlias {
    unsigned key;
    const char *name;
    bool reg;
} sys_aliases[] = {
    { SYSK(0, 7, 6, 1), "dc ivac", true }, { SYSK(0, 7, 6, 2), "dc isw", true },
    { SYSK(0, 7, 10, 2), "dc csw", true }, { SYSK(0, 7, 14, 2), "dc cisw", true },
    { SYSK(3, 7, 4, 1), "dc zva", true }, { SYSK(3, 7, 10, 1), "dc cvac", true },
    { SYSK(3, 7, 11, 1), "dc cvau", true }, { SYSK(3, 7, 12, 1), "dc cvap", true },
    { SYSK(3, 7, 14, 1), "dc civac", true }, { SYSK(0, 7, 1, 0), "ic ialluis", false },
    { SYSK(0, 7, 5, 0), "ic iallu", false }, { SYSK(3, 7, 5, 1), "ic ivau", true },
    { SYSK(0, 7, 8, 0), "at s1e1r", true }, { SYSK(0, 7, 8, 1), "at s1e1w", true },
    { SYSK(0, 7, 8, 2), "at s1e0r", true }, { SYSK(0, 7, 8, 3), "at s1e0w", true },
    { SYSK(0, 7, 9, 0), "at s1e1rp", true }, { SYSK(0, 7, 9, 1), "at s1e1wp", true },
    { SYSK(4, 7, 8, 0), "at s1e2r", true }, { SYSK(4, 7, 8, 1), "at s1e2w", true },
    { SYSK(4, 7, 8, 4), "at s12e1r", true }, { SYSK(4, 7, 8, 5), "at s12e1w", true },
    { SYSK(4, 7, 8, 6), "at s12e0r", true }, { SYSK(4, 7, 8, 7), "at s12e0w", true },
    { SYSK(6, 7, 8, 0), "at s1e3r", true }, { SYSK(6, 7, 8, 1), "at s1e3w", true },
    { SYSK(0, 8, 3, 0), "tlbi vmalle1is", false }, { SYSK(0, 8, 3, 1), "tlbi vae1is", true },
    { SYSK(0, 8, 3, 2), "tlbi aside1is", true }, { SYSK(0, 8, 3, 3), "tlbi vaae1is", true },
    { SYSK(0, 8, 3, 5), "tlbi vale1is", true }, { SYSK(0, 8, 3, 7), "tlbi vaale1is", true },
    { SYSK(0, 8, 7, 0), "tlbi vmalle1", false }, { SYSK(0, 8, 7, 1), "tlbi vae1", true },
    { SYSK(0, 8, 7, 2), "tlbi aside1", true }, { SYSK(0, 8, 7, 3), "tlbi vaae1", true },
    { SYSK(0, 8, 7, 5), "tlbi vale1", true }, { SYSK(0, 8, 7, 7), "tlbi vaale1", true },
    { SYSK(4, 8, 0, 1), "tlbi ipas2e1is", true }, { SYSK(4, 8, 0, 5), "tlbi ipas2le1is", true },
    { SYSK(4, 8, 4, 1), "tlbi ipas2e1", true }, { SYSK(4, 8, 4, 5), "tlbi ipas2le1", true },
    { SYSK(4, 8, 3, 0), "tlbi alle2is", false }, { SYSK(4, 8, 3, 1), "tlbi vae2is", true },
    { SYSK(4, 8, 3, 4), "tlbi alle1is", false }, { SYSK(4, 8, 3, 5), "tlbi vale2is", true },
    { SYSK(4, 8, 3, 6), "tlbi vmalls12e1is", false }, { SYSK(4, 8, 7, 0), "tlbi alle2", false },
    { SYSK(4, 8, 7, 1), "tlbi vae2", true }, { SYSK(4, 8, 7, 4), "tlbi alle1", false },
    { SYSK(4, 8, 7, 5), "tlbi vale2", true }, { SYSK(4, 8, 7, 6), "tlbi vmalls12e1", false },
    { SYSK(6, 8, 3, 0), "tlbi alle3is", false }, { SYSK(6, 8, 3, 1), "tlbi vae3is", true },
    { SYSK(6, 8, 3, 5), "tlbi vale3is", true }, { SYSK(6, 8, 7, 0), "tlbi alle3", false },
    { SYSK(6, 8, 7, 1), "tlbi vae3", true }, { SYSK(6, 8, 7, 5), "tlbi vale3", true },
};

static bool fmt_SYS(Dis *d)
{
    unsigned op1 = f(op1), crn = f(crn), crm = f(crm), op2 = f(op2), rt = f(rt);
    unsigned key = SYSK(op1, crn, crm, op2);
    for (size_t i = 0; i < sizeof(sys_aliases) / sizeof(sys_aliases[0]); i++) {
        const struct SysAlias *a = &sys_aliases[i];
        if (a->key == key && (a->reg || rt == 31)) {
            out(d, "%s", a->name);
            if (a->reg) {
                out(d, ", %s", X(rt));
            }
            return true;
        }
    }
    out(d, "sys #%u, C%u, C%u, #%u", op1, crn, crm, op2);
    if (rt != 31) {
        out(d, ", %s", X(rt));
    }
    return true;
}

static bool fmt_SYSL(Dis *d)
{
    out(d, "sysl %s, #%u, C%u, C%u, #%u", X(f(rt)), (unsigned)f(op1), (unsigned)f(crn), (unsigned)f(crm),
        (unsigned)f(op2));
    return true;
}

/* ---- loads and stores, general registers ---------------------------------- */

static const char *const size_suffix[4] = { "b", "h", "", "" };

static bool fmt_LDR_lit(Dis *d)
{
    bool sign = f(sign);
    out(d, "%s %s, ", sign ? "ldrsw" : "ldr", R(f(rt), f(size) == 3 || sign));
    out_addr(d, f(imm) * 4);
    return true;
}

/* PRFM operation names: type (pld, pli, pst), target level, policy. */
static void out_prfop(Dis *d, unsigned rt)
{
    static const char *const types[4] = { "pld", "pli", "pst", NULL };
    unsigned type = rt >> 3, target = (rt >> 1) & 3;
    if (!types[type] || target == 3) {
        out(d, "#0x%02x", rt);
        return;
    }
    out(d, "%sl%u%s", types[type], target + 1, (rt & 1) ? "strm" : "keep");
}

/* C6.2.211 PRFM (immediate, literal, register), C6.2.212 PRFUM: the patterns keep only rt. */
static bool fmt_PRFM(Dis *d)
{
    uint32_t insn = d->insn;
    unsigned rn = bits(insn, 5, 5);
    if (bits(insn, 24, 6) == 0x18) {
        out(d, "prfm ");
        out_prfop(d, f(rt));
        out(d, ", ");
        out_addr(d, (int64_t)((int32_t)(insn << 8) >> 13) * 4);
    } else if (bits(insn, 24, 2) == 1) {
        out(d, "prfm ");
        out_prfop(d, f(rt));
        out(d, ", ");
        out_base_off(d, rn, (int64_t)bits(insn, 10, 12) * 8);
    } else if (bits(insn, 21, 1)) {
        out(d, "prfm ");
        out_prfop(d, f(rt));
        out(d, ", ");
        return out_regoff(d, rn, bits(insn, 16, 5), bits(insn, 13, 3), bits(insn, 12, 1), 3);
    } else {
        out(d, "prfum ");
        out_prfop(d, f(rt));
        out(d, ", ");
        out_base_off(d, rn, (int32_t)(insn << 11) >> 23);
    }
    return true;
}

/* C6.2.273 STP / C6.2.130 LDP / LDPSW / STNP / LDNP */
static bool pair(Dis *d, bool load, bool vec)
{
    unsigned size = f(size), idx = f(idx);
    bool sign = f(sign);
    const char *base = load ? (idx == 0 ? "ldnp" : sign ? "ldpsw" : "ldp") : (idx == 0 ? "stnp" : "stp");
    if (vec) {
        out(d, "%s %c%u, %c%u, ", base, size_letter[size], (unsigned)f(rt), size_letter[size], (unsigned)f(rt2));
    } else {
        bool x = size == 3 || sign;
        out(d, "%s %s, %s, ", base, R(f(rt), x), R(f(rt2), x));
    }
    out_indexed(d, f(rn), idx, f(imm) << size);
    return true;
}

static bool fmt_STP(Dis *d)
{
    return pair(d, false, false);
}

static bool fmt_LDP(Dis *d)
{
    return pair(d, true, false);
}

static bool fmt_VSTP(Dis *d)
{
    return pair(d, false, true);
}

static bool fmt_VLDP(Dis *d)
{
    return pair(d, true, true);
}

/*
 * The mnemonic of a general-register load/store: st/ld, then "ur" (unscaled),
 * "tr" (unprivileged) or "r", then "s" for sign-extending, then the size.
 */
static void ldst_name(Dis *d, bool load, unsigned idx_kind, bool sign, unsigned size)
{
    out(d, "%s%s%s%s ", load ? "ld" : "st", idx_kind == 0 ? "ur" : idx_kind == 2 ? "tr" : "r", sign ? "s" : "",
        sign && size == 2 ? "w" : size_suffix[size]);
}

static const char *ldst_reg(Dis *d, bool sign, unsigned size)
{
    return R(f(rt), sign ? f(sf) : size == 3);
}

static bool ldst_i(Dis *d, bool load)
{
    unsigned size = f(size), idx = f(idx);
    bool sign = f(sign);
    ldst_name(d, load, idx, sign, size);
    out(d, "%s, ", ldst_reg(d, sign, size));
    out_indexed(d, f(rn), idx, f(imm));
    return true;
}

static bool fmt_STR_i(Dis *d)
{
    return ldst_i(d, false);
}

static bool fmt_LDR_i(Dis *d)
{
    return ldst_i(d, true);
}

static bool ldst_r(Dis *d, bool load)
{
    unsigned size = f(size);
    bool sign = f(sign);
    ldst_name(d, load, 1, sign, size);
    out(d, "%s, ", ldst_reg(d, sign, size));
    return out_regoff(d, f(rn), f(rm), f(option), f(s), size);
}

static bool fmt_STR_r(Dis *d)
{
    return ldst_r(d, false);
}

static bool fmt_LDR_r(Dis *d)
{
    return ldst_r(d, true);
}

static bool ldst_u(Dis *d, bool load)
{
    unsigned size = f(size);
    bool sign = f(sign);
    ldst_name(d, load, 1, sign, size);
    out(d, "%s, ", ldst_reg(d, sign, size));
    out_base_off(d, f(rn), f(imm) << size);
    return true;
}

static bool fmt_STR_u(Dis *d)
{
    return ldst_u(d, false);
}

static bool fmt_LDR_u(Dis *d)
{
    return ldst_u(d, true);
}

/* SIMD&FP register loads and stores: B/H/S/D/Q by size 0..4. */
static bool fmt_VLDR_lit(Dis *d)
{
    out(d, "ldr %c%u, ", size_letter[f(size)], (unsigned)f(rt));
    out_addr(d, f(imm) * 4);
    return true;
}

static bool fmt_VLDST_i(Dis *d)
{
    unsigned idx = f(idx), size = f(size);
    if (idx == 2) {
        return false;
    }
    out(d, "%s %c%u, ", f(ld) ? (idx ? "ldr" : "ldur") : (idx ? "str" : "stur"), size_letter[size],
        (unsigned)f(rt));
    out_indexed(d, f(rn), idx, f(imm));
    return true;
}

static bool fmt_VLDST_r(Dis *d)
{
    unsigned size = f(size);
    out(d, "%s %c%u, ", f(ld) ? "ldr" : "str", size_letter[size], (unsigned)f(rt));
    return out_regoff(d, f(rn), f(rm), f(option), f(s), size);
}

static bool fmt_VLDST_u(Dis *d)
{
    unsigned size = f(size);
    out(d, "%s %c%u, ", f(ld) ? "ldr" : "str", size_letter[size], (unsigned)f(rt));
    out_base_off(d, f(rn), f(imm) << size);
    return true;
}

/* Exclusives, load-acquire/store-release */
static bool fmt_STXR(Dis *d)
{
    unsigned size = f(size);
    out(d, "st%sxr%s %s, %s, [%s]", f(lasr) ? "l" : "", size_suffix[size], R(f(rs), false), R(f(rt), size == 3),
        XS(f(rn)));
    return true;
}

static bool fmt_LDXR(Dis *d)
{
    unsigned size = f(size);
    out(d, "ld%sxr%s %s, [%s]", f(lasr) ? "a" : "", size_suffix[size], R(f(rt), size == 3), XS(f(rn)));
    return true;
}

static bool fmt_STXP(Dis *d)
{
    bool x = f(sz);
    out(d, "st%sxp %s, %s, %s, [%s]", f(lasr) ? "l" : "", R(f(rs), false), R(f(rt), x), R(f(rt2), x), XS(f(rn)));
    return true;
}

static bool fmt_LDXP(Dis *d)
{
    bool x = f(sz);
    out(d, "ld%sxp %s, %s, [%s]", f(lasr) ? "a" : "", R(f(rt), x), R(f(rt2), x), XS(f(rn)));
    return true;
}

static bool fmt_STLR(Dis *d)
{
    unsigned size = f(size);
    out(d, "%s%s %s, [%s]", f(lasr) ? "stlr" : "stllr", size_suffix[size], R(f(rt), size == 3), XS(f(rn)));
    return true;
}

static bool fmt_LDAR(Dis *d)
{
    unsigned size = f(size);
    out(d, "%s%s %s, [%s]", f(lasr) ? "ldar" : "ldlar", size_suffix[size], R(f(rt), size == 3), XS(f(rn)));
    return true;
}

static bool fmt_CAS(Dis *d)
{
    unsigned size = f(size);
    out(d, "cas%s%s%s %s, %s, [%s]", f(a) ? "a" : "", f(r) ? "l" : "", size_suffix[size], R(f(rs), size == 3),
        R(f(rt), size == 3), XS(f(rn)));
    return true;
}

static bool fmt_CASP(Dis *d)
{
    bool x = f(sz);
    unsigned rs = f(rs), rt = f(rt);
    if ((rs | rt) & 1) {
        return false;
    }
    out(d, "casp%s%s %s, %s, %s, %s, [%s]", f(a) ? "a" : "", f(r) ? "l" : "", R(rs, x), R(rs + 1, x), R(rt, x),
        R(rt + 1, x), XS(f(rn)));
    return true;
}

/* C6.2.118 LDADD etc.; the ST<op> aliases when the result register is ZR and there is no acquire */
static bool fmt_ATOMIC(Dis *d)
{
    static const char *const ops[8] = { "add", "clr", "eor", "set", "smax", "smin", "umax", "umin" };
    unsigned size = f(size), rt = f(rt);
    bool a = f(a), r = f(r), x = size == 3;
    if (rt == 31 && !a) {
        out(d, "st%s%s%s %s, [%s]", ops[f(op)], r ? "l" : "", size_suffix[size], R(f(rs), x), XS(f(rn)));
    } else {
        out(d, "ld%s%s%s%s %s, %s, [%s]", ops[f(op)], a ? "a" : "", r ? "l" : "", size_suffix[size], R(f(rs), x),
            R(rt, x), XS(f(rn)));
    }
    return true;
}

static bool fmt_SWP(Dis *d)
{
    unsigned size = f(size);
    bool x = size == 3;
    out(d, "swp%s%s%s %s, %s, [%s]", f(a) ? "a" : "", f(r) ? "l" : "", size_suffix[size], R(f(rs), x), R(f(rt), x),
        XS(f(rn)));
    return true;
}

/* ---- data processing, register -------------------------------------------- */

static bool fmt_DIV(Dis *d)
{
    bool sf = f(sf);
    out(d, "%s %s, %s, %s", f(sign) ? "sdiv" : "udiv", R(f(rd), sf), R(f(rn), sf), R(f(rm), sf));
    return true;
}

static bool fmt_SHIFTV(Dis *d)
{
    bool sf = f(sf);
    out(d, "%s %s, %s, %s", shift_names[f(shift_type)], R(f(rd), sf), R(f(rn), sf), R(f(rm), sf));
    return true;
}

static bool fmt_CRC32(Dis *d)
{
    unsigned sz = f(sz);
    out(d, "crc32%s%c %s, %s, %s", f(c) ? "c" : "", "bhwx"[sz], R(f(rd), false), R(f(rn), false),
        R(f(rm), sz == 3));
    return true;
}

static bool unary(Dis *d, const char *name)
{
    bool sf = f(sf);
    out(d, "%s %s, %s", name, R(f(rd), sf), R(f(rn), sf));
    return true;
}

static bool fmt_RBIT(Dis *d)
{
    return unary(d, "rbit");
}

static bool fmt_CLZ(Dis *d)
{
    return unary(d, "clz");
}

static bool fmt_CLS(Dis *d)
{
    return unary(d, "cls");
}

static bool fmt_REV(Dis *d)
{
    unsigned opc = f(opc);
    return unary(d, opc == 1 ? "rev16" : (opc == 2 && f(sf)) ? "rev32" : "rev");
}

static void out_shift(Dis *d, unsigned shift, unsigned amount)
{
    if (shift || amount) {
        out(d, ", %s #%u", shift_names[shift], amount);
    }
}

/* C6.2.13 AND (shifted register) .. BICS; MOV (register), MVN, TST */
static bool fmt_LOGIC_r(Dis *d)
{
    static const char *const names[2][4] = { { "and", "orr", "eor", "ands" }, { "bic", "orn", "eon", "bics" } };
    bool sf = f(sf), n = f(n);
    unsigned opc = f(opc), rd = f(rd), rn = f(rn), rm = f(rm), shift = f(shift), imm = f(imm);
    if (opc == 1 && rn == 31 && !n && !shift && !imm) {
        out(d, "mov %s, %s", R(rd, sf), R(rm, sf));
        return true;
    }
    if (opc == 1 && rn == 31 && n) {
        out(d, "mvn %s, %s", R(rd, sf), R(rm, sf));
    } else if (opc == 3 && rd == 31 && !n) {
        out(d, "tst %s, %s", R(rn, sf), R(rm, sf));
    } else {
        out(d, "%s %s, %s, %s", names[n][opc], R(rd, sf), R(rn, sf), R(rm, sf));
    }
    out_shift(d, shift, imm);
    return true;
}

/* C6.2.5 ADD (shifted register) .. SUBS; NEG, NEGS, CMP, CMN */
static bool fmt_ADDSUB_r(Dis *d)
{
    bool sf = f(sf), op = f(op), s = f(s);
    unsigned rd = f(rd), rn = f(rn), rm = f(rm), shift = f(shift), imm = f(imm);
    if (shift == 3) {
        return false;
    }
    if (s && rd == 31) {
        out(d, "%s %s, %s", op ? "cmp" : "cmn", R(rn, sf), R(rm, sf));
    } else if (op && rn == 31) {
        out(d, "neg%s %s, %s", s ? "s" : "", R(rd, sf), R(rm, sf));
    } else {
        out(d, "%s%s %s, %s, %s", op ? "sub" : "add", s ? "s" : "", R(rd, sf), R(rn, sf), R(rm, sf));
    }
    out_shift(d, shift, imm);
    return true;
}

/* C6.2.3 ADD (extended register) .. SUBS; CMP, CMN */
static bool fmt_ADDSUB_ext(Dis *d)
{
    bool sf = f(sf), op = f(op), s = f(s);
    unsigned rd = f(rd), rn = f(rn), rm = f(rm), option = f(option), imm = f(imm);
    if (imm > 4) {
        return false;
    }
    const char *m = R(rm, sf && (option & 3) == 3);
    if (s && rd == 31) {
        out(d, "%s %s, %s", op ? "cmp" : "cmn", RS(rn, sf), m);
    } else {
        out(d, "%s%s %s, %s, %s", op ? "sub" : "add", s ? "s" : "", s ? R(rd, sf) : RS(rd, sf), RS(rn, sf), m);
    }
    bool sp_form = (rn == 31 || (rd == 31 && !s)) && option == (sf ? 3u : 2u);
    if (sp_form) {
        if (imm) {
            out(d, ", lsl #%u", imm);
        }
    } else if (imm) {
        out(d, ", %s #%u", extend_names[option], imm);
    } else {
        out(d, ", %s", extend_names[option]);
    }
    return true;
}

/* C6.2.1 ADC .. SBCS; NGC, NGCS */
static bool fmt_ADC(Dis *d)
{
    bool sf = f(sf), op = f(op), s = f(s);
    unsigned rn = f(rn);
    if (op && rn == 31) {
        out(d, "ngc%s %s, %s", s ? "s" : "", R(f(rd), sf), R(f(rm), sf));
    } else {
        out(d, "%s%s %s, %s, %s", op ? "sbc" : "adc", s ? "s" : "", R(f(rd), sf), R(rn, sf), R(f(rm), sf));
    }
    return true;
}

static bool fmt_CCMP(Dis *d)
{
    bool sf = f(sf);
    out(d, "%s %s, ", f(op) ? "ccmp" : "ccmn", R(f(rn), sf));
    if (f(imm_form)) {
        out(d, "#0x%x", (unsigned)f(y));
    } else {
        out(d, "%s", R(f(y), sf));
    }
    out(d, ", #0x%x, %s", (unsigned)f(nzcv), cond_names[f(cond)]);
    return true;
}

/* C6.2.69 CSEL family; CSET, CSETM, CINC, CINV, CNEG */
static bool fmt_CSEL(Dis *d)
{
    bool sf = f(sf), inv = f(inv), inc = f(inc);
    unsigned rd = f(rd), rn = f(rn), rm = f(rm), cond = f(cond);
    static const char *const names[2][2] = { { "csel", "csinc" }, { "csinv", "csneg" } };
    if ((inv || inc) && rn == rm && cond < 14) {
        const char *ic = cond_names[cond ^ 1];
        if (rn == 31 && !(inv && inc)) {
            out(d, "%s %s, %s", inv ? "csetm" : "cset", R(rd, sf), ic);
        } else {
            out(d, "%s %s, %s, %s", inv && inc ? "cneg" : inv ? "cinv" : "cinc", R(rd, sf), R(rn, sf), ic);
        }
        return true;
    }
    out(d, "%s %s, %s, %s, %s", names[inv][inc], R(rd, sf), R(rn, sf), R(rm, sf), cond_names[cond]);
    return true;
}

static bool fmt_MADD(Dis *d)
{
    bool sf = f(sf), sub = f(sub);
    unsigned ra = f(ra);
    if (ra == 31) {
        out(d, "%s %s, %s, %s", sub ? "mneg" : "mul", R(f(rd), sf), R(f(rn), sf), R(f(rm), sf));
    } else {
        out(d, "%s %s, %s, %s, %s", sub ? "msub" : "madd", R(f(rd), sf), R(f(rn), sf), R(f(rm), sf), R(ra, sf));
    }
    return true;
}

static bool fmt_MADDL(Dis *d)
{
    bool sub = f(sub);
    char u = f(u) ? 'u' : 's';
    unsigned ra = f(ra);
    if (ra == 31) {
        out(d, "%c%s %s, %s, %s", u, sub ? "mnegl" : "mull", X(f(rd)), R(f(rn), false), R(f(rm), false));
    } else {
        out(d, "%c%s %s, %s, %s, %s", u, sub ? "msubl" : "maddl", X(f(rd)), R(f(rn), false), R(f(rm), false),
            X(ra));
    }
    return true;
}

static bool fmt_MULH(Dis *d)
{
    out(d, "%cmulh %s, %s, %s", f(u) ? 'u' : 's', X(f(rd)), X(f(rn)), X(f(rm)));
    return true;
}

/* ---- scalar floating point ---------------------------------------------- */

/* FP register letter for ftype (00 s, 01 d, 11 h); 0 for the reserved 10. */
static char ftype_letter(unsigned ftype)
{
    return "sd\0h"[ftype & 3];
}

#define FT(d) ftype_letter(f(ftype))

static bool fp_1src(Dis *d, const char *name)
{
    char t = FT(d);
    if (!t) {
        return false;
    }
    out(d, "%s %c%u, %c%u", name, t, (unsigned)f(rd), t, (unsigned)f(rn));
    return true;
}

static bool fmt_FMOV_reg(Dis *d)
{
    return fp_1src(d, "fmov");
}

static bool fmt_FABS_s(Dis *d)
{
    return fp_1src(d, "fabs");
}

static bool fmt_FNEG_s(Dis *d)
{
    return fp_1src(d, "fneg");
}

static bool fmt_FSQRT_s(Dis *d)
{
    return fp_1src(d, "fsqrt");
}

static bool fmt_FRINT_s(Dis *d)
{
    unsigned rm = f(rm);
    char name[8];
    if (rm == 5) {
        return false;
    }
    snprintf(name, sizeof(name), "frint%c", "npmza?xi"[rm]);
    return fp_1src(d, name);
}

static bool fmt_FRINTN_s(Dis *d)
{
    char name[12];
    snprintf(name, sizeof(name), "frint%s%c", f(n64) ? "64" : "32", f(x) ? 'x' : 'z');
    return fp_1src(d, name);
}

static bool fmt_FCVT_s(Dis *d)
{
    char from = FT(d), to = ftype_letter(f(opc));
    if (!from || !to || from == to) {
        return false;
    }
    out(d, "fcvt %c%u, %c%u", to, (unsigned)f(rd), from, (unsigned)f(rn));
    return true;
}

static bool fmt_FP_2src(Dis *d)
{
    static const char *const names[9] = { "fmul", "fdiv", "fadd", "fsub", "fmax", "fmin", "fmaxnm", "fminnm",
                                          "fnmul" };
    unsigned op = f(opcode);
    char t = FT(d);
    if (op > 8 || !t) {
        return false;
    }
    out(d, "%s %c%u, %c%u, %c%u", names[op], t, (unsigned)f(rd), t, (unsigned)f(rn), t, (unsigned)f(rm));
    return true;
}

static bool fmt_FP_3src(Dis *d)
{
    static const char *const names[4] = { "fmadd", "fmsub", "fnmadd", "fnmsub" };
    char t = FT(d);
    if (!t) {
        return false;
    }
    out(d, "%s %c%u, %c%u, %c%u, %c%u", names[f(o1) << 1 | f(o0)], t, (unsigned)f(rd), t, (unsigned)f(rn), t,
        (unsigned)f(rm), t, (unsigned)f(ra));
    return true;
}

static bool fmt_FCMP(Dis *d)
{
    char t = FT(d);
    if (!t) {
        return false;
    }
    out(d, "%s %c%u, ", f(e) ? "fcmpe" : "fcmp", t, (unsigned)f(rn));
    if (f(z)) {
        out(d, "#0.0");
    } else {
        out(d, "%c%u", t, (unsigned)f(rm));
    }
    return true;
}

static bool fmt_FCCMP(Dis *d)
{
    char t = FT(d);
    if (!t) {
        return false;
    }
    out(d, "%s %c%u, %c%u, #0x%x, %s", f(e) ? "fccmpe" : "fccmp", t, (unsigned)f(rn), t, (unsigned)f(rm),
        (unsigned)f(nzcv), cond_names[f(cond)]);
    return true;
}

static bool fmt_FCSEL(Dis *d)
{
    char t = FT(d);
    if (!t) {
        return false;
    }
    out(d, "fcsel %c%u, %c%u, %c%u, %s", t, (unsigned)f(rd), t, (unsigned)f(rn), t, (unsigned)f(rm),
        cond_names[f(cond)]);
    return true;
}

static bool fmt_FMOV_imm(Dis *d)
{
    char t = FT(d);
    if (!t) {
        return false;
    }
    out(d, "fmov %c%u, ", t, (unsigned)f(rd));
    out_fpimm(d, f(imm));
    return true;
}

/* FMOV (general): W<->S/H, X<->D/H, X<->V.D[1]; FJCVTZS shares the encoding space */
static bool fmov_gpr(Dis *d, bool to_gpr)
{
    bool sf = f(sf);
    unsigned ftype = f(ftype), rmode = f(rmode), rd = f(rd), rn = f(rn);
    char fpr[16];
    if (to_gpr && !sf && ftype == 1 && rmode == 3) {
        out(d, "fjcvtzs %s, d%u", R(rd, false), rn);
        return true;
    }
    unsigned fp = to_gpr ? rn : rd, gp = to_gpr ? rd : rn;
    if (rmode == 0 && ((ftype == 0 && !sf) || (ftype == 1 && sf) || ftype == 3)) {
        snprintf(fpr, sizeof(fpr), "%c%u", ftype_letter(ftype), fp);
    } else if (rmode == 1 && ftype == 2 && sf) {
        snprintf(fpr, sizeof(fpr), "v%u.d[1]", fp);
    } else {
        return false;
    }
    if (to_gpr) {
        out(d, "fmov %s, %s", R(gp, sf), fpr);
    } else {
        out(d, "fmov %s, %s", fpr, R(gp, sf));
    }
    return true;
}

static bool fmt_FMOV_to_gpr(Dis *d)
{
    return fmov_gpr(d, true);
}

static bool fmt_FMOV_from_gpr(Dis *d)
{
    return fmov_gpr(d, false);
}

static bool fp_to_int(Dis *d, char rounding, bool u, int fbits)
{
    char t = FT(d);
    if (!t) {
        return false;
    }
    out(d, "fcvt%c%c %s, %c%u", rounding, u ? 'u' : 's', R(f(rd), f(sf)), t, (unsigned)f(rn));
    if (fbits >= 0) {
        out(d, ", #%d", fbits);
    }
    return true;
}

static bool int_to_fp(Dis *d, bool u, int fbits)
{
    char t = FT(d);
    if (!t) {
        return false;
    }
    out(d, "%ccvtf %c%u, %s", u ? 'u' : 's', t, (unsigned)f(rd), R(f(rn), f(sf)));
    if (fbits >= 0) {
        out(d, ", #%d", fbits);
    }
    return true;
}

static bool fmt_FCVT_int(Dis *d)
{
    return fp_to_int(d, "npmz"[f(rmode)], f(u), -1);
}

static bool fmt_FCVTA_int(Dis *d)
{
    return fp_to_int(d, 'a', f(u), -1);
}

static bool fmt_CVTF_int(Dis *d)
{
    return int_to_fp(d, f(u), -1);
}

static bool fixed_fbits(Dis *d, int *fbits)
{
    unsigned scale = f(scale);
    if (!f(sf) && scale < 32) {
        return false;
    }
    *fbits = 64 - (int)scale;
    return true;
}

static bool fmt_FCVTZ_fixed(Dis *d)
{
    int fbits;
    return fixed_fbits(d, &fbits) && fp_to_int(d, 'z', f(u), fbits);
}

static bool fmt_CVTF_fixed(Dis *d)
{
    int fbits;
    return fixed_fbits(d, &fbits) && int_to_fp(d, f(u), fbits);
}

/* ---- AdvSIMD floating point --------------------------------------------- */

/* FP vector arrangement: h (FP16) 4h/8h, else 2s/4s or 2d (1d is reserved). */
static const char *fp_arr(Dis *d)
{
    bool q = f(q);
    if (f(h)) {
        return q ? "8h" : "4h";
    }
    if (f(sz)) {
        return q ? "2d" : NULL;
    }
    return q ? "4s" : "2s";
}

static char fp_scalar(Dis *d)
{
    return f(h) ? 'h' : f(sz) ? 'd' : 's';
}

/* Operands "vd.T, vn.T[, vm.T]" or, for scalar forms, "Td, Tn[, Tm]". */
static bool vec_ops(Dis *d, const char *name, bool scalar, char st, const char *t, int nregs)
{
    unsigned regs[3] = { f(rd), f(rn), f(rm) };
    if (!scalar && !t) {
        return false;
    }
    out(d, "%s ", name);
    for (int i = 0; i < nregs; i++) {
        if (scalar) {
            out(d, "%s%c%u", i ? ", " : "", st, regs[i]);
        } else {
            out(d, "%sv%u.%s", i ? ", " : "", regs[i], t);
        }
    }
    return true;
}

static const char *const fp_3same_names[32] = {
    "fmaxnm", "fmla", "fadd", "fmulx", "fcmeq", NULL, "fmax", "frecps",
    "fminnm", "fmls", "fsub", NULL, NULL, NULL, "fmin", "frsqrts",
    "fmaxnmp", NULL, "faddp", "fmul", "fcmge", "facge", "fmaxp", "fdiv",
    "fminnmp", NULL, "fabd", NULL, "fcmgt", "facgt", "fminp", NULL,
};

static bool fmt_FP_3same(Dis *d)
{
    const char *name = fp_3same_names[f(u) << 4 | f(a) << 3 | f(opc)];
    return name && vec_ops(d, name, false, 0, fp_arr(d), 3);
}

static bool fmt_FP_3same_s(Dis *d)
{
    unsigned op = f(u) << 4 | f(a) << 3 | f(opc);
    const char *name = fp_3same_names[op];
    /* Scalar forms: FMULX, FCMEQ, FRECPS, FRSQRTS, FCMGE, FACGE, FABD, FCMGT, FACGT. */
    static const uint32_t scalar_ok = 1u << 3 | 1u << 4 | 1u << 7 | 1u << 15 | 1u << 20 | 1u << 21 | 1u << 26 |
                                      1u << 28 | 1u << 29;
    return name && (scalar_ok >> op & 1) && vec_ops(d, name, true, fp_scalar(d), NULL, 3);
}

static bool fmt_FCVTN_v(Dis *d)
{
    bool q = f(q), sz = f(sz), u = f(u);
    if (u && !sz) {
        return false;
    }
    out(d, "%s%s v%u.%s, v%u.%s", u ? "fcvtxn" : "fcvtn", q ? "2" : "", (unsigned)f(rd), arr(sz ? 2 : 1, q),
        (unsigned)f(rn), sz ? "2d" : "4s");
    return true;
}

static bool fmt_FCVTL_v(Dis *d)
{
    bool q = f(q), sz = f(sz);
    out(d, "fcvtl%s v%u.%s, v%u.%s", q ? "2" : "", (unsigned)f(rd), sz ? "2d" : "4s", (unsigned)f(rn),
        arr(sz ? 2 : 1, q));
    return true;
}

static bool fmt_FCVTXN_s(Dis *d)
{
    out(d, "fcvtxn s%u, d%u", (unsigned)f(rd), (unsigned)f(rn));
    return true;
}

static bool fmt_FABSNEG_v(Dis *d)
{
    return vec_ops(d, f(u) ? "fneg" : "fabs", false, 0, fp_arr(d), 2);
}

static bool fmt_FSQRT_v(Dis *d)
{
    return vec_ops(d, "fsqrt", false, 0, fp_arr(d), 2);
}

static bool fcmz(Dis *d, bool scalar)
{
    static const char *const names[2][3] = { { "fcmgt", "fcmeq", "fcmlt" }, { "fcmge", "fcmle", NULL } };
    unsigned op = f(op);
    const char *name = op < 3 ? names[f(u)][op] : NULL;
    if (!name || !vec_ops(d, name, scalar, fp_scalar(d), fp_arr(d), 2)) {
        return false;
    }
    out(d, ", #0.0");
    return true;
}

static bool fmt_FCMZ_v(Dis *d)
{
    return fcmz(d, false);
}

static bool fmt_FCMZ_s(Dis *d)
{
    return fcmz(d, true);
}

/* Two-register misc, opcodes 11000..11111, by U:a:opcode<2:0>; NULL = unallocated. */
static const char *const fp_2misc_names[32] = {
    "frintn", "frintm", "fcvtns", "fcvtms", "fcvtas", "scvtf", "frint32z", "frint64z",
    "frintp", "frintz", "fcvtps", "fcvtzs", "urecpe", "frecpe", NULL, "frecpx",
    "frinta", "frintx", "fcvtnu", "fcvtmu", "fcvtau", "ucvtf", "frint32x", "frint64x",
    NULL, "frinti", "fcvtpu", "fcvtzu", "ursqrte", "frsqrte", NULL, "fsqrt",
};

static bool fp_2misc(Dis *d, bool scalar)
{
    unsigned op = f(u) << 4 | f(a) << 3 | f(opc);
    const char *name = fp_2misc_names[op];
    bool frint = (op & 0xf) <= 1 || op == 9 || (op & 7) >= 6;   /* rounding: vector only */
    if (!name || (scalar && (frint || op == 12 || op == 28)) || (!scalar && op == 15)) {
        return false;
    }
    if ((op == 12 || op == 28) && (f(sz) || f(h))) {
        return false;
    }
    return vec_ops(d, name, scalar, fp_scalar(d), fp_arr(d), 2);
}

static bool fmt_FP_2misc_v(Dis *d)
{
    return fp_2misc(d, false);
}

static bool fmt_FP_2misc_s(Dis *d)
{
    return fp_2misc(d, true);
}

static bool fmt_FP_reduce(Dis *d)
{
    unsigned opc = f(opc);
    bool a = f(a), h = f(h), q = f(q);
    const char *name = opc == 0 ? (a ? "fminnmv" : "fmaxnmv") : opc == 3 ? (a ? "fminv" : "fmaxv") : NULL;
    if (!name || (!h && (f(sz) || !q))) {
        return false;
    }
    out(d, "%s %c%u, v%u.%s", name, h ? 'h' : 's', (unsigned)f(rd), (unsigned)f(rn), h ? arr(1, q) : "4s");
    return true;
}

static bool fmt_FP_pair_s(Dis *d)
{
    unsigned opc = f(opc);
    bool a = f(a), h = f(h), sz = f(sz);
    static const char *const names[2][4] = { { "fmaxnmp", "faddp", NULL, "fmaxp" },
                                             { "fminnmp", NULL, NULL, "fminp" } };
    const char *name = names[a][opc];
    if (!name) {
        return false;
    }
    char t = h ? 'h' : sz ? 'd' : 's';
    out(d, "%s %c%u, v%u.%s", name, t, (unsigned)f(rd), (unsigned)f(rn), h ? "2h" : sz ? "2d" : "2s");
    return true;
}

static bool fmt_FP_elem(Dis *d)
{
    bool h = f(h), sz = f(sz), u = f(u), scalar = f(scalar);
    unsigned hi = f(hi), l = f(l), m = f(m), rm = f(rm), index, reg;
    const char *name = f(mul) ? (u ? "fmulx" : "fmul") : (f(o2) ? "fmls" : "fmla");
    if (!f(mul) && u) {
        return false;
    }
    if (h) {
        index = hi << 2 | l << 1 | m;
        reg = rm;
    } else if (sz) {
        if (l) {
            return false;
        }
        index = hi;
        reg = m << 4 | rm;
    } else {
        index = hi << 1 | l;
        reg = m << 4 | rm;
    }
    char et = h ? 'h' : sz ? 'd' : 's';
    if (scalar) {
        out(d, "%s %c%u, %c%u, v%u.%c[%u]", name, et, (unsigned)f(rd), et, (unsigned)f(rn), reg, et, index);
    } else {
        const char *t = fp_arr(d);
        if (!t) {
            return false;
        }
        out(d, "%s v%u.%s, v%u.%s, v%u.%c[%u]", name, (unsigned)f(rd), t, (unsigned)f(rn), t, reg, et, index);
    }
    return true;
}

static bool fmt_FP_fixed_v(Dis *d)
{
    unsigned esz = f(esz), esize = 8u << esz, imm = f(imm);
    bool u = f(u), q = f(q);
    const char *name = f(tozero) ? (u ? "fcvtzu" : "fcvtzs") : (u ? "ucvtf" : "scvtf");
    unsigned fbits = esize - imm;
    if (f(scalar)) {
        out(d, "%s %c%u, %c%u, #%u", name, size_letter[esz], (unsigned)f(rd), size_letter[esz], (unsigned)f(rn),
            fbits);
        return true;
    }
    if (esz == 3 && !q) {
        return false;
    }
    out(d, "%s v%u.%s, v%u.%s, #%u", name, (unsigned)f(rd), arr(esz, q), (unsigned)f(rn), arr(esz, q), fbits);
    return true;
}

static bool fmt_FMOV_v_h(Dis *d)
{
    out(d, "fmov v%u.%s, ", (unsigned)f(rd), f(q) ? "8h" : "4h");
    out_fpimm(d, f(imm));
    return true;
}

/* ---- AdvSIMD integer -------------------------------------------------------- */

/* Integer vector arrangement; NULL for the reserved 1d unless allowed. */
static const char *int_arr(Dis *d)
{
    unsigned size = f(size);
    bool q = f(q);
    return (size == 3 && !q) ? NULL : arr(size, q);
}

/*
 * A three-same or two-misc instruction with vector and scalar forms; vsz and
 * ssz are the element sizes (bit n: size n) the vector and scalar forms allow.
 */
#define SZ_ALL 0xfu
#define SZ_BHS 0x7u
#define SZ_HS 0x6u
#define SZ_D 0x8u
static bool same_sz(Dis *d, const char *name, int nregs, unsigned vsz, unsigned ssz)
{
    bool sc = f(sc);
    if (!((sc ? ssz : vsz) >> f(size) & 1)) {
        return false;
    }
    return vec_ops(d, name, sc, size_letter[f(size)], int_arr(d), nregs);
}

static bool same(Dis *d, const char *name, int nregs)
{
    return same_sz(d, name, nregs, SZ_ALL, SZ_ALL);
}

#define PAIR(u0, u1) (f(u) ? (u1) : (u0))

static bool fmt_HADD(Dis *d)
{
    return same_sz(d, PAIR("shadd", "uhadd"), 3, SZ_BHS, 0);
}

static bool fmt_QADD(Dis *d)
{
    return same(d, PAIR("sqadd", "uqadd"), 3);
}

static bool fmt_RHADD(Dis *d)
{
    return same_sz(d, PAIR("srhadd", "urhadd"), 3, SZ_BHS, 0);
}

static bool fmt_HSUB(Dis *d)
{
    return same_sz(d, PAIR("shsub", "uhsub"), 3, SZ_BHS, 0);
}

static bool fmt_QSUB(Dis *d)
{
    return same(d, PAIR("sqsub", "uqsub"), 3);
}

static bool fmt_CMGT(Dis *d)
{
    return same_sz(d, PAIR("cmgt", "cmhi"), 3, SZ_ALL, SZ_D);
}

static bool fmt_CMGE(Dis *d)
{
    return same_sz(d, PAIR("cmge", "cmhs"), 3, SZ_ALL, SZ_D);
}

static bool fmt_SHL_r(Dis *d)
{
    static const char *const names[2][4] = { { "sshl", "sqshl", "srshl", "sqrshl" },
                                             { "ushl", "uqshl", "urshl", "uqrshl" } };
    unsigned op = f(op);
    /* The saturating shifts have every scalar size, the others only D. */
    return same_sz(d, names[f(u)][op], 3, SZ_ALL, (op & 1) ? SZ_ALL : SZ_D);
}

static bool fmt_MAX(Dis *d)
{
    return same_sz(d, PAIR("smax", "umax"), 3, SZ_BHS, 0);
}

static bool fmt_MIN(Dis *d)
{
    return same_sz(d, PAIR("smin", "umin"), 3, SZ_BHS, 0);
}

static bool fmt_ABD(Dis *d)
{
    return same_sz(d, PAIR("sabd", "uabd"), 3, SZ_BHS, 0);
}

static bool fmt_ABA(Dis *d)
{
    return same_sz(d, PAIR("saba", "uaba"), 3, SZ_BHS, 0);
}

static bool fmt_ADDSUB_v(Dis *d)
{
    return same_sz(d, PAIR("add", "sub"), 3, SZ_ALL, SZ_D);
}

static bool fmt_CMTST(Dis *d)
{
    return same_sz(d, PAIR("cmtst", "cmeq"), 3, SZ_ALL, SZ_D);
}

static bool fmt_MLA(Dis *d)
{
    return same_sz(d, PAIR("mla", "mls"), 3, SZ_BHS, 0);
}

static bool fmt_MUL(Dis *d)
{
    return same_sz(d, PAIR("mul", "pmul"), 3, f(u) ? 1u : SZ_BHS, 0);
}

static bool fmt_MAXP(Dis *d)
{
    return same_sz(d, PAIR("smaxp", "umaxp"), 3, SZ_BHS, 0);
}

static bool fmt_MINP(Dis *d)
{
    return same_sz(d, PAIR("sminp", "uminp"), 3, SZ_BHS, 0);
}

static bool fmt_QDMULH(Dis *d)
{
    return same_sz(d, PAIR("sqdmulh", "sqrdmulh"), 3, SZ_HS, SZ_HS);
}

static bool fmt_ADDP(Dis *d)
{
    return same_sz(d, "addp", 3, SZ_ALL, 0);
}

static bool fmt_QRDMLAH(Dis *d)
{
    return same_sz(d, f(sub) ? "sqrdmlsh" : "sqrdmlah", 3, SZ_HS, SZ_HS);
}

static bool fmt_LOGIC_v(Dis *d)
{
    static const char *const names[2][4] = { { "and", "bic", "orr", "orn" }, { "eor", "bsl", "bit", "bif" } };
    unsigned op = f(op);
    const char *t = f(q) ? "16b" : "8b";
    if (!f(u) && op == 2 && f(rn) == f(rm)) {
        out(d, "mov v%u.%s, v%u.%s", (unsigned)f(rd), t, (unsigned)f(rn), t);
        return true;
    }
    return vec_ops(d, names[f(u)][op], false, 0, t, 3);
}

static bool fmt_DOT(Dis *d)
{
    bool q = f(q);
    if (f(size) != 2) {
        return false;
    }
    out(d, "%s v%u.%s, v%u.%s, v%u.%s", PAIR("sdot", "udot"), (unsigned)f(rd), q ? "4s" : "2s", (unsigned)f(rn),
        q ? "16b" : "8b", (unsigned)f(rm), q ? "16b" : "8b");
    return true;
}

/* Three different: names by op and U. */
static const char *const long3_names[15][2] = {
    { "saddl", "uaddl" }, { "saddw", "uaddw" }, { "ssubl", "usubl" }, { "ssubw", "usubw" },
    { "addhn", "raddhn" }, { "sabal", "uabal" }, { "subhn", "rsubhn" }, { "sabdl", "uabdl" },
    { "smlal", "umlal" }, { "sqdmlal", NULL }, { "smlsl", "umlsl" }, { "sqdmlsl", NULL },
    { "smull", "umull" }, { "sqdmull", NULL }, { "pmull", NULL },
};

static bool fmt_LONG3(Dis *d)
{
    unsigned op = f(op), size = f(size);
    bool q = f(q);
    const char *name = long3_names[op][f(u)];
    bool sat = op == 9 || op == 11 || op == 13;
    if (!name || (op == 14 ? (size == 1 || size == 2) : size == 3) || (sat && size == 0)) {
        return false;
    }
    if (f(sc)) {
        if (size == 0) {
            return false;
        }
        out(d, "%s %c%u, %c%u, %c%u", name, size_letter[size + 1], (unsigned)f(rd), size_letter[size],
            (unsigned)f(rn), size_letter[size], (unsigned)f(rm));
        return true;
    }
    const char *wide = size == 3 ? "1q" : arr(size + 1, 1), *narrow = arr(size, q);
    const char *td = wide, *tn = narrow, *tm = narrow;
    if (op == 1 || op == 3) {
        tn = wide;
    } else if (op == 4 || op == 6) {
        td = narrow;
        tn = tm = wide;
    }
    out(d, "%s%s v%u.%s, v%u.%s, v%u.%s", name, q ? "2" : "", (unsigned)f(rd), td, (unsigned)f(rn), tn,
        (unsigned)f(rm), tm);
    return true;
}

static bool fmt_VREV(Dis *d)
{
    static const char *const names[3] = { "rev64", "rev32", "rev16" };
    return same_sz(d, names[f(op)], 2, f(op) == 0 ? SZ_BHS : f(op) == 1 ? 3u : 1u, 0);
}

static bool fmt_ADDLP(Dis *d)
{
    unsigned size = f(size);
    bool q = f(q);
    const char *name = f(acc) ? PAIR("sadalp", "uadalp") : PAIR("saddlp", "uaddlp");
    if (size == 3) {
        return false;
    }
    out(d, "%s v%u.%s, v%u.%s", name, (unsigned)f(rd), arr(size + 1, q), (unsigned)f(rn), arr(size, q));
    return true;
}

static bool fmt_SUQADD(Dis *d)
{
    return same(d, PAIR("suqadd", "usqadd"), 2);
}

static bool fmt_VCLZ(Dis *d)
{
    return same_sz(d, PAIR("cls", "clz"), 2, SZ_BHS, 0);
}

static bool fmt_CNT(Dis *d)
{
    return same_sz(d, "cnt", 2, 1u, 0);
}

static bool fmt_NOT(Dis *d)
{
    return vec_ops(d, "mvn", false, 0, f(q) ? "16b" : "8b", 2);
}

static bool fmt_VRBIT(Dis *d)
{
    return vec_ops(d, "rbit", false, 0, f(q) ? "16b" : "8b", 2);
}

static bool fmt_QABS(Dis *d)
{
    return same(d, PAIR("sqabs", "sqneg"), 2);
}

static bool fmt_CMP0(Dis *d)
{
    static const char *const names[5] = { "cmgt", "cmge", "cmeq", "cmle", "cmlt" };
    if (!same_sz(d, names[f(op)], 2, SZ_ALL, SZ_D)) {
        return false;
    }
    out(d, ", #0");
    return true;
}

static bool fmt_ABS(Dis *d)
{
    return same_sz(d, PAIR("abs", "neg"), 2, SZ_ALL, SZ_D);
}

static bool fmt_XTN(Dis *d)
{
    static const char *const names[4] = { "xtn", "sqxtun", "sqxtn", "uqxtn" };
    unsigned size = f(size);
    bool q = f(q);
    if (size == 3) {
        return false;
    }
    if (f(sc)) {
        out(d, "%s %c%u, %c%u", names[f(op)], size_letter[size], (unsigned)f(rd), size_letter[size + 1],
            (unsigned)f(rn));
    } else {
        out(d, "%s%s v%u.%s, v%u.%s", names[f(op)], q ? "2" : "", (unsigned)f(rd), arr(size, q), (unsigned)f(rn),
            arr(size + 1, 1));
    }
    return true;
}

static bool fmt_SHLL(Dis *d)
{
    unsigned size = f(size);
    bool q = f(q);
    if (size == 3) {
        return false;
    }
    out(d, "shll%s v%u.%s, v%u.%s, #%u", q ? "2" : "", (unsigned)f(rd), arr(size + 1, 1), (unsigned)f(rn),
        arr(size, q), 8u << size);
    return true;
}

static bool fmt_ACROSS(Dis *d)
{
    static const char *const names[4][2] = { { "saddlv", "uaddlv" }, { "smaxv", "umaxv" }, { "sminv", "uminv" },
                                             { "addv", "addv" } };
    unsigned op = f(op), size = f(size);
    bool q = f(q);
    if (size == 3 || (size == 2 && !q)) {
        return false;
    }
    out(d, "%s %c%u, v%u.%s", names[op][f(u)], size_letter[size + (op == 0)], (unsigned)f(rd), (unsigned)f(rn),
        arr(size, q));
    return true;
}

static bool fmt_ADDP_s(Dis *d)
{
    if (f(size) != 3) {
        return false;
    }
    out(d, "addp d%u, v%u.2d", (unsigned)f(rd), (unsigned)f(rn));
    return true;
}

/* By-element operand "vM.T[i]" for size 1 (h: H:L:M, 4-bit Rm) or 2 (s: H:L, M:Rm). */
static bool elem_index(Dis *d, unsigned size, unsigned *reg, unsigned *index)
{
    unsigned h = f(h), l = f(l), m = f(m), rm = f(rm);
    if (size == 1) {
        *index = h << 2 | l << 1 | m;
        *reg = rm;
        return true;
    }
    if (size == 2) {
        *index = h << 1 | l;
        *reg = m << 4 | rm;
        return true;
    }
    return false;
}

static bool fmt_IDX_SAME(Dis *d)
{
    static const char *const names[7] = { "mla", "mls", "mul", "sqdmulh", "sqrdmulh", "sqrdmlah", "sqrdmlsh" };
    unsigned op = f(op), size = f(size), reg, index;
    bool q = f(q);
    if (op == 7) {
        if (size != 2 || !elem_index(d, 2, &reg, &index)) {
            return false;
        }
        out(d, "%s v%u.%s, v%u.%s, v%u.4b[%u]", PAIR("sdot", "udot"), (unsigned)f(rd), q ? "4s" : "2s",
            (unsigned)f(rn), q ? "16b" : "8b", reg, index);
        return true;
    }
    if (!elem_index(d, size, &reg, &index)) {
        return false;
    }
    char et = size_letter[size];
    if (f(sc)) {
        out(d, "%s %c%u, %c%u, v%u.%c[%u]", names[op], et, (unsigned)f(rd), et, (unsigned)f(rn), reg, et, index);
    } else {
        out(d, "%s v%u.%s, v%u.%s, v%u.%c[%u]", names[op], (unsigned)f(rd), arr(size, q), (unsigned)f(rn),
            arr(size, q), reg, et, index);
    }
    return true;
}

static bool fmt_IDX_LONG(Dis *d)
{
    unsigned op = f(op), size = f(size), reg, index;
    bool q = f(q);
    const char *name = long3_names[op][f(u)];
    if (!name || !elem_index(d, size, &reg, &index)) {
        return false;
    }
    char et = size_letter[size];
    if (f(sc)) {
        out(d, "%s %c%u, %c%u, v%u.%c[%u]", name, size_letter[size + 1], (unsigned)f(rd), et, (unsigned)f(rn), reg,
            et, index);
    } else {
        out(d, "%s%s v%u.%s, v%u.%s, v%u.%c[%u]", name, q ? "2" : "", (unsigned)f(rd), arr(size + 1, 1),
            (unsigned)f(rn), arr(size, q), reg, et, index);
    }
    return true;
}

/* Shift by immediate: the element size is the highest set bit of immh. */
static bool shift_esize(Dis *d, unsigned *esz)
{
    unsigned immh = (unsigned)f(sh) >> 3;
    if (!immh) {
        return false;
    }
    *esz = immh >= 8 ? 3 : immh >= 4 ? 2 : immh >= 2 ? 1 : 0;
    return true;
}

static bool shift_imm(Dis *d, const char *name, bool right, bool scalar_any_size)
{
    unsigned esz, sh = f(sh);
    bool q = f(q);
    if (!shift_esize(d, &esz) || (f(sc) && !scalar_any_size && esz != 3)) {
        return false;
    }
    unsigned esize = 8u << esz, amount = right ? 2 * esize - sh : sh - esize;
    if (f(sc)) {
        out(d, "%s %c%u, %c%u, #%u", name, size_letter[esz], (unsigned)f(rd), size_letter[esz], (unsigned)f(rn),
            amount);
        return true;
    }
    if (esz == 3 && !q) {
        return false;
    }
    out(d, "%s v%u.%s, v%u.%s, #%u", name, (unsigned)f(rd), arr(esz, q), (unsigned)f(rn), arr(esz, q), amount);
    return true;
}

static bool fmt_SHR(Dis *d)
{
    return shift_imm(d, PAIR("sshr", "ushr"), true, false);
}

static bool fmt_SRA(Dis *d)
{
    return shift_imm(d, PAIR("ssra", "usra"), true, false);
}

static bool fmt_RSHR(Dis *d)
{
    return shift_imm(d, PAIR("srshr", "urshr"), true, false);
}

static bool fmt_RSRA(Dis *d)
{
    return shift_imm(d, PAIR("srsra", "ursra"), true, false);
}

static bool fmt_SRI(Dis *d)
{
    return shift_imm(d, "sri", true, false);
}

static bool fmt_SHL(Dis *d)
{
    return shift_imm(d, PAIR("shl", "sli"), false, false);
}

static bool fmt_SQSHLU(Dis *d)
{
    return shift_imm(d, "sqshlu", false, true);
}

static bool fmt_QSHL_i(Dis *d)
{
    return shift_imm(d, PAIR("sqshl", "uqshl"), false, true);
}

/* Narrowing shifts: the immh size is the destination's. */
static bool shift_narrow(Dis *d, const char *name)
{
    unsigned esz, sh = f(sh);
    bool q = f(q);
    if (!shift_esize(d, &esz) || esz == 3) {
        return false;
    }
    unsigned amount = 2 * (8u << esz) - sh;
    if (f(sc)) {
        out(d, "%s %c%u, %c%u, #%u", name, size_letter[esz], (unsigned)f(rd), size_letter[esz + 1],
            (unsigned)f(rn), amount);
    } else {
        out(d, "%s%s v%u.%s, v%u.%s, #%u", name, q ? "2" : "", (unsigned)f(rd), arr(esz, q), (unsigned)f(rn),
            arr(esz + 1, 1), amount);
    }
    return true;
}

static bool fmt_SHRN(Dis *d)
{
    return shift_narrow(d, f(rnd) ? "rshrn" : "shrn");
}

static bool fmt_SQSHRUN(Dis *d)
{
    return shift_narrow(d, f(rnd) ? "sqrshrun" : "sqshrun");
}

static bool fmt_QSHRN(Dis *d)
{
    bool u = f(u), rnd = f(rnd);
    return shift_narrow(d, u ? (rnd ? "uqrshrn" : "uqshrn") : (rnd ? "sqrshrn" : "sqshrn"));
}

/* SSHLL/USHLL, printed as SXTL/UXTL when the shift is 0 */
static bool fmt_SSHLL(Dis *d)
{
    unsigned esz, sh = f(sh);
    bool q = f(q), u = f(u);
    if (!shift_esize(d, &esz) || esz == 3) {
        return false;
    }
    unsigned amount = sh - (8u << esz);
    const char *q2 = q ? "2" : "";
    if (amount == 0) {
        out(d, "%s%s v%u.%s, v%u.%s", u ? "uxtl" : "sxtl", q2, (unsigned)f(rd), arr(esz + 1, 1), (unsigned)f(rn),
            arr(esz, q));
    } else {
        out(d, "%s%s v%u.%s, v%u.%s, #%u", u ? "ushll" : "sshll", q2, (unsigned)f(rd), arr(esz + 1, 1),
            (unsigned)f(rn), arr(esz, q), amount);
    }
    return true;
}

/* C7.2.204 MOVI / MVNI / ORR / BIC (vector, immediate) / FMOV (vector, immediate) */
static bool fmt_MOVI(Dis *d)
{
    unsigned cmode = f(cmode), imm = f(imm), rd = f(rd);
    bool op = f(op), q = f(q);
    if (cmode < 8 || (cmode & 0xc) == 8) {
        bool h = cmode >= 8;
        unsigned amount = ((cmode >> 1) & (h ? 1 : 3)) * 8;
        const char *name = (cmode & 1) ? (op ? "bic" : "orr") : (op ? "mvni" : "movi");
        out(d, "%s v%u.%s, #0x%x", name, rd, arr(h ? 1 : 2, q), imm);
        if (amount) {
            out(d, ", lsl #%u", amount);
        }
        return true;
    }
    if ((cmode & 0xe) == 0xc) {
        out(d, "%s v%u.%s, #0x%x, msl #%u", op ? "mvni" : "movi", rd, arr(2, q), imm, (cmode & 1) ? 16 : 8);
        return true;
    }
    if (cmode == 14 && !op) {
        out(d, "movi v%u.%s, #0x%x", rd, arr(0, q), imm);
        return true;
    }
    if (cmode == 14) {
        uint64_t v = 0;
        for (int i = 0; i < 8; i++) {
            if (imm >> i & 1) {
                v |= 0xffull << (8 * i);
            }
        }
        if (q) {
            out(d, "movi v%u.2d, #0x%llx", rd, (unsigned long long)v);
        } else {
            out(d, "movi d%u, #0x%llx", rd, (unsigned long long)v);
        }
        return true;
    }
    if (op && !q) {
        return false;
    }
    out(d, "fmov v%u.%s, ", rd, op ? "2d" : arr(2, q));
    out_fpimm(d, imm);
    return true;
}

/* Copy: imm5's lowest set bit gives the element size, the bits above it the index. */
static bool imm5_elem(unsigned imm5, unsigned *size, unsigned *index)
{
    for (unsigned s = 0; s < 4; s++) {
        if (imm5 >> s & 1) {
            *size = s;
            *index = imm5 >> (s + 1);
            return true;
        }
    }
    return false;
}

static bool fmt_DUP_elt(Dis *d)
{
    unsigned size, index;
    bool q = f(q);
    if (!imm5_elem(f(imm5), &size, &index)) {
        return false;
    }
    char et = size_letter[size];
    if (f(sc)) {
        out(d, "mov %c%u, v%u.%c[%u]", et, (unsigned)f(rd), (unsigned)f(rn), et, index);
        return true;
    }
    if (size == 3 && !q) {
        return false;
    }
    out(d, "dup v%u.%s, v%u.%c[%u]", (unsigned)f(rd), arr(size, q), (unsigned)f(rn), et, index);
    return true;
}

static bool fmt_DUP_gen(Dis *d)
{
    unsigned size, index;
    bool q = f(q);
    if (!imm5_elem(f(imm5), &size, &index) || (size == 3 && !q)) {
        return false;
    }
    out(d, "dup v%u.%s, %s", (unsigned)f(rd), arr(size, q), R(f(rn), size == 3));
    return true;
}

static bool fmt_INS_gen(Dis *d)
{
    unsigned size, index;
    if (!imm5_elem(f(imm5), &size, &index)) {
        return false;
    }
    out(d, "mov v%u.%c[%u], %s", (unsigned)f(rd), size_letter[size], index, R(f(rn), size == 3));
    return true;
}

static bool fmt_SMOV(Dis *d)
{
    unsigned size, index;
    bool q = f(q);
    if (!imm5_elem(f(imm5), &size, &index) || size >= 2u + q) {
        return false;
    }
    out(d, "smov %s, v%u.%c[%u]", R(f(rd), q), (unsigned)f(rn), size_letter[size], index);
    return true;
}

static bool fmt_UMOV(Dis *d)
{
    unsigned size, index;
    bool q = f(q);
    if (!imm5_elem(f(imm5), &size, &index) || (q && size != 3) || (!q && size == 3)) {
        return false;
    }
    out(d, "%s %s, v%u.%c[%u]", size >= 2 ? "mov" : "umov", R(f(rd), q), (unsigned)f(rn), size_letter[size],
        index);
    return true;
}

static bool fmt_INS_elt(Dis *d)
{
    unsigned size, index;
    if (!imm5_elem(f(imm5), &size, &index)) {
        return false;
    }
    char et = size_letter[size];
    out(d, "mov v%u.%c[%u], v%u.%c[%u]", (unsigned)f(rd), et, index, (unsigned)f(rn), et,
        (unsigned)f(imm4) >> size);
    return true;
}

/* "{vA.T, vB.T}" or, for three or more registers in order, "{vA.T-vC.T}". */
static void out_reglist(Dis *d, unsigned first, unsigned n, const char *t)
{
    if (n > 2 && first + n - 1 <= 31) {
        out(d, "{v%u.%s-v%u.%s}", first, t, first + n - 1, t);
        return;
    }
    out(d, "{");
    for (unsigned i = 0; i < n; i++) {
        out(d, "%sv%u.%s", i ? ", " : "", (first + i) & 31, t);
    }
    out(d, "}");
}

static bool fmt_TBL(Dis *d)
{
    const char *t = f(q) ? "16b" : "8b";
    out(d, "%s v%u.%s, ", f(tbx) ? "tbx" : "tbl", (unsigned)f(rd), t);
    out_reglist(d, f(rn), (unsigned)f(len) + 1, "16b");
    out(d, ", v%u.%s", (unsigned)f(rm), t);
    return true;
}

static bool fmt_PERM(Dis *d)
{
    static const char *const names[8] = { NULL, "uzp1", "trn1", "zip1", NULL, "uzp2", "trn2", "zip2" };
    const char *name = names[f(op)];
    return name && same_sz(d, name, 3, SZ_ALL, 0);
}

static bool fmt_EXT(Dis *d)
{
    bool q = f(q);
    unsigned imm = f(imm);
    if (!q && imm > 7) {
        return false;
    }
    const char *t = q ? "16b" : "8b";
    out(d, "ext v%u.%s, v%u.%s, v%u.%s, #%u", (unsigned)f(rd), t, (unsigned)f(rn), t, (unsigned)f(rm), t, imm);
    return true;
}

/* Post-index: "[xn], #bytes" for rm = 31, else "[xn], xm". */
static void out_post(Dis *d, unsigned bytes)
{
    unsigned rm = f(rm);
    out(d, "[%s]", XS(f(rn)));
    if (f(wb)) {
        if (rm == 31) {
            out(d, ", #%u", bytes);
        } else {
            out(d, ", %s", X(rm));
        }
    }
}

/* C7.2.170 LD1 (multiple structures) etc.: opcode -> (registers, structure elements) */
static bool fmt_VLDST_mult(Dis *d)
{
    static const signed char nregs[16] = { 4, -1, 4, -1, 3, -1, 3, 1, 2, -1, 2, -1, -1, -1, -1, -1 };
    static const signed char selem[16] = { 4, -1, 1, -1, 3, -1, 1, 1, 2, -1, 1, -1, -1, -1, -1, -1 };
    unsigned opcode = f(opcode), size = f(size);
    bool q = f(q);
    if (nregs[opcode] < 0 || (size == 3 && !q && selem[opcode] != 1)) {
        return false;
    }
    out(d, "%s%d ", f(ld) ? "ld" : "st", selem[opcode]);
    out_reglist(d, f(rt), (unsigned)nregs[opcode], arr(size, q));
    out(d, ", ");
    out_post(d, (unsigned)nregs[opcode] * (q ? 16 : 8));
    return true;
}

/* C7.2.171 LD1 (single structure) etc. and the LDnR replicating loads */
static bool fmt_VLDST_single(Dis *d)
{
    unsigned opcode = f(opcode), size = f(size), s = f(s), scale = opcode >> 1;
    unsigned sel = ((opcode & 1) << 1 | (unsigned)f(r)) + 1, index;
    bool q = f(q), ld = f(ld);
    char et;
    if (scale == 3) {
        if (!ld || s) {
            return false;
        }
        out(d, "ld%ur ", sel);
        out_reglist(d, f(rt), sel, arr(size, q));
        out(d, ", ");
        out_post(d, sel << size);
        return true;
    }
    if (scale == 0) {
        index = q << 3 | s << 2 | size;
    } else if (scale == 1) {
        if (size & 1) {
            return false;
        }
        index = q << 2 | s << 1 | size >> 1;
    } else if (size == 0) {
        index = q << 1 | s;
    } else if (size == 1 && !s) {
        scale = 3;
        index = q;
    } else {
        return false;
    }
    et = size_letter[scale];
    out(d, "%s%u {", ld ? "ld" : "st", sel);
    unsigned rt = f(rt);
    if (sel > 2 && rt + sel - 1 <= 31) {
        out(d, "v%u.%c-v%u.%c", rt, et, (rt + sel - 1) & 31, et);
    } else {
        for (unsigned i = 0; i < sel; i++) {
            out(d, "%sv%u.%c", i ? ", " : "", (rt + i) & 31, et);
        }
    }
    out(d, "}[%u], ", index);
    out_post(d, sel << scale);
    return true;
}

/* ---- cryptography -------------------------------------------------------------- */

static bool fmt_AES(Dis *d)
{
    static const char *const names[4] = { "aese", "aesd", "aesmc", "aesimc" };
    out(d, "%s v%u.16b, v%u.16b", names[f(op)], (unsigned)f(rd), (unsigned)f(rn));
    return true;
}

static bool fmt_SHA1_3(Dis *d)
{
    static const char *const names[4] = { "sha1c", "sha1p", "sha1m", "sha1su0" };
    unsigned op = f(op);
    if (op == 3) {
        out(d, "sha1su0 v%u.4s, v%u.4s, v%u.4s", (unsigned)f(rd), (unsigned)f(rn), (unsigned)f(rm));
    } else {
        out(d, "%s q%u, s%u, v%u.4s", names[op], (unsigned)f(rd), (unsigned)f(rn), (unsigned)f(rm));
    }
    return true;
}

static bool fmt_SHA256_3(Dis *d)
{
    unsigned op = f(op);
    if (op == 3) {
        return false;
    }
    if (op == 2) {
        out(d, "sha256su1 v%u.4s, v%u.4s, v%u.4s", (unsigned)f(rd), (unsigned)f(rn), (unsigned)f(rm));
    } else {
        out(d, "%s q%u, q%u, v%u.4s", op ? "sha256h2" : "sha256h", (unsigned)f(rd), (unsigned)f(rn),
            (unsigned)f(rm));
    }
    return true;
}

static bool fmt_SHA1_2(Dis *d)
{
    if (f(op)) {
        out(d, "sha1su1 v%u.4s, v%u.4s", (unsigned)f(rd), (unsigned)f(rn));
    } else {
        out(d, "sha1h s%u, s%u", (unsigned)f(rd), (unsigned)f(rn));
    }
    return true;
}

static bool fmt_SHA256SU0(Dis *d)
{
    out(d, "sha256su0 v%u.4s, v%u.4s", (unsigned)f(rd), (unsigned)f(rn));
    return true;
}

static bool fmt_SHA512(Dis *d)
{
    unsigned op = f(op), rd = f(rd), rn = f(rn), rm = f(rm);
    switch (op) {
    case 0:
    case 1:
        out(d, "%s q%u, q%u, v%u.2d", op ? "sha512h2" : "sha512h", rd, rn, rm);
        break;
    case 2:
        out(d, "sha512su1 v%u.2d, v%u.2d, v%u.2d", rd, rn, rm);
        break;
    default:
        out(d, "sha512su0 v%u.2d, v%u.2d", rd, rn);
        break;
    }
    return true;
}

static bool fmt_RAX1(Dis *d)
{
    out(d, "rax1 v%u.2d, v%u.2d, v%u.2d", (unsigned)f(rd), (unsigned)f(rn), (unsigned)f(rm));
    return true;
}

static bool fmt_EOR3(Dis *d)
{
    out(d, "%s v%u.16b, v%u.16b, v%u.16b, v%u.16b", f(bcax) ? "bcax" : "eor3", (unsigned)f(rd), (unsigned)f(rn),
        (unsigned)f(rm), (unsigned)f(ra));
    return true;
}

static bool fmt_XAR(Dis *d)
{
    out(d, "xar v%u.2d, v%u.2d, v%u.2d, #%u", (unsigned)f(rd), (unsigned)f(rn), (unsigned)f(rm), (unsigned)f(imm));
    return true;
}

/* ---- dispatch ------------------------------------------------------------------ */

typedef struct FmtEntry {
    const char *name;
    bool (*fmt)(Dis *d);
} FmtEntry;

#define E(n) { #n, fmt_##n }
static const FmtEntry fmt_table[] = {
    /* a64.decode */
    E(ADR), E(ADRP), E(ADDSUB_imm), E(LOGIC_imm), E(MOVN), E(MOVZ), E(MOVK), E(SBFM), E(BFM), E(UBFM), E(EXTR),
    E(B_cond), E(SVC), E(HVC), E(SMC), E(BRK), E(HLT), E(DCPS), E(NOP), E(YIELD), E(WFE), E(WFI), E(SEV),
    E(SEVL), E(HINT), E(CLREX), E(DSB), E(DMB), E(ISB), E(SB), E(MSR_i), E(SYS), E(SYSL), E(MSR_r), E(MRS),
    E(BR), E(BLR), E(RET), E(ERET), E(DRPS), E(B), E(BL), E(CBZ), E(TBZ), E(CASP), E(STXR), E(LDXR), E(STXP),
    E(LDXP), E(STLR), E(LDAR), E(CAS), E(LDR_lit), E(PRFM), E(STP), E(LDP), E(STR_i), E(LDR_i), E(ATOMIC),
    E(SWP), E(STR_r), E(LDR_r), E(STR_u), E(LDR_u), E(DIV), E(SHIFTV), E(CRC32), E(RBIT), E(REV), E(CLZ),
    E(CLS), E(LOGIC_r), E(ADDSUB_r), E(ADDSUB_ext), E(ADC), E(CCMP), E(CSEL), E(MADD), E(MADDL), E(MULH),
    /* a64-fp.decode */
    E(FCVTZ_fixed), E(CVTF_fixed), E(FMOV_to_gpr), E(FMOV_from_gpr), E(FCVT_int), E(FCVTA_int), E(CVTF_int),
    E(FMOV_reg), E(FABS_s), E(FNEG_s), E(FSQRT_s), E(FCVT_s), E(FRINT_s), E(FRINTN_s), E(FCMP), E(FMOV_imm),
    E(FCCMP), E(FP_2src), E(FCSEL), E(FP_3src), E(FP_3same), E(FP_3same_s), E(FCVTN_v), E(FCVTL_v),
    E(FCVTXN_s), E(FABSNEG_v), E(FCMZ_v), E(FCMZ_s), E(FSQRT_v), E(FP_2misc_v), E(FP_2misc_s), E(FP_reduce),
    E(FP_pair_s), E(FP_elem), E(FP_fixed_v), E(FMOV_v_h),
    /* a64-simd.decode */
    E(VLDR_lit), E(VSTP), E(VLDP), E(VLDST_i), E(VLDST_r), E(VLDST_u), E(VLDST_mult), E(VLDST_single), E(AES),
    E(SHA1_3), E(SHA256_3), E(SHA1_2), E(SHA256SU0), E(DUP_elt), E(DUP_gen), E(INS_gen), E(SMOV), E(UMOV),
    E(INS_elt), E(TBL), E(PERM), E(EXT), E(MOVI), E(SHR), E(SRA), E(RSHR), E(RSRA), E(SRI), E(SHL), E(SQSHLU),
    E(QSHL_i), E(SHRN), E(SQSHRUN), E(QSHRN), E(SSHLL), E(HADD), E(QADD), E(RHADD), E(LOGIC_v), E(HSUB),
    E(QSUB), E(CMGT), E(CMGE), E(SHL_r), E(MAX), E(MIN), E(ABD), E(ABA), E(ADDSUB_v), E(CMTST), E(MLA), E(MUL),
    E(MAXP), E(MINP), E(QDMULH), E(ADDP), E(QRDMLAH), E(DOT), E(LONG3), E(VREV), E(ADDLP), E(SUQADD), E(VCLZ),
    E(CNT), E(NOT), E(VRBIT), E(QABS), E(CMP0), E(ABS), E(XTN), E(SHLL), E(ACROSS), E(ADDP_s), E(IDX_SAME),
    E(IDX_LONG), E(SHA512), E(RAX1), E(EOR3), E(XAR),
};
#undef E

bool a64_disas(uint32_t insn, uint64_t pc, char *buf, size_t len)
{
    Dis d = { .insn = insn, .pc = pc, .buf = buf, .len = len };
    if (len == 0) {
        return false;
    }
    buf[0] = 0;
    /* C6.2.335 UDF: the permanently undefined space, bits [31:16] zero. */
    if ((insn >> 16) == 0) {
        out(&d, "udf #%u", insn & 0xffff);
        return false;
    }
    if (decode_a64(&d.ctx, insn)) {
        for (size_t i = 0; i < sizeof(fmt_table) / sizeof(fmt_table[0]); i++) {
            if (strcmp(fmt_table[i].name, d.ctx.name) == 0) {
                if (fmt_table[i].fmt(&d)) {
                    return true;
                }
                break;
            }
        }
    }
    d.used = 0;
    buf[0] = 0;
    out(&d, ".inst 0x%08x", insn);
    return false;
}
