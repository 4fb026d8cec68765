/* Fuzz target for the catalogue loader: the input becomes functional.csv and
 * economic.csv in a fresh temporary directory, is loaded, queried a little
 * and freed. Built as a libFuzzer target, or linked with replay.c to run a
 * corpus as a regression test. */
#include <juesuan/catalog.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int put(const char *dir, const char *base, const uint8_t *data, size_t size)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", dir, base);
    FILE *f = fopen(p, "wb");
    if (!f) return -1;
    size_t w = size ? fwrite(data, 1, size, f) : 0;
    int rc = fclose(f);
    return (w == size && rc == 0) ? 0 : -1;
}

static void drop(const char *dir, const char *base)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", dir, base);
    unlink(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *tmp = getenv("TMPDIR");
    char dir[256];
    snprintf(dir, sizeof dir, "%s/jue-fuzz-cat-XXXXXX", tmp && strlen(tmp) < 200 ? tmp : "/tmp");
    if (!mkdtemp(dir)) return 0;
    if (put(dir, "functional.csv", data, size) == 0 && put(dir, "economic.csv", data, size) == 0) {
        jue_diags d;
        jue_diags_init(&d);
        jue_catalog *cat = NULL;
        if (jue_catalog_load(dir, &cat, &d) == JUE_OK && cat) {
            /* Touch every query so the indexes built from arbitrary input
             * are exercised, not just the parser. */
            const char *out[16];
            for (int k = 0; k < 2; k++) {
                jue_cat_kind kind = k ? JUE_CAT_ECONOMIC : JUE_CAT_FUNCTIONAL;
                int from = 0, to = 0;
                jue_catalog_years(cat, kind, &from, &to);
                size_t n = jue_catalog_children(cat, kind, NULL, from, out, 16);
                (void)jue_catalog_lists_children(cat, kind, NULL);
                for (size_t i = 0; i < n && i < 16; i++) {
                    const char *code = out[i];
                    const char *name = jue_catalog_name(cat, kind, code, from);
                    (void)jue_catalog_source(cat, kind, code, from);
                    if (name) (void)jue_catalog_find_name(cat, kind, name, jue_code_level(kind, code), NULL, from);
                    const char *sub[16];
                    size_t m = jue_catalog_children(cat, kind, code, from, sub, 16);
                    (void)jue_catalog_lists_children(cat, kind, code);
                    (void)jue_catalog_complete_for(cat, kind, code);
                    for (size_t j = 0; j < m && j < 16; j++) {
                        char parent[8];
                        (void)jue_code_parent(kind, sub[j], parent, sizeof parent);
                        (void)jue_catalog_complete_for(cat, kind, sub[j]);
                        (void)jue_catalog_children(cat, kind, sub[j], to, NULL, 0);
                    }
                }
            }
        }
        jue_catalog_free(cat);
        jue_diags_free(&d);
    }
    drop(dir, "functional.csv");
    drop(dir, "economic.csv");
    rmdir(dir);
    return 0;
}
