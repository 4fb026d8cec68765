/* juesuan/columns.h — the column keys of the national tables, in one place.
 *
 * The model keys a column by its official name (model.c lays out each table
 * with these); code that names a column uses these constants, never the
 * literal. A claim's table fact names its column by jue_col_id. */
#ifndef JUESUAN_COLUMNS_H
#define JUESUAN_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>

/* the 决算数 and 预算数 columns (01, 06, 09) and the parts of an expenditure
 * (03, 05, 07, 08) */
#define JUE_C_ACTUAL       "决算数"
#define JUE_C_BUDGET       "预算数"
#define JUE_C_BASIC        "基本支出"
#define JUE_C_PROJECT      "项目支出"
/* a whole: tables 04 and 05, and a fund's 本年支出 (07, 08) */
#define JUE_C_TOTAL        "合计"
#define JUE_C_SUBTOTAL     "小计"
/* table 02 */
#define JUE_C_INC_TOTAL    "本年收入合计"
#define JUE_C_INC_FISCAL   "财政拨款收入"
#define JUE_C_INC_SUPERIOR "上级补助收入"
#define JUE_C_INC_BUSINESS "事业收入"
#define JUE_C_INC_OPERATING "经营收入"
#define JUE_C_INC_AFFILIATED "附属单位上缴收入"
#define JUE_C_INC_OTHER    "其他收入"
/* table 03 */
#define JUE_C_EXP_TOTAL    "本年支出合计"
#define JUE_C_EXP_SUPERIOR "上缴上级支出"
#define JUE_C_EXP_OPERATING "经营支出"
#define JUE_C_EXP_AFFILIATED "对附属单位补助支出"
/* table 04, by fund */
#define JUE_C_GENERAL      "一般公共预算财政拨款"
#define JUE_C_GOVFUND      "政府性基金预算财政拨款"
#define JUE_C_SOE          "国有资本经营预算财政拨款"
/* tables 07 and 08 */
#define JUE_C_BEGIN        "年初结转和结余"
#define JUE_C_INCOME       "本年收入"
#define JUE_C_END          "年末结转和结余"

/* The same columns as values: JUE_COL_ACTUAL for JUE_C_ACTUAL, … in the
 * order above (one list, so the names and the values cannot drift apart). */
#define JUE_COLUMN_LIST(X)                                                                                      \
    X(ACTUAL) X(BUDGET) X(BASIC) X(PROJECT) X(TOTAL) X(SUBTOTAL)                                                \
    X(INC_TOTAL) X(INC_FISCAL) X(INC_SUPERIOR) X(INC_BUSINESS) X(INC_OPERATING) X(INC_AFFILIATED) X(INC_OTHER) \
    X(EXP_TOTAL) X(EXP_SUPERIOR) X(EXP_OPERATING) X(EXP_AFFILIATED)                                           \
    X(GENERAL) X(GOVFUND) X(SOE)                                                                              \
    X(BEGIN) X(INCOME) X(END)

typedef enum {
#define JUE_COL_ENUM_(name) JUE_COL_##name,
    JUE_COLUMN_LIST(JUE_COL_ENUM_)
#undef JUE_COL_ENUM_
    JUE_NCOLS
} jue_col_id;

/* The key of column c ("决算数"); "" when c is none of them. */
const char *jue_col_key(jue_col_id c);

/* The column whose key is the n bytes at key; false when there is none. */
bool jue_col_parse(const char *key, size_t n, jue_col_id *out);

#endif
