/* Changes on last year, completion rates and 决算/预算 directions:
 * claims.change, claims.balance-change, claims.completion, claims.zero-budget,
 * claims.direction. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claims_internal.h"

/* The figure a change of amt in direction sign started from: now ∓ amt
 * (last year's for a change on it, the budget for a gap). False on overflow. */
static bool before_change(jue_interval now, jue_interval amt, int sign, jue_interval *base)
{
    return sign < 0 ? jue_iv_add(now, amt, base) : jue_iv_sub(now, amt, base);
}

/* The rate a change amount gives on this year's figure, with the direction
 * sign: change ÷ (this year ∓ change). False when last year is not above 0. */
static bool change_rate(jue_interval now, jue_interval amt, int sign, jue_interval *ratio)
{
    jue_interval last;
    if (!before_change(now, amt, sign, &last)) return false;
    return last.lo > 0 && jue_iv_ratio(amt, last, ratio);
}

/* "增加1455.50万元，下降6.53%": the amount and the rate of one change go
 * opposite ways. This year's figure (now, may be NULL) says which word fits
 * when only one does. */
static void change_directions(ck *k, const jue_claim *c, const jue_claim *amt, const jue_interval *now)
{
    jue_interval r;
    bool by_amt = now && change_rate(*now, amt->iv, amt->sign, &r) && jue_iv_overlaps(r, jue_claim_pct_iv(c));
    bool by_pct = now && change_rate(*now, amt->iv, c->sign, &r) && jue_iv_overlaps(r, jue_claim_pct_iv(c));
    const char *aw = amt->sign < 0 ? "减少" : "增加", *pw = c->sign < 0 ? "下降" : "增长";
    char exp[96], act[96];
    snprintf(act, sizeof act, "%s%s，%s%s", aw, amt->printed, pw, c->printed);
    const jue_claim *at = by_amt && !by_pct ? c : by_pct && !by_amt ? amt : c;
    if (by_amt && !by_pct) snprintf(exp, sizeof exp, "%s%s", amt->sign < 0 ? "下降" : "增长", c->printed);
    else if (by_pct && !by_amt) snprintf(exp, sizeof exp, "%s%s", c->sign < 0 ? "减少" : "增加", amt->printed);
    else snprintf(exp, sizeof exp, "增减方向一致");
    ck_note(k, c, false, "增减额%s%s与增减率%s%s方向相反", aw, amt->printed, pw, c->printed);
    ck_report(k, C_CHANGE, at, exp, act, "%s比上年%s%s，却又%s%s：同一变动的增减方向前后矛盾%s%s",
           ck_subject_name(k, &c->subject, 1), aw, amt->printed, pw, c->printed,
           at == c && by_amt ? "，按金额计算应为" : at == amt ? "，按变动率计算应为" : "",
           at == c && by_amt ? exp : at == amt ? exp : "");
}

/* This year's figure stated in 元 where the change and its rate only hold in
 * 万元 ("机关运行经费支出127.19元，比上年增加17.96万元，增长16.44%"). */
static bool change_unit_slip(ck *k, const jue_claim *c, const jue_claim *amt, const jue_claim *now_c)
{
    jue_fen lo, hi;
    jue_interval r;
    if (!now_c || now_c->unit != JUE_UNIT_YUAN || !jue_fen_mul(now_c->iv.lo, 10000, &lo) ||
        !jue_fen_mul(now_c->iv.hi, 10000, &hi) || !change_rate((jue_interval){ lo, hi }, amt->iv, c->sign, &r) ||
        !jue_iv_overlaps(r, jue_claim_pct_iv(c)))
        return false;
    ck_note(k, now_c, false, "比上年%s%s、%s%s只在按万元计时成立", amt->sign < 0 ? "减少" : "增加", amt->printed,
         c->sign < 0 ? "下降" : "增长", c->printed);
    ck_report(k, C_UNIT, now_c, "万元", now_c->printed,
           "%s写作“%s”，而比上年%s%s、%s%s只有按万元计才成立：误将万元写作元", ck_subject_name(k, &c->subject, 1),
           now_c->printed, amt->sign < 0 ? "减少" : "增加", amt->printed, c->sign < 0 ? "下降" : "增长", c->printed);
    return true;
}

/* The budget stated right before a change in its sentence ("基本支出预算881300.39
 * 元，…同比减少166271.4元，下降15.87%"; "预算总额为1969万元，较上年减少221万
 * 元"): the change is the budget's, whose rate is figured on it — not on
 * the 决算 stated elsewhere. NULL when the amount before is none. */
