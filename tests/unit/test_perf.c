/* Unit tests for juesuan/perf.h: each scoring rule and direction with its
 * boundaries, grades, value parsing, the perf.yaml loader (all mistakes in
 * one run), the outputs, and the audit of a published 自评表. */
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
#include <juesuan/document.h>
#include <juesuan/perf.h>

#define V(x) ((int64_t)(x) * JUE_PERF_VSCALE)
#define P(x) ((x) * JUE_PERF_POINT)

static jue_perf_profile prof;
static const char *const JUE_PERF_BAND_NAMES_TEST[4] = { "", "达成", "部分达成", "未达成" };

static int setup(void **state)
{
    (void)state;
    jue_perf_profile_national(&prof);
    return 0;
}

static jue_perf_indicator quant(jue_perf_dir dir, int64_t target, int64_t actual, bool has_actual, int weight)
{
    jue_perf_indicator x;
    memset(&x, 0, sizeof x);
    x.dir = dir;
    x.target = target;
    x.actual = actual;
    x.has_actual = has_actual;
    x.weight = weight;
    x.band_pct = -1;
    return x;
}

static int score(const jue_perf_indicator *x, const char *must_say)
{
    jue_buf why;
    jue_buf_init(&why);
    int s = jue_perf_score_indicator(x, &prof, &why);
    assert_true(why.len > 0);   /* every score is explained */
    if (must_say) assert_non_null(strstr(jue_buf_str(&why), must_say));
    jue_buf_free(&why);
    return s;
}

/* ---- 预算执行率 ----------------------------------------------------------- */

static void budget_rate(void **state)
{
    (void)state;
    bool known;
    int64_t rate;
    jue_buf why;
    jue_buf_init(&why);
    /* 95% of 10 */
    assert_int_equal(jue_perf_score_budget(160 * JUE_FEN_PER_WAN, 152 * JUE_FEN_PER_WAN, P(10), &known, &rate, &why), 950);
    assert_true(known);
    assert_int_equal(rate, 950000000);
    assert_non_null(strstr(jue_buf_str(&why), "95.00%"));
    /* exactly 100% and over-execution: capped at the weight */
    assert_int_equal(jue_perf_score_budget(100, 100, P(10), &known, &rate, NULL), P(10));
    assert_int_equal(jue_perf_score_budget(100, 150, P(10), &known, &rate, NULL), P(10));
    assert_int_equal(rate, 1500000000);
    /* rounding to hundredths: 49.00 / 49.30 = 99.391…% → 9.94 */
    assert_int_equal(jue_perf_score_budget(4930000, 4900000, P(10), &known, &rate, NULL), 994);
    /* nothing executed */
    assert_int_equal(jue_perf_score_budget(100, 0, P(10), &known, &rate, NULL), 0);
    /* A = 0: no rate, no score, still explained */
    jue_buf_reset(&why);
    assert_int_equal(jue_perf_score_budget(0, 500, P(10), &known, &rate, &why), 0);
    assert_false(known);
    assert_non_null(strstr(jue_buf_str(&why), "全年预算数为 0"));
    /* large amounts (城乡居民医保: 2 亿元) do not overflow */
    assert_int_equal(jue_perf_score_budget(21400000000LL, 21345600000LL, P(10), &known, &rate, NULL), 997);
    /* a configurable weight */
    assert_int_equal(jue_perf_score_budget(100, 50, P(20), &known, &rate, NULL), P(10));
    jue_buf_free(&why);
}

/* ---- quantitative indicators -------------------------------------------- */

static void ge_indicators(void **state)
{
    (void)state;
    jue_perf_indicator x = quant(JUE_DIR_GE, V(12000), V(12000), true, P(20));
    assert_int_equal(score(&x, "达到"), P(20));                  /* met exactly */
    x.actual = V(13000);
    assert_int_equal(score(&x, "超过"), P(20));                  /* over-achievement: no bonus */
    x.actual = V(11640);
    assert_int_equal(score(&x, "实际 ÷ 指标"), 1940);            /* 11640/12000 × 20 */
    x.actual = 0;
    assert_int_equal(score(&x, NULL), 0);
    x.actual = V(-5);
    assert_int_equal(score(&x, "无从按比例计分"), 0);
    /* 0 target: anything not negative meets it */
    x = quant(JUE_DIR_GE, 0, 0, true, P(5));
    assert_int_equal(score(&x, NULL), P(5));
    x.actual = V(3);
    assert_int_equal(score(&x, NULL), P(5));
    /* fractions: 96.2% against ≥ 98% of 7.5 points → 7.36 (7.3622… rounded) */
    x = quant(JUE_DIR_GE, 980000, 962000, true, 750);
    assert_int_equal(score(&x, NULL), 736);
}

static void le_indicators(void **state)
{
    (void)state;
    jue_perf_indicator x = quant(JUE_DIR_LE, V(130), V(127), true, P(10));
    assert_int_equal(score(&x, "不超过"), P(10));
    x.actual = V(130);
    assert_int_equal(score(&x, NULL), P(10));                    /* boundary: met */
    x.actual = V(160);
    assert_int_equal(score(&x, "指标 ÷ 实际"), 813);             /* 130/160 × 10 = 8.125 → 8.13 */
    /* 0 target (no cost allowed) exceeded: nothing to scale by */
    x = quant(JUE_DIR_LE, 0, V(1), true, P(10));
    assert_int_equal(score(&x, NULL), 0);
    x.actual = 0;
    assert_int_equal(score(&x, NULL), P(10));
}

static void eq_and_missing(void **state)
{
    (void)state;
    jue_perf_indicator x = quant(JUE_DIR_EQ, V(12), V(12), true, P(10));
    assert_int_equal(score(&x, "等于"), P(10));
    x.actual = V(9);
    assert_int_equal(score(&x, NULL), 750);    /* 9/12 */
    x.actual = V(16);
    assert_int_equal(score(&x, NULL), 750);    /* 12/16 */
    /* missing actual: no score, whatever the direction */
    for (int d = JUE_DIR_GE; d <= JUE_DIR_EQ; d++) {
        x = quant((jue_perf_dir)d, V(10), 0, false, P(10));
        assert_int_equal(score(&x, "未填实际完成值"), 0);
    }
    /* negative weight (not given) counts as 0 */
    x = quant(JUE_DIR_GE, V(1), V(1), true, -1);
    assert_int_equal(score(&x, NULL), 0);
}

static void qualitative(void **state)
{
    (void)state;
    jue_perf_indicator x = quant(JUE_DIR_QUAL, 0, 0, false, P(20));
    assert_int_equal(score(&x, "未评定"), 0);
    x.band = JUE_BAND_MET;
    assert_int_equal(score(&x, "达成"), P(20));      /* default: top of 100–80 */
    x.band_pct = 80;
    assert_int_equal(score(&x, NULL), P(16));
    x.band = JUE_BAND_PARTIAL, x.band_pct = -1;
    assert_int_equal(score(&x, "部分达成"), P(14));  /* default 70% */
    x.band_pct = 75;
    assert_int_equal(score(&x, NULL), P(15));
    x.band = JUE_BAND_UNMET, x.band_pct = -1;
    assert_int_equal(score(&x, NULL), P(6));         /* default 30% */
    x.band_pct = 0;
    assert_int_equal(score(&x, NULL), 0);
}

