/* The claim checks over the compiled example and a notes text written in the
 * national pattern, with known mistakes on known lines — and correct
 * statements (a truncated 99.99%, rounding tails) that must not be flagged. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <juesuan/claims_audit.h>
#include <juesuan/compile.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char NOTES[] =
    "一、收入支出决算总体情况说明\n"                                                           /* 1 */
    "2024年度收入总计24024.22万元，支出总计24024.22万元，与上年相比减少1000万元，下降5%。\n"  /* 2: 1000/25024.22 = 4.00% */
    "二、收入决算情况说明\n"                                                                   /* 3 */
    "2024年度收入合计23965.16万元，其中：财政拨款收入23964.11万元，占99.99%；其他收入1.05万元，占0.01%。\n" /* 4: fine (truncated) */
    "三、支出决算情况说明\n"                                                                   /* 5 */
    "2024年度支出合计23865.52万元，其中：基本支出804.49万元，占3.37%；项目支出23061.03万元，占96.63%。\n" /* 6: fine */
    "六、一般公共预算财政拨款基本支出决算情况说明\n"                                           /* 7 */
    "2024年度一般公共预算财政拨款基本支出803.63元，其中：人员经费676.45万元，占基本支出的84.17%；公用经费127.81万元，占基本支出的15.83%。\n" /* 8 */
    "五、一般公共预算财政拨款支出决算情况说明\n"                                               /* 9 */
    "（三）一般公共预算财政拨款支出决算具体情况\n"                                             /* 10 */
    "1、卫生健康支出（类）医疗保障管理事务（款）行政运行（项）。年初预算为0万元，支出决算为396.21万元，完成年初预算的100%。\n" /* 11 */
    "2、卫生健康支出（类）医疗保障管理事务（款）医疗经办事务（项）。年初预算为380万元，支出决算为372.02万元，完成年初预算的97.9%。\n" /* 12 */
    "十三、国有资产占用情况说明\n"                                                             /* 13 */
    "截至2023年12月31日，本部门共有车辆2辆。收入总计318.2007.45万元。\n"                     /* 14 */
    "十、机关运行经费支出说明\n"                                                               /* 15 */
    "本部门2024年度机关运行经费支出130.00万元。\n"                                             /* 16: 公用经费 127.18 */
    "七、财政拨款“三公”经费支出决算情况说明\n"                                                /* 17 */
    "公务接待费支出预算为3万元，支出决算为1.68万元；公务用车运行维护费支出预算为5万元。\n"     /* 18: budget 6.00 */
    "第三部分 青溪县XX局2023年度部门决算情况说明\n"                                            /* 19: placeholder, year */
    "与2023年度相比，收入支出总计增加10万元。\n";                                              /* 20: a comparison, fine */

static bool has(const jue_findings *f, const char *rule, int line)
{
    for (size_t i = 0; i < f->len; i++)
        if (!strcmp(f->items[i].rule, rule) && f->items[i].line == line) return true;
    return false;
}

static size_t count_rule(const jue_findings *f, const char *rule)
{
    size_t n = 0;
    for (size_t i = 0; i < f->len; i++) n += !strcmp(f->items[i].rule, rule);
    return n;
}

/* The data and the example department's source, loaded for a test. */
typedef struct {
    jue_diags d;
    jue_catalog *cat;
    jue_profile *prof;
    jue_lexicon *lx;
    jue_source *src;
} example;

static void example_load(example *e)
{
    jue_diags_init(&e->d);
    assert_int_equal(jue_catalog_load(NULL, &e->cat, &e->d), JUE_OK);
    assert_int_equal(jue_profile_load(NULL, &e->prof, &e->d), JUE_OK);
    assert_int_equal(jue_lexicon_load(NULL, &e->lx, &e->d), JUE_OK);
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/examples/county-medical-security-2024", getenv("JUE_SRCDIR") ? getenv("JUE_SRCDIR") : ".");
    assert_int_equal(jue_source_load(dir, e->cat, &e->src, &e->d), JUE_OK);
}

static void example_free(example *e)
{
    jue_source_free(e->src);
    jue_lexicon_free(e->lx);
    jue_profile_free(e->prof);
    jue_catalog_free(e->cat);
    jue_diags_free(&e->d);
}

