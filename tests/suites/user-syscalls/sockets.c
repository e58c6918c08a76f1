/* Sockets over loopback: TCP, UDP, and a UNIX socketpair passing a descriptor. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

int main(void)
{
    struct sockaddr_in a = { 0 }, got;
    socklen_t len = sizeof(got);
    int ls, cs, as, one = 1, type = 0, sv[2], us1, us2;
    char buf[64];
    socklen_t tl = sizeof(type);

    ls = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    printf("socket %d\n", ls >= 0);
    printf("reuseaddr %d\n", setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)));
    printf("getsockopt %d type %d len %u\n", getsockopt(ls, SOL_SOCKET, SO_TYPE, &type, &tl), type, tl);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    printf("bind %d\n", bind(ls, (struct sockaddr *)&a, sizeof(a)));
    printf("listen %d\n", listen(ls, 4));
    printf("getsockname %d family %d port-nonzero %d\n", getsockname(ls, (struct sockaddr *)&got, &len),
           got.sin_family, got.sin_port != 0);
    cs = socket(AF_INET, SOCK_STREAM, 0);
    printf("connect %d\n", connect(cs, (struct sockaddr *)&got, sizeof(got)));
    len = sizeof(a);
    as = accept4(ls, (struct sockaddr *)&a, &len, SOCK_CLOEXEC);
    printf("accept4 %d addr %s\n", as >= 0, inet_ntoa(a.sin_addr));
    printf("nodelay %d\n", setsockopt(cs, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)));
    printf("send %zd\n", send(cs, "tcp data", 8, 0));
    memset(buf, 0, sizeof(buf));
    printf("recv %zd %s\n", recv(as, buf, sizeof(buf), 0), buf);
    len = sizeof(a);
    printf("getpeername %d\n", getpeername(as, (struct sockaddr *)&a, &len));
    printf("shutdown %d\n", shutdown(cs, SHUT_WR));
    printf("recv-eof %zd\n", recv(as, buf, sizeof(buf), 0));
    close(cs);
    close(as);
    close(ls);

    us1 = socket(AF_INET, SOCK_DGRAM, 0);
    us2 = socket(AF_INET, SOCK_DGRAM, 0);
    a.sin_family = AF_INET;
    a.sin_port = 0;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(us1, (struct sockaddr *)&a, sizeof(a));
    len = sizeof(got);
    getsockname(us1, (struct sockaddr *)&got, &len);
    printf("sendto %zd\n", sendto(us2, "datagram", 8, 0, (struct sockaddr *)&got, sizeof(got)));
    len = sizeof(a);
    memset(buf, 0, sizeof(buf));
    printf("recvfrom %zd %s from %s\n", recvfrom(us1, buf, sizeof(buf), 0, (struct sockaddr *)&a, &len),
           buf, inet_ntoa(a.sin_addr));
    close(us1);
    close(us2);

    printf("socketpair %d\n", socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    {
        int pfd[2], recvd = -1;
        char cbuf[CMSG_SPACE(sizeof(int))];
        struct iovec iov = { "x", 1 };
        struct msghdr m = { 0 };
        struct cmsghdr *c;

        pipe(pfd);
        m.msg_iov = &iov;
        m.msg_iovlen = 1;
        m.msg_control = cbuf;
        m.msg_controllen = sizeof(cbuf);
        c = CMSG_FIRSTHDR(&m);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN(sizeof(int));
        memcpy(CMSG_DATA(c), &pfd[1], sizeof(int));
        printf("sendmsg %zd\n", sendmsg(sv[0], &m, 0));
        memset(cbuf, 0, sizeof(cbuf));
        iov.iov_base = buf;
        m.msg_controllen = sizeof(cbuf);
        printf("recvmsg %zd controllen %zu\n", recvmsg(sv[1], &m, 0), (size_t)m.msg_controllen);
        c = CMSG_FIRSTHDR(&m);
        if (c && c->cmsg_type == SCM_RIGHTS) {
            memcpy(&recvd, CMSG_DATA(c), sizeof(int));
        }
        printf("passed fd works %d\n", recvd >= 0 && write(recvd, "y", 1) == 1 && read(pfd[0], buf, 1) == 1);
    }
    printf("connect-refused %d %s\n", connect(socket(AF_INET, SOCK_STREAM, 0), (struct sockaddr *)&got,
                                               sizeof(got)), strerrorname_np(errno));
    return 0;
}
