/*
 * fork while other threads run and translate new code: each child must get
 * a code buffer of its own that nothing changes under it (linux-user/thread.c,
 * exec_fork_prepare).  The children compute, the threads keep computing.
 */
#include <pthread.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int stop;

#define F(n) static unsigned f##n(unsigned x) { return x * (2 * n + 1) + (x >> (n % 7 + 1)); }
F(0) F(1) F(2) F(3) F(4) F(5) F(6) F(7) F(8) F(9) F(10) F(11) F(12) F(13) F(14) F(15)
static unsigned (*const fns[])(unsigned) = { f0, f1, f2, f3, f4, f5, f6, f7,
                                             f8, f9, f10, f11, f12, f13, f14, f15 };

static unsigned mix(unsigned x, int rounds)
{
    for (int i = 0; i < rounds; i++) {
        x = fns[(x ^ (unsigned)i) % 16](x);
    }
    return x;
}

static void *spin(void *arg)
{
    unsigned x = (unsigned)(long)arg;
    while (!stop) {
        x = mix(x, 1000);
    }
    return (void *)(long)(x & 1);
}

int main(void)
{
    pthread_t t[2];
    int good = 0;

    for (long i = 0; i < 2; i++) {
        pthread_create(&t[i], NULL, spin, (void *)(i + 1));
    }
    for (int i = 0; i < 20; i++) {
        pid_t pid = fork();
        int st;
        if (pid == 0) {
            _exit((int)(mix((unsigned)i, 20000) & 0x7f));
        }
        waitpid(pid, &st, 0);
        if (WIFEXITED(st) && WEXITSTATUS(st) == (int)(mix((unsigned)i, 20000) & 0x7f)) {
            good++;
        }
    }
    stop = 1;
    for (int i = 0; i < 2; i++) {
        pthread_join(t[i], NULL);
    }
    printf("forks with threads running: %d of 20 children right\n", good);
    return 0;
}
