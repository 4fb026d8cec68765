/* juesuan audit FILE... [--format text|jsonl|html] [--profile NAME] [--rules FILE] [-o FILE] */
#include <juesuan/auditor.h>
#include <juesuan/output.h>
#include <juesuan/render.h>
#include <juesuan/rules.h>
#include <juesuan/store.h>
#include <juesuan/view.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

void usage_audit(void)
{
    puts("用法：juesuan audit 文件|目录... [--format text|jsonl|html] [--profile 方案] [--rules 规则文件]\n"
         "                     [--jobs N] [--previous 上年文件 | --store 存储] [-o 输出] [-v] [--trace]\n\n"
         "按审核规则（docs/rules.md）审核决算：每个合计与其各项之和、九张表之间的每个勾稽关系\n"
         "（考虑尾差），以及完整性和政府收支分类科目。文件可以是源目录（按公开时的样子审核），\n"
         "也可以是已公开的文件（.pdf、.docx、.html、.xlsx、.txt 等）；其他目录逐层查找其中的\n"
         ".pdf .docx .html .htm .xlsx .txt 文件和源目录。情况说明中的数字与表核对\n"
         "（data/rules/claims.yaml），绩效自评表与其本身、综述、预算绩效情况和03表核对\n"
         "（data/rules/perf.yaml）。\n\n"
         "  --format text   文件:行: 错误：说明（应为 X，实为 Y） [规则]，PDF 为“第N页”（默认）\n"
         "  --format jsonl  每条审核意见一个 JSON 对象\n"
         "  --format html   独立的审核报告网页，每条意见链接到表中标出的单元格\n"
         "  --profile 方案  data/profiles/方案.yaml，决定所用的规则包（默认 national）\n"
         "  --rules 文件    改用这个规则文件（可以 `include national`）\n"
         "  -o 输出         审核报告写入该文件，而不是标准输出\n"
         "  --trace         在审核意见之前，列出情况说明中的每个数字及其核对对象（表中数字或算式），\n"
         "                  或无从核对的原因\n"
         "  --previous 文件 同一单位上年的决算：情况说明中“比上年”的增减据此核对（claims.cross-year）\n"
         "  --store 存储    把审核的每个文件存入存储（juesuan store），上年决算也从中取；\n"
         "                  同一审核规则下已存入的文件不再审核\n"
         "  --jobs N        工作进程数（默认为处理器核数）；N 取多少，输出都一样。\n"
         "                  标准错误输出是终端时显示进度\n\n"
         "退出码：0 没有错误；1 审核发现错误；2 用法有误或文件无法读取；3 源数据、规则文件或方案文件有错误。");
}

void cli_html_esc(jue_buf *b, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': jue_buf_puts(b, "&amp;"); break;
        case '<': jue_buf_puts(b, "&lt;"); break;
        case '>': jue_buf_puts(b, "&gt;"); break;
        case '"': jue_buf_puts(b, "&quot;"); break;
        default: jue_buf_putc(b, *s);
        }
    }
}

/* The id the HTML renderer gives a cell (render_internal.h): T03-2101501-基本支出,
 * side-prefixed in 01/04 (T01-inc-本年收入合计-决算数). */
/* The id of the cell a finding names, as the HTML renderer writes it; the
 * tables of the k-th document (k > 0) of a report get the prefix "dK-" so
 * several documents' cells do not share ids. */
static void cell_id(const jue_disclosure *d, size_t k, const jue_finding *f, jue_buf *out)
{
    if (k) jue_buf_printf(out, "d%zu-", k);
    if (!jue_finding_cell_id(d, f, out)) jue_buf_printf(out, "T%02d", f->table + 1);
}


