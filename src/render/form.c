/* Generic forms (form.h): the grid with merges, and its HTML renderer (the
 * XLSX one is form_xlsx.c, in the office module). The PDF and Word renderers
 * of the complete document draw the same grid (document_pdf.c,
 * document_docx.c). */
#include <juesuan/form.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_internal.h"

#define MAX_DIM 10000

jue_form *jue_form_new(int nrows, int ncols)
{
    if (nrows < 1 || ncols < 1 || nrows > MAX_DIM || ncols > MAX_DIM) return NULL;
    jue_form *f = calloc(1, sizeof *f);
    if (!f) return NULL;
    f->nrows = nrows;
    f->ncols = ncols;
    f->cells = calloc((size_t)nrows * (size_t)ncols, sizeof *f->cells);
    f->widths = calloc((size_t)ncols, sizeof *f->widths);
    if (!f->cells || !f->widths) {
        jue_form_free(f);
        return NULL;
    }
    for (int c = 0; c < ncols; c++) f->widths[c] = 1;
    for (int r = 0; r < nrows; r++)
        for (int c = 0; c < ncols; c++) {
            jue_form_cell *x = &f->cells[(size_t)r * (size_t)ncols + (size_t)c];
            x->rs = x->cs = 1;
            x->orow = r, x->ocol = c;
        }
    return f;
}

void jue_form_free(jue_form *f)
{
    if (!f) return;
    if (f->cells)
        for (size_t i = 0; i < (size_t)f->nrows * (size_t)f->ncols; i++) {
            free(f->cells[i].text);
            free(f->cells[i].tip);
        }
    free(f->cells);
    free(f->widths);
    free(f->title);
    free(f->subtitle);
    free(f->anchor);
    free(f->note);
    free(f);
}

const jue_form_cell *jue_form_at(const jue_form *f, int r, int c)
{
    if (!f || r < 0 || c < 0 || r >= f->nrows || c >= f->ncols) return NULL;
    return &f->cells[(size_t)r * (size_t)f->ncols + (size_t)c];
}

static jue_form_cell *slot(jue_form *f, int r, int c) { return (jue_form_cell *)jue_form_at(f, r, c); }

jue_status jue_form_set(jue_form *f, int r, int c, int rs, int cs, unsigned flags, const char *text)
{
    if (!f || rs < 1 || cs < 1 || r < 0 || c < 0 || r + rs > f->nrows || c + cs > f->ncols) return JUE_ERR_INVALID;
    for (int i = r; i < r + rs; i++)
        for (int j = c; j < c + cs; j++) {
            const jue_form_cell *x = slot(f, i, j);
            /* only plain 1×1 slots may be taken: no overlap with a merge */
            if (x->rs != 1 || x->cs != 1 || x->orow != i || x->ocol != j) return JUE_ERR_INVALID;
        }
    char *t = jue_strdup(text ? text : "");
    if (!t) return JUE_ERR_NOMEM;
    for (int i = r; i < r + rs; i++)
        for (int j = c; j < c + cs; j++) {
            jue_form_cell *x = slot(f, i, j);
            free(x->text);
            x->text = NULL;
            x->rs = x->cs = 0;
            x->orow = r, x->ocol = c;
        }
    jue_form_cell *o = slot(f, r, c);
    o->text = t;
    o->rs = rs, o->cs = cs;
    o->flags = flags;
    return JUE_OK;
}

jue_status jue_form_tip(jue_form *f, int r, int c, const char *tip)
{
    jue_form_cell *x = slot(f, r, c);
    if (!x) return JUE_ERR_INVALID;
    return jue_form_text(&x->tip, tip);
}

jue_status jue_form_text(char **field, const char *text)
{
    char *t = NULL;
    if (text && !(t = jue_strdup(text))) return JUE_ERR_NOMEM;
    free(*field);
    *field = t;
    return JUE_OK;
}

/* ---- HTML ------------------------------------------------------------- */

