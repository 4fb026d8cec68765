/* Checks of the notes from the structure of the text, not the lexicon:
 * "其中" lists about anything (nested lists counted once), 三公 parts, and 项
 * names the catalog cannot judge. Sentences made up here; the shapes are the
 * real ones. Each check has its positive case and a consistent text that
 * must give nothing (rounding tails included). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <juesuan/claims_audit.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static jue_catalog *CAT;
static jue_lexicon *LX;
static jue_claim_checks *CHK;   /* data/rules/claims.yaml: the severities shipped */

static int setup(void **state)
{
    (void)state;
    jue_diags d;
    jue_diags_init(&d);
    if (jue_catalog_load(NULL, &CAT, &d) != JUE_OK || jue_lexicon_load(NULL, &LX, &d) != JUE_OK ||
        jue_claim_checks_load(NULL, &CHK, &d) != JUE_OK)
        return -1;
    jue_diags_free(&d);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    jue_catalog_free(CAT);
    jue_lexicon_free(LX);
    jue_claim_checks_free(CHK);
    return 0;
}

/* The findings of the claim checks on notes alone (no tables), 2024 accounts. */
static void audit_notes(const char *notes, jue_findings *f)
{
    jue_disclosure *d = jue_disclosure_new();
    assert_non_null(d);
    d->year = 2024;
    d->source = strdup("notes.txt");
    assert_int_equal(jue_claims_extract(notes, strlen(notes), 1, LX, CAT, 2024, &d->claims), JUE_OK);
    jue_claims_tie_items(d);
    jue_findings_init(f);
    assert_int_equal(jue_claims_audit(d, CAT, CHK, f), JUE_OK);
    for (size_t i = 0; i < f->len; i++)
        fprintf(stderr, "  %d %s %s\n", f->items[i].line, f->items[i].rule, f->items[i].message);
    jue_disclosure_free(d);
}

static size_t count(const jue_findings *f, const char *rule, int line)
{
    size_t n = 0;
    for (size_t i = 0; i < f->len; i++)
        n += !strcmp(f->items[i].rule, rule) && (line < 0 || f->items[i].line == line);
    return n;
}

static const jue_finding *find(const jue_findings *f, const char *rule, int line)
{
    for (size_t i = 0; i < f->len; i++)
        if (!strcmp(f->items[i].rule, rule) && f->items[i].line == line) return &f->items[i];
    return NULL;
}

static void test_parts_of_any_subject(void **state)
{
    (void)state;
    jue_findings f;
    audit_notes("本年购置设备12.4万元，其中办公设备8.90万元、专用设备3.80万元。\n"    /* 1: 12.70 > 12.45 */
                "本年购置设备12.7万元，其中办公设备8.90万元、专用设备3.80万元。\n"    /* 2: fine */
                "本年购置设备12.6万元，其中办公设备8.90万元、专用设备3.80万元。\n",   /* 3: 12.69 > 12.65 */
                &f);
    assert_int_equal(count(&f, "claims.parts", 1), 1);
    assert_int_equal(count(&f, "claims.parts", 2), 0);
    assert_int_equal(count(&f, "claims.parts", 3), 1);
    const jue_finding *x = find(&f, "claims.parts", 1);
    assert_non_null(strstr(x->message, "12.4万元"));   /* the whole as printed */
    jue_findings_free(&f);
    /* a rounding tail is not a slip: 8.904 + 3.804 printed 8.90 + 3.80 under 12.71 */
    audit_notes("本年购置设备12.71万元，其中办公设备8.90万元、专用设备3.80万元。\n"
                "本年购置设备12.70万元，其中办公设备8.904万元、专用设备3.804万元。\n", &f);
    assert_int_equal(count(&f, "claims.parts", -1), 1);   /* only the second: 12.706 > 12.705 */
    assert_int_equal(count(&f, "claims.parts", 2), 1);
    jue_findings_free(&f);
}

static void test_nested_lists_counted_once(void **state)
{
    (void)state;
    jue_findings f;
    audit_notes("项目支出100万元，其中A项目60万元（其中设备40万元、劳务20万元），B项目40万元。\n"        /* 1: fine */
                "项目支出100.00万元，其中A项目60.00万元（其中设备40.00万元、劳务30.00万元），B项目40.00万元。\n" /* 2 */
                "项目支出100.00万元，其中A项目60.00万元（其中设备40.00万元、劳务20.00万元），B项目50.00万元。\n" /* 3 */
                "项目支出100万元(其中A项目60万元(其中设备40万元、劳务20万元)、B项目40万元)。\n"             /* 4: fine */
                "实有人员10人（其中行政6人、事业4人），离退休人员3人（其中离休1人、退休2人）。\n"           /* 5: fine */
                "实有人员10人（其中行政6人、事业4人），离退休人员3人（其中离休2人、退休2人）。\n",          /* 6 */
                &f);
    assert_int_equal(count(&f, "claims.parts", 1), 0);
    assert_int_equal(count(&f, "claims.parts", 2), 1);   /* 70 under A's 60 */
    assert_non_null(strstr(find(&f, "claims.parts", 2)->message, "60.00万元"));
    assert_int_equal(count(&f, "claims.parts", 3), 1);   /* 110 under 100 */
    assert_non_null(strstr(find(&f, "claims.parts", 3)->message, "100.00万元"));
    assert_int_equal(count(&f, "claims.parts", 4), 0);
    assert_int_equal(count(&f, "claims.parts", 5), 0);
    assert_int_equal(count(&f, "claims.parts", 6), 1);   /* 4 retirees listed under 3 */
    jue_findings_free(&f);
}

static void test_three_public_parts(void **state)
{
    (void)state;
    jue_findings f;
    audit_notes("“三公”经费财政拨款支出决算为10.50万元，其中因公出国（境）费2.00万元，公务用车购置及运行费5.00万元"
                "（其中公务用车购置费3.00万元、公务用车运行维护费2.00万元），公务接待费4.00万元。\n"   /* 1: 11 > 10.5 */
                "“三公”经费财政拨款支出决算为11.00万元，其中因公出国（境）费2.00万元，公务用车购置及运行费5.00万元"
                "（其中公务用车购置费3.00万元、公务用车运行维护费2.00万元），公务接待费4.00万元。\n"   /* 2: fine */
                /* 3: the national wording — a list begun after "；" ends at the next "；": fine */
                "其中：因公出国（境）费支出决算为2.00万元；公务用车购置及运行维护费支出决算为5.11万元，其中公务用车"
                "购置费3.00万元，公务用车运行维护费2.11万元；公务接待费支出决算为1.67万元。\n"
                "其中：因公出国（境）费支出决算为2.00万元；公务用车购置及运行维护费支出决算为5.11万元，其中公务用车"
                "购置费3.00万元，公务用车运行维护费2.21万元；公务接待费支出决算为1.67万元。\n"  /* 4: 5.21 > 5.11 */
                "“三公”经费支出决算为8.78万元，其中：因公出国（境）费决算为2.00万元；公务用车购置及运行维护费决算为"
                "5.11万元；公务接待费决算为1.77万元。\n",   /* 5: the list of the first clause goes on: 8.88 > 8.78 */
                &f);
    assert_int_equal(count(&f, "claims.parts", 1), 1);
    assert_int_equal(count(&f, "claims.parts", 2), 0);
    assert_int_equal(count(&f, "claims.parts", 3), 0);
    assert_int_equal(count(&f, "claims.parts", 4), 1);
    assert_int_equal(count(&f, "claims.parts", 5), 1);
    jue_findings_free(&f);
}

/* A whole whose "其中" list names every part that exhausts it (the lexicon's
 * partitions: 政府采购 = 货物 + 工程 + 服务, by 政府采购法 第二条) must equal
 * their sum within the rounding of the printed figures, in the national and
 * the Shanghai wording; a list of some of the parts only may not exceed it */
static void test_partition_adds_up(void **state)
{
    (void)state;
    jue_findings f;
    audit_notes("2024年度政府采购支出总额225.91万元，其中：政府采购货物支出68.83万元、政府采购工程支出0.00万元、"
                "政府采购服务支出157.08万元。\n"                                                    /* 1: fine */
                "2024年度政府采购支出总额252.91万元，其中：政府采购货物支出68.83万元、政府采购工程支出0.00万元、"
                "政府采购服务支出157.08万元。\n"                                                    /* 2: 225.91 */
                "政府采购金额（以合同签订为准）为225.91 万元，其中：货物采购金额68.83万元、工程采购金额0.00万元、"
                "服务采购金额157.08万元。\n"                                                        /* 3: fine */
                "政府采购金额（以合同签订为准）为252.91 万元，其中：货物采购金额68.83万元、工程采购金额0.00万元、"
                "服务采购金额157.08万元。\n"                                                        /* 4: 225.91 */
                "政府采购金额为252.91万元，其中：货物采购金额68.83万元、服务采购金额157.08万元。\n"  /* 5: 2 of 3 */
                "政府采购支出总额10.01万元，其中：政府采购货物支出3.33万元、政府采购工程支出3.33万元、"
                "政府采购服务支出3.34万元。\n"                                          /* 6: 10.00, a rounding tail */
                "政府采购支出总额10.03万元，其中：政府采购货物支出3.33万元、政府采购工程支出3.33万元、"
                "政府采购服务支出3.34万元。\n"                                          /* 7: 10.00, beyond it */
                "“三公”经费财政拨款支出决算为12.00万元，其中因公出国（境）费2.00万元，公务用车购置及运行费5.00万元，"
                "公务接待费4.00万元。\n",                                               /* 8: the same shape, 11 */
                &f);
    assert_int_equal(count(&f, "claims.parts", 1), 0);
    assert_int_equal(count(&f, "claims.parts", 2), 1);
    const jue_finding *x = find(&f, "claims.parts", 2);
    assert_int_equal(x->severity, JUE_SEV_ERROR);
    assert_non_null(strstr(x->message, "合计225.91万元，与政府采购支出总额252.91万元不符"));
    assert_string_equal(x->expected, "225.91万元");
    assert_int_equal(count(&f, "claims.parts", 3), 0);
    assert_int_equal(count(&f, "claims.parts", 4), 1);
    assert_non_null(strstr(find(&f, "claims.parts", 4)->message, "252.91万元不符"));
    assert_int_equal(count(&f, "claims.parts", 5), 0);   /* 225.91 under 252.91: some parts may be unlisted */
    assert_int_equal(count(&f, "claims.parts", 6), 0);
    assert_int_equal(count(&f, "claims.parts", 7), 1);
    assert_int_equal(count(&f, "claims.parts", 8), 1);
    assert_non_null(strstr(find(&f, "claims.parts", 8)->message, "合计11.00万元"));
    assert_int_equal(count(&f, "claims.parts", -1), 4);
    assert_int_equal(count(&f, "claims.partition", -1), 0);
    jue_findings_free(&f);
    /* above the whole: one finding, the one every "其中" list has */
    audit_notes("政府采购金额为225.19万元，其中：货物采购金额68.83万元、工程采购金额0.00万元、服务采购金额157.08万元。\n",
                &f);
    assert_int_equal(count(&f, "claims.parts", -1), 1);
    assert_non_null(strstr(find(&f, "claims.parts", 1)->message, "超过"));
    jue_findings_free(&f);
}

