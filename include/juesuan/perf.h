/* juesuan/perf.h — performance self-evaluation (绩效自评): the model of a
 * 部门整体支出 or 项目支出 self-evaluation, scoring by the national method
 * (财预〔2020〕10号, ../shared/DOMAIN.md §5), the source file perf.yaml, the
 * 自评表 / 自评报告 outputs and the audit of published 自评表.
 *
 * Money is 分 (money.h); every amount keeps the interval it stands for.
 * Scores and weights are integer hundredths of a point (1000 = 10 分);
 * indicator values are fixed-point ten-thousandths (JUE_PERF_VSCALE), never
 * double. Every computed score carries a sentence saying how it was reached.
 */
#ifndef JUESUAN_PERF_H
#define JUESUAN_PERF_H

#include "audit.h"
#include "form.h"
#include "money.h"
#include "profile.h"

#define JUE_PERF_POINT 100          /* 1 分 in hundredths */
#define JUE_PERF_VSCALE 10000LL     /* indicator values: 1 unit = 10,000 */
#define JUE_PERF_VMAX 100000000000000LL  /* |value| cap (10^10 units) so products fit int64 */

typedef enum { JUE_PERF_DEPT = 0, JUE_PERF_PROJECT } jue_perf_kind;

/* Funding sources of the 自评表, in printed order. */
typedef enum { JUE_PSRC_TOTAL = 0, JUE_PSRC_FISCAL, JUE_PSRC_CARRYOVER, JUE_PSRC_OTHER, JUE_PSRC_N } jue_perf_src;

typedef struct {
    jue_fen value;
    jue_interval iv;
    bool present;
} jue_perf_amount;

typedef struct {
    jue_perf_amount initial;   /* 年初预算数 */
    jue_perf_amount annual;    /* 全年预算数 (A) */
    jue_perf_amount executed;  /* 全年执行数 (B) */
} jue_perf_funds;

typedef enum { JUE_L1_OUTPUT = 0, JUE_L1_EFFECT, JUE_L1_SATISFACTION, JUE_L1_N } jue_perf_l1;

typedef enum {
    JUE_DIR_GE = 0,   /* ≥: more is better */
    JUE_DIR_LE,       /* ≤: cost-like, less is better */
    JUE_DIR_EQ,       /* =: exactly */
    JUE_DIR_QUAL      /* qualitative, scored in bands */
} jue_perf_dir;

typedef enum { JUE_BAND_NONE = 0, JUE_BAND_MET, JUE_BAND_PARTIAL, JUE_BAND_UNMET } jue_perf_band;

typedef struct {
    jue_perf_l1 l1;
    char *l2;              /* 二级: 数量指标 … */
    char *name;            /* 三级 */
    char *target_text;     /* 年度指标值 as written */
    char *actual_text;     /* 实际完成值 as written, NULL when missing */
    char *unit;            /* may be NULL */
    jue_perf_dir dir;
    int64_t target, actual;   /* quantitative, in 1/JUE_PERF_VSCALE units */
    bool has_actual;
    jue_perf_band band;       /* qualitative */
    int band_pct;             /* percent of the weight within the band, -1 = the profile's default */
    int weight;               /* hundredths (filled in by jue_perf_score when not given) */
    int weight_given;         /* as written in the file, -1 = not given */
    char *reason;             /* 偏差原因分析及改进措施, may be NULL */
    int score;                /* computed, hundredths */
    char *why;                /* computed explanation */
    int line;                 /* in the source file */
} jue_perf_indicator;

typedef struct {
    jue_perf_kind kind;
    char *name;              /* project name, or the department's for 部门整体 */
    char *department;        /* 主管部门 */
    char *unit;              /* 实施单位, may be NULL */
    jue_perf_funds funds[JUE_PSRC_N];
    char *goals, *achieved, *problems, *improvements;   /* may be NULL */
    jue_perf_indicator *ind;
    size_t nind;
    int budget_weight;       /* hundredths (profile default 10 分) */
    int budget_weight_given; /* as written, -1 = the profile's */
    /* computed by jue_perf_score */
    bool rate_known;
    int64_t rate_ppb;        /* B/A, uncapped */
    int budget_score;
    char *budget_why;
    int total;               /* hundredths */
    char grade[16];          /* 优/良/中/差 */
    int line;
    int funds_line, funds_col;   /* where 'funds' is in the file */
} jue_perf_eval;

