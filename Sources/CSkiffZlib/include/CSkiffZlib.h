#ifndef CSKIFF_ZLIB_H
#define CSKIFF_ZLIB_H

#include <stddef.h>

/// One zlib stream (deflate or inflate) that lives across many messages, as SPDY's header
/// compression needs: every call ends with a sync flush, and the preset dictionary is used when
/// the stream asks for it.
typedef struct skiff_zstream skiff_zstream;

/// A new stream: compressing when `deflate` is nonzero, else decompressing; `dictionary` (may be
/// NULL) is the preset dictionary. Returns NULL when zlib cannot be set up.
skiff_zstream *skiff_zstream_new(int deflate, const unsigned char *dictionary, size_t dictionary_length);

/// Runs all of `input` through the stream and flushes. On success returns the number of output
/// bytes and sets *output to a malloc'ed buffer the caller frees (NULL when there are none);
/// returns -1 when the input is not valid zlib data (the stream is then unusable).
long skiff_zstream_process(skiff_zstream *stream, const unsigned char *input, size_t length, unsigned char **output);

/// Frees the stream.
void skiff_zstream_free(skiff_zstream *stream);

#endif
