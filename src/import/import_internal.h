/* import_internal.h — the importer's insides: grids of located text cells,
 * the doors that make them (text, XLSX) and the one recognizer that turns
 * grids into model tables.
 *
 * A grid is a list of rows; a row a list of cells in column order. Where a
 * cell was printed: for text, row.line is the file line (1-based) and
 * cell.pos the character column where the cell starts; for XLSX, row.line is
 * the sheet's row number (1-based, as in "C7"), cell.col the 0-based sheet
 * column and grid.name the sheet name — so row.line goes into
 * jue_row.src_line / jue_cell.src_line either way. Internal header.
 */
#ifndef JUE_IMPORT_INTERNAL_H
#define JUE_IMPORT_INTERNAL_H

#include <juesuan/import.h>

typedef struct jue_idoc jue_idoc;

/* What one input may hold, whatever its door (text, PDF, DOCX, HTML, XLSX):
 * the grids charge every row, non-blank cell and byte of cell text to the
 * document they belong to, and refuse beyond JUE_BUDGET (jue_grid_add_row
 * and jue_grow_set return NULL, jue_idoc_over says which limit), so memory
 * stays a small multiple of what a real disclosure needs whatever a file
 * asks for. jue_import_buffer then refuses the file, naming the limit. */
typedef struct {
    size_t input;      /* bytes of the file itself (and of one part inside a zip) */
    size_t text;       /* bytes of cell text in all grids */
    size_t cells;      /* non-blank cells */
    size_t rows;       /* rows of all grids */
    size_t grids;      /* sheets, tables, pages */
} jue_budget;

extern const jue_budget JUE_BUDGET;

typedef struct {
    char *text;        /* trimmed, "" when blank; never NULL; in the document's block of cell
                        * texts, or its own allocation when heap is set (jue_grow_set) */
    int col;           /* 0-based column (sheet column, or index in the split line) */
    int pos;           /* text: 1-based character column where the cell starts; 0 otherwise */
    bool number;       /* XLSX: stored as a number (text is its decimal form) */
    bool copy;         /* XLSX: not written here but covered by a merged cell (text copied) */
    bool heap;         /* text is its own allocation (a replacement longer than the text it
                        * replaced, or a row of no document), not in the document's blocks */
    unsigned char rec; /* what the recognizer found of text, each asked once (JUE_REC_*
                        * bits, src/recognize/cells.c); 0 when the text is set */
    float box[4];      /* PDF: x0,y0,x1,y1 in points, origin at the page's bottom left; else 0 */
    struct jue_cmemo *memo;   /* the recognizer's folded text and match key, made when first
                               * asked, in the document's blocks; NULL when the text is set */
} jue_gcell;

typedef struct {
    jue_gcell *cells;  /* dense by col: cells[i].col == i; in the document's blocks unless cells_heap */
    size_t n, cap;
    bool cells_heap;   /* cells is an allocation of its own (a row grown past its first cells) */
    bool texts_heap;   /* a cell's text is, or was, an allocation of its own (jue_gcell.heap) */
    int line;          /* file line or sheet row number */
    int page;          /* 0 = not known */
    bool used;         /* consumed by a recognised table (the rest is the notes) */
    bool unread;       /* and that table's body could not be read: perhaps another
                        * table whose title was lost (src/recognize/recognize.c) */
    bool packed;       /* text: a line split on single spaces ("code name figure figure");
                        * its figures are in order, its blank cells not marked */
    bool at_wrap;      /* text wrapped at a width: the line ends there (its next word
                        * would not fit), so the next line may go on with it */
    short title;       /* the recognizer's jue_rec_title_of of the row once worked out
                        * (src/recognize/locate.c); 0 until then, and when a cell is set */
    bool one_known;    /* one is the recognizer's jue_rec_single_text of the row (false
                        * until asked, and when a cell is set) */
    bool filled_known; /* filled is jue_grow_filled of the row's first filled_n cells (a row
                        * of a document, once asked; false when a cell is set) */
    unsigned short filled, filled_n;
    signed char meta;  /* the recognizer's jue_rec_meta of the row's first meta_n cells (a row
                        * of a document): 1 yes, -1 no, 0 not known (and when a cell is set) */
    unsigned short meta_n;
    const char *one;
    jue_idoc *doc;     /* charged for the cells (jue_budget) */
} jue_grow;

