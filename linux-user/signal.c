/*
 * Guest signals in user mode: see signal.h.
 *
 * Host signals are caught by one handler that queues them as pending guest
 * signals and asks the CPU to leave translated code; the cpu loop then
 * delivers them between blocks.  Frame layouts follow the arm64 Linux ABI
 * (arch/arm64/include/uapi/asm/sigcontext.h and ucontext.h).
 */
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "accel/user-mem.h"
#include "linux-user/signal.h"
#include "target-arm/exec-target.h"
#include "util/error.h"
#include "util/log.h"

/* Syscall numbers (asm-generic) handled here. */
enum {
    TARGET_NR_sigaltstack = 132,
    TARGET_NR_rt_sigsuspend = 133,
    TARGET_NR_rt_sigaction = 134,
    TARGET_NR_rt_sigprocmask = 135,
    TARGET_NR_rt_sigpending = 136,
    TARGET_NR_rt_sigreturn = 139,
};

/* sa_flags bits: identical on arm64 and x86-64. */
#define TARGET_SA_SIGINFO 0x00000004u
#define TARGET_SA_RESTORER 0x04000000u
#define TARGET_SA_ONSTACK 0x08000000u
#define TARGET_SA_RESTART 0x10000000u
#define TARGET_SA_NODEFER 0x40000000u
#define TARGET_SA_RESETHAND 0x80000000u
#define TARGET_SIG_DFL 0
#define TARGET_SIG_IGN 1
#define TARGET_SS_ONSTACK 1
#define TARGET_SS_DISABLE 2
#define TARGET_MINSIGSTKSZ 5120

/* struct sigaction as the arm64 kernel reads it. */
typedef struct TargetSigaction {
    uint64_t handler;
    uint64_t flags;
    uint64_t restorer;
    uint64_t mask;
} TargetSigaction;

typedef struct TargetStack {
    uint64_t ss_sp;
    int32_t ss_flags;
    int32_t pad;
    uint64_t ss_size;
} TargetStack;

/* The arm64 signal frame. */
#define FPSIMD_MAGIC 0x46508001u
typedef struct TargetFpsimdContext {
    uint32_t magic, size;
    uint32_t fpsr, fpcr;
    uint64_t vregs[32][2];
} TargetFpsimdContext;

typedef struct TargetSigcontext {
    uint64_t fault_address;
    uint64_t regs[31];
    uint64_t sp, pc, pstate;
    uint8_t reserved[4096] __attribute__((aligned(16)));
} TargetSigcontext;

typedef struct TargetUcontext {
    uint64_t uc_flags;
    uint64_t uc_link;
    TargetStack uc_stack;
    uint64_t uc_sigmask;
    uint8_t unused[1024 / 8 - 8];
    TargetSigcontext uc_mcontext __attribute__((aligned(16)));
} TargetUcontext;

typedef struct TargetRtSigframe {
    uint8_t info[128];           /* siginfo_t: the same 128-byte layout on both */
    TargetUcontext uc;
} TargetRtSigframe;

_Static_assert(offsetof(TargetUcontext, uc_mcontext) == 176, "arm64 ucontext layout");
_Static_assert(sizeof(TargetRtSigframe) % 16 == 0, "frame keeps sp aligned");

typedef struct PendingSignal {
    bool pending;
    uint8_t info[128];
} PendingSignal;

static TargetSigaction actions[TARGET_NSIG + 1];
static __thread uint64_t blocked;    /* this thread's guest mask (bit n-1 for signal n) */
static PendingSignal pending[TARGET_NSIG + 1];
static volatile sig_atomic_t any_pending;
static __thread TargetStack altstack = { 0, TARGET_SS_DISABLE, 0, 0 };
static uint64_t sigtramp_addr;       /* mov x8, #139; svc #0 */
static ExecCPU *signal_cpu;
/* rt_sigsuspend: the mask the next handler frame saves (the one from before the call). */
static __thread bool frame_mask_override;
static __thread uint64_t frame_mask;

static uint64_t sigbit(int sig)
{
    return 1ull << (sig - 1);
}

