/* Table 06: code/name/value triples across the page, the side (人员经费 or
 * 公用经费) by economic class. */
#include "recognize/recognize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool jue_rec_econ_code(const char *s, char out[16])
{
    if (jue_rec_starts_chinese(s)) return false;   /* a name: no fold needed */
    /* ASCII digits up to the end, or up to an ASCII byte the fold keeps
     * (a figure's ',' or '.'): the fold is the text, or holds that byte */
    size_t d = 0;
    while (s[d] >= '0' && s[d] <= '9') d++;
    if (!s[d] && (d == 3 || d == 5)) { memcpy(out, s, d + 1); return true; }
    unsigned char b = (unsigned char)s[d];
    if (!b || (b < 0x80 && b > ' ' && b != '*')) return false;
    char fb[MAXK];
    const char *f = jue_rec_fold_of(s, fb);
    size_t n = strlen(f);
    if (n && jue_rec_digits(f) && (n == 3 || n == 5)) { memcpy(out, f, n + 1); return true; }
    return false;
}

int jue_rec_econ_label(const rc *c, const char *s)
{
    char k[MAXK];
    jue_rec_key(s, k);
    const alias *a = jue_rec_alias(c, 'r', JUE_T06, 0, k);
    if (!a) return 0;
    return !strcmp(a->canon, JUE_L6_PERSONNEL) ? 1 : !strcmp(a->canon, JUE_L6_PUBLIC) ? 2 : 0;
}

/* A code and its name in one cell ("310资本性支出", as a copy joins them
 * when the gap is narrow; "399 其他支出", a line of one group the text door
 * keeps whole): the code, and where the name starts. */
bool jue_rec_inline_econ(const char *s, char out[16], const char **rest)
{
    size_t n = 0, sp = 0;
    while (s[n] >= '0' && s[n] <= '9') n++;
    while (s[n + sp] == ' ') sp++;
    if ((n != 3 && n != 5) || (unsigned char)s[n + sp] < 0x80) return false;
    memcpy(out, s, n);
    out[n] = '\0';
    if (rest) *rest = s + n + sp;
    return true;
}

/* Why 06 is set aside when a figure printed on its rows went to no
 * triple: where it belongs is not known, and the row it was meant for
 * would read blank — a 0 no finding may rest on. */
#define ORPHAN_06 "有数字没有对上任何科目，栏位读错了"

bool jue_rec_06_row(tctx *t, const jue_grow *r)
{
    char code[16];
    for (size_t i = 0; i < r->n; i++) {
        if (r->cells[i].copy) continue;
        if (jue_rec_econ_code(r->cells[i].text, code) || jue_rec_inline_econ(r->cells[i].text, code, NULL)) return true;
        /* 人员经费合计 (a bare 人员经费 is the pane heading) */
        if (jue_rec_econ_label(t->c, r->cells[i].text) && strstr(r->cells[i].text, "合计")) return true;
    }
    return false;
}

static int cmp_06(const void *a, const void *b)
{
    const prow *x = a, *y = b;
    if (x->side != y->side) return x->side < y->side ? -1 : 1;
    if (x->total != y->total) return x->total ? -1 : 1;
    /* each 款 under its 类, in code order, whichever pane a copy put it in */
    int cls = x->total ? 0 : strcmp(x->key, y->key);
    if (cls) return cls;
    if (x->pane != y->pane) return x->pane < y->pane ? -1 : 1;
    return (x->order > y->order) - (x->order < y->order);
}

/* Whether cell k of r starts the next code/name/value triple (a code
 * followed by a name) rather than being a value: a copy that loses blank
 * cells puts the next pane's code where a blank value was. */
static bool next_code(const jue_grow *r, size_t k)
{
    char code[16];
    if (!jue_rec_econ_code(r->cells[k].text, code) || k + 1 >= r->n) return false;
    const char *nm = r->cells[k + 1].text;
    return nm[0] && !jue_rec_amount(nm);
}

