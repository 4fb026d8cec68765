/* One plain sheet as an XLSX workbook (juesuan/sheet.h), in the office
 * module with libxlsxwriter. */
#include <stdio.h>
#include <xlsxwriter.h>

#include "office/office.h"

static void cell(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const jue_sheet_cell *x, lxw_format *f)
{
    if (x->text && x->link) {
        char url[1100];   /* a link to the file beside the workbook, its text shown */
        snprintf(url, sizeof url, "external:%s", x->link);
        worksheet_write_url_opt(ws, r, c, url, f, x->text, NULL);
    } else if (x->text) {
        worksheet_write_string(ws, r, c, x->text, f);
    } else if (x->is_number) {
        worksheet_write_number(ws, r, c, (double)x->number, f);
    }
}

jue_status jue_officem_sheet_xlsx(const jue_sheet *s, const char *path)
{
    if (!s || !s->nrows || !s->ncols) return JUE_ERR_IO;
    lxw_workbook *wb = workbook_new(path);
    if (!wb) return JUE_ERR_IO;
    lxw_worksheet *ws = workbook_add_worksheet(wb, s->name);
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    format_set_text_wrap(bold);
    for (size_t r = 0; r < s->nrows; r++)
        for (size_t c = 0; c < s->ncols; c++)
            cell(ws, (lxw_row_t)r, (lxw_col_t)c, &s->cells[r * s->ncols + c], r ? NULL : bold);
    for (size_t c = 0; s->widths && c < s->ncols; c++)
        if (s->widths[c] > 0) worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, s->widths[c], NULL);
    worksheet_freeze_panes(ws, 1, (lxw_col_t)s->freeze_cols);
    worksheet_set_paper(ws, 9);
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_repeat_rows(ws, 0, 0);
    worksheet_autofilter(ws, 0, 0, (lxw_row_t)(s->nrows - 1), (lxw_col_t)(s->ncols - 1));
    return workbook_close(wb) == LXW_NO_ERROR ? JUE_OK : JUE_ERR_IO;
}
