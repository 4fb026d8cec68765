/* Table 09 printed with single spaces (`pdftotext -raw`, most PDF-to-text
 * tools): the heading a word or a wrapped piece a line in no column order
 * ("预算数 决算数" / "合计" / "因公出国" / "（境）费" / … / "小计" /
 * "公务用车购置" / "费" …), the 栏次 row, then the figures on one line —
 * or a line per group, "预算数 9.00 …" — with nothing where a cell is blank.
 * The heading's words say which items are printed (and the groups); the
 * columns are those items in the form's order, once per group, and their
 * count must be the 栏次 row's. The figures keep their order; which columns
 * the blank ones were is found by the table's own identities, for each
 * group: 合计 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费, and
 * 公务用车购置及运行维护费 = 购置费 + 运行维护费 (in intervals). Every
 * placement is tried; a cell is read only when it is the same in every
 * placement that holds, and an item only when all its cells are: 6.00
 * under 小计 with one of 购置费 and 运行维护费 blank could be either, and
 * both items stay unread (a warning says so). No placement holding leaves
 * the table unread; a line with every column's figure is read as printed
 * (a producer's slip is then the rule pack's to report). */
#include "recognize/recognize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { I_TOTAL, I_ABROAD, I_CAR, I_BUY, I_RUN, I_RECEPTION, NITEM };
static const char *const ITEM[NITEM] = { JUE_L9_TOTAL, JUE_L9_ABROAD, JUE_L9_CAR,
                                         JUE_L9_CAR_BUY, JUE_L9_CAR_RUN, JUE_L9_RECEPTION };

#define NSLOT REC_MAX_PCOLS   /* printed figure columns */
#define MAXW 96               /* heading words read */

typedef struct {
    const jue_gcell *cell;
    jue_interval iv;
    int line, page;
} fig9;

typedef struct {
    fig9 f[NSLOT];
    int nf;
    int from, to;              /* the columns the line fills */
} line9;

typedef struct {
    int item[NSLOT], grp[NSLOT];   /* each column's item (ITEM) and group (0, 1) */
    int n, per, ng;
    const char *group[2];      /* the groups, in printed order */
    int pairs;                 /* group words alternating under the items (预算数 决算数 …), else 0 */
    bool have[NITEM];
    line9 ln[2];
    int nl;
    const fig9 *cur[NSLOT], *first[NSLOT];   /* each column's figure (NULL: blank) */
    bool same[NSLOT];          /* the same in every placement found */
    int found;
    bool check;                /* placements must hold the identities */
} p09;

/* A known word run (up to four words joined: a heading wrapped) at w[i]:
 * an item (ITEM index, or NITEM for 小计), a group, or neither; its length. */
static int heading_at(const rc *c, char (*w)[MAXK], int nw, int i, int *item, const char **grp)
{
    for (int len = 4; len >= 1; len--) {
        if (i + len > nw) continue;
        char joined[4 * MAXK], kb[MAXK];
        joined[0] = '\0';   /* not the whole array cleared: strncat reads up to its NUL */
        for (int k = 0; k < len; k++) strncat(joined, w[i + k], sizeof joined - strlen(joined) - 1);
        const char *key = jue_rec_key_of(joined, kb);
        *item = -1;
        *grp = jue_rec_09_group(c, key);
        const alias *a = *grp ? NULL : jue_rec_alias(c, 'i', JUE_T09, 0, key);
        for (int k = 0; a && k < NITEM; k++)
            if (!strcmp(a->canon, ITEM[k])) *item = k;
        if (a && *item < 0) return -1;   /* 会议费, 培训费: a form of its own */
        if (!strcmp(key, "小计")) *item = NITEM;
        if (*grp || *item >= 0) return len;
    }
    return 0;
}

/* The items and groups the heading words name; how many words name
 * neither (-1: an item the form does not have). */
static int heading_names(p09 *P, const rc *c, char (*w)[MAXK], int nw)
{
    int unknown = 0;
    bool subtotal = false, alternate = true;
    for (int i = 0; i < nw;) {
        int item;
        const char *grp;
        int len = heading_at(c, w, nw, i, &item, &grp);
        if (len < 0) return -1;
        if (grp && P->ng < 2 && (!P->ng || strcmp(P->group[0], grp))) P->group[P->ng++] = grp;
        const char *want = grp ? P->group[P->pairs % 2] : NULL;
        if (grp) alternate &= want && !strcmp(grp, want), P->pairs++;
        if (item == NITEM) subtotal = true;
        else if (item >= 0) P->have[item] = true;
        unknown += !len && strcmp(w[i], "项目") != 0;
        i += len ? len : 1;
    }
    /* 小计: the car subtotal when the car items are printed, else the total */
    if (subtotal) P->have[P->have[I_BUY] || P->have[I_RUN] || P->have[I_CAR] ? I_CAR : I_TOTAL] = true;
    if (P->pairs < 4 || P->ng != 2 || !alternate) P->pairs = 0;
    return unknown;
}

