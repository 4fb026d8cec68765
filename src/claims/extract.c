/* Claim extraction from the explanatory notes. Paragraphs are rebuilt from
 * lines (copying from PDF or Word breaks sentences, even "3978.63万" / "元"),
 * then each sentence is read left to right: a subject phrase from the lexicon
 * sets what the following figures speak of, a keyword (增加/减少, 占, 完成,
 * 预算, 决算, 其中) sets their role, and each figure becomes a claim with the
 * interval its printed precision allows and its line and column. */
#include <juesuan/claims.h>
#include <juesuan/model.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/encoding.h"
#include "core/yaml_tree.h"

#define LEX_BUCKETS 512

/* The bucket of the character at p: its UTF-8 bytes (at most 4, never past
 * end) hashed. A phrase and the text it matches start with the same
 * character, so they fall in the same bucket. */
static unsigned lex_bucket(const char *p, const char *end)
{
    unsigned char b0 = (unsigned char)*p;
    size_t n = b0 < 0x80 ? 1 : b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4;
    if ((size_t)(end - p) < n) n = (size_t)(end - p);
    unsigned h = 0;
    for (size_t i = 0; i < n; i++) h = h * 131u + (unsigned char)p[i];
    return h % LEX_BUCKETS;
}

typedef struct {
    char *phrase, *subject, *fact, *scope;
    size_t plen;
} lex_entry;

struct jue_lexicon {
    lex_entry *e;
    size_t n;
    /* entries by a hash of the first character of their phrase: matching
     * at a position tries only those (a first byte alone puts most Chinese
     * phrases in a handful of buckets) */
    uint16_t *by_byte[LEX_BUCKETS];
    uint16_t by_count[LEX_BUCKETS];
};

void jue_claims_init(jue_claims *c) { memset(c, 0, sizeof *c); }

void jue_claims_free(jue_claims *c)
{
    if (!c) return;
    for (size_t i = 0; i < c->len; i++) {
        jue_claim *x = &c->items[i];
        free(x->subject);
        free(x->fact);
        free(x->whole);
        free(x->item_names);
        free(x->printed);
    }
    free(c->items);
    for (size_t i = 0; i < c->nsections; i++) {
        free(c->sections[i].number);
        free(c->sections[i].title);
    }
    free(c->sections);
    memset(c, 0, sizeof *c);
}

void jue_lexicon_free(jue_lexicon *lx)
{
    if (!lx) return;
    for (int b = 0; b < LEX_BUCKETS; b++) free(lx->by_byte[b]);
    for (size_t i = 0; i < lx->n; i++) {
        free(lx->e[i].phrase);
        free(lx->e[i].subject);
        free(lx->e[i].fact);
        free(lx->e[i].scope);
    }
    free(lx->e);
    free(lx);
}

static const char *ystr(const jue_ynode *m, const char *k)
{
    const jue_ynode *v = jue_ymap_get(m, k);
    return v && v->type == JUE_Y_SCALAR && !v->plain_null ? v->value : NULL;
}

jue_status jue_lexicon_load(const char *path, jue_lexicon **out, jue_diags *diags)
{
    *out = NULL;
    jue_ynode *root = NULL;
    jue_status st = jue_yaml_load(path, "claims/lexicon.yaml", "the claims lexicon", &root, diags);
    if (st != JUE_OK) return st;
    jue_lexicon *lx = calloc(1, sizeof *lx);
    const jue_ynode *subs = jue_ymap_get(root, "subjects");
    if (!lx || !subs || subs->type != JUE_Y_SEQ) {
        if (lx) jue_diag_add(diags, JUE_SEV_ERROR, path, 1, 1, "missing list 'subjects'");
        jue_ynode_free(root);
        free(lx);
        return lx ? JUE_ERR_INVALID : JUE_ERR_NOMEM;
    }
    lx->e = calloc(subs->n + 1, sizeof *lx->e);
    if (!lx->e) { jue_ynode_free(root); free(lx); return JUE_ERR_NOMEM; }
    for (size_t i = 0; i < subs->n; i++) {
        const jue_ynode *m = subs->items[i];
        const char *ph = ystr(m, "phrase"), *su = ystr(m, "subject");
        if (!ph || !su || !*ph) {
            jue_diag_add(diags, JUE_SEV_ERROR, path, m->line, m->col, "a subject needs 'phrase' and 'subject'");
            continue;
        }
        lex_entry *e = &lx->e[lx->n++];
        e->phrase = jue_strdup(ph);
        e->subject = jue_strdup(su);
        e->fact = jue_strdup(ystr(m, "fact"));
        e->scope = jue_strdup(ystr(m, "scope"));
        e->plen = strlen(ph);
    }
    jue_ynode_free(root);
    if (lx->n > 65535) lx->n = 65535;
    for (size_t i = 0; i < lx->n; i++) lx->by_count[lex_bucket(lx->e[i].phrase, lx->e[i].phrase + lx->e[i].plen)]++;
    for (int b = 0; b < LEX_BUCKETS; b++) {
        if (!lx->by_count[b]) continue;
        lx->by_byte[b] = malloc(lx->by_count[b] * sizeof(uint16_t));
        if (!lx->by_byte[b]) { jue_lexicon_free(lx); return JUE_ERR_NOMEM; }
        lx->by_count[b] = 0;
    }
    for (size_t i = 0; i < lx->n; i++) {
        unsigned b = lex_bucket(lx->e[i].phrase, lx->e[i].phrase + lx->e[i].plen);
        lx->by_byte[b][lx->by_count[b]++] = (uint16_t)i;
    }
    *out = lx;
    return JUE_OK;
}

/* ---------- UTF-8 helpers ---------- */

static inline bool starts(const char *p, const char *end, const char *lit)
{
    /* the first byte first: most positions fail there, without a call */
    if (p >= end || *p != *lit) return false;
    size_t n = strlen(lit);
    return (size_t)(end - p) >= n && !memcmp(p, lit, n);
}

static bool is_digit_at(const char *p, const char *end)
{
    if (p < end && *p >= '0' && *p <= '9') return true;
    /* full-width ０–９: EF BC 90–99 */
    return end - p >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBC &&
           (unsigned char)p[2] >= 0x90 && (unsigned char)p[2] <= 0x99;
}

/* A line that starts a 项 statement: a number that is a list ordinal or a
 * code ("1、…（类）", "2101501 …"), not an amount a wrapped sentence carries
 * onto the line ("4948.72 万元，占 20.17%；住房保障支出（类）…"). */
static bool item_start(const char *s, const char *e)
{
    if (!is_digit_at(s, e)) return false;
    const char *q = s;
    while (q < e && *q >= '0' && *q <= '9') q++;
    if (q < e && (*q == '.' || *q == ',') && q + 1 < e && q[1] >= '0' && q[1] <= '9') return false;
    while (q < e && *q == ' ') q++;
    return !starts(q, e, "万元") && !starts(q, e, "元") && !starts(q, e, "%");
}

/* A line that is a number and nothing else ("23,965.16", "2080505"). */
static bool lone_figure(const char *s, const char *e)
{
    if (s == e) return false;
    if (*s == '-') s++;
    bool digit = false;
    for (const char *q = s; q < e; q++) {
        if (*q >= '0' && *q <= '9') digit = true;
        else if (*q != ',' && *q != '.' && *q != ' ') return false;
    }
    return digit;
}

/* Whether the line at p goes on with a unit or a sentence mark: the figure
 * on the line before it is a wrapped sentence's ("（类）" / "3832.36" /
 * "万元，占 39.32%；"), not a table cell. */
static bool unit_next(const char *p, const char *end)
{
    while (p < end && *p == ' ') p++;
    static const char *const marks[] = { "万元", "元", "亿元", "%", "％", "，", "。", "；", "、", "人", "个" };
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
        if (starts(p, end, marks[i])) return true;
    return false;
}

/* ---------- paragraphs with a position map ---------- */

typedef struct {
    jue_buf text;
    int *line;        /* per byte: source line */
    int *col;         /* per byte: source column (characters) */
    int *page;        /* per byte: page (0 when the door has none) */
    size_t cap;
} para;