static void grades(void **state)
{
    (void)state;
    assert_string_equal(jue_perf_grade(P(100), &prof), "优");
    assert_string_equal(jue_perf_grade(P(90), &prof), "优");
    assert_string_equal(jue_perf_grade(8999, &prof), "良");
    assert_string_equal(jue_perf_grade(P(80), &prof), "良");
    assert_string_equal(jue_perf_grade(7999, &prof), "中");
    assert_string_equal(jue_perf_grade(P(60), &prof), "中");
    assert_string_equal(jue_perf_grade(5999, &prof), "差");
    assert_string_equal(jue_perf_grade(0, &prof), "差");
}

static void parse_values(void **state)
{
    (void)state;
    jue_perf_dir d;
    bool w;
    int64_t v;
    const char *u;
    size_t ul;
    assert_true(jue_perf_parse_value("≥ 95%", &d, &w, &v, &u, &ul));
    assert_int_equal(d, JUE_DIR_GE);
    assert_true(w);
    assert_int_equal(v, V(95));
    assert_int_equal(ul, 1);
    assert_true(jue_perf_parse_value("<=80万元", &d, &w, &v, &u, &ul));
    assert_int_equal(d, JUE_DIR_LE);
    assert_int_equal(v, V(80));
    assert_memory_equal(u, "万元", ul);
    assert_true(jue_perf_parse_value("12,000人次", &d, &w, &v, &u, &ul));
    assert_false(w);
    assert_int_equal(v, V(12000));
    assert_true(jue_perf_parse_value("98.65", &d, &w, &v, &u, &ul));
    assert_int_equal(v, 986500);
    assert_false(jue_perf_parse_value("明显提高", &d, &w, &v, &u, &ul));
    assert_false(jue_perf_parse_value("≥", &d, &w, &v, &u, &ul));
    assert_false(jue_perf_parse_value("999999999999999999", &d, &w, &v, &u, &ul));
}


/* ---- more boundaries of each rule ------------------------------------------ */

static void ge_boundaries(void **state)
{
    (void)state;
    /* just below the target: in proportion, rounded half up (99.99/100 × 10 = 9.999 → 10.00) */
    jue_perf_indicator x = quant(JUE_DIR_GE, V(100), 999900, true, P(10));
    assert_int_equal(score(&x, "未达到"), P(10));
    x.actual = 999400;                                   /* 99.94 → 9.994 → 9.99 */
    assert_int_equal(score(&x, NULL), 999);
    /* 0 target missed by a negative actual: nothing to scale by */
    x = quant(JUE_DIR_GE, 0, V(-1), true, P(10));
    assert_int_equal(score(&x, "无从按比例计分"), 0);
    /* far over-achievement: still the weight, never more */
    x = quant(JUE_DIR_GE, V(1), V(1000000), true, P(10));
    assert_int_equal(score(&x, "超过"), P(10));
    /* the largest values a target may hold do not overflow */
    x = quant(JUE_DIR_GE, JUE_PERF_VMAX, JUE_PERF_VMAX / 2, true, P(100));
    assert_int_equal(score(&x, NULL), P(50));
}

static void le_boundaries(void **state)
{
    (void)state;
    /* over-achievement of a cost indicator (far below the cap): full weight */
    jue_perf_indicator x = quant(JUE_DIR_LE, V(496), V(1), true, P(10));
    assert_int_equal(score(&x, "不超过"), P(10));
    /* a negative cost (a refund) is within a cap of 0 */
    x = quant(JUE_DIR_LE, 0, V(-3), true, P(10));
    assert_int_equal(score(&x, NULL), P(10));
    /* twice the cap: half the weight */
    x = quant(JUE_DIR_LE, V(80), V(160), true, P(10));
    assert_int_equal(score(&x, "指标 ÷ 实际"), P(5));
    /* missing actual */
    x = quant(JUE_DIR_LE, V(80), 0, false, P(10));
    assert_int_equal(score(&x, "未填实际完成值"), 0);
}

static void eq_boundaries(void **state)
{
    (void)state;
    /* 0 target: met only by 0; anything else cannot be scaled */
    jue_perf_indicator x = quant(JUE_DIR_EQ, 0, 0, true, P(10));
    assert_int_equal(score(&x, "等于"), P(10));
    x.actual = V(5);
    assert_int_equal(score(&x, "无从按比例计分"), 0);
    /* over by a third and under by a quarter score alike in proportion */
    x = quant(JUE_DIR_EQ, V(12), V(15), true, P(10));
    assert_int_equal(score(&x, "较小值 ÷ 较大值"), 800);
}

static void qualitative_bands(void **state)
{
    (void)state;
    jue_perf_indicator x = quant(JUE_DIR_QUAL, 0, 0, false, P(10));
    /* the edges of every band */
    struct { jue_perf_band b; int pct, want; } C[] = {
        { JUE_BAND_MET, 100, P(10) }, { JUE_BAND_MET, 80, P(8) },   { JUE_BAND_PARTIAL, 80, P(8) },
        { JUE_BAND_PARTIAL, 60, P(6) }, { JUE_BAND_UNMET, 60, P(6) }, { JUE_BAND_UNMET, 0, 0 },
    };
    for (size_t i = 0; i < sizeof C / sizeof C[0]; i++) {
        x.band = C[i].b, x.band_pct = C[i].pct;
        assert_int_equal(score(&x, JUE_PERF_BAND_NAMES_TEST[C[i].b]), C[i].want);
    }
    /* a profile's own defaults */
    jue_perf_profile p = prof;
    p.band_default[JUE_BAND_PARTIAL] = 65;
    x.band = JUE_BAND_PARTIAL, x.band_pct = -1;
    assert_int_equal(jue_perf_score_indicator(&x, &p, NULL), 650);
    /* a weight with decimals: 7.5 × 70% = 5.25 */
    x.weight = 750;
    assert_int_equal(jue_perf_score_indicator(&x, &prof, NULL), 525);
}

static void budget_boundaries(void **state)
{
    (void)state;
    bool known;
    int64_t rate;
    /* nothing budgeted, nothing spent: no rate, no score */
    assert_int_equal(jue_perf_score_budget(0, 0, P(10), &known, &rate, NULL), 0);
    assert_false(known);
    /* 1 分 short of the whole: 99.99…% → 10.00 after rounding */
    assert_int_equal(jue_perf_score_budget(100000000, 99999999, P(10), &known, &rate, NULL), P(10));
    assert_true(rate < JUE_PPB_ONE);
    /* a weight of 0 scores 0 whatever the rate */
    assert_int_equal(jue_perf_score_budget(100, 100, 0, &known, &rate, NULL), 0);
}

/* Weights left out share what their 一级 has left, remainders to the first;
 * weights over the 一级 leave nothing; scoring again by another profile
 * starts from the weights as written. */
