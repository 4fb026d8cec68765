/* The facts claims name ("T05/合计/基本支出") and the intervals of printed
 * percentages, shared by the checks of one document and across years. */
#include <stdio.h>
#include <string.h>

#include "claims_internal.h"

bool jue_fact_ref(const jue_disclosure *d, const char *fact, int *table, int *row, int *col)
{
    *table = *row = *col = -1;
    if (!fact || strlen(fact) < 4 || fact[0] != 'T' || fact[3] != '/') return false;
    int t = (fact[1] - '0') * 10 + (fact[2] - '0') - 1;
    if (t < 0 || t >= JUE_NTABLES) return false;
    *table = t;
    const jue_table *tab = d->tables[t];
    const char *r = fact + 4, *slash = strchr(r, '/');
    if (!tab || !slash) return false;
    char key[128];
    snprintf(key, sizeof key, "%.*s", (int)(slash - r), r);
    *row = jue_table_find_row(tab, key, JUE_SIDE_NONE);
    *col = jue_table_find_col(tab, slash + 1);
    return *row >= 0 && *col >= 0;
}

jue_interval jue_claim_pct_iv(const jue_claim *c)
{
    jue_interval iv = c->iv;
    int64_t half = iv.hi - c->value;
    iv.hi += half;
    return iv;
}
