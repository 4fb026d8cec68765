/* Claim extraction from the notes of the two real county documents, read as
 * they are from ../shared/fixtures/real/. Each expectation was checked by
 * reading the document at that line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <juesuan/claims.h>
#include <juesuan/model.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "claims/read_internal.h"

static jue_catalog *CAT;
static jue_lexicon *LX;

static int setup(void **state)
{
    (void)state;
    jue_diags d;
    jue_diags_init(&d);
    if (jue_catalog_load(NULL, &CAT, &d) != JUE_OK || jue_lexicon_load(NULL, &LX, &d) != JUE_OK) return -1;
    jue_diags_free(&d);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    jue_catalog_free(CAT);
    jue_lexicon_free(LX);
    return 0;
}

static void extract_fixture(const char *name, int year, jue_claims *c)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/fixtures/real/%s", getenv("JUE_SHARED") ? getenv("JUE_SHARED") : "../shared", name);
    char *t;
    size_t n;
    assert_int_equal(jue_read_file(path, &t, &n), JUE_OK);
    jue_claims_init(c);
    assert_int_equal(jue_claims_extract(t, n, 1, LX, CAT, year, c), JUE_OK);
    free(t);
}

/* The claim printed at line:col, or NULL. */
static const jue_claim *at(const jue_claims *c, int line, int col)
{
    for (size_t i = 0; i < c->len; i++)
        if (c->items[i].line == line && c->items[i].col == col) return &c->items[i];
    return NULL;
}

static void expect(const jue_claims *c, int line, int col, jue_claim_role role, const char *subject,
                   const char *fact, int64_t value)
{
    const jue_claim *x = at(c, line, col);
    if (!x) fprintf(stderr, "no claim at %d:%d\n", line, col);
    assert_non_null(x);
    assert_int_equal(x->role, role);
    char who[128];
    jue_subject_format(&x->subject, who, sizeof who);
    assert_string_equal(who, subject ? subject : "");
    assert_int_equal(jue_subject_on(&x->subject), subject != NULL);
    char written[128];
    jue_fact_format(&x->fact, false, written, sizeof written);
    assert_string_equal(written, fact ? fact : "");
    assert_int_equal(jue_fact_on(&x->fact), fact != NULL);
    assert_int_equal(x->value, value);
}

