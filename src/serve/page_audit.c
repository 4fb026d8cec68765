/* 审核: the drop zone, the upload, each job's progress and findings (grouped
 * by table and section, filtered by severity and kind), the findings as
 * JSON Lines and XLSX. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <juesuan/rules.h>

#include "serve_internal.h"

static const char *const SEV_KEY[] = { "error", "warning", "info" };

static const char *const STATE[] = { "queued", "running", "done", "failed" };

static void job_summary(const serve_job *j, bool open, jue_buf *b)
{
    jue_buf_printf(b, "<div class=\"job\" id=\"job-%s\" data-state=\"%s\"><a href=\"/audit/job/%s\">", j->id,
                   STATE[j->state], j->id);
    serve_esc(b, j->name);
    jue_buf_printf(b, "</a> · <span class=\"state\">%s</span>", serve_state_zh(j->state));
    if (j->state < SERVE_DONE) { jue_buf_puts(b, " <progress></progress></div>\n"); return; }
    jue_buf_printf(b, " · 错误 %zu 条，警告 %zu 条", jue_findings_count(&j->findings, JUE_SEV_ERROR),
                   jue_findings_count(&j->findings, JUE_SEV_WARNING));
    jue_buf_printf(b, "<details%s><summary>审核意见</summary>", open ? " open" : "");
    jue_buf href;
    jue_buf_init(&href);
    jue_buf_printf(&href, "/audit/job/%s/finding/", j->id);
    serve_findings_html(&j->findings, j->state == SERVE_DONE ? jue_buf_str(&href) : NULL, b);
    jue_buf_free(&href);
    jue_buf_puts(b, "</details></div>\n");
}

void serve_page_audit(serve_req *rq, serve_resp *rs)
{
    jue_buf *b = &rs->body;
    serve_page_begin(rq, rs, "audit", "审核");
    jue_buf_puts(b, "<form class=\"drop\" method=\"post\" action=\"/audit/upload\" enctype=\"multipart/form-data\">");
    serve_csrf_field(rq, b);
    jue_buf_printf(b, "<p>把已公开的决算文件拖到这里，或 <input type=\"file\" name=\"file\" multiple "
                      "accept=\".pdf,.docx,.html,.htm,.xlsx,.txt\"></p>"
                      "<p class=\"hint\">PDF、Word（.docx）、Excel（.xlsx）、网页、文本；一次最多 %zu 个文件、共 %zu MB。</p>"
                      "<button>上传并审核</button><progress id=\"upbar\" class=\"hidden\" value=\"0\"></progress> "
                      "<span id=\"upmsg\"></span></form>\n",
                   rq->app->o.max_files, rq->app->o.max_upload >> 20);
    const char *batch = serve_arg(rq, "b");
    if (batch && serve_id_ok(batch)) {
        jue_buf_printf(b, "<div id=\"jobs\" data-batch=\"%s\">", batch);
        size_t n = 0;
        for (size_t i = 0; i < rq->app->njobs; i++) n += !strcmp(rq->app->jobs[i]->batch, batch);
        for (size_t i = 0; i < rq->app->njobs; i++)
            if (!strcmp(rq->app->jobs[i]->batch, batch)) job_summary(rq->app->jobs[i], n == 1, b);
        jue_buf_puts(b, "</div>\n");
    }
    serve_page_end(rq, rs);
}

static bool wants_json(const serve_req *rq) { return serve_header(rq, "X-Requested-With") != NULL; }

void serve_page_upload(serve_req *rq, serve_resp *rs)
{
    char batch[17];
    serve_random_hex(batch, 8);
    jue_buf ids;
    jue_buf_init(&ids);
    size_t n = 0, i = 0;
    for (serve_field *f; (f = serve_next_file(rq, "file", &i));) {
        serve_job *j = serve_job_add(rq->app, batch, f->path, f->filename);
        if (!j) { jue_buf_free(&ids); serve_error(rq, rs, 503, "服务器上等待审核的文件太多，请稍后再试"); return; }
        free(f->path), f->path = NULL;
        jue_buf_printf(&ids, "%s{\"id\":\"%s\",\"name\":", n++ ? "," : "", j->id);
        serve_json_str(&ids, j->name);
        jue_buf_putc(&ids, '}');
    }
    if (!n) { jue_buf_free(&ids); serve_error(rq, rs, 400, "没有选择文件"); return; }
    serve_jobs_poll(rq->app);
    if (wants_json(rq)) {
        rs->type = "application/json; charset=utf-8";
        jue_buf_printf(&rs->body, "{\"batch\":\"%s\",\"jobs\":[%s]}\n", batch, jue_buf_str(&ids));
    } else {
        jue_buf loc;
        jue_buf_init(&loc);
        jue_buf_printf(&loc, "/audit?b=%s", batch);
        rs->location = jue_buf_take(&loc);
    }
    jue_buf_free(&ids);
}

void serve_page_jobs_json(serve_req *rq, serve_resp *rs)
{
    const char *batch = serve_arg(rq, "b");
    jue_buf *b = &rs->body;
    rs->type = "application/json; charset=utf-8";
    jue_buf_puts(b, "{\"jobs\":[");
    size_t n = 0;
    for (size_t i = 0; batch && i < rq->app->njobs; i++) {
        serve_job *j = rq->app->jobs[i];
        if (strcmp(j->batch, batch)) continue;
        jue_buf_printf(b, "%s{\"id\":\"%s\",\"state\":\"%s\",\"state_zh\":\"%s\",\"name\":", n++ ? "," : "", j->id,
                       STATE[j->state], serve_state_zh(j->state));
        serve_json_str(b, j->name);
        jue_buf_printf(b, ",\"errors\":%zu,\"warnings\":%zu,\"started\":%u}",
                       jue_findings_count(&j->findings, JUE_SEV_ERROR), jue_findings_count(&j->findings, JUE_SEV_WARNING),
                       j->started);
    }
    jue_buf_puts(b, "]}\n");
}

/* ---- findings as HTML, grouped by table and section ---- */

