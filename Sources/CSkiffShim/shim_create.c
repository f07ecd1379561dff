// `skiff shim create`: runs `runc create` for one container and stays with it as its parent
// (a child subreaper, daemonised by setsid and a double fork so it outlives the kubelet): copies
// its stdout/stderr to the CRI log file (reopened on SIGUSR1, for log rotation), reaps its init
// and records the exit status.
//
// With `--rootfs DIR --overlay OPTIONS`, `runc create` runs in a mount namespace of its own in
// which the container's overlay is mounted on DIR: the container's namespace is copied from it,
// and the host's mount table never holds the overlay. Every `runc` and `runc init` reads the
// whole table (/proc/self/mountinfo) several times, so each mount the host holds per pod costs
// every later container start; the namespace ends with `runc create`.
#define _GNU_SOURCE
#include "shim_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/// How long output may still arrive after the container's init has exited.
#define DRAIN_AFTER_EXIT_MS 2000

struct create_args {
    const char *runc, *root, *bundle, *id, *pid_file, *log, *exit_file, *oom_file, *stdin_fifo, *rootfs, *overlay;
};

/// In the child that becomes `runc create`: a private mount namespace with the overlay on the
/// rootfs. Nothing mounted here reaches the host's table, and host mounts made later do not
/// reach this one (runc marks the container's mounts as it needs them).
static int mount_private_rootfs(const struct create_args *a) {
    if (unshare(CLONE_NEWNS) != 0) {
        dprintf(2, "unshare the mount namespace: %s\n", strerror(errno));
        return -1;
    }
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) {
        dprintf(2, "make the mount namespace private: %s\n", strerror(errno));
        return -1;
    }
    if (mount("overlay", a->rootfs, "overlay", 0, a->overlay) != 0) {
        dprintf(2, "mount overlay on %s: %s\n", a->rootfs, strerror(errno));
        return -1;
    }
    return 0;
}

/// Writes the one-line report (`ok <pid>` / `error <message>`) the caller reads from our stdout.
static void report(const char *fmt, const char *text, long pid) {
    char line[4096];
    int n = text ? snprintf(line, sizeof line, fmt, text) : snprintf(line, sizeof line, fmt, pid);
    if (n < 0) return;
    if ((size_t)n >= sizeof line) n = sizeof line - 1;
    for (int i = 0; i < n - 1; i++) {
        if (line[i] == '\n' || line[i] == '\r') line[i] = ' ';
    }
    ssize_t off = 0;
    while (off < n) {
        ssize_t w = write(1, line + off, (size_t)(n - off));
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) break;
        off += w;
    }
}

/// Reads what is in a (non-blocking) pipe into buf (NUL-terminated); returns the length.
static size_t drain_nonblocking(int fd, char *buf, size_t cap, size_t len) {
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    while (len + 1 < cap) {
        ssize_t r = read(fd, buf + len, cap - 1 - len);
        if (r <= 0) break;
        len += (size_t)r;
    }
    buf[len] = 0;
    return len;
}

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
static void write_exit(const struct create_args *a, int status, const struct timespec *at) {
    int code = 255, sig = 0;
    if (WIFEXITED(status)) code = WEXITSTATUS(status);
    else if (WIFSIGNALED(status)) {
        sig = WTERMSIG(status);
        code = 128 + sig;
    }
    long oom = oom_kills(a->oom_file);
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", a->exit_file);
    FILE *f = fopen(tmp, "we");
    if (f == NULL) return;
    fprintf(f, "{\"exitCode\":%d,\"signal\":%d,\"oomKilled\":%s,\"finishedAtNanos\":%lld}\n", code, sig,
            oom > 0 ? "true" : "false", (long long)at->tv_sec * 1000000000LL + at->tv_nsec);
    fflush(f);
    fsync(fileno(f));
    fclose(f);
    rename(tmp, a->exit_file);
}

/// Runs `runc create` in a child with the pipes as its stdio; returns its wait status or -1.
static int run_runc_create(const struct create_args *a, int in, int out, int err, const sigset_t *oldmask) {
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        sigprocmask(SIG_SETMASK, oldmask, NULL);
        signal(SIGPIPE, SIG_DFL);
        int input = in >= 0 ? in : open("/dev/null", O_RDONLY);
        if (input < 0 || dup2(input, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0) _exit(126);
        if (a->rootfs != NULL && mount_private_rootfs(a) != 0) _exit(126);
        char *argv[] = {(char *)a->runc, "--root", (char *)a->root, "create", "--bundle", (char *)a->bundle,
                        "--pid-file", (char *)a->pid_file, (char *)a->id, NULL};
        execv(a->runc, argv);
        dprintf(2, "exec %s: %s\n", a->runc, strerror(errno));
        _exit(127);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) return -1;
    }
    return status;
}

