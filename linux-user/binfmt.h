/*
 * binfmt_misc registration, so the kernel runs AArch64 ELF programs through
 * aarch64-user (Documentation/admin-guide/binfmt-misc.rst):
 *   aarch64-user --binfmt register|unregister|status [--binfmt-path PATH]
 *                [--binfmt-credentials]
 * The entry is /proc/sys/fs/binfmt_misc/aarch64, matching the ELF header
 * (64-bit, little-endian, ET_EXEC or ET_DYN, e_machine 0xb7), flags "FP"
 * (+ "C" with --binfmt-credentials): F opens the interpreter at
 * registration, so it works inside any chroot (it must be static); P keeps
 * the program's argv[0]: the kernel then runs
 *   INTERPRETER FULL-PATH ORIGINAL-ARGV0 ARGS...
 * aarch64-user recognises that start by the AT_FLAGS_PRESERVE_ARGV0 bit the
 * kernel (5.12 and later) puts in the interpreter's auxv, or, on older
 * kernels, by being started under the name "aarch64-user-binfmt" (register
 * a link of that name with --binfmt-path).  Mounting binfmt_misc is not
 * done here.
 */
#ifndef LINUX_USER_BINFMT_H
#define LINUX_USER_BINFMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "util/error.h"

#define BINFMT_DIR "/proc/sys/fs/binfmt_misc"
#define BINFMT_NAME "aarch64"
#define BINFMT_MAGIC_LEN 20
#define BINFMT_LINK_NAME "aarch64-user-binfmt"

/* The magic and mask bytes, built from the ELF header layout. */
void binfmt_magic_mask(uint8_t magic[BINFMT_MAGIC_LEN], uint8_t mask[BINFMT_MAGIC_LEN]);
/* Would the kernel hand a file starting with hdr (len bytes) to us? */
bool binfmt_matches(const uint8_t *hdr, size_t len);
/* The line written to binfmt_misc's register file. */
bool binfmt_register_line(char *buf, size_t size, const char *interp, bool credentials,
                          EmuError *err);
/* The interpreter must be an absolute path to a static ELF (no PT_INTERP). */
bool binfmt_check_interpreter(const char *path, EmuError *err);

/*
 * --binfmt ACTION against the binfmt_misc directory dir (BINFMT_DIR);
 * interp NULL means this program.  Prints what it did; returns the exit status.
 */
int binfmt_command(const char *action, const char *interp, bool credentials, const char *dir);

/*
 * True when the kernel started us through a P-flag binfmt entry (argv is
 * INTERPRETER FULL-PATH ARGV0 ARGS...).  at_flags is getauxval(AT_FLAGS).
 */
bool binfmt_started_by_kernel(const char *argv0, unsigned long at_flags);

#endif
