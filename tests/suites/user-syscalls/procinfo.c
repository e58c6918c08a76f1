/* Identity, limits and system information. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <unistd.h>

int main(void)
{
    struct utsname u;
    struct rlimit rl, rl2;
    struct sysinfo si;
    struct tms t;
    cpu_set_t set;
    unsigned char rnd[16];
    char name[17] = { 0 };
    uid_t r, e, s;

    printf("uname %d machine %s sysname %s\n", uname(&u), u.machine, u.sysname);
    printf("pid consistent %d\n", getpid() == getpid() && getpid() > 1);
    printf("ppid positive %d\n", getppid() > 0);
    printf("uid==euid %d gid==egid %d\n", getuid() == geteuid(), getgid() == getegid());
    printf("getresuid %d matches %d\n", getresuid(&r, &e, &s), r == getuid() && e == geteuid());
    printf("getrlimit %d ", getrlimit(RLIMIT_NOFILE, &rl));
    printf("prlimit %d same %d\n", prlimit(0, RLIMIT_NOFILE, NULL, &rl2), rl.rlim_cur == rl2.rlim_cur);
    rl2.rlim_cur = rl.rlim_cur > 64 ? 64 : rl.rlim_cur;
    printf("setrlimit %d ", setrlimit(RLIMIT_NOFILE, &rl2));
    getrlimit(RLIMIT_NOFILE, &rl);
    printf("now %llu\n", (unsigned long long)rl.rlim_cur);
    printf("getrusage %d\n", getrusage(RUSAGE_SELF, &(struct rusage){ 0 }));
    printf("sysinfo %d uptime %d\n", sysinfo(&si), si.uptime > 0);
    printf("times ok %d\n", times(&t) != (clock_t)-1);
    printf("umask old %o ", umask(022));
    printf("new %o\n", umask(022));
    printf("prctl set %d ", prctl(PR_SET_NAME, "guest-name"));
    printf("get %d %s\n", prctl(PR_GET_NAME, name), name);
    printf("dumpable %d\n", prctl(PR_GET_DUMPABLE));
    printf("getrandom %zd\n", getrandom(rnd, sizeof(rnd), 0));
    printf("affinity %d cpus>0 %d\n", sched_getaffinity(0, sizeof(set), &set), CPU_COUNT(&set) > 0);
    printf("sched_yield %d\n", sched_yield());
    printf("getsid %d\n", getsid(0) > 0);
    printf("kill 0 %d\n", kill(getpid(), 0));
    printf("getpgid %d\n", getpgid(0) > 0);
    return 0;
}