/* A code at cell k of row r with its name and figure after it ("30101 |
 * 基本工资 | 12.00"; 类 and 款 may be printed in two columns): a row of P.
 * The last cell of the triple. */
static size_t code_triple(tctx *t, prows *P, const jue_grow *r, size_t k, const char *code_in, int val_col)
{
    char code[16];
    jue_str_put(code, code + sizeof code, code_in, SIZE_MAX);
    /* 类 and 款 printed in two columns ("301 | 01 | 基本工资"): one code */
    size_t skip = 0;
    char two[MAXK];
    if (strlen(code) == 3 && k + 1 < r->n) {
        jue_rec_fold(r->cells[k + 1].text, two);
        if (strlen(two) == 2 && jue_rec_digits(two)) { strcat(code, two); skip = 1; }
        /* a 类 row leaves the 款 column blank: "301 |  | 工资福利支出 | 2,082.86" */
        else if (!two[0] && k + 2 < r->n && r->cells[k + 2].text[0] && !jue_rec_cell_amount(&r->cells[k + 2]))
            skip = 1;
    }
    k += skip;
    prow *p = jue_rec_prow_add(t->c, P);
    if (!p) return k;
    const char *inl = NULL;
    char tmp[16];
    bool joined = !skip && jue_rec_inline_econ(r->cells[k].text, tmp, &inl);
    p->key = jue_rec_prow_str(P, code);
    /* a figure right after the code: the name is printed on another line */
    bool bare = !joined && jue_rec_amount(jue_grow_text(r, (int)k + 1));
    p->name = jue_rec_prow_name(P, joined ? inl : bare ? "" : jue_grow_text(r, (int)k + 1));
    p->level = jue_code_level(JUE_CAT_ECONOMIC, code);
    p->side = (!strncmp(code, "301", 3) || !strncmp(code, "303", 3)) ? JUE_SIDE_PERSONNEL : JUE_SIDE_PUBLIC;
    p->pane = (int)k;
    p->src_line = r->line;
    p->page = r->page;
    if (!p->key || !p->name) { t->c->nomem = true; return k; }
    if (joined || bare) k--;   /* no name cell */
    /* no value: the cell after the name starts the next triple */
    if (k + 2 < r->n && next_code(r, k + 2)) return k + 1;
    if (k + 2 < r->n && r->cells[k + 2].text[0]) jue_rec_pval_add(p, &r->cells[k + 2], val_col, r->line);
    return k + 2;
}

/* Whether a figure follows cell k of r before the next label or code. */
static bool figure_follows(const rc *c, const jue_grow *r, size_t k)
{
    for (size_t q = k + 1; q < r->n; q++) {
        const jue_gcell *h = &r->cells[q];
        char cc[16];
        if (!h->text[0] || h->copy) continue;
        if (jue_rec_econ_label(c, h->text) || jue_rec_econ_code(h->text, cc)) return false;
        if (jue_rec_cell_amount(h)) return true;
    }
    return false;
}

/* A 人员经费/公用经费 (合计) label at cell k of row r (lab 1 or 2) with its
 * figure, the first non-blank cell before the next label or code: a total
 * row of P; a bare 人员经费/公用经费 without a figure is a heading. The last
 * cell read. */
static size_t label_total(tctx *t, prows *P, const jue_grow *r, size_t k, int lab, int val_col)
{
    const jue_gcell *g = &r->cells[k];
    char lk[MAXK];
    jue_rec_key(g->text, lk);
    if (!strstr(lk, "合计") && !figure_follows(t->c, r, k)) return k;
    prow *p = jue_rec_prow_add(t->c, P);
    if (!p) return k;
    p->key = jue_rec_prow_str(P, lab == 1 ? JUE_L6_PERSONNEL : JUE_L6_PUBLIC);
    p->name = jue_rec_prow_name(P, g->text);
    p->side = lab == 1 ? JUE_SIDE_PERSONNEL : JUE_SIDE_PUBLIC;
    p->total = true;
    p->pane = (int)k;
    p->src_line = r->line;
    p->page = r->page;
    if (!p->key || !p->name) { t->c->nomem = true; return k; }
    for (size_t q = k + 1; q < r->n; q++) {
        const jue_gcell *h = &r->cells[q];
        if (!h->text[0] || h->copy) continue;
        char cc[16];
        if (jue_rec_econ_label(t->c, h->text) || jue_rec_econ_code(h->text, cc)) break;
        jue_rec_pval_add(p, h, val_col, r->line);
        return q;
    }
    return k;
}

