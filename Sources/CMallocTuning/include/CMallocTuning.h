#ifndef CMALLOC_TUNING_H
#define CMALLOC_TUNING_H

/// Limits glibc malloc to `arenas` arenas; returns 1 on success, 0 when unsupported.
int skiff_malloc_limit_arenas(int arenas);

/// Returns free heap memory to the system; returns 1 when memory was released.
int skiff_malloc_trim(void);

/// Drops this process's mappings of its own executable's code (never-written `r-xp` mappings
/// of /proc/self/exe) with MADV_DONTNEED; the pages stay in the page cache and fault back in on
/// use. Returns the resident bytes dropped, or -1 when /proc cannot be read.
long skiff_release_code_pages(void);

#endif
