/* 历年: the store's departments and years with their findings by kind and
 * the year before (the overview `report` writes), and one stored document:
 * its findings and its tables beside the same department's year before. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <juesuan/money.h>

#include "serve_internal.h"

static bool no_store(serve_req *rq, serve_resp *rs)
{
    if (rq->app->store) return false;
    serve_page_begin(rq, rs, "history", "历年");
    jue_buf_puts(&rs->body, "<p>未指定存储。以 <code>juesuan serve --store 文件.db</code> 启动后，"
                            "这里按单位和年度列出存储中的决算（存入：<code>juesuan audit --store 文件.db 文件夹</code>）。</p>\n");
    serve_page_end(rq, rs);
    return true;
}

typedef struct {
    jue_buf *b;
    size_t n;
    char last[256];
} overview_ctx;

static int overview_row(const jue_overview_row *r, void *ctx)
{
    overview_ctx *c = ctx;
    jue_buf *b = c->b;
    bool first = strcmp(c->last, r->dept_key) != 0;
    snprintf(c->last, sizeof c->last, "%s", r->dept_key);
    jue_buf_printf(b, "<tr%s><td>", first ? " class=\"dept\"" : "");
    if (first) serve_esc(b, r->department);
    jue_buf_printf(b, "</td><td><a href=\"/history/doc/%" PRId64 "\">%d年度</a></td>"
                      "<td class=\"num\">%" PRId64 "</td><td class=\"num\">%" PRId64 "</td>",
                   r->id, r->year, r->errors, r->warnings);
    for (int k = 0; k < JUE_KINDS; k++) jue_buf_printf(b, "<td class=\"num\">%" PRId64 "</td>", r->kind_errors[k]);
    if (r->has_prev) jue_buf_printf(b, "<td class=\"num\">%" PRId64 "</td></tr>\n", r->prev_errors);
    else jue_buf_puts(b, "<td>—</td></tr>\n");
    c->n++;
    return 0;
}

void serve_page_history(serve_req *rq, serve_resp *rs)
{
    if (no_store(rq, rs)) return;
    jue_buf *b = &rs->body;
    serve_page_begin(rq, rs, "history", "历年");
    jue_buf_puts(b, "<p>存储中每个单位每个年度最新的一份决算，按类别列出错误条数；“上年错误”为同一单位上一年度的错误条数。</p>\n"
                    "<table class=\"overview\"><thead><tr><th>单位</th><th>年度</th><th>错误</th><th>警告</th>");
    for (int k = 0; k < JUE_KINDS; k++) jue_buf_printf(b, "<th>%s</th>", JUE_KIND_NAMES[k]);
    jue_buf_puts(b, "<th>上年错误</th></tr></thead><tbody>\n");
    overview_ctx c = { b, 0, "" };
    if (jue_store_overview(rq->app->store, overview_row, &c) != JUE_OK)
        jue_buf_puts(b, "<tr><td colspan=\"13\" class=\"error\">读取存储时出错</td></tr>");
    jue_buf_puts(b, "</tbody></table>\n");
    if (!c.n) jue_buf_puts(b, "<p>存储中还没有决算。</p>\n");
    serve_page_end(rq, rs);
}

/* ---- one stored document and its year before ---- */

static void money(jue_buf *b, const jue_cell *c)
{
    char s[64];
    if (!c || !c->present) { jue_buf_puts(b, "<td class=\"num\"></td>"); return; }
    jue_fmt_wan(c->printed, true, s, sizeof s);
    jue_buf_printf(b, "<td class=\"num\">%s</td>", s);
}

static void change(jue_buf *b, const jue_cell *now, const jue_cell *prev)
{
    char s[64];
    jue_fen d;
    if (!now || !prev || !now->present || !prev->present || !jue_fen_sub(now->printed, prev->printed, &d)) {
        jue_buf_puts(b, "<td></td><td></td>");
        return;
    }
    jue_fmt_wan(d, true, s, sizeof s);
    jue_buf_printf(b, "<td class=\"num\">%s</td>", s);
    jue_fen scaled;
    if (prev->printed > 0 && jue_fen_mul(d, 10000, &scaled)) {
        int64_t bp = scaled / prev->printed;   /* basis points */
        jue_buf_printf(b, "<td class=\"num\">%s%" PRId64 ".%02" PRId64 "%%</td>", bp < 0 ? "-" : "",
                       (bp < 0 ? -bp : bp) / 100, (bp < 0 ? -bp : bp) % 100);
    } else jue_buf_puts(b, "<td></td>");
}