typedef struct {
    char *name;        /* sheet name (XLSX) or NULL */
    bool merges;       /* merged cells are known (XLSX): copies mark covered cells */
    jue_grow *rows;
    size_t n, cap;
    jue_idoc *doc;     /* charged for the rows */
} jue_grid;

/* Everything read from one input, kept for the claims work that follows
 * table recognition: the notes are the rows no table used (row.used false),
 * one cell each for prose lines, with their line numbers. */
struct jue_idoc {
    char *file;        /* as given, for diagnostics */
    char *title;       /* document title where the format has one (XLSX properties), or NULL */
    jue_input_kind kind;
    jue_grid *grids;
    size_t n, cap;
    jue_budget used;   /* what the grids hold */
    bool aligned;      /* text: it has tables aligned with runs of spaces (pdftotext -layout) */
    size_t packed;     /* text: lines split on single spaces (jue_grow.packed) */
    const char *over;  /* the limit passed ("单元格"…), NULL while within JUE_BUDGET */
    int wrap_width;    /* text: the width its lines were wrapped at (paragraphs span lines), else 0 */
    bool markdown;     /* text: Markdown (a table, a link or an escape of it read): a paragraph
                        * spans lines up to a blank line, as pandoc wraps it */
    struct jue_textblock *texts;   /* the cells' texts, a block after another (newest first), freed
                                    * with the document: one allocation for many cells */
};

jue_idoc *jue_idoc_new(const char *file, jue_input_kind kind);
void jue_idoc_free(jue_idoc *d);
/* Records that the limit `what` of JUE_BUDGET was passed (a door may also
 * call it for limits of its own making, such as sheets); returns false. */
bool jue_idoc_refuse(jue_idoc *d, const char *what);
/* The message for a passed limit, e.g. "超出处理上限：单元格多于 1000000 个". */
void jue_idoc_over_msg(const jue_idoc *d, jue_buf *out);
/* Room for n bytes at a multiple of align in d's blocks (freed with d);
 * NULL when out of memory. */
void *jue_idoc_room(jue_idoc *d, size_t n, size_t align);
/* Appends an empty grid; NULL on allocation failure. */
jue_grid *jue_idoc_add_grid(jue_idoc *d, const char *name);
/* Room for n rows (at most 65536 at once), so that adding them moves none;
 * false on allocation failure. */
bool jue_grid_reserve(jue_grid *g, size_t n);
/* Appends an empty row; NULL on allocation failure. */
jue_grow *jue_grid_add_row(jue_grid *g, int line);
/* Removes the last row (its cells stay charged to the budget). */
void jue_grid_drop_last(jue_grid *g);
/* Sets the cell at col (growing the row with blank cells); copies text (n
 * bytes) trimmed of spaces. NULL on allocation failure or col out of range. */
jue_gcell *jue_grow_set(jue_grow *r, int col, const char *text, size_t n);
/* The text of the cell at col, "" when beyond the row. */
static inline const char *jue_grow_text(const jue_grow *r, int col)
{
    return (col >= 0 && (size_t)col < r->n) ? r->cells[col].text : "";
}
/* Non-blank cells that are not merge copies: counted by
 * jue_grow_count_filled, kept on a document's row (asked of most rows again
 * and again: the kept count is read here without a call). */
size_t jue_grow_count_filled(const jue_grow *r);
static inline size_t jue_grow_filled(const jue_grow *r)
{
    return r->filled_known && r->filled_n == r->n ? r->filled : jue_grow_count_filled(r);
}

/* Doors. Each appends grids to doc; problems go to diags (file:line, or the
 * sheet and cell in the message). */
jue_status jue_text_read(const char *data, size_t len, jue_idoc *doc, jue_diags *diags);
jue_status jue_xlsx_read(const char *data, size_t len, jue_idoc *doc, jue_diags *diags);

