/* juesuan/claims.h — figures stated in the explanatory notes (情况说明).
 *
 * A claim is one figure printed in a sentence, with what it speaks of (its
 * subject, and the table fact that subject is, when there is one), its role
 * in the sentence (a value, a change on last year, a share, a completion rate,
 * a budget, a count, a date), the interval its printed precision stands for,
 * and where it is printed. Subjects are recognised with a lexicon
 * (data/claims/lexicon.yaml); 项 statements "X（类）Y（款）Z（项）" are resolved
 * through the catalog. Rules (data/rules/) check claims; extraction only reads.
 */
#ifndef JUESUAN_CLAIMS_H
#define JUESUAN_CLAIMS_H

#include "catalog.h"
#include "columns.h"
#include "money.h"

typedef enum {
    JUE_ROLE_VALUE = 0,   /* "收入总计51448.55万元" */
    JUE_ROLE_CHANGE,      /* "减少1440.4万元" (sign −1), "增加…" (+1), "持平/无增减" (0) */
    JUE_ROLE_CHANGE_PCT,  /* "降低2.72%" */
    JUE_ROLE_SHARE,       /* "占99.99%" / "占基本支出的86.75%" */
    JUE_ROLE_COMPLETION,  /* "完成年初预算的104.62%" */
    JUE_ROLE_BUDGET,      /* "年初预算为28.91万元" / "预算为6万元" */
    JUE_ROLE_ACTUAL,      /* "支出决算为32.56万元" */
    JUE_ROLE_COUNT,       /* "团组12个", "194人次", "0辆" */
    JUE_ROLE_DATE,        /* "截止2021年12月31日", "2023年度部门决算": value = the year */
    JUE_ROLE_MALFORMED,   /* a number that is not one: "318.2007.45万元" */
    JUE_ROLE_PLACEHOLDER, /* template text left in: "XX局", "××单位" (value 0) */
    JUE_ROLE_DIRECTION,   /* "决算数大于预算数" (sign +1), "小于" (−1), "等于/一致" (0);
                             value 1 for "基本持平" (roughly equal) */
    JUE_ROLE_PREVIOUS,    /* last year's figure named as such: "较2023年的2190万元减少…",
                             "比上年度的…": no check takes it for this year's */
    JUE_ROLE_GAP          /* 决算 − 预算 right after its direction: "决算数大于年初预算数3.15万元"
                             (sign +1), "小于…" (−1); a gap without one, "差值为0.9万元" (0);
                             never a figure of the tables */
} jue_claim_role;

/* A figure of the disclosure's tables: the table, the row by its key, the
 * column. The lexicon, the store and the trace write it "T03/合计/基本支出"
 * (jue_fact_parse, jue_fact_format). */
#define JUE_FACT_ROW_MAX 64
typedef struct {
    int table;                    /* the table's number, 1–9 for 公开01–09表; 0: no table figure */
    jue_col_id col;
    char row[JUE_FACT_ROW_MAX];   /* the row's key: a code ("2101501"), a named line ("本年收入合计"), "合计" */
} jue_fact;

/* "T03/合计/基本支出" (the n bytes at s) → *out; false when s is not of that
 * form: T01–T09, a row key of at most JUE_FACT_ROW_MAX − 1 bytes without a
 * '/', a column key of columns.h. */
bool jue_fact_parse(const char *s, size_t n, jue_fact *out);
/* A fact as the lexicon writes it, "" for none; cell_only: without the table
 * ("合计/基本支出"). */
void jue_fact_format(const jue_fact *f, bool cell_only, char *buf, size_t n);
/* The fact of table t (jue_table_id, 0-based), row key and column. */
jue_fact jue_fact_make(int t, const char *row, jue_col_id col);
/* Whether two facts (either may be none) name the same figure. */
bool jue_fact_same(const jue_fact *a, const jue_fact *b);
static inline bool jue_fact_on(const jue_fact *f) { return f->table > 0; }
/* The table a fact names, 0-based as jue_table_id (−1 for none). */
static inline int jue_fact_table(const jue_fact *f) { return f->table - 1; }

/* What a figure speaks of: a subject of the lexicon by its name, a 类 or a
 * 项 by its code, or a 项 statement whose names the catalog does not resolve.
 * The store writes it "本年支出合计", "类:201", "项:2101501", "项?"
 * (jue_subject_format, jue_subject_parse). */