/* The same partitions when the whole is stated apart from its parts, in
 * sentences of their own after it: claims.partition (三公's stay
 * claims.three-public, test_three_public_apart) */
static void test_partition_apart(void **state)
{
    (void)state;
    jue_findings f;
    audit_notes("政府采购支出总额252.91万元。政府采购货物支出68.83万元，政府采购工程支出0.00万元，"
                "政府采购服务支出157.08万元。\n"                                          /* 1: 225.91 */
                "政府采购支出总额225.91万元。政府采购货物支出68.83万元，政府采购工程支出0.00万元，"
                "政府采购服务支出157.08万元。\n",                                         /* 2: fine */
                &f);
    assert_int_equal(count(&f, "claims.partition", 1), 1);
    assert_non_null(strstr(find(&f, "claims.partition", 1)->message, "合计225.91万元，两者不符"));
    assert_int_equal(count(&f, "claims.partition", 2), 0);
    assert_int_equal(count(&f, "claims.three-public", -1), 0);
    jue_findings_free(&f);
}

/* The shares of the 三公 items in a sentence that states no total: of the
 * 三公 total — table 09's, or with no table 09 read (a raw copy sets it
 * aside) the total the notes state for this year */
static void test_three_public_shares_of_stated_total(void **state)
{
    (void)state;
    jue_findings f;
    audit_notes("2023年度“三公”经费财政拨款支出决算为6.13万元。\n"                                /* 1: last year */
                "“三公”经费财政拨款支出年初预算为9.00万元，支出决算为6.79万元。\n"                /* 2 */
                "“三公”经费财政拨款支出决算中，因公出国（境）费支出决算0.00万元，占0.00%；公务用车购置及运行"
                "维护费支出决算5.11万元，占75.26%；公务接待费支出决算1.68万元，占38.74%。\n"      /* 3: 24.74% */
                "“三公”经费财政拨款支出决算中，因公出国（境）费支出决算0.00万元，占0.00%；公务用车购置及运行"
                "维护费支出决算5.11万元，占75.26%；公务接待费支出决算1.68万元，占24.74%。\n",     /* 4: fine */
                &f);
    assert_int_equal(count(&f, "claims.share", 3), 1);
    assert_non_null(strstr(find(&f, "claims.share", 3)->message, "38.74%"));
    assert_int_equal(count(&f, "claims.share", 4), 0);
    assert_int_equal(count(&f, "claims.share", -1), 1);
    jue_findings_free(&f);
}

/* 三公 stated in sentences of their own: the total against its three parts,
 * the car cost against 购置 + 运行维护 — amounts, budgets and changes */
static void test_three_public_apart(void **state)
{
    (void)state;
    jue_findings f;
    audit_notes("2024年度“三公”经费支出决算为8.78万元。因公出国（境）费支出决算为2.00万元。"
                "公务用车购置及运行维护费支出决算为5.11万元。公务接待费支出决算为1.77万元。\n"    /* 1: 8.88 */
                "2024年度“三公”经费支出决算为8.88万元。因公出国（境）费支出决算为2.00万元。"
                "公务用车购置及运行维护费支出决算为5.11万元。公务接待费支出决算为1.77万元。\n"    /* 2: fine */
                "“三公”经费支出决算比上年减少1.00万元。因公出国（境）费比上年减少0.50万元，"
                "公务用车购置及运行维护费比上年增加0.20万元，公务接待费比上年减少0.50万元。\n"  /* 3: −0.80 */
                "“三公”经费支出决算比上年减少0.80万元。因公出国（境）费比上年减少0.50万元，"
                "公务用车购置及运行维护费比上年增加0.20万元，公务接待费比上年减少0.50万元。\n"  /* 4: fine */
                "“三公”经费年初预算为10.00万元。因公出国（境）费预算为3.00万元，公务用车购置及运行维护费"
                "预算为4.00万元，公务接待费预算为2.00万元。\n"                                   /* 5: 9.00 */
                "公务用车购置及运行维护费支出决算为5.11万元。公务用车购置费支出决算为3.00万元，"
                "公务用车运行维护费支出决算为2.01万元。\n"                                      /* 6: 5.01 */
                "“三公”经费支出决算与上年持平。因公出国（境）费与上年持平，公务用车购置及运行维护费与上年持平，"
                "公务接待费与上年持平。\n",                                                     /* 7: fine */
                &f);
    assert_int_equal(count(&f, "claims.three-public", 1), 1);
    assert_int_equal(find(&f, "claims.three-public", 1)->severity, JUE_SEV_ERROR);
    assert_non_null(strstr(find(&f, "claims.three-public", 1)->message, "8.78万元"));
    assert_int_equal(count(&f, "claims.three-public", 2), 0);
    assert_int_equal(count(&f, "claims.three-public", 3), 1);
    assert_non_null(strstr(find(&f, "claims.three-public", 3)->message, "减少1.00万元"));
    assert_int_equal(count(&f, "claims.three-public", 4), 0);
    assert_int_equal(count(&f, "claims.three-public", 5), 1);
    assert_int_equal(count(&f, "claims.three-public", 6), 1);
    assert_int_equal(count(&f, "claims.three-public", 7), 0);
    assert_int_equal(count(&f, "claims.three-public", -1), 4);
    jue_findings_free(&f);
}

/* one quantity stated twice, 元 and 万元 with the same digits: a unit slip,
 * found from the text alone; the same subject with other digits is not */
static void test_unit_between_statements(void **state)
{
    (void)state;
    jue_findings f;
    audit_notes("2024年度一般公共预算财政拨款基本支出803.63万元，主要用于保障机构正常运转。\n"   /* 1 */
                "人员经费676.45万元，公用经费127.18万元。\n"                                     /* 2 */
                "本年一般公共预算财政拨款基本支出803.63元，其中人员经费676.45万元。\n"            /* 3: slip */
                "公用经费支出500.00元，用于购买办公用品。\n"                                     /* 4: other digits */
                "政府采购工程支出0.00万元。\n"                                                    /* 5 */
                "政府采购支出总额2,259,100元，其中政府采购工程支出0元。\n",                         /* 6: 0 is 0 */
                &f);
    assert_int_equal(count(&f, "claims.unit", 6), 0);
    assert_int_equal(count(&f, "claims.unit", 3), 1);
    assert_non_null(strstr(find(&f, "claims.unit", 3)->message, "803.63元"));
    assert_non_null(strstr(find(&f, "claims.unit", 3)->message, "803.63万元"));
    assert_int_equal(count(&f, "claims.unit", -1), 1);
    jue_findings_free(&f);
}

/* a share or completion rate printed without its %: a warning, and the
 * figure is still checked as the percentage it must be */
static void test_percent_without_sign(void **state)
{
    (void)state;
    jue_findings f;
    audit_notes("本年支出合计100.00万元，其中：基本支出20.17万元，占比20.17，项目支出79.83万元，占79.83%。\n" /* 1 */
                "本年支出合计100.00万元，其中：基本支出20.17万元，占比25.17，项目支出79.83万元，占79.83%。\n" /* 2 */
                "本年支出合计100.00万元，其中：基本支出20.17万元，占20.17%；占地面积1200平方米。\n",       /* 3 */
                &f);
    assert_int_equal(count(&f, "claims.no-percent", 1), 1);
    assert_int_equal(find(&f, "claims.no-percent", 1)->severity, JUE_SEV_WARNING);
    assert_non_null(strstr(find(&f, "claims.no-percent", 1)->message, "20.17"));
    assert_int_equal(count(&f, "claims.share", 1), 0);   /* 20.17 is right as a percentage */
    assert_int_equal(count(&f, "claims.no-percent", 2), 1);
    assert_int_equal(count(&f, "claims.share", 2), 1);   /* 25.17 is not */
    assert_int_equal(count(&f, "claims.no-percent", 3) + count(&f, "claims.share", 3), 0);
    jue_findings_free(&f);
}

/* The findings on notes with table 01's 收入总计 printed (24,024.22). */
/* The findings on notes with table 01's 收入总计 24,024.22 — or its cell left
 * blank (a text copy that lost the figure) */