/* Signals the emulator keeps for itself: they report guest faults. */
static bool host_reserved(int sig)
{
    return sig == SIGSEGV || sig == SIGBUS || sig == SIGKILL || sig == SIGSTOP;
}

static void host_signal_handler(int sig, siginfo_t *info, void *uc)
{
    if (sig < 1 || sig > TARGET_NSIG) {
        return;
    }
    memcpy(pending[sig].info, info, sizeof(pending[sig].info));
    pending[sig].pending = true;
    any_pending = 1;
    /* Make the thread that took it (or the main one) leave translated code. */
    if (exec_current_cpu()) {
        cpu_exit_request(exec_current_cpu());
    } else if (signal_cpu) {
        cpu_exit_request(signal_cpu);
    }
}

uint64_t signal_get_blocked(void)
{
    return blocked;
}

void signal_thread_start(uint64_t mask)
{
    blocked = mask;
    altstack.ss_sp = 0;
    altstack.ss_size = 0;
    altstack.ss_flags = TARGET_SS_DISABLE;
}

/* Make the host disposition follow the guest's: default, ignore, or catch and queue. */
static void update_host_action(int sig)
{
    struct sigaction sa;

    if (host_reserved(sig) || sig == SIGILL || sig == SIGTRAP || sig == SIGFPE) {
        return;   /* faults are ours; kill(SIGILL) is queued below through the catch-all */
    }
    memset(&sa, 0, sizeof(sa));
    sigemptyset(&sa.sa_mask);
    if (actions[sig].handler == TARGET_SIG_IGN) {
        sa.sa_handler = SIG_IGN;
    } else if (actions[sig].handler == TARGET_SIG_DFL) {
        sa.sa_handler = SIG_DFL;
    } else {
        /* No SA_RESTART: a blocking host call returns EINTR so the signal is seen. */
        sa.sa_sigaction = host_signal_handler;
        sa.sa_flags = SA_SIGINFO;
    }
    /* glibc refuses its internal signals (32, 33); their handlers stay default. */
    sigaction(sig, &sa, NULL);
}

bool signal_init(ExecCPU *cpu, EmuError *err)
{
    static const uint32_t tramp[2] = { 0xd2801168, 0xd4000001 };   /* mov x8, #139; svc #0 */
    int64_t page;

    signal_cpu = cpu;
    page = guest_mmap(0, GUEST_PAGE_SIZE, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page < 0) {
        return emu_error_set(err, "cannot map the signal trampoline: %s", strerror((int)-page));
    }
    memcpy(g2h((uint64_t)page), tramp, sizeof(tramp));
    guest_mprotect((uint64_t)page, GUEST_PAGE_SIZE, PROT_READ | PROT_EXEC);
    sigtramp_addr = (uint64_t)page;
    /* Start with the dispositions the emulator inherited (e.g. SIGPIPE ignored by a shell). */
    for (int sig = 1; sig <= TARGET_NSIG; sig++) {
        struct sigaction old;
        if (sigaction(sig, NULL, &old) == 0 && old.sa_handler == SIG_IGN) {
            actions[sig].handler = TARGET_SIG_IGN;
        }
    }
    return true;
}

void signal_die(int sig)
{
    struct sigaction sa;
    sigset_t set;
    struct rlimit no_core = { 0, 0 };

    fflush(NULL);
    /* The guest died, not the emulator: no core file of ours. */
    setrlimit(RLIMIT_CORE, &no_core);
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = SIG_DFL;
    sigaction(sig, &sa, NULL);
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    kill(getpid(), sig);
    _exit(128 + sig);
}

void signal_queue_sync(CPUARMState *env, int sig, int code, uint64_t addr)
{
    PendingSignal *p = &pending[sig];
    int32_t hdr[3] = { sig, 0, code };

    memset(p->info, 0, sizeof(p->info));
    memcpy(p->info, hdr, sizeof(hdr));
    memcpy(p->info + 16, &addr, 8);    /* si_addr */
    /* A synchronous signal cannot be blocked or ignored away: the kernel kills instead. */
    if ((blocked & sigbit(sig)) || actions[sig].handler == TARGET_SIG_IGN) {
        actions[sig].handler = TARGET_SIG_DFL;
        blocked &= ~sigbit(sig);
    }
    p->pending = true;
    any_pending = 1;
}

