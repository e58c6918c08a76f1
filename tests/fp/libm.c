/*
 * libm under the emulator: the transcendental functions of glibc's libm
 * over a spread of arguments (incl. edges: 0, -0, denormals, huge values,
 * infinities, NaN), printed exactly (%a) and in decimal (%.17g).
 */
#include <float.h>
#include <math.h>
#include <stdio.h>

static const double args[] = {
    0.0, -0.0, 1e-310, 0.5, 1.0, -1.0, 2.0, 3.141592653589793, 10.0, -7.25, 100.5,
    1e10, 1e300, -1e300, 709.0, 710.0, -745.0, INFINITY, -INFINITY, NAN,
};
#define N (sizeof(args) / sizeof(args[0]))

static void show(const char *name, double x, double r)
{
    printf("%-6s %-24.17g %a %.17g\n", name, x, r, r);
}

int main(void)
{
    for (unsigned i = 0; i < N; i++) {
        double x = args[i];
        show("sin", x, sin(x));
        show("cos", x, cos(x));
        show("tan", x, tan(x));
        show("exp", x, exp(x));
        show("expm1", x, expm1(x));
        show("log", x, log(x));
        show("log1p", x, log1p(x));
        show("log10", x, log10(x));
        show("sqrt", x, sqrt(x));
        show("cbrt", x, cbrt(x));
        show("atan", x, atan(x));
        show("sinh", x, sinh(x));
        show("tanh", x, tanh(x));
        show("floor", x, floor(x));
        show("ceil", x, ceil(x));
        show("round", x, round(x));
        show("trunc", x, trunc(x));
        show("rint", x, rint(x));
        printf("lrint  %ld llround %lld\n", isfinite(x) && fabs(x) < 1e18 ? lrint(x) : 0L,
               isfinite(x) && fabs(x) < 1e18 ? llround(x) : 0LL);
        for (unsigned j = 0; j < N; j += 3) {
            double y = args[j];
            show("pow", x, pow(x, y));
            show("atan2", x, atan2(x, y));
            show("fmod", x, fmod(x, y));
            show("hypot", x, hypot(x, y));
            show("fma", x, fma(x, y, 0.1));
            show("fmax", x, fmax(x, y));
            show("fmin", x, fmin(x, y));
        }
        float f = (float)x;
        printf("float  %a %a %a %a %a\n", sinf(f), expf(f), logf(f), sqrtf(f), powf(f, 1.5f));
    }
    return 0;
}
