/* Clocks, sleeps and timerfd; prints only comparisons. */
#include <stdint.h>
#include <stdio.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

static long long ns(struct timespec t)
{
    return t.tv_sec * 1000000000ll + t.tv_nsec;
}

int main(void)
{
    struct timespec t0, t1, res, req = { 0, 20000000 };
    struct timeval tv;
    struct itimerspec its = { { 0, 0 }, { 0, 10000000 } }, cur;
    uint64_t count = 0;
    int fd;

    printf("gettime %d\n", clock_gettime(CLOCK_MONOTONIC, &t0));
    printf("getres %d positive %d\n", clock_getres(CLOCK_MONOTONIC, &res), ns(res) > 0);
    printf("nanosleep %d\n", nanosleep(&req, NULL));
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("slept at least 20ms %d\n", ns(t1) - ns(t0) >= 20000000);
    printf("clock_nanosleep %d\n", clock_nanosleep(CLOCK_MONOTONIC, 0, &req, NULL));
    printf("gettimeofday %d sane %d\n", gettimeofday(&tv, NULL), tv.tv_sec > 1600000000);
    printf("realtime sane %d\n", time(NULL) > 1600000000);
    fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
    printf("timerfd_create %d\n", fd >= 0);
    printf("settime %d\n", timerfd_settime(fd, 0, &its, NULL));
    printf("gettime %d armed %d\n", timerfd_gettime(fd, &cur), ns(cur.it_value) > 0);
    printf("read %zd count %llu\n", read(fd, &count, 8), (unsigned long long)count);
    printf("gettime %d disarmed %d\n", timerfd_gettime(fd, &cur), ns(cur.it_value) == 0);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
    printf("cputime %d\n", t0.tv_sec >= 0);
    return 0;
}
