/*
 * mkdata MIB: write MIB mebibytes of deterministic, moderately compressible
 * data to stdout, the input of the xz benchmark.  The same bytes on every
 * host (a fixed xorshift generator, no libc rand): log-like text lines made
 * of a few hundred pseudo-words with a skewed frequency, numbers, and now
 * and then a run of hex digits, so that xz -6 has real matching and
 * entropy-coding work to do (it compresses to roughly a fifth) rather than
 * the runs of a trivially compressible file.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state = 0x9e3779b97f4a7c15ull;

static uint64_t next(void)
{
    /* xorshift64* */
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * 0x2545f4914f6cdd1dull;
}

static unsigned below(unsigned n)
{
    return (unsigned)((next() >> 32) % n);
}

#define NWORDS 400

int main(int argc, char **argv)
{
    if (argc != 2 || atoi(argv[1]) <= 0) {
        fprintf(stderr, "usage: mkdata MIB\n");
        return 2;
    }
    long long want = (long long)atoi(argv[1]) << 20;

    static const char *const syl[] = {
        "ka", "lo", "mi", "ne", "ru", "sta", "tor", "vel", "qui", "dra",
        "pe", "ion", "ex", "an", "ber", "cal", "dus", "fin", "gro", "hal",
    };
    static char words[NWORDS][16];
    for (int i = 0; i < NWORDS; i++) {
        int n = 1 + (int)below(4);
        words[i][0] = 0;
        for (int k = 0; k < n; k++) {
            strcat(words[i], syl[below(sizeof(syl) / sizeof(syl[0]))]);
        }
    }

    static const char *const level[] = { "info", "debug", "warn", "error" };
    char line[512];
    long long done = 0;
    for (unsigned long long seq = 0; done < want; seq++) {
        int p = snprintf(line, sizeof(line), "%05llu 2026-%02u-%02u %02u:%02u:%02u node%u %s[%u]:",
                         seq % 100000, 1 + below(12), 1 + below(28), below(24), below(60),
                         below(60), below(16), level[below(4) & below(4)], 1000 + below(9000));
        int nw = 3 + (int)below(10);
        for (int k = 0; k < nw && p < 400; k++) {
            /* The product of two draws favours low indexes: a skewed vocabulary. */
            unsigned w = below(NWORDS) * below(NWORDS) / NWORDS;
            p += snprintf(line + p, sizeof(line) - (size_t)p, " %s", words[w]);
        }
        if (below(8) == 0) {
            p += snprintf(line + p, sizeof(line) - (size_t)p, " id=%016llx%08llx",
                          (unsigned long long)next(), (unsigned long long)(next() >> 32));
        } else {
            p += snprintf(line + p, sizeof(line) - (size_t)p, " value=%u", below(100000));
        }
        line[p++] = '\n';
        if (done + p > want) {
            p = (int)(want - done);
        }
        fwrite(line, 1, (size_t)p, stdout);
        done += p;
    }
    return fflush(stdout) == 0 ? 0 : 1;
}
