/* Lists of subjects and the figures 分别/各/均 share out over them.
 *
 * "基本支出、项目支出分别为804.49万元和23061.03万元，分别占本年支出合计的3.37%
 * 和96.63%": the first figure of each run goes to 基本支出, the second to
 * 项目支出. "收入、支出总计均为24024.22万元" gives its one figure to both
 * (收入、支出总计 is 收入总计 and 支出总计: a head noun shared), as 各 does
 * with one figure ("各增加1538.10万元") and shares out several in order ("各是
 * 4125.49,4143.91万元"; a unit after the last of a run is every figure's).
 * A run whose figures do not match the subjects in number is not understood:
 * its figures get no subject and are marked unsure, so no check reads them —
 * a sentence the reader could not parse is never an error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/encoding.h"
#include "read_internal.h"

/* The lexicon entry whose phrase is exactly the n bytes at p, in the
 * current section's scope, or NULL. */
static const lex_entry *phrase_entry(ex *x, const char *p, size_t n)
{
    const lex_entry *e = cx_match_subject(x, cx_words_at(x->lx, p, p + n), p, p + n);
    return e && e->plen == n ? e : NULL;
}

static const char *const JOINERS[] = { "、", "和", "与", "及", "以及" };
#define NJOIN (sizeof JOINERS / sizeof JOINERS[0])

/* Whether [a, b) is one joiner of list items, spaces around it allowed. */
static bool only_joiner(const char *a, const char *b)
{
    while (a < b && *a == ' ') a++;
    while (b > a && b[-1] == ' ') b--;
    for (size_t i = 0; i < NJOIN; i++)
        if ((size_t)(b - a) == strlen(JOINERS[i]) && !memcmp(a, JOINERS[i], (size_t)(b - a))) return true;
    return false;
}

/* A CJK ideograph (U+4E00–U+9FFF) at p: the words of a name, not its marks. */
static bool ideograph_at(const char *p, const char *start)
{
    unsigned char b = (unsigned char)*p;
    return p >= start && b >= 0xE4 && b <= 0xE9;
}

/* "收入、支出总计": the word before the joiner with the tail ("总计") of m
 * makes a subject of its own (收入总计), listed before m. The word is the
 * longest run of ideographs before the joiner (at most 8) whose end, with
 * the longest tail of m, is a lexicon phrase. */
static const lex_entry *shared_head(ex *x, const lex_entry *m, const char *start, const char *p)
{
    const char *j = p;
    while (j > start && j[-1] == ' ') j--;
    const char *we = NULL;
    for (size_t i = 0; i < NJOIN && !we; i++) {
        size_t n = strlen(JOINERS[i]);
        if ((size_t)(j - start) >= n && !memcmp(j - n, JOINERS[i], n)) we = j - n;
    }
    if (!we) return NULL;
    while (we > start && we[-1] == ' ') we--;
    const char *ws = we;
    for (int k = 0; k < 8 && ws - start >= 3 && ideograph_at(ws - 3, start); k++) ws -= 3;
    char buf[256];
    for (const char *w = ws; w < we; w += 3) {   /* the word's tails, longest first */
        size_t wl = (size_t)(we - w);
        for (size_t h = jue_utf8_step(m->phrase); h < m->plen; h += jue_utf8_step(m->phrase + h)) {
            size_t hl = m->plen - h;
            if (wl + hl > sizeof buf) continue;
            memcpy(buf, w, wl);
            memcpy(buf + wl, m->phrase + h, hl);
            const lex_entry *e = phrase_entry(x, buf, wl + hl);
            if (e && !e->neach && !jue_subject_same(&e->subject, &m->subject)) return e;
        }
    }
    return NULL;
}

/* "财政拨款收入总计、支出总计": the words that begin the item before (财政拨款)
 * with m make a subject of their own (财政拨款支出总计), ending as m does. */
