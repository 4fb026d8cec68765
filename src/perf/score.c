/* Scoring by the national method (财预〔2020〕10号; DOMAIN.md §5), all in
 * integer hundredths of a point so totals add up exactly as printed. */
#include "perf_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/yaml_tree.h"

const char *const JUE_PERF_L1_NAMES[JUE_L1_N] = { "产出指标", "效益指标", "满意度指标" };
const char *const JUE_PERF_BAND_NAMES[4] = { "", "达成", "部分达成", "未达成" };

/* Rounds num/den half up; both non-negative, den > 0. */
static int64_t div_round(int64_t num, int64_t den) { return (num + den / 2) / den; }

void jue_perf_put_points(jue_buf *b, int h)
{
    if (h < 0) { jue_buf_putc(b, '-'); h = -h; }
    jue_buf_printf(b, "%d.%02d", h / 100, h % 100);
}

void jue_perf_put_value(jue_buf *b, int64_t v)
{
    if (v < 0) { jue_buf_putc(b, '-'); v = -v; }
    jue_buf_printf(b, "%lld", (long long)(v / JUE_PERF_VSCALE));
    int64_t frac = v % JUE_PERF_VSCALE;
    if (!frac) return;
    char d[8];
    snprintf(d, sizeof d, "%04lld", (long long)frac);
    size_t n = strlen(d);
    while (n && d[n - 1] == '0') d[--n] = 0;
    jue_buf_printf(b, ".%s", d);
}

void jue_perf_put_rate(jue_buf *b, int64_t ppb)
{
    char t[48];
    jue_fmt_percent(ppb, 2, t, sizeof t);
    jue_buf_puts(b, t);
}

bool jue_perf_parse_points(const char *s, int *out)
{
    if (!s) return false;
    while (*s == ' ') s++;
    int v = 0, digits = 0, dec = -1;
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9') {
            if (dec >= 2) return false;
            v = v * 10 + (*s - '0');
            digits++;
            if (dec >= 0) dec++;
            if (v > 100000) return false;
        } else if (*s == '.' && dec < 0 && digits) {
            dec = 0;
        } else if (*s == ' ') {
            break;
        } else {
            return false;
        }
    }
    while (*s == ' ') s++;
    if (*s || !digits) return false;
    if (dec < 0) dec = 0;
    for (; dec < 2; dec++) v *= 10;
    if (v > 100 * JUE_PERF_POINT) return false;
    *out = v;
    return true;
}

jue_perf_funds jue_perf_total_funds(const jue_perf_eval *e)
{
    const jue_perf_funds *t = &e->funds[JUE_PSRC_TOTAL];
    if (t->annual.present || t->executed.present) return *t;
    jue_perf_funds s;
    memset(&s, 0, sizeof s);
    jue_perf_amount *sd[3] = { &s.initial, &s.annual, &s.executed };
    for (int k = JUE_PSRC_FISCAL; k < JUE_PSRC_N; k++) {
        const jue_perf_amount *src[3] = { &e->funds[k].initial, &e->funds[k].annual, &e->funds[k].executed };
        for (int j = 0; j < 3; j++) {
            if (!src[j]->present) continue;
            jue_fen v;
            if (!jue_fen_add(sd[j]->value, src[j]->value, &v)) continue;
            sd[j]->value = v;
            sd[j]->iv = jue_iv_exact(v);
            sd[j]->present = true;
        }
    }
    return s;
}

