/* A PDF's page as a PNG with boxes drawn on it (poppler renders the page
 * through cairo), and where a figure stands on a page (poppler's text with
 * the box of each character). Doubles here are coordinates only. */
#include <juesuan/view.h>

#include "pdf/pdf.h"
#include "core/encoding.h"

#include <cairo.h>
#include <poppler.h>

#include <math.h>
#include <string.h>

/* The document and the page (1-based) from memory, or NULL with *np the
 * page count (0 when it is no PDF). data must outlive the page. */
static PopplerPage *open_page(const char *data, size_t len, int page, PopplerDocument **pd, int *np)
{
    *pd = NULL;
    *np = 0;
    /* the header, within the first KiB (a PDF may have a little junk before it) */
    size_t at = 0, lim = len < 1024 ? len : 1024;
    while (at + 5 <= lim && memcmp(data + at, "%PDF-", 5) != 0) at++;
    if (at + 5 > lim) return NULL;
    GBytes *bytes = g_bytes_new_static(data, len);
    *pd = poppler_document_new_from_bytes(bytes, NULL, NULL);
    g_bytes_unref(bytes);
    if (!*pd) return NULL;
    *np = poppler_document_get_n_pages(*pd);
    if (page < 1 || page > *np) return NULL;
    return poppler_document_get_page(*pd, page - 1);
}

static void close_page(PopplerDocument *pd, PopplerPage *p)
{
    if (p) g_object_unref(p);
    if (pd) g_object_unref(pd);
}

static cairo_status_t png_write(void *closure, const unsigned char *data, unsigned int n)
{
    jue_buf *b = closure;
    if (b->len + n > JUE_PAGE_MAX_PNG) return CAIRO_STATUS_WRITE_ERROR;
    jue_buf_putn(b, (const char *)data, n);
    return jue_buf_err(b) ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

/* The scale within 0.25..6 that keeps w x h points under the pixel limit. */
static double fit_scale(double scale, double w, double h)
{
    if (!(scale >= 0.25)) scale = 0.25;   /* NaN too */
    if (scale > 6) scale = 6;
    double px = w * h * scale * scale;
    if (px > JUE_PAGE_MAX_PIXELS) scale = sqrt(JUE_PAGE_MAX_PIXELS / ((w + 1) * (h + 1)));   /* room for ceil */
    return scale;
}

/* Frames each box (PDF points, y up) on a page h points high, a little
 * outside the text so the figure stays readable, over a pale wash. */
static void draw_boxes(cairo_t *cr, double h, const jue_box *boxes, size_t n, double scale)
{
    static const unsigned char rgb[3] = { JUE_BOX_RGB };
    double pad = 1.5, lw = fmax(2.0 / scale, 1.2);
    for (size_t i = 0; i < n; i++) {
        const jue_box *b = &boxes[i];
        if (!(b->x1 > b->x0 && b->y1 > b->y0)) continue;
        double x = b->x0 - pad, y = h - b->y1 - pad, w = b->x1 - b->x0 + 2 * pad, bh = b->y1 - b->y0 + 2 * pad;
        cairo_rectangle(cr, x, y, w, bh);
        cairo_set_source_rgba(cr, rgb[0] / 255.0, rgb[1] / 255.0, rgb[2] / 255.0, 0.12);
        cairo_fill(cr);
        cairo_rectangle(cr, x - lw / 2, y - lw / 2, w + lw, bh + lw);
        cairo_set_source_rgb(cr, rgb[0] / 255.0, rgb[1] / 255.0, rgb[2] / 255.0);
        cairo_set_line_width(cr, lw);
        cairo_stroke(cr);
    }
}

jue_status jue_pdfm_page_png(const char *data, size_t len, int page, double scale, const jue_box *boxes, size_t nboxes,
                        jue_buf *png, jue_page_info *info, jue_diags *diags)
{
    PopplerDocument *pd;
    int np;
    PopplerPage *p = open_page(data, len, page, &pd, &np);
    if (!p) {
        if (!pd) jue_diag_add(diags, JUE_SEV_ERROR, NULL, 0, 0, "PDF无法读取（文件已损坏？）");
        else jue_diag_add(diags, JUE_SEV_ERROR, NULL, 0, 0, "PDF共%d页，没有第%d页", np, page);
        close_page(pd, p);
        return JUE_ERR_INVALID;
    }
    double w, h;
    poppler_page_get_size(p, &w, &h);
    if (!(w >= 1 && h >= 1 && w <= 14400 && h <= 14400)) {   /* PDF's own limit: 200 inches */
        jue_diag_add(diags, JUE_SEV_ERROR, NULL, 0, 0, "第%d页的页面尺寸不合理（%.0f×%.0f点）", page, w, h);
        close_page(pd, p);
        return JUE_ERR_INVALID;
    }
    scale = fit_scale(scale, w, h);
    int pw = (int)ceil(w * scale), ph = (int)ceil(h * scale);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pw, ph);
    jue_status st = cairo_surface_status(s) == CAIRO_STATUS_SUCCESS ? JUE_OK : JUE_ERR_NOMEM;
    if (!st) {
        cairo_t *cr = cairo_create(s);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
        cairo_scale(cr, scale, scale);
        poppler_page_render(p, cr);
        draw_boxes(cr, h, boxes, nboxes, scale);
        if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) st = JUE_ERR_NOMEM;
        cairo_destroy(cr);
        size_t before = png->len;
        if (!st && cairo_surface_write_to_png_stream(s, png_write, png) != CAIRO_STATUS_SUCCESS)
            st = jue_buf_err(png) ? jue_buf_err(png) : JUE_ERR_LIMIT;
        if (st == JUE_ERR_LIMIT) {
            png->len = before;
            jue_diag_add(diags, JUE_SEV_ERROR, NULL, 0, 0, "第%d页的图片超过%u字节的上限", page, JUE_PAGE_MAX_PNG);
        }
    }
    cairo_surface_destroy(s);
    close_page(pd, p);
    if (info && !st) *info = (jue_page_info){ .width = pw, .height = ph, .pages = np, .scale = scale };
    return st;
}