/* The columns from t's heading (its words, the 栏次 row counting them). */
static bool heading_columns(tctx *t, p09 *P)
{
    char(*w)[MAXK] = malloc(MAXW * sizeof *w);
    if (!w) { t->c->nomem = true; return false; }
    int nw = 0, lanci = 0;
    for (size_t i = t->a; i < t->body && i < t->g->n; i++) {
        const jue_grow *r = &t->g->rows[i];
        if (jue_rec_meta(r, NULL, NULL) || !jue_grow_filled(r)) continue;
        if (jue_rec_lanci(r)) lanci = jue_rec_lanci_count(r);
        else jue_rec_row_words(r, w, &nw, MAXW);
    }
    int unknown = heading_names(P, t->c, w, nw);
    free(w);
    if (!lanci) lanci = P->pairs;   /* a pair of columns an item: they count them */
    if (unknown < 0 || (!lanci && unknown > 0) || !P->have[I_TOTAL]) return false;
    if (!P->ng) {
        P->group[P->ng++] = JUE_C_BUDGET;
        P->group[P->ng++] = JUE_C_ACTUAL;
    }
    for (int k = 0; k < NITEM; k++) P->per += P->have[k];
    P->n = P->per * P->ng;
    if (P->per < 2 || P->n > NSLOT || (lanci && lanci != P->n)) return false;
    int s = 0;
    for (int g = 0; g < P->ng; g++)
        for (int k = 0; k < NITEM; k++)
            if (P->have[k]) P->item[s] = k, P->grp[s++] = g;
    int first[NSLOT];
    memcpy(first, P->item, sizeof first);
    if (P->pairs)   /* the items across, each over its 预算数 and 决算数 */
        for (s = 0; s < P->n; s++) P->item[s] = first[s / 2], P->grp[s] = s % 2;
    return true;
}

/* Line r of figures (its group first when it names one) into P. */
static bool figure_line(tctx *t, p09 *P, const jue_grow *r)
{
    if (!r->packed || P->nl == 2) return false;
    line9 *l = &P->ln[P->nl];
    memset(l, 0, sizeof *l);
    l->to = P->n;
    size_t k = 0;
    while (k < r->n && !r->cells[k].text[0]) k++;
    const char *grp = k < r->n ? jue_rec_cell_09_group(t->c, &r->cells[k]) : NULL;
    if (grp) {
        int g = strcmp(grp, P->group[0]) ? 1 : 0;
        if (g >= P->ng || P->pairs) return false;
        l->from = g * P->per, l->to = l->from + P->per, k++;
    }
    if (P->nl && (!grp || l->from == P->ln[0].from || P->ln[0].to - P->ln[0].from == P->n)) return false;
    for (; k < r->n; k++) {
        const char *s = r->cells[k].text;
        if (!s[0]) continue;
        jue_amount a;
        if (l->nf == l->to - l->from) return false;
        fig9 *f = &l->f[l->nf++];
        *f = (fig9){ .cell = &r->cells[k], .line = r->line, .page = r->page };
        if (jue_rec_dashes(s)) continue;
        if (jue_amount_parse(s, strlen(s), t->unit, &a, NULL)) return false;
        if (!a.blank) f->iv = a.iv;
    }
    P->nl++;
    return l->nf > 0;
}

/* The body's lines of figures; false when the body is anything else. */
static bool figure_lines(tctx *t, p09 *P)
{
    for (size_t i = t->body; i < t->end && i < t->g->n; i++) {
        const jue_grow *r = &t->g->rows[i];
        if (!jue_grow_filled(r) || jue_rec_lanci(r)) continue;
        if (!figure_line(t, P, r)) return false;
    }
    return P->nl > 0;
}

static bool meets(jue_interval a, jue_interval b)
{
    return a.hi >= b.lo && a.lo <= b.hi;
}

/* Whether each group's identities hold with the figures where they are now. */
static bool holds(const p09 *P)
{
    for (int g = 0; g < P->ng; g++) {
        jue_interval v[NITEM] = { { 0, 0 } };
        for (int s = 0; s < P->n; s++)
            if (P->grp[s] == g && P->cur[s]) v[P->item[s]] = P->cur[s]->iv;
        jue_interval parts = { v[I_ABROAD].lo + v[I_CAR].lo + v[I_RECEPTION].lo,
                               v[I_ABROAD].hi + v[I_CAR].hi + v[I_RECEPTION].hi };
        jue_interval car = { v[I_BUY].lo + v[I_RUN].lo, v[I_BUY].hi + v[I_RUN].hi };
        if (!meets(v[I_TOTAL], parts)) return false;
        if ((P->have[I_BUY] || P->have[I_RUN]) && !meets(v[I_CAR], car)) return false;
    }
    return true;
}

