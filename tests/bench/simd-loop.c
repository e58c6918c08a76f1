/*
 * SIMD benchmark: integer and float array kernels that compilers
 * vectorise at -O3 (saxpy-like float updates, byte histogram-free sums,
 * 16-bit saturating-free mixes), so the AdvSIMD path is what gets timed.
 * Freestanding; prints a checksum.
 */
#include "freestanding.h"

#define N 4096
#define ROUNDS 3000

static float fa[N], fb[N];
static int32_t ia[N], ib[N];
static uint8_t ba[N];

int bench_main(void)
{
    uint64_t sum = 0;
    for (int i = 0; i < N; i++) {
        fa[i] = (float)(i % 97) * 0.25f;
        fb[i] = (float)(i % 13) * 0.5f;
        ia[i] = i * 7;
        ib[i] = (i * 13) & 255;
        ba[i] = (uint8_t)(i * 31);
    }
    for (int r = 0; r < ROUNDS; r++) {
        float k = 0.5f + (float)(r & 7) * 0.125f;
        for (int i = 0; i < N; i++) {
            fa[i] = fa[i] * 0.999f + k * fb[i];
        }
        for (int i = 0; i < N; i++) {
            ia[i] = (ia[i] ^ ib[i]) + (ib[i] << 2) - (ia[i] >> 3);
        }
        uint32_t acc = 0;
        for (int i = 0; i < N; i++) {
            acc += ba[i];
        }
        sum += acc + (uint32_t)ia[r & (N - 1)];
    }
    for (int i = 0; i < N; i += 64) {
        uint32_t b;
        __builtin_memcpy(&b, &fa[i], 4);
        sum = sum * 31 + b;
    }
    put_str("simd-loop checksum ");
    put_hex(sum);
    put_str("\n");
    return 0;
}