static void audit_with_total_cell(const char *notes, bool blank, jue_findings *f)
{
    jue_disclosure *d = jue_disclosure_new();
    assert_non_null(d);
    d->year = 2024;
    d->source = strdup("notes.txt");
    jue_table *t = jue_table_new(JUE_T01);
    assert_non_null(t);
    int r = jue_table_add_row(t, "收入总计", "收入总计", JUE_LEVEL_NONE, JUE_SIDE_INCOME, true);
    assert_true(r >= 0);
    if (!blank) jue_cell_set_printed(jue_table_cell(t, (size_t)r, 0), 24024220000LL, 2);
    d->tables[JUE_T01] = t;
    assert_int_equal(jue_claims_extract(notes, strlen(notes), 1, LX, CAT, 2024, &d->claims), JUE_OK);
    jue_findings_init(f);
    assert_int_equal(jue_claims_audit(d, CAT, CHK, f), JUE_OK);
    for (size_t i = 0; i < f->len; i++)
        fprintf(stderr, "  %d %s %s\n", f->items[i].line, f->items[i].rule, f->items[i].message);
    jue_disclosure_free(d);
}

static void audit_with_total(const char *notes, jue_findings *f) { audit_with_total_cell(notes, false, f); }

/* a growth rate printed without its %, after its change amount: a warning,
 * and still checked as the rate it must be */
static void test_rate_without_sign(void **state)
{
    (void)state;
    jue_findings f;
    audit_notes("本年支出合计100.00万元，比上年增加20.00万元，增长25.00。\n"   /* 1: right as a rate */
                "本年支出合计100.00万元，比上年增加20.00万元，增长35.00。\n"   /* 2: wrong as a rate */
                "本年支出合计100.00万元，比上年增加20.00万元，增长25.00%。\n", /* 3 */
                &f);
    assert_int_equal(count(&f, "claims.no-percent", 1), 1);
    assert_non_null(strstr(find(&f, "claims.no-percent", 1)->message, "增长"));
    assert_int_equal(count(&f, "claims.change", 1), 0);
    assert_int_equal(count(&f, "claims.no-percent", 2), 1);
    assert_int_equal(count(&f, "claims.change", 2), 1);
    assert_int_equal(count(&f, "claims.no-percent", 3) + count(&f, "claims.change", 3), 0);
    jue_findings_free(&f);
}

/* an amount without its unit among amounts that carry one: a warning, and
 * checked in 万元 */
static void test_amount_without_unit(void **state)
{
    (void)state;
    jue_findings f;
    audit_notes("本年支出合计100.00万元，其中：基本支出20.17，占20.17%；项目支出79.83万元，占79.83%。\n" /* 1 */
                "本年收入合计100.00万元，其中：财政拨款收入60.00万元，其他收入40.00万元。\n"          /* 2 */
                "本年支出合计100.00万元，其中：基本支出30.17，占20.17%；项目支出79.83万元。\n",      /* 3 */
                &f);
    assert_int_equal(count(&f, "claims.no-unit", 1), 1);
    assert_int_equal(find(&f, "claims.no-unit", 1)->severity, JUE_SEV_WARNING);
    assert_non_null(strstr(find(&f, "claims.no-unit", 1)->message, "20.17"));
    assert_int_equal(count(&f, "claims.share", 1), 0);   /* 20.17 万元 is 20.17% of 100 */
    assert_int_equal(count(&f, "claims.no-unit", 2), 0);
    assert_int_equal(count(&f, "claims.no-unit", 3), 1);
    assert_true(count(&f, "claims.share", 3) + count(&f, "claims.parts", 3) >= 1);   /* 30.17 + 79.83 > 100 */
    jue_findings_free(&f);
    /* a document that prints no unit anywhere is not warned figure by figure */
    audit_notes("本年支出合计100.00，其中：基本支出20.17，项目支出79.83。\n", &f);
    assert_int_equal(count(&f, "claims.no-unit", -1), 0);
    jue_findings_free(&f);
}

/* 增加 and 下降 for one change: the direction words contradict each other;
 * the figures say which one is wrong */
static void test_change_directions(void **state)
{
    (void)state;
    jue_findings f;
    audit_notes("本年支出合计100.00万元，比上年增加20.00万元，下降25.00%。\n"   /* 1: the rate's word */
                "本年支出合计100.00万元，比上年减少20.00万元，增长25.00%。\n"   /* 2: the amount's word */
                "本年支出合计100.00万元，比上年减少20.00万元，下降16.67%。\n"   /* 3: fine */
                "培训费比上年增加2.00万元，下降5.00%。\n",                       /* 4: no figure to say which */
                &f);
    assert_int_equal(count(&f, "claims.change", 1), 1);
    assert_string_equal(find(&f, "claims.change", 1)->expected, "增长25.00%");
    assert_int_equal(count(&f, "claims.change", 2), 1);
    assert_string_equal(find(&f, "claims.change", 2)->expected, "增加20.00万元");
    assert_int_equal(count(&f, "claims.change", 3), 0);
    assert_int_equal(count(&f, "claims.change", 4), 1);
    assert_string_equal(find(&f, "claims.change", 4)->expected, "增减方向一致");
    jue_findings_free(&f);
    /* this year's figure in 元 where the change and rate only hold in 万元;
     * this year's figure taken from another sentence when this one has none */
    audit_notes("机关运行经费支出127.19元，比上年增加17.96万元，增长16.44%。\n"      /* 1 */
                "本年会议费支出100.00万元。\n"
                "与上年相比，会议费增加20.00万元，增长35.00%。\n",                    /* 3: 25.00% */
                &f);
    assert_int_equal(count(&f, "claims.unit", 1), 1);
    assert_int_equal(count(&f, "claims.change", 3), 1);
    jue_findings_free(&f);
}

/* a year opening a statement in another year's notes: an error when the
 * figure it dates is this year's table figure, else a warning; comparisons
 * and the year before named as such are not reported */
static void test_stale_year(void **state)
{
    (void)state;
    jue_findings f;
    audit_with_total("2023年度收入总计24024.22万元，支出总计24024.22万元。\n"     /* 1: error */
                     "2024年度收入总计24024.22万元，与2023年度相比增加1538.10万元。\n" /* 2: fine */
                     "2023年度，本部门编报绩效目标的项目10个。\n"                     /* 3: warning */
                     "比2023年度增加1538.10万元，较2023年度增长6.84%。\n"             /* 4: fine */
                     "2023年度收入总计22486.12万元。\n"                               /* 5: last year's figure */
                     "青溪县医疗保障局2023年度收入支出总计24024.22万元。\n"           /* 6: error */
                     "上年（2023年度）收入总计22486.12万元。\n"                      /* 7: no stale year */
                     "2023 年度收入总计 24024.22 万元。\n"                           /* 8: spaced as pdftotext does */
                     "与 2023 年度相比增加 1538.10 万元。\n"                         /* 9: fine */
                     "2024年度收入总计24024.22万元，2023年度为22486.12万元。\n"      /* 10: compared, fine */
                     "2024年度支出总计24024.22万元，2023年度收入总计24024.22万元。\n", /* 11: error */
                     &f);
    assert_int_equal(count(&f, "claims.date", 1), 1);
    assert_string_equal(find(&f, "claims.date", 1)->expected, "2024年度");
    assert_int_equal(find(&f, "claims.date", 1)->severity, JUE_SEV_ERROR);
    assert_int_equal(count(&f, "claims.date", 2) + count(&f, "claims.stale-year", 2), 0);
    assert_int_equal(count(&f, "claims.stale-year", 3), 1);
    assert_int_equal(find(&f, "claims.stale-year", 3)->severity, JUE_SEV_WARNING);
    assert_int_equal(count(&f, "claims.date", 4) + count(&f, "claims.stale-year", 4), 0);
    assert_int_equal(count(&f, "claims.date", 5) + count(&f, "claims.fact", 5), 0);   /* not this year's */
    assert_int_equal(count(&f, "claims.stale-year", 5), 1);
    assert_int_equal(count(&f, "claims.date", 6), 1);
    assert_int_equal(count(&f, "claims.date", 7) + count(&f, "claims.stale-year", 7), 0);
    assert_int_equal(count(&f, "claims.date", 8), 1);
    assert_string_equal(find(&f, "claims.date", 8)->actual, "2023年度");
    assert_int_equal(count(&f, "claims.date", 9) + count(&f, "claims.stale-year", 9), 0);
    assert_int_equal(count(&f, "claims.date", 10) + count(&f, "claims.stale-year", 10), 0);
    assert_int_equal(count(&f, "claims.date", 11), 1);
    jue_findings_free(&f);
}

/* a change's rate recomputed from this year's figure stated in an earlier
 * sentence when no table figure stands for it: its table not read (notes
 * alone) or its cell blank in a text copy; the figure in 元 where only 万元
 * fits the change is claims.unit */
static void test_change_from_statement_elsewhere(void **state)
{
    (void)state;
    jue_findings f;
    audit_notes("青溪县医疗保障局2024年度收入支出总计24024.22万元。与2023年度相比，收入支出总计增加1538.10万元，增长6.48%。\n"
                "2024年度财政拨款收入支出总计24022.75元。与2023年度相比，财政拨款收入支出总计增加1537.92万元，增长6.84%。\n",
                &f);
    assert_int_equal(count(&f, "claims.change", 1), 1);
    assert_string_equal(find(&f, "claims.change", 1)->expected, "6.84%");
    assert_int_equal(count(&f, "claims.unit", 2), 1);
    assert_string_equal(find(&f, "claims.unit", 2)->actual, "24022.75元");
    jue_findings_free(&f);
    /* a total stated as 0 is no base for a rate: which of the three is wrong
     * only the table can say */
    audit_notes("青溪县医疗保障局2024年度收入支出总计24024.22万元。与2023年度相比，收入支出总计增加1538.10万元，增长6.84%。\n",
                &f);
    assert_int_equal(f.len, 0);
    jue_findings_free(&f);
    audit_notes("2024年度收入支出总计0万元。与2023年度相比，收入支出总计减少56.95万元，下降1.87%。\n", &f);
    assert_int_equal(f.len, 0);
    jue_findings_free(&f);
    audit_with_total_cell("2024年度收入总计24024.22万元。与2023年度相比，收入总计增加1538.10万元，增长6.48%。\n"
                          "2024年度收入总计24024.22万元，其中：财政拨款收入24022.75万元，其他收入1.47万元。\n",
                          true, &f);
    assert_int_equal(count(&f, "claims.change", 1), 1);
    assert_int_equal(count(&f, "claims.parts", 2), 0);   /* not parts above a blank cell's 0 */
    jue_findings_free(&f);
}

