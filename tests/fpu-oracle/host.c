/*
 * The host side of the FP differential test (see run.sh).
 *   host gen COUNT SEED   writes COUNT cases per operation for gen.c
 *   host check            reads gen.c's output, recomputes every case with
 *                         target-arm/fpu.h and prints "N passed, M failed"
 * Cases where QEMU departs from the Arm ARM pseudocode are counted as
 * "allowed" with the reason (see allowed_difference()).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "target-arm/fpu.h"

#define ONES(sz) ((sz) == 8 ? ~0ull : (1ull << ((sz) * 8)) - 1)
#define IMASK(ib) ((ib) == 64 ? ~0ull : (1ull << (ib)) - 1)

static uint64_t jcvt_host(uint64_t a, uint32_t fpcr, uint32_t *fl)
{
    bool z;
    uint32_t r = fp_jcvt(a, &z, fpcr, fl);
    return (uint64_t)r | ((uint64_t)z << 32);
}

typedef uint64_t HostFn(uint64_t fpcr, uint64_t a, uint64_t b, uint64_t c, uint32_t *flp);

#define X(name, insn, expr, ta, tb, tc)                                                        \
    static uint64_t host_##name(uint64_t fpcr64, uint64_t a, uint64_t b, uint64_t c,           \
                                uint32_t *flp)                                                 \
    {                                                                                          \
        uint32_t fpcr = (uint32_t)fpcr64, fl = 0;                                              \
        ArmRounding RM = fpcr_rounding(fpcr);                                                  \
        (void)RM; (void)a; (void)b; (void)c;                                                   \
        uint64_t r = (expr);                                                                   \
        *flp = fl;                                                                             \
        return r;                                                                              \
    }
#include "ops.def"
#undef X

static const struct {
    const char *name;
    HostFn *fn;
    int t[3];
} ops[] = {
#define X(name, insn, expr, ta, tb, tc) { #name, host_##name, { ta, tb, tc } },
#include "ops.def"
#undef X
};
#define NOPS (sizeof(ops) / sizeof(ops[0]))

static uint64_t rng_state;

static uint64_t rnd(void)
{
    /* xorshift64*: deterministic for a seed, good enough for test data. */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717ull;
}

/* A random FP value of sz bytes, biased toward the interesting places. */
static uint64_t rnd_fp(int sz)
{
    int bits = sz * 8, fb = sz == 2 ? 10 : sz == 4 ? 23 : 52, eb = bits - 1 - fb;
    int bias = (1 << (eb - 1)) - 1, emax = (1 << eb) - 1;
    uint64_t sign = (rnd() & 1) << (bits - 1);
    uint64_t fmask = (1ull << fb) - 1;
    uint64_t frac = rnd() & fmask;
    int e;

    switch (rnd() % 16) {
    case 0: /* specials */
        switch (rnd() % 8) {
        case 0: return sign;
        case 1: return sign | ((uint64_t)emax << fb);
        case 2: return sign | ((uint64_t)emax << fb) | (1ull << (fb - 1)) | (frac >> 2);  /* QNaN */
        case 3: return sign | ((uint64_t)emax << fb) | ((frac >> 2) | 1);            /* SNaN */
        case 4: return sign | 1;                                                     /* min denormal */
        case 5: return sign | fmask;                                                 /* max denormal */
        case 6: return sign | ((uint64_t)(emax - 1) << fb) | fmask;                  /* max normal */
        default: return sign | (1ull << fb);                                         /* min normal */
        }
    case 1: case 2: /* random bits */
        return rnd() & ONES(sz);
    case 3: /* denormal */
        return sign | frac;
    case 4: /* near the bottom of the normal range */
        e = 1 + (int)(rnd() % 4);
        break;
    case 5: /* near overflow */
        e = emax - 1 - (int)(rnd() % 3);
        break;
    case 6: case 7: /* integers and halves for FRINT and FCVT */
        e = bias + (int)(rnd() % (fb + 2)) - 1;
        frac &= ~0ull << (rnd() % (fb + 1));
        break;
    case 8: /* around the 32/64-bit integer limits */
        e = bias + (sz == 2 ? 15 : (rnd() & 1) ? 31 : 63) - (int)(rnd() % 2);
        if (e >= emax) {
            e = emax - 1;
        }
        if (rnd() & 1) {
            frac = rnd() & 1 ? 0 : fmask;
        }
        break;
    case 9: /* short mantissas (exact products, ties) */
        e = bias - 4 + (int)(rnd() % 9);
        frac &= ~0ull << (fb - (int)(rnd() % 6));
        break;
    default: /* moderate exponents */
        e = bias - 20 + (int)(rnd() % 41);
        if (e < 1) {
            e = 1;
        }
        break;
    }
    return sign | ((uint64_t)e << fb) | frac;
}

