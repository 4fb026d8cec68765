/* Code tables printed with single spaces (`pdftotext -raw`, most PDF-to-text
 * libraries, a copy from a PDF viewer): a row is "code name figure…" or
 * "name figure…", with nothing where a cell is blank. The figure columns
 * come from the header by count and order (its words, joined where a heading
 * wraps, matched to the table's columns; the 栏次 row counts them); each
 * row's figures go into those columns in order, and a row with fewer figures
 * than columns is placed later by its sums (jue_rec_place_packed). A page
 * break inside the table repeats the header ("续表", the heading words, 栏次):
 * those lines are passed over. */
#include "recognize/recognize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A line of figures only, split on single spaces. */
static bool figures_line(const jue_grow *r)
{
    if (!r->packed || !r->n) return false;
    for (size_t k = 0; k < r->n; k++)
        if (r->cells[k].text[0] && !jue_rec_cell_amount(&r->cells[k]) && !jue_rec_cell_dashes(&r->cells[k])) return false;
    return true;
}

size_t jue_rec_stacked_row(const jue_grid *g, size_t i, size_t end)
{
    const jue_grow *r = &g->rows[i];
    const char *s = jue_rec_single_text(r);
    if (r->packed || !s || !jue_rec_code_row(r) || !jue_rec_digits(s)) return 0;
    for (size_t k = i + 1; k < end && k < g->n && k <= i + 5; k++) {
        const jue_grow *x = &g->rows[k];
        if (figures_line(x)) return k > i + 1 ? k : 0;
        const char *w = jue_rec_single_text(x);
        if (!w || x->packed || jue_rec_code_row(x)) return 0;
        for (; *w; w++)
            if (*w >= '0' && *w <= '9') return 0;
    }
    return 0;
}

bool jue_rec_mostly_packed(const tctx *t)
{
    int packed = 0, filled = 0;
    for (size_t i = t->body; i < t->end; i++) {
        packed += t->g->rows[i].packed;
        filled += jue_grow_filled(&t->g->rows[i]) > 0;
    }
    return packed && packed * 2 >= filled;
}

bool jue_rec_packed_body(const tctx *t)
{
    /* rows of code, name and figures on one line; a copy that breaks rows
     * over lines (figures alone on a line, a code without its figures) is
     * read as before — but for a code, its name and its figures each on
     * lines of their own, one row stacked (packed_row joins them) */
    int rows = 0, odd = 0;
    for (size_t i = t->body; i < t->end && i < t->g->n; i++) {
        const jue_grow *r = &t->g->rows[i];
        size_t k = jue_rec_stacked_row(t->g, i, t->end);
        if (k) { rows++; i = k; continue; }
        bool code = jue_rec_code_row(r);
        /* a code and the start of its name, the rest with the figures
         * on the next line, is one row wrapped */
        const jue_grow *nx = i + 1 < t->end ? &t->g->rows[i + 1] : NULL;
        if (!r->packed && code && nx && nx->packed && !jue_rec_code_row(nx)) { rows++; i++; continue; }
        rows += r->packed && code;
        odd += (r->packed && !code) || (!r->packed && code);
        /* a name printed above its code (the code set in the middle of a
         * name over three lines) is a shape of its own */
        odd += !r->packed && !code && jue_grow_filled(r) == 1 && nx && nx->packed && jue_rec_code_row(nx);
    }
    return rows >= 2 && odd * 4 <= rows;
}

/* The words of row r (cells split on spaces) appended to w (at most max). */
void jue_rec_row_words(const jue_grow *r, char (*w)[MAXK], int *n, int max)
{
    for (size_t k = 0; k < r->n; k++) {
        const char *s = r->cells[k].text;
        while (*s && *n < max) {
            while (*s == ' ') s++;
            const char *e = s;
            while (*e && *e != ' ') e++;
            if (e > s) {
                size_t len = (size_t)(e - s) < MAXK - 1 ? (size_t)(e - s) : MAXK - 1;
                memcpy(w[*n], s, len);
                w[*n][len] = '\0';
                (*n)++;
            }
            s = e;
        }
    }
}

/* The number of columns a 栏次 row counts ("栏次 1 2 3 4 5 6 7"), or 0. */
int jue_rec_lanci_count(const jue_grow *r)
{
    if (!jue_rec_lanci(r)) return 0;
    int n = 0;
    for (size_t k = 0; k < r->n; k++) n += jue_rec_digits(r->cells[k].text);
    return n;
}

#define MAX_WORDS 96

/* The model columns the header words name, in reading order: at each word
 * the longest run of up to four words (a heading wrapped: "附属单" "位上"
 * "缴收入") that is a column's name or alias. */
static int header_order(tctx *t, const jue_table *tab, char (*w)[MAXK], int nw, int *out)
{
    int n = 0;
    for (int i = 0; i < nw && n < REC_MAX_PCOLS;) {
        int took = 0;
        for (int len = 4; len >= 1 && !took; len--) {
            if (i + len > nw) continue;
            char joined[4 * MAXK], kb[MAXK];
            joined[0] = '\0';   /* not the whole array cleared: strncat reads up to its NUL */
            for (int k = 0; k < len; k++) strncat(joined, w[i + k], sizeof joined - strlen(joined) - 1);
            int m = jue_rec_col_named(t, tab, jue_rec_key_of(joined, kb), 0);
            bool dup = false;
            for (int k = 0; k < n; k++) dup |= out[k] == m;
            if (m >= 0 && !dup) { out[n++] = m; took = len; }
        }
        i += took ? took : 1;
    }
    return n;
}