/* a fund's year-end balance against its opening balance, income and
 * spending stated in the same sentence (tables 07/08 not needed) */
static void test_carry_over(void **state)
{
    (void)state;
    jue_findings f;
    audit_notes("七、政府性基金预算财政拨款收入支出决算情况说明\n"
                "2024年度政府性基金预算财政拨款收入120.00万元，年初结转和结余0.00万元，支出118.65万元，年末结转和结余1.35万元。\n"
                "2024年度政府性基金预算财政拨款收入120.00万元，年初结转和结余0.00万元，支出118.65万元，年末结转和结余1.53万元。\n"
                "2024年度政府性基金预算财政拨款收入120.00万元，支出118.65万元，年末结转和结余1.53万元。\n",
                &f);
    assert_int_equal(count(&f, "claims.carry-over", 2), 0);
    assert_int_equal(count(&f, "claims.carry-over", 3), 1);
    assert_string_equal(find(&f, "claims.carry-over", 3)->expected, "1.35");
    assert_int_equal(find(&f, "claims.carry-over", 3)->severity, JUE_SEV_ERROR);
    assert_int_equal(count(&f, "claims.carry-over", 4), 0);   /* the opening balance not stated */
    jue_findings_free(&f);
    audit_notes("七、政府性基金预算财政拨款收入支出决算情况说明\n"
                "2024年度政府性基金预算财政拨款收入120.00元，年初结转和结余0.00万元，支出118.65万元，年末结转和结余1.35万元。\n",
                &f);
    assert_int_equal(count(&f, "claims.unit", 2), 1);
    assert_string_equal(find(&f, "claims.unit", 2)->actual, "120.00元");
    assert_int_equal(count(&f, "claims.carry-over", 2), 0);
    jue_findings_free(&f);
}

static void test_items_the_catalog_cannot_judge(void **state)
{
    (void)state;
    jue_findings f;
    /* 22001 自然资源事务 is not listed in full (data/catalog '# complete:'):
     * a 项 name it lacks is a doubt; 21015 is listed in full: a name it
     * lacks is misnamed */
    audit_notes("1、自然资源海洋气象等支出（类）自然资源事务（款）其他国土资源事务支出（项）。支出决算为5.00万元。\n"
                "2、卫生健康支出（类）医疗保障管理事务（款）医疗经办事务（项）。支出决算为3.00万元。\n"
                "3、自然资源海洋气象等支出（类）自然资源事务（款）其他自然资源事务支出（项）。支出决算为5.00万元。\n",
                &f);
    assert_int_equal(count(&f, "claims.item-name", 1), 0);
    assert_int_equal(count(&f, "claims.item-unlisted", 1), 1);
    assert_int_equal(find(&f, "claims.item-unlisted", 1)->severity, JUE_SEV_WARNING);
    assert_non_null(strstr(find(&f, "claims.item-unlisted", 1)->message, "2200199"));
    assert_int_equal(count(&f, "claims.item-name", 2), 1);
    assert_int_equal(count(&f, "claims.item-unlisted", 2), 0);
    assert_int_equal(count(&f, "claims.item-name", 3) + count(&f, "claims.item-unlisted", 3), 0);
    jue_findings_free(&f);
}

/* one quantity stated twice with different values: a warning at the later
 * statement, only where both name the subject right before the figure and
 * no table cell judges them; other years, parts, joint amounts, approximate
 * figures and budgets are different quantities */
static void test_restated(void **state)
{
    (void)state;
    jue_findings f;
    audit_notes("本年会议费支出0.87万元，召开会议3个。\n"            /* 1 */
                "会议费预算为2.00万元。\n"                           /* 2: a budget */
                "本年会议费支出1.87万元。\n"                         /* 3: the slip */
                "本年会议费支出0.870万元，即会议费8700元。\n"        /* 4: the same */
                "2023年会议费支出1.50万元。\n"                       /* 5: another year */
                "上年会议费支出1.20万元。\n"                         /* 6: last year */
                "培训费支出3.00万元，其中会议费0.50万元。\n"         /* 7: a part */
                "会议费和培训费支出5.00万元。\n"                     /* 8: both together */
                "会议费约1.00万元。\n"                               /* 9: approximate */
                "会议费比上年减少0.33万元。\n"                       /* 10: a change */
                "培训费支出5.00万元。\n",                            /* 11: 培训费 (line 7) again */
                &f);
    assert_int_equal(count(&f, "claims.restated", 3), 1);
    assert_int_equal(find(&f, "claims.restated", 3)->severity, JUE_SEV_WARNING);
    assert_string_equal(find(&f, "claims.restated", 3)->expected, "0.87万元");
    assert_int_equal(count(&f, "claims.restated", 11), 1);
    assert_string_equal(find(&f, "claims.restated", 11)->expected, "3.00万元");
    assert_int_equal(count(&f, "claims.restated", -1), 2);
    jue_findings_free(&f);
    /* a 项 statement's figures are its table row's, not compared here */
    audit_notes("1、卫生健康支出（类）医疗保障管理事务（款）行政运行（项）。支出决算为5.00万元。\n"
                "2、卫生健康支出（类）医疗保障管理事务（款）行政运行（项）。支出决算为3.00万元。\n",
                &f);
    assert_int_equal(count(&f, "claims.restated", -1), 0);
    jue_findings_free(&f);
    /* 项目支出 is the lexicon's column, not a 项 statement: stated twice, it
     * is restated like any other quantity */
    audit_notes("本年项目支出23061.03万元。\n"
                "本年项目支出23016.03万元。\n",
                &f);
    assert_int_equal(count(&f, "claims.restated", 2), 1);
    assert_string_equal(find(&f, "claims.restated", 2)->expected, "23061.03万元");
    jue_findings_free(&f);
    /* a figure its table holds is judged against the table, not restated */
    audit_with_total("收入总计24024.22万元。\n收入总计24024.23万元。\n", &f);
    assert_int_equal(count(&f, "claims.restated", -1), 0);
    jue_findings_free(&f);
}

/* A table no table reader takes (a list of units, a template's) keeps its
 * template marks: each row a sentence of its own, one finding a row; a
 * row's figures are not statements; a sentence goes on being read. */
static void test_placeholder_in_a_table_row(void **state)
{
    (void)state;
    jue_findings f;
    audit_notes("二、部门决算单位构成\n"
                "序号\t单位名称\t备注\n"
                "1\t某市XX局（本级）\t\n"
                "2\t某市XX中心\t\n"
                "3\t某市卫生院\t12.50万元\n"
                "纳入某市XX局2024年度部门决算编制范围的单位共3个。\n",
                &f);
    assert_int_equal(count(&f, "claims.placeholder", 3), 1);
    assert_int_equal(count(&f, "claims.placeholder", 4), 1);
    assert_int_equal(count(&f, "claims.placeholder", 6), 1);
    assert_int_equal(f.len, 3);   /* nothing from 12.50万元 in a row */
    jue_findings_free(&f);
}

/* A share whose sentence states no whole but its own amount (a copy that
 * printed the sentence's start elsewhere): nothing to check it against, no
 * accusation; with the whole before it, it is checked. */
static void test_share_without_its_whole(void **state)
{
    (void)state;
    jue_findings f;
    audit_notes("603.14万元，占20.51%；\n", &f);
    assert_int_equal(count(&f, "claims.share", -1), 0);
    jue_findings_free(&f);
    audit_notes("本年支出合计2940.05万元，其中：基本支出2336.91万元，占80.49%；项目支出603.14万元，占20.51%。\n", &f);
    assert_int_equal(count(&f, "claims.share", 1), 1);   /* 2336.91 / 2940.05 = 79.49%, not 80.49% */
    jue_findings_free(&f);
}

/* A share of a whole named but not known ("占货物支出金额的100%": no amount
 * of it is stated, no table has it) is compared with nothing — not with the
 * sentence's first amount; a whole of the sentence named generically
 * ("占总支出的", "占全部收入的") still is. Made up; the shape is the 政府采购
 * paragraph's. */
static void test_share_of_an_unknown_whole(void **state)
{
    (void)state;
    jue_findings f;
    audit_notes("授予中小企业合同金额50.20万元，占政府采购支出总额的88.38%；货物采购授予中小企业合同金额"
                "占货物支出金额的100%，工程采购授予中小企业合同金额占工程支出金额的0%，服务采购授予中小企业"
                "合同金额占服务支出金额的85.17%。\n", &f);
    assert_int_equal(count(&f, "claims.share", -1), 0);
    jue_findings_free(&f);
    audit_notes("本年支出合计2940.05万元，其中：基本支出2336.91万元，占总支出的80.49%。\n"
                "本年收入合计2940.05万元，其中：财政拨款收入2336.91万元，占全部收入的79.49%。\n", &f);
    assert_int_equal(count(&f, "claims.share", 1), 1);   /* 2336.91 / 2940.05 = 79.49%, not 80.49% */
    assert_int_equal(count(&f, "claims.share", 2), 0);
    jue_findings_free(&f);
}

