/*
 * target-arm/mmu-dump.c (the monitor's info tlb): the VA ranges of the
 * regime, and the runs found through a fake table walker: coalescing of
 * contiguous pages, a new run where PA or permissions change, invalid
 * entries skipped by the size of their level, both TTBR ranges.
 */
#include <string.h>
#include "accel/exec.h"
#include "accel/user-mem.h"
#include "runner.h"
#include "target-arm/exception.h"
#include "target-arm/mmu-dump.h"
#include "target-arm/tlb-fill.h"

#define GiB (1ull << 30)
#define MiB (1ull << 20)
#define TTBR1_BASE 0xffffff8000000000ull

static unsigned walks;

/* Level-n translation fault at va. */
static bool fault(ArmWalkResult *res, unsigned level)
{
    res->fsc = ARM_FSC_TRANSLATION_L0 + level;
    return false;
}

static bool map(ArmWalkResult *res, uint64_t va, uint64_t base, uint64_t pa, unsigned bits,
                unsigned prot, uint8_t attrs)
{
    res->pa = pa + (va - base);
    res->page_bits = bits;
    res->prot = prot;
    res->attrs = attrs;
    res->sh = 3;
    return true;
}

/*
 * A 39-bit, 4K-granule map (walks start at level 1):
 *   0-1G device block; 1G+0-2M RAM block; then three 4K pages of which the
 *   first two are PA-contiguous and user-accessible, the rest of that L3
 *   table invalid; the rest of that L2 table invalid; the rest of L1 invalid.
 *   TTBR1: one 1G block.
 */
static bool fake_walk(CPUARMState *env, const ArmRegime *r, uint64_t va, int access, ArmWalkResult *res)
{
    const unsigned rw = PAGE_READ | PAGE_WRITE, rwx = rw | PAGE_EXEC;

    walks++;
    if (va >= TTBR1_BASE) {
        if (va < TTBR1_BASE + GiB && !r->unprivileged) {
            return map(res, va, TTBR1_BASE, 0x40000000, 30, PAGE_READ | PAGE_EXEC, 0xff);
        }
        return r->unprivileged && va < TTBR1_BASE + GiB ? (res->fsc = ARM_FSC_PERMISSION_L0 + 1, false)
                                                         : fault(res, 1);
    }
    if (va < GiB) {
        return r->unprivileged ? (res->fsc = ARM_FSC_PERMISSION_L0 + 1, false)
                               : map(res, va, 0, 0, 30, rw, 0x00);
    }
    if (va < GiB + 2 * MiB) {
        return r->unprivileged ? (res->fsc = ARM_FSC_PERMISSION_L0 + 2, false)
                               : map(res, va, GiB, GiB, 21, rwx, 0xff);
    }
    if (va < GiB + 2 * MiB + 0x2000) {
        return map(res, va, GiB + 2 * MiB, 0x80000000, 12, rw, 0xff);
    }
    if (va < GiB + 2 * MiB + 0x3000) {
        return map(res, va, GiB + 2 * MiB + 0x2000, 0x90000000, 12, PAGE_READ, 0xff);
    }
    if (va < GiB + 4 * MiB) {
        return fault(res, 3);
    }
    if (va < 2 * GiB) {
        return fault(res, 2);
    }
    return fault(res, 1);
}

static CPUARMState env;

static void setup_env(void)
{
    memset(&env, 0, sizeof(env));
    env.sys_mode = true;
    env.pstate_el = 1;
    env.spsel = 1;
    env.sctlr_el[1] = SCTLR_M;
    /* T0SZ = T1SZ = 25, TG0 4K (0), TG1 4K (0b10). */
    env.tcr_el[1] = 25 | 25ull << 16 | 2ull << 30;
    arm_mmu_walk_fn = fake_walk;
    walks = 0;
}

static ArmMapping runs[16];
static unsigned nruns;

static void collect(void *opaque, const ArmMapping *m)
{
    (void)opaque;
    if (nruns < 16) {
        runs[nruns] = *m;
    }
    nruns++;
}

