/* Two-pane tables (01 04): each pane starts at a 项目 header; lines are
 * named by alias or by the catalog's 类 names; one pane printed as income
 * lines then expenditure lines turns at 支出. */
#include "recognize/recognize.h"

#include <stdint.h>
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
    char b[MAXK];
    const char *k = jue_rec_key_of(name, b);
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
            jue_str_put(key, key + n, code, SIZE_MAX);
            *level = JUE_LEVEL_LEI;
            return true;
        }
    }
    jue_rec_copy(key, n, name);
    return false;
}

bool jue_rec_pane_line_key(tctx *t, int side, const char *name, char *key, size_t n, jue_level *level, bool *total)
{
    pane_state ps = { 0 };
    return line_key(t, side, name, &ps, key, n, level, total);
}

/* The first line of 01/04 has a known line in its first filled cell (a
 * header row may name 一般公共预算财政拨款 as a column further right; a PDF
 * page may have blank columns on the left). */
/* Whether a printed name is a line 01/04 knows (by alias or 类 name). */
static bool pane_known(tctx *t, const char *text)
{
    char *nm = jue_rec_name(text);
    if (!nm) return false;
    char b[MAXK];
    const char *k = jue_rec_key_of(nm, b);
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
        if (jue_rec_cell_amount(g)) return false;
        return pane_known(t, g->text);
    }
    return false;
}

/* Whether piece s joined with text o (before it when o_first) makes a line
 * 01/04 knows. */
static bool joins_known(tctx *t, const char *s, const char *o, bool o_first)
{
    if (!o || strlen(o) > 90 || jue_rec_amount(o)) return false;
    char two[256];
    snprintf(two, sizeof two, "%s%s", o_first ? o : s, o_first ? s : o);
    return pane_known(t, two);
}

/* Whether row k (next to a piece) has a cell that makes a known line with
 * it: its one text, or (a row of cells) a name printed on it. */
static bool piece_partner(tctx *t, const char *s, size_t k, bool before)
{
    const jue_grow *r = &t->g->rows[k];
    const char *o = jue_rec_single_text(r);
    if (o) return joins_known(t, s, o, before);
    for (size_t c = 0; c < r->n; c++)
        if (!r->cells[c].copy && joins_known(t, s, r->cells[c].text, before)) return true;
    return false;
}

/* A piece of a name wrapped in its cell: alone a line 01/04 knows, or with
 * the row next to it, or with a piece two rows away when the row between
 * is the line's row of cells (a name printed above and below its 行次 line,
 * "三、国有资本经营预算财政拨款收" / 3 … / "入"). */
/* The filled row d filled rows away from row i (d = ±1, ±2: blank lines,
 * a wrapped copy's line of spaces, do not count), or SIZE_MAX. */
static size_t filled_away(const tctx *t, size_t i, int d)
{
    size_t k = i;
    for (int n = d < 0 ? -d : d; n > 0;) {
        if (d < 0 ? k <= t->a : k + 1 >= t->b) return SIZE_MAX;
        k = d < 0 ? k - 1 : k + 1;
        n -= jue_grow_filled(&t->g->rows[k]) > 0;
    }
    return k;
}

/* Whether mid, between the two pieces of a name of row `piece`, is a line
 * of the other pane printed alone: one text, a line 01/04 knows by
 * itself, printed well apart from the piece (a pane's name column). */
static bool other_pane_line(tctx *t, const jue_grow *piece, const jue_grow *mid)
{
    const jue_gcell *a = jue_rec_lone_cell(piece), *m = jue_rec_lone_cell(mid);
    if (!a || !m || jue_rec_cell_amount(m) || !pane_known(t, m->text)) return false;
    float xa = jue_rec_start_of(a), xm = jue_rec_start_of(m);
    return xa > 0 && xm > 0 && (xm - xa > 4 || xa - xm > 4);
}

