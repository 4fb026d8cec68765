/* make bench: full audits (import + table rules + claim checks) of a real
 * published text document, repeated; prints documents per second. */
#include <juesuan/claims_audit.h>
#include <juesuan/import.h>
#include <juesuan/rules.h>

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : JUE_SHARED_DIR "/fixtures/real/liling-medical-security-2022.txt";
    int n = argc > 2 ? atoi(argv[2]) : 300;
    jue_diags d;
    jue_diags_init(&d);
    jue_catalog *cat;
    jue_profile *prof;
    jue_rulepack *pack;
    jue_claim_checks *checks;
    if (jue_catalog_load(NULL, &cat, &d) || jue_profile_load(NULL, &prof, &d) ||
        jue_rules_load_profile(NULL, &pack, &d) || jue_claim_checks_load(NULL, &checks, &d)) {
        fprintf(stderr, "bench_text: cannot load data\n");
        return 2;
    }
    size_t findings = 0;
    double t0 = now(), t_import = 0;
    for (int i = 0; i < n; i++) {
        double a = now();
        jue_disclosure *disc = NULL;
        if (jue_import_file(path, JUE_IN_AUTO, cat, prof, &disc, &d) != JUE_OK) {
            fprintf(stderr, "bench_text: %s did not import\n", path);
            return 2;
        }
        t_import += now() - a;
        jue_findings f;
        jue_findings_init(&f);
        jue_audit(disc, cat, pack, &f);
        jue_claims_audit(disc, cat, checks, &f);
        findings = f.len;
        jue_findings_free(&f);
        jue_disclosure_free(disc);
        jue_diags_free(&d);
    }
    double t = now() - t0;
    printf("bench_text: %d full audits of %s (%zu findings each)\n", n, path, findings);
    printf("  %.1f documents/s (import %.2f ms, rules+claims %.2f ms per document; target ≥ 500/s)\n", n / t,
           1000 * t_import / n, 1000 * (t - t_import) / n);
    jue_claim_checks_free(checks);
    jue_rulepack_free(pack);
    jue_profile_free(prof);
    jue_catalog_free(cat);
    return 0;
}
