/* Auditing published 自评表: find them among the grids every importer door
 * produces (they are not among the nine tables, so their rows are notes
 * rows), read their figures as the intervals they stand for, and check
 * them against themselves: 合计 vs items, 执行率 = B/A, the 预算执行率 score,
 * scores within weights, weights making 100, the total and the grade.
 *
 * Published tables lose columns in conversion (a merged cell printed as
 * nothing), so figures are found by anchors rather than fixed columns: the
 * 执行率 cell (the only one with %) in budget rows, the last two plain
 * numbers (分值, 得分) in indicator rows. */
#include "perf_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/import_internal.h"

typedef enum { F_MONEY, F_POINTS, F_RATE } fkind;

typedef struct {
    bool present;     /* a figure was printed (not blank, not a dash) */
    bool bad;         /* printed but not a figure of its kind */
    const char *text;
    int decimals;
    int64_t value;    /* 分, hundredths of a point, or ppb */
    jue_interval iv;
} fig;

#define MAX_ROWS 64
#define NAMT 6        /* 部门整体: 预算 总额/财政拨款/其他, 执行 总额/财政拨款/其他 */

typedef struct {
    int line, page;
    fig amt[NAMT];    /* project rows use amt[0..2] = 年初, A, B */
    fig weight, rate, score;
} brow;

typedef struct {
    int line, page;
    int l1;
    fig weight, score;
} irow;

typedef struct {
    jue_buf title;
    int line;
    bool dept_layout;            /* task rows (任务 N) and 金额合计 */
    bool seen_initial;           /* a header with 年初预算数: project layout */
    brow tasks[MAX_ROWS];
    size_t ntasks;
    brow sum;                    /* 金额合计 */
    bool has_sum;
    brow fund[JUE_PSRC_N];
    bool has_fund[JUE_PSRC_N];
    bool in_ind;
    int cur_l1;
    int declared[JUE_L1_N], declared_line[JUE_L1_N], declared_page[JUE_L1_N];
    irow ind[MAX_ROWS];
    size_t nind;
    bool has_total;
    int total_line, total_page;
    fig total_weight, total_score;
    char grade[16];
    int grade_line, grade_page;
    int rows;
} ptable;

typedef struct {
    const char *file;
    jue_findings *out;
    jue_status err;
} actx;

/* --- figures ----------------------------------------------------------- */

static bool is_dash(const char *s)
{
    if (!*s) return true;
    for (; *s; s++) {
        if (*s == '-' || *s == ' ') continue;
        if (!strncmp(s, "—", 3) || !strncmp(s, "－", 3) || !strncmp(s, "─", 3) || !strncmp(s, "一", 3)) {
            s += 2;
            continue;
        }
        return false;
    }
    return true;
}

/* Plain decimal as hundredths, its printed interval; false if not one. */
static bool points(const char *s, fig *f)
{
    int64_t v = 0;
    int digits = 0, dec = -1;
    while (*s == ' ') s++;
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9') {
            if (v > 100000000) return false;
            v = v * 10 + (*s - '0');
            digits++;
            if (dec >= 0) dec++;
        } else if (*s == '.' && dec < 0 && digits) {
            dec = 0;
        } else {
            break;
        }
    }
    while (*s == ' ') s++;
    if (*s || !digits || dec > 2 || dec == 0) return false;
    if (dec < 0) dec = 0;
    f->decimals = dec;
    for (int d = dec; d < 2; d++) v *= 10;
    /* ±half a unit of the last printed digit; at 2 decimals that is half a
     * hundredth, rounded outward to one */
    int64_t half = dec == 0 ? 50 : dec == 1 ? 5 : 1;
    f->value = v;
    f->iv.lo = v - half;
    f->iv.hi = v + half;
    return true;
}

