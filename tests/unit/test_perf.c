/* Unit tests for juesuan/perf.h: each scoring rule and direction with its
 * boundaries, grades, value parsing, the perf.yaml loader (all mistakes in
 * one run), the outputs, and the audit of a published 自评表. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <juesuan/perf.h>

#define V(x) ((int64_t)(x) * JUE_PERF_VSCALE)
#define P(x) ((x) * JUE_PERF_POINT)

static jue_perf_profile prof;

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
    assert_non_null(strstr(jue_buf_str(&b), "<td class=\"n\">80.00</td>"));
    jue_buf_reset(&b);
    assert_int_equal(jue_perf_markdown(s, &b), JUE_OK);
    assert_non_null(strstr(jue_buf_str(&b), "### 三、问题及原因"));
    assert_non_null(strstr(jue_buf_str(&b), "80/100") == NULL ? "ok" : NULL);
    jue_buf_reset(&b);
    assert_int_equal(jue_perf_summary(s, &b), JUE_OK);
    assert_non_null(strstr(jue_buf_str(&b), "1 个项目支出"));
    assert_non_null(strstr(jue_buf_str(&b), "差 1 个"));
    assert_non_null(strstr(jue_buf_str(&b), "得分 80.00 分"));
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
    assert_int_equal(jue_perf_audit_buffer(DOC, sizeof DOC - 1, "doc.txt", NULL, NULL, &f), JUE_OK);
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
    assert_int_equal(jue_perf_audit_buffer("只是说明。\n", strlen("只是说明。\n"), "x.txt", NULL, NULL, &f), JUE_OK);
    assert_int_equal(f.len, 0);
    jue_findings_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(budget_rate),      cmocka_unit_test(ge_indicators),
        cmocka_unit_test(le_indicators),    cmocka_unit_test(eq_and_missing),
        cmocka_unit_test(qualitative),      cmocka_unit_test(grades),
        cmocka_unit_test(parse_values),     cmocka_unit_test(load_and_score),
        cmocka_unit_test(load_errors_all_at_once), cmocka_unit_test(audit_text),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
