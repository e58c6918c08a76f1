/*
 * Process, identity and limit calls.  The structures involved (rusage,
 * rlimit64, tms, sysinfo, utsname, siginfo for waitid) have the same
 * LP64 layout on aarch64 and x86-64, and signal numbers are the same
 * (both use asm-generic/signal.h), so most of these pass through.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>
#include "accel/user-mem.h"
#include "linux-user/exec.h"
#include "linux-user/syscall-defs.h"
#include "linux-user/syscall.h"
#include "util/log.h"

/* set_robust_list: recorded for the thread code (futex cleanup at exit). */
static __thread uint64_t robust_list_head, robust_list_len;

static int64_t sys_exit(const uint64_t *a)
{
    /* The cpu loop ends the process (threads come later). */
    syscall_state.exit_requested = 1;
    syscall_state.exit_status = (int)(a[0] & 0xff);
    return 0;
}

static int64_t sys_set_tid_address(const uint64_t *a)
{
    /* clear_child_tid matters once guest threads exist; a single thread only needs its tid. */
    return syscall(SYS_gettid);
}

static int64_t sys_set_robust_list(const uint64_t *a)
{
    if (a[1] != 24) {   /* sizeof(struct robust_list_head) on LP64 */
        return -EINVAL;
    }
    robust_list_head = a[0];
    robust_list_len = a[1];
    return 0;
}

static int64_t sys_get_robust_list(const uint64_t *a)
{
    if (a[0] != 0) {
        return -EPERM;   /* other threads' lists are not ours to show */
    }
    if (copy_to_guest(a[1], &robust_list_head, 8) < 0 || copy_to_guest(a[2], &robust_list_len, 8) < 0) {
        return -EFAULT;
    }
    return 0;
}

static int64_t sys_enosys(const uint64_t *a)
{
    return -ENOSYS;
}

static int64_t sys_gettid(const uint64_t *a)
{
    return syscall(SYS_gettid);
}

static int64_t sys_getpid(const uint64_t *a)
{
    return getpid();
}

static int64_t sys_getppid(const uint64_t *a)
{
    return getppid();
}

static int64_t sys_getuid(const uint64_t *a)
{
    return getuid();
}

static int64_t sys_geteuid(const uint64_t *a)
{
    return geteuid();
}

static int64_t sys_getgid(const uint64_t *a)
{
    return getgid();
}

static int64_t sys_getegid(const uint64_t *a)
{
    return getegid();
}

/* The raw syscalls: glibc's set*id wrappers would broadcast to all our threads. */
static int64_t sys_setuid(const uint64_t *a)
{
    return host_ret(syscall(SYS_setuid, (uid_t)a[0]));
}

static int64_t sys_setgid(const uint64_t *a)
{
    return host_ret(syscall(SYS_setgid, (gid_t)a[0]));
}

static int64_t sys_setreuid(const uint64_t *a)
{
    return host_ret(syscall(SYS_setreuid, (uid_t)a[0], (uid_t)a[1]));
}

static int64_t sys_setregid(const uint64_t *a)
{
    return host_ret(syscall(SYS_setregid, (gid_t)a[0], (gid_t)a[1]));
}

static int64_t sys_setresuid(const uint64_t *a)
{
    return host_ret(syscall(SYS_setresuid, (uid_t)a[0], (uid_t)a[1], (uid_t)a[2]));
}

static int64_t sys_setresgid(const uint64_t *a)
{
    return host_ret(syscall(SYS_setresgid, (gid_t)a[0], (gid_t)a[1], (gid_t)a[2]));
}

static int64_t get_res_ids(const uint64_t *a, bool gid)
{
    unsigned ids[3];
    int64_t r = gid ? host_ret(getresgid(&ids[0], &ids[1], &ids[2]))
                    : host_ret(getresuid(&ids[0], &ids[1], &ids[2]));

    if (r < 0) {
        return r;
    }
    for (int i = 0; i < 3; i++) {
        if (copy_to_guest(a[i], &ids[i], 4) < 0) {
            return -EFAULT;
        }
    }
    return 0;
}

