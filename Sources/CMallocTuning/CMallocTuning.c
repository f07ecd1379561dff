#include "CMallocTuning.h"
#include <stdio.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

// On Linux Skiff links jemalloc (Debian's libjemalloc2; see Package.swift), whose `malloc`
// replaces glibc's for the whole process. Its control interface is declared here
// rather than through <jemalloc/jemalloc.h>, which redeclares the standard allocation functions.
#if defined(__linux__)
int mallctl(const char *name, void *oldp, size_t *oldlenp, void *newp, size_t newlen);

// jemalloc reads its options from this symbol at start-up (then from MALLOC_CONF, which can
// override them). By default allocations over 8 MiB come from an arena that returns their pages
// at once, so every large response (a list of 10,000 pods is about 13 MB, grown by doubling)
// faulted its memory in anew: lists took 110-125 ms instead of 62-85 ms. With the threshold at
// 1 GiB they reuse freed pages like every other size, and the periodic trim returns them.
const char *malloc_conf = "oversize_threshold:1073741824";
#endif

int skiff_malloc_describe(char *buffer, size_t size) {
#if defined(__linux__)
    const char *version = NULL;
    size_t length = sizeof version;
    if (mallctl("version", &version, &length, NULL, 0) != 0 || version == NULL) return 0;
    snprintf(buffer, size, "jemalloc %s", version);
    return 1;
#else
    (void)buffer;
    (void)size;
    return 0;
#endif
}

size_t skiff_malloc_oversize_threshold(void) {
#if defined(__linux__)
    size_t threshold = 0;
    size_t length = sizeof threshold;
    return mallctl("opt.oversize_threshold", &threshold, &length, NULL, 0) == 0 ? threshold : 0;
#else
    return 0;
#endif
}

int skiff_malloc_trim(void) {
#if defined(__linux__)
    // MALLCTL_ARENAS_ALL (4096): every arena.
    return mallctl("arena.4096.purge", NULL, NULL, NULL, 0) == 0;
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
