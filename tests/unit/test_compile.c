/* Compiler tests. The property test builds many random sources, compiles
 * them and checks, independently of the compiler's own construction, every
 * identity of DOMAIN.md §2 on the printed figures and that every printed
 * figure is within 0.01 万元 of its true value. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <juesuan/compile.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const T4I[3] = { JUE_L4_INC_GENERAL, JUE_L4_INC_GOVFUND, JUE_L4_INC_SOE };
#define T04_INC_NAME(f) T4I[f]

static jue_catalog *CAT;
static jue_profile *PROF;

static int setup(void **state)
{
    (void)state;
    jue_diags d;
    jue_diags_init(&d);
    if (jue_catalog_load(NULL, &CAT, &d) != JUE_OK) return -1;
    if (jue_profile_load(NULL, &PROF, &d) != JUE_OK) return -1;
    jue_diags_free(&d);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    jue_catalog_free(CAT);
    jue_profile_free(PROF);
    return 0;
}

/* ---------- an independent checker of the identities ---------- */

static int failures;
static char first_failure[512];

static void fail_at(const char *fmt, ...)
{
    if (failures++ == 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(first_failure, sizeof first_failure, fmt, ap);
        va_end(ap);
    }
}

static jue_fen P(const jue_table *t, int r, const char *col)
{
    int c = jue_table_find_col(t, col);
    if (r < 0 || c < 0) return 0;
    const jue_cell *x = jue_table_cell_c(t, (size_t)r, (size_t)c);
    return x->present ? x->printed : 0;
}

static jue_fen PK(const jue_table *t, const char *row, jue_side side, const char *col)
{
    return P(t, jue_table_find_row(t, row, side), col);
}

static void eq(jue_fen a, jue_fen b, const char *what, const char *where)
{
    if (a != b) fail_at("%s at %s: %lld ≠ %lld", what, where, (long long)a, (long long)b);
}

/* In a code table: 合计 = Σ 类, 类 = Σ 款, 款 = Σ 项, for every column. */
static void check_hierarchy(const jue_table *t, const char *label)
{
    for (size_t c = 0; c < t->ncols; c++) {
        jue_fen total = 0;
        for (size_t r = 0; r < t->nrows; r++) {
            const jue_row *row = &t->rows[r];
            if (row->level == JUE_LEVEL_LEI && strlen(row->key) == 3) total += P(t, (int)r, t->cols[c].key);
            if (row->level == JUE_LEVEL_NONE || row->level == JUE_LEVEL_XIANG) continue;
            size_t want = strlen(row->key) + 2;
            jue_fen kids = 0;
            int nk = 0;
            for (size_t q = 0; q < t->nrows; q++)
                if (strlen(t->rows[q].key) == want && !strncmp(t->rows[q].key, row->key, strlen(row->key)) &&
                    t->rows[q].level != JUE_LEVEL_NONE) {
                    kids += P(t, (int)q, t->cols[c].key);
                    nk++;
                }
            if (nk) eq(P(t, (int)r, t->cols[c].key), kids, "parent = Σ children", label);
        }
        int tr = jue_table_find_row(t, "合计", JUE_SIDE_NONE);
        if (tr >= 0) eq(P(t, tr, t->cols[c].key), total, "合计 = Σ 类", label);
    }
}

static void check_row_sums(const jue_table *t, const char *total_col, const char *const *parts, size_t n,
                           const char *label)
{
    for (size_t r = 0; r < t->nrows; r++) {
        jue_fen s = 0;
        for (size_t i = 0; i < n; i++) s += P(t, (int)r, parts[i]);
        eq(P(t, (int)r, total_col), s, "row total = Σ columns", label);
    }
}

