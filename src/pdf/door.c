/* The PDF door: a published disclosure with a text layer (no OCR), read with
 * poppler-glib from memory. Poppler gives every character of a page with its
 * box; from those we rebuild what a reader sees:
 *
 *  1. Baselines. Poppler's boxes come from the font's ascent/descent, which
 *     some producers (WPS) embed wildly wrong: a FangSong glyph box 3 pt high
 *     and a Times one 22 pt high on the same baseline — and one font name may
 *     stand for several embedded fonts of different metrics, so a font is a
 *     name and a box shape. Wherever two fonts meet we learn the offset
 *     between their boxes, and place every glyph on a common baseline scale.
 *  2. Visual lines: glyphs grouped by that baseline, ordered by x; a line is
 *     split into cells at gaps wider than a fraction of the font size (CJK
 *     has no spaces, so a gap means a column); a prose line is one cell.
 *  3. Page furniture: lone page numbers and text repeated in the top or
 *     bottom margin of many pages are dropped.
 *  4. Tables: runs of multi-cell lines are aligned on columns found from the
 *     x-extents of their cells — the lines with numbers first, then the
 *     headings — so a blank cell stays blank instead of shifting the next
 *     figure left. Lines closer than a text line (cells centred or top-aligned
 *     in a tall row, names wrapped above and below their figures, wrapped
 *     headers) are joined into one row when their cells fit together.
 *  5. Prose: the wrapped lines of a paragraph become one row, so a sentence
 *     is read whole however the page broke it.
 *
 * One grid for the whole document (tables continue across pages). Every row
 * has row.page (1-based) and row.line, a running counter of the visual text
 * lines of the document — the lines `pdftotext -layout` prints, without its
 * blank lines and without the dropped page furniture; a row made of several
 * lines has the number of its first. cell.pos is the character column on a
 * half-em grid. */
#include "pdf/pdf.h"
#include "import/doors/doors.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <poppler.h>

#define MAXFONTS 256
#define MAXCOLS 60     /* the recognizer reads up to 64 columns */
#define MAXPAGES 5000
#define MAXGLYPHS 4000000
#define MAXBRIDGE 4000 /* lines of a block beyond which columns are not bridged */

typedef struct {
    double x1, x2, y1, y2; /* box, y down */
    double base;           /* common-scale baseline estimate */
    double fs;             /* font size */
    uint32_t cp;
    int font;              /* index in fonts, -1 unknown */
} glyph;

typedef struct {
    glyph *g;
    size_t n, cap;
    double w, h;
} page_t;

typedef struct {
    char *name;
    size_t count;
    double hnorm;          /* sum of box height / font size */
    double h0;             /* the first box's height / font size */
    double k;              /* baseline = y2 - k * font size */
    bool centre;           /* never aligned: placed by its box centre */
} font_t;

typedef struct {
    font_t f[MAXFONTS];
    int nf;
} fonts_t;

typedef struct {
    size_t t0, tn;         /* text in the document buffer */
    double x1, x2;
    bool num;
    bool wide;             /* over two columns or more: a spanning heading */
    bool head;             /* on a line without numbers (a heading) */
    size_t ln;             /* its line within the block being laid out */
    int col;
    size_t b0, nb;         /* its inner gaps in pctx.B */
} cell_t;

/* A narrow gap inside a cell (a space a producer printed, or a CJK glyph's
 * box wider than its em): where the text after it starts (from the cell's
 * t0), and its extent. A heading over several columns may be split there. */
typedef struct {
    size_t off;
    double x1, x2;
} gap_t;

typedef struct {
    double base, fs, x1, x2;
    size_t c0, nc;
    int page;              /* 0-based */
    bool drop;
} line_t;

typedef struct {
    jue_idoc *doc;
    jue_diags *diags;
    page_t *pages;
    int npages;
    fonts_t *F;
    line_t *L;
    size_t nl, capl;
    cell_t *C;
    size_t nc, capc;
    gap_t *B;
    size_t nb, capb;
    jue_buf text;
    double cw;             /* character column width for cell.pos */
    double prev_x1[MAXCOLS], prev_x2[MAXCOLS]; /* the last table block's columns */
    size_t prev_ns;
    int lineno;
    bool nomem;
    double *left, *right;  /* each page's text margins */
    jue_buf para;          /* the paragraph being joined */
    bool para_open;
    int para_line, para_page, para_pos;
    const line_t *para_last;
    bool tail_block;       /* the last page ended in a table */
    bool held;             /* a table's heading at the foot of a page, */
    size_t held_a, held_b; /* lines [held_a, held_b), laid out with the */
    bool held_cont;        /* rows on the next page */
    glyph *gt;             /* the glyph sorts' scratch */
    size_t capgt;
} pctx;

/* ---- small helpers ---------------------------------------------------- */

static bool grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap) return true;
    size_t nc = *cap ? *cap * 2 : 64;
    while (nc < need) nc *= 2;
    void *q = realloc(*p, nc * elem);
    if (!q) return false;
    *p = q;
    *cap = nc;
    return true;
}

/* A stable merge sort of a[0..n) with the comparison inlined; BEFORE(x, y)
 * is true when *x goes strictly before *y, t has room for n / 2 + 1. Stable,
 * it gives the order glibc's qsort (a merge sort) gave with the comparators
 * below, whatever the C library; qsort's call through a pointer for each
 * comparison was most of the door's sorting (docs/performance.md). */
#define STABLE_SORT(name, T, BEFORE)                                             \
    static void name(T *a, size_t n, T *t)                                       \
    {                                                                            \
        if (n <= 12) {                                                           \
            for (size_t i = 1; i < n; i++) {                                     \
                T v = a[i];                                                      \
                size_t j = i;                                                    \
                for (; j > 0 && BEFORE(&v, &a[j - 1]); j--) a[j] = a[j - 1];     \
                a[j] = v;                                                        \
            }                                                                    \
            return;                                                              \
        }                                                                        \
        size_t h = n / 2, i = 0, j = h, k = 0;                                   \
        name(a, h, t);                                                           \
        name(a + h, n - h, t);                                                   \
        if (!BEFORE(&a[h], &a[h - 1])) return; /* the halves already in order */ \
        memcpy(t, a, h * sizeof *a);                                             \
        while (i < h && j < n) a[k++] = BEFORE(&a[j], &t[i]) ? a[j++] : t[i++];  \
        while (i < h) a[k++] = t[i++];                                           \
    }

/* fmax and fmin, inline (the door calls them some 70,000 times a document):
 * what the C library's give — a NaN loses, and of two equal (0 and -0) the
 * second, as x86-64's maxsd and minsd. */
static inline double dmax(double x, double y) { return isnan(x) ? y : isnan(y) ? x : x > y ? x : y; }
static inline double dmin(double x, double y) { return isnan(x) ? y : isnan(y) ? x : x < y ? x : y; }

static bool is_cjk(uint32_t c)
{
    return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFFEF) ||
           (c >= 0x3000 && c <= 0x303F);
}

/* A figure as tables print it: digits with separators and a point, a sign
 * or brackets, a trailing %; or a dash placeholder. */
static bool numeric(const char *s, size_t n)
{
    size_t i = 0, digits = 0;
    if (n >= 3 && (!memcmp(s, "—", 3) || !memcmp(s, "－", 3))) {
        while (i + 3 <= n && (!memcmp(s + i, "—", 3) || !memcmp(s + i, "－", 3))) i += 3;
        return i == n;
    }
    if (i < n && (s[i] == '-' || s[i] == '+' || s[i] == '(')) i++;
    for (; i < n; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') digits++;
        else if (c != ',' && c != '.' && c != '%' && c != ')') return false;
    }
    return digits > 0 || (n == 1 && s[0] == '-');
}

/* ---- reading pages ---------------------------------------------------- */

/* Fonts by name and box shape: a font's boxes scale with its size, and one
 * name may stand for several embedded fonts with different metrics (WPS
 * embeds a Times New Roman whose box is 1.9 em tall in the tables and one of
 * 0.26 em in the text), which sit differently on the baseline. */
static int font_index(fonts_t *F, const char *name, double hn)
{
    if (!name) name = "";
    for (int i = 0; i < F->nf; i++)
        if (fabs(F->f[i].h0 - hn) <= 0.03 * dmax(1, hn) && !strcmp(F->f[i].name, name)) return i;
    if (F->nf == MAXFONTS) return -1;
    char *dup = jue_strdup(name);
    if (!dup) return -1;
    F->f[F->nf].name = dup;
    F->f[F->nf].h0 = hn;
    return F->nf++;
}

/* The character at *s, and *s past it; a bad sequence is U+FFFD and one
 * byte. ASCII and the three-byte sequences Chinese is made of are decoded
 * here, the rest by glib, which gives the same for these. */
static gunichar next_char(const char **sp)
{
    const unsigned char *s = (const unsigned char *)*sp;
    if (s[0] < 0x80) { (*sp)++; return s[0]; }
    if ((s[0] & 0xF0) == 0xE0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
        gunichar c = (gunichar)(s[0] & 0x0F) << 12 | (gunichar)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
        if (c >= 0x800 && (c & 0xF800) != 0xD800) { *sp += 3; return c; }
    }
    gunichar c = g_utf8_get_char_validated(*sp, -1);
    if (c == (gunichar)-1 || c == (gunichar)-2) { (*sp)++; return 0xFFFD; }
    *sp = g_utf8_next_char(*sp);
    return c;
}

static jue_status read_page(PopplerPage *p, page_t *pg, fonts_t *F, size_t *total)
{
    poppler_page_get_size(p, &pg->w, &pg->h);
    if (!isfinite(pg->w) || !isfinite(pg->h) || pg->w <= 0 || pg->h <= 0) { pg->w = 595; pg->h = 842; }
    char *text = poppler_page_get_text(p);
    PopplerRectangle *rects = NULL;
    guint nr = 0;
    if (!text || !poppler_page_get_text_layout(p, &rects, &nr)) {
        g_free(text);
        g_free(rects);
        return JUE_OK;   /* a page without text */
    }
    GList *attrs = poppler_page_get_text_attributes(p);
    GList *a = attrs;
    jue_status st = JUE_OK;
    const char *s = text;
    const PopplerTextAttributes *last_at = NULL;
    int last_font = -1;
    for (guint i = 0; *s && i < nr; i++) {
        gunichar c = next_char(&s);
        if (c <= 0x20 || (c >= 0x80 && g_unichar_isspace(c)) || c == 0xFEFF || c == 0x200B) continue;
        const PopplerRectangle *r = &rects[i];
        glyph g = { dmin(r->x1, r->x2), dmax(r->x1, r->x2), dmin(r->y1, r->y2), dmax(r->y1, r->y2), 0, 0, c, -1 };
        if (!isfinite(g.x1) || !isfinite(g.x2) || !isfinite(g.y1) || !isfinite(g.y2)) continue;
        if (g.x2 < -pg->w || g.x1 > 2 * pg->w || g.y2 < -pg->h || g.y1 > 2 * pg->h) continue; /* off the page */
        while (a && ((PopplerTextAttributes *)a->data)->end_index < (int)i) a = a->next;
        const PopplerTextAttributes *at = a ? a->data : NULL;
        double size = at && at->start_index <= (int)i ? at->font_size : 0;
        g.fs = size > 0.5 && size < 1000 ? size : g.y2 - g.y1;
        if (!(g.fs > 0.5)) g.fs = 10;
        if (g.fs > 500) g.fs = 500;
        if (at && at->start_index <= (int)i) {
            double hn = (g.y2 - g.y1) / g.fs;
            /* most glyphs are in the font of the one before */
            if (at == last_at && last_font >= 0 && fabs(F->f[last_font].h0 - hn) <= 0.03 * dmax(1, hn))
                g.font = last_font;
            else g.font = font_index(F, at->font_name, hn);
            last_at = at;
            last_font = g.font;
        }
        if (g.font >= 0) {
            F->f[g.font].count++;
            F->f[g.font].hnorm += (g.y2 - g.y1) / g.fs;
        }
        if (++*total > MAXGLYPHS) { st = JUE_ERR_LIMIT; break; }
        if (!grow((void **)&pg->g, &pg->cap, pg->n + 1, sizeof *pg->g)) { st = JUE_ERR_NOMEM; break; }
        pg->g[pg->n++] = g;
    }
    poppler_page_free_text_attributes(attrs);
    g_free(rects);
    g_free(text);
    return st;
}

