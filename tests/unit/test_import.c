/* Importers: the XLSX round trip (compile → render → import gives back every
 * table, row, column and printed value), the two real county text fixtures
 * read as they are, and a hand-typed style workbook.
 *
 * Debug path: JUE_IMPORT_DUMP=<file> test_import imports that file, prints
 * it as Markdown (jue_render_md) and its diagnostics to stdout, and exits —
 * for comparing an import with the document by eye. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <juesuan/compile.h>
#include <juesuan/import.h>
#include <juesuan/render.h>
#include <juesuan/source.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "import/import_internal.h"

static jue_catalog *g_cat;
static jue_profile *g_prof;

static void path_of(char *buf, size_t n, const char *env, const char *fallback, const char *rel)
{
    const char *base = getenv(env);
    snprintf(buf, n, "%s/%s", base ? base : fallback, rel);
}

/* A fresh path ending in .xlsx (the door is chosen by extension). */
static void temp_xlsx(char *buf, size_t n, const char *stem)
{
    char dir[] = "/tmp/jue-import-XXXXXX";
    if (!mkdtemp(dir)) fail_msg("mkdtemp failed");
    snprintf(buf, n, "%s/%s.xlsx", dir, stem);
}

static void temp_remove(const char *path)
{
    remove(path);
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash) { *slash = '\0'; rmdir(dir); }
}

static int group_setup(void **state)
{
    (void)state;
    jue_diags dg;
    jue_diags_init(&dg);
    if (jue_catalog_load(NULL, &g_cat, &dg) != JUE_OK) return -1;
    if (jue_profile_load(NULL, &g_prof, &dg) != JUE_OK) return -1;
    jue_diags_free(&dg);
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    jue_catalog_free(g_cat);
    jue_profile_free(g_prof);
    return 0;
}

static void print_diags(const jue_diags *dg)
{
    for (size_t i = 0; i < dg->len; i++)
        print_message("%s:%d:%d: %s: %s\n", dg->items[i].file, dg->items[i].line, dg->items[i].col,
                      jue_severity_str(dg->items[i].severity), dg->items[i].message);
}

/* ---- helpers to look at an imported table ---- */

static const jue_cell *cell_of(const jue_disclosure *d, jue_table_id t, const char *row, jue_side side,
                               const char *col)
{
    const jue_table *tab = d->tables[t];
    if (!tab) fail_msg("%s missing", jue_table_label(t));
    int r = jue_table_find_row(tab, row, side);
    if (r < 0) fail_msg("%s: no row %s", jue_table_label(t), row);
    int c = jue_table_find_col(tab, col);
    if (c < 0) fail_msg("%s: no column %s", jue_table_label(t), col);
    return jue_table_cell_c(tab, (size_t)r, (size_t)c);
}

/* A printed value ("51,318.21") at a file line. */
static void expect_cell(const jue_disclosure *d, jue_table_id t, const char *row, jue_side side,
                        const char *col, const char *printed, int line)
{
    const jue_cell *c = cell_of(d, t, row, side, col);
    if (!printed) {
        if (c->present) fail_msg("%s %s %s: expected blank", jue_table_label(t), row, col);
        return;
    }
    jue_amount a;
    assert_int_equal(jue_amount_parse(printed, strlen(printed), JUE_UNIT_WAN, &a, NULL), JUE_OK);
    if (!c->present || c->printed != a.value || c->decimals != a.decimals)
        fail_msg("%s %s %s: expected %s, got present=%d %lld (%d decimals)", jue_table_label(t), row, col,
                 printed, c->present, (long long)c->printed, c->decimals);
    if (line && c->src_line != line)
        fail_msg("%s %s %s: expected line %d, got %d", jue_table_label(t), row, col, line, c->src_line);
}

static const jue_row *row_of(const jue_disclosure *d, jue_table_id t, const char *key, jue_side side)
{
    int r = jue_table_find_row(d->tables[t], key, side);
    if (r < 0) fail_msg("%s: no row %s", jue_table_label(t), key);
    return &d->tables[t]->rows[r];
}

static jue_disclosure *import_path(const char *path, jue_diags *dg)
{
    jue_disclosure *d = NULL;
    jue_status st = jue_import_file(path, JUE_IN_AUTO, g_cat, g_prof, &d, dg);
    if (st != JUE_OK) {
        print_diags(dg);
        fail_msg("import of %s: %s", path, jue_status_str(st));
    }
    return d;
}

/* ---- (a) round trip through the workbook `juesuan build` writes ---- */