void jue_perf_profile_national(jue_perf_profile *p)
{
    memset(p, 0, sizeof *p);
    p->budget_weight = 10 * JUE_PERF_POINT;
    p->l1_weight[JUE_L1_OUTPUT] = 50 * JUE_PERF_POINT;
    p->l1_weight[JUE_L1_EFFECT] = 30 * JUE_PERF_POINT;
    p->l1_weight[JUE_L1_SATISFACTION] = 10 * JUE_PERF_POINT;
    static const char *const G[4] = { "优", "良", "中", "差" };
    static const int M[4] = { 90, 80, 60, 0 };
    p->ngrades = 4;
    for (int i = 0; i < 4; i++) {
        snprintf(p->grade[i], sizeof p->grade[i], "%s", G[i]);
        p->grade_min[i] = M[i] * JUE_PERF_POINT;
    }
    /* 达成 100–80%, 部分达成 80–60%, 未达成 60–0%; without a stated percent
     * a band scores its top (达成) or middle (the others) */
    p->band_min[JUE_BAND_MET] = 80, p->band_max[JUE_BAND_MET] = 100, p->band_default[JUE_BAND_MET] = 100;
    p->band_min[JUE_BAND_PARTIAL] = 60, p->band_max[JUE_BAND_PARTIAL] = 80, p->band_default[JUE_BAND_PARTIAL] = 70;
    p->band_min[JUE_BAND_UNMET] = 0, p->band_max[JUE_BAND_UNMET] = 60, p->band_default[JUE_BAND_UNMET] = 30;
}

static int l1_of(const char *s)
{
    for (int i = 0; i < JUE_L1_N; i++)
        if (!strncmp(s, JUE_PERF_L1_NAMES[i], strlen(JUE_PERF_L1_NAMES[i]) - strlen("指标"))) return i;
    return -1;
}

static int band_of(const char *s)
{
    for (int i = 1; i < 4; i++)
        if (!strcmp(s, JUE_PERF_BAND_NAMES[i])) return i;
    return -1;
}

static const char *scalar(const jue_ynode *n) { return n && n->type == JUE_Y_SCALAR ? n->value : NULL; }

jue_status jue_perf_profile_load(const char *name, jue_perf_profile *p, jue_diags *diags)
{
    jue_perf_profile_national(p);
    if (!name) name = "national";
    char path[4096];
    char *text;
    size_t len;
    jue_status rs = jue_data_yaml("perf", name, "绩效评分方案", path, sizeof path, &text, &len, diags);
    if (rs != JUE_OK) return rs;
    jue_ynode *root = NULL;
    jue_status st = jue_yaml_parse(path, text, len, &root, diags);
    free(text);
    if (st != JUE_OK) return st == JUE_ERR_NOMEM ? st : JUE_ERR_INVALID;
    size_t errs = diags->errors;
    const jue_ynode *n = jue_ymap_get(root, "budget_rate_weight");
    if (n && !jue_perf_parse_points(scalar(n), &p->budget_weight))
        jue_diag_add(diags, JUE_SEV_ERROR, path, n->line, n->col, "budget_rate_weight 应为0–100分");
    const jue_ynode *l1 = jue_ymap_get(root, "level1");
    for (size_t i = 0; l1 && l1->type == JUE_Y_MAP && i + 1 < l1->n; i += 2) {
        int k = scalar(l1->items[i]) ? l1_of(l1->items[i]->value) : -1;
        if (k < 0 || !jue_perf_parse_points(scalar(l1->items[i + 1]), &p->l1_weight[k]))
            jue_diag_add(diags, JUE_SEV_ERROR, path, l1->items[i]->line, l1->items[i]->col,
                         "level1 各项应为产出、效益、满意度，分值0–100");
    }
    const jue_ynode *g = jue_ymap_get(root, "grades");
    if (g && g->type == JUE_Y_SEQ) {
        p->ngrades = 0;
        for (size_t i = 0; i < g->n && i < 8; i++) {
            const char *gn = scalar(jue_ymap_get(g->items[i], "grade"));
            int min;
            if (!gn || strlen(gn) >= sizeof p->grade[0] ||
                !jue_perf_parse_points(scalar(jue_ymap_get(g->items[i], "min")), &min) ||
                (p->ngrades && min >= p->grade_min[p->ngrades - 1])) {
                jue_diag_add(diags, JUE_SEV_ERROR, path, g->items[i]->line, g->items[i]->col,
                             "每个等级都需要名称和最低分（0–100），按从高到低排列");
                continue;
            }
            snprintf(p->grade[p->ngrades], sizeof p->grade[0], "%s", gn);
            p->grade_min[p->ngrades++] = min;
        }
    }
    const jue_ynode *q = jue_ymap_get(root, "qualitative");
    for (size_t i = 0; q && q->type == JUE_Y_MAP && i + 1 < q->n; i += 2) {
        int b = scalar(q->items[i]) ? band_of(q->items[i]->value) : -1;
        int lo, hi, df;
        const jue_ynode *v = q->items[i + 1];
        if (b < 0 || !jue_perf_parse_points(scalar(jue_ymap_get(v, "min")), &lo) ||
            !jue_perf_parse_points(scalar(jue_ymap_get(v, "max")), &hi) ||
            !jue_perf_parse_points(scalar(jue_ymap_get(v, "default")), &df) || lo > df || df > hi) {
            jue_diag_add(diags, JUE_SEV_ERROR, path, q->items[i]->line, q->items[i]->col,
                         "定性区间应为达成、部分达成、未达成，且 min ≤ default ≤ max");
            continue;
        }
        p->band_min[b] = lo / JUE_PERF_POINT, p->band_max[b] = hi / JUE_PERF_POINT;
        p->band_default[b] = df / JUE_PERF_POINT;
    }
    jue_ynode_free(root);
    return diags->errors > errs ? JUE_ERR_INVALID : JUE_OK;
}

