/* Unit tests of the generic timers (hw/arm-timer.c), on the deterministic device clock. */
#include <string.h>
#include <libfdt.h>
#include "hw/arm-timer.h"
#include "hw/clock.h"
#include "hw/gic.h"
#include "runner.h"

static ArmTimerCpu tc;
static bool tc_live;
static int line[ARM_TIMER_COUNT], calls[ARM_TIMER_COUNT];
static int64_t raised_at[ARM_TIMER_COUNT];

static void on_line(void *opaque, int n, int level)
{
    line[n] = level;
    calls[n]++;
    if (level) {
        raised_at[n] = clock_now_ns();
    }
}

/* Fresh timers at device time 0; earlier timers are taken off the clock's list first. */
static void setup(uint64_t freq)
{
    if (tc_live) {
        for (int k = 0; k < ARM_TIMER_COUNT; k++) {
            timer_del(&tc.t[k].deadline);
        }
    }
    clock_set_manual(true);
    memset(line, 0, sizeof(line));
    memset(calls, 0, sizeof(calls));
    memset(raised_at, 0, sizeof(raised_at));
    arm_timer_init(&tc, freq);
    for (int k = 0; k < ARM_TIMER_COUNT; k++) {
        tc.t[k].out = irq_line(on_line, NULL, k);
    }
    arm_timer_reset(&tc);
    tc_live = true;
}

static void teardown(void)
{
    arm_timer_reset(&tc);   /* disarms every deadline */
    clock_set_manual(false);
}

static void test_counter_scaling(void)
{
    setup(0);
    CU_ASSERT_EQUAL(tc.freq_hz, 62500000);
    CU_ASSERT_EQUAL(arm_timer_get_cntfrq(&tc), 62500000);
    CU_ASSERT_EQUAL(arm_timer_read_cntpct(&tc), 0);
    clock_advance_ns(15);
    CU_ASSERT_EQUAL(arm_timer_read_cntpct(&tc), 0);
    clock_advance_ns(1);
    CU_ASSERT_EQUAL(arm_timer_read_cntpct(&tc), 1);       /* 16 ns per tick */
    clock_advance_ns(1000000000 - 16);
    CU_ASSERT_EQUAL(arm_timer_read_cntpct(&tc), 62500000);
    /* CNTFRQ is only a register. */
    arm_timer_set_cntfrq(&tc, 100000000);
    CU_ASSERT_EQUAL(arm_timer_get_cntfrq(&tc), 100000000);
    CU_ASSERT_EQUAL(arm_timer_read_cntpct(&tc), 62500000);
    teardown();

    /* 24 MHz: a tick is 41.67 ns, and whole seconds stay exact forever. */
    setup(24000000);
    clock_advance_ns(41);
    CU_ASSERT_EQUAL(arm_timer_read_cntpct(&tc), 0);
    clock_advance_ns(1);
    CU_ASSERT_EQUAL(arm_timer_read_cntpct(&tc), 1);
    clock_advance_ns(1000 - 42);
    CU_ASSERT_EQUAL(arm_timer_read_cntpct(&tc), 24);
    clock_advance_ns(1000000000000000 - 1000);            /* 10^6 seconds */
    CU_ASSERT_EQUAL(arm_timer_read_cntpct(&tc), 24000000000000ull);
    clock_advance_ns(1);
    CU_ASSERT_EQUAL(arm_timer_read_cntpct(&tc), 24000000000000ull);
    CU_ASSERT_EQUAL(arm_timer_read_cntvct(&tc), 24000000000000ull);
    teardown();

    /* 1 GHz / 3: ns * freq overflows 64 bits after ~55 s without 128-bit math. */
    setup(333333333);
    clock_advance_ns(100000000000);                       /* 100 s */
    CU_ASSERT_EQUAL(arm_timer_read_cntpct(&tc), 33333333300ull);
    teardown();
}