bool jue_rec_pane_piece(tctx *t, size_t i)
{
    const char *s = jue_rec_single_text(&t->g->rows[i]);
    if (!s || strlen(s) > 90 || jue_rec_amount(s)) return false;
    if (pane_known(t, s)) return true;
    for (int d = -2; d <= 2; d++) {
        size_t k = d ? filled_away(t, i, d) : SIZE_MAX;
        if (k == SIZE_MAX) continue;
        if (d == -1 || d == 1) {
            if (piece_partner(t, s, k, d < 0)) return true;
            continue;
        }
        /* between them the line's row of cells, or the other pane's line
         * alone (its name centred in the row this one wraps in) */
        const jue_grow *mid = &t->g->rows[filled_away(t, i, d / 2)];
        if ((jue_grow_filled(mid) >= 2 || other_pane_line(t, &t->g->rows[i], mid)) &&
            joins_known(t, s, jue_rec_single_text(&t->g->rows[k]), d < 0))
            return true;
    }
    return false;
}

/* A row of 01/04 that repeats the heading (a continuation page prints it
 * again): no figure, and every cell's text — two or more — is a heading
 * text of the table. */
/* The match keys of the heading's cells, made once a table (no cell's
 * text changes while the body is read), each not empty. */
typedef struct {
    char (*k)[MAXK];
    size_t n;
} head_keys;

static head_keys head_keys_of(tctx *t)
{
    head_keys hk = { NULL, 0 };
    size_t cap = 0;
    for (int h = 0; h < t->nhdr; h++) cap += t->g->rows[t->hdr[h]].n;
    if (!cap) return hk;
    hk.k = malloc(cap * sizeof *hk.k);
    if (!hk.k) { t->c->nomem = true; return hk; }
    for (int h = 0; h < t->nhdr; h++) {
        const jue_grow *hr = &t->g->rows[t->hdr[h]];
        for (size_t c = 0; c < hr->n; c++) {
            jue_rec_key(hr->cells[c].text, hk.k[hk.n]);
            hk.n += hk.k[hk.n][0] != 0;
        }
    }
    return hk;
}

static bool pane_header_again(const head_keys *hk, const jue_grow *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n; i++) {
        const jue_gcell *g = &r->cells[i];
        if (!g->text[0] || g->copy) continue;
        if (jue_rec_cell_amount(g)) return false;
        char b[MAXK];
        const char *k = jue_rec_key_of(g->text, b);
        bool seen = false;
        for (size_t j = 0; j < hk->n && !seen; j++) seen = !strcmp(hk->k[j], k);
        if (!seen) return false;
        n++;
    }
    /* one cell may be the rest of a wrapped name ("…资源勘探工业信息等" / "支出") */
    return n >= 2;
}

/* Where the panes are and how their columns are read. */
typedef struct {
    int ncol, np;                     /* printed columns read; panes (1 or 2) */
    int start[4];                     /* each pane's name column */
    int line_col[2];                  /* each pane's 行次 column, or -1 */
    int map[2][REC_MAX_COLS];         /* model column of each printed column, or -1 */
    int names_left[2];                /* each pane's names left of its 项目 column, or -1 (names_left) */
} pane_cols;

/* The lines read so far, by side (income, expenditure). */
typedef struct {
    prows P[2];
    pane_state ps[2];
    bool unknown_last[2];             /* the side's last line is one no alias knows */
    bool turned;                      /* one pane: the expenditure lines have begun */
    const jue_grow *lifted;           /* the figures of the row being read, printed a line above it */
    const head_keys *head;            /* the heading's keys */
} pane_rows;

/* The first column after pane s. */
static int pane_end(const pane_cols *pc, int s)
{
    return s + 1 < pc->np ? pc->start[s + 1] : pc->ncol;
}

/* Where each pane starts: at a 项目 header (a merged 项目 spanning columns
 * names one pane), else at column 0; one pane's expenditure side starts
 * where the 支出 heading is. At most two panes. */