static const jue_claim *budget_changed(const jue_claims *cl, const jue_claim *amt)
{
    const jue_claim *bud = NULL;
    for (size_t j = (size_t)(amt - cl->items); j-- > 0 && cl->items[j].sentence == amt->sentence;) {
        const jue_claim *p = &cl->items[j];
        if (p->is_percent || !jue_subject_same(&p->subject, &amt->subject)) continue;
        /* the 决算 stated too ("决算为27.46万元，完成预算29.6万元的92.8%，比上年
         * 增加…"): the change is the 决算's */
        if (p->role == JUE_ROLE_VALUE || p->role == JUE_ROLE_ACTUAL) return NULL;
        if (p->role == JUE_ROLE_BUDGET && !bud) bud = p;
    }
    return bud;
}

/* A change printed after the parts of a whole ("总预算37337407.64元，其中：基本
 * 支出预算488180.64元，项目支出预算36849227元，同比增加27125219.46元，增长
 * 265.6%") may be the whole's as well as the last part's: whether the change
 * and its rate hold on an amount stated earlier in the sentence, before the
 * amount the change follows (its whole by the 其中 list, else any such
 * amount of the same kind). */
static bool whole_changed(const jue_claims *cl, const jue_claim *amt, const jue_claim *c)
{
    const jue_claim *last = NULL;
    for (size_t j = (size_t)(amt - cl->items); j-- > 0 && cl->items[j].sentence == amt->sentence;) {
        const jue_claim *w = &cl->items[j];
        if (w->is_percent || (w->role != JUE_ROLE_VALUE && w->role != JUE_ROLE_ACTUAL && w->role != JUE_ROLE_BUDGET))
            continue;
        if (!last) { last = w; continue; }   /* the amount the change follows */
        if (last->parent >= 0 ? (size_t)last->parent != j : w->role != last->role) continue;
        jue_interval r;
        if (change_rate(w->iv, amt->iv, c->sign, &r) && jue_iv_overlaps(r, jue_claim_pct_iv(c))) return true;
    }
    return false;
}

void ck_check_change(ck *k, size_t i)
{
    const jue_claims *cl = &k->d->claims;
    const jue_claim *c = &cl->items[i];
    if (c->role != JUE_ROLE_CHANGE_PCT || c->sign == 0) return;
    const jue_claim *amt = ck_role_before(cl, i, JUE_ROLE_CHANGE);
    if (!amt) return;
    jue_interval now;
    const jue_claim *now_c = NULL;
    const jue_claim *bud = budget_changed(cl, amt);
    bool have_now = bud ? (now = bud->iv, now_c = bud, true) : ck_subject_iv_from(k, i, &c->subject, &c->fact, &now, &now_c);
    if (amt->sign != 0 && amt->sign != c->sign) {
        change_directions(k, c, amt, have_now ? &now : NULL);
        return;
    }
    if (!have_now) return;
    /* last year = this year ∓ change */
    jue_interval last;
    if (!before_change(now, amt->iv, c->sign, &last)) return;
    if (last.lo <= 0 && change_unit_slip(k, c, amt, now_c)) return;
    if (last.lo <= 0) {
        if (c->sign < 0 && c->value >= 999000000 && now.lo > 0) {
            ck_report(k, C_CHANGE, c, "小于100%", c->printed, "%s“下降%s”，但本年仍有支出（减少%s）",
                   ck_subject_name(k, &c->subject, 1), c->printed, amt->printed);
        }
        return;
    }
    jue_interval ratio;
    if (!jue_iv_ratio(amt->iv, last, &ratio)) return;
    jue_interval printed = jue_claim_pct_iv(c);
    char exp[96];
    bool agrees = jue_iv_overlaps(ratio, printed);
    if (agrees && !k->trace) return;
    ck_fmt_ppb(ratio, c, exp, sizeof exp);
    ck_note(k, c, agrees, "增减额%s ÷ 上年数（本年 %s 增减额）= %s", amt->printed, c->sign < 0 ? "+" : "−", exp);
    ck_note(k, amt, agrees, "与增减率%s互相核对", c->printed);
    if (agrees) return;
    if (whole_changed(cl, amt, c)) {
        ck_note(k, c, true, "按“其中”所属的总额计算相符：增减所指不明，不作核对");
        return;
    }
    ck_report(k, C_CHANGE, c, exp, c->printed, "%s比上年%s%s，按上年数计算变动率应为%s，说明中为%s",
           ck_subject_name(k, &c->subject, 1), c->sign < 0 ? "减少" : "增加", amt->printed, exp, c->printed);
}

