/*
 * FEAT_PAuth arithmetic: QARMA5 known answers (the QARMA paper's test
 * vector P = fb623599da6e8127, T = 477d469dec0b8762, w0 = 84be85ce9804e94b,
 * k0 = ec2802d4e0a488e9 with r = 5: sigma0 gives 3ee99a6c82af0c38, the
 * sigma2 S-box of ComputePAC gives c003b93999b33765), the fast
 * nibble-parallel implementation against a slow cell-by-cell model of the
 * same cipher written from the paper, and the pointer layout of AddPAC /
 * Auth / Strip (TBI, the VA size from TCR, bit 55, the error codes).
 */
#include <string.h>
#include "runner.h"
#include "target-arm/pauth.h"

/* --- the slow model: cells in the paper's order (cell 0 = bits 63:60) --- */

static const unsigned tau[16] = { 0, 11, 6, 13, 10, 1, 12, 7, 5, 14, 3, 8, 15, 4, 9, 2 };
static const unsigned hperm[16] = { 6, 5, 14, 15, 0, 1, 2, 3, 7, 12, 13, 4, 8, 9, 10, 11 };
static const unsigned sigma0[16] = { 0, 14, 2, 10, 9, 15, 8, 11, 6, 4, 3, 7, 13, 12, 1, 5 };
static const unsigned sigma2[16] = { 11, 6, 8, 15, 12, 0, 9, 14, 3, 7, 4, 5, 13, 2, 1, 10 };
static const uint64_t rc[5] = { 0, 0x13198A2E03707344ull, 0xA4093822299F31D0ull, 0x082EFA98EC4E6C89ull,
                                 0x452821E638D01377ull };

typedef struct { unsigned c[16]; } Cells;

static Cells to_cells(uint64_t x)
{
    Cells s;
    for (int i = 0; i < 16; i++) {
        s.c[i] = (unsigned)(x >> (60 - 4 * i)) & 15;
    }
    return s;
}

static uint64_t from_cells(Cells s)
{
    uint64_t x = 0;
    for (int i = 0; i < 16; i++) {
        x |= (uint64_t)s.c[i] << (60 - 4 * i);
    }
    return x;
}

static uint64_t permute(uint64_t x, const unsigned *p, bool inverse)
{
    Cells a = to_cells(x), b;
    for (int i = 0; i < 16; i++) {
        if (inverse) {
            b.c[p[i]] = a.c[i];
        } else {
            b.c[i] = a.c[p[i]];
        }
    }
    return from_cells(b);
}

static uint64_t subst(uint64_t x, const unsigned *sb, bool inverse)
{
    Cells a = to_cells(x);
    for (int i = 0; i < 16; i++) {
        if (inverse) {
            for (unsigned v = 0; v < 16; v++) {
                if (sb[v] == a.c[i]) {
                    a.c[i] = v;
                    break;
                }
            }
        } else {
            a.c[i] = sb[a.c[i]];
        }
    }
    return from_cells(a);
}

static unsigned rho(unsigned c, unsigned n)
{
    return ((c << n) | (c >> (4 - n))) & 15;
}

/* M = Q = circ(0, rho, rho^2, rho) on each column (cells j, j+4, j+8, j+12). */
static uint64_t mix(uint64_t x)
{
    static const unsigned m[4] = { 0, 1, 2, 1 };
    Cells a = to_cells(x), b;
    for (int col = 0; col < 4; col++) {
        for (int row = 0; row < 4; row++) {
            unsigned v = 0;
            for (int k = 0; k < 4; k++) {
                unsigned e = m[(k - row + 4) % 4];
                if (e) {
                    v ^= rho(a.c[4 * k + col], e);
                }
            }
            b.c[4 * row + col] = v;
        }
    }
    return from_cells(b);
}

static const unsigned lfsr_cells[7] = { 0, 1, 3, 4, 8, 11, 13 };

static uint64_t tweak(uint64_t t, bool inverse)
{
    Cells a;
    if (!inverse) {
        t = permute(t, hperm, false);
    }
    a = to_cells(t);
    for (int i = 0; i < 7; i++) {
        unsigned c = a.c[lfsr_cells[i]];
        a.c[lfsr_cells[i]] = inverse ? (((c << 1) & 14) | (((c >> 3) ^ c) & 1))
                                     : ((c >> 1) | (((c ^ (c >> 1)) & 1) << 3));
    }
    t = from_cells(a);
    return inverse ? permute(t, hperm, true) : t;
}

