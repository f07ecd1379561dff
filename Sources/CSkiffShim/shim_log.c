// Container output to Kubernetes' CRI log format: "<RFC3339Nano UTC> <stream> <F|P> <line>\n",
// with the fixed-width nanosecond timestamps and 16 KiB line limit of containerd's logger.
#include "shim_internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>
#include <time.h>

static void cri_emit(int logfd, const char *stream, char tag, const char *data, size_t len) {
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    struct tm tm;
    gmtime_r(&now.tv_sec, &tm);
    char head[80];
    size_t h = strftime(head, sizeof head, "%Y-%m-%dT%H:%M:%S", &tm);
    int more = snprintf(head + h, sizeof head - h, ".%09ldZ %s %c ", (long)now.tv_nsec, stream, tag);
    if (more < 0) return;
    h += (size_t)more;
    struct iovec iov[3] = {
        {.iov_base = head, .iov_len = h},
        {.iov_base = (void *)data, .iov_len = len},
        {.iov_base = "\n", .iov_len = 1},
    };
    // O_APPEND: one writev is one record; retry only on EINTR.
    while (writev(logfd, iov, 3) < 0 && errno == EINTR) {
    }
}

void cri_feed(int logfd, struct cri_stream *s, const char *data, size_t n) {
    while (n > 0) {
        size_t room = CRI_MAX_LINE - s->len;
        size_t take = n < room ? n : room;
        memcpy(s->buf + s->len, data, take);
        s->len += take;
        data += take;
        n -= take;
        size_t start = 0;
        for (;;) {
            char *nl = memchr(s->buf + start, '\n', s->len - start);
            if (nl == NULL) break;
            size_t linelen = (size_t)(nl - (s->buf + start));
            size_t l = linelen;
            if (l > 0 && s->buf[start + l - 1] == '\r') l--;
            cri_emit(logfd, s->name, 'F', s->buf + start, l);
            start += linelen + 1;
        }
        if (start > 0) {
            memmove(s->buf, s->buf + start, s->len - start);
            s->len -= start;
        }
        if (s->len == CRI_MAX_LINE) {
            cri_emit(logfd, s->name, 'P', s->buf, s->len);
            s->len = 0;
        }
    }
}

void cri_flush(int logfd, struct cri_stream *s) {
    if (s->len > 0) cri_emit(logfd, s->name, 'P', s->buf, s->len);
    s->len = 0;
}
