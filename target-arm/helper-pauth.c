/*
 * FEAT_PAuth arithmetic and helpers, FEAT_RNG's RNDR: see pauth.h.
 *
 * QARMA5 runs on every PACIASP/AUTIASP of a PAC-enabled kernel or libc,
 * so it works on all sixteen 4-bit cells of the state at once: the S-box
 * through a byte table (two cells per lookup), and every linear step
 * (cell shuffle, MixColumns, the tweak schedule, and their products such
 * as MixColumns after the shuffle) as eight byte-indexed tables whose
 * entries are XORed: a linear map over GF(2) is the XOR of its images of
 * the eight bytes.  The tables are built at start-up from the definitions
 * (the shuffles as shift-and-mask groups, MixColumns as rotations of the
 * word, whose four 16-bit lanes are the rows of the 4x4 cell matrix).
 *
 * Cell numbering: the Arm ARM's pseudocode names nibbles from bit 0 up;
 * the QARMA paper numbers cells from the most significant one.  Nibble i
 * is the paper's cell 15 - i; the permutations below are the paper's tau
 * and h rewritten in nibble terms.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/random.h>
#include "target-arm/pauth.h"
#include "target-arm/exception.h"

/* --- QARMA5 --- */

/* The paper's sigma2 S-box, which ComputePAC's PACSub uses. */
static const uint8_t sbox4[16] = { 0xb, 0x6, 0x8, 0xf, 0xc, 0x0, 0x9, 0xe,
                                   0x3, 0x7, 0x4, 0x5, 0xd, 0x2, 0x1, 0xa };
/* tau (PACCellShuffle) and h (TweakShuffle) in the paper's cell order: out cell c = in cell p[c]. */
static const uint8_t tau_cells[16] = { 0, 11, 6, 13, 10, 1, 12, 7, 5, 14, 3, 8, 15, 4, 9, 2 };
static const uint8_t h_cells[16] = { 6, 5, 14, 15, 0, 1, 2, 3, 7, 12, 13, 4, 8, 9, 10, 11 };
/* The tweak LFSR omega acts on the paper's cells 0, 1, 3, 4, 8, 11, 13 (after h): nibbles 15, 14, 12, 11, 7, 4, 2. */
#define TWEAK_LFSR_MASK 0xff0ff000f00f0f00ull
#define NIB_1 0x1111111111111111ull
#define NIB_3 0x3333333333333333ull
#define NIB_7 0x7777777777777777ull
#define NIB_C 0xccccccccccccccccull
#define NIB_E 0xeeeeeeeeeeeeeeeeull

static const uint64_t round_const[5] = {
    0x0000000000000000ull, 0x13198A2E03707344ull, 0xA4093822299F31D0ull,
    0x082EFA98EC4E6C89ull, 0x452821E638D01377ull,
};
#define QARMA_ALPHA 0xC0AC29B7C97C50DDull

/* A nibble permutation as groups of cells moving by the same number of bits. */
typedef struct NibblePerm {
    unsigned n;
    int shift[16];          /* > 0: left, < 0: right */
    uint64_t mask[16];      /* destination cells of the group */
} NibblePerm;

static uint8_t sub8[256], inv_sub8[256];
static NibblePerm cell_shuffle, cell_inv_shuffle, tweak_shuffle, tweak_inv_shuffle;

/* Build the groups of "out nibble i = in nibble src[i]". */
static void perm_build(NibblePerm *p, const unsigned src[16])
{
    p->n = 0;
    for (unsigned i = 0; i < 16; i++) {
        int sh = 4 * ((int)i - (int)src[i]);
        unsigned k;
        for (k = 0; k < p->n && p->shift[k] != sh; k++) {
        }
        if (k == p->n) {
            p->shift[k] = sh;
            p->mask[k] = 0;
            p->n++;
        }
        p->mask[k] |= 0xfull << (4 * i);
    }
}

static inline uint64_t perm_apply(const NibblePerm *p, uint64_t x)
{
    uint64_t o = 0;

    for (unsigned k = 0; k < p->n; k++) {
        int sh = p->shift[k];
        o |= (sh >= 0 ? x << sh : x >> -sh) & p->mask[k];
    }
    return o;
}

