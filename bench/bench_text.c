/* make bench: the 醴陵 text audited again and again in one process, as
 * `juesuan audit` audits each document (jue_audit_document: the import, the
 * table rules, the claim checks, the 绩效自评 checks); prints documents per
 * second of CPU time (per core) beside the target, and of wall time. */
#include <juesuan/auditor.h>

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#define TARGET 2000.0   /* documents/s per core (issue 13) */

static double clock_of(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One audit; the number of findings, or -1 when the document did not read. */
static long audit_once(const jue_auditor *a, const char *path)
{
    jue_diags d;
    jue_diags_init(&d);
    jue_findings f;
    jue_findings_init(&f);
    jue_disclosure *disc = NULL;
    long n = jue_audit_document(a, path, &disc, NULL, &f, &d) == JUE_OK ? (long)f.len : -1;
    jue_findings_free(&f);
    jue_disclosure_free(disc);
    jue_diags_free(&d);
    return n;
}

static void sort(double *v, int n)
{
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && v[j] < v[j - 1]; j--) {
            double x = v[j];
            v[j] = v[j - 1];
            v[j - 1] = x;
        }
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : JUE_SHARED_DIR "/fixtures/real/liling-medical-security-2022.txt";
    int n = argc > 2 ? atoi(argv[2]) : 1000;
    jue_diags d;
    jue_diags_init(&d);
    jue_auditor *a = NULL;
    if (jue_auditor_new(NULL, NULL, &a, &d) != JUE_OK) {
        fprintf(stderr, "bench_text: cannot load data\n");
        return 2;
    }
    jue_diags_free(&d);
    long findings = audit_once(a, path);   /* warm: the lexicon is read at the first import */
    if (findings < 0) {
        fprintf(stderr, "bench_text: %s did not import\n", path);
        return 2;
    }
    /* rounds of n/5 documents: on a shared machine a round's wall time also
     * counts waiting for a core, its CPU time does not */
    enum { ROUNDS = 5 };
    int per = n / ROUNDS > 0 ? n / ROUNDS : 1;
    double cpu[ROUNDS], wall[ROUNDS], cpu_all = 0;
    for (int round = 0; round < ROUNDS; round++) {
        double c0 = clock_of(CLOCK_PROCESS_CPUTIME_ID), w0 = clock_of(CLOCK_MONOTONIC);
        for (int i = 0; i < per; i++) audit_once(a, path);
        double c = clock_of(CLOCK_PROCESS_CPUTIME_ID) - c0;
        cpu_all += c;
        cpu[round] = per / c;
        wall[round] = per / (clock_of(CLOCK_MONOTONIC) - w0);
    }
    sort(cpu, ROUNDS);
    sort(wall, ROUNDS);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    int total = per * ROUNDS;
    printf("bench_text: %d audits of %s (%ld findings each), as `juesuan audit` audits a document\n", total, path,
           findings);
    printf("  %.0f documents/s per core (CPU time, all rounds; %.3f ms a document); target ≥ %.0f/s: %.2f of it\n",
           total / cpu_all, 1000 * cpu_all / total, TARGET, total / cpu_all / TARGET);
    printf("  rounds of %d, CPU time: best %.0f/s, median %.0f/s; wall time: best %.0f/s, median %.0f/s; peak %.1f MiB\n",
           per, cpu[ROUNDS - 1], cpu[ROUNDS / 2], wall[ROUNDS - 1], wall[ROUNDS / 2], ru.ru_maxrss / 1024.0);
    jue_auditor_free(a);
    return 0;
}
