/* The current stage-1 translation as runs of mappings: see mmu-dump.h. */
#include "target-arm/mmu-dump.h"

#include "accel/exec.h"
#include "accel/user-mem.h"
#include "target-arm/exception.h"
#include "target-arm/tlb-fill.h"

/* D8.2 (TCR_ELx.TG0/TG1): the two fields encode the granule differently. */
static unsigned tg0_bits(uint64_t tcr)
{
    static const unsigned bits[4] = { 12, 16, 14, 12 };
    return bits[(tcr >> 14) & 3];
}

static unsigned tg1_bits(uint64_t tcr)
{
    static const unsigned bits[4] = { 12, 14, 12, 16 };
    return bits[(tcr >> 30) & 3];
}

/* The size of VA space that 2^txsz bytes below the top leave: 2^(64 - TxSZ). */
static uint64_t range_size(unsigned txsz)
{
    return txsz == 0 ? 0 : (uint64_t)1 << (64 - txsz);   /* 0: all 2^64 */
}

unsigned arm_mapping_ranges(const CPUARMState *env, unsigned *el, ArmVARange *out)
{
    ArmRegime r;
    unsigned n = 0;
    uint64_t size;

    arm_regime_for_mmu_idx(env, arm_current_mmu_idx(env), &r);
    *el = r.el;
    if (!r.mmu_enabled) {
        return 0;
    }
    size = range_size(r.tcr & 0x3f);
    out[n++] = (ArmVARange){ 0, 0, size - 1, tg0_bits(r.tcr) };
    if (r.regime_has_two_ranges) {
        size = range_size((r.tcr >> 16) & 0x3f);
        out[n++] = (ArmVARange){ 1, -size, UINT64_MAX, tg1_bits(r.tcr) };
    }
    return n;
}

/* Walk va in mmu_idx without side effects; on a fault *skip is the region the failing level covers. */
static bool probe(CPUARMState *env, int mmu_idx, int access, uint64_t va, unsigned g,
                  ArmWalkResult *res, uint64_t *skip)
{
    if (arm_tlb_fill_result(env, va, access | ARM_ACCESS_STAGE1_ONLY, mmu_idx, true, res)) {
        return true;
    }
    /* Every walk FSC (address size, translation, access flag, SEA on walk) ends in the level. */
    unsigned level = res->fsc & 3;
    unsigned bits = g + (3 - level) * (g - 3);
    *skip = bits >= 64 ? 0 : (uint64_t)1 << bits;
    return false;
}

/* The regime's view from EL0 (user_idx), when there is one: read, or execute-only. */
static unsigned user_prot(CPUARMState *env, int user_idx, uint64_t va, unsigned g)
{
    ArmWalkResult res;
    uint64_t skip;

    if (probe(env, user_idx, EXEC_ACCESS_READ, va, g, &res, &skip) ||
        probe(env, user_idx, EXEC_ACCESS_FETCH, va, g, &res, &skip)) {
        return res.prot;
    }
    return 0;
}

bool arm_for_each_mapping(CPUARMState *env, unsigned long max_probes,
                          void (*fn)(void *opaque, const ArmMapping *m), void *opaque)
{
    ArmVARange ranges[2];
    unsigned el, n = arm_mapping_ranges(env, &el, ranges);
    /*
     * The privileged view: PAN would hide user pages from the listing.  The
     * EL2&0 regime (FEAT_VHE) has an EL0 view like EL1&0's.
     */
    int cur = arm_current_mmu_idx(env);
    bool e20 = arm_mmu_idx_is_e20(cur);
    int priv_idx = el == 1 ? ARM_MMU_IDX_EL1 : e20 ? ARM_MMU_IDX_E20_2 : cur;
    int user_idx = e20 ? ARM_MMU_IDX_E20_0 : ARM_MMU_IDX_EL0;
    ArmMapping run = { 0 };
    bool have_run = false, complete = true;

    for (unsigned i = 0; i < n && complete; i++) {
        uint64_t va = ranges[i].first;
        unsigned g = ranges[i].granule_bits;

        for (;;) {
            ArmWalkResult res;
            uint64_t step;

            if (max_probes-- == 0) {
                complete = false;
                break;
            }
            if (probe(env, priv_idx, EXEC_ACCESS_READ, va, g, &res, &step)) {
                ArmMapping m = {
                    .size = (uint64_t)1 << res.page_bits, .prot_priv = res.prot,
                    .prot_user = el == 1 || e20 ? user_prot(env, user_idx, va, g) : 0, .attrs = res.attrs, .sh = res.sh,
                };
                m.va = va & -m.size;
                m.pa = res.pa & -m.size;
                step = m.size;
                if (have_run && m.va == run.va + run.size && m.pa == run.pa + run.size &&
                    m.prot_priv == run.prot_priv && m.prot_user == run.prot_user &&
                    m.attrs == run.attrs && m.sh == run.sh) {
                    run.size += m.size;
                } else {
                    if (have_run) {
                        fn(opaque, &run);
                    }
                    run = m;
                    have_run = true;
                }
            }
            /* Next region: aligned down first, as a fault's level covers more than va. */
            va &= step ? -step : 0;
            if (!step || va + step - 1 >= ranges[i].last || va + step < va) {
                break;
            }
            va += step;
        }
    }
    if (have_run) {
        fn(opaque, &run);
    }
    return complete;
}
