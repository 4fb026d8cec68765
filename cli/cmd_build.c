/* juesuan build SOURCE_DIR -o OUT_DIR [--format LIST] [--profile NAME] [--force] */
#include <juesuan/catalog.h>
#include <juesuan/compile.h>
#include <juesuan/document.h>
#include <juesuan/narrative.h>
#include <juesuan/output.h>
#include <juesuan/perf.h>
#include <juesuan/render.h>
#include <juesuan/rules.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void usage_build(void)
{
    puts("usage: juesuan build SOURCE_DIR -o OUT_DIR [--format html,xlsx,md,csv,json,pdf,docx] [--profile NAME]\n"
         "                     [--force] [-v]\n\n"
         "Compiles the department-year in SOURCE_DIR (docs/formats.md) into the nine public tables,\n"
         "with controlled rounding so every printed total adds up. Writes the chosen formats\n"
         "(default: all) into OUT_DIR: the tables in html/xlsx/md/csv/json, the notes as\n"
         "NAME-notes.md, the complete document (cover, 概况, tables, notes, glossary, charts) as\n"
         "NAME-document.html/.pdf/.docx, and when the source has perf.yaml the 绩效自评 as\n"
         "NAME-perf.md (md), NAME-perf.html (html) and NAME-perf.xlsx (xlsx), its 自评表 also in the\n"
         "document. Mistakes in the source (perf.yaml included) are all reported as file:line:col\n"
         "and nothing is written (exit 3). The compiled tables are then audited with the profile's\n"
         "rule pack (juesuan audit); while it finds errors nothing is written (exit 1) unless --force.");
}

static const char *base_name(const char *dir, char *buf, size_t n)
{
    size_t len = strlen(dir);
    while (len > 1 && dir[len - 1] == '/') len--;
    size_t s = len;
    while (s > 0 && dir[s - 1] != '/') s--;
    size_t k = len - s;
    if (k == 0 || (k == 1 && dir[s] == '.')) { snprintf(buf, n, "juesuan"); return buf; }
    if (k >= n) k = n - 1;
    memcpy(buf, dir + s, k);
    buf[k] = 0;
    return buf;
}

