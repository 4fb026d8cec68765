/* What the checks share: a claim's table cell (fact lookup), the figures
 * stated before it, findings and trace notes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claims_internal.h"
#include <stdarg.h>

/* Records, for --trace, what claim c was compared with and whether it held.
 * A claim may be checked more than once (a value, and the whole of a share). */
void ck_note(ck *k, const jue_claim *c, bool ok, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

void ck_note(ck *k, const jue_claim *c, bool ok, const char *fmt, ...)
{
    if (!k->trace || !c) return;
    jue_buf *b = &k->trace[c - k->d->claims.items];
    if (b->len) jue_buf_puts(b, "；");
    va_list ap;
    va_start(ap, fmt);
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    jue_buf_printf(b, "%s %s", ok ? "一致" : "不符", msg);
}

int ck_sev(const ck *k, check_id id) { return k->checks ? k->checks->severity[id] : JUE_SEV_ERROR; }

static void report_v(ck *k, int s, check_id id, const jue_claim *c, const char *expected, const char *actual,
                     const char *fmt, va_list ap) __attribute__((format(printf, 7, 0)));
static void report_v(ck *k, int s, check_id id, const jue_claim *c, const char *expected, const char *actual,
                     const char *fmt, va_list ap)
{
    if (s < 0) return;
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    jue_finding f = { 0 };
    f.rule = (char *)jue_claim_check_names[id];
    f.severity = (jue_severity)s;
    f.message = msg;
    f.file = k->d->source;
    f.line = c ? c->line : 0;
    f.col = c ? c->col : 0;
    f.page = c ? c->page : 0;
    f.table = -1;
    f.expected = (char *)expected;
    f.actual = (char *)actual;
    if (jue_findings_add(k->out, &f) != JUE_OK) k->st = JUE_ERR_NOMEM;
}

void ck_report(ck *k, check_id id, const jue_claim *c, const char *expected, const char *actual,
                   const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report_v(k, ck_sev(k, id), id, c, expected, actual, fmt, ap);
    va_end(ap);
}

void ck_doubt(ck *k, check_id id, const jue_claim *c, const char *expected, const char *actual, const char *fmt, ...)
{
    int s = ck_sev(k, id);
    va_list ap;
    va_start(ap, fmt);
    report_v(k, s == JUE_SEV_ERROR ? JUE_SEV_WARNING : s, id, c, expected, actual, fmt, ap);
    va_end(ap);
}

/* How a subject reads in a message: the 项 2101501 → "2101501 行政运行（项）". */
const char *ck_subject_name(const ck *k, const jue_subject *subject, int which)
{
    static _Thread_local char buf[2][160];   /* the library may audit in several threads */
    char *b = buf[which & 1];
    if (!subject || !jue_subject_on(subject)) return "该数字";
    if (subject->kind == JUE_SUBJ_XIANG || subject->kind == JUE_SUBJ_LEI) {
        const char *code = subject->key;
        int y = k->d->year, from = 0;
        if (y <= 0 && k->cat) jue_catalog_years(k->cat, JUE_CAT_FUNCTIONAL, &from, &y);   /* not read: the latest */
        const char *nm = k->cat ? jue_catalog_name(k->cat, JUE_CAT_FUNCTIONAL, code, y) : NULL;
        /* a code the catalog does not list: its name as the tables print it */
        for (int t = 0; !nm && t < JUE_NTABLES; t++) {
            const jue_table *tab = k->d->tables[t];
            int r = tab ? jue_table_find_row(tab, code, JUE_SIDE_NONE) : -1;
            if (r >= 0) nm = tab->rows[r].name;
        }
        snprintf(b, sizeof buf[0], "%s %s（%s）", code, nm ? nm : "", subject->kind == JUE_SUBJ_XIANG ? "项" : "类");
        return b;
    }
    if (subject->kind == JUE_SUBJ_ITEM) return "该项级科目";
    return subject->key;
}

/* k->cells for a run, in room (n entries) when the claims fit (none: each
 * fact is looked up each time). */
bool ck_cells_keep(ck *k, struct ck_cell *room, size_t n)
{
    size_t len = k->d->claims.len;
    if (len <= n) {
        memset(room, 0, len * sizeof *room);
        k->cells = room;
    } else {
        k->cells = calloc(len, sizeof *k->cells);
    }
    return k->cells != NULL;
}

void ck_cells_free(ck *k, const struct ck_cell *room)
{
    if (k->cells != room) free(k->cells);
    k->cells = NULL;
}

/* The kept answer for a fact that is a claim's own (others are made by the
 * checks), or NULL. */
static struct ck_cell *kept_cell(const ck *k, const jue_fact *fact)
{
    const jue_claims *cl = &k->d->claims;
    if (!k->cells || !cl->len) return NULL;
    uintptr_t p = (uintptr_t)fact, first = (uintptr_t)&cl->items[0].fact;
    if (p < first || p >= first + cl->len * sizeof *cl->items || (p - first) % sizeof *cl->items) return NULL;
    return &k->cells[(p - first) / sizeof *cl->items];
}

/* A fact → the cell (or NULL), and whether the table and row exist. */
const jue_cell *ck_fact_cell(const ck *k, const jue_fact *fact, bool *table_ok, bool *row_ok, int *table_out)
{
    const jue_disclosure *d = k->d;
    int t = -1, r = -1, c = -1;
    struct ck_cell *kc = kept_cell(k, fact);
    bool found;
    if (kc && kc->known) {
        found = kc->found;
        t = kc->t, r = kc->r, c = kc->c;
    } else {
        found = jue_fact_ref(d, fact, &t, &r, &c);
        if (kc) *kc = (struct ck_cell){ true, found, t, r, c };
    }
    *table_ok = t >= 0 && d->tables[t];
    *row_ok = found;
    if (t >= 0) *table_out = t;
    return found ? jue_table_cell_c(d->tables[t], (size_t)r, (size_t)c) : NULL;
}

jue_interval ck_cell_iv(const jue_cell *c)
{
    return c->present ? c->iv : (jue_interval){ 0, 0 };
}

void ck_fmt_cell(const jue_cell *c, char *b, size_t n)
{
    if (!c->present) { snprintf(b, n, "空（0）"); return; }
    jue_fmt_wan(c->printed, true, b, n);
    strncat(b, "万元", n - strlen(b) - 1);
}


void ck_fmt_ppb(jue_interval iv, const jue_claim *as, char *b, size_t n)
{
    char lo[32], hi[32];
    /* as many places as the rate compared prints, two at least ("占0.004%") */
    int dp = as && as->decimals > 2 ? (as->decimals < 6 ? as->decimals : 6) : 2;
    /* shares and rates are of amounts printed without a sign: one printed 0
     * stands for −0.5…0.5 of its last place, its share for no less than 0 */
    if (iv.lo < 0 && iv.hi >= 0) iv.lo = 0;
    jue_fmt_percent(iv.lo, dp, lo, sizeof lo);
    jue_fmt_percent(iv.hi, dp, hi, sizeof hi);
    if (!strcmp(lo, hi)) snprintf(b, n, "%s", lo);
    else snprintf(b, n, "%s–%s", lo, hi);
}

const jue_claim *ck_amount_before(const jue_claims *cl, size_t i, const jue_subject *subject, bool any_role)
{
    const jue_claim *c = &cl->items[i];
    for (size_t j = i; j-- > 0;) {
        const jue_claim *p = &cl->items[j];
        if (p->sentence != c->sentence) break;
        if (p->is_percent || p->unsure || p->role == JUE_ROLE_DATE || p->role == JUE_ROLE_COUNT ||
            p->role == JUE_ROLE_MALFORMED)
            continue;
        if (!any_role && p->role != JUE_ROLE_VALUE && p->role != JUE_ROLE_ACTUAL) continue;
        if (subject && jue_subject_on(subject) && !jue_subject_same(&p->subject, subject)) continue;
        if (!p->printed || !p->printed[0] || (p->role == JUE_ROLE_CHANGE && !p->printed[0])) continue;
        return p;
    }
    return NULL;
}

const jue_claim *ck_role_before(const jue_claims *cl, size_t i, jue_claim_role role)
{
    const jue_claim *c = &cl->items[i];
    for (size_t j = i; j-- > 0;) {
        const jue_claim *p = &cl->items[j];
        if (p->sentence != c->sentence) break;
        if (p->role != role || p->is_percent || p->unsure) continue;
        /* the same subject, or none named for either ("全年预算数…，执行数…，完成预算的…") */
        if (jue_subject_same(&p->subject, &c->subject)) return p;
    }
    return NULL;
}

/* A stated figure's interval — unless it contradicts its own table fact
 * (that is reported once, by claims.fact), in which case the fact's, so one
 * wrong figure does not also fail every share computed from it. A blank
 * cell gives no figure to put in its place. */
jue_interval ck_trusted_iv(const ck *k, const jue_claim *c)
{
    bool tok, rok;
    int t;
    const jue_cell *cell = jue_fact_on(&c->fact) ? ck_fact_cell(k, &c->fact, &tok, &rok, &t) : NULL;
    if (cell && cell->present && !jue_iv_overlaps(c->iv, ck_cell_iv(cell))) return ck_cell_iv(cell);
    return c->iv;
}

/* A 类 or 项 of the catalog, or a 项 statement not resolved — not a lexicon
 * subject whose name happens to begin with 项 (项目支出, the column). */
bool ck_item_like(const jue_subject *s)
{
    return s->kind == JUE_SUBJ_LEI || s->kind == JUE_SUBJ_XIANG || s->kind == JUE_SUBJ_ITEM;
}

/* The first amount (a value or 决算, its unit written) stated anywhere in the
 * notes for the subject with the same table fact, or NULL. */
const jue_claim *ck_stated_anywhere(const jue_claims *cl, const jue_subject *subject, const jue_fact *fact)
{
    for (size_t j = 0; jue_subject_on(subject) && j < cl->len; j++) {
        const jue_claim *p = &cl->items[j];
        if (!p->is_percent && !p->no_unit && p->unit != JUE_UNIT_NONE &&
            (p->role == JUE_ROLE_VALUE || p->role == JUE_ROLE_ACTUAL) && jue_subject_same(&p->subject, subject) &&
            jue_fact_same(&p->fact, fact))
            return p;
    }
    return NULL;
}

/* The interval for a subject: a figure stated for it in the sentence, else
 * its table fact, else a figure stated for it elsewhere in the notes. *from:
 * the claim it was taken from (NULL for the table fact; may be NULL). */
bool ck_subject_iv_from(const ck *k, size_t i, const jue_subject *subject, const jue_fact *fact, jue_interval *out,
                            const jue_claim **from)
{
    const jue_claim *p = ck_amount_before(&k->d->claims, i, subject, false);
    bool tok, rok;
    int t;
    const jue_cell *cell = p ? NULL : ck_fact_cell(k, fact, &tok, &rok, &t);
    /* no table figure — no table fact, its table lacks the row, was not read
     * (set aside, or lost by a text copy) or left the cell blank: the figure
     * stated elsewhere in the notes (if it contradicts a cell, claims.fact
     * says so and ck_trusted_iv takes the cell's). Not one stated as 0: no
     * rate is figured on 0, so a 0 beside a stated rate is itself the doubt */
    if (!p && (!cell || !cell->present)) {
        p = ck_stated_anywhere(&k->d->claims, subject, fact);
        if (p && p->value <= 0) p = NULL;
    }
    if (from) *from = p;
    if (p) { *out = ck_trusted_iv(k, p); return true; }
    if (cell) { *out = ck_cell_iv(cell); return true; }
    return false;
}

bool ck_subject_iv(const ck *k, size_t i, const jue_subject *subject, const jue_fact *fact, jue_interval *out)
{
    return ck_subject_iv_from(k, i, subject, fact, out, NULL);
}

/* Whether claim c is dated by a year opening its sentence that is not the
 * accounts' year ("2023年度收入总计22486.12万元"): a statement about that
 * year, which this year's tables do not hold. */
bool ck_dated_other_year(const ck *k, const jue_claim *c)
{
    const jue_claims *cl = &k->d->claims;
    for (size_t j = (size_t)(c - cl->items); j-- > 0 && cl->items[j].sentence == c->sentence;) {
        const jue_claim *p = &cl->items[j];
        if (p->role == JUE_ROLE_DATE) return p->opens && k->d->year && p->value != k->d->year;
    }
    return false;
}
