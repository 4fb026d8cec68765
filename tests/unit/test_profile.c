/* Profiles are data: the national one and Shanghai 2024 load with what they
 * say (order and label of the tables, notes template, glossary, 概况, no
 * 第五部分); a disclosure compiled with Shanghai prints its tables in that
 * order without 公开NN表 labels and its notes in the Shanghai wording, which
 * the claims checks read back without a finding; mistakes in a profile file
 * are reported at file:line:col. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <juesuan/claims_audit.h>
#include <juesuan/compile.h>
#include <juesuan/narrative.h>
#include <juesuan/profile.h>
#include <juesuan/render.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static void test_national_profile(void **state)
{
    (void)state;
    jue_diags d;
    jue_diags_init(&d);
    jue_profile *p;
    assert_int_equal(jue_profile_load(NULL, &p, &d), JUE_OK);
    assert_string_equal(jue_profile_name(p), "national");
    char b[64];
    for (int t = 0; t < JUE_NTABLES; t++) {
        assert_int_equal(jue_profile_table_number(p, (jue_table_id)t), t + 1);
        /* the profile's label is the national one, byte for byte */
        assert_string_equal(jue_profile_table_label(p, (jue_table_id)t, b, sizeof b), jue_table_label((jue_table_id)t));
    }
    assert_string_equal(jue_profile_notes(p), "national");
    assert_string_equal(jue_profile_glossary(p), "national");
    assert_true(jue_profile_appendix(p));
    assert_true(jue_profile_line_numbers(p));
    assert_true(jue_profile_preparer_line(p));   /* 编制单位：X … 金额单位：万元 */
    for (int t = 0; t < JUE_NTABLES; t++) assert_null(jue_profile_table_note(p, (jue_table_id)t, "X", 2024));
    const jue_overview_section *ov;
    assert_int_equal(jue_profile_overview(p, &ov), 3);
    assert_int_equal(ov[0].kind, JUE_OV_DUTIES);
    assert_string_equal(ov[0].title, "部门职责");
    assert_int_equal(ov[1].kind, JUE_OV_ORGANISATION);
    assert_int_equal(ov[2].kind, JUE_OV_UNITS);
    jue_profile_free(p);
    assert_int_equal(d.len, 0);
    jue_diags_free(&d);
}

static void test_shanghai_profile(void **state)
{
    (void)state;
    jue_diags d;
    jue_diags_init(&d);
    jue_profile *p;
    assert_int_equal(jue_profile_load("shanghai-2024", &p, &d), JUE_OK);
    assert_string_equal(jue_profile_name(p), "shanghai-2024");
    /* 三公 is table 7, 政府性基金 8, 国有资本经营 9 */
    static const int NUM[JUE_NTABLES] = { 1, 2, 3, 4, 5, 6, 8, 9, 7 };
    char b[64];
    for (int t = 0; t < JUE_NTABLES; t++) {
        assert_int_equal(jue_profile_table_number(p, (jue_table_id)t), NUM[t]);
        assert_string_equal(jue_profile_table_label(p, (jue_table_id)t, b, sizeof b), "");   /* no 公开NN表 */
    }
    assert_string_equal(jue_profile_notes(p), "shanghai-2024");
    assert_string_equal(jue_profile_glossary(p), "shanghai-2024");
    assert_false(jue_profile_appendix(p));
    assert_false(jue_profile_line_numbers(p));   /* no 行次 columns, no 栏次 row */
    assert_false(jue_profile_preparer_line(p));  /* 单位：万元 alone */
    /* the template's 注 under each of the nine tables */
    for (int t = 0; t < JUE_NTABLES; t++) {
        char *fn = jue_profile_table_note(p, (jue_table_id)t, "上海市XX局", 2024);
        assert_non_null(fn);
        assert_non_null(strstr(fn, "注：本表反映部门本年度"));
        free(fn);
    }
    char *fn = jue_profile_table_note(p, JUE_T01, "上海市XX局", 2024);
    assert_string_equal(fn, "注：本表反映部门本年度的总收支和年末结转结余情况。");
    free(fn);
    const jue_overview_section *ov;
    assert_int_equal(jue_profile_overview(p, &ov), 2);
    assert_string_equal(ov[0].title, "主要职能");
    assert_int_equal(ov[1].kind, JUE_OV_UNITS_TABLE);
    assert_string_equal(ov[1].title, "部门决算单位构成");
    assert_non_null(strstr(ov[1].text, "从预算单位构成看"));
    assert_true(ov[1].has_alt);
    assert_int_equal(ov[1].alt_kind, JUE_OV_ORGANISATION);
    assert_string_equal(ov[1].alt_title, "机构设置");
    char *note = jue_profile_empty_note(p, JUE_T08, "上海市XX局", 2024);
    assert_string_equal(note, "说明：上海市XX局本年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。");
    free(note);
    jue_profile_free(p);
    assert_int_equal(d.len, 0);
    jue_diags_free(&d);
}

