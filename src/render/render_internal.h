/* render_internal.h — layout knowledge shared by the renderers.
 *
 * The official forms are not plain grids of the model: 01/04 and 06 print two
 * panes side by side, 09 prints its rows horizontally, code tables have a
 * two-row header with a 栏次 row under it. jue_rd_layout_build turns one model
 * table into a grid of cells with merged header cells, and every grid-shaped
 * renderer (HTML, Markdown, XLSX) draws that grid, so the knowledge of the
 * forms lives here only. CSV and JSON follow the model (one line per row).
 */
#ifndef JUESUAN_RENDER_INTERNAL_H
#define JUESUAN_RENDER_INTERNAL_H

#include <juesuan/render.h>

/* What a grid column holds: decides alignment, width and number format. */
typedef enum { JUE_RK_CODE, JUE_RK_NAME, JUE_RK_LINE, JUE_RK_AMOUNT } jue_rd_colkind;

typedef enum {
    JUE_RC_BLANK = 0,  /* nothing here (a pane with fewer rows than the other) */
    JUE_RC_COVERED,    /* covered by a cell spanning from the left */
    JUE_RC_CODE,       /* 科目编码 of the row */
    JUE_RC_NAME,       /* name of the row, with ordinal and indent */
    JUE_RC_LINE,       /* 行次 */
    JUE_RC_AMOUNT      /* the fact (row, col) */
} jue_rd_cellkind;

typedef struct {
    jue_rd_cellkind kind;
    int row;              /* model row, -1 when none (a 09 item without a row, fillers) */
    int col;              /* model column of an amount, else -1 */
    int span;             /* grid columns this cell covers, >= 1 */
    int line_no;          /* JUE_RC_LINE: 行次 to print, 0 = blank */
    int ordinal;          /* JUE_RC_NAME: Chinese ordinal to prefix, 0 = none */
    int level;            /* JUE_RC_NAME: indent level (0 = none, 1 类, 2 款, 3 项) */
    jue_side side;        /* the pane, for ids */
    const char *rowkey;   /* row part of the cell id; NULL = the cell has no id */
    const char *colkey;   /* column part of the cell id */
} jue_rd_cell;

/* A header cell; r/c are grid positions, rs/cs the merge. */
typedef struct {
    int r, c, rs, cs;
    const char *text;     /* NULL: print num (a 栏次 number) */
    int num;
} jue_rd_head;

typedef struct {
    const jue_table *t;
    int ncols;
    jue_rd_colkind *colkind;   /* ncols */
    jue_rd_head *heads;        /* sorted by (r, c) */
    size_t nheads, heads_cap;
    int head_rows;             /* header rows, including the 栏次 row */
    int lanci_row;             /* index of the 栏次 header row, -1 when the form has none */
    jue_rd_cell *cells;        /* nrows × ncols, row-major */
    size_t nrows, rows_cap;
    bool landscape;            /* wide form: print on A4 landscape */
    bool one_page;             /* the form is printed on one page (06): set closer to fit */
} jue_rd_layout;

/* Builds the grid of table t (which must outlive the layout: strings point
 * into it). Returns JUE_OK or JUE_ERR_NOMEM; free with jue_rd_layout_free. */
jue_status jue_rd_layout_build(const jue_table *t, jue_rd_layout *out);
void jue_rd_layout_free(jue_rd_layout *l);
static inline const jue_rd_cell *jue_rd_at(const jue_rd_layout *l, size_t r, int c)
{
    return &l->cells[r * (size_t)l->ncols + (size_t)c];
}
/* Whether the cell belongs to a total line (printed bold). */
bool jue_rd_cell_total(const jue_rd_layout *l, const jue_rd_cell *c);
/* Appends the raw (unescaped) id of a cell: "T03-2101501-基本支出",
 * "T01-inc-本年收入合计-决算数". Whitespace in keys becomes '_' so the id is
 * one token. Returns false (nothing appended) when the cell has no id. */
bool jue_rd_cell_id(const jue_rd_layout *l, const jue_rd_cell *c, jue_buf *out);
/* The name printed in a JUE_RC_NAME cell without its ordinal. */
const char *jue_rd_cell_name(const jue_rd_layout *l, const jue_rd_cell *c);
/* Formats the amount of a JUE_RC_AMOUNT cell in 万元 with 2 decimals
 * (grouped or not); writes "" and returns 0 for a blank cell. n >= 32. */
