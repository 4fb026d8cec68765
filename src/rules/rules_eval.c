/* Rule evaluation: binds each rule's variables over the disclosure, evaluates
 * its condition and its requirement with interval arithmetic, and turns a
 * failed requirement into a finding whose message quotes the figures as
 * printed.
 *
 * Semantics (docs/rules.md): a printed cell stands for its interval
 * (cell.iv); a blank cell, a cell printed as zero, or a code row the table
 * does not list is exactly zero. A sum
 * of cells is the sum of their intervals. `a == b` holds when the intervals
 * can agree, so a 尾差 is never an error. A reference to a table or a named
 * line that is not there makes the rule not apply (completeness rules report
 * missing tables).
 *
 * Joint feasibility (docs/rules.md, "Figures that cannot hold together"):
 * every `==` of an error rule that holds is also kept as a linear equation
 * over the printed cells; after all rules, bounds propagation over those
 * equations finds figures that pass each identity alone but no set of true
 * values can satisfy all of them at once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules_internal.h"

#define MAXVARS 16

/* ---------- linear equations for the joint check ---------- */

/* While collecting, v is a flat cell index (joint.base); the solver renames
 * it to a variable number. */
typedef struct {
    uint32_t v;
    int64_t a;
} term;

typedef struct {
    size_t first, n;    /* terms[first .. first+n) */
    jue_fen c;          /* Σ a·x = c */
    const rule *r;      /* whose `==` it is, for the finding */
} equation;

typedef struct {
    size_t base[JUE_NTABLES + 1];   /* flat index of each table's first cell; base[N] = all cells */
    /* the comparison being evaluated: its terms (lhs − rhs) and constant */
    bool on, bad;
    int sign;
    jue_fen k;
    term *s;
    size_t ns, caps;
    /* kept equations */
    term *t;
    size_t nt, capt;
    equation *q;
    size_t nq, capq;
    bool nomem;
} joint;

typedef struct {
    int table, row, col;
} bind;

typedef struct {
    jue_finding f;
    int table, row, col;   /* sort keys: position in the document */
    size_t seq;
} pending;

/* A row of a table as the document's index has it: what the rules ask of
 * its key, worked out once per document. */
typedef struct {
    uint32_t hash;      /* of the key */
    uint32_t phash;     /* a code's: of the key without its last two digits */
    uint32_t len;       /* strlen of the key */
    bool code;          /* the key is all digits */
    int32_t next;       /* the next row, in row order, in the key's bucket; -1 = none */
    int32_t pnext;      /* the same in the parent's bucket (codes of 3 digits or more) */
    bool looked;        /* official holds the catalog's name of the code (NULL: none) */
    const char *official;
} rowinfo;

/* A table's rows hashed by key and by parent code, made once per document:
 * a scan for a ref's rows (eval_ref, exists) looks up the rows its keys can
 * be instead of testing every row. */
typedef struct {
    rowinfo *r;         /* NULL: no index (no rows, or no memory) */
    int32_t *kb, *pb;   /* first row of each bucket by key, by parent; -1 = none */
    uint32_t mask;      /* buckets - 1 */
    bool natcols;       /* the table has the national columns: a colsel's mask holds */
} tabix;

/* What a ref resolves to in this document, kept from one evaluation to the
 * next until a variable its rows (ref.rdeps) or its columns (ref.cdeps)
 * depend on is bound again: the hierarchy rules ask for a parent's children
 * once for each column, and a ref under no variable is resolved once. */
typedef struct {
    uint64_t rat, cat;  /* E's clock when its rows, its columns were resolved */
    int32_t one;        /* a one-cell ref: its row, -1 when none */
    bool missing;       /* a one-cell ref: no row, and not a code (the rule does not apply) */
    int32_t *row;       /* a set: its rows in row order (in E's pool) */
    uint32_t n, cap;
    bool listed;        /* cols holds its columns, a bit each (col_mask) */
    uint64_t cols;
} memo;

/* What of a memo is set (E.mstate, a byte each, the only part cleared
 * once a document): its rows resolved, its columns, its row list's room. */
enum { M_ROWS = 1, M_COLS = 2, M_ROOM = 4 };

/* The memos' row lists, freed at once with the document's evaluation: a
 * list that grows takes new room and leaves the old. */
typedef struct rowblock {
    struct rowblock *next;
    size_t used, cap;
    int32_t v[];
} rowblock;

typedef struct {
    const jue_disclosure *d;
    const jue_catalog *cat;
    const jue_rulepack *pack;
    tabix ix[JUE_NTABLES];
    const rule *r;
    bind b[MAXVARS];
    memo *m;            /* one per ref of the pack (ref.id) */
    uint8_t *mstate;    /* M_ROWS, M_COLS, M_ROOM of each memo */
    rowblock *pool;     /* the memos' row lists; the first block the one filled */
    uint64_t clock;     /* counts bindings */
    uint64_t stamp[MAXVARS];   /* the clock when each variable was last bound */
    joint *j;           /* collects equations; NULL = not collecting */
    uint8_t covers[2];  /* jue_catalog_covers of the year for each jue_cat_kind: 0 not asked, 1 yes, 2 no */
    pending *items;
    size_t n, cap, seq;
    bool nomem;
} E;

typedef struct {
    jue_interval iv;
    jue_fen printed;
    int dec;
    bool missing;        /* a table or named line that is not there: the rule does not apply */
    int table, row, col; /* the first cell, for the finding's location; -1 when none */
} val;

typedef enum { R_FALSE = 0, R_TRUE = 1, R_SKIP = 2 } tri;

/* money.c's jue_iv_add, jue_iv_sub and jue_iv_overlaps, which a call into the
 * shared library cannot inline: the evaluator's inner steps (add_cell,
 * combine, a comparison) take one each. */
static inline bool iv_add(jue_interval a, jue_interval b, jue_interval *out)
{
    jue_interval r;
    if (__builtin_add_overflow(a.lo, b.lo, &r.lo) || __builtin_add_overflow(a.hi, b.hi, &r.hi)) return false;
    *out = r;
    return true;
}

static inline bool iv_sub(jue_interval a, jue_interval b, jue_interval *out)
{
    jue_interval r;
    if (__builtin_sub_overflow(a.lo, b.hi, &r.lo) || __builtin_sub_overflow(a.hi, b.lo, &r.hi)) return false;
    *out = r;
    return true;
}

static inline bool iv_overlaps(jue_interval a, jue_interval b) { return a.lo <= b.hi && b.lo <= a.hi; }

/* ---------- formatting figures as printed ---------- */

/* A figure in the unit its table is printed in: `digits` is the number of
 * 分 digits in one unit (万元 6, 元 2, 亿元 10) and `dec` the decimals
 * printed as counted in 万元 (a 元 figure printed to 分 has 6). Thousands
 * grouped: 5126229000 分, 2, 6 → "51,262.29"; the same in 元, 6, 2 →
 * "51,262,290.00". */
static void fmt_amount(jue_fen v, int dec, int digits, jue_buf *out)
{
    dec -= 6 - digits;
    if (dec < 0) dec = 0;
    if (dec > digits) dec = digits;
    bool neg = v < 0;
    uint64_t a = neg ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    uint64_t div = 1;
    for (int i = dec; i < digits; i++) div *= 10;
    /* round half away from zero to the shown decimals */
    a = (a + div / 2) / div;
    uint64_t scale = 1;
    for (int i = 0; i < dec; i++) scale *= 10;
    uint64_t ip = a / scale, fp = a % scale;
    char num[32];
    int nd = snprintf(num, sizeof num, "%llu", (unsigned long long)ip);
    if (neg && a) jue_buf_putc(out, '-');
    for (int i = 0; i < nd; i++) {
        if (i && (nd - i) % 3 == 0) jue_buf_putc(out, ',');
        jue_buf_putc(out, num[i]);
    }
    if (dec) jue_buf_printf(out, ".%0*llu", dec, (unsigned long long)fp);
}

/* 分 digits of the unit table `tid` is printed in (万元 when unknown). */
static int unit_digits(E *e, int tid)
{
    const jue_table *t = tid >= 0 && tid < JUE_NTABLES ? e->d->tables[tid] : NULL;
    return jue_unit_places(t ? t->unit : JUE_UNIT_NONE);
}

/* A tolerance or gap: at least 2 decimals of the unit, more when needed (0.055). */
static void fmt_small(jue_fen v, int digits, jue_buf *out)
{
    int dec = 2;
    while (dec < digits) {
        jue_fen unit = 1;
        for (int i = dec; i < digits; i++) unit *= 10;
        if (v % unit == 0) break;
        dec++;
    }
    fmt_amount(v, dec + 6 - digits, digits, out);
}

static void fmt_val(E *e, const val *v, jue_buf *out)
{
    if (v->missing) { jue_buf_puts(out, "?"); return; }
    fmt_amount(v->printed, v->dec, unit_digits(e, v->table), out);
}

/* The gap between a comparison's sides, in its left side's unit. */
static void fmt_gap(E *e, const val *l, const val *r, jue_buf *out)
{
    jue_fen d = l->printed - r->printed;
    fmt_amount(d < 0 ? -d : d, l->dec > r->dec ? l->dec : r->dec, unit_digits(e, l->table), out);
}

/* ---------- looking things up ---------- */

static bool all_digits(const char *s)
{
    if (!*s) return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9') return false;
    return true;
}

/* FNV-1a of n bytes. */
static uint32_t key_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* The document's index of table tid, when t is that table and it has one. */
static const tabix *ix_of(E *e, const jue_table *t, int tid)
{
    if (tid < 0 || tid >= JUE_NTABLES || e->d->tables[tid] != t || !e->ix[tid].r) return NULL;
    return &e->ix[tid];
}

/* Whether row i's key is a code (all digits), and its length. */
static bool row_code(E *e, const jue_table *t, int tid, size_t i)
{
    const tabix *x = ix_of(e, t, tid);
    return x ? x->r[i].code : all_digits(t->rows[i].key);
}

static size_t row_len(E *e, const jue_table *t, int tid, size_t i)
{
    const tabix *x = ix_of(e, t, tid);
    return x ? x->r[i].len : strlen(t->rows[i].key);
}

static const jue_table *table_of(E *e, int table, int tvar)
{
    int id = table >= 0 ? table : (tvar >= 0 ? e->b[tvar].table : -1);
    return id >= 0 && id < JUE_NTABLES ? e->d->tables[id] : NULL;
}

static int table_id_of(E *e, int table, int tvar)
{
    return table >= 0 ? table : (tvar >= 0 ? e->b[tvar].table : -1);
}

/* The row key a variable stands for (a row variable's key; a column
 * variable's name, so T01[c] finds the income line named like column c). */
