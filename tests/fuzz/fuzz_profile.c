/* Fuzz target: the profile loader (data/profiles/NAME.yaml). Whatever the
 * input, mistakes must come back as diagnostics, never a crash or a leak; a
 * profile that loads is asked for everything a build uses (numbers, labels,
 * empty-table notes, data file names, the 概况 sections). */
#include <juesuan/profile.h>

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    jue_diags d;
    jue_diags_init(&d);
    jue_profile *p = NULL;
    if (jue_profile_parse("fuzz.yaml", (const char *)data, size, &p, &d) == JUE_OK) {
        char b[64];
        for (int t = 0; t < JUE_NTABLES; t++) {
            (void)jue_profile_table_number(p, (jue_table_id)t);
            (void)jue_profile_table_label(p, (jue_table_id)t, b, sizeof b);
            free(jue_profile_empty_note(p, (jue_table_id)t, "测试局", 2024));
        }
        (void)jue_profile_notes(p);
        (void)jue_profile_glossary(p);
        (void)jue_profile_appendix(p);
        const char *const *codes;
        (void)jue_profile_t01_classes(p, &codes);
        const jue_overview_section *ov;
        size_t n = jue_profile_overview(p, &ov);
        for (size_t i = 0; i < n; i++)
            if (!ov[i].title) abort();
    }
    jue_profile_free(p);
    jue_diags_free(&d);
    return 0;
}
