/*
 * A fast path through the host's SSE unit for FADD/FSUB/FMUL/FDIV/FSQRT in
 * single and double precision, taken only where it provably gives the
 * bits and FPSR flags that the Arm ARM pseudocode (fpu-arith.c) gives:
 *
 * - FPCR.RMode is round to nearest and the host MXCSR is at its default
 *   (round to nearest, no FTZ/DAZ), so the host rounds as FPRound does;
 * - every operand is a normal number (no zero, denormal, infinity or NaN:
 *   FZ, DN, NaN propagation and the special cases cannot come in);
 * - the result's magnitude is above the smallest normal and finite: it was
 *   not tiny before rounding (rounding is monotonic and the smallest
 *   normal is representable) and did not overflow, so neither UFC nor OFC
 *   nor flushing applies, and the only flag is IXC;
 * - IXC is decided exactly: by TwoSum's error term for sums, and by exact
 *   integer or exact double products for products, quotients and roots.
 *
 * Single precision is computed in double and rounded once more to single;
 * double has 53 >= 2 * 24 + 2 bits, which makes that double rounding give
 * the correctly rounded single result for +, -, *, / and sqrt.
 */
#include <stdint.h>
#include "target-arm/fpu-internal.h"

/*
 * The code is in fpu-internal.h (fpr_fast_d, fpr_fast_s), shared with the
 * direct helpers of helper-fp-fast.c so that there is one fast path.
 */

/* MXCSR RC (bits 14:13), FTZ (15), DAZ (6) clear. */
static bool host_mxcsr_default(void)
{
    return (__builtin_ia32_stmxcsr() & 0xe040) == 0;
}

bool fpr_host_ok = false;

/* Once, before main(): see fpr_host_ok in fpu-internal.h. */
static void __attribute__((constructor)) host_fast_init(void)
{
    fpr_host_ok = host_mxcsr_default();
}

void fpr_host_fastpath(bool on)
{
    fpr_host_ok = on && host_mxcsr_default();
}

bool fpr_host_arith(ArmFPSize sz, FPHostOp op, uint64_t a, uint64_t b, uint32_t fpcr,
                    uint32_t *fpsr, uint64_t *res)
{
    if (sz == FP16 || !fpr_fast_mode(fpcr)) {
        return false;
    }
    return sz == FP64 ? fpr_fast_d(op, a, b, fpsr, res)
                      : fpr_fast_s(op, (uint32_t)a, (uint32_t)b, fpsr, res);
}
