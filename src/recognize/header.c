/* Meta rows (编制单位, 金额单位, the label), the 栏次 row, and the header rows
 * above a body: each printed column named by its lowest header text and
 * matched to a model column (by key or alias). */
#include "recognize/recognize.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* Whether s holds 表, 单 or 部: its fold (spaces dropped, full-width ASCII
 * made ASCII) can hold 表, 单位 or 部门 only then. */
static bool meta_chars(const char *s)
{
    /* their last bytes (A8 A8 95: E8 A1 A8, E9 83 A8, E5 8D 95) looked for
     * with strpbrk, the two before each tested */
    for (const char *q = s; (q = strpbrk(q, "\xA8\x95")) != NULL; q++) {
        if (q - s < 2) continue;
        unsigned char a = (unsigned char)q[-2], b = (unsigned char)q[-1];
        if ((unsigned char)*q == 0xA8 ? (a == 0xE8 && b == 0xA1) || (a == 0xE9 && b == 0x83) : a == 0xE5 && b == 0x8D)
            return true;
    }
    return false;
}

static bool meta_row(const jue_grow *r, int *unit, char **dept);

/* Asked of a row again and again (each table's search for its next rows):
 * the answer is kept on a document's row; a row that is one is read again
 * when its unit or department is wanted (a row that is none gives neither). */
bool jue_rec_meta(const jue_grow *r, int *unit, char **dept)
{
    if (r->meta && r->meta_n == r->n && (r->meta < 0 || (!unit && !dept))) return r->meta > 0;
    bool meta = meta_row(r, unit, dept);
    if (r->doc && r->n <= USHRT_MAX) {
        jue_grow *w = (jue_grow *)(uintptr_t)r;
        w->meta = meta ? 1 : -1;
        w->meta_n = (unsigned short)r->n;
    }
    return meta;
}

static bool meta_row(const jue_grow *r, int *unit, char **dept)
{
    bool meta = false;
    for (size_t i = 0; i < r->n; i++) {
        const jue_gcell *g = &r->cells[i];
        if (!g->text[0] || g->copy || !meta_chars(g->text)) continue;
        char buf[MAXK];
        const char *f = jue_rec_cell_fold(r->doc, g, buf);
        /* a label names a 表; a unit, a department and every word below
         * have 单位 or 部门: a cell with none of them (most) says nothing */
        if (!jue_rec_has_char3(f, "表") && !strstr(f, "单位") && !strstr(f, "部门")) continue;
        if (jue_rec_label_number(f)) { meta = true; continue; }
        const char *u = strstr(f, "单位:");
        if (!u) u = strstr(f, "单位：");
        static const char *const DEPT[] = { "编制单位:", "编制单位：", "部门:", "部门：", "单位名称:", "单位名称：", "填报单位:", "填报单位：", "单位:" };
        if (strstr(f, "金额单位") || (u && (strstr(u, "万元") || strstr(u, "元")) && strlen(u) < 24)) {
            meta = true;
            if (unit) *unit = strstr(u ? u : f, "万元") ? JUE_UNIT_WAN : strstr(f, "亿元") ? JUE_UNIT_YI : JUE_UNIT_YUAN;
            /* "编制单位：某局金额单位：万元" in one cell (a Word line with
             * the spacing lost): the department is what precedes the unit */
            const char *mu = strstr(f, "金额单位");
            for (size_t k = 0; k < sizeof DEPT / sizeof DEPT[0] - 1 && mu && dept && !*dept; k++) {
                size_t n = strlen(DEPT[k]);
                if (strncmp(f, DEPT[k], n) != 0 || f + n >= mu) continue;
                char d[MAXK];   /* the fold is the cell's: the department copied out of it */
                memcpy(d, f + n, (size_t)(mu - f) - n);
                d[mu - f - n] = '\0';
                *dept = jue_strdup(d);
            }
            continue;
        }
        for (size_t k = 0; k < sizeof DEPT / sizeof DEPT[0]; k++) {
            size_t n = strlen(DEPT[k]);
            if (!strncmp(f, DEPT[k], n)) {
                meta = true;
                if (dept && !*dept && f[n]) *dept = jue_strdup(f + n);
            }
        }
    }
    return meta;
}

