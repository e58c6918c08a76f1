/*
 * EL2 (-M virt,virtualization=on): the CPU starts at EL2; ERET drops to
 * EL1, HVC comes back to EL2 (ESR_EL2, vector +0x400), and with
 * HCR_EL2.VM a stage 2 translation (4K granule, 39-bit IPA) maps an IPA
 * to another page, and stage 2 permission and translation faults from
 * EL1 reach EL2 with FAR_EL2 (the VA) and HPFAR_EL2 (the IPA).
 */
#include "pt.h"
#include "rt.h"

extern char text_start[], data_start[], data_end[], hvc_ret[];
static uint8_t tpage[2][4096] __attribute__((aligned(4096)));

/* ERET to EL1h on the current stack, continuing after the call. */
void drop_to_el1(void);
__asm__(
    "    .text\n"
    "drop_to_el1:\n"
    "    mov x9, sp\n"
    "    msr sp_el1, x9\n"
    "    msr elr_el2, x30\n"
    "    mov x9, #0x3c5\n"
    "    msr spsr_el2, x9\n"
    "    isb\n"
    "    eret\n");

static volatile uint64_t hpfar;
static volatile unsigned to_el2;    /* an HVC #1 asks to stay at EL2 */

/* At EL2, note HPFAR_EL2; HVC #1 returns to the caller at EL2 instead of EL1. */
static int el2_hook(struct rt_frame *f, unsigned vec)
{
    (void)vec;
    if (current_el() != 2) {
        return 0;
    }
    hpfar = read_sysreg(hpfar_el2);
    if (ESR_EC(f->esr) == 0x16 && (f->esr & 0xffff) == 1) {
        f->spsr = 0x3c9;    /* EL2h */
        return 1;
    }
    return 0;
}

#define IPA_MAP 0x70000000ull
#define IPA_RO 0x70001000ull
#define IPA_NONE 0x70002000ull

int main(void)
{
    static struct pt s2;
    uint64_t ts = (uint64_t)text_start, de = (uint64_t)data_end;

    pr("el2: EL2, HVC and stage 2\n");
    check_eq("started at EL2", current_el(), 2);
    rt_sync_hook = el2_hook;
    write_sysreg(vbar_el1, (uint64_t)vectors);
    write_sysreg(hcr_el2, 1ull << 31);     /* RW: EL1 is AArch64 */
    write_sysreg(sctlr_el1, 0x30d00800);
    isb();

    drop_to_el1();
    check_eq("after ERET: EL1", current_el(), 1);
    __asm__ volatile("hvc #0x123\n.globl hvc_ret\nhvc_ret:" : : : "memory");
    check_eq("hvc: taken to EL2", rt_last.el, 2);
    check_eq("hvc: ESR_EL2", rt_last.esr, 0x5a000123);
    check_eq("hvc: vector offset (lower EL)", rt_last.vec * 0x80, 0x400);
    check_eq("hvc: ELR_EL2 is the next instruction", rt_last.elr == (uint64_t)hvc_ret, 1);
    check_eq("hvc: SPSR_EL2 (EL1h, masked)", rt_last.spsr & 0x3cf, 0x3c5);
    check_eq("back at EL1", current_el(), 1);
    __asm__ volatile("hvc #1" : : : "memory");
    check_eq("hvc #1: back at EL2", current_el(), 2);

    /* Stage 2: identity for the program and the UART, IPA_MAP -> tpage[0], IPA_RO -> tpage[1] read-only. */
    *(volatile uint64_t *)tpage[0] = 0x1111;
    *(volatile uint64_t *)tpage[1] = 0x2222;
    pt_pool_reset();
    pt_init(&s2, 12, 39);
    uint64_t rw = S2_MEM_WB | PTE_SH_INNER | PTE_AF | S2_AP_R | S2_AP_W;
    pt_map_pages(&s2, ts, ts, de - ts, rw);
    pt_map_pages(&s2, UART_BASE, UART_BASE, 4096, PTE_AF | S2_AP_R | S2_AP_W);   /* Device-nGnRnE */
    pt_map(&s2, IPA_MAP, (uint64_t)tpage[0], 3, rw);
    pt_map(&s2, IPA_RO, (uint64_t)tpage[1], 3, S2_MEM_WB | PTE_SH_INNER | PTE_AF | S2_AP_R);
    /* VTCR_EL2: T0SZ 25 (39 bits), SL0 1 (start at level 1), WB, inner shareable, 4K, PS 40 bits. */
    write_sysreg(vtcr_el2, 25 | 1u << 6 | 1u << 8 | 1u << 10 | 3u << 12 | 0u << 14 | 2ull << 16 | 1ull << 31);
    write_sysreg(vttbr_el2, (uint64_t)s2.root | 1ull << 48);
    write_sysreg(hcr_el2, 1ull << 31 | 1);
    isb();
    __asm__ volatile("tlbi vmalls12e1\n dsb ish\n isb" : : : "memory");

    drop_to_el1();
    check_eq("stage 2: EL1 reads IPA_MAP from the page behind it", *(volatile uint64_t *)IPA_MAP, 0x1111);
    check_eq("stage 2: read of a read-only IPA", *(volatile uint64_t *)IPA_RO, 0x2222);
    rt_expect_fault();
    *(volatile uint64_t *)(IPA_RO + 8) = 1;
    check_eq("stage 2 permission fault: taken to EL2", rt_fault.el, 2);
    /* The instruction-syndrome bits (ISV, SAS, SRT...) are left out of the comparison. */
    check_eq("stage 2 permission fault: ESR_EL2 EC/IL/WnR/DFSC", rt_fault.esr & 0xfe003fff, 0x9200004f);
    check_eq("stage 2 permission fault: FAR_EL2", rt_fault.far, IPA_RO + 8);
    check_eq("stage 2 permission fault: HPFAR_EL2", hpfar, (IPA_RO >> 12) << 4);
    rt_expect_fault();
    (void)*(volatile uint64_t *)IPA_NONE;
    check_eq("stage 2 translation fault: ESR_EL2 EC/IL/WnR/DFSC", rt_fault.esr & 0xfe003fff, 0x92000007);
    check_eq("stage 2 translation fault: HPFAR_EL2", hpfar, (IPA_NONE >> 12) << 4);
    __asm__ volatile("hvc #1" : : : "memory");
    check_eq("back at EL2", current_el(), 2);
    write_sysreg(hcr_el2, 1ull << 31);
    isb();
    return 0;
}
