// Unix stream sockets at paths longer than `sun_path` holds (a container's folder under the data
// dir easily is): the socket is reached through a descriptor of its folder, as
// /proc/<pid>/fd/<n>/<name>, which the kernel resolves like any other path.
#define _GNU_SOURCE
#include "CSkiffShim.h"
#include "shim_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

/// Opens `path`'s folder (O_PATH) and writes the short path reaching `path` through it.
static int short_path(const char *path, char *reach, size_t capacity) {
    char folder[4096], name[4096];
    if (snprintf(folder, sizeof folder, "%s", path) >= (int)sizeof folder) return errno = ENAMETOOLONG, -1;
    snprintf(name, sizeof name, "%s", path);
    int dirfd = open(dirname(folder), O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (dirfd < 0) return -1;
    if (snprintf(reach, capacity, "/proc/%d/fd/%d/%s", (int)getpid(), dirfd, basename(name)) >= (int)capacity) {
        close(dirfd);
        return errno = ENAMETOOLONG, -1;
    }
    return dirfd;
}

/// Fills `addr` with `path`; -1 with ENAMETOOLONG when it does not fit.
static int address(const char *path, struct sockaddr_un *addr) {
    memset(addr, 0, sizeof *addr);
    addr->sun_family = AF_UNIX;
    if (strlen(path) >= sizeof addr->sun_path) return errno = ENAMETOOLONG, -1;
    memcpy(addr->sun_path, path, strlen(path));
    return 0;
}

int shim_unix_listen(const char *path, char *reach, size_t capacity, int *dirfd) {
    *dirfd = short_path(path, reach, capacity);
    if (*dirfd < 0) return -1;
    struct sockaddr_un addr;
    int fd = -1;
    unlink(path);
    if (address(reach, &addr) == 0) fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd >= 0 && (bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(fd, 16) != 0)) {
        int saved = errno;
        close(fd);
        fd = -1;
        errno = saved;
    }
    if (fd < 0) {
        int saved = errno;
        close(*dirfd);
        *dirfd = -1;
        errno = saved;
    }
    return fd;
}

int skiff_connect_unix(const char *path) {
    char reach[128];
    int dirfd = short_path(path, reach, sizeof reach);
    if (dirfd < 0) return -1;
    struct sockaddr_un addr;
    int fd = address(reach, &addr) == 0 ? socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0) : -1;
    if (fd >= 0 && connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
        int saved = errno;
        close(fd);
        fd = -1;
        errno = saved;
    }
    int saved = errno;
    close(dirfd);
    errno = saved;
    return fd;
}
