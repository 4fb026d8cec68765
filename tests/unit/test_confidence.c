/* Confidence before accusation (src/import/confidence.c): a table whose
 * figures do not hold together as read is set aside only when the reading
 * looks wrong — many identities failing in ways no single figure explains, a
 * column swapped, a blank where a figure was lost — while one slipped figure
 * (its row and its 款 failing, the rest balancing) is kept, so the rule pack
 * reports it. Tables made up here: a 类 with one 款 and two 项 (table 05). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "import/import_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define W 1000000   /* 100.00 万元 in 分 */

/* 合计 / 210 / 21011 / 2101101 / 2101102, columns 合计 基本支出 项目支出:
 * the 项 are 100 = 60 + 40 and 50 = 20 + 30. */
static jue_table *t05(void)
{
    static const char *const KEYS[] = { "合计", "210", "21011", "2101101", "2101102" };
    static const jue_level LV[] = { JUE_LEVEL_NONE, JUE_LEVEL_LEI, JUE_LEVEL_KUAN, JUE_LEVEL_XIANG, JUE_LEVEL_XIANG };
    static const jue_fen V[][3] = { { 150, 80, 70 }, { 150, 80, 70 }, { 150, 80, 70 }, { 100, 60, 40 }, { 50, 20, 30 } };
    jue_table *t = jue_table_new(JUE_T05);
    assert_non_null(t);
    for (size_t r = 0; r < 5; r++) {
        assert_true(jue_table_add_row(t, KEYS[r], "", LV[r], JUE_SIDE_NONE, r == 0) >= 0);
        for (size_t c = 0; c < 3; c++) jue_cell_set_printed(jue_table_cell(t, r, c), V[r][c] * W / 100, 2);
    }
    return t;
}

static void set(jue_table *t, size_t r, size_t c, jue_fen wan_hundredths)
{
    jue_cell_set_printed(jue_table_cell(t, r, c), wan_hundredths * 100, 2);
}

static void balanced_table_is_kept(void **state)
{
    (void)state;
    jue_table *t = t05();
    int fails = -1, checks = 0;
    assert_null(jue_imp_doubt(t, false, &fails, &checks));
    assert_null(jue_imp_doubt(t, true, &fails, &checks));
    assert_int_equal(fails, 0);
    assert_true(checks >= 10);
    jue_table_free(t);
}

/* One 项 figure raised (40.00 → 52.00): its row and its 款 fail, in the
 * text of packed rows too — kept, so the rules report it. */
static void one_slipped_cell_is_kept(void **state)
{
    (void)state;
    jue_table *t = t05();
    set(t, 3, 2, 5200);
    int fails = 0, checks = 0;
    assert_null(jue_imp_doubt(t, true, &fails, &checks));
    assert_int_equal(fails, 2);
    assert_null(jue_imp_doubt(t, false, &fails, &checks));
    jue_table_free(t);
    /* a 款 total with two digits swapped (150.00 → 105.00): its row, its own
     * children and its 类 fail — one cell still explains them */
    t = t05();
    set(t, 2, 0, 10500);
    assert_null(jue_imp_doubt(t, true, &fails, &checks));
    assert_int_equal(fails, 3);
    jue_table_free(t);
}

/* Two figures of a row in each other's columns (基本 and 项目 swapped in
 * both 项): no one cell explains it — a misreading, set aside. */
static void swapped_columns_are_set_aside(void **state)
{
    (void)state;
    jue_table *t = t05();
    set(t, 3, 1, 4000);
    set(t, 3, 2, 6000);
    set(t, 4, 1, 3000);
    set(t, 4, 2, 2000);
    int fails = 0, checks = 0;
    assert_non_null(jue_imp_doubt(t, true, &fails, &checks));
    assert_int_equal(fails, 2);
    jue_table_free(t);
}

/* Many rows unbalanced in a door that keeps cells apart: set aside, though no
 * row would be on its own (the 基本支出 column one row up throughout). */
static void many_failures_are_set_aside(void **state)
{
    (void)state;
    jue_table *t = t05();
    set(t, 2, 1, 6000);
    set(t, 3, 1, 2000);
    set(t, 4, 1, 0);
    int fails = 0, checks = 0;
    assert_non_null(jue_imp_doubt(t, false, &fails, &checks));
    assert_true(fails >= 3 && fails * 5 >= checks);
    jue_table_free(t);
}

/* Two slips in one packed table: set aside (one cell no longer explains). */
static void two_slips_in_packed_rows_are_set_aside(void **state)
{
    (void)state;
    jue_table *t = t05();
    set(t, 3, 2, 5200);
    set(t, 4, 1, 2500);
    int fails = 0, checks = 0;
    assert_non_null(jue_imp_doubt(t, true, &fails, &checks));
    jue_table_free(t);
}

/* A blank where a figure belongs (lost by the reading, or an unparsed cell)
 * is never taken for the producer's slip. */
static void a_blank_cell_does_not_explain(void **state)
{
    (void)state;
    jue_table *t = t05();
    jue_table_cell(t, 3, 2)->present = false;
    int fails = 0, checks = 0;
    assert_non_null(jue_imp_doubt(t, true, &fails, &checks));
    assert_true(fails > 0);
    jue_table_free(t);
}

/* A packed row that lost its last figure to a wrapped line ("201 一般公共服务
 * 支出 2,106.66 1,503.52" / "603.14"): one identity fails, and one failing
 * identity does not say which of its figures is wrong — set aside. */
