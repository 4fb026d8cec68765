/* Rule language: lexer and parser (docs/rules.md).
 *
 * The whole file is tokenised first so the parser can look ahead freely. A
 * syntax error discards the rule it is in and parsing resumes at the next
 * `rule`; a semantic mistake (unknown column, unknown variable) is reported
 * and parsing goes on, so one run reports every mistake. Every diagnostic
 * quotes the source line with a caret under the column. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <juesuan/profile.h>

#include "core/encoding.h"
#include "core/yaml_tree.h"
#include "rules/rules_internal.h"

/* ---------- tokens ---------- */

typedef enum {
    K_EOF, K_IDENT, K_NUM, K_STR, K_LBRACK, K_RBRACK, K_LPAREN, K_RPAREN, K_LBRACE, K_RBRACE,
    K_COMMA, K_DOT, K_PLUS, K_MINUS, K_STAR, K_AT, K_EQ, K_LE, K_GE, K_NE, K_LT, K_GT, K_BAD
} tkind;

typedef struct {
    tkind k;
    size_t off, end;   /* bytes in the text */
    int line, col;
    char *s;           /* identifier, number text or decoded string (in the arena) */
} tok;

/* The strings of one lexing, back to back in one block: a string is never
 * longer than its source, so twice the source is enough. */
typedef struct {
    tok *v;
    size_t n;
    char *arena;
    size_t used;
} toks;

typedef struct {
    const char *file;
    const char *text;
    size_t len;
    tok *t;
    size_t nt, pos;
    jue_diags *diags;
    size_t errors;
    jue_rulepack *pack;
    rule *cur;              /* the rule being parsed: its variables */
    jue_table *tabs[JUE_NTABLES];  /* national columns, for checking names */
    int depth;
    bool nomem;
    bool failed;            /* a syntax error in the current rule */
    int nest;               /* parentheses and prefix operators open: bounds the recursion */
    jue_status io;          /* an include could not be read */
} P;

/* ---------- diagnostics with a caret ---------- */