/* --- values ------------------------------------------------------------ */


bool jue_perf_parse_value(const char *s, jue_perf_dir *dir, bool *dir_written, int64_t *value,
                          const char **unit, size_t *unit_len)
{
    *dir = JUE_DIR_EQ;
    *dir_written = false;
    while (*s == ' ') s++;
    static const struct { const char *t; jue_perf_dir d; } D[] = {
        { "≥", JUE_DIR_GE }, { ">=", JUE_DIR_GE }, { "＞＝", JUE_DIR_GE }, { "≤", JUE_DIR_LE }, { "<=", JUE_DIR_LE },
        { "＜＝", JUE_DIR_LE }, { "＞", JUE_DIR_GE }, { ">", JUE_DIR_GE }, { "＜", JUE_DIR_LE }, { "<", JUE_DIR_LE },
        { "＝", JUE_DIR_EQ }, { "=", JUE_DIR_EQ },
    };
    for (size_t i = 0; i < sizeof D / sizeof D[0]; i++)
        if (jue_perf_starts(s, D[i].t)) {
            *dir = D[i].d;
            *dir_written = true;
            s += strlen(D[i].t);
            break;
        }
    while (*s == ' ') s++;
    bool neg = false;
    if (*s == '-') { neg = true; s++; }
    int64_t v = 0;
    int digits = 0, dec = -1;
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9') {
            if (dec >= 4) continue;   /* beyond the scale: dropped (not a money figure) */
            if (v > JUE_PERF_VMAX / 10) return false;
            v = v * 10 + (*s - '0');
            digits++;
            if (dec >= 0) dec++;
        } else if (*s == ',' && digits && dec < 0) {
            continue;
        } else if (*s == '.' && dec < 0 && digits) {
            dec = 0;
        } else {
            break;
        }
    }
    if (!digits) return false;
    if (dec < 0) dec = 0;
    for (; dec < 4; dec++) {
        if (v > JUE_PERF_VMAX / 10) return false;
        v *= 10;
    }
    while (*s == ' ') s++;
    size_t n = strlen(s);
    while (n && s[n - 1] == ' ') n--;
    *value = neg ? -v : v;
    *unit = s;
    *unit_len = n;
    return true;
}

/* --- rules ------------------------------------------------------------- */