/* A meta row the wrap cut ("单" / "位：元" in text wrapped at a width):
 * row i ends at the wrap in one cell, row i+1 is one cell, and the two as
 * one are a meta row. Its unit must not be lost (a 元 table read as 万元 is
 * 10,000 times off), and the cut misplaces no column. */
bool jue_rec_cut_meta(const jue_grid *g, size_t i, int *unit, char **dept)
{
    if (i + 1 >= g->n || !g->rows[i].at_wrap) return false;
    const char *a = jue_rec_single_text(&g->rows[i]), *b = jue_rec_single_text(&g->rows[i + 1]);
    size_t na = a ? strlen(a) : 0, nb = b ? strlen(b) : 0;
    if (!a || !b || na + nb >= MAXK) return false;
    char s[MAXK];
    memcpy(s, a, na);
    memcpy(s + na, b, nb + 1);
    jue_gcell c = { .text = s };
    jue_grow r = { .cells = &c, .n = 1 };
    return jue_rec_meta(&r, unit, dept);
}

bool jue_rec_lanci(const jue_grow *r)
{
    int expect = 1;
    bool nums = true, any = false;
    for (size_t i = 0; i < r->n; i++) {
        const jue_gcell *g = &r->cells[i];
        if (!g->text[0] || g->copy) continue;
        char buf[MAXK];
        const char *f = jue_rec_cell_fold(r->doc, g, buf);
        if (!any && !strcmp(f, "栏次")) return true;
        any = true;
        if (!jue_rec_digits(f) || jue_rec_digits_value(f) != expect) return false;   /* not 1, 2, 3 … */
        expect++;
    }
    return any && nums && expect > 2;
}

bool jue_rec_part_word(const char *s)
{
    char b[MAXK];
    const char *f = jue_rec_key_of(s, b);
    return !strcmp(f, "类") || !strcmp(f, "款") || !strcmp(f, "项");
}

void jue_rec_leaf(tctx *t, int col, char out[MAXK])
{
    out[0] = '\0';
    for (int h = t->nhdr - 1; h >= 0; h--) {
        const char *s = jue_grow_text(&t->g->rows[t->hdr[h]], col);
        /* of a data row that is also a heading, only the 类|款|项 words */
        if (t->body_hdr && t->hdr[h] == t->body && !jue_rec_part_word(s)) continue;
        if (s[0]) { jue_rec_key(s, out); return; }
    }
}

int jue_rec_max_cols(tctx *t)
{
    size_t m = 0;
    for (int h = 0; h < t->nhdr; h++)
        if (t->g->rows[t->hdr[h]].n > m) m = t->g->rows[t->hdr[h]].n;
    for (size_t r = t->body; r < t->end && r < t->g->n; r++)
        if (t->g->rows[r].n > m) m = t->g->rows[r].n;
    return m < REC_MAX_COLS ? (int)m : REC_MAX_COLS;
}

int jue_rec_col_wrapped(tctx *t, const jue_table *tab, int col, const char *lf, int side)
{
    int m = jue_rec_col_named(t, tab, lf, side);
    if (m >= 0 || !lf[0]) return m;
    int lowest = -1;
    for (int h = t->nhdr - 1; h >= 0 && lowest < 0; h--)
        if (jue_grow_text(&t->g->rows[t->hdr[h]], col)[0]) lowest = h;
    char up[4 * MAXK];
    snprintf(up, sizeof up, "%s", lowest >= 0 ? jue_grow_text(&t->g->rows[t->hdr[lowest]], col) : "");
    for (int h = lowest - 1, n = 0; m < 0 && h >= 0 && n < 4; h--) {
        const jue_gcell *g = (size_t)col < t->g->rows[t->hdr[h]].n ? &t->g->rows[t->hdr[h]].cells[col] : NULL;
        if (!g || !g->text[0]) continue;
        if (g->copy) break;
        char joined[4 * MAXK];
        snprintf(joined, sizeof joined, "%s%s", g->text, up);
        snprintf(up, sizeof up, "%s", joined);
        char k[MAXK];
        jue_rec_key(up, k);
        m = jue_rec_col_named(t, tab, k, side);
        n++;
    }
    return m;
}

