/* No scan is quadratic in the input: each hostile shape of issue 10 is
 * imported at size n and 2n, and the work (jue_work_steps: the steps of the
 * doors' and the claims scanner's loops, never the clock) may grow at most
 * about 2×. The budgets refuse what is beyond them, naming the limit. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <juesuan/catalog.h>
#include <juesuan/import.h>
#include <juesuan/profile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>
#include "import/import_internal.h"

static jue_catalog *g_cat;
static jue_profile *g_prof;

static int setup(void **state)
{
    (void)state;
    jue_diags dg;
    jue_diags_init(&dg);
    if (jue_catalog_load(NULL, &g_cat, &dg) != JUE_OK) return -1;
    if (jue_profile_load(NULL, &g_prof, &dg) != JUE_OK) return -1;
    jue_diags_free(&dg);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    jue_catalog_free(g_cat);
    jue_profile_free(g_prof);
    return 0;
}

/* Imports the buffer; returns the steps it took and the status. */
static unsigned long long steps_of(const char *data, size_t len, const char *name, jue_status *st,
                                   jue_diags *dg)
{
    jue_disclosure *d = NULL;
    unsigned long long before = jue_work_steps;
    *st = jue_import_buffer(data, len, name, JUE_IN_AUTO, g_cat, g_prof, &d, NULL, dg);
    unsigned long long n = jue_work_steps - before;
    jue_disclosure_free(d);
    return n;
}

typedef char *(*make_fn)(size_t n, size_t *len);

/* Work at 2n within 2.2× the work at n (plus a constant for fixed costs). */
static void check_linear(make_fn make, size_t n, const char *name)
{
    jue_diags dg;
    jue_diags_init(&dg);
    size_t l1, l2;
    char *a = make(n, &l1), *b = make(2 * n, &l2);
    jue_status s1, s2;
    unsigned long long w1 = steps_of(a, l1, name, &s1, &dg), w2 = steps_of(b, l2, name, &s2, &dg);
    print_message("%s: n=%zu %llu steps, 2n %llu steps\n", name, n, w1, w2);
    assert_true(w1 >= n / 40);            /* the loops are counted at all */
    assert_true(w2 * 10 <= w1 * 22 + 10000);
    free(a);
    free(b);
    jue_diags_free(&dg);
}

/* "…合计7777…7万元。": a run of n digits in prose */
static char *digits(size_t n, size_t *len)
{
    const char *head = "一、收入支出决算总体情况\n2024年度本年支出合计", *tail = "万元。\n";
    char *t = malloc(strlen(head) + n + strlen(tail) + 1);
    strcpy(t, head);
    memset(t + strlen(head), '7', n);
    strcpy(t + strlen(head) + n, tail);
    *len = strlen(t);
    return t;
}

/* one line of n/40 figures without a 。 */
static char *figures(size_t n, size_t *len)
{
    const char *unit = "支出合计1,234.56万元，";
    size_t k = n / 40 + 1, u = strlen(unit);
    char *t = malloc(k * u + 16);
    strcpy(t, "2024年度");
    size_t p = strlen(t);
    for (size_t i = 0; i < k; i++, p += u) memcpy(t + p, unit, u);
    strcpy(t + p, "\n");
    *len = p + 1;
    return t;
}

/* An XLSX written to a temporary file and read back whole. */
static char *zip_of(const char *sheet, const char *sst, size_t *len)
{
    char path[] = "/tmp/jue-scalingXXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    int err;
    zip_t *z = zip_open(path, ZIP_TRUNCATE, &err);
    assert_non_null(z);
    static const char WB[] =
        "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
        "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
        "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
    static const char RELS[] =
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
    const char *names[] = { "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml",
                            "xl/sharedStrings.xml" };
    const char *parts[] = { WB, RELS, sheet, sst };
    for (int i = 0; i < 4 && parts[i]; i++) {
        zip_source_t *s = zip_source_buffer(z, parts[i], strlen(parts[i]), 0);
        assert_true(zip_file_add(z, names[i], s, ZIP_FL_OVERWRITE) >= 0);
    }
    assert_int_equal(zip_close(z), 0);
    char *data;
    assert_int_equal(jue_read_file(path, &data, len), JUE_OK);
    unlink(path);
    return data;
}

/* n rows without r=, one number each */
static char *rows_without_r(size_t n, size_t *len)
{
    const char *head = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";
    const char *row = "<row><c><v>1</v></c></row>", *tail = "</sheetData></worksheet>";
    size_t r = strlen(row);
    char *x = malloc(strlen(head) + n * r + strlen(tail) + 1), *p = x;
    p += sprintf(p, "%s", head);
    for (size_t i = 0; i < n; i++, p += r) memcpy(p, row, r);
    strcpy(p, tail);
    char *z = zip_of(x, NULL, len);
    free(x);
    return z;
}

static void test_digit_run(void **state)
{
    (void)state;
    check_linear(digits, 100000, "digits.txt");
}

static void test_figures_line(void **state)
{
    (void)state;
    check_linear(figures, 200000, "figures.txt");
}

static void test_xlsx_rows_without_r(void **state)
{
    (void)state;
    check_linear(rows_without_r, 20000, "rows.xlsx");
}

/* One 1 MiB shared string in many cells: refused once the cell text passes
 * the budget, before memory grows with the copies. */
static void test_xlsx_shared_string_budget(void **state)
{
    (void)state;
    size_t big = 1 << 20, ncells = 200;
    char *sst = malloc(big + 200);
    char *p = sst + sprintf(sst, "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>");
    memset(p, 'x', big);
    strcpy(p + big, "</t></si></sst>");
    char *sheet = malloc(ncells * 40 + 200);
    p = sheet + sprintf(sheet, "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
    for (size_t i = 0; i < ncells; i++) p += sprintf(p, "<row><c t=\"s\"><v>0</v></c></row>");
    strcpy(p, "</sheetData></worksheet>");
    size_t len;
    char *z = zip_of(sheet, sst, &len);
    jue_diags dg;
    jue_diags_init(&dg);
    jue_disclosure *d = NULL;
    assert_int_equal(jue_import_buffer(z, len, "sst.xlsx", JUE_IN_AUTO, g_cat, g_prof, &d, NULL, &dg), JUE_ERR_LIMIT);
    bool named = false;
    for (size_t i = 0; i < dg.len; i++)
        named |= !strcmp(dg.items[i].file, "sst.xlsx") && strstr(dg.items[i].message, "单元格文字总量超过 64 MiB");
    assert_true(named);
    free(z);
    free(sst);
    free(sheet);
    jue_diags_free(&dg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_digit_run),
        cmocka_unit_test(test_figures_line),
        cmocka_unit_test(test_xlsx_rows_without_r),
        cmocka_unit_test(test_xlsx_shared_string_budget),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
