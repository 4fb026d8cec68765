/* juesuan: compile, audit and publish departmental final-accounts disclosures. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "core/encoding.h"

static const cli_command COMMANDS[] = {
    { "build", "把源目录编制成九张公开表、情况说明和完整的决算文件", cmd_build, usage_build },
    { "audit", "按审核规则审核决算（源目录或已公开的文件）", cmd_audit, usage_audit },
    { "store", "按单位和年度保存审核过的决算（SQLite）：add、list、show、export、merge、check", cmd_store, usage_store },
    { "report", "写出存储的总览：每个单位每个年度，按类别列出审核意见（HTML、XLSX、CSV）", cmd_report, usage_report },
    { "serve", "在本机启动决算网页：审核、编制、历年（浏览器打开）", cmd_serve, usage_serve },
    { "demo", "编制自带的示例单位，并说明输出文件在哪里", cmd_demo, usage_demo },
};

/* Writes s to f with bytes that are not UTF-8 (or are control characters)
 * shown as \xNN: a file name or a quoted field in another encoding never
 * puts raw bytes on the terminal. */
static void put_clean(FILE *f, const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        size_t k = jue_utf8_seq(u + i, n - i);
        if (k == 0 || (k == 1 && u[i] < 0x20 && u[i] != '\t' && u[i] != '\n') || u[i] == 0x7F) {
            fprintf(f, "\\x%02X", u[i]);
            i++;
            continue;
        }
        fwrite(u + i, 1, k, f);
        i += k;
    }
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char msg[8192];
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fputs("juesuan：错误：", stderr);
    put_clean(stderr, msg);
    fputc('\n', stderr);
}

static const char *severity_cn(jue_severity s)
{
    return s == JUE_SEV_ERROR ? "错误" : s == JUE_SEV_WARNING ? "警告" : "提示";
}

static bool same_diag(const jue_diag *a, const jue_diag *b)
{
    return a->line == b->line && a->col == b->col && a->severity == b->severity && !strcmp(a->file, b->file) &&
           !strcmp(a->message, b->message);
}

void cli_print_diags(jue_diags *d, bool verbose)
{
    jue_diags_sort(d);
    for (size_t i = 0; i < d->len; i++) {
        const jue_diag *g = &d->items[i];
        if (g->severity == JUE_SEV_INFO && !verbose) continue;
        bool again = false;   /* the same message twice (sorted: next to each other) */
        for (size_t j = i; j > 0 && !again && !strcmp(d->items[j - 1].file, g->file) &&
                           d->items[j - 1].line == g->line && d->items[j - 1].col == g->col; j--)
            again = same_diag(&d->items[j - 1], g);
        if (again) continue;
        put_clean(stderr, g->file);
        if (g->page > 0) fprintf(stderr, ":第%d页", g->page);   /* a PDF: the page, not our line counter */
        else if (g->line > 0) fprintf(stderr, ":%d", g->line);
        if (g->page == 0 && g->line > 0 && g->col > 0) fprintf(stderr, ":%d", g->col);
        fprintf(stderr, ": %s：", severity_cn(g->severity));
        put_clean(stderr, g->message);
        fputc('\n', stderr);
    }
}

static void usage(FILE *f)
{
    fputs("用法：juesuan 命令 [参数]\n\n命令：\n", f);
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
        fprintf(f, "  %-8s %s\n", COMMANDS[i].name, COMMANDS[i].summary);
    fputs("\n“juesuan 命令 --help”列出该命令的选项。退出码：0 没有错误；1 审核发现错误；\n"
          "2 用法有误或文件无法读写；3 源数据、规则文件或方案文件有错误。\n", f);
}

int main(int argc, char **argv)
{
    if (argc < 2) { usage(stderr); return EXIT_USAGE; }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return EXIT_CLEAN;
    }
    if (!strcmp(argv[1], "--version")) { puts("juesuan " JUE_VERSION); return EXIT_CLEAN; }
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
        if (!strcmp(argv[1], COMMANDS[i].name)) {
            for (int a = 2; a < argc; a++)
                if (!strcmp(argv[a], "--help") || !strcmp(argv[a], "-h")) { COMMANDS[i].usage(); return EXIT_CLEAN; }
            return COMMANDS[i].run(argc - 1, argv + 1);
        }
    cli_error("未知的命令“%s”", argv[1]);
    usage(stderr);
    return EXIT_USAGE;
}
