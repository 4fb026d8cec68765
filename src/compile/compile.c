/* Compile: consolidated ledger cells ("atoms") → the nine tables, with
 * controlled rounding. Every printed cell is a signed sum of atoms, so every
 * additive identity inside and between tables holds on the printed figures
 * once each atom has one rounded value. Rounding then only has to pick, for
 * each atom, floor or ceiling to 0.01 万元 such that every printed cell stays
 * within 0.01 万元 of its true value: see docs/rounding.md. */
#include <juesuan/compile.h>

#include "compile_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UNIT 10000  /* 0.01 万元 in 分 */

/* ---------- atoms ---------- */

typedef struct { int atom; int coef; } term;

typedef struct {
    char key[40];
    jue_fen truth;
    jue_fen rounded;
    bool derived;        /* defined by `def` (an identity that holds on truth) */
    term *def;           /* derived: atoms and coefficients, all non-derived */
    int ndef;
} atom;

typedef struct {
    atom *a;
    size_t n, cap;
    int *hash;           /* open addressing over key, -1 empty */
    size_t hcap;
} atoms;

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static bool atoms_rehash(atoms *A, size_t ncap)
{
    int *nh = malloc(ncap * sizeof *nh);
    if (!nh) return false;
    for (size_t i = 0; i < ncap; i++) nh[i] = -1;
    for (size_t i = 0; i < A->n; i++) {
        size_t h = hash_str(A->a[i].key) & (ncap - 1);
        while (nh[h] >= 0) h = (h + 1) & (ncap - 1);
        nh[h] = (int)i;
    }
    free(A->hash);
    A->hash = nh;
    A->hcap = ncap;
    return true;
}

/* Finds or creates the atom with this key; -1 on allocation failure. */
static int atom_get(atoms *A, const char *key)
{
    if (A->hcap == 0 || (A->n + 1) * 2 > A->hcap)
        if (!atoms_rehash(A, A->hcap ? A->hcap * 2 : 256)) return -1;
    size_t h = hash_str(key) & (A->hcap - 1);
    while (A->hash[h] >= 0) {
        if (!strcmp(A->a[A->hash[h]].key, key)) return A->hash[h];
        h = (h + 1) & (A->hcap - 1);
    }
    if (A->n == A->cap) {
        size_t nc = A->cap ? A->cap * 2 : 256;
        atom *na = realloc(A->a, nc * sizeof *na);
        if (!na) return -1;
        A->a = na;
        A->cap = nc;
    }
    atom *x = &A->a[A->n];
    memset(x, 0, sizeof *x);
    snprintf(x->key, sizeof x->key, "%s", key);
    A->hash[h] = (int)A->n;
    return (int)A->n++;
}

static void atoms_free(atoms *A)
{
    for (size_t i = 0; i < A->n; i++) free(A->a[i].def);
    free(A->a);
    free(A->hash);
}

/* ---------- grids: a table with a term list per cell ---------- */

typedef struct {
    term *t;
    int n, cap;
} termvec;

typedef struct {
    jue_table *tab;
    termvec *tv;         /* nrows × ncols once rows are final */
} grid;

typedef struct {
    const jue_source *src;
    const jue_catalog *cat;
    const jue_profile *prof;
    jue_diags *diags;
    atoms A;
    grid g[JUE_NTABLES];
    bool nomem;
} cc;

static bool tv_add(cc *c, termvec *v, int atom_i, int coef)
{
    for (int i = 0; i < v->n; i++)
        if (v->t[i].atom == atom_i) { v->t[i].coef += coef; return true; }
    if (v->n == v->cap) {
        int nc = v->cap ? v->cap * 2 : 4;
        term *nt = realloc(v->t, (size_t)nc * sizeof *nt);
        if (!nt) { c->nomem = true; return false; }
        v->t = nt;
        v->cap = nc;
    }
    v->t[v->n++] = (term){ atom_i, coef };
    return true;
}

/* Adds coef × atom to cell (r, col) of table t; a derived atom contributes
 * its definition. */
static void contrib(cc *c, jue_table_id t, int r, const char *col, int atom_i, int coef)
{
    grid *g = &c->g[t];
    if (r < 0 || atom_i < 0) return;
    int k = jue_table_find_col(g->tab, col);
    if (k < 0) return;
    termvec *v = &g->tv[(size_t)r * g->tab->ncols + (size_t)k];
    const atom *a = &c->A.a[atom_i];
    if (a->derived) {
        for (int i = 0; i < a->ndef; i++) tv_add(c, v, a->def[i].atom, a->def[i].coef * coef);
    } else {
        tv_add(c, v, atom_i, coef);
    }
}

static bool finish_rows(cc *c, jue_table_id t)
{
    grid *g = &c->g[t];
    g->tv = calloc(g->tab->nrows * g->tab->ncols + 1, sizeof *g->tv);
    if (!g->tv) c->nomem = true;
    return g->tv != NULL;
}

/* ---------- rows ---------- */

/* A sorted, unique list of functional codes: every 项 given and its 款 and 类. */
typedef struct { char (*c)[8]; size_t n, cap; } codeset;

static void codeset_add(cc *c, codeset *s, const char *code)
{
    char buf[8];
    const char *chain[3];
    int n = 0;
    snprintf(buf, sizeof buf, "%s", code);
    chain[n++] = code;
    char p1[8], p2[8];
    if (jue_code_parent(JUE_CAT_FUNCTIONAL, code, p1, sizeof p1)) {
        chain[n++] = p1;
        if (jue_code_parent(JUE_CAT_FUNCTIONAL, p1, p2, sizeof p2)) chain[n++] = p2;
    }
    for (int i = 0; i < n; i++) {
        bool have = false;
        for (size_t j = 0; j < s->n && !have; j++) have = !strcmp(s->c[j], chain[i]);
        if (have) continue;
        if (s->n == s->cap) {
            size_t nc = s->cap ? s->cap * 2 : 32;
            char(*nn)[8] = realloc(s->c, nc * sizeof *nn);
            if (!nn) { c->nomem = true; return; }
            s->c = nn;
            s->cap = nc;
        }
        snprintf(s->c[s->n++], 8, "%s", chain[i]);
    }
}

static int cmp_c8(const void *a, const void *b) { return strcmp((const char *)a, (const char *)b); }

/* Adds 合计 then the code hierarchy rows (sorted) to a code table. */
static void add_code_rows(cc *c, jue_table *t, codeset *s)
{
    if (s->n > 1) qsort(s->c, s->n, sizeof *s->c, cmp_c8);   /* s->c is NULL when empty */
    jue_table_add_row(t, JUE_L_TOTAL, "合计", JUE_LEVEL_NONE, JUE_SIDE_NONE, true);
    for (size_t i = 0; i < s->n; i++) {
        const char *nm = jue_catalog_name(c->cat, JUE_CAT_FUNCTIONAL, s->c[i], c->src->year);
        jue_level lv = jue_code_level(JUE_CAT_FUNCTIONAL, s->c[i]);
        if (!nm) {
            /* a 类/款 the catalog lacks while its 项 exists: a catalog gap */
            jue_diag_add(c->diags, JUE_SEV_WARNING, c->src->dir, 0, 0,
                         "%d年政府收支分类科目中没有%s（所用编码的上级科目）的名称", c->src->year, s->c[i]);
            nm = s->c[i];
        }
        jue_table_add_row(t, s->c[i], nm, lv, JUE_SIDE_NONE, false);
    }
}