static void test_liling_notes(void **state)
{
    (void)state;
    jue_claims c;
    extract_fixture("liling-medical-security-2022.txt", 2022, &c);
    /* 一: 收入总计51448.55万元 … 其中收入减少1440.4万元，降低2.72% */
    expect(&c, 371, 11, JUE_ROLE_VALUE, "收入总计", "T01/收入总计/决算数", 51448550000LL);
    const jue_claim *ch = at(&c, 371, 43);
    assert_int_equal(ch->role, JUE_ROLE_CHANGE);
    assert_int_equal(ch->sign, -1);
    assert_int_equal(ch->value, 1440400000LL);
    assert_int_equal(ch->iv.lo, 1440350000LL);   /* one decimal printed: ±0.05 万元 */
    const jue_claim *pc = at(&c, 371, 54);
    assert_int_equal(pc->role, JUE_ROLE_CHANGE_PCT);
    assert_true(pc->is_percent);
    assert_int_equal(pc->value, 27200000LL);     /* 2.72% in ppb */
    /* 二: 其中：财政拨款收入51447.5万元，占99.99% — a part of 收入合计 */
    expect(&c, 375, 31, JUE_ROLE_VALUE, "财政拨款收入", "T02/合计/财政拨款收入", 51447500000LL);
    const jue_claim *part = at(&c, 375, 31);
    assert_true(part->parent >= 0);
    assert_true(jue_subject_is(&c.items[part->parent].subject, "本年收入合计"));
    assert_int_equal(at(&c, 375, 42)->role, JUE_ROLE_SHARE);
    /* 三: 基本支出593.27万元 (table 03 says 592.22 for 一般公共预算; 593.27 is all funds) */
    expect(&c, 379, 29, JUE_ROLE_VALUE, "基本支出", "T03/合计/基本支出", 593270000LL);
    /* 五(一): 占本年支出合计的99.75% names its whole */
    const jue_claim *sh = at(&c, 389, 38);
    assert_int_equal(sh->role, JUE_ROLE_SHARE);
    assert_string_equal(sh->whole, "本年支出合计");
    /* 五(二): "卫生健康（类）支出51261.24万元" is the 类's figure, table 05 row 210 */
    expect(&c, 393, 75, JUE_ROLE_VALUE, "类:210", "T05/210/合计", 51261240000LL);
    /* 五(三): a sentence broken over lines ("3978.63万" / "元") still reads as 万元 */
    expect(&c, 397, 25, JUE_ROLE_BUDGET, "一般公共预算财政拨款支出", NULL, 3978630000LL);
    expect(&c, 399, 9, JUE_ROLE_ACTUAL, "一般公共预算财政拨款支出", "T05/合计/合计", 51447510000LL);
    /* item 2: 公共卫生（款）其他公共卫生支出（项）: 1035.05 in the text */
    expect(&c, 407, 15, JUE_ROLE_ACTUAL, "项:2100499", "T05/2100499/合计", 1035050000LL);
    expect(&c, 411, 34, JUE_ROLE_COMPLETION, "项:2101101", "T05/2101101/合计", 1046200000LL);
    /* item 14: "彩票公益安排的支出（款）" is not the catalog's name (彩票公益金安排的支出) */
    const jue_claim *lot = at(&c, 457, 15);
    assert_non_null(lot);
    assert_int_equal(lot->subject.kind, JUE_SUBJ_XIANG);
    assert_string_equal(lot->subject.key, "2296013");
    assert_false(lot->item_resolved);
    assert_string_equal(lot->item_names, "其他支出/彩票公益安排的支出/用于城乡医疗救助的彩票公益金支出");
    /* 六: 人员经费 … 占基本支出的86.75% */
    expect(&c, 461, 37, JUE_ROLE_VALUE, "人员经费", "T06/人员经费合计/决算数", 513740000LL);
    /* 七: 三公 budget 6 万元 vs actual 2.62 */
    expect(&c, 467, 22, JUE_ROLE_BUDGET, "三公经费", "T09/合计/预算数", 6000000LL);   /* checked against 09 预算数 */
    expect(&c, 467, 31, JUE_ROLE_ACTUAL, "三公经费", "T09/合计/决算数", 2620000LL);
    /* the wrong year: 截止2021年12月31日 in a 2022 report */
    const jue_claim *dt = at(&c, 485, 78);
    assert_int_equal(dt->role, JUE_ROLE_DATE);
    assert_int_equal(dt->value, 2021);
    /* 八: the lottery 项 in the 政府性基金 section refers to table 07 */
    expect(&c, 493, 15, JUE_ROLE_ACTUAL, "项:2296013", "T07/2296013/小计", 129290000LL);
    /* sections: 十四 is there, numbered once */
    bool fourteen = false;
    for (size_t i = 0; i < c.nsections; i++)
        if (!strcmp(c.sections[i].number, "十四") && strstr(c.sections[i].title, "预算绩效")) fourteen = true;
    assert_true(fourteen);
    jue_claims_free(&c);
}

static void test_zhenan_notes(void **state)
{
    (void)state;
    jue_claims c;
    extract_fixture("zhenan-medical-security-2023.txt", 2023, &c);
    /* "基本支出154.78元": 元 for 万元, kept as printed (the rules judge it) */
    const jue_claim *b = at(&c, 155, 20);
    assert_non_null(b);
    assert_int_equal(b->unit, JUE_UNIT_YUAN);
    assert_int_equal(b->value, 15478);
    assert_int_equal(jue_fact_table(&b->fact), JUE_T05);
    assert_string_equal(b->fact.row, "合计");
    assert_int_equal(b->fact.col, JUE_COL_BASIC);
    /* item 1 with half-width (类)(款)(项), a zero budget and "100%" completion */
    expect(&c, 135, 54, JUE_ROLE_BUDGET, "项:2080505", NULL, 0);
    expect(&c, 137, 26, JUE_ROLE_COMPLETION, "项:2080505", "T05/2080505/合计", 1000000000LL);
    /* item 5 numbered "5. " resolves through 类 and 款 */
    expect(&c, 145, 52, JUE_ROLE_ACTUAL, "项:2101501", "T05/2101501/合计", 137700000LL);
    /* item 6 "医疗经办事务" is not the 项's name: still its row (most similar
     * name in 21015, 医疗保障经办事务), flagged as unresolved */
    const jue_claim *u = at(&c, 147, 52);
    assert_int_equal(u->subject.kind, JUE_SUBJ_XIANG);
    assert_string_equal(u->subject.key, "2101506");
    assert_false(u->item_resolved);
    /* item 3 "行政单位医疗支出" for 行政单位医疗 */
    const jue_claim *v = at(&c, 141, 55);
    assert_int_equal(v->subject.kind, JUE_SUBJ_XIANG);
    assert_string_equal(v->subject.key, "2101101");
    assert_false(v->item_resolved);
    /* a name nothing like any 项 stays unresolved */
    const char *t = "1、卫生健康支出（类）医疗保障管理事务（款）全县参保扩面宣传（项）。年初预算为5万元。\n";
    jue_claims c2;
    jue_claims_init(&c2);
    assert_int_equal(jue_claims_extract(t, strlen(t), 1, LX, CAT, 2023, &c2), JUE_OK);
    assert_int_equal(c2.len, 1);
    assert_int_equal(c2.items[0].subject.kind, JUE_SUBJ_ITEM);
    jue_claims_free(&c2);
    /* item 7 "决算支出 8.49 万元" and "完成年\n度预算的 104.4%" */
    expect(&c, 149, 49, JUE_ROLE_ACTUAL, "项:2210201", "T05/2210201/合计", 8490000LL);
    expect(&c, 151, 6, JUE_ROLE_COMPLETION, "项:2210201", "T05/2210201/合计", 1044000000LL);
    jue_claims_free(&c);
}

