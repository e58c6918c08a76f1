/* -serial back-ends: see system/chardev.h. */
#include "system/chardev.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>
#include "system/main-loop.h"
#include "system/monitor.h"

#define CTRL_A 0x01

struct Chardev {
    SerialKind kind;
    int in_fd;               /* -1: no input */
    int out_fd;              /* -1: output dropped */
    int listen_fd;           /* tcp server */
    bool escape_pending;     /* stdio: the last byte was Ctrl-A */
    bool monitor_mode;       /* stdio: Ctrl-A c switched the console to the monitor */
    /*
     * Input read but not yet taken by the front-end: the descriptor is read
     * even while the guest does not accept input, so that Ctrl-A escapes
     * always work.
     */
    uint8_t pending[256];
    size_t pending_len;
    ChardevCanReceiveFn can_receive;
    ChardevReceiveFn receive;
    void *opaque;
};

/* The terminal state to put back; a single one per process (there is one stdin). */
static struct termios saved_tty;
static volatile sig_atomic_t tty_saved;

static void tty_restore(void)
{
    if (tty_saved) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved_tty);
        tty_saved = 0;
    }
}

static void tty_signal(int sig)
{
    tty_restore();
    signal(sig, SIG_DFL);
    raise(sig);
}

/*
 * Raw input so that every key (Ctrl-C included) reaches the guest; output
 * processing stays on so that a lone "\n" still returns the carriage.
 */
static void tty_make_raw(void)
{
    struct termios t;

    if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &saved_tty) < 0) {
        return;
    }
    t = saved_tty;
    t.c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
    t.c_lflag &= ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
    t.c_cflag &= ~(CSIZE | PARENB);
    t.c_cflag |= CS8;
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    tty_saved = 1;
    atexit(tty_restore);
    signal(SIGTERM, tty_signal);
    signal(SIGHUP, tty_signal);
    signal(SIGQUIT, tty_signal);
    signal(SIGINT, tty_signal);
    tcsetattr(STDIN_FILENO, TCSANOW, &t);
}

static bool open_tcp(Chardev *c, const SerialConfig *cfg, EmuError *err)
{
    struct sockaddr_in sa;
    int one = 1;
    int fd;

    if (!cfg->server) {
        return emu_error_set(err, "-serial tcp: only the server mode (tcp::PORT,server) is supported");
    }
    fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return emu_error_set(err, "-serial tcp: socket: %s", strerror(errno));
    }
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)cfg->port);
    sa.sin_addr.s_addr = htonl(INADDR_ANY);
    if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(fd, 1) < 0) {
        int e = errno;
        close(fd);
        return emu_error_set(err, "-serial tcp::%u: %s", cfg->port, strerror(e));
    }
    c->listen_fd = fd;
    if (cfg->wait) {
        fprintf(stderr, "%s: waiting for a connection on tcp::%u\n", emu_progname(), cfg->port);
        c->in_fd = accept4(fd, NULL, NULL, SOCK_CLOEXEC);
        if (c->in_fd < 0) {
            return emu_error_set(err, "-serial tcp::%u: accept: %s", cfg->port, strerror(errno));
        }
        c->out_fd = c->in_fd;
    }
    return true;
}

Chardev *chardev_open(const SerialConfig *cfg, EmuError *err)
{
    Chardev *c = calloc(1, sizeof(*c));

    if (!c) {
        emu_error_set(err, "out of memory");
        return NULL;
    }
    c->kind = cfg->kind == SERIAL_DEFAULT ? SERIAL_STDIO : cfg->kind;
    c->in_fd = c->out_fd = c->listen_fd = -1;
    switch (c->kind) {
    case SERIAL_NONE:
    case SERIAL_DEFAULT:
        break;
    case SERIAL_STDIO:
        c->in_fd = STDIN_FILENO;
        c->out_fd = STDOUT_FILENO;
        tty_make_raw();
        break;
    case SERIAL_FILE:
        c->out_fd = open(cfg->path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (c->out_fd < 0) {
            emu_error_set(err, "-serial file:%s: %s", cfg->path, strerror(errno));
            free(c);
            return NULL;
        }
        break;
    case SERIAL_TCP:
        if (!open_tcp(c, cfg, err)) {
            if (c->listen_fd >= 0) {
                close(c->listen_fd);
            }
            free(c);
            return NULL;
        }
        break;
    }
    return c;
}

void chardev_set_handlers(Chardev *c, ChardevCanReceiveFn can_receive, ChardevReceiveFn receive,
                          void *opaque)
{
    c->can_receive = can_receive;
    c->receive = receive;
    c->opaque = opaque;
}

void chardev_write(void *opaque, const uint8_t *buf, size_t len)
{
    Chardev *c = opaque;
    int fd = c ? __atomic_load_n(&c->out_fd, __ATOMIC_ACQUIRE) : -1;

    while (fd >= 0 && len > 0) {
        ssize_t n = c->kind == SERIAL_TCP ? send(fd, buf, len, MSG_NOSIGNAL) : write(fd, buf, len);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return;   /* a closed pipe or socket: the guest's output is lost, as on a cut line */
        }
        buf += n;
        len -= (size_t)n;
    }
}