static void compare_disclosures(const jue_disclosure *a, const jue_disclosure *b)
{
    for (int t = 0; t < JUE_NTABLES; t++) {
        const jue_table *x = a->tables[t], *y = b->tables[t];
        if (!x) continue;
        if (!y) fail_msg("%s not imported", jue_table_label((jue_table_id)t));
        assert_int_equal(x->ncols, y->ncols);
        for (size_t k = 0; k < x->ncols; k++) assert_string_equal(x->cols[k].key, y->cols[k].key);
        if (x->nrows != y->nrows) {
            for (size_t r = 0; r < y->nrows; r++) print_message("  imported %s\n", y->rows[r].key);
            fail_msg("%s: %zu rows compiled, %zu imported", jue_table_label((jue_table_id)t), x->nrows, y->nrows);
        }
        for (size_t r = 0; r < x->nrows; r++) {
            const jue_row *rx = &x->rows[r];
            int ry_i = jue_table_find_row(y, rx->key, rx->side);
            if (ry_i < 0) fail_msg("%s: row %s (side %d) not imported", jue_table_label((jue_table_id)t), rx->key, rx->side);
            const jue_row *ry = &y->rows[ry_i];
            assert_string_equal(rx->name, ry->name);
            assert_int_equal(rx->level, ry->level);
            assert_int_equal(rx->is_total, ry->is_total);
            assert_int_equal(rx->line_no, ry->line_no);
            assert_true(ry->src_line > 0);
            for (size_t k = 0; k < x->ncols; k++) {
                /* the income pane of 04 prints one figure, the 合计; the
                 * model's by-fund figures there are not on the form */
                if (t == JUE_T04 && rx->side == JUE_SIDE_INCOME && strcmp(x->cols[k].key, "合计") != 0)
                    continue;
                const jue_cell *cx = jue_table_cell_c(x, r, k), *cy = jue_table_cell_c(y, (size_t)ry_i, k);
                if (cx->present != cy->present || (cx->present && (cx->printed != cy->printed ||
                                                                   cy->decimals != 2)))
                    fail_msg("%s %s %s: compiled %d/%lld, imported %d/%lld", jue_table_label((jue_table_id)t),
                             rx->key, x->cols[k].key, cx->present, (long long)cx->printed, cy->present,
                             (long long)cy->printed);
                if (cy->present) {
                    assert_int_equal(cx->iv.lo, cy->iv.lo);
                    assert_int_equal(cx->iv.hi, cy->iv.hi);
                }
            }
        }
        assert_int_equal(x->empty, y->empty);
        if (x->note) {
            assert_non_null(y->note);
            assert_string_equal(x->note, y->note);
        }
    }
}

static void test_xlsx_round_trip(void **state)
{
    (void)state;
    char dir[4096];
    path_of(dir, sizeof dir, "JUE_SRCDIR", ".", "examples/county-medical-security-2024");
    jue_diags dg;
    jue_diags_init(&dg);
    jue_source *src = NULL;
    assert_int_equal(jue_source_load(dir, g_cat, &src, &dg), JUE_OK);
    jue_disclosure *comp = NULL;
    assert_int_equal(jue_compile(src, g_cat, g_prof, &comp, NULL, &dg), JUE_OK);
    char path[4096];
    temp_xlsx(path, sizeof path, "round-trip");
    assert_int_equal(jue_render_xlsx(comp, path), JUE_OK);
    jue_diags di;
    jue_diags_init(&di);
    jue_disclosure *imp = import_path(path, &di);
    if (di.errors) print_diags(&di);
    assert_int_equal(di.errors, 0);
    compare_disclosures(comp, imp);
    assert_string_equal(imp->department, comp->department);
    assert_int_equal(imp->year, comp->year);
    /* a location is sheet row: 公开01表's first income line is on row 7 */
    assert_int_equal(row_of(imp, JUE_T01, JUE_L_INC_GENERAL, JUE_SIDE_INCOME)->src_line, 7);
    temp_remove(path);
    jue_disclosure_free(comp);
    jue_disclosure_free(imp);
    jue_source_free(src);
    jue_diags_free(&dg);
    jue_diags_free(&di);
}

/* ---- (b) the real county fixtures, as they are ---- */