/* Notes with ASCII punctuation (a copy normalised to ASCII, or typed so):
 * "," ";" ":" "(" ")" part clauses and names as their full-width forms do, a
 * thousands separator stays. Made up; the shape is a published 三公 note. */
static void test_ascii_punctuation(void **state)
{
    (void)state;
    jue_findings f;
    audit_notes("因公出国(境)经费决算1.20万元,比上年增长79.1%,主要是对外交流任务增加;公务接待费决算"
                "10.33万元,与上年下降7.6%;公务用车购置及运行费决算1,016.18万元,比上年下降1.2%。\n", &f);
    assert_int_equal(count(&f, "claims.change", -1), 0);   /* was: 增加10.33万元 against 下降7.6% */
    jue_findings_free(&f);
    audit_notes("公务接待费决算10.33万元,比上年减少0.85万元,下降9.6%。\n", &f);
    assert_int_equal(count(&f, "claims.change", 1), 1);   /* 0.85 / 11.18 = 7.60%: still found */
    jue_findings_free(&f);
}

/* "较2023年的21.90万元减少2.21万元": the amount after 较…年的 is last year's,
 * not this year's (was read as the 三公 total: a false change rate and a
 * false sum of the parts). */
static void test_previous_year_amount(void **state)
{
    (void)state;
    jue_findings f;
    audit_notes("“三公”经费支出决算为19.69万元，较2023年的21.90万元减少2.21万元，下降10.1%；其中：因公出国（境）"
                "经费0.40万元，公务用车购置及运行维护费16.87万元，公务接待费2.42万元。\n"
                "机关运行经费支出19.69万元，比上年度的21.90万元减少2.21万元，下降9.1%。\n", &f);
    assert_int_equal(count(&f, "claims.change", 1), 0);
    assert_int_equal(count(&f, "claims.three-public", 1), 0);
    assert_int_equal(count(&f, "claims.change", 2), 1);   /* 2.21 / 21.90 = 10.09%, not 9.1% */
    jue_findings_free(&f);
}

/* A second "其中" right after a part (its share between) lists that part's
 * parts, to the next "；": "总额X，其中授予中小企业A，占…，其中授予小微企业B"
 * (a published 政府采购 sentence) is B ≤ A, not A + B ≤ X. Made up. */
static void test_nested_without_brackets(void **state)
{
    (void)state;
    jue_findings f;
    audit_notes("政府采购支出总额100.00万元，其中授予中小企业合同金额90.00万元，占政府采购支出总额的90.00%，"
                "其中授予小微企业合同金额80.00万元，占政府采购支出总额的80.00%。\n"                       /* 1: fine */
                "项目支出100.00万元，其中A项目60.00万元，其中设备30.00万元、劳务40.00万元。\n"           /* 2: 70 > 60 */
                "项目支出100.00万元，其中A项目60.00万元，其中设备50.00万元；B项目50.00万元。\n",           /* 3: 110 > 100 */
                &f);
    assert_int_equal(count(&f, "claims.parts", 1), 0);   /* was 170 > 100 */
    assert_int_equal(count(&f, "claims.parts", 2), 1);
    assert_non_null(strstr(find(&f, "claims.parts", 2)->message, "60.00万元"));
    assert_int_equal(count(&f, "claims.parts", 3), 1);
    assert_non_null(strstr(find(&f, "claims.parts", 3)->message, "100.00万元"));
    jue_findings_free(&f);
    /* a list after a part is done once its parts make the part: the next
     * figure is the outer list's again (a review found 项目支出 counted in
     * 基本支出: a false claims.parts and a false claims.share) */
    audit_notes("支出合计1000万元，其中：基本支出600万元，其中人员经费500万元，公用经费100万元，项目支出400万元，占40%。\n"
                "支出合计1000万元，其中：基本支出600万元，其中人员经费500万元，公用经费100万元，项目支出500万元，占50%。\n",
                &f);
    assert_int_equal(count(&f, "claims.parts", 1) + count(&f, "claims.share", 1), 0);
    assert_int_equal(count(&f, "claims.parts", 2), 1);   /* 600 + 500 > 1000 */
    jue_findings_free(&f);
}

/* "决算数大于年初预算数3.15万元": the amount is by how much (决算 − 预算), not
 * the 项's 决算 (it was compared with table 05's row: a false claims.fact),
 * and it is checked against the budget and actual stated before it. Made up. */
static void test_gap_after_direction(void **state)
{
    (void)state;
    const char *t = "年初预算为62.00万元，支出决算为65.15万元，完成年初预算的105.08%。决算数大于年初预算数3.15万元，"
                    "主要原因是缴费基数调整。\n";
    jue_claims c;
    jue_claims_init(&c);
    assert_int_equal(jue_claims_extract(t, strlen(t), 1, LX, CAT, 2024, &c), JUE_OK);
    bool seen = false;
    for (size_t i = 0; i < c.len; i++)
        if (c.items[i].printed && !strcmp(c.items[i].printed, "3.15万元")) {
            seen = true;
            assert_int_equal(c.items[i].role, JUE_ROLE_GAP);
            assert_int_equal(c.items[i].sign, 1);
            assert_false(jue_fact_on(&c.items[i].fact));
        }
    assert_true(seen);
    jue_claims_free(&c);
    jue_findings f;
    audit_notes("年初预算为62.00万元，支出决算为65.15万元。决算数大于年初预算数3.15万元。\n"      /* 1: fine */
                "年初预算为62.00万元，支出决算为65.15万元。决算数大于年初预算数3.51万元。\n"      /* 2: 3.15 */
                "年初预算为70.00万元，支出决算为65.15万元。决算数小于年初预算数4.85万元。\n",     /* 3: fine */
                &f);
    assert_int_equal(count(&f, "claims.direction", 1), 0);
    assert_int_equal(count(&f, "claims.direction", 2), 1);
    assert_int_equal(count(&f, "claims.direction", 3), 0);
    jue_findings_free(&f);
}

/* Last year's figure stated as such — "上年为…", "2023年决算数为…", "（上年…）"
 * — is not this year's (each was compared with this year's table cell: a
 * false claims.fact); 上年结转 is this year's opening balance, and this
 * year's own year is this year's. Made up. */
static void test_previous_year_named(void **state)
{
    (void)state;
    const char *t = "2024年度财政拨款收入总计24022.75万元，上年为22484.65万元。"
                    "财政拨款收入总计24022.75万元，2023年决算数为22484.65万元。"
                    "财政拨款收入总计24022.75万元（上年22484.65万元）。"
                    "使用上年结转资金10.00万元。2024年度支出决算为20.00万元。\n";
    jue_claims c;
    jue_claims_init(&c);
    assert_int_equal(jue_claims_extract(t, strlen(t), 1, LX, CAT, 2024, &c), JUE_OK);
    int prev = 0, other = 0;
    for (size_t i = 0; i < c.len; i++) {
        const jue_claim *x = &c.items[i];
        if (!x->printed || x->is_percent || x->role == JUE_ROLE_DATE) continue;
        if (!strcmp(x->printed, "22484.65万元")) prev += x->role == JUE_ROLE_PREVIOUS && !jue_fact_on(&x->fact);
        else other += x->role != JUE_ROLE_PREVIOUS;
    }
    assert_int_equal(prev, 3);
    assert_int_equal(other, 5);   /* 24022.75 ×3, 10.00, 20.00 */
    jue_claims_free(&c);
}

/* A sentence that opens with "其中" lists the parts of the amount ending the
 * sentence before: the shares of its parts are of that amount, not of the
 * first part (a published 2017 note gave a false claims.share). Made up. */
static void test_list_after_full_stop(void **state)
{
    (void)state;
    jue_findings f;
    audit_notes("本单位支出为1942.57万元。其中：基本支出1121.09万元，占57.71%；项目支出821.48万元，占42.29%。\n"
                "本单位支出为1942.57万元。其中：基本支出1121.09万元，占57.71%；项目支出821.48万元，占40.29%。\n", &f);
    assert_int_equal(count(&f, "claims.share", 1), 0);
    assert_int_equal(count(&f, "claims.share", 2), 1);   /* 821.48 / 1942.57 = 42.29% */
    jue_findings_free(&f);
}

/* "人员经费676.45万元，人均18.79万元": the amount per person is not the
 * subject's (it was compared with table 06's 人员经费合计: a false
 * claims.fact). Made up. */
static void test_per_unit_amount(void **state)
{
    (void)state;
    const char *t = "人员经费676.45万元，人均18.79万元；公用经费127.18万元，平均每人3.53万元，月均为10.60万元。\n";
    jue_claims c;
    jue_claims_init(&c);
    assert_int_equal(jue_claims_extract(t, strlen(t), 1, LX, CAT, 2024, &c), JUE_OK);
    int amounts = 0;
    for (size_t i = 0; i < c.len; i++) {
        if (c.items[i].is_percent || !c.items[i].printed) continue;
        amounts++;
        assert_true(!strcmp(c.items[i].printed, "676.45万元") || !strcmp(c.items[i].printed, "127.18万元"));
    }
    assert_int_equal(amounts, 2);
    jue_claims_free(&c);
}

/* A share or completion printed without its % is one only right after its
 * word: in a 自评表 flattened into one line ("…实际完成值 分值 得分 … ≥50个 50
 * 8 8"), the 8 far after 完成 is no completion rate (it was checked as one
 * against a budget in the line: a false claims.completion). Made up. */
