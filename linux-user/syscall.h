/*
 * Guest system calls: the aarch64 (asm-generic) syscall numbers mapped to
 * the host, with the guest's pointers checked against its memory map and
 * the structures that differ between aarch64 and x86-64 converted.
 * Unknown calls return -ENOSYS and are logged with -d unimp.
 *
 * The calls live in one table split by area (syscall-fs.c, syscall-mem.c,
 * syscall-proc.c, syscall-time.c, syscall-net.c, syscall-misc.c); the
 * internals they share are in syscall-defs.h.
 */
#ifndef LINUX_USER_SYSCALL_H
#define LINUX_USER_SYSCALL_H

#include <stdbool.h>
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

/*
 * -strace (-d strace): the cpu loop calls syscall_trace_enter before the
 * call (whoever handles it: signal.c or do_syscall) and syscall_trace_exit
 * after; together they log "pid name(args) = ret ERRNO (message)".
 * Calls that do not return (exit, exit_group) are logged on entry.
 */
void syscall_trace_enter(uint64_t nr, const uint64_t args[6]);
void syscall_trace_exit(uint64_t nr, int64_t ret);

/* do_syscall between syscall_trace_enter and syscall_trace_exit. */
int64_t syscall_dispatch(uint64_t nr, const uint64_t args[6]);

/* Name of a syscall for -strace, or NULL. */
const char *syscall_name(uint64_t nr);

/* -L ROOT: prefix for absolute guest paths (NULL or "/" for none). */
void syscall_set_root(const char *root);

/*
 * The guest program's path, answered for readlink("/proc/self/exe") and
 * opened for open("/proc/self/exe").  Made absolute here.
 */
void syscall_set_exe_path(const char *path);

/*
 * Descriptors the emulator itself keeps (the -D log file, the code
 * buffer's memfd): the guest cannot close them or dup onto them (close
 * answers 0 and leaves them open; dup3 onto them answers EBADF), so a
 * guest reusing the number can never have the emulator write into its
 * file.  syscall_reserve_cloexec_fds reserves every descriptor above 2
 * marked close-on-exec (the emulator's own; inherited ones never are);
 * main calls it just before running the guest.
 */
void syscall_reserve_fd(int fd);
void syscall_reserve_cloexec_fds(void);
bool syscall_fd_reserved(int fd);

#endif
