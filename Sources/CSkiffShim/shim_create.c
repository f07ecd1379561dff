// `skiff shim create`: runs `runc create` for one container and stays with it as its parent
// (a child subreaper, daemonised by setsid and a double fork so it outlives the kubelet): copies
// its stdout/stderr to the CRI log file (reopened on SIGUSR1, for log rotation), reaps its init
// and records the exit status. With `--attach SOCKET`, clients connected there get the output as
// it comes (shim_attach.c); with `--console SOCKET`, the container runs with a terminal, which
// runc sends to that socket, and stdin is copied to it (shim_terminal.c).
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
#include <unistd.h>

struct create_args {
    const char *runc, *root, *bundle, *id, *pid_file, *log, *exit_file, *oom_file, *stdin_fifo, *rootfs, *overlay,
        *attach, *console;
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

/// Runs `runc create` in a child with the pipes as its stdio (and, for a tty container, the
/// console socket reached at `console`); returns its wait status or -1.
static int run_runc_create(const struct create_args *a, const char *console, int in, int out, int err,
                           const sigset_t *oldmask) {
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        sigprocmask(SIG_SETMASK, oldmask, NULL);
        signal(SIGPIPE, SIG_DFL);
        int input = in >= 0 ? in : open("/dev/null", O_RDONLY);
        if (input < 0 || dup2(input, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0) _exit(126);
        if (a->rootfs != NULL && mount_private_rootfs(a) != 0) _exit(126);
        char *argv[12] = {(char *)a->runc, "--root", (char *)a->root, "create", "--bundle", (char *)a->bundle,
                          "--pid-file", (char *)a->pid_file};
        int n = 8;
        if (console != NULL) {
            argv[n++] = "--console-socket";
            argv[n++] = (char *)console;
        }
        argv[n++] = (char *)a->id;
        argv[n] = NULL;
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

/// Reports why runc create failed, from what it wrote.
static void report_create_failure(int out, int err) {
    static char msg[3000];
    size_t len = drain_nonblocking(err, msg, sizeof msg, 0);
    len = drain_nonblocking(out, msg, sizeof msg, len);
    while (len > 0 && (msg[len - 1] == '\n' || msg[len - 1] == ' ')) msg[--len] = 0;
    report("error runc create: %s\n", len > 0 ? msg : "failed without output", 0);
}

/// Points stdio at /dev/null once the report is written (the caller stops reading).
static void detach_stdio(void) {
    int devnull = open("/dev/null", O_RDWR);
    if (devnull < 0) return;
    dup2(devnull, 0);
    dup2(devnull, 1);
    dup2(devnull, 2);
    if (devnull > 2) close(devnull);
}

/// Listens on the console socket runc sends a tty container's terminal to; `reach` gets the
/// path runc connects to. Returns the listener or -1 (reported).
static int listen_console(const struct create_args *a, char *reach, size_t capacity, int *dirfd) {
    int fd = shim_unix_listen(a->console, reach, capacity, dirfd);
    if (fd < 0) report("error console socket: %s\n", strerror(errno), 0);
    return fd;
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
    static struct shim_watch w = {0};
    w.log = a->log;
    w.exit_file = a->exit_file;
    w.oom_file = a->oom_file;
    w.attach = a->attach;
    w.keeper = -1;
    w.input.fifo = w.input.master = -1;
    attach_init(&w.hub);
    w.signals = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
    int out[2], err[2];
    if (w.signals < 0 || pipe2(out, O_CLOEXEC) < 0 || pipe2(err, O_CLOEXEC) < 0) {
        report("error shim setup: %s\n", strerror(errno), 0);
        return 1;
    }
    w.logfd = open(a->log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
    if (w.logfd < 0) {
        report("error open log file: %s\n", strerror(errno), 0);
        return 1;
    }
    int in = -1;
    if (a->stdin_fifo != NULL && open_stdin_fifo(a->stdin_fifo, &in, &w.keeper) != 0) {
        report("error stdin fifo: %s\n", strerror(errno), 0);
        return 1;
    }
    char console[128];
    int console_dir = -1, console_listener = -1;
    if (a->console != NULL && (console_listener = listen_console(a, console, sizeof console, &console_dir)) < 0) return 1;
    /* A terminal's stdin is the shim's to copy; without one the container reads the FIFO itself. */
    int status = run_runc_create(a, console_listener >= 0 ? console : NULL, console_listener >= 0 ? -1 : in, out[1],
                                 err[1], &oldmask);
    close(out[1]);
    close(err[1]);
    if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        report_create_failure(out[0], err[0]);
        return 1;
    }
    w.init_pid = read_pid_file(a->pid_file);
    if (w.init_pid <= 0) {
        report("error runc create wrote no pid file %s\n", a->pid_file, 0);
        return 1;
    }
    if (console_listener >= 0) {
        w.input.master = w.hub.terminal = terminal_receive(console_listener, 5000);
        close(console_listener);
        close(console_dir);
        unlink(a->console);
        if (w.input.master < 0) {
            report("error receive the terminal from runc: %s\n", strerror(errno), 0);
            return 1;
        }
        if (in >= 0) fcntl(in, F_SETFL, fcntl(in, F_GETFL) | O_NONBLOCK);
        w.input.fifo = in;
        in = -1;
    }
    if (in >= 0) close(in);
    if (a->attach != NULL && attach_listen(&w.hub, a->attach) != 0) {
        report("error attach socket: %s\n", strerror(errno), 0);
        return 1;
    }
    char ok[64];
    snprintf(ok, sizeof ok, "ok %ld %ld\n", w.init_pid, (long)getpid());
    report("%s", ok, 0);
    detach_stdio();
    w.streams = calloc(2, sizeof *w.streams);
    if (w.streams == NULL) return 1;
    w.streams[0].name = "stdout";
    w.streams[1].name = "stderr";
    w.streams[1].fd = err[0];
    if (w.input.master >= 0) {
        /* A terminal has one stream; the pipes only carried runc's own messages. */
        close(out[0]);
        close(err[0]);
        w.streams[0].fd = dup(w.input.master);
        w.streams[1].fd = -1;
    } else {
        w.streams[0].fd = out[0];
    }
    shim_supervise(&w);
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
        .attach = shim_arg(argc, argv, "attach"),
        .console = shim_arg(argc, argv, "console"),
    };
    if (!a.runc || !a.root || !a.bundle || !a.id || !a.pid_file || !a.log || !a.exit_file || !a.rootfs != !a.overlay) {
        report("error %s\n", "usage: skiff shim create --runc R --root D --bundle B --id ID --pid-file P --log L --exit E [--oom F] [--stdin FIFO] [--rootfs DIR --overlay OPTIONS] [--attach SOCKET] [--console SOCKET]", 0);
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
