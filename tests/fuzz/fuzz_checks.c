/* Fuzz target for the check settings a profile may ship: the input becomes
 * a claims.yaml (severities, required sections), a perf checks file and a
 * claims lexicon (subjects, facts, partitions) in a fresh temporary
 * directory, each loaded and freed. Mistakes must come back
 * as diagnostics, never a crash. Built as a libFuzzer target, or linked with
 * replay.c to run a corpus as a regression test. */
#include <juesuan/claims.h>
#include <juesuan/claims_audit.h>
#include <juesuan/perf.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *tmp = getenv("TMPDIR");
    char dir[256], path[300];
    snprintf(dir, sizeof dir, "%s/jue-fuzz-chk-XXXXXX", tmp && strlen(tmp) < 200 ? tmp : "/tmp");
    if (!mkdtemp(dir)) return 0;
    snprintf(path, sizeof path, "%s/checks.yaml", dir);
    FILE *f = fopen(path, "wb");
    if (f) {
        size_t w = size ? fwrite(data, 1, size, f) : 0;
        if (fclose(f) == 0 && w == size) {
            jue_diags d;
            jue_diags_init(&d);
            jue_claim_checks *cc = NULL;
            if (jue_claim_checks_load(path, &cc, &d) == JUE_OK) jue_claim_checks_free(cc);
            jue_perf_checks *pc = NULL;
            if (jue_perf_checks_load(path, &pc, &d) == JUE_OK) jue_perf_checks_free(pc);
            jue_lexicon *lx = NULL;
            if (jue_lexicon_load(path, &lx, &d) == JUE_OK) jue_lexicon_free(lx);
            jue_diags_free(&d);
        }
        unlink(path);
    }
    rmdir(dir);
    return 0;
}
