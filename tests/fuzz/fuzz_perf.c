/* Fuzz target: the perf.yaml loader, and the audit of published 绩效自评
 * (自评表, 综述 and summary sentences read from text). Whatever the input,
 * the loader must report mistakes as diagnostics and never crash or leak; a
 * file that loads is also scored and rendered (forms, summary, 综述), so
 * odd but valid sets exercise the scoring and the outputs. The same bytes
 * are then audited as a published text document. */
#include <juesuan/perf.h>

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    jue_diags d;
    jue_diags_init(&d);
    jue_perf_set *s = NULL;
    if (jue_perf_parse("perf.yaml", (const char *)data, size, &s, &d) == JUE_OK) {
        jue_perf_profile p;
        jue_perf_profile_national(&p);
        if (jue_perf_score(s, &p) == JUE_OK) {
            jue_buf b;
            jue_buf_init(&b);
            jue_perf_html(s, &b);
            jue_perf_markdown(s, &b);
            jue_perf_summary(s, &b);
            for (size_t i = 0; i < s->n; i++) jue_perf_overview(s, i, &b);
            jue_buf_free(&b);
        }
    }
    jue_perf_set_free(s);
    jue_diags_free(&d);
    jue_findings f;
    jue_findings_init(&f);
    jue_perf_audit_buffer((const char *)data, size, "fuzz.txt", NULL, NULL, NULL, &f);
    jue_findings_free(&f);
    return 0;
}
