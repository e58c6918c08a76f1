/* boot/psci.c: function IDs, arguments and return values of the PSCI 1.0 model. */
#include <string.h>
#include "boot/psci.h"
#include "runner.h"
#include "target-arm/helpers-sys.h"

/* A fake board: 2 CPUs with MPIDR Aff0 = index; records what was asked. */
static int power[2];
static unsigned on_cpu, on_el;
static uint64_t on_entry, on_ctx;
static int offs, system_offs, resets;

static int by_mpidr(void *o, uint64_t mpidr) { return mpidr < 2 ? (int)mpidr : -1; }
static int state(void *o, unsigned cpu) { return power[cpu]; }
static void cpu_on(void *o, unsigned cpu, uint64_t entry, uint64_t ctx, unsigned el)
{
    on_cpu = cpu;
    on_entry = entry;
    on_ctx = ctx;
    on_el = el;
    power[cpu] = PSCI_AFF_ON_PENDING;
}
static void cpu_off(void *o, unsigned cpu) { offs++; power[cpu] = PSCI_AFF_OFF; }
static void sys_off(void *o) { system_offs++; }
static void sys_reset(void *o) { resets++; }

static const PsciOps ops = { NULL, by_mpidr, state, cpu_on, cpu_off, sys_off, sys_reset };
static CPUARMState env;

static int call(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
    env.xregs[0] = fn;
    env.xregs[1] = a1;
    env.xregs[2] = a2;
    env.xregs[3] = a3;
    return psci_handle_call(&ops, &env, false);
}

static void setup(void)
{
    memset(&env, 0, sizeof(env));
    env.pstate_el = 1;
    power[0] = PSCI_AFF_ON;
    power[1] = PSCI_AFF_OFF;
    offs = system_offs = resets = 0;
}

static void test_version_and_info(void)
{
    setup();
    CU_ASSERT_EQUAL(call(PSCI_FN_PSCI_VERSION, 0, 0, 0), ARM_PSCI_DONE);
    CU_ASSERT_EQUAL(env.xregs[0], 0x10000);
    CU_ASSERT_EQUAL(call(PSCI_FN_MIGRATE_INFO_TYPE, 0, 0, 0), ARM_PSCI_DONE);
    CU_ASSERT_EQUAL(env.xregs[0], 2);
    /* An unknown function in the PSCI range, and another SMCCC service. */
    call(0x8400001f, 0, 0, 0);
    CU_ASSERT_EQUAL((int64_t)env.xregs[0], PSCI_RET_NOT_SUPPORTED);
    call(0x82000000, 0, 0, 0);
    CU_ASSERT_EQUAL((int64_t)env.xregs[0], PSCI_RET_NOT_SUPPORTED);
    /* Upper bits of X0 are ignored: W0 is the function ID. */
    call(0xffffffff00000000ull | PSCI_FN_PSCI_VERSION, 0, 0, 0);
    CU_ASSERT_EQUAL(env.xregs[0], 0x10000);
}

static void test_cpu_on_smc64_and_smc32(void)
{
    setup();
    CU_ASSERT_EQUAL(call(0xc4000003, 1, 0x40123456789ull, 0xabcdef0123ull), ARM_PSCI_DONE);
    CU_ASSERT_EQUAL(env.xregs[0], 0);
    CU_ASSERT_EQUAL(on_cpu, 1);
    CU_ASSERT_EQUAL(on_entry, 0x40123456789ull);
    CU_ASSERT_EQUAL(on_ctx, 0xabcdef0123ull);
    CU_ASSERT_EQUAL(on_el, 1);
    /* Pending, then on. */
    call(0xc4000003, 1, 0x1000, 0);
    CU_ASSERT_EQUAL((int64_t)env.xregs[0], PSCI_RET_ON_PENDING);
    call(0xc4000003, 0, 0x1000, 0);
    CU_ASSERT_EQUAL((int64_t)env.xregs[0], PSCI_RET_ALREADY_ON);
    call(0xc4000003, 7, 0x1000, 0);
    CU_ASSERT_EQUAL((int64_t)env.xregs[0], PSCI_RET_INVALID_PARAMS);
    /* SMC32: arguments truncated to 32 bits. */
    power[1] = PSCI_AFF_OFF;
    call(PSCI_FN_CPU_ON, 0x100000001ull, 0x1240000000ull | 0x40080000, 0x500000007ull);
    CU_ASSERT_EQUAL(env.xregs[0], 0);
    CU_ASSERT_EQUAL(on_entry, 0x40080000);
    CU_ASSERT_EQUAL(on_ctx, 7);
}

static void test_affinity_off_system(void)
{
    setup();
    call(0xc4000004, 1, 0, 0);
    CU_ASSERT_EQUAL(env.xregs[0], PSCI_AFF_OFF);
    call(PSCI_FN_AFFINITY_INFO, 0, 0, 0);
    CU_ASSERT_EQUAL(env.xregs[0], PSCI_AFF_ON);
    call(PSCI_FN_AFFINITY_INFO, 0, 1, 0);
    CU_ASSERT_EQUAL((int64_t)env.xregs[0], PSCI_RET_INVALID_PARAMS);
    CU_ASSERT_EQUAL(call(PSCI_FN_CPU_OFF, 0, 0, 0), ARM_PSCI_HALT);
    CU_ASSERT_EQUAL(offs, 1);
    CU_ASSERT_EQUAL(power[0], PSCI_AFF_OFF);
    CU_ASSERT_EQUAL(call(PSCI_FN_SYSTEM_OFF, 0, 0, 0), ARM_PSCI_HALT);
    CU_ASSERT_EQUAL(system_offs, 1);
    CU_ASSERT_EQUAL(call(PSCI_FN_SYSTEM_RESET, 0, 0, 0), ARM_PSCI_HALT);
    CU_ASSERT_EQUAL(resets, 1);
    /* SYSTEM_OFF has no SMC64 form. */
    CU_ASSERT_EQUAL(call(0xc4000008, 0, 0, 0), ARM_PSCI_DONE);
    CU_ASSERT_EQUAL((int64_t)env.xregs[0], PSCI_RET_NOT_SUPPORTED);
    CU_ASSERT_EQUAL(system_offs, 1);
}

static void test_features(void)
{
    setup();
    call(PSCI_FN_FEATURES, 0xc4000003, 0, 0);
    CU_ASSERT_EQUAL(env.xregs[0], 0);
    call(PSCI_FN_FEATURES, PSCI_FN_SYSTEM_RESET, 0, 0);
    CU_ASSERT_EQUAL(env.xregs[0], 0);
    call(PSCI_FN_FEATURES, PSCI_FN_CPU_SUSPEND, 0, 0);
    CU_ASSERT_EQUAL((int64_t)env.xregs[0], PSCI_RET_NOT_SUPPORTED);
    call(PSCI_FN_FEATURES, 0xc4000008, 0, 0);
    CU_ASSERT_EQUAL((int64_t)env.xregs[0], PSCI_RET_NOT_SUPPORTED);
}

static CU_TestInfo tests[] = {
    { "version, migrate info, unknown IDs", test_version_and_info },
    { "CPU_ON SMC64 and SMC32, error codes", test_cpu_on_smc64_and_smc32 },
    { "AFFINITY_INFO, CPU_OFF, SYSTEM_OFF/RESET", test_affinity_off_system },
    { "FEATURES", test_features },
    CU_TEST_INFO_NULL,
};

int main(void) { return cunit_run_suite("psci", tests); }
