/* juesuan report --store DB -o DIR: the overview of a store as HTML, XLSX
 * and CSV, and each department-year's own audit report beside it. */
#include <juesuan/output.h>
#include <juesuan/sheet.h>
#include <juesuan/store.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void usage_report(void)
{
    puts("用法：juesuan report [--store 存储] -o 目录\n\n"
         "写出存储的总览：每个单位每个年度（存入的最新文件），按审核意见的类别列出错误和警告，\n"
         "并与上一年度比较，写为 目录/index.html（可排序：点击列标题）、目录/overview.xlsx 和\n"
         "目录/overview.csv；每个文件自己的审核报告写为 目录/doc-ID.html，由总览链接。每个文件\n"
         "要么完整写出，要么不写。存储默认为 juesuan.db，或由 --store、$JUESUAN_STORE 指定。\n"
         "退出码：0 已写出；2 存储或目录无法读写；3 不是存储文件。");
}

/* One row of the overview, its strings owned. */
typedef struct {
    jue_overview_row r;
    char *key, *department, *region, *file;
} row;

typedef struct {
    row *v;
    size_t n, cap;
    int64_t used[2][JUE_KINDS];   /* errors / warnings per kind over all rows: kinds never seen get no column */
} rows;

static int take(const jue_overview_row *r, void *ctx)
{
    rows *t = ctx;
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 64;
        row *v = realloc(t->v, cap * sizeof *v);
        if (!v) return 1;
        t->v = v, t->cap = cap;
    }
    row *x = &t->v[t->n++];
    x->r = *r;
    x->key = jue_strdup(r->dept_key), x->department = jue_strdup(r->department);
    x->region = jue_strdup(r->region), x->file = jue_strdup(r->file);
    for (int k = 0; k < JUE_KINDS; k++) t->used[0][k] += r->kind_errors[k], t->used[1][k] += r->kind_warnings[k];
    return !x->key || !x->department || !x->region || !x->file;
}

static void rows_free(rows *t)
{
    for (size_t i = 0; i < t->n; i++) free(t->v[i].key), free(t->v[i].department), free(t->v[i].region), free(t->v[i].file);
    free(t->v);
}

/* ---- the columns, the same in every format ---- */

enum { C_DEPT, C_REGION, C_YEAR, C_ERR, C_WARN, C_PREV_ERR, C_DIFF_ERR, C_PREV_WARN, C_DIFF_WARN, C_KINDS };

static const char *const HEAD[C_KINDS] = { "单位", "地区", "年度", "错误", "警告", "上年错误", "错误增减", "上年警告", "警告增减" };

/* Column c's number for row x; false when it has none (no year before). */
static bool number(const row *x, int c, int64_t *v)
{
    const jue_overview_row *r = &x->r;
    switch (c) {
    case C_YEAR: *v = r->year; return true;
    case C_ERR: *v = r->errors; return true;
    case C_WARN: *v = r->warnings; return true;
    case C_PREV_ERR: *v = r->prev_errors; return r->has_prev;
    case C_DIFF_ERR: *v = r->errors - r->prev_errors; return r->has_prev;
    case C_PREV_WARN: *v = r->prev_warnings; return r->has_prev;
    case C_DIFF_WARN: *v = r->warnings - r->prev_warnings; return r->has_prev;
    default: break;
    }
    int k = (c - C_KINDS) / 2;
    *v = (c - C_KINDS) % 2 ? r->kind_warnings[k] : r->kind_errors[k];
    return true;
}

/* The columns shown: the fixed ones, then errors and warnings of each kind
 * that occurs in the store. */
static size_t columns(const rows *t, int *cols)
{
    size_t n = 0;
    for (int c = 0; c < C_KINDS; c++) cols[n++] = c;
    for (int k = 0; k < JUE_KINDS; k++)
        for (int w = 0; w < 2; w++)
            if (t->used[w][k]) cols[n++] = C_KINDS + 2 * k + w;
    return n;
}

static void head_name(int c, jue_buf *b)
{
    if (c < C_KINDS) jue_buf_puts(b, HEAD[c]);
    else jue_buf_printf(b, "%s%s", JUE_KIND_NAMES[(c - C_KINDS) / 2], (c - C_KINDS) % 2 ? "警告" : "错误");
}

static const char *text(const row *x, int c)
{
    return c == C_DEPT ? x->department : c == C_REGION ? x->region : NULL;
}

/* ---- HTML ---- */