static void weights_and_rescoring(void **state)
{
    (void)state;
    static const char Y[] =
        "department: 测试局\n"
        "projects:\n"
        "  - name: 甲\n"
        "    funds: { fiscal: { annual: 100, executed: 100 } }\n"
        "    indicators:\n"
        "      - { level1: 产出, name: a, target: \"≥1\", actual: 1 }\n"
        "      - { level1: 产出, name: b, target: \"≥1\", actual: 1 }\n"
        "      - { level1: 产出, name: c, target: \"≥1\", actual: 1 }\n"
        "      - { level1: 效益, name: d, target: \"≥1\", actual: 1, weight: 40 }\n"
        "      - { level1: 效益, name: e, target: \"≥1\", actual: 1 }\n"
        "      - { level1: 满意度, name: f, target: \"≥1\", actual: 1 }\n";
    jue_diags d;
    jue_diags_init(&d);
    jue_perf_set *s = NULL;
    assert_int_equal(jue_perf_parse("perf.yaml", Y, sizeof Y - 1, &s, &d), JUE_OK);
    assert_int_equal(jue_perf_score(s, &prof), JUE_OK);
    const jue_perf_eval *e = &s->evals[0];
    assert_int_equal(e->ind[0].weight, 1667);   /* 50 / 3, the remainder to the first */
    assert_int_equal(e->ind[1].weight, 1667);
    assert_int_equal(e->ind[2].weight, 1666);
    assert_int_equal(e->ind[4].weight, 0);      /* 效益's 30 taken by d's 40 */
    assert_int_equal(e->total, P(10) + P(50) + P(40) + P(10));
    /* another profile: 产出 60, 满意度 20, 预算执行率 5 */
    jue_perf_profile p2 = prof;
    p2.l1_weight[JUE_L1_OUTPUT] = P(60);
    p2.l1_weight[JUE_L1_SATISFACTION] = P(20);
    p2.budget_weight = P(5);
    assert_int_equal(jue_perf_score(s, &p2), JUE_OK);
    assert_int_equal(e->ind[0].weight, P(20));
    assert_int_equal(e->ind[5].weight, P(20));
    assert_int_equal(e->budget_weight, P(5));
    assert_int_equal(e->total, P(5) + P(60) + P(40) + P(20));
    /* and back: the same as the first time */
    assert_int_equal(jue_perf_score(s, &prof), JUE_OK);
    assert_int_equal(e->ind[0].weight, 1667);
    assert_int_equal(e->total, P(110));
    jue_perf_set_free(s);
    jue_diags_free(&d);
}

static void targets_and_summary(void **state)
{
    (void)state;
    static const char Y[] =
        "department: 测试局\n"
        "year: 2024\n"
        "targets: { projects: 3, amount: 3000000 }\n"
        "monitoring: { projects: 2, amount: 2000000.50 }\n"
        "projects:\n"
        "  - name: 甲项目\n"
        "    funds: { fiscal: { annual: 1000000, executed: 1000000 } }\n"
        "    indicators: [ { level1: 产出, name: a, target: \"≥1\", actual: 1, weight: 90 } ]\n"
        "  - name: 乙\n"
        "    funds: { fiscal: { annual: 1000000, executed: 500000 } }\n"
        "    indicators: [ { level1: 产出, name: a, target: \"≥2\", actual: 1, weight: 90 } ]\n";
    jue_diags d;
    jue_diags_init(&d);
    jue_perf_set *s = NULL;
    assert_int_equal(jue_perf_parse("perf.yaml", Y, sizeof Y - 1, &s, &d), JUE_OK);
    assert_int_equal(jue_perf_score(s, &prof), JUE_OK);
    jue_buf b;
    jue_buf_init(&b);
    assert_int_equal(jue_perf_summary(s, &b), JUE_OK);
    assert_string_equal(jue_buf_str(&b),
                        "2024年度，本部门编报绩效目标的项目3个，涉及预算金额300.00万元；开展绩效监控的项目2个，涉及预算金额200.00万元；"
                        "开展绩效自评的项目2个，涉及全年预算数200.00万元、全年执行数150.00万元，平均得分75.00分，其中等级为“优”的项目1个、"
                        "“良”的项目0个、“中”的项目0个、“差”的项目1个。");
    jue_buf_reset(&b);
    /* the 综述 names 甲项目 once, not 甲项目项目 */
    assert_int_equal(jue_perf_overview(s, 0, &b), JUE_OK);
    assert_string_equal(jue_buf_str(&b), "甲项目绩效自评综述：全年预算数100.00万元，执行数100.00万元，完成预算的100.00%，自评得分100.00分，等级为“优”。");
    jue_buf_free(&b);
    /* the form: title, merged cells, the score's explanation as a tip */
    jue_form *f = NULL;
    assert_int_equal(jue_perf_form(s, 1, &f), JUE_OK);
    assert_string_equal(f->title, "乙项目支出绩效自评表");
    assert_string_equal(f->subtitle, "（2024年度）");
    assert_int_equal(jue_form_at(f, 2, 0)->rs, 5);          /* 项目资金（万元） over the header and four sources */
    assert_int_equal(jue_form_at(f, 3, 0)->rs, 0);          /* covered */
    assert_string_equal(jue_form_at(f, 10, 7)->text, "45.00");
    assert_non_null(strstr(jue_form_at(f, 10, 7)->tip, "实际 ÷ 指标"));
    assert_string_equal(jue_form_at(f, f->nrows - 1, 8)->text, "自评等级：差");
    jue_form_free(f);
    jue_perf_set_free(s);
    /* mistakes in targets: all of them, with their place */
    static const char BAD[] =
        "department: 测试局\n"
        "targets: { projects: 1, amount: 12x }\n"
        "monitoring: { projects: many }\n"
        "projects:\n"
        "  - name: 甲\n"
        "    funds: { fiscal: { annual: 1, executed: 1 } }\n"
        "    indicators: [ { level1: 产出, name: a, target: \"≥1\", actual: 1 } ]\n"
        "  - name: 乙\n"
        "    funds: { fiscal: { annual: 1, executed: 1 } }\n"
        "    indicators: [ { level1: 产出, name: a, target: \"≥1\", actual: 1 } ]\n";
    assert_int_equal(jue_perf_parse("perf.yaml", BAD, sizeof BAD - 1, &s, &d), JUE_ERR_INVALID);
    bool l2 = false, l3 = false;
    for (size_t k = 0; k < d.len; k++) {
        l2 |= d.items[k].line == 2 && strstr(d.items[k].message, "12x") != NULL;
        l3 |= d.items[k].line == 3 && strstr(d.items[k].message, "projects") != NULL;
    }
    assert_true(l2 && l3);
    jue_diags_free(&d);
    /* fewer projects with targets than projects self-evaluated */
    static const char FEW[] =
        "department: 测试局\n"
        "targets: { projects: 1, amount: 100 }\n"
        "projects:\n"
        "  - { name: 甲, funds: { fiscal: { annual: 1, executed: 1 } }, indicators: [ { level1: 产出, name: a, target: 好, band: 达成 } ] }\n"
        "  - { name: 乙, funds: { fiscal: { annual: 1, executed: 1 } }, indicators: [ { level1: 产出, name: a, target: 好, band: 达成 } ] }\n";
    jue_diags_init(&d);
    assert_int_equal(jue_perf_parse("perf.yaml", FEW, sizeof FEW - 1, &s, &d), JUE_ERR_INVALID);
    assert_int_equal(d.items[0].line, 2);
    assert_non_null(strstr(d.items[0].message, "有2个项目做了自评"));
    jue_diags_free(&d);
}

/* ---- loader --------------------------------------------------------------- */

static const char GOOD[] =
    "department: 测试局\n"
    "year: 2024\n"
    "overall:\n"
    "  funds:\n"
    "    fiscal: { initial: 1000000, annual: 1000000, executed: 900000 }\n"
    "  indicators:\n"
    "    - { level1: 产出, level2: 数量指标, name: 人次, target: \"≥100人次\", actual: 80, weight: 50 }\n"
    "    - { level1: 效益, level2: 社会效益指标, name: 效果, target: 明显, band: 部分达成, weight: 30 }\n"
    "    - { level1: 满意度, level2: 服务对象满意度指标, name: 满意度, target: \"≥90%\", actual: \"95%\", weight: 10 }\n"
    "projects:\n"
    "  - name: 项目甲\n"
    "    funds:\n"
    "      fiscal: { annual: 0, executed: 0 }\n"
    "    indicators:\n"
    "      - { level1: 产出, level2: 成本指标, name: 成本, target: \"100万元\", actual: \"125万元\" }\n"
    "      - { level1: 产出, name: 数量, target: \"≥10\" }\n";

