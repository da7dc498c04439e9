/*
 * Preloaded only for leak checks under valgrind. Valgrind 3.19 (Debian 12) rewrites the
 * signal mask passed to sigsuspend in place; libdispatch passes a mask in read-only
 * memory when an async main parks the main thread (dispatch_main), so valgrind itself
 * crashes with SIGSEGV before the first test runs. Passing a copy on the stack avoids it;
 * the program's behaviour is unchanged.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

int sigsuspend(const sigset_t *mask) {
    sigset_t copy = *mask;
    /* The kernel's sigset is 8 bytes on Linux, not glibc's 128-byte sigset_t. */
    return (int)syscall(SYS_rt_sigsuspend, &copy, (size_t)8);
}