static const char OVERVIEW_CSS[] =
    "body{font-family:sans-serif;margin:1em;color:#222}h1{font-size:1.4em}p.note{color:#555}"
    "table{border-collapse:collapse;font-size:13px}th,td{border:1px solid #ccc;padding:3px 6px}"
    "th{background:#eef;cursor:pointer;position:sticky;top:0;white-space:nowrap}"
    "th[data-dir=asc]::after{content:' \\25B2'}th[data-dir=desc]::after{content:' \\25BC'}"
    "td.n{text-align:right;font-variant-numeric:tabular-nums}td.bad{background:#f8d0d0}td.warn{background:#fbecc0}"
    "td.up{color:#a00}td.down{color:#070}tr:hover td{background:#f4f4ff}\n";

/* A click on a header sorts the rows by that column (numbers by data-v,
 * text by Chinese collation; rows without a number last); again reverses. */
static const char OVERVIEW_JS[] =
    "document.querySelectorAll('#overview th').forEach(function(th,i){th.onclick=function(){\n"
    "var tb=th.closest('table').tBodies[0],rows=[].slice.call(tb.rows),up=th.dataset.dir!=='asc';\n"
    "th.parentNode.querySelectorAll('th').forEach(function(h){delete h.dataset.dir;});th.dataset.dir=up?'asc':'desc';\n"
    "function key(r){var c=r.cells[i];return c.dataset.v===undefined?c.textContent:c.dataset.v===''?null:+c.dataset.v;}\n"
    "rows.sort(function(a,b){var x=key(a),y=key(b);if(x===null||y===null)return (x===null)-(y===null);\n"
    "var c=typeof x==='number'?x-y:x.localeCompare(y,'zh');return up?c:-c;});\n"
    "rows.forEach(function(r){tb.appendChild(r);});};});\n";

static void html_cell(const row *x, int c, jue_buf *b)
{
    int64_t v;
    if (c == C_DEPT) {
        jue_buf_printf(b, "<td><a href=\"doc-%lld.html\">", (long long)x->r.id);
        cli_html_esc(b, x->department);
        jue_buf_puts(b, "</a></td>");
    } else if (text(x, c)) {
        jue_buf_puts(b, "<td>");
        cli_html_esc(b, text(x, c));
        jue_buf_puts(b, "</td>");
    } else if (!number(x, c, &v)) {
        jue_buf_puts(b, "<td class=\"n\" data-v=\"\"></td>");
    } else {
        bool diff = c == C_DIFF_ERR || c == C_DIFF_WARN, warn = c == C_WARN || (c >= C_KINDS && (c - C_KINDS) % 2);
        const char *cls = diff ? (v > 0 ? " up" : v < 0 ? " down" : "") : c == C_YEAR || !v ? "" : warn ? " warn" : " bad";
        jue_buf_printf(b, "<td class=\"n%s\" data-v=\"%lld\">%s%lld</td>", cls, (long long)v, diff && v > 0 ? "+" : "",
                       (long long)v);
    }
}

static void overview_html(const rows *t, const char *store, jue_buf *b)
{
    int cols[C_KINDS + 2 * JUE_KINDS];
    size_t nc = columns(t, cols), ndept = 0;
    for (size_t i = 0; i < t->n; i++) ndept += !i || strcmp(t->v[i].key, t->v[i - 1].key);
    jue_buf_printf(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
                      "<meta name=\"generator\" content=\"juesuan report\">\n<title>决算审核总览</title>\n<style>\n%s</style>\n"
                      "</head>\n<body>\n<h1>决算审核总览</h1>\n<p class=\"note\">存储 ", OVERVIEW_CSS);
    cli_html_esc(b, store);
    jue_buf_printf(b, "：%zu 个单位，%zu 个单位年度（每个取最新存入的一份）。点击列名排序；点击单位名称看该份决算的审核报告。"
                      "“上年”为同一单位上一年度存入的决算。另有 <a href=\"overview.xlsx\">overview.xlsx</a>、"
                      "<a href=\"overview.csv\">overview.csv</a>。</p>\n<table id=\"overview\">\n<thead><tr>", ndept, t->n);
    for (size_t k = 0; k < nc; k++) {
        jue_buf_puts(b, "<th>");
        head_name(cols[k], b);
        jue_buf_puts(b, "</th>");
    }
    jue_buf_puts(b, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < t->n; i++) {
        jue_buf_puts(b, "<tr>");
        for (size_t k = 0; k < nc; k++) html_cell(&t->v[i], cols[k], b);
        jue_buf_puts(b, "</tr>\n");
    }
    jue_buf_printf(b, "</tbody>\n</table>\n<script>\n%s</script>\n</body>\n</html>\n", OVERVIEW_JS);
}