static uint64_t slow_qarma(uint64_t p, uint64_t t, uint64_t w0, uint64_t k0, const unsigned *sb)
{
    uint64_t w1 = (w0 >> 1 | w0 << 63) ^ (w0 >> 63);
    uint64_t s = p ^ w0;
    for (int i = 0; i < 5; i++) {
        s ^= k0 ^ t ^ rc[i];
        if (i) {
            s = mix(permute(s, tau, false));
        }
        s = subst(s, sb, false);
        t = tweak(t, false);
    }
    s ^= w1 ^ t;
    s = mix(permute(s, tau, false));
    s = subst(s, sb, false);
    s = mix(permute(s, tau, false));
    s ^= k0;
    s = permute(s, tau, true);
    s = subst(s, sb, true);
    s = mix(s);
    s = permute(s, tau, true);
    s ^= w0 ^ t;
    for (int i = 0; i < 5; i++) {
        s = subst(s, sb, true);
        if (i < 4) {
            s = permute(mix(s), tau, true);
        }
        t = tweak(t, true);
        s ^= rc[4 - i] ^ k0 ^ t ^ 0xC0AC29B7C97C50DDull;
    }
    return s ^ w1;
}

#define VP 0xfb623599da6e8127ull
#define VT 0x477d469dec0b8762ull
#define VW0 0x84be85ce9804e94bull
#define VK0 0xec2802d4e0a488e9ull

static void test_slow_model_paper_vector(void)
{
    /* The paper's QARMA-64, r = 5, sigma0: validates the slow model's structure. */
    CU_ASSERT_EQUAL(slow_qarma(VP, VT, VW0, VK0, sigma0), 0x3ee99a6c82af0c38ull);
}

static void test_qarma5_known_answer(void)
{
    CU_ASSERT_EQUAL(slow_qarma(VP, VT, VW0, VK0, sigma2), 0xc003b93999b33765ull);
    CU_ASSERT_EQUAL(arm_qarma5(VP, VT, VW0, VK0), 0xc003b93999b33765ull);
}

static uint64_t rng_state = 0x123456789abcdefull;
static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static void test_qarma5_matches_model(void)
{
    for (int i = 0; i < 300; i++) {
        uint64_t p = rnd(), t = rnd(), w0 = rnd(), k0 = rnd();
        if (i == 0) {
            p = t = w0 = k0 = 0;
        }
        CU_ASSERT_EQUAL(arm_qarma5(p, t, w0, k0), slow_qarma(p, t, w0, k0, sigma2));
    }
}

/* --- pointer layout --- */

static CPUARMState env;

static void setup_el0_linux(void)
{
    memset(&env, 0, sizeof(env));
    /* Linux at EL0: 48-bit VAs both halves, TBI0, no TBI1. */
    env.tcr_el[1] = 16 | 16ull << 16 | 1ull << 37;
    for (int k = 0; k < 5; k++) {
        env.apkey[k][0] = rnd();
        env.apkey[k][1] = rnd();
    }
    arm_pauth_set_impdef(false);
}

static void test_layout_tbi(void)
{
    uint64_t ptr = 0x0000aaaabbbbcc00ull, signed_ptr, mask = 0x007f000000000000ull;
    ArmPauthLayout l;

    setup_el0_linux();
    l = arm_pauth_layout(&env, ptr, true);
    CU_ASSERT_TRUE(l.tbi);
    CU_ASSERT_EQUAL(l.bottom, 48);
    signed_ptr = arm_pauth_add(&env, ptr, 0x1234, ARM_PAUTH_KEY_IA);
    /* The PAC is bits 54:48 only: the top byte and bit 55 stay. */
    CU_ASSERT_EQUAL(signed_ptr & ~mask, ptr);
    CU_ASSERT_EQUAL(signed_ptr & mask,
                    arm_qarma5(ptr, 0x1234, env.apkey[0][1], env.apkey[0][0]) & mask);
    CU_ASSERT_EQUAL(arm_pauth_auth(&env, signed_ptr, 0x1234, ARM_PAUTH_KEY_IA), ptr);
    CU_ASSERT_EQUAL(arm_pauth_strip(&env, signed_ptr, false), ptr);
    /* A tag in the top byte is kept by all three. */
    signed_ptr = arm_pauth_add(&env, ptr | 0x5a00000000000000ull, 7, ARM_PAUTH_KEY_DB);
    CU_ASSERT_EQUAL(signed_ptr >> 56, 0x5a);
    CU_ASSERT_EQUAL(arm_pauth_auth(&env, signed_ptr, 7, ARM_PAUTH_KEY_DB), ptr | 0x5a00000000000000ull);
}

