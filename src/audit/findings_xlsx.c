/* Findings as an XLSX workbook (the web app's download). */
#include <juesuan/audit.h>
#include <juesuan/model.h>

#include <xlsxwriter.h>

#include "office/office.h"

static void text(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s)
{
    if (s && *s) worksheet_write_string(ws, r, c, s, NULL);
}

jue_status jue_officem_findings_xlsx(const jue_findings *f, const char *path)
{
    static const char *const HEAD[] = { "文件", "页", "行", "严重程度", "规则", "表", "行（项目）", "栏", "审核意见", "应为", "实为" };
    static const double WIDTH[] = { 28, 5, 6, 8, 22, 10, 24, 16, 70, 14, 14 };
    lxw_workbook *wb = workbook_new(path);
    if (!wb) return JUE_ERR_IO;
    lxw_worksheet *ws = workbook_add_worksheet(wb, "审核意见");
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    for (lxw_col_t c = 0; c < sizeof HEAD / sizeof HEAD[0]; c++) {
        worksheet_write_string(ws, 0, c, HEAD[c], bold);
        worksheet_set_column(ws, c, c, WIDTH[c], NULL);
    }
    worksheet_freeze_panes(ws, 1, 0);
    for (size_t i = 0; i < f->len; i++) {
        const jue_finding *x = &f->items[i];
        lxw_row_t r = (lxw_row_t)(i + 1);
        text(ws, r, 0, x->file);
        if (x->page > 0) worksheet_write_number(ws, r, 1, x->page, NULL);
        else if (x->line > 0) worksheet_write_number(ws, r, 2, x->line, NULL);
        text(ws, r, 3, jue_severity_zh(x->severity));
        text(ws, r, 4, x->rule);
        if (x->table >= 0 && x->table < JUE_NTABLES) text(ws, r, 5, jue_table_label((jue_table_id)x->table));
        text(ws, r, 6, x->row), text(ws, r, 7, x->column), text(ws, r, 8, x->message);
        text(ws, r, 9, x->expected), text(ws, r, 10, x->actual);
    }
    if (f->len) worksheet_autofilter(ws, 0, 0, (lxw_row_t)f->len, 10);
    return workbook_close(wb) == LXW_NO_ERROR ? JUE_OK : JUE_ERR_IO;
}
