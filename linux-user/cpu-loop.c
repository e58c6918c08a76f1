/* User-mode CPU loop: see cpu-loop.h. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "accel/user-mem.h"
#include "gdbstub/gdbstub.h"
#include "linux-user/cpu-loop.h"
#include "linux-user/signal.h"
#include "linux-user/thread.h"
#include "target-arm/exec-target.h"
#include "target-arm/helpers.h"
#include "linux-user/syscall.h"
#include "util/error.h"
#include "util/log.h"

/*
 * Host address of a guest access made by a helper (the 16-byte atomics):
 * checks alignment and bounds the way the translated code does, and raises
 * the guest fault at the current instruction when they fail.
 */
static void *user_guest_host_addr(CPUARMState *env, uint64_t addr, unsigned size,
                                  unsigned align_log2, int is_write)
{
    if (addr & ((1ull << align_log2) - 1)) {
        exec_raise_fault(exec_current_cpu(), 0, addr, is_write ? FAULT_ALIGN_WRITE : FAULT_ALIGN_READ);
    }
    if (!guest_range_ok(addr, size)) {
        exec_raise_fault(exec_current_cpu(), 0, addr, is_write ? FAULT_WRITE : FAULT_READ);
    }
    return g2h(addr);
}

/* si_code values (ILL_ILLOPC, SEGV_MAPERR...) come from <signal.h>: the same numbers on arm64. */

int cpu_loop(ExecCPU *cpu, CPUARMState *env)
{
    arm_guest_host_addr = user_guest_host_addr;
    for (;;) {
        unsigned reason;

        if (gdbstub_enabled) {
            gdbstub_cpu_enter(cpu);   /* waits while the debugger holds the CPUs */
        }
        reason = cpu_exec(cpu);
        if (gdbstub_enabled && gdbstub_cpu_exit(cpu, reason)) {
            continue;                 /* a breakpoint or step, reported to gdb */
        }

        if (reason == IR_EXIT_EXCEPTION) {
            switch (env->exception_class) {
            case ARM_EXC_SVC: {
                uint64_t nr = env->xregs[8], orig_x0 = env->xregs[0];
                int64_t ret;
                /* -strace lines come from the syscall layer, which knows the argument types. */
                syscall_trace_enter(nr, env->xregs);
                /* prctl (167): the PAuth key controls act on this thread's CPU state. */
                if (!(nr == 167 && arm_cpu_user_prctl(env, env->xregs, &ret)) &&
                    !signal_syscall(env, nr, env->xregs, &ret) &&
                    !thread_syscall(cpu, env, nr, env->xregs, &ret)) {
                    ret = do_syscall(nr, env->xregs);
                }
                syscall_trace_exit(nr, ret);
                if (syscall_state.exit_requested) {
                    return syscall_state.exit_status;
                }
                if (ret == -EINTR && signal_restart_syscall()) {
                    env->pc -= 4;   /* run the SVC again after the handler */
                    ret = (int64_t)orig_x0;
                }
                env->xregs[0] = (uint64_t)ret;
                break;
            }
            case ARM_EXC_UNDEF:
                emu_log_mask(LOG_UNIMP, "SIGILL: undefined instruction 0x%08x at 0x%llx\n",
                             env->exception_syndrome, (unsigned long long)env->pc);
                signal_queue_sync(env, SIGILL, ILL_ILLOPC, env->pc);
                break;
            case ARM_EXC_BRK:
                signal_queue_sync(env, SIGTRAP, TRAP_BRKPT, env->pc);
                break;
            case ARM_EXC_DATA_ABORT:
            case ARM_EXC_INSN_ABORT:
                emu_log_mask(LOG_INT, "SIGSEGV: %s abort at 0x%llx, address 0x%llx\n",
                             env->exception_class == ARM_EXC_DATA_ABORT ? "data" : "instruction",
                             (unsigned long long)env->pc,
                             (unsigned long long)env->exception_addr);
                signal_queue_sync(env, SIGSEGV,
                                  (page_get_flags(env->exception_addr) & PAGE_VALID) ? SEGV_ACCERR
                                                                                     : SEGV_MAPERR,
                                  env->exception_addr);
                break;
            case ARM_EXC_ALIGNMENT:
                signal_queue_sync(env, SIGBUS, BUS_ADRALN, env->exception_addr);
                break;
            case ARM_EXC_YIELD:
                break;
            default:
                emu_report("unexpected exception class %u at pc 0x%llx", env->exception_class,
                           (unsigned long long)env->pc);
                signal_die(SIGILL);
            }
        }
        signal_deliver_pending(env);
    }
}
