/*
 * Integer helpers of the A64 frontend (the table is in helpers.h): CRC32,
 * RBIT, the virtual counter and the 16-byte compare-and-swap of the X-pair
 * exclusives and CASP.
 */
#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>
#include "target-arm/helpers.h"

void *(*arm_guest_host_addr)(CPUARMState *env, uint64_t addr, unsigned size,
                             unsigned align_log2, int is_write);

/* --- CRC32 (Arm ARM C6.2 CRC32B..CRC32X, CRC32CB..CRC32CX) --- */

/*
 * The Arm CRC instructions work bit-reflected and without the initial or
 * final inversion that zlib adds (software does those itself), so one byte
 * step is the textbook shift-right loop over the reflected polynomial.
 */
static uint32_t crc_update(uint32_t acc, uint64_t data, unsigned bytes, uint32_t poly_reflected)
{
    for (unsigned i = 0; i < bytes; i++) {
        acc ^= (uint8_t)(data >> (8 * i));
        for (int b = 0; b < 8; b++) {
            acc = (acc >> 1) ^ (poly_reflected & -(acc & 1));
        }
    }
    return acc;
}

uint64_t helper_crc32(uint64_t acc, uint64_t data, uint64_t bytes)
{
    return crc_update((uint32_t)acc, data, (unsigned)bytes, 0xEDB88320u);  /* 0x04C11DB7 reflected */
}

uint64_t helper_crc32c(uint64_t acc, uint64_t data, uint64_t bytes)
{
    return crc_update((uint32_t)acc, data, (unsigned)bytes, 0x82F63B78u);  /* 0x1EDC6F41 reflected */
}

/* --- C6.2 RBIT --- */

uint64_t helper_rbit64(uint64_t x)
{
    /* Swap ever larger groups: bits, pairs, nibbles, then the bytes at once. */
    x = ((x >> 1) & 0x5555555555555555ull) | ((x & 0x5555555555555555ull) << 1);
    x = ((x >> 2) & 0x3333333333333333ull) | ((x & 0x3333333333333333ull) << 2);
    x = ((x >> 4) & 0x0f0f0f0f0f0f0f0full) | ((x & 0x0f0f0f0f0f0f0f0full) << 4);
    return __builtin_bswap64(x);
}

/* --- lazily held C and V (cpu.h) --- */

uint64_t helper_flags_ncv(uint64_t cc_op, uint64_t nf, uint64_t zf, uint64_t cc_b, uint64_t cf,
                          uint64_t vf)
{
    return arm_cc_flags(cc_op, nf, zf, cc_b, cf, vf);
}

/* --- D11 generic timer: CNTVCT_EL0 --- */

uint64_t helper_cntvct(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    /* 62.5 MHz is one tick every 16 ns. */
    return ((uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec) / 16;
}

/* --- 16-byte compare-and-swap (STXP/STLXP Xt pairs, CASP Xs pairs) --- */

static unsigned __int128 pair(uint64_t lo, uint64_t hi)
{
    return ((unsigned __int128)hi << 64) | lo;
}

static unsigned __int128 cas16(CPUARMState *env, uint64_t addr, unsigned __int128 expected,
                               unsigned __int128 newv)
{
    unsigned __int128 *p;

    assert(arm_guest_host_addr);   /* the accel layer (or a test) must set the hook */
    p = arm_guest_host_addr(env, addr, 16, 4, 1);
    /*
     * lock cmpxchg16b directly: the host is x86-64 (every CPU that runs
     * AArch64 guests at a useful speed has it), and the __atomic builtin
     * would need libatomic.  The address is 16-byte aligned (checked by
     * the hook), as the instruction requires.
     */
    uint64_t lo = (uint64_t)expected, hi = (uint64_t)(expected >> 64);
    __asm__ volatile("lock cmpxchg16b %2"
                     : "+a"(lo), "+d"(hi), "+m"(*p)
                     : "b"((uint64_t)newv), "c"((uint64_t)(newv >> 64))
                     : "memory", "cc");
    return pair(lo, hi);    /* the value found in memory (equal to expected on success) */
}

uint64_t helper_stxp128(uint64_t envp, uint64_t addr, uint64_t new_lo, uint64_t new_hi)
{
    CPUARMState *env = (CPUARMState *)(uintptr_t)envp;
    unsigned __int128 exp = pair(env->excl_val, env->excl_val2);

    return cas16(env, addr, exp, pair(new_lo, new_hi)) == exp ? 0 : 1;
}

void helper_casp128(uint64_t envp, uint64_t addr, uint64_t rs, uint64_t new_lo, uint64_t new_hi)
{
    CPUARMState *env = (CPUARMState *)(uintptr_t)envp;
    unsigned __int128 old;

    /* rs is even (trans_CASP checks); for rs = 30 the second register is XZR. */
    uint64_t hi = rs + 1 < 31 ? env->xregs[rs + 1] : 0;

    old = cas16(env, addr, pair(env->xregs[rs], hi), pair(new_lo, new_hi));
    env->xregs[rs] = (uint64_t)old;
    if (rs + 1 < 31) {
        env->xregs[rs + 1] = (uint64_t)(old >> 64);
    }
}

/* --- the IRHelperInfo records and interpreter thunks, from the one table --- */

ARM_HELPERS(ARM_HELPER_RECORD)
