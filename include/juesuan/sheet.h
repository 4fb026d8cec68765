/* juesuan/sheet.h — one plain sheet (a header row, then rows of text,
 * whole numbers and links) as an XLSX workbook, for a program's own
 * overviews (`juesuan report`'s overview.xlsx). */
#ifndef JUESUAN_SHEET_H
#define JUESUAN_SHEET_H

#include <juesuan/common.h>

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    const char *text;   /* the cell's text; NULL: the number below, or empty */
    const char *link;   /* with text: a link to this file beside the workbook */
    int64_t number;
    bool is_number;
} jue_sheet_cell;

typedef struct {
    const char *name;              /* the sheet's name */
    const jue_sheet_cell *cells;   /* nrows x ncols, row by row; row 0 is the header (bold, wrapped) */
    size_t nrows, ncols;
    const double *widths;          /* ncols widths in characters, 0 the default; NULL: all default */
    int freeze_cols;               /* columns kept in view with the header row */
} jue_sheet;

/* Writes s to path: the header row repeated on each printed page, A4
 * across, one page wide, an autofilter over all rows. JUE_ERR_IO when the
 * workbook cannot be written (or its module cannot be loaded). */
jue_status jue_sheet_xlsx(const jue_sheet *s, const char *path);

#endif
