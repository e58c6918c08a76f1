/*
 * Guest threads and processes: clone (one host thread per guest thread, or
 * a host fork for a new process), thread exit with CLONE_CHILD_CLEARTID,
 * futex (guest memory is host memory, so host futexes work directly),
 * set_tid_address and clone3 (-ENOSYS, so glibc falls back to clone).
 */
#ifndef LINUX_USER_THREAD_H
#define LINUX_USER_THREAD_H

#include <stdbool.h>
#include <stdint.h>
#include "accel/exec.h"
#include "target-arm/cpu.h"

/* Handle the thread/process system calls; true (and *ret) when nr is one. */
bool thread_syscall(ExecCPU *cpu, CPUARMState *env, uint64_t nr, const uint64_t *args, int64_t *ret);

#endif