static void test_liling(void **state)
{
    (void)state;
    char path[4096];
    path_of(path, sizeof path, "JUE_SHARED", "../shared", "fixtures/real/liling-medical-security-2022.txt");
    jue_diags dg;
    jue_diags_init(&dg);
    jue_disclosure *d = import_path(path, &dg);
    if (dg.errors) print_diags(&dg);
    assert_int_equal(dg.errors, 0);
    for (int t = 0; t < JUE_NTABLES; t++)
        if (!d->tables[t]) fail_msg("%s not recognised", jue_table_label((jue_table_id)t));
    assert_int_equal(d->year, 2022);
    assert_string_equal(d->department, "醴陵市医疗保障局");
    const jue_side I = JUE_SIDE_INCOME, E = JUE_SIDE_EXPEND, N = JUE_SIDE_NONE;
    /* 01 */
    expect_cell(d, JUE_T01, JUE_L_INC_GENERAL, I, "决算数", "51,318.21", 79);
    expect_cell(d, JUE_T01, JUE_L_INC_GOVFUND, I, "决算数", "129.29", 80);
    expect_cell(d, JUE_T01, JUE_L_INC_SOE, I, "决算数", NULL, 0);
    expect_cell(d, JUE_T01, JUE_L_INC_OTHER, I, "决算数", "1.05", 86);
    expect_cell(d, JUE_T01, "210", E, "决算数", "51,262.28", 87);
    expect_cell(d, JUE_T01, "229", E, "决算数", "129.29", 102);
    expect_cell(d, JUE_T01, JUE_L_INC_TOTAL, I, "决算数", "51,448.55", 106);
    expect_cell(d, JUE_T01, JUE_L_EXP_GRAND, E, "决算数", "51,448.55", 110);
    assert_int_equal(row_of(d, JUE_T01, "210", E)->line_no, 40);
    assert_int_equal(row_of(d, JUE_T01, JUE_L_INC_GRAND, I)->line_no, 31);
    assert_string_equal(row_of(d, JUE_T01, "201", E)->name, "一般公共服务支出");
    assert_true(row_of(d, JUE_T01, JUE_L_EXP_TOTAL, E)->is_total);
    /* 02, 03 */
    expect_cell(d, JUE_T02, "210", N, "本年收入合计", "51,262.29", 127);
    expect_cell(d, JUE_T02, JUE_L_TOTAL, N, "其他收入", "1.05", 123);
    expect_cell(d, JUE_T02, "2101202", N, "财政拨款收入", "46,423.31", 134);
    assert_string_equal(row_of(d, JUE_T02, "21012", N)->name, "财政对基本医疗保险基金的补助");
    assert_int_equal(row_of(d, JUE_T02, "2101501", N)->level, JUE_LEVEL_XIANG);
    expect_cell(d, JUE_T03, JUE_L_TOTAL, N, "基本支出", "593.27", 163);
    expect_cell(d, JUE_T03, "2101501", N, "项目支出", "3.49", 180);
    expect_cell(d, JUE_T03, "2210201", N, "本年支出合计", "24.42", 187);
    /* 04 */
    expect_cell(d, JUE_T04, JUE_L4_INC_GENERAL, I, "合计", "51,318.21", 203);
    expect_cell(d, JUE_T04, "210", E, "一般公共预算财政拨款", "51,261.23", 211);
    expect_cell(d, JUE_T04, "229", E, "政府性基金预算财政拨款", "129.29", 225);
    expect_cell(d, JUE_T04, JUE_L_EXP_GRAND, E, "合计", "51,447.50", 235);
    assert_true(jue_table_find_row(d->tables[JUE_T04], "年初-一般公共预算财政拨款", I) >= 0);
    /* 05 */
    expect_cell(d, JUE_T05, JUE_L_TOTAL, N, "合计", "51,318.21", 248);
    expect_cell(d, JUE_T05, "2101501", N, "基本支出", "503.69", 265);
    /* 06: three panes, misaligned totals */
    expect_cell(d, JUE_T06, "301", N, "决算数", "507.14", 285);
    expect_cell(d, JUE_T06, "30108", N, "决算数", "47.59", 291);
    assert_string_equal(row_of(d, JUE_T06, "30108", N)->name, "机关事业单位基本养老保险缴费");
    expect_cell(d, JUE_T06, "30217", N, "决算数", "2.62", 302);
    expect_cell(d, JUE_T06, "30299", N, "决算数", "7.07", 313);
    expect_cell(d, JUE_T06, "307", N, "决算数", NULL, 0);
    expect_cell(d, JUE_T06, JUE_L6_PERSONNEL, N, "决算数", "513.74", 314);
    expect_cell(d, JUE_T06, JUE_L6_PUBLIC, N, "决算数", "78.49", 314);
    assert_int_equal(row_of(d, JUE_T06, "30217", N)->side, JUE_SIDE_PUBLIC);
    assert_int_equal(row_of(d, JUE_T06, "30305", N)->side, JUE_SIDE_PERSONNEL);
    assert_int_equal(row_of(d, JUE_T06, "399", N)->side, JUE_SIDE_PUBLIC);
    /* 07 */
    expect_cell(d, JUE_T07, "2296013", N, "本年收入", "129.29", 330);
    expect_cell(d, JUE_T07, "2296013", N, "项目支出", "129.29", 330);
    expect_cell(d, JUE_T07, JUE_L_TOTAL, N, "小计", "129.29", 327);
    expect_cell(d, JUE_T07, JUE_L_TOTAL, N, "年末结转和结余", NULL, 0);
    assert_false(d->tables[JUE_T07]->empty);
    /* 08: empty, with its 说明 */
    assert_true(d->tables[JUE_T08]->empty);
    assert_non_null(d->tables[JUE_T08]->note);
    assert_non_null(strstr(d->tables[JUE_T08]->note, "故本表无数据"));
    expect_cell(d, JUE_T08, JUE_L_TOTAL, N, "小计", "0", 343);
    /* 09: one line, 预算数 group then 决算数 group */
    expect_cell(d, JUE_T09, JUE_L9_TOTAL, N, "预算数", "6.00", 361);
    expect_cell(d, JUE_T09, JUE_L9_RECEPTION, N, "预算数", "6.00", 361);
    expect_cell(d, JUE_T09, JUE_L9_TOTAL, N, "决算数", "2.62", 361);
    expect_cell(d, JUE_T09, JUE_L9_RECEPTION, N, "决算数", "2.62", 361);
    expect_cell(d, JUE_T09, JUE_L9_CAR, N, "决算数", NULL, 0);
    expect_cell(d, JUE_T09, JUE_L9_CAR_RUN, N, "预算数", NULL, 0);
    jue_disclosure_free(d);
    jue_diags_free(&dg);
}

