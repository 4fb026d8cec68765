/* juesuan build SOURCE_DIR|TABLES_FILE -o OUT_DIR [--department YAML] [--previous FILE | --store DB]
 *               [--format LIST] [--profile NAME] [--force] */
#include <juesuan/build.h>
#include <juesuan/render.h>
#include <juesuan/rules.h>

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

/* Runs the build and says what happened: the audit's findings and the
 * mistakes (stderr), each file written (stdout, unless quiet), and why
 * nothing was written. The exit code is the build's. */
static int run(const jue_build_opts *o, bool quiet)
{
    jue_diags d;
    jue_diags_init(&d);
    jue_build_result r;
    int rc = jue_build(o, &r, &d);
    jue_buf b;
    jue_buf_init(&b);
    for (size_t i = 0; i < r.findings.len; i++) {
        jue_finding_format_text(&r.findings.items[i], &b);
        jue_buf_putc(&b, '\n');
    }
    fputs(jue_buf_str(&b), stderr);
    jue_buf_free(&b);
    for (size_t i = 0; !quiet && i < r.nwritten; i++) printf("已写出 %s\n", r.written[i]);
    cli_print_diags(&d, false);
    if (r.stop) cli_error("%s", r.stop);
    jue_build_result_free(&r);
    jue_diags_free(&d);
    return rc;
}

int cli_build_source(const char *src_dir, const char *out_dir, unsigned formats, const char *profile,
                     bool force, bool quiet)
{
    jue_build_opts o = { .input = src_dir, .out_dir = out_dir, .profile = profile, .formats = formats,
                         .force = force };
    return run(&o, quiet);
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
    jue_build_opts o = { .formats = JUE_FMT_ALL };
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
    return run(&o, false);
}
