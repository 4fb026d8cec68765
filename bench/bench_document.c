/* make bench: the time to produce every output of the example department —
 * compile, the tables in five formats, the notes, and the complete document
 * in HTML, PDF and Word — averaged over a few runs. PDF dominates (font
 * shaping and subsetting); the figure says what a user waits for. */
#include <juesuan/compile.h>
#include <juesuan/document.h>
#include <juesuan/narrative.h>
#include <juesuan/render.h>

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double clock_s(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The wall clock, and beside it the process's CPU time: on a loaded machine
 * the wall figure grows with the load, the CPU figure much less. */
static double cpu_at[2];
static double now(void)
{
    cpu_at[0] = cpu_at[1];
    cpu_at[1] = clock_s(CLOCK_PROCESS_CPUTIME_ID);
    return clock_s(CLOCK_MONOTONIC);
}
static double cpu_step(void) { return cpu_at[1] - cpu_at[0]; }

int main(int argc, char **argv)
{
    const char *root = getenv("JUE_SRCDIR");
    char ex[4096];
    snprintf(ex, sizeof ex, "%s/examples/county-medical-security-2024", root ? root : ".");
    int runs = argc > 1 ? atoi(argv[1]) : 5;
    if (runs < 1) runs = 1;
    jue_diags d;
    jue_diags_init(&d);
    jue_catalog *cat;
    jue_profile *prof;
    if (jue_catalog_load(NULL, &cat, &d) || jue_profile_load(NULL, &prof, &d)) {
        fprintf(stderr, "bench_document: cannot load data (set JUESUAN_DATA)\n");
        return 2;
    }
    char dir[] = "/tmp/jue-bench-doc-XXXXXX";
    if (!mkdtemp(dir)) return 2;
    enum { T_COMPILE, T_TABLES, T_NOTES, T_BUILD, T_HTML, T_PDF, T_DOCX, T_N };
    static const char *const NAME[T_N] = { "load+compile", "tables (5 fmt)", "notes (md)", "document model",
                                           "document html", "document pdf", "document docx" };
    double t[T_N] = { 0 }, c[T_N] = { 0 };
    for (int r = 0; r < runs; r++) {
        now();
        double a = now();
        jue_source *src = NULL;
        jue_disclosure *disc = NULL;
        jue_compile_stats st;
        if (jue_source_load(ex, cat, &src, &d) || jue_compile(src, cat, prof, &disc, &st, &d)) {
            fprintf(stderr, "bench_document: %s does not compile\n", ex);
            return 2;
        }
        double b = now();
        t[T_COMPILE] += b - a;
        c[T_COMPILE] += cpu_step();
        if (jue_render_all(disc, dir, "bench", JUE_FMT_ALL, &d)) return 2;
        a = now();
        t[T_TABLES] += a - b;
        c[T_TABLES] += cpu_step();
        jue_buf buf;
        jue_buf_init(&buf);
        if (jue_notes_markdown(src, disc, cat, NULL, &buf, &d)) return 2;
        b = now();
        t[T_NOTES] += b - a;
        c[T_NOTES] += cpu_step();
        jue_document *doc = NULL;
        if (jue_document_build(src, disc, cat, prof, &doc, &d)) return 2;
        a = now();
        t[T_BUILD] += a - b;
        c[T_BUILD] += cpu_step();
        jue_buf_reset(&buf);
        if (jue_render_document_html(doc, &buf)) return 2;
        b = now();
        t[T_HTML] += b - a;
        c[T_HTML] += cpu_step();
        char path[4200];
        snprintf(path, sizeof path, "%s/bench-document.pdf", dir);
        if (jue_render_document_pdf(doc, path)) return 2;
        a = now();
        t[T_PDF] += a - b;
        c[T_PDF] += cpu_step();
        snprintf(path, sizeof path, "%s/bench-document.docx", dir);
        if (jue_render_document_docx(doc, path)) return 2;
        b = now();
        t[T_DOCX] += b - a;
        c[T_DOCX] += cpu_step();
        jue_buf_free(&buf);
        jue_document_free(doc);
        jue_disclosure_free(disc);
        jue_source_free(src);
    }
    double total = 0, ctotal = 0;
    for (int i = 0; i < T_N; i++) total += t[i], ctotal += c[i];
    printf("bench_document: every output of the example department, mean of %d runs (wall, and CPU)\n", runs);
    for (int i = 0; i < T_N; i++)
        printf("  %-15s %8.1f ms  %8.1f ms cpu  %5.1f%%\n", NAME[i], 1000 * t[i] / runs, 1000 * c[i] / runs,
               100 * t[i] / total);
    printf("  %-15s %8.1f ms  %8.1f ms cpu  (all formats: 5 table formats, notes, HTML + PDF + Word document)\n",
           "total", 1000 * total / runs, 1000 * ctotal / runs);
    printf("  target: the complete document in all formats <= 150 ms (issue 13); ratio %.2f wall, %.2f cpu\n",
           1000 * total / runs / 150, 1000 * ctotal / runs / 150);
    jue_profile_free(prof);
    jue_catalog_free(cat);
    jue_diags_free(&d);
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : 0;
}
