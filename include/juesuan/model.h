/* juesuan/model.h — the one in-memory model of a disclosure.
 *
 * A Disclosure holds unit metadata and the public tables. A table is a grid
 * of facts keyed by (table, row key, column key): a row key is a
 * classification code ("2101501") or a named line ("本年收入合计"); a column
 * key is the column's official name ("基本支出"). Every importer fills this
 * model and every renderer reads it; nobody keeps a private notion of a table.
 *
 * Each cell carries the exact value when known (compiled from a ledger: 分,
 * zero width) and the printed value with the interval its printed precision
 * stands for (see money.h). Ownership: a disclosure owns its tables, a table
 * owns its rows, columns, cells and strings. Pointers returned by lookups
 * stay valid until the table grows (jue_table_add_row) or is freed.
 */
#ifndef JUESUAN_MODEL_H
#define JUESUAN_MODEL_H

#include "catalog.h"
#include "claims.h"
#include "columns.h"
#include "common.h"
#include "money.h"

/* The nine public tables, by national number (公开01–09表). A profile may
 * print them in another order or under other numbers. */
typedef enum {
    JUE_T01 = 0, /* 收入支出决算总表 */
    JUE_T02,     /* 收入决算表 */
    JUE_T03,     /* 支出决算表 */
    JUE_T04,     /* 财政拨款收入支出决算总表 */
    JUE_T05,     /* 一般公共预算财政拨款支出决算表 */
    JUE_T06,     /* 一般公共预算财政拨款基本支出决算表 */
    JUE_T07,     /* 政府性基金预算财政拨款收入支出决算表 */
    JUE_T08,     /* 国有资本经营预算财政拨款支出决算表 */
    JUE_T09,     /* 财政拨款"三公"经费支出决算表 */
    JUE_NTABLES
} jue_table_id;

/* Tables 01, 04 and 06 are printed as two panes side by side. */
typedef enum {
    JUE_SIDE_NONE = 0,
    JUE_SIDE_INCOME,     /* 01/04 left pane */
    JUE_SIDE_EXPEND,     /* 01/04 right pane */
    JUE_SIDE_PERSONNEL,  /* 06 人员经费 */
    JUE_SIDE_PUBLIC      /* 06 公用经费 */
} jue_side;

typedef struct {
    char *key;          /* code or named-line key; unique per (side) */
    char *name;         /* printed name */
    jue_level level;    /* for code rows; JUE_LEVEL_NONE for named lines */
    jue_side side;
    int line_no;        /* 行次 where the table has one, else 0 */
    bool is_total;      /* a total/subtotal line (合计, 总计, 小计) */
    int src_line;       /* location in an imported document (0 = none) */
    int src_page;
} jue_row;

typedef struct {
    char *key;          /* official column name, unique in the table */
    char *group;        /* merged header above it ("本年支出"), or NULL */
    int col_no;         /* 栏次 */
} jue_col;

typedef struct {
    jue_fen exact;      /* true value, valid when has_exact */
    jue_fen printed;    /* printed value in 分 */
    jue_interval iv;    /* interval the printed value stands for */
    int decimals;       /* decimals printed (in 万元) */
    bool present;       /* printed non-blank; false = blank cell (value 0) */
    bool has_exact;
    int src_line;       /* location in an imported document (0 = none) */
    int src_page;
    float box[4];       /* a PDF's: x0,y0,x1,y1 in points, origin at the page's bottom left; 0 = none */
} jue_cell;

