// A long-lived zlib stream with a sync flush per message (SPDY/3 header blocks).
#include "CSkiffZlib.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

struct skiff_zstream {
    z_stream z;
    int deflating;
    unsigned char *dictionary;
    size_t dictionary_length;
};

skiff_zstream *skiff_zstream_new(int deflate, const unsigned char *dictionary, size_t dictionary_length) {
    skiff_zstream *s = calloc(1, sizeof *s);
    if (s == NULL) return NULL;
    s->deflating = deflate != 0;
    if (dictionary != NULL && dictionary_length > 0) {
        s->dictionary = malloc(dictionary_length);
        if (s->dictionary == NULL) {
            free(s);
            return NULL;
        }
        memcpy(s->dictionary, dictionary, dictionary_length);
        s->dictionary_length = dictionary_length;
    }
    int rc = s->deflating ? deflateInit(&s->z, Z_DEFAULT_COMPRESSION) : inflateInit(&s->z);
    if (rc == Z_OK && s->deflating && s->dictionary != NULL) {
        rc = deflateSetDictionary(&s->z, s->dictionary, (uInt)s->dictionary_length);
    }
    if (rc != Z_OK) {
        if (rc != Z_MEM_ERROR) s->deflating ? deflateEnd(&s->z) : inflateEnd(&s->z);
        free(s->dictionary);
        free(s);
        return NULL;
    }
    return s;
}

long skiff_zstream_process(skiff_zstream *s, const unsigned char *input, size_t length, unsigned char **output) {
    size_t cap = length * 2 + 64, used = 0;
    unsigned char *out = malloc(cap);
    if (out == NULL) return -1;
    s->z.next_in = (unsigned char *)input;
    s->z.avail_in = (uInt)length;
    for (;;) {
        if (cap - used < 256) {
            unsigned char *bigger = realloc(out, cap * 2);
            if (bigger == NULL) {
                free(out);
                return -1;
            }
            out = bigger;
            cap *= 2;
        }
        s->z.next_out = out + used;
        s->z.avail_out = (uInt)(cap - used);
        int rc = s->deflating ? deflate(&s->z, Z_SYNC_FLUSH) : inflate(&s->z, Z_SYNC_FLUSH);
        used = cap - s->z.avail_out;
        if (rc == Z_NEED_DICT && !s->deflating && s->dictionary != NULL) {
            if (inflateSetDictionary(&s->z, s->dictionary, (uInt)s->dictionary_length) != Z_OK) break;
            continue;
        }
        if (rc == Z_BUF_ERROR || (rc == Z_OK && s->z.avail_out > 0 && s->z.avail_in == 0)) {
            /* No more progress possible: everything in and flushed. */
            if (s->z.avail_in == 0) {
                *output = used > 0 ? out : NULL;
                if (used == 0) free(out);
                return (long)used;
            }
            if (rc == Z_BUF_ERROR && s->z.avail_out > 0) break;
            continue;
        }
        if (rc != Z_OK && rc != Z_STREAM_END) break;
        if (rc == Z_STREAM_END) {
            *output = used > 0 ? out : NULL;
            if (used == 0) free(out);
            return (long)used;
        }
    }
    free(out);
    return -1;
}

void skiff_zstream_free(skiff_zstream *s) {
    if (s == NULL) return;
    s->deflating ? deflateEnd(&s->z) : inflateEnd(&s->z);
    free(s->dictionary);
    free(s);
}