/* Where each font's baseline sits in its box. Poppler's boxes come from
 * the fonts' ascent and descent, which some producers embed wildly wrong (on
 * one baseline a FangSong box 3 pt high and a Times one 22 pt high, ending
 * 5 pt lower), and poppler's own text lines do not keep to one baseline in
 * tables. So: the most used font's box bottom is the baseline scale; every
 * other font, most used first, takes the offset (a multiple of its size,
 * within a line's height) that puts most of its runs on baselines already
 * placed on the same page. A font that never meets the placed ones is
 * placed by its box centre. */
typedef struct {
    double *y;
    size_t n, cap;
    bool sorted;
} ylist;

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

#define Y_BEFORE(x, y) (*(x) < *(y))
STABLE_SORT(sort_y, double, Y_BEFORE)

static void sort_ylist(ylist *L)
{
    if (L->sorted) return;
    double *t = malloc((L->n / 2 + 1) * sizeof *t);
    if (t) sort_y(L->y, L->n, t);
    else qsort(L->y, L->n, sizeof *L->y, cmp_double);
    free(t);
    L->sorted = true;
}

#define NO_PLACE ((size_t)-1)

/* Whether a baseline of the sorted L lies within tol of y. *at is y's place
 * in L (the first not below it), searched for when NO_PLACE, else walked to
 * from where the previous y was: the shifts tried for one run move y a
 * little each time. */
static bool near_y(const ylist *L, double y, double tol, size_t *at)
{
    size_t lo = *at;
    if (lo == NO_PLACE) {
        size_t hi = L->n;
        for (lo = 0; lo < hi;) {
            size_t mid = (lo + hi) / 2;
            if (L->y[mid] < y) lo = mid + 1;
            else hi = mid;
        }
    }
    while (lo < L->n && L->y[lo] < y) lo++;
    while (lo > 0 && !(L->y[lo - 1] < y)) lo--;
    *at = lo;
    return (lo < L->n && L->y[lo] - y <= tol) || (lo > 0 && y - L->y[lo - 1] <= tol);
}

static double glyph_base(const fonts_t *F, const glyph *g, double href)
{
    if (g->font < 0 || F->f[g->font].centre) return (g->y1 + g->y2) / 2 + href / 2 * g->fs;
    return g->y2 - F->f[g->font].k * g->fs;
}

/* A font's votes: the first glyph of each of its runs (glyphs of the font
 * with one box bottom), page by page in reading order. */
typedef struct {
    int page;
    const glyph *g;
} vote_t;

typedef struct {
    vote_t *v;
    size_t n, cap;
} votes_t;

/* Each font's glyphs, page by page in reading order: font f's are
 * at[from[f] .. from[f + 1]). Made once, so that each font's round of the
 * calibration does not walk every glyph of the document. */
typedef struct {
    vote_t *at;
    size_t from[MAXFONTS + 1];
} byfont_t;

static bool by_font(const pctx *P, byfont_t *B)
{
    size_t n = 0, next[MAXFONTS];
    memset(B->from, 0, sizeof B->from);
    for (int p = 0; p < P->npages; p++)
        for (size_t i = 0; i < P->pages[p].n; i++)
            if (P->pages[p].g[i].font >= 0) { B->from[P->pages[p].g[i].font + 1]++; n++; }
    for (int f = 0; f < MAXFONTS; f++) B->from[f + 1] += B->from[f];
    memcpy(next, B->from, sizeof next);
    B->at = malloc((n ? n : 1) * sizeof *B->at);
    if (!B->at) return false;
    for (int p = 0; p < P->npages; p++)
        for (size_t i = 0; i < P->pages[p].n; i++) {
            const glyph *g = &P->pages[p].g[i];
            if (g->font >= 0) B->at[next[g->font]++] = (vote_t){ p, g };
        }
    return true;
}

static bool font_votes(const byfont_t *B, int f, votes_t *V)
{
    V->n = 0;
    int page = -1;
    double last = -1e300;
    for (size_t j = B->from[f]; j < B->from[f + 1]; j++) {
        const glyph *g = B->at[j].g;
        if (B->at[j].page != page) { page = B->at[j].page; last = -1e300; }
        if (fabs(g->y2 - last) < 0.01) continue;
        last = g->y2;
        if (!grow((void **)&V->v, &V->cap, V->n + 1, sizeof *V->v)) return false;
        V->v[V->n++] = B->at[j];
    }
    return true;
}

/* The shift k (baseline = y2 - k * size) that puts most of the font's runs
 * on baselines already placed; ties go to the smaller shift. */
static double best_shift(const votes_t *V, ylist *Y, int *best)
{
    /* run by run, each run's 73 trial shifts in turn, the scores added up */
    int score[73] = { 0 };
    for (size_t i = 0; i < V->n; i++) {
        const glyph *g = V->v[i].g;
        ylist *L = &Y[V->v[i].page];
        if (!L->n) continue;
        sort_ylist(L);
        size_t at = NO_PLACE;
        for (int step = -24; step <= 48; step++) {
            double k = step * 0.025;
            score[step + 24] += near_y(L, g->y2 - k * g->fs, 0.12 * g->fs, &at);
        }
    }
    double bestk = 0;
    *best = -1;
    for (int step = -24; step <= 48; step++) {
        double k = step * 0.025;
        if (score[step + 24] > *best || (score[step + 24] == *best && fabs(k) < fabs(bestk))) {
            *best = score[step + 24];
            bestk = k;
        }
    }
    return bestk;
}

/* Of the fonts placed, the one whose box (height over size) is most like
 * font f's, within 15 %; -1 if none. */
static int alike_font(const fonts_t *F, const bool *done, int f)
{
    const font_t *ft = &F->f[f];
    double hf = ft->count ? ft->hnorm / (double)ft->count : 0;
    int like = -1;
    for (int i = 0; i < F->nf; i++) {
        double hi = F->f[i].count ? F->f[i].hnorm / (double)F->f[i].count : 0;
        if (done[i] && !F->f[i].centre && fabs(hi - hf) <= 0.15 * hf &&
            (like < 0 || fabs(hi - hf) < fabs(F->f[like].hnorm / (double)F->f[like].count - hf)))
            like = i;
    }
    return like;
}

/* Font f's baselines joined to the placed ones, page by page. */
static bool place_font(const pctx *P, const byfont_t *B, int f, ylist *Y, double href)
{
    for (size_t j = B->from[f]; j < B->from[f + 1]; j++) {
        ylist *y = &Y[B->at[j].page];
        if (!grow((void **)&y->y, &y->cap, y->n + 1, sizeof *y->y)) return false;
        y->y[y->n++] = glyph_base(P->F, B->at[j].g, href);
        y->sorted = false;
    }
    return true;
}

static bool calibrate(pctx *P)
{
    fonts_t *F = P->F;
    ylist *Y = calloc((size_t)P->npages, sizeof *Y);
    byfont_t B;
    if (!Y || !by_font(P, &B)) { free(Y); return false; }
    votes_t V = { NULL, 0, 0 };
    bool done[MAXFONTS] = { false }, ok = true;
    double href = 1;
    for (int round = 0; round < F->nf && ok; round++) {
        int f = -1;
        for (int i = 0; i < F->nf; i++)
            if (!done[i] && (f < 0 || F->f[i].count > F->f[f].count)) f = i;
        font_t *ft = &F->f[f];
        if (round == 0) {
            ft->k = 0;
            href = ft->count ? ft->hnorm / (double)ft->count : 1;
        } else if (!(ok = font_votes(&B, f, &V))) {
            break;
        } else {
            /* few runs prove nothing: take the font of the most alike box */
            int like = alike_font(F, done, f), best;
            if (V.n < 8 && like >= 0) ft->k = F->f[like].k;
            else {
                ft->k = best_shift(&V, Y, &best);
                ft->centre = best <= 0;
            }
        }
        done[f] = true;
        ok = place_font(P, &B, f, Y, href);
    }
    free(B.at);
    free(V.v);
    for (int p = 0; p < P->npages; p++) free(Y[p].y);
    free(Y);
    for (int p = 0; p < P->npages; p++)
        for (size_t i = 0; i < P->pages[p].n; i++) P->pages[p].g[i].base = glyph_base(F, &P->pages[p].g[i], href);
    return ok;
}

/* ---- visual lines and cells ------------------------------------------ */

/* glyphs by baseline, then x; a line's by x */
#define BASE_BEFORE(x, y) ((x)->base < (y)->base || ((x)->base == (y)->base && (x)->x1 < (y)->x1))
#define X_BEFORE(x, y) ((x)->x1 < (y)->x1)
STABLE_SORT(sort_base, glyph, BASE_BEFORE)
STABLE_SORT(sort_x, glyph, X_BEFORE)

static void put_cp(jue_buf *b, uint32_t c)
{
    if (c < 0x80) { jue_buf_putc(b, (char)c); return; }
    char u[8];
    int n = 3;
    if (c >= 0x800 && c < 0x10000) {   /* what Chinese is made of; glib gives the same */
        u[0] = (char)(0xE0 | c >> 12);
        u[1] = (char)(0x80 | (c >> 6 & 0x3F));
        u[2] = (char)(0x80 | (c & 0x3F));
    } else {
        n = g_unichar_to_utf8(c, u);
    }
    jue_buf_putn(b, u, (size_t)n);
}

static bool add_cell(pctx *P, size_t t0, double x1, double x2)
{
    if (!grow((void **)&P->C, &P->capc, P->nc + 1, sizeof *P->C)) return false;
    cell_t *c = &P->C[P->nc++];
    c->t0 = t0;
    c->tn = P->text.len - t0;
    c->x1 = x1;
    c->x2 = x2;
    c->num = numeric(jue_buf_str(&P->text) + t0, c->tn);
    c->col = -1;
    c->b0 = c->nb = 0;
    return true;
}