static const char REPORT_CSS[] =
    ".audit{font-family:sans-serif;max-width:60em;margin:1em auto;color:#222}"
    ".audit li{margin:.3em 0}.audit .error b{color:#a00}.audit .warning b{color:#a60}.audit .info b{color:#555}"
    ".audit .where{color:#555}.audit .unread{background:#fdf3d6;border-left:4px solid #a60;padding:.3em .6em}"
    ".audit .where{color:#555}.audit .rule{color:#777;font-size:.85em}.audit .ok{color:#070}"
    ".audit-contents{border-bottom:1px solid #ccc;padding-bottom:.5em}"
    ".audit h1{border-top:3px solid #444;padding-top:.4em}"
    ":target{outline:3px solid #06c !important}\n";

/* With several documents, a list of them first: each with its counts and a
 * link to its section (id doc-K). */
static void put_contents(const cli_audited *a, size_t n, jue_buf *out)
{
    if (n < 2) return;
    jue_buf_printf(out, "<nav class=\"audit audit-contents\">\n<h2>审核报告：%zu 份文件</h2>\n<ol>\n", n);
    for (size_t k = 0; k < n; k++) {
        jue_buf_printf(out, "<li><a href=\"#doc-%zu\">", k);
        cli_html_esc(out, a[k].path);
        jue_buf_puts(out, "</a>：");
        if (!a[k].d) jue_buf_puts(out, "未能读取，未审核");
        else if (!a[k].f.len) jue_buf_puts(out, "没有发现问题");
        else jue_buf_printf(out, "%zu 个错误，%zu 个警告，共 %zu 条", jue_findings_count(&a[k].f, JUE_SEV_ERROR),
                            jue_findings_count(&a[k].f, JUE_SEV_WARNING), a[k].f.len);
        jue_buf_puts(out, "</li>\n");
    }
    jue_buf_puts(out, "</ol>\n</nav>\n");
}

/* Copies a document's rendered tables into the report, prefixing their ids
 * for the k-th document (see cell_id). */
static void put_body(jue_buf *out, const char *body, size_t len, size_t k)
{
    if (!k) { jue_buf_putn(out, body, len); return; }
    const char *p = body, *end = body + len;
    for (;;) {
        const char *q = p;
        while (q + 5 <= end && memcmp(q, " id=\"", 5)) q++;
        if (q + 5 > end) break;
        jue_buf_putn(out, p, (size_t)(q - p) + 5);
        jue_buf_printf(out, "d%zu-", k);
        p = q + 5;
    }
    jue_buf_putn(out, p, (size_t)(end - p));
}

/* The rendered tables' <style> and body, spliced into one report. */
static bool split_rendered(const char *html, const char **style, size_t *style_len, const char **body,
                           size_t *body_len)
{
    const char *s0 = strstr(html, "<style>"), *s1 = s0 ? strstr(s0, "</style>") : NULL;
    const char *b0 = strstr(html, "<body>"), *b1 = b0 ? strstr(b0, "</body>") : NULL;
    if (!s0 || !s1 || !b0 || !b1) return false;
    *style = s0 + 7;
    *style_len = (size_t)(s1 - s0 - 7);
    *body = b0 + 6;
    *body_len = (size_t)(b1 - b0 - 6);
    return true;
}

/* Which of the nine tables were printed but not read with confidence, so
 * checked nothing (d->unread), and a table of another layout: said at the
 * top of the document's section, before the findings that give each why. */
static void put_unread(const jue_disclosure *d, jue_buf *out)
{
    size_t n = 0;
    for (int t = 0; t < JUE_NTABLES; t++) {
        if (!d->unread[t]) continue;
        jue_buf_puts(out, n++ ? "、" : "<p class=\"unread\"><b>未核对的表</b>：");
        jue_buf_printf(out, "%s《", jue_table_label((jue_table_id)t));
        cli_html_esc(out, jue_table_title((jue_table_id)t));
        jue_buf_puts(out, "》");
    }
    if (n) jue_buf_puts(out, "印出了，但没有读准，其数字未据以核对（原因见下列 input.reading 警告）。</p>\n");
    if (!d->other_table) return;
    jue_buf_puts(out, "<p class=\"unread\"><b>另一种表式</b>：本文件印有本表式没有的表（如《");
    cli_html_esc(out, d->other_table);
    jue_buf_puts(out, "》），这些表未核对。</p>\n");
}

