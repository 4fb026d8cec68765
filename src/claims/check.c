/* Checks of the explanatory notes: each claim against the table fact it
 * names, and the arithmetic of each sentence. All comparisons are on
 * intervals, so rounding tails are never errors. */
#include <juesuan/claims_audit.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claims_internal.h"
#include "core/yaml_tree.h"

typedef enum {
    C_FACT, C_UNIT, C_MALFORMED, C_SHARE, C_CHANGE, C_BALANCE, C_COMPLETION, C_ZERO_BUDGET, C_PARTS,
    C_DATE, C_ITEM_NAME, C_ITEM_TABLE, C_ITEM_MISSING, C_OPERATING, C_PLACEHOLDER, C_NUMBERING,
    C_SECTION_MISSING, C_DIRECTION, C_COUNT_ZERO, C_ITEM_UNLISTED, C_THREE_PUBLIC, C_CROSS_YEAR, C_NO_PERCENT,
    C_NO_UNIT, C_STALE_YEAR, C_N
} check_id;

static const char *const CHECK_NAMES[C_N] = {
    "claims.fact", "claims.unit", "claims.malformed", "claims.share", "claims.change", "claims.balance-change",
    "claims.completion", "claims.zero-budget", "claims.parts", "claims.date", "claims.item-name",
    "claims.item-table", "claims.item-missing", "claims.operating", "claims.placeholder", "claims.numbering",
    "claims.section-missing", "claims.direction", "claims.count-zero", "claims.item-unlisted", "claims.three-public",
    "claims.cross-year", "claims.no-percent", "claims.no-unit", "claims.stale-year",
};

#define MAX_REQUIRED 32

struct jue_claim_checks {
    int severity[C_N];   /* jue_severity, or -1 = off */
    /* required_sections: topics the notes must have a section on, each a
     * list of alternative phrases "三公|三公经费" (owned) */
    char *required[MAX_REQUIRED];
    size_t nrequired;
};

void jue_claim_checks_free(jue_claim_checks *c)
{
    if (!c) return;
    for (size_t i = 0; i < c->nrequired; i++) free(c->required[i]);
    free(c);
}

jue_status jue_claim_checks_load(const char *path, jue_claim_checks **out, jue_diags *diags)
{
    *out = NULL;
    jue_ynode *root = NULL;
    jue_status st = jue_yaml_load(path, "rules/claims.yaml", "the claim checks", &root, diags);
    if (st != JUE_OK) return st;
    jue_claim_checks *c = calloc(1, sizeof *c);
    if (!c) { jue_ynode_free(root); return JUE_ERR_NOMEM; }
    const jue_ynode *m = jue_ymap_get(root, "checks");
    size_t errs = diags->errors;
    if (m && m->type == JUE_Y_MAP) {
        for (size_t i = 0; i + 1 < m->n; i += 2) {
            const jue_ynode *k = m->items[i], *v = m->items[i + 1];
            int id = -1;
            for (int q = 0; q < C_N; q++)
                if (k->type == JUE_Y_SCALAR && !strcmp(k->value, CHECK_NAMES[q])) id = q;
            if (id < 0) {
                jue_diag_add(diags, JUE_SEV_ERROR, path, k->line, k->col, "unknown check '%s'",
                             k->type == JUE_Y_SCALAR ? k->value : "?");
                continue;
            }
            const char *sv = v->type == JUE_Y_SCALAR ? v->value : "";
            if (!strcmp(sv, "error")) c->severity[id] = JUE_SEV_ERROR;
            else if (!strcmp(sv, "warning")) c->severity[id] = JUE_SEV_WARNING;
            else if (!strcmp(sv, "info")) c->severity[id] = JUE_SEV_INFO;
            else if (!strcmp(sv, "off")) c->severity[id] = -1;
            else jue_diag_add(diags, JUE_SEV_ERROR, path, v->line, v->col, "severity must be error, warning, info or off");
        }
    }
    const jue_ynode *rq = jue_ymap_get(root, "required_sections");
    if (rq && rq->type != JUE_Y_SEQ) {
        jue_diag_add(diags, JUE_SEV_ERROR, path, rq->line, rq->col, "required_sections must be a list of phrases");
    } else if (rq) {
        for (size_t i = 0; i < rq->n; i++) {
            const jue_ynode *v = rq->items[i];
            if (v->type != JUE_Y_SCALAR || !*v->value) {
                jue_diag_add(diags, JUE_SEV_ERROR, path, v->line, v->col, "a required section is a phrase (\"三公|三公经费\")");
            } else if (c->nrequired == MAX_REQUIRED) {
                jue_diag_add(diags, JUE_SEV_ERROR, path, v->line, v->col, "more than %d required sections", MAX_REQUIRED);
                break;
            } else if (!(c->required[c->nrequired++] = jue_strdup(v->value))) {
                c->nrequired--;
                st = JUE_ERR_NOMEM;
                break;
            }
        }
    }
    jue_ynode_free(root);
    if (st != JUE_OK || diags->errors != errs) {
        jue_claim_checks_free(c);
        return st != JUE_OK ? st : JUE_ERR_INVALID;
    }
    *out = c;
    return JUE_OK;
}

/* ---------- helpers ---------- */

typedef struct {
    const jue_disclosure *d;
    const jue_catalog *cat;
    const jue_claim_checks *checks;
    jue_findings *out;
    jue_status st;
    jue_buf *trace;       /* per claim: what it was checked against (NULL = not tracing) */
} ck;

/* Records, for --trace, what claim c was compared with and whether it held.
 * A claim may be checked more than once (a value, and the whole of a share). */