static void one_failure_alone_does_not_explain(void **state)
{
    (void)state;
    jue_table *t = jue_table_new(JUE_T05);
    assert_non_null(t);
    assert_true(jue_table_add_row(t, "201", "一般公共服务支出", JUE_LEVEL_LEI, JUE_SIDE_NONE, false) >= 0);
    set(t, 0, 0, 210666);
    set(t, 0, 1, 150352);
    int fails = 0, checks = 0;
    assert_non_null(jue_imp_doubt(t, true, &fails, &checks));
    assert_int_equal(fails, 1);
    jue_table_free(t);
}

/* Rounding tails are no failure: 项 60.004 and 40.004 printed 60.00 and
 * 40.00 under a 款 printed 100.01 still hold. */
static void tails_are_not_failures(void **state)
{
    (void)state;
    jue_table *t = t05();
    set(t, 3, 0, 10001);
    int fails = 0, checks = 0;
    assert_null(jue_imp_doubt(t, true, &fails, &checks));
    assert_int_equal(fails, 0);
    jue_table_free(t);
}

/* A balanced table whose 项 name ends in a figure ("事业单位医疗50.00"), or
 * is one: the reading ran the name and figure columns together — set aside,
 * however its figures add up. Digits that are no amount ("2号楼维修") are a
 * name's. */
static void a_figure_in_a_name_is_set_aside(void **state)
{
    (void)state;
    static const char *const NAMES[] = { "事业单位医疗50.00", "1,503.52", "2号楼维修1" };
    for (int k = 0; k < 3; k++) {
        jue_table *t = t05();
        assert_int_equal(jue_table_set_row_name(t, 4, NAMES[k]), JUE_OK);
        assert_non_null(t->rows[4].name);
        int fails = 0, checks = 0;
        const char *why = jue_imp_doubt(t, false, &fails, &checks);
        if (k < 2) assert_non_null(why);
        else assert_null(why);
        jue_table_free(t);
    }
}

/* A 01 whose body stopped before its 总计 rows (a -layout copy cut it at a
 * wrapped name) is a part of the table: set aside, however its rows read;
 * with both 总计 rows, equal, it is kept. */
static void a_01_without_its_totals_is_set_aside(void **state)
{
    (void)state;
    jue_table *t = jue_table_new(JUE_T01);
    assert_non_null(t);
    assert_true(jue_table_add_row(t, "一般公共预算财政拨款收入", "", JUE_LEVEL_NONE, JUE_SIDE_INCOME, false) >= 0);
    assert_true(jue_table_add_row(t, "卫生健康支出", "", JUE_LEVEL_NONE, JUE_SIDE_EXPEND, false) >= 0);
    set(t, 0, 0, 150);
    set(t, 1, 0, 150);
    int fails = 0, checks = 0;
    const char *why = jue_imp_doubt(t, false, &fails, &checks);
    assert_non_null(why);
    assert_non_null(strstr(why, "总计"));
    assert_true(jue_table_add_row(t, "收入总计", "", JUE_LEVEL_NONE, JUE_SIDE_NONE, true) >= 0);
    assert_true(jue_table_add_row(t, "支出总计", "", JUE_LEVEL_NONE, JUE_SIDE_NONE, true) >= 0);
    set(t, 2, 0, 150);
    set(t, 3, 0, 150);
    assert_null(jue_imp_doubt(t, false, &fails, &checks));
    jue_table_free(t);
}

/* One code on two rows under different names is set aside, wherever the
 * rows are; the same code again under the same name, or without a name, is
 * not. Forty codes between them (the rows are looked up by key, not pairwise). */
static void one_code_under_two_names_is_set_aside(void **state)
{
    (void)state;
    jue_table *t = jue_table_new(JUE_T05);
    assert_non_null(t);
    assert_true(jue_table_add_row(t, "2080501", "行政单位离退休", JUE_LEVEL_XIANG, JUE_SIDE_NONE, false) >= 0);
    char key[16];
    for (int i = 0; i < 40; i++) {
        snprintf(key, sizeof key, "2%02d0101", 10 + i);
        assert_true(jue_table_add_row(t, key, "某项支出", JUE_LEVEL_XIANG, JUE_SIDE_NONE, false) >= 0);
    }
    assert_true(jue_table_add_row(t, "2080501", "行政单位离退休", JUE_LEVEL_XIANG, JUE_SIDE_NONE, false) >= 0);
    assert_true(jue_table_add_row(t, "2080501", "", JUE_LEVEL_XIANG, JUE_SIDE_NONE, false) >= 0);
    int fails = -1, checks = -1;
    assert_null(jue_imp_doubt(t, false, &fails, &checks));
    assert_true(jue_table_add_row(t, "2080501", "机关事业单位基本养老保险缴费支出", JUE_LEVEL_XIANG, JUE_SIDE_NONE, false) >= 0);
    const char *why = jue_imp_doubt(t, false, &fails, &checks);
    assert_non_null(why);
    assert_non_null(strstr(why, "同一科目编码"));
    jue_table_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(balanced_table_is_kept),
        cmocka_unit_test(one_slipped_cell_is_kept),
        cmocka_unit_test(swapped_columns_are_set_aside),
        cmocka_unit_test(many_failures_are_set_aside),
        cmocka_unit_test(two_slips_in_packed_rows_are_set_aside),
        cmocka_unit_test(one_failure_alone_does_not_explain),
        cmocka_unit_test(a_blank_cell_does_not_explain),
        cmocka_unit_test(tails_are_not_failures),
        cmocka_unit_test(a_figure_in_a_name_is_set_aside),
        cmocka_unit_test(a_01_without_its_totals_is_set_aside),
        cmocka_unit_test(one_code_under_two_names_is_set_aside),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