static fig figure(const jue_grow *r, int col, fkind k)
{
    fig f;
    memset(&f, 0, sizeof f);
    if (col < 0 || (size_t)col >= r->n || r->cells[col].copy) return f;
    const char *s = r->cells[col].text;
    f.text = s;
    if (is_dash(s)) return f;
    f.present = true;
    size_t len = strlen(s);
    if (k == F_MONEY) {
        jue_amount a;
        if (jue_amount_parse(s, len, JUE_UNIT_WAN, &a, NULL) != JUE_OK || a.blank) { f.bad = true; return f; }
        f.value = a.value;
        f.iv = a.iv;
        f.decimals = a.decimals;
    } else if (k == F_RATE) {
        jue_fen v;
        if (jue_percent_parse(s, len, &v, &f.iv, &f.decimals, NULL) != JUE_OK) { f.bad = true; return f; }
        f.value = v;
    } else if (!points(s, &f)) {
        f.bad = true;
    }
    return f;
}

/* --- row reading ------------------------------------------------------- */

static void squeeze(jue_buf *b, const char *s)
{
    jue_buf_reset(b);
    jue_imp_matchkey(b, s);
}

static int rate_col(const jue_grow *r)
{
    for (int c = (int)r->n - 1; c >= 0; c--)
        if (!r->cells[c].copy && (strstr(r->cells[c].text, "%") || strstr(r->cells[c].text, "％"))) return c;
    return -1;
}

/* 部门整体 task or 合计 row: six amounts, 分值, 执行率, 得分 around the rate. */
static void read_dept_row(const jue_grow *r, brow *b)
{
    memset(b, 0, sizeof *b);
    b->line = r->line, b->page = r->page;
    int rc = rate_col(r);
    if (rc < 7) return;
    for (int k = 0; k < NAMT; k++) b->amt[k] = figure(r, rc - 7 + k, F_MONEY);
    b->weight = figure(r, rc - 1, F_POINTS);
    b->rate = figure(r, rc, F_RATE);
    b->score = figure(r, rc + 1, F_POINTS);
}

/* 项目 fund row: 年初, A, B, 分值, 执行率, 得分 after the label (or around
 * the rate when one is printed, since a lost column shifts the rest). */
static void read_fund_row(const jue_grow *r, int label, brow *b)
{
    memset(b, 0, sizeof *b);
    b->line = r->line, b->page = r->page;
    int rc = rate_col(r);
    int base = rc >= 4 && rc - 4 > label ? rc - 4 : label + 1;
    for (int k = 0; k < 3; k++) b->amt[k] = figure(r, base + k, F_MONEY);
    b->weight = figure(r, base + 3, F_POINTS);
    b->rate = figure(r, base + 4, F_RATE);
    b->score = figure(r, base + 5, F_POINTS);
}

static int declared_points(const char *key)
{
    const char *p = strchr(key, '(');
    if (!p) return -1;
    int v = 0, d = 0;
    for (p++; *p >= '0' && *p <= '9'; p++) v = v * 10 + (*p - '0'), d++;
    return d && d < 4 && !strncmp(p, "分", 3) ? v * JUE_PERF_POINT : -1;
}

static void grade_in(ptable *t, const jue_grow *r, jue_buf *k)
{
    for (size_t c = 0; c < r->n; c++) {
        squeeze(k, r->cells[c].text);
        const char *s = strstr(jue_buf_str(k), "等级");
        if (!s) continue;
        s += strlen("等级");
        if (*s == ':') s++;
        else if (!strncmp(s, "：", 3)) s += 3;
        if (!*s)
            for (size_t d = c + 1; d < r->n && !*s; d++) s = r->cells[d].copy ? "" : r->cells[d].text;
        static const char *const G[4] = { "优", "良", "中", "差" };
        for (int g = 0; g < 4; g++)
            if (!strncmp(s, G[g], 3)) {
                memcpy(t->grade, G[g], 4);
                t->grade_line = r->line, t->grade_page = r->page;
                return;
            }
    }
}

/* The last two plain numbers in adjacent columns: 分值 and 得分 (a text
 * after them is the 偏差原因 column). */
