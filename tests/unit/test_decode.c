/*
 * Unit tests for the A64 decode table (target-arm/a64.decode) and for the
 * decoder generator scripts/decodegen.py.
 *
 * This file includes the generator's --record output, in which every
 * trans_NAME() stores its name and argument fields into the DisasContext
 * defined below and returns true.  Build (the Makefile rule belongs to the
 * lead; by hand):
 *
 *   mkdir -p build/gen
 *   python3 scripts/decodegen.py --record -o build/gen/decode-a64-record.inc \
 *       target-arm/a64.decode
 *   python3 scripts/decodegen.py --record --decoder decode_test \
 *       -o build/gen/decode-test-record.inc tests/unit/decode-test.decode
 *   gcc -std=gnu11 -Wall -Wextra -Werror -Ibuild/gen -Itests/unit \
 *       tests/unit/test_decode.c tests/unit/runner.c -lcunit
 *
 * decode-test-record.inc is optional: without it the format-coverage tests
 * of the generator are left out (see __has_include below).
 *
 * The instruction words below were produced by aarch64-linux-gnu-as
 * (-march=armv8.5-a) and read back with aarch64-linux-gnu-objdump -d; ADRP
 * and the far ADR come from a program linked at 0x40000000 so that the
 * page offsets are resolved.  "<target>" replaces objdump's branch targets.
 * Field values were checked by hand against the operands (e.g. ldnp #-512
 * is imm -64 in units of 8 bytes; tbz #47 has bit = b5:b40 = 47).
 *
 * Error paths of the generator (each must print FILE:LINE: message, exit 1):
 *
 *   t() { printf '%s\n' "$1" > /tmp/e.decode;
 *         python3 scripts/decodegen.py -o /tmp/e.inc /tmp/e.decode; echo "rc=$?"; }
 *   t 'A 0101 x:27'                     # pattern has 31 bits, expected 32
 *   t 'A 0101 x:29'                     # more than 32 bits
 *   t 'A 0101 x:27 %'                   # unknown syntax '%'
 *   t 'A 0101 x:14 x:14'                # field appears twice
 *   t "$(printf 'A 0 x:31 => T\nB 1 x:s31 => T')"   # signed here, unsigned elsewhere
 *   t "$(printf 'A 0 x:31\nB 0 x:31')"  # B never matches: A covers it
 *   t 'A 0 x:31 v=x:y'                  # concatenation uses unknown field 'y'
 */
#include <stdint.h>
#include <string.h>
#include "runner.h"

/* The --record contract of decodegen.py. */
typedef struct DisasContext {
    const char *name;
    int64_t fields[16];
    const char *field_names[16];
    int nfields;
} DisasContext;

#include "decode-a64-record.inc"

#if defined(__has_include)
#if __has_include("decode-test-record.inc")
#include "decode-test-record.inc"
#define HAVE_DECODE_TEST 1
#endif
#endif

typedef struct {
    const char *name;
    int64_t value;
} FieldValue;

typedef struct {
    uint32_t insn;
    const char *asm_text;
    const char *trans;
    int nfields;
    FieldValue f[12];
} DecodeCase;

#define F(n, v) { #n, (v) }

/* Look a field up by name; fails the test when the trans has no such field. */
static int64_t field(const DisasContext *ctx, const char *name)
{
    for (int i = 0; i < ctx->nfields; i++) {
        if (strcmp(ctx->field_names[i], name) == 0) {
            return ctx->fields[i];
        }
    }
    CU_FAIL("field not present in the matched trans");
    return INT64_MIN;
}

/*
 * Decode every case and check the trans name, the exact number of fields in
 * its args struct, and each listed value.  On a mismatch, print the word so
 * the failing line can be found.
 */
static void run_cases(const DecodeCase *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const DecodeCase *c = &cases[i];
        DisasContext ctx;
        bool ok;

        memset(&ctx, 0, sizeof(ctx));
        ok = decode_a64(&ctx, c->insn);
        CU_ASSERT_TRUE(ok);
        if (!ok) {
            fprintf(stderr, "\n  %08x (%s): did not decode\n", c->insn, c->asm_text);
            continue;
        }
        CU_ASSERT_STRING_EQUAL(ctx.name, c->trans);
        CU_ASSERT_EQUAL(ctx.nfields, c->nfields);
        if (strcmp(ctx.name, c->trans) != 0) {
            fprintf(stderr, "\n  %08x (%s): got %s, want %s\n",
                    c->insn, c->asm_text, ctx.name, c->trans);
            continue;
        }
        for (int j = 0; j < c->nfields; j++) {
            int64_t got = field(&ctx, c->f[j].name);
            CU_ASSERT_EQUAL(got, c->f[j].value);
            if (got != c->f[j].value) {
                fprintf(stderr, "\n  %08x (%s): %s = %lld, want %lld\n", c->insn,
                        c->asm_text, c->f[j].name, (long long)got,
                        (long long)c->f[j].value);
            }
        }
    }
}