int cli_build_source(const char *src_dir, const char *out_dir, unsigned formats, const char *profile,
                     bool force, bool quiet)
{
    jue_diags d;
    jue_diags_init(&d);
    jue_catalog *cat = NULL;
    jue_profile *prof = NULL;
    jue_source *src = NULL;
    jue_disclosure *disc = NULL;
    jue_outlock *lock = NULL;
    int rc = EXIT_CLEAN;
    jue_status st = jue_catalog_load(NULL, &cat, &d);
    if (st != JUE_OK) { rc = st == JUE_ERR_IO ? EXIT_USAGE : EXIT_BADINPUT; goto done; }
    st = jue_profile_load(profile, &prof, &d);
    if (st != JUE_OK) { rc = st == JUE_ERR_NOTFOUND ? EXIT_USAGE : EXIT_BADINPUT; goto done; }
    st = jue_source_load(src_dir, cat, &src, &d);
    if (st != JUE_OK) {
        /* a file of the source that cannot be read is exit 2, like any
         * unreadable input; mistakes in what was read are exit 3 */
        rc = st == JUE_ERR_INVALID ? EXIT_BADINPUT : EXIT_USAGE;
        cli_print_diags(&d, false);
        jue_diags_free(&d);
        if (st == JUE_ERR_INVALID || st == JUE_ERR_IO)
            cli_error("%s：%s，未写出任何文件", src_dir, st == JUE_ERR_IO ? "源目录缺少文件或文件无法读取" : "源数据有错误");
        goto done;
    }
    /* the 绩效自评 (perf.yaml, loaded and checked with the source) scored
     * by the profile's method, before anything is written */
    if (src->perf && jue_perf_score_profile(src->perf, profile, &d) != JUE_OK) {
        cli_print_diags(&d, false);
        jue_diags_free(&d);
        cli_error("%s：绩效评分方案有错误，未写出任何文件", src_dir);
        rc = EXIT_BADINPUT;
        goto done;
    }
    jue_compile_stats stats;
    st = jue_compile(src, cat, prof, &disc, &stats, &d);
    if (st == JUE_ERR_INVALID && !force) {
        cli_print_diags(&d, false);
        jue_diags_free(&d);
        cli_error("%s：审核发现错误，未写出任何文件（如仍要写出，请加 --force）", src_dir);
        rc = EXIT_FINDINGS;
        goto done;
    }
    if (st != JUE_OK && st != JUE_ERR_INVALID) { rc = EXIT_USAGE; goto done; }
    if (st == JUE_ERR_INVALID) rc = EXIT_FINDINGS;
    if (!disc) goto done;
    /* audit before publishing: nothing is written while the rule pack finds
     * errors, unless --force */
    {
        jue_rulepack *pack = NULL;
        jue_status rs = jue_rules_load_profile(profile, &pack, &d);
        if (rs != JUE_OK) {
            cli_print_diags(&d, false);
            jue_diags_free(&d);
            cli_error("审核规则无法载入，未写出任何文件");
            rc = rs == JUE_ERR_NOTFOUND || rs == JUE_ERR_IO ? EXIT_USAGE : EXIT_BADINPUT;
            goto done;
        }
        free(disc->source);
        disc->source = jue_strdup(src_dir);
        jue_findings f;
        jue_findings_init(&f);
        rs = jue_audit(disc, cat, pack, &f);
        jue_rulepack_free(pack);
        jue_buf b;
        jue_buf_init(&b);
        for (size_t i = 0; i < f.len; i++) {
            if (f.items[i].severity == JUE_SEV_INFO) continue;
            jue_finding_format_text(&f.items[i], &b);
            jue_buf_putc(&b, '\n');
        }
        fputs(jue_buf_str(&b), stderr);
        jue_buf_free(&b);
        size_t errors = jue_findings_count(&f, JUE_SEV_ERROR);
        jue_findings_free(&f);
        if (rs != JUE_OK) { cli_error("内存不足"); rc = EXIT_USAGE; goto done; }
        if (errors) {
            rc = EXIT_FINDINGS;
            if (!force) {
                cli_print_diags(&d, false);
                jue_diags_free(&d);
                cli_error("%s：审核发现%zu处错误，未写出任何文件（如仍要写出，请加 --force）", src_dir, errors);
                goto done;
            }
        }
    }
    char base[256];
    base_name(src_dir, base, sizeof base);
    size_t before = d.len;
    /* one build at a time writes into a folder */
    if (jue_outdir_lock(out_dir, &lock, &d) != JUE_OK) { rc = EXIT_USAGE; goto done; }
    st = jue_render_all(disc, out_dir, base, formats, &d);
    if (st != JUE_OK) rc = EXIT_USAGE;
    /* the explanatory notes, written from the same figures (Markdown for now;
     * the complete document in HTML/PDF/Word is issue 5) */
    if (st == JUE_OK && (formats & JUE_FMT_MD)) {
        jue_buf notes;
        jue_buf_init(&notes);
        jue_buf md;
        jue_buf_init(&md);
        jue_status ns = jue_notes_markdown_profile(src, disc, cat, prof, &notes, &d);
        if (ns == JUE_OK) ns = jue_render_md_text(jue_buf_str(&notes), &md);
        char path[4096];
        snprintf(path, sizeof path, "%s/%s-notes.md", out_dir, base);
        int err = 0;
        jue_status ws = ns == JUE_OK ? jue_out_file(path, jue_buf_str(&md), md.len, &err) : ns;
        if (ws == JUE_OK) {
            jue_diag_add(&d, JUE_SEV_INFO, path, 0, 0, "written");
        } else {
            jue_out_diag(&d, path, "说明", ws, err);
            rc = ns == JUE_ERR_INVALID ? EXIT_BADINPUT : EXIT_USAGE;
        }
        jue_buf_free(&notes);
        jue_buf_free(&md);
    }
    /* the complete document: cover, 概况, tables, notes, glossary, charts —
     * one block model, written in each chosen document format */
    if (st == JUE_OK && (formats & (JUE_FMT_HTML | JUE_FMT_PDF | JUE_FMT_DOCX))) {
        jue_document *doc = NULL;
        jue_status ds = jue_document_build(src, disc, cat, prof, &doc, &d);
        char path[4096];
        if (ds == JUE_OK && (formats & JUE_FMT_HTML)) {
            jue_buf html;
            jue_buf_init(&html);
            jue_status hs = jue_render_document_html(doc, &html);
            snprintf(path, sizeof path, "%s/%s-document.html", out_dir, base);
            int err = 0;
            if (hs == JUE_OK) hs = jue_out_file(path, jue_buf_str(&html), html.len, &err);
            if (hs == JUE_OK) {
                jue_diag_add(&d, JUE_SEV_INFO, path, 0, 0, "written");
            } else {
                jue_out_diag(&d, path, "完整文档", hs, err);
                rc = EXIT_USAGE;
            }
            jue_buf_free(&html);
        }
        static const struct { unsigned fmt; const char *ext; jue_status (*render)(const jue_document *, const char *); }
            files[] = { { JUE_FMT_PDF, "pdf", jue_render_document_pdf }, { JUE_FMT_DOCX, "docx", jue_render_document_docx } };
        for (size_t k = 0; ds == JUE_OK && k < sizeof files / sizeof files[0]; k++) {
            if (!(formats & files[k].fmt)) continue;
            snprintf(path, sizeof path, "%s/%s-document.%s", out_dir, base, files[k].ext);
            jue_outfile o = { .err = 0 };
            jue_status fs = jue_out_begin(&o, path);
            if (fs == JUE_OK) fs = jue_out_end(&o, files[k].render(doc, o.tmp));
            if (fs == JUE_OK) {
                jue_diag_add(&d, JUE_SEV_INFO, path, 0, 0, "written");
            } else {
                jue_out_diag(&d, path, "完整文档", fs, o.err);
                rc = EXIT_USAGE;
            }
        }
        if (ds != JUE_OK) {
            jue_diag_add(&d, JUE_SEV_ERROR, src_dir, 0, 0, "无法生成完整的公开文件");
            rc = ds == JUE_ERR_INVALID ? EXIT_BADINPUT : EXIT_USAGE;
        }
        jue_document_free(doc);
    }
    /* the 绩效自评 when the source has perf.yaml: the 自评报告 (md), the
     * 自评表 (html, and a workbook of their own beside the tables' one) */
    if (st == JUE_OK && src->perf && jue_perf_write(src->perf, out_dir, base, formats, &d) != JUE_OK)
        rc = EXIT_USAGE;
    if (!quiet && st == JUE_OK) {
        for (size_t i = before; i < d.len; i++)
            if (d.items[i].severity == JUE_SEV_INFO) printf("wrote %s\n", d.items[i].file);
    }
done:
    cli_print_diags(&d, false);
    jue_outdir_unlock(lock);
    jue_diags_free(&d);
    jue_disclosure_free(disc);
    jue_source_free(src);
    jue_profile_free(prof);
    jue_catalog_free(cat);
    return rc;
}

