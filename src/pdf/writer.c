/* PDF: the complete document on A4 pages, drawn with cairo and shaped with
 * pango in the two faces of a printed government document: Noto Serif CJK
 * SC (宋体) for text, tables and labels, Noto Sans CJK SC Bold (黑体) for
 * headings, titles and totals. Each face is cut down by harfbuzz to the
 * glyphs the document draws before cairo embeds it (faces.c); each face
 * more would cost its own subset and every glyph in it again.
 *
 * The document is laid out twice with the same code: the first pass writes
 * nothing and only learns on which page every heading and table lands, the
 * second draws for real and prints those numbers in the table of contents.
 * Both passes share one pango context and one cache of layouts (sizes.c):
 * a text is shaped once, in the first pass, and the final pass draws those
 * very layouts, so both break lines and pages identically. The first pass
 * draws nothing (its cairo context is clipped to nothing).
 *
 * Tables are drawn from the shared grid layout (render_internal.h), like
 * every other grid renderer; the amount texts are the layout's formatted
 * strings, so the PDF prints exactly what the HTML and XLSX print. Doubles
 * here are coordinates only. */
#include "pdf/faces.h"
#include "pdf/pdf.h"
#include "pdf/rules.h"
#include "pdf/sizes.h"
#include "render/render_internal.h"

#include <juesuan/document.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- page geometry (points) -------------------------------------------- */

#define A4_SHORT 595.276
#define A4_LONG  841.890
#define MM       (72.0 / 25.4)

/* Portrait pages follow the usual government margins; landscape pages are
 * for wide tables and keep less white space. */
#define P_TOP    (25 * MM)
#define P_BOTTOM (25 * MM)
#define P_SIDE   (25 * MM)
#define L_MARGIN (15 * MM)
#define L_BOTTOM (18 * MM)

/* ---- fonts ------------------------------------------------------------- */

enum {
    F_BODY,      /* paragraphs */
    F_H1,        /* 第X部分 */
    F_H2,        /* 一、 */
    F_H3,        /* （一） */
    F_COVER,     /* cover title */
    F_COVER2,    /* cover date line */
    F_TOCTITLE,  /* 目录 */
    F_TOC1,      /* contents entry, level 1 */
    F_TOC2,      /* contents entry, level 2 */
    F_SMALL,     /* labels, meta lines, notes under tables, footer */
    F_TTITLE,    /* table title */
    F_CHART,     /* chart labels */
    F_CHARTB,    /* chart title, shares on the ring */
    F_COUNT
};

/* The two faces: regular text is 宋体, bold is 黑体. */
#define SERIF "Noto Serif CJK SC"
#define SANS  "Noto Sans CJK SC"

static const struct {
    double size;
    bool bold;
} FONTS[F_COUNT] = {
    [F_BODY] = { 12, false },     [F_H1] = { 16, true },    [F_H2] = { 13, true },      [F_H3] = { 12, true },
    [F_COVER] = { 26, true },     [F_COVER2] = { 16, false }, [F_TOCTITLE] = { 18, true }, [F_TOC1] = { 12, true },
    [F_TOC2] = { 12, false },     [F_SMALL] = { 10, false }, [F_TTITLE] = { 15, true },  [F_CHART] = { 8.5, false },
    [F_CHARTB] = { 10, true },
};

#define TABLE_FS_MAX 9.0
#define TABLE_FS_MIN 6.0
#define ROW_LEAD 1.75      /* a body row is at least this many font sizes high */
#define FIT_LEAD 1.3       /* a closed-up row: this, or its text's line box without padding */
#define FIT_FS_MIN 7.0
#define FIT_SLACK 1.5      /* at most this many times the room is fitted */
#define FIT_NOTE_ROOM 30.0 /* kept under the table for its 注 */

/* Chart colours: the HTML document's palette, so both look alike. */
static const double PALETTE[6][3] = {
    { 0x2b / 255.0, 0x6c / 255.0, 0xb0 / 255.0 }, { 0xdd / 255.0, 0x6b / 255.0, 0x20 / 255.0 },
    { 0x38 / 255.0, 0xa1 / 255.0, 0x69 / 255.0 }, { 0x80 / 255.0, 0x5a / 255.0, 0xd5 / 255.0 },
    { 0xd5 / 255.0, 0x3f / 255.0, 0x8c / 255.0 }, { 0x71 / 255.0, 0x80 / 255.0, 0x96 / 255.0 },
};

/* Where the first pass saw each block (page 0 = not placed). */
typedef struct {
    int page;
    double y;
} mark;

typedef struct {
    FILE *f;        /* NULL: the measuring pass, bytes are dropped */
    bool failed;
} sink;

typedef struct {
    const jue_document *doc;
    bool final;                 /* second pass: links, outline, real page numbers */
    cairo_surface_t *surf;
    cairo_t *cr;
    PangoContext *pc;
    PangoFontDescription *font[F_COUNT];
    PangoFontDescription *tfont, *tfont_b;   /* table fonts at the table's size */
    double tfs;
    mark *marks;                /* doc->n, filled in the first pass */
    /* the current page */
    int page;                   /* pages begun so far */
    bool open, fresh, landscape, no_footer;
    double pw, ph, x0, x1, ytop, ybot, y;
    /* headings waiting for the block they introduce (kept with it) */
    size_t pending[16];
    size_t npending;
    int outline_part;           /* outline id of the current 第X部分 */
    jue_buf clean;              /* scratch: sanitised text */
    jue_buf text;               /* scratch: cell text */
    jue_pdf_sizes *sizes;       /* layouts measured, shared by both passes */
    jue_pdf_faces *faces;       /* the CFF faces subset: noted in the first pass, drawn in the final */
    double *rect;               /* the page's cell borders not stroked yet: x, y, w, h each */
    size_t nrect, caprect;
    jue_status err;
} pdf;

static double U(int v) { return pango_units_to_double(v); }

/* ---- text -------------------------------------------------------------- */

/* Copies s into p->clean with invalid UTF-8 replaced by U+FFFD and control
 * characters by spaces (pango would warn on stderr otherwise, and the
 * library never prints). */
static const char *clean(pdf *p, const char *s)
{
    jue_buf *b = &p->clean;
    jue_buf_reset(b);
    const unsigned char *u = (const unsigned char *)(s ? s : "");
    size_t n = strlen((const char *)u), i = 0;
    while (i < n) {
        if (u[i] == '\n') { jue_buf_putc(b, '\n'); i++; continue; }
        if (u[i] < 0x20 || u[i] == 0x7F) { jue_buf_putc(b, ' '); i++; continue; }
        size_t k = jue_rd_utf8_len(u + i, n - i);
        if (k == 0) {
            jue_buf_puts(b, "\xEF\xBF\xBD");
            i++;
        } else {
            jue_buf_putn(b, (const char *)u + i, k);
            i += k;
        }
    }
    if (jue_buf_err(b) && !p->err) p->err = jue_buf_err(b);
    return jue_buf_str(b);
}

