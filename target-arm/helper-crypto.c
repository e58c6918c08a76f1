/*
 * Cryptographic Extension helpers (table in helpers-simd.h): AES rounds
 * (FIPS-197), SHA-1 and SHA-256 schedule/hash steps (FIPS 180-4) as the
 * Arm ARM's pseudocode defines the A64 instructions (C7.2 AESE ...
 * SHA256SU1, SHA512H ... SHA512SU1), and the 64x64 -> 128 carry-less multiply of PMULL.
 */
#include <string.h>
#include <wmmintrin.h>
#include "target-arm/helpers-simd.h"

/* --- AES --- */

static uint8_t aes_sbox[256], aes_inv_sbox[256];

static uint8_t gf_mul(uint8_t a, uint8_t b)
{
    uint8_t r = 0;
    while (b) {
        if (b & 1) {
            r ^= a;
        }
        a = (uint8_t)((a << 1) ^ ((a & 0x80) ? 0x1b : 0));
        b >>= 1;
    }
    return r;
}

static uint8_t rotl8(uint8_t x, int n)
{
    return (uint8_t)((x << n) | (x >> (8 - n)));
}

/* The S-box from its definition: multiplicative inverse in GF(2^8), then the affine map. */
__attribute__((constructor)) static void aes_init_sbox(void)
{
    for (int x = 0; x < 256; x++) {
        uint8_t inv = 0;
        for (int y = 1; y < 256 && x; y++) {
            if (gf_mul((uint8_t)x, (uint8_t)y) == 1) {
                inv = (uint8_t)y;
                break;
            }
        }
        uint8_t s = inv ^ rotl8(inv, 1) ^ rotl8(inv, 2) ^ rotl8(inv, 3) ^ rotl8(inv, 4) ^ 0x63;
        aes_sbox[x] = s;
        aes_inv_sbox[s] = (uint8_t)x;
    }
}

void helper_crypto_aes(uint64_t envp, uint64_t op, uint64_t dofs, uint64_t nofs)
{
    CPUARMState *env = (CPUARMState *)(uintptr_t)envp;
    uint8_t *d = (uint8_t *)env + dofs, st[16], r[16];

    /* The state is column-major: byte 4c + row. */
    memcpy(st, (uint8_t *)env + nofs, 16);
    switch (op) {
    case CRYPTO_AESE:
    case CRYPTO_AESD:
        for (int i = 0; i < 16; i++) {
            st[i] ^= d[i];
        }
        for (int c = 0; c < 4; c++) {
            for (int row = 0; row < 4; row++) {
                if (op == CRYPTO_AESE) {   /* ShiftRows then SubBytes */
                    r[4 * c + row] = aes_sbox[st[4 * ((c + row) % 4) + row]];
                } else {                   /* InvShiftRows then InvSubBytes */
                    r[4 * c + row] = aes_inv_sbox[st[4 * ((c - row + 4) % 4) + row]];
                }
            }
        }
        break;
    default: {
        static const uint8_t mix[4] = { 2, 3, 1, 1 }, inv_mix[4] = { 14, 11, 13, 9 };
        const uint8_t *k = op == CRYPTO_AESMC ? mix : inv_mix;
        for (int c = 0; c < 4; c++) {
            for (int row = 0; row < 4; row++) {
                uint8_t x = 0;
                for (int j = 0; j < 4; j++) {
                    x ^= gf_mul(st[4 * c + j], k[(j - row + 4) % 4]);
                }
                r[4 * c + row] = x;
            }
        }
        break;
    }
    }
    memcpy(d, r, 16);
}

/* --- SHA-1 / SHA-256 --- */

