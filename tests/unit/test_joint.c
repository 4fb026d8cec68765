/* Joint feasibility (docs/rules.md, "Figures that cannot hold together"):
 * the compiled example gives no joint finding; printed figures that pass
 * every identity alone but cannot be roundings of one set of values give
 * exactly one joint.infeasible warning naming them; only `==` of error rules,
 * without `within` and not under `or`/`not`, take part. The mutation test of
 * test_audit.c covers "±0.01 never an error". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <juesuan/compile.h>
#include <juesuan/rules.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static jue_catalog *CAT;
static jue_profile *PROF;
static jue_rulepack *PACK;
static jue_disclosure *EX;

static const char *srcdir(void) { return getenv("JUE_SRCDIR") ? getenv("JUE_SRCDIR") : "."; }

static int setup(void **state)
{
    (void)state;
    jue_diags d;
    jue_diags_init(&d);
    char path[4096];
    snprintf(path, sizeof path, "%s/examples/county-medical-security-2024", srcdir());
    jue_source *s = NULL;
    if (jue_catalog_load(NULL, &CAT, &d) != JUE_OK || jue_profile_load(NULL, &PROF, &d) != JUE_OK ||
        jue_rules_load_profile(NULL, &PACK, &d) != JUE_OK || jue_source_load(path, CAT, &s, &d) != JUE_OK ||
        jue_compile(s, CAT, PROF, &EX, NULL, &d) != JUE_OK)
        return -1;
    jue_source_free(s);
    jue_diags_free(&d);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    jue_disclosure_free(EX);
    jue_rulepack_free(PACK);
    jue_profile_free(PROF);
    jue_catalog_free(CAT);
    return 0;
}

static void dump(const jue_findings *f)
{
    jue_buf b;
    jue_buf_init(&b);
    for (size_t i = 0; i < f->len; i++) {
        jue_finding_format_text(&f->items[i], &b);
        jue_buf_putc(&b, '\n');
    }
    fputs(jue_buf_str(&b), stderr);
    jue_buf_free(&b);
}

static size_t count_joint(const jue_findings *f, const jue_finding **last)
{
    size_t n = 0;
    for (size_t i = 0; i < f->len; i++)
        if (!strcmp(f->items[i].rule, "joint.infeasible")) {
            n++;
            if (last) *last = &f->items[i];
        }
    return n;
}

static void test_example_no_joint(void **state)
{
    (void)state;
    jue_findings f;
    jue_findings_init(&f);
    assert_int_equal(jue_audit(EX, CAT, PACK, &f), JUE_OK);
    if (count_joint(&f, NULL)) dump(&f);
    assert_int_equal(count_joint(&f, NULL), 0);
    jue_findings_free(&f);
}

typedef struct {
    int table;
    const char *row, *col;
    jue_fen printed;   /* 分 */
} patch;

/* Applies patches to the example (saving what was there), audits, restores. */
static void audit_patched(const patch *p, size_t n, jue_findings *f)
{
    jue_cell saved[8];
    jue_cell *cells[8];
    assert_true(n <= 8);
    for (size_t i = 0; i < n; i++) {
        jue_table *t = EX->tables[p[i].table];
        int r = jue_table_find_row(t, p[i].row, JUE_SIDE_NONE), c = jue_table_find_col(t, p[i].col);
        assert_true(r >= 0 && c >= 0);
        cells[i] = jue_table_cell(t, (size_t)r, (size_t)c);
        saved[i] = *cells[i];
        jue_cell_set_printed(cells[i], p[i].printed, 2);
    }
    assert_int_equal(jue_audit(EX, CAT, PACK, f), JUE_OK);
    for (size_t i = n; i-- > 0;) *cells[i] = saved[i];
}

/* 03表 20805 = 2080505 + 2080506 in 本年支出合计 and in 基本支出, and on
 * each row 本年支出合计 = 基本支出. Printed 91.22 = 65.16 + 26.07 (0.01 off,
 * rounding allows 0.015), 91.22 = 91.21, 65.16 = 65.15 and 26.07 = 26.06
 * (0.01 off, allowed 0.01), 91.21 = 65.15 + 26.06: every check passes alone.
 * Jointly 20805 must be 91.215 (where 91.22 and 91.21 meet), yet its two 项
 * printed 65.16 and 26.07 add up to at least 65.155 + 26.065 = 91.22. */
