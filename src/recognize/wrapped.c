/* Figures wrapped in their cells: a column too narrow for "23,965.16" in a
 * word processor prints "23,965.1" on one line of the cell and "6" on the
 * next, and every door (the PDF's lines, pdftotext -layout) gives the two
 * pieces as cells of two rows. Before the tables are read, such a piece is
 * put back on its figure: a row whose every cell with a digit is a short
 * run of digits (the rest words: a name's wrapped end beside it), each
 * right-aligned under a figure cut short on one of the two rows above,
 * where the two make an amount with its two decimals and its separators in
 * place ("23,965.1" + "6", "24,024." + "22"), or a code cut short under
 * its start ("208050" + "5"). A figure whose first line is
 * over the row's names and its last under them goes to the names' row.
 * Anything else is left as it was: the reader's own rules then decide. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "recognize.h"

/* 1–3 ASCII digits, or a point and up to two of them. */
static bool piece(const char *s)
{
    size_t d = 0;
    for (size_t i = 0; s[i]; i++) {   /* no strlen: most texts are long, and fail at once */
        if (i == 3) return false;
        if (s[i] >= '0' && s[i] <= '9') d++;
        else if (s[i] != '.' || i) return false;
    }
    return d > 0;
}

/* The decimals of an amount as a table prints it (the amount parser's
 * grammar: separators in place, a sign, no unit), two at most — a figure a
 * cell cut may end with its point ("137.", 0) — or −1 when s is none. */
static int amount_decimals(const char *s)
{
    if (jue_rec_starts_chinese(s)) return -1;   /* a heading or a name: no parse needed */
    /* at most ten digits, maybe a point and decimals (most figures and
     * pieces joined): the parser's answer without it */
    size_t k = 0, m = 0;
    while (s[k] >= '0' && s[k] <= '9') k++;
    if (k && k <= 10 && (!s[k] || s[k] == '.')) {
        if (!s[k]) return 0;
        while (s[k + 1 + m] >= '0' && s[k + 1 + m] <= '9') m++;
        if (!s[k + 1 + m]) return m <= 2 ? (int)m : -1;
    }
    size_t n = strlen(s);
    if (n > 0 && s[n - 1] == '.') n--;
    jue_amount a;
    if (!n || jue_amount_parse(s, n, JUE_UNIT_WAN, &a, NULL) != JUE_OK || a.blank || a.unit_written || a.decimals > 2)
        return -1;
    return a.decimals;
}