static bool last_pair(const jue_grow *r, fig *w, fig *s)
{
    for (int c = (int)r->n - 1; c >= 1; c--) {
        fig b = figure(r, c, F_POINTS);
        if (!b.present || b.bad) continue;
        fig a = figure(r, c - 1, F_POINTS);
        if (!a.present || a.bad) return false;
        *w = a, *s = b;
        return true;
    }
    return false;
}

/* --- findings ---------------------------------------------------------- */

static void add(actx *c, const ptable *t, const char *rule, jue_severity sev, int line, int page,
                const char *expected, const char *actual, const char *fmt, ...) __attribute__((format(printf, 9, 10)));
static void add(actx *c, const ptable *t, const char *rule, jue_severity sev, int line, int page,
                const char *expected, const char *actual, const char *fmt, ...)
{
    jue_buf m;
    jue_buf_init(&m);
    jue_buf_puts(&m, jue_buf_str(&t->title));
    jue_buf_puts(&m, "：");
    va_list ap;
    va_start(ap, fmt);
    char tmp[1024];
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    jue_buf_puts(&m, tmp);
    jue_finding f;
    memset(&f, 0, sizeof f);
    f.rule = (char *)rule;
    f.severity = sev;
    f.message = (char *)jue_buf_str(&m);
    f.file = (char *)c->file;
    f.line = line;
    f.page = page;
    f.table = -1;
    f.expected = (char *)expected;
    f.actual = (char *)actual;
    jue_status st = jue_buf_err(&m) ? jue_buf_err(&m) : jue_findings_add(c->out, &f);
    if (st && !c->err) c->err = st;
    jue_buf_free(&m);
}

static void fmt_points(char *out, size_t n, int64_t h)
{
    /* as a person would print it: no decimals when whole */
    if (h % 100 == 0) snprintf(out, n, "%lld", (long long)(h / 100));
    else snprintf(out, n, "%lld.%02lld", (long long)(h / 100), (long long)(h < 0 ? -h % 100 : h % 100));
}

static const char *const DEPT_COL[NAMT] = { "全年预算数（总额）", "全年预算数（财政拨款）", "全年预算数（其他资金）",
                                            "全年执行数（总额）", "全年执行数（财政拨款）", "全年执行数（其他资金）" };
static const char *const PROJ_COL[3] = { "年初预算数", "全年预算数（A）", "全年执行数（B）" };
static const char *const FUND_NAME[JUE_PSRC_N] = { "年度资金总额", "当年财政拨款", "上年结转资金", "其他资金" };

static void check_figures(actx *c, const ptable *t, const brow *b, const char *rowname, const char *const *cols,
                          int n)
{
    for (int k = 0; k < n; k++) {
        const fig *f = &b->amt[k];
        if (f->present && (f->bad || f->decimals > 2))
            add(c, t, "perf.figure", JUE_SEV_WARNING, b->line, b->page, "两位小数的金额", f->text,
                "%s%s印为“%s”，%s", rowname, cols[k], f->text,
                f->bad ? "不是一个金额" : "小数位数多于本栏其他金额（万元保留两位小数），应为误印");
    }
}

/* total vs the sum of parts, column by column */
static void check_sum(actx *c, const ptable *t, const brow *total, const brow *const *parts, size_t np, int ncols,
                      const char *const *cols, const char *what, const char *partname)
{
    for (int k = 0; k <= ncols; k++) {
        bool pts = k == ncols;   /* the 分值 column last */
        const fig *tf = pts ? &total->weight : &total->amt[k];
        if (!tf->present || tf->bad) continue;
        jue_interval sum = { 0, 0 };
        int64_t val = 0;
        size_t any = 0;
        jue_buf items;
        jue_buf_init(&items);
        bool ok = true;
        for (size_t i = 0; i < np && ok; i++) {
            const fig *pf = pts ? &parts[i]->weight : &parts[i]->amt[k];
            if (!pf->present) continue;
            if (pf->bad) { ok = false; break; }
            ok = jue_iv_add(sum, pf->iv, &sum);
            val += pf->value;
            jue_buf_puts(&items, any++ ? " + " : "");
            jue_buf_puts(&items, pf->text);
        }
        if (ok && any && !jue_iv_overlaps(sum, tf->iv)) {
            char e[48];
            if (pts) fmt_points(e, sizeof e, val);
            else jue_fmt_wan(val, true, e, sizeof e);
            add(c, t, "perf.sum", JUE_SEV_ERROR, total->line, total->page, e, tf->text,
                "%s%s %s 不等于%s之和 %s（%s）", what, pts ? "分值" : cols[k], tf->text, partname, e,
                jue_buf_str(&items));
        }
        jue_buf_free(&items);
    }
}