/* ---- finding a figure on a page ---------------------------------------- */

/* A page's text without its spaces: the bytes, and for each byte the index
 * of its character in poppler's text (whose layout has one box per
 * character). */
typedef struct {
    jue_buf t;
    unsigned *ci;
    size_t n;
} squeezed;

static bool is_space(const unsigned char *s, size_t k)
{
    if (k == 1) return s[0] == ' ' || s[0] == '\n' || s[0] == '\t' || s[0] == '\r';
    return (k == 3 && !memcmp(s, "\xE3\x80\x80", 3)) || (k == 2 && !memcmp(s, "\xC2\xA0", 2));
}

static bool squeeze(const char *text, squeezed *q)
{
    size_t n = strlen(text);
    jue_buf_init(&q->t);
    q->n = 0;
    q->ci = malloc((n + 1) * sizeof *q->ci);
    if (!q->ci) return false;
    unsigned ch = 0;
    for (size_t i = 0; i < n; ch++) {
        const unsigned char *u = (const unsigned char *)text + i;
        size_t k = jue_utf8_seq(u, n - i);
        if (!k) k = 1;
        if (!is_space(u, k)) {
            jue_buf_putn(&q->t, text + i, k);
            for (size_t j = 0; j < k; j++) q->ci[q->n++] = ch;
        }
        i += k;
    }
    return !jue_buf_err(&q->t);
}

static bool digitish(char c) { return (c >= '0' && c <= '9') || c == '.' || c == ','; }

/* Appends the boxes of characters a..b (inclusive) of the layout, one box
 * per line (a new line where a character's top is below the last's bottom). */
static size_t boxes_of(const PopplerRectangle *r, guint nr, unsigned a, unsigned b, double h, jue_box *out,
                       size_t max)
{
    size_t n = 0;
    jue_box cur = { 0 };
    bool open = false;
    for (unsigned i = a; i <= b && i < nr; i++) {
        const PopplerRectangle *c = &r[i];
        if (c->x2 <= c->x1 || c->y2 <= c->y1) continue;   /* a line break has no extent */
        jue_box g = { (float)c->x1, (float)(h - c->y2), (float)c->x2, (float)(h - c->y1) };
        if (open && (g.y1 < cur.y0 || g.y0 > cur.y1)) {
            if (n < max) out[n++] = cur;
            open = false;
        }
        if (!open) { cur = g; open = true; continue; }
        cur.x0 = fminf(cur.x0, g.x0), cur.y0 = fminf(cur.y0, g.y0);
        cur.x1 = fmaxf(cur.x1, g.x1), cur.y1 = fmaxf(cur.y1, g.y1);
    }
    if (open && n < max) out[n++] = cur;
    return n;
}

size_t jue_pdfm_page_find(const char *data, size_t len, int page, const char *needle, jue_box *out, size_t max)
{
    squeezed nd, pg = { 0 };
    if (!needle || !squeeze(needle, &nd) || !nd.t.len) {
        jue_buf_free(&nd.t);
        free(nd.ci);
        return 0;
    }
    PopplerDocument *pd;
    int np;
    PopplerPage *p = open_page(data, len, page, &pd, &np);
    size_t n = 0;
    PopplerRectangle *r = NULL;
    guint nr = 0;
    char *text = p ? poppler_page_get_text(p) : NULL;
    if (text && poppler_page_get_text_layout(p, &r, &nr) && squeeze(text, &pg)) {
        double w, h;
        poppler_page_get_size(p, &w, &h);
        const char *t = jue_buf_str(&pg.t), *nt = jue_buf_str(&nd.t);
        bool lead = digitish(nt[0]), trail = digitish(nt[nd.t.len - 1]);
        for (const char *m = t; n < max && (m = strstr(m, nt)) != NULL; m++) {
            size_t at = (size_t)(m - t), end = at + nd.t.len;
            if ((lead && at && digitish(t[at - 1])) || (trail && end < pg.t.len && digitish(t[end]))) continue;
            n += boxes_of(r, nr, pg.ci[at], pg.ci[end - 1], h, out + n, max - n);
        }
    }
    g_free(r);
    g_free(text);
    jue_buf_free(&pg.t);
    free(pg.ci);
    jue_buf_free(&nd.t);
    free(nd.ci);
    close_page(pd, p);
    return n;
}

size_t jue_pdfm_finding_boxes(const char *data, size_t len, const jue_finding *f, jue_box *out, size_t max)
{
    if (!max || f->page <= 0) return 0;
    if (f->box[2] > f->box[0] && f->box[3] > f->box[1]) {
        out[0] = (jue_box){ f->box[0], f->box[1], f->box[2], f->box[3] };
        return 1;
    }
    return f->actual ? jue_pdfm_page_find(data, len, f->page, f->actual, out, max) : 0;
}