/* ---- triples printed over several lines -------------------------------- *
 * A copy of a PDF whose rows are tall prints a triple's name (or name and
 * figure) on the lines around its code: "30207" on one line, "邮电费  8.05"
 * under it; "机关事业单位基本" over "30108  6.18", "养老保险缴费" under it.
 * Such a line (no code, no 人员经费/公用经费 label) gives each of its cells
 * to the triple of the code row next to it whose pane holds the cell's
 * place (from its code to the next triple's code) and whose name or figure
 * is blank: the row above first, then the row below. */

typedef struct {
    size_t row;        /* grid row of the code */
    float lo, hi;      /* where its pane starts and the next one does */
    bool named;        /* its name was printed with the code */
    bool split;        /* its 类 and 款 in two columns: its lines are not read this way */
} triple_at;

/* Where a cell starts across the page (text column or box), 0 when not known. */
static float x_of(const jue_gcell *g)
{
    return g->pos > 0 ? (float)g->pos : g->box[2] > g->box[0] ? g->box[0] : 0;
}

/* The triples of P (rows made so far, from n0 on) read from row i. */
static void note_triples(const tctx *t, const prows *P, size_t n0, size_t i, triple_at *at)
{
    const jue_grow *r = &t->g->rows[i];
    for (size_t q = n0; q < P->n; q++) {
        const prow *p = &P->r[q];
        at[q].row = i;
        at[q].lo = p->pane < (int)r->n ? x_of(&r->cells[p->pane]) : 0;
        at[q].hi = 1e9f;
        at[q].named = p->name && p->name[0];
        char fb[MAXK];
        const char *f = jue_rec_fold_of(p->pane < (int)r->n ? r->cells[p->pane].text : "", fb);
        at[q].split = strlen(f) == 2;
        if (q > n0) at[q - 1].hi = at[q].lo;
    }
}

/* The triple of P for a cell at x on row i's neighbour row nb that lacks
 * what the cell is (a name, or a figure); -1 when none. */
static int triple_for(const prows *P, const triple_at *at, size_t nb, float x, bool figure)
{
    for (size_t q = 0; q < P->n; q++) {
        const prow *p = &P->r[q];
        if (at[q].row != nb || p->total || at[q].split || x < at[q].lo || x >= at[q].hi) continue;
        if (figure ? p->nv == 0 : !at[q].named) return (int)q;
    }
    return -1;
}

/* Whether piece key pk, put before (or after) p's name so far, is the name
 * of p's code in the catalog, or on its way to it (a name over three lines:
 * "公务用车" / "运行维护" / "费"): the catalog name starts with it when the
 * piece went before, ends with it when after… or holds it whole. */
static bool continues_name(const tctx *t, const prow *p, const char *pk, bool before)
{
    const char *cn = p->key ? jue_rec_catalog_name(t->c, JUE_CAT_ECONOMIC, p->key) : NULL;
    if (!cn) return false;
    char ck[MAXK], nk[MAXK], joined[2 * MAXK];
    jue_rec_key(cn, ck);
    jue_rec_key(p->name ? p->name : "", nk);
    snprintf(joined, sizeof joined, "%s%s", before ? pk : nk, before ? nk : pk);
    size_t cl = strlen(ck), jl = strlen(joined);
    return jl <= cl && (before ? !strcmp(ck + cl - jl, joined) || !strncmp(ck, joined, jl)
                               : !strncmp(ck, joined, jl) || !strcmp(ck + cl - jl, joined));
}