static bool same_glyph(const glyph *prev, const glyph *q)
{
    double w = prev->x2 - prev->x1;
    /* fake bold and shadows: the same glyph drawn twice */
    return q->cp == prev->cp && fabs(q->x1 - prev->x1) < 0.3 * (w > 0 ? w : q->fs);
}

static bool ascii_digit(uint32_t c) { return c >= '0' && c <= '9'; }

/* Whether glyphs g[0..n) make a table line: two cells or more (gaps wider
 * than 0.8 em), one of them a figure with a point or separators. */
static bool table_line(const glyph *g, size_t n)
{
    size_t cells = 1, s = 0;
    bool fig = false;
    for (size_t i = 1; i <= n; i++) {
        if (i < n) {
            if (same_glyph(&g[i - 1], &g[i])) continue;
            if (g[i].x1 - g[i - 1].x2 <= 0.8 * dmax(g[i].fs, g[i - 1].fs)) continue;
        }
        bool digits = true, sep = false;
        for (size_t k = s; k < i; k++) {
            uint32_t c = g[k].cp;
            if (c == '.' || c == ',') sep = true;
            else if (!ascii_digit(c)) digits = false;
        }
        fig |= digits && sep;
        if (i < n) { cells++; s = i; }
    }
    return cells >= 2 && fig;
}

/* The glyphs of the word starting at g[i]: up to the next gap of 0.2 em. */
static size_t word_len(const glyph *g, size_t n, size_t i)
{
    size_t k = i + 1;
    while (k < n && g[k].x1 - g[k - 1].x2 <= 0.2 * dmax(g[k].fs, g[k - 1].fs)) k++;
    return k - i;
}

/* In a table line, a gap narrower than a column gap still parts two
 * columns after a part of a split code (类 | 款 | 项 printed in three
 * narrow columns: "05 05", "11 01 行政单位医疗"), after a figure
 * ("5,413,754.60 1,752,780.00", "600.05 公用经费合计") and before a short
 * number ending the cell ("预算财政拨 2"). cell is the current cell's
 * text; g[i] the glyph after the gap. */
static bool narrow_split(const char *cell, size_t len, const glyph *g, size_t n, size_t i)
{
    size_t d = 0, sep = 0;
    if (i > 0 && is_cjk(g[i - 1].cp) && ascii_digit(g[i].cp)) {
        /* a name and a short index after it ("预算财政拨 2", the first
         * line of the name wrapped around its 行次) */
        size_t w = word_len(g, n, i);
        if (w > 3 || (i + w < n && g[i + w].x1 - g[i + w - 1].x2 <= 0.8 * dmax(g[i + w].fs, g[i + w - 1].fs))) return false;
        for (size_t k = i; k < i + w; k++)
            if (!ascii_digit(g[k].cp)) return false;
        return true;
    }
    for (size_t k = 0; k < len; k++) {
        if (cell[k] >= '0' && cell[k] <= '9') d++;
        else if (cell[k] == '.' || cell[k] == ',') sep++;
        else return false;
    }
    if (!d) return false;
    if (sep) return cell[len - 1] >= '0' && cell[len - 1] <= '9' && cell[0] != ',' && (ascii_digit(g[i].cp) || g[i].cp == '-' || is_cjk(g[i].cp));
    if (d == 2) return true;
    if (d != 3) return false;
    /* a 类 code and its 款: "208 05" (not "208 社会保障和就业支出") */
    size_t w = word_len(g, n, i);
    if (w != 2) return false;
    for (size_t k = i; k < i + w; k++)
        if (!ascii_digit(g[k].cp)) return false;
    return true;
}

/* Whether the cell so far, s[0..len), is an amount as a table prints it
 * ("23,844.11", "120.00") and glyph q, which touches it, starts a name,
 * not its unit: a sheet exported with no cell margin sets a right-aligned
 * figure against the left-aligned name in the next column
 * ("23,844.11一、一般公共服务支出", "58.64年末财政拨款结转和结余"). */
static bool figure_then_name(const char *s, size_t len, const glyph *q)
{
    static const uint32_t UNITS[] = { 0x4E07 /* 万 */, 0x5143 /* 元 */, 0x4EBF /* 亿 */, 0xFF05 /* ％ */ };
    /* cheap tests first: this runs at every glyph of every line */
    if (!is_cjk(q->cp) || len < 4 || s[len - 3] != '.') return false;
    for (size_t k = 0; k < sizeof UNITS / sizeof UNITS[0]; k++)
        if (q->cp == UNITS[k]) return false;
    jue_amount a;
    return jue_amount_parse(s, len, JUE_UNIT_WAN, &a, NULL) == JUE_OK && !a.unit_written && !a.blank && a.decimals == 2;
}

/* One visual line from glyphs g[0..n) (sorted by x here). */
static bool make_line(pctx *P, glyph *g, size_t n, int page)
{
    sort_x(g, n, P->gt);   /* page_lines made P->gt room for the page */
    bool table = table_line(g, n);
    if (!grow((void **)&P->L, &P->capl, P->nl + 1, sizeof *P->L)) return false;
    line_t *l = &P->L[P->nl];
    memset(l, 0, sizeof *l);
    l->page = page;
    l->c0 = P->nc;
    double bsum = 0, fsum = 0;
    size_t t0 = P->text.len;
    double cx1 = g[0].x1, cx2 = g[0].x1;
    const glyph *prev = NULL;
    size_t b0 = P->nb;
    for (size_t i = 0; i < n; i++) {
        const glyph *q = &g[i];
        if (prev) {
            if (same_glyph(prev, q)) continue;
            double fs = dmax(q->fs, prev->fs), gap = q->x1 - prev->x2;
            if (gap > 0.8 * fs ||
                (table && gap > 0.2 * fs && narrow_split(jue_buf_str(&P->text) + t0, P->text.len - t0, g, n, i)) ||
                (gap > -0.05 * fs && figure_then_name(jue_buf_str(&P->text) + t0, P->text.len - t0, q))) {
                if (!add_cell(P, t0, cx1, cx2)) return false;
                P->C[P->nc - 1].b0 = b0;
                P->C[P->nc - 1].nb = P->nb - b0;
                b0 = P->nb;
                t0 = P->text.len;
                cx1 = q->x1;
            } else {
                if (gap > 0.2 * fs && !(is_cjk(q->cp) && is_cjk(prev->cp) && gap < 0.35 * fs)) jue_buf_putc(&P->text, ' ');
                /* a CJK glyph is an em wide: a wider box holds a space */
                double end = is_cjk(prev->cp) ? dmin(prev->x2, prev->x1 + prev->fs) : prev->x2;
                if (q->x1 - end > 0.25 * fs) {
                    if (!grow((void **)&P->B, &P->capb, P->nb + 1, sizeof *P->B)) return false;
                    P->B[P->nb++] = (gap_t){ P->text.len - t0, end, q->x1 };
                }
            }
        }
        put_cp(&P->text, q->cp);
        cx2 = dmax(cx2, q->x2);
        bsum += q->base;
        fsum += q->fs;
        prev = q;
    }
    if (!add_cell(P, t0, cx1, cx2)) return false;
    P->C[P->nc - 1].b0 = b0;
    P->C[P->nc - 1].nb = P->nb - b0;
    if (jue_buf_err(&P->text)) return false;
    l->nc = P->nc - l->c0;
    l->base = bsum / (double)n;
    l->fs = fsum / (double)n;
    l->x1 = g[0].x1;
    l->x2 = cx2;
    for (size_t k = l->c0; k < P->nc; k++) l->x2 = dmax(l->x2, P->C[k].x2);
    P->nl++;
    return true;
}

static bool page_lines(pctx *P, int page)
{
    page_t *pg = &P->pages[page];
    if (!pg->n) return true;
    if (!grow((void **)&P->gt, &P->capgt, pg->n / 2 + 1, sizeof *P->gt)) return false;
    sort_base(pg->g, pg->n, P->gt);
    size_t s = 0;
    double sum = pg->g[0].base;
    for (size_t i = 1; i <= pg->n; i++) {
        if (i < pg->n) {
            double mean = sum / (double)(i - s);
            double fs = dmax(pg->g[i].fs, pg->g[s].fs);
            if (pg->g[i].base - mean <= 0.35 * fs) { sum += pg->g[i].base; continue; }
        }
        if (!make_line(P, pg->g + s, i - s, page)) return false;
        s = i;
        if (i < pg->n) sum = pg->g[i].base;
    }
    return true;
}

/* ---- page furniture --------------------------------------------------- */

static void line_key(const pctx *P, const line_t *l, jue_buf *b)
{
    jue_buf_reset(b);
    for (size_t k = 0; k < l->nc; k++) {
        const cell_t *c = &P->C[l->c0 + k];
        jue_buf_putn(b, jue_buf_str(&P->text) + c->t0, c->tn);
    }
}

/* "12", "- 12 -", "第12页", "第 1 页 共 26 页", "12/26". */
static bool page_number(const char *s)
{
    static const char *const SKIP[] = { " ", "-", "–", "—", "第", "页", "共", "/", "－" };
    size_t digits = 0;
    while (*s) {
        size_t k = 0;
        for (size_t i = 0; i < sizeof SKIP / sizeof SKIP[0] && !k; i++)
            if (!strncmp(s, SKIP[i], strlen(SKIP[i]))) k = strlen(SKIP[i]);
        if (k) { s += k; continue; }
        if (*s < '0' || *s > '9') return false;
        digits++;
        s++;
    }
    return digits > 0 && digits <= 8;
}

static int zone(const pctx *P, const line_t *l)
{
    double h = P->pages[l->page].h;
    if (l->base < 0.09 * h) return 1;
    if (l->base > 0.90 * h) return 2;
    return 0;
}

/* Whether line i has a line of its page close above or below it (less
 * than a line apart): no page number, which stands clear of the text, but
 * the rest of the figures of a row at the page's foot or head ("2,283.5" /
 * "2", wrapped in narrow columns). */
static bool close_to_text(const pctx *P, size_t i)
{
    const line_t *l = &P->L[i];
    for (size_t j = i > 2 ? i - 2 : 0; j < P->nl && j <= i + 2; j++) {
        const line_t *m = &P->L[j];
        if (j != i && m->page == l->page && fabs(m->base - l->base) < 1.2 * dmax(l->fs, m->fs)) return true;
    }
    return false;
}

static bool furniture(pctx *P)
{
    jue_buf a, b;
    jue_buf_init(&a);
    jue_buf_init(&b);
    for (size_t i = 0; i < P->nl; i++) {
        line_t *l = &P->L[i];
        int z = zone(P, l);
        if (!z) continue;
        line_key(P, l, &a);
        if (page_number(jue_buf_str(&a)) && !close_to_text(P, i)) { l->drop = true; continue; }
        /* the same text in the same margin on many pages */
        int pages = 1, lastp = l->page;
        for (size_t j = 0; j < P->nl; j++) {
            line_t *m = &P->L[j];
            if (m->page == lastp || m->page == l->page || zone(P, m) != z) continue;
            line_key(P, m, &b);
            if (!strcmp(jue_buf_str(&a), jue_buf_str(&b))) { pages++; lastp = m->page; }
        }
        if (pages >= 3 && pages * 2 >= P->npages) l->drop = true;
    }
    bool ok = !jue_buf_err(&a) && !jue_buf_err(&b);
    jue_buf_free(&a);
    jue_buf_free(&b);
    return ok;
}

