#ifndef CSKIFF_SHIM_H
#define CSKIFF_SHIM_H

#include <stddef.h>
#include <stdint.h>

/// Entry point of `skiff shim ...` (argv[0] is "shim"). Subcommand:
///
///   shim create --runc R --root D --bundle B --id ID --pid-file P --log L --exit E [--oom F] [--stdin FIFO]
///               [--rootfs DIR --overlay OPTIONS] [--attach SOCKET] [--console SOCKET]
///     Runs `runc create` with the container's stdout/stderr on pipes, reports `ok <pid> <shim pid>`
///     or `error <message>` on its stdout, then (daemonised, as a child subreaper) copies the output
///     to L in the CRI log format, reaps the container's init and writes its exit status as JSON to
///     E. With --stdin, the container's stdin is a FIFO made at FIFO, held open for writing by the
///     shim until it receives SIGUSR2 (then the container reads end of file once writers are gone).
///     With --rootfs, the overlay is mounted on DIR in a mount namespace of runc create's own.
///     With --attach, clients connecting to SOCKET get the output as it comes, in frames of a
///     stream byte (1 stdout, 2 stderr), a big-endian 32-bit length and the bytes; they may write
///     4-byte records (columns, rows: big-endian 16-bit) to resize the terminal. With --console,
///     the container has a terminal (runc sends its master to SOCKET): its output is stdout, and
///     the stdin FIFO is copied to it, with ^D typed once stdin is closed for good.
///
/// Returns the process exit code.
int skiff_shim_main(int argc, char **argv);

/// Makes a pod sandbox's network, IPC and UTS namespaces from a short-lived thread (the caller's
/// threads never change namespace): sets `hostname`, brings loopback up and bind-mounts them on
/// `dir`/net, `dir`/ipc and `dir`/uts, in the mount namespace `holder` (a descriptor from
/// `skiff_holder_open`) or, when it is -1, the caller's. Returns 0, or -1 with a message in
/// `message`.
int skiff_make_sandbox(const char *dir, const char *hostname, int holder, char *message, size_t capacity);

/// Opens the namespace holder of the folder `dir` (a mount namespace kept alive by the nsfs file
/// `file` inside `dir`), making it first when none is mounted there: `dir` becomes a private
/// mount point on the host. Sets `mnt_fd` to the holder's namespace and `dir_fd` to `dir` as the
/// holder sees it (an O_PATH descriptor: `/proc/<pid>/fd/<dir_fd>/...` reaches the files mounted
/// in the holder). Returns 0, or -1 with a message in `message`.
int skiff_holder_open(const char *dir, const char *file, int *mnt_fd, int *dir_fd, char *message, size_t capacity);

/// Inside the network namespace at `netns`: brings loopback up, gives interface `name` the IPv4
/// `address` (host order) with `prefix_length`, brings it up and adds a default route via
/// `gateway`. Returns 0,
/// or -1 with a message in `message`.
int skiff_configure_pod_interface(const char *netns, const char *name, uint32_t address, int prefix_length,
                                  uint32_t gateway, char *message, size_t capacity);

/// A memfd holding a copy of the executable at `path`, sealed against any change (the seals
/// runc checks to skip copying itself again); -1 with a message in `message` on failure.
int skiff_sealed_copy(const char *path, char *message, size_t capacity);

/// Unmounts and deletes `dir`/net, `dir`/ipc and `dir`/uts in the holder `mnt_fd`.
void skiff_holder_unmount_sandbox(int mnt_fd, const char *dir);

/// Unmounts the holder's file and the folder's own mount on the host: the holder ends with the
/// last descriptor of it, and with it every namespace file mounted in it.
void skiff_holder_release(const char *dir, const char *file);

/// Starts the program at `path` (argv and envp NULL-terminated) with an empty signal mask and
/// default signal dispositions, stdin, stdout and stderr on `in`, `out` and `err`, inside the
/// network namespace at `netns` unless it is NULL. Returns the child's pid (the caller waits for
/// it), or -1 with the errno value in *error (also when the child could not join the namespace
/// or exec, which it reports before the call returns).
int skiff_spawn(const char *path, char *const argv[], char *const envp[], const char *netns, int in, int out, int err,
                int *error);

/// Opens a pseudo-terminal pair (both close-on-exec, the slave in raw mode); returns 0, or -1 with errno set.
int skiff_open_pty(int *master, int *slave);

/// Opens a close-on-exec pipe: fds[0] reads, fds[1] writes; returns 0, or -1 with errno set.
int skiff_pipe(int fds[2]);

/// Sets a terminal's size; returns 0, or -1 with errno set.
int skiff_set_window_size(int fd, unsigned short columns, unsigned short rows);

/// Connects a TCP socket to 127.0.0.1:`port` inside the network namespace at `netns` (an nsfs
/// file) from a short-lived thread, so the caller's threads never change namespace. Returns the
/// connected, close-on-exec socket (owned by the caller), or -1 with the errno value in *error.
int skiff_dial_in_netns(const char *netns, unsigned short port, int *error);

/// Connects to the unix stream socket at `path`, which may be longer than `sun_path` holds.
/// Returns the close-on-exec socket (owned by the caller), or -1 with errno set.
int skiff_connect_unix(const char *path);

/// Opens a FIFO for writing (blocking writes, close-on-exec) when it has a reader; returns the
/// descriptor, or -1 with errno set (ENXIO: nobody reads it any more).
int skiff_open_fifo_writer(const char *path);

/// Sets Swift concurrency's global enqueue hook (`swift_task_enqueueGlobal_hook`) to `hook`, a
/// Swift function of type `@convention(thin) (UnownedJob, @convention(thin) (UnownedJob) -> Void)
/// -> Void`, when no hook is set yet. Returns 1 when it was set, 0 when another hook was there.
int skiff_install_global_enqueue_hook(void *hook);

#endif
