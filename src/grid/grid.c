/* Grids of located text cells (see import_internal.h) and the small text
 * helpers every part of the importer needs. */
#include "import/import_internal.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Columns beyond this are ignored: no disclosure table is that wide, and a
 * hostile workbook could otherwise make every row huge. */
#define MAX_COLS 1024

/* The budget: a real disclosure holds a few thousand rows and well under a
 * megabyte of cell text; these leave a wide margin and bound the memory. */
const jue_budget JUE_BUDGET = {
    .input = 64u << 20, .text = 64u << 20, .cells = 1000000, .rows = 1000000, .grids = 10000,
};

/* Blank cells share one empty string (a wide row is mostly blanks). */
static char EMPTY[1];

/* The cells' texts are cut from blocks the document keeps (a malloc and a
 * free for each cell were a tenth of a text audit); a text too long for a
 * block gets a block of its own. */
enum { TEXT_BLOCK = 16384 };

struct jue_textblock {
    struct jue_textblock *prev;
    size_t cap, used;
    _Alignas(max_align_t) char data[];
};

/* Room for n bytes at a multiple of align in d's blocks; NULL when out of
 * memory. */
static void *block_room(jue_idoc *d, size_t n, size_t align)
{
    struct jue_textblock *b = d->texts;
    size_t at = b ? (b->used + align - 1) / align * align : 0;
    if (!b || at > b->cap || b->cap - at < n) {
        size_t cap = n > TEXT_BLOCK ? n : TEXT_BLOCK;
        b = malloc(sizeof *b + cap);
        if (!b) return NULL;
        b->cap = cap;
        b->used = 0;
        at = 0;
        /* a block of its own for a long text; the one being filled stays the one filled */
        if (cap > TEXT_BLOCK && d->texts) {
            b->prev = d->texts->prev;
            d->texts->prev = b;
        } else {
            b->prev = d->texts;
            d->texts = b;
        }
    }
    b->used = at + n;
    return b->data + at;
}

/* Room for a text of n bytes and its NUL: most fit the block being filled. */
static char *text_room(jue_idoc *d, size_t n)
{
    struct jue_textblock *b = d->texts;
    if (!b || b->cap - b->used <= n) return block_room(d, n + 1, 1);
    char *t = b->data + b->used;
    b->used += n + 1;
    return t;
}

void *jue_idoc_room(jue_idoc *d, size_t n, size_t align) { return block_room(d, n, align); }

bool jue_idoc_refuse(jue_idoc *d, const char *what)
{
    if (d && !d->over) d->over = what;
    return false;
}

void jue_idoc_over_msg(const jue_idoc *d, jue_buf *out)
{
    const char *w = d->over ? d->over : "";
    if (!strcmp(w, "text")) jue_buf_printf(out, "超出处理上限：单元格文字总量超过 %zu MiB", JUE_BUDGET.text >> 20);
    else if (!strcmp(w, "cells")) jue_buf_printf(out, "超出处理上限：单元格多于 %zu 个", JUE_BUDGET.cells);
    else if (!strcmp(w, "rows")) jue_buf_printf(out, "超出处理上限：行数多于 %zu 行", JUE_BUDGET.rows);
    else if (!strcmp(w, "grids")) jue_buf_printf(out, "超出处理上限：表格或页数多于 %zu 个", JUE_BUDGET.grids);
    else if (!strcmp(w, "input")) jue_buf_printf(out, "超出处理上限：文件（或其中一个部件）大于 %zu MiB", JUE_BUDGET.input >> 20);
    else if (!strcmp(w, "inflated")) jue_buf_printf(out, "超出处理上限：解压后的内容大于 %zu MiB", 2 * (JUE_BUDGET.input >> 20));
    else if (!strcmp(w, "sheets")) jue_buf_printf(out, "超出处理上限：工作表多于 256 张");
    else if (!strcmp(w, "merges")) jue_buf_printf(out, "超出处理上限：合并单元格覆盖多于 1000000 格");
    else jue_buf_printf(out, "超出处理上限：%s", w);
}