/* ---- tables: columns and joined rows ---------------------------------- */

typedef struct {
    double x1, x2;
    bool data;             /* found on lines with numbers */
} span;

static int cmp_width(const void *a, const void *b)
{
    const cell_t *x = *(cell_t *const *)a, *y = *(cell_t *const *)b;
    if (x->head != y->head) return x->head ? 1 : -1;
    double wx = x->x2 - x->x1, wy = y->x2 - y->x1;
    return (wx > wy) - (wx < wy);
}

static int cmp_span(const void *a, const void *b)
{
    const span *x = a, *y = b;
    return (x->x1 > y->x1) - (x->x1 < y->x1);
}

static double overlap(double a1, double a2, double b1, double b2)
{
    return dmin(a2, b2) - dmax(a1, b1);
}

static void assign_to(pctx *P, size_t a, size_t b, const span *sp, size_t ns);
static void drop_group_headings(pctx *P, size_t a, size_t b, span *sp, size_t *nsp);

/* A figure as a table prints an amount: with a decimal point or a
 * thousands separator (not a column number 1 2 3, a code, a 行次). */
static bool figure(const pctx *P, const cell_t *c)
{
    if (!c->num) return false;
    const char *s = jue_buf_str(&P->text) + c->t0;
    return memchr(s, '.', c->tn) || memchr(s, ',', c->tn);
}

/* Columns of lines [a, b): the x-extents of cells, narrowest first; a cell
 * over two or more columns already known is a spanning heading and makes
 * none. Each cell then gets the column it overlaps most (or the nearest). */
static void follow_columns(pctx *P, size_t a, size_t b, span *sp, size_t ns, bool cont);

/* A heading centred over a group of columns may fall in the gap between
 * two of them and make a column of its own (收入 over 项目 | 行次 | 金额,
 * when no wider line bridges the gap). Such a column holds text of one line
 * only, and is centred over a run of columns around it in which nothing
 * else of its line is printed. It is dropped; its text goes with the
 * column it is nearest. */
static void drop_group_headings(pctx *P, size_t a, size_t b, span *sp, size_t *nsp)
{
    size_t ns = *nsp;
    for (size_t j = 1; j + 1 < ns; j++) {
        size_t line = SIZE_MAX;
        bool one = true;
        double x1 = 1e300, x2 = -1e300, fs = 0;
        for (size_t i = a; i < b && one; i++)
            for (size_t k = 0; k < P->L[i].nc; k++) {
                const cell_t *c = &P->C[P->L[i].c0 + k];
                if (c->col != (int)j) continue;
                if (c->num || (line != SIZE_MAX && line != i)) { one = false; break; }
                line = i;
                x1 = dmin(x1, c->x1);
                x2 = dmax(x2, c->x2);
                fs = P->L[i].fs;
            }
        if (!one || line == SIZE_MAX) continue;
        const line_t *l = &P->L[line];
        double mid = (x1 + x2) / 2;
        bool group = false;
        for (size_t p = j; p-- > 0 && !group;) {
            bool alone = true;
            for (size_t k = 0; k < l->nc && alone; k++) {
                int col = P->C[l->c0 + k].col;
                alone = col == (int)j || col < (int)p || col > (int)j;
            }
            if (!alone) break;
            for (size_t q = j + 1; q < ns && !group; q++) {
                for (size_t k = 0; k < l->nc && alone; k++) {
                    int col = P->C[l->c0 + k].col;
                    alone = col == (int)j || col < (int)p || col > (int)q;
                }
                if (!alone) break;
                group = fabs((sp[p].x1 + sp[q].x2) / 2 - mid) < 0.5 * fs;
            }
        }
        if (!group) continue;
        memmove(sp + j, sp + j + 1, (ns - j - 1) * sizeof *sp);
        ns--;
        assign_to(P, a, b, sp, ns);
        j--;
    }
    *nsp = ns;
}

/* The cells of the lines of two or more cells (not dropped) into cs, each
 * marked a heading when its line has no number, with its line; how many. */
static size_t table_cells(pctx *P, size_t a, size_t b, cell_t **cs)
{
    size_t n = 0;
    for (size_t i = a; i < b; i++) {
        if (P->L[i].nc < 2 || P->L[i].drop) continue;
        bool nums = false;
        for (size_t k = 0; k < P->L[i].nc; k++) nums |= P->C[P->L[i].c0 + k].num;
        for (size_t k = 0; k < P->L[i].nc; k++) {
            P->C[P->L[i].c0 + k].head = !nums;
            P->C[P->L[i].c0 + k].ln = i - a;
            cs[n++] = &P->C[P->L[i].c0 + k];
        }
    }
    return n;
}

/* The columns being laid out: their spans and the lines each has a cell on
 * (on[col * nl + line]; NULL for a block too long to track). */
typedef struct {
    span *sp;
    size_t ns;
    unsigned char *on;
    size_t nl;
} colset;

/* A cell over columns that never share a line bridges them: they are one
 * ruled column holding a short figure right-aligned, a heading and an
 * index centred. (A heading over several columns covers columns that meet
 * on the lines under it, and makes none.) */
static void bridge(colset *S, const cell_t *c, const size_t *hits, size_t hit)
{
    span *sp = S->sp;
    unsigned char *on = S->on;
    size_t nl = S->nl, line = c->ln;
    span u = { c->x1, c->x2, false };
    for (size_t h = 0; h < hit; h++) {
        u.data |= sp[hits[h]].data;
        u.x1 = dmin(u.x1, sp[hits[h]].x1);
        u.x2 = dmax(u.x2, sp[hits[h]].x2);
    }
    bool ok = true;
    for (size_t j = 0, h = 0; j < S->ns && ok; j++) {
        if (h < hit && hits[h] == j) { h++; continue; }
        ok = overlap(u.x1, u.x2, sp[j].x1, sp[j].x2) <= 0.5;
    }
    for (size_t i = 0; i < nl && ok; i++) {
        int cnt = i == line;
        for (size_t h = 0; h < hit; h++) cnt += on[hits[h] * nl + i];
        ok = cnt <= 1;
    }
    if (!ok) return;
    size_t keep = hits[0];
    sp[keep] = u;
    on[keep * nl + line] = 1;
    for (size_t h = hit; h-- > 1;) {
        size_t j = hits[h];
        for (size_t i = 0; i < nl; i++) on[keep * nl + i] |= on[j * nl + i];
        memmove(sp + j, sp + j + 1, (S->ns - j - 1) * sizeof *sp);
        memmove(on + j * nl, on + (j + 1) * nl, (S->ns - j - 1) * nl);
        S->ns--;
    }
}

/* Cell c into the columns: a new column where it overlaps none; the one it
 * overlaps widened (a heading does not widen a column of the data: one
 * over a group of columns may overlap one of them at its edge, 预算数 over
 * six, on the figures of one); or several bridged. */
static void place_cell(colset *S, const cell_t *c)
{
    span *sp = S->sp;
    size_t hit = 0, which = 0, hits[MAXCOLS];
    for (size_t j = 0; j < S->ns; j++)
        if (overlap(c->x1, c->x2, sp[j].x1, sp[j].x2) > 0.5) { hits[hit++] = j; which = j; }
    if (hit == 0) {
        if (S->ns >= MAXCOLS) return;
        if (S->on) {
            memset(S->on + S->ns * S->nl, 0, S->nl);
            S->on[S->ns * S->nl + c->ln] = 1;
        }
        sp[S->ns++] = (span){ c->x1, c->x2, !c->head };
    } else if (hit == 1) {
        span u = sp[which];
        if (!(c->head && sp[which].data)) {
            u.x1 = dmin(u.x1, c->x1);
            u.x2 = dmax(u.x2, c->x2);
        }
        bool clash = false;
        for (size_t j = 0; j < S->ns && !clash; j++)
            clash = j != which && overlap(u.x1, u.x2, sp[j].x1, sp[j].x2) > 0.5;
        if (clash) return;
        sp[which] = u;
        if (S->on) S->on[which * S->nl + c->ln] = 1;
    } else if (S->on) {
        bridge(S, c, hits, hit);
    }
}

/* What columns j and j + 1 hold over the lines [a, b). */
typedef struct {
    bool numj, numk;      /* a number */
    bool figj, figk;      /* a figure */
    int textj, textk;     /* cells of text */
    int headj, headk;     /* text centred over the column: its heading */
    bool both;            /* a line with a cell in each */
    bool narrow;          /* a word of text (类, 款, 项: the heading of a code column) */
    bool spans;           /* a long left-aligned name over both */
} pair_stats;

static void neighbour_stats(pctx *P, size_t a, size_t b, const span *sp, size_t j, pair_stats *s)
{
    double fs = P->L[a].fs;
    memset(s, 0, sizeof *s);
    for (size_t i = a; i < b; i++) {
        bool hj = false, hk = false;
        for (size_t k = 0; k < P->L[i].nc; k++) {
            const cell_t *c = &P->C[P->L[i].c0 + k];
            if (c->col == (int)j) { hj = true; s->numj |= c->num; s->textj += !c->num; s->figj |= figure(P, c); }
            if (c->col == (int)j + 1) { hk = true; s->numk |= c->num; s->textk += !c->num; s->figk |= figure(P, c); }
            double cm = (c->x1 + c->x2) / 2;
            if (c->col == (int)j && !c->num && cm > sp[j].x1 && cm < sp[j].x2) s->headj++;
            if (c->col == (int)j + 1 && !c->num && cm > sp[j + 1].x1 && cm < sp[j + 1].x2) s->headk++;
            if ((c->col == (int)j || c->col == (int)j + 1) && !c->num) s->narrow |= c->x2 - c->x1 <= 2.5 * fs;
            /* a long left-aligned name over a short one and a centred heading */
            s->spans |= P->L[i].nc >= 2 && !c->num && !c->head && fabs(c->x1 - sp[j].x1) < 0.5 * fs &&
                        overlap(c->x1, c->x2, sp[j].x1, sp[j].x2) > 0.5 && overlap(c->x1, c->x2, sp[j + 1].x1, sp[j + 1].x2) > 0.5;
        }
        s->both |= hj && hk;
    }
}

/* A heading centred over a column of left-aligned codes may miss it: a
 * column with no figure that never shares a line with its close neighbour
 * is that neighbour — unless both hold text on two or more lines (two
 * wrapped headings side by side, as 附属单位上缴收入 | 其他收入, are two
 * columns; a lone fragment such as 类 or 财 is not). */