static void test_two_children_chain(void **state)
{
    (void)state;
    const patch p[] = {
        { JUE_T03, "20805", "本年支出合计", 91220000 },
        { JUE_T03, "2080505", "本年支出合计", 65160000 },
        { JUE_T03, "2080506", "本年支出合计", 26070000 },
    };
    jue_findings f;
    jue_findings_init(&f);
    audit_patched(p, 3, &f);
    const jue_finding *j = NULL;
    if (f.len != 1 || count_joint(&f, &j) != 1) dump(&f);
    assert_int_equal(jue_findings_count(&f, JUE_SEV_ERROR), 0);
    assert_int_equal(f.len, 1);
    assert_int_equal(count_joint(&f, &j), 1);
    assert_int_equal(j->severity, JUE_SEV_WARNING);
    /* the figures of a smallest contradicting set, as printed (two
     * equations: 20805's row and its 本年支出合计 over the 项), not the
     * figures around them */
    assert_string_equal(j->message,
                        "03表 20805 行政事业单位养老支出 本年支出合计 91.22、"
                        "03表 20805 行政事业单位养老支出 基本支出 91.21、"
                        "03表 2080505 机关事业单位基本养老保险缴费支出 本年支出合计 65.16、"
                        "03表 2080506 机关事业单位职业年金缴费支出 本年支出合计 26.07："
                        "每条等式单独看都在舍入允许之内，但这些数不能同时由同一组满足各等式的数值四舍五入得到"
                        "（等式 T03.hierarchy、T03.row-sum）");
    /* located at the first of them in table order */
    assert_int_equal(j->table, JUE_T03);
    assert_string_equal(j->row, "20805");
    assert_string_equal(j->column, "本年支出合计");
    assert_non_null(strstr(j->expected, "T03.row-sum"));
    assert_non_null(strstr(j->expected, "T03.hierarchy"));
    assert_string_equal(j->actual, "不存在");
    jue_findings_free(&f);
}

/* 02表 221 › 22102 › 2210201, one child each: the same amount printed six
 * times (two columns × three rows), each pair 0.01 apart at most, but 50.50
 * and 50.52 on one path of equalities. */
static void test_single_child_chain(void **state)
{
    (void)state;
    const patch p[] = {
        { JUE_T02, "221", "财政拨款收入", 50510000 },
        { JUE_T02, "22102", "本年收入合计", 50510000 },
        { JUE_T02, "22102", "财政拨款收入", 50520000 },
        { JUE_T02, "2210201", "本年收入合计", 50510000 },
        { JUE_T02, "2210201", "财政拨款收入", 50510000 },
    };
    jue_findings f;
    jue_findings_init(&f);
    audit_patched(p, 5, &f);
    const jue_finding *j = NULL;
    if (f.len != 1) dump(&f);
    assert_int_equal(f.len, 1);
    assert_int_equal(count_joint(&f, &j), 1);
    assert_int_equal(j->severity, JUE_SEV_WARNING);
    /* one path from 50.50 to 50.52: 221 = 22102 (本年收入合计), 22102's row */
    assert_non_null(strstr(j->message, "02表 221 住房保障支出 本年收入合计 50.50、"
                                       "02表 22102 住房改革支出 本年收入合计 50.51、"
                                       "02表 22102 住房改革支出 财政拨款收入 50.52："));
    assert_null(strstr(j->message, "2210201"));
    jue_findings_free(&f);
}

/* Which comparisons take part: `==` of error rules, down `and`, without
 * `within`; a cell twice in one identity counts once (coefficients add). */
static void test_what_takes_part(void **state)
{
    (void)state;
    jue_disclosure *d = jue_disclosure_new();
    d->tables[JUE_T06] = jue_table_new(JUE_T06);
    jue_table *t = d->tables[JUE_T06];
    const char *keys[3] = { "30101", "30102", "30103" };
    for (int i = 0; i < 3; i++) {
        jue_table_add_row(t, keys[i], keys[i], JUE_LEVEL_KUAN, JUE_SIDE_PERSONNEL, false);
        jue_cell_set_printed(jue_table_cell(t, (size_t)i, 0), 1000000 + 10000 * i, 2);   /* 1.00 1.01 1.02 */
    }
    const char *first = "rule a error\n  require T06[30101] == T06[30102]\n";
    struct { const char *second; size_t joint; } cases[] = {
        { "rule b error\n  require T06[30102] == T06[30103]\n", 1 },
        { "rule b error\n  require T06[30102] == T06[30103] and T06[30101] == T06[30101]\n", 1 },
        { "rule b error\n  require T06[30102] + T06[30101] == T06[30103] + T06[30101]\n", 1 },
        { "rule b error\n  require T06[30102] == T06[30103] within 0.01\n", 0 },
        { "rule b warning\n  require T06[30102] == T06[30103]\n", 0 },
        { "rule b error\n  require T06[30102] == T06[30103] or T06[30101] == 5\n", 0 },
        { "rule b error\n  require T06[30102] <= T06[30103]\n", 0 },
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char text[512];
        snprintf(text, sizeof text, "%s%s", first, cases[k].second);
        jue_diags dg;
        jue_diags_init(&dg);
        jue_rulepack *pk = NULL;
        assert_int_equal(jue_rules_parse("t.rules", text, strlen(text), &pk, &dg), JUE_OK);
        jue_findings f;
        jue_findings_init(&f);
        assert_int_equal(jue_audit(d, NULL, pk, &f), JUE_OK);
        if (f.len != cases[k].joint) {
            fprintf(stderr, "case %zu:\n", k);
            dump(&f);
        }
        assert_int_equal(f.len, cases[k].joint);
        assert_int_equal(count_joint(&f, NULL), cases[k].joint);
        jue_findings_free(&f);
        jue_rulepack_free(pk);
        jue_diags_free(&dg);
    }
    jue_disclosure_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_example_no_joint),
        cmocka_unit_test(test_two_children_chain),
        cmocka_unit_test(test_single_child_chain),
        cmocka_unit_test(test_what_takes_part),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
