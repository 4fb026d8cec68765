/* Wholes and their parts: claims.parts, claims.count-zero, claims.partition
 * and claims.three-public (the lexicon's partitions), claims.carry-over. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claims_internal.h"

/* Whether c states an amount (a value or a 决算), not a percentage. */
static bool value_like(const jue_claim *c)
{
    return !c->is_percent && !c->unsure && (c->role == JUE_ROLE_VALUE || c->role == JUE_ROLE_ACTUAL);
}

/* The partition (data/claims/lexicon.yaml) whose whole is the subject, or NULL. */
static const jue_partition *partition_of(const jue_claims *cl, const jue_subject *s)
{
    if (s->kind != JUE_SUBJ_NAMED) return NULL;   /* jue_subject_is's first test, once */
    for (size_t q = 0; q < cl->npartitions; q++)
        if (jue_subject_is(s, cl->partitions[q].whole)) return &cl->partitions[q];
    return NULL;
}

/* The whole at claim i whose "其中" list names every part of its partition,
 * each once ("政府采购金额…，其中：货物采购金额…、工程采购金额…、服务采购金额…"):
 * the parts exhaust the whole, so they must add up to it within the
 * rounding of the printed figures, not merely stay under it. */
static void parts_add_up(ck *k, size_t i, jue_interval wiv)
{
    const jue_claims *cl = &k->d->claims;
    const jue_claim *w = &cl->items[i], *got[JUE_PARTITION_PARTS] = { 0 };
    const jue_partition *pt = partition_of(cl, &w->subject);
    if (!pt) return;
    for (size_t j = i + 1; j < cl->len && cl->items[j].sentence == w->sentence; j++) {
        const jue_claim *p = &cl->items[j];
        if (p->parent != (int)i || !value_like(p) || !p->printed) continue;
        for (size_t q = 0; q < pt->nparts; q++)
            if (jue_subject_is(&p->subject, pt->parts[q])) {
                if (got[q]) return;   /* a part twice: which is meant is not known */
                got[q] = p;
            }
    }
    jue_interval sum = { 0, 0 };
    int64_t val = 0;
    char list[600] = "";
    for (size_t q = 0; q < pt->nparts; q++) {
        if (!got[q] || !jue_iv_add(sum, ck_trusted_iv(k, got[q]), &sum)) return;
        val += got[q]->value;
        size_t l = strlen(list);
        snprintf(list + l, sizeof list - l, "%s%s%s", q ? "、" : "", pt->parts[q], got[q]->printed);
    }
    bool ok = jue_iv_overlaps(sum, wiv);
    char s[48], exp[56];
    jue_fmt_wan(val, true, s, sizeof s);
    snprintf(exp, sizeof exp, "%s万元", s);
    ck_note(k, w, ok, "“其中”所列%zu项构成总数，合计%s", pt->nparts, exp);
    if (ok || sum.lo > wiv.hi) return;   /* above the whole: the finding below */
    ck_report(k, C_PARTS, w, exp, w->printed, "“其中”所列%s，合计%s万元，与%s%s不符：这%zu项构成总数，合计应等于总数",
              list, s, ck_subject_name(k, &w->subject, 1), w->printed, pt->nparts);
}

void ck_check_parts(ck *k)
{
    const jue_claims *cl = &k->d->claims;
    for (size_t i = 0; i < cl->len; i++) {
        const jue_claim *w = &cl->items[i];
        if (!value_like(w)) continue;
        jue_fen lo = 0;
        int n = 0;
        const jue_claim *last = NULL;
        for (size_t j = i + 1; j < cl->len && cl->items[j].sentence == w->sentence; j++) {
            const jue_claim *p = &cl->items[j];
            if (p->parent != (int)i || !value_like(p)) continue;
            lo += ck_trusted_iv(k, p).lo;
            n++;
            last = p;
        }
        jue_interval wiv = ck_trusted_iv(k, w);
        if (n >= 2) ck_note(k, w, lo <= wiv.hi, "“其中”所列%d项合计不超过总数", n);
        if (n >= 2) parts_add_up(k, i, wiv);
        if (n < 2 || lo <= wiv.hi) continue;
        char sum[48];
        jue_fmt_wan(lo, true, sum, sizeof sum - 8);
        strcat(sum, "万元");
        ck_report(k, C_PARTS, last, w->printed, sum, "“其中”所列各项合计至少%s，超过%s%s", sum,
               ck_subject_name(k, &w->subject, 1), w->printed);
    }
}

