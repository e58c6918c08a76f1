/*
 * The bare-metal C tests' runtime (freestanding, built by
 * aarch64-linux-gnu-gcc): PL011 output, check lines, the exception frame
 * and the hooks of the vector table, EL0 calls, exit through semihosting.
 *
 * Every check prints one line, "ok   what = value" or "FAIL what = value,
 * want value", so that the output of the emulator can be compared line
 * for line with QEMU's.
 */
#ifndef BAREMETAL_RT_H
#define BAREMETAL_RT_H

#include <stdarg.h>
#include <stdint.h>

#define UART_BASE 0x09000000ul
#define GICD_BASE 0x08000000ul
#define GICC_BASE 0x08010000ul

#define PSCI_CPU_ON64 0xc4000003u
#define PSCI_SYSTEM_OFF 0x84000008u

#define read_sysreg(r) ({ uint64_t v_; __asm__ volatile("mrs %0, " #r : "=r"(v_)); v_; })
#define write_sysreg(r, v) __asm__ volatile("msr " #r ", %0" : : "r"((uint64_t)(v)) : "memory")
#define isb() __asm__ volatile("isb" : : : "memory")
#define dsb(opt) __asm__ volatile("dsb " #opt : : : "memory")

/* What the vector table saved (start.S lays it out). */
struct rt_frame {
    uint64_t x[31];
    uint64_t elr, spsr, esr, far;
    uint64_t sp;            /* the stack pointer when the exception was taken */
};

/* The last synchronous exception or interrupt taken. */
struct rt_exc {
    volatile unsigned count;
    uint64_t esr, far, elr, spsr, sp;
    unsigned vec;           /* vector entry 0..15: offset / 0x80 */
    unsigned el;            /* the EL that took it */
};
extern volatile struct rt_exc rt_last;
/* The last expected fault (rt_expect_fault), kept when later SVCs overwrite rt_last. */
extern volatile struct rt_exc rt_fault;

/*
 * Arm for one expected fault: the handler records it and resumes at the
 * next instruction (data aborts, undefined instructions, BRK) or, for a
 * fault on the fetch itself (instruction abort, PC alignment), at the
 * saved x30 -- the return address of the BLR that jumped there.
 */
void rt_expect_fault(void);
/* Called with the frame for an IRQ or FIQ (entry kind 1 or 2); NULL: unexpected. */
extern void (*rt_irq_hook)(struct rt_frame *f, unsigned vec);
/* Called first for every synchronous exception; returns nonzero when it handled it. */
extern int (*rt_sync_hook)(struct rt_frame *f, unsigned vec);

uint64_t rt_call_el0(void (*fn)(void), uint64_t arg, uint64_t sp_el0, uint64_t spsr);
/* fn(arg) at EL0 with the given stack, DAIF as now: returns fn's result. */
static inline uint64_t call_el0(uint64_t (*fn)(uint64_t), uint64_t arg, uint64_t sp)
{
    return rt_call_el0((void (*)(void))fn, arg, sp, 0);
}
extern void rt_el0_return(void);
extern void rt_secondary_entry(void);
extern char vectors[];

void putc_(char c);
void puts_(const char *s);
void pr(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
extern unsigned rt_failures;
void check_eq(const char *what, uint64_t got, uint64_t want);
void check_true(const char *what, int cond);

unsigned current_el(void);
uint64_t smc_hvc(int smc, uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3);
/* Semihosting SYS_EXIT with "application exit" and the status; prints a summary first. */
void rt_exit(void) __attribute__((noreturn));
void rt_exit_status(int status) __attribute__((noreturn));

/* Generic timer counter, for delays. */
static inline uint64_t cntvct(void)
{
    isb();
    return read_sysreg(cntvct_el0);
}
void delay_us(uint64_t us);

static inline void mmio_w32(uint64_t a, uint32_t v) { *(volatile uint32_t *)a = v; }
static inline uint32_t mmio_r32(uint64_t a) { return *(volatile uint32_t *)a; }

#define ESR_EC(e) ((unsigned)((e) >> 26) & 0x3f)

#endif