/* C4.1.3 Data Processing -- Immediate */
static const DecodeCase dp_imm_cases[] = {
    { 0x91404041, "add x1, x2, #0x10, lsl #12", "ADDSUB_imm", 7, { F(sf, 1), F(op, 0), F(s, 0), F(sh, 1), F(imm, 16), F(rn, 2), F(rd, 1) } },
    { 0x31001483, "adds w3, w4, #0x5", "ADDSUB_imm", 7, { F(sf, 0), F(op, 0), F(s, 1), F(sh, 0), F(imm, 5), F(rn, 4), F(rd, 3) } },
    { 0xd10083ff, "sub sp, sp, #0x20", "ADDSUB_imm", 7, { F(sf, 1), F(op, 1), F(s, 0), F(sh, 0), F(imm, 32), F(rn, 31), F(rd, 31) } },
    { 0xf1000420, "subs x0, x1, #0x1", "ADDSUB_imm", 7, { F(sf, 1), F(op, 1), F(s, 1), F(sh, 0), F(imm, 1), F(rn, 1), F(rd, 0) } },
    { 0x10ffffe5, "adr x5, <target>", "ADR", 2, { F(rd, 5), F(imm, -4) } },
    { 0x707fffe5, "adr x5, <target>", "ADR", 2, { F(rd, 5), F(imm, 1048575) } },
    { 0x92401c20, "and x0, x1, #0xff", "LOGIC_imm", 7, { F(opc, 0), F(immr, 0), F(imms, 7), F(rn, 1), F(rd, 0), F(sf, 1), F(n, 1) } },
    { 0x3204cc62, "orr w2, w3, #0xf0f0f0f0", "LOGIC_imm", 7, { F(opc, 1), F(immr, 4), F(imms, 51), F(rn, 3), F(rd, 2), F(sf, 0), F(n, 0) } },
    { 0xf2410083, "ands x3, x4, #0x8000000000000000", "LOGIC_imm", 7, { F(opc, 3), F(immr, 1), F(imms, 0), F(rn, 4), F(rd, 3), F(sf, 1), F(n, 1) } },
    { 0xd2e24680, "mov x0, #0x1234000000000000", "MOVZ", 4, { F(hw, 3), F(imm, 4660), F(rd, 0), F(sf, 1) } },
    { 0x12800001, "mov w1, #0xffffffff", "MOVN", 4, { F(hw, 0), F(imm, 0), F(rd, 1), F(sf, 0) } },
    { 0xf2b7dde2, "movk x2, #0xbeef, lsl #16", "MOVK", 4, { F(hw, 1), F(imm, 48879), F(rd, 2), F(sf, 1) } },
    { 0x93431c20, "sbfx x0, x1, #3, #5", "SBFM", 5, { F(immr, 3), F(imms, 7), F(rn, 1), F(rd, 0), F(sf, 1) } },
    { 0x53042c62, "ubfx w2, w3, #4, #8", "UBFM", 5, { F(immr, 4), F(imms, 11), F(rn, 3), F(rd, 2), F(sf, 0) } },
    { 0xb3783ca4, "bfi x4, x5, #8, #16", "BFM", 5, { F(immr, 56), F(imms, 15), F(rn, 5), F(rd, 4), F(sf, 1) } },
    { 0x93c8fce6, "extr x6, x7, x8, #63", "EXTR", 5, { F(rm, 8), F(imms, 63), F(rn, 7), F(rd, 6), F(sf, 1) } },
    { 0x13821441, "ror w1, w2, #5", "EXTR", 5, { F(rm, 2), F(imms, 5), F(rn, 2), F(rd, 1), F(sf, 0) } },
    { 0xb0ffffe0, "adrp x0, <target>", "ADRP", 2, { F(rd, 0), F(imm, -3) } },
    { 0xb0091a21, "adrp x1, <target>", "ADRP", 2, { F(rd, 1), F(imm, 74565) } },
    { 0x10800002, "adr x2, <target>", "ADR", 2, { F(rd, 2), F(imm, -1048576) } },
};