static void test_bare_percent_near_its_word(void **state)
{
    (void)state;
    jue_findings f;
    audit_notes("项目资金 年初预算数 全年预算数 全年执行数 本项目共申请预算资金90万元，完成29.99万元 绩效指标 一级指标 "
                "二级指标 三级指标 年度指标值 实际完成值 分值 得分 产出指标 数量指标 项目数量 ≥50个 50 8 8\n"
                "年初预算为62.00万元，支出决算为65.15万元，完成年初预算的105.08。\n"   /* 2: the % left out */
                "本年支出合计2940.05万元，其中：基本支出2336.91万元，占本年支出合计的79.49。\n", &f);
    assert_int_equal(count(&f, "claims.completion", 1), 0);
    assert_int_equal(count(&f, "claims.no-percent", 1), 0);
    assert_int_equal(count(&f, "claims.no-percent", 2), 1);
    assert_int_equal(count(&f, "claims.no-percent", 3), 1);
    jue_findings_free(&f);
}

/* Shapes of published notes that gave false errors (a tester's probe of real
 * passages, and a code review), each made up here: the year compared with
 * is no title; the figure after 比上年 is last year's; the amount after 完成
 * 预算 is the budget; the gap only right after 大于预算数; a whole the
 * lexicon does not know kept for every share of a 分别 run; a sentence
 * opening with 其中 after a part; a part after 其中 is no 决算; last year's
 * budget named as such; 年均 is no 均. Each line is right: no error. */
static void test_published_shapes_read_right(void **state)
{
    (void)state;
    jue_findings f;
    audit_notes("本年收入390.55万元，较2023年度决算数减少175.26万元，下降31%。\n"
                "机关运行经费支出54.30万元，比上年48.10万元增加6.20万元，增长12.89%。\n"
                "公务用车购置及运行维护费支出决算为27.46万元，完成预算29.6万元的92.8%，比上年决算数增加6.32万元，增长29.9%。\n"
                "年初预算为1000万元，支出决算为1200万元，完成年初预算的120%。决算数大于预算数的主要原因是年中追加项目经费150万元。\n"
                "货物采购金额、服务采购金额分别为60万元和40万元，分别占采购合同金额的60%和40%。\n"
                "本年支出合计1000万元，其中：基本支出600万元，项目支出400万元。其中：人员经费500万元，占83.33%；公用经费100万元，占16.67%。\n"
                "年初预算为1000万元，支出决算为1200万元，其中：基本支出800万元，项目支出400万元。决算数大于年初预算数200万元。\n"
                "年初预算为1000万元（上年预算为900万元），支出决算为950万元，完成年初预算的95%。\n"
                "基本支出、项目支出近三年年均增长5%。\n"
                /* a bracket right after an amount lists its parts; after it, the amount's subject again */
                "“三公”经费29万元，其中：因公出国（境）费0万元；公务用车购置及运行费28万元（公务用车购置费0万元，"
                "公务用车运行维护费28万元）；公务接待费1万元。\n"
                "公务用车购置及运行维护费20.66万元（其中：公务用车运行维护费19.20万元，公务用车购置费1.46万元），"
                "减少0.12万元，下降0.58%。\n"
                /* a change after a budget is the budget's */
                "基本支出预算881300.39元，同比减少166271.4元，下降15.87%。本年基本支出911000.39元。\n"
                /* a change against a year before last is not this year's change */
                "“三公”经费支出62.07万元，比上年决算数增加38.97万元，增长168.7%；比2022年（疫情前）决算数减少24.87万元，"
                "降低28.6%。其中：因公出国（境）费12.02万元，比上年增加12.02万元；公务用车购置及运行维护费27.46万元，"
                "比上年增加6.32万元；公务接待费22.59万元，比上年增加20.63万元。\n"
                /* a change after the parts of a whole may be the whole's */
                "事业运行经费总预算1000万元，其中：基本支出预算100万元，项目支出预算900万元，同比增加200万元，增长25%。\n"
                "本年支出合计1000万元，其中：基本支出100万元，项目支出900万元，比上年增加200万元，增长25%。\n", &f);
    assert_int_equal(jue_findings_count(&f, JUE_SEV_ERROR), 0);
    jue_findings_free(&f);
    /* the same shapes with a figure wrong are still found */
    audit_notes("机关运行经费支出54.30万元，比上年48.10万元增加6.20万元，增长14.89%。\n"          /* 1: 12.89% */
                "公务用车购置及运行维护费支出决算为27.46万元，完成预算29.6万元的95.8%。\n"      /* 2: 92.8% */
                "年初预算为62.00万元，支出决算为65.15万元。决算数大于年初预算数3.51万元。\n"   /* 3: 3.15 */
                /* 4: 25% on the whole, 28.57% on the part */
                "事业运行经费总预算1000万元，其中：基本支出预算100万元，项目支出预算900万元，同比增加200万元，增长27%。\n",
                &f);
    assert_int_equal(count(&f, "claims.change", 4), 1);
    assert_int_equal(count(&f, "claims.change", 1), 1);
    assert_int_equal(count(&f, "claims.completion", 2), 1);
    assert_int_equal(count(&f, "claims.direction", 3), 1);
    jue_findings_free(&f);
}

/* The totals stated as different amounts (a published note: its 收、支总计 are
 * 本年收入/支出合计 by their figures): one warning on the levels, not an
 * error on the changes; equal totals with unequal changes stay an error.
 * Made up. */
static void test_totals_stated_apart(void **state)
{
    (void)state;
    jue_findings f;
    audit_notes("收、支总计各是4125.49,4143.91万元。与上年相比，收、支总计各减少1267.86,2570.97万元，各下降23.51%、38.28%。\n", &f);
    assert_int_equal(count(&f, "claims.balance-change", -1), 0);
    assert_int_equal(count(&f, "claims.balance-level", -1), 1);
    assert_int_equal(jue_findings_count(&f, JUE_SEV_ERROR), 0);
    jue_findings_free(&f);
    audit_notes("收入总计4125.49万元，支出总计4125.49万元。与上年相比，收入总计减少1267.86万元，支出总计减少1276.86万元。\n", &f);
    assert_int_equal(count(&f, "claims.balance-change", -1), 1);
    assert_int_equal(count(&f, "claims.balance-level", -1), 0);
    jue_findings_free(&f);
}

/* The claim of [t] printed as `printed` (NULL when none). */
static const jue_claim *printed_as(const jue_claims *c, const char *printed)
{
    for (size_t i = 0; i < c->len; i++)
        if (c->items[i].printed && !strcmp(c->items[i].printed, printed)) return &c->items[i];
    return NULL;
}

/* Shapes of published notes from other provinces (the sentences made up):
 * a gap with no direction said, an amount in the reason given, a fund's name
 * holding 预算, quotes that do not pair. */
static void test_other_provinces_shapes_read(void **state)
{
    (void)state;
    const char *t = "“三公\"经费支出2.05万元，年初预算为2.95万元，差值为0.90万元，原因为厉行节约。\n"
                    "公务接待费支出1.68万元，较上年减少0.20万元，主要原因是压减接待，下拨了补助0.74万元。\n"
                    "基本支出881300.39元，占一般公共预算支出的96.74%。\n"
                    "本部门对2个项目开展了部门评价，涉及一般公共预算支出1500.00万元。\n";
    jue_claims c;
    jue_claims_init(&c);
    assert_int_equal(jue_claims_extract(t, strlen(t), 1, LX, CAT, 2024, &c), JUE_OK);
    const jue_claim *gap = printed_as(&c, "0.90万元"), *reason = printed_as(&c, "0.74万元");
    const jue_claim *share = printed_as(&c, "96.74%"), *fund = printed_as(&c, "1500.00万元");
    const jue_claim *three = printed_as(&c, "2.05万元");
    assert_non_null(gap);
    assert_int_equal(gap->role, JUE_ROLE_GAP);
    assert_int_equal(gap->sign, 0);
    assert_false(jue_fact_on(&gap->fact));
    assert_non_null(reason);
    assert_false(jue_subject_on(&reason->subject));
    assert_false(jue_fact_on(&reason->fact));
    assert_non_null(share);
    assert_int_equal(share->role, JUE_ROLE_SHARE);
    assert_non_null(fund);
    assert_int_equal(fund->role, JUE_ROLE_VALUE);
    assert_non_null(three);
    assert_true(jue_subject_is(&three->subject, "三公经费"));
    jue_claims_free(&c);
    jue_findings f;
    audit_notes("公务接待费支出2.05万元，年初预算为2.95万元，差值为0.90万元。\n"        /* 1: fine */
                "公务接待费支出2.05万元，年初预算为2.95万元，差额为0.80万元。\n"        /* 2: 0.90 */
                "年初预算为2.95万元，支出决算为3.05万元，相差0.10万元。\n"              /* 3: fine, the other way */
                "本年收入合计100.00万元，本年支出合计90.00万元，收支差额为5.00万元。\n", /* 4: no budget, not checked */
                &f);
    assert_int_equal(count(&f, "claims.direction", 1), 0);
    assert_int_equal(count(&f, "claims.direction", 2), 1);
    assert_string_equal(find(&f, "claims.direction", 2)->expected, "0.90万元");
    assert_int_equal(count(&f, "claims.direction", 3), 0);
    assert_int_equal(f.len, 1);
    jue_findings_free(&f);
}

/* A change on the budget, not on last year ("比年初预算减少2.21万元"): a gap,
 * 决算 − 预算, checked against the budget and 决算 of its subject stated
 * before it; its rate is no year-on-year rate. "一般公共预算…比上年增加"
 * compares with last year. */