static void pane_starts(tctx *t, pane_cols *pc)
{
    pc->ncol = jue_rec_max_cols(t);
    pc->np = 0;
    for (int col = 0; col < pc->ncol && pc->np < 4; col++) {
        char lf[MAXK];
        jue_rec_leaf(t, col, lf);
        if (strcmp(lf, "项目") && strcmp(lf, "项目名称") && strcmp(lf, "科目名称")) continue;
        if (pc->np && pc->start[pc->np - 1] == col - 1) {
            char prev[MAXK];
            jue_rec_leaf(t, col - 1, prev);
            const jue_grow *h = &t->g->rows[t->hdr[t->nhdr - 1]];
            if (!strcmp(prev, lf) && col < (int)h->n && h->cells[col].copy) continue;
        }
        pc->start[pc->np++] = col;
    }
    if (pc->np == 0) pc->start[pc->np++] = 0;
    for (int h = 0; h < t->nhdr && pc->np == 1; h++) {
        const jue_grow *hr = &t->g->rows[t->hdr[h]];
        for (int col = pc->start[0] + 1; col < pc->ncol && pc->np == 1; col++) {
            char k[MAXK];
            jue_rec_key(jue_grow_text(hr, col), k);
            if (!strcmp(k, "支出") && !(col < (int)hr->n && hr->cells[col].copy)) pc->start[pc->np++] = col;
        }
    }
    if (pc->np > 2) pc->np = 2;
}

/* Each pane's columns: 行次, and the model column of each header; a pane
 * with no header we know reads its first unknown column as 合计 (04) or
 * the first column. */
static void pane_map(tctx *t, const jue_table *tab, pane_cols *pc)
{
    pc->line_col[0] = pc->line_col[1] = -1;
    for (int s = 0; s < pc->np; s++) {
        for (int col = 0; col < REC_MAX_COLS; col++) pc->map[s][col] = -1;
        int unknown = -1, nmapped = 0;
        for (int col = pc->start[s] + 1; col < pane_end(pc, s); col++) {
            char lf[MAXK];
            jue_rec_leaf(t, col, lf);
            if (!strcmp(lf, "行次")) { pc->line_col[s] = col; continue; }
            int m = jue_rec_col_wrapped(t, tab, col, lf, s + 1);
            if (m >= 0) { pc->map[s][col] = m; nmapped++; }
            else if (unknown < 0) unknown = col;
        }
        if (!nmapped && unknown >= 0)
            pc->map[s][unknown] = t->id == JUE_T04 ? jue_table_find_col(tab, JUE_L_TOTAL) : 0;
    }
}

/* Whether the side's last line, one no alias knows, and piece nm make a
 * line the side knows (the piece may be a known word itself: "支出");
 * with bare, only a last line with no 行次 and no figure yet. */
static bool joins_last(tctx *t, const pane_rows *s, int sd, const char *nm, bool bare)
{
    if (!s->unknown_last[sd] || !s->P[sd].n) return false;
    const prow *q = &s->P[sd].r[s->P[sd].n - 1];
    if (bare && (q->line_no || q->nv)) return false;
    char two[512], k[MAXK];
    snprintf(two, sizeof two, "%s%s", q->name, nm);
    pane_state probe = s->ps[sd];
    jue_level lv;
    bool total;
    return line_key(t, sd + 1, two, &probe, k, sizeof k, &lv, &total);
}

/* Rows of 01/04 that hold no line: blank, 栏次, the heading printed again,
 * page furniture, a 收入 or 支出 heading (支出 turns a one-pane table to its
 * expenditure lines). */
static bool pane_skip(tctx *t, const pane_cols *pc, pane_rows *s, size_t i)
{
    jue_grow *r = &t->g->rows[i];
    if (!jue_grow_filled(r) || jue_rec_lanci(r)) return true;
    r->used = true;
    if (i > t->body && pane_header_again(s->head, r)) return true;
    const char *only = jue_rec_single_text(r);
    /* the rest of a name wrapped in its cell ("二十二、灾害防治及应急管理" /
     * "支出"; "出", printed alone often enough to look like a running head) */
    for (int sd = 0; sd < pc->np && only; sd++)
        if (joins_last(t, s, sd, only, false)) return false;
    if (jue_rec_furniture(t, i) || jue_rec_pane_gap(t, i)) return true;
    if (!only) return false;
    char k[MAXK];
    jue_rec_key(only, k);
    const char *o = jue_imp_skip_ordinal(k);
    if (!strcmp(o, "收入")) return true;
    if (!strcmp(o, "支出")) { s->turned = pc->np == 1; return true; }
    return false;
}

/* One pane printed as income lines then expenditure lines: the side turns
 * at the first line only the expenditure side knows. */
