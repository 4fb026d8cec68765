/* The round-trip comparison shared by the document tests: every figure a
 * compiled disclosure prints must come back, the same to the last digit,
 * from the document written in some format and read by the importers.
 * Include after <cmocka.h>. */
#ifndef ROUNDTRIP_H
#define ROUNDTRIP_H

#include <juesuan/compile.h>
#include <juesuan/document.h>
#include <juesuan/model.h>

#include <stdio.h>
#include <stdlib.h>

/* The bundled example compiled (and its document built when doc is not
 * NULL): the input of every round trip. 0 on success, -1 on any failure
 * (a cmocka setup's answer). */
static int rt_load_example(jue_catalog **cat, jue_profile **prof, jue_source **src, jue_disclosure **disc,
                           jue_document **doc)
{
    jue_diags d;
    jue_diags_init(&d);
    char dir[4096];
    const char *root = getenv("JUE_SRCDIR") ? getenv("JUE_SRCDIR") : ".";
    snprintf(dir, sizeof dir, "%s/examples/county-medical-security-2024", root);
    int rc = jue_catalog_load(NULL, cat, &d) || jue_profile_load(NULL, prof, &d) || jue_source_load(dir, *cat, src, &d) ||
                     jue_compile(*src, *cat, *prof, disc, NULL, &d) ||
                     (doc && jue_document_build(*src, *disc, *cat, *prof, doc, &d))
                 ? -1
                 : 0;
    jue_diags_free(&d);
    return rc;
}

static void rt_free_example(jue_catalog *cat, jue_profile *prof, jue_source *src, jue_disclosure *disc,
                            jue_document *doc)
{
    jue_document_free(doc);
    jue_disclosure_free(disc);
    jue_source_free(src);
    jue_profile_free(prof);
    jue_catalog_free(cat);
}

/* Fails the test (naming format, table, row and column) at the first
 * printed figure of `want` that `got` lacks or reads differently; returns
 * how many figures were compared. Table 04's income pane prints only its
 * total column, so its other cells are not compared. */
static size_t rt_compare_printed(const jue_disclosure *want, const jue_disclosure *got, const char *format)
{
    size_t checked = 0;
    for (int t = 0; t < JUE_NTABLES; t++) {
        const jue_table *a = want->tables[t], *b = got->tables[t];
        if (!a) continue;
        if (!b) fail_msg("T%02d not recognised in the %s", t + 1, format);
        for (size_t r = 0; r < a->nrows; r++) {
            int rb = jue_table_find_row(b, a->rows[r].key, a->rows[r].side);
            for (size_t c = 0; c < a->ncols; c++) {
                const jue_cell *x = jue_table_cell_c(a, r, c);
                if (!x->present) continue;
                if (t == JUE_T04 && a->rows[r].side == JUE_SIDE_INCOME && c > 0) continue;  /* not printed */
                if (rb < 0) fail_msg("%s: T%02d row %s missing after the round trip", format, t + 1, a->rows[r].key);
                int cb = jue_table_find_col(b, a->cols[c].key);
                assert_true(cb >= 0);
                const jue_cell *y = jue_table_cell_c(b, (size_t)rb, (size_t)cb);
                if (!y->present || y->printed != x->printed)
                    fail_msg("%s: T%02d %s/%s: %lld vs %lld", format, t + 1, a->rows[r].key, a->cols[c].key,
                             (long long)x->printed, (long long)y->printed);
                checked++;
            }
        }
    }
    return checked;
}

#endif
