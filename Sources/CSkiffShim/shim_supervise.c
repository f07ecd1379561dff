// The shim's life after `runc create`: copies the container's output to the CRI log and to the
// attached clients, a tty container's stdin to its terminal, reaps its init and records how it
// exited.
#define _GNU_SOURCE
#include "shim_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/// How long output may still arrive after the container's init has exited.
#define DRAIN_AFTER_EXIT_MS 2000

/// The `oom_kill` counter of a cgroup v1 memory.oom_control or v2 memory.events file (0 if absent).
static long oom_kills(const char *path) {
    if (path == NULL) return 0;
    FILE *f = fopen(path, "re");
    if (f == NULL) return 0;
    char key[64];
    long value, found = 0;
    while (fscanf(f, "%63s %ld", key, &value) == 2) {
        if (strcmp(key, "oom_kill") == 0) found = value;
    }
    fclose(f);
    return found;
}

/// Writes the exit record atomically (temp file + rename).
static void write_exit(const struct shim_watch *w, int status, const struct timespec *at) {
    int code = 255, sig = 0;
    if (WIFEXITED(status)) code = WEXITSTATUS(status);
    else if (WIFSIGNALED(status)) {
        sig = WTERMSIG(status);
        code = 128 + sig;
    }
    long oom = oom_kills(w->oom_file);
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", w->exit_file);
    FILE *f = fopen(tmp, "we");
    if (f == NULL) return;
    fprintf(f, "{\"exitCode\":%d,\"signal\":%d,\"oomKilled\":%s,\"finishedAtNanos\":%lld}\n", code, sig,
            oom > 0 ? "true" : "false", (long long)at->tv_sec * 1000000000LL + at->tv_nsec);
    fflush(f);
    fsync(fileno(f));
    fclose(f);
    rename(tmp, w->exit_file);
}

/// SIGUSR1 (the kubelet renamed the log to rotate it): opens the log path anew in place of logfd.
static void reopen_log(const char *path, int logfd) {
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
    if (fd < 0) return;
    dup3(fd, logfd, O_CLOEXEC);
    close(fd);
}

/// Milliseconds until `deadline` (at least 0).
static int remaining_ms(const struct timespec *deadline) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    long ms = (deadline->tv_sec - now.tv_sec) * 1000 + (deadline->tv_nsec - now.tv_nsec) / 1000000;
    return ms > 0 ? (int)ms : 0;
}

/// Handles the signals read from the signalfd; returns 1 when init was reaped (status in *status).
static int handle_signals(struct shim_watch *w, int *status) {
    struct signalfd_siginfo si;
    while (read(w->signals, &si, sizeof si) > 0) {
        /* SIGUSR2: close stdin for good (stdinOnce after the first attach). */
        if (si.ssi_signo == SIGUSR2 && w->keeper >= 0) {
            close(w->keeper);
            w->keeper = -1;
        }
        /* SIGUSR1: the kubelet renamed the log to rotate it. */
        if (si.ssi_signo == SIGUSR1) reopen_log(w->log, w->logfd);
    }
    int reaped = 0, st;
    pid_t pid;
    while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
        if (pid == w->init_pid) {
            reaped = 1;
            *status = st;
        }
    }
    return reaped;
}

/// Reads what stream `i` has: to the log and the clients; closes it at its end.
static void copy_output(struct shim_watch *w, int i, char *chunk, size_t capacity) {
    struct cri_stream *s = &w->streams[i];
    ssize_t r = read(s->fd, chunk, capacity);
    if (r > 0) {
        cri_feed(w->logfd, s, chunk, (size_t)r);
        attach_accept(&w->hub);
        attach_broadcast(&w->hub, i + 1, chunk, (size_t)r);
    } else if (r == 0 || (errno != EINTR && errno != EAGAIN)) {
        /* End of file, or EIO: a terminal whose every other holder has gone. */
        cri_flush(w->logfd, s);
        close(s->fd);
        s->fd = -1;
    }
}

void shim_supervise(struct shim_watch *w) {
    int init_done = 0, init_status = 255 << 8; /* exit code 255 unless init is reaped */
    struct timespec finished = {0}, deadline = {0};
    static char chunk[65536];
    for (;;) {
        if (init_done && w->streams[0].fd < 0 && w->streams[1].fd < 0) break;
        int timeout = init_done ? remaining_ms(&deadline) : -1;
        if (init_done && timeout == 0) break;
        struct pollfd fds[4 + 1 + ATTACH_MAX_CLIENTS] = {
            {w->signals, POLLIN, 0}, {w->streams[0].fd, POLLIN, 0}, {w->streams[1].fd, POLLIN, 0}};
        int n = 3;
        int input = terminal_input_poll(&w->input, &fds[n]) ? n++ : -1;
        int slots[1 + ATTACH_MAX_CLIENTS];
        int hub_at = n;
        int hub_n = attach_poll_fds(&w->hub, &fds[n], slots);
        n += hub_n;
        int ready = poll(fds, (nfds_t)n, timeout);
        if (ready < 0 && errno != EINTR) break;
        if (ready <= 0) continue;
        if (fds[0].revents && handle_signals(w, &init_status) && !init_done) {
            init_done = 1;
            clock_gettime(CLOCK_REALTIME, &finished);
            clock_gettime(CLOCK_MONOTONIC, &deadline);
            deadline.tv_nsec += (DRAIN_AFTER_EXIT_MS % 1000) * 1000000L;
            deadline.tv_sec += DRAIN_AFTER_EXIT_MS / 1000 + deadline.tv_nsec / 1000000000L;
            deadline.tv_nsec %= 1000000000L;
        }
        for (int i = 0; i < 2; i++) {
            if (w->streams[i].fd >= 0 && fds[i + 1].revents) copy_output(w, i, chunk, sizeof chunk);
        }
        /* Resizes first: a client that resizes and then types gets its keys read at its size. */
        attach_handle(&w->hub, &fds[hub_at], slots, hub_n);
        if (input >= 0) terminal_input_handle(&w->input, fds[input].revents);
    }
    for (int i = 0; i < 2; i++) cri_flush(w->logfd, &w->streams[i]);
    write_exit(w, init_status, &finished);
    attach_close(&w->hub, w->attach);
}