static void test_malformed_and_counts(void **state)
{
    (void)state;
    const char *t = "一、收入支出决算总体情况说明\n"
                    "2024年度收入总计318.2007.45万元，全年接待来访团组12个、来宾194人次。\n";
    jue_claims c;
    jue_claims_init(&c);
    assert_int_equal(jue_claims_extract(t, strlen(t), 1, LX, CAT, 2024, &c), JUE_OK);
    const jue_claim *m = at(&c, 2, 11);
    assert_non_null(m);
    assert_int_equal(m->role, JUE_ROLE_MALFORMED);
    assert_string_equal(m->printed, "318.2007.45万元");
    bool twelve = false, persons = false;
    for (size_t i = 0; i < c.len; i++) {
        if (c.items[i].role == JUE_ROLE_COUNT && c.items[i].value == 12) twelve = true;
        if (c.items[i].role == JUE_ROLE_COUNT && c.items[i].value == 194) persons = true;
    }
    assert_true(twelve && persons);
    jue_claims_free(&c);
}

/* "单位价值50万元以上": a threshold is not a figure of the accounts; the
 * count after it is. */
static void test_thresholds(void **state)
{
    (void)state;
    const char *t = "十三、国有资产占用情况说明\n"
                    "单位价值50万元以上通用设备2台（套），单位价值100万元（含）以上专用设备0台（套），办公费3.5万元。\n";
    jue_claims c;
    jue_claims_init(&c);
    assert_int_equal(jue_claims_extract(t, strlen(t), 1, LX, CAT, 2024, &c), JUE_OK);
    size_t amounts = 0, counts = 0;
    for (size_t i = 0; i < c.len; i++) {
        if (c.items[i].role == JUE_ROLE_COUNT) counts++;
        else if (!c.items[i].is_percent) {
            amounts++;
            assert_string_equal(c.items[i].printed, "3.5万元");
        }
    }
    assert_int_equal(amounts, 1);
    assert_int_equal(counts, 2);
    jue_claims_free(&c);
}

/* A 自评表 indicator copied as a line of text ("成本指标 部门公用经费 ≤130万元
 * 127.19万元"): its target after a comparison sign is a threshold, the
 * figure after it an amount. */
static void test_compared_threshold(void **state)
{
    (void)state;
    const char *t = "成本指标 部门公用经费 ≤130万元 127.19万元 10.00 10.00\n"
                    "成本指标 部门公用经费 ＜ 90.5万元 88.00万元\n";
    jue_claims c;
    jue_claims_init(&c);
    assert_int_equal(jue_claims_extract(t, strlen(t), 1, LX, CAT, 2024, &c), JUE_OK);
    size_t amounts = 0;
    for (size_t i = 0; i < c.len; i++) {
        if (c.items[i].is_percent || !c.items[i].printed || !strstr(c.items[i].printed, "万元")) continue;
        amounts++;
        assert_true(!strcmp(c.items[i].printed, "127.19万元") || !strcmp(c.items[i].printed, "88.00万元"));
    }
    assert_int_equal(amounts, 2);
    jue_claims_free(&c);
}

/* A template's alternative left in print, "减少0.15万元，下降（增长）27.78%"
 * (the planning bureau's notes): the direction is the one before the
 * brackets, for the amount and the percentage alike. */
static void test_template_alternative(void **state)
{
    (void)state;
    const char *t = "七、财政拨款“三公”经费支出决算情况说明\n"
                    "2024年度“三公”经费财政拨款支出决算数比2023年度减少0.15万元，下降（增长）27.78%。"
                    "机关运行经费支出142.80万元，比2023年度增加（减少）13.52万元。\n";
    jue_claims c;
    jue_claims_init(&c);
    assert_int_equal(jue_claims_extract(t, strlen(t), 1, LX, CAT, 2024, &c), JUE_OK);
    int down = 0, up = 0, pct = 0;
    for (size_t i = 0; i < c.len; i++) {
        const jue_claim *k = &c.items[i];
        if (k->role == JUE_ROLE_CHANGE_PCT) {
            pct++;
            assert_int_equal(k->sign, -1);
        } else if (k->role == JUE_ROLE_CHANGE) {
            if (k->sign < 0) down++;
            else if (k->sign > 0) up++;
        }
    }
    assert_int_equal(pct, 1);
    assert_int_equal(down, 1);
    assert_int_equal(up, 1);
    jue_claims_free(&c);
}