/* This year's amount first stated for a subject in the notes, or NULL. */
static const jue_claim *stated_amount(const ck *k, const char *subject)
{
    const jue_claims *cl = &k->d->claims;
    for (size_t i = 0; i < cl->len; i++) {
        const jue_claim *c = &cl->items[i];
        if (c->role == JUE_ROLE_VALUE && !c->is_percent && !c->unsure && c->value > 0 &&
            jue_subject_is(&c->subject, subject) && !ck_dated_other_year(k, c))
            return c;
    }
    return NULL;
}

/* The two totals stated as different amounts ("收、支总计各是4125.49,4143.91
 * 万元", a published note): the document calls another pair 总计 (本年收入合计
 * and 本年支出合计, by its figures), so their changes are not compared; one
 * warning says the totals as printed do not balance. */
static bool totals_apart(ck *k, const char *in, const char *out)
{
    const jue_claim *a = stated_amount(k, in), *b = stated_amount(k, out);
    if (!a || !b || jue_iv_overlaps(a->iv, b->iv)) return false;
    ck_report(k, C_BALANCE_LEVEL, b, a->printed, b->printed,
              "%s与%s每年相等，说明中分别为%s和%s；若所说的是本年收入合计和本年支出合计，应照此写明", in, out,
              a->printed, b->printed);
    return true;
}

void ck_check_balance_change(ck *k)
{
    /* the totals table 01 and table 04 balance (DOMAIN.md: 收入总计 = 支出总计);
     * 本年收入合计 and 本年支出合计 differ by what is carried over, and so may
     * their changes ("本年收入合计、本年支出合计分别增加1500.00万元、1400.00万元") */
    static const char *const PAIRS[][2] = {
        { "收入总计", "支出总计" }, { "财政拨款收入总计", "财政拨款支出总计" },
    };
    const jue_claims *cl = &k->d->claims;
    for (size_t p = 0; p < sizeof PAIRS / sizeof PAIRS[0]; p++) {
        const jue_claim *a = NULL, *b = NULL;
        for (size_t i = 0; i < cl->len; i++) {
            const jue_claim *c = &cl->items[i];
            if (c->role != JUE_ROLE_CHANGE || !jue_subject_on(&c->subject) || !c->printed || !c->printed[0] || c->sign == 0) continue;
            if (!a && jue_subject_is(&c->subject, PAIRS[p][0])) a = c;
            if (!b && jue_subject_is(&c->subject, PAIRS[p][1])) b = c;
        }
        /* "其中收入减少…；支出减少…": both under the sentence's subject */
        if (!a || !b || totals_apart(k, PAIRS[p][0], PAIRS[p][1])) continue;
        bool agrees = a->sign == b->sign && jue_iv_overlaps(a->iv, b->iv);
        ck_note(k, b, agrees, "%s的增减额应等于%s的增减额%s", PAIRS[p][1], PAIRS[p][0], a->printed);
        ck_note(k, a, agrees, "%s的增减额应等于%s的增减额%s", PAIRS[p][0], PAIRS[p][1], b->printed);
        if (agrees) continue;
        ck_report(k, C_BALANCE, b, a->printed, b->printed,
               "%s与%s每年相等，增减额应当相同；说明中分别为%s%s和%s%s", PAIRS[p][0], PAIRS[p][1],
               a->sign < 0 ? "减少" : "增加", a->printed, b->sign < 0 ? "减少" : "增加", b->printed);
    }
}

/* A 三公 item's completion rate with no budget in its sentence ("公务接待费支出
 * 决算为A万元，完成预算的P%"): table 09 has the item's 预算数 and 决算数. A
 * zero budget is only traced here (the table, not the sentence, gives it). */