static void maybe_turn(tctx *t, pane_rows *s, const char *nm)
{
    pane_state probe = s->ps[0];
    char k2[MAXK];
    jue_level lv;
    bool total;
    if (!line_key(t, 1, nm, &probe, k2, sizeof k2, &lv, &total)) {
        probe = s->ps[1];
        s->turned = line_key(t, 2, nm, &probe, k2, sizeof k2, &lv, &total);
    }
}

/* A name wrapped in its cell ("七、文化旅游体育与传媒支" / "出"): two pieces
 * no line knows that make one it does. The side's last line, renamed, or
 * NULL (c->nomem when memory ran out). */
static prow *join_wrapped(tctx *t, pane_rows *s, int sd, const char *nm)
{
    prows *P = &s->P[sd];
    prow *q = &P->r[P->n - 1];
    size_t n1 = strlen(q->name), n2 = strlen(nm);
    char *joined = malloc(n1 + n2 + 1);
    if (!joined) { t->c->nomem = true; return NULL; }
    memcpy(joined, q->name, n1);
    memcpy(joined + n1, nm, n2 + 1);
    char jk[MAXK];
    jue_level lv;
    bool total;
    if (!line_key(t, sd + 1, joined, &s->ps[sd], jk, sizeof jk, &lv, &total)) { free(joined); return NULL; }
    char *nk = jue_rec_prow_str(P, jk);
    if (!nk) { free(joined); t->c->nomem = true; return NULL; }
    jue_rec_prow_drop(P, q->key);
    jue_rec_prow_drop(P, q->name);
    q->key = nk;
    q->name = joined;
    q->level = lv;
    q->total = total;
    return q;
}

/* Row r's 行次 (when p has none) and figures of pane s, to line p. */
static void pane_fill(const pane_cols *pc, int s, const jue_grow *r, prow *p)
{
    if (pc->line_col[s] >= 0 && !p->line_no) {
        char fb[MAXK];
        const char *f = jue_rec_fold_of(jue_grow_text(r, pc->line_col[s]), fb);
        if (jue_rec_digits(f) && strlen(f) < 6) p->line_no = jue_rec_digits_value(f);
    }
    for (int col = pc->start[s] + 1; col < pane_end(pc, s); col++)
        if (pc->map[s][col] >= 0 && col < (int)r->n && r->cells[col].text[0] && !r->cells[col].copy)
            jue_rec_pval_add(p, &r->cells[col], pc->map[s][col], r->line);
}

/* A row of pane s with no name but its 行次 (the name printed on the lines
 * around it): its figures go to the side's last line when that is a piece
 * of a name with no 行次 and no figure of its own yet. */
static void pane_nameless(const pane_cols *pc, pane_rows *s, const jue_grow *r, int pane, int sd)
{
    if (pc->line_col[pane] < 0 || !s->unknown_last[sd] || !s->P[sd].n) return;
    prow *q = &s->P[sd].r[s->P[sd].n - 1];
    char fb[MAXK];
    const char *f = jue_rec_fold_of(jue_grow_text(r, pc->line_col[pane]), fb);
    if (q->line_no || q->nv || !jue_rec_digits(f)) return;
    pane_fill(pc, pane, r, q);
}

/* The line named nt in pane s of row r: pane s's columns, the side's rows. */
static void pane_line(tctx *t, const pane_cols *pc, pane_rows *s, const jue_grow *r, int pane, const char *nt)
{
    rc *c = t->c;
    int sd = pc->np == 1 && s->turned ? 1 : pane;
    if (!nt[0]) { pane_nameless(pc, s, r, pane, sd); return; }
    char nb[MAXK], *heap;   /* the name, on the stack unless it is long */
    const char *nm = jue_rec_name_on(nt, nb, &heap);
    if (!nm) { c->nomem = true; return; }
    if (pc->np == 1 && !s->turned) maybe_turn(t, s, nm);
    sd = pc->np == 1 && s->turned ? 1 : pane;
    char key[MAXK];
    jue_level lv;
    bool total;
    bool known = line_key(t, sd + 1, nm, &s->ps[sd], key, sizeof key, &lv, &total);
    prow *p = NULL;
    if ((!known && s->unknown_last[sd] && s->P[sd].n) || joins_last(t, s, sd, nm, true)) {
        p = join_wrapped(t, s, sd, nm);
        if (c->nomem) { free(heap); return; }
        known = known || p != NULL;
    }
    s->unknown_last[sd] = !known;
    if (!p) {
        p = jue_rec_prow_add(c, &s->P[sd]);
        if (!p) { free(heap); return; }
        p->key = jue_rec_prow_str(&s->P[sd], key);
        p->name = heap ? heap : jue_rec_prow_str(&s->P[sd], nm);
        heap = NULL;
        p->level = lv;
        p->side = sd == 0 ? JUE_SIDE_INCOME : JUE_SIDE_EXPEND;
        p->total = total;
        p->src_line = r->line;
        p->page = r->page;
        if (!p->key || !p->name) { c->nomem = true; return; }
    }
    free(heap);
    pane_fill(pc, pane, r, p);
    if (s->lifted) pane_fill(pc, pane, s->lifted, p);
}

