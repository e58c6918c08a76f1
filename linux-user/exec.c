/* Guest execve/execveat: see exec.h. */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "accel/user-mem.h"
#include "linux-user/emul.h"
#include "linux-user/exec.h"
#include "linux-user/path.h"
#include "linux-user/syscall-defs.h"
#include "util/log.h"

/* Linux's limits: MAX_ARG_STRINGS (0x7fffffff) is far beyond what fits; keep our arrays sane. */
#define EXEC_MAX_STRINGS (1 << 20)
#define EXEC_MAX_STRLEN (32 * 4096)   /* MAX_ARG_STRLEN */
#define EXEC_MAX_DEPTH 4              /* scripts naming scripts, like the kernel's limit */

ExecKind exec_classify(const uint8_t *buf, size_t len)
{
    if (len >= 2 && buf[0] == '#' && buf[1] == '!') {
        return EXEC_SCRIPT;
    }
    if (len < SELFMAG || memcmp(buf, ELFMAG, SELFMAG) != 0) {
        return EXEC_UNKNOWN;
    }
    /* e_ident, then e_type (16..17) and e_machine (18..19), little-endian for ours. */
    if (len >= 20 && buf[EI_CLASS] == ELFCLASS64 && buf[EI_DATA] == ELFDATA2LSB &&
        buf[18] == (EM_AARCH64 & 0xff) && buf[19] == (EM_AARCH64 >> 8)) {
        return EXEC_AARCH64;
    }
    return EXEC_HOST_ELF;
}

static bool spacetab(char c)
{
    return c == ' ' || c == '\t';
}

static bool terminator(char c)
{
    return c == ' ' || c == '\t' || c == '\0';
}

int exec_parse_shebang(const char *buf, size_t len, char out[EXEC_HEADER_SIZE + 1],
                       const char **interp, const char **arg)
{
    char *end, *nl, *name, *sep;

    if (len > EXEC_HEADER_SIZE) {
        len = EXEC_HEADER_SIZE;
    }
    if (len < 2 || buf[0] != '#' || buf[1] != '!') {
        return -ENOEXEC;
    }
    memcpy(out, buf, len);
    out[len] = '\0';
    /* The kernel keeps the last byte of its 256 for a NUL. */
    end = out + (len < EXEC_HEADER_SIZE ? len : EXEC_HEADER_SIZE - 1);
    nl = memchr(out, '\n', (size_t)(end - out));
    if (nl) {
        end = nl;
    } else {
        /* No newline: the line runs to the end of what was read. */
        char *p = out + 2;
        while (p < end && spacetab(*p)) {
            p++;
        }
        if (p == end) {
            return -ENOEXEC;
        }
        /* An interpreter name reaching the end may have been cut: refuse it. */
        while (p < end && !terminator(*p)) {
            p++;
        }
        if (p == end && len >= EXEC_HEADER_SIZE - 1) {
            return -ENOEXEC;
        }
    }
    while (end > out + 2 && spacetab(end[-1])) {
        end--;
    }
    *end = '\0';
    name = out + 2;
    while (name < end && spacetab(*name)) {
        name++;
    }
    if (name == end) {
        return -ENOEXEC;
    }
    sep = name;
    while (sep < end && !terminator(*sep)) {
        sep++;
    }
    *arg = NULL;
    if (sep < end && *sep != '\0') {
        char *a = sep;
        while (a < end && spacetab(*a)) {
            a++;
        }
        if (a < end) {
            *arg = a;
        }
    }
    *sep = '\0';
    *interp = name;
    return 0;
}

/* --- What carries over to a new emulator --- */

static int self_fd = -1;
static char self_path[PATH_MAX];
static char *carry[16];
static int ncarry;

static void carry_add(const char *s)
{
    if (ncarry < (int)(sizeof(carry) / sizeof(carry[0]))) {
        carry[ncarry++] = strdup(s);
    }
}

/* Is fd open on a host ELF file (this emulator, not a guest program)? */
static bool fd_is_host_elf(int fd)
{
    uint8_t head[EXEC_HEADER_SIZE];
    ssize_t n = pread(fd, head, sizeof(head), 0);

    return n > 0 && exec_classify(head, (size_t)n) == EXEC_HOST_ELF;
}

