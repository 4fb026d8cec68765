/* Short work on an uploaded file (a page rendered, a table shown) in a
 * process of its own, with the server's limits on memory and CPU time and a
 * wall-clock limit: a hostile PDF costs at most that, and a crash stays in
 * the child. */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "serve_view.h"

#if defined(__SANITIZE_ADDRESS__)
#define BOUNDED_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BOUNDED_ASAN 1
#endif
#endif

void serve_child_limits(const serve_app *app, int cpu_seconds, int wall_seconds, int file_mb)
{
    close_range(3, ~0U, 0);   /* the server's sockets are not the child's */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    signal(SIGPIPE, SIG_DFL);
    struct rlimit c = { (rlim_t)cpu_seconds, (rlim_t)cpu_seconds + 2 }, core = { 0, 0 };
    struct rlimit fsize = { (rlim_t)file_mb << 20, (rlim_t)file_mb << 20 };
    setrlimit(RLIMIT_CPU, &c);   /* SIGXCPU at the soft limit, SIGKILL at the hard one */
    setrlimit(RLIMIT_CORE, &core);
    setrlimit(RLIMIT_FSIZE, &fsize);
#ifndef BOUNDED_ASAN   /* AddressSanitizer reserves terabytes of shadow address space */
    struct rlimit as = { (rlim_t)app->o.mem_bytes, (rlim_t)app->o.mem_bytes };
    setrlimit(RLIMIT_AS, &as);
#else
    (void)app;
#endif
    alarm((unsigned)wall_seconds);   /* waiting on something costs no CPU */
}

void serve_child_enter(const serve_app *app, int seconds)
{
    serve_child_limits(app, app->o.cpu_seconds < seconds ? app->o.cpu_seconds : seconds, seconds + 2, 64);
}

bool serve_run_bounded(const serve_app *app, int seconds, bool (*fn)(const serve_app *app, void *arg), void *arg)
{
    pid_t pid = fork();
    if (pid < 0) return false;
    if (pid == 0) {
        serve_child_enter(app, seconds);
        _exit(fn(app, arg) ? 0 : 1);
    }
    struct timespec step = { 0, 10 * 1000 * 1000 };
    int status = 0;
    for (long waited = 0;; waited += 10) {
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid) break;
        if (r < 0 || waited >= seconds * 1000L) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            return false;
        }
        nanosleep(&step, NULL);
    }
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}