/* "占不足0.01%" (what build writes for a share that rounds to 0.00%) is a
 * share from 0 to 0.01%, printed with its 不足; and a blank
 * between two Chinese characters (pdftotext of a justified line) does not
 * hide the words: "占 本 年 收 入 合 计 的" names the whole. */
static void test_share_below_and_spaced(void **state)
{
    (void)state;
    const char *t = "二、收入决算情况说明\n"
                    "2024年度本年收入合计23965.16万元，其中：财政拨款收入23964.11万元，占100.00%；"
                    "其他收入1.05万元，占不足0.01%。\n"
                    "财 政 拨 款 收 入 23964.11 万 元 ， 占 本 年 收 入 合 计 的 100.00%。\n";
    jue_claims c;
    jue_claims_init(&c);
    assert_int_equal(jue_claims_extract(t, strlen(t), 1, LX, CAT, 2024, &c), JUE_OK);
    const jue_claim *below = NULL, *spaced = NULL;
    for (size_t i = 0; i < c.len; i++) {
        if (c.items[i].role != JUE_ROLE_SHARE) continue;
        if (c.items[i].line == 2 && strstr(c.items[i].printed, "0.01")) below = &c.items[i];
        if (c.items[i].line == 3) spaced = &c.items[i];
    }
    assert_non_null(below);
    assert_string_equal(below->printed, "不足0.01%");
    assert_int_equal(below->iv.lo, 0);
    assert_int_equal(below->iv.hi, 100000);   /* 0.01% in ppb */
    assert_non_null(spaced);
    assert_non_null(spaced->whole);
    assert_string_equal(spaced->whole, "本年收入合计");
    jue_claims_free(&c);
}

/* A 项 statement whose names wrap onto the next line, and one printed as a
 * justified line with spaces between its characters (a copy from a PDF):
 * each figure is the statement's own 项, not the one before. Made-up
 * amounts. */
static void test_item_wrapped_and_spaced(void **state)
{
    (void)state;
    const char *t = "  1、卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）。支出决算为\n"
                    "1.00万元。\n"
                    "  2、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养\n"
                    "老保险缴费支出（项）。支出决算为 2.00 万元。\n"
                    "  3 、 卫 生健康 支出 （类 ）医疗 救助 （款） 城乡医 疗救助 （项） 。支出决算为\n"
                    "3.00 万元。\n";
    jue_claims c;
    jue_claims_init(&c);
    assert_int_equal(jue_claims_extract(t, strlen(t), 1, LX, CAT, 2024, &c), JUE_OK);
    const char *want[] = { "项:2101101", "项:2080505", "项:2101301" };
    int seen = 0;
    for (size_t i = 0; i < c.len; i++) {
        if (c.items[i].role != JUE_ROLE_ACTUAL) continue;
        assert_true(seen < 3);
        assert_int_equal(c.items[i].value, (seen + 1) * 1000000LL);
        char who[128];
        jue_subject_format(&c.items[i].subject, who, sizeof who);
        assert_string_equal(who, want[seen]);
        seen++;
    }
    assert_int_equal(seen, 3);
    jue_claims_free(&c);
}

/* Two lines of one band printed out of order (a copy that sorts lines by
 * the top of their boxes): the line finishing an item's names comes after
 * the line of its figures. The names are the item's, and the figures keep
 * their roles: the budget after 年初预算为, the actual after 支出决算为.
 * Made-up amounts. */
static void test_item_lines_out_of_order(void **state)
{
    (void)state;
    const char *t = "  2、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养\n"
                    "\n"
                    "12.50万元，支出决算为12.00万元。 决算数小于预算数的主要原因：按\n"
                    "老保险缴费支出（项）。主要用于：在职人员的养老保险支出。年初预算为\n"
                    "\n"
                    "实际需要安排。\n";
    jue_claims c;
    jue_claims_init(&c);
    assert_int_equal(jue_claims_extract(t, strlen(t), 1, LX, CAT, 2024, &c), JUE_OK);
    int budget = 0, actual = 0;
    for (size_t i = 0; i < c.len; i++) {
        char who[128];
        jue_subject_format(&c.items[i].subject, who, sizeof who);
        if (c.items[i].role == JUE_ROLE_BUDGET) {
            assert_int_equal(c.items[i].value, 12500000);
            assert_string_equal(who, "项:2080505");
            budget++;
        } else if (c.items[i].role == JUE_ROLE_ACTUAL) {
            assert_int_equal(c.items[i].value, 12000000);
            assert_string_equal(who, "项:2080505");
            actual++;
        }
    }
    assert_int_equal(budget, 1);
    assert_int_equal(actual, 1);
    jue_claims_free(&c);
}

