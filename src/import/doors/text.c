/* The plain-text door: a disclosure as people get it by copying from a PDF
 * or a Word file. Every line becomes a grid row (line number kept): table
 * rows are split on tabs, on '|' for Markdown pipe tables (markdown.c: the
 * header's levels, the cells' text), or on runs of two or more spaces for
 * space-aligned tables; prose lines are one cell. Markdown leftovers ("#",
 * "- ", "> " at line start) are dropped, a Markdown table rule (|---|---|)
 * is a blank row. Names broken over lines are
 * rejoined by the recognizer, which knows where a table row may continue. */
#include "import/doors/doors.h"
#include "core/encoding.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Characters (code points) in [s, s+n): for cell positions. */
static int cp_count(const char *s, size_t n) { return (int)jue_utf8_count(s, n); }

static bool is_rule(const char *s, size_t n)
{
    bool dash = false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '-') dash = true;
        else if (c != '|' && c != ':' && c != ' ' && c != '\t' && c != '+' && c != '=') return false;
    }
    return dash;
}

/* Where a run of two or more spaces (ASCII or U+3000) starts at p, its
 * length in bytes; else 0. */
static size_t space_run(const char *p, const char *end)
{
    const char *q = p;
    int k = 0;
    while (q < end) {
        if (*q == ' ') { q++; k++; }
        else if (end - q >= 3 && (unsigned char)q[0] == 0xE3 && (unsigned char)q[1] == 0x80 &&
                 (unsigned char)q[2] == 0x80) { q += 3; k += 2; }
        else break;
    }
    return k >= 2 ? (size_t)(q - p) : 0;
}

/* Whether [p, end) holds two spaces in a row. */
static bool two_spaces(const char *p, const char *end)
{
    for (const char *q = p; (q = memchr(q, ' ', (size_t)(end - q))) != NULL && q + 1 < end; q++)
        if (q[1] == ' ') return true;
    return false;
}

/* Whether [p, end) holds two spaces in a row or an ideographic space (U+3000). */
static bool wide_gap(const char *p, const char *end)
{
    if (two_spaces(p, end)) return true;
    for (const char *q = p; (q = memchr(q, 0xE3, (size_t)(end - q))) != NULL && end - q >= 3; q++)
        if ((unsigned char)q[1] == 0x80 && (unsigned char)q[2] == 0x80) return true;
    return false;
}

/* Where the cells of one line start, in code points: counted on from the
 * previous cell, not from the line start each time. */
typedef struct {
    const char *at;
    int n;
} cpcursor;

/* [*a, *b) trimmed of spaces, and of the strong emphasis around it ("**合计**",
 * "__23,965.16__": a total in a space-aligned Markdown table, pandoc's). */
static void unbold(const char **a, const char **b)
{
    const char *s = *a, *e = *b;
    while (s < e && *s == ' ') s++;
    while (e > s && e[-1] == ' ') e--;
    if (e - s >= 5 && ((!memcmp(s, "**", 2) && !memcmp(e - 2, "**", 2)) || (!memcmp(s, "__", 2) && !memcmp(e - 2, "__", 2)))) {
        s += 2;
        e -= 2;
    }
    *a = s;
    *b = e;
}

static jue_status add_cell(jue_grow *r, int *col, cpcursor *cur, const char *s, const char *e)
{
    const char *a = s, *b = e;
    unbold(&a, &b);
    jue_gcell *c = jue_grow_set(r, *col, a, (size_t)(b - a));
    if (!c) return *col >= 1024 ? JUE_OK : JUE_ERR_NOMEM;
    cur->n += cp_count(cur->at, (size_t)(s - cur->at));
    cur->at = s;
    c->pos = cur->n + 1;
    (*col)++;
    return JUE_OK;
}

/* Display width of a code point starting with byte c: CJK and other wide
 * characters take two columns in a monospaced copy. */
int jue_text_cp_width(const unsigned char *p)
{
    if (p[0] < 0x80) return 1;
    if (p[0] < 0xE0) return 1;
    /* U+1100.. Hangul, U+2E80..U+A4CF CJK, U+AC00..U+D7A3, U+F900..U+FAFF, U+FE30..U+FE4F, U+FF00..U+FF60, U+FFE0..U+FFE6 */
    unsigned cp = p[0] < 0xF0 ? ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu) : 0x20000;
    if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
        (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
        (cp >= 0xFFE0 && cp <= 0xFFE6) || cp >= 0x20000)
        return 2;
    return 1;
}

/* A cell of a space-split line: where it is printed, counted in code
 * points (a PDF text copy puts every character on one grid column) and in
 * display columns (a monospaced copy gives a CJK character two). */
typedef struct {
    int s[2], e[2];   /* [0] code points, [1] display columns; e exclusive */
} tspan;

#define MAX_SPANS 64

/* Where the spans of one line start: counted on from the previous span,
 * not from the line start each time. */
typedef struct {
    const char *at;
    int cp, dw;
} wcursor;

static void advance(wcursor *c, const char *to)
{
    const char *q = c->at;
    while (q < to) {
        unsigned char b = (unsigned char)*q;
        if (b < 0x80) {   /* a run of ASCII (a table line's spaces and figures): one column each */
            const char *r = q + 1;
            while (r < to && !((unsigned char)*r & 0x80)) r++;
            c->cp += (int)(r - q);
            c->dw += (int)(r - q);
            q = r;
            continue;
        }
        /* E3..E9 lead U+3000..U+9FFF, all wide (U+3000 included): the
         * common case, without decoding */
        if (b >= 0xE3 && b <= 0xE9 && to - q >= 3) {
            c->cp++;
            c->dw += 2;
            q += 3;
            continue;
        }
        size_t l = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        if ((size_t)(to - q) < l) l = (size_t)(to - q);
        int w = l < 3 ? 1 : l == 3 && b >= 0xE3 && b <= 0xE9 ? 2 : jue_text_cp_width((const unsigned char *)q);
        c->cp++;
        c->dw += w;
        q += l;
    }
    c->at = q;
}

static void span_of(wcursor *c, const char *s, const char *e, tspan *sp)
{
    advance(c, s);
    sp->s[0] = c->cp, sp->s[1] = c->dw;
    advance(c, e);
    sp->e[0] = c->cp, sp->e[1] = c->dw;
}

/* ---- rows printed with single spaces ------------------------------------ *
 * `pdftotext -raw`, most PDF-to-text libraries and a copy from a PDF viewer
 * print a table row as "code name figure figure…" with one space between
 * cells, and nothing where a cell is blank. Such a line is split into its
 * code, its name runs and its figures (read from the right: a name may hold
 * spaces, a figure never does), and the row is marked packed: its figures
 * are in order but the blank cells between them are not known. A line that
 * reads as a sentence (its text has sentence punctuation) stays one cell. */

/* A printed figure: digits with thousands separators and a decimal point,
 * maybe signed; or a lone dash placeholder. */
static bool figure_token(const char *s, const char *e)
{
    if (e - s == 1 && *s == '-') return true;
    if (e - s == 3 && !memcmp(s, "\xE2\x80\x94", 3)) return true;   /* — */
    if (s < e && *s == '-') s++;
    bool digit = false;
    for (const char *q = s; q < e; q++) {
        if (*q >= '0' && *q <= '9') digit = true;
        else if (*q != ',' && *q != '.') return false;
    }
    return digit && *s != ',' && *s != '.' && e[-1] != ',' && e[-1] != '.';
}

/* A 类/款/项 code: 3, 5 or 7 ASCII digits. */
static bool code_token(const char *s, const char *e)
{
    if (e - s != 3 && e - s != 5 && e - s != 7) return false;
    for (const char *q = s; q < e; q++)
        if (*q < '0' || *q > '9') return false;
    return true;
}

/* Text that reads as part of a sentence, not a table label. */
static bool sentence_text(const char *s, const char *e)
{
    static const char *const marks[] = { "，", "。", "；", "：", "！", "？", "%", "％", "万元", ",", ";" };
    /* a leading ordinal ("一、", "（一）") is a label's; [s, e) is part of a
     * line, not a string: the ordinal is looked for in a bounded copy */
    char head[64];
    size_t m = (size_t)(e - s) < sizeof head ? (size_t)(e - s) : sizeof head - 1;
    memcpy(head, s, m);
    head[m] = 0;
    s += jue_imp_skip_ordinal(head) - head;
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
        size_t n = strlen(marks[i]);
        for (const char *q = s; q + n <= e; q++)
            if (!memcmp(q, marks[i], n)) return true;
    }
    return false;
}

#define MAX_TOKENS 64

/* Whether a line that ends in a label holds figures, not a year or a count
 * in a heading: every figure has a decimal point, or those without one are
 * 类/款/项 codes before names — two such groups, or with a figure with
 * decimals (06's panes: "301 工资福利支出 655.36 302 商品和服务支出 121.50 307
 * 债务利息及费用支出", "30303 退职（役）费 30218 专用材料费 31013 公务用车购置"). */
static bool code_groups(const char *const *ts, const char *const *te, const bool *fig, int n)
{
    int codes = 0, decimals = 0;
    for (int i = 0; i < n; i++) {
        if (!fig[i]) continue;
        if (memchr(ts[i], '.', (size_t)(te[i] - ts[i]))) { decimals++; continue; }
        if (!code_token(ts[i], te[i]) || i + 1 == n || fig[i + 1]) return false;
        codes++;
    }
    return codes == 0 || codes >= 2 || decimals > 0;
}

