/* Arm semihosting (HLT #0xF000): see semihosting.h. */
#include "target-arm/semihosting.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "accel/exec.h"
#include "target-arm/helpers-sys.h"
#include "target-arm/tlb-fill.h"
#include "util/log.h"

#define SH_MAX_FILES 64
#define SH_MAX_NAME 4096
#define SH_TICK_HZ 1000000   /* SYS_ELAPSED counts microseconds */

/* A guest handle: 0 is never given out (the specification reserves it). */
typedef enum { SHF_FREE, SHF_HOST, SHF_TT_IN, SHF_TT_OUT } ShFileKind;
typedef struct { ShFileKind kind; int fd; } ShFile;

/* One lock for the whole state: calls are rare and may come from any vCPU. */
static pthread_mutex_t sh_lock = PTHREAD_MUTEX_INITIALIZER;
static bool sh_on;
static SemihostConfig sh_cfg;
static char *sh_cmdline;
static ShFile sh_files[SH_MAX_FILES];
static int sh_errno;
static struct timespec sh_start;

void semihosting_configure(const SemihostConfig *cfg)
{
    pthread_mutex_lock(&sh_lock);
    for (unsigned i = 0; i < SH_MAX_FILES; i++) {
        if (sh_files[i].kind == SHF_HOST) {
            close(sh_files[i].fd);
        }
        sh_files[i].kind = SHF_FREE;
    }
    free(sh_cmdline);
    sh_cmdline = NULL;
    sh_on = cfg != NULL;
    if (cfg) {
        sh_cfg = *cfg;
        sh_cmdline = strdup(cfg->cmdline ? cfg->cmdline : "");
        clock_gettime(CLOCK_MONOTONIC, &sh_start);
    }
    sh_errno = 0;
    pthread_mutex_unlock(&sh_lock);
}

bool semihosting_enabled(void)
{
    return sh_on;
}

/* --- guest memory through the current translation --- */

static bool guest_access(CPUARMState *env, uint64_t va, void *buf, size_t len, bool write)
{
    uint8_t *p = buf;

    while (len) {
        uint64_t pa;
        unsigned prot, bits;
        size_t chunk;
        uint8_t *host;

        if (!arm_tlb_fill(env, va, write ? EXEC_ACCESS_WRITE : EXEC_ACCESS_READ,
                          arm_current_mmu_idx(env), true, &pa, &prot, &bits)) {
            return false;
        }
        chunk = ((uint64_t)1 << bits) - (va & (((uint64_t)1 << bits) - 1));
        if (chunk > len) {
            chunk = len;
        }
        host = sh_cfg.phys_host(sh_cfg.opaque, pa, chunk, write);
        if (!host) {
            return false;
        }
        if (write) {
            memcpy(host, p, chunk);
        } else {
            memcpy(p, host, chunk);
        }
        va += chunk;
        p += chunk;
        len -= chunk;
    }
    return true;
}

static bool get_u64(CPUARMState *env, uint64_t va, uint64_t *v)
{
    return guest_access(env, va, v, 8, false);
}

static bool put_u64(CPUARMState *env, uint64_t va, uint64_t v)
{
    return guest_access(env, va, &v, 8, true);
}

/* The n 64-bit fields of the parameter block at X1. */
static bool get_args(CPUARMState *env, uint64_t *a, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        if (!get_u64(env, env->xregs[1] + 8 * i, &a[i])) {
            return false;
        }
    }
    return true;
}

/* A guest string of known length as a NUL-terminated host copy (free it). */
static char *get_name(CPUARMState *env, uint64_t va, uint64_t len)
{
    char *s;

    if (len >= SH_MAX_NAME || !(s = malloc(len + 1))) {
        return NULL;
    }
    if (!guest_access(env, va, s, len, false)) {
        free(s);
        return NULL;
    }
    s[len] = '\0';
    return s;
}

