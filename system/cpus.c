/* vCPU threads: see system/cpus.h. */
#include "system/cpus.h"

#include <string.h>
#include <time.h>
#include "accel/softmmu.h"
#include "boot/psci.h"
#include "gdbstub/gdbstub.h"
#include "hw/clock.h"
#include "system/main-loop.h"
#include "target-arm/cpu-models.h"
#include "target-arm/exception.h"
#include "tcg/ir.h"
#include "util/log.h"

/* One lock for every vCPU's sleep/power state; never held while calling into devices. */
static pthread_mutex_t cpus_lock = PTHREAD_MUTEX_INITIALIZER;
static VCpu *all_cpus;
static unsigned nb_cpus;
static VCpuConfig config;
static bool stop_requested;
static bool paused;        /* monitor `stop` / -S: no vCPU runs guest code */
static unsigned nb_in_guest;   /* threads between leaving cpus_lock to run and coming back */
static pthread_cond_t parked_cond = PTHREAD_COND_INITIALIZER;

void cpus_setup(VCpu *cpus, unsigned n, const VCpuConfig *cfg)
{
    all_cpus = cpus;
    nb_cpus = n;
    config = *cfg;
    pthread_condattr_t attr;

    /* WFE's timed waits count in CLOCK_MONOTONIC, like the device clock (hw/clock.c). */
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    for (unsigned i = 0; i < n; i++) {
        pthread_cond_init(&cpus[i].cond, &attr);
        cpus[i].env->send_event = cpus_send_event;
        cpus[i].power = PSCI_AFF_OFF;
        cpus[i].start_pending = false;
        cpus[i].running = false;
    }
    pthread_condattr_destroy(&attr);
}

/* Reset and enter the start state (this CPU's own thread, cpus_lock not held). */
static void vcpu_do_start(VCpu *v, uint64_t pc, const uint64_t *x, unsigned el)
{
    CPUARMState *env = v->env;
    unsigned top;

    arm_cpu_reset_system(env, config.model, v->index, config.has_el2, config.has_el3);
    top = env->pstate_el;
    if (el < top && el >= 1) {
        /* Below the EL3/EL2 we have, as firmware would leave it: AArch64, Non-secure. */
        if (env->has_el3) {
            env->scr_el3 |= SCR_NS | SCR_RW | (env->has_el2 ? SCR_HCE : 0);
        }
        if (env->has_el2 && el < 2) {
            env->hcr_el2 |= HCR_RW;
        }
        arm_set_el_sp(env, el, 1);
    }
    env->pc = pc;
    memcpy(env->xregs, x, 4 * sizeof(uint64_t));
    tlb_flush_all(v->exec);
}

/*
 * One sleep of a CPU in WFE (cpus_lock held): until woken (an event, an
 * interrupt, stop/pause/power requests all broadcast v->cond), and at most
 * until the timer event stream's next event or the next look at the
 * exclusive monitor's value.  The caller re-checks everything after it.
 */
