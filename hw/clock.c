/* Device time and timers: see include/hw/clock.h. */
#include <pthread.h>
#include <time.h>
#include "hw/clock.h"

static pthread_mutex_t timer_lock = PTHREAD_MUTEX_INITIALIZER;
static EmuTimer *armed;          /* sorted by expire_ns */
static bool manual;
static int64_t manual_now;
static void (*deadline_notify)(void);
/*
 * The deadline the main loop sleeps until (INT64_MAX: no timer armed);
 * INT64_MIN while it runs timers, when it will look at the list again
 * anyway.  Under timer_lock.
 */
static int64_t sleep_deadline = INT64_MIN;

void clock_set_deadline_notify(void (*notify)(void))
{
    pthread_mutex_lock(&timer_lock);
    deadline_notify = notify;
    pthread_mutex_unlock(&timer_lock);
}

int64_t clock_now_ns(void)
{
    struct timespec ts;

    if (manual) {
        return __atomic_load_n(&manual_now, __ATOMIC_ACQUIRE);
    }
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void clock_set_manual(bool on)
{
    manual = on;
    manual_now = 0;
}

void timer_init(EmuTimer *t, EmuTimerCallback cb, void *opaque)
{
    t->cb = cb;
    t->opaque = opaque;
    t->expire_ns = -1;
    t->next = NULL;
}

static void unlink_locked(EmuTimer *t)
{
    for (EmuTimer **pp = &armed; *pp; pp = &(*pp)->next) {
        if (*pp == t) {
            *pp = t->next;
            break;
        }
    }
    t->next = NULL;
    t->expire_ns = -1;
}

void timer_mod(EmuTimer *t, int64_t expire_ns)
{
    EmuTimer **pp;
    void (*notify)(void) = NULL;

    pthread_mutex_lock(&timer_lock);
    unlink_locked(t);
    t->expire_ns = expire_ns < 0 ? 0 : expire_ns;
    for (pp = &armed; *pp && (*pp)->expire_ns <= t->expire_ns; pp = &(*pp)->next) {
    }
    t->next = *pp;
    *pp = t;
    if (t->expire_ns < sleep_deadline) {
        /* Earlier than the sleeper's deadline: wake it (once: it recomputes). */
        sleep_deadline = t->expire_ns;
        notify = deadline_notify;
    }
    pthread_mutex_unlock(&timer_lock);
    if (notify) {
        notify();
    }
}

void timer_del(EmuTimer *t)
{
    pthread_mutex_lock(&timer_lock);
    unlink_locked(t);
    pthread_mutex_unlock(&timer_lock);
}

bool timer_pending(const EmuTimer *t)
{
    return __atomic_load_n(&t->expire_ns, __ATOMIC_ACQUIRE) >= 0;
}

int64_t timers_run_expired(void)
{
    for (;;) {
        int64_t now = clock_now_ns();
        EmuTimer *t;

        pthread_mutex_lock(&timer_lock);
        t = armed;
        if (!t) {
            sleep_deadline = INT64_MAX;
            pthread_mutex_unlock(&timer_lock);
            return -1;
        }
        if (t->expire_ns > now) {
            int64_t wait = t->expire_ns - now;
            sleep_deadline = t->expire_ns;
            pthread_mutex_unlock(&timer_lock);
            return wait;
        }
        sleep_deadline = INT64_MIN;   /* awake: callbacks re-arming need not kick us */
        /* Disarm before calling: the callback may re-arm it. */
        armed = t->next;
        t->next = NULL;
        t->expire_ns = -1;
        pthread_mutex_unlock(&timer_lock);
        t->cb(t->opaque);
    }
}

void clock_advance_ns(int64_t delta)
{
    int64_t target = manual_now + delta;

    /* Step through each expiry in order so callbacks see the time they asked for. */
    for (;;) {
        int64_t next;
        pthread_mutex_lock(&timer_lock);
        next = armed ? armed->expire_ns : -1;
        pthread_mutex_unlock(&timer_lock);
        if (next < 0 || next > target) {
            break;
        }
        if (next > manual_now) {
            __atomic_store_n(&manual_now, next, __ATOMIC_RELEASE);
        }
        timers_run_expired();
    }
    __atomic_store_n(&manual_now, target, __ATOMIC_RELEASE);
}