static void check_completion_t09(ck *k, size_t i, const jue_claim *act)
{
    const jue_claim *c = &k->d->claims.items[i];
    if (c->fact.col != JUE_COL_ACTUAL) return;
    jue_fact bfact = c->fact;
    bfact.col = JUE_COL_BUDGET;
    bool tok, rok;
    int t;
    const jue_cell *bc = ck_fact_cell(k, &bfact, &tok, &rok, &t), *ac = ck_fact_cell(k, &c->fact, &tok, &rok, &t);
    if (!bc || !ac) return;
    jue_interval biv = ck_cell_iv(bc), aiv = act ? act->iv : ck_cell_iv(ac);
    char bs[48], as[48];
    ck_fmt_cell(bc, bs, sizeof bs);
    if (act) snprintf(as, sizeof as, "%s", act->printed);
    else ck_fmt_cell(ac, as, sizeof as);
    if (biv.lo <= 0) {
        ck_note(k, c, false, "%s预算数为%s，不能计算完成率", jue_table_label(JUE_T09), bs);
        return;
    }
    jue_interval ratio;
    if (!jue_iv_ratio(aiv, biv, &ratio)) return;
    char exp[96];
    bool agrees = jue_iv_overlaps(ratio, jue_claim_pct_iv(c));
    if (agrees && !k->trace) return;
    ck_fmt_ppb(ratio, c, exp, sizeof exp);
    ck_note(k, c, agrees, "决算%s ÷ %s预算数%s = %s", as, jue_table_label(JUE_T09), bs, exp);
    if (agrees) return;
    ck_report(k, C_COMPLETION, c, exp, c->printed, "%s决算%s÷预算%s应为%s，说明中为%s", ck_subject_name(k, &c->subject, 1), as,
           bs, exp, c->printed);
}

/* The gap with a direction stated in the completion's sentence, of its
 * subject and against the same budget, opening or adjusted ("…，完成年初预算
 * 105.08%，决算数大于预算数3.15万元"; not "完成调整预算的100%，决算数大于
 * 年初预算数3.15万元"). */
static const jue_claim *signed_gap_near(const jue_claims *cl, size_t i)
{
    const jue_claim *c = &cl->items[i];
    size_t lo = i, hi = i + 1;
    while (lo > 0 && cl->items[lo - 1].sentence == c->sentence) lo--;
    while (hi < cl->len && cl->items[hi].sentence == c->sentence) hi++;
    for (size_t j = lo; j < hi; j++) {
        const jue_claim *p = &cl->items[j];
        if (p->role == JUE_ROLE_GAP && p->sign != 0 && !p->unsure && !p->is_percent && p->adjusted == c->adjusted &&
            jue_subject_same(&p->subject, &c->subject))
            return p;
    }
    return NULL;
}

/* A completion rate with no budget printed, but the 决算 and how far it is
 * above or below the budget: the budget is 决算 ∓ 差额, the rate 决算 ÷ it
 * (a gap of 0 says nothing the direction check does not). */
static void check_completion_by_gap(ck *k, size_t i, const jue_claim *act)
{
    const jue_claim *c = &k->d->claims.items[i], *gap = signed_gap_near(&k->d->claims, i);
    jue_interval bud, ratio;
    if (!gap || gap->value == 0) return;
    if (!before_change(act->iv, gap->iv, gap->sign, &bud)) return;
    if (bud.lo <= 0 || !jue_iv_ratio(act->iv, bud, &ratio)) return;
    char exp[96];
    ck_fmt_ppb(ratio, c, exp, sizeof exp);
    bool agrees = jue_iv_overlaps(ratio, jue_claim_pct_iv(c));
    ck_note(k, c, agrees, "决算%s，决算数%s预算数%s：完成率 = %s", act->printed, gap->sign > 0 ? "大于" : "小于",
            gap->printed, exp);
    if (agrees) return;
    ck_report(k, C_COMPLETION, c, exp, c->printed, "%s决算%s，决算数%s预算数%s，完成预算应为%s，说明中为%s",
              ck_subject_name(k, &c->subject, 1), act->printed, gap->sign > 0 ? "大于" : "小于", gap->printed, exp,
              c->printed);
}

