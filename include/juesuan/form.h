/* juesuan/form.h — a printed form that is not one of the nine national
 * tables: a grid of text cells where any cell may span rows and columns,
 * with a title and a subtitle above it and a note below. The 绩效自评表 are
 * forms (perf.h builds them); the complete document carries them as
 * JUE_BLK_FORM blocks, and every renderer draws the same grid: HTML here,
 * XLSX here, PDF and Word in the document renderers.
 *
 * Ownership: a form owns its strings. Cells are stored row-major; the slot
 * of every cell is rs × cs slots, the first holding the text, the others
 * covered (rs = cs = 0). */
#ifndef JUESUAN_FORM_H
#define JUESUAN_FORM_H

#include "common.h"

typedef enum {
    JUE_FC_HEAD = 1 << 0,     /* a label (printed shaded, centred) */
    JUE_FC_NUM = 1 << 1,      /* a figure: right-aligned, not wrapped */
    JUE_FC_CENTER = 1 << 2,   /* centred text */
    JUE_FC_BOLD = 1 << 3
} jue_form_flag;

typedef struct {
    char *text;       /* owned, "" when blank; NULL in covered slots */
    char *tip;        /* owned or NULL: how a computed figure was reached */
    int rs, cs;       /* spans (>= 1) of the cell starting here; 0 in a covered slot */
    int orow, ocol;   /* the slot of the cell covering this one (itself for an origin) */
    unsigned flags;   /* jue_form_flag */
} jue_form_cell;

typedef struct {
    char *title;          /* "青溪县医疗保障局医疗救助补助资金项目支出绩效自评表" */
    char *subtitle;       /* "（2024年度）", or NULL */
    char *anchor;         /* id for links ("perf-2"), or NULL */
    char *note;           /* printed under the form, or NULL */
    int nrows, ncols;
    int head_rows;        /* leading rows to repeat on a continuation page (0 = none) */
    int *widths;          /* ncols relative column widths (any positive scale) */
    jue_form_cell *cells; /* nrows × ncols */
} jue_form;

/* A form of nrows × ncols blank 1×1 cells, every width 1. NULL when out of
 * memory or a dimension is not in 1..10000. Free with jue_form_free. */
jue_form *jue_form_new(int nrows, int ncols);
void jue_form_free(jue_form *f);
/* The slot at (r, c); NULL outside the grid. */
const jue_form_cell *jue_form_at(const jue_form *f, int r, int c);
/* Puts text (copied; NULL = blank) in a cell of rs × cs slots from (r, c)
 * with flags. The slots must be inside the grid and not yet part of a
 * merged cell. Returns JUE_OK, JUE_ERR_INVALID (bad place) or NOMEM. */
jue_status jue_form_set(jue_form *f, int r, int c, int rs, int cs, unsigned flags, const char *text);
/* Attaches an explanation to the cell at (r, c) (copied). */
jue_status jue_form_tip(jue_form *f, int r, int c, const char *tip);
/* Sets a string field of the form (copied; NULL clears). */
jue_status jue_form_text(char **field, const char *text);

/* The form as HTML: <div class="pform" id=anchor> with the title, subtitle,
 * a <table> with rowspan/colspan (tips become title attributes) and the
 * note. Styles come from jue_form_html_css(), once per page. */
jue_status jue_form_html(const jue_form *f, jue_buf *out);
const char *jue_form_html_css(void);

/* An XLSX workbook at path with one sheet per form (named by sheet_names[i]
 * when given, else "表1" …): title, subtitle, merged cells, note; A4
 * portrait fitted to the page width. title/company go into the document
 * properties, created is fixed to 1 January of year + 1 for reproducible
 * output. JUE_ERR_IO when the file cannot be written (nothing is left). */
jue_status jue_form_xlsx(const jue_form *const *forms, const char *const *sheet_names, size_t n, const char *path,
                         const char *title, const char *company, int year);

#endif