static int64_t sys_getresuid(const uint64_t *a)
{
    return get_res_ids(a, false);
}

static int64_t sys_getresgid(const uint64_t *a)
{
    return get_res_ids(a, true);
}

static int64_t sys_getgroups(const uint64_t *a)
{
    int n = (int)a[0];
    void *p;

    if (n < 0) {
        return -EINVAL;
    }
    p = guest_ptr(a[1], (uint64_t)n * 4, PAGE_WRITE);   /* gid_t is 32 bits on both */
    return p ? host_ret(getgroups(n, p)) : -EFAULT;
}

static int64_t sys_setgroups(const uint64_t *a)
{
    void *p;

    if (a[0] > 65536) {   /* NGROUPS_MAX */
        return -EINVAL;
    }
    p = guest_ptr(a[1], a[0] * 4, PAGE_READ);
    return p ? host_ret(syscall(SYS_setgroups, (size_t)a[0], p)) : -EFAULT;
}

static int64_t sys_setpgid(const uint64_t *a)
{
    return host_ret(setpgid((pid_t)a[0], (pid_t)a[1]));
}

static int64_t sys_getpgid(const uint64_t *a)
{
    return host_ret(getpgid((pid_t)a[0]));
}

static int64_t sys_getsid(const uint64_t *a)
{
    return host_ret(getsid((pid_t)a[0]));
}

static int64_t sys_setsid(const uint64_t *a)
{
    return host_ret(setsid());
}

static int64_t sys_getpriority(const uint64_t *a)
{
    /* The raw call returns 20 - nice, never negative; glibc's wrapper undoes that. */
    return host_ret(syscall(SYS_getpriority, (int)a[0], (id_t)a[1]));
}

static int64_t sys_setpriority(const uint64_t *a)
{
    return host_ret(setpriority((int)a[0], (id_t)a[1], (int)a[2]));
}

/*
 * Limits that would constrain the emulator rather than the guest (its
 * reserved address space, its own heap and stack) are accepted for our
 * own process without being applied, as QEMU does.
 */
static bool limit_is_emulators(int resource)
{
    return resource == RLIMIT_AS || resource == RLIMIT_DATA || resource == RLIMIT_STACK;
}

static int64_t sys_prlimit64(const uint64_t *a)
{
    pid_t pid = (pid_t)a[0];
    int resource = (int)a[1];
    struct rlimit new_lim, old_lim;
    int64_t r;

    /* struct rlimit64: two 64-bit words on both; RLIMIT_* numbering is the same. */
    if (a[2] && copy_from_guest(&new_lim, a[2], sizeof(new_lim)) < 0) {
        return -EFAULT;
    }
    if (a[3] && !guest_ptr(a[3], sizeof(old_lim), PAGE_WRITE)) {
        return -EFAULT;
    }
    if (a[2] && (pid == 0 || pid == getpid()) && limit_is_emulators(resource)) {
        r = host_ret(prlimit(pid, resource, NULL, &old_lim));
    } else {
        r = host_ret(prlimit(pid, resource, a[2] ? &new_lim : NULL, &old_lim));
    }
    if (r < 0) {
        return r;
    }
    return a[3] ? copy_to_guest(a[3], &old_lim, sizeof(old_lim)) : 0;
}

static int64_t sys_getrlimit(const uint64_t *a)
{
    uint64_t b[6] = { 0, a[0], 0, a[1], 0, 0 };
    return sys_prlimit64(b);
}

static int64_t sys_setrlimit(const uint64_t *a)
{
    uint64_t b[6] = { 0, a[0], a[1], 0, 0, 0 };
    return sys_prlimit64(b);
}

static int64_t sys_getrusage(const uint64_t *a)
{
    struct rusage ru;
    int64_t r = host_ret(getrusage((int)a[0], &ru));
    return r < 0 ? r : copy_to_guest(a[1], &ru, sizeof(ru));
}

