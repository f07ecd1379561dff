#include "CSkiffShim.h"
#include "shim_internal.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

const char *shim_arg(int argc, char **argv, const char *name) {
    for (int i = 0; i + 1 < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1] == '-' && strcmp(argv[i] + 2, name) == 0) return argv[i + 1];
    }
    return NULL;
}

int shim_flag(int argc, char **argv, const char *name) {
    for (int i = 0; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1] == '-' && strcmp(argv[i] + 2, name) == 0) return 1;
    }
    return 0;
}

int skiff_shim_main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: skiff shim create ...\n");
        return 2;
    }
    if (strcmp(argv[1], "create") == 0) return shim_create(argc - 1, argv + 1);
    fprintf(stderr, "skiff shim: unknown subcommand %s\n", argv[1]);
    return 2;
}

int shim_run_in_thread(void *(*body)(void *), void *job, const int *failed, const char *failure, char *message,
                       size_t capacity) {
    pthread_t thread;
    int rc = pthread_create(&thread, NULL, body, job);
    if (rc != 0) {
        snprintf(message, capacity, "start a thread: %s", strerror(rc));
        return -1;
    }
    pthread_join(thread, NULL);
    if (*failed) {
        snprintf(message, capacity, "%s", failure);
        return -1;
    }
    return 0;
}
