/*
 * Preloaded only for leak checks under valgrind. Under valgrind 3.19 (Debian 12) the
 * test runner's async main parks the main thread in libdispatch's sigsuspend, and
 * valgrind itself crashes with SIGSEGV on the mask it is given before the first test
 * runs (it appears to rewrite the mask in place, and libdispatch's is read-only).
 * Passing a copy on the stack avoids it; the program's behaviour is unchanged.
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
