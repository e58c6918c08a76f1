/* Sorting: quicksort, merge sort, heap sort and insertion sort of the same
 * pseudo-random arrays must agree and be ordered. */
#include "rt.h"

#define N 3000
static int64_t src[N], a[N], b[N], c[N], tmp[N];
static uint32_t seed = 12345;

static uint32_t lcg(void)
{
    seed = seed * 1103515245u + 12345u;
    return seed >> 1;
}

static void quicksort(int64_t *v, long lo, long hi)
{
    while (lo < hi) {
        int64_t p = v[lo + (hi - lo) / 2];
        long i = lo, j = hi;
        while (i <= j) {
            while (v[i] < p) i++;
            while (v[j] > p) j--;
            if (i <= j) {
                int64_t t = v[i]; v[i] = v[j]; v[j] = t;
                i++; j--;
            }
        }
        /* recurse into the smaller half */
        if (j - lo < hi - i) {
            quicksort(v, lo, j);
            lo = i;
        } else {
            quicksort(v, i, hi);
            hi = j;
        }
    }
}

static void mergesort(int64_t *v, long n)
{
    if (n < 2) return;
    long m = n / 2;
    mergesort(v, m);
    mergesort(v + m, n - m);
    long i = 0, j = m, k = 0;
    while (i < m && j < n) tmp[k++] = v[i] <= v[j] ? v[i++] : v[j++];
    while (i < m) tmp[k++] = v[i++];
    while (j < n) tmp[k++] = v[j++];
    for (k = 0; k < n; k++) v[k] = tmp[k];
}

static void sift(int64_t *v, long root, long n)
{
    for (;;) {
        long child = 2 * root + 1;
        if (child >= n) return;
        if (child + 1 < n && v[child + 1] > v[child]) child++;
        if (v[root] >= v[child]) return;
        int64_t t = v[root]; v[root] = v[child]; v[child] = t;
        root = child;
    }
}

static void heapsort(int64_t *v, long n)
{
    for (long i = n / 2 - 1; i >= 0; i--) sift(v, i, n);
    for (long i = n - 1; i > 0; i--) {
        int64_t t = v[0]; v[0] = v[i]; v[i] = t;
        sift(v, 0, i);
    }
}

static void insertion(int64_t *v, long n)
{
    for (long i = 1; i < n; i++) {
        int64_t x = v[i];
        long j = i - 1;
        while (j >= 0 && v[j] > x) { v[j + 1] = v[j]; j--; }
        v[j + 1] = x;
    }
}

int main(int argc, char **argv)
{
    (void)argc; (void)argv;
    int bad = 0;
    for (int round = 0; round < 4; round++) {
        for (int i = 0; i < N; i++) {
            uint64_t r = ((uint64_t)lcg() << 32) | lcg();
            src[i] = round == 1 ? (int64_t)(r % 50) - 25 : round == 2 ? N - i : (int64_t)r;
        }
        memcpy(a, src, sizeof(src)); memcpy(b, src, sizeof(src)); memcpy(c, src, sizeof(src));
        quicksort(a, 0, N - 1);
        mergesort(b, N);
        heapsort(c, N);
        memcpy(tmp, src, sizeof(src));
        insertion(src, N);
        uint64_t sum = 0;
        for (int i = 0; i < N; i++) {
            if (a[i] != b[i] || a[i] != c[i] || a[i] != src[i]) bad++;
            if (i && a[i - 1] > a[i]) bad++;
            sum = sum * 31 + (uint64_t)a[i];
        }
        put_kv("round-hash", sum);
        put_kv("min", (uint64_t)a[0]);
        put_kv("max", (uint64_t)a[N - 1]);
    }
    put_kv("mismatches", (uint64_t)bad);
    return bad != 0;
}
