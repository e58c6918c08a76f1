/*
 * Time for devices: a nanosecond clock and timers that fire callbacks from
 * the main loop.  The clock follows host monotonic time, or, in the
 * deterministic mode, advances only when told to (tests, -icount-style
 * runs), so device models can be tested without sleeping.
 */
#ifndef HW_CLOCK_H
#define HW_CLOCK_H

#include <stdbool.h>
#include <stdint.h>

typedef struct EmuTimer EmuTimer;
typedef void (*EmuTimerCallback)(void *opaque);

struct EmuTimer {
    EmuTimerCallback cb;
    void *opaque;
    int64_t expire_ns;   /* -1 when not armed */
    EmuTimer *next;      /* in the armed list, ordered by expiry */
};

/* Nanoseconds since an arbitrary start. */
int64_t clock_now_ns(void);

/* Deterministic mode: time stands still until clock_advance_ns() (tests). */
void clock_set_manual(bool manual);
/* Advance manual time, running the timers that expire on the way, in order. */
void clock_advance_ns(int64_t delta);

void timer_init(EmuTimer *t, EmuTimerCallback cb, void *opaque);
/* Arm (or re-arm) t to fire at absolute time expire_ns. */
void timer_mod(EmuTimer *t, int64_t expire_ns);
void timer_del(EmuTimer *t);
bool timer_pending(const EmuTimer *t);

/*
 * Main loop side: run expired timers; returns ns until the next one, or -1
 * if none.  The main loop then sleeps until that deadline: a timer_mod()
 * from any thread that makes the earliest deadline earlier than it calls
 * the deadline notifier, so that the sleeper wakes and looks again.
 */
int64_t timers_run_expired(void);
/* Who to wake when a deadline moves earlier (the main loop's kick); NULL for none. */
void clock_set_deadline_notify(void (*notify)(void));

#endif
