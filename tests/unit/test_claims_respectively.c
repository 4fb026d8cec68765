/* Lists of subjects and the figures 分别/各/均 share out over them: "A、B分别
 * 为x、y" gives x to A and y to B, "A、B均为x" gives x to both, "收入、支出总计"
 * is 收入总计 and 支出总计, and a unit after the last of a list is every
 * figure's. The checks then work per subject (a wrong share or rate is still
 * an error, at its figure); a list whose figures do not match its subjects
 * in number is not understood, and never an error. Sentences made up here;
 * the shapes are the real ones (one from a published Sichuan disclosure). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <juesuan/claims_audit.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* The claims of notes alone, 2024 accounts. */
static void read_notes(const char *notes, jue_claims *cl)
{
    jue_claims_init(cl);
    assert_int_equal(jue_claims_extract(notes, strlen(notes), 1, LX, CAT, 2024, cl), JUE_OK);
}

/* The n-th claim (from 0) printed as `printed`; fails the test when none. */
static const jue_claim *claim(const jue_claims *cl, const char *printed, int n)
{
    for (size_t i = 0; i < cl->len; i++)
        if (cl->items[i].printed && !strcmp(cl->items[i].printed, printed) && n-- == 0) return &cl->items[i];
    fail_msg("no claim printed %s", printed);
    return NULL;
}

/* Asserts the n-th claim printed so speaks of subject (NULL: of none, unsure). */
static void about(const jue_claims *cl, const char *printed, int n, const char *subject, jue_claim_role role)
{
    const jue_claim *c = claim(cl, printed, n);
    if (!subject) {
        assert_false(jue_subject_on(&c->subject));
        assert_true(c->unsure);
        return;
    }
    if (!jue_subject_is(&c->subject, subject)) fail_msg("%s: %s, not %s", printed, c->subject.key, subject);
    assert_false(c->unsure);
    assert_int_equal(c->role, role);
}

static size_t printed_count(const jue_claims *cl, const char *printed)
{
    size_t n = 0;
    for (size_t i = 0; i < cl->len; i++) n += cl->items[i].printed && !strcmp(cl->items[i].printed, printed);
    return n;
}

/* The findings of the claim checks on notes alone, 2024 accounts. */
static void audit_notes(const char *notes, jue_findings *f)
{
    jue_disclosure *d = jue_disclosure_new();
    assert_non_null(d);
    d->year = 2024;
    d->source = strdup("notes.txt");
    assert_int_equal(jue_claims_extract(notes, strlen(notes), 1, LX, CAT, 2024, &d->claims), JUE_OK);
    jue_findings_init(f);
    assert_int_equal(jue_claims_audit(d, CAT, CHK, f), JUE_OK);
    for (size_t i = 0; i < f->len; i++)
        fprintf(stderr, "  %d:%d %s %s\n", f->items[i].line, f->items[i].col, f->items[i].rule, f->items[i].message);
    jue_disclosure_free(d);
}

static size_t count(const jue_findings *f, const char *rule, int line)
{
    size_t n = 0;
    for (size_t i = 0; i < f->len; i++)
        n += !strcmp(f->items[i].rule, rule) && (line < 0 || f->items[i].line == line);
    return n;
}

static size_t errors(const jue_findings *f)
{
    size_t n = 0;
    for (size_t i = 0; i < f->len; i++) n += f->items[i].severity == JUE_SEV_ERROR;
    return n;
}

static const jue_finding *find(const jue_findings *f, const char *rule)
{
    for (size_t i = 0; i < f->len; i++)
        if (!strcmp(f->items[i].rule, rule)) return &f->items[i];
    return NULL;
}

/* 分别 shares the figures of each run out in the list's order, whatever
 * joins the subjects (、 和 与 及) or the figures (、 和 ， ,), and the role word
 * of the run's first figure goes on for the others. */
