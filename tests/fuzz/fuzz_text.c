/* Fuzz target for the text importer: any bytes, read as a plain-text disclosure,
 * must give a status and diagnostics, never a crash, a leak or UB. Every
 * table produced must be well-formed (cells of every row, keys set).
 * Builds with libFuzzer or with replay.c. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <juesuan/import.h>

#include "import/import_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                   \
    do {                                                                              \
        if (!(cond)) {                                                                \
            fprintf(stderr, "fuzz_text: check failed at line %d: %s\n", __LINE__, #cond); \
            abort();                                                                  \
        }                                                                             \
    } while (0)

static jue_catalog *cat;
static jue_profile *prof;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    jue_diags dg;
    jue_diags_init(&dg);
    if (!cat) {
        /* catalog and profile once, from JUESUAN_DATA or the source tree */
        if (jue_catalog_load(NULL, &cat, &dg) != JUE_OK || jue_profile_load(NULL, &prof, &dg) != JUE_OK) abort();
        jue_diags_free(&dg);
    }
    jue_disclosure *d = NULL;
    jue_status st = jue_import_buffer((const char *)data, size, "fuzz.text", JUE_IN_TEXT, cat, prof,
                                      &d, NULL, &dg);
    if (st == JUE_OK) {
        CHECK(d != NULL);
        for (int t = 0; t < JUE_NTABLES; t++) {
            const jue_table *tab = d->tables[t];
            if (!tab) continue;
            CHECK(tab->id == (jue_table_id)t && tab->ncols > 0);
            for (size_t r = 0; r < tab->nrows; r++) {
                CHECK(tab->rows[r].key != NULL && tab->rows[r].name != NULL);
                for (size_t c = 0; c < tab->ncols; c++) {
                    const jue_cell *cell = jue_table_cell_c(tab, r, c);
                    if (cell->present) CHECK(cell->iv.lo <= cell->printed && cell->printed <= cell->iv.hi);
                }
            }
        }
    } else {
        CHECK(d == NULL);
        CHECK(dg.len > 0 || st == JUE_ERR_NOMEM);
    }
    for (size_t i = 0; i < dg.len; i++) CHECK(dg.items[i].file && dg.items[i].message);
    jue_disclosure_free(d);
    jue_diags_free(&dg);
    return 0;
}
