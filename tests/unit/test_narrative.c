/* The notes written from the compiled example: every statement present, and
 * — the round trip — read back by the claims extractor and checked against
 * the same tables, they give no finding at all. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <juesuan/claims_audit.h>
#include <juesuan/compile.h>
#include <juesuan/narrative.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static jue_catalog *CAT;
static jue_source *SRC;
static jue_disclosure *DISC;

static int setup(void **state)
{
    (void)state;
    jue_diags d;
    jue_diags_init(&d);
    jue_profile *prof;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/examples/county-medical-security-2024", getenv("JUE_SRCDIR") ? getenv("JUE_SRCDIR") : ".");
    if (jue_catalog_load(NULL, &CAT, &d) || jue_profile_load(NULL, &prof, &d) || jue_source_load(dir, CAT, &SRC, &d) ||
        jue_compile(SRC, CAT, prof, &DISC, NULL, &d))
        return -1;
    jue_profile_free(prof);
    jue_diags_free(&d);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    jue_disclosure_free(DISC);
    jue_source_free(SRC);
    jue_catalog_free(CAT);
    return 0;
}

static void test_notes_cover_every_section_and_item(void **state)
{
    (void)state;
    jue_diags d;
    jue_diags_init(&d);
    jue_buf b;
    jue_buf_init(&b);
    assert_int_equal(jue_notes_markdown(SRC, DISC, CAT, NULL, &b, &d), JUE_OK);
    assert_int_equal(d.errors, 0);
    assert_int_equal(d.len, 0);   /* every 项 that differs from its budget has a reason */
    const char *t = jue_buf_str(&b);
    assert_non_null(strstr(t, "## 一、收入支出决算总体情况说明"));
    assert_non_null(strstr(t, "## 十四、预算绩效情况说明"));
    /* figures as the tables print them */
    assert_non_null(strstr(t, "收入总计24024.22万元，支出总计24024.22万元"));
    assert_non_null(strstr(t, "人员经费676.45万元"));
    /* every 项 of table 05 is described, numbered in order */
    const jue_table *t5 = DISC->tables[JUE_T05];
    int items = 0;
    for (size_t r = 0; r < t5->nrows; r++)
        if (t5->rows[r].level == JUE_LEVEL_XIANG) {
            items++;
            char want[300];
            snprintf(want, sizeof want, "%d、", items);
            assert_non_null(strstr(t, want));
            assert_non_null(strstr(t, t5->rows[r].name));
        }
    assert_int_equal(items, 14);
    /* shares of one whole add to exactly 100.00% */
    assert_non_null(strstr(t, "基本支出804.49万元，占3.37%；项目支出23061.03万元，占96.63%"));
    assert_non_null(strstr(t, "占基本支出的84.17%"));
    assert_non_null(strstr(t, "占基本支出的15.83%"));
    /* a share above zero that rounds to 0.00% says so */
    assert_non_null(strstr(t, "其他收入1.05万元，占不足0.01%"));
    assert_null(strstr(t, "占0.00%"));
    /* no 国有资本经营: the statement of its absence */
    assert_non_null(strstr(t, "没有国有资本经营预算财政拨款收入、支出和结转结余"));
    jue_buf_free(&b);
    jue_diags_free(&d);
}

static void test_round_trip_through_the_claims_checks(void **state)
{
    (void)state;
    jue_diags d;
    jue_diags_init(&d);
    jue_buf b;
    jue_buf_init(&b);
    assert_int_equal(jue_notes_markdown(SRC, DISC, CAT, NULL, &b, &d), JUE_OK);
    jue_lexicon *lx;
    assert_int_equal(jue_lexicon_load(NULL, &lx, &d), JUE_OK);
    jue_claims_free(&DISC->claims);
    assert_int_equal(jue_claims_extract(jue_buf_str(&b), b.len, 1, lx, CAT, DISC->year, &DISC->claims), JUE_OK);
    /* the text says a lot: many figures were read back */
    assert_true(DISC->claims.len > 80);
    size_t items = 0;
    for (size_t i = 0; i < DISC->claims.len; i++)
        if (DISC->claims.items[i].role == JUE_ROLE_ACTUAL && DISC->claims.items[i].item_resolved) items++;
    assert_int_equal(items, 14);
    jue_findings f;
    jue_findings_init(&f);
    assert_int_equal(jue_claims_audit(DISC, CAT, NULL, &f), JUE_OK);
    for (size_t i = 0; i < f.len; i++) fprintf(stderr, "  line %d %s %s\n", f.items[i].line, f.items[i].rule, f.items[i].message);
    assert_int_equal(f.len, 0);
    jue_findings_free(&f);
    jue_claims_free(&DISC->claims);
    jue_lexicon_free(lx);
    jue_buf_free(&b);
    jue_diags_free(&d);
}

static void test_template_mistakes_are_reported(void **state)
{
    (void)state;
    char path[] = "/tmp/jue-notes-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    fputs("sections:\n  - title: 测试\n    text: \"{年度}年度{没有这个值}。{?有三公}未闭合\"\n", fp);
    fclose(fp);
    jue_diags d;
    jue_diags_init(&d);
    jue_buf b;
    jue_buf_init(&b);
    assert_int_equal(jue_notes_markdown(SRC, DISC, CAT, path, &b, &d), JUE_ERR_INVALID);
    assert_int_equal(d.errors, 2);
    assert_non_null(strstr(d.items[0].message, "没有这个值"));
    assert_non_null(strstr(d.items[1].message, "没有以{/有三公}结束"));
    remove(path);
    jue_buf_free(&b);
    jue_diags_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_notes_cover_every_section_and_item),
        cmocka_unit_test(test_round_trip_through_the_claims_checks),
        cmocka_unit_test(test_template_mistakes_are_reported),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