/* ---- CSV ---- */

/* RFC 4180; a text starting with = + - @ gets a leading ' so a spreadsheet
 * never takes a department's name for a formula. */
static void csv_text(const char *s, jue_buf *b)
{
    bool formula = strchr("=+-@\t\r", *s) && *s;
    jue_buf_putc(b, '"');
    if (formula) jue_buf_putc(b, '\'');
    for (; *s; s++) {
        if (*s == '"') jue_buf_putc(b, '"');
        jue_buf_putc(b, *s);
    }
    jue_buf_putc(b, '"');
}

static void overview_csv(const rows *t, jue_buf *b)
{
    int cols[C_KINDS + 2 * JUE_KINDS];
    size_t nc = columns(t, cols);
    for (size_t k = 0; k < nc; k++) {
        if (k) jue_buf_putc(b, ',');
        head_name(cols[k], b);
    }
    jue_buf_puts(b, ",报告\r\n");
    for (size_t i = 0; i < t->n; i++) {
        for (size_t k = 0; k < nc; k++) {
            int64_t v;
            if (k) jue_buf_putc(b, ',');
            if (text(&t->v[i], cols[k])) csv_text(text(&t->v[i], cols[k]), b);
            else if (number(&t->v[i], cols[k], &v)) jue_buf_printf(b, "%lld", (long long)v);
        }
        jue_buf_printf(b, ",doc-%lld.html\r\n", (long long)t->v[i].r.id);
    }
}

/* ---- XLSX ---- */

/* The sheet's texts (headers, links) are owned by names, freed after writing. */
static jue_status overview_xlsx(const rows *t, const char *path)
{
    int cols[C_KINDS + 2 * JUE_KINDS];
    size_t nc = columns(t, cols), w = nc + 1, nn = 0;
    jue_sheet_cell *cells = calloc((t->n + 1) * w, sizeof *cells);
    char **names = calloc(nc + t->n, sizeof *names);
    bool ok = cells && names;
    for (size_t k = 0; ok && k < nc; k++) {
        jue_buf h;
        jue_buf_init(&h);
        head_name(cols[k], &h);
        ok = (cells[k].text = names[nn++] = jue_buf_take(&h)) != NULL;
    }
    if (ok) cells[nc].text = "报告";
    for (size_t i = 0; ok && i < t->n; i++) {
        jue_sheet_cell *r = &cells[(i + 1) * w];
        for (size_t k = 0; k < nc; k++)
            if (!(r[k].text = text(&t->v[i], cols[k]))) r[k].is_number = number(&t->v[i], cols[k], &r[k].number);
        char doc[48];   /* a link to the report beside the workbook, its name as the text */
        snprintf(doc, sizeof doc, "doc-%lld.html", (long long)t->v[i].r.id);
        ok = (r[nc].text = r[nc].link = names[nn++] = jue_strdup(doc)) != NULL;
    }
    static const double WIDTHS[2] = { 36, 18 };
    double *widths = calloc(w, sizeof *widths);
    if (ok && widths) memcpy(widths, WIDTHS, sizeof WIDTHS);
    jue_sheet s = { .name = "总览", .cells = cells, .nrows = t->n + 1, .ncols = w, .widths = widths, .freeze_cols = 1 };
    jue_status st = !ok || !widths ? JUE_ERR_NOMEM : jue_sheet_xlsx(&s, path);
    for (size_t i = 0; names && i < nn; i++) free(names[i]);
    free(names), free(cells), free(widths);
    return st;
}

/* ---- writing ---- */

static bool write_file(const char *dir, const char *name, const jue_buf *b)
{
    jue_buf path;
    jue_buf_init(&path);
    jue_buf_printf(&path, "%s/%s", dir, name);
    int err = 0;
    jue_status st = jue_buf_err(b) ? JUE_ERR_NOMEM : jue_out_file(jue_buf_str(&path), jue_buf_str(b), b->len, &err);
    if (st != JUE_OK) cli_error("%s：无法写入：%s", jue_buf_str(&path), jue_out_reason(st, err));
    jue_buf_free(&path);
    return st == JUE_OK;
}