/* The label format substitutes the printed number. */
static void test_label_format(void **state)
{
    (void)state;
    jue_diags d;
    jue_diags_init(&d);
    const char *y = "name: x\ntable_label: \"表{n}（{nn}）\"\n"
                    "tables:\n  - { id: T09, number: 7 }\n  - { id: T01, number: 1 }\n"
                    "t01_expenditure_classes: [201, 210]\n";
    jue_profile *p;
    assert_int_equal(jue_profile_parse("x.yaml", y, strlen(y), &p, &d), JUE_OK);
    char b[64];
    assert_string_equal(jue_profile_table_label(p, JUE_T09, b, sizeof b), "表7（07）");
    assert_string_equal(jue_profile_table_label(p, JUE_T01, b, sizeof b), "表1（01）");
    /* a table the profile does not list is not printed: no label */
    assert_int_equal(jue_profile_table_number(p, JUE_T05), 0);
    assert_string_equal(jue_profile_table_label(p, JUE_T05, b, sizeof b), "");
    jue_profile_free(p);
    jue_diags_free(&d);
}

/* Every mistake of a profile file at its line and column, all in one run. */
static void test_profile_mistakes(void **state)
{
    (void)state;
    jue_diags d;
    jue_diags_init(&d);
    const char *y = "name: bad\n"                                   /* 1 */
                    "tabels: []\n"                                  /* 2: a typo */
                    "table_label: \"公开{no}表\"\n"                 /* 3 */
                    "tables:\n"                                     /* 4 */
                    "  - { id: T01, number: 1 }\n"                  /* 5 */
                    "  - { id: T09, number: 1 }\n"                  /* 6: the number again */
                    "  - { id: T01, number: 3, colour: red }\n"     /* 7: twice, and a bad key */
                    "overview:\n"                                   /* 8 */
                    "  - { title: 主要职能, content: dutys }\n"     /* 9 */
                    "t01_expenditure_classes: [201, 21015]\n"       /* 10: a 款 */
                    "preparer_line: maybe\n"                        /* 11 */
                    "table_notes:\n"                                /* 12 */
                    "  T10: \"注：本表反映…\"\n"                      /* 13: no table T10 */
                    "  T02: [a, b]\n";                              /* 14: not a text */
    jue_profile *p = NULL;
    assert_int_equal(jue_profile_parse("data/profiles/bad.yaml", y, strlen(y), &p, &d), JUE_ERR_INVALID);
    assert_null(p);
    static const struct { int line, col; const char *msg; } WANT[] = {
        { 2, 1, "未知的键“tabels”" },
        { 6, 24, "编号1已是另一张表的编号（第5行）" },
        { 7, 27, "tables 的一项中未知的键“colour”" },
        { 7, 11, "表T01列了两次" },
        { 3, 14, "只能替换 {nn} 和 {n}" },
        { 10, 32, "不是功能分类类级编码" },
        { 9, 29, "而不是“dutys”" },
        { 11, 16, "“preparer_line”应为 true 或 false" },
        { 13, 3, "table_notes：键须为 T01–T09，值须为文字" },
        { 14, 8, "table_notes：键须为 T01–T09，值须为文字" },
    };
    size_t want = sizeof WANT / sizeof WANT[0];
    for (size_t i = 0; i < d.len; i++)
        fprintf(stderr, "  %s:%d:%d %s\n", d.items[i].file, d.items[i].line, d.items[i].col, d.items[i].message);
    assert_int_equal(d.errors, want);
    for (size_t w = 0; w < want; w++) {
        bool found = false;
        for (size_t i = 0; i < d.len && !found; i++)
            found = d.items[i].line == WANT[w].line && d.items[i].col == WANT[w].col &&
                    strstr(d.items[i].message, WANT[w].msg) && !strcmp(d.items[i].file, "data/profiles/bad.yaml");
        if (!found) fprintf(stderr, "missing %d:%d %s\n", WANT[w].line, WANT[w].col, WANT[w].msg);
        assert_true(found);
    }
    jue_diags_free(&d);

    /* an unknown profile name */
    jue_diags_init(&d);
    assert_int_equal(jue_profile_load("nowhere-1999", &p, &d), JUE_ERR_NOTFOUND);
    assert_int_equal(d.errors, 1);
    /* named, with the profiles there are */
    assert_non_null(strstr(d.items[0].message, "没有名为“nowhere-1999”的方案"));
    assert_non_null(strstr(d.items[0].message, "national、shanghai-2024"));
    jue_diags_free(&d);
}

/* The example compiled with Shanghai 2024: tables in Shanghai order with no
 * label, and notes in the Shanghai wording that read back without finding. */