/* C4.1.4 Branches, Exception Generating and System instructions */
static const DecodeCase branch_sys_cases[] = {
    { 0x54ffffc1, "b.ne <target>", "B_cond", 2, { F(imm, -2), F(cond, 1) } },
    { 0x5400080e, "b.al <target>", "B_cond", 2, { F(imm, 64), F(cond, 14) } },
    { 0xd4000001, "svc #0x0", "SVC", 1, { F(imm, 0) } },
    { 0xd4024682, "hvc #0x1234", "HVC", 1, { F(imm, 4660) } },
    { 0xd4000023, "smc #0x1", "SMC", 1, { F(imm, 1) } },
    { 0xd4207d00, "brk #0x3e8", "BRK", 1, { F(imm, 1000) } },
    /* ARMv8.3 PAuth branches (the translator checks the feature) */
    { 0xd61f083f, "braaz x1", "BRA", 4, { F(z, 0), F(m, 0), F(rn, 1), F(rm, 31) } },
    { 0xd65f0bff, "retaa", "RETA", 1, { F(m, 0) } },
    { 0xd45e0000, "hlt #0xf000", "HLT", 1, { F(imm, 61440) } },
    { 0xd4a00002, "dcps2", "DCPS", 2, { F(imm, 0), F(level, 2) } },
    { 0xd503201f, "nop", "NOP", 0, {  } },
    { 0xd503203f, "yield", "YIELD", 0, {  } },
    { 0xd503205f, "wfe", "WFE", 0, {  } },
    { 0xd503207f, "wfi", "WFI", 0, {  } },
    { 0xd503209f, "sev", "SEV", 0, {  } },
    { 0xd50320bf, "sevl", "SEVL", 0, {  } },
    { 0xd503245f, "bti c", "HINT", 2, { F(crm, 4), F(op2, 2) } },
    { 0xd5033f5f, "clrex", "CLREX", 1, { F(crm, 15) } },
    { 0xd5033f9f, "dsb sy", "DSB", 1, { F(crm, 15) } },
    { 0xd50339bf, "dmb ishld", "DMB", 1, { F(crm, 9) } },
    { 0xd5033fdf, "isb", "ISB", 1, { F(crm, 15) } },
    { 0xd50330ff, "sb", "SB", 0, {  } },
    { 0xd50342df, "msr daifset, #0x2", "MSR_i", 3, { F(op1, 3), F(crm, 2), F(op2, 6) } },
    { 0xd50041bf, "msr spsel, #0x1", "MSR_i", 3, { F(op1, 0), F(crm, 1), F(op2, 5) } },
    { 0xd50b7e23, "dc civac, x3", "SYS", 5, { F(op1, 3), F(crn, 7), F(crm, 14), F(op2, 1), F(rt, 3) } },
    { 0xd5292381, "sysl x1, #1, C2, C3, #4", "SYSL", 5, { F(op1, 1), F(crn, 2), F(crm, 3), F(op2, 4), F(rt, 1) } },
    { 0xd53bd040, "mrs x0, tpidr_el0", "MRS", 6, { F(op1, 3), F(crn, 13), F(crm, 0), F(op2, 2), F(rt, 0), F(op0, 3) } },
    { 0xd5181009, "msr sctlr_el1, x9", "MSR_r", 6, { F(op1, 0), F(crn, 1), F(crm, 0), F(op2, 0), F(rt, 9), F(op0, 3) } },
    { 0xd61f0200, "br x16", "BR", 1, { F(rn, 16) } },
    { 0xd63f0060, "blr x3", "BLR", 1, { F(rn, 3) } },
    { 0xd65f03c0, "ret", "RET", 1, { F(rn, 30) } },
    { 0xd69f03e0, "eret", "ERET", 0, {  } },
    { 0xd6bf03e0, "drps", "DRPS", 0, {  } },
    { 0x17fffffc, "b <target>", "B", 1, { F(imm, -4) } },
    { 0x95ffffff, "bl <target>", "BL", 1, { F(imm, 33554431) } },
    { 0x34ffffe3, "cbz w3, <target>", "CBZ", 4, { F(sf, 0), F(nz, 0), F(imm, -1), F(rt, 3) } },
    { 0xb5000207, "cbnz x7, <target>", "CBZ", 4, { F(sf, 1), F(nz, 1), F(imm, 16), F(rt, 7) } },
    { 0xb67fffc2, "tbz x2, #47, <target>", "TBZ", 4, { F(nz, 0), F(imm, -2), F(rt, 2), F(bit, 47) } },
    { 0x372bffe3, "tbnz w3, #5, <target>", "TBZ", 4, { F(nz, 1), F(imm, 8191), F(rt, 3), F(bit, 5) } },
};

