/* Figures against their table facts: claims.fact, claims.unit, claims.share,
 * claims.no-unit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claims_internal.h"

/* 元 for 万元 (or the reverse) against the table's interval civ: 1 when the
 * same digits are 10,000 times off, 2 when a 元 figure read as 万元 is close
 * to the table (within 10%: a unit slip and a wrong figure at once,
 * "基本支出154.78元" for 160.72万元), else 0. */
static int unit_slip(const jue_claim *c, jue_interval civ)
{
    if (c->unit == JUE_UNIT_WAN) {
        jue_interval scaled = { c->iv.lo / 10000 - 1, c->iv.hi / 10000 + 1 };
        return c->iv.hi != 0 && jue_iv_overlaps(scaled, civ);
    }
    jue_fen lo, hi;
    if (c->unit != JUE_UNIT_YUAN || !jue_fen_mul(c->iv.lo, 10000, &lo) || !jue_fen_mul(c->iv.hi, 10000, &hi))
        return 0;
    if (jue_iv_overlaps((jue_interval){ lo, hi }, civ)) return 1;
    jue_fen tol = civ.hi / 10;
    return civ.hi > 0 && hi >= civ.lo - tol && lo <= civ.hi + tol ? 2 : 0;
}

void ck_check_fact(ck *k, const jue_claim *c)
{
    if (c->is_percent || !jue_fact_on(&c->fact) ||
        (c->role != JUE_ROLE_VALUE && c->role != JUE_ROLE_ACTUAL && c->role != JUE_ROLE_BUDGET))
        return;
    bool tok, rok;
    int t = -1;
    const jue_cell *cell = ck_fact_cell(k, &c->fact, &tok, &rok, &t);
    if (!tok) return;   /* a missing table is reported by the table rules */
    if (!rok) {
        if (c->subject.kind == JUE_SUBJ_XIANG && c->iv.hi != 0) {
            char exp[128];
            snprintf(exp, sizeof exp, "%s中的%s行", jue_table_label((jue_table_id)t), c->subject.key);
            ck_report(k, C_ITEM_TABLE, c, exp, c->printed,
                   "说明中列出项级科目%s（%s），但%s《%s》中没有该科目——资金性质或科目归属有误",
                   ck_subject_name(k, &c->subject, 0), c->printed, jue_table_label((jue_table_id)t),
                   jue_table_title((jue_table_id)t));
        }
        return;
    }
    jue_interval civ = ck_cell_iv(cell);
    char exp[64];
    bool agrees = jue_iv_overlaps(c->iv, civ);
    if (!agrees && ck_dated_other_year(k, c)) return;   /* claims.stale-year says it */
    /* figures are formatted only when they are shown (a trace, a finding) */
    if (agrees && !k->trace) return;
    ck_fmt_cell(cell, exp, sizeof exp);
    char at[JUE_FACT_ROW_MAX + 64];
    jue_fact_format(&c->fact, true, at, sizeof at);
    ck_note(k, c, agrees, "%s %s = %s", jue_table_label((jue_table_id)t), at, exp);
    if (agrees) return;
    int unit = unit_slip(c, civ);
    if (unit == 1) {
        ck_report(k, C_UNIT, c, exp, c->printed, "%s写作“%s”，表中为%s：误将%s写作%s",
               ck_subject_name(k, &c->subject, 1), c->printed, exp, c->unit == JUE_UNIT_YUAN ? "万元" : "元",
               c->unit == JUE_UNIT_YUAN ? "元" : "万元");
        return;
    }
    if (unit == 2) {
        ck_report(k, C_UNIT, c, exp, c->printed, "%s写作“%s”：单位应为万元，且数值与表中%s也不一致",
               ck_subject_name(k, &c->subject, 1), c->printed, exp);
        return;
    }
    char gap[40];
    jue_fmt_wan(jue_iv_gap(c->iv, civ), false, gap, sizeof gap);
    ck_report(k, C_FACT, c, exp, c->printed, "说明中%s为%s，与%s（%s）%s不一致，扣除尾差后至少相差%s万元",
           ck_subject_name(k, &c->subject, 1), c->printed, jue_table_label((jue_table_id)t), at, exp, gap);
}

