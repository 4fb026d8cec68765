/* 项 statements "X（类）Y（款）Z（项）" resolved through the catalog: the
 * names matched at each level, a misnamed 款 or 项 found by similarity, and
 * the row of table 05 (07, 08) the statement's figures are. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/encoding.h"
#include "read_internal.h"

/* Characters of a UTF-8 string, as code-point starts (up to max). */
static size_t chars(const char *s, const char **out, size_t max)
{
    size_t n = 0;
    while (*s && n < max) {
        out[n++] = s;
        /* a character cut short (a name truncated mid-character, bad
         * UTF-8) ends at the NUL, never past it */
        s += jue_utf8_step(s);
    }
    return n;
}

/* Longest common subsequence of characters, as a share of the longer name. */
static double similarity(const char *a, const char *b)
{
    const char *ca[64], *cb[64];
    size_t na = chars(a, ca, 64), nb = chars(b, cb, 64);
    if (!na || !nb) return 0;
    int L[65][65];
    for (size_t i = 0; i <= na; i++)
        for (size_t j = 0; j <= nb; j++) {
            if (!i || !j) { L[i][j] = 0; continue; }
            /* a character's bytes run to the next one (chars() never passes the NUL) */
            size_t la = i < na ? (size_t)(ca[i] - ca[i - 1]) : jue_utf8_step(ca[i - 1]);
            size_t lb = j < nb ? (size_t)(cb[j] - cb[j - 1]) : jue_utf8_step(cb[j - 1]);
            bool same = la == lb && !memcmp(ca[i - 1], cb[j - 1], la);
            L[i][j] = same ? L[i - 1][j - 1] + 1 : (L[i - 1][j] > L[i][j - 1] ? L[i - 1][j] : L[i][j - 1]);
        }
    return (double)L[na][nb] / (double)(na > nb ? na : nb);
}

/* The 项 under the given 款 whose name is most like `name` (similarity at
 * least `min`; of the same length in characters when same_len), or NULL. */
static const char *most_similar(const ex *x, const char *const *kuan, size_t nk, const char *name, double min,
                                bool same_len)
{
    const char *best = NULL;
    double bs = min;
    const char *cn[64];
    size_t nn = chars(name, cn, 64);
    for (size_t i = 0; i < nk; i++) {
        const char *items[128];
        size_t ni = jue_catalog_children(x->cat, JUE_CAT_FUNCTIONAL, kuan[i], x->cat_year, items, 128);
        if (ni > 128) ni = 128;
        for (size_t j = 0; j < ni; j++) {
            const char *official = jue_catalog_name(x->cat, JUE_CAT_FUNCTIONAL, items[j], x->cat_year);
            const char *co[64];
            if (same_len && (!official || chars(official, co, 64) != nn)) continue;
            double sc = similarity(name, official);
            if (sc >= bs && (sc > bs || !best)) { bs = sc; best = items[j]; }
        }
    }
    return best;
}

/* Whether the printed names differ from the catalog only where it does not
 * list every code (README "Completeness"): a name it lacks there may be
 * right, so the statement is at most doubtful, never wrong. c1/c2: the 类 and
 * 款 found (c2 by similarity when kuan_misnamed); xiang_ok: the 项 name is
 * the catalog's under c2. */
static bool item_partial(const ex *x, const char *c1, const char *c2, bool kuan_misnamed, bool xiang_ok)
{
    if (!c1) return !jue_catalog_lists_children(x->cat, JUE_CAT_FUNCTIONAL, NULL);
    if (!c2 || kuan_misnamed) return !jue_catalog_lists_children(x->cat, JUE_CAT_FUNCTIONAL, c1);
    return !xiang_ok && !jue_catalog_lists_children(x->cat, JUE_CAT_FUNCTIONAL, c2);
}

/* "X（类）Y（款）Z（项）": resolve through the catalog. A 类 that resolves
 * but a 款 or 项 name that does not (a wrong or stale name, a 项 under the
 * wrong 款) still names its row when the 项 name is found within that 类;
 * the claim then carries item_resolved = false for the rules to report. */