/* The rows of a code table that an atom with functional 项 `code` adds to:
 * 合计, its 类, 款 and 项. */
static int code_rows(const jue_table *t, const char *code, int rows[4])
{
    int n = 0;
    rows[n++] = jue_table_find_row(t, JUE_L_TOTAL, JUE_SIDE_NONE);
    char p1[8], p2[8];
    if (jue_code_parent(JUE_CAT_FUNCTIONAL, code, p1, sizeof p1) &&
        jue_code_parent(JUE_CAT_FUNCTIONAL, p1, p2, sizeof p2)) {
        rows[n++] = jue_table_find_row(t, p2, JUE_SIDE_NONE);
        rows[n++] = jue_table_find_row(t, p1, JUE_SIDE_NONE);
    }
    rows[n++] = jue_table_find_row(t, code, JUE_SIDE_NONE);
    return n;
}

static void class_of(const char *code, char out[4])
{
    memcpy(out, code, 3);
    out[3] = 0;
}

/* ---------- building the atoms from the source ---------- */

enum { A_INC, A_EXP, A_CO, A_BAL };

static int inc_atom(cc *c, int src, const char *code)
{
    char k[40];
    snprintf(k, sizeof k, "I|%d|%s", src, code);
    return atom_get(&c->A, k);
}

static int exp_atom(cc *c, int fund, int kind, const char *code, const char *econ)
{
    char k[40];
    snprintf(k, sizeof k, "E|%d|%d|%s|%s", fund, kind, code, econ);
    return atom_get(&c->A, k);
}

static int co_atom(cc *c, int fund, bool end, const char *code)
{
    char k[40];
    snprintf(k, sizeof k, "C|%d|%d|%s", fund, end ? 1 : 0, code);
    return atom_get(&c->A, k);
}

static bool add_def(cc *c, int d, int atom_i, int coef)
{
    atom *a = &c->A.a[d];
    for (int i = 0; i < a->ndef; i++)
        if (a->def[i].atom == atom_i) { a->def[i].coef += coef; return true; }
    term *nt = realloc(a->def, (size_t)(a->ndef + 1) * sizeof *nt);
    if (!nt) { c->nomem = true; return false; }
    a->def = nt;
    a->def[a->ndef++] = (term){ atom_i, coef };
    return true;
}

static void build_atoms(cc *c)
{
    const jue_source *s = c->src;
    for (size_t i = 0; i < s->nincome; i++) {
        int a = inc_atom(c, s->income[i].source, s->income[i].code);
        if (a < 0) { c->nomem = true; return; }
        c->A.a[a].truth += s->income[i].amount;
    }
    for (size_t i = 0; i < s->nexp; i++) {
        const jue_exp_line *e = &s->exp[i];
        /* the economic 款 matters only where table 06 shows it */
        const char *econ = (e->fund == JUE_FUND_GENERAL && e->kind == JUE_KIND_BASIC) ? e->econ : "";
        int a = exp_atom(c, e->fund, e->kind, e->code, econ);
        if (a < 0) { c->nomem = true; return; }
        c->A.a[a].truth += e->amount;
    }
    for (size_t i = 0; i < s->ncarry; i++) {
        const jue_carry_line *l = &s->carry[i];
        bool by_code = l->fund == JUE_FUND_GOVFUND || l->fund == JUE_FUND_SOE;
        int a = co_atom(c, l->fund, l->end, by_code ? l->code : "");
        if (a < 0) { c->nomem = true; return; }
        c->A.a[a].truth += l->amount;
    }
    int use = atom_get(&c->A, "B|use"), dist = atom_get(&c->A, "B|dist");
    if (use < 0 || dist < 0) { c->nomem = true; return; }
    c->A.a[use].truth = s->use_nonfiscal;
    c->A.a[dist].truth = s->distribution;

    /* Year-end balances are derived: 年末 = 年初 + 收入 − 支出 (per fund, and per
     * 项 for 政府性基金/国有资本经营), so the balance identities of tables 01, 04,
     * 07 and 08 hold on printed figures too. The source loader checked that the
     * ledger's 年末 agrees. Ensure every needed end atom exists first. */
    co_atom(c, JUE_FUND_GENERAL, true, "");
    co_atom(c, JUE_FUND_NONFISCAL, true, "");
    co_atom(c, JUE_FUND_GENERAL, false, "");
    co_atom(c, JUE_FUND_NONFISCAL, false, "");
    size_t n0 = c->A.n;
    for (size_t i = 0; i < n0; i++) {
        char kind = c->A.a[i].key[0];
        int fund = -1;
        char code[8] = "";
        if (kind == 'I') {
            int src;
            sscanf(c->A.a[i].key, "I|%d|%7s", &src, code);
            fund = jue_source_fund((jue_income_source)src);
        } else if (kind == 'E') {
            int k;
            sscanf(c->A.a[i].key, "E|%d|%d|%7[0-9]", &fund, &k, code);
        } else if (kind == 'C') {
            int e;
            sscanf(c->A.a[i].key, "C|%d|%d|%7s", &fund, &e, code);
        }
        if ((fund == JUE_FUND_GOVFUND || fund == JUE_FUND_SOE) && code[0]) {
            co_atom(c, fund, true, code);
            co_atom(c, fund, false, code);
        }
    }
    if (c->nomem) return;
    /* definitions */
    for (size_t i = 0; i < c->A.n; i++) {
        int fund, e;
        char code[8] = "";
        if (c->A.a[i].key[0] != 'C') continue;
        if (sscanf(c->A.a[i].key, "C|%d|%d|%7s", &fund, &e, code) < 2 || !e) continue;
        int d = (int)i;
        c->A.a[d].derived = true;
        int beg = co_atom(c, fund, false, code);
        add_def(c, d, beg, 1);
        for (size_t j = 0; j < c->A.n; j++) {
            const char *k = c->A.a[j].key;
            if (k[0] == 'I') {
                int src;
                char cd[8] = "";
                sscanf(k, "I|%d|%7s", &src, cd);
                if ((int)jue_source_fund((jue_income_source)src) == fund && (!code[0] || !strcmp(cd, code)))
                    add_def(c, d, (int)j, 1);
            } else if (k[0] == 'E') {
                int f2, k2;
                char cd[8] = "";
                sscanf(k, "E|%d|%d|%7[0-9]", &f2, &k2, cd);
                if (f2 == fund && (!code[0] || !strcmp(cd, code))) add_def(c, d, (int)j, -1);
            }
        }
        if (fund == JUE_FUND_NONFISCAL) {
            add_def(c, d, atom_get(&c->A, "B|use"), 1);
            add_def(c, d, atom_get(&c->A, "B|dist"), -1);
        }
        /* the derived truth is what the definition gives (equal to the
         * ledger's 年末, which the loader checked) */
        jue_fen t = 0;
        for (int q = 0; q < c->A.a[d].ndef; q++) t += c->A.a[d].def[q].coef * c->A.a[c->A.a[d].def[q].atom].truth;
        c->A.a[d].truth = t;
    }
}

