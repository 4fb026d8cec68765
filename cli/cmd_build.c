/* juesuan build SOURCE_DIR|TABLES_FILE -o OUT_DIR [--department YAML] [--previous FILE | --store DB]
 *               [--format LIST] [--profile NAME] [--force] */
#include <juesuan/auditor.h>
#include <juesuan/catalog.h>
#include <juesuan/compile.h>
#include <juesuan/document.h>
#include <juesuan/import.h>
#include <juesuan/narrative.h>
#include <juesuan/output.h>
#include <juesuan/perf.h>
#include <juesuan/render.h>
#include <juesuan/rules.h>
#include <juesuan/store.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

void usage_build(void)
{
    puts("用法：juesuan build 源目录 -o 输出目录 [--format html,xlsx,md,csv,json,pdf,docx] [--profile 方案]\n"
         "                     [--previous 上年文件 | --store 存储] [--force] [-v]\n"
         "      juesuan build 表格文件 [--department department.yaml] -o 输出目录 [同上选项]\n\n"
         "把源目录中的单位年度账目（docs/formats.md）编制成九张公开表，经控制舍入，每个合计都与\n"
         "各项之和相等。按所选格式（默认全部）写入输出目录：各表的 html/xlsx/md/csv/json，\n"
         "情况说明 名称-notes.md，完整的决算文件（封面、概况、各表、情况说明、名词解释、图表）\n"
         "名称-document.html/.pdf/.docx；源目录有 perf.yaml 时，还有绩效自评 名称-perf.md（md）、\n"
         "名称-perf.html（html）和 名称-perf.xlsx（xlsx），自评表也收入决算文件。源数据（包括\n"
         "perf.yaml）的错误一次全部报出（文件:行:列），不写出任何文件（退出码3）。编成的表再按\n"
         "方案的规则包审核（同 juesuan audit）；发现错误时不写出任何文件（退出码1），除非加 --force。\n\n"
         "给出的是文件而不是目录时，build 采用其中印出的九张表（表格的 XLSX，或已公开的 PDF、Word、\n"
         "网页文件：凡 juesuan audit 能读的都可以），先审核，再据以写出同样的各种输出；表中没有的\n"
         "内容取自 department.yaml（默认为文件旁边的那个），文件旁边的 budget.csv 和 perf.yaml\n"
         "也一并读取。文件需要而 department.yaml 缺少的键，在其位置报错。\n\n"
         "  --previous 文件 上年的决算（audit 能读的任何格式）：情况说明中的上年数、增减额和增长率\n"
         "                  取自其各表，而不是 department.yaml 的 last_year\n"
         "  --store 存储    同上，取自存储中该单位上一年度的决算（juesuan store add）；\n"
         "                  两者都给出时以 --previous 为准");
}

typedef struct {
    const char *input;        /* a source folder, or a file of the nine tables */
    const char *out_dir, *profile, *department, *previous, *store;
    unsigned formats;
    bool force, quiet;
} build_opts;

/* The name of the outputs: a folder's name, or a file's without its
 * extension. */
static const char *base_name(const char *path, bool file, char *buf, size_t n)
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

/* Writes every chosen output of disc (with src's texts) into the output
 * folder; an exit code. */