static void test_shanghai_disclosure(void **state)
{
    (void)state;
    jue_diags d;
    jue_diags_init(&d);
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/examples/county-medical-security-2024",
             getenv("JUE_SRCDIR") ? getenv("JUE_SRCDIR") : ".");
    jue_profile *p;
    jue_source *src;
    jue_disclosure *disc;
    assert_int_equal(jue_profile_load("shanghai-2024", &p, &d), JUE_OK);
    assert_int_equal(jue_source_load(dir, CAT, &src, &d), JUE_OK);
    if (src->perf) assert_int_equal(jue_perf_score_profile(src->perf, "shanghai-2024", &d), JUE_OK);
    assert_int_equal(jue_compile(src, CAT, p, &disc, NULL, &d), JUE_OK);

    jue_table_id order[JUE_NTABLES];
    assert_int_equal(jue_disclosure_order(disc, order), JUE_NTABLES);
    static const jue_table_id WANT[JUE_NTABLES] = { JUE_T01, JUE_T02, JUE_T03, JUE_T04, JUE_T05,
                                                    JUE_T06, JUE_T09, JUE_T07, JUE_T08 };
    for (int i = 0; i < JUE_NTABLES; i++) {
        assert_int_equal(order[i], WANT[i]);
        assert_string_equal(jue_table_printed_label(disc->tables[i]), "");
    }
    jue_buf b;
    jue_buf_init(&b);
    assert_int_equal(jue_render_md(disc, &b), JUE_OK);
    assert_null(strstr(jue_buf_str(&b), "公开0"));
    assert_null(strstr(jue_buf_str(&b), "行次"));
    assert_non_null(strstr(jue_buf_str(&b), "| 收入/项目 | 收入/决算数 | 支出/项目 | 支出/决算数 |"));
    const char *sg = strstr(jue_buf_str(&b), "## 财政拨款“三公”经费支出决算表");
    const char *fund = strstr(jue_buf_str(&b), "## 政府性基金预算财政拨款收入支出决算表");
    assert_non_null(sg);
    assert_non_null(fund);
    assert_true(sg < fund);
    assert_non_null(strstr(jue_buf_str(&b), "说明：青溪县医疗保障局本年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。"));
    /* "单位：万元" alone above each table; the template's 注 under it, before
     * an empty table's 说明 */
    assert_null(strstr(jue_buf_str(&b), "编制单位"));
    assert_non_null(strstr(jue_buf_str(&b), "## 收入支出决算总表\n\n单位：万元\n\n"));
    assert_non_null(strstr(jue_buf_str(&b), "\n注：本表反映部门本年度的总收支和年末结转结余情况。\n"));
    assert_non_null(strstr(jue_buf_str(&b), "注：本表反映部门本年度国有资本经营预算财政拨款收入支出及结转和结余情况。\n\n"
                                            "说明：青溪县医疗保障局本年度没有国有资本经营预算财政拨款收入和支出"));
    for (int i = 0; i < JUE_NTABLES; i++) {
        assert_true(disc->tables[i]->no_preparer);
        assert_non_null(disc->tables[i]->footnote);
    }

    jue_buf_reset(&b);
    assert_int_equal(jue_notes_markdown_profile(src, disc, CAT, p, &b, &d), JUE_OK);
    const char *t = jue_buf_str(&b);
    assert_non_null(strstr(t, "## 一、收入支出决算总体情况说明\n\n青溪县医疗保障局2024年度收入支出总计24024.22万元。"
                              "与2023年度相比，收入支出总计增加1538.10万元，增长6.84%。"));
    assert_non_null(strstr(t, "## 七、财政拨款“三公”经费支出决算情况说明"));
    assert_non_null(strstr(t, "## 八、政府性基金预算财政拨款收入支出决算情况说明"));
    assert_non_null(strstr(t, "## 十、预算绩效管理情况"));
    assert_non_null(strstr(t, "## 十一、其他重要事项说明\n\n### （一）机关运行经费支出情况"));
    assert_non_null(strstr(t, "### （三）国有资产占有使用情况说明"));
    assert_non_null(strstr(t, "决算数大于预算数的主要原因：缴费基数调整。"));
    assert_non_null(strstr(t, "社会保障和就业支出（类）91.21万元，占0.39%"));
    assert_non_null(strstr(t, "绩效评级为“合格”的项目0个"));
    assert_non_null(strstr(t, "青溪县医疗保障局2024年度无国有资本经营预算财政拨款收入和支出。"));
    assert_null(strstr(t, "一般性支出"));   /* not a section in Shanghai */

    jue_lexicon *lx;
    assert_int_equal(jue_lexicon_load(NULL, &lx, &d), JUE_OK);
    assert_int_equal(jue_claims_extract(t, b.len, 1, lx, CAT, disc->year, &disc->claims), JUE_OK);
    assert_true(disc->claims.len > 100);
    jue_findings f;
    jue_findings_init(&f);
    assert_int_equal(jue_claims_audit(disc, CAT, NULL, &f), JUE_OK);
    for (size_t i = 0; i < f.len; i++) fprintf(stderr, "  line %d %s %s\n", f.items[i].line, f.items[i].rule, f.items[i].message);
    assert_int_equal(f.len, 0);
    jue_findings_free(&f);
    jue_lexicon_free(lx);
    jue_buf_free(&b);
    jue_disclosure_free(disc);
    jue_source_free(src);
    jue_profile_free(p);
    jue_diags_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_national_profile),
        cmocka_unit_test(test_shanghai_profile),
        cmocka_unit_test(test_label_format),
        cmocka_unit_test(test_profile_mistakes),
        cmocka_unit_test(test_shanghai_disclosure),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