/* A scoring profile (data/perf/<name>.yaml): default weights, grade bands,
 * qualitative bands. */
typedef struct {
    int budget_weight;                /* hundredths */
    int l1_weight[JUE_L1_N];          /* hundredths, for checks and defaults */
    int ngrades;
    char grade[8][16];
    int grade_min[8];                 /* hundredths, descending */
    int band_min[4], band_max[4], band_default[4];   /* percent, by jue_perf_band */
} jue_perf_profile;

/* 编报绩效目标 / 绩效监控 of the year (perf.yaml targets:, monitoring:):
 * how many projects and the budget they cover. */
typedef struct {
    bool present;
    int projects;
    jue_fen amount;          /* 涉及预算金额 */
    int line;
} jue_perf_scope;

typedef struct {
    char *department;
    int year;
    int year_line, year_col;  /* where the year is in the file (0 = not given) */
    jue_perf_scope targets, monitoring;
    jue_perf_eval *evals;    /* the 部门整体 one (if any) first */
    size_t n;
    char *file;
    jue_perf_profile prof;   /* the profile of the last jue_perf_score */
    bool scored;
} jue_perf_set;

/* The funds of the whole evaluation: the total row, or the sum of the
 * sources when no total is given. */
jue_perf_funds jue_perf_total_funds(const jue_perf_eval *e);

/* The national method, built in (used when no file is loaded). */
void jue_perf_profile_national(jue_perf_profile *p);
/* Loads data/perf/<name>.yaml over the national defaults (name NULL =
 * "national"). Problems go to diags with file:line:col. */
jue_status jue_perf_profile_load(const char *name, jue_perf_profile *p, jue_diags *diags);

/* Scoring, rule by rule (hundredths; each writes an explanation to why when
 * not NULL). */
int jue_perf_score_budget(jue_fen annual, jue_fen executed, int weight, bool *rate_known, int64_t *rate_ppb,
                          jue_buf *why);
int jue_perf_score_indicator(const jue_perf_indicator *x, const jue_perf_profile *p, jue_buf *why);
const char *jue_perf_grade(int total, const jue_perf_profile *p);
/* Scores every evaluation of the set (budget, indicators, total, grade). */
jue_status jue_perf_score(jue_perf_set *s, const jue_perf_profile *p);

/* Parses "≥ 95%", "<=80", "12,000人次", "100": direction (JUE_DIR_EQ and
 * *dir_written false when none is written), value, unit (pointer into s,
 * *unit_len bytes). Returns false when s holds no number (qualitative). */
bool jue_perf_parse_value(const char *s, jue_perf_dir *dir, bool *dir_written, int64_t *value,
                          const char **unit, size_t *unit_len);

/* Loads dir/perf.yaml. JUE_ERR_NOTFOUND (no diagnostic) when the file does
 * not exist; every mistake goes to diags as file:line:col (all in one run)
 * and gives JUE_ERR_INVALID. A file saved as GB18030 (GBK) is read (one
 * warning); bytes neither UTF-8 nor GB18030 are one error at the first. */
jue_status jue_perf_load(const char *dir, jue_perf_set **out, jue_diags *diags);
/* The same from text (file names the text in diagnostics). */
jue_status jue_perf_parse(const char *file, const char *text, size_t len, jue_perf_set **out, jue_diags *diags);
void jue_perf_set_free(jue_perf_set *s);

/* Scores the set with the scoring profile of a disclosure profile:
 * data/perf/<profile>.yaml when there is one, else the national method
 * (profile NULL = national). Mistakes in that file go to diags
 * (JUE_ERR_INVALID). Scoring again with another profile starts from the
 * weights as written. */
jue_status jue_perf_score_profile(jue_perf_set *s, const char *profile, jue_diags *diags);
/* The scoring profile a disclosure profile uses: data/perf/<profile>.yaml
 * when there is one, else data/perf/national.yaml, else the built-in
 * national method (also when the file has mistakes — build reports those). */
