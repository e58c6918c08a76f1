/*
 * Socket calls.  aarch64 and x86-64 share the LP64 struct msghdr, iovec
 * and cmsghdr layouts, the sockaddr formats (AF_UNIX, AF_INET, AF_INET6),
 * SOCK_* / MSG_* flags and the asm-generic SOL_SOCKET option numbers
 * (x86's asm/socket.h is asm-generic/socket.h; e.g. SO_REUSEPORT is 15 on
 * both), so buffers pass through once their guest pointers are checked.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include "accel/user-mem.h"
#include "linux-user/syscall-defs.h"

static int64_t sys_socket(const uint64_t *a)
{
    return host_ret(socket((int)a[0], (int)a[1], (int)a[2]));
}

static int64_t sys_socketpair(const uint64_t *a)
{
    int sv[2];
    int64_t r;

    if (!guest_ptr(a[3], sizeof(sv), PAGE_WRITE)) {
        return -EFAULT;
    }
    r = host_ret(socketpair((int)a[0], (int)a[1], (int)a[2], sv));
    return r < 0 ? r : copy_to_guest(a[3], sv, sizeof(sv));
}

static int64_t sys_bind(const uint64_t *a)
{
    void *p = guest_ptr(a[1], (uint32_t)a[2], PAGE_READ);
    return p ? host_ret(bind((int)a[0], p, (socklen_t)a[2])) : -EFAULT;
}

static int64_t sys_connect(const uint64_t *a)
{
    void *p = guest_ptr(a[1], (uint32_t)a[2], PAGE_READ);
    return p ? host_ret(connect((int)a[0], p, (socklen_t)a[2])) : -EFAULT;
}

static int64_t sys_listen(const uint64_t *a)
{
    return host_ret(listen((int)a[0], (int)a[1]));
}

static int64_t sys_shutdown(const uint64_t *a)
{
    return host_ret(shutdown((int)a[0], (int)a[1]));
}

/*
 * An optional (address buffer, socklen_t *) pair that the call fills:
 * both NULL, or a writable length and a buffer of that length.
 */
static int64_t addr_out(uint64_t addr, uint64_t lenp, struct sockaddr **sa, socklen_t **len)
{
    *sa = NULL;
    *len = NULL;
    if (!addr) {
        return 0;
    }
    *len = guest_ptr(lenp, sizeof(socklen_t), PAGE_READ | PAGE_WRITE);
    if (!*len) {
        return -EFAULT;
    }
    if ((int)**len < 0) {
        return -EINVAL;
    }
    *sa = guest_ptr(addr, **len, PAGE_WRITE);
    return *sa ? 0 : -EFAULT;
}

static int64_t sys_accept4(const uint64_t *a)
{
    struct sockaddr *sa;
    socklen_t *len;
    int64_t r = addr_out(a[1], a[2], &sa, &len);

    /* SOCK_NONBLOCK/SOCK_CLOEXEC are O_NONBLOCK/O_CLOEXEC: unmoved bits. */
    return r < 0 ? r : host_ret(accept4((int)a[0], sa, len, (int)a[3]));
}

static int64_t sys_accept(const uint64_t *a)
{
    uint64_t b[6] = { a[0], a[1], a[2], 0, 0, 0 };
    return sys_accept4(b);
}

static int64_t sys_getsockname(const uint64_t *a)
{
    struct sockaddr *sa;
    socklen_t *len;
    int64_t r = addr_out(a[1], a[2], &sa, &len);

    if (!a[1]) {
        return -EFAULT;
    }
    return r < 0 ? r : host_ret(getsockname((int)a[0], sa, len));
}

static int64_t sys_getpeername(const uint64_t *a)
{
    struct sockaddr *sa;
    socklen_t *len;
    int64_t r = addr_out(a[1], a[2], &sa, &len);

    if (!a[1]) {
        return -EFAULT;
    }
    return r < 0 ? r : host_ret(getpeername((int)a[0], sa, len));
}

static int64_t sys_sendto(const uint64_t *a)
{
    void *buf = guest_ptr(a[1], a[2], PAGE_READ);
    void *to = NULL;

    if (!buf) {
        return -EFAULT;
    }
    if (a[4]) {
        to = guest_ptr(a[4], (uint32_t)a[5], PAGE_READ);
        if (!to) {
            return -EFAULT;
        }
    }
    return host_ret(sendto((int)a[0], buf, a[2], (int)a[3], to, (socklen_t)a[5]));
}

static int64_t sys_recvfrom(const uint64_t *a)
{
    void *buf = guest_ptr(a[1], a[2], PAGE_WRITE);
    struct sockaddr *sa;
    socklen_t *len;
    int64_t r;

    if (!buf) {
        return -EFAULT;
    }
    r = addr_out(a[4], a[5], &sa, &len);
    return r < 0 ? r : host_ret(recvfrom((int)a[0], buf, a[2], (int)a[3], sa, len));
}

static int64_t sys_setsockopt(const uint64_t *a)
{
    void *val = guest_ptr(a[3], (uint32_t)a[4], PAGE_READ);
    return val ? host_ret(setsockopt((int)a[0], (int)a[1], (int)a[2], val, (socklen_t)a[4]))
               : -EFAULT;
}

static int64_t sys_getsockopt(const uint64_t *a)
{
    socklen_t *len = guest_ptr(a[4], sizeof(socklen_t), PAGE_READ | PAGE_WRITE);
    void *val;

    if (!len) {
        return -EFAULT;
    }
    if ((int)*len < 0) {
        return -EINVAL;
    }
    val = guest_ptr(a[3], *len, PAGE_WRITE);
    return val ? host_ret(getsockopt((int)a[0], (int)a[1], (int)a[2], val, len)) : -EFAULT;
}