static void check_disclosure(const jue_disclosure *d)
{
    const jue_table *t1 = d->tables[JUE_T01], *t2 = d->tables[JUE_T02], *t3 = d->tables[JUE_T03],
                    *t4 = d->tables[JUE_T04], *t5 = d->tables[JUE_T05], *t6 = d->tables[JUE_T06],
                    *t7 = d->tables[JUE_T07], *t8 = d->tables[JUE_T08], *t9 = d->tables[JUE_T09];
    const jue_side I = JUE_SIDE_INCOME, E = JUE_SIDE_EXPEND;
    static const char *const INC[8] = { JUE_L_INC_GENERAL, JUE_L_INC_GOVFUND, JUE_L_INC_SOE, JUE_L_INC_SUPERIOR,
                                        JUE_L_INC_BUSINESS, JUE_L_INC_OPERATING, JUE_L_INC_AFFILIATED, JUE_L_INC_OTHER };
    /* every printed figure within 0.01 万元 of the truth */
    for (int t = 0; t < JUE_NTABLES; t++)
        for (size_t i = 0; i < d->tables[t]->nrows * d->tables[t]->ncols; i++) {
            const jue_cell *c = &d->tables[t]->cells[i];
            jue_fen dv = c->printed - c->exact;
            if (c->present && (dv > 10000 || dv < -10000))
                fail_at("T0%d cell %zu printed %lld true %lld", t + 1, i, (long long)c->printed, (long long)c->exact);
            if (c->present && c->printed % 10000) fail_at("T0%d cell %zu not whole 0.01 万元", t + 1, i);
        }
    /* 01 */
    jue_fen s = 0;
    for (int i = 0; i < 8; i++) s += PK(t1, INC[i], I, "决算数");
    eq(PK(t1, JUE_L_INC_TOTAL, I, "决算数"), s, "01 本年收入合计", "T01");
    eq(PK(t1, JUE_L_INC_GRAND, I, "决算数"),
       PK(t1, JUE_L_INC_TOTAL, I, "决算数") + PK(t1, JUE_L_USE_NONFISCAL, I, "决算数") + PK(t1, JUE_L_BEGIN, I, "决算数"),
       "01 收入总计", "T01");
    s = 0;
    for (size_t r = 0; r < t1->nrows; r++)
        if (t1->rows[r].side == E && t1->rows[r].level == JUE_LEVEL_LEI) {
            s += P(t1, (int)r, "决算数");
            eq(P(t1, (int)r, "决算数"), PK(t3, t1->rows[r].key, JUE_SIDE_NONE, "本年支出合计"), "01 类 = 03 类", t1->rows[r].key);
        }
    eq(PK(t1, JUE_L_EXP_TOTAL, E, "决算数"), s, "01 本年支出合计", "T01");
    eq(PK(t1, JUE_L_EXP_GRAND, E, "决算数"),
       PK(t1, JUE_L_EXP_TOTAL, E, "决算数") + PK(t1, JUE_L_DISTRIBUTE, E, "决算数") + PK(t1, JUE_L_END, E, "决算数"),
       "01 支出总计", "T01");
    eq(PK(t1, JUE_L_INC_GRAND, I, "决算数"), PK(t1, JUE_L_EXP_GRAND, E, "决算数"), "01 收入总计 = 支出总计", "T01");
    /* 01 vs 02/03 */
    eq(PK(t1, JUE_L_INC_TOTAL, I, "决算数"), PK(t2, "合计", 0, "本年收入合计"), "01 vs 02 合计", "T01/T02");
    eq(PK(t1, JUE_L_EXP_TOTAL, E, "决算数"), PK(t3, "合计", 0, "本年支出合计"), "01 vs 03 合计", "T01/T03");
    eq(PK(t1, INC[0], I, "决算数") + PK(t1, INC[1], I, "决算数") + PK(t1, INC[2], I, "决算数"),
       PK(t2, "合计", 0, "财政拨款收入"), "01 lines 1–3 = 02 财政拨款收入", "T01/T02");
    static const char *const T2C[5] = { "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入" };
    for (int i = 0; i < 5; i++) eq(PK(t1, INC[3 + i], I, "决算数"), PK(t2, "合计", 0, T2C[i]), "01 line = 02 column", T2C[i]);
    /* 02, 03 */
    static const char *const T2P[6] = { "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入" };
    check_row_sums(t2, "本年收入合计", T2P, 6, "T02");
    check_hierarchy(t2, "T02");
    static const char *const T3P[5] = { "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出" };
    check_row_sums(t3, "本年支出合计", T3P, 5, "T03");
    check_hierarchy(t3, "T03");
    if (t2->nrows != t3->nrows) fail_at("02 and 03 have different rows");
    for (size_t r = 0; r < t2->nrows && r < t3->nrows; r++)
        if (strcmp(t2->rows[r].key, t3->rows[r].key)) fail_at("02/03 row %zu differs", r);
    /* 04 */
    static const char *const F4[3] = { "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款" };
    for (size_t r = 0; r < t4->nrows; r++)
        if (t4->rows[r].side == E) {
            s = 0;
            for (int f = 0; f < 3; f++) s += P(t4, (int)r, F4[f]);
            eq(P(t4, (int)r, "合计"), s, "04 合计 = Σ funds", t4->rows[r].key);
        }
    for (int f = 0; f < 3; f++)
        eq(PK(t4, T04_INC_NAME(f), I, "合计"), PK(t1, INC[f], I, "决算数"), "04 income = 01 line", F4[f]);
    for (int c = 0; c < 4; c++) {
        const char *col = c ? F4[c - 1] : "合计";
        s = 0;
        for (size_t r = 0; r < t4->nrows; r++)
            if (t4->rows[r].side == E && t4->rows[r].level == JUE_LEVEL_LEI) s += P(t4, (int)r, col);
        eq(PK(t4, JUE_L_EXP_TOTAL, E, col), s, "04 本年支出合计 = Σ 类", col);
        eq(PK(t4, JUE_L_EXP_GRAND, E, col), PK(t4, JUE_L_EXP_TOTAL, E, col) + PK(t4, JUE_L4_END, E, col), "04 支出总计", col);
    }
    eq(PK(t4, JUE_L_INC_TOTAL, I, "合计"),
       PK(t4, T04_INC_NAME(0), I, "合计") + PK(t4, T04_INC_NAME(1), I, "合计") + PK(t4, T04_INC_NAME(2), I, "合计"),
       "04 本年收入合计", "T04");
    eq(PK(t4, JUE_L_INC_GRAND, I, "合计"), PK(t4, JUE_L_INC_TOTAL, I, "合计") + PK(t4, JUE_L4_BEGIN, I, "合计"), "04 收入总计", "T04");
    eq(PK(t4, JUE_L_INC_GRAND, I, "合计"), PK(t4, JUE_L_EXP_GRAND, E, "合计"), "04 收入总计 = 支出总计", "T04");
    s = 0;
    for (int f = 0; f < 3; f++) {
        char key[96];
        snprintf(key, sizeof key, "%s%s", JUE_L4_BEGIN_PREFIX, F4[f]);
        s += PK(t4, key, I, "合计");
        eq(PK(t4, key, I, "合计"), PK(t4, JUE_L4_BEGIN, I, F4[f]), "04 年初 line by fund", key);
    }
    eq(PK(t4, JUE_L4_BEGIN, I, "合计"), s, "04 年初 = Σ fund lines", "T04");
    /* per fund: 年初 + 收入 = 支出 + 年末 */
    for (int f = 0; f < 3; f++)
        eq(PK(t4, JUE_L4_BEGIN, I, F4[f]) + PK(t4, T04_INC_NAME(f), I, "合计"),
           PK(t4, JUE_L_EXP_TOTAL, E, F4[f]) + PK(t4, JUE_L4_END, E, F4[f]), "04 fund balance", F4[f]);
    /* 04 vs 05 */
    for (size_t r = 0; r < t4->nrows; r++)
        if (t4->rows[r].side == E && t4->rows[r].level == JUE_LEVEL_LEI)
            eq(P(t4, (int)r, F4[0]), PK(t5, t4->rows[r].key, 0, "合计"), "04 一般公共预算 类 = 05 类", t4->rows[r].key);
    eq(PK(t5, "合计", 0, "合计"), PK(t4, JUE_L_EXP_TOTAL, E, F4[0]), "05 合计 = 04 一般公共预算", "T05");
    static const char *const T5P[2] = { "基本支出", "项目支出" };
    check_row_sums(t5, "合计", T5P, 2, "T05");
    check_hierarchy(t5, "T05");
    /* 06 */
    jue_fen pers = 0, pub = 0;
    for (size_t r = 0; r < t6->nrows; r++) {
        const jue_row *row = &t6->rows[r];
        if (row->level == JUE_LEVEL_LEI) {
            *(row->side == JUE_SIDE_PERSONNEL ? &pers : &pub) += P(t6, (int)r, "决算数");
            jue_fen kids = 0;
            for (size_t q = 0; q < t6->nrows; q++)
                if (t6->rows[q].level == JUE_LEVEL_KUAN && !strncmp(t6->rows[q].key, row->key, 3)) kids += P(t6, (int)q, "决算数");
            eq(P(t6, (int)r, "决算数"), kids, "06 类 = Σ 款", row->key);
        }
    }
    eq(PK(t6, JUE_L6_PERSONNEL, 0, "决算数"), pers, "06 人员经费合计", "T06");
    eq(PK(t6, JUE_L6_PUBLIC, 0, "决算数"), pub, "06 公用经费合计", "T06");
    eq(PK(t5, "合计", 0, "基本支出"), pers + pub, "05 基本 = 06 人员 + 公用", "T05/T06");
    /* 07, 08 */
    const jue_table *tf[2] = { t7, t8 };
    for (int k = 0; k < 2; k++) {
        const jue_table *t = tf[k];
        check_row_sums(t, "小计", T5P, 2, k ? "T08" : "T07");
        check_hierarchy(t, k ? "T08" : "T07");
        for (size_t r = 0; r < t->nrows; r++)
            eq(P(t, (int)r, "年末结转和结余"),
               P(t, (int)r, "年初结转和结余") + P(t, (int)r, "本年收入") - P(t, (int)r, "小计"), "07/08 年末", t->rows[r].key);
        eq(PK(t, "合计", 0, "小计"), PK(t4, JUE_L_EXP_TOTAL, E, F4[k + 1]), "07/08 支出 = 04 fund", "T07/T08");
        eq(PK(t, "合计", 0, "本年收入"), PK(t4, T04_INC_NAME(k + 1), I, "合计"), "07/08 收入 = 04 income", "T07/T08");
    }
    /* 09 */
    for (int c = 0; c < 2; c++) {
        const char *col = c ? "决算数" : "预算数";
        eq(PK(t9, JUE_L9_CAR, 0, col), PK(t9, JUE_L9_CAR_BUY, 0, col) + PK(t9, JUE_L9_CAR_RUN, 0, col), "09 车小计", col);
        eq(PK(t9, JUE_L9_TOTAL, 0, col),
           PK(t9, JUE_L9_ABROAD, 0, col) + PK(t9, JUE_L9_CAR, 0, col) + PK(t9, JUE_L9_RECEPTION, 0, col), "09 合计", col);
    }
}