int jue_rec_col_named(tctx *t, const jue_table *tab, const char *key, int side)
{
    for (size_t k = 0; k < tab->ncols; k++) {
        char b[MAXK];
        if (!strcmp(jue_rec_key_of(tab->cols[k].key, b), key)) return (int)k;
    }
    const alias *a = jue_rec_alias(t->c, 'c', t->id, side, key);
    /* a side-specific alias wins over a side-less one */
    uint32_t h = jue_rec_key_hash(key);
    for (const alias *b = side ? jue_alias_next(t->c->al, h, NULL) : NULL; b; b = jue_alias_next(t->c->al, h, b))
        if (b->kind == 'c' && b->table == (int)t->id && b->side == side && !strcmp(b->key, key)) { a = b; break; }
    return a ? jue_table_find_col(tab, a->canon) : -1;
}

/* The 类 | 款 | 项 heading printed in the first data row of a code table (a
 * PDF joins what shares a band, the 合计 row): that row is also the last
 * heading row. */
static void heading_in_body(tctx *t)
{
    jue_table_id id = t->id;
    if (t->body >= t->b || t->nhdr >= REC_MAX_HDR ||
        !(id == JUE_T02 || id == JUE_T03 || id == JUE_T05 || id == JUE_T07 || id == JUE_T08))
        return;
    const jue_grow *r = &t->g->rows[t->body];
    int parts = 0;
    for (size_t k = 0; k < r->n; k++) parts += !r->cells[k].copy && jue_rec_part_word(r->cells[k].text);
    if (parts >= 2) { t->hdr[t->nhdr++] = t->body; t->body_hdr = true; }
}

/* A row of figures only, each with a decimal point or separator (not a
 * 栏次 row): no heading, whatever rows surround it. */
static bool figures_only(const jue_grow *r)
{
    size_t n = 0;
    for (size_t k = 0; k < r->n; k++) {
        const char *s = r->cells[k].text;
        if (!s[0] || r->cells[k].copy) continue;
        if (!jue_rec_amount(s) || (!strchr(s, '.') && !strchr(s, ','))) return false;
        n++;
    }
    return n > 0;
}

void jue_rec_read_header(tctx *t)
{
    int unit = -1;
    size_t i = t->a;
    for (; i < t->b; i++) {
        jue_grow *r = &t->g->rows[i];
        if (!jue_grow_filled(r)) continue;
        if (jue_rec_meta(r, &unit, &t->c->d->department)) { r->used = true; continue; }
        if (i + 1 < t->b && jue_rec_cut_meta(t->g, i, &unit, &t->c->d->department)) {
            r->used = t->g->rows[++i].used = true;
            continue;
        }
        if (jue_rec_data_row(t, r)) break;
        if (jue_grow_filled(r) == 1 && jue_rec_note_text(jue_rec_single_text(r))) break;   /* an empty table's 说明 */
        if (jue_grow_filled(r) == 1 && t->nhdr == 0 && !jue_rec_lanci(r)) {
            /* a prose line between title and header (a unit line, a date) */
            r->used = true;
            continue;
        }
        r->used = true;
        /* the 合计 row's figures printed above its label (a PDF centres the
         * label in a band the 类|款|项 heading shares) */
        if (figures_only(r) && t->nabove < 4) { t->above[t->nabove++] = i; continue; }
        if (!jue_rec_lanci(r) && t->nhdr < REC_MAX_HDR) t->hdr[t->nhdr++] = i;
    }
    t->unit = unit >= 0 ? (jue_unit)unit : JUE_UNIT_WAN;
    t->body = i;
    heading_in_body(t);
}
