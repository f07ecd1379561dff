// Child processes for the node's tools (`ip`, `sysctl`): started with an empty signal mask and
// default signal dispositions (Swift's threads block most signals, and a child inherits the mask)
// and, when asked, inside a network namespace given by path, without an `env` or `nsenter`
// process in between. As posix_spawn does, the child shares the caller's memory until it execs
// (CLONE_VM | CLONE_VFORK) and runs on a stack of its own, making system calls only.
#define _GNU_SOURCE
#include "CSkiffShim.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define SPAWN_STACK_SIZE (64 * 1024)

struct spawn_job {
    const char *path;
    char *const *argv;
    char *const *envp;
    int netns, fds[3];
    volatile int child_errno;
};

/// Makes `fd` the descriptor `target`, open across exec.
static int place(int fd, int target) {
    if (fd == target) return fcntl(fd, F_SETFD, 0);
    return dup2(fd, target) < 0 ? -1 : 0;
}

static int spawn_child(void *arg) {
    struct spawn_job *job = arg;
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    for (int sig = 1; sig < _NSIG; sig++) {
        if (sig != SIGKILL && sig != SIGSTOP) sigaction(sig, &dfl, NULL); /* glibc's own refuse: fine */
    }
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    if (job->netns >= 0 && setns(job->netns, CLONE_NEWNET) != 0) goto fail;
    for (int i = 0; i < 3; i++) {
        if (place(job->fds[i], i) != 0) goto fail;
    }
    execve(job->path, job->argv, job->envp);
fail:
    job->child_errno = errno;
    _exit(127);
}

int skiff_spawn(const char *path, char *const argv[], char *const envp[], const char *netns, int in, int out, int err,
                int *error) {
    struct spawn_job job = {.path = path, .argv = argv, .envp = envp, .netns = -1, .fds = {in, out, err}, .child_errno = 0};
    if (netns != NULL) {
        job.netns = open(netns, O_RDONLY | O_CLOEXEC);
        if (job.netns < 0) {
            *error = errno;
            return -1;
        }
    }
    void *stack = mmap(NULL, SPAWN_STACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (stack == MAP_FAILED) {
        *error = errno;
        if (job.netns >= 0) close(job.netns);
        return -1;
    }
    /* No signal handler may run in the child on the shared memory before it resets them. */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    int pid = clone(spawn_child, (char *)stack + SPAWN_STACK_SIZE, CLONE_VM | CLONE_VFORK | SIGCHLD, &job);
    int clone_errno = errno;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    munmap(stack, SPAWN_STACK_SIZE);
    if (job.netns >= 0) close(job.netns);
    if (pid < 0) {
        *error = clone_errno;
        return -1;
    }
    if (job.child_errno != 0) {
        int status;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        *error = job.child_errno;
        return -1;
    }
    return pid;
}
