/* A finding where it is: /audit/job/ID/finding/N shows the page of a PDF
 * as a picture with the figure boxed (or, for DOCX, HTML, XLSX and text,
 * the table with the cell marked or the note with the sentence marked)
 * beside what was found, what was expected and why. The picture and the
 * HTML are made in a bounded process (bounded.c) by the library (view.h)
 * and kept in the job's folder under server-made names. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <juesuan/output.h>
#include <juesuan/view.h>

#include "serve_view.h"

#define VIEW_SECONDS 20   /* wall-clock time for one page or table */
#define VIEW_SCALE 1.5    /* pixels per point: an A4 page 893 pixels wide */
#define MAX_BOXES 8

typedef struct {
    const serve_job *j;
    const jue_finding *f;
    size_t n;
} view_arg;

static void cache_path(const serve_job *j, size_t n, const char *ext, jue_buf *out)
{
    jue_buf_printf(out, "%s/view-%zu.%s", j->dir, n, ext);
}

static bool is_pdf(const serve_job *j)
{
    size_t n = strlen(j->path);
    return n > 4 && !strcmp(j->path + n - 4, ".pdf");
}

/* In the child: the page picture (view-N.png) and how many boxes are on it
 * (view-N.boxes). */
static bool make_png(const serve_app *app, void *arg)
{
    (void)app;
    const view_arg *v = arg;
    char *data = NULL;
    size_t len = 0;
    if (jue_read_file(v->j->path, &data, &len) != JUE_OK) return false;
    jue_box boxes[MAX_BOXES];
    size_t nb = jue_finding_boxes(data, len, v->f, boxes, MAX_BOXES);
    jue_buf png, p;
    jue_buf_init(&png), jue_buf_init(&p);
    jue_diags d;
    jue_diags_init(&d);
    int err = 0;
    bool ok = jue_page_png(data, len, v->f->page, VIEW_SCALE, boxes, nb, &png, NULL, &d) == JUE_OK;
    cache_path(v->j, v->n, "png", &p);
    ok = ok && jue_out_file(jue_buf_str(&p), png.data, png.len, &err) == JUE_OK;
    char count[32];
    int k = snprintf(count, sizeof count, "%zu\n", nb);
    jue_buf_reset(&p);
    cache_path(v->j, v->n, "boxes", &p);
    ok = ok && jue_out_file(jue_buf_str(&p), count, (size_t)k, &err) == JUE_OK;
    jue_buf_free(&png), jue_buf_free(&p);
    jue_diags_free(&d);
    free(data);
    return ok;
}

/* In the child: the table or the note as HTML (view-N.html); an empty file
 * when the finding has no place to show. */
static bool make_html(const serve_app *app, void *arg)
{
    const view_arg *v = arg;
    jue_buf html, p;
    jue_buf_init(&html), jue_buf_init(&p);
    jue_diags d;
    jue_diags_init(&d);
    jue_status st = jue_view_html(app->aud, v->j->path, v->f, &html, &d);
    if (st == JUE_ERR_NOTFOUND) jue_buf_reset(&html), st = JUE_OK;
    cache_path(v->j, v->n, "html", &p);
    int err = 0;
    bool ok = st == JUE_OK && jue_out_file(jue_buf_str(&p), jue_buf_str(&html), html.len, &err) == JUE_OK;
    jue_buf_free(&html), jue_buf_free(&p);
    jue_diags_free(&d);
    return ok;
}

/* The cached file ext of finding n, made when missing; its path (free) or
 * NULL when it could not be made in time. */
static char *cached(const serve_app *app, const serve_job *j, size_t n, const char *ext,
                    bool (*make)(const serve_app *, void *))
{
    jue_buf p;
    jue_buf_init(&p);
    cache_path(j, n, ext, &p);
    struct stat st;
    view_arg v = { j, &j->findings.items[n], n };
    if (stat(jue_buf_str(&p), &st) != 0 && !serve_run_bounded(app, VIEW_SECONDS, make, &v)) {
        jue_buf_free(&p);
        return NULL;
    }
    return jue_buf_take(&p);
}

static void put_facts(const jue_finding *x, jue_buf *b)
{
    static const char *const SEV[] = { "error", "warning", "info" };
    jue_buf_printf(b, "<aside class=\"facts\"><p class=\"sev sev-%s\"><b>%s</b></p><dl>", SEV[x->severity],
                   jue_severity_zh(x->severity));
    jue_buf_puts(b, "<dt>发现</dt><dd class=\"message\">");
    serve_esc(b, x->message);
    jue_buf_puts(b, "</dd>");
    if (x->actual) { jue_buf_puts(b, "<dt>实为</dt><dd class=\"actual\">"); serve_esc(b, x->actual); jue_buf_puts(b, "</dd>"); }
    if (x->expected) {
        jue_buf_puts(b, "<dt>应为</dt><dd class=\"expected\">");
        serve_esc(b, x->expected);
        jue_buf_puts(b, "</dd>");
    }
    jue_buf_puts(b, "<dt>位置</dt><dd>");
    if (x->page > 0) jue_buf_printf(b, "第%d页 ", x->page);
    else if (x->line > 0) jue_buf_printf(b, "第%d行 ", x->line);
    if (x->table >= 0 && x->table < JUE_NTABLES) jue_buf_printf(b, "%s ", jue_table_label((jue_table_id)x->table));
    if (x->row) { jue_buf_puts(b, "行“"); serve_esc(b, x->row); jue_buf_puts(b, "” "); }
    if (x->column) { jue_buf_puts(b, "栏“"); serve_esc(b, x->column); jue_buf_puts(b, "”"); }
    jue_buf_puts(b, "</dd><dt>依据</dt><dd><code>");
    serve_esc(b, x->rule);
    jue_buf_puts(b, "</code></dd></dl></aside>\n");
}