static const char *var_key(E *e, int v, jue_side *side)
{
    const bind *b = &e->b[v];
    const jue_table *t = e->d->tables[b->table];
    if (side) *side = JUE_SIDE_NONE;
    if (!t) return NULL;
    if (e->r->vars[v].kind == V_ROW) {
        if (side) *side = t->rows[b->row].side;
        return t->rows[b->row].key;
    }
    if (e->r->vars[v].kind == V_COL) return t->cols[b->col].key;
    return NULL;
}

/* The key a joined item stands for under the current bindings. */
static const char *concat_key(E *e, const rowitem *it, char *buf, size_t n)
{
    size_t len = 0;
    buf[0] = 0;
    for (size_t i = 0; i < it->nparts; i++) {
        const char *s = it->parts[i].lit ? it->parts[i].lit : var_key(e, it->parts[i].var, NULL);
        if (!s) return NULL;
        size_t k = strlen(s);
        if (len + k >= n) return NULL;
        memcpy(buf + len, s, k + 1);
        len += k;
    }
    return buf;
}

static size_t code_len_next(size_t n) { return n + 2; }

static bool row_matches(E *e, const jue_table *t, int tid, size_t i, const rowitem *it)
{
    const jue_row *row = &t->rows[i];
    if (it->side != JUE_SIDE_NONE && row->side != it->side) return false;
    switch (it->kind) {
    case RI_ALL: return true;
    case RI_LEVEL: return row->level == it->level && row_code(e, t, tid, i);
    case RI_KEY: return !strcmp(row->key, it->key);
    case RI_CONCAT: {
        char buf[256];
        const char *k = concat_key(e, it, buf, sizeof buf);
        return k && !strcmp(row->key, k);
    }
    case RI_VAR: {
        const bind *b = &e->b[it->var];
        if (e->r->vars[it->var].kind == V_ROW && b->table == tid) return (int)i == b->row;
        const char *k = var_key(e, it->var, NULL);
        return k && !strcmp(row->key, k);
    }
    case RI_CHILDREN: {
        const char *pk = it->key ? it->key : var_key(e, it->var, NULL);
        if (!pk || !all_digits(pk) || !row_code(e, t, tid, i)) return false;
        size_t n = strlen(pk);
        return row_len(e, t, tid, i) == code_len_next(n) && !memcmp(row->key, pk, n);
    }
    }
    return false;
}

static bool row_in(E *e, const jue_table *t, int tid, size_t i, const ref *r)
{
    for (size_t k = 0; k < r->nrows; k++)
        if (row_matches(e, t, tid, i, &r->rows[k])) return true;
    return false;
}

/* The keys a ref's row items stand for under the current bindings,
 * resolved once for a scan of all rows (the hierarchy rules scan every row
 * of a table for each parent row, and their conditions do too). */
enum { MAXPRE = 8 };
typedef struct {
    bool fast;
    const char *pre[MAXPRE];
    size_t prelen[MAXPRE];
    char buf[MAXPRE][256];
} rowprep;

static void prep_rows(E *e, const ref *r, int tid, rowprep *p)
{
    p->fast = r->nrows <= MAXPRE;
    for (size_t k = 0; p->fast && k < r->nrows; k++) {
        const rowitem *it = &r->rows[k];
        p->pre[k] = NULL;
        p->prelen[k] = 0;
        if (it->kind == RI_CHILDREN) p->pre[k] = it->key ? it->key : var_key(e, it->var, NULL);
        else if (it->kind == RI_KEY) p->pre[k] = it->key;
        else if (it->kind == RI_CONCAT) p->pre[k] = concat_key(e, it, p->buf[k], sizeof p->buf[k]);
        else if (it->kind == RI_VAR && !(e->r->vars[it->var].kind == V_ROW && e->b[it->var].table == tid))
            p->pre[k] = var_key(e, it->var, NULL);
        if (p->pre[k]) p->prelen[k] = strlen(p->pre[k]);
        if (it->kind == RI_CHILDREN && p->pre[k] && !all_digits(p->pre[k])) p->pre[k] = NULL;
    }
}

/* row_in with the keys of prep_rows: the same answer, without resolving
 * them again for every row; x is ix_of(e, t, tid). */
static bool row_in_prep(E *e, const jue_table *t, int tid, const tabix *x, size_t i, const ref *r, const rowprep *p)
{
    if (!p->fast) return row_in(e, t, tid, i, r);
    const jue_row *row = &t->rows[i];
    for (size_t k = 0; k < r->nrows; k++) {
        const rowitem *it = &r->rows[k];
        if (it->side != JUE_SIDE_NONE && row->side != it->side) continue;
        bool in = false;
        switch (it->kind) {
        case RI_ALL: in = true; break;
        case RI_LEVEL: in = row->level == it->level && (x ? x->r[i].code : all_digits(row->key)); break;
        case RI_KEY:
        case RI_CONCAT: in = p->pre[k] && !strcmp(row->key, p->pre[k]); break;
        case RI_VAR:
            if (e->r->vars[it->var].kind == V_ROW && e->b[it->var].table == tid) in = (int)i == e->b[it->var].row;
            else in = p->pre[k] && !strcmp(row->key, p->pre[k]);
            break;
        case RI_CHILDREN:
            /* a child: the parent's code and two more digits */
            if (x)
                in = p->pre[k] && x->r[i].code && x->r[i].len == code_len_next(p->prelen[k]) &&
                     !memcmp(row->key, p->pre[k], p->prelen[k]);
            else
                in = p->pre[k] && strlen(row->key) == code_len_next(p->prelen[k]) &&
                     !strncmp(row->key, p->pre[k], p->prelen[k]) && all_digits(row->key);
            break;
        }
        if (in) return true;
    }
    return false;
}

static bool col_in(E *e, const jue_table *t, int tid, size_t j, const colsel *c)
{
    switch (c->kind) {
    case CS_ALL: return true;
    case CS_NAMES:
        if (tid >= 0 && tid < JUE_NTABLES && e->ix[tid].natcols && e->d->tables[tid] == t) return j < 8 && c->mask[tid] >> j & 1;
        for (size_t k = 0; k < c->n; k++)
            if (!strcmp(t->cols[j].key, c->names[k])) return true;
        return false;
    case CS_VAR: {
        const bind *b = &e->b[c->var];
        if (b->table == tid) return (int)j == b->col;
        const jue_table *bt = e->d->tables[b->table];
        return bt && !strcmp(t->cols[j].key, bt->cols[b->col].key);
    }
    case CS_NONE: return false;
    }
    return false;
}

/* The columns of t that c takes, a bit each (col_in's answers), when t has
 * at most 64; false when it has more. */
static bool col_mask(E *e, const jue_table *t, int tid, const colsel *c, uint64_t *m)
{
    if (t->ncols > 64) return false;
    bool own = tid >= 0 && tid < JUE_NTABLES && e->d->tables[tid] == t;
    if (own && c->kind == CS_NAMES && e->ix[tid].natcols) {
        *m = c->mask[tid];
        return true;
    }
    if (c->kind == CS_VAR && e->b[c->var].table == tid && e->b[c->var].col >= 0 && (size_t)e->b[c->var].col < t->ncols) {
        *m = (uint64_t)1 << e->b[c->var].col;
        return true;
    }
    if (own && c->kind == CS_VAR && e->ix[tid].natcols) {   /* a column of another table with national columns */
        const bind *b = &e->b[c->var];
        if (b->table >= 0 && b->table < JUE_NTABLES && e->d->tables[b->table] && e->ix[b->table].natcols &&
            b->col >= 0 && b->col < 8) {
            *m = e->pack->natmap[b->table][b->col][tid];
            return true;
        }
    }
    *m = 0;
    for (size_t j = 0; j < t->ncols; j++)
        if (col_in(e, t, tid, j, c)) *m |= (uint64_t)1 << j;
    return true;
}

/* p with room for `need` items of `size` bytes (moved, perhaps; the first
 * room `first` items or more), or NULL with p left as it was. */
static void *grow(void *p, size_t *cap, size_t need, size_t size, size_t first)
{
    if (need <= *cap) return p;
    size_t nc = *cap ? *cap * 2 : first;
    while (nc < need) nc *= 2;
    void *np = realloc(p, nc * size);
    if (np) *cap = nc;
    return np;
}

/* One cell of the comparison being collected, with the current sign. */
static inline void lin_cell(joint *j, int tid, const jue_table *t, size_t r, size_t c)
{
    if (j->ns == j->caps) {
        term *s = grow(j->s, &j->caps, j->ns + 1, sizeof *j->s, 64);
        if (!s) {
            j->bad = j->nomem = true;
            return;
        }
        j->s = s;
    }
    j->s[j->ns++] = (term){ (uint32_t)(j->base[tid] + r * t->ncols + c), j->sign };
}

static inline void add_cell(val *v, const jue_table *t, int tid, size_t r, size_t c, bool *ovf, joint *j)
{
    const jue_cell *cell = jue_table_cell_c(t, r, c);
    if (v->table < 0) {
        v->table = tid;
        v->row = (int)r;
        v->col = (int)c;
    }
    /* A blank or a printed zero counts as exactly zero: the forms print 0.00
     * for an empty item, and giving each of twenty empty items ±0.005 would
     * let them hide a real gap (06表 公用经费 6.27 vs items 6.21). */
    if (!cell->present || cell->printed == 0) return;
    if (j && j->on) lin_cell(j, tid, t, r, c);
    jue_interval s;
    if (!iv_add(v->iv, cell->iv, &s) || __builtin_add_overflow(v->printed, cell->printed, &v->printed)) {
        *ovf = true;
        return;
    }
    v->iv = s;
    if (cell->decimals > v->dec) v->dec = cell->decimals;
}

static val val_zero(void)
{
    val v = { .iv = { 0, 0 }, .printed = 0, .dec = 2, .missing = false, .table = -1, .row = -1, .col = -1 };
    return v;
}

/* ---------- the document's index of rows ---------- */

/* Whether table tid has exactly the national columns (jue_table_new's): then
 * a colsel's mask for tid says which of its columns it names. */
static bool national_cols(const jue_table *t, int tid)
{
    for (size_t j = 0; j < t->ncols; j++) {
        const char *k = jue_table_national_col((jue_table_id)tid, j);
        if (!k || strcmp(k, t->cols[j].key)) return false;
    }
    return !jue_table_national_col((jue_table_id)tid, t->ncols);
}

/* A key's length, whether it is a code, its hash (key_hash) and, for a
 * code of 3 digits or more, its parent's (the hash of all but its last two
 * digits: FNV-1a's state there), in one pass. */