static void check_rate(actx *c, const ptable *t, const brow *b, const fig *A, const fig *B, const char *rowname)
{
    if (!b->rate.present || b->rate.bad || !A->present || A->bad || !B->present || B->bad) return;
    jue_interval r;
    if (!jue_iv_ratio(B->iv, A->iv, &r)) return;   /* A may be 0: nothing to compare */
    bool capped = r.lo >= JUE_PPB_ONE && jue_iv_contains(b->rate.iv, JUE_PPB_ONE);
    if (jue_iv_overlaps(r, b->rate.iv) || capped) return;
    jue_interval exact;
    int64_t mid = r.lo / 2 + r.hi / 2;
    if (jue_iv_ratio(jue_iv_exact(B->value), jue_iv_exact(A->value), &exact)) mid = exact.lo;
    char e[48];
    jue_fmt_percent(mid, 2, e, sizeof e);
    add(c, t, "perf.rate", JUE_SEV_ERROR, b->line, b->page, e, b->rate.text,
        "%s执行率印为 %s，而全年执行数 %s ÷ 全年预算数 %s = %s", rowname, b->rate.text, B->text, A->text, e);
}

/* 预算执行率 score = min(执行率, 100%) × 分值, against the printed rate */
static void check_rate_score(actx *c, const ptable *t, const brow *b, const char *rowname)
{
    const fig *w = &b->weight, *s = &b->score, *r = &b->rate;
    if (!w->present || w->bad || !s->present || s->bad || !r->present || r->bad) return;
    if (s->iv.lo > w->value) return;   /* reported by perf.score */
    int64_t lo = r->iv.lo < 0 ? 0 : r->iv.lo > JUE_PPB_ONE ? JUE_PPB_ONE : r->iv.lo;
    int64_t hi = r->iv.hi < 0 ? 0 : r->iv.hi > JUE_PPB_ONE ? JUE_PPB_ONE : r->iv.hi;
    jue_interval ex = { lo * w->value / JUE_PPB_ONE, (hi * w->value + JUE_PPB_ONE - 1) / JUE_PPB_ONE };
    if (jue_iv_overlaps(ex, s->iv)) return;
    char e[48];
    int64_t v = r->value < 0 ? 0 : r->value > JUE_PPB_ONE ? JUE_PPB_ONE : r->value;
    fmt_points(e, sizeof e, (v * w->value + JUE_PPB_ONE / 2) / JUE_PPB_ONE);
    add(c, t, "perf.rate-score", JUE_SEV_ERROR, b->line, b->page, e, s->text,
        "%s预算执行率得分 %s 与执行率 %s 不符：按 min(执行率, 100%%) × 分值 %s 应得 %s 分", rowname, s->text, r->text,
        w->text, e);
}

static void check_score_le(actx *c, const ptable *t, const fig *w, const fig *s, int line, int page, const char *what)
{
    if (!w->present || w->bad || !s->present || s->bad || s->iv.lo <= w->iv.hi) return;
    add(c, t, "perf.score", JUE_SEV_ERROR, line, page, w->text, s->text, "%s得分 %s 超过其分值 %s", what, s->text,
        w->text);
}

