/* Checks of the explanatory notes: each claim against the table fact it
 * names, and the arithmetic of each sentence. All comparisons are on
 * intervals, so rounding tails are never errors. */
#include <juesuan/claims_audit.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claims_internal.h"

static jue_status run_checks(ck *kp)
{
    ck k = *kp;
    struct ck_cell room[256];   /* 5 KB: a document of a few hundred figures needs no allocation */
    ck_cells_keep(&k, room, sizeof room / sizeof room[0]);   /* without: each fact looked up each time */
    const jue_disclosure *d = k.d;
    const jue_claims *cl = &d->claims;
    for (size_t i = 0; i < cl->len; i++) {
        const jue_claim *c = &cl->items[i];
        if (c->unsure) continue;   /* a figure of a list not understood: no check reads it */
        if (c->role == JUE_ROLE_MALFORMED && c->wrap_joined)
            ck_doubt(&k, C_MALFORMED, c, "一个数字", c->printed,
                     "“%s”不是有效的数字，但换行处把它分成两个完整的数字：可能是按宽度折行时两个数字连在了一起"
                     "（中间的空格丢失），请对照原文核实", c->printed);
        else if (c->role == JUE_ROLE_MALFORMED)
            ck_report(&k, C_MALFORMED, c, "一个数字", c->printed, "“%s”不是有效的数字", c->printed);
        if (c->role == JUE_ROLE_DATE && d->year) ck_check_date(&k, i);
        if (c->is_percent && c->printed && !strchr(c->printed, '%') && !strstr(c->printed, "％"))
            ck_check_no_percent(&k, c);
        if (c->no_unit) ck_check_no_unit(&k, c);
        if (c->role == JUE_ROLE_PLACEHOLDER) ck_check_placeholders(&k, i);
        ck_check_fact(&k, c);
        ck_check_share(&k, i);
        ck_check_change(&k, i);
        ck_check_previous(&k, i);
        ck_check_completion(&k, i);
        ck_check_direction(&k, i);
        ck_check_gap(&k, i);
    }
    ck_check_balance_change(&k);
    ck_check_parts(&k);
    ck_check_count_parts(&k);
    ck_check_partitions(&k);
    ck_check_carry_over(&k);
    ck_check_unit_between(&k);
    ck_check_restated(&k);
    ck_check_item_names(&k);
    ck_check_item_missing(&k);
    ck_check_operating(&k);
    ck_check_numbering(&k);
    ck_check_sections_present(&k);
    ck_cells_free(&k, room);
    return k.st;
}

jue_status jue_claims_audit(const jue_disclosure *d, const jue_catalog *cat, const jue_claim_checks *checks,
                            jue_findings *out)
{
    ck k = { d, cat, checks, out, JUE_OK, NULL, NULL };
    return run_checks(&k);
}

static const char *role_name(jue_claim_role r)
{
    static const char *const N[] = { "金额", "增减额", "增减率", "占比", "完成率", "预算数", "决算数", "数量", "日期",
                                     "错误数字", "占位文字", "决算与预算比较", "上年数", "决算与预算之差" };
    return (unsigned)r < sizeof N / sizeof N[0] ? N[r] : "?";
}

jue_status jue_claims_trace(const jue_disclosure *d, const jue_catalog *cat, const jue_claim_checks *checks,
                            jue_buf *out, jue_claims_coverage *cov)
{
    const jue_claims *cl = &d->claims;
    jue_claims_coverage c0 = { 0 };
    jue_findings scratch;
    jue_findings_init(&scratch);
    ck k = { d, cat, checks, &scratch, JUE_OK, calloc(cl->len ? cl->len : 1, sizeof(jue_buf)), NULL };
    if (!k.trace) return JUE_ERR_NOMEM;
    for (size_t i = 0; i < cl->len; i++) jue_buf_init(&k.trace[i]);
    jue_status st = run_checks(&k);
    jue_findings_free(&scratch);
    for (size_t i = 0; i < cl->len && st == JUE_OK; i++) {
        const jue_claim *c = &cl->items[i];
        const char *t = jue_buf_str(&k.trace[i]);
        c0.figures++;
        if (k.trace[i].len) c0.checked++;
        if (k.trace[i].len && strstr(t, "不符")) c0.failed++;
        if (!k.trace[i].len && c->role != JUE_ROLE_COUNT && c->role != JUE_ROLE_DATE) c0.unchecked_amounts++;
        if (!out) continue;
        char subj[256];
        snprintf(subj, sizeof subj, "%s", jue_subject_on(&c->subject) ? ck_subject_name(&k, &c->subject, 1) : "—");
        if (c->page > 0) jue_buf_printf(out, "%s:第%d页", d->source ? d->source : "", c->page);   /* a PDF: its page */
        else jue_buf_printf(out, "%s:%d:%d", d->source ? d->source : "", c->line, c->col);
        jue_buf_printf(out, "\t%s\t%s\t%s\t%s\n",
                       c->printed ? c->printed : "", role_name(c->role), subj,
                       k.trace[i].len ? t
                       : c->unsure ? "未核对：不知所指（“分别”“各”所分的数字与所列的项数目不一致，或比较的不是上年）"
                       : c->role == JUE_ROLE_COUNT ? "未核对：数量不在公开表中"
                       : c->role == JUE_ROLE_BUDGET ? "未核对：年初预算数不在公开表中（只用于核对完成率）"
                       : c->role == JUE_ROLE_SHARE && c->whole ? "未核对：“占……的”所说的基数在说明和公开表中都找不到"
                       : jue_subject_on(&c->subject) && !jue_fact_on(&c->fact) ? "未核对：公开表中没有这一项"
                       : jue_subject_on(&c->subject) ? "未核对：找不到可比的表中数字或算式"
                                    : "未核对：句中没有指明是哪一项");
    }
    for (size_t i = 0; i < cl->len; i++) jue_buf_free(&k.trace[i]);
    free(k.trace);
    if (cov) *cov = c0;
    return st;
}
