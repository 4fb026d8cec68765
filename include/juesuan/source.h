/* juesuan/source.h — one department-year as its finance officer keeps it
 * (docs/formats.md): department.yaml (metadata, 三公 budget and counts,
 * staffing, procurement, assets, last year's totals, carry-over balances) and
 * CSV ledgers income.csv, expenditure.csv, carryover.csv, budget.csv, all
 * amounts in 元.
 *
 * jue_source_load reads and validates a source directory against the
 * catalog of its year and reports every mistake it finds (not just the first)
 * as diagnostics with file:line:col. The source owns all its memory.
 */
#ifndef JUESUAN_SOURCE_H
#define JUESUAN_SOURCE_H

#include "catalog.h"
#include "model.h"
#include "perf.h"

/* Income sources: the eight income lines of table 01, in order. */
typedef enum {
    JUE_SRC_GENERAL = 0,  /* 一般公共预算财政拨款收入 */
    JUE_SRC_GOVFUND,      /* 政府性基金预算财政拨款收入 */
    JUE_SRC_SOE,          /* 国有资本经营预算财政拨款收入 */
    JUE_SRC_SUPERIOR,     /* 上级补助收入 */
    JUE_SRC_BUSINESS,     /* 事业收入 */
    JUE_SRC_OPERATING,    /* 经营收入 */
    JUE_SRC_AFFILIATED,   /* 附属单位上缴收入 */
    JUE_SRC_OTHER,        /* 其他收入 */
    JUE_NSOURCES
} jue_income_source;

/* Funds an expenditure or a balance belongs to. */
typedef enum {
    JUE_FUND_GENERAL = 0, /* 一般公共预算财政拨款 */
    JUE_FUND_GOVFUND,     /* 政府性基金预算财政拨款 */
    JUE_FUND_SOE,         /* 国有资本经营预算财政拨款 */
    JUE_FUND_NONFISCAL,   /* 非财政拨款 (上级补助, 事业, 经营, 其他 …) */
    JUE_NFUNDS
} jue_fund;

/* Kinds of expenditure: the columns 2–6 of table 03. */
typedef enum {
    JUE_KIND_BASIC = 0,       /* 基本支出 */
    JUE_KIND_PROJECT,         /* 项目支出 */
    JUE_KIND_TO_SUPERIOR,     /* 上缴上级支出 */
    JUE_KIND_OPERATING,       /* 经营支出 */
    JUE_KIND_TO_AFFILIATED,   /* 对附属单位补助支出 */
    JUE_NKINDS
} jue_exp_kind;

const char *jue_income_source_name(jue_income_source s);
const char *jue_fund_name(jue_fund f);
const char *jue_exp_kind_name(jue_exp_kind k);
/* The fund an income source feeds (non-fiscal for sources 4–8). */
jue_fund jue_source_fund(jue_income_source s);

typedef struct {
    int unit;                 /* index into units */
    jue_income_source source;
    char code[8];             /* functional 项 */
    jue_fen amount;
    int line;                 /* line in income.csv */
} jue_income_line;

typedef struct {
    int unit;
    jue_fund fund;
    jue_exp_kind kind;
    char code[8];             /* functional 项 */
    char econ[6];             /* economic 款, "" when not given */
    char *project;            /* project name or NULL (owned) */
    jue_fen amount;
    int line;
} jue_exp_line;

typedef struct {
    int unit;
    jue_fund fund;
    bool end;                 /* false = 年初, true = 年末 */
    char code[8];             /* functional 项 or "" */
    jue_fen amount;
    int line;
} jue_carry_line;

typedef struct {
    char code[8];             /* functional 项 */
    jue_fen budget;           /* year-start budget (年初预算), 一般公共预算 */
    char *reason;             /* why actual differs from budget (owned) or NULL */
    int line;
} jue_budget_line;

/* 三公 items, in table 09 order of leaves. */
typedef enum { JUE_3P_ABROAD = 0, JUE_3P_CAR_BUY, JUE_3P_CAR_RUN, JUE_3P_RECEPTION, JUE_N3P } jue_three_public;

struct jue_ynode;

typedef struct {
    char *dir;
    char *department;
    int year;
    jue_unit_type type;
    jue_unit_info *units;
    size_t nunits;

    jue_income_line *income;  size_t nincome;
    jue_exp_line *exp;        size_t nexp;
    jue_carry_line *carry;    size_t ncarry;
    jue_budget_line *budget;  size_t nbudget;
    bool has_budget;          /* budget.csv was read: without it the year-start
                                 budget is not known (never taken as 0) */

    jue_fen use_nonfiscal;    /* 使用非财政拨款结余 */
    jue_fen distribution;     /* 结余分配 */
    jue_fen three_budget[JUE_N3P];   /* 三公 预算数 */
    bool has_three_actual;           /* department.yaml states 决算数 (cross-checked) */
    jue_fen three_actual[JUE_N3P];

    /* The whole department.yaml, for sections used by the narrative
     * (staffing, procurement, assets, last year, …). Owned. */
    struct jue_ynode *meta;

    /* perf.yaml, the year's 绩效自评, or NULL when the directory has none.
     * Loaded and checked with the rest (every mistake as perf.yaml:line:col,
     * project amounts against expenditure.csv), scored by the national
     * method; `build` scores it again by its profile. Owned. */
    jue_perf_set *perf;
} jue_source;

/* Loads the source in dir. The catalog must cover the source's year.
 * Returns JUE_OK with *out set when no error diagnostic was produced;
 * otherwise JUE_ERR_INVALID (or JUE_ERR_IO when department.yaml, income.csv
 * or expenditure.csv cannot be read — the rest is still checked) with *out
 * NULL and every problem in diags, each once. Files saved as GB18030 (GBK)
 * are read, with a warning; bytes neither UTF-8 nor GB18030 are one error at
 * the first. Without budget.csv, has_budget is false and a warning says so. */
jue_status jue_source_load(const char *dir, const jue_catalog *cat, jue_source **out,
                           jue_diags *diags);
void jue_source_free(jue_source *s);

/* The path of a file of the source ("<dir>/income.csv"), for diagnostics.
 * Writes into buf and returns it. */
const char *jue_source_path(const jue_source *s, const char *name, char *buf, size_t n);

#endif