int cli_audit_html(const cli_audited *a, size_t n, jue_buf *out)
{
    jue_buf tables[8];
    size_t nt = n < 8 ? n : 8;  /* more than a few documents: findings only, no tables */
    for (size_t i = 0; i < nt; i++) {
        jue_buf_init(&tables[i]);
        if (a[i].d) jue_render_html(a[i].d, &tables[i]);
    }
    const char *style = "", *body;
    size_t style_len = 0, body_len;
    for (size_t i = 0; i < nt; i++)
        if (tables[i].len && split_rendered(jue_buf_str(&tables[i]), &style, &style_len, &body, &body_len)) break;
    jue_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
                      "<meta name=\"generator\" content=\"juesuan audit\">\n<title>审核报告</title>\n<style>\n");
    jue_buf_putn(out, style, style_len);
    jue_buf_puts(out, REPORT_CSS);
    /* highlight every cell a finding names, in its own document's tables */
    for (size_t k = 0; k < n; k++)
        for (size_t i = 0; i < a[k].f.len; i++) {
            const jue_finding *x = &a[k].f.items[i];
            if (x->table < 0 || !x->row || !x->column) continue;
            jue_buf id;
            jue_buf_init(&id);
            cell_id(a[k].d, k, x, &id);
            jue_buf_puts(out, "[id=\"");
            for (const char *s = jue_buf_str(&id); *s; s++) {
                if (*s == '"' || *s == '\\') jue_buf_putc(out, '\\');
                if (*s != '<' && *s != '>') jue_buf_putc(out, *s);
            }
            jue_buf_printf(out, "\"]{background:%s !important}\n",
                           x->severity == JUE_SEV_ERROR ? "#f8c8c8" : x->severity == JUE_SEV_WARNING ? "#fbe7a6" : "#dde");
            jue_buf_free(&id);
        }
    jue_buf_puts(out, "</style>\n</head>\n<body>\n");
    put_contents(a, n, out);
    for (size_t k = 0; k < n; k++) {
        jue_buf_printf(out, "<section class=\"audit\" id=\"doc-%zu\">\n<h1>审核报告：", k);
        cli_html_esc(out, a[k].path);
        jue_buf_puts(out, "</h1>\n");
        const jue_findings *f = &a[k].f;
        size_t ne = jue_findings_count(f, JUE_SEV_ERROR), nw = jue_findings_count(f, JUE_SEV_WARNING);
        if (!a[k].d) jue_buf_puts(out, "<p class=\"error\"><b>未能读取，未审核</b>（原因见命令行的提示）。</p>\n");
        else if (!f->len) jue_buf_puts(out, "<p class=\"ok\">没有发现问题。</p>\n");
        else jue_buf_printf(out, "<p>%zu 个错误，%zu 个警告，共 %zu 条。</p>\n", ne, nw, f->len);
        if (a[k].d) put_unread(a[k].d, out);
        if (f->len) jue_buf_puts(out, "<ol>\n");
        for (size_t i = 0; i < f->len; i++) {
            const jue_finding *x = &f->items[i];
            jue_buf_printf(out, "<li class=\"%s\">", jue_severity_str(x->severity));
            if (x->table >= 0 && k < nt && a[k].d && a[k].d->tables[x->table]) {   /* a link only to a printed table */
                jue_buf id;
                jue_buf_init(&id);
                cell_id(a[k].d, k, x, &id);
                jue_buf_puts(out, "<a href=\"#");
                cli_html_esc(out, jue_buf_str(&id));
                jue_buf_puts(out, "\">");
                jue_buf_printf(out, "T%02d", x->table + 1);
                if (x->row) { jue_buf_putc(out, '['); cli_html_esc(out, x->row); jue_buf_putc(out, ']'); }
                if (x->column) { jue_buf_putc(out, '.'); cli_html_esc(out, x->column); }
                jue_buf_puts(out, "</a> ");
                jue_buf_free(&id);
            } else if (x->table >= 0 && x->table < JUE_NTABLES) {
                jue_buf_printf(out, "T%02d ", x->table + 1);   /* a table not printed: nothing to link to */
            }
            if (x->page > 0) jue_buf_printf(out, "<span class=\"where\">第 %d 页</span> ", x->page);
            else if (x->line > 0) jue_buf_printf(out, "<span class=\"where\">第 %d 行</span> ", x->line);
            jue_buf_printf(out, "<b>%s</b>：", jue_severity_zh(x->severity));
            cli_html_esc(out, x->message);
            if (x->expected && x->actual) {
                jue_buf_puts(out, "（应为 ");
                cli_html_esc(out, x->expected);
                jue_buf_puts(out, "，实为 ");
                cli_html_esc(out, x->actual);
                jue_buf_puts(out, "）");
            }
            jue_buf_puts(out, " <span class=\"rule\">[");
            cli_html_esc(out, x->rule);
            jue_buf_puts(out, "]</span></li>\n");
        }
        if (f->len) jue_buf_puts(out, "</ol>\n");
        jue_buf_puts(out, "</section>\n");
        if (k < nt && tables[k].len &&
            split_rendered(jue_buf_str(&tables[k]), &style, &style_len, &body, &body_len))
            put_body(out, body, body_len, k);
    }
    jue_buf_puts(out, "</body>\n</html>\n");
    for (size_t i = 0; i < nt; i++) jue_buf_free(&tables[i]);
    return jue_buf_err(out) ? EXIT_USAGE : EXIT_CLEAN;
}

