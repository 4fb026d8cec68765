/* recognize.h — the recognizer's insides, shared by its stages (internal).
 *
 * The recognizer turns the grids of located cells that any door gives
 * (src/grid, src/import/doors) into the nine tables of the model. Its files,
 * in the order a document goes through them:
 *   recognize.c   the driver: titles of a grid → one table at a time (its
 *                 meta and header rows, its body, its note) → tables set
 *                 aside when they do not hold together → year, department
 *   locate.c      where tables are: titles, 公开NN表 labels, contents
 *                 entries, page furniture, where a body ends
 *   header.c      meta rows (编制单位, 金额单位), 栏次, header rows and the
 *                 model column each printed column is
 *   body_code.c   code tables: 02 03 05 07 08
 *   body_panes.c  two-pane tables: 01 04
 *   body_06.c     06: code/name/value triples
 *   body_09.c     09: items across (or down) the page
 *   rows.c        pending rows → model rows and cells (amounts parsed)
 *   packed.c      code tables printed with single spaces: header words →
 *                 columns, rows → code, name, figures
 *   packed_panes.c, place_funds.c  01 and 04 printed with single spaces
 *   packed_06.c   06 printed with single spaces: code/name/figure groups in one stream
 *   place.c       where a packed row's figures go: the placement the sums hold
 *   aliases.c     data/import/aliases.tsv: printed titles, columns, lines
 *   cells.c       small predicates on printed cells and rows
 *   wrapped.c     before all: figures wrapped in their cells put back whole
 */
#ifndef JUE_RECOGNIZE_H
#define JUE_RECOGNIZE_H

#include "import/import_internal.h"
#include "core/blocks.h"

#include <string.h>

#define NOTE_WINDOW 6     /* non-blank rows after a body where its 说明 may be */
#define TITLE_WINDOW 8    /* non-blank rows after a title where its table must start */
#define MAXK 512          /* bytes of a match key; longer labels are not names */
#define REC_MAX_COLS 64   /* printed columns of a table read; cells further right are not */
#define REC_MAX_HDR 24    /* header rows of a table kept */
#define REC_MAX_PCOLS 12  /* figure columns of a table printed with single spaces */

/* What jue_rec_title_of gives for the title of a table the profile does not
 * hold (aliases.tsv: title with table "-"): it bounds the table above it and
 * is not read. */
#define JUE_REC_OTHER JUE_NTABLES

/* One alias line: a printed text (by its match key) and what it stands for. */
typedef struct {
    char kind;            /* t c r i g */
    int table;            /* jue_table_id; JUE_REC_OTHER: a table not ours */
    int side;             /* 0 any, 1 inc, 2 exp */
    char *key;            /* match key of the printed text */
    size_t klen;          /* its length */
    char *canon;
    uint32_t hash;        /* of key: lookups compare this first */
} alias;

/* The aliases of data/import/aliases.tsv, in file order (jue_aliases_load),
 * and chained by their key's hash: head[hash & mask] is the first (index + 1,
 * 0: none), next[i] the one after alias i, each chain in file order. */
struct jue_aliases {
    alias *a;
    size_t n;
    uint32_t *head, *next;
    uint32_t mask;
    uint32_t *titles;   /* the title aliases' indexes, in file order */
    size_t ntitles;
};

/* The first alias (in file order) after `after` (NULL: from the first) whose
 * key's hash is h: a lookup walks these instead of every alias. */
static inline const alias *jue_alias_next(const struct jue_aliases *al, uint32_t h, const alias *after)
{
    uint32_t i = after ? al->next[after - al->a] : al->head[h & al->mask];
    for (; i; i = al->next[i - 1])
        if (al->a[i - 1].hash == h) return &al->a[i - 1];
    return NULL;
}

