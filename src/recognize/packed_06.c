/* Table 06 printed with single spaces (`pdftotext -raw`, a copy from a PDF
 * viewer): its panes side by side on one line, "301 工资福利支出 655.36 302
 * 商品和服务支出 121.50 307 债务利息及费用支出", nothing where a figure is
 * blank. The body's cells are read as one stream, line by line and left to
 * right, cut into groups: a 类/款 code (a 3-digit 类 and its 2-digit 款
 * printed apart are one), the words of its name, at most one figure; or
 * 人员经费合计 / 公用经费合计 and its figure. So any number of panes in any
 * order of codes reads alike, and a name wrapped onto the lines after its
 * code ("30108" / "机关事业单位基本养老保" / "险缴费" / "446.11 30206 电费 18.86")
 * goes on with its group while the catalog's name of the code goes on so.
 * Nothing uncertain is guessed: the table is set aside (t->c->doubt) when
 *  - a figure has no group to take it (after a group's figure, or first);
 *  - words start no group and complete no single group's name to the
 *    catalog's (the rest of a name printed after the groups beside it:
 *    "老保险缴费" under "30108 机关事业单位基本养 …" is 30108's);
 *  - a code stands where the open group's figure may, with no name after it
 *    (a whole number the catalog knows as a code: which one is not known);
 *  - a code is read twice, or a line kept whole holds figures.
 * A group that took a piece from another line was read with a choice: the
 * table's sums must then hold (src/import/confidence.c, 类 = Σ 款 and
 * 人员经费合计 / 公用经费合计 = their 类), else it is set aside too. */
#include "recognize/recognize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DOUBT_FIGURE "表行以单个空格分隔，有数字前面没有科目编码和名称，分不清属于哪一科目"
#define DOUBT_WORDS "表行以单个空格分隔，有一段科目名称不跟在编码后面，分不清属于哪一科目"
#define DOUBT_NUMBER "表行以单个空格分隔，有整数分不清是科目编码还是金额"
#define DOUBT_TWICE "表行以单个空格分隔，同一科目编码读到两次"
#define DOUBT_WHOLE "表行以单个空格分隔，有一行没有拆开，分不清其中的科目和数字"

enum { T_NONE, T_WORD, T_FIG, T_CODE, T_LABEL };

/* One cell of the body and its grid row. */
typedef struct {
    const jue_gcell *cell;
    size_t row;
    bool furniture;     /* a line passed over as page furniture (furniture_piece) */
} tok;

typedef struct {
    tctx *t;
    prows P;
    int val_col;
    tok *k;
    size_t n, cap;
    long open;          /* the group taking words and a figure (index in P), -1 none */
    size_t at;          /* the grid row of the open group's last piece */
    const char *doubt;
    bool wrapped;       /* a group took a piece from another line */
    bool whole_figures; /* the table prints figures without decimals (元): a code may be one */
} rd;

/* Rows of the body that hold no group: 栏次, page furniture, 续表 and the
 * heading printed again after a page break (a code alone on its line is no
 * page number). */
static bool passed_over(tctx *t, size_t i)
{
    const jue_grow *r = &t->g->rows[i];
    if (jue_rec_06_row(t, r)) return false;
    return jue_rec_lanci(r) || jue_rec_furniture(t, i) || (i > t->body && jue_rec_repeat(t, i));
}

/* Whether code is one of the economic classification (any code when no
 * catalog was given). */
static bool known_code(const rd *R, const char *code)
{
    return !R->t->c->cat || jue_rec_catalog_name(R->t->c, JUE_CAT_ECONOMIC, code);
}

/* Whether row i is passed over as page furniture alone (a text printed
 * alone on three lines or more), not as a page number, 栏次 or heading. */
static bool furniture_only(tctx *t, size_t i)
{
    const jue_grow *r = &t->g->rows[i];
    const char *s = jue_rec_single_text(r);
    return s && !jue_rec_page_number(s) && !jue_rec_lanci(r) && !(i > t->body && jue_rec_repeat(t, i)) &&
           jue_rec_furniture(t, i);
}

