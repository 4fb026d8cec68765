/* The table facts claims name ("T05/合计/基本支出": table, row key, column)
 * and the intervals of printed percentages, shared by the checks of one
 * document and across years. */
#include <stdio.h>
#include <string.h>

#include "claims_internal.h"

bool jue_fact_parse(const char *s, size_t n, jue_fact *out)
{
    memset(out, 0, sizeof *out);
    if (n < 4 || s[0] != 'T' || s[1] != '0' || s[2] < '1' || s[2] > '9' || s[3] != '/') return false;
    const char *row = s + 4, *end = s + n;
    const char *slash = memchr(row, '/', (size_t)(end - row));
    if (!slash || slash == row || (size_t)(slash - row) >= sizeof out->row) return false;
    jue_col_id col;
    if (!jue_col_parse(slash + 1, (size_t)(end - slash - 1), &col)) return false;
    out->table = s[2] - '0';
    out->col = col;
    memcpy(out->row, row, (size_t)(slash - row));
    return true;
}

void jue_fact_format(const jue_fact *f, bool cell_only, char *buf, size_t n)
{
    if (!jue_fact_on(f)) { snprintf(buf, n, "%s", ""); return; }
    if (cell_only) snprintf(buf, n, "%s/%s", f->row, jue_col_key(f->col));
    else snprintf(buf, n, "T%02d/%s/%s", f->table, f->row, jue_col_key(f->col));
}

jue_fact jue_fact_make(int t, const char *row, jue_col_id col)
{
    jue_fact f = { .table = t + 1, .col = col };
    jue_str_put(f.row, f.row + sizeof f.row, row, SIZE_MAX);
    return f;
}

bool jue_fact_same(const jue_fact *a, const jue_fact *b)
{
    if (!jue_fact_on(a) || !jue_fact_on(b)) return jue_fact_on(a) == jue_fact_on(b);
    return a->table == b->table && a->col == b->col && !strcmp(a->row, b->row);
}

bool jue_fact_ref(const jue_disclosure *d, const jue_fact *fact, int *table, int *row, int *col)
{
    *table = *row = *col = -1;
    if (!jue_fact_on(fact)) return false;
    int t = jue_fact_table(fact);
    *table = t;
    const jue_table *tab = d->tables[t];
    if (!tab) return false;
    *row = jue_table_find_row(tab, fact->row, JUE_SIDE_NONE);
    *col = jue_table_find_col(tab, jue_col_key(fact->col));
    return *row >= 0 && *col >= 0;
}

jue_interval jue_claim_pct_iv(const jue_claim *c)
{
    jue_interval iv = c->iv;
    int64_t half = iv.hi - c->value;
    iv.hi += half;
    return iv;
}
