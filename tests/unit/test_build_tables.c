/* Unit tests of a build from the nine tables as printed and of last year's
 * figures: department.yaml alone (jue_source_load_meta), the keys the
 * document needs (jue_compile_tables: each missing one at its place), figures
 * finer than 0.01 万元 warned about, and last year taken from last year's
 * tables (jue_source_take_last_year) over department.yaml's, a disagreement
 * warned at its line. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <juesuan/compile.h>
#include <juesuan/profile.h>
#include <juesuan/source.h>

static jue_catalog *CAT;
static jue_profile *PROF;
static char DIR_[64];

static int setup(void **state)
{
    (void)state;
    jue_diags d;
    jue_diags_init(&d);
    jue_status st = jue_catalog_load(NULL, &CAT, &d);
    if (st == JUE_OK) st = jue_profile_load(NULL, &PROF, &d);
    jue_diags_free(&d);
    snprintf(DIR_, sizeof DIR_, "/tmp/jue-bt-XXXXXX");
    return st == JUE_OK && mkdtemp(DIR_) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char p[128];
    snprintf(p, sizeof p, "%s/department.yaml", DIR_);
    remove(p);
    rmdir(DIR_);
    jue_catalog_free(CAT);
    jue_profile_free(PROF);
    return 0;
}

/* department.yaml with text into a source of its own (no ledgers). */
static jue_source *load(const char *text, jue_diags *d)
{
    char p[128];
    snprintf(p, sizeof p, "%s/department.yaml", DIR_);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    jue_source *s = NULL;
    assert_int_equal(jue_source_load_meta(p, CAT, &s, d), JUE_OK);
    return s;
}

static const char YAML[] =
    "department: 某县医疗保障局\n"                    /* 1 */
    "year: 2025\n"                                   /* 2 */
    "units:\n"                                       /* 3 */
    "  - { id: bj, name: 某县医疗保障局, main: true }\n" /* 4 */
    "organisation: 内设2个股室。\n"                   /* 5 */
    "three_public:\n"                                /* 6 */
    "  vehicles_held: 2\n"                           /* 7 */
    "last_year:\n"                                   /* 8 */
    "  income_total: 1000000\n"                      /* 9 */
    "  general_expenditure: 900000\n"                /* 10 */
    "  operating_expenses: 50000\n";                 /* 11 */

static void set_printed(jue_table *t, const char *row, jue_side side, const char *col, jue_fen v)
{
    int r = jue_table_find_row(t, row, side), c = jue_table_find_col(t, col);
    if (r < 0) r = jue_table_add_row(t, row, row, JUE_LEVEL_NONE, side, true);
    assert_true(r >= 0 && c >= 0);
    jue_cell_set_printed(jue_table_cell(t, (size_t)r, (size_t)c), v, 2);
    jue_table_cell(t, (size_t)r, (size_t)c)->src_line = 40 + r;
}

/* Last year's tables: 收入总计 100.00 万元, 一般公共预算 90.00 万元, 三公 0.50. */
static jue_disclosure *last_year(void)
{
    jue_disclosure *p = jue_disclosure_new();
    p->year = 2024;
    p->tables[JUE_T01] = jue_table_new(JUE_T01);
    p->tables[JUE_T05] = jue_table_new(JUE_T05);
    p->tables[JUE_T09] = jue_table_new(JUE_T09);
    set_printed(p->tables[JUE_T01], JUE_L_INC_GRAND, JUE_SIDE_INCOME, "决算数", 100000000);
    set_printed(p->tables[JUE_T01], JUE_L_EXP_GRAND, JUE_SIDE_EXPEND, "决算数", 100000000);
    set_printed(p->tables[JUE_T05], "合计", JUE_SIDE_NONE, "合计", 91000000);
    set_printed(p->tables[JUE_T09], JUE_L9_TOTAL, JUE_SIDE_NONE, "决算数", 500000);
    return p;
}

static void test_last_year_from_tables(void **state)
{
    (void)state;
    jue_diags d;
    jue_diags_init(&d);
    jue_source *s = load(YAML, &d);
    jue_fen v = 0;
    /* before: department.yaml's */
    assert_true(jue_source_last_year(s, "general_expenditure", &v));
    assert_int_equal(v, 90000000);
    assert_false(jue_source_last_year(s, "three_public", &v));
    size_t before = d.len;
    jue_disclosure *p = last_year();
    assert_int_equal(jue_source_take_last_year(s, p, "2024.pdf", &d), JUE_OK);
    /* the tables' figures win; what they do not print stays department.yaml's */
    assert_true(jue_source_last_year(s, "general_expenditure", &v));
    assert_int_equal(v, 91000000);
    assert_true(jue_source_last_year(s, "income_total", &v));
    assert_int_equal(v, 100000000);
    assert_true(jue_source_last_year(s, "three_public", &v));
    assert_int_equal(v, 500000);
    assert_true(jue_source_last_year(s, "operating_expenses", &v));
    assert_int_equal(v, 5000000);
    assert_false(jue_source_last_year(s, "fiscal_total", &v));   /* no 04表 last year */
    /* one warning: general_expenditure 90.00 ≠ 91.00 at line 10; income_total agrees */
    assert_int_equal(d.len, before + 1);
    const jue_diag *w = &d.items[before];
    assert_int_equal(w->severity, JUE_SEV_WARNING);
    assert_int_equal(w->line, 10);
    assert_non_null(strstr(w->message, "last_year.general_expenditure为90.00万元"));
    assert_non_null(strstr(w->message, "（2024.pdf，公开05表）的91.00万元"));
    jue_disclosure_free(p);
    jue_source_free(s);
    jue_diags_free(&d);
}

