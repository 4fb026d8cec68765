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
        else { cli_error("未知的参数“%s”", argv[i]); return EXIT_USAGE; }
    }
    printf("juesuan demo: building %s\n", ex);
    int rc = cli_build_source(ex, out, JUE_FMT_ALL, NULL, false, false);
    if (rc != EXIT_CLEAN) return rc;
    /* then audit what was published, as a reviewer would: the workbook of the
     * tables and the complete document (tables and notes) */
    const char *base = strrchr(ex, '/') ? strrchr(ex, '/') + 1 : ex;
    char xlsx[4096], html[4096], pdf[4096], docx[4096];
    snprintf(xlsx, sizeof xlsx, "%s/%s.xlsx", out, base);
    snprintf(html, sizeof html, "%s/%s-document.html", out, base);
    snprintf(pdf, sizeof pdf, "%s/%s-document.pdf", out, base);
    snprintf(docx, sizeof docx, "%s/%s-document.docx", out, base);
    printf("\njuesuan demo: auditing what was written, as a reviewer would: %s, %s, %s and %s\n", xlsx, html, pdf,
           docx);
    char *args[] = { (char *)"audit", xlsx, html, pdf, docx, NULL };
    int arc = cmd_audit(5, args);
    if (arc == EXIT_CLEAN) printf("no error findings\n");
    printf("\nThe complete disclosure is %s (A4, ready to publish), %s (for Word or WPS)\n"
           "and %s (a web page); the tables alone are in %s/%s.html and .xlsx;\n"
           ".md, .csv and .json are for exchange; the 绩效自评 are in %s/%s-perf.*\n",
           pdf, docx, html, out, base, out, base);
    return arc;
}