typedef struct {
    jue_idoc *doc;
    const jue_catalog *cat;
    const jue_profile *prof;
    jue_disclosure *d;
    jue_diags *diags;
    const jue_aliases *al;
    bool nomem;
    int cat_from, cat_to;
    int title_line[JUE_NTABLES];   /* where each table's title was printed */
    jue_grid *seg_grid[JUE_NTABLES];   /* and the rows up to the next title */
    size_t seg_from[JUE_NTABLES], seg_to[JUE_NTABLES];
    size_t body_to[JUE_NTABLES];   /* the row after its body, as first read */
    bool packed[JUE_NTABLES];      /* its body has rows split on single spaces */
    int pcols[JUE_NTABLES][REC_MAX_PCOLS];   /* packed: the model columns of its figures, */
    int npcols[JUE_NTABLES];                 /* in printed order (packed.c) */
    const char *doubt[JUE_NTABLES];          /* why the table as read is set aside, or NULL */
    bool broken[JUE_NTABLES];      /* its body has rows broken between cells by a wrap */
    bool wordy[JUE_NTABLES];       /* words read where a figure goes ("本年支出合计" in 决算数) */
    bool unheaded[JUE_NTABLES];    /* a figure in a column no heading names (body_panes.c, body_code.c) */
    bool badfig[JUE_NTABLES];      /* a figure the amount parser cannot read ("526." cut off its decimals) */
    bool grouped[JUE_NTABLES];     /* 06 read from packed rows group by group (packed_06.c) */
    bool chose[JUE_NTABLES];       /* and a group took a piece from another line in some segment */
    bool late;                     /* every table judged: an ambiguous one placed again (place.c) */
} rc;

typedef struct {
    const jue_gcell *cell;
    int col;              /* model column */
    int line;
} pval;

typedef struct {
    char *key, *name;
    jue_level level;
    jue_side side;
    bool total;
    int line_no, src_line, page;
    int order, pane;
    pval v[16];
    int nv;
} prow;

typedef struct {
    prow *r;
    size_t n, cap;
    struct jue_block *strs;   /* keys and names made for the rows (jue_rec_prow_str): freed together */
} prows;

typedef struct {
    rc *c;
    jue_grid *g;
    jue_table_id id;
    size_t a, b;          /* segment rows [a, b), after the title */
    jue_unit unit;
    size_t hdr[REC_MAX_HDR];
    int nhdr;
    size_t body;          /* first data row */
    size_t end;           /* first row after the body */
    bool body_hdr;        /* the first data row also holds the 类|款|项 heading */
    size_t above[4];      /* rows of figures only among the heading rows: the 合计 row's, printed above it */
    int nabove;
    /* 09: whether its headings are printed down the page (body_09.c), asked of
     * every row; kept with the heading rows it was worked out from */
    bool v09_known, v09;
    int v09_n;
    size_t v09_hdr[REC_MAX_HDR];
} tctx;

/* ---- aliases.c */
/* side: 0 = any alias; 1/2 = that pane's aliases and the side-less ones. */
const alias *jue_rec_alias(const rc *c, char kind, int table, int side, const char *key);
/* The hash of a match key that the aliases are chained by (FNV-1a). */
uint32_t jue_rec_key_hash(const char *key);

/* ---- cells.c */
/* Copies s into out (size n), cut at a character boundary when too long;
 * a plain copy where this file copies most (snprintf "%s" costs a parse). */
void jue_rec_copy(char *out, size_t n, const char *s);
void jue_rec_key(const char *s, char out[MAXK]);
/* The same to be read, not kept: s itself when it is its own key, else
 * made in out. */
const char *jue_rec_key_of(const char *s, char out[MAXK]);
/* Printed name: spaces and Markdown marks out, ordinal off. */
char *jue_rec_name(const char *s);
/* jue_rec_name(s) without an allocation when it is short: in buf, or in
 * *heap (the caller frees it; NULL when there is none); NULL when memory
 * is short. */