/* The first error of d (the cause a reader needs), after "：". */
static void first_error(const jue_diags *d, jue_buf *why)
{
    for (size_t i = 0; i < d->len; i++)
        if (d->items[i].severity == JUE_SEV_ERROR) {
            jue_buf_printf(why, "：%s", d->items[i].message);
            return;
        }
}

/* The auditor's load failure as an exit code, with its message. */
int cli_auditor_failed(jue_status st, const char *rules_file, jue_diags *d)
{
    cli_print_diags(d, false);
    jue_diags_free(d);
    if (st == JUE_ERR_SYNTAX) cli_error("%s：规则文件有错误，未审核任何文件", rules_file ? rules_file : "审核规则");
    else if (st == JUE_ERR_INVALID) cli_error("审核所用的数据文件有错误（见上），未审核任何文件");
    return st == JUE_ERR_IO || st == JUE_ERR_NOTFOUND || st == JUE_ERR_NOMEM ? EXIT_USAGE : EXIT_BADINPUT;
}

int cli_audit_one(const jue_auditor *a, const char *path, jue_disclosure **out, jue_doc_kind *kind,
                  jue_findings *f, jue_diags *d, jue_buf *why)
{
    struct stat st;
    *out = NULL;
    if (stat(path, &st) != 0) {
        jue_buf_puts(why, "没有这个文件或目录");
        cli_error("%s：没有这个文件或目录", path);
        return EXIT_USAGE;
    }
    jue_status s = jue_audit_document(a, path, out, kind, f, d);
    if (s == JUE_OK) return jue_findings_name_file(f, path) == JUE_OK ? EXIT_CLEAN : EXIT_USAGE;
    jue_status rules = jue_auditor_failed(a);
    if (rules != JUE_OK) {   /* the rules, read on demand, have mistakes */
        jue_buf_puts(why, "审核规则有错误，未审核");
        return cli_auditor_failed(rules, NULL, d);
    }
    const char *what = s == JUE_ERR_NOMEM ? "内存不足，未审核"
                     : *kind == JUE_DOC_SOURCE ? (s == JUE_ERR_IO ? "源目录缺少文件或文件无法读取，未审核" : "源数据有错误，或无法编制，未审核")
                     : s == JUE_ERR_IO ? "无法读取，未审核" : "不是可审核的公开文件";
    jue_buf_puts(why, what);
    first_error(d, why);
    cli_print_diags(d, false);
    jue_diags_free(d);
    cli_error("%s：%s", path, what);
    return s == JUE_ERR_INVALID ? EXIT_BADINPUT : EXIT_USAGE;
}