static bool para_put(para *p, const char *s, size_t n, int line, int col0, int page)
{
    if (p->text.len + n + 1 > p->cap) {
        size_t nc = p->cap ? p->cap : 256;
        while (nc < p->text.len + n + 1) nc *= 2;
        int *nl = realloc(p->line, nc * sizeof *nl);
        if (!nl) return false;
        p->line = nl;
        int *ncol = realloc(p->col, nc * sizeof *ncol);
        if (!ncol) return false;
        p->col = ncol;
        int *npg = realloc(p->page, nc * sizeof *npg);
        if (!npg) return false;
        p->page = npg;
        p->cap = nc;
    }
    int col = col0;
    for (size_t i = 0; i < n; i++, col += ((unsigned char)s[i - 1] & 0xC0) != 0x80) {
        /* a blank between two Chinese characters is what justified text
         * copied out of a PDF leaves ("占 本 年 支 出"), not a word break */
        size_t at = p->text.len;
        if (s[i] == ' ' && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 && at && (unsigned char)p->text.data[at - 1] >= 0x80)
            continue;
        p->line[at] = line;
        p->col[at] = col;
        p->page[at] = page;
        jue_buf_putn(&p->text, s + i, 1);
    }
    return p->text.err == JUE_OK;
}

/* ---------- extraction state ---------- */

typedef struct {
    const jue_lexicon *lx;
    const jue_catalog *cat;
    int year;
    jue_claims *out;
    char context[512];    /* current section titles, for lexicon scopes */
    int section;
    int page;             /* the page of the line being read */
    int sentence;
    int in_sentence;      /* figures in the sentence so far */
    bool over;            /* JUE_CLAIMS_MAX reached */
    char *item_subject;   /* 项 statement in force */
    char *item_names;
    char *item_fact;
    bool item_resolved;
    bool item_partial;    /* the names differ where the catalog is not complete */
    bool nomem;
    const jue_note_line *item_until;   /* the last line an item statement took */
    jue_buf pending;      /* in a single-space copy, an item's first line whose names broke off */
    int pending_line;
    const char *lei[100];   /* the year's 类 names ("社会保障和就业支出"), for "X支出92.04万元" */
    char lei_code[100][4];
    int nlei;
} ex;

static void load_lei(ex *x)
{
    if (!x->cat || x->year <= 0) return;
    for (int c = 201; c <= 299 && x->nlei < 100; c++) {
        char code[4];
        snprintf(code, sizeof code, "%d", c);
        const char *n = jue_catalog_name(x->cat, JUE_CAT_FUNCTIONAL, code, x->year);
        if (!n) continue;
        x->lei[x->nlei] = n;
        memcpy(x->lei_code[x->nlei], code, 4);
        x->nlei++;
    }
}

static void set_context(ex *x)
{
    x->context[0] = 0;
    int l1 = -1, l2 = -1;
    for (int i = (int)x->out->nsections - 1; i >= 0; i--) {
        if (x->out->sections[i].paragraph) continue;
        if (x->out->sections[i].level == 2 && l2 < 0 && l1 < 0) l2 = i;
        if (x->out->sections[i].level == 1) { l1 = i; break; }
    }
    snprintf(x->context, sizeof x->context, "%s|%s", l1 >= 0 ? x->out->sections[l1].title : "",
             l2 >= 0 ? x->out->sections[l2].title : "");
}

static const lex_entry *match_subject(const ex *x, const char *p, const char *end)
{
    const lex_entry *best = NULL;
    unsigned b0 = lex_bucket(p, end);
    for (size_t k = 0; k < x->lx->by_count[b0]; k++) {
        const lex_entry *e = &x->lx->e[x->lx->by_byte[b0][k]];
        if ((size_t)(end - p) < e->plen || memcmp(p, e->phrase, e->plen)) continue;
        if (e->scope && !strstr(x->context, e->scope)) continue;
        if (!best || e->plen > best->plen || (e->plen == best->plen && e->scope && !best->scope)) best = e;
    }
    return best;
}

static void claim_strings_free(jue_claim *c)
{
    free(c->subject);
    free(c->fact);
    free(c->whole);
    free(c->item_names);
    free(c->printed);
}

/* Appends c (taking its strings); a figure under a 项 statement carries the
 * statement's printed names. */
static int add_claim(ex *x, jue_claim *c)
{
    jue_claims *o = x->out;
    if (o->len >= JUE_CLAIMS_MAX || x->over) { claim_strings_free(c); x->over = true; return -1; }
    if (c->sentence == x->sentence && ++x->in_sentence > JUE_SENTENCE_CLAIMS) {
        x->sentence++;
        x->in_sentence = 1;
        c->sentence = x->sentence;
    }
    if (x->item_subject && x->item_names && c->subject && !strcmp(c->subject, x->item_subject) && !c->item_names) {
        c->item_names = jue_strdup(x->item_names);
        c->item_resolved = x->item_resolved;
        c->item_partial = x->item_partial;
    }
    if (o->len == o->cap) {
        size_t nc = o->cap ? o->cap * 2 : 64;
        jue_claim *ni = realloc(o->items, nc * sizeof *ni);
        if (!ni) { claim_strings_free(c); x->nomem = true; return -1; }
        o->items = ni;
        o->cap = nc;
    }
    o->items[o->len] = *c;
    return (int)o->len++;
}

static const char *const CN_NUM = "一二三四五六七八九十";

/* "十四、…" or "（三）…" / "(三)…" at the start of a line: a section heading. */
static bool section_heading(const char *s, const char *end, int *level, size_t *numlen)
{
    const char *p = s;
    int paren = 0;
    if (starts(p, end, "（")) { p += 3; paren = 1; }
    else if (p < end && *p == '(') { p += 1; paren = 2; }
    const char *q = p;
    while (q < end) {
        bool cn = false;
        for (const char *d = CN_NUM; *d && !cn; d += 3)
            cn = end - q >= 3 && q[0] == d[0] && q[1] == d[1] && q[2] == d[2];
        if (!cn) break;
        q += 3;
    }
    if (q == p || q - p > 9) return false;
    if (paren == 1 && starts(q, end, "）")) { *level = 2; *numlen = (size_t)(q + 3 - s); return true; }
    if (paren == 2 && q < end && *q == ')') { *level = 2; *numlen = (size_t)(q + 1 - s); return true; }
    if (!paren && starts(q, end, "、")) { *level = 1; *numlen = (size_t)(q + 3 - s); return true; }
    return false;
}

/* Strips what copying left behind: Markdown marks, list dashes, spaces. */
static void clean_line(const char **s, const char **e)
{
    for (;;) {
        while (*s < *e && (**s == ' ' || **s == '\r')) (*s)++;
        if (starts(*s, *e, "\xe3\x80\x80")) { *s += 3; continue; }  /* ideographic space */
        if (starts(*s, *e, "**")) { *s += 2; continue; }
        if (starts(*s, *e, "- ") || starts(*s, *e, "# ") || starts(*s, *e, "## ") || starts(*s, *e, "### ")) {
            while (*s < *e && **s != ' ') (*s)++;
            continue;
        }
        break;
    }
    while (*e > *s && ((*e)[-1] == ' ' || (*e)[-1] == '\r')) (*e)--;
    if (*e - *s >= 2 && !memcmp(*e - 2, "**", 2)) *e -= 2;
}

static void add_section(ex *x, const char *s, const char *e, int level, size_t numlen, int line, bool paragraph)
{
    jue_claims *o = x->out;
    if (o->nsections == o->sections_cap) {
        size_t nc = o->sections_cap ? o->sections_cap * 2 : 32;
        jue_section *ns = realloc(o->sections, nc * sizeof *ns);
        if (!ns) { x->nomem = true; return; }
        o->sections = ns;
        o->sections_cap = nc;
    }
    jue_section *sec = &o->sections[o->nsections];
    memset(sec, 0, sizeof *sec);
    const char *num = s, *num_end = s + numlen;
    /* the number without its punctuation */
    if (starts(num, num_end, "（")) num += 3;
    else if (*num == '(') num++;
    const char *ne = num;
    while (ne < num_end && !starts(ne, num_end, "、") && !starts(ne, num_end, "）") && *ne != ')') ne++;
    sec->number = malloc((size_t)(ne - num) + 1);
    const char *t = s + numlen;
    while (t < e && *t == ' ') t++;
    sec->title = malloc((size_t)(e - t) + 1);
    if (!sec->number || !sec->title) { free(sec->number); free(sec->title); x->nomem = true; return; }
    memcpy(sec->number, num, (size_t)(ne - num));
    sec->number[ne - num] = 0;
    memcpy(sec->title, t, (size_t)(e - t));
    sec->title[e - t] = 0;
    sec->level = level;
    sec->line = line;
    sec->page = x->page;
    sec->paragraph = paragraph;
    o->nsections++;
    if (paragraph) return;   /* the text goes on in the section it is in */
    x->section = (int)o->nsections - 1;
    set_context(x);
    free(x->item_subject); free(x->item_names); free(x->item_fact);
    x->item_subject = x->item_names = x->item_fact = NULL;
}

