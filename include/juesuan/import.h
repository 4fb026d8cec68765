/* juesuan/import.h — reading published disclosures into the one model.
 *
 * Every door (XLSX workbook, plain text, later PDF, DOCX, HTML) turns its
 * input into grids of text cells with locations, and one recognizer turns
 * grids into tables of the model (jue_disclosure): it finds each table by its
 * title (and regional aliases), its header rows and columns, code and name
 * columns, multi-line names, blank cells and the declared unit, and keeps for
 * every fact where it was printed (cell.src_line / src_page; row.src_line).
 * Printed values become intervals by their printed precision (money.h).
 *
 * Locations: for text, src_line is the file line (1-based). For XLSX,
 * src_line is the sheet's row number (the 7 of "C7"); the sheet and column
 * are named in diagnostics ("sheet 公开01表 cell C7: …", col = column
 * number). src_page is 0 until the PDF door. Row and column keys are the
 * compiler's (see src/compile/compile.c), so rules apply alike; row names
 * are as printed, without ordinals and stray spaces. What is recognised
 * and what is not: docs/importers.md.
 */
#ifndef JUESUAN_IMPORT_H
#define JUESUAN_IMPORT_H

#include "catalog.h"
#include "model.h"
#include "profile.h"

typedef enum {
    JUE_IN_AUTO = 0,   /* by file extension / content */
    JUE_IN_XLSX,
    JUE_IN_TEXT,
    JUE_IN_PDF,
    JUE_IN_DOCX,
    JUE_IN_HTML
} jue_input_kind;

/* Reads a published disclosure (or a workbook of its tables) at path into a
 * new disclosure (*out; free with jue_disclosure_free); d->source = path.
 * Tables not found are left NULL (an audit rule reports them). Problems
 * reading the file go to diags with file:line (or sheet!cell); returns
 * JUE_ERR_IO if the file cannot be read, JUE_ERR_INVALID if it is not a
 * disclosure at all (no table recognised and no notes), JUE_OK otherwise. */
jue_status jue_import_file(const char *path, jue_input_kind kind, const jue_catalog *cat,
                           const jue_profile *prof, jue_disclosure **out, jue_diags *diags);

#endif
