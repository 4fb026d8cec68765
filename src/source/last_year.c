/* Last year's figures (上年决算数) for the notes' 上年数, 增减 and 增长率:
 * from last year's disclosure (the store or a published file) when a build
 * has one, else from department.yaml's last_year (docs/formats.md). */
#include <juesuan/source.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/yaml_tree.h"

/* Where each figure is printed in last year's tables. */
static const struct {
    const char *key;
    jue_table_id t;
    const char *row;
    jue_side side;
    const char *col;
} LAST[JUE_NLY] = {
    [JUE_LY_INCOME_TOTAL] = { "income_total", JUE_T01, JUE_L_INC_GRAND, JUE_SIDE_INCOME, JUE_C_ACTUAL },
    [JUE_LY_EXPEND_TOTAL] = { "expenditure_total", JUE_T01, JUE_L_EXP_GRAND, JUE_SIDE_EXPEND, JUE_C_ACTUAL },
    [JUE_LY_FISCAL_TOTAL] = { "fiscal_total", JUE_T04, JUE_L_INC_GRAND, JUE_SIDE_INCOME, "合计" },
    [JUE_LY_GENERAL] = { "general_expenditure", JUE_T05, "合计", JUE_SIDE_NONE, "合计" },
    [JUE_LY_BASIC] = { "basic", JUE_T05, "合计", JUE_SIDE_NONE, JUE_C_BASIC },
    [JUE_LY_PROJECT] = { "project", JUE_T05, "合计", JUE_SIDE_NONE, JUE_C_PROJECT },
    [JUE_LY_PERSONNEL] = { "personnel", JUE_T06, JUE_L6_PERSONNEL, JUE_SIDE_NONE, JUE_C_ACTUAL },
    [JUE_LY_PUBLIC] = { "public", JUE_T06, JUE_L6_PUBLIC, JUE_SIDE_NONE, JUE_C_ACTUAL },
    [JUE_LY_THREE] = { "three_public", JUE_T09, JUE_L9_TOTAL, JUE_SIDE_NONE, JUE_C_ACTUAL },
    [JUE_LY_THREE_ABROAD] = { "three_public_abroad", JUE_T09, JUE_L9_ABROAD, JUE_SIDE_NONE, JUE_C_ACTUAL },
    [JUE_LY_THREE_CAR] = { "three_public_car", JUE_T09, JUE_L9_CAR, JUE_SIDE_NONE, JUE_C_ACTUAL },
    [JUE_LY_THREE_RECEPTION] = { "three_public_reception", JUE_T09, JUE_L9_RECEPTION, JUE_SIDE_NONE, JUE_C_ACTUAL },
};

const char *jue_last_key_name(jue_last_key k) { return (unsigned)k < JUE_NLY ? LAST[k].key : ""; }

static int last_index(const char *key)
{
    for (int i = 0; i < JUE_NLY; i++)
        if (!strcmp(LAST[i].key, key)) return i;
    return -1;
}

/* department.yaml's last_year.key, or NULL. */
static const jue_ynode *yaml_last(const jue_source *s, const char *key)
{
    const jue_ynode *n = jue_ymap_get(jue_ymap_get(s->meta, "last_year"), key);
    return n && n->type == JUE_Y_SCALAR && !n->plain_null ? n : NULL;
}

static bool yaml_amount(const jue_ynode *n, jue_fen *out)
{
    jue_amount a;
    if (!n || jue_amount_parse(n->value, strlen(n->value), JUE_UNIT_YUAN, &a, NULL) != JUE_OK) return false;
    *out = a.value;
    return true;
}

bool jue_source_last_year(const jue_source *s, const char *key, jue_fen *out)
{
    int i = last_index(key);
    if (i >= 0 && s->last.has[i]) {
        *out = s->last.v[i];
        return true;
    }
    return yaml_amount(yaml_last(s, key), out);
}

/* A figure of prev as printed (blank = 0); false when the table or the
 * line is not there. */
static bool printed_in(const jue_disclosure *prev, int i, jue_fen *out)
{
    const jue_table *t = prev->tables[LAST[i].t];
    if (!t) return false;
    int r = jue_table_find_row(t, LAST[i].row, LAST[i].side), c = jue_table_find_col(t, LAST[i].col);
    if (r < 0 || c < 0) return false;
    const jue_cell *x = jue_table_cell_c(t, (size_t)r, (size_t)c);
    *out = x->present ? x->printed : 0;
    return true;
}

/* A figure department.yaml states that last year's disclosure does not
 * agree with (at 0.01 万元): a warning at its line. */
static void compare_yaml(const jue_source *s, int i, jue_fen taken, const char *from, jue_diags *diags)
{
    const jue_ynode *n = yaml_last(s, LAST[i].key);
    jue_fen y;
    if (!yaml_amount(n, &y) || jue_round_wan2(y) == jue_round_wan2(taken)) return;
    char a[40], b[40], file[4096];
    jue_fmt_wan(jue_round_wan2(y), true, a, sizeof a);
    jue_fmt_wan(jue_round_wan2(taken), true, b, sizeof b);
    jue_diag_add(diags, JUE_SEV_WARNING, jue_source_path(s, "department.yaml", file, sizeof file), n->line, n->col,
                 "last_year.%s为%s万元，与上年决算（%s，%s）的%s万元不一致；按上年决算取%s万元", LAST[i].key, a, from,
                 jue_table_label(LAST[i].t), b, b);
}

jue_status jue_source_take_last_year(jue_source *s, const jue_disclosure *prev, const char *from, jue_diags *diags)
{
    if (prev->year && s->year && prev->year != s->year - 1)
        jue_diag_add(diags, JUE_SEV_WARNING, from, 0, 0, "上年决算应为%d年度，此文件为%d年度", s->year - 1,
                     prev->year);
    free(s->last.from);
    memset(&s->last, 0, sizeof s->last);
    if (!(s->last.from = jue_strdup(from))) return JUE_ERR_NOMEM;
    for (int i = 0; i < JUE_NLY; i++) {
        if (!printed_in(prev, i, &s->last.v[i])) continue;
        s->last.has[i] = true;
        compare_yaml(s, i, s->last.v[i], from, diags);
    }
    return JUE_OK;
}