typedef enum {
    JUE_SUBJ_NONE = 0,    /* the sentence names none */
    JUE_SUBJ_NAMED,       /* key: the lexicon's subject ("本年支出合计") */
    JUE_SUBJ_LEI,         /* key: the 类's code ("208") */
    JUE_SUBJ_XIANG,       /* key: the 项's code ("2101501") */
    JUE_SUBJ_ITEM         /* a 项 statement not resolved (its names in item_names); no key */
} jue_subject_kind;

#define JUE_SUBJECT_KEY_MAX 64
typedef struct {
    jue_subject_kind kind;
    char key[JUE_SUBJECT_KEY_MAX];
} jue_subject;

/* A subject of this kind and key (truncated to JUE_SUBJECT_KEY_MAX − 1 bytes). */
jue_subject jue_subject_make(jue_subject_kind kind, const char *key);
static inline bool jue_subject_on(const jue_subject *s) { return s->kind != JUE_SUBJ_NONE; }
/* Whether two subjects (either may be none) are the same. */
bool jue_subject_same(const jue_subject *a, const jue_subject *b);
/* Whether s is the lexicon's subject of this name. */
bool jue_subject_is(const jue_subject *s, const char *name);
/* As the store writes it ("项:2101501"); "" for none. */
void jue_subject_format(const jue_subject *s, char *buf, size_t n);
/* Reads what jue_subject_format wrote; false (none) when it is not one. */
bool jue_subject_parse(const char *s, jue_subject *out);

typedef struct {
    jue_claim_role role;
    jue_subject subject;  /* what the figure speaks of, or none */
    jue_fact fact;        /* the table figure the subject is ("T03/合计/基本支出"), or none */
    char *whole;          /* SHARE: subject of the whole when the sentence names it, or NULL */
    char *item_names;     /* 项 statements: the printed "类/款/项" names, or NULL */
    bool item_resolved;   /* the printed names match a 项 of the year's catalog */
    bool item_partial;    /* …and where they do not, the catalog does not list every
                             code there (data/catalog '# complete:'): not proven wrong */
    int sign;             /* CHANGE, CHANGE_PCT: +1 increase, −1 decrease, 0 unchanged */
    bool is_percent;      /* value and iv in ppb (1% = 10^7), else 分 (amounts) or units (counts) */
    int64_t value;
    jue_interval iv;
    int decimals;
    jue_unit unit;        /* amounts: as written */
    char *printed;        /* the figure as printed, with its unit */
    int line, col;        /* where the figure is printed (1-based; col in characters) */
    int page;             /* 1-based page of a PDF (set by the importer), else 0 */
    int sentence;         /* claims of one sentence share this index */
    int parent;           /* index of the claim this one is a part of ("X，其中：A…"), or −1 */
    int section;          /* index into the sections list, or −1 */
    bool no_unit;         /* an amount printed without its unit ("支出23604.30，占…"),
                             read in 万元 (the unit of the notes' other amounts) */
    bool named;           /* an amount whose subject (a lexicon phrase) is printed just before
                             it in its clause, no comparison, approximation or other year
                             between: "会议费支出0.87万元" (claims.restated compares these) */
    bool opens;           /* DATE: the year opens its clause ("2024年度收入总计…"), so it
                             dates the figures after it; not a comparison ("与2023年度相比") */
    bool wrap_joined;     /* MALFORMED: a line break inside it parts two whole figures
                             ("23,964.11" / "100.00%"): perhaps two figures a wrap ran
                             together (the space between them lost), a doubt, not an error */
    bool adjusted;        /* COMPLETION, GAP: the budget named is the one adjusted in
                             the year (调整预算, 全年预算, 变动后预算), not the opening one */
    bool unsure;          /* a figure of a list the sentence shares out with 分别/各/均 whose
                             count does not match its subjects' ("A、B分别为x、y、z"): what it
                             speaks of is not known — no subject, and no check uses it */
} jue_claim;

typedef struct {
    char *number;         /* "一", "十四", "（三）" as printed */
    char *title;          /* text after the number: in number's allocation, after its NUL */
    int level;            /* 1 for 一、, 2 for （一） */
    int line;
    int page;             /* as for jue_claim */
    bool paragraph;       /* a numbered paragraph (a long list item), not a heading:
                             kept for the numbering check, no section of its own */
} jue_section;