typedef struct {
    const char *format, *profile, *rules_file, *outpath, *previous;
    bool verbose, trace;
} audit_opts;

/* --format html, --trace, --previous: every document in this process, the
 * report written once all are read. */
static int audit_in_process(const audit_opts *o, const char **files, size_t nfiles)
{
    const char *format = o->format, *profile = o->profile, *rules_file = o->rules_file, *outpath = o->outpath,
               *previous = o->previous, *store_path = NULL;
    bool verbose = o->verbose, trace = o->trace;
    jue_diags d;
    jue_diags_init(&d);
    jue_auditor *aud = NULL;
    jue_store *store = NULL;
    jue_disclosure *given_prev = NULL;   /* --previous */
    cli_audited *done = calloc(nfiles, sizeof *done);
    int rc = EXIT_CLEAN;
    jue_status st = jue_auditor_new(profile, rules_file, &aud, &d);
    if (st != JUE_OK) { rc = cli_auditor_failed(st, rules_file, &d); goto out; }
    if (store_path && (st = jue_store_open(store_path, &store, &d)) != JUE_OK) {
        rc = st == JUE_ERR_INVALID ? EXIT_BADINPUT : EXIT_USAGE;
        goto out;
    }
    if (previous && (st = jue_auditor_read(aud, previous, &given_prev, &d)) != JUE_OK) {
        cli_print_diags(&d, false);
        jue_diags_free(&d);
        cli_error("%s：上年决算%s", previous, st == JUE_ERR_IO ? "无法读取" : "不是可审核的公开文件");
        rc = st == JUE_ERR_IO ? EXIT_USAGE : EXIT_BADINPUT;
        goto out;
    }
    if (!done) { rc = EXIT_USAGE; goto out; }
    size_t nerrors = 0;
    for (size_t i = 0; i < nfiles; i++) {
        jue_findings *f = &done[i].f;
        done[i].path = files[i];
        jue_doc_kind kind = JUE_DOC_PUBLISHED;
        jue_buf why;
        jue_buf_init(&why);
        int r = cli_audit_one(aud, files[i], &done[i].d, &kind, f, &d, &why);
        jue_buf_free(&why);
        cli_print_diags(&d, verbose);
        jue_diags_free(&d);
        if (r != EXIT_CLEAN) {
            if (r > rc) rc = r;
            continue;
        }
        /* across years: the stated changes on last year against last year's disclosure */
        jue_disclosure *stored = NULL;
        if (!given_prev && store && jue_store_last_year(store, done[i].d->department, done[i].d->year, &stored) != JUE_OK)
            stored = NULL;
        const jue_disclosure *prev = given_prev ? given_prev : stored;
        if (prev && (jue_audit_cross_year(aud, done[i].d, prev, f) != JUE_OK || jue_findings_name_file(f, files[i]))) {
            cli_error("内存不足");
            rc = EXIT_USAGE;
        }
        jue_disclosure_free(stored);
        jue_findings_sort(f);
        nerrors += jue_findings_count(f, JUE_SEV_ERROR);
    }
    jue_buf b;
    jue_buf_init(&b);
    for (size_t i = 0; trace && i < nfiles; i++) {
        if (!done[i].d) continue;
        jue_claims_coverage cov;
        if (jue_audit_trace(aud, done[i].d, &b, &cov) != JUE_OK) { cli_error("内存不足"); rc = EXIT_USAGE; }
        jue_buf_printf(&b, "# %s: 说明中读到 %zu 个数字，%zu 个已与表中数字或算式核对（其中 %zu 个不符），"
                           "%zu 个金额或百分比无从核对，其余为数量和日期\n",
                       done[i].path, cov.figures, cov.checked, cov.failed, cov.unchecked_amounts);
    }
    if (!strcmp(format, "html")) {
        cli_audit_html(done, nfiles, &b);
    } else {
        for (size_t k = 0; k < nfiles; k++)
            for (size_t i = 0; i < done[k].f.len; i++) {
                if (!strcmp(format, "jsonl")) jue_finding_format_json(&done[k].f.items[i], &b);
                else jue_finding_format_text(&done[k].f.items[i], &b);
                jue_buf_putc(&b, '\n');
            }
    }
    if (jue_buf_err(&b)) {
        cli_error("内存不足");
        rc = EXIT_USAGE;
    } else if (outpath) {
        int err = 0;
        jue_status ws = jue_out_file(outpath, jue_buf_str(&b), b.len, &err);
        if (ws != JUE_OK) {
            cli_error("%s：无法写入：%s", outpath, jue_out_reason(ws, err));
            rc = EXIT_USAGE;
        }
    } else {
        fwrite(b.data ? b.data : "", 1, b.len, stdout);
    }
    jue_buf_free(&b);
    if (rc == EXIT_CLEAN && nerrors) rc = EXIT_FINDINGS;
    if (!strcmp(format, "text") && verbose) {
        size_t nw = 0, ni = 0;
        for (size_t k = 0; k < nfiles; k++) {
            nw += jue_findings_count(&done[k].f, JUE_SEV_WARNING);
            ni += jue_findings_count(&done[k].f, JUE_SEV_INFO);
        }
        fprintf(stderr, "juesuan：错误%zu个，警告%zu个，提示%zu个（规则%zu条）\n", nerrors, nw, ni,
                jue_auditor_rule_count(aud));
    }
out:
    cli_print_diags(&d, verbose);
    jue_diags_free(&d);
    for (size_t i = 0; done && i < nfiles; i++) {
        jue_disclosure_free(done[i].d);
        jue_findings_free(&done[i].f);
    }
    free(done);
    jue_store_close(store);
    jue_disclosure_free(given_prev);
    jue_auditor_free(aud);
    return rc;
}