/* The example's disclosure with notes read into its claims, audited (year
 * the accounts' year the notes are read in; 0: not read). The caller frees
 * the disclosure and the findings. */
static jue_disclosure *audit_example_notes(example *e, const char *notes, int year, jue_findings *f)
{
    jue_disclosure *disc;
    assert_int_equal(jue_compile(e->src, e->cat, e->prof, &disc, NULL, &e->d), JUE_OK);
    disc->source = strdup("notes.txt");
    disc->year = year;
    assert_int_equal(jue_claims_extract(notes, strlen(notes), 1, e->lx, e->cat, year, &disc->claims), JUE_OK);
    jue_findings_init(f);
    assert_int_equal(jue_claims_audit(disc, e->cat, NULL, f), JUE_OK);
    return disc;
}

static void test_notes_against_the_example(void **state)
{
    (void)state;
    example e;
    example_load(&e);
    jue_disclosure *disc;
    assert_int_equal(jue_compile(e.src, e.cat, e.prof, &disc, NULL, &e.d), JUE_OK);
    disc->source = strdup("notes.txt");
    assert_int_equal(jue_claims_extract(NOTES, strlen(NOTES), 1, e.lx, e.cat, 2024, &disc->claims), JUE_OK);
    jue_findings f;
    jue_findings_init(&f);
    assert_int_equal(jue_claims_audit(disc, e.cat, NULL, &f), JUE_OK);
    for (size_t i = 0; i < f.len; i++)
        fprintf(stderr, "  %s:%d %s %s\n", f.items[i].file, f.items[i].line, f.items[i].rule, f.items[i].message);

    assert_true(has(&f, "claims.change", 2));       /* 1000 / 25024.22 = 4.00%, not 5% */
    assert_false(has(&f, "claims.share", 4));       /* 99.99% is a truncation of 99.9956% */
    assert_false(has(&f, "claims.fact", 4));
    assert_false(has(&f, "claims.fact", 6));
    assert_false(has(&f, "claims.share", 6));
    assert_true(has(&f, "claims.unit", 8));         /* 803.63元 for 万元 */
    assert_true(has(&f, "claims.fact", 8));         /* 公用经费 127.81 vs 127.18 */
    assert_false(has(&f, "claims.share", 8) && count_rule(&f, "claims.share") > 1);
    assert_true(has(&f, "claims.zero-budget", 11)); /* 100% of a 0 budget */
    assert_false(has(&f, "claims.fact", 11));       /* 396.21 is table 05's 2101501 */
    assert_true(has(&f, "claims.item-name", 12));   /* 医疗经办事务 is not a 项 */
    assert_true(has(&f, "claims.date", 14));        /* 2023年12月31日 in the 2024 accounts */
    assert_true(has(&f, "claims.malformed", 14));
    assert_true(has(&f, "claims.operating", 16));
    assert_true(has(&f, "claims.placeholder", 19));  /* XX局 */
    assert_true(has(&f, "claims.date", 19));         /* 2023年度部门决算 in the 2024 accounts */
    assert_false(has(&f, "claims.date", 20));        /* 与2023年度相比 is not a title */   /* 130.00 vs 公用经费合计 127.18: a warning */
    assert_false(has(&f, "claims.fact", 18) && count_rule(&f, "claims.fact") > 2);
    bool budget_checked = false;
    for (size_t i = 0; i < f.len; i++)
        if (f.items[i].line == 18 && !strcmp(f.items[i].rule, "claims.fact") && strstr(f.items[i].message, "5万元"))
            budget_checked = true;                  /* 运行维护费 budget 5 vs table 09 预算数 6.00 */
    assert_true(budget_checked);
    /* every other 项 of table 05 is missing from the 具体 part */
    const jue_table *t5 = disc->tables[JUE_T05];
    size_t items = 0;
    for (size_t r = 0; r < t5->nrows; r++) items += t5->rows[r].level == JUE_LEVEL_XIANG;
    /* (2101506 is described, under a wrong name, so it is not missing) */
    assert_int_equal(count_rule(&f, "claims.item-missing"), items - 2);
    /* the messages quote the figures as printed */
    bool quoted = false;
    for (size_t i = 0; i < f.len; i++)
        if (!strcmp(f.items[i].rule, "claims.unit") && strstr(f.items[i].message, "803.63元") &&
            !strcmp(f.items[i].expected, "803.63万元"))
            quoted = true;
    assert_true(quoted);

    jue_findings_free(&f);
    jue_disclosure_free(disc);
    example_free(&e);
}

