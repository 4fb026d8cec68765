/* Outputs of the self-evaluations: the 自评表 in the official layout (an HTML
 * fragment the complete document embeds), the 自评报告 in Markdown and the
 * summary sentence of the notes' 预算绩效 section. Figures come from the
 * scored model only, so the three always agree. */
#include "perf_internal.h"

#include <string.h>

static void esc(jue_buf *b, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': jue_buf_puts(b, "&amp;"); break;
        case '<': jue_buf_puts(b, "&lt;"); break;
        case '>': jue_buf_puts(b, "&gt;"); break;
        case '"': jue_buf_puts(b, "&quot;"); break;
        case '\n': jue_buf_puts(b, "<br>"); break;
        default: jue_buf_putc(b, *s);
        }
    }
}

static void wan(jue_buf *b, const jue_perf_amount *a)
{
    char t[40];
    if (!a->present) return;
    jue_fmt_wan(a->value, true, t, sizeof t);
    jue_buf_puts(b, t);
}

static const char PERF_CSS[] =
    ".perf table{border-collapse:collapse;margin:1em 0;font-size:.9em}"
    ".perf th,.perf td{border:1px solid #444;padding:.25em .4em;vertical-align:middle}"
    ".perf th{background:#f2f2f2;font-weight:normal}.perf td.n{text-align:right;white-space:nowrap}"
    ".perf caption{font-weight:bold;font-size:1.1em;padding:.4em}.perf .year{font-weight:normal;display:block}";

static const char *const SRC_LABEL[JUE_PSRC_N] = { "年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金" };

