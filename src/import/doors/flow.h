/* flow.h — the DOCX and HTML doors, and the few helpers they share for
 * turning flowing documents (paragraphs and tables) into grids.
 *
 * Both doors produce one grid per document (titles sit in paragraphs before
 * their tables, so tables and prose must share a grid) with merges known
 * (grid.merges): a cell covered by a horizontal or vertical merge gets a copy
 * of the text, marked copy, as the XLSX door does.
 *
 * Prose: one row per paragraph line. A line is split into cells at explicit
 * cell breaks (DOCX w:tab, HTML <pre> tabs; see jue_d2_flush) and at wide runs
 * of spaces, as printed alignment ("编制单位：某局      金额单位：万元") —
 * the shape the text door gives the recognizer for the same line.
 *
 * Locations: DOCX row.line is a running number of the document's text lines
 * (every body paragraph, every line break inside one, every table row, in
 * document order; Word shows no line numbers, so this is the order, not a
 * printed line). HTML row.line is the source line of the element (<p>, <tr>,
 * <br>…), so findings point into the HTML file. cell.pos is 0. Internal. */
#ifndef JUE_IMPORT_FLOW_H
#define JUE_IMPORT_FLOW_H

#include "import/import_internal.h"

/* Appends the grids of a DOCX document (word/document.xml of the zip in
 * data) to doc. JUE_ERR_INVALID with an error diagnostic when data is not a
 * readable Word document; JUE_ERR_NOMEM; JUE_ERR_LIMIT when it is too big. */
jue_status jue_docx_read(const char *data, size_t len, jue_idoc *doc, jue_diags *diags);

/* Appends the grid of an HTML page to doc. The charset is taken from a BOM
 * or a <meta> declaration (UTF-8, GBK/GB2312/GB18030, or any libxml2
 * knows); undeclared bytes are UTF-8 when they are valid UTF-8, else GB18030
 * (with a warning). Never fetches anything. */
jue_status jue_html_read(const char *data, size_t len, jue_idoc *doc, jue_diags *diags);

/* ---- shared helpers (flow.c) ---- */

/* The cell-break mark inside a line being assembled. */
#define JUE_D2_BREAK '\t'
/* Most bytes of cell text a document may produce, merge copies included:
 * a hostile merge over a huge text must not multiply it without bound. */
#define JUE_D2_MAX_BYTES (JUE_BUDGET.text)  /* the import budget (import_internal.h) */
#define JUE_D2_MAX_SPAN 64      /* columns or rows one merge may cover */
#define JUE_D2_MAX_COLS 1024    /* as the grid's own cap */
#define JUE_D2_MAX_DEPTH 64     /* nesting of elements we follow */

/* Appends inline text s: CR, LF, tab, FF and VT become spaces (the tab is
 * the break mark); with collapse (HTML), each run of ASCII white space
 * becomes one space, as a browser shows it. */
void jue_d2_text(jue_buf *b, const char *s, bool collapse);

/* Ends a line of prose: the text in b becomes a row at line, split into
 * cells at break marks (empty cells between two marks kept, leading and
 * trailing marks dropped) and at runs of spaces at least 4 wide (U+3000
 * counts 2). A blank line adds no row. b is reset. *bytes counts the text
 * stored, for JUE_D2_MAX_BYTES. */
jue_status jue_d2_flush(jue_grid *g, jue_buf *b, int line, size_t *bytes);

/* Sets the cell at col to text (copy marks a merge copy); counts bytes.
 * Columns beyond JUE_D2_MAX_COLS are dropped silently (JUE_OK). */
jue_status jue_d2_set(jue_grow *r, int col, const char *text, bool copy, size_t *bytes);

/* libxml2 reports some errors (a byte the declared encoding cannot
 * convert) through its global handlers, which print; the library never
 * prints, so a door silences them while it parses. libxml2's handlers are
 * per thread: saving and restoring them around a parse is safe. */
typedef struct {
    void *generic, *generic_ctx, *structured, *structured_ctx;
} jue_d2_quiet;
void jue_d2_quiet_on(jue_d2_quiet *q);
void jue_d2_quiet_off(const jue_d2_quiet *q);

/* Drops the grid's last row (an empty row of a layout table). */
void jue_d2_drop_last(jue_grid *g);

#endif