/* Whether [p, e) starts with a Chinese numeral (一 … 十, 百, 〇, 零); *n: its length. */
static bool cn_numeral(const char *p, const char *e, size_t *n)
{
    static const char *const CN[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "百", "〇", "零" };
    for (size_t i = 0; i < sizeof CN / sizeof CN[0]; i++)
        if (starts(p, e, CN[i])) { *n = 3; return true; }
    return false;
}

/* After the item's number and marks before its 类 name at a: "1、", "1.",
 * "1．", "(1)", "（十五）", "十五、" and an opening quote ("（十五）“卫生健康支出
 * （类）…”"); a Chinese numeral counts only in brackets or before 、 (一般
 * 公共服务支出 begins with one). */
/* An enclosed numeral at p: ① … ⑳, ⑴ … ⒇, ⒈ … ⒛ (U+2460–U+24FF), ❶ … ➓
 * (U+2776–U+2793). */
static bool enclosed_numeral(const char *p, const char *a)
{
    if (a - p < 3 || (unsigned char)p[0] != 0xE2) return false;
    unsigned cp = ((unsigned)(p[0] & 0x0F) << 12) | ((unsigned)(p[1] & 0x3F) << 6) | (unsigned)(p[2] & 0x3F);
    return (cp >= 0x2460 && cp <= 0x24FF) || (cp >= 0x2776 && cp <= 0x2793);
}

static const char *item_number_end(const char *s, const char *a)
{
    static const char *const QUOTE[] = { "“", "「", "『", "‘", "\"", "'" };
    const char *st = s;
    for (bool again = true; again && st < a;) {
        again = false;
        size_t n;
        const char *q = st;
        while (q < a && cn_numeral(q, a, &n)) q += n;
        if (q > st && starts(q, a, "、")) { st = q + 3; again = true; continue; }
        if (is_digit_at(st, a) || enclosed_numeral(st, a) || *st == '.' || *st == ' ' || *st == '(' || *st == ')' ||
            starts(st, a, "、") || starts(st, a, "．") || starts(st, a, "（") || starts(st, a, "）")) {
            bool open = *st == '(' || starts(st, a, "（");
            st += (*st & 0x80) ? 3 : 1;
            for (q = st; open && q < a && cn_numeral(q, a, &n);) q += n;
            if (open && q > st && (starts(q, a, "）") || *q == ')')) st = q;   /* its closing bracket next */
            again = true;
            continue;
        }
        for (size_t i = 0; i < sizeof QUOTE / sizeof QUOTE[0]; i++)
            if (starts(st, a, QUOTE[i])) { st += strlen(QUOTE[i]); again = true; break; }
    }
    return st;
}

