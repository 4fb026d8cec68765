/* Table 09 (三公): items across the page, 预算数 group then 决算数 group, or
 * a row per group, or one row per item down the page. */
#include "recognize/recognize.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const ITEMS9[] = { JUE_L9_TOTAL, JUE_L9_ABROAD, JUE_L9_CAR, JUE_L9_CAR_BUY,
                                      JUE_L9_CAR_RUN, JUE_L9_RECEPTION };

const char *jue_rec_09_group(const rc *c, const char *s)
{
    char b[MAXK];
    const alias *a = jue_rec_alias(c, 'g', JUE_T09, 0, jue_rec_key_of(s, b));
    return a ? a->canon : NULL;
}

const char *jue_rec_cell_09_group(const rc *c, const jue_gcell *g)
{
    char k[MAXK];
    const alias *a = jue_rec_alias(c, 'g', JUE_T09, 0, jue_rec_cell_key(c->doc, g, k));
    return a ? a->canon : NULL;
}

/* The 三公 item a row name stands for ("其中：公务用车购置费", "1.公务接待费"). */
static const alias *t09_item(const rc *c, const char *s)
{
    char fb[MAXK];
    const char *f = jue_rec_fold_of(s, fb);
    const char *p = f;
    if (!strncmp(p, "其中", 6)) {
        p += 6;
        if (!strncmp(p, "：", 3)) p += 3;
        else if (*p == ':') p++;
    }
    char b[MAXK];
    return jue_rec_alias(c, 'i', JUE_T09, 0, jue_rec_key_of(jue_imp_skip_ordinal(p), b));
}

/* 09 printed down the page (项目 | 预算数 | 决算数, a row per item): the
 * heading names the groups as columns and no item. */
static bool t09_vertical_of(const tctx *t)
{
    int groups = 0, items = 0;
    for (int h = 0; h < t->nhdr; h++) {
        const jue_grow *r = &t->g->rows[t->hdr[h]];
        for (size_t i = 0; i < r->n; i++) {
            if (!r->cells[i].text[0] || r->cells[i].copy) continue;
            if (jue_rec_cell_09_group(t->c, &r->cells[i])) groups++;
            else if (t09_item(t->c, r->cells[i].text)) items++;
        }
    }
    return groups >= 2 && !items;
}

/* t09_vertical_of, worked out again only when the heading rows are others */
static bool t09_vertical(tctx *t)
{
    size_t n = (size_t)t->nhdr;
    if (t->v09_known && t->v09_n == t->nhdr && !memcmp(t->v09_hdr, t->hdr, n * sizeof t->hdr[0])) return t->v09;
    t->v09 = t09_vertical_of(t);
    t->v09_known = true;
    t->v09_n = t->nhdr;
    memcpy(t->v09_hdr, t->hdr, n * sizeof t->hdr[0]);
    return t->v09;
}

bool jue_rec_09_row(tctx *t, const jue_grow *r)
{
    if (jue_rec_lanci(r)) return false;
    if (t09_vertical(t)) {
        /* an item and its figures */
        const char *name = NULL;
        for (size_t i = 0; i < r->n; i++) {
            const jue_gcell *g = &r->cells[i];
            if (!g->text[0] || g->copy) continue;
            if (!name) { name = g->text; continue; }
            if (!jue_rec_cell_amount(g) && !jue_rec_cell_dashes(g)) return false;
        }
        return name && t09_item(t->c, name);
    }
    bool first = true, any = false;
    for (size_t i = 0; i < r->n; i++) {
        const jue_gcell *g = &r->cells[i];
        if (!g->text[0] || g->copy) continue;
        if (first && jue_rec_cell_09_group(t->c, g)) {
            /* 预算数 | 0.6 | … (a row per group), not the 预算数 … 决算数 heading */
            for (size_t q = i + 1; q < r->n; q++)
                if (r->cells[q].text[0] && !r->cells[q].copy && !jue_rec_cell_amount(&r->cells[q]) &&
                    !jue_rec_cell_dashes(&r->cells[q]))
                    return false;
            return true;
        }
        first = false;
        if (!jue_rec_cell_amount(g) && !jue_rec_cell_dashes(g)) return false;
        any = true;
    }
    return any;
}

/* Width of a printed text on the half-em grid of cell.pos: a CJK or other
 * wide character two, ASCII one. */
static int text_width(const char *s)
{
    int w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x80) w++;
        else if ((*p & 0xC0) != 0x80) w += 2;
    return w;
}

