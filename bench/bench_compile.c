/* make bench: compile a generated department of N expenditure lines
 * (default 10,000) and print lines per second, for the whole path (read +
 * validate + compile) and for each stage. Prints figures; asserts nothing. */
#include <juesuan/compile.h>
#include <juesuan/render.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t rng = 0x2545F4914F6CDD1DULL;
static uint64_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static size_t leaves(const jue_catalog *cat, jue_cat_kind k, const char *const *roots, size_t nroots, int depth,
                     const char **out, size_t max)
{
    size_t n = 0;
    for (size_t r = 0; r < nroots; r++) {
        const char *a[256];
        size_t na = jue_catalog_children(cat, k, roots[r], 2024, a, 256);
        for (size_t i = 0; i < na && i < 256; i++) {
            if (depth == 0) { if (n < max) out[n++] = a[i]; continue; }
            const char *b[256];
            size_t nb = jue_catalog_children(cat, k, a[i], 2024, b, 256);
            for (size_t j = 0; j < nb && j < 256 && n < max; j++) out[n++] = b[j];
        }
    }
    return n;
}

int main(int argc, char **argv)
{
    size_t lines = argc > 1 ? strtoul(argv[1], NULL, 10) : 10000;
    jue_diags d;
    jue_diags_init(&d);
    jue_catalog *cat;
    jue_profile *prof;
    if (jue_catalog_load(NULL, &cat, &d) != JUE_OK || jue_profile_load(NULL, &prof, &d) != JUE_OK) {
        fprintf(stderr, "bench: cannot load data (set JUESUAN_DATA)\n");
        return 2;
    }
    static const char *const FR[] = { "201", "208", "210", "221", "229" };
    static const char *const ER[] = { "301", "302", "303", "310" };
    const char *xiang[1024], *econ[512];
    size_t nx = leaves(cat, JUE_CAT_FUNCTIONAL, FR, 5, 1, xiang, 1024);
    size_t ne = leaves(cat, JUE_CAT_ECONOMIC, ER, 4, 0, econ, 512);
    char dir[] = "/tmp/jue-bench-XXXXXX";
    if (!mkdtemp(dir)) return 2;
    char p[256];
    snprintf(p, sizeof p, "%s/department.yaml", dir);
    FILE *f = fopen(p, "w");
    fprintf(f, "department: 基准测试局\nyear: 2024\nunits:\n");
    for (int u = 0; u < 8; u++) fprintf(f, "  - { id: u%d, name: 单位%d%s }\n", u, u, u ? "" : ", main: true");
    fclose(f);
    snprintf(p, sizeof p, "%s/expenditure.csv", dir);
    FILE *fe = fopen(p, "w");
    snprintf(p, sizeof p, "%s/income.csv", dir);
    FILE *fi = fopen(p, "w");
    fprintf(fe, "unit,fund,code,kind,econ,project,amount\n");
    fprintf(fi, "unit,source,code,amount\n");
    for (size_t i = 0; i < lines; i++) {
        int u = (int)(rnd() % 8);
        const char *code = xiang[rnd() % nx];
        long long yuan = (long long)(rnd() % 5000000), fen = (long long)(rnd() % 100);
        int kind = (int)(rnd() % 2);
        fprintf(fe, "u%d,一般公共预算,%s,%s,%s,,%lld.%02lld\n", u, code, kind ? "项目" : "基本",
                kind ? "" : econ[rnd() % ne], yuan, fen);
        fprintf(fi, "u%d,一般公共预算,%s,%lld.%02lld\n", u, code, yuan, fen);
    }
    fclose(fe);
    fclose(fi);

    double t0 = now();
    jue_source *src = NULL;
    if (jue_source_load(dir, cat, &src, &d) != JUE_OK) {
        fprintf(stderr, "bench: generated source did not load (%s)\n", d.len ? d.items[0].message : "?");
        return 2;
    }
    double t1 = now();
    jue_disclosure *disc = NULL;
    jue_compile_stats st;
    if (jue_compile(src, cat, prof, &disc, &st, &d) != JUE_OK) return 2;
    double t2 = now();
    char out[300];
    snprintf(out, sizeof out, "%s/out", dir);
    jue_render_all(disc, out, "bench", JUE_FMT_ALL, &d);
    double t3 = now();
    printf("bench_compile: %zu ledger lines (%zu income + %zu expenditure), %zu atoms, %zu printed sums\n",
           2 * lines, lines, lines, st.atoms, st.constraints);
    printf("  load+validate  %8.3f s  %10.0f lines/s\n", t1 - t0, (double)(2 * lines) / (t1 - t0));
    printf("  compile+round  %8.3f s  %10.0f lines/s  (%zu search moves, %zu unresolved)\n", t2 - t1,
           (double)(2 * lines) / (t2 - t1), st.iterations, st.unresolved);
    printf("  render (5 fmt) %8.3f s\n", t3 - t2);
    printf("  total          %8.3f s  %10.0f lines/s\n", t3 - t0, (double)(2 * lines) / (t3 - t0));
    jue_disclosure_free(disc);
    jue_source_free(src);
    jue_profile_free(prof);
    jue_catalog_free(cat);
    jue_diags_free(&d);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) return 0;
    return 0;
}
