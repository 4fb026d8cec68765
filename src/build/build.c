/* One build (build.h): a source folder compiled, or the nine tables of a
 * file read, audited before publishing, then every chosen output written. */
#include <juesuan/auditor.h>
#include <juesuan/build.h>
#include <juesuan/catalog.h>
#include <juesuan/compile.h>
#include <juesuan/document.h>
#include <juesuan/import.h>
#include <juesuan/narrative.h>
#include <juesuan/output.h>
#include <juesuan/perf.h>
#include <juesuan/render.h>
#include <juesuan/rules.h>
#include <juesuan/source.h>
#include <juesuan/store.h>

#include "core/module.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Why nothing (more) is written: the first reason given stays. */
static void stop(jue_build_result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void stop(jue_build_result *r, const char *fmt, ...)
{
    if (r->stop) return;
    jue_buf b;
    jue_buf_init(&b);
    char tmp[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    jue_buf_puts(&b, tmp);
    r->stop = jue_buf_take(&b);
}

const char *jue_build_base(const char *path, bool file, char *buf, size_t n)
{
    size_t len = strlen(path);
    while (len > 1 && path[len - 1] == '/') len--;
    size_t s = len;
    while (s > 0 && path[s - 1] != '/') s--;
    if (file) {
        size_t dot = len;
        while (dot > s && path[dot - 1] != '.') dot--;
        if (dot > s + 1) len = dot - 1;
        /* a complete document built before: its name without -document */
        static const char DOC[] = "-document";
        if (len - s > sizeof DOC - 1 && !memcmp(path + len - (sizeof DOC - 1), DOC, sizeof DOC - 1))
            len -= sizeof DOC - 1;
    }
    size_t k = len - s;
    if (k == 0 || (k == 1 && path[s] == '.')) { snprintf(buf, n, "juesuan"); return buf; }
    if (k >= n) k = n - 1;
    memcpy(buf, path + s, k);
    buf[k] = 0;
    return buf;
}

/* One file written: said (info "已写出"; listed in the result by list_written). */
static void wrote(jue_diags *d, const char *path)
{
    jue_diag_add(d, JUE_SEV_INFO, path, 0, 0, "已写出");
}

/* The infos "已写出" from index `from` of d, listed in r. */
static void list_written(jue_build_result *r, const jue_diags *d, size_t from)
{
    for (size_t i = from; i < d->len; i++) {
        if (d->items[i].severity != JUE_SEV_INFO) continue;
        char **w = realloc(r->written, (r->nwritten + 1) * sizeof *w);
        if (!w) return;
        r->written = w;
        if ((w[r->nwritten] = jue_strdup(d->items[i].file)) != NULL) r->nwritten++;
    }
}

/* The explanatory notes, written from the same figures. */
static int write_notes(const jue_source *src, const jue_disclosure *disc, const jue_catalog *cat,
                       const jue_profile *prof, const jue_build_opts *o, const char *base,
                       jue_diags *d)
{
    int rc = JUE_BUILD_OK;
    jue_buf notes, md;
    jue_buf_init(&notes);
    jue_buf_init(&md);
    jue_status ns = jue_notes_markdown_profile(src, disc, cat, prof, &notes, d);
    if (ns == JUE_OK) ns = jue_render_md_text(jue_buf_str(&notes), &md);
    char path[4096];
    snprintf(path, sizeof path, "%s/%s-notes.md", o->out_dir, base);
    int err = 0;
    jue_status ws = ns == JUE_OK ? jue_out_file(path, jue_buf_str(&md), md.len, &err) : ns;
    if (ws == JUE_OK) {
        wrote(d, path);
    } else {
        jue_out_diag(d, path, "说明", ws, err);
        rc = ns == JUE_ERR_INVALID ? JUE_BUILD_MISTAKES : JUE_BUILD_IO;
    }
    jue_buf_free(&notes);
    jue_buf_free(&md);
    return rc;
}

/* The complete document: cover, 概况, tables, notes, glossary, charts —
 * one block model, written in each chosen document format. */
static int write_document(const jue_source *src, const jue_disclosure *disc, const jue_catalog *cat,
                          const jue_profile *prof, const jue_build_opts *o, const char *base,
                          jue_diags *d)
{
    int rc = JUE_BUILD_OK;
    jue_document *doc = NULL;
    jue_status ds = jue_document_build(src, disc, cat, prof, &doc, d);
    char path[4096];
    if (ds == JUE_OK && (o->formats & JUE_FMT_HTML)) {
        jue_buf html;
        jue_buf_init(&html);
        jue_status hs = jue_render_document_html(doc, &html);
        snprintf(path, sizeof path, "%s/%s-document.html", o->out_dir, base);
        int err = 0;
        if (hs == JUE_OK) hs = jue_out_file(path, jue_buf_str(&html), html.len, &err);
        if (hs == JUE_OK) {
            wrote(d, path);
        } else {
            jue_out_diag(d, path, "完整文档", hs, err);
            rc = JUE_BUILD_IO;
        }
        jue_buf_free(&html);
    }
    static const struct { unsigned fmt; const char *ext; jue_status (*render)(const jue_document *, const char *); }
        files[] = { { JUE_FMT_PDF, "pdf", jue_render_document_pdf }, { JUE_FMT_DOCX, "docx", jue_render_document_docx } };
    for (size_t k = 0; ds == JUE_OK && k < sizeof files / sizeof files[0]; k++) {
        if (!(o->formats & files[k].fmt)) continue;
        snprintf(path, sizeof path, "%s/%s-document.%s", o->out_dir, base, files[k].ext);
        jue_outfile of = { .err = 0 };
        jue_status fs = jue_out_begin(&of, path);
        if (fs == JUE_OK) fs = jue_out_end(&of, files[k].render(doc, of.tmp));
        const char *why = NULL;
        if (fs == JUE_OK) {
            wrote(d, path);
        } else if (files[k].fmt == JUE_FMT_PDF && !jue_pdfw_module_get(&why)) {   /* say why, not "读写出错" */
            jue_diag_add(d, JUE_SEV_ERROR, path, 0, 0, "无法写入完整文档：%s", why);
            rc = JUE_BUILD_IO;
        } else if (files[k].fmt == JUE_FMT_DOCX && jue_office_missing(d, path, "完整文档")) {
            rc = JUE_BUILD_IO;
        } else {
            jue_out_diag(d, path, "完整文档", fs, of.err);
            rc = JUE_BUILD_IO;
        }
    }
    if (ds != JUE_OK) {
        jue_diag_add(d, JUE_SEV_ERROR, o->input, 0, 0, "无法生成完整的公开文件");
        rc = ds == JUE_ERR_INVALID ? JUE_BUILD_MISTAKES : JUE_BUILD_IO;
    }
    jue_document_free(doc);
    return rc;
}

/* Writes every chosen output of disc (with src's texts) into the output
 * folder; a JUE_BUILD_* code. */
static int write_outputs(const jue_source *src, const jue_disclosure *disc, const jue_catalog *cat,
                         const jue_profile *prof, const jue_build_opts *o, const char *base, jue_build_result *r,
                         jue_diags *d)
{
    int rc = JUE_BUILD_OK;
    size_t before = d->len;
    jue_status st = jue_render_all(disc, o->out_dir, base, o->formats, d);
    if (st != JUE_OK) rc = JUE_BUILD_IO;
    if (st == JUE_OK && (o->formats & JUE_FMT_MD)) {
        int n = write_notes(src, disc, cat, prof, o, base, d);
        if (n) rc = n;
    }
    if (st == JUE_OK && (o->formats & (JUE_FMT_HTML | JUE_FMT_PDF | JUE_FMT_DOCX))) {
        int n = write_document(src, disc, cat, prof, o, base, d);
        if (n) rc = n;
    }
    /* the 绩效自评 when the source has perf.yaml: the 自评报告 (md), the
     * 自评表 (html, and a workbook of their own beside the tables' one) */
    if (st == JUE_OK && src->perf && jue_perf_write(src->perf, o->out_dir, base, o->formats, d) != JUE_OK)
        rc = JUE_BUILD_IO;
    if (st == JUE_OK) list_written(r, d, before);
    return rc;
}

/* Whether a finding is about the notes or the 绩效自评 of a published
 * input, which a build from its tables writes anew. */
static bool about_text(const jue_finding *x)
{
    return x->rule && (!strncmp(x->rule, "claims.", 7) || !strncmp(x->rule, "perf.", 5));
}

/* The audit before publishing: its findings as a user is shown them (not
 * the infos; with tables_only, those about the tables) into r; the number
 * of errors among them. */
static size_t keep_findings(const jue_findings *f, bool tables_only, jue_build_result *r)
{
    size_t errors = 0;
    for (size_t i = 0; i < f->len; i++) {
        const jue_finding *x = &f->items[i];
        if (x->severity == JUE_SEV_INFO) continue;
        if (tables_only && about_text(x)) { r->others++; continue; }
        errors += x->severity == JUE_SEV_ERROR;
        jue_findings_add(&r->findings, x);
    }
    r->errors += errors;
    return errors;
}

/* Last year's figures for the notes: from o->previous (a published file
 * of any format audit reads) or else from the store (the department's
 * document of the year before). A JUE_BUILD_* code. */
static int take_last_year(jue_source *src, const jue_build_opts *o, const jue_catalog *cat,
                          const jue_profile *prof, jue_build_result *r, jue_diags *d)
{
    jue_disclosure *prev = NULL;
    const char *from = o->previous;
    if (o->previous) {
        if (o->store)
            jue_diag_add(d, JUE_SEV_WARNING, o->store, 0, 0, "同时给出了 --previous：上年数取自“%s”，不取自存储",
                         o->previous);
        jue_status st = jue_import_file(o->previous, JUE_IN_AUTO, cat, prof, &prev, d);
        if (st != JUE_OK) {
            stop(r, "%s：上年决算%s，未写出任何文件", o->previous, st == JUE_ERR_IO ? "无法读取" : "不是可审核的公开文件");
            return JUE_BUILD_IO;
        }
    } else if (o->store) {
        jue_store *store = NULL;
        if (jue_store_open(o->store, &store, d) != JUE_OK) {
            stop(r, "%s：存储无法打开，未写出任何文件", o->store);
            return JUE_BUILD_IO;
        }
        jue_status st = jue_store_last_year(store, src->department, src->year, &prev);
        jue_store_close(store);
        if (st == JUE_ERR_NOTFOUND) {
            jue_diag_add(d, JUE_SEV_WARNING, o->store, 0, 0, "存储中没有%s%d年度的决算：上年数取自 department.yaml",
                         src->department ? src->department : "", src->year - 1);
            return JUE_BUILD_OK;
        }
        if (st != JUE_OK) { stop(r, "%s：存储无法读取，未写出任何文件", o->store); return JUE_BUILD_IO; }
        from = prev->source ? prev->source : o->store;
    } else {
        return JUE_BUILD_OK;
    }
    jue_status st = jue_source_take_last_year(src, prev, from, d);
    jue_disclosure_free(prev);
    if (st != JUE_OK) { stop(r, "内存不足"); return JUE_BUILD_IO; }
    return JUE_BUILD_OK;
}

/* The 绩效自评 (perf.yaml, loaded and checked with the source) scored by the
 * profile's method, before anything is written; false (said, with name) when
 * the scoring method has mistakes. */
static bool perf_scored(jue_source *src, const jue_build_opts *o, const char *name, jue_build_result *r,
                        jue_diags *d)
{
    if (!src->perf || jue_perf_score_profile(src->perf, o->profile, d) == JUE_OK) return true;
    stop(r, "%s：绩效评分方案有错误，未写出任何文件", name);
    return false;
}

/* The audit's errors decide: true to stop (nothing written, said). */
static bool gate(size_t errors, const char *name, bool force, jue_build_result *r)
{
    if (errors) r->code = JUE_BUILD_FINDINGS;
    if (!errors || force) return false;
    stop(r, "%s：审核发现%zu处错误，未写出任何文件（如仍要写出，请加 --force）", name, errors);
    return true;
}

/* The audit before publishing a compiled source: a JUE_BUILD_* code to
 * stop with, or -1 to go on. */
static int audit_compiled(jue_disclosure *disc, const jue_catalog *cat, const jue_build_opts *o,
                          jue_build_result *r, jue_diags *d)
{
    jue_rulepack *pack = NULL;
    jue_status rs = jue_rules_load_profile(o->profile, &pack, d);
    if (rs != JUE_OK) {
        stop(r, "审核规则无法载入，未写出任何文件");
        return rs == JUE_ERR_NOTFOUND || rs == JUE_ERR_IO ? JUE_BUILD_IO : JUE_BUILD_MISTAKES;
    }
    free(disc->source);
    disc->source = jue_strdup(o->input);
    jue_findings f;
    jue_findings_init(&f);
    rs = jue_audit(disc, cat, pack, &f);
    jue_rulepack_free(pack);
    size_t errors = keep_findings(&f, false, r);
    jue_findings_free(&f);
    if (rs != JUE_OK) { stop(r, "内存不足"); return JUE_BUILD_IO; }
    return gate(errors, o->input, o->force, r) ? JUE_BUILD_FINDINGS : -1;
}

/* Takes last year, locks the output folder and writes; a JUE_BUILD_* code. */
static int publish(jue_source *src, const jue_disclosure *disc, const jue_catalog *cat, const jue_profile *prof,
                   const jue_build_opts *o, const char *base, jue_build_result *r, jue_diags *d)
{
    int rc = take_last_year(src, o, cat, prof, r, d);
    if (rc != JUE_BUILD_OK) return rc;
    /* one build at a time writes into a folder */
    jue_outlock *lock = NULL;
    if (jue_outdir_lock(o->out_dir, &lock, d) != JUE_OK) return JUE_BUILD_IO;
    rc = write_outputs(src, disc, cat, prof, o, base, r, d);
    jue_outdir_unlock(lock);
    return rc;
}

static int build_source(const jue_build_opts *o, jue_build_result *r, jue_diags *d)
{
    const char *src_dir = o->input;
    jue_catalog *cat = NULL;
    jue_profile *prof = NULL;
    jue_source *src = NULL;
    jue_disclosure *disc = NULL;
    int rc = JUE_BUILD_OK;
    jue_status st = jue_catalog_load(NULL, &cat, d);
    if (st != JUE_OK) { rc = st == JUE_ERR_IO ? JUE_BUILD_IO : JUE_BUILD_MISTAKES; goto done; }
    st = jue_profile_load(o->profile, &prof, d);
    if (st != JUE_OK) { rc = st == JUE_ERR_NOTFOUND ? JUE_BUILD_IO : JUE_BUILD_MISTAKES; goto done; }
    st = jue_source_load(src_dir, cat, &src, d);
    if (st != JUE_OK) {
        /* a file of the source that cannot be read is like any unreadable
         * input; mistakes in what was read are mistakes */
        rc = st == JUE_ERR_INVALID ? JUE_BUILD_MISTAKES : JUE_BUILD_IO;
        if (st == JUE_ERR_INVALID || st == JUE_ERR_IO)
            stop(r, "%s：%s，未写出任何文件", src_dir, st == JUE_ERR_IO ? "源目录缺少文件或文件无法读取" : "源数据有错误");
        goto done;
    }
    if (!perf_scored(src, o, src_dir, r, d)) { rc = JUE_BUILD_MISTAKES; goto done; }
    jue_compile_stats stats;
    st = jue_compile(src, cat, prof, &disc, &stats, d);
    if (st == JUE_ERR_INVALID && !o->force) {
        stop(r, "%s：审核发现错误，未写出任何文件（如仍要写出，请加 --force）", src_dir);
        rc = JUE_BUILD_FINDINGS;
        goto done;
    }
    if (st != JUE_OK && st != JUE_ERR_INVALID) { rc = JUE_BUILD_IO; goto done; }
    if (st == JUE_ERR_INVALID) rc = JUE_BUILD_FINDINGS;
    if (!disc) goto done;
    /* audit before publishing: nothing is written while the rule pack finds
     * errors, unless force */
    int ar = audit_compiled(disc, cat, o, r, d);
    if (ar >= 0) { rc = ar; goto done; }
    if (r->code) rc = r->code;
    char base[256];
    r->base = jue_strdup(jue_build_base(src_dir, false, base, sizeof base));
    int wr = publish(src, disc, cat, prof, o, base, r, d);
    if (wr != JUE_BUILD_OK) rc = wr;
done:
    jue_disclosure_free(disc);
    jue_source_free(src);
    jue_profile_free(prof);
    jue_catalog_free(cat);
    return rc;
}

/* Whether an output would replace the input (the tables built into the
 * folder they came from): base.ext or base-document.ext there. */
static bool replaces_input(const jue_build_opts *o, const char *base)
{
    const char *dot = strrchr(o->input, '.');
    struct stat a, b;
    if (!dot || stat(o->input, &a) != 0) return false;
    for (int k = 0; k < 2; k++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s%s%s", o->out_dir, base, k ? "-document" : "", dot);
        if (stat(path, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino) return true;
    }
    return false;
}

/* department.yaml for a build from the tables: the one given, else the
 * one beside the file. */
static const char *department_yaml(const jue_build_opts *o, char *buf, size_t n)
{
    if (o->department) return o->department;
    const char *slash = strrchr(o->input, '/');
    if (slash) snprintf(buf, n, "%.*s/department.yaml", (int)(slash - o->input), o->input);
    else snprintf(buf, n, "department.yaml");
    return buf;
}

/* The build from the nine tables as printed: read and audited as `audit`
 * does (one model, many doors), then written as a source is. */
static int build_tables(const jue_build_opts *o, jue_build_result *r, jue_diags *d)
{
    jue_auditor *aud = NULL;
    jue_source *src = NULL;
    jue_disclosure *disc = NULL;
    jue_findings f;
    jue_findings_init(&f);
    int rc = JUE_BUILD_OK;
    char ybuf[4096], base[256];
    jue_status st = jue_auditor_new(o->profile, NULL, &aud, d);
    if (st != JUE_OK) {
        rc = st == JUE_ERR_IO || st == JUE_ERR_NOTFOUND || st == JUE_ERR_NOMEM ? JUE_BUILD_IO : JUE_BUILD_MISTAKES;
        goto done;
    }
    const jue_catalog *cat = jue_auditor_catalog(aud);
    const jue_profile *prof = jue_auditor_profile(aud);
    const char *yaml = department_yaml(o, ybuf, sizeof ybuf);
    st = jue_source_load_meta(yaml, cat, &src, d);
    if (st != JUE_OK) {
        rc = st == JUE_ERR_INVALID ? JUE_BUILD_MISTAKES : JUE_BUILD_IO;
        stop(r, "%s：%s，未写出任何文件", yaml, st == JUE_ERR_IO ? "无法读取（用 --department 指明）" : "有错误");
        goto done;
    }
    if (!perf_scored(src, o, yaml, r, d)) { rc = JUE_BUILD_MISTAKES; goto done; }
    st = jue_audit_document(aud, o->input, &disc, NULL, &f, d);
    if (st != JUE_OK) {
        stop(r, "%s：%s，未写出任何文件", o->input, st == JUE_ERR_IO ? "无法读取" : "不是可读的决算公开表格");
        rc = st == JUE_ERR_INVALID ? JUE_BUILD_MISTAKES : JUE_BUILD_IO;
        goto done;
    }
    /* the tables decide: the input's own notes and 自评表 are not published again */
    bool halt = gate(keep_findings(&f, true, r), o->input, o->force, r);
    rc = r->code;
    if (r->others)
        jue_diag_add(d, JUE_SEV_WARNING, o->input, 0, 0,
                     "其情况说明或绩效自评表另有%zu处问题（juesuan audit 可列出），不影响编制：说明按表格重新写出", r->others);
    if (halt) goto done;
    st = jue_compile_tables(src, prof, disc, d);
    if (st != JUE_OK) {
        stop(r, "%s：表格或 department.yaml 缺少完整文档所需的内容，未写出任何文件", o->input);
        rc = st == JUE_ERR_INVALID ? JUE_BUILD_MISTAKES : JUE_BUILD_IO;
        goto done;
    }
    jue_build_base(o->input, true, base, sizeof base);
    r->base = jue_strdup(base);
    if (replaces_input(o, base)) {
        stop(r, "%s：输出会覆盖输入的文件，请换一个输出目录", o->input);
        rc = JUE_BUILD_IO;
        goto done;
    }
    int wr = publish(src, disc, cat, prof, o, base, r, d);
    if (wr != JUE_BUILD_OK) rc = wr;
done:
    jue_findings_free(&f);
    jue_disclosure_free(disc);
    jue_source_free(src);
    jue_auditor_free(aud);
    return rc;
}

int jue_build(const jue_build_opts *o, jue_build_result *r, jue_diags *diags)
{
    memset(r, 0, sizeof *r);
    jue_findings_init(&r->findings);
    jue_build_opts opts = *o;
    if (!opts.formats) opts.formats = JUE_FMT_ALL;
    struct stat sb;
    bool file = stat(o->input, &sb) == 0 && !S_ISDIR(sb.st_mode);
    r->code = file ? build_tables(&opts, r, diags) : build_source(&opts, r, diags);
    return r->code;
}

void jue_build_result_free(jue_build_result *r)
{
    if (!r) return;
    jue_findings_free(&r->findings);
    free(r->stop);
    free(r->base);
    for (size_t i = 0; i < r->nwritten; i++) free(r->written[i]);
    free(r->written);
    memset(r, 0, sizeof *r);
}