/* What the columns of a 09 printed across the page hold. */
typedef struct {
    int ncol;                             /* printed columns read */
    const char *item[REC_MAX_COLS];       /* the item (canonical, or "小计"), or NULL */
    char *names[REC_MAX_COLS];            /* the item's printed name (owned), or NULL */
    const char *grp[REC_MAX_COLS];        /* the group (预算数, 决算数), or NULL */
} items09;

typedef struct {
    int a, b;           /* the 预算数 and 决算数 columns */
    double centre;
} pair09;

typedef struct {
    const char *canon;  /* the item, or "小计" */
    double cx;          /* the centre of its heading */
} head09;

/* Where a cell's text is centred, on the half-em grid of cell.pos. */
static double centre(const jue_gcell *g)
{
    return g->pos + text_width(g->text) / 2.0;
}

/* The header row (index into t->hdr) that holds only groups, four or more,
 * with their positions: the 预算数 | 决算数 pairs; -1 when none. */
static int pairs_row(tctx *t)
{
    for (int h = t->nhdr - 1; h >= 0; h--) {
        const jue_grow *r = &t->g->rows[t->hdr[h]];
        int n = 0, other = 0;
        for (size_t k = 0; k < r->n; k++) {
            const jue_gcell *g = &r->cells[k];
            if (!g->text[0] || g->copy) continue;
            if (jue_rec_cell_09_group(t->c, g) && g->pos > 0) n++;
            else other++;
        }
        if (n >= 4 && !other) return h;
    }
    return -1;
}

/* The 预算数 | 决算数 pairs of row gr, with their centres; how many. */
static int group_pairs(const rc *c, const jue_grow *gr, pair09 pairs[32])
{
    int np = 0, last = -1;
    for (size_t k = 0; k < gr->n && k < REC_MAX_COLS && np < 32; k++) {
        const jue_gcell *g = &gr->cells[k];
        if (!g->text[0] || g->copy) continue;
        const char *gn = jue_rec_cell_09_group(c, g);
        if (last >= 0 && !strcmp(jue_rec_cell_09_group(c, &gr->cells[last]), JUE_C_BUDGET) && !strcmp(gn, JUE_C_ACTUAL)) {
            const jue_gcell *f = &gr->cells[last];
            pairs[np].a = last;
            pairs[np].b = (int)k;
            pairs[np++].centre = (f->pos + text_width(f->text) / 2.0 + g->pos + text_width(g->text) / 2.0) / 2;
            last = -1;
        } else {
            last = (int)k;
        }
    }
    return np;
}

/* The item of heading g: by alias, or completed by a piece centred under
 * it in a row of [from, to) (a heading wrapped over two rows: "因公出国" /
 * "（境）费", maybe with a line of the other headings between them, each
 * centred in its band); "小计"; NULL for none. */
static const char *heading_of(const rc *c, const jue_gcell *g, const jue_grid *gr, size_t from, size_t to)
{
    char key[MAXK];
    jue_rec_key(g->text, key);
    const alias *a = jue_rec_alias(c, 'i', JUE_T09, 0, key);
    for (size_t h = from; !a && h < to; h++)
        for (size_t q = 0; !a && q < gr->rows[h].n; q++) {
            const jue_gcell *u = &gr->rows[h].cells[q];
            if (!u->text[0] || u->copy || fabs(centre(u) - centre(g)) > 3) continue;
            char two[2 * MAXK];
            snprintf(two, sizeof two, "%s%s", g->text, u->text);
            char k2[MAXK];
            jue_rec_key(two, k2);
            a = jue_rec_alias(c, 'i', JUE_T09, 0, k2);
        }
    if (a) return a->canon;
    return strcmp(key, "小计") ? NULL : "小计";
}

/* The item headings in every row above the pairs (a lone heading line
 * before the first header row was taken for prose), with their centres;
 * how many. *subtotal: a 小计 is among them. */
static int item_headings(tctx *t, size_t pairs_at, head09 heads[64], bool *subtotal)
{
    int ni = 0;
    *subtotal = false;
    for (size_t h = t->a; h < pairs_at; h++) {
        const jue_grow *r = &t->g->rows[h];
        for (size_t k = 0; k < r->n && ni < 64; k++) {
            const jue_gcell *g = &r->cells[k];
            if (!g->text[0] || g->copy || g->pos <= 0) continue;
            const char *it = heading_of(t->c, g, t->g, h + 1, pairs_at);
            if (!it) continue;
            *subtotal |= !strcmp(it, "小计");
            heads[ni].canon = it;
            heads[ni++].cx = centre(g);
        }
    }
    return ni;
}

