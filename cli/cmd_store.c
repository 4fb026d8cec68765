/* juesuan store: the SQLite store of department-years (docs/store.md).
 * Options and output only; the library does the work (juesuan/store.h). */
#include <juesuan/auditor.h>
#include <juesuan/hash.h>
#include <juesuan/output.h>
#include <juesuan/rules.h>
#include <juesuan/store.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void usage_store(void)
{
    puts("用法：juesuan store add    [--store 存储] [--profile 方案] [--rules 规则文件] [--department 名称]\n"
         "                            [--region 地区] [--year 年度] 文件|源目录...\n"
         "      juesuan store list   [--store 存储] [单位 [年度]]\n"
         "      juesuan store show   [--store 存储] 单位 年度\n"
         "      juesuan store export [--store 存储] [--what documents|facts|findings] [--format csv|json]\n"
         "                            [-o 文件] [单位 [年度]]\n"
         "      juesuan store merge  [--store 存储] 原单位 新单位\n"
         "      juesuan store check  [--store 存储]\n\n"
         "把审核过的决算按单位和年度保存在一个 SQLite 文件中（默认 juesuan.db，或 $JUESUAN_STORE）：\n"
         "每个表中数字及其所在位置、情况说明中的数字、审核意见、审核规则的指纹和文件的 SHA-256。\n"
         "add 审核每个文件（或编制每个源目录），各在一个事务中存入；同一文件在同一审核规则下\n"
         "已存入的，跳过。单位可用其键（地区/名称，即 list 所列）、名称或地区指明。\n"
         "merge 把更名的单位并入其新名称。");
}

typedef struct {
    const char *store, *profile, *rules, *department, *region, *what, *format, *output;
    int year;
    const char **args;
    size_t nargs;
} store_opts;

static int parse(int argc, char **argv, store_opts *o)
{
    const char *env = getenv("JUESUAN_STORE");
    *o = (store_opts){ .store = env && *env ? env : "juesuan.db", .what = "documents", .format = "csv" };
    o->args = calloc((size_t)argc + 1, sizeof *o->args);
    if (!o->args) return EXIT_USAGE;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i], *year = NULL;
        const char **slot = !strcmp(a, "--store") ? &o->store : !strcmp(a, "--profile") ? &o->profile
                          : !strcmp(a, "--rules") ? &o->rules : !strcmp(a, "--department") ? &o->department
                          : !strcmp(a, "--region") ? &o->region : !strcmp(a, "--what") ? &o->what
                          : !strcmp(a, "--format") ? &o->format : !strcmp(a, "-o") ? &o->output
                          : !strcmp(a, "--year") ? &year : NULL;
        if (slot) {
            if (++i >= argc) { cli_error("%s 需要一个值", a); return EXIT_USAGE; }
            *slot = argv[i];
            if (year && (o->year = atoi(year)) <= 0) { cli_error("--year 需要年份，而不是“%s”", year); return EXIT_USAGE; }
        } else if (a[0] == '-' && a[1]) {
            cli_error("未知选项“%s”（juesuan store --help）", a);
            return EXIT_USAGE;
        } else {
            o->args[o->nargs++] = a;
        }
    }
    return EXIT_CLEAN;
}

static int open_store(const store_opts *o, jue_store **s)
{
    jue_diags d;
    jue_diags_init(&d);
    jue_status st = jue_store_open(o->store, s, &d);
    cli_print_diags(&d, false);
    jue_diags_free(&d);
    return st == JUE_OK ? EXIT_CLEAN : st == JUE_ERR_INVALID ? EXIT_BADINPUT : EXIT_USAGE;
}

/* ---- add ---- */

/* Last year's disclosure of the department, when the store has it: the
 * stated changes on last year are checked against it. */