static void test_respectively_in_order(void **state)
{
    (void)state;
    jue_claims cl;
    read_notes("2024年度基本支出、项目支出分别为120.50万元和880.25万元，分别占本年支出合计的12.04%和87.96%。\n"
               "人员经费和公用经费分别为50.00万元、20.00万元。\n"
               "本年收入合计与本年支出合计分别是300.00万元，290.00万元。\n"
               "事业收入、经营收入及其他收入分别为10.00万元、5.00万元和1.00万元。\n"
               "本年收入合计、本年支出合计比上年分别增加15.00万元、减少14.00万元，分别增长5.26%、下降4.61%。\n",
               &cl);
    about(&cl, "120.50万元", 0, "基本支出", JUE_ROLE_VALUE);
    about(&cl, "880.25万元", 0, "项目支出", JUE_ROLE_VALUE);
    about(&cl, "12.04%", 0, "基本支出", JUE_ROLE_SHARE);
    about(&cl, "87.96%", 0, "项目支出", JUE_ROLE_SHARE);   /* a share, not a value */
    assert_string_equal(claim(&cl, "87.96%", 0)->whole, "本年支出合计");
    about(&cl, "50.00万元", 0, "人员经费", JUE_ROLE_VALUE);
    about(&cl, "20.00万元", 0, "公用经费", JUE_ROLE_VALUE);
    about(&cl, "300.00万元", 0, "本年收入合计", JUE_ROLE_VALUE);
    about(&cl, "290.00万元", 0, "本年支出合计", JUE_ROLE_VALUE);
    about(&cl, "10.00万元", 0, "事业收入", JUE_ROLE_VALUE);
    about(&cl, "5.00万元", 0, "经营收入", JUE_ROLE_VALUE);
    about(&cl, "1.00万元", 0, "其他收入", JUE_ROLE_VALUE);
    about(&cl, "15.00万元", 0, "本年收入合计", JUE_ROLE_CHANGE);
    about(&cl, "14.00万元", 0, "本年支出合计", JUE_ROLE_CHANGE);
    assert_int_equal(claim(&cl, "15.00万元", 0)->sign, 1);
    assert_int_equal(claim(&cl, "14.00万元", 0)->sign, -1);
    about(&cl, "5.26%", 0, "本年收入合计", JUE_ROLE_CHANGE_PCT);
    about(&cl, "4.61%", 0, "本年支出合计", JUE_ROLE_CHANGE_PCT);
    assert_int_equal(claim(&cl, "4.61%", 0)->sign, -1);
    /* the fact each names: table 03's column for 项目支出 */
    assert_string_equal(claim(&cl, "880.25万元", 0)->fact.row, "合计");
    assert_int_equal(claim(&cl, "880.25万元", 0)->fact.table, 3);
    jue_claims_free(&cl);
}

/* 均为/都是 give one figure to every subject, as 各 does with one figure; 各
 * with several shares them out. A head noun may be shared ("收入、支出总计"),
 * as may the words before ("财政拨款收入总计、支出总计": 财政拨款支出总计); a
 * unit printed after the last figure of a run is every figure's. */
static void test_each_and_shared_words(void **state)
{
    (void)state;
    jue_claims cl;
    read_notes("2024年度收入、支出总计均为500.00万元。\n"
               "财政拨款收入总计、支出总计都是88.00万元。\n"
               "收、支总计各是400.00,410.00万元。\n"
               "基本支出、项目支出各增加3.00万元。\n"
               "会议费及培训费分别为1.20、3.40万元。\n",
               &cl);
    assert_int_equal(printed_count(&cl, "500.00万元"), 2);
    about(&cl, "500.00万元", 0, "收入总计", JUE_ROLE_VALUE);
    about(&cl, "500.00万元", 1, "支出总计", JUE_ROLE_VALUE);
    about(&cl, "88.00万元", 0, "财政拨款收入总计", JUE_ROLE_VALUE);
    about(&cl, "88.00万元", 1, "财政拨款支出总计", JUE_ROLE_VALUE);
    about(&cl, "400.00", 0, "收入总计", JUE_ROLE_VALUE);
    about(&cl, "410.00万元", 0, "支出总计", JUE_ROLE_VALUE);
    const jue_claim *c = claim(&cl, "400.00", 0);
    assert_int_equal(c->unit, JUE_UNIT_WAN);   /* the list's unit, not a figure without one */
    assert_false(c->no_unit);
    assert_int_equal(c->value, 400000000);   /* 分 */
    about(&cl, "3.00万元", 0, "基本支出", JUE_ROLE_CHANGE);
    about(&cl, "3.00万元", 1, "项目支出", JUE_ROLE_CHANGE);
    about(&cl, "1.20", 0, "会议费", JUE_ROLE_VALUE);
    about(&cl, "3.40万元", 0, "培训费", JUE_ROLE_VALUE);
    assert_int_equal(claim(&cl, "1.20", 0)->value, 1200000);
    jue_claims_free(&cl);
}

/* Figures that do not match the subjects in number, or one figure after 分别:
 * the sentence is not understood — no figure gets a subject, none is checked
 * (here each would otherwise be read as 项目支出's and fail). 各, 均 not
 * before a verb or a figure ("各项") share nothing out. */