size_t jue_rd_amount(const jue_table *t, const jue_rd_cell *c, bool grouped, char *buf, size_t n);
/* The printed cell, or NULL when the grid cell has no fact or it is blank. */
const jue_cell *jue_rd_fact(const jue_table *t, const jue_rd_cell *c);

/* Table-level facts about the forms (used by CSV too). */
bool jue_rd_has_line_no(jue_table_id id);      /* 01, 04: a 行次 column */
bool jue_rd_has_codes(jue_table_id id);        /* 02, 03, 05–08: 科目编码 column */
bool jue_rd_has_sides(jue_table_id id);        /* 01, 04, 06: two panes */
const char *jue_rd_code_header(jue_table_id id);  /* 功能/经济分类科目编码 */
/* A header cell's text as printed in a cell that wraps (PDF, Word, HTML):
 * a line break where a typesetter breaks it ("功能分类\n科目编码"), a 栏次
 * number as digits. Returns h->text or buf (n >= 64 bytes). */
const char *jue_rd_head_lines(const jue_rd_head *h, char *buf, size_t n);
const char *jue_rd_side_name(jue_side s);      /* 收入, 支出, 人员经费, 公用经费, "" */
const char *jue_rd_side_id(jue_side s);        /* income, expend, personnel, public, NULL */

/* The note printed under a table: its own, or for an empty table without
 * one a plain "本表无数据。" (an empty table is never printed bare); NULL
 * when there is none. */
const char *jue_rd_note(const jue_table *t);
/* The document title: "<编制单位><year>年度部门决算表". */
void jue_rd_doc_title(const jue_disclosure *d, jue_buf *out);

/* Writes the Chinese ordinal n with its 、 ("一、", "二十六、") into buf
 * (n >= 16 bytes); n outside 1..99 gives "". */
void jue_rd_ordinal(int n, char *buf, size_t size);

/* Formats a printed value in 万元 with exactly `decimals` decimals (0..6),
 * without grouping: what a cell says as printed. n >= 40. */
size_t jue_rd_fmt_decimals(jue_fen v, int decimals, char *buf, size_t n);

/* Length of the valid UTF-8 sequence starting at s (1–4), or 0 when the
 * bytes there are not valid UTF-8 (escapers replace them with U+FFFD). */
size_t jue_rd_utf8_len(const unsigned char *s, size_t n);

/* Appends s as literal Markdown on one line (a table cell or a heading):
 * < > & as entities, Markdown marks and | backslashed, newlines as spaces. */
void jue_rd_md_esc(jue_buf *b, const char *s);


/* HTML pieces shared by the tables page and the complete document
 * (render_html.c): the stylesheet, escaping (newlines become <br>), and one
 * table as a <section id="TNN"> with its label, title, meta line and note. */
const char *jue_rd_html_css(void);
void jue_rd_html_esc(jue_buf *b, const char *s);
jue_status jue_rd_html_table(jue_buf *b, const jue_disclosure *d, const jue_table *t);
/* The same with the cell whose raw id is hit marked data-hit="1" (NULL: none). */
jue_status jue_rd_html_table_hit(jue_buf *b, const jue_disclosure *d, const jue_table *t, const char *hit);

/* XLSX workbooks (libxlsxwriter), shared by the tables' workbook and the
 * forms' (绩效自评表) workbook. Open: NULL when path cannot be written
 * (libxlsxwriter itself notices only when closing, and prints — the library
 * must not print, so the path is tried first). Properties are fixed
 * (created 1 January after the accounts year) so the file is reproducible.
 * Close writes the workbook when st is JUE_OK, else discards it and the
 * probe file; returns the final status. */
struct lxw_workbook;
struct lxw_workbook *jue_rd_xlsx_open(const char *path);
/* Text a sheet can hold: XML 1.0 cannot carry most control characters and
 * the sheet must be valid UTF-8, so control characters become spaces
 * (newlines stay) and invalid bytes U+FFFD. s NULL is "". Written to
 * scratch (reset first); the result lives until its next use. */
const char *jue_rd_xlsx_text(jue_buf *scratch, const char *s);
jue_status jue_rd_xlsx_properties(struct lxw_workbook *wb, const char *title, const char *subject,
                                  const char *company, int year);
jue_status jue_rd_xlsx_close(struct lxw_workbook *wb, const char *path, jue_status st);

#endif