/* The named triple of P on row nb whose pane holds x and whose name the
 * piece continues towards its code's name in the catalog ("商品和服" +
 * "务支出"; "机关事业单位" before "基本养老保险缴费"): a name wrapped in its
 * cell, one of its lines printed with the code. -1 when none. */
static int named_for(const tctx *t, const prows *P, const triple_at *at, size_t nb, float x, const char *piece,
                     bool before)
{
    char pk[MAXK];
    jue_rec_key(piece, pk);
    for (size_t q = 0; q < P->n; q++) {
        const prow *p = &P->r[q];
        if (at[q].row != nb || p->total || at[q].split || x < at[q].lo || x >= at[q].hi || !at[q].named || !p->key)
            continue;
        if (continues_name(t, p, pk, before)) return (int)q;
    }
    return -1;
}

/* The code rows right above and under row i: the next row, or the one past
 * rows with nothing in them (a tall row's empty line, or what was left of a
 * line whose figure pieces were put back: wrapped.c) or with one text (the
 * other lines of a name over three), on the same page. */
static void code_rows_around(const tctx *t, size_t i, size_t nb[2])
{
    nb[0] = nb[1] = SIZE_MAX;
    for (int d = 0; d < 2; d++) {
        size_t k = i;
        for (int step = 0; step < 3; step++) {
            if (d == 0 ? k <= t->body : k + 1 >= t->end) break;
            k = d == 0 ? k - 1 : k + 1;
            const jue_grow *r = &t->g->rows[k];
            if (jue_rec_06_row((tctx *)t, r)) { nb[d] = k; break; }
            if (jue_grow_filled(r) > 1 || r->page != t->g->rows[i].page) break;
        }
    }
}

static void join_06_name(tctx *t, const prows *P, prow *p, const char *piece, bool before)
{
    char *nm = jue_rec_name(piece);
    if (!nm) { t->c->nomem = true; return; }
    size_t a = strlen(p->name ? p->name : ""), b = strlen(nm);
    char *j = malloc(a + b + 1);
    if (!j) { free(nm); t->c->nomem = true; return; }
    snprintf(j, a + b + 1, "%s%s", before ? nm : (p->name ? p->name : ""), before ? (p->name ? p->name : "") : nm);
    jue_rec_prow_drop(P, p->name);
    p->name = j;
    free(nm);
}

/* Row i, without a code: its cells to the triples around it. */
static void fragment_row(tctx *t, prows *P, const triple_at *at, size_t i, int val_col)
{
    const jue_grow *r = &t->g->rows[i];
    size_t nb[2];
    code_rows_around(t, i, nb);
    for (size_t k = 0; k < r->n; k++) {
        const jue_gcell *g = &r->cells[k];
        float x = x_of(g);
        if (!g->text[0] || g->copy || x <= 0) continue;
        bool figure = jue_rec_cell_amount(g);
        int q[2];
        for (int s = 0; s < 2; s++) q[s] = nb[s] != SIZE_MAX ? triple_for(P, at, nb[s], x, figure) : -1;
        /* both open: the one above, unless the piece is on its way to the
         * catalog's name of the one below only ("职工基本医疗保险" / 30110 /
         * "缴费" / "公务员医疗补助缴" / 30111 / "费": the fourth is 30111's) */
        bool below = q[0] < 0;
        if (!figure && q[0] >= 0 && q[1] >= 0) {
            char pk[MAXK];
            jue_rec_key(g->text, pk);
            below = !continues_name(t, &P->r[q[0]], pk, false) && continues_name(t, &P->r[q[1]], pk, true);
        }
        if (q[below] < 0 && !figure) {   /* the end (or start) of a name printed with its code */
            for (int s = 0; s < 2 && q[0] < 0 && q[1] < 0; s++)
                if (nb[s] != SIZE_MAX) q[s] = named_for(t, P, at, nb[s], x, g->text, s == 1);
            below = q[0] < 0;
        }
        if (q[below] < 0) {
            if (figure) t->c->doubt[t->id] = ORPHAN_06;
            continue;
        }
        if (figure) jue_rec_pval_add(&P->r[q[below]], g, val_col, r->line);
        else join_06_name(t, P, &P->r[q[below]], g->text, below);
    }
}

