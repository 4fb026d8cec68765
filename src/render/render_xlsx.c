/* XLSX: one sheet per table ("公开01表"), drawn from the shared grid layout
 * with libxlsxwriter: title, label, 编制单位/金额单位 line, merged header,
 * body, note; A4 print setup fitted to the page width. Every libxlsxwriter
 * status is checked; any failure is JUE_ERR_IO and no file is left behind. */
#include "render_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

#include "office/office.h"

#define FIRST_HEAD_ROW 3  /* title, label, 编制单位 line come first */

typedef struct {
    lxw_workbook *wb;
    lxw_format *title, *label, *meta_l, *meta_r, *head, *lanci, *blank, *note;
    lxw_format *code[2], *name[2][3], *span[2], *line[2], *amount[2];   /* [bold] */
    jue_buf s;   /* scratch for sanitised strings */
} xctx;

#define CHK(expr)                                        \
    do {                                                 \
        if ((expr) != LXW_NO_ERROR) return JUE_ERR_IO;   \
    } while (0)

const char *jue_rd_xlsx_text(jue_buf *scratch, const char *s)
{
    jue_buf_reset(scratch);
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t n = strlen((const char *)p), i = 0;
    while (i < n) {
        if (p[i] < 0x80) {
            jue_buf_putc(scratch, (p[i] < 0x20 && p[i] != '\n') || p[i] == 0x7F ? ' ' : (char)p[i]);
            i++;
            continue;
        }
        size_t k = jue_rd_utf8_len(p + i, n - i);
        if (k == 0) {
            jue_buf_puts(scratch, "\xEF\xBF\xBD");
            i++;
        } else {
            jue_buf_putn(scratch, (const char *)p + i, k);
            i += k;
        }
    }
    return jue_buf_str(scratch);
}

static const char *clean(xctx *x, const char *s) { return jue_rd_xlsx_text(&x->s, s); }

static lxw_format *fmt(xctx *x, bool border, bool bold, uint8_t align, bool failed[static 1])
{
    lxw_format *f = workbook_add_format(x->wb);
    if (!f) {
        *failed = true;
        return NULL;
    }
    format_set_font_name(f, "宋体");
    format_set_font_size(f, 10);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    if (align) format_set_align(f, align);
    if (border) format_set_border(f, LXW_BORDER_THIN);
    if (bold) format_set_bold(f);
    return f;
}

static jue_status make_formats(xctx *x)
{
    bool failed = false;
    x->title = fmt(x, false, true, LXW_ALIGN_CENTER, &failed);
    x->label = fmt(x, false, false, LXW_ALIGN_RIGHT, &failed);
    x->meta_l = fmt(x, false, false, LXW_ALIGN_LEFT, &failed);
    x->meta_r = fmt(x, false, false, LXW_ALIGN_RIGHT, &failed);
    x->head = fmt(x, true, true, LXW_ALIGN_CENTER, &failed);
    x->lanci = fmt(x, true, false, LXW_ALIGN_CENTER, &failed);
    x->blank = fmt(x, true, false, 0, &failed);
    x->note = fmt(x, false, false, LXW_ALIGN_LEFT, &failed);
    for (int b = 0; b < 2; b++) {
        x->code[b] = fmt(x, true, b, LXW_ALIGN_LEFT, &failed);
        x->span[b] = fmt(x, true, b, LXW_ALIGN_CENTER, &failed);
        x->line[b] = fmt(x, true, b, LXW_ALIGN_CENTER, &failed);
        x->amount[b] = fmt(x, true, b, LXW_ALIGN_RIGHT, &failed);
        for (int i = 0; i < 3; i++) {
            x->name[b][i] = fmt(x, true, b, LXW_ALIGN_LEFT, &failed);
            if (x->name[b][i]) {
                format_set_indent(x->name[b][i], (uint8_t)i);
                format_set_text_wrap(x->name[b][i]);
            }
        }
        if (!failed) {
            format_set_num_format(x->code[b], "@");
            format_set_num_format(x->amount[b], "#,##0.00");
            format_set_text_wrap(x->span[b]);
        }
    }
    if (failed) return JUE_ERR_IO;
    format_set_font_size(x->title, 16);
    format_set_font_name(x->title, "宋体");
    format_set_text_wrap(x->head);
    format_set_bg_color(x->head, 0xF0F0F0);
    format_set_text_wrap(x->note);
    format_set_align(x->note, LXW_ALIGN_VERTICAL_TOP);
    return JUE_OK;
}