/* ---------- tables ---------- */

static const char *const T01_INC_LINES[JUE_NSOURCES] = {
    JUE_L_INC_GENERAL, JUE_L_INC_GOVFUND, JUE_L_INC_SOE, JUE_L_INC_SUPERIOR,
    JUE_L_INC_BUSINESS, JUE_L_INC_OPERATING, JUE_L_INC_AFFILIATED, JUE_L_INC_OTHER,
};
static const char *const T02_COLS[JUE_NSOURCES] = {
    JUE_C_INC_FISCAL, JUE_C_INC_FISCAL, JUE_C_INC_FISCAL, JUE_C_INC_SUPERIOR, JUE_C_INC_BUSINESS, JUE_C_INC_OPERATING,
    JUE_C_INC_AFFILIATED, JUE_C_INC_OTHER,
};
static const char *const T03_COLS[JUE_NKINDS] = {
    JUE_C_BASIC, JUE_C_PROJECT, JUE_C_EXP_SUPERIOR, JUE_C_EXP_OPERATING, JUE_C_EXP_AFFILIATED,
};
static const char *const T04_FUND_COLS[3] = {
    JUE_C_GENERAL, JUE_C_GOVFUND, JUE_C_SOE,
};
static const char *const T04_INC_LINES[3] = { JUE_L4_INC_GENERAL, JUE_L4_INC_GOVFUND, JUE_L4_INC_SOE };

/* The 类 rows of tables 01/04: the profile's list, kept to the year's catalog. */
static size_t class_list(cc *c, const char **out, size_t max)
{
    const char *const *codes;
    size_t n = jue_profile_t01_classes(c->prof, &codes), k = 0;
    for (size_t i = 0; i < n && k < max; i++)
        if (jue_catalog_name(c->cat, JUE_CAT_FUNCTIONAL, codes[i], c->src->year)) out[k++] = codes[i];
    return k;
}

static int add_line(jue_table *t, const char *key, const char *name, jue_side side, bool total, int line_no)
{
    int r = jue_table_add_row(t, key, name, JUE_LEVEL_NONE, side, total);
    if (r >= 0) t->rows[r].line_no = line_no;
    return r;
}