/*
 * A parent emulator runs us by execveat on its own descriptor, left open
 * across the exec for that (run_emulator): the kernel then names us
 * "/dev/fd/N" in AT_EXECFN.  Take that descriptor over, so the exec chain
 * needs no /proc.  Under binfmt_misc AT_EXECFN names the guest program,
 * which is never a host ELF.
 */
static void adopt_inherited_self(void)
{
    const char *fn = (const char *)getauxval(AT_EXECFN);
    char *end;
    long fd;

    if (!fn || strncmp(fn, "/dev/fd/", 8) != 0) {
        return;
    }
    fd = strtol(fn + 8, &end, 10);
    if (*end || end == fn + 8 || fd < 3 || fd > INT_MAX || fcntl((int)fd, F_GETFD) < 0 ||
        !fd_is_host_elf((int)fd)) {
        return;
    }
    fcntl((int)fd, F_SETFD, FD_CLOEXEC);
    self_fd = (int)fd;
}

/*
 * Without /proc (a chroot before its second stage mounts it, as
 * debootstrap's is) the emulator finds itself by the name it was executed
 * as, AT_EXECFN.  Under binfmt_misc that name is the guest program's, so
 * the file is only taken if it is a host ELF, which a guest program is not.
 */
static void open_self_by_execfn(void)
{
    const char *fn = (const char *)getauxval(AT_EXECFN);
    char *abs;
    int fd;

    if (!fn || !fn[0]) {
        return;
    }
    fd = open(fn, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return;
    }
    if (!fd_is_host_elf(fd)) {
        close(fd);
        return;
    }
    self_fd = fd;
    abs = realpath(fn, NULL);
    snprintf(self_path, sizeof(self_path), "%s", abs ? abs : fn);
    free(abs);
}

void exec_configure(const UserConfig *cfg)
{
    ssize_t n;

    /* Opened now: inside a chroot the emulator's own path may not exist any more. */
    if (self_fd < 0) {
        adopt_inherited_self();
    }
    if (self_fd < 0) {
        self_fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
    }
    if (!self_path[0]) {
        n = readlink("/proc/self/exe", self_path, sizeof(self_path) - 1);
        self_path[n > 0 ? n : 0] = '\0';
    }
    if (self_fd < 0) {
        open_self_by_execfn();
    }
    for (int i = 0; i < ncarry; i++) {
        free(carry[i]);
    }
    ncarry = 0;
    if (cfg->root) {
        char *abs = realpath(cfg->root, NULL);
        carry_add("-L");
        carry_add(abs ? abs : cfg->root);
        free(abs);
    }
    carry_add("-cpu");
    if (cfg->cpu_props) {
        char buf[320];
        snprintf(buf, sizeof(buf), "%s,%s", user_cpu_model_name(cfg->cpu), cfg->cpu_props);
        carry_add(buf);
    } else {
        carry_add(user_cpu_model_name(cfg->cpu));
    }
    if (cfg->log_spec) {
        carry_add("-d");
        carry_add(cfg->log_spec);
    }
    if (cfg->dfilter) {
        carry_add("-dfilter");
        carry_add(cfg->dfilter);
    }
    if (cfg->log_path) {
        /* The new emulator adds to the log instead of truncating what this one wrote. */
        char *abs = realpath(cfg->log_path, NULL);
        carry_add("-Dappend");
        carry_add(abs ? abs : cfg->log_path);
        free(abs);
    }
    if (cfg->strace) {
        carry_add("-strace");
    }
    if (cfg->emul_off) {
        carry_add("-emul");
        carry_add("off");
    }
    if (cfg->use_interpreter) {
        carry_add("-accel");
        carry_add("tcg,backend=interp");
    }
}

int exec_carry_options(char ***out)
{
    *out = carry;
    return ncarry;
}

char **exec_emulator_argv(const char *self, char *const *carry_opts, int n, const char *argv0,
                          const char *path, char *const *args, int nargs)
{
    char **v = calloc((size_t)n + (size_t)nargs + 5, sizeof(char *));
    int k = 0;

    if (!v) {
        return NULL;
    }
    v[k++] = (char *)self;
    for (int i = 0; i < n; i++) {
        v[k++] = carry_opts[i];
    }
    v[k++] = (char *)"-0";
    v[k++] = (char *)argv0;
    v[k++] = (char *)path;
    for (int i = 0; i < nargs; i++) {
        v[k++] = args[i];
    }
    v[k] = NULL;
    return v;
}