/* "实有人员8人，其中行政0人、事业0人": the counts listed after 其中 (in the
 * whole's unit) may not exceed the whole (error), and a whole above zero
 * whose listed parts are all zero says nothing of where it is (warning). */
void ck_check_count_parts(ck *k)
{
    const jue_claims *cl = &k->d->claims;
    for (size_t i = 0; i < cl->len; i++) {
        const jue_claim *w = &cl->items[i];
        if (w->role != JUE_ROLE_COUNT || !w->printed) continue;
        const char *wu = w->printed;
        while (*wu >= '0' && *wu <= '9') wu++;
        int64_t sum = 0;
        int n = 0;
        const jue_claim *last = NULL;
        for (size_t j = i + 1; j < cl->len && cl->items[j].sentence == w->sentence; j++) {
            const jue_claim *p = &cl->items[j];
            if (p->role != JUE_ROLE_COUNT || p->parent != (int)i || !p->printed) continue;
            const char *pu = p->printed;
            while (*pu >= '0' && *pu <= '9') pu++;
            if (strcmp(pu, wu)) continue;   /* 人 with 人, 辆 with 辆 */
            sum += p->value;
            n++;
            last = p;
        }
        if (n < 2) continue;
        char sum_s[32];
        snprintf(sum_s, sizeof sum_s, "%lld%s", (long long)sum, wu);
        ck_note(k, w, sum <= w->value && !(w->value > 0 && sum == 0), "“其中”所列%d项合计%s", n, sum_s);
        if (sum > w->value) {
            ck_report(k, C_PARTS, last, w->printed, sum_s, "%s，“其中”所列各项合计%s，超过总数", w->printed, sum_s);
        } else if (w->value > 0 && sum == 0) {
            ck_report(k, C_COUNT_ZERO, last, "各项之和为总数", sum_s, "总数为%s，“其中”所列%d项却都是0%s，人数或数量的构成没有说明清楚",
                   w->printed, n, wu);
        }
    }
}

/* ---------- 三公: parts against their total, from the text alone ---------- */

/* The level-1 section a section lies in (itself when it is one), or −1. */
static int top_section(const jue_claims *cl, int s)
{
    for (; s >= 0; s--)
        if (!cl->sections[s].paragraph && cl->sections[s].level == 1) return s;
    return -1;
}

typedef enum { K3_AMOUNT, K3_BUDGET, K3_CHANGE } kind3;

/* Whether a claim states a figure of the kind: an amount (value or 决算), a
 * budget, or a change on last year. */
static bool of_kind(const jue_claim *c, kind3 kind)
{
    if (c->is_percent || c->unsure || !c->printed || !jue_subject_on(&c->subject)) return false;
    switch (kind) {
    case K3_AMOUNT: return c->role == JUE_ROLE_VALUE || c->role == JUE_ROLE_ACTUAL;
    case K3_BUDGET: return c->role == JUE_ROLE_BUDGET;
    default: return c->role == JUE_ROLE_CHANGE;
    }
}

/* A change as a signed interval ("减少2.00万元" = −2.00). */
static jue_interval signed_iv(const jue_claim *c, kind3 kind)
{
    if (kind != K3_CHANGE) return c->iv;
    if (c->sign == 0) return (jue_interval){ 0, 0 };
    return c->sign < 0 ? jue_iv_neg(c->iv) : c->iv;
}