static void build_rows(cc *c)
{
    const char *classes[64];
    size_t ncl = class_list(c, classes, 64);
    int n = (int)ncl;

    /* 01: income lines 1–8; totals aligned with the expenditure pane's totals
     * as in the printed form (行次 n+1 … n+5), expenditure lines from n+6. */
    jue_table *t = c->g[JUE_T01].tab;
    for (int i = 0; i < JUE_NSOURCES; i++) add_line(t, T01_INC_LINES[i], T01_INC_LINES[i], JUE_SIDE_INCOME, false, i + 1);
    add_line(t, JUE_L_INC_TOTAL, JUE_L_INC_TOTAL, JUE_SIDE_INCOME, true, n + 1);
    add_line(t, JUE_L_USE_NONFISCAL, JUE_L_USE_NONFISCAL, JUE_SIDE_INCOME, false, n + 2);
    add_line(t, JUE_L_BEGIN, JUE_L_BEGIN, JUE_SIDE_INCOME, false, n + 3);
    add_line(t, JUE_L_INC_GRAND, "总计", JUE_SIDE_INCOME, true, n + 5);
    for (int i = 0; i < n; i++) {
        int r = jue_table_add_row(t, classes[i], jue_catalog_name(c->cat, JUE_CAT_FUNCTIONAL, classes[i], c->src->year),
                                  JUE_LEVEL_LEI, JUE_SIDE_EXPEND, false);
        if (r >= 0) t->rows[r].line_no = n + 6 + i;
    }
    add_line(t, JUE_L_EXP_TOTAL, JUE_L_EXP_TOTAL, JUE_SIDE_EXPEND, true, 2 * n + 6);
    add_line(t, JUE_L_DISTRIBUTE, JUE_L_DISTRIBUTE, JUE_SIDE_EXPEND, false, 2 * n + 7);
    add_line(t, JUE_L_END, JUE_L_END, JUE_SIDE_EXPEND, false, 2 * n + 8);
    add_line(t, JUE_L_EXP_GRAND, "总计", JUE_SIDE_EXPEND, true, 2 * n + 10);

    /* 04: income lines 1–3, totals aligned likewise. */
    t = c->g[JUE_T04].tab;
    for (int i = 0; i < 3; i++) add_line(t, T04_INC_LINES[i], T04_INC_LINES[i], JUE_SIDE_INCOME, false, i + 1);
    add_line(t, JUE_L_INC_TOTAL, JUE_L_INC_TOTAL, JUE_SIDE_INCOME, true, n + 1);
    add_line(t, JUE_L4_BEGIN, JUE_L4_BEGIN, JUE_SIDE_INCOME, false, n + 2);
    for (int f = 0; f < 3; f++) {
        char key[96];
        snprintf(key, sizeof key, "%s%s", JUE_L4_BEGIN_PREFIX, T04_FUND_COLS[f]);
        add_line(t, key, T04_FUND_COLS[f], JUE_SIDE_INCOME, false, n + 3 + f);
    }
    add_line(t, JUE_L_INC_GRAND, "总计", JUE_SIDE_INCOME, true, n + 6);
    for (int i = 0; i < n; i++) {
        int r = jue_table_add_row(t, classes[i], jue_catalog_name(c->cat, JUE_CAT_FUNCTIONAL, classes[i], c->src->year),
                                  JUE_LEVEL_LEI, JUE_SIDE_EXPEND, false);
        if (r >= 0) t->rows[r].line_no = n + 7 + i;
    }
    add_line(t, JUE_L_EXP_TOTAL, JUE_L_EXP_TOTAL, JUE_SIDE_EXPEND, true, 2 * n + 7);
    add_line(t, JUE_L4_END, JUE_L4_END, JUE_SIDE_EXPEND, false, 2 * n + 8);
    add_line(t, JUE_L_EXP_GRAND, "总计", JUE_SIDE_EXPEND, true, 2 * n + 12);

    /* 02/03: the same code rows (every code with income or expenditure). */
    const jue_source *s = c->src;
    codeset all = { 0 }, gen = { 0 }, gf = { 0 }, soe = { 0 };
    for (size_t i = 0; i < s->nincome; i++) {
        codeset_add(c, &all, s->income[i].code);
        if (s->income[i].source == JUE_SRC_GOVFUND) codeset_add(c, &gf, s->income[i].code);
        if (s->income[i].source == JUE_SRC_SOE) codeset_add(c, &soe, s->income[i].code);
    }
    for (size_t i = 0; i < s->nexp; i++) {
        codeset_add(c, &all, s->exp[i].code);
        if (s->exp[i].fund == JUE_FUND_GENERAL) codeset_add(c, &gen, s->exp[i].code);
        if (s->exp[i].fund == JUE_FUND_GOVFUND) codeset_add(c, &gf, s->exp[i].code);
        if (s->exp[i].fund == JUE_FUND_SOE) codeset_add(c, &soe, s->exp[i].code);
    }
    for (size_t i = 0; i < s->ncarry; i++) {
        if (s->carry[i].fund == JUE_FUND_GOVFUND && s->carry[i].code[0]) codeset_add(c, &gf, s->carry[i].code);
        if (s->carry[i].fund == JUE_FUND_SOE && s->carry[i].code[0]) codeset_add(c, &soe, s->carry[i].code);
    }
    add_code_rows(c, c->g[JUE_T02].tab, &all);
    add_code_rows(c, c->g[JUE_T03].tab, &all);
    add_code_rows(c, c->g[JUE_T05].tab, &gen);
    add_code_rows(c, c->g[JUE_T07].tab, &gf);
    add_code_rows(c, c->g[JUE_T08].tab, &soe);
    free(all.c);
    free(gen.c);
    free(gf.c);
    free(soe.c);

    /* 06: every 款 of the personnel classes (301, 303) and public classes
     * (302, 307, 310, 312, 399) the catalog has that year, as in the form;
     * a class outside both lists that the ledger uses joins the public side. */
    t = c->g[JUE_T06].tab;
    static const char *const PERS[] = { "301", "303" };
    static const char *const PUB[] = { "302", "307", "310", "312", "399" };
    for (int side = 0; side < 2; side++) {
        const char *const *cls = side ? PUB : PERS;
        size_t ncls = side ? 5 : 2;
        jue_side sd = side ? JUE_SIDE_PUBLIC : JUE_SIDE_PERSONNEL;
        jue_table_add_row(t, side ? JUE_L6_PUBLIC : JUE_L6_PERSONNEL, side ? "公用经费合计" : "人员经费合计",
                          JUE_LEVEL_NONE, sd, true);
        for (size_t i = 0; i < ncls; i++) {
            const char *nm = jue_catalog_name(c->cat, JUE_CAT_ECONOMIC, cls[i], s->year);
            if (!nm) continue;
            jue_table_add_row(t, cls[i], nm, JUE_LEVEL_LEI, sd, false);
            const char *kids[128];
            size_t nk = jue_catalog_children(c->cat, JUE_CAT_ECONOMIC, cls[i], s->year, kids, 128);
            if (nk > 128) nk = 128;
            for (size_t k = 0; k < nk; k++)
                jue_table_add_row(t, kids[k], jue_catalog_name(c->cat, JUE_CAT_ECONOMIC, kids[k], s->year),
                                  JUE_LEVEL_KUAN, sd, false);
        }
    }
    for (size_t i = 0; i < s->nexp; i++) {
        const jue_exp_line *e = &s->exp[i];
        if (e->fund != JUE_FUND_GENERAL || e->kind != JUE_KIND_BASIC || !e->econ[0]) continue;
        if (jue_table_find_row(t, e->econ, JUE_SIDE_NONE) >= 0) continue;
        char cl[8];
        jue_code_parent(JUE_CAT_ECONOMIC, e->econ, cl, sizeof cl);
        if (jue_table_find_row(t, cl, JUE_SIDE_NONE) < 0)
            jue_table_add_row(t, cl, jue_catalog_name(c->cat, JUE_CAT_ECONOMIC, cl, s->year), JUE_LEVEL_LEI,
                              JUE_SIDE_PUBLIC, false);
        jue_table_add_row(t, e->econ, jue_catalog_name(c->cat, JUE_CAT_ECONOMIC, e->econ, s->year),
                          JUE_LEVEL_KUAN, JUE_SIDE_PUBLIC, false);
    }

    /* 09 */
    t = c->g[JUE_T09].tab;
    jue_table_add_row(t, JUE_L9_TOTAL, JUE_L9_TOTAL, JUE_LEVEL_NONE, JUE_SIDE_NONE, true);
    jue_table_add_row(t, JUE_L9_ABROAD, JUE_L9_ABROAD, JUE_LEVEL_NONE, JUE_SIDE_NONE, false);
    jue_table_add_row(t, JUE_L9_CAR, JUE_L9_CAR, JUE_LEVEL_NONE, JUE_SIDE_NONE, true);
    jue_table_add_row(t, JUE_L9_CAR_BUY, JUE_L9_CAR_BUY, JUE_LEVEL_NONE, JUE_SIDE_NONE, false);
    jue_table_add_row(t, JUE_L9_CAR_RUN, JUE_L9_CAR_RUN, JUE_LEVEL_NONE, JUE_SIDE_NONE, false);
    jue_table_add_row(t, JUE_L9_RECEPTION, JUE_L9_RECEPTION, JUE_LEVEL_NONE, JUE_SIDE_NONE, false);
}

