/*
 * The user-mode CPU loop: runs guest code through the execution engine
 * and turns what comes back (SVC, faults, UNDEFINED, BRK) into system
 * calls or the signals Linux would deliver.
 */
#ifndef LINUX_USER_CPU_LOOP_H
#define LINUX_USER_CPU_LOOP_H

#include "accel/exec.h"
#include "target-arm/cpu.h"

/* Runs until the guest exits; returns the process exit status (or does not return). */
int cpu_loop(ExecCPU *cpu, CPUARMState *env);

#endif
