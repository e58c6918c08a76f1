/*
 * FEAT_PAuth, FEAT_BTI and FEAT_RNG as a Linux program sees them: a
 * freestanding program (tests/isa/c runtime) built with
 * -mbranch-protection=standard -march=armv8.5-a and linked -z force-bti,
 * so that the kernel (and aarch64-user) map its code with PROT_BTI.  The
 * keys are random per process, so only key-independent facts are
 * printed; the output must equal qemu-aarch64 -cpu max's.  Calls that must
 * fault run in a forked child; the parent prints how it ended.
 */
#include "rt.h"

static long sys6(long nr, long a, long b, long c, long d, long e, long f)
{
    register long x8 __asm__("x8") = nr, x0 __asm__("x0") = a, x1 __asm__("x1") = b,
                  x2 __asm__("x2") = c, x3 __asm__("x3") = d, x4 __asm__("x4") = e, x5 __asm__("x5") = f;
    __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5) : "memory");
    return x0;
}

#define NR_PRCTL 167
#define NR_CLONE 220
#define NR_MMAP 222
#define NR_MPROTECT 226
#define NR_WAIT4 260

static uint64_t pacia(uint64_t p, uint64_t m) { __asm__ volatile("pacia %0, %1" : "+r"(p) : "r"(m)); return p; }
static uint64_t pacib(uint64_t p, uint64_t m) { __asm__ volatile("pacib %0, %1" : "+r"(p) : "r"(m)); return p; }
static uint64_t pacda(uint64_t p, uint64_t m) { __asm__ volatile("pacda %0, %1" : "+r"(p) : "r"(m)); return p; }
static uint64_t autia(uint64_t p, uint64_t m) { __asm__ volatile("autia %0, %1" : "+r"(p) : "r"(m)); return p; }
static uint64_t autib(uint64_t p, uint64_t m) { __asm__ volatile("autib %0, %1" : "+r"(p) : "r"(m)); return p; }
static uint64_t autda(uint64_t p, uint64_t m) { __asm__ volatile("autda %0, %1" : "+r"(p) : "r"(m)); return p; }
static uint64_t xpaci(uint64_t p) { __asm__ volatile("xpaci %0" : "+r"(p)); return p; }
static uint64_t xpacd(uint64_t p) { __asm__ volatile("xpacd %0" : "+r"(p)); return p; }
static uint64_t paciza(uint64_t p) { __asm__ volatile("paciza %0" : "+r"(p)); return p; }
static uint64_t autiza(uint64_t p) { __asm__ volatile("autiza %0" : "+r"(p)); return p; }
static uint64_t pacga(uint64_t a, uint64_t b)
{
    uint64_t r;
    __asm__ volatile("pacga %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
    return r;
}

/* Landing sites: none, BTI j, PACIASP (an implicit BTI c), and LDRAA through a signed pointer. */
__asm__(".text\n.globl no_landing_pad\n.type no_landing_pad,%function\nno_landing_pad:\n"
        "  mov x0, #42\n  ret\n"
        ".globl bti_j_pad\n.type bti_j_pad,%function\nbti_j_pad:\n  bti j\n  mov x0, #43\n  ret\n"
        ".globl pacia_pad\n.type pacia_pad,%function\npacia_pad:\n  paciasp\n  autiasp\n  mov x0, #44\n  ret\n"
        ".globl retaa_fn\n.type retaa_fn,%function\nretaa_fn:\n  paciasp\n  mov x0, #45\n  retaa\n");
long no_landing_pad(void);
long bti_j_pad(void);
long pacia_pad(void);
long retaa_fn(void);

__attribute__((noinline)) static long call_blr(long (*f)(void)) { return f(); }

/* BR through x9 (BTYPE 11) or x16 (BTYPE 01), with x30 set to come back. */
__attribute__((noinline)) static long call_br(long (*f)(void), int via_x16)
{
    long r;
    if (via_x16) {
        __asm__ volatile("mov x16, %1\n adr x30, 1f\n br x16\n1: mov %0, x0" : "=r"(r) : "r"(f)
                         : "x0", "x16", "x30", "memory");
    } else {
        __asm__ volatile("mov x9, %1\n adr x30, 1f\n br x9\n1: mov %0, x0" : "=r"(r) : "r"(f)
                         : "x0", "x9", "x30", "memory");
    }
    return r;
}

/* BLRAA to f signed with modifier mod, authenticated with mod + bad. */
__attribute__((noinline)) static long call_blraa(long (*f)(void), uint64_t mod, uint64_t bad)
{
    register long x0 __asm__("x0");
    uint64_t p;
    /* A wrong modifier whose PAC really differs (7-bit PACs collide with probability 1/128). */
    while (bad && pacia((uint64_t)f, mod - bad) == pacia((uint64_t)f, mod)) {
        bad++;
    }
    p = pacia((uint64_t)f, mod - bad);
    __asm__ volatile("blraa %1, %2" : "=r"(x0) : "r"(p), "r"(mod) : "x1", "x2", "x3", "x4", "x5", "x6", "x7",
                     "x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15", "x16", "x17", "x30", "memory");
    return x0;
}

static int leaf(int x) { return x * 3; }

static void show(const char *what, uint64_t v)
{
    put_str(what);
    put_char(' ');
    put_udec(v);
    put_char('\n');
}

/* Run f in a child: "returned N" or "killed by signal S". */
static void try_call(const char *what, long (*f)(void), int how, uint64_t mod)
{
    long pid = sys6(NR_CLONE, 17 /* SIGCHLD */, 0, 0, 0, 0, 0);
    int status = 0;

    if (pid == 0) {
        long r = how == 0 ? call_blr(f) : how >= 3 ? call_blraa(f, mod, how == 4) : call_br(f, how == 2);
        put_str(what);
        put_str(": returned ");
        put_dec(r);
        put_char('\n');
        rt_exit(0);
    }
    sys6(NR_WAIT4, pid, (long)&status, 0, 0, 0, 0);
    if (status & 0x7f) {
        put_str(what);
        put_str(": killed by signal ");
        put_dec(status & 0x7f);
        put_char('\n');
    }
}

int main(int argc, char **argv)
{
    char **p = argv + argc + 1;
    uint64_t *aux, hw = 0, hw2 = 0;
    uint64_t ptr = (uint64_t)&leaf, data = (uint64_t)&hw, s, r, a, b, flags;
    int (*fp)(int);

    while (*p) {
        p++;
    }
    for (aux = (uint64_t *)(p + 1); aux[0]; aux += 2) {
        if (aux[0] == 16) {
            hw = aux[1];
        } else if (aux[0] == 26) {
            hw2 = aux[1];
        }
    }
    show("HWCAP_PACA", hw >> 30 & 1);
    show("HWCAP_PACG", hw >> 31 & 1);
    show("HWCAP2_BTI", hw2 >> 17 & 1);
    show("HWCAP2_RNG", hw2 >> 16 & 1);

    /*
     * A PAC here is 7 bits (54:48), so a random key gives any one value with
     * probability 1/128: pick modifiers whose PACs differ instead of
     * assuming it, so that the output never depends on the keys.
     */
    uint64_t m2 = 0x1235, m5 = 5;
    while (m2 < 0x1335 && pacia(ptr, m2) == pacia(ptr, 0x1234)) {
        m2++;
    }
    while (m5 < 100 && (pacib(ptr, m5) == pacia(ptr, m5) || pacib(ptr, m5) == ptr)) {
        m5++;
    }
    s = pacia(ptr, 0x1234);
    show("pacia only in bits 54:48", (s & ~0x007f000000000000ull) == ptr);
    show("pacia changed some pointer", s != ptr || pacia(ptr, m2) != ptr);
    show("autia", autia(s, 0x1234) == ptr);
    show("xpaci", xpaci(s) == ptr);
    show("xpacd of pacda", xpacd(pacda(data, 7)) == data);
    r = autia(s, m2);
    show("autia wrong modifier: error code", r >> 53 & 3);
    show("autia wrong modifier: rest intact", (r & ~(3ull << 53)) == ptr);
    show("pacib/autib", autib(pacib(ptr, m5), m5) == ptr);
    show("B-key error code", autib(pacia(ptr, m5), m5) >> 53 & 3);
    show("pacda/autda", autda(pacda(data, 9), 9) == data);
    show("paciza/autiza", autiza(paciza(ptr)) == ptr);
    show("pacga low half zero", (pacga(1, 2) & 0xffffffff) == 0);
    show("pacga depends on the modifier", pacga(1, 2) != pacga(1, 3));
    show("pac stable", pacia(ptr, 77) == pacia(ptr, 77));
    fp = (int (*)(int))autia(pacia(ptr, 0), 0);
    show("call through authenticated pointer", fp(14));

    __asm__ volatile("mrs %0, s3_3_c2_c4_0\n mrs %1, s3_3_c2_c4_1\n mrs %2, nzcv"
                     : "=r"(a), "=r"(b), "=r"(flags));
    show("rndr values differ", a != b);
    show("rndr nzcv", flags);

    try_call("blraa with the wrong modifier", pacia_pad, 4, 1);
    try_call("blraa to paciasp", pacia_pad, 3, 0x77);
    try_call("blr to retaa function", retaa_fn, 0, 0);
    try_call("blr to no landing pad", no_landing_pad, 0, 0);
    try_call("br x9 to no landing pad", no_landing_pad, 1, 0);
    try_call("br x16 to no landing pad", no_landing_pad, 2, 0);
    try_call("blr to bti j", bti_j_pad, 0, 0);
    try_call("br x9 to bti j", bti_j_pad, 1, 0);
    try_call("blr to paciasp", pacia_pad, 0, 0);
    try_call("br x16 to paciasp", pacia_pad, 2, 0);
    try_call("br x9 to paciasp", pacia_pad, 1, 0);

    {
        /* The same landing-pad-less code in an mmap page, without and then with PROT_BTI. */
        uint32_t *pg = (uint32_t *)sys6(NR_MMAP, 0, 4096, 3, 0x22, -1, 0);
        pg[0] = 0xd2800540u;   /* mov x0, #42 */
        pg[1] = 0xd65f03c0u;   /* ret */
        show("mprotect R|X", sys6(NR_MPROTECT, (long)pg, 4096, 5, 0, 0, 0));
        try_call("blr to unguarded page", (long (*)(void))pg, 0, 0);
        show("mprotect R|X|BTI", sys6(NR_MPROTECT, (long)pg, 4096, 5 | 0x10, 0, 0, 0));
        try_call("blr to guarded page", (long (*)(void))pg, 0, 0);
    }

    /* Reset the IB key only: main's own return address is signed with IA. */
    {
        /* Some of 16 PACs must change with the new IB key (all equal by chance: 2^-112). */
        uint64_t before[16];
        int changed = 0;
        for (int i = 0; i < 16; i++) {
            before[i] = pacib(ptr, (uint64_t)i);
        }
        show("PR_PAC_RESET_KEYS", sys6(NR_PRCTL, 54, 2, 0, 0, 0, 0));
        for (int i = 0; i < 16; i++) {
            changed |= pacib(ptr, (uint64_t)i) != before[i];
        }
        show("IB key changed", changed);
        r = pacib(ptr, 3);
        show("new key authenticates", autib(r, 3) == ptr);
    }
    show("bad PR_PAC_RESET_KEYS", (uint64_t)-sys6(NR_PRCTL, 54, 0x40, 0, 0, 0, 0));
    if (argc > 1) {
        /* Linux 5.13's PR_PAC_SET/GET_ENABLED_KEYS (QEMU 7.2 has not got them). */
        show("PR_PAC_GET_ENABLED_KEYS", sys6(NR_PRCTL, 61, 0, 0, 0, 0, 0));
        show("PR_PAC_SET_ENABLED_KEYS", sys6(NR_PRCTL, 60, 2 | 4, 4, 0, 0, 0));
        show("PR_PAC_GET_ENABLED_KEYS", sys6(NR_PRCTL, 61, 0, 0, 0, 0, 0));
        show("pacib with IB disabled is a NOP", pacib(ptr, 1) == ptr);
    }
    return 0;
}
