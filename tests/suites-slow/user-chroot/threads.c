/* Built with gcc -O2 -pthread inside the arm64 root: threads, signals, setjmp. */
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define NTHREADS 4
#define ITERS 100000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static volatile sig_atomic_t got_usr1, got_alrm;
static sigjmp_buf jb;

static void *worker(void *arg)
{
    long id = (long)arg;
    for (int i = 0; i < ITERS; i++) {
        pthread_mutex_lock(&lock);
        counter++;
        pthread_mutex_unlock(&lock);
    }
    return (void *)(id * 10);
}

static void on_usr1(int sig) { (void)sig; got_usr1++; }
static void on_alrm(int sig) { (void)sig; got_alrm = 1; }
static void on_segv(int sig) { siglongjmp(jb, sig); }

int main(void)
{
    pthread_t t[NTHREADS];
    long sum = 0;
    struct sigaction sa;
    int r;

    for (long i = 0; i < NTHREADS; i++) {
        pthread_create(&t[i], NULL, worker, (void *)i);
    }
    for (int i = 0; i < NTHREADS; i++) {
        void *ret;
        pthread_join(t[i], &ret);
        sum += (long)ret;
    }
    printf("threads: counter=%ld sum=%ld\n", counter, sum);

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    kill(getpid(), SIGUSR1);
    sa.sa_handler = on_alrm;
    sigaction(SIGALRM, &sa, NULL);
    alarm(1);
    while (!got_alrm) {
        pause();
    }
    printf("signals: usr1=%d alrm=%d\n", (int)got_usr1, (int)got_alrm);

    sa.sa_handler = on_segv;
    sa.sa_flags = SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    r = sigsetjmp(jb, 1);
    if (r == 0) {
        *(volatile int *)16 = 1;
        printf("setjmp: no fault?\n");
        return 1;
    }
    printf("setjmp: back from signal %d\n", r);
    return 0;
}