static void test_zhenan(void **state)
{
    (void)state;
    char path[4096];
    path_of(path, sizeof path, "JUE_SHARED", "../shared", "fixtures/real/zhenan-medical-security-2023.txt");
    jue_diags dg;
    jue_diags_init(&dg);
    jue_disclosure *d = import_path(path, &dg);
    if (dg.errors) print_diags(&dg);
    assert_int_equal(dg.errors, 0);
    /* the document prints no 公开08表 (its index says it is an empty table) */
    for (int t = 0; t < JUE_NTABLES; t++)
        if (t != JUE_T08 && !d->tables[t]) fail_msg("%s not recognised", jue_table_label((jue_table_id)t));
    assert_null(d->tables[JUE_T08]);
    assert_int_equal(d->year, 2023);
    assert_string_equal(d->department, "镇安县医疗保障局");
    const jue_side I = JUE_SIDE_INCOME, E = JUE_SIDE_EXPEND, N = JUE_SIDE_NONE;
    expect_cell(d, JUE_T01, JUE_L_INC_GENERAL, I, "决算数", "526.04", 444);
    expect_cell(d, JUE_T01, "210", E, "决算数", "503.03", 452);
    expect_cell(d, JUE_T01, "221", E, "决算数", "8.49", 462);
    /* 使用非财政拨款结余（含专用结余） is the model's 使用非财政拨款结余 */
    assert_int_equal(row_of(d, JUE_T01, JUE_L_USE_NONFISCAL, I)->src_line, 471);
    expect_cell(d, JUE_T01, JUE_L_INC_GRAND, I, "决算数", "526.04", 474);
    expect_cell(d, JUE_T02, JUE_L_TOTAL, N, "本年收入合计", "526.04", 491);
    expect_cell(d, JUE_T02, "2101501", N, "财政拨款收入", "137.7", 501);
    assert_int_equal(cell_of(d, JUE_T02, "2101501", N, "本年收入合计")->decimals, 1);
    expect_cell(d, JUE_T03, "21015", N, "项目支出", "58.79", 530);
    expect_cell(d, JUE_T03, "2101101", N, "基本支出", "0.00", 528);
    /* 04: numbered lines, no 行次 column, one figure on the income pane */
    expect_cell(d, JUE_T04, JUE_L4_INC_GENERAL, I, "合计", "526.04", 551);
    expect_cell(d, JUE_T04, "210", E, "一般公共预算财政拨款", "503.03", 558);
    expect_cell(d, JUE_T04, JUE_L_EXP_TOTAL, E, "合计", "526.04", 576);
    expect_cell(d, JUE_T04, JUE_L_EXP_GRAND, E, "合计", "526.04", 581);
    assert_true(jue_table_find_row(d->tables[JUE_T04], "年初-政府性基金预算财政拨款", I) >= 0);
    assert_int_equal(jue_table_find_row(d->tables[JUE_T04], "204", E), -1);  /* 公共安全支出 left out */
    /* 资源勘探信息等支出: an old name, kept as printed under 215 */
    assert_string_equal(row_of(d, JUE_T04, "215", E)->name, "资源勘探信息等支出");
    expect_cell(d, JUE_T05, "2101506", N, "项目支出", "48.96", 607);
    expect_cell(d, JUE_T05, JUE_L_TOTAL, N, "基本支出", "160.72", 596);
    /* 06 */
    expect_cell(d, JUE_T06, "301", N, "决算数", "153.78", 624);
    expect_cell(d, JUE_T06, "30199", N, "决算数", "35.11", 637);
    expect_cell(d, JUE_T06, "30307", N, "决算数", "0.67", 645);
    expect_cell(d, JUE_T06, "31299", N, "决算数", "0.00", 646);
    expect_cell(d, JUE_T06, JUE_L6_PERSONNEL, N, "决算数", "154.45", 651);
    expect_cell(d, JUE_T06, JUE_L6_PUBLIC, N, "决算数", "6.27", 651);
    assert_int_equal(row_of(d, JUE_T06, "312", N)->side, JUE_SIDE_PUBLIC);
    /* 07: header and an empty 合计 line */
    assert_true(d->tables[JUE_T07]->empty);
    expect_cell(d, JUE_T07, JUE_L_TOTAL, N, "本年收入", NULL, 0);
    /* 09: a row per group, items across, 会议费 and 培训费 as extra rows */
    expect_cell(d, JUE_T09, JUE_L9_TOTAL, N, "预算数", "0.6", 682);
    expect_cell(d, JUE_T09, JUE_L9_RECEPTION, N, "决算数", "0.32", 683);
    expect_cell(d, JUE_T09, JUE_L9_CAR, N, "决算数", "0.00", 683);
    expect_cell(d, JUE_T09, JUE_L9_CAR_RUN, N, "预算数", "0.00", 682);
    expect_cell(d, JUE_T09, JUE_L9_ABROAD, N, "决算数", "0.00", 683);
    expect_cell(d, JUE_T09, "会议费", N, "决算数", "1.10", 683);
    expect_cell(d, JUE_T09, "培训费", N, "预算数", NULL, 0);
    jue_disclosure_free(d);
    jue_diags_free(&dg);
}