static void finish(actx *c, ptable *t)
{
    const brow *budget = NULL;
    if (t->has_sum) {
        const brow *parts[MAX_ROWS];
        for (size_t i = 0; i < t->ntasks; i++) parts[i] = &t->tasks[i];
        char name[64];
        for (size_t i = 0; i < t->ntasks; i++) {
            snprintf(name, sizeof name, "任务 %zu ", i + 1);
            check_figures(c, t, &t->tasks[i], name, DEPT_COL, NAMT);
        }
        check_figures(c, t, &t->sum, "金额合计", DEPT_COL, NAMT);
        if (t->ntasks) check_sum(c, t, &t->sum, parts, t->ntasks, NAMT, DEPT_COL, "“金额合计”", "各任务");
        for (size_t i = 0; i < t->ntasks; i++) {
            snprintf(name, sizeof name, "任务 %zu ", i + 1);
            check_rate(c, t, &t->tasks[i], &t->tasks[i].amt[0], &t->tasks[i].amt[3], name);
        }
        check_rate(c, t, &t->sum, &t->sum.amt[0], &t->sum.amt[3], "“金额合计”");
        check_rate_score(c, t, &t->sum, "“金额合计”");
        check_score_le(c, t, &t->sum.weight, &t->sum.score, t->sum.line, t->sum.page, "预算执行率");
        budget = &t->sum;
    }
    if (t->has_fund[JUE_PSRC_TOTAL]) {
        const brow *parts[3];
        size_t np = 0;
        for (int k = JUE_PSRC_FISCAL; k < JUE_PSRC_N; k++)
            if (t->has_fund[k]) parts[np++] = &t->fund[k];
        for (int k = 0; k < JUE_PSRC_N; k++)
            if (t->has_fund[k]) check_figures(c, t, &t->fund[k], FUND_NAME[k], PROJ_COL, 3);
        brow total = t->fund[JUE_PSRC_TOTAL];
        total.weight.present = false;   /* 分值 is the total's alone */
        if (np) check_sum(c, t, &total, parts, np, 3, PROJ_COL, "年度资金总额", "其中各项资金");
        for (int k = 0; k < JUE_PSRC_N; k++)
            if (t->has_fund[k]) check_rate(c, t, &t->fund[k], &t->fund[k].amt[1], &t->fund[k].amt[2], FUND_NAME[k]);
        check_rate_score(c, t, &t->fund[JUE_PSRC_TOTAL], "年度资金总额");
        check_score_le(c, t, &t->fund[0].weight, &t->fund[0].score, t->fund[0].line, t->fund[0].page, "预算执行率");
        if (!budget) budget = &t->fund[JUE_PSRC_TOTAL];
    }
    /* indicators: scores within weights, 一级 weights as declared */
    int64_t group[JUE_L1_N] = { 0 };
    bool group_ok[JUE_L1_N] = { true, true, true };
    for (size_t i = 0; i < t->nind; i++) {
        const irow *x = &t->ind[i];
        check_score_le(c, t, &x->weight, &x->score, x->line, x->page, "指标");
        if (x->l1 >= 0) group[x->l1] += x->weight.value;
    }
    for (int l = 0; l < JUE_L1_N; l++) {
        if (t->declared[l] < 0 || !group_ok[l] || group[l] == t->declared[l]) continue;
        char e[32], a[32];
        fmt_points(e, sizeof e, t->declared[l]);
        fmt_points(a, sizeof a, group[l]);
        add(c, t, "perf.weights", JUE_SEV_ERROR, t->declared_line[l], t->declared_page[l], e, a,
            "%s标明 %s 分，其下各指标分值之和为 %s 分", JUE_PERF_L1_NAMES[l], e, a);
    }
    if (t->has_total && t->nind) {
        int64_t wsum = 0;
        jue_interval ssum = { 0, 0 };
        bool sok = true;
        const fig *bw = budget ? &budget->weight : NULL, *bs = budget ? &budget->score : NULL;
        if (bw && bw->present && !bw->bad) wsum += bw->value;
        if (bs && bs->present && !bs->bad) sok = jue_iv_add(ssum, bs->iv, &ssum);
        for (size_t i = 0; i < t->nind && sok; i++) {
            wsum += t->ind[i].weight.value;
            sok = jue_iv_add(ssum, t->ind[i].score.iv, &ssum);
        }
        const fig *tw = &t->total_weight, *ts = &t->total_score;
        char e[32], a[32];
        if (wsum != 100 * JUE_PERF_POINT || (tw->present && !tw->bad && tw->value != 100 * JUE_PERF_POINT)) {
            fmt_points(a, sizeof a, wsum);
            add(c, t, "perf.weights", JUE_SEV_ERROR, t->total_line, t->total_page, "100", a,
                "预算执行率与各指标的分值之和为 %s 分，应为 100 分%s%s%s", a, tw->present ? "（总分行分值印为 " : "",
                tw->present ? tw->text : "", tw->present ? "）" : "");
        }
        if (sok && ts->present && !ts->bad && !jue_iv_overlaps(ssum, ts->iv)) {
            int64_t v = (ssum.lo + ssum.hi) / 2;
            fmt_points(e, sizeof e, v);
            add(c, t, "perf.total", JUE_SEV_ERROR, t->total_line, t->total_page, e, ts->text,
                "总分印为 %s，而预算执行率与各指标得分之和为 %s", ts->text, e);
        }
        if (t->grade[0] && ts->present && !ts->bad) {
            jue_perf_profile p;
            jue_perf_profile_national(&p);
            const char *g = jue_perf_grade((int)ts->value, &p);
            if (strcmp(g, t->grade))
                add(c, t, "perf.grade", JUE_SEV_ERROR, t->grade_line, t->grade_page, g, t->grade,
                    "总分 %s 对应等级“%s”（优 ≥ 90，良 80–90，中 60–80，差 < 60），印为“%s”", ts->text, g, t->grade);
        }
    }
    jue_buf_free(&t->title);
    memset(t, 0, sizeof *t);
}