/* C4.1.5 Loads and Stores (V = 0) */
static const DecodeCase ldst_cases[] = {
    { 0x885f7c41, "ldxr w1, [x2]", "LDXR", 4, { F(size, 2), F(lasr, 0), F(rn, 2), F(rt, 1) } },
    { 0xc85fffe3, "ldaxr x3, [sp]", "LDXR", 4, { F(size, 3), F(lasr, 1), F(rn, 31), F(rt, 3) } },
    { 0xc8047cc5, "stxr w4, x5, [x6]", "STXR", 5, { F(size, 3), F(rs, 4), F(lasr, 0), F(rn, 6), F(rt, 5) } },
    { 0x0807fd28, "stlxrb w7, w8, [x9]", "STXR", 5, { F(size, 0), F(rs, 7), F(lasr, 1), F(rn, 9), F(rt, 8) } },
    { 0xc87f0861, "ldxp x1, x2, [x3]", "LDXP", 5, { F(sz, 1), F(lasr, 0), F(rt2, 2), F(rn, 3), F(rt, 1) } },
    { 0x882498e5, "stlxp w4, w5, w6, [x7]", "STXP", 6, { F(sz, 0), F(rs, 4), F(lasr, 1), F(rt2, 6), F(rn, 7), F(rt, 5) } },
    { 0xc8dffc20, "ldar x0, [x1]", "LDAR", 4, { F(size, 3), F(lasr, 1), F(rn, 1), F(rt, 0) } },
    { 0x489ffc62, "stlrh w2, [x3]", "STLR", 4, { F(size, 1), F(lasr, 1), F(rn, 3), F(rt, 2) } },
    { 0x08df7ca4, "ldlarb w4, [x5]", "LDAR", 4, { F(size, 0), F(lasr, 0), F(rn, 5), F(rt, 4) } },
    { 0xc89f7ce6, "stllr x6, [x7]", "STLR", 4, { F(size, 3), F(lasr, 0), F(rn, 7), F(rt, 6) } },
    { 0xc8e0fc41, "casal x0, x1, [x2]", "CAS", 6, { F(size, 3), F(a, 1), F(rs, 0), F(r, 1), F(rn, 2), F(rt, 1) } },
    { 0x08a37ca4, "casb w3, w4, [x5]", "CAS", 6, { F(size, 0), F(a, 0), F(rs, 3), F(r, 0), F(rn, 5), F(rt, 4) } },
    { 0x48a6ffe7, "caslh w6, w7, [sp]", "CAS", 6, { F(size, 1), F(a, 0), F(rs, 6), F(r, 1), F(rn, 31), F(rt, 7) } },
    { 0x48207c82, "casp x0, x1, x2, x3, [x4]", "CASP", 6, { F(sz, 1), F(a, 0), F(rs, 0), F(r, 0), F(rn, 4), F(rt, 2) } },
    { 0x0866fd48, "caspal w6, w7, w8, w9, [x10]", "CASP", 6, { F(sz, 0), F(a, 1), F(rs, 6), F(r, 1), F(rn, 10), F(rt, 8) } },
    { 0x18ffffc3, "ldr w3, <target>", "LDR_lit", 5, { F(imm, -2), F(rt, 3), F(size, 2), F(sign, 0), F(sf, 0) } },
    { 0x58000804, "ldr x4, <target>", "LDR_lit", 5, { F(imm, 64), F(rt, 4), F(size, 3), F(sign, 0), F(sf, 1) } },
    { 0x98000025, "ldrsw x5, <target>", "LDR_lit", 5, { F(imm, 1), F(rt, 5), F(size, 2), F(sign, 1), F(sf, 1) } },
    { 0xd8000060, "prfm pldl1keep, <target>", "PRFM", 1, { F(rt, 0) } },
    { 0xa9bf7bfd, "stp x29, x30, [sp, #-16]!", "STP", 6, { F(idx, 3), F(imm, -2), F(rt2, 30), F(rn, 31), F(rt, 29), F(size, 3) } },
    { 0xa8c17bfd, "ldp x29, x30, [sp], #16", "LDP", 7, { F(idx, 1), F(imm, 2), F(rt2, 30), F(rn, 31), F(rt, 29), F(size, 3), F(sign, 0) } },
    { 0x29010861, "stp w1, w2, [x3, #8]", "STP", 6, { F(idx, 2), F(imm, 2), F(rt2, 2), F(rn, 3), F(rt, 1), F(size, 2) } },
    { 0xa86014c4, "ldnp x4, x5, [x6, #-512]", "LDP", 7, { F(idx, 0), F(imm, -64), F(rt2, 5), F(rn, 6), F(rt, 4), F(size, 3), F(sign, 0) } },
    { 0x6940a127, "ldpsw x7, x8, [x9, #4]", "LDP", 7, { F(idx, 2), F(imm, 1), F(rt2, 8), F(rn, 9), F(rt, 7), F(size, 2), F(sign, 1) } },
    { 0x68ffa127, "ldpsw x7, x8, [x9], #-4", "LDP", 7, { F(idx, 1), F(imm, -1), F(rt2, 8), F(rn, 9), F(rt, 7), F(size, 2), F(sign, 1) } },
    { 0xb81ff041, "stur w1, [x2, #-1]", "STR_i", 5, { F(size, 2), F(imm, -1), F(idx, 0), F(rn, 2), F(rt, 1) } },
    { 0x384ff083, "ldurb w3, [x4, #255]", "LDR_i", 7, { F(size, 0), F(imm, 255), F(idx, 0), F(rn, 4), F(rt, 3), F(sign, 0), F(sf, 0) } },
    { 0x789000c5, "ldursh x5, [x6, #-256]", "LDR_i", 7, { F(size, 1), F(imm, -256), F(idx, 0), F(rn, 6), F(rt, 5), F(sign, 1), F(sf, 1) } },
    { 0x78c020c5, "ldursh w5, [x6, #2]", "LDR_i", 7, { F(size, 1), F(imm, 2), F(idx, 0), F(rn, 6), F(rt, 5), F(sign, 1), F(sf, 0) } },
    { 0xb89fc107, "ldursw x7, [x8, #-4]", "LDR_i", 7, { F(size, 2), F(imm, -4), F(idx, 0), F(rn, 8), F(rt, 7), F(sign, 1), F(sf, 1) } },
    { 0xf89fd133, "prfum pstl2strm, [x9, #-3]", "PRFM", 1, { F(rt, 19) } },
    { 0xf81f8441, "str x1, [x2], #-8", "STR_i", 5, { F(size, 3), F(imm, -8), F(idx, 1), F(rn, 2), F(rt, 1) } },
    { 0xb8404c83, "ldr w3, [x4, #4]!", "LDR_i", 7, { F(size, 2), F(imm, 4), F(idx, 3), F(rn, 4), F(rt, 3), F(sign, 0), F(sf, 0) } },
    { 0x388014c5, "ldrsb x5, [x6], #1", "LDR_i", 7, { F(size, 0), F(imm, 1), F(idx, 1), F(rn, 6), F(rt, 5), F(sign, 1), F(sf, 1) } },
    { 0xb81fb841, "sttr w1, [x2, #-5]", "STR_i", 5, { F(size, 2), F(imm, -5), F(idx, 2), F(rn, 2), F(rt, 1) } },
    { 0xb8809883, "ldtrsw x3, [x4, #9]", "LDR_i", 7, { F(size, 2), F(imm, 9), F(idx, 2), F(rn, 4), F(rt, 3), F(sign, 1), F(sf, 1) } },
    { 0x384008c5, "ldtrb w5, [x6]", "LDR_i", 7, { F(size, 0), F(imm, 0), F(idx, 2), F(rn, 6), F(rt, 5), F(sign, 0), F(sf, 0) } },
    { 0xb8200041, "ldadd w0, w1, [x2]", "ATOMIC", 7, { F(size, 2), F(a, 0), F(r, 0), F(rs, 0), F(rn, 2), F(rt, 1), F(op, 0) } },
    { 0xf8e300a4, "ldaddal x3, x4, [x5]", "ATOMIC", 7, { F(size, 3), F(a, 1), F(r, 1), F(rs, 3), F(rn, 5), F(rt, 4), F(op, 0) } },
    { 0xb8661107, "ldclrl w6, w7, [x8]", "ATOMIC", 7, { F(size, 2), F(a, 0), F(r, 1), F(rs, 6), F(rn, 8), F(rt, 7), F(op, 1) } },
    { 0x38a12062, "ldeorab w1, w2, [x3]", "ATOMIC", 7, { F(size, 0), F(a, 1), F(r, 0), F(rs, 1), F(rn, 3), F(rt, 2), F(op, 2) } },
    { 0xf82433e5, "ldset x4, x5, [sp]", "ATOMIC", 7, { F(size, 3), F(a, 0), F(r, 0), F(rs, 4), F(rn, 31), F(rt, 5), F(op, 3) } },
    { 0x78264107, "ldsmaxh w6, w7, [x8]", "ATOMIC", 7, { F(size, 1), F(a, 0), F(r, 0), F(rs, 6), F(rn, 8), F(rt, 7), F(op, 4) } },
    { 0xf8e15062, "ldsminal x1, x2, [x3]", "ATOMIC", 7, { F(size, 3), F(a, 1), F(r, 1), F(rs, 1), F(rn, 3), F(rt, 2), F(op, 5) } },
    { 0xb8a460c5, "ldumaxa w4, w5, [x6]", "ATOMIC", 7, { F(size, 2), F(a, 1), F(r, 0), F(rs, 4), F(rn, 6), F(rt, 5), F(op, 6) } },
    { 0x38677128, "lduminlb w7, w8, [x9]", "ATOMIC", 7, { F(size, 0), F(a, 0), F(r, 1), F(rs, 7), F(rn, 9), F(rt, 8), F(op, 7) } },
    { 0xb821005f, "stadd w1, [x2]", "ATOMIC", 7, { F(size, 2), F(a, 0), F(r, 0), F(rs, 1), F(rn, 2), F(rt, 31), F(op, 0) } },
    { 0xf8208041, "swp x0, x1, [x2]", "SWP", 6, { F(size, 3), F(a, 0), F(r, 0), F(rs, 0), F(rn, 2), F(rt, 1) } },
    { 0x38e380a4, "swpalb w3, w4, [x5]", "SWP", 6, { F(size, 0), F(a, 1), F(r, 1), F(rs, 3), F(rn, 5), F(rt, 4) } },
    { 0xb865d883, "ldr w3, [x4, w5, sxtw #2]", "LDR_r", 8, { F(size, 2), F(rm, 5), F(option, 6), F(s, 1), F(rn, 4), F(rt, 3), F(sign, 0), F(sf, 0) } },
    { 0x38236841, "strb w1, [x2, x3]", "STR_r", 6, { F(size, 0), F(rm, 3), F(option, 3), F(s, 0), F(rn, 2), F(rt, 1) } },
    { 0x78a658a4, "ldrsh x4, [x5, w6, uxtw #1]", "LDR_r", 8, { F(size, 1), F(rm, 6), F(option, 2), F(s, 1), F(rn, 5), F(rt, 4), F(sign, 1), F(sf, 1) } },
    { 0xf8697907, "ldr x7, [x8, x9, lsl #3]", "LDR_r", 8, { F(size, 3), F(rm, 9), F(option, 3), F(s, 1), F(rn, 8), F(rt, 7), F(sign, 0), F(sf, 0) } },
    { 0xf8a26825, "prfm pldl3strm, [x1, x2]", "PRFM", 1, { F(rt, 5) } },
    { 0xf97ffc20, "ldr x0, [x1, #32760]", "LDR_u", 6, { F(size, 3), F(imm, 4095), F(rn, 1), F(rt, 0), F(sign, 0), F(sf, 0) } },
    { 0x791ffc62, "strh w2, [x3, #4094]", "STR_u", 4, { F(size, 1), F(imm, 2047), F(rn, 3), F(rt, 2) } },
    { 0x39fffca4, "ldrsb w4, [x5, #4095]", "LDR_u", 6, { F(size, 0), F(imm, 4095), F(rn, 5), F(rt, 4), F(sign, 1), F(sf, 0) } },
    { 0xb9bffce6, "ldrsw x6, [x7, #16380]", "LDR_u", 6, { F(size, 2), F(imm, 4095), F(rn, 7), F(rt, 6), F(sign, 1), F(sf, 1) } },
    { 0xf9800508, "prfm plil1keep, [x8, #8]", "PRFM", 1, { F(rt, 8) } },
};

