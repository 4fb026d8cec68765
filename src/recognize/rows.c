/* Pending rows: what a body parser collects (key, name, level, side, the
 * cells of its figures), then put into the model table in one go. */
#include "recognize/recognize.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

prow *jue_rec_prow_add(rc *c, prows *P)
{
    if (P->n == P->cap) {
        size_t nc = P->cap ? P->cap * 2 : 128;   /* most tables: no realloc (each copied the rows, 312 bytes each) */
        prow *nr = realloc(P->r, nc * sizeof *nr);
        if (!nr) { c->nomem = true; return NULL; }
        P->r = nr;
        P->cap = nc;
    }
    prow *p = &P->r[P->n];
    /* every field but the figures (256 bytes), read only up to nv */
    memset(p, 0, offsetof(prow, v));
    p->nv = 0;
    p->order = (int)P->n;
    P->n++;
    return p;
}

void jue_rec_prows_free(prows *P)
{
    for (size_t i = 0; i < P->n; i++) {
        jue_rec_prow_drop(P, P->r[i].key);
        jue_rec_prow_drop(P, P->r[i].name);
    }
    free(P->r);
    jue_blocks_free(&P->strs);
}

/* A table's keys and names take some 4 KiB: one block, a few for a long
 * table (a malloc and a free a string before). */
char *jue_rec_prow_str(prows *P, const char *s)
{
    size_t n = strlen(s) + 1;
    char *t = jue_block_take(&P->strs, n, 4096, 65536);
    if (t) memcpy(t, s, n);
    return t;
}

char *jue_rec_prow_name(prows *P, const char *s)
{
    char f[MAXK], *heap;
    const char *nm = jue_rec_name_on(s, f, &heap);
    return heap ? heap : nm ? jue_rec_prow_str(P, nm) : NULL;
}

void jue_rec_prow_drop(const prows *P, char *s)
{
    if (s && !jue_block_holds(P->strs, s)) free(s);
}

void jue_rec_pval_add(prow *p, const jue_gcell *g, int col, int line)
{
    if (p->nv < 16 && col >= 0) p->v[p->nv++] = (pval){ g, col, line };
}

static void diag_cell(tctx *t, const jue_gcell *g, int line, jue_severity sev, const char *fmt,
                      const char *a1, const char *a2)
{
    char where[160] = "";
    if (t->g->name && g) {
        char ref[16];
        int col = g->col, k = 0;
        char tmp[8];
        do { tmp[k++] = (char)('A' + col % 26); col = col / 26 - 1; } while (col >= 0 && k < 7);
        for (int i = 0; i < k; i++) ref[i] = tmp[k - 1 - i];
        ref[k] = '\0';
        snprintf(where, sizeof where, "工作表“%s”单元格%s%d：", t->g->name, ref, line);
    }
    jue_diag_add(t->c->diags, sev, t->c->doc->file, line, g ? (t->g->name ? g->col + 1 : g->pos) : 0,
                 "%s%s：%s%s%s", where, jue_table_label(t->id), fmt, a1 ? a1 : "", a2 ? a2 : "");
}

/* Whether s holds a Chinese character (a name or a heading, not a figure
 * with a slip in it). */
static bool words(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0xE4 && (unsigned char)*s <= 0xE9) return true;
    return false;
}

static void set_amount(tctx *t, jue_table *tab, int r, const pval *v)
{
    jue_cell *cell = jue_table_cell(tab, (size_t)r, (size_t)v->col);
    cell->src_line = v->line;
    memcpy(cell->box, v->cell->box, sizeof cell->box);
    const char *s = v->cell->text;
    if (jue_rec_cell_dashes(v->cell)) { cell->present = false; return; }
    jue_amount a;
    jue_status st = jue_rec_cell_parse(t->c->doc, v->cell, t->unit, &a);
    if (st) {
        diag_cell(t, v->cell, v->line, JUE_SEV_WARNING, "金额“", s, "”无法识别");
        cell->present = false;
        t->c->wordy[t->id] |= words(s);
        t->c->badfig[t->id] |= !words(s);
        return;
    }
    if (a.blank) { cell->present = false; return; }
    int dec = a.decimals + 6 - jue_unit_places(a.unit);
    jue_cell_set_printed(cell, a.value, dec < 0 ? 0 : dec);
    cell->iv = a.iv;
    cell->src_line = v->line;
}

/* A 类 line of 01/04 printed blank whose 类 the year's catalog no longer
 * has ("二十四、抗疫特别国债安排的支出" on a 2025 form): a line the form
 * keeps, not a classification the department chose. It gets no row (no
 * code to check), with a warning. */
static bool lapsed_form_line(tctx *t, const prow *p)
{
    rc *c = t->c;
    int y = c->d->year;
    if ((t->id != JUE_T01 && t->id != JUE_T04) || p->level != JUE_LEVEL_LEI || !c->cat || y < c->cat_from ||
        y > c->cat_to || !p->key)
        return false;
    for (int k = 0; k < p->nv; k++)
        if (!jue_rec_cell_dashes(p->v[k].cell)) return false;
    if (jue_catalog_name(c->cat, JUE_CAT_FUNCTIONAL, p->key, y)) return false;
    jue_diag_add(c->diags, JUE_SEV_WARNING, c->doc->file, p->src_line, 0,
                 "%s：“%s”一行没有数字，其科目 %s 不在%d年政府收支分类科目中，是表样保留的行，不作科目核对",
                 jue_table_label(t->id), p->name ? p->name : p->key, p->key, y);
    return true;
}

void jue_rec_emit(tctx *t, jue_table *tab, prows *P)
{
    /* room for every row at once (the table doubled and copied from 16
     * rows before); when there is none, jue_table_add_row finds out */
    (void)jue_table_reserve(tab, tab->nrows + P->n);
    for (size_t i = 0; i < P->n; i++) {
        prow *p = &P->r[i];
        if (lapsed_form_line(t, p)) continue;
        int r = jue_table_add_row(tab, p->key, p->name, p->level, p->side, p->total);
        if (r < 0) { t->c->nomem = true; return; }
        tab->rows[r].line_no = p->line_no;
        tab->rows[r].src_line = p->src_line;
        tab->rows[r].src_page = p->page;
        for (int k = 0; k < p->nv; k++) set_amount(t, tab, r, &p->v[k]);
    }
    /* a blank cell still has a location: its row */
    for (size_t i = 0; i < tab->nrows; i++)
        for (size_t k = 0; k < tab->ncols; k++)
            if (!jue_table_cell(tab, i, k)->src_line) jue_table_cell(tab, i, k)->src_line = tab->rows[i].src_line;
}