static void test_last_year_other_year_warned(void **state)
{
    (void)state;
    jue_diags d;
    jue_diags_init(&d);
    jue_source *s = load(YAML, &d);
    jue_disclosure *p = last_year();
    p->year = 2023;
    size_t before = d.len;
    jue_source_take_last_year(s, p, "2023.pdf", &d);
    bool said = false;
    for (size_t i = before; i < d.len; i++)
        said |= !strcmp(d.items[i].file, "2023.pdf") && strstr(d.items[i].message, "上年决算应为2024年度") != NULL;
    assert_true(said);
    jue_disclosure_free(p);
    jue_source_free(s);
    jue_diags_free(&d);
}

/* Tables of this year: 09表 with 公务接待费 spent, one figure in 元 to the 分. */
static jue_disclosure *tables(void)
{
    jue_disclosure *d = jue_disclosure_new();
    d->year = 2025;
    d->source = strdup("tables.xlsx");
    d->tables[JUE_T09] = jue_table_new(JUE_T09);
    set_printed(d->tables[JUE_T09], JUE_L9_RECEPTION, JUE_SIDE_NONE, "决算数", 1234567);
    return d;
}

static void test_missing_keys_at_their_place(void **state)
{
    (void)state;
    jue_diags d;
    jue_diags_init(&d);
    jue_source *s = load(YAML, &d);
    jue_disclosure *t = tables();
    size_t before = d.len, errors = d.errors;
    assert_int_equal(jue_compile_tables(s, PROF, t, &d), JUE_ERR_INVALID);
    /* duties (line 1), reception_batches and reception_persons (in three_public, line 7) */
    assert_int_equal(d.errors - errors, 3);
    int seen = 0;
    for (size_t i = before; i < d.len; i++) {
        const jue_diag *x = &d.items[i];
        if (strstr(x->message, "缺少“duties”（部门职责）")) seen |= 1, assert_int_equal(x->line, 1);
        if (strstr(x->message, "缺少“three_public.reception_batches”")) seen |= 2, assert_int_equal(x->line, 7);
        if (strstr(x->message, "缺少“three_public.reception_persons”")) seen |= 4, assert_int_equal(x->line, 7);
        if (strstr(x->message, "公开09表有1个数字比0.01万元更细（如12,345.67元）")) {
            seen |= 8;
            assert_int_equal(x->severity, JUE_SEV_WARNING);
            assert_string_equal(x->file, "tables.xlsx");
        }
    }
    assert_int_equal(seen, 15);
    /* the model took department.yaml's name and units, and the missing tables are printed empty */
    assert_string_equal(t->department, "某县医疗保障局");
    assert_int_equal(t->nunits, 1);
    assert_non_null(t->tables[JUE_T07]);
    assert_true(t->tables[JUE_T07]->empty);
    assert_non_null(t->tables[JUE_T07]->note);
    jue_disclosure_free(t);
    jue_source_free(s);
    jue_diags_free(&d);
}

static void test_complete_yaml_builds(void **state)
{
    (void)state;
    jue_diags d;
    jue_diags_init(&d);
    char text[2048];
    snprintf(text, sizeof text, "%sduties: 负责全县医疗保障工作。\n", YAML);
    jue_source *s = load(text, &d);
    jue_disclosure *t = tables();
    /* nothing spent on 三公: no counts needed */
    for (size_t i = 0; i < t->tables[JUE_T09]->nrows * t->tables[JUE_T09]->ncols; i++)
        t->tables[JUE_T09]->cells[i].present = false;
    assert_int_equal(jue_compile_tables(s, PROF, t, &d), JUE_OK);
    assert_int_equal(d.errors, 0);
    assert_string_equal(t->tables[JUE_T01]->label, "公开01表");
    assert_int_equal(t->year, 2025);
    jue_disclosure_free(t);
    jue_source_free(s);
    jue_diags_free(&d);
}

static void test_unread_table_stops(void **state)
{
    (void)state;
    jue_diags d;
    jue_diags_init(&d);
    char text[2048];
    snprintf(text, sizeof text, "%sduties: 负责全县医疗保障工作。\n", YAML);
    jue_source *s = load(text, &d);
    jue_disclosure *t = tables();
    for (size_t i = 0; i < t->tables[JUE_T09]->nrows * t->tables[JUE_T09]->ncols; i++)
        t->tables[JUE_T09]->cells[i].present = false;
    t->unread[JUE_T05] = "列与数字对不上";
    size_t errors = d.errors;
    assert_int_equal(jue_compile_tables(s, PROF, t, &d), JUE_ERR_INVALID);
    assert_int_equal(d.errors, errors + 1);
    assert_non_null(strstr(d.items[d.len - 1].message, "公开05表的数字未能可靠读出（列与数字对不上）"));
    assert_null(t->tables[JUE_T05]);   /* never printed as an empty table */
    jue_disclosure_free(t);
    jue_source_free(s);
    jue_diags_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_last_year_from_tables),
        cmocka_unit_test(test_last_year_other_year_warned),
        cmocka_unit_test(test_missing_keys_at_their_place),
        cmocka_unit_test(test_complete_yaml_builds),
        cmocka_unit_test(test_unread_table_stops),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
