/* Pipes, poll, select, epoll and eventfd in one thread. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <unistd.h>

int main(void)
{
    int p[2], ep, efd, avail = -1;
    char buf[64];
    struct pollfd pf;
    struct epoll_event ev, out[4];
    fd_set rs;
    struct timeval tv = { 0, 0 };
    uint64_t v;

    printf("pipe2 %d\n", pipe2(p, O_CLOEXEC | O_NONBLOCK));
    printf("read-empty %zd %s\n", read(p[0], buf, 1), strerrorname_np(errno));
    printf("write %zd\n", write(p[1], "through the pipe", 16));
    ioctl(p[0], FIONREAD, &avail);
    printf("fionread %d\n", avail);
    pf.fd = p[0];
    pf.events = POLLIN;
    printf("poll %d revents %#x\n", poll(&pf, 1, 100), pf.revents);
    FD_ZERO(&rs);
    FD_SET(p[0], &rs);
    printf("select %d isset %d\n", select(p[0] + 1, &rs, NULL, NULL, &tv), FD_ISSET(p[0], &rs));
    ep = epoll_create1(EPOLL_CLOEXEC);
    ev.events = EPOLLIN;
    ev.data.u64 = 0xfeedface12345678ull;
    printf("epoll_ctl %d\n", epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev));
    efd = eventfd(3, EFD_NONBLOCK);
    ev.events = EPOLLIN;
    ev.data.u64 = 42;
    printf("epoll_ctl %d\n", epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev));
    int n = epoll_wait(ep, out, 4, 100);
    printf("epoll_wait %d\n", n);
    uint64_t seen = 0;
    for (int i = 0; i < n; i++) {
        seen ^= out[i].data.u64;
        printf("  events %#x\n", out[i].events);
    }
    printf("data xor %#llx\n", (unsigned long long)seen);
    printf("read %zd\n", read(p[0], buf, sizeof(buf)));
    printf("eventfd read %zd ", read(efd, &v, 8));
    printf("value %llu\n", (unsigned long long)v);
    printf("tcgetattr on pipe: %d %s\n", ioctl(p[0], TCGETS, buf), strerrorname_np(errno));
    close(p[1]);
    printf("read-eof %zd\n", read(p[0], buf, 1));
    return 0;
}
