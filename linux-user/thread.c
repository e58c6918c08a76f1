/* Guest threads and processes: see thread.h. */
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "accel/user-mem.h"
#include "linux-user/cpu-loop.h"
#include "linux-user/signal.h"
#include "linux-user/thread.h"
#include "util/log.h"

enum {
    TARGET_NR_exit = 93,
    TARGET_NR_set_tid_address = 96,
    TARGET_NR_futex = 98,
    TARGET_NR_clone = 220,
    TARGET_NR_clone3 = 435,
};

/* Where to clear and wake at thread exit (CLONE_CHILD_CLEARTID / set_tid_address). */
static __thread uint64_t clear_child_tid;
/* Live guest threads, so the last one to exit ends the process. */
static int live_threads = 1;
static pthread_mutex_t thread_lock = PTHREAD_MUTEX_INITIALIZER;

typedef struct NewThread {
    ExecCPU cpu;
    CPUARMState env __attribute__((aligned(16)));
    uint64_t flags, ptid, ctid;
    uint64_t sigmask;
    /* The parent waits until the child has its tid. */
    pthread_mutex_t lock;
    pthread_cond_t cond;
    pid_t tid;
} NewThread;

static bool guest_u32_writable(uint64_t addr)
{
    return (addr & 3) == 0 && page_check_range(addr, 4, PAGE_WRITE);
}

static void *thread_main(void *arg)
{
    NewThread *t = arg;
    pid_t tid = (pid_t)syscall(SYS_gettid);
    int status;

    signal_thread_start(t->sigmask);
    if ((t->flags & CLONE_CHILD_SETTID) && guest_u32_writable(t->ctid)) {
        *(uint32_t *)g2h(t->ctid) = (uint32_t)tid;
    }
    if (t->flags & CLONE_CHILD_CLEARTID) {
        clear_child_tid = t->ctid;
    }
    exec_cpu_init(&t->cpu, &t->env);
    pthread_mutex_lock(&t->lock);
    t->tid = tid;
    pthread_cond_signal(&t->cond);
    pthread_mutex_unlock(&t->lock);
    status = cpu_loop(&t->cpu, &t->env);
    /* cpu_loop returns only for exit_group. */
    exit(status);
}

static int64_t clone_thread(CPUARMState *env, uint64_t flags, uint64_t newsp, uint64_t ptid,
                            uint64_t tls, uint64_t ctid)
{
    NewThread *t = aligned_alloc(16, sizeof(*t));
    pthread_attr_t attr;
    pthread_t th;
    int rc;

    if (!t) {
        return -ENOMEM;
    }
    memset(t, 0, sizeof(*t));
    t->env = *env;
    t->env.xregs[0] = 0;                  /* the child sees 0 */
    if (newsp) {
        t->env.sp = newsp;
    }
    if (flags & CLONE_SETTLS) {
        t->env.tpidr_el0 = tls;
    }
    t->env.excl_addr = UINT64_MAX;
    t->env.exit_request = 0;
    t->flags = flags;
    t->ptid = ptid;
    t->ctid = ctid;
    t->sigmask = signal_get_blocked();
    t->tid = 0;
    pthread_mutex_init(&t->lock, NULL);
    pthread_cond_init(&t->cond, NULL);

    pthread_mutex_lock(&thread_lock);
    live_threads++;
    pthread_mutex_unlock(&thread_lock);
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 1u << 20);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    rc = pthread_create(&th, &attr, thread_main, t);
    pthread_attr_destroy(&attr);
    if (rc) {
        pthread_mutex_lock(&thread_lock);
        live_threads--;
        pthread_mutex_unlock(&thread_lock);
        free(t);
        return -rc;
    }
    pthread_mutex_lock(&t->lock);
    while (!t->tid) {
        pthread_cond_wait(&t->cond, &t->lock);
    }
    pthread_mutex_unlock(&t->lock);
    if ((flags & CLONE_PARENT_SETTID) && guest_u32_writable(ptid)) {
        *(uint32_t *)g2h(ptid) = (uint32_t)t->tid;
    }
    return t->tid;
}

