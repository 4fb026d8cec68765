/* Code tables (02 03 05 07 08): code and name columns, codes possibly
 * split 类/款/项 or printed with the name in one cell; names broken over
 * lines are joined. */
#include "recognize/recognize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A folded text that is a 类/款/项 code alone: the code. */
static bool code_folded(const char *f, char out[16])
{
    size_t n = strlen(f);
    if (n && jue_rec_digits(f) && (n == 3 || n == 5 || n == 7) && n < 16) {
        memcpy(out, f, n + 1);
        return true;
    }
    return false;
}

bool jue_rec_code_cell(const char *s, char out[16])
{
    if (jue_rec_starts_chinese(s)) return false;   /* a name: no fold needed */
    char fb[MAXK];
    const char *f = jue_rec_fold_of(s, fb);
    return code_folded(f, out);
}

bool jue_rec_cell_code(const jue_grow *r, int col, char out[16])
{
    if (col < 0 || (size_t)col >= r->n) return false;   /* blank */
    const jue_gcell *g = &r->cells[col];
    if (jue_rec_starts_chinese(g->text)) return false;
    char f[MAXK];
    return code_folded(jue_rec_cell_fold(r->doc, g, f), out);
}

static bool total_word(const char *s)
{
    if (!strstr(s, "计")) return false;   /* the key keeps its 计 */
    char f[MAXK];
    jue_rec_key(s, f);
    return !strcmp(f, "合计") || !strcmp(f, "总计");
}

/* A code and its name in one cell ("2101501 行政运行", "2101501行政运行",
 * full-width digits or space): the code, and where the name starts. */