static jue_status split_packed(jue_grow *r)
{
    const char *text = r->cells[0].text, *end = text + strlen(text);
    const char *ts[MAX_TOKENS], *te[MAX_TOKENS];
    bool fig[MAX_TOKENS];
    int n = 0, nfig = 0;
    for (const char *q = text; *q;) {
        while (*q == ' ') q++;
        if (!*q) break;
        if (n == MAX_TOKENS) return JUE_OK;
        ts[n] = q;
        q = memchr(q, ' ', (size_t)(end - q));
        if (!q) q = end;
        te[n] = q;
        fig[n] = figure_token(ts[n], te[n]);
        nfig += fig[n];
        n++;
    }
    if (n < 2 || nfig == 0) return JUE_OK;
    /* a row may end in a label (one pane's figure, then the other pane's
     * blank line: "一、…收入 24,535.67 一、一般公共服务支出"); its figures
     * are then amounts, not a year or a count in a heading */
    if (!fig[n - 1] && !code_groups(ts, te, fig, n)) return JUE_OK;
    /* the text runs must be labels, and a lone year or count after words is
     * a heading's ("2025 年度…" splits into no figure; "…决算 2025" might) */
    for (int i = 0; i < n; i++)
        if (!fig[i] && sentence_text(ts[i], te[i])) return JUE_OK;
    if (nfig == 1 && n == 2 && !fig[0] && !memchr(ts[1], '.', (size_t)(te[1] - ts[1])) &&
        !memchr(ts[1], ',', (size_t)(te[1] - ts[1])))
        return JUE_OK;   /* "…说明 19": a contents entry stays as it was */
    jue_buf b;
    jue_buf_init(&b);
    jue_buf_puts(&b, text);
    if (b.err) return JUE_ERR_NOMEM;
    const char *base = jue_buf_str(&b);
    int col = 0, pos = 1;
    jue_status st = JUE_OK;
    for (int i = 0; i < n && !st; i++) {
        size_t off = (size_t)(ts[i] - text);
        int j = i;
        /* a code before a name, or before figures where the name is
         * printed on the lines around the row */
        bool code = i == 0 && n > 1 && code_token(ts[i], te[i]);
        if (!fig[i] || code) {
            if (!code)
                while (j + 1 < n && !fig[j + 1]) j++;
        }
        size_t len = (size_t)(te[j] - ts[i]);
        jue_gcell *c = jue_grow_set(r, col, base + off, len);
        if (!c) { st = JUE_ERR_NOMEM; break; }
        c->pos = pos;
        pos += (int)len + 1;
        col++;
        if (code && fig[i + 1]) {
            /* the name cell, blank */
            if (!jue_grow_set(r, col++, "", 0)) st = JUE_ERR_NOMEM;
        }
        i = j;
    }
    jue_buf_free(&b);
    r->packed = st == JUE_OK;
    return st;
}

/* A single space that parts two cells: after an amount ("121.50", with its
 * decimal point or separator), before a figure or a code. A figure holds
 * no space, so "121.50 307" is a figure right-aligned against the next
 * pane's code with one position between them. */
static bool figure_then_figure(const char *s, const char *q, const char *end)
{
    if (!figure_token(s, q) || (!memchr(s, '.', (size_t)(q - s)) && !memchr(s, ',', (size_t)(q - s)))) return false;
    const char *t = q + 1;
    while (t < end && *t != ' ') t++;
    return t > q + 1 && q[1] != '-' && figure_token(q + 1, t);
}

/* A single space that parts an amount from the next pane's label printed
 * right after it ("23,964.11 本年支出合计": the figure right-aligned in its
 * column, the label left-aligned in the next): the label runs to the next
 * gap of two spaces, starts with a Chinese character that is no unit (万元,
 * 元, 亿元, ％) and reads as no sentence. */
static bool figure_then_label(const char *s, const char *q, const char *end)
{
    if (!figure_token(s, q) || (!memchr(s, '.', (size_t)(q - s)) && !memchr(s, ',', (size_t)(q - s)))) return false;
    const char *t = q + 1, *e = t;
    while (e < end && !space_run(e, end)) e++;
    if (e - t < 3 || (unsigned char)*t < 0xE0) return false;
    static const char *const UNITS[] = { "万", "元", "亿", "％" };
    for (size_t i = 0; i < sizeof UNITS / sizeof UNITS[0]; i++)
        if (!strncmp(t, UNITS[i], strlen(UNITS[i]))) return false;
    return !sentence_text(t, e);
}

/* A run of spaces inside a sentence (a justified line of a `pdftotext
 * -fixed` copy): the text after it starts with a sentence's punctuation
 * ("行政运行（项）      。"), or a figure ends the text before it and its
 * unit starts the sentence after it ("支出（类）264.87      万元，占
 * 86.05%；"). A table's cell starts with neither. */
static bool sentence_goes_on(const char *s, const char *q, const char *r, const char *end)
{
    static const char *const MARKS[] = { "。", "，", "；", "、" };
    for (size_t i = 0; i < sizeof MARKS / sizeof MARKS[0]; i++)
        if (end - r >= 3 && !memcmp(r, MARKS[i], 3)) return true;
    if (q == s || q[-1] < '0' || q[-1] > '9') return false;
    static const char *const UNITS[] = { "万元", "亿元", "元", "％", "%" };
    for (size_t i = 0; i < sizeof UNITS / sizeof UNITS[0]; i++) {
        size_t n = strlen(UNITS[i]);
        if ((size_t)(end - r) <= n || memcmp(r, UNITS[i], n)) continue;
        const char *e = r + n;
        while (e < end && !space_run(e, end)) e++;
        return sentence_text(r + n, e);
    }
    return false;
}

/* A line's only cell: where it is in its line, its span (span_of) counted
 * only when a layout wants it (align_blocks; most lines are prose). */
typedef struct {
    const char *line, *s, *e;
} tcell;

/* Splits a line into r's cells. *nspans: the spans of a row of several
 * cells; *lone: the line is one cell, printed at spans[0], or where *at
 * says when at->line is set (its span not counted yet). */
static jue_status split_line(jue_grow *r, const char *line, size_t n, tspan *spans, int *nspans, bool *lone, tcell *at)
{
    *nspans = 0;
    *lone = false;
    *at = (tcell){ NULL, NULL, NULL };
    const char *end = line + n, *p = line;
    int col = 0;
    cpcursor cur = { line, 0 };
    jue_status st = JUE_OK;
    /* Markdown line marks, after leading spaces (a leading tab is an
     * empty first cell, not indentation) */
    const char *m = p;
    while (m < end && *m == ' ') m++;
    if (m < end && *m == '#') {
        while (m < end && *m == '#') m++;
        p = m;
        /* and a closing sequence: "## 收入决算表 ##" */
        const char *e = end;
        while (e > p && e[-1] == ' ') e--;
        while (e > p && e[-1] == '#') e--;
        if (e < end && e > p && e[-1] == ' ') end = e;
    } else if (end - m >= 2 && (*m == '-' || *m == '*' || *m == '>') && m[1] == ' ') {
        p = m + 2;
    } else if (m < end && *m == '|') {
        p = m;
    }
    if (is_rule(p, (size_t)(end - p))) return JUE_OK;
    if (p < end && *p == '|') return jue_md_row(r, line, p, end);
    const char *tab = memchr(p, '\t', (size_t)(end - p));
    if (tab) {   /* a cell up to each tab, and the last to the end */
        for (const char *s = p;; s = tab + 1, tab = memchr(s, '\t', (size_t)(end - s))) {
            const char *q = tab ? tab : end;
            if ((st = add_cell(r, &col, &cur, s, q)) || !tab) return st;
        }
    }
    const char *s = p;
    int ns = 0;
    wcursor wc = { line, 0, 0 };
    /* a space-aligned line (not one printed with single spaces, split below) */
    bool aligned = wide_gap(p, end);
    /* without two spaces or a U+3000 no run starts anywhere: one cell */
    for (const char *q = p; aligned && q < end && !st;) {
        if (*q != ' ' && (unsigned char)*q != 0xE3) { q++; continue; }   /* no run starts here */
        size_t k = space_run(q, end);
        if (!k && aligned && *q == ' ' && (figure_then_figure(s, q, end) || figure_then_label(s, q, end))) k = 1;
        if (k > 1 && q > s && sentence_goes_on(s, q, q + k, end)) { q += k; continue; }   /* one sentence */
        if (k && q > s) {
            if (ns < MAX_SPANS) span_of(&wc, s, q, &spans[ns]);
            ns++;
            st = add_cell(r, &col, &cur, s, q);
            q += k;
            s = q;
        } else {
            q += k ? k : 1;
            if (k) s = q;
        }
    }
    const char *only = s;
    if (!st && s < end) {
        if (ns && ns < MAX_SPANS) span_of(&wc, s, end, &spans[ns]);
        ns++;
        st = add_cell(r, &col, &cur, s, end);
    }
    /* only a row of several cells, each with its span, is aligned later */
    *nspans = ns >= 2 && ns <= MAX_SPANS && (size_t)ns == r->n ? ns : 0;
    if (!st && ns == 1 && r->n == 1) st = split_packed(r);
    *lone = !st && ns == 1 && r->n == 1;   /* one cell */
    if (*lone && only < end) *at = (tcell){ line, only, end };
    return st;
}

/* ---- columns of space-aligned tables ---------------------------------- *
 * Splitting on runs of spaces loses the blank cells: "事业收入  5" and
 * "一般公共服务支出  32  1.00" give the figure different indices. A run of
 * space-split rows (a block, between rows that are not) gets columns from
 * where its cells are printed: the positions no data row covers are the
 * gutters, and each cell goes to the column it overlaps most. A block that
 * fits the columns of the block before it (a table going on after a page
 * break or a wrapped name) keeps them. Positions are tried both as code
 * points and as display columns; the one whose data rows put the fewest
 * cells off their column, then with the fewest columns, wins. */

typedef struct {
    size_t row;
    int n;
    tspan sp[MAX_SPANS];
} trow;

/* A line of one cell and where it is printed (a heading's piece on a line
 * of its own goes to its column, lone_headings). */
typedef struct {
    size_t row;
    tspan sp;
    tcell at;   /* its span is counted from at when at.line is set */
} tlone;

/* The rows of several cells, with their spans: aligned in blocks; and the
 * lines of one cell. */
typedef struct {
    trow *r;
    size_t n, cap;
    tlone *l;
    size_t nl, capl;
} trows;

#define MAX_WIDTH 1024

typedef struct {
    int n;
    int lo[MAX_SPANS * 2], hi[MAX_SPANS * 2];   /* column ranges [lo, hi) */
} layout;

static bool data_text(const char *t)
{
    /* a figure or a code: digits with separators, maybe full-width */
    bool digit = false;
    for (const unsigned char *p = (const unsigned char *)t; *p;) {
        if (*p >= '0' && *p <= '9') { digit = true; p++; }
        else if (*p == ',' || *p == '.' || *p == '-' || *p == ' ') p++;
        else if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99) { digit = true; p += 3; }
        else if (p[0] == 0xEF && p[1] == 0xBC && (p[2] == 0x8C || p[2] == 0x8E)) p += 3;
        else return false;
    }
    return digit;
}

/* A 栏次 row: the columns numbered 1, 2, 3 … in order, maybe after the word
 * 栏次 (once a pane). Its numbers are centred over their columns, where
 * the headings are, not right-aligned as figures are: it is a heading. */
