/* Unit tests of the PL031 RTC model (hw/pl031.c) against DDI 0224, on the manual clock. */
#include <string.h>
#include "hw/clock.h"
#include "hw/memory.h"
#include "hw/pl031.h"
#include "runner.h"

#define RTC_BASE 0x9010000
#define SEC 1000000000ll
#define EPOCH 1700000000ll

typedef struct Harness {
    AddressSpace as;
    PL031State rtc;
    int level, raises;
} Harness;

static void on_irq(void *opaque, int n, int level)
{
    Harness *h = opaque;
    h->level = level;
    h->raises += level;
}

static void setup(Harness *h)
{
    memset(h, 0, sizeof(*h));
    clock_set_manual(true);
    address_space_init(&h->as);
    pl031_init(&h->rtc, RTC_BASE, irq_line(on_irq, h, 34), 2, EPOCH);
    CU_ASSERT_TRUE(address_space_add(&h->as, &h->rtc.mmio));
}

static void teardown(Harness *h)
{
    timer_del(&h->rtc.alarm);
}

static uint32_t rd(Harness *h, unsigned off)
{
    return (uint32_t)address_space_read(&h->as, RTC_BASE + off, 4, 0);
}

static void wr(Harness *h, unsigned off, uint32_t v)
{
    address_space_write(&h->as, RTC_BASE + off, v, 4, 0);
}

static void test_ids_and_reset(void)
{
    static const uint8_t want[8] = { 0x31, 0x10, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };
    Harness h;
    setup(&h);
    for (unsigned i = 0; i < 8; i++) {
        CU_ASSERT_EQUAL(rd(&h, 0xfe0 + 4 * i), want[i]);
    }
    CU_ASSERT_EQUAL(rd(&h, PL031_CR), 1);
    CU_ASSERT_EQUAL(rd(&h, PL031_MR), 0);
    CU_ASSERT_EQUAL(rd(&h, PL031_LR), 0);
    CU_ASSERT_EQUAL(rd(&h, PL031_IMSC), 0);
    CU_ASSERT_EQUAL(rd(&h, PL031_RIS), 0);
    CU_ASSERT_EQUAL(rd(&h, PL031_MIS), 0);
    /* Only 32-bit accesses reach the device. */
    CU_ASSERT_EQUAL(address_space_read(&h.as, RTC_BASE + 0xfe0, 1, 0), 0);
    teardown(&h);
}

static void test_counting(void)
{
    Harness h;
    setup(&h);
    CU_ASSERT_EQUAL(rd(&h, PL031_DR), EPOCH);
    clock_advance_ns(SEC - 1);
    CU_ASSERT_EQUAL(rd(&h, PL031_DR), EPOCH);
    clock_advance_ns(1);
    CU_ASSERT_EQUAL(rd(&h, PL031_DR), EPOCH + 1);
    clock_advance_ns(59 * SEC + SEC / 2);
    CU_ASSERT_EQUAL(rd(&h, PL031_DR), EPOCH + 60);
    /* DR is read-only. */
    wr(&h, PL031_DR, 5);
    CU_ASSERT_EQUAL(rd(&h, PL031_DR), EPOCH + 60);
    /* CR: once started, a write of 0 does nothing. */
    wr(&h, PL031_CR, 0);
    CU_ASSERT_EQUAL(rd(&h, PL031_CR), 1);
    teardown(&h);
}

static void test_load(void)
{
    Harness h;
    setup(&h);
    clock_advance_ns(SEC / 2);
    wr(&h, PL031_LR, 1000);
    CU_ASSERT_EQUAL(rd(&h, PL031_LR), 1000);
    CU_ASSERT_EQUAL(rd(&h, PL031_DR), 1000);
    /* A load restarts the second: a full second must pass after it. */
    clock_advance_ns(SEC / 2);
    CU_ASSERT_EQUAL(rd(&h, PL031_DR), 1000);
    clock_advance_ns(SEC / 2);
    CU_ASSERT_EQUAL(rd(&h, PL031_DR), 1001);
    /* The counter wraps at 32 bits. */
    wr(&h, PL031_LR, 0xffffffff);
    clock_advance_ns(SEC);
    CU_ASSERT_EQUAL(rd(&h, PL031_DR), 0);
    teardown(&h);
}