static void test_counts_differ(void **state)
{
    (void)state;
    jue_claims cl;
    read_notes("基本支出、项目支出分别为120.50万元、880.25万元和7.00万元。\n"
               "收入、支出总计分别为500.00万元。\n"
               "基本支出、项目支出均为30.00万元、40.00万元。\n",
               &cl);
    about(&cl, "120.50万元", 0, NULL, 0);
    about(&cl, "880.25万元", 0, NULL, 0);
    about(&cl, "7.00万元", 0, NULL, 0);
    about(&cl, "500.00万元", 0, NULL, 0);
    about(&cl, "30.00万元", 0, NULL, 0);
    about(&cl, "40.00万元", 0, NULL, 0);
    jue_claims_free(&cl);
    read_notes("基本支出、项目支出各项合计为30.00万元。\n", &cl);
    /* 各项 shares nothing out: one claim — the total of the joined subjects,
     * none of theirs (it was taken for 项目支出, the last subject named) */
    assert_false(jue_subject_on(&claim(&cl, "30.00万元", 0)->subject));
    assert_int_equal(claim(&cl, "30.00万元", 0)->role, JUE_ROLE_VALUE);
    assert_int_equal(printed_count(&cl, "30.00万元"), 1);
    jue_claims_free(&cl);

    jue_findings f;
    audit_notes("本年支出合计1000.00万元。\n"
                "基本支出、项目支出分别为120.50万元、880.25万元和7.00万元，分别占本年支出合计的12.05%、88.03%和0.70%。\n"
                "收入总计、支出总计分别增加50.00万元、60.00万元和10.00万元，分别增长5.00%、6.00%、1.00%。\n",
                &f);
    assert_int_equal(errors(&f), 0);
    jue_findings_free(&f);
}

/* The share check per subject: a consistent pair gives nothing; a wrong
 * second share is one claims.share error, at that figure, naming 项目支出. */
static void test_share_per_subject(void **state)
{
    (void)state;
    jue_findings f;
    audit_notes("2024年度本年支出合计23865.52万元。\n"
                "2024年度基本支出、项目支出分别为804.49万元和23061.03万元，分别占本年支出合计的3.37%和96.63%。\n"
                "2024年度基本支出、项目支出分别为804.49、23061.03万元，分别占本年支出合计的3.37%、96.63%。\n",
                &f);
    assert_int_equal(errors(&f), 0);
    assert_int_equal(count(&f, "claims.no-unit", -1), 0);
    jue_findings_free(&f);
    audit_notes("2024年度本年支出合计23865.52万元。\n"
                "2024年度基本支出、项目支出分别为804.49万元和23061.03万元，分别占本年支出合计的3.37%和96.00%。\n",
                &f);
    assert_int_equal(errors(&f), 1);
    assert_int_equal(count(&f, "claims.share", 2), 1);
    const jue_finding *x = find(&f, "claims.share");
    assert_int_equal(x->col, 55);   /* at 96.00% */
    assert_non_null(strstr(x->message, "项目支出"));
    assert_non_null(strstr(x->message, "96.63%"));
    jue_findings_free(&f);
}

/* The change checks per subject: amounts and rates shared out by 分别 and
 * 各, 均为 giving this year's figure to both totals, a unit after the last
 * figure of a run (the Sichuan wording). A wrong rate is one error, at it. */
