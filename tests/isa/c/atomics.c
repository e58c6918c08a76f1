/* __atomic builtins on 1, 2, 4 and 8 bytes: with -march=armv8-a
 * -mno-outline-atomics they become exclusive load/store loops, with
 * -march=armv8.1-a LSE instructions (LDADD, SWP, CAS...). */
#include "rt.h"

static uint8_t v8;
static uint16_t v16;
static uint32_t v32;
static uint64_t v64;
static uint64_t h;

static void mix(uint64_t x)
{
    h = (h ^ x) * 0x100000001b3;
}

#define EXERCISE(var, T)                                                      \
    do {                                                                      \
        var = (T)0x5a5a5a5a5a5a5a5aULL;                                       \
        for (int i = 0; i < 200; i++) {                                       \
            T k = (T)(i * 0x9e3779b97f4a7c15ULL);                             \
            mix(__atomic_fetch_add(&var, k, __ATOMIC_SEQ_CST));               \
            mix(__atomic_fetch_sub(&var, (T)i, __ATOMIC_ACQUIRE));            \
            mix(__atomic_fetch_and(&var, (T)~k, __ATOMIC_RELEASE));           \
            mix(__atomic_fetch_or(&var, (T)(k >> 3), __ATOMIC_ACQ_REL));      \
            mix(__atomic_fetch_xor(&var, k, __ATOMIC_RELAXED));               \
            mix(__atomic_add_fetch(&var, 3, __ATOMIC_SEQ_CST));               \
            mix(__atomic_exchange_n(&var, (T)(var + k), __ATOMIC_SEQ_CST));   \
            T expect = (i & 1) ? var : (T)(var + 1);                          \
            int ok = __atomic_compare_exchange_n(&var, &expect, (T)(k ^ 0x33), \
                        0, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED);               \
            mix((uint64_t)ok);                                                \
            mix(expect);                                                      \
            __atomic_store_n(&var, (T)(__atomic_load_n(&var, __ATOMIC_ACQUIRE) \
                                       * 5), __ATOMIC_RELEASE);               \
        }                                                                     \
        put_kv(#T, var);                                                      \
    } while (0)

/* a spin lock and a counter, as threads would use them (single thread here) */
static int lock;
static uint64_t counter;

static void locked_add(uint64_t n)
{
    while (__atomic_test_and_set(&lock, __ATOMIC_ACQUIRE)) {
    }
    counter += n;
    __atomic_clear(&lock, __ATOMIC_RELEASE);
}

int main(int argc, char **argv)
{
    (void)argc; (void)argv;
    EXERCISE(v8, uint8_t);
    EXERCISE(v16, uint16_t);
    EXERCISE(v32, uint32_t);
    EXERCISE(v64, uint64_t);
    for (uint64_t i = 0; i < 1000; i++) locked_add(i);
    put_kv("counter", counter);
    int64_t s = -5;
    mix((uint64_t)__atomic_fetch_add(&s, -10, __ATOMIC_SEQ_CST));
    put_kv("signed", (uint64_t)s);
    put_kv("hash", h);
    return counter != 499500;
}