static void table_html(const jue_perf_set *s, const jue_perf_eval *e, jue_buf *b)
{
    bool proj = e->kind == JUE_PERF_PROJECT;
    jue_buf_puts(b, "<table class=\"perf-table\">\n<caption>");
    esc(b, proj ? e->name : s->department);
    jue_buf_puts(b, proj ? "项目支出绩效自评表" : "部门整体支出绩效自评表");
    if (s->year) jue_buf_printf(b, "<span class=\"year\">（%d 年度）</span>", s->year);
    jue_buf_puts(b, "</caption>\n<tr><th>");
    jue_buf_puts(b, proj ? "项目名称" : "部门（单位）名称");
    jue_buf_puts(b, "</th><td colspan=\"8\">");
    esc(b, e->name);
    jue_buf_puts(b, "</td></tr>\n<tr><th>主管部门</th><td colspan=\"3\">");
    esc(b, e->department);
    jue_buf_puts(b, "</td><th colspan=\"2\">实施单位</th><td colspan=\"3\">");
    esc(b, e->unit ? e->unit : e->department);
    jue_buf_puts(b, "</td></tr>\n<tr><th rowspan=\"5\">");
    jue_buf_puts(b, proj ? "项目资金<br>（万元）" : "年度资金<br>（万元）");
    jue_buf_puts(b, "</th><th></th><th>年初预算数</th><th>全年预算数（A）</th><th>全年执行数（B）</th><th>分值</th>"
                    "<th>执行率（B/A）</th><th colspan=\"2\">得分</th></tr>\n");
    jue_perf_funds tot = jue_perf_total_funds(e);
    for (int k = 0; k < JUE_PSRC_N; k++) {
        const jue_perf_funds *f = k == JUE_PSRC_TOTAL ? &tot : &e->funds[k];
        jue_buf_printf(b, "<tr><th>%s</th><td class=\"n\">", SRC_LABEL[k]);
        wan(b, &f->initial);
        jue_buf_puts(b, "</td><td class=\"n\">");
        wan(b, &f->annual);
        jue_buf_puts(b, "</td><td class=\"n\">");
        wan(b, &f->executed);
        jue_buf_puts(b, "</td>");
        if (k == JUE_PSRC_TOTAL) {
            jue_buf_puts(b, "<td class=\"n\">");
            jue_perf_put_points(b, e->budget_weight);
            jue_buf_puts(b, "</td><td class=\"n\">");
            if (e->rate_known) jue_perf_put_rate(b, e->rate_ppb);
            else jue_buf_puts(b, "—");
            jue_buf_puts(b, "</td><td class=\"n\" colspan=\"2\" title=\"");
            esc(b, e->budget_why);
            jue_buf_puts(b, "\">");
            jue_perf_put_points(b, e->budget_score);
            jue_buf_puts(b, "</td></tr>\n");
        } else {
            jue_buf_puts(b, "<td class=\"n\">—</td><td class=\"n\">");
            if (f->annual.present && f->annual.value > 0 && f->executed.present) {
                jue_interval r;
                if (jue_iv_ratio(jue_iv_exact(f->executed.value), jue_iv_exact(f->annual.value), &r))
                    jue_perf_put_rate(b, r.lo);
            }
            jue_buf_puts(b, "</td><td colspan=\"2\">—</td></tr>\n");
        }
    }
    jue_buf_puts(b, "<tr><th rowspan=\"2\">年度总体目标</th><th colspan=\"4\">预期目标</th><th colspan=\"4\">实际完成情况</th></tr>\n"
                    "<tr><td colspan=\"4\">");
    esc(b, e->goals);
    jue_buf_puts(b, "</td><td colspan=\"4\">");
    esc(b, e->achieved);
    jue_buf_puts(b, "</td></tr>\n");
    jue_buf_printf(b, "<tr><th rowspan=\"%zu\">绩效指标</th><th>一级指标</th><th>二级指标</th><th>三级指标</th>"
                      "<th>年度指标值</th><th>实际完成值</th><th>分值</th><th>得分</th><th>偏差原因分析及改进措施</th></tr>\n",
                   e->nind + 1);
    for (size_t i = 0; i < e->nind; i++) {
        const jue_perf_indicator *x = &e->ind[i];
        jue_buf_puts(b, "<tr>");
        if (i == 0 || e->ind[i - 1].l1 != x->l1) {
            size_t run = 1;
            int w = 0;
            for (size_t j = i; j < e->nind && e->ind[j].l1 == x->l1; j++) w += e->ind[j].weight, run += j > i;
            jue_buf_printf(b, "<td rowspan=\"%zu\">%s（", run, JUE_PERF_L1_NAMES[x->l1]);
            jue_perf_put_points(b, w);
            jue_buf_puts(b, " 分）</td>");
        }
        const char *l2 = x->l2 ? x->l2 : "";
        if (i == 0 || e->ind[i - 1].l1 != x->l1 || strcmp(e->ind[i - 1].l2 ? e->ind[i - 1].l2 : "", l2)) {
            size_t run = 1;
            for (size_t j = i + 1; j < e->nind && e->ind[j].l1 == x->l1 && !strcmp(e->ind[j].l2 ? e->ind[j].l2 : "", l2); j++) run++;
            jue_buf_printf(b, "<td rowspan=\"%zu\">", run);
            esc(b, l2);
            jue_buf_puts(b, "</td>");
        }
        jue_buf_puts(b, "<td>");
        esc(b, x->name);
        jue_buf_puts(b, "</td><td>");
        esc(b, x->target_text);
        if (x->dir != JUE_DIR_QUAL && x->unit && x->target_text && !strstr(x->target_text, x->unit)) esc(b, x->unit);
        jue_buf_puts(b, "</td><td>");
        if (x->actual_text) {
            esc(b, x->actual_text);
            if (x->dir != JUE_DIR_QUAL && x->unit && !strstr(x->actual_text, x->unit)) esc(b, x->unit);
        } else {
            jue_buf_puts(b, "—");
        }
        if (x->dir == JUE_DIR_QUAL && x->band) jue_buf_printf(b, "（%s）", JUE_PERF_BAND_NAMES[x->band]);
        jue_buf_puts(b, "</td><td class=\"n\">");
        jue_perf_put_points(b, x->weight);
        jue_buf_puts(b, "</td><td class=\"n\" title=\"");
        esc(b, x->why);
        jue_buf_puts(b, "\">");
        jue_perf_put_points(b, x->score);
        jue_buf_puts(b, "</td><td>");
        esc(b, x->reason);
        jue_buf_puts(b, "</td></tr>\n");
    }
    int wsum = e->budget_weight;
    for (size_t i = 0; i < e->nind; i++) wsum += e->ind[i].weight;
    jue_buf_puts(b, "<tr><th colspan=\"6\">总分</th><td class=\"n\">");
    jue_perf_put_points(b, wsum);
    jue_buf_puts(b, "</td><td class=\"n\">");
    jue_perf_put_points(b, e->total);
    jue_buf_printf(b, "</td><td>自评等级：%s</td></tr>\n</table>\n", e->grade);
}