/* ---------- random sources ---------- */

static uint64_t rng = 88172645463325252ULL;
static uint64_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* log-uniform amounts from 1 分 to 10^11 分, some exact multiples of 0.01 万元 */
static jue_fen rnd_amount(void)
{
    int digits = 1 + (int)(rnd() % 11);
    jue_fen v = 1;
    for (int i = 0; i < digits; i++) v *= 10;
    v = (jue_fen)(rnd() % (uint64_t)v) + 1;
    if (rnd() % 5 == 0) v = (v / 10000 + 1) * 10000;
    return v;
}

typedef struct { const char *v[512]; size_t n; } pool;

static void collect(pool *p, jue_cat_kind kind, const char *code, int year, int depth)
{
    const char *kids[256];
    size_t n = jue_catalog_children(CAT, kind, code, year, kids, 256);
    if (n > 256) n = 256;
    for (size_t i = 0; i < n; i++) {
        if (depth == 0 && p->n < 512) p->v[p->n++] = kids[i];
        else collect(p, kind, kids[i], year, depth - 1);
    }
}

static jue_source *random_source(int year)
{
    static pool xiang, econ_basic;
    static int pool_year;
    if (pool_year != year) {
        xiang.n = econ_basic.n = 0;
        static const char *const cls[] = { "208", "210", "221", "229", "201" };
        for (size_t i = 0; i < 5; i++) collect(&xiang, JUE_CAT_FUNCTIONAL, cls[i], year, 1);
        static const char *const ecl[] = { "301", "302", "303", "310", "399" };
        for (size_t i = 0; i < 5; i++) collect(&econ_basic, JUE_CAT_ECONOMIC, ecl[i], year, 0);
        pool_year = year;
    }
    assert_true(xiang.n > 10);
    assert_true(econ_basic.n > 10);
    jue_source *s = calloc(1, sizeof *s);
    s->dir = strdup("random");
    s->department = strdup("测试局");
    s->year = year;
    s->nunits = 1 + rnd() % 4;
    s->units = calloc(s->nunits, sizeof *s->units);
    for (size_t u = 0; u < s->nunits; u++) {
        char id[24];
        snprintf(id, sizeof id, "u%zu", u);
        s->units[u].id = strdup(id);
        s->units[u].name = strdup(id);
        s->units[u].is_main = u == 0;
    }
    size_t nlines = 1 + rnd() % 120;
    s->exp = calloc(nlines, sizeof *s->exp);
    s->income = calloc(nlines + 8, sizeof *s->income);
    s->carry = calloc(16 + nlines, sizeof *s->carry);
    jue_fen fund_exp[JUE_NFUNDS] = { 0 };
    /* per-code totals for 政府性基金 and 国有资本经营 (balanced per code) */
    for (size_t i = 0; i < nlines; i++) {
        jue_exp_line *e = &s->exp[s->nexp++];
        e->unit = (int)(rnd() % s->nunits);
        int f = (int)(rnd() % 10);
        e->fund = f < 6 ? JUE_FUND_GENERAL : f < 8 ? JUE_FUND_GOVFUND : f < 9 ? JUE_FUND_SOE : JUE_FUND_NONFISCAL;
        e->kind = e->fund == JUE_FUND_NONFISCAL ? (jue_exp_kind)(rnd() % JUE_NKINDS) : (jue_exp_kind)(rnd() % 2);
        snprintf(e->code, sizeof e->code, "%s", xiang.v[rnd() % xiang.n]);
        if (e->fund == JUE_FUND_GENERAL && e->kind == JUE_KIND_BASIC)
            snprintf(e->econ, sizeof e->econ, "%s", econ_basic.v[rnd() % econ_basic.n]);
        e->amount = rnd_amount();
        fund_exp[e->fund] += e->amount;
        /* govfund/soe: income on the same code, with a random carry-over split */
        if (e->fund == JUE_FUND_GOVFUND || e->fund == JUE_FUND_SOE) {
            jue_fen begin = rnd() % 3 ? 0 : rnd_amount();
            jue_fen end = rnd() % 3 ? 0 : rnd_amount();
            jue_income_line *in = &s->income[s->nincome++];
            in->unit = e->unit;
            in->source = e->fund == JUE_FUND_GOVFUND ? JUE_SRC_GOVFUND : JUE_SRC_SOE;
            memcpy(in->code, e->code, 8);
            in->amount = e->amount + end - begin;
            if (in->amount < 0) { end -= in->amount; in->amount = 0; }
            jue_carry_line *cb = &s->carry[s->ncarry++];
            *cb = (jue_carry_line){ e->unit, e->fund, false, "", begin, 0 };
            memcpy(cb->code, e->code, 8);
            jue_carry_line *ce = &s->carry[s->ncarry++];
            *ce = (jue_carry_line){ e->unit, e->fund, true, "", end, 0 };
            memcpy(ce->code, e->code, 8);
        }
    }
    /* general fund and non-fiscal income: spread over codes, balance via 年末 */
    for (int f = 0; f < 2; f++) {
        jue_fund fund = f ? JUE_FUND_NONFISCAL : JUE_FUND_GENERAL;
        jue_fen begin = rnd() % 2 ? rnd_amount() : 0;
        jue_fen inc_total = fund_exp[fund] + (rnd() % 2 ? rnd_amount() : 0);
        int parts = 1 + (int)(rnd() % 4);
        jue_fen left = inc_total;
        for (int p = 0; p < parts; p++) {
            jue_income_line *in = &s->income[s->nincome++];
            in->unit = (int)(rnd() % s->nunits);
            in->source = fund == JUE_FUND_GENERAL ? JUE_SRC_GENERAL : (jue_income_source)(JUE_SRC_SUPERIOR + rnd() % 5);
            snprintf(in->code, sizeof in->code, "%s", xiang.v[rnd() % xiang.n]);
            in->amount = p == parts - 1 ? left : left / 2;
            left -= in->amount;
        }
        jue_carry_line *cb = &s->carry[s->ncarry++];
        *cb = (jue_carry_line){ 0, fund, false, "", begin, 0 };
        jue_carry_line *ce = &s->carry[s->ncarry++];
        *ce = (jue_carry_line){ 0, fund, true, "", begin + inc_total - fund_exp[fund], 0 };
    }
    for (int q = 0; q < JUE_N3P; q++) s->three_budget[q] = rnd() % 2 ? rnd_amount() : 0;
    return s;
}

