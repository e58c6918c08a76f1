/*
 * hw/clock.c's deadline notifier: the main loop, asleep until the earliest
 * deadline, is woken when another thread arms an earlier timer, and only
 * then (no wake-ups for later deadlines or while it is running timers).
 */
#include <pthread.h>
#include "hw/clock.h"
#include "runner.h"

static unsigned kicks;

static void count_kick(void)
{
    kicks++;
}

static unsigned fired;
static EmuTimer rearm_timer;

static void on_fire(void *opaque)
{
    fired++;
}

/* Re-arms itself from the callback, as a periodic device timer does. */
static void on_fire_rearm(void *opaque)
{
    fired++;
    timer_mod(&rearm_timer, clock_now_ns() + 1000);
}

static void setup(void)
{
    clock_set_manual(true);
    clock_set_deadline_notify(count_kick);
    kicks = 0;
    fired = 0;
}

static void teardown(EmuTimer *ts, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        timer_del(&ts[i]);
    }
    clock_set_deadline_notify(NULL);
}

static void test_earlier_deadline_kicks(void)
{
    EmuTimer t[3];

    setup();
    for (unsigned i = 0; i < 3; i++) {
        timer_init(&t[i], on_fire, NULL);
    }
    /* The main loop finds nothing armed and sleeps without a deadline. */
    CU_ASSERT_EQUAL(timers_run_expired(), -1);
    timer_mod(&t[0], 5000);
    CU_ASSERT_EQUAL(kicks, 1);
    /* Woken, it looks again and sleeps until 5000. */
    CU_ASSERT_EQUAL(timers_run_expired(), 5000);
    timer_mod(&t[1], 9000);        /* later: no need to wake it */
    CU_ASSERT_EQUAL(kicks, 1);
    timer_mod(&t[2], 3000);        /* earlier: wake */
    CU_ASSERT_EQUAL(kicks, 2);
    timer_mod(&t[1], 2000);        /* earlier again, before it looked: wake once more */
    CU_ASSERT_EQUAL(kicks, 3);
    timer_mod(&t[2], 2500);        /* not earlier than 2000 */
    CU_ASSERT_EQUAL(kicks, 3);
    CU_ASSERT_EQUAL(timers_run_expired(), 2000);
    CU_ASSERT_EQUAL(fired, 0);
    teardown(t, 3);
}

static void test_no_kick_while_running_timers(void)
{
    setup();
    timer_init(&rearm_timer, on_fire_rearm, NULL);
    CU_ASSERT_EQUAL(timers_run_expired(), -1);
    timer_mod(&rearm_timer, 100);
    CU_ASSERT_EQUAL(kicks, 1);
    kicks = 0;
    clock_advance_ns(100);         /* runs the callback, which re-arms */
    CU_ASSERT_EQUAL(fired, 1);
    CU_ASSERT_EQUAL(kicks, 0);     /* the loop was awake: it recomputes itself */
    CU_ASSERT_TRUE(timer_pending(&rearm_timer));
    teardown(&rearm_timer, 1);
}

typedef struct ArmArgs {
    EmuTimer *t;
    int64_t when;
} ArmArgs;

static void *arm_from_thread(void *opaque)
{
    ArmArgs *a = opaque;
    timer_mod(a->t, a->when);
    return NULL;
}

static void test_kick_from_another_thread(void)
{
    EmuTimer t;
    pthread_t th;
    ArmArgs a = { &t, 700 };

    setup();
    timer_init(&t, on_fire, NULL);
    CU_ASSERT_EQUAL(timers_run_expired(), -1);
    CU_ASSERT_EQUAL(pthread_create(&th, NULL, arm_from_thread, &a), 0);
    pthread_join(th, NULL);
    CU_ASSERT_EQUAL(kicks, 1);
    CU_ASSERT_EQUAL(timers_run_expired(), 700);
    teardown(&t, 1);
}

static CU_TestInfo tests[] = {
    { "earlier_deadline_kicks", test_earlier_deadline_kicks },
    { "no_kick_while_running_timers", test_no_kick_while_running_timers },
    { "kick_from_another_thread", test_kick_from_another_thread },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return cunit_run_suite("clock_notify", tests);
}