/* Notes that speak of 项目支出 (the column) but describe no 项: the 具体
 * part is not there to miss a 项 from, so claims.item-missing says nothing;
 * one 项 statement, and every other 项 of table 05 is missing. */
static void test_item_missing_needs_an_item(void **state)
{
    (void)state;
    example e;
    example_load(&e);
    static const char *const notes[2] = {
        "2024年度支出合计23865.52万元，其中：基本支出804.49万元；项目支出23061.03万元。\n",
        "2024年度支出合计23865.52万元，其中：基本支出804.49万元；项目支出23061.03万元。\n"
        "1、卫生健康支出（类）医疗保障管理事务（款）行政运行（项）。支出决算为396.21万元。\n",
    };
    size_t want[2] = { 0, 0 };
    for (int k = 0; k < 2; k++) {
        jue_disclosure *disc;
        assert_int_equal(jue_compile(e.src, e.cat, e.prof, &disc, NULL, &e.d), JUE_OK);
        disc->source = strdup("notes.txt");
        const jue_table *t5 = disc->tables[JUE_T05];
        for (size_t r = 0; k && r < t5->nrows; r++) want[k] += t5->rows[r].level == JUE_LEVEL_XIANG;
        want[k] -= k;   /* 2101501 described */
        assert_int_equal(jue_claims_extract(notes[k], strlen(notes[k]), 1, e.lx, e.cat, 2024, &disc->claims), JUE_OK);
        jue_findings f;
        jue_findings_init(&f);
        assert_int_equal(jue_claims_audit(disc, e.cat, NULL, &f), JUE_OK);
        assert_int_equal(count_rule(&f, "claims.item-missing"), want[k]);
        jue_findings_free(&f);
        jue_disclosure_free(disc);
    }
    example_free(&e);
}

/* A document whose year was not read (0): its 项 names are looked up in the
 * catalog's latest year; a name found there is resolved, one not found is a
 * doubt (claims.item-unlisted, a warning in data/claims.yaml), never
 * claims.item-name. */
static void test_item_names_without_a_year(void **state)
{
    (void)state;
    example e;
    example_load(&e);
    static const char notes[] =
        "1、卫生健康支出（类）医疗保障管理事务（款）行政运行（项）。支出决算为396.21万元。\n"
        "2、卫生健康支出（类）医疗保障管理事务（款）医保稽核事务（项）。支出决算为12.00万元。\n";
    jue_findings f;
    jue_disclosure *disc = audit_example_notes(&e, notes, 0, &f);
    assert_int_equal(count_rule(&f, "claims.item-name"), 0);
    assert_true(has(&f, "claims.item-unlisted", 2));
    assert_false(has(&f, "claims.item-unlisted", 1));
    jue_findings_free(&f);
    jue_disclosure_free(disc);
    example_free(&e);
}

/* Amounts that are not their subject's figure, in shapes of published
 * notes (made-up sentences, the example's tables): a gap against the budget
 * ("差值为"), an amount in the reason given ("主要原因是…0.5万元"), a part
 * after 其中 named by words the lexicon does not know. None is the table's
 * figure of the sentence's subject, so none is a claims.fact; the gap that
 * is wrong is claims.direction. */