/* Paper cell permutation -> nibble sources (and the inverse). */
static void perm_from_cells(NibblePerm *fwd, NibblePerm *inv, const uint8_t cells[16])
{
    unsigned src[16], isrc[16];

    for (unsigned i = 0; i < 16; i++) {
        src[i] = 15u - cells[15 - i];
    }
    for (unsigned i = 0; i < 16; i++) {
        isrc[src[i]] = i;
    }
    perm_build(fwd, src);
    perm_build(inv, isrc);
}

static inline uint64_t pac_mult(uint64_t x);
static inline uint64_t tweak_next_slow(uint64_t t);
static inline uint64_t tweak_prev_slow(uint64_t t);

/* The linear steps as byte tables: MixColumns after the shuffle, its inverse order, the tweak steps. */
enum { LIN_MIX_SHUFFLE, LIN_INVSHUFFLE_MIX, LIN_INVSHUFFLE, LIN_TWEAK_NEXT, LIN_TWEAK_PREV, LIN_COUNT };
static uint64_t lin_tab[LIN_COUNT][8][256];

static uint64_t lin_slow(unsigned which, uint64_t x)
{
    switch (which) {
    case LIN_MIX_SHUFFLE:
        return pac_mult(perm_apply(&cell_shuffle, x));
    case LIN_INVSHUFFLE_MIX:
        return perm_apply(&cell_inv_shuffle, pac_mult(x));
    case LIN_INVSHUFFLE:
        return perm_apply(&cell_inv_shuffle, x);
    case LIN_TWEAK_NEXT:
        return tweak_next_slow(x);
    default:
        return tweak_prev_slow(x);
    }
}

static inline uint64_t lin(unsigned which, uint64_t x)
{
    const uint64_t (*t)[256] = lin_tab[which];

    return t[0][x & 0xff] ^ t[1][(x >> 8) & 0xff] ^ t[2][(x >> 16) & 0xff] ^ t[3][(x >> 24) & 0xff] ^
           t[4][(x >> 32) & 0xff] ^ t[5][(x >> 40) & 0xff] ^ t[6][(x >> 48) & 0xff] ^ t[7][x >> 56];
}

__attribute__((constructor)) static void qarma_tables_init(void)
{
    uint8_t inv4[16];

    for (unsigned i = 0; i < 16; i++) {
        inv4[sbox4[i]] = (uint8_t)i;
    }
    for (unsigned b = 0; b < 256; b++) {
        sub8[b] = (uint8_t)(sbox4[b & 15] | sbox4[b >> 4] << 4);
        inv_sub8[b] = (uint8_t)(inv4[b & 15] | inv4[b >> 4] << 4);
    }
    perm_from_cells(&cell_shuffle, &cell_inv_shuffle, tau_cells);
    perm_from_cells(&tweak_shuffle, &tweak_inv_shuffle, h_cells);
    for (unsigned w = 0; w < LIN_COUNT; w++) {
        for (unsigned i = 0; i < 8; i++) {
            for (unsigned b = 0; b < 256; b++) {
                lin_tab[w][i][b] = lin_slow(w, (uint64_t)b << (8 * i));
            }
        }
    }
}

static inline uint64_t sub_bytes(const uint8_t *t, uint64_t x)
{
    uint64_t o = 0;

    for (unsigned i = 0; i < 64; i += 8) {
        o |= (uint64_t)t[(x >> i) & 0xff] << i;
    }
    return o;
}

static inline uint64_t rol64(uint64_t x, unsigned n)
{
    return (x << n) | (x >> (64 - n));
}

/*
 * PACMult: each column (nibbles i, i+4, i+8, i+12) times the circulant
 * matrix (0, rho, rho^2, rho), rho = rotate a cell left by one.  With the
 * rows as 16-bit lanes, row r gets rho(row r+1) ^ rho^2(row r+2) ^ rho(row r+3).
 */
