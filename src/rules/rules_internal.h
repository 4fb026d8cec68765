/* rules_internal.h — the parsed form of a rule pack, shared by the parser
 * (rules_parse.c) and the evaluator (rules_eval.c). docs/rules.md is the
 * language; this is its syntax tree. Internal header. */
#ifndef JUE_RULES_INTERNAL_H
#define JUE_RULES_INTERNAL_H

#include <juesuan/rules.h>

/* ---- row and column selectors ---- */

typedef enum {
    RI_KEY,       /* a code or a named line */
    RI_VAR,       /* a row variable (or a column variable: its name as a row key) */
    RI_CHILDREN,  /* children(x): the rows one level below code x in the hierarchy */
    RI_LEVEL,     /* 类 / 款 / 项 */
    RI_ALL,       /* * */
    RI_CONCAT     /* "年初-" c: strings and variables joined into one key */
} ri_kind;

typedef struct {
    char *lit;          /* a literal part, or NULL */
    int var;            /* a variable part, -1 for a literal */
} keypart;

typedef struct {
    ri_kind kind;
    char *key;          /* RI_KEY, RI_CHILDREN of a key */
    int var;            /* RI_VAR, RI_CHILDREN of a variable; -1 otherwise */
    bool rowvar;        /* RI_VAR of a row variable (set with the ref's number) */
    jue_level level;    /* RI_LEVEL */
    jue_side side;      /* @收入 …; JUE_SIDE_NONE = any */
    keypart *parts;     /* RI_CONCAT */
    size_t nparts;
} rowitem;

typedef enum { CS_NONE, CS_NAMES, CS_VAR, CS_ALL } cs_kind;

typedef struct {
    cs_kind kind;
    char **names;       /* CS_NAMES */
    size_t n;
    uint8_t mask[JUE_NTABLES];   /* CS_NAMES: the national columns of each table they name, a bit each */
    int var;            /* CS_VAR */
} colsel;

/* A reference to facts: table × rows × columns. */
typedef struct {
    int table;          /* jue_table_id, or -1 when tvar names it */
    int tvar;           /* table variable, -1 when table is fixed */
    rowitem *rows;
    size_t nrows;
    colsel cols;
    bool multi;         /* names a set: only allowed inside sum() and the like */
    /* set once the pack is parsed (jue_rules_number): the ref's number in its
     * pack, and the variables (a bit each) its rows and its columns depend
     * on, its table variable among them */
    uint32_t id;
    uint32_t rdeps, cdeps;
    uint32_t rid;       /* whose memo holds its rows: its own id, or an earlier
                         * ref's that takes the same rows the same way */
    bool set;           /* its rows are taken as a set (else a one-cell ref's row) */
    /* for rows by level or all: what its items take of a row on each side
     * (jue_side), a bit for each level (1 << jue_level, a code's) and
     * LV_ANY for any row */
    uint8_t lvtake[JUE_SIDE_PUBLIC + 1];
} ref;

enum { LV_ANY = 1 << 4 };

/* ---- numeric expressions ---- */

typedef enum { E_NUM, E_REF, E_SUM, E_ADD, E_SUB, E_NEG } ekind;

typedef struct expr expr;
struct expr {
    ekind kind;
    int line, col;
    jue_fen num;        /* E_NUM, exact, in 分 */
    int num_dec;
    ref r;              /* E_REF, E_SUM */
    expr *a, *b;
};

/* ---- conditions ---- */

typedef enum {
    C_AND, C_OR, C_NOT,
    C_CMP,              /* a op b [within tol] */
    C_PRESENT, C_EMPTY, C_HASNOTE,   /* of a table */
    C_OTHER,            /* the document prints a table of another layout */
    C_COVERS,           /* the catalog covers the document's year */
    C_NONEMPTY,         /* a set of rows has at least one row */
    C_EXISTS,           /* a row exists in a table */
    C_NONZERO,          /* an expression prints non-zero */
    C_UNIT,             /* the unit type */
    C_INCAT, C_NAMEOK, C_PLACED   /* catalog built-ins on a row variable */
} ckind;

typedef enum { OP_EQ, OP_LE, OP_GE } cmpop;

typedef struct cond cond;
struct cond {
    ckind kind;
    int line, col;
    cond *a, *b;
    expr *x, *y;        /* C_CMP, C_NONZERO (x) */
    cmpop op;
    jue_fen tol;        /* explicit tolerance, 分 */
    ref r;              /* C_NONEMPTY, C_EXISTS */
    int table, tvar;    /* C_PRESENT/C_EMPTY/C_HASNOTE */
    int var;            /* catalog built-ins: a row variable */
    jue_unit_type unit;
};

/* ---- message templates ---- */

typedef enum {
    M_TEXT, M_EXPR,
    M_LHS, M_RHS, M_DIFF, M_ALLOWED, M_EXPECTED, M_ACTUAL,
    M_VAR,              /* a variable: row key, column name or table label */
    M_NAME, M_CATNAME, M_CODE, M_PARENT, M_LABEL, M_TITLE   /* functions of a variable */
} mkind;

typedef struct {
    mkind kind;
    char *text;         /* M_TEXT */
    expr *e;            /* M_EXPR */
    int var;
} mpart;

/* ---- rules ---- */

typedef enum { V_ROW, V_COL, V_TABLE } vkind;

typedef struct {
    char *name;
    vkind kind;
    ref src;            /* V_ROW: table[rows]; V_COL: table.cols */
    int tables[JUE_NTABLES];  /* V_TABLE */
    int ntables;
} var;

typedef struct {
    char *id;
    jue_severity sev;
    char *file;
    int line;
    var *vars;
    size_t nvars;
    cond *when;         /* NULL = always */
    size_t wdepth;      /* the variables `when` depends on are all before this
                         * one (jue_rules_parse): it is evaluated once they are
                         * bound, not again for each binding of the rest */
    cond *req;
    mpart *msg;
    size_t nmsg;
} rule;

struct jue_rulepack {
    rule *rules;
    size_t n, cap;
    size_t nrefs;       /* refs numbered (ref.id) in the rules evaluated */
    /* the national columns of table b with the name of national column ja
     * of table a, a bit each: natmap[a][ja][b] */
    uint8_t natmap[JUE_NTABLES][8][JUE_NTABLES];
    bool tails;         /* report 尾差 (rounding tails) as info findings */
};

void jue_rules_expr_free(expr *e);
void jue_rules_cond_free(cond *c);
void jue_rules_ref_free(ref *r);

#endif