const char *jue_rec_name_on(const char *s, char buf[MAXK], char **heap);
bool jue_rec_digits(const char *s);
/* Whether s starts, after ASCII spaces, with a Chinese character (lead byte
 * E4..E9: U+4000..U+9FFF, 元 万 亿 among them): no figure, dash or code comes
 * first then (the fold neither drops nor changes such a character). Most
 * name cells answer the tests of figures and codes so, without the amount
 * parser or a folded copy. */
static inline bool jue_rec_starts_chinese(const char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    return (unsigned char)*s >= 0xE4 && (unsigned char)*s <= 0xE9;
}
/* Whether s holds the character of three bytes c (strstr(s, c) != NULL):
 * strchr finds its last byte, rarer in Chinese text than its first, and
 * does fewer instructions than strstr on the short texts asked. */
static inline bool jue_rec_has_char3(const char *s, const char *c)
{
    for (const char *p = s; (p = strchr(p, c[2])) != NULL; p++)
        if (p - s >= 2 && p[-2] == c[0] && p[-1] == c[1]) return true;
    return false;
}
/* Squeezed and folded text of a cell. */
void jue_rec_fold(const char *s, char out[MAXK]);
/* The same to be read, not kept: s itself when it is its own fold. */
const char *jue_rec_fold_of(const char *s, char out[MAXK]);
/* atoi of a text of ASCII digits (jue_rec_digits), without strtol for one
 * of nine digits or fewer. */
int jue_rec_digits_value(const char *s);
/* Only dashes (a placeholder for nothing). */
bool jue_rec_dashes(const char *s);
bool jue_rec_amount(const char *s);
/* The same four of a cell's text, each worked out once a cell and kept on it
 * (jue_gcell.rec and .memo, cleared when the text is set): the recognizer asks
 * the same cells again and again. The fold and the key are the cell's own
 * (in d's blocks) or, when d is NULL or out of memory, written to out. */
bool jue_rec_cell_amount(const jue_gcell *g);
/* The same, the parse (when one is needed) kept on the cell in d's blocks
 * for jue_rec_cell_parse. */
bool jue_rec_cell_amount_in(jue_idoc *d, const jue_gcell *g);
/* jue_amount_parse of the cell's text in unit, kept on the cell (d's blocks;
 * d NULL: kept only on a cell that has forms kept already). */
jue_status jue_rec_cell_parse(jue_idoc *d, const jue_gcell *g, jue_unit unit, jue_amount *a);
bool jue_rec_cell_dashes(const jue_gcell *g);
const char *jue_rec_cell_fold(jue_idoc *d, const jue_gcell *g, char out[MAXK]);
const char *jue_rec_cell_key(jue_idoc *d, const jue_gcell *g, char out[MAXK]);
/* The one text of a row (distinct non-copy cells), or NULL: worked out by
 * jue_rec_single_text_of and kept on the row, read here without a call. */
const char *jue_rec_single_text_of(const jue_grow *r);
static inline const char *jue_rec_single_text(const jue_grow *r)
{
    return r->one_known ? r->one : jue_rec_single_text_of(r);
}
/* The one filled cell of a row, or NULL. */
const jue_gcell *jue_rec_lone_cell(const jue_grow *r);
/* Where a cell starts across the page: its text column, else its box's
 * left edge; 0 when not known. */
float jue_rec_start_of(const jue_gcell *c);

/* ---- locate.c */
/* 公开NN表 (or 表NN) on its own: the number, else 0. */
int jue_rec_label_number(const char *s);
/* Whether a row is a title; table id and continuation mark. */
void jue_rec_title_work(const rc *c, const jue_grow *r);
static inline int jue_rec_title_of(const rc *c, const jue_grow *r, bool *cont)
{
    /* jue_grow.title: bit 0 *cont (false when no key was made), the rest the
     * id + 2; 0 until worked out (jue_rec_title_work, locate.c) */
    if (!r->title) jue_rec_title_work(c, r);
    *cont = r->title & 1;
    return (r->title >> 1) - 2;
}
/* The table whose title text is, alone or after the name of a department
 * or a year (not after other words), or -1. */