/* Every atom → the cells it is part of. */
static void build_terms(cc *c)
{
    jue_table *t01 = c->g[JUE_T01].tab, *t04 = c->g[JUE_T04].tab, *t06 = c->g[JUE_T06].tab;
    const jue_side I = JUE_SIDE_INCOME, E = JUE_SIDE_EXPEND;
    for (size_t i = 0; i < c->A.n; i++) {
        const atom *a = &c->A.a[i];
        const char *k = a->key;
        int ai = (int)i;
        if (k[0] == 'I') {
            int src;
            char code[8] = "";
            sscanf(k, "I|%d|%7s", &src, code);
            int r1 = jue_table_find_row(t01, T01_INC_LINES[src], I);
            contrib(c, JUE_T01, r1, JUE_C_ACTUAL, ai, 1);
            contrib(c, JUE_T01, jue_table_find_row(t01, JUE_L_INC_TOTAL, I), JUE_C_ACTUAL, ai, 1);
            contrib(c, JUE_T01, jue_table_find_row(t01, JUE_L_INC_GRAND, I), JUE_C_ACTUAL, ai, 1);
            int rows[4], nr = code_rows(c->g[JUE_T02].tab, code, rows);
            for (int q = 0; q < nr; q++) {
                contrib(c, JUE_T02, rows[q], JUE_C_INC_TOTAL, ai, 1);
                contrib(c, JUE_T02, rows[q], T02_COLS[src], ai, 1);
            }
            if (src <= JUE_SRC_SOE) {
                contrib(c, JUE_T04, jue_table_find_row(t04, T04_INC_LINES[src], I), "合计", ai, 1);
                contrib(c, JUE_T04, jue_table_find_row(t04, JUE_L_INC_TOTAL, I), "合计", ai, 1);
                contrib(c, JUE_T04, jue_table_find_row(t04, JUE_L_INC_GRAND, I), "合计", ai, 1);
                contrib(c, JUE_T04, jue_table_find_row(t04, JUE_L_INC_GRAND, I), T04_FUND_COLS[src], ai, 1);
            }
            if (src == JUE_SRC_GOVFUND || src == JUE_SRC_SOE) {
                jue_table_id tt = src == JUE_SRC_GOVFUND ? JUE_T07 : JUE_T08;
                nr = code_rows(c->g[tt].tab, code, rows);
                for (int q = 0; q < nr; q++) contrib(c, tt, rows[q], JUE_C_INCOME, ai, 1);
            }
        } else if (k[0] == 'E') {
            int fund, kind;
            char code[8] = "", econ[8] = "";
            sscanf(k, "E|%d|%d|%7[0-9]|%5s", &fund, &kind, code, econ);
            char cls[4];
            class_of(code, cls);
            contrib(c, JUE_T01, jue_table_find_row(t01, cls, E), JUE_C_ACTUAL, ai, 1);
            contrib(c, JUE_T01, jue_table_find_row(t01, JUE_L_EXP_TOTAL, E), JUE_C_ACTUAL, ai, 1);
            contrib(c, JUE_T01, jue_table_find_row(t01, JUE_L_EXP_GRAND, E), JUE_C_ACTUAL, ai, 1);
            int rows[4], nr = code_rows(c->g[JUE_T03].tab, code, rows);
            for (int q = 0; q < nr; q++) {
                contrib(c, JUE_T03, rows[q], JUE_C_EXP_TOTAL, ai, 1);
                contrib(c, JUE_T03, rows[q], T03_COLS[kind], ai, 1);
            }
            if (fund <= JUE_FUND_SOE) {
                int rc = jue_table_find_row(t04, cls, E);
                const char *fc = T04_FUND_COLS[fund];
                contrib(c, JUE_T04, rc, "合计", ai, 1);
                contrib(c, JUE_T04, rc, fc, ai, 1);
                int rt = jue_table_find_row(t04, JUE_L_EXP_TOTAL, E), rg = jue_table_find_row(t04, JUE_L_EXP_GRAND, E);
                contrib(c, JUE_T04, rt, "合计", ai, 1);
                contrib(c, JUE_T04, rt, fc, ai, 1);
                contrib(c, JUE_T04, rg, "合计", ai, 1);
                contrib(c, JUE_T04, rg, fc, ai, 1);
            }
            if (fund == JUE_FUND_GENERAL) {
                nr = code_rows(c->g[JUE_T05].tab, code, rows);
                for (int q = 0; q < nr; q++) {
                    contrib(c, JUE_T05, rows[q], "合计", ai, 1);
                    contrib(c, JUE_T05, rows[q], kind == JUE_KIND_BASIC ? JUE_C_BASIC : JUE_C_PROJECT, ai, 1);
                }
                if (kind == JUE_KIND_BASIC && econ[0]) {
                    char ecl[8];
                    jue_code_parent(JUE_CAT_ECONOMIC, econ, ecl, sizeof ecl);
                    int rk = jue_table_find_row(t06, econ, JUE_SIDE_NONE);
                    int rl = jue_table_find_row(t06, ecl, JUE_SIDE_NONE);
                    jue_side sd = rk >= 0 ? t06->rows[rk].side : JUE_SIDE_PUBLIC;
                    contrib(c, JUE_T06, rk, JUE_C_ACTUAL, ai, 1);
                    contrib(c, JUE_T06, rl, JUE_C_ACTUAL, ai, 1);
                    contrib(c, JUE_T06,
                            jue_table_find_row(t06, sd == JUE_SIDE_PERSONNEL ? JUE_L6_PERSONNEL : JUE_L6_PUBLIC, JUE_SIDE_NONE),
                            JUE_C_ACTUAL, ai, 1);
                }
            }
            if (fund == JUE_FUND_GOVFUND || fund == JUE_FUND_SOE) {
                jue_table_id tt = fund == JUE_FUND_GOVFUND ? JUE_T07 : JUE_T08;
                nr = code_rows(c->g[tt].tab, code, rows);
                for (int q = 0; q < nr; q++) {
                    contrib(c, tt, rows[q], "小计", ai, 1);
                    contrib(c, tt, rows[q], kind == JUE_KIND_BASIC ? JUE_C_BASIC : JUE_C_PROJECT, ai, 1);
                }
            }
        } else if (k[0] == 'C') {
            int fund, end;
            char code[8] = "";
            sscanf(k, "C|%d|%d|%7s", &fund, &end, code);
            if (end) {
                contrib(c, JUE_T01, jue_table_find_row(t01, JUE_L_END, E), JUE_C_ACTUAL, ai, 1);
                contrib(c, JUE_T01, jue_table_find_row(t01, JUE_L_EXP_GRAND, E), JUE_C_ACTUAL, ai, 1);
            } else {
                contrib(c, JUE_T01, jue_table_find_row(t01, JUE_L_BEGIN, I), JUE_C_ACTUAL, ai, 1);
                contrib(c, JUE_T01, jue_table_find_row(t01, JUE_L_INC_GRAND, I), JUE_C_ACTUAL, ai, 1);
            }
            if (fund <= JUE_FUND_SOE) {
                jue_side sd = end ? E : I;
                int rb = jue_table_find_row(t04, end ? JUE_L4_END : JUE_L4_BEGIN, sd);
                int rg = jue_table_find_row(t04, JUE_L_INC_GRAND, sd == I ? I : E);
                if (sd == E) rg = jue_table_find_row(t04, JUE_L_EXP_GRAND, E);
                contrib(c, JUE_T04, rb, "合计", ai, 1);
                contrib(c, JUE_T04, rb, T04_FUND_COLS[fund], ai, 1);
                if (!end) {
                    char key[96];
                    snprintf(key, sizeof key, "%s%s", JUE_L4_BEGIN_PREFIX, T04_FUND_COLS[fund]);
                    contrib(c, JUE_T04, jue_table_find_row(t04, key, I), "合计", ai, 1);
                }
                contrib(c, JUE_T04, rg, "合计", ai, 1);
                contrib(c, JUE_T04, rg, T04_FUND_COLS[fund], ai, 1);
            }
            if ((fund == JUE_FUND_GOVFUND || fund == JUE_FUND_SOE) && code[0]) {
                jue_table_id tt = fund == JUE_FUND_GOVFUND ? JUE_T07 : JUE_T08;
                int rows[4], nr = code_rows(c->g[tt].tab, code, rows);
                for (int q = 0; q < nr; q++) contrib(c, tt, rows[q], end ? JUE_C_END : JUE_C_BEGIN, ai, 1);
            }
        } else if (!strcmp(k, "B|use")) {
            contrib(c, JUE_T01, jue_table_find_row(t01, JUE_L_USE_NONFISCAL, I), JUE_C_ACTUAL, ai, 1);
            contrib(c, JUE_T01, jue_table_find_row(t01, JUE_L_INC_GRAND, I), JUE_C_ACTUAL, ai, 1);
        } else if (!strcmp(k, "B|dist")) {
            contrib(c, JUE_T01, jue_table_find_row(t01, JUE_L_DISTRIBUTE, E), JUE_C_ACTUAL, ai, 1);
            contrib(c, JUE_T01, jue_table_find_row(t01, JUE_L_EXP_GRAND, E), JUE_C_ACTUAL, ai, 1);
        }
    }
}