/* Finds the first of two spellings ("（类）" or "(类)"); sets *mlen. */
/* strstr within [s, e): the input is not NUL-terminated. */
static const char *bfind(const char *s, const char *e, const char *lit)
{
    size_t n = strlen(lit);
    for (const char *p = s; p + n <= e; p++)
        if (*p == *lit && !memcmp(p, lit, n)) return p;
    return NULL;
}

static const char *find2(const char *s, const char *e, const char *full, const char *half, size_t *mlen)
{
    const char *a = bfind(s, e, full), *b = bfind(s, e, half);
    if (a && (!b || a < b)) { *mlen = strlen(full); return a; }
    if (b) { *mlen = strlen(half); return b; }
    return NULL;
}

/* Characters of a UTF-8 string, as code-point starts (up to max). */
static size_t chars(const char *s, const char **out, size_t max)
{
    size_t n = 0;
    while (*s && n < max) {
        out[n++] = s;
        /* a character cut short (a name truncated mid-character, bad
         * UTF-8) ends at the NUL, never past it */
        s += jue_utf8_step(s);
    }
    return n;
}

/* Longest common subsequence of characters, as a share of the longer name. */
static double similarity(const char *a, const char *b)
{
    const char *ca[64], *cb[64];
    size_t na = chars(a, ca, 64), nb = chars(b, cb, 64);
    if (!na || !nb) return 0;
    int L[65][65];
    for (size_t i = 0; i <= na; i++)
        for (size_t j = 0; j <= nb; j++) {
            if (!i || !j) { L[i][j] = 0; continue; }
            /* a character's bytes run to the next one (chars() never passes the NUL) */
            size_t la = i < na ? (size_t)(ca[i] - ca[i - 1]) : jue_utf8_step(ca[i - 1]);
            size_t lb = j < nb ? (size_t)(cb[j] - cb[j - 1]) : jue_utf8_step(cb[j - 1]);
            bool same = la == lb && !memcmp(ca[i - 1], cb[j - 1], la);
            L[i][j] = same ? L[i - 1][j - 1] + 1 : (L[i - 1][j] > L[i][j - 1] ? L[i - 1][j] : L[i][j - 1]);
        }
    return (double)L[na][nb] / (double)(na > nb ? na : nb);
}

/* The 项 under the given 款 whose name is most like `name` (similarity at
 * least `min`; of the same length in characters when same_len), or NULL. */
static const char *most_similar(const ex *x, const char *const *kuan, size_t nk, const char *name, double min,
                                bool same_len)
{
    const char *best = NULL;
    double bs = min;
    const char *cn[64];
    size_t nn = chars(name, cn, 64);
    for (size_t i = 0; i < nk; i++) {
        const char *items[128];
        size_t ni = jue_catalog_children(x->cat, JUE_CAT_FUNCTIONAL, kuan[i], x->year, items, 128);
        if (ni > 128) ni = 128;
        for (size_t j = 0; j < ni; j++) {
            const char *official = jue_catalog_name(x->cat, JUE_CAT_FUNCTIONAL, items[j], x->year);
            const char *co[64];
            if (same_len && (!official || chars(official, co, 64) != nn)) continue;
            double sc = similarity(name, official);
            if (sc >= bs && (sc > bs || !best)) { bs = sc; best = items[j]; }
        }
    }
    return best;
}

/* Whether the printed names differ from the catalog only where it does not
 * list every code (README "Completeness"): a name it lacks there may be
 * right, so the statement is at most doubtful, never wrong. c1/c2: the 类 and
 * 款 found (c2 by similarity when kuan_misnamed); xiang_ok: the 项 name is
 * the catalog's under c2. */
static bool item_partial(const ex *x, const char *c1, const char *c2, bool kuan_misnamed, bool xiang_ok)
{
    if (!c1) return !jue_catalog_lists_children(x->cat, JUE_CAT_FUNCTIONAL, NULL);
    if (!c2 || kuan_misnamed) return !jue_catalog_lists_children(x->cat, JUE_CAT_FUNCTIONAL, c1);
    return !xiang_ok && !jue_catalog_lists_children(x->cat, JUE_CAT_FUNCTIONAL, c2);
}

/* "X（类）Y（款）Z（项）": resolve through the catalog. A 类 that resolves
 * but a 款 or 项 name that does not (a wrong or stale name, a 项 under the
 * wrong 款) still names its row when the 项 name is found within that 类;
 * the claim then carries item_resolved = false for the rules to report. */
static void item_statement(ex *x, const char *s, const char *e)
{
    size_t la, lb, lc;
    const char *a = find2(s, e, "（类）", "(类)", &la);
    const char *b = a ? find2(a + la, e, "（款）", "(款)", &lb) : NULL;
    const char *c = b ? find2(b + lb, e, "（项）", "(项)", &lc) : NULL;
    if (!a || !b || !c) {
        /* no 项 named: the figures that follow are not the last item's */
        free(x->item_subject); free(x->item_names); free(x->item_fact);
        x->item_names = x->item_fact = NULL;
        x->item_subject = jue_strdup("项?");
        return;
    }
    /* skip the item number: "1、", "1.", "1．", "(1)" and spaces */
    const char *st = s;
    while (st < a && (is_digit_at(st, a) || *st == '.' || *st == ' ' || *st == '(' || *st == ')' ||
                      starts(st, a, "、") || starts(st, a, "．") || starts(st, a, "（") || starts(st, a, "）")))
        st += (*st & 0x80) ? 3 : 1;
    char n1[128], n2[128], n3[128];
    snprintf(n1, sizeof n1, "%.*s", (int)(a - st), st);
    snprintf(n2, sizeof n2, "%.*s", (int)(b - (a + la)), a + la);
    snprintf(n3, sizeof n3, "%.*s", (int)(c - (b + lb)), b + lb);
    const char *c1 = NULL, *c2 = NULL, *c3 = NULL;
    x->item_resolved = false;
    x->item_partial = false;
    if (x->cat) {
        c1 = jue_catalog_find_name(x->cat, JUE_CAT_FUNCTIONAL, n1, JUE_LEVEL_LEI, NULL, x->year);
        if (!c1) {
            /* "社会保障和就业（类）" for 社会保障和就业支出 */
            char alt[140];
            snprintf(alt, sizeof alt, "%s支出", n1);
            c1 = jue_catalog_find_name(x->cat, JUE_CAT_FUNCTIONAL, alt, JUE_LEVEL_LEI, NULL, x->year);
        }
        if (c1) c2 = jue_catalog_find_name(x->cat, JUE_CAT_FUNCTIONAL, n2, JUE_LEVEL_KUAN, c1, x->year);
        /* a 款 name one or two characters off ("彩票公益安排的支出") is that 款,
         * misnamed — whether or not the catalog lists every 款 of the 类 */
        bool kuan_misnamed = false;
        if (c1 && !c2) {
            const char *kuan[128];
            size_t nk = jue_catalog_children(x->cat, JUE_CAT_FUNCTIONAL, c1, x->year, kuan, 128);
            double bs = 0.8;
            for (size_t i = 0; i < nk && i < 128; i++) {
                double sc = similarity(n2, jue_catalog_name(x->cat, JUE_CAT_FUNCTIONAL, kuan[i], x->year));
                if (sc > bs) bs = sc, c2 = kuan[i];
            }
            kuan_misnamed = c2 != NULL;
        }
        if (c2) c3 = jue_catalog_find_name(x->cat, JUE_CAT_FUNCTIONAL, n3, JUE_LEVEL_XIANG, c2, x->year);
        x->item_partial = item_partial(x, c1, c2, kuan_misnamed, c3 != NULL);
        if (c3) {
            x->item_resolved = !kuan_misnamed;
        } else if (c1) {
            /* the right row under a wrong or stale name: the same 项 name under
             * another 款 of the 类, else the most similar 项 name in the 款
             * (or the 类) — flagged either way. Where the catalog does not
             * list every 项 (README "Completeness") a name it lacks may be
             * right: only a near-identical name of the same length counts
             * ("其他国土资源事务支出" for 其他自然资源事务支出), else the
             * statement is left unresolved and not called wrong. */
            const char *kuan[128];
            size_t nk = jue_catalog_children(x->cat, JUE_CAT_FUNCTIONAL, c1, x->year, kuan, 128);
            if (nk > 128) nk = 128;
            for (size_t i = 0; i < nk && !c3; i++)
                c3 = jue_catalog_find_name(x->cat, JUE_CAT_FUNCTIONAL, n3, JUE_LEVEL_XIANG, kuan[i], x->year);
            bool complete = jue_catalog_lists_children(x->cat, JUE_CAT_FUNCTIONAL, c2 ? c2 : c1);
            if (!c3) c3 = most_similar(x, c2 ? &c2 : kuan, c2 ? 1 : nk, n3, complete ? 0.6 : 0.8, !complete);
            if (!c3 && !complete) x->item_resolved = true;
        }
    }
    free(x->item_subject); free(x->item_names); free(x->item_fact);
    char buf[512];
    snprintf(buf, sizeof buf, "%s/%s/%s", n1, n2, n3);
    x->item_names = jue_strdup(buf);
    if (c3) {
        snprintf(buf, sizeof buf, "项:%s", c3);
        x->item_subject = jue_strdup(buf);
        /* the 决算 of a 项 is table 05's row, or table 07's in the 政府性基金 section */
        if (strstr(x->context, "政府性基金")) snprintf(buf, sizeof buf, "T07/%s/小计", c3);
        else if (strstr(x->context, "国有资本经营")) snprintf(buf, sizeof buf, "T08/%s/小计", c3);
        else snprintf(buf, sizeof buf, "T05/%s/合计", c3);
        x->item_fact = jue_strdup(buf);
    } else {
        x->item_subject = jue_strdup("项?");
        x->item_fact = NULL;
    }
}

