/* Host fault handling for user mode: see user-fault.h. */
#include <signal.h>
#include <string.h>
#include <ucontext.h>
#include "accel/exec.h"
#include "accel/user-fault.h"
#include "accel/user-mem.h"

/* x86 page-fault error code bit 1: the access was a write. */
#define X86_PF_WRITE 2

static void host_fault_handler(int sig, siginfo_t *info, void *ctx)
{
    ucontext_t *uc = ctx;
    uintptr_t host_addr = (uintptr_t)info->si_addr;
    uintptr_t host_pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    bool is_write = (uc->uc_mcontext.gregs[REG_ERR] & X86_PF_WRITE) != 0;
    ExecCPU *cpu = exec_current_cpu();

    if (host_addr >= guest_base && host_addr - guest_base < guest_limit) {
        uint64_t addr = host_addr - guest_base;
        if (sig == SIGSEGV && is_write && page_unprotect_code(addr)) {
            return;   /* code page made writable again; the store is retried */
        }
        if (cpu && cpu->in_guest) {
            exec_raise_fault(cpu, host_pc, addr, is_write ? FAULT_WRITE : FAULT_READ);
        }
    }
    /* Not the guest's doing: let the default action report the emulator bug. */
    signal(sig, SIG_DFL);
}

bool user_fault_init(EmuError *err)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = host_fault_handler;
    /* SA_NODEFER: we leave the handler by siglongjmp without restoring the mask. */
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGSEGV, &sa, NULL) < 0 || sigaction(SIGBUS, &sa, NULL) < 0) {
        return emu_error_set(err, "cannot install the fault handler");
    }
    return true;
}
