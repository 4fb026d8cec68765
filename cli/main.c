/* juesuan: compile, audit and publish departmental final-accounts disclosures. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "core/encoding.h"

static const cli_command COMMANDS[] = {
    { "build", "compile a source directory into the nine public tables", cmd_build, usage_build },
    { "audit", "check disclosures (source directories or published files) against the rule pack", cmd_audit, usage_audit },
    { "store", "keep audited disclosures by department and year (SQLite): add, list, show, export, merge, check", cmd_store, usage_store },
    { "report", "write the overview of a store: every department and year, its findings by kind (HTML, XLSX, CSV)", cmd_report, usage_report },
    { "demo", "build the bundled example department and show where the outputs are", cmd_demo, usage_demo },
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
        if (g->line > 0) fprintf(stderr, ":%d", g->line);
        if (g->line > 0 && g->col > 0) fprintf(stderr, ":%d", g->col);
        fprintf(stderr, ": %s：", severity_cn(g->severity));
        put_clean(stderr, g->message);
        fputc('\n', stderr);
    }
}

static void usage(FILE *f)
{
    fputs("usage: juesuan COMMAND [ARGS]\n\ncommands:\n", f);
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
        fprintf(f, "  %-8s %s\n", COMMANDS[i].name, COMMANDS[i].summary);
    fputs("\n'juesuan COMMAND --help' shows a command's options. Exit codes: 0 clean, 1 error findings,\n"
          "2 usage or file access, 3 mistakes in a source, rule or profile file.\n", f);
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