/* Writes text over a range, merged when it is more than one cell. */
static jue_status put_range(xctx *x, lxw_worksheet *ws, int r1, int c1, int r2, int c2,
                            const char *text, lxw_format *f)
{
    const char *s = clean(x, text);
    if (jue_buf_err(&x->s)) return jue_buf_err(&x->s);
    if (r1 == r2 && c1 == c2)
        CHK(worksheet_write_string(ws, (lxw_row_t)r1, (lxw_col_t)c1, s, f));
    else
        CHK(worksheet_merge_range(ws, (lxw_row_t)r1, (lxw_col_t)c1, (lxw_row_t)r2, (lxw_col_t)c2,
                                  s, f));
    return JUE_OK;
}

static double col_width(const jue_rd_layout *l, int c)
{
    bool panes = jue_rd_has_sides(l->t->id);
    switch (l->colkind[c]) {
    /* Code columns are as wide as their header (功能分类科目编码, bold). */
    case JUE_RK_CODE: return 17;
    case JUE_RK_NAME: return panes ? 30 : 40;
    case JUE_RK_LINE: return 6;
    case JUE_RK_AMOUNT: return l->t->id == JUE_T09 ? 14 : 15;
    }
    return 12;
}

/* Display width in character cells: CJK characters take two. */
static size_t text_width(const char *s)
{
    size_t w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x80) w++;
        else if ((*p & 0xC0) == 0xC0) w += 2;
    }
    return w;
}

static jue_status put_body_cell(xctx *x, lxw_worksheet *ws, const jue_rd_layout *l,
                                const jue_rd_cell *c, int r, int col)
{
    const jue_table *t = l->t;
    int b = jue_rd_cell_total(l, c) ? 1 : 0;
    lxw_row_t row = (lxw_row_t)r;
    lxw_col_t cc = (lxw_col_t)col;
    switch (c->kind) {
    case JUE_RC_COVERED: return JUE_OK;
    case JUE_RC_BLANK: CHK(worksheet_write_blank(ws, row, cc, x->blank)); return JUE_OK;
    case JUE_RC_CODE: return put_range(x, ws, r, col, r, col, t->rows[c->row].key, x->code[b]);
    case JUE_RC_LINE:
        if (c->line_no > 0) CHK(worksheet_write_number(ws, row, cc, c->line_no, x->line[b]));
        else CHK(worksheet_write_blank(ws, row, cc, x->line[b]));
        return JUE_OK;
    case JUE_RC_NAME: {
        jue_buf name;
        jue_buf_init(&name);
        char ord[16];
        if (c->ordinal) {
            jue_rd_ordinal(c->ordinal, ord, sizeof ord);
            jue_buf_puts(&name, ord);
        }
        jue_buf_puts(&name, jue_rd_cell_name(l, c));
        jue_status st = jue_buf_err(&name);
        if (!st) {
            int lv = c->level > 1 ? (c->level > 3 ? 2 : c->level - 1) : 0;
            lxw_format *f = c->span > 1 ? x->span[b] : x->name[b][lv];
            st = put_range(x, ws, r, col, r, col + c->span - 1, jue_buf_str(&name), f);
        }
        jue_buf_free(&name);
        return st;
    }
    case JUE_RC_AMOUNT: {
        const jue_cell *cell = jue_rd_fact(t, c);
        if (!cell) {
            CHK(worksheet_write_blank(ws, row, cc, x->amount[b]));
            return JUE_OK;
        }
        /* The one place a double appears: a spreadsheet number is a double.
         * The printed value is a whole number of 0.01 万元 (well below 2^53
         * 分), so printed / 1e6 is the double nearest that decimal and shows
         * exactly as printed under #,##0.00; sums are never taken from it. */
        double wan = (double)cell->printed / 1e6;
        CHK(worksheet_write_number(ws, row, cc, wan, x->amount[b]));
        return JUE_OK;
    }
    }
    return JUE_OK;
}