/* A new layout of s in font f; width <= 0 means one unwrapped line. */
static PangoLayout *mk_new(pdf *p, const PangoFontDescription *f, const char *s, double width, PangoAlignment al)
{
    PangoLayout *l = pango_layout_new(p->pc);
    pango_layout_set_font_description(l, f);
    if (width > 0) {
        pango_layout_set_width(l, pango_units_from_double(width));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_alignment(l, al);
    const char *t = clean(p, s);
    pango_layout_set_text(l, t, (int)p->clean.len);
    return l;
}

static double lay_w(PangoLayout *l)
{
    int w, h;
    pango_layout_get_size(l, &w, &h);
    return U(w);
}

static double lay_h(PangoLayout *l)
{
    int w, h;
    pango_layout_get_size(l, &w, &h);
    return U(h);
}

/* Text is drawn in the final pass only: the measuring pass needs where
 * things go, and drawing glyphs there would make cairo embed and subset the
 * fonts of a document that is thrown away (a third of the writer's time).
 * The measuring pass notes the glyphs of every layout it makes (mk_kind,
 * size_of) for the faces' subsets (faces.c). */
/* Draws l as a table's or form's cell: its glyphs may wait to be drawn in
 * one cairo call with the next cells' (cairo's cost is per call), until
 * show_flush, which must come before anything else is drawn (page_end
 * flushes). */
static void show_cell(pdf *p, PangoLayout *l, int lead, double x, double y)
{
    if (p->final) jue_pdf_faces_show_layout(p->faces, p->cr, l, x, y, lead);
    p->fresh = false;
}

static void show_flush(pdf *p)
{
    if (p->final) jue_pdf_faces_flush(p->faces, p->cr);
}

static void show_led(pdf *p, PangoLayout *l, int lead, double x, double y)
{
    show_cell(p, l, lead, x, y);
    show_flush(p);
}

static void show(pdf *p, PangoLayout *l, double x, double y) { show_led(p, l, 0, x, y); }

/* The size of the layout mk(p, f, s, width, al) would make, measured once
 * for both passes and every try at a table's font size. A wrapped layout
 * (a cell in its width) is kept for drawing; an unwrapped one measured for
 * a column's natural width only its size. */
static void size_of(pdf *p, const PangoFontDescription *f, const char *s, double width, PangoAlignment al,
                    double *w, double *h)
{
    int wu = width > 0 ? pango_units_from_double(width) : 0, lw, lh;
    /* a text measured on one line that fits the width is not wrapped: the
     * same lines, the same height (a table's cells at each size tried); its
     * width there may differ with the alignment */
    bool one = wu > 0 && !w && jue_pdf_sizes_get(p->sizes, f, s ? s : "", 0, (int)PANGO_ALIGN_LEFT, &lw, &lh) && lw <= wu;
    if (!one && !jue_pdf_sizes_get(p->sizes, f, s ? s : "", wu, (int)al, &lw, &lh)) {
        PangoLayout *l = mk_new(p, f, s, width, al);
        pango_layout_get_size(l, &lw, &lh);
        if (!p->final) jue_pdf_faces_note_layout(p->faces, l);
        /* kept to be drawn: at its width, or on one line in any width it fits (spec_layout) */
        jue_pdf_sizes_keep(p->sizes, f, s ? s : "", wu, (int)al, 0, l, lw, lh);
        g_object_unref(l);
    }
    if (w) *w = U(lw);
    if (h) *h = U(lh);
}

static double fsize(const PangoFontDescription *f)
{
    return U(pango_font_description_get_size(f));
}

static void justify(PangoLayout *l);

/* How a layout is set beyond its font, width and alignment. */
enum {
    K_PLAIN,
    K_PARA,      /* a paragraph: indented two characters, the extra line spacing, justified */
    K_INDENT,    /* a 一、 or （一） heading, indented like the paragraphs it leads */
    K_JUSTIFY,   /* a note under a table */
    K_COVER,     /* the cover's title lines */
    K_COVER2,    /* the cover's date lines */
};

/* The layout of s in font f at width with alignment al, set as kind, made
 * once for both passes: the final pass draws the layouts the measuring pass
 * made. The caller owns the reference returned and must not change the
 * layout. */
static PangoLayout *mk_kind(pdf *p, const PangoFontDescription *f, const char *s, double width, PangoAlignment al,
                            int kind)
{
    const char *key = s ? s : "";
    int wu = width > 0 ? pango_units_from_double(width) : 0, w, h;
    PangoLayout *l = jue_pdf_sizes_layout(p->sizes, f, key, wu, (int)al, kind);
    if (l) return g_object_ref(l);
    l = mk_new(p, f, s, width, al);
    double fs = fsize(f);
    switch (kind) {
    case K_PARA:
        pango_layout_set_indent(l, pango_units_from_double(2 * fs));
        pango_layout_set_spacing(l, pango_units_from_double(0.45 * fs));
        justify(l);
        break;
    case K_INDENT: pango_layout_set_indent(l, pango_units_from_double(2 * fs)); break;
    case K_JUSTIFY: justify(l); break;
    case K_COVER: pango_layout_set_spacing(l, pango_units_from_double(14)); break;
    case K_COVER2: pango_layout_set_spacing(l, pango_units_from_double(8)); break;
    default: break;
    }
    pango_layout_get_size(l, &w, &h);
    if (!p->final) jue_pdf_faces_note_layout(p->faces, l);
    jue_pdf_sizes_keep(p->sizes, f, key, wu, (int)al, kind, l, w, h);
    return l;
}

static PangoLayout *mk(pdf *p, const PangoFontDescription *f, const char *s, double width, PangoAlignment al)
{
    return mk_kind(p, f, s, width, al, K_PLAIN);
}

static double text_w(pdf *p, const PangoFontDescription *f, const char *s)
{
    double w;
    size_of(p, f, s, 0, PANGO_ALIGN_LEFT, &w, NULL);
    return w;
}

static PangoFontDescription *font_new(double size, bool bold)
{
    PangoFontDescription *f = pango_font_description_new();
    pango_font_description_set_family(f, bold ? SANS : SERIF);
    pango_font_description_set_weight(f, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    /* absolute: one pango point is one PDF point whatever the resolution */
    pango_font_description_set_absolute_size(f, size * PANGO_SCALE);
    return f;
}

/* ---- pages ------------------------------------------------------------- */

static void footer(pdf *p)
{
    char s[32];
    snprintf(s, sizeof s, "第 %d 页", p->page);
    PangoLayout *l = mk(p, p->font[F_SMALL], s, 0, PANGO_ALIGN_LEFT);
    double bottom = p->landscape ? L_BOTTOM : P_BOTTOM;
    show(p, l, (p->pw - lay_w(l)) / 2, p->ph - bottom / 2 - lay_h(l) / 2);
    g_object_unref(l);
}

/* The page's cell borders, black, half a point wide: the rectangles'
 * sides joined into the table's ruled lines (rules.c), each drawn once.
 * Square caps close the corners as a rectangle's joins do. */
static void grid_stroke(pdf *p)
{
    if (!p->nrect) return;
    jue_pdf_seg *h = malloc(4 * p->nrect * sizeof *h), *v = h ? h + 2 * p->nrect : NULL;
    size_t nh, nv;
    if (!h) {
        if (!p->err) p->err = JUE_ERR_NOMEM;
        p->nrect = 0;
        return;
    }
    jue_pdf_rules(p->rect, p->nrect, h, &nh, v, &nv);
    cairo_save(p->cr);
    cairo_new_path(p->cr);
    cairo_set_line_width(p->cr, 0.5);
    cairo_set_line_cap(p->cr, CAIRO_LINE_CAP_SQUARE);
    cairo_set_source_rgb(p->cr, 0, 0, 0);
    for (size_t i = 0; i < nh; i++) {
        cairo_move_to(p->cr, h[i].lo, h[i].at);
        cairo_line_to(p->cr, h[i].hi, h[i].at);
    }
    for (size_t i = 0; i < nv; i++) {
        cairo_move_to(p->cr, v[i].at, v[i].lo);
        cairo_line_to(p->cr, v[i].at, v[i].hi);
    }
    cairo_stroke(p->cr);
    cairo_restore(p->cr);
    free(h);
    p->nrect = 0;
}

static void page_end(pdf *p)
{
    if (!p->open) return;
    show_flush(p);
    grid_stroke(p);
    if (!p->no_footer) footer(p);
    cairo_show_page(p->cr);
    p->open = false;
}

static void page_setup(pdf *p, bool landscape)
{
    p->landscape = landscape;
    p->pw = landscape ? A4_LONG : A4_SHORT;
    p->ph = landscape ? A4_SHORT : A4_LONG;
    /* allowed until something is drawn on the page */
    cairo_pdf_surface_set_size(p->surf, p->pw, p->ph);
    double side = landscape ? L_MARGIN : P_SIDE;
    p->x0 = side;
    p->x1 = p->pw - side;
    p->ytop = landscape ? L_MARGIN : P_TOP;
    p->ybot = p->ph - (landscape ? L_BOTTOM : P_BOTTOM);
    p->y = p->ytop;
}

static void page_begin(pdf *p, bool landscape)
{
    /* an untouched page is reused rather than left blank */
    if (p->open && p->fresh) {
        if (landscape != p->landscape) page_setup(p, landscape);
        p->y = p->ytop;
        return;
    }
    page_end(p);
    p->page++;
    p->open = true;
    p->fresh = true;
    p->no_footer = false;
    page_setup(p, landscape);
}

/* ---- flowing text ------------------------------------------------------ */

/* Draws a layout line by line at x from p->y, continuing on new pages of the
 * same orientation when the page is full. */
static void flow(pdf *p, PangoLayout *lay, double x)
{
    PangoLayoutIter *it = pango_layout_get_iter(lay);
    double origin = p->y, bottom = p->y;
    do {
        PangoRectangle r;
        pango_layout_iter_get_line_extents(it, NULL, &r);
        double top = U(r.y), h = U(r.height);
        if (origin + top + h > p->ybot && origin + top > p->ytop + 0.5) {
            page_begin(p, p->landscape);
            origin = p->ytop - top;
        }
        PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
        if (p->final)   /* drawn in the final pass only, as show() */
            jue_pdf_faces_show_line(p->faces, p->cr, line, x + U(r.x),
                                    origin + U(pango_layout_iter_get_baseline(it)));
        bottom = origin + top + h;
        p->fresh = false;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    show_flush(p);   /* the lines of a page in one call (page_begin flushes the page before) */
    p->y = bottom;
}

/* ---- justification ----------------------------------------------------- */

/* Characters that hold together: the digits, letters and signs of a number or
 * a Latin word ("23,865.52", "2024", "4.5%", "PDF"). */
static bool unit_char(gunichar c)
{
    return c < 0x80 && (g_ascii_isalnum((char)c) || strchr(".,%-/:", (int)c));
}

/* One cluster of a line: its last glyph, its width and its first and last
 * characters. */
typedef struct {
    PangoGlyphInfo *last;
    int width;
    gunichar first, end;
} jclu;

/* The clusters of a left-to-right line, in order; 0 if there are more than
 * cap or the line runs right to left. */
static size_t line_clusters(PangoLayoutLine *line, const char *text, jclu *c, size_t cap)
{
    size_t n = 0;
    for (GSList *r = line->runs; r; r = r->next) {
        PangoGlyphItem *run = r->data;
        PangoGlyphString *g = run->glyphs;
        const char *base = text + run->item->offset;
        if (run->item->analysis.level % 2) return 0;
        for (int i = 0; i < g->num_glyphs; i++) {
            if (g->glyphs[i].attr.is_cluster_start || i == 0) {
                if (n == cap) return 0;
                c[n++] = (jclu){ .first = g_utf8_get_char(base + g->log_clusters[i]) };
            }
            jclu *k = &c[n - 1];
            k->last = &g->glyphs[i];
            k->width += g->glyphs[i].geometry.width;
            /* the cluster ends where the next one starts */
            int next = i + 1 < g->num_glyphs ? g->log_clusters[i + 1] : run->item->length;
            if (next > g->log_clusters[i]) k->end = g_utf8_get_char(g_utf8_prev_char(base + next));
        }
    }
    return n;
}

/* What a gap between two clusters may take, in the order a typesetter fills
 * them (as JLREQ and Word do): first the boundary between a Chinese
 * character and a number or Latin word (up to 1/4 em; not before or after
 * punctuation: "6、", "5.11%。"), then every gap alike, full-width
 * punctuation included (its glyph carries its own blank). Inside a run of
 * digits and letters nothing. */
enum { GAP_NONE, GAP_PLAIN, GAP_BOUNDARY };

static int gap_kind(const jclu *a, const jclu *b)
{
    bool ua = unit_char(a->end), ub = unit_char(b->first);
    if (ua && ub) return GAP_NONE;
    if ((ua || ub) && g_unichar_get_script(ua ? b->first : a->end) == G_UNICODE_SCRIPT_HAN) return GAP_BOUNDARY;
    return GAP_PLAIN;
}

/* Spreads one full line to `avail` (pango units) by widening the last glyph
 * of clusters: the missing width goes to the boundaries up to their share,
 * the rest in equal parts to every gap but those inside a number, which is
 * never pulled apart. */
static void justify_line(PangoLayoutLine *line, const char *text, int avail, int em)
{
    jclu c[512];
    int kind[512];
    size_t n = line_clusters(line, text, c, sizeof c / sizeof c[0]);
    while (n && g_unichar_isspace(c[n - 1].first)) n--;   /* trailing blanks are outside the measure */
    int natural = 0, gaps = 0, cap[GAP_BOUNDARY + 1] = { 0 }, count[GAP_BOUNDARY + 1] = { 0 };
    for (size_t k = 0; k < n; k++) natural += c[k].width;
    for (size_t k = 0; k + 1 < n; k++) {
        kind[k] = gap_kind(&c[k], &c[k + 1]);
        count[kind[k]]++;
        gaps += kind[k] != GAP_NONE;
    }
    int extra = avail - natural;
    if (extra <= 0 || !gaps) return;
    /* first the boundaries, up to 1/4 em each */
    if (count[GAP_BOUNDARY]) {
        cap[GAP_BOUNDARY] = extra / count[GAP_BOUNDARY] < em / 4 ? extra / count[GAP_BOUNDARY] : em / 4;
        extra -= cap[GAP_BOUNDARY] * count[GAP_BOUNDARY];
    }
    int each = extra / gaps, rest = extra % gaps;
    for (size_t k = 0; k + 1 < n; k++)
        if (kind[k] != GAP_NONE) c[k].last->geometry.width += cap[kind[k]] + each + (rest-- > 0);
}

/* Justifies a left-aligned layout as a typesetter does Chinese text: every
 * line but a paragraph's last reaches the right edge. pango's own
 * justification spreads every character apart, digits included ("2 0 2 4
 * 年度"); here only the glyph advances change, so lines break as before. */
static void justify(PangoLayout *l)
{
    int width = pango_layout_get_width(l), indent = pango_layout_get_indent(l);
    int em = pango_font_description_get_size(pango_layout_get_font_description(l));
    const char *text = pango_layout_get_text(l);
    if (width <= 0) return;
    for (GSList *ln = pango_layout_get_lines(l); ln; ln = ln->next) {
        PangoLayoutLine *line = ln->data;
        if (!ln->next || ((PangoLayoutLine *)ln->next->data)->is_paragraph_start) continue;
        justify_line(line, text, width - (line->is_paragraph_start && indent > 0 ? indent : 0), em);
    }
}

/* A paragraph: justified, first line indented two characters, the extra
 * line spacing of printed Chinese documents. */
static PangoLayout *para_layout(pdf *p, const PangoFontDescription *f, const char *s, double width)
{
    return mk_kind(p, f, s, width, PANGO_ALIGN_LEFT, K_PARA);
}

/* ---- headings ---------------------------------------------------------- */

static int hfont(int level) { return level <= 1 ? F_H1 : level == 2 ? F_H2 : F_H3; }
static double h_before(int level) { return level <= 1 ? 24 : level == 2 ? 14 : 8; }
static double h_after(int level) { return level <= 1 ? 18 : 8; }

static PangoLayout *heading_layout(pdf *p, const jue_block *b)
{
    /* 一、 and （一） headings are indented like the paragraphs they lead */
    return mk_kind(p, p->font[hfont(b->level)], b->text, p->x1 - p->x0,
                   b->level <= 1 ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT, b->level >= 2 ? K_INDENT : K_PLAIN);
}

static double pending_height(pdf *p)
{
    double h = 0;
    for (size_t i = 0; i < p->npending; i++) {
        const jue_block *b = &p->doc->blocks[p->pending[i]];
        PangoLayout *l = heading_layout(p, b);
        h += (i || !p->fresh ? h_before(b->level) : 0) + lay_h(l) + h_after(b->level);
        g_object_unref(l);
    }
    return h;
}

/* The outline (bookmarks) entry of a heading or table, final pass only. */
static void outline(pdf *p, int level, const char *text, double y)
{
    if (!p->final || level > 2 || !text) return;
    char dest[96];
    snprintf(dest, sizeof dest, "page=%d pos=[%.1f %.1f]", p->page, p->x0, y);
    const char *t = clean(p, text);
    int parent = level <= 1 ? CAIRO_PDF_OUTLINE_ROOT : p->outline_part;
    int id = cairo_pdf_surface_add_outline(p->surf, parent, t, dest,
                                           level <= 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : (cairo_pdf_outline_flags_t)0);
    if (level <= 1) p->outline_part = id;
}

static void record(pdf *p, size_t bi, double y)
{
    if (p->final) return;
    p->marks[bi].page = p->page;
    p->marks[bi].y = y;
}

static void draw_pending(pdf *p)
{
    for (size_t i = 0; i < p->npending; i++) {
        size_t bi = p->pending[i];
        const jue_block *b = &p->doc->blocks[bi];
        if (!p->fresh) p->y += h_before(b->level);
        record(p, bi, p->y);
        outline(p, b->level, b->text, p->y);
        PangoLayout *l = heading_layout(p, b);
        show(p, l, p->x0, p->y);
        p->y += lay_h(l) + h_after(b->level);
        p->fresh = false;
        g_object_unref(l);
    }
    p->npending = 0;
}

/* Finds room for a block of height `need` (with the headings waiting for it)
 * and draws those headings. A block that wants its own page (tables) gets a
 * fresh one in its orientation. */
static void place(pdf *p, double need, bool own_page, bool landscape)
{
    if (own_page) {
        if (!p->open || !p->fresh || p->landscape != landscape) page_begin(p, landscape);
    } else if (!p->open) {
        page_begin(p, false);
    } else if (!p->fresh && p->y + pending_height(p) + need > p->ybot) {
        page_begin(p, p->landscape);
    }
    draw_pending(p);
}

/* ---- cover and contents ------------------------------------------------ */

static void cover(pdf *p, const jue_block *b)
{
    page_begin(p, false);
    p->no_footer = true;
    /* the department on one line, "<year>年度部门决算" on the next */
    const char *dept = p->doc->d && p->doc->d->department ? p->doc->d->department : "";
    const char *title = b->text ? b->text : "";
    size_t dl = strlen(dept);
    jue_buf t;
    jue_buf_init(&t);
    if (dl && !strncmp(title, dept, dl) && title[dl]) {
        jue_buf_putn(&t, title, dl);
        jue_buf_putc(&t, '\n');
        jue_buf_puts(&t, title + dl);
    } else {
        jue_buf_puts(&t, title);
    }
    PangoLayout *l = mk_kind(p, p->font[F_COVER], jue_buf_str(&t), p->x1 - p->x0, PANGO_ALIGN_CENTER, K_COVER);
    show(p, l, p->x0, p->ph * 0.30);
    g_object_unref(l);
    jue_buf_free(&t);
    if (b->text2) {
        l = mk_kind(p, p->font[F_COVER2], b->text2, p->x1 - p->x0, PANGO_ALIGN_CENTER, K_COVER2);
        show(p, l, p->x0, p->ph * 0.68);
        g_object_unref(l);
    }
    p->fresh = false;
    page_end(p);
}

static void toc(pdf *p)
{
    place(p, 0, true, false);
    PangoLayout *l = mk(p, p->font[F_TOCTITLE], "目　　录", p->x1 - p->x0, PANGO_ALIGN_CENTER);
    show(p, l, p->x0, p->y);
    p->y += lay_h(l) + 24;
    p->fresh = false;
    g_object_unref(l);
    jue_buf text;
    jue_buf_init(&text);
    int table_no = 0, level = 1;
    for (size_t i = 0; i < p->doc->n; i++) {
        if (!jue_document_toc_entry(p->doc, i, &table_no, &level, &text)) continue;
        const mark *m = &p->marks[i];
        char num[16];
        /* the first pass does not know the pages yet; the numbers are
         * right-aligned, so their width does not move anything */
        snprintf(num, sizeof num, "%d", p->final ? m->page : 0);
        const PangoFontDescription *f = p->font[level <= 1 ? F_TOC1 : F_TOC2];
        double fs = fsize(f), indent = level <= 1 ? 0 : 2 * fs;
        double numw = text_w(p, f, num), tw = p->x1 - p->x0 - indent - numw - 3 * fs;
        l = mk(p, f, jue_buf_str(&text), tw, PANGO_ALIGN_LEFT);
        double h = lay_h(l);
        if (p->y + h > p->ybot) page_begin(p, false);
        double x = p->x0 + indent, y = p->y;
        if (p->final && m->page > 0) {
            char dest[96];
            snprintf(dest, sizeof dest, "page=%d pos=[%.1f %.1f]", m->page, p->x0, m->y);
            cairo_tag_begin(p->cr, CAIRO_TAG_LINK, dest);
        }
        show(p, l, x, y);
        /* the leader dots run from the end of the entry's last line to the number */
        PangoLayoutIter *it = pango_layout_get_iter(l);
        while (!pango_layout_iter_at_last_line(it)) pango_layout_iter_next_line(it);
        PangoRectangle r;
        pango_layout_iter_get_line_extents(it, NULL, &r);
        double base = y + U(pango_layout_iter_get_baseline(it));
        pango_layout_iter_free(it);
        PangoLayout *nl = mk(p, f, num, 0, PANGO_ALIGN_LEFT);
        double nbase = U(pango_layout_get_baseline(nl));
        show(p, nl, p->x1 - numw, base - nbase);
        g_object_unref(nl);
        double dx0 = x + U(r.x + r.width) + fs * 0.5, dx1 = p->x1 - numw - fs * 0.5;
        if (dx1 > dx0) {
            static const double dots[2] = { 0, 3.2 };
            cairo_save(p->cr);
            cairo_set_line_width(p->cr, 0.9);
            cairo_set_line_cap(p->cr, CAIRO_LINE_CAP_ROUND);
            cairo_set_dash(p->cr, dots, 2, 0);
            cairo_move_to(p->cr, dx0, base - 1);
            cairo_line_to(p->cr, dx1, base - 1);
            cairo_stroke(p->cr);
            cairo_restore(p->cr);
        }
        if (p->final && m->page > 0) cairo_tag_end(p->cr, CAIRO_TAG_LINK);
        p->y += h + (level <= 1 ? 12 : 7);
        g_object_unref(l);
    }
    if (jue_buf_err(&text) && !p->err) p->err = jue_buf_err(&text);
    jue_buf_free(&text);
}

/* ---- tables ------------------------------------------------------------ */

#define PAD_X 4.5
#define PAD_Y 1.5

/* The text a body cell prints; "" for none. */
static const char *cell_text(pdf *p, const jue_rd_layout *L, const jue_rd_cell *c)
{
    jue_buf *b = &p->text;
    jue_buf_reset(b);
    char num[48];
    switch (c->kind) {
    case JUE_RC_CODE:
        if (c->row >= 0) jue_buf_puts(b, L->t->rows[c->row].key);
        break;
    case JUE_RC_NAME:
        if (c->ordinal) {
            jue_rd_ordinal(c->ordinal, num, sizeof num);
            jue_buf_puts(b, num);
        }
        jue_buf_puts(b, jue_rd_cell_name(L, c));
        break;
    case JUE_RC_LINE:
        if (c->line_no > 0) jue_buf_printf(b, "%d", c->line_no);
        break;
    case JUE_RC_AMOUNT:
        jue_rd_amount(L->t, c, true, num, sizeof num);
        jue_buf_puts(b, num);
        break;
    case JUE_RC_BLANK:
    case JUE_RC_COVERED: break;
    }
    if (jue_buf_err(b) && !p->err) p->err = jue_buf_err(b);
    return jue_buf_str(b);
}

static double name_indent(const jue_rd_cell *c, double fs)
{
    return c->level >= 3 ? 2 * fs : c->level == 2 ? fs : 0;
}

static void set_table_font(pdf *p, double fs)
{
    if (p->tfont) pango_font_description_free(p->tfont);
    if (p->tfont_b) pango_font_description_free(p->tfont_b);
    p->tfont = font_new(fs, false);
    p->tfont_b = font_new(fs, true);
    p->tfs = fs;
}

/* What a layout is made of: its text in a font, wrapped at a width. */
typedef struct {
    const PangoFontDescription *f;
    const char *s;
    double width;
    PangoAlignment al;
} spec;

/* The layout that draws text k, and in *lead how far its line is moved:
 * a text that fits k's width on one line (as size_of measured it) is drawn
 * from the one-line layout measured for its natural width, where pango
 * would place that line in k's width, rather than shaped again there. */
static PangoLayout *spec_layout(pdf *p, const spec *k, int *lead)
{
    int wu = pango_units_from_double(k->width), lw = 0, lh;
    *lead = 0;
    PangoLayout *one = jue_pdf_sizes_layout(p->sizes, k->f, k->s, 0, (int)PANGO_ALIGN_LEFT, K_PLAIN);
    if (one) pango_layout_get_size(one, &lw, &lh);   /* the size kept with it */
    if (one && wu > 0 && lw <= wu && pango_layout_get_line_count(one) == 1) {
        PangoLayoutLine *line = pango_layout_get_line_readonly(one, 0);
        PangoRectangle r;
        pango_layout_line_get_extents(line, NULL, &r);
        if (pango_layout_line_get_resolved_direction(line) == PANGO_DIRECTION_LTR) {
            *lead = jue_pdf_line_lead((int)k->al, wu, r.width);
            return g_object_ref(one);
        }
    }
    return mk(p, k->f, k->s, k->width, k->al);
}

static double spec_h(pdf *p, const spec *k)
{
    double h;
    size_of(p, k->f, k->s, k->width, k->al, NULL, &h);
    return h;
}

/* A body cell's layout in its width; false when it prints nothing. */
static bool body_spec(pdf *p, const jue_rd_layout *L, const jue_rd_cell *c, double w, spec *k)
{
    if (c->kind == JUE_RC_BLANK || c->kind == JUE_RC_COVERED) return false;
    const char *s = cell_text(p, L, c);
    if (!*s) return false;
    PangoAlignment al = PANGO_ALIGN_LEFT;
    double inner = w - 2 * PAD_X;
    if (c->kind == JUE_RC_AMOUNT) al = PANGO_ALIGN_RIGHT;
    else if (c->kind == JUE_RC_LINE || (c->kind == JUE_RC_NAME && c->span > 1)) al = PANGO_ALIGN_CENTER;
    else if (c->kind == JUE_RC_NAME) inner -= name_indent(c, p->tfs);
    *k = (spec){ jue_rd_cell_total(L, c) ? p->tfont_b : p->tfont, s, inner > 4 ? inner : 4, al };
    return true;
}

/* A body cell as a layout in its width (spec_layout), or NULL when it
 * prints nothing. */
static PangoLayout *body_layout(pdf *p, const jue_rd_layout *L, const jue_rd_cell *c, double w, int *lead)
{
    spec k;
    return body_spec(p, L, c, w, &k) ? spec_layout(p, &k, lead) : NULL;
}

/* Natural (unwrapped) column widths and the least each may shrink to. */
static void natural_widths(pdf *p, const jue_rd_layout *L, double *nat, double *min)
{
    double fs = p->tfs;
    for (int c = 0; c < L->ncols; c++) {
        switch (L->colkind[c]) {
        case JUE_RK_CODE: min[c] = nat[c] = 3.5 * fs; break;
        case JUE_RK_LINE: min[c] = nat[c] = text_w(p, p->tfont, "行次") + 2 * PAD_X; break;
        case JUE_RK_AMOUNT: min[c] = nat[c] = 5.2 * fs + 2 * PAD_X; break;
        case JUE_RK_NAME: nat[c] = 6 * fs; min[c] = 6 * fs + 2 * PAD_X; break;
        }
    }
    for (size_t r = 0; r < L->nrows; r++)
        for (int c = 0; c < L->ncols; c++) {
            const jue_rd_cell *cell = jue_rd_at(L, r, c);
            if (cell->span != 1 || cell->kind == JUE_RC_BLANK || cell->kind == JUE_RC_COVERED) continue;
            const char *s = cell_text(p, L, cell);
            if (!*s) continue;
            double w = text_w(p, jue_rd_cell_total(L, cell) ? p->tfont_b : p->tfont, s) + 2 * PAD_X;
            if (cell->kind == JUE_RC_NAME) w += name_indent(cell, fs);
            if (w > nat[c]) nat[c] = w;
            /* codes and numbers never wrap */
            if (cell->kind != JUE_RC_NAME && w > min[c]) min[c] = w;
        }
}

/* Column widths that fill `avail`: names take most of the slack and give
 * way first (they wrap); when even that is not enough the font shrinks. */
static void column_widths(pdf *p, const jue_rd_layout *L, double avail, double fs_max, double *cw)
{
    size_t n = (size_t)L->ncols;
    double *nat = calloc(n, sizeof *nat), *min = calloc(n, sizeof *min);
    if (!nat || !min) {
        free(nat);
        free(min);
        for (size_t c = 0; c < n; c++) cw[c] = avail / (double)n;
        if (!p->err) p->err = JUE_ERR_NOMEM;
        return;
    }
    for (double fs = fs_max;; fs -= 0.5) {
        set_table_font(p, fs);
        natural_widths(p, L, nat, min);
        double sum_min = 0;
        for (size_t c = 0; c < n; c++) sum_min += min[c];
        if (sum_min <= avail || fs <= TABLE_FS_MIN) break;
    }
    double sum = 0, sum_min = 0, name_slack = 0;
    for (size_t c = 0; c < n; c++) {
        cw[c] = nat[c];
        sum += nat[c];
        sum_min += min[c];
        if (L->colkind[c] == JUE_RK_NAME) name_slack += nat[c] - min[c];
    }
    if (sum <= avail) {
        static const double WEIGHT[] = { [JUE_RK_CODE] = 0.4, [JUE_RK_NAME] = 1.5, [JUE_RK_LINE] = 0,
                                         [JUE_RK_AMOUNT] = 1 };
        double wsum = 0;
        for (size_t c = 0; c < n; c++) wsum += WEIGHT[L->colkind[c]];
        for (size_t c = 0; c < n; c++)
            cw[c] += wsum > 0 ? (avail - sum) * WEIGHT[L->colkind[c]] / wsum : (avail - sum) / (double)n;
    } else if (sum - name_slack <= avail) {
        /* names wrap: each gives up the same share of its slack */
        double k = (sum - avail) / name_slack;
        for (size_t c = 0; c < n; c++)
            if (L->colkind[c] == JUE_RK_NAME) cw[c] = nat[c] - (nat[c] - min[c]) * k;
    } else {
        /* at the smallest font and still too wide: squeeze everything */
        for (size_t c = 0; c < n; c++) cw[c] = min[c] * avail / sum_min;
    }
    free(nat);
    free(min);
}

typedef struct {
    const jue_rd_layout *L;
    double *cx;     /* ncols + 1 left edges */
    double *hrow;   /* head_rows heights */
    double *brow;   /* nrows heights */
    double head_h;
    double lead;    /* least body row height, in font sizes (0 = ROW_LEAD) */
} grid;

static double span_w(const grid *g, int c, int cs) { return g->cx[c + cs] - g->cx[c]; }

/* A cell's border, stroked with the page's other borders as its ruled
 * lines when the page ends (grid_stroke). Final pass only. */
static void cell_rect(pdf *p, double x, double y, double w, double h)
{
    if (!p->final) return;
    if (p->nrect == p->caprect) {
        size_t cap = p->caprect ? 2 * p->caprect : 256;
        double *r = realloc(p->rect, cap * 4 * sizeof *r);
        if (!r) {
            if (!p->err) p->err = JUE_ERR_NOMEM;
            return;
        }
        p->rect = r;
        p->caprect = cap;
    }
    double *r = p->rect + 4 * p->nrect++;
    r[0] = x, r[1] = y, r[2] = w, r[3] = h;
}

static void heights(pdf *p, grid *g)
{
    const jue_rd_layout *L = g->L;
    double fs = p->tfs;
    char num[64];
    for (int r = 0; r < L->head_rows; r++) g->hrow[r] = r == L->lanci_row ? fs * 1.7 : fs * 2.0;
    /* single-row heads first, then merged ones grow their last row */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < L->nheads; i++) {
            const jue_rd_head *h = &L->heads[i];
            if ((h->rs > 1) != (pass == 1) || h->r < 0 || h->r + h->rs > L->head_rows) continue;
            spec k = { p->tfont, jue_rd_head_lines(h, num, sizeof num), span_w(g, h->c, h->cs) - 2 * PAD_X,
                       PANGO_ALIGN_CENTER };
            double need = spec_h(p, &k) + 2 * PAD_Y, have = 0;
            for (int r = h->r; r < h->r + h->rs; r++) have += g->hrow[r];
            if (need > have) g->hrow[h->r + h->rs - 1] += need - have;
        }
    g->head_h = 0;
    for (int r = 0; r < L->head_rows; r++) g->head_h += g->hrow[r];
    for (size_t r = 0; r < L->nrows; r++) {
        double h = fs * (g->lead > 0 ? g->lead : ROW_LEAD);
        for (int c = 0; c < L->ncols; c++) {
            const jue_rd_cell *cell = jue_rd_at(L, r, c);
            spec k;
            if (!body_spec(p, L, cell, span_w(g, c, cell->span), &k)) continue;
            /* closed-up rows (FIT_LEAD) hold their text's line box without
             * padding: never less, or a reader of the PDF (ours too) sees
             * the lines of two rows run into each other */
            double need = spec_h(p, &k) + (g->lead == FIT_LEAD ? 0 : 2 * PAD_Y);
            if (need > h) h = need;
        }
        g->brow[r] = h;
    }
}

static void draw_header(pdf *p, const grid *g)
{
    const jue_rd_layout *L = g->L;
    char num[64];
    double y0 = p->y;
    for (size_t i = 0; i < L->nheads; i++) {
        const jue_rd_head *h = &L->heads[i];
        if (h->r < 0 || h->r + h->rs > L->head_rows) continue;
        double y = y0, hh = 0;
        for (int r = 0; r < h->r; r++) y += g->hrow[r];
        for (int r = h->r; r < h->r + h->rs; r++) hh += g->hrow[r];
        double x = g->cx[h->c], w = span_w(g, h->c, h->cs);
        cell_rect(p, x, y, w, hh);
        if (!p->final) continue;   /* text is drawn in the final pass only (show) */
        spec k = { p->tfont, jue_rd_head_lines(h, num, sizeof num), w - 2 * PAD_X, PANGO_ALIGN_CENTER };
        int lead;
        PangoLayout *l = spec_layout(p, &k, &lead);
        show_cell(p, l, lead, x + PAD_X, y + (hh - lay_h(l)) / 2);
        g_object_unref(l);
    }
    p->y += g->head_h;
}

static void draw_row(pdf *p, const grid *g, size_t r)
{
    const jue_rd_layout *L = g->L;
    double h = g->brow[r];
    for (int c = 0; c < L->ncols; c++) {
        const jue_rd_cell *cell = jue_rd_at(L, r, c);
        if (cell->kind == JUE_RC_COVERED) continue;
        int span = cell->span >= 1 && c + cell->span <= L->ncols ? cell->span : 1;
        double x = g->cx[c], w = span_w(g, c, span);
        cell_rect(p, x, p->y, w, h);
        if (!p->final) continue;   /* text is drawn in the final pass only (show) */
        int lead;
        PangoLayout *l = body_layout(p, L, cell, w, &lead);
        if (!l) continue;
        double ix = x + PAD_X + (cell->kind == JUE_RC_NAME && span == 1 ? name_indent(cell, p->tfs) : 0);
        show_cell(p, l, lead, ix, p->y + (h - lay_h(l)) / 2);
        g_object_unref(l);
    }
    p->y += h;
}

/* Label, title and the 编制单位 / 金额单位 line above a table (or 单位：万元
 * alone where the profile prints no 编制单位). */
static void table_caption(pdf *p, const jue_table *t)
{
    /* the label as the profile prints it (公开01表); a profile without one
     * (Shanghai) starts with the title */
    const char *label = jue_table_printed_label(t);
    PangoLayout *l;
    if (*label) {
        l = mk(p, p->font[F_SMALL], label, p->x1 - p->x0, PANGO_ALIGN_RIGHT);
        show(p, l, p->x0, p->y);
        p->y += lay_h(l) + 2;
        g_object_unref(l);
    }
    l = mk(p, p->font[F_TTITLE], t->title ? t->title : jue_table_title(t->id), p->x1 - p->x0, PANGO_ALIGN_CENTER);
    show(p, l, p->x0, p->y);
    p->y += lay_h(l) + 8;
    g_object_unref(l);
    if (t->no_preparer) {
        /* "单位：万元" alone, on the right (Shanghai) */
        l = mk(p, p->font[F_SMALL], "单位：万元", 0, PANGO_ALIGN_LEFT);
        show(p, l, p->x1 - lay_w(l), p->y);
        p->y += lay_h(l) + 3;
        g_object_unref(l);
        p->fresh = false;
        return;
    }
    const char *dept = p->doc->d && p->doc->d->department ? p->doc->d->department : "";
    jue_buf m;
    jue_buf_init(&m);
    jue_buf_puts(&m, "编制单位：");
    jue_buf_puts(&m, dept);
    l = mk(p, p->font[F_SMALL], jue_buf_str(&m), (p->x1 - p->x0) * 0.7, PANGO_ALIGN_LEFT);
    jue_buf_free(&m);
    show(p, l, p->x0, p->y);
    double h = lay_h(l);
    g_object_unref(l);
    l = mk(p, p->font[F_SMALL], "金额单位：万元", 0, PANGO_ALIGN_LEFT);
    show(p, l, p->x1 - lay_w(l), p->y);
    g_object_unref(l);
    p->y += h + 3;
    p->fresh = false;
}

/* The column widths and row heights of a table. A form printed on one
 * page (06, layout one_page) that would run over it by a little is set
 * closer — rows closed up to their text, then smaller type down to
 * FIT_FS_MIN — to fit the page, as a typesetter would; a longer one keeps
 * its size and goes on over the pages, as every other table does. */

static double grid_height(const grid *g)
{
    double h = g->head_h;
    for (size_t r = 0; r < g->L->nrows; r++) h += g->brow[r];
    return h;
}

static void set_grid(pdf *p, grid *g, double avail, double fs, double *cw)
{
    column_widths(p, g->L, avail, fs, cw);
    g->cx[0] = p->x0;
    for (int c = 0; c < g->L->ncols; c++) g->cx[c + 1] = g->cx[c] + cw[c];
    heights(p, g);
}

/* Whether the grid closed up (FIT_LEAD) at size fs fits in room; it is set
 * so either way. */
static bool fits_at(pdf *p, grid *g, double avail, double *cw, double room, double fs)
{
    g->lead = FIT_LEAD;
    set_grid(p, g, avail, fs, cw);
    return grid_height(g) <= room;
}

static void fit_table(pdf *p, grid *g, double avail, double *cw, double room)
{
    set_grid(p, g, avail, TABLE_FS_MAX, cw);
    double h = grid_height(g);
    if (!g->L->one_page || h <= room || h > room * FIT_SLACK) return;
    /* rows closed up to their text (FIT_LEAD), then the largest smaller
     * type that fits, in steps of half a point. The height shrinks with the
     * type, about in proportion: the search starts at the size the full
     * size's height predicts, then goes up while the next size still fits,
     * or down until one does, measuring two sizes or so instead of each. */
    if (fits_at(p, g, avail, cw, room, TABLE_FS_MAX)) return;
    int last = (int)((TABLE_FS_MAX - FIT_FS_MIN) * 2 + 0.5);
    int k = (int)ceil((TABLE_FS_MAX - TABLE_FS_MAX * room / grid_height(g)) * 2 - 1e-9);
    k = k < 1 ? 1 : k > last ? last : k;
    if (fits_at(p, g, avail, cw, room, TABLE_FS_MAX - 0.5 * k)) {
        while (k > 1 && fits_at(p, g, avail, cw, room, TABLE_FS_MAX - 0.5 * (k - 1))) k--;
        fits_at(p, g, avail, cw, room, TABLE_FS_MAX - 0.5 * k);   /* set at the size found again */
        return;
    }
    while (++k <= last)
        if (fits_at(p, g, avail, cw, room, TABLE_FS_MAX - 0.5 * k)) return;
    /* cannot be fitted: full size over the pages */
    g->lead = ROW_LEAD;
    set_grid(p, g, avail, TABLE_FS_MAX, cw);
}

static void table(pdf *p, size_t bi, const jue_table *t)
{
    jue_rd_layout L;
    jue_status st = jue_rd_layout_build(t, &L);
    if (st) {
        if (!p->err) p->err = st;
        return;
    }
    grid g = { .L = &L };
    size_t nc = (size_t)L.ncols;
    double *cw = calloc(nc ? nc : 1, sizeof *cw);
    g.cx = calloc(nc + 1, sizeof *g.cx);
    g.hrow = calloc(L.head_rows > 0 ? (size_t)L.head_rows : 1, sizeof *g.hrow);
    g.brow = calloc(L.nrows ? L.nrows : 1, sizeof *g.brow);
    if (!cw || !g.cx || !g.hrow || !g.brow) {
        if (!p->err) p->err = JUE_ERR_NOMEM;
        goto out;
    }
    double avail = L.landscape ? A4_LONG - 2 * L_MARGIN : A4_SHORT - 2 * P_SIDE;
    place(p, 0, true, L.landscape);
    record(p, bi, p->y);
    outline(p, 2, t->title ? t->title : jue_table_title(t->id), p->y);
    table_caption(p, t);
    fit_table(p, &g, avail, cw, p->ybot - p->y - (t->footnote || jue_rd_note(t) ? FIT_NOTE_ROOM : 0));
    draw_header(p, &g);
    for (size_t r = 0; r < L.nrows; r++) {
        if (p->y + g.brow[r] > p->ybot) {
            /* the table goes on: a new page of the same orientation, the
             * header rows again under a 续表 mark */
            page_begin(p, L.landscape);
            PangoLayout *l = mk(p, p->font[F_SMALL], "续表", p->x1 - p->x0, PANGO_ALIGN_RIGHT);
            show(p, l, p->x0, p->y);
            p->y += lay_h(l) + 3;
            g_object_unref(l);
            p->fresh = false;
            draw_header(p, &g);
        }
        draw_row(p, &g, r);
    }
    show_flush(p);   /* the rows' text, drawn in as few calls as their fonts allow */
    if (t->footnote && *t->footnote) {
        /* the profile's 注, before an empty table's 说明 */
        p->y += 4;
        PangoLayout *l = mk_kind(p, p->font[F_SMALL], t->footnote, p->x1 - p->x0, PANGO_ALIGN_LEFT, K_JUSTIFY);
        flow(p, l, p->x0);
        g_object_unref(l);
    }
    const char *note = jue_rd_note(t);
    if (note && *note) {
        jue_buf n;
        jue_buf_init(&n);
        /* a note that says what it is ("说明：…本表无数据") keeps its own word */
        if (strncmp(note, "注", 3) != 0 && strncmp(note, "说明", 6) != 0) jue_buf_puts(&n, "注：");
        jue_buf_puts(&n, note);
        p->y += 4;
        PangoLayout *l = mk_kind(p, p->font[F_SMALL], jue_buf_str(&n), p->x1 - p->x0, PANGO_ALIGN_LEFT, K_JUSTIFY);
        flow(p, l, p->x0);
        g_object_unref(l);
        jue_buf_free(&n);
    }
    /* each table has its page(s), as in the published forms */
    page_end(p);
out:
    free(cw);
    free(g.cx);
    free(g.hrow);
    free(g.brow);
    jue_rd_layout_free(&L);
}

/* ---- forms ------------------------------------------------------------ */

#define FORM_FS 8.5

/* A form cell's layout in its width; false when it prints nothing. */
static bool form_spec(pdf *p, const jue_form_cell *k, double w, spec *out)
{
    if (!k->text || !*k->text) return false;
    PangoAlignment al = k->flags & JUE_FC_NUM                         ? PANGO_ALIGN_RIGHT
                        : k->flags & (JUE_FC_HEAD | JUE_FC_CENTER) ? PANGO_ALIGN_CENTER
                                                                      : PANGO_ALIGN_LEFT;
    double inner = w - 2 * PAD_X;
    *out = (spec){ k->flags & JUE_FC_BOLD ? p->tfont_b : p->tfont, k->text, inner > 4 ? inner : 4, al };
    return true;
}

/* A form cell as a layout in its width (spec_layout), or NULL when it
 * prints nothing. */
static PangoLayout *form_layout(pdf *p, const jue_form_cell *k, double w, int *lead)
{
    spec s;
    return form_spec(p, k, w, &s) ? spec_layout(p, &s, lead) : NULL;
}

/* Column edges of a form across the text width: its relative widths, but
 * never narrower than a figure in it (figures do not wrap); the room they
 * need comes from the columns of text. */
static void form_columns(pdf *p, const jue_form *f, double avail, double *cx)
{
    int n = f->ncols, total = 0;
    double *cw = calloc((size_t)n, sizeof *cw), *mn = calloc((size_t)n, sizeof *mn);
    if (!cw || !mn) {
        if (!p->err) p->err = JUE_ERR_NOMEM;
        for (int c = 0; c <= n; c++) cx[c] = p->x0 + avail * c / n;
        free(cw);
        free(mn);
        return;
    }
    for (int c = 0; c < n; c++) total += f->widths[c] > 0 ? f->widths[c] : 1;
    for (int c = 0; c < n; c++) cw[c] = avail * (f->widths[c] > 0 ? f->widths[c] : 1) / total;
    for (int r = 0; r < f->nrows; r++)
        for (int c = 0; c < n; c++) {
            const jue_form_cell *k = jue_form_at(f, r, c);
            if (k->cs != 1 || !(k->flags & JUE_FC_NUM) || !k->text) continue;
            double w = text_w(p, k->flags & JUE_FC_BOLD ? p->tfont_b : p->tfont, k->text) + 2 * PAD_X;
            if (w > mn[c]) mn[c] = w;
        }
    double deficit = 0, slack = 0;
    for (int c = 0; c < n; c++) {
        if (mn[c] > cw[c]) deficit += mn[c] - cw[c], cw[c] = mn[c];
        else slack += cw[c] - mn[c];
    }
    for (int c = 0; c < n && deficit > 0 && slack > 0; c++)
        if (cw[c] > mn[c]) cw[c] -= (cw[c] - mn[c]) * fmin(1, deficit / slack);
    cx[0] = p->x0;
    for (int c = 0; c < n; c++) cx[c + 1] = cx[c] + cw[c];
    free(cw);
    free(mn);
}

/* Draws the part of the cell at (orow, ocol) that lies in rows r0..r1 (one
 * page's share of it), with its text. */
static void form_cell(pdf *p, const jue_form *f, const double *cx, const double *rh, const double *ry, int orow,
                      int ocol, int r0, int r1)
{
    const jue_form_cell *k = jue_form_at(f, orow, ocol);
    int cs = k->cs > 0 ? k->cs : 1;
    double x = cx[ocol], w = cx[ocol + cs] - x, y = ry[r0], h = ry[r1] + rh[r1] - y;
    if (k->flags & JUE_FC_HEAD) {
        show_flush(p);   /* the text before it is drawn first */
        cairo_save(p->cr);
        cairo_set_source_rgb(p->cr, 0.95, 0.95, 0.95);
        cairo_rectangle(p->cr, x, y, w, h);
        cairo_fill(p->cr);
        cairo_restore(p->cr);
    }
    cell_rect(p, x, y, w, h);
    /* a cell continued on a new page says again what it is */
    int lead;
    PangoLayout *l = p->final ? form_layout(p, k, w, &lead) : NULL;   /* text in the final pass only (show) */
    if (!l) return;
    double lh = lay_h(l);
    show_cell(p, l, lead, x + PAD_X, lh + 2 * PAD_Y > h ? y + PAD_Y : y + (h - lh) / 2);
    g_object_unref(l);
}

/* The geometry of a form on a portrait page: column edges from P_SIDE and
 * row heights (one-row cells first, then a merged cell grows its last
 * row). Sets the form font. */
static void form_geom(pdf *p, const jue_form *f, double *cx, double *rh)
{
    int R = f->nrows, C = f->ncols;
    set_table_font(p, FORM_FS);
    double x0 = p->x0;
    p->x0 = P_SIDE;
    form_columns(p, f, A4_SHORT - 2 * P_SIDE, cx);
    p->x0 = x0;
    for (int r = 0; r < R; r++) rh[r] = FORM_FS * 2.0;
    for (int pass = 0; pass < 2; pass++)
        for (int r = 0; r < R; r++)
            for (int c = 0; c < C; c++) {
                const jue_form_cell *k = jue_form_at(f, r, c);
                if (!k->rs || (k->rs > 1) != (pass == 1)) continue;
                spec sp;
                if (!form_spec(p, k, cx[c + k->cs] - cx[c], &sp)) continue;
                double need = spec_h(p, &sp) + 2 * PAD_Y + 2, have = 0;
                for (int j = r; j < r + k->rs; j++) have += rh[j];
                if (need > have) rh[r + k->rs - 1] += need - have;
            }
}

/* Height of the title and subtitle of a form. */
static double form_top(pdf *p, const jue_form *f)
{
    double avail = A4_SHORT - 2 * P_SIDE, h = 0;
    if (f->title) {
        PangoLayout *l = mk(p, p->font[F_TTITLE], f->title, avail, PANGO_ALIGN_CENTER);
        h += lay_h(l) + 4;
        g_object_unref(l);
    }
    if (f->subtitle) {
        PangoLayout *l = mk(p, p->font[F_SMALL], f->subtitle, avail, PANGO_ALIGN_CENTER);
        h += lay_h(l) + 6;
        g_object_unref(l);
    }
    return h;
}

/* The room a form wants where it starts: all of it when it fits on a page
 * (it is not split then), else its title and first rows. */
static double form_need(pdf *p, const jue_form *f)
{
    double *cx = calloc((size_t)f->ncols + 1, sizeof *cx), *rh = calloc((size_t)f->nrows, sizeof *rh);
    double need = 0;
    if (cx && rh) {
        form_geom(p, f, cx, rh);
        double top = form_top(p, f), all = top;
        for (int r = 0; r < f->nrows; r++) all += rh[r];
        need = all <= A4_LONG - P_TOP - P_BOTTOM ? all : top + rh[0] + (f->nrows > 1 ? rh[1] : 0);
        set_table_font(p, TABLE_FS_MAX);
    }
    free(cx);
    free(rh);
    return need;
}

static void form(pdf *p, size_t bi, const jue_form *f)
{
    int R = f->nrows, C = f->ncols;
    double *cx = calloc((size_t)C + 1, sizeof *cx), *rh = calloc((size_t)R, sizeof *rh);
    double *ry = calloc((size_t)R, sizeof *ry);
    int *pg = calloc((size_t)R, sizeof *pg);
    if (!cx || !rh || !ry || !pg) {
        if (!p->err) p->err = JUE_ERR_NOMEM;
        goto out;
    }
    double avail = A4_SHORT - 2 * P_SIDE;
    form_geom(p, f, cx, rh);
    /* title and subtitle */
    PangoLayout *tl = f->title ? mk(p, p->font[F_TTITLE], f->title, avail, PANGO_ALIGN_CENTER) : NULL;
    PangoLayout *sl = f->subtitle ? mk(p, p->font[F_SMALL], f->subtitle, avail, PANGO_ALIGN_CENTER) : NULL;
    double head = 0;
    for (int r = 0; r < f->head_rows && r < R; r++) head += rh[r];
    /* a form that fits on a page is not split: it starts a new page when
     * the rest of this one is too short; a longer one keeps its title with
     * its first rows */
    double need = form_need(p, f);
    set_table_font(p, FORM_FS);
    if (p->landscape && p->open) page_begin(p, false);
    place(p, need, false, false);
    if (p->landscape) page_begin(p, false);
    record(p, bi, p->y);
    if (tl) show(p, tl, p->x0, p->y), p->y += lay_h(tl) + 4;
    if (sl) show(p, sl, p->x0, p->y), p->y += lay_h(sl) + 6;
    if (tl) g_object_unref(tl);
    if (sl) g_object_unref(sl);
    /* pages of the rows: a row that does not fit goes on the next page,
     * under a 续表 mark and the header rows again */
    PangoLayout *cont = mk(p, p->font[F_SMALL], "续表", avail, PANGO_ALIGN_RIGHT);
    double cont_h = lay_h(cont) + 3;
    double y = p->y;
    for (int r = 0, page = 0; r < R; r++) {
        if (y + rh[r] > p->ybot && r > 0 && r >= f->head_rows && y > p->ytop + cont_h + head + 0.5) {
            page++;
            y = p->ytop + cont_h + head;
        }
        pg[r] = page;
        ry[r] = y;
        y += rh[r];
    }
    for (int c = 0; c <= C; c++) cx[c] += p->x0 - P_SIDE;
    for (int r = 0; r < R && !p->err; r++) {
        if (r > 0 && pg[r] != pg[r - 1]) {
            page_begin(p, false);
            show(p, cont, p->x0, p->y);
            p->fresh = false;
            /* the header rows again, as one page's share of their cells */
            double hy = p->y + cont_h;
            double *hry = calloc((size_t)(f->head_rows > 0 ? f->head_rows : 1), sizeof *hry);
            if (!hry) {
                if (!p->err) p->err = JUE_ERR_NOMEM;
                break;
            }
            for (int h = 0; h < f->head_rows; h++) hry[h] = hy, hy += rh[h];
            for (int h = 0; h < f->head_rows; h++)
                for (int c = 0; c < C; c++) {
                    const jue_form_cell *k = jue_form_at(f, h, c);
                    if (!k->rs) continue;
                    int last = h + k->rs - 1 < f->head_rows ? h + k->rs - 1 : f->head_rows - 1;
                    form_cell(p, f, cx, rh, hry, h, c, h, last);
                }
            free(hry);
        }
        /* every cell whose share on this page starts at row r */
        int first = r;
        while (first > 0 && pg[first - 1] == pg[r]) first--;
        for (int c = 0; c < C; c++) {
            const jue_form_cell *k = jue_form_at(f, r, c);
            if (k->ocol != c) continue;
            const jue_form_cell *o = jue_form_at(f, k->orow, k->ocol);
            int start = k->orow > first ? k->orow : first;
            if (start != r) continue;
            int end = k->orow + (o->rs > 0 ? o->rs : 1) - 1;
            while (end > r && pg[end] != pg[r]) end--;
            form_cell(p, f, cx, rh, ry, k->orow, c, r, end);
        }
        p->y = ry[r] + rh[r];
    }
    show_flush(p);
    g_object_unref(cont);
    p->fresh = false;
    if (f->note && *f->note) {
        p->y += 4;
        PangoLayout *l = mk(p, p->font[F_SMALL], f->note, avail, PANGO_ALIGN_LEFT);
        flow(p, l, p->x0);
        g_object_unref(l);
    }
    p->y += 10;
    set_table_font(p, TABLE_FS_MAX);
out:
    free(cx);
    free(rh);
    free(ry);
    free(pg);
}

/* ---- charts ------------------------------------------------------------ */

static void colour(pdf *p, size_t i)
{
    cairo_set_source_rgb(p->cr, PALETTE[i % 6][0], PALETTE[i % 6][1], PALETTE[i % 6][2]);
}

static void label_at(pdf *p, int f, const char *s, double x, double y, double anchor)
{
    PangoLayout *l = mk(p, p->font[f], s, 0, PANGO_ALIGN_LEFT);
    show(p, l, x - lay_w(l) * anchor, y);
    g_object_unref(l);
}

#define BARS_H 230.0
#define DONUT_H 215.0

static void chart_title(pdf *p, const jue_chart *c)
{
    PangoLayout *l = mk(p, p->font[F_CHARTB], c->title ? c->title : "", p->x1 - p->x0, PANGO_ALIGN_CENTER);
    show(p, l, p->x0, p->y);
    p->y += lay_h(l) + 8;
    g_object_unref(l);
}

static void bars(pdf *p, const jue_chart *c)
{
    double top = p->y;
    chart_title(p, c);
    size_t ng = c->ngroups, ns = c->nseries;
    jue_fen max = 0;
    for (size_t i = 0; i < ng * ns; i++)
        if (c->values[i] > max) max = c->values[i];
    double width = fmin(p->x1 - p->x0, 400), left = p->x0 + (p->x1 - p->x0 - width) / 2;
    double plot_top = p->y + 14, axis = top + BARS_H - 50, plot_h = axis - plot_top;
    double gw = width / (double)(ng ? ng : 1), bw = gw * 0.6 / (double)(ns ? ns : 1);
    char t[48];
    for (size_t g = 0; g < ng; g++) {
        double gx = left + gw * (double)g + gw * 0.2;
        for (size_t s = 0; s < ns; s++) {
            jue_fen v = c->values[g * ns + s];
            /* coordinates only: the label prints the amount itself */
            double h = max > 0 && v > 0 ? plot_h * ((double)v / (double)max) : 0;
            double x = gx + bw * (double)s;
            colour(p, s);
            cairo_rectangle(p->cr, x + 2, axis - h, bw - 4, h);
            cairo_fill(p->cr);
            cairo_set_source_rgb(p->cr, 0, 0, 0);
            jue_fmt_wan(v, true, t, sizeof t);
            label_at(p, F_CHART, t, x + bw / 2, axis - h - 13, 0.5);
        }
        label_at(p, F_CHART, c->group_labels[g] ? c->group_labels[g] : "", gx + bw * (double)ns / 2, axis + 4, 0.5);
    }
    cairo_set_line_width(p->cr, 0.8);
    cairo_move_to(p->cr, left, axis);
    cairo_line_to(p->cr, left + width, axis);
    cairo_stroke(p->cr);
    /* the legend, one row under the group labels */
    double lx = 0;
    for (size_t s = 0; s < ns; s++) lx += 16 + text_w(p, p->font[F_CHART], c->series_labels[s] ? c->series_labels[s] : "") + 18;
    lx = left + (width - lx) / 2;
    double ly = axis + 26;
    for (size_t s = 0; s < ns; s++) {
        const char *name = c->series_labels[s] ? c->series_labels[s] : "";
        colour(p, s);
        cairo_rectangle(p->cr, lx, ly + 2, 10, 10);
        cairo_fill(p->cr);
        cairo_set_source_rgb(p->cr, 0, 0, 0);
        label_at(p, F_CHART, name, lx + 14, ly, 0);
        lx += 16 + text_w(p, p->font[F_CHART], name) + 18;
    }
    p->y = top + BARS_H;
}

static void donut(pdf *p, const jue_chart *c)
{
    double top = p->y;
    chart_title(p, c);
    size_t n = c->ngroups;
    jue_fen total = 0;
    bool ok = true;
    for (size_t g = 0; g < n; g++) {
        if (c->values[g] < 0 || !jue_fen_add(total, c->values[g], &total)) ok = false;
    }
    int64_t *bp = calloc(n ? n : 1, sizeof *bp);
    if (!bp) {
        if (!p->err) p->err = JUE_ERR_NOMEM;
        p->y = top + DONUT_H;
        return;
    }
    if (ok && total > 0) jue_shares_ppb(c->values, n, total, bp);   /* add to 100.00% */
    double R = 78, r = 44, cx = p->x0 + (p->x1 - p->x0) * 0.28, cy = p->y + R + 6;
    double a = -G_PI / 2;
    char t[64], pc[32];
    for (size_t g = 0; g < n && ok && total > 0; g++) {
        /* angles are coordinates; the printed share is the rounded bp */
        double a2 = a + 2 * G_PI * ((double)c->values[g] / (double)total);
        colour(p, g);
        cairo_new_path(p->cr);
        cairo_arc(p->cr, cx, cy, R, a, a2);
        cairo_arc_negative(p->cr, cx, cy, r, a2, a);
        cairo_close_path(p->cr);
        cairo_fill_preserve(p->cr);
        cairo_set_source_rgb(p->cr, 1, 1, 1);
        cairo_set_line_width(p->cr, 1);
        cairo_stroke(p->cr);
        if (bp[g] >= 6 * JUE_PPB_ONE / 100) {
            /* the share on the ring where there is room for it */
            double mid = (a + a2) / 2, rr = (R + r) / 2;
            jue_fmt_percent(bp[g], 2, pc, sizeof pc);
            PangoLayout *l = mk(p, p->font[F_CHART], pc, 0, PANGO_ALIGN_LEFT);
            show(p, l, cx + rr * cos(mid) - lay_w(l) / 2, cy + rr * sin(mid) - lay_h(l) / 2);
            g_object_unref(l);
        }
        a = a2;
    }
    cairo_set_source_rgb(p->cr, 0, 0, 0);
    jue_fmt_wan(total, true, t, sizeof t);
    label_at(p, F_CHART, "合计（万元）", cx, cy - 12, 0.5);
    label_at(p, F_CHART, t, cx, cy + 1, 0.5);
    /* legend: name, amount and share */
    double lx = cx + R + 40, ly = cy - (double)n * 10;
    for (size_t g = 0; g < n; g++) {
        colour(p, g);
        cairo_rectangle(p->cr, lx, ly + 3, 10, 10);
        cairo_fill(p->cr);
        cairo_set_source_rgb(p->cr, 0, 0, 0);
        jue_fmt_wan(c->values[g], true, t, sizeof t);
        jue_fmt_percent(bp[g], 2, pc, sizeof pc);
        label_at(p, F_CHART, c->group_labels[g] ? c->group_labels[g] : "", lx + 14, ly, 0);
        label_at(p, F_CHART, t, lx + 170, ly, 1);
        label_at(p, F_CHART, pc, lx + 222, ly, 1);
        ly += 20;
    }
    free(bp);
    p->y = top + DONUT_H;
}

static void chart(pdf *p, const jue_chart *c)
{
    if (!c || !c->values || (c->ngroups && !c->group_labels) || (c->nseries && !c->series_labels)) return;
    place(p, c->kind == JUE_CHART_BARS ? BARS_H : DONUT_H, false, false);
    p->y += 6;
    cairo_save(p->cr);
    if (c->kind == JUE_CHART_BARS) bars(p, c);
    else donut(p, c);
    cairo_restore(p->cr);
    p->y += 6;
    p->fresh = false;
}

/* ---- the passes -------------------------------------------------------- */

static cairo_status_t sink_write(void *closure, const unsigned char *data, unsigned int len)
{
    sink *s = closure;
    if (!s->f) return CAIRO_STATUS_SUCCESS;
    if (fwrite(data, 1, len, s->f) != len) {
        s->failed = true;
        return CAIRO_STATUS_WRITE_ERROR;
    }
    return CAIRO_STATUS_SUCCESS;
}

static void block(pdf *p, size_t i)
{
    const jue_block *b = &p->doc->blocks[i];
    switch (b->kind) {
    case JUE_BLK_COVER: cover(p, b); break;
    case JUE_BLK_TOC: toc(p); break;
    case JUE_BLK_HEADING:
        if (p->npending == sizeof p->pending / sizeof p->pending[0]) place(p, 0, false, false);
        p->pending[p->npending++] = i;
        break;
    case JUE_BLK_PARA: {
        PangoLayout *l = para_layout(p, p->font[F_BODY], b->text, A4_SHORT - 2 * P_SIDE);
        /* keep a heading with at least two lines of its paragraph, and a
         * paragraph that introduces a form (a 综述 before its 自评表) with
         * the form */
        double two = 2.9 * fsize(p->font[F_BODY]);
        const jue_block *nx = i + 1 < p->doc->n ? &p->doc->blocks[i + 1] : NULL;
        double with = nx && nx->kind == JUE_BLK_FORM && nx->form ? form_need(p, nx->form) : 0;
        double page_h = A4_LONG - P_TOP - P_BOTTOM;
        /* the headings waiting, as they would stand at the top of a page */
        double pend = pending_height(p);
        if (!p->fresh && p->npending) pend -= h_before(p->doc->blocks[p->pending[0]].level);
        if (with && lay_h(l) + 0.45 * fsize(p->font[F_BODY]) + with + pend <= page_h)
            place(p, lay_h(l) + 0.45 * fsize(p->font[F_BODY]) + with, false, false);
        else
            place(p, fmin(lay_h(l), two), false, false);
        if (p->landscape) page_begin(p, false);
        flow(p, l, p->x0);
        p->y += 0.45 * fsize(p->font[F_BODY]);
        g_object_unref(l);
        break;
    }
    case JUE_BLK_TABLE:
        if (p->doc->d && b->table < JUE_NTABLES && p->doc->d->tables[b->table])
            table(p, i, p->doc->d->tables[b->table]);
        break;
    case JUE_BLK_CHART: chart(p, b->chart); break;
    case JUE_BLK_FORM:
        if (b->form) form(p, i, b->form);
        break;
    case JUE_BLK_PAGEBREAK:
        if (p->npending) place(p, 0, false, false);
        if (p->open && !p->fresh) page_end(p);
        break;
    }
}

static void metadata(pdf *p)
{
    const jue_disclosure *d = p->doc->d;
    if (p->doc->title) cairo_pdf_surface_set_metadata(p->surf, CAIRO_PDF_METADATA_TITLE, clean(p, p->doc->title));
    if (d && d->department)
        cairo_pdf_surface_set_metadata(p->surf, CAIRO_PDF_METADATA_AUTHOR, clean(p, d->department));
    cairo_pdf_surface_set_metadata(p->surf, CAIRO_PDF_METADATA_CREATOR, "juesuan");
    /* a fixed date (1 January after the reporting year) so the same data
     * always gives the same bytes */
    char date[32];
    int year = d && d->year > 1900 && d->year < 9998 ? d->year + 1 : 2000;
    snprintf(date, sizeof date, "%04d-01-01T00:00:00Z", year);
    cairo_pdf_surface_set_metadata(p->surf, CAIRO_PDF_METADATA_CREATE_DATE, date);
    cairo_pdf_surface_set_metadata(p->surf, CAIRO_PDF_METADATA_MOD_DATE, date);
}

/* The one pango context of both passes (its layouts are kept across them):
 * made on the first pass's PDF surface, so it takes a PDF surface's font
 * options, and with unhinted metrics, so positions are exact. Its font
 * map (pango's default for the thread, which only this writer uses) gets
 * the same 72 dpi: pango measures each font's metrics (a line's height) in
 * a context of the font map's own, and at the default 96 dpi each of our
 * fonts was looked up again there as another size — a fontconfig sort and
 * a font loaded more per font (half of the first render's sorts). Our
 * sizes are absolute, so the fonts, the metrics and the layouts are the
 * same. */
static PangoContext *context_new(cairo_t *cr)
{
    PangoContext *pc = pango_cairo_create_context(cr);
    pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(pango_context_get_font_map(pc)), 72);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(pc, fo);
    cairo_font_options_destroy(fo);
    pango_cairo_context_set_resolution(pc, 72);
    pango_context_set_language(pc, pango_language_from_string("zh-cn"));
    return pc;
}

static jue_status run(const jue_document *doc, FILE *f, mark *marks, jue_pdf_sizes *sizes, jue_pdf_faces *faces,
                      PangoContext **pc, bool final)
{
    pdf P;
    memset(&P, 0, sizeof P);
    pdf *p = &P;
    p->doc = doc;
    p->final = final;
    p->marks = marks;
    p->sizes = sizes;
    p->faces = faces;
    jue_buf_init(&p->clean);
    jue_buf_init(&p->text);
    sink s = { f, false };
    p->surf = cairo_pdf_surface_create_for_stream(sink_write, &s, A4_SHORT, A4_LONG);
    p->cr = cairo_create(p->surf);
    if (cairo_surface_status(p->surf) || cairo_status(p->cr)) {
        cairo_destroy(p->cr);
        cairo_surface_destroy(p->surf);
        return JUE_ERR_NOMEM;
    }
    metadata(p);
    if (!*pc) *pc = context_new(p->cr);
    p->pc = *pc;
    if (!final) {
        /* the measuring pass draws nothing: everything is clipped away, so
         * cairo records no paths and writes no page contents */
        cairo_rectangle(p->cr, 0, 0, 0, 0);
        cairo_clip(p->cr);
    }
    for (int i = 0; i < F_COUNT; i++) p->font[i] = font_new(FONTS[i].size, FONTS[i].bold);
    set_table_font(p, TABLE_FS_MAX);
    cairo_set_source_rgb(p->cr, 0, 0, 0);

    for (size_t i = 0; i < doc->n && !p->err; i++) block(p, i);
    if (p->npending) place(p, 0, false, false);
    if (!p->page) page_begin(p, false);   /* a PDF has at least one page */
    if (p->open) {
        p->fresh = false;
        page_end(p);
    }

    for (int i = 0; i < F_COUNT; i++) pango_font_description_free(p->font[i]);
    pango_font_description_free(p->tfont);
    pango_font_description_free(p->tfont_b);
    cairo_status_t cs = cairo_status(p->cr);
    cairo_destroy(p->cr);
    cairo_surface_finish(p->surf);
    if (!cs) cs = cairo_surface_status(p->surf);
    cairo_surface_destroy(p->surf);
    jue_buf_free(&p->clean);
    jue_buf_free(&p->text);
    free(p->rect);
    if (p->err) return p->err;
    if (s.failed || cs == CAIRO_STATUS_WRITE_ERROR) return JUE_ERR_IO;
    if (cs == CAIRO_STATUS_NO_MEMORY) return JUE_ERR_NOMEM;
    return cs ? JUE_ERR_IO : JUE_OK;
}

jue_status jue_pdfm_render(const jue_document *doc, const char *path)
{
    if (!doc || !path) return JUE_ERR_INVALID;
    mark *marks = calloc(doc->n ? doc->n : 1, sizeof *marks);
    if (!marks) return JUE_ERR_NOMEM;
    /* open first: an unwritable path fails before any work */
    FILE *f = fopen(path, "wb");
    if (!f) {
        free(marks);
        return JUE_ERR_IO;
    }
    jue_pdf_sizes *sizes = jue_pdf_sizes_new();   /* NULL: every layout made anew */
    jue_pdf_faces *faces = jue_pdf_faces_new();   /* NULL: pango draws everything */
    PangoContext *pc = NULL;
    jue_status st = run(doc, NULL, marks, sizes, faces, &pc, false);
    jue_pdf_faces_make(faces);
    if (st == JUE_OK) st = run(doc, f, marks, sizes, faces, &pc, true);
    jue_pdf_faces_free(faces);
    jue_pdf_sizes_free(sizes);
    if (pc) g_object_unref(pc);
    if (fclose(f) != 0 && st == JUE_OK) st = JUE_ERR_IO;
    if (st != JUE_OK) remove(path);
    free(marks);
    return st;
}
