/* Two-pane tables (01 04): each pane starts at a 项目 header; lines are
 * named by alias or by the catalog's 类 names; one pane printed as income
 * lines then expenditure lines turns at 支出. */
#include "recognize/recognize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const FUNDS[3] = { "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款" };

typedef struct {
    bool after_begin, after_end;
} pane_state;

/* Key of a printed line on a pane. Returns false when it is not a line
 * this table knows (then key = printed name, kept as an unknown row). */
static bool line_key(tctx *t, int side, const char *name, pane_state *ps, char *key, size_t n,
                     jue_level *level, bool *total)
{
    rc *c = t->c;
    char k[MAXK];
    jue_rec_key(name, k);
    *level = JUE_LEVEL_NONE;
    *total = false;
    const alias *a = jue_rec_alias(c, 'r', t->id, side, k);
    if (t->id == JUE_T04) {
        /* 年初/年末财政拨款结转和结余 are followed by their three funds */
        const alias *f = jue_rec_alias(c, 'r', JUE_T04, 1, k);
        for (int i = 0; i < 3 && f; i++)
            if (!strcmp(f->canon, FUNDS[i]) && ((side == 1 && ps->after_begin) || (side == 2 && ps->after_end))) {
                snprintf(key, n, "%s%s", side == 1 ? JUE_L4_BEGIN_PREFIX : "年末-", FUNDS[i]);
                return true;
            }
    }
    if (a) {
        if (jue_rec_digits(a->canon)) *level = JUE_LEVEL_LEI;
        jue_rec_copy(key, n, a->canon);
        if (!strcmp(a->canon, JUE_L4_BEGIN)) ps->after_begin = true;
        if (!strcmp(a->canon, JUE_L4_END)) ps->after_end = true;
        *total = !strcmp(a->canon, JUE_L_INC_TOTAL) || !strcmp(a->canon, JUE_L_INC_GRAND) ||
                 !strcmp(a->canon, JUE_L_EXP_TOTAL) || !strcmp(a->canon, JUE_L_EXP_GRAND);
        return true;
    }
    if (c->cat && side != 1) {
        const char *code = NULL;
        if (c->d->year) code = jue_catalog_find_name(c->cat, JUE_CAT_FUNCTIONAL, name, JUE_LEVEL_LEI, NULL, c->d->year);
        for (int y = c->cat_to; !code && y >= c->cat_from && y > 0; y--)
            code = jue_catalog_find_name(c->cat, JUE_CAT_FUNCTIONAL, name, JUE_LEVEL_LEI, NULL, y);
        if (code) {
            snprintf(key, n, "%s", code);
            *level = JUE_LEVEL_LEI;
            return true;
        }
    }
    jue_rec_copy(key, n, name);
    return false;
}

/* The first line of 01/04 has a known line in its first filled cell (a
 * header row may name 一般公共预算财政拨款 as a column further right; a PDF
 * page may have blank columns on the left). */
/* Whether a printed name is a line 01/04 knows (by alias or 类 name). */
static bool pane_known(tctx *t, const char *text)
{
    char *nm = jue_rec_name(text);
    if (!nm) return false;
    char k[MAXK];
    jue_rec_key(nm, k);
    bool hit = jue_rec_alias(t->c, 'r', t->id, 0, k) != NULL;
    if (!hit && t->c->cat)
        for (int y = t->c->cat_to; !hit && y >= t->c->cat_from && y > 0; y--)
            hit = jue_catalog_find_name(t->c->cat, JUE_CAT_FUNCTIONAL, nm, JUE_LEVEL_LEI, NULL, y) != NULL;
    free(nm);
    return hit;
}

bool jue_rec_pane_row(tctx *t, const jue_grow *r)
{
    for (size_t i = 0; i < r->n; i++) {
        const jue_gcell *g = &r->cells[i];
        if (!g->text[0] || g->copy) continue;
        if (jue_rec_amount(g->text)) return false;
        return pane_known(t, g->text);
    }
    return false;
}

bool jue_rec_pane_piece(tctx *t, size_t i)
{
    const char *s = jue_rec_single_text(&t->g->rows[i]);
    if (!s || strlen(s) > 90) return false;
    if (pane_known(t, s)) return true;
    size_t lo = i > t->a ? i - 1 : i, hi = i + 1 < t->b ? i + 1 : i;
    for (size_t k = lo; k <= hi; k += 2) {
        if (k == i) continue;
        const char *o = jue_rec_single_text(&t->g->rows[k]);
        if (!o || strlen(o) > 90) continue;
        char two[256];
        snprintf(two, sizeof two, "%s%s", k < i ? o : s, k < i ? s : o);
        if (pane_known(t, two)) return true;
    }
    return false;
}

