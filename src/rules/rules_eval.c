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
 * missing tables). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules_internal.h"

#define MAXVARS 16

typedef struct {
    int table, row, col;
} bind;

typedef struct {
    jue_finding f;
    int table, row, col;   /* sort keys: position in the document */
    size_t seq;
} pending;

typedef struct {
    const jue_disclosure *d;
    const jue_catalog *cat;
    const jue_rulepack *pack;
    const rule *r;
    bind b[MAXVARS];
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

/* ---------- formatting figures as printed ---------- */

/* value in 分 as 万元 with `dec` decimals (0–6), thousands grouped:
 * 5126229000000 分, 2 → "51,262.29" */
static void fmt_wan(jue_fen v, int dec, jue_buf *out)
{
    if (dec < 0) dec = 0;
    if (dec > 6) dec = 6;
    bool neg = v < 0;
    uint64_t a = neg ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    uint64_t div = 1;
    for (int i = dec; i < 6; i++) div *= 10;
    /* round half away from zero to the shown decimals */
    a = (a + div / 2) / div;
    uint64_t scale = 1;
    for (int i = 0; i < dec; i++) scale *= 10;
    uint64_t ip = a / scale, fp = a % scale;
    char digits[32];
    int nd = snprintf(digits, sizeof digits, "%llu", (unsigned long long)ip);
    if (neg && a) jue_buf_putc(out, '-');
    for (int i = 0; i < nd; i++) {
        if (i && (nd - i) % 3 == 0) jue_buf_putc(out, ',');
        jue_buf_putc(out, digits[i]);
    }
    if (dec) jue_buf_printf(out, ".%0*llu", dec, (unsigned long long)fp);
}

/* A tolerance or gap: at least 2 decimals, more when needed (0.055). */
static void fmt_small(jue_fen v, jue_buf *out)
{
    int dec = 2;
    while (dec < 6) {
        jue_fen unit = 1;
        for (int i = dec; i < 6; i++) unit *= 10;
        if (v % unit == 0) break;
        dec++;
    }
    fmt_wan(v, dec, out);
}

static void fmt_val(const val *v, jue_buf *out)
{
    if (v->missing) { jue_buf_puts(out, "?"); return; }
    fmt_wan(v->printed, v->dec, out);
}

/* ---------- looking things up ---------- */

static bool all_digits(const char *s)
{
    if (!*s) return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9') return false;
    return true;
}

static const jue_table *table_of(const E *e, int table, int tvar)
{
    int id = table >= 0 ? table : (tvar >= 0 ? e->b[tvar].table : -1);
    return id >= 0 && id < JUE_NTABLES ? e->d->tables[id] : NULL;
}

static int table_id_of(const E *e, int table, int tvar)
{
    return table >= 0 ? table : (tvar >= 0 ? e->b[tvar].table : -1);
}

/* The row key a variable stands for (a row variable's key; a column
 * variable's name, so T01[c] finds the income line named like column c). */
static const char *var_key(const E *e, int v, jue_side *side)
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
static const char *concat_key(const E *e, const rowitem *it, char *buf, size_t n)
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

static bool row_matches(const E *e, const jue_table *t, int tid, size_t i, const rowitem *it)
{
    const jue_row *row = &t->rows[i];
    if (it->side != JUE_SIDE_NONE && row->side != it->side) return false;
    switch (it->kind) {
    case RI_ALL: return true;
    case RI_LEVEL: return row->level == it->level && all_digits(row->key);
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
        if (!pk || !all_digits(pk) || !all_digits(row->key)) return false;
        size_t n = strlen(pk);
        return strlen(row->key) == code_len_next(n) && !strncmp(row->key, pk, n);
    }
    }
    return false;
}

static bool row_in(const E *e, const jue_table *t, int tid, size_t i, const ref *r)
{
    for (size_t k = 0; k < r->nrows; k++)
        if (row_matches(e, t, tid, i, &r->rows[k])) return true;
    return false;
}