/* A table's first column this year against last year, row by row. */
static void compare_table(const jue_table *t, const jue_table *p, jue_buf *b)
{
    if (!t->ncols) return;
    jue_buf_puts(b, "<h3>");
    serve_esc(b, jue_table_printed_label(t));
    jue_buf_puts(b, " ");
    serve_esc(b, t->title);
    jue_buf_puts(b, "</h3><table class=\"compare\"><thead><tr><th>项目</th><th>本年（");
    serve_esc(b, t->cols[0].key);
    jue_buf_puts(b, "，万元）</th><th>上年</th><th>增减</th><th>增减率</th></tr></thead><tbody>\n");
    for (size_t r = 0; r < t->nrows; r++) {
        const jue_row *row = &t->rows[r];
        int pr = p ? jue_table_find_row(p, row->key, row->side) : -1;
        int pc = p && pr >= 0 ? jue_table_find_col(p, t->cols[0].key) : -1;
        const jue_cell *now = jue_table_cell_c(t, r, 0), *prev = pc >= 0 ? jue_table_cell_c(p, (size_t)pr, (size_t)pc) : NULL;
        jue_buf_puts(b, "<tr><td>");
        serve_esc(b, row->name);
        jue_buf_puts(b, "</td>");
        money(b, now), money(b, prev), change(b, now, prev);
        jue_buf_puts(b, "</tr>\n");
    }
    jue_buf_puts(b, "</tbody></table>\n");
}

static void compare(const jue_disclosure *d, const jue_disclosure *prev, jue_buf *b)
{
    jue_buf_puts(b, "<h2>与上年比较</h2>\n");
    if (!prev) jue_buf_puts(b, "<p>存储中没有该单位上一年度的决算。</p>\n");
    for (int i = 0; i < JUE_NTABLES; i++)
        if (d->tables[i]) compare_table(d->tables[i], prev ? prev->tables[i] : NULL, b);
}

void serve_page_history_doc(serve_req *rq, serve_resp *rs)
{
    if (no_store(rq, rs)) return;
    char *end;
    long long id = strtoll(rq->tail, &end, 10);
    jue_disclosure *d = NULL, *prev = NULL;
    jue_findings f;
    jue_findings_init(&f);
    jue_diags dg;
    jue_diags_init(&dg);
    if (!*rq->tail || *end || id <= 0 || jue_store_load_id(rq->app->store, id, &d, &f, &dg) != JUE_OK) {
        jue_diags_free(&dg);
        jue_findings_free(&f);
        serve_error(rq, rs, 404, "存储中没有这份决算");
        return;
    }
    if (d->department && jue_store_last_year(rq->app->store, d->department, d->year, &prev) != JUE_OK) prev = NULL;
    jue_buf title;
    jue_buf_init(&title);
    jue_buf_printf(&title, "%s %d年度", d->department ? d->department : "（未知单位）", d->year);
    serve_page_begin(rq, rs, "history", jue_buf_str(&title));
    jue_buf_free(&title);
    jue_buf *b = &rs->body;
    jue_buf_printf(b, "<p><a href=\"/history\">← 历年总览</a> · 错误 %zu 条，警告 %zu 条</p>\n<h2>审核意见</h2>\n",
                   jue_findings_count(&f, JUE_SEV_ERROR), jue_findings_count(&f, JUE_SEV_WARNING));
    serve_findings_html(&f, NULL, b);
    compare(d, prev, b);
    serve_page_end(rq, rs);
    jue_disclosure_free(prev);
    jue_disclosure_free(d);
    jue_findings_free(&f);
    jue_diags_free(&dg);
}
