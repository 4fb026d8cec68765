/* Outputs of the self-evaluations: the 自评表 in the official layout (an HTML
 * fragment the complete document embeds), the 自评报告 in Markdown and the
 * summary sentence of the notes' 预算绩效 section. Figures come from the
 * scored model only, so the three always agree. */
#include "perf_internal.h"

#include "render/render_internal.h"

#include <string.h>

static void wan(jue_buf *b, const jue_perf_amount *a)
{
    char t[40];
    if (!a->present) return;
    jue_fmt_wan(a->value, true, t, sizeof t);
    jue_buf_puts(b, t);
}

static const char *const SRC_LABEL[JUE_PSRC_N] = { "年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金" };

/* The name an evaluation is printed under, without a doubled 项目. */
static void project_name(jue_buf *b, const jue_perf_eval *e)
{
    const char *n = e->name ? e->name : "";
    size_t len = strlen(n), k = strlen("项目");
    jue_buf_puts(b, n);
    if (len < k || strcmp(n + len - k, "项目")) jue_buf_puts(b, "项目");
}

/* Points as 一级 labels print them: "50" or "47.5". */
static void put_weight_label(jue_buf *b, int h)
{
    if (h % JUE_PERF_POINT == 0) jue_buf_printf(b, "%d", h / JUE_PERF_POINT);
    else if (h % 10 == 0) jue_buf_printf(b, "%d.%d", h / JUE_PERF_POINT, (h % JUE_PERF_POINT) / 10);
    else jue_perf_put_points(b, h);
}

#define NCOLS 9

/* Puts the text in t at (r, c), r×c span; keeps the first error. */
typedef struct {
    jue_form *f;
    jue_buf t;
    jue_status st;
} fb;

static void cell(fb *x, int r, int c, int rs, int cs, unsigned flags, const char *text)
{
    if (x->st) return;
    x->st = jue_form_set(x->f, r, c, rs, cs, flags, text ? text : "");
}

/* the text built in x->t */
static void cellt(fb *x, int r, int c, int rs, int cs, unsigned flags)
{
    if (!x->st) x->st = jue_buf_err(&x->t);
    cell(x, r, c, rs, cs, flags, jue_buf_str(&x->t));
    jue_buf_reset(&x->t);
}

static void tip(fb *x, int r, int c, const char *t)
{
    if (!x->st && t) x->st = jue_form_tip(x->f, r, c, t);
}

/* The form's title ("…支出绩效自评表"), its year and its anchor (perf-N). */
static void form_title(fb *x, const jue_perf_set *s, size_t i)
{
    const jue_perf_eval *e = &s->evals[i];
    if (e->kind == JUE_PERF_PROJECT) project_name(&x->t, e);
    else jue_buf_puts(&x->t, s->department ? s->department : e->name ? e->name : ""), jue_buf_puts(&x->t, "部门整体");
    jue_buf_puts(&x->t, "支出绩效自评表");
    if (!x->st) x->st = jue_buf_err(&x->t) ? jue_buf_err(&x->t) : jue_form_text(&x->f->title, jue_buf_str(&x->t));
    jue_buf_reset(&x->t);
    if (s->year) {
        jue_buf_printf(&x->t, "（%d年度）", s->year);
        if (!x->st) x->st = jue_form_text(&x->f->subtitle, jue_buf_str(&x->t));
        jue_buf_reset(&x->t);
    }
    jue_buf_printf(&x->t, "perf-%zu", i + 1);
    if (!x->st) x->st = jue_form_text(&x->f->anchor, jue_buf_str(&x->t));
    jue_buf_reset(&x->t);
}

/* Rows 0–6: the name, the departments, and the funds by source with the
 * total's points, rate and score. */