/* ---------- controlled rounding ---------- */

static jue_fen floor_unit(jue_fen v)
{
    jue_fen q = v / UNIT;
    if (v % UNIT != 0 && v < 0) q--;
    return q * UNIT;
}

static jue_fen round_unit(jue_fen v)
{
    jue_fen f = floor_unit(v);
    jue_fen r = v - f;            /* 0 ≤ r < UNIT */
    return r * 2 >= UNIT ? f + UNIT : f;
}

typedef struct { int cell; int coef; } ref;

typedef struct {
    termvec *terms;      /* the cell's terms (not owned) */
    jue_fen dev;         /* Σ coef × (rounded − truth) */
    jue_fen tol;         /* allowed |dev| */
} constraint;

static uint64_t rng_next(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return *s = x;
}

static jue_fen viol(const constraint *k)
{
    jue_fen d = k->dev < 0 ? -k->dev : k->dev;
    return d > k->tol ? d - k->tol : 0;
}

/* Local search over floor/ceil choices. Returns the number of constraints
 * still violated. strict_exact: cells whose true value is a whole 0.01 万元
 * must print exactly (tolerance 0) — tried first, relaxed if impossible. */
static size_t round_atoms(cc *c, bool strict_exact, jue_compile_stats *st)
{
    atoms *A = &c->A;
    /* Start: error diffusion in key order (ledger cells of one kind and fund
     * sit together, codes in hierarchy order), so every run of neighbouring
     * atoms — a subtree of the hierarchy — is already within one unit. */
    int *order = malloc((A->n + 1) * sizeof *order);
    if (!order) { c->nomem = true; return 0; }
    size_t nfree = 0;
    for (size_t i = 0; i < A->n; i++)
        if (!A->a[i].derived) order[nfree++] = (int)i;
    /* keys sort in hierarchy order within each kind/fund */
    for (size_t i = 1; i < nfree; i++) {
        int x = order[i];
        size_t j = i;
        while (j > 0 && strcmp(A->a[order[j - 1]].key, A->a[x].key) > 0) { order[j] = order[j - 1]; j--; }
        order[j] = x;
    }
    jue_fen prefix_t = 0, prefix_r = 0;
    for (size_t i = 0; i < nfree; i++) {
        atom *a = &A->a[order[i]];
        prefix_t += a->truth;
        jue_fen r = round_unit(prefix_t);
        a->rounded = r - prefix_r;
        prefix_r = r;
    }
    free(order);

    /* constraints: printed cells summing several atoms */
    size_t ncons = 0;
    for (int t = 0; t < JUE_NTABLES; t++) {
        grid *g = &c->g[t];
        for (size_t i = 0; i < g->tab->nrows * g->tab->ncols; i++) {
            termvec *v = &g->tv[i];
            int w = 0;
            for (int q = 0; q < v->n; q++)
                if (v->t[q].coef) v->t[w++] = v->t[q];
            v->n = w;
            if (v->n > 1 || (v->n == 1 && (v->t[0].coef > 1 || v->t[0].coef < -1))) ncons++;
        }
    }
    constraint *K = calloc(ncons + 1, sizeof *K);
    size_t *nref = calloc(A->n + 1, sizeof *nref);
    if (!K || !nref) { free(K); free(nref); c->nomem = true; return 0; }
    size_t k = 0, total_refs = 0;
    for (int t = 0; t < JUE_NTABLES; t++) {
        grid *g = &c->g[t];
        for (size_t i = 0; i < g->tab->nrows * g->tab->ncols; i++) {
            termvec *v = &g->tv[i];
            if (!(v->n > 1 || (v->n == 1 && (v->t[0].coef > 1 || v->t[0].coef < -1)))) continue;
            jue_fen truth = 0, dev = 0;
            for (int q = 0; q < v->n; q++) {
                const atom *a = &A->a[v->t[q].atom];
                truth += v->t[q].coef * a->truth;
                dev += v->t[q].coef * (a->rounded - a->truth);
                nref[v->t[q].atom]++;
                total_refs++;
            }
            K[k].terms = v;
            K[k].dev = dev;
            K[k].tol = (strict_exact && truth % UNIT == 0) ? 0 : UNIT;
            k++;
        }
    }
    /* atom → constraints index (CSR) */
    size_t *start = calloc(A->n + 1, sizeof *start);
    ref *refs = malloc((total_refs + 1) * sizeof *refs);
    if (!start || !refs) { free(K); free(nref); free(start); free(refs); c->nomem = true; return 0; }
    for (size_t i = 0; i < A->n; i++) start[i + 1] = start[i] + nref[i];
    memset(nref, 0, (A->n + 1) * sizeof *nref);
    for (size_t i = 0; i < ncons; i++)
        for (int q = 0; q < K[i].terms->n; q++) {
            int a = K[i].terms->t[q].atom;
            refs[start[a] + nref[a]++] = (ref){ (int)i, K[i].terms->t[q].coef };
        }

    /* WalkSAT-style search: repeatedly take a printed cell that is off by
     * more than its tolerance and move one of its atoms to the other side
     * of its truth, choosing the move that breaks fewest other cells; random
     * moves and a short tabu list get it out of local minima, and restarts
     * from a randomised rounding keep the best assignment found. */
    jue_fen *best_assign = malloc((A->n + 1) * sizeof *best_assign);
    size_t *last_move = calloc(A->n + 1, sizeof *last_move);
    if (!best_assign || !last_move) { free(best_assign); free(last_move); free(K); free(nref); free(start); free(refs); c->nomem = true; return 0; }
    uint64_t rng = 0x9E3779B97F4A7C15ULL;
    size_t nviol = 0, best_viol = (size_t)-1, iter = 0;
    const int attempts = 6;
    size_t per_attempt = 100 * (A->n + 10) + 5000;
    for (int attempt = 0; attempt < attempts && best_viol != 0; attempt++) {
        if (attempt > 0) {
            /* randomised rounding: up with probability of the fraction */
            for (size_t i = 0; i < A->n; i++) {
                atom *x = &A->a[i];
                if (x->derived) continue;
                jue_fen f = floor_unit(x->truth), frac = x->truth - f;
                x->rounded = (jue_fen)(rng_next(&rng) % UNIT) < frac ? f + UNIT : f;
            }
        }
        for (size_t i = 0; i < ncons; i++) {
            jue_fen dev = 0;
            for (int q = 0; q < K[i].terms->n; q++) {
                const atom *x = &A->a[K[i].terms->t[q].atom];
                dev += K[i].terms->t[q].coef * (x->rounded - x->truth);
            }
            K[i].dev = dev;
        }
        nviol = 0;
        for (size_t i = 0; i < ncons; i++) nviol += viol(&K[i]) > 0;
        memset(last_move, 0, (A->n + 1) * sizeof *last_move);
        for (size_t it = 1; nviol > 0 && it <= per_attempt; it++) {
            iter++;
            size_t pick = (size_t)(rng_next(&rng) % nviol), seen = 0, ci = 0;
            for (ci = 0; ci < ncons; ci++)
                if (viol(&K[ci]) > 0 && seen++ == pick) break;
            constraint *C = &K[ci];
            int want = C->dev > 0 ? -1 : 1;
            int best = -1, best_break = 0, nc = 0, cands[64];
            jue_fen best_delta = 0, steps[64];
            for (int q = 0; q < C->terms->n; q++) {
                int ai = C->terms->t[q].atom, coef = C->terms->t[q].coef;
                atom *x = &A->a[ai];
                jue_fen step = coef * want > 0 ? UNIT : -UNIT;
                jue_fen nd = x->rounded + step - x->truth;
                /* inexact atoms move between floor and ceiling; an exact
                 * non-zero atom may sit one unit off as a last resort; a zero
                 * (absent) atom never prints as anything but blank */
                if (nd >= UNIT || nd <= -UNIT) continue;
                if (x->truth == 0 && nd != 0) continue;
                if (it - last_move[ai] < 8 && last_move[ai] && C->terms->n > 2) continue; /* tabu */
                int brk = 0;
                jue_fen delta = 0;
                for (size_t r = start[ai]; r < start[ai + 1]; r++) {
                    constraint *D = &K[refs[r].cell];
                    jue_fen before = viol(D);
                    D->dev += refs[r].coef * step;
                    jue_fen after = viol(D);
                    D->dev -= refs[r].coef * step;
                    delta += after - before;
                    brk += before == 0 && after > 0;
                }
                if (x->truth % UNIT == 0 && nd != 0) brk++; /* moving an exact atom costs */
                if (nc < 64) { cands[nc] = ai; steps[nc] = step; nc++; }
                if (best < 0 || brk < best_break || (brk == best_break && delta < best_delta)) {
                    best = nc - 1;
                    best_break = brk;
                    best_delta = delta;
                }
            }
            if (best < 0) continue;
            if (best_break > 0 && rng_next(&rng) % 100 < 35) best = (int)(rng_next(&rng) % (uint64_t)nc);
            int ai = cands[best];
            jue_fen step = steps[best];
            A->a[ai].rounded += step;
            last_move[ai] = it;
            for (size_t r = start[ai]; r < start[ai + 1]; r++) {
                constraint *D = &K[refs[r].cell];
                bool was = viol(D) > 0;
                D->dev += refs[r].coef * step;
                bool now = viol(D) > 0;
                nviol += (size_t)now - (size_t)was;
            }
        }
        if (nviol < best_viol) {
            best_viol = nviol;
            for (size_t i = 0; i < A->n; i++) best_assign[i] = A->a[i].rounded;
        }
    }
    for (size_t i = 0; i < A->n; i++) A->a[i].rounded = best_assign[i];
    nviol = best_viol;
    for (size_t i = 0; i < ncons; i++) {
        jue_fen dev = 0;
        for (int q = 0; q < K[i].terms->n; q++) {
            const atom *x = &A->a[K[i].terms->t[q].atom];
            dev += K[i].terms->t[q].coef * (x->rounded - x->truth);
        }
        K[i].dev = dev;
    }
    free(best_assign);
    free(last_move);
    if (nviol && !strict_exact && getenv("JUE_DEBUG_ROUNDING")) {
        for (size_t i = 0; i < ncons; i++) {
            if (!viol(&K[i])) continue;
            fprintf(stderr, "violated: dev %lld tol %lld\n", (long long)K[i].dev, (long long)K[i].tol);
            for (int q = 0; q < K[i].terms->n; q++) {
                const atom *a = &A->a[K[i].terms->t[q].atom];
                fprintf(stderr, "  %+d × %s truth %lld rounded %lld refs %zu\n", K[i].terms->t[q].coef, a->key,
                        (long long)a->truth, (long long)a->rounded, start[K[i].terms->t[q].atom + 1] - start[K[i].terms->t[q].atom]);
            }
        }
    }
    if (st) {
        st->constraints = ncons;
        st->iterations += iter;
    }
    free(K);
    free(nref);
    free(start);
    free(refs);
    return nviol;
}

