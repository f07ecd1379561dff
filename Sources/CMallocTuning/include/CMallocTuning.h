#ifndef CMALLOC_TUNING_H
#define CMALLOC_TUNING_H

/// Limits glibc malloc to `arenas` arenas; returns 1 on success, 0 when unsupported.
int skiff_malloc_limit_arenas(int arenas);

/// Returns free heap memory to the system; returns 1 when memory was released.
int skiff_malloc_trim(void);

#endif
