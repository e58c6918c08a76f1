/*
 * Integer benchmark: a freestanding, CPU-bound mix of what compilers and
 * compressors do (hashing with multiplies and shifts, a sieve with
 * unpredictable branches, an insertion-heavy sort, byte-wise checksums).
 * Prints a checksum, so a wrong emulator cannot look fast.
 */
#include "freestanding.h"

#define ROUNDS 300

static uint64_t xorshift(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return *s = x;
}

static uint64_t hash_mix(uint64_t seed, int n)
{
    uint64_t h = 0x9e3779b97f4a7c15ull;
    for (int i = 0; i < n; i++) {
        h ^= xorshift(&seed);
        h *= 0xbf58476d1ce4e5b9ull;
        h ^= h >> 31;
        h += (uint64_t)i * 0x94d049bb133111ebull;
    }
    return h;
}

static uint8_t sieve_buf[200000];

static uint64_t sieve(int limit)
{
    uint64_t count = 0;
    for (int i = 0; i < limit; i++) {
        sieve_buf[i] = 1;
    }
    for (int i = 2; i < limit; i++) {
        if (sieve_buf[i]) {
            count += (uint64_t)i;
            for (int j = i * 2; j < limit; j += i) {
                sieve_buf[j] = 0;
            }
        }
    }
    return count;
}

static uint32_t sort_buf[4096];

static uint64_t shell_sort(uint64_t seed)
{
    int n = 4096;
    uint64_t sum = 0;
    for (int i = 0; i < n; i++) {
        sort_buf[i] = (uint32_t)xorshift(&seed);
    }
    for (int gap = n / 2; gap > 0; gap /= 2) {
        for (int i = gap; i < n; i++) {
            uint32_t t = sort_buf[i];
            int j = i;
            while (j >= gap && sort_buf[j - gap] > t) {
                sort_buf[j] = sort_buf[j - gap];
                j -= gap;
            }
            sort_buf[j] = t;
        }
    }
    for (int i = 0; i < n; i += 97) {
        sum = sum * 31 + sort_buf[i];
    }
    return sum;
}

static uint32_t adler(const uint8_t *p, int n)
{
    uint32_t a = 1, b = 0;
    for (int i = 0; i < n; i++) {
        a = (a + p[i]) % 65521;
        b = (b + a) % 65521;
    }
    return (b << 16) | a;
}

int bench_main(void)
{
    uint64_t total = 0;
    for (int r = 0; r < ROUNDS; r++) {
        total += hash_mix((uint64_t)r + 1, 200000);
        total ^= sieve(200000);
        total += shell_sort((uint64_t)r * 7 + 3);
        total = total * 3 + adler((const uint8_t *)sort_buf, sizeof(sort_buf));
    }
    put_str("int-loop checksum ");
    put_hex(total);
    put_str("\n");
    return 0;
}
