/* -netdev user with libslirp: see system/net-slirp.h. */
#include "system/net-slirp.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool net_slirp_parse_net(const char *s, uint32_t *net, uint32_t *mask)
{
    char buf[40], *slash, *end;
    struct in_addr a, m;
    unsigned long bits;

    if (!s || strlen(s) >= sizeof(buf)) {
        return false;
    }
    strcpy(buf, s);
    slash = strchr(buf, '/');
    if (slash) {
        *slash++ = 0;
    }
    if (inet_pton(AF_INET, buf, &a) != 1) {
        return false;
    }
    if (!slash) {
        *mask = 0xffffff00u;   /* QEMU's default when only an address is given */
    } else if (strchr(slash, '.')) {
        if (inet_pton(AF_INET, slash, &m) != 1) {
            return false;
        }
        *mask = ntohl(m.s_addr);
        if (*mask & (~*mask >> 1)) {   /* not a run of ones then zeros */
            return false;
        }
    } else {
        bits = strtoul(slash, &end, 10);
        if (*slash == 0 || *end || bits > 32) {
            return false;
        }
        *mask = bits ? ~0u << (32 - bits) : 0;
    }
    /* The network needs room for .2, .3 and .15 at least. */
    if (*mask > 0xfffffff0u) {
        return false;
    }
    *net = ntohl(a.s_addr) & *mask;
    return true;
}

#if CONFIG_SLIRP

#include <slirp/libslirp.h>
#include "hw/clock.h"
#include "system/main-loop.h"
#include "util/log.h"

struct NetSlirp {
    Slirp *slirp;
    NetSlirpReceive rx;
    void *rx_opaque;
    /* What slirp_pollfds_fill asked for, copied into the main loop's array. */
    struct pollfd *fds;
    int nfds, cap;
    struct pollfd *polled;   /* during dispatch: the main loop's entries */
    int npolled;
};

typedef struct SlirpTimer {
    EmuTimer t;
    SlirpTimerCb cb;
    void *cb_opaque;
} SlirpTimer;

static ssize_t cb_send_packet(const void *buf, size_t len, void *opaque)
{
    NetSlirp *ns = opaque;

    ns->rx(ns->rx_opaque, buf, len);
    return (ssize_t)len;   /* a dropped frame is lost on the wire, not an error */
}

static void cb_guest_error(const char *msg, void *opaque)
{
    emu_log_mask(LOG_GUEST_ERRORS, "slirp: %s\n", msg);
}

static int64_t cb_clock_get_ns(void *opaque)
{
    return clock_now_ns();
}

static void slirp_timer_fire(void *opaque)
{
    SlirpTimer *st = opaque;

    st->cb(st->cb_opaque);
}

static void *cb_timer_new(SlirpTimerCb cb, void *cb_opaque, void *opaque)
{
    SlirpTimer *st = calloc(1, sizeof(*st));

    if (!st) {
        abort();
    }
    st->cb = cb;
    st->cb_opaque = cb_opaque;
    timer_init(&st->t, slirp_timer_fire, st);
    return st;
}

static void cb_timer_free(void *timer, void *opaque)
{
    SlirpTimer *st = timer;

    timer_del(&st->t);
    free(st);
}

/* expire_time is in milliseconds of clock_get_ns's clock. */
static void cb_timer_mod(void *timer, int64_t expire_time, void *opaque)
{
    SlirpTimer *st = timer;

    timer_mod(&st->t, expire_time * 1000000);
}

/* The main loop rebuilds its poll set every round: nothing to register. */
static void cb_register_poll_fd(int fd, void *opaque)
{
}

static void cb_unregister_poll_fd(int fd, void *opaque)
{
}

static void cb_notify(void *opaque)
{
    main_loop_kick();
}

static const SlirpCb slirp_cbs = {
    .send_packet = cb_send_packet,
    .guest_error = cb_guest_error,
    .clock_get_ns = cb_clock_get_ns,
    .timer_new = cb_timer_new,
    .timer_free = cb_timer_free,
    .timer_mod = cb_timer_mod,
    .register_poll_fd = cb_register_poll_fd,
    .unregister_poll_fd = cb_unregister_poll_fd,
    .notify = cb_notify,
};

static int add_poll(int fd, int events, void *opaque)
{
    NetSlirp *ns = opaque;
    struct pollfd *p;

    if (ns->nfds == ns->cap) {
        int cap = ns->cap ? 2 * ns->cap : 16;
        struct pollfd *n = realloc(ns->fds, (size_t)cap * sizeof(*n));

        if (!n) {
            abort();
        }
        ns->fds = n;
        ns->cap = cap;
    }
    p = &ns->fds[ns->nfds];
    p->fd = fd;
    p->events = (short)((events & SLIRP_POLL_IN ? POLLIN : 0) |
                        (events & SLIRP_POLL_OUT ? POLLOUT : 0) |
                        (events & SLIRP_POLL_PRI ? POLLPRI : 0));
    p->revents = 0;
    return ns->nfds++;
}