static int64_t sys_times(const uint64_t *a)
{
    struct tms t;
    clock_t r = times(&t);

    if (a[0] && copy_to_guest(a[0], &t, sizeof(t)) < 0) {
        return -EFAULT;
    }
    return (int64_t)r;
}

static int64_t sys_uname(const uint64_t *a)
{
    struct utsname u;

    if (uname(&u) < 0) {
        return -errno;
    }
    /* The guest must see the machine it thinks it runs on. */
    snprintf(u.machine, sizeof(u.machine), "aarch64");
    return copy_to_guest(a[0], &u, sizeof(u));
}

static int64_t sys_sysinfo(const uint64_t *a)
{
    struct sysinfo si;
    int64_t r = host_ret(sysinfo(&si));
    return r < 0 ? r : copy_to_guest(a[0], &si, sizeof(si));
}

static int64_t sys_umask(const uint64_t *a)
{
    return umask((mode_t)a[0]);
}

/* prctl options (include/uapi/linux/prctl.h) that are about arm64 state we do not model. */
static bool prctl_is_arm64(int option)
{
    switch (option) {
    case 50: case 51:               /* PR_SVE_SET_VL, PR_SVE_GET_VL */
    case 54:                        /* PR_PAC_RESET_KEYS */
    case 55: case 56:               /* PR_SET/GET_TAGGED_ADDR_CTRL */
    case 60: case 61:               /* PR_PAC_SET/GET_ENABLED_KEYS */
    case 63: case 64:               /* PR_SME_SET_VL, PR_SME_GET_VL */
        return true;
    default:
        return false;
    }
}

static int64_t sys_prctl(const uint64_t *a)
{
    int option = (int)a[0];
    void *p;

    switch (option) {
    case PR_SET_NAME:
        p = guest_ptr(a[1], 16, PAGE_READ);
        if (!p) {
            /* The name may sit at the very end of the mapped memory. */
            const char *s;
            if (guest_string(a[1], 4096, &s) < 0) {
                return -EFAULT;
            }
            p = (void *)s;
        }
        return host_ret(prctl(PR_SET_NAME, p, 0, 0, 0));
    case PR_GET_NAME:
        p = guest_ptr(a[1], 16, PAGE_WRITE);
        return p ? host_ret(prctl(PR_GET_NAME, p, 0, 0, 0)) : -EFAULT;
    case PR_GET_PDEATHSIG:
        p = guest_ptr(a[1], 4, PAGE_WRITE);
        return p ? host_ret(prctl(PR_GET_PDEATHSIG, p, 0, 0, 0)) : -EFAULT;
    case PR_SET_PDEATHSIG:
    case PR_GET_DUMPABLE:
    case PR_SET_DUMPABLE:
    case PR_GET_KEEPCAPS:
    case PR_SET_KEEPCAPS:
    case PR_GET_TIMERSLACK:
    case PR_SET_TIMERSLACK:
    case PR_SET_NO_NEW_PRIVS:
    case PR_GET_NO_NEW_PRIVS:
    case PR_SET_CHILD_SUBREAPER:
    case PR_CAPBSET_READ:
    case PR_GET_SECUREBITS:
    case PR_GET_THP_DISABLE:
    case PR_SET_THP_DISABLE:
        return host_ret(prctl(option, a[1], a[2], a[3], a[4]));
    case PR_GET_CHILD_SUBREAPER:
        p = guest_ptr(a[1], 4, PAGE_WRITE);
        return p ? host_ret(prctl(option, p, 0, 0, 0)) : -EFAULT;
    case PR_SET_VMA:
        /* Naming anonymous memory is cosmetic; the kernel may lack it too. */
        return -EINVAL;
    default:
        if (!prctl_is_arm64(option)) {
            emu_log_mask(LOG_UNIMP, "prctl: unsupported option %d\n", option);
        }
        return -EINVAL;
    }
}

static int64_t sys_sched_getaffinity(const uint64_t *a)
{
    void *p = guest_ptr(a[2], a[1], PAGE_WRITE);
    return p ? host_ret(syscall(SYS_sched_getaffinity, (pid_t)a[0], (size_t)a[1], p)) : -EFAULT;
}