static void test_property_random_sources(void **state)
{
    (void)state;
    /* JUE_PROPERTY_RUNS raises the count for a longer soak (default 400) */
    size_t unresolved = 0, runs = getenv("JUE_PROPERTY_RUNS") ? strtoul(getenv("JUE_PROPERTY_RUNS"), NULL, 10) : 400;
    for (size_t run = 0; run < runs; run++) {
        jue_source *s = random_source(2022 + (int)(run % 3));
        jue_diags d;
        jue_diags_init(&d);
        jue_disclosure *disc = NULL;
        jue_compile_stats st;
        jue_status rc = jue_compile(s, CAT, PROF, &disc, &st, &d);
        if (rc != JUE_OK && d.len) fprintf(stderr, "run %zu: %s\n", run, d.items[0].message);
        assert_int_equal(rc, JUE_OK);
        failures = 0;
        check_disclosure(disc);
        if (failures) fprintf(stderr, "run %zu: %d identity failures; first: %s (atoms %zu cons %zu iter %zu unresolved %zu)\n", run, failures, first_failure, st.atoms, st.constraints, st.iterations, st.unresolved);
        assert_int_equal(failures, 0);
        unresolved += st.unresolved;
        assert_true(st.max_deviation <= 10000);
        jue_disclosure_free(disc);
        jue_source_free(s);
        jue_diags_free(&d);
    }
    assert_int_equal(unresolved, 0);
}