/* The whole a share names ("占基本支出的…"): a figure stated for it anywhere
 * in the notes, else its table fact. */
static bool named_whole(const ck *k, const char *whole_subject, jue_interval *whole)
{
    const jue_claims *cl = &k->d->claims;
    for (size_t j = 0; j < cl->len; j++)
        if (cl->items[j].subject.kind == JUE_SUBJ_NAMED && jue_subject_is(&cl->items[j].subject, whole_subject) &&
            !cl->items[j].is_percent && cl->items[j].role == JUE_ROLE_VALUE) {
            *whole = ck_trusted_iv(k, &cl->items[j]);
            return true;
        }
    for (size_t j = 0; j < cl->len; j++)
        if (cl->items[j].subject.kind == JUE_SUBJ_NAMED && jue_subject_is(&cl->items[j].subject, whole_subject) &&
            jue_fact_on(&cl->items[j].fact)) {
            bool tok, rok;
            int t;
            const jue_cell *cell = ck_fact_cell(k, &cl->items[j].fact, &tok, &rok, &t);
            if (cell) { *whole = ck_cell_iv(cell); return true; }
        }
    return false;
}

/* Whether f is a figure of table 09's 合计 row. */
static bool t09_total(const jue_fact *f)
{
    return jue_fact_table(f) == JUE_T09 && !strcmp(f->row, JUE_L_TOTAL);
}

/* The 三公 total of this year: table 09's 合计 决算数, or — table 09 not read
 * (set aside, as a raw copy's two panes are) — the amount the notes state
 * for it ("“三公”经费财政拨款…支出决算为6.79万元"). */
static bool t09_total_iv(const ck *k, jue_interval *whole)
{
    bool tok, rok;
    int t;
    jue_fact total = jue_fact_make(JUE_T09, JUE_L_TOTAL, JUE_COL_ACTUAL);
    const jue_cell *cell = ck_fact_cell(k, &total, &tok, &rok, &t);
    if (cell) { *whole = ck_cell_iv(cell); return true; }
    const jue_claims *cl = &k->d->claims;
    for (size_t j = 0; j < cl->len; j++) {
        const jue_claim *p = &cl->items[j];
        if (!p->is_percent && !p->no_unit && p->unit != JUE_UNIT_NONE &&
            (p->role == JUE_ROLE_VALUE || p->role == JUE_ROLE_ACTUAL) && jue_fact_same(&p->fact, &total) &&
            !ck_dated_other_year(k, p)) {
            *whole = p->iv;
            return true;
        }
    }
    return false;
}

/* The whole of a share that names none: the sentence's first stated amount
 * — or, for a 三公 item in a sentence that states no 三公 total first
 * ("“三公”经费财政拨款支出决算中，因公出国（境）费支出决算A万元，占P%；…"),
 * the 三公 total (t09_total_iv). */
static bool sentence_whole(const ck *k, size_t i, jue_interval *whole)
{
    const jue_claims *cl = &k->d->claims;
    const jue_claim *c = &cl->items[i], *first = NULL, *own = NULL;
    bool have = false;
    for (size_t j = i; j-- > 0;) {
        if (cl->items[j].sentence != c->sentence) break;
        if (!cl->items[j].is_percent && !cl->items[j].unsure && cl->items[j].role == JUE_ROLE_VALUE) {
            *whole = ck_trusted_iv(k, &cl->items[j]);
            have = true;
            first = &cl->items[j];
            if (!own) own = first;
        }
    }
    /* the share's own amount alone ("603.14万元，占20.51%", its sentence's
     * start lost or elsewhere): no whole is stated here */
    if (first == own) have = false;
    if (jue_fact_table(&c->fact) == JUE_T09 && !t09_total(&c->fact) && (!first || !t09_total(&first->fact)))
        have = t09_total_iv(k, whole);
    return have;
}

/* The whole named by a share before claim i in its sentence ("A占财政拨款收入
 * 总计的80.00%；B…，占20.00%": B's is likely the same), or NULL. */
static const char *whole_named_before(const jue_claims *cl, size_t i)
{
    for (size_t j = i; j-- > 0 && cl->items[j].sentence == cl->items[i].sentence;)
        if (cl->items[j].role == JUE_ROLE_SHARE && cl->items[j].whole) return cl->items[j].whole;
    return NULL;
}