/* The body's cells in reading order into R->k; the rows marked used. */
static void collect(rd *R)
{
    tctx *t = R->t;
    for (size_t i = t->body; i < t->end && !t->c->nomem; i++) {
        jue_grow *r = &t->g->rows[i];
        if (!jue_grow_filled(r)) continue;
        r->used = true;
        bool furniture = false;
        if (passed_over(t, i) && !(furniture = furniture_only(t, i))) continue;
        for (size_t q = 0; q < r->n; q++) {
            if (!r->cells[q].text[0] || r->cells[q].copy) continue;
            if (R->n == R->cap) {
                size_t nc = R->cap ? R->cap * 2 : 64;
                tok *nk = realloc(R->k, nc * sizeof *nk);
                if (!nk) { t->c->nomem = true; return; }
                R->k = nk;
                R->cap = nc;
            }
            R->k[R->n++] = (tok){ &r->cells[q], i, furniture };
            if (furniture) continue;
            const char *s = r->cells[q].text;
            char code[16];
            bool shaped = jue_rec_econ_code(s, code);
            R->whole_figures |= shaped ? !known_code(R, code) : jue_rec_amount(s) && !strpbrk(s, ".,");
        }
    }
}

/* What cell j is; code gets a code (inline: the name after it in the cell). */
static int kind(const rd *R, size_t j, char code[16], const char **inl)
{
    if (inl) *inl = NULL;
    if (j >= R->n) return T_NONE;
    const char *s = R->k[j].cell->text;
    char tmp[16];
    if (!code) code = tmp;
    if (jue_rec_econ_code(s, code)) return T_CODE;
    if (jue_rec_inline_econ(s, code, inl)) return T_CODE;
    if (jue_rec_econ_label(R->t->c, s)) return T_LABEL;
    if (jue_rec_amount(s) || jue_rec_dashes(s)) return T_FIG;
    return T_WORD;
}

/* The open group while it has no figure yet, else NULL. */
static prow *wanting(rd *R)
{
    if (R->open < 0) return NULL;
    prow *g = &R->P.r[R->open];
    return g->nv ? NULL : g;
}

static bool have_code(const rd *R, const char *code)
{
    for (size_t i = 0; i < R->P.n; i++)
        if (!strcmp(R->P.r[i].key, code)) return true;
    return false;
}

/* A new group at cell j: a code (and its side) or a total label. */
static prow *open_group(rd *R, size_t j, const char *key, const char *name, bool total, jue_side side)
{
    prow *p = jue_rec_prow_add(R->t->c, &R->P);
    if (!p) return NULL;
    const jue_grow *r = &R->t->g->rows[R->k[j].row];
    p->key = jue_strdup(key);
    p->name = jue_rec_name(name);
    p->total = total;
    p->side = side;
    p->level = total ? JUE_LEVEL_NONE : jue_code_level(JUE_CAT_ECONOMIC, key);
    p->src_line = r->line;
    p->page = r->page;
    if (!p->key || !p->name) { R->t->c->nomem = true; return NULL; }
    R->open = (long)R->P.n - 1;
    R->at = R->k[j].row;
    return p;
}

static void on_figure(rd *R, size_t j)
{
    prow *g = wanting(R);
    if (!g) { R->doubt = DOUBT_FIGURE; return; }
    R->wrapped |= R->k[j].row != R->at;
    jue_rec_pval_add(g, R->k[j].cell, R->val_col, R->t->g->rows[R->k[j].row].line);
    R->open = -1;
}

/* A code at cell j: a group of its own — but where the open group's figure
 * may stand with no name after it, a whole number the catalog does not
 * know as a code is that figure. The last cell read. */
