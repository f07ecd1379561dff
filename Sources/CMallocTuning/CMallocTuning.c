#include "CMallocTuning.h"
// Any libc header first: it defines __GLIBC__ on glibc.
#include <stdio.h>
#include <string.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

int skiff_malloc_limit_arenas(int arenas) {
#if defined(__GLIBC__)
    return mallopt(M_ARENA_MAX, arenas);
#else
    (void)arenas;
    return 0;
#endif
}

int skiff_malloc_trim(void) {
#if defined(__GLIBC__)
    return malloc_trim(0);
#else
    return 0;
#endif
}

long skiff_release_code_pages(void) {
#if defined(__linux__)
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return -1;
    exe[n] = 0;
    FILE *smaps = fopen("/proc/self/smaps", "r");
    if (!smaps) return -1;
    char line[8192];
    unsigned long start = 0, end = 0;
    int candidate = 0;
    unsigned long residentKB = 0;
    long released = 0;
    while (fgets(line, sizeof line, smaps)) {
        unsigned long a, b;
        char perms[8];
        int pathAt = 0;
        if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %n", &a, &b, perms, &pathAt) == 3 && pathAt > 0) {
            char *path = line + pathAt;
            path[strcspn(path, "\n")] = 0;
            // Only the executable's own code: never written, so its pages can always be
            // mapped again from the file.
            candidate = strcmp(perms, "r-xp") == 0 && strcmp(path, exe) == 0;
            start = a;
            end = b;
            continue;
        }
        if (candidate && sscanf(line, "Rss: %lu kB", &residentKB) == 1) continue;
        unsigned long anonymousKB;
        if (candidate && sscanf(line, "Anonymous: %lu kB", &anonymousKB) == 1) {
            // A copied-on-write page (a debugger's breakpoint) would be lost: leave such a
            // mapping alone.
            if (anonymousKB == 0 && madvise((void *)start, end - start, MADV_DONTNEED) == 0) {
                released += (long)residentKB * 1024;
            }
            candidate = 0;
        }
    }
    fclose(smaps);
    return released;
#else
    return 0;
#endif
}
