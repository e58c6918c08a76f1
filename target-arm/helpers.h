/*
 * Helpers of the A64 frontend: C functions that translated code calls for
 * what is too big or too awkward to inline as IR.
 *
 * ONE table, ARM_HELPERS below, lists every helper as
 *     X(name, return type, number of arguments, IR_HELPER_* flags)
 * and everything else comes from it:
 *   - the prototype   uint64_t helper_NAME(uint64_t, ...)   (helper-int.c defines it)
 *   - the record      const IRHelperInfo helper_info_NAME   (defined in helper-int.c,
 *                     with an interpreter thunk taking the argument array)
 *   - the builder     gen_helper_NAME(ir, [result,] arg0, ...)   (IR call, below)
 * Return types are uint64_t or void; every argument is a 64-bit integer
 * (pointers such as env travel as uint64_t, as tcg/ir.h requires).
 */
#ifndef TARGET_ARM_HELPERS_H
#define TARGET_ARM_HELPERS_H

#include <stdint.h>
#include "target-arm/cpu.h"
#include "tcg/ir.h"

#define ARM_HELPERS(X)                                                                 \
    /* C6.2 CRC32{B,H,W,X}: (acc, data, bytes) -> new acc, polynomial 0x04C11DB7 */ \
    X(crc32,      uint64_t, 3, IR_HELPER_PURE)                                          \
    /* CRC32C{B,H,W,X}: same with the Castagnoli polynomial 0x1EDC6F41 */             \
    X(crc32c,     uint64_t, 3, IR_HELPER_PURE)                                          \
    /* RBIT of a 64-bit value (the 32-bit form shifts the result right by 32) */      \
    X(rbit64,     uint64_t, 1, IR_HELPER_PURE)                                          \
    /* N, C and V of lazily held flags: (cc_op, nf, zf, cc_b, cf, vf)                 \
     * -> N << 2 | C << 1 | V (cpu.h arm_cc_flags) */                                  \
    X(flags_ncv,  uint64_t, 6, IR_HELPER_PURE)                                          \
    /* CNTVCT_EL0: the 62.5 MHz virtual count, from the host's monotonic clock */     \
    X(cntvct,     uint64_t, 0, 0)                                                       \
    /* STXP of an X pair: (env, addr, new_lo, new_hi) -> 0 on success, 1 on failure;  \
     * compares memory against env->excl_val/excl_val2 with a 16-byte CAS */          \
    X(stxp128,    uint64_t, 4, IR_HELPER_MAY_RAISE | IR_HELPER_READS_GLOBALS)          \
    /* CASP of an X pair: (env, addr, rs, new_lo, new_hi): compares with X[rs],      \
     * X[rs+1] and writes the old memory value back into them */                      \
    X(casp128,    void,     5, IR_HELPER_MAY_RAISE | IR_HELPER_READS_GLOBALS |          \
                               IR_HELPER_WRITES_GLOBALS)

/* Argument lists by count. */
#define ARM_HELPER_PARAMS_0 void
#define ARM_HELPER_PARAMS_1 uint64_t
#define ARM_HELPER_PARAMS_2 uint64_t, uint64_t
#define ARM_HELPER_PARAMS_3 uint64_t, uint64_t, uint64_t
#define ARM_HELPER_PARAMS_4 uint64_t, uint64_t, uint64_t, uint64_t
#define ARM_HELPER_PARAMS_5 uint64_t, uint64_t, uint64_t, uint64_t, uint64_t
#define ARM_HELPER_PARAMS_6 uint64_t, uint64_t, uint64_t, uint64_t, uint64_t, uint64_t

#define ARM_HELPER_PROTO(name, ret, nargs, flags) \
    ret helper_##name(ARM_HELPER_PARAMS_##nargs); \
    extern const IRHelperInfo helper_info_##name;
ARM_HELPERS(ARM_HELPER_PROTO)

/* IR builders.  The result parameter exists only for helpers returning uint64_t. */
#define ARM_HELPER_HAS_RESULT_uint64_t 1
#define ARM_HELPER_HAS_RESULT_void 0
#define ARM_HELPER_RES_uint64_t , IRv64 res
#define ARM_HELPER_RES_void
#define ARM_HELPER_RESTEMP_uint64_t res.t
#define ARM_HELPER_RESTEMP_void IR_NO_RESULT

