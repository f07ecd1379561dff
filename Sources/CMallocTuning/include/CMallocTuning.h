#ifndef CMALLOC_TUNING_H
#define CMALLOC_TUNING_H

#include <stddef.h>

/// The allocator's name and version ("jemalloc 5.3.0-..."), written into `buffer` (at most
/// `size` bytes, NUL-terminated); returns 1 when jemalloc is the process's malloc, 0 when not.
int skiff_malloc_describe(char *buffer, size_t size);

/// Size in bytes above which jemalloc serves allocations from its separate, eagerly purged
/// arena (`opt.oversize_threshold`); 0 when jemalloc is not the allocator.
size_t skiff_malloc_oversize_threshold(void);

/// Returns the allocator's free (dirty) pages to the system at once, rather than over
/// jemalloc's decay period; returns 1 when they were purged, 0 when unsupported.
int skiff_malloc_trim(void);

/// Drops this process's mappings of its own executable's code (never-written `r-xp` mappings
/// of /proc/self/exe) with MADV_DONTNEED; the pages stay in the page cache and fault back in on
/// use. Returns the resident bytes dropped, or -1 when /proc cannot be read.
long skiff_release_code_pages(void);

#endif