static int get_revents(int idx, void *opaque)
{
    NetSlirp *ns = opaque;
    short r;

    if (idx < 0 || idx >= ns->npolled) {
        return 0;   /* did not fit in the main loop's array this round */
    }
    r = ns->polled[idx].revents;
    return (r & POLLIN ? SLIRP_POLL_IN : 0) | (r & POLLOUT ? SLIRP_POLL_OUT : 0) |
           (r & POLLPRI ? SLIRP_POLL_PRI : 0) | (r & POLLERR ? SLIRP_POLL_ERR : 0) |
           (r & POLLHUP ? SLIRP_POLL_HUP : 0);
}

static int loop_fill(void *opaque, struct pollfd *fds, int max, int *timeout_ms)
{
    NetSlirp *ns = opaque;
    uint32_t t = (uint32_t)*timeout_ms;
    int n;

    ns->nfds = 0;
    if (t > INT32_MAX) {
        t = INT32_MAX;
    }
    slirp_pollfds_fill(ns->slirp, &t, add_poll, ns);
    if (t < (uint32_t)*timeout_ms) {
        *timeout_ms = (int)t;
    }
    n = ns->nfds < max ? ns->nfds : max;
    memcpy(fds, ns->fds, (size_t)n * sizeof(*fds));
    return n;
}

static void loop_dispatch(void *opaque, struct pollfd *fds, int n, bool poll_failed)
{
    NetSlirp *ns = opaque;

    ns->polled = fds;
    ns->npolled = n;
    slirp_pollfds_poll(ns->slirp, poll_failed, get_revents, ns);
    ns->polled = NULL;
    ns->npolled = 0;
}

void net_slirp_input(void *opaque, const uint8_t *frame, size_t len)
{
    NetSlirp *ns = opaque;

    slirp_input(ns->slirp, frame, (int)len);
}

static struct in_addr in4(uint32_t host_order)
{
    struct in_addr a = { .s_addr = htonl(host_order) };

    return a;
}

NetSlirp *net_slirp_new(const NetdevConfig *nd, NetSlirpReceive rx, void *rx_opaque,
                        EmuError *err)
{
    uint32_t net = 0x0a000200u, mask = 0xffffff00u;   /* 10.0.2.0/24 */
    SlirpConfig sc;
    NetSlirp *ns;

    if (nd->net && !net_slirp_parse_net(nd->net, &net, &mask)) {
        emu_error_set(err, "-netdev user: invalid net=%s (ADDR/BITS or ADDR/MASK, at least 16 addresses)",
                      nd->net);
        return NULL;
    }
    ns = calloc(1, sizeof(*ns));
    if (!ns) {
        emu_error_set(err, "out of memory");
        return NULL;
    }
    ns->rx = rx;
    ns->rx_opaque = rx_opaque;
    memset(&sc, 0, sizeof(sc));
    sc.version = 1;
    sc.in_enabled = true;
    sc.vnetwork = in4(net);
    sc.vnetmask = in4(mask);
    sc.vhost = in4(net | 2);
    sc.vdhcp_start = in4(net | 15);
    sc.vnameserver = in4(net | 3);
    sc.if_mtu = 1500;
    sc.if_mru = 1500;
    ns->slirp = slirp_new(&sc, &slirp_cbs, ns);
    if (!ns->slirp) {
        emu_error_set(err, "-netdev user,id=%s: libslirp refused the configuration", nd->id);
        free(ns);
        return NULL;
    }
    for (int i = 0; i < nd->nb_hostfwd; i++) {
        unsigned hp = 0, gp = 0;
        char proto[4] = "";

        /* Checked by the options parser: (tcp|udp)::HOSTPORT-:GUESTPORT. */
        if (sscanf(nd->hostfwd[i], "%3[a-z]::%u-:%u", proto, &hp, &gp) != 3 ||
            slirp_add_hostfwd(ns->slirp, !strcmp(proto, "udp"), in4(0x7f000001u), (int)hp,
                              in4(net | 15), (int)gp) < 0) {
            emu_error_set(err, "-netdev user,id=%s: cannot forward 127.0.0.1:%u (port in use?)",
                          nd->id, hp);
            net_slirp_free(ns);
            return NULL;
        }
    }
    if (!main_loop_add_poller(loop_fill, loop_dispatch, ns)) {
        emu_error_set(err, "-netdev user: too many network back-ends");
        net_slirp_free(ns);
        return NULL;
    }
    return ns;
}

void net_slirp_free(NetSlirp *ns)
{
    if (!ns) {
        return;
    }
    main_loop_remove_poller(ns);
    slirp_cleanup(ns->slirp);
    free(ns->fds);
    free(ns);
}

#else /* !CONFIG_SLIRP */

NetSlirp *net_slirp_new(const NetdevConfig *nd, NetSlirpReceive rx, void *rx_opaque,
                        EmuError *err)
{
    emu_error_set(err, "-netdev user: this aarch64-system was built without libslirp");
    return NULL;
}

void net_slirp_input(void *ns, const uint8_t *frame, size_t len)
{
}

void net_slirp_free(NetSlirp *ns)
{
}

#endif