static bool write_xlsx(const char *dir, const rows *t)
{
    jue_buf path;
    jue_buf_init(&path);
    jue_buf_printf(&path, "%s/overview.xlsx", dir);
    jue_outfile o = { .err = 0 };
    jue_status st = jue_out_begin(&o, jue_buf_str(&path));
    if (st == JUE_OK) st = jue_out_end(&o, overview_xlsx(t, o.tmp));
    if (st != JUE_OK) cli_error("%s：无法写入：%s", jue_buf_str(&path), jue_out_reason(st, o.err));
    jue_buf_free(&path);
    return st == JUE_OK;
}

/* The document's own audit report, with a link back to the overview. */
static bool write_doc(jue_store *s, const char *dir, const row *x)
{
    jue_diags d;
    jue_diags_init(&d);
    cli_audited a = { x->file, NULL, { 0 } };
    jue_findings_init(&a.f);
    jue_status st = jue_store_load_id(s, x->r.id, &a.d, &a.f, &d);
    cli_print_diags(&d, false);
    jue_diags_free(&d);
    jue_buf b, name;
    jue_buf_init(&b);
    jue_buf_init(&name);
    if (st == JUE_OK) cli_audit_html(&a, 1, &b);
    const char *body = st == JUE_OK ? strstr(jue_buf_str(&b), "<body>\n") : NULL;
    bool ok = false;
    if (body) {
        jue_buf out;
        jue_buf_init(&out);
        size_t at = (size_t)(body - jue_buf_str(&b)) + 7;
        jue_buf_putn(&out, jue_buf_str(&b), at);
        jue_buf_puts(&out, "<p class=\"audit\"><a href=\"index.html\">← 审核总览</a></p>\n");
        jue_buf_puts(&out, jue_buf_str(&b) + at);
        jue_buf_printf(&name, "doc-%lld.html", (long long)x->r.id);
        ok = write_file(dir, jue_buf_str(&name), &out);
        jue_buf_free(&out);
    } else {
        cli_error("%s：存储中的第%lld份决算无法读出", x->file, (long long)x->r.id);
    }
    jue_buf_free(&b);
    jue_buf_free(&name);
    jue_findings_free(&a.f);
    jue_disclosure_free(a.d);
    return ok;
}

static int write_all(jue_store *s, const char *store, const char *dir, const rows *t)
{
    bool ok = true;
    for (size_t i = 0; ok && i < t->n; i++) ok = write_doc(s, dir, &t->v[i]);
    jue_buf b;
    jue_buf_init(&b);
    if (ok) overview_csv(t, &b), ok = write_file(dir, "overview.csv", &b);
    jue_buf_free(&b);
    if (ok) ok = write_xlsx(dir, t);
    if (ok) overview_html(t, store, &b), ok = write_file(dir, "index.html", &b);
    jue_buf_free(&b);
    return ok ? EXIT_CLEAN : EXIT_USAGE;
}

int cmd_report(int argc, char **argv)
{
    const char *env = getenv("JUESUAN_STORE"), *store = env && *env ? env : "juesuan.db", *dir = NULL;
    for (int i = 1; i < argc; i++) {
        const char **slot = !strcmp(argv[i], "--store") ? &store : !strcmp(argv[i], "-o") ? &dir : NULL;
        if (!slot || ++i >= argc) {
            cli_error(slot ? "%s 后面须给出值" : "未知的参数“%s”（juesuan report --help）", argv[slot ? i - 1 : i]);
            return EXIT_USAGE;
        }
        *slot = argv[i];
    }
    if (!dir) { usage_report(); return EXIT_USAGE; }
    jue_diags d;
    jue_diags_init(&d);
    jue_store *s = NULL;
    jue_outlock *lock = NULL;
    jue_status st = jue_store_open(store, &s, &d);
    int rc = st == JUE_OK ? EXIT_CLEAN : st == JUE_ERR_INVALID ? EXIT_BADINPUT : EXIT_USAGE;
    if (!rc && jue_outdir_lock(dir, &lock, &d) != JUE_OK) rc = EXIT_USAGE;
    cli_print_diags(&d, false);
    jue_diags_free(&d);
    rows t = { 0 };
    if (!rc && jue_store_overview(s, take, &t) != JUE_OK) {
        cli_error("%s：无法读取存储", store);
        rc = EXIT_USAGE;
    }
    if (!rc) rc = write_all(s, store, dir, &t);
    if (!rc) printf("已写出：%s/index.html（%zu 个单位年度），overview.xlsx，overview.csv，以及每份决算的审核报告 doc-ID.html\n", dir, t.n);
    rows_free(&t);
    jue_outdir_unlock(lock);
    jue_store_close(s);
    return rc;
}