#define ARM_HELPER_GPARAMS_0
#define ARM_HELPER_GPARAMS_1 , IRv64 a0
#define ARM_HELPER_GPARAMS_2 , IRv64 a0, IRv64 a1
#define ARM_HELPER_GPARAMS_3 , IRv64 a0, IRv64 a1, IRv64 a2
#define ARM_HELPER_GPARAMS_4 , IRv64 a0, IRv64 a1, IRv64 a2, IRv64 a3
#define ARM_HELPER_GPARAMS_5 , IRv64 a0, IRv64 a1, IRv64 a2, IRv64 a3, IRv64 a4
#define ARM_HELPER_GPARAMS_6 , IRv64 a0, IRv64 a1, IRv64 a2, IRv64 a3, IRv64 a4, IRv64 a5

#define ARM_HELPER_GARGS_0 0
#define ARM_HELPER_GARGS_1 a0.t
#define ARM_HELPER_GARGS_2 a0.t, a1.t
#define ARM_HELPER_GARGS_3 a0.t, a1.t, a2.t
#define ARM_HELPER_GARGS_4 a0.t, a1.t, a2.t, a3.t
#define ARM_HELPER_GARGS_5 a0.t, a1.t, a2.t, a3.t, a4.t
#define ARM_HELPER_GARGS_6 a0.t, a1.t, a2.t, a3.t, a4.t, a5.t

#define ARM_HELPER_GEN(name, ret, nargs, flags)                                        \
    static inline __attribute__((unused)) void gen_helper_##name(                       \
        IRContext *ir ARM_HELPER_RES_##ret ARM_HELPER_GPARAMS_##nargs)     \
    {                                                                                   \
        const IRTemp args[] = { ARM_HELPER_GARGS_##nargs };                             \
        ir_call(ir, &helper_info_##name, ARM_HELPER_RESTEMP_##ret, args);               \
    }
ARM_HELPERS(ARM_HELPER_GEN)

/*
 * The IRHelperInfo record and interpreter thunk of one helper: each
 * helper-*.c expands it over the table(s) whose helpers it defines.
 * ARM_HELPER_PROTO / ARM_HELPER_GEN / ARM_HELPER_RECORD stay defined so
 * that further helper tables (helpers-simd.h, ...) expand the same way.
 */
#define ARM_HELPER_TARGS_0
#define ARM_HELPER_TARGS_1 a[0]
#define ARM_HELPER_TARGS_2 a[0], a[1]
#define ARM_HELPER_TARGS_3 a[0], a[1], a[2]
#define ARM_HELPER_TARGS_4 a[0], a[1], a[2], a[3]
#define ARM_HELPER_TARGS_5 a[0], a[1], a[2], a[3], a[4]
#define ARM_HELPER_TARGS_6 a[0], a[1], a[2], a[3], a[4], a[5]

#define ARM_HELPER_THUNK_BODY_uint64_t(call) return call;
#define ARM_HELPER_THUNK_BODY_void(call) call; return 0;

#define ARM_HELPER_RECORD(hname, ret, hnargs, hflags)                                  \
    static uint64_t thunk_##hname(const uint64_t *a)                                  \
    {                                                                                 \
        (void)a;                                                                      \
        ARM_HELPER_THUNK_BODY_##ret(helper_##hname(ARM_HELPER_TARGS_##hnargs))         \
    }                                                                                 \
    const IRHelperInfo helper_info_##hname = {                                         \
        .name = #hname,                                                                \
        .fn = (void *)helper_##hname,                                                  \
        .thunk = thunk_##hname,                                                        \
        .nargs = hnargs,                                                               \
        .has_result = ARM_HELPER_HAS_RESULT_##ret,                                    \
        .flags = (hflags),                                                            \
    };

/*
 * Host address of guest memory for helpers that access it directly (the
 * 16-byte compare-and-swap of LDXP/STXP/CASP with X pairs, which has no IR
 * op).  The accel layer sets this hook: it returns the host pointer for
 * [addr, addr + size) or, when the access would fault (unmapped, or addr
 * not aligned to 1 << align_log2), records the fault and does not return.
 * is_write: 0 load, 1 store.  Unit tests set it to their own buffer.
 */
extern void *(*arm_guest_host_addr)(CPUARMState *env, uint64_t addr, unsigned size,
                                    unsigned align_log2, int is_write);

/* The generic timer frequency we advertise in CNTFRQ_EL0 (62.5 MHz). */
#define ARM_CNTFRQ_HZ 62500000ull

#endif