static bool same_fig(const fig9 *a, const fig9 *b)
{
    return a == b || (a && b && !strcmp(a->cell->text, b->cell->text));
}

/* A placement made: the first kept, each column's sameness noted. */
static void found(p09 *P)
{
    if (P->check && !holds(P)) return;
    for (int s = 0; s < P->n; s++) {
        if (!P->found) P->first[s] = P->cur[s], P->same[s] = true;
        else P->same[s] &= same_fig(P->first[s], P->cur[s]);
    }
    P->found++;
}

/* Every placement of line l's figures from its figure k on, in its columns
 * from s on (figures in order, the columns passed over blank). */
static void search(p09 *P, int l, int k, int s)
{
    if (l == P->nl) { found(P); return; }
    const line9 *ln = &P->ln[l];
    if (k == ln->nf) {
        for (int q = s; q < ln->to; q++) P->cur[q] = NULL;
        search(P, l + 1, 0, l + 1 < P->nl ? P->ln[l + 1].from : 0);
        return;
    }
    for (int q = s; q <= ln->to - (ln->nf - k); q++) {
        for (int b = s; b < q; b++) P->cur[b] = NULL;
        P->cur[q] = &ln->f[k];
        search(P, l, k + 1, q + 1);
    }
}

/* The items every placement reads alike, into P's rows, the others named
 * in left; how many figures were read (none: the items read are blank in
 * every placement and the figures' own are unknown — no empty table). */
static int certain_rows(tctx *t, jue_table *tab, p09 *P, prows *R, char *left, size_t size)
{
    int read = 0;
    left[0] = '\0';
    for (int k = 0; k < NITEM && !t->c->nomem; k++) {
        if (!P->have[k]) continue;
        bool sure = true;
        for (int s = 0; s < P->n; s++) sure &= P->item[s] != k || P->same[s];
        if (!sure) {
            snprintf(left + strlen(left), size - strlen(left), "%s%s", left[0] ? "、" : "", ITEM[k]);
            continue;
        }
        const fig9 *at = P->ln[0].f;
        prow *p = jue_rec_09_item_row(t->c, R, ITEM[k], ITEM[k], at->line, at->page);
        if (!p) break;
        for (int s = 0; s < P->n; s++)
            if (P->item[s] == k && P->first[s]) {
                jue_rec_pval_add(p, P->first[s]->cell, jue_table_find_col(tab, P->group[P->grp[s]]), at->line);
                read++;
            }
    }
    return read;
}

bool jue_rec_packed_09(tctx *t, jue_table *tab)
{
    p09 *P = calloc(1, sizeof *P);
    if (!P) { t->c->nomem = true; return false; }
    if (!heading_columns(t, P) || !figure_lines(t, P)) { free(P); return false; }
    rc *c = t->c;
    c->packed[t->id] = false;   /* read here, placed by the identities */
    for (size_t i = t->body; i < t->end; i++) t->g->rows[i].used = true;
    P->check = P->nl == 2 ? P->ln[0].nf + P->ln[1].nf < P->n : P->ln[0].nf < P->n;
    search(P, 0, 0, P->ln[0].from);
    prows R = { 0 };
    char left[256];
    int read = P->found ? certain_rows(t, tab, P, &R, left, sizeof left) : 0;
    if (!P->found || !read) {
        c->doubt[t->id] = P->found ? "表行以单个空格分隔、空白单元格没有标记，按合计与各栏核对仍有两种以上放法，分不清各数字所在的栏"
                                   : "表行以单个空格分隔、空白单元格没有标记，读出的数字怎样放进各栏都不能相互核对";
        for (int k = 0; k < NITEM; k++)   /* the table is there, set aside */
            if (P->have[k]) jue_rec_09_item_row(c, &R, ITEM[k], ITEM[k], P->ln[0].f[0].line, P->ln[0].f[0].page);
    } else if (left[0]) {
        jue_diag_add(c->diags, JUE_SEV_WARNING, c->doc->file, P->ln[0].f[0].line, 0,
                     "%s《%s》：表行以单个空格分隔、空白单元格没有标记，%s的数字按合计与各栏核对有两种以上放法，"
                     "这几项没有读出，不据以核对",
                     jue_table_label(t->id), jue_table_title(t->id), left);
    }
    jue_rec_09_emit(t, tab, &R);
    free(P);
    return true;
}