/* C4.1.6 Data Processing -- Register */
static const DecodeCase dp_reg_cases[] = {
    { 0x1ac20820, "udiv w0, w1, w2", "DIV", 5, { F(sf, 0), F(rm, 2), F(rn, 1), F(rd, 0), F(sign, 0) } },
    { 0x9ac50c83, "sdiv x3, x4, x5", "DIV", 5, { F(sf, 1), F(rm, 5), F(rn, 4), F(rd, 3), F(sign, 1) } },
    { 0x9ac820e6, "lsl x6, x7, x8", "SHIFTV", 5, { F(sf, 1), F(rm, 8), F(shift_type, 0), F(rn, 7), F(rd, 6) } },
    { 0x1acb2d49, "ror w9, w10, w11", "SHIFTV", 5, { F(sf, 0), F(rm, 11), F(shift_type, 3), F(rn, 10), F(rd, 9) } },
    { 0x1ac24020, "crc32b w0, w1, w2", "CRC32", 5, { F(rm, 2), F(c, 0), F(sz, 0), F(rn, 1), F(rd, 0) } },
    { 0x1ac55483, "crc32ch w3, w4, w5", "CRC32", 5, { F(rm, 5), F(c, 1), F(sz, 1), F(rn, 4), F(rd, 3) } },
    { 0x1ac848e6, "crc32w w6, w7, w8", "CRC32", 5, { F(rm, 8), F(c, 0), F(sz, 2), F(rn, 7), F(rd, 6) } },
    { 0x9acb5d49, "crc32cx w9, w10, x11", "CRC32", 5, { F(rm, 11), F(c, 1), F(sz, 3), F(rn, 10), F(rd, 9) } },
    { 0xdac00020, "rbit x0, x1", "RBIT", 3, { F(sf, 1), F(rn, 1), F(rd, 0) } },
    { 0x5ac00462, "rev16 w2, w3", "REV", 4, { F(sf, 0), F(rn, 3), F(rd, 2), F(opc, 1) } },
    { 0xdac008a4, "rev32 x4, x5", "REV", 4, { F(sf, 1), F(rn, 5), F(rd, 4), F(opc, 2) } },
    { 0x5ac008e6, "rev w6, w7", "REV", 4, { F(sf, 0), F(rn, 7), F(rd, 6), F(opc, 2) } },
    { 0xdac00d28, "rev x8, x9", "REV", 4, { F(sf, 1), F(rn, 9), F(rd, 8), F(opc, 3) } },
    { 0xdac0116a, "clz x10, x11", "CLZ", 3, { F(sf, 1), F(rn, 11), F(rd, 10) } },
    { 0x5ac015ac, "cls w12, w13", "CLS", 3, { F(sf, 0), F(rn, 13), F(rd, 12) } },
    { 0x8a020c20, "and x0, x1, x2, lsl #3", "LOGIC_r", 8, { F(opc, 0), F(shift, 0), F(n, 0), F(rm, 2), F(imm, 3), F(rn, 1), F(rd, 0), F(sf, 1) } },
    { 0x6ae57c83, "bics w3, w4, w5, ror #31", "LOGIC_r", 8, { F(opc, 3), F(shift, 3), F(n, 1), F(rm, 5), F(imm, 31), F(rn, 4), F(rd, 3), F(sf, 0) } },
    { 0xaaa8fce6, "orn x6, x7, x8, asr #63", "LOGIC_r", 8, { F(opc, 1), F(shift, 2), F(n, 1), F(rm, 8), F(imm, 63), F(rn, 7), F(rd, 6), F(sf, 1) } },
    { 0x4a0b0149, "eor w9, w10, w11", "LOGIC_r", 8, { F(opc, 2), F(shift, 0), F(n, 0), F(rm, 11), F(imm, 0), F(rn, 10), F(rd, 9), F(sf, 0) } },
    { 0xaa2103e0, "mvn x0, x1", "LOGIC_r", 8, { F(opc, 1), F(shift, 0), F(n, 1), F(rm, 1), F(imm, 0), F(rn, 31), F(rd, 0), F(sf, 1) } },
    { 0x8b020c20, "add x0, x1, x2, lsl #3", "ADDSUB_r", 8, { F(op, 0), F(s, 0), F(shift, 0), F(rm, 2), F(imm, 3), F(rn, 1), F(rd, 0), F(sf, 1) } },
    { 0x6b857c83, "subs w3, w4, w5, asr #31", "ADDSUB_r", 8, { F(op, 1), F(s, 1), F(shift, 2), F(rm, 5), F(imm, 31), F(rn, 4), F(rd, 3), F(sf, 0) } },
    { 0xcb4707e6, "neg x6, x7, lsr #1", "ADDSUB_r", 8, { F(op, 1), F(s, 0), F(shift, 1), F(rm, 7), F(imm, 1), F(rn, 31), F(rd, 6), F(sf, 1) } },
    { 0x8b214be0, "add x0, sp, w1, uxtw #2", "ADDSUB_ext", 8, { F(sf, 1), F(op, 0), F(s, 0), F(rm, 1), F(option, 2), F(imm, 2), F(rn, 31), F(rd, 0) } },
    { 0xeb24e062, "subs x2, x3, x4, sxtx", "ADDSUB_ext", 8, { F(sf, 1), F(op, 1), F(s, 1), F(rm, 4), F(option, 7), F(imm, 0), F(rn, 3), F(rd, 2) } },
    { 0x6b2600bf, "cmp w5, w6, uxtb", "ADDSUB_ext", 8, { F(sf, 0), F(op, 1), F(s, 1), F(rm, 6), F(option, 0), F(imm, 0), F(rn, 5), F(rd, 31) } },
    { 0x9a020020, "adc x0, x1, x2", "ADC", 6, { F(sf, 1), F(op, 0), F(s, 0), F(rm, 2), F(rn, 1), F(rd, 0) } },
    { 0x7a050083, "sbcs w3, w4, w5", "ADC", 6, { F(sf, 0), F(op, 1), F(s, 1), F(rm, 5), F(rn, 4), F(rd, 3) } },
    { 0xfa411004, "ccmp x0, x1, #0x4, ne", "CCMP", 7, { F(sf, 1), F(op, 1), F(y, 1), F(cond, 1), F(imm_form, 0), F(rn, 0), F(nzcv, 4) } },
    { 0x3a5fa84f, "ccmn w2, #0x1f, #0xf, ge", "CCMP", 7, { F(sf, 0), F(op, 0), F(y, 31), F(cond, 10), F(imm_form, 1), F(rn, 2), F(nzcv, 15) } },
    { 0x9a820020, "csel x0, x1, x2, eq", "CSEL", 7, { F(sf, 1), F(inv, 0), F(rm, 2), F(cond, 0), F(inc, 0), F(rn, 1), F(rd, 0) } },
    { 0x1a85b483, "csinc w3, w4, w5, lt", "CSEL", 7, { F(sf, 0), F(inv, 0), F(rm, 5), F(cond, 11), F(inc, 1), F(rn, 4), F(rd, 3) } },
    { 0x9a9f97e6, "cset x6, hi", "CSEL", 7, { F(sf, 1), F(inv, 0), F(rm, 31), F(cond, 9), F(inc, 1), F(rn, 31), F(rd, 6) } },
    { 0xda896107, "csinv x7, x8, x9, vs", "CSEL", 7, { F(sf, 1), F(inv, 1), F(rm, 9), F(cond, 6), F(inc, 0), F(rn, 8), F(rd, 7) } },
    { 0x5a8ce56a, "csneg w10, w11, w12, al", "CSEL", 7, { F(sf, 0), F(inv, 1), F(rm, 12), F(cond, 14), F(inc, 1), F(rn, 11), F(rd, 10) } },
    { 0x9b020c20, "madd x0, x1, x2, x3", "MADD", 6, { F(sf, 1), F(rm, 2), F(sub, 0), F(ra, 3), F(rn, 1), F(rd, 0) } },
    { 0x1b069ca4, "msub w4, w5, w6, w7", "MADD", 6, { F(sf, 0), F(rm, 6), F(sub, 1), F(ra, 7), F(rn, 5), F(rd, 4) } },
    { 0x9b220c20, "smaddl x0, w1, w2, x3", "MADDL", 6, { F(u, 0), F(rm, 2), F(sub, 0), F(ra, 3), F(rn, 1), F(rd, 0) } },
    { 0x9ba69ca4, "umsubl x4, w5, w6, x7", "MADDL", 6, { F(u, 1), F(rm, 6), F(sub, 1), F(ra, 7), F(rn, 5), F(rd, 4) } },
    { 0x9b4a7d28, "smulh x8, x9, x10", "MULH", 4, { F(u, 0), F(rm, 10), F(rn, 9), F(rd, 8) } },
    { 0x9bcd7d8b, "umulh x11, x12, x13", "MULH", 4, { F(u, 1), F(rm, 13), F(rn, 12), F(rd, 11) } },
    { 0x1b037c41, "mul w1, w2, w3", "MADD", 6, { F(sf, 0), F(rm, 3), F(sub, 0), F(ra, 31), F(rn, 2), F(rd, 1) } },
};