static void load_and_score(void **state)
{
    (void)state;
    jue_diags d;
    jue_diags_init(&d);
    jue_perf_set *s = NULL;
    assert_int_equal(jue_perf_parse("perf.yaml", GOOD, sizeof GOOD - 1, &s, &d), JUE_OK);
    assert_int_equal(d.errors, 0);
    assert_int_equal(s->n, 2);
    assert_int_equal(jue_perf_score(s, &prof), JUE_OK);
    const jue_perf_eval *e = &s->evals[0];
    assert_int_equal(e->kind, JUE_PERF_DEPT);
    assert_string_equal(e->name, "测试局");
    assert_int_equal(e->budget_score, P(9));          /* 90% of 10 */
    assert_int_equal(e->ind[0].score, P(40));         /* 80/100 × 50 */
    assert_int_equal(e->ind[1].score, P(21));         /* 部分达成 70% of 30 */
    assert_int_equal(e->total, P(80));
    assert_string_equal(e->grade, "良");
    const jue_perf_eval *p = &s->evals[1];
    assert_int_equal(p->ind[0].dir, JUE_DIR_LE);      /* 成本指标 without a sign */
    assert_int_equal(p->ind[0].weight, P(25));        /* 产出's 50 shared by the two */
    assert_int_equal(p->ind[0].score, P(20));         /* 100/125 × 25 */
    assert_int_equal(p->ind[1].score, 0);             /* no actual */
    assert_int_equal(p->budget_score, 0);             /* A = 0 */
    assert_string_equal(p->grade, "差");

    jue_buf b;
    jue_buf_init(&b);
    assert_int_equal(jue_perf_html(s, &b), JUE_OK);
    assert_non_null(strstr(jue_buf_str(&b), "项目甲项目支出绩效自评表"));
    assert_non_null(strstr(jue_buf_str(&b), "部门整体支出绩效自评表"));
    assert_non_null(strstr(jue_buf_str(&b), "<td class=\"num b\">80.00</td>"));
    jue_buf_reset(&b);
    assert_int_equal(jue_perf_markdown(s, &b), JUE_OK);
    assert_non_null(strstr(jue_buf_str(&b), "### 三、问题及原因"));
    assert_non_null(strstr(jue_buf_str(&b), "80/100") == NULL ? "ok" : NULL);
    jue_buf_reset(&b);
    assert_int_equal(jue_perf_summary(s, &b), JUE_OK);
    assert_non_null(strstr(jue_buf_str(&b), "2024年度，本部门开展绩效自评的项目1个，涉及全年预算数0.00万元"));
    assert_non_null(strstr(jue_buf_str(&b), "“差”的项目1个"));
    assert_non_null(strstr(jue_buf_str(&b), "部门整体支出绩效自评得分80.00分，等级为“良”。"));
    jue_buf_free(&b);
    jue_perf_set_free(s);
    jue_diags_free(&d);
}

static void load_errors_all_at_once(void **state)
{
    (void)state;
    static const char BAD[] =
        "department: 测试局\n"
        "projects:\n"
        "  - name: 甲\n"
        "    funds:\n"
        "      fiscal: { annual: 12a, executed: 1 }\n"
        "    colour: red\n"
        "    indicators:\n"
        "      - { level1: 产出, name: 乙, target: \"≥10\", actual: 很多, weight: 50 }\n"
        "      - { level1: 其他, name: 丙, target: 好 }\n"
        "      - { level1: 效益, name: 丁, target: 好, band: 达成, percent: 50, weight: 40 }\n";
    jue_diags d;
    jue_diags_init(&d);
    jue_perf_set *s = NULL;
    assert_int_equal(jue_perf_parse("perf.yaml", BAD, sizeof BAD - 1, &s, &d), JUE_ERR_INVALID);
    assert_null(s);
    int want[][2] = { { 5, 33 }, { 6, 5 }, { 8, 55 }, { 9, 9 }, { 9, 7 }, { 10, 80 } };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        bool found = false;
        for (size_t k = 0; k < d.len; k++) found |= d.items[k].line == want[i][0];
        if (!found) print_error("no diagnostic on line %d\n", want[i][0]);
        assert_true(found);
    }
    for (size_t k = 0; k < d.len; k++) {
        assert_string_equal(d.items[k].file, "perf.yaml");
        assert_true(d.items[k].col > 0);
    }
    jue_diags_free(&d);
    /* syntax errors are reported too */
    jue_diags_init(&d);
    assert_int_equal(jue_perf_parse("perf.yaml", "a: [", 4, &s, &d), JUE_ERR_INVALID);
    assert_true(d.errors > 0);
    jue_diags_free(&d);
}

/* ---- audit of a published table -------------------------------------------- */

static void audit_text(void **state)
{
    (void)state;
    static const char DOC[] =
        "某局离休费项目支出绩效自评表\n"
        "项目名称\t离休费\n"
        "项目资金(万元)\t\t年初预算数\t全年预算数(A)\t全年执行数(B)\t分值\t执行率(B/A)\t得分\n"
        "\t年度资金总额\t80\t23.44\t23.44\t10\t29.3%\t10\n"
        "\t其中：当年财政拨款\t80\t23.441\t23.44\t——\t100%\t\n"
        "\t上年结转资金\t\t\t\t——\t\t\n"
        "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
        "\t产出指标(50分)\t数量指标\t人数\t100%\t100%\t50\t55\n"
        "\t效益指标(30分)\t社会效益指标\t效果\t好\t好\t30\t30\n"
        "\t满意度指标(10分)\t满意度\t满意\t≥90%\t95%\t10\t10\n"
        "总分\t\t\t\t\t100\t96\n"
        "自评等级：良\n";
    jue_findings f;
    jue_findings_init(&f);
    assert_int_equal(jue_perf_audit_buffer(DOC, sizeof DOC - 1, "doc.txt", NULL, NULL, NULL, &f), JUE_OK);
    const char *want[] = { "perf.rate", "perf.rate-score", "perf.figure", "perf.score", "perf.total", "perf.grade" };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        bool found = false;
        for (size_t k = 0; k < f.len; k++) found |= !strcmp(f.items[k].rule, want[i]);
        if (!found) print_error("no %s finding\n", want[i]);
        assert_true(found);
    }
    for (size_t k = 0; k < f.len; k++) {
        assert_true(f.items[k].line > 0);
        assert_string_equal(f.items[k].file, "doc.txt");
        if (!strcmp(f.items[k].rule, "perf.rate")) {
            assert_int_equal(f.items[k].line, 4);
            assert_string_equal(f.items[k].actual, "29.3%");
            assert_string_equal(f.items[k].expected, "100.00%");
        }
    }
    jue_findings_free(&f);
    /* a document without 自评表 gives nothing */
    jue_findings_init(&f);
    assert_int_equal(jue_perf_audit_buffer("只是说明。\n", strlen("只是说明。\n"), "x.txt", NULL, NULL, NULL, &f), JUE_OK);
    assert_int_equal(f.len, 0);
    jue_findings_free(&f);
}