static uint64_t rnd_int(int bytes)
{
    uint64_t v;
    switch (rnd() % 6) {
    case 0: v = rnd() % 5; break;
    case 1: v = -(rnd() % 5); break;
    case 2: v = 1ull << (rnd() % 64); break;
    case 3: v = rnd() >> (rnd() % 64); break;
    case 4: v = (rnd() >> (rnd() % 64)) << (rnd() % 64); break;
    default: v = rnd(); break;
    }
    return bytes == 8 ? v : v & ((1ull << (bytes * 8)) - 1);
}

static uint64_t rnd_fpcr(const char *name)
{
    uint64_t v = (rnd() & 3) << FPCR_RMODE_SHIFT;
    if (rnd() % 4 == 0) {
        v |= FPCR_FZ;
    }
    if (rnd() % 4 == 0) {
        v |= FPCR_FZ16;
    }
    if (rnd() % 4 == 0) {
        v |= FPCR_DN;
    }
    if (strncmp(name, "fcvt_", 5) == 0 && rnd() % 3 == 0) {
        v |= FPCR_AHP;
    }
    return v;
}

static int generate(long count, uint64_t seed)
{
    rng_state = seed * 0x9e3779b97f4a7c15ull + 1;
    for (unsigned i = 0; i < NOPS; i++) {
        for (long n = 0; n < count; n++) {
            uint64_t v[3];
            for (int k = 0; k < 3; k++) {
                int t = ops[i].t[k];
                v[k] = t > 0 ? rnd_fp(t) : t < 0 ? rnd_int(-t) : 0;
            }
            /*
             * Related operands: an addend that (nearly) cancels the product,
             * operands equal or close in magnitude (cancellation, ties in
             * compares), exact quotients and perfect squares.
             */
            int sz = ops[i].t[0];
            uint64_t sgn = sz > 0 ? 1ull << (sz * 8 - 1) : 0;
            uint32_t fl = 0;
            unsigned pick = (unsigned)(rnd() % 16);
            if (ops[i].t[2] > 0 && pick < 3) {
                v[2] = fp_mul((ArmFPSize)sz, v[0], v[1], (uint32_t)(rnd() & (3u << 22)), &fl) ^ sgn;
                if (pick == 1) {
                    v[2] ^= rnd() & 0xf;
                }
            } else if (ops[i].t[1] > 0 && pick < 2) {
                v[1] = v[0] ^ ((rnd() & 1) ? sgn : 0);
            } else if (ops[i].t[1] > 0 && pick < 4) {
                v[1] = (v[0] ^ ((rnd() & 1) ? sgn : 0)) + (rnd() % 64) - 32;
                v[1] &= ONES(sz);
            } else if (ops[i].t[1] > 0 && pick < 5 && strncmp(ops[i].name, "fdiv", 4) == 0) {
                v[0] = fp_mul((ArmFPSize)sz, v[1], fixed_to_fp((ArmFPSize)sz, rnd() % 1000, 0, true, 32,
                                                               FPROUND_TIEEVEN, 0, &fl), 0, &fl);
            } else if (ops[i].t[1] == 0 && sz > 0 && pick < 3 && strncmp(ops[i].name, "fsqrt", 5) == 0) {
                v[0] = fp_mul((ArmFPSize)sz, v[0] & ~sgn, v[0] & ~sgn, 0, &fl);
            }
            printf("%s %llx %llx %llx %llx\n", ops[i].name, (unsigned long long)rnd_fpcr(ops[i].name),
                   (unsigned long long)v[0], (unsigned long long)v[1], (unsigned long long)v[2]);
        }
    }
    return 0;
}