static int64_t sys_sched_yield(const uint64_t *a)
{
    return host_ret(sched_yield());
}

static int64_t sys_getcpu(const uint64_t *a)
{
    unsigned cpu, node;
    int64_t r = host_ret(syscall(SYS_getcpu, &cpu, &node, NULL));

    if (r < 0) {
        return r;
    }
    if ((a[0] && copy_to_guest(a[0], &cpu, 4) < 0) || (a[1] && copy_to_guest(a[1], &node, 4) < 0)) {
        return -EFAULT;
    }
    return 0;
}

/*
 * The emulator's own fault handling needs SIGSEGV and SIGBUS; a guest
 * sending them to itself still gets them (the handler passes unknown
 * faults on), so signal numbers go through unchanged.
 */
static int64_t sys_kill(const uint64_t *a)
{
    return host_ret(kill((pid_t)a[0], (int)a[1]));
}

static int64_t sys_tkill(const uint64_t *a)
{
    return host_ret(syscall(SYS_tkill, (pid_t)a[0], (int)a[1]));
}

static int64_t sys_tgkill(const uint64_t *a)
{
    return host_ret(syscall(SYS_tgkill, (pid_t)a[0], (pid_t)a[1], (int)a[2]));
}

static int64_t sys_wait4(const uint64_t *a)
{
    int status;
    struct rusage ru;
    int64_t r;

    if (a[1] && !guest_ptr(a[1], 4, PAGE_WRITE)) {
        return -EFAULT;
    }
    if (a[3] && !guest_ptr(a[3], sizeof(ru), PAGE_WRITE)) {
        return -EFAULT;
    }
    /* WNOHANG, WUNTRACED, __WALL... are the same values. */
    r = host_ret(wait4((pid_t)a[0], &status, (int)a[2], a[3] ? &ru : NULL));
    if (r > 0) {
        if (a[1]) {
            copy_to_guest(a[1], &status, 4);
        }
        if (a[3]) {
            copy_to_guest(a[3], &ru, sizeof(ru));
        }
    }
    return r;
}

static int64_t sys_waitid(const uint64_t *a)
{
    void *info = NULL, *ru = NULL;

    /* siginfo_t is 128 bytes with the same SIGCHLD layout on both LP64 ABIs. */
    if (a[2] && !(info = guest_ptr(a[2], 128, PAGE_WRITE))) {
        return -EFAULT;
    }
    if (a[4] && !(ru = guest_ptr(a[4], sizeof(struct rusage), PAGE_WRITE))) {
        return -EFAULT;
    }
    return host_ret(syscall(SYS_waitid, (int)a[0], (id_t)a[1], info, (int)a[3], ru));
}

static int64_t sys_execve(const uint64_t *a)
{
    return exec_guest(AT_FDCWD, a[0], a[1], a[2], 0);
}

static int64_t sys_execveat(const uint64_t *a)
{
    return exec_guest((int)a[0], a[1], a[2], a[3], (int)a[4]);
}