/*
 * Words that must not decode: FP/SIMD and SVE (another table), later
 * extensions that are not part of this table, and unallocated encodings that
 * the patterns exclude by themselves.
 */
static const struct {
    uint32_t insn;
    const char *why;
} undecoded[] = {
    { 0x04e20020, "add z0.d, z1.d, z2.d (SVE)" },
    { 0xf8bfc020, "ldapr x0, [x1] (ARMv8.3 RCpc)" },
    { 0x69000440, "stgp x0, x1, [x2] (ARMv8.5 MTE)" },
    { 0x54000010, "bc.eq (ARMv8.8)" },
    { 0x00000000, "udf #0 (permanently undefined)" },
    { 0xb2800000, "move wide with opc=01" },
    { 0x52c00000, "movz w0 with hw=2 (sf=0, hw<1>=1)" },
    { 0x12400000, "logical immediate with sf=0, N=1" },
    { 0x13c00000, "extr with sf=0, N=1" },
    { 0x5ac00c00, "rev with sf=0, opc=11" },
    { 0x1ac24c20, "crc32x with sf=0" },
    { 0x1ac21020, "data-processing 2-source opcode 000100" },
    { 0xf8c00000, "ldr (9-bit imm) size=11 opc=11" },
    { 0xb8c00000, "ldr (9-bit imm) size=10 opc=11" },
    { 0xf8800800, "prfm unprivileged (size=11 opc=10 idx=10)" },
    { 0xf8a3ba1d, "prfm register offset with option=101" },
    { 0xe9400000, "load pair opc=11" },
    { 0x68400000, "ldnp with opc=01 (no LDNPSW)" },
    { 0x3a400400, "ccmn with o2 (bit 10) set" },
    { 0x9a800c00, "csel with op2<1>=1" },
    { 0x9b408000, "smulh (op31=010) with o0=1" },
    { 0x1b200000, "smaddl with sf=0" },
    { 0xd503301f, "barrier op2=000" },
    { 0xd503201e, "hint with rt != 31" },
    { 0x08a004a0, "cas with rt2 != 11111" },
};