static void test_auth_failure_error_code(void)
{
    uint64_t ptr = 0x0000ffffe0001230ull, s, r;

    setup_el0_linux();
    s = arm_pauth_add(&env, ptr, 1, ARM_PAUTH_KEY_IA);
    r = arm_pauth_auth(&env, s, 2, ARM_PAUTH_KEY_IA);     /* wrong modifier */
    CU_ASSERT_EQUAL(r, ptr | 1ull << 53);                 /* error code 01 in bits 54:53 */
    s = arm_pauth_add(&env, ptr, 1, ARM_PAUTH_KEY_IB);
    r = arm_pauth_auth(&env, s, 1, ARM_PAUTH_KEY_IA);     /* wrong key */
    CU_ASSERT_EQUAL(r, ptr | 1ull << 53);
    r = arm_pauth_auth(&env, s ^ (1ull << 50), 1, ARM_PAUTH_KEY_IB);
    CU_ASSERT_EQUAL(r, ptr | 2ull << 53);                 /* B key: 10 */
}

static void test_layout_no_tbi_upper_half(void)
{
    /* A kernel pointer (bit 55 set, TBI1 = 0, T1SZ = 25: 39-bit VAs). */
    uint64_t ptr = 0xffffffc012345678ull, s, pac;
    ArmPauthLayout l;

    setup_el0_linux();
    env.tcr_el[1] = 25ull << 16 | 16 | 1ull << 37;
    env.pstate_el = 1;
    l = arm_pauth_layout(&env, ptr, true);
    CU_ASSERT_FALSE(l.tbi);
    CU_ASSERT_EQUAL(l.bottom, 39);
    s = arm_pauth_add(&env, ptr, 99, ARM_PAUTH_KEY_IB);
    pac = arm_qarma5(ptr, 99, env.apkey[1][1], env.apkey[1][0]);
    CU_ASSERT_EQUAL(s & ((1ull << 39) - 1), ptr & ((1ull << 39) - 1));
    CU_ASSERT_EQUAL((s >> 55) & 1, 1);                                   /* bit 55 kept */
    CU_ASSERT_EQUAL(s & 0xff7fff8000000000ull, pac & 0xff7fff8000000000ull);  /* 63:56, 54:39 */
    CU_ASSERT_EQUAL(arm_pauth_auth(&env, s, 99, ARM_PAUTH_KEY_IB), ptr);
    CU_ASSERT_EQUAL(arm_pauth_strip(&env, s, false), ptr);
    /* Failure without TBI: the error code goes to bits 62:61. */
    CU_ASSERT_EQUAL(arm_pauth_auth(&env, s, 98, ARM_PAUTH_KEY_IB), (ptr & ~(3ull << 61)) | 2ull << 61);
}

static void test_bad_extension_never_authenticates(void)
{
    /* Bits 54:48 not a sign extension: AddPAC flips PAC<54>, so Auth fails. */
    uint64_t ptr = 0x0001000000401000ull, s;

    setup_el0_linux();
    s = arm_pauth_add(&env, ptr, 0, ARM_PAUTH_KEY_DA);
    CU_ASSERT_NOT_EQUAL(arm_pauth_auth(&env, s, 0, ARM_PAUTH_KEY_DA), ptr & ~0x00ff000000000000ull);
    CU_ASSERT_EQUAL(arm_pauth_auth(&env, s, 0, ARM_PAUTH_KEY_DA) >> 53 & 3, 1);
}

static void test_impdef(void)
{
    uint64_t ptr = 0x0000aaaabbbbcc00ull, s;

    setup_el0_linux();
    arm_pauth_set_impdef(true);
    s = arm_pauth_add(&env, ptr, 5, ARM_PAUTH_KEY_IA);
    CU_ASSERT_EQUAL(s & 0x007f000000000000ull,
                    arm_pauth_impdef_pac(ptr, 5, env.apkey[0][1], env.apkey[0][0]) & 0x007f000000000000ull);
    CU_ASSERT_EQUAL(arm_pauth_auth(&env, s, 5, ARM_PAUTH_KEY_IA), ptr);
    CU_ASSERT_EQUAL(arm_pauth_auth(&env, s, 6, ARM_PAUTH_KEY_IA), ptr | 1ull << 53);
    arm_pauth_set_impdef(false);
}

static void test_pacga(void)
{
    setup_el0_linux();
    CU_ASSERT_EQUAL(helper_pacga((uint64_t)(uintptr_t)&env, VP, VT),
                    arm_qarma5(VP, VT, env.apkey[4][1], env.apkey[4][0]) & 0xffffffff00000000ull);
}

static CU_TestInfo tests[] = {
    { "slow model: QARMA paper vector (sigma0)", test_slow_model_paper_vector },
    { "QARMA5 known answer (sigma2)", test_qarma5_known_answer },
    { "QARMA5 fast == slow model, random", test_qarma5_matches_model },
    { "layout with TBI (Linux EL0)", test_layout_tbi },
    { "auth failure error codes", test_auth_failure_error_code },
    { "layout without TBI, bit 55 set, T1SZ 25", test_layout_no_tbi_upper_half },
    { "bad extension bits", test_bad_extension_never_authenticates },
    { "impdef algorithm", test_impdef },
    { "PACGA", test_pacga },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return cunit_run_suite("pauth", tests);
}