static bool lanci_row(const jue_grow *r)
{
    int next = 1;
    for (size_t i = 0; i < r->n; i++) {
        const char *t = r->cells[i].text;
        if (!*t || !strcmp(t, "栏次") || !strcmp(t, "栏 次")) continue;
        int v = 0, k = 0;
        for (; t[k] >= '0' && t[k] <= '9' && k < 3; k++) v = v * 10 + (t[k] - '0');
        if (!k || t[k] || v != next) return false;
        next++;
    }
    return next > 3;
}

static bool data_trow(const jue_grid *g, const trow *t)
{
    const jue_grow *r = &g->rows[t->row];
    if (lanci_row(r)) return false;
    for (size_t i = 1; i < r->n; i++)
        if (data_text(r->cells[i].text)) return true;
    return false;
}

/* Columns of rows [a, b) in metric m: runs of positions the data rows (all
 * rows when there are none) cover. */
static void make_layout(const jue_grid *g, const trow *rows, size_t a, size_t b, int m, layout *L)
{
    unsigned char cover[MAX_WIDTH];
    memset(cover, 0, sizeof cover);
    bool any = false;
    for (size_t i = a; i < b; i++) any |= data_trow(g, &rows[i]);
    for (size_t i = a; i < b; i++) {
        if (any && !data_trow(g, &rows[i])) continue;
        for (int k = 0; k < rows[i].n; k++)
            for (int x = rows[i].sp[k].s[m]; x < rows[i].sp[k].e[m] && x < MAX_WIDTH; x++) cover[x] = 1;
    }
    /* a heading over a column no data row fills ("经营收入" with every
     * figure blank) lies in a gutter: it makes a column of its own; the
     * heading rows are read from the lowest up, and a heading over two
     * such columns below it ("公务用车运行费" over its 预算数 and 决算数)
     * spans them: it joins none */
    if (any) {
        unsigned char head[MAX_WIDTH];
        memset(head, 0, sizeof head);
        for (size_t i = b; i-- > a;) {
            if (data_trow(g, &rows[i])) continue;
            for (int k = 0; k < rows[i].n; k++) {
                int s = rows[i].sp[k].s[m], e = rows[i].sp[k].e[m];
                if (e > MAX_WIDTH) e = MAX_WIDTH;
                bool free_ = s < e;
                for (int x = s > 0 ? s - 1 : 0; x < e + 1 && x < MAX_WIDTH && free_; x++) free_ = !cover[x];
                int runs = 0;
                for (int x = s; x < e && free_; x++) runs += head[x] && (x == s || !head[x - 1]);
                for (int x = s; x < e && free_ && runs < 2; x++) head[x] = 1;
            }
        }
        for (int x = 0; x < MAX_WIDTH; x++) cover[x] |= head[x];
    }
    L->n = 0;
    for (int x = 0; x < MAX_WIDTH && L->n < MAX_SPANS * 2;) {
        if (!cover[x]) { x++; continue; }
        int s = x;
        while (x < MAX_WIDTH && cover[x]) x++;
        L->lo[L->n] = s;
        L->hi[L->n] = x;
        L->n++;
    }
}

static int place(const trow *t, int m, const layout *L, int *out);

/* The column of L a span overlaps most, or -1. */
static int most_under(const tspan *sp, int m, const layout *L)
{
    int best = -1, bestov = 0;
    for (int c = 0; c < L->n; c++) {
        int lo = sp->s[m] > L->lo[c] ? sp->s[m] : L->lo[c], hi = sp->e[m] < L->hi[c] ? sp->e[m] : L->hi[c];
        if (hi - lo > bestov) { bestov = hi - lo; best = c; }
    }
    return best;
}

/* Where column c of L splits so that every data row's two cells that lie
 * in it, a figure and a name after it, fall one on each side: past the
 * middle of each figure, before the middle of each name (doubled
 * positions); 0 when no row has two cells in c, when two are anything but a
 * figure and a name (two figures printed a position or two off their
 * columns stay as they are), or when no place does. */
static int split_point(const jue_grid *g, const trow *rows, size_t a, size_t b, int m, const layout *L, int c)
{
    int left = -1, right = 1 << 30, start = 1 << 30;
    for (size_t i = a; i < b; i++) {
        if (!data_trow(g, &rows[i])) continue;
        for (int k = 0; k + 1 < rows[i].n; k++) {
            const tspan *p = &rows[i].sp[k], *q = &rows[i].sp[k + 1];
            if (most_under(p, m, L) != c || most_under(q, m, L) != c) continue;
            /* a figure and the next pane's name, nothing else */
            const jue_grow *r = &g->rows[rows[i].row];
            if (!data_text(r->cells[k].text) || data_text(r->cells[k + 1].text)) return 0;
            if (p->s[m] + p->e[m] > left) left = p->s[m] + p->e[m];
            if (q->s[m] + q->e[m] < right) right = q->s[m] + q->e[m];
            if (q->s[m] < start) start = q->s[m];
        }
    }
    if (left < 0) return 0;
    int x = 2 * start >= left ? start : (left + 1) / 2;
    return 2 * x < right && x > L->lo[c] && x < L->hi[c] ? x : 0;
}

/* Two columns run together: a figure printed a position or two wide of
 * its column touches the names of the next pane ("1.05" under "23,844.11",
 * "本年支出合计" printed left of the other names), and the cover makes one
 * column of both. The data rows that have a cell in each say where it
 * splits; a row with only one of them then keeps its own column. */
static void split_merged(const jue_grid *g, const trow *rows, size_t a, size_t b, int m, layout *L)
{
    for (int c = 0; c < L->n && L->n < MAX_SPANS * 2; c++) {
        int x = split_point(g, rows, a, b, m, L, c);
        if (!x) continue;
        for (int k = L->n; k > c + 1; k--) {
            L->lo[k] = L->lo[k - 1];
            L->hi[k] = L->hi[k - 1];
        }
        L->lo[c + 1] = x;
        L->hi[c + 1] = L->hi[c];
        L->hi[c] = x;
        L->n++;
    }
}

/* How many columns of L the span overlaps. */
static int columns_under(const tspan *sp, int m, const layout *L)
{
    int n = 0;
    for (int c = 0; c < L->n; c++) n += sp->s[m] < L->hi[c] && L->lo[c] < sp->e[m];
    return n;
}

/* Whether a row of [a, b) has cells in both columns c - 1 and c of L. */
static bool one_row_in_both(const trow *rows, size_t a, size_t b, int m, const layout *L, int c)
{
    for (size_t i = a; i < b; i++) {
        int cols[MAX_SPANS];
        if (place(&rows[i], m, L, cols) < 0) continue;
        bool left = false, right = false;
        for (int k = 0; k < rows[i].n; k++) {
            left |= cols[k] == c - 1;
            right |= cols[k] == c;
        }
        if (left && right) return true;
    }
    return false;
}

/* A heading printed narrower than its figures: in a copy that gives every
 * character one position (pdftotext -layout), a CJK heading ("其他收入")
 * takes half the width it has on the page, so it ends left of the figures
 * under it. Its figures then make a column no heading covers, right of a
 * column that is only heading. Such a figure column joins the heading's
 * column on its left when no row fills both; and a heading whose 栏次
 * number is printed a position or two right of it (each centred on the
 * page, the heading's end now where its centre was) joins the number's. */
static void join_headless(const jue_grid *g, const trow *rows, size_t a, size_t b, int m, layout *L)
{
    enum { HEAD = 1, FIG = 2 };
    unsigned char has[MAX_SPANS * 2];
    bool both[MAX_SPANS * 2];
    memset(has, 0, sizeof has);
    memset(both, 0, sizeof both);
    for (size_t i = a; i < b; i++) {
        int cols[MAX_SPANS];
        if (place(&rows[i], m, L, cols) < 0) continue;
        const jue_grow *r = &g->rows[rows[i].row];
        bool data = data_trow(g, &rows[i]);
        for (int k = 0; k < rows[i].n; k++) {
            bool fig = data && data_text(r->cells[k].text);
            /* a heading over several columns heads none of them alone */
            if (!fig && columns_under(&rows[i].sp[k], m, L) > 1) continue;
            has[cols[k]] |= fig ? FIG : HEAD;
            if (k > 0 && cols[k - 1] == cols[k] - 1) both[cols[k]] = true;
        }
    }
    for (int c = L->n - 1; c > 0; c--) {
        bool headless = has[c] == FIG && (has[c - 1] & HEAD) && !both[c];
        /* a heading and its 栏次 number, stacked but printed apart: a
         * heading-only column close left of a headed figure column, no row
         * having a cell in both */
        bool stacked = has[c] == (FIG | HEAD) && has[c - 1] == HEAD && L->lo[c] - L->hi[c - 1] <= 2 &&
                       !one_row_in_both(rows, a, b, m, L, c);
        if (!headless && !stacked) continue;
        has[c - 1] |= has[c];
        L->hi[c - 1] = L->hi[c];
        for (int k = c; k + 1 < L->n; k++) {
            L->lo[k] = L->lo[k + 1];
            L->hi[k] = L->hi[k + 1];
            has[k] = has[k + 1];
            both[k] = both[k + 1];
        }
        L->n--;
    }
}

/* Columns for the cells of row t under L (monotonic); the number of cells
 * that had to be pushed off the column they overlap (a conflict), or -1
 * when there is no column. With strict, a cell in a gutter is -1 too. */
static int place_(const trow *t, int m, const layout *L, int *out, bool strict)
{
    int prev = -1, conflicts = 0;
    for (int k = 0; k < t->n; k++) {
        int s = t->sp[k].s[m], e = t->sp[k].e[m], best = -1, bestov = 0;
        for (int c = 0; c < L->n; c++) {
            int lo = s > L->lo[c] ? s : L->lo[c], hi = e < L->hi[c] ? e : L->hi[c];
            if (hi - lo > bestov) { bestov = hi - lo; best = c; }
        }
        if (best < 0) {
            /* in a gutter: the column right of the cell before whose edge
             * is a position or two away (a label centred in its column,
             * "总计", printed past the column's widest label above), else
             * the nearest by centre; with strict, only the former */
            int mid2 = s + e, bd = 1 << 30, edge = 1 << 30, by_edge = -1;
            for (int c = prev + 1; c < L->n; c++) {
                int d = mid2 - (L->lo[c] + L->hi[c]);
                if (d < 0) d = -d;
                if (d < bd) { bd = d; best = c; }
                int g1 = L->lo[c] - e, g2 = s - L->hi[c];
                int gap = g1 > g2 ? g1 : g2;
                if (gap < edge) { edge = gap; by_edge = c; }
            }
            if (edge <= 2) best = by_edge;
            else if (strict) return -1;
        }
        if (best < 0) return -1;
        if (best <= prev) { best = prev + 1; conflicts++; }
        out[k] = best;
        prev = best;
    }
    return conflicts;
}