static const char FORM_CSS[] =
    ".pform{max-width:820px;margin:0 auto 40px}\n"
    ".pform .ftitle{font-family:\"Noto Serif CJK SC\",\"SimSun\",serif;font-weight:700;font-size:18px;"
    "text-align:center;margin:24px 0 2px}\n"
    ".pform .fsub{text-align:center;font-size:13px;margin:0 0 8px}\n"
    ".pform table{border-collapse:collapse;width:100%;font-size:12px}\n"
    ".pform th,.pform td{border:1px solid #000;padding:3px 5px;vertical-align:middle}\n"
    ".pform th{font-weight:400;text-align:center;background:#f2f2f2}\n"
    ".pform td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}\n"
    ".pform td.c{text-align:center}\n"
    ".pform .b{font-weight:700}\n"
    ".pform td[title]{cursor:help}\n"
    ".pform .fnote{font-size:12px;margin:6px 0 0}\n"
    "@media print{.pform{max-width:none;break-inside:avoid-page}.pform th{background:none}}\n";

const char *jue_form_html_css(void) { return FORM_CSS; }

jue_status jue_form_html(const jue_form *f, jue_buf *b)
{
    jue_buf_puts(b, "<div class=\"pform\"");
    if (f->anchor) {
        jue_buf_puts(b, " id=\"");
        jue_rd_html_esc(b, f->anchor);
        jue_buf_putc(b, '"');
    }
    jue_buf_puts(b, ">\n");
    if (f->title) {
        jue_buf_puts(b, "<p class=\"ftitle\">");
        jue_rd_html_esc(b, f->title);
        jue_buf_puts(b, "</p>\n");
    }
    if (f->subtitle) {
        jue_buf_puts(b, "<p class=\"fsub\">");
        jue_rd_html_esc(b, f->subtitle);
        jue_buf_puts(b, "</p>\n");
    }
    int total = 0;
    for (int c = 0; c < f->ncols; c++) total += f->widths[c] > 0 ? f->widths[c] : 1;
    jue_buf_puts(b, "<table>\n<colgroup>");
    for (int c = 0; c < f->ncols; c++) {
        /* whole per-mille: the widths are integers, no floating point */
        int w = f->widths[c] > 0 ? f->widths[c] : 1;
        int pm = total > 0 ? (int)((long long)w * 1000 / total) : 0;
        jue_buf_printf(b, "<col style=\"width:%d.%d%%\">", pm / 10, pm % 10);
    }
    jue_buf_puts(b, "</colgroup>\n");
    for (int r = 0; r < f->nrows; r++) {
        jue_buf_puts(b, "<tr>");
        for (int c = 0; c < f->ncols; c++) {
            const jue_form_cell *x = jue_form_at(f, r, c);
            if (!x->rs) continue;
            bool head = x->flags & JUE_FC_HEAD;
            jue_buf_puts(b, head ? "<th" : "<td");
            if (x->rs > 1) jue_buf_printf(b, " rowspan=\"%d\"", x->rs);
            if (x->cs > 1) jue_buf_printf(b, " colspan=\"%d\"", x->cs);
            const char *cls = x->flags & JUE_FC_NUM ? "num" : (x->flags & JUE_FC_CENTER) && !head ? "c" : NULL;
            bool bold = x->flags & JUE_FC_BOLD;
            if (cls || bold) jue_buf_printf(b, " class=\"%s%s%s\"", cls ? cls : "", cls && bold ? " " : "", bold ? "b" : "");
            if (x->tip) {
                jue_buf_puts(b, " title=\"");
                jue_rd_html_esc(b, x->tip);
                jue_buf_putc(b, '"');
            }
            jue_buf_putc(b, '>');
            jue_rd_html_esc(b, x->text);
            jue_buf_puts(b, head ? "</th>" : "</td>");
        }
        jue_buf_puts(b, "</tr>\n");
    }
    jue_buf_puts(b, "</table>\n");
    if (f->note) {
        jue_buf_puts(b, "<p class=\"fnote\">");
        jue_rd_html_esc(b, f->note);
        jue_buf_puts(b, "</p>\n");
    }
    jue_buf_puts(b, "</div>\n");
    return jue_buf_err(b);
}
