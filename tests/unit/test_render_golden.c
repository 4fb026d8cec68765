/* Golden tests of the renderers: the hand-built disclosure of
 * render_fixture.h is rendered by jue_render_all (every format) into a
 * temporary directory and each file is compared byte for byte with
 * $JUE_SRCDIR/tests/golden/render/. The XLSX is compared as its unzipped
 * parts, each normalised with `xmllint --format` (fixture.xlsx.txt); that
 * part is skipped when unzip or xmllint is missing.
 *
 * To regenerate the golden files after an intended change of output:
 *     JUE_UPDATE_GOLDEN=1 JUE_SRCDIR=/path/to/source ./test_render_golden
 * (or `JUE_UPDATE_GOLDEN=1 ctest -R render_golden`), then review the diff. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <juesuan/render.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "render_fixture.h"

static char g_tmp[64];
static char g_golden[1024];
static bool g_update;

static char *slurp(const char *path, size_t *len)
{
    char *data = NULL;
    if (jue_read_file(path, &data, len) != JUE_OK) return NULL;
    return data;
}

static void write_all(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

/* Compares actual text with the golden file `name` (or writes it when
 * updating); on a difference, reports the first differing line. */
static void check_golden(const char *name, const char *actual, size_t alen)
{
    char gpath[1200];
    snprintf(gpath, sizeof gpath, "%s/%s", g_golden, name);
    if (g_update) {
        write_all(gpath, actual, alen);
        return;
    }
    size_t glen = 0;
    char *golden = slurp(gpath, &glen);
    if (!golden) fail_msg("golden file %s missing (regenerate with JUE_UPDATE_GOLDEN=1)", gpath);
    if (glen != alen || memcmp(golden, actual, alen) != 0) {
        size_t i = 0, line = 1;
        while (i < glen && i < alen && golden[i] == actual[i]) {
            if (golden[i] == '\n') line++;
            i++;
        }
        char keep[1300];
        snprintf(keep, sizeof keep, "%s.actual", gpath);
        write_all(keep, actual, alen);
        free(golden);
        fail_msg("%s differs from the golden file at line %zu (actual output written to %s)", name,
                 line, keep);
    }
    free(golden);
}

static int setup(void **state)
{
    const char *src = getenv("JUE_SRCDIR");
    if (!src) {
        fprintf(stderr, "JUE_SRCDIR is not set\n");
        return -1;
    }
    snprintf(g_golden, sizeof g_golden, "%s/tests/golden/render", src);
    const char *up = getenv("JUE_UPDATE_GOLDEN");
    g_update = up && strcmp(up, "1") == 0;
    if (g_update) {
        char gdir[1100];
        snprintf(gdir, sizeof gdir, "%s/tests/golden", src);
        mkdir(gdir, 0777);
        mkdir(g_golden, 0777);
    }
    strcpy(g_tmp, "/tmp/jue-golden-XXXXXX");
    if (!mkdtemp(g_tmp)) return -1;
    jue_disclosure *d = fx_build();
    if (!d) return -1;
    jue_diags diags;
    jue_diags_init(&diags);
    jue_status st = jue_render_all(d, g_tmp, "fixture", JUE_FMT_ALL, &diags);
    jue_diags_free(&diags);
    jue_disclosure_free(d);
    *state = NULL;
    return st == JUE_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    DIR *dh = opendir(g_tmp);
    if (dh) {
        struct dirent *e;
        char path[512];
        while ((e = readdir(dh)) != NULL) {
            if (e->d_name[0] == '.') continue;
            snprintf(path, sizeof path, "%s/%s", g_tmp, e->d_name);
            unlink(path);
        }
        closedir(dh);
    }
    rmdir(g_tmp);
    return 0;
}

static void check_file(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", g_tmp, name);
    size_t len = 0;
    char *data = slurp(path, &len);
    if (!data) fail_msg("renderer did not write %s", name);
    check_golden(name, data, len);
    free(data);
}

static void test_html(void **state) { (void)state; check_file("fixture.html"); }
static void test_md(void **state) { (void)state; check_file("fixture.md"); }
static void test_json(void **state) { (void)state; check_file("fixture.json"); }

static void test_csv(void **state)
{
    (void)state;
    char name[32];
    for (int i = 1; i <= JUE_NTABLES; i++) {
        snprintf(name, sizeof name, "fixture-t%02d.csv", i);
        check_file(name);
    }
}

/* Runs a shell command and appends its standard output to b. */
static bool run(const char *cmd, jue_buf *b)
{
    FILE *p = popen(cmd, "r");
    if (!p) return false;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0) jue_buf_putn(b, chunk, n);
    return pclose(p) == 0;
}

static void test_xlsx(void **state)
{
    (void)state;
    if (system("command -v unzip >/dev/null 2>&1 && command -v xmllint >/dev/null 2>&1") != 0) {
        skip();
    }
    char xlsx[128], cmd[512];
    snprintf(xlsx, sizeof xlsx, "%s/fixture.xlsx", g_tmp);
    jue_buf list, dump;
    jue_buf_init(&list);
    jue_buf_init(&dump);
    snprintf(cmd, sizeof cmd, "unzip -Z1 '%s' | LC_ALL=C sort", xlsx);
    assert_true(run(cmd, &list));
    /* Every part, in name order, as formatted XML. Nothing is excluded: the
     * only time-dependent part (docProps/core.xml) carries the fixed
     * creation time the renderer sets. */
    char *names = jue_buf_take(&list);
    assert_non_null(names);
    for (char *save = NULL, *part = strtok_r(names, "\n", &save); part;
         part = strtok_r(NULL, "\n", &save)) {
        jue_buf_printf(&dump, "==> %s <==\n", part);
        /* unzip reads member names as patterns: [ and ] must be escaped. */
        char pat[256];
        size_t k = 0;
        for (const char *c = part; *c && k + 3 < sizeof pat; c++) {
            if (*c == '[' || *c == ']') pat[k++] = '\\';
            pat[k++] = *c;
        }
        pat[k] = '\0';
        snprintf(cmd, sizeof cmd, "unzip -p '%s' '%s' | xmllint --format -", xlsx, pat);
        if (!run(cmd, &dump)) fail_msg("could not normalise %s", part);
    }
    free(names);
    assert_int_equal(jue_buf_err(&dump), JUE_OK);
    check_golden("fixture.xlsx.txt", jue_buf_str(&dump), dump.len);
    jue_buf_free(&dump);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_html), cmocka_unit_test(test_md),   cmocka_unit_test(test_json),
        cmocka_unit_test(test_csv),  cmocka_unit_test(test_xlsx),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