typedef enum { K_NONE, K_UP, K_DOWN, K_SAME, K_SHARE, K_COMPLETE, K_BUDGET, K_ACTUAL } keyword;

static const struct { const char *w; keyword k; } KEYWORDS[] = {
    { "增加", K_UP }, { "增长", K_UP }, { "上升", K_UP }, { "提高", K_UP }, { "增", K_UP },
    { "减少", K_DOWN }, { "下降", K_DOWN }, { "降低", K_DOWN }, { "减", K_DOWN }, { "节约", K_DOWN },
    { "持平", K_SAME }, { "无增减", K_SAME },
    { "完成年初预算的", K_COMPLETE }, { "完成年度预算的", K_COMPLETE }, { "完成全年预算的", K_COMPLETE }, { "完成年初预算", K_COMPLETE }, { "完成预算的", K_COMPLETE },
    { "完成预算", K_COMPLETE }, { "占", K_SHARE }, { "完成", K_COMPLETE },
    { "年初预算", K_BUDGET }, { "预算数", K_BUDGET }, { "预算为", K_BUDGET }, { "预算", K_BUDGET },
    { "决算数", K_ACTUAL }, { "决算为", K_ACTUAL }, { "支出决算", K_ACTUAL }, { "决算支出", K_ACTUAL },
};

#define NKW (sizeof KEYWORDS / sizeof KEYWORDS[0])
static size_t KW_LEN[NKW];
/* keywords by the bucket of their first character, in table order (a list
 * through KW_NEXT): a position tries only those */
static int KW_HEAD[LEX_BUCKETS], KW_NEXT[NKW];

/* The first keyword (in table order) that starts at p, or −1. Keywords all
 * start with a CJK character: a byte below 0x80 never begins one. */
static int keyword_at(const char *p, const char *end)
{
    if (!KW_LEN[0]) {
        int tail[LEX_BUCKETS];
        for (size_t b = 0; b < LEX_BUCKETS; b++) KW_HEAD[b] = tail[b] = -1;
        for (size_t k = 0; k < NKW; k++) {
            KW_LEN[k] = strlen(KEYWORDS[k].w);
            unsigned b = lex_bucket(KEYWORDS[k].w, KEYWORDS[k].w + KW_LEN[k]);
            KW_NEXT[k] = -1;
            if (tail[b] < 0) KW_HEAD[b] = (int)k;
            else KW_NEXT[tail[b]] = (int)k;
            tail[b] = (int)k;
        }
    }
    if ((unsigned char)*p < 0x80) return -1;
    for (int k = KW_HEAD[lex_bucket(p, end)]; k >= 0; k = KW_NEXT[k])
        if ((size_t)(end - p) >= KW_LEN[k] && !memcmp(p, KEYWORDS[k].w, KW_LEN[k])) return k;
    return -1;
}

/* A claim for the text [p, q) of the sentence being read, placed where it
 * is printed; the caller sets what it says. */
static jue_claim claim_at(const ex *x, const para *P, const char *base, const char *p, const char *q,
                          jue_claim_role role)
{
    jue_claim c = { 0 };
    c.role = role;
    c.printed = malloc((size_t)(q - p) + 1);
    if (c.printed) { memcpy(c.printed, p, (size_t)(q - p)); c.printed[q - p] = 0; }
    c.line = P->line[p - base];
    c.col = P->col[p - base];
    c.page = P->page[p - base];
    c.sentence = x->sentence;
    c.parent = -1;
    c.section = x->section;
    return c;
}

/* Brackets of a sentence, and the 其中 lists opened inside them: "项目支出
 * 100万元，其中A项目60万元（其中设备40万元、劳务20万元），B项目40万元" — the
 * parts in brackets are the bracketed figure's, and after the bracket the
 * outer list goes on, so each figure is counted in one whole only. */
#define NEST_MAX 4
typedef struct {
    int depth;                 /* brackets open */
    int n;                     /* nested lists open */
    int at[NEST_MAX];          /* the depth each was opened at */
    int parent[NEST_MAX], count_parent[NEST_MAX];   /* what they replaced */
    int clause;                /* "；" passed */
    bool semi_close;           /* the open list began after a "；": it ends at the next
                                  ("…；公务用车…b万元，其中购置费c万元，运行维护费d万元；公务接待费e万元") */
} nesting;

/* At "；": a list that began in a later clause of the sentence ends here (a
 * list begun in its first clause — "收入合计X，其中：A…，占…；B…" — goes on). */
static void nest_semicolon(nesting *N, int *parent, int *parent_candidate)
{
    N->clause++;
    if (N->semi_close && N->n == 0) *parent = *parent_candidate = -1;
    N->semi_close = false;
}

/* At "其中" right after an opening bracket: the figure just before the
 * bracket becomes the whole of what follows. */
static bool nest_open(const ex *x, nesting *N, const char *p, const char *start, int *parent, int *count_parent)
{
    bool bracket = (p - start >= 3 && !memcmp(p - 3, "（", 3)) || (p > start && p[-1] == '(');
    const jue_claims *o = x->out;
    if (!bracket || N->depth == 0 || N->n == NEST_MAX || !o->len) return false;
    int last = (int)o->len - 1;
    const jue_claim *w = &o->items[last];
    if (w->sentence != x->sentence || w->is_percent) return false;
    bool count = w->role == JUE_ROLE_COUNT;
    if (!count && w->role != JUE_ROLE_VALUE && w->role != JUE_ROLE_ACTUAL) return false;
    N->at[N->n] = N->depth - 1;
    N->parent[N->n] = *parent;
    N->count_parent[N->n] = *count_parent;
    N->n++;
    if (count) *count_parent = last;
    else *parent = last;
    return true;
}

/* Counts a bracket the sentence reader passes over; the one that closes a
 * nested list gives the outer list back. */
static void nest_bracket(nesting *N, const char *p, const char *end, int *parent, int *count_parent)
{
    if (starts(p, end, "（") || *p == '(') {
        N->depth++;
    } else if ((starts(p, end, "）") || *p == ')') && N->depth > 0) {
        N->depth--;
        if (N->n > 0 && N->at[N->n - 1] == N->depth) {
            N->n--;
            *parent = N->parent[N->n];
            *count_parent = N->count_parent[N->n];
        }
    }
}

/* A number of n bytes at p with nothing after it but the end of its clause
 * (sp: after it and its spaces), read as a percentage that lost its %:
 * "占比20.17，". Sets c's value, interval and printed form (without a %). */
