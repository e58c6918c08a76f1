/* Unit tests of the system-side core: address space dispatch (hw/memory.c) and timers (hw/clock.c). */
#include <string.h>
#include "hw/clock.h"
#include "hw/memory.h"
#include "runner.h"

typedef struct FakeDev {
    uint64_t last_off, last_val;
    unsigned last_size, last_cpu, writes;
} FakeDev;

static uint64_t fake_read(void *opaque, uint64_t off, unsigned size, unsigned cpu)
{
    FakeDev *d = opaque;
    d->last_off = off;
    d->last_size = size;
    d->last_cpu = cpu;
    return 0xabcd0000 | off;
}

static void fake_write(void *opaque, uint64_t off, uint64_t val, unsigned size, unsigned cpu)
{
    FakeDev *d = opaque;
    d->last_off = off;
    d->last_val = val;
    d->last_size = size;
    d->last_cpu = cpu;
    d->writes++;
}

static const MemoryRegionOps fake_ops = { fake_read, fake_write, 4, 4 };

static void test_dispatch(void)
{
    AddressSpace as;
    FakeDev dev = { 0 };
    uint8_t ram_buf[0x1000] = { 0 };
    MemoryRegion mmio = { .name = "fake", .base = 0x9000000, .size = 0x1000, .ops = &fake_ops,
                           .opaque = &dev };
    MemoryRegion ram = { .name = "ram", .base = 0x40000000, .size = sizeof(ram_buf),
                          .host = ram_buf };
    MemoryRegion clash = { .name = "clash", .base = 0x9000800, .size = 0x1000, .ops = &fake_ops,
                            .opaque = &dev };
    MemoryRegion rom = { .name = "rom", .base = 0x0, .size = 0x1000, .host = ram_buf,
                          .readonly = true };
    uint32_t word = 0;

    address_space_init(&as);
    CU_ASSERT_TRUE(address_space_add(&as, &ram));
    CU_ASSERT_TRUE(address_space_add(&as, &mmio));
    CU_ASSERT_FALSE(address_space_add(&as, &clash));
    CU_ASSERT_TRUE(address_space_add(&as, &rom));
    CU_ASSERT_EQUAL(as.nb_regions, 3);
    CU_ASSERT_PTR_EQUAL(address_space_find(&as, 0x9000fff), &mmio);
    CU_ASSERT_PTR_NULL(address_space_find(&as, 0x9001000));
    CU_ASSERT_PTR_EQUAL(address_space_find(&as, 0x0), &rom);

    CU_ASSERT_EQUAL(address_space_read(&as, 0x9000018, 4, 3), 0xabcd0018);
    CU_ASSERT_EQUAL(dev.last_cpu, 3);
    address_space_write(&as, 0x9000024, 0x55, 4, 1);
    CU_ASSERT_EQUAL(dev.last_off, 0x24);
    CU_ASSERT_EQUAL(dev.last_val, 0x55);
    /* Sizes the device does not accept never reach it. */
    address_space_write(&as, 0x9000024, 0x66, 1, 0);
    CU_ASSERT_EQUAL(dev.writes, 1);
    CU_ASSERT_EQUAL(address_space_read(&as, 0x9000024, 8, 0), 0);
    /* Unassigned addresses read as zero. */
    CU_ASSERT_EQUAL(address_space_read(&as, 0x20000000, 4, 0), 0);

    address_space_write(&as, 0x40000010, 0x11223344, 4, 0);
    CU_ASSERT_EQUAL(ram_buf[0x10], 0x44);
    CU_ASSERT_EQUAL(address_space_read(&as, 0x40000012, 2, 0), 0x1122);
    CU_ASSERT_TRUE(address_space_rw_memory(&as, 0x40000010, &word, 4, false));
    CU_ASSERT_EQUAL(word, 0x11223344);
    CU_ASSERT_FALSE(address_space_rw_memory(&as, 0x40000ffe, &word, 4, false));   /* runs off RAM */
    CU_ASSERT_FALSE(address_space_rw_memory(&as, 0x9000000, &word, 4, false));    /* not memory */
}

static int fired[4];
static int64_t fired_at[4];

static void on_timer(void *opaque)
{
    int i = (int)(intptr_t)opaque;
    fired[i]++;
    fired_at[i] = clock_now_ns();
}

static void test_timers(void)
{
    EmuTimer a, b, c;

    clock_set_manual(true);
    timer_init(&a, on_timer, (void *)0);
    timer_init(&b, on_timer, (void *)1);
    timer_init(&c, on_timer, (void *)2);
    CU_ASSERT_FALSE(timer_pending(&a));
    timer_mod(&a, 300);
    timer_mod(&b, 100);
    timer_mod(&c, 200);
    CU_ASSERT_TRUE(timer_pending(&a));
    CU_ASSERT_EQUAL(timers_run_expired(), 100);
    timer_del(&c);
    clock_advance_ns(250);
    CU_ASSERT_EQUAL(fired[1], 1);
    CU_ASSERT_EQUAL(fired_at[1], 100);
    CU_ASSERT_EQUAL(fired[2], 0);
    CU_ASSERT_EQUAL(fired[0], 0);
    CU_ASSERT_EQUAL(clock_now_ns(), 250);
    timer_mod(&a, 260);   /* re-arm earlier */
    clock_advance_ns(100);
    CU_ASSERT_EQUAL(fired[0], 1);
    CU_ASSERT_EQUAL(fired_at[0], 260);
    CU_ASSERT_FALSE(timer_pending(&a));
    CU_ASSERT_EQUAL(timers_run_expired(), -1);
    clock_set_manual(false);
}

static CU_TestInfo tests[] = {
    { "address space dispatch", test_dispatch },
    { "timers", test_timers },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return cunit_run_suite("hw core", tests);
}