static const lex_entry *shared_prefix(ex *x, const lex_entry *prev, const lex_entry *m)
{
    char buf[256];
    size_t last = m->plen;
    while (last > 0 && ((unsigned char)m->phrase[last - 1] & 0xC0) == 0x80) last--;
    if (last > 0) last--;   /* m's last character: [last, plen) */
    size_t ll = m->plen - last;
    if (prev->plen < ll || memcmp(prev->phrase + prev->plen - ll, m->phrase + last, ll)) return NULL;
    for (size_t k = prev->plen - ll; k > 0;) {   /* prefixes of prev, longest first */
        do k--; while (k > 0 && ((unsigned char)prev->phrase[k] & 0xC0) == 0x80);
        if (k == 0 || k + m->plen > sizeof buf) continue;
        memcpy(buf, prev->phrase, k);
        memcpy(buf + k, m->phrase, m->plen);
        const lex_entry *e = phrase_entry(x, buf, k + m->plen);
        /* not a phrase naming both ("财政拨款收入支出总计"), nor the item before */
        if (e && !e->neach && !jue_subject_same(&e->subject, &m->subject) &&
            !jue_subject_same(&e->subject, &prev->subject))
            return e;
    }
    return NULL;
}

static void list_add(cx_list *L, const lex_entry *e)
{
    if (L->n < CX_LIST_MAX) L->e[L->n++] = e;
    else L->n = 0;   /* longer than any list shared out: none */
}

const lex_entry *cx_list_subject(ex *x, cx_list *L, const lex_entry *m, const char *start, const char *p)
{
    bool joined = L->n > 0 && L->end && L->end <= p && only_joiner(L->end, p) && !m->neach;
    const lex_entry *in_force = m;
    if (!joined) {
        cx_list_reset(x, L);
        const lex_entry *h = m->neach ? NULL : shared_head(x, m, start, p);
        if (h) list_add(L, h);
    } else {
        const lex_entry *pre = shared_prefix(x, L->e[L->n - 1], m);
        if (pre) in_force = pre;
        L->joined = true;
    }
    if (m->neach) {
        for (size_t i = 0; i < m->neach; i++) {
            const lex_entry *e = phrase_entry(x, m->each[i], strlen(m->each[i]));
            if (!e) { L->n = 0; break; }   /* out of its scope: not shared out */
            list_add(L, e);
        }
    } else {
        list_add(L, in_force);
    }
    L->end = p + m->plen;
    return in_force;
}

void cx_list_said(cx_list *L, const lex_entry *e)
{
    if (L->nsaid > CX_LIST_MAX || (L->nsaid && L->said[L->nsaid - 1] == e)) return;
    if (L->nsaid == CX_LIST_MAX) L->nsaid++;
    else L->said[L->nsaid++] = e;
}

size_t cx_list_word(ex *x, cx_list *L, const char *start, const char *p, const char *end)
{
    bool said = L->n < 2 && L->nsaid >= 2 && L->nsaid <= CX_LIST_MAX;   /* "A x万元、B y万元，分别占…" */
    if (L->n < 2 && !said) return 0;
    cx_dist d = CX_DIST_NONE;
    size_t n = 3;
    if (starts(p, end, "分别")) d = CX_DIST_RESP, n = 6;
    else if (starts(p, end, "各")) d = CX_DIST_EITHER;
    else if (starts(p, end, "均") || starts(p, end, "都")) d = CX_DIST_EACH;
    if (d == CX_DIST_NONE) return 0;
    /* 各, 均, 都 share out only before a verb or a figure: not "各项", "平均", "人均" */
    if (d != CX_DIST_RESP) {
        const char *q = p + n;
        bool verb = starts(q, end, "为") || starts(q, end, "是") || starts(q, end, "达") || is_digit_at(q, end) ||
                    cx_keyword_at(x->lx, cx_words_at(x->lx, q, end), q, end) >= 0;
        static const char *const PER[] = { "平", "人", "年", "月", "日", "户", "次" };   /* 平均, 人均, 年均 … */
        bool avg = false;
        for (size_t i = 0; i < sizeof PER / sizeof PER[0] && !avg; i++)
            avg = p - start >= 3 && !memcmp(p - 3, PER[i], 3);
        if (!verb || avg) return 0;
    }
    cx_list_close(x, L);
    if (said) {
        memcpy(L->e, L->said, (size_t)L->nsaid * sizeof L->e[0]);
        L->n = L->nsaid;
        L->end = NULL;   /* no subject joins it */
    }
    L->mode = d;
    L->closed = false;
    L->kw = 0;
    L->whole[0] = 0;
    return n;
}