static void test_cval_ctl_istatus(void)
{
    setup(0);
    arm_timer_set_cval(&tc, ARM_TIMER_PHYS, 100);       /* 1600 ns */
    CU_ASSERT_EQUAL(arm_timer_get_cval(&tc, ARM_TIMER_PHYS), 100);
    CU_ASSERT_EQUAL(arm_timer_get_ctl(&tc, ARM_TIMER_PHYS), 0);
    CU_ASSERT_FALSE(timer_pending(&tc.t[ARM_TIMER_PHYS].deadline));   /* disabled: nothing armed */
    arm_timer_set_ctl(&tc, ARM_TIMER_PHYS, ARM_TIMER_CTL_ENABLE | ARM_TIMER_CTL_ISTATUS);
    CU_ASSERT_EQUAL(arm_timer_get_ctl(&tc, ARM_TIMER_PHYS), ARM_TIMER_CTL_ENABLE);
    CU_ASSERT_TRUE(timer_pending(&tc.t[ARM_TIMER_PHYS].deadline));
    CU_ASSERT_EQUAL(tc.t[ARM_TIMER_PHYS].deadline.expire_ns, 1600);
    clock_advance_ns(1599);
    CU_ASSERT_EQUAL(line[ARM_TIMER_PHYS], 0);
    CU_ASSERT_EQUAL(arm_timer_get_ctl(&tc, ARM_TIMER_PHYS), ARM_TIMER_CTL_ENABLE);
    clock_advance_ns(1);
    CU_ASSERT_EQUAL(line[ARM_TIMER_PHYS], 1);
    CU_ASSERT_EQUAL(raised_at[ARM_TIMER_PHYS], 1600);
    CU_ASSERT_EQUAL(calls[ARM_TIMER_PHYS], 1);
    CU_ASSERT_EQUAL(arm_timer_get_ctl(&tc, ARM_TIMER_PHYS),
                    ARM_TIMER_CTL_ENABLE | ARM_TIMER_CTL_ISTATUS);
    /* The line stays up (level) as time goes on. */
    clock_advance_ns(100000);
    CU_ASSERT_EQUAL(line[ARM_TIMER_PHYS], 1);
    CU_ASSERT_EQUAL(calls[ARM_TIMER_PHYS], 1);
    /* IMASK lowers the line but ISTATUS still shows the condition. */
    arm_timer_set_ctl(&tc, ARM_TIMER_PHYS, ARM_TIMER_CTL_ENABLE | ARM_TIMER_CTL_IMASK);
    CU_ASSERT_EQUAL(line[ARM_TIMER_PHYS], 0);
    CU_ASSERT_EQUAL(arm_timer_get_ctl(&tc, ARM_TIMER_PHYS),
                    ARM_TIMER_CTL_ENABLE | ARM_TIMER_CTL_IMASK | ARM_TIMER_CTL_ISTATUS);
    arm_timer_set_ctl(&tc, ARM_TIMER_PHYS, ARM_TIMER_CTL_ENABLE);
    CU_ASSERT_EQUAL(line[ARM_TIMER_PHYS], 1);
    /* Disable: line down, ISTATUS reads 0. */
    arm_timer_set_ctl(&tc, ARM_TIMER_PHYS, 0);
    CU_ASSERT_EQUAL(line[ARM_TIMER_PHYS], 0);
    CU_ASSERT_EQUAL(arm_timer_get_ctl(&tc, ARM_TIMER_PHYS), 0);
    CU_ASSERT_EQUAL(calls[ARM_TIMER_PHYS], 4);
    /* A compare value in the future clears the condition of an enabled timer. */
    arm_timer_set_ctl(&tc, ARM_TIMER_PHYS, ARM_TIMER_CTL_ENABLE);
    CU_ASSERT_EQUAL(line[ARM_TIMER_PHYS], 1);
    arm_timer_set_cval(&tc, ARM_TIMER_PHYS, arm_timer_read_cntpct(&tc) + 10);
    CU_ASSERT_EQUAL(line[ARM_TIMER_PHYS], 0);
    CU_ASSERT_EQUAL(arm_timer_get_ctl(&tc, ARM_TIMER_PHYS), ARM_TIMER_CTL_ENABLE);
    clock_advance_ns(160);
    CU_ASSERT_EQUAL(line[ARM_TIMER_PHYS], 1);
    /* Other timers did not move. */
    CU_ASSERT_EQUAL(calls[ARM_TIMER_VIRT] + calls[ARM_TIMER_HYP] + calls[ARM_TIMER_SEC], 0);
    teardown();
}

