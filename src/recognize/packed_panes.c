/* 01 and 04 printed with single spaces (`pdftotext -raw`, a copy from a PDF
 * viewer): a line holds the income pane's line and the expenditure pane's,
 * each its name, its 行次 when the table prints them and its one figure,
 * with nothing where a pane is blank ("八、其他收入 8 1.05 八、社会保障和就业
 * 支出 39 91.21", "9 九、卫生健康支出 40 23,605.16"). Each pane has one
 * figure column, so the figures are placed by reading: the words of a name,
 * then its 行次 (a whole number), then its figure; a name wrapped over lines
 * of its own goes on the 行次 after it. A line's pane is the one whose lines
 * it names (总计 on both: the first of the row is income). A figure with no
 * name, two figures for one line (of 01, or of 04's income pane), or a name
 * no pane knows leave the table unread (c->doubt), never guessed. A table
 * going on after a page break (its page number, 续表 and heading printed
 * again) is read on over them.
 *
 * 04's expenditure pane has four figure columns (合计 and the three funds),
 * and a line prints 合计 first, then the funds it has: with one or two funds
 * printed, which of the three they are is not written. Every placement of
 * those lines is tried against the table's sums, fund by fund: the 类 lines
 * add up to 本年支出合计, 本年支出合计 and 年末 to 支出总计, and 支出总计 is
 * the fund's income and its 年初 line. The one placement that holds is
 * taken; none, or more than one, and the table is set aside. */
#include "recognize/recognize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FIGS 4           /* figures of a line: 04's 合计 and three funds */

typedef struct {
    char name[MAXK];
    int line_no;             /* 行次, 0 when none */
    const jue_gcell *fig[MAX_FIGS];   /* its figures in printed order */
    int nfig, src_line, page;
    int nth;                 /* groups before it in its row */
} group;

typedef struct {
    tctx *t;
    bool has_line_no;        /* the header prints 行次 */
    group g;
    int in_row;
    prows P[2];
    const char *doubt;
    bool after_begin;        /* 04: 年初财政拨款结转和结余 read; its funds follow */
    int cols[MAX_FIGS];      /* model columns of a line's figures (04: 合计, the funds) */
} reader;

static bool header_word(const char *w)
{
    static const char *const words[] = { "项目", "行次", "金额", "决算数", "收入", "支出", "栏次", "续表" };
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (!strcmp(w, words[i])) return true;
    return false;
}

static bool line_number(const char *s)
{
    size_t n = strlen(s);
    return n >= 1 && n <= 3 && jue_rec_digits(s);
}

/* The pane that knows name: 1 income, 2 expenditure, 0 neither. */
static int pane_of(reader *R, const group *g, char *key, jue_level *lv, bool *total)
{
    char *nm = jue_rec_name(g->name);
    if (!nm) { R->t->c->nomem = true; return 0; }
    bool in = jue_rec_pane_line_key(R->t, 1, nm, key, MAXK, lv, total);
    char k2[MAXK];
    jue_level l2;
    bool t2;
    bool out = jue_rec_pane_line_key(R->t, 2, nm, k2, MAXK, &l2, &t2);
    free(nm);
    if (in && (!out || g->nth == 0)) return 1;
    if (!out) return 0;
    memcpy(key, k2, MAXK);
    *lv = l2;
    *total = t2;
    return 2;
}

/* 04's income pane: a fund's line after 年初财政拨款结转和结余 is its 年初 line. */
static void begin_fund(reader *R, char key[MAXK])
{
    if (R->t->id != JUE_T04) return;
    static const char *const FUNDS[3] = { JUE_L4_INC_GENERAL, JUE_L4_INC_GOVFUND, JUE_L4_INC_SOE };
    for (int i = 0; i < 3 && R->after_begin; i++)
        if (!strcmp(key, FUNDS[i])) snprintf(key, MAXK, "%s%s", JUE_L4_BEGIN_PREFIX, FUNDS[i]);
    R->after_begin |= !strcmp(key, JUE_L4_BEGIN);
}

