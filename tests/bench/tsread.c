/*
 * tsread: run a command with its stdout (and stderr) on a pipe, and print
 * every line it writes prefixed with the host time in seconds since the
 * command was started, as the line arrives:
 *
 *     tsread COMMAND [ARGS...]
 *       12.345678 [    1.756759] Run /init as init process
 *
 * The system benchmarks use it to time an emulated guest from the host
 * side, between the emulator's start and marker lines the guest prints on
 * its serial console, so that neither the guest's clock nor the terminal
 * handling of the emulators is trusted.  Carriage returns are dropped.
 * When the command ends, a last line "tsread: exit STATUS after SECONDS"
 * gives its exit status (128+N for signal N); tsread's own status is 0
 * unless it could not run the command.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: tsread COMMAND [ARGS...]\n");
        return 2;
    }
    int fds[2];
    if (pipe(fds) < 0) {
        perror("tsread: pipe");
        return 2;
    }
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0) {
        perror("tsread: fork");
        return 2;
    }
    if (pid == 0) {
        dup2(fds[1], 1);
        dup2(fds[1], 2);
        close(fds[0]);
        close(fds[1]);
        execvp(argv[1], argv + 1);
        fprintf(stderr, "tsread: cannot run %s: %s\n", argv[1], strerror(errno));
        _exit(127);
    }
    close(fds[1]);

    /* One line is assembled in line[]; an overlong line is cut in pieces,
     * each stamped when it is emitted.  A line's time is when its end
     * arrived: the guest has then printed all of it. */
    char buf[4096], line[4096];
    size_t len = 0;
    for (;;) {
        ssize_t n = read(fds[0], buf, sizeof(buf));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;
        }
        double now = since(&t0);
        for (ssize_t i = 0; i < n; i++) {
            char c = buf[i];
            if (c == '\r') {
                continue;
            }
            if (c == '\n' || len == sizeof(line) - 1) {
                printf("%.6f %.*s\n", now, (int)len, line);
                len = 0;
                if (c == '\n') {
                    continue;
                }
            }
            line[len++] = c;
        }
        fflush(stdout);
    }
    if (len) {
        printf("%.6f %.*s\n", since(&t0), (int)len, line);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    printf("tsread: exit %d after %.6f\n", code, since(&t0));
    return 0;
}