int jue_rec_title_owned(const rc *c, const char *text);
bool jue_rec_note_text(const char *s);
/* A page number printed alone: "第 7 页", "- 7 -", "7/25", "第7页，共25页". */
bool jue_rec_page_number(const char *s);
/* Page furniture a copy leaves between the rows of a table (text copied from
 * a PDF or Word file keeps the page numbers and running heads): a one-text
 * row that is a page number, or a text printed alone on three or more rows
 * of the grid (a running head) that is no title. */
bool jue_rec_furniture(tctx *t, size_t i);
/* A table's 续表 mark, or a row of its heading printed again (no figure,
 * every text one of the heading's above the body, under a 续表 mark or
 * first on its page): page furniture of a table going on after a page break. */
bool jue_rec_repeat(tctx *t, size_t i);
/* A one-pane 01/04's 收入 or 支出 heading, on a row of its own. */
bool jue_rec_pane_heading(const tctx *t, const jue_grow *r);
/* Whether the table goes on after row i: the next rows that are not page
 * furniture hold a data row or a row of cells (a heading printed again). */
bool jue_rec_goes_on(tctx *t, size_t i);
bool jue_rec_data_row(tctx *t, const jue_grow *r);
/* Whether a prose row (one cell) inside a code table continues the name of
 * the row before: short, not a note, and the table goes on after it. */
bool jue_rec_continues_name(tctx *t, size_t i);
/* Whether row k is a piece of a name printed on a line of its own: one
 * short text (no figure, note, title, unit line or page number) that
 * starts in the name column of the data row above it. */
bool jue_rec_name_piece(tctx *t, size_t k);
int jue_rec_table_by_number(const rc *c, int n);
/* The first row after t's body, from t->body: the body ends at a prose line
 * that does not continue a name (page furniture, a pane's 收入/支出 heading
 * and meta rows between its rows are passed over), or at another table's
 * 公开NN表 label. */
size_t jue_rec_body_end(tctx *t);
/* A table starts within a few lines of its title: a row of two or more
 * cells with words (not a contents entry), or an empty table's 说明. */
bool jue_rec_table_follows(const jue_grid *g, size_t from, size_t to);

/* ---- header.c */
bool jue_rec_meta(const jue_grow *r, int *unit, char **dept);
bool jue_rec_cut_meta(const jue_grid *g, size_t i, int *unit, char **dept);   /* "单" / "位：元" cut by a wrap */
/* 栏次 row: starts with 栏次, or holds only the numbers 1, 2, 3 … */
bool jue_rec_lanci(const jue_grow *r);
/* The heading of one part of a split code: 类, 款 or 项. */
bool jue_rec_part_word(const char *s);
/* Lowest header text above column col (copies count: a merged header
 * names every column it spans). */
void jue_rec_leaf(tctx *t, int col, char out[MAXK]);
/* The printed columns of the table (header and body rows), at most REC_MAX_COLS. */
int jue_rec_max_cols(tctx *t);
/* The model column of a header text's match key in tab (an alias of
 * table t->id; side: 04's pane), or -1. */
int jue_rec_col_named(tctx *t, const jue_table *tab, const char *key, int side);
/* The model column (jue_rec_col) of the lowest header text lf of column col, or — when that is no
 * column's name — of the column's header texts joined upwards: a heading
 * a PDF wraps over header rows ("一般公共" / "预算财政" / "拨款"). */
int jue_rec_col_wrapped(tctx *t, const jue_table *tab, int col, const char *lf, int side);

/* t's meta and header rows, from t->a up to the first data row (t->body),
 * its unit (万元 unless a meta row says otherwise) and the department a
 * meta row names. */
void jue_rec_read_header(tctx *t);

