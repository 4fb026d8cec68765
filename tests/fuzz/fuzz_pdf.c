/* Fuzz target for the PDF door: any bytes read as a PDF give a status and
 * diagnostics, never a crash, a leak or UB; a grid read is well-formed
 * (pages known and rising, cells dense by column). Recognition runs on it.
 * Builds with libFuzzer or with replay.c. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <juesuan/catalog.h>
#include <juesuan/import.h>
#include <juesuan/profile.h>

#include "import/doors/doors.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (!(cond)) {                                                               \
            fprintf(stderr, "fuzz_pdf: check failed at line %d: %s\n", __LINE__, #cond); \
            abort();                                                                 \
        }                                                                            \
    } while (0)

static jue_catalog *cat;
static jue_profile *prof;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    jue_diags dg;
    jue_diags_init(&dg);
    if (!cat) {
        if (jue_catalog_load(NULL, &cat, &dg) != JUE_OK || jue_profile_load(NULL, &prof, &dg) != JUE_OK) abort();
        jue_diags_free(&dg);
    }
    jue_idoc *doc = jue_idoc_new("fuzz.pdf", JUE_IN_PDF);
    CHECK(doc != NULL);
    jue_status st = jue_pdf_read((const char *)data, size, doc, &dg);
    if (st == JUE_OK) {
        int last = 1;
        for (size_t g = 0; g < doc->n; g++)
            for (size_t i = 0; i < doc->grids[g].n; i++) {
                const jue_grow *r = &doc->grids[g].rows[i];
                CHECK(r->page >= last && r->line > 0);
                last = r->page;
                for (size_t c = 0; c < r->n; c++) CHECK(r->cells[c].col == (int)c && r->cells[c].text);
            }
        jue_disclosure *d = jue_disclosure_new();
        CHECK(d != NULL);
        jue_recognize(doc, cat, prof, NULL, d, &dg);
        jue_disclosure_free(d);
    } else {
        CHECK(dg.len > 0 || st == JUE_ERR_NOMEM);
    }
    for (size_t i = 0; i < dg.len; i++) CHECK(dg.items[i].file && dg.items[i].message);
    jue_idoc_free(doc);
    jue_diags_free(&dg);
    return 0;
}