static void console_out(const void *buf, size_t len)
{
    if (sh_cfg.console_write) {
        sh_cfg.console_write(sh_cfg.opaque, buf, len);
    } else if (write(STDOUT_FILENO, buf, len) < 0) {
        /* nowhere to report it */
    }
}

/* --- file handles --- */

static int64_t new_handle(ShFileKind kind, int fd)
{
    for (unsigned i = 1; i < SH_MAX_FILES; i++) {
        if (sh_files[i].kind == SHF_FREE) {
            sh_files[i].kind = kind;
            sh_files[i].fd = fd;
            return i;
        }
    }
    sh_errno = EMFILE;
    return -1;
}

static ShFile *find_handle(uint64_t h)
{
    if (h == 0 || h >= SH_MAX_FILES || sh_files[h].kind == SHF_FREE) {
        sh_errno = EBADF;
        return NULL;
    }
    return &sh_files[h];
}

/* SYS_OPEN modes 0..11 are fopen's r rb r+ r+b w wb w+ w+b a ab a+ a+b. */
static int64_t sys_open(CPUARMState *env, const uint64_t *a)
{
    static const int flags[12] = {
        O_RDONLY, O_RDONLY, O_RDWR, O_RDWR,
        O_WRONLY | O_CREAT | O_TRUNC, O_WRONLY | O_CREAT | O_TRUNC,
        O_RDWR | O_CREAT | O_TRUNC, O_RDWR | O_CREAT | O_TRUNC,
        O_WRONLY | O_CREAT | O_APPEND, O_WRONLY | O_CREAT | O_APPEND,
        O_RDWR | O_CREAT | O_APPEND, O_RDWR | O_CREAT | O_APPEND,
    };
    char *name;
    int fd;
    int64_t h;

    if (a[1] > 11) {
        sh_errno = EINVAL;
        return -1;
    }
    if (!(name = get_name(env, a[0], a[2]))) {
        sh_errno = EFAULT;
        return -1;
    }
    if (!strcmp(name, ":tt")) {
        /* The console: read modes are stdin, write modes stdout (and append, stderr). */
        free(name);
        return new_handle(a[1] < 4 ? SHF_TT_IN : SHF_TT_OUT, -1);
    }
    fd = open(name, flags[a[1]] | O_CLOEXEC, 0644);
    free(name);
    if (fd < 0) {
        sh_errno = errno;
        return -1;
    }
    h = new_handle(SHF_HOST, fd);
    if (h < 0) {
        close(fd);
    }
    return h;
}

/* SYS_WRITE/SYS_READ return the number of bytes NOT transferred. */
static int64_t sys_rw(CPUARMState *env, const uint64_t *a, bool is_write)
{
    ShFile *f = find_handle(a[0]);
    uint64_t done = 0, len = a[2];
    uint8_t buf[4096];

    if (!f) {
        return -1;
    }
    while (done < len) {
        size_t chunk = len - done < sizeof(buf) ? len - done : sizeof(buf);
        ssize_t n;

        if (is_write) {
            if (!guest_access(env, a[1] + done, buf, chunk, false)) {
                sh_errno = EFAULT;
                break;
            }
            if (f->kind == SHF_TT_OUT || f->kind == SHF_TT_IN) {
                console_out(buf, chunk);
                n = (ssize_t)chunk;
            } else {
                n = write(f->fd, buf, chunk);
            }
        } else {
            n = read(f->kind == SHF_HOST ? f->fd : STDIN_FILENO, buf, chunk);
            if (n > 0 && !guest_access(env, a[1] + done, buf, (size_t)n, true)) {
                sh_errno = EFAULT;
                break;
            }
        }
        if (n < 0) {
            sh_errno = errno;
            break;
        }
        done += (uint64_t)n;
        if (n == 0 || (!is_write && f->kind != SHF_HOST)) {
            break;   /* end of file, or a console read returns what there is */
        }
    }
    return (int64_t)(len - done);
}

