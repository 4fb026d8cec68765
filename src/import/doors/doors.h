/* doors.h — importer doors that live outside import_internal.h while that
 * header is being reworked. Each door appends grids to doc (see
 * import_internal.h for the grid model) and reports problems to diags.
 * Internal header. */
#ifndef JUE_IMPORT_DOORS_H
#define JUE_IMPORT_DOORS_H

#include "import/import_internal.h"

/* The PDF door (pdf.c, poppler-glib): a PDF with a text layer, no OCR. One
 * grid for the whole document; one row per visual line, row.page 1-based,
 * row.line a running visual-line counter over the document, cell.pos the
 * character column (half-em grid). Table lines get cells at aligned
 * columns (blank cells where a column is empty). JUE_ERR_INVALID for a file
 * that is not a readable PDF (encrypted, broken, no text layer), with a
 * diagnostic naming the file (and page). */
jue_status jue_pdf_read(const char *data, size_t len, jue_idoc *doc, jue_diags *diags);

#endif