void ck_check_completion(ck *k, size_t i)
{
    const jue_claims *cl = &k->d->claims;
    const jue_claim *c = &cl->items[i];
    if (c->role != JUE_ROLE_COMPLETION) return;
    const jue_claim *bud = ck_role_before(cl, i, JUE_ROLE_BUDGET);
    const jue_claim *act = ck_role_before(cl, i, JUE_ROLE_ACTUAL);
    if (!act) act = ck_amount_before(cl, i, &c->subject, false);
    if (!bud && jue_fact_table(&c->fact) == JUE_T09) {
        check_completion_t09(k, i, act);
        return;
    }
    if (!bud) {
        if (act) check_completion_by_gap(k, i, act);
        return;
    }
    if (bud->value == 0) {   /* "0万元" is a zero budget, whatever its printed precision */
        ck_note(k, c, false, "预算为%s，不能计算完成率", bud->printed);
        ck_report(k, C_ZERO_BUDGET, c, "不计算完成率", c->printed,
               "%s年初预算为%s，“完成年初预算的%s”没有意义", ck_subject_name(k, &c->subject, 1), bud->printed, c->printed);
        return;
    }
    if (!act || bud->iv.lo <= 0) return;
    jue_interval ratio;
    if (!jue_iv_ratio(act->iv, bud->iv, &ratio)) return;
    char exp[96];
    ck_fmt_ppb(ratio, c, exp, sizeof exp);
    bool agrees = jue_iv_overlaps(ratio, jue_claim_pct_iv(c));
    ck_note(k, c, agrees, "决算%s ÷ 预算%s = %s", act->printed, bud->printed, exp);
    ck_note(k, bud, agrees, "完成率%s的分母", c->printed);
    if (agrees) return;
    ck_report(k, C_COMPLETION, c, exp, c->printed, "%s决算%s÷预算%s应为%s，说明中为%s", ck_subject_name(k, &c->subject, 1),
           act->printed, bud->printed, exp, c->printed);
}

/* "决算数大于/小于/等于预算数" against the budget and actual stated just
 * before it (the same or the previous sentence, nothing else stated between):
 * the word must be possible for the printed figures. "基本持平" allows 5%. */
void ck_check_direction(ck *k, size_t i)
{
    const jue_claims *cl = &k->d->claims;
    const jue_claim *c = &cl->items[i];
    if (c->role != JUE_ROLE_DIRECTION) return;
    const jue_claim *bud = NULL, *act = NULL;
    for (size_t j = i; j-- > 0;) {
        const jue_claim *p = &cl->items[j];
        if (p->sentence < c->sentence - 1 || p->role == JUE_ROLE_DIRECTION) break;
        if (p->is_percent || p->unsure || (p->parent >= 0 && p->sentence != c->sentence) || p->role == JUE_ROLE_COUNT ||
            p->role == JUE_ROLE_DATE)
            continue;   /* a part after 其中 in the sentence before is no 决算 of this one */
        if (!act && (p->role == JUE_ROLE_ACTUAL || p->role == JUE_ROLE_VALUE)) act = p;
        if (p->role == JUE_ROLE_BUDGET) { bud = p; break; }
    }
    if (!bud || !act) return;
    bool ok;
    const char *want;
    if (c->sign > 0) ok = act->iv.hi > bud->iv.lo, want = "决算数应不大于预算数";
    else if (c->sign < 0) ok = act->iv.lo < bud->iv.hi, want = "决算数应不小于预算数";
    else if (!c->value) ok = jue_iv_overlaps(act->iv, bud->iv), want = "决算数与预算数不相等";
    else {
        jue_interval tol = { bud->iv.lo - bud->iv.hi / 20, bud->iv.hi + bud->iv.hi / 20 };
        ok = jue_iv_overlaps(act->iv, tol), want = "相差超过5%";
    }
    const char *rel = act->iv.lo > bud->iv.hi ? "决算数大于预算数" : act->iv.hi < bud->iv.lo ? "决算数小于预算数"
                                                                                         : "决算数等于预算数";
    ck_note(k, c, ok, "决算%s与预算%s比较：%s", act->printed, bud->printed, rel);
    if (ok) return;
    (void)want;
    ck_report(k, C_DIRECTION, c, rel, c->printed, "%s预算为%s，决算为%s，应为“%s”，说明中写作“%s”",
           jue_subject_on(&c->subject) ? ck_subject_name(k, &c->subject, 1) : "", bud->printed, act->printed, rel, c->printed);
}

/* A gap whose direction is not said ("支出2.05万元，年初预算为2.95万元，差值为
 * 0.9万元"): checked only against the two amounts right before it in its
 * sentence, one the budget and one the 决算 of the same subject (a 差额
 * elsewhere — 收支差额, a gap of other figures — is left alone). */