static bool bare_percent(const char *p, size_t n, const char *sp, const char *end, jue_claim *c)
{
    static const char *const STOP[] = { "，", "；", "。", "、", "）", ",", ";", ")" };
    bool stop = sp == end;
    for (size_t i = 0; i < sizeof STOP / sizeof STOP[0] && !stop; i++) stop = starts(sp, end, STOP[i]);
    char tmp[40];
    if (!stop || n == 0 || n + 2 > sizeof tmp) return false;
    memcpy(tmp, p, n);
    tmp[n] = '%';
    const char *why;
    int dec;
    if (jue_percent_parse(tmp, n + 1, &c->value, &c->iv, &dec, &why) != JUE_OK) return false;
    if (c->value > 10 * JUE_PPB_ONE) return false;   /* above 1000%: not a rate */
    c->decimals = dec;
    c->is_percent = true;
    c->printed = malloc(n + 1);
    if (c->printed) { memcpy(c->printed, p, n); c->printed[n] = 0; }
    return true;
}

/* Whether the figure before, in this sentence, is a change amount with its
 * unit ("增加1455.50万元，增长6.53。": the bare number after it is its rate). */
static bool change_just_before(const ex *x)
{
    const jue_claims *o = x->out;
    if (!o->len) return false;
    const jue_claim *b = &o->items[o->len - 1];
    return b->sentence == x->sentence && b->role == JUE_ROLE_CHANGE && !b->is_percent && !b->no_unit &&
           b->unit != JUE_UNIT_NONE;
}

/* Whether sp (after a figure and its spaces) ends the figure's clause:
 * a punctuation mark, not the end of the text (a table row's last cell). */
static bool clause_ends(const char *sp, const char *end)
{
    static const char *const STOP[] = { "，", "；", "。", "、", "）", ",", ";", ")" };
    for (size_t i = 0; i < sizeof STOP / sizeof STOP[0]; i++)
        if (starts(sp, end, STOP[i])) return true;
    return false;
}

/* Whether a year at p opens its clause, so it dates the figures after it:
 * nothing but words before it since the sentence's start or ，；：
 * ("2024年度收入总计…", "青溪县医疗保障局2024年度收入支出总计…"), and no
 * word of comparison or time right before it ("与2023年度相比", "上年
 * （2023年度）", "截至2024年", "较2023年度"). */
static bool clause_start(const char *from, const char *p)
{
    static const char *const BEFORE[] = { "与", "比", "较", "同", "至", "止", "自", "从", "于", "对", "年", "在", "当" };
    static const char *const MARK[] = { "，", "；", "：", "。" };
    const char *q = p;
    while (q > from && (q[-1] == ' ' || (q - from >= 3 && !memcmp(q - 3, "（", 3)))) q -= q[-1] == ' ' ? 1 : 3;
    for (size_t i = 0; i < sizeof BEFORE / sizeof BEFORE[0]; i++)
        if (q - from >= 3 && !memcmp(q - 3, BEFORE[i], 3)) return false;
    for (; q > from; q--) {
        if (q[-1] >= '0' && q[-1] <= '9') return false;
        if (q[-1] == ',' || q[-1] == ';' || q[-1] == ':') return true;
        for (size_t i = 0; i < 4; i++)
            if (q - from >= 3 && !memcmp(q - 3, MARK[i], 3)) return true;
    }
    return true;
}

/* Whether the figure at p states its subject's own amount, named just before
 * it (subject at [sf, se)): nothing between them but a few words ("支出",
 * "决算为"), no punctuation, figure, approximation or comparison, and no other
 * year than the accounts' in the clause ("2023年会议费…", "上年会议费…"). */
static bool subject_named(const ex *x, const char *from, const char *sf, const char *se, const char *p)
{
    static const char *const NOT[] = { "，", "；", "：", "、", "。", "（", "比", "较", "其中", "累计", "平均",
                                       "人均", "每", "约", "近", "上年", "去年", "同期", "上一年", "前年", "以来" };
    static const char *const JOINED[] = { "和", "及", "与", "、", "或" };   /* "会议费和培训费支出…": both */
    if (!sf || se > p || p - se > 18) return false;
    for (size_t i = 0; i < sizeof JOINED / sizeof JOINED[0]; i++)
        if (sf - from >= 3 && !memcmp(sf - 3, JOINED[i], 3)) return false;
    const char *cs = sf;   /* the clause before the subject */
    while (cs > from && !(cs - from >= 3 && (!memcmp(cs - 3, "，", 3) || !memcmp(cs - 3, "；", 3) ||
                                             !memcmp(cs - 3, "：", 3) || !memcmp(cs - 3, "。", 3))))
        cs--;
    for (const char *q = cs; q < p; q++) {
        if (q >= se && (*q == ',' || *q == ';' || *q == ':' || *q == '(' || (*q >= '0' && *q <= '9'))) return false;
        if (*q >= '0' && *q <= '9' && (q == cs || q[-1] < '0' || q[-1] > '9')) {
            int y = atoi(q);
            if (y >= 1900 && y <= 2100 && y != x->year) return false;
        }
        for (size_t i = 0; i < sizeof NOT / sizeof NOT[0]; i++)
            if ((q >= se || i >= 15) && !strncmp(q, NOT[i], strlen(NOT[i])) && q + strlen(NOT[i]) <= p) return false;
    }
    return true;
}