static void test_alarm(void)
{
    Harness h;
    setup(&h);
    wr(&h, PL031_IMSC, 1);
    wr(&h, PL031_MR, EPOCH + 10);
    CU_ASSERT_EQUAL(rd(&h, PL031_MR), EPOCH + 10);
    CU_ASSERT_TRUE(timer_pending(&h.rtc.alarm));
    clock_advance_ns(10 * SEC - 1);
    CU_ASSERT_EQUAL(rd(&h, PL031_RIS), 0);
    CU_ASSERT_EQUAL(h.level, 0);
    clock_advance_ns(1);
    CU_ASSERT_EQUAL(rd(&h, PL031_DR), EPOCH + 10);
    CU_ASSERT_EQUAL(rd(&h, PL031_RIS), 1);
    CU_ASSERT_EQUAL(rd(&h, PL031_MIS), 1);
    CU_ASSERT_EQUAL(h.level, 1);
    CU_ASSERT_EQUAL(h.raises, 1);
    wr(&h, PL031_ICR, 1);
    CU_ASSERT_EQUAL(rd(&h, PL031_RIS), 0);
    CU_ASSERT_EQUAL(h.level, 0);
    /* No second match until the counter wraps. */
    clock_advance_ns(100 * SEC);
    CU_ASSERT_EQUAL(rd(&h, PL031_RIS), 0);
    teardown(&h);
}

static void test_alarm_masked_and_reload(void)
{
    Harness h;
    setup(&h);
    wr(&h, PL031_MR, EPOCH + 3);
    clock_advance_ns(3 * SEC);
    CU_ASSERT_EQUAL(rd(&h, PL031_RIS), 1);   /* raw status regardless of the mask */
    CU_ASSERT_EQUAL(rd(&h, PL031_MIS), 0);
    CU_ASSERT_EQUAL(h.level, 0);
    wr(&h, PL031_IMSC, 1);                   /* unmasking a pending match */
    CU_ASSERT_EQUAL(h.level, 1);
    wr(&h, PL031_ICR, 1);
    CU_ASSERT_EQUAL(h.level, 0);
    /* Loading the counter re-times the alarm. */
    wr(&h, PL031_MR, 500);
    wr(&h, PL031_LR, 495);
    clock_advance_ns(4 * SEC);
    CU_ASSERT_EQUAL(h.level, 0);
    clock_advance_ns(SEC);
    CU_ASSERT_EQUAL(rd(&h, PL031_DR), 500);
    CU_ASSERT_EQUAL(h.level, 1);
    /* Reset clears the interrupt and reloads the epoch. */
    pl031_reset(&h.rtc);
    CU_ASSERT_EQUAL(h.level, 0);
    CU_ASSERT_EQUAL(rd(&h, PL031_DR), EPOCH);
    CU_ASSERT_EQUAL(rd(&h, PL031_IMSC), 0);
    teardown(&h);
}

static void test_host_time(void)
{
    Harness h;
    memset(&h, 0, sizeof(h));
    clock_set_manual(true);
    address_space_init(&h.as);
    pl031_init(&h.rtc, RTC_BASE, irq_line(on_irq, &h, 34), 2, -1);
    CU_ASSERT_TRUE(address_space_add(&h.as, &h.rtc.mmio));
    /* Some time after 2023 (the host's clock). */
    CU_ASSERT_TRUE(rd(&h, PL031_DR) > 1690000000u);
    teardown(&h);
}

static CU_TestInfo tests[] = {
    { "identification and reset", test_ids_and_reset },
    { "counting seconds", test_counting },
    { "load register", test_load },
    { "alarm at the match", test_alarm },
    { "masked alarm, reload, reset", test_alarm_masked_and_reload },
    { "host time at reset", test_host_time },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return cunit_run_suite("pl031", tests);
}