/* struct msghdr, LP64: the same 56 bytes on both. */
struct target_msghdr {
    uint64_t name;
    uint32_t namelen;
    uint32_t pad1;
    uint64_t iov;
    uint64_t iovlen;
    uint64_t control;
    uint64_t controllen;
    int32_t flags;
    uint32_t pad2;
};

#define MSG_IOV_MAX 1024

/* Host msghdr pointing into guest memory; writable buffers for recvmsg. */
static int64_t load_msghdr(struct msghdr *h, struct iovec *iov, const struct target_msghdr *t,
                           bool to_guest)
{
    const uint64_t *giov;

    memset(h, 0, sizeof(*h));
    if (t->iovlen > MSG_IOV_MAX) {
        return -EMSGSIZE;
    }
    if (t->name) {
        h->msg_name = guest_ptr(t->name, t->namelen, to_guest ? PAGE_WRITE : PAGE_READ);
        if (!h->msg_name) {
            return -EFAULT;
        }
        h->msg_namelen = t->namelen;
    }
    giov = guest_ptr(t->iov, t->iovlen * 16, PAGE_READ);
    if (!giov) {
        return -EFAULT;
    }
    for (uint64_t i = 0; i < t->iovlen; i++) {
        iov[i].iov_base = guest_ptr(giov[2 * i], giov[2 * i + 1], to_guest ? PAGE_WRITE : PAGE_READ);
        if (!iov[i].iov_base) {
            return -EFAULT;
        }
        iov[i].iov_len = giov[2 * i + 1];
    }
    h->msg_iov = iov;
    h->msg_iovlen = t->iovlen;
    if (t->control && t->controllen) {
        /* cmsghdr (len 8, level 4, type 4) and its alignment match: no conversion. */
        h->msg_control = guest_ptr(t->control, t->controllen, to_guest ? PAGE_WRITE : PAGE_READ);
        if (!h->msg_control) {
            return -EFAULT;
        }
        h->msg_controllen = t->controllen;
    }
    h->msg_flags = t->flags;
    return 0;
}

static int64_t sys_sendmsg(const uint64_t *a)
{
    struct target_msghdr t;
    struct msghdr h;
    struct iovec iov[MSG_IOV_MAX];
    int64_t r;

    if (copy_from_guest(&t, a[1], sizeof(t)) < 0) {
        return -EFAULT;
    }
    r = load_msghdr(&h, iov, &t, false);
    return r < 0 ? r : host_ret(sendmsg((int)a[0], &h, (int)a[2]));
}

static int64_t sys_recvmsg(const uint64_t *a)
{
    struct target_msghdr *gt = guest_ptr(a[1], sizeof(*gt), PAGE_READ | PAGE_WRITE);
    struct target_msghdr t;
    struct msghdr h;
    struct iovec iov[MSG_IOV_MAX];
    int64_t r;

    if (!gt) {
        return -EFAULT;
    }
    t = *gt;
    r = load_msghdr(&h, iov, &t, true);
    if (r < 0) {
        return r;
    }
    r = host_ret(recvmsg((int)a[0], &h, (int)a[2]));
    if (r >= 0) {
        /* The kernel reports back the lengths used and the flags. */
        gt->namelen = h.msg_namelen;
        gt->controllen = h.msg_controllen;
        gt->flags = h.msg_flags;
    }
    return r;
}

const SyscallDef syscall_defs_net[] = {
    { TARGET_NR_socket, 0, "socket", sys_socket, "%d, %#x, %d" },
    { TARGET_NR_socketpair, 0, "socketpair", sys_socketpair, "%d, %#x, %d, %p" },
    { TARGET_NR_bind, 0, "bind", sys_bind, "%d, %p, %u" },
    { TARGET_NR_connect, 0, "connect", sys_connect, "%d, %p, %u" },
    { TARGET_NR_listen, 0, "listen", sys_listen, "%d, %d" },
    { TARGET_NR_accept, 0, "accept", sys_accept, "%d, %p, %p" },
    { TARGET_NR_accept4, 0, "accept4", sys_accept4, "%d, %p, %p, %#x" },
    { TARGET_NR_getsockname, 0, "getsockname", sys_getsockname, "%d, %p, %p" },
    { TARGET_NR_getpeername, 0, "getpeername", sys_getpeername, "%d, %p, %p" },
    { TARGET_NR_sendto, 0, "sendto", sys_sendto, "%d, %b, %lu, %#x, %p, %u" },
    { TARGET_NR_recvfrom, 0, "recvfrom", sys_recvfrom, "%d, %p, %lu, %#x, %p, %p" },
    { TARGET_NR_setsockopt, 0, "setsockopt", sys_setsockopt, "%d, %d, %d, %p, %u" },
    { TARGET_NR_getsockopt, 0, "getsockopt", sys_getsockopt, "%d, %d, %d, %p, %p" },
    { TARGET_NR_shutdown, 0, "shutdown", sys_shutdown, "%d, %d" },
    { TARGET_NR_sendmsg, 0, "sendmsg", sys_sendmsg, "%d, %p, %#x" },
    { TARGET_NR_recvmsg, 0, "recvmsg", sys_recvmsg, "%d, %p, %#x" },
};
const size_t syscall_defs_net_count = sizeof(syscall_defs_net) / sizeof(syscall_defs_net[0]);