static void read_sentence(ex *x, const para *P, size_t from, size_t to)
{
    const char *base = jue_buf_str(&P->text);
    const char *p = base + from, *end = base + to;
    const char *subj_key = NULL, *subj_fact = NULL;
    const char *subj_from = NULL, *subj_end = NULL;   /* where the lexicon subject in force is printed */
    char dyn_key[32], dyn_fact[48];   /* a 类 named in the sentence: "卫生健康（类）支出…" */
    keyword kw = K_NONE;
    int parent_candidate = -1, parent = -1;
    /* the same for counts: "实有人员8人，其中行政0人、事业0人" */
    int count_candidate = -1, count_parent = -1;
    char whole[128] = "";
    bool item_here = x->item_subject != NULL;
    nesting N = { 0 };
    x->sentence++;
    x->in_sentence = 0;
    while (p < end && !x->over) {
        jue_work_steps++;
        /* clause boundaries end a pending keyword */
        if (starts(p, end, "；")) {
            kw = K_NONE;
            count_parent = count_candidate = -1;
            nest_semicolon(&N, &parent, &parent_candidate);
            p += 3;
            continue;
        }
        if (starts(p, end, "，") || starts(p, end, "、")) {
            if (kw != K_SHARE && kw != K_BUDGET && kw != K_ACTUAL) kw = K_NONE;
            p += 3;
            continue;
        }
        if (starts(p, end, "其中")) {
            if (!nest_open(x, &N, p, base + from, &parent, &count_parent)) {
                parent = parent_candidate;
                count_parent = count_candidate;
                N.semi_close = N.clause > 0 && parent >= 0;
            }
            p += 6;
            continue;
        }
        /* "决算数小于预算数的主要原因…": the direction stated for the budget and
         * actual before it (a template's "大于（小于）" left in says nothing) */
        if (starts(p, end, "决算数")) {
            /* 决算数 大于|小于|等于 [年初]预算数, or 决算数与[年初]预算数 一致|相等|持平|基本持平|基本一致 */
            const char *q = p + strlen("决算数");
            int sign = 2, rough = 0;
            bool with = starts(q, end, "与");
            if (with) q += 3;
            else if (starts(q, end, "大于")) sign = 1, q += 6;
            else if (starts(q, end, "小于")) sign = -1, q += 6;
            else if (starts(q, end, "等于")) sign = 0, q += 6;
            if (starts(q, end, "年初")) q += 6;
            bool ok = starts(q, end, "预算数");
            if (ok) q += 9;
            if (ok && with) {
                static const char *const EQ[] = { "基本持平", "基本一致", "一致", "相等", "持平" };
                sign = 2;
                for (size_t e = 0; e < 5 && sign == 2; e++)
                    if (starts(q, end, EQ[e])) sign = 0, rough = e < 2, q += strlen(EQ[e]);
            }
            if (ok && sign != 2 && !starts(q, end, "（") && !starts(q, end, "(")) {
                jue_claim c = claim_at(x, P, base, p, q, JUE_ROLE_DIRECTION);
                c.sign = sign;
                c.value = rough;
                c.subject = jue_strdup(item_here && x->item_subject ? x->item_subject : subj_key);
                add_claim(x, &c);
                p = q;
                continue;
            }
        }
        /* inside "X（类）Y（款）Z（项）" the names are not subjects */
        if (item_here && x->item_subject) {
            size_t l1, l2;
            const char *xa = find2(p, end, "（类）", "(类)", &l1);
            const char *xe = xa ? find2(xa, end, "（项）", "(项)", &l2) : NULL;
            if (xe) { p = xe + l2; continue; }
        }
        /* "社会保障和就业（类）支出32.56万元": a 类 named by itself */
        size_t ml;
        if (!item_here && x->cat && (starts(p, end, "（类）") || starts(p, end, "(类)"))) {
            ml = starts(p, end, "（类）") ? strlen("（类）") : strlen("(类)");
            const char *q = p;
            while (q > base + from) {
                const char *pr = q - 1;
                while (pr > base + from && ((unsigned char)*pr & 0xC0) == 0x80) pr--;
                if (starts(pr, q, "，") || starts(pr, q, "；") || starts(pr, q, "：") || starts(pr, q, "、") ||
                    starts(pr, q, "。") || *pr == ':' || *pr == ',' || *pr == ';')
                    break;
                q = pr;
            }
            char name[128], alt[140];
            snprintf(name, sizeof name, "%.*s", (int)(p - q), q);
            snprintf(alt, sizeof alt, "%s支出", name);
            const char *code = jue_catalog_find_name(x->cat, JUE_CAT_FUNCTIONAL, name, JUE_LEVEL_LEI, NULL, x->year);
            if (!code) code = jue_catalog_find_name(x->cat, JUE_CAT_FUNCTIONAL, alt, JUE_LEVEL_LEI, NULL, x->year);
            if (code) {
                snprintf(dyn_key, sizeof dyn_key, "类:%s", code);
                if (strstr(x->context, "一般公共预算")) snprintf(dyn_fact, sizeof dyn_fact, "T05/%s/合计", code);
                else if (strstr(x->context, "政府性基金")) snprintf(dyn_fact, sizeof dyn_fact, "T07/%s/小计", code);
                else snprintf(dyn_fact, sizeof dyn_fact, "T03/%s/本年支出合计", code);
                subj_key = dyn_key;
                subj_from = subj_end = NULL;
                subj_fact = dyn_fact;
                if (kw != K_UP && kw != K_DOWN) kw = K_NONE;
            }
            p += ml;
            if (starts(p, end, "支出")) p += 6;   /* "（类）支出" is the 类's spending, not the subject 支出 */
            continue;
        }
        /* a template's alternative left in print: "下降（增长）27.78%" says
         * 下降 (the direction before the brackets); the opposite in brackets
         * is skipped */
        if ((kw == K_UP || kw == K_DOWN) && (starts(p, end, "（") || starts(p, end, "("))) {
            size_t ob = starts(p, end, "（") ? 3 : 1;
            int k2 = keyword_at(p + ob, end);
            if (k2 >= 0 && (KEYWORDS[k2].k == K_UP || KEYWORDS[k2].k == K_DOWN)) {
                const char *q = p + ob + KW_LEN[k2];
                size_t cb = starts(q, end, "）") ? 3 : starts(q, end, ")") ? 1 : 0;
                if (cb) {
                    p = q + cb;
                    continue;
                }
            }
        }
        /* "社会保障和就业支出92.04万元，占0.55%": a 类 by its full name, at the
         * start of a clause and followed by its figure */
        if (!item_here && x->nlei &&
            (p == base + from || (p - base >= 3 && (starts(p - 3, end, "，") || starts(p - 3, end, "；") ||
                                                    starts(p - 3, end, "：") || starts(p - 3, end, "、") ||
                                                    starts(p - 3, end, "。"))))) {
            int hit = -1;
            for (int k = 0; k < x->nlei && hit < 0; k++) {
                size_t nl = strlen(x->lei[k]);
                if (starts(p, end, x->lei[k]) && (is_digit_at(p + nl, end) || starts(p + nl, end, "为"))) hit = k;
            }
            if (hit >= 0) {
                const char *code = x->lei_code[hit];
                snprintf(dyn_key, sizeof dyn_key, "类:%s", code);
                if (strstr(x->context, "一般公共预算")) snprintf(dyn_fact, sizeof dyn_fact, "T05/%s/合计", code);
                else if (strstr(x->context, "政府性基金")) snprintf(dyn_fact, sizeof dyn_fact, "T07/%s/小计", code);
                else snprintf(dyn_fact, sizeof dyn_fact, "T03/%s/本年支出合计", code);
                subj_key = dyn_key;
                subj_from = subj_end = NULL;
                subj_fact = dyn_fact;
                if (kw != K_UP && kw != K_DOWN) kw = K_NONE;
                p += strlen(x->lei[hit]);
                continue;
            }
        }
        const lex_entry *m = match_subject(x, p, end);
        size_t klen = 0;
        int kidx = keyword_at(p, end);
        if (kidx >= 0) klen = KW_LEN[kidx];
        if (m && klen > m->plen) m = NULL;   /* "支出决算为" is a keyword, not the subject "支出" */
        if (m) {
            if (kw == K_SHARE) {
                snprintf(whole, sizeof whole, "%s", m->subject);   /* "占基本支出的…" */
            } else {
                subj_key = m->subject;
                subj_fact = m->fact;
                subj_from = p;
                subj_end = p + m->plen;
                item_here = false;
                if (kw != K_UP && kw != K_DOWN) kw = K_NONE;  /* a role word belongs to the figure after it */
            }
            p += m->plen;
            continue;
        }
        if (kidx >= 0) {
            size_t k = (size_t)kidx;
            kw = KEYWORDS[k].k;
            if (kw == K_SAME) {
                jue_claim c = claim_at(x, P, base, p, p + KW_LEN[k], JUE_ROLE_CHANGE);   /* "持平" */
                c.sign = 0;
                c.subject = jue_strdup(item_here && x->item_subject ? x->item_subject : subj_key);
                c.fact = jue_strdup(item_here && x->item_fact ? x->item_fact : subj_fact);
                add_claim(x, &c);
                kw = K_NONE;
            }
            p += KW_LEN[k];
            continue;
        }
        /* template text left in a published document: "XX局", "××单位" */
        if ((starts(p, end, "XX") || starts(p, end, "××") || starts(p, end, "ＸＸ")) &&
            (size_t)(end - p) > 6 && ((unsigned char)p[starts(p, end, "XX") ? 2 : 6] >= 0xE4)) {
            size_t pl = starts(p, end, "XX") ? 2 : 6;
            const char *q = p + pl;
            q += jue_utf8_step(q);   /* with the character after it: 局, 单位 … */
            jue_claim c = claim_at(x, P, base, p, q, JUE_ROLE_PLACEHOLDER);
            add_claim(x, &c);
            p = q;
            continue;
        }
        if (!is_digit_at(p, end)) {
            nest_bracket(&N, p, end, &parent, &count_parent);
            p += jue_utf8_step(p);
            continue;
        }
        /* a figure */
        size_t off = (size_t)(p - base);
        jue_amount a;
        const char *why;
        if (jue_amount_scan(p, (size_t)(end - p), JUE_UNIT_NONE, &a, &why) != JUE_OK || a.consumed == 0) {
            /* not a figure: neither is any tail of it, so the whole run of
             * digits, separators and points is passed at once (starting
             * again inside it would rescan the run: quadratic in its length) */
            while (p < end && (is_digit_at(p, end) || *p == ',' || *p == '.')) {
                p += is_digit_at(p, end) ? jue_utf8_step(p) : 1;
                jue_work_steps++;
            }
            continue;
        }
        const char *after = p + a.consumed;
        jue_claim c = { 0 };
        c.parent = -1;
        c.section = x->section;
        c.sentence = x->sentence;
        c.line = P->line[off];
        c.col = P->col[off];
        c.page = P->page[off];
        const char *subject = item_here && x->item_subject ? x->item_subject : subj_key;
        const char *fact = item_here && x->item_subject ? x->item_fact : subj_fact;
        /* "318.2007.45万元": a second decimal point right after */
        if (after < end && *after == '.' && is_digit_at(after + 1, end)) {
            const char *q = after;
            while (q < end && (is_digit_at(q, end) || *q == '.' || *q == ',')) q += is_digit_at(q, end) ? jue_utf8_step(q) : 1;
            if (starts(q, end, "万元")) q += 6;
            else if (starts(q, end, "元")) q += 3;
            c.role = JUE_ROLE_MALFORMED;
            c.printed = malloc((size_t)(q - p) + 1);
            if (c.printed) { memcpy(c.printed, p, (size_t)(q - p)); c.printed[q - p] = 0; }
            c.subject = jue_strdup(subject);
            add_claim(x, &c);
            p = q;
            continue;
        }
        const char *sp = after;
        while (sp < end && *sp == ' ') sp++;
        bool percent = starts(sp, end, "%") || starts(sp, end, "％");
        if (percent) {
            size_t plen = (size_t)(sp - p) + (starts(sp, end, "%") ? 1 : 3);
            int64_t v;
            jue_interval iv;
            int dec;
            if (jue_percent_parse(p, plen, &v, &iv, &dec, &why) != JUE_OK) { p += plen; continue; }
            c.is_percent = true;
            c.value = v;
            c.iv = iv;
            /* "占不足0.01%": below the figure (printed with its 不足) */
            size_t below = p - base >= 6 && !memcmp(p - 6, "不足", 6) ? 6 : 0;
            if (below) c.iv = (jue_interval){ 0, v };
            c.decimals = dec;
            c.role = kw == K_UP || kw == K_DOWN ? JUE_ROLE_CHANGE_PCT : kw == K_SHARE ? JUE_ROLE_SHARE
                   : kw == K_COMPLETE ? JUE_ROLE_COMPLETION : JUE_ROLE_VALUE;
            c.sign = kw == K_UP ? 1 : kw == K_DOWN ? -1 : 0;
            c.printed = malloc(below + plen + 1);
            if (c.printed) { memcpy(c.printed, p - below, below + plen); c.printed[below + plen] = 0; }
            c.subject = jue_strdup(subject);
            c.fact = jue_strdup(fact);
            if (c.role == JUE_ROLE_SHARE && whole[0]) c.whole = jue_strdup(whole);
            if (c.role == JUE_ROLE_SHARE && parent >= 0) c.parent = parent;
            add_claim(x, &c);
            whole[0] = 0;
            if (kw != K_SHARE) kw = K_NONE;
            else kw = K_NONE;
            p += plen;
            continue;
        }
        /* "单位价值50万元以上": a threshold, not a figure of the accounts */
        if (a.unit_written && (starts(after, end, "以上") || starts(after, end, "以下") ||
                               starts(after, end, "及以上") || starts(after, end, "（含）以上"))) {
            p = after;
            continue;
        }
        /* "占比20.17，" where a share is expected, "增加1455.50万元，增长6.53。"
         * after a change amount: a percentage without its % */
        bool rate = (kw == K_UP || kw == K_DOWN) && change_just_before(x);
        if (!a.unit_written && (kw == K_SHARE || kw == K_COMPLETE || rate) && bare_percent(p, a.consumed, sp, end, &c)) {
            c.role = kw == K_SHARE ? JUE_ROLE_SHARE : kw == K_COMPLETE ? JUE_ROLE_COMPLETION : JUE_ROLE_CHANGE_PCT;
            c.sign = kw == K_UP ? 1 : kw == K_DOWN ? -1 : 0;
            c.subject = jue_strdup(subject);
            c.fact = jue_strdup(fact);
            if (c.role == JUE_ROLE_SHARE && whole[0]) c.whole = jue_strdup(whole);
            if (c.role == JUE_ROLE_SHARE && parent >= 0) c.parent = parent;
            add_claim(x, &c);
            whole[0] = 0;
            kw = K_NONE;
            p = after;
            continue;
        }
        /* "卫生健康（类）支出23604.30，占99.40%": an amount with decimals where
         * an amount is expected, its unit left out — read in 万元 and flagged */
        bool unitless = !a.unit_written && a.decimals > 0 && subject && kw != K_SHARE && kw != K_COMPLETE &&
                        clause_ends(sp, end) &&
                        jue_amount_scan(p, a.consumed, JUE_UNIT_WAN, &a, &why) == JUE_OK;
        if (a.unit_written || unitless) {
            c.no_unit = unitless;
            c.value = a.value;
            c.iv = a.iv;
            c.decimals = a.decimals;
            c.unit = a.unit;
            c.role = kw == K_UP || kw == K_DOWN ? JUE_ROLE_CHANGE : kw == K_BUDGET ? JUE_ROLE_BUDGET
                   : kw == K_ACTUAL ? JUE_ROLE_ACTUAL : JUE_ROLE_VALUE;
            c.sign = kw == K_UP ? 1 : kw == K_DOWN ? -1 : 0;
            c.printed = malloc(a.consumed + 1);
            if (c.printed) { memcpy(c.printed, p, a.consumed); c.printed[a.consumed] = 0; }
            c.subject = jue_strdup(subject);
            /* a budget figure is not the table's 决算 — except 三公, whose table
             * prints the 预算数 beside the 决算数 */
            if (c.role == JUE_ROLE_BUDGET) {
                size_t fl = fact ? strlen(fact) : 0;
                if (fl > 9 && !strncmp(fact, "T09/", 4) && !strcmp(fact + fl - 9, JUE_C_ACTUAL)) {
                    char bf[128];
                    snprintf(bf, sizeof bf, "%.*s预算数", (int)(fl - 9), fact);
                    c.fact = jue_strdup(bf);
                }
            } else {
                c.fact = jue_strdup(fact);
            }
            c.parent = parent;
            c.named = !unitless && !(item_here && x->item_subject) && subject == subj_key &&
                      subject_named(x, base + from, subj_from, subj_end, p);
            int idx = add_claim(x, &c);
            if ((c.role == JUE_ROLE_VALUE || c.role == JUE_ROLE_ACTUAL) && parent < 0) parent_candidate = idx;
            kw = K_NONE;
            p = after;
            continue;
        }
        /* plain numbers: a year, or a count */
        if (starts(sp, end, "年") && a.decimals == 0 && a.value >= 190000 && a.value <= 210000) {
            /* 2021年12月31日 or 2022年度 ("2022 年度" as pdftotext spaces it): a date */
            bool ye = starts(sp + 3, end, "12月31日");
            if (ye || starts(sp + 3, end, "度")) {
                c.role = JUE_ROLE_DATE;
                c.opens = clause_start(base + from, p);
                c.value = a.value / 100;
                c.iv = (jue_interval){ c.value, c.value };
                /* printed with its suffix, so rules can tell 年末 dates from 年度,
                 * and a document's own title ("2023年度部门决算") from a comparison */
                size_t n = 3 + (ye ? strlen("12月31日") : 3);
                static const char *const TITLE[] = { "部门决算", "单位决算", "决算" };
                for (size_t q = 0; !ye && q < 3; q++)
                    if (starts(sp + n, end, TITLE[q])) { n += strlen(TITLE[q]); break; }
                /* printed without the space */
                c.printed = malloc(a.consumed + n + 1);
                if (c.printed) {
                    memcpy(c.printed, p, a.consumed);
                    memcpy(c.printed + a.consumed, sp, n);
                    c.printed[a.consumed + n] = 0;
                }
                add_claim(x, &c);
            }
            p = after;
            continue;
        }
        static const char *const COUNTERS[] = { "人次", "个", "人", "辆", "次", "批", "台", "套", "名", "项", "户" };
        /* "8 人" as a copy from PDF spaces it */
        const char *cu = after;
        while (cu < end && *cu == ' ') cu++;
        for (size_t k = 0; k < sizeof COUNTERS / sizeof COUNTERS[0]; k++)
            if (starts(cu, end, COUNTERS[k]) && a.decimals == 0) {
                c.role = JUE_ROLE_COUNT;
                c.value = a.value / 100;   /* no unit: read as 元 → 分; a count is whole */
                c.iv = (jue_interval){ c.value, c.value };
                /* printed as the figure and its counter, without the space */
                size_t n = a.consumed + strlen(COUNTERS[k]);
                c.printed = malloc(n + 1);
                if (c.printed) {
                    memcpy(c.printed, p, a.consumed);
                    memcpy(c.printed + a.consumed, COUNTERS[k], strlen(COUNTERS[k]));
                    c.printed[n] = 0;
                }
                c.subject = jue_strdup(subject);
                c.parent = count_parent;
                int idx = add_claim(x, &c);
                if (count_parent < 0) count_candidate = idx;
                break;
            }
        p = after;
    }
}

