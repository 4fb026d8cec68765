/* juesuan/render.h — renderers of the public tables.
 *
 * Every renderer reads only the model (model.h). Text renderers append to a
 * caller-owned jue_buf; XLSX writes a file. All return JUE_OK or an error
 * status (JUE_ERR_IO when a file cannot be written, JUE_ERR_NOMEM, or the
 * buffer's sticky error).
 *
 * Presentation rules shared by all renderers:
 *  - amounts in 万元 with 2 decimals and thousands separators (tables),
 *    from cell.printed; a cell with present == false is printed blank;
 *  - tables 01 and 04 show the Chinese ordinal before income lines and 类
 *    lines ("一、一般公共服务支出"), the row model holds the plain name;
 *  - an empty table is still printed with its header and its note.
 */
#ifndef JUESUAN_RENDER_H
#define JUESUAN_RENDER_H

#include "model.h"

typedef enum {
    JUE_FMT_HTML = 1 << 0,
    JUE_FMT_XLSX = 1 << 1,
    JUE_FMT_MD = 1 << 2,
    JUE_FMT_CSV = 1 << 3,
    JUE_FMT_JSON = 1 << 4,
    /* PDF and Word exist only as the complete document (document.h); html
     * also selects the complete document in HTML beside the tables page. */
    JUE_FMT_PDF = 1 << 5,
    JUE_FMT_DOCX = 1 << 6,
    JUE_FMT_ALL = 0x7f
} jue_format;

/* Parses "html,xlsx,md" into a mask; returns 0 and sets *bad to the first
 * unknown name (pointer into list, not NUL-terminated at the comma) on error. */
unsigned jue_formats_parse(const char *list, const char **bad);

/* One self-contained printable HTML page with all nine tables. */
jue_status jue_render_html(const jue_disclosure *d, jue_buf *out);
/* Markdown: one pipe table per public table, with title, label, unit and note. */
jue_status jue_render_md(const jue_disclosure *d, jue_buf *out);
/* Markdown text (headings and paragraphs, such as the notes) with what names
 * brought in made literal: < > & as entities, Markdown marks backslashed;
 * the leading "# " of a heading line is kept. */
jue_status jue_render_md_text(const char *md, jue_buf *out);
/* CSV (RFC 4180, UTF-8 with BOM so Excel opens it as UTF-8) of one table:
 * columns 栏次-labelled, codes as text. */
jue_status jue_render_csv(const jue_disclosure *d, jue_table_id t, jue_buf *out);
/* JSON of the model: metadata, tables, rows, columns, cells with exact values
 * in 分 and printed values. */
jue_status jue_render_json(const jue_disclosure *d, jue_buf *out);
/* XLSX workbook at path: one sheet per table in the official layout, merged
 * headers, numbers stored as numbers with format #,##0.00. Document
 * properties carry a fixed creation time so output is reproducible. */
jue_status jue_render_xlsx(const jue_disclosure *d, const char *path);

/* Writes the chosen formats into outdir (created if missing) as
 * <base>.html, <base>.xlsx, <base>.md, <base>.json and <base>-tNN.csv.
 * Each file written is reported as an info diagnostic (file = path);
 * failures as errors. */
jue_status jue_render_all(const jue_disclosure *d, const char *outdir, const char *base,
                          unsigned formats, jue_diags *diags);

#endif