static inline uint64_t pac_mult(uint64_t x)
{
    uint64_t r1 = ((x << 1) & NIB_E) | ((x >> 3) & NIB_1);
    uint64_t r2 = ((x << 2) & NIB_C) | ((x >> 2) & NIB_3);

    return rol64(r1, 16) ^ rol64(r2, 32) ^ rol64(r1, 48);
}

/* TweakCellRot on the LFSR cells: (b3 b2 b1 b0) -> (b0^b1 b3 b2 b1). */
static inline uint64_t tweak_next_slow(uint64_t t)
{
    uint64_t p = perm_apply(&tweak_shuffle, t);
    uint64_t r = ((p >> 1) & NIB_7) | (((p ^ (p >> 1)) & NIB_1) << 3);

    return (p & ~TWEAK_LFSR_MASK) | (r & TWEAK_LFSR_MASK);
}

static inline uint64_t tweak_prev_slow(uint64_t t)
{
    uint64_t r = ((t << 1) & NIB_E) | (((t >> 3) ^ t) & NIB_1);

    return perm_apply(&tweak_inv_shuffle, (t & ~TWEAK_LFSR_MASK) | (r & TWEAK_LFSR_MASK));
}

uint64_t arm_qarma5(uint64_t data, uint64_t modifier, uint64_t key0, uint64_t key1)
{
    /* modk0 = key0<0> : key0<63:2> : (key0<63> ^ key0<1>), the paper's w1 = o(w0). */
    uint64_t modk0 = (key0 << 63) | ((key0 >> 2) << 1) | (((key0 >> 63) ^ (key0 >> 1)) & 1);
    uint64_t mod = modifier, w = data ^ key0;

    for (unsigned i = 0; i < 5; i++) {
        w ^= key1 ^ mod ^ round_const[i];
        if (i > 0) {
            w = lin(LIN_MIX_SHUFFLE, w);
        }
        w = sub_bytes(sub8, w);
        mod = lin(LIN_TWEAK_NEXT, mod);
    }
    /* The reflector. */
    w ^= modk0 ^ mod;
    w = sub_bytes(sub8, lin(LIN_MIX_SHUFFLE, w));
    w = lin(LIN_MIX_SHUFFLE, w) ^ key1;
    w = sub_bytes(inv_sub8, lin(LIN_INVSHUFFLE, w));
    w = lin(LIN_INVSHUFFLE_MIX, w);
    w ^= key0 ^ mod;
    for (unsigned i = 0; i < 5; i++) {
        w = sub_bytes(inv_sub8, w);
        if (i < 4) {
            w = lin(LIN_INVSHUFFLE_MIX, w);
        }
        mod = lin(LIN_TWEAK_PREV, mod);
        w ^= round_const[4 - i] ^ key1 ^ mod ^ QARMA_ALPHA;
    }
    return w ^ modk0;
}

/*
 * The IMPLEMENTATION DEFINED algorithm: a keyed 64-bit mix (two
 * multiply-xorshift rounds), about a tenth of QARMA5's cost.  Not a
 * cipher; good enough to tell pointers and modifiers apart.
 */
uint64_t arm_pauth_impdef_pac(uint64_t data, uint64_t modifier, uint64_t key0, uint64_t key1)
{
    uint64_t x = data ^ key0;

    x ^= rol64(modifier ^ key1, 29);
    x *= 0x9e3779b97f4a7c15ull;
    x ^= x >> 31;
    x ^= key1;
    x *= 0xbf58476d1ce4e5b9ull | 1;
    x ^= x >> 29;
    x ^= rol64(modifier, 41) ^ key0;
    x *= 0x94d049bb133111ebull;
    return x ^ (x >> 32);
}

static bool pauth_impdef;

void arm_pauth_set_impdef(bool impdef)
{
    pauth_impdef = impdef;
}

bool arm_pauth_uses_impdef(void)
{
    return pauth_impdef;
}

/*
 * A per-thread memo of recent QARMA5 results: AUTIASP recomputes exactly
 * the PAC that the matching PACIASP computed (same return address, SP and
 * key), and a function called in a loop from one place signs the same
 * pair every time, so most of a PAC-enabled kernel's calls hit.  The
 * whole input is the tag, so a hit is always the right answer (a new key
 * simply misses).
 */
