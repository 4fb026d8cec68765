/* The text door on made-up tables in the shapes PDF-to-text tools print
 * (pdftotext -layout: one character per position, CJK as wide as a digit;
 * -raw: one space between cells). Each test states the shape and checks
 * the grid cells or the table read from it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <juesuan/import.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/import_internal.h"

static jue_idoc *grid_of(const char *text)
{
    jue_diags dg;
    jue_diags_init(&dg);
    jue_idoc *doc = jue_idoc_new("t.txt", JUE_IN_TEXT);
    assert_non_null(doc);
    assert_int_equal(jue_text_read(text, strlen(text), doc, &dg), JUE_OK);
    jue_diags_free(&dg);
    return doc;
}

/* The row of the grid printed on line `line`. */
static const jue_grow *row_at(const jue_idoc *doc, int line)
{
    for (size_t i = 0; i < doc->grids[0].n; i++)
        if (doc->grids[0].rows[i].line == line) return &doc->grids[0].rows[i];
    fail_msg("no line %d", line);
    return NULL;
}

/* Column of the cell holding text on line `line`, or -1. */
static int col_of(const jue_idoc *doc, int line, const char *text)
{
    const jue_grow *r = row_at(doc, line);
    for (size_t c = 0; c < r->n; c++)
        if (!strcmp(r->cells[c].text, text)) return (int)c;
    return -1;
}

/* A CJK heading ends left of the figures under it (其他收入 is 4 positions,
 * its figures start 3 further right): the figures join the heading's
 * column, and the blank column before it stays blank. */
static void test_heading_narrower_than_figures(void **state)
{
    (void)state;
    const char *t = "科目编码      科目名称          本年收入合计      财政拨款收入      经营收入      其他收入\n"
                    "          合计             10.00        8.95                       1.05\n"
                    "201       一般公共服务         10.00        8.95                       1.05\n"
                    "20101     人大事务            8.95        8.95\n";
    jue_idoc *doc = grid_of(t);
    int head = col_of(doc, 1, "其他收入");
    assert_true(head > 0);
    assert_int_equal(col_of(doc, 2, "1.05"), head);
    assert_int_equal(col_of(doc, 3, "1.05"), head);
    assert_int_equal(col_of(doc, 1, "经营收入"), head - 1);
    assert_int_equal(col_of(doc, 2, "8.95"), col_of(doc, 1, "财政拨款收入"));
    jue_idoc_free(doc);
}

/* Two columns that share a row stay two columns even when the right one
 * has no heading of its own (a heading printed only on a page before). */
static void test_headless_column_with_its_neighbour_filled(void **state)
{
    (void)state;
    const char *t = "科目编码  科目名称      合计     其他\n"
                    "201       一般公共服务   10.00  1.00    9.00\n"
                    "20101     人大事务        8.95  0.95    8.00\n";
    jue_idoc *doc = grid_of(t);
    assert_int_equal(col_of(doc, 2, "9.00"), col_of(doc, 2, "1.00") + 1);
    jue_idoc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_heading_narrower_than_figures),
        cmocka_unit_test(test_headless_column_with_its_neighbour_filled),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