static size_t on_code(rd *R, size_t j, char code[16], const char *inl)
{
    char nx[16];
    size_t last = j;
    int kn = kind(R, j + 1, nx, NULL);
    /* 类 and 款 printed apart: "301 01 基本工资" */
    char part[MAXK];
    jue_rec_fold(j + 1 < R->n ? R->k[j + 1].cell->text : "", part);
    if (!inl && strlen(code) == 3 && strlen(part) == 2 && jue_rec_digits(part) && kind(R, j + 2, NULL, NULL) == T_WORD) {
        strcat(code, part);
        last = j + 1;
        kn = T_WORD;
    }
    if (!inl && kn != T_WORD && wanting(R)) {
        /* no code of the catalog: a whole number, the open group's figure */
        if (!known_code(R, code)) { on_figure(R, j); return last; }
        /* one, in a table that prints whole numbers too: either */
        if (R->whole_figures) { R->doubt = DOUBT_NUMBER; return last; }
    }
    /* a line the door kept whole ("30101 基本工资 4000 30201 办公费"): its groups are not known */
    if (inl && strpbrk(inl, "0123456789")) { R->doubt = DOUBT_WHOLE; return last; }
    if (have_code(R, code)) { R->doubt = DOUBT_TWICE; return last; }
    jue_side side = (!strncmp(code, "301", 3) || !strncmp(code, "303", 3)) ? JUE_SIDE_PERSONNEL : JUE_SIDE_PUBLIC;
    open_group(R, last, code, inl ? inl : "", false, side);
    return last;
}

/* 人员经费合计 / 公用经费合计 at cell j, or a bare 人员经费 (a pane's
 * heading, no figure after it: passed over). */
static void on_label(rd *R, size_t j)
{
    const char *s = R->k[j].cell->text;
    int lab = jue_rec_econ_label(R->t->c, s);
    char key[MAXK];
    jue_rec_key(s, key);
    if (!strstr(key, "合计") && kind(R, j + 1, NULL, NULL) != T_FIG) return;
    open_group(R, j, lab == 1 ? JUE_L6_PERSONNEL : JUE_L6_PUBLIC, s, true,
               lab == 1 ? JUE_SIDE_PERSONNEL : JUE_SIDE_PUBLIC);
}

/* Whether g's name with piece after it is (the start of) the catalog's name
 * of its code; whole: the name so far is not the whole of it yet. */
static bool completes(const rd *R, const prow *g, const char *piece, bool whole)
{
    const char *cn = g->total ? NULL : jue_rec_catalog_name(R->t->c, JUE_CAT_ECONOMIC, g->key);
    if (!cn) return false;
    char a[MAXK], b[MAXK], joined[MAXK];
    jue_rec_key(cn, b);
    jue_rec_key(g->name, a);
    if (whole && !strcmp(a, b)) return false;
    snprintf(joined, sizeof joined, "%s%s", g->name, piece);
    jue_rec_key(joined, a);
    return a[0] && !strncmp(a, b, strlen(a));
}

static void add_words(rd *R, prow *g, const char *piece)
{
    size_t n = strlen(g->name) + strlen(piece) + 1;
    char *j = malloc(n);
    if (!j) { R->t->c->nomem = true; return; }
    snprintf(j, n, "%s%s", g->name, piece);
    char *nm = jue_rec_name(j);
    free(j);
    if (!nm) { R->t->c->nomem = true; return; }
    free(g->name);
    g->name = nm;
}

/* Words from cell j that go on no open group: the rest of a name printed
 * after the groups beside it, with its figure maybe. They go to the one
 * group whose name they complete to the catalog's (and that lacks the
 * figure, when they have one); none or two: doubt. The last cell read. */
static size_t loose_piece(rd *R, size_t j)
{
    char piece[MAXK];
    piece[0] = '\0';
    size_t e = j;
    for (; e < R->n && kind(R, e, NULL, NULL) == T_WORD; e++)
        strncat(piece, R->k[e].cell->text, sizeof piece - strlen(piece) - 1);
    bool fig = kind(R, e, NULL, NULL) == T_FIG;
    long hit = -1;
    for (size_t q = 0; q < R->P.n; q++) {
        const prow *g = &R->P.r[q];
        if ((fig && g->nv) || !completes(R, g, piece, true)) continue;
        if (hit >= 0) { R->doubt = DOUBT_WORDS; return e; }
        hit = (long)q;
    }
    if (hit < 0) { R->doubt = DOUBT_WORDS; return e; }
    add_words(R, &R->P.r[hit], piece);
    R->wrapped = true;
    R->open = fig ? hit : -1;
    R->at = R->k[e - 1].row;
    if (!fig) return e - 1;
    on_figure(R, e);
    return e;
}