static int place(const trow *t, int m, const layout *L, int *out)
{
    return place_(t, m, L, out, false);
}

/* Conflicts of the data rows of [a, b) under L in metric m. */
static int fit(const jue_grid *g, const trow *rows, size_t a, size_t b, int m, const layout *L)
{
    int cols[MAX_SPANS], total = 0;
    for (size_t i = a; i < b; i++) {
        if (!data_trow(g, &rows[i])) continue;
        int c = place(&rows[i], m, L, cols);
        if (c < 0) return 1 << 20;
        total += c;
    }
    return total;
}

static jue_status move_cells(jue_grow *r, const int *cols, int n)
{
    /* each cell to a column of its own, in order, none left of its place:
     * anything else (a placement mapped onto another block's columns that
     * crossed) leaves the row as it was */
    for (int k = 0; k < n; k++)
        if (cols[k] < k || cols[k] >= MAX_SPANS * 2 || (k && cols[k] <= cols[k - 1])) return JUE_OK;
    /* grow to the last column, then move right to left (cols[k] >= k) */
    if (cols[n - 1] >= (int)r->n && !jue_grow_set(r, cols[n - 1], "", 0)) return JUE_ERR_NOMEM;
    r->title = 0;   /* the recognizer's, of the cells as they were */
    r->one_known = false;
    r->filled_known = false;
    r->meta = 0;
    for (int k = n - 1; k >= 0; k--) {
        if (cols[k] == k) continue;
        jue_gcell *to = &r->cells[cols[k]], *from = &r->cells[k];
        char *t = to->text;
        bool heap = to->heap;
        to->text = from->text;
        to->heap = from->heap;
        to->pos = from->pos;
        to->rec = from->rec;
        to->memo = from->memo;
        from->text = t;   /* the blank one */
        from->heap = heap;
        from->text[0] = '\0';
        from->pos = 0;
        from->rec = 0;
        from->memo = NULL;
    }
    return JUE_OK;
}

/* Whether a table may go on at row `to` after the rows [from, to): a few
 * lines (a page break, a wrapped name), or only short lines of one label
 * each (a pane's lines with nothing in its other columns: "十、节能环保支出"). */
static bool near_on(const jue_grid *g, size_t from, size_t to)
{
    if (to - from <= 8) return true;
    for (size_t q = from; q < to; q++) {
        const jue_grow *r = &g->rows[q];
        if (!jue_grow_filled(r)) continue;
        const char *t = NULL;
        for (size_t k = 0; k < r->n && !t; k++)
            if (r->cells[k].text[0]) t = r->cells[k].text;
        size_t n = strlen(t);
        if (jue_grow_filled(r) > 1 || cp_count(t, n) > 30 || sentence_text(t, t + n)) return false;
    }
    return true;
}

/* One-cell lines a heading may have between its rows of cells. */
#define HEAD_GAP 3

/* The line of one cell at grid row q, or NULL. */
static const tlone *lone_at(const trows *t, size_t q)
{
    size_t lo = 0, hi = t->nl;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->l[mid].row < q) lo = mid + 1;
        else hi = mid;
    }
    return lo < t->nl && t->l[lo].row == q ? &t->l[lo] : NULL;
}

/* A line of one short label that starts where a cell (not the first) of
 * the row of cells above it starts: a pane's name printed with the other
 * pane blank ("四、公共安全支出" under "一、一般公共预算财政拨款  三、国防支出"),
 * a row of the table, not a gap in it. */
static bool aligned_label(const jue_grid *g, const trows *t, size_t q, const trow *above)
{
    const tlone *l = lone_at(t, q);
    if (!l) return false;
    const char *s = g->rows[q].cells[0].text;
    size_t n = strlen(s);
    if (cp_count(s, n) > 30 || sentence_text(s, s + n) || data_text(s)) return false;
    for (int k = 1; k < above->n; k++)
        if (l->sp.s[0] == above->sp[k].s[0] || l->sp.s[1] == above->sp[k].s[1]) return true;
    return false;
}

/* The filled rows of the grid between the rows of cells `above` and the
 * next (to), none of them space-split and none a label aligned with a cell
 * of `above` (nor the rest of one that a copy wrapped at a width broke off:
 * "四、公共" / "安全支出"), and whether one of them is a figure (a lone
 * figure is a row's, not a word of a heading). */
static int gap_rows(const jue_grid *g, const trows *t, const trow *above, size_t to, bool *figure)
{
    int n = 0;
    *figure = false;
    bool label = false;   /* the filled row before was an aligned label cut at the wrap */
    for (size_t q = above->row + 1; q < to && n <= HEAD_GAP; q++) {
        const jue_grow *r = &g->rows[q];
        if (!jue_grow_filled(r)) continue;
        bool rest = label && lone_at(t, q) && !data_text(r->cells[0].text);
        label = aligned_label(g, t, q, above) && r->at_wrap;
        if (rest || aligned_label(g, t, q, above)) continue;
        n++;
        for (size_t k = 0; k < r->n; k++) *figure |= data_text(r->cells[k].text);
    }
    return n;
}

/* A heading printed with one space between two column headings
 * ("基本支出 项目支出"): a copy that gives a CJK character one position
 * puts both over the left column, and the column of figures right of it
 * has no heading. When the columns right of such a cell carry figures in
 * the block but no heading in any of its rows, the words go one a column. */
static int words_of(const char *s, const char *ws[MAX_SPANS], size_t wl[MAX_SPANS])
{
    int n = 0;
    for (const char *p = s; *p;) {
        while (*p == ' ') p++;
        if (!*p) break;
        if (n == MAX_SPANS) return 0;
        ws[n] = p;
        while (*p && *p != ' ') p++;
        wl[n] = (size_t)(p - ws[n]);
        /* a word, not a figure or a lone character of letter-spaced text */
        if (cp_count(ws[n], wl[n]) < 2 || figure_token(ws[n], p)) return 0;
        n++;
    }
    return n;
}

static jue_status split_headings(jue_grid *g, const trow *rows, size_t a, size_t b)
{
    enum { HEADED = 1, FIGURES = 2 };
    unsigned char has[MAX_SPANS * 2];
    memset(has, 0, sizeof has);
    for (size_t i = a; i < b; i++) {
        const jue_grow *r = &g->rows[rows[i].row];
        bool data = data_trow(g, &rows[i]);
        for (size_t c = 0; c < r->n && c < MAX_SPANS * 2; c++)
            if (r->cells[c].text[0]) has[c] |= data ? FIGURES : HEADED;
    }
    for (size_t i = a; i < b; i++) {
        if (data_trow(g, &rows[i])) continue;
        jue_grow *r = &g->rows[rows[i].row];
        for (size_t c = 0; c < r->n && c < MAX_SPANS * 2; c++) {
            const char *ws[MAX_SPANS];
            size_t wl[MAX_SPANS];
            int n = strchr(r->cells[c].text, ' ') ? words_of(r->cells[c].text, ws, wl) : 0;
            bool room = n >= 2 && c + (size_t)n <= MAX_SPANS * 2;
            for (int k = 1; k < n && room; k++) room = has[c + (size_t)k] == FIGURES;
            if (!room) continue;
            char *text = jue_strdup(r->cells[c].text);
            if (!text) return JUE_ERR_NOMEM;
            int pos = r->cells[c].pos;
            size_t off[MAX_SPANS];
            for (int k = 0; k < n; k++) off[k] = (size_t)(ws[k] - r->cells[c].text);
            for (int k = n - 1; k >= 0; k--) {
                const char *w = text + off[k];
                jue_gcell *cell = jue_grow_set(r, (int)c + k, w, wl[k]);
                if (!cell) { free(text); return JUE_ERR_NOMEM; }
                cell->pos = pos + cp_count(text, (size_t)(w - text));
            }
            free(text);
            for (int k = 1; k < n; k++) has[c + (size_t)k] |= HEADED;
            c += (size_t)n - 1;
        }
    }
    return JUE_OK;
}

/* Whether the filled rows of [from, to) are pieces of names: one short
 * cell each, no sentence, printed right of the data row's first cell,
 * which ends at `after` (a name centred in a tall row, printed on the
 * lines around its code and figures: "社会保障和就" / "208 … 754.75" /
 * "业支出", the next row's name starting on the line after). */
static bool name_pieces(const jue_grid *g, size_t from, size_t to, int after)
{
    for (size_t q = from; q < to; q++) {
        const jue_grow *r = &g->rows[q];
        if (!jue_grow_filled(r)) continue;
        if (jue_grow_filled(r) > 1) return false;
        const jue_gcell *c = NULL;
        for (size_t k = 0; k < r->n && !c; k++)
            if (r->cells[k].text[0]) c = &r->cells[k];
        size_t n = strlen(c->text);
        if (cp_count(c->text, n) > 12 || sentence_text(c->text, c->text + n) || c->pos - 1 <= after) return false;
    }
    return true;
}

/* The starts and ends, in metric m, of row t's figures with a point (its
 * first cell, the code, left out): how many. */
static int figure_spans(const jue_grid *g, const trow *t, int m, int *s, int *e)
{
    int n = 0;
    for (int k = 1; k < t->n && k < (int)g->rows[t->row].n; k++)
        if (strchr(g->rows[t->row].cells[k].text, '.') && data_text(g->rows[t->row].cells[k].text))
            s[n] = t->sp[k].s[m], e[n++] = t->sp[k].e[m];
    return n;
}

/* Whether data row b's figures stand where row a's would stand on another
 * page, counted in metric m: as many (two or more), none starting or ending
 * where one of a's does, all moved by the same few positions (3 to 8,
 * within 1), their code where a's is. */
static bool shifted_in(const jue_grid *g, const trow *a, const trow *b, int m)
{
    int sa[MAX_SPANS], ea[MAX_SPANS], sb[MAX_SPANS], eb[MAX_SPANS];
    int na = figure_spans(g, a, m, sa, ea), nb = figure_spans(g, b, m, sb, eb);
    if (na < 2 || na != nb || abs(a->sp[0].s[m] - b->sp[0].s[m]) > 1) return false;
    int d = eb[0] - ea[0];
    if (abs(d) < 3 || abs(d) > 8) return false;
    for (int i = 0; i < na; i++) {
        if (abs(eb[i] - ea[i] - d) > 1) return false;
        for (int j = 0; j < na; j++)
            if (abs(eb[i] - ea[j]) <= 1 || abs(sb[i] - sa[j]) <= 1) return false;
    }
    return true;
}

