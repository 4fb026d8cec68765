/* juesuan/view.h — a finding shown where it is: a PDF's page as a picture
 * with the figure boxed; for the other formats (DOCX, HTML, XLSX, text) the
 * table with the cell marked, or the paragraph of the notes with the
 * sentence and the figure marked, as HTML.
 *
 * The web app (`juesuan serve`) shows these beside what was found, what was
 * expected and why. Rendering a page of a hostile PDF is bounded in memory
 * here (the picture's pixels, the PNG's bytes); its time is bounded by the
 * caller, which runs it in a worker process with a CPU limit (src/serve/).
 *
 * Boxes are in PDF points, origin at the page's bottom left, as the PDF
 * door keeps them (jue_cell.box, jue_finding.box). */
#ifndef JUESUAN_VIEW_H
#define JUESUAN_VIEW_H

#include "audit.h"
#include "auditor.h"
#include "common.h"

typedef struct {
    float x0, y0, x1, y1;
} jue_box;

/* The picture stays under this many pixels whatever the scale asked. */
#define JUE_PAGE_MAX_PIXELS (12u * 1000u * 1000u)
/* The PNG stays under this many bytes (else JUE_ERR_LIMIT). */
#define JUE_PAGE_MAX_PNG (48u * 1024u * 1024u)

/* The colour boxes are drawn in (the frame; inside it a pale wash of it). */
#define JUE_BOX_RGB 0xd0, 0x10, 0x10

typedef struct {
    int width, height;   /* the picture, pixels */
    int pages;           /* pages in the document */
    double scale;        /* pixels per point, as used (after the limits) */
} jue_page_info;

/* Renders page (1-based) of the PDF in data (len bytes) to PNG, appended to
 * png, at scale pixels per point (clamped to 0.25..6, and lowered so the
 * picture stays under JUE_PAGE_MAX_PIXELS), with each of the nboxes boxes
 * framed in JUE_BOX_RGB. info (may be NULL) receives the picture's size.
 * JUE_ERR_INVALID (with a diagnostic in Chinese) when data is no readable
 * PDF or has no such page; JUE_ERR_LIMIT when the PNG would be too big;
 * JUE_ERR_NOMEM. */
jue_status jue_page_png(const char *data, size_t len, int page, double scale, const jue_box *boxes, size_t nboxes,
                        jue_buf *png, jue_page_info *info, jue_diags *diags);

/* Where needle (a figure or words as a finding quotes them, e.g. "71.73%",
 * "2023年度部门决算") is printed on page (1-based) of the PDF: the boxes of
 * up to max places, one per line of each place. Spaces are ignored on both
 * sides; a needle that starts or ends with a digit is not matched inside a
 * longer number ("0万元" is not found in "30万元"). Returns how many boxes
 * were written (0 when none, or the PDF or page cannot be read). */
size_t jue_page_find(const char *data, size_t len, int page, const char *needle, jue_box *out, size_t max);

/* The boxes to draw for finding f on its page of the PDF in data: its own
 * box when it has one, else where its printed figure (f->actual) stands on
 * the page. Returns the count (<= max). */
size_t jue_finding_boxes(const char *data, size_t len, const jue_finding *f, jue_box *out, size_t max);

/* The id of the cell finding f names, as the tables' HTML gives it
 * ("T03-2101501-基本支出", "T01-inc-本年收入合计-决算数"), raw (unescaped),
 * appended to out; false when f names no cell. d (may be NULL) tells the
 * pane of a line of 01/04. */
bool jue_finding_cell_id(const jue_disclosure *d, const jue_finding *f, jue_buf *out);

/* An HTML fragment showing finding f in the document at path, as the
 * auditor a reads it: for a cell of a table, that table (as the tables'
 * HTML prints it) with the cell marked (<td ... data-hit="1">); for a place
 * in the notes, its paragraph with the sentence in <mark class="sentence">
 * and the figure in <mark class="figure">. Every text is escaped.
 * JUE_ERR_NOTFOUND when f has no place to show (a table not printed, a
 * finding about the whole document); JUE_ERR_IO / JUE_ERR_INVALID when the
 * document cannot be read (diags say why); JUE_ERR_NOMEM. */
jue_status jue_view_html(const jue_auditor *a, const char *path, const jue_finding *f, jue_buf *out,
                         jue_diags *diags);

/* The CSS the fragments of jue_view_html need (the tables' rules, without
 * page-wide ones, and the marks). */
const char *jue_view_css(void);

#endif
