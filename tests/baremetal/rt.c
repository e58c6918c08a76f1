/* The bare-metal tests' runtime: see rt.h. */
#include "rt.h"

volatile struct rt_exc rt_last;
volatile struct rt_exc rt_fault;
void (*rt_irq_hook)(struct rt_frame *f, unsigned vec);
int (*rt_sync_hook)(struct rt_frame *f, unsigned vec);
unsigned rt_failures;
static volatile int fault_expected;
/* Serialises output lines of several CPUs (a plain spin on a flag would
 * need exclusives, which want the MMU on; the tests print from one CPU
 * at a time instead). */

void putc_(char c)
{
    volatile uint32_t *uart = (volatile uint32_t *)UART_BASE;

    /* PL011 FR.TXFF (bit 5): wait while the transmit FIFO is full. */
    while (uart[0x18 / 4] & (1u << 5)) {
    }
    uart[0] = (uint32_t)(unsigned char)c;
}

void puts_(const char *s)
{
    while (*s) {
        putc_(*s++);
    }
}

static void put_hex(uint64_t v)
{
    char buf[17];
    int i = 16;

    buf[16] = 0;
    do {
        buf[--i] = "0123456789abcdef"[v & 15];
        v >>= 4;
    } while (v);
    puts_(buf + i);
}

static void put_dec(uint64_t v)
{
    char buf[21];
    int i = 20;

    buf[20] = 0;
    do {
        buf[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    puts_(buf + i);
}

/* A printf for %s %c %d %u %x and the l forms of the last three; no widths. */
void pr(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    for (; *fmt; fmt++) {
        int is_long = 0;

        if (*fmt != '%') {
            putc_(*fmt);
            continue;
        }
        fmt++;
        if (*fmt == 'l') {
            is_long = 1;
            fmt++;
        }
        switch (*fmt) {
        case 's':
            puts_(va_arg(ap, const char *));
            break;
        case 'c':
            putc_((char)va_arg(ap, int));
            break;
        case 'd': {
            int64_t v = is_long ? va_arg(ap, int64_t) : va_arg(ap, int);
            if (v < 0) {
                putc_('-');
                v = -v;
            }
            put_dec((uint64_t)v);
            break;
        }
        case 'u':
            put_dec(is_long ? va_arg(ap, uint64_t) : va_arg(ap, unsigned));
            break;
        case 'x':
            put_hex(is_long ? va_arg(ap, uint64_t) : va_arg(ap, unsigned));
            break;
        case '%':
            putc_('%');
            break;
        default:
            putc_('?');
            break;
        }
    }
    va_end(ap);
}

void check_eq(const char *what, uint64_t got, uint64_t want)
{
    if (got == want) {
        pr("ok   %s = 0x%lx\n", what, got);
    } else {
        pr("FAIL %s = 0x%lx, want 0x%lx\n", what, got, want);
        rt_failures++;
    }
}

void check_true(const char *what, int cond)
{
    if (cond) {
        pr("ok   %s\n", what);
    } else {
        pr("FAIL %s\n", what);
        rt_failures++;
    }
}

unsigned current_el(void)
{
    return (unsigned)(read_sysreg(CurrentEL) >> 2) & 3;
}

uint64_t smc_hvc(int smc, uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
    register uint64_t x0 __asm__("x0") = fn;
    register uint64_t x1 __asm__("x1") = a1;
    register uint64_t x2 __asm__("x2") = a2;
    register uint64_t x3 __asm__("x3") = a3;

    if (smc) {
        __asm__ volatile("smc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : : "memory");
    } else {
        __asm__ volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : : "memory");
    }
    return x0;
}

void delay_us(uint64_t us)
{
    uint64_t freq = read_sysreg(cntfrq_el0);
    uint64_t end = cntvct() + us * freq / 1000000;

    while (cntvct() < end) {
    }
}

void rt_exit_status(int status)
{
    /* Semihosting SYS_EXIT (0x18), A64 form: {ADP_Stopped_ApplicationExit, status}. */
    static volatile uint64_t block[2];
    register uint64_t x0 __asm__("x0") = 0x18;
    register volatile uint64_t *x1 __asm__("x1") = block;

    block[0] = 0x20026;
    block[1] = (uint64_t)status;
    __asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
    for (;;) {
    }
}

void rt_exit(void)
{
    pr("%u failures\n", rt_failures);
    rt_exit_status(rt_failures ? 1 : 0);
}

void rt_expect_fault(void)
{
    fault_expected = 1;
}

static void unexpected(struct rt_frame *f, unsigned vec)
{
    pr("FAIL unexpected exception: vector 0x%x at EL%u, ESR 0x%lx, ELR 0x%lx, FAR 0x%lx, SPSR 0x%lx\n",
       vec * 0x80, current_el(), f->esr, f->elr, f->far, f->spsr);
    rt_failures++;
    rt_exit();
}

static void expected_fault(struct rt_frame *f, unsigned vec)
{
    if (!fault_expected) {
        unexpected(f, vec);
    }
    fault_expected = 0;
    rt_fault.esr = f->esr;
    rt_fault.far = f->far;
    rt_fault.elr = f->elr;
    rt_fault.spsr = f->spsr;
    rt_fault.sp = f->sp;
    rt_fault.vec = vec;
    rt_fault.el = current_el();
    rt_fault.count++;
}

/* Called by vec_common with the saved frame and the entry number. */
void rt_exception(struct rt_frame *f, unsigned vec)
{
    unsigned kind = vec & 3;

    rt_last.esr = f->esr;
    rt_last.far = f->far;
    rt_last.elr = f->elr;
    rt_last.spsr = f->spsr;
    rt_last.sp = f->sp;
    rt_last.vec = vec;
    rt_last.el = current_el();
    rt_last.count++;

    if (kind == 1 || kind == 2) {
        if (!rt_irq_hook) {
            unexpected(f, vec);
        }
        rt_irq_hook(f, vec);
        return;
    }
    if (kind == 3) {
        unexpected(f, vec);
    }
    if (rt_sync_hook && rt_sync_hook(f, vec)) {
        return;
    }
    switch (ESR_EC(f->esr)) {
    case 0x15: /* SVC: the preferred return address is already the next instruction */
        if ((f->esr & 0xffff) == 0xfff && vec >= 8) {
            /* The end of an rt_call_el0: back to EL1h with the caller's stack. */
            f->elr = (uint64_t)rt_el0_return;
            f->spsr = 0x3c5;
        }
        return;
    case 0x16: /* HVC */
    case 0x17: /* SMC */
        return;
    case 0x20: /* instruction aborts and PC alignment: the fetch itself failed */
    case 0x21:
    case 0x22:
        expected_fault(f, vec);
        f->elr = f->x[30];
        return;
    case 0x00: /* undefined */
    case 0x24: /* data aborts */
    case 0x25:
    case 0x26: /* SP alignment */
    case 0x3c: /* BRK */
        expected_fault(f, vec);
        f->elr += 4;
        return;
    default:
        unexpected(f, vec);
    }
}

void rt_secondary_main(uint64_t ctx) __attribute__((weak));
void rt_secondary_main(uint64_t ctx)
{
    (void)ctx;
    for (;;) {
        __asm__ volatile("wfi");
    }
}
