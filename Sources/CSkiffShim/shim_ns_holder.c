// The namespace holder: a mount namespace of the runtime's own in which each sandbox's namespace
// files (nsfs bind mounts that keep its network, IPC and UTS namespaces alive) are mounted, so
// that the host's mount table does not grow by three lines per pod. Every `runc` and `runc init`
// reads the whole table several times, so each line the host holds per pod costs every later
// container start.
//
// On the host the holder takes two mounts in all: the namespace folder bound on itself and made
// private (nothing mounted in it propagates in either direction), and, inside it, the holder's
// own namespace file, which keeps the holder alive without a process. The holder is a slave of
// the host otherwise, so filesystems the host unmounts are not kept busy by it. Processes reach
// a sandbox's files through a descriptor of the folder opened inside the holder
// (`/proc/<pid>/fd/<fd>/<id>/net`): a path resolved from there stays in the holder's mounts.
#define _GNU_SOURCE
#include "CSkiffShim.h"
#include "shim_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/nsfs.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

struct holder_job {
    const char *dir, *file;
    int mnt_fd, dir_fd, failed;
    char message[600];
};

#define FAIL(...)                                                      \
    do {                                                               \
        snprintf(job->message, sizeof job->message, __VA_ARGS__);      \
        return NULL;                                                   \
    } while (0)

/// Whether `dir` is a mount point (its mount differs from its parent's).
static int is_mount_point(const char *dir) {
    char parent[4096];
    snprintf(parent, sizeof parent, "%s/..", dir);
    struct statx self, up;
    if (statx(AT_FDCWD, dir, 0, STATX_MNT_ID, &self) != 0 || statx(AT_FDCWD, parent, 0, STATX_MNT_ID, &up) != 0) return 0;
    return self.stx_mnt_id != up.stx_mnt_id;
}

/// The holder at `file` when one is mounted there, else -1.
static int open_existing(const char *file) {
    int fd = open(file, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    if (ioctl(fd, NS_GET_NSTYPE) != CLONE_NEWNS) {
        close(fd);
        return -1;
    }
    return fd;
}

/// Makes the holder: the folder private on the host, a new namespace, its file bound in the folder.
static void *create_holder(struct holder_job *job) {
    if (!is_mount_point(job->dir) && mount(job->dir, job->dir, NULL, MS_BIND | MS_REC, NULL) != 0)
        FAIL("bind %s on itself: %s", job->dir, strerror(errno));
    if (mount(NULL, job->dir, NULL, MS_PRIVATE, NULL) != 0) FAIL("make %s private: %s", job->dir, strerror(errno));
    int host = open("/proc/thread-self/ns/mnt", O_RDONLY | O_CLOEXEC);
    if (host < 0) FAIL("open the host's mount namespace: %s", strerror(errno));
    if (unshare(CLONE_NEWNS) != 0) {
        close(host);
        FAIL("unshare the mount namespace: %s", strerror(errno));
    }
    int holder = open("/proc/thread-self/ns/mnt", O_RDONLY | O_CLOEXEC);
    int made = holder >= 0 && mount(NULL, "/", NULL, MS_REC | MS_SLAVE, NULL) == 0;
    int saved = errno;
    if (setns(host, CLONE_NEWNS) != 0) {
        close(host);
        FAIL("return to the host's mount namespace: %s", strerror(errno));
    }
    close(host);
    if (!made) FAIL("make the holder namespace: %s", strerror(saved));
    int fd = open(job->file, O_WRONLY | O_CREAT | O_CLOEXEC, 0400);
    if (fd >= 0) close(fd);
    char source[64];
    snprintf(source, sizeof source, "/proc/self/fd/%d", holder);
    if (fd < 0 || mount(source, job->file, NULL, MS_BIND, NULL) != 0) {
        close(holder);
        FAIL("bind the holder namespace on %s: %s", job->file, strerror(errno));
    }
    job->mnt_fd = holder;
    return NULL;
}

static void *holder_thread(void *arg) {
    struct holder_job *job = arg;
    if (unshare(CLONE_FS) != 0) FAIL("unshare the filesystem context: %s", strerror(errno));
    job->mnt_fd = open_existing(job->file);
    if (job->mnt_fd < 0) {
        create_holder(job);
        if (job->mnt_fd < 0) return NULL;
    }
    if (setns(job->mnt_fd, CLONE_NEWNS) != 0) FAIL("enter the holder namespace: %s", strerror(errno));
    job->dir_fd = open(job->dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (job->dir_fd < 0) FAIL("open %s in the holder namespace: %s", job->dir, strerror(errno));
    job->failed = 0;
    return NULL;
}

int skiff_holder_open(const char *dir, const char *file, int *mnt_fd, int *dir_fd, char *message, size_t capacity) {
    struct holder_job job = {.dir = dir, .file = file, .mnt_fd = -1, .dir_fd = -1, .failed = 1, .message = ""};
    if (shim_run_in_thread(holder_thread, &job, &job.failed, job.message, message, capacity) != 0) {
        if (job.mnt_fd >= 0) close(job.mnt_fd);
        return -1;
    }
    *mnt_fd = job.mnt_fd;
    *dir_fd = job.dir_fd;
    return 0;
}

struct unmount_job {
    int mnt_fd;
    const char *dir;
};

static void *unmount_thread(void *arg) {
    struct unmount_job *job = arg;
    if (unshare(CLONE_FS) != 0 || setns(job->mnt_fd, CLONE_NEWNS) != 0) return NULL;
    shim_remove_namespace_files(job->dir, 3);
    return NULL;
}

void skiff_holder_unmount_sandbox(int mnt_fd, const char *dir) {
    struct unmount_job job = {.mnt_fd = mnt_fd, .dir = dir};
    pthread_t thread;
    if (pthread_create(&thread, NULL, unmount_thread, &job) == 0) pthread_join(thread, NULL);
}

void skiff_holder_release(const char *dir, const char *file) {
    umount2(file, MNT_DETACH);
    unlink(file);
    umount2(dir, MNT_DETACH);
}