/* The left side: the page picture, or the table or note, or why none. */
static void put_place(serve_req *rq, const serve_job *j, size_t n, jue_buf *b)
{
    const jue_finding *x = &j->findings.items[n];
    jue_buf_puts(b, "<div class=\"place\">");
    if (is_pdf(j) && x->page > 0) {
        char *png = cached(rq->app, j, n, "png", make_png);
        char *boxes = NULL, *cnt = NULL;
        size_t len;
        if (png) {
            jue_buf p;
            jue_buf_init(&p);
            cache_path(j, n, "boxes", &p);
            if (jue_read_file(jue_buf_str(&p), &cnt, &len) == JUE_OK) boxes = cnt;
            jue_buf_free(&p);
            if (boxes && atoi(boxes) == 0) jue_buf_puts(b, "<p class=\"hint\">未能在页面上找到所说的数字，请在本页中查看。</p>");
            jue_buf_printf(b, "<img class=\"page\" id=\"page\" src=\"/audit/job/%s/finding/%zu.png\" alt=\"第%d页\">",
                           j->id, n, x->page);
        } else {
            jue_buf_printf(b, "<p class=\"error\">第%d页无法显示（文件无法读取，或用时超过上限）。</p>", x->page);
        }
        free(png), free(cnt);
    } else if (!is_pdf(j) && (x->line > 0 || x->table >= 0)) {
        char *html = cached(rq->app, j, n, "html", make_html), *text = NULL;
        size_t len = 0;
        if (html && jue_read_file(html, &text, &len) == JUE_OK && len) jue_buf_putn(b, text, len);   /* escaped by the library */
        else jue_buf_puts(b, "<p class=\"hint\">这条意见涉及整份文件，没有具体位置可显示。</p>");
        free(html), free(text);
    } else {
        jue_buf_puts(b, "<p class=\"hint\">这条意见涉及整份文件，没有具体位置可显示。</p>");
    }
    jue_buf_puts(b, "</div>\n");
}

void serve_page_finding(serve_req *rq, serve_resp *rs, serve_job *j, const char *rest)
{
    char *end;
    size_t n = (size_t)strtoul(rest, &end, 10);
    bool png = !strcmp(end, ".png");
    if (end == rest || *rest < '0' || *rest > '9' || (*end && !png) || n >= j->findings.len) {
        serve_error(rq, rs, 404, "没有这条审核意见");
        return;
    }
    if (png) {
        char *path = is_pdf(j) && j->findings.items[n].page > 0 ? cached(rq->app, j, n, "png", make_png) : NULL;
        if (!path) { serve_error(rq, rs, 404, "这一页无法显示"); return; }
        rs->type = "image/png";
        rs->file = path;
        return;
    }
    jue_buf *b = &rs->body;
    jue_buf title;
    jue_buf_init(&title);
    jue_buf_printf(&title, "%s · 第 %zu 条意见", j->name, n + 1);
    serve_page_begin(rq, rs, "audit", jue_buf_str(&title));
    jue_buf_free(&title);
    jue_buf_printf(b, "<link rel=\"stylesheet\" href=\"/static/view.css\"><p class=\"back\"><a href=\"/audit/job/%s\">"
                      "← 返回全部意见</a>", j->id);
    if (n > 0) jue_buf_printf(b, " · <a href=\"/audit/job/%s/finding/%zu\">上一条</a>", j->id, n - 1);
    if (n + 1 < j->findings.len) jue_buf_printf(b, " · <a href=\"/audit/job/%s/finding/%zu\" id=\"next\">下一条</a>", j->id, n + 1);
    jue_buf_puts(b, "</p>\n<div class=\"finding-view\">");
    put_place(rq, j, n, b);
    put_facts(&j->findings.items[n], b);
    jue_buf_puts(b, "</div>\n");
    serve_page_end(rq, rs);
}

static const char PAGE_CSS[] =
    ".finding-view{display:flex;gap:1.5em;align-items:flex-start}\n"
    ".finding-view .place{flex:1 1 auto;min-width:0;overflow:auto;background:#fff;border:1px solid #ccc;padding:8px}\n"
    ".finding-view img.page{display:block;max-width:100%;height:auto;box-shadow:0 1px 4px #0003}\n"
    ".finding-view .facts{flex:0 0 22em;background:#fff;border:1px solid #ccc;padding:.5em 1em;position:sticky;top:1em}\n"
    ".facts dt{color:#555;font-size:.9em;margin-top:.6em}.facts dd{margin:.1em 0 0 0}\n"
    ".facts dd.actual{color:#b00;font-weight:bold}.facts dd.expected{color:#070;font-weight:bold}\n"
    ".hint{color:#666}.back{margin:.2em 0 1em}\n"
    "#preview img.page{display:block;max-width:100%;height:auto;border:1px solid #ccc;margin:0 auto}\n"
    ".mistakes li{font-family:monospace;margin:.2em 0}.downloads a{margin-right:1em}\n"
    ".buildform fieldset{margin:1em 0;background:#fff}\n";

void serve_page_view_css(serve_req *rq, serve_resp *rs)
{
    (void)rq;
    rs->type = "text/css; charset=utf-8";
    jue_buf_puts(&rs->body, jue_view_css());
    jue_buf_puts(&rs->body, PAGE_CSS);
}