const SyscallDef syscall_defs_proc[] = {
    { 221, 0, "execve", sys_execve, "%s, %p, %p" },
    { 281, 0, "execveat", sys_execveat, "%D, %s, %p, %p, %#x" },
    { TARGET_NR_exit, SC_NORETURN, "exit", sys_exit, "%d" },
    { TARGET_NR_exit_group, SC_NORETURN, "exit_group", sys_exit, "%d" },
    { TARGET_NR_set_tid_address, 0, "set_tid_address", sys_set_tid_address, "%p" },
    { TARGET_NR_set_robust_list, 0, "set_robust_list", sys_set_robust_list, "%p, %lu" },
    { TARGET_NR_get_robust_list, 0, "get_robust_list", sys_get_robust_list, "%d, %p, %p" },
    { TARGET_NR_rseq, 0, "rseq", sys_enosys, "%p, %u, %#x, %#x" },
    { TARGET_NR_gettid, 0, "gettid", sys_gettid, "" },
    { TARGET_NR_getpid, 0, "getpid", sys_getpid, "" },
    { TARGET_NR_getppid, 0, "getppid", sys_getppid, "" },
    { TARGET_NR_getuid, 0, "getuid", sys_getuid, "" },
    { TARGET_NR_geteuid, 0, "geteuid", sys_geteuid, "" },
    { TARGET_NR_getgid, 0, "getgid", sys_getgid, "" },
    { TARGET_NR_getegid, 0, "getegid", sys_getegid, "" },
    { TARGET_NR_setuid, 0, "setuid", sys_setuid, "%u" },
    { TARGET_NR_setgid, 0, "setgid", sys_setgid, "%u" },
    { TARGET_NR_setreuid, 0, "setreuid", sys_setreuid, "%d, %d" },
    { TARGET_NR_setregid, 0, "setregid", sys_setregid, "%d, %d" },
    { TARGET_NR_setresuid, 0, "setresuid", sys_setresuid, "%d, %d, %d" },
    { TARGET_NR_setresgid, 0, "setresgid", sys_setresgid, "%d, %d, %d" },
    { TARGET_NR_getresuid, 0, "getresuid", sys_getresuid, "%p, %p, %p" },
    { TARGET_NR_getresgid, 0, "getresgid", sys_getresgid, "%p, %p, %p" },
    { TARGET_NR_getgroups, 0, "getgroups", sys_getgroups, "%d, %p" },
    { TARGET_NR_setgroups, 0, "setgroups", sys_setgroups, "%d, %p" },
    { TARGET_NR_setpgid, 0, "setpgid", sys_setpgid, "%d, %d" },
    { TARGET_NR_getpgid, 0, "getpgid", sys_getpgid, "%d" },
    { TARGET_NR_getsid, 0, "getsid", sys_getsid, "%d" },
    { TARGET_NR_setsid, 0, "setsid", sys_setsid, "" },
    { TARGET_NR_getpriority, 0, "getpriority", sys_getpriority, "%d, %d" },
    { TARGET_NR_setpriority, 0, "setpriority", sys_setpriority, "%d, %d, %d" },
    { TARGET_NR_prlimit64, 0, "prlimit64", sys_prlimit64, "%d, %d, %p, %p" },
    { TARGET_NR_getrlimit, 0, "getrlimit", sys_getrlimit, "%d, %p" },
    { TARGET_NR_setrlimit, 0, "setrlimit", sys_setrlimit, "%d, %p" },
    { TARGET_NR_getrusage, 0, "getrusage", sys_getrusage, "%d, %p" },
    { TARGET_NR_times, 0, "times", sys_times, "%p" },
    { TARGET_NR_uname, 0, "uname", sys_uname, "%p" },
    { TARGET_NR_sysinfo, 0, "sysinfo", sys_sysinfo, "%p" },
    { TARGET_NR_umask, 0, "umask", sys_umask, "%#o" },
    { TARGET_NR_prctl, 0, "prctl", sys_prctl, "%d, %#x, %#x, %#x, %#x" },
    { TARGET_NR_sched_getaffinity, 0, "sched_getaffinity", sys_sched_getaffinity, "%d, %lu, %p" },
    { TARGET_NR_sched_yield, 0, "sched_yield", sys_sched_yield, "" },
    { TARGET_NR_getcpu, 0, "getcpu", sys_getcpu, "%p, %p, %p" },
    { TARGET_NR_kill, 0, "kill", sys_kill, "%d, %d" },
    { TARGET_NR_tkill, 0, "tkill", sys_tkill, "%d, %d" },
    { TARGET_NR_tgkill, 0, "tgkill", sys_tgkill, "%d, %d, %d" },
    { TARGET_NR_wait4, 0, "wait4", sys_wait4, "%d, %p, %#x, %p" },
    { TARGET_NR_waitid, 0, "waitid", sys_waitid, "%d, %d, %p, %#x, %p" },
};
const size_t syscall_defs_proc_count = sizeof(syscall_defs_proc) / sizeof(syscall_defs_proc[0]);