static void wfe_sleep(VCpu *v)
{
    int64_t now = clock_now_ns(), until = INT64_MAX;
    struct timespec ts;

    if (v->wfe.stream_ns >= 0) {
        until = v->wfe.stream_ns;
    }
    if (v->wfe.watch && until - now > ARM_WFE_MONITOR_NS) {
        until = now + ARM_WFE_MONITOR_NS;
    }
    if (until == INT64_MAX) {
        pthread_cond_wait(&v->cond, &cpus_lock);
        return;
    }
    if (until <= now) {
        return;
    }
    /* A relative wait: the device clock may be manual (tests), the condition's is monotonic. */
    clock_gettime(CLOCK_MONOTONIC, &ts);
    until = (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec + (until - now);
    ts.tv_sec = until / 1000000000;
    ts.tv_nsec = until % 1000000000;
    pthread_cond_timedwait(&v->cond, &cpus_lock, &ts);
}

static void *vcpu_thread(void *opaque)
{
    VCpu *v = opaque;
    CPUARMState *env = v->env;

    pthread_mutex_lock(&cpus_lock);
    for (;;) {
        if (stop_requested) {
            break;
        }
        if (paused) {
            pthread_cond_wait(&v->cond, &cpus_lock);
            continue;
        }
        if (v->start_pending) {
            uint64_t pc = v->start_pc, x[4];
            unsigned el = v->start_el;
            memcpy(x, v->start_x, sizeof(x));
            v->start_pending = false;
            pthread_mutex_unlock(&cpus_lock);
            vcpu_do_start(v, pc, x, el);
            pthread_mutex_lock(&cpus_lock);
            v->power = PSCI_AFF_ON;
            continue;
        }
        if (v->power != PSCI_AFF_ON) {
            pthread_cond_wait(&v->cond, &cpus_lock);
            continue;
        }
        if (env->halted == ARM_HALT_WFI && !arm_cpu_has_work(env)) {
            /* Timers this CPU armed have already woken the main loop (hw/clock.c). */
            pthread_cond_wait(&v->cond, &cpus_lock);
            continue;
        }
        if (env->halted == ARM_HALT_WFE && !arm_wfe_done(env, &v->wfe, clock_now_ns())) {
            wfe_sleep(v);
            continue;
        }
        nb_in_guest++;
        pthread_mutex_unlock(&cpus_lock);

        if (gdbstub_enabled) {
            gdbstub_cpu_enter(v->exec);   /* waits while the debugger holds the CPUs */
        }
        env->halted = ARM_HALT_NONE;
        arm_cpu_exec_interrupt(env);
        unsigned reason = cpu_exec(v->exec);
        if (gdbstub_enabled && gdbstub_cpu_exit(v->exec, reason)) {
            pthread_mutex_lock(&cpus_lock);
            continue;                     /* a breakpoint or step, reported to gdb */
        }
        switch (reason) {
        case IR_EXIT_EXCEPTION:
            arm_cpu_handle_exception_exit(env);
            break;
        case IR_EXIT_HALT:
            env->halted = ARM_HALT_WFI;
            break;
        case ARM_EXIT_WFE:
            /* Outside cpus_lock: the monitor's address takes a table walk. */
            arm_wfe_prepare(env, &v->wfe);
            env->halted = ARM_HALT_WFE;
            break;
        default:
            break;
        }
        pthread_mutex_lock(&cpus_lock);
        if (--nb_in_guest == 0) {
            pthread_cond_broadcast(&parked_cond);
        }
    }
    pthread_mutex_unlock(&cpus_lock);
    return NULL;
}

void cpus_start(void)
{
    pthread_mutex_lock(&cpus_lock);
    stop_requested = false;
    pthread_mutex_unlock(&cpus_lock);
    for (unsigned i = 0; i < nb_cpus; i++) {
        if (pthread_create(&all_cpus[i].thread, NULL, vcpu_thread, &all_cpus[i]) != 0) {
            emu_fatal("cannot create the thread of vCPU %u", i);
        }
        all_cpus[i].running = true;
    }
}

void cpus_stop(void)
{
    pthread_mutex_lock(&cpus_lock);
    stop_requested = true;
    for (unsigned i = 0; i < nb_cpus; i++) {
        cpu_exit_request(all_cpus[i].exec);
        pthread_cond_broadcast(&all_cpus[i].cond);
    }
    pthread_mutex_unlock(&cpus_lock);
    if (gdbstub_enabled) {
        gdbstub_release_cpus();   /* a CPU held by the debugger must see the stop too */
    }
    for (unsigned i = 0; i < nb_cpus; i++) {
        if (all_cpus[i].running) {
            pthread_join(all_cpus[i].thread, NULL);
            all_cpus[i].running = false;
        }
    }
}

void cpus_wake(VCpu *v)
{
    cpu_exit_request(v->exec);
    pthread_mutex_lock(&cpus_lock);
    pthread_cond_broadcast(&v->cond);
    pthread_mutex_unlock(&cpus_lock);
}

/*
 * Every event register is set before cpus_lock is taken, and a CPU about to
 * sleep in WFE checks its own under that lock: no event is lost between
 * its check and its wait.  Running CPUs are not interrupted: their next
 * WFE finds the event.
 */
void cpus_send_event(CPUARMState *env)
{
    (void)env;
    for (unsigned i = 0; i < nb_cpus; i++) {
        __atomic_store_n(&all_cpus[i].env->event_reg, 1u, __ATOMIC_SEQ_CST);
    }
    pthread_mutex_lock(&cpus_lock);
    for (unsigned i = 0; i < nb_cpus; i++) {
        if (all_cpus[i].env->halted == ARM_HALT_WFE) {
            pthread_cond_broadcast(&all_cpus[i].cond);
        }
    }
    pthread_mutex_unlock(&cpus_lock);
}

void cpus_power_on(VCpu *v, uint64_t pc, const uint64_t x[4], unsigned el)
{
    pthread_mutex_lock(&cpus_lock);
    v->start_pending = true;
    v->start_pc = pc;
    memcpy(v->start_x, x, sizeof(v->start_x));
    v->start_el = el;
    v->power = PSCI_AFF_ON_PENDING;
    pthread_cond_broadcast(&v->cond);
    pthread_mutex_unlock(&cpus_lock);
}

void cpus_power_off(VCpu *v)
{
    pthread_mutex_lock(&cpus_lock);
    v->power = PSCI_AFF_OFF;
    pthread_mutex_unlock(&cpus_lock);
}

int cpus_power_state(VCpu *v)
{
    int s;

    pthread_mutex_lock(&cpus_lock);
    s = v->power;
    pthread_mutex_unlock(&cpus_lock);
    return s;
}

void cpus_pause(bool pause)
{
    struct timespec limit;

    pthread_mutex_lock(&cpus_lock);
    paused = pause;
    for (unsigned i = 0; i < nb_cpus; i++) {
        cpu_exit_request(all_cpus[i].exec);
        pthread_cond_broadcast(&all_cpus[i].cond);
    }
    /*
     * Wait until guest code has stopped, so that `stop` then `info registers`
     * sees a still state.  Bounded: a vCPU blocked on the I/O lock that our
     * caller (the console's Ctrl-A c path) holds could not come back.
     */
    clock_gettime(CLOCK_REALTIME, &limit);
    limit.tv_sec += 1;
    while (pause && nb_in_guest &&
           pthread_cond_timedwait(&parked_cond, &cpus_lock, &limit) == 0) {
    }
    pthread_mutex_unlock(&cpus_lock);
}
