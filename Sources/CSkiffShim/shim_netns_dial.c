// TCP connections inside a pod's network namespace (kubectl port-forward): a short-lived thread
// joins the namespace, connects to 127.0.0.1:<port> and exits; the socket stays in that namespace.
#define _GNU_SOURCE
#include "CSkiffShim.h"
#include "shim_internal.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct dial_job {
    const char *netns;
    unsigned short port;
    int fd;
    int err;
};

static void *dial_thread(void *arg) {
    struct dial_job *job = arg;
    job->err = shim_join_netns(job->netns);
    if (job->err != 0) return NULL;
    int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (s < 0) {
        job->err = errno;
        return NULL;
    }
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons(job->port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int rc;
    do {
        rc = connect(s, (struct sockaddr *)&addr, sizeof addr);
    } while (rc != 0 && errno == EINTR);
    if (rc != 0) {
        job->err = errno;
        close(s);
        return NULL;
    }
    job->fd = s;
    return NULL;
}

int skiff_dial_in_netns(const char *netns, unsigned short port, int *error) {
    struct dial_job job = {.netns = netns, .port = port, .fd = -1, .err = 0};
    pthread_t thread;
    int rc = pthread_create(&thread, NULL, dial_thread, &job);
    if (rc != 0) {
        *error = rc;
        return -1;
    }
    pthread_join(thread, NULL);
    *error = job.err;
    return job.fd;
}

int shim_join_netns(const char *path) {
    int ns = open(path, O_RDONLY | O_CLOEXEC);
    if (ns < 0) return errno;
    int rc = setns(ns, CLONE_NEWNET) == 0 ? 0 : errno;
    close(ns);
    return rc;
}