/* 09 printed with a row of 预算数 | 决算数 pairs under the items (PDF, or a
 * space-aligned text): each item heading is centred over its pair, in
 * whatever grid column it landed (a heading over two columns belongs to
 * both), so items go to the nearest pair by position. 小计 is then the car
 * subtotal and the car heading above it only a parent. Nothing changes
 * when there is no such row, or the cells have no positions. */
static void t09_by_position(tctx *t, items09 *it)
{
    int gh = pairs_row(t);
    if (gh < 0) return;
    pair09 pairs[32];
    int np = group_pairs(t->c, &t->g->rows[t->hdr[gh]], pairs);
    if (np < 2) return;
    head09 heads[64];
    bool subtotal;
    int ni = item_headings(t, t->hdr[gh], heads, &subtotal);
    int taken[32];
    double dist[32];
    for (int p = 0; p < np; p++) taken[p] = -1, dist[p] = 0;
    for (int i = 0; i < ni; i++) {
        if (subtotal && !strcmp(heads[i].canon, JUE_L9_CAR)) continue;   /* the parent of 小计 */
        int best = 0;
        for (int p = 1; p < np; p++)
            if (fabs(pairs[p].centre - heads[i].cx) < fabs(pairs[best].centre - heads[i].cx)) best = p;
        double d = fabs(pairs[best].centre - heads[i].cx);
        if (taken[best] < 0 || d < dist[best]) { taken[best] = i; dist[best] = d; }
    }
    for (int col = 0; col < REC_MAX_COLS; col++) {
        it->item[col] = NULL;
        it->grp[col] = NULL;
        free(it->names[col]);
        it->names[col] = NULL;
    }
    for (int p = 0; p < np; p++) {
        if (taken[p] < 0) continue;
        const char *item = strcmp(heads[taken[p]].canon, "小计") ? heads[taken[p]].canon : JUE_L9_CAR;
        int cols[2] = { pairs[p].a, pairs[p].b };
        for (int q = 0; q < 2; q++) {
            it->item[cols[q]] = item;
            it->grp[cols[q]] = q ? JUE_C_ACTUAL : JUE_C_BUDGET;
            it->names[cols[q]] = jue_strdup(item);
        }
    }
}

prow *jue_rec_09_item_row(rc *c, prows *P, const char *key, const char *name, int line, int page)
{
    for (size_t q = 0; q < P->n; q++)
        if (!strcmp(P->r[q].key, key)) return &P->r[q];
    prow *p = jue_rec_prow_add(c, P);
    if (!p) return NULL;
    p->key = jue_strdup(key);
    p->name = jue_strdup(name);
    p->total = !strcmp(key, JUE_L9_TOTAL) || !strcmp(key, JUE_L9_CAR);
    p->src_line = line;
    p->page = page;
    if (!p->key || !p->name) { c->nomem = true; return NULL; }
    return p;
}

/* 09 down the page: a row per item, a column per group. */
/* Table 09's rows in the model's order — the standard items, then extras
 * as printed — emitted; cells take their row's line when they have none.
 * Both 09 layouts (across and down the page) end here. Frees P. */
void jue_rec_09_emit(tctx *t, jue_table *tab, prows *P)
{
    rc *c = t->c;
    prows S = { 0 };
    const size_t NI = sizeof ITEMS9 / sizeof ITEMS9[0];
    for (size_t k = 0; k < NI + 1 && !c->nomem; k++)
        for (size_t q = 0; q < P->n; q++) {
            if (!P->r[q].key) continue;   /* already moved */
            bool std = false;
            for (size_t j = 0; j < NI; j++) std |= !strcmp(P->r[q].key, ITEMS9[j]);
            if (k < NI ? strcmp(P->r[q].key, ITEMS9[k]) != 0 : std) continue;
            prow *p = jue_rec_prow_add(c, &S);
            if (!p) break;
            *p = P->r[q];
            P->r[q].key = P->r[q].name = NULL;
        }
    jue_rec_emit(t, tab, &S);
    jue_rec_prows_free(&S);
    jue_rec_prows_free(P);
}