static int write_outputs(const jue_source *src, const jue_disclosure *disc, const jue_catalog *cat,
                         const jue_profile *prof, const build_opts *o, const char *base, jue_diags *d)
{
    int rc = EXIT_CLEAN;
    size_t before = d->len;
    jue_status st = jue_render_all(disc, o->out_dir, base, o->formats, d);
    if (st != JUE_OK) rc = EXIT_USAGE;
    /* the explanatory notes, written from the same figures */
    if (st == JUE_OK && (o->formats & JUE_FMT_MD)) {
        jue_buf notes;
        jue_buf_init(&notes);
        jue_buf md;
        jue_buf_init(&md);
        jue_status ns = jue_notes_markdown_profile(src, disc, cat, prof, &notes, d);
        if (ns == JUE_OK) ns = jue_render_md_text(jue_buf_str(&notes), &md);
        char path[4096];
        snprintf(path, sizeof path, "%s/%s-notes.md", o->out_dir, base);
        int err = 0;
        jue_status ws = ns == JUE_OK ? jue_out_file(path, jue_buf_str(&md), md.len, &err) : ns;
        if (ws == JUE_OK) {
            jue_diag_add(d, JUE_SEV_INFO, path, 0, 0, "已写出");
        } else {
            jue_out_diag(d, path, "说明", ws, err);
            rc = ns == JUE_ERR_INVALID ? EXIT_BADINPUT : EXIT_USAGE;
        }
        jue_buf_free(&notes);
        jue_buf_free(&md);
    }
    /* the complete document: cover, 概况, tables, notes, glossary, charts —
     * one block model, written in each chosen document format */
    if (st == JUE_OK && (o->formats & (JUE_FMT_HTML | JUE_FMT_PDF | JUE_FMT_DOCX))) {
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
                jue_diag_add(d, JUE_SEV_INFO, path, 0, 0, "已写出");
            } else {
                jue_out_diag(d, path, "完整文档", hs, err);
                rc = EXIT_USAGE;
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
            if (fs == JUE_OK) {
                jue_diag_add(d, JUE_SEV_INFO, path, 0, 0, "已写出");
            } else {
                jue_out_diag(d, path, "完整文档", fs, of.err);
                rc = EXIT_USAGE;
            }
        }
        if (ds != JUE_OK) {
            jue_diag_add(d, JUE_SEV_ERROR, o->input, 0, 0, "无法生成完整的公开文件");
            rc = ds == JUE_ERR_INVALID ? EXIT_BADINPUT : EXIT_USAGE;
        }
        jue_document_free(doc);
    }
    /* the 绩效自评 when the source has perf.yaml: the 自评报告 (md), the
     * 自评表 (html, and a workbook of their own beside the tables' one) */
    if (st == JUE_OK && src->perf && jue_perf_write(src->perf, o->out_dir, base, o->formats, d) != JUE_OK)
        rc = EXIT_USAGE;
    if (!o->quiet && st == JUE_OK) {
        for (size_t i = before; i < d->len; i++)
            if (d->items[i].severity == JUE_SEV_INFO) printf("已写出 %s\n", d->items[i].file);
    }
    return rc;
}

/* Whether a finding is about the notes or the 绩效自评 of a published
 * input, which a build from its tables writes anew. */
static bool about_text(const jue_finding *x)
{
    return x->rule && (!strncmp(x->rule, "claims.", 7) || !strncmp(x->rule, "perf.", 5));
}

/* The audit before publishing: its findings (not the infos; with
 * tables_only, those about the tables) to stderr; returns the number of
 * errors shown, *others (may be NULL) the errors and warnings left out. */
static size_t show_findings(const jue_findings *f, bool tables_only, size_t *others)
{
    jue_buf b;
    jue_buf_init(&b);
    size_t errors = 0, left = 0;
    for (size_t i = 0; i < f->len; i++) {
        const jue_finding *x = &f->items[i];
        if (x->severity == JUE_SEV_INFO) continue;
        if (tables_only && about_text(x)) { left++; continue; }
        errors += x->severity == JUE_SEV_ERROR;
        jue_finding_format_text(x, &b);
        jue_buf_putc(&b, '\n');
    }
    fputs(jue_buf_str(&b), stderr);
    jue_buf_free(&b);
    if (others) *others = left;
    return errors;
}

/* Last year's figures for the notes: from --previous (a published file of
 * any format audit reads) or else from the store (the department's
 * document of the year before). An exit code: 0, or EXIT_USAGE when the
 * file or the store cannot be read. */
static int take_last_year(jue_source *src, const build_opts *o, const jue_catalog *cat, const jue_profile *prof,
                          jue_diags *d)
{
    jue_disclosure *prev = NULL;
    const char *from = o->previous;
    if (o->previous) {
        if (o->store)
            jue_diag_add(d, JUE_SEV_WARNING, o->store, 0, 0, "同时给出了 --previous：上年数取自“%s”，不取自存储",
                         o->previous);
        jue_status st = jue_import_file(o->previous, JUE_IN_AUTO, cat, prof, &prev, d);
        if (st != JUE_OK) {
            cli_error("%s：上年决算%s，未写出任何文件", o->previous, st == JUE_ERR_IO ? "无法读取" : "不是可审核的公开文件");
            return EXIT_USAGE;
        }
    } else if (o->store) {
        jue_store *store = NULL;
        if (jue_store_open(o->store, &store, d) != JUE_OK) {
            cli_error("%s：存储无法打开，未写出任何文件", o->store);
            return EXIT_USAGE;
        }
        jue_status st = jue_store_last_year(store, src->department, src->year, &prev);
        jue_store_close(store);
        if (st == JUE_ERR_NOTFOUND) {
            jue_diag_add(d, JUE_SEV_WARNING, o->store, 0, 0, "存储中没有%s%d年度的决算：上年数取自 department.yaml",
                         src->department ? src->department : "", src->year - 1);
            return EXIT_CLEAN;
        }
        if (st != JUE_OK) { cli_error("%s：存储无法读取，未写出任何文件", o->store); return EXIT_USAGE; }
        from = prev->source ? prev->source : o->store;
    } else {
        return EXIT_CLEAN;
    }
    jue_status st = jue_source_take_last_year(src, prev, from, d);
    jue_disclosure_free(prev);
    if (st != JUE_OK) { cli_error("内存不足"); return EXIT_USAGE; }
    return EXIT_CLEAN;
}

