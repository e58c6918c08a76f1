/*
 * -netdev user: user-mode networking with libslirp (issue #9).
 *
 * The guest sees the usual 10.0.2.0/24 network (or the one from net=):
 * gateway/host .2 (its connections go to the host's loopback), DNS .3,
 * DHCP from .15.  hostfwd=tcp::HP-:GP forwards 127.0.0.1:HP on the host to
 * the guest's GP (at the first DHCP address).  Every slirp call happens
 * with the board's I/O lock held: frames from the device come in on vCPU
 * threads (which hold it for MMIO), sockets and timers are served by the
 * main loop, which takes it (main_loop_add_poller).
 *
 * Built without libslirp (CONFIG_SLIRP=0) net_slirp_new only fails; the
 * options parser refuses -netdev user before that.
 *
 * Public functions: net_slirp_new, net_slirp_input, net_slirp_free,
 * net_slirp_parse_net.
 */
#ifndef SYSTEM_NET_SLIRP_H
#define SYSTEM_NET_SLIRP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "system/options.h"
#include "util/error.h"

typedef struct NetSlirp NetSlirp;

/* Where slirp's frames for the guest go (the device's receive). */
typedef bool (*NetSlirpReceive)(void *opaque, const uint8_t *frame, size_t len);

NetSlirp *net_slirp_new(const NetdevConfig *nd, NetSlirpReceive rx, void *rx_opaque,
                        EmuError *err);
/* One frame from the guest (I/O lock held). */
void net_slirp_input(void *ns, const uint8_t *frame, size_t len);
void net_slirp_free(NetSlirp *ns);

/* "A.B.C.D/N" or "A.B.C.D/M.M.M.M" -> network and mask (host order); false if malformed. */
bool net_slirp_parse_net(const char *s, uint32_t *net, uint32_t *mask);

#endif
