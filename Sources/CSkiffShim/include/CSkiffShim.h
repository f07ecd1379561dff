#ifndef CSKIFF_SHIM_H
#define CSKIFF_SHIM_H

/// Entry point of `skiff shim ...` (argv[0] is "shim"). Subcommands:
///
///   shim create --runc R --root D --bundle B --id ID --pid-file P --log L --exit E [--oom F] [--stdin]
///     Runs `runc create` with the container's stdout/stderr on pipes, reports `ok <pid>` or
///     `error <message>` on its stdout, then (daemonised, as a child subreaper) copies the output to
///     L in the CRI log format, reaps the container's init and writes its exit status as JSON to E.
///
///   shim sandbox --dir D --hostname H
///     Creates network, IPC and UTS namespaces, sets the hostname, brings loopback up and
///     bind-mounts the namespaces on D/net, D/ipc and D/uts.
///
/// Returns the process exit code.
int skiff_shim_main(int argc, char **argv);

/// Opens a pseudo-terminal pair (both close-on-exec, the slave in raw mode); returns 0, or -1 with errno set.
int skiff_open_pty(int *master, int *slave);

/// Opens a close-on-exec pipe: fds[0] reads, fds[1] writes; returns 0, or -1 with errno set.
int skiff_pipe(int fds[2]);

/// Sets a terminal's size; returns 0, or -1 with errno set.
int skiff_set_window_size(int fd, unsigned short columns, unsigned short rows);

#endif