static void test_amounts_not_the_subjects(void **state)
{
    (void)state;
    example e;
    example_load(&e);
    static const char notes[] =
        /* 1–3: table 04's own figures: its income by fund, its balances; a share after a named one */
        "四、财政拨款收入支出决算总体情况说明\n"
        "2024年度一般公共预算财政拨款收入23844.11万元，占财政拨款收入总计的99.26%；政府性基金预算财政拨款收入120.00万元，占0.50%。\n"
        "财政拨款支出总计24022.75万元，其中：一般公共预算财政拨款支出23746.01万元，政府性基金预算财政拨款支出118.65万元，"
        "年末结转和结余158.09万元。\n"
        "七、财政拨款“三公”经费支出决算情况说明\n"
        "公务接待费支出1.68万元，年初预算为3.00万元，差值为1.32万元。\n"                      /* 5: fine */
        "公务用车运行维护费支出5.11万元，年初预算为6.00万元，差额为0.98万元。\n"             /* 6: 0.89 */
        "公务接待费支出1.68万元，主要原因是接待上级检查组，支出0.50万元。\n"                 /* 7: fine */
        "公务接待费支出1.68万元，较上年减少0.20万元，主要原因是压减接待，减少0.20万元。\n"  /* 8: fine */
        /* 9, 10: parts named by words the lexicon does not know are not the whole */
        "公务用车运行维护费支出5.11万元，主要用于燃料费、维修费等支出，其中燃料费2.10万元，维修费1.50万元。\n"
        "2024年度项目支出23061.03万元，其中：城乡居民医保县级匹配资金21345.60万元。\n"
        /* 11–14: a direction after 支出决算数, a balance, an amount per car, a gap after 少 */
        "“三公”经费支出决算数小于预算数2.21万元，主要原因是严格落实过紧日子要求。\n"
        "2024年度“三公”经费财政拨款支出预算为9.00万元，实际支出6.79万元，结余2.21万元。\n"
        "全年公务用车运行维护费5.11万元，车均2.56万元。\n"
        "本部门2024年度“三公”经费总额6.79万元，比预算9.00万元少2.21万元。\n"
        /* 15–17: the 经济分类 of 基本支出, a total of joined subjects, names holding 人员经费 */
        "十、一般公共预算财政拨款基本支出决算情况说明\n"
        "2024年度一般公共预算财政拨款基本支出803.63万元，按经济分类，工资福利支出600.00万元，商品和服务支出127.18万元。\n"
        "人员经费和公用经费支出803.63万元，其中在职人员经费600.00万元，离退休人员经费76.45万元。\n"
        /* 18: a 项's own 基本支出 and 项目支出, not table 05's totals */
        "17、卫生健康支出（类）医疗救助（款）城乡医疗救助（项）：年初预算为800.00万元，支出决算为810.43万元，"
        "完成年初预算的101.30%，其中：基本支出0万元，项目支出810.43万元。\n"
        /* 19, 20: amounts per person or car, a word or two after their "per" */
        "公务接待费1.68万元，人均接待费用150元。\n"
        "公务用车运行维护费5.11万元，平均每辆车2.56万元。\n";
    jue_findings f;
    jue_disclosure *disc = audit_example_notes(&e, notes, 2024, &f);
    for (size_t i = 0; i < f.len; i++) fprintf(stderr, "  %d %s %s\n", f.items[i].line, f.items[i].rule, f.items[i].message);
    assert_int_equal(count_rule(&f, "claims.fact"), 0);
    assert_int_equal(count_rule(&f, "claims.parts"), 0);
    assert_int_equal(count_rule(&f, "claims.share"), 0);
    assert_true(has(&f, "claims.direction", 6));
    assert_int_equal(count_rule(&f, "claims.direction"), 1);
    /* and the headings out of order, the 项 not described, which the made-up text gives */
    assert_int_equal(jue_findings_count(&f, JUE_SEV_ERROR),
                     1 + count_rule(&f, "claims.numbering") + count_rule(&f, "claims.item-missing"));
    jue_findings_free(&f);
    jue_disclosure_free(disc);
    example_free(&e);
}

