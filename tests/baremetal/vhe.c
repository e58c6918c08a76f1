/*
 * FEAT_VHE (-M virt,virtualization=on -cpu max): at EL2 with
 * HCR_EL2.{E2H,TGE} = {1,1} the EL1 register names reach the EL2
 * registers, the _EL12/_EL02 names the EL1/EL0 ones; the EL2&0 regime
 * translates with TTBR0_EL2 and TTBR1_EL2 and TCR_EL2 in TCR_EL1's
 * layout, for EL2 and for EL0, whose SVCs and aborts go to EL2; TLBI VAE1
 * acts on that regime, AT S1E2R walks it, LDTR at EL2 is an EL0 access,
 * CNTV_* at EL2 is the EL2 virtual timer.
 * The _EL12/_EL02 and EL2-only names are spelt S3_<op1>_C<n>_C<m>_<op2> so
 * that the ARMv8.0 assembler of build.sh takes them.
 */
#include "pt.h"
#include "rt.h"

extern char text_start[], text_end[], data_start[], data_end[];

#define HCR_RW (1ull << 31)
#define HCR_TGE (1ull << 27)
#define HCR_E2H (1ull << 34)
#define SCTLR_RES1 0x30d00800ull    /* EL1 layout (E2H): with SPAN, so no PAN on entry */
#define SCTLR_MMU_ON (SCTLR_RES1 | 1 | 1u << 2 | 1u << 12)

/* A page of TTBR1 space, one of TTBR0 space that only EL2 may touch. */
#define HI_VA 0xffffffffc0001000ull
#define PRIV_VA 0x7f000000ull

static uint64_t pages[3][512] __attribute__((aligned(4096)));
static uint64_t el0_stack[512] __attribute__((aligned(16)));

/* SVC #0xfff ends rt_call_el0: under TGE it comes to EL2, so go back to EL2h (not EL1h). */
static int el2_hook(struct rt_frame *f, unsigned vec)
{
    if (ESR_EC(f->esr) == 0x15 && (f->esr & 0xffff) == 0xfff && vec >= 8) {
        f->elr = (uint64_t)rt_el0_return;
        f->spsr = 0x3c9;
        return 1;
    }
    return 0;
}

static uint64_t el0_svc(uint64_t arg)
{
    register uint64_t x0 __asm__("x0") = arg;
    __asm__ volatile("svc #0x42" : "+r"(x0) : : "memory");
    return x0 + 1;
}

static uint64_t el0_read(uint64_t va)
{
    return *(volatile uint64_t *)va;
}

static uint64_t ldtr(uint64_t va)
{
    uint64_t v = 0;
    __asm__ volatile("ldtr %0, [%1]" : "+r"(v) : "r"(va) : "memory");
    return v;
}