/* Whether every figure of row b ends where one of row a's does, within 1,
 * counted in metric m: the two stand in one layout. */
static bool ends_aligned(const jue_grid *g, const trow *a, const trow *b, int m)
{
    int n = 0;
    for (int k = 1; k < b->n && k < (int)g->rows[b->row].n; k++) {
        if (!data_text(g->rows[b->row].cells[k].text)) continue;
        bool on = false;
        for (int j = 1; j < a->n && !on; j++) on = abs(a->sp[j].e[m] - b->sp[k].e[m]) <= 1;
        if (!on) return false;
        n++;
    }
    return n > 0;
}

/* Whether row b's figures moved from row a's as at a page break, counted in
 * the metric in which a stands aligned with the row before it, p (a
 * character a position, or a CJK one two: the copy's metric is known only
 * once its blocks are). A copy without page marks (pdftotext -nopgbrk) lays
 * each page out on its own and joins them: the columns of one say nothing
 * of the next's, as at a page mark. */
static bool figures_shifted(const jue_grid *g, const trow *p, const trow *a, const trow *b)
{
    for (int m = 0; m < 2; m++)
        if (ends_aligned(g, p, a, m)) return shifted_in(g, a, b, m);
    return false;
}

/* The first row after the block that starts at row a: space-split rows with
 * at most one other row between two of them (a 收入/支出 heading, a wrapped
 * name) besides blank ones; a heading set over several lines ("项目" /
 * "科目名称" / "科目编码" each on its own) may have up to HEAD_GAP between it
 * and the rows under it, while the block holds no data row yet. A new page
 * starts a new block: a copy places each page's text on its own (the rows
 * after a page break may stand a few positions right of those before it),
 * so the columns of one page say nothing of the next; a table going on
 * there keeps the columns when its rows fit them (align_blocks). */
static size_t block_end(const jue_grid *g, const trows *t, size_t a)
{
    const trow *rows = t->r;
    size_t nrows = t->n, b = a + 1;
    bool data = data_trow(g, &rows[a]);
    while (b < nrows) {
        size_t last = rows[b].row;   /* the line right over row b */
        while (last > rows[b - 1].row + 1 && !jue_grow_filled(&g->rows[last - 1])) last--;
        bool figure;
        /* a figure printed a line above the heading's first data row is
         * that row's (its baseline set higher): no row of its own */
        bool lifted = !data && last > rows[b - 1].row + 1 && lone_at(t, last - 1) &&
                      data_text(g->rows[last - 1].cells[0].text) && data_trow(g, &rows[b]);
        int other = gap_rows(g, t, &rows[b - 1], lifted ? last - 1 : rows[b].row, &figure);
        /* after a data row, one other row, or a few pieces of names; in a
         * heading, HEAD_GAP lines and the first name's piece over its row */
        bool next = !figure && data_trow(g, &rows[b]);
        bool pieces = next && name_pieces(g, data ? rows[b - 1].row + 1 : last - 1, rows[b].row, rows[b].sp[0].e[0]);
        int most = (data && !pieces) || figure ? 1 : HEAD_GAP + (!data && pieces);
        if (other > most) break;
        if (g->rows[rows[b].row].page != g->rows[rows[b - 1].row].page) break;
        if (b >= a + 2 && data_trow(g, &rows[b - 2]) && data_trow(g, &rows[b]) &&
            figures_shifted(g, &rows[b - 2], &rows[b - 1], &rows[b]))
            break;
        data |= data_trow(g, &rows[b]);
        b++;
    }
    return b;
}

/* Block [a, b)'s columns in metric m. */
static int block_layout(const jue_grid *g, const trow *rows, size_t a, size_t b, int m, layout *L)
{
    make_layout(g, rows, a, b, m, L);
    split_merged(g, rows, a, b, m, L);
    join_headless(g, rows, a, b, m, L);
    return fit(g, rows, a, b, m, L);
}

/* The metric of the whole copy: a text tool counts every character as one
 * position (pdftotext) or a CJK one as two (a monospaced copy), the same on
 * every line. Misaligned positions either run columns together (conflicts)
 * or spread one column into several: the fewest conflicts over all blocks,
 * then the fewest columns. */
static int copy_metric(const jue_grid *g, const trows *t)
{
    const trow *rows = t->r;
    size_t nrows = t->n;
    long score[2] = { 0, 0 }, cols[2] = { 0, 0 };
    for (size_t a = 0; a < nrows;) {
        size_t b = block_end(g, t, a);
        for (int m = 0; m < 2; m++) {
            layout L;
            score[m] += block_layout(g, rows, a, b, m, &L);
            cols[m] += L.n;
        }
        a = b;
    }
    return score[0] < score[1] || (score[0] == score[1] && cols[0] <= cols[1]) ? 0 : 1;
}

/* The lines of one cell among the heading rows of block [a, b) (above its
 * first row of figures): a piece of a heading printed over several lines
 * ("一般公共预" / "算财政拨款" between the lines of the other headings: a few
 * words, no sentence, within one column) goes to the column it is printed
 * in, a piece right of every column to one past the last; so does a figure
 * printed a line above the first row (block_end). *k: the first line of
 * one cell not before the block. */
static jue_status lone_headings(jue_grid *g, const trows *t, size_t a, size_t b, int m, const layout *L, size_t *k)
{
    size_t head_end = t->r[a].row;
    for (size_t i = a; i < b && head_end == t->r[a].row; i++)
        if (data_trow(g, &t->r[i])) head_end = t->r[i].row;
    for (; *k < t->nl && t->l[*k].row < head_end; (*k)++) {
        if (t->l[*k].row < t->r[a].row) continue;
        trow one = { .row = t->l[*k].row, .n = 1 };
        one.sp[0] = t->l[*k].sp;
        const char *text = g->rows[one.row].cells[0].text;
        size_t n = strlen(text);
        bool figure = data_text(text);
        if (cp_count(text, n) > 16 || (!figure && sentence_text(text, text + n)) || columns_under(&one.sp[0], m, L) > 1)
            continue;
        int col = -1;
        /* past the last column: the heading of a column no row fills, its
         * words stacked right of every figure ("国有资本经营" / "预" / …) */
        if (!figure && L->n > 0 && one.sp[0].s[m] > L->hi[L->n - 1] + 2) col = L->n;
        else if (place_(&one, m, L, &col, true) != 0) continue;
        if (col == 0) continue;
        jue_status st = move_cells(&g->rows[one.row], &col, 1);
        if (st) return st;
    }
    return JUE_OK;
}

/* Whether every cell of row t is a figure (or none is: want false). */
static bool all_cells(const jue_grid *g, const trow *t, bool want)
{
    const jue_grow *r = &g->rows[t->row];
    for (int k = 0; k < t->n && k < (int)r->n; k++)
        if (data_text(r->cells[k].text) != want) return false;
    return true;
}

/* A row of figures squeezed together: pdftotext -layout prints a run of
 * evenly spaced figures with one space between them ("2.85 0.39 0.00
 * 0.00  0.00      0.00 …") while the headings above keep their places, so
 * the figures lie under the wrong headings. A row of figures only, two of
 * them one position apart, with as many cells as the heading row above it
 * in the block (nothing but headings, or the 栏次 numbers), takes the
 * headings' places: one figure a heading, in order. */
static void unsqueeze(const jue_grid *g, trow *rows, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        trow *t = &rows[i];
        bool squeezed = false;
        for (int k = 0; k + 1 < t->n; k++) squeezed |= t->sp[k + 1].s[0] - t->sp[k].e[0] == 1;
        if (!squeezed || !all_cells(g, t, true) || lanci_row(&g->rows[t->row])) continue;
        size_t h = i;
        while (h > a && data_trow(g, &rows[h - 1])) h--;
        if (h == a || rows[h - 1].n != t->n) continue;
        if (!all_cells(g, &rows[h - 1], false) && !lanci_row(&g->rows[rows[h - 1].row])) continue;
        memcpy(t->sp, rows[h - 1].sp, (size_t)t->n * sizeof t->sp[0]);
    }
}

/* The columns of layout L onto those of prev, each to the one its range
 * overlaps most, in order: a table going on whose own columns are fewer or
 * wider (figures of several lengths right-aligned in one column) than the
 * headings' the block before made. False when a column overlaps none or two
 * fall on one. */
static bool map_onto(const layout *L, const layout *prev, int *map)
{
    int last = -1;
    for (int q = 0; q < L->n; q++) {
        int best = -1, bestov = 0;
        for (int c = 0; c < prev->n; c++) {
            int lo = L->lo[q] > prev->lo[c] ? L->lo[q] : prev->lo[c], hi = L->hi[q] < prev->hi[c] ? L->hi[q] : prev->hi[c];
            if (hi - lo > bestov) { bestov = hi - lo; best = c; }
        }
        if (best <= last) return false;
        map[q] = last = best;
    }
    return true;
}