static void test_changes_per_subject(void **state)
{
    (void)state;
    jue_findings f;
    audit_notes("2024年度本年收入合计、本年支出合计分别为23965.16万元、23865.52万元，与上年相比分别增加1500.00万元、"
                "1400.00万元，分别增长6.68%、6.23%。\n"
                "2024年度收入、支出总计均为24024.22万元。与2023年度相比，收入、支出总计各增加1538.10万元，增长6.84%。\n"
                "财政拨款收入支出总计均为320.00万元，比上年各减少80.00万元，各下降20.00%。\n",
                &f);
    assert_int_equal(errors(&f), 0);
    jue_findings_free(&f);
    audit_notes("2024年度本年收入合计、本年支出合计分别为23965.16万元、23865.52万元，与上年相比分别增加1500.00万元、"
                "1400.00万元，分别增长6.68%、6.50%。\n",
                &f);
    assert_int_equal(errors(&f), 1);
    assert_int_equal(count(&f, "claims.change", 1), 1);
    assert_non_null(strstr(find(&f, "claims.change")->message, "本年支出合计"));
    assert_non_null(strstr(find(&f, "claims.change")->message, "6.23%"));
    jue_findings_free(&f);
    /* the Sichuan wording: 收、支 = 收入、支出, 各 = 分别, "4125.49,4143.91万元"
     * both in 万元; enough other amounts with their unit that a figure
     * without one would be flagged */
    static const char *const SICHUAN =
        "本年收入合计7000.00万元。本年支出合计6900.00万元。基本支出1000.00万元。项目支出5900.00万元。\n"
        "2024年度收、支总计各是7125.49,7125.49万元。与2023年相比,收、支总计各减少1267.86,1267.86万元,各下降15.10%、15.10%。\n";
    audit_notes(SICHUAN, &f);
    assert_int_equal(errors(&f), 0);
    assert_int_equal(count(&f, "claims.no-unit", -1), 0);
    jue_findings_free(&f);
    /* the second rate wrong: one error, 支出总计's */
    audit_notes("2024年度收、支总计各是7125.49,7125.49万元。与2023年相比,收、支总计各减少1267.86,1267.86万元,"
                "各下降15.10%、16.10%。\n",
                &f);
    assert_int_equal(errors(&f), 1);
    assert_non_null(strstr(find(&f, "claims.change")->message, "支出总计"));
    jue_findings_free(&f);
    /* the totals are equal every year: changes that differ are still an error */
    audit_notes("2024年度收、支总计各是7125.49,7125.49万元。与2023年相比,收、支总计各减少1267.86,1167.86万元。\n", &f);
    assert_int_equal(count(&f, "claims.balance-change", 1), 1);
    jue_findings_free(&f);
}

/* No subjects joined before 分别, but each stated with its own amount
 * ("基本支出120.50万元、项目支出879.50万元，分别占…"): 分别 shares out over
 * them. Three stated for two shares (the whole before 其中 too): not
 * understood, no error. */
static void test_respectively_after_pairs(void **state)
{
    (void)state;
    jue_findings f;
    audit_notes("本年支出合计1000.00万元。\n"
                "基本支出120.50万元、项目支出879.50万元，分别占本年支出合计的12.05%和87.95%。\n"
                "收入总计500.00万元，支出总计500.00万元，分别比上年增加50.00万元、50.00万元，分别增长11.11%、11.11%。\n"
                "本年支出合计1000.00万元，其中基本支出120.50万元、项目支出879.50万元，分别占12.05%和87.95%。\n",
                &f);
    assert_int_equal(errors(&f), 0);
    jue_findings_free(&f);
    audit_notes("本年支出合计1000.00万元。\n"
                "基本支出120.50万元、项目支出879.50万元，分别占本年支出合计的12.05%和86.95%。\n"
                "收入总计500.00万元，支出总计500.00万元，分别比上年增加50.00万元、50.00万元，分别增长11.11%、12.11%。\n",
                &f);
    assert_int_equal(errors(&f), 2);
    assert_int_equal(count(&f, "claims.share", 2), 1);
    assert_non_null(strstr(find(&f, "claims.share")->message, "项目支出"));
    assert_int_equal(count(&f, "claims.change", 3), 1);
    assert_non_null(strstr(find(&f, "claims.change")->message, "支出总计"));
    jue_findings_free(&f);
}

/* An `each` in the lexicon names phrases of the lexicon: anything else is an
 * error at load, naming the phrase. */
static void test_lexicon_each(void **state)
{
    (void)state;
    char path[] = "/tmp/jue_lexicon_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    fputs("subjects:\n"
          "  - { phrase: 收入总计, subject: 收入总计, fact: T01/收入总计/决算数 }\n"
          "  - { phrase: 收支总计, subject: 收入总计, fact: T01/收入总计/决算数, each: [收入总计, 支出总计] }\n",
          fp);
    fclose(fp);
    jue_diags d;
    jue_diags_init(&d);
    jue_lexicon *lx = NULL;
    assert_int_not_equal(jue_lexicon_load(path, &lx, &d), JUE_OK);
    assert_null(lx);
    assert_true(d.len > 0);
    assert_non_null(strstr(d.items[0].message, "支出总计"));
    assert_int_equal(d.items[0].line, 3);
    jue_diags_free(&d);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_respectively_in_order),
        cmocka_unit_test(test_each_and_shared_words),
        cmocka_unit_test(test_counts_differ),
        cmocka_unit_test(test_share_per_subject),
        cmocka_unit_test(test_changes_per_subject),
        cmocka_unit_test(test_respectively_after_pairs),
        cmocka_unit_test(test_lexicon_each),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