static void key_info(const char *k, rowinfo *ri)
{
    uint32_t len = 0;
    while (k[len] >= '0' && k[len] <= '9') len++;
    ri->code = len > 0 && !k[len];
    ri->phash = ri->code && len >= 3 ? key_hash(k, len - 2) : 0;
    uint32_t h = 2166136261u;
    for (len = 0; k[len]; len++) h = (h ^ (unsigned char)k[len]) * 16777619u;
    ri->len = len;
    ri->hash = h;
}

/* Pushes row i on the front of a bucket's chain. */
static void chain(int32_t *bucket, int32_t *next, int32_t i)
{
    *next = *bucket;
    *bucket = i;
}

/* Each table's index (tabix), made once per document. The rows go on their
 * chains last to first, so each chain lists them in row order. */
static void index_rows(E *e)
{
    for (int t = 0; t < JUE_NTABLES; t++) {
        const jue_table *tab = e->d->tables[t];
        tabix *x = &e->ix[t];
        if (!tab) continue;
        x->natcols = national_cols(tab, t);
        if (!tab->nrows || tab->nrows > INT32_MAX / 4) continue;
        size_t nb = 16;
        while (nb < 2 * tab->nrows) nb *= 2;
        x->r = malloc(tab->nrows * sizeof *x->r + 2 * nb * sizeof(int32_t));
        if (!x->r) continue;
        x->kb = (int32_t *)(x->r + tab->nrows);
        x->pb = x->kb + nb;
        x->mask = (uint32_t)nb - 1;
        memset(x->kb, 0xFF, 2 * nb * sizeof(int32_t));   /* -1: empty */
        for (size_t i = tab->nrows; i-- > 0;) {
            rowinfo *ri = &x->r[i];
            key_info(tab->rows[i].key, ri);
            ri->pnext = -1;
            ri->looked = false;
            ri->official = NULL;
            chain(&x->kb[ri->hash & x->mask], &ri->next, (int32_t)i);
            if (ri->code && ri->len >= 3) chain(&x->pb[ri->phash & x->mask], &ri->pnext, (int32_t)i);
        }
    }
}

/* The rows a scan for ref r looks at, in row order: every row (all) or, when
 * each of r's items names its rows by key, a code's children or a bound row,
 * those its keys can be — a row whose key is one of them or a child of a
 * code whose children are asked for. row_in_prep still decides each. */
enum { SCAN_MAX = 64 };
typedef struct {
    bool all;
    size_t n, row[SCAN_MAX];
} scan;

/* Adds the rows of t whose key is key, or (children) the codes one level
 * below code key; false when there are more than the scan holds. */
static bool scan_key(scan *s, const jue_table *t, const tabix *x, const char *key, size_t kl, bool children)
{
    uint32_t h = key_hash(key, kl);
    if (children) {
        for (int32_t i = x->pb[h & x->mask]; i >= 0; i = x->r[i].pnext)
            if (x->r[i].phash == h && x->r[i].len == code_len_next(kl) && !memcmp(t->rows[i].key, key, kl)) {
                if (s->n == SCAN_MAX) return false;
                s->row[s->n++] = (size_t)i;
            }
        return true;
    }
    for (int32_t i = x->kb[h & x->mask]; i >= 0; i = x->r[i].next)
        if (x->r[i].hash == h && x->r[i].len == kl && !memcmp(t->rows[i].key, key, kl)) {
            if (s->n == SCAN_MAX) return false;
            s->row[s->n++] = (size_t)i;
        }
    return true;
}

/* jue_table_find_row through the document's index: a chain lists the rows
 * in row order, so the first with the key on the side is the same row. */
static int find_row_h(E *e, const jue_table *t, int tid, const char *key, size_t kl, uint32_t h, jue_side side)
{
    const tabix *x = ix_of(e, t, tid);
    if (!x) return jue_table_find_row(t, key, side);
    for (int32_t i = x->kb[h & x->mask]; i >= 0; i = x->r[i].next)
        if (x->r[i].hash == h && x->r[i].len == kl && !memcmp(t->rows[i].key, key, kl) &&
            (side == JUE_SIDE_NONE || t->rows[i].side == side))
            return (int)i;
    return -1;
}

static int find_row(E *e, const jue_table *t, int tid, const char *key, jue_side side)
{
    size_t kl = strlen(key);
    return find_row_h(e, t, tid, key, kl, key_hash(key, kl), side);
}

/* The key of row variable v's row, its length and hash from the index of
 * its table; NULL when it is no row variable or that table has no index. */
static const char *var_row_key(E *e, int v, size_t *kl, uint32_t *h)
{
    const bind *b = &e->b[v];
    if (e->r->vars[v].kind != V_ROW || b->table < 0 || b->row < 0) return NULL;
    const jue_table *t = e->d->tables[b->table];
    const tabix *x = t ? ix_of(e, t, b->table) : NULL;
    if (!x) return NULL;
    *kl = x->r[b->row].len;
    *h = x->r[b->row].hash;
    return t->rows[b->row].key;
}

static void scan_rows(E *e, const jue_table *t, int tid, const ref *r, const rowprep *p, scan *s)
{
    s->n = 0;
    const tabix *tx = ix_of(e, t, tid);
    s->all = !p->fast || !tx;
    for (size_t k = 0; k < r->nrows && !s->all; k++) {
        const rowitem *it = &r->rows[k];
        if (it->kind != RI_KEY && it->kind != RI_CONCAT && it->kind != RI_VAR && it->kind != RI_CHILDREN) {
            s->all = true;   /* by level, or all */
        } else if (it->kind == RI_VAR && e->r->vars[it->var].kind == V_ROW && e->b[it->var].table == tid) {
            if (s->n == SCAN_MAX) s->all = true;
            else if (e->b[it->var].row >= 0) s->row[s->n++] = (size_t)e->b[it->var].row;
        } else if (p->pre[k]) {   /* none: the item takes no row */
            s->all = !scan_key(s, t, tx, p->pre[k], p->prelen[k], it->kind == RI_CHILDREN);
        }
    }
    for (size_t i = 1; i < s->n && !s->all; i++)   /* into row order */
        for (size_t j = i; j > 0 && s->row[j] < s->row[j - 1]; j--) {
            size_t x = s->row[j];
            s->row[j] = s->row[j - 1];
            s->row[j - 1] = x;
        }
    size_t u = 0;   /* each row once */
    for (size_t i = 0; i < s->n && !s->all; i++)
        if (!u || s->row[u - 1] != s->row[i]) s->row[u++] = s->row[i];
    if (!s->all) s->n = u;
    if (s->all) s->n = t->nrows;
}

/* The k-th row of a scan. */
static size_t scan_at(const scan *s, size_t k) { return s->all ? k : s->row[k]; }

/* Whether what was resolved at clock `at` still holds: none of the
 * variables in deps was bound since. */
static bool fresh(const E *e, uint32_t deps, uint64_t at)
{
    for (; deps; deps &= deps - 1)
        if (e->stamp[__builtin_ctz(deps)] > at) return false;
    return true;
}

/* Whether each of r's items takes rows by level (类/款/项) or all of them. */
static bool by_level(const ref *r)
{
    for (size_t k = 0; k < r->nrows; k++)
        if (r->rows[k].kind != RI_LEVEL && r->rows[k].kind != RI_ALL) return false;
    return r->nrows <= MAXPRE;
}

/* row_in_prep's answer for items by level or all: row i's side and level
 * against each item. */
static bool level_in(const jue_row *row, bool code, const ref *r)
{
    for (size_t k = 0; k < r->nrows; k++) {
        const rowitem *it = &r->rows[k];
        if (it->side != JUE_SIDE_NONE && row->side != it->side) continue;
        if (it->kind == RI_ALL || (row->level == it->level && code)) return true;
    }
    return false;
}

/* Room for n rows from E's pool; NULL when out of memory. */
static int32_t *pool_take(E *e, size_t n)
{
    rowblock *b = e->pool;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > 4096 ? n : 4096;
        rowblock *nb = malloc(sizeof *nb + cap * sizeof *nb->v);
        if (!nb) return NULL;
        *nb = (rowblock){ b, 0, cap };
        e->pool = b = nb;
    }
    int32_t *p = b->v + b->used;
    b->used += n;
    return p;
}

/* m's row list with room for cap rows, its n rows kept; false when out of memory. */
static bool memo_room(E *e, memo *m, uint32_t cap)
{
    int32_t *nr = pool_take(e, cap);
    if (!nr) return false;
    if (m->n) memcpy(nr, m->row, m->n * sizeof *nr);
    m->row = nr;
    m->cap = cap;
    return true;
}

/* Appends row i to m's rows; false when out of memory. */
static inline bool push_row(E *e, memo *m, size_t i)
{
    if (m->n == m->cap && !memo_room(e, m, m->cap ? 2 * m->cap : 16)) return false;
    m->row[m->n++] = (int32_t)i;
    return true;
}

enum { ROWS_FIRST = 1024 };

/* The rows of t a set takes under the current bindings, in row order,
 * into m; false when out of memory. */
static bool resolve_rows(E *e, const jue_table *t, int tid, const ref *r, memo *m)
{
    if (!(e->mstate[r->rid] & M_ROOM)) {
        m->row = NULL;
        m->cap = 0;
        e->mstate[r->rid] |= M_ROOM;
    }
    m->n = 0;
    /* room for every row of the table at once, up to ROWS_FIRST (more as they come) */
    size_t want = t->nrows < ROWS_FIRST ? t->nrows : ROWS_FIRST;
    if (m->cap < want && !memo_room(e, m, (uint32_t)want)) return false;
    const rowitem *it = &r->rows[0];
    const tabix *x = ix_of(e, t, tid);
    if (r->nrows == 1 && it->kind == RI_VAR && e->b[it->var].table == tid && e->r->vars[it->var].kind == V_ROW) {
        int i = e->b[it->var].row;   /* a row variable of its own table */
        if (i >= 0 && (it->side == JUE_SIDE_NONE || t->rows[i].side == it->side)) return push_row(e, m, (size_t)i);
        return true;
    }
    if (x && by_level(r)) {
        for (size_t i = 0; i < t->nrows; i++) {
            const jue_row *row = &t->rows[i];
            bool in = (unsigned)row->side <= JUE_SIDE_PUBLIC && (unsigned)row->level <= JUE_LEVEL_XIANG
                          ? (r->lvtake[row->side] & LV_ANY) ||
                                (x->r[i].code && (r->lvtake[row->side] >> row->level & 1))
                          : level_in(row, x->r[i].code, r);
            if (in && !push_row(e, m, i)) return false;
        }
        return true;
    }
    rowprep rp;
    prep_rows(e, r, tid, &rp);
    scan sc;
    scan_rows(e, t, tid, r, &rp, &sc);
    for (size_t k = 0; k < sc.n; k++) {
        size_t i = scan_at(&sc, k);
        if (row_in_prep(e, t, tid, x, i, r, &rp) && !push_row(e, m, i)) return false;
    }
    return true;
}