/* Text and JSON Lines: the documents by worker processes (cli/batch.c),
 * with -o the output written whole or not at all. */
static int audit_batch(const char *profile, const char *rules_file, const char *store_path, const char *outpath,
                       bool jsonl, bool verbose, int jobs, const cli_paths *files)
{
    jue_diags d;
    jue_diags_init(&d);
    jue_auditor *aud = NULL;
    /* one document in this process (cli_batch_run): its rules read only if it has a table;
     * workers are forked after the reading, each with the whole pack */
    jue_status st = files->n == 1 && !store_path ? jue_auditor_new_on_demand(profile, rules_file, &aud, &d)
                                                 : jue_auditor_new(profile, rules_file, &aud, &d);
    if (st != JUE_OK) return cli_auditor_failed(st, rules_file, &d);
    cli_print_diags(&d, false);   /* the data's warnings (a catalog row without its source …) */
    jue_diags_free(&d);
    if (store_path) {   /* created and brought up to date once, before the workers open it */
        jue_store *s = NULL;
        st = jue_store_open(store_path, &s, &d);
        cli_print_diags(&d, false);
        jue_diags_free(&d);
        jue_store_close(s);
        if (st != JUE_OK) { jue_auditor_free(aud); return st == JUE_ERR_INVALID ? EXIT_BADINPUT : EXIT_USAGE; }
    }
    jue_outfile o = { .fd = -1 };
    int saved = -1;
    if (outpath && ((st = jue_out_begin(&o, outpath)) != JUE_OK || (saved = dup(STDOUT_FILENO)) < 0 ||
                    (fflush(stdout), dup2(o.fd, STDOUT_FILENO)) < 0)) {
        cli_error("%s：无法写入：%s", outpath, jue_out_reason(st ? st : JUE_ERR_IO, o.err));
        if (st == JUE_OK) jue_out_end(&o, JUE_ERR_IO);
        jue_auditor_free(aud);
        return EXIT_USAGE;
    }
    cli_batch b = { files->v, files->n, aud, store_path, profile, jsonl, verbose, jobs };
    int rc = cli_batch_run(&b);
    if (outpath) {
        fflush(stdout);
        dup2(saved, STDOUT_FILENO);
        close(saved);
        if ((st = jue_out_end(&o, ferror(stdout) ? JUE_ERR_IO : JUE_OK)) != JUE_OK) {
            cli_error("%s：无法写入：%s", outpath, jue_out_reason(st, o.err));
            rc = EXIT_USAGE;
        }
    }
    jue_auditor_free(aud);
    return rc;
}

