/* A small disclosure built by hand through the model API, shared by the
 * renderer unit tests and the renderer golden tests: a few rows in every
 * table, an empty table with its note (08), blank and zero cells, and a name
 * that needs escaping in every format (T03 2101599). */
#ifndef RENDER_FIXTURE_H
#define RENDER_FIXTURE_H

#include <juesuan/model.h>

#include <stdlib.h>
#include <string.h>

#define FX_SPECIAL_NAME "其他\"医保\"<管理> & 事务"

static int fx_row(jue_table *t, const char *key, const char *name, jue_level lv, jue_side side,
                  bool total, int line)
{
    int r = jue_table_add_row(t, key, name, lv, side, total);
    if (r >= 0) t->rows[r].line_no = line;
    return r;
}

/* Sets the exact value (分) of (row, column); negative row is ignored. */
static void fx_set(jue_table *t, int r, const char *col, jue_fen v)
{
    int c = jue_table_find_col(t, col);
    if (r >= 0 && c >= 0) jue_cell_set_exact(jue_table_cell(t, (size_t)r, (size_t)c), v);
}

static jue_disclosure *fx_build(void)
{
    jue_disclosure *d = jue_disclosure_new();
    if (!d) return NULL;
    d->department = jue_strdup("示例县医疗保障局");
    d->year = 2024;
    d->type = JUE_UNIT_ADMIN;
    d->units = calloc(2, sizeof *d->units);
    if (d->units) {
        d->nunits = 2;
        d->units[0] = (jue_unit_info){ jue_strdup("001"), jue_strdup("示例县医疗保障局"),
                                       JUE_UNIT_ADMIN, true };
        d->units[1] = (jue_unit_info){ jue_strdup("002"), jue_strdup("示例县医疗保障事务中心"),
                                       JUE_UNIT_PUBLIC_INST, false };
    }
    for (int i = 0; i < JUE_NTABLES; i++) d->tables[i] = jue_table_new((jue_table_id)i);
    jue_table *t;
    int r;
    const jue_side I = JUE_SIDE_INCOME, E = JUE_SIDE_EXPEND, N = JUE_SIDE_NONE;
    const jue_level L0 = JUE_LEVEL_NONE, L1 = JUE_LEVEL_LEI, L2 = JUE_LEVEL_KUAN,
                    L3 = JUE_LEVEL_XIANG;

    /* 01: three income lines against four 类 lines, so the income pane gets
     * one blank line (行次 4). */
    t = d->tables[JUE_T01];
    r = fx_row(t, JUE_L_INC_GENERAL, JUE_L_INC_GENERAL, L0, I, false, 1);
    fx_set(t, r, "决算数", 1234567890);
    r = fx_row(t, JUE_L_INC_GOVFUND, JUE_L_INC_GOVFUND, L0, I, false, 2);
    fx_set(t, r, "决算数", 100000000);
    fx_row(t, JUE_L_INC_SOE, JUE_L_INC_SOE, L0, I, false, 3);
    r = fx_row(t, JUE_L_INC_TOTAL, JUE_L_INC_TOTAL, L0, I, true, 5);
    fx_set(t, r, "决算数", 1334567890);
    fx_row(t, JUE_L_USE_NONFISCAL, JUE_L_USE_NONFISCAL, L0, I, false, 6);
    r = fx_row(t, JUE_L_BEGIN, JUE_L_BEGIN, L0, I, false, 7);
    fx_set(t, r, "决算数", 0);
    r = fx_row(t, JUE_L_INC_GRAND, "总计", L0, I, true, 8);
    fx_set(t, r, "决算数", 1334567890);
    r = fx_row(t, "208", "社会保障和就业支出", L1, E, false, 9);
    fx_set(t, r, "决算数", 34567890);
    r = fx_row(t, "210", "卫生健康支出", L1, E, false, 10);
    fx_set(t, r, "决算数", 1100000000);
    r = fx_row(t, "221", "住房保障支出", L1, E, false, 11);
    fx_set(t, r, "决算数", 100000000);
    r = fx_row(t, "229", "其他支出", L1, E, false, 12);
    fx_set(t, r, "决算数", 100000000);
    r = fx_row(t, JUE_L_EXP_TOTAL, JUE_L_EXP_TOTAL, L0, E, true, 13);
    fx_set(t, r, "决算数", 1334567890);
    fx_row(t, JUE_L_DISTRIBUTE, JUE_L_DISTRIBUTE, L0, E, false, 14);
    r = fx_row(t, JUE_L_END, JUE_L_END, L0, E, false, 15);
    fx_set(t, r, "决算数", 0);
    r = fx_row(t, JUE_L_EXP_GRAND, "总计", L0, E, true, 16);
    fx_set(t, r, "决算数", 1334567890);

    /* 02 */
    t = d->tables[JUE_T02];
    r = fx_row(t, JUE_L_TOTAL, "合计", L0, N, true, 0);
    fx_set(t, r, "本年收入合计", 1334567890);
    fx_set(t, r, "财政拨款收入", 1334567890);
    r = fx_row(t, "210", "卫生健康支出", L1, N, false, 0);
    fx_set(t, r, "本年收入合计", 1100000000);
    fx_set(t, r, "财政拨款收入", 1100000000);
    r = fx_row(t, "21015", "医疗保障管理事务", L2, N, false, 0);
    fx_set(t, r, "本年收入合计", 1100000000);
    fx_set(t, r, "财政拨款收入", 1100000000);
    r = fx_row(t, "2101501", "行政运行", L3, N, false, 0);
    fx_set(t, r, "本年收入合计", 1100000000);
    fx_set(t, r, "财政拨款收入", 1100000000);

    /* 03: the cell T03-2101501-基本支出 is 123.456789 万元, printed 123.46. */
    t = d->tables[JUE_T03];
    r = fx_row(t, JUE_L_TOTAL, "合计", L0, N, true, 0);
    fx_set(t, r, "本年支出合计", 1334567890);
    fx_set(t, r, "基本支出", 123456789);
    fx_set(t, r, "项目支出", 1211111101);
    r = fx_row(t, "210", "卫生健康支出", L1, N, false, 0);
    fx_set(t, r, "本年支出合计", 1100000000);
    r = fx_row(t, "21015", "医疗保障管理事务", L2, N, false, 0);
    fx_set(t, r, "本年支出合计", 1100000000);
    r = fx_row(t, "2101501", "行政运行", L3, N, false, 0);
    fx_set(t, r, "本年支出合计", 123456789);
    fx_set(t, r, "基本支出", 123456789);
    r = fx_row(t, "2101599", FX_SPECIAL_NAME, L3, N, false, 0);
    fx_set(t, r, "本年支出合计", 976543211);
    fx_set(t, r, "项目支出", 976543211);

    /* 04: a longer income footer (年初 split by fund), so the expenditure
     * 总计 is pushed to the last line. */
    t = d->tables[JUE_T04];
    r = fx_row(t, JUE_L4_INC_GENERAL, JUE_L4_INC_GENERAL, L0, I, false, 1);
    fx_set(t, r, "合计", 1234567890);
    r = fx_row(t, JUE_L4_INC_GOVFUND, JUE_L4_INC_GOVFUND, L0, I, false, 2);
    fx_set(t, r, "合计", 100000000);
    fx_row(t, JUE_L4_INC_SOE, JUE_L4_INC_SOE, L0, I, false, 3);
    r = fx_row(t, JUE_L_INC_TOTAL, JUE_L_INC_TOTAL, L0, I, true, 4);
    fx_set(t, r, "合计", 1334567890);
    fx_row(t, JUE_L4_BEGIN, JUE_L4_BEGIN, L0, I, false, 5);
    fx_row(t, "年初-一般公共预算财政拨款", JUE_L4_INC_GENERAL, L0, I, false, 6);
    r = fx_row(t, JUE_L_INC_GRAND, "总计", L0, I, true, 7);
    fx_set(t, r, "合计", 1334567890);
    r = fx_row(t, "210", "卫生健康支出", L1, E, false, 9);
    fx_set(t, r, "合计", 1234567890);
    fx_set(t, r, "一般公共预算财政拨款", 1234567890);
    r = fx_row(t, "229", "其他支出", L1, E, false, 10);
    fx_set(t, r, "合计", 100000000);
    fx_set(t, r, "政府性基金预算财政拨款", 100000000);
    r = fx_row(t, JUE_L_EXP_TOTAL, JUE_L_EXP_TOTAL, L0, E, true, 12);
    fx_set(t, r, "合计", 1334567890);
    fx_set(t, r, "一般公共预算财政拨款", 1234567890);
    fx_set(t, r, "政府性基金预算财政拨款", 100000000);
    fx_row(t, JUE_L4_END, JUE_L4_END, L0, E, false, 13);
    r = fx_row(t, JUE_L_EXP_GRAND, "总计", L0, E, true, 15);
    fx_set(t, r, "合计", 1334567890);
    fx_set(t, r, "一般公共预算财政拨款", 1234567890);
    fx_set(t, r, "政府性基金预算财政拨款", 100000000);

    /* 05 */
    t = d->tables[JUE_T05];
    r = fx_row(t, JUE_L_TOTAL, "合计", L0, N, true, 0);
    fx_set(t, r, "合计", 1234567890);
    fx_set(t, r, "基本支出", 123456789);
    fx_set(t, r, "项目支出", 1111111101);
    r = fx_row(t, "210", "卫生健康支出", L1, N, false, 0);
    fx_set(t, r, "合计", 1234567890);
    fx_set(t, r, "基本支出", 123456789);
    fx_set(t, r, "项目支出", 1111111101);

    /* 06: three personnel lines against four public lines. */
    t = d->tables[JUE_T06];
    const jue_side P = JUE_SIDE_PERSONNEL, U = JUE_SIDE_PUBLIC;
    r = fx_row(t, "301", "工资福利支出", L1, P, false, 0);
    fx_set(t, r, "决算数", 100000000);
    r = fx_row(t, "30101", "基本工资", L2, P, false, 0);
    fx_set(t, r, "决算数", 60000000);
    r = fx_row(t, "30102", "津贴补贴", L2, P, false, 0);
    fx_set(t, r, "决算数", 40000000);
    r = fx_row(t, JUE_L6_PERSONNEL, JUE_L6_PERSONNEL, L0, P, true, 0);
    fx_set(t, r, "决算数", 100000000);
    r = fx_row(t, "302", "商品和服务支出", L1, U, false, 0);
    fx_set(t, r, "决算数", 23456789);
    r = fx_row(t, "30201", "办公费", L2, U, false, 0);
    fx_set(t, r, "决算数", 3456789);
    r = fx_row(t, "30217", "公务接待费", L2, U, false, 0);
    fx_set(t, r, "决算数", 20000000);
    fx_row(t, "30231", "公务用车运行维护费", L2, U, false, 0);
    r = fx_row(t, JUE_L6_PUBLIC, JUE_L6_PUBLIC, L0, U, true, 0);
    fx_set(t, r, "决算数", 23456789);

    /* 07 */
    t = d->tables[JUE_T07];
    const char *c7[] = { "本年收入", "小计", "项目支出" };
    const char *k7[] = { JUE_L_TOTAL, "229", "22960", "2296013" };
    const char *n7[] = { "合计", "其他支出", "彩票公益金安排的支出",
                         "用于城乡医疗救助的彩票公益金支出" };
    for (int i = 0; i < 4; i++) {
        r = fx_row(t, k7[i], n7[i], (jue_level)i, N, i == 0, 0);
        for (int j = 0; j < 3; j++) fx_set(t, r, c7[j], 100000000);
    }

    /* 08: empty, printed with a zero 合计 line as published (decimals 0). */
    t = d->tables[JUE_T08];
    t->empty = true;
    jue_table_set_note(t, "说明：本单位没有国有资本经营预算财政拨款收入，也没有使用国有资本经营"
                          "预算财政拨款安排的支出，故本表无数据。");
    r = fx_row(t, JUE_L_TOTAL, "合计", L0, N, true, 0);
    if (r >= 0)
        for (size_t c = 0; c < t->ncols; c++) jue_cell_set_printed(jue_table_cell(t, (size_t)r, c), 0, 0);

    /* 09 */
    t = d->tables[JUE_T09];
    jue_table_set_note(t, "注：本表反映部门本年度“三公”经费支出预决算情况。");
    r = fx_row(t, JUE_L9_TOTAL, JUE_L9_TOTAL, L0, N, true, 0);
    fx_set(t, r, "预算数", 6000000);
    fx_set(t, r, "决算数", 2620000);
    fx_row(t, JUE_L9_ABROAD, JUE_L9_ABROAD, L0, N, false, 0);
    r = fx_row(t, JUE_L9_CAR, JUE_L9_CAR, L0, N, false, 0);
    fx_set(t, r, "预算数", 0);
    fx_set(t, r, "决算数", 0);
    fx_row(t, JUE_L9_CAR_BUY, JUE_L9_CAR_BUY, L0, N, false, 0);
    r = fx_row(t, JUE_L9_CAR_RUN, JUE_L9_CAR_RUN, L0, N, false, 0);
    fx_set(t, r, "预算数", 0);
    fx_set(t, r, "决算数", 0);
    r = fx_row(t, JUE_L9_RECEPTION, JUE_L9_RECEPTION, L0, N, false, 0);
    fx_set(t, r, "预算数", 6000000);
    fx_set(t, r, "决算数", 2620000);
    return d;
}

#endif
