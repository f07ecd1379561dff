#ifndef SKIFF_SHIM_INTERNAL_H
#define SKIFF_SHIM_INTERNAL_H

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
