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
    puts("用法：juesuan demo [--example 目录] [-o 输出目录]\n\n"
         "把自带的示例县医疗保障局（examples/）按所有格式编制到输出目录（默认 out/），\n"
         "并说明各文件在哪里。");
}

int cmd_demo(int argc, char **argv)
{
    const char *ex = JUE_EXAMPLE_DIR, *out = "out";
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--example") && i + 1 < argc) ex = argv[++i];
        else if (!strcmp(argv[i], "-o") && i + 1 < argc) out = argv[++i];
        else { cli_error("未知的参数“%s”", argv[i]); return EXIT_USAGE; }
    }
    printf("juesuan demo：编制 %s\n", ex);
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
    printf("\njuesuan demo：像审核人员一样审核写出的文件：%s、%s、%s 和 %s\n", xlsx, html, pdf, docx);
    char *args[] = { (char *)"audit", xlsx, html, pdf, docx, NULL };
    int arc = cmd_audit(5, args);
    if (arc == EXIT_CLEAN) printf("没有发现错误\n");
    printf("\n完整的决算文件：%s（A4，可直接公开）、%s（供 Word 或 WPS 编辑）\n"
           "和 %s（网页）；只含各表的在 %s/%s.html 和 .xlsx；\n"
           ".md、.csv 和 .json 用于数据交换；绩效自评在 %s/%s-perf.*\n",
           pdf, docx, html, out, base, out, base);
    return arc;
}
