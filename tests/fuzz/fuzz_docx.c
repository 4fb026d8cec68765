/* Fuzz target for the DOCX door: any bytes, read as a Word document, must give
 * a status and diagnostics, never a crash, a leak or UB. The grid must be
 * well-formed (dense cells, text never NULL, lines known) and so must every
 * table the recognizer makes of it. Builds with libFuzzer or with replay.c. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <juesuan/import.h>

#include "import/doors/flow.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                   \
    do {                                                                              \
        if (!(cond)) {                                                                \
            fprintf(stderr, "fuzz_docx: check failed at line %d: %s\n", __LINE__, #cond); \
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
    jue_idoc *doc = jue_idoc_new("fuzz.docx", JUE_IN_DOCX);
    jue_disclosure *d = jue_disclosure_new();
    if (!doc || !d) abort();
    jue_status st = jue_docx_read((const char *)data, size, doc, &dg);
    if (st == JUE_OK) {
        CHECK(doc->n == 1 && doc->grids[0].merges);
        for (size_t i = 0; i < doc->grids[0].n; i++) {
            const jue_grow *r = &doc->grids[0].rows[i];
            CHECK(r->line > 0 && (i == 0 || r->line > doc->grids[0].rows[i - 1].line));
            for (size_t c = 0; c < r->n; c++) CHECK(r->cells[c].text != NULL && r->cells[c].col == (int)c);
        }
        st = jue_recognize(doc, cat, prof, NULL, d, &dg);
        CHECK(st == JUE_OK || st == JUE_ERR_NOMEM);
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
        CHECK(dg.errors > 0 || st == JUE_ERR_NOMEM);
    }
    for (size_t i = 0; i < dg.len; i++) CHECK(dg.items[i].file && dg.items[i].message);
    jue_disclosure_free(d);
    jue_idoc_free(doc);
    jue_diags_free(&dg);
    return 0;
}
