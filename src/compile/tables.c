/* A build from the nine tables as printed (an XLSX of the tables, a
 * published PDF/DOCX/HTML read through the audit's doors): the figures stay
 * as they were printed; department.yaml gives what the tables do not hold. */
#include <juesuan/compile.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile_internal.h"
#include "core/yaml_tree.h"

/* A key of department.yaml the document prints: needed when `when` holds. */
typedef struct {
    const char *parent, *key;   /* parent NULL = top level */
    const char *what;           /* what it is, in Chinese */
} need;

static jue_fen t09_actual(const jue_disclosure *d, const char *row)
{
    const jue_table *t = d->tables[JUE_T09];
    if (!t) return 0;
    int r = jue_table_find_row(t, row, JUE_SIDE_NONE), c = jue_table_find_col(t, JUE_C_ACTUAL);
    if (r < 0 || c < 0) return 0;
    const jue_cell *x = jue_table_cell_c(t, (size_t)r, (size_t)c);
    return x->present ? x->printed : 0;
}

static bool overview_has(const jue_profile *prof, jue_overview_kind k, size_t nunits)
{
    const jue_overview_section *ov = NULL;
    size_t n = jue_profile_overview(prof, &ov);
    for (size_t i = 0; i < n; i++) {
        jue_overview_kind kind = ov[i].has_alt && nunits == 1 ? ov[i].alt_kind : ov[i].kind;
        if (kind == k) return true;
    }
    return false;
}

/* One error per key the document needs that department.yaml lacks, at the
 * map it belongs in (its first line when that map is missing too). */
static void require(const jue_source *src, const need *n, jue_diags *diags)
{
    const jue_ynode *parent = n->parent ? jue_ymap_get(src->meta, n->parent) : src->meta;
    const jue_ynode *v = jue_ymap_get(parent, n->key);
    if (v && (v->type != JUE_Y_SCALAR || (!v->plain_null && v->value[0]))) return;
    char file[4096], key[128];
    jue_source_path(src, "department.yaml", file, sizeof file);
    snprintf(key, sizeof key, "%s%s%s", n->parent ? n->parent : "", n->parent ? "." : "", n->key);
    const jue_ynode *at = v ? v : parent && parent != src->meta ? parent : NULL;
    jue_diag_add(diags, JUE_SEV_ERROR, file, at ? at->line : 1, at ? at->col : 1,
                 "缺少“%s”（%s）：完整文档要写出它，而表格中没有", key, n->what);
}

static void check_needs(const jue_source *src, const jue_disclosure *d, const jue_profile *prof, jue_diags *diags)
{
    static const need DUTIES = { NULL, "duties", "部门职责" }, ORG = { NULL, "organisation", "机构设置" };
    if (overview_has(prof, JUE_OV_DUTIES, src->nunits)) require(src, &DUTIES, diags);
    if (overview_has(prof, JUE_OV_ORGANISATION, src->nunits)) require(src, &ORG, diags);
    /* the counts the notes give beside each 三公 figure spent */
    static const struct { const char *row; need n[2]; } T3[] = {
        { JUE_L9_ABROAD, { { "three_public", "abroad_groups", "因公出国（境）团组数" },
                           { "three_public", "abroad_people", "因公出国（境）人次" } } },
        { JUE_L9_CAR, { { "three_public", "vehicles_held", "公务用车保有量" }, { NULL, NULL, NULL } } },
        { JUE_L9_CAR_BUY, { { "three_public", "vehicles_bought", "本年购置公务用车数" }, { NULL, NULL, NULL } } },
        { JUE_L9_RECEPTION, { { "three_public", "reception_batches", "国内公务接待批次" },
                              { "three_public", "reception_persons", "国内公务接待人次" } } },
    };
    for (size_t i = 0; i < sizeof T3 / sizeof T3[0]; i++) {
        if (!t09_actual(d, T3[i].row)) continue;
        for (int k = 0; k < 2; k++)
            if (T3[i].n[k].key) require(src, &T3[i].n[k], diags);
    }
}

/* The year and the department the tables print, against department.yaml's. */
static void check_names(const jue_source *src, const jue_disclosure *d, jue_diags *diags)
{
    char file[4096];
    jue_source_path(src, "department.yaml", file, sizeof file);
    const jue_ynode *y = jue_ymap_get(src->meta, "year");
    if (d->year && src->year && d->year != src->year)
        jue_diag_add(diags, JUE_SEV_ERROR, file, y ? y->line : 1, y ? y->col : 1,
                     "department.yaml 的年度为%d年，而表格（%s）是%d年度的", src->year, d->source ? d->source : "",
                     d->year);
    const jue_ynode *n = jue_ymap_get(src->meta, "department");
    if (d->department && src->department && strcmp(d->department, src->department))
        jue_diag_add(diags, JUE_SEV_WARNING, file, n ? n->line : 1, n ? n->col : 1,
                     "表格的编制单位为“%s”，department.yaml 为“%s”：文档按 department.yaml 写", d->department,
                     src->department);
}

/* Figures finer than 0.01 万元 (a table typed in 元 to the 分): the
 * document prints 万元 to two decimals, so each is rounded on its own and a
 * total may then differ from its printed parts by a tail. One warning per
 * table, at its first such figure. */
static void check_precision(const jue_disclosure *d, jue_diags *diags)
{
    for (int t = 0; t < JUE_NTABLES; t++) {
        const jue_table *tab = d->tables[t];
        size_t n = 0, first = 0;
        for (size_t i = 0; tab && i < tab->nrows * tab->ncols; i++)
            if (tab->cells[i].present && tab->cells[i].printed % 10000 != 0 && !n++) first = i;
        if (!n) continue;
        char v[48];
        jue_fmt_yuan(tab->cells[first].printed, true, v, sizeof v);
        jue_diag_add(diags, JUE_SEV_WARNING, d->source ? d->source : "", tab->cells[first].src_line, 0,
                     "%s有%zu个数字比0.01万元更细（如%s元）：文档按万元印两位小数，各数分别四舍五入，合计与各项之和可能有尾差；"
                     "宜先把表格整理为万元两位小数",
                     jue_table_label((jue_table_id)t), n, v);
    }
}

jue_status jue_compile_tables(const jue_source *src, const jue_profile *prof, jue_disclosure *d, jue_diags *diags)
{
    size_t errors = diags->errors;
    check_names(src, d, diags);
    check_needs(src, d, prof, diags);
    check_precision(d, diags);
    if (jue_compile_adopt(src, prof, d) != JUE_OK) return JUE_ERR_NOMEM;
    /* a table the input lacks is printed empty (the audit said it is missing);
     * one whose figures could not be read cannot be printed at all */
    for (int t = 0; t < JUE_NTABLES; t++)
        if (d->unread[t]) {
            jue_diag_add(diags, JUE_SEV_ERROR, d->source ? d->source : "", 0, 0,
                         "%s的数字未能可靠读出（%s）：无法据此编制，请改用该表的 XLSX 或其他格式",
                         jue_table_label((jue_table_id)t), d->unread[t]);
        } else if (!d->tables[t]) {
            if (!(d->tables[t] = jue_table_new((jue_table_id)t))) return JUE_ERR_NOMEM;
            d->tables[t]->empty = true;
        }
    jue_compile_present(d, prof);
    jue_claims_free(&d->claims);
    jue_claims_init(&d->claims);
    return diags->errors != errors ? JUE_ERR_INVALID : JUE_OK;
}