/* The most figures a line of pane side prints: one, four on 04's expenditure side. */
static int max_figs(const reader *R, int side)
{
    return R->t->id == JUE_T04 && side == 2 ? MAX_FIGS : 1;
}

/* The group read so far becomes a line of its pane. */
static void finish(reader *R)
{
    group *g = &R->g;
    bool any = g->name[0] || g->nfig;
    if (any && !R->doubt) {
        char key[MAXK];
        jue_level lv;
        bool total;
        int side = g->name[0] ? pane_of(R, g, key, &lv, &total) : 0;
        if (side == 1) begin_fund(R, key);
        if (side && g->nfig > max_figs(R, side))
            R->doubt = "表行以单个空格分隔，有一行印了两个以上的数字，分不清各数字所在的栏";
        else if (!side) R->doubt = "表行以单个空格分隔，有的数字或行名分不清属于收入还是支出";
        else {
            prow *p = jue_rec_prow_add(R->t->c, &R->P[side - 1]);
            if (p) {
                p->key = jue_strdup(key);
                p->name = jue_rec_name(g->name);
                p->level = lv;
                p->side = side == 1 ? JUE_SIDE_INCOME : JUE_SIDE_EXPEND;
                p->total = total;
                p->line_no = g->line_no;
                p->src_line = g->src_line;
                p->page = g->page;
                if (!p->key || !p->name) R->t->c->nomem = true;
                for (int k = 0; k < g->nfig; k++) jue_rec_pval_add(p, g->fig[k], R->cols[k], g->src_line);
            }
        }
    }
    if (any) R->in_row++;
    memset(g, 0, sizeof *g);
}

/* Whether the group has its 行次 or figure: a name word after it starts the next. */
static bool closed(const group *g)
{
    return g->line_no || g->nfig;
}

/* Whether the name of g with word w after it is a line a pane knows. */
static bool goes_on(reader *R, const group *g, const char *w, char *key, jue_level *lv, bool *total)
{
    group joined = *g;
    size_t n = strlen(joined.name);
    jue_rec_copy(joined.name + n, sizeof joined.name - n, w);
    return pane_of(R, &joined, key, lv, total) != 0;
}

static void word(reader *R, const char *w, const jue_grow *r)
{
    group *g = &R->g;
    char key[MAXK];
    jue_level lv;
    bool total;
    /* a heading's word, unless it ends a wrapped name ("十四、资源勘探工业信息等" / "支出") */
    if (header_word(w) && !(g->name[0] && !closed(g) && goes_on(R, g, w, key, &lv, &total))) return;
    group probe = { .nth = 1 };
    jue_rec_copy(probe.name, sizeof probe.name, w);
    /* two names side by side ("五、事业收入 五、教育支出"), or a line's name
     * and a word no line goes on with (the next line's name, or its first
     * piece: "二、外交支出" / "三、国有资本经营预算财政" / "拨款") */
    bool both = g->name[0] && pane_of(R, g, key, &lv, &total) &&
                (pane_of(R, &probe, key, &lv, &total) || !goes_on(R, g, w, key, &lv, &total));
    /* a line carried from the line above ends here: it is no group of this
     * row ("国有资本经营预算财政拨款" alone, then "总计 … 总计 …": the first
     * 总计 is income) */
    bool carried = (g->name[0] || g->nfig) && g->src_line != r->line;
    if (closed(g) || both) finish(R);
    if (carried && !g->name[0]) R->in_row = 0;
    if (!g->name[0]) {
        g->src_line = r->line;
        g->page = r->page;
        g->nth = R->in_row;
    }
    size_t n = strlen(g->name);
    jue_rec_copy(g->name + n, sizeof g->name - n, w);
}

/* A figure, or a 行次: a whole number where the header prints 行次, before
 * the group's figures (04: also after them, the next pane's 行次 on a line
 * whose name is blank: "一般公共预算财政拨款 29 58.64 61"). */