jue_idoc *jue_idoc_new(const char *file, jue_input_kind kind)
{
    jue_idoc *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    d->file = jue_strdup(file ? file : "");
    if (!d->file) { free(d); return NULL; }
    d->kind = kind;
    return d;
}

static void row_free(jue_grow *r)
{
    for (size_t k = 0; r->texts_heap && k < r->n; k++)   /* most rows' texts are all in blocks */
        if (r->cells[k].heap) free(r->cells[k].text);
    if (r->cells_heap) free(r->cells);
}

void jue_grid_drop_last(jue_grid *g)
{
    if (g->n == 0) return;
    jue_grow *r = &g->rows[--g->n];
    if (r->doc && r->doc->used.rows) r->doc->used.rows--;
    row_free(r);
}

static void grid_free(jue_grid *g)
{
    for (size_t i = 0; i < g->n; i++) row_free(&g->rows[i]);
    free(g->rows);
    free(g->name);
}

void jue_idoc_free(jue_idoc *d)
{
    if (!d) return;
    for (size_t i = 0; i < d->n; i++) grid_free(&d->grids[i]);
    free(d->grids);
    for (struct jue_textblock *b = d->texts, *prev; b; b = prev) {
        prev = b->prev;
        free(b);
    }
    free(d->file);
    free(d->title);
    free(d);
}

jue_grid *jue_idoc_add_grid(jue_idoc *d, const char *name)
{
    if (d->over || d->used.grids >= JUE_BUDGET.grids) return jue_idoc_refuse(d, "grids"), NULL;
    if (d->n == d->cap) {
        size_t nc = d->cap ? d->cap * 2 : 4;
        jue_grid *ng = realloc(d->grids, nc * sizeof *ng);
        if (!ng) return NULL;
        d->grids = ng;
        d->cap = nc;
    }
    jue_grid *g = &d->grids[d->n];
    memset(g, 0, sizeof *g);
    if (name && !(g->name = jue_strdup(name))) return NULL;
    g->doc = d;
    d->n++;
    d->used.grids++;
    return g;
}

bool jue_grid_reserve(jue_grid *g, size_t n)
{
    if (n > 65536) n = 65536;   /* a hostile file's lines are charged as rows come */
    if (n <= g->cap) return true;
    jue_grow *nr = realloc(g->rows, n * sizeof *nr);
    if (!nr) return false;
    g->rows = nr;
    g->cap = n;
    return true;
}

jue_grow *jue_grid_add_row(jue_grid *g, int line)
{
    jue_idoc *d = g->doc;
    if (d && (d->over || d->used.rows >= JUE_BUDGET.rows)) return jue_idoc_refuse(d, "rows"), NULL;
    if (g->n == g->cap) {
        size_t nc = g->cap ? g->cap * 2 : 64;
        jue_grow *nr = realloc(g->rows, nc * sizeof *nr);
        if (!nr) return NULL;
        g->rows = nr;
        g->cap = nc;
    }
    jue_grow *r = &g->rows[g->n++];
    memset(r, 0, sizeof *r);
    r->line = line;
    r->doc = d;
    if (d) d->used.rows++;
    return r;
}

static bool is_space_at(const unsigned char *p, size_t n, size_t *len)
{
    if (n >= 1 && (p[0] == ' ' || p[0] == '\t' || p[0] == '\r' || p[0] == '\n' || p[0] == '\f' ||
                   p[0] == '\v')) { *len = 1; return true; }
    if (n >= 3 && p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) { *len = 3; return true; } /* U+3000 */
    if (n >= 2 && p[0] == 0xC2 && p[1] == 0xA0) { *len = 2; return true; }                 /* U+00A0 */
    return false;
}

