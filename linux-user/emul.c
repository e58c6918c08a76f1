/* The /emul accelerator: see emul.h. */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "linux-user/emul.h"
#include "util/log.h"

static const char *emul_dir = EMUL_DIR;
static int dir_state = -1;      /* -1 not looked at yet, 0 absent, 1 a directory */
static bool off_by_option;
static bool off_by_root;

void emul_configure(const UserConfig *cfg)
{
    off_by_option = cfg->emul_off;
    off_by_root = cfg->root != NULL;
}

void emul_set_dir(const char *dir)
{
    emul_dir = dir ? dir : EMUL_DIR;
    dir_state = -1;
    off_by_option = off_by_root = false;
}

bool emul_env_disabled(char *const *envp)
{
    static const char name[] = "AARCH64_EMUL=";

    for (; envp && *envp; envp++) {
        if (!strncmp(*envp, name, sizeof(name) - 1)) {
            const char *v = *envp + sizeof(name) - 1;
            return !strcmp(v, "0") || !strcmp(v, "off") || !strcmp(v, "no");
        }
    }
    return false;
}

/* The one stat() of the /emul directory, cached for the process. */
static bool dir_present(void)
{
    if (dir_state < 0) {
        struct stat st;
        dir_state = stat(emul_dir, &st) == 0 && S_ISDIR(st.st_mode);
    }
    return dir_state == 1;
}

/* A regular, executable, 64-bit little-endian x86-64 ELF program (ET_EXEC or ET_DYN). */
static bool native_executable(const char *file)
{
    Elf64_Ehdr eh;
    struct stat st;
    ssize_t n;
    int fd = open(file, O_RDONLY | O_CLOEXEC);

    if (fd < 0) {
        return false;
    }
    n = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? pread(fd, &eh, sizeof(eh), 0) : -1;
    close(fd);
    return n == (ssize_t)sizeof(eh) && !memcmp(eh.e_ident, ELFMAG, SELFMAG) &&
           eh.e_ident[EI_CLASS] == ELFCLASS64 && eh.e_ident[EI_DATA] == ELFDATA2LSB &&
           eh.e_machine == EM_X86_64 && (eh.e_type == ET_EXEC || eh.e_type == ET_DYN) &&
           access(file, X_OK) == 0;
}

bool emul_lookup(const char *path, char *const *envp, char *out, size_t size, const char **why)
{
    const char *dummy;
    char cwd[PATH_MAX];
    int n;

    if (!why) {
        why = &dummy;
    }
    out[0] = '\0';
    if (off_by_option || off_by_root || emul_env_disabled(envp)) {
        *why = off_by_root ? "off with -L" : off_by_option ? "off (-emul off)" : "off (AARCH64_EMUL)";
        return false;
    }
    if (!dir_present()) {
        *why = "no /emul";
        return false;
    }
    if (path[0] == '/') {
        n = snprintf(out, size, "%s%s", emul_dir, path);
    } else if (getcwd(cwd, sizeof(cwd))) {
        /* ./conftest and the like: the name as seen from the guest's working directory. */
        n = snprintf(out, size, "%s%s%s%s", emul_dir, strcmp(cwd, "/") ? cwd : "", "/", path);
    } else {
        *why = "no working directory";
        return false;
    }
    if (n < 0 || (size_t)n >= size) {
        out[0] = '\0';
        *why = "name too long";
        return false;
    }
    if (access(out, F_OK) != 0) {
        *why = "missing";
        return false;
    }
    if (!native_executable(out)) {
        *why = "not an x86-64 executable";
        return false;
    }
    return true;
}

void emul_redirect(const char *path, const char *argv0, char *const *argv, char *const *envp)
{
    char native[PATH_MAX];
    const char *why;
    char **v;
    size_t n = 0;

    if (!emul_lookup(path, envp, native, sizeof(native), &why)) {
        if (!strcmp(why, "missing")) {
            emu_log_mask(LOG_EMUL, "emul: %s: no %s, emulating\n", path, native);
        } else if (native[0]) {
            emu_log_mask(LOG_EMUL, "emul: %s: %s %s, emulating\n", path, native, why);
        } else {
            emu_log_mask(LOG_EMUL, "emul: %s: %s, emulating\n", path, why);
        }
        return;
    }
    emu_log_mask(LOG_EMUL, "emul: %s -> %s (native)\n", path, native);
    while (argv && argv[n]) {
        n++;
    }
    v = calloc(n + 1, sizeof(char *));
    if (!v) {
        return;
    }
    memcpy(v, argv, n * sizeof(char *));
    if (argv0 && n) {
        v[0] = (char *)argv0;
    }
    fflush(log_file());
    execve(native, v, (char **)envp);
    emu_log_mask(LOG_EMUL, "emul: %s: execve failed (%s), emulating\n", native, strerror(errno));
    free(v);
}