static void figure(reader *R, const jue_gcell *cell, const jue_grow *r)
{
    group *g = &R->g;
    bool four = R->t->id == JUE_T04;
    if (R->has_line_no && line_number(cell->text) && (!g->nfig || four)) {
        if (closed(g)) finish(R);
        g->line_no = atoi(cell->text);
    } else {
        if (g->nfig && !R->has_line_no && !four) finish(R);
        if (g->nfig < MAX_FIGS) g->fig[g->nfig] = cell;
        g->nfig++;
    }
    if (!g->src_line) {
        g->src_line = r->line;
        g->page = r->page;
        g->nth = R->in_row;
    }
}

/* Whether the group may take the figures of the next line too: a line of
 * 04's expenditure pane whose figures are printed on lines of their own
 * under its name ("本年支出合计" / "2,940.05" / "2,940.05"), with room for more. */
static bool more_figures(reader *R)
{
    group *g = &R->g;
    if (R->t->id != JUE_T04 || !g->name[0] || g->nfig >= MAX_FIGS) return false;
    char key[MAXK];
    jue_level lv;
    bool total;
    return pane_of(R, g, key, &lv, &total) == 2;
}

static void read_row(reader *R, const jue_grow *r)
{
    R->in_row = 0;
    if (R->g.name[0]) R->g.nth = 0;   /* a name carried from the lines above */
    bool figures_only = true;
    for (size_t k = 0; k < r->n; k++) {
        const jue_gcell *cell = &r->cells[k];
        if (!cell->text[0] || cell->copy) continue;
        if (jue_rec_cell_amount(cell) || jue_rec_cell_dashes(cell)) { figure(R, cell, r); continue; }
        figures_only = false;
        char f[MAXK];
        jue_rec_copy(f, sizeof f, cell->text);
        for (char *s = f; *s;) {
            while (*s == ' ') s++;
            char *e = s;
            while (*e && *e != ' ') e++;
            char keep = *e;
            *e = '\0';
            if (e > s) word(R, s, r);
            *e = keep;
            s = e;
        }
    }
    if (closed(&R->g) && !(figures_only && more_figures(R))) finish(R);
}

/* Whether row r is a line of 01 without figures: words each a line a pane
 * knows ("三、国有资本经营预算财政拨款收入 三、国防支出"). */
static bool names_only(reader *R, const jue_grow *r)
{
    const char *s = jue_rec_single_text(r);
    if (!s || strlen(s) >= MAXK) return false;
    char f[MAXK];
    jue_rec_copy(f, sizeof f, s);
    int n = 0;
    for (char *w = strtok(f, " "); w; w = strtok(NULL, " ")) {
        group g = { .nth = 1 };
        jue_rec_copy(g.name, sizeof g.name, w);
        char key[MAXK];
        jue_level lv;
        bool total;
        if (!pane_of(R, &g, key, &lv, &total)) return false;
        n++;
    }
    return n > 0;
}

/* A line of its own that may be part of a row: a 行次 alone ("22"), a
 * piece of a wrapped name ("二十二、灾害防治及应急管理支", "出"), or a
 * figure printed apart from its name ("本年收入合计" / "170.00"). */
static bool row_piece(const reader *R, const jue_grow *r)
{
    const char *s = jue_rec_single_text(r);
    if (!s) return false;
    if (R->has_line_no && line_number(s)) return true;
    if (jue_rec_amount(s) && strpbrk(s, ".,")) return true;
    if (strlen(s) > 60 || strstr(s, "：") || strstr(s, "。") || strstr(s, "，")) return false;
    for (; *s; s++)
        if ((*s >= '0' && *s <= '9') || *s == ' ') return false;
    return true;
}

/* Row i is what a page break leaves in the table: page furniture (not a
 * 行次 alone, "22"), 栏次, 续表 or the heading printed again. */
