/*
 * A64 instruction translation: the decoder generated from a64.decode
 * (build/gen/decode-a64.inc) and every trans_* function it dispatches to.
 *
 * The generated prototypes are static, so all trans functions must live in
 * this translation unit: they are kept in one *.c.inc file per encoding
 * class of the Arm ARM (C4.1), included below.  The .c.inc suffix keeps the
 * Makefile's wildcard of target-arm C files from compiling them on their own.
 */
#include <stddef.h>
#include "target-arm/translate.h"
#include "target-arm/helpers.h"
#include "util/log.h"
#include "decode-a64.inc"

/* Small shared vocabulary of the trans files. */

/* Zero-extend the low 32 bits when !sf (the view of a W register as a value). */
static IRv64 ext_w(DisasContext *s, IRv64 v, bool sf)
{
    IRv64 t;

    if (sf) {
        return v;
    }
    t = tmp64(s);
    ir_emit(s->ir, IR_ext32u, IR_I64, (uint64_t[]){ t.t, v.t });
    return t;
}

/* Sign-extend the low 32 bits. */
static IRv64 sext_w(DisasContext *s, IRv64 v)
{
    IRv64 t = tmp64(s);

    ir_emit(s->ir, IR_ext32s, IR_I64, (uint64_t[]){ t.t, v.t });
    return t;
}

static IRv32 trunc_w(DisasContext *s, IRv64 v)
{
    IRv32 t = ir_new32(s->ir);

    ir_trunc32(s->ir, t, v);
    return t;
}

static IRv64 widen_w(DisasContext *s, IRv32 v)
{
    IRv64 t = tmp64(s);

    ir_ext32u_i64(s->ir, t, v);
    return t;
}

#include "target-arm/trans-dp-imm.c.inc"
#include "target-arm/trans-dp-reg.c.inc"
#include "target-arm/trans-pauth.c.inc"
#include "target-arm/trans-branch.c.inc"
#include "target-arm/trans-system.c.inc"
#include "target-arm/trans-ldst.c.inc"
#include "target-arm/trans-atomic.c.inc"
#include "target-arm/trans-simd-util.c.inc"
#include "target-arm/trans-simd-ldst.c.inc"
#include "target-arm/trans-simd-copy.c.inc"
#include "target-arm/trans-simd-3reg.c.inc"
#include "target-arm/trans-simd-misc.c.inc"
#include "target-arm/trans-simd-shift.c.inc"
#include "target-arm/trans-simd-elem.c.inc"
#include "target-arm/trans-simd-crypto.c.inc"
#include "target-arm/trans-fp-common.c.inc"

bool disas_a64_insn(DisasContext *s, uint32_t insn)
{
    return decode_a64(s, insn);
}