/* A one-cell ref's row: by key (a variable in its own table by index). */
static void resolve_one(E *e, const jue_table *t, int tid, const ref *r, memo *m)
{
    const rowitem *it = &r->rows[0];
    int row = -1;
    char buf[256];
    const char *key = it->kind == RI_CONCAT ? concat_key(e, it, buf, sizeof buf) : it->key;
    if (it->kind == RI_VAR) {
        const bind *b = &e->b[it->var];
        size_t kl;
        uint32_t h;
        if (e->r->vars[it->var].kind == V_ROW && b->table == tid) row = b->row;
        else if ((key = var_row_key(e, it->var, &kl, &h)) != NULL) {   /* its hash is known */
            m->one = find_row_h(e, t, tid, key, kl, h, it->side);
            m->missing = m->one < 0 && !all_digits(key);
            return;
        } else key = var_key(e, it->var, NULL);
    }
    if (row < 0 && key) row = find_row(e, t, tid, key, it->side);
    m->one = row;
    /* a code the table does not list is zero; a missing named line is not there */
    m->missing = row < 0 && (!key || !all_digits(key));
}

/* r's rows in t (one: a one-cell ref's) resolved into its memo; NULL when
 * out of memory. */
static __attribute__((noinline)) const memo *resolve(E *e, const ref *r, const jue_table *t, int tid, bool one)
{
    memo *m = &e->m[r->rid];
    e->mstate[r->rid] &= (uint8_t)~M_ROWS;
    if (one) resolve_one(e, t, tid, r, m);
    else if (!resolve_rows(e, t, tid, r, m)) {
        e->nomem = true;
        return NULL;
    }
    e->mstate[r->rid] |= M_ROWS;
    m->rat = e->clock;
    return m;
}

/* r's rows in t, resolved again only when a variable they depend on was
 * bound since. */
static inline const memo *rows_of(E *e, const ref *r, const jue_table *t, int tid, bool one)
{
    const memo *m = &e->m[r->rid];
    if ((e->mstate[r->rid] & M_ROWS) && fresh(e, r->rdeps, m->rat)) return m;
    return resolve(e, r, t, tid, one);
}

static __attribute__((noinline)) const memo *resolve_cols(E *e, const ref *r, const jue_table *t, int tid)
{
    memo *m = &e->m[r->id];
    m->listed = col_mask(e, t, tid, &r->cols, &m->cols);
    e->mstate[r->id] |= M_COLS;
    m->cat = e->clock;
    return m;
}

/* r's columns in t (col_mask), kept the same way. */
static inline const memo *cols_of(E *e, const ref *r, const jue_table *t, int tid)
{
    const memo *m = &e->m[r->id];
    if ((e->mstate[r->id] & M_COLS) && fresh(e, r->cdeps, m->cat)) return m;
    return resolve_cols(e, r, t, tid);
}

/* The row a one-cell ref takes (-1: none; *missing: the rule does not
 * apply); a row variable of its own table is its row. */
static inline int one_row(E *e, const ref *r, const jue_table *t, int tid, bool *missing)
{
    const rowitem *it = &r->rows[0];
    if (it->rowvar && e->b[it->var].table == tid) return e->b[it->var].row;
    const memo *m = rows_of(e, r, t, tid, true);
    *missing = m->missing;
    return m->one;
}

/* A column variable's column in its own table (col_mask's answer), else -1. */
static inline int own_col(const E *e, const colsel *c, const jue_table *t, int tid)
{
    if (c->kind != CS_VAR || e->b[c->var].table != tid || t->ncols > 64) return -1;
    int j = e->b[c->var].col;
    return j >= 0 && (size_t)j < t->ncols ? j : -1;
}

static val eval_one(E *e, const ref *r, const jue_table *t, int tid, bool *ovf)
{
    val v = val_zero();
    bool missing = false;
    int row = one_row(e, r, t, tid, &missing);
    if (row < 0) {
        v.missing = missing;
        return v;
    }
    int own = own_col(e, &r->cols, t, tid);
    if (own >= 0) {
        add_cell(&v, t, tid, (size_t)row, (size_t)own, ovf, e->j);
        return v;
    }
    const memo *m = cols_of(e, r, t, tid);
    if (m->listed) {   /* the first column it names */
        if (m->cols) add_cell(&v, t, tid, (size_t)row, (size_t)__builtin_ctzll(m->cols), ovf, e->j);
        else v.missing = true;
        return v;
    }
    for (size_t j = 0; j < t->ncols; j++)
        if (col_in(e, t, tid, j, &r->cols)) {
            add_cell(&v, t, tid, (size_t)row, j, ovf, e->j);
            return v;
        }
    v.missing = true;
    return v;
}

static val eval_ref(E *e, const ref *r, bool *ovf)
{
    val v = val_zero();
    int tid = table_id_of(e, r->table, r->tvar);
    const jue_table *t = table_of(e, r->table, r->tvar);
    if (!t) { v.missing = true; return v; }
    if (!r->multi) return eval_one(e, r, t, tid, ovf);
    const memo *rm = rows_of(e, r, t, tid, false);
    if (!rm) { v.missing = true; return v; }
    /* the ref's columns, the same for every row (a table wider than the
     * mask tests them at each row) */
    int own = own_col(e, &r->cols, t, tid);
    if (own >= 0) {
        for (uint32_t k = 0; k < rm->n; k++) add_cell(&v, t, tid, (size_t)rm->row[k], (size_t)own, ovf, e->j);
        return v;
    }
    const memo *cm = cols_of(e, r, t, tid);
    for (uint32_t k = 0; k < rm->n; k++) {
        size_t i = (size_t)rm->row[k];
        for (uint64_t m = cm->listed ? cm->cols : 0; m; m &= m - 1) add_cell(&v, t, tid, i, (size_t)__builtin_ctzll(m), ovf, e->j);
        for (size_t j = 0; !cm->listed && j < t->ncols; j++)
            if (col_in(e, t, tid, j, &r->cols)) add_cell(&v, t, tid, i, j, ovf, e->j);
    }
    return v;
}

static void lin_flip(E *e)
{
    if (e->j && e->j->on) e->j->sign = -e->j->sign;
}

static bool is_leaf(const expr *x) { return x->kind == E_NUM || x->kind == E_REF || x->kind == E_SUM; }

static val eval_leaf(E *e, const expr *x, bool *ovf)
{
    if (x->kind != E_NUM) return eval_ref(e, &x->r, ovf);
    if (e->j && e->j->on) {
        joint *j = e->j;
        if (j->sign > 0 ? __builtin_add_overflow(j->k, x->num, &j->k) : __builtin_sub_overflow(j->k, x->num, &j->k))
            j->bad = true;
    }
    val v = val_zero();
    v.iv = jue_iv_exact(x->num);
    v.printed = x->num;
    v.dec = x->num_dec;
    return v;
}

/* v = v + b (sub: v − b), as an E_ADD (E_SUB) node of v and b gives it. */
static void combine(val *v, const val *b, bool sub, bool *ovf)
{
    val a = *v;
    v->missing = a.missing || b->missing;
    bool ok = !sub ? iv_add(a.iv, b->iv, &v->iv) : iv_sub(a.iv, b->iv, &v->iv);
    if (!ok || (!sub ? __builtin_add_overflow(a.printed, b->printed, &v->printed)
                     : __builtin_sub_overflow(a.printed, b->printed, &v->printed)))
        *ovf = true;
    if (b->dec > v->dec) v->dec = b->dec;
    if (v->table < 0) { v->table = b->table; v->row = b->row; v->col = b->col; }
}

enum { CHAIN_MAX = 32 };

/* a + b − c …, parsed as ((a + b) − c) …: the nodes down the left side to
 * a leaf, each with a leaf on its right, into node[] from the top; 0 when
 * x is no such chain (or a longer one). */
static size_t left_chain(const expr *x, const expr **node)
{
    size_t n = 0;
    for (; x->kind == E_ADD || x->kind == E_SUB; x = x->a) {
        if (n == CHAIN_MAX || !is_leaf(x->b)) return 0;
        node[n++] = x;
    }
    return is_leaf(x) ? n : 0;
}

static val eval_expr(E *e, const expr *x, bool *ovf)
{
    const expr *node[CHAIN_MAX];
    size_t n;
    if (is_leaf(x)) return eval_leaf(e, x, ovf);
    if ((n = left_chain(x, node)) > 0) {
        /* the same operations in the same order as the tree's, without recursing */
        val v = eval_leaf(e, node[n - 1]->a, ovf);
        while (n-- > 0) {
            bool sub = node[n]->kind == E_SUB;
            if (sub) lin_flip(e);
            val b = eval_leaf(e, node[n]->b, ovf);
            if (sub) lin_flip(e);
            combine(&v, &b, sub, ovf);
        }
        return v;
    }
    val v = val_zero();
    switch (x->kind) {
    case E_NEG:
        lin_flip(e);
        v = eval_expr(e, x->a, ovf);
        lin_flip(e);
        v.iv = jue_iv_neg(v.iv);
        v.printed = -v.printed;
        return v;
    case E_ADD:
    case E_SUB: {
        val a = eval_expr(e, x->a, ovf);
        if (x->kind == E_SUB) lin_flip(e);
        val b = eval_expr(e, x->b, ovf);
        if (x->kind == E_SUB) lin_flip(e);
        v = a;
        combine(&v, &b, x->kind == E_SUB, ovf);
        return v;
    }
    default:
        return v;
    }
}

/* ---------- catalog built-ins ---------- */

static jue_cat_kind kind_of(int tid) { return tid == JUE_T06 ? JUE_CAT_ECONOMIC : JUE_CAT_FUNCTIONAL; }

/* Names compared without spaces (ASCII and U+3000), which layouts add, and
 * with full-width and ASCII parentheses alike (退职（役）费 / 退职(役)费):
 * a typesetting choice, not a wrong name. */
/* Whether s starts with the three bytes of a character (none of them NUL). */
static inline bool starts3(const char *s, const char *c3)
{
    return s[0] == c3[0] && s[1] == c3[1] && s[2] == c3[2];
}

