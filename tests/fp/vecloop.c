/*
 * Loops that gcc -O3 auto-vectorises for AdvSIMD (4S/2D FADD/FMUL/FMLA,
 * FDIV, FSQRT, FMAX/FMIN, FABS, conversions SCVTF/FCVTZS, compares): the
 * results are printed as bit patterns so that any difference shows.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define N 203   /* not a multiple of the vector length: the scalar tail runs too */

static float fa[N], fb[N], fc[N];
static double da[N], db[N], dc[N];
static int32_t ia[N];
static int64_t la[N];

static uint32_t fbits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static uint64_t dbits(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }

static uint64_t hashf(const float *v)
{
    uint64_t h = 1469598103934665603ull;
    for (int i = 0; i < N; i++) {
        h = (h ^ fbits(v[i])) * 1099511628211ull;
    }
    return h;
}

static uint64_t hashd(const double *v)
{
    uint64_t h = 1469598103934665603ull;
    for (int i = 0; i < N; i++) {
        h = (h ^ dbits(v[i])) * 1099511628211ull;
    }
    return h;
}

__attribute__((noinline)) static void saxpy(float a, float *y, const float *x)
{
    for (int i = 0; i < N; i++) y[i] = a * x[i] + y[i];
}

__attribute__((noinline)) static void daxpy(double a, double *y, const double *x)
{
    for (int i = 0; i < N; i++) y[i] = a * x[i] + y[i];
}

__attribute__((noinline)) static void fdivsqrt(float *d, const float *a, const float *b)
{
    for (int i = 0; i < N; i++) d[i] = sqrtf(fabsf(a[i])) / b[i];
}

__attribute__((noinline)) static void dminmax(double *d, const double *a, const double *b)
{
    for (int i = 0; i < N; i++) d[i] = fmax(a[i], b[i]) - fmin(a[i], b[i]);
}

__attribute__((noinline)) static void cvt(int32_t *i32, int64_t *i64, float *f, const double *d)
{
    for (int i = 0; i < N; i++) {
        i32[i] = (int32_t)(f[i] * 1000.0f);
        i64[i] = (int64_t)(d[i] * 1e6);
        f[i] = (float)i32[i] * 0.5f;
    }
}

__attribute__((noinline)) static void select(float *d, const float *a, const float *b)
{
    for (int i = 0; i < N; i++) d[i] = a[i] > b[i] ? a[i] - b[i] : b[i] * 0.25f;
}

__attribute__((noinline)) static void narrow(float *d, const double *a)
{
    for (int i = 0; i < N; i++) d[i] = (float)a[i];
}

__attribute__((noinline)) static void widen(double *d, const float *a)
{
    for (int i = 0; i < N; i++) d[i] = (double)a[i] * 3.0;
}

__attribute__((noinline)) static double dot(const double *a, const double *b)
{
    double s = 0;
    for (int i = 0; i < N; i++) s += a[i] * b[i];
    return s;
}

int main(void)
{
    for (int i = 0; i < N; i++) {
        fa[i] = (float)(i - 100) / 7.0f;
        fb[i] = (float)(i * i % 37) + 0.5f;
        fc[i] = 1.0f / (float)(i + 1);
        da[i] = (double)(i - 50) / 3.0;
        db[i] = (double)((i * 7919) % 101) - 50.25;
        dc[i] = 0;
    }
    fb[5] = -0.0f;
    db[7] = NAN;
    da[9] = 1e-310;

    saxpy(2.5f, fc, fa);
    printf("saxpy %016llx %a\n", (unsigned long long)hashf(fc), fc[N - 1]);
    daxpy(-1.25, dc, da);
    printf("daxpy %016llx %a\n", (unsigned long long)hashd(dc), dc[3]);
    fdivsqrt(fc, fa, fb);
    printf("fdivsqrt %016llx %a %a\n", (unsigned long long)hashf(fc), fc[5], fc[17]);
    dminmax(dc, da, db);
    printf("dminmax %016llx %a %a\n", (unsigned long long)hashd(dc), dc[7], dc[9]);
    cvt(ia, la, fc, da);
    printf("cvt %d %d %lld %lld %016llx\n", ia[0], ia[N - 1], (long long)la[0], (long long)la[N - 1],
           (unsigned long long)hashf(fc));
    select(fc, fa, fb);
    printf("select %016llx\n", (unsigned long long)hashf(fc));
    narrow(fc, db);
    printf("narrow %016llx %a\n", (unsigned long long)hashf(fc), fc[7]);
    widen(dc, fa);
    printf("widen %016llx\n", (unsigned long long)hashd(dc));
    printf("dot %a\n", dot(da, dc));
    return 0;
}