/* ---------- values into the tables ---------- */

static void fill_cells(cc *c, jue_compile_stats *st)
{
    for (int t = 0; t < JUE_NTABLES; t++) {
        grid *g = &c->g[t];
        jue_table *tab = g->tab;
        for (size_t r = 0; r < tab->nrows; r++)
            for (size_t k = 0; k < tab->ncols; k++) {
                termvec *v = &g->tv[r * tab->ncols + k];
                jue_cell *cell = jue_table_cell(tab, r, k);
                jue_fen truth = 0, printed = 0;
                for (int q = 0; q < v->n; q++) {
                    const atom *a = &c->A.a[v->t[q].atom];
                    truth += v->t[q].coef * a->truth;
                    printed += v->t[q].coef * a->rounded;
                }
                jue_cell_set_exact(cell, truth);
                cell->printed = printed;
                cell->iv = jue_iv_printed(printed, 2, JUE_UNIT_WAN);
                /* zero prints blank, as in the official forms, except grand totals */
                cell->present = v->n > 0 && (truth != 0 || printed != 0);
                jue_fen dv = printed - truth;
                if (dv < 0) dv = -dv;
                if (st && dv > st->max_deviation) st->max_deviation = dv;
            }
    }
}

/* 三公: budget and actual are separate 1-D hierarchies; error diffusion over
 * the leaves in printed order (出国, 购置, 运行, 接待) keeps every contiguous
 * subtotal (车小计 = 购置 + 运行, 合计) within one unit. */
