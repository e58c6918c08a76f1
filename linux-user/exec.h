/*
 * execve/execveat for the guest.  The new program is classified by its
 * first bytes, the way the kernel's binfmt handlers would:
 *  - an AArch64 ELF: a fresh aarch64-user (this binary, opened from
 *    /proc/self/exe at start, so a later chroot does not lose it) is
 *    executed with the options that must carry over (-L, -cpu, -d, -D,
 *    -strace, -accel) and "-0 ARGV0 PATH ARGS...", with the guest's
 *    environment;
 *  - "#!": the interpreter line is parsed as Linux does (interpreter and at
 *    most one argument) and the interpreter, a guest program, is run the
 *    same way with the script's path as argument;
 *  - any other ELF (an x86-64 host program): host execve directly;
 *  - anything else: ENOEXEC.
 * Failures are the guest's errno (ENOENT, EACCES, ENOEXEC, E2BIG, EFAULT).
 */
#ifndef LINUX_USER_EXEC_H
#define LINUX_USER_EXEC_H

#include <stddef.h>
#include <stdint.h>
#include "linux-user/options.h"

/* Linux's BINPRM_BUF_SIZE: how much of a file the kernel looks at. */
#define EXEC_HEADER_SIZE 256

typedef enum ExecKind {
    EXEC_AARCH64,      /* a 64-bit little-endian AArch64 ELF executable or shared object */
    EXEC_SCRIPT,       /* starts with "#!" */
    EXEC_HOST_ELF,     /* another ELF: leave it to the host kernel */
    EXEC_UNKNOWN,
} ExecKind;

ExecKind exec_classify(const uint8_t *buf, size_t len);

/*
 * The "#!" line in buf (the first len <= EXEC_HEADER_SIZE bytes of the
 * file), split as fs/binfmt_script.c does: spaces/tabs around the
 * interpreter, everything after it up to the newline (trimmed) as one
 * argument.  A '\r' before the newline stays part of the line, as on Linux.
 * 0 with *interp and *arg (NULL when none) pointing into out; -ENOEXEC for
 * no interpreter or one cut by the end of the buffer.
 */
int exec_parse_shebang(const char *buf, size_t len, char out[EXEC_HEADER_SIZE + 1],
                       const char **interp, const char **arg);

/* Open /proc/self/exe (close-on-exec) and remember the options to carry over; main calls once. */
void exec_configure(const UserConfig *cfg);

/*
 * argv for running a guest program under a new aarch64-user:
 *   self CARRY... -0 argv0 path args[0..nargs)
 * (a NULL-terminated malloc'ed array of the given pointers; free() it).
 */
char **exec_emulator_argv(const char *self, char *const *carry, int ncarry, const char *argv0,
                          const char *path, char *const *args, int nargs);

/* The carried-over options (for tests and for exec_emulator_argv). */
int exec_carry_options(char ***out);

/* execve (dirfd AT_FDCWD, flags 0) and execveat: returns only on failure. */
int64_t exec_guest(int dirfd, uint64_t path, uint64_t argv, uint64_t envp, int flags);

#endif
