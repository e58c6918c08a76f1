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
#include <string.h>
#include "target-arm/fpu-internal.h"

static bool host_fast_enabled = true;

void fpr_host_fastpath(bool on)
{
    host_fast_enabled = on;
}

static inline bool host_mode_ok(uint32_t fpcr)
{
    if (!host_fast_enabled || (fpcr & (3u << FPCR_RMODE_SHIFT)) != 0) {
        return false;
    }
    /* MXCSR RC (bits 14:13), FTZ (15), DAZ (6) must be clear. */
    return (__builtin_ia32_stmxcsr() & 0xe040) == 0;
}

static inline bool normal_d(uint64_t x)
{
    uint64_t e = (x >> 52) & 0x7ff;
    return e != 0 && e != 0x7ff;
}

static inline bool normal_s(uint32_t x)
{
    uint32_t e = (x >> 23) & 0xff;
    return e != 0 && e != 0xff;
}

/* Above the smallest normal and finite. */
static inline bool result_ok_d(uint64_t r)
{
    uint64_t m = r & ~(1ull << 63);
    return m > 0x0010000000000000ull && m < 0x7ff0000000000000ull;
}

static inline bool result_ok_s(uint32_t r)
{
    uint32_t m = r & 0x7fffffffu;
    return m > 0x00800000u && m < 0x7f800000u;
}

static inline double d_of(uint64_t x)
{
    double d;
    memcpy(&d, &x, 8);
    return d;
}

static inline uint64_t bits_d(double d)
{
    uint64_t x;
    memcpy(&x, &d, 8);
    return x;
}

static inline float f_of(uint32_t x)
{
    float f;
    memcpy(&f, &x, 4);
    return f;
}

static inline uint32_t bits_f(float f)
{
    uint32_t x;
    memcpy(&x, &f, 4);
    return x;
}

/* Significand with the implicit bit, and the exponent of its last bit, of a normal double. */
static inline uint64_t sig_d(uint64_t x, int *e)
{
    *e = (int)((x >> 52) & 0x7ff) - 1075;
    return (x & ((1ull << 52) - 1)) | (1ull << 52);
}

/* Whether p * 2^s == m exactly, for p >= 2^104 and m < 2^53 (so s < 0). */
static bool shifted_equal(u128 p, int s, uint64_t m)
{
    if (s >= 0) {
        return false;
    }
    if (-s >= 128) {
        return false;
    }
    u128 mask = ((u128)1 << -s) - 1;
    return (p & mask) == 0 && (p >> -s) == m;
}

/* SQRTSD: correctly rounded per MXCSR (checked above), without libm's errno path. */
static inline double host_sqrt(double x)
{
    double r;
    __asm__("sqrtsd %1, %0" : "=x"(r) : "x"(x));
    return r;
}

/* TwoSum: a + b == s + err exactly (round to nearest, no overflow). */
static inline double two_sum_err(double a, double b, double s)
{
    double bb = s - a;               /* no -ffast-math: evaluated as written */
    double err = (a - (s - bb)) + (b - bb);
    return err;
}

bool fpr_host_arith(ArmFPSize sz, FPHostOp op, uint64_t a, uint64_t b, uint32_t fpcr,
                    uint32_t *fpsr, uint64_t *res)
{
    if (sz == FP16 || !host_mode_ok(fpcr)) {
        return false;
    }
    if (sz == FP64) {
        if (!normal_d(a) || (op != FPH_SQRT && !normal_d(b))) {
            return false;
        }
        double x = d_of(a), y = d_of(b), r;
        bool exact;
        int ea, eb, er;
        uint64_t ma, mb, mr;
        switch (op) {
        case FPH_ADD:
        case FPH_SUB:
            if (op == FPH_SUB) {
                y = -y;
            }
            r = x + y;
            if (!result_ok_d(bits_d(r))) {
                return false;
            }
            exact = two_sum_err(x, y, r) == 0.0;
            break;
        case FPH_MUL:
            r = x * y;
            if (!result_ok_d(bits_d(r))) {
                return false;
            }
            {
                u128 p = (u128)sig_d(a, &ea) * sig_d(b, &eb);
                /* exact when the product's significant bits fit in 53 */
                int tz = (uint64_t)p != 0 ? __builtin_ctzll((uint64_t)p)
                                          : 64 + __builtin_ctzll((uint64_t)(p >> 64));
                exact = fpr_msb128(p) - tz + 1 <= 53;
            }
            break;
        case FPH_DIV:
            r = x / y;
            if (!result_ok_d(bits_d(r))) {
                return false;
            }
            /* exact when r * y == x: sig(r) * sig(y) * 2^(er + eb) == sig(x) * 2^ea */
            mr = sig_d(bits_d(r), &er);
            mb = sig_d(b, &eb);
            ma = sig_d(a, &ea);
            exact = shifted_equal((u128)mr * mb, er + eb - ea, ma);
            break;
        default: /* FPH_SQRT */
            if (a >> 63) {
                return false;
            }
            r = host_sqrt(x);
            if (!result_ok_d(bits_d(r))) {
                return false;
            }
            mr = sig_d(bits_d(r), &er);
            ma = sig_d(a, &ea);
            exact = shifted_equal((u128)mr * mr, 2 * er - ea, ma);
            break;
        }
        if (!exact) {
            *fpsr |= FPSR_IXC;
        }
        *res = bits_d(r);
        return true;
    }

    /* Single precision, through double. */
    uint32_t a32 = (uint32_t)a, b32 = (uint32_t)b;
    if (!normal_s(a32) || (op != FPH_SQRT && !normal_s(b32))) {
        return false;
    }
    double x = f_of(a32), y = f_of(b32), d;
    float f;
    bool exact;
    switch (op) {
    case FPH_ADD:
    case FPH_SUB:
        if (op == FPH_SUB) {
            y = -y;
        }
        d = x + y;
        f = (float)d;
        if (!result_ok_s(bits_f(f))) {
            return false;
        }
        exact = two_sum_err(x, y, d) == 0.0 && (double)f == d;
        break;
    case FPH_MUL:
        d = x * y;                          /* exact: 48 bits */
        f = (float)d;
        if (!result_ok_s(bits_f(f))) {
            return false;
        }
        exact = (double)f == d;
        break;
    case FPH_DIV:
        d = x / y;
        f = (float)d;
        if (!result_ok_s(bits_f(f))) {
            return false;
        }
        exact = (double)f * y == x;         /* the product is exact in double */
        break;
    default: /* FPH_SQRT */
        if (a32 >> 31) {
            return false;
        }
        d = host_sqrt(x);
        f = (float)d;
        if (!result_ok_s(bits_f(f))) {
            return false;
        }
        exact = (double)f * (double)f == x;
        break;
    }
    if (!exact) {
        *fpsr |= FPSR_IXC;
    }
    *res = bits_f(f);
    return true;
}