static bool col_in(const E *e, const jue_table *t, int tid, size_t j, const colsel *c)
{
    switch (c->kind) {
    case CS_ALL: return true;
    case CS_NAMES:
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

static void add_cell(val *v, const jue_table *t, int tid, size_t r, size_t c, bool *ovf)
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
    jue_interval s;
    if (!jue_iv_add(v->iv, cell->iv, &s) || __builtin_add_overflow(v->printed, cell->printed, &v->printed)) {
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

static val eval_ref(const E *e, const ref *r, bool *ovf)
{
    val v = val_zero();
    int tid = table_id_of(e, r->table, r->tvar);
    const jue_table *t = table_of(e, r->table, r->tvar);
    if (!t) { v.missing = true; return v; }
    if (!r->multi) {
        /* one cell: find the row by key (a variable in its own table by index) */
        const rowitem *it = &r->rows[0];
        int row = -1;
        char buf[256];
        const char *key = it->kind == RI_CONCAT ? concat_key(e, it, buf, sizeof buf) : it->key;
        if (it->kind == RI_VAR) {
            const bind *b = &e->b[it->var];
            if (e->r->vars[it->var].kind == V_ROW && b->table == tid) row = b->row;
            else key = var_key(e, it->var, NULL);
        }
        if (row < 0 && key) row = jue_table_find_row(t, key, it->side);
        if (row < 0) {
            /* a code the table does not list is zero; a missing named line is not there */
            if (!key || !all_digits(key)) v.missing = true;
            return v;
        }
        for (size_t j = 0; j < t->ncols; j++)
            if (col_in(e, t, tid, j, &r->cols)) {
                add_cell(&v, t, tid, (size_t)row, j, ovf);
                return v;
            }
        v.missing = true;
        return v;
    }
    for (size_t i = 0; i < t->nrows; i++) {
        if (!row_in(e, t, tid, i, r)) continue;
        for (size_t j = 0; j < t->ncols; j++)
            if (col_in(e, t, tid, j, &r->cols)) add_cell(&v, t, tid, i, j, ovf);
    }
    return v;
}

static val eval_expr(const E *e, const expr *x, bool *ovf)
{
    val v = val_zero();
    switch (x->kind) {
    case E_NUM:
        v.iv = jue_iv_exact(x->num);
        v.printed = x->num;
        v.dec = x->num_dec;
        return v;
    case E_REF:
    case E_SUM:
        return eval_ref(e, &x->r, ovf);
    case E_NEG:
        v = eval_expr(e, x->a, ovf);
        v.iv = jue_iv_neg(v.iv);
        v.printed = -v.printed;
        return v;
    case E_ADD:
    case E_SUB: {
        val a = eval_expr(e, x->a, ovf), b = eval_expr(e, x->b, ovf);
        v = a;
        v.missing = a.missing || b.missing;
        bool ok = x->kind == E_ADD ? jue_iv_add(a.iv, b.iv, &v.iv) : jue_iv_sub(a.iv, b.iv, &v.iv);
        if (!ok || (x->kind == E_ADD ? __builtin_add_overflow(a.printed, b.printed, &v.printed)
                                     : __builtin_sub_overflow(a.printed, b.printed, &v.printed)))
            *ovf = true;
        if (b.dec > v.dec) v.dec = b.dec;
        if (v.table < 0) { v.table = b.table; v.row = b.row; v.col = b.col; }
        return v;
    }
    }
    return v;
}

/* ---------- catalog built-ins ---------- */

static jue_cat_kind kind_of(int tid) { return tid == JUE_T06 ? JUE_CAT_ECONOMIC : JUE_CAT_FUNCTIONAL; }

/* Names compared without spaces (ASCII and U+3000), which layouts add, and
 * with full-width and ASCII parentheses alike (退职（役）费 / 退职(役)费):
 * a typesetting choice, not a wrong name. */
static const char *name_char(const char *s, char *c)
{
    while (*s == ' ' || *s == '\t' || !strncmp(s, "\xE3\x80\x80", 3)) s += *s == ' ' || *s == '\t' ? 1 : 3;
    if (!strncmp(s, "\xEF\xBC\x88", 3)) { *c = '('; return s + 3; }
    if (!strncmp(s, "\xEF\xBC\x89", 3)) { *c = ')'; return s + 3; }
    *c = *s;
    return *s ? s + 1 : s;
}

static bool same_name(const char *a, const char *b)
{
    for (;;) {
        char x, y;
        a = name_char(a, &x);
        b = name_char(b, &y);
        if (x != y) return false;
        if (!x) return true;
    }
}

/* The code row just above row i with a shorter code: where i is printed under. */
static int printed_parent(const jue_table *t, size_t i)
{
    size_t n = strlen(t->rows[i].key);
    for (size_t q = i; q-- > 0;) {
        const jue_row *r = &t->rows[q];
        if (t->rows[i].side != JUE_SIDE_NONE && r->side != t->rows[i].side) continue;
        if (all_digits(r->key) && strlen(r->key) < n) return (int)q;
    }
    return -1;
}

typedef struct {
    char expected[512], actual[512];
    bool has;
} detail;

static tri eval_builtin(const E *e, const cond *c, detail *dt)
{
    const bind *b = &e->b[c->var];
    const jue_table *t = e->d->tables[b->table];
    if (!t || b->row < 0) return R_SKIP;
    const jue_row *row = &t->rows[b->row];
    if (!all_digits(row->key) || !e->cat || e->d->year <= 0) return R_TRUE;   /* not applicable */
    jue_cat_kind kind = kind_of(b->table);
    const char *official = jue_catalog_name(e->cat, kind, row->key, e->d->year);
    switch (c->kind) {
    case C_INCAT:
        if (official) return R_TRUE;
        if (dt) {
            snprintf(dt->expected, sizeof dt->expected, "a code of the %d catalog", e->d->year);
            snprintf(dt->actual, sizeof dt->actual, "%s", row->key);
            dt->has = true;
        }
        return R_FALSE;
    case C_NAMEOK:
        if (!official || !row->name || same_name(official, row->name)) return R_TRUE;
        if (dt) {
            snprintf(dt->expected, sizeof dt->expected, "%s", official);
            snprintf(dt->actual, sizeof dt->actual, "%s", row->name);
            dt->has = true;
        }
        return R_FALSE;
    case C_PLACED: {
        char parent[16];
        if (!jue_code_parent(kind, row->key, parent, sizeof parent)) return R_TRUE;   /* a 类 */
        int q = printed_parent(t, (size_t)b->row);
        if (q >= 0 && !strcmp(t->rows[q].key, parent)) return R_TRUE;
        if (dt) {
            snprintf(dt->expected, sizeof dt->expected, "under %s", parent);
            snprintf(dt->actual, sizeof dt->actual, "under %s", q >= 0 ? t->rows[q].key : "nothing");
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

static bool table_empty(const jue_table *t)
{
    if (t->empty) return true;
    /* a printed 0.00 is data (an amount under 0.005 万元), a blank is not */
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        if (t->cells[i].present) return false;
    return true;
}

static tri eval_cond(const E *e, const cond *c, cmpinfo *ci, detail *dt)
{
    bool ovf = false;
    switch (c->kind) {
    case C_AND: {
        /* the failing part explains the finding (expected/actual) */
        tri a = eval_cond(e, c->a, NULL, dt);
        if (a != R_TRUE) return a;
        return eval_cond(e, c->b, NULL, dt);
    }
    case C_OR: {
        tri a = eval_cond(e, c->a, NULL, NULL);
        if (a != R_FALSE) return a;
        return eval_cond(e, c->b, NULL, NULL);
    }
    case C_NOT: {
        tri a = eval_cond(e, c->a, NULL, NULL);
        return a == R_SKIP ? R_SKIP : a == R_TRUE ? R_FALSE : R_TRUE;
    }
    case C_CMP: {
        val l = eval_expr(e, c->x, &ovf), r = eval_expr(e, c->y, &ovf);
        if (l.missing || r.missing || ovf) return R_SKIP;
        jue_interval lw = l.iv;
        /* an explicit tolerance widens the left side */
        if (__builtin_sub_overflow(lw.lo, c->tol, &lw.lo) || __builtin_add_overflow(lw.hi, c->tol, &lw.hi))
            return R_SKIP;
        bool ok = c->op == OP_EQ ? jue_iv_overlaps(lw, r.iv) : c->op == OP_LE ? lw.lo <= r.iv.hi : lw.hi >= r.iv.lo;
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
        return tid >= 0 && e->d->tables[tid] ? R_TRUE : R_FALSE;
    }
    case C_EMPTY: {
        const jue_table *t = table_of(e, c->table, c->tvar);
        return t ? (table_empty(t) ? R_TRUE : R_FALSE) : R_SKIP;
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
        for (size_t i = 0; i < t->nrows; i++)
            if (row_in(e, t, tid, i, &c->r)) return R_TRUE;
        if (dt && c->kind == C_EXISTS && c->r.nrows == 1) {
            const rowitem *it = &c->r.rows[0];
            const char *k = it->kind == RI_VAR ? var_key(e, it->var, NULL) : it->key;
            snprintf(dt->expected, sizeof dt->expected, "a row %s in T%02d", k ? k : "?", tid + 1);
            snprintf(dt->actual, sizeof dt->actual, "no such row");
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

static void put_var(const E *e, int v, mkind k, jue_buf *out)
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

static void render_message(const E *e, const cmpinfo *ci, const detail *dt, const char *expected,
                           const char *actual, jue_buf *out)
{
    const rule *r = e->r;
    if (r->nmsg == 0) {
        if (ci->is_cmp) {
            fmt_val(&ci->lhs, out);
            jue_buf_puts(out, " vs ");
            fmt_val(&ci->rhs, out);
            jue_buf_puts(out, ": differ by ");
            fmt_wan(ci->lhs.printed - ci->rhs.printed, ci->lhs.dec > ci->rhs.dec ? ci->lhs.dec : ci->rhs.dec, out);
            jue_buf_puts(out, ", more than rounding allows (");
            fmt_small(ci->allowed, out);
            jue_buf_putc(out, ')');
        } else {
            jue_buf_printf(out, "check %s failed", r->id);
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
            fmt_val(&v, out);
            break;
        }
        case M_LHS: if (ci->is_cmp) fmt_val(&ci->lhs, out); break;
        case M_RHS: if (ci->is_cmp) fmt_val(&ci->rhs, out); break;
        case M_DIFF:
            if (ci->is_cmp) {
                jue_fen d = ci->lhs.printed - ci->rhs.printed;
                fmt_wan(d < 0 ? -d : d, ci->lhs.dec > ci->rhs.dec ? ci->lhs.dec : ci->rhs.dec, out);
            }
            break;
        case M_ALLOWED: if (ci->is_cmp) fmt_small(ci->allowed, out); break;
        case M_EXPECTED: jue_buf_puts(out, expected ? expected : (dt->has ? dt->expected : "")); break;
        case M_ACTUAL: jue_buf_puts(out, actual ? actual : (dt->has ? dt->actual : "")); break;
        case M_VAR: case M_NAME: case M_CATNAME: case M_CODE: case M_PARENT: case M_LABEL: case M_TITLE:
            put_var(e, m->var, m->kind, out);
            break;
        }
    }
}

static void emit(E *e, const cmpinfo *ci, const detail *dt, jue_severity sev, bool tail)
{
    if (e->n == e->cap) {
        size_t nc = e->cap ? e->cap * 2 : 32;
        pending *np = realloc(e->items, nc * sizeof *np);
        if (!np) { e->nomem = true; return; }
        e->items = np;
        e->cap = nc;
    }
    pending *p = &e->items[e->n];
    memset(p, 0, sizeof *p);
    p->seq = e->seq++;
    p->table = p->row = p->col = -1;
    jue_finding *f = &p->f;
    f->table = -1;
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
        fmt_val(&ci->rhs, &x);
        fmt_val(&ci->lhs, &y);
    } else if (dt->has) {
        jue_buf_puts(&x, dt->expected);
        jue_buf_puts(&y, dt->actual);
    }
    if (tail) {
        jue_buf_puts(&m, "尾差 ");
        jue_fen d = ci->lhs.printed - ci->rhs.printed;
        fmt_wan(d < 0 ? -d : d, ci->lhs.dec > ci->rhs.dec ? ci->lhs.dec : ci->rhs.dec, &m);
        jue_buf_puts(&m, "：");
        fmt_val(&ci->lhs, &m);
        jue_buf_puts(&m, " 对 ");
        fmt_val(&ci->rhs, &m);
        jue_buf_puts(&m, "，在舍入允许的 ");
        fmt_small(ci->allowed, &m);
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
    if (r->when && eval_cond(e, r->when, NULL, NULL) != R_TRUE) return;
    cmpinfo ci;
    memset(&ci, 0, sizeof ci);
    detail dt;
    dt.has = false;
    tri ok = eval_cond(e, r->req, r->req->kind == C_CMP ? &ci : NULL, &dt);
    if (ok == R_SKIP) return;
    if (ok == R_FALSE) emit(e, &ci, &dt, r->sev, false);
    else if (ci.tail && e->pack->tails) emit(e, &ci, &dt, JUE_SEV_INFO, true);
}

static void iterate(E *e, size_t k)
{
    if (e->nomem) return;
    const rule *r = e->r;
    if (k == r->nvars) { run_instance(e); return; }
    const var *v = &r->vars[k];
    if (v->kind == V_TABLE) {
        for (int i = 0; i < v->ntables; i++) {
            e->b[k] = (bind){ v->tables[i], -1, -1 };
            iterate(e, k + 1);
        }
        return;
    }
    int tid = table_id_of(e, v->src.table, v->src.tvar);
    const jue_table *t = table_of(e, v->src.table, v->src.tvar);
    if (!t) return;
    if (v->kind == V_ROW) {
        for (size_t i = 0; i < t->nrows; i++)
            if (row_in(e, t, tid, i, &v->src)) {
                e->b[k] = (bind){ tid, (int)i, -1 };
                iterate(e, k + 1);
            }
    } else {
        for (size_t j = 0; j < t->ncols; j++)
            if (col_in(e, t, tid, j, &v->src.cols)) {
                e->b[k] = (bind){ tid, -1, (int)j };
                iterate(e, k + 1);
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
    for (size_t i = 0; i < pack->n && !e.nomem; i++) {
        e.r = &pack->rules[i];
        if (e.r->nvars > MAXVARS) continue;
        iterate(&e, 0);
    }
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