static bool title_row(const jue_grow *r, jue_buf *k)
{
    if (jue_grow_filled(r) != 1) return false;
    for (size_t c = 0; c < r->n; c++) {
        if (!r->cells[c].text[0]) continue;
        squeeze(k, r->cells[c].text);
        size_t n = k->len;
        static const char END[] = "自评表";
        return n < 200 && n > strlen(END) && !strcmp(jue_buf_str(k) + n - strlen(END), END) &&
               strstr(jue_buf_str(k), "绩效");
    }
    return false;
}

static void start(ptable *t, const jue_grow *r, const char *title)
{
    memset(t, 0, sizeof *t);
    jue_buf_init(&t->title);
    jue_buf_puts(&t->title, title);
    t->line = r->line;
    t->cur_l1 = -1;
    for (int l = 0; l < JUE_L1_N; l++) t->declared[l] = -1;
}

static void row(actx *c, ptable *t, const jue_grow *r, jue_buf *k)
{
    t->rows++;
    int label = -1;
    for (size_t i = 0; i < r->n; i++) {
        if (!r->cells[i].text[0] || r->cells[i].copy) continue;
        squeeze(k, r->cells[i].text);
        const char *s = jue_buf_str(k);
        if (!strcmp(s, "一级指标")) { t->in_ind = true; return; }
        if (strstr(s, "年初预算数")) t->seen_initial = true;
        if (!t->in_ind && !strncmp(s, "任务", strlen("任务")) && s[strlen("任务")] >= '0' && s[strlen("任务")] <= '9') {
            if (t->ntasks < MAX_ROWS) read_dept_row(r, &t->tasks[t->ntasks++]);
            return;
        }
        if (!t->in_ind && (!strcmp(s, "金额合计") || !strcmp(s, "合计")) && !t->seen_initial) {
            read_dept_row(r, &t->sum);
            t->has_sum = true;
            return;
        }
        if (!t->in_ind && t->seen_initial) {
            int src = !strncmp(s, "年度资金总额", strlen("年度资金总额")) ? JUE_PSRC_TOTAL
                    : strstr(s, "财政拨款") && strlen(s) < 40       ? JUE_PSRC_FISCAL
                    : !strncmp(s, "上年结转", strlen("上年结转"))     ? JUE_PSRC_CARRYOVER
                    : !strcmp(s, "其他资金")                          ? JUE_PSRC_OTHER
                                                                     : -1;
            if (src >= 0 && !t->has_fund[src]) {
                read_fund_row(r, (int)i, &t->fund[src]);
                t->has_fund[src] = true;
                return;
            }
        }
        if (t->in_ind) {
            if (!strncmp(s, "总分", strlen("总分")) && label < 0) {
                t->has_total = true;
                t->total_line = r->line, t->total_page = r->page;
                last_pair(r, &t->total_weight, &t->total_score);
                return;
            }
            for (int l = 0; l < JUE_L1_N; l++)
                if (!strncmp(s, JUE_PERF_L1_NAMES[l], strlen(JUE_PERF_L1_NAMES[l]))) {
                    t->cur_l1 = l;
                    t->declared[l] = declared_points(s);
                    t->declared_line[l] = r->line, t->declared_page[l] = r->page;
                }
        }
        label = (int)i;
    }
    grade_in(t, r, k);
    if (t->in_ind && t->nind < MAX_ROWS) {
        irow x;
        memset(&x, 0, sizeof x);
        if (last_pair(r, &x.weight, &x.score)) {
            x.line = r->line, x.page = r->page, x.l1 = t->cur_l1;
            t->ind[t->nind++] = x;
        }
    }
    (void)c;
}

