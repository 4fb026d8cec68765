/* A form (绩效自评表) as an XLSX workbook (jue_form_xlsx), in the office
 * module with libxlsxwriter. */
#include <juesuan/form.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

#include "office/office.h"
#include "render_internal.h"

/* ---- XLSX ------------------------------------------------------------- */

#define NUM_DEC 7   /* decimals 0..6 a figure may be written with */

typedef struct {
    lxw_workbook *wb;
    lxw_format *title, *sub, *note, *cell[16];   /* cell formats by flags */
    lxw_format *num[16][2][NUM_DEC];             /* figures: flags, percent?, decimals (made when needed) */
    jue_buf s;
} fx;

#define CHK(expr)                                        \
    do {                                                 \
        if ((expr) != LXW_NO_ERROR) return JUE_ERR_IO;   \
    } while (0)

static const char *clean(fx *x, const char *s) { return jue_rd_xlsx_text(&x->s, s); }

static lxw_format *new_format(fx *x, bool *failed)
{
    lxw_format *f = workbook_add_format(x->wb);
    if (!f) {
        *failed = true;
        return NULL;
    }
    format_set_font_name(f, "宋体");
    format_set_font_size(f, 10);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(f);
    return f;
}

/* The format of a cell with flags k (jue_form_flag). */
static lxw_format *cell_format(fx *x, unsigned k, bool *failed)
{
    lxw_format *f = new_format(x, failed);
    if (!f) return NULL;
    format_set_border(f, LXW_BORDER_THIN);
    if (k & JUE_FC_HEAD) {
        format_set_align(f, LXW_ALIGN_CENTER);
        format_set_bg_color(f, 0xF2F2F2);
    }
    if (k & JUE_FC_NUM) format_set_align(f, LXW_ALIGN_RIGHT);
    if (k & JUE_FC_CENTER) format_set_align(f, LXW_ALIGN_CENTER);
    if (k & JUE_FC_BOLD) format_set_bold(f);
    return f;
}

static jue_status formats(fx *x)
{
    bool failed = false;
    x->title = new_format(x, &failed);
    x->sub = new_format(x, &failed);
    x->note = new_format(x, &failed);
    for (unsigned k = 0; k < 16; k++) x->cell[k] = cell_format(x, k, &failed);
    if (failed) return JUE_ERR_IO;
    format_set_font_size(x->title, 16);
    format_set_bold(x->title);
    format_set_align(x->title, LXW_ALIGN_CENTER);
    format_set_align(x->sub, LXW_ALIGN_CENTER);
    format_set_align(x->note, LXW_ALIGN_LEFT);
    return JUE_OK;
}

/* A figure as printed in a JUE_FC_NUM cell ("23,427.00", "-1.5", "99.77%")
 * as the number a spreadsheet holds (99.77% → 0.9977) with its decimals;
 * false for anything else ("—", "", text). */
static bool figure(const char *s, double *v, int *dec, bool *pct)
{
    size_t n = strlen(s);
    jue_amount a;
    jue_fen ppb;
    jue_interval iv;
    *pct = n > 0 && s[n - 1] == '%';
    if (*pct) {
        if (jue_percent_parse(s, n, &ppb, &iv, dec, NULL) != JUE_OK) return false;
        *v = (double)ppb / 1e9;
        *dec = *dec < NUM_DEC ? *dec : NUM_DEC - 1;
        return true;
    }
    if (jue_amount_parse(s, n, JUE_UNIT_WAN, &a, NULL) != JUE_OK || a.blank || a.unit_written) return false;
    /* the one place of a double: a spreadsheet number is one (分 of 万元 → 万) */
    *v = (double)a.value / 1e6;
    *dec = a.decimals < NUM_DEC ? a.decimals : NUM_DEC - 1;
    return true;
}

/* The format of a figure in a cell with flags k: #,##0.00 or 0.00%. */
static lxw_format *figure_format(fx *x, unsigned k, bool pct, int dec)
{
    lxw_format **slot = &x->num[k & 15][pct][dec];
    if (*slot) return *slot;
    bool failed = false;
    lxw_format *f = cell_format(x, k & 15, &failed);
    if (!f) return NULL;
    char code[32];
    snprintf(code, sizeof code, "%s%s%.*s%s", pct ? "0" : "#,##0", dec ? "." : "", dec, "000000", pct ? "%" : "");
    format_set_num_format(f, code);
    return *slot = f;
}

/* A one-slot figure cell written as a number; false when it is not one. */
static jue_status put_figure(fx *x, lxw_worksheet *ws, int r, int c, const jue_form_cell *k, bool *done)
{
    double v;
    int dec;
    bool pct;
    *done = false;
    if (!(k->flags & JUE_FC_NUM) || k->rs != 1 || k->cs != 1 || !figure(k->text, &v, &dec, &pct)) return JUE_OK;
    lxw_format *f = figure_format(x, k->flags, pct, dec);
    if (!f) return JUE_ERR_IO;
    CHK(worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, v, f));
    *done = true;
    return JUE_OK;
}