static void group_name(const jue_finding *x, jue_buf *g)
{
    if (x->table >= 0 && x->table < JUE_NTABLES)
        jue_buf_printf(g, "%s %s", jue_table_label((jue_table_id)x->table), jue_table_title((jue_table_id)x->table));
    else jue_buf_printf(g, "%s", JUE_KIND_NAMES[jue_finding_kind(x->rule)]);
}

static void finding_html(const jue_finding *x, size_t n, const char *href, jue_buf *b)
{
    const char *sev = SEV_KEY[x->severity];
    jue_buf_printf(b, "<div class=\"finding sev-%s\" data-sev=\"%s\" data-kind=\"k%d\"><b>%s</b> ", sev, sev,
                   jue_finding_kind(x->rule), jue_severity_zh(x->severity));
    serve_esc(b, x->message);
    jue_buf_puts(b, "<div class=\"where\">");
    if (x->page > 0) jue_buf_printf(b, "第%d页 ", x->page);
    else if (x->line > 0) jue_buf_printf(b, "第%d行 ", x->line);
    if (x->row) { jue_buf_puts(b, "行：“"); serve_esc(b, x->row); jue_buf_puts(b, "” "); }
    if (x->column) { jue_buf_puts(b, "栏：“"); serve_esc(b, x->column); jue_buf_puts(b, "” "); }
    if (x->expected) { jue_buf_puts(b, "应为 "); serve_esc(b, x->expected); jue_buf_puts(b, "，"); }
    if (x->actual) { jue_buf_puts(b, "实为 "); serve_esc(b, x->actual); jue_buf_puts(b, " "); }
    jue_buf_puts(b, "<code>");
    serve_esc(b, x->rule);
    jue_buf_puts(b, "</code>");
    if (href) jue_buf_printf(b, " <a href=\"%s%zu\">在页面上查看</a>", href, n);
    jue_buf_puts(b, "</div></div>\n");
}

static void filters_html(const jue_findings *f, jue_buf *b)
{
    bool kinds[JUE_KINDS] = { false };
    for (size_t i = 0; i < f->len; i++) kinds[jue_finding_kind(f->items[i].rule)] = true;
    jue_buf_puts(b, "<form class=\"filters\">筛选：");
    for (int s = 0; s < 3; s++)
        jue_buf_printf(b, "<label><input type=\"checkbox\" value=\"%s\" checked> %s</label>", SEV_KEY[s],
                       jue_severity_zh((jue_severity)s));
    jue_buf_puts(b, " ｜ ");
    for (int k = 0; k < JUE_KINDS; k++)
        if (kinds[k]) jue_buf_printf(b, "<label><input type=\"checkbox\" value=\"k%d\" checked> %s</label>", k, JUE_KIND_NAMES[k]);
    jue_buf_puts(b, "</form>\n");
}

void serve_findings_html(const jue_findings *f, const char *href, jue_buf *b)
{
    if (!f->len) { jue_buf_puts(b, "<p>没有审核意见。</p>\n"); return; }
    filters_html(f, b);
    char *done = calloc(f->len, 1);
    jue_buf g, h;
    jue_buf_init(&g), jue_buf_init(&h);
    for (size_t i = 0; done && i < f->len; i++) {
        if (done[i]) continue;
        jue_buf_reset(&g);
        group_name(&f->items[i], &g);
        jue_buf_puts(b, "<section class=\"group\"><h3>");
        serve_esc(b, jue_buf_str(&g));
        jue_buf_puts(b, "</h3>\n");
        for (size_t k = i; k < f->len; k++) {
            jue_buf_reset(&h);
            group_name(&f->items[k], &h);
            if (done[k] || strcmp(jue_buf_str(&g), jue_buf_str(&h))) continue;
            done[k] = 1;
            finding_html(&f->items[k], k, href, b);
        }
        jue_buf_puts(b, "</section>\n");
    }
    jue_buf_free(&g), jue_buf_free(&h);
    free(done);
}