/* The pane of a row of one text left of the second pane's column (a copy
 * that gives each line's cells from the left): by where it is printed,
 * nearer the names of the first pane or of the second on the rows around. */
static int lone_pane(tctx *t, const pane_cols *pc, size_t i, const jue_gcell *lone)
{
    if (pc->np < 2) return 0;
    if (lone - t->g->rows[i].cells >= pc->start[1]) return 1;
    float x = jue_rec_start_of(lone), x0 = 0, x1 = 0;
    for (size_t d = 1; d <= 3 && x > 0 && (x0 <= 0 || x1 <= 0); d++)
        for (int dir = -1; dir <= 1; dir += 2) {
            size_t k = dir < 0 ? i - d : i + d;
            if ((dir < 0 && i < t->body + d) || k >= t->end) continue;
            const jue_grow *r = &t->g->rows[k];
            for (int p = 0; p < 2; p++) {
                float *xp = p ? &x1 : &x0;
                if (*xp <= 0 && pc->start[p] < (int)r->n && r->cells[pc->start[p]].text[0] && !jue_rec_lone_cell(r))
                    *xp = jue_rec_start_of(&r->cells[pc->start[p]]);
            }
        }
    return x1 > 0 && x > 0 && 2 * x >= x0 + x1 ? 1 : 0;
}

/* The next lone text within three filled rows after row i, or "". */
static const char *next_piece(const tctx *t, size_t i)
{
    for (int d = 1; d <= 3; d++) {
        size_t k = filled_away(t, i, d);
        const jue_gcell *c = k == SIZE_MAX || k >= t->end ? NULL : jue_rec_lone_cell(&t->g->rows[k]);
        if (c && !jue_rec_cell_amount(c)) return c->text;
    }
    return "";
}

/* Whether side sd knows piece nm of row i: it ends the side's pending
 * piece, or is a line of the side alone or with the next piece. */
static bool knows(tctx *t, const pane_rows *s, int sd, const char *nm, size_t i)
{
    if (joins_last(t, s, sd, nm, false)) return true;
    char two[512], k[MAXK];
    snprintf(two, sizeof two, "%s%s", nm, next_piece(t, i));
    bool hit = false;
    for (int w = 0; w < 2 && !hit; w++) {
        char *name = jue_rec_name(w ? two : nm);
        if (!name) { t->c->nomem = true; return false; }
        jue_level lv;
        bool total;
        pane_state probe = s->ps[sd];
        hit = line_key(t, sd + 1, name, &probe, k, sizeof k, &lv, &total);
        free(name);
    }
    return hit;
}

/* The pane whose columns hold printed column col. */
static int pane_of_col(const pane_cols *pc, int col)
{
    int s = 0;
    while (s + 1 < pc->np && col >= pc->start[s + 1]) s++;
    return s;
}

/* The column of names of pane k when its 项目 column is blank: names
 * printed flush left under a 项目 centred over them, which a copy placing
 * each character by where it stands across the page (`pdftotext -fixed`)
 * puts in a column of their own, just left of it and past the pane before's
 * figures. Such a column holds texts other than figures, on three rows or
 * more whose 项目 column is blank; -1 when there is none. */