/* A 项 statement whose names wrap onto the next lines (a copy from a PDF
 * breaks "…机关事业单位基本养" / "老保险缴费支出（项）"): the item line and up
 * to ITEM_LINES more, to the first （项）, read as one, without the spaces a
 * justified line prints between characters ("8 、 卫 生健康 支出 （类 ）"); blank
 * lines between are passed over. */
#define ITEM_LINES 3

/* Whether a line holds （类） (or (类)), spaces inside or around it allowed. */
static bool class_mark(const char *s, const char *e)
{
    char buf[1024];
    size_t n = 0, ml;
    for (const char *q = s; q < e && n < sizeof buf; q++)
        if (*q != ' ') buf[n++] = *q;
    return find2(buf, buf + n, "（类）", "(类)", &ml) != NULL;
}

static const jue_note_line *item_lines(ex *x, const char *s, const char *e, const jue_note_line *L,
                                        const jue_note_line *end, bool *named)
{
    jue_buf b;
    jue_buf_init(&b);
    size_t lp;
    const jue_note_line *upto = L;
    *named = false;
    for (int k = 0; k <= ITEM_LINES;) {
        for (const char *q = s; q < e; q++)
            if (*q != ' ') jue_buf_putc(&b, *q);
        k += s < e;   /* blank lines between (a copy may double-space) do not count */
        upto = L;
        const char *t = jue_buf_str(&b);
        if ((*named = find2(t, t + b.len, "（项）", "(项)", &lp) != NULL) || L + 1 >= end) break;
        L++;
        s = L->text;
        e = L->text + L->len;
        clean_line(&s, &e);
        if (item_start(s, e) && class_mark(s, e)) break;   /* the next item: this one's names broke off */
    }
    if (b.err) x->nomem = true;
    else item_statement(x, jue_buf_str(&b), jue_buf_str(&b) + b.len);
    jue_buf_free(&b);
    return upto;
}

