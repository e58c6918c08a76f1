/*
 * vCPU threads of aarch64-system (MTTCG: one host thread per vCPU).
 *
 * Each thread runs the loop of target-arm/exception.h's top comment; a
 * CPU in WFI, or powered off through PSCI, sleeps on its condition
 * variable until an interrupt line rises (cpus_wake) or PSCI CPU_ON starts
 * it: never a busy wait.  A CPU in WFE sleeps there too, until an event
 * (SEV: cpus_send_event; an interrupt line rising), and at most until the
 * next event of the timer event stream; while its exclusive monitor is
 * armed it wakes every ARM_WFE_MONITOR_NS to look for another CPU's store
 * (target-arm/wfe.h).
 *
 * Public functions: cpus_setup, cpus_start, cpus_stop, cpus_wake, cpus_send_event,
 * cpus_power_on, cpus_power_off, cpus_power_state, cpus_pause.
 */
#ifndef SYSTEM_CPUS_H
#define SYSTEM_CPUS_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include "accel/exec.h"
#include "target-arm/cpu.h"
#include "target-arm/exec-target.h"
#include "target-arm/wfe.h"

typedef struct VCpu {
    CPUARMState *env;
    ExecCPU *exec;
    unsigned index;
    pthread_t thread;
    bool running;          /* the thread exists */
    pthread_cond_t cond;
    int power;             /* PSCI_AFF_ON / _OFF / _ON_PENDING */
    /* CPU_ON (or the board's boot) asks the thread to reset and start here. */
    bool start_pending;
    uint64_t start_pc, start_x[4];
    unsigned start_el;
    ArmWfeWait wfe;        /* while env->halted is ARM_HALT_WFE: what ends the wait */
} VCpu;

typedef struct VCpuConfig {
    ArmCpuModel model;
    bool has_el2, has_el3;
} VCpuConfig;

/* Record the CPUs (all powered off); env and exec must be initialised by the board. */
void cpus_setup(VCpu *cpus, unsigned n, const VCpuConfig *cfg);
/* Start one thread per vCPU. */
void cpus_start(void);
/* Make every vCPU leave guest code and join its thread (for reset and exit). */
void cpus_stop(void);
/* An interrupt line of this CPU changed: leave guest code and wake from WFI. */
void cpus_wake(VCpu *v);
/* SEV (CPUARMState.send_event, set by cpus_setup): an event for every CPU, waking those in WFE. */
void cpus_send_event(CPUARMState *env);
/*
 * Power the CPU on: it resets, enters EL el (its highest if el is above it)
 * at pc with x0..x3.  Any thread; the CPU's own thread does the reset.
 */
void cpus_power_on(VCpu *v, uint64_t pc, const uint64_t x[4], unsigned el);
/* The CPU powers itself off (PSCI CPU_OFF, from its own thread). */
void cpus_power_off(VCpu *v);
/* PSCI_AFF_ON, _OFF or _ON_PENDING. */
int cpus_power_state(VCpu *v);
/* Monitor stop/cont (and -S): every vCPU leaves guest code and waits, or goes on. */
void cpus_pause(bool pause);

#endif