static void form_funds(fb *x, const jue_perf_eval *e)
{
    const unsigned H = JUE_FC_HEAD, N = JUE_FC_NUM, C = JUE_FC_CENTER;
    bool proj = e->kind == JUE_PERF_PROJECT;
    cell(x, 0, 0, 1, 1, H, proj ? "项目名称" : "部门（单位）名称");
    cell(x, 0, 1, 1, 8, 0, e->name);
    cell(x, 1, 0, 1, 1, H, "主管部门");
    cell(x, 1, 1, 1, 3, 0, e->department);
    cell(x, 1, 4, 1, 2, H, "实施单位");
    cell(x, 1, 6, 1, 3, 0, e->unit ? e->unit : e->department);
    cell(x, 2, 0, 5, 1, H, proj ? "项目资金（万元）" : "年度资金（万元）");
    cell(x, 2, 1, 1, 2, H, "");
    static const char *const FH[] = { "年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分" };
    for (int c = 0; c < 6; c++) cell(x, 2, 3 + c, 1, 1, H, FH[c]);
    jue_perf_funds tot = jue_perf_total_funds(e);
    for (int k = 0; k < JUE_PSRC_N; k++) {
        int r = 3 + k;
        const jue_perf_funds *f = k == JUE_PSRC_TOTAL ? &tot : &e->funds[k];
        cell(x, r, 1, 1, 2, H, SRC_LABEL[k]);
        wan(&x->t, &f->initial);
        cellt(x, r, 3, 1, 1, N);
        wan(&x->t, &f->annual);
        cellt(x, r, 4, 1, 1, N);
        wan(&x->t, &f->executed);
        cellt(x, r, 5, 1, 1, N);
        if (k == JUE_PSRC_TOTAL) {
            jue_perf_put_points(&x->t, e->budget_weight);
            cellt(x, r, 6, 1, 1, N);
            if (e->rate_known) jue_perf_put_rate(&x->t, e->rate_ppb);
            else jue_buf_puts(&x->t, "—");
            cellt(x, r, 7, 1, 1, N);
            jue_perf_put_points(&x->t, e->budget_score);
            cellt(x, r, 8, 1, 1, N);
            tip(x, r, 8, e->budget_why);
        } else {
            cell(x, r, 6, 1, 1, C, "—");
            if (f->annual.present && f->annual.value > 0 && f->executed.present) {
                jue_interval q;
                if (jue_iv_ratio(jue_iv_exact(f->executed.value), jue_iv_exact(f->annual.value), &q))
                    jue_perf_put_rate(&x->t, q.lo);
            }
            cellt(x, r, 7, 1, 1, N);
            cell(x, r, 8, 1, 1, C, "—");
        }
    }
}

/* The indicator of row r (k-th): its 一级 and 二级 labels spanning their
 * runs, name, target, actual, points, score and reason. */
static void form_indicator(fb *x, const jue_perf_eval *e, int k, int r)
{
    const unsigned N = JUE_FC_NUM, C = JUE_FC_CENTER;
    int nind = (int)e->nind;
    const jue_perf_indicator *q = &e->ind[k];
    if (k == 0 || e->ind[k - 1].l1 != q->l1) {
        int run = 0, w = 0;
        for (int j = k; j < nind && e->ind[j].l1 == q->l1; j++) w += e->ind[j].weight, run++;
        jue_buf_printf(&x->t, "%s（", JUE_PERF_L1_NAMES[q->l1]);
        put_weight_label(&x->t, w);
        jue_buf_puts(&x->t, "分）");
        cellt(x, r, 1, run, 1, C);
    }
    const char *l2 = q->l2 ? q->l2 : "";
    if (k == 0 || e->ind[k - 1].l1 != q->l1 || strcmp(e->ind[k - 1].l2 ? e->ind[k - 1].l2 : "", l2)) {
        int run = 1;
        for (int j = k + 1; j < nind && e->ind[j].l1 == q->l1 && !strcmp(e->ind[j].l2 ? e->ind[j].l2 : "", l2); j++)
            run++;
        cell(x, r, 2, run, 1, C, l2);
    }
    cell(x, r, 3, 1, 1, 0, q->name);
    jue_buf_puts(&x->t, q->target_text ? q->target_text : "");
    if (q->dir != JUE_DIR_QUAL && q->unit && q->target_text && !strstr(q->target_text, q->unit))
        jue_buf_puts(&x->t, q->unit);
    cellt(x, r, 4, 1, 1, C);
    if (q->actual_text) {
        jue_buf_puts(&x->t, q->actual_text);
        if (q->dir != JUE_DIR_QUAL && q->unit && !strstr(q->actual_text, q->unit)) jue_buf_puts(&x->t, q->unit);
    } else {
        jue_buf_puts(&x->t, "—");
    }
    if (q->dir == JUE_DIR_QUAL && q->band) jue_buf_printf(&x->t, "（%s）", JUE_PERF_BAND_NAMES[q->band]);
    cellt(x, r, 5, 1, 1, C);
    jue_perf_put_points(&x->t, q->weight);
    cellt(x, r, 6, 1, 1, N);
    jue_perf_put_points(&x->t, q->score);
    cellt(x, r, 7, 1, 1, N);
    tip(x, r, 7, q->why);
    cell(x, r, 8, 1, 1, 0, q->reason);
}