/* ---- one job: its page and downloads ---- */

static void download_name(serve_resp *rs, const serve_job *j, const char *ext)
{
    jue_buf name;
    jue_buf_init(&name);
    jue_buf_printf(&name, "%s-审核意见.%s", j->name, ext);
    rs->download = jue_buf_take(&name);
}

void serve_job_jsonl(serve_req *rq, serve_resp *rs, serve_job *j, const char *rest)
{
    (void)rq, (void)rest;
    download_name(rs, j, "jsonl");
    rs->type = "application/x-ndjson; charset=utf-8";
    for (size_t i = 0; i < j->findings.len; i++) {
        jue_finding_format_json(&j->findings.items[i], &rs->body);
        jue_buf_putc(&rs->body, '\n');
    }
}

void serve_job_xlsx(serve_req *rq, serve_resp *rs, serve_job *j, const char *rest)
{
    (void)rest;
    jue_buf p;
    jue_buf_init(&p);
    jue_buf_printf(&p, "%s/findings.xlsx", j->dir);
    if (jue_findings_xlsx(&j->findings, jue_buf_str(&p)) != JUE_OK) {
        jue_buf_free(&p);
        serve_error(rq, rs, 500, "无法写出 XLSX");
        return;
    }
    download_name(rs, j, "xlsx");
    rs->type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    rs->file = jue_buf_take(&p);
}

/* /audit/job/ID/REST by SERVE_JOB_ROUTES. */
static void job_subpage(serve_req *rq, serve_resp *rs, serve_job *j, const char *rest)
{
    if (j->state < SERVE_DONE) { serve_error(rq, rs, 404, "尚未审核完"); return; }
    for (size_t i = 0; i < SERVE_NJOB_ROUTES; i++) {
        const serve_job_route *r = &SERVE_JOB_ROUTES[i];
        size_t n = strlen(r->prefix);
        if (r->is_prefix ? !strncmp(rest, r->prefix, n) : !strcmp(rest, r->prefix)) {
            r->fn(rq, rs, j, rest + n);
            return;
        }
    }
    serve_error(rq, rs, 404, NULL);
}

void serve_page_job(serve_req *rq, serve_resp *rs)
{
    char id[33];
    const char *slash = strchr(rq->tail, '/');
    size_t n = slash ? (size_t)(slash - rq->tail) : strlen(rq->tail);
    snprintf(id, sizeof id, "%.*s", (int)(n < sizeof id ? n : 0), rq->tail);
    serve_job *j = serve_id_ok(id) ? serve_job_get(rq->app, id) : NULL;
    if (!j) { serve_error(rq, rs, 404, "没有这项审核（服务器重启后，之前上传的文件已删除）"); return; }
    const char *rest = slash ? slash + 1 : "";
    if (*rest) { job_subpage(rq, rs, j, rest); return; }
    jue_buf *b = &rs->body;
    serve_page_begin(rq, rs, "audit", j->name);
    jue_buf_printf(b, "<p>%s", serve_state_zh(j->state));
    if (j->department) {
        jue_buf_puts(b, " · ");
        serve_esc(b, j->department);
        if (j->year > 0) jue_buf_printf(b, " %d年度", j->year);
    }
    if (j->state < SERVE_DONE) {
        jue_buf_printf(b, "</p><div id=\"jobs\" data-batch=\"%s\"><div class=\"job\" id=\"job-%s\" data-state=\"%s\">"
                          "<span class=\"state\">%s</span> <progress></progress></div></div>\n",
                       j->batch, j->id, STATE[j->state], serve_state_zh(j->state));
        serve_page_end(rq, rs);
        return;
    }
    jue_buf_printf(b, " · 错误 %zu 条，警告 %zu 条 · 下载：<a href=\"/audit/job/%s/findings.xlsx\">XLSX</a> "
                      "<a href=\"/audit/job/%s/findings.jsonl\">JSONL</a></p>\n",
                   jue_findings_count(&j->findings, JUE_SEV_ERROR), jue_findings_count(&j->findings, JUE_SEV_WARNING),
                   j->id, j->id);
    jue_buf href;
    jue_buf_init(&href);
    jue_buf_printf(&href, "/audit/job/%s/finding/", j->id);
    serve_findings_html(&j->findings, j->state == SERVE_DONE ? jue_buf_str(&href) : NULL, b);
    jue_buf_free(&href);
    serve_page_end(rq, rs);
}