static const char *kind_word(kind3 kind, const jue_claim *c)
{
    if (kind == K3_BUDGET) return "预算";
    if (kind == K3_CHANGE) return c->sign < 0 ? "比上年减少" : c->sign > 0 ? "比上年增加" : "与上年";   /* 持平 */
    return "";
}

/* The total stated at claim i against the first statement of each of its
 * parts that follows it in the same part of the notes, before the total is
 * stated again. Lists already tied by "其中" are claims.parts'. */
static void whole_against_parts(ck *k, size_t i, kind3 kind, const jue_partition *pt)
{
    const jue_claims *cl = &k->d->claims;
    const jue_claim *w = &cl->items[i], *got[JUE_PARTITION_PARTS] = { 0 };
    size_t np = pt->nparts;
    int top = top_section(cl, w->section);
    size_t found = 0, tied = 0;
    for (size_t j = i + 1; j < cl->len && found < np; j++) {
        const jue_claim *p = &cl->items[j];
        if (top_section(cl, p->section) != top) break;
        if (!of_kind(p, kind)) continue;
        if (jue_subject_same(&p->subject, &w->subject)) break;
        for (size_t q = 0; q < np; q++)
            if (!got[q] && jue_subject_is(&p->subject, pt->parts[q])) {
                got[q] = p;
                found++;
                tied += p->parent == (int)i;
            }
    }
    if (found < np || tied == np) return;
    jue_interval sum = { 0, 0 };
    int64_t val = 0;
    char list[600] = "";
    for (size_t q = 0; q < np; q++) {
        if (!jue_iv_add(sum, signed_iv(got[q], kind), &sum)) return;
        val += got[q]->sign < 0 && kind == K3_CHANGE ? -got[q]->value : got[q]->value;
        size_t l = strlen(list);
        snprintf(list + l, sizeof list - l, "%s%s%s%s", q ? "、" : "", pt->parts[q], kind_word(kind, got[q]),
                 got[q]->printed);
    }
    bool ok = jue_iv_overlaps(sum, signed_iv(w, kind));
    char s[64], a[48];
    jue_fmt_wan(val < 0 ? -val : val, true, a, sizeof a);
    snprintf(s, sizeof s, "%s%s", kind != K3_CHANGE ? "" : val < 0 ? "减少" : val > 0 ? "增加" : "无增减", a);
    ck_note(k, w, ok, "各组成部分（%s）合计%s万元", list, s);
    if (ok) return;
    int id = C_PARTITION;
    for (int q = 0; q < C_N; q++)
        if (!strcmp(pt->check, jue_claim_check_names[q])) id = q;
    ck_report(k, (check_id)id, w, s, w->printed, "%s%s%s，而%s，合计%s万元，两者不符", w->subject.key, kind_word(kind, w),
           w->printed, list, s);
}

/* A whole stated apart from its parts (in sentences of their own, after it
 * in the same part of the notes) against them, for every partition of the
 * lexicon: "三公" = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费, the
 * car cost = 购置费 + 运行维护费 (DOMAIN.md, table 09), 政府采购 = 货物 + 工程 +
 * 服务 — amounts, budgets and changes alike. */
void ck_check_partitions(ck *k)
{
    const jue_claims *cl = &k->d->claims;
    for (size_t i = 0; i < cl->len; i++) {
        const jue_claim *c = &cl->items[i];
        const jue_partition *pt = jue_subject_on(&c->subject) ? partition_of(cl, &c->subject) : NULL;
        for (kind3 kind = K3_AMOUNT; pt && kind <= K3_CHANGE; kind++)
            if (of_kind(c, kind)) whole_against_parts(k, i, kind, pt);
    }
}

/* ---------- a fund's carry-over, from the text alone ---------- */

/* Whether c states an amount (value or 决算) of this year. */
static bool amount_claim(const jue_claim *c)
{
    return !c->is_percent && c->printed && jue_fact_on(&c->fact) && (c->role == JUE_ROLE_VALUE || c->role == JUE_ROLE_ACTUAL);
}

