#include <stddef.h>

// Swift concurrency's global enqueue hook (SWIFT_RUNTIME_EXPORT in ConcurrencyHooks.cpp). With the
// runtime linked statically it is hidden from dlsym, so it is reached by name at link time.
extern void *swift_task_enqueueGlobal_hook;

int skiff_install_global_enqueue_hook(void *hook) {
    void *expected = NULL;
    return __atomic_compare_exchange_n(&swift_task_enqueueGlobal_hook, &expected, hook, 0, __ATOMIC_SEQ_CST,
                                       __ATOMIC_SEQ_CST);
}