/* The audit's findings decide: an exit code to stop with (nothing
 * written), or 0 / EXIT_FINDINGS (with --force) to go on with. */
/* The 绩效自评 (perf.yaml, loaded and checked with the source) scored by the
 * profile's method, before anything is written; false (said, with name) when
 * the scoring method has mistakes. */
static bool perf_scored(jue_source *src, const build_opts *o, const char *name, jue_diags *d)
{
    if (!src->perf || jue_perf_score_profile(src->perf, o->profile, d) == JUE_OK) return true;
    cli_print_diags(d, false);
    jue_diags_free(d);
    cli_error("%s：绩效评分方案有错误，未写出任何文件", name);
    return false;
}

static int gate(size_t errors, const char *name, bool force, bool *stop)
{
    *stop = errors && !force;
    if (*stop)
        cli_error("%s：审核发现%zu处错误，未写出任何文件（如仍要写出，请加 --force）", name, errors);
    return errors ? EXIT_FINDINGS : EXIT_CLEAN;
}

static int build_source(const build_opts *o)
{
    const char *src_dir = o->input;
    bool force = o->force;
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
    st = jue_profile_load(o->profile, &prof, &d);
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
    if (!perf_scored(src, o, src_dir, &d)) { rc = EXIT_BADINPUT; goto done; }
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
        jue_status rs = jue_rules_load_profile(o->profile, &pack, &d);
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
        size_t errors = show_findings(&f, false, NULL);
        jue_findings_free(&f);
        if (rs != JUE_OK) { cli_error("内存不足"); rc = EXIT_USAGE; goto done; }
        bool stop;
        if (errors) rc = gate(errors, src_dir, force, &stop);
        if (errors && stop) {
            cli_print_diags(&d, false);
            jue_diags_free(&d);
            goto done;
        }
    }
    int lr = take_last_year(src, o, cat, prof, &d);
    if (lr != EXIT_CLEAN) { rc = lr; goto done; }
    char base[256];
    base_name(src_dir, false, base, sizeof base);
    /* one build at a time writes into a folder */
    if (jue_outdir_lock(o->out_dir, &lock, &d) != JUE_OK) { rc = EXIT_USAGE; goto done; }
    int wr = write_outputs(src, disc, cat, prof, o, base, &d);
    if (wr != EXIT_CLEAN) rc = wr;
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

/* Whether an output would replace the input (the tables built into the
 * folder they came from): base.ext or base-document.ext there. */
static bool replaces_input(const build_opts *o, const char *base)
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
static const char *department_yaml(const build_opts *o, char *buf, size_t n)
{
    if (o->department) return o->department;
    const char *slash = strrchr(o->input, '/');
    if (slash) snprintf(buf, n, "%.*s/department.yaml", (int)(slash - o->input), o->input);
    else snprintf(buf, n, "department.yaml");
    return buf;
}

/* The build from the nine tables as printed: read and audited as `audit`
 * does (one model, many doors), then written as a source is. */