static void test_severities_from_data(void **state)
{
    (void)state;
    jue_diags d;
    jue_diags_init(&d);
    jue_claim_checks *c = NULL;
    assert_int_equal(jue_claim_checks_load(NULL, &c, &d), JUE_OK);
    jue_claim_checks_free(c);
    char path[] = "/tmp/jue-claims-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    fputs("checks:\n  claims.fact: sometimes\n  claims.nonsense: error\n", fp);
    fclose(fp);
    assert_int_equal(jue_claim_checks_load(path, &c, &d), JUE_ERR_INVALID);
    assert_int_equal(d.errors, 2);
    assert_int_equal(d.items[0].line, 2);
    assert_int_equal(d.items[1].line, 3);
    /* required_sections: a list of phrases; each mistake at its place */
    jue_diags_free(&d);
    jue_diags_init(&d);
    fp = fopen(path, "w");
    fputs("required_sections:\n  - 三公\n  - [a, b]\n  - \"\"\n", fp);
    fclose(fp);
    assert_int_equal(jue_claim_checks_load(path, &c, &d), JUE_ERR_INVALID);
    assert_int_equal(d.errors, 2);
    assert_int_equal(d.items[0].line, 3);
    assert_int_equal(d.items[1].line, 4);
    jue_diags_free(&d);
    jue_diags_init(&d);
    fp = fopen(path, "w");
    fputs("required_sections: 5\n", fp);
    fclose(fp);
    assert_int_equal(jue_claim_checks_load(path, &c, &d), JUE_ERR_INVALID);
    assert_int_equal(d.items[0].line, 1);
    remove(path);
    jue_diags_free(&d);
}

/* Table 01's balances by their other names (上年结转和结余, 上年结转, 年初结转
 * 结余, 年末结转结余): compared with its cells, and 结余 in them is no gap. */
static void test_balances_by_other_names(void **state)
{
    (void)state;
    example e;
    example_load(&e);
    static const char notes[] =
        "一、收入支出决算总体情况说明\n"
        "2024年度收入总计24024.22万元，其中：本年收入合计23965.16万元，上年结转和结余59.06万元。\n"  /* 2: fine */
        "2024年度年初结转结余59.06万元，年末结转结余158.70万元。\n"                                   /* 3: fine */
        "2024年度年初结转结余69.06万元。\n"                                                           /* 4: 59.06 */
        "2024年度上年结转和结余69.06万元，年末结转158.70万元。\n";                                    /* 5: 59.06 */
    jue_findings f;
    jue_disclosure *disc = audit_example_notes(&e, notes, 2024, &f);
    for (size_t i = 0; i < f.len; i++) fprintf(stderr, "  %d %s %s\n", f.items[i].line, f.items[i].rule, f.items[i].message);
    assert_int_equal(count_rule(&f, "claims.fact"), 2);
    assert_true(has(&f, "claims.fact", 4));
    assert_true(has(&f, "claims.fact", 5));
    assert_int_equal(count_rule(&f, "claims.parts"), 0);
    jue_findings_free(&f);
    jue_disclosure_free(disc);
    example_free(&e);
}

/* A 三公 gap on a budget the sentence does not print: table 09's 预算数
 * (not when the gap is on the adjusted budget, which 09 does not print). */
static void test_three_public_gap_on_table_budget(void **state)
{
    (void)state;
    example e;
    example_load(&e);
    static const char notes[] =
        "七、财政拨款“三公”经费支出决算情况说明\n"
        "2024年度“三公”经费支出决算数为6.79万元，比年初预算数减少2.21万元。\n"   /* 2: fine */
        "2024年度“三公”经费支出决算数为6.79万元，比年初预算数减少2.12万元。\n"   /* 3: 2.21 */
        "2024年度“三公”经费支出决算数为6.79万元，比调整预算数减少2.12万元。\n";  /* 4: not 09's */
    jue_findings f;
    jue_disclosure *disc = audit_example_notes(&e, notes, 2024, &f);
    for (size_t i = 0; i < f.len; i++) fprintf(stderr, "  %d %s %s\n", f.items[i].line, f.items[i].rule, f.items[i].message);
    assert_int_equal(count_rule(&f, "claims.direction"), 1);
    assert_true(has(&f, "claims.direction", 3));
    jue_findings_free(&f);
    jue_disclosure_free(disc);
    example_free(&e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_notes_against_the_example),
        cmocka_unit_test(test_item_missing_needs_an_item),
        cmocka_unit_test(test_amounts_not_the_subjects),
        cmocka_unit_test(test_balances_by_other_names),
        cmocka_unit_test(test_three_public_gap_on_table_budget),
        cmocka_unit_test(test_severities_from_data),
        cmocka_unit_test(test_item_names_without_a_year),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
