/*
 * Guest system calls: the aarch64 (asm-generic) syscall numbers mapped to
 * the host, with the guest's pointers checked against its memory map.
 * Unknown calls return -ENOSYS and are logged with -d unimp.
 */
#ifndef LINUX_USER_SYSCALL_H
#define LINUX_USER_SYSCALL_H

#include <stdint.h>

/* Process-wide state the syscalls keep. */
typedef struct SyscallState {
    uint64_t brk_start, brk_cur;   /* program break */
    int exit_requested;            /* set by exit/exit_group */
    int exit_status;
} SyscallState;

extern SyscallState syscall_state;

/* Run syscall nr with args; returns the value for X0 (negative errno on failure). */
int64_t do_syscall(uint64_t nr, const uint64_t args[6]);

/* Name of a syscall for -strace, or NULL. */
const char *syscall_name(uint64_t nr);

#endif