int jue_perf_score_budget(jue_fen annual, jue_fen executed, int weight, bool *rate_known, int64_t *rate_ppb,
                          jue_buf *why)
{
    *rate_known = false;
    *rate_ppb = 0;
    if (annual <= 0) {
        if (why) jue_buf_printf(why, "全年预算数为 0，执行率无从计算，预算执行率不得分（0.00 / ");
        if (why) jue_perf_put_points(why, weight), jue_buf_puts(why, " 分）");
        return 0;
    }
    jue_interval r;
    if (!jue_iv_ratio(jue_iv_exact(executed), jue_iv_exact(annual), &r)) return 0;
    *rate_known = true;
    *rate_ppb = r.lo;
    int64_t capped = r.lo < 0 ? 0 : r.lo > JUE_PPB_ONE ? JUE_PPB_ONE : r.lo;
    int score = (int)div_round(capped * weight, JUE_PPB_ONE);
    if (why) {
        char a[40], b[40];
        jue_fmt_wan(executed, true, b, sizeof b);
        jue_fmt_wan(annual, true, a, sizeof a);
        jue_buf_printf(why, "执行率 = 全年执行数 %s ÷ 全年预算数 %s = ", b, a);
        jue_perf_put_rate(why, r.lo);
        jue_buf_puts(why, r.lo > JUE_PPB_ONE ? "（超过 100% 按 100% 计）" : "");
        jue_buf_puts(why, "；得分 = ");
        jue_buf_puts(why, r.lo >= JUE_PPB_ONE ? "100%" : "执行率");
        jue_buf_puts(why, " × ");
        jue_perf_put_points(why, weight);
        jue_buf_puts(why, " = ");
        jue_perf_put_points(why, score);
    }
    return score;
}

static void put_target(jue_buf *b, const jue_perf_indicator *x, int64_t v)
{
    jue_perf_put_value(b, v);
    if (x->unit) jue_buf_puts(b, x->unit);
}

int jue_perf_score_indicator(const jue_perf_indicator *x, const jue_perf_profile *p, jue_buf *why)
{
    int w = x->weight < 0 ? 0 : x->weight;
    if (x->dir == JUE_DIR_QUAL) {
        if (x->band == JUE_BAND_NONE) {
            if (why) jue_buf_puts(why, "定性指标未评定达成情况，不得分");
            return 0;
        }
        int pct = x->band_pct >= 0 ? x->band_pct : p->band_default[x->band];
        int s = (int)div_round((int64_t)w * pct, 100);
        if (why) {
            jue_buf_printf(why, "定性指标，%s（%d–%d%%），按 %d%% 计：", JUE_PERF_BAND_NAMES[x->band],
                           p->band_max[x->band], p->band_min[x->band], pct);
            jue_perf_put_points(why, w);
            jue_buf_printf(why, " × %d%% = ", pct);
            jue_perf_put_points(why, s);
        }
        return s;
    }
    if (!x->has_actual) {
        if (why) jue_buf_puts(why, "未填实际完成值，不得分");
        return 0;
    }
    int64_t t = x->target, a = x->actual;
    bool met = x->dir == JUE_DIR_GE ? a >= t : x->dir == JUE_DIR_LE ? a <= t : a == t;
    if (met) {
        if (why) {
            jue_buf_puts(why, "实际完成值 ");
            put_target(why, x, a);
            jue_buf_puts(why, x->dir == JUE_DIR_GE ? (a > t ? " 超过" : " 达到") : x->dir == JUE_DIR_LE ? " 不超过" : " 等于");
            jue_buf_puts(why, "指标值 ");
            put_target(why, x, t);
            jue_buf_puts(why, "，得满分 ");
            jue_perf_put_points(why, w);
        }
        return w;
    }
    /* not met: in proportion — actual/target for ≥, target/actual for ≤
     * (cost), the smaller over the larger for = */
    int64_t num = x->dir == JUE_DIR_GE ? a : x->dir == JUE_DIR_LE ? t : (a < t ? a : t);
    int64_t den = x->dir == JUE_DIR_GE ? t : x->dir == JUE_DIR_LE ? a : (a < t ? t : a);
    int s = num <= 0 || den <= 0 ? 0 : (int)div_round(num * w, den);
    if (why) {
        jue_buf_puts(why, "实际完成值 ");
        put_target(why, x, a);
        jue_buf_puts(why, " 未达到指标值 ");
        if (x->dir == JUE_DIR_GE) jue_buf_puts(why, "≥");
        if (x->dir == JUE_DIR_LE) jue_buf_puts(why, "≤");
        put_target(why, x, t);
        if (num <= 0 || den <= 0) {
            jue_buf_puts(why, "，无从按比例计分，得 0.00");
        } else {
            jue_buf_puts(why, x->dir == JUE_DIR_GE ? "，得分 = 实际 ÷ 指标 × " : x->dir == JUE_DIR_LE ? "，得分 = 指标 ÷ 实际 × " : "，得分 = 较小值 ÷ 较大值 × ");
            jue_perf_put_points(why, w);
            jue_buf_puts(why, " = ");
            jue_perf_put_points(why, s);
        }
    }
    return s;
}