int chardev_poll_fd(Chardev *c)
{
    if (c->kind == SERIAL_TCP && c->in_fd < 0) {
        return c->listen_fd;
    }
    return c->in_fd;
}

/* Hand the front-end what it accepts now of the pending input. */
static void flush_pending(Chardev *c)
{
    size_t n = c->pending_len;

    if (!n || !c->receive) {
        return;
    }
    if (c->can_receive) {
        size_t room = c->can_receive(c->opaque);
        n = n < room ? n : room;
    }
    if (n) {
        c->receive(c->opaque, c->pending, n);
        memmove(c->pending, c->pending + n, c->pending_len - n);
        c->pending_len -= n;
    }
}

bool chardev_wants_input(Chardev *c)
{
    if (c->kind == SERIAL_TCP && c->in_fd < 0) {
        return true;   /* accepting is always welcome */
    }
    flush_pending(c);
    return c->in_fd >= 0 && c->pending_len < sizeof(c->pending);
}

bool chardev_input_backlog(const Chardev *c)
{
    return c->pending_len > 0;
}

/* Ctrl-A escapes of the stdio back-end (QEMU's keys); returns bytes to pass on in out. */
static size_t stdio_filter(Chardev *c, const uint8_t *in, size_t len, uint8_t *out)
{
    size_t n = 0;

    for (size_t i = 0; i < len; i++) {
        uint8_t ch = in[i];
        if (!c->escape_pending) {
            if (ch == CTRL_A) {
                c->escape_pending = true;
            } else if (c->monitor_mode) {
                monitor_feed(&ch, 1, chardev_write, c);
            } else {
                out[n++] = ch;
            }
            continue;
        }
        c->escape_pending = false;
        switch (ch) {
        case 'x':
            fprintf(stderr, "\r\n%s: terminated (Ctrl-A x)\r\n", emu_progname());
            main_loop_request_exit(0);
            break;
        case 'c':
            /* Toggle between the guest's console and the monitor (system/monitor.h). */
            c->monitor_mode = !c->monitor_mode;
            if (c->monitor_mode) {
                static const uint8_t prompt[] = "\r\n(qemu) ";
                chardev_write(c, prompt, sizeof(prompt) - 1);
            } else {
                chardev_write(c, (const uint8_t *)"\r\n", 2);
            }
            break;
        case 'h':
        case '?':
            fprintf(stderr, "\r\nC-a h    print this help\r\nC-a x    exit emulator\r\n"
                            "C-a c    switch between console and monitor\r\n"
                            "C-a C-a  sends C-a\r\n");
            break;
        case CTRL_A:
            out[n++] = CTRL_A;
            break;
        default:
            break;   /* unknown escapes are swallowed, as QEMU does */
        }
    }
    return n;
}

void chardev_read_ready(Chardev *c)
{
    uint8_t buf[64];
    size_t room = sizeof(c->pending) - c->pending_len;
    ssize_t n;

    if (c->kind == SERIAL_TCP && c->in_fd < 0) {
        int fd = accept4(c->listen_fd, NULL, NULL, SOCK_CLOEXEC);
        if (fd >= 0) {
            c->in_fd = fd;
            __atomic_store_n(&c->out_fd, fd, __ATOMIC_RELEASE);
        }
        return;
    }
    if (room > sizeof(buf)) {
        room = sizeof(buf);
    }
    if (room == 0) {
        flush_pending(c);
        return;
    }
    n = read(c->in_fd, buf, room);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) {
        return;
    }
    if (n <= 0) {
        /* End of input: a tcp client left (listen again), stdin closed (stop reading). */
        if (c->kind == SERIAL_TCP) {
            __atomic_store_n(&c->out_fd, -1, __ATOMIC_RELEASE);
            close(c->in_fd);
        }
        c->in_fd = -1;
        return;
    }
    if (c->kind == SERIAL_STDIO) {
        c->pending_len += stdio_filter(c, buf, (size_t)n, c->pending + c->pending_len);
    } else {
        memcpy(c->pending + c->pending_len, buf, (size_t)n);
        c->pending_len += (size_t)n;
    }
    flush_pending(c);
}

void chardev_close(Chardev *c)
{
    if (!c) {
        return;
    }
    if (c->kind == SERIAL_STDIO) {
        tty_restore();
    } else {
        if (c->in_fd >= 0) {
            close(c->in_fd);
        }
        if (c->out_fd >= 0 && c->out_fd != c->in_fd) {
            close(c->out_fd);
        }
        if (c->listen_fd >= 0) {
            close(c->listen_fd);
        }
    }
    free(c);
}