/* Charges the document for replacing a text of k bytes by n bytes. */
static bool charge(jue_idoc *d, size_t k, size_t n)
{
    if (!d) return true;
    if (d->over) return false;
    size_t cells = d->used.cells - (k > 0) + (n > 0), text = d->used.text - k + n;
    if (cells > JUE_BUDGET.cells) return jue_idoc_refuse(d, "cells");
    if (text > JUE_BUDGET.text) return jue_idoc_refuse(d, "text");
    d->used.cells = cells;
    d->used.text = text;
    return true;
}

/* Room in r for cells up to col: a row's first cells (up to 64: a table
 * row of a tab-separated text has 10 or 20) are in its document's blocks,
 * copied on as the row grows; more go to an allocation of their own. */
static bool grow_cells(jue_grow *r, size_t col)
{
    enum { IN_BLOCKS = 64 };
    size_t nc = r->cap ? r->cap * 2 : 8;
    while (nc <= col) nc *= 2;
    jue_gcell *ncl;
    bool block = !r->cells_heap && r->doc && nc <= IN_BLOCKS;
    if (block) {
        ncl = block_room(r->doc, nc * sizeof *ncl, _Alignof(jue_gcell));
        if (ncl && r->n) memcpy(ncl, r->cells, r->n * sizeof *ncl);
    } else if (r->cells_heap || !r->cap) {
        ncl = realloc(r->cells, nc * sizeof *ncl);
    } else {
        ncl = malloc(nc * sizeof *ncl);
        if (ncl) memcpy(ncl, r->cells, r->n * sizeof *ncl);
    }
    if (!ncl) return false;
    r->cells_heap = !block;
    r->cells = ncl;
    r->cap = nc;
    return true;
}

/* What a row's cells found is of their texts before: forgotten when one is set. */
static void forget_found(jue_grow *r)
{
    r->title = 0;
    r->one_known = false;
    r->filled_known = false;
    r->meta = 0;
}

/* Cell c, added to r by jue_grow_set, given its text: the general path's
 * outcome for a blank cell (no text to replace, no memo, no allocation)
 * without its tests. Most cells a door sets are new. */
static jue_gcell *fill_new(jue_grow *r, jue_gcell *c, const unsigned char *p, size_t n)
{
    if (!charge(r->doc, 0, n)) return NULL;
    forget_found(r);
    if (!n) return c;
    char *t = r->doc ? text_room(r->doc, n) : malloc(n + 1);
    if (!t) return NULL;
    memcpy(t, p, n);
    t[n] = '\0';
    c->text = t;
    c->heap = !r->doc;
    r->texts_heap |= c->heap;
    return c;
}