const char *jue_perf_grade(int total, const jue_perf_profile *p)
{
    for (int i = 0; i < p->ngrades; i++)
        if (total >= p->grade_min[i]) return p->grade[i];
    return p->ngrades ? p->grade[p->ngrades - 1] : "";
}

jue_status jue_perf_score(jue_perf_set *s, const jue_perf_profile *p)
{
    s->prof = *p;
    for (size_t k = 0; k < s->n; k++) {
        jue_perf_eval *e = &s->evals[k];
        /* from the weights as written, so scoring again is the same */
        for (size_t i = 0; i < e->nind; i++) e->ind[i].weight = e->ind[i].weight_given;
        e->budget_weight = e->budget_weight_given;
        /* weights left out share what their 一级 has left, evenly */
        for (int l = 0; l < JUE_L1_N; l++) {
            int given = 0, missing = 0;
            for (size_t i = 0; i < e->nind; i++)
                if (e->ind[i].l1 == (jue_perf_l1)l) {
                    if (e->ind[i].weight < 0) missing++;
                    else given += e->ind[i].weight;
                }
            int left = p->l1_weight[l] - given;
            if (!missing) continue;
            if (left < 0) left = 0;
            int each = left / missing, extra = left % missing;
            for (size_t i = 0; i < e->nind; i++)
                if (e->ind[i].l1 == (jue_perf_l1)l && e->ind[i].weight < 0) {
                    e->ind[i].weight = each + (extra > 0);
                    if (extra > 0) extra--;
                }
        }
        if (e->budget_weight < 0) e->budget_weight = p->budget_weight;
        jue_perf_funds t = jue_perf_total_funds(e);
        jue_buf why;
        jue_buf_init(&why);
        e->budget_score = jue_perf_score_budget(t.annual.value, t.executed.value, e->budget_weight, &e->rate_known,
                                                &e->rate_ppb, &why);
        free(e->budget_why);
        e->budget_why = jue_buf_take(&why);
        if (!e->budget_why) return JUE_ERR_NOMEM;
        e->total = e->budget_score;
        for (size_t i = 0; i < e->nind; i++) {
            jue_perf_indicator *x = &e->ind[i];
            x->score = jue_perf_score_indicator(x, p, &why);
            free(x->why);
            x->why = jue_buf_take(&why);
            if (!x->why) return JUE_ERR_NOMEM;
            e->total += x->score;
        }
        snprintf(e->grade, sizeof e->grade, "%s", jue_perf_grade(e->total, p));
    }
    s->scored = true;
    return JUE_OK;
}

static bool perf_file(const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/perf/%s.yaml", jue_data_dir(), name);
    FILE *f = fopen(path, "rb");
    if (f) fclose(f);
    return f != NULL;
}

jue_status jue_perf_score_profile(jue_perf_set *s, const char *profile, jue_diags *diags)
{
    jue_perf_profile p;
    /* a province without its own scoring file scores by the national
     * method; without data/perf/national.yaml, the built-in one */
    const char *name = profile && !strchr(profile, '/') && perf_file(profile) ? profile
                     : perf_file("national")                                    ? "national"
                                                                                : NULL;
    jue_status st = JUE_OK;
    if (name) st = jue_perf_profile_load(name, &p, diags);
    else jue_perf_profile_national(&p);
    return st == JUE_OK ? jue_perf_score(s, &p) : st;
}

void jue_perf_profile_for(const char *profile, jue_perf_profile *p)
{
    const char *name = profile && !strchr(profile, '/') && perf_file(profile) ? profile
                     : perf_file("national")                                    ? "national"
                                                                                : NULL;
    jue_diags d;
    jue_diags_init(&d);
    if (!name || jue_perf_profile_load(name, p, &d) != JUE_OK) jue_perf_profile_national(p);
    jue_diags_free(&d);
}
