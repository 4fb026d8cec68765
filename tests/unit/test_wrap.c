/* Text whose lines are wrapped anywhere, as readers copy from a PDF: the
 * notes read as paragraphs (a figure or its unit broken over two lines is
 * one figure, still placed at its line, column and page). All text here is
 * made up; the shapes are the ones real copies show. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <juesuan/claims.h>
#include <juesuan/import.h>
#include <juesuan/model.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/import_internal.h"

static jue_catalog *g_cat;
static jue_profile *g_prof;
static jue_lexicon *g_lx;

static int setup(void **state)
{
    (void)state;
    jue_diags dg;
    jue_diags_init(&dg);
    int bad = jue_catalog_load(NULL, &g_cat, &dg) != JUE_OK || jue_profile_load(NULL, &g_prof, &dg) != JUE_OK ||
              jue_lexicon_load(NULL, &g_lx, &dg) != JUE_OK;
    jue_diags_free(&dg);
    return bad ? -1 : 0;
}

static int teardown(void **state)
{
    (void)state;
    jue_catalog_free(g_cat);
    jue_profile_free(g_prof);
    jue_lexicon_free(g_lx);
    return 0;
}

static jue_note_line note(const char *text, int line, int col, int page)
{
    return (jue_note_line){ .text = text, .len = strlen(text), .line = line, .col = col, .page = page };
}

/* The first claim whose printed figure is `printed`, or NULL. */
static const jue_claim *printed(const jue_claims *c, const char *p)
{
    for (size_t i = 0; i < c->len; i++)
        if (c->items[i].printed && !strcmp(c->items[i].printed, p)) return &c->items[i];
    return NULL;
}

/* Typed lines in, claims out: a figure cut by the wrap ("2" / "3,965.16万")
 * and a unit cut ("万" / "元") are one figure each, placed where their first
 * character is printed (the line's own column and page, not 1 and 0). */
static void test_typed_lines_one_paragraph(void **state)
{
    (void)state;
    jue_note_line L[] = {
        note("2024年度收入总计2", 40, 3, 7),
        note("3,965.16万元，支出总计12", 41, 1, 7),
        note("0.00万", 42, 1, 8),
        note("元。", 43, 1, 8),
    };
    jue_claims c;
    jue_claims_init(&c);
    assert_int_equal(jue_claims_read(L, 4, g_lx, g_cat, 2024, &c), JUE_OK);
    const jue_claim *a = printed(&c, "23,965.16万元");
    assert_non_null(a);
    assert_int_equal(a->value, 23965160000LL);   /* 23,965.16万元 in 分 */
    assert_int_equal(a->line, 40);
    assert_int_equal(a->col, 3 + 10);   /* "2024年度收入总计" is 10 characters */
    assert_int_equal(a->page, 7);
    const jue_claim *b = printed(&c, "120.00万元");
    assert_non_null(b);
    assert_int_equal(b->value, 120000000);
    assert_int_equal(b->line, 41);
    assert_int_equal(b->page, 7);
    jue_claims_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_typed_lines_one_paragraph),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