static void parse_09_vertical(tctx *t, jue_table *tab)
{
    rc *c = t->c;
    int ncol = jue_rec_max_cols(t);
    int gcol[REC_MAX_COLS];
    for (int col = 0; col < ncol; col++) {
        gcol[col] = -1;
        for (int h = t->nhdr - 1; h >= 0 && gcol[col] < 0; h--) {
            const jue_grow *hr = &t->g->rows[t->hdr[h]];
            if (col >= (int)hr->n || !hr->cells[col].text[0]) continue;
            const char *g = jue_rec_cell_09_group(c, &hr->cells[col]);
            if (g) gcol[col] = jue_table_find_col(tab, g);
        }
    }
    prows P = { 0 };
    for (size_t i = t->body; i < t->end && !c->nomem; i++) {
        jue_grow *r = &t->g->rows[i];
        if (!jue_grow_filled(r) || jue_rec_lanci(r) || !jue_rec_09_row(t, r)) continue;
        r->used = true;
        int ncell = -1;
        for (size_t k = 0; k < r->n && ncell < 0; k++)
            if (r->cells[k].text[0] && !r->cells[k].copy) ncell = (int)k;
        const alias *a = t09_item(c, r->cells[ncell].text);
        prow *p = jue_rec_09_item_row(c, &P, a->canon, a->canon, r->line, r->page);
        if (!p) break;
        for (int col = ncell + 1; col < ncol && col < (int)r->n; col++)
            if (gcol[col] >= 0 && r->cells[col].text[0] && !r->cells[col].copy)
                jue_rec_pval_add(p, &r->cells[col], gcol[col], r->line);
    }
    jue_rec_09_emit(t, tab, &P);
}

/* The item a column's heading names: its lowest header text lf, or the
 * column's texts joined upwards (a heading wrapped over header rows, PDF:
 * "公务用车运行" / "维护费"); "小计"; NULL for none. */
static const char *column_item(tctx *t, int col, const char *lf)
{
    const alias *a = jue_rec_alias(t->c, 'i', JUE_T09, 0, lf);
    int lowest = -1;
    for (int h = t->nhdr - 1; h >= 0 && lowest < 0; h--)
        if (jue_grow_text(&t->g->rows[t->hdr[h]], col)[0]) lowest = h;
    char up[4 * MAXK];
    snprintf(up, sizeof up, "%s", lowest >= 0 ? jue_grow_text(&t->g->rows[t->hdr[lowest]], col) : "");
    for (int h = lowest - 1; !a && strcmp(lf, "小计") && h >= 0; h--) {
        const char *above = jue_grow_text(&t->g->rows[t->hdr[h]], col);
        if (!above[0]) continue;
        if (jue_rec_09_group(t->c, above)) break;
        char joined[4 * MAXK];
        snprintf(joined, sizeof joined, "%s%s", above, up);
        snprintf(up, sizeof up, "%s", joined);
        char k[MAXK];
        jue_rec_key(up, k);
        a = jue_rec_alias(t->c, 'i', JUE_T09, 0, k);
    }
    if (a) return a->canon;
    return strcmp(lf, "小计") ? NULL : "小计";
}

/* Each column's item and printed name from its heading; its group from
 * the heading too when the workbook knows its merges. */
static void items_by_heading(tctx *t, items09 *it)
{
    for (int col = 0; col < it->ncol; col++) {
        char lf[MAXK];
        jue_rec_leaf(t, col, lf);
        if (!lf[0]) continue;
        it->item[col] = column_item(t, col, lf);
        for (int h = t->nhdr - 1; it->item[col] && h >= 0; h--) {
            const char *s = jue_grow_text(&t->g->rows[t->hdr[h]], col);
            if (s[0]) { it->names[col] = jue_rec_name(s); break; }
        }
        if (t->g->merges)
            for (int h = 0; h < t->nhdr && !it->grp[col]; h++)
                it->grp[col] = jue_rec_09_group(t->c, jue_grow_text(&t->g->rows[t->hdr[h]], col));
    }
}

/* 小计: the car group's subtotal when the car items follow or the heading
 * above says so; otherwise the grand total. */
