// A tty container's terminal in its shim: runc sends the terminal's master over the console
// socket (`runc create --console-socket`), and the shim then copies the stdin FIFO to it.
#define _GNU_SOURCE
#include "shim_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int terminal_receive(int listener, int timeout_ms) {
    struct pollfd pfd = {listener, POLLIN, 0};
    int ready;
    while ((ready = poll(&pfd, 1, timeout_ms)) < 0 && errno == EINTR) {
    }
    if (ready <= 0) return errno = ready == 0 ? ETIMEDOUT : errno, -1;
    int conn = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
    if (conn < 0) return -1;
    /* runc sends the terminal's name as the data and its master as the one right. */
    char name[4096];
    char control[CMSG_SPACE(sizeof(int))];
    struct iovec iov = {name, sizeof name};
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control, .msg_controllen = sizeof control};
    ssize_t r;
    while ((r = recvmsg(conn, &msg, MSG_CMSG_CLOEXEC)) < 0 && errno == EINTR) {
    }
    close(conn);
    struct cmsghdr *c = r >= 0 ? CMSG_FIRSTHDR(&msg) : NULL;
    if (c == NULL || c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS || c->cmsg_len != CMSG_LEN(sizeof(int)))
        return errno = r < 0 ? errno : EPROTO, -1;
    int master;
    memcpy(&master, CMSG_DATA(c), sizeof master);
    fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
    return master;
}

int terminal_input_poll(const struct terminal_input *t, struct pollfd *fd) {
    if (t->master < 0) return 0;
    if (t->len > t->off) {
        *fd = (struct pollfd){t->master, POLLOUT, 0};
        return 1;
    }
    if (t->fifo < 0) return 0;
    *fd = (struct pollfd){t->fifo, POLLIN, 0};
    return 1;
}

void terminal_input_handle(struct terminal_input *t, short revents) {
    if (revents == 0) return;
    if (t->len > t->off) {
        ssize_t w = write(t->master, t->buf + t->off, t->len - t->off);
        if (w > 0) t->off += (size_t)w;
        else if (w < 0 && errno != EINTR && errno != EAGAIN) t->off = t->len; /* the terminal is gone */
        if (t->off == t->len) t->off = t->len = 0;
        return;
    }
    ssize_t r = read(t->fifo, t->buf, sizeof t->buf);
    if (r > 0) {
        t->len = (size_t)r;
        t->off = 0;
    } else if (r == 0 || (errno != EINTR && errno != EAGAIN)) {
        /* Stdin closed for good: a terminal has no half-close, so it gets end-of-file (^D) typed. */
        close(t->fifo);
        t->fifo = -1;
        t->buf[0] = 4;
        t->len = 1;
        t->off = 0;
    }
}