static void test_deadline_rounding(void)
{
    /* At 24 MHz tick 1 begins at 41.67 ns: the line rises at 42, not 41. */
    setup(24000000);
    arm_timer_set_cval(&tc, ARM_TIMER_PHYS, 1);
    arm_timer_set_ctl(&tc, ARM_TIMER_PHYS, ARM_TIMER_CTL_ENABLE);
    clock_advance_ns(41);
    CU_ASSERT_EQUAL(line[ARM_TIMER_PHYS], 0);
    clock_advance_ns(1);
    CU_ASSERT_EQUAL(line[ARM_TIMER_PHYS], 1);
    CU_ASSERT_EQUAL(raised_at[ARM_TIMER_PHYS], 42);
    /* Tick 24000000 is exactly 1 s. */
    arm_timer_set_cval(&tc, ARM_TIMER_PHYS, 24000000);
    CU_ASSERT_EQUAL(line[ARM_TIMER_PHYS], 0);
    clock_advance_ns(2000000000);
    CU_ASSERT_EQUAL(raised_at[ARM_TIMER_PHYS], 1000000000);
    /* A compare value that the clock can never reach arms nothing. */
    arm_timer_set_cval(&tc, ARM_TIMER_PHYS, UINT64_MAX);
    CU_ASSERT_EQUAL(line[ARM_TIMER_PHYS], 0);
    CU_ASSERT_FALSE(timer_pending(&tc.t[ARM_TIMER_PHYS].deadline));
    teardown();
}

static void test_tval(void)
{
    setup(0);
    clock_advance_ns(16 * 1000);                          /* count 1000 */
    arm_timer_set_tval(&tc, ARM_TIMER_PHYS, 500);
    CU_ASSERT_EQUAL(arm_timer_get_cval(&tc, ARM_TIMER_PHYS), 1500);
    CU_ASSERT_EQUAL(arm_timer_get_tval(&tc, ARM_TIMER_PHYS), 500);
    clock_advance_ns(16 * 200);
    CU_ASSERT_EQUAL(arm_timer_get_tval(&tc, ARM_TIMER_PHYS), 300);   /* counts down */
    arm_timer_set_ctl(&tc, ARM_TIMER_PHYS, ARM_TIMER_CTL_ENABLE);
    clock_advance_ns(16 * 300);
    CU_ASSERT_EQUAL(line[ARM_TIMER_PHYS], 1);
    CU_ASSERT_EQUAL(raised_at[ARM_TIMER_PHYS], 16 * 1500);
    CU_ASSERT_EQUAL(arm_timer_get_tval(&tc, ARM_TIMER_PHYS), 0);
    clock_advance_ns(16 * 7);
    /* Past the deadline TVAL goes negative (signed 32-bit, zero-extended in the register). */
    CU_ASSERT_EQUAL(arm_timer_get_tval(&tc, ARM_TIMER_PHYS), (uint32_t)-7);
    /* Writing a negative TVAL sets CVAL in the past: the condition holds at once. */
    arm_timer_set_tval(&tc, ARM_TIMER_PHYS, 0xfffffff0);   /* -16 */
    CU_ASSERT_EQUAL(arm_timer_get_cval(&tc, ARM_TIMER_PHYS), 1507 - 16);
    CU_ASSERT_EQUAL(line[ARM_TIMER_PHYS], 1);
    /* Only bits [31:0] of a TVAL write count; bit 31 is the sign. */
    arm_timer_set_tval(&tc, ARM_TIMER_PHYS, 0xffffffff00000010ull);
    CU_ASSERT_EQUAL(arm_timer_get_cval(&tc, ARM_TIMER_PHYS), 1507 + 16);
    CU_ASSERT_EQUAL(line[ARM_TIMER_PHYS], 0);
    /* A compare value more than 2^31 ticks away: TVAL is its low 32 bits. */
    arm_timer_set_cval(&tc, ARM_TIMER_PHYS, 1507 + 0x180000000ull);
    CU_ASSERT_EQUAL(arm_timer_get_tval(&tc, ARM_TIMER_PHYS), 0x80000000u);
    /* TVAL of the virtual timer is relative to the virtual count. */
    arm_timer_set_cntvoff(&tc, 500);
    arm_timer_set_tval(&tc, ARM_TIMER_VIRT, 100);
    CU_ASSERT_EQUAL(arm_timer_get_cval(&tc, ARM_TIMER_VIRT), 1007 + 100);
    teardown();
}

