/* Checks across years: a change on last year stated in this year's notes
 * against last year's disclosure of the same department. */
#include <stdio.h>
#include <string.h>

#include "claims_internal.h"

typedef struct {
    const jue_disclosure *d, *prev;
    const jue_table *t;
    const jue_cell *now, *last;
    int row, col;
} pair;

/* The cell a claim's fact names in both years, each printed. */
static bool find_pair(const jue_disclosure *d, const jue_disclosure *prev, const jue_claim *c, pair *p)
{
    int t, r, col, pt, pr, pc;
    if (!jue_fact_ref(d, &c->fact, &t, &r, &col) || !jue_fact_ref(prev, &c->fact, &pt, &pr, &pc)) return false;
    *p = (pair){ d, prev, d->tables[t], jue_table_cell_c(d->tables[t], (size_t)r, (size_t)col),
                 jue_table_cell_c(prev->tables[pt], (size_t)pr, (size_t)pc), r, col };
    return p->now->present && p->last->present;
}

static void place(const jue_cell *c, const jue_row *r, char *b, size_t n)
{
    int line = c->src_line ? c->src_line : r->src_line, page = c->src_page ? c->src_page : r->src_page;
    if (page > 0) snprintf(b, n, "第%d页", page);
    else if (line > 0) snprintf(b, n, "第%d行", line);
    else snprintf(b, n, "表中");
}

static void wan(jue_fen v, char *b, size_t n)
{
    jue_fmt_wan(v < 0 ? -v : v, true, b, n);
    strncat(b, "万元", n - strlen(b) - 1);
}

/* "收入总计" for a named line, "2101501 行政运行" for a code row. */
static void row_name(const jue_row *r, char *b, size_t n)
{
    if (r->level == JUE_LEVEL_NONE || !r->name) snprintf(b, n, "%s", r->key);
    else snprintf(b, n, "%s %s", r->key, r->name);
}

static jue_status report(const pair *p, const jue_claim *c, int sev, const char *expected, const char *why,
                         jue_findings *out)
{
    const jue_row *row = &p->t->rows[p->row];
    int pt, pr, pc;
    jue_fact_ref(p->prev, &c->fact, &pt, &pr, &pc);
    char now[48], last[48], where_now[32], where_last[32], name[160], msg[1024];
    wan(p->now->printed, now, sizeof now);
    wan(p->last->printed, last, sizeof last);
    place(p->now, row, where_now, sizeof where_now);
    place(p->last, &p->prev->tables[pt]->rows[pr], where_last, sizeof where_last);
    row_name(row, name, sizeof name);
    const char *dir = c->role == JUE_ROLE_CHANGE_PCT ? (c->sign < 0 ? "下降" : "增长")
                      : c->sign < 0                  ? "减少"
                      : c->sign > 0                  ? "增加"
                                                     : "持平";
    snprintf(msg, sizeof msg,
             "说明中%s比上年%s%s；本年%s“%s”%s为%s（%s），上年度决算（%s，%s）为%s，%s；若上年数经过调整，应在说明中写明",
             name, dir, c->sign || c->role == JUE_ROLE_CHANGE_PCT ? c->printed : "", jue_table_printed_label(p->t),
             name, p->t->cols[p->col].key, now, where_now, p->prev->source ? p->prev->source : "存储", where_last,
             last, why);
    jue_finding f = { .rule = "claims.cross-year", .severity = (jue_severity)sev, .message = msg,
                      .file = p->d->source, .line = c->line, .table = -1,
                      .expected = (char *)expected, .actual = c->printed };
    return jue_findings_add(out, &f);
}

/* The change as printed (sign × amount, 持平 = 0 within the printed precision). */
static jue_interval stated_change(const jue_claim *c)
{
    jue_interval iv = c->iv;
    if (c->sign < 0) return jue_iv_neg(iv);
    if (c->sign == 0) return (jue_interval){ -(iv.hi - iv.lo) / 2 - 5000, (iv.hi - iv.lo) / 2 + 5000 };
    return iv;
}

static jue_status check_amount(const pair *p, const jue_claim *c, int sev, jue_findings *out)
{
    jue_interval actual;
    if (!jue_iv_sub(p->now->iv, p->last->iv, &actual) || jue_iv_overlaps(actual, stated_change(c))) return JUE_OK;
    char amount[48], exp[64], why[80];
    jue_fen mid = p->now->printed - p->last->printed;
    wan(mid, amount, sizeof amount);
    snprintf(exp, sizeof exp, "%s%s", mid < 0 ? "减少" : mid > 0 ? "增加" : "持平", mid ? amount : "");
    snprintf(why, sizeof why, "实际%s", exp);
    return report(p, c, sev, exp, why, out);
}

static jue_status check_percent(const pair *p, const jue_claim *c, int sev, jue_findings *out)
{
    jue_interval change, ratio;
    if (p->last->iv.lo <= 0 || !jue_iv_sub(p->now->iv, p->last->iv, &change) ||
        !jue_iv_ratio(change, p->last->iv, &ratio))
        return JUE_OK;
    jue_interval printed = jue_claim_pct_iv(c);
    if (c->sign < 0) printed = jue_iv_neg(printed);
    if (jue_iv_overlaps(ratio, printed)) return JUE_OK;
    char pct[40], exp[48], why[96];
    int64_t mid = (ratio.lo + ratio.hi) / 2;
    jue_fmt_percent(mid < 0 ? -mid : mid, 2, pct, sizeof pct);
    snprintf(exp, sizeof exp, "%s%s", mid < 0 ? "下降" : "增长", pct);
    snprintf(why, sizeof why, "按两年决算数计算应%s", exp);
    return report(p, c, sev, exp, why, out);
}

jue_status jue_claims_cross_year(const jue_disclosure *d, const jue_disclosure *prev, const jue_claim_checks *checks,
                                 jue_findings *out)
{
    int sev = jue_claim_check_severity(checks, "claims.cross-year");
    if (sev < 0 || !prev) return JUE_OK;
    for (size_t i = 0; i < d->claims.len; i++) {
        const jue_claim *c = &d->claims.items[i];
        pair p;
        if ((c->role != JUE_ROLE_CHANGE && c->role != JUE_ROLE_CHANGE_PCT) || !find_pair(d, prev, c, &p)) continue;
        jue_status st = c->role == JUE_ROLE_CHANGE ? check_amount(&p, c, sev, out) : check_percent(&p, c, sev, out);
        if (st != JUE_OK) return st;
    }
    return JUE_OK;
}