/* ---- (c) a workbook typed by hand ---- */

static void test_hand_typed_xlsx(void **state)
{
    (void)state;
    char path[4096];
    temp_xlsx(path, sizeof path, "hand-typed");
    lxw_workbook *wb = workbook_new(path);
    assert_non_null(wb);
    /* one sheet with two tables, a merged title, codes as numbers, amounts
     * as text with thousands separators, extra blank rows */
    lxw_worksheet *ws = workbook_add_worksheet(wb, "决算表");
    lxw_format *merge = workbook_add_format(wb);
    worksheet_merge_range(ws, 0, 0, 0, 8, "2024年度 一般公共预算财政拨款支出决算表", merge);
    worksheet_write_string(ws, 1, 0, "单位：某县医疗保障局", NULL);
    worksheet_write_string(ws, 1, 4, "金额单位：万元", NULL);
    worksheet_merge_range(ws, 3, 0, 3, 1, "项目", merge);
    worksheet_merge_range(ws, 3, 2, 3, 4, "本年支出", merge);
    worksheet_write_string(ws, 4, 0, "科目编码", NULL);
    worksheet_write_string(ws, 4, 1, "科目名称", NULL);
    worksheet_write_string(ws, 4, 2, "小计", NULL);
    worksheet_write_string(ws, 4, 3, "基本支出", NULL);
    worksheet_write_string(ws, 4, 4, "项目支出", NULL);
    worksheet_write_string(ws, 6, 0, "合计", NULL);
    worksheet_write_string(ws, 6, 2, "1,234.50", NULL);
    worksheet_write_string(ws, 6, 3, "1,000.00", NULL);
    worksheet_write_string(ws, 6, 4, "234.50", NULL);
    worksheet_write_number(ws, 7, 0, 210, NULL);
    worksheet_write_string(ws, 7, 1, "卫生健康支出", NULL);
    worksheet_write_string(ws, 7, 2, "1,234.50", NULL);
    worksheet_write_number(ws, 7, 3, 1000, NULL);
    worksheet_write_string(ws, 7, 4, "234.5", NULL);
    worksheet_write_number(ws, 9, 0, 2101501, NULL);
    worksheet_write_string(ws, 9, 1, "行政 运行", NULL);
    worksheet_write_string(ws, 9, 2, "1，234．50", NULL);
    worksheet_write_number(ws, 9, 3, 1000.004, NULL);
    worksheet_write_string(ws, 9, 4, "-", NULL);
    /* second table further down the same sheet: 09 typed as rows */
    worksheet_write_string(ws, 14, 0, "财政拨款“三公”经费支出决算表", NULL);
    worksheet_write_string(ws, 15, 0, "金额单位：元", NULL);
    worksheet_write_string(ws, 16, 1, "合计", NULL);
    worksheet_write_string(ws, 16, 2, "因公出国(境)费", NULL);
    worksheet_write_string(ws, 16, 3, "公务接待费", NULL);
    worksheet_write_string(ws, 17, 0, "预算数", NULL);
    worksheet_write_number(ws, 17, 1, 60000, NULL);
    worksheet_write_string(ws, 17, 3, "60,000.00", NULL);
    worksheet_write_string(ws, 18, 0, "决算数", NULL);
    worksheet_write_string(ws, 18, 1, "32,100.50", NULL);
    worksheet_write_string(ws, 18, 3, "32,100.50", NULL);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);

    jue_diags dg;
    jue_diags_init(&dg);
    jue_disclosure *d = import_path(path, &dg);
    print_diags(&dg);
    const jue_side N = JUE_SIDE_NONE;
    assert_non_null(d->tables[JUE_T05]);
    assert_int_equal(d->year, 2024);
    assert_string_equal(d->department, "某县医疗保障局");
    expect_cell(d, JUE_T05, JUE_L_TOTAL, N, "合计", "1,234.50", 7);
    expect_cell(d, JUE_T05, "210", N, "基本支出", "1,000", 8);
    expect_cell(d, JUE_T05, "210", N, "项目支出", "234.5", 8);
    expect_cell(d, JUE_T05, "2101501", N, "合计", "1,234.50", 10);
    expect_cell(d, JUE_T05, "2101501", N, "项目支出", NULL, 0);
    assert_string_equal(row_of(d, JUE_T05, "2101501", N)->name, "行政运行");
    assert_int_equal(row_of(d, JUE_T05, "2101501", N)->level, JUE_LEVEL_XIANG);
    assert_int_equal(d->tables[JUE_T05]->nrows, 3);
    /* 元 table: 32,100.50 元 = 3.21005 万元, printed to the 分; the table
     * keeps its printed unit (findings show its figures in 元) */
    assert_non_null(d->tables[JUE_T09]);
    assert_int_equal(d->tables[JUE_T09]->unit, JUE_UNIT_YUAN);
    assert_int_equal(d->tables[JUE_T05]->unit, JUE_UNIT_NONE);
    const jue_cell *c = cell_of(d, JUE_T09, JUE_L9_RECEPTION, N, "决算数");
    assert_true(c->present);
    assert_int_equal(c->printed, 3210050);
    assert_int_equal(c->decimals, 6);
    /* ±0.005 元 around the printed value, rounded outward to whole 分 */
    assert_int_equal(c->iv.lo, 3210049);
    assert_int_equal(c->iv.hi, 3210051);
    assert_int_equal(c->src_line, 19);
    /* 60000 as a General number in a 元 table: 6 万元 to the 元 */
    c = cell_of(d, JUE_T09, JUE_L9_TOTAL, N, "预算数");
    assert_int_equal(c->printed, 6000000);
    assert_int_equal(c->decimals, 4);
    assert_int_equal(c->src_line, 18);
    temp_remove(path);
    jue_disclosure_free(d);
    jue_diags_free(&dg);
}