/* A new process: fork the whole emulator (vfork too: the child gets a copy). */
static int64_t clone_process(uint64_t flags, uint64_t ptid, uint64_t ctid)
{
    pid_t pid;
    int sync[2];
    char byte = 0;

    fflush(NULL);
    /*
     * The translated code lives in a shared mapping that the child copies
     * for itself after fork (tcg/codebuf.c).  Until it has, the parent must
     * not translate or chain blocks: a jump patched into the shared pages
     * would send the child's copy into code it does not have.  The child
     * says when its copy is done.
     */
    if (pipe2(sync, O_CLOEXEC) < 0) {
        return -errno;
    }
    /* Other guest threads must not touch the code buffer either (exec.h). */
    exec_fork_prepare();
    pid = fork();
    if (pid < 0) {
        int e = errno;
        exec_fork_parent();
        close(sync[0]);
        close(sync[1]);
        return -e;
    }
    if (pid > 0) {
        close(sync[1]);
        while (read(sync[0], &byte, 1) < 0 && errno == EINTR) {
        }
        close(sync[0]);
        exec_fork_parent();
    }
    if (pid == 0) {
        pid_t tid = (pid_t)syscall(SYS_gettid);
        exec_fork_child();
        close(sync[0]);
        while (write(sync[1], &byte, 1) < 0 && errno == EINTR) {
        }
        close(sync[1]);
        pthread_mutex_lock(&thread_lock);
        live_threads = 1;
        pthread_mutex_unlock(&thread_lock);
        if ((flags & CLONE_CHILD_SETTID) && guest_u32_writable(ctid)) {
            *(uint32_t *)g2h(ctid) = (uint32_t)tid;
        }
        if (flags & CLONE_CHILD_CLEARTID) {
            clear_child_tid = ctid;
        }
        return 0;
    }
    if ((flags & CLONE_PARENT_SETTID) && guest_u32_writable(ptid)) {
        *(uint32_t *)g2h(ptid) = (uint32_t)pid;
    }
    return pid;
}

/* Exit of one guest thread: the process ends with the last one. */
static void thread_exit(int status)
{
    bool last;

    if (clear_child_tid && guest_u32_writable(clear_child_tid)) {
        __atomic_store_n((uint32_t *)g2h(clear_child_tid), 0, __ATOMIC_SEQ_CST);
        syscall(SYS_futex, g2h(clear_child_tid), FUTEX_WAKE, 1, NULL, NULL, 0);
    }
    pthread_mutex_lock(&thread_lock);
    last = --live_threads == 0;
    pthread_mutex_unlock(&thread_lock);
    if (last) {
        fflush(NULL);
        exit(status);
    }
    pthread_exit(NULL);
}

static int64_t do_futex(uint64_t uaddr, int op, uint32_t val, uint64_t arg4, uint64_t uaddr2,
                        uint32_t val3)
{
    int cmd = op & FUTEX_CMD_MASK;
    void *timeout_or_val2 = (void *)(uintptr_t)arg4;
    void *addr2 = NULL;
    long r;

    if (!guest_u32_writable(uaddr) && !page_check_range(uaddr, 4, PAGE_READ)) {
        return -EFAULT;
    }
    switch (cmd) {
    case FUTEX_WAIT:
    case FUTEX_WAIT_BITSET:
    case FUTEX_LOCK_PI:
    case FUTEX_WAIT_REQUEUE_PI:
        /* arg4 is a struct timespec pointer (the same layout on both). */
        if (arg4) {
            if (!page_check_range(arg4, 16, PAGE_READ)) {
                return -EFAULT;
            }
            timeout_or_val2 = g2h(arg4);
        }
        break;
    default:
        /* REQUEUE, CMP_REQUEUE, WAKE_OP: arg4 is a count, passed as is. */
        break;
    }
    if (cmd == FUTEX_REQUEUE || cmd == FUTEX_CMP_REQUEUE || cmd == FUTEX_WAKE_OP ||
        cmd == FUTEX_CMP_REQUEUE_PI || cmd == FUTEX_WAIT_REQUEUE_PI) {
        if (!page_check_range(uaddr2, 4, PAGE_READ)) {
            return -EFAULT;
        }
        addr2 = g2h(uaddr2);
    }
    r = syscall(SYS_futex, g2h(uaddr), op, val, timeout_or_val2, addr2, val3);
    return r < 0 ? -errno : r;
}

bool thread_syscall(ExecCPU *cpu, CPUARMState *env, uint64_t nr, const uint64_t *a, int64_t *ret)
{
    switch (nr) {
    case TARGET_NR_clone: {
        /* arm64 argument order: flags, newsp, parent_tid, tls, child_tid. */
        uint64_t flags = a[0];
        if ((flags & (CLONE_VM | CLONE_THREAD)) == (CLONE_VM | CLONE_THREAD)) {
            if (!(flags & CLONE_SIGHAND)) {
                *ret = -EINVAL;
                return true;
            }
            *ret = clone_thread(env, flags, a[1], a[2], a[3], a[4]);
        } else {
            /* fork, vfork, or CLONE_VM without a thread (posix_spawn): a host fork. */
            int64_t r = clone_process(flags, a[2], a[4]);
            if (r == 0) {
                if (a[1]) {
                    env->sp = a[1];
                }
                if (flags & CLONE_SETTLS) {
                    env->tpidr_el0 = a[3];
                }
            }
            *ret = r;
        }
        return true;
    }
    case TARGET_NR_clone3:
        /* glibc falls back to clone when clone3 is missing. */
        *ret = -ENOSYS;
        return true;
    case TARGET_NR_exit:
        thread_exit((int)(a[0] & 0xff));
        return true;   /* not reached */
    case TARGET_NR_set_tid_address:
        clear_child_tid = a[0];
        *ret = syscall(SYS_gettid);
        return true;
    case TARGET_NR_futex:
        *ret = do_futex(a[0], (int)a[1], (uint32_t)a[2], a[3], a[4], (uint32_t)a[5]);
        return true;
    default:
        return false;
    }
}