static jue_status put_sheet(xctx *x, const jue_disclosure *d, const jue_table *t)
{
    jue_rd_layout l;
    jue_status st = jue_rd_layout_build(t, &l);
    if (st) return st;
    /* the sheet is named by the label, or by the title where the profile
     * prints no label (titles are unique and short enough for a sheet) */
    const char *label = jue_table_printed_label(t);
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, *label ? label : t->title ? t->title : jue_table_title(t->id));
    if (!ws) st = JUE_ERR_IO;
    int last = l.ncols > 0 ? l.ncols - 1 : 0;
    double total_width = 0;
    for (int c = 0; c < l.ncols && !st; c++) {
        double w = col_width(&l, c);
        total_width += w;
        if (worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL) != LXW_NO_ERROR)
            st = JUE_ERR_IO;
    }
    if (st) goto out;

    /* Title, label (top right), 编制单位 (left) and 金额单位 (right). */
    if (worksheet_set_row(ws, 0, 30, NULL) != LXW_NO_ERROR) { st = JUE_ERR_IO; goto out; }
    st = put_range(x, ws, 0, 0, 0, last, t->title ? t->title : jue_table_title(t->id), x->title);
    if (!st && *label) st = put_range(x, ws, 1, last, 1, last, label, x->label);
    if (!st && t->no_preparer) {
        /* "单位：万元" alone, on the right (Shanghai) */
        st = put_range(x, ws, 2, 0, 2, last, "单位：万元", x->meta_r);
    } else if (!st) {
        jue_buf dept;
        jue_buf_init(&dept);
        jue_buf_puts(&dept, "编制单位：");
        jue_buf_puts(&dept, d->department ? d->department : "");
        st = jue_buf_err(&dept);
        if (!st)
            st = put_range(x, ws, 2, 0, 2, last > 0 ? last - 1 : 0, jue_buf_str(&dept), x->meta_l);
        jue_buf_free(&dept);
    }
    if (!st && last > 0 && !t->no_preparer) st = put_range(x, ws, 2, last, 2, last, "金额单位：万元", x->meta_r);
    if (st) goto out;

    /* Header: the layout's merged cells, shifted below the title lines. */
    for (int r = 0; r < l.head_rows; r++)
        if (worksheet_set_row(ws, (lxw_row_t)(FIRST_HEAD_ROW + r), r == l.lanci_row ? 16 : 30,
                              NULL) != LXW_NO_ERROR) {
            st = JUE_ERR_IO;
            goto out;
        }
    for (size_t h = 0; h < l.nheads && !st; h++) {
        const jue_rd_head *hd = &l.heads[h];
        int r1 = FIRST_HEAD_ROW + hd->r, c1 = hd->c;
        lxw_format *f = hd->r == l.lanci_row ? x->lanci : x->head;
        if (hd->text) {
            st = put_range(x, ws, r1, c1, r1 + hd->rs - 1, c1 + hd->cs - 1, hd->text, f);
        } else if (worksheet_write_number(ws, (lxw_row_t)r1, (lxw_col_t)c1, hd->num, f) !=
                   LXW_NO_ERROR) {
            st = JUE_ERR_IO;
        }
    }
    if (st) goto out;

    int body = FIRST_HEAD_ROW + l.head_rows;
    for (size_t r = 0; r < l.nrows && !st; r++) {
        /* A little air around CJK text, as the printed forms have. */
        if (worksheet_set_row(ws, (lxw_row_t)(body + (int)r), 18, NULL) != LXW_NO_ERROR)
            st = JUE_ERR_IO;
        for (int c = 0; c < l.ncols && !st; c++)
            st = put_body_cell(x, ws, &l, jue_rd_at(&l, r, c), body + (int)r, c);
    }
    if (st) goto out;

    /* the profile's 注, then the note (an empty table's 说明), a row each */
    const char *notes[2] = { t->footnote, jue_rd_note(t) };
    int nr = body + (int)l.nrows + 1;
    for (int k = 0; k < 2; k++) {
        const char *note = notes[k];
        if (!note) continue;
        /* Merged cells do not grow with wrapped text: size the row by hand. */
        size_t per_line = total_width > 4 ? (size_t)total_width - 2 : 1;
        size_t lines = text_width(note) / per_line + 1;
        for (const char *p = note; *p; p++) lines += *p == '\n';
        if (worksheet_set_row(ws, (lxw_row_t)nr, 15.0 * (double)lines, NULL) != LXW_NO_ERROR) {
            st = JUE_ERR_IO;
            goto out;
        }
        st = put_range(x, ws, nr, 0, nr, last, note, x->note);
        if (st) goto out;
        nr++;
    }

    /* Print setup: A4, the form's orientation, one page wide, the header
     * repeated on every page. */
    worksheet_set_paper(ws, 9);
    if (l.landscape) worksheet_set_landscape(ws);
    else worksheet_set_portrait(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_center_horizontally(ws);
    worksheet_set_margins(ws, 0.4, 0.4, 0.5, 0.5);
    if (worksheet_repeat_rows(ws, FIRST_HEAD_ROW, (lxw_row_t)(body - 1)) != LXW_NO_ERROR) {
        st = JUE_ERR_IO;
        goto out;
    }
    worksheet_freeze_panes(ws, (lxw_row_t)body, 0);

out:
    jue_rd_layout_free(&l);
    return st;
}