void cx_list_mark(const ex *x, cx_list *L, const char *p, const char *end)
{
    if (L->mode == CX_DIST_NONE || !L->nrun) return;
    if (starts(p, end, "；") || starts(p, end, "。") || (p < end && *p == ';')) { L->closed = true; return; }
    size_t ml = starts(p, end, "，") ? 3 : p < end && *p == ',' ? 1 : 0;
    if (!ml) return;
    const char *q = p + ml;
    while (q < end && *q == ' ') q++;
    if (is_digit_at(q, end)) return;   /* "4125.49,4143.91万元": the run goes on */
    int k = cx_keyword_at(x->lx, cx_words_at(x->lx, q, end), q, end);
    if (k >= 0) {   /* "增加a万元，减少b万元" */
        q += strlen(cx_keyword_word((size_t)k));
        while (q < end && *q == ' ') q++;
        if (is_digit_at(q, end)) return;
    }
    L->closed = true;
}

/* A list separator between figures of a run at p, spaces around it: its
 * length, or 0. */
static size_t separator_at(const char *p, const char *end)
{
    static const char *const SEP[] = { "、", "，", ",", "和", "与", "及" };
    const char *q = p;
    while (q < end && *q == ' ') q++;
    for (size_t i = 0; i < sizeof SEP / sizeof SEP[0]; i++)
        if (starts(q, end, SEP[i])) {
            q += strlen(SEP[i]);
            while (q < end && *q == ' ') q++;
            return (size_t)(q - p);
        }
    return 0;
}

bool cx_list_unit(const cx_list *L, const char *sp, const char *end, jue_unit *unit)
{
    if (L->mode == CX_DIST_NONE || L->n < 2) return false;
    const char *q = sp;
    for (int k = 0; k < CX_LIST_MAX; k++) {
        size_t sl = separator_at(q, end);
        if (!sl) return false;
        q += sl;
        jue_amount a;
        const char *why;
        if (jue_amount_scan(q, (size_t)(end - q), JUE_UNIT_NONE, &a, &why) != JUE_OK || !a.consumed) return false;
        if (a.unit_written) { *unit = a.unit; return true; }
        q += a.consumed;
        if (starts(q, end, "%") || starts(q, end, "％") || starts(q, end, "年")) return false;
    }
    return false;
}

/* What a claim is for the runs: an amount, a percentage or a count. */
static cx_kind kind_of(const jue_claim *c)
{
    if (c->is_percent) return CX_KIND_PERCENT;
    if (c->role == JUE_ROLE_COUNT) return CX_KIND_COUNT;
    if (c->role == JUE_ROLE_VALUE || c->role == JUE_ROLE_CHANGE || c->role == JUE_ROLE_BUDGET ||
        c->role == JUE_ROLE_ACTUAL)
        return c->role == JUE_ROLE_CHANGE && c->sign == 0 && !c->value ? CX_KIND_OTHER : CX_KIND_AMOUNT;
    return CX_KIND_OTHER;
}

bool cx_list_before(ex *x, cx_list *L, cx_kind k)
{
    if (L->mode == CX_DIST_NONE || k == CX_KIND_OTHER) return false;
    if (L->nrun && (L->closed || k != L->kind)) cx_list_close(x, L);
    L->closed = false;
    return L->nrun > 0;
}