static void test_ranges(void)
{
    ArmVARange r[2];
    unsigned el;

    setup_env();
    CU_ASSERT_EQUAL_FATAL(arm_mapping_ranges(&env, &el, r), 2);
    CU_ASSERT_EQUAL(el, 1);
    CU_ASSERT_EQUAL(r[0].first, 0);
    CU_ASSERT_EQUAL(r[0].last, (1ull << 39) - 1);
    CU_ASSERT_EQUAL(r[0].granule_bits, 12);
    CU_ASSERT_EQUAL(r[1].ttbr, 1);
    CU_ASSERT_EQUAL(r[1].first, TTBR1_BASE);
    CU_ASSERT_EQUAL(r[1].last, UINT64_MAX);
    /* TG0 64K, TG1 16K. */
    env.tcr_el[1] = 25 | 1ull << 14 | 25ull << 16 | 1ull << 30;
    arm_mapping_ranges(&env, &el, r);
    CU_ASSERT_EQUAL(r[0].granule_bits, 16);
    CU_ASSERT_EQUAL(r[1].granule_bits, 14);
    /* Stage 1 off: nothing to list. */
    env.sctlr_el[1] = 0;
    CU_ASSERT_EQUAL(arm_mapping_ranges(&env, &el, r), 0);
    nruns = 0;
    CU_ASSERT_TRUE(arm_for_each_mapping(&env, 1000, collect, NULL));
    CU_ASSERT_EQUAL(nruns, 0);
}

static void test_runs(void)
{
    setup_env();
    nruns = 0;
    CU_ASSERT_TRUE_FATAL(arm_for_each_mapping(&env, 1u << 20, collect, NULL));
    CU_ASSERT_EQUAL_FATAL(nruns, 5);
    CU_ASSERT_EQUAL(runs[0].va, 0);
    CU_ASSERT_EQUAL(runs[0].size, GiB);
    CU_ASSERT_EQUAL(runs[0].prot_priv, PAGE_READ | PAGE_WRITE);
    CU_ASSERT_EQUAL(runs[0].prot_user, 0);
    CU_ASSERT_EQUAL(runs[0].attrs, 0x00);
    CU_ASSERT_EQUAL(runs[1].va, GiB);
    CU_ASSERT_EQUAL(runs[1].pa, GiB);
    CU_ASSERT_EQUAL(runs[1].size, 2 * MiB);
    /* The two PA-contiguous pages are one run; the third (another PA) is not. */
    CU_ASSERT_EQUAL(runs[2].va, GiB + 2 * MiB);
    CU_ASSERT_EQUAL(runs[2].pa, 0x80000000);
    CU_ASSERT_EQUAL(runs[2].size, 0x2000);
    CU_ASSERT_EQUAL(runs[2].prot_user, PAGE_READ | PAGE_WRITE);
    CU_ASSERT_EQUAL(runs[3].va, GiB + 2 * MiB + 0x2000);
    CU_ASSERT_EQUAL(runs[3].pa, 0x90000000);
    CU_ASSERT_EQUAL(runs[3].size, 0x1000);
    CU_ASSERT_EQUAL(runs[3].prot_priv, PAGE_READ);
    CU_ASSERT_EQUAL(runs[4].va, TTBR1_BASE);
    CU_ASSERT_EQUAL(runs[4].pa, 0x40000000);
    CU_ASSERT_EQUAL(runs[4].size, GiB);
    CU_ASSERT_EQUAL(runs[4].prot_priv, PAGE_READ | PAGE_EXEC);
    /*
     * Invalid entries cost one walk each, at their level: 509 in the L3
     * table, 510 in L2, 510 + 511 in the two L1 tables, plus the mapped
     * ones and their EL0 probes; a page-by-page scan would need 2^27.
     */
    CU_ASSERT_TRUE(walks < 3000);
}

static void test_probe_limit(void)
{
    setup_env();
    nruns = 0;
    CU_ASSERT_FALSE(arm_for_each_mapping(&env, 10, collect, NULL));
    CU_ASSERT_TRUE(walks < 40);
}

static CU_TestInfo tests[] = {
    { "ranges", test_ranges },
    { "runs", test_runs },
    { "probe_limit", test_probe_limit },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return cunit_run_suite("mmu_dump", tests);
}