/* The 自评表 audit of doc gives no error finding (each one printed). */
static void audit_without_error(const char *doc, size_t n)
{
    jue_findings f;
    jue_findings_init(&f);
    assert_int_equal(jue_perf_audit_buffer(doc, n, "doc.txt", NULL, NULL, NULL, &f), JUE_OK);
    for (size_t k = 0; k < f.len; k++) {
        if (f.items[k].severity == JUE_SEV_ERROR) print_error("%s %s\n", f.items[k].rule, f.items[k].message);
        assert_int_not_equal(f.items[k].severity, JUE_SEV_ERROR);
    }
    jue_findings_free(&f);
}

/* The 年度资金总额 row as a word processor's PDF gives it: the rate wrapped
 * ("98.83" over "%", the heading 执行率 merged over two columns), so a blank
 * cell stands between the rate and the score. The score is still read, and
 * the total holds. Made up. */
static void audit_score_after_blank(void **state)
{
    (void)state;
    static const char DOC[] =
        "某局医疗救助项目支出绩效自评表\n"
        "项目名称\t医疗救助\n"
        "项目资金(万元)\t\t年初预算数\t全年预算数(A)\t全年执行数(B)\t分值\t执行率(B/A)\t\t得分\n"
        "\t年度资金总额\t800.00\t820.00\t810.43\t10.00\t98.83\t\t9.88\n"
        "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
        "\t产出指标(50分)\t数量指标\t人次\t≥100\t100\t50.00\t50.00\n"
        "\t效益指标(30分)\t社会效益指标\t效果\t好\t好\t30.00\t30.00\n"
        "\t满意度指标(10分)\t满意度\t满意\t≥90%\t95%\t10.00\t10.00\n"
        "总分\t\t\t\t\t100.00\t99.88\n";
    audit_without_error(DOC, sizeof DOC - 1);
}

/* The fund rows' names wrapped in a narrow cell, their ends on the line
 * below ("年度资金总" / "额", "其中：当年" / "财政拨款"), as LibreOffice's PDF of a
 * narrow DOCX prints them: still the fund rows, so the 执行率's weight counts
 * (no perf.weights 90 against 100). Made up. */
static void audit_fund_names_wrapped(void **state)
{
    (void)state;
    static const char DOC[] =
        "某局医疗救助项目支出绩效自评表\n"
        "项目名称\t医疗救助\n"
        "项目资金(万元)\t\t年初预算数\t全年预算数(A)\t全年执行数(B)\t分值\t执行率(B/A)\t得分\n"
        "\t年度资金总\t800.00\t820.00\t810.43\t10\t98.83%\t9.88\n"
        "\t额\n"
        "\t其中：当年\t800.00\t820.00\t810.43\t——\t98.83%\t\n"
        "\t财政拨款\n"
        "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
        "\t产出指标(50分)\t数量指标\t人次\t≥100\t100\t50\t50\n"
        "\t效益指标(30分)\t社会效益指标\t效果\t好\t好\t30\t30\n"
        "\t满意度指标(10分)\t满意度\t满意\t≥90%\t95%\t10\t10\n"
        "总分\t\t\t\t\t100\t99.88\n";
    audit_without_error(DOC, sizeof DOC - 1);
}

/* ---- a 自评表 whose cells come one a line ------------------------------------ */

/* doc with every tab row's cells one a line, an empty cell an empty line, no
 * mark where a row ends: the text Word or LibreOffice saves from a table */
static char *one_a_line(const char *doc)
{
    char *out = malloc(strlen(doc) * 2 + 1), *o = out;
    for (const char *p = doc; *p; p++) *o++ = *p == '\t' ? '\n' : *p;
    *o = 0;
    return out;
}

/* "rule expected actual" of each finding, sorted, joined */
static char *finding_keys(const char *doc, const char *name)
{
    jue_findings f;
    jue_findings_init(&f);
    assert_int_equal(jue_perf_audit_buffer(doc, strlen(doc), name, NULL, NULL, NULL, &f), JUE_OK);
    char **k = calloc(f.len + 1, sizeof *k);
    for (size_t i = 0; i < f.len; i++) {
        size_t n = strlen(f.items[i].rule) + 64 + (f.items[i].expected ? strlen(f.items[i].expected) : 0) +
                   (f.items[i].actual ? strlen(f.items[i].actual) : 0);
        k[i] = malloc(n);
        snprintf(k[i], n, "%s %s %s;", f.items[i].rule, f.items[i].expected ? f.items[i].expected : "",
                 f.items[i].actual ? f.items[i].actual : "");
    }
    for (size_t i = 0; i < f.len; i++)   /* a few findings: insertion sort */
        for (size_t j = i; j > 0 && strcmp(k[j - 1], k[j]) > 0; j--) {
            char *t = k[j];
            k[j] = k[j - 1], k[j - 1] = t;
        }
    size_t total = 1;
    for (size_t i = 0; i < f.len; i++) total += strlen(k[i]);
    char *all = calloc(total, 1);
    for (size_t i = 0; i < f.len; i++) strcat(all, k[i]), free(k[i]);
    free(k);
    jue_findings_free(&f);
    return all;
}

static void stacked_cells(void **state)
{
    (void)state;
    /* a project table: wrong weights, a score above its weight, a wrong total */
    static const char PROJECT[] =
        "某局离休费项目支出绩效自评表\n"
        "项目名称\t离休费\n"
        "主管部门\t某局\n"
        "项目资金(万元)\t\t年初预算数\t全年预算数(A)\t全年执行数(B)\t分值\t执行率(B/A)\t得分\n"
        "\t年度资金总额\t80\t23.44\t23.44\t10\t29.3%\t10\n"
        "\t其中：当年财政拨款\t80\t23.441\t23.44\t——\t100%\t\n"
        "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
        "\t产出指标(50分)\t数量指标\t人数\t100\t100\t30.00\t31.00\t多计了一分\n"   /* 31 > 30 */
        "\t\t质量指标\t合格率\t100%\t100%\t15\t15\t无\n"                         /* 30 + 15 = 45, not 50 */
        "\t效益指标(30分)\t社会效益指标\t效果\t好\t好\t30\t30\t\n"
        "\t满意度指标(10分)\t满意度\t满意\t≥90%\t95%\t10\t10\t\n"
        "总分\t\t\t\t\t\t95\t96\n"
        "自评等级：优\n";
    char *tabs = finding_keys(PROJECT, "tabs.txt");
    char *stacked = one_a_line(PROJECT);
    char *lines = finding_keys(stacked, "lines.txt");
    assert_non_null(strstr(tabs, "perf.weights 50 45;"));
    assert_non_null(strstr(tabs, "perf.score 30.00 31.00;"));
    assert_string_equal(lines, tabs);   /* the same findings through both doors */
    free(tabs), free(lines), free(stacked);

    /* the same rows with no empty cell between them (the 偏差原因 filled in
     * and no leading cell): each row still ends after its pair of figures */
    static const char TIGHT[] =
        "某局离休费项目支出绩效自评表\n"
        "项目名称\t离休费\n"
        "主管部门\t某局\n"
        "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
        "产出指标(50分)\t数量指标\t人数\t100\t100\t30\t30\t无\n"
        "质量指标\t合格率\t100%\t100%\t20\t20\t无\n"
        "效益指标(40分)\t社会效益指标\t效果\t好\t好\t40\t40\t无\n"
        "满意度指标(10分)\t满意度\t满意\t≥90%\t95%\t10\t10\t无\n"
        "总分\t\t\t\t\t100\t100\t无\n";
    tabs = finding_keys(TIGHT, "tabs.txt");
    stacked = one_a_line(TIGHT);
    lines = finding_keys(stacked, "lines.txt");
    assert_string_equal(tabs, "");   /* a correct table: nothing */
    assert_string_equal(lines, "");  /* every weight read: 30 + 20 = 50 */
    free(tabs), free(lines), free(stacked);
    /* and a slip in it is found one-a-line as well */
    char *slip = strdup(TIGHT);
    char *at = strstr(slip, "\t20\t20\t");
    at[1] = '3';   /* 质量指标 weighs 30: 产出 sums to 60, not 50 */
    tabs = finding_keys(slip, "tabs.txt");
    stacked = one_a_line(slip);
    lines = finding_keys(stacked, "lines.txt");
    assert_non_null(strstr(tabs, "perf.weights 50 60;"));
    assert_string_equal(lines, tabs);
    free(tabs), free(lines), free(stacked), free(slip);
}

