/* A column printed one row off: each figure of a run of rows sits in the row
 * below its own (a copy-paste that slipped a row). The row sums show it —
 * every row of the run fails its own row rule (Tnn.row-sum) — but a reviewer
 * needs to be told what happened, once: the column and the row it starts at.
 * It is reported only when the evidence is unambiguous: moving that column's
 * figures up one row makes at least two failing rows balance, and no other
 * column does. */
#include <juesuan/rules.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The rows of table t (indexes, ascending) whose row rule failed. */
static size_t failing_rows(const jue_table *tab, const jue_findings *f, const char *rule, int *rows, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < f->len && n < cap; i++) {
        const jue_finding *x = &f->items[i];
        if (x->severity != JUE_SEV_ERROR || !x->rule || strcmp(x->rule, rule) || !x->row) continue;
        int r = jue_table_find_row(tab, x->row, JUE_SIDE_NONE);
        bool seen = false;
        for (size_t k = 0; k < n && !seen; k++) seen = rows[k] == r;
        if (r >= 0 && !seen) rows[n++] = r;
    }
    for (size_t i = 1; i < n; i++)   /* insertion sort: a handful of rows */
        for (size_t k = i; k > 0 && rows[k - 1] > rows[k]; k--) {
            int s = rows[k];
            rows[k] = rows[k - 1];
            rows[k - 1] = s;
        }
    return n;
}

/* Whether rows [a, e) of column c balance their row rule once each takes the
 * figure printed in the row below it. The rules run on a copy of the table
 * alone (its cells copied, rows and columns shared). */
static bool balances_moved_up(const jue_disclosure *d, const jue_catalog *cat, const jue_rulepack *pack,
                              const jue_table *tab, const char *rule, size_t c, size_t a, size_t e, bool *nomem)
{
    for (size_t i = a; i < e; i++) {
        const jue_cell *x = jue_table_cell_c(tab, i, c), *y = jue_table_cell_c(tab, i + 1, c);
        if (!y->present || (x->present && x->printed == y->printed)) return false;
    }
    jue_table t = *tab;
    t.cells = malloc(tab->nrows * tab->ncols * sizeof *t.cells);
    if (!t.cells) { *nomem = true; return false; }
    memcpy(t.cells, tab->cells, tab->nrows * tab->ncols * sizeof *t.cells);
    for (size_t i = a; i < e; i++) *jue_table_cell(&t, i, c) = *jue_table_cell_c(tab, i + 1, c);
    jue_disclosure one = *d;
    memset(one.tables, 0, sizeof one.tables);
    memset(&one.claims, 0, sizeof one.claims);
    one.tables[tab->id] = &t;
    jue_findings f;
    jue_findings_init(&f);
    if (jue_audit(&one, cat, pack, &f) != JUE_OK) *nomem = true;
    int rows[64];
    size_t n = failing_rows(&t, &f, rule, rows, 64);
    bool ok = !*nomem;
    for (size_t k = 0; k < n && ok; k++) ok = rows[k] < (int)a || rows[k] >= (int)e;
    jue_findings_free(&f);
    free(t.cells);
    return ok;
}

static jue_status report(const jue_disclosure *d, const jue_table *tab, size_t c, size_t a,
                         size_t e, jue_findings *out)
{
    const jue_row *r0 = &tab->rows[a], *r1 = &tab->rows[e - 1];
    const jue_cell *cell = jue_table_cell_c(tab, a, c);
    char msg[768], exp[160];
    snprintf(msg, sizeof msg,
             "%s“%s”列自 %s %s 起下移了一行：%s 至 %s 各行应印的数字都印在了下一行（该列逐行上移一行后，这些行的行内合计即平衡）",
             jue_table_label(tab->id), tab->cols[c].key, r0->key, r0->name ? r0->name : "", r0->key, r1->key);
    snprintf(exp, sizeof exp, "%s 起逐行上移一行", r0->key);
    jue_finding f = { 0 };
    char id[32];
    snprintf(id, sizeof id, "T%02d.shifted-column", tab->id + 1);
    f.rule = id;
    f.severity = JUE_SEV_ERROR;
    f.message = msg;
    f.file = d->source;
    f.line = cell->src_line ? cell->src_line : r0->src_line;
    f.page = cell->src_page ? cell->src_page : r0->src_page;
    memcpy(f.box, cell->box, sizeof f.box);
    f.table = (int)tab->id;
    f.row = r0->key;
    f.column = tab->cols[c].key;
    f.expected = exp;
    f.actual = (char *)"下移一行";
    return jue_findings_add(out, &f);
}

/* The run of failing rows [a, b]: the longest shift [a, e) that one column
 * alone explains (e at most b + 1, at least two rows moved). */
static jue_status shift_run(const jue_disclosure *d, const jue_catalog *cat, const jue_rulepack *pack,
                            const jue_table *tab, const char *rule, size_t a, size_t b, int *budget,
                            jue_findings *out)
{
    bool nomem = false;
    size_t top = b + 1 < tab->nrows - 1 ? b + 1 : tab->nrows - 1;
    for (size_t e = top; e >= a + 2 && *budget > 0; e--) {
        int hit = -1, hits = 0;
        for (size_t c = 0; c < tab->ncols && hits < 2 && *budget > 0; c++) {
            (*budget)--;
            if (balances_moved_up(d, cat, pack, tab, rule, c, a, e, &nomem)) hit = (int)c, hits++;
            if (nomem) return JUE_ERR_NOMEM;
        }
        if (hits > 1) return JUE_OK;   /* more than one column would do: not unambiguous */
        if (hits == 1) return report(d, tab, (size_t)hit, a, e, out);
    }
    return JUE_OK;
}

jue_status jue_audit_shifted(const jue_disclosure *d, const jue_catalog *cat, const jue_rulepack *pack,
                             jue_findings *out, size_t first)
{
    int budget = 256;   /* rule runs on trial copies, per document */
    for (int t = 0; t < JUE_NTABLES; t++) {
        const jue_table *tab = d->tables[t];
        if (!tab || tab->nrows < 3) continue;
        char rule[32];
        snprintf(rule, sizeof rule, "T%02d.row-sum", t + 1);
        int rows[64];
        jue_findings mine = { out->items + first, out->len - first, out->len - first };
        size_t n = failing_rows(tab, &mine, rule, rows, 64);
        for (size_t i = 0, j; i < n; i = j + 1) {
            for (j = i; j + 1 < n && rows[j + 1] == rows[j] + 1;) j++;
            if (j == i) continue;
            jue_status st = shift_run(d, cat, pack, tab, rule, (size_t)rows[i], (size_t)rows[j], &budget, out);
            if (st != JUE_OK) return st;
        }
    }
    return JUE_OK;
}
