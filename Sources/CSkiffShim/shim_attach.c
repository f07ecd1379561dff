// The attach socket of a container's shim (kubectl attach): every client connected to it gets
// the container's output from then on, as it is read, before any line is complete (a shell's
// prompt has no newline). Frames are a stream byte (1 stdout, 2 stderr), a big-endian 32-bit
// length and the bytes. A client writes 4-byte records, columns and rows as big-endian 16-bit
// numbers, to resize the container's terminal. A client that falls behind by more than its
// socket's buffer is dropped rather than let it stall the container's log.
#define _GNU_SOURCE
#include "CSkiffShim.h"
#include "shim_internal.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

/// How much output a client's socket holds before the client counts as fallen behind.
#define ATTACH_SEND_BUFFER (1 << 20)

void attach_init(struct attach_hub *hub) {
    hub->listener = -1;
    hub->terminal = -1;
    for (int i = 0; i < ATTACH_MAX_CLIENTS; i++) {
        hub->clients[i] = -1;
        hub->partial[i] = 0;
    }
}

int attach_listen(struct attach_hub *hub, const char *path) {
    char reach[128];
    int dirfd;
    hub->listener = shim_unix_listen(path, reach, sizeof reach, &dirfd);
    if (hub->listener < 0) return -1;
    close(dirfd);
    return 0;
}

static void drop(struct attach_hub *hub, int i) {
    close(hub->clients[i]);
    hub->clients[i] = -1;
    hub->partial[i] = 0;
}

int attach_poll_fds(const struct attach_hub *hub, struct pollfd *fds, int *slots) {
    int n = 0;
    if (hub->listener >= 0) {
        fds[n] = (struct pollfd){hub->listener, POLLIN, 0};
        slots[n++] = -1;
    }
    for (int i = 0; i < ATTACH_MAX_CLIENTS; i++) {
        if (hub->clients[i] < 0) continue;
        fds[n] = (struct pollfd){hub->clients[i], POLLIN, 0};
        slots[n++] = i;
    }
    return n;
}

/// Reads a client's resize records; applies the last complete one. A client that closed is dropped.
static void read_client(struct attach_hub *hub, int i) {
    unsigned char data[256];
    ssize_t r = read(hub->clients[i], data, sizeof data);
    if (r == 0 || (r < 0 && errno != EINTR && errno != EAGAIN)) {
        drop(hub, i);
        return;
    }
    for (ssize_t k = 0; k < r; k++) {
        hub->record[i][hub->partial[i]++] = data[k];
        if (hub->partial[i] < 4) continue;
        hub->partial[i] = 0;
        unsigned short columns = (unsigned short)(hub->record[i][0] << 8 | hub->record[i][1]);
        unsigned short rows = (unsigned short)(hub->record[i][2] << 8 | hub->record[i][3]);
        if (hub->terminal >= 0) skiff_set_window_size(hub->terminal, columns, rows);
    }
}

void attach_accept(struct attach_hub *hub) {
    if (hub->listener < 0) return;
    int fd;
    while ((fd = accept4(hub->listener, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0) {
        int slot = -1;
        for (int i = 0; i < ATTACH_MAX_CLIENTS && slot < 0; i++) {
            if (hub->clients[i] < 0) slot = i;
        }
        if (slot < 0) {
            close(fd);
            continue;
        }
        int size = ATTACH_SEND_BUFFER;
        /* Beyond net.core.wmem_max only as root (the shim is); else as much as allowed. */
        if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &size, sizeof size) != 0)
            setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
        hub->clients[slot] = fd;
        hub->partial[slot] = 0;
        /* A resize the client sent at once applies before anything else it asked for. */
        read_client(hub, slot);
    }
}

void attach_handle(struct attach_hub *hub, const struct pollfd *fds, const int *slots, int n) {
    for (int k = 0; k < n; k++) {
        if (fds[k].revents == 0) continue;
        if (slots[k] < 0) attach_accept(hub);
        else if (hub->clients[slots[k]] == fds[k].fd) read_client(hub, slots[k]);
    }
}

void attach_broadcast(struct attach_hub *hub, int stream, const char *data, size_t n) {
    unsigned char head[5] = {(unsigned char)stream, (unsigned char)(n >> 24), (unsigned char)(n >> 16),
                             (unsigned char)(n >> 8), (unsigned char)n};
    for (int i = 0; i < ATTACH_MAX_CLIENTS; i++) {
        if (hub->clients[i] < 0) continue;
        struct iovec iov[2] = {{head, sizeof head}, {(void *)data, n}};
        struct msghdr msg = {.msg_iov = iov, .msg_iovlen = 2};
        ssize_t w;
        while ((w = sendmsg(hub->clients[i], &msg, MSG_NOSIGNAL | MSG_DONTWAIT)) < 0 && errno == EINTR) {
        }
        /* A short write would leave a torn frame: the client has fallen behind and goes. */
        if (w != (ssize_t)(sizeof head + n)) drop(hub, i);
    }
}

void attach_close(struct attach_hub *hub, const char *path) {
    if (hub->listener >= 0) {
        close(hub->listener);
        hub->listener = -1;
        unlink(path);
    }
    for (int i = 0; i < ATTACH_MAX_CLIENTS; i++) {
        if (hub->clients[i] >= 0) drop(hub, i);
    }
}
