/* Calls and control flow without setjmp: deep and mutual recursion,
 * Ackermann, function pointers, a jump-table switch and a computed goto. */
#include "rt.h"

__attribute__((noinline)) static uint64_t fib(unsigned n)
{
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

__attribute__((noinline)) static uint64_t ack(uint64_t m, uint64_t n)
{
    if (m == 0) return n + 1;
    if (n == 0) return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}

static int is_odd(unsigned n);
__attribute__((noinline)) static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
__attribute__((noinline)) static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }

/* recursion with a stack frame holding an array: 20000 levels, ~2 MB of stack... kept at 4000 */
__attribute__((noinline)) static uint64_t deep(unsigned n, uint64_t acc)
{
    volatile uint64_t frame[32];
    for (int i = 0; i < 32; i++) frame[i] = acc + (uint64_t)i * n;
    if (n == 0) return acc;
    uint64_t r = deep(n - 1, acc * 6364136223846793005ULL + frame[n & 31]);
    return r ^ frame[(n * 7) & 31];
}

static uint64_t hanoi_moves;
__attribute__((noinline)) static void hanoi(int n, int from, int to, int via)
{
    if (!n) return;
    hanoi(n - 1, from, via, to);
    hanoi_moves += (uint64_t)(from * 3 + to);
    hanoi(n - 1, via, to, from);
}

static uint64_t op_add(uint64_t a, uint64_t b) { return a + b; }
static uint64_t op_mul(uint64_t a, uint64_t b) { return a * b; }
static uint64_t op_xor(uint64_t a, uint64_t b) { return a ^ b; }
static uint64_t op_shl(uint64_t a, uint64_t b) { return a << (b & 63); }
static uint64_t (*const ops[])(uint64_t, uint64_t) = {op_add, op_mul, op_xor, op_shl};

__attribute__((noinline)) static int classify(int x)
{
    switch (x) {   /* dense enough for a jump table */
    case 0: return 11;
    case 1: return 23;
    case 2: return 5;
    case 3: return 78;
    case 4: return 19;
    case 5: return 4;
    case 6: return 61;
    case 7: return 2;
    case 8: return 99;
    default: return -1;
    }
}

__attribute__((noinline)) static int interp(const unsigned char *code)
{
    static const void *const table[] = {&&op_inc, &&op_dbl, &&op_neg, &&op_halt};
    int acc = 1;
    goto *table[*code++];
op_inc: acc++; goto *table[*code++];
op_dbl: acc *= 2; goto *table[*code++];
op_neg: acc = -acc; goto *table[*code++];
op_halt: return acc;
}

int main(int argc, char **argv)
{
    (void)argv;
    put_kv("argc", (uint64_t)argc);
    put_kv("fib(25)", fib(25));
    put_kv("ack(2,3)", ack(2, 3));
    put_kv("ack(3,5)", ack(3, 5));
    put_kv("even(10001)", (uint64_t)is_even(10001));
    put_kv("deep", deep(4000, 1));
    hanoi(16, 1, 3, 2);
    put_kv("hanoi", hanoi_moves);
    uint64_t v = 7;
    for (int i = 0; i < 100; i++) v = ops[(v >> 5) & 3](v, (uint64_t)i + 3);
    put_kv("fnptr", v);
    int s = 0;
    for (int i = -2; i < 12; i++) s = s * 3 + classify(i);
    put_kv("switch", (uint64_t)s);
    static const unsigned char prog[] = {0, 1, 1, 0, 2, 1, 0, 3};
    put_kv("goto", (uint64_t)interp(prog));
    return 0;
}
