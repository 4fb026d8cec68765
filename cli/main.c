/* juesuan: compile, audit and publish departmental final-accounts disclosures. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const cli_command COMMANDS[] = {
    { "build", "compile a source directory into the nine public tables", cmd_build, usage_build },
    { "audit", "check disclosures (source directories or published files) against the rule pack", cmd_audit, usage_audit },
    { "demo", "build the bundled example department and show where the outputs are", cmd_demo, usage_demo },
};

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("juesuan: error: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

void cli_print_diags(jue_diags *d, bool verbose)
{
    jue_diags_sort(d);
    for (size_t i = 0; i < d->len; i++) {
        const jue_diag *g = &d->items[i];
        if (g->severity == JUE_SEV_INFO && !verbose) continue;
        if (g->line > 0 && g->col > 0)
            fprintf(stderr, "%s:%d:%d: %s: %s\n", g->file, g->line, g->col, jue_severity_str(g->severity), g->message);
        else if (g->line > 0)
            fprintf(stderr, "%s:%d: %s: %s\n", g->file, g->line, jue_severity_str(g->severity), g->message);
        else
            fprintf(stderr, "%s: %s: %s\n", g->file, jue_severity_str(g->severity), g->message);
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
    if (!strcmp(argv[1], "--version")) { puts("juesuan 0.1.0"); return EXIT_CLEAN; }
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
        if (!strcmp(argv[1], COMMANDS[i].name)) {
            for (int a = 2; a < argc; a++)
                if (!strcmp(argv[a], "--help") || !strcmp(argv[a], "-h")) { COMMANDS[i].usage(); return EXIT_CLEAN; }
            return COMMANDS[i].run(argc - 1, argv + 1);
        }
    cli_error("unknown command '%s'", argv[1]);
    usage(stderr);
    return EXIT_USAGE;
}