static bool default_is_ignore(int sig)
{
    return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT;
}

static bool default_is_stop(int sig)
{
    return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

static bool on_altstack(uint64_t sp)
{
    return altstack.ss_flags != TARGET_SS_DISABLE && sp - altstack.ss_sp < altstack.ss_size;
}

/* Build the rt_sigframe for sig and enter its handler. */
static void setup_frame(CPUARMState *env, int sig, const TargetSigaction *act)
{
    uint64_t sp = env->sp, frame, record_addr, total = sizeof(TargetRtSigframe) + 16;
    TargetRtSigframe *f;
    TargetFpsimdContext *fp;
    uint64_t *record;

    if ((act->flags & TARGET_SA_ONSTACK) && altstack.ss_flags != TARGET_SS_DISABLE && !on_altstack(sp)) {
        sp = altstack.ss_sp + altstack.ss_size;
    }
    frame = (sp - total) & ~15ull;
    if (!page_check_range(frame, total, PAGE_WRITE)) {
        /* No room for the frame: as Linux does, the process dies of SIGSEGV. */
        emu_report("cannot deliver signal %d: guest stack at 0x%llx is not writable", sig,
                   (unsigned long long)frame);
        signal_die(SIGSEGV);
    }
    f = g2h(frame);
    memset(f, 0, sizeof(*f));
    memcpy(f->info, pending[sig].info, sizeof(f->info));
    f->uc.uc_stack.ss_sp = altstack.ss_sp;
    f->uc.uc_stack.ss_size = altstack.ss_size;
    f->uc.uc_stack.ss_flags = altstack.ss_flags == TARGET_SS_DISABLE ? TARGET_SS_DISABLE
                              : on_altstack(env->sp) ? TARGET_SS_ONSTACK : 0;
    f->uc.uc_sigmask = frame_mask_override ? frame_mask : blocked;
    frame_mask_override = false;
    memcpy(f->uc.uc_mcontext.regs, env->xregs, sizeof(env->xregs));
    f->uc.uc_mcontext.sp = env->sp;
    f->uc.uc_mcontext.pc = env->pc;
    /* PSTATE as Linux saves it for EL0t: NZCV and BTYPE<11:10> (FEAT_BTI). */
    f->uc.uc_mcontext.pstate = arm_get_nzcv(env) | (env->btype & 3) << 10;
    memcpy(&f->uc.uc_mcontext.fault_address, f->info + 16, 8);
    fp = (TargetFpsimdContext *)f->uc.uc_mcontext.reserved;
    fp->magic = FPSIMD_MAGIC;
    fp->size = sizeof(*fp);
    fp->fpsr = env->fpsr;
    fp->fpcr = env->fpcr;
    memcpy(fp->vregs, env->vregs, sizeof(fp->vregs));
    /* The terminating record (magic 0, size 0) is already zero. */

    record_addr = frame + sizeof(TargetRtSigframe);
    record = g2h(record_addr);
    record[0] = env->xregs[29];
    record[1] = env->xregs[30];

    env->xregs[0] = (uint64_t)sig;
    env->xregs[1] = frame;
    env->xregs[2] = frame + offsetof(TargetRtSigframe, uc);
    env->xregs[29] = record_addr;
    env->xregs[30] = (act->flags & TARGET_SA_RESTORER) ? act->restorer : sigtramp_addr;
    env->sp = frame;
    env->pc = act->handler;
    /*
     * Linux enters a handler as if by BLR (BTYPE 10, when the CPU has BTI):
     * on a guarded page it must start with BTI c or PACIASP.  Keys are not
     * in the frame: a handler runs with the thread's keys.
     */
    env->btype = (arm_cpu_hwcap2() & (1u << 17)) ? 2 : 0;
    blocked |= act->mask;
    if (!(act->flags & TARGET_SA_NODEFER)) {
        blocked |= sigbit(sig);
    }
    blocked &= ~(sigbit(SIGKILL) | sigbit(SIGSTOP));
    if (act->flags & TARGET_SA_RESETHAND) {
        actions[sig].handler = TARGET_SIG_DFL;
        update_host_action(sig);
    }
}

void signal_deliver_pending(CPUARMState *env)
{
    if (!any_pending) {
        return;
    }
    any_pending = 0;
    for (int sig = 1; sig <= TARGET_NSIG; sig++) {
        TargetSigaction *act = &actions[sig];
        if (!pending[sig].pending) {
            continue;
        }
        if (blocked & sigbit(sig)) {
            any_pending = 1;   /* stays pending until unblocked */
            continue;
        }
        pending[sig].pending = false;
        emu_log_mask(LOG_INT, "signal %d delivered at pc 0x%llx\n", sig, (unsigned long long)env->pc);
        if (act->handler == TARGET_SIG_IGN) {
            continue;
        }
        if (act->handler == TARGET_SIG_DFL) {
            if (default_is_ignore(sig)) {
                continue;
            }
            if (default_is_stop(sig)) {
                kill(getpid(), SIGSTOP);
                continue;
            }
            if (sig == SIGSEGV || sig == SIGILL || sig == SIGBUS || sig == SIGTRAP || sig == SIGFPE) {
                emu_report("uncaught target signal %d (%s) at pc 0x%llx", sig, strsignal(sig),
                           (unsigned long long)env->pc);
            }
            signal_die(sig);
        }
        setup_frame(env, sig, act);
    }
}

bool signal_restart_syscall(void)
{
    for (int sig = 1; sig <= TARGET_NSIG; sig++) {
        if (pending[sig].pending && !(blocked & sigbit(sig))) {
            return actions[sig].handler > TARGET_SIG_IGN && (actions[sig].flags & TARGET_SA_RESTART);
        }
    }
    return false;
}

static int64_t do_rt_sigreturn(CPUARMState *env)
{
    uint64_t frame = env->sp;
    TargetRtSigframe *f;
    TargetFpsimdContext *fp;

    if ((frame & 15) || !page_check_range(frame, sizeof(TargetRtSigframe), PAGE_READ)) {
        signal_queue_sync(env, SIGSEGV, 0, frame);
        return (int64_t)env->xregs[0];
    }
    f = g2h(frame);
    memcpy(env->xregs, f->uc.uc_mcontext.regs, sizeof(env->xregs));
    env->sp = f->uc.uc_mcontext.sp;
    env->pc = f->uc.uc_mcontext.pc;
    arm_set_nzcv(env, (uint32_t)f->uc.uc_mcontext.pstate);
    env->btype = (uint32_t)(f->uc.uc_mcontext.pstate >> 10) & 3;
    fp = (TargetFpsimdContext *)f->uc.uc_mcontext.reserved;
    if (fp->magic == FPSIMD_MAGIC && fp->size == sizeof(*fp)) {
        env->fpsr = fp->fpsr;
        env->fpcr = fp->fpcr;
        memcpy(env->vregs, fp->vregs, sizeof(env->vregs));
    }
    blocked = f->uc.uc_sigmask & ~(sigbit(SIGKILL) | sigbit(SIGSTOP));
    any_pending = 1;   /* something may have been unblocked */
    /* The return value register is X0 as the frame restored it. */
    return (int64_t)env->xregs[0];
}

static int64_t do_sigaltstack(CPUARMState *env, uint64_t ss_addr, uint64_t old_addr)
{
    TargetStack ss;

    if (old_addr) {
        TargetStack old = altstack;
        if (!page_check_range(old_addr, sizeof(old), PAGE_WRITE)) {
            return -EFAULT;
        }
        if (old.ss_flags != TARGET_SS_DISABLE) {
            old.ss_flags = on_altstack(env->sp) ? TARGET_SS_ONSTACK : 0;
        }
        memcpy(g2h(old_addr), &old, sizeof(old));
    }
    if (ss_addr) {
        if (!page_check_range(ss_addr, sizeof(ss), PAGE_READ)) {
            return -EFAULT;
        }
        memcpy(&ss, g2h(ss_addr), sizeof(ss));
        if (on_altstack(env->sp)) {
            return -EPERM;
        }
        if (ss.ss_flags & ~TARGET_SS_DISABLE) {
            return -EINVAL;
        }
        if (ss.ss_flags == TARGET_SS_DISABLE) {
            ss.ss_sp = 0;
            ss.ss_size = 0;
        } else if (ss.ss_size < TARGET_MINSIGSTKSZ) {
            return -ENOMEM;
        }
        altstack = ss;
    }
    return 0;
}

bool signal_syscall(CPUARMState *env, uint64_t nr, const uint64_t *a, int64_t *ret)
{
    switch (nr) {
    case TARGET_NR_rt_sigaction: {
        int sig = (int)a[0];
        TargetSigaction act;
        if (a[3] != 8 || sig < 1 || sig > TARGET_NSIG) {
            *ret = -EINVAL;
            return true;
        }
        if (a[2]) {
            if (!page_check_range(a[2], sizeof(act), PAGE_WRITE)) {
                *ret = -EFAULT;
                return true;
            }
            memcpy(g2h(a[2]), &actions[sig], sizeof(act));
        }
        if (a[1]) {
            if (sig == SIGKILL || sig == SIGSTOP) {
                *ret = -EINVAL;
                return true;
            }
            if (!page_check_range(a[1], sizeof(act), PAGE_READ)) {
                *ret = -EFAULT;
                return true;
            }
            memcpy(&act, g2h(a[1]), sizeof(act));
            actions[sig] = act;
            update_host_action(sig);
        }
        *ret = 0;
        return true;
    }
    case TARGET_NR_rt_sigprocmask: {
        uint64_t set;
        if (a[3] != 8) {
            *ret = -EINVAL;
            return true;
        }
        if (a[2]) {
            if (!page_check_range(a[2], 8, PAGE_WRITE)) {
                *ret = -EFAULT;
                return true;
            }
            memcpy(g2h(a[2]), &blocked, 8);
        }
        if (a[1]) {
            if (!page_check_range(a[1], 8, PAGE_READ)) {
                *ret = -EFAULT;
                return true;
            }
            memcpy(&set, g2h(a[1]), 8);
            switch (a[0]) {
            case 0: blocked |= set; break;         /* SIG_BLOCK */
            case 1: blocked &= ~set; break;        /* SIG_UNBLOCK */
            case 2: blocked = set; break;          /* SIG_SETMASK */
            default:
                *ret = -EINVAL;
                return true;
            }
            blocked &= ~(sigbit(SIGKILL) | sigbit(SIGSTOP));
            any_pending = 1;
        }
        *ret = 0;
        return true;
    }
    case TARGET_NR_rt_sigpending: {
        uint64_t set = 0;
        for (int sig = 1; sig <= TARGET_NSIG; sig++) {
            if (pending[sig].pending) {
                set |= sigbit(sig);
            }
        }
        set &= blocked;
        if (!page_check_range(a[0], 8, PAGE_WRITE)) {
            *ret = -EFAULT;
            return true;
        }
        memcpy(g2h(a[0]), &set, 8);
        *ret = 0;
        return true;
    }
    case TARGET_NR_rt_sigsuspend: {
        uint64_t set, saved = blocked;
        sigset_t none;
        if (a[1] != 8 || !page_check_range(a[0], 8, PAGE_READ)) {
            *ret = a[1] != 8 ? -EINVAL : -EFAULT;
            return true;
        }
        memcpy(&set, g2h(a[0]), 8);
        blocked = set & ~(sigbit(SIGKILL) | sigbit(SIGSTOP));
        sigemptyset(&none);
        for (;;) {
            bool ready = false;
            for (int sig = 1; sig <= TARGET_NSIG && !ready; sig++) {
                ready = pending[sig].pending && !(blocked & sigbit(sig));
            }
            if (ready) {
                break;
            }
            sigsuspend(&none);
        }
        /* The handler's frame must restore the mask from before the call. */
        any_pending = 1;
        frame_mask_override = true;
        frame_mask = saved;
        *ret = -EINTR;
        return true;
    }
    case TARGET_NR_rt_sigreturn:
        *ret = do_rt_sigreturn(env);
        return true;
    case TARGET_NR_sigaltstack:
        *ret = do_sigaltstack(env, a[0], a[1]);
        return true;
    default:
        return false;
    }
}