/* an 一级 whose indicator rows cannot be read (no 分值 得分 pair) is a warning
 * that says so, never "its weights sum to 0" */
static void unread_weights(void **state)
{
    (void)state;
    static const char DOC[] =
        "某局离休费项目支出绩效自评表\n"
        "项目名称\t离休费\n"
        "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
        "\t产出指标(50分)\t数量指标\t人数\t100%\t100%\t五十\t五十\n"
        "\t效益指标(40分)\t社会效益指标\t效果\t好\t好\t40\t40\n"
        "\t满意度指标(10分)\t满意度\t满意\t≥90%\t95%\t10\t10\n"
        "总分\t\t\t\t\t\t100\t100\n";
    char *k = finding_keys(DOC, "doc.txt");
    assert_null(strstr(k, "perf.weights"));   /* neither 50 against 0 nor all weights against 100 */
    assert_non_null(strstr(k, "perf.unread"));
    free(k);
    jue_findings f;
    jue_findings_init(&f);
    assert_int_equal(jue_perf_audit_buffer(DOC, sizeof DOC - 1, "doc.txt", NULL, NULL, NULL, &f), JUE_OK);
    for (size_t i = 0; i < f.len; i++)
        if (!strcmp(f.items[i].rule, "perf.unread")) {
            assert_int_equal(f.items[i].severity, JUE_SEV_WARNING);
            assert_int_equal(f.items[i].line, 4);
            assert_non_null(strstr(f.items[i].message, "产出指标"));
        }
    jue_findings_free(&f);
}

/* 部门整体: the 财政拨款 of a row is part of its 总额 (预算 and 执行); a part
 * above its whole beyond rounding is an error, a rounding tail is not */
static void fiscal_part(void **state)
{
    (void)state;
    static const char DOC[] =
        "某局部门整体支出绩效自评表\n"
        "单位名称\t某局\n"
        "年度主要任务完成情况\t任务名称\t主要内容\t完成情况\t全年预算数(万元)\t\t\t全年执行数(万元)\t\t\t分值\t执行率\t得分\n"
        "\t任务 1\t项目支出\t完成\t300\t300\t\t250\t260\t\t10\t83.33%\t8.33\n"   /* 4: 260 > 250 */
        "\t任务 2\t基本支出\t完成\t100.00\t100.004\t\t50.00\t50.00\t\t\t50%\t\n"   /* 5: a tail */
        "\t金额合计\t\t\t400\t400\t\t300\t310\t\t10\t75%\t7.5\n"                  /* 6: 310 > 300 */
        "绩效指标\t一级指标\t二级指标\t指标内容\t年度指标值\t实际完成值\t分值\t得分\n"
        "\t产出指标(90分)\t数量指标\t人数\t≥1\t1\t90\t90\n"
        "总分\t\t\t\t\t\t100\t97.5\n";
    jue_findings f;
    jue_findings_init(&f);
    assert_int_equal(jue_perf_audit_buffer(DOC, sizeof DOC - 1, "dept.txt", NULL, NULL, NULL, &f), JUE_OK);
    int lines[8] = { 0 };
    size_t n = 0;
    for (size_t k = 0; k < f.len; k++) {
        if (strcmp(f.items[k].rule, "perf.fiscal-part")) continue;
        if (n < 8) lines[n] = f.items[k].line;
        n++;
        assert_non_null(strstr(f.items[k].message, "全年执行数（财政拨款）"));
    }
    assert_int_equal(n, 2);
    assert_int_equal(lines[0], 4);
    assert_int_equal(lines[1], 6);
    jue_findings_free(&f);
}

/* ---- our own document: clean, then with planted errors ------------------------ */

static bool has_rule(const jue_findings *f, const char *rule)
{
    for (size_t k = 0; k < f->len; k++)
        if (!strcmp(f->items[k].rule, rule)) return true;
    return false;
}

/* Replaces the first `from` after the first `after` (NULL: from the start). */
static char *plant(const char *doc, const char *after, const char *from, const char *to)
{
    const char *base = after ? strstr(doc, after) : doc;
    const char *at = base ? strstr(base, from) : NULL;
    if (!at) return NULL;
    size_t n = strlen(doc), a = (size_t)(at - doc), fl = strlen(from), tl = strlen(to);
    char *out = malloc(n - fl + tl + 1);
    memcpy(out, doc, a);
    memcpy(out + a, to, tl);
    memcpy(out + a + tl, at + fl, n - a - fl + 1);
    return out;
}

/* The 年度资金总额 row with its name cut around its figures' line, as
 * `pdftotext -layout` prints a narrow cell of a word processor's PDF
 * ("年度资金总" over the figures, "额" under them): its 分值 10 is not read,
 * and the indicators' 90 and the 总分 100 accuse no one (a warning says
 * why); weights above 100 are wrong whatever the row held. Made up. */
static void audit_budget_weight_unread(void **state)
{
    (void)state;
    static const char DOC[] =
        "某局离休干部医药费项目支出绩效自评表\n"
        "项目名称\t离休干部医药费\n"
        "项目资金(万元)\t\t年初预算数\t全年预算数(A)\t全年执行数(B)\t分值\t执行率(B/A)\t得分\n"
        "\t年度资金总\t\t\t\t\t29.3\n"
        "\t\t80.00\t23.44\t23.44\t10\t\t10\n"
        "\t额\t\t\t\t\t%\n"
        "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
        "\t产出指标(50分)\t数量指标\t人次\t≥100\t100\t50\t50\n"
        "\t效益指标(30分)\t社会效益指标\t效果\t好\t好\t30\t30\n"
        "\t满意度指标(10分)\t满意度\t满意\t≥90%\t95%\t10\t10\n"
        "总分\t\t\t\t\t100\t100\n";
    audit_without_error(DOC, sizeof DOC - 1);
    jue_findings f;
    jue_findings_init(&f);
    assert_int_equal(jue_perf_audit_buffer(DOC, sizeof DOC - 1, "doc.txt", NULL, NULL, NULL, &f), JUE_OK);
    assert_true(has_rule(&f, "perf.unread"));
    jue_findings_free(&f);
    char *over = plant(DOC, "满意度指标", "\t10\t10\n", "\t30\t30\n");
    jue_findings_init(&f);
    assert_int_equal(jue_perf_audit_buffer(over, strlen(over), "doc.txt", NULL, NULL, NULL, &f), JUE_OK);
    bool said = false;
    for (size_t k = 0; k < f.len; k++)
        said |= !strcmp(f.items[k].rule, "perf.weights") && strstr(f.items[k].message, "未读到预算执行率的分值");
    assert_true(said);   /* the sum it gives is the indicators', not the 预算执行率's with them */
    jue_findings_free(&f);
    free(over);
}