void cx_item_statement(ex *x, const char *s, const char *e)
{
    size_t la, lb, lc;
    const char *a = cx_find_mark(s, e, "类", &la);
    const char *b = a ? cx_find_mark(a + la, e, "款", &lb) : NULL;
    const char *c = b ? cx_find_item_mark(b + lb, e, &lc) : NULL;
    if (!a || !b || !c) {
        /* no 项 named: the figures that follow are not the last item's */
        free(x->item_names);
        x->item_names = NULL;
        x->item_fact = (jue_fact){ 0 };
        x->item_subject = jue_subject_make(JUE_SUBJ_ITEM, NULL);
        return;
    }
    const char *st = item_number_end(s, a);
    char n1[128], n2[128], n3[128];
    jue_str_put(n1, n1 + sizeof n1, st, (size_t)(a - st));
    jue_str_put(n2, n2 + sizeof n2, a + la, (size_t)(b - (a + la)));
    jue_str_put(n3, n3 + sizeof n3, b + lb, (size_t)(c - (b + lb)));
    const char *c1 = NULL, *c2 = NULL, *c3 = NULL;
    x->item_resolved = false;
    x->item_partial = false;
    if (x->cat) {
        c1 = jue_catalog_find_name(x->cat, JUE_CAT_FUNCTIONAL, n1, JUE_LEVEL_LEI, NULL, x->cat_year);
        if (!c1) {
            /* "社会保障和就业（类）" for 社会保障和就业支出 */
            char alt[140];
            jue_str_put(jue_str_put(alt, alt + sizeof alt, n1, SIZE_MAX), alt + sizeof alt, "支出", SIZE_MAX);
            c1 = jue_catalog_find_name(x->cat, JUE_CAT_FUNCTIONAL, alt, JUE_LEVEL_LEI, NULL, x->cat_year);
        }
        if (c1) c2 = jue_catalog_find_name(x->cat, JUE_CAT_FUNCTIONAL, n2, JUE_LEVEL_KUAN, c1, x->cat_year);
        /* a 款 name one or two characters off ("彩票公益安排的支出") is that 款,
         * misnamed — whether or not the catalog lists every 款 of the 类 */
        bool kuan_misnamed = false;
        if (c1 && !c2) {
            const char *kuan[128];
            size_t nk = jue_catalog_children(x->cat, JUE_CAT_FUNCTIONAL, c1, x->cat_year, kuan, 128);
            double bs = 0.8;
            for (size_t i = 0; i < nk && i < 128; i++) {
                double sc = similarity(n2, jue_catalog_name(x->cat, JUE_CAT_FUNCTIONAL, kuan[i], x->cat_year));
                if (sc > bs) bs = sc, c2 = kuan[i];
            }
            kuan_misnamed = c2 != NULL;
        }
        if (c2) c3 = jue_catalog_find_name(x->cat, JUE_CAT_FUNCTIONAL, n3, JUE_LEVEL_XIANG, c2, x->cat_year);
        /* a year the catalog does not cover: a name it lacks may be that year's */
        x->item_partial = item_partial(x, c1, c2, kuan_misnamed, c3 != NULL) ||
                          (!x->cat_covered && !(c3 && !kuan_misnamed && c1 && c2));
        if (c3) {
            x->item_resolved = !kuan_misnamed;
        } else if (c1) {
            /* the right row under a wrong or stale name: the same 项 name under
             * another 款 of the 类, else the most similar 项 name in the 款
             * (or the 类) — flagged either way. Where the catalog does not
             * list every 项 (README "Completeness") a name it lacks may be
             * right: only a near-identical name of the same length counts
             * ("其他国土资源事务支出" for 其他自然资源事务支出), else the
             * statement is left unresolved and not called wrong. */
            const char *kuan[128];
            size_t nk = jue_catalog_children(x->cat, JUE_CAT_FUNCTIONAL, c1, x->cat_year, kuan, 128);
            if (nk > 128) nk = 128;
            for (size_t i = 0; i < nk && !c3; i++)
                c3 = jue_catalog_find_name(x->cat, JUE_CAT_FUNCTIONAL, n3, JUE_LEVEL_XIANG, kuan[i], x->cat_year);
            bool complete = jue_catalog_lists_children(x->cat, JUE_CAT_FUNCTIONAL, c2 ? c2 : c1);
            if (!c3) c3 = most_similar(x, c2 ? &c2 : kuan, c2 ? 1 : nk, n3, complete ? 0.6 : 0.8, !complete);
            if (!c3 && !complete) x->item_resolved = true;
        }
    }
    free(x->item_names);
    char buf[512];
    char *w = jue_str_put(buf, buf + sizeof buf, n1, SIZE_MAX);
    w = jue_str_put(w, buf + sizeof buf, "/", SIZE_MAX);
    w = jue_str_put(w, buf + sizeof buf, n2, SIZE_MAX);
    w = jue_str_put(w, buf + sizeof buf, "/", SIZE_MAX);
    jue_str_put(w, buf + sizeof buf, n3, SIZE_MAX);
    x->item_names = jue_strdup(buf);
    if (c3) {
        x->item_subject = jue_subject_make(JUE_SUBJ_XIANG, c3);
        /* the 决算 of a 项 is table 05's row, or table 07's in the 政府性基金 section */
        if (strstr(x->context, "政府性基金")) x->item_fact = jue_fact_make(JUE_T07, c3, JUE_COL_SUBTOTAL);
        else if (strstr(x->context, "国有资本经营")) x->item_fact = jue_fact_make(JUE_T08, c3, JUE_COL_SUBTOTAL);
        else x->item_fact = jue_fact_make(JUE_T05, c3, JUE_COL_TOTAL);
    } else {
        x->item_subject = jue_subject_make(JUE_SUBJ_ITEM, NULL);
        x->item_fact = (jue_fact){ 0 };
    }
}