/* The first amount of c's sentence whose fact is the figure of f's table
 * and row in column col, or NULL. */
static const jue_claim *in_sentence(const jue_claims *cl, size_t i, const jue_fact *f, jue_col_id col)
{
    size_t s = i;
    while (s > 0 && cl->items[s - 1].sentence == cl->items[i].sentence) s--;
    for (; s < cl->len && cl->items[s].sentence == cl->items[i].sentence; s++) {
        const jue_claim *p = &cl->items[s];
        if (amount_claim(p) && p->fact.table == f->table && !strcmp(p->fact.row, f->row) && p->fact.col == col) return p;
    }
    return NULL;
}

/* 年初 + 收入 − 支出 with one of the four (q) read ×10^4: a 元 written for 万元. */
static bool carry_holds(const jue_claim *const *f, int q, jue_interval *out)
{
    jue_interval v[4];
    for (int n = 0; n < 4; n++) {
        v[n] = f[n]->iv;
        if (n == q && (!jue_fen_mul(v[n].lo, 10000, &v[n].lo) || !jue_fen_mul(v[n].hi, 10000, &v[n].hi))) return false;
    }
    jue_interval e;
    if (!jue_iv_add(v[0], v[1], &e) || !jue_iv_sub(e, v[2], &e)) return false;
    if (out) *out = e;
    return jue_iv_overlaps(e, v[3]);
}

/* A fund's 年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出 (tables 07 and
 * 08, rule T07/T08.carry-over), when one sentence states all four
 * ("政府性基金预算财政拨款收入120.00万元，年初结转和结余0.00万元，支出
 * 118.65万元，年末结转和结余1.35万元"): they must add up as printed, table
 * read or not. A 元 figure that adds up in 万元 is claims.unit's. */
void ck_check_carry_over(ck *k)
{
    static const jue_col_id COL[] = { JUE_COL_BEGIN, JUE_COL_INCOME, JUE_COL_SUBTOTAL, JUE_COL_END };
    const jue_claims *cl = &k->d->claims;
    for (size_t i = 0; i < cl->len; i++) {
        const jue_claim *c = &cl->items[i];
        int t = jue_fact_table(&c->fact);
        if (!amount_claim(c) || (t != JUE_T07 && t != JUE_T08)) continue;
        if (c->fact.col != COL[3] || in_sentence(cl, i, &c->fact, COL[3]) != c) continue;
        const jue_claim *f[4] = { NULL, NULL, NULL, c };
        for (int q = 0; q < 3; q++)
            if (!(f[q] = in_sentence(cl, i, &c->fact, COL[q]))) break;
        if (!f[0] || !f[1] || !f[2]) continue;
        jue_interval e;
        bool ok = carry_holds(f, -1, &e);
        char exp[48];
        jue_fmt_wan((e.lo + e.hi) / 2, true, exp, sizeof exp);
        ck_note(k, c, ok, "年初%s + 收入%s − 支出%s = %s万元", f[0]->printed, f[1]->printed, f[2]->printed, exp);
        if (ok) continue;
        int slip = -1;
        for (int q = 0; q < 4 && slip < 0; q++)
            if (f[q]->unit == JUE_UNIT_YUAN && carry_holds(f, q, NULL)) slip = q;
        if (slip >= 0) {
            ck_report(k, C_UNIT, f[slip], "万元", f[slip]->printed,
                      "年初结转和结余%s、本年收入%s、本年支出%s、年末结转和结余%s只在“%s”按万元计时相符：误将万元写作元",
                      f[0]->printed, f[1]->printed, f[2]->printed, f[3]->printed, f[slip]->printed);
            continue;
        }
        ck_report(k, C_CARRY_OVER, c, exp, c->printed,
                  "年初结转和结余%s + 本年收入%s − 本年支出%s = %s万元，说明中年末结转和结余为%s，两者不符",
                  f[0]->printed, f[1]->printed, f[2]->printed, exp, c->printed);
    }
}