static jue_status cross_year(jue_store *s, const jue_auditor *a, const store_opts *o, jue_disclosure *disc,
                             jue_findings *f, jue_diags *d)
{
    const char *dept = o->department ? o->department : disc->department;
    int year = o->year ? o->year : disc->year;
    if (!dept || year <= 0) return JUE_OK;
    jue_buf key;
    jue_buf_init(&key);
    jue_store_dept_key(dept, o->region, &key);
    jue_disclosure *prev = NULL;
    jue_diags quiet;   /* no last year is no mistake */
    jue_diags_init(&quiet);
    jue_status st = jue_store_load(s, jue_buf_str(&key), year - 1, &prev, NULL, &quiet);
    jue_diags_free(&quiet);
    jue_buf_free(&key);
    if (st != JUE_OK) return JUE_OK;
    st = jue_audit_cross_year(a, disc, prev, f);
    if (st == JUE_OK)
        jue_diag_add(d, JUE_SEV_INFO, disc->source, 0, 0, "已与存储中的%d年度决算（%s）核对比上年增减", year - 1,
                     prev->source ? prev->source : "");
    jue_disclosure_free(prev);
    return st;
}

static int add_one(jue_store *s, const jue_auditor *a, const store_opts *o, const char *path)
{
    jue_diags d;
    jue_diags_init(&d);
    char hash[65];
    if (jue_sha256_path(path, hash) != JUE_OK) {
        cli_error("%s：无法读取", path);
        return EXIT_USAGE;
    }
    if (jue_store_has(s, hash, jue_auditor_version(a))) {
        printf("已在存储中（同一文件、同一审核规则），跳过：%s\n", path);
        return EXIT_CLEAN;
    }
    jue_disclosure *disc = NULL;
    jue_doc_kind kind;
    jue_findings f;
    jue_findings_init(&f);
    jue_status st = jue_audit_document(a, path, &disc, &kind, &f, &d);
    if (st == JUE_OK) st = cross_year(s, a, o, disc, &f, &d);
    int rc = EXIT_CLEAN;
    if (st == JUE_OK) {
        jue_store_doc m = { path, hash, jue_auditor_version(a), o->profile, kind, o->department, o->region, o->year };
        int64_t id = 0;
        st = jue_store_add(s, disc, &f, &m, &id, NULL, &d);
        if (st == JUE_OK) {
            jue_buf key;
            jue_buf_init(&key);
            jue_store_dept_key(o->department ? o->department : disc->department, o->region, &key);
            printf("已存入：%s %d年度，%s（错误%zu个，警告%zu个）\n", jue_buf_str(&key), o->year ? o->year : disc->year,
                   path, jue_findings_count(&f, JUE_SEV_ERROR), jue_findings_count(&f, JUE_SEV_WARNING));
            jue_buf_free(&key);
        }
    }
    cli_print_diags(&d, false);
    if (st != JUE_OK) {
        cli_error("%s：未存入", path);
        rc = st == JUE_ERR_INVALID ? EXIT_BADINPUT : EXIT_USAGE;
    }
    jue_diags_free(&d);
    jue_findings_free(&f);
    jue_disclosure_free(disc);
    return rc;
}

static int store_add(const store_opts *o)
{
    if (!o->nargs) { usage_store(); return EXIT_USAGE; }
    jue_diags d;
    jue_diags_init(&d);
    jue_auditor *a = NULL;
    jue_status st = jue_auditor_new(o->profile, o->rules, &a, &d);
    cli_print_diags(&d, false);
    jue_diags_free(&d);
    if (st != JUE_OK) return st == JUE_ERR_NOTFOUND || st == JUE_ERR_IO ? EXIT_USAGE : EXIT_BADINPUT;
    jue_store *s = NULL;
    int rc = open_store(o, &s);
    for (size_t i = 0; rc == EXIT_CLEAN && i < o->nargs; i++) {
        int r = add_one(s, a, o, o->args[i]);
        if (r > rc) rc = r;
    }
    jue_store_close(s);
    jue_auditor_free(a);
    return rc;
}