static void join_neighbours(pctx *P, size_t a, size_t b, span *sp, size_t *nsp)
{
    size_t ns = *nsp;
    double fs = P->L[a].fs;
    for (size_t j = 0; j + 1 < ns;) {
        pair_stats s;
        neighbour_stats(P, a, b, sp, j, &s);
        /* two wrapped headings side by side, or a wrapped heading of a
         * column left blank beside a column of figures (上缴上级 / 支出
         * beside 项目支出) */
        bool headed = (s.textj >= 2 && s.textk >= 2) || (!s.numj && s.textj >= 2 && s.figk) ||
                      (!s.numk && s.textk >= 2 && s.figj);
        /* a column of figures with no heading of its own, right of a
         * heading with no figures: the heading centred over the column
         * and its figures right-aligned in it */
        bool headless = s.figk && s.headk == 0 && !s.figj && s.headj >= 1;
        bool close = sp[j + 1].x1 - sp[j].x2 < 1.2 * fs;
        if (!s.both && (s.spans || (s.narrow && s.numj != s.numk && !headed && close) || (headless && close))) {
            sp[j].x2 = sp[j + 1].x2;
            memmove(sp + j + 1, sp + j + 2, (ns - j - 2) * sizeof *sp);
            ns--;
            assign_to(P, a, b, sp, ns);
        } else {
            j++;
        }
    }
    *nsp = ns;
}

static bool assign_columns(pctx *P, size_t a, size_t b, bool cont)
{
    size_t n = 0, nl = b - a;
    for (size_t i = a; i < b; i++) n += P->L[i].nc;
    cell_t **cs = malloc((n + 1) * sizeof *cs);
    span *sp = malloc((n + 1) * sizeof *sp);
    /* the lines each column has a cell on */
    unsigned char *on = nl <= MAXBRIDGE ? calloc((size_t)MAXCOLS * nl + 1, 1) : NULL;
    if (!cs || !sp || (!on && nl <= MAXBRIDGE)) { free(cs); free(sp); free(on); return false; }
    n = table_cells(P, a, b, cs);
    /* the lines with numbers first (data rows, the 栏次 row): their
     * columns hold; then the headings, narrowest first */
    qsort(cs, n, sizeof *cs, cmp_width);
    colset S = { sp, 0, on, nl };
    for (size_t k = 0; k < n; k++) place_cell(&S, cs[k]);
    size_t ns = S.ns;
    free(on);
    qsort(sp, ns, sizeof *sp, cmp_span);
    assign_to(P, a, b, sp, ns);
    drop_group_headings(P, a, b, sp, &ns);
    join_neighbours(P, a, b, sp, &ns);
    follow_columns(P, a, b, sp, ns, cont);
    free(cs);
    free(sp);
    return true;
}

/* A table going on from the previous page keeps that page's column
 * numbers: the page's own columns are renumbered to the previous ones they
 * overlap, when each overlaps one and two that become one never share a
 * line (a page without the blank columns of the first would otherwise
 * shift every figure left). The columns of the block are then remembered
 * for the next page. */
static void follow_columns(pctx *P, size_t a, size_t b, span *sp, size_t ns, bool cont)
{
    int map[MAXCOLS];
    bool ok = cont && P->prev_ns > 0;
    for (size_t j = 0; j < ns && ok; j++) {
        int best = -1;
        double bo = 0.5;
        for (size_t k = 0; k < P->prev_ns; k++) {
            double o = overlap(sp[j].x1, sp[j].x2, P->prev_x1[k], P->prev_x2[k]);
            if (o > bo) { bo = o; best = (int)k; }
        }
        map[j] = best;
        ok = best >= 0;
    }
    /* lines closer than a text line may become one row: they count as one */
    bool seen[MAXCOLS] = { false };
    for (size_t i = a; i < b && ok; i++) {
        if (i == a || P->L[i].page != P->L[i - 1].page || P->L[i].base - P->L[i - 1].base >= 0.9 * P->L[i].fs)
            memset(seen, 0, sizeof seen);
        for (size_t k = 0; k < P->L[i].nc && ok; k++) {
            int col = P->C[P->L[i].c0 + k].col;
            if (col < 0 || (size_t)col >= ns) continue;
            ok = !seen[map[col]];
            seen[map[col]] = true;
        }
    }
    if (ok) {
        for (size_t i = a; i < b; i++)
            for (size_t k = 0; k < P->L[i].nc; k++) {
                cell_t *c = &P->C[P->L[i].c0 + k];
                if (c->col >= 0 && (size_t)c->col < ns) c->col = map[c->col];
            }
        for (size_t j = 0; j < ns; j++) {
            P->prev_x1[map[j]] = dmin(P->prev_x1[map[j]], sp[j].x1);
            P->prev_x2[map[j]] = dmax(P->prev_x2[map[j]], sp[j].x2);
        }
        return;
    }
    for (size_t j = 0; j < ns; j++) {
        P->prev_x1[j] = sp[j].x1;
        P->prev_x2[j] = sp[j].x2;
    }
    P->prev_ns = ns;
}

static void assign_to(pctx *P, size_t a, size_t b, const span *sp, size_t ns)
{
    for (size_t i = a; i < b; i++)
        for (size_t k = 0; k < P->L[i].nc; k++) {
            cell_t *c = &P->C[P->L[i].c0 + k];
            double best = -1e300;
            int col = 0, over = 0;
            for (size_t j = 0; j < ns; j++) {
                double o = overlap(c->x1, c->x2, sp[j].x1, sp[j].x2);
                if (o > best) { best = o; col = (int)j; }
                over += o > 0.5;
            }
            c->col = col;
            c->wide = !c->num && over >= 2;
        }
}

typedef struct {
    jue_buf t[MAXCOLS];
    int pos[MAXCOLS];
    bool num[MAXCOLS];
    bool wide[MAXCOLS];
    double ybase[MAXCOLS];  /* the baseline of the column's last text */
    double ytop[MAXCOLS];   /* and of its first */
    double lx1[MAXCOLS], lx2[MAXCOLS];   /* and its extent */
    float box[MAXCOLS][4];  /* the column's text on the row's page: x0,y0,x1,y1, y up */
    int line;               /* the row's first visual line */
    int page;               /* and its page (a heading held from the foot of
                             * a page is laid out with the next page's rows) */
    int ncol;
} rowbuf;

static bool starts_item(const char *s, size_t n);

/* Whether line l joins the row being built: no column gets two figures or
 * a figure and text; and a heading does not swallow the first data line
 * (both have text in other columns and only one has figures). Text under
 * text in one column is a wrapped name or heading. */
/* The rest of a figure its cell was too narrow for, on the line under it
 * ("2,250.7" / "8", as a word processor wraps a figure in a narrow column):
 * one or two bare digits right under the column's figure, aligned with it
 * at its left or right, the figure open (ending in its point or with one
 * decimal) so that the two make a figure with two decimals, the row's
 * name between them. */
static bool figure_rest(const pctx *P, const rowbuf *R, const line_t *l, const cell_t *c)
{
    const char *s = jue_buf_str(&P->text) + c->t0;
    int col = c->col;
    if (!c->num || c->tn < 1 || c->tn > 2 || !R->num[col]) return false;
    for (size_t k = 0; k < c->tn; k++)
        if (!ascii_digit((unsigned char)s[k])) return false;
    const jue_buf *b = &R->t[col];
    size_t dec = 0;
    while (dec < b->len && ascii_digit((unsigned char)b->data[b->len - 1 - dec])) dec++;
    if (dec == b->len || b->data[b->len - 1 - dec] != '.' || dec + c->tn != 2) return false;
    double d = l->base - R->ybase[col];
    if (d <= 0 || d >= 1.7 * l->fs ||
        (fabs(c->x1 - R->lx1[col]) >= 0.5 * l->fs && fabs(c->x2 - R->lx2[col]) >= 0.5 * l->fs))
        return false;
    /* the row's own line between the figure's two (its code or name): not
     * the next row's figure under a figure of this one */
    for (int k = 0; k < R->ncol; k++)
        if (k != col && R->t[k].len && !R->num[k] && R->ybase[k] > R->ybase[col] + 0.2 * l->fs &&
            R->ybase[k] < l->base - 0.2 * l->fs)
            return true;
    return false;
}

static bool rowbuf_fits(const pctx *P, const rowbuf *R, const line_t *l)
{
    bool gtext = false, gnum = false, ltext = false, lnum = false, inside = true;
    for (int col = 0; col < R->ncol; col++)
        if (R->t[col].len) { gtext |= !R->num[col]; gnum |= R->num[col]; }
    for (size_t k = 0; k < l->nc; k++) {
        const cell_t *c = &P->C[l->c0 + k];
        bool filled = c->col >= 0 && c->col < R->ncol && R->t[c->col].len;   /* a cell no column took has col −1 */
        if (filled && (R->num[c->col] || c->num) && !figure_rest(P, R, l, c)) return false;
        /* text under text: the lines of one wrapped name or heading follow
         * each other at one line's distance; a heading over several columns
         * is not the first line of the one in the row under it
         * (公务用车购置及运行维护费 over 小计 | 公务用车购置费 | …) */
        if (filled && !c->num && R->wide[c->col] != c->wide && l->base - R->ybase[c->col] > 1.6 * l->fs)
            return false;
        /* a numbered name under a name is the next line's (二十二、… under 二十一、…) */
        if (filled && !c->num && !R->num[c->col] && starts_item(jue_buf_str(&P->text) + c->t0, c->tn)) return false;
        if (c->num) lnum = true;
        else { ltext = true; inside &= filled; }
    }
    return !(gtext && ltext && gnum != lnum && !inside);
}

/* Grows a cell's box (x0,y0,x1,y1 in PDF points, origin at the page's
 * bottom left) by a run of text from x1 to x2 on a baseline (y down from
 * the top, as poppler gives it), its em from 0.88 above to 0.12 below. */
static void box_add(float *bx, bool first, double x1, double x2, double base, double fs, double h)
{
    float a[4] = { (float)x1, (float)(h - base - 0.12 * fs), (float)x2, (float)(h - base + 0.88 * fs) };
    for (int i = 0; i < 4; i++)
        if (first || (i < 2 ? a[i] < bx[i] : a[i] > bx[i])) bx[i] = a[i];
}

static void rowbuf_add(pctx *P, rowbuf *R, const line_t *l)
{
    /* every visual line counts, joined into a row or not */
    if (!R->ncol) {
        R->line = P->lineno + 1;
        R->page = l->page;
    }
    P->lineno++;
    for (size_t k = 0; k < l->nc; k++) {
        const cell_t *c = &P->C[l->c0 + k];
        int col = c->col;
        if (col < 0 || col >= MAXCOLS) continue;
        jue_buf *b = &R->t[col];
        const char *s = jue_buf_str(&P->text) + c->t0;
        if (b->len) {
            /* a wrapped CJK name joins without a space; Latin words with one */
            unsigned char last = (unsigned char)b->data[b->len - 1];
            if (last < 0x80 && (unsigned char)s[0] < 0x80 && !(R->num[col] && c->num)) jue_buf_putc(b, ' ');
        } else {
            R->pos[col] = 1 + (int)lround(c->x1 / P->cw);
            R->num[col] = c->num;
            R->wide[col] = false;
            R->ytop[col] = l->base;
        }
        jue_buf_putn(b, s, c->tn);
        if (l->page == R->page) box_add(R->box[col], !b->len || b->len == c->tn, c->x1, c->x2, l->base, l->fs,
                                         P->pages[l->page].h);
        R->ybase[col] = l->base;
        R->lx1[col] = c->x1;
        R->lx2[col] = c->x2;
        R->wide[col] |= c->wide;
        if (col + 1 > R->ncol) R->ncol = col + 1;
    }
}

