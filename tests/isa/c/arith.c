/* Integer arithmetic over edge and pseudo-random values: every operator C
 * has on 8..64-bit and 128-bit types, overflow builtins, bit counts. */
#include "rt.h"

static const uint64_t edges[] = {
    0, 1, 2, 3, 7, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000,
    0xffffffff, 0x100000000, 0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff,
    0xfffffffffffffffe, 0x123456789abcdef0, 0xfedcba9876543210, 0x5555555555555555,
};
#define NEDGE (sizeof(edges) / sizeof(edges[0]))

static uint64_t rng_state = 0x9e3779b97f4a7c15;
static uint64_t rnd(void)
{
    /* xorshift64* */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1d;
}

/* The compiler must not fold: values come through a volatile. */
static uint64_t opaque(uint64_t v)
{
    volatile uint64_t x = v;
    return x;
}

static uint64_t h;
static void mix(uint64_t v)
{
    h = (h ^ v) * 0x100000001b3;
    h ^= h >> 29;
}

/* libgcc's __popcountdi2 uses AdvSIMD (CNT); count bits with integer ops */
static uint64_t popcount(uint64_t v)
{
    v = v - ((v >> 1) & 0x5555555555555555);
    v = (v & 0x3333333333333333) + ((v >> 2) & 0x3333333333333333);
    v = (v + (v >> 4)) & 0x0f0f0f0f0f0f0f0f;
    return (v * 0x0101010101010101) >> 56;
}

__attribute__((noinline)) static void ops(uint64_t a, uint64_t b)
{
    int64_t sa = (int64_t)a, sb = (int64_t)b;
    uint32_t a32 = (uint32_t)a, b32 = (uint32_t)b;
    int32_t sa32 = (int32_t)a32, sb32 = (int32_t)b32;
    mix(a + b); mix(a - b); mix(a * b); mix(a & b); mix(a | b); mix(a ^ b); mix(~a);
    mix(a << (b & 63)); mix(a >> (b & 63)); mix((uint64_t)(sa >> (b & 63)));
    mix(a32 + b32); mix(a32 * b32); mix(a32 << (b & 31)); mix(a32 >> (b & 31));
    mix((uint32_t)(sa32 >> (b & 31)));
    if (b) {
        mix(a / b); mix(a % b);
    }
    if (sb && !(sa == INT64_MIN && sb == -1)) {
        mix((uint64_t)(sa / sb)); mix((uint64_t)(sa % sb));
    }
    if (b32) {
        mix(a32 / b32); mix(a32 % b32);
    }
    if (sb32 && !(sa32 == INT32_MIN && sb32 == -1)) {
        mix((uint32_t)(sa32 / sb32)); mix((uint32_t)(sa32 % sb32));
    }
    unsigned __int128 up = (unsigned __int128)a * b;
    __int128 sp = (__int128)sa * sb;
    mix((uint64_t)(up >> 64)); mix((uint64_t)up); mix((uint64_t)(sp >> 64));
    mix((uint64_t)((int64_t)sa32 * sb32)); mix((uint64_t)a32 * b32);
    uint64_t r;
    int64_t sr;
    mix(__builtin_add_overflow(a, b, &r)); mix(r);
    mix(__builtin_sub_overflow(a, b, &r)); mix(r);
    mix(__builtin_mul_overflow(a, b, &r)); mix(r);
    mix(__builtin_add_overflow(sa, sb, &sr)); mix((uint64_t)sr);
    mix(__builtin_mul_overflow(sa, sb, &sr)); mix((uint64_t)sr);
    mix(a ? (uint64_t)__builtin_clzll(a) : 64); mix(a ? (uint64_t)__builtin_ctzll(a) : 64);
    mix(popcount(a)); mix((uint64_t)__builtin_clrsbll(sa));
    mix(__builtin_bswap64(a)); mix(__builtin_bswap32(a32)); mix(__builtin_bswap16((uint16_t)a));
    mix((a << (b & 63)) | (a >> ((64 - (b & 63)) & 63)));
    mix((uint64_t)(int8_t)a); mix((uint64_t)(int16_t)a); mix((uint64_t)(int32_t)a);
    mix((uint8_t)a); mix((uint16_t)a);
    mix(sa < sb); mix(a < b); mix(sa32 <= sb32); mix(a32 >= b32); mix(a == b);
    mix(sa < sb ? a : b); mix(a > b ? a - b : b - a);
    mix((a >> 7 & 0x1f) | ((b & 0x3ff) << 13));    /* bitfield extract/insert */
}

static const char *names[] = {"add", "sub", "mul", "udiv", "sdiv"};

int main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    for (unsigned i = 0; i < NEDGE; i++) {
        for (unsigned j = 0; j < NEDGE; j++) {
            ops(opaque(edges[i]), opaque(edges[j]));
        }
        put_kv("edge-row", h);
    }
    for (int i = 0; i < 20000; i++) {
        uint64_t a = rnd(), b = rnd();
        switch (i & 3) {
        case 1: b >>= 40; break;
        case 2: a >>= 33; b = (uint64_t)-(int64_t)(b >> 60); break;
        case 3: a = edges[a % NEDGE]; break;
        default: break;
        }
        ops(opaque(a), opaque(b));
    }
    put_kv("random", h);
    /* a few readable ones */
    int64_t x = (int64_t)opaque((uint64_t)-1234567890123LL), y = (int64_t)opaque(98765);
    int64_t v[5] = {x + y, x - y, x * y, (int64_t)((uint64_t)x / (uint64_t)y), x / y};
    for (int i = 0; i < 5; i++) {
        put_str(names[i]);
        put_char(' ');
        put_dec(v[i]);
        put_char('\n');
    }
    return 0;
}