static long read_pid_file(const char *path) {
    FILE *f = fopen(path, "re");
    if (f == NULL) return -1;
    long pid = -1;
    if (fscanf(f, "%ld", &pid) != 1) pid = -1;
    fclose(f);
    return pid;
}

/// SIGUSR1 (the kubelet renamed the log to rotate it): opens the log path anew in place of logfd.
static void reopen_log(const char *path, int logfd) {
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
    if (fd < 0) return;
    dup3(fd, logfd, O_CLOEXEC);
    close(fd);
}

/// Copies output to the log and reaps children until init has exited and its output is drained.
static void supervise(const struct create_args *a, int sfd, long init_pid, struct cri_stream *streams, int logfd, int *keeper) {
    int init_done = 0, init_status = 255 << 8; /* exit code 255 unless init is reaped */
    struct timespec finished = {0}, deadline = {0};
    char chunk[65536];
    for (;;) {
        if (init_done && streams[0].fd < 0 && streams[1].fd < 0) break;
        int timeout = -1;
        if (init_done) {
            struct timespec now;
            clock_gettime(CLOCK_MONOTONIC, &now);
            long ms = (deadline.tv_sec - now.tv_sec) * 1000 + (deadline.tv_nsec - now.tv_nsec) / 1000000;
            if (ms <= 0) break;
            timeout = (int)ms;
        }
        struct pollfd pfd[3] = {{sfd, POLLIN, 0}, {streams[0].fd, POLLIN, 0}, {streams[1].fd, POLLIN, 0}};
        int n = poll(pfd, 3, timeout);
        if (n < 0 && errno != EINTR) break;
        if (n <= 0) continue;
        if (pfd[0].revents) {
            struct signalfd_siginfo si;
            while (read(sfd, &si, sizeof si) > 0) {
                /* SIGUSR2: close stdin for good (stdinOnce after the first attach). */
                if (si.ssi_signo == SIGUSR2 && *keeper >= 0) {
                    close(*keeper);
                    *keeper = -1;
                }
                /* SIGUSR1: the kubelet renamed the log to rotate it. */
                if (si.ssi_signo == SIGUSR1) reopen_log(a->log, logfd);
            }
            int st;
            pid_t w;
            while ((w = waitpid(-1, &st, WNOHANG)) > 0) {
                if (w == init_pid && !init_done) {
                    init_done = 1;
                    init_status = st;
                    clock_gettime(CLOCK_REALTIME, &finished);
                    clock_gettime(CLOCK_MONOTONIC, &deadline);
                    deadline.tv_nsec += (DRAIN_AFTER_EXIT_MS % 1000) * 1000000L;
                    deadline.tv_sec += DRAIN_AFTER_EXIT_MS / 1000 + deadline.tv_nsec / 1000000000L;
                    deadline.tv_nsec %= 1000000000L;
                }
            }
        }
        for (int i = 0; i < 2; i++) {
            if (streams[i].fd < 0 || pfd[i + 1].revents == 0) continue;
            ssize_t r = read(streams[i].fd, chunk, sizeof chunk);
            if (r > 0) {
                cri_feed(logfd, &streams[i], chunk, (size_t)r);
            } else if (r == 0 || (errno != EINTR && errno != EAGAIN)) {
                cri_flush(logfd, &streams[i]);
                close(streams[i].fd);
                streams[i].fd = -1;
            }
        }
    }
    for (int i = 0; i < 2; i++) cri_flush(logfd, &streams[i]);
    write_exit(a, init_status, &finished);
}

/// Makes the container's stdin a FIFO at `path`: *in is the read end the container gets, *keeper
/// a write end the shim holds so the container sees no end of file between attaches.
static int open_stdin_fifo(const char *path, int *in, int *keeper) {
    unlink(path);
    if (mkfifo(path, 0600) != 0) return -1;
    *in = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (*in < 0) return -1;
    *keeper = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
    if (*keeper < 0) return -1;
    return fcntl(*in, F_SETFL, fcntl(*in, F_GETFL) & ~O_NONBLOCK);
}