static const char *name_char(const char *s, char *c)
{
    while (*s == ' ' || *s == '\t' || starts3(s, "\xE3\x80\x80")) s += *s == ' ' || *s == '\t' ? 1 : 3;
    if (starts3(s, "\xEF\xBC\x88")) { *c = '('; return s + 3; }
    if (starts3(s, "\xEF\xBC\x89")) { *c = ')'; return s + 3; }
    *c = *s;
    return *s ? s + 1 : s;
}

static bool same_name(const char *a, const char *b)
{
    if (!strcmp(a, b)) return true;
    /* the bytes both have alike up to a blank, a tab or a character led by
     * E3 or EF (U+3000, the full-width brackets): name_char passes them one
     * by one either way */
    while (*a && *a == *b && *a != ' ' && *a != '\t' && *a != '\xE3' && *a != '\xEF') a++, b++;
    if (!*a && !*b) return true;
    for (;;) {
        char x, y;
        a = name_char(a, &x);
        b = name_char(b, &y);
        if (x != y) return false;
        if (!x) return true;
    }
}

/* The code row just above row i with a shorter code: where i is printed under. */
static int printed_parent(E *e, const jue_table *t, int tid, size_t i)
{
    size_t n = row_len(e, t, tid, i);
    jue_side side = t->rows[i].side;
    const tabix *x = ix_of(e, t, tid);
    for (size_t q = i; q-- > 0;) {
        if (side != JUE_SIDE_NONE && t->rows[q].side != side) continue;
        if (x ? x->r[q].code && x->r[q].len < n : row_code(e, t, tid, q) && row_len(e, t, tid, q) < n) return (int)q;
    }
    return -1;
}

typedef struct {
    char expected[512], actual[512];
    bool has;
} detail;

/* The catalog's name of row i's code in the document's year, looked up once
 * a document (the built-ins ask it of a row for several rules). */
static const char *official_name(E *e, const jue_table *t, int tid, size_t i)
{
    const tabix *x = ix_of(e, t, tid);
    if (x && x->r[i].looked) return x->r[i].official;
    const char *n = jue_catalog_name(e->cat, kind_of(tid), t->rows[i].key, e->d->year);
    if (x) x->r[i].looked = true, x->r[i].official = n;
    return n;
}

static tri eval_builtin(E *e, const cond *c, detail *dt)
{
    const bind *b = &e->b[c->var];
    const jue_table *t = e->d->tables[b->table];
    if (!t || b->row < 0) return R_SKIP;
    const jue_row *row = &t->rows[b->row];
    if (!row_code(e, t, b->table, (size_t)b->row) || !e->cat || e->d->year <= 0) return R_TRUE;   /* not applicable */
    jue_cat_kind kind = kind_of(b->table);
    /* a year the catalog does not cover: no code or name is known wrong
     * (catalog.year says so once) */
    if (!e->covers[kind]) e->covers[kind] = jue_catalog_covers(e->cat, kind, e->d->year) ? 1 : 2;
    if (c->kind != C_PLACED && e->covers[kind] != 1) return R_SKIP;
    const char *official = c->kind == C_PLACED ? NULL : official_name(e, t, b->table, (size_t)b->row);
    switch (c->kind) {
    case C_INCAT:
        if (official) return R_TRUE;
        /* a code where the catalog does not list every code may be real */
        if (!jue_catalog_complete_for(e->cat, kind, row->key)) return R_SKIP;
        if (dt) {
            snprintf(dt->expected, sizeof dt->expected, "%d年政府收支分类科目中的科目", e->d->year);
            snprintf(dt->actual, sizeof dt->actual, "%s", row->key);
            dt->has = true;
        }
        return R_FALSE;
    case C_NAMEOK:
        /* a name the door did not read (a blank cell) is not a wrong name */
        if (!official || !row->name || !row->name[0] || same_name(official, row->name)) return R_TRUE;
        if (dt) {
            snprintf(dt->expected, sizeof dt->expected, "%s", official);
            snprintf(dt->actual, sizeof dt->actual, "%s", row->name);
            dt->has = true;
        }
        return R_FALSE;
    case C_PLACED: {
        char parent[16];
        size_t n = row_len(e, t, b->table, (size_t)b->row);
        /* jue_code_parent's answer: a 款 or 项 code (not a 类) is under its first n − 2 digits */
        if (n != 5 && (n != 7 || kind != JUE_CAT_FUNCTIONAL)) return R_TRUE;
        int q = printed_parent(e, t, b->table, (size_t)b->row);
        if (q >= 0 && row_len(e, t, b->table, (size_t)q) == n - 2 && !memcmp(t->rows[q].key, row->key, n - 2))
            return R_TRUE;
        memcpy(parent, row->key, n - 2);
        parent[n - 2] = 0;
        if (dt) {
            snprintf(dt->expected, sizeof dt->expected, "列在 %s 之下", parent);
            if (q >= 0) snprintf(dt->actual, sizeof dt->actual, "列在 %s 之下", t->rows[q].key);
            else snprintf(dt->actual, sizeof dt->actual, "不在任何上级科目之下");
            dt->has = true;
        }
        return R_FALSE;
    }
    default: return R_TRUE;
    }
}

/* ---------- conditions ---------- */

typedef struct {
    val lhs, rhs;
    jue_fen allowed;
    bool is_cmp;
    bool tail;           /* holds, but only thanks to rounding */
} cmpinfo;

static void lin_begin(joint *j)
{
    j->on = true;
    j->bad = false;
    j->sign = 1;
    j->k = 0;
    j->ns = 0;
}

/* Keeps the collected lhs − rhs + k = 0 as Σ a·x = −k: one term per cell
 * (a cell on both sides, or twice in a sum, adds up; a zero coefficient
 * goes). */
static void lin_commit(joint *j, const rule *r)
{
    if (j->bad || j->k == INT64_MIN) return;
    /* insertion sort: the cells come nearly in table order */
    for (size_t i = 1; i < j->ns; i++) {
        term x = j->s[i];
        size_t k = i;
        for (; k > 0 && j->s[k - 1].v > x.v; k--) j->s[k] = j->s[k - 1];
        j->s[k] = x;
    }
    size_t n = 0;
    for (size_t i = 0; i < j->ns; i++) {
        if (n && j->s[n - 1].v == j->s[i].v) j->s[n - 1].a += j->s[i].a;
        else j->s[n++] = j->s[i];
        if (j->s[n - 1].a == 0) n--;
    }
    if (!n) return;   /* only constants: the comparison itself decided it */
    /* a document of the national tables keeps some 600 terms in 230 equations */
    term *t = grow(j->t, &j->capt, j->nt + n, sizeof *j->t, 1024);
    if (t) j->t = t;
    equation *q = t ? grow(j->q, &j->capq, j->nq + 1, sizeof *j->q, 256) : NULL;
    if (!q) {
        j->nomem = true;
        return;
    }
    j->q = q;
    memcpy(j->t + j->nt, j->s, n * sizeof *j->s);
    j->q[j->nq++] = (equation){ j->nt, n, -j->k, r };
    j->nt += n;
}

/* rec: a comparison here that holds is kept for the joint check — true only
 * down the `and`s of an error rule's requirement, where holding is asserted. */
static tri eval_cond(E *e, const cond *c, cmpinfo *ci, detail *dt, bool rec)
{
    bool ovf = false;
    switch (c->kind) {
    case C_AND: {
        /* the failing part explains the finding (expected/actual) */
        tri a = eval_cond(e, c->a, NULL, dt, rec);
        if (a != R_TRUE) return a;
        return eval_cond(e, c->b, NULL, dt, rec);
    }
    case C_OR: {
        tri a = eval_cond(e, c->a, NULL, NULL, false);
        if (a != R_FALSE) return a;
        return eval_cond(e, c->b, NULL, NULL, false);
    }
    case C_NOT: {
        tri a = eval_cond(e, c->a, NULL, NULL, false);
        return a == R_SKIP ? R_SKIP : a == R_TRUE ? R_FALSE : R_TRUE;
    }
    case C_CMP: {
        /* an explicit tolerance says the identity is only approximate */
        joint *j = rec && e->j && c->op == OP_EQ && c->tol == 0 ? e->j : NULL;
        if (j) lin_begin(j);
        val l = eval_expr(e, c->x, &ovf);
        if (j) j->sign = -1;
        val r = eval_expr(e, c->y, &ovf);
        if (j) j->on = false;
        if (l.missing || r.missing || ovf) return R_SKIP;
        jue_interval lw = l.iv;
        /* an explicit tolerance widens the left side */
        if (__builtin_sub_overflow(lw.lo, c->tol, &lw.lo) || __builtin_add_overflow(lw.hi, c->tol, &lw.hi))
            return R_SKIP;
        bool ok = c->op == OP_EQ ? iv_overlaps(lw, r.iv) : c->op == OP_LE ? lw.lo <= r.iv.hi : lw.hi >= r.iv.lo;
        if (j && ok) lin_commit(j, e->r);
        if (ci) {
            ci->is_cmp = true;
            ci->lhs = l;
            ci->rhs = r;
            ci->allowed = ((l.iv.hi - l.iv.lo) + (r.iv.hi - r.iv.lo)) / 2 + c->tol;
            ci->tail = ok && c->op == OP_EQ && l.printed != r.printed;
        }
        return ok ? R_TRUE : R_FALSE;
    }
    case C_PRESENT: {
        int tid = table_id_of(e, c->table, c->tvar);
        return tid >= 0 && (e->d->tables[tid] || e->d->unread[tid]) ? R_TRUE : R_FALSE;
    }
    case C_OTHER:
        return e->d->other_table ? R_TRUE : R_FALSE;
    case C_COVERS: {
        int from, to, y = e->d->year;
        if (!e->cat || y <= 0 || jue_catalog_covers(e->cat, JUE_CAT_FUNCTIONAL, y)) return R_TRUE;
        jue_catalog_years(e->cat, JUE_CAT_FUNCTIONAL, &from, &to);
        if (dt) {
            snprintf(dt->expected, sizeof dt->expected, "%d–%d年", from, to);
            snprintf(dt->actual, sizeof dt->actual, "%d年", y);
            dt->has = true;
        }
        return R_FALSE;
    }
    case C_EMPTY: {
        const jue_table *t = table_of(e, c->table, c->tvar);
        return t ? (jue_table_is_empty(t) ? R_TRUE : R_FALSE) : R_SKIP;
    }
    case C_HASNOTE: {
        const jue_table *t = table_of(e, c->table, c->tvar);
        if (!t) return R_SKIP;
        return t->note && t->note[0] ? R_TRUE : R_FALSE;
    }
    case C_NONEMPTY:
    case C_EXISTS: {
        const jue_table *t = table_of(e, c->r.table, c->r.tvar);
        int tid = table_id_of(e, c->r.table, c->r.tvar);
        if (!t) return R_SKIP;
        const memo *m = rows_of(e, &c->r, t, tid, false);
        if (!m) return R_SKIP;
        if (m->n) return R_TRUE;
        if (dt && c->kind == C_EXISTS && c->r.nrows == 1) {
            const rowitem *it = &c->r.rows[0];
            const char *k = it->kind == RI_VAR ? var_key(e, it->var, NULL) : it->key;
            snprintf(dt->expected, sizeof dt->expected, "公开%02d表中的 %s 行", tid + 1, k ? k : "?");
            snprintf(dt->actual, sizeof dt->actual, "没有该行");
            dt->has = true;
        }
        return R_FALSE;
    }
    case C_NONZERO: {
        val v = eval_expr(e, c->x, &ovf);
        if (v.missing || ovf) return R_SKIP;
        return v.printed != 0 ? R_TRUE : R_FALSE;
    }
    case C_UNIT:
        return e->d->type == c->unit ? R_TRUE : R_FALSE;
    case C_INCAT:
    case C_NAMEOK:
    case C_PLACED:
        return eval_builtin(e, c, dt);
    }
    return R_SKIP;
}

