/* Claim extraction from the explanatory notes: the lines a door hands over
 * become paragraphs (copying from PDF or Word breaks sentences, even
 * "3978.63万" / "元"), each byte mapped to its line, column and page; headings
 * become sections, 项 statements are resolved (resolve.c), table rows no
 * table took are passed over, and each sentence is read (sentence.c). */
#include <juesuan/claims.h>
#include <juesuan/model.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/blocks.h"
#include "core/encoding.h"
#include "read_internal.h"

void jue_claims_init(jue_claims *c) { memset(c, 0, sizeof *c); }

/* The claims' strings, in blocks the claims free at once (core/blocks.h). */
enum { STRS_FIRST = 4096, STRS_MOST = 65536 };

char *cx_str_room(jue_claims *o, size_t n)
{
    return jue_block_take(&o->strs, n, STRS_FIRST, STRS_MOST);
}

char *cx_strn(jue_claims *o, const char *s, size_t n)
{
    char *r = s ? cx_str_room(o, n + 1) : NULL;
    if (r) { memcpy(r, s, n); r[n] = 0; }
    return r;
}

/* Frees s unless it is in the claims' blocks. */
static void str_free(const jue_claims *c, char *s)
{
    if (s && !jue_block_holds(c->strs, s)) free(s);
}