#define PAC_MEMO_BITS 9
typedef struct PacMemo {
    uint64_t data, modifier, key_hi, key_lo, pac;
} PacMemo;
static __thread PacMemo pac_memo[1u << PAC_MEMO_BITS];

uint64_t arm_pauth_compute(uint64_t data, uint64_t modifier, uint64_t key_hi, uint64_t key_lo)
{
    uint64_t h;
    PacMemo *m;

    if (pauth_impdef) {
        return arm_pauth_impdef_pac(data, modifier, key_hi, key_lo);
    }
    h = (data ^ rol64(modifier, 17) ^ key_lo) * 0x9e3779b97f4a7c15ull;
    m = &pac_memo[h >> (64 - PAC_MEMO_BITS)];
    if (m->data != data || m->modifier != modifier || m->key_hi != key_hi || m->key_lo != key_lo ||
        (m->pac == 0 && m->data == 0 && m->key_hi == 0 && m->key_lo == 0)) {
        m->pac = arm_qarma5(data, modifier, key_hi, key_lo);
        m->data = data;
        m->modifier = modifier;
        m->key_hi = key_hi;
        m->key_lo = key_lo;
    }
    return m->pac;
}

/* --- pointer layout (AddPAC, Auth, Strip) --- */

/* TCR_EL1 fields (D17.2.131) and the single-range TCR_EL2/EL3 ones. */
#define TCR_TBI0 (1ull << 37)
#define TCR_TBI1 (1ull << 38)
#define TCR_TBID0 (1ull << 51)
#define TCR_TBID1 (1ull << 52)
#define TCR_ELX_TBI (1ull << 20)
#define TCR_ELX_TBID (1ull << 29)

ArmPauthLayout arm_pauth_layout(const CPUARMState *env, uint64_t ptr, bool is_instr)
{
    unsigned el = env->pstate_el;
    bool upper = (ptr >> 55) & 1;
    ArmPauthLayout l;
    unsigned tsz;

    if (el <= 1) {
        /* EL1&0: TTBR0/TTBR1 halves selected by bit 55. */
        uint64_t tcr = env->tcr_el[1];
        bool tbi = tcr & (upper ? TCR_TBI1 : TCR_TBI0);
        bool tbid = tcr & (upper ? TCR_TBID1 : TCR_TBID0);
        l.tbi = tbi && !(tbid && is_instr);
        tsz = (unsigned)(upper ? (tcr >> 16) : tcr) & 0x3f;
    } else {
        uint64_t tcr = env->tcr_el[el];
        l.tbi = (tcr & TCR_ELX_TBI) && !((tcr & TCR_ELX_TBID) && is_instr);
        tsz = (unsigned)tcr & 0x3f;
    }
    /* Without FEAT_TTST/FEAT_LVA the usable TxSZ range is 16..39. */
    if (tsz < 16) {
        tsz = 16;
    } else if (tsz > 39) {
        tsz = 39;
    }
    l.bottom = 64 - tsz;
    return l;
}

static inline uint64_t bits_mask(unsigned hi, unsigned lo)
{
    return ((hi >= 63 ? ~0ull : (2ull << hi) - 1)) & ~((1ull << lo) - 1);
}

/* The pointer with the PAC field replaced by copies of bit 55 (the top byte kept under TBI). */
static uint64_t pauth_original(uint64_t ptr, ArmPauthLayout l)
{
    uint64_t ext = (ptr >> 55) & 1 ? ~0ull : 0;
    uint64_t field = l.tbi ? bits_mask(55, l.bottom) : bits_mask(63, l.bottom);

    return (ptr & ~field) | (ext & field);
}

static bool key_is_data(unsigned key)
{
    return key == ARM_PAUTH_KEY_DA || key == ARM_PAUTH_KEY_DB;
}