/* The printed share's interval, widened by one unit of its last digit either
 * way: shares of one whole are published so they add to 100% (and a tiny
 * share as the smallest unit rather than 0.00%), as controlled rounding does. */
static jue_interval share_printed(const jue_claim *c)
{
    jue_interval printed = c->iv;
    int64_t unit = 2 * (c->iv.hi - c->value);
    printed.lo -= unit / 2;
    printed.hi += unit / 2;
    return printed;
}

void ck_check_share(ck *k, size_t i)
{
    const jue_claims *cl = &k->d->claims;
    const jue_claim *c = &cl->items[i];
    if (c->role != JUE_ROLE_SHARE) return;
    jue_interval part, whole;
    if (!ck_subject_iv(k, i, &c->subject, &c->fact, &part)) return;
    bool have_whole = true;
    if (c->whole) have_whole = named_whole(k, c->whole, &whole);
    else if (c->parent >= 0) whole = ck_trusted_iv(k, &cl->items[c->parent]);   /* the figure before 其中 */
    else have_whole = sentence_whole(k, i, &whole);
    if (!have_whole || whole.lo <= 0) return;
    jue_interval ratio;
    if (!jue_iv_ratio(part, whole, &ratio)) return;
    jue_interval printed = share_printed(c);
    char exp[96];
    bool agrees = jue_iv_overlaps(ratio, printed);
    /* a share naming no whole after one that names it: of either, it holds */
    const char *other = !agrees && !c->whole && c->parent < 0 ? whole_named_before(cl, i) : NULL;
    jue_interval ow, oratio;
    if (other && named_whole(k, other, &ow) && ow.lo > 0 && jue_iv_ratio(part, ow, &oratio) &&
        jue_iv_overlaps(oratio, printed)) {
        char ps[48], ws[48];
        ck_fmt_ppb(oratio, c, exp, sizeof exp);
        jue_fmt_wan((part.lo + part.hi) / 2, true, ps, sizeof ps);
        jue_fmt_wan((ow.lo + ow.hi) / 2, true, ws, sizeof ws);
        ck_note(k, c, true, "%s ÷ %s %s万元 = %s（与前一占比同一基数）", ps, other, ws, exp);
        return;
    }
    if (agrees && !k->trace) return;
    ck_fmt_ppb(ratio, c, exp, sizeof exp);
    char part_s[48], whole_s[48];
    jue_fmt_wan((part.lo + part.hi) / 2, true, part_s, sizeof part_s);
    jue_fmt_wan((whole.lo + whole.hi) / 2, true, whole_s, sizeof whole_s);
    ck_note(k, c, agrees, "%s ÷ %s%s%s%s = %s", part_s, c->whole ? c->whole : "", c->whole ? " " : "", whole_s,
         "万元", exp);
    if (agrees) return;
    ck_report(k, C_SHARE, c, exp, c->printed, "%s“占%s”与金额不符：按金额计算应为%s", ck_subject_name(k, &c->subject, 1),
           c->printed, exp);
}

/* ---------- one quantity stated twice, 10^4 apart ---------- */

/* Whether two roles state the same kind of figure: a budget with a budget, a
 * value or 决算 with either. */
static bool same_role_class(const jue_claim *a, const jue_claim *b)
{
    bool ab = a->role == JUE_ROLE_BUDGET, bb = b->role == JUE_ROLE_BUDGET;
    bool av = a->role == JUE_ROLE_VALUE || a->role == JUE_ROLE_ACTUAL;
    bool bv = b->role == JUE_ROLE_VALUE || b->role == JUE_ROLE_ACTUAL;
    return (ab && bb) || (av && bv);
}

/* An amount in 元 whose own table fact cannot be read, stated elsewhere for
 * the same subject in 万元 with the same digits: one of the two units is a
 * slip (the one the notes use less). At most 64 元 figures are looked at. */