void jue_claims_free(jue_claims *c)
{
    if (!c) return;
    for (size_t i = 0; i < c->len; i++) {
        jue_claim *x = &c->items[i];
        str_free(c, x->whole);
        str_free(c, x->item_names);
        str_free(c, x->printed);
    }
    free(c->items);
    for (size_t i = 0; i < c->nsections; i++) str_free(c, c->sections[i].number);   /* the title with it */
    free(c->sections);
    free(c->partitions);
    jue_blocks_free(&c->strs);
    memset(c, 0, sizeof *c);
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

/* A numbered row of a small table (the units of 部门决算单位构成) that a
 * single-space copy (`pdftotext -raw`) prints as a line of words, where a PDF
 * or a spaced copy shows cells: a number of up to three digits, a blank,
 * then words without a figure or a sentence mark ("3 某某研究所"). */
static bool numbered_row(const char *s, const char *e)
{
    int digits = 0;
    const char *q = s;
    for (; q < e && *q >= '0' && *q <= '9'; q++) digits++;
    if (digits < 1 || digits > 3 || q >= e || *q != ' ') return false;
    while (q < e && *q == ' ') q++;
    if (q == e) return false;
    static const char *const marks[] = { "，", "。", "；", "：", "、", "！", "？" };
    for (const char *w = q; w < e; w += jue_utf8_step(w)) {
        if (is_digit_at(w, e)) return false;
        for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
            if (starts(w, e, marks[i])) return false;
    }
    return true;
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

/* How many figures [s, e) prints with a unit of money (and with a % when
 * percent), counted up to max. */
/* Whether the figure at q (a digit) is followed by a unit of money (or a %
 * when percent); *past: after its digits. */
static bool unit_follows(const char *q, const char *e, bool percent, const char **past)
{
    static const char *const units[] = { "万元", "亿元", "元", "%", "％" };
    while (q < e && ((*q >= '0' && *q <= '9') || *q == '.' || *q == ',')) q++;
    *past = q;
    while (q < e && *q == ' ') q++;
    for (size_t i = 0; i < (percent ? 5u : 3u); i++)
        if (starts(q, e, units[i])) return true;
    return false;
}

static int figures_in_units(const char *s, const char *e, bool percent, int max)
{
    int n = 0;
    for (const char *q = s; q < e && n < max; q++) {
        if (*q < '0' || *q > '9') continue;
        const char *past;
        n += unit_follows(q, e, percent, &past);
        q = past;
    }
    return n;
}

/* Whether [s, e) states an amount or a percentage (a figure and its unit):
 * a numbered line that does is a paragraph, not a heading ("（一）本单位
 * 2021年度总收入581.45万元，其中本年收" / "入390.55万元，…"). */
static bool states_amount(const char *s, const char *e)
{
    return figures_in_units(s, e, true, 1) > 0;
}

/* The full-width mark an ASCII one at s[i] stands for in Chinese prose (a
 * copy normalised to ASCII, NFKC, or typed so: "因公出国(境)经费决算120万
 * 元,比上年增长79.1%;"), or NULL: a thousands separator ("1,033.50") and a
 * time ("8:30") stay. */
static const char *full_width_mark(const char *s, size_t i, size_t n)
{
    bool dig_before = i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9';
    bool dig_after = i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9';
    switch (s[i]) {
    case ',': {
        bool group = dig_before && i + 3 < n;
        for (size_t k = 1; group && k <= 3; k++) group = s[i + k] >= '0' && s[i + k] <= '9';
        if (group && i + 4 < n && s[i + 4] >= '0' && s[i + 4] <= '9') group = false;
        return group ? NULL : "，";
    }
    case ';': return "；";
    case ':': return dig_before && dig_after ? NULL : "：";
    case '(': return "（";
    case ')': return "）";
    default: return NULL;
    }
}

/* How many bytes from s on para_put keeps as they are: none of them a
 * blank or an ASCII mark full_width_mark may change. */
static size_t plain_run(const char *s, size_t n)
{
    static const bool MARK[256] = { [' '] = true, [','] = true, [';'] = true, [':'] = true, ['('] = true, [')'] = true };
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    for (;;) {
        /* eight bytes at a time while none is below 0x40 (every mark is;
         * Chinese text's bytes are 0x80 and above) */
        for (uint64_t w; i + 8 <= n; i += 8) {
            memcpy(&w, u + i, 8);
            if ((w - 0x4040404040404040u) & ~w & 0x8080808080808080u) break;
        }
        size_t stop = i + 8 < n ? i + 8 : n;
        while (i < stop && !MARK[u[i]]) i++;
        if (i < stop || i == n) return i;
    }
}

/* Starts a stretch at `at` (over the last one when it starts there too). */
static bool seg_add(para *p, size_t at, int line, int col, int page, bool fixed)
{
    if (p->nseg && p->seg[p->nseg - 1].at == at) {
        p->seg[p->nseg - 1] = (pseg){ at, line, col, page, fixed };
        return true;
    }
    if (p->nseg == p->segcap) {
        size_t nc = p->segcap ? p->segcap * 2 : 64;
        pseg *ns = realloc(p->seg, nc * sizeof *ns);
        if (!ns) return false;
        p->seg = ns;
        p->segcap = nc;
    }
    p->seg[p->nseg++] = (pseg){ at, line, col, page, fixed };
    return true;
}

/* The stretch byte off is in: the last starting at or before it. */
static size_t seg_of(const para *P, size_t off)
{
    size_t lo = 0, hi = P->nseg;   /* the first stretch starting after off is in [lo, hi] */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (P->seg[mid].at <= off) lo = mid + 1;
        else hi = mid;
    }
    return lo ? lo - 1 : 0;
}

void cx_para_place(const para *P, size_t off, int *line, int *col, int *page)
{
    if (!P->nseg) { *line = *col = *page = 0; return; }
    const pseg *g = &P->seg[seg_of(P, off)];
    *line = g->line;
    *page = g->page;
    *col = g->col + (g->fixed || off <= g->at ? 0 : (int)jue_utf8_count(P->text.data + g->at, off - g->at));
}

size_t cx_para_break(const para *P, size_t from, size_t to)
{
    if (!P->nseg || from == 0) return to;
    for (size_t k = seg_of(P, from - 1) + 1; k < P->nseg && P->seg[k].at < to; k++)
        if (P->seg[k].line != P->seg[k - 1].line) return P->seg[k].at;
    return to;
}

/* Appends the n bytes at s (from source line `line`, page `page`, column
 * col0 on): runs kept as they are, an ASCII mark of the prose made
 * full-width, a blank between Chinese characters left out. */
static bool para_put(para *p, const char *s, size_t n, int line, int col0, int page)
{
    size_t at = p->text.len;
    /* room for every byte made a full-width mark (three bytes each) */
    if (!jue_buf_reserve(&p->text, 3 * n) || !seg_add(p, at, line, col0, page, false))
        return false;
    char *d = p->text.data;
    int col = col0;
    for (size_t i = 0; i < n; i++) {
        size_t run = plain_run(s + i, n - i);
        if (run) {
            /* a new stretch every 128 bytes or so: cx_para_place counts the
             * characters from its stretch's start */
            for (size_t o = 0, c; o < run; o += c) {
                c = run - o < 128 ? run - o : 128;
                if (at + o - p->seg[p->nseg - 1].at >= 128 && !seg_add(p, at + o, line, col, page, false)) return false;
                memcpy(d + at + o, s + i + o, c);
                col += (int)jue_utf8_count(s + i + o, c);
            }
            at += run;
            i += run;
            if (i == n) break;
        }
        /* a blank between two Chinese characters is what justified text
         * copied out of a PDF leaves ("占 本 年 支 出"), not a word break */
        bool skip = s[i] == ' ' && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 && at && (unsigned char)d[at - 1] >= 0x80;
        const char *fw = skip ? NULL : full_width_mark(s, i, n);
        if (fw && !seg_add(p, at, line, col, page, true)) return false;
        for (size_t k = 0; !skip && k < (fw ? 3u : 1u); k++) d[at++] = fw ? fw[k] : s[i];
        col += ((unsigned char)s[i] & 0xC0) != 0x80;
        if ((fw || skip) && !seg_add(p, at, line, col, page, false)) return false;
    }
    p->text.len = at;
    d[at] = 0;
    return true;
}

static void load_lei(ex *x)
{
    if (!x->cat || x->year <= 0) return;
    for (int c = 201; c <= 299 && x->nlei < 100; c++) {
        char code[4] = { (char)('0' + c / 100), (char)('0' + c / 10 % 10), (char)('0' + c % 10), 0 };
        const char *n = jue_catalog_name(x->cat, JUE_CAT_FUNCTIONAL, code, x->cat_year);
        if (!n) continue;
        x->lei[x->nlei] = n;
        /* its first character's key, when the name holds that character whole */
        size_t len = strlen(n), k = 0;
        uint32_t key = len ? cx_char_key(n, n + len, &k) : 0;
        x->lei_first[x->nlei] = k && k == (size_t)jue_utf8_step(n) ? key : 0;
        uint32_t b = cx_first_bit(x->lei_first[x->nlei]);
        if (x->lei_first[x->nlei]) x->lei_first_bits[b >> 6] |= (uint64_t)1 << (b & 63);
        else memset(x->lei_first_bits, 0xFF, sizeof x->lei_first_bits);
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
    char *end = x->context + sizeof x->context;
    char *w = jue_str_put(x->context, end, l1 >= 0 ? x->out->sections[l1].title : "", SIZE_MAX);
    w = jue_str_put(w, end, "|", SIZE_MAX);
    jue_str_put(w, end, l2 >= 0 ? x->out->sections[l2].title : "", SIZE_MAX);
    x->scope_known = false;
}

static void claim_strings_free(const jue_claims *o, jue_claim *c)
{
    str_free(o, c->whole);
    str_free(o, c->item_names);
    str_free(o, c->printed);
}

/* Appends c (taking its strings); a figure under a 项 statement carries the
 * statement's printed names. */
int cx_add_claim(ex *x, jue_claim *c)
{
    jue_claims *o = x->out;
    if (o->len >= JUE_CLAIMS_MAX || x->over) { claim_strings_free(o, c); x->over = true; return -1; }
    if (c->sentence == x->sentence && ++x->in_sentence > JUE_SENTENCE_CLAIMS) {
        x->sentence++;
        x->in_sentence = 1;
        c->sentence = x->sentence;
    }
    if (jue_subject_on(&x->item_subject) && x->item_names && jue_subject_same(&c->subject, &x->item_subject) &&
        !c->item_names) {
        c->item_names = cx_strdup(o, x->item_names);
        c->item_resolved = x->item_resolved;
        c->item_partial = x->item_partial;
    }
    if (o->len == o->cap) {
        size_t nc = o->cap ? o->cap * 2 : 64;
        jue_claim *ni = realloc(o->items, nc * sizeof *ni);
        if (!ni) { claim_strings_free(o, c); x->nomem = true; return -1; }
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

/* A part title ("第三部分 某局2024年度部门决算情况说明"): a sentence of its
 * own, whether a door prints it as words or as cells (a PDF's wide gap
 * after 第三部分), never joined to the lines around it. */
static bool part_title(const char *s, const char *e)
{
    if (!starts(s, e, "第")) return false;
    const char *q = s + 3;
    for (const char *d = CN_NUM; *d && e - q >= 3;)
        if (!memcmp(q, d, 3)) { q += 3; d = CN_NUM; }
        else d += 3;
    return q > s + 3 && q - s <= 12 && starts(q, e, "部分");
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
    const char *t = s + numlen;
    while (t < e && *t == ' ') t++;
    /* the number and the title in one block, the title after the number's NUL */
    sec->number = cx_str_room(o, (size_t)(ne - num) + 1 + (size_t)(e - t) + 1);
    if (!sec->number) { x->nomem = true; return; }
    sec->title = sec->number + (ne - num) + 1;
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
    free(x->item_names);
    x->item_names = NULL;
    x->item_subject = (jue_subject){ JUE_SUBJ_NONE, "" };
    x->item_fact = (jue_fact){ 0 };
}

/* strstr within [s, e): the input is not NUL-terminated. */
const char *cx_bfind(const char *s, const char *e, const char *lit)
{
    size_t n = strlen(lit);
    if (!n) return s <= e ? s : NULL;
    for (const char *p = s; p + n <= e; p++) {
        p = memchr(p, *lit, (size_t)(e - p) - n + 1);   /* the first byte, where it is */
        if (!p) return NULL;
        if (n >= 3 && (p[1] != lit[1] || p[2] != lit[2])) continue;   /* most hits differ there: （ ， share EF BC */
        if (!memcmp(p, lit, n)) return p;
    }
    return NULL;
}

const char *cx_find2(const char *s, const char *e, const char *full, const char *half, size_t *mlen)
{
    const char *a = cx_bfind(s, e, full), *b = cx_bfind(s, e, half);
    if (a && (!b || a < b)) { *mlen = strlen(full); return a; }
    if (b) { *mlen = strlen(half); return b; }
    return NULL;
}

const char *cx_find_mark(const char *s, const char *e, const char *ch, size_t *mlen)
{
    /* ch found from its last byte: a character's last byte is one of 64
     * values, while EF, which （ and ） start with, leads every full-width
     * mark. The first ch with either bracket around it starts the first
     * match: one around a later ch would start after it. */
    for (const char *q = s + 2; q < e && (q = memchr(q, ch[2], (size_t)(e - q))) != NULL; q++) {
        const char *c = q - 2;
        if (c[0] != ch[0] || c[1] != ch[1]) continue;
        if (c - s >= 3 && e - c >= 6 && !memcmp(c - 3, "（", 3) && !memcmp(c + 3, "）", 3)) {
            *mlen = 9;
            return c - 3;
        }
        if (c - s >= 1 && e - c >= 4 && c[-1] == '(' && c[3] == ')') {
            *mlen = 5;
            return c - 1;
        }
    }
    return NULL;
}

const char *cx_find_item_mark(const char *s, const char *e, size_t *mlen)
{
    return cx_find_mark(s, e, "项", mlen);
}

/* A 项 statement whose names wrap onto the next lines (a copy from a PDF
 * breaks "…机关事业单位基本养" / "老保险缴费支出（项）"): the item line and up
 * to ITEM_LINES more, to the first （项）, read as one, without the spaces a
 * justified line prints between characters ("8 、 卫 生健康 支出 （类 ）"); blank
 * lines between are passed over. */
#define ITEM_LINES 3
/* A single-space copy may print an item's names and marks a piece a line
 * ("12、" / "住房保障支出" / "（类）" / "住房保障支出" / "（款）" / "住房公积金" /
 * "（项）"): there, up to ITEM_PIECES more lines, each short. */
#define ITEM_PIECES 8
#define PIECE_BYTES 60

/* Whether [s, e) may hold 类 once its blanks are dropped: its three bytes
 * in order with only blanks between (most lines have none: not copied). */
static bool may_hold_lei(const char *s, const char *e)
{
    for (const char *q = s; (q = memchr(q, 0xBB, (size_t)(e - q))) != NULL; q++) {
        const char *b = q;
        while (b > s && b[-1] == ' ') b--;
        if (b == s || (unsigned char)b[-1] != 0xB1) continue;
        for (b--; b > s && b[-1] == ' ';) b--;
        if (b > s && (unsigned char)b[-1] == 0xE7) return true;
    }
    return false;
}

/* Whether a line holds （类） (or (类)), spaces inside or around it allowed. */
static bool class_mark(const char *s, const char *e)
{
    char buf[1024];
    size_t n = 0, ml;
    if (!may_hold_lei(s, e)) return false;
    for (const char *q = s, *sp; q < e && n < sizeof buf; q = sp + 1) {   /* the runs between blanks */
        sp = memchr(q, ' ', (size_t)(e - q));
        if (!sp) sp = e;
        size_t k = (size_t)(sp - q) < sizeof buf - n ? (size_t)(sp - q) : sizeof buf - n;
        memcpy(buf + n, q, k);
        n += k;
    }
    return cx_find_mark(buf, buf + n, "类", &ml) != NULL;
}

/* Whether a （类） follows line L on the next few short lines, before any
 * sentence ends (the pieces of a single-space copy's item, above). */
static bool class_ahead(const jue_note_line *L, const jue_note_line *end);

/* Whether the lines a wrap cut from L on (each but the last ending at the
 * width), read as one up to the first 。, hold （类）: "8 、 卫 生健康 支出 （类" /
 * " ）医疗 救助 （款）…" is an item's start whose mark the wrap cut in two. */
static bool class_over_wrap(const jue_note_line *L, const jue_note_line *end)
{
    char buf[1024];
    size_t n = 0;
    for (int k = 0; k <= ITEM_LINES && L + k < end; k++) {
        if (k && (!L[k - 1].at_wrap || L[k].line != L[k - 1].line + 1)) break;
        const char *s = L[k].text, *e = s + L[k].len, *stop = cx_bfind(s, e, "。");
        for (const char *q = s; q < (stop ? stop : e) && n < sizeof buf; q++)
            if (*q != ' ') buf[n++] = *q;
        if (stop) break;
    }
    return class_mark(buf, buf + n);
}

static bool class_ahead(const jue_note_line *L, const jue_note_line *end)
{
    if (L->len > PIECE_BYTES) return false;
    for (int k = 1; k <= ITEM_PIECES && L + k < end; k++) {
        const char *s = L[k].text, *e = s + L[k].len;
        if (L[k].len > PIECE_BYTES || cx_bfind(s, e, "。")) return false;
        if (class_mark(s, e)) return true;
    }
    return false;
}

static const jue_note_line *item_lines(ex *x, const char *s, const char *e, const jue_note_line *L,
                                        const jue_note_line *end, bool *named)
{
    jue_buf b;
    jue_buf_init(&b);
    size_t lp;
    const jue_note_line *upto = L;
    *named = false;
    int most = x->out->wrapped_lines ? ITEM_PIECES : ITEM_LINES;
    for (int k = 0; k <= most;) {
        for (const char *q = s, *sp; q < e; q = sp + 1) {   /* the runs between spaces */
            sp = memchr(q, ' ', (size_t)(e - q));
            if (!sp) sp = e;
            jue_buf_putn(&b, q, (size_t)(sp - q));
        }
        k += s < e;   /* blank lines between (a copy may double-space) do not count */
        upto = L;
        const char *t = jue_buf_str(&b);
        if ((*named = cx_find_item_mark(t, t + b.len, &lp) != NULL) || L + 1 >= end) break;
        L++;
        s = L->text;
        e = L->text + L->len;
        clean_line(&s, &e);
        if (item_start(s, e) && class_mark(s, e)) break;   /* the next item: this one's names broke off */
    }
    if (b.err) x->nomem = true;
    else cx_item_statement(x, jue_buf_str(&b), jue_buf_str(&b) + b.len);
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
    if (pending->len >= 6 && !memcmp(p + pending->len - 6, "（款", 6) && !cx_find_mark(s, e, "款", &l))
        jue_buf_puts(pending, "）");
    jue_buf_putn(pending, s, (size_t)(e - s));
    if (pending->err) x->nomem = true;
    else cx_item_statement(x, jue_buf_str(pending), jue_buf_str(pending) + pending->len);
    jue_buf_reset(pending);
}

/* Whether the sentence [s, e) goes on in the one after it at e: that one
 * opens with a comparison and names nothing ("较上年", "同比", "比2020年",
 * "与上年相比"), and this one states one amount and no list — "财政拨款收入
 * 382.17万元，为市本级财政当年拨付的资金。较2020年度决算数减少157.86万元，
 * 下降29.2%" compares that amount. */
static bool goes_on_compared(ex *x, const char *s, const char *e, const char *end)
{
    const char *q = e;
    while (q < end && *q == ' ') q++;
    bool opens = starts(q, end, "较") || starts(q, end, "同比");
    if (!opens && (starts(q, end, "比") || starts(q, end, "与"))) {
        const char *r = q + 3;
        opens = starts(r, end, "上") || starts(r, end, "去") || (r < end && *r >= '1' && *r <= '2');
    }
    if (!opens || figures_in_units(s, e, false, 2) != 1 || cx_bfind(s, e, "其中")) return false;
    /* up to its first figure with a unit, no subject of the lexicon named */
    for (const char *p = q; p < end && !starts(p, end, "。"); p += jue_utf8_step(p)) {
        const char *past;
        if (is_digit_at(p, end) && unit_follows(p, end, false, &past)) return true;
        const word_slot *w = cx_words_at(x->lx, p, end);
        if (w && cx_match_subject(x, w, p, end)) return false;
    }
    return false;
}

/* Reads the sentences of the paragraph collected so far and empties it. */
static void flush_para(ex *x, para *P)
{
    size_t from = 0, n = P->text.len;
    const char *b = jue_buf_str(&P->text);
    /* each 。 (E3 80 82) ends a sentence: found from its first byte */
    for (const char *q = b; (q = memchr(q, 0xE3, n - (size_t)(q - b))) != NULL && q + 3 <= b + n; q++)
        if ((unsigned char)q[1] == 0x80 && (unsigned char)q[2] == 0x82) {
            size_t i = (size_t)(q - b);
            if (goes_on_compared(x, b + from, b + i + 3, b + n)) continue;
            cx_read_sentence(x, P, from, i + 3);
            from = i + 3;
        }
    if (from < n) cx_read_sentence(x, P, from, n);
    jue_buf_reset(&P->text);
    P->nseg = 0;
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
    else if ((!x->item_until || L > x->item_until) && cx_find_item_mark(s, e, &ml)) {
        if (wrapped && x->pending.len) item_tail(x, &x->pending, s, e);
        else cx_item_statement(x, s, e);
    }
    if (item && !named && wrapped) {
        /* its names break off: a tail a few lines on may finish them */
        jue_buf_reset(&x->pending);
        jue_buf_putn(&x->pending, s, (size_t)(e - s));
        x->pending_line = L->line;
    }
    if (x->pending.len && L->line - x->pending_line > 12) jue_buf_reset(&x->pending);
}

/* A table row's template marks (the paragraph before it is flushed, so P
 * holds the row alone while it is read). */
static void row_marks(ex *x, para *P, const char *s, const char *e, const jue_note_line *L, int col0)
{
    size_t ml;
    if (!cx_find2(s, e, "XX", "××", &ml) && !cx_bfind(s, e, "ＸＸ")) return;
    if (!para_put(P, s, (size_t)(e - s), L->line, col0, L->page)) { x->nomem = true; return; }
    cx_read_row_marks(x, P);
    jue_buf_reset(&P->text);
    P->nseg = 0;
}

/* Whether [s, e) may be a piece of a title: words without a figure or a
 * sentence's marks (a title is a phrase). */
static bool title_piece(const char *s, const char *e)
{
    if (s == e || (unsigned char)*s < 0x80) return false;
    for (const char *q = s; q < e; q++)
        if (*q >= '0' && *q <= '9') return false;
    return !cx_bfind(s, e, "。") && !cx_bfind(s, e, "，") && !cx_bfind(s, e, "；");
}

/* How many lines after L go on with the heading a wrap cut at L's end
 * ("六、一般公共预算财政拨款基本支" / "出决算情况说明"): L and each of them but
 * the last end at the width, none is indented, a heading or a table row,
 * and each is words without a figure or a sentence mark; at most
 * ITEM_LINES. 0 when the run does not end so (a paragraph's lines after a
 * heading that fills the width go on to its 。). */
static int title_lines(const jue_note_line *L, const jue_note_line *end)
{
    for (int k = 1; k <= ITEM_LINES && L + k < end; k++) {
        const jue_note_line *N = &L[k];
        const char *s = N->text, *e = s + N->len;
        int lv;
        size_t nl;
        if (!N[-1].at_wrap || N->line != N[-1].line + 1 || N->cells || N->col > 1 || (s < e && *s == ' ')) return 0;
        clean_line(&s, &e);
        if (!title_piece(s, e) || section_heading(s, e, &lv, &nl)) return 0;
        if (!N->at_wrap) return k;
    }
    return 0;
}

/* A heading, with the rest of its title when a wrap cut it: the section's
 * title decides the lexicon's scopes ("基本支出" under 一般公共预算财政拨款基本支出). */
static void heading_over_wrap(ex *x, const char *s, const char *e, int level, size_t numlen,
                              const jue_note_line *L, const jue_note_line *end)
{
    int k = L->at_wrap ? title_lines(L, end) : 0;
    if (!k) {
        add_section(x, s, e, level, numlen, L->line, false);
        return;
    }
    jue_buf b;
    jue_buf_init(&b);
    jue_buf_putn(&b, s, (size_t)(e - s));
    for (int i = 1; i <= k; i++) {
        const char *t = L[i].text, *te = t + L[i].len;
        clean_line(&t, &te);
        jue_buf_putn(&b, t, (size_t)(te - t));
    }
    if (b.err) x->nomem = true;
    else add_section(x, jue_buf_str(&b), jue_buf_str(&b) + b.len, level, numlen, L->line, false);
    jue_buf_free(&b);
    x->title_until = L + k;
}

/* One line of the notes into the paragraph being collected: a heading or a
 * 项 statement starts a new one, a table row ends it, a line closing with
 * 。 closes it (a blank line alone does not: copying adds those). */
static void read_line(ex *x, para *P, bool *open, const jue_note_line *L, const jue_note_line *end)
{
    if (x->title_until && L <= x->title_until) return;   /* the rest of a heading's title */
    const jue_note_line *next = L + 1 < end && L[1].line == L->line + 1 ? L + 1 : NULL;
    const char *s = L->text, *e = L->text + L->len;
    clean_line(&s, &e);
    bool part = part_title(s, e);
    bool table_row = !part && (L->cells || cell_line(s, e, next) || numbered_row(s, e));
    int level = 0;
    size_t numlen = 0;
    bool blank = s == e;
    bool numbered = !table_row && !blank && section_heading(s, e, &level, &numlen);
    bool heading = numbered && (e - s) < 150 && !states_amount(s, e);
    bool item = !table_row && !blank && item_start(s, e) &&
                (class_mark(s, e) || (x->out->wrapped_lines && class_ahead(L, end)) ||
                 (L->at_wrap && class_over_wrap(L, end)));
    x->page = L->page;
    if (*open && (heading || item || table_row || part)) {
        flush_para(x, P);
        *open = false;
    }
    if (heading) {
        heading_over_wrap(x, s, e, level, numlen, L, end);
        return;
    }
    int col0 = L->col > 0 ? L->col : 1;
    for (const char *q = L->text; q < s; q++)
        if (((unsigned char)*q & 0xC0) != 0x80) col0++;
    if (table_row) row_marks(x, P, s, e, L, col0);
    if (table_row || blank) return;
    if (numbered) add_section(x, s, e, level, numlen, L->line, true);
    /* a list item run into the line before ("…财务规则。（八）负责…")
     * still counts in the numbering */
    for (const char *q = cx_bfind(s, e, "。（"); q; q = cx_bfind(q + 3, e, "。（")) {
        int lv = 0;
        size_t nlen = 0;
        if (section_heading(q + 3, e, &lv, &nlen) && lv == 2) add_section(x, q + 3, e, lv, nlen, L->line, true);
    }
    item_line(x, s, e, item, L, end);
    if (!para_put(P, s, (size_t)(e - s), L->line, col0, L->page)) x->nomem = true;
    *open = true;
    if (part || (e - s >= 3 && !memcmp(e - 3, "。", 3))) {
        flush_para(x, P);
        *open = false;
    }
}

/* The next line from i on that is not blank; n when none. */
static size_t filled_from(const jue_note_line *L, size_t n, size_t i)
{
    for (; i < n; i++) {
        const char *s = L[i].text, *e = s + L[i].len;
        clean_line(&s, &e);
        if (s < e) return i;
    }
    return n;
}

/* Whether line L finishes a 项 statement's names: words up to its （项）
 * and no mark of a sentence among them ("保险缴费支出（项）。主要用于…"). */
static bool names_tail(const jue_note_line *L)
{
    const char *s = L->text, *e = s + L->len;
    clean_line(&s, &e);
    size_t ml;
    const char *m = cx_find_item_mark(s, e, &ml);
    if (!m || item_start(s, e)) return false;
    static const char *const MARKS[] = { "。", "，", "；", "：", "万元" };
    for (size_t k = 0; k < sizeof MARKS / sizeof MARKS[0]; k++)
        if (cx_bfind(s, m, MARKS[k])) return false;
    return true;
}

/* Two lines of one band printed out of order: a copy that sorts lines by
 * the top of their boxes (pdftotext -layout, where a PDF's font gives the
 * lines boxes of different heights) may print the line after an item's
 * first line below the one after that. An item's names broken off in a
 * word (no （项） yet, the line ending in no bracket), then a line that
 * holds a sentence's end and no （项）, then the line that finishes the
 * names: the last two are read in the other order. */
static void unswap_items(jue_note_line *L, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *s = L[i].text, *e = s + L[i].len;
        clean_line(&s, &e);
        size_t ml;
        if (!item_start(s, e) || !class_mark(s, e) || cx_find_item_mark(s, e, &ml) ||
            (e - s >= 3 && !memcmp(e - 3, "）", 3)) || e[-1] == ')')
            continue;
        size_t j = filled_from(L, n, i + 1), k = j < n ? filled_from(L, n, j + 1) : n;
        if (k >= n) continue;
        const char *js = L[j].text, *je = js + L[j].len;
        if (!cx_bfind(js, je, "。") || cx_find_item_mark(js, je, &ml) || !names_tail(&L[k])) continue;
        jue_note_line t = L[j];
        L[j] = L[k];
        L[k] = t;
    }
}

jue_status jue_claims_read(const jue_note_line *lines, size_t n, const jue_lexicon *lx, const jue_catalog *cat,
                           int year, jue_claims *out)
{
    if (lx && lx->nparts && !out->partitions) {   /* the checks need them, not the lexicon */
        if (!(out->partitions = malloc(lx->nparts * sizeof *lx->parts))) return JUE_ERR_NOMEM;
        memcpy(out->partitions, lx->parts, lx->nparts * sizeof *lx->parts);
        out->npartitions = lx->nparts;
    }
    ex x;
    memset(&x, 0, sizeof x);
    x.lx = lx;
    x.cat = cat;
    x.year = year;
    /* a year the catalog does not cover is looked up in its nearest, one not
     * read (0) in its latest (as the recognizer does), and a name it lacks is
     * then a doubt, not an error */
    int from = 0, to = 0;
    if (cat) jue_catalog_years(cat, JUE_CAT_FUNCTIONAL, &from, &to);
    x.cat_year = !cat ? year : year > 0 ? jue_catalog_near_year(cat, JUE_CAT_FUNCTIONAL, year) : to;
    x.cat_covered = !cat || (year > 0 && jue_catalog_covers(cat, JUE_CAT_FUNCTIONAL, year));
    load_lei(&x);
    cx_reader_init(&x);
    x.out = out;
    x.section = -1;
    x.sentence = (int)out->len ? out->items[out->len - 1].sentence : 0;
    para P;
    memset(&P, 0, sizeof P);
    jue_buf_init(&P.text);
    bool open = false;   /* a paragraph is being collected */
    jue_buf_init(&x.pending);
    jue_note_line *order = n ? malloc(n * sizeof *order) : NULL;
    if (n && !order) x.nomem = true;
    else if (n) {
        memcpy(order, lines, n * sizeof *order);
        unswap_items(order, n);
    }
    for (size_t i = 0; i < n && !x.nomem && !x.over; i++)
        read_line(&x, &P, &open, &order[i], order + n);
    free(order);
    if (open && !x.nomem) cx_read_sentence(&x, &P, 0, P.text.len);
    jue_buf_free(&x.pending);
    jue_buf_free(&P.text);
    free(P.seg);
    free(x.item_names);
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