/* A 自评表 with 年度资金总额 810.43万元 executed, after the line `say`. Made up. */
static char *self_eval_after(const char *say)
{
    static const char TABLE[] =
        "某局医疗救助项目支出绩效自评表\n"
        "\n"
        "| 项目名称 | 医疗救助 |  |  |  |  |  |  |\n"
        "|---|---|---|---|---|---|---|---|\n"
        "| 项目资金(万元) |  | 年初预算数 | 全年预算数(A) | 全年执行数(B) | 分值 | 执行率(B/A) | 得分 |\n"
        "|  | 年度资金总额 | 800.00 | 820.00 | 810.43 | 10 | 98.83% | 9.88 |\n"
        "| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
        "|  | 产出指标(50分) | 数量指标 | 人次 | ≥100 | 100 | 50 | 50 |\n"
        "|  | 效益指标(30分) | 社会效益指标 | 效果 | 好 | 好 | 30 | 30 |\n"
        "|  | 满意度指标(10分) | 满意度 | 满意 | ≥90% | 95% | 10 | 10 |\n"
        "| 总分 |  |  |  |  |  | 100 | 99.88 |\n";
    char *doc = malloc(strlen(say) + sizeof TABLE + 2);
    sprintf(doc, "%s\n\n%s", say, TABLE);
    return doc;
}

/* Markdown wraps a paragraph at a width (pandoc, 72 columns): "执行数
 * 8,004,300" / "元，…" is one sentence, its figure in 元, compared as
 * 800.43万元 with the table's 810.43. A figure with no unit written ("执行数
 * 8,104,300，") is 元 or 万元, not known: compared with nothing. */
static void audit_overview_units(void **state)
{
    (void)state;
    char *doc = self_eval_after("1\\. 医疗救助项目绩效自评综述：全年预算数 820 万元，执行数 8,004,300\n"
                                "元，完成预算的 98.83%。");
    jue_findings f;
    jue_findings_init(&f);
    assert_int_equal(jue_perf_audit_buffer(doc, strlen(doc), "doc.md", NULL, NULL, NULL, &f), JUE_OK);
    bool found = false;
    for (size_t k = 0; k < f.len; k++)
        if (!strcmp(f.items[k].rule, "perf.overview")) {
            assert_string_equal(f.items[k].actual, "8,004,300元");
            found = true;
        }
    assert_true(found);
    jue_findings_free(&f);
    free(doc);
    doc = self_eval_after("1. 医疗救助项目绩效自评综述：全年预算数 820 万元，执行数 8,104,300，完成预算的 98.83%。");
    audit_without_error(doc, strlen(doc));
    free(doc);
}

static void audit_html(const char *html, jue_findings *f)
{
    jue_findings_init(f);
    assert_int_equal(jue_perf_audit_buffer(html, strlen(html), "doc.html", NULL, NULL, NULL, f), JUE_OK);
}

static void own_document(void **state)
{
    (void)state;
    jue_diags d;
    jue_diags_init(&d);
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/examples/county-medical-security-2024", getenv("JUE_SRCDIR") ? getenv("JUE_SRCDIR") : ".");
    jue_catalog *cat = NULL;
    jue_profile *pr = NULL;
    jue_source *src = NULL;
    jue_disclosure *disc = NULL;
    assert_int_equal(jue_catalog_load(NULL, &cat, &d), JUE_OK);
    assert_int_equal(jue_profile_load(NULL, &pr, &d), JUE_OK);
    assert_int_equal(jue_source_load(dir, cat, &src, &d), JUE_OK);
    assert_non_null(src->perf);
    assert_int_equal(jue_compile(src, cat, pr, &disc, NULL, &d), JUE_OK);
    jue_document *doc = NULL;
    assert_int_equal(jue_document_build(src, disc, cat, pr, &doc, &d), JUE_OK);
    jue_buf h;
    jue_buf_init(&h);
    assert_int_equal(jue_render_document_html(doc, &h), JUE_OK);
    const char *html = jue_buf_str(&h);
    /* the notes' 预算绩效 paragraph is computed from perf.yaml */
    assert_non_null(strstr(html, "开展绩效自评的项目4个，涉及全年预算数22,505.00万元"));
    jue_findings f;
    audit_html(html, &f);
    for (size_t k = 0; k < f.len; k++) print_message("  %d %s %s\n", f.items[k].line, f.items[k].rule, f.items[k].message);
    assert_int_equal(f.len, 0);
    jue_findings_free(&f);
    /* planted: each change gives its finding */
    static const struct { const char *after, *from, *to, *rule; } P[] = {
        /* a 综述 whose 执行数 is not its table's */
        { "城乡居民医保参保县级匹配资金项目绩效自评综述", "执行数21,345.60万元", "执行数21,354.60万元", "perf.overview" },
        /* a 综述 whose rate is not B ÷ A */
        { "离休干部医疗补助项目绩效自评综述", "完成预算的95.00%", "完成预算的96.00%", "perf.overview" },
        /* a 综述 whose score is not the table's 总分 */
        { "医疗救助补助资金项目绩效自评综述", "自评得分99.28分", "自评得分92.28分", "perf.overview" },
        /* a 综述 naming the project otherwise */
        { NULL, "医疗救助补助资金项目绩效自评综述", "医疗补助救助资金项目绩效自评综述", "perf.overview-name" },
        /* the summary's average, amounts, counts */
        { NULL, "平均得分97.31分", "平均得分97.13分", "perf.summary" },
        { NULL, "涉及全年预算数22,505.00万元", "涉及全年预算数22,550.00万元", "perf.summary" },
        { NULL, "全年执行数22,429.89万元", "全年执行数22,429.98万元", "perf.summary" },
        { NULL, "“优”的项目4个", "“优”的项目3个", "perf.summary" },
        { NULL, "开展绩效自评的项目4个", "开展绩效自评的项目5个", "perf.summary-count" },
        /* the 部门整体 table spends more than table 03's 本年支出合计 */
        { "部门整体支出绩效自评表", "<td class=\"num\">23,865.52</td>", "<td class=\"num\">23,965.52</td>", "perf.dept-total" },
        /* a project spending more than all projects of table 03 */
        { "城乡居民医保参保县级匹配资金项目支出绩效自评表", "<td class=\"num\">21,345.60</td>", "<td class=\"num\">22,345.60</td>",
          "perf.project-total" },
        /* the table against itself */
        { "离休干部医疗补助项目支出绩效自评表", "<td class=\"num b\">98.50</td>", "<td class=\"num b\">96.50</td>", "perf.total" },
    };
    for (size_t i = 0; i < sizeof P / sizeof P[0]; i++) {
        char *bad = plant(html, P[i].after, P[i].from, P[i].to);
        if (!bad) fail_msg("planting %s: '%s' not found", P[i].rule, P[i].from);
        audit_html(bad, &f);
        if (!has_rule(&f, P[i].rule)) fail_msg("planted %s → %s: no %s finding", P[i].from, P[i].to, P[i].rule);
        for (size_t k = 0; k < f.len; k++) {
            assert_true(f.items[k].line > 0);
            assert_non_null(f.items[k].message);
        }
        jue_findings_free(&f);
        free(bad);
    }
    /* the same through Word: a 自评表 changed in the document model */
    for (size_t i = 0; i < doc->n; i++) {
        jue_form *fm = doc->blocks[i].form;
        if (doc->blocks[i].kind != JUE_BLK_FORM || !strstr(fm->title, "离休干部")) continue;
        jue_form_cell *c = &fm->cells[(size_t)(fm->nrows - 1) * (size_t)fm->ncols + 7];
        free(c->text);
        c->text = strdup("90.00");
    }
    char tmpl[] = "/tmp/jue-perf-XXXXXX";
    assert_non_null(mkdtemp(tmpl));
    char path[128];
    snprintf(path, sizeof path, "%s/doc.docx", tmpl);
    assert_int_equal(jue_render_document_docx(doc, path), JUE_OK);
    jue_findings_init(&f);
    assert_int_equal(jue_perf_audit_file(path, cat, pr, NULL, &f), JUE_OK);
    assert_true(has_rule(&f, "perf.total"));      /* 总分 90.00 while the scores add to 98.50 */
    assert_true(has_rule(&f, "perf.overview"));   /* and the 综述 still says 98.50 */
    jue_findings_free(&f);
    remove(path);
    rmdir(tmpl);
    jue_buf_free(&h);
    jue_document_free(doc);
    jue_disclosure_free(disc);
    jue_source_free(src);
    jue_profile_free(pr);
    jue_catalog_free(cat);
    jue_diags_free(&d);
}

