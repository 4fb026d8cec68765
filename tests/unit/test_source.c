/* Unit tests for the source's text and its mistakes: encodings (UTF-8
 * checked, GB18030 converted, anything else refused at its first bad byte)
 * and the balance checks (each imbalance once, at its row; a fund with an
 * unreadable row not balanced). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <juesuan/catalog.h>
#include <juesuan/source.h>

#include "core/encoding.h"

static jue_catalog *CAT;

static int setup(void **state)
{
    (void)state;
    jue_diags d;
    jue_diags_init(&d);
    jue_status st = jue_catalog_load(NULL, &CAT, &d);
    jue_diags_free(&d);
    return st == JUE_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    jue_catalog_free(CAT);
    return 0;
}

static char *dup_text(const char *s, size_t n)
{
    char *t = malloc(n + 1);
    memcpy(t, s, n);
    t[n] = 0;
    return t;
}

static void test_utf8_left_alone(void **state)
{
    (void)state;
    jue_diags d;
    jue_diags_init(&d);
    const char *s = "unit,source\n本级,一般公共预算\n";
    char *t = dup_text(s, strlen(s));
    size_t n = strlen(s);
    assert_int_equal(jue_text_utf8("income.csv", &t, &n, &d), JUE_OK);
    assert_string_equal(t, s);
    assert_int_equal(d.len, 0);
    free(t);
}

static void test_gb18030_converted_once(void **state)
{
    (void)state;
    jue_diags d;
    jue_diags_init(&d);
    /* "一般公共预算\n其他收入\n" in GB18030 */
    const char gbk[] = "\xD2\xBB\xB0\xE3\xB9\xAB\xB9\xB2\xD4\xA4\xCB\xE3\n\xC6\xE4\xCB\xFB\xCA\xD5\xC8\xEB\n";
    char *t = dup_text(gbk, sizeof gbk - 1);
    size_t n = sizeof gbk - 1;
    assert_int_equal(jue_text_utf8("income.csv", &t, &n, &d), JUE_OK);
    assert_string_equal(t, "一般公共预算\n其他收入\n");
    assert_int_equal(n, strlen("一般公共预算\n其他收入\n"));
    assert_int_equal(d.len, 1);
    assert_int_equal(d.errors, 0);
    assert_string_equal(d.items[0].file, "income.csv");
    assert_string_equal(d.items[0].message, "不是UTF-8编码，已按GB18030（GBK）读取");
    jue_diags_free(&d);
    free(t);
}

/* A UTF-8 file with one damaged byte is not taken for GB18030 (which would
 * garble every character): the byte is the error, at its line and column. */
static void test_damaged_utf8_refused_at_byte(void **state)
{
    (void)state;
    jue_diags d;
    jue_diags_init(&d);
    const char s[] = "单位,金额\n本级,一般\xB0公共预算\n";
    char *t = dup_text(s, sizeof s - 1);
    size_t n = sizeof s - 1;
    assert_int_equal(jue_text_utf8("income.csv", &t, &n, &d), JUE_ERR_INVALID);
    assert_int_equal(d.errors, 1);
    assert_int_equal(d.items[0].line, 2);
    assert_int_equal(d.items[0].col, 6);
    assert_non_null(strstr(d.items[0].message, "0xB0"));
    jue_diags_free(&d);
    free(t);
}

static void test_nul_refused(void **state)
{
    (void)state;
    jue_diags d;
    jue_diags_init(&d);
    const char s[] = "abc\n\x01\x02\0\x03";
    char *t = dup_text(s, sizeof s - 1);
    size_t n = sizeof s - 1;
    assert_int_equal(jue_text_utf8("x.csv", &t, &n, &d), JUE_ERR_INVALID);
    assert_int_equal(d.items[0].line, 2);
    assert_int_equal(d.items[0].col, 3);
    assert_non_null(strstr(d.items[0].message, "NUL"));
    jue_diags_free(&d);
    free(t);
}

/* ---- balances ---------------------------------------------------------- */