int cmd_audit(int argc, char **argv)
{
    const char *format = "text", *profile = NULL, *rules_file = NULL, *outpath = NULL, *previous = NULL,
               *store_path = NULL, *jobs_arg = NULL;
    bool verbose = false, trace = false;
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    size_t nfiles = 0;
    if (!files) return EXIT_USAGE;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = !strcmp(a, "--format") || !strcmp(a, "-f") ? &format
                            : !strcmp(a, "--profile")                 ? &profile
                            : !strcmp(a, "--rules")                   ? &rules_file
                            : !strcmp(a, "--previous")                ? &previous
                            : !strcmp(a, "--store")                   ? &store_path
                            : !strcmp(a, "--jobs") || !strcmp(a, "-j")   ? &jobs_arg
                            : !strcmp(a, "-o") || !strcmp(a, "--output") ? &outpath : NULL;
        if (slot) {
            if (++i >= argc) { cli_error("%s 后面须给出值", a); free(files); return EXIT_USAGE; }
            *slot = argv[i];
        } else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
            verbose = true;
        } else if (!strcmp(a, "--trace")) {
            trace = true;
        } else if (a[0] == '-' && a[1]) {
            cli_error("未知的选项“%s”", a);
            free(files);
            return EXIT_USAGE;
        } else {
            files[nfiles++] = a;
        }
    }
    if (strcmp(format, "text") && strcmp(format, "jsonl") && strcmp(format, "html")) {
        cli_error("未知的格式“%s”（可用：text、jsonl、html）", format);
        free(files);
        return EXIT_USAGE;
    }
    if (trace && strcmp(format, "text")) {
        cli_error("--trace 只能与 --format text 一起使用");
        free(files);
        return EXIT_USAGE;
    }
    if (!nfiles) {
        usage_audit();
        free(files);
        return EXIT_USAGE;
    }
    bool one_process = !strcmp(format, "html") || trace || previous;
    const char *bad = one_process && store_path ? "--store 不能与 --format html、--trace 或 --previous 同用（先用 --store 审核存入，再用 juesuan report 出报告）"
                    : NULL;
    long cores = sysconf(_SC_NPROCESSORS_ONLN), jobs = jobs_arg ? strtol(jobs_arg, NULL, 10) : cores < 1 ? 1 : cores > 64 ? 64 : cores;
    if (!bad && (jobs < 1 || jobs > 64)) bad = "--jobs 须为 1 到 64 之间的整数";
    cli_paths walked;
    if (!bad && !cli_walk(files, nfiles, &walked)) bad = "内存不足";
    free(files);
    if (bad) {
        cli_error("%s", bad);
        return EXIT_USAGE;
    }
    if (!walked.n) {
        cli_error("所给的文件夹中没有可审核的文件（.pdf .docx .html .htm .xlsx .txt，或含 department.yaml 的源目录）");
        return EXIT_USAGE;
    }
    if ((size_t)jobs > walked.n) jobs = (long)walked.n;   /* no more workers than documents */
    int rc = one_process ? audit_in_process(&(audit_opts){ format, profile, rules_file, outpath, previous, verbose, trace },
                                            (const char **)walked.v, walked.n)
                         : audit_batch(profile, rules_file, store_path, outpath, !strcmp(format, "jsonl"), verbose, (int)jobs, &walked);
    cli_paths_free(&walked);
    return rc;
}