bool jue_rec_inline_code(const char *s, char out[16], const char **rest)
{
    if (jue_rec_starts_chinese(s)) return false;   /* a name without its code */
    char fb[MAXK];
    const char *f = jue_rec_fold_of(s, fb);
    size_t k = 0;
    while (f[k] >= '0' && f[k] <= '9') k++;
    if (k != 3 && k != 5 && k != 7) return false;
    /* the name must follow: a space or a non-ASCII (CJK) character */
    unsigned char nx = (unsigned char)f[k];
    if (!(nx == ' ' || nx >= 0x80)) return false;
    memcpy(out, f, k);
    out[k] = '\0';
    if (rest) {
        /* the same number of digits in the printed text (digits may be full-width) */
        const char *p = s;
        size_t seen = 0;
        while (*p && seen < k) {
            if (*p >= '0' && *p <= '9') { p++; seen++; }
            else if ((unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBC && (unsigned char)p[2] >= 0x90 &&
                     (unsigned char)p[2] <= 0x99) { p += 3; seen++; }
            else p++;
        }
        *rest = p;
    }
    return true;
}

/* Whether a row that holds 合计 is a heading row rather than the 合计 data
 * row: no figure, and another cell with a word that is not 类/款/项
 * ("| | 合计 | 基本支出 | 项目支出" under "本年支出"). */
static bool total_in_heading(const jue_grow *r)
{
    bool other = false;
    for (size_t i = 0; i < r->n; i++) {
        const jue_gcell *g = &r->cells[i];
        if (!g->text[0] || g->copy) continue;
        if (jue_rec_cell_amount(g)) return false;
        if (!total_word(g->text) && !jue_rec_part_word(g->text) && !jue_rec_cell_dashes(g)) other = true;
    }
    return other;
}

bool jue_rec_code_row(const jue_grow *r)
{
    char code[16];
    for (int i = 0; i < 3; i++)
        if (jue_rec_cell_code(r, i, code)) return true;
    /* "2101501 行政运行" in one cell */
    if (jue_rec_inline_code(jue_grow_text(r, 0), code, NULL)) return true;
    if (total_word(jue_grow_text(r, 0)) || total_word(jue_grow_text(r, 1))) return !total_in_heading(r);
    /* 合计 in the name column after split 类|款|项 columns: the first text
     * (a PDF may print the 类|款|项 heading in the 合计 row's band) */
    for (size_t i = 0; i < r->n && i < 5; i++)
        if (r->cells[i].text[0] && !jue_rec_part_word(r->cells[i].text))
            return total_word(r->cells[i].text) && !total_in_heading(r);
    return false;
}

/* The catalog's name of code, in the document's year or, failing that,
 * the latest year that has it; NULL when none. */
const char *jue_rec_catalog_name(const rc *c, jue_cat_kind kind, const char *code)
{
    if (!c->cat) return NULL;
    const char *n = c->d->year ? jue_catalog_name(c->cat, kind, code, c->d->year) : NULL;
    for (int y = c->cat_to; !n && y >= c->cat_from && y > 0; y--) n = jue_catalog_name(c->cat, kind, code, y);
    return n;
}

/* Whether the one-cell name row i is the first line of the next row's name
 * rather than the last of the row before: joined to the next row's name it
 * is the catalog's name of that row's code, and joined to the one before
 * it is not. */
static bool heads_next_name(tctx *t, size_t i, int code_col, int name_col, jue_cat_kind kind, const prow *last,
                            const char *frag)
{
    size_t k = i + 1;
    while (k < t->end && !jue_grow_filled(&t->g->rows[k])) k++;
    if (k >= t->end) return false;
    const jue_grow *n = &t->g->rows[k];
    char code[MAXK];
    jue_rec_fold(jue_grow_text(n, code_col), code);
    size_t len = strlen(code);
    if (!jue_rec_digits(code) || (len != 3 && len != 5 && len != 7)) return false;
    const char *want = jue_rec_catalog_name(t->c, kind, code);
    if (!want) return false;
    char joined[2 * MAXK], a[MAXK], b[MAXK];
    const char *own = jue_grow_text(n, name_col);
    snprintf(joined, sizeof joined, "%s%s", frag, own);
    jue_rec_key(joined, a);
    jue_rec_key(want, b);
    /* the code row's name may go on below it ("机关事业单位职业年金缴" /
     * "2080506 … 4.64" / "费支出"): then the fragment starts it */
    if (strcmp(a, b) && (own[0] || strncmp(a, b, strlen(a)))) return false;
    if (last && last->key) {
        const char *had = jue_rec_catalog_name(t->c, kind, last->key);
        if (had) {
            snprintf(joined, sizeof joined, "%s%s", last->name ? last->name : "", frag);
            jue_rec_key(joined, a);
            jue_rec_key(had, b);
            if (!strcmp(a, b)) return false;
        }
    }
    return true;
}

/* How a code table's printed columns are read. */
typedef struct {
    int ncol;                    /* printed columns read */
    int code_col, name_col;
    int part[3];                 /* the 类 款 项 columns of a split code, or -1 */
    bool split;                  /* the code is printed in parts */
    int map[REC_MAX_COLS];       /* the model column of each printed column, or -1 */
} code_cols;

/* The rows read so far. */
typedef struct {
    prows P;
    prow *last;
    char *prefix;                /* the first line of the next row's name */
    char parts[3][8];            /* a split code's parts as last printed */
    size_t *owner;               /* per body row: the code row a name piece belongs to (SIZE_MAX: none) */
    size_t owned_lo, owned_hi;   /* the rows [lo, hi) hold every piece owned (lo == hi: none) */
} code_rows;

/* Whether code and name share one column ("科目编码及名称", "2080505 机关事业单位…"):
 * the rows print codes only with their names, never alone. */
static bool name_with_code(const tctx *t, int code_col)
{
    int inl = 0, bare = 0;
    for (size_t i = t->body; i < t->end && i < t->g->n; i++) {
        char cd[16];
        const char *s = jue_grow_text(&t->g->rows[i], code_col);
        if (jue_rec_cell_code(&t->g->rows[i], code_col, cd)) bare++;
        else if (jue_rec_inline_code(s, cd, NULL)) inl++;
    }
    return inl && !bare;
}

/* No header we know: the columns in order after code and name. */
static void national_order(tctx *t, const jue_table *tab, code_cols *cc)
{
    for (int col = cc->name_col + 1, k = 0; col < cc->ncol && (size_t)k < tab->ncols; col++, k++) cc->map[col] = k;
    jue_diag_add(t->c->diags, JUE_SEV_WARNING, t->c->doc->file, t->body < t->g->n ? t->g->rows[t->body].line : 0, 0,
                 "%s：没有认出表头，各列按全国统一格式的顺序读取", jue_table_label(t->id));
}

/* Whether column col holds a 款 or 项 part on some body row and nothing
 * else on any ("05", "11": two digits, a leading zero or not, never a
 * figure of 万元 with its decimals). */
static bool part_column(const tctx *t, int col)
{
    bool any = false;
    for (size_t i = t->body; i < t->end && i < t->g->n; i++) {
        char fb[MAXK];
        const char *f = jue_rec_fold_of(jue_grow_text(&t->g->rows[i], col), fb);
        if (!f[0]) continue;
        if (strlen(f) != 2 || !jue_rec_digits(f)) return false;
        any = true;
    }
    return any;
}

/* A code printed in 类 | 款 | 项 parts under one 科目编码 heading, no 类 款 项
 * headings read ("208  05  05  机关事业单位基本养老保险缴费支出"): the one or
 * two columns right of the code column that hold two-digit parts only are
 * its 款 and 项. */
static void infer_split(const tctx *t, code_cols *cc)
{
    int c0 = cc->code_col;
    if (cc->split || c0 < 0 || c0 + 1 >= cc->ncol || cc->map[c0 + 1] >= 0 || !part_column(t, c0 + 1)) return;
    cc->part[0] = c0;
    cc->part[1] = c0 + 1;
    if (c0 + 2 < cc->ncol && cc->map[c0 + 2] < 0 && part_column(t, c0 + 2)) cc->part[2] = c0 + 2;
    cc->split = true;
    if (cc->name_col >= 0 && cc->name_col <= (cc->part[2] >= 0 ? cc->part[2] : cc->part[1])) cc->name_col = -1;
}

/* Whether column c holds, on a body row, a text other than a figure or 合计. */
static bool holds_names(const tctx *t, int c)
{
    for (size_t i = t->body; i < t->end && i < t->g->n; i++) {
        const jue_grow *r = &t->g->rows[i];
        if (c < (int)r->n && r->cells[c].text[0] && !r->cells[c].copy && !jue_rec_cell_amount(&r->cells[c]) &&
            !total_word(r->cells[c].text))
            return true;
    }
    return false;
}

/* The column the names are read from: col (the 科目名称 heading's, or the
 * one after the code) when it holds names; else the first column after the
 * code, before any figure column, that does; col when none. A copy placing
 * each character where it stands across the page (`pdftotext -fixed`) puts
 * names flush left under a 科目名称 centred over them in a column of their
 * own, and may leave a column that only 合计 fills between code and names. */
static int names_column(const tctx *t, const code_cols *cc, int col)
{
    if (holds_names(t, col)) return col;
    int from = (cc->split ? (cc->part[2] >= 0 ? cc->part[2] : cc->part[1]) : cc->code_col) + 1;
    for (int c = from; c < cc->ncol && c < REC_MAX_COLS && cc->map[c] < 0; c++)
        if (c != col && holds_names(t, c)) return c;
    return col;
}

/* The code, name and figure columns, from the header; the number of
 * figure columns its headings name. */
static int columns_of(tctx *t, const jue_table *tab, code_cols *cc)
{
    cc->ncol = jue_rec_max_cols(t);
    cc->code_col = cc->name_col = -1;
    for (int k = 0; k < 3; k++) cc->part[k] = -1;
    for (int k = 0; k < REC_MAX_COLS; k++) cc->map[k] = -1;
    int mapped = 0;
    for (int col = 0; col < cc->ncol; col++) {
        char lf[MAXK];
        jue_rec_leaf(t, col, lf);
        if (!lf[0]) continue;
        if (strstr(lf, "编码") || strstr(lf, "代码")) { if (cc->code_col < 0) cc->code_col = col; continue; }
        if (!strcmp(lf, "科目名称") || !strcmp(lf, "项目名称")) { if (cc->name_col < 0) cc->name_col = col; continue; }
        if (!strcmp(lf, "类")) { cc->part[0] = col; continue; }
        if (!strcmp(lf, "款")) { cc->part[1] = col; continue; }
        if (!strcmp(lf, "项")) { cc->part[2] = col; continue; }
        int m = jue_rec_col_wrapped(t, tab, col, lf, 0);
        if (m >= 0) { cc->map[col] = m; mapped++; }
    }
    cc->split = cc->part[0] >= 0 && cc->part[1] >= 0;
    if (cc->code_col < 0) cc->code_col = cc->split ? cc->part[0] : 0;
    infer_split(t, cc);
    if (cc->name_col < 0 && !cc->split && name_with_code(t, cc->code_col)) cc->name_col = cc->code_col;
    if (cc->name_col < 0) {
        cc->name_col = (cc->split ? (cc->part[2] >= 0 ? cc->part[2] : cc->part[1]) : cc->code_col) + 1;
        for (int k = 0; k < 3; k++)
            if (cc->part[k] >= cc->name_col) cc->name_col = cc->part[k] + 1;
    }
    if (cc->name_col != cc->code_col) cc->name_col = names_column(t, cc, cc->name_col);
    cc->map[cc->code_col] = -1;
    if (cc->name_col < REC_MAX_COLS) cc->map[cc->name_col] = -1;
    return mapped;
}

/* The columns, from the header, or in the national order when no heading is known. */
static void code_columns(tctx *t, const jue_table *tab, code_cols *cc)
{
    if (!columns_of(t, tab, cc)) national_order(t, tab, cc);
}

/* Whether row r holds a figure (with a point or a separator) in a column
 * that is no heading's, code's or name's: a heading standing left of its
 * figures in a column of its own (a `-fixed` copy), whose figures would
 * be dropped unread; the table is then set aside (recognize.c's doubt). */
static bool unheaded_figure(const code_cols *cc, const jue_grow *r)
{
    for (size_t c = 0; c < r->n && c < REC_MAX_COLS; c++) {
        const jue_gcell *g = &r->cells[c];
        int col = (int)c;
        if (!g->text[0] || g->copy || cc->map[c] >= 0 || col == cc->code_col || col == cc->name_col ||
            col == cc->part[0] || col == cc->part[1] || col == cc->part[2])
            continue;
        if (jue_rec_cell_amount(g) && strpbrk(g->text, ".,")) return true;
    }
    return false;
}

/* Whether a and b read the same model columns (each as many times), in
 * whatever printed columns. */
static bool same_model_columns(const code_cols *a, const code_cols *b)
{
    int n[REC_MAX_COLS] = { 0 };
    for (int c = 0; c < REC_MAX_COLS; c++) {
        if (a->map[c] >= 0 && a->map[c] < REC_MAX_COLS) n[a->map[c]]++;
        if (b->map[c] >= 0 && b->map[c] < REC_MAX_COLS) n[b->map[c]]--;
    }
    for (int m = 0; m < REC_MAX_COLS; m++)
        if (n[m]) return false;
    return a->split == b->split;
}

/* A table going on over a page with its heading printed again (rows
 * [from, to), passed over as the body's furniture): a text copy lays each
 * page out on its own, so the cells may stand at other indices than on the
 * first page (a `-fixed` copy: 科目名称 in a column of its own on one page,
 * over the names on the other). The columns are read again from that
 * heading when it names the same columns. */
static void code_remap(tctx *t, const jue_table *tab, code_cols *cc, size_t from, size_t to)
{
    tctx h = *t;
    h.nhdr = 0;
    h.body_hdr = false;
    h.body = to;
    for (size_t k = from; k < to && h.nhdr < REC_MAX_HDR; k++)
        if (jue_grow_filled(&t->g->rows[k]) && !jue_rec_lanci(&t->g->rows[k])) h.hdr[h.nhdr++] = k;
    code_cols again;
    if (h.nhdr && columns_of(&h, tab, &again) && same_model_columns(&again, cc)) *cc = again;
}

/* The code of a row printed in parts: parts before the first one printed
 * are inherited from the rows above ("| 15 |" under "210 | |"); from it on,
 * as printed. */
static void split_code(const code_cols *cc, char parts[3][8], const jue_grow *r, char code[16])
{
    char buf[16] = "";
    bool any = false;
    for (int k = 0; k < 3; k++) {
        if (cc->part[k] < 0) continue;
        char fb[MAXK];
        const char *f = jue_rec_fold_of(jue_grow_text(r, cc->part[k]), fb);
        bool digits = jue_rec_digits(f) && strlen(f) < 8;
        if (digits) any = true;
        if (any) {
            parts[k][0] = '\0';
            if (digits) memcpy(parts[k], f, strlen(f) + 1);
        }
    }
    if (!any) return;
    for (int k = 0; k < 3 && parts[k][0]; k++) strncat(buf, parts[k], sizeof buf - strlen(buf) - 1);
    if (strlen(buf) == 3 || strlen(buf) == 5 || strlen(buf) == 7) snprintf(code, 16, "%s", buf);
}

/* The code of row r ("" when none); the name printed with it in one cell
 * (a new string), or NULL. */
static char *row_code(const code_cols *cc, char parts[3][8], const jue_grow *r, char code[16])
{
    const char *ctext = jue_grow_text(r, cc->code_col), *rest = NULL;
    code[0] = '\0';
    if (cc->split) split_code(cc, parts, r, code);
    else if (!jue_rec_cell_code(r, cc->code_col, code) && jue_rec_inline_code(ctext, code, &rest)) return jue_rec_name(rest);
    return NULL;
}

/* The figures of row r: readable (amounts, dashes) and not. */
static void count_values(const code_cols *cc, const jue_grow *r, int *nvals, int *nbad)
{
    *nvals = *nbad = 0;
    for (int col = 0; col < cc->ncol; col++) {
        if (cc->map[col] < 0) continue;
        if (col >= (int)r->n) continue;   /* blank */
        const jue_gcell *g = &r->cells[col];
        if (!g->text[0] || g->copy) continue;
        /* the parse kept for jue_rec_emit, which parses these cells again */
        if (jue_rec_cell_amount_in(r->doc, g) || jue_rec_cell_dashes(g)) (*nvals)++;
        else (*nbad)++;
    }
}

static void add_values(const code_cols *cc, prow *p, const jue_grow *r)
{
    for (int col = 0; col < cc->ncol; col++)
        if (cc->map[col] >= 0 && col < (int)r->n && r->cells[col].text[0] && !r->cells[col].copy)
            jue_rec_pval_add(p, &r->cells[col], cc->map[col], r->line);
}

/* *name becomes a then b (either may be *name); unchanged when memory runs
 * out. own: the rows *name is a name of (NULL: the prefix, its own). */
static void join_name(const prows *own, char **name, const char *a, const char *b)
{
    size_t n1 = strlen(a), n2 = strlen(b);
    char *joined = malloc(n1 + n2 + 1);
    if (!joined) return;
    memcpy(joined, a, n1);
    memcpy(joined + n1, b, n2 + 1);
    if (own) jue_rec_prow_drop(own, *name);
    else free(*name);
    *name = joined;
}

/* A row without a code or 合计 that belongs with the rows around it: a
 * repeated header, the first line of the next row's name (PDF: a name
 * wrapped above its code and figures), a name broken over lines, the
 * figures of a name that went on to this line, or nothing at all. True
 * when row i is done with. */
static bool continuation(tctx *t, const code_cols *cc, code_rows *s, size_t i, int nvals, int nbad)
{
    jue_grow *r = &t->g->rows[i];
    const char *ctext = jue_grow_text(r, cc->code_col), *ntext = jue_grow_text(r, cc->name_col);
    size_t filled = jue_grow_filled(r);
    if (nvals == 0 && nbad > 0) {
        r->used = true;
    } else if (nvals == 0 && filled == 1 && (ntext[0] || ctext[0]) && !cc->split &&
               heads_next_name(t, i, cc->code_col, cc->name_col, JUE_CAT_FUNCTIONAL, s->last,
                               ntext[0] ? ntext : ctext)) {
        free(s->prefix);
        s->prefix = jue_rec_name(ntext[0] ? ntext : ctext);
        r->used = true;
    } else if (nvals == 0 && s->last && filled == 1 && jue_rec_amount(ntext[0] ? ntext : ctext)) {
        /* figures alone where a name would go on: the row above was broken
         * between its cells (a copy wrapped at a width), and which columns
         * its figures were in is lost */
        t->c->broken[t->id] = true;
        r->used = true;
    } else if (nvals == 0 && s->last && filled == 1 && (ntext[0] || ctext[0])) {
        char *more = jue_rec_name(ntext[0] ? ntext : ctext);
        if (more) join_name(&s->P, &s->last->name, s->last->name, more);
        free(more);
        r->used = true;
    } else if (s->last && s->last->nv == 0 && nvals > 0 && !ctext[0]) {
        char *more = jue_rec_name(ntext);
        if (more && more[0]) join_name(&s->P, &s->last->name, s->last->name, more);
        free(more);
        add_values(cc, s->last, r);
        r->used = true;
    } else {
        return !ntext[0] && !ctext[0] && nvals == 0;
    }
    return true;
}

/* ---- names printed on lines of their own ------------------------------ *
 * A copy of a PDF whose names are centred in tall rows prints a long name
 * on the lines around its code row, the code row's own name blank
 * ("机关事业单位基本养老保" over it, "险缴费支出" under it), or all of it
 * under the code row. Each run of such pieces (lines of one text in the
 * name column, without figures) between two code rows goes to the code
 * row whose name is blank; when both are, to the one it touches (no blank
 * line between), and a run touching both is shared, its first half to the
 * row above. A name centred on its code row is as many lines under it as
 * over it: a row whose name is blank and that has k pieces right over it
 * takes k of the run under it, and the rest starts the name of the row
 * below when that row's name goes on under it too (also centred). Runs
 * next to rows with names are left to continuation(). */

enum { R_BLANK, R_CODE, R_PIECE, R_OTHER };

static int row_kind(tctx *t, const code_cols *cc, char parts[3][8], size_t i, bool *nameless, char code[16])
{
    jue_grow *r = &t->g->rows[i];
    code[0] = '\0';
    if (!jue_grow_filled(r)) return R_BLANK;
    char *inl = row_code(cc, parts, r, code);
    bool named = (inl && inl[0]) || jue_grow_text(r, cc->name_col)[0];
    free(inl);
    if (code[0] || total_word(jue_grow_text(r, cc->code_col)) || total_word(jue_grow_text(r, cc->name_col))) {
        *nameless = !named;
        return R_CODE;
    }
    int nvals, nbad;
    count_values(cc, r, &nvals, &nbad);
    return !nvals && !nbad && jue_rec_name_piece(t, i) ? R_PIECE : R_OTHER;
}

/* The code row of a run of pieces [a, b] (body-relative) on one side: the
 * first non-blank row beyond it, when it is a code row; *touch when no
 * blank line is between. SIZE_MAX when none. */
static size_t run_end_row(const unsigned char *kind, size_t n, size_t from, int dir, bool *touch)
{
    size_t k = from;
    *touch = true;
    while (k < n && kind[k] == R_BLANK) {
        *touch = false;
        k = dir < 0 ? (k ? k - 1 : SIZE_MAX) : k + 1;
    }
    return k < n && kind[k] == R_CODE ? k : SIZE_MAX;
}

/* The pieces right over row r (no blank line between). */
static size_t pieces_over(const unsigned char *kind, size_t r)
{
    size_t k = 0;
    while (k < r && kind[r - 1 - k] == R_PIECE) k++;
    return k;
}

/* Whether code row r (of n) has a piece right under it: its name goes on
 * below its code row. */
static bool centred_below(const unsigned char *kind, size_t n, size_t r)
{
    return r != SIZE_MAX && r + 1 < n && kind[r + 1] == R_PIECE;
}

/* Whether code row r has a piece right over and right under it: a name
 * centred on it, whether or not a part of it is printed on its line. */
static bool centred(const unsigned char *kind, size_t n, size_t r)
{
    return r != SIZE_MAX && r > 0 && kind[r - 1] == R_PIECE && centred_below(kind, n, r);
}

/* The names of rows ra and rb (body-relative) with the pieces [a, b]
 * split at s: the pieces ra already has over it, its own name and [a, s);
 * [s, b] and rb's own name. */
static void split_names(tctx *t, const code_cols *cc, const size_t *owner, size_t ra, size_t rb, size_t a,
                        size_t b, size_t s, jue_buf *na, jue_buf *nb)
{
    for (size_t k = 0; k <= b; k++) {
        bool mine = k < ra ? owner[k] == t->body + ra : k == ra || (k >= a && k < s);
        if (!mine && k < s) continue;
        const jue_grow *r = &t->g->rows[t->body + k];
        char *piece = jue_rec_name(k == ra ? jue_grow_text(r, cc->name_col) : jue_rec_single_text(r));
        if (piece) jue_buf_puts(mine ? na : nb, piece);
        free(piece);
    }
    jue_buf_puts(nb, jue_grow_text(&t->g->rows[t->body + rb], cc->name_col));
}

/* Where pieces [a, b] between code rows ra and rb split so that the
 * catalog's names of both read so (ra's whole, rb's start); dflt when no
 * split or more than one does. */
static size_t split_by_catalog(tctx *t, const code_cols *cc, const size_t *owner, char (*codes)[16], size_t ra,
                               size_t rb, size_t a, size_t b, size_t dflt)
{
    const char *ca = jue_rec_catalog_name(t->c, JUE_CAT_FUNCTIONAL, codes[ra]);
    const char *cb = jue_rec_catalog_name(t->c, JUE_CAT_FUNCTIONAL, codes[rb]);
    if (!ca || !cb) return dflt;
    size_t found = SIZE_MAX;
    int nfound = 0;
    for (size_t s = a; s <= b + 1; s++) {
        jue_buf na, nb;
        jue_buf_init(&na);
        jue_buf_init(&nb);
        split_names(t, cc, owner, ra, rb, a, b, s, &na, &nb);
        if (!na.err && !nb.err && !strcmp(jue_buf_str(&na), ca) && !strncmp(cb, jue_buf_str(&nb), nb.len)) {
            found = s;
            nfound++;
        }
        jue_buf_free(&na);
        jue_buf_free(&nb);
    }
    return nfound == 1 ? found : dflt;
}

static void assign_pieces(tctx *t, const code_cols *cc, size_t *owner)
{
    size_t n = t->end - t->body;
    unsigned char *kind = malloc(n ? n : 1);
    bool *nameless = calloc(n ? n : 1, sizeof *nameless);
    char (*codes)[16] = calloc(n ? n : 1, sizeof *codes);
    char parts[3][8] = { "", "", "" };
    for (size_t i = 0; i < n; i++) owner[i] = SIZE_MAX;
    if (!codes) { free(kind); kind = NULL; }
    for (size_t i = 0; kind && nameless && i < n; i++)
        kind[i] = (unsigned char)row_kind(t, cc, parts, t->body + i, &nameless[i], codes[i]);
    for (size_t a = 0; kind && nameless && a < n; a++) {
        if (kind[a] != R_PIECE) continue;
        size_t b = a;
        while (b + 1 < n && kind[b + 1] == R_PIECE) b++;
        bool ta = false, tb = false;
        size_t ra = a ? run_end_row(kind, n, a - 1, -1, &ta) : SIZE_MAX, rb = run_end_row(kind, n, b + 1, 1, &tb);
        bool na = ra != SIZE_MAX && nameless[ra], nb = rb != SIZE_MAX && nameless[rb];
        size_t split;   /* pieces [a, split) to the row above, [split, b] to the one below */
        size_t over = ra != SIZE_MAX && ta && tb ? pieces_over(kind, ra) : 0;
        /* a run of two or more touching two rows each named or centred
         * (a piece right over and under it): halved, as two nameless */
        bool halves = ta && tb && b > a && (na || centred(kind, n, ra)) && (nb || centred(kind, n, rb));
        if ((na && nb) || halves) split = ta == tb ? a + (b - a + 2) / 2 : ta ? b + 1 : a;
        else if (na && over && over <= b - a && centred_below(kind, n, rb)) split = a + over;
        else if (na) split = b + 1;
        else if (nb) split = a;
        else { a = b; continue; }
        if (ra != SIZE_MAX && rb != SIZE_MAX && codes[ra][0] && codes[rb][0])
            split = split_by_catalog(t, cc, owner, codes, ra, rb, a, b, split);
        for (size_t k = a; k <= b; k++) owner[k] = t->body + (k < split ? ra : rb);
        a = b;
    }
    free(kind);
    free(nameless);
    free(codes);
}

/* The rows of the body that hold the pieces owned: most tables have none,
 * and add_pieces then looks at no row. */
static void owned_rows(const tctx *t, code_rows *s)
{
    s->owned_lo = s->owned_hi = t->body;
    for (size_t k = t->body; s->owner && k < t->end; k++)
        if (s->owner[k - t->body] != SIZE_MAX) {
            if (s->owned_lo == s->owned_hi) s->owned_lo = k;
            s->owned_hi = k + 1;
        }
}

/* The name of code row i with the pieces printed before it (before) or
 * after it joined on; name is kept when there are none. */
static void add_pieces(tctx *t, const code_rows *s, size_t i, char **name)
{
    if (!s->owner || !*name || s->owned_lo >= s->owned_hi) return;
    jue_buf b;
    jue_buf_init(&b);
    bool any = false;
    for (int after = 0; after < 2; after++) {
        if (after) jue_buf_puts(&b, *name);
        for (size_t k = s->owned_lo; k < s->owned_hi; k++) {
            if (s->owner[k - t->body] != i || (k > i) != (bool)after) continue;
            char *piece = jue_rec_name(jue_rec_single_text(&t->g->rows[k]));
            if (piece) jue_buf_puts(&b, piece);
            free(piece);
            any = true;
        }
    }
    if (any && !b.err) {
        char *joined = jue_strdup(jue_buf_str(&b));
        if (joined) { jue_rec_prow_drop(&s->P, *name); *name = joined; }
    }
    jue_buf_free(&b);
}

/* Row r as a row of the table: by its code (with inline_name, owned, or
 * the name printed in its column), as 合计, or by its printed name. */
static void add_row(tctx *t, const code_cols *cc, code_rows *s, jue_grow *r, const char *code, char *inline_name,
                    bool totalrow)
{
    const char *ctext = jue_grow_text(r, cc->code_col), *ntext = jue_grow_text(r, cc->name_col);
    prow *p = jue_rec_prow_add(t->c, &s->P);
    if (!p) { free(inline_name); return; }
    r->used = true;
    p->src_line = r->line;
    p->page = r->page;
    if (code[0]) {
        p->key = jue_rec_prow_str(&s->P, code);
        p->level = jue_code_level(JUE_CAT_FUNCTIONAL, code);
        p->name = inline_name ? inline_name : jue_rec_prow_name(&s->P, ntext);
        inline_name = NULL;
        if (s->prefix && p->name) join_name(&s->P, &p->name, s->prefix, p->name);
        free(s->prefix);
        s->prefix = NULL;
        add_pieces(t, s, (size_t)(r - t->g->rows), &p->name);
    } else if (totalrow) {
        p->key = jue_rec_prow_str(&s->P, JUE_L_TOTAL);
        p->name = jue_rec_prow_name(&s->P, total_word(ctext) ? ctext : ntext);
        p->total = true;
    } else {
        p->name = jue_rec_prow_name(&s->P, ntext[0] ? ntext : ctext);
        p->key = jue_rec_prow_str(&s->P, p->name ? p->name : "");
    }
    free(inline_name);
    if (!p->key || !p->name) { t->c->nomem = true; return; }
    add_values(cc, p, r);
    /* a 合计 row without figures takes those printed above its label */
    bool bare = totalrow && p->nv == 0;
    for (int k = 0; bare && k < t->nabove; k++) add_values(cc, p, &t->g->rows[t->above[k]]);
    t->nabove = totalrow ? 0 : t->nabove;
    s->last = p;
}

/* Where the name of row p stands to the catalog's name of its code: *whole
 * when it is that name, *goes_on when it and piece after it start (or are)
 * that name. False when p has no code the catalog names. */
static bool catalog_progress(tctx *t, const prow *p, const char *piece, bool *whole, bool *goes_on)
{
    if (!p || !p->key || !p->name || !jue_rec_digits(p->key)) return false;
    const char *want = jue_rec_catalog_name(t->c, JUE_CAT_FUNCTIONAL, p->key);
    if (!want) return false;
    char a[MAXK], b[MAXK], joined[2 * MAXK];
    jue_rec_key(p->name, a);
    jue_rec_key(want, b);
    *whole = !strcmp(a, b);
    snprintf(joined, sizeof joined, "%s%s", p->name, piece);
    jue_rec_key(joined, a);
    *goes_on = !strncmp(a, b, strlen(a));
    return true;
}

/* Whether a piece of a name alone on its line (no figures) under the
 * packed row p starts the next row's name: p has its figures and its
 * catalog name whole, and the piece does not go on with it ("2080502 事业单位
 * 离退休 361.85" / "机关事业单位基本养老保险缴费" / "2080505 699.30" / "支出"). */
static bool heads_next_packed(tctx *t, const prow *p, const char *piece)
{
    bool whole, goes_on;
    return p->nv && catalog_progress(t, p, piece, &whole, &goes_on) && whole && !goes_on;
}

/* A row printed with single spaces: its code (or 合计, or a name) and its
 * figures, in order, into the table's figure columns (placed later by the
 * sums, jue_rec_place_packed). A row without code or 合计 whose name has no
 * figures yet goes on the row before (a name wrapped onto this line). */
static void packed_row(tctx *t, code_rows *s, jue_grow *r)
{
    char code[16], *name = NULL;
    size_t f;
    jue_rec_packed_split(r, code, &name, &f);
    if (!name) { t->c->nomem = true; return; }
    bool total = !code[0] && total_word(name);
    prow *p = s->last;
    r->used = true;
    if (!code[0] && !total && p && (p->nv == 0 || f == r->n || !name[0])) {
        if (name[0] && heads_next_packed(t, p, name)) join_name(NULL, &s->prefix, s->prefix ? s->prefix : "", name);
        else if (name[0]) join_name(&s->P, &p->name, p->name, name);
        free(name);
    } else {
        p = jue_rec_prow_add(t->c, &s->P);
        if (!p) { free(name); return; }
        p->src_line = r->line;
        p->page = r->page;
        p->name = name;
        p->total = total;
        p->key = jue_rec_prow_str(&s->P, code[0] ? code : total ? JUE_L_TOTAL : name);
        if (code[0]) p->level = jue_code_level(JUE_CAT_FUNCTIONAL, code);
        if (code[0] && s->prefix) join_name(&s->P, &p->name, s->prefix, p->name);
        free(s->prefix);
        s->prefix = NULL;
        if (!p->key || !p->name) { t->c->nomem = true; return; }
        s->last = p;
    }
    const int *cols = t->c->pcols[t->id];
    for (int i = p->nv; f < r->n; f++, i++)
        jue_rec_pval_add(p, &r->cells[f], i < t->c->npcols[t->id] ? cols[i] : -1, r->line);
}

/* A code, its name and its figures each on lines of their own, lines i to
 * k (jue_rec_stacked_row): one row. */
static void stacked_row(tctx *t, code_rows *s, size_t i, size_t k)
{
    jue_grow *rows = t->g->rows;
    const char *code = jue_rec_single_text(&rows[i]);
    prow *p = jue_rec_prow_add(t->c, &s->P);
    if (!p) return;
    p->src_line = rows[i].line;
    p->page = rows[i].page;
    p->key = jue_rec_prow_str(&s->P, code);
    p->level = jue_code_level(JUE_CAT_FUNCTIONAL, code);
    p->name = jue_rec_prow_str(&s->P, "");
    for (size_t q = i; q <= k; q++) rows[q].used = true;
    for (size_t q = i + 1; q < k && p->name; q++) join_name(&s->P, &p->name, p->name, jue_rec_single_text(&rows[q]));
    free(s->prefix);
    s->prefix = NULL;
    if (!p->key || !p->name) { t->c->nomem = true; return; }
    s->last = p;
    const int *cols = t->c->pcols[t->id];
    for (size_t f = 0; f < rows[k].n; f++)
        jue_rec_pval_add(p, &rows[k].cells[f], (int)f < t->c->npcols[t->id] ? cols[f] : -1, rows[k].line);
}

/* Whether row r, one text, goes on the name of the last row read toward
 * its catalog name ("2080505 机关事业单位基本养老保险缴费 699.30" / "支出"):
 * the row's, however often the document prints the same text alone. */
static bool ends_last_name(tctx *t, const code_rows *s, const jue_grow *r)
{
    const char *one = jue_rec_single_text(r);
    bool whole, goes_on;
    return one && catalog_progress(t, s->last, one, &whole, &goes_on) && !whole && goes_on;
}

/* Whether row r, its cells joined with spaces, is a page number marked as
 * one ("— 5 —" split at its spaces into three cells of a packed row, "第 5 页"). */
static bool page_number_row(const jue_grow *r)
{
    char b[64];
    size_t n = 0;
    for (size_t q = 0; q < r->n; q++) {
        const char *s = r->cells[q].text;
        size_t l = strlen(s);
        if (!l) continue;
        if (n + l + 2 > sizeof b) return false;
        if (n) b[n++] = ' ';
        memcpy(b + n, s, l);
        n += l;
    }
    b[n] = '\0';
    /* a bare number is a code alone on its line ("212", its name below), not furniture */
    bool marked = strchr(b, '-') || strstr(b, "—") || strstr(b, "–") || strstr(b, "第") || strstr(b, "页");
    return n && marked && jue_rec_page_number(b);
}

static void packed_table(tctx *t, jue_table *tab)
{
    jue_rec_packed_columns(t, tab);
    code_rows s = { 0 };
    for (size_t i = t->body; i < t->end && !t->c->nomem; i++) {
        jue_grow *r = &t->g->rows[i];
        if (!jue_grow_filled(r)) continue;
        /* page furniture between two rows ("— 5 —"): its figure is no row's */
        if (page_number_row(r)) { r->used = true; continue; }
        if (ends_last_name(t, &s, r)) {
            packed_row(t, &s, r);
            continue;
        }
        size_t k = jue_rec_packed_gap(t, i);
        for (; i < k; i++) t->g->rows[i].used = true;
        r = &t->g->rows[i];
        if (jue_rec_lanci(r)) { r->used = true; continue; }
        size_t st = jue_rec_stacked_row(t->g, i, t->end);
        if (st) {
            stacked_row(t, &s, i, st);
            i = st;
            continue;
        }
        packed_row(t, &s, r);
    }
    free(s.prefix);
    jue_rec_emit(t, tab, &s.P);
    jue_rec_prows_free(&s.P);
}

/* The first line of the first row's name printed over it, taken for the
 * heading (a name centred on its code row: "社会保障和就" / "208 … 754.75" /
 * "业支出"): the line right over the body, one text that the catalog's name
 * of the first row's code starts with, its own name blank. NULL when none. */
static char *first_prefix(tctx *t, const code_cols *cc)
{
    if (t->body == 0 || t->body >= t->end || cc->split) return NULL;
    const jue_grow *r = &t->g->rows[t->body];
    char code[16];
    const char *over = jue_rec_single_text(&t->g->rows[t->body - 1]);
    if (!over || jue_grow_text(r, cc->name_col)[0] || !jue_rec_cell_code(r, cc->code_col, code))
        return NULL;
    const char *cn = jue_rec_catalog_name(t->c, JUE_CAT_FUNCTIONAL, code);
    char *piece = jue_rec_name(over);
    if (piece && (!cn || !piece[0] || strncmp(cn, piece, strlen(piece)) || !strcmp(cn, piece))) {
        free(piece);
        piece = NULL;
    }
    if (piece) t->g->rows[t->body - 1].used = true;
    return piece;
}

#define CUT_CODE "有科目编码位数不对（编码被截断或与别的数连在一起），各行的层级不能确定"

/* Whether s, in the code column of a row with figures, is digits of no
 * code's length ("210150" over its "6", a narrow column's cut): the row's
 * place in the hierarchy is not known. */
static bool cut_code(const char *s)
{
    char f[MAXK], code[16];
    jue_rec_fold(s, f);
    return f[0] && jue_rec_digits(f) && strlen(f) <= 9 && !jue_rec_code_cell(s, code);
}

void jue_rec_code_table(tctx *t, jue_table *tab)
{
    if (jue_rec_packed_body(t)) { packed_table(t, tab); return; }
    code_cols cc;
    code_columns(t, tab, &cc);
    code_rows s = { 0 };
    s.owner = t->end > t->body ? malloc((t->end - t->body) * sizeof *s.owner) : NULL;
    if (s.owner) assign_pieces(t, &cc, s.owner);
    owned_rows(t, &s);
    s.prefix = first_prefix(t, &cc);
    size_t last = SIZE_MAX;   /* the last row read */
    for (size_t i = t->body; i < t->end && !t->c->nomem; i++) {
        jue_grow *r = &t->g->rows[i];
        /* page furniture, a meta row, a 续表 mark and heading printed
         * again: passed over where the body's end was found */
        if (!jue_grow_filled(r) || r->used) continue;
        if (last != SIZE_MAX && r->page > t->g->rows[last].page && last + 1 < i) code_remap(t, tab, &cc, last + 1, i);
        last = i;
        t->c->unheaded[t->id] |= unheaded_figure(&cc, r);
        if (s.owner && s.owner[i - t->body] != SIZE_MAX) { r->used = true; continue; }
        if (jue_rec_lanci(r)) { r->used = true; continue; }
        char code[16];
        char *inline_name = row_code(&cc, s.parts, r, code);
        int nvals, nbad;
        count_values(&cc, r, &nvals, &nbad);
        bool totalrow = !code[0] && (total_word(jue_grow_text(r, cc.code_col)) || total_word(jue_grow_text(r, cc.name_col)));
        if (!code[0] && nvals && !cc.split && cut_code(jue_grow_text(r, cc.code_col)) && !t->c->doubt[t->id])
            t->c->doubt[t->id] = CUT_CODE;
        if (!code[0] && !totalrow && continuation(t, &cc, &s, i, nvals, nbad)) {
            free(inline_name);
            continue;
        }
        add_row(t, &cc, &s, r, code, inline_name, totalrow);
    }
    free(s.prefix);
    free(s.owner);
    jue_rec_emit(t, tab, &s.P);
    jue_rec_prows_free(&s.P);
}