static void test_change_on_the_budget(void **state)
{
    (void)state;
    const char *t = "“三公”经费年初预算为9.00万元，支出决算为6.79万元，比年初预算减少2.21万元，下降24.56%。\n"
                    "一般公共预算财政拨款支出100.00万元，比上年增加10.00万元，增长11.11%。\n"
                    "公务接待费支出16.30万元，与2024年度预算相比，增加1.50万元，增长10.14%。\n"
                    "公务用车运行维护费5.11万元，较2024年预算减少0.89万元。\n";
    jue_claims c;
    jue_claims_init(&c);
    assert_int_equal(jue_claims_extract(t, strlen(t), 1, LX, CAT, 2024, &c), JUE_OK);
    assert_int_equal(printed_as(&c, "1.50万元")->role, JUE_ROLE_GAP);   /* the comparison a clause before */
    assert_int_equal(printed_as(&c, "0.89万元")->role, JUE_ROLE_GAP);   /* a year before 预算 */
    assert_int_equal(printed_as(&c, "2.21万元")->role, JUE_ROLE_GAP);
    assert_int_equal(printed_as(&c, "2.21万元")->sign, -1);
    assert_true(printed_as(&c, "24.56%")->unsure);
    assert_int_equal(printed_as(&c, "10.00万元")->role, JUE_ROLE_CHANGE);
    jue_claims_free(&c);
    jue_findings f;
    audit_notes("“三公”经费年初预算为9.00万元，支出决算为6.79万元，比年初预算减少2.21万元，下降24.56%。\n"  /* 1: fine */
                "公务接待费支出决算1.68万元，比预算减少1.32万元。\n"                                       /* 2: no budget of its own */
                "“三公”经费年初预算为9.00万元，支出决算为6.79万元，较预算数减少2.12万元。\n",               /* 3: 2.21 */
                &f);
    assert_int_equal(count(&f, "claims.direction", 1), 0);
    assert_int_equal(count(&f, "claims.direction", 2), 0);
    assert_int_equal(count(&f, "claims.direction", 3), 1);
    assert_int_equal(count(&f, "claims.change", -1), 0);
    jue_findings_free(&f);
    audit_notes("“三公”经费支出预算为9.00万元，实际支出6.79万元，结余2.12万元。\n"             /* 1: 2.21 */
                "“三公”经费总额6.79万元，比预算9.00万元少2.12万元。\n"                     /* 2: 2.21 */
                "“三公”经费总额6.79万元，比预算9.00万元少2.21万元，比上年多0.50万元。\n",  /* 3: fine */
                &f);
    assert_int_equal(count(&f, "claims.direction", 1), 1);
    assert_int_equal(count(&f, "claims.direction", 2), 1);
    assert_int_equal(count(&f, "claims.direction", 3), 0);
    assert_int_equal(f.len, 2);
    jue_findings_free(&f);
    /* the rate of a gap is on the budget: the one stated, else 决算 ∓ 差额 */
    audit_notes("公务接待费支出16.30万元，与2024年度预算相比，增加1.50万元，增长10.14%。\n"            /* 1: fine */
                "公务接待费支出16.30万元，与2024年度预算相比，增加1.50万元，增长12.14%。\n"            /* 2 */
                "“三公”经费年初预算为9.00万元，支出决算为6.79万元，比年初预算减少2.21万元，下降24.56%。\n"  /* 3: fine */
                "“三公”经费年初预算为9.00万元，支出决算为6.79万元，比年初预算减少2.21万元，下降26.56%。\n", /* 4 */
                &f);
    assert_int_equal(count(&f, "claims.direction", 1) + count(&f, "claims.direction", 3), 0);
    assert_int_equal(count(&f, "claims.direction", 2), 1);
    assert_int_equal(count(&f, "claims.direction", 4), 1);
    assert_string_equal(find(&f, "claims.direction", 4)->expected, "24.49%–24.62%");
    assert_int_equal(count(&f, "claims.change", -1), 0);
    jue_findings_free(&f);
}

/* Amounts named by words that are not the subject in force: a name the
 * lexicon does not hold, with a qualifier and a noun of money, in a clause
 * of its own; a total of joined subjects; a name that holds a subject's
 * phrase. A change after a joined list, or a clause about another year of
 * the subject, keeps it. Made up. */
static void test_names_not_the_subject(void **state)
{
    (void)state;
    const char *t = "基本支出803.63万元，按经济分类，离退休费支出50.00万元，办公及印刷费12.00万元。\n"
                    "人员经费和公用经费支出803.63万元。\n"
                    "公务接待费支出1.68万元，其中：国内公务接待支出1.68万元；外事接待支出0.50万元。\n"
                    "在职人员经费600.00万元。\n"
                    "财政拨款收入总计、支出总计减少166.35万元，下降24.02%。\n"
                    "公务用车运行维护费支出251万元，比上年累计支出285万元下降34万元，下降12%。\n"
                    "公务接待费1.68万元，本年度累计支出1.69万元。\n";
    jue_claims c;
    jue_claims_init(&c);
    assert_int_equal(jue_claims_extract(t, strlen(t), 1, LX, CAT, 2024, &c), JUE_OK);
    assert_false(jue_subject_on(&printed_as(&c, "50.00万元")->subject));
    assert_false(jue_subject_on(&printed_as(&c, "12.00万元")->subject));
    assert_true(jue_subject_is(&printed_as(&c, "803.63万元")->subject, "基本支出"));   /* line 1's */
    const jue_claim *total = NULL;
    for (size_t i = 0; i < c.len; i++)
        if (c.items[i].line == 2) total = &c.items[i];
    assert_non_null(total);
    assert_false(jue_subject_on(&total->subject));
    assert_false(jue_subject_on(&printed_as(&c, "0.50万元")->subject));
    assert_true(jue_subject_is(&printed_as(&c, "600.00万元")->subject, "在职人员经费"));
    assert_true(jue_subject_on(&printed_as(&c, "166.35万元")->subject));
    assert_true(jue_subject_is(&printed_as(&c, "34万元")->subject, "公务用车运行维护费"));
    assert_true(jue_subject_is(&printed_as(&c, "1.69万元")->subject, "公务接待费"));   /* no qualifier: the same */
    jue_claims_free(&c);
}

/* Rates written other ways: "为年初预算的95.00%" and "预算执行率95.00%" are
 * completion rates, "降幅10.64%" a rate of decrease. Made up. */
static void test_rates_written_otherwise(void **state)
{
    (void)state;
    jue_findings f;
    audit_notes("年初预算为100.00万元，支出决算为95.00万元，为年初预算的95.00%。\n"          /* 1: fine */
                "年初预算为100.00万元，支出决算为95.00万元，为年初预算的90.00%。\n"          /* 2: 95% */
                "全年预算数80.00万元，执行数23.44万元，预算执行率29.30%。\n"                /* 3: fine */
                "全年预算数80.00万元，执行数23.44万元，执行率92.30%。\n"                    /* 4: 29.30% */
                "公务接待费支出1.68万元，比上年减少0.20万元，降幅10.64%。\n"               /* 5: fine */
                "公务接待费支出1.68万元，比上年减少0.20万元，降幅12.64%。\n",              /* 6: 10.64% */
                &f);
    assert_int_equal(count(&f, "claims.completion", 1), 0);
    assert_int_equal(count(&f, "claims.completion", 2), 1);
    assert_int_equal(count(&f, "claims.completion", 3), 0);
    assert_int_equal(count(&f, "claims.completion", 4), 1);
    assert_int_equal(count(&f, "claims.change", 5), 0);
    assert_int_equal(count(&f, "claims.change", 6), 1);
    assert_int_equal(f.len, 3);
    jue_findings_free(&f);
    /* a gap after the completion rate */
    audit_notes("年初预算为70.00万元，支出决算为63.15万元，完成年初预算的90.21%，决算数与年初预算数的差异为6.58万元。\n", &f);
    assert_int_equal(count(&f, "claims.direction", 1), 1);
    jue_findings_free(&f);
    /* a ratio's terms are no amounts without their unit */
    audit_notes("本年支出合计23865.52万元，其中：基本支出804.49万元，项目支出23061.03万元，基本支出与项目支出之比为1:28.67。\n"
                "项目支出与基本支出之比为28.67：1。\n", &f);
    assert_int_equal(f.len, 0);
    jue_findings_free(&f);
}

/* A 项 statement numbered "（十五）" or "十五、" and quoted ("（十五）“卫生健康支出
 * （类）…（项）”：…"): the number and the quote are not part of the 类's name
 * (claims.item-name accused "十五）“卫生健康支出"); a name that is wrong still is. */
static void test_item_numbered_and_quoted(void **state)
{
    (void)state;
    jue_findings f;
    audit_notes("（十五）“卫生健康支出（类）医疗保障管理事务（款）行政运行（项）”：年初预算412.00万元，支出决算396.21万元。\n"
                "十六、卫生健康支出（类）医疗保障管理事务（款）信息化建设（项）：支出决算63.15万元。\n"
                "(十七)\"一般公共服务支出（类）人大事务（款）行政运行（项）\"：支出决算10.00万元。\n"
                "（十八）“卫生健康支出（类）医疗保障管理事务（款）行政运转（项）”：支出决算1.00万元。\n"
                "①卫生健康支出（类）医疗保障管理事务（款）行政运行（项）：支出决算396.21万元。\n"
                "⑵卫生健康支出（类）医疗保障管理事务（款）信息化建设（项）：支出决算63.15万元。\n", &f);
    assert_int_equal(count(&f, "claims.item-name", 1), 0);
    assert_int_equal(count(&f, "claims.item-name", 2), 0);
    assert_int_equal(count(&f, "claims.item-name", 3), 0);
    assert_int_equal(count(&f, "claims.item-name", 4) + count(&f, "claims.item-unlisted", 4), 1);
    assert_int_equal(count(&f, "claims.item-name", 5), 0);   /* circled and bracketed numerals */
    assert_int_equal(count(&f, "claims.item-name", 6), 0);
    jue_findings_free(&f);
}

/* Shares in one sentence, the first naming its whole, the next none: the
 * next may be of the same whole ("一般公共预算财政拨款收入800万元，占财政拨款
 * 收入总计的80%；政府性基金…200万元，占20%"), not only of the sentence's
 * first amount; wrong of both, it is still claims.share. */