static void test_dp_imm(void)
{
    run_cases(dp_imm_cases, sizeof(dp_imm_cases) / sizeof(dp_imm_cases[0]));
}

static void test_branch_sys(void)
{
    run_cases(branch_sys_cases, sizeof(branch_sys_cases) / sizeof(branch_sys_cases[0]));
}

static void test_ldst(void)
{
    run_cases(ldst_cases, sizeof(ldst_cases) / sizeof(ldst_cases[0]));
}

static void test_dp_reg(void)
{
    run_cases(dp_reg_cases, sizeof(dp_reg_cases) / sizeof(dp_reg_cases[0]));
}

static void test_undecoded(void)
{
    for (size_t i = 0; i < sizeof(undecoded) / sizeof(undecoded[0]); i++) {
        DisasContext ctx;
        bool ok;

        memset(&ctx, 0, sizeof(ctx));
        ok = decode_a64(&ctx, undecoded[i].insn);
        CU_ASSERT_FALSE(ok);
        CU_ASSERT_PTR_NULL(ctx.name);
        if (ok) {
            fprintf(stderr, "\n  %08x (%s) decoded as %s\n", undecoded[i].insn,
                    undecoded[i].why, ctx.name);
        }
    }
}

/* Signed fields come out sign-extended to 64 bits at both ends of their range. */
static void test_sign_extension(void)
{
    DisasContext ctx;

    memset(&ctx, 0, sizeof(ctx));
    CU_ASSERT_TRUE(decode_a64(&ctx, 0x16000000));      /* b with imm26 = -2^25 */
    CU_ASSERT_STRING_EQUAL(ctx.name, "B");
    CU_ASSERT_EQUAL(field(&ctx, "imm"), -(INT64_C(1) << 25));
    CU_ASSERT_TRUE(decode_a64(&ctx, 0x15ffffff));      /* b with imm26 = 2^25 - 1 */
    CU_ASSERT_EQUAL(field(&ctx, "imm"), (INT64_C(1) << 25) - 1);
    CU_ASSERT_TRUE(decode_a64(&ctx, 0x90800000));      /* adrp x0: immhi:immlo = -2^20 */
    CU_ASSERT_STRING_EQUAL(ctx.name, "ADRP");
    CU_ASSERT_EQUAL(field(&ctx, "imm"), -(INT64_C(1) << 20));
    CU_ASSERT_TRUE(decode_a64(&ctx, 0xb6fffffe));      /* tbz x30, #63, -4 */
    CU_ASSERT_STRING_EQUAL(ctx.name, "TBZ");
    CU_ASSERT_EQUAL(field(&ctx, "bit"), 63);
    CU_ASSERT_EQUAL(field(&ctx, "imm"), -1);
}