static unsigned u8cp(const unsigned char *s, size_t k)
{
    if (k == 1) return s[0];
    if (k == 2) return ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
    if (k == 3) return ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
    return ((s[0] & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
}

/* Terminal columns a code point takes: CJK and full-width forms take two,
 * so the caret lands under the right character. */
static int cp_width(unsigned cp)
{
    if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
        (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
        (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD))
        return 2;
    return 1;
}

static void perr(P *p, int line, int col, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void perr(P *p, int line, int col, const char *fmt, ...)
{
    jue_buf b;
    jue_buf_init(&b);
    va_list ap;
    va_start(ap, fmt);
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    jue_buf_puts(&b, msg);
    /* the source line and a caret under the column */
    size_t s = 0;
    int ln = 1;
    while (s < p->len && ln < line) {
        if (p->text[s] == '\n') ln++;
        s++;
    }
    if (ln == line && line > 0) {
        size_t e = s;
        while (e < p->len && p->text[e] != '\n' && p->text[e] != '\r') e++;
        char num[16];
        int w = snprintf(num, sizeof num, "%d", line);
        jue_buf_printf(&b, "\n %s | ", num);
        /* copy the line, replacing invalid UTF-8 and control bytes */
        jue_buf caret;
        jue_buf_init(&caret);
        int c = 1;
        for (size_t i = s; i < e;) {
            size_t k = jue_utf8_seq((const unsigned char *)p->text + i, e - i);
            unsigned cp = k ? u8cp((const unsigned char *)p->text + i, k) : 0xFFFD;
            if (k == 0) k = 1;
            if (cp == '\t') jue_buf_putc(&b, '\t');
            else if (cp < 0x20 || cp == 0x7F || cp == 0xFFFD) jue_buf_puts(&b, "\xEF\xBF\xBD");
            else jue_buf_putn(&b, p->text + i, k);
            if (c < col) {
                if (cp == '\t') jue_buf_putc(&caret, '\t');
                else for (int q = cp_width(cp); q > 0; q--) jue_buf_putc(&caret, ' ');
            }
            c++;
            i += k;
        }
        jue_buf_printf(&b, "\n %*s | %s^", w, "", jue_buf_str(&caret));
        jue_buf_free(&caret);
    }
    if (jue_diag_add(p->diags, JUE_SEV_ERROR, p->file, line, col, "%s", jue_buf_str(&b)) != JUE_OK) p->nomem = true;
    jue_buf_free(&b);
    p->errors++;
}

/* ---------- lexer ---------- */

static bool is_ident_start(unsigned cp)
{
    if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == '_';
    /* ≤ ≥ ≠ are operators, the ideographic space and full-width comma separate */
    return cp != 0x2264 && cp != 0x2265 && cp != 0x2260 && cp != 0x3000 && cp != 0xFF0C;
}

static bool is_ident_char(unsigned cp)
{
    return is_ident_start(cp) || (cp >= '0' && cp <= '9');
}

static bool push_tok(P *p, toks *ts, size_t *cap, tok t)
{
    if (ts->n == *cap) {
        size_t nc = *cap ? *cap * 2 : 256;
        tok *nv = realloc(ts->v, nc * sizeof *nv);
        if (!nv) { p->nomem = true; return false; }
        ts->v = nv;
        *cap = nc;
    }
    ts->v[ts->n++] = t;
    return true;
}

static char *dupn(toks *ts, const char *s, size_t n)
{
    char *r = ts->arena + ts->used;
    memcpy(r, s, n);
    r[n] = 0;
    ts->used += n + 1;
    return r;
}

/* The code point at s (k bytes; 0 when not UTF-8), ASCII first. */
static inline size_t cp_at(const unsigned char *s, size_t n, unsigned *cp)
{
    if (n && s[0] < 0x80) { *cp = s[0]; return 1; }
    size_t k = jue_utf8_seq(s, n);
    *cp = k ? u8cp(s, k) : 0;
    return k;
}

/* A "…" or “…” string from s[i] (its opening quote k bytes), decoded into
 * the arena; \" \\ \n escapes; no line breaks inside. Returns the end. */
static size_t lex_string(P *p, toks *ts, tok *t, size_t i, size_t k, unsigned open, size_t to, int *col)
{
    const unsigned char *s = (const unsigned char *)p->text;
    unsigned close = open == '"' ? '"' : 0x201D;
    size_t j = i + k;
    int c = *col + 1;
    char *out = ts->arena + ts->used, *o = out;
    bool ok = false;
    while (j < to) {
        unsigned d;
        size_t q = cp_at(s + j, to - j, &d);
        if (!q) { *o++ = '?'; j++; c++; continue; }
        if (d == '\n') break;
        if (d == close) { j += q; c++; ok = true; break; }
        if (d == '\\' && j + 1 < to && (s[j + 1] == '"' || s[j + 1] == '\\' || s[j + 1] == 'n')) {
            *o++ = s[j + 1] == 'n' ? '\n' : (char)s[j + 1];
            j += 2;
            c += 2;
            continue;
        }
        memcpy(o, s + j, q);
        o += q;
        j += q;
        c++;
    }
    if (!ok) perr(p, t->line, t->col, "字符串没有结束引号（字符串须在开始的那一行内结束）");
    *o = 0;
    ts->used += (size_t)(o - out) + 1;
    t->k = K_STR;
    t->end = j;
    t->s = out;
    *col = c;
    return j;
}

/* One punctuation or operator token at s[i] (code point cp, k bytes): its
 * kind and length; K_BAD when it is none. */
static tkind punct(const unsigned char *s, size_t i, size_t to, unsigned cp, size_t *adv)
{
    bool eq = i + 1 < to && s[i + 1] == '=';
    *adv = 1;
    switch (cp) {
    case '[': return K_LBRACK;
    case ']': return K_RBRACK;
    case '(': return K_LPAREN;
    case ')': return K_RPAREN;
    case '{': return K_LBRACE;
    case '}': return K_RBRACE;
    case ',': return K_COMMA;
    case '.': return K_DOT;
    case '+': return K_PLUS;
    case '-': return K_MINUS;
    case '*': return K_STAR;
    case '@': return K_AT;
    case '=': *adv = eq ? 2 : 1; return K_EQ;
    case '<': *adv = eq ? 2 : 1; return eq ? K_LE : K_LT;
    case '>': *adv = eq ? 2 : 1; return eq ? K_GE : K_GT;
    case '!': *adv = eq ? 2 : 1; return eq ? K_NE : K_BAD;
    }
    *adv = 3;   /* the full-width ones are three bytes of UTF-8 */
    switch (cp) {
    case 0xFF0C: return K_COMMA;
    case 0x2212: return K_MINUS;
    case 0x2264: return K_LE;
    case 0x2265: return K_GE;
    case 0x2260: return K_NE;
    }
    return K_BAD;
}

/* Skips whitespace and comments from i; keeps line and column. */
static size_t skip_blank(const unsigned char *s, size_t i, size_t to, int *line, int *col)
{
    while (i < to) {
        unsigned cp;
        size_t k = cp_at(s + i, to - i, &cp);
        if (cp == '\n') { (*line)++; *col = 1; i++; }
        else if (cp == ' ' || cp == '\t' || cp == '\r' || cp == 0x3000) { i += k; (*col)++; }
        else if (cp == '#') { while (i < to && s[i] != '\n') i++; }
        else break;
    }
    return i;
}

/* Tokenises text[from, to) whose first byte is at (line, col). */
static toks lex(P *p, size_t from, size_t to, int line, int col)
{
    toks ts = { NULL, 0, malloc(2 * (to - from) + 2), 0 };
    size_t cap = 0;
    if (!ts.arena) p->nomem = true;
    const unsigned char *s = (const unsigned char *)p->text;
    size_t i = from;
    while (!p->nomem) {
        i = skip_blank(s, i, to, &line, &col);
        tok t = { .k = K_EOF, .off = i, .end = i, .line = line, .col = col };
        if (i >= to) { push_tok(p, &ts, &cap, t); break; }
        unsigned cp;
        size_t k = cp_at(s + i, to - i, &cp);
        if (k == 0) {
            perr(p, line, col, "无效的UTF-8字节0x%02X", s[i]);
            i++;
            col++;
            continue;
        }
        if (is_ident_start(cp)) {
            size_t j = i;
            unsigned d;
            for (size_t q; j < to && (q = cp_at(s + j, to - j, &d)) && is_ident_char(d); j += q) col++;
            t.k = K_IDENT;
            t.end = j;
            t.s = dupn(&ts, p->text + i, j - i);
            i = j;
        } else if (cp >= '0' && cp <= '9') {
            size_t j = i;
            while (j < to && s[j] >= '0' && s[j] <= '9') j++;
            if (j + 1 < to && s[j] == '.' && s[j + 1] >= '0' && s[j + 1] <= '9') {
                j++;
                while (j < to && s[j] >= '0' && s[j] <= '9') j++;
            }
            t.k = K_NUM;
            t.end = j;
            t.s = dupn(&ts, p->text + i, j - i);
            col += (int)(j - i);
            i = j;
        } else if (cp == '"' || cp == 0x201C) {
            i = lex_string(p, &ts, &t, i, k, cp, to, &col);
        } else {
            size_t adv;
            t.k = punct(s, i, to, cp, &adv);
            if (t.k == K_BAD) {
                if (cp < 0x20 || cp == 0x7F) perr(p, line, col, "意外的控制字符U+%04X", cp);
                else perr(p, line, col, "意外的字符“%.*s”", (int)k, p->text + i);
                i += k;
                col++;
                continue;
            }
            t.end = i + adv;
            i += adv;
            col += cp < 0x80 ? (int)adv : 1;
        }
        if (!push_tok(p, &ts, &cap, t)) break;
    }
    if (p->nomem) {
        free(ts.v);
        free(ts.arena);
        return (toks){ 0 };
    }
    return ts;
}

static void free_toks(toks *ts)
{
    free(ts->v);
    free(ts->arena);
}

static const tok *peek(const P *p) { return &p->t[p->pos]; }
static const tok *peek2(const P *p) { return &p->t[p->pos + 1 < p->nt ? p->pos + 1 : p->pos]; }
static const tok *next(P *p)
{
    const tok *t = &p->t[p->pos];
    if (p->pos + 1 < p->nt) p->pos++;
    return t;
}
static bool is_kw(const tok *t, const char *kw) { return t->k == K_IDENT && !strcmp(t->s, kw); }

static const char *tok_desc(const tok *t, char *buf, size_t n)
{
    switch (t->k) {
    case K_EOF: return "文件末尾";
    case K_IDENT: snprintf(buf, n, "“%s”", t->s); return buf;
    case K_NUM: snprintf(buf, n, "数字%s", t->s); return buf;
    case K_STR: return "字符串";
    default: break;
    }
    static const char *const SYM[] = { "", "", "", "", "[", "]", "(", ")", "{", "}", ",", ".", "+", "-", "*",
                                       "@", "==", "<=", ">=", "!=", "<", ">", "?" };
    snprintf(buf, n, "“%s”", SYM[t->k]);
    return buf;
}

static void syntax(P *p, const tok *t, const char *want)
{
    char d[96];
    if (!p->failed) perr(p, t->line, t->col, "此处应为%s，实际为%s", want, tok_desc(t, d, sizeof d));
    p->failed = true;
}

static bool expect(P *p, tkind k, const char *want)
{
    if (peek(p)->k == k) { next(p); return true; }
    syntax(p, peek(p), want);
    return false;
}

static void *xcalloc(P *p, size_t n, size_t sz)
{
    void *r = calloc(n ? n : 1, sz);
    if (!r) p->nomem = true;
    return r;
}

static bool nest_in(P *p)
{
    if (p->nest >= 64) {
        if (!p->failed) perr(p, peek(p)->line, peek(p)->col, "嵌套过深（超过64层）");
        p->failed = true;
        return false;
    }
    p->nest++;
    return true;
}

/* ---------- the national tables: names a rule may use ---------- */

static int table_id(const char *s)
{
    if (strlen(s) == 3 && s[0] == 'T' && s[1] == '0' && s[2] >= '1' && s[2] <= '9') return s[2] - '1';
    return -1;
}

static const char *const NAMED[JUE_NTABLES][20] = {
    [JUE_T01] = { JUE_L_INC_GENERAL, JUE_L_INC_GOVFUND, JUE_L_INC_SOE, JUE_L_INC_SUPERIOR, JUE_L_INC_BUSINESS,
                  JUE_L_INC_OPERATING, JUE_L_INC_AFFILIATED, JUE_L_INC_OTHER, JUE_L_INC_TOTAL, JUE_L_USE_NONFISCAL,
                  JUE_L_BEGIN, JUE_L_INC_GRAND, JUE_L_EXP_TOTAL, JUE_L_DISTRIBUTE, JUE_L_END, JUE_L_EXP_GRAND },
    [JUE_T02] = { JUE_L_TOTAL },
    [JUE_T03] = { JUE_L_TOTAL },
    [JUE_T04] = { JUE_L4_INC_GENERAL, JUE_L4_INC_GOVFUND, JUE_L4_INC_SOE, JUE_L_INC_TOTAL, JUE_L4_BEGIN,
                  "年初-一般公共预算财政拨款", "年初-政府性基金预算财政拨款", "年初-国有资本经营预算财政拨款",
                  JUE_L_INC_GRAND, JUE_L_EXP_TOTAL, JUE_L4_END, JUE_L_EXP_GRAND },
    [JUE_T05] = { JUE_L_TOTAL },
    [JUE_T06] = { JUE_L6_PERSONNEL, JUE_L6_PUBLIC },
    [JUE_T07] = { JUE_L_TOTAL },
    [JUE_T08] = { JUE_L_TOTAL },
    [JUE_T09] = { JUE_L9_TOTAL, JUE_L9_ABROAD, JUE_L9_CAR, JUE_L9_CAR_BUY, JUE_L9_CAR_RUN, JUE_L9_RECEPTION },
};

static bool all_digits(const char *s)
{
    if (!*s) return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9') return false;
    return true;
}

static void check_key(P *p, int table, const char *key, const tok *at)
{
    if (table < 0) return;
    if (all_digits(key)) {
        size_t n = strlen(key);
        bool ok;
        if (table == JUE_T09) ok = false;
        else if (table == JUE_T06) ok = n == 3 || n == 5;
        else if (table == JUE_T01 || table == JUE_T04) ok = n == 3;
        else ok = n == 3 || n == 5 || n == 7;
        if (!ok) perr(p, at->line, at->col, "“%s”不是T%02d所列的科目编码", key, table + 1);
        return;
    }
    for (int i = 0; i < 20 && NAMED[table][i]; i++)
        if (!strcmp(NAMED[table][i], key)) return;
    jue_buf b;
    jue_buf_init(&b);
    for (int i = 0; i < 20 && NAMED[table][i]; i++) jue_buf_printf(&b, "%s%s", i ? ", " : "", NAMED[table][i]);
    perr(p, at->line, at->col, "T%02d中没有行“%s”（有名称的行：%s；或写科目编码、变量、类/款/项、*）",
         table + 1, key, jue_buf_str(&b));
    jue_buf_free(&b);
}

static void check_col(P *p, int table, const char *name, const tok *at)
{
    if (table < 0 || !p->tabs[table]) return;
    if (jue_table_find_col(p->tabs[table], name) >= 0) return;
    jue_buf b;
    jue_buf_init(&b);
    for (size_t i = 0; i < p->tabs[table]->ncols; i++)
        jue_buf_printf(&b, "%s%s", i ? ", " : "", p->tabs[table]->cols[i].key);
    perr(p, at->line, at->col, "T%02d没有“%s”列（各列：%s）", table + 1, name, jue_buf_str(&b));
    jue_buf_free(&b);
}

static int find_var(const P *p, const char *name)
{
    if (!p->cur) return -1;
    for (size_t i = 0; i < p->cur->nvars; i++)
        if (!strcmp(p->cur->vars[i].name, name)) return (int)i;
    return -1;
}

static const char *const KEYWORDS[] = { "rule", "for", "in", "when", "require", "message", "within", "and",
                                        "or", "not", "sum", "children", "tables", "include", "report", NULL };

static bool is_keyword(const char *s)
{
    for (int i = 0; KEYWORDS[i]; i++)
        if (!strcmp(KEYWORDS[i], s)) return true;
    return false;
}

/* ---------- freeing ---------- */

static void rowitem_free(rowitem *it)
{
    free(it->key);
    for (size_t i = 0; i < it->nparts; i++) free(it->parts[i].lit);
    free(it->parts);
}

void jue_rules_ref_free(ref *r)
{
    for (size_t i = 0; i < r->nrows; i++) rowitem_free(&r->rows[i]);
    free(r->rows);
    for (size_t i = 0; i < r->cols.n; i++) free(r->cols.names[i]);
    free(r->cols.names);
    memset(r, 0, sizeof *r);
}

void jue_rules_expr_free(expr *e)
{
    if (!e) return;
    jue_rules_expr_free(e->a);
    jue_rules_expr_free(e->b);
    jue_rules_ref_free(&e->r);
    free(e);
}

void jue_rules_cond_free(cond *c)
{
    if (!c) return;
    jue_rules_cond_free(c->a);
    jue_rules_cond_free(c->b);
    jue_rules_expr_free(c->x);
    jue_rules_expr_free(c->y);
    jue_rules_ref_free(&c->r);
    free(c);
}

static void rule_free(rule *r)
{
    free(r->id);
    free(r->file);
    for (size_t i = 0; i < r->nvars; i++) {
        free(r->vars[i].name);
        jue_rules_ref_free(&r->vars[i].src);
    }
    free(r->vars);
    jue_rules_cond_free(r->when);
    jue_rules_cond_free(r->req);
    for (size_t i = 0; i < r->nmsg; i++) {
        free(r->msg[i].text);
        jue_rules_expr_free(r->msg[i].e);
    }
    free(r->msg);
    memset(r, 0, sizeof *r);
}

void jue_rulepack_free(jue_rulepack *p)
{
    if (!p) return;
    for (size_t i = 0; i < p->n; i++) rule_free(&p->rules[i]);
    free(p->rules);
    free(p);
}

size_t jue_rulepack_count(const jue_rulepack *p) { return p ? p->n : 0; }

/* ---------- references ---------- */

/* A table name (T01–T09) or a table variable; false after reporting. */
static bool parse_table(P *p, int *table, int *tvar)
{
    const tok *t = peek(p);
    *table = -1;
    *tvar = -1;
    if (t->k != K_IDENT) { syntax(p, t, "表（T01–T09）"); return false; }
    int v = find_var(p, t->s);
    if (v >= 0 && p->cur->vars[v].kind == V_TABLE) {
        *tvar = v;
        next(p);
        return true;
    }
    int id = table_id(t->s);
    if (id < 0) {
        if (!p->failed) perr(p, t->line, t->col, "未知的表“%s”（应为T01–T09或表变量）", t->s);
        p->failed = true;
        return false;
    }
    *table = id;
    next(p);
    return true;
}

static bool add_rowitem(P *p, ref *r, rowitem it)
{
    rowitem *n = realloc(r->rows, (r->nrows + 1) * sizeof *n);
    if (!n) { rowitem_free(&it); p->nomem = true; return false; }
    r->rows = n;
    r->rows[r->nrows++] = it;
    return true;
}

static bool parse_side(P *p, jue_side *side)
{
    *side = JUE_SIDE_NONE;
    if (peek(p)->k != K_AT) return true;
    next(p);
    const tok *t = peek(p);
    if (t->k != K_IDENT) { syntax(p, t, "栏（收入、支出、人员经费、公用经费）"); return false; }
    if (!strcmp(t->s, "收入")) *side = JUE_SIDE_INCOME;
    else if (!strcmp(t->s, "支出")) *side = JUE_SIDE_EXPEND;
    else if (!strcmp(t->s, "人员经费")) *side = JUE_SIDE_PERSONNEL;
    else if (!strcmp(t->s, "公用经费")) *side = JUE_SIDE_PUBLIC;
    else { perr(p, t->line, t->col, "未知的栏“%s”（收入、支出、人员经费、公用经费）", t->s); }
    next(p);
    return true;
}

static bool is_key_part(const P *p, const tok *t)
{
    if (t->k == K_STR) return true;
    if (t->k != K_IDENT) return false;
    int v = find_var(p, t->s);
    return v >= 0 && p->cur->vars[v].kind != V_TABLE;
}

static bool push_part(P *p, rowitem *it, char *lit, int v)
{
    keypart *n = realloc(it->parts, (it->nparts + 1) * sizeof *n);
    if (!n) { free(lit); p->nomem = true; return false; }
    it->parts = n;
    it->parts[it->nparts++] = (keypart){ lit, v };
    return true;
}

/* Turns the item just parsed into the first part of a joined key. Literal
 * parts are not checked against the named lines: the key is known only when
 * the rule runs, and a key that is not there makes the rule not apply. */
static bool parse_concat(P *p, rowitem *it, const tok *first)
{
    if (it->kind == RI_KEY) {
        if (first->k != K_STR) {
            perr(p, first->line, first->col, "只有带引号的字符串和变量可以连成行键");
            return false;
        }
        if (!push_part(p, it, it->key, -1)) { it->key = NULL; return false; }
        it->key = NULL;
    } else if (!push_part(p, it, NULL, it->var)) {
        return false;
    }
    it->kind = RI_CONCAT;
    it->var = -1;
    while (is_key_part(p, peek(p))) {
        const tok *t = next(p);
        if (t->k == K_STR) {
            char *s = jue_strdup(t->s);
            if (!s) { p->nomem = true; return false; }
            if (!push_part(p, it, s, -1)) return false;
        } else if (!push_part(p, it, NULL, find_var(p, t->s))) {
            return false;
        }
    }
    return true;
}

static bool parse_rowsel(P *p, ref *r)
{
    if (!expect(p, K_LBRACK, "“[”")) return false;
    for (;;) {
        const tok *t = peek(p);
        rowitem it = { .var = -1, .side = JUE_SIDE_NONE };
        if (t->k == K_STAR) {
            it.kind = RI_ALL;
            next(p);
        } else if (t->k == K_NUM || t->k == K_STR) {
            it.kind = RI_KEY;
            it.key = jue_strdup(t->s);
            if (!it.key) p->nomem = true;
            else if (!is_key_part(p, peek2(p))) check_key(p, r->table, t->s, t);
            next(p);
        } else if (t->k == K_IDENT) {
            int v = find_var(p, t->s);
            if (v >= 0 && p->cur->vars[v].kind != V_TABLE) {
                it.kind = RI_VAR;
                it.var = v;
                next(p);
            } else if (!strcmp(t->s, "类") || !strcmp(t->s, "款") || !strcmp(t->s, "项")) {
                it.kind = RI_LEVEL;
                it.level = !strcmp(t->s, "类") ? JUE_LEVEL_LEI : !strcmp(t->s, "款") ? JUE_LEVEL_KUAN : JUE_LEVEL_XIANG;
                next(p);
            } else if (!strcmp(t->s, "children") && peek2(p)->k == K_LPAREN) {
                next(p);
                next(p);
                const tok *a = peek(p);
                it.kind = RI_CHILDREN;
                if (a->k == K_IDENT && (v = find_var(p, a->s)) >= 0 && p->cur->vars[v].kind == V_ROW) {
                    it.var = v;
                } else if (a->k == K_NUM) {
                    it.key = jue_strdup(a->s);
                    check_key(p, r->table, a->s, a);
                } else {
                    syntax(p, a, "children(…)中的行变量或科目编码");
                    return false;
                }
                next(p);
                if (!expect(p, K_RPAREN, "“)”")) { free(it.key); return false; }
            } else {
                if (is_keyword(t->s)) { syntax(p, t, "行"); return false; }
                it.kind = RI_KEY;
                it.key = jue_strdup(t->s);
                if (!it.key) p->nomem = true;
                check_key(p, r->table, t->s, t);
                next(p);
            }
        } else {
            syntax(p, t, "行（科目编码、有名称的行、变量、类/款/项、children(r)或*）");
            return false;
        }
        /* a string or variable right after a key or variable joins it: "年初-" c */
        if ((it.kind == RI_KEY || it.kind == RI_VAR) && is_key_part(p, peek(p))) {
            if (!parse_concat(p, &it, t)) { rowitem_free(&it); return false; }
        }
        if (!parse_side(p, &it.side)) { rowitem_free(&it); return false; }
        if (!add_rowitem(p, r, it)) return false;
        if (peek(p)->k == K_COMMA) { next(p); continue; }
        break;
    }
    if (!expect(p, K_RBRACK, "“]”或“,”")) return false;
    for (size_t i = 0; i < r->nrows; i++)
        if (r->rows[i].kind != RI_KEY && r->rows[i].kind != RI_VAR && r->rows[i].kind != RI_CONCAT) r->multi = true;
    if (r->nrows > 1) r->multi = true;
    return true;
}

static bool add_colname(P *p, colsel *c, const char *name)
{
    char **n = realloc(c->names, (c->n + 1) * sizeof *n);
    if (!n) { p->nomem = true; return false; }
    c->names = n;
    c->names[c->n] = jue_strdup(name);
    if (!c->names[c->n]) { p->nomem = true; return false; }
    c->n++;
    for (int t = 0; t < JUE_NTABLES; t++)
        for (size_t j = 0; p->tabs[t] && j < p->tabs[t]->ncols && j < 8; j++)
            if (!strcmp(p->tabs[t]->cols[j].key, name)) c->mask[t] |= (uint8_t)(1u << j);
    return true;
}

static bool parse_colname(P *p, ref *r)
{
    const tok *t = peek(p);
    if (t->k != K_IDENT && t->k != K_STR) { syntax(p, t, "列名"); return false; }
    int v = t->k == K_IDENT ? find_var(p, t->s) : -1;
    if (v >= 0 && p->cur->vars[v].kind == V_COL && r->cols.kind == CS_NONE) {
        r->cols.kind = CS_VAR;
        r->cols.var = v;
        next(p);
        return true;
    }
    check_col(p, r->table, t->s, t);
    r->cols.kind = CS_NAMES;
    if (!add_colname(p, &r->cols, t->s)) return false;
    next(p);
    return true;
}

static bool parse_colsel(P *p, ref *r)
{
    r->cols.var = -1;
    if (peek(p)->k != K_DOT) {
        /* one-column tables (01, 06) may leave the column out */
        if (r->table >= 0 && p->tabs[r->table] && p->tabs[r->table]->ncols == 1) {
            r->cols.kind = CS_NAMES;
            return add_colname(p, &r->cols, p->tabs[r->table]->cols[0].key);
        }
        /* reported, but parsing goes on: the rest of the rule may hold more mistakes */
        const tok *t = peek(p);
        if (r->table >= 0)
            perr(p, t->line, t->col, "此处须指明列：T%02d有多列（写作T%02d[…].列名）",
                 r->table + 1, r->table + 1);
        else
            perr(p, t->line, t->col, "此处须指明列（写作t[…].列名）");
        return true;
    }
    next(p);
    if (peek(p)->k == K_STAR) {
        next(p);
        r->cols.kind = CS_ALL;
        r->multi = true;
        return true;
    }
    if (peek(p)->k == K_LBRACE) {
        next(p);
        for (;;) {
            if (!parse_colname(p, r)) return false;
            if (r->cols.kind == CS_VAR) { syntax(p, peek(p), "{…}中的列名（不能是变量）"); return false; }
            if (peek(p)->k == K_COMMA) { next(p); continue; }
            break;
        }
        if (!expect(p, K_RBRACE, "“}”或“,”")) return false;
        if (r->cols.n > 1) r->multi = true;
        return true;
    }
    return parse_colname(p, r);
}

/* TABLE[rows].cols, the table already parsed. */
static bool parse_ref_rest(P *p, ref *r)
{
    if (!parse_rowsel(p, r)) return false;
    return parse_colsel(p, r);
}

static bool parse_ref(P *p, ref *r)
{
    memset(r, 0, sizeof *r);
    r->cols.var = -1;
    if (!parse_table(p, &r->table, &r->tvar)) return false;
    return parse_ref_rest(p, r);
}

/* ---------- expressions ---------- */

static bool parse_amount(P *p, const tok *t, jue_fen *out, int *dec)
{
    /* 万元, up to 6 decimals (1 分) */
    const char *s = t->s;
    jue_fen v = 0;
    int d = -1;
    for (; *s; s++) {
        if (*s == '.') { d = 0; continue; }
        if (d >= 0) d++;
        if (v > 900000000000000LL) { perr(p, t->line, t->col, "数字太大"); return false; }
        v = v * 10 + (*s - '0');
    }
    if (d < 0) d = 0;
    if (d > 6) { perr(p, t->line, t->col, "万元最多6位小数（即1分）"); return false; }
    for (int i = d; i < 6; i++) {
        if (v > 900000000000000LL) { perr(p, t->line, t->col, "数字太大"); return false; }
        v *= 10;
    }
    *out = v;
    *dec = d;
    return true;
}

static expr *parse_expr(P *p);

static expr *new_expr(P *p, ekind k, const tok *at)
{
    expr *e = xcalloc(p, 1, sizeof *e);
    if (!e) return NULL;
    e->kind = k;
    e->line = at->line;
    e->col = at->col;
    e->r.cols.var = -1;
    e->r.tvar = -1;
    return e;
}

static expr *parse_primary(P *p)
{
    const tok *t = peek(p);
    if (t->k == K_NUM) {
        expr *e = new_expr(p, E_NUM, t);
        if (!e) return NULL;
        if (!parse_amount(p, t, &e->num, &e->num_dec)) { free(e); p->failed = true; return NULL; }
        next(p);
        return e;
    }
    if (t->k == K_LPAREN) {
        if (!nest_in(p)) return NULL;
        next(p);
        expr *e = parse_expr(p);
        p->nest--;
        if (!e) return NULL;
        if (!expect(p, K_RPAREN, "“)”")) { jue_rules_expr_free(e); return NULL; }
        return e;
    }
    if (is_kw(t, "sum") && peek2(p)->k == K_LPAREN) {
        expr *e = new_expr(p, E_SUM, t);
        if (!e) return NULL;
        next(p);
        next(p);
        if (!parse_ref(p, &e->r) || !expect(p, K_RPAREN, "sum(…后的“)”")) { jue_rules_expr_free(e); return NULL; }
        return e;
    }
    if (t->k == K_IDENT && !is_keyword(t->s)) {
        expr *e = new_expr(p, E_REF, t);
        if (!e) return NULL;
        if (!parse_ref(p, &e->r)) { jue_rules_expr_free(e); return NULL; }
        if (e->r.multi) {
            perr(p, t->line, t->col, "这里指的是多个单元格；请用sum(…)求和");
        }
        return e;
    }
    syntax(p, t, "数字、T03[合计].基本支出这样的数据或sum(…)");
    return NULL;
}

static expr *parse_unary(P *p)
{
    if (peek(p)->k == K_MINUS) {
        if (!nest_in(p)) return NULL;
        const tok *t = next(p);
        expr *e = new_expr(p, E_NEG, t);
        if (!e) { p->nest--; return NULL; }
        e->a = parse_unary(p);
        p->nest--;
        if (!e->a) { free(e); return NULL; }
        return e;
    }
    return parse_primary(p);
}

static expr *parse_expr(P *p)
{
    expr *l = parse_unary(p);
    while (l && (peek(p)->k == K_PLUS || peek(p)->k == K_MINUS)) {
        const tok *t = next(p);
        expr *e = new_expr(p, t->k == K_PLUS ? E_ADD : E_SUB, t);
        if (!e) { jue_rules_expr_free(l); return NULL; }
        e->a = l;
        e->b = parse_unary(p);
        if (!e->b) { jue_rules_expr_free(e); return NULL; }
        l = e;
    }
    return l;
}

/* ---------- conditions ---------- */

static cond *parse_cond(P *p);

static cond *new_cond(P *p, ckind k, const tok *at)
{
    cond *c = xcalloc(p, 1, sizeof *c);
    if (!c) return NULL;
    c->kind = k;
    c->line = at->line;
    c->col = at->col;
    c->table = c->tvar = c->var = -1;
    c->r.cols.var = -1;
    c->r.tvar = -1;
    return c;
}

/* Does the parenthesis at pos open a condition (it holds a comparison or a
 * logical word at its own depth) rather than a sum? */
static bool paren_is_cond(const P *p)
{
    int depth = 0;
    for (size_t i = p->pos; i < p->nt; i++) {
        const tok *t = &p->t[i];
        if (t->k == K_LPAREN || t->k == K_LBRACK || t->k == K_LBRACE) depth++;
        else if (t->k == K_RPAREN || t->k == K_RBRACK || t->k == K_RBRACE) {
            if (--depth == 0) return false;
        } else if (depth == 1) {
            if (t->k == K_EQ || t->k == K_LE || t->k == K_GE || t->k == K_NE || t->k == K_LT || t->k == K_GT) return true;
            if (is_kw(t, "and") || is_kw(t, "or") || is_kw(t, "not")) return true;
        } else if (t->k == K_EOF || is_kw(t, "rule")) return false;
    }
    return false;
}

static const struct { const char *name; ckind kind; } FUNCS[] = {
    { "present", C_PRESENT }, { "empty", C_EMPTY }, { "has_note", C_HASNOTE }, { "nonempty", C_NONEMPTY },
    { "exists", C_EXISTS }, { "nonzero", C_NONZERO }, { "unit_is", C_UNIT }, { "in_catalog", C_INCAT },
    { "name_matches", C_NAMEOK }, { "under_parent", C_PLACED }, { "other_tables", C_OTHER },
    { "catalog_covers", C_COVERS },
};

static cond *parse_func(P *p, ckind k)
{
    const tok *ft = next(p);
    next(p); /* ( */
    cond *c = new_cond(p, k, ft);
    if (!c) return NULL;
    const tok *a = peek(p);
    bool ok = true;
    switch (k) {
    case C_PRESENT: case C_EMPTY: case C_HASNOTE:
        ok = parse_table(p, &c->table, &c->tvar);
        break;
    case C_OTHER: case C_COVERS:   /* no argument */
        break;
    case C_NONEMPTY: case C_EXISTS:
        ok = parse_table(p, &c->r.table, &c->r.tvar) && parse_rowsel(p, &c->r);
        if (ok && k == C_EXISTS && c->r.multi) perr(p, a->line, a->col, "exists(…)只能指一行");
        break;
    case C_NONZERO:
        c->x = parse_expr(p);
        ok = c->x != NULL;
        break;
    case C_UNIT:
        if (a->k != K_IDENT) { syntax(p, a, "单位类型（行政、参公、事业）"); ok = false; break; }
        if (!strcmp(a->s, "行政") || !strcmp(a->s, "行政单位")) c->unit = JUE_UNIT_ADMIN;
        else if (!strcmp(a->s, "参公") || !strcmp(a->s, "参照公务员法管理事业单位")) c->unit = JUE_UNIT_CIVIL_LIKE;
        else if (!strcmp(a->s, "事业") || !strcmp(a->s, "事业单位")) c->unit = JUE_UNIT_PUBLIC_INST;
        else perr(p, a->line, a->col, "未知的单位类型“%s”（行政、参公、事业）", a->s);
        next(p);
        break;
    default: { /* catalog built-ins take a row variable */
        int v = a->k == K_IDENT ? find_var(p, a->s) : -1;
        if (v < 0 || p->cur->vars[v].kind != V_ROW) {
            syntax(p, a, "行变量");
            ok = false;
            break;
        }
        c->var = v;
        next(p);
        break;
    }
    }
    if (!ok || !expect(p, K_RPAREN, "“)”")) { jue_rules_cond_free(c); return NULL; }
    return c;
}

static cond *parse_atom(P *p)
{
    const tok *t = peek(p);
    if (t->k == K_LPAREN && paren_is_cond(p)) {
        if (!nest_in(p)) return NULL;
        next(p);
        cond *c = parse_cond(p);
        p->nest--;
        if (!c) return NULL;
        if (!expect(p, K_RPAREN, "“)”")) { jue_rules_cond_free(c); return NULL; }
        return c;
    }
    if (t->k == K_IDENT && peek2(p)->k == K_LPAREN)
        for (size_t i = 0; i < sizeof FUNCS / sizeof FUNCS[0]; i++)
            if (!strcmp(t->s, FUNCS[i].name)) return parse_func(p, FUNCS[i].kind);
    cond *c = new_cond(p, C_CMP, t);
    if (!c) return NULL;
    c->x = parse_expr(p);
    if (!c->x) { free(c); return NULL; }
    const tok *op = peek(p);
    if (op->k == K_EQ) c->op = OP_EQ;
    else if (op->k == K_LE) c->op = OP_LE;
    else if (op->k == K_GE) c->op = OP_GE;
    else if (op->k == K_NE || op->k == K_LT || op->k == K_GT) {
        if (!p->failed)
            perr(p, op->line, op->col, "只能用==、<=、>=比较（有尾差时，严格大小或≠无法判定）；≠请写作not(a == b)");
        p->failed = true;
        jue_rules_cond_free(c);
        return NULL;
    } else {
        syntax(p, op, "比较符（==、<=、>=）");
        jue_rules_cond_free(c);
        return NULL;
    }
    c->line = op->line;
    c->col = op->col;
    next(p);
    c->y = parse_expr(p);
    if (!c->y) { jue_rules_cond_free(c); return NULL; }
    if (is_kw(peek(p), "within")) {
        next(p);
        const tok *n = peek(p);
        int dec;
        if (n->k != K_NUM) { syntax(p, n, "within后以万元计的容差"); jue_rules_cond_free(c); return NULL; }
        if (!parse_amount(p, n, &c->tol, &dec)) { p->failed = true; jue_rules_cond_free(c); return NULL; }
        next(p);
    }
    return c;
}

static cond *parse_not(P *p)
{
    if (is_kw(peek(p), "not")) {
        if (!nest_in(p)) return NULL;
        const tok *t = next(p);
        cond *c = new_cond(p, C_NOT, t);
        if (!c) { p->nest--; return NULL; }
        c->a = parse_not(p);
        p->nest--;
        if (!c->a) { free(c); return NULL; }
        return c;
    }
    return parse_atom(p);
}

static cond *parse_and(P *p)
{
    cond *l = parse_not(p);
    while (l && is_kw(peek(p), "and")) {
        const tok *t = next(p);
        cond *c = new_cond(p, C_AND, t);
        if (!c) { jue_rules_cond_free(l); return NULL; }
        c->a = l;
        c->b = parse_not(p);
        if (!c->b) { jue_rules_cond_free(c); return NULL; }
        l = c;
    }
    return l;
}

static cond *parse_cond(P *p)
{
    cond *l = parse_and(p);
    while (l && is_kw(peek(p), "or")) {
        const tok *t = next(p);
        cond *c = new_cond(p, C_OR, t);
        if (!c) { jue_rules_cond_free(l); return NULL; }
        c->a = l;
        c->b = parse_and(p);
        if (!c->b) { jue_rules_cond_free(c); return NULL; }
        l = c;
    }
    return l;
}

/* ---------- message templates ---------- */

static bool add_part(P *p, rule *r, mpart m)
{
    mpart *n = realloc(r->msg, (r->nmsg + 1) * sizeof *n);
    if (!n) { free(m.text); jue_rules_expr_free(m.e); p->nomem = true; return false; }
    r->msg = n;
    r->msg[r->nmsg++] = m;
    return true;
}

static const struct { const char *name; mkind kind; } MSPECIAL[] = {
    { "lhs", M_LHS }, { "rhs", M_RHS }, { "diff", M_DIFF }, { "allowed", M_ALLOWED },
    { "expected", M_EXPECTED }, { "actual", M_ACTUAL },
};
static const struct { const char *name; mkind kind; vkind need; } MFUNC[] = {
    { "name", M_NAME, V_ROW }, { "catalog_name", M_CATNAME, V_ROW }, { "code", M_CODE, V_ROW },
    { "parent", M_PARENT, V_ROW }, { "label", M_LABEL, V_TABLE }, { "title", M_TITLE, V_TABLE },
};

/* One {…} of a template: tokens in the current token array. */
static bool parse_placeholder(P *p, rule *r)
{
    const tok *t = peek(p);
    mpart m = { .var = -1 };
    if (t->k == K_IDENT && peek2(p)->k == K_EOF) {
        for (size_t i = 0; i < sizeof MSPECIAL / sizeof MSPECIAL[0]; i++)
            if (!strcmp(t->s, MSPECIAL[i].name)) {
                m.kind = MSPECIAL[i].kind;
                next(p);
                return add_part(p, r, m);
            }
        int v = find_var(p, t->s);
        if (v >= 0) {
            m.kind = M_VAR;
            m.var = v;
            next(p);
            return add_part(p, r, m);
        }
    }
    if (t->k == K_IDENT && peek2(p)->k == K_LPAREN)
        for (size_t i = 0; i < sizeof MFUNC / sizeof MFUNC[0]; i++)
            if (!strcmp(t->s, MFUNC[i].name)) {
                next(p);
                next(p);
                const tok *a = peek(p);
                int v = a->k == K_IDENT ? find_var(p, a->s) : -1;
                if (v < 0 || r->vars[v].kind != MFUNC[i].need) {
                    syntax(p, a, MFUNC[i].need == V_ROW ? "行变量" : "表变量");
                    return false;
                }
                next(p);
                if (!expect(p, K_RPAREN, "“)”")) return false;
                m.kind = MFUNC[i].kind;
                m.var = v;
                return add_part(p, r, m);
            }
    m.kind = M_EXPR;
    m.e = parse_expr(p);
    if (!m.e) return false;
    return add_part(p, r, m);
}

static bool parse_message(P *p, rule *r, const tok *st)
{
    /* The decoded text is scanned for {…}; each placeholder is tokenised from
     * the source. Placeholders hold no escapes, so source offsets are exact
     * when the string before them has none (columns are then approximate). */
    const char *s = st->s;
    size_t n = strlen(s);
    jue_buf lit;
    jue_buf_init(&lit);
    size_t src = st->off + 1;   /* after the opening quote (1 byte or 3) */
    if ((unsigned char)p->text[st->off] == 0xE2) src = st->off + 3;
    for (size_t i = 0; i < n;) {
        if (s[i] == '{' && i + 1 < n && s[i + 1] == '{') { jue_buf_putc(&lit, '{'); i += 2; continue; }
        if (s[i] == '}' && i + 1 < n && s[i + 1] == '}') { jue_buf_putc(&lit, '}'); i += 2; continue; }
        if (s[i] != '{') { jue_buf_putc(&lit, s[i]); i++; continue; }
        size_t j = i + 1;
        while (j < n && s[j] != '}') j++;
        if (j >= n) {
            perr(p, st->line, st->col, "消息中的“{”没有闭合（字面的大括号写作{{）");
            jue_buf_free(&lit);
            return true;
        }
        if (jue_buf_str(&lit)[0]) {
            mpart m = { .kind = M_TEXT, .var = -1, .text = jue_buf_take(&lit) };
            if (!m.text || !add_part(p, r, m)) { jue_buf_free(&lit); return false; }
        }
        /* find the placeholder in the source to tokenise it with positions */
        const char *at = NULL;
        size_t plen = j - i - 1;
        for (size_t q = src; q + plen + 1 < st->end && !at; q++)
            if (p->text[q] == '{' && !memcmp(p->text + q + 1, s + i + 1, plen) && p->text[q + 1 + plen] == '}')
                at = p->text + q;
        size_t from = at ? (size_t)(at - p->text) + 1 : st->off;
        int col = st->col;
        if (at) {
            col += (int)jue_utf8_count(p->text + st->off, from - st->off) - 1;
            src = from + plen + 1;
        }
        toks sub = at ? lex(p, from, from + plen, st->line, col + 1) : (toks){ 0 };
        if (!sub.v) {
            if (!at) perr(p, st->line, st->col, "消息中的占位符不能含转义：{%.*s}", (int)plen, s + i + 1);
            i = j + 1;
            continue;
        }
        tok *save_t = p->t;
        size_t save_nt = p->nt, save_pos = p->pos;
        bool save_failed = p->failed;
        p->t = sub.v;
        p->nt = sub.n;
        p->pos = 0;
        p->failed = false;
        if (peek(p)->k == K_EOF) perr(p, st->line, col, "消息中有空的占位符{}");
        else if (parse_placeholder(p, r) && peek(p)->k != K_EOF) syntax(p, peek(p), "结束占位符的“}”");
        p->t = save_t;
        p->nt = save_nt;
        p->pos = save_pos;
        p->failed = save_failed;
        free_toks(&sub);
        i = j + 1;
    }
    if (jue_buf_str(&lit)[0]) {
        mpart m = { .kind = M_TEXT, .var = -1, .text = jue_buf_take(&lit) };
        if (!m.text || !add_part(p, r, m)) { jue_buf_free(&lit); return false; }
    }
    jue_buf_free(&lit);
    return true;
}

/* ---------- rules ---------- */

static bool parse_var(P *p, rule *r)
{
    const tok *t = peek(p);
    if (t->k != K_IDENT || is_keyword(t->s) || table_id(t->s) >= 0) {
        syntax(p, t, "变量名");
        return false;
    }
    if (find_var(p, t->s) >= 0) perr(p, t->line, t->col, "变量“%s”在本规则中已经绑定", t->s);
    if (r->nvars >= 16) { syntax(p, t, "一条规则最多16个变量；又一个变量"); return false; }
    var v = { 0 };
    v.name = jue_strdup(t->s);
    v.src.cols.var = -1;
    v.src.tvar = -1;
    if (!v.name) { p->nomem = true; return false; }
    next(p);
    if (!is_kw(peek(p), "in")) { free(v.name); syntax(p, peek(p), "“in”"); return false; }
    next(p);
    const tok *s = peek(p);
    if (is_kw(s, "tables")) {
        v.kind = V_TABLE;
        for (int i = 0; i < JUE_NTABLES; i++) v.tables[v.ntables++] = i;
        next(p);
    } else if (s->k == K_LBRACE) {
        v.kind = V_TABLE;
        next(p);
        for (;;) {
            const tok *a = peek(p);
            int id = a->k == K_IDENT ? table_id(a->s) : -1;
            if (id < 0) { free(v.name); syntax(p, a, "表（T01–T09）"); return false; }
            if (v.ntables < JUE_NTABLES) v.tables[v.ntables++] = id;
            next(p);
            if (peek(p)->k == K_COMMA) { next(p); continue; }
            break;
        }
        if (!expect(p, K_RBRACE, "“}”")) { free(v.name); return false; }
    } else {
        if (!parse_table(p, &v.src.table, &v.src.tvar)) { free(v.name); return false; }
        if (peek(p)->k == K_LBRACK) {
            v.kind = V_ROW;
            if (!parse_rowsel(p, &v.src)) { free(v.name); jue_rules_ref_free(&v.src); return false; }
        } else if (peek(p)->k == K_DOT) {
            v.kind = V_COL;
            if (!parse_colsel(p, &v.src)) { free(v.name); jue_rules_ref_free(&v.src); return false; }
        } else {
            free(v.name);
            syntax(p, peek(p), "表后的“[”（行）或“.”（列）");
            return false;
        }
    }
    var *nv = realloc(r->vars, (r->nvars + 1) * sizeof *nv);
    if (!nv) { free(v.name); jue_rules_ref_free(&v.src); p->nomem = true; return false; }
    r->vars = nv;
    r->vars[r->nvars++] = v;
    return true;
}

static void parse_rule(P *p)
{
    const tok *kw = next(p); /* rule */
    rule r = { 0 };
    r.line = kw->line;
    r.file = jue_strdup(p->file);
    p->cur = &r;
    p->failed = false;
    p->nest = 0;
    /* the id: adjacent tokens (T03.row-sum) */
    const tok *t = peek(p);
    if (t->k != K_IDENT && t->k != K_NUM) {
        syntax(p, t, "规则编号，如T03.row-sum");
    } else {
        jue_buf id;
        jue_buf_init(&id);
        size_t end = t->off;
        while (peek(p)->off == end &&
               (peek(p)->k == K_IDENT || peek(p)->k == K_NUM || peek(p)->k == K_DOT || peek(p)->k == K_MINUS)) {
            const tok *q = next(p);
            jue_buf_putn(&id, p->text + q->off, q->end - q->off);
            end = q->end;
        }
        r.id = jue_buf_take(&id);
        jue_buf_free(&id);
        if (!r.id) p->nomem = true;
        for (size_t i = 0; r.id && i < p->pack->n; i++)
            if (!strcmp(p->pack->rules[i].id, r.id)) {
                perr(p, t->line, t->col, "规则编号“%s”已被使用（在%s:%d）", r.id, p->pack->rules[i].file,
                     p->pack->rules[i].line);
                break;
            }
    }
    const tok *sv = peek(p);
    if (!p->failed) {
        if (sv->k != K_IDENT || !jue_severity_parse(sv->s, &r.sev)) syntax(p, sv, "严重程度（error、warning、info）");
        else next(p);
    }
    if (!p->failed && is_kw(peek(p), "for")) {
        next(p);
        for (;;) {
            if (!parse_var(p, &r)) break;
            if (peek(p)->k == K_COMMA) { next(p); continue; }
            break;
        }
    }
    if (!p->failed && is_kw(peek(p), "when")) {
        next(p);
        r.when = parse_cond(p);
    }
    if (!p->failed) {
        if (is_kw(peek(p), "require")) {
            next(p);
            r.req = parse_cond(p);
        } else {
            syntax(p, peek(p), r.when || r.nvars ? "“require”" : "“for”“when”或“require”");
        }
    }
    if (!p->failed && is_kw(peek(p), "message")) {
        next(p);
        const tok *m = peek(p);
        if (m->k != K_STR) syntax(p, m, "带引号的消息");
        else {
            next(p);
            if (!parse_message(p, &r, m)) p->failed = true;
        }
    }
    if (!p->failed && peek(p)->k != K_EOF && !is_kw(peek(p), "rule") && !is_kw(peek(p), "include") &&
        !is_kw(peek(p), "report"))
        syntax(p, peek(p), "“message”或下一条“rule”");
    p->cur = NULL;
    if (p->failed || !r.req || !r.id) {
        rule_free(&r);
        /* resume at the next rule */
        while (peek(p)->k != K_EOF && !is_kw(peek(p), "rule")) next(p);
        return;
    }
    if (p->pack->n == p->pack->cap) {
        size_t nc = p->pack->cap ? p->pack->cap * 2 : 64;
        rule *nr = realloc(p->pack->rules, nc * sizeof *nr);
        if (!nr) { rule_free(&r); p->nomem = true; return; }
        p->pack->rules = nr;
        p->pack->cap = nc;
    }
    p->pack->rules[p->pack->n++] = r;
}

static jue_status parse_into(const char *file, const char *text, size_t len, jue_rulepack *pack, jue_diags *diags,
                             int depth, size_t *errors);

static void parse_include(P *p)
{
    const tok *kw = next(p);
    const tok *t = peek(p);
    if (t->k != K_IDENT && t->k != K_STR) {
        syntax(p, t, "规则包名称或“file.rules”路径");
        while (peek(p)->k != K_EOF && !is_kw(peek(p), "rule")) next(p);
        return;
    }
    next(p);
    if (p->depth >= 8) {
        perr(p, kw->line, kw->col, "include嵌套过深（是否循环包含？）");
        return;
    }
    char path[4096];
    size_t n = strlen(t->s);
    if (n > 6 && !strcmp(t->s + n - 6, ".rules")) {
        /* relative to the including file */
        const char *slash = strrchr(p->file, '/');
        if (t->s[0] == '/' || !slash) snprintf(path, sizeof path, "%s", t->s);
        else snprintf(path, sizeof path, "%.*s/%s", (int)(slash - p->file), p->file, t->s);
    } else {
        if (strchr(t->s, '/')) { perr(p, t->line, t->col, "规则包名称不能含“/”"); return; }
        snprintf(path, sizeof path, "%s/rules/%s.rules", jue_data_dir(), t->s);
    }
    char *text;
    size_t len;
    if (jue_read_file(path, &text, &len) != JUE_OK) {
        perr(p, t->line, t->col, "无法读取所包含的规则包%s", path);
        p->io = JUE_ERR_IO;
        return;
    }
    size_t errs = 0;
    jue_status st = parse_into(path, text, len, p->pack, p->diags, p->depth + 1, &errs);
    free(text);
    p->errors += errs;
    if (st == JUE_ERR_NOMEM) p->nomem = true;
    if (st == JUE_ERR_IO) p->io = JUE_ERR_IO;
}

static jue_status parse_into(const char *file, const char *text, size_t len, jue_rulepack *pack, jue_diags *diags,
                             int depth, size_t *errors)
{
    P p;
    memset(&p, 0, sizeof p);
    p.file = file ? file : "<rules>";
    p.text = text;
    p.len = len;
    p.diags = diags;
    p.pack = pack;
    p.depth = depth;
    for (int i = 0; i < JUE_NTABLES; i++) {
        p.tabs[i] = jue_table_new((jue_table_id)i);
        if (!p.tabs[i]) p.nomem = true;
    }
    toks all = { 0 };
    if (!p.nomem) all = lex(&p, 0, len, 1, 1);
    p.t = all.v;
    p.nt = all.n;
    while (!p.nomem && p.t && peek(&p)->k != K_EOF) {
        const tok *t = peek(&p);
        if (is_kw(t, "rule")) parse_rule(&p);
        else if (is_kw(t, "include")) parse_include(&p);
        else if (is_kw(t, "report")) {
            next(&p);
            if (is_kw(peek(&p), "tails")) { next(&p); pack->tails = true; }
            else { p.failed = false; syntax(&p, peek(&p), "“report”之后的“tails”"); }
        } else {
            p.failed = false;
            syntax(&p, t, "“rule”“include”或“report”");
            next(&p);
            while (peek(&p)->k != K_EOF && !is_kw(peek(&p), "rule")) next(&p);
        }
    }
    free_toks(&all);
    for (int i = 0; i < JUE_NTABLES; i++) jue_table_free(p.tabs[i]);
    *errors = p.errors;
    if (p.nomem) return JUE_ERR_NOMEM;
    if (p.io) return p.io;
    return p.errors ? JUE_ERR_SYNTAX : JUE_OK;
}

/* ---------- numbering the refs ---------- */

static uint32_t var_bit(int v) { return v >= 0 ? (uint32_t)1 << v : 0; }

/* The refs numbered so far, for refs that take the same rows to share them. */
typedef struct {
    jue_rulepack *pack;
    const rule *cur;
    const ref **ref;
    const rule **owner;
    size_t n, cap;
} numbering;

static bool same_str(const char *a, const char *b) { return a == b || (a && b && !strcmp(a, b)); }

static bool same_item(const rowitem *a, const rowitem *b)
{
    if (a->kind != b->kind || !same_str(a->key, b->key) || a->var != b->var || a->side != b->side ||
        (a->kind == RI_LEVEL && a->level != b->level) || a->nparts != b->nparts)
        return false;
    for (size_t k = 0; k < a->nparts; k++)
        if (!same_str(a->parts[k].lit, b->parts[k].lit) || a->parts[k].var != b->parts[k].var) return false;
    return true;
}

/* Whether a and b take the same rows the same way: the same table and row
 * items, both as a set or both as one cell, and (when they depend on
 * variables) in the same rule. */
static bool same_rows(const numbering *nb, size_t k, const ref *b)
{
    const ref *a = nb->ref[k];
    if (a->table != b->table || a->tvar != b->tvar || a->nrows != b->nrows || !a->nrows || a->set != b->set ||
        (b->rdeps && nb->owner[k] != nb->cur))
        return false;
    for (size_t i = 0; i < a->nrows; i++)
        if (!same_item(&a->rows[i], &b->rows[i])) return false;
    return true;
}

/* ref.lvtake from r's items by level (类/款/项) and all (*). */
static void level_take(ref *r)
{
    memset(r->lvtake, 0, sizeof r->lvtake);
    for (size_t i = 0; i < r->nrows; i++) {
        const rowitem *it = &r->rows[i];
        if (it->kind != RI_LEVEL && it->kind != RI_ALL) continue;
        uint8_t b = it->kind == RI_ALL ? LV_ANY : (uint8_t)(1u << ((unsigned)it->level & 3u));
        for (int s = 0; s <= JUE_SIDE_PUBLIC; s++)
            if (it->side == JUE_SIDE_NONE || (int)it->side == s) r->lvtake[s] |= b;
    }
}

/* r's number and what its rows and columns depend on (rules_internal.h). */
static void number_ref(numbering *nb, ref *r, bool set)
{
    level_take(r);
    r->id = r->rid = (uint32_t)nb->pack->nrefs++;
    r->set = set;
    r->rdeps = r->cdeps = var_bit(r->tvar);
    for (size_t i = 0; i < r->nrows; i++) {
        rowitem *it = &r->rows[i];
        it->rowvar = it->kind == RI_VAR && it->var >= 0 && (size_t)it->var < nb->cur->nvars &&
                     nb->cur->vars[it->var].kind == V_ROW;
        r->rdeps |= var_bit(it->var);
        for (size_t k = 0; k < it->nparts; k++) r->rdeps |= var_bit(it->parts[k].var);
    }
    if (r->cols.kind == CS_VAR) r->cdeps |= var_bit(r->cols.var);
    for (size_t k = 0; k < nb->n; k++)
        if (same_rows(nb, k, r)) {
            r->rid = nb->ref[k]->rid;
            return;
        }
    if (nb->n == nb->cap) {   /* out of memory: r keeps its own rows */
        size_t nc = nb->cap ? 2 * nb->cap : 64;
        const ref **nr = realloc(nb->ref, nc * sizeof *nr);
        if (nr) nb->ref = nr;
        const rule **no = nr ? realloc(nb->owner, nc * sizeof *no) : NULL;
        if (no) nb->owner = no;
        if (!nr || !no) return;
        nb->cap = nc;
    }
    nb->ref[nb->n] = r;
    nb->owner[nb->n++] = nb->cur;
}

static void number_expr(numbering *nb, expr *x)
{
    if (!x) return;
    if (x->kind == E_REF || x->kind == E_SUM) number_ref(nb, &x->r, x->r.multi);
    number_expr(nb, x->a);
    number_expr(nb, x->b);
}

static void number_cond(numbering *nb, cond *c)
{
    if (!c) return;
    if (c->kind == C_NONEMPTY || c->kind == C_EXISTS) number_ref(nb, &c->r, true);
    number_cond(nb, c->a);
    number_cond(nb, c->b);
    number_expr(nb, c->x);
    number_expr(nb, c->y);
}

static uint32_t expr_deps(const expr *x)
{
    if (!x) return 0;
    uint32_t d = x->kind == E_REF || x->kind == E_SUM ? x->r.rdeps | x->r.cdeps : 0;
    return d | expr_deps(x->a) | expr_deps(x->b);
}

/* The variables (a bit each) whose bindings c's value depends on; its refs
 * numbered first. */
static uint32_t cond_deps(const cond *c)
{
    if (!c) return 0;
    uint32_t d = cond_deps(c->a) | cond_deps(c->b) | expr_deps(c->x) | expr_deps(c->y);
    switch (c->kind) {
    case C_NONEMPTY:
    case C_EXISTS: return d | c->r.rdeps | c->r.cdeps;
    case C_PRESENT:
    case C_EMPTY:
    case C_HASNOTE: return d | var_bit(c->tvar);
    case C_INCAT:
    case C_NAMEOK:
    case C_PLACED: return d | var_bit(c->var);
    default: return d;
    }
}

/* rule.wdepth: one past the last variable `when` depends on. */
static size_t when_depth(const rule *r)
{
    uint32_t d = cond_deps(r->when);
    return d ? (size_t)(32 - __builtin_clz(d)) : 0;
}

/* natmap (rules_internal.h), from the national tables' column names. */
static void national_map(jue_rulepack *pack)
{
    memset(pack->natmap, 0, sizeof pack->natmap);
    for (int a = 0; a < JUE_NTABLES; a++)
        for (size_t ja = 0; ja < 8; ja++) {
            const char *ka = jue_table_national_col((jue_table_id)a, ja);
            for (int b = 0; ka && b < JUE_NTABLES; b++)
                for (size_t jb = 0; jb < 8; jb++) {
                    const char *kb = jue_table_national_col((jue_table_id)b, jb);
                    if (kb && !strcmp(ka, kb)) pack->natmap[a][ja][b] |= (uint8_t)(1u << jb);
                }
        }
}

/* Numbers every ref the evaluator resolves, so that it can keep what it
 * resolved of each once per document (rules_eval.c). */
static void number_refs(jue_rulepack *pack)
{
    numbering nb = { .pack = pack };
    pack->nrefs = 0;
    for (size_t i = 0; i < pack->n; i++) {
        rule *r = &pack->rules[i];
        nb.cur = r;
        for (size_t k = 0; k < r->nvars; k++)
            if (r->vars[k].kind != V_TABLE) number_ref(&nb, &r->vars[k].src, true);
        number_cond(&nb, r->when);
        r->wdepth = when_depth(r);
        number_cond(&nb, r->req);
        for (size_t k = 0; k < r->nmsg; k++) number_expr(&nb, r->msg[k].e);
    }
    free(nb.ref);
    free(nb.owner);
    national_map(pack);
}

jue_status jue_rules_parse(const char *file, const char *text, size_t len, jue_rulepack **out, jue_diags *diags)
{
    *out = NULL;
    jue_rulepack *pack = calloc(1, sizeof *pack);
    if (!pack) return JUE_ERR_NOMEM;
    size_t errs = 0;
    jue_status st = parse_into(file, text, len, pack, diags, 0, &errs);
    if (st != JUE_OK) {
        jue_rulepack_free(pack);
        return st;
    }
    number_refs(pack);
    *out = pack;
    return JUE_OK;
}

jue_status jue_rules_load_file(const char *path, jue_rulepack **out, jue_diags *diags)
{
    *out = NULL;
    char *text;
    size_t len;
    jue_status st = jue_read_file(path, &text, &len);
    if (st != JUE_OK) {
        jue_diag_add(diags, JUE_SEV_ERROR, path, 0, 0, "无法读取规则文件");
        return st;
    }
    st = jue_rules_parse(path, text, len, out, diags);
    free(text);
    return st;
}

/* The pack named by a profile's rules: value v (NULL = absent: national),
 * which stands in file at line:col. */
static jue_status load_named(const char *file, const char *v, int line, int col, jue_rulepack **out,
                             jue_diags *diags)
{
    char name[256] = "national";
    if (v) {
        if (!v[0] || strchr(v, '/') || strlen(v) >= sizeof name) {
            jue_diag_add(diags, JUE_SEV_ERROR, file, line, col, "rules：应为data/rules/下的规则包名称");
            return JUE_ERR_SYNTAX;
        }
        snprintf(name, sizeof name, "%s", v);
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/rules/%s.rules", jue_data_dir(), name);
    jue_status st = jue_rules_load_file(path, out, diags);
    return st == JUE_ERR_IO ? JUE_ERR_NOTFOUND : st;
}

jue_status jue_rules_load_profile(const char *profile, jue_rulepack **out, jue_diags *diags)
{
    *out = NULL;
    if (!profile) profile = "national";
    char path[4096];
    char *text;
    size_t len;
    jue_status rs = jue_data_yaml("profiles", profile, "方案", path, sizeof path, &text, &len, diags);
    if (rs != JUE_OK) return rs;
    jue_ynode *root = NULL;
    jue_status st = jue_yaml_parse(path, text, len, &root, diags);
    free(text);
    if (st != JUE_OK) return st == JUE_ERR_NOMEM ? st : JUE_ERR_SYNTAX;
    const jue_ynode *rn = jue_ymap_get(root, "rules");
    /* a map or a list is no name: "" is refused the same way */
    const char *v = !rn ? NULL : rn->type == JUE_Y_SCALAR && rn->value ? rn->value : "";
    st = load_named(path, v, rn ? rn->line : 0, rn ? rn->col : 0, out, diags);
    jue_ynode_free(root);
    return st;
}

jue_status jue_rules_load_for(const jue_profile *prof, jue_rulepack **out, jue_diags *diags)
{
    *out = NULL;
    const char *file;
    int line, col;
    const char *v = jue_profile_rules(prof, &file, &line, &col);
    return load_named(file, v, line, col, out, diags);
}