static jue_status audit_doc(const jue_idoc *doc, const char *file, jue_findings *out)
{
    actx c = { file, out, JUE_OK };
    jue_buf k;
    jue_buf_init(&k);
    ptable t;
    bool open = false;
    memset(&t, 0, sizeof t);
    for (size_t g = 0; g < doc->n; g++) {
        const jue_grid *gr = &doc->grids[g];
        for (size_t i = 0; i < gr->n; i++) {
            const jue_grow *r = &gr->rows[i];
            if (jue_grow_filled(r) == 0) continue;
            if (title_row(r, &k)) {
                if (open) finish(&c, &t);
                start(&t, r, jue_buf_str(&k));
                open = true;
                continue;
            }
            if (!open) continue;
            if (t.has_total) {
                /* the row after 总分 may still be the grade's (自评等级：优) */
                grade_in(&t, r, &k);
                finish(&c, &t);
                open = false;
                continue;
            }
            row(&c, &t, r, &k);
            if (t.rows > 4 * MAX_ROWS) {
                finish(&c, &t);
                open = false;
            }
        }
    }
    if (open) finish(&c, &t);
    jue_status e = jue_buf_err(&k);
    jue_buf_free(&k);
    return c.err ? c.err : e;
}

jue_status jue_perf_audit_buffer(const char *data, size_t len, const char *name, const jue_catalog *cat,
                                 const jue_profile *prof, jue_findings *out)
{
    jue_diags d;
    jue_diags_init(&d);
    jue_disclosure *disc = NULL;
    jue_idoc *doc = NULL;
    /* the importer's problems are reported by the table audit's own import */
    jue_status st = jue_import_buffer(data, len, name, JUE_IN_AUTO, cat, prof, &disc, &doc, &d);
    jue_diags_free(&d);
    jue_disclosure_free(disc);
    if (st == JUE_ERR_NOMEM) { jue_idoc_free(doc); return st; }
    if (!doc) return JUE_OK;
    st = audit_doc(doc, name, out);
    jue_idoc_free(doc);
    return st;
}

jue_status jue_perf_audit_file(const char *path, const jue_catalog *cat, const jue_profile *prof, jue_findings *out)
{
    char *data = NULL;
    size_t len = 0;
    jue_status st = jue_read_file(path, &data, &len);
    if (st) return st == JUE_ERR_NOMEM ? st : JUE_ERR_IO;
    st = jue_perf_audit_buffer(data, len, path, cat, prof, out);
    free(data);
    return st;
}
