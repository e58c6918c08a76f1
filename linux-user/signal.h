/*
 * Guest signals in user mode: the guest's dispositions and masks, host
 * signals turned into guest signals delivered at block boundaries (none
 * lost: pending ones are queued), the arm64 rt_sigframe (with the FP/SIMD
 * record) built on the guest stack for handlers, rt_sigreturn, sigaltstack,
 * synchronous signals from guest faults, and death by signal with the
 * right wait status when the guest has no handler.
 */
#ifndef LINUX_USER_SIGNAL_H
#define LINUX_USER_SIGNAL_H

#include <stdbool.h>
#include <stdint.h>
#include "accel/exec.h"
#include "target-arm/cpu.h"

#define TARGET_NSIG 64

/* Set up host handlers and the signal-return trampoline page; once at start. */
bool signal_init(ExecCPU *cpu, EmuError *err);

/*
 * The signal system calls (rt_sigaction, rt_sigprocmask, rt_sigreturn,
 * sigaltstack, rt_sigpending, rt_sigsuspend): returns true and sets *ret
 * when nr is one of them.
 */
bool signal_syscall(CPUARMState *env, uint64_t nr, const uint64_t *args, int64_t *ret);

/* Queue a synchronous signal caused by the current instruction (fault, UNDEFINED, BRK). */
void signal_queue_sync(CPUARMState *env, int sig, int code, uint64_t addr);

/* Deliver pending unblocked signals: build frames, or terminate the process. */
void signal_deliver_pending(CPUARMState *env);

/*
 * After a system call returned -EINTR: true when the signal about to be
 * delivered asks for SA_RESTART, so the call is re-executed after the handler.
 */
bool signal_restart_syscall(void);

/* The calling thread's guest signal mask, and setting up a new thread's (it inherits the mask). */
uint64_t signal_get_blocked(void);
void signal_thread_start(uint64_t mask);

/* Terminate the process as if killed by sig (wait status shows the signal). */
void signal_die(int sig) __attribute__((noreturn));

#endif