/* Whether s is n ASCII digits. */
static bool digits_n(const char *s, size_t n)
{
    if (strlen(s) != n) return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

/* A code a narrow column cut: "208050" over "5" (a 项 of seven digits),
 * "2101" over "1" (a 款 of five), printed left-aligned in its cell. */
static bool code_completed(const char *f, const char *p)
{
    size_t a = strlen(f), b = strlen(p);
    return (a == 6 || a == 4) && b >= 1 && b <= 3 && (a + b == 7 || a + b == 5) && digits_n(f, a) && digits_n(p, b);
}

/* Where a cell's text starts and ends on its line: the box's edges (PDF,
 * in points; tol a part of the box's height, its character size), else
 * character columns. */
static double edges(const jue_gcell *c, double *left, double *tol)
{
    if (c->box[2] > c->box[0]) {
        double h = c->box[3] - c->box[1];
        *tol = h > 0 ? 0.6 * h : 4;
        *left = c->box[0];
        return c->box[2];
    }
    *tol = 0.6;   /* a column either way between the two */
    *left = c->pos;
    return c->pos + (double)strlen(c->text);
}

/* The column of a cell of r ending where piece p ends and cut short of an
 * amount that p completes (written to joined), or −1. */
static int partner(const jue_grow *r, const jue_gcell *p, char *joined, size_t cap)
{
    double tp, lp, rp = edges(p, &lp, &tp), best_d = 0;
    int best = -1;
    for (size_t c = 0; c < r->n; c++) {
        const jue_gcell *f = &r->cells[c];
        if (!f->text[0] || f->copy) continue;
        double tf, lf, rf = edges(f, &lf, &tf);
        /* the piece ends where the figure's line ends (right-aligned), or
         * starts where it starts (left-aligned); the nearest such figure */
        double d = fmin(fabs(rf - rp), fabs(lf - lp));
        if (d > tf + tp || (best >= 0 && d >= best_d)) continue;
        /* parsed only where the piece may complete it (the parse is the cost) */
        int fd = amount_decimals(f->text);
        if (fd == 2) continue;
        size_t a = strlen(f->text), b = strlen(p->text);
        if (a + b + 1 > cap) continue;
        char t[64];
        memcpy(t, f->text, a);
        memcpy(t + a, p->text, b + 1);
        bool code = code_completed(f->text, p->text);
        /* a figure cut short: its decimals (none but the point, or one)
         * made up by the piece, two at most; a whole one takes none */
        int td = amount_decimals(t);
        bool figure = fd >= 0 && td > fd && (strchr(f->text, '.') || p->text[0] == '.');
        if (code ? fabs(lf - lp) > tf + tp : !figure) continue;
        memcpy(joined, t, a + b + 1);
        best = (int)c;
        best_d = d;
    }
    return best;
}

#define MAX_PIECES 16

/* Whether every cell of row r that holds a digit (or is a copy) is a piece
 * printed at a column, and there are 1 to MAX_PIECES of them. A cell that
 * starts with a digit and is no piece ends it at once (a row of figures);
 * the other texts are searched for a digit only in a row with a piece. */
static bool pieces_only(const jue_grow *r)
{
    size_t pieces = 0;
    bool words = false;   /* a cell that may hold a digit further in */
    for (size_t c = 0; c < r->n; c++) {
        const jue_gcell *g = &r->cells[c];
        if (!g->text[0]) continue;
        if (g->copy) return false;
        if (piece(g->text)) {
            if (!g->pos || ++pieces > MAX_PIECES) return false;
            continue;
        }
        if (g->text[0] >= '0' && g->text[0] <= '9') return false;
        words = true;
    }
    for (size_t c = 0; pieces && words && c < r->n; c++) {
        const jue_gcell *g = &r->cells[c];
        if (g->text[0] && !piece(g->text) && strpbrk(g->text, "0123456789")) return false;
    }
    return pieces > 0;
}

/* Row i of g holds only pieces, each completing a figure of one of the two
 * filled rows above: they are put back on their figures. Nothing changes
 * when the row is anything else. */
static bool put_back(jue_grid *g, size_t i)
{
    jue_grow *r = &g->rows[i];
    /* the line above ends at a copy's wrap width: the wrap cut the row, not
     * its cell ("…58 51,448" / ".55" in tab-separated text, where positions
     * are no columns); the reader sets such a table aside. A row with a
     * cell that is no piece, or with none, is left at once (most rows): the
     * rows above are looked at only for a row of pieces */
    if (g->rows[i - 1].at_wrap || !pieces_only(r)) return true;
    size_t row[MAX_PIECES], n = 0;
    int col[MAX_PIECES], from[MAX_PIECES];
    char joined[MAX_PIECES][32];
    size_t above[2], na = 0;
    for (size_t k = i; k-- > 0 && na < 2;)
        if (jue_grow_filled(&g->rows[k])) above[na++] = k;
    for (size_t c = 0; c < r->n; c++) {
        if (!piece(r->cells[c].text)) continue;   /* the cells with a digit: the pieces */
        col[n] = -1;
        for (size_t a = 0; a < na && col[n] < 0; a++)
            if ((col[n] = partner(&g->rows[above[a]], &r->cells[c], joined[n], sizeof joined[n])) >= 0) row[n] = above[a];
        if (col[n] < 0) return true;   /* every piece finds its figure, or none is moved */
        from[n++] = (int)c;
    }
    for (size_t k = 0; k < n; k++) {
        /* the figure's first line over the row's names and its last under
         * them (a cell's lines centred on a row whose name is one line):
         * the whole figure is that row's, where its cell is blank */
        size_t to = row[k];
        if (na == 2 && row[k] == above[1] && above[1] + 2 == i && above[0] + 1 == i &&
            !jue_grow_text(&g->rows[above[0]], col[k])[0])
            to = above[0];
        if (!jue_grow_set(&g->rows[to], col[k], joined[k], strlen(joined[k])) ||
            (to != row[k] && !jue_grow_set(&g->rows[row[k]], col[k], "", 0)) || !jue_grow_set(r, from[k], "", 0))
            return false;
    }
    return true;
}

jue_status jue_rec_join_wrapped_figures(jue_grid *g)
{
    for (size_t i = 1; i < g->n; i++)
        if (!put_back(g, i)) return JUE_ERR_NOMEM;
    return JUE_OK;
}