static void check_gap_unsigned(ck *k, size_t i)
{
    const jue_claims *cl = &k->d->claims;
    const jue_claim *c = &cl->items[i], *two[2] = { NULL, NULL };
    int n = 0;
    for (size_t j = i; j-- > 0 && n < 2 && cl->items[j].sentence == c->sentence;) {
        const jue_claim *p = &cl->items[j];
        if (p->role == JUE_ROLE_DATE || p->role == JUE_ROLE_COMPLETION) continue;   /* "完成年初预算的90.21%，…差异为" */
        if (p->is_percent || p->unsure || !jue_subject_same(&p->subject, &c->subject)) return;
        two[n++] = p;
    }
    if (n < 2) return;
    const jue_claim *bud = two[0]->role == JUE_ROLE_BUDGET ? two[0] : two[1]->role == JUE_ROLE_BUDGET ? two[1] : NULL;
    const jue_claim *act = bud == two[0] ? two[1] : two[0];
    if (!bud || (act->role != JUE_ROLE_VALUE && act->role != JUE_ROLE_ACTUAL)) return;
    jue_interval gap = { act->iv.lo - bud->iv.hi, act->iv.hi - bud->iv.lo };
    if (gap.hi <= 0) gap = (jue_interval){ -gap.hi, -gap.lo };
    else if (gap.lo < 0) gap = (jue_interval){ 0, gap.hi > -gap.lo ? gap.hi : -gap.lo };
    bool ok = jue_iv_overlaps(gap, c->iv);
    char exp[56];
    jue_fen d;
    if (!jue_fen_sub(act->value, bud->value, &d) || d == INT64_MIN) return;
    jue_fmt_wan(d < 0 ? -d : d, true, exp, sizeof exp - 8);
    strcat(exp, "万元");
    ck_note(k, c, ok, "决算%s与预算%s相差%s", act->printed, bud->printed, exp);
    if (ok) return;
    ck_report(k, C_DIRECTION, c, exp, c->printed, "%s预算为%s，决算为%s，两者相差应为%s，说明中为%s",
              jue_subject_on(&c->subject) ? ck_subject_name(k, &c->subject, 1) : "", bud->printed, act->printed, exp,
              c->printed);
}

/* A 三公 item's 预算数 in table 09, for a 决算 stated with its table 09 fact
 * and a gap on a budget the sentence does not print ("…决算数为6.79万元，比
 * 年初预算数减少2.21万元"): into *iv and, as the table prints it, b. */
static bool t09_budget(ck *k, const jue_claim *act, jue_interval *iv, char *b, size_t n)
{
    if (jue_fact_table(&act->fact) != JUE_T09 || act->fact.col != JUE_COL_ACTUAL) return false;
    jue_fact bfact = act->fact;
    bfact.col = JUE_COL_BUDGET;
    bool tok, rok;
    int t;
    const jue_cell *bc = ck_fact_cell(k, &bfact, &tok, &rok, &t);
    if (!bc || !bc->present) return false;
    *iv = ck_cell_iv(bc);
    char cs[48];
    ck_fmt_cell(bc, cs, sizeof cs);
    snprintf(b, n, "%s（%s）", cs, jue_table_label(JUE_T09));
    return true;
}

/* The rate printed right after a gap with a direction ("与2020年度预算相比，
 * 增加1.5万元，增长10.14%"): the gap on the budget — the one stated, else
 * 决算 ∓ 差额. The reader sets such a rate aside (no year-on-year check
 * takes it); this is its one check. */
static void check_gap_rate(ck *k, size_t i, const jue_claim *act, const jue_claim *bud)
{
    const jue_claims *cl = &k->d->claims;
    const jue_claim *c = &cl->items[i], *r = i + 1 < cl->len ? &cl->items[i + 1] : NULL;
    if (!r || r->sentence != c->sentence || r->role != JUE_ROLE_CHANGE_PCT || r->sign != c->sign || !r->is_percent)
        return;
    jue_interval ratio;
    if (bud ? !(bud->iv.lo > 0 && jue_iv_ratio(c->iv, bud->iv, &ratio)) : !change_rate(act->iv, c->iv, c->sign, &ratio))
        return;
    char exp[96];
    ck_fmt_ppb(ratio, r, exp, sizeof exp);
    bool ok = jue_iv_overlaps(ratio, jue_claim_pct_iv(r));
    ck_note(k, r, ok, "差额%s ÷ 预算数%s = %s", c->printed, bud ? bud->printed : "（决算 ∓ 差额）", exp);
    if (ok) return;
    ck_report(k, C_DIRECTION, r, exp, r->printed, "%s比预算%s%s，按预算数计算变动率应为%s，说明中为%s",
              jue_subject_on(&c->subject) ? ck_subject_name(k, &c->subject, 1) : "", c->sign > 0 ? "增加" : "减少",
              c->printed, exp, r->printed);
}