int cmd_build(int argc, char **argv)
{
    const char *src = NULL, *out = NULL, *profile = NULL;
    unsigned formats = JUE_FMT_ALL;
    bool force = false;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-o") || !strcmp(argv[i], "--output")) {
            if (++i >= argc) { cli_error("-o 后面须给出输出目录"); return EXIT_USAGE; }
            out = argv[i];
        } else if (!strcmp(argv[i], "--format") || !strcmp(argv[i], "-f")) {
            if (++i >= argc) { cli_error("--format 后面须给出格式列表"); return EXIT_USAGE; }
            const char *bad = NULL;
            formats = jue_formats_parse(argv[i], &bad);
            if (!formats) {
                cli_error("“%s”中有未知的格式（可用：html、xlsx、md、csv、json、pdf、docx）", argv[i]);
                return EXIT_USAGE;
            }
        } else if (!strcmp(argv[i], "--profile")) {
            if (++i >= argc) { cli_error("--profile 后面须给出方案名称"); return EXIT_USAGE; }
            profile = argv[i];
        } else if (!strcmp(argv[i], "--force")) {
            force = true;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            cli_error("未知的选项“%s”", argv[i]);
            return EXIT_USAGE;
        } else if (!src) {
            src = argv[i];
        } else {
            cli_error("一次只能编制一个源目录（多出了“%s”）", argv[i]);
            return EXIT_USAGE;
        }
    }
    if (!src || !out) {
        usage_build();
        return EXIT_USAGE;
    }
    return cli_build_source(src, out, formats, profile, force, false);
}
