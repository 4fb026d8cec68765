/* PDF import speed: jue_pdf_read + recognition of the Shanghai finance
 * bureau's disclosure, against `pdftotext -layout` on the same file (the
 * issue's target: ≤ 1.5× pdftotext). Needs JUE_SHARED (default ../shared
 * from the source tree) or a PDF path as argv[1]. */
#include <juesuan/catalog.h>
#include <juesuan/import.h>
#include <juesuan/profile.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "import/doors/doors.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    char path[4096];
    if (argc > 1) snprintf(path, sizeof path, "%s", argv[1]);
    else {
        const char *sh = getenv("JUE_SHARED");
        const char *src = getenv("JUE_SRCDIR");
        if (sh) snprintf(path, sizeof path, "%s/fixtures/real/shanghai-putuo-2024/finance-bureau.pdf", sh);
        else snprintf(path, sizeof path, "%s/../shared/fixtures/real/shanghai-putuo-2024/finance-bureau.pdf",
                      src ? src : ".");
    }
    const int iters = 10;
    char *data = NULL;
    size_t len = 0;
    if (jue_read_file(path, &data, &len) != JUE_OK) { fprintf(stderr, "bench_pdf: cannot read %s\n", path); return 2; }
    jue_diags dg;
    jue_diags_init(&dg);
    jue_catalog *cat = NULL;
    jue_profile *prof = NULL;
    if (jue_catalog_load(NULL, &cat, &dg) || jue_profile_load(NULL, &prof, &dg)) {
        fprintf(stderr, "bench_pdf: cannot load the catalog or profile\n");
        return 2;
    }
    double t0 = now();
    for (int i = 0; i < iters; i++) {
        jue_idoc *doc = jue_idoc_new(path, JUE_IN_PDF);
        jue_disclosure *d = jue_disclosure_new();
        if (!doc || !d || jue_pdf_read(data, len, doc, &dg) || jue_recognize(doc, cat, prof, NULL, d, &dg)) {
            fprintf(stderr, "bench_pdf: reading %s failed\n", path);
            return 1;
        }
        jue_disclosure_free(d);
        jue_idoc_free(doc);
        jue_diags_free(&dg);
    }
    double ours = (now() - t0) / iters;
    /* pdftotext as a user runs it: a process per file */
    char cmd[8300];
    snprintf(cmd, sizeof cmd, "pdftotext -layout '%s' - >/dev/null 2>&1", path);
    double t1 = now();
    for (int i = 0; i < iters; i++)
        if (system(cmd) != 0) { fprintf(stderr, "bench_pdf: pdftotext failed (poppler-utils installed?)\n"); return 1; }
    double theirs = (now() - t1) / iters;
    printf("pdf import + recognition: %.1f ms/document, %.1f documents/s (%s, %zu bytes)\n", ours * 1e3, 1 / ours,
           strrchr(path, '/') ? strrchr(path, '/') + 1 : path, len);
    printf("pdftotext -layout:        %.1f ms/document\n", theirs * 1e3);
    printf("ratio import / pdftotext: %.2f (target <= 1.5)\n", ours / theirs);
    jue_catalog_free(cat);
    jue_profile_free(prof);
    free(data);
    return 0;
}
