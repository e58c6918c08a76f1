/* The main loop: see system/main-loop.h. */
#include "system/main-loop.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <time.h>
#include <unistd.h>
#include "accel/softmmu.h"
#include "hw/clock.h"

/*
 * We sleep until the earliest timer deadline (hw/clock.c wakes us through
 * the pipe when a vCPU arms an earlier one), or without limit when no timer
 * is armed.  The one exception: serial input the guest's UART had no room
 * for waits in the back-end, and the UART does not say when it drains, so
 * while some is waiting we look again this often.
 */
#define MAIN_LOOP_INPUT_RETRY_NS 1000000

/* Room for the wake pipe, the serial port and the pollers' sockets. */
#define MAIN_LOOP_MAX_FDS 1024

static int wake_pipe[2] = { -1, -1 };
static struct {
    MainLoopFill fill;
    MainLoopDispatch dispatch;
    void *opaque;
} pollers[MAIN_LOOP_MAX_POLLERS];
static struct pollfd loop_fds[MAIN_LOOP_MAX_FDS];
static volatile int exit_requested;
static volatile int exit_status;
static volatile int reset_requested;

void main_loop_init(void)
{
    if (wake_pipe[0] < 0 && pipe2(wake_pipe, O_CLOEXEC | O_NONBLOCK) < 0) {
        wake_pipe[0] = wake_pipe[1] = -1;
    }
    clock_set_deadline_notify(main_loop_kick);
}

void main_loop_kick(void)
{
    if (wake_pipe[1] >= 0) {
        char c = 0;
        ssize_t r = write(wake_pipe[1], &c, 1);
        (void)r;   /* a full pipe already wakes the loop */
    }
}

void main_loop_request_exit(int status)
{
    if (!__atomic_exchange_n(&exit_requested, 1, __ATOMIC_SEQ_CST)) {
        exit_status = status;
    }
    main_loop_kick();
}

void main_loop_request_reset(void)
{
    __atomic_store_n(&reset_requested, 1, __ATOMIC_SEQ_CST);
    main_loop_kick();
}

bool main_loop_add_poller(MainLoopFill fill, MainLoopDispatch dispatch, void *opaque)
{
    for (int i = 0; i < MAIN_LOOP_MAX_POLLERS; i++) {
        if (!pollers[i].fill) {
            pollers[i].fill = fill;
            pollers[i].dispatch = dispatch;
            pollers[i].opaque = opaque;
            return true;
        }
    }
    return false;
}

void main_loop_remove_poller(void *opaque)
{
    for (int i = 0; i < MAIN_LOOP_MAX_POLLERS; i++) {
        if (pollers[i].fill && pollers[i].opaque == opaque) {
            pollers[i].fill = NULL;
        }
    }
}

static void drain_wake_pipe(void)
{
    char buf[64];

    while (read(wake_pipe[0], buf, sizeof(buf)) > 0) {
    }
}

int main_loop_run(Chardev *serial, bool (*reset)(void *opaque), void *opaque)
{
    for (;;) {
        struct pollfd *fds = loop_fds;
        nfds_t n = 0;
        int poller_first[MAIN_LOOP_MAX_POLLERS], poller_n[MAIN_LOOP_MAX_POLLERS];
        bool poll_failed = false;
        int64_t next;
        struct timespec ts;
        int serial_slot = -1;
        bool backlog = false;

        softmmu_io_lock();
        next = timers_run_expired();
        softmmu_io_unlock();

        if (__atomic_load_n(&exit_requested, __ATOMIC_SEQ_CST)) {
            return exit_status;
        }
        if (__atomic_exchange_n(&reset_requested, 0, __ATOMIC_SEQ_CST)) {
            if (!reset(opaque)) {
                return 1;
            }
            continue;
        }

        fds[n].fd = wake_pipe[0];
        fds[n++].events = POLLIN;
        if (serial) {
            softmmu_io_lock();
            bool wants = chardev_wants_input(serial);
            backlog = chardev_input_backlog(serial);
            softmmu_io_unlock();
            if (wants && chardev_poll_fd(serial) >= 0) {
                serial_slot = (int)n;
                fds[n].fd = chardev_poll_fd(serial);
                fds[n++].events = POLLIN;
            }
        }
        if (backlog && (next < 0 || next > MAIN_LOOP_INPUT_RETRY_NS)) {
            next = MAIN_LOOP_INPUT_RETRY_NS;
        }
        /* Pollers (slirp) add their fds and may shorten the wait (in milliseconds). */
        int timeout = next < 0 ? -1 : (int)((next + 999999) / 1000000);
        softmmu_io_lock();
        for (int i = 0; i < MAIN_LOOP_MAX_POLLERS; i++) {
            poller_n[i] = 0;
            if (pollers[i].fill) {
                poller_first[i] = (int)n;
                poller_n[i] = pollers[i].fill(pollers[i].opaque, fds + n,
                                              MAIN_LOOP_MAX_FDS - (int)n, &timeout);
                n += (nfds_t)poller_n[i];
            }
        }
        softmmu_io_unlock();
        if (timeout >= 0 && (next < 0 || (int64_t)timeout * 1000000 < next)) {
            next = (int64_t)timeout * 1000000;
        }
        ts.tv_sec = next / 1000000000;
        ts.tv_nsec = next % 1000000000;
        if (ppoll(fds, n, next < 0 ? NULL : &ts, NULL) < 0) {
            if (errno != EINTR) {
                return 1;
            }
            poll_failed = true;
            for (nfds_t i = 0; i < n; i++) {
                fds[i].revents = 0;
            }
        }
        softmmu_io_lock();
        for (int i = 0; i < MAIN_LOOP_MAX_POLLERS; i++) {
            if (pollers[i].fill && pollers[i].dispatch) {
                pollers[i].dispatch(pollers[i].opaque, fds + poller_first[i], poller_n[i],
                                    poll_failed);
            }
        }
        softmmu_io_unlock();
        if (fds[0].revents & POLLIN) {
            drain_wake_pipe();
        }
        if (serial_slot >= 0 && (fds[serial_slot].revents & (POLLIN | POLLHUP | POLLERR))) {
            softmmu_io_lock();
            chardev_read_ready(serial);
            softmmu_io_unlock();
        }
    }
}
