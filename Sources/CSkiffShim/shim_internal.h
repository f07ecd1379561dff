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

#endif
