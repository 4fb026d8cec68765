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

/* Last year's figures (上年决算数) the notes compare with, by the keys of
 * department.yaml's last_year that the nine tables hold. */
typedef enum {
    JUE_LY_INCOME_TOTAL = 0,  /* income_total: 01表 收入总计 */
    JUE_LY_EXPEND_TOTAL,      /* expenditure_total: 01表 支出总计 */
    JUE_LY_FISCAL_TOTAL,      /* fiscal_total: 04表 收入总计 */
    JUE_LY_GENERAL,           /* general_expenditure: 05表 合计 */
    JUE_LY_BASIC,             /* basic: 05表 基本支出 */
    JUE_LY_PROJECT,           /* project: 05表 项目支出 */
    JUE_LY_PERSONNEL,         /* personnel: 06表 人员经费合计 */
    JUE_LY_PUBLIC,            /* public: 06表 公用经费合计 */
    JUE_LY_THREE,             /* three_public: 09表 合计 决算数 */
    JUE_LY_THREE_ABROAD,      /* three_public_abroad */
    JUE_LY_THREE_CAR,         /* three_public_car */
    JUE_LY_THREE_RECEPTION,   /* three_public_reception */
    JUE_NLY
} jue_last_key;

typedef struct {
    bool has[JUE_NLY];
    jue_fen v[JUE_NLY];       /* 分, as last year's tables print them */
    char *from;               /* where they were taken from (owned), for messages */
} jue_last_year;

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

    /* Last year's figures taken from last year's disclosure (the store or
     * a published file; jue_source_take_last_year); when a figure is not
     * there, department.yaml's last_year gives it. */
    jue_last_year last;
    char *meta_file;          /* the department.yaml read (owned) */
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

/* The part of a source a build from the nine tables needs (docs/formats.md,
 * "Building from the tables"): the department.yaml at yaml_path, and beside
 * it budget.csv and perf.yaml when they are there; no ledgers. Checked as
 * jue_source_load checks them; returns as it does. */
jue_status jue_source_load_meta(const char *yaml_path, const jue_catalog *cat, jue_source **out,
                                jue_diags *diags);

/* The key of department.yaml's last_year for k ("income_total"). */
const char *jue_last_key_name(jue_last_key k);
/* Last year's figure k: from last year's disclosure when one was taken,
 * else from department.yaml's last_year (any of its keys by name, e.g.
 * "operating_expenses"). False when neither has it. */
bool jue_source_last_year(const jue_source *s, const char *key, jue_fen *out);
/* Takes last year's figures from prev, last year's disclosure of the same
 * department (from names it in messages). A figure department.yaml also
 * states and that differs at 0.01 万元 is a warning at its line: the one of
 * last year's disclosure is used. A prev of another year than s->year − 1
 * is a warning too. */
jue_status jue_source_take_last_year(jue_source *s, const jue_disclosure *prev, const char *from,
                                     jue_diags *diags);

/* The path of a file of the source ("<dir>/income.csv"), for diagnostics.
 * Writes into buf and returns it. */
const char *jue_source_path(const jue_source *s, const char *name, char *buf, size_t n);

#endif
