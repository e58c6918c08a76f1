/*
 * Decimal <-> binary conversion (strtod/strtof/printf, which exercise
 * integer and FP paths alike) and <fenv.h>: rounding modes through FPCR,
 * exception flags through FPSR.
 */
#include <fenv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const inputs[] = {
    "0", "-0", "1", "0.1", "0.2", "0.3", "1e23", "8.98846567431158e307", "1.7976931348623157e308",
    "1.7976931348623159e308", "2.2250738585072011e-308", "2.2250738585072014e-308", "4.9e-324",
    "2.4703282292062327e-324", "2.4703282292062328e-324", "123456789012345678901234567890",
    "3.14159265358979323846264338327950288", "-2.5e-5", "0x1.fffffffffffffp+1023", "inf", "-nan",
    "1e-400", "9007199254740993", "0.000000000000000000000000000000000000000000001",
};

static volatile double vd;
static volatile float vf;

int main(void)
{
    static const int modes[] = { FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO };
    static const char *const mname[] = { "near", "up", "down", "zero" };

    for (unsigned i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
        double d = strtod(inputs[i], NULL);
        float f = strtof(inputs[i], NULL);
        printf("%-40s %a %.17g %e %g | %a %.9g\n", inputs[i], d, d, d, d, f, (double)f);
    }
    for (unsigned m = 0; m < 4; m++) {
        fesetround(modes[m]);
        vd = 1.0;
        vf = 3.0f;
        printf("%s: 1/3=%a 2/3f=%a sqrt2=%a cvt=%a\n", mname[m], vd / 3.0, (double)(2.0f / vf),
               __builtin_sqrt(vd * 2), (double)(float)(vd / 3.0));
        printf("%s: strtod(0.1)=%a printf=%.20f\n", mname[m], strtod("0.1", NULL), 0.1);
        printf("%s: rint(2.5)=%g nearbyint(-2.5)=%g lrint(3.5)=%ld\n", mname[m],
               __builtin_rint(vd * 2.5), __builtin_nearbyint(-2.5 * vd), __builtin_lrint(3.5 * vd));
    }
    fesetround(FE_TONEAREST);
    feclearexcept(FE_ALL_EXCEPT);
    vd = 1.0;
    vd = vd / 0.0;
    printf("div0: %d\n", fetestexcept(FE_ALL_EXCEPT) == FE_DIVBYZERO);
    feclearexcept(FE_ALL_EXCEPT);
    vd = 1e308;
    vd = vd * 10.0;
    printf("overflow: %d inexact: %d\n", !!fetestexcept(FE_OVERFLOW), !!fetestexcept(FE_INEXACT));
    feclearexcept(FE_ALL_EXCEPT);
    vd = 0.0;
    vd = vd / vd;
    printf("invalid: %d\n", fetestexcept(FE_ALL_EXCEPT) == FE_INVALID);
    feclearexcept(FE_ALL_EXCEPT);
    vd = 1e-308;
    vd = vd / 1e10;
    printf("underflow: %d\n", !!fetestexcept(FE_UNDERFLOW));
    feclearexcept(FE_ALL_EXCEPT);
    vd = 4.0;
    vd = __builtin_sqrt(vd);
    printf("exact sqrt: %d\n", fetestexcept(FE_ALL_EXCEPT));
    return 0;
}