int main(void)
{
    static struct pt t0, t1;
    uint64_t ts = (uint64_t)text_start, te = (uint64_t)text_end;
    uint64_t ds = (uint64_t)data_start, de = (uint64_t)data_end;
    uint64_t tcr, v;

    pr("vhe: E2H/TGE, the EL2&0 regime, EL12 names, EL0 under TGE\n");
    check_eq("started at EL2", current_el(), 2);
    check_eq("ID_AA64MMFR1_EL1.VH", read_sysreg(id_aa64mmfr1_el1) >> 8 & 0xf, 1);
    rt_sync_hook = el2_hook;

    /* EL1 registers, set at EL2 before E2H (their own names). */
    write_sysreg(hcr_el2, HCR_RW);
    write_sysreg(vbar_el1, 0x1000);
    write_sysreg(tcr_el1, 0);
    isb();

    write_sysreg(hcr_el2, HCR_RW | HCR_TGE | HCR_E2H);
    isb();
    check_eq("HCR_EL2.E2H sticks", read_sysreg(hcr_el2) >> 34 & 1, 1);
    /* The EL1 names now reach EL2's registers; the EL12 names EL1's. */
    check_eq("VBAR_EL1 at EL2 reads VBAR_EL2", read_sysreg(vbar_el1), read_sysreg(vbar_el2));
    check_eq("VBAR_EL12 reads VBAR_EL1", read_sysreg(S3_5_C12_C0_0), 0x1000);
    write_sysreg(S3_5_C12_C0_0, 0x2000);
    check_eq("VBAR_EL12 write: VBAR_EL2 unchanged", read_sysreg(vbar_el2), (uint64_t)vectors);
    check_eq("VBAR_EL12 write lands", read_sysreg(S3_5_C12_C0_0), 0x2000);
    write_sysreg(contextidr_el1, 0x55);
    check_eq("CONTEXTIDR_EL1 -> CONTEXTIDR_EL2", read_sysreg(S3_4_C13_C0_1), 0x55);
    check_eq("CONTEXTIDR_EL12 untouched", read_sysreg(S3_5_C13_C0_1), 0);

    /* The EL2&0 regime: 39-bit VAs both sides, 4K granule. */
    for (int i = 0; i < 512; i++) {
        pages[0][i] = 0x1000 + i;
        pages[1][i] = 0x2000 + i;
        pages[2][i] = 0x3000 + i;
    }
    pt_pool_reset();
    pt_init(&t0, 12, 39);
    pt_init(&t1, 12, 39);
    pt_map_pages(&t0, ts, ts, te - ts, PTE_NORMAL | PTE_AP_RO_ALL);          /* EL0 and EL2 run it */
    pt_map_pages(&t0, ds, ds, de - ds, PTE_NORMAL | PTE_AP_RW_ALL | PTE_UXN | PTE_PXN);
    pt_map_pages(&t0, UART_BASE, UART_BASE, 4096, PTE_DEVICE | PTE_AP_RW_EL1);
    pt_map(&t0, PRIV_VA, (uint64_t)pages[2], 3, PTE_NORMAL | PTE_AP_RW_EL1 | PTE_UXN | PTE_PXN);
    pt_map(&t1, HI_VA, (uint64_t)pages[0], 3, PTE_NORMAL | PTE_AP_RW_ALL | PTE_UXN | PTE_PXN);
    /* TCR_EL1 layout: T0SZ/T1SZ 25, WB inner shareable walks, TG1 4K, IPS 40 bits, 16-bit ASIDs. */
    tcr = 25 | 1ull << 8 | 1ull << 10 | 3ull << 12 | 25ull << 16 | 1ull << 24 | 1ull << 26 | 3ull << 28 |
          2ull << 30 | 2ull << 32 | 1ull << 36;
    write_sysreg(mair_el1, 0x00ff);                     /* attr 0 Normal WB, attr 1 Device-nGnRnE */
    write_sysreg(tcr_el1, tcr);
    write_sysreg(ttbr0_el1, (uint64_t)t0.root | 5ull << 48);
    write_sysreg(ttbr1_el1, (uint64_t)t1.root);
    isb();
    check_eq("TCR_EL1 -> TCR_EL2", read_sysreg(tcr_el2), tcr);
    check_eq("TTBR1_EL1 -> TTBR1_EL2", read_sysreg(S3_4_C2_C0_1), (uint64_t)t1.root);
    check_eq("TTBR1_EL12 untouched", read_sysreg(S3_5_C2_C0_1), 0);
    check_eq("MAIR_EL2", read_sysreg(mair_el2), 0xff);
    __asm__ volatile("tlbi alle2\n dsb ish\n isb" : : : "memory");
    write_sysreg(sctlr_el1, SCTLR_MMU_ON);
    isb();
    check_eq("SCTLR_EL1 -> SCTLR_EL2.M", read_sysreg(sctlr_el2) & 1, 1);
    check_eq("SCTLR_EL12.M still 0", read_sysreg(S3_5_C1_C0_0) & 1, 0);

    check_eq("EL2 reads through TTBR1_EL2", *(volatile uint64_t *)(HI_VA + 8), 0x1001);
    check_eq("EL2 reads an EL2-only page", *(volatile uint64_t *)PRIV_VA, 0x3000);
    __asm__ volatile("at s1e2r, %0\n isb" : : "r"(HI_VA + 16) : "memory");
    v = read_sysreg(par_el1);
    check_eq("AT S1E2R of a TTBR1 VA: PAR_EL1.F", v & 1, 0);
    check_eq("AT S1E2R of a TTBR1 VA: PA", v & 0xfffffffff000ull, (uint64_t)pages[0]);

    /* LDTR at EL2 with E2H+TGE is an EL0 access: allowed where EL0 may read, a fault elsewhere. */
    check_eq("LDTR at EL2 of an EL0-readable page", ldtr(HI_VA + 24), 0x1003);
    rt_expect_fault();
    ldtr(PRIV_VA);
    check_eq("LDTR at EL2 of an EL2-only page: abort at EL2", rt_fault.el, 2);
    check_eq("LDTR at EL2 of an EL2-only page: ESR EC/DFSC", rt_fault.esr & 0xfc00003f, 0x9400000f);

    /* EL0 in the EL2&0 regime: SVC and aborts go to EL2. */
    rt_last.count = 0;
    v = call_el0(el0_svc, 7, (uint64_t)(el0_stack + 512));
    check_eq("EL0 under TGE: SVC result", v, 8);
    check_eq("EL0 SVC: exceptions taken (SVC #0x42, SVC #0xfff)", rt_last.count, 2);
    v = call_el0(el0_read, HI_VA + 32, (uint64_t)(el0_stack + 512));
    check_eq("EL0 reads through TTBR1_EL2", v, 0x1004);
    rt_expect_fault();
    call_el0(el0_read, PRIV_VA, (uint64_t)(el0_stack + 512));
    check_eq("EL0 read of an EL2-only page: taken to EL2", rt_fault.el, 2);
    check_eq("EL0 read of an EL2-only page: vector (lower EL)", rt_fault.vec, 8);
    check_eq("EL0 read of an EL2-only page: ESR EC/DFSC", rt_fault.esr & 0xfc00003f, 0x9000000f);
    check_eq("EL0 read of an EL2-only page: FAR_EL2", rt_fault.far, PRIV_VA);
    check_eq("EL0 read of an EL2-only page: SPSR.M (EL0t)", rt_fault.spsr & 0xf, 0);

    /* TLBI VAE1 under E2H+TGE invalidates EL2&0 entries: remap HI_VA to pages[1]. */
    *pt_leaf(&t1, HI_VA, 3) = (uint64_t)pages[1] | PTE_VALID | PTE_TABLE | PTE_NORMAL | PTE_AP_RW_ALL |
                              PTE_UXN | PTE_PXN;
    dsb(ish);
    __asm__ volatile("tlbi vae1, %0\n dsb ish\n isb" : : "r"(HI_VA >> 12) : "memory");
    check_eq("after TLBI VAE1: the new page", *(volatile uint64_t *)(HI_VA + 8), 0x2001);

    /* CNTV_* at EL2 is the EL2 virtual timer; CNTV_*_EL02 the EL1 one. */
    write_sysreg(cntv_cval_el0, 0x123456789ull);
    check_eq("CNTV_CVAL_EL0 -> CNTHV_CVAL_EL2", read_sysreg(S3_4_C14_C3_2), 0x123456789ull);
    write_sysreg(S3_5_C14_C3_2, 0x42);
    check_eq("CNTV_CVAL_EL02 is not CNTHV", read_sysreg(cntv_cval_el0), 0x123456789ull);
    check_eq("CNTV_CVAL_EL02 reads back", read_sysreg(S3_5_C14_C3_2), 0x42);
    write_sysreg(cntp_cval_el0, 0x777);
    check_eq("CNTP_CVAL_EL0 -> CNTHP_CVAL_EL2", read_sysreg(cnthp_cval_el2), 0x777);

    /* Back to the plain EL2 regime with the MMU off. */
    write_sysreg(sctlr_el1, SCTLR_RES1);
    isb();
    write_sysreg(hcr_el2, HCR_RW);
    isb();
    check_eq("without E2H, VBAR_EL1 is EL1's again", read_sysreg(vbar_el1), 0x2000);
    return 0;
}