static uint32_t rol32(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }
static uint32_t ror32(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

static void sha512_op(uint64_t op, const uint64_t *w, const uint64_t *x, const uint64_t *y,
                      uint64_t *r);

void helper_crypto_sha(uint64_t envp, uint64_t op, uint64_t dofs, uint64_t nofs, uint64_t mofs)
{
    CPUARMState *env = (CPUARMState *)(uintptr_t)envp;
    uint32_t d[4], n[4], m[4], r[4] = { 0 };

    if (op >= CRYPTO_SHA512H) {
        uint64_t w[2], x[2], y[2], r64[2];
        memcpy(w, (uint8_t *)env + dofs, 16);
        memcpy(x, (uint8_t *)env + nofs, 16);
        memcpy(y, (uint8_t *)env + mofs, 16);
        sha512_op(op, w, x, y, r64);
        memcpy((uint8_t *)env + dofs, r64, 16);
        return;
    }
    memcpy(d, (uint8_t *)env + dofs, 16);
    memcpy(n, (uint8_t *)env + nofs, 16);
    memcpy(m, (uint8_t *)env + mofs, 16);
    switch (op) {
    case CRYPTO_SHA1C: case CRYPTO_SHA1P: case CRYPTO_SHA1M: {
        /* Four rounds on abcd = Vd with e = Sn and the four W+K of Vm. */
        uint32_t y = n[0];
        for (int e = 0; e < 4; e++) {
            uint32_t b = d[1], c = d[2], dd = d[3], t;
            if (op == CRYPTO_SHA1C) {
                t = (b & c) | (~b & dd);
            } else if (op == CRYPTO_SHA1P) {
                t = b ^ c ^ dd;
            } else {
                t = (b & c) | (b & dd) | (c & dd);
            }
            y += rol32(d[0], 5) + t + m[e];
            d[1] = rol32(d[1], 30);
            /* <Y, X> = ROL(Y:X, 32) */
            uint32_t top = d[3];
            d[3] = d[2];
            d[2] = d[1];
            d[1] = d[0];
            d[0] = y;
            y = top;
        }
        memcpy(r, d, 16);
        break;
    }
    case CRYPTO_SHA1SU0:
        /* (Vn<63:0> : Vd<127:64>) ^ Vd ^ Vm */
        r[0] = d[2] ^ d[0] ^ m[0];
        r[1] = d[3] ^ d[1] ^ m[1];
        r[2] = n[0] ^ d[2] ^ m[2];
        r[3] = n[1] ^ d[3] ^ m[3];
        break;
    case CRYPTO_SHA1H:
        r[0] = rol32(n[0], 30);
        break;
    case CRYPTO_SHA1SU1: {
        uint32_t t[4] = { d[0] ^ n[1], d[1] ^ n[2], d[2] ^ n[3], d[3] };
        r[0] = rol32(t[0], 1);
        r[1] = rol32(t[1], 1);
        r[2] = rol32(t[2], 1);
        r[3] = rol32(t[3], 1) ^ rol32(t[0], 2);
        break;
    }
    case CRYPTO_SHA256H: case CRYPTO_SHA256H2: {
        /* SHA256H: X = abcd (Vd), Y = efgh (Vn); SHA256H2 swaps the roles and returns Y. */
        uint32_t x[4], y[4];
        memcpy(x, op == CRYPTO_SHA256H ? d : n, 16);
        memcpy(y, op == CRYPTO_SHA256H ? n : d, 16);
        for (int e = 0; e < 4; e++) {
            uint32_t chs = (y[0] & y[1]) ^ (~y[0] & y[2]);
            uint32_t maj = (x[0] & x[1]) ^ (x[0] & x[2]) ^ (x[1] & x[2]);
            uint32_t s1 = ror32(y[0], 6) ^ ror32(y[0], 11) ^ ror32(y[0], 25);
            uint32_t s0 = ror32(x[0], 2) ^ ror32(x[0], 13) ^ ror32(x[0], 22);
            uint32_t t = y[3] + s1 + chs + m[e];
            x[3] += t;
            y[3] = t + s0 + maj;
            /* <Y, X> = ROL(Y:X, 32) */
            uint32_t xt = x[3], yt = y[3];
            x[3] = x[2]; x[2] = x[1]; x[1] = x[0]; x[0] = yt;
            y[3] = y[2]; y[2] = y[1]; y[1] = y[0]; y[0] = xt;
        }
        memcpy(r, op == CRYPTO_SHA256H ? x : y, 16);
        break;
    }
    case CRYPTO_SHA256SU0: {
        uint32_t t[4] = { d[1], d[2], d[3], n[0] };
        for (int e = 0; e < 4; e++) {
            r[e] = (ror32(t[e], 7) ^ ror32(t[e], 18) ^ (t[e] >> 3)) + d[e];
        }
        break;
    }
    case CRYPTO_SHA256SU1: {
        uint32_t t0[4] = { n[1], n[2], n[3], m[0] };
        for (int e = 0; e < 4; e++) {
            uint32_t elt = e < 2 ? m[2 + e] : r[e - 2];
            r[e] = (ror32(elt, 17) ^ ror32(elt, 19) ^ (elt >> 10)) + d[e] + t0[e];
        }
        break;
    }
    default:
        break;
    }
    memcpy((uint8_t *)env + dofs, r, 16);
}

/* --- SHA-512 (C7.2 SHA512H, SHA512H2, SHA512SU0, SHA512SU1) --- */

static uint64_t ror64(uint64_t x, int n) { return (x >> n) | (x << (64 - n)); }

static uint64_t sha512_sigma1(uint64_t x) { return ror64(x, 14) ^ ror64(x, 18) ^ ror64(x, 41); }
static uint64_t sha512_sigma0(uint64_t x) { return ror64(x, 28) ^ ror64(x, 34) ^ ror64(x, 39); }

static void sha512_op(uint64_t op, const uint64_t *w, const uint64_t *x, const uint64_t *y,
                      uint64_t *r)
{
    /* w = Vd, x = Vn, y = Vm; element [0] is bits 63:0 */
    switch (op) {
    case CRYPTO_SHA512H: {
        uint64_t hi = ((y[1] & x[0]) ^ (~y[1] & x[1])) + sha512_sigma1(y[1]) + w[1];
        uint64_t t = hi + y[0];
        r[1] = hi;
        r[0] = ((t & y[1]) ^ (~t & x[0])) + sha512_sigma1(t) + w[0];
        break;
    }
    case CRYPTO_SHA512H2: {
        uint64_t hi = ((x[0] & y[1]) ^ (x[0] & y[0]) ^ (y[1] & y[0])) + sha512_sigma0(y[0]) + w[1];
        r[1] = hi;
        r[0] = ((hi & y[0]) ^ (hi & y[1]) ^ (y[1] & y[0])) + sha512_sigma0(hi) + w[0];
        break;
    }
    case CRYPTO_SHA512SU1:
        for (int e = 0; e < 2; e++) {
            r[e] = w[e] + (ror64(x[e], 19) ^ ror64(x[e], 61) ^ (x[e] >> 6)) + y[e];
        }
        break;
    default: /* CRYPTO_SHA512SU0 */
        r[0] = w[0] + (ror64(w[1], 1) ^ ror64(w[1], 8) ^ (w[1] >> 7));
        r[1] = w[1] + (ror64(x[0], 1) ^ ror64(x[0], 8) ^ (x[0] >> 7));
        break;
    }
}

/* --- PMULL 64x64 --- */

/* The reference: shift-and-xor over the bits of b. */
static unsigned __int128 clmul64_c(uint64_t a, uint64_t b)
{
    unsigned __int128 r = 0;
    for (int i = 0; i < 64; i++) {
        if (b >> i & 1) {
            r ^= (unsigned __int128)a << i;
        }
    }
    return r;
}

__attribute__((target("pclmul,sse2"))) static unsigned __int128 clmul64_pclmul(uint64_t a, uint64_t b)
{
    __m128i x = _mm_clmulepi64_si128(_mm_set_epi64x(0, (long long)a),
                                     _mm_set_epi64x(0, (long long)b), 0x00);
    unsigned __int128 r;
    memcpy(&r, &x, 16);
    return r;
}

void helper_crypto_pmull64(uint64_t envp, uint64_t dofs, uint64_t nofs, uint64_t mofs, uint64_t hi)
{
    CPUARMState *env = (CPUARMState *)(uintptr_t)envp;
    static int have_pclmul = -1;
    uint64_t a, b;
    unsigned __int128 r;

    if (have_pclmul < 0) {
        have_pclmul = __builtin_cpu_supports("pclmul") ? 1 : 0;
    }
    memcpy(&a, (uint8_t *)env + nofs + 8 * hi, 8);
    memcpy(&b, (uint8_t *)env + mofs + 8 * hi, 8);
    r = have_pclmul ? clmul64_pclmul(a, b) : clmul64_c(a, b);
    memcpy((uint8_t *)env + dofs, &r, 16);
}

/* For tests: the C reference, whatever the host has. */
unsigned __int128 crypto_clmul64_ref(uint64_t a, uint64_t b);
unsigned __int128 crypto_clmul64_ref(uint64_t a, uint64_t b)
{
    return clmul64_c(a, b);
}