/* "决算数大于年初预算数3.15万元": the gap against the budget and actual
 * stated before it (as ck_check_direction finds them): actual − budget,
 * within the rounding of the three printed figures. */
void ck_check_gap(ck *k, size_t i)
{
    const jue_claims *cl = &k->d->claims;
    const jue_claim *c = &cl->items[i];
    if (c->role != JUE_ROLE_GAP) return;
    if (c->sign == 0) {
        check_gap_unsigned(k, i);
        return;
    }
    const jue_claim *bud = NULL, *act = NULL;
    for (size_t j = i; j-- > 0;) {
        const jue_claim *p = &cl->items[j];
        if (p->sentence < c->sentence - 1) break;
        if (p->is_percent || p->role == JUE_ROLE_COUNT || p->role == JUE_ROLE_DATE || p->role == JUE_ROLE_DIRECTION ||
            p->unsure || (p->parent >= 0 && p->sentence != c->sentence))
            continue;   /* a part after 其中 in the sentence before, or a figure not understood, is no 决算 */
        if (jue_subject_on(&c->subject) && !jue_subject_same(&p->subject, &c->subject))
            continue;   /* "公务接待费…比预算减少1.32万元": not the 三公 budget stated before */
        if (!act && (p->role == JUE_ROLE_ACTUAL || p->role == JUE_ROLE_VALUE)) act = p;
        if (!bud && p->role == JUE_ROLE_BUDGET) bud = p;
        /* "总额6.79万元，比预算9.00万元少2.21万元": the 决算 may come first */
        if (bud && (act || p->sentence != c->sentence)) break;
    }
    jue_interval biv;
    char bs[64];
    if (!act) return;
    check_gap_rate(k, i, act, bud);
    if (bud) {
        biv = bud->iv;
        snprintf(bs, sizeof bs, "%s", bud->printed);
    } else if (c->adjusted || !t09_budget(k, act, &biv, bs, sizeof bs)) {
        return;
    }
    jue_interval gap = { act->iv.lo - biv.hi, act->iv.hi - biv.lo };
    if (c->sign < 0) gap = (jue_interval){ -gap.hi, -gap.lo };
    bool ok = jue_iv_overlaps(gap, c->iv);
    char exp[56];
    jue_fmt_wan((gap.lo + gap.hi) / 2, true, exp, sizeof exp - 8);
    strcat(exp, "万元");
    ck_note(k, c, ok, "决算%s − 预算%s = %s", act->printed, bs, exp);
    if (ok) return;
    ck_report(k, C_DIRECTION, c, exp, c->printed, "%s预算为%s，决算为%s，决算数%s预算数应为%s，说明中为%s",
              jue_subject_on(&c->subject) ? ck_subject_name(k, &c->subject, 1) : "", bs, act->printed,
              c->sign > 0 ? "大于" : "小于", exp, c->printed);
}

/* Whether c is last year's amount: read as such ("上年为109.23万元"), or
 * dated by last year opening its clause ("…，2023年度为109.23万元"). */
static bool last_years_amount(const ck *k, const jue_claim *c)
{
    if (c->is_percent || c->unsure || !jue_subject_on(&c->subject)) return false;
    if (c->role == JUE_ROLE_PREVIOUS) return true;
    if (c->role != JUE_ROLE_VALUE && c->role != JUE_ROLE_ACTUAL) return false;
    const jue_claims *cl = &k->d->claims;
    for (size_t j = (size_t)(c - cl->items); j-- > 0 && cl->items[j].sentence == c->sentence;) {
        const jue_claim *p = &cl->items[j];
        if (p->role == JUE_ROLE_DATE)
            return p->opens && k->d->year && p->value == k->d->year - 1 && p->printed && !strstr(p->printed, "12月31日");
    }
    return false;
}

static bool amount_of_this_year(const ck *k, const jue_claim *p, const jue_claim *last)
{
    return (p->role == JUE_ROLE_VALUE || p->role == JUE_ROLE_ACTUAL) && !p->is_percent && !p->unsure &&
           p->parent == last->parent && jue_subject_same(&p->subject, &last->subject) && !last_years_amount(k, p) &&
           !ck_dated_other_year(k, p);
}

/* This year's amount of last's subject in its sentence: the nearest before
 * it, else after it; none dated by another year. */