static jue_status align_blocks(jue_grid *g, const trows *t)
{
    trow *rows = t->r;
    size_t nrows = t->n, lone = 0;
    layout prev = { 0 };
    bool have_prev = false;
    size_t prev_end_row = 0;
    for (size_t a = 0; a < nrows;) {
        size_t b = block_end(g, t, a);
        unsqueeze(g, rows, a, b);
        a = b;
    }
    int m = copy_metric(g, t);
    for (size_t a = 0; a < nrows;) {
        size_t b = block_end(g, t, a);
        layout L;
        block_layout(g, rows, a, b, m, &L);
        const layout *use = &L;
        int map[MAX_SPANS * 2];
        bool mapped = false;
        /* a table going on: the block fits the columns of the one before
         * it, a few rows up, without conflicts, and has no more columns */
        if (have_prev && near_on(g, prev_end_row + 1, rows[a].row) && L.n <= prev.n && data_trow(g, &rows[a])) {
            /* every cell on a column of the block before, none pushed, and
             * the cells of one of its own columns on one column there too
             * (a block before holding only headings has a column for each
             * heading, and figures of different lengths right-aligned under
             * one of them may each fall on another) */
            bool ok = true;
            int cols[MAX_SPANS], own[MAX_SPANS], to[MAX_SPANS * 2];
            for (int q = 0; q < MAX_SPANS * 2; q++) to[q] = -1;
            for (size_t i = a; i < b && ok; i++) {
                ok = place_(&rows[i], m, &prev, cols, true) == 0 && place(&rows[i], m, &L, own) >= 0;
                for (int k = 0; k < rows[i].n && ok; k++) {
                    if (own[k] < 0 || own[k] >= MAX_SPANS * 2) continue;
                    ok = to[own[k]] < 0 || to[own[k]] == cols[k];
                    to[own[k]] = cols[k];
                }
            }
            if (ok) use = &prev;
            else mapped = map_onto(&L, &prev, map);
        }
        for (size_t i = a; i < b; i++) {
            int cols[MAX_SPANS];
            if (place(&rows[i], m, use, cols) < 0) continue;
            bool off = false;
            for (int k = 0; mapped && k < rows[i].n; k++) {
                off |= cols[k] < 0 || cols[k] >= L.n;
                cols[k] = off ? -1 : map[cols[k]];
            }
            if (off) continue;
            jue_status st = move_cells(&g->rows[rows[i].row], cols, rows[i].n);
            if (st) return st;
        }
        if (mapped) {   /* the columns before, widened to this block's */
            for (int q = 0; q < L.n; q++) {
                if (L.lo[q] < prev.lo[map[q]]) prev.lo[map[q]] = L.lo[q];
                if (L.hi[q] > prev.hi[map[q]]) prev.hi[map[q]] = L.hi[q];
            }
            use = &prev;
        }
        jue_status st = lone_headings(g, t, a, b, m, use, &lone);
        if (!st) st = split_headings(g, rows, a, b);
        if (st) return st;
        if (use != &prev) prev = *use;
        have_prev = true;
        prev_end_row = rows[b - 1].row;
        a = b;
    }
    return JUE_OK;
}

/* A page break in a text copy: a form feed (pdftotext) before the page's
 * first line, or a line of its own such as "=== page 7 ===" or "第7页" that
 * a PDF-to-text tool writes. Sets *page; true when the whole line is the
 * mark (the row stays blank). */
static bool page_mark(const char **line, size_t *n, int *page)
{
    bool ff = false;
    while (*n && **line == '\f') { (*line)++; (*n)--; ff = true; }
    if (ff) (*page)++;
    if (ff && *page == 1) *page = 2;   /* the first page had no form feed */
    const char *s = *line, *e = s + *n;
    while (s < e && (*s == ' ' || *s == '=' || *s == '-')) s++;
    while (e > s && (e[-1] == ' ' || e[-1] == '=' || e[-1] == '-')) e--;
    if (s == *line || e == *line + *n) return false;   /* no ruling around it */
    if (e - s > 5 && (!strncmp(s, "page ", 5) || !strncmp(s, "Page ", 5))) s += 5;
    else return false;
    int k = 0;
    for (; s < e && *s >= '0' && *s <= '9'; s++) k = k < 100000 ? k * 10 + (*s - '0') : k;
    if (s != e || k == 0) return false;
    *page = k;
    return true;
}

/* Room for one more element in array *p of n (capacity *cap); false when
 * out of memory. */
static bool room(void **p, size_t n, size_t *cap, size_t size)
{
    if (n < *cap) return true;
    size_t nc = *cap ? *cap * 2 : 64;
    void *q = realloc(*p, nc * size);
    if (!q) return false;
    *p = q;
    *cap = nc;
    return true;
}

static bool add_trow(trows *t, size_t row, const tspan *sp, int ns)
{
    void *r = t->r;
    bool ok = room(&r, t->n, &t->cap, sizeof *t->r);
    t->r = r;
    if (!ok) return false;
    t->r[t->n].row = row;
    t->r[t->n].n = ns;
    memcpy(t->r[t->n].sp, sp, (size_t)ns * sizeof sp[0]);
    t->n++;
    return true;
}

static bool add_lone(trows *t, size_t row, const tspan *sp, const tcell *at)
{
    void *l = t->l;
    bool ok = room(&l, t->nl, &t->capl, sizeof *t->l);
    t->l = l;
    if (!ok) return false;
    t->l[t->nl] = (tlone){ .row = row, .at = *at };
    if (!at->line) t->l[t->nl].sp = *sp;
    t->nl++;
    return true;
}

/* The spans of the lines of one cell not counted yet. */
static void lone_spans(trows *t)
{
    for (size_t i = 0; i < t->nl; i++) {
        tlone *l = &t->l[i];
        if (!l->at.line) continue;
        wcursor wc = { l->at.line, 0, 0 };
        span_of(&wc, l->at.s, l->at.e, &l->sp);
        l->at.line = NULL;
    }
}

static void free_trows(trows *a)
{
    free(a->r);
    free(a->l);
}

/* ---- text wrapped at a fixed width ------------------------------------ *
 * A reader copying from a PDF, or a tool saving its text, breaks lines at
 * a width: every long line then ends at the same number of characters, and
 * none is longer (rows aligned with runs of spaces aside: a -layout copy
 * keeps them whole). A table row broken inside a cell's words ("…31099→其"
 * / "他资本性支出→") is joined again: a row of data (it has a code or a
 * figure) ends exactly at the width with a character of words and the next
 * line starts with one (in a data row a name is followed by a figure or a
 * code, never by words, so no cell boundary was lost there). A row broken between cells is left as it is: how many
 * blank cells the break swallowed is not known (the recognizer reads such
 * a table doubtfully). */

/* Code points of [s, e). */
static int cps(const char *s, const char *e) { return cp_count(s, (size_t)(e - s)); }

static bool aligned_line(const char *s, const char *e)
{
    while (s < e && *s == ' ') s++;
    return two_spaces(s, e);
}

/* Whether [s, e) holds a character other than a space or a form feed. */
static bool has_text(const char *s, const char *e)
{
    for (; s < e; s++)
        if (*s != ' ' && *s != '\f') return true;
    return false;
}

/* The widths a text may be wrapped at, from one pass over its lines:
 * wrap, the width it is wrapped at, or 0: the longest line (of those not
 * aligned with runs of spaces, at least 16 characters) is also the most
 * common length, at least 8 times; and indent, the width a wrap that keeps
 * spaces cut a -layout copy at when it is wider than most of the prose (so
 * the wrap, which wants the longest line the most common, is none): the
 * longest line not aligned with runs of spaces (its '\r' counted), when at
 * least 3 lines of spaces alone (an indent cut off its title) are that long;
 * else 0. pdftotext does not print lines of spaces. */
typedef struct {
    int wrap, indent;
    size_t lines;
} widths;

static widths wrap_widths(const char *p, const char *end)
{
    enum { MAXW = 512 };
    int hist[MAXW + 1] = { 0 };
    int max = 0, longest = 0, blanks = 0;
    size_t lines = 0;
    bool too_long = false;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end, *t = e > p && e[-1] == '\r' ? e - 1 : e;
        /* a line of fewer than 16 bytes has fewer than 16 characters: it
         * counts for neither width (a longest line under 16 keeps no blanks) */
        if (e - p >= 16 && !aligned_line(p, t)) {
            int n = cps(p, t), full = n + (t < e);
            if (n >= 16 && !too_long) {
                if (n > MAXW) too_long = true;
                else hist[n]++, max = n > max ? n : max;
            }
            if (full > longest) longest = full, blanks = 0;
            if (full == longest && full >= 16 && !has_text(p, e)) blanks++;
        }
        p = nl ? nl + 1 : end;
        lines++;
    }
    widths w = { 0, blanks >= 3 ? longest : 0, lines };
    if (too_long || max == 0 || hist[max] < 8) return w;
    for (int n = 16; n < max; n++)
        if (hist[n] > hist[max]) return w;
    w.wrap = max;
    return w;
}

/* Whether the character at p (of a line) is one of words: not ASCII, not a
 * space (U+3000). */
static bool word_char(const char *p, const char *e)
{
    return p < e && (unsigned char)*p >= 0x80 && !(e - p >= 3 && !memcmp(p, "\xE3\x80\x80", 3));
}

/* The start of the last character of [s, e). */
static const char *last_char(const char *s, const char *e)
{
    const char *q = e - 1;
    while (q > s && ((unsigned char)*q & 0xC0) == 0x80) q--;
    return q;
}

/* Whether a tab-separated line has a cell of ASCII digits (a code or a
 * figure): a row of data, whose words are names. In a heading row two
 * cells of words meet at a tab, and a cut just before that tab is not
 * told from a cut inside a word. */
static bool digit_cell(const char *p, const char *e)
{
    for (const char *s = p; s < e;) {
        const char *t = memchr(s, '\t', (size_t)(e - s));
        if (!t) t = e;
        bool digits = t > s;
        for (const char *q = s; q < t && digits; q++) digits = (*q >= '0' && *q <= '9') || *q == '.' || *q == ',';
        if (digits) return true;
        s = t + 1;
    }
    return false;
}

/* The end of the line starting at p. */
static const char *line_end(const char *p, const char *end)
{
    const char *nl = p < end ? memchr(p, '\n', (size_t)(end - p)) : NULL;
    return nl ? nl : end;
}

/* Whether the line [n, ne) may go on after a piece ending at e of one line
 * a wrap cut (text: the pieces hold more than spaces): the line stays one
 * text (after its indent, no run of two spaces); after words, not before an
 * ordinal ("二、", " 6、", "（三）": a heading or a new paragraph). */
static bool goes_on(const char *e, const char *n, const char *ne, bool text)
{
    if (n >= ne || ne[-1] == '\r' || memchr(n, '\t', (size_t)(ne - n))) return false;
    if (!text) {
        const char *m = n;
        while (m < ne && *m == ' ') m++;
        return !two_spaces(m, ne);
    }
    if (two_spaces(n, ne) || (e[-1] == ' ' && *n == ' ')) return false;
    while (n < ne && *n == ' ') n++;
    char head[40];
    size_t hl = (size_t)(ne - n) < sizeof head - 1 ? (size_t)(ne - n) : sizeof head - 1;
    memcpy(head, n, hl);
    head[hl] = '\0';
    return jue_imp_skip_ordinal(head) == head;
}

/* A line of a -layout copy that a wrap at width w cut into pieces: the
 * cutter keeps the spaces, so the pieces side by side are the line as
 * printed. From the line [p, e): every piece but the last exactly w long,
 * the whole one text (a row of cells, with runs of spaces, is not cut) with
 * words. Returns the end of the last piece and its count in *pieces, or
 * NULL when [p, e) is no such piece. */