static void test_virtual_offset(void)
{
    setup(0);
    clock_advance_ns(16 * 10000);                         /* count 10000 */
    arm_timer_set_cntvoff(&tc, 4000);
    CU_ASSERT_EQUAL(arm_timer_get_cntvoff(&tc), 4000);
    CU_ASSERT_EQUAL(arm_timer_read_cntpct(&tc), 10000);
    CU_ASSERT_EQUAL(arm_timer_read_cntvct(&tc), 6000);
    /* Virtual CVAL 6100 = physical 10100. */
    arm_timer_set_cval(&tc, ARM_TIMER_VIRT, 6100);
    arm_timer_set_ctl(&tc, ARM_TIMER_VIRT, ARM_TIMER_CTL_ENABLE);
    CU_ASSERT_EQUAL(line[ARM_TIMER_VIRT], 0);
    CU_ASSERT_EQUAL(tc.t[ARM_TIMER_VIRT].deadline.expire_ns, 16 * 10100);
    /* Raising the offset moves the deadline later. */
    arm_timer_set_cntvoff(&tc, 4050);
    CU_ASSERT_EQUAL(tc.t[ARM_TIMER_VIRT].deadline.expire_ns, 16 * 10150);
    clock_advance_ns(16 * 100);
    CU_ASSERT_EQUAL(line[ARM_TIMER_VIRT], 0);
    clock_advance_ns(16 * 50);
    CU_ASSERT_EQUAL(line[ARM_TIMER_VIRT], 1);
    CU_ASSERT_EQUAL(raised_at[ARM_TIMER_VIRT], 16 * 10150);
    /* A larger offset pulls the virtual count back below CVAL: condition false again... */
    arm_timer_set_cntvoff(&tc, 5000);
    CU_ASSERT_EQUAL(line[ARM_TIMER_VIRT], 0);
    /* ...and the physical timer never looked at the offset. */
    arm_timer_set_cval(&tc, ARM_TIMER_PHYS, 10150);
    arm_timer_set_ctl(&tc, ARM_TIMER_PHYS, ARM_TIMER_CTL_ENABLE);
    CU_ASSERT_EQUAL(line[ARM_TIMER_PHYS], 1);
    /* A virtual count that wraps below zero still compares unsigned. */
    arm_timer_set_cntvoff(&tc, 20000);
    CU_ASSERT_EQUAL(arm_timer_read_cntvct(&tc), (uint64_t)(10150 - 20000));
    CU_ASSERT_EQUAL(arm_timer_get_ctl(&tc, ARM_TIMER_VIRT) & ARM_TIMER_CTL_ISTATUS,
                    ARM_TIMER_CTL_ISTATUS);
    teardown();
}