static void test_share_after_a_named_whole(void **state)
{
    (void)state;
    jue_findings f;
    audit_notes("财政拨款收入总计1000.00万元。一般公共预算财政拨款收入800.00万元，占财政拨款收入总计的80.00%；"
                "政府性基金预算财政拨款收入200.00万元，占20.00%。\n"
                "财政拨款收入总计1000.00万元。一般公共预算财政拨款收入800.00万元，占财政拨款收入总计的80.00%；"
                "政府性基金预算财政拨款收入200.00万元，占22.00%。\n",
                &f);
    assert_int_equal(count(&f, "claims.share", 1), 0);
    assert_int_equal(count(&f, "claims.share", 2), 1);
    jue_findings_free(&f);
}

/* A share of an amount printed 0 is no less than 0%: the interval a "0万元"
 * stands for (−0.5…0.5万元) is not shown below 0 in what is expected. */
static void test_share_of_zero_not_negative(void **state)
{
    (void)state;
    jue_findings f;
    audit_notes("“三公”经费支出8.77万元，其中：因公出国（境）费0万元，占7%；公务用车购置及运行维护费8.47万元，占96.58%；"
                "公务接待费0.30万元，占3.42%。\n", &f);
    assert_int_equal(count(&f, "claims.share", 1), 1);
    assert_string_equal(find(&f, "claims.share", 1)->expected, "0.00%–5.70%");
    jue_findings_free(&f);
}

/* A numbered line that states an amount is a paragraph, not a heading
 * ("（一）本单位…总收入581.45万元，其中本年收" wrapped), and a sentence that
 * opens with a comparison and names nothing compares the one amount of the
 * sentence before ("…382.17万元，为…的资金。较2023年度决算数减少…"). */
static void test_numbered_paragraph_and_comparison_after(void **state)
{
    (void)state;
    const char *t = "（一）本单位2024年度总收入581.45万元，其中本年收\n"
                    "入390.55万元，较2023年度决算数减少175.26万元，下降31%。\n";
    jue_claims c;
    jue_claims_init(&c);
    assert_int_equal(jue_claims_extract(t, strlen(t), 1, LX, CAT, 2024, &c), JUE_OK);
    assert_non_null(printed_as(&c, "581.45万元"));
    assert_true(jue_subject_is(&printed_as(&c, "390.55万元")->subject, "本年收入合计"));
    jue_claims_free(&c);
    jue_findings f;
    audit_notes("1.财政拨款收入382.17万元，为本级财政当年拨付的资金。较2023年度决算数减少157.86万元，下降29.2%。\n"
                "2.上级补助收入8.38万元，为事业单位开展业务活动取得的收入。较2023年度决算数减少17.40万元，下降60.5%。\n"
                "3.基本支出60.00万元，项目支出40.00万元。较上年增加10.00万元，增长30%。\n"
                "4.事业收入50.00万元，为开展业务取得的收入。与上年相比，收入总计增加10.00万元，增长30%。\n",
                &f);
    assert_int_equal(count(&f, "claims.change", 1), 0);
    assert_int_equal(count(&f, "claims.change", 2), 1);   /* 17.40 / 25.78 = 67.49% */
    assert_string_equal(find(&f, "claims.change", 2)->expected, "67.45%–67.54%");
    assert_int_equal(count(&f, "claims.change", 3), 0);   /* two amounts before: which one is not said */
    assert_int_equal(count(&f, "claims.change", 4), 0);   /* the comparison names its own subject */
    jue_findings_free(&f);
}

/* A completion rate with no budget printed but the 决算 and its gap to the
 * budget ("支出1741.75万元，完成年初预算100%，决算数大于预算数55.93万元"):
 * the budget is 决算 ∓ 差额. A rate printed with three places is expected
 * with three. Made up. */
static void test_completion_from_the_gap(void **state)
{
    (void)state;
    jue_findings f;
    audit_notes("机关事业单位基本养老保险缴费支出65.15万元，完成年初预算105.08%，决算数大于预算数3.15万元。\n" /* 1: fine */
                "机关事业单位基本养老保险缴费支出65.15万元，完成年初预算100%，决算数大于预算数3.15万元。\n"    /* 2 */
                "信息化建设支出63.15万元，决算数小于预算数6.85万元，完成年初预算的90.21%。\n"                   /* 3: fine */
                "信息化建设支出63.15万元，决算数小于预算数6.85万元，完成年初预算的109.21%。\n"                  /* 4 */
                "本年收入合计23965.16万元，其中：财政拨款收入23964.11万元，占99.996%；其他收入1.05万元，占0.006%。\n"
                "机关事业单位基本养老保险缴费支出65.15万元，完成调整预算的100%，决算数大于年初预算数3.15万元。\n", /* 6 */
                &f);
    assert_int_equal(count(&f, "claims.completion", 1), 0);
    assert_int_equal(count(&f, "claims.completion", 2), 1);
    assert_string_equal(find(&f, "claims.completion", 2)->expected, "105.06%–105.11%");
    assert_int_equal(count(&f, "claims.completion", 3), 0);
    assert_int_equal(count(&f, "claims.completion", 4), 1);
    assert_int_equal(count(&f, "claims.share", 5), 1);
    assert_string_equal(find(&f, "claims.share", 5)->expected, "0.004%");
    assert_int_equal(count(&f, "claims.completion", 6), 0);   /* two budgets: the adjusted one is not printed */
    jue_findings_free(&f);
}

/* Last year's amount printed beside this year's ("上年为…", "，2023年度为…",
 * "2023年度决算数为…"): the change stated must be their difference, a rate
 * without an amount the difference on last year's; "2023年度决算数" is that
 * year's figure, no title of another year's accounts. Made up. */
static void test_last_years_amount_stated(void **state)
{
    (void)state;
    jue_findings f;
    audit_notes("2024年度机关运行经费支出127.19万元，上年为109.23万元，增加17.96万元，增长16.44%。\n"  /* 1: fine */
                "2024年度机关运行经费支出127.19万元，上年为119.23万元，增加17.96万元，增长16.44%。\n"  /* 2: 7.96 */
                "2024年度机关运行经费支出127.19万元，2023年度为109.23万元，增长16.44%。\n"             /* 3: fine */
                "2024年度机关运行经费支出127.19万元，2023年度为119.23万元，增长16.44%。\n"             /* 4: 6.68% */
                "2024年度机关运行经费支出127.19万元，2023年度决算数为109.23万元，增加17.96万元。\n"     /* 5: fine */
                "2024年度机关运行经费支出127.19万元，2023年度为137.19万元，增长7.29%。\n"              /* 6: 下降 */
                "与2023年度相比，机关运行经费支出127.19万元，增加17.96万元，增长16.44%。\n",           /* 7: fine */
                &f);
    assert_int_equal(count(&f, "claims.change", 1), 0);
    assert_int_equal(count(&f, "claims.change", 2), 1);
    assert_string_equal(find(&f, "claims.change", 2)->expected, "增加7.96万元");
    assert_int_equal(count(&f, "claims.change", 3), 0);
    assert_int_equal(count(&f, "claims.change", 4), 1);
    assert_string_equal(find(&f, "claims.change", 4)->expected, "增长6.67%–6.68%");
    assert_int_equal(count(&f, "claims.change", 5), 0);
    assert_int_equal(count(&f, "claims.date", 5), 0);
    assert_int_equal(count(&f, "claims.change", 6), 1);
    assert_string_equal(find(&f, "claims.change", 6)->expected, "下降7.28%–7.30%");
    assert_int_equal(count(&f, "claims.change", 7), 0);
    assert_int_equal(f.len, 3);
    jue_findings_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parts_of_any_subject),
        cmocka_unit_test(test_nested_lists_counted_once),
        cmocka_unit_test(test_three_public_parts),
        cmocka_unit_test(test_partition_adds_up),
        cmocka_unit_test(test_partition_apart),
        cmocka_unit_test(test_three_public_apart),
        cmocka_unit_test(test_three_public_shares_of_stated_total),
        cmocka_unit_test(test_unit_between_statements),
        cmocka_unit_test(test_percent_without_sign),
        cmocka_unit_test(test_items_the_catalog_cannot_judge),
        cmocka_unit_test(test_rate_without_sign),
        cmocka_unit_test(test_amount_without_unit),
        cmocka_unit_test(test_change_directions),
        cmocka_unit_test(test_stale_year),
        cmocka_unit_test(test_change_from_statement_elsewhere),
        cmocka_unit_test(test_carry_over),
        cmocka_unit_test(test_restated),
        cmocka_unit_test(test_placeholder_in_a_table_row),
        cmocka_unit_test(test_share_without_its_whole),
        cmocka_unit_test(test_share_of_an_unknown_whole),
        cmocka_unit_test(test_ascii_punctuation),
        cmocka_unit_test(test_previous_year_amount),
        cmocka_unit_test(test_nested_without_brackets),
        cmocka_unit_test(test_gap_after_direction),
        cmocka_unit_test(test_previous_year_named),
        cmocka_unit_test(test_list_after_full_stop),
        cmocka_unit_test(test_per_unit_amount),
        cmocka_unit_test(test_bare_percent_near_its_word),
        cmocka_unit_test(test_published_shapes_read_right),
        cmocka_unit_test(test_totals_stated_apart),
        cmocka_unit_test(test_other_provinces_shapes_read),
        cmocka_unit_test(test_share_of_zero_not_negative),
        cmocka_unit_test(test_change_on_the_budget),
        cmocka_unit_test(test_completion_from_the_gap),
        cmocka_unit_test(test_last_years_amount_stated),
        cmocka_unit_test(test_share_after_a_named_whole),
        cmocka_unit_test(test_names_not_the_subject),
        cmocka_unit_test(test_rates_written_otherwise),
        cmocka_unit_test(test_item_numbered_and_quoted),
        cmocka_unit_test(test_numbered_paragraph_and_comparison_after),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