void jue_rec_packed_columns(tctx *t, const jue_table *tab)
{
    rc *c = t->c;
    if (c->npcols[t->id]) return;   /* a continuation keeps the first reading */
    static _Thread_local char w[MAX_WORDS][MAXK];   /* 48 KiB: off the stack, one per thread */
    int nw = 0, lanci = 0;
    for (size_t i = t->a; i < t->body && i < t->g->n; i++) {
        const jue_grow *r = &t->g->rows[i];
        if (jue_rec_meta(r, NULL, NULL)) continue;
        int k = jue_rec_lanci_count(r);
        if (k) { lanci = k; continue; }
        jue_rec_row_words(r, w, &nw, MAX_WORDS);
    }
    int order[REC_MAX_PCOLS];
    int n = header_order(t, tab, w, nw, order);
    /* a two-level header comes line by line ("本年支出" / "年末结转和结余" /
     * "小计 基本支出 项目支出"): the words say which columns are printed,
     * the table's own order where they stand */
    for (int i = 1; i < n; i++)
        for (int k = i; k > 0 && order[k - 1] > order[k]; k--) {
            int x = order[k];
            order[k] = order[k - 1];
            order[k - 1] = x;
        }
    if (n && (!lanci || lanci == n)) {
        memcpy(c->pcols[t->id], order, (size_t)n * sizeof *order);
        c->npcols[t->id] = n;
        return;
    }
    n = lanci ? lanci : (int)tab->ncols;
    if (n > (int)tab->ncols) n = (int)tab->ncols;
    if (n > REC_MAX_PCOLS) n = REC_MAX_PCOLS;
    for (int k = 0; k < n; k++) c->pcols[t->id][k] = k;
    c->npcols[t->id] = n;
    jue_diag_add(c->diags, JUE_SEV_WARNING, c->doc->file, t->body < t->g->n ? t->g->rows[t->body].line : 0, 0,
                 "%s：没有认出表头，各列按全国统一格式的顺序读取", jue_table_label(t->id));
}

/* A figure cell of a packed row: an amount or a dash placeholder. */
static bool figure_cell(const jue_gcell *g)
{
    return g->text[0] && (jue_rec_cell_amount(g) || jue_rec_cell_dashes(g));
}

static bool all_digits_n(const char *s, size_t n)
{
    if (strlen(s) != n) return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9') return false;
    return true;
}

void jue_rec_packed_split(const jue_grow *r, char code[16], char **name, size_t *first_fig)
{
    size_t f = r->n;
    while (f > 0 && figure_cell(&r->cells[f - 1])) f--;
    *first_fig = f;
    static _Thread_local char w[MAX_WORDS][MAXK];   /* 48 KiB: off the stack, one per thread */
    int nw = 0;
    jue_grow head = *r;
    head.n = f;
    jue_rec_row_words(&head, w, &nw, MAX_WORDS);
    int at = 0;
    code[0] = '\0';
    if (nw > 0 && (all_digits_n(w[0], 3) || all_digits_n(w[0], 5) || all_digits_n(w[0], 7))) {
        memcpy(code, w[0], strlen(w[0]) + 1);
        at = 1;
        /* a code printed in parts before its name: "201 06 01 行政运行" */
        for (int part = 0; part < 2 && strlen(code) == 3 + 2 * (size_t)part && at < nw - 1 && all_digits_n(w[at], 2);
             part++)
            strncat(code, w[at++], 16 - strlen(code) - 1);
    }
    char joined[4 * MAXK];
    joined[0] = '\0';
    for (int k = at; k < nw; k++) strncat(joined, w[k], sizeof joined - strlen(joined) - 1);
    *name = jue_rec_name(joined);
}

/* A page break inside a packed table: page furniture, "续表", the heading
 * words printed again (short lines of words), the 栏次 row. */
static bool repeat_line(tctx *t, size_t k, bool *strong)
{
    const jue_grow *r = &t->g->rows[k];
    if (jue_rec_lanci(r) || jue_rec_meta(r, NULL, NULL)) { *strong = true; return true; }
    const char *s = jue_rec_single_text(r);
    if (!s) return false;
    char f[MAXK];
    jue_rec_key(s, f);
    if (!strcmp(f, "续表") || jue_rec_furniture(t, k)) { *strong = true; return true; }
    if (strlen(s) > 120 || strstr(s, "。") || strstr(s, "，") || jue_rec_note_text(s)) return false;
    for (const char *p = s; *p; p++)
        if (*p >= '0' && *p <= '9') return false;
    return true;
}

size_t jue_rec_packed_gap(tctx *t, size_t i)
{
    if (t->id == JUE_T01 || t->id == JUE_T04 || t->id == JUE_T06 || t->id == JUE_T09) return i;
    bool strong = false;
    int seen = 0;
    for (size_t k = i; k < t->b && seen < 16; k++) {
        const jue_grow *r = &t->g->rows[k];
        if (!jue_grow_filled(r)) continue;
        seen++;
        if (r->packed && jue_rec_code_row(r)) return strong && k > i ? k : i;
        bool cont;
        if (jue_rec_title_of(t->c, r, &cont) >= 0) return i;
        if (!repeat_line(t, k, &strong)) return i;
    }
    return i;
}