/* ---------- findings ---------- */

static void put_var(E *e, int v, mkind k, jue_buf *out)
{
    const bind *b = &e->b[v];
    const jue_table *t = b->table >= 0 ? e->d->tables[b->table] : NULL;
    switch (e->r->vars[v].kind) {
    case V_TABLE:
        if (k == M_TITLE) jue_buf_puts(out, jue_table_title((jue_table_id)b->table));
        else jue_buf_puts(out, jue_table_label((jue_table_id)b->table));
        return;
    case V_COL:
        if (t) jue_buf_puts(out, t->cols[b->col].key);
        return;
    case V_ROW:
        break;
    }
    if (!t) return;
    const jue_row *row = &t->rows[b->row];
    char parent[16];
    const char *nm;
    switch (k) {
    case M_NAME: jue_buf_puts(out, row->name ? row->name : row->key); break;
    case M_CATNAME:
        nm = e->cat && all_digits(row->key)
                 ? jue_catalog_name(e->cat, kind_of(b->table), row->key, e->d->year) : NULL;
        jue_buf_puts(out, nm ? nm : "?");
        break;
    case M_PARENT:
        jue_buf_puts(out, jue_code_parent(kind_of(b->table), row->key, parent, sizeof parent) ? parent : "");
        break;
    default: jue_buf_puts(out, row->key); break;
    }
}

static void render_message(E *e, const cmpinfo *ci, const detail *dt, const char *expected,
                           const char *actual, jue_buf *out)
{
    const rule *r = e->r;
    if (r->nmsg == 0) {
        if (ci->is_cmp) {
            fmt_val(e, &ci->lhs, out);
            jue_buf_puts(out, " 与 ");
            fmt_val(e, &ci->rhs, out);
            jue_buf_puts(out, " 相差 ");
            fmt_gap(e, &ci->lhs, &ci->rhs, out);
            jue_buf_puts(out, "，超过尾差允许的 ");
            fmt_small(ci->allowed, unit_digits(e, ci->lhs.table), out);
        } else {
            jue_buf_printf(out, "未通过审核规则 %s", r->id);
        }
        return;
    }
    for (size_t i = 0; i < r->nmsg; i++) {
        const mpart *m = &r->msg[i];
        bool ovf = false;
        switch (m->kind) {
        case M_TEXT: jue_buf_puts(out, m->text); break;
        case M_EXPR: {
            val v = eval_expr(e, m->e, &ovf);
            if (ovf) v.missing = true;
            fmt_val(e, &v, out);
            break;
        }
        case M_LHS: if (ci->is_cmp) fmt_val(e, &ci->lhs, out); break;
        case M_RHS: if (ci->is_cmp) fmt_val(e, &ci->rhs, out); break;
        case M_DIFF:
            if (ci->is_cmp) fmt_gap(e, &ci->lhs, &ci->rhs, out);
            break;
        case M_ALLOWED: if (ci->is_cmp) fmt_small(ci->allowed, unit_digits(e, ci->lhs.table), out); break;
        case M_EXPECTED: jue_buf_puts(out, expected ? expected : (dt->has ? dt->expected : "")); break;
        case M_ACTUAL: jue_buf_puts(out, actual ? actual : (dt->has ? dt->actual : "")); break;
        case M_VAR: case M_NAME: case M_CATNAME: case M_CODE: case M_PARENT: case M_LABEL: case M_TITLE:
            put_var(e, m->var, m->kind, out);
            break;
        }
    }
}

/* ---------- joint feasibility: bounds propagation ---------- */

/* Each equation is revised at most this many times per run (a round cap):
 * printed bounds move in steps of 0.005 万元, so real contradictions show in
 * a few rounds; the cap only bounds the work on pathological inputs. */
#define JOINT_ROUNDS 64
/* An explanation is minimised (one propagation per equation) up to this size. */
#define JOINT_EXPLAIN_MAX 64
/* Figures quoted in the message; the rest are counted. */
#define JOINT_LIST_MAX 12

typedef struct {
    joint *j;
    size_t nv;
    uint32_t *flat;          /* variable → flat cell; variables are numbered in cell order */
    jue_interval *d0, *d;    /* printed domain, current domain */
    int32_t *lo_by, *hi_by;  /* equation that last moved the bound, -1 = as printed */
    uint32_t *adj0, *adj;    /* equations of variable v: adj[adj0[v] .. adj0[v+1]) */
    uint32_t *ecomp;         /* per equation: its group (a union-find root variable) */
    uint32_t *queue;         /* circular, each equation at most once */
    size_t head, count, budget;
    uint8_t *inq, *on;       /* per equation: queued; part of this run */
} solver;

static bool div_floor(int64_t n, int64_t a, int64_t *out)
{
    if (a == 0 || (n == INT64_MIN && a == -1)) return false;
    int64_t q = n / a;
    if (n % a != 0 && ((n < 0) != (a < 0))) q--;
    *out = q;
    return true;
}

static bool div_ceil(int64_t n, int64_t a, int64_t *out)
{
    if (a == 0 || (n == INT64_MIN && a == -1)) return false;
    int64_t q = n / a;
    if (n % a != 0 && ((n < 0) == (a < 0))) q++;
    *out = q;
    return true;
}

/* a·x for x in d */
static inline bool term_range(int64_t a, jue_interval d, jue_interval *out)
{
    /* most terms: a cell once on one side (what the multiplications give) */
    if (a == 1) {
        *out = d;
        return true;
    }
    if (a == -1 && d.lo != INT64_MIN && d.hi != INT64_MIN) {
        *out = (jue_interval){ -d.hi, -d.lo };
        return true;
    }
    int64_t p, q;
    if (__builtin_mul_overflow(a, d.lo, &p) || __builtin_mul_overflow(a, d.hi, &q)) return false;
    *out = a > 0 ? (jue_interval){ p, q } : (jue_interval){ q, p };
    return true;
}

static void sv_push(solver *s, uint32_t qi)
{
    if (!s->on[qi] || s->inq[qi]) return;
    s->queue[(s->head + s->count) % s->j->nq] = qi;
    s->count++;
    s->inq[qi] = 1;
}

/* Narrows each variable of equation qi to what the others leave it:
 * a_v·x_v = c − Σ others, divided with outward rounding. Returns a variable
 * left with an empty domain, or -1. An overflowing step is skipped (it can
 * only make the check miss something, never invent it). */
static long sv_revise(solver *s, uint32_t qi, bool track)
{
    const equation *q = &s->j->q[qi];
    const term *tm = s->j->t + q->first;
    jue_fen slo = 0, shi = 0;
    for (size_t i = 0; i < q->n; i++) {
        jue_interval p;
        if (!term_range(tm[i].a, s->d[tm[i].v], &p) || __builtin_add_overflow(slo, p.lo, &slo) ||
            __builtin_add_overflow(shi, p.hi, &shi))
            return -1;
    }
    for (size_t i = 0; i < q->n; i++) {
        uint32_t v = tm[i].v;
        int64_t a = tm[i].a;
        jue_interval p, y;
        jue_fen rlo, rhi, lo, hi;
        if (!term_range(a, s->d[v], &p) || __builtin_sub_overflow(slo, p.lo, &rlo) ||
            __builtin_sub_overflow(shi, p.hi, &rhi) || __builtin_sub_overflow(q->c, rhi, &y.lo) ||
            __builtin_sub_overflow(q->c, rlo, &y.hi))
            continue;
        if (a == 1) lo = y.lo, hi = y.hi;   /* div_floor's and div_ceil's answers by ±1 */
        else if (a == -1 && y.lo != INT64_MIN && y.hi != INT64_MIN) lo = -y.hi, hi = -y.lo;
        else if (a > 0 ? !div_floor(y.lo, a, &lo) || !div_ceil(y.hi, a, &hi)
                       : !div_floor(y.hi, a, &lo) || !div_ceil(y.lo, a, &hi))
            continue;
        bool moved = false;
        if (lo > s->d[v].lo) {
            s->d[v].lo = lo;
            if (track) s->lo_by[v] = (int32_t)qi;
            moved = true;
        }
        if (hi < s->d[v].hi) {
            s->d[v].hi = hi;
            if (track) s->hi_by[v] = (int32_t)qi;
            moved = true;
        }
        if (s->d[v].lo > s->d[v].hi) return (long)v;
        if (moved)
            for (uint32_t k = s->adj0[v]; k < s->adj0[v + 1]; k++)
                if (s->adj[k] != qi) sv_push(s, s->adj[k]);
    }
    return -1;
}

/* Starts a run over the equations marked `on`, from the printed domains of
 * their variables. */
static void sv_start(solver *s)
{
    const joint *j = s->j;
    size_t n = 0;
    s->head = s->count = 0;
    for (size_t i = 0; i < j->nq; i++) {
        s->inq[i] = 0;
        if (!s->on[i]) continue;
        n++;
        const term *tm = j->t + j->q[i].first;
        for (size_t k = 0; k < j->q[i].n; k++) {
            s->d[tm[k].v] = s->d0[tm[k].v];
            s->lo_by[tm[k].v] = s->hi_by[tm[k].v] = -1;
        }
    }
    for (size_t i = 0; i < j->nq; i++) sv_push(s, (uint32_t)i);
    s->budget = n * JOINT_ROUNDS;
}

/* Propagates until the queue is empty (a fixpoint), the budget is spent, or
 * an equation empties a domain: returns that equation, else -1. Can be
 * called again to go on. */