jue_status jue_perf_html(const jue_perf_set *s, jue_buf *out)
{
    jue_buf_printf(out, "<section class=\"perf\">\n<style>%s</style>\n", PERF_CSS);
    for (size_t i = 0; i < s->n; i++) table_html(s, &s->evals[i], out);
    jue_buf_puts(out, "</section>\n");
    return jue_buf_err(out);
}

/* --- Markdown ---------------------------------------------------------- */

static void md_text(jue_buf *b, const char *s)
{
    /* table cells and one-line contexts: no pipes or line breaks */
    for (; s && *s; s++) {
        if (*s == '|') jue_buf_puts(b, "\\|");
        else if (*s == '\n') jue_buf_putc(b, ' ');
        else jue_buf_putc(b, *s);
    }
}

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
    jue_buf_puts(b, proj ? e->name : s->department);
    jue_buf_puts(b, proj ? "项目支出绩效自评报告\n\n" : "部门整体支出绩效自评报告\n\n");
    jue_buf_puts(b, proj ? "### 一、项目概况\n\n" : "### 一、部门概况\n\n");
    if (proj) {
        jue_buf_printf(b, "%s由%s主管", e->name, e->department ? e->department : "");
        if (e->unit) jue_buf_printf(b, "、%s实施", e->unit);
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
    jue_buf_printf(out, "# %s", s->department ? s->department : "");
    if (s->year) jue_buf_printf(out, " %d 年度", s->year);
    jue_buf_puts(out, "绩效自评报告\n\n");
    jue_perf_summary(s, out);
    jue_buf_puts(out, "\n\n");
    for (size_t i = 0; i < s->n; i++) report_md(s, &s->evals[i], i + 1, out);
    return jue_buf_err(out);
}

jue_status jue_perf_summary(const jue_perf_set *s, jue_buf *out)
{
    size_t np = 0;
    jue_fen annual = 0, executed = 0;
    int64_t sum = 0;
    static const char *const G[4] = { "优", "良", "中", "差" };
    size_t count[5] = { 0 };
    const jue_perf_eval *dept = NULL;
    for (size_t i = 0; i < s->n; i++) {
        const jue_perf_eval *e = &s->evals[i];
        if (e->kind == JUE_PERF_DEPT) { dept = e; continue; }
        jue_perf_funds t = jue_perf_total_funds(e);
        if (!jue_fen_add(annual, t.annual.value, &annual) || !jue_fen_add(executed, t.executed.value, &executed))
            return JUE_ERR_OVERFLOW;
        sum += e->total;
        np++;
        int g = 4;
        for (int k = 0; k < 4; k++)
            if (!strcmp(e->grade, G[k])) g = k;
        count[g]++;
    }
    if (s->year) jue_buf_printf(out, "本部门对 %d 年度", s->year);
    else jue_buf_puts(out, "本部门对本年度");
    if (np) {
        jue_buf_printf(out, " %zu 个项目支出开展了绩效自评，涉及全年预算数 ", np);
        put_wan(out, annual);
        jue_buf_puts(out, " 万元、全年执行数 ");
        put_wan(out, executed);
        jue_buf_puts(out, " 万元，自评平均得分 ");
        jue_perf_put_points(out, (int)((sum + (int64_t)np / 2) / (int64_t)np));
        jue_buf_puts(out, " 分，其中");
        bool first = true;
        for (int k = 0; k < 5; k++) {
            if (!count[k]) continue;
            jue_buf_printf(out, "%s%s %zu 个", first ? "" : "、", k < 4 ? G[k] : "其他等级", count[k]);
            first = false;
        }
        jue_buf_puts(out, dept ? "；" : "。");
    }
    if (dept) {
        jue_buf_puts(out, np ? "同时" : "");
        jue_buf_puts(out, "开展了部门整体支出绩效自评，得分 ");
        jue_perf_put_points(out, dept->total);
        jue_buf_printf(out, " 分，等级为“%s”。", dept->grade);
    }
    if (!np && !dept) jue_buf_puts(out, "未开展绩效自评。");
    return jue_buf_err(out);
}