static jue_status put(fx *x, lxw_worksheet *ws, int r1, int c1, int r2, int c2, const char *text, lxw_format *f)
{
    const char *s = clean(x, text);
    if (jue_buf_err(&x->s)) return jue_buf_err(&x->s);
    if (r1 == r2 && c1 == c2) CHK(worksheet_write_string(ws, (lxw_row_t)r1, (lxw_col_t)c1, s, f));
    else CHK(worksheet_merge_range(ws, (lxw_row_t)r1, (lxw_col_t)c1, (lxw_row_t)r2, (lxw_col_t)c2, s, f));
    return JUE_OK;
}

/* Display width in character cells: CJK characters take two. */
static size_t text_width(const char *s)
{
    size_t w = 0;
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        if (*p < 0x80) w++;
        else if ((*p & 0xC0) == 0xC0) w += 2;
    }
    return w;
}

static jue_status sheet(fx *x, const jue_form *f, const char *name)
{
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
    if (!ws) return JUE_ERR_IO;
    /* about 100 character cells across an A4 portrait page */
    int total = 0;
    for (int c = 0; c < f->ncols; c++) total += f->widths[c] > 0 ? f->widths[c] : 1;
    double *cw = calloc((size_t)f->ncols, sizeof *cw);
    if (!cw) return JUE_ERR_NOMEM;
    for (int c = 0; c < f->ncols; c++) {
        cw[c] = 100.0 * (f->widths[c] > 0 ? f->widths[c] : 1) / (total > 0 ? total : 1);
        if (worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, cw[c], NULL) != LXW_NO_ERROR) {
            free(cw);
            return JUE_ERR_IO;
        }
    }
    int last = f->ncols - 1, row = 0;
    jue_status st = JUE_OK;
    if (f->title) {
        if (worksheet_set_row(ws, 0, 30, NULL) != LXW_NO_ERROR) st = JUE_ERR_IO;
        if (!st) st = put(x, ws, row, 0, row, last, f->title, x->title);
        row++;
    }
    if (!st && f->subtitle) st = put(x, ws, row, 0, row, last, f->subtitle, x->sub), row++;
    int body = row;
    /* Merged cells do not grow with wrapped text: each row gets the height
     * its tallest one-row cell needs, spread over the columns it covers. */
    for (int r = 0; r < f->nrows && !st; r++) {
        size_t lines = 1;
        for (int c = 0; c < f->ncols; c++) {
            const jue_form_cell *k = jue_form_at(f, r, c);
            if (k->rs != 1 || !k->text) continue;
            double w = 0;
            for (int j = c; j < c + k->cs; j++) w += cw[j];
            size_t per = w > 3 ? (size_t)w - 2 : 1, need = text_width(k->text) / per + 1;
            if (need > lines) lines = need;
        }
        if (worksheet_set_row(ws, (lxw_row_t)(body + r), 15.0 * (double)lines + 4, NULL) != LXW_NO_ERROR)
            st = JUE_ERR_IO;
        for (int c = 0; c < f->ncols && !st; c++) {
            const jue_form_cell *k = jue_form_at(f, r, c);
            bool done;
            if (!k->rs || (st = put_figure(x, ws, body + r, c, k, &done)) || done) continue;
            st = put(x, ws, body + r, c, body + r + k->rs - 1, c + k->cs - 1, k->text, x->cell[k->flags & 15]);
        }
    }
    if (!st && f->note) {
        int nr = body + f->nrows + 1;
        size_t lines = text_width(f->note) / 98 + 1;
        if (worksheet_set_row(ws, (lxw_row_t)nr, 15.0 * (double)lines, NULL) != LXW_NO_ERROR) st = JUE_ERR_IO;
        if (!st) st = put(x, ws, nr, 0, nr, last, f->note, x->note);
    }
    free(cw);
    if (st) return st;
    worksheet_set_paper(ws, 9);
    worksheet_set_portrait(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_center_horizontally(ws);
    worksheet_set_margins(ws, 0.4, 0.4, 0.5, 0.5);
    if (f->head_rows > 0 &&
        worksheet_repeat_rows(ws, (lxw_row_t)body, (lxw_row_t)(body + f->head_rows - 1)) != LXW_NO_ERROR)
        return JUE_ERR_IO;
    return JUE_OK;
}

/* jue_form_xlsx (form.h). */
jue_status jue_officem_form_xlsx(const jue_form *const *forms, const char *const *sheet_names, size_t n,
                                 const char *path, const char *title, const char *company, int year)
{
    fx x;
    memset(&x, 0, sizeof x);
    x.wb = jue_rd_xlsx_open(path);
    if (!x.wb) return JUE_ERR_IO;
    jue_buf_init(&x.s);
    jue_status st = formats(&x);
    if (!st) st = jue_rd_xlsx_properties(x.wb, title, NULL, company, year);
    for (size_t i = 0; i < n && !st; i++) {
        char name[32];
        if (sheet_names && sheet_names[i]) snprintf(name, sizeof name, "%s", sheet_names[i]);
        else snprintf(name, sizeof name, "表%zu", i + 1);
        st = sheet(&x, forms[i], name);
    }
    st = jue_rd_xlsx_close(x.wb, path, st);
    jue_buf_free(&x.s);
    return st;
}