static int build_tables(const build_opts *o)
{
    jue_diags d;
    jue_diags_init(&d);
    jue_auditor *aud = NULL;
    jue_source *src = NULL;
    jue_disclosure *disc = NULL;
    jue_outlock *lock = NULL;
    jue_findings f;
    jue_findings_init(&f);
    int rc = EXIT_CLEAN;
    char ybuf[4096], base[256];
    jue_status st = jue_auditor_new(o->profile, NULL, &aud, &d);
    if (st != JUE_OK) {
        rc = st == JUE_ERR_IO || st == JUE_ERR_NOTFOUND || st == JUE_ERR_NOMEM ? EXIT_USAGE : EXIT_BADINPUT;
        goto done;
    }
    const jue_catalog *cat = jue_auditor_catalog(aud);
    const jue_profile *prof = jue_auditor_profile(aud);
    const char *yaml = department_yaml(o, ybuf, sizeof ybuf);
    st = jue_source_load_meta(yaml, cat, &src, &d);
    if (st != JUE_OK) {
        rc = st == JUE_ERR_INVALID ? EXIT_BADINPUT : EXIT_USAGE;
        cli_print_diags(&d, false);
        jue_diags_free(&d);
        cli_error("%s：%s，未写出任何文件", yaml, st == JUE_ERR_IO ? "无法读取（用 --department 指明）" : "有错误");
        goto done;
    }
    if (!perf_scored(src, o, yaml, &d)) { rc = EXIT_BADINPUT; goto done; }
    st = jue_audit_document(aud, o->input, &disc, NULL, &f, &d);
    if (st != JUE_OK) {
        cli_print_diags(&d, false);
        jue_diags_free(&d);
        cli_error("%s：%s，未写出任何文件", o->input, st == JUE_ERR_IO ? "无法读取" : "不是可读的决算公开表格");
        rc = st == JUE_ERR_INVALID ? EXIT_BADINPUT : EXIT_USAGE;
        goto done;
    }
    /* the tables decide: the input's own notes and 自评表 are not published again */
    bool stop;
    size_t others = 0;
    rc = gate(show_findings(&f, true, &others), o->input, o->force, &stop);
    if (others)
        jue_diag_add(&d, JUE_SEV_WARNING, o->input, 0, 0,
                     "其情况说明或绩效自评表另有%zu处问题（juesuan audit 可列出），不影响编制：说明按表格重新写出", others);
    if (stop) goto done;
    st = jue_compile_tables(src, prof, disc, &d);
    if (st != JUE_OK) {
        cli_print_diags(&d, false);
        jue_diags_free(&d);
        cli_error("%s：表格或 department.yaml 缺少完整文档所需的内容，未写出任何文件", o->input);
        rc = st == JUE_ERR_INVALID ? EXIT_BADINPUT : EXIT_USAGE;
        goto done;
    }
    int lr = take_last_year(src, o, cat, prof, &d);
    if (lr != EXIT_CLEAN) { rc = lr; goto done; }
    base_name(o->input, true, base, sizeof base);
    if (replaces_input(o, base)) {
        cli_error("%s：输出会覆盖输入的文件，请换一个输出目录", o->input);
        rc = EXIT_USAGE;
        goto done;
    }
    if (jue_outdir_lock(o->out_dir, &lock, &d) != JUE_OK) { rc = EXIT_USAGE; goto done; }
    int wr = write_outputs(src, disc, cat, prof, o, base, &d);
    if (wr != EXIT_CLEAN) rc = wr;
done:
    cli_print_diags(&d, false);
    jue_outdir_unlock(lock);
    jue_diags_free(&d);
    jue_findings_free(&f);
    jue_disclosure_free(disc);
    jue_source_free(src);
    jue_auditor_free(aud);
    return rc;
}

int cli_build_source(const char *src_dir, const char *out_dir, unsigned formats, const char *profile,
                     bool force, bool quiet)
{
    build_opts o = { .input = src_dir, .out_dir = out_dir, .profile = profile, .formats = formats,
                     .force = force, .quiet = quiet };
    return build_source(&o);
}

/* The value of an option that takes one; NULL (said so) when it is last. */
static const char *option_value(int argc, char **argv, int *i, const char *what)
{
    if (++*i < argc) return argv[*i];
    cli_error("%s 后面须给出%s", argv[*i - 1], what);
    return NULL;
}

int cmd_build(int argc, char **argv)
{
    build_opts o = { .formats = JUE_FMT_ALL };
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **dst = !strcmp(a, "-o") || !strcmp(a, "--output") ? &o.out_dir
                         : !strcmp(a, "--profile")                    ? &o.profile
                         : !strcmp(a, "--department")                 ? &o.department
                         : !strcmp(a, "--previous")                   ? &o.previous
                         : !strcmp(a, "--store")                      ? &o.store
                                                                      : NULL;
        if (dst) {
            if (!(*dst = option_value(argc, argv, &i, dst == &o.out_dir ? "输出目录" : "一个名称或文件")))
                return EXIT_USAGE;
        } else if (!strcmp(a, "--format") || !strcmp(a, "-f")) {
            const char *v = option_value(argc, argv, &i, "格式列表"), *bad = NULL;
            if (!v) return EXIT_USAGE;
            if (!(o.formats = jue_formats_parse(v, &bad))) {
                cli_error("“%s”中有未知的格式（可用：html、xlsx、md、csv、json、pdf、docx）", v);
                return EXIT_USAGE;
            }
        } else if (!strcmp(a, "--force")) {
            o.force = true;
        } else if (a[0] == '-' && a[1]) {
            cli_error("未知的选项“%s”", a);
            return EXIT_USAGE;
        } else if (!o.input) {
            o.input = a;
        } else {
            cli_error("一次只能编制一个源目录或表格文件（多出了“%s”）", a);
            return EXIT_USAGE;
        }
    }
    if (!o.input || !o.out_dir) {
        usage_build();
        return EXIT_USAGE;
    }
    struct stat sb;
    bool file = stat(o.input, &sb) == 0 && !S_ISDIR(sb.st_mode);
    if (o.department && !file) {
        cli_error("--department 只用于按表格文件编制；源目录“%s”自带 department.yaml", o.input);
        return EXIT_USAGE;
    }
    return file ? build_tables(&o) : build_source(&o);
}
