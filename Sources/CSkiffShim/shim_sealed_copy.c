// A sealed in-memory copy of an executable (runc), made once by the runtime. runc's init
// re-executes itself from a private copy of its binary before it enters a container (so that a
// container cannot overwrite the host's runc, CVE-2019-5736) unless it already runs from a
// memfd carrying exactly these seals: started from this copy, each container start skips that
// second exec and its mounts.
#define _GNU_SOURCE
#include "CSkiffShim.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

int skiff_sealed_copy(const char *path, char *message, size_t capacity) {
    int source = open(path, O_RDONLY | O_CLOEXEC);
    if (source < 0) {
        snprintf(message, capacity, "open %s: %s", path, strerror(errno));
        return -1;
    }
    struct stat info;
    int copy = -1;
    if (fstat(source, &info) != 0) {
        snprintf(message, capacity, "stat %s: %s", path, strerror(errno));
        goto fail;
    }
    copy = memfd_create("runc", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (copy < 0) {
        snprintf(message, capacity, "memfd_create: %s", strerror(errno));
        goto fail;
    }
    off_t offset = 0;
    while (offset < info.st_size) {
        ssize_t sent = sendfile(copy, source, &offset, (size_t)(info.st_size - offset));
        if (sent < 0 && errno == EINTR) continue;
        if (sent <= 0) {
            snprintf(message, capacity, "copy %s: %s", path, sent < 0 ? strerror(errno) : "short file");
            goto fail;
        }
    }
    if (fchmod(copy, 0555) != 0 ||
        fcntl(copy, F_ADD_SEALS, F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE) != 0) {
        snprintf(message, capacity, "seal the copy of %s: %s", path, strerror(errno));
        goto fail;
    }
    close(source);
    return copy;
fail:
    if (copy >= 0) close(copy);
    close(source);
    return -1;
}