/* A whole and the parts that exhaust it by definition (data/claims/lexicon.yaml
 * `partitions`: 政府采购 = 货物 + 工程 + 服务, 三公 = 出国 + 公务用车 + 接待):
 * when every part is stated, the parts add up to the whole. Names are the
 * lexicon's subjects. */
#define JUE_PARTITION_PARTS 4
typedef struct {
    char whole[JUE_SUBJECT_KEY_MAX];
    char parts[JUE_PARTITION_PARTS][JUE_SUBJECT_KEY_MAX];
    size_t nparts;
    char check[32];       /* the check a whole stated apart from its parts reports under */
} jue_partition;

typedef struct {
    jue_claim *items;
    size_t len, cap;
    jue_section *sections;
    size_t nsections, sections_cap;
    /* set by the importer before extracting: the text's lines break where
     * the page did and come in order (a single-space copy such as
     * `pdftotext -raw`), so an item statement's name goes on over the next
     * lines ("…基本养" / "老保险缴费支出（项）"); not for a space-aligned copy,
     * whose lines may come out of order */
    bool wrapped_lines;
    /* the lexicon's partitions, copied by the reader (owned; none when the
     * claims come from the store) */
    jue_partition *partitions;
    size_t npartitions;
    /* the blocks the reader puts the strings of its claims and sections in
     * (printed, whole, item_names, number and title), freed together by
     * jue_claims_free; a string outside them (the store's) is freed alone */
    struct jue_block *strs;
} jue_claims;

void jue_claims_init(jue_claims *c);
void jue_claims_free(jue_claims *c);

typedef struct jue_lexicon jue_lexicon;

/* Loads data/claims/lexicon.yaml (path NULL = default). Errors to diags. */
jue_status jue_lexicon_load(const char *path, jue_lexicon **out, jue_diags *diags);
void jue_lexicon_free(jue_lexicon *lx);

/* One line of the notes as a door printed it. The import hands over the rows
 * no table used as these, typed, not as text to be split again; the reader
 * joins wrapped lines into paragraphs (a figure or a 万元 broken over two
 * lines is one figure) and keeps each figure's line, column and page. */
typedef struct {
    const char *text;     /* the line's words (not NUL-terminated) */
    size_t len;
    int line, col;        /* where text starts (1-based; col in characters) */
    int page;             /* 1-based page of a PDF, else 0 */
    bool cells;           /* a row of table cells no table took: not words of a paragraph */
    bool at_wrap;         /* text wrapped at a width: the line ends there, its next word not
                             fitting (what it started goes on over the next line) */
} jue_note_line;

/* Whether reading these lines may consult the lexicon: false when no line
 * holds a figure, a placeholder's marks or the first character of 决算数,
 * 持平 or 无增减 — jue_claims_read then reads them alike with lx NULL (their
 * sections, no claim), and an auditor made on demand does not read
 * data/claims/lexicon.yaml for them (a one-line audit: nearly half its time). */
bool jue_claims_need_lexicon(const jue_note_line *lines, size_t n);

/* Extracts claims and sections from the lines of the notes, in order (lx
 * may be NULL only where jue_claims_need_lexicon is false). */
jue_status jue_claims_read(const jue_note_line *lines, size_t n, const jue_lexicon *lx, const jue_catalog *cat,
                           int year, jue_claims *out);

/* Extracts claims and sections from the notes. `text` holds lines separated by
 * '\n'; the first is line `first_line`. Lines that look like table rows
 * (containing a tab) are skipped. cat and year resolve 项 statements (cat may
 * be NULL). Appends to out. A document's notes hold at most JUE_CLAIMS_MAX
 * figures (JUE_ERR_LIMIT beyond: no real notes come near); a run of more
 * than JUE_SENTENCE_CLAIMS figures without a 。 is cut into sentences of that
 * many, so checks that look along a sentence stay linear in the input. */
#define JUE_CLAIMS_MAX 20000
#define JUE_SENTENCE_CLAIMS 200
jue_status jue_claims_extract(const char *text, size_t len, int first_line, const jue_lexicon *lx,
                              const jue_catalog *cat, int year, jue_claims *out);

#endif