uint64_t arm_pauth_add(const CPUARMState *env, uint64_t ptr, uint64_t modifier, unsigned key)
{
    ArmPauthLayout l = arm_pauth_layout(env, ptr, !key_is_data(key));
    uint64_t ext_ptr = pauth_original(ptr, l);
    uint64_t pac = arm_pauth_compute(ext_ptr, modifier, env->apkey[key][1], env->apkey[key][0]);
    unsigned top = l.tbi ? 55 : 63;
    uint64_t ext = ptr & bits_mask(top, l.bottom);
    uint64_t result;

    /* A pointer whose extension bits are not all equal gets a PAC that cannot authenticate. */
    if (ext != 0 && ext != bits_mask(top, l.bottom)) {
        pac ^= 1ull << (top - 1);
    }
    result = (ptr & ((1ull << l.bottom) - 1)) | (ptr & (1ull << 55)) | (pac & bits_mask(54, l.bottom));
    result |= l.tbi ? (ptr & bits_mask(63, 56)) : (pac & bits_mask(63, 56));
    return result;
}

uint64_t arm_pauth_auth(const CPUARMState *env, uint64_t ptr, uint64_t modifier, unsigned key)
{
    ArmPauthLayout l = arm_pauth_layout(env, ptr, !key_is_data(key));
    uint64_t orig = pauth_original(ptr, l);
    uint64_t pac = arm_pauth_compute(orig, modifier, env->apkey[key][1], env->apkey[key][0]);
    uint64_t check = bits_mask(54, l.bottom) | (l.tbi ? 0 : bits_mask(63, 56));
    /* error_code = keynumber : NOT(keynumber): 01 for the A keys, 10 for the B keys. */
    uint64_t err = (key == ARM_PAUTH_KEY_IB || key == ARM_PAUTH_KEY_DB) ? 2 : 1;

    if (((pac ^ ptr) & check) == 0) {
        return orig;
    }
    /* ARMv8.3 (no FPAC): a failed check leaves a pointer that faults when used. */
    if (l.tbi) {
        return (orig & ~bits_mask(54, 53)) | err << 53;
    }
    return (orig & ~bits_mask(62, 61)) | err << 61;
}

uint64_t arm_pauth_strip(const CPUARMState *env, uint64_t ptr, bool data)
{
    return pauth_original(ptr, arm_pauth_layout(env, ptr, !data));
}

/* --- helpers --- */

static const CPUARMState *ENV(uint64_t p)
{
    return (const CPUARMState *)(uintptr_t)p;
}

uint64_t helper_pauth_add(uint64_t envp, uint64_t ptr, uint64_t modifier, uint64_t key)
{
    return arm_pauth_add(ENV(envp), ptr, modifier, (unsigned)key);
}

uint64_t helper_pauth_auth(uint64_t envp, uint64_t ptr, uint64_t modifier, uint64_t key)
{
    return arm_pauth_auth(ENV(envp), ptr, modifier, (unsigned)key);
}

uint64_t helper_pauth_strip(uint64_t envp, uint64_t ptr, uint64_t data)
{
    return arm_pauth_strip(ENV(envp), ptr, data != 0);
}

/* C6.2 PACGA: ComputePAC(Xn, Xm|SP, APGAKey)<63:32> : Zeros(32). */
uint64_t helper_pacga(uint64_t envp, uint64_t x, uint64_t y)
{
    const CPUARMState *env = ENV(envp);

    return arm_pauth_compute(x, y, env->apkey[ARM_PAUTH_KEY_GA][1], env->apkey[ARM_PAUTH_KEY_GA][0]) &
           0xffffffff00000000ull;
}

/*
 * D17.2 RNDR/RNDRRS: host randomness.  getrandom without flags only fails
 * for an interrupted call before the pool is ready; retry then.
 */
uint64_t helper_rndr(void)
{
    uint64_t v = 0;

    while (getrandom(&v, sizeof(v), 0) != (ssize_t)sizeof(v)) {
        if (errno != EINTR && errno != EAGAIN) {
            abort();   /* no usable randomness on the host: an emulator environment bug */
        }
    }
    return v;
}

ARM_PAUTH_HELPERS(ARM_HELPER_RECORD)