/// The long-lived shim (grandchild): starts the container, reports, then supervises it.
static int shim_daemon(const struct create_args *a) {
    prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
    if (chdir("/") != 0) {
    }
    signal(SIGPIPE, SIG_IGN);
    sigset_t mask, oldmask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGCHLD);
    sigaddset(&mask, SIGUSR1);
    sigaddset(&mask, SIGUSR2);
    sigprocmask(SIG_BLOCK, &mask, &oldmask);
    int sfd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
    int out[2], err[2];
    if (sfd < 0 || pipe2(out, O_CLOEXEC) < 0 || pipe2(err, O_CLOEXEC) < 0) {
        report("error shim setup: %s\n", strerror(errno), 0);
        return 1;
    }
    int logfd = open(a->log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
    if (logfd < 0) {
        report("error open log file: %s\n", strerror(errno), 0);
        return 1;
    }
    int in = -1, keeper = -1;
    if (a->stdin_fifo != NULL && open_stdin_fifo(a->stdin_fifo, &in, &keeper) != 0) {
        report("error stdin fifo: %s\n", strerror(errno), 0);
        return 1;
    }
    int status = run_runc_create(a, in, out[1], err[1], &oldmask);
    if (in >= 0) close(in);
    close(out[1]);
    close(err[1]);
    if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        static char msg[3000];
        size_t len = drain_nonblocking(err[0], msg, sizeof msg, 0);
        len = drain_nonblocking(out[0], msg, sizeof msg, len);
        while (len > 0 && (msg[len - 1] == '\n' || msg[len - 1] == ' ')) msg[--len] = 0;
        report("error runc create: %s\n", len > 0 ? msg : "failed without output", 0);
        return 1;
    }
    long init_pid = read_pid_file(a->pid_file);
    if (init_pid <= 0) {
        report("error runc create wrote no pid file %s\n", a->pid_file, 0);
        return 1;
    }
    char ok[64];
    snprintf(ok, sizeof ok, "ok %ld %ld\n", init_pid, (long)getpid());
    report("%s", ok, 0);
    int devnull = open("/dev/null", O_RDWR);
    if (devnull >= 0) {
        dup2(devnull, 0);
        dup2(devnull, 1);
        dup2(devnull, 2);
        if (devnull > 2) close(devnull);
    }
    struct cri_stream *streams = calloc(2, sizeof *streams);
    if (streams == NULL) return 1;
    streams[0].name = "stdout";
    streams[0].fd = out[0];
    streams[1].name = "stderr";
    streams[1].fd = err[0];
    supervise(a, sfd, init_pid, streams, logfd, &keeper);
    return 0;
}

int shim_create(int argc, char **argv) {
    struct create_args a = {
        .runc = shim_arg(argc, argv, "runc"),
        .root = shim_arg(argc, argv, "root"),
        .bundle = shim_arg(argc, argv, "bundle"),
        .id = shim_arg(argc, argv, "id"),
        .pid_file = shim_arg(argc, argv, "pid-file"),
        .log = shim_arg(argc, argv, "log"),
        .exit_file = shim_arg(argc, argv, "exit"),
        .oom_file = shim_arg(argc, argv, "oom"),
        .stdin_fifo = shim_arg(argc, argv, "stdin"),
        .rootfs = shim_arg(argc, argv, "rootfs"),
        .overlay = shim_arg(argc, argv, "overlay"),
    };
    if (!a.runc || !a.root || !a.bundle || !a.id || !a.pid_file || !a.log || !a.exit_file || !a.rootfs != !a.overlay) {
        report("error %s\n", "usage: skiff shim create --runc R --root D --bundle B --id ID --pid-file P --log L --exit E [--oom F] [--stdin FIFO] [--rootfs DIR --overlay OPTIONS]", 0);
        return 2;
    }
    /* Nothing of the caller's (sockets, files) may leak into the shim or the container. */
    close_range(3, ~0U, 0);
    pid_t first = fork();
    if (first < 0) {
        report("error fork: %s\n", strerror(errno), 0);
        return 1;
    }
    if (first > 0) {
        int st;
        while (waitpid(first, &st, 0) < 0 && errno == EINTR) {
        }
        return 0;
    }
    setsid();
    pid_t second = fork();
    if (second < 0) {
        report("error fork: %s\n", strerror(errno), 0);
        _exit(1);
    }
    if (second > 0) _exit(0);
    _exit(shim_daemon(&a));
}