static jue_status rowbuf_emit(jue_grid *g, rowbuf *R, int page)
{
    if (!R->ncol) return JUE_OK;
    jue_grow *r = jue_grid_add_row(g, R->line);
    if (!r) return JUE_ERR_NOMEM;
    r->page = (page < R->page ? page : R->page) + 1;
    for (int col = 0; col < R->ncol; col++) {
        if (jue_buf_err(&R->t[col])) return JUE_ERR_NOMEM;
        jue_gcell *c = jue_grow_set(r, col, jue_buf_str(&R->t[col]), R->t[col].len);
        if (!c) return JUE_ERR_NOMEM;
        c->pos = R->t[col].len ? R->pos[col] : 0;
        if (R->t[col].len) memcpy(c->box, R->box[col], sizeof c->box);
    }
    for (int col = 0; col < R->ncol; col++) jue_buf_reset(&R->t[col]);
    R->ncol = 0;
    return JUE_OK;
}

/* A name wrapped in a tall row, the row's other cells centred between its
 * lines: line l comes between the name's first line (the row so far, text
 * in one column) and its last (line n, one cell in that column), at equal
 * distances. */
static bool sandwich(const pctx *P, const rowbuf *R, const line_t *l, const line_t *n, double last)
{
    if (!n || n->drop || n->nc != 1 || P->C[n->c0].num) return false;
    int col = -1;
    for (int c = 0; c < R->ncol; c++)
        if (R->t[c].len) {
            if (col >= 0 || R->num[c]) return false;
            col = c;
        }
    if (col < 0 || P->C[n->c0].col != col) return false;
    for (size_t k = 0; k < l->nc; k++)
        if (P->C[l->c0 + k].col == col) return false;
    double d1 = l->base - last, d2 = n->base - l->base;
    return d2 > 0 && d2 < 0.9 * l->fs && fabs(d1 - d2) < 0.25 * l->fs;
}

/* Whether the text of column col, started above the row's other cells,
 * is centred on them (a name wrapped around its code and figures in a row
 * whose cells are centred): its lines so far are balanced around theirs,
 * so a line more below belongs to the next row, not to this name. */
static bool centred_name(const rowbuf *R, int col, double fs)
{
    bool other = false;
    for (int c = 0; c < R->ncol; c++) {
        if (c == col || !R->t[c].len) continue;
        double mid = (R->ytop[c] + R->ybase[c]) / 2;
        if (R->ytop[col] > R->ytop[c] - 0.5 * fs || fabs((R->ytop[col] + R->ybase[col]) / 2 - mid) > 0.25 * fs)
            return false;
        other = true;
    }
    return other;
}

/* The last line of a name wrapped in its cell, a text line below the row's
 * figures (其中：当 / 年财政拨 / 款, the figures by the middle line): one
 * text cell, a line under the column's text in the row, aligned with it,
 * which filled the column (it wrapped), not an item of its own, and not
 * the name of the next row (a line with the row's other cells close under
 * it). */
static bool heads_next(const pctx *P, const line_t *l, const line_t *n, double d);

static bool wrapped_tail(const pctx *P, const rowbuf *R, const line_t *l, const line_t *n, const double *right)
{
    if (l->nc != 1) return false;
    /* the next row's name printed a little above its code and figures */
    if (n && !n->drop && n->base - l->base < 0.9 * l->fs) {
        bool same = false;
        for (size_t k = 0; k < n->nc; k++) same |= P->C[n->c0 + k].col == P->C[l->c0].col;
        if (!same) return false;
    }
    const cell_t *c = &P->C[l->c0];
    int col = c->col;
    if (c->num || col < 0 || col >= R->ncol || !R->t[col].len || R->num[col]) return false;
    double d = l->base - R->ybase[col];
    if (d < 0.9 * l->fs || d > 1.7 * l->fs) return false;
    if (R->lx2[col] < right[col] - l->fs || centred_name(R, col, l->fs)) return false;
    bool left = fabs(c->x1 - R->lx1[col]) < 0.5 * l->fs;
    bool centre = fabs((c->x1 + c->x2) / 2 - (R->lx1[col] + R->lx2[col]) / 2) < 0.6 * l->fs;
    if (!left && !centre) return false;
    if (heads_next(P, l, n, d)) return false;
    return !starts_item(jue_buf_str(&P->text) + c->t0, c->tn);
}

/* The first line of the next row's wrapped name (机关事业单位 / 基本养老
 * 保险缴费支出 beside its code and figures): a text line closer to the
 * text under it in its column, aligned with it, than to the row above
 * (d: its distance from that row's text in the column, 0 when none). */
static bool heads_next(const pctx *P, const line_t *l, const line_t *n, double d)
{
    if (!n || n->drop || l->nc != 1) return false;
    const cell_t *c = &P->C[l->c0];
    if (c->num) return false;
    for (size_t k = 0; k < n->nc; k++) {
        const cell_t *u = &P->C[n->c0 + k];
        if (u->col != c->col || u->num) continue;
        double dn = n->base - l->base;
        return dn >= 0.9 * l->fs && dn <= 1.7 * l->fs && fabs(u->x1 - c->x1) < 0.5 * l->fs &&
               (d <= 0 || d > dn + 0.15 * l->fs);
    }
    return false;
}

/* A table block [a, b): columns, then rows joined where lines are closer
 * than a text line and their cells fit together (no two figures, no
 * figure over text in one column). */
static bool title_line(const pctx *P, const line_t *l);

/* The column of the block (as numbered for its rows) that x1..x2 overlaps
 * most, -1 none. */
static int column_of(const pctx *P, double x1, double x2)
{
    int col = -1;
    double best = 0.5;
    for (size_t j = 0; j < P->prev_ns; j++) {
        double o = overlap(x1, x2, P->prev_x1[j], P->prev_x2[j]);
        if (o > best) { best = o; col = (int)j; }
    }
    return col;
}

/* A heading cell over columns that share lines, printed as parts with
 * narrow gaps between them, one part over each column (款项 over 款 | 项;
 * 本年支出合 基本支 over two columns of figures; 上缴上级 经营支 对附属单位
 * over three blank columns): it is split into its parts, at the gaps where
 * the column changes (not a title over the table, "… 2024 年度部门决算表").
 * The line's cells are rebuilt at the end of P->C.
 * Returns whether any was split; *nomem on failure. */
static bool split_headings(pctx *P, size_t a, size_t b, bool *nomem)
{
    bool any = false;
    for (size_t i = a; i < b; i++) {
        line_t *l = &P->L[i];
        if (l->drop || (l->nc == 1 && title_line(P, l))) continue;
        bool need = false;
        for (size_t k = 0; k < l->nc && !need; k++) {
            const cell_t *c = &P->C[l->c0 + k];
            need = c->wide && c->nb;
        }
        if (!need) continue;
        size_t c0 = P->nc;
        for (size_t k = 0; k < l->nc; k++) {
            cell_t c = P->C[l->c0 + k];
            int cols[64];
            size_t np = c.wide ? c.nb + 1 : 1;
            if (np > 64) np = 1;
            for (size_t p = 0; p < np; p++) {
                double x1 = p ? P->B[c.b0 + p - 1].x2 : c.x1, x2 = p + 1 < np ? P->B[c.b0 + p].x1 : c.x2;
                cols[p] = column_of(P, x1, x2);
            }
            size_t start = 0;
            double sx1 = c.x1;
            for (size_t p = 0; p < np; p++) {
                /* a part over no column goes with the part before it */
                int here = cols[p], next = p + 1 < np ? cols[p + 1] : -1;
                bool cut = p + 1 == np || (here >= 0 && next > here);
                if (p + 1 < np && here < 0 && next >= 0) {
                    /* the first parts over no column go with the next */
                    bool before = false;
                    for (size_t q = start; q < p && !before; q++) before = cols[q] >= 0;
                    if (!before) cols[p] = next;
                }
                if (!cut) {
                    if (here >= 0 && next < 0 && p + 1 < np) cols[p + 1] = here;
                    continue;
                }
                size_t off = start ? P->B[c.b0 + start - 1].off : 0, end = p + 1 < np ? P->B[c.b0 + p].off : c.tn;
                double x2 = p + 1 < np ? P->B[c.b0 + p].x1 : c.x2;
                const char *t = jue_buf_str(&P->text) + c.t0;
                while (end > off && t[end - 1] == ' ') end--;
                if (!grow((void **)&P->C, &P->capc, P->nc + 1, sizeof *P->C)) { *nomem = true; return any; }
                cell_t *n = &P->C[P->nc++];
                *n = c;
                n->t0 = c.t0 + off;
                n->tn = end - off;
                n->x1 = sx1;
                n->x2 = x2;
                n->num = numeric(t + off, end - off);
                n->nb = 0;
                n->col = -1;
                start = p + 1;
                if (p + 1 < np) sx1 = P->B[c.b0 + p].x2;
            }
        }
        l = &P->L[i];
        if (P->nc - c0 != l->nc) any = true;
        l->c0 = c0;
        l->nc = P->nc - c0;
    }
    return any;
}

static jue_status emit_block(pctx *P, jue_grid *g, rowbuf *R, size_t a, size_t b, bool cont)
{
    double px1[MAXCOLS], px2[MAXCOLS];
    size_t pns = P->prev_ns;
    memcpy(px1, P->prev_x1, sizeof px1);
    memcpy(px2, P->prev_x2, sizeof px2);
    if (!assign_columns(P, a, b, cont)) return JUE_ERR_NOMEM;
    bool nomem = false;
    if (split_headings(P, a, b, &nomem)) {
        /* the columns again, with the parts of the headings */
        P->prev_ns = pns;
        memcpy(P->prev_x1, px1, sizeof px1);
        memcpy(P->prev_x2, px2, sizeof px2);
        if (!assign_columns(P, a, b, cont)) return JUE_ERR_NOMEM;
    }
    if (nomem) return JUE_ERR_NOMEM;
    /* the right end of each column's widest text */
    double right[MAXCOLS];
    for (int c = 0; c < MAXCOLS; c++) right[c] = -1e300;
    for (size_t i = a; i < b; i++)
        for (size_t k = 0; k < P->L[i].nc; k++) {
            const cell_t *c = &P->C[P->L[i].c0 + k];
            if (!c->num && !c->wide && c->col >= 0 && c->col < MAXCOLS && c->x2 > right[c->col]) right[c->col] = c->x2;
        }
    jue_status st = JUE_OK;
    double last = 0;
    bool head = false;   /* the row so far is the first line of a wrapped name */
    for (size_t i = a; i < b && !st; i++) {
        const line_t *l = &P->L[i];
        if (l->drop) continue;
        const line_t *n = i + 1 < b ? &P->L[i + 1] : NULL;
        bool join = R->ncol && l->base - last >= 0 && l->base - last < 0.9 * l->fs &&
                    (rowbuf_fits(P, R, l) || sandwich(P, R, l, n, last));
        /* the rest of a name whose first line is the row so far */
        join |= head && R->ncol && rowbuf_fits(P, R, l);
        if (R->ncol && !join && !wrapped_tail(P, R, l, n, right)) {
            /* a lone line heading the next row's name starts that row: one
             * closer to it than to the row above, or one under a name
             * already centred on its row */
            int col = l->nc == 1 ? P->C[l->c0].col : -1;
            bool centred = col >= 0 && col < R->ncol && R->t[col].len && centred_name(R, col, l->fs);
            st = rowbuf_emit(g, R, l->page);
            head = col >= 0 && heads_next(P, l, n, centred ? 0 : l->base - last);
        } else {
            head = false;
        }
        if (!st) rowbuf_add(P, R, l);
        last = l->base;
    }
    if (!st && a < b) st = rowbuf_emit(g, R, P->L[b - 1].page);
    return st;
}

