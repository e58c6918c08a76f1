/*
 * FP benchmark: scalar double-precision work of the kind numeric code does
 * (an n-body step, polynomial evaluation, square roots and divisions).
 * Freestanding; prints a checksum of the bits so both runs must agree.
 */
#include "freestanding.h"

#define BODIES 64
#define STEPS 400

static double px[BODIES], py[BODIES], vx[BODIES], vy[BODIES], m[BODIES];

static double my_sqrt(double x)
{
#if defined(__aarch64__)
    double r;
    __asm__("fsqrt %d0, %d1" : "=w"(r) : "w"(x));
    return r;
#else
    double r;
    __asm__("sqrtsd %1, %0" : "=x"(r) : "x"(x));
    return r;
#endif
}

int bench_main(void)
{
    uint64_t seed = 12345, bits = 0;
    for (int i = 0; i < BODIES; i++) {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        px[i] = (double)(seed >> 40) / 1048576.0;
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        py[i] = (double)(seed >> 40) / 1048576.0;
        vx[i] = vy[i] = 0.0;
        m[i] = 1.0 + (double)(i % 7);
    }
    for (int s = 0; s < STEPS; s++) {
        for (int i = 0; i < BODIES; i++) {
            double ax = 0.0, ay = 0.0;
            for (int j = 0; j < BODIES; j++) {
                double dx = px[j] - px[i], dy = py[j] - py[i];
                double d2 = dx * dx + dy * dy + 0.01;
                double inv = 1.0 / (d2 * my_sqrt(d2));
                ax += m[j] * dx * inv;
                ay += m[j] * dy * inv;
            }
            vx[i] += 0.001 * ax;
            vy[i] += 0.001 * ay;
        }
        for (int i = 0; i < BODIES; i++) {
            px[i] += 0.001 * vx[i];
            py[i] += 0.001 * vy[i];
        }
    }
    for (int i = 0; i < BODIES; i++) {
        uint64_t b;
        __builtin_memcpy(&b, &px[i], 8);
        bits = bits * 31 + b;
    }
    put_str("fp-loop checksum ");
    put_hex(bits);
    put_str("\n");
    return 0;
}