static void note(ck *k, const jue_claim *c, bool ok, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void note(ck *k, const jue_claim *c, bool ok, const char *fmt, ...)
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

static int sev(const ck *k, check_id id) { return k->checks ? k->checks->severity[id] : JUE_SEV_ERROR; }

static void report(ck *k, check_id id, const jue_claim *c, const char *expected, const char *actual,
                   const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void report(ck *k, check_id id, const jue_claim *c, const char *expected, const char *actual,
                   const char *fmt, ...)
{
    int s = sev(k, id);
    if (s < 0) return;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    jue_finding f = { 0 };
    f.rule = (char *)CHECK_NAMES[id];
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

/* How a subject reads in a message: "项:2101501" → "2101501 行政运行（项）". */
static const char *subject_name(const ck *k, const char *subject, int which)
{
    static char buf[2][160];
    char *b = buf[which & 1];
    if (!subject) return "该数字";
    if (!strncmp(subject, "项:", 4) || !strncmp(subject, "类:", 4)) {
        const char *code = subject + 4;
        const char *nm = k->cat ? jue_catalog_name(k->cat, JUE_CAT_FUNCTIONAL, code, k->d->year) : NULL;
        /* a code the catalog does not list: its name as the tables print it */
        for (int t = 0; !nm && t < JUE_NTABLES; t++) {
            const jue_table *tab = k->d->tables[t];
            int r = tab ? jue_table_find_row(tab, code, JUE_SIDE_NONE) : -1;
            if (r >= 0) nm = tab->rows[r].name;
        }
        snprintf(b, sizeof buf[0], "%s %s（%s）", code, nm ? nm : "", !strncmp(subject, "项", 3) ? "项" : "类");
        return b;
    }
    if (!strcmp(subject, "项?")) return "该项级科目";
    return subject;
}

/* "T05/合计/基本支出" → the cell (or NULL), and whether the table and row exist. */
static const jue_cell *fact_cell(const jue_disclosure *d, const char *fact, bool *table_ok, bool *row_ok,
                                 int *table_out)
{
    int t = -1, r = -1, c = -1;
    bool found = jue_fact_ref(d, fact, &t, &r, &c);
    *table_ok = t >= 0 && d->tables[t];
    *row_ok = found;
    if (t >= 0) *table_out = t;
    return found ? jue_table_cell_c(d->tables[t], (size_t)r, (size_t)c) : NULL;
}

static jue_interval cell_iv(const jue_cell *c)
{
    return c->present ? c->iv : (jue_interval){ 0, 0 };
}

static void fmt_cell(const jue_cell *c, char *b, size_t n)
{
    if (!c->present) { snprintf(b, n, "空（0）"); return; }
    jue_fmt_wan(c->printed, true, b, n);
    strncat(b, "万元", n - strlen(b) - 1);
}

static jue_interval pct_iv(const jue_claim *c) { return jue_claim_pct_iv(c); }

static void fmt_ppb(jue_interval iv, char *b, size_t n)
{
    char lo[32], hi[32];
    jue_fmt_percent(iv.lo, 2, lo, sizeof lo);
    jue_fmt_percent(iv.hi, 2, hi, sizeof hi);
    if (!strcmp(lo, hi)) snprintf(b, n, "%s", lo);
    else snprintf(b, n, "%s–%s", lo, hi);
}

static const jue_claim *amount_before(const jue_claims *cl, size_t i, const char *subject, bool any_role)
{
    const jue_claim *c = &cl->items[i];
    for (size_t j = i; j-- > 0;) {
        const jue_claim *p = &cl->items[j];
        if (p->sentence != c->sentence) break;
        if (p->is_percent || p->role == JUE_ROLE_DATE || p->role == JUE_ROLE_COUNT || p->role == JUE_ROLE_MALFORMED)
            continue;
        if (!any_role && p->role != JUE_ROLE_VALUE && p->role != JUE_ROLE_ACTUAL) continue;
        if (subject && (!p->subject || strcmp(p->subject, subject))) continue;
        if (!p->printed || !p->printed[0] || (p->role == JUE_ROLE_CHANGE && !p->printed[0])) continue;
        return p;
    }
    return NULL;
}

static const jue_claim *role_before(const jue_claims *cl, size_t i, jue_claim_role role)
{
    const jue_claim *c = &cl->items[i];
    for (size_t j = i; j-- > 0;) {
        const jue_claim *p = &cl->items[j];
        if (p->sentence != c->sentence) break;
        if (p->role != role || p->is_percent) continue;
        /* the same subject, or none named for either ("全年预算数…，执行数…，完成预算的…") */
        if (p->subject ? c->subject && !strcmp(p->subject, c->subject) : !c->subject) return p;
    }
    return NULL;
}

/* A stated figure's interval — unless it contradicts its own table fact
 * (that is reported once, by claims.fact), in which case the fact's, so one
 * wrong figure does not also fail every share computed from it. */
static jue_interval trusted_iv(const ck *k, const jue_claim *c)
{
    bool tok, rok;
    int t;
    const jue_cell *cell = c->fact ? fact_cell(k->d, c->fact, &tok, &rok, &t) : NULL;
    if (cell && !jue_iv_overlaps(c->iv, cell_iv(cell))) return cell_iv(cell);
    return c->iv;
}

static bool same_str(const char *a, const char *b) { return a ? b && !strcmp(a, b) : !b; }

/* The first amount (a value or 决算, its unit written) stated anywhere in the
 * notes for the subject with the same table fact, or NULL. */
static const jue_claim *stated_anywhere(const jue_claims *cl, const char *subject, const char *fact)
{
    for (size_t j = 0; subject && j < cl->len; j++) {
        const jue_claim *p = &cl->items[j];
        if (!p->is_percent && !p->no_unit && p->unit != JUE_UNIT_NONE &&
            (p->role == JUE_ROLE_VALUE || p->role == JUE_ROLE_ACTUAL) && same_str(p->subject, subject) &&
            same_str(p->fact, fact))
            return p;
    }
    return NULL;
}

/* The interval for a subject: a figure stated for it in the sentence, else
 * its table fact, else a figure stated for it elsewhere in the notes. *from:
 * the claim it was taken from (NULL for the table fact; may be NULL). */
static bool subject_iv_from(const ck *k, size_t i, const char *subject, const char *fact, jue_interval *out,
                            const jue_claim **from)
{
    const jue_claim *p = amount_before(&k->d->claims, i, subject, false);
    bool tok, rok;
    int t;
    tok = false;
    const jue_cell *cell = p ? NULL : fact_cell(k->d, fact, &tok, &rok, &t);
    /* a figure with no table fact, or whose table lacks the row: stated
     * elsewhere in the notes. Not when its table was not read (set aside, or
     * lost by the door): the statement is what the table would have checked */
    if (!p && !cell && (!fact || tok)) p = stated_anywhere(&k->d->claims, subject, fact);
    if (from) *from = p;
    if (p) { *out = trusted_iv(k, p); return true; }
    if (cell) { *out = cell_iv(cell); return true; }
    return false;
}

static bool subject_iv(const ck *k, size_t i, const char *subject, const char *fact, jue_interval *out)
{
    return subject_iv_from(k, i, subject, fact, out, NULL);
}

/* ---------- the checks ---------- */

/* Whether claim c is dated by a year opening its sentence that is not the
 * accounts' year ("2023年度收入总计22486.12万元"): a statement about that
 * year, which this year's tables do not hold. */
static bool dated_other_year(const ck *k, const jue_claim *c)
{
    const jue_claims *cl = &k->d->claims;
    for (size_t j = (size_t)(c - cl->items); j-- > 0 && cl->items[j].sentence == c->sentence;) {
        const jue_claim *p = &cl->items[j];
        if (p->role == JUE_ROLE_DATE) return p->opens && k->d->year && p->value != k->d->year;
    }
    return false;
}

static void check_fact(ck *k, const jue_claim *c)
{
    if (c->is_percent || !c->fact ||
        (c->role != JUE_ROLE_VALUE && c->role != JUE_ROLE_ACTUAL && c->role != JUE_ROLE_BUDGET))
        return;
    bool tok, rok;
    int t = -1;
    const jue_cell *cell = fact_cell(k->d, c->fact, &tok, &rok, &t);
    if (!tok) return;   /* a missing table is reported by the table rules */
    if (!rok) {
        if (c->subject && !strncmp(c->subject, "项:", 4) && c->iv.hi != 0) {
            char exp[128];
            snprintf(exp, sizeof exp, "%s中的%s行", jue_table_label((jue_table_id)t), c->subject + 4);
            report(k, C_ITEM_TABLE, c, exp, c->printed,
                   "说明中列出项级科目%s（%s），但%s《%s》中没有该科目——资金性质或科目归属有误",
                   subject_name(k, c->subject, 0), c->printed, jue_table_label((jue_table_id)t),
                   jue_table_title((jue_table_id)t));
        }
        return;
    }
    jue_interval civ = cell_iv(cell);
    char exp[64];
    bool agrees = jue_iv_overlaps(c->iv, civ);
    if (!agrees && dated_other_year(k, c)) return;   /* claims.stale-year says it */
    /* figures are formatted only when they are shown (a trace, a finding) */
    if (agrees && !k->trace) return;
    fmt_cell(cell, exp, sizeof exp);
    note(k, c, agrees, "%s %s = %s", jue_table_label((jue_table_id)t), c->fact + 4, exp);
    if (agrees) return;
    /* 元 for 万元 (or the reverse): the same digits, 10,000 times off */
    jue_interval scaled;
    bool unit_slip = false;
    bool near = false;
    if (c->unit == JUE_UNIT_YUAN) {
        jue_fen lo, hi;
        if (jue_fen_mul(c->iv.lo, 10000, &lo) && jue_fen_mul(c->iv.hi, 10000, &hi)) {
            scaled = (jue_interval){ lo, hi };
            unit_slip = jue_iv_overlaps(scaled, civ);
            /* read as 万元 it is close to the table (within 10%): a unit slip
             * and a wrong figure at once ("基本支出154.78元" for 160.72万元) */
            jue_fen tol = civ.hi / 10;
            near = !unit_slip && civ.hi > 0 && scaled.hi >= civ.lo - tol && scaled.lo <= civ.hi + tol;
        }
    } else if (c->unit == JUE_UNIT_WAN) {
        scaled = (jue_interval){ c->iv.lo / 10000 - 1, c->iv.hi / 10000 + 1 };
        unit_slip = c->iv.hi != 0 && jue_iv_overlaps(scaled, civ);
    }
    if (unit_slip) {
        report(k, C_UNIT, c, exp, c->printed, "%s写作“%s”，表中为%s：误将%s写作%s",
               subject_name(k, c->subject, 1), c->printed, exp, c->unit == JUE_UNIT_YUAN ? "万元" : "元",
               c->unit == JUE_UNIT_YUAN ? "元" : "万元");
        return;
    }
    if (near) {
        report(k, C_UNIT, c, exp, c->printed, "%s写作“%s”：单位应为万元，且数值与表中%s也不一致",
               subject_name(k, c->subject, 1), c->printed, exp);
        return;
    }
    char gap[40];
    jue_fmt_wan(jue_iv_gap(c->iv, civ), false, gap, sizeof gap);
    report(k, C_FACT, c, exp, c->printed, "说明中%s为%s，与%s（%s）%s不一致，扣除尾差后至少相差%s万元",
           subject_name(k, c->subject, 1), c->printed, jue_table_label((jue_table_id)t), c->fact + 4, exp, gap);
}

static void check_share(ck *k, size_t i)
{
    const jue_claims *cl = &k->d->claims;
    const jue_claim *c = &cl->items[i];
    if (c->role != JUE_ROLE_SHARE) return;
    jue_interval part, whole;
    if (!subject_iv(k, i, c->subject, c->fact, &part)) return;
    bool have_whole = false;
    if (c->whole) {
        /* the whole named in the sentence: a figure stated for it anywhere, else its fact */
        for (size_t j = 0; j < cl->len && !have_whole; j++)
            if (cl->items[j].subject && !strcmp(cl->items[j].subject, c->whole) && !cl->items[j].is_percent &&
                cl->items[j].role == JUE_ROLE_VALUE) {
                whole = trusted_iv(k, &cl->items[j]);
                have_whole = true;
            }
        if (!have_whole)
            for (size_t j = 0; j < cl->len && !have_whole; j++)
                if (cl->items[j].subject && !strcmp(cl->items[j].subject, c->whole) && cl->items[j].fact) {
                    bool tok, rok;
                    int t;
                    const jue_cell *cell = fact_cell(k->d, cl->items[j].fact, &tok, &rok, &t);
                    if (cell) { whole = cell_iv(cell); have_whole = true; }
                }
    } else if (c->parent >= 0) {
        whole = trusted_iv(k, &cl->items[c->parent]);
        have_whole = true;
    } else {
        /* the sentence's first stated amount */
        const jue_claim *first = NULL;
        for (size_t j = i; j-- > 0;) {
            if (cl->items[j].sentence != c->sentence) break;
            if (!cl->items[j].is_percent && cl->items[j].role == JUE_ROLE_VALUE) {
                whole = trusted_iv(k, &cl->items[j]);
                have_whole = true;
                first = &cl->items[j];
            }
        }
        /* a 三公 item's share when the sentence states no 三公 total first
         * ("“三公”经费财政拨款支出决算中，因公出国（境）费支出决算A万元，占P%；…"):
         * of table 09's 合计 */
        if (c->fact && !strncmp(c->fact, "T09/", 4) && strncmp(c->fact, "T09/合计/", 11) &&
            (!first || !first->fact || strncmp(first->fact, "T09/合计/", 11))) {
            bool tok, rok;
            int t;
            const jue_cell *cell = fact_cell(k->d, "T09/合计/决算数", &tok, &rok, &t);
            have_whole = cell != NULL;
            if (cell) whole = cell_iv(cell);
        }
    }
    if (!have_whole || whole.lo <= 0) return;
    jue_interval ratio;
    if (!jue_iv_ratio(part, whole, &ratio)) return;
    /* shares of one whole are published so they add to 100% (and a tiny share
     * as the smallest unit rather than 0.00%): allow one unit of the last
     * printed digit either way, as controlled rounding does */
    jue_interval printed = c->iv;
    int64_t unit = 2 * (c->iv.hi - c->value);
    printed.lo -= unit / 2;
    printed.hi += unit / 2;
    char exp[96];
    bool agrees = jue_iv_overlaps(ratio, printed);
    if (agrees && !k->trace) return;
    fmt_ppb(ratio, exp, sizeof exp);
    char part_s[48], whole_s[48];
    jue_fmt_wan((part.lo + part.hi) / 2, true, part_s, sizeof part_s);
    jue_fmt_wan((whole.lo + whole.hi) / 2, true, whole_s, sizeof whole_s);
    note(k, c, agrees, "%s ÷ %s%s%s%s = %s", part_s, c->whole ? c->whole : "", c->whole ? " " : "", whole_s,
         "万元", exp);
    if (agrees) return;
    report(k, C_SHARE, c, exp, c->printed, "%s“占%s”与金额不符：按金额计算应为%s", subject_name(k, c->subject, 1),
           c->printed, exp);
}

/* The rate a change amount gives on this year's figure, with the direction
 * sign: change ÷ (this year ∓ change). False when last year is not above 0. */
static bool change_rate(jue_interval now, jue_interval amt, int sign, jue_interval *ratio)
{
    jue_interval last;
    if (sign < 0 ? !jue_iv_add(now, amt, &last) : !jue_iv_sub(now, amt, &last)) return false;
    return last.lo > 0 && jue_iv_ratio(amt, last, ratio);
}

/* "增加1455.50万元，下降6.53%": the amount and the rate of one change go
 * opposite ways. This year's figure (now, may be NULL) says which word fits
 * when only one does. */
static void change_directions(ck *k, const jue_claim *c, const jue_claim *amt, const jue_interval *now)
{
    jue_interval r;
    bool by_amt = now && change_rate(*now, amt->iv, amt->sign, &r) && jue_iv_overlaps(r, pct_iv(c));
    bool by_pct = now && change_rate(*now, amt->iv, c->sign, &r) && jue_iv_overlaps(r, pct_iv(c));
    const char *aw = amt->sign < 0 ? "减少" : "增加", *pw = c->sign < 0 ? "下降" : "增长";
    char exp[96], act[96];
    snprintf(act, sizeof act, "%s%s，%s%s", aw, amt->printed, pw, c->printed);
    const jue_claim *at = by_amt && !by_pct ? c : by_pct && !by_amt ? amt : c;
    if (by_amt && !by_pct) snprintf(exp, sizeof exp, "%s%s", amt->sign < 0 ? "下降" : "增长", c->printed);
    else if (by_pct && !by_amt) snprintf(exp, sizeof exp, "%s%s", c->sign < 0 ? "减少" : "增加", amt->printed);
    else snprintf(exp, sizeof exp, "增减方向一致");
    note(k, c, false, "增减额%s%s与增减率%s%s方向相反", aw, amt->printed, pw, c->printed);
    report(k, C_CHANGE, at, exp, act, "%s比上年%s%s，却又%s%s：同一变动的增减方向前后矛盾%s%s",
           subject_name(k, c->subject, 1), aw, amt->printed, pw, c->printed,
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
        !jue_iv_overlaps(r, pct_iv(c)))
        return false;
    note(k, now_c, false, "比上年%s%s、%s%s只在按万元计时成立", amt->sign < 0 ? "减少" : "增加", amt->printed,
         c->sign < 0 ? "下降" : "增长", c->printed);
    report(k, C_UNIT, now_c, "万元", now_c->printed,
           "%s写作“%s”，而比上年%s%s、%s%s只有按万元计才成立：误将万元写作元", subject_name(k, c->subject, 1),
           now_c->printed, amt->sign < 0 ? "减少" : "增加", amt->printed, c->sign < 0 ? "下降" : "增长", c->printed);
    return true;
}

static void check_change(ck *k, size_t i)
{
    const jue_claims *cl = &k->d->claims;
    const jue_claim *c = &cl->items[i];
    if (c->role != JUE_ROLE_CHANGE_PCT || c->sign == 0) return;
    const jue_claim *amt = role_before(cl, i, JUE_ROLE_CHANGE);
    if (!amt) return;
    jue_interval now;
    const jue_claim *now_c = NULL;
    bool have_now = subject_iv_from(k, i, c->subject, c->fact, &now, &now_c);
    if (amt->sign != 0 && amt->sign != c->sign) {
        change_directions(k, c, amt, have_now ? &now : NULL);
        return;
    }
    if (!have_now) return;
    /* last year = this year ∓ change */
    jue_interval last;
    if (c->sign < 0) { if (!jue_iv_add(now, amt->iv, &last)) return; }
    else if (!jue_iv_sub(now, amt->iv, &last)) return;
    if (last.lo <= 0 && change_unit_slip(k, c, amt, now_c)) return;
    if (last.lo <= 0) {
        if (c->sign < 0 && c->value >= 999000000 && now.lo > 0) {
            report(k, C_CHANGE, c, "小于100%", c->printed, "%s“下降%s”，但本年仍有支出（减少%s）",
                   subject_name(k, c->subject, 1), c->printed, amt->printed);
        }
        return;
    }
    jue_interval ratio;
    if (!jue_iv_ratio(amt->iv, last, &ratio)) return;
    jue_interval printed = pct_iv(c);
    char exp[96];
    bool agrees = jue_iv_overlaps(ratio, printed);
    if (agrees && !k->trace) return;
    fmt_ppb(ratio, exp, sizeof exp);
    note(k, c, agrees, "增减额%s ÷ 上年数（本年 %s 增减额）= %s", amt->printed, c->sign < 0 ? "+" : "−", exp);
    note(k, amt, agrees, "与增减率%s互相核对", c->printed);
    if (agrees) return;
    report(k, C_CHANGE, c, exp, c->printed, "%s比上年%s%s，按上年数计算变动率应为%s，说明中为%s",
           subject_name(k, c->subject, 1), c->sign < 0 ? "减少" : "增加", amt->printed, exp, c->printed);
}

static void check_balance_change(ck *k)
{
    static const char *const PAIRS[][2] = {
        { "收入总计", "支出总计" }, { "本年收入合计", "本年支出合计" }, { "财政拨款收入总计", "财政拨款支出总计" },
    };
    const jue_claims *cl = &k->d->claims;
    for (size_t p = 0; p < 3; p++) {
        const jue_claim *a = NULL, *b = NULL;
        for (size_t i = 0; i < cl->len; i++) {
            const jue_claim *c = &cl->items[i];
            if (c->role != JUE_ROLE_CHANGE || !c->subject || !c->printed || !c->printed[0] || c->sign == 0) continue;
            if (!a && !strcmp(c->subject, PAIRS[p][0])) a = c;
            if (!b && !strcmp(c->subject, PAIRS[p][1])) b = c;
        }
        /* "其中收入减少…；支出减少…": both under the sentence's subject */
        if (!a || !b) continue;
        bool agrees = a->sign == b->sign && jue_iv_overlaps(a->iv, b->iv);
        note(k, b, agrees, "%s的增减额应等于%s的增减额%s", PAIRS[p][1], PAIRS[p][0], a->printed);
        note(k, a, agrees, "%s的增减额应等于%s的增减额%s", PAIRS[p][0], PAIRS[p][1], b->printed);
        if (agrees) continue;
        report(k, C_BALANCE, b, a->printed, b->printed,
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
    char bfact[160];
    size_t n = strlen(c->fact);
    if (n < 9 || strcmp(c->fact + n - 9, "决算数") || n - 9 + 9 >= sizeof bfact) return;
    snprintf(bfact, sizeof bfact, "%.*s预算数", (int)(n - 9), c->fact);
    bool tok, rok;
    int t;
    const jue_cell *bc = fact_cell(k->d, bfact, &tok, &rok, &t), *ac = fact_cell(k->d, c->fact, &tok, &rok, &t);
    if (!bc || !ac) return;
    jue_interval biv = cell_iv(bc), aiv = act ? act->iv : cell_iv(ac);
    char bs[48], as[48];
    fmt_cell(bc, bs, sizeof bs);
    if (act) snprintf(as, sizeof as, "%s", act->printed);
    else fmt_cell(ac, as, sizeof as);
    if (biv.lo <= 0) {
        note(k, c, false, "%s预算数为%s，不能计算完成率", jue_table_label(JUE_T09), bs);
        return;
    }
    jue_interval ratio;
    if (!jue_iv_ratio(aiv, biv, &ratio)) return;
    char exp[96];
    bool agrees = jue_iv_overlaps(ratio, pct_iv(c));
    if (agrees && !k->trace) return;
    fmt_ppb(ratio, exp, sizeof exp);
    note(k, c, agrees, "决算%s ÷ %s预算数%s = %s", as, jue_table_label(JUE_T09), bs, exp);
    if (agrees) return;
    report(k, C_COMPLETION, c, exp, c->printed, "%s决算%s÷预算%s应为%s，说明中为%s", subject_name(k, c->subject, 1), as,
           bs, exp, c->printed);
}

static void check_completion(ck *k, size_t i)
{
    const jue_claims *cl = &k->d->claims;
    const jue_claim *c = &cl->items[i];
    if (c->role != JUE_ROLE_COMPLETION) return;
    const jue_claim *bud = role_before(cl, i, JUE_ROLE_BUDGET);
    const jue_claim *act = role_before(cl, i, JUE_ROLE_ACTUAL);
    if (!act) act = amount_before(cl, i, c->subject, false);
    if (!bud && c->fact && !strncmp(c->fact, "T09/", 4)) {
        check_completion_t09(k, i, act);
        return;
    }
    if (!bud) return;
    if (bud->value == 0) {   /* "0万元" is a zero budget, whatever its printed precision */
        note(k, c, false, "预算为%s，不能计算完成率", bud->printed);
        report(k, C_ZERO_BUDGET, c, "不计算完成率", c->printed,
               "%s年初预算为%s，“完成年初预算的%s”没有意义", subject_name(k, c->subject, 1), bud->printed, c->printed);
        return;
    }
    if (!act || bud->iv.lo <= 0) return;
    jue_interval ratio;
    if (!jue_iv_ratio(act->iv, bud->iv, &ratio)) return;
    char exp[96];
    fmt_ppb(ratio, exp, sizeof exp);
    bool agrees = jue_iv_overlaps(ratio, pct_iv(c));
    note(k, c, agrees, "决算%s ÷ 预算%s = %s", act->printed, bud->printed, exp);
    note(k, bud, agrees, "完成率%s的分母", c->printed);
    if (agrees) return;
    report(k, C_COMPLETION, c, exp, c->printed, "%s决算%s÷预算%s应为%s，说明中为%s", subject_name(k, c->subject, 1),
           act->printed, bud->printed, exp, c->printed);
}

/* "决算数大于/小于/等于预算数" against the budget and actual stated just
 * before it (the same or the previous sentence, nothing else stated between):
 * the word must be possible for the printed figures. "基本持平" allows 5%. */
static void check_direction(ck *k, size_t i)
{
    const jue_claims *cl = &k->d->claims;
    const jue_claim *c = &cl->items[i];
    if (c->role != JUE_ROLE_DIRECTION) return;
    const jue_claim *bud = NULL, *act = NULL;
    for (size_t j = i; j-- > 0;) {
        const jue_claim *p = &cl->items[j];
        if (p->sentence < c->sentence - 1 || p->role == JUE_ROLE_DIRECTION) break;
        if (p->is_percent || p->role == JUE_ROLE_COUNT || p->role == JUE_ROLE_DATE) continue;
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
    note(k, c, ok, "决算%s与预算%s比较：%s", act->printed, bud->printed, rel);
    if (ok) return;
    (void)want;
    report(k, C_DIRECTION, c, rel, c->printed, "%s预算为%s，决算为%s，应为“%s”，说明中写作“%s”",
           c->subject ? subject_name(k, c->subject, 1) : "", bud->printed, act->printed, rel, c->printed);
}

static void check_parts(ck *k)
{
    const jue_claims *cl = &k->d->claims;
    for (size_t i = 0; i < cl->len; i++) {
        const jue_claim *w = &cl->items[i];
        if (w->is_percent || (w->role != JUE_ROLE_VALUE && w->role != JUE_ROLE_ACTUAL)) continue;
        jue_fen lo = 0;
        int n = 0;
        const jue_claim *last = NULL;
        for (size_t j = i + 1; j < cl->len && cl->items[j].sentence == w->sentence; j++) {
            const jue_claim *p = &cl->items[j];
            if (p->parent != (int)i || p->is_percent || (p->role != JUE_ROLE_VALUE && p->role != JUE_ROLE_ACTUAL))
                continue;
            lo += trusted_iv(k, p).lo;
            n++;
            last = p;
        }
        jue_interval wiv = trusted_iv(k, w);
        if (n >= 2) note(k, w, lo <= wiv.hi, "“其中”所列%d项合计不超过总数", n);
        if (n < 2 || lo <= wiv.hi) continue;
        char sum[40];
        jue_fmt_wan(lo, true, sum, sizeof sum);
        report(k, C_PARTS, last, w->printed, sum, "“其中”所列各项合计至少%s万元，超过%s%s", sum,
               subject_name(k, w->subject, 1), w->printed);
    }
}

/* "实有人员8人，其中行政0人、事业0人": the counts listed after 其中 (in the
 * whole's unit) may not exceed the whole (error), and a whole above zero
 * whose listed parts are all zero says nothing of where it is (warning). */
static void check_count_parts(ck *k)
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
        note(k, w, sum <= w->value && !(w->value > 0 && sum == 0), "“其中”所列%d项合计%s", n, sum_s);
        if (sum > w->value) {
            report(k, C_PARTS, last, w->printed, sum_s, "%s，“其中”所列各项合计%s，超过总数", w->printed, sum_s);
        } else if (w->value > 0 && sum == 0) {
            report(k, C_COUNT_ZERO, last, "各项之和为总数", sum_s, "总数为%s，“其中”所列%d项却都是0%s，人数或数量的构成没有说明清楚",
                   w->printed, n, wu);
        }
    }
}

/* The 项 row of table 05 (07, 08) with this code, or NULL. */
static const jue_row *item_row(const jue_disclosure *d, const char *code, jue_table_id *tid)
{
    static const jue_table_id T[] = { JUE_T05, JUE_T07, JUE_T08 };
    for (size_t i = 0; i < 3; i++) {
        const jue_table *t = d->tables[T[i]];
        int r = t ? jue_table_find_row(t, code, JUE_SIDE_NONE) : -1;
        if (r >= 0) { *tid = T[i]; return &t->rows[r]; }
    }
    return NULL;
}

/* A 项 statement whose names differ from the catalog where the catalog does
 * not list every code: the names may be right, so it is a doubt (a warning
 * by default), tied to the row of the document's own table when there is one. */
static void item_unlisted(ck *k, const jue_claim *c)
{
    const char *code = c->subject && !strncmp(c->subject, "项:", 4) ? c->subject + 4 : NULL;
    jue_table_id tid = JUE_T05;
    const jue_row *row = code ? item_row(k->d, code, &tid) : NULL;
    char near[400] = "";
    if (code && row && row->name)
        snprintf(near, sizeof near, "；%s中%s的名称为“%s”", jue_table_label(tid), code, row->name);
    else if (code && k->cat) {
        const char *x = jue_catalog_name(k->cat, JUE_CAT_FUNCTIONAL, code, k->d->year);
        snprintf(near, sizeof near, "；最接近的科目是%s %s", code, x ? x : "");
    }
    report(k, C_ITEM_UNLISTED, c, "与公开表及政府收支分类科目一致的名称", c->item_names,
           "科目名称“%s”未见于本工具收录的%d年政府收支分类科目（该部分科目未收录完整，不能断定有误）%s，请核实",
           c->item_names, k->d->year, near);
}

static void check_item_names(ck *k)
{
    const jue_claims *cl = &k->d->claims;
    const char *last = NULL;
    for (size_t i = 0; i < cl->len; i++) {
        const jue_claim *c = &cl->items[i];
        if (!c->item_names || c->item_resolved) continue;
        if (last && !strcmp(last, c->item_names)) continue;   /* one finding per statement */
        last = c->item_names;
        if (c->item_partial) {
            item_unlisted(k, c);
        } else if (c->subject && !strncmp(c->subject, "项:", 4) && k->cat) {
            const char *code = c->subject + 4;
            char k1[8], k2[8];
            jue_code_parent(JUE_CAT_FUNCTIONAL, code, k2, sizeof k2);
            jue_code_parent(JUE_CAT_FUNCTIONAL, k2, k1, sizeof k1);
            const char *a = jue_catalog_name(k->cat, JUE_CAT_FUNCTIONAL, k1, k->d->year);
            const char *b = jue_catalog_name(k->cat, JUE_CAT_FUNCTIONAL, k2, k->d->year);
            const char *x = jue_catalog_name(k->cat, JUE_CAT_FUNCTIONAL, code, k->d->year);
            char exp[400];
            snprintf(exp, sizeof exp, "%s（类）%s（款）%s（项）", a ? a : k1, b ? b : k2, x ? x : code);
            report(k, C_ITEM_NAME, c, exp, c->item_names, "科目名称“%s”与%d年政府收支分类科目不符，%s应为%s",
                   c->item_names, k->d->year, code, exp);
        } else {
            report(k, C_ITEM_NAME, c, "政府收支分类科目中的类/款/项", c->item_names,
                   "“%s”不是%d年政府收支分类科目中的类/款/项", c->item_names, k->d->year);
        }
    }
}

static void check_item_missing(ck *k)
{
    const jue_table *t5 = k->d->tables[JUE_T05];
    const jue_claims *cl = &k->d->claims;
    bool any_item = false;
    for (size_t i = 0; i < cl->len && !any_item; i++)
        any_item = cl->items[i].subject && !strncmp(cl->items[i].subject, "项", 3);
    if (!t5 || !any_item) return;
    int col = jue_table_find_col(t5, "合计");
    for (size_t r = 0; r < t5->nrows; r++) {
        const jue_row *row = &t5->rows[r];
        if (row->level != JUE_LEVEL_XIANG || col < 0) continue;
        const jue_cell *cell = jue_table_cell_c(t5, r, (size_t)col);
        if (!cell->present || cell->printed == 0) continue;
        char subj[32];
        snprintf(subj, sizeof subj, "项:%s", row->key);
        bool found = false;
        for (size_t i = 0; i < cl->len && !found; i++)
            found = cl->items[i].subject && !strcmp(cl->items[i].subject, subj);
        /* or a statement naming the row's 项 as the table prints it (a code the
         * catalog does not list cannot be resolved, but its name can be read) */
        size_t rn = row->name ? strlen(row->name) : 0;
        for (size_t i = 0; i < cl->len && !found && rn; i++) {
            const char *nm = cl->items[i].item_names;
            size_t l = nm ? strlen(nm) : 0;
            found = l > rn && nm[l - rn - 1] == '/' && !strcmp(nm + l - rn, row->name);
        }
        if (found) continue;
        char amt[64];
        fmt_cell(cell, amt, sizeof amt);
        jue_finding f = { 0 };
        char msg[512];
        snprintf(msg, sizeof msg, "%s中的项级科目%s %s（%s）未在一般公共预算财政拨款支出具体情况中说明",
                 jue_table_label(JUE_T05), row->key, row->name, amt);
        int s = sev(k, C_ITEM_MISSING);
        if (s < 0) return;
        f.rule = (char *)CHECK_NAMES[C_ITEM_MISSING];
        f.severity = (jue_severity)s;
        f.message = msg;
        f.file = k->d->source;
        f.line = row->src_line;
        f.page = row->src_page;
        f.table = JUE_T05;
        f.row = row->key;
        f.column = (char *)"合计";
        f.expected = (char *)"逐项说明";
        f.actual = (char *)"未说明";
        if (jue_findings_add(k->out, &f) != JUE_OK) k->st = JUE_ERR_NOMEM;
    }
}

/* 机关运行经费 of an administrative unit (or one managed like it) is its
 * public expenditure: normally table 06's 公用经费合计. A difference is not
 * necessarily wrong, but needs an explanation (DOMAIN.md §2). */
static void check_operating(ck *k)
{
    if (k->d->type == JUE_UNIT_PUBLIC_INST) return;
    const jue_table *t6 = k->d->tables[JUE_T06];
    if (!t6) return;
    int r = jue_table_find_row(t6, JUE_L6_PUBLIC, JUE_SIDE_NONE), col = jue_table_find_col(t6, "决算数");
    if (r < 0 || col < 0) return;
    const jue_cell *cell = jue_table_cell_c(t6, (size_t)r, (size_t)col);
    const jue_claims *cl = &k->d->claims;
    for (size_t i = 0; i < cl->len; i++) {
        const jue_claim *c = &cl->items[i];
        if (c->is_percent || !c->subject || strcmp(c->subject, "机关运行经费") ||
            (c->role != JUE_ROLE_VALUE && c->role != JUE_ROLE_ACTUAL))
            continue;
        {
            char e0[64];
            fmt_cell(cell, e0, sizeof e0);
            note(k, c, jue_iv_overlaps(c->iv, cell_iv(cell)), "%s公用经费合计 = %s", jue_table_label(JUE_T06), e0);
        }
        if (!jue_iv_overlaps(c->iv, cell_iv(cell))) {
            char exp[64];
            fmt_cell(cell, exp, sizeof exp);
            report(k, C_OPERATING, c, exp, c->printed,
                   "机关运行经费%s与%s公用经费合计%s不一致，差异需要说明原因", c->printed, jue_table_label(JUE_T06), exp);
        }
        return;   /* the first statement of it is the one that counts */
    }
}


static void section_finding(ck *k, check_id id, const jue_section *sec, const char *expected, const char *actual,
                            const char *msg)
{
    int s = sev(k, id);
    if (s < 0) return;
    jue_finding f = { 0 };
    f.rule = (char *)CHECK_NAMES[id];
    f.severity = (jue_severity)s;
    f.message = (char *)msg;
    f.file = k->d->source;
    f.line = sec ? sec->line : 0;
    f.page = sec ? sec->page : 0;
    f.table = -1;
    f.expected = (char *)expected;
    f.actual = (char *)actual;
    if (jue_findings_add(k->out, &f) != JUE_OK) k->st = JUE_ERR_NOMEM;
}

/* Section numbers run 一、二、三… and （一）（二）… under each 一、; a number
 * that comes back to 一 starts a new part (概况, 情况说明, 名词解释 each count
 * from 一). A repeated number, a gap or a step back is reported. A run
 * whose first heading was not read (starts above 一) is taken as it comes. */
static void check_numbering(ck *k)
{
    const jue_claims *cl = &k->d->claims;
    int prev[2] = { 0, 0 };
    for (size_t i = 0; i < cl->nsections; i++) {
        const jue_section *sec = &cl->sections[i];
        int n = jue_parse_cn_numeral(sec->number), L = sec->level == 2 ? 1 : 0;
        if (n < 0 || sec->level < 1 || sec->level > 2) continue;
        /* the terms of 名词解释 ("三、经营收入：指…") are a list of definitions,
         * often broken across pages and lines; their numbers are left alone */
        if (strstr(sec->title, "：指") || strstr(sec->title, ":指")) continue;
        if (L == 0) prev[1] = 0;
        int p = prev[L];
        prev[L] = n;
        if (n == 1 || p == 0 || n == p + 1) continue;
        /* a repeated or backward number is taken as the one meant (p + 1),
         * so one misnumbered heading gives one finding, not two */
        if (n <= p) prev[L] = p + 1;
        /* a jump followed by the number after the expected one (十二、十五、
         * 十四、) is one misnumbered heading, not a gap */
        bool misnumbered = false;
        if (n > p + 1) {
            for (size_t j = i + 1; j < cl->nsections; j++) {
                const jue_section *nx = &cl->sections[j];
                if (L == 1 && nx->level == 1) break;
                if (nx->level != sec->level) continue;
                misnumbered = jue_parse_cn_numeral(nx->number) == p + 2;
                break;
            }
            if (misnumbered) prev[L] = p + 1;
        }
        const char *open = L ? "（" : "", *close = L ? "）" : "、";
        char exp[16], act[64], msg[512], pn[16];
        /* the title as far as a heading goes (long ones are a sentence run on),
         * cut at a character boundary */
        int tl = 0;
        while (sec->title[tl] && tl < 90) tl++;
        while (tl > 0 && ((unsigned char)sec->title[tl] & 0xC0) == 0x80) tl--;
        jue_fmt_cn_numeral(p + 1, exp, sizeof exp);
        jue_fmt_cn_numeral(p, pn, sizeof pn);
        snprintf(act, sizeof act, "%s%s%s", open, sec->number, close);
        if (n == p)
            snprintf(msg, sizeof msg, "标题序号重复：“%s%.*s”前一个标题也是“%s%s%s”", act, tl, sec->title, open, pn, close);
        else if (misnumbered)
            snprintf(msg, sizeof msg, "标题序号错误：“%s%s%s”之后应为“%s%s%s”，写作“%s%.*s”", open, pn, close, open, exp, close,
                     act, tl, sec->title);
        else if (n > p)
            snprintf(msg, sizeof msg, "标题序号跳号：“%s%s%s”之后是“%s%.*s”，缺少“%s%s%s”", open, pn, close, act, tl,
                     sec->title, open, exp, close);
        else
            snprintf(msg, sizeof msg, "标题序号倒退：“%s%s%s”之后是“%s%.*s”", open, pn, close, act, tl, sec->title);
        char e2[48];
        snprintf(e2, sizeof e2, "%s%s%s", open, exp, close);
        section_finding(k, C_NUMBERING, sec, e2, act, msg);
    }
}

/* Topics every set of notes must cover (DOMAIN.md §4; the list is data in
 * claims.yaml), looked for in the titles of sections at any level — Shanghai
 * puts 机关运行经费 and 政府采购 under 其他重要事项说明. Only for a document
 * that has both tables and notes: a workbook of tables has no notes to miss. */
static void check_sections_present(ck *k)
{
    const jue_claims *cl = &k->d->claims;
    if (!k->checks || !k->checks->nrequired) return;
    int tables = 0;
    for (int t = 0; t < JUE_NTABLES; t++) tables += k->d->tables[t] != NULL;
    bool notes = false;
    for (size_t i = 0; i < cl->nsections && !notes; i++) notes = strstr(cl->sections[i].title, "情况说明") != NULL;
    if (tables < 5 || !notes || cl->len < 5) return;
    for (size_t r = 0; r < k->checks->nrequired; r++) {
        const char *alts = k->checks->required[r];
        bool found = false;
        for (size_t i = 0; i < cl->nsections && !found; i++) {
            for (const char *a = alts; *a && !found;) {
                size_t n = strcspn(a, "|");
                char phrase[256];
                snprintf(phrase, sizeof phrase, "%.*s", (int)(n < 255 ? n : 255), a);
                found = *phrase && strstr(cl->sections[i].title, phrase);
                a += n + (a[n] == '|');
            }
        }
        if (found) continue;
        char name[256], msg[512];
        snprintf(name, sizeof name, "%.*s", (int)strcspn(alts, "|"), alts);
        snprintf(msg, sizeof msg, "情况说明中没有关于“%s”的部分（按规定应当说明；不涉及的也应写明“不涉及”或“无”）", name);
        section_finding(k, C_SECTION_MISSING, NULL, name, "缺少", msg);
    }
}
/* What a placeholder stands for, by the character after "XX": 0 a name
 * ("XX局"), 1 an amount ("XX万"), 2 a number ("XX个"), 3 something else. */
static int placeholder_kind(const char *printed)
{
    static const char *const AMOUNT[] = { "万", "元", "亿" };
    static const char *const NUMBER[] = { "个", "人", "名", "分", "次", "项", "辆", "台", "家", "户", "件", "%", "％", "天", "年", "月", "日" };
    static const char *const NAME[] = { "局", "单", "委", "办", "处", "厅", "部", "中", "所", "站", "院", "区", "县", "市",
                                        "省", "镇", "街", "科", "室", "队", "馆", "会", "司", "公", "学", "校" };
    const char *p = printed ? printed : "";
    p += !strncmp(p, "XX", 2) ? 2 : strlen(p) >= 6 ? 6 : strlen(p);
    for (size_t i = 0; i < sizeof AMOUNT / sizeof *AMOUNT; i++) if (!strncmp(p, AMOUNT[i], strlen(AMOUNT[i]))) return 1;
    for (size_t i = 0; i < sizeof NUMBER / sizeof *NUMBER; i++) if (!strncmp(p, NUMBER[i], strlen(NUMBER[i]))) return 2;
    for (size_t i = 0; i < sizeof NAME / sizeof *NAME; i++) if (!strncmp(p, NAME[i], strlen(NAME[i]))) return 0;
    return 3;
}

/* Template text left in: one finding per line however often it repeats
 * there, at its first placeholder, saying what each stands for and how many
 * there are ("共N处"). */
static void check_placeholders(ck *k, size_t first)
{
    static const char *const WHAT[] = { "名称", "金额", "数字", "内容" };
    const jue_claims *cl = &k->d->claims;
    const jue_claim *c0 = &cl->items[first];
    for (size_t i = 0; i < first; i++)
        if (cl->items[i].role == JUE_ROLE_PLACEHOLDER && cl->items[i].line == c0->line) return;   /* said already */
    size_t n = 0;
    bool kinds[4] = { false };
    char tok[48] = "";
    jue_buf shown, what;
    jue_buf_init(&shown);
    jue_buf_init(&what);
    for (size_t i = first; i < cl->len; i++) {
        const jue_claim *c = &cl->items[i];
        if (c->role != JUE_ROLE_PLACEHOLDER || c->line != c0->line) continue;
        n++;
        int kind = placeholder_kind(c->printed);
        kinds[kind] = true;
        char t[48], q[64];   /* "XX（", "XX的": the placeholder is the XX alone */
        const char *pr = c->printed ? c->printed : "";
        snprintf(t, sizeof t, "%.*s", kind == 3 ? (!strncmp(pr, "XX", 2) ? 2 : 6) : (int)strlen(pr), pr);
        snprintf(q, sizeof q, "“%s”", t);
        if (n == 1) memcpy(tok, t, sizeof tok);
        if (!strstr(jue_buf_str(&shown), q)) jue_buf_puts(&shown, q);
    }
    if (kinds[0] || kinds[1] || kinds[2]) kinds[3] = false;   /* "内容" only when nothing says more */
    size_t nk = 0;
    for (int q = 0; q < 4; q++) nk += kinds[q];
    for (int q = 0, j = 0; q < 4; q++) {
        if (!kinds[q]) continue;
        if (j++) jue_buf_puts(&what, j == (int)nk ? "和" : "、");
        jue_buf_puts(&what, WHAT[q]);
    }
    const char *w = jue_buf_str(&what);
    if (n == 1)
        report(k, C_PLACEHOLDER, c0, w, tok, "%s是模板中的占位文字，应替换为实际%s", jue_buf_str(&shown), w);
    else
        report(k, C_PLACEHOLDER, c0, w, jue_buf_str(&shown), "同一段中留有模板中的占位文字共%zu处，应替换为实际的%s", n, w);
    jue_buf_free(&shown);
    jue_buf_free(&what);
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
static void check_unit_between(ck *k)
{
    const jue_claims *cl = &k->d->claims;
    size_t nyuan = 0, nwan = 0, tried = 0;
    for (size_t i = 0; i < cl->len; i++) {
        nyuan += !cl->items[i].is_percent && cl->items[i].unit == JUE_UNIT_YUAN;
        nwan += !cl->items[i].is_percent && cl->items[i].unit == JUE_UNIT_WAN;
    }
    for (size_t i = 0; i < cl->len && tried < 64; i++) {
        const jue_claim *y = &cl->items[i];
        if (y->is_percent || y->unit != JUE_UNIT_YUAN || !y->subject || !strcmp(y->subject, "项?") ||
            !same_role_class(y, y) || y->iv.hi <= 0)
            continue;
        tried++;
        bool tok, rok;
        int t;
        if (y->fact && fact_cell(k->d, y->fact, &tok, &rok, &t)) continue;   /* claims.fact / claims.unit */
        jue_fen lo, hi;
        if (!jue_fen_mul(y->iv.lo, 10000, &lo) || !jue_fen_mul(y->iv.hi, 10000, &hi)) continue;
        for (size_t j = 0; j < cl->len; j++) {
            const jue_claim *w = &cl->items[j];
            if (w->is_percent || w->unit != JUE_UNIT_WAN || !w->subject || strcmp(w->subject, y->subject) ||
                !same_role_class(w, y) || !jue_iv_overlaps(w->iv, (jue_interval){ lo, hi }))
                continue;
            bool yuan_wrong = nwan >= nyuan;
            const jue_claim *bad = yuan_wrong ? y : w, *good = yuan_wrong ? w : y;
            note(k, bad, false, "第%d行同一数字写作%s", good->line, good->printed);
            report(k, C_UNIT, bad, good->printed, bad->printed,
                   "%s在第%d行写作“%s”，在第%d行写作“%s”：数字相同而单位相差一万倍，误将%s写作%s",
                   subject_name(k, y->subject, 1), y->line, y->printed, w->line, w->printed,
                   yuan_wrong ? "万元" : "元", yuan_wrong ? "元" : "万元");
            break;
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
    if (c->is_percent || !c->printed || !c->subject) return false;
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
static void whole_against_parts(ck *k, size_t i, kind3 kind, const char *const *parts, size_t np)
{
    const jue_claims *cl = &k->d->claims;
    const jue_claim *w = &cl->items[i], *got[4] = { 0 };
    int top = top_section(cl, w->section);
    size_t found = 0, tied = 0;
    for (size_t j = i + 1; j < cl->len && found < np; j++) {
        const jue_claim *p = &cl->items[j];
        if (top_section(cl, p->section) != top) break;
        if (!of_kind(p, kind)) continue;
        if (!strcmp(p->subject, w->subject)) break;
        for (size_t q = 0; q < np; q++)
            if (!got[q] && !strcmp(p->subject, parts[q])) {
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
        snprintf(list + l, sizeof list - l, "%s%s%s%s", q ? "、" : "", parts[q], kind_word(kind, got[q]),
                 got[q]->printed);
    }
    bool ok = jue_iv_overlaps(sum, signed_iv(w, kind));
    char s[64], a[48];
    jue_fmt_wan(val < 0 ? -val : val, true, a, sizeof a);
    snprintf(s, sizeof s, "%s%s", kind != K3_CHANGE ? "" : val < 0 ? "减少" : val > 0 ? "增加" : "无增减", a);
    note(k, w, ok, "各组成部分（%s）合计%s万元", list, s);
    if (ok) return;
    report(k, C_THREE_PUBLIC, w, s, w->printed, "%s%s%s，而%s，合计%s万元，两者不符", w->subject, kind_word(kind, w),
           w->printed, list, s);
}

/* "三公" = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费, and the car
 * cost = 购置费 + 运行维护费 (DOMAIN.md, table 09) — amounts, budgets and
 * changes alike, wherever the notes state them apart. */
static void check_three_public(ck *k)
{
    static const char *const THREE[] = { "因公出国（境）费", "公务用车购置及运行维护费", "公务接待费" };
    static const char *const CAR[] = { "公务用车购置费", "公务用车运行维护费" };
    const jue_claims *cl = &k->d->claims;
    for (size_t i = 0; i < cl->len; i++) {
        const jue_claim *c = &cl->items[i];
        for (kind3 kind = K3_AMOUNT; kind <= K3_CHANGE; kind++) {
            if (!of_kind(c, kind)) continue;
            if (!strcmp(c->subject, "三公经费")) whole_against_parts(k, i, kind, THREE, 3);
            if (!strcmp(c->subject, "公务用车购置及运行维护费")) whole_against_parts(k, i, kind, CAR, 2);
        }
    }
}

/* An amount printed without its unit where the notes' other amounts carry
 * one (at least three, and three times as many): read in 万元 and checked as such; the
 * missing unit is a warning (the figure as printed does not contradict). */
static void check_no_unit(ck *k, const jue_claim *c)
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
    note(k, c, false, "金额没有单位（说明中其他%zu处金额都写明单位），按万元核对", with);
    report(k, C_NO_UNIT, c, "万元", c->printed, "%s“%s”没有写单位，说明中其他%zu处金额都写明了单位（按万元核对）",
           subject_name(k, c->subject, 1), c->printed, with);
}

/* A year that opens a statement ("2023年度收入总计24024.22万元，…") in the
 * notes of another year's accounts. When the figure it dates is this year's
 * table figure, the year and the table contradict each other as printed
 * (claims.date, an error); otherwise it may be a statement about that year
 * (claims.stale-year, a warning). A comparison ("与2023年度相比") or a
 * year-end date is not this. */
static void check_stale_year(ck *k, size_t i)
{
    const jue_claims *cl = &k->d->claims;
    const jue_claim *c = &cl->items[i];
    char exp[32];
    snprintf(exp, sizeof exp, "%d年度", k->d->year);
    for (size_t j = i + 1; j < cl->len && cl->items[j].sentence == c->sentence; j++) {
        const jue_claim *p = &cl->items[j];
        if (p->role == JUE_ROLE_DATE) break;
        if (p->is_percent || !p->fact || (p->role != JUE_ROLE_VALUE && p->role != JUE_ROLE_ACTUAL)) continue;
        bool tok, rok;
        int t = -1;
        const jue_cell *cell = fact_cell(k->d, p->fact, &tok, &rok, &t);
        if (!cell || !jue_iv_overlaps(p->iv, cell_iv(cell)) || cell_iv(cell).hi == 0) break;
        note(k, c, false, "其后的%s%s是本年（%d年度）%s中的数", subject_name(k, p->subject, 0), p->printed,
             k->d->year, jue_table_label((jue_table_id)t));
        report(k, C_DATE, c, exp, c->printed, "说明写作“%s%s%s”，但该数是%s本年（%d年度）的数：年度应为%d年度",
               c->printed, subject_name(k, p->subject, 0), p->printed, jue_table_label((jue_table_id)t), k->d->year,
               k->d->year);
        return;
    }
    note(k, c, false, "年度与决算年度%d不同", k->d->year);
    report(k, C_STALE_YEAR, c, exp, c->printed, "%d年度决算的说明中以“%s”起句，年度可能沿用了旧稿（若说的是该年度的情况则无误）",
           k->d->year, c->printed);
}

static jue_status run_checks(ck *kp)
{
    ck k = *kp;
    const jue_disclosure *d = k.d;
    const jue_claims *cl = &d->claims;
    for (size_t i = 0; i < cl->len; i++) {
        const jue_claim *c = &cl->items[i];
        if (c->role == JUE_ROLE_MALFORMED)
            report(&k, C_MALFORMED, c, "一个数字", c->printed, "“%s”不是有效的数字", c->printed);
        if (c->role == JUE_ROLE_DATE && d->year) {
            /* "与2023年度相比": the year before, named for a comparison (a
             * year-end date or a 决算 title of that year is reported below) */
            bool last = c->value == d->year - 1 && c->printed && !strstr(c->printed, "12月31日") &&
                        !strstr(c->printed, "决算") && !c->opens;
            if (last) note(&k, c, true, "上年度%d（与决算年度%d比较）", d->year - 1, d->year);
            else note(&k, c, c->value == d->year, "决算年度%d", d->year);
        }
        if (c->role == JUE_ROLE_DATE && d->year && c->printed && strstr(c->printed, "12月31日") && c->value != d->year) {
            char exp[32];
            snprintf(exp, sizeof exp, "%d年12月31日", d->year);
            report(&k, C_DATE, c, exp, c->printed, "%d年度决算中写的是“%s”，年末应为%s", d->year, c->printed, exp);
        }
        /* "上海市普陀区财政局2023年度部门决算情况说明" in the 2024 accounts */
        if (c->role == JUE_ROLE_DATE && d->year && c->printed && strstr(c->printed, "决算") && c->value != d->year) {
            char exp[48];
            snprintf(exp, sizeof exp, "%d年度", d->year);
            report(&k, C_DATE, c, exp, c->printed, "%d年度决算的标题或说明写作“%s”，年度应为%d", d->year, c->printed,
                   d->year);
        }
        if (c->is_percent && c->printed && !strchr(c->printed, '%') && !strstr(c->printed, "％"))
            report(&k, C_NO_PERCENT, c, "百分数", c->printed, "“%s”处应为百分比，印为“%s”，缺少百分号（%%）",
                   c->role == JUE_ROLE_SHARE ? "占" : c->role == JUE_ROLE_COMPLETION ? "完成预算的"
                   : c->sign < 0 ? "下降" : "增长", c->printed);
        if (c->no_unit) check_no_unit(&k, c);
        if (c->role == JUE_ROLE_DATE && c->opens && d->year && c->value != d->year && c->printed &&
            !strstr(c->printed, "12月31日") && !strstr(c->printed, "决算"))
            check_stale_year(&k, i);
        if (c->role == JUE_ROLE_PLACEHOLDER) check_placeholders(&k, i);
        check_fact(&k, c);
        check_share(&k, i);
        check_change(&k, i);
        check_completion(&k, i);
        check_direction(&k, i);
    }
    check_balance_change(&k);
    check_parts(&k);
    check_count_parts(&k);
    check_three_public(&k);
    check_unit_between(&k);
    check_item_names(&k);
    check_item_missing(&k);
    check_operating(&k);
    check_numbering(&k);
    check_sections_present(&k);
    return k.st;
}

jue_status jue_claims_audit(const jue_disclosure *d, const jue_catalog *cat, const jue_claim_checks *checks,
                            jue_findings *out)
{
    ck k = { d, cat, checks, out, JUE_OK, NULL };
    return run_checks(&k);
}

/* Names compared without spaces (a copy from PDF adds them). */
static bool same_spaceless(const char *a, const char *b)
{
    for (;;) {
        while (*a == ' ') a++;
        while (*b == ' ') b++;
        if (*a != *b) return false;
        if (!*a) return true;
        a++, b++;
    }
}

void jue_claims_tie_items(jue_disclosure *d)
{
    jue_claims *cl = &d->claims;
    static const struct { jue_table_id t; const char *col; } TABLES[] = {
        { JUE_T05, "合计" }, { JUE_T07, "小计" }, { JUE_T08, "小计" },
    };
    const char *done = NULL;   /* the names last tied, with their answer */
    char code[16] = "";
    int tab = -1;
    for (size_t i = 0; i < cl->len; i++) {
        jue_claim *c = &cl->items[i];
        if (!c->subject || strcmp(c->subject, "项?") || !c->item_names) continue;
        if (!done || strcmp(done, c->item_names)) {
            done = c->item_names;
            code[0] = 0;
            tab = -1;
            /* "类/款/项" as printed */
            const char *s1 = strchr(c->item_names, '/'), *s2 = s1 ? strchr(s1 + 1, '/') : NULL;
            if (!s2) continue;
            char kuan[160], xiang[160];
            snprintf(kuan, sizeof kuan, "%.*s", (int)(s2 - s1 - 1), s1 + 1);
            snprintf(xiang, sizeof xiang, "%s", s2 + 1);
            int found = 0;
            for (size_t k = 0; k < sizeof TABLES / sizeof TABLES[0]; k++) {
                const jue_table *t = d->tables[TABLES[k].t];
                if (!t) continue;
                for (size_t r = 0; r < t->nrows; r++) {
                    const jue_row *row = &t->rows[r];
                    if (row->level != JUE_LEVEL_XIANG || !row->name || !same_spaceless(row->name, xiang)) continue;
                    char pk[8];
                    if (!jue_code_parent(JUE_CAT_FUNCTIONAL, row->key, pk, sizeof pk)) continue;
                    int p = jue_table_find_row(t, pk, JUE_SIDE_NONE);
                    if (p < 0 || !t->rows[p].name || !same_spaceless(t->rows[p].name, kuan)) continue;
                    if (found++ == 0) {
                        snprintf(code, sizeof code, "%s", row->key);
                        tab = (int)k;
                    }
                }
            }
            if (found != 1) code[0] = 0;
        }
        if (!code[0]) continue;
        char subj[32], fact[64];
        snprintf(subj, sizeof subj, "项:%s", code);
        char *ns = jue_strdup(subj);
        if (!ns) return;
        free(c->subject);
        c->subject = ns;
        if (!c->fact && !c->is_percent && (c->role == JUE_ROLE_VALUE || c->role == JUE_ROLE_ACTUAL)) {
            snprintf(fact, sizeof fact, "T%02d/%s/%s", TABLES[tab].t + 1, code, TABLES[tab].col);
            c->fact = jue_strdup(fact);
        }
    }
}

static const char *role_name(jue_claim_role r)
{
    static const char *const N[] = { "金额", "增减额", "增减率", "占比", "完成率", "预算数", "决算数", "数量", "日期",
                                     "错误数字", "占位文字", "决算与预算比较" };
    return (unsigned)r < sizeof N / sizeof N[0] ? N[r] : "?";
}

jue_status jue_claims_trace(const jue_disclosure *d, const jue_catalog *cat, const jue_claim_checks *checks,
                            jue_buf *out, jue_claims_coverage *cov)
{
    const jue_claims *cl = &d->claims;
    jue_claims_coverage c0 = { 0 };
    jue_findings scratch;
    jue_findings_init(&scratch);
    ck k = { d, cat, checks, &scratch, JUE_OK, calloc(cl->len ? cl->len : 1, sizeof(jue_buf)) };
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
        snprintf(subj, sizeof subj, "%s", c->subject ? subject_name(&k, c->subject, 1) : "—");
        if (c->page > 0) jue_buf_printf(out, "%s:第%d页", d->source ? d->source : "", c->page);   /* a PDF: its page */
        else jue_buf_printf(out, "%s:%d:%d", d->source ? d->source : "", c->line, c->col);
        jue_buf_printf(out, "\t%s\t%s\t%s\t%s\n",
                       c->printed ? c->printed : "", role_name(c->role), subj,
                       k.trace[i].len ? t
                       : c->role == JUE_ROLE_COUNT ? "未核对：数量不在公开表中"
                       : c->role == JUE_ROLE_BUDGET ? "未核对：年初预算数不在公开表中（只用于核对完成率）"
                       : c->subject && !c->fact    ? "未核对：公开表中没有这一项"
                       : c->subject                ? "未核对：找不到可比的表中数字或算式"
                                                   : "未核对：句中没有指明是哪一项");
    }
    for (size_t i = 0; i < cl->len; i++) jue_buf_free(&k.trace[i]);
    free(k.trace);
    if (cov) *cov = c0;
    return st;
}

int jue_claim_check_severity(const jue_claim_checks *checks, const char *name)
{
    for (int q = 0; q < C_N; q++)
        if (!strcmp(name, CHECK_NAMES[q])) return checks ? checks->severity[q] : JUE_SEV_ERROR;
    return -1;
}