/* ---- prose: wrapped lines joined into paragraphs --------------------- */

/* The text margins of each page: the leftmost start and the rightmost end
 * that two or more lines of one cell share (a lone wide line is not the
 * margin). A paragraph's wrapped lines run from the left margin to the
 * right one. */
static bool margins(pctx *P)
{
    P->left = malloc((size_t)P->npages * sizeof *P->left);
    P->right = malloc((size_t)P->npages * sizeof *P->right);
    double *x1 = malloc((P->nl + 1) * sizeof *x1), *x2 = malloc((P->nl + 1) * sizeof *x2);
    bool ok = P->left && P->right && x1 && x2;
    /* a page without prose: no line reaches its margins */
    for (int p = 0; ok && p < P->npages; p++) {
        P->left[p] = -1e9;
        P->right[p] = 1e9;
    }
    for (size_t a = 0; a < P->nl && ok;) {
        size_t b = a, n = 0;
        double fs = 0;
        while (b < P->nl && P->L[b].page == P->L[a].page) b++;
        for (size_t i = a; i < b; i++) {
            const line_t *l = &P->L[i];
            if (l->drop || l->nc != 1 || P->C[l->c0].tn < 9) continue;
            x1[n] = l->x1;
            x2[n] = l->x2;
            fs += l->fs;
            n++;
        }
        int p = P->L[a].page;
        if (n) {
            fs /= (double)n;
            qsort(x1, n, sizeof *x1, cmp_double);
            qsort(x2, n, sizeof *x2, cmp_double);
            P->left[p] = x1[0];
            for (size_t k = 0; k + 1 < n; k++)
                if (x1[k + 1] - x1[k] <= 0.5 * fs) { P->left[p] = x1[k]; break; }
            P->right[p] = x2[n - 1];
            for (size_t k = n - 1; k > 0; k--)
                if (x2[k] - x2[k - 1] <= fs) { P->right[p] = x2[k]; break; }
        }
        a = b;
    }
    free(x1);
    free(x2);
    return ok;
}

static bool ends_with(const char *s, size_t n, const char *t)
{
    size_t k = strlen(t);
    return n >= k && !memcmp(s + n - k, t, k);
}

/* "注：…", "说明：…": a table's note. */
static bool note_mark(const char *s, size_t n)
{
    static const char *const NOTE[] = { "注：", "注:", "说明：", "说明:" };
    for (size_t i = 0; i < sizeof NOTE / sizeof NOTE[0]; i++) {
        size_t k = strlen(NOTE[i]);
        if (n >= k && !strncmp(s, NOTE[i], k)) return true;
    }
    return false;
}

/* A line that starts a heading or a list item of its own: 一、 （一） 1、
 * 1. 第一部分. */
static bool starts_item(const char *s, size_t n)
{
    char buf[64];
    size_t k = n < sizeof buf - 1 ? n : sizeof buf - 1;
    memcpy(buf, s, k);
    buf[k] = '\0';
    if (jue_imp_skip_ordinal(buf) != buf) return true;
    if (note_mark(buf, k)) return true;
    if (!strncmp(buf, "第", 3)) {
        const char *q = buf + 3;
        while (*q && strncmp(q, "部分", 6) && q - buf < 18) q += (*q & 0x80) ? 3 : 1;
        if (!strncmp(q, "部分", 6)) return true;
    }
    return false;
}

/* Whether prose line m goes on the paragraph whose last line is l: l runs
 * to the right margin without closing its sentence, m starts at the left
 * margin (a new paragraph is indented) in the same size, on the next line
 * or at the top of the next page, and is not a heading or item. */
static bool continues(const pctx *P, const line_t *l, const line_t *m, bool page_turn)
{
    double fs = dmax(l->fs, m->fs);
    if (fabs(l->fs - m->fs) > 0.15 * fs) return false;
    if (page_turn ? m->page != l->page + 1 : (m->page != l->page || m->base - l->base < 0.5 * fs || m->base - l->base > 2.5 * fs))
        return false;
    /* unjustified lines end up to a figure short of the margin: a figure
     * or a character with the punctuation after it moves down whole */
    if (l->x2 < P->right[l->page] - 4 * fs || m->x1 > P->left[m->page] + 0.6 * fs) return false;
    const cell_t *lc = &P->C[l->c0 + l->nc - 1], *mc = &P->C[m->c0];
    const char *lt = jue_buf_str(&P->text) + lc->t0, *mt = jue_buf_str(&P->text) + mc->t0;
    if (ends_with(lt, lc->tn, "。") || ends_with(lt, lc->tn, "！") || ends_with(lt, lc->tn, "？")) return false;
    return !starts_item(mt, mc->tn);
}

/* A line of several cells inside a paragraph: justified prose whose
 * stretched space looks like a column gap ("其中：      财政拨款收入"). It
 * has no table line next to it, its gaps are narrow, and it goes on the
 * paragraph before it or the next line goes on it. */
static bool prose_line(const pctx *P, size_t a, size_t b, size_t i, bool page_top)
{
    const line_t *l = &P->L[i];
    for (size_t k = 1; k < l->nc; k++)
        if (P->C[l->c0 + k].x1 - P->C[l->c0 + k - 1].x2 > 2.5 * l->fs) return false;
    size_t pi = i, ni = i + 1;
    while (pi > a && P->L[pi - 1].drop) pi--;
    while (ni < b && P->L[ni].drop) ni++;
    if (pi > a && P->L[pi - 1].nc > 1) return false;
    if (ni < b && P->L[ni].nc > 1) return false;
    return (P->para_open && continues(P, P->para_last, l, page_top)) || (ni < b && continues(P, l, &P->L[ni], false));
}

static bool ascii_letter(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

/* Prose text: the spaces a producer puts between Chinese and figures
 * ("截至 2023年 12 月 31 日", "为 1560.05 万元") are typography, not words;
 * they go, so a sentence reads as it is written. Between Latin letters and
 * between two figures a space stays. */
static void put_prose(jue_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ') {
            unsigned char prev = b->len ? (unsigned char)b->data[b->len - 1] : 0;
            size_t j = i;
            while (j < n && s[j] == ' ') j++;
            unsigned char next = j < n ? (unsigned char)s[j] : 0;
            bool wide = prev >= 0x80 || next >= 0x80;
            if (!prev || !next || (wide && !ascii_letter(prev) && !ascii_letter(next))) { i = j - 1; continue; }
            jue_buf_putc(b, ' ');
            i = j - 1;
            continue;
        }
        jue_buf_putc(b, (char)c);
    }
}

/* The cells of a prose line, joined: a gap between cells is a space only
 * between Latin letters. */
static void put_line(pctx *P, const line_t *l)
{
    for (size_t k = 0; k < l->nc; k++) {
        const cell_t *c = &P->C[l->c0 + k];
        const char *s = jue_buf_str(&P->text) + c->t0;
        if (k && c->tn && P->para.len && ascii_letter((unsigned char)P->para.data[P->para.len - 1]) &&
            ascii_letter((unsigned char)s[0]))
            jue_buf_putc(&P->para, ' ');
        put_prose(&P->para, s, c->tn);
    }
}

static jue_status para_flush(pctx *P, jue_grid *g)
{
    if (!P->para_open) return JUE_OK;
    P->para_open = false;
    if (jue_buf_err(&P->para)) return JUE_ERR_NOMEM;
    jue_grow *r = jue_grid_add_row(g, P->para_line);
    if (!r) return JUE_ERR_NOMEM;
    r->page = P->para_page + 1;
    jue_gcell *gc = jue_grow_set(r, 0, jue_buf_str(&P->para), P->para.len);
    if (!gc) return JUE_ERR_NOMEM;
    gc->pos = P->para_pos;
    return JUE_OK;
}

/* A prose line outside the tables: a paragraph's line. */
static jue_status emit_plain(pctx *P, jue_grid *g, const line_t *l, bool page_turn)
{
    const cell_t *c = &P->C[l->c0];
    ++P->lineno;
    if (P->para_open && continues(P, P->para_last, l, page_turn)) {
        /* Latin words broken at the line end keep a space; CJK and figures join */
        if (P->para.len && ascii_letter((unsigned char)P->para.data[P->para.len - 1]) &&
            ascii_letter((unsigned char)jue_buf_str(&P->text)[c->t0]))
            jue_buf_putc(&P->para, ' ');
        put_line(P, l);
        P->para_last = l;
        return JUE_OK;
    }
    jue_status st = para_flush(P, g);
    if (st) return st;
    jue_buf_reset(&P->para);
    put_line(P, l);
    P->para_open = true;
    P->para_line = P->lineno;
    P->para_page = l->page;
    P->para_pos = 1 + (int)lround(c->x1 / P->cw);
    P->para_last = l;
    return JUE_OK;
}

/* Lines of one page in order: runs of multi-cell lines (with the short
 * single lines between them: wrapped names, lone figures) are tables; the
 * rest are emitted as they are. */
/* Whether a line of one cell starts or ends where a cell of a multi-cell
 * line in [a, e) does: a table's own line (a pane's name, a lone figure),
 * not a centred title or a note. */
static bool aligned(const pctx *P, size_t a, size_t e, const line_t *m)
{
    const cell_t *x = &P->C[m->c0];
    for (size_t i = a; i < e; i++) {
        const line_t *l = &P->L[i];
        if (l->nc < 2 || l->drop) continue;
        for (size_t k = 0; k < l->nc; k++) {
            const cell_t *c = &P->C[l->c0 + k];
            if (fabs(c->x1 - x->x1) < 0.5 * m->fs || (x->num && fabs(c->x2 - x->x2) < 0.5 * m->fs)) return true;
        }
    }
    return false;
}

/* "续表", "续表3", "（续）", "续上表": a table goes on. */
static bool continued_mark(const pctx *P, const line_t *l)
{
    char buf[48];
    const cell_t *c = &P->C[l->c0];
    if (c->tn >= sizeof buf) return false;
    memcpy(buf, jue_buf_str(&P->text) + c->t0, c->tn);
    buf[c->tn] = '\0';
    static const char *const M[] = { "续表", "续上表", "（续）", "(续)", "（续表）", "(续表)" };
    for (size_t k = 0; k < sizeof M / sizeof M[0]; k++) {
        size_t n = strlen(M[k]);
        if (strncmp(buf, M[k], n)) continue;
        const char *q = buf + n;
        while (*q == ' ' || (*q >= '0' && *q <= '9')) q++;
        if (!*q) return true;
    }
    return false;
}

