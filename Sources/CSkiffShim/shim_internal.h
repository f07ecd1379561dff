#ifndef SKIFF_SHIM_INTERNAL_H
#define SKIFF_SHIM_INTERNAL_H

#include <poll.h>
#include <stddef.h>

/// Longest line the CRI log writer keeps before emitting it as a partial (`P`) line, as containerd.
#define CRI_MAX_LINE 16384

/// One output stream of a container being copied to its CRI log file.
struct cri_stream {
    const char *name;   /* "stdout" or "stderr" */
    int fd;             /* read end of the pipe, -1 once closed */
    size_t len;         /* bytes of an unfinished line in buf */
    char buf[CRI_MAX_LINE];
};

/// Adds `n` bytes read from the stream; writes every completed line (and 16 KiB partials) to logfd.
void cri_feed(int logfd, struct cri_stream *s, const char *data, size_t n);

/// Writes what is left of an unfinished line as a partial line (at end of stream).
void cri_flush(int logfd, struct cri_stream *s);

/// Most clients attached to one container at once; more are closed as they connect.
#define ATTACH_MAX_CLIENTS 16

/// The attach socket of a container (shim_attach.c): its listener, its clients, and the
/// terminal they may resize.
struct attach_hub {
    int listener;                                /* -1 when there is none */
    int terminal;                                /* a tty container's master, else -1 */
    int clients[ATTACH_MAX_CLIENTS];             /* -1 for a free slot */
    int partial[ATTACH_MAX_CLIENTS];             /* bytes of an unfinished resize record */
    unsigned char record[ATTACH_MAX_CLIENTS][4]; /* the unfinished resize records */
};

/// An empty hub (no listener, no clients, no terminal).
void attach_init(struct attach_hub *hub);

/// Listens at `path` (any length); 0, or -1 with errno set.
int attach_listen(struct attach_hub *hub, const char *path);

/// Fills `fds` (room for 1 + ATTACH_MAX_CLIENTS) with what to poll, `slots` with the client
/// index of each (-1: the listener); returns how many.
int attach_poll_fds(const struct attach_hub *hub, struct pollfd *fds, int *slots);

/// Accepts the clients waiting on the listener (beyond ATTACH_MAX_CLIENTS they are closed at
/// once). Called before output is sent too: a client that connected before the output was
/// made gets it, even when both arrive in one poll.
void attach_accept(struct attach_hub *hub);

/// Accepts new clients and reads resize records, after a poll of `attach_poll_fds`' set.
void attach_handle(struct attach_hub *hub, const struct pollfd *fds, const int *slots, int n);

/// Sends `n` bytes of output of `stream` (1 stdout, 2 stderr) to every client.
void attach_broadcast(struct attach_hub *hub, int stream, const char *data, size_t n);

/// Closes the clients (they read end of file) and the listener, and removes `path`.
void attach_close(struct attach_hub *hub, const char *path);

/// Stdin of a tty container: the FIFO's bytes on their way to the terminal's master.
struct terminal_input {
    int fifo;        /* read end of the stdin FIFO (non-blocking), -1 once closed or without stdin */
    int master;      /* the terminal's master (non-blocking), -1 without a terminal */
    size_t len, off; /* bytes in buf, and how many of them are written */
    char buf[4096];
};

/// Accepts runc's connection on the console socket `listener` (waiting up to `timeout_ms`) and
/// returns the terminal master it sends (non-blocking, close-on-exec), or -1 with errno set.
int terminal_receive(int listener, int timeout_ms);

/// What to poll for the input: 1 with `fd` set, or 0 when there is nothing to wait for.
int terminal_input_poll(const struct terminal_input *t, struct pollfd *fd);

/// Moves bytes after a poll of `terminal_input_poll`'s fd; at the FIFO's end of file types ^D.
void terminal_input_handle(struct terminal_input *t, short revents);

/// Listens on a non-blocking unix socket at `path`, of any length: `reach` gets a path of at
/// most 108 bytes that reaches it as long as `*dirfd` (the folder, which the caller closes) is
/// open. Returns the listener, or -1 with errno set.
int shim_unix_listen(const char *path, char *reach, size_t capacity, int *dirfd);

/// What a container's shim watches once the container is created (shim_supervise.c).
struct shim_watch {
    const char *log;       /* the CRI log's path, reopened on SIGUSR1 */
    const char *exit_file; /* where the exit record goes */
    const char *oom_file;  /* the cgroup's OOM counter file, or NULL */
    const char *attach;    /* the attach socket's path, or NULL */
    long init_pid;
    int signals;                /* signalfd of SIGCHLD, SIGUSR1 and SIGUSR2 */
    int logfd;
    int keeper;                 /* the write end of the stdin FIFO the shim holds (-1: none) */
    struct cri_stream *streams; /* stdout and stderr (a terminal's output is stdout) */
    struct attach_hub hub;
    struct terminal_input input;
};

/// Copies output to the log and the attached clients, feeds a terminal's stdin, and reaps
/// children until init has exited and its output is drained; then writes the exit record and
/// closes the attach socket.
void shim_supervise(struct shim_watch *w);

/// `shim create ...`; see CSkiffShim.h.
int shim_create(int argc, char **argv);

/// Value of `--name VALUE` in argv, or NULL.
const char *shim_arg(int argc, char **argv, const char *name);

/// Whether the flag `--name` is in argv.
int shim_flag(int argc, char **argv, const char *name);

/// Runs `body(job)` on a short-lived thread of its own (namespace changes stay there) and waits
/// for it. Returns 0, or -1 with the job's `failure` text (when `*failed` is set) or why the
/// thread could not start in `message`.
int shim_run_in_thread(void *(*body)(void *), void *job, const int *failed, const char *failure, char *message,
                       size_t capacity);

/// Unmounts and deletes the first `upto` of a sandbox's namespace files (`dir`/net, /ipc, /uts),
/// in the caller's mount namespace.
void shim_remove_namespace_files(const char *dir, int upto);

/// Moves the calling thread into the network namespace at `path`: 0, or an errno. Only for a
/// short-lived thread of its own, which ends right after, so no other code runs there.
int shim_join_netns(const char *path);

#endif