/* ---- bad input: a clear diagnostic, never a crash ---- */

static void test_bad_input(void **state)
{
    (void)state;
    jue_diags dg;
    jue_diags_init(&dg);
    jue_disclosure *d = NULL;
    /* not a zip: nothing can be read from it, like an unreadable file */
    assert_int_equal(jue_import_buffer("hello", 5, "x.xlsx", JUE_IN_AUTO, g_cat, g_prof, &d, NULL, &dg),
                     JUE_ERR_IO);
    assert_null(d);
    assert_true(dg.errors > 0);
    assert_string_equal(dg.items[0].file, "x.xlsx");
    jue_diags_free(&dg);
    /* a table with an unreadable amount: located warning, and the table set
     * aside (read with that cell blank, its sums accused a 合计 of 0) */
    const char *txt = "收入决算表\n金额单位：万元\n项目\t\t本年收入合计\t财政拨款收入\n"
                      "科目编码\t科目名称\t\t\n合计\t\t318.2007.45\t12.00\n";
    assert_int_equal(jue_import_buffer(txt, strlen(txt), "t.txt", JUE_IN_AUTO, g_cat, g_prof, &d, NULL, &dg),
                     JUE_OK);
    bool found = false;
    for (size_t i = 0; i < dg.len; i++)
        found |= dg.items[i].line == 5 && strstr(dg.items[i].message, "318.2007.45") != NULL;
    assert_true(found);
    assert_null(d->tables[JUE_T02]);
    assert_non_null(d->unread[JUE_T02]);
    jue_disclosure_free(d);
    jue_diags_free(&dg);
    /* what no door reads is refused before any, with one message: an
     * image, an archive that is no Office file, an empty or NUL-holding
     * text, whatever its name says */
    static const struct { const char *data; size_t len; const char *name, *says; } REFUSED[] = {
        { "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, "scan.png", "PNG图片" },
        { "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, "report.txt", "PNG图片" },
        { "\xFF\xD8\xFF\xE0\0\x10JFIF", 10, "photo", "JPEG图片" },
        { "PK\x03\x04\x14\0\0\0notes.txt", 17, "a.docx", "ZIP压缩包" },
        { " \n\r\n", 4, "empty.txt", "文件是空的" },
        { "收入\0\0决算", 14, "nul.txt", "NUL" },
    };
    for (size_t i = 0; i < sizeof REFUSED / sizeof REFUSED[0]; i++) {
        jue_diags_init(&dg);
        assert_int_equal(jue_import_buffer(REFUSED[i].data, REFUSED[i].len, REFUSED[i].name, JUE_IN_AUTO, g_cat,
                                           g_prof, &d, NULL, &dg), JUE_ERR_IO);
        assert_null(d);
        assert_int_equal(dg.len, 1);
        assert_non_null(strstr(dg.items[0].message, REFUSED[i].says));
        jue_diags_free(&dg);
    }
    /* text in GB18030 (GBK) is read, said once; bytes that are neither
     * UTF-8 nor GB18030 are refused at their line and column */
    const char *gbk = "\xCA\xD5\xC8\xEB\xBE\xF6\xCB\xE3\xB1\xED\n";   /* 收入决算表 */
    jue_status gs = jue_import_buffer(gbk, strlen(gbk), "gbk.txt", JUE_IN_AUTO, g_cat, g_prof, &d, NULL, &dg);
    assert_true(gs == JUE_OK || gs == JUE_ERR_INVALID);
    assert_string_equal(dg.items[0].message, "不是UTF-8编码，已按GB18030（GBK）读取");
    jue_disclosure_free(d);
    d = NULL;
    jue_diags_free(&dg);
    /* UTF-16 with its byte-order mark (Notepad's "Unicode"), either byte
     * order, is read, said once; one whose bytes after the mark are not
     * UTF-16 (a lone surrogate) is refused */
    static const char u16le[] = "\xFF\xFE\x36\x65\x65\x51\xB3\x51\x97\x7B\x68\x88\n\0";   /* 收入决算表 */
    static const char u16be[] = "\xFE\xFF\x65\x36\x51\x65\x51\xB3\x7B\x97\x88\x68\0\n";
    const char *u16[] = { u16le, u16be };
    for (int k = 0; k < 2; k++) {
        jue_diags_init(&dg);
        gs = jue_import_buffer(u16[k], sizeof u16le - 1, "u16.txt", JUE_IN_AUTO, g_cat, g_prof, &d, NULL, &dg);
        assert_true(gs == JUE_OK || gs == JUE_ERR_INVALID);
        assert_non_null(strstr(dg.items[0].message, "UTF-16编码"));
        assert_int_equal(dg.items[0].severity, JUE_SEV_WARNING);
        jue_disclosure_free(d);
        d = NULL;
        jue_diags_free(&dg);
    }
    jue_diags_init(&dg);
    assert_int_equal(jue_import_buffer("\xFF\xFE\x00\xD8\x41\x00", 6, "u16.txt", JUE_IN_AUTO, g_cat, g_prof, &d,
                                       NULL, &dg), JUE_ERR_IO);
    assert_non_null(strstr(dg.items[0].message, "不是完整的UTF-16文本"));
    jue_diags_free(&dg);
    const char *bad = "收入\n决算\x80\xFF\n";
    assert_int_equal(jue_import_buffer(bad, strlen(bad), "bad.txt", JUE_IN_AUTO, g_cat, g_prof, &d, NULL, &dg),
                     JUE_ERR_IO);
    assert_int_equal(dg.len, 1);
    assert_int_equal(dg.items[0].line, 2);
    assert_int_equal(dg.items[0].col, 3);
    jue_diags_free(&dg);
    /* missing file */
    assert_int_equal(jue_import_file("/nonexistent/x.txt", JUE_IN_AUTO, g_cat, g_prof, &d, &dg), JUE_ERR_IO);
    jue_diags_free(&dg);
}

static int dump(const char *path)
{
    if (group_setup(NULL)) return 2;
    jue_diags dg;
    jue_diags_init(&dg);
    jue_disclosure *d = NULL;
    jue_status st = jue_import_file(path, JUE_IN_AUTO, g_cat, g_prof, &d, &dg);
    for (size_t i = 0; i < dg.len; i++)
        printf("%s:%d:%d: %s: %s\n", dg.items[i].file, dg.items[i].line, dg.items[i].col,
               jue_severity_str(dg.items[i].severity), dg.items[i].message);
    if (st == JUE_OK) {
        jue_buf b;
        jue_buf_init(&b);
        jue_render_md(d, &b);
        fputs(jue_buf_str(&b), stdout);
        jue_buf_free(&b);
        if (getenv("JUE_IMPORT_DUMP_ROWS"))
            for (int t = 0; t < JUE_NTABLES; t++)
                for (size_t r = 0; d->tables[t] && r < d->tables[t]->nrows; r++)
                    printf("T%02d %s|%s side=%d lv=%d line_no=%d src=%d\n", t + 1, d->tables[t]->rows[r].key,
                           d->tables[t]->rows[r].name, d->tables[t]->rows[r].side, d->tables[t]->rows[r].level,
                           d->tables[t]->rows[r].line_no, d->tables[t]->rows[r].src_line);
    }
    jue_disclosure_free(d);
    jue_diags_free(&dg);
    group_teardown(NULL);
    return st == JUE_OK ? 0 : 1;
}

/* Debug path: JUE_TEXT_DUMP=<file> test_import prints the grid rows the text
 * door makes (line, cells by column); with JUE_TEXT_DUMP_POS set, each
 * cell's position (@) and each row's page (p). */
static int dump_text_grid(const char *path)
{
    char *data = NULL;
    size_t len = 0;
    if (jue_read_file(path, &data, &len) != JUE_OK) return 2;
    jue_diags dg;
    jue_diags_init(&dg);
    jue_idoc *doc = NULL;
    jue_status st;
    if (getenv("JUE_TEXT_DUMP_ANY")) {   /* any door (a PDF, DOCX…): its grids as the import made them */
        if (group_setup(NULL)) return 2;
        jue_import_ctx ctx = { .cat = g_cat, .prof = g_prof };
        jue_disclosure *d = NULL;
        st = jue_import_path(path, JUE_IN_AUTO, &ctx, &d, &doc, &dg);
        jue_disclosure_free(d);
    } else {
        doc = jue_idoc_new(path, JUE_IN_TEXT);
        st = doc ? jue_text_read(data, len, doc, &dg) : JUE_ERR_NOMEM;
    }
    for (size_t g = 0; doc && g < doc->n; g++)
        for (size_t i = 0; i < doc->grids[g].n; i++) {
            const jue_grow *r = &doc->grids[g].rows[i];
            printf("%d", r->line);
            for (size_t c = 0; c < r->n; c++)
                printf(getenv("JUE_TEXT_DUMP_POS") ? " |%s@%d" : " |%s", r->cells[c].text, r->cells[c].pos);
            if (getenv("JUE_TEXT_DUMP_POS")) printf(" p%d", r->page);
            putchar('\n');
        }
    jue_idoc_free(doc);
    jue_diags_free(&dg);
    free(data);
    return st == JUE_OK ? 0 : 1;
}

int main(void)
{
    if (getenv("JUE_TEXT_DUMP")) return dump_text_grid(getenv("JUE_TEXT_DUMP"));
    const char *dump_path = getenv("JUE_IMPORT_DUMP");
    if (dump_path) return dump(dump_path);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_xlsx_round_trip),
        cmocka_unit_test(test_liling),
        cmocka_unit_test(test_zhenan),
        cmocka_unit_test(test_hand_typed_xlsx),
        cmocka_unit_test(test_bad_input),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
