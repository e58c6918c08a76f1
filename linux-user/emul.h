/*
 * The /emul accelerator (issue #6): before a guest program PATH is loaded
 * (or re-executed under a new emulator for a guest execve), look for
 * /emul + PATH inside the current root; if it is an x86-64 ELF executable,
 * execve it natively with the guest's argv (argv[0] as the guest gave it),
 * environment and descriptors instead of emulating PATH.  The tree under
 * /emul is made by scripts/aarch64-emul-setup.
 *
 * Off with AARCH64_EMUL=0 in the program's environment, with `-emul off`
 * (carried over to emulators started for guest execve), and with -L: a
 * native program would see the host's files, not those under ROOT.
 *
 * Cost when /emul is absent: one stat() per emulator process (the answer
 * is cached; forked children inherit it).  `-d emul` logs each decision.
 */
#ifndef LINUX_USER_EMUL_H
#define LINUX_USER_EMUL_H

#include <stdbool.h>
#include <stddef.h>
#include "linux-user/options.h"

#define EMUL_DIR "/emul"

/* main calls this once the options are known (before emul_redirect). */
void emul_configure(const UserConfig *cfg);

/* Tests: use dir instead of /emul (NULL restores it) and forget the cached stat. */
void emul_set_dir(const char *dir);

/* Whether envp (NULL-terminated, may be NULL) holds AARCH64_EMUL=0 (or "off", "no"). */
bool emul_env_disabled(char *const *envp);

/*
 * The decision, without executing anything: true when the replacement for
 * path exists and is an x86-64 ELF executable; its name goes to out.  When
 * false, *why (if given) says why in a few words, for the log.
 */
bool emul_lookup(const char *path, char *const *envp, char *out, size_t size, const char **why);

/*
 * The hook: when emul_lookup says yes, execve the replacement with argv
 * (argv[0] replaced by argv0 when argv0 is not NULL) and envp; returns only
 * when the program is to be emulated (no replacement, disabled, or the
 * native execve failed, which is logged).
 */
void emul_redirect(const char *path, const char *argv0, char *const *argv, char *const *envp);

#endif
