/* 项 statements and table 05/06: claims.item-name, claims.item-unlisted,
 * claims.item-table (in check_figures.c), claims.item-missing, claims.operating;
 * jue_claims_tie_items. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claims_internal.h"

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
    const char *code = c->subject.kind == JUE_SUBJ_XIANG ? c->subject.key : NULL;
    jue_table_id tid = JUE_T05;
    const jue_row *row = code ? item_row(k->d, code, &tid) : NULL;
    char near[400] = "", why[160] = "该部分科目未收录完整";
    int y = k->d->year, from = 0, to = 0;
    if (k->cat && y > 0 && !jue_catalog_covers(k->cat, JUE_CAT_FUNCTIONAL, y)) {
        jue_catalog_years(k->cat, JUE_CAT_FUNCTIONAL, &from, &to);
        snprintf(why, sizeof why, "本工具收录的科目为%d–%d年，不含%d年", from, to, y);
        y = jue_catalog_near_year(k->cat, JUE_CAT_FUNCTIONAL, y);
    } else if (k->cat && y <= 0) {
        jue_catalog_years(k->cat, JUE_CAT_FUNCTIONAL, &from, &to);
        snprintf(why, sizeof why, "文件中没有读到决算年度，按%d年科目核对", to);
        y = to;
    }
    if (code && row && row->name)
        snprintf(near, sizeof near, "；%s中%s的名称为“%s”", jue_table_label(tid), code, row->name);
    else if (code && k->cat) {
        const char *x = jue_catalog_name(k->cat, JUE_CAT_FUNCTIONAL, code, y);
        snprintf(near, sizeof near, "；最接近的科目是%s %s", code, x ? x : "");
    }
    ck_report(k, C_ITEM_UNLISTED, c, "与公开表及政府收支分类科目一致的名称", c->item_names,
           "科目名称“%s”未见于本工具收录的%d年政府收支分类科目（%s，不能断定有误）%s，请核实",
           c->item_names, y, why, near);
}

void ck_check_item_names(ck *k)
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
        } else if (c->subject.kind == JUE_SUBJ_XIANG && k->cat) {
            const char *code = c->subject.key;
            char k1[8], k2[8];
            jue_code_parent(JUE_CAT_FUNCTIONAL, code, k2, sizeof k2);
            jue_code_parent(JUE_CAT_FUNCTIONAL, k2, k1, sizeof k1);
            const char *a = jue_catalog_name(k->cat, JUE_CAT_FUNCTIONAL, k1, k->d->year);
            const char *b = jue_catalog_name(k->cat, JUE_CAT_FUNCTIONAL, k2, k->d->year);
            const char *x = jue_catalog_name(k->cat, JUE_CAT_FUNCTIONAL, code, k->d->year);
            char exp[400];
            snprintf(exp, sizeof exp, "%s（类）%s（款）%s（项）", a ? a : k1, b ? b : k2, x ? x : code);
            ck_report(k, C_ITEM_NAME, c, exp, c->item_names, "科目名称“%s”与%d年政府收支分类科目不符，%s应为%s",
                   c->item_names, k->d->year, code, exp);
        } else {
            ck_report(k, C_ITEM_NAME, c, "政府收支分类科目中的类/款/项", c->item_names,
                   "“%s”不是%d年政府收支分类科目中的类/款/项", c->item_names, k->d->year);
        }
    }
}

void ck_check_item_missing(ck *k)
{
    const jue_table *t5 = k->d->tables[JUE_T05];
    const jue_claims *cl = &k->d->claims;
    bool any_item = false;
    for (size_t i = 0; i < cl->len && !any_item; i++) {
        /* a 项 statement (项目支出, the column, is none: notes that speak of
         * it describe no 项) */
        const jue_subject *s = &cl->items[i].subject;
        any_item = s->kind == JUE_SUBJ_XIANG || s->kind == JUE_SUBJ_ITEM;
    }
    if (!t5 || !any_item) return;
    /* the claims a 项 row can be stated by: those of a 项 subject, from the
     * first to the last */
    size_t xfrom = cl->len, xto = 0;
    for (size_t i = 0; i < cl->len; i++)
        if (cl->items[i].subject.kind == JUE_SUBJ_XIANG) {
            if (xfrom == cl->len) xfrom = i;
            xto = i + 1;
        }
    int col = jue_table_find_col(t5, JUE_C_TOTAL);
    for (size_t r = 0; r < t5->nrows; r++) {
        const jue_row *row = &t5->rows[r];
        if (row->level != JUE_LEVEL_XIANG || col < 0) continue;
        const jue_cell *cell = jue_table_cell_c(t5, r, (size_t)col);
        if (!cell->present || cell->printed == 0) continue;
        jue_subject subj = jue_subject_make(JUE_SUBJ_XIANG, row->key);
        bool found = false;
        for (size_t i = xfrom; i < xto && !found; i++)   /* the kind first: most claims are no 项 */
            found = cl->items[i].subject.kind == JUE_SUBJ_XIANG && jue_subject_same(&cl->items[i].subject, &subj);
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
        ck_fmt_cell(cell, amt, sizeof amt);
        jue_finding f = { 0 };
        char msg[512];
        snprintf(msg, sizeof msg, "%s中的项级科目%s %s（%s）未在一般公共预算财政拨款支出具体情况中说明",
                 jue_table_label(JUE_T05), row->key, row->name, amt);
        int s = ck_sev(k, C_ITEM_MISSING);
        if (s < 0) return;
        f.rule = (char *)jue_claim_check_names[C_ITEM_MISSING];
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
void ck_check_operating(ck *k)
{
    if (k->d->type == JUE_UNIT_PUBLIC_INST) return;
    const jue_table *t6 = k->d->tables[JUE_T06];
    if (!t6) return;
    int r = jue_table_find_row(t6, JUE_L6_PUBLIC, JUE_SIDE_NONE), col = jue_table_find_col(t6, JUE_C_ACTUAL);
    if (r < 0 || col < 0) return;
    const jue_cell *cell = jue_table_cell_c(t6, (size_t)r, (size_t)col);
    const jue_claims *cl = &k->d->claims;
    for (size_t i = 0; i < cl->len; i++) {
        const jue_claim *c = &cl->items[i];
        if (c->is_percent || !jue_subject_is(&c->subject, "机关运行经费") ||
            (c->role != JUE_ROLE_VALUE && c->role != JUE_ROLE_ACTUAL))
            continue;
        {
            char e0[64];
            ck_fmt_cell(cell, e0, sizeof e0);
            ck_note(k, c, jue_iv_overlaps(c->iv, ck_cell_iv(cell)), "%s公用经费合计 = %s", jue_table_label(JUE_T06), e0);
        }
        if (!jue_iv_overlaps(c->iv, ck_cell_iv(cell))) {
            char exp[64];
            ck_fmt_cell(cell, exp, sizeof exp);
            ck_report(k, C_OPERATING, c, exp, c->printed,
                   "机关运行经费%s与%s公用经费合计%s不一致，差异需要说明原因", c->printed, jue_table_label(JUE_T06), exp);
        }
        return;   /* the first statement of it is the one that counts */
    }
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
    static const struct { jue_table_id t; jue_col_id col; } TABLES[] = {
        { JUE_T05, JUE_COL_TOTAL }, { JUE_T07, JUE_COL_SUBTOTAL }, { JUE_T08, JUE_COL_SUBTOTAL },
    };
    const char *done = NULL;   /* the names last tied, with their answer */
    char code[16] = "";
    int tab = -1;
    for (size_t i = 0; i < cl->len; i++) {
        jue_claim *c = &cl->items[i];
        if (c->subject.kind != JUE_SUBJ_ITEM || !c->item_names) continue;
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
        c->subject = jue_subject_make(JUE_SUBJ_XIANG, code);
        if (!jue_fact_on(&c->fact) && !c->is_percent && (c->role == JUE_ROLE_VALUE || c->role == JUE_ROLE_ACTUAL))
            c->fact = jue_fact_make(TABLES[tab].t, code, TABLES[tab].col);
    }
}