static bool page_gap(const reader *R, size_t i)
{
    tctx *t = R->t;
    const jue_grow *r = &t->g->rows[i];
    const char *s = jue_rec_single_text(r);
    bool line_no = R->has_line_no && s && line_number(s);
    /* a figure or a name's piece alone on its line is the row's, however
     * often the document prints the same text alone ("2,940.05", "款") */
    bool own = s && ((jue_rec_amount(s) && strpbrk(s, ".,")) || jue_rec_pane_piece(t, i));
    return jue_rec_lanci(r) || (!line_no && !own && jue_rec_furniture(t, i)) || (i > t->body && jue_rec_repeat(t, i));
}

/* The body goes on over lines of names without figures, a 行次 or a name
 * piece on a line of its own (the body's end, src/recognize/locate.c,
 * stops at a line of one cell), up to the last line with a pane's line. */
static void extend(reader *R)
{
    tctx *t = R->t;
    size_t last = t->end;
    for (size_t k = t->end; k < t->b; k++) {
        const jue_grow *r = &t->g->rows[k];
        if (!jue_grow_filled(r) || page_gap(R, k)) continue;
        if (r->packed || names_only(R, r)) last = k + 1;
        else if (!row_piece(R, r)) break;
    }
    t->end = last;
}

/* Whether the header prints 行次. */
static bool header_line_numbers(tctx *t)
{
    for (size_t i = t->a; i < t->body && i < t->g->n; i++) {
        const jue_grow *r = &t->g->rows[i];
        for (size_t k = 0; k < r->n; k++)
            if (strstr(r->cells[k].text, "行次")) return true;
    }
    return false;
}

static bool has_line(const prows *P, const char *key)
{
    for (size_t i = 0; i < P->n; i++)
        if (!strcmp(P->r[i].key, key)) return true;
    return false;
}

/* Whether the body is one stream of lines parted by single spaces: lines
 * split so, and lines of one text (a name, a piece of one, a figure alone,
 * the figures of a row its name is printed apart from: "一、一般公共预算财政拨款"
 * / "2,940.05"), none of cells parted by wider gaps (a copy that keeps the
 * columns, read by body_panes.c). */
static bool one_stream(const tctx *t)
{
    int packed = 0;
    for (size_t i = t->body; i < t->end; i++) {
        const jue_grow *r = &t->g->rows[i];
        if (!r->packed && jue_grow_filled(r) > 1) return false;
        packed += r->packed;
    }
    return packed > 0;
}

bool jue_rec_packed_panes(tctx *t, jue_table *tab)
{
    if (t->id != JUE_T01 && t->id != JUE_T04) return false;
    reader R = { .t = t, .has_line_no = header_line_numbers(t) };
    size_t end = t->end;
    bool mostly = jue_rec_mostly_packed(t);
    extend(&R);
    if (!mostly && !one_stream(t)) {
        t->end = end;
        return false;
    }
    static const char *const COLS[MAX_FIGS] = { JUE_C_TOTAL, JUE_C_GENERAL, JUE_C_GOVFUND, JUE_C_SOE };
    for (int k = 0; k < MAX_FIGS; k++) R.cols[k] = t->id == JUE_T04 ? jue_table_find_col(tab, COLS[k]) : 0;
    for (size_t i = t->body; i < t->end && !t->c->nomem; i++) {
        jue_grow *r = &t->g->rows[i];
        if (!jue_grow_filled(r)) continue;
        r->used = true;
        if (!page_gap(&R, i)) read_row(&R, r);
    }
    finish(&R);
    if (!R.doubt && (!has_line(&R.P[0], JUE_L_INC_GRAND) || !has_line(&R.P[1], JUE_L_EXP_GRAND)))
        R.doubt = "表行以单个空格分隔，没有读到收入总计和支出总计两行";
    for (int k = 0; k < 2; k++) {
        if (!R.doubt) jue_rec_emit(t, tab, &R.P[k]);
        jue_rec_prows_free(&R.P[k]);
    }
    if (!R.doubt && t->id == JUE_T04) R.doubt = jue_rec_place_funds(tab);
    if (R.doubt) t->c->doubt[t->id] = R.doubt;
    return true;
}