static void test_rearm_and_disable(void)
{
    setup(0);
    arm_timer_set_cval(&tc, ARM_TIMER_HYP, 100);
    arm_timer_set_ctl(&tc, ARM_TIMER_HYP, ARM_TIMER_CTL_ENABLE);
    arm_timer_set_cval(&tc, ARM_TIMER_HYP, 200);         /* moved later before firing */
    clock_advance_ns(16 * 150);
    CU_ASSERT_EQUAL(line[ARM_TIMER_HYP], 0);
    CU_ASSERT_EQUAL(calls[ARM_TIMER_HYP], 0);
    clock_advance_ns(16 * 50);
    CU_ASSERT_EQUAL(line[ARM_TIMER_HYP], 1);
    CU_ASSERT_EQUAL(raised_at[ARM_TIMER_HYP], 16 * 200);
    /* Acknowledge by moving CVAL on: the line falls and rises again at the new deadline. */
    arm_timer_set_cval(&tc, ARM_TIMER_HYP, 300);
    CU_ASSERT_EQUAL(line[ARM_TIMER_HYP], 0);
    clock_advance_ns(16 * 100);
    CU_ASSERT_EQUAL(line[ARM_TIMER_HYP], 1);
    CU_ASSERT_EQUAL(raised_at[ARM_TIMER_HYP], 16 * 300);
    CU_ASSERT_EQUAL(calls[ARM_TIMER_HYP], 3);
    /* Disabled before its deadline: never fires. */
    arm_timer_set_cval(&tc, ARM_TIMER_SEC, 400);
    arm_timer_set_ctl(&tc, ARM_TIMER_SEC, ARM_TIMER_CTL_ENABLE);
    arm_timer_set_ctl(&tc, ARM_TIMER_SEC, 0);
    CU_ASSERT_FALSE(timer_pending(&tc.t[ARM_TIMER_SEC].deadline));
    clock_advance_ns(16 * 1000);
    CU_ASSERT_EQUAL(calls[ARM_TIMER_SEC], 0);
    /* Masked before its deadline: nothing armed, no line, but ISTATUS when due. */
    arm_timer_set_cval(&tc, ARM_TIMER_SEC, 1500);
    arm_timer_set_ctl(&tc, ARM_TIMER_SEC, ARM_TIMER_CTL_ENABLE | ARM_TIMER_CTL_IMASK);
    CU_ASSERT_FALSE(timer_pending(&tc.t[ARM_TIMER_SEC].deadline));
    clock_advance_ns(16 * 500);
    CU_ASSERT_EQUAL(calls[ARM_TIMER_SEC], 0);
    CU_ASSERT_TRUE(arm_timer_get_ctl(&tc, ARM_TIMER_SEC) & ARM_TIMER_CTL_ISTATUS);
    /* Reset drops every line and disarms. */
    arm_timer_reset(&tc);
    CU_ASSERT_EQUAL(line[ARM_TIMER_HYP], 0);
    CU_ASSERT_EQUAL(arm_timer_get_ctl(&tc, ARM_TIMER_HYP), 0);
    CU_ASSERT_EQUAL(arm_timer_get_cval(&tc, ARM_TIMER_HYP), 0);
    for (int k = 0; k < ARM_TIMER_COUNT; k++) {
        CU_ASSERT_FALSE(timer_pending(&tc.t[k].deadline));
    }
    teardown();
}