/*
 * Known places where QEMU 7.2 does not follow the Arm ARM pseudocode;
 * returns the reason, or NULL when the difference is a real failure.
 */
static const char *allowed_difference(const char *name, uint64_t fpcr, uint64_t a, uint64_t b,
                                      uint64_t c, uint64_t ref_r, uint64_t ref_f, uint64_t r,
                                      uint64_t f)
{
    (void)b; (void)c;
    /*
     * The scalar FP16 fixed-point FCVTZS/FCVTZU (AdvSIMD shift by immediate)
     * write a 16-bit element and zero the rest of the register; QEMU 7.2
     * leaves the integer sign-extended to 32 bits.
     */
    if (strncmp(name, "fcvtz", 5) == 0 && strstr(name, "_h_h_") && ref_f == f &&
        (ref_r & 0xffff) == r && (ref_r >> 16) == ((r & 0x8000) ? 0xffff : 0)) {
        return "QEMU sign-extends the 16-bit FP16 fixed-point result";
    }
    /*
     * FPToFixedJS: a positive denormal flushed by FZ clears Z
     * ("sign == '0' && value == 0.0 && !IsZero(op<51:0>)"); QEMU 7.2 sets it
     * (QEMU issue 2375, fixed in 2024).
     */
    if (strcmp(name, "fjcvtzs") == 0 && (fpcr & FPCR_FZ) && (a >> 52) == 0 &&
        (a & ((1ull << 52) - 1)) != 0 && ref_r == (r | (1ull << 32)) && ref_f == f) {
        return "QEMU sets Z for a flushed positive denormal";
    }
    return NULL;
}

static int check(int verbose)
{
    char name[64], line[512];
    unsigned long long fpcr, a, b, c, ref_r, ref_f;
    long passed = 0, failed = 0, allowed = 0, shown = 0;

    while (fgets(line, sizeof(line), stdin)) {
        if (sscanf(line, "%63s %llx %llx %llx %llx %llx %llx", name, &fpcr, &a, &b, &c, &ref_r,
                   &ref_f) != 7) {
            fprintf(stderr, "host: bad line: %s", line);
            return 2;
        }
        unsigned i;
        for (i = 0; i < NOPS && strcmp(ops[i].name, name) != 0; i++) {
        }
        if (i == NOPS) {
            fprintf(stderr, "host: unknown op %s\n", name);
            return 2;
        }
        uint32_t fl = 0;
        uint64_t r = ops[i].fn(fpcr, a, b, c, &fl);
        uint64_t f = fl;
        ref_f &= 0x9f;    /* the cumulative exception bits */
        if (r == ref_r && f == ref_f) {
            passed++;
            continue;
        }
        const char *why = allowed_difference(name, fpcr, a, b, c, ref_r, ref_f, r, f);
        if (why) {
            allowed++;
            if (verbose) {
                printf("allowed (%s): %s", why, line);
            }
            continue;
        }
        failed++;
        if (shown++ < 40 || verbose) {
            printf("FAIL %s fpcr=%llx a=%llx b=%llx c=%llx: qemu %llx fpsr %llx, ours %llx fpsr %llx\n",
                   name, fpcr, a, b, c, ref_r, ref_f, (unsigned long long)r,
                   (unsigned long long)f);
        }
    }
    printf("fpu-oracle: %ld allowed differences (QEMU departs from the Arm ARM)\n", allowed);
    printf("%ld passed, %ld failed\n", passed + allowed, failed);
    return failed != 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "gen") == 0) {
        return generate(atol(argv[2]), strtoull(argv[3], NULL, 0));
    }
    if (argc >= 2 && strcmp(argv[1], "check") == 0) {
        return check(argc == 3 && strcmp(argv[2], "-v") == 0);
    }
    fprintf(stderr, "usage: host gen COUNT SEED | host check [-v]\n");
    return 2;
}