#ifdef HAVE_DECODE_TEST
/* The generator's format features, on tests/unit/decode-test.decode. */
static void test_generator_format(void)
{
    DisasContext ctx;

    memset(&ctx, 0, sizeof(ctx));
    /* T_plain: literal bits with '-' and '.', unsigned a, signed b. */
    CU_ASSERT_TRUE(decode_test(&ctx, 0xf0ff12f0));
    CU_ASSERT_STRING_EQUAL(ctx.name, "T_plain");
    CU_ASSERT_EQUAL(field(&ctx, "a"), 0x12);
    CU_ASSERT_EQUAL(field(&ctx, "b"), -16);

    /* Two patterns sharing SHARED: union of fields, absent ones are 0. */
    CU_ASSERT_TRUE(decode_test(&ctx, 0xf100ab00));
    CU_ASSERT_STRING_EQUAL(ctx.name, "SHARED");
    CU_ASSERT_EQUAL(ctx.nfields, 3);
    CU_ASSERT_EQUAL(field(&ctx, "a"), 0xab);
    CU_ASSERT_EQUAL(field(&ctx, "k"), 7);
    CU_ASSERT_EQUAL(field(&ctx, "c"), 0);
    CU_ASSERT_TRUE(decode_test(&ctx, 0xf10100cd));
    CU_ASSERT_EQUAL(field(&ctx, "a"), 0);
    CU_ASSERT_EQUAL(field(&ctx, "k"), -3);
    CU_ASSERT_EQUAL(field(&ctx, "c"), 0xcd);

    /* Concatenation hi:lo, signed from hi; components are not fields. */
    CU_ASSERT_TRUE(decode_test(&ctx, 0xf2e57700));
    CU_ASSERT_STRING_EQUAL(ctx.name, "T_cat");
    CU_ASSERT_EQUAL(ctx.nfields, 2);
    CU_ASSERT_EQUAL(field(&ctx, "v"), -27);     /* 0xe5 as signed 8 bits */
    CU_ASSERT_EQUAL(field(&ctx, "mid"), 0x77);

    /* A pattern with open bits in [28:25] is found from every op0 value. */
    for (uint32_t op0 = 0; op0 < 8; op0++) {
        uint32_t insn = 0x61000000u | (op0 << 25) | 0x123456;
        CU_ASSERT_TRUE(decode_test(&ctx, insn));
        CU_ASSERT_STRING_EQUAL(ctx.name, "T_wide");
        CU_ASSERT_EQUAL(field(&ctx, "x"), 0x123456);
    }

    /* No match: wrong fixed bits. */
    CU_ASSERT_FALSE(decode_test(&ctx, 0xf1020000));
    CU_ASSERT_FALSE(decode_test(&ctx, 0x60000000));
}
#endif

static CU_TestInfo tests[] = {
    { "data processing immediate", test_dp_imm },
    { "branches, exceptions, system", test_branch_sys },
    { "loads and stores", test_ldst },
    { "data processing register", test_dp_reg },
    { "unallocated and FP/SIMD words do not decode", test_undecoded },
    { "sign extension of offsets", test_sign_extension },
#ifdef HAVE_DECODE_TEST
    { "generator format features", test_generator_format },
#endif
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return cunit_run_suite("decode", tests);
}