jue_status jue_perf_form(const jue_perf_set *s, size_t i, jue_form **out)
{
    *out = NULL;
    if (i >= s->n) return JUE_ERR_INVALID;
    const jue_perf_eval *e = &s->evals[i];
    int nind = (int)e->nind, rows = 2 + 5 + 2 + 1 + nind + 1;
    fb x = { jue_form_new(rows, NCOLS), { 0 }, JUE_OK };
    if (!x.f) return JUE_ERR_NOMEM;
    jue_buf_init(&x.t);
    const unsigned H = JUE_FC_HEAD, N = JUE_FC_NUM, C = JUE_FC_CENTER;
    /* the columns of the indicators; the funds' label spans the 一级 and
     * 二级 columns so it does not wrap, their figures take the next ones */
    static const int W[NCOLS] = { 50, 50, 50, 62, 55, 55, 38, 49, 44 };   /* 执行率: "98.83%" on one line in any serif */
    memcpy(x.f->widths, W, sizeof W);
    form_title(&x, s, i);
    form_funds(&x, e);
    /* goals */
    cell(&x, 7, 0, 2, 1, H, "年度总体目标");
    cell(&x, 7, 1, 1, 4, H, "预期目标");
    cell(&x, 7, 5, 1, 4, H, "实际完成情况");
    cell(&x, 8, 1, 1, 4, 0, e->goals);
    cell(&x, 8, 5, 1, 4, 0, e->achieved);
    /* indicators */
    cell(&x, 9, 0, nind + 1, 1, H, "绩效指标");
    static const char *const IH[] = { "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                                      "偏差原因分析及改进措施" };
    for (int c = 0; c < 8; c++) cell(&x, 9, 1 + c, 1, 1, H, IH[c]);
    for (int k = 0; k < nind; k++) form_indicator(&x, e, k, 10 + k);
    int last = rows - 1, wsum = e->budget_weight;
    for (int k = 0; k < nind; k++) wsum += e->ind[k].weight;
    cell(&x, last, 0, 1, 6, H, "总分");
    jue_perf_put_points(&x.t, wsum);
    cellt(&x, last, 6, 1, 1, N | JUE_FC_BOLD);
    jue_perf_put_points(&x.t, e->total);
    cellt(&x, last, 7, 1, 1, N | JUE_FC_BOLD);
    jue_buf_printf(&x.t, "自评等级：%s", e->grade);
    cellt(&x, last, 8, 1, 1, C | JUE_FC_BOLD);
    jue_buf_free(&x.t);
    if (x.st) {
        jue_form_free(x.f);
        return x.st;
    }
    *out = x.f;
    return JUE_OK;
}

jue_status jue_perf_html(const jue_perf_set *s, jue_buf *out)
{
    jue_buf_printf(out, "<section class=\"perf\">\n<style>%s</style>\n", jue_form_html_css());
    for (size_t i = 0; i < s->n; i++) {
        jue_form *f = NULL;
        jue_status st = jue_perf_form(s, i, &f);
        if (!st) st = jue_form_html(f, out);
        jue_form_free(f);
        if (st) return st;
    }
    jue_buf_puts(out, "</section>\n");
    return jue_buf_err(out);
}

/* --- Markdown ---------------------------------------------------------- */

/* table cells and one-line contexts: names and texts stay literal */
static void md_text(jue_buf *b, const char *s) { jue_rd_md_esc(b, s); }

static void put_wan(jue_buf *b, jue_fen v)
{
    char t[40];
    jue_fmt_wan(v, true, t, sizeof t);
    jue_buf_puts(b, t);
}

static void report_md(const jue_perf_set *s, const jue_perf_eval *e, size_t no, jue_buf *b)
{
    bool proj = e->kind == JUE_PERF_PROJECT;
    jue_perf_funds t = jue_perf_total_funds(e);
    jue_buf_printf(b, "## %zu. ", no);
    md_text(b, proj ? e->name : s->department);
    jue_buf_puts(b, proj ? "项目支出绩效自评报告\n\n" : "部门整体支出绩效自评报告\n\n");
    jue_buf_puts(b, proj ? "### 一、项目概况\n\n" : "### 一、部门概况\n\n");
    if (proj) {
        md_text(b, e->name);
        jue_buf_puts(b, "由");
        md_text(b, e->department);
        jue_buf_puts(b, "主管");
        if (e->unit) jue_buf_puts(b, "、"), md_text(b, e->unit), jue_buf_puts(b, "实施");
        jue_buf_puts(b, "。");
    }
    if (t.initial.present) jue_buf_puts(b, "年初预算数 "), put_wan(b, t.initial.value), jue_buf_puts(b, " 万元，");
    jue_buf_puts(b, "全年预算数 ");
    put_wan(b, t.annual.value);
    jue_buf_puts(b, " 万元，全年执行数 ");
    put_wan(b, t.executed.value);
    jue_buf_puts(b, " 万元");
    if (e->rate_known) jue_buf_puts(b, "，执行率 "), jue_perf_put_rate(b, e->rate_ppb);
    jue_buf_puts(b, "。");
    static const char *const SRC[JUE_PSRC_N] = { "", "财政拨款", "上年结转资金", "其他资金" };
    bool first = true;
    for (int k = JUE_PSRC_FISCAL; k < JUE_PSRC_N; k++) {
        const jue_perf_funds *f = &e->funds[k];
        if (!f->annual.present && !f->executed.present) continue;
        jue_buf_puts(b, first ? "其中" : "；");
        first = false;
        jue_buf_printf(b, "%s预算 ", SRC[k]);
        put_wan(b, f->annual.value);
        jue_buf_puts(b, " 万元、执行 ");
        put_wan(b, f->executed.value);
        jue_buf_puts(b, " 万元");
    }
    jue_buf_puts(b, first ? "\n\n" : "。\n\n");
    jue_buf_puts(b, "### 二、绩效目标完成情况\n\n");
    if (e->goals) jue_buf_puts(b, "年度目标："), md_text(b, e->goals), jue_buf_puts(b, "\n\n");
    if (e->achieved) jue_buf_puts(b, "完成情况："), md_text(b, e->achieved), jue_buf_puts(b, "\n\n");
    size_t full = 0;
    for (size_t i = 0; i < e->nind; i++) full += e->ind[i].score == e->ind[i].weight;
    jue_buf_puts(b, "自评得分 ");
    jue_perf_put_points(b, e->total);
    jue_buf_printf(b, " 分，等级为“%s”。设置绩效指标 %zu 个，%zu 个得满分。预算执行率：", e->grade, e->nind, full);
    md_text(b, e->budget_why);
    jue_buf_puts(b, "。\n\n| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 计分说明 |\n"
                    "|---|---|---|---|---|---:|---:|---|\n");
    for (size_t i = 0; i < e->nind; i++) {
        const jue_perf_indicator *x = &e->ind[i];
        jue_buf_printf(b, "| %s | ", JUE_PERF_L1_NAMES[x->l1]);
        md_text(b, x->l2);
        jue_buf_puts(b, " | ");
        md_text(b, x->name);
        jue_buf_puts(b, " | ");
        md_text(b, x->target_text);
        jue_buf_puts(b, " | ");
        md_text(b, x->actual_text ? x->actual_text : "—");
        jue_buf_puts(b, " | ");
        jue_perf_put_points(b, x->weight);
        jue_buf_puts(b, " | ");
        jue_perf_put_points(b, x->score);
        jue_buf_puts(b, " | ");
        md_text(b, x->why);
        jue_buf_puts(b, " |\n");
    }
    jue_buf_puts(b, "\n### 三、问题及原因\n\n");
    bool any = false;
    for (size_t i = 0; i < e->nind; i++) {
        const jue_perf_indicator *x = &e->ind[i];
        if (x->score >= x->weight) continue;
        any = true;
        jue_buf_puts(b, "- ");
        md_text(b, x->name);
        jue_buf_puts(b, "：扣 ");
        jue_perf_put_points(b, x->weight - x->score);
        jue_buf_puts(b, " 分（");
        md_text(b, x->why);
        jue_buf_puts(b, "）");
        if (x->reason) jue_buf_puts(b, "。原因："), md_text(b, x->reason);
        jue_buf_puts(b, "\n");
    }
    if (e->budget_score < e->budget_weight) {
        any = true;
        jue_buf_puts(b, "- 预算执行率：扣 ");
        jue_perf_put_points(b, e->budget_weight - e->budget_score);
        jue_buf_puts(b, " 分（");
        md_text(b, e->budget_why);
        jue_buf_puts(b, "）\n");
    }
    if (any) jue_buf_puts(b, "\n");
    if (e->problems) md_text(b, e->problems), jue_buf_puts(b, "\n\n");
    else if (!any) jue_buf_puts(b, "各项指标均达成年度目标，预算全部执行。\n\n");
    jue_buf_puts(b, "### 四、改进措施\n\n");
    md_text(b, e->improvements ? e->improvements : "继续加强预算执行和绩效监控，确保年度绩效目标实现。");
    jue_buf_puts(b, "\n\n");
}

jue_status jue_perf_markdown(const jue_perf_set *s, jue_buf *out)
{
    jue_buf_puts(out, "# ");
    md_text(out, s->department);
    if (s->year) jue_buf_printf(out, " %d 年度", s->year);
    jue_buf_puts(out, "绩效自评报告\n\n");
    jue_buf sum;
    jue_buf_init(&sum);
    jue_perf_summary(s, &sum);
    jue_status st = jue_buf_err(&sum) ? jue_buf_err(&sum) : jue_render_md_text(jue_buf_str(&sum), out);
    jue_buf_free(&sum);
    if (st) return st;
    jue_buf_puts(out, "\n\n");
    for (size_t i = 0; i < s->n; i++) report_md(s, &s->evals[i], i + 1, out);
    return jue_buf_err(out);
}

jue_status jue_perf_summary(const jue_perf_set *s, jue_buf *out)
{
    size_t np = 0;
    jue_fen annual = 0, executed = 0;
    int64_t sum = 0;
    const jue_perf_profile *p = &s->prof;
    size_t count[8] = { 0 }, other = 0;
    const jue_perf_eval *dept = NULL;
    for (size_t i = 0; i < s->n; i++) {
        const jue_perf_eval *e = &s->evals[i];
        if (e->kind == JUE_PERF_DEPT) { dept = e; continue; }
        jue_perf_funds t = jue_perf_total_funds(e);
        if (!jue_fen_add(annual, t.annual.value, &annual) || !jue_fen_add(executed, t.executed.value, &executed))
            return JUE_ERR_OVERFLOW;
        sum += e->total;
        np++;
        int g = -1;
        for (int k = 0; k < p->ngrades && k < 8; k++)
            if (!strcmp(e->grade, p->grade[k])) g = k;
        if (g >= 0) count[g]++;
        else other++;
    }
    if (s->year) jue_buf_printf(out, "%d年度，本部门", s->year);
    else jue_buf_puts(out, "本年度，本部门");
    const jue_perf_scope *sc[2] = { &s->targets, &s->monitoring };
    static const char *const SC[2] = { "编报绩效目标的项目", "开展绩效监控的项目" };
    for (int k = 0; k < 2; k++) {
        if (!sc[k]->present) continue;
        jue_buf_printf(out, "%s%d个，涉及预算金额", SC[k], sc[k]->projects);
        put_wan(out, sc[k]->amount);
        jue_buf_puts(out, "万元；");
    }
    if (np) {
        jue_buf_printf(out, "开展绩效自评的项目%zu个，涉及全年预算数", np);
        put_wan(out, annual);
        jue_buf_puts(out, "万元、全年执行数");
        put_wan(out, executed);
        jue_buf_puts(out, "万元，平均得分");
        jue_perf_put_points(out, (int)((sum + (int64_t)np / 2) / (int64_t)np));
        jue_buf_puts(out, "分，其中等级为");
        for (int k = 0; k < p->ngrades && k < 8; k++)
            jue_buf_printf(out, "%s“%s”的项目%zu个", k ? "、" : "", p->grade[k], count[k]);
        if (other) jue_buf_printf(out, "、其他等级的项目%zu个", other);
    } else {
        jue_buf_puts(out, "未对项目支出开展绩效自评");
    }
    if (dept) {
        jue_buf_puts(out, "；部门整体支出绩效自评得分");
        jue_perf_put_points(out, dept->total);
        jue_buf_printf(out, "分，等级为“%s”", dept->grade);
    }
    jue_buf_puts(out, "。");
    return jue_buf_err(out);
}

jue_status jue_perf_overview(const jue_perf_set *s, size_t i, jue_buf *out)
{
    if (i >= s->n) return JUE_ERR_INVALID;
    const jue_perf_eval *e = &s->evals[i];
    jue_perf_funds t = jue_perf_total_funds(e);
    if (e->kind == JUE_PERF_PROJECT) {
        project_name(out, e);
        jue_buf_puts(out, "绩效自评综述：");
    } else {
        jue_buf_puts(out, s->department ? s->department : e->name ? e->name : "");
        jue_buf_puts(out, "部门整体支出绩效自评综述：");
    }
    jue_buf_puts(out, "全年预算数");
    put_wan(out, t.annual.value);
    jue_buf_puts(out, "万元，执行数");
    put_wan(out, t.executed.value);
    jue_buf_puts(out, "万元");
    if (e->rate_known) jue_buf_puts(out, "，完成预算的"), jue_perf_put_rate(out, e->rate_ppb);
    jue_buf_puts(out, "，自评得分");
    jue_perf_put_points(out, e->total);
    jue_buf_printf(out, "分，等级为“%s”。", e->grade);
    return jue_buf_err(out);
}
