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

/* Markdown pipe tables (markdown.c), for the text door. */
/* Whether [p, e) has a '|' no backslash escapes. */
bool jue_md_has_pipe(const char *p, const char *e);
/* The columns of the pipe table whose header is the line [head, head_end)
 * and delimiter row (| --- | :---: |) the next line [delim, delim_end);
 * 0 when they are not one (the same number of cells, each of dashes). */
int jue_md_table_at(const char *head, const char *head_end, const char *delim, const char *delim_end);
/* The cells of the pipe row [from, end) of the line at line into r, split
 * at unescaped pipes, each cell's text without its Markdown marks (escapes,
 * emphasis, code marks, <br>, entities); cell.pos the code point of the
 * line where it is printed. */
jue_status jue_md_row(jue_grow *r, const char *line, const char *from, const char *end);
/* The header line [line, end) of a pipe table into g's last row and, when
 * its cells join headings with '/' (收入/金额), one more row (same line) per
 * level: a heading over several columns is in the first and copied (marked
 * copy) into the others, a column with fewer levels has its lowest heading
 * copied down — as the doors of ruled tables give merged heading cells. */
jue_status jue_md_header(jue_grid *g, const char *line, const char *end);
/* Whether [p, e) holds a link "[text](target)". */
bool jue_md_has_link(const char *p, const char *e);
/* The line [p, e) with its links ("[text](target)", "![alt](src)") as
 * their text, into out (reset first). */
jue_status jue_md_unlink(const char *p, const char *e, jue_buf *out);
/* Whether [p, e) holds a Markdown escape: a backslash before an ASCII mark
 * ("6\.", "\*": what pandoc writes where the mark would be read as
 * Markdown). A backslash before a letter or a digit (a path) is none. */
bool jue_md_has_escape(const char *p, const char *e);
/* The line [p, e) with each escape as its mark, into out (reset first). */
jue_status jue_md_unescape(const char *p, const char *e, jue_buf *out);
/* An HTML table in Markdown (pandoc writes one where cells are merged):
 * when the line at p opens a <table>, the block up to the first closing
 * tag is read by the HTML door and its rows appended to g (after its last
 * row, this line's), their lines counted from this one; *after is then the
 * start of the line after the block, else NULL (not a table, or one the
 * HTML door could not read: the lines are read as text). scan remembers
 * where the closing tag was looked for (zeroed before the first line). */
typedef struct {
    const char *from, *close;
} jue_md_scan;
jue_status jue_md_html_table(jue_grid *g, const char *p, const char *end, jue_md_scan *scan, const char **after);

/* A grid table (pandoc's own Markdown: +---+ rules, | cell | lines, a
 * row's cells wrapped over several lines) being read: its columns (0
 * outside one) and the row gathered so far. Zero it before the first line;
 * jue_md_grid_end after the last. */
typedef struct {
    int cols;
    bool pending;   /* a row is being gathered */
    size_t row;     /* its first line's grid row */
    jue_buf *acc;   /* each cell's text so far */
} jue_md_grid;
/* The line [p, e), the grid's last row: a rule starts a grid table or ends
 * a row, which then goes into the grid row of its first line; a line of
 * cells goes on the row. *done: the line was read so (else it is no part
 * of a grid table, and one open is ended). */
jue_status jue_md_grid_line(jue_grid *g, jue_md_grid *t, const char *p, const char *e, bool *done);
/* Ends the grid table t is in, if any (its last row into g), and frees it. */
jue_status jue_md_grid_end(jue_grid *g, jue_md_grid *t);

/* Display width (1 or 2) of the code point starting at p, of 3 bytes or
 * more: CJK and other wide characters take two columns in a monospaced
 * copy, as pandoc counts them (text.c). */
int jue_text_cp_width(const unsigned char *p);

/* A simple or multiline table (pandoc's own Markdown, -t markdown): a
 * column rule of dash groups one space apart ("------ ---- --------") gives
 * each column's extent in display columns; a row is a line (simple) or the
 * lines up to a blank one (multiline), each cell the text printed within
 * its column's extent, its wrapped pieces joined. Zero it before the first
 * line; jue_md_dash_end after the last. */
typedef struct {
    int cols;         /* 0 outside a table */
    int kind;         /* how it ends: the same rule, a full-width dash line, a blank line */
    bool header;      /* the lines before the column rule (a header) are being read */
    bool multi;       /* a row runs to a blank line */
    const char *rule; /* the column rule, to know the closing one */
    size_t rule_len;
    int lead;         /* display column of a full-width dash line's first dash */
    int *at;          /* each column's first display column */
    bool pending;     /* a row is being gathered */
    size_t row;       /* its first line's grid row */
    jue_buf *acc;     /* each cell's text so far */
} jue_md_dash;
/* The line [p, e) of the text [begin, end), the grid's last row: it starts
 * a simple or multiline table (its lines up to the rule that ends it are
 * looked at first), or goes on one: a row's lines go into the grid row of
 * its first line. *done: the line was read so. */
jue_status jue_md_dash_line(jue_grid *g, jue_md_dash *t, const char *begin, const char *p, const char *e,
                            const char *end, bool *done);
/* Ends the table t is in, if any (its last row into g), and frees it. */
jue_status jue_md_dash_end(jue_grid *g, jue_md_dash *t);

#endif