static int64_t sys_flen(uint64_t h)
{
    ShFile *f = find_handle(h);
    struct stat st;

    if (!f) {
        return -1;
    }
    if (f->kind != SHF_HOST || fstat(f->fd, &st) < 0) {
        sh_errno = f->kind != SHF_HOST ? EINVAL : errno;
        return -1;
    }
    return st.st_size;
}

static uint64_t elapsed_us(void)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint64_t)(now.tv_sec - sh_start.tv_sec) * 1000000u +
           (uint64_t)((now.tv_nsec - sh_start.tv_nsec) / 1000);
}

/* SYS_EXIT (AArch64: block {reason, subcode}) and SYS_EXIT_EXTENDED. */
static int sys_exit(CPUARMState *env)
{
    uint64_t a[2];
    int status;

    if (!get_args(env, a, 2)) {
        status = 1;
    } else if (a[0] == SH_ADP_STOPPED_APPLICATION_EXIT) {
        status = (int)(a[1] & 0xff);
    } else {
        status = 1;   /* any other stop reason (RunTimeError, ...) is a failure */
    }
    if (sh_cfg.exit) {
        sh_cfg.exit(sh_cfg.opaque, status);
    }
    return ARM_PSCI_HALT;
}

static int64_t do_call(CPUARMState *env, uint32_t op, int *action)
{
    uint64_t a[4];
    char *s1, *s2;
    int64_t r;

    switch (op) {
    case SH_SYS_OPEN:
        return get_args(env, a, 3) ? sys_open(env, a) : -1;
    case SH_SYS_CLOSE: {
        ShFile *f;
        if (!get_args(env, a, 1) || !(f = find_handle(a[0]))) {
            return -1;
        }
        r = f->kind == SHF_HOST ? close(f->fd) : 0;
        if (r < 0) {
            sh_errno = errno;
        }
        f->kind = SHF_FREE;
        return r;
    }
    case SH_SYS_WRITEC: {
        uint8_t c;
        if (guest_access(env, env->xregs[1], &c, 1, false)) {
            console_out(&c, 1);
        }
        return (int64_t)env->xregs[0];   /* X0 is corrupted: leave it */
    }
    case SH_SYS_WRITE0: {
        char buf[256];
        size_t n = 0;
        uint64_t va = env->xregs[1];
        for (;;) {
            if (!guest_access(env, va++, &buf[n], 1, false) || !buf[n]) {
                break;
            }
            if (++n == sizeof(buf)) {
                console_out(buf, n);
                n = 0;
            }
        }
        if (n) {
            console_out(buf, n);
        }
        return (int64_t)env->xregs[0];
    }
    case SH_SYS_WRITE:
    case SH_SYS_READ:
        return get_args(env, a, 3) ? sys_rw(env, a, op == SH_SYS_WRITE) : -1;
    case SH_SYS_READC: {
        uint8_t c;
        return read(STDIN_FILENO, &c, 1) == 1 ? c : -1;
    }
    case SH_SYS_ISERROR:
        return get_args(env, a, 1) ? (int64_t)a[0] < 0 : -1;
    case SH_SYS_ISTTY: {
        ShFile *f;
        if (!get_args(env, a, 1) || !(f = find_handle(a[0]))) {
            return -1;
        }
        if (f->kind != SHF_HOST) {
            return 1;
        }
        r = isatty(f->fd);
        sh_errno = r ? 0 : errno;
        return r;
    }
    case SH_SYS_SEEK: {
        ShFile *f;
        if (!get_args(env, a, 2) || !(f = find_handle(a[0]))) {
            return -1;
        }
        if (f->kind != SHF_HOST || lseek(f->fd, (off_t)a[1], SEEK_SET) < 0) {
            sh_errno = f->kind != SHF_HOST ? ESPIPE : errno;
            return -1;
        }
        return 0;
    }
    case SH_SYS_FLEN:
        return get_args(env, a, 1) ? sys_flen(a[0]) : -1;
    case SH_SYS_TMPNAM: {
        /* {buffer, id 0..255, buffer length}: a name in the host's temporary directory. */
        char name[64];
        int n;
        if (!get_args(env, a, 3) || a[1] > 255) {
            return -1;
        }
        n = snprintf(name, sizeof(name), "/tmp/aarch64-semihost-%d-%03u", (int)getpid(),
                     (unsigned)a[1]);
        if ((uint64_t)n + 1 > a[2] || !guest_access(env, a[0], name, (size_t)n + 1, true)) {
            return -1;
        }
        return 0;
    }
    case SH_SYS_REMOVE:
        if (!get_args(env, a, 2) || !(s1 = get_name(env, a[0], a[1]))) {
            return -1;
        }
        r = unlink(s1) < 0 ? (sh_errno = errno) : 0;
        free(s1);
        return r;
    case SH_SYS_RENAME:
        if (!get_args(env, a, 4) || !(s1 = get_name(env, a[0], a[1]))) {
            return -1;
        }
        if (!(s2 = get_name(env, a[2], a[3]))) {
            free(s1);
            return -1;
        }
        r = rename(s1, s2) < 0 ? (sh_errno = errno) : 0;
        free(s1);
        free(s2);
        return r;
    case SH_SYS_CLOCK:
        return (int64_t)(elapsed_us() / 10000);   /* centiseconds */
    case SH_SYS_TIME:
        return (int64_t)time(NULL);
    case SH_SYS_SYSTEM:
        /* Running host commands for the guest is refused. */
        sh_errno = EPERM;
        return -1;
    case SH_SYS_ERRNO:
        return sh_errno;
    case SH_SYS_GET_CMDLINE: {
        /* {buffer, length}: the command line, NUL-terminated; length is updated. */
        size_t n = strlen(sh_cmdline);
        if (!get_args(env, a, 2) || n + 1 > a[1] ||
            !guest_access(env, a[0], sh_cmdline, n + 1, true) ||
            !put_u64(env, env->xregs[1] + 8, n)) {
            return -1;
        }
        return 0;
    }
    case SH_SYS_HEAPINFO: {
        /* X1 points to a pointer to {heap base, heap limit, stack base, stack limit}. */
        uint64_t blk;
        if (!get_u64(env, env->xregs[1], &blk) || !put_u64(env, blk, sh_cfg.heap_base) ||
            !put_u64(env, blk + 8, sh_cfg.heap_limit) || !put_u64(env, blk + 16, sh_cfg.stack_base) ||
            !put_u64(env, blk + 24, sh_cfg.stack_limit)) {
            return -1;
        }
        return 0;
    }
    case SH_SYS_EXIT:
    case SH_SYS_EXIT_EXTENDED:
        *action = sys_exit(env);
        return 0;
    case SH_SYS_ELAPSED:
        /* AArch64: one 64-bit tick count at X1. */
        return put_u64(env, env->xregs[1], elapsed_us()) ? 0 : -1;
    case SH_SYS_TICKFREQ:
        return SH_TICK_HZ;
    default:
        emu_log_mask(LOG_UNIMP, "semihosting: unsupported operation 0x%x\n", op);
        sh_errno = ENOSYS;
        return -1;
    }
}

int arm_semihosting_call(CPUARMState *env)
{
    int action = ARM_PSCI_DONE;
    int64_t r;

    pthread_mutex_lock(&sh_lock);
    r = do_call(env, (uint32_t)env->xregs[0], &action);
    pthread_mutex_unlock(&sh_lock);
    env->xregs[0] = (uint64_t)r;
    return action;
}

uint64_t helper_semihost(uint64_t envp)
{
    return (uint64_t)arm_semihosting_call((CPUARMState *)(uintptr_t)envp);
}