/* The checker itself must catch a broken table. */
static void test_checker_catches_a_broken_total(void **state)
{
    (void)state;
    jue_source *s = random_source(2024);
    jue_diags d;
    jue_diags_init(&d);
    jue_disclosure *disc = NULL;
    assert_int_equal(jue_compile(s, CAT, PROF, &disc, NULL, &d), JUE_OK);
    failures = 0;
    check_disclosure(disc);
    assert_int_equal(failures, 0);
    jue_table *t3 = disc->tables[JUE_T03];
    int r = jue_table_find_row(t3, "合计", JUE_SIDE_NONE);
    jue_table_cell(t3, (size_t)r, 0)->printed += 10000;
    check_disclosure(disc);
    assert_true(failures > 0);
    jue_disclosure_free(disc);
    jue_source_free(s);
    jue_diags_free(&d);
}

static jue_source *load_dir(const char *rel, jue_diags *d)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", getenv("JUE_SRCDIR") ? getenv("JUE_SRCDIR") : ".", rel);
    jue_source *s = NULL;
    jue_source_load(path, CAT, &s, d);
    return s;
}

static void test_example_compiles_exactly(void **state)
{
    (void)state;
    jue_diags d;
    jue_diags_init(&d);
    jue_source *s = load_dir("examples/county-medical-security-2024", &d);
    assert_non_null(s);
    jue_disclosure *disc = NULL;
    jue_compile_stats st;
    assert_int_equal(jue_compile(s, CAT, PROF, &disc, &st, &d), JUE_OK);
    assert_int_equal(d.errors, 0);
    assert_int_equal(st.unresolved, 0);
    failures = 0;
    check_disclosure(disc);
    assert_int_equal(failures, 0);
    /* known figures: 城乡居民医保补助 213,456,000.00 元 = 21,345.60 万元, exact */
    const jue_table *t5 = disc->tables[JUE_T05];
    int r = jue_table_find_row(t5, "2101202", JUE_SIDE_NONE);
    assert_true(r >= 0);
    assert_int_equal(jue_table_cell_c(t5, (size_t)r, 0)->printed, 21345600000LL);
    /* 三公 决算: 公务用车运行维护费 38,650 + 12,400 元 = 5.11 万元 (5.105 rounds half up) */
    const jue_table *t9 = disc->tables[JUE_T09];
    r = jue_table_find_row(t9, JUE_L9_CAR_RUN, JUE_SIDE_NONE);
    assert_int_equal(jue_table_cell_c(t9, (size_t)r, 1)->exact, 5105000);
    /* 国有资本经营: none, so table 08 is empty with its note */
    assert_true(disc->tables[JUE_T08]->empty);
    assert_non_null(disc->tables[JUE_T08]->note);
    assert_non_null(strstr(disc->tables[JUE_T08]->note, "青溪县医疗保障局2024年度没有国有资本经营"));
    assert_false(disc->tables[JUE_T07]->empty);
    jue_disclosure_free(disc);
    jue_source_free(s);
    jue_diags_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_example_compiles_exactly),
        cmocka_unit_test(test_checker_catches_a_broken_total),
        cmocka_unit_test(test_property_random_sources),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