static void write_file(const char *dir, const char *name, const char *text)
{
    char p[4096];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static jue_status load(const char *income, const char *carry, jue_diags *d)
{
    char dir[] = "/tmp/jue-source-XXXXXX";
    assert_non_null(mkdtemp(dir));
    write_file(dir, "department.yaml", "department: 测试局\nyear: 2024\nunits:\n  - { id: bj, name: 本级, main: true }\n");
    write_file(dir, "income.csv", income);
    write_file(dir, "expenditure.csv",
               "unit,fund,code,kind,econ,amount\nbj,一般公共预算,2101501,基本,30101,1000.00\n"
               "bj,非财政拨款,2101501,项目,,500.00\n");
    if (carry) write_file(dir, "carryover.csv", carry);
    write_file(dir, "budget.csv", "code,budget\n2101501,1000.00\n");
    jue_source *s = NULL;
    jue_status st = jue_source_load(dir, CAT, &s, d);
    jue_source_free(s);
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    return st;
}

/* A malformed amount is one mistake: its fund is not balanced (that would
 * only repeat it), the other funds still are. */
static void test_unreadable_amount_taints_its_fund_only(void **state)
{
    (void)state;
    jue_diags d;
    jue_diags_init(&d);
    assert_int_equal(load("unit,source,code,amount\nbj,一般公共预算,2101501,\"1,0.00\"\nbj,事业收入,2101501,400.00\n",
                          NULL, &d),
                     JUE_ERR_INVALID);
    assert_int_equal(d.errors, 2);   /* the amount; 非财政拨款 400 ≠ 500 */
    bool amount = false, nonfiscal = false;
    for (size_t i = 0; i < d.len; i++) {
        if (d.items[i].severity != JUE_SEV_ERROR) continue;
        amount |= strstr(d.items[i].message, "金额“1,0.00”") != NULL && d.items[i].line == 2;
        nonfiscal |= strstr(d.items[i].message, "非财政拨款收支不平衡") != NULL && d.items[i].line == 3 &&
                     strstr(d.items[i].message, "没有 carryover.csv") != NULL;
    }
    assert_true(amount);
    assert_true(nonfiscal);
    jue_diags_free(&d);
}

/* A wrong code is one mistake: the row's amount still counts in its fund,
 * which balances. */
static void test_wrong_code_still_counts(void **state)
{
    (void)state;
    jue_diags d;
    jue_diags_init(&d);
    assert_int_equal(load("unit,source,code,amount\nbj,一般公共预算,21015,1000.00\nbj,事业收入,2101501,500.00\n",
                          NULL, &d),
                     JUE_ERR_INVALID);
    assert_int_equal(d.errors, 1);
    jue_diags_free(&d);
}

/* Excel's "Unicode 文本" and "文本文件(制表符分隔)" exports: tab-separated,
 * amounts as displayed (a grouping comma needs no quotes there). The file is
 * read as the comma-separated one: both funds balance, nothing is said. */
static void test_tab_separated_ledger(void **state)
{
    (void)state;
    jue_diags d;
    jue_diags_init(&d);
    assert_int_equal(load("unit\tsource\tcode\tamount\r\nbj\t一般公共预算\t2101501\t1,000.00\r\n"
                          "\t\t\t\r\nbj\t事业收入\t\"2101501\"\t500.00\r\n",
                          NULL, &d),
                     JUE_OK);
    assert_int_equal(d.errors, 0);
    for (size_t i = 0; i < d.len; i++) assert_null(strstr(d.items[i].file, "income.csv"));
    jue_diags_free(&d);
}

/* One imbalance, one message, at the 年末 row of the fund. */
static void test_imbalance_at_year_end_row(void **state)
{
    (void)state;
    jue_diags d;
    jue_diags_init(&d);
    assert_int_equal(load("unit,source,code,amount\nbj,一般公共预算,2101501,1000.00\nbj,事业收入,2101501,500.00\n",
                          "unit,fund,when,amount\nbj,一般公共预算,年初,10.00\nbj,一般公共预算,年末,20.00\n", &d),
                     JUE_ERR_INVALID);
    assert_int_equal(d.errors, 1);
    for (size_t i = 0; i < d.len; i++)
        if (d.items[i].severity == JUE_SEV_ERROR) {
            assert_non_null(strstr(d.items[i].file, "carryover.csv"));
            assert_int_equal(d.items[i].line, 3);
            assert_non_null(strstr(d.items[i].message, "（相差-10.00元）"));
        }
    jue_diags_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_left_alone),
        cmocka_unit_test(test_gb18030_converted_once),
        cmocka_unit_test(test_damaged_utf8_refused_at_byte),
        cmocka_unit_test(test_nul_refused),
        cmocka_unit_test(test_unreadable_amount_taints_its_fund_only),
        cmocka_unit_test(test_wrong_code_still_counts),
        cmocka_unit_test(test_imbalance_at_year_end_row),
        cmocka_unit_test(test_tab_separated_ledger),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
