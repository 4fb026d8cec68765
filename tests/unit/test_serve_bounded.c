/* Work on an upload in a bounded process (src/serve/bounded.c): what ends
 * well is true; what fails, crashes or never ends is false and the server
 * goes on (the spinning child is killed by its CPU or wall-clock limit, so
 * this test waits about a second, not forever). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "serve/serve_view.h"

static bool ends_well(const serve_app *app, void *arg)
{
    (void)app;
    return *(int *)arg == 42;
}

static bool spins(const serve_app *app, void *arg)
{
    (void)app, (void)arg;
    for (volatile unsigned long i = 0;; i++) {}
    return true;
}

static bool crashes(const serve_app *app, void *arg)
{
    (void)app, (void)arg;
    raise(SIGSEGV);
    return true;
}

static void test_bounded(void **state)
{
    (void)state;
    serve_app app;
    memset(&app, 0, sizeof app);
    jue_serve_opts_init(&app.o);
    int yes = 42, no = 7;
    assert_true(serve_run_bounded(&app, 10, ends_well, &yes));
    assert_false(serve_run_bounded(&app, 10, ends_well, &no));
    assert_false(serve_run_bounded(&app, 1, spins, NULL));
    assert_false(serve_run_bounded(&app, 10, crashes, NULL));
    /* nothing left behind: no child of ours remains */
    assert_int_equal(waitpid(-1, NULL, WNOHANG), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