/* A table's title on a line of its own: "表二", "收入决算表" (not a
 * 续表 mark). It ends the table above it. */
static bool title_line(const pctx *P, const line_t *l)
{
    const cell_t *c = &P->C[l->c0];
    const char *s = jue_buf_str(&P->text) + c->t0;
    if (c->tn < 3 || continued_mark(P, l)) return false;
    if (!memcmp(s + c->tn - 3, "表", 3)) return true;
    if (c->tn > 3 * 4 || memcmp(s, "表", 3)) return false;
    static const char digits[] = "0123456789";
    for (size_t k = 3; k < c->tn;) {
        if (strchr(digits, s[k]) && s[k]) { k++; continue; }
        if (k + 3 <= c->tn && (!memcmp(s + k, "一", 3) || !memcmp(s + k, "二", 3) || !memcmp(s + k, "三", 3) ||
                               !memcmp(s + k, "四", 3) || !memcmp(s + k, "五", 3) || !memcmp(s + k, "六", 3) ||
                               !memcmp(s + k, "七", 3) || !memcmp(s + k, "八", 3) || !memcmp(s + k, "九", 3) ||
                               !memcmp(s + k, "十", 3))) { k += 3; continue; }
        return false;
    }
    return true;
}

/* The heading held at the foot of the last page, laid out alone (the next
 * page does not go on with its table). */
static jue_status flush_held(pctx *P, jue_grid *g, rowbuf *R)
{
    if (!P->held) return JUE_OK;
    P->held = false;
    return emit_block(P, g, R, P->held_a, P->held_b, P->held_cont);
}

static jue_status emit_page(pctx *P, jue_grid *g, rowbuf *R, size_t a, size_t b, bool *in_block)
{
    double pw = P->pages[P->L[a].page].w;
    jue_status st = JUE_OK;
    size_t i = a, first = a;
    while (first < b && P->L[first].drop) first++;
    /* a table going on from the previous page: its 续表 mark at the top of
     * this page is furniture, the repeated heading under it the table's */
    if ((*in_block || P->tail_block) && first < b && P->L[first].nc == 1 && continued_mark(P, &P->L[first])) {
        P->L[first].drop = true;
        while (first < b && P->L[first].drop) first++;
        *in_block = true;
    }
    P->tail_block = false;
    while (i < b && !st) {
        const line_t *l = &P->L[i];
        if (l->drop) { i++; continue; }
        /* a table going on from the previous page may start with lines
         * of one cell (a pane's names) */
        bool cont = *in_block && i == first && l->x2 - l->x1 <= 0.45 * pw;
        if ((l->nc < 2 && !cont) || (l->nc >= 2 && !(*in_block && i == first) && prose_line(P, a, b, i, i == first))) {
            st = flush_held(P, g, R);
            if (!st) st = emit_plain(P, g, l, i == first);
            *in_block = false;
            i++;
            continue;
        }
        st = para_flush(P, g);
        if (st) break;
        /* a table block: extend while multi-cell, or short single lines
         * close to the previous line; drop trailing singles */
        size_t end = i + 1, last_multi = i;
        double prev = l->base;
        for (; end < b; end++) {
            const line_t *m = &P->L[end];
            if (m->drop) continue;
            /* a tall heading row may leave a wider gap above the first
             * row of figures */
            if (m->base - prev > (m->nc >= 2 ? 5.0 : 3.0) * m->fs) break;
            if (m->nc < 2 && (m->x2 - m->x1 > 0.45 * pw || P->C[m->c0].tn > 60)) break;
            /* a table's note ends it, and the next table's title */
            if (m->nc < 2 && note_mark(jue_buf_str(&P->text) + P->C[m->c0].t0, P->C[m->c0].tn)) break;
            if (m->nc < 2 && (l->nc >= 2 || last_multi > i) && title_line(P, m)) break;
            if (m->nc >= 2 || aligned(P, i, end, m)) last_multi = end;
            prev = m->base;
        }
        /* the page ends in the table, page furniture after it aside */
        size_t rest = last_multi + 1;
        while (rest < b && P->L[rest].drop) rest++;
        bool go_on = *in_block && i == first;
        if (P->held && go_on && !(l->nc == 1 && title_line(P, l))) {
            /* the heading held from the last page, with its rows */
            P->held = false;
            st = emit_block(P, g, R, P->held_a, last_multi + 1, P->held_cont);
        } else {
            st = flush_held(P, g, R);
            bool nums = false;
            for (size_t k = i; k <= last_multi && !nums; k++)
                for (size_t c = 0; c < P->L[k].nc && !P->L[k].drop; c++) nums |= P->C[P->L[k].c0 + c].num;
            if (!st && !nums && rest == b && b < P->nl) {
                /* a heading with no rows under it at the foot of the page:
                 * its columns are those of the rows on the next page */
                P->held = true;
                P->held_a = i;
                P->held_b = last_multi + 1;
                P->held_cont = go_on;
            } else if (!st) {
                st = emit_block(P, g, R, i, last_multi + 1, go_on);
            }
        }
        *in_block = last_multi + 1 == b;
        P->tail_block = rest == b;
        i = last_multi + 1;
    }
    return st;
}

/* ---- the door --------------------------------------------------------- */

static void free_ctx(pctx *P)
{
    for (int p = 0; p < P->npages; p++) free(P->pages[p].g);
    free(P->pages);
    if (P->F)
        for (int i = 0; i < P->F->nf; i++) free(P->F->f[i].name);
    free(P->F);
    free(P->L);
    free(P->C);
    free(P->B);
    free(P->left);
    free(P->right);
    free(P->gt);
    jue_buf_free(&P->text);
    jue_buf_free(&P->para);
}

/* "%PDF-" within the first KiB, where readers look for it. */
static bool has_header(const char *data, size_t len)
{
    size_t n = len < 1024 ? len : 1024;
    for (size_t i = 0; i + 5 <= n; i++)
        if (!memcmp(data + i, "%PDF-", 5)) return true;
    return false;
}

jue_status jue_pdfm_read(const char *data, size_t len, jue_idoc *doc, jue_diags *diags)
{
    const char *file = doc->file ? doc->file : "";
    if (len < 8 || !has_header(data, len)) {
        jue_diag_add(diags, JUE_SEV_ERROR, file, 0, 0, "不是PDF文件（没有 %%PDF- 文件头）");
        return JUE_ERR_INVALID;
    }
    GBytes *bytes = g_bytes_new_static(data, len);
    GError *err = NULL;
    PopplerDocument *pd = poppler_document_new_from_bytes(bytes, NULL, &err);
    g_bytes_unref(bytes);
    if (!pd) {
        bool enc = err && err->domain == POPPLER_ERROR && err->code == POPPLER_ERROR_ENCRYPTED;
        jue_diag_add(diags, JUE_SEV_ERROR, file, 0, 0, "%s%s", enc ? "PDF已加密，无法读取：" : "PDF无法读取（文件已损坏？）：",
                     err && err->message ? err->message : "原因不明");
        if (err) g_error_free(err);
        return JUE_ERR_INVALID;
    }
    pctx P;
    memset(&P, 0, sizeof P);
    P.doc = doc;
    P.diags = diags;
    jue_buf_init(&P.text);
    jue_buf_init(&P.para);
    jue_status st = JUE_OK;
    int np = poppler_document_get_n_pages(pd);
    if (np <= 0) {
        jue_diag_add(diags, JUE_SEV_ERROR, file, 0, 0, "PDF中没有页面");
        st = JUE_ERR_INVALID;
    } else if (np > MAXPAGES) {
        jue_diag_add(diags, JUE_SEV_ERROR, file, 0, 0, "PDF有%d页，超过上限%d页", np, MAXPAGES);
        st = JUE_ERR_LIMIT;
    }
    if (!st) {
        P.pages = calloc((size_t)np, sizeof *P.pages);
        P.F = calloc(1, sizeof *P.F);
        if (!P.pages || !P.F) st = JUE_ERR_NOMEM;
        else P.npages = np;
    }
    size_t total = 0;
    for (int p = 0; p < P.npages && !st; p++) {
        PopplerPage *page = poppler_document_get_page(pd, p);
        if (!page) {
            jue_diag_add(diags, JUE_SEV_WARNING, file, 0, 0, "第%d页无法读取，已跳过", p + 1);
            continue;
        }
        st = read_page(page, &P.pages[p], P.F, &total);
        g_object_unref(page);
        if (st == JUE_ERR_LIMIT)
            jue_diag_add(diags, JUE_SEV_ERROR, file, 0, 0, "第%d页：文件中的字符超过%d个", p + 1,
                         MAXGLYPHS);
    }
    g_object_unref(pd);
    if (!st && total == 0) {
        jue_diag_add(diags, JUE_SEV_ERROR, file, 0, 0,
                     "PDF没有文字层（是扫描件？）：不支持文字识别（OCR）");
        st = JUE_ERR_INVALID;
    }
    if (!st) {
        if (!calibrate(&P)) st = JUE_ERR_NOMEM;
        /* the character column: half the median font size */
        double *fs = malloc((size_t)P.npages * sizeof *fs);
        if (!fs) st = JUE_ERR_NOMEM;
        else {
            int k = 0;
            for (int p = 0; p < P.npages; p++)
                if (P.pages[p].n) fs[k++] = P.pages[p].g[P.pages[p].n / 2].fs;
            qsort(fs, (size_t)k, sizeof *fs, cmp_double);
            P.cw = k ? fs[k / 2] / 2 : 5;
            if (!(P.cw > 0.5)) P.cw = 5;
            free(fs);
        }
    }
    for (int p = 0; p < P.npages && !st; p++)
        if (!page_lines(&P, p)) st = JUE_ERR_NOMEM;
    if (!st && !furniture(&P)) st = JUE_ERR_NOMEM;
    if (!st && !margins(&P)) st = JUE_ERR_NOMEM;
    if (!st) {
        jue_grid *g = jue_idoc_add_grid(doc, NULL);
        rowbuf *R = calloc(1, sizeof *R);
        if (!g || !R) st = JUE_ERR_NOMEM;
        for (int c = 0; R && c < MAXCOLS; c++) jue_buf_init(&R->t[c]);
        bool in_block = false;
        for (size_t a = 0; a < P.nl && !st;) {
            size_t b = a;
            while (b < P.nl && P.L[b].page == P.L[a].page) b++;
            st = emit_page(&P, g, R, a, b, &in_block);
            a = b;
        }
        if (!st) st = flush_held(&P, g, R);
        if (!st) st = para_flush(&P, g);
        for (int c = 0; R && c < MAXCOLS; c++) jue_buf_free(&R->t[c]);
        free(R);
    }
    if (st == JUE_ERR_NOMEM) jue_diag_add(diags, JUE_SEV_ERROR, file, 0, 0, "读取PDF时内存不足");
    free_ctx(&P);
    return st;
}