/* A line with a （项） that no item statement took: the tail of an item
 * whose lines a copy put out of order ("8、…养老支出（款" … "）" … "其他行政
 * 事业单位养老支出（项）"). In a single-space copy (jue_claims.wrapped_lines),
 * with the first line of the item that broke off (pending) it is that item,
 * its "（款" closed; else an item whose names are not known, so the figures
 * after it are not the item's before. */
static void item_tail(ex *x, jue_buf *pending, const char *s, const char *e)
{
    size_t l;
    const char *p = jue_buf_str(pending);
    if (pending->len >= 6 && !memcmp(p + pending->len - 6, "（款", 6) && !find2(s, e, "（款）", "(款)", &l))
        jue_buf_puts(pending, "）");
    jue_buf_putn(pending, s, (size_t)(e - s));
    if (pending->err) x->nomem = true;
    else item_statement(x, jue_buf_str(pending), jue_buf_str(pending) + pending->len);
    jue_buf_reset(pending);
}

/* Reads the sentences of the paragraph collected so far and empties it. */
static void flush_para(ex *x, para *P)
{
    size_t from = 0, n = P->text.len;
    const char *b = jue_buf_str(&P->text);
    for (size_t i = 0; i + 3 <= n; i++)
        if (!memcmp(b + i, "。", 3)) { read_sentence(x, P, from, i + 3); from = i + 3; }
    if (from < n) read_sentence(x, P, from, n);
    jue_buf_reset(&P->text);
}

/* A one-line cell of a table: a figure or code alone on its line (a DOCX
 * saved as text prints cells one per line) that the next line does not
 * go on with a unit or a mark. */
static bool cell_line(const char *s, const char *e, const jue_note_line *next)
{
    if (!lone_figure(s, e)) return false;
    return !next || !unit_next(next->text, next->text + next->len);
}

/* The 项 statement a line starts or ends: an item's lines up to its （项）;
 * a line with a （项） that no item statement took, alone or (a single-space
 * copy) as the tail of the item whose names broke off a few lines before. */
static void item_line(ex *x, const char *s, const char *e, bool item, const jue_note_line *L, const jue_note_line *end)
{
    size_t ml;
    bool named = true;
    bool wrapped = x->out->wrapped_lines;
    if (item) x->item_until = item_lines(x, s, e, L, end, &named);
    else if ((!x->item_until || L > x->item_until) && find2(s, e, "（项）", "(项)", &ml)) {
        if (wrapped && x->pending.len) item_tail(x, &x->pending, s, e);
        else item_statement(x, s, e);
    }
    if (item && !named && wrapped) {
        /* its names break off: a tail a few lines on may finish them */
        jue_buf_reset(&x->pending);
        jue_buf_putn(&x->pending, s, (size_t)(e - s));
        x->pending_line = L->line;
    }
    if (x->pending.len && L->line - x->pending_line > 12) jue_buf_reset(&x->pending);
}

/* One line of the notes into the paragraph being collected: a heading or a
 * 项 statement starts a new one, a table row ends it, a line closing with
 * 。 closes it (a blank line alone does not: copying adds those). */
static void read_line(ex *x, para *P, bool *open, const jue_note_line *L, const jue_note_line *end)
{
    const jue_note_line *next = L + 1 < end && L[1].line == L->line + 1 ? L + 1 : NULL;
    const char *s = L->text, *e = L->text + L->len;
    clean_line(&s, &e);
    bool table_row = L->cells || cell_line(s, e, next);
    int level = 0;
    size_t numlen = 0;
    bool blank = s == e;
    bool numbered = !table_row && !blank && section_heading(s, e, &level, &numlen);
    bool heading = numbered && (e - s) < 150;
    bool item = !table_row && !blank && item_start(s, e) && class_mark(s, e);
    x->page = L->page;
    if (*open && (heading || item || table_row)) {
        flush_para(x, P);
        *open = false;
    }
    if (heading) {
        add_section(x, s, e, level, numlen, L->line, false);
        return;
    }
    if (table_row || blank) return;
    if (numbered) add_section(x, s, e, level, numlen, L->line, true);
    /* a list item run into the line before ("…财务规则。（八）负责…")
     * still counts in the numbering */
    for (const char *q = bfind(s, e, "。（"); q; q = bfind(q + 3, e, "。（")) {
        int lv = 0;
        size_t nlen = 0;
        if (section_heading(q + 3, e, &lv, &nlen) && lv == 2) add_section(x, q + 3, e, lv, nlen, L->line, true);
    }
    item_line(x, s, e, item, L, end);
    int col0 = L->col > 0 ? L->col : 1;
    for (const char *q = L->text; q < s; q++)
        if (((unsigned char)*q & 0xC0) != 0x80) col0++;
    if (!para_put(P, s, (size_t)(e - s), L->line, col0, L->page)) x->nomem = true;
    *open = true;
    if (e - s >= 3 && !memcmp(e - 3, "。", 3)) {
        flush_para(x, P);
        *open = false;
    }
}

jue_status jue_claims_read(const jue_note_line *lines, size_t n, const jue_lexicon *lx, const jue_catalog *cat,
                           int year, jue_claims *out)
{
    ex x;
    memset(&x, 0, sizeof x);
    x.lx = lx;
    x.cat = cat;
    x.year = year;
    load_lei(&x);
    x.out = out;
    x.section = -1;
    x.sentence = (int)out->len ? out->items[out->len - 1].sentence : 0;
    para P;
    memset(&P, 0, sizeof P);
    jue_buf_init(&P.text);
    bool open = false;   /* a paragraph is being collected */
    jue_buf_init(&x.pending);
    for (size_t i = 0; i < n && !x.nomem && !x.over; i++)
        read_line(&x, &P, &open, &lines[i], lines + n);
    if (open && !x.nomem) read_sentence(&x, &P, 0, P.text.len);
    jue_buf_free(&x.pending);
    jue_buf_free(&P.text);
    free(P.line);
    free(P.col);
    free(P.page);
    free(x.item_subject);
    free(x.item_names);
    free(x.item_fact);
    return x.nomem ? JUE_ERR_NOMEM : x.over ? JUE_ERR_LIMIT : JUE_OK;
}

jue_status jue_claims_extract(const char *text, size_t len, int first_line, const jue_lexicon *lx,
                              const jue_catalog *cat, int year, jue_claims *out)
{
    size_t n = 1;
    for (size_t i = 0; i < len; i++) n += text[i] == '\n';
    jue_note_line *lines = calloc(n, sizeof *lines);
    if (!lines) return JUE_ERR_NOMEM;
    const char *p = text, *end = text + len;
    for (size_t k = 0; k < n; k++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        lines[k] = (jue_note_line){ .text = p, .len = (size_t)(e - p), .line = first_line + (int)k, .col = 1,
                                    .cells = memchr(p, '\t', (size_t)(e - p)) != NULL };
        p = nl ? nl + 1 : end;
    }
    jue_status st = jue_claims_read(lines, n, lx, cat, year, out);
    free(lines);
    return st;
}