static const jue_claim *this_years_amount(const ck *k, const jue_claim *last)
{
    const jue_claims *cl = &k->d->claims;
    size_t i = (size_t)(last - cl->items);
    const jue_claim *after = NULL;
    for (size_t j = i; j-- > 0 && cl->items[j].sentence == last->sentence;)
        if (amount_of_this_year(k, &cl->items[j], last)) return &cl->items[j];
    for (size_t j = i + 1; j < cl->len && cl->items[j].sentence == last->sentence && !after; j++)
        if (amount_of_this_year(k, &cl->items[j], last)) after = &cl->items[j];
    return after;
}

/* The first claim of a role after c in its sentence, of its subject, with a
 * direction. */
static const jue_claim *change_after(const jue_claims *cl, const jue_claim *c, jue_claim_role role)
{
    for (size_t j = (size_t)(c - cl->items) + 1; j < cl->len && cl->items[j].sentence == c->sentence; j++) {
        const jue_claim *p = &cl->items[j];
        if (p->role == role && p->sign != 0 && !p->unsure && jue_subject_same(&p->subject, &c->subject)) return p;
    }
    return NULL;
}

/* Last year's amount printed beside this year's in one sentence ("机关运行经费
 * 支出127.19万元，上年为109.23万元，增加17.96万元"; "…，2023年度为109.23万
 * 元，增长16.44%"): the change stated is their difference, and a rate with
 * no change amount is that difference on last year's (one with an amount is
 * checked on it, ck_check_change). */
void ck_check_previous(ck *k, size_t i)
{
    const jue_claims *cl = &k->d->claims;
    const jue_claim *last = &cl->items[i], *now = NULL;
    if (!last_years_amount(k, last) || !(now = this_years_amount(k, last))) return;
    const jue_claim *amt = change_after(cl, last, JUE_ROLE_CHANGE), *pct = change_after(cl, last, JUE_ROLE_CHANGE_PCT);
    jue_interval diff, ratio;
    if ((!amt && !pct) || !jue_iv_sub(now->iv, last->iv, &diff)) return;
    const jue_claim *c = amt ? amt : pct;
    jue_interval want = c->sign > 0 ? diff : jue_iv_neg(diff);
    char exp[64], act[64];
    jue_fen d = (diff.lo + diff.hi) / 2;
    if (amt) {
        bool ok = jue_iv_overlaps(want, amt->iv);
        jue_fmt_wan(d < 0 ? -d : d, true, exp + 6, sizeof exp - 16);
        memcpy(exp, d < 0 ? "减少" : "增加", 6);
        strcat(exp, "万元");
        ck_note(k, amt, ok, "本年%s − 上年%s：%s", now->printed, last->printed, exp);
        if (ok) return;
        snprintf(act, sizeof act, "%s%s", amt->sign < 0 ? "减少" : "增加", amt->printed);
        ck_report(k, C_CHANGE, amt, exp, act, "%s本年为%s，上年为%s，应为%s，说明中为%s", ck_subject_name(k, &c->subject, 1),
                  now->printed, last->printed, exp, act);
        return;
    }
    if (last->iv.lo <= 0) return;
    /* the direction the two amounts give (either, when they may be equal) */
    int dir = diff.lo > 0 ? 1 : diff.hi < 0 ? -1 : 0;
    jue_interval mag = dir < 0 ? jue_iv_neg(diff) : diff;
    if (mag.lo < 0) mag.lo = 0;
    if (!jue_iv_ratio(mag, last->iv, &ratio)) return;
    bool ok = (dir == 0 || dir == pct->sign) && jue_iv_overlaps(ratio, jue_claim_pct_iv(pct));
    int ew = dir ? dir : pct->sign;
    memcpy(exp, ew < 0 ? "下降" : "增长", 6);
    ck_fmt_ppb(ratio, pct, exp + 6, sizeof exp - 6);
    ck_note(k, pct, ok, "（本年%s − 上年%s）÷ 上年 = %s", now->printed, last->printed, exp);
    if (ok) return;
    snprintf(act, sizeof act, "%s%s", pct->sign < 0 ? "下降" : "增长", pct->printed);
    ck_report(k, C_CHANGE, pct, exp, act, "%s本年为%s，上年为%s，变动率应为%s，说明中为%s",
              ck_subject_name(k, &c->subject, 1), now->printed, last->printed, exp, act);
}