static void resolve_subtotals(tctx *t, items09 *it)
{
    for (int col = 0; col < it->ncol; col++) {
        if (!it->item[col] || strcmp(it->item[col], "小计") != 0) continue;
        bool car = col + 1 < it->ncol && it->item[col + 1] && !strcmp(it->item[col + 1], JUE_L9_CAR_BUY);
        for (int h = 0; h < t->nhdr && !car; h++) {
            char k[MAXK];
            jue_rec_key(jue_grow_text(&t->g->rows[t->hdr[h]], col), k);
            const alias *a = jue_rec_alias(t->c, 'i', JUE_T09, 0, k);
            car = a && !strcmp(a->canon, JUE_L9_CAR);
        }
        it->item[col] = car ? JUE_L9_CAR : JUE_L9_TOTAL;
        free(it->names[col]);
        it->names[col] = jue_strdup(it->item[col]);
    }
}

/* The group of each item column the heading did not give, by order: an
 * item seen again starts the next group (预算数, then 决算数). */
static void groups_by_order(items09 *it)
{
    static const char *const ORDER[2] = { JUE_C_BUDGET, JUE_C_ACTUAL };
    int gi = 0, nseen = 0;
    const char *seen[REC_MAX_COLS];
    for (int col = 0; col < it->ncol; col++) {
        if (!it->item[col]) continue;
        bool again = false;
        for (int q = 0; q < nseen; q++) again |= !strcmp(seen[q], it->item[col]);
        if (again) { gi = gi < 1 ? gi + 1 : 1; nseen = 0; }
        seen[nseen++] = it->item[col];
        if (!it->grp[col]) it->grp[col] = ORDER[gi];
    }
}

/* The data rows: each item column's figure, in the row's group (a row per
 * group: 预算数 | 0.6 | …) or the column's. How many rows were read. */
static int rows_across(tctx *t, jue_table *tab, const items09 *it, prows *P)
{
    rc *c = t->c;
    int read = 0;
    for (size_t i = t->body; i < t->end && !c->nomem; i++) {
        jue_grow *r = &t->g->rows[i];
        if (!jue_grow_filled(r) || jue_rec_lanci(r) || !jue_rec_09_row(t, r)) continue;
        r->used = true;
        read++;
        const char *rowgrp = NULL;
        for (size_t k = 0; k < r->n && !rowgrp; k++)
            if (r->cells[k].text[0] && !r->cells[k].copy) rowgrp = jue_rec_cell_09_group(c, &r->cells[k]);
        for (int col = 0; col < it->ncol; col++) {
            /* a figure under no item's heading is lost: which item's it is,
             * and so every other column's, is in doubt */
            if (!it->item[col] && col < (int)r->n && !r->cells[col].copy && jue_rec_cell_amount(&r->cells[col]) &&
                strpbrk(r->cells[col].text, ".,"))
                c->doubt[t->id] = "有数字所在的栏没有认出是哪一项，各项的栏位没有读准";
            if (!it->item[col]) continue;
            int mc = jue_table_find_col(tab, rowgrp ? rowgrp : it->grp[col]);
            const char *name = it->names[col] ? it->names[col] : it->item[col];
            prow *p = jue_rec_09_item_row(c, P, it->item[col], name, r->line, r->page);
            if (!p) break;
            if (col < (int)r->n && r->cells[col].text[0] && !r->cells[col].copy)
                jue_rec_pval_add(p, &r->cells[col], mc, r->line);
        }
    }
    return read;
}

void jue_rec_09(tctx *t, jue_table *tab)
{
    if (jue_rec_packed_09(t, tab)) return;
    if (t09_vertical(t)) { parse_09_vertical(t, tab); return; }
    items09 it;
    memset(&it, 0, sizeof it);
    it.ncol = jue_rec_max_cols(t);
    items_by_heading(t, &it);
    if (!t->g->merges) t09_by_position(t, &it);
    resolve_subtotals(t, &it);
    groups_by_order(&it);
    prows P = { 0 };
    /* the items of a data row whose cells are blank still exist (all
     * blank); headings with no data row under them are a table printed
     * empty, read as the other doors read it (a ruled copy's blank row
     * leaves no line in a text copy): no rows */
    bool any = rows_across(t, tab, &it, &P) > 0;
    int hline = t->body < t->g->n ? t->g->rows[t->hdr[t->nhdr ? t->nhdr - 1 : 0]].line : 0;
    for (int col = 0; col < it.ncol && any && !t->c->nomem; col++)
        if (it.item[col]) jue_rec_09_item_row(t->c, &P, it.item[col], it.names[col] ? it.names[col] : it.item[col], hline, 0);
    jue_rec_09_emit(t, tab, &P);
    for (int col = 0; col < REC_MAX_COLS; col++) free(it.names[col]);
}