static int names_left(const tctx *t, const pane_cols *pc, int k)
{
    int col = pc->start[k], left = col - 1, floor = 0;
    for (int c = k ? pc->start[k - 1] + 1 : 0; k && c < col; c++)
        if (pc->map[k - 1][c] >= 0 || pc->line_col[k - 1] == c) floor = c + 1;
    int ps = left >= 0 ? pane_of_col(pc, left) : 0;
    if (left < floor || pc->map[ps][left] >= 0 || pc->line_col[ps] == left) return -1;
    int n = 0;
    for (size_t i = t->body; i < t->end && n < 3; i++) {
        const jue_grow *r = &t->g->rows[i];
        n += left < (int)r->n && r->cells[left].text[0] && !r->cells[left].copy &&
             !jue_rec_cell_amount(&r->cells[left]) && !jue_grow_text(r, col)[0];
    }
    return n >= 3 ? left : -1;
}

/* Row r's name column of pane k: its 项目 column, or when that is blank
 * the pane's column of names left of it (names_left). */
static int name_col(const pane_cols *pc, const jue_grow *r, int k)
{
    int col = pc->start[k];
    if (col < (int)r->n && r->cells[col].text[0]) return col;
    int left = pc->names_left[k];
    return left >= 0 && left < (int)r->n && r->cells[left].text[0] && !r->cells[left].copy &&
           !jue_rec_cell_amount(&r->cells[left]) ? left : col;
}

/* Row i's lines: a row of one text (a piece of a wrapped name) in the
 * pane it is printed in, else each pane's name cell. */
static void pane_row_lines(tctx *t, const pane_cols *pc, pane_rows *s, size_t i)
{
    const jue_grow *r = &t->g->rows[i];
    const jue_gcell *lone = jue_rec_lone_cell(r);
    if (lone && !jue_rec_cell_amount(lone)) {
        int k = lone_pane(t, pc, i, lone);
        if (pc->np == 2 && !knows(t, s, k, lone->text, i) && knows(t, s, 1 - k, lone->text, i)) k = 1 - k;
        if (lone - r->cells != pc->start[k]) { pane_line(t, pc, s, r, k, lone->text); return; }
    }
    for (int k = 0; k < pc->np && !t->c->nomem; k++) {
        int col = name_col(pc, r, k);
        bool copy = col < (int)r->n && r->cells[col].copy;
        pane_line(t, pc, s, r, k, copy ? "" : jue_grow_text(r, col));
    }
}

/* Whether row r holds figures only (amounts with a decimal point or a
 * separator: no 栏次, no page number), none in a name or 行次 column. */
static bool figures_only(const pane_cols *pc, const jue_grow *r)
{
    size_t n = 0;
    for (size_t c = 0; c < r->n; c++) {
        const jue_gcell *g = &r->cells[c];
        if (!g->text[0] || g->copy) continue;
        int s = pane_of_col(pc, (int)c);
        if (!jue_rec_cell_amount(g) || !strpbrk(g->text, ".,") || (int)c == pc->start[s] || (int)c == pc->line_col[s])
            return false;
        n++;
    }
    return n > 0;
}

#define LIFTED_DOUBT "有一行只有数字、没有行名，分不清这些数字属于哪一行"

/* Whether row r holds a figure (with a point or a separator) in a column no
 * heading of its pane names: a heading printed over two lines and placed
 * in two columns left of its figures (a copy placing each character where
 * it stands across the page), whose figures would be dropped unread; the
 * table is then set aside (recognize.c's doubt). */
static bool unheaded_figure(const pane_cols *pc, const jue_grow *r)
{
    for (size_t c = 0; c < r->n && c < REC_MAX_COLS; c++) {
        const jue_gcell *g = &r->cells[c];
        if (!g->text[0] || g->copy || !jue_rec_cell_amount(g) || !strpbrk(g->text, ".,")) continue;
        int s = pane_of_col(pc, (int)c);
        if (pc->map[s][c] < 0 && (int)c != pc->line_col[s] && (int)c != pc->start[s] && (int)c != pc->names_left[s])
            return true;
    }
    return false;
}

/* Whether the figures of row fig are those of row r, the line under it: a
 * row printed over two lines, its figures a line above its names
 * (pdftotext -layout prints a figure whose baseline is set a little higher
 * on a line of its own). Every figure's pane has a name on r, and r's cell
 * under each figure is blank. */