/* A table fact as the lexicon, the store and the trace write it: read into
 * its table, row and column and written back the same; anything else is not
 * a fact. */
static void test_fact_written(void **state)
{
    (void)state;
    static const char *const GOOD[] = { "T03/合计/基本支出", "T09/因公出国（境）费/决算数", "T05/2101501/合计",
                                        "T07/2120803/小计", "T01/本年收入合计/决算数" };
    for (size_t i = 0; i < sizeof GOOD / sizeof GOOD[0]; i++) {
        jue_fact f;
        char back[128];
        assert_true(jue_fact_parse(GOOD[i], strlen(GOOD[i]), &f));
        jue_fact_format(&f, false, back, sizeof back);
        assert_string_equal(back, GOOD[i]);
    }
    jue_fact f;
    assert_true(jue_fact_parse("T03/合计/基本支出", strlen("T03/合计/基本支出"), &f));
    assert_int_equal(jue_fact_table(&f), JUE_T03);
    assert_string_equal(f.row, "合计");
    assert_int_equal(f.col, JUE_COL_BASIC);
    char cell[64];
    jue_fact_format(&f, true, cell, sizeof cell);
    assert_string_equal(cell, "合计/基本支出");
    static const char *const BAD[] = { "", "T03", "T10/合计/决算数", "T00/合计/决算数", "X03/合计/决算数", "T03//基本支出",
                                       "T03/合计/", "T03/合计/基本", "T03/合计", "T03/合计/基本支出/x",
                                       "T05/一二三四五六七八九十一二三四五六七八九十一二三/合计" };
    for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
        if (jue_fact_parse(BAD[i], strlen(BAD[i]), &f)) fprintf(stderr, "read as a fact: %s\n", BAD[i]);
        assert_false(jue_fact_parse(BAD[i], strlen(BAD[i]), &f));
        assert_false(jue_fact_on(&f));
    }
    jue_fact none = { 0 }, a = jue_fact_make(JUE_T05, "2101501", JUE_COL_TOTAL);
    assert_true(jue_fact_same(&none, &none));
    assert_false(jue_fact_same(&none, &a));
    assert_true(jue_fact_same(&a, &a));
    jue_fact_format(&none, false, cell, sizeof cell);
    assert_string_equal(cell, "");
}

/* Loads the lexicon yaml, written to a file (its name into path, which the
 * caller removes). */