/* ---- rows.c */
prow *jue_rec_prow_add(rc *c, prows *P);
void jue_rec_prows_free(prows *P);
/* A copy of s in P's blocks (freed by jue_rec_prows_free, never alone);
 * NULL when memory is short. */
char *jue_rec_prow_str(prows *P, const char *s);
/* jue_rec_name(s), in P's blocks when it is short (most names). */
char *jue_rec_prow_name(prows *P, const char *s);
/* Frees s, a key or name of one of P's rows, unless it is in P's blocks. */
void jue_rec_prow_drop(const prows *P, char *s);
void jue_rec_pval_add(prow *p, const jue_gcell *g, int col, int line);
/* The pending rows into tab, their figures parsed; a blank cell gets its
 * row's line. */
void jue_rec_emit(tctx *t, jue_table *tab, prows *P);

/* ---- body_code.c */
bool jue_rec_code_row(const jue_grow *r);
/* A cell that is a 类/款/项 code alone (3, 5 or 7 digits, full-width too): the code. */
bool jue_rec_code_cell(const char *s, char out[16]);
/* The same of row r's cell at col (its fold kept on the cell). */
bool jue_rec_cell_code(const jue_grow *r, int col, char out[16]);
/* The catalog's name of code, in the document's year or, failing that, the
 * latest year that has it; NULL when none. */
const char *jue_rec_catalog_name(const rc *c, jue_cat_kind kind, const char *code);
/* A code and its name in one cell ("2101501 行政运行"): the code, and where the name starts. */
bool jue_rec_inline_code(const char *s, char out[16], const char **rest);
void jue_rec_code_table(tctx *t, jue_table *tab);

/* ---- packed.c */
/* The words of row r (its cells split on spaces) appended to w (at most max). */
void jue_rec_row_words(const jue_grow *r, char (*w)[MAXK], int *n, int max);
/* The number of columns a 栏次 row counts ("栏次 1 2 3 4 5 6 7"), or 0. */
int jue_rec_lanci_count(const jue_grow *r);
/* Whether t's body has rows printed with single spaces. */
bool jue_rec_packed_body(const tctx *t);
/* Whether at least half of the filled rows of t's body are printed with
 * single spaces (01, 04 and 06 read line by line then). */
bool jue_rec_mostly_packed(const tctx *t);
/* A code alone on line i of g, its name wrapped over the lines after it
 * (words, no figures) and its figures on a line of their own (before end):
 * the line of the figures, or 0. */
size_t jue_rec_stacked_row(const jue_grid *g, size_t i, size_t end);
/* The figure columns of packed table t from its header (words by count and
 * order, the 栏次 row counting them) into t->c->pcols, once per table. */
void jue_rec_packed_columns(tctx *t, const jue_table *tab);
/* A packed row: its code ("" when none; a code printed in parts joined),
 * its name (new string, NULL when out of memory) and its first figure cell
 * (the figures are the cells from there to the end). */
void jue_rec_packed_split(const jue_grow *r, char code[16], char **name, size_t *first_fig);
/* The first row after a page break repeated inside a packed table at row i
 * (furniture, 续表, heading words, 栏次, then a code row); i when none. */
size_t jue_rec_packed_gap(tctx *t, size_t i);
/* Places the figures of a packed table's rows in its columns by its sums;
 * NULL, or why the table cannot be read with confidence. *sure: every row
 * had one placement only (no choice was made). */
const char *jue_rec_place_packed(rc *c, jue_table *tab, bool *sure);
/* Why a packed table is set aside when two readings balance alike: placed
 * again, with c->late, once every table is judged. */
extern const char jue_rec_ambiguous[];
/* Whether table id is placed after others whose figures bound its own
 * (03 ⊇ 05, 07, 08 row by row; 02's and 03's 合计 as in 01). */
bool jue_rec_placed_after(jue_table_id id);

/* ---- body_panes.c */
/* The key of a line printed in pane side (1 income, 2 expenditure) of
 * 01/04 (by alias or 类 name); false when that pane has no such line. */
