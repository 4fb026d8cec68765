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
    /* rounds of n/5 documents: the mean over all, and the best and median
     * round — on a shared machine the mean also counts time the machine
     * spent on others, the best round is what the code costs */
    enum { ROUNDS = 5 };
    size_t findings = 0;
    int per = n / ROUNDS > 0 ? n / ROUNDS : 1;
    double rate[ROUNDS], t_all = 0, t_import = 0;
    for (int round = 0; round < ROUNDS; round++) {
        double t0 = now();
        for (int i = 0; i < per; i++) {
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
        t_all += t;
        rate[round] = per / t;
    }
    for (int i = 1; i < ROUNDS; i++)   /* sort the rounds' rates */
        for (int j = i; j > 0 && rate[j] < rate[j - 1]; j--) {
            double x = rate[j];
            rate[j] = rate[j - 1];
            rate[j - 1] = x;
        }
    int total = per * ROUNDS;
    printf("bench_text: %d full audits of %s (%zu findings each)\n", total, path, findings);
    printf("  %.1f documents/s over all (import %.2f ms, rules+claims %.2f ms per document; target ≥ 500/s)\n",
           total / t_all, 1000 * t_import / total, 1000 * (t_all - t_import) / total);
    printf("  rounds of %d: best %.1f/s, median %.1f/s, worst %.1f/s\n", per, rate[ROUNDS - 1], rate[ROUNDS / 2],
           rate[0]);
    jue_claim_checks_free(checks);
    jue_rulepack_free(pack);
    jue_profile_free(prof);
    jue_catalog_free(cat);
    return 0;
}