static jue_status lexicon_of(const char *yaml, char path[static 24], jue_lexicon **lx, jue_diags *d)
{
    strcpy(path, "/tmp/jue_lexicon_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    fputs(yaml, fp);
    fclose(fp);
    *lx = NULL;
    return jue_lexicon_load(path, lx, d);
}

/* A lexicon whose fact does not name a table figure is refused at load, in
 * Chinese, naming the file, the line and the text that did not parse. */
static void test_lexicon_bad_fact(void **state)
{
    (void)state;
    char path[24];
    jue_diags d;
    jue_diags_init(&d);
    jue_lexicon *lx;
    assert_int_equal(lexicon_of("subjects:\n"
                                "  - { phrase: 收入总计, subject: 收入总计, fact: T01/收入总计/决算数 }\n"
                                "  - { phrase: 基本支出, subject: 基本支出, fact: T03/合计/基本支 }\n",
                                path, &lx, &d),
                     JUE_ERR_INVALID);
    assert_null(lx);
    assert_int_equal(d.errors, 1);
    assert_string_equal(d.items[0].file, path);
    assert_int_equal(d.items[0].line, 3);
    assert_non_null(strstr(d.items[0].message, "T03/合计/基本支"));
    assert_non_null(strstr(d.items[0].message, "不是表中的一个数"));
    jue_diags_free(&d);
    remove(path);
}

/* A partition must name subjects the lexicon declares (a misspelt part
 * would never match, and the whole would silently go unchecked) and a known
 * check: refused at load, naming the file, the line and the name. */
static void test_lexicon_bad_partition(void **state)
{
    (void)state;
    char path[24];
    jue_diags d;
    jue_diags_init(&d);
    jue_lexicon *lx;
    assert_int_equal(lexicon_of("subjects:\n"
                                "  - { phrase: 政府采购支出总额, subject: 政府采购支出总额 }\n"
                                "  - { phrase: 政府采购货物支出, subject: 政府采购货物支出 }\n"
                                "  - { phrase: 政府采购服务支出, subject: 政府采购服务支出 }\n"
                                "partitions:\n"
                                "  - { whole: 政府采购支出总额, parts: [政府采购货物支出, 政府采购服务支出] }\n"
                                "  - { whole: 政府采购支出总额, parts: [政府采购货物支出, 政府采购工程支出] }\n"
                                "  - { whole: 政府采购支出总额, parts: [政府采购货物支出, 政府采购服务支出], check: claims.x }\n",
                                path, &lx, &d),
                     JUE_ERR_INVALID);
    assert_null(lx);
    assert_int_equal(d.errors, 2);
    assert_string_equal(d.items[0].file, path);
    assert_int_equal(d.items[0].line, 7);
    assert_non_null(strstr(d.items[0].message, "“政府采购工程支出”不是 subjects 里的一个 subject"));
    assert_int_equal(d.items[1].line, 8);
    assert_non_null(strstr(d.items[1].message, "“claims.x”不是一项说明核对"));
    jue_diags_free(&d);
    remove(path);
}

/* The reference for the lexicon's index: every phrase tried at p, the
 * longest whose scope the section has kept (a scoped one before an unscoped
 * one as long, else the first in the file) — the search per word the index
 * replaced. */
static const lex_entry *subject_by_search(const jue_lexicon *lx, const char *context, const char *p, const char *end)
{
    const lex_entry *best = NULL;
    for (size_t i = 0; i < lx->n; i++) {
        const lex_entry *e = &lx->e[i];
        if ((size_t)(end - p) < e->plen || memcmp(p, e->phrase, e->plen)) continue;
        if (e->scope && !strstr(context, e->scope)) continue;
        if (!best || e->plen > best->plen || (e->plen == best->plen && e->scope && !best->scope)) best = e;
    }
    return best;
}

/* ... and every keyword tried in table order. */
static int keyword_by_search(const char *p, const char *end)
{
    for (size_t k = 0; cx_keyword_word(k); k++) {
        size_t n = strlen(cx_keyword_word(k));
        if ((size_t)(end - p) >= n && !memcmp(p, cx_keyword_word(k), n)) return (int)k;
    }
    return -1;
}

static const char *subject_at(const jue_lexicon *lx, const char *context, const char *text, size_t at, size_t len)
{
    ex x;
    memset(&x, 0, sizeof x);
    x.lx = lx;
    snprintf(x.context, sizeof x.context, "%s", context);
    const lex_entry *e = cx_match_subject(&x, cx_words_at(lx, text + at, text + len), text + at, text + len);
    return e ? e->subject.key : NULL;
}

/* The lexicon indexed by first character at load finds, at every byte of
 * made-up sentences (cut short at their end, inside a character too), the
 * phrase and the keyword a search of every word finds: overlapping phrases,
 * the longest, the scoped before the unscoped, phrases whose first
 * characters share their first two bytes (收 E6 94 B6, 支 E6 94 AF), a
 * Latin phrase, and phrases that are also keywords' beginnings. */
static void test_lexicon_index(void **state)
{
    (void)state;
    jue_lexicon *lx;
    jue_diags d;
    jue_diags_init(&d);
    char path[24];
    assert_int_equal(lexicon_of("subjects:\n"
          "  - { phrase: 支出, subject: 支出 }\n"
          "  - { phrase: 基本支出, subject: 基本支出A }\n"
          "  - { phrase: 基本支出, subject: 基本支出B, scope: 财政拨款 }\n"
          "  - { phrase: 基本支出, subject: 基本支出C, scope: 基本支出决算 }\n"
          "  - { phrase: 基本, subject: 基本 }\n"
          "  - { phrase: 支出合计, subject: 支出合计 }\n"
          "  - { phrase: 收入, subject: 收入 }\n"
          "  - { phrase: 收入合计, subject: 收入合计1, scope: 总体 }\n"
          "  - { phrase: 收入合计, subject: 收入合计2 }\n"
          "  - { phrase: PPP项目, subject: PPP }\n"
          "  - { phrase: P, subject: P }\n"
          "  - { phrase: 预算数, subject: 预算数 }\n"
          "  - { phrase: 增加值, subject: 增加值 }\n", path, &lx, &d), JUE_OK);
    remove(path);
    static const char *const CONTEXT[] = { "", "一、收入支出决算总体情况", "基本支出决算情况说明",
                                           "财政拨款基本支出决算" };
    static const char *const SENTENCE[] = {
        "基本支出合计100万元，其中基本支出50万元，支出合计。", "本年收入合计增加预算数支出增加值减少",
        "PPP项目P支出（增长）持平，收支合计：收入合计", "基本支", "决算数小于预算数，占预算的12.5%完成预算",
    };
    for (size_t c = 0; c < 4; c++)
        for (size_t t = 0; t < sizeof SENTENCE / sizeof SENTENCE[0]; t++)
            for (size_t cut = 0; cut < 3; cut++) {
                const char *s = SENTENCE[t], *end = s + strlen(s) - cut;
                for (const char *p = s; p < end; p++) {
                    const char *got = subject_at(lx, CONTEXT[c], s, (size_t)(p - s), (size_t)(end - s));
                    const lex_entry *want = subject_by_search(lx, CONTEXT[c], p, end);
                    if (want) assert_string_equal(got, want->subject.key);
                    else assert_null(got);
                    assert_int_equal(cx_keyword_at(lx, cx_words_at(lx, p, end), p, end), keyword_by_search(p, end));
                }
            }
    /* what the reference says, for the record */
    const char *s = SENTENCE[0];
    assert_string_equal(subject_at(lx, "", s, 0, strlen(s)), "基本支出A");
    assert_string_equal(subject_at(lx, "财政拨款基本支出决算", s, 0, strlen(s)), "基本支出B");
    assert_string_equal(subject_at(lx, "基本支出决算情况说明", s, 0, strlen(s)), "基本支出C");
    assert_string_equal(subject_at(lx, "", s, 6, strlen(s)), "支出合计");
    assert_string_equal(subject_at(lx, "", "基本支", 0, 9), "基本");
    assert_string_equal(subject_at(lx, "总体", "收入合计", 0, 12), "收入合计1");
    assert_string_equal(subject_at(lx, "", "收入合计", 0, 12), "收入合计2");
    assert_string_equal(subject_at(lx, "", "收入合计", 0, 11), "收入");
    assert_string_equal(subject_at(lx, "", "PPP项", 0, 6), "P");
    assert_null(subject_at(lx, "", "收支", 0, 6));
    assert_string_equal(cx_keyword_word((size_t)keyword_by_search("增加值", "增加值" + 9)), "增加");
    jue_lexicon_free(lx);
    jue_diags_free(&d);
}

/* A subject is typed (a lexicon name, a 类 or 项 code, an unresolved 项
 * statement); the store's written form reads back the same, and nothing else
 * is a subject. */
static void test_subject_written(void **state)
{
    (void)state;
    static const char *const GOOD[] = { "本年支出合计", "项:2101501", "类:208", "项?" };
    static const jue_subject_kind KIND[] = { JUE_SUBJ_NAMED, JUE_SUBJ_XIANG, JUE_SUBJ_LEI, JUE_SUBJ_ITEM };
    for (size_t i = 0; i < 4; i++) {
        jue_subject s;
        char back[128];
        assert_true(jue_subject_parse(GOOD[i], &s));
        assert_int_equal(s.kind, KIND[i]);
        jue_subject_format(&s, back, sizeof back);
        assert_string_equal(back, GOOD[i]);
    }
    jue_subject a = jue_subject_make(JUE_SUBJ_XIANG, "2101501"), b = jue_subject_make(JUE_SUBJ_NAMED, "2101501");
    assert_string_equal(a.key, "2101501");
    assert_false(jue_subject_same(&a, &b));   /* a code is not a name */
    assert_true(jue_subject_is(&b, "2101501"));
    assert_false(jue_subject_is(&a, "2101501"));
    jue_subject none;
    assert_false(jue_subject_parse("", &none));
    assert_false(jue_subject_parse(NULL, &none));
    assert_false(jue_subject_on(&none));
}

/* A date as a copy spaces it: "截至 2023年 12 月 31 日" is the year-end date
 * 2023年12月31日 (quoted without the spaces), "2022 年度" a year. */
static void test_spaced_date(void **state)
{
    (void)state;
    const char *t = "截至 2023年 12 月 31 日，本部门共有车辆 0 辆。\n"
                    "与 2022 年度相比，收入支出总计减少 56.95 万元。\n";
    jue_claims c;
    jue_claims_init(&c);
    assert_int_equal(jue_claims_extract(t, strlen(t), 1, LX, CAT, 2024, &c), JUE_OK);
    const jue_claim *end = NULL, *year = NULL;
    for (size_t i = 0; i < c.len; i++) {
        if (c.items[i].role != JUE_ROLE_DATE) continue;
        if (c.items[i].line == 1) end = &c.items[i];
        if (c.items[i].line == 2) year = &c.items[i];
    }
    assert_non_null(end);
    assert_int_equal(end->value, 2023);
    assert_string_equal(end->printed, "2023年12月31日");
    assert_non_null(year);
    assert_string_equal(year->printed, "2022年度");
    jue_claims_free(&c);
}

/* A figure's column is its first character's place in its source line,
 * counted in characters — whatever the reading did to the text before it:
 * ASCII marks made full-width, blanks between Chinese characters left out,
 * a line of more than a hundred characters, a paragraph over several lines. */
static void test_claim_columns(void **state)
{
    (void)state;
    char text[2048];
    size_t n = 0;
    n += (size_t)snprintf(text + n, sizeof text - n, "一、说明\n");
    /* line 2: 60 characters of words, then the figure (in the same run of plain bytes) */
    for (int i = 0; i < 60; i++) n += (size_t)snprintf(text + n, sizeof text - n, "收");
    n += (size_t)snprintf(text + n, sizeof text - n, "共计1200.50万元,比上年\n");
    n += (size_t)snprintf(text + n, sizeof text - n, "(含 结 转)共计12.00万元,增 加 100.00万元;支出 合 计 3.00万元。\n");
    jue_claims c;
    jue_claims_init(&c);
    assert_int_equal(jue_claims_extract(text, n, 1, LX, CAT, 2023, &c), JUE_OK);
    assert_non_null(at(&c, 2, 63));   /* 60 收 and 共计 */
    assert_non_null(at(&c, 3, 10));   /* "(含 结 转)共计" */
    assert_non_null(at(&c, 3, 22));   /* … "12.00万元,增 加 " */
    assert_non_null(at(&c, 3, 38));   /* … "100.00万元;支出 合 计 " */
    jue_claims_free(&c);
}

/* The lines of t (split in place at each newline) as the import hands them over. */
static size_t note_lines(char *t, jue_note_line *L, size_t max)
{
    size_t n = 0;
    for (char *p = t; *p && n < max; n++) {
        char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        L[n] = (jue_note_line){ .text = p, .len = len, .line = (int)n + 1, .col = 1 };
        p += len + (nl != NULL);
    }
    return n;
}

/* Notes without a figure, a placeholder's marks or 决, 持, 无 read alike
 * without the lexicon (an auditor made on demand leaves it unread for them:
 * a one-line audit); a figure, full-width digits, a placeholder, 持平, 无增减
 * or 决算数 parted by a line break need it. */
static void test_need_lexicon(void **state)
{
    (void)state;
    char words[] = "一、部门职责\n（一）主要职能\n负责全县医疗保障工作，组织实施医保目录。\n"
                   "二、机构设置\n本部门下设办公室、基金股（挂牌）。\n三、名词解释\n财政拨款收入：指本级财政当年拨付的资金。\n";
    jue_note_line L[16];
    size_t n = note_lines(words, L, 16);
    assert_false(jue_claims_need_lexicon(L, n));
    jue_claims with, without;
    jue_claims_init(&with);
    jue_claims_init(&without);
    assert_int_equal(jue_claims_read(L, n, LX, CAT, 2024, &with), JUE_OK);
    assert_int_equal(jue_claims_read(L, n, NULL, CAT, 2024, &without), JUE_OK);
    assert_int_equal(with.len, 0);
    assert_int_equal(without.len, 0);
    assert_true(with.nsections >= 3);
    assert_int_equal(without.nsections, with.nsections);
    for (size_t i = 0; i < with.nsections; i++) {
        assert_string_equal(without.sections[i].number, with.sections[i].number);
        assert_string_equal(without.sections[i].title, with.sections[i].title);
        assert_int_equal(without.sections[i].level, with.sections[i].level);
        assert_int_equal(without.sections[i].line, with.sections[i].line);
        assert_int_equal(without.sections[i].paragraph, with.sections[i].paragraph);
    }
    jue_claims_free(&with);
    jue_claims_free(&without);
    static const char *const NEED[] = { "收入总计1200.50万元。", "增长\xEF\xBC\x91\xEF\xBC\x90％。", "XX万元", "××万元",
                                        "与上年持平。", "无增减变化。", "本年支出决算\n数较上年增加。" };
    for (size_t k = 0; k < sizeof NEED / sizeof NEED[0]; k++) {
        char t[256];
        snprintf(t, sizeof t, "%s", NEED[k]);
        n = note_lines(t, L, 16);
        assert_true(jue_claims_need_lexicon(L, n));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_liling_notes),
        cmocka_unit_test(test_need_lexicon),
        cmocka_unit_test(test_zhenan_notes),
        cmocka_unit_test(test_malformed_and_counts),
        cmocka_unit_test(test_thresholds),
        cmocka_unit_test(test_compared_threshold),
        cmocka_unit_test(test_template_alternative),
        cmocka_unit_test(test_share_below_and_spaced),
        cmocka_unit_test(test_item_wrapped_and_spaced),
        cmocka_unit_test(test_item_lines_out_of_order),
        cmocka_unit_test(test_fact_written),
        cmocka_unit_test(test_lexicon_bad_fact),
        cmocka_unit_test(test_lexicon_bad_partition),
        cmocka_unit_test(test_lexicon_index),
        cmocka_unit_test(test_subject_written),
        cmocka_unit_test(test_spaced_date),
        cmocka_unit_test(test_claim_columns),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