static void test_control_registers(void)
{
    setup(0);
    arm_timer_set_cntkctl(&tc, 0xffffffff);
    CU_ASSERT_EQUAL(arm_timer_get_cntkctl(&tc), 0x3ff);
    CU_ASSERT_EQUAL(arm_timer_get_cnthctl(&tc), 3);
    arm_timer_set_cnthctl(&tc, 0);
    CU_ASSERT_EQUAL(arm_timer_get_cnthctl(&tc), 0);

    /* Event stream off: no event. */
    arm_timer_set_cntkctl(&tc, 0);
    CU_ASSERT_EQUAL(arm_timer_next_event_ns(&tc), -1);
    /* EVNTEN, EVNTI 3, EVNTDIR 0: bit 3 rising, at counts 8, 24, 40... */
    arm_timer_set_cntkctl(&tc, (3u << 4) | (1u << 2));
    CU_ASSERT_EQUAL(arm_timer_next_event_ns(&tc), 16 * 8);
    clock_advance_ns(16 * 8);
    CU_ASSERT_EQUAL(arm_timer_next_event_ns(&tc), 16 * 24);
    /* EVNTDIR 1: bit 3 falling, at counts 16, 32... */
    arm_timer_set_cntkctl(&tc, (3u << 4) | (1u << 3) | (1u << 2));
    CU_ASSERT_EQUAL(arm_timer_next_event_ns(&tc), 16 * 16);
    /* CNTKCTL's stream follows the virtual count. */
    arm_timer_set_cntvoff(&tc, 4);                        /* virtual count 4 */
    CU_ASSERT_EQUAL(arm_timer_next_event_ns(&tc), 16 * (8 + 12));
    teardown();
}

