/* Fuzz target: claim extraction from arbitrary note text. Invariants: every
 * claim has a location inside the input, an amount's interval contains its
 * value, and nothing crashes or leaks. */
#include <juesuan/claims.h>

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static jue_catalog *cat;
static jue_lexicon *lx;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!cat) {
        jue_diags d;
        jue_diags_init(&d);
        if (jue_catalog_load(NULL, &cat, &d) != JUE_OK || jue_lexicon_load(NULL, &lx, &d) != JUE_OK) abort();
        jue_diags_free(&d);
    }
    jue_claims c;
    jue_claims_init(&c);
    if (jue_claims_extract((const char *)data, size, 1, lx, cat, 2024, &c) != JUE_OK) abort();
    int lines = 1;
    for (size_t i = 0; i < size; i++) lines += data[i] == '\n';
    for (size_t i = 0; i < c.len; i++) {
        const jue_claim *x = &c.items[i];
        if (x->line < 1 || x->line > lines || x->col < 1) abort();
        if (x->role != JUE_ROLE_MALFORMED && x->role != JUE_ROLE_DATE && x->role != JUE_ROLE_COUNT &&
            !(x->role == JUE_ROLE_CHANGE && !x->printed[0]) && (x->iv.lo > x->value || x->iv.hi < x->value) &&
            x->printed && x->printed[0] >= '0' && x->printed[0] <= '9')
            abort();
        if (x->parent >= (int)c.len) abort();
    }
    jue_claims_free(&c);
    return 0;
}