void cx_list_after(ex *x, cx_list *L, size_t from, int kw, const char *whole)
{
    if (L->mode == CX_DIST_NONE) return;
    size_t to = x->out->len;   /* not the copies a run ended here adds */
    for (size_t i = from; i < to; i++) {
        jue_claim *c = &x->out->items[i];
        cx_kind k = kind_of(c);
        if (k == CX_KIND_OTHER) continue;
        if (L->nrun && (k != L->kind || L->closed)) cx_list_close(x, L);
        L->closed = false;
        if (!L->nrun) {
            L->kind = k;
            L->kw = kw;
            /* the whole the figure's own reading found (one the lexicon
             * does not know is named only then), else the one before it */
            jue_str_put(L->whole, L->whole + sizeof L->whole, c->whole ? c->whole : whole ? whole : "", SIZE_MAX);
        } else if (kw) {
            L->kw = kw;   /* "增加a万元、减少b万元": its own word goes on for the figures after it */
        }
        if (L->nrun == CX_LIST_MAX + 1) {   /* more figures than any list has subjects */
            L->run_over = true;
            c->unsure = true;
            c->subject = (jue_subject){ JUE_SUBJ_NONE, "" };
            c->fact = (jue_fact){ 0 };
            c->parent = -1;
            c->named = false;
            continue;
        }
        L->run[L->nrun++] = (int)i;
    }
}

/* The claim speaks of entry e: its subject, and its table fact as the
 * sentence reader gives it for the role (none for a count or a budget —
 * but a 三公 budget, whose table prints the 预算数 beside the 决算数). */
static void take_subject(jue_claim *c, const lex_entry *e)
{
    c->subject = e->subject;
    c->fact = (jue_fact){ 0 };
    if (c->role == JUE_ROLE_COUNT) {
        /* counts have no table figure */
    } else if (c->role != JUE_ROLE_BUDGET) {
        c->fact = e->fact;
    } else if (jue_fact_table(&e->fact) == JUE_T09 && e->fact.col == JUE_COL_ACTUAL) {
        c->fact = e->fact;
        c->fact.col = JUE_COL_BUDGET;
    }
    c->named = false;   /* joined with another subject: claims.restated does not compare it */
}

static void unsure(jue_claim *c)
{
    c->unsure = true;
    c->subject = (jue_subject){ JUE_SUBJ_NONE, "" };
    c->fact = (jue_fact){ 0 };
    c->parent = -1;
    c->named = false;
}

/* One figure for every subject: a copy of claim i for each after the first. */
static void give_each(ex *x, const cx_list *L, int i)
{
    take_subject(&x->out->items[i], L->e[0]);
    for (int s = 1; s < L->n; s++) {
        jue_claim c = x->out->items[i];   /* fetched again: adding may move the items */
        c.printed = cx_strdup(x->out, c.printed);
        c.whole = cx_strdup(x->out, c.whole);
        c.item_names = cx_strdup(x->out, c.item_names);
        take_subject(&c, L->e[s]);
        cx_add_claim(x, &c);
    }
}

void cx_list_close(ex *x, cx_list *L)
{
    int r = L->nrun;
    L->nrun = 0;
    bool over = L->run_over;
    L->run_over = false;
    if (!r) return;
    if (!over && r == L->n && L->mode != CX_DIST_EACH) {
        for (int i = 0; i < r; i++) take_subject(&x->out->items[L->run[i]], L->e[i]);
    } else if (!over && r == 1 && L->mode != CX_DIST_RESP) {
        give_each(x, L, L->run[0]);
    } else {
        for (int i = 0; i < r; i++) unsure(&x->out->items[L->run[i]]);
    }
}

void cx_list_reset(ex *x, cx_list *L)
{
    cx_list_close(x, L);
    L->n = 0;
    L->end = NULL;
    L->joined = false;
    L->mode = CX_DIST_NONE;
    L->closed = false;
    L->kw = 0;
    L->whole[0] = 0;
}
