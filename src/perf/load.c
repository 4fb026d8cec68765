/* perf.yaml: the self-evaluations of a department-year (docs/formats.md).
 * Every mistake is reported with file:line:col, all in one run. */
#include "perf_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/encoding.h"
#include "core/yaml_tree.h"

#define MAX_EVALS 1000
#define MAX_INDICATORS 500

typedef struct {
    const char *file;
    jue_diags *d;
} ctx;

static void err(ctx *c, const jue_ynode *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void err(ctx *c, const jue_ynode *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    jue_diag_vadd(c->d, JUE_SEV_ERROR, c->file, n ? n->line : 1, n ? n->col : 1, fmt, ap);
    va_end(ap);
}

static const char *scalar(const jue_ynode *n)
{
    return n && n->type == JUE_Y_SCALAR && !n->plain_null ? n->value : NULL;
}

/* A text field: NULL when absent; an error when not a scalar. */
static char *text_of(ctx *c, const jue_ynode *map, const char *key, bool required)
{
    const jue_ynode *n = jue_ymap_get(map, key);
    if (!n || (n->type == JUE_Y_SCALAR && n->plain_null)) {
        if (required) err(c, map, "缺少“%s”", key);
        return NULL;
    }
    if (n->type != JUE_Y_SCALAR) {
        err(c, n, "“%s”应为文字", key);
        return NULL;
    }
    /* block scalars keep their final newline; the outputs do not want it */
    size_t len = strlen(n->value);
    while (len && (n->value[len - 1] == '\n' || n->value[len - 1] == ' ')) len--;
    char *s = malloc(len + 1);
    if (s) memcpy(s, n->value, len), s[len] = 0;
    return s;
}

/* Unknown keys are mistakes: a misspelt key would otherwise be silently lost. */
static void check_keys(ctx *c, const jue_ynode *map, const char *const *keys)
{
    if (!map || map->type != JUE_Y_MAP) return;
    for (size_t i = 0; i + 1 < map->n; i += 2) {
        const char *k = scalar(map->items[i]);
        bool ok = false;
        for (size_t j = 0; k && keys[j]; j++) ok |= !strcmp(k, keys[j]);
        if (!ok) err(c, map->items[i], "未知的键“%s”", k ? k : "?");
    }
}

static void amount(ctx *c, const jue_ynode *map, const char *key, jue_perf_amount *out)
{
    const jue_ynode *n = jue_ymap_get(map, key);
    if (!n || (n->type == JUE_Y_SCALAR && n->plain_null)) return;
    const char *s = scalar(n);
    jue_amount a;
    const char *why = NULL;
    if (!s || jue_amount_parse(s, strlen(s), JUE_UNIT_YUAN, &a, &why) != JUE_OK) {
        err(c, n, "金额“%s”格式有误%s%s", s ? s : "", why ? "：" : "", why ? why : "");
        return;
    }
    if (a.negative || a.value < 0) {
        err(c, n, "金额“%s”是负数", s);
        return;
    }
    out->value = a.value;
    out->iv = jue_iv_exact(a.value);
    out->present = !a.blank;
}

static const char *const SRC_KEYS[JUE_PSRC_N] = { "total", "fiscal", "carryover", "other" };

static void funds(ctx *c, const jue_ynode *map, jue_perf_eval *e)
{
    const jue_ynode *f = jue_ymap_get(map, "funds");
    if (!f) { err(c, map, "缺少“funds”（按资金来源列出年初预算数、全年预算数、全年执行数）"); return; }
    e->funds_line = f->line, e->funds_col = f->col;
    if (f->type != JUE_Y_MAP) { err(c, f, "“funds”应为 fiscal、carryover、other 的映射"); return; }
    static const char *const K[] = { "total", "fiscal", "carryover", "other", NULL };
    static const char *const A[] = { "initial", "annual", "executed", NULL };
    check_keys(c, f, K);
    for (int k = 0; k < JUE_PSRC_N; k++) {
        const jue_ynode *s = jue_ymap_get(f, SRC_KEYS[k]);
        if (!s) continue;
        if (s->type != JUE_Y_MAP) { err(c, s, "“%s”应为 initial、annual、executed 的映射", SRC_KEYS[k]); continue; }
        check_keys(c, s, A);
        amount(c, s, "initial", &e->funds[k].initial);
        amount(c, s, "annual", &e->funds[k].annual);
        amount(c, s, "executed", &e->funds[k].executed);
    }
    /* a stated total must be the sum of its sources */
    const jue_ynode *tn = jue_ymap_get(f, "total");
    if (tn && tn->type == JUE_Y_MAP) {
        jue_perf_eval tmp = *e;
        memset(&tmp.funds[JUE_PSRC_TOTAL], 0, sizeof tmp.funds[0]);
        jue_perf_funds sum = jue_perf_total_funds(&tmp);
        const jue_perf_amount *t[3] = { &e->funds[0].initial, &e->funds[0].annual, &e->funds[0].executed };
        const jue_perf_amount *u[3] = { &sum.initial, &sum.annual, &sum.executed };
        static const char *const L[3] = { "年初预算数", "全年预算数", "全年执行数" };
        for (int j = 0; j < 3; j++)
            if (t[j]->present && u[j]->present && t[j]->value != u[j]->value) {
                char a[40], b[40];
                jue_fmt_yuan(t[j]->value, true, a, sizeof a);
                jue_fmt_yuan(u[j]->value, true, b, sizeof b);
                err(c, tn, "合计的%s%s元不等于各资金来源之和%s元", L[j], a, b);
            }
    }
    jue_perf_funds t = jue_perf_total_funds(e);
    if (!t.annual.present) err(c, f, "各资金来源都没有全年预算数（annual）");
    if (!t.executed.present) err(c, f, "各资金来源都没有全年执行数（executed）");
}

static int l1_of(const char *s)
{
    static const char *const P[JUE_L1_N] = { "产出", "效益", "满意度" };
    for (int i = 0; i < JUE_L1_N; i++)
        if (!strcmp(s, P[i]) || !strcmp(s, JUE_PERF_L1_NAMES[i])) return i;
    return -1;
}

static void indicator(ctx *c, const jue_ynode *n, jue_perf_indicator *x)
{
    static const char *const K[] = { "level1", "level2", "name", "target", "actual", "unit", "direction",
                                     "weight", "band", "percent", "reason", NULL };
    x->line = n->line;
    x->weight = -1;
    x->band_pct = -1;
    if (n->type != JUE_Y_MAP) { err(c, n, "每个指标都应为映射（level1、level2、name、target 等）"); return; }
    check_keys(c, n, K);
    const jue_ynode *l1 = jue_ymap_get(n, "level1");
    int l = scalar(l1) ? l1_of(l1->value) : -1;
    if (l < 0) err(c, l1 ? l1 : n, "level1 应为产出、效益或满意度");
    else x->l1 = (jue_perf_l1)l;
    x->l2 = text_of(c, n, "level2", false);
    x->name = text_of(c, n, "name", true);
    x->target_text = text_of(c, n, "target", true);
    x->actual_text = text_of(c, n, "actual", false);
    x->unit = text_of(c, n, "unit", false);
    x->reason = text_of(c, n, "reason", false);
    const jue_ynode *w = jue_ymap_get(n, "weight");
    if (w && !jue_perf_parse_points(scalar(w), &x->weight)) {
        err(c, w, "权重“%s”应为0–100分，最多2位小数", scalar(w) ? scalar(w) : "");
        x->weight = -1;
    }
    x->weight_given = x->weight;
    const jue_ynode *dn = jue_ymap_get(n, "direction");
    const char *ds = scalar(dn);
    int dir = -1;
    if (ds) {
        if (!strcmp(ds, "≥") || !strcmp(ds, ">=")) dir = JUE_DIR_GE;
        else if (!strcmp(ds, "≤") || !strcmp(ds, "<=")) dir = JUE_DIR_LE;
        else if (!strcmp(ds, "=")) dir = JUE_DIR_EQ;
        else if (!strcmp(ds, "定性")) dir = JUE_DIR_QUAL;
        else err(c, dn, "direction 应为 ≥、≤、= 或 定性");
    }
    jue_perf_dir pd;
    bool written;
    const char *u;
    size_t ulen;
    bool quant = x->target_text && dir != JUE_DIR_QUAL &&
                 jue_perf_parse_value(x->target_text, &pd, &written, &x->target, &u, &ulen);
    if (!quant) {
        if (dir >= 0 && dir != JUE_DIR_QUAL && x->target_text)
            err(c, jue_ymap_get(n, "target"), "target '%s' has no number for a %s indicator", x->target_text, ds);
        x->dir = JUE_DIR_QUAL;
        const jue_ynode *b = jue_ymap_get(n, "band");
        const char *bs = scalar(b);
        for (int i = 1; bs && i < 4; i++)
            if (!strcmp(bs, JUE_PERF_BAND_NAMES[i])) x->band = (jue_perf_band)i;
        if (x->band == JUE_BAND_NONE && x->target_text)
            err(c, b ? b : n, "定性指标须有 band：达成、部分达成或未达成");
        const jue_ynode *p = jue_ymap_get(n, "percent");
        int pct;
        if (p) {
            /* national bands: 达成 80–100, 部分达成 60–80, 未达成 0–60 */
            static const int LO[4] = { 0, 80, 60, 0 }, HI[4] = { 100, 100, 80, 60 };
            if (!jue_perf_parse_points(scalar(p), &pct) || pct % JUE_PERF_POINT)
                err(c, p, "percent 应为0–100的整数");
            else if (pct / 100 < LO[x->band] || pct / 100 > HI[x->band])
                err(c, p, "percent %d不在%s的区间内（%d–%d）", pct / 100, JUE_PERF_BAND_NAMES[x->band],
                    LO[x->band], HI[x->band]);
            else
                x->band_pct = pct / 100;
        }
        return;
    }
    /* no sign written: cost indicators are "≤", the rest "≥" */
    x->dir = dir >= 0 ? (jue_perf_dir)dir : written ? pd : (x->l2 && strstr(x->l2, "成本")) ? JUE_DIR_LE : JUE_DIR_GE;
    if (!x->unit && ulen) {
        x->unit = malloc(ulen + 1);
        if (x->unit) memcpy(x->unit, u, ulen), x->unit[ulen] = 0;
    }
    if (x->actual_text) {
        jue_perf_dir ad;
        bool aw;
        const char *au;
        size_t aulen;
        const jue_ynode *an = jue_ymap_get(n, "actual");
        if (!jue_perf_parse_value(x->actual_text, &ad, &aw, &x->actual, &au, &aulen))
            err(c, an, "实际值“%s”没有数字，而目标值“%s”有", x->actual_text, x->target_text);
        else if (aulen && x->unit && (strlen(x->unit) != aulen || strncmp(x->unit, au, aulen)))
            err(c, an, "实际值“%s”的单位与目标值的单位“%s”不同", x->actual_text, x->unit);
        else
            x->has_actual = true;
    }
}

static void evaluation(ctx *c, const jue_ynode *n, jue_perf_eval *e, jue_perf_kind kind, const char *dept)
{
    static const char *const K[] = { "name", "department", "unit", "funds", "budget_weight", "goals", "achieved",
                                     "problems", "improvements", "indicators", NULL };
    e->kind = kind;
    e->line = n->line;
    e->budget_weight = -1;
    if (n->type != JUE_Y_MAP) { err(c, n, "每份自评都应为映射（name、funds、indicators 等）"); return; }
    check_keys(c, n, K);
    e->name = text_of(c, n, "name", kind == JUE_PERF_PROJECT);
    if (!e->name && dept) e->name = jue_strdup(dept);
    e->department = text_of(c, n, "department", false);
    if (!e->department && dept) e->department = jue_strdup(dept);
    e->unit = text_of(c, n, "unit", false);
    e->goals = text_of(c, n, "goals", false);
    e->achieved = text_of(c, n, "achieved", false);
    e->problems = text_of(c, n, "problems", false);
    e->improvements = text_of(c, n, "improvements", false);
    const jue_ynode *bw = jue_ymap_get(n, "budget_weight");
    if (bw && !jue_perf_parse_points(scalar(bw), &e->budget_weight)) {
        err(c, bw, "budget_weight 应为0–100分");
        e->budget_weight = -1;
    }
    e->budget_weight_given = e->budget_weight;
    funds(c, n, e);
    const jue_ynode *in = jue_ymap_get(n, "indicators");
    if (!in || in->type != JUE_Y_SEQ || !in->n) {
        err(c, in ? in : n, "“indicators”应为至少含一个指标的列表");
        return;
    }
    if (in->n > MAX_INDICATORS) { err(c, in, "指标超过%d个", MAX_INDICATORS); return; }
    e->ind = calloc(in->n, sizeof *e->ind);
    if (!e->ind) return;
    e->nind = in->n;
    for (size_t i = 0; i < in->n; i++) indicator(c, in->items[i], &e->ind[i]);
    /* all weights given: with the 预算执行率 they must make 100 */
    bool all = e->budget_weight >= 0;
    int sum = e->budget_weight;
    for (size_t i = 0; i < e->nind; i++) {
        all &= e->ind[i].weight >= 0;
        sum += e->ind[i].weight;
    }
    if (all && sum != 100 * JUE_PERF_POINT) {
        jue_buf b;
        jue_buf_init(&b);
        jue_perf_put_points(&b, sum);
        err(c, in, "权重（预算执行率和各指标）合计为%s，不是100", jue_buf_str(&b));
        jue_buf_free(&b);
    }
}

/* targets: / monitoring: — { projects: N, amount: 元 } */
static void scope(ctx *c, const jue_ynode *root, const char *key, jue_perf_scope *out)
{
    const jue_ynode *n = jue_ymap_get(root, key);
    if (!n) return;
    if (n->type != JUE_Y_MAP) {
        err(c, n, "“%s”应为 projects（项目个数）和 amount（金额，元）的映射", key);
        return;
    }
    static const char *const K[] = { "projects", "amount", NULL };
    check_keys(c, n, K);
    out->line = n->line;
    const jue_ynode *p = jue_ymap_get(n, "projects");
    const char *ps = scalar(p);
    char *end = NULL;
    errno = 0;
    long v = ps ? strtol(ps, &end, 10) : -1;
    if (!ps || *end || errno || v < 0 || v > 100000) {
        err(c, p ? p : n, "“%s.projects”应为项目个数", key);
        return;
    }
    jue_perf_amount a;
    memset(&a, 0, sizeof a);
    amount(c, n, "amount", &a);
    if (!a.present) {
        if (!jue_ymap_get(n, "amount")) err(c, n, "missing '%s.amount' (涉及预算金额, 元)", key);
        return;
    }
    out->present = true;
    out->projects = (int)v;
    out->amount = a.value;
}

static void eval_free(jue_perf_eval *e)
{
    free(e->name), free(e->department), free(e->unit);
    free(e->goals), free(e->achieved), free(e->problems), free(e->improvements), free(e->budget_why);
    for (size_t i = 0; i < e->nind; i++) {
        jue_perf_indicator *x = &e->ind[i];
        free(x->l2), free(x->name), free(x->target_text), free(x->actual_text), free(x->unit), free(x->reason);
        free(x->why);
    }
    free(e->ind);
}

void jue_perf_set_free(jue_perf_set *s)
{
    if (!s) return;
    for (size_t i = 0; i < s->n; i++) eval_free(&s->evals[i]);
    free(s->evals);
    free(s->department);
    free(s->file);
    free(s);
}

jue_status jue_perf_parse(const char *file, const char *text, size_t len, jue_perf_set **out, jue_diags *diags)
{
    *out = NULL;
    jue_ynode *root = NULL;
    jue_status st = jue_yaml_parse(file, text, len, &root, diags);
    if (st != JUE_OK) return st == JUE_ERR_NOMEM ? st : JUE_ERR_INVALID;
    ctx c = { file, diags };
    size_t errs = diags->errors;
    jue_perf_set *s = calloc(1, sizeof *s);
    if (!s) { jue_ynode_free(root); return JUE_ERR_NOMEM; }
    s->file = jue_strdup(file);
    if (!root || root->type != JUE_Y_MAP) {
        err(&c, root, "perf.yaml 应为映射（department、year、overall、projects）");
        goto done;
    }
    static const char *const K[] = { "department", "year", "targets", "monitoring", "overall", "projects", NULL };
    check_keys(&c, root, K);
    s->department = text_of(&c, root, "department", true);
    const jue_ynode *y = jue_ymap_get(root, "year");
    if (y) {
        const char *ys = scalar(y);
        char *end = NULL;
        errno = 0;
        long v = ys ? strtol(ys, &end, 10) : 0;
        if (!ys || *end || errno || v < 1990 || v > 2100) err(&c, y, "year 应为年份，如2024");
        else s->year = (int)v, s->year_line = y->line, s->year_col = y->col;
    }
    scope(&c, root, "targets", &s->targets);
    scope(&c, root, "monitoring", &s->monitoring);
    const jue_ynode *ov = jue_ymap_get(root, "overall");
    const jue_ynode *pr = jue_ymap_get(root, "projects");
    if (pr && pr->type != JUE_Y_SEQ) { err(&c, pr, "“projects”应为列表"); pr = NULL; }
    if (!ov && (!pr || !pr->n)) { err(&c, root, "既没有“overall”也没有“projects”：没有可评价的内容"); goto done; }
    size_t n = (ov ? 1 : 0) + (pr ? pr->n : 0);
    if (n > MAX_EVALS) { err(&c, pr, "自评超过%d份", MAX_EVALS); goto done; }
    s->evals = calloc(n, sizeof *s->evals);
    if (!s->evals) goto done;
    if (ov) evaluation(&c, ov, &s->evals[s->n++], JUE_PERF_DEPT, s->department);
    for (size_t i = 0; pr && i < pr->n; i++) evaluation(&c, pr->items[i], &s->evals[s->n++], JUE_PERF_PROJECT, s->department);
    /* every project self-evaluated had its 绩效目标 */
    size_t np = s->n - (ov ? 1 : 0);
    if (s->targets.present && (size_t)s->targets.projects < np)
        err(&c, jue_ymap_get(root, "targets"),
            "targets.projects 为%d，但有%zu个项目做了自评（每个都应有绩效目标）", s->targets.projects, np);
done:
    jue_ynode_free(root);
    if (diags->errors > errs || !s->evals) {
        jue_perf_set_free(s);
        return diags->errors > errs ? JUE_ERR_INVALID : JUE_ERR_NOMEM;
    }
    *out = s;
    return JUE_OK;
}

jue_status jue_perf_load(const char *dir, jue_perf_set **out, jue_diags *diags)
{
    *out = NULL;
    char path[4096];
    snprintf(path, sizeof path, "%s/perf.yaml", dir);
    FILE *f = fopen(path, "rb");
    if (!f) return errno == ENOENT ? JUE_ERR_NOTFOUND : (jue_diag_add(diags, JUE_SEV_ERROR, path, 0, 0, "无法读取该文件"), JUE_ERR_IO);
    fclose(f);
    char *text;
    size_t len;
    jue_status st = jue_read_file(path, &text, &len);
    if (st != JUE_OK) {
        jue_diag_add(diags, JUE_SEV_ERROR, path, 0, 0, "无法读取该文件");
        return st;
    }
    /* saved as GB18030 (GBK): read, with a warning; not text: one error */
    st = jue_text_utf8(path, &text, &len, diags);
    if (st != JUE_OK) { free(text); return st; }
    st = jue_perf_parse(path, text, len, out, diags);
    free(text);
    return st;
}