void jue_perf_profile_for(const char *profile, jue_perf_profile *p);

/* Outputs (of a scored set). The 自评表 of evaluation i in the official
 * layout as a form (form.h), anchor "perf-<i+1>"; every computed score
 * carries its explanation as the cell's tip. */
jue_status jue_perf_form(const jue_perf_set *s, size_t i, jue_form **out);
/* The 自评表 of every evaluation as an HTML fragment
 * (<section class="perf">…</section>, with the forms' <style>). */
jue_status jue_perf_html(const jue_perf_set *s, jue_buf *out);
/* The 自评报告 in Markdown: for each evaluation 项目概况, 绩效目标完成情况,
 * 问题及原因, 改进措施, figures computed. */
jue_status jue_perf_markdown(const jue_perf_set *s, jue_buf *out);
/* The summary for the 预算绩效 section of the notes, in the national
 * pattern: projects with 绩效目标 and under 绩效监控 (when perf.yaml gives
 * them), the projects self-evaluated with their 全年预算数 and 执行数, the
 * average score and the count of every grade of the profile, then the
 * 部门整体 score. One sentence, no line break. */
jue_status jue_perf_summary(const jue_perf_set *s, jue_buf *out);
/* The 综述 of evaluation i, the sentence published before its 自评表:
 * "X项目绩效自评综述：全年预算数A万元，执行数B万元，完成预算的P%，自评得分S分，
 * 等级为“优”。" (部门整体: "…部门整体支出绩效自评综述：…"). */
jue_status jue_perf_overview(const jue_perf_set *s, size_t i, jue_buf *out);

/* For `juesuan build`: writes the outputs of a scored set into out_dir as
 * the formats ask (render.h masks): JUE_FMT_MD the 自评报告 <base>-perf.md,
 * JUE_FMT_HTML the 自评表 <base>-perf.html, JUE_FMT_XLSX the 自评表 as
 * <base>-perf.xlsx (one sheet per evaluation). Each file written is an info
 * "written" in diags; JUE_ERR_IO when a file cannot be written. */
jue_status jue_perf_write(const jue_perf_set *s, const char *out_dir, const char *base, unsigned formats,
                          jue_diags *diags);

/* The checks of published 绩效自评 as data (data/rules/perf.yaml): the
 * severity of each perf.* rule (error, warning, info or off) and the
 * phrases that introduce each figure in the 综述 and summary sentences.
 * path NULL = the default file; mistakes go to diags as file:line:col
 * (JUE_ERR_INVALID). Free with jue_perf_checks_free (NULL is fine). */
typedef struct jue_perf_checks jue_perf_checks;
jue_status jue_perf_checks_load(const char *path, jue_perf_checks **out, jue_diags *diags);
void jue_perf_checks_free(jue_perf_checks *c);

/* Audit of published 绩效自评: recognises the 自评表 in the file (any
 * importer door) by their titles and checks them against themselves
 * (perf.sum, perf.rate, perf.rate-score, perf.score, perf.weights,
 * perf.total, perf.grade, perf.figure); each 综述 paragraph against its
 * 自评表 (perf.overview, perf.overview-name); the 预算绩效 summary sentence
 * against the 自评表 published (perf.summary, perf.summary-count); and the
 * projects' amounts against the disclosure's table 03 (perf.project-total,
 * perf.dept-total). checks NULL = the built-in defaults (those of the
 * shipped data/rules/perf.yaml). Returns JUE_ERR_IO when the file cannot be
 * read; a document without 自评表 gives no findings. */
jue_status jue_perf_audit_file(const char *path, const jue_catalog *cat, const jue_profile *prof,
                               const jue_perf_checks *checks, jue_findings *out);
/* The same on a buffer (name picks the door by its extension). */
jue_status jue_perf_audit_buffer(const char *data, size_t len, const char *name, const jue_catalog *cat,
                                 const jue_profile *prof, const jue_perf_checks *checks, jue_findings *out);

#endif