/* ---- list, show ---- */

static int print_row(const jue_store_row *r, void *ctx)
{
    int *n = ctx;
    if (!(*n)++) puts("单位\t年度\t错误\t警告\t类型\t存入时间\t文件");
    printf("%s\t%d\t%lld\t%lld\t%s\t%s\t%s\n", r->dept_key, r->year, (long long)r->errors, (long long)r->warnings,
           strcmp(r->kind, "source") ? "已公开文档" : "编制数据", r->added, r->file);
    return 0;
}

static int store_list(const store_opts *o)
{
    jue_store *s = NULL;
    int rc = open_store(o, &s), n = 0;
    int year = o->nargs > 1 ? atoi(o->args[1]) : 0;
    if (rc == EXIT_CLEAN && jue_store_list(s, o->nargs ? o->args[0] : NULL, year, print_row, &n) != JUE_OK) rc = EXIT_USAGE;
    if (rc == EXIT_CLEAN && !n) puts(o->nargs ? "存储中没有符合条件的决算。" : "存储是空的（juesuan store add FILE 存入）。");
    jue_store_close(s);
    return rc;
}

static int show_header(const jue_store_row *r, void *ctx)
{
    int64_t *newest = ctx;
    if (r->id < *newest) return 0;
    *newest = r->id;
    printf("单位：%s（%s）\n年度：%d\n文件：%s（%s）\nSHA-256：%s\n审核规则版本：%s\n存入时间：%s\n"
           "表中数字%lld个，说明中数字%lld个，审核发现%lld条（错误%lld个，警告%lld个）\n",
           r->department, r->dept_key, r->year, r->file, strcmp(r->kind, "source") ? "已公开文档" : "编制数据",
           r->sha256, r->rules, r->added, (long long)r->nfacts, (long long)r->nclaims, (long long)r->nfindings,
           (long long)r->errors, (long long)r->warnings);
    return 0;
}

static void show_totals(const jue_disclosure *d)
{
    static const char *const LINES[] = { JUE_L_INC_GRAND, JUE_L_INC_TOTAL, JUE_L_EXP_TOTAL, JUE_L_EXP_GRAND };
    const jue_table *t = d->tables[JUE_T01];
    int col = t ? jue_table_find_col(t, JUE_C_ACTUAL) : -1;
    for (size_t i = 0; col >= 0 && i < sizeof LINES / sizeof LINES[0]; i++) {
        int r = jue_table_find_row(t, LINES[i], JUE_SIDE_NONE);
        if (r < 0) continue;
        char v[64];
        jue_fmt_wan(jue_table_cell_c(t, (size_t)r, (size_t)col)->printed, true, v, sizeof v);
        printf("公开01表 %s：%s万元\n", LINES[i], v);
    }
}

static int store_show(const store_opts *o)
{
    if (o->nargs != 2 || atoi(o->args[1]) <= 0) { usage_store(); return EXIT_USAGE; }
    jue_store *s = NULL;
    int rc = open_store(o, &s);
    jue_diags d;
    jue_diags_init(&d);
    jue_disclosure *disc = NULL;
    jue_findings f;
    jue_findings_init(&f);
    int year = atoi(o->args[1]);
    jue_status st = rc ? JUE_ERR_IO : jue_store_load(s, o->args[0], year, &disc, &f, &d);
    if (!rc && st == JUE_OK) {
        int64_t newest = -1;
        jue_store_list(s, o->args[0], year, show_header, &newest);
        show_totals(disc);
        jue_buf b;
        jue_buf_init(&b);
        for (size_t i = 0; i < f.len; i++) {
            jue_finding_format_text(&f.items[i], &b);
            jue_buf_putc(&b, '\n');
        }
        fputs(jue_buf_str(&b), stdout);
        jue_buf_free(&b);
    } else if (!rc) {
        rc = st == JUE_ERR_NOTFOUND || st == JUE_ERR_INVALID ? EXIT_BADINPUT : EXIT_USAGE;
    }
    cli_print_diags(&d, false);
    jue_diags_free(&d);
    jue_findings_free(&f);
    jue_disclosure_free(disc);
    jue_store_close(s);
    return rc;
}

