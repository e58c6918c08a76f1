/* User-mode CPU loop: see cpu-loop.h. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "accel/user-mem.h"
#include "linux-user/cpu-loop.h"
#include "target-arm/helpers.h"
#include "linux-user/syscall.h"
#include "util/error.h"
#include "util/log.h"

/*
 * Until guest signal handlers exist (#5), a fatal guest signal ends the
 * process the way an unhandled signal does: message, then death by that
 * signal so the parent sees the right wait status.
 */
static void die_by_signal(CPUARMState *env, int sig, const char *why)
{
    emu_report("uncaught target signal %d (%s) at pc 0x%llx: %s", sig, strsignal(sig),
               (unsigned long long)env->pc, why);
    fflush(NULL);
    signal(sig, SIG_DFL);
    /* Core dumps of the emulator would only confuse: the guest is what died. */
    {
        struct sigaction sa;
        memset(&sa, 0, sizeof(sa));
        sa.sa_handler = SIG_DFL;
        sigaction(sig, &sa, NULL);
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, sig);
        sigprocmask(SIG_UNBLOCK, &set, NULL);
    }
    kill(getpid(), sig);
    _exit(128 + sig);
}

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

int cpu_loop(ExecCPU *cpu, CPUARMState *env)
{
    arm_guest_host_addr = user_guest_host_addr;
    for (;;) {
        unsigned reason = cpu_exec(cpu);
        char why[96];

        if (reason != IR_EXIT_EXCEPTION) {
            continue;
        }
        switch (env->exception_class) {
        case ARM_EXC_SVC: {
            uint64_t nr = env->xregs[8];
            /* -strace lines come from the syscall layer, which knows the argument types. */
            int64_t ret = syscall_dispatch(nr, env->xregs);
            if (syscall_state.exit_requested) {
                return syscall_state.exit_status;
            }
            env->xregs[0] = (uint64_t)ret;
            break;
        }
        case ARM_EXC_UNDEF:
            snprintf(why, sizeof(why), "undefined instruction 0x%08x", env->exception_syndrome);
            die_by_signal(env, SIGILL, why);
            break;
        case ARM_EXC_BRK:
            snprintf(why, sizeof(why), "BRK #0x%x", env->exception_syndrome);
            die_by_signal(env, SIGTRAP, why);
            break;
        case ARM_EXC_DATA_ABORT:
        case ARM_EXC_INSN_ABORT:
            snprintf(why, sizeof(why), "bad %s at 0x%llx",
                     env->exception_class == ARM_EXC_INSN_ABORT ? "instruction fetch" : "memory access",
                     (unsigned long long)env->exception_addr);
            die_by_signal(env, SIGSEGV, why);
            break;
        case ARM_EXC_ALIGNMENT:
            snprintf(why, sizeof(why), "unaligned access at 0x%llx",
                     (unsigned long long)env->exception_addr);
            die_by_signal(env, SIGBUS, why);
            break;
        case ARM_EXC_YIELD:
            break;
        default:
            snprintf(why, sizeof(why), "exception class %u", env->exception_class);
            die_by_signal(env, SIGILL, why);
        }
    }
}