static const char *cut_line(const char *p, const char *e, const char *end, int w, int *pieces)
{
    if (e == p || e[-1] == '\r' || memchr(p, '\t', (size_t)(e - p))) return NULL;
    const char *s = p;
    while (s < e && (*s == ' ' || *s == '\f')) s++;
    if (two_spaces(s, e)) return NULL;
    bool text = s < e;
    const char *cur = p, *ce = e;
    int k = 1;
    while (cps(cur, ce) == w && ce < end) {
        const char *n = ce + 1, *ne = line_end(n, end);
        if (!goes_on(ce, n, ne, text)) break;
        text = text || has_text(n, ne);
        cur = n;
        ce = ne;
        k++;
    }
    if (k == 1 || !text) return NULL;
    *pieces = k;
    return ce;
}

/* Whether the wrap at width w kept the rows aligned with runs of spaces
 * whole (at least 8 of them run past it): the copy was cut by a tool that
 * wraps prose only and keeps every space (a -layout copy's paragraphs
 * wrapped), so its cut lines side by side are the lines as printed. A
 * cutter that drops the spaces at its cuts cuts every line. (Lines of the
 * width ending in a blank would tell such a cut in a copy of single-spaced
 * rows too, but there a row of exactly the width is as likely printed so as
 * cut, and joining it to the next ruins both: not taken.) */
static bool prose_cut(const char *p, const char *end, int w)
{
    int rows = 0;
    while (p < end && rows < 8) {
        const char *e = line_end(p, end);
        if (aligned_line(p, e) && cps(p, e) > w) rows++;
        p = e < end ? e + 1 : end;
    }
    return rows >= 8;
}

/* A copy of the text with table rows broken inside a cell joined again, and
 * the lines of a -layout copy cut at the width (cut_layout_line); a joined
 * line's later pieces leave empty lines, so lines keep their numbers. NULL
 * when nothing is joined (or memory runs out). */
typedef struct {
    int *line;         /* [k]: the line of the text that the copy's line k (1-based) starts at */
    size_t n, cap;
} linemap;

static bool map_line(linemap *m, int line)
{
    void *l = m->line;
    bool ok = room(&l, m->n + 1, &m->cap, sizeof *m->line);
    m->line = l;
    if (ok) m->line[++m->n] = line;
    return ok;
}

static char *unwrap_rows(const char *data, size_t len, int w, bool spaced, linemap *map, size_t *outlen)
{
    const char *end = data + len;
    if (!w) return NULL;
    jue_buf b;
    jue_buf_init(&b);
    bool joined = false, ok = true;
    int line = 1;
    for (const char *p = data; p < end && ok;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        const char *next = nl ? nl + 1 : end;
        const char *ne = next < end ? memchr(next, '\n', (size_t)(end - next)) : NULL;
        if (!ne) ne = end;
        bool tab = memchr(p, '\t', (size_t)(e - p)) != NULL;
        if (tab && digit_cell(p, e) && e > p && cps(p, e) == w && word_char(last_char(p, e), e) && word_char(next, ne) &&
            next < end) {
            /* the second half leaves an empty line */
            jue_buf_putn(&b, p, (size_t)(e - p));
            jue_buf_putn(&b, next, (size_t)(ne - next));
            jue_buf_puts(&b, "\n\n");
            ok = map_line(map, line) && map_line(map, line + 1);
            line += 2;
            joined = true;
            p = ne < end ? ne + 1 : end;
            continue;
        }
        int pieces = 0;
        const char *last = spaced && !tab ? cut_line(p, e, end, w, &pieces) : NULL;
        if (last) {
            /* one line of the copy: the rows after it are the rows that followed the pieces */
            for (const char *q = p;; q = line_end(q, last) + 1) {
                jue_buf_putn(&b, q, (size_t)(line_end(q, last) - q));
                if (line_end(q, last) == last) break;
            }
            jue_buf_putc(&b, '\n');
            ok = map_line(map, line);
            line += pieces;
            joined = true;
            p = last < end ? last + 1 : end;
            continue;
        }
        jue_buf_putn(&b, p, (size_t)(e - p));
        if (nl) jue_buf_putc(&b, '\n');
        ok = map_line(map, line++);
        p = next;
    }
    if (!joined || !ok || b.err) { jue_buf_free(&b); return NULL; }
    *outlen = b.len;
    return b.data;
}

static jue_status read_lines(const char *data, size_t len, size_t lines, jue_idoc *doc, jue_diags *diags);

/* Whether the line [p, e) ends at the wrap width w: the first word of the
 * line after it (up to a tab or space; one character of words) would not
 * have fit after it. */
static bool at_wrap(const char *p, const char *e, const char *next, const char *end, int w)
{
    if (!w || next >= end) return false;
    const char *q = next;
    size_t l;
    if (word_char(q, end)) q += (l = jue_utf8_seq((const unsigned char *)q, (size_t)(end - q))) ? l : 1;
    else
        while (q < end && *q != '\t' && *q != ' ' && *q != '\n' && *q != '\r') q++;
    int n = cps(p, e);
    /* cut at a space: the line fills the width, the next starts with the space */
    if (q == next && *next == ' ') {
        while (p < e && (*p == ' ' || *p == '\t')) p++;
        return n == w && p < e;
    }
    return q > next && n <= w && n + 1 + cps(next, q) > w;
}

jue_status jue_text_read(const char *data, size_t len, jue_idoc *doc, jue_diags *diags)
{
    size_t n = 0;
    widths ws = wrap_widths(data, data + len);
    int w = doc->wrap_width = ws.wrap;
    if (!w) w = ws.indent;
    bool spaced = w && prose_cut(data, data + len, w);
    linemap map = { NULL, 0, 0 };
    char *joined = unwrap_rows(data, len, spaced ? w : doc->wrap_width, spaced, &map, &n);
    /* the -layout lines put back: read as the copy they were cut from */
    if (joined && spaced) doc->wrap_width = wrap_widths(joined, joined + n).wrap;
    size_t grids = doc->n, diag0 = diags ? diags->len : 0;
    /* (a joined copy has no more lines than the text) */
    jue_status st = joined ? read_lines(joined, n, ws.lines, doc, diags) : read_lines(data, len, ws.lines, doc, diags);
    if (joined) {
        /* rows and messages name the lines of the text as given */
        for (size_t k = grids; k < doc->n; k++)
            for (size_t i = 0; i < doc->grids[k].n; i++) {
                int *l = &doc->grids[k].rows[i].line;
                if (*l > 0 && (size_t)*l <= map.n) *l = map.line[*l];
            }
        for (size_t i = diag0; diags && i < diags->len; i++)
            if (diags->items[i].line > 0 && (size_t)diags->items[i].line <= map.n)
                diags->items[i].line = map.line[diags->items[i].line];
    }
    free(map.line);
    free(joined);
    return st;
}

/* Where a Markdown pipe table is read (markdown.c): its columns, 0 outside
 * one; rule: the line after its header, its delimiter row. */
typedef struct {
    int cols;
    bool rule;
    jue_md_scan html;   /* where an HTML table's end was looked for */
    jue_md_grid grid;   /* a grid table */
    jue_md_dash dash;   /* a simple or multiline table */
    const char *begin;  /* the text's first line */
    /* which of the marks Markdown's blocks and spans start with the text
     * holds at all: most copies have none, and a line is not asked then */
    bool pipe, plus, lt, bracket, backslash, minus;
} mdstate;

static void md_marks(mdstate *md, const char *p, size_t n)
{
    md->pipe = memchr(p, '|', n);
    md->plus = memchr(p, '+', n);
    md->lt = memchr(p, '<', n);
    md->bracket = memchr(p, '[', n);
    md->backslash = memchr(p, '\\', n);
    md->minus = memchr(p, '-', n);
}

/* The Markdown blocks a line may start or go on with: a pipe table (its
 * header, its delimiter row, a row) or an HTML table (all its lines at
 * once). *done: the line was read so; *p is then the next line to read and
 * *line counts the lines read. */
static jue_status markdown_line(jue_grid *g, mdstate *md, const char **p, size_t n, const char *next,
                                const char *end, int *line, bool *done)
{
    *done = false;
    /* a grid table starts at a rule (+---+, after spaces), a pipe table's
     * lines and an HTML table's first hold '|' and '<' */
    const char *m = *p;
    while (m < *p + n && *m == ' ') m++;
    /* a simple or multiline table starts at a rule of dashes or the line over one */
    jue_status st = md->minus && !md->cols && !md->grid.cols
                        ? jue_md_dash_line(g, &md->dash, md->begin, *p, *p + n, end, done) : JUE_OK;
    if (st || *done) {
        *p = next;
        return st;
    }
    bool grid = md->plus && (md->grid.cols || (m < *p + n && *m == '+'));
    st = md->cols || !grid ? JUE_OK : jue_md_grid_line(g, &md->grid, *p, *p + n, done);
    if (st || *done) {
        *p = next;
        return st;
    }
    if (!md->pipe && !md->lt) return JUE_OK;
    const char *ne = next < end ? memchr(next, '\n', (size_t)(end - next)) : NULL;
    if (!ne) ne = end;
    if (ne > next && ne[-1] == '\r') ne--;
    if (md->cols && !jue_md_has_pipe(*p, *p + n)) md->cols = 0;
    int k = md->cols ? 0 : jue_md_table_at(*p, *p + n, next, ne);
    if (md->cols || k) {
        st = md->rule ? JUE_OK : k ? jue_md_header(g, *p, *p + n) : jue_md_row(&g->rows[g->n - 1], *p, *p, *p + n);
        md->rule = k > 0;
        if (k) md->cols = k;
        *p = next;
        *done = true;
        return st;
    }
    const char *after;
    st = jue_md_html_table(g, *p, end, &md->html, &after);
    if (st || !after) return st;
    for (const char *q = next; q < after; q++) {
        (*line)++;
        if (!(q = memchr(q, '\n', (size_t)(after - q)))) break;
    }
    *p = after;
    *done = true;
    return JUE_OK;
}

/* ---- justified prose ----------------------------------------------------- *
 * A copy that places each character where it stands across the page
 * (`pdftotext -fixed`, text tools that pad to the printed position) shows a
 * justified line of a paragraph with runs of spaces between its words
 * ("年初预算为        1560.05     万元，支出决算为 1511.89 万元。      决算"). Such a
 * line reads as a sentence (，。；) and stands among the paragraph's lines:
 * the lines next to it (past at most two blank ones) are sentences starting
 * where it starts, give or take the paragraph's indent, one of them a line of
 * one cell, and none a row of a table; it starts at their margin or right of
 * it (a first line's indent). It is one cell, as the others. */