/* Seconds since the epoch of 1 January of year y, 00:00 UTC (civil-from-days
 * arithmetic, as timegm is not standard C). */
static time_t jan1_utc(int y)
{
    long long yy = (long long)y - 1;  /* Jan/Feb count with the previous year */
    long long era = (yy >= 0 ? yy : yy - 399) / 400;
    long long yoe = yy - era * 400;
    long long doy = 306;               /* 1 January, counted from 1 March */
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    long long days = era * 146097 + doe - 719468;
    return (time_t)(days * 86400);
}

lxw_workbook *jue_rd_xlsx_open(const char *path)
{
    FILE *probe = fopen(path, "wb");
    if (!probe) return NULL;
    fclose(probe);
    lxw_workbook *wb = workbook_new(path);
    if (!wb) remove(path);
    return wb;
}

jue_status jue_rd_xlsx_properties(lxw_workbook *wb, const char *title, const char *subject, const char *company,
                                  int year)
{
    char *t = jue_strdup(title ? title : ""), *su = jue_strdup(subject ? subject : ""),
         *co = jue_strdup(company ? company : "");
    char author[] = "juesuan";
    jue_status st = t && su && co ? JUE_OK : JUE_ERR_NOMEM;
    if (!st) {
        lxw_doc_properties props;
        memset(&props, 0, sizeof props);
        props.title = t;
        if (*su) props.subject = su;
        props.author = author;
        props.company = co;
        props.created = jan1_utc(year > 1900 && year < 9999 ? year + 1 : 2000);
        if (workbook_set_properties(wb, &props) != LXW_NO_ERROR) st = JUE_ERR_IO;
    }
    free(t);
    free(su);
    free(co);
    return st;
}

jue_status jue_rd_xlsx_close(lxw_workbook *wb, const char *path, jue_status st)
{
    if (!st) {
        /* workbook_close writes the file and frees the workbook */
        if (workbook_close(wb) != LXW_NO_ERROR) {
            remove(path);
            st = JUE_ERR_IO;
        }
    } else {
        /* frees without writing; the probe file goes too */
        lxw_workbook_free(wb);
        remove(path);
    }
    return st;
}

jue_status jue_officem_render_xlsx(const jue_disclosure *d, const char *path)
{
    xctx x;
    memset(&x, 0, sizeof x);
    x.wb = jue_rd_xlsx_open(path);
    if (!x.wb) return JUE_ERR_IO;
    jue_buf_init(&x.s);
    jue_status st = make_formats(&x);
    jue_buf title;
    jue_buf_init(&title);
    jue_rd_doc_title(d, &title);
    if (!st && title.err) st = JUE_ERR_NOMEM;
    if (!st) st = jue_rd_xlsx_properties(x.wb, jue_buf_str(&title), "部门决算公开", d->department, d->year);
    jue_buf_free(&title);
    jue_table_id order[JUE_NTABLES];   /* the profile's printed order */
    size_t n = jue_disclosure_order(d, order);
    for (size_t i = 0; i < n && !st; i++) st = put_sheet(&x, d, d->tables[order[i]]);
    st = jue_rd_xlsx_close(x.wb, path, st);
    jue_buf_free(&x.s);
    return st;
}
