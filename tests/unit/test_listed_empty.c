/* A table listed with its title and heading words but nothing under it, in
 * the copies where its heading cannot be read as a heading (one word a line,
 * as `pdftotext -raw` gives; a line cut by a fixed-width wrap): it is read
 * as an empty table, as a ruled copy reads it, so a missing 注 saying why is
 * found in every door. A segment with anything that may be a figure stays
 * unread. The tables here are made up; the shapes are the real ones. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <juesuan/import.h>
#include <juesuan/model.h>

#include <stdio.h>
#include <string.h>

#include "import/import_internal.h"

static jue_catalog *g_cat;
static jue_profile *g_prof;

static int setup(void **state)
{
    (void)state;
    jue_diags dg;
    jue_diags_init(&dg);
    int bad = jue_catalog_load(NULL, &g_cat, &dg) != JUE_OK || jue_profile_load(NULL, &g_prof, &dg) != JUE_OK;
    jue_diags_free(&dg);
    return bad ? -1 : 0;
}

static int teardown(void **state)
{
    (void)state;
    jue_catalog_free(g_cat);
    jue_profile_free(g_prof);
    return 0;
}

static jue_disclosure *read_text(const char *text, char *warn, size_t size)
{
    jue_diags dg;
    jue_diags_init(&dg);
    jue_disclosure *d = NULL;
    jue_import_buffer(text, strlen(text), "t.txt", JUE_IN_TEXT, g_cat, g_prof, &d, NULL, &dg);
    warn[0] = '\0';
    for (size_t i = 0; i < dg.len; i++) {
        strncat(warn, dg.items[i].message, size - strlen(warn) - 1);
        strncat(warn, "\n", size - strlen(warn) - 1);
    }
    jue_diags_free(&dg);
    assert_non_null(d);
    return d;
}

/* Heading words one a line, a 注 line, a page number, then the next table's title. */
static const char ONE_WORD_A_LINE[] =
    "一般公共预算财政拨款基本支出决算表\n"
    "编制单位：某县某局 金额单位：万元\n"
    "人员经费 公用经费\n"
    "经济分类\n"
    "科目编码\n"
    "科目名称 决算数\n"
    "经济分类\n"
    "科目编码\n"
    "科目名称 决算数\n"
    "%s\n"
    "第 13 页\n"
    "政府性基金预算财政拨款收入支出决算表\n";

static jue_disclosure *listed(const char *note, char *warn, size_t size)
{
    char text[2048];
    snprintf(text, sizeof text, ONE_WORD_A_LINE, note);
    return read_text(text, warn, size);
}

static void one_word_a_line_is_empty(void **state)
{
    (void)state;
    char warn[8192];
    jue_disclosure *d = listed("注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。", warn, sizeof warn);
    const jue_table *t = d->tables[JUE_T06];
    assert_non_null(t);               /* read, not set aside */
    assert_true(t->empty);
    assert_int_equal(t->nrows, 0);
    assert_null(d->unread[JUE_T06]);
    assert_null(t->note);             /* no 注 saying why it is empty: complete.empty-note's to find */
    assert_null(strstr(warn, "没有读准"));
    assert_non_null(strstr(warn, "有标题，但标题下没有表格行"));
    jue_disclosure_free(d);
}

/* The 注 that says why (with its year's digits) is the table's note. */
static void its_note_says_why(void **state)
{
    (void)state;
    char warn[8192];
    jue_disclosure *d = listed("注：本单位2024年度没有一般公共预算财政拨款基本支出，故本表无数据。", warn, sizeof warn);
    const jue_table *t = d->tables[JUE_T06];
    assert_non_null(t);
    assert_true(t->empty);
    assert_non_null(t->note);
    assert_non_null(strstr(t->note, "故本表无数据"));
    assert_null(strstr(warn, "有标题，但标题下没有表格行"));
    jue_disclosure_free(d);
}

/* The same heading with one figure row among its words: not empty, and not
 * read either (where the figure goes is not known). */
static void a_figure_keeps_it_unread(void **state)
{
    (void)state;
    char text[2048];
    snprintf(text, sizeof text, "%s",
             "一般公共预算财政拨款基本支出决算表\n"
             "编制单位：某县某局 金额单位：万元\n"
             "人员经费 公用经费\n"
             "经济分类\n"
             "科目编码\n"
             "科目名称 决算数\n"
             "301 工资福利支出 812.40\n"
             "第 13 页\n"
             "政府性基金预算财政拨款收入支出决算表\n");
    char warn[8192];
    jue_disclosure *d = read_text(text, warn, sizeof warn);
    const jue_table *t = d->tables[JUE_T06];
    assert_true(t == NULL || !t->empty);
    jue_disclosure_free(d);
}

/* A blank form: its 科目 codes and names listed, two panes a line, no figure. */
static void blank_form_is_empty(void **state)
{
    (void)state;
    char warn[8192];
    jue_disclosure *d = read_text("一般公共预算财政拨款基本支出决算表\n"
                                  "单位：万元\n"
                                  "经济分类\n"
                                  "科目编码\n"
                                  "科目名称 决算数\n"
                                  "301 工资福利支出 302 商品和服务支出\n"
                                  "30101 基本工资 30201 办公费\n"
                                  "30108\n"
                                  "机关事业单位基本养老保\n"
                                  "险缴费\n"
                                  "注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。\n"
                                  "政府性基金预算财政拨款收入支出决算表\n",
                                  warn, sizeof warn);
    assert_non_null(d->tables[JUE_T06]);
    assert_true(d->tables[JUE_T06]->empty);
    jue_disclosure_free(d);
}

/* A whole number after a name is a figure, not a code: the table stays unread. */
static void whole_number_is_a_figure(void **state)
{
    (void)state;
    char warn[8192];
    jue_disclosure *d = read_text("一般公共预算财政拨款基本支出决算表\n"
                                  "单位：元\n"
                                  "经济分类\n"
                                  "科目编码\n"
                                  "科目名称 决算数\n"
                                  "301 工资福利支出 120\n"
                                  "注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。\n"
                                  "政府性基金预算财政拨款收入支出决算表\n",
                                  warn, sizeof warn);
    const jue_table *t = d->tables[JUE_T06];
    assert_true(t == NULL || !t->empty);
    jue_disclosure_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(one_word_a_line_is_empty),
        cmocka_unit_test(its_note_says_why),
        cmocka_unit_test(a_figure_keeps_it_unread),
        cmocka_unit_test(blank_form_is_empty),
        cmocka_unit_test(whole_number_is_a_figure),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