#define PROSE_INDENT 12   /* positions: a first line's indent of two characters at -fixed 2 */

static bool sentence_cells(const jue_grow *r)
{
    for (size_t k = 0; k < r->n; k++)
        if (strstr(r->cells[k].text, "，") || strstr(r->cells[k].text, "。") || strstr(r->cells[k].text, "；"))
            return true;
    return false;
}

static int first_pos(const jue_grow *r)
{
    for (size_t k = 0; k < r->n; k++)
        if (r->cells[k].text[0]) return r->cells[k].pos;
    return 0;
}

/* The row next to row i going d (past at most two blank rows, on its page), or NULL. */
static const jue_grow *next_filled(const jue_grid *g, size_t i, int d)
{
    for (int step = 1; step <= 3; step++) {
        if (d < 0 ? i < (size_t)step : i + (size_t)step >= g->n) return NULL;
        const jue_grow *r = &g->rows[d < 0 ? i - (size_t)step : i + (size_t)step];
        if (r->page != g->rows[i].page) return NULL;
        if (jue_grow_filled(r)) return r;
    }
    return NULL;
}

/* -1: a row of a table next to it; 0: nothing, a line of one cell that is
 * no sentence (a heading), or a sentence of several cells; 1: a sentence
 * of one cell. */
static int prose_neighbour(const jue_grow *r, int pos)
{
    if (!r || (jue_grow_filled(r) == 1 && !r->packed && !sentence_cells(r))) return 0;
    int d = first_pos(r) - pos;
    if (r->packed || !sentence_cells(r) || d > PROSE_INDENT || d < -PROSE_INDENT) return -1;
    return jue_grow_filled(r) == 1 && strlen(r->cells[0].text) >= 15 ? 1 : 0;
}

static jue_status join_prose_row(jue_grow *r)
{
    jue_buf b;
    jue_buf_init(&b);
    for (size_t k = 0; k < r->n; k++) {
        if (!r->cells[k].text[0]) continue;
        if (b.len) jue_buf_putc(&b, ' ');
        jue_buf_puts(&b, r->cells[k].text);
    }
    int pos = first_pos(r);
    jue_status st = b.err ? JUE_ERR_NOMEM : JUE_OK;
    for (size_t k = r->n; k-- > 1 && !st;)
        if (!jue_grow_set(r, (int)k, "", 0)) st = JUE_ERR_NOMEM;
    if (!st && !jue_grow_set(r, 0, jue_buf_str(&b), b.len)) st = JUE_ERR_NOMEM;
    if (!st) {
        r->n = 1;
        r->cells[0].pos = pos;
    }
    jue_buf_free(&b);
    return st;
}

/* Whether rows a and b have a cell other than their first starting at
 * the same place (a position either way): columns of a table. */
static bool shared_column(const jue_grow *a, const jue_grow *b)
{
    for (size_t i = 1; i < a->n; i++)
        for (size_t k = 1; a->cells[i].text[0] && k < b->n; k++) {
            int d = a->cells[i].pos - b->cells[k].pos;
            if (b->cells[k].text[0] && d >= -1 && d <= 1) return true;
        }
    return false;
}

/* Whether row r may start, or go on with, a run of a paragraph's lines each
 * with runs of spaces: a sentence, printed right after the run's last line
 * (prev, NULL for the first) and sharing no column with it. */
static bool run_line(const jue_grid *g, size_t prev, const jue_grow *r)
{
    if (r->packed || !sentence_cells(r)) return false;
    return prev == SIZE_MAX || (next_filled(g, prev, 1) == r && !shared_column(&g->rows[prev], r));
}

/* Runs of two or more lines one after the other, each a sentence with runs
 * of spaces, starting within the paragraph's indent of each other, no two
 * next to each other sharing a column, no row of a table before or after
 * the run, and no line of one cell next to them: each made one cell and
 * taken out of t. A run is grown a line at a time, each line checked once. */
static jue_status justified_runs(jue_grid *g, trows *t)
{
    size_t kept = 0;
    for (size_t i = 0; i < t->n;) {
        const jue_grow *first = &g->rows[t->r[i].row];
        bool start = run_line(g, SIZE_MAX, first) &&
                     prose_neighbour(next_filled(g, t->r[i].row, -1), first_pos(first)) >= 0;
        int lo = first_pos(first), hi = lo;
        size_t j = i;
        while (start && j + 1 < t->n) {
            const jue_grow *r = &g->rows[t->r[j + 1].row];
            int p = first_pos(r), nlo = p < lo ? p : lo, nhi = p > hi ? p : hi;
            if (!run_line(g, t->r[j].row, r) || nhi - nlo > PROSE_INDENT ||
                prose_neighbour(next_filled(g, t->r[j + 1].row, 1), p) < 0)
                break;
            lo = nlo, hi = nhi, j++;
        }
        if (j > i) {
            for (size_t k = i; k <= j; k++) {
                jue_status st = join_prose_row(&g->rows[t->r[k].row]);
                if (st) return st;
            }
            i = j + 1;
            continue;
        }
        t->r[kept++] = t->r[i++];
    }
    t->n = kept;
    return JUE_OK;
}

/* The justified lines of a paragraph among t's rows of several cells: made
 * one cell each and taken out of t (no table is aligned on them). A line
 * made one cell may make the line next to it one (a paragraph's lines, each
 * with runs of spaces): passes go on while one does, at most eight. */
static jue_status justified_prose(jue_grid *g, trows *t)
{
    /* a few passes: a paragraph's lines; longer runs are justified_runs' (and
     * a pass a line over thousands of lines would take quadratic time) */
    for (size_t was = SIZE_MAX, pass = 0; t->n < was && pass < 8; pass++) {
        was = t->n;
        size_t kept = 0;
        for (size_t i = 0; i < t->n; i++) {
            jue_grow *r = &g->rows[t->r[i].row];
            int pos = first_pos(r);
            const jue_grow *above = next_filled(g, t->r[i].row, -1), *below = next_filled(g, t->r[i].row, 1);
            int up = prose_neighbour(above, pos), down = prose_neighbour(below, pos);
            /* a paragraph's line starts at its margin or indented, never left
             * of the sentences around it (a 自评表 row's label: "目标   救助、…") */
            int margin = above && sentence_cells(above) ? first_pos(above) : INT32_MAX;
            if (below && sentence_cells(below) && first_pos(below) < margin) margin = first_pos(below);
            if (!r->packed && sentence_cells(r) && up >= 0 && down >= 0 && up + down >= 1 && pos >= margin - 1) {
                jue_status st = join_prose_row(r);
                if (st) return st;
                continue;
            }
            t->r[kept++] = t->r[i];
        }
        t->n = kept;
    }
    return justified_runs(g, t);
}

/* The lines of [data, data + len), of which there are `lines`, as a grid's rows. */
static jue_status read_lines(const char *data, size_t len, size_t lines, jue_idoc *doc, jue_diags *diags)
{
    jue_grid *g = jue_idoc_add_grid(doc, NULL);
    if (!g || !jue_grid_reserve(g, lines)) return JUE_ERR_NOMEM;
    const char *p = data, *end = data + len;
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;
    int line = 0, page = 0;
    bool warned = !memchr(p, '\0', (size_t)(end - p));   /* a NUL is looked for line by line only if there is one */
    mdstate md = { 0 };
    md.begin = p;
    md_marks(&md, p, (size_t)(end - p));
    jue_buf plain;   /* a line with its Markdown links as their text */
    jue_buf_init(&plain);
    jue_buf unesc;   /* and with its Markdown escapes as their marks */
    jue_buf_init(&unesc);
    trows rows = { 0 };
    jue_status st = JUE_OK;
    while (p < end && !st) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end, *next = nl ? nl + 1 : end;
        line++;
        size_t n = (size_t)(e - p);
        if (n > 0 && p[n - 1] == '\r') n--;
        if (!warned && memchr(p, '\0', n)) {
            jue_diag_add(diags, JUE_SEV_WARNING, doc->file, line, 0,
                         "文本文件中有NUL字节：这不像是文本文件");
            warned = true;
        }
        jue_grow *r = jue_grid_add_row(g, line);
        if (!r) { st = JUE_ERR_NOMEM; break; }
        r->at_wrap = at_wrap(p, p + n, next, end, doc->wrap_width);
        if (page_mark(&p, &n, &page)) {
            p = next;
            continue;   /* a blank row: the page break is furniture */
        }
        r->page = page;
        bool done;
        if ((st = markdown_line(g, &md, &p, n, next, end, &line, &done)) || done) {
            doc->markdown |= done;
            continue;
        }
        const char *text = p;
        if (md.bracket && jue_md_has_link(p, p + n)) {
            doc->markdown = true;
            /* Markdown links read as their text ([一、部门职责](#part-1-1)) */
            if ((st = jue_md_unlink(p, p + n, &plain))) break;
            text = jue_buf_str(&plain);
            n = plain.len;
        }
        if (md.backslash && jue_md_has_escape(text, text + n)) {
            doc->markdown = true;
            /* Markdown's escapes read as the marks they keep ("6\. 卫生健康支出…": pandoc
             * escapes a number and a point that would start a list) */
            if ((st = jue_md_unescape(text, text + n, &unesc))) break;
            text = jue_buf_str(&unesc);
            n = unesc.len;
        }
        tspan sp[MAX_SPANS];
        int ns = 0;
        bool lone;
        tcell at;
        if ((st = split_line(r, text, n, sp, &ns, &lone, &at))) break;
        doc->packed += r->packed;
        if (lone && at.line && text != p) {   /* the line is in a buffer the next line reuses */
            wcursor wc = { at.line, 0, 0 };
            span_of(&wc, at.s, at.e, &sp[0]);
            at.line = NULL;
        }
        if ((ns && !add_trow(&rows, g->n - 1, sp, ns)) || (lone && !add_lone(&rows, g->n - 1, sp, &at))) st = JUE_ERR_NOMEM;
        p = next;
    }
    jue_status end_st = jue_md_grid_end(g, &md.grid), dash_st = jue_md_dash_end(g, &md.dash);
    if (!end_st) end_st = dash_st;
    if (!st) st = end_st;
    if (!st && rows.n) st = justified_prose(g, &rows);
    if (!st && rows.n) {
        lone_spans(&rows);
        st = align_blocks(g, &rows);
    }
    doc->aligned = rows.n >= 8;   /* a few lines with double spaces do not make a layout copy */
    free_trows(&rows);
    jue_buf_free(&plain);
    jue_buf_free(&unesc);
    return st;
}