void ck_check_unit_between(ck *k)
{
    const jue_claims *cl = &k->d->claims;
    size_t nyuan = 0, nwan = 0, tried = 0;
    for (size_t i = 0; i < cl->len; i++) {
        nyuan += !cl->items[i].is_percent && cl->items[i].unit == JUE_UNIT_YUAN;
        nwan += !cl->items[i].is_percent && cl->items[i].unit == JUE_UNIT_WAN;
    }
    for (size_t i = 0; i < cl->len && tried < 64; i++) {
        const jue_claim *y = &cl->items[i];
        if (y->is_percent || y->unit != JUE_UNIT_YUAN || !jue_subject_on(&y->subject) || y->subject.kind == JUE_SUBJ_ITEM ||
            !same_role_class(y, y) || y->value <= 0)
            continue;   /* 0元 and 0.00万元 are the same amount */
        tried++;
        bool tok, rok;
        int t;
        if (jue_fact_on(&y->fact) && ck_fact_cell(k, &y->fact, &tok, &rok, &t)) continue;   /* claims.fact / claims.unit */
        jue_fen lo, hi;
        if (!jue_fen_mul(y->iv.lo, 10000, &lo) || !jue_fen_mul(y->iv.hi, 10000, &hi)) continue;
        for (size_t j = 0; j < cl->len; j++) {
            const jue_claim *w = &cl->items[j];
            if (w->is_percent || w->unit != JUE_UNIT_WAN || !jue_subject_same(&w->subject, &y->subject) ||
                !same_role_class(w, y) || !jue_iv_overlaps(w->iv, (jue_interval){ lo, hi }))
                continue;
            bool yuan_wrong = nwan >= nyuan;
            const jue_claim *bad = yuan_wrong ? y : w, *good = yuan_wrong ? w : y;
            ck_note(k, bad, false, "第%d行同一数字写作%s", good->line, good->printed);
            ck_report(k, C_UNIT, bad, good->printed, bad->printed,
                   "%s在第%d行写作“%s”，在第%d行写作“%s”：数字相同而单位相差一万倍，误将%s写作%s",
                   ck_subject_name(k, &y->subject, 1), y->line, y->printed, w->line, w->printed,
                   yuan_wrong ? "万元" : "元", yuan_wrong ? "元" : "万元");
            break;
        }
    }
}

/* An amount printed without its unit where the notes' other amounts carry
 * one (at least three, and three times as many): read in 万元 and checked as such; the
 * missing unit is a warning (the figure as printed does not contradict). */
void ck_check_no_unit(ck *k, const jue_claim *c)
{
    const jue_claims *cl = &k->d->claims;
    size_t with = 0, without = 0;
    for (size_t j = 0; j < cl->len; j++) {
        const jue_claim *p = &cl->items[j];
        if (p->is_percent || p->role == JUE_ROLE_COUNT || p->role == JUE_ROLE_DATE || !p->printed) continue;
        with += p->unit != JUE_UNIT_NONE && !p->no_unit;
        without += p->no_unit;
    }
    if (with < 3 || with < 3 * without) return;
    ck_note(k, c, false, "金额没有单位（说明中其他%zu处金额都写明单位），按万元核对", with);
    ck_report(k, C_NO_UNIT, c, "万元", c->printed, "%s“%s”没有写单位，说明中其他%zu处金额都写明了单位（按万元核对）",
           ck_subject_name(k, &c->subject, 1), c->printed, with);
}

/* A share, completion or growth rate printed without its %. */
void ck_check_no_percent(ck *k, const jue_claim *c)
{
    ck_report(k, C_NO_PERCENT, c, "百分数", c->printed, "“%s”处应为百分比，印为“%s”，缺少百分号（%%）",
              c->role == JUE_ROLE_SHARE ? "占" : c->role == JUE_ROLE_COMPLETION ? "完成预算的"
              : c->sign < 0 ? "下降" : "增长", c->printed);
}

/* ---------- one quantity stated twice with different values ---------- */

/* A statement to sort by what it states (a subject of the lexicon, by name). */
typedef struct {
    const char *subject;
    const jue_fact *fact;
    bool budget;
    size_t i;
} stmt;

