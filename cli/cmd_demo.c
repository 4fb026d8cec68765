/* juesuan demo: builds the bundled example department. */
#include <juesuan/render.h>

#include <stdio.h>
#include <string.h>

#include "cli.h"

#ifndef JUE_EXAMPLE_DIR
#define JUE_EXAMPLE_DIR "examples/county-medical-security-2024"
#endif

void usage_demo(void)
{
    puts("usage: juesuan demo [--example DIR] [-o OUT_DIR]\n\n"
         "Builds the bundled example county 医疗保障局 (examples/) into OUT_DIR (default out/)\n"
         "in every format and prints where the files are.");
}

int cmd_demo(int argc, char **argv)
{
    const char *ex = JUE_EXAMPLE_DIR, *out = "out";
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--example") && i + 1 < argc) ex = argv[++i];
        else if (!strcmp(argv[i], "-o") && i + 1 < argc) out = argv[++i];
        else { cli_error("unknown argument '%s'", argv[i]); return EXIT_USAGE; }
    }
    printf("juesuan demo: building %s\n", ex);
    int rc = cli_build_source(ex, out, JUE_FMT_ALL, NULL, false, false);
    if (rc != EXIT_CLEAN) return rc;
    /* then audit what was published, as a reviewer would: the workbook of the
     * tables and the complete document (tables and notes) */
    const char *base = strrchr(ex, '/') ? strrchr(ex, '/') + 1 : ex;
    char xlsx[4096], html[4096];
    snprintf(xlsx, sizeof xlsx, "%s/%s.xlsx", out, base);
    snprintf(html, sizeof html, "%s/%s-document.html", out, base);
    printf("\njuesuan demo: auditing %s and %s\n", xlsx, html);
    char *args[] = { (char *)"audit", xlsx, html, NULL };
    int arc = cmd_audit(3, args);
    if (arc == EXIT_CLEAN) printf("no error findings\n");
    printf("\nThe complete disclosure is %s — open it in a browser (print it as PDF);\n"
           "the tables alone are in %s/%s.html and .xlsx; .md, .csv and .json are for exchange.\n", html, out, base);
    return arc;
}