/* The importer's aliases (data/import/aliases.tsv, src/recognize/aliases.c):
 * how titles, columns and lines are printed. Read once by whoever imports
 * many documents (the auditor) and passed to each import. */
typedef struct jue_aliases jue_aliases;
jue_status jue_aliases_load(jue_aliases **out, jue_diags *diags);
void jue_aliases_free(jue_aliases *al);   /* NULL is fine */

/* The recognizer (src/recognize/): finds the nine tables in doc's grids and
 * fills d, with the aliases al (NULL: read for this call). */
jue_status jue_recognize(jue_idoc *doc, const jue_catalog *cat, const jue_profile *prof, const jue_aliases *al,
                         jue_disclosure *d, jue_diags *diags);

/* Whether table t, as read, is too doubtful to accuse anyone
 * (src/import/confidence.c): why (a static string), or NULL when its figures
 * hold together. packed: its body had rows split on single spaces (false
 * for a code table whose rows each had one placement only). *fails
 * and *checks count the printed identities checked. */
const char *jue_imp_doubt(const jue_table *t, bool packed, int *fails, int *checks);
/* A code table's row sum: its total column and the columns [from, to] of
 * its parts; false for the tables without one. */
bool jue_imp_row_parts(jue_table_id id, int *total, int *from, int *to);

/* What an import reads with: catalog and profile (either may be NULL), the
 * aliases (NULL: read for this import) and the claims lexicon (NULL: the
 * data directory's, read once per process; or, with lexicon_later, asked of
 * it for the first notes that need one (jue_claims_need_lexicon): an
 * auditor made on demand. Its status other than JUE_OK fails the import). */
typedef struct {
    const jue_catalog *cat;
    const jue_profile *prof;
    const jue_aliases *aliases;
    const jue_lexicon *lexicon;
    jue_status (*lexicon_later)(void *arg, const jue_lexicon **out);
    void *later;
} jue_import_ctx;

/* jue_import_buffer and jue_import_file with a context: when doc_out is not
 * NULL it receives the grids (free with jue_idoc_free). */
jue_status jue_import_data(const char *data, size_t len, const char *name, jue_input_kind kind,
                           const jue_import_ctx *ctx, jue_disclosure **out, jue_idoc **doc_out, jue_diags *diags);
jue_status jue_import_path(const char *path, jue_input_kind kind, const jue_import_ctx *ctx,
                           jue_disclosure **out, jue_idoc **doc_out, jue_diags *diags);

/* Like jue_import_file on a buffer (name is used for diagnostics and, with
 * kind JUE_IN_AUTO, for its extension). When doc_out is not NULL it receives
 * the grids (free with jue_idoc_free), else they are freed. */
jue_status jue_import_buffer(const char *data, size_t len, const char *name, jue_input_kind kind,
                             const jue_catalog *cat, const jue_profile *prof,
                             jue_disclosure **out, jue_idoc **doc_out, jue_diags *diags);

/* Text helpers shared by the doors and the recognizer (src/grid/grid.c). */
/* Appends s with every space removed (ASCII, U+3000, U+00A0), "**" dropped,
 * full-width ASCII folded to ASCII when fold is true. */
void jue_imp_squeeze(jue_buf *out, const char *s, bool fold);
/* The same of the n bytes at s written to out, which has room for n + 1
 * (the result is never longer): its length; out is NUL-terminated. */
size_t jue_imp_squeeze_to(char *out, const char *s, size_t n, bool fold);
/* The comparison form of a printed label: squeezed, folded, brackets and
 * quotes unified ("（）“”" → "()\"\""). */
void jue_imp_matchkey(jue_buf *out, const char *s);
/* The same of the n bytes at s written to out (room for n + 1): its length. */
size_t jue_imp_matchkey_to(char *out, const char *s, size_t n);
/* Whether s is its own match key (no byte there that the key drops, folds
 * or maps: jue_imp_matchkey_to would copy it as it is); *n: its length
 * when it is. */
bool jue_imp_is_matchkey(const char *s, size_t *n);
/* Skips a leading ordinal ("一、", "（一）", "(一)", "1.", "1、", "1．"). */
const char *jue_imp_skip_ordinal(const char *s);

#endif