/* ---- export, merge, check ---- */

/* To stdout, or to a file written whole or not at all (juesuan/output.h). */
static int write_out(const char *path, const jue_buf *b)
{
    if (!path) return fwrite(jue_buf_str(b), 1, b->len, stdout) == b->len ? EXIT_CLEAN : EXIT_USAGE;
    int err = 0;
    jue_status st = jue_out_file(path, jue_buf_str(b), b->len, &err);
    if (st == JUE_OK) return EXIT_CLEAN;
    cli_error("%s：无法写入：%s", path, jue_out_reason(st, err));
    return EXIT_USAGE;
}

static int store_export(const store_opts *o)
{
    jue_store *s = NULL;
    int rc = open_store(o, &s);
    jue_diags d;
    jue_diags_init(&d);
    jue_buf b;
    jue_buf_init(&b);
    int year = o->nargs > 1 ? atoi(o->args[1]) : 0;
    jue_status st = rc ? JUE_ERR_IO : jue_store_export(s, o->what, o->format, o->nargs ? o->args[0] : NULL, year, &b, &d);
    cli_print_diags(&d, false);
    if (!rc && st != JUE_OK) rc = EXIT_USAGE;
    if (!rc) rc = write_out(o->output, &b);
    jue_buf_free(&b);
    jue_diags_free(&d);
    jue_store_close(s);
    return rc;
}

static int store_merge(const store_opts *o)
{
    if (o->nargs != 2) { usage_store(); return EXIT_USAGE; }
    jue_store *s = NULL;
    int rc = open_store(o, &s);
    jue_diags d;
    jue_diags_init(&d);
    jue_status st = rc ? JUE_ERR_IO : jue_store_merge(s, o->args[0], o->args[1], &d);
    cli_print_diags(&d, false);
    if (!rc && st == JUE_OK) printf("已将“%s”并入“%s”：其各年度决算归入后者，旧名称今后也归入后者\n", o->args[0], o->args[1]);
    else if (!rc) rc = st == JUE_ERR_IO ? EXIT_USAGE : EXIT_BADINPUT;
    jue_diags_free(&d);
    jue_store_close(s);
    return rc;
}

static int store_check(const store_opts *o)
{
    jue_store *s = NULL;
    int rc = open_store(o, &s);
    jue_buf b;
    jue_buf_init(&b);
    size_t problems = 0;
    if (!rc && jue_store_check(s, &b, &problems) != JUE_OK) rc = EXIT_USAGE;
    fputs(jue_buf_str(&b), stdout);
    if (!rc) printf(problems ? "%s：发现%zu个问题\n" : "%s：完好（%zu个问题）\n", o->store, problems);
    if (!rc && problems) rc = EXIT_FINDINGS;
    jue_buf_free(&b);
    jue_store_close(s);
    return rc;
}

int cmd_store(int argc, char **argv)
{
    static const struct { const char *name; int (*run)(const store_opts *); } SUB[] = {
        { "add", store_add }, { "list", store_list }, { "show", store_show },
        { "export", store_export }, { "merge", store_merge }, { "check", store_check },
    };
    if (argc < 2) { usage_store(); return EXIT_USAGE; }
    for (size_t i = 0; i < sizeof SUB / sizeof SUB[0]; i++)
        if (!strcmp(argv[1], SUB[i].name)) {
            store_opts o;
            int rc = parse(argc, argv, &o);
            if (rc == EXIT_CLEAN) rc = SUB[i].run(&o);
            free(o.args);
            return rc;
        }
    cli_error("未知的 store 子命令“%s”（add、list、show、export、merge、check）", argv[1]);
    return EXIT_USAGE;
}