static void test_fdt(void)
{
    char buf[2048];
    const fdt32_t *p;
    const char *str;
    int node, len;
    static const uint32_t want_ppi[4] = { 13, 14, 11, 10 };

    CU_ASSERT_EQUAL_FATAL(fdt_create_empty_tree(buf, sizeof(buf)), 0);
    node = arm_timer_fdt_node(buf, 0, 2, false);
    CU_ASSERT_TRUE_FATAL(node >= 0);
    CU_ASSERT_EQUAL(fdt_path_offset(buf, "/timer"), node);
    str = fdt_getprop(buf, node, "compatible", &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(str);
    CU_ASSERT_STRING_EQUAL(str, "arm,armv8-timer");
    CU_ASSERT_PTR_NOT_NULL(fdt_getprop(buf, node, "always-on", &len));
    p = fdt_getprop(buf, node, "interrupts", &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_EQUAL_FATAL(len, 48);
    for (int i = 0; i < 4; i++) {
        CU_ASSERT_EQUAL(fdt32_to_cpu(p[3 * i]), 1);                  /* PPI */
        CU_ASSERT_EQUAL(fdt32_to_cpu(p[3 * i + 1]), want_ppi[i]);
        CU_ASSERT_EQUAL(fdt32_to_cpu(p[3 * i + 2]), 0x304);          /* CPUs 0-1, level high */
    }
    /* Eight CPUs fill the mask. */
    CU_ASSERT_EQUAL_FATAL(fdt_create_empty_tree(buf, sizeof(buf)), 0);
    node = arm_timer_fdt_node(buf, 0, 8, false);
    p = fdt_getprop(buf, node, "interrupts", &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_EQUAL(fdt32_to_cpu(p[2]), 0xff04);
    /* With FEAT_VHE the EL2 virtual timer's PPI 28 comes fifth. */
    CU_ASSERT_EQUAL_FATAL(fdt_create_empty_tree(buf, sizeof(buf)), 0);
    node = arm_timer_fdt_node(buf, 0, 1, true);
    p = fdt_getprop(buf, node, "interrupts", &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_EQUAL_FATAL(len, 60);
    CU_ASSERT_EQUAL(fdt32_to_cpu(p[13]), 12);
    CU_ASSERT_EQUAL(fdt32_to_cpu(p[14]), 0x104);
}

/* The EL2 virtual timer counts without CNTVOFF (EL2&0 regime) and drives its own line. */
static void test_hypv_ignores_cntvoff(void)
{
    setup(16000000);                    /* one tick every 62.5 ns */
    arm_timer_set_cntvoff(&tc, 1000);
    arm_timer_set_cval(&tc, ARM_TIMER_HYPV, 100);
    arm_timer_set_ctl(&tc, ARM_TIMER_HYPV, ARM_TIMER_CTL_ENABLE);
    CU_ASSERT_EQUAL(arm_timer_get_tval(&tc, ARM_TIMER_HYPV), 100);
    CU_ASSERT_EQUAL(line[ARM_TIMER_HYPV], 0);
    clock_advance_ns(100 * 1000 / 16);
    CU_ASSERT_EQUAL(line[ARM_TIMER_HYPV], 1);
    CU_ASSERT_EQUAL(line[ARM_TIMER_VIRT], 0);
    CU_ASSERT_EQUAL(arm_timer_get_ctl(&tc, ARM_TIMER_HYPV), ARM_TIMER_CTL_ENABLE | ARM_TIMER_CTL_ISTATUS);
    teardown();
}


static int cpu_irq_level, cpu_irq_calls;

static void cpu_irq_pin(void *opaque, int n, int level)
{
    cpu_irq_level = level;
    cpu_irq_calls++;
}

/* The board's wiring: virtual timer -> PPI 27 of the GIC -> the CPU's IRQ pin. */
static void test_wired_to_gic(void)
{
    static GICState gic;

    setup(0);
    CU_ASSERT_FATAL(gic_init(&gic, 1, 256, 0x08000000, 0x08010000));
    gic.cpu[0].irq_out = irq_line(cpu_irq_pin, NULL, 0);
    tc.t[ARM_TIMER_VIRT].out = gic_ppi_line(&gic, 0, 27);
    gic.dist_mr.ops->write(&gic, GICD_CTLR, 1, 4, 0);
    gic.dist_mr.ops->write(&gic, GICD_ISENABLER, 1u << 27, 4, 0);
    gic.cpu_mr.ops->write(&gic, GICC_CTLR, 1, 4, 0);
    gic.cpu_mr.ops->write(&gic, GICC_PMR, 0xff, 4, 0);

    arm_timer_set_tval(&tc, ARM_TIMER_VIRT, 625);            /* 10 us */
    arm_timer_set_ctl(&tc, ARM_TIMER_VIRT, ARM_TIMER_CTL_ENABLE);
    clock_advance_ns(9999);
    CU_ASSERT_EQUAL(cpu_irq_level, 0);
    clock_advance_ns(1);
    CU_ASSERT_EQUAL(cpu_irq_level, 1);
    CU_ASSERT_EQUAL(gic.cpu_mr.ops->read(&gic, GICC_IAR, 4, 0), 27);
    CU_ASSERT_EQUAL(cpu_irq_level, 0);
    /* The handler masks the timer, then ends the interrupt: the level is gone, nothing re-fires. */
    arm_timer_set_ctl(&tc, ARM_TIMER_VIRT, ARM_TIMER_CTL_ENABLE | ARM_TIMER_CTL_IMASK);
    gic.cpu_mr.ops->write(&gic, GICC_EOIR, 27, 4, 0);
    CU_ASSERT_EQUAL(cpu_irq_level, 0);
    CU_ASSERT_EQUAL(gic.cpu_mr.ops->read(&gic, GICC_IAR, 4, 0), GIC_SPURIOUS);
    CU_ASSERT_EQUAL(cpu_irq_calls, 2);
    teardown();
}

static CU_TestInfo tests[] = {
    { "counter scaling", test_counter_scaling },
    { "CVAL, CTL, ISTATUS, IMASK", test_cval_ctl_istatus },
    { "deadline rounding", test_deadline_rounding },
    { "TVAL", test_tval },
    { "CNTVOFF and the virtual timer", test_virtual_offset },
    { "re-arming and disable", test_rearm_and_disable },
    { "CNTKCTL, CNTHCTL, event stream", test_control_registers },
    { "device-tree node", test_fdt },
    { "EL2 virtual timer (FEAT_VHE)", test_hypv_ignores_cntvoff },
    { "wired to the GIC", test_wired_to_gic },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return cunit_run_suite("arm-timer", tests);
}