typedef struct {
    jue_table_id id;
    char *title;        /* official title */
    char *note;         /* printed note under the table (e.g. 本表无数据 statement) or NULL */
    char *footnote;     /* the profile's 注 printed under the table, before the note
                         * ("注：本表反映…", a profile's table_notes), or NULL */
    char *label;        /* printed label as the profile has it ("公开01表"; "" = none printed),
                         * NULL = the national label (jue_table_label) */
    int number;         /* printed place among the tables (profile), 0 = the national number */
    bool plain;         /* printed without 行次 columns and 栏次 row (a profile's line_numbers: false) */
    bool no_preparer;   /* printed with "单位：万元" alone above it, no "编制单位：…" (a
                         * profile's preparer_line: false); false = the national line */
    bool empty;         /* the table has no data; a note is then required */
    jue_unit unit;      /* unit printed above it (金额单位); JUE_UNIT_NONE = 万元, the
                         * form's unit. Figures are held in 分 whatever it is; findings
                         * show a table's figures in its own unit */
    jue_row *rows;
    size_t nrows, rows_cap;
    jue_col *cols;
    size_t ncols;
    jue_cell *cells;    /* nrows × ncols, row-major */
    struct jue_block *strings;   /* the blocks the rows' keys and names are in (model.c's) */
} jue_table;

typedef enum { JUE_UNIT_ADMIN = 0, JUE_UNIT_CIVIL_LIKE, JUE_UNIT_PUBLIC_INST } jue_unit_type;
const char *jue_unit_type_name(jue_unit_type t);   /* 行政单位, 参照公务员法管理事业单位, 事业单位 */

typedef struct {
    char *id;           /* short id used in the source */
    char *name;
    jue_unit_type type;
    bool is_main;       /* 本级 */
} jue_unit_info;

typedef struct {
    char *department;   /* 编制单位 as printed */
    int year;
    jue_unit_type type;
    jue_unit_info *units;
    size_t nunits;
    char *profile;      /* profile name, NULL = national */
    char *source;       /* file or directory it was read from, NULL = compiled in memory */
    jue_table *tables[JUE_NTABLES];   /* NULL = not present */
    /* Importers: a table whose title is printed but whose figures could not
     * be read with confidence (why, a static string; NULL = not so). Its
     * figures are not in tables[] and feed no finding, yet it is not missing. */
    const char *unread[JUE_NTABLES];
    /* Importers: the first title printed of a table this layout does not
     * hold (一般公共预算财政拨款项目支出决算表, a province's 情况表 …; owned,
     * NULL = none). Such a document follows another province's or year's
     * layout, so a table of ours it lacks may be printed in another form. */
    char *other_table;
    jue_claims claims;  /* figures stated in the notes (importers fill it; empty when compiled) */
} jue_disclosure;

jue_disclosure *jue_disclosure_new(void);
/* Frees everything the disclosure owns. NULL is fine. */
void jue_disclosure_free(jue_disclosure *d);

/* The official title of a table and its national number (1–9). */
const char *jue_table_title(jue_table_id id);
/* "公开01表" style label. */
const char *jue_table_label(jue_table_id id);
/* The label a table is printed with: its own (t->label, set from the
 * profile when compiling; may be "") or else the national one. */
const char *jue_table_printed_label(const jue_table *t);
/* The tables present in printed order (by t->number, else the national
 * number); returns how many were written to ids. */
size_t jue_disclosure_order(const jue_disclosure *d, jue_table_id ids[JUE_NTABLES]);

/* Creates a table with the national columns of `id` and no rows. Returns NULL
 * on allocation failure. Free with jue_table_free (NULL fine). */
jue_table *jue_table_new(jue_table_id id);
void jue_table_free(jue_table *t);

/* Room for nrows rows in all, so that adding them copies nothing; false
 * when there is no memory (the table is as it was). */
bool jue_table_reserve(jue_table *t, size_t nrows);
/* Appends a row; copies key and name (into one allocation: a row's name is
 * replaced with jue_table_set_row_name, never freed on its own). Returns the
 * row index or -1 (no memory). Cells of the new row are blank. */
int jue_table_add_row(jue_table *t, const char *key, const char *name, jue_level level,
                      jue_side side, bool is_total);