/* --- The system call --- */

/* A guest array of string pointers (argv, envp) as host pointers; NULL array means empty. */
static int read_string_array(uint64_t addr, char ***out, int *count)
{
    size_t n = 0, cap = 16;
    char **v = malloc(cap * sizeof(char *));

    if (!v) {
        return -ENOMEM;
    }
    while (addr) {
        uint64_t p;
        const char *s;
        int r;
        if (copy_from_guest(&p, addr + n * 8, 8) < 0) {
            free(v);
            return -EFAULT;
        }
        if (!p) {
            break;
        }
        if (n + 1 >= EXEC_MAX_STRINGS) {
            free(v);
            return -E2BIG;
        }
        r = guest_string(p, EXEC_MAX_STRLEN, &s);
        if (r < 0) {
            free(v);
            return r == -ENAMETOOLONG ? -E2BIG : r;
        }
        if (n + 2 > cap) {
            char **nv = realloc(v, cap * 2 * sizeof(char *));
            if (!nv) {
                free(v);
                return -ENOMEM;
            }
            v = nv;
            cap *= 2;
        }
        v[n++] = (char *)s;
    }
    v[n] = NULL;
    *out = v;
    *count = (int)n;
    return 0;
}

/* Open host path for exec: the kernel's checks (exists, regular, executable) and the first bytes. */
static int read_header(const char *host, uint8_t *buf, size_t *len)
{
    struct stat st;
    ssize_t n;
    int fd = open(host, O_RDONLY | O_CLOEXEC);

    if (fd < 0) {
        return -errno;
    }
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return -EACCES;
    }
    if (access(host, X_OK) < 0) {
        int e = errno;
        close(fd);
        return -e;
    }
    n = pread(fd, buf, EXEC_HEADER_SIZE, 0);
    close(fd);
    if (n < 0) {
        return -EIO;
    }
    *len = (size_t)n;
    return 0;
}

static int64_t run_emulator(const char *argv0, const char *host, char **args, int nargs,
                            char **envp)
{
    char **v = exec_emulator_argv(self_path[0] ? self_path : "aarch64-user", carry, ncarry, argv0,
                                  host, args, nargs);

    int e;

    if (!v) {
        return -ENOMEM;
    }
    fflush(log_file());
    if (self_fd >= 0) {
        /* Left open across the exec: the new emulator adopts it (adopt_inherited_self). */
        fcntl(self_fd, F_SETFD, 0);
        syscall(SYS_execveat, self_fd, "", v, envp, AT_EMPTY_PATH);
        e = errno;
        fcntl(self_fd, F_SETFD, FD_CLOEXEC);
    } else if (self_path[0]) {
        execve(self_path, v, envp);
        e = errno;
    } else {
        /*
         * We cannot name our own binary (no /proc, and the kernel started us
         * through binfmt_misc, so AT_EXECFN is the guest program): let the
         * kernel run the AArch64 program, which binfmt_misc hands back to
         * the registered interpreter.
         */
        char **direct = malloc((size_t)(nargs + 2) * sizeof(char *));
        if (!direct) {
            free(v);
            return -ENOMEM;
        }
        direct[0] = (char *)argv0;
        for (int i = 0; i < nargs; i++) {
            direct[i + 1] = args[i];
        }
        direct[nargs + 1] = NULL;
        execve(host, direct, envp);
        e = errno;
        free(direct);
    }
    free(v);
    return -e;
}

