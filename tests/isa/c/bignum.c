/* Multi-precision arithmetic on 32-bit limbs: 200!, 3^500, a square, and
 * printing in decimal by repeated division. */
#include "rt.h"

#define LIMBS 160
typedef struct { uint32_t d[LIMBS]; int n; } Big;

static void big_set(Big *a, uint32_t v)
{
    memset(a, 0, sizeof(*a));
    a->d[0] = v;
    a->n = v != 0;
}

static void big_mul_small(Big *a, uint32_t m)
{
    uint64_t carry = 0;
    for (int i = 0; i < a->n; i++) {
        uint64_t t = (uint64_t)a->d[i] * m + carry;
        a->d[i] = (uint32_t)t;
        carry = t >> 32;
    }
    if (carry) a->d[a->n++] = (uint32_t)carry;
}

static void big_mul(Big *r, const Big *a, const Big *b)
{
    static uint32_t t[2 * LIMBS];
    memset(t, 0, sizeof(t));
    for (int i = 0; i < a->n; i++) {
        uint64_t carry = 0;
        for (int j = 0; j < b->n; j++) {
            uint64_t x = (uint64_t)a->d[i] * b->d[j] + t[i + j] + carry;
            t[i + j] = (uint32_t)x;
            carry = x >> 32;
        }
        t[i + b->n] = (uint32_t)carry;
    }
    int n = a->n + b->n;
    while (n > 0 && !t[n - 1]) n--;
    if (n > LIMBS) { put_str("overflow\n"); rt_exit(2); }
    memset(r, 0, sizeof(*r));
    memcpy(r->d, t, (size_t)n * 4);
    r->n = n;
}

static uint32_t big_divmod_small(Big *a, uint32_t m)
{
    uint64_t rem = 0;
    for (int i = a->n - 1; i >= 0; i--) {
        uint64_t cur = (rem << 32) | a->d[i];
        a->d[i] = (uint32_t)(cur / m);
        rem = cur % m;
    }
    while (a->n > 0 && !a->d[a->n - 1]) a->n--;
    return (uint32_t)rem;
}

static void big_print(const char *name, const Big *x)
{
    static Big t;
    static char s[LIMBS * 10 + 2];
    int n = 0;
    t = *x;
    if (!t.n) s[n++] = '0';
    while (t.n) {
        uint32_t r = big_divmod_small(&t, 1000000000u);
        for (int k = 0; k < 9; k++) {
            s[n++] = (char)('0' + r % 10);
            r /= 10;
            if (!t.n && !r) break;
        }
    }
    put_str(name);
    put_char(' ');
    while (n) put_char(s[--n]);
    put_char('\n');
}

static Big a, b, c;

int main(int argc, char **argv)
{
    (void)argc; (void)argv;
    big_set(&a, 1);
    for (uint32_t i = 2; i <= 200; i++) big_mul_small(&a, i);
    big_print("200!", &a);
    big_set(&b, 1);
    for (int i = 0; i < 500; i++) big_mul_small(&b, 3);
    big_print("3^500", &b);
    big_mul(&c, &b, &b);
    big_print("3^1000", &c);
    big_set(&c, 0xffffffffu);
    big_mul_small(&c, 0xffffffffu);
    big_mul(&a, &c, &c);
    big_print("(2^32-1)^4", &a);
    return 0;
}