/* Replaces row r's printed name with a copy of name (NULL = ""). */
jue_status jue_table_set_row_name(jue_table *t, size_t r, const char *name);
/* Drops the rows from n on (their strings freed). */
void jue_table_truncate(jue_table *t, size_t n);
/* Row index by key and side (JUE_SIDE_NONE matches any side), or -1. */
int jue_table_find_row(const jue_table *t, const char *key, jue_side side);
/* The key of national column j of table id (as jue_table_new makes it), or
 * NULL past its last column. */
const char *jue_table_national_col(jue_table_id id, size_t j);
/* Column index by key, or -1. */
int jue_table_find_col(const jue_table *t, const char *key);
static inline jue_cell *jue_table_cell(jue_table *t, size_t r, size_t c)
{
    return &t->cells[r * t->ncols + c];
}
static inline const jue_cell *jue_table_cell_c(const jue_table *t, size_t r, size_t c)
{
    return &t->cells[r * t->ncols + c];
}
/* Sets a cell to an exact value (also sets printed = value rounded to 0.01 万元
 * and its interval; rounding may be adjusted later by the compiler). */
void jue_cell_set_exact(jue_cell *c, jue_fen v);
/* Sets a cell from a printed amount (importers). */
void jue_cell_set_printed(jue_cell *c, jue_fen printed, int decimals);
/* Sets the table's note (copied). */
jue_status jue_table_set_note(jue_table *t, const char *note);
/* Whether t holds no data: marked empty, or no cell printed (a printed 0.00
 * is data, a blank is not). */
bool jue_table_is_empty(const jue_table *t);

/* The named lines of tables 01 and 04, as row keys. */
#define JUE_L_INC_GENERAL  "一般公共预算财政拨款收入"
#define JUE_L_INC_GOVFUND  "政府性基金预算财政拨款收入"
#define JUE_L_INC_SOE      "国有资本经营预算财政拨款收入"
#define JUE_L_INC_SUPERIOR "上级补助收入"
#define JUE_L_INC_BUSINESS "事业收入"
#define JUE_L_INC_OPERATING "经营收入"
#define JUE_L_INC_AFFILIATED "附属单位上缴收入"
#define JUE_L_INC_OTHER    "其他收入"
#define JUE_L_INC_TOTAL    "本年收入合计"
#define JUE_L_USE_NONFISCAL "使用非财政拨款结余"
#define JUE_L_BEGIN        "年初结转和结余"
#define JUE_L_INC_GRAND    "收入总计"
#define JUE_L_EXP_TOTAL    "本年支出合计"
#define JUE_L_DISTRIBUTE   "结余分配"
#define JUE_L_END          "年末结转和结余"
#define JUE_L_EXP_GRAND    "支出总计"
#define JUE_L_TOTAL        "合计"
/* Table 04 income lines */
#define JUE_L4_INC_GENERAL "一般公共预算财政拨款"
#define JUE_L4_INC_GOVFUND "政府性基金预算财政拨款"
#define JUE_L4_INC_SOE     "国有资本经营预算财政拨款"
#define JUE_L4_BEGIN       "年初财政拨款结转和结余"
#define JUE_L4_END         "年末财政拨款结转和结余"
/* the 年初 lines by fund under 年初财政拨款结转和结余 are keyed
 * JUE_L4_BEGIN_PREFIX + fund name, e.g. "年初-一般公共预算财政拨款" */
#define JUE_L4_BEGIN_PREFIX "年初-"
/* Table 06 */
#define JUE_L6_PERSONNEL   "人员经费合计"
#define JUE_L6_PUBLIC      "公用经费合计"
/* Table 09 lines */
#define JUE_L9_TOTAL       "合计"
#define JUE_L9_ABROAD      "因公出国（境）费"
#define JUE_L9_CAR         "公务用车购置及运行维护费"
#define JUE_L9_CAR_BUY     "公务用车购置费"
#define JUE_L9_CAR_RUN     "公务用车运行维护费"
#define JUE_L9_RECEPTION   "公务接待费"

#endif