static void fill_t09(cc *c)
{
    const jue_source *s = c->src;
    jue_fen actual[JUE_N3P] = { 0 };
    static const char *const ECON[JUE_N3P] = { "30212", "31013", "30231", "30217" };
    for (size_t i = 0; i < s->nexp; i++) {
        const jue_exp_line *e = &s->exp[i];
        if (e->fund == JUE_FUND_NONFISCAL) continue;
        for (int q = 0; q < JUE_N3P; q++)
            if (!strcmp(e->econ, ECON[q])) actual[q] += e->amount;
    }
    if (s->has_three_actual) {
        static const char *const NAMES[JUE_N3P] = { "因公出国（境）费", "公务用车购置费", "公务用车运行维护费", "公务接待费" };
        char yaml[4096];
        jue_source_path(s, "department.yaml", yaml, sizeof yaml);
        for (int q = 0; q < JUE_N3P; q++)
            if (s->three_actual[q] != actual[q]) {
                char a[40], b[40];
                jue_fmt_yuan(s->three_actual[q], true, a, sizeof a);
                jue_fmt_yuan(actual[q], true, b, sizeof b);
                jue_diag_add(c->diags, JUE_SEV_ERROR, yaml, 0, 0,
                             "three_public.actual：%s填为%s元，而账目中经济分类%s的财政拨款支出为%s元", NAMES[q], a, ECON[q], b);
            }
    }
    jue_table *t = c->g[JUE_T09].tab;
    const jue_fen *vals[2] = { s->three_budget, actual };
    bool any = false;
    for (int col = 0; col < 2; col++) {
        jue_fen leaf_t[JUE_N3P], leaf_r[JUE_N3P], pt = 0, pr = 0;
        for (int q = 0; q < JUE_N3P; q++) {
            leaf_t[q] = vals[col][q];
            pt += leaf_t[q];
            jue_fen r = round_unit(pt);
            leaf_r[q] = r - pr;
            pr = r;
            any |= leaf_t[q] != 0;
        }
        struct { const char *row; int from, to; } lines[] = {
            { JUE_L9_TOTAL, 0, 3 }, { JUE_L9_ABROAD, 0, 0 }, { JUE_L9_CAR, 1, 2 },
            { JUE_L9_CAR_BUY, 1, 1 }, { JUE_L9_CAR_RUN, 2, 2 }, { JUE_L9_RECEPTION, 3, 3 },
        };
        for (size_t l = 0; l < 6; l++) {
            jue_fen tt = 0, rr = 0;
            for (int q = lines[l].from; q <= lines[l].to; q++) { tt += leaf_t[q]; rr += leaf_r[q]; }
            int r = jue_table_find_row(t, lines[l].row, JUE_SIDE_NONE);
            jue_cell *cell = jue_table_cell(t, (size_t)r, (size_t)col);
            jue_cell_set_exact(cell, tt);
            cell->printed = rr;
            cell->iv = jue_iv_printed(rr, 2, JUE_UNIT_WAN);
            cell->present = tt != 0 || rr != 0;
        }
    }
    t->empty = !any;
}

jue_status jue_compile_adopt(const jue_source *src, const jue_profile *prof, jue_disclosure *d)
{
    free(d->department);
    d->department = jue_strdup(src->department);
    d->year = src->year;
    d->type = src->type;
    free(d->profile);
    d->profile = jue_strdup(jue_profile_name(prof));
    for (size_t i = 0; i < d->nunits; i++) {
        free(d->units[i].id);
        free(d->units[i].name);
    }
    free(d->units);
    d->nunits = 0;
    d->units = calloc(src->nunits + 1, sizeof *d->units);
    if (!d->units || !d->department || !d->profile) return JUE_ERR_NOMEM;
    for (size_t i = 0; i < src->nunits; i++) {
        d->units[i] = src->units[i];
        d->units[i].id = jue_strdup(src->units[i].id);
        d->units[i].name = jue_strdup(src->units[i].name);
        d->nunits++;
    }
    return JUE_OK;
}

void jue_compile_present(jue_disclosure *d, const jue_profile *prof)
{
    for (int t = 0; t < JUE_NTABLES; t++) {
        jue_table *tab = d->tables[t];
        if (!tab) continue;
        /* printed place and label as the profile has them */
        char label[128];
        tab->number = jue_profile_table_number(prof, (jue_table_id)t);
        tab->plain = !jue_profile_line_numbers(prof);
        free(tab->label);
        tab->label = jue_strdup(jue_profile_table_label(prof, (jue_table_id)t, label, sizeof label));
        /* the heading line and the 注 under the table, as the profile prints them */
        tab->no_preparer = !jue_profile_preparer_line(prof);
        free(tab->footnote);
        tab->footnote = jue_profile_table_note(prof, (jue_table_id)t, d->department, d->year);
        if (tab->empty) {
            char *note = jue_profile_empty_note(prof, (jue_table_id)t, d->department, d->year);
            if (note) {
                jue_table_set_note(tab, note);
                free(note);
            }
        }
    }
}

static void mark_empty(cc *c, jue_disclosure *d)
{
    for (int t = 0; t < JUE_NTABLES; t++) {
        jue_table *tab = d->tables[t];
        if (t == JUE_T09) continue;   /* fill_t09 knows */
        bool any = false;
        for (size_t i = 0; i < tab->nrows * tab->ncols && !any; i++) any = tab->cells[i].present;
        tab->empty = !any;
    }
    jue_compile_present(d, c->prof);
}

jue_status jue_compile(const jue_source *src, const jue_catalog *cat, const jue_profile *prof,
                       jue_disclosure **out, jue_compile_stats *stats, jue_diags *diags)
{
    *out = NULL;
    cc c;
    memset(&c, 0, sizeof c);
    c.src = src;
    c.cat = cat;
    c.prof = prof;
    c.diags = diags;
    jue_compile_stats local;
    if (!stats) stats = &local;
    memset(stats, 0, sizeof *stats);
    size_t errs = diags->errors;
    jue_disclosure *d = jue_disclosure_new();
    if (!d) return JUE_ERR_NOMEM;
    if (jue_compile_adopt(src, prof, d) != JUE_OK) { jue_disclosure_free(d); return JUE_ERR_NOMEM; }
    for (int t = 0; t < JUE_NTABLES; t++) {
        d->tables[t] = jue_table_new((jue_table_id)t);
        if (!d->tables[t]) { jue_disclosure_free(d); return JUE_ERR_NOMEM; }
        c.g[t].tab = d->tables[t];
    }
    build_atoms(&c);
    if (!c.nomem) build_rows(&c);
    for (int t = 0; t < JUE_NTABLES && !c.nomem; t++) finish_rows(&c, (jue_table_id)t);
    if (!c.nomem) build_terms(&c);
    if (!c.nomem) {
        stats->atoms = c.A.n;
        size_t left = round_atoms(&c, true, stats);
        if (left > 0 && !c.nomem) left = round_atoms(&c, false, stats);
        stats->unresolved = left;
        if (left > 0)
            jue_diag_add(diags, JUE_SEV_WARNING, src->dir, 0, 0,
                         "控制舍入后有%zu个印出的数字与真实值相差超过0.01万元；各合计仍严格相等", left);
    }
    if (!c.nomem) {
        fill_cells(&c, stats);
        fill_t09(&c);
        mark_empty(&c, d);
    }
    for (int t = 0; t < JUE_NTABLES; t++) {
        grid *g = &c.g[t];
        if (g->tv)
            for (size_t i = 0; i < g->tab->nrows * g->tab->ncols; i++) free(g->tv[i].t);
        free(g->tv);
    }
    atoms_free(&c.A);
    if (c.nomem) { jue_disclosure_free(d); return JUE_ERR_NOMEM; }
    if (diags->errors != errs) { jue_disclosure_free(d); return JUE_ERR_INVALID; }
    *out = d;
    return JUE_OK;
}
