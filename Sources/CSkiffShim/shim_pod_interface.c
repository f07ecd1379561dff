// A pod's interface set up from inside its network namespace without running `ip` (one exec
// per pod fewer): a short-lived thread joins the namespace and uses the classic interface and
// route ioctls to bring loopback up, give the interface its IPv4 address, bring it up and route
// by default through the gateway.
#define _GNU_SOURCE
#include "CSkiffShim.h"
#include "shim_internal.h"

#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <net/route.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

struct interface_job {
    const char *netns, *name;
    uint32_t address, netmask, gateway;
    int failed;
    char message[300];
};

static void set_ipv4(struct sockaddr *target, uint32_t address) {
    struct sockaddr_in in;
    memset(&in, 0, sizeof in);
    in.sin_family = AF_INET;
    in.sin_addr.s_addr = htonl(address);
    memcpy(target, &in, sizeof in);
}

/// One ioctl on `ifr`; 0, or -1 with the message set.
static int interface_ioctl(struct interface_job *job, int s, unsigned long request, struct ifreq *ifr, const char *what) {
    if (ioctl(s, request, ifr) == 0) return 0;
    snprintf(job->message, sizeof job->message, "%s of %s: %s", what, job->name, strerror(errno));
    return -1;
}

/// Sets IFF_UP on the interface named in `ifr`.
static int bring_up(struct interface_job *job, int s, struct ifreq *ifr) {
    if (interface_ioctl(job, s, SIOCGIFFLAGS, ifr, "read the flags") != 0) return -1;
    ifr->ifr_flags |= IFF_UP | IFF_RUNNING;
    return interface_ioctl(job, s, SIOCSIFFLAGS, ifr, "bring up");
}

static void configure(struct interface_job *job, int s) {
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    strncpy(ifr.ifr_name, "lo", IFNAMSIZ - 1);
    if (bring_up(job, s, &ifr) != 0) return;
    memset(&ifr, 0, sizeof ifr);
    strncpy(ifr.ifr_name, job->name, IFNAMSIZ - 1);
    set_ipv4(&ifr.ifr_addr, job->address);
    if (interface_ioctl(job, s, SIOCSIFADDR, &ifr, "set the address") != 0) return;
    set_ipv4(&ifr.ifr_netmask, job->netmask);
    if (interface_ioctl(job, s, SIOCSIFNETMASK, &ifr, "set the netmask") != 0) return;
    if (bring_up(job, s, &ifr) != 0) return;
    struct rtentry route;
    memset(&route, 0, sizeof route);
    set_ipv4(&route.rt_dst, 0);
    set_ipv4(&route.rt_genmask, 0);
    set_ipv4(&route.rt_gateway, job->gateway);
    route.rt_flags = RTF_UP | RTF_GATEWAY;
    route.rt_dev = (char *)job->name;
    if (ioctl(s, SIOCADDRT, &route) != 0 && errno != EEXIST) {
        snprintf(job->message, sizeof job->message, "add the default route via %s: %s", job->name, strerror(errno));
        return;
    }
    job->failed = 0;
}

static void *interface_thread(void *arg) {
    struct interface_job *job = arg;
    int err = shim_join_netns(job->netns);
    if (err != 0) {
        snprintf(job->message, sizeof job->message, "join %s: %s", job->netns, strerror(err));
        return NULL;
    }
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (s < 0) {
        snprintf(job->message, sizeof job->message, "socket: %s", strerror(errno));
        return NULL;
    }
    configure(job, s);
    close(s);
    return NULL;
}

int skiff_configure_pod_interface(const char *netns, const char *name, uint32_t address, int prefix_length,
                                  uint32_t gateway, char *message, size_t capacity) {
    uint32_t netmask = prefix_length <= 0 ? 0 : 0xffffffffu << (32 - (prefix_length > 32 ? 32 : prefix_length));
    struct interface_job job = {
        .netns = netns, .name = name, .address = address, .netmask = netmask, .gateway = gateway, .failed = 1, .message = ""};
    return shim_run_in_thread(interface_thread, &job, &job.failed, job.message, message, capacity);
}
