/* Fuzz target for the store: bytes given as a --store file (a damaged or
 * foreign database, a store of a later version, anything) are opened, and
 * when they open as a store, listed, loaded, exported and checked. Besides
 * "no crash, no UB": a file the store accepts is at the current version.
 * The first bytes of the input also make a department name for
 * jue_store_dept_key, whose key always holds exactly one '/' before the name.
 * Builds with libFuzzer or with replay.c. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <juesuan/store.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int each(const jue_store_row *r, void *ctx)
{
    (void)r;
    return ++*(int *)ctx > 100;
}

static void dept_key(const uint8_t *data, size_t size)
{
    char name[200];
    size_t n = size < sizeof name - 1 ? size : sizeof name - 1;
    memcpy(name, data, n);
    name[n] = 0;
    jue_buf k;
    jue_buf_init(&k);
    jue_store_dept_key(name, NULL, &k);
    if (!strchr(jue_buf_str(&k), '/')) abort();
    jue_buf_free(&k);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dept_key(data, size);
    char path[] = "/tmp/fuzz-store-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return 0;
    if (write(fd, data, size) != (ssize_t)size) { close(fd); unlink(path); return 0; }
    close(fd);
    jue_diags d;
    jue_diags_init(&d);
    jue_store *s = NULL;
    if (jue_store_open(path, &s, &d) == JUE_OK) {
        if (jue_store_version(s) != JUE_STORE_SCHEMA) abort();
        int n = 0;
        jue_store_list(s, NULL, 0, each, &n);
        jue_disclosure *x = NULL;
        jue_findings f;
        jue_findings_init(&f);
        jue_store_load(s, "/", 2024, &x, &f, &d);
        jue_disclosure_free(x);
        jue_findings_free(&f);
        jue_buf b;
        jue_buf_init(&b);
        jue_store_export(s, "facts", "json", NULL, 0, &b, &d);
        size_t problems;
        jue_store_check(s, &b, &problems);
        jue_buf_free(&b);
    }
    jue_store_close(s);
    jue_diags_free(&d);
    char side[64];
    unlink(path);
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
    return 0;
}