bool jue_rec_pane_line_key(tctx *t, int side, const char *name, char *key, size_t n, jue_level *level, bool *total);
/* ---- packed_panes.c */
/* 01 or 04 whose body is printed with single spaces, read line by line;
 * false when it is not (then read as two panes). A table that cannot be
 * read so with confidence gets its reason in t->c->doubt. */
bool jue_rec_packed_panes(tctx *t, jue_table *tab);
/* ---- place_funds.c */
/* 04 read from single-space lines (each expenditure line's figures in its
 * first columns): the funds of the lines that print one or two of them
 * placed where the table's sums hold; NULL, or why the table cannot be read
 * with confidence (no placement holds, or more than one). */
const char *jue_rec_place_funds(jue_table *tab);
bool jue_rec_pane_row(tctx *t, const jue_grow *r);
/* A one-cell row of 01/04 that is a piece of a line's name wrapped in its
 * cell: with the one-cell row before or after it, a known line. */
bool jue_rec_pane_piece(tctx *t, size_t i);
/* A line of one text between a one-pane 01/04's income lines and its 支出
 * heading, within two lines of it (a running head at a page break that the
 * door kept: text, not a title), the table going on after the heading. */
bool jue_rec_pane_gap(tctx *t, size_t i);
void jue_rec_pane_table(tctx *t, jue_table *tab);

/* ---- body_06.c */
bool jue_rec_06_row(tctx *t, const jue_grow *r);
void jue_rec_06(tctx *t, jue_table *tab);
/* A 类/款 code of the economic classification alone (3 or 5 digits). */
bool jue_rec_econ_code(const char *s, char out[16]);
/* A code and its name in one cell ("310资本性支出"): the code, where the name starts. */
bool jue_rec_inline_econ(const char *s, char out[16], const char **rest);
/* 人员经费(合计) 1, 公用经费(合计) 2, else 0. */
int jue_rec_econ_label(const rc *c, const char *s);
/* The pending rows of 06 into tab by side, total first, then code order; P freed. */
void jue_rec_06_emit(tctx *t, jue_table *tab, prows *P);
/* ---- packed_06.c */
/* 06 whose body is printed with single spaces, read as one stream of
 * code/name/figure groups; false when it is not (then read by cells). A
 * reading that is not certain gets its reason in t->c->doubt. */
bool jue_rec_06_packed(tctx *t, jue_table *tab);

/* ---- body_09.c */
bool jue_rec_09_row(tctx *t, const jue_grow *r);
void jue_rec_09(tctx *t, jue_table *tab);
/* The 09 group (预算数, 决算数) a printed text names, or NULL. */
const char *jue_rec_09_group(const rc *c, const char *s);
/* The same of a cell of the document (its key kept on the cell). */
const char *jue_rec_cell_09_group(const rc *c, const jue_gcell *g);
/* The row of item key in P, added (named name, at line and page) when it
 * is not there yet; NULL when memory ran out. */
prow *jue_rec_09_item_row(rc *c, prows *P, const char *key, const char *name, int line, int page);
/* Table 09's rows into tab in the model's order; frees P. */
void jue_rec_09_emit(tctx *t, jue_table *tab, prows *P);

/* ---- packed_09.c */
/* 09 printed with single spaces (pdftotext -raw): its heading words in any
 * wrapping, 栏次, a line of figures with nothing where a cell is blank; the
 * figures placed where the table's identities hold. false when the table
 * is not printed so (then read as a ruled one). */
bool jue_rec_packed_09(tctx *t, jue_table *tab);

/* Figures a narrow column wrapped in their cells ("23,965.1" over "6"):
 * a row of digit pieces each right-aligned under a figure it completes to
 * an amount is put back on those figures (wrapped.c). JUE_ERR_NOMEM. */
jue_status jue_rec_join_wrapped_figures(jue_grid *g);

#endif