jue_gcell *jue_grow_set(jue_grow *r, int col, const char *text, size_t n)
{
    if (col < 0 || col >= MAX_COLS) return NULL;
    bool fresh = r->n <= (size_t)col;
    while (r->n <= (size_t)col) {
        if (r->n == r->cap && !grow_cells(r, (size_t)col)) return NULL;
        jue_gcell *c = &r->cells[r->n];
        memset(c, 0, sizeof *c);
        c->col = (int)r->n;
        c->text = EMPTY;
        r->n++;
    }
    const unsigned char *p = (const unsigned char *)text;
    size_t k;
    /* a space (is_space_at) starts with one of these bytes and ends with
     * one of those: most texts neither start nor end so */
    static const bool STARTS[256] = { ['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1, [' '] = 1,
                                      [0xE3] = 1, [0xC2] = 1 };
    static const bool ENDS[256] = { ['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1, [' '] = 1,
                                    [0x80] = 1, [0xA0] = 1 };
    while (n > 0 && STARTS[p[0]] && is_space_at(p, n, &k)) { p += k; n -= k; }
    while (n > 0 && ENDS[p[n - 1]]) {
        /* trailing spaces: check the last 1, 2 or 3 bytes */
        if (is_space_at(p + n - 1, 1, &k) && k == 1) { n--; continue; }
        if (n >= 2 && is_space_at(p + n - 2, 2, &k) && k == 2) { n -= 2; continue; }
        if (n >= 3 && is_space_at(p + n - 3, 3, &k) && k == 3) { n -= 3; continue; }
        break;
    }
    jue_gcell *c = &r->cells[col];
    if (fresh) return fill_new(r, c, p, n);
    size_t old = c->text[0] ? strlen(c->text) : 0;
    if (!charge(r->doc, old, n)) return NULL;
    c->rec = 0;   /* what was found of the text before is of another text */
    c->memo = NULL;
    forget_found(r);
    if (!n) {
        if (c->heap) free(c->text);
        c->text = EMPTY;
        c->heap = false;
        return c;
    }
    /* a text replaced by one no longer is written over it; a longer one
     * gets its own allocation, so replacing a cell again and again takes no
     * more than the budget charged */
    bool over = c->text != EMPTY && old >= n;
    bool heap = !over && (c->text != EMPTY || !r->doc);
    char *t = over ? c->text : heap ? malloc(n + 1) : text_room(r->doc, n);
    if (!t) return NULL;
    memmove(t, p, n);
    t[n] = '\0';
    if (t != c->text && c->heap) free(c->text);
    c->text = t;
    c->heap = over ? c->heap : heap;
    r->texts_heap |= c->heap;
    return c;
}


/* Kept on a document's row once counted (asked again and again by the
 * recognizer); rows made by hand (no document) are counted at each ask. A
 * door marks a cell copy right after jue_grow_set, which forgets the count. */
size_t jue_grow_count_filled(const jue_grow *r)
{
    if (r->filled_known && r->filled_n == r->n) return r->filled;
    size_t k = 0;
    for (size_t i = 0; i < r->n; i++) k += r->cells[i].text[0] && !r->cells[i].copy;
    if (r->doc && r->n <= MAX_COLS) {
        jue_grow *w = (jue_grow *)(uintptr_t)r;
        w->filled = (unsigned short)k;
        w->filled_n = (unsigned short)r->n;
        w->filled_known = true;
    }
    return k;
}

/* ---- text helpers ---- */

/* What squeeze_in does: spaces and "**" dropped (all), full-width ASCII
 * folded (FOLD, KEY), quotes and 〔〕 mapped (KEY). */
enum { SQUEEZE = 1, FOLD = 2, KEY = 4 };

/* The bytes that can start something a mode drops, folds or maps (EF:
 * full-width ASCII; E2, E3: the marks a key maps, E3 also U+3000); all
 * others are copied without a look (most of the text), four at a time. */
#define SPACE_STARTS [' '] = true, ['\t'] = true, ['\r'] = true, ['\n'] = true, ['\f'] = true, ['\v'] = true, \
                     ['*'] = true, [0xE3] = true, [0xC2] = true
static const bool DROPS[256] = { SPACE_STARTS };
static const bool FOLDS[256] = { SPACE_STARTS, [0xEF] = true };
static const bool KEYS[256] = { SPACE_STARTS, [0xEF] = true, [0xE2] = true };
static const bool KEY_STOPS[256] = { SPACE_STARTS, [0xEF] = true, [0xE2] = true, [0] = true };
#undef SPACE_STARTS

/* What the mode does at p[i] (a byte its table marks): the bytes it takes
 * (0: none, the byte is kept) and the byte it puts instead (0: none). */
static size_t special_at(const unsigned char *p, size_t i, size_t n, unsigned mode, char *put)
{
    size_t k;
    *put = 0;
    if (is_space_at(p + i, n - i, &k)) return k;
    if (p[i] == '*') return i + 1 < n && p[i + 1] == '*' ? 2 : 0;
    if (i + 2 >= n) return 0;
    /* full-width ASCII U+FF01..U+FF5E: EF BC 81..EF BD 9E */
    if (p[i] == 0xEF && (mode & (FOLD | KEY)) && (p[i + 1] == 0xBC || p[i + 1] == 0xBD)) {
        unsigned cp = 0xF000 | ((unsigned)(p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F);
        if (cp < 0xFF01 || cp > 0xFF5E) return 0;
        *put = (char)(cp - 0xFF01 + 0x21);
        return 3;
    }
    if (!(mode & KEY) || p[i + 1] != 0x80) return 0;
    unsigned c = p[i + 2];
    if (p[i] == 0xE2) *put = c == 0x9C || c == 0x9D ? '"' : c == 0x98 || c == 0x99 ? '\'' : 0;   /* “ ” ‘ ’ */
    else if (p[i] == 0xE3) *put = c == 0x94 ? '(' : c == 0x95 ? ')' : 0;                            /* 〔 〕 */
    return *put ? 3 : 0;
}

/* The n bytes at s as the mode makes them, written to out (room for n + 1):
 * its length. *torn: something was dropped or folded right after the first
 * one or two bytes of an E2 or E3 character (not in UTF-8), where dropping
 * it may join a mark that was not in s. */
static size_t squeeze_in(char *out, const char *s, size_t n, unsigned mode, bool *torn)
{
    const unsigned char *p = (const unsigned char *)s;
    const unsigned char *o8 = (const unsigned char *)out;
    size_t i = 0, run = 0, o = 0;   /* bytes [run, i) are copied as they are */
    *torn = false;
    const bool *special = mode == KEY ? KEYS : mode == FOLD ? FOLDS : DROPS;
    while (i < n) {
        while (i + 4 <= n && !(special[p[i]] | special[p[i + 1]] | special[p[i + 2]] | special[p[i + 3]])) i += 4;
        if (i < n && !special[p[i]]) { i++; continue; }
        if (i == n) break;
        char put;
        size_t skip = special_at(p, i, n, mode, &put);
        if (!skip) { i++; continue; }
        memcpy(out + o, s + run, i - run);
        o += i - run;
        *torn |= (o >= 1 && (o8[o - 1] & 0xFE) == 0xE2) || (o >= 2 && (o8[o - 2] & 0xFE) == 0xE2);
        if (put) out[o++] = put;
        i += skip;
        run = i;
    }
    memcpy(out + o, s + run, i - run);
    o += i - run;
    out[o] = '\0';
    return o;
}

size_t jue_imp_squeeze_to(char *out, const char *s, size_t n, bool fold)
{
    bool torn;
    return squeeze_in(out, s, n, fold ? FOLD : SQUEEZE, &torn);
}

/* Room for n more bytes and a NUL at the end of out (the bytes there are
 * written over): false when out has failed. */
static bool room(jue_buf *out, const char *s, size_t n)
{
    jue_buf_putn(out, s, n);
    if (out->err) return false;
    out->len -= n;
    return true;
}

void jue_imp_squeeze(jue_buf *out, const char *s, bool fold)
{
    size_t n = strlen(s);
    if (room(out, s, n)) out->len += jue_imp_squeeze_to(out->data + out->len, s, n, fold);
}

/* The quotes and brackets of a squeezed text mapped in place: a mark of 3
 * bytes becomes 1, so the text read stays ahead of the text written. */
static size_t map_marks(char *out)
{
    static const struct { const char *from; char to; } MAP[] = {
        { "\xE2\x80\x9C", '"' }, { "\xE2\x80\x9D", '"' },   /* “ ” */
        { "\xE2\x80\x98", '\'' }, { "\xE2\x80\x99", '\'' },   /* ‘ ’ */
        { "\xE3\x80\x94", '(' }, { "\xE3\x80\x95", ')' },    /* 〔 〕 */
    };
    char *w = out;
    for (const char *t = w; *t;) {
        /* every mapped mark starts with E2 or E3: the bytes up to one are
         * moved as a run (not at all before the first mark mapped) */
        const char *q = t;
        while (*q && ((unsigned char)*q & 0xFE) != 0xE2) q++;
        if (w != t) memmove(w, t, (size_t)(q - t));
        w += q - t;
        t = q;
        if (!*t) break;
        bool hit = false;
        for (size_t i = 0; i < sizeof MAP / sizeof MAP[0] && !hit; i++) {
            if (t[0] == MAP[i].from[0] && t[1] == MAP[i].from[1] && t[1] && t[2] == MAP[i].from[2]) {
                *w++ = MAP[i].to;
                t += 3;
                hit = true;
            }
        }
        if (!hit) *w++ = *t++;
    }
    *w = '\0';
    return (size_t)(w - out);
}

size_t jue_imp_matchkey_to(char *out, const char *s, size_t n)
{
    /* squeezed, folded and its marks mapped in one pass; a text whose drops
     * tore a character (not UTF-8) has its marks mapped again over what was
     * squeezed, as they were when mapping was a pass of its own */
    bool torn;
    size_t k = squeeze_in(out, s, n, KEY, &torn);
    return torn ? map_marks(out) : k;
}

bool jue_imp_is_matchkey(const char *s, size_t *n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (!KEY_STOPS[p[i]]) i++;
    *n = i;
    return !p[i];
}

void jue_imp_matchkey(jue_buf *out, const char *s)
{
    size_t n = strlen(s);
    if (room(out, s, n)) out->len += jue_imp_matchkey_to(out->data + out->len, s, n);
}

static size_t cn_digit(const char *p)
{
    /* 一二三四五六七八九十〇零, each three bytes: a NUL ends the test before
     * the byte after it is read */
    const unsigned char *u = (const unsigned char *)p;
    if (u[0] < 0xE3 || !u[1] || !u[2]) return 0;
    switch ((uint32_t)u[0] << 16 | (uint32_t)u[1] << 8 | u[2]) {
    case 0xE4B880: case 0xE4BA8C: case 0xE4B889: case 0xE59B9B: case 0xE4BA94: case 0xE585AD:
    case 0xE4B883: case 0xE585AB: case 0xE4B99D: case 0xE58D81: case 0xE38087: case 0xE99BB6:
        return 3;
    default:
        return 0;
    }
}

static const char *skip_sp(const char *p)
{
    /* is_space_at looks at most 3 bytes ahead and stops at the first that
     * differs, so a NUL bounds it as well as the string's length would */
    size_t k;
    while (*p && is_space_at((const unsigned char *)p, 3, &k)) p += k;
    return p;
}

const char *jue_imp_skip_ordinal(const char *s)
{
    const char *p = skip_sp(s);
    /* (一) （一） (1) （1） */
    const char *open = NULL;
    if (*p == '(') open = p + 1;
    else if (strncmp(p, "（", 3) == 0) open = p + 3;
    if (open) {
        const char *q = open;
        size_t k;
        while ((k = cn_digit(q)) > 0) q += k;
        while (*q >= '0' && *q <= '9') q++;
        if (q != open) {
            if (*q == ')') return skip_sp(q + 1);
            if (strncmp(q, "）", 3) == 0) return skip_sp(q + 3);
        }
        return p;
    }
    const char *q = p;
    size_t k;
    bool cn = false;
    while ((k = cn_digit(q)) > 0) { q += k; cn = true; }
    if (!cn) while (*q >= '0' && *q <= '9') q++;
    if (q == p) return p;
    if (strncmp(q, "、", 3) == 0) return skip_sp(q + 3);
    if (!cn && strncmp(q, "．", 3) == 0) return skip_sp(q + 3);
    /* "1." but not "1.5" (an amount) */
    if (!cn && *q == '.' && !(q[1] >= '0' && q[1] <= '9')) return skip_sp(q + 1);
    return p;
}