int64_t exec_guest(int dirfd, uint64_t path_addr, uint64_t argv_addr, uint64_t envp_addr, int flags)
{
    char pathbuf[PATH_MAX], hostbuf[PATH_MAX], shebang[EXEC_HEADER_SIZE + 1];
    /* Strings made for script interpreters; later argv arrays point into earlier ones. */
    char *owned[3 * (EXEC_MAX_DEPTH + 1)];
    int nowned = 0;
    const char *gpath, *host;
    char **argv = NULL, **envp = NULL, **cur = NULL;
    int argc = 0, envc = 0, curc, depth;
    int64_t r;

    if (flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW)) {
        return -EINVAL;
    }
    r = guest_string(path_addr, PATH_MAX - 1, &gpath);
    if (r < 0) {
        return r;
    }
    if ((r = read_string_array(argv_addr, &argv, &argc)) < 0) {
        return r;
    }
    if ((r = read_string_array(envp_addr, &envp, &envc)) < 0) {
        free(argv);
        return r;
    }
    /* The name the program is known by (what a script's interpreter is given). */
    if (gpath[0] == '\0' && (flags & AT_EMPTY_PATH)) {
        snprintf(pathbuf, sizeof(pathbuf), "/dev/fd/%d", dirfd);
        snprintf(hostbuf, sizeof(hostbuf), "/proc/self/fd/%d", dirfd);
        host = hostbuf;
    } else if (gpath[0] == '\0') {
        r = -ENOENT;
        goto out;
    } else if (gpath[0] != '/' && dirfd != AT_FDCWD) {
        snprintf(pathbuf, sizeof(pathbuf), "/dev/fd/%d/%s", dirfd, gpath);
        snprintf(hostbuf, sizeof(hostbuf), "/proc/self/fd/%d/%s", dirfd, gpath);
        host = hostbuf;
    } else if (is_proc_self_exe(gpath)) {
        /* The guest's /proc/self/exe is the guest program, not the emulator. */
        snprintf(pathbuf, sizeof(pathbuf), "%s", syscall_exe_path());
        host = pathbuf;
    } else {
        snprintf(pathbuf, sizeof(pathbuf), "%s", gpath);
        host = path_translate(gpath, hostbuf, sizeof(hostbuf));
    }
    cur = argv;
    curc = argc;
    for (depth = 0;; depth++) {
        uint8_t head[EXEC_HEADER_SIZE];
        size_t len = 0;
        const char *interp, *arg;
        char **nv, *interp_copy, *arg_copy, *name_copy;
        int k;

        r = read_header(host, head, &len);
        if (r < 0) {
            goto out;
        }
        switch (exec_classify(head, len)) {
        case EXEC_AARCH64:
            /* A native replacement under /emul runs instead, if there is one (issue #6). */
            emul_redirect(pathbuf, NULL, cur, envp);
            /* argv[0] as the guest gave it; an empty argv gets the path, as the kernel allows. */
            r = run_emulator(curc ? cur[0] : pathbuf, host, curc ? cur + 1 : NULL,
                             curc ? curc - 1 : 0, envp);
            goto out;
        case EXEC_HOST_ELF:
            fflush(log_file());
            execve(host, cur, envp);
            r = -errno;
            goto out;
        case EXEC_UNKNOWN:
            r = -ENOEXEC;
            goto out;
        case EXEC_SCRIPT:
            break;
        }
        if (depth == EXEC_MAX_DEPTH) {
            r = -ELOOP;
            goto out;
        }
        r = exec_parse_shebang((const char *)head, len, shebang, &interp, &arg);
        if (r < 0) {
            goto out;
        }
        /* [interp, arg?, script path, original argv[1..]] (the script's argv[0] is dropped). */
        nv = calloc((size_t)curc + 4, sizeof(char *));
        interp_copy = owned[nowned++] = strdup(interp);
        arg_copy = owned[nowned++] = arg ? strdup(arg) : NULL;
        name_copy = owned[nowned++] = strdup(pathbuf);
        if (!nv || !interp_copy || (arg && !arg_copy) || !name_copy) {
            free(nv);
            r = -ENOMEM;
            goto out;
        }
        k = 0;
        nv[k++] = interp_copy;
        if (arg_copy) {
            nv[k++] = arg_copy;
        }
        nv[k++] = name_copy;
        for (int i = 1; i < curc; i++) {
            nv[k++] = cur[i];
        }
        nv[k] = NULL;
        if (cur != argv) {
            free(cur);
        }
        cur = nv;
        curc = k;
        snprintf(pathbuf, sizeof(pathbuf), "%s", interp_copy);
        host = path_translate(interp_copy, hostbuf, sizeof(hostbuf));
    }
out:
    if (cur != argv) {
        free(cur);
    }
    free(argv);
    free(envp);
    while (nowned) {
        free(owned[--nowned]);
    }
    return r;
}