static long sv_run(solver *s, bool track)
{
    while (s->count && s->budget) {
        uint32_t qi = s->queue[s->head];
        s->head = (s->head + 1) % s->j->nq;
        s->count--;
        s->budget--;
        s->inq[qi] = 0;
        if (s->on[qi] && sv_revise(s, qi, track) >= 0) return qi;
    }
    return -1;
}

/* Do just the equations listed contradict each other? */
static bool sv_infeasible(solver *s, const uint32_t *eqs, size_t n)
{
    memset(s->on, 0, s->j->nq);
    for (size_t i = 0; i < n; i++) s->on[eqs[i]] = 1;
    sv_start(s);
    return sv_run(s, false) >= 0;
}

static uint32_t uf_find(uint32_t *parent, uint32_t x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

static pending *new_pending(E *e)
{
    if (e->n == e->cap) {
        size_t nc = e->cap ? e->cap * 2 : 32;
        pending *np = realloc(e->items, nc * sizeof *np);
        if (!np) { e->nomem = true; return NULL; }
        e->items = np;
        e->cap = nc;
    }
    pending *p = &e->items[e->n];
    memset(p, 0, sizeof *p);
    p->seq = e->seq++;
    p->table = p->row = p->col = -1;
    p->f.table = -1;
    return p;
}

static void cell_of(E *e, const joint *j, uint32_t flat, int *tid, size_t *r, size_t *c)
{
    int t = 0;
    while (t + 1 < JUE_NTABLES && flat >= j->base[t + 1]) t++;
    const jue_table *tab = e->d->tables[t];
    *tid = t;
    *r = (flat - j->base[t]) / tab->ncols;
    *c = (flat - j->base[t]) % tab->ncols;
}

/* "02表 210 卫生健康支出 本年收入合计 51,262.29": a figure as printed, where it is */
static void put_figure(E *e, const joint *j, uint32_t flat, jue_buf *out)
{
    int tid;
    size_t r, c;
    cell_of(e, j, flat, &tid, &r, &c);
    const jue_table *t = e->d->tables[tid];
    const jue_row *row = &t->rows[r];
    const jue_cell *cell = jue_table_cell_c(t, r, c);
    jue_buf_printf(out, "%02d表 %s", tid + 1, row->key);
    if (all_digits(row->key) && row->name && row->name[0]) jue_buf_printf(out, " %s", row->name);
    if (t->ncols > 1) jue_buf_printf(out, " %s", t->cols[c].key);
    jue_buf_putc(out, ' ');
    fmt_amount(cell->printed, cell->decimals, unit_digits(e, tid), out);
}

/* One warning for a group of contradicting equations eqs[0..n): names every
 * figure in them, located at the first in table order. */
static void emit_joint(E *e, const solver *s, const uint32_t *eqs, size_t n, uint8_t *vmark)
{
    const joint *j = s->j;
    size_t nfig = 0;
    uint32_t first = UINT32_MAX;
    for (size_t i = 0; i < n; i++) {
        const term *tm = j->t + j->q[eqs[i]].first;
        for (size_t k = 0; k < j->q[eqs[i]].n; k++)
            if (!vmark[tm[k].v]) {
                vmark[tm[k].v] = 1;
                nfig++;
                if (tm[k].v < first) first = tm[k].v;
            }
    }
    jue_buf m, x;
    jue_buf_init(&m);
    jue_buf_init(&x);
    /* variables are numbered in cell order: a scan lists them in table order */
    size_t shown = 0;
    for (uint32_t v = first; v < s->nv && shown < nfig; v++) {
        if (!vmark[v]) continue;
        vmark[v] = 0;
        if (shown < JOINT_LIST_MAX) {
            if (shown) jue_buf_puts(&m, "、");
            put_figure(e, j, s->flat[v], &m);
        }
        shown++;
    }
    if (nfig > JOINT_LIST_MAX) jue_buf_printf(&m, " 等 %zu 个数", nfig);
    jue_buf_puts(&m, "：每条等式单独看都在舍入允许之内，但这些数不能同时由同一组满足各等式的数值四舍五入得到（等式 ");
    jue_buf_puts(&x, "同时满足 ");
    for (size_t i = 0; i < n; i++) {
        const rule *r = j->q[eqs[i]].r;
        bool seen = false;
        for (size_t k = 0; k < i && !seen; k++) seen = j->q[eqs[k]].r == r;
        if (seen) continue;
        if (i) { jue_buf_puts(&m, "、"); jue_buf_puts(&x, "、"); }
        jue_buf_puts(&m, r->id);
        jue_buf_puts(&x, r->id);
    }
    jue_buf_puts(&m, "）");
    jue_buf_puts(&x, " 的一组数值");

    pending *p = new_pending(e);
    if (!p) { jue_buf_free(&m); jue_buf_free(&x); return; }
    jue_finding *f = &p->f;
    int tid;
    size_t r, c;
    cell_of(e, j, s->flat[first], &tid, &r, &c);
    const jue_table *t = e->d->tables[tid];
    const jue_cell *cell = jue_table_cell_c(t, r, c);
    f->rule = jue_strdup("joint.infeasible");
    f->severity = JUE_SEV_WARNING;
    f->file = jue_strdup(e->d->source);
    f->line = cell->src_line ? cell->src_line : t->rows[r].src_line;
    f->page = cell->src_page ? cell->src_page : t->rows[r].src_page;
    memcpy(f->box, cell->box, sizeof f->box);
    f->table = tid;
    f->row = jue_strdup(t->rows[r].key);
    f->column = jue_strdup(t->cols[c].key);
    f->expected = jue_buf_take(&x);
    f->actual = jue_strdup("不存在");
    f->message = jue_buf_take(&m);
    jue_buf_free(&m);
    jue_buf_free(&x);
    p->table = tid;
    p->row = (int)r;
    p->col = (int)c;
    if (!f->rule || !f->message || !f->row || !f->column || !f->expected || !f->actual ||
        (e->d->source && !f->file)) {
        e->nomem = true;
        free(f->rule); free(f->message); free(f->file); free(f->row); free(f->column); free(f->expected); free(f->actual);
        return;
    }
    e->n++;
}

/* Why equation q0 emptied a domain: the equations that moved the bounds it
 * used, and theirs in turn (from the tracked reasons), cut down to a set of
 * which no equation can be left out. Returns its size in eqs. */
static size_t explain(solver *s, uint32_t q0, uint32_t *eqs, uint8_t *mark)
{
    const joint *j = s->j;
    size_t n = 0;
    eqs[n++] = q0;
    mark[q0] = 1;
    for (size_t i = 0; i < n; i++) {
        const term *tm = j->t + j->q[eqs[i]].first;
        for (size_t k = 0; k < j->q[eqs[i]].n; k++) {
            int32_t by[2] = { s->lo_by[tm[k].v], s->hi_by[tm[k].v] };
            for (int b = 0; b < 2; b++)
                if (by[b] >= 0 && !mark[by[b]]) {
                    mark[by[b]] = 1;
                    eqs[n++] = (uint32_t)by[b];
                }
        }
    }
    for (size_t i = 0; i < n; i++) mark[eqs[i]] = 0;
    /* the last reasons need not tell the whole story: then the whole group */
    if (!sv_infeasible(s, eqs, n)) {
        size_t m = 0;
        for (size_t i = 0; i < j->nq; i++)
            if (s->ecomp[i] == s->ecomp[q0]) eqs[m++] = (uint32_t)i;
        n = m;
        if (!sv_infeasible(s, eqs, n)) return n;   /* out of budget alone: name the whole group */
    }
    if (n > JOINT_EXPLAIN_MAX) return n;
    /* deletion filter: leave out each equation the contradiction survives without */
    for (size_t i = 0; i < n;) {
        uint32_t q = eqs[i];
        eqs[i] = eqs[n - 1];
        if (n > 1 && sv_infeasible(s, eqs, n - 1)) {
            n--;
            continue;
        }
        eqs[i] = q;
        i++;
    }
    return n;
}

/* After all rules: are the kept equations jointly satisfiable by values in
 * the printed intervals? One warning per group of connected equations that
 * is not. */
static void joint_check(E *e)
{
    joint *j = e->j;
    if (!j->nq) return;
    size_t ncells = j->base[JUE_NTABLES];
    solver s;
    memset(&s, 0, sizeof s);
    s.j = j;
    uint32_t *map = malloc(ncells * sizeof *map);
    uint32_t *parent = NULL, *eqs = NULL, *conflicts = NULL;
    uint8_t *mark = NULL;
    size_t nconf = 0;
    if (!map) goto nomem;
    memset(map, 0xff, ncells * sizeof *map);
    for (size_t i = 0; i < j->nt; i++) map[j->t[i].v] = 0;
    for (size_t f = 0; f < ncells; f++)
        if (map[f] == 0) s.nv++;
    s.flat = malloc(s.nv * sizeof *s.flat);
    s.d0 = malloc(s.nv * sizeof *s.d0);
    s.d = malloc(s.nv * sizeof *s.d);
    s.lo_by = malloc(s.nv * sizeof *s.lo_by);
    s.hi_by = malloc(s.nv * sizeof *s.hi_by);
    s.adj0 = calloc(s.nv + 1, sizeof *s.adj0);
    s.adj = malloc(j->nt * sizeof *s.adj);
    s.ecomp = malloc(j->nq * sizeof *s.ecomp);
    s.queue = malloc(j->nq * sizeof *s.queue);
    s.inq = malloc(j->nq);
    s.on = malloc(j->nq);
    parent = malloc(s.nv * sizeof *parent);
    eqs = malloc(j->nq * sizeof *eqs);
    conflicts = malloc(j->nq * sizeof *conflicts);
    mark = calloc(j->nq > s.nv ? j->nq : s.nv, 1);
    if (!s.flat || !s.d0 || !s.d || !s.lo_by || !s.hi_by || !s.adj0 || !s.adj || !s.ecomp || !s.queue ||
        !s.inq || !s.on || !parent || !eqs || !conflicts || !mark)
        goto nomem;
    /* variables in cell order, each with what add_cell counts it as */
    uint32_t nv = 0;
    for (size_t f = 0; f < ncells; f++) {
        if (map[f] != 0) continue;
        int tid;
        size_t r, c;
        cell_of(e, j, (uint32_t)f, &tid, &r, &c);
        s.flat[nv] = (uint32_t)f;
        s.d0[nv] = jue_table_cell_c(e->d->tables[tid], r, c)->iv;
        parent[nv] = nv;
        map[f] = nv++;
    }
    for (size_t i = 0; i < j->nt; i++) {
        j->t[i].v = map[j->t[i].v];
        s.adj0[j->t[i].v + 1]++;
    }
    for (size_t v = 0; v < s.nv; v++) s.adj0[v + 1] += s.adj0[v];
    /* fill the adjacency, reusing map as the fill cursor */
    for (size_t v = 0; v < s.nv; v++) map[v] = s.adj0[v];
    for (size_t qi = 0; qi < j->nq; qi++) {
        const term *tm = j->t + j->q[qi].first;
        for (size_t k = 0; k < j->q[qi].n; k++) {
            s.adj[map[tm[k].v]++] = (uint32_t)qi;
            uint32_t a = uf_find(parent, tm[0].v), b = uf_find(parent, tm[k].v);
            if (a != b) parent[b] = a;
        }
    }
    for (size_t qi = 0; qi < j->nq; qi++) s.ecomp[qi] = uf_find(parent, j->t[j->q[qi].first].v);

    memset(s.on, 1, j->nq);
    sv_start(&s);
    long qi;
    while ((qi = sv_run(&s, true)) >= 0) {
        /* this group contradicts itself: stop working on it, go on with the others */
        conflicts[nconf++] = (uint32_t)qi;
        for (size_t k = 0; k < j->nq; k++)
            if (s.ecomp[k] == s.ecomp[qi]) s.on[k] = 0;
    }
    for (size_t i = 0; i < nconf && !e->nomem; i++) {
        size_t n = explain(&s, conflicts[i], eqs, mark);
        emit_joint(e, &s, eqs, n, mark);
    }
    goto done;
nomem:
    e->nomem = true;
done:
    free(map); free(parent); free(eqs); free(conflicts); free(mark);
    free(s.flat); free(s.d0); free(s.d); free(s.lo_by); free(s.hi_by); free(s.adj0); free(s.adj);
    free(s.ecomp); free(s.queue); free(s.inq); free(s.on);
}

static void emit(E *e, const cmpinfo *ci, const detail *dt, jue_severity sev, bool tail)
{
    pending *p = new_pending(e);
    if (!p) return;
    jue_finding *f = &p->f;
    f->severity = sev;
    /* location: the first cell of the left side (the total, in the national
     * pack), else the right side; else the first row or table variable */
    int tid = -1, row = -1, col = -1;
    if (ci->is_cmp) {
        const val *v = ci->lhs.table >= 0 ? &ci->lhs : &ci->rhs;
        tid = v->table;
        row = v->row;
        col = v->col;
    }
    for (size_t i = 0; tid < 0 && i < e->r->nvars; i++)
        if (e->r->vars[i].kind == V_ROW) { tid = e->b[i].table; row = e->b[i].row; }
    for (size_t i = 0; tid < 0 && i < e->r->nvars; i++)
        if (e->r->vars[i].kind == V_TABLE) tid = e->b[i].table;
    const jue_table *t = tid >= 0 ? e->d->tables[tid] : NULL;
    if (!t) row = col = -1;
    f->table = tid;
    if (t && row >= 0) {
        f->row = jue_strdup(t->rows[row].key);
        f->line = t->rows[row].src_line;
        f->page = t->rows[row].src_page;
    }
    if (t && row >= 0 && col >= 0) {
        f->column = jue_strdup(t->cols[col].key);
        const jue_cell *cell = jue_table_cell_c(t, (size_t)row, (size_t)col);
        if (cell->src_line) f->line = cell->src_line;
        if (cell->src_page) f->page = cell->src_page;
        memcpy(f->box, cell->box, sizeof f->box);
    }
    p->table = tid;
    p->row = row;
    p->col = col;
    f->rule = jue_strdup(e->r->id);
    f->file = jue_strdup(e->d->source);
    jue_buf x, y, m;
    jue_buf_init(&x);
    jue_buf_init(&y);
    jue_buf_init(&m);
    if (ci->is_cmp) {
        const cond *c = e->r->req;
        if (c->op == OP_LE) jue_buf_puts(&x, "≤ ");
        if (c->op == OP_GE) jue_buf_puts(&x, "≥ ");
        fmt_val(e, &ci->rhs, &x);
        fmt_val(e, &ci->lhs, &y);
    } else if (dt->has) {
        jue_buf_puts(&x, dt->expected);
        jue_buf_puts(&y, dt->actual);
    }
    if (tail) {
        jue_buf_puts(&m, "尾差 ");
        fmt_gap(e, &ci->lhs, &ci->rhs, &m);
        jue_buf_puts(&m, "：");
        fmt_val(e, &ci->lhs, &m);
        jue_buf_puts(&m, " 对 ");
        fmt_val(e, &ci->rhs, &m);
        jue_buf_puts(&m, "，在舍入允许的 ");
        fmt_small(ci->allowed, unit_digits(e, ci->lhs.table), &m);
        jue_buf_puts(&m, " 之内，不是错误");
    } else {
        render_message(e, ci, dt, x.len ? jue_buf_str(&x) : NULL, y.len ? jue_buf_str(&y) : NULL, &m);
    }
    if (x.len) f->expected = jue_buf_take(&x);
    if (y.len) f->actual = jue_buf_take(&y);
    f->message = jue_buf_take(&m);
    jue_buf_free(&x);
    jue_buf_free(&y);
    jue_buf_free(&m);
    if (!f->rule || !f->message || (e->d->source && !f->file)) {
        e->nomem = true;
        free(f->rule); free(f->message); free(f->file); free(f->row); free(f->column); free(f->expected); free(f->actual);
        return;
    }
    e->n++;
}

static void run_instance(E *e)
{
    const rule *r = e->r;
    if (r->when && r->wdepth >= r->nvars && eval_cond(e, r->when, NULL, NULL, false) != R_TRUE) return;
    cmpinfo ci;   /* eval_cond fills the rest of a comparison's when it decides it */
    ci.is_cmp = ci.tail = false;
    detail dt;
    dt.has = false;
    tri ok = eval_cond(e, r->req, r->req->kind == C_CMP ? &ci : NULL, &dt, r->sev == JUE_SEV_ERROR);
    if (ok == R_SKIP) return;
    if (ok == R_FALSE) emit(e, &ci, &dt, r->sev, false);
    else if (ci.tail && e->pack->tails) emit(e, &ci, &dt, JUE_SEV_INFO, true);
}

static void iterate(E *e, size_t k);

/* iterate(e, k) after variable k − 1 is bound: the last variable's
 * bindings run their instance without another call of iterate. */
static inline void descend(E *e, size_t k)
{
    if (k < e->r->nvars) iterate(e, k);
    else if (!e->nomem) run_instance(e);
}

static void iterate(E *e, size_t k)
{
    if (e->nomem) return;
    const rule *r = e->r;
    if (k == r->nvars) { run_instance(e); return; }
    /* a `when` of the variables bound so far holds or not for every binding
     * of the rest (run_instance evaluates the others) */
    if (k == r->wdepth && r->when && eval_cond(e, r->when, NULL, NULL, false) != R_TRUE) return;
    const var *v = &r->vars[k];
    if (v->kind == V_TABLE) {
        for (int i = 0; i < v->ntables; i++) {
            e->b[k] = (bind){ v->tables[i], -1, -1 };
            e->stamp[k] = ++e->clock;
            descend(e, k + 1);
        }
        return;
    }
    int tid = table_id_of(e, v->src.table, v->src.tvar);
    const jue_table *t = table_of(e, v->src.table, v->src.tvar);
    if (!t) return;
    if (v->kind == V_ROW) {
        /* the rows depend on variables before k only: not resolved again below */
        const memo *m = rows_of(e, &v->src, t, tid, false);
        for (uint32_t i = 0; m && i < m->n; i++) {
            e->b[k] = (bind){ tid, m->row[i], -1 };
            e->stamp[k] = ++e->clock;
            descend(e, k + 1);
        }
    } else {
        for (size_t j = 0; j < t->ncols; j++)
            if (col_in(e, t, tid, j, &v->src.cols)) {
                e->b[k] = (bind){ tid, -1, (int)j };
                e->stamp[k] = ++e->clock;
                descend(e, k + 1);
            }
    }
}

static int cmp_pending(const void *a, const void *b)
{
    const pending *x = a, *y = b;
    /* document order: page, line, then table, row and column order */
    if (x->f.page != y->f.page) return x->f.page < y->f.page ? -1 : 1;
    if (x->f.line != y->f.line) return x->f.line < y->f.line ? -1 : 1;
    if (x->table != y->table) return x->table < y->table ? -1 : 1;
    if (x->row != y->row) return x->row < y->row ? -1 : 1;
    if (x->col != y->col) return x->col < y->col ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

jue_status jue_audit(const jue_disclosure *d, const jue_catalog *cat, const jue_rulepack *pack, jue_findings *out)
{
    if (!d || !pack || !out) return JUE_ERR_INVALID;
    E e;
    memset(&e, 0, sizeof e);
    e.d = d;
    e.cat = cat;
    e.pack = pack;
    joint jt;
    memset(&jt, 0, sizeof jt);
    for (int t = 0; t < JUE_NTABLES; t++)
        jt.base[t + 1] = jt.base[t] + (d->tables[t] ? d->tables[t]->nrows * d->tables[t]->ncols : 0);
    /* flat cell indices are uint32_t; a disclosure too large for them is not checked jointly */
    e.j = jt.base[JUE_NTABLES] < UINT32_MAX ? &jt : NULL;
    index_rows(&e);
    e.m = malloc((pack->nrefs ? pack->nrefs : 1) * sizeof *e.m);
    e.mstate = calloc(pack->nrefs ? pack->nrefs : 1, 1);
    if (!e.m || !e.mstate) e.nomem = true;
    for (size_t i = 0; i < pack->n && !e.nomem; i++) {
        e.r = &pack->rules[i];
        if (e.r->nvars > MAXVARS) continue;
        iterate(&e, 0);
    }
    if (jt.nomem) e.nomem = true;
    if (e.j && !e.nomem) joint_check(&e);
    free(jt.s);
    free(jt.t);
    free(jt.q);
    for (int t = 0; t < JUE_NTABLES; t++) free(e.ix[t].r);
    for (rowblock *b = e.pool, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(e.m);
    free(e.mstate);
    if (e.n > 1) qsort(e.items, e.n, sizeof *e.items, cmp_pending);
    jue_status st = e.nomem ? JUE_ERR_NOMEM : JUE_OK;
    for (size_t i = 0; i < e.n; i++) {
        jue_finding *f = &e.items[i].f;
        if (st == JUE_OK && jue_findings_add(out, f) != JUE_OK) st = JUE_ERR_NOMEM;
        free(f->rule); free(f->message); free(f->file); free(f->row); free(f->column); free(f->expected); free(f->actual);
    }
    free(e.items);
    return st;
}