static int by_quantity(const void *a, const void *b)
{
    const stmt *x = a, *y = b;
    int c = strcmp(x->subject, y->subject);
    if (!c) {   /* in the order of the facts as written ("T05/…"), so findings keep their order */
        char fx[JUE_FACT_ROW_MAX + 64], fy[JUE_FACT_ROW_MAX + 64];
        jue_fact_format(x->fact, false, fx, sizeof fx);
        jue_fact_format(y->fact, false, fy, sizeof fy);
        c = strcmp(fx, fy);
    }
    if (!c) c = (int)x->budget - (int)y->budget;
    if (!c) c = x->i < y->i ? -1 : 1;
    return c;
}

/* Whether claim c states, with confidence, the whole amount of its subject
 * this year: its lexicon subject printed right before it (c->named), a
 * value, 决算 or budget with its unit, not a part listed after 其中, not a
 * 类 or 项 (their rows are the tables'), not dated another year, and no
 * table cell read for it (claims.fact judges those). */
static bool restatable(const ck *k, const jue_claim *c)
{
    if (!c->named || c->is_percent || c->no_unit || c->unit == JUE_UNIT_NONE || c->subject.kind != JUE_SUBJ_NAMED ||
        !c->printed || c->parent >= 0 || ck_item_like(&c->subject) ||
        (c->role != JUE_ROLE_VALUE && c->role != JUE_ROLE_ACTUAL && c->role != JUE_ROLE_BUDGET))
        return false;
    bool tok, rok;
    int t;
    return !(jue_fact_on(&c->fact) && ck_fact_cell(k, &c->fact, &tok, &rok, &t)) && !ck_dated_other_year(k, c);
}

/* Whether two intervals are 10^4 apart (元 against 万元: claims.unit's). */
static bool wan_apart(jue_interval a, jue_interval b)
{
    jue_fen lo, hi;
    if (a.hi < b.hi) { jue_interval t = a; a = b; b = t; }
    return jue_fen_mul(b.lo, 10000, &lo) && jue_fen_mul(b.hi, 10000, &hi) &&
           jue_iv_overlaps(a, (jue_interval){ lo - 10000, hi + 10000 });
}

/* The same quantity (subject and table fact, budgets apart from amounts)
 * stated twice with values beyond rounding ("会议费支出0.87万元" …
 * "会议费支出1.87万元"): one of the two is wrong, or the two speak of scopes
 * the wording does not tell apart — a warning at the later one, quoting both.
 * Sorted by quantity, so the notes are read in n log n. */
void ck_check_restated(ck *k)
{
    const jue_claims *cl = &k->d->claims;
    stmt *v = malloc((cl->len + 1) * sizeof *v);
    size_t n = 0;
    if (!v) { k->st = JUE_ERR_NOMEM; return; }
    for (size_t i = 0; i < cl->len; i++) {
        const jue_claim *c = &cl->items[i];
        if (restatable(k, c)) v[n++] = (stmt){ c->subject.key, &c->fact, c->role == JUE_ROLE_BUDGET, i };
    }
    qsort(v, n, sizeof *v, by_quantity);
    for (size_t a = 0, b; a < n; a = b) {
        const jue_claim *first = &cl->items[v[a].i];
        for (b = a + 1; b < n && !strcmp(v[b].subject, v[a].subject) && jue_fact_same(v[b].fact, v[a].fact) &&
                        v[b].budget == v[a].budget;
             b++) {
            const jue_claim *c = &cl->items[v[b].i];
            if (jue_iv_overlaps(c->iv, first->iv) || wan_apart(c->iv, first->iv)) continue;
            char at1[32], at2[32];   /* a PDF's claims are placed by page */
            snprintf(at1, sizeof at1, "第%d%s", first->page > 0 ? first->page : first->line, first->page > 0 ? "页" : "行");
            snprintf(at2, sizeof at2, "第%d%s", c->page > 0 ? c->page : c->line, c->page > 0 ? "页" : "行");
            ck_note(k, c, false, "%s同一事项写作%s", at1, first->printed);
            ck_report(k, C_RESTATED, c, first->printed, c->printed,
                      "%s在%s为%s，在%s为%s：同一事项前后数字不一致（若所指范围不同，应写明）",
                      ck_subject_name(k, &c->subject, 1), at1, first->printed, at2, c->printed);
        }
    }
    free(v);
}
