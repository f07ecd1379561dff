// `skiff shim sandbox`: a pod sandbox's persistent network, IPC and UTS namespaces without a pause
// process: unshare them, set the hostname, bring loopback up, and bind-mount each namespace on a
// file so that it lives on after this process exits and containers can join it by path.
#define _GNU_SOURCE
#include "shim_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <unistd.h>

static const char *const kinds[] = {"net", "ipc", "uts"};

static void undo(const char *dir, int upto) {
    char path[4096];
    for (int i = 0; i < upto; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, kinds[i]);
        umount2(path, MNT_DETACH);
        unlink(path);
    }
}

static int loopback_up(void) {
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (s < 0) return -1;
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    strncpy(ifr.ifr_name, "lo", IFNAMSIZ - 1);
    int rc = ioctl(s, SIOCGIFFLAGS, &ifr);
    if (rc == 0) {
        ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
        rc = ioctl(s, SIOCSIFFLAGS, &ifr);
    }
    close(s);
    return rc;
}

int shim_sandbox(int argc, char **argv) {
    const char *dir = shim_arg(argc, argv, "dir");
    const char *hostname = shim_arg(argc, argv, "hostname");
    if (dir == NULL || hostname == NULL) {
        fprintf(stderr, "usage: skiff shim sandbox --dir D --hostname H\n");
        return 2;
    }
    if (unshare(CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS) != 0) {
        fprintf(stderr, "unshare: %s\n", strerror(errno));
        return 1;
    }
    if (sethostname(hostname, strlen(hostname)) != 0) {
        fprintf(stderr, "sethostname %s: %s\n", hostname, strerror(errno));
        return 1;
    }
    if (loopback_up() != 0) {
        fprintf(stderr, "loopback up: %s\n", strerror(errno));
        return 1;
    }
    char path[4096], source[64];
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, kinds[i]);
        snprintf(source, sizeof source, "/proc/thread-self/ns/%s", kinds[i]);
        int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0444);
        if (fd < 0) {
            fprintf(stderr, "create %s: %s\n", path, strerror(errno));
            undo(dir, i);
            return 1;
        }
        close(fd);
        if (mount(source, path, NULL, MS_BIND, NULL) != 0) {
            fprintf(stderr, "bind %s on %s: %s\n", source, path, strerror(errno));
            unlink(path);
            undo(dir, i);
            return 1;
        }
    }
    return 0;
}