/* A row of 01/04 that repeats the heading (a continuation page prints it
 * again): no figure, and every cell's text — two or more — is a heading
 * text of the table. */
static bool pane_header_again(const tctx *t, const jue_grow *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n; i++) {
        const jue_gcell *g = &r->cells[i];
        if (!g->text[0] || g->copy) continue;
        if (jue_rec_amount(g->text)) return false;
        char k[MAXK];
        jue_rec_key(g->text, k);
        bool seen = false;
        for (int h = 0; h < t->nhdr && !seen; h++) {
            const jue_grow *hr = &t->g->rows[t->hdr[h]];
            for (size_t c = 0; c < hr->n && !seen; c++) {
                char hk[MAXK];
                jue_rec_key(hr->cells[c].text, hk);
                seen = hk[0] && !strcmp(hk, k);
            }
        }
        if (!seen) return false;
        n++;
    }
    /* one cell may be the rest of a wrapped name ("…资源勘探工业信息等" / "支出") */
    return n >= 2;
}

void jue_rec_pane_table(tctx *t, jue_table *tab)
{
    rc *c = t->c;
    int ncol = jue_rec_max_cols(t);
    if (ncol > 64) ncol = 64;
    int start[4], np = 0;
    for (int col = 0; col < ncol && np < 4; col++) {
        char lf[MAXK];
        jue_rec_leaf(t, col, lf);
        if (!strcmp(lf, "项目") || !strcmp(lf, "项目名称") || !strcmp(lf, "科目名称")) {
            /* a merged 项目 spanning columns names one pane */
            if (np && start[np - 1] == col - 1) {
                char prev[MAXK];
                jue_rec_leaf(t, col - 1, prev);
                const jue_grow *h = &t->g->rows[t->hdr[t->nhdr - 1]];
                if (!strcmp(prev, lf) && col < (int)h->n && h->cells[col].copy) continue;
            }
            start[np++] = col;
        }
    }
    if (np == 0) { start[np++] = 0; }
    if (np == 1) {
        /* the expenditure pane starts where the 支出 heading is */
        for (int h = 0; h < t->nhdr && np == 1; h++)
            for (int col = start[0] + 1; col < ncol && np == 1; col++) {
                char k[MAXK];
                jue_rec_key(jue_grow_text(&t->g->rows[t->hdr[h]], col), k);
                if (!strcmp(k, "支出") && !(col < (int)t->g->rows[t->hdr[h]].n && t->g->rows[t->hdr[h]].cells[col].copy))
                    start[np++] = col;
            }
    }
    if (np > 2) np = 2;
    int line_col[2] = { -1, -1 }, map[2][64];
    for (int s = 0; s < np; s++) {
        int e = s + 1 < np ? start[s + 1] : ncol;
        for (int col = 0; col < 64; col++) map[s][col] = -1;
        int unknown = -1, nmapped = 0;
        for (int col = start[s] + 1; col < e; col++) {
            char lf[MAXK];
            jue_rec_leaf(t, col, lf);
            if (!strcmp(lf, "行次")) { line_col[s] = col; continue; }
            int m = jue_rec_col_wrapped(t, tab, col, lf, s + 1);
            if (m >= 0) { map[s][col] = m; nmapped++; }
            else if (unknown < 0) unknown = col;
        }
        if (!nmapped && unknown >= 0)
            map[s][unknown] = t->id == JUE_T04 ? jue_table_find_col(tab, JUE_L_TOTAL) : 0;
    }
    prows P[2] = { { 0 }, { 0 } };
    pane_state ps[2] = { { false, false }, { false, false } };
    bool unknown_last[2] = { false, false };
    /* one pane (项目 | 行次 | 金额): the income lines, then the expenditure
     * lines below them — the side turns at a 支出 heading or at the first
     * line only the expenditure side knows */
    bool turned = false;
    for (size_t i = t->body; i < t->end && !c->nomem; i++) {
        jue_grow *r = &t->g->rows[i];
        if (!jue_grow_filled(r) || jue_rec_lanci(r)) continue;
        r->used = true;
        if (i > t->body && pane_header_again(t, r)) continue;
        if (jue_rec_furniture(t, i)) continue;
        const char *only = jue_rec_single_text(r);
        if (only) {
            char k[MAXK];
            jue_rec_key(only, k);
            const char *o = jue_imp_skip_ordinal(k);
            if (!strcmp(o, "收入")) continue;
            if (!strcmp(o, "支出")) { turned = np == 1; continue; }
        }
        for (int s = 0; s < np; s++) {
            const char *nt = jue_grow_text(r, start[s]);
            if (!nt[0] || (start[s] < (int)r->n && r->cells[start[s]].copy)) continue;
            char *nm = jue_rec_name(nt);
            if (!nm) { c->nomem = true; break; }
            char key[MAXK];
            jue_level lv;
            bool total;
            if (np == 1 && !turned) {
                pane_state probe = ps[0];
                char k2[MAXK];
                if (!line_key(t, 1, nm, &probe, k2, sizeof k2, &lv, &total)) {
                    probe = ps[1];
                    turned = line_key(t, 2, nm, &probe, k2, sizeof k2, &lv, &total);
                }
            }
            /* pane s's columns; side (and pending rows) q */
            int sd = np == 1 && turned ? 1 : s;
            jue_side side = sd == 0 ? JUE_SIDE_INCOME : JUE_SIDE_EXPEND;
            bool known = line_key(t, sd + 1, nm, &ps[sd], key, sizeof key, &lv, &total);
            prow *p = NULL;
            if (!known && unknown_last[sd] && P[sd].n) {
                /* a name wrapped in its cell ("七、文化旅游体育与传媒支" / "出"):
                 * two pieces no line knows that make one it does */
                prow *q = &P[sd].r[P[sd].n - 1];
                size_t n1 = strlen(q->name), n2 = strlen(nm);
                char *joined = malloc(n1 + n2 + 1);
                if (!joined) { free(nm); c->nomem = true; break; }
                memcpy(joined, q->name, n1);
                memcpy(joined + n1, nm, n2 + 1);
                char jk[MAXK];
                if (line_key(t, sd + 1, joined, &ps[sd], jk, sizeof jk, &lv, &total)) {
                    char *nk = jue_strdup(jk);
                    if (!nk) { free(joined); free(nm); c->nomem = true; break; }
                    free(q->key);
                    free(q->name);
                    q->key = nk;
                    q->name = joined;
                    q->level = lv;
                    q->total = total;
                    free(nm);
                    p = q;
                    known = true;
                } else {
                    free(joined);
                }
            }
            unknown_last[sd] = !known;
            if (p) {
                /* the second piece's 行次 and figures go to the joined line */
                if (line_col[s] >= 0 && !p->line_no) {
                    char f[MAXK];
                    jue_rec_fold(jue_grow_text(r, line_col[s]), f);
                    if (jue_rec_digits(f) && strlen(f) < 6) p->line_no = atoi(f);
                }
                int e = s + 1 < np ? start[s + 1] : ncol;
                for (int col = start[s] + 1; col < e; col++)
                    if (map[s][col] >= 0 && col < (int)r->n && r->cells[col].text[0] && !r->cells[col].copy)
                        jue_rec_pval_add(p, &r->cells[col], map[s][col], r->line);
                continue;
            }
            p = jue_rec_prow_add(c, &P[sd]);
            if (!p) { free(nm); break; }
            p->key = jue_strdup(key);
            p->name = nm;
            p->level = lv;
            p->side = side;
            p->total = total;
            p->src_line = r->line;
            p->page = r->page;
            if (!p->key) { c->nomem = true; break; }
            if (line_col[s] >= 0) {
                char f[MAXK];
                jue_rec_fold(jue_grow_text(r, line_col[s]), f);
                if (jue_rec_digits(f) && strlen(f) < 6) p->line_no = atoi(f);
            }
            int e = s + 1 < np ? start[s + 1] : ncol;
            for (int col = start[s] + 1; col < e; col++)
                if (map[s][col] >= 0 && col < (int)r->n && r->cells[col].text[0] && !r->cells[col].copy)
                    jue_rec_pval_add(p, &r->cells[col], map[s][col], r->line);
        }
    }
    for (int s = 0; s < 2; s++) {
        jue_rec_emit(t, tab, &P[s]);
        jue_rec_prows_free(&P[s]);
    }
}