/* The zhenan document's 综述 paragraphs against their tables (the summary,
 * 3 projects and 416.3万元 of 年初预算, agrees). */
static void zhenan_overview(void **state)
{
    (void)state;
    char path[4096];
    snprintf(path, sizeof path, "%s/fixtures/real/zhenan-medical-security-2023.txt",
             getenv("JUE_SHARED") ? getenv("JUE_SHARED") : "../shared");
    if (access(path, R_OK) != 0) skip();
    jue_findings f;
    jue_findings_init(&f);
    assert_int_equal(jue_perf_audit_file(path, NULL, NULL, NULL, &f), JUE_OK);
    int overview = 0, name = 0;
    for (size_t k = 0; k < f.len; k++) {
        const jue_finding *x = &f.items[k];
        assert_false(!strcmp(x->rule, "perf.summary") || !strcmp(x->rule, "perf.summary-count"));
        if (!strcmp(x->rule, "perf.overview")) {
            overview++;
            assert_true(x->line == 299 || x->line == 305 || x->line == 309);
        }
        if (!strcmp(x->rule, "perf.overview-name")) {
            name++;
            assert_int_equal(x->line, 309);
            assert_string_equal(x->actual, "医疗保障管理事务");
            assert_string_equal(x->expected, "医疗保障事务管理");
        }
        if (x->line == 299) {
            assert_string_equal(x->actual, "287万元");
            assert_non_null(strstr(x->message, "年初预算数"));
        }
    }
    assert_int_equal(overview, 3);
    assert_int_equal(name, 1);
    jue_findings_free(&f);
}

/* Severities and phrases are data: a check turned off gives nothing, a
 * mistake in the file is reported with its place. */
static void checks_as_data(void **state)
{
    (void)state;
    char dir[] = "/tmp/jue-perfchk-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/perf.yaml", dir);
    FILE *fp = fopen(path, "wb");
    fputs("checks:\n  perf.rate: off\n  perf.grade: warning\n  perf.nonsense: error\n", fp);
    fclose(fp);
    jue_diags d;
    jue_diags_init(&d);
    jue_perf_checks *k = NULL;
    assert_int_equal(jue_perf_checks_load(path, &k, &d), JUE_ERR_INVALID);
    assert_null(k);
    assert_int_equal(d.items[0].line, 4);
    jue_diags_free(&d);
    fp = fopen(path, "wb");
    fputs("checks:\n  perf.rate: off\n  perf.grade: warning\nphrases:\n  score: [总得分]\n", fp);
    fclose(fp);
    jue_diags_init(&d);
    assert_int_equal(jue_perf_checks_load(path, &k, &d), JUE_OK);
    static const char DOC[] =
        "某局甲项目支出绩效自评表\n"
        "项目名称\t甲\n"
        "项目资金(万元)\t\t年初预算数\t全年预算数(A)\t全年执行数(B)\t分值\t执行率(B/A)\t得分\n"
        "\t年度资金总额\t80\t20\t20\t10\t29.3%\t10\n"
        "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
        "\t产出指标(90分)\t数量指标\t人数\t100%\t100%\t90\t90\n"
        "总分\t\t\t\t\t100\t100\n"
        "自评等级：良\n"
        "1.甲项目绩效自评综述：全年预算数20万元，执行数20万元，总得分90分。\n";
    jue_findings f;
    jue_findings_init(&f);
    assert_int_equal(jue_perf_audit_buffer(DOC, sizeof DOC - 1, "doc.txt", NULL, NULL, k, &f), JUE_OK);
    bool grade = false, overview = false;
    for (size_t i = 0; i < f.len; i++) {
        assert_string_not_equal(f.items[i].rule, "perf.rate");   /* off */
        if (!strcmp(f.items[i].rule, "perf.grade")) grade = f.items[i].severity == JUE_SEV_WARNING;
        if (!strcmp(f.items[i].rule, "perf.overview")) overview = strstr(f.items[i].message, "90") != NULL;
    }
    assert_true(grade);
    assert_true(overview);   /* the 综述's 总得分 90 read by the phrase from the file */
    jue_findings_free(&f);
    jue_perf_checks_free(k);
    jue_diags_free(&d);
    remove(path);
    rmdir(dir);
}

/* The grade bands a document is checked with follow its profile: the
 * Shanghai names (合格/不合格), the national ones otherwise, the national
 * method for a profile without a scoring file. */
static void grades_by_profile(void **state)
{
    (void)state;
    jue_perf_profile sh, na, none;
    jue_perf_profile_for("shanghai-2024", &sh);
    jue_perf_profile_for("national", &na);
    jue_perf_profile_for("no-such-profile", &none);
    assert_string_equal(jue_perf_grade(75 * JUE_PERF_POINT, &sh), "合格");
    assert_string_equal(jue_perf_grade(59 * JUE_PERF_POINT, &sh), "不合格");
    assert_string_equal(jue_perf_grade(75 * JUE_PERF_POINT, &na), "中");
    assert_string_equal(jue_perf_grade(75 * JUE_PERF_POINT, &none), "中");
    assert_string_equal(jue_perf_grade(90 * JUE_PERF_POINT, &sh), "优");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(budget_rate),      cmocka_unit_test(ge_indicators),
        cmocka_unit_test(le_indicators),    cmocka_unit_test(eq_and_missing),
        cmocka_unit_test(qualitative),      cmocka_unit_test(grades),
        cmocka_unit_test(parse_values),     cmocka_unit_test(load_and_score),
        cmocka_unit_test(load_errors_all_at_once), cmocka_unit_test(audit_text), cmocka_unit_test(audit_score_after_blank), cmocka_unit_test(audit_fund_names_wrapped),
        cmocka_unit_test(audit_budget_weight_unread),
        cmocka_unit_test(audit_overview_units),
        cmocka_unit_test(fiscal_part), cmocka_unit_test(stacked_cells), cmocka_unit_test(unread_weights),
        cmocka_unit_test(ge_boundaries),    cmocka_unit_test(le_boundaries),
        cmocka_unit_test(eq_boundaries),    cmocka_unit_test(qualitative_bands),
        cmocka_unit_test(budget_boundaries), cmocka_unit_test(weights_and_rescoring),
        cmocka_unit_test(targets_and_summary), cmocka_unit_test(own_document),
        cmocka_unit_test(zhenan_overview),  cmocka_unit_test(checks_as_data), cmocka_unit_test(grades_by_profile),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