static bool fragment_06(const rc *c, const jue_grow *r)
{
    for (size_t k = 0; k < r->n; k++) {
        char code[16];
        if (r->cells[k].copy || !r->cells[k].text[0]) continue;
        char fb[MAXK];
        const char *f = jue_rec_fold_of(r->cells[k].text, fb);
        /* a 款 printed under its 类 ("01  办公费") belongs to a code, not a name */
        if (jue_rec_econ_code(r->cells[k].text, code) || jue_rec_inline_econ(r->cells[k].text, code, NULL) ||
            jue_rec_econ_label(c, r->cells[k].text) || (jue_rec_digits(f) && strlen(f) <= 2))
            return false;
    }
    return true;
}

/* Whether the row starts with a code or a 人员经费/公用经费 label: in text
 * wrapped at a width, a row that does not is the rest of a row the wrap
 * broke, and the cells it lost at the break cannot be told. */
static bool starts_triple(const rc *c, const jue_grow *r)
{
    for (size_t k = 0; k < r->n; k++) {
        const jue_gcell *g = &r->cells[k];
        if (!g->text[0] || g->copy) continue;
        char code[16];
        return jue_rec_econ_code(g->text, code) || jue_rec_econ_label(c, g->text);
    }
    return true;
}

void jue_rec_06(tctx *t, jue_table *tab)
{
    if (jue_rec_06_packed(t, tab)) return;
    rc *c = t->c;
    prows P = { 0 };
    int val_col = jue_table_find_col(tab, JUE_C_ACTUAL);
    size_t cap = 0;
    triple_at *at = NULL;
    for (size_t i = t->body; i < t->end && !c->nomem; i++) {
        jue_grow *r = &t->g->rows[i];
        if (!jue_grow_filled(r) || jue_rec_lanci(r)) continue;
        r->used = true;
        size_t n0 = P.n;
        if (c->doc->wrap_width && !starts_triple(c, r)) c->broken[t->id] = true;
        bool frag = fragment_06(c, r);   /* its figures are placed below */
        for (size_t k = 0; k < r->n && !c->nomem; k++) {
            const jue_gcell *g = &r->cells[k];
            if (!g->text[0] || g->copy) continue;
            char code[16];
            int lab;
            if (jue_rec_econ_code(g->text, code) || jue_rec_inline_econ(g->text, code, NULL)) k = code_triple(t, &P, r, k, code, val_col);
            else if ((lab = jue_rec_econ_label(c, g->text))) k = label_total(t, &P, r, k, lab, val_col);
            else if (!frag && jue_rec_cell_amount(g)) c->doubt[t->id] = ORPHAN_06;
        }
        if (P.n > cap) {
            size_t nc = P.cap;
            triple_at *na = realloc(at, nc * sizeof *na);
            if (!na) { c->nomem = true; break; }
            at = na;
            cap = nc;
        }
        note_triples(t, &P, n0, i, at);
    }
    /* the lines of triples printed around their codes, once every code row is read */
    for (size_t i = t->body; i < t->end && !c->nomem && at; i++) {
        const jue_grow *r = &t->g->rows[i];
        if (jue_grow_filled(r) && !jue_rec_lanci(r) && fragment_06(c, r)) fragment_row(t, &P, at, i, val_col);
    }
    free(at);
    jue_rec_06_emit(t, tab, &P);
}

void jue_rec_06_emit(tctx *t, jue_table *tab, prows *P)
{
    if (P->n > 1) qsort(P->r, P->n, sizeof *P->r, cmp_06);
    jue_rec_emit(t, tab, P);
    jue_rec_prows_free(P);
}
