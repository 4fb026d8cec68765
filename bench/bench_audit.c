/* Audit benchmark: audits per second with the national rule pack over 1,000
 * generated disclosures — the compiled example county bureau, each copy with
 * 0–3 printed cells changed at random (so some audits report findings, as
 * real ones do). Only jue_audit is timed. */
#include <juesuan/compile.h>
#include <juesuan/rules.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t rng = 0x9E3779B97F4A7C15ULL;
static uint64_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000;
    const char *dir = getenv("JUE_SRCDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/examples/county-medical-security-2024", dir ? dir : ".");
    jue_diags d;
    jue_diags_init(&d);
    jue_catalog *cat = NULL;
    jue_profile *prof = NULL;
    jue_rulepack *pack = NULL;
    jue_source *src = NULL;
    jue_disclosure *disc = NULL;
    if (jue_catalog_load(NULL, &cat, &d) || jue_profile_load(NULL, &prof, &d) ||
        jue_rules_load_profile(NULL, &pack, &d) || jue_source_load(path, cat, &src, &d) ||
        jue_compile(src, cat, prof, &disc, NULL, &d)) {
        fprintf(stderr, "bench_audit: cannot set up (run from the repository or set JUE_SRCDIR)\n");
        return 1;
    }
    size_t cells = 0, findings = 0, with_errors = 0;
    for (int t = 0; t < JUE_NTABLES; t++) cells += disc->tables[t]->nrows * disc->tables[t]->ncols;
    double spent = 0;
    for (size_t i = 0; i < n; i++) {
        /* generate: change up to three cells, remember them to restore */
        jue_cell *changed[3], saved[3];
        int k = (int)(rnd() % 4);
        for (int q = 0; q < k; q++) {
            int t = (int)(rnd() % JUE_NTABLES);
            jue_table *tab = disc->tables[t];
            if (!tab->nrows) { changed[q] = NULL; continue; }
            changed[q] = &tab->cells[rnd() % (tab->nrows * tab->ncols)];
            saved[q] = *changed[q];
            jue_cell_set_printed(changed[q], changed[q]->printed + (jue_fen)(rnd() % 3 + 1) * 10000 * (rnd() % 2 ? 1 : 100), 2);
        }
        jue_findings f;
        jue_findings_init(&f);
        double t0 = now();
        jue_audit(disc, cat, pack, &f);
        spent += now() - t0;
        findings += f.len;
        with_errors += jue_findings_count(&f, JUE_SEV_ERROR) > 0;
        jue_findings_free(&f);
        for (int q = k - 1; q >= 0; q--)
            if (changed[q]) *changed[q] = saved[q];
    }
    printf("audit: %zu disclosures (%zu cells each, %zu rules): %.1f ms total, %.0f audits/s; "
           "%zu with errors, %zu findings\n",
           n, cells, jue_rulepack_count(pack), spent * 1000, (double)n / spent, with_errors, findings);
    jue_disclosure_free(disc);
    jue_source_free(src);
    jue_rulepack_free(pack);
    jue_profile_free(prof);
    jue_catalog_free(cat);
    jue_diags_free(&d);
    return 0;
}
