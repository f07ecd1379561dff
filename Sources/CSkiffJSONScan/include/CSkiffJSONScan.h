#ifndef CSKIFF_JSON_SCAN_H
#define CSKIFF_JSON_SCAN_H

#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// Where each byte of a 64-byte block is a quote, a backslash, an opening bracket (`{` or `[`)
/// or a closing one (`}` or `]`): bit k stands for byte k.
typedef struct {
    uint64_t quote, backslash, open, close;
} skiff_json_block_marks;

/// The marks of the 64 bytes at `p`.
static inline skiff_json_block_marks skiff_json_marks(const uint8_t *p) {
    skiff_json_block_marks m = {0, 0, 0, 0};
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
    // `[` and `{` differ only in 0x20, as do `]` and `}`; no other byte folds onto either.
    const __m128i fold = _mm_set1_epi8(0x20), open = _mm_set1_epi8('{'), close = _mm_set1_epi8('}');
    for (int k = 0; k < 4; k++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(p + 16 * k));
        __m128i folded = _mm_or_si128(v, fold);
        int shift = 16 * k;
        m.quote |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, quote)) << shift;
        m.backslash |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, backslash)) << shift;
        m.open |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(folded, open)) << shift;
        m.close |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(folded, close)) << shift;
    }
#else
    for (int k = 0; k < 64; k++) {
        uint64_t bit = (uint64_t)1 << k;
        uint8_t c = p[k] | 0x20;
        if (p[k] == '"') m.quote |= bit;
        if (p[k] == '\\') m.backslash |= bit;
        if (c == '{') m.open |= bit;
        if (c == '}') m.close |= bit;
    }
#endif
    return m;
}

/// Bit k of the result is the parity of bits 0 through k of `x`.
static inline uint64_t skiff_json_prefix_parity(uint64_t x) {
    x ^= x << 1;
    x ^= x << 2;
    x ^= x << 4;
    x ^= x << 8;
    x ^= x << 16;
    x ^= x << 32;
    return x;
}

/// The bytes of a block that a backslash escapes. `*carry` is 1 when the previous block ended
/// with a backslash that escapes this block's first byte, and is set the same way for the next.
static inline uint64_t skiff_json_escaped(uint64_t backslash, uint64_t *carry) {
    uint64_t escaped = *carry;
    // An escaped backslash escapes nothing; each other one escapes the byte after it.
    uint64_t escaping = backslash & ~escaped;
    *carry = 0;
    while (escaping != 0) {
        uint64_t bit = escaping & (0 - escaping);
        if (bit == (uint64_t)1 << 63) {
            *carry = 1;
            break;
        }
        escaped |= bit << 1;
        escaping &= ~(bit | (bit << 1));
    }
    return escaped;
}

/// What `skiff_json_skip_container` found.
typedef enum {
    /// The container closed; `end` is the offset just past its closing bracket.
    SKIFF_JSON_SCAN_CLOSED = 0,
    /// The input ended first; `end` is the input's length.
    SKIFF_JSON_SCAN_UNTERMINATED = 1,
    /// Brackets nested deeper than allowed; `end` is the offset of the bracket that went too deep.
    SKIFF_JSON_SCAN_TOO_DEEP = 2,
} skiff_json_scan_result;

/// Finds the end of the object or array whose opening bracket is at `start` in the `count`
/// bytes at `bytes`, 64 bytes a step, without validating what is inside: brackets inside
/// strings (strings end at an unescaped quote) do not count, and more than `max_depth` brackets
/// open at once (counted from the one at `start`) is an error. `*end` is set as the result says.
/// A backslash escapes the byte after it wherever it stands (valid JSON has none outside
/// strings; in malformed input, where the container ends may then differ from a byte-by-byte
/// scan that knows where strings are, which the caller's later parsing reports).
static inline skiff_json_scan_result skiff_json_skip_container(
    const uint8_t *bytes, long count, long start, long max_depth, long *end) {
    long depth = 0;
    uint64_t in_string = 0;  // all ones when the previous block ended inside a string
    uint64_t escape_carry = 0;
    uint8_t tail[64];
    for (long at = start; at < count; at += 64) {
        const uint8_t *block = bytes + at;
        if (count - at < 64) {
            // The last, short block, padded with zeros (which are no marks).
            memset(tail, 0, sizeof tail);
            memcpy(tail, bytes + at, (size_t)(count - at));
            block = tail;
        }
        skiff_json_block_marks m = skiff_json_marks(block);
        uint64_t escaped = (m.backslash | escape_carry) ? skiff_json_escaped(m.backslash, &escape_carry) : 0;
        uint64_t inside = skiff_json_prefix_parity(m.quote & ~escaped) ^ in_string;
        in_string = (uint64_t)0 - (inside >> 63);
        uint64_t open = m.open & ~inside, close = m.close & ~inside;
        long opens = __builtin_popcountll(open), closes = __builtin_popcountll(close);
        if (depth > closes && depth + opens <= max_depth) {
            // Neither can the container close in this block nor nest too deep.
            depth += opens - closes;
            continue;
        }
        for (uint64_t marks = open | close; marks != 0; marks &= marks - 1) {
            uint64_t bit = marks & (0 - marks);
            long offset = at + __builtin_ctzll(marks);
            if (open & bit) {
                if (++depth > max_depth) {
                    *end = offset;
                    return SKIFF_JSON_SCAN_TOO_DEEP;
                }
            } else if (--depth == 0) {
                *end = offset + 1;
                return SKIFF_JSON_SCAN_CLOSED;
            }
        }
    }
    *end = count;
    return SKIFF_JSON_SCAN_UNTERMINATED;
}

#endif