static bool lifted_onto(const pane_cols *pc, const jue_grow *fig, const jue_grow *r)
{
    for (size_t c = 0; c < fig->n; c++) {
        if (!fig->cells[c].text[0] || fig->cells[c].copy) continue;
        int st = pc->start[pane_of_col(pc, (int)c)];
        if (c < r->n && r->cells[c].text[0]) return false;
        if (st >= (int)r->n || !r->cells[st].text[0] || r->cells[st].copy) return false;
    }
    return true;
}

/* Row i, figures only: held for the row under it (lifted_onto), or no line
 * of the table can be told for them and the table is set aside. Whether
 * row i was such a row. */
static bool figures_row(tctx *t, const pane_cols *pc, pane_rows *s, size_t i)
{
    jue_grow *r = &t->g->rows[i];
    if (!figures_only(pc, r)) return false;
    r->used = true;
    if (i + 1 < t->end && lifted_onto(pc, r, &t->g->rows[i + 1])) s->lifted = r;
    else t->c->doubt[t->id] = LIFTED_DOUBT;
    return true;
}

/* The heading printed again from row i on (a page break: a text copy
 * places each page's columns on its own, so its cells may stand at other
 * indices than the first page's): the columns read again from it, kept
 * when they name the same panes and as many columns of each. */
static void pane_remap(tctx *t, const head_keys *hk, const jue_table *tab, pane_cols *pc, size_t i)
{
    tctx h = *t;
    h.nhdr = 0;
    for (size_t k = i; k < t->end && h.nhdr < REC_MAX_HDR; k++) {
        const jue_grow *r = &t->g->rows[k];
        if (!jue_grow_filled(r)) continue;
        if (!pane_header_again(hk, r)) break;
        h.hdr[h.nhdr++] = k;
    }
    if (!h.nhdr) return;
    pane_cols again;
    pane_starts(&h, &again);
    pane_map(&h, tab, &again);
    for (int k = 0; k < 2; k++) again.names_left[k] = k < again.np ? names_left(t, &again, k) : -1;
    if (again.np != pc->np) return;
    for (int s = 0; s < pc->np; s++) {
        int was = 0, now = 0;
        for (int col = 0; col < REC_MAX_COLS; col++) was += pc->map[s][col] >= 0, now += again.map[s][col] >= 0;
        if (was != now || (pc->line_col[s] >= 0) != (again.line_col[s] >= 0)) return;
    }
    *pc = again;
}

void jue_rec_pane_table(tctx *t, jue_table *tab)
{
    pane_cols pc;
    pane_starts(t, &pc);
    pane_map(t, tab, &pc);
    for (int k = 0; k < 2; k++) pc.names_left[k] = k < pc.np ? names_left(t, &pc, k) : -1;
    pane_rows s;
    memset(&s, 0, sizeof s);
    head_keys hk = head_keys_of(t);
    s.head = &hk;
    /* the first row's figures, printed above it among the heading rows */
    size_t up = t->nabove ? t->above[t->nabove - 1] : 0;
    if (up + 1 == t->body && t->body < t->end && figures_only(&pc, &t->g->rows[up]) &&
        lifted_onto(&pc, &t->g->rows[up], &t->g->rows[t->body]))
        s.lifted = &t->g->rows[up];
    for (size_t i = t->body; i < t->end && !t->c->nomem; i++) {
        if (i > t->body && pane_header_again(&hk, &t->g->rows[i]) && (i == 0 || !pane_header_again(&hk, &t->g->rows[i - 1])))
            pane_remap(t, &hk, tab, &pc, i);
        if (figures_row(t, &pc, &s, i)) continue;
        bool skip = pane_skip(t, &pc, &s, i);
        if (skip && s.lifted && jue_grow_filled(&t->g->rows[i])) t->c->doubt[t->id] = LIFTED_DOUBT;
        if (skip) continue;
        pane_row_lines(t, &pc, &s, i);
        t->c->unheaded[t->id] |= unheaded_figure(&pc, &t->g->rows[i]);
        s.lifted = NULL;
    }
    for (int k = 0; k < 2; k++) {
        jue_rec_emit(t, tab, &s.P[k]);
        jue_rec_prows_free(&s.P[k]);
    }
    free(hk.k);
}
