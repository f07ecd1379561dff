// A pod sandbox's persistent network, IPC and UTS namespaces without a pause process: a
// short-lived thread unshares them, sets the hostname, brings loopback up and bind-mounts each
// namespace on a file, so that it lives on after the thread ends and containers join it by path.
// The kubelet calls it in-process (`skiff_make_sandbox`). With a holder (shim_ns_holder.c), the
// files are mounted in the holder's mount namespace instead of the caller's.
#define _GNU_SOURCE
#include "shim_internal.h"
#include "CSkiffShim.h"

#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <unistd.h>

static const char *const kinds[] = {"net", "ipc", "uts"};

void shim_remove_namespace_files(const char *dir, int upto) {
    char path[4096];
    for (int i = 0; i < upto && i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, kinds[i]);
        while (umount2(path, MNT_DETACH) == 0) {
        }
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

struct sandbox_job {
    const char *dir, *hostname;
    int holder, failed;
    char message[600];
};

/// Only this thread changes namespaces; it ends right after, so no other code runs in them.
static void *sandbox_thread(void *arg) {
    struct sandbox_job *job = arg;
    job->failed = 1;
    if (unshare(CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS) != 0) {
        snprintf(job->message, sizeof job->message, "unshare: %s", strerror(errno));
        return NULL;
    }
    if (sethostname(job->hostname, strlen(job->hostname)) != 0) {
        snprintf(job->message, sizeof job->message, "sethostname %s: %s", job->hostname, strerror(errno));
        return NULL;
    }
    if (loopback_up() != 0) {
        snprintf(job->message, sizeof job->message, "loopback up: %s", strerror(errno));
        return NULL;
    }
    if (job->holder >= 0 && (unshare(CLONE_FS) != 0 || setns(job->holder, CLONE_NEWNS) != 0)) {
        snprintf(job->message, sizeof job->message, "enter the namespace holder: %s", strerror(errno));
        return NULL;
    }
    char path[4096], source[64];
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", job->dir, kinds[i]);
        snprintf(source, sizeof source, "/proc/thread-self/ns/%s", kinds[i]);
        int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0444);
        if (fd < 0) {
            snprintf(job->message, sizeof job->message, "create %s: %s", path, strerror(errno));
            shim_remove_namespace_files(job->dir, i);
            return NULL;
        }
        close(fd);
        if (mount(source, path, NULL, MS_BIND, NULL) != 0) {
            snprintf(job->message, sizeof job->message, "bind %s on %s: %s", source, path, strerror(errno));
            unlink(path);
            shim_remove_namespace_files(job->dir, i);
            return NULL;
        }
    }
    job->failed = 0;
    return NULL;
}

int skiff_make_sandbox(const char *dir, const char *hostname, int holder, char *message, size_t capacity) {
    struct sandbox_job job = {.dir = dir, .hostname = hostname, .holder = holder, .failed = 1, .message = ""};
    return shim_run_in_thread(sandbox_thread, &job, &job.failed, job.message, message, capacity);
}
