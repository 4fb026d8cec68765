/* `juesuan build` for the self-evaluations: the scored set → 自评报告
 * (Markdown), 自评表 (HTML page, XLSX workbook) beside the tables. */
#include "core/module.h"
#include "perf_internal.h"

#include <juesuan/output.h>
#include <juesuan/render.h>

#include "render/render_internal.h"

#include <stdio.h>
#include <stdlib.h>

static jue_status write_out(const char *path, const jue_buf *b, jue_diags *diags)
{
    int err = 0;
    jue_status st = jue_out_file(path, jue_buf_str(b), b->len, &err);
    if (st == JUE_OK) jue_diag_add(diags, JUE_SEV_INFO, path, 0, 0, "已写出");
    else jue_out_diag(diags, path, "绩效自评", st, err);
    return st == JUE_ERR_NOMEM ? st : st ? JUE_ERR_IO : JUE_OK;
}

static jue_status write_xlsx(const jue_perf_set *s, const char *path, jue_diags *diags)
{
    jue_form **forms = calloc(s->n ? s->n : 1, sizeof *forms);
    char **names = calloc(s->n ? s->n : 1, sizeof *names);
    jue_status st = forms && names ? JUE_OK : JUE_ERR_NOMEM;
    jue_outfile o = { .err = 0 };
    size_t proj = 0;
    for (size_t i = 0; i < s->n && !st; i++) {
        st = jue_perf_form(s, i, &forms[i]);
        char n[32];
        /* sheet names: short, unique, no characters Excel forbids */
        if (s->evals[i].kind == JUE_PERF_DEPT) snprintf(n, sizeof n, "部门整体");
        else snprintf(n, sizeof n, "项目%zu", ++proj);
        if (!st && !(names[i] = jue_strdup(n))) st = JUE_ERR_NOMEM;
    }
    if (!st) {
        jue_buf title;
        jue_buf_init(&title);
        jue_buf_puts(&title, s->department ? s->department : "");
        if (s->year) jue_buf_printf(&title, "%d年度", s->year);
        jue_buf_puts(&title, "绩效自评表");
        st = jue_buf_err(&title);
        if (!st) st = jue_out_begin(&o, path);
        if (!st)
            st = jue_out_end(&o, jue_form_xlsx((const jue_form *const *)forms, (const char *const *)names, s->n,
                                               o.tmp, jue_buf_str(&title), s->department, s->year));
        jue_buf_free(&title);
    }
    for (size_t i = 0; forms && names && i < s->n; i++) jue_form_free(forms[i]), free(names[i]);
    free(forms);
    free(names);
    if (st == JUE_OK) jue_diag_add(diags, JUE_SEV_INFO, path, 0, 0, "已写出");
    else if (!jue_office_missing(diags, path, "绩效自评表")) jue_out_diag(diags, path, "绩效自评表", st, o.err);
    return st == JUE_ERR_NOMEM ? st : st ? JUE_ERR_IO : JUE_OK;
}

jue_status jue_perf_write(const jue_perf_set *s, const char *out_dir, const char *base, unsigned formats,
                          jue_diags *diags)
{
    char path[4096];
    jue_status st = JUE_OK;
    if (formats & JUE_FMT_MD) {
        jue_buf md;
        jue_buf_init(&md);
        st = jue_perf_markdown(s, &md);
        snprintf(path, sizeof path, "%s/%s-perf.md", out_dir, base);
        if (st == JUE_OK) st = write_out(path, &md, diags);
        jue_buf_free(&md);
    }
    if (st == JUE_OK && (formats & JUE_FMT_HTML)) {
        jue_buf html;
        jue_buf_init(&html);
        jue_buf_puts(&html, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
        jue_rd_html_esc(&html, s->department ? s->department : "");
        jue_buf_puts(&html, "绩效自评表</title>\n</head>\n<body>\n");
        st = jue_perf_html(s, &html);
        jue_buf_puts(&html, "</body>\n</html>\n");
        if (st == JUE_OK) st = jue_buf_err(&html);
        snprintf(path, sizeof path, "%s/%s-perf.html", out_dir, base);
        if (st == JUE_OK) st = write_out(path, &html, diags);
        jue_buf_free(&html);
    }
    if (st == JUE_OK && (formats & JUE_FMT_XLSX)) {
        snprintf(path, sizeof path, "%s/%s-perf.xlsx", out_dir, base);
        st = write_xlsx(s, path, diags);
    }
    return st;
}
