/*
 * Loops that gcc -O3 auto-vectorises into AdvSIMD code (widening sums,
 * saturation by clamping, min/max reductions, byte shuffles, dot
 * products, strided loads); prints their results.  Compared between our
 * aarch64-user and qemu-aarch64-static by tests/suites/simd-programs.sh.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define N 1000

static uint8_t a8[N], b8[N], c8[N];
static int16_t a16[N], b16[N], c16[N];
static int32_t a32[N], b32[N];
static int64_t a64[N];

__attribute__((noinline)) static uint32_t sum_u8(const uint8_t *p, int n)
{
    uint32_t s = 0;
    for (int i = 0; i < n; i++) s += p[i];
    return s;
}

__attribute__((noinline)) static void sat_add_u8(uint8_t *d, const uint8_t *x, const uint8_t *y, int n)
{
    for (int i = 0; i < n; i++) {
        unsigned v = (unsigned)x[i] + y[i];
        d[i] = v > 255 ? 255 : (uint8_t)v;
    }
}

__attribute__((noinline)) static void clamp_s16(int16_t *d, const int16_t *x, const int16_t *y, int n)
{
    for (int i = 0; i < n; i++) {
        int v = x[i] - y[i];
        d[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : (int16_t)v;
    }
}

__attribute__((noinline)) static int64_t dot_s16(const int16_t *x, const int16_t *y, int n)
{
    int64_t s = 0;
    for (int i = 0; i < n; i++) s += (int32_t)x[i] * y[i];
    return s;
}

__attribute__((noinline)) static int32_t max_s32(const int32_t *x, int n)
{
    int32_t m = INT32_MIN;
    for (int i = 0; i < n; i++) m = x[i] > m ? x[i] : m;
    return m;
}

__attribute__((noinline)) static uint8_t min_u8(const uint8_t *x, int n)
{
    uint8_t m = 255;
    for (int i = 0; i < n; i++) m = x[i] < m ? x[i] : m;
    return m;
}

__attribute__((noinline)) static void reverse_u8(uint8_t *d, const uint8_t *s, int n)
{
    for (int i = 0; i < n; i++) d[i] = s[n - 1 - i];
}

__attribute__((noinline)) static void rgb_to_gray(uint8_t *d, const uint8_t *rgb, int n)
{
    for (int i = 0; i < n; i++) {
        d[i] = (uint8_t)((rgb[3 * i] * 77 + rgb[3 * i + 1] * 150 + rgb[3 * i + 2] * 29) >> 8);
    }
}

__attribute__((noinline)) static void shifts(int32_t *d, const int32_t *x, const int32_t *y, int n)
{
    for (int i = 0; i < n; i++) d[i] = (x[i] >> 3) + (int32_t)((uint32_t)y[i] << 5) - (x[i] >> 31);
}

__attribute__((noinline)) static void widen_mul(int64_t *d, const int32_t *x, const int32_t *y, int n)
{
    for (int i = 0; i < n; i++) d[i] = (int64_t)x[i] * y[i];
}

__attribute__((noinline)) static void abs_diff(uint8_t *d, const uint8_t *x, const uint8_t *y, int n)
{
    for (int i = 0; i < n; i++) d[i] = x[i] > y[i] ? x[i] - y[i] : y[i] - x[i];
}

__attribute__((noinline)) static void avg_u8(uint8_t *d, const uint8_t *x, const uint8_t *y, int n)
{
    for (int i = 0; i < n; i++) d[i] = (uint8_t)((x[i] + y[i] + 1) >> 1);
}

__attribute__((noinline)) static uint32_t popcount_all(const uint8_t *x, int n)
{
    uint32_t c = 0;
    for (int i = 0; i < n; i++) c += (uint32_t)__builtin_popcount(x[i]);
    return c;
}

static uint64_t hash(const void *p, size_t n)
{
    const uint8_t *b = p;
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * 0x100000001b3ull;
    return h;
}

int main(void)
{
    uint32_t x = 7;
    for (int i = 0; i < N; i++) {
        x = x * 1664525u + 1013904223u;
        a8[i] = (uint8_t)(x >> 24);
        b8[i] = (uint8_t)(x >> 16);
        a16[i] = (int16_t)(x >> 8);
        b16[i] = (int16_t)(x >> 13);
        a32[i] = (int32_t)x;
        b32[i] = (int32_t)(x * 2654435761u);
    }
    a16[5] = 32767; b16[5] = -1; a16[6] = -32768; b16[6] = 1;
    printf("sum_u8 %u\n", sum_u8(a8, N));
    sat_add_u8(c8, a8, b8, N);
    printf("sat_add_u8 %016llx\n", (unsigned long long)hash(c8, N));
    clamp_s16(c16, a16, b16, N);
    printf("clamp_s16 %016llx\n", (unsigned long long)hash(c16, sizeof(c16)));
    printf("dot_s16 %lld\n", (long long)dot_s16(a16, b16, N));
    printf("max_s32 %d min_u8 %u\n", max_s32(a32, N), min_u8(b8 + 3, N - 3));
    reverse_u8(c8, a8, N);
    printf("reverse %016llx\n", (unsigned long long)hash(c8, N));
    rgb_to_gray(c8, a8, N / 3);
    printf("gray %016llx\n", (unsigned long long)hash(c8, N / 3));
    shifts(a32, a32, b32, N);
    printf("shifts %016llx\n", (unsigned long long)hash(a32, sizeof(a32)));
    widen_mul(a64, a32, b32, N);
    printf("widen_mul %016llx\n", (unsigned long long)hash(a64, sizeof(a64)));
    abs_diff(c8, a8, b8, N);
    printf("abs_diff %016llx\n", (unsigned long long)hash(c8, N));
    avg_u8(c8, a8, b8, N);
    printf("avg %016llx\n", (unsigned long long)hash(c8, N));
    printf("popcount %u\n", popcount_all(a8, N));
    memcpy(c8, a8 + 1, N - 1);
    printf("memcpy %016llx\n", (unsigned long long)hash(c8, N - 1));
    printf("strlen %zu\n", strlen("the quick brown fox jumps over the lazy dog, 0123456789"));
    return 0;
}