/* Words at cell j: the open group's name, on its line or going on to the
 * catalog's name of its code on the next; else a loose piece. */
static size_t on_words(rd *R, size_t j)
{
    prow *g = wanting(R);
    const char *w = R->k[j].cell->text;
    if (g && !g->total && (R->k[j].row == R->at || completes(R, g, w, false))) {
        R->wrapped |= R->k[j].row != R->at;
        add_words(R, g, w);
        R->at = R->k[j].row;
        return j;
    }
    return loose_piece(R, j);
}

/* The labels of a cell kept whole ("人员经费合计 公用经费合计", the totals
 * line of a blank form): each a total of no figure; false when a part of
 * it is no 人员经费/公用经费 label. */
static bool labels_alone(rd *R, size_t j)
{
    char f[MAXK];
    jue_rec_copy(f, sizeof f, R->k[j].cell->text);
    int labs[8], n = 0;
    for (char *save = NULL, *w = strtok_r(f, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
        char key[MAXK];
        jue_rec_key(w, key);
        if (n == 8 || !strstr(key, "合计") || !(labs[n++] = jue_rec_econ_label(R->t->c, w))) return false;
    }
    for (int i = 0; i < n; i++)
        open_group(R, j, labs[i] == 1 ? JUE_L6_PERSONNEL : JUE_L6_PUBLIC, labs[i] == 1 ? JUE_L6_PERSONNEL : JUE_L6_PUBLIC,
                   true, labs[i] == 1 ? JUE_SIDE_PERSONNEL : JUE_SIDE_PUBLIC);
    R->open = -1;
    return n > 0;
}

/* A line passed over as page furniture (its text is alone on three lines
 * or more) that carries the open group's name on to the catalog's name of
 * its code is the rest of that name, cut off by a wrap: "307 债务利息及费用" /
 * "支出", where other cuts left 支出 alone on its line too. Else it is passed
 * over as before. */
static void furniture_piece(rd *R, size_t j)
{
    prow *g = wanting(R);
    const char *w = R->k[j].cell->text;
    if (!g || g->total || !completes(R, g, w, false)) return;
    R->wrapped = true;
    add_words(R, g, w);
    R->at = R->k[j].row;
}

static void read_stream(rd *R)
{
    for (size_t j = 0; j < R->n && !R->doubt && !R->t->c->nomem; j++) {
        char code[16];
        const char *inl;
        if (R->k[j].furniture) {
            furniture_piece(R, j);
            continue;
        }
        switch (kind(R, j, code, &inl)) {
        case T_CODE: j = on_code(R, j, code, inl); break;
        case T_LABEL: on_label(R, j); break;
        case T_FIG: on_figure(R, j); break;
        default:
            if (!labels_alone(R, j)) j = on_words(R, j);
            break;
        }
    }
}

/* Whether most lines of groups in t's body are printed with single spaces
 * (the lines of a name's pieces not counted). */
static bool grouped_body(tctx *t)
{
    int packed = 0, rows = 0;
    for (size_t i = t->body; i < t->end; i++) {
        const jue_grow *r = &t->g->rows[i];
        packed += r->packed;
        rows += r->packed || jue_rec_06_row(t, r);
    }
    return packed && packed * 2 >= rows;
}

bool jue_rec_06_packed(tctx *t, jue_table *tab)
{
    if (!grouped_body(t)) return false;
    rd R = { .t = t, .val_col = jue_table_find_col(tab, JUE_C_ACTUAL), .open = -1 };
    collect(&R);
    read_stream(&R);
    free(R.k);
    if (R.doubt) {
        t->c->doubt[t->id] = R.doubt;
        jue_rec_prows_free(&R.P);
        return true;
    }
    t->c->grouped[t->id] = true;
    t->c->chose[t->id] |= R.wrapped;
    jue_rec_06_emit(t, tab, &R.P);
    return true;
}
