/* Auditing published 自评表: find them among the grids every importer door
 * produces (they are not among the nine tables, so their rows are notes
 * rows), read their figures as the intervals they stand for, and check
 * them against themselves: 合计 vs items, 执行率 = B/A, the 预算执行率 score,
 * scores within weights, weights making 100, the total and the grade.
 *
 * Published tables lose columns in conversion (a merged cell printed as
 * nothing), so figures are found by anchors rather than fixed columns: the
 * 执行率 cell (the only one with %) in budget rows, the last two plain
 * numbers (分值, 得分) in indicator rows. */
#include "perf_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/encoding.h"
#include "core/yaml_tree.h"
#include "import/import_internal.h"

/* --- the checks as data (data/rules/perf.yaml) ---------------------------- */

enum { R_SUM, R_RATE, R_RATE_SCORE, R_SCORE, R_WEIGHTS, R_TOTAL, R_GRADE, R_FIGURE, R_OVERVIEW, R_OVERVIEW_NAME,
       R_SUMMARY, R_SUMMARY_COUNT, R_PROJECT_TOTAL, R_DEPT_TOTAL, R_FISCAL_PART, R_N };
static const char *const RULE[R_N] = { "perf.sum", "perf.rate", "perf.rate-score", "perf.score", "perf.weights",
                                       "perf.total", "perf.grade", "perf.figure", "perf.overview",
                                       "perf.overview-name", "perf.summary", "perf.summary-count",
                                       "perf.project-total", "perf.dept-total", "perf.fiscal-part" };
static const int DEFAULT_SEV[R_N] = { JUE_SEV_ERROR, JUE_SEV_ERROR, JUE_SEV_ERROR, JUE_SEV_ERROR, JUE_SEV_ERROR,
                                      JUE_SEV_ERROR, JUE_SEV_ERROR, JUE_SEV_WARNING, JUE_SEV_ERROR, JUE_SEV_WARNING,
                                      JUE_SEV_ERROR, JUE_SEV_WARNING, JUE_SEV_ERROR, JUE_SEV_ERROR, JUE_SEV_ERROR };

enum { P_BUDGET, P_EXECUTED, P_RATE, P_SCORE, P_AVERAGE, P_GRADE, P_OVERVIEW, P_SUMMARY, P_N };
static const char *const PHRASE_KEY[P_N] = { "budget", "executed", "rate", "score", "average", "grade", "overview",
                                             "summary" };
/* the shipped data/rules/perf.yaml, for a run without it */
static const char *const DEFAULT_PHRASES[P_N] = {
    "全年预算数|预算数|涉及预算金额|涉及预算资金|涉及全年预算数|预算金额|预算资金",
    "全年执行数|执行数|实际支出|实际执行",
    "完成预算的|预算执行率|执行率",
    "自评得分|得分",
    "平均得分|平均分",
    "等级为|评级为|自评等级",
    "项目绩效自评综述|绩效自评综述|自评综述|整体支出绩效自评得分|整体支出自评得分",
    "绩效自评的|开展绩效自评|绩效自评结果|开展了绩效自评|进行了绩效自评",
};

#define MAX_PHRASES 32

struct jue_perf_checks {
    int sev[R_N];                      /* jue_severity, or -1 = off */
    char *phrase[P_N][MAX_PHRASES];    /* owned */
    size_t nphrase[P_N];
};

void jue_perf_checks_free(jue_perf_checks *c)
{
    if (!c) return;
    for (int k = 0; k < P_N; k++)
        for (size_t i = 0; i < c->nphrase[k]; i++) free(c->phrase[k][i]);
    free(c);
}

static bool add_phrase(jue_perf_checks *c, int k, const char *s, size_t n)
{
    if (!n || c->nphrase[k] >= MAX_PHRASES) return true;
    char *t = malloc(n + 1);
    if (!t) return false;
    memcpy(t, s, n);
    t[n] = 0;
    c->phrase[k][c->nphrase[k]++] = t;
    return true;
}

static jue_perf_checks *checks_default(void)
{
    jue_perf_checks *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    for (int r = 0; r < R_N; r++) c->sev[r] = DEFAULT_SEV[r];
    for (int k = 0; k < P_N; k++)
        for (const char *p = DEFAULT_PHRASES[k]; *p;) {
            size_t n = strcspn(p, "|");
            if (!add_phrase(c, k, p, n)) { jue_perf_checks_free(c); return NULL; }
            p += n + (p[n] == '|');
        }
    return c;
}

jue_status jue_perf_checks_load(const char *path, jue_perf_checks **out, jue_diags *diags)
{
    *out = NULL;
    jue_ynode *root = NULL;
    char file[4096];
    jue_status st = jue_yaml_load(path, "rules/perf.yaml", file, sizeof file, &root, diags);
    if (st == JUE_ERR_IO) return st;
    if (st != JUE_OK) return st == JUE_ERR_NOMEM ? st : JUE_ERR_INVALID;
    jue_perf_checks *c = checks_default();
    if (!c) { jue_ynode_free(root); return JUE_ERR_NOMEM; }
    size_t errs = diags->errors;
    const jue_ynode *m = jue_ymap_get(root, "checks");
    for (size_t i = 0; m && m->type == JUE_Y_MAP && i + 1 < m->n; i += 2) {
        const jue_ynode *k = m->items[i], *v = m->items[i + 1];
        int id = -1;
        jue_severity sev;
        for (int q = 0; q < R_N; q++)
            if (k->type == JUE_Y_SCALAR && !strcmp(k->value, RULE[q])) id = q;
        const char *sv = v->type == JUE_Y_SCALAR ? v->value : "";
        if (id < 0)
            jue_diag_add(diags, JUE_SEV_ERROR, file, k->line, k->col, "没有名为“%s”的绩效自评核对",
                         k->type == JUE_Y_SCALAR ? k->value : "?");
        else if (!strcmp(sv, "off")) c->sev[id] = -1;
        else if (jue_severity_parse(sv, &sev)) c->sev[id] = (int)sev;
        else jue_diag_add(diags, JUE_SEV_ERROR, file, v->line, v->col, "级别只能是 error、warning、info 或 off");
    }
    const jue_ynode *ph = jue_ymap_get(root, "phrases");
    for (size_t i = 0; ph && ph->type == JUE_Y_MAP && i + 1 < ph->n; i += 2) {
        const jue_ynode *k = ph->items[i], *v = ph->items[i + 1];
        int id = -1;
        for (int q = 0; q < P_N; q++)
            if (k->type == JUE_Y_SCALAR && !strcmp(k->value, PHRASE_KEY[q])) id = q;
        if (id < 0 || v->type != JUE_Y_SEQ || !v->n || v->n > MAX_PHRASES) {
            jue_diag_add(diags, JUE_SEV_ERROR, file, k->line, k->col,
                         "phrases 中的“%s”：名称只能是 budget、executed、rate、score、average、grade、overview 或 summary，"
                         "其值是 1 至 %d 个短语的列表", k->type == JUE_Y_SCALAR ? k->value : "?", MAX_PHRASES);
            continue;
        }
        for (size_t j = 0; j < c->nphrase[id]; j++) free(c->phrase[id][j]);
        c->nphrase[id] = 0;
        for (size_t j = 0; j < v->n; j++) {
            const jue_ynode *e = v->items[j];
            if (e->type != JUE_Y_SCALAR || !*e->value) {
                jue_diag_add(diags, JUE_SEV_ERROR, file, e->line, e->col, "短语须是非空文字");
                continue;
            }
            if (!add_phrase(c, id, e->value, strlen(e->value))) { jue_perf_checks_free(c); jue_ynode_free(root); return JUE_ERR_NOMEM; }
        }
    }
    jue_ynode_free(root);
    if (diags->errors > errs) {
        jue_perf_checks_free(c);
        return JUE_ERR_INVALID;
    }
    *out = c;
    return JUE_OK;
}

typedef enum { F_MONEY, F_POINTS, F_RATE } fkind;

typedef struct {
    bool present;     /* a figure was printed (not blank, not a dash) */
    bool bad;         /* printed but not a figure of its kind */
    const char *text;
    int decimals;
    int64_t value;    /* 分, hundredths of a point, or ppb */
    jue_interval iv;
} fig;

#define MAX_ROWS 64
#define NAMT 6        /* 部门整体: 预算 总额/财政拨款/其他, 执行 总额/财政拨款/其他 */

typedef struct {
    int line, page;
    fig amt[NAMT];    /* project rows use amt[0..2] = 年初, A, B */
    fig weight, rate, score;
} brow;

typedef struct {
    int line, page;
    int l1;
    fig weight, score;
} irow;

typedef struct {
    jue_buf title;
    int line, page;
    bool dept_layout;            /* task rows (任务 N) and 金额合计 */
    bool seen_initial;           /* a header with 年初预算数: project layout */
    brow tasks[MAX_ROWS];
    size_t ntasks;
    brow sum;                    /* 金额合计 */
    bool has_sum;
    brow fund[JUE_PSRC_N];
    bool has_fund[JUE_PSRC_N];
    bool in_ind;
    int cur_l1;
    int declared[JUE_L1_N], declared_line[JUE_L1_N], declared_page[JUE_L1_N];
    irow ind[MAX_ROWS];
    size_t nind;
    bool has_total;
    int total_line, total_page;
    fig total_weight, total_score;
    char grade[16];
    int grade_line, grade_page;
    int rows;
    jue_buf name;                /* 项目名称 / 单位名称 as printed (squeezed) */
    int project_task;            /* the task row of 项目支出 (部门整体), -1 = none */
    bool stacked;                /* its cells come one a line (see stack_add) */
    int cut_line, cut_page;      /* the first indicator row a wrap cut (0: none): the
                                    rows' cells went on the next lines, out of their columns */
    int budget_cut_line, budget_cut_page;   /* the same in the rows of amounts (任务, 合计,
                                    年度资金总额 and its funds): 0 when none was cut */
} ptable;

/* What the cross checks need of a finished 自评表. */
typedef struct {
    bool project;
    char *name;                  /* matchkey of its 项目名称 (or title) */
    char *title;
    int line, page;
    fig init, A, B, rate, score, task_B;
    char grade[16];
    int matched;                 /* 综述 paragraphs naming it */
} tsum;

/* A paragraph of prose (rows of one cell joined), squeezed of spaces. */
typedef struct {
    char *text;
    int line, page;
} ppara;

typedef struct {
    const char *file;
    jue_findings *out;
    jue_status err;
    const jue_perf_checks *k;
    const jue_disclosure *disc;  /* the tables the same document holds, may be NULL */
    tsum *tabs;
    size_t ntabs, tabs_cap;
    ppara *paras;
    size_t nparas, paras_cap;
    const char *profile;         /* the disclosure profile's name, NULL: national */
    bool graded;                 /* grades read (on first use: most documents have no 自评表 to grade) */
    jue_perf_profile grades;     /* the bands of the document's profile (优/良/中/差 …) */
} actx;

/* The bands of the document's profile, read from its scoring profile the
 * first time a grade is wanted. */
static const jue_perf_profile *grades(actx *c)
{
    if (!c->graded) jue_perf_profile_for(c->profile, &c->grades);
    c->graded = true;
    return &c->grades;
}

/* "优 ≥ 90，良 80–90，中 60–80，差 < 60" for the profile's bands. */
static void band_text(const jue_perf_profile *p, char *b, size_t n)
{
    size_t len = 0;
    b[0] = 0;
    for (int i = 0; i < p->ngrades && len + 1 < n; i++) {
        const char *sep = i ? "，" : "";
        int lo = p->grade_min[i] / JUE_PERF_POINT, hi = i ? p->grade_min[i - 1] / JUE_PERF_POINT : 0;
        int w = i == 0                   ? snprintf(b + len, n - len, "%s%s ≥ %d", sep, p->grade[i], lo)
                : i == p->ngrades - 1    ? snprintf(b + len, n - len, "%s%s < %d", sep, p->grade[i], hi)
                                         : snprintf(b + len, n - len, "%s%s %d–%d", sep, p->grade[i], lo, hi);
        if (w < 0) break;
        len += (size_t)w;
    }
}

/* --- figures ----------------------------------------------------------- */

static bool is_dash(const char *s)
{
    if (!*s) return true;
    for (; *s; s++) {
        if (*s == '-' || *s == ' ') continue;
        if (!strncmp(s, "—", 3) || !strncmp(s, "－", 3) || !strncmp(s, "─", 3) || !strncmp(s, "一", 3)) {
            s += 2;
            continue;
        }
        return false;
    }
    return true;
}

/* Plain decimal as hundredths, its printed interval; false if not one. */
static bool points(const char *s, fig *f)
{
    int64_t v = 0;
    int digits = 0, dec = -1;
    while (*s == ' ') s++;
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9') {
            if (v > 100000000) return false;
            v = v * 10 + (*s - '0');
            digits++;
            if (dec >= 0) dec++;
        } else if (*s == '.' && dec < 0 && digits) {
            dec = 0;
        } else {
            break;
        }
    }
    while (*s == ' ') s++;
    if (*s || !digits || dec > 2 || dec == 0) return false;
    if (dec < 0) dec = 0;
    f->decimals = dec;
    for (int d = dec; d < 2; d++) v *= 10;
    /* ±half a unit of the last printed digit; at 2 decimals that is half a
     * hundredth, rounded outward to one */
    int64_t half = dec == 0 ? 50 : dec == 1 ? 5 : 1;
    f->value = v;
    f->iv.lo = v - half;
    f->iv.hi = v + half;
    return true;
}

static fig figure(const jue_grow *r, int col, fkind k)
{
    fig f;
    memset(&f, 0, sizeof f);
    if (col < 0 || (size_t)col >= r->n || r->cells[col].copy) return f;
    const char *s = r->cells[col].text;
    f.text = s;
    if (is_dash(s)) return f;
    f.present = true;
    size_t len = strlen(s);
    if (k == F_MONEY) {
        jue_amount a;
        if (jue_amount_parse(s, len, JUE_UNIT_WAN, &a, NULL) != JUE_OK || a.blank) { f.bad = true; return f; }
        f.value = a.value;
        f.iv = a.iv;
        f.decimals = a.decimals;
    } else if (k == F_RATE) {
        jue_fen v;
        if (jue_percent_parse(s, len, &v, &f.iv, &f.decimals, NULL) != JUE_OK) { f.bad = true; return f; }
        f.value = v;
    } else if (!points(s, &f)) {
        f.bad = true;
    }
    return f;
}

/* --- row reading ------------------------------------------------------- */

static void squeeze(jue_buf *b, const char *s)
{
    jue_buf_reset(b);
    jue_imp_matchkey(b, s);
}

static int rate_col(const jue_grow *r)
{
    for (int c = (int)r->n - 1; c >= 0; c--)
        if (!r->cells[c].copy && (strstr(r->cells[c].text, "%") || strstr(r->cells[c].text, "％"))) return c;
    return -1;
}

/* The 得分 at col, or — when col is blank — in the first cell after it
 * that is not: a header cell merged over two columns (执行率 over 执行率 |
 * its % wrapped under it) leaves a blank column between the rate and the
 * score on the rows, so the score is not read as missing. */
static fig score_at(const jue_grow *r, int col)
{
    fig f = figure(r, col, F_POINTS);
    /* printed (a figure or a dash), or no such column */
    if (f.present || col < 0 || (size_t)col >= r->n || r->cells[col].copy || r->cells[col].text[0]) return f;
    for (size_t c = (size_t)col + 1; c < r->n; c++)
        if (!r->cells[c].copy && r->cells[c].text[0]) return figure(r, (int)c, F_POINTS);
    return f;
}

/* 部门整体 task or 合计 row: six amounts, 分值, 执行率, 得分 around the rate. */
static void read_dept_row(const jue_grow *r, brow *b)
{
    memset(b, 0, sizeof *b);
    b->line = r->line, b->page = r->page;
    int rc = rate_col(r);
    if (rc < 7) return;
    for (int k = 0; k < NAMT; k++) b->amt[k] = figure(r, rc - 7 + k, F_MONEY);
    b->weight = figure(r, rc - 1, F_POINTS);
    b->rate = figure(r, rc, F_RATE);
    b->score = score_at(r, rc + 1);
}

/* 项目 fund row: 年初, A, B, 分值, 执行率, 得分 after the label (or around
 * the rate when one is printed, since a lost column shifts the rest). */
static void read_fund_row(const jue_grow *r, int label, brow *b)
{
    memset(b, 0, sizeof *b);
    b->line = r->line, b->page = r->page;
    int rc = rate_col(r);
    int base = rc >= 4 && rc - 4 > label ? rc - 4 : label + 1;
    for (int k = 0; k < 3; k++) b->amt[k] = figure(r, base + k, F_MONEY);
    b->weight = figure(r, base + 3, F_POINTS);
    b->rate = figure(r, base + 4, F_RATE);
    b->score = score_at(r, base + 5);
}

static int declared_points(const char *key)
{
    const char *p = strchr(key, '(');
    if (!p) return -1;
    int v = 0, d = 0;
    for (p++; *p >= '0' && *p <= '9'; p++) v = v * 10 + (*p - '0'), d++;
    return d && d < 4 && !strncmp(p, "分", 3) ? v * JUE_PERF_POINT : -1;
}

static void grade_in(ptable *t, const jue_grow *r, jue_buf *k)
{
    for (size_t c = 0; c < r->n; c++) {
        squeeze(k, r->cells[c].text);
        const char *s = strstr(jue_buf_str(k), "等级");
        if (!s) continue;
        s += strlen("等级");
        if (*s == ':') s++;
        else if (!strncmp(s, "：", 3)) s += 3;
        if (!*s)
            for (size_t d = c + 1; d < r->n && !*s; d++) s = r->cells[d].copy ? "" : r->cells[d].text;
        static const char *const G[4] = { "优", "良", "中", "差" };
        for (int g = 0; g < 4; g++)
            if (!strncmp(s, G[g], 3)) {
                memcpy(t->grade, G[g], 4);
                t->grade_line = r->line, t->grade_page = r->page;
                return;
            }
    }
}

/* The last two plain numbers in adjacent columns: 分值 and 得分 (a text
 * after them is the 偏差原因 column). */
/* The 得分 a copy ran into the 偏差原因 after it with one space ("22.50
 * 口办理，": the columns too close for two): the figure before the space,
 * when Chinese text follows it. */
static fig lead_points(const jue_grow *r, int c)
{
    fig f;
    memset(&f, 0, sizeof f);
    const char *s = r->cells[c].text, *sp = strchr(s, ' ');
    if (r->cells[c].copy || !sp || sp == s || sp - s > 12 || !((unsigned char)sp[1] & 0x80)) return f;
    char head[16];
    memcpy(head, s, (size_t)(sp - s));
    head[sp - s] = '\0';
    f.text = s;
    f.present = points(head, &f);
    f.bad = !f.present;
    return f;
}

static bool last_pair(const jue_grow *r, fig *w, fig *s)
{
    for (int c = (int)r->n - 1; c >= 1; c--) {
        fig b = figure(r, c, F_POINTS);
        if ((!b.present || b.bad) && c == (int)r->n - 1) {
            fig l = lead_points(r, c), a = figure(r, c - 1, F_POINTS);
            if (l.present && !l.bad && a.present && !a.bad) b = l;
        }
        if (!b.present || b.bad) continue;
        fig a = figure(r, c - 1, F_POINTS);
        if (!a.present || a.bad) return false;
        *w = a, *s = b;
        return true;
    }
    return false;
}

/* --- findings ---------------------------------------------------------- */

static void add(actx *c, const ptable *t, const char *rule, jue_severity sev, int line, int page,
                const char *expected, const char *actual, const char *fmt, ...) __attribute__((format(printf, 9, 10)));
static void add(actx *c, const ptable *t, const char *rule, jue_severity sev, int line, int page,
                const char *expected, const char *actual, const char *fmt, ...)
{
    int r = -1;
    for (int q = 0; q < R_N; q++)
        if (!strcmp(rule, RULE[q])) r = q;
    int sv = r < 0 ? (int)sev : c->k->sev[r];
    if (sv < 0) return;
    sev = (jue_severity)sv;
    jue_buf m;
    jue_buf_init(&m);
    if (t) {
        jue_buf_puts(&m, jue_buf_str(&t->title));
        jue_buf_puts(&m, "：");
    }
    va_list ap;
    va_start(ap, fmt);
    char tmp[1024];
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    jue_buf_puts(&m, tmp);
    jue_finding f;
    memset(&f, 0, sizeof f);
    f.rule = (char *)rule;
    f.severity = sev;
    f.message = (char *)jue_buf_str(&m);
    f.file = (char *)c->file;
    f.line = line;
    f.page = page;
    f.table = -1;
    f.expected = (char *)expected;
    f.actual = (char *)actual;
    jue_status st = jue_buf_err(&m) ? jue_buf_err(&m) : jue_findings_add(c->out, &f);
    if (st && !c->err) c->err = st;
    jue_buf_free(&m);
}

static void fmt_points(char *out, size_t n, int64_t h)
{
    /* as a person would print it: no decimals when whole */
    if (h % 100 == 0) snprintf(out, n, "%lld", (long long)(h / 100));
    else snprintf(out, n, "%lld.%02lld", (long long)(h / 100), (long long)(h < 0 ? -h % 100 : h % 100));
}

static const char *const DEPT_COL[NAMT] = { "全年预算数（总额）", "全年预算数（财政拨款）", "全年预算数（其他资金）",
                                            "全年执行数（总额）", "全年执行数（财政拨款）", "全年执行数（其他资金）" };
static const char *const PROJ_COL[3] = { "年初预算数", "全年预算数（A）", "全年执行数（B）" };
static const char *const FUND_NAME[JUE_PSRC_N] = { "年度资金总额", "当年财政拨款", "上年结转资金", "其他资金" };

static void check_figures(actx *c, const ptable *t, const brow *b, const char *rowname, const char *const *cols,
                          int n)
{
    for (int k = 0; k < n; k++) {
        const fig *f = &b->amt[k];
        if (f->present && (f->bad || f->decimals > 2))
            add(c, t, "perf.figure", JUE_SEV_WARNING, b->line, b->page, "两位小数的金额", f->text,
                "%s%s印为“%s”，%s", rowname, cols[k], f->text,
                f->bad ? "不是一个金额" : "小数位数多于本栏其他金额（万元保留两位小数），应为误印");
    }
}

/* total vs the sum of parts, column by column */
static void check_sum(actx *c, const ptable *t, const brow *total, const brow *const *parts, size_t np, int ncols,
                      const char *const *cols, const char *what, const char *partname)
{
    for (int k = 0; k <= ncols; k++) {
        bool pts = k == ncols;   /* the 分值 column last */
        const fig *tf = pts ? &total->weight : &total->amt[k];
        if (!tf->present || tf->bad) continue;
        jue_interval sum = { 0, 0 };
        int64_t val = 0;
        size_t any = 0;
        jue_buf items;
        jue_buf_init(&items);
        bool ok = true;
        for (size_t i = 0; i < np && ok; i++) {
            const fig *pf = pts ? &parts[i]->weight : &parts[i]->amt[k];
            if (!pf->present) continue;
            if (pf->bad) { ok = false; break; }
            ok = jue_iv_add(sum, pf->iv, &sum);
            val += pf->value;
            jue_buf_puts(&items, any++ ? " + " : "");
            jue_buf_puts(&items, pf->text);
        }
        if (ok && any && !jue_iv_overlaps(sum, tf->iv)) {
            char e[48];
            if (pts) fmt_points(e, sizeof e, val);
            else jue_fmt_wan(val, true, e, sizeof e);
            add(c, t, "perf.sum", JUE_SEV_ERROR, total->line, total->page, e, tf->text,
                "%s%s %s 不等于%s之和 %s（%s）", what, pts ? "分值" : cols[k], tf->text, partname, e,
                jue_buf_str(&items));
        }
        jue_buf_free(&items);
    }
}

static void check_rate(actx *c, const ptable *t, const brow *b, const fig *A, const fig *B, const char *rowname)
{
    if (!b->rate.present || b->rate.bad || !A->present || A->bad || !B->present || B->bad) return;
    jue_interval r;
    if (!jue_iv_ratio(B->iv, A->iv, &r)) return;   /* A may be 0: nothing to compare */
    bool capped = r.lo >= JUE_PPB_ONE && jue_iv_contains(b->rate.iv, JUE_PPB_ONE);
    if (jue_iv_overlaps(r, b->rate.iv) || capped) return;
    jue_interval exact;
    int64_t mid = r.lo / 2 + r.hi / 2;
    if (jue_iv_ratio(jue_iv_exact(B->value), jue_iv_exact(A->value), &exact)) mid = exact.lo;
    char e[48];
    jue_fmt_percent(mid, 2, e, sizeof e);
    add(c, t, "perf.rate", JUE_SEV_ERROR, b->line, b->page, e, b->rate.text,
        "%s执行率印为 %s，而全年执行数 %s ÷ 全年预算数 %s = %s", rowname, b->rate.text, B->text, A->text, e);
}

/* 预算执行率 score = min(执行率, 100%) × 分值, against the printed rate */
static void check_rate_score(actx *c, const ptable *t, const brow *b, const char *rowname)
{
    const fig *w = &b->weight, *s = &b->score, *r = &b->rate;
    if (!w->present || w->bad || !s->present || s->bad || !r->present || r->bad) return;
    if (s->iv.lo > w->value) return;   /* reported by perf.score */
    int64_t lo = r->iv.lo < 0 ? 0 : r->iv.lo > JUE_PPB_ONE ? JUE_PPB_ONE : r->iv.lo;
    int64_t hi = r->iv.hi < 0 ? 0 : r->iv.hi > JUE_PPB_ONE ? JUE_PPB_ONE : r->iv.hi;
    jue_interval ex = { lo * w->value / JUE_PPB_ONE, (hi * w->value + JUE_PPB_ONE - 1) / JUE_PPB_ONE };
    if (jue_iv_overlaps(ex, s->iv)) return;
    char e[48];
    int64_t v = r->value < 0 ? 0 : r->value > JUE_PPB_ONE ? JUE_PPB_ONE : r->value;
    fmt_points(e, sizeof e, (v * w->value + JUE_PPB_ONE / 2) / JUE_PPB_ONE);
    add(c, t, "perf.rate-score", JUE_SEV_ERROR, b->line, b->page, e, s->text,
        "%s预算执行率得分 %s 与执行率 %s 不符：按执行率（超过100%%按100%%计）× 分值 %s 应得 %s 分", rowname, s->text, r->text,
        w->text, e);
}

/* 部门整体: the 财政拨款 of a row is part of its 总额, 预算 and 执行 alike —
 * a part above its whole beyond rounding is a slip of the table. */
static void check_fiscal_part(actx *c, const ptable *t, const brow *b, const char *rowname)
{
    for (int k = 0; k <= 3; k += 3) {
        const fig *whole = &b->amt[k], *part = &b->amt[k + 1];
        if (!whole->present || whole->bad || !part->present || part->bad || part->iv.lo <= whole->iv.hi) continue;
        add(c, t, "perf.fiscal-part", JUE_SEV_ERROR, b->line, b->page, whole->text, part->text,
            "%s%s %s 超过%s %s（财政拨款是总额的一部分）", rowname, DEPT_COL[k + 1], part->text, DEPT_COL[k],
            whole->text);
    }
}

static void check_score_le(actx *c, const ptable *t, const fig *w, const fig *s, int line, int page, const char *what)
{
    if (!w->present || w->bad || !s->present || s->bad || s->iv.lo <= w->iv.hi) return;
    add(c, t, "perf.score", JUE_SEV_ERROR, line, page, w->text, s->text, "%s得分 %s 超过其分值 %s", what, s->text,
        w->text);
}

/* Keeps what the cross checks need of a finished table. */
static void push_table(actx *c, const ptable *t)
{
    if (c->ntabs == c->tabs_cap) {
        size_t nc = c->tabs_cap ? c->tabs_cap * 2 : 8;
        tsum *nt = realloc(c->tabs, nc * sizeof *nt);
        if (!nt) { c->err = JUE_ERR_NOMEM; return; }
        c->tabs = nt;
        c->tabs_cap = nc;
    }
    tsum *x = &c->tabs[c->ntabs];
    memset(x, 0, sizeof *x);
    const char *title = jue_buf_str(&t->title);
    x->project = !t->has_sum && !strstr(title, "整体");
    x->title = jue_strdup(title);
    /* the name to match a 综述 by: 项目名称, else the title without its end */
    jue_buf n;
    jue_buf_init(&n);
    if (t->name.len) {
        jue_buf_puts(&n, jue_buf_str(&t->name));
    } else {
        jue_buf_puts(&n, title);
        static const char *const END[] = { "项目支出绩效自评表", "支出绩效自评表", "绩效自评表" };
        for (size_t i = 0; i < 3; i++) {
            size_t e = strlen(END[i]);
            if (n.len > e && !strcmp(jue_buf_str(&n) + n.len - e, END[i])) { n.len -= e; n.data[n.len] = 0; break; }
        }
    }
    size_t pe = strlen("项目");
    if (n.len > pe && !strcmp(jue_buf_str(&n) + n.len - pe, "项目")) n.len -= pe, n.data[n.len] = 0;
    x->name = jue_buf_err(&n) ? NULL : jue_strdup(jue_buf_str(&n));
    jue_buf_free(&n);
    if (!x->title || !x->name) {
        free(x->title);
        free(x->name);
        c->err = JUE_ERR_NOMEM;
        return;
    }
    x->line = t->line, x->page = t->page;
    if (t->has_sum) {
        x->A = t->sum.amt[0], x->B = t->sum.amt[3], x->rate = t->sum.rate;
        if (t->project_task >= 0) x->task_B = t->tasks[t->project_task].amt[3];
    } else if (t->has_fund[JUE_PSRC_TOTAL]) {
        const brow *f = &t->fund[JUE_PSRC_TOTAL];
        x->init = f->amt[0], x->A = f->amt[1], x->B = f->amt[2], x->rate = f->rate;
    }
    if (t->has_total) x->score = t->total_score;
    memcpy(x->grade, t->grade, sizeof x->grade);
    c->ntabs++;
}

/* The indicators: scores within weights, 一级 weights as declared, all
 * weights (with the 预算执行率's, budget) making 100, the scores 总分, the
 * grade its band. */
static void check_indicators(actx *c, const ptable *t, const brow *budget)
{
    if (t->cut_line) {   /* which figure is which cell's is not known: nothing to accuse */
        add(c, t, "perf.unread", JUE_SEV_WARNING, t->cut_line, t->cut_page, NULL, NULL,
            "绩效指标的行在此处被折行截断，各格的数不能确定属于哪一列，未核对指标的分值和得分");
        return;
    }
    int64_t group[JUE_L1_N] = { 0 };
    size_t count[JUE_L1_N] = { 0 };
    bool unread = false;   /* a declared 一级 with no indicator read under it */
    for (size_t i = 0; i < t->nind; i++) {
        const irow *x = &t->ind[i];
        check_score_le(c, t, &x->weight, &x->score, x->line, x->page, "指标");
        if (x->l1 >= 0) group[x->l1] += x->weight.value, count[x->l1]++;
    }
    for (int l = 0; l < JUE_L1_N; l++) {
        if (t->declared[l] < 0 || group[l] == t->declared[l]) continue;
        if (!count[l]) {   /* the rows were not read: nothing to accuse */
            unread = true;
            add(c, t, "perf.unread", JUE_SEV_WARNING, t->declared_line[l], t->declared_page[l], NULL, NULL,
                "%s下未读出带分值和得分的指标，未核对其分值之和", JUE_PERF_L1_NAMES[l]);
            continue;
        }
        char e[32], a[32];
        fmt_points(e, sizeof e, t->declared[l]);
        fmt_points(a, sizeof a, group[l]);
        add(c, t, "perf.weights", JUE_SEV_ERROR, t->declared_line[l], t->declared_page[l], e, a,
            "%s标明 %s 分，其下各指标分值之和为 %s 分", JUE_PERF_L1_NAMES[l], e, a);
    }
    if (t->has_total && t->nind && !unread && !t->budget_cut_line) {
        int64_t wsum = 0;
        jue_interval ssum = { 0, 0 };
        bool sok = true;
        const fig *bw = budget ? &budget->weight : NULL, *bs = budget ? &budget->score : NULL;
        if (bw && bw->present && !bw->bad) wsum += bw->value;
        if (bs && bs->present && !bs->bad) sok = jue_iv_add(ssum, bs->iv, &ssum);
        for (size_t i = 0; i < t->nind && sok; i++) {
            wsum += t->ind[i].weight.value;
            sok = jue_iv_add(ssum, t->ind[i].score.iv, &ssum);
        }
        const fig *tw = &t->total_weight, *ts = &t->total_score;
        char e[32], a[32];
        /* the 预算执行率's row not read (its name cut around its figures'
         * line): weights short of 100 and a 总分 above the scores may be its */
        bool no_budget = !(bw && bw->present && !bw->bad);
        bool unsure = no_budget && (wsum < 100 * JUE_PERF_POINT || (sok && ts->present && !ts->bad && ts->iv.lo > ssum.hi));
        if (unsure) {
            fmt_points(a, sizeof a, wsum);
            add(c, t, "perf.unread", JUE_SEV_WARNING, t->total_line, t->total_page, NULL, NULL,
                "没有读到预算执行率的分值，指标分值之和 %s 分不足 100 分可能就差它，未核对分值之和与总分", a);
        }
        if (!unsure && (wsum != 100 * JUE_PERF_POINT || (tw->present && !tw->bad && tw->value != 100 * JUE_PERF_POINT))) {
            fmt_points(a, sizeof a, wsum);
            add(c, t, "perf.weights", JUE_SEV_ERROR, t->total_line, t->total_page, "100", a,
                no_budget && wsum > 100 * JUE_PERF_POINT ? "各指标的分值之和为 %s 分（未读到预算执行率的分值，不计它已超过），应为 100 分%s%s%s"
                          : "预算执行率与各指标的分值之和为 %s 分，应为 100 分%s%s%s",
                a, tw->present ? "（总分行分值印为 " : "", tw->present ? tw->text : "", tw->present ? "）" : "");
        }
        if (!unsure && sok && ts->present && !ts->bad && !jue_iv_overlaps(ssum, ts->iv)) {
            int64_t v = (ssum.lo + ssum.hi) / 2;
            fmt_points(e, sizeof e, v);
            add(c, t, "perf.total", JUE_SEV_ERROR, t->total_line, t->total_page, e, ts->text,
                "总分印为 %s，而预算执行率与各指标得分之和为 %s", ts->text, e);
        }
        if (t->grade[0] && ts->present && !ts->bad) {
            const char *g = jue_perf_grade((int)ts->value, grades(c));
            char bands[256];
            band_text(grades(c), bands, sizeof bands);
            if (strcmp(g, t->grade))
                add(c, t, "perf.grade", JUE_SEV_ERROR, t->grade_line, t->grade_page, g, t->grade,
                    "总分 %s 对应等级“%s”（%s），印为“%s”", ts->text, g, bands, t->grade);
        }
    }
}

static void finish(actx *c, ptable *t)
{
    const brow *budget = NULL;
    if (t->budget_cut_line) {   /* which figure is which cell's is not known: nothing to accuse */
        add(c, t, "perf.unread", JUE_SEV_WARNING, t->budget_cut_line, t->budget_cut_page, NULL, NULL,
            "预算执行情况的行在此处被折行截断，各数不能确定属于哪一列，未核对其金额、执行率和得分，"
            "也未用它们与说明中的数字核对");
        t->has_sum = false;
        for (int k = 0; k < JUE_PSRC_N; k++) t->has_fund[k] = false;
    }
    if (t->has_sum) {
        const brow *parts[MAX_ROWS];
        for (size_t i = 0; i < t->ntasks; i++) parts[i] = &t->tasks[i];
        char name[64];
        for (size_t i = 0; i < t->ntasks; i++) {
            snprintf(name, sizeof name, "任务 %zu ", i + 1);
            check_figures(c, t, &t->tasks[i], name, DEPT_COL, NAMT);
        }
        check_figures(c, t, &t->sum, "金额合计", DEPT_COL, NAMT);
        if (t->ntasks) check_sum(c, t, &t->sum, parts, t->ntasks, NAMT, DEPT_COL, "“金额合计”", "各任务");
        for (size_t i = 0; i < t->ntasks; i++) {
            snprintf(name, sizeof name, "任务 %zu ", i + 1);
            check_rate(c, t, &t->tasks[i], &t->tasks[i].amt[0], &t->tasks[i].amt[3], name);
            check_fiscal_part(c, t, &t->tasks[i], name);
        }
        check_rate(c, t, &t->sum, &t->sum.amt[0], &t->sum.amt[3], "“金额合计”");
        check_fiscal_part(c, t, &t->sum, "“金额合计”");
        check_rate_score(c, t, &t->sum, "“金额合计”");
        check_score_le(c, t, &t->sum.weight, &t->sum.score, t->sum.line, t->sum.page, "预算执行率");
        budget = &t->sum;
    }
    if (t->has_fund[JUE_PSRC_TOTAL]) {
        const brow *parts[3];
        size_t np = 0;
        for (int k = JUE_PSRC_FISCAL; k < JUE_PSRC_N; k++)
            if (t->has_fund[k]) parts[np++] = &t->fund[k];
        for (int k = 0; k < JUE_PSRC_N; k++)
            if (t->has_fund[k]) check_figures(c, t, &t->fund[k], FUND_NAME[k], PROJ_COL, 3);
        brow total = t->fund[JUE_PSRC_TOTAL];
        total.weight.present = false;   /* 分值 is the total's alone */
        if (np) check_sum(c, t, &total, parts, np, 3, PROJ_COL, "年度资金总额", "其中各项资金");
        for (int k = 0; k < JUE_PSRC_N; k++)
            if (t->has_fund[k]) check_rate(c, t, &t->fund[k], &t->fund[k].amt[1], &t->fund[k].amt[2], FUND_NAME[k]);
        check_rate_score(c, t, &t->fund[JUE_PSRC_TOTAL], "年度资金总额");
        check_score_le(c, t, &t->fund[0].weight, &t->fund[0].score, t->fund[0].line, t->fund[0].page, "预算执行率");
        if (!budget) budget = &t->fund[JUE_PSRC_TOTAL];
    }
    check_indicators(c, t, budget);
    push_table(c, t);
    jue_buf_free(&t->title);
    jue_buf_free(&t->name);
    memset(t, 0, sizeof *t);
}

static bool title_text(const jue_buf *k)
{
    size_t n = k->len;
    static const char END[] = "自评表";
    return n < 200 && n > strlen(END) && !strcmp(jue_buf_str(k) + n - strlen(END), END) && strstr(jue_buf_str(k), "绩效");
}

/* filled: jue_grow_filled(r), which the callers have */
static bool title_row(const jue_grow *r, size_t filled, jue_buf *k)
{
    if (filled != 1) return false;
    for (size_t c = 0; c < r->n; c++) {
        if (!r->cells[c].text[0]) continue;
        /* a key that ends in 表 comes from a text that has it (the key only
         * drops spaces and marks from it): a paragraph without is no title,
         * and is not squeezed */
        if (!strstr(r->cells[c].text, "表")) return false;
        /* nor one without 绩 (title_text asks for 绩效): squeezing only drops
         * and folds characters, it makes none */
        if (!strstr(r->cells[c].text, "绩")) return false;
        squeeze(k, r->cells[c].text);
        return title_text(k);
    }
    return false;
}

/* A title a copy wrapped at a width broke in two ("…部门整体支" / "出绩效自评
 * 表"): row i, one piece without a sentence mark ending at the width, and
 * row i+1 its rest, joined a title (the rest alone may read as one: the
 * whole names the table, 部门整体 or which project). */
static bool wrapped_title(const jue_grid *g, size_t i, jue_buf *k)
{
    const jue_grow *r = &g->rows[i];
    if (!r->at_wrap || i + 1 >= g->n || jue_grow_filled(r) != 1 || jue_grow_filled(&g->rows[i + 1]) != 1) return false;
    const char *a = NULL, *b = NULL;
    for (size_t c = 0; c < r->n; c++)
        if (r->cells[c].text[0]) a = r->cells[c].text;
    for (size_t c = 0; c < g->rows[i + 1].n; c++)
        if (g->rows[i + 1].cells[c].text[0]) b = g->rows[i + 1].cells[c].text;
    if (!a || !b || strlen(a) > 240 || strstr(a, "。") || strstr(a, "，") || strstr(a, "：") || strstr(a, "；"))
        return false;
    char joined[512];
    snprintf(joined, sizeof joined, "%s%s", a, b);
    squeeze(k, joined);
    return title_text(k);
}

static void start(ptable *t, const jue_grow *r, const char *title)
{
    memset(t, 0, sizeof *t);
    jue_buf_init(&t->title);
    jue_buf_init(&t->name);
    jue_buf_puts(&t->title, title);
    t->line = r->line, t->page = r->page;
    t->project_task = -1;
    t->cur_l1 = -1;
    for (int l = 0; l < JUE_L1_N; l++) t->declared[l] = -1;
}

static void row(actx *c, ptable *t, const jue_grow *r, jue_buf *k)
{
    t->rows++;
    int label = -1;
    for (size_t i = 0; i < r->n; i++) {
        if (!r->cells[i].text[0] || r->cells[i].copy) continue;
        squeeze(k, r->cells[i].text);
        const char *s = jue_buf_str(k);
        if (!strcmp(s, "一级指标")) { t->in_ind = true; return; }
        if (strstr(s, "年初预算数")) t->seen_initial = true;
        if (!t->in_ind && !strncmp(s, "任务", strlen("任务")) && s[strlen("任务")] >= '0' && s[strlen("任务")] <= '9') {
            if (t->ntasks < MAX_ROWS) {
                read_dept_row(r, &t->tasks[t->ntasks++]);
                /* the task of the projects (任务 3 项目支出), checked against table 03 */
                for (size_t j = i + 1; j < r->n && t->project_task < 0; j++) {
                    squeeze(k, r->cells[j].text);
                    if (!strcmp(jue_buf_str(k), "项目支出")) t->project_task = (int)t->ntasks - 1;
                }
            }
            return;
        }
        if (!t->in_ind && !t->name.len &&
            (!strcmp(s, "项目名称") || (strlen(s) >= strlen("单位名称") && !strcmp(s + strlen(s) - strlen("单位名称"), "单位名称")) ||
             !strcmp(s, "部门(单位)名称") || !strcmp(s, "部门名称"))) {
            for (size_t j = i + 1; j < r->n; j++)
                if (!r->cells[j].copy && r->cells[j].text[0]) {
                    jue_imp_matchkey(&t->name, r->cells[j].text);
                    break;
                }
            return;
        }
        if (!t->in_ind && (!strcmp(s, "金额合计") || !strcmp(s, "合计")) && !t->seen_initial) {
            read_dept_row(r, &t->sum);
            t->has_sum = true;
            return;
        }
        if (!t->in_ind && t->seen_initial) {
            /* a narrow cell wraps the name: "年度资金总" / "额", "其中：当年" / "财政拨款" */
            int src = !strncmp(s, "年度资金", strlen("年度资金"))             ? JUE_PSRC_TOTAL
                    : (strstr(s, "财政拨款") || strstr(s, "当年")) && strlen(s) < 40 ? JUE_PSRC_FISCAL
                    : !strncmp(s, "上年结转", strlen("上年结转"))     ? JUE_PSRC_CARRYOVER
                    : !strcmp(s, "其他资金")                          ? JUE_PSRC_OTHER
                                                                     : -1;
            if (src >= 0 && !t->has_fund[src]) {
                read_fund_row(r, (int)i, &t->fund[src]);
                t->has_fund[src] = true;
                return;
            }
        }
        if (t->in_ind) {
            if (!strncmp(s, "总分", strlen("总分")) && label < 0) {
                t->has_total = true;
                t->total_line = r->line, t->total_page = r->page;
                last_pair(r, &t->total_weight, &t->total_score);
                if (r->at_wrap) {
                    /* cut by a copy's wrap ("总分 … 100 10" / "0"): its figures are not known */
                    t->total_weight.present = t->total_score.present = false;
                    if (!t->cut_line) t->cut_line = r->line, t->cut_page = r->page;
                }
                return;
            }
            for (int l = 0; l < JUE_L1_N; l++)
                if (!strncmp(s, JUE_PERF_L1_NAMES[l], strlen(JUE_PERF_L1_NAMES[l]))) {
                    t->cur_l1 = l;
                    t->declared[l] = declared_points(s);
                    t->declared_line[l] = r->line, t->declared_page[l] = r->page;
                }
        }
        label = (int)i;
    }
    grade_in(t, r, k);
    if (t->in_ind && r->at_wrap && !t->cut_line) t->cut_line = r->line, t->cut_page = r->page;
    if (t->in_ind && t->nind < MAX_ROWS) {
        irow x;
        memset(&x, 0, sizeof x);
        if (last_pair(r, &x.weight, &x.score)) {
            x.line = r->line, x.page = r->page, x.l1 = t->cur_l1;
            t->ind[t->nind++] = x;
        }
    }
    (void)c;
}

/* Whether a cell of row r reads as an amount or a percentage. */
static bool has_figure(const jue_grow *r)
{
    for (size_t i = 0; i < r->n; i++) {
        if (r->cells[i].copy || !r->cells[i].text[0]) continue;
        fig m = figure(r, (int)i, F_MONEY), p = figure(r, (int)i, F_RATE);
        if ((m.present && !m.bad) || (p.present && !p.bad)) return true;
    }
    return false;
}

/* Whether row r was read as a row of amounts (a 任务, 合计 or fund row). */
static bool read_as_amounts(const ptable *t, const jue_grow *r)
{
    for (size_t i = 0; i < t->ntasks; i++)
        if (t->tasks[i].line == r->line && t->tasks[i].page == r->page) return true;
    for (int k = 0; k < JUE_PSRC_N; k++)
        if (t->has_fund[k] && t->fund[k].line == r->line && t->fund[k].page == r->page) return true;
    return t->has_sum && t->sum.line == r->line && t->sum.page == r->page;
}

/* Text wrapped at a width: a row among the amounts (after the header of
 * 年初预算数 or a 任务 / 合计 row, before the indicators) with figures that no
 * label took is the rest of a row the wrap cut ("年度资金总额 23,427.00" /
 * "23,921.00 …", "…10.00 95.00% 9.5" / "0") or a row whose label it cut
 * ("其中：当年财政拨" / "款 23,426.00 …"): the amounts' cells are not known.
 * (A row that merely fills the width is whole: the next row has a label.) */
static void budget_cut(ptable *t, const jue_grow *r)
{
    if (t->in_ind || t->budget_cut_line || !(t->seen_initial || t->ntasks || t->has_sum) || !has_figure(r)) return;
    if (!read_as_amounts(t, r)) t->budget_cut_line = r->line, t->budget_cut_page = r->page;
}

/* --- a table whose cells come one a line ----------------------------------- */

/* The text LibreOffice or Word saves from a document gives a table's cells
 * one per line, an empty cell as an empty line, and marks no row end. Such a
 * 自评表 is known by a header printed whole on one row standing one word a
 * line (一级指标, then 二级指标; 年初预算数, then 全年预算数; 项目名称 or
 * 单位名称 with 主管部门 two lines on). Its rows are put together again from
 * the lines: up to an empty line (an empty cell or the row's end), a label
 * that begins a row of the form (row_start) or, among the indicators, up to
 * the text after the pair of figures (分值 得分, then 偏差原因, the last
 * column). A row cut at an empty cell inside it reads as
 * two parts: the part with the pair is still an indicator of its 一级指标. */
#define MAX_STACK 24

typedef struct {
    jue_gcell cells[MAX_STACK];
    jue_grow row;
    int figs;                    /* plain figures in a run at the end */
    bool after_pair;             /* the next text ends an indicator row */
} stack;

static const char *only_text(const jue_grow *r)
{
    if (jue_grow_filled(r) != 1) return NULL;
    for (size_t c = 0; c < r->n; c++)
        if (r->cells[c].text[0] && !r->cells[c].copy) return r->cells[c].text;
    return NULL;
}

/* The key of the single text of the k-th filled row from row i on, or "". */
static const char *key_at(const jue_grid *g, size_t i, int k, jue_buf *b)
{
    for (; i < g->n; i++) {
        if (!jue_grow_filled(&g->rows[i])) continue;
        if (k-- > 0) continue;
        const char *s = only_text(&g->rows[i]);
        squeeze(b, s ? s : "");
        return jue_buf_str(b);
    }
    return "";
}

static bool stacked_at(const jue_grid *g, size_t i, jue_buf *k)
{
    static const struct { const char *first, *then; int gap; } SIGN[] = {
        { "一级指标", "二级指标", 1 }, { "年初预算数", "全年预算数", 1 },
        { "项目名称", "主管部门", 2 }, { "单位名称", "主管部门", 2 }, { "部门(单位)名称", "主管部门", 2 },
    };
    char first[64];
    snprintf(first, sizeof first, "%s", key_at(g, i, 0, k));
    for (size_t s = 0; s < sizeof SIGN / sizeof SIGN[0]; s++)
        if (!strcmp(first, SIGN[s].first) && jue_perf_starts(key_at(g, i, SIGN[s].gap, k), SIGN[s].then)) return true;
    return false;
}

/* A label that begins a row of the printed form (its first cell, or the
 * first after a merged one): the row before it has ended. */
static bool row_start(const char *s, jue_buf *k)
{
    static const char *const LEAD[] = { "项目名称", "主管部门", "实施单位", "单位名称", "部门(单位)名称", "项目资金",
                                        "年度资金", "其中", "上年结转", "其他资金", "年度总体目标", "年度主要任务",
                                        "绩效指标", "一级指标", "总分", "金额合计", "合计" };
    squeeze(k, s);
    const char *key = jue_buf_str(k);
    for (size_t i = 0; i < sizeof LEAD / sizeof LEAD[0]; i++)
        if (jue_perf_starts(key, LEAD[i])) return true;
    for (int l = 0; l < JUE_L1_N; l++)
        if (jue_perf_starts(key, JUE_PERF_L1_NAMES[l])) return true;
    return jue_perf_starts(key, "任务") && key[strlen("任务")] >= '0' && key[strlen("任务")] <= '9';
}

static void stack_flush(actx *c, ptable *t, stack *sk, jue_buf *k)
{
    if (sk->row.n) row(c, t, &sk->row, k);
    sk->row.n = 0;
    sk->figs = 0;
    sk->after_pair = false;
}

/* Takes row r of a stacked table: true when it was taken (a line of a cell,
 * an empty line); false for what is read as before (a title, a row of
 * several cells), after the rows so far are handed on. */
static bool stack_add(actx *c, ptable *t, stack *sk, const jue_grow *r, jue_buf *k)
{
    size_t filled = jue_grow_filled(r);
    if (filled != 1 || title_row(r, filled, k)) {
        stack_flush(c, t, sk, k);
        return filled == 0;
    }
    if (sk->row.n == MAX_STACK) stack_flush(c, t, sk, k);
    const char *s = only_text(r);
    if (sk->row.n && row_start(s, k)) stack_flush(c, t, sk, k);
    if (!sk->row.n) {
        sk->row.cells = sk->cells;
        sk->row.line = r->line, sk->row.page = r->page;
    }
    sk->cells[sk->row.n] = (jue_gcell){ .text = (char *)s, .col = (int)sk->row.n };
    sk->row.n++;
    fig f;
    bool figure_cell = points(s, &f);
    bool ends = t->in_ind && sk->after_pair && !figure_cell;
    sk->figs = figure_cell ? sk->figs + 1 : 0;
    if (sk->figs >= 2) sk->after_pair = true;
    if (ends) stack_flush(c, t, sk, k);
    return true;
}

/* --- 综述, summary and the disclosure's tables ---------------------------- */

/* A figure read from a sentence. */
typedef struct {
    bool present;
    int64_t value;
    jue_interval iv;
    char text[48];
} sfig;

static const char *nth_phrase(const actx *c, int kind, size_t i)
{
    return i < c->k->nphrase[kind] ? c->k->phrase[kind][i] : NULL;
}

/* The earliest phrase of a kind in [from, end) (the longest at a position):
 * its start in *at, the text after it returned; NULL when none. */
static const char *find_phrase(const actx *c, int kind, const char *from, const char *end, const char **at)
{
    const char *best = NULL;
    size_t blen = 0;
    for (size_t i = 0;; i++) {
        const char *ph = nth_phrase(c, kind, i);
        if (!ph) break;
        size_t n = strlen(ph);
        for (const char *q = from; q + n <= end; q++) {
            if (memcmp(q, ph, n)) continue;
            if (!best || q < best || (q == best && n > blen)) best = q, blen = n;
            break;
        }
    }
    if (at) *at = best;
    return best ? best + blen : NULL;
}

static const char *find_text(const char *from, const char *end, const char *what)
{
    size_t n = strlen(what);
    for (const char *q = from; q + n <= end; q++)
        if (!memcmp(q, what, n)) return q;
    return NULL;
}

/* Skips the words between a phrase and its figure: 为, 是, 达, 共, 约, a colon. */
static const char *skip_lead(const char *p, const char *end)
{
    static const char *const W[] = { "为", "是", "达", "共", "约", "：", ":", "了" };
    for (int k = 0; k < 3; k++) {
        bool hit = false;
        for (size_t i = 0; i < sizeof W / sizeof W[0] && !hit; i++) {
            size_t n = strlen(W[i]);
            if (p + n <= end && !memcmp(p, W[i], n)) p += n, hit = true;
        }
        if (!hit) break;
    }
    return p;
}

static void set_text(sfig *f, const char *s, size_t n)
{
    if (n >= sizeof f->text) n = sizeof f->text - 1;
    memcpy(f->text, s, n);
    f->text[n] = 0;
}

/* An amount with its unit written ("820 万元", "8,104,300元") right at p. */
static sfig read_money(const char *p, const char *end)
{
    sfig f;
    memset(&f, 0, sizeof f);
    if (!p || p >= end || !(*p >= '0' && *p <= '9')) return f;
    jue_amount a;
    if (jue_amount_scan(p, (size_t)(end - p), JUE_UNIT_WAN, &a, NULL) != JUE_OK || a.blank || !a.consumed) return f;
    if (!a.unit_written) return f;   /* 8,104,300 with no unit: 元 or 万元 is not known */
    f.present = true;
    f.value = a.value;
    f.iv = a.iv;
    set_text(&f, p, a.consumed);
    return f;
}

/* The digits of a plain decimal at p: its length, 0 when none. */
static size_t decimal_len(const char *p, const char *end)
{
    const char *q = p;
    while (q < end && ((*q >= '0' && *q <= '9') || *q == '.')) q++;
    return p < end && *p >= '0' && *p <= '9' ? (size_t)(q - p) : 0;
}

/* A percentage right at p ("99.75%"). */
static sfig read_rate(const char *p, const char *end)
{
    sfig f;
    memset(&f, 0, sizeof f);
    size_t n = p ? decimal_len(p, end) : 0;
    if (!n) return f;
    size_t pc = p + n < end && p[n] == '%' ? 1 : p + n + 3 <= end && !memcmp(p + n, "％", 3) ? 3 : 0;
    if (!pc) return f;
    int dec;
    if (jue_percent_parse(p, n + pc, &f.value, &f.iv, &dec, NULL) != JUE_OK) return f;
    f.present = true;
    set_text(&f, p, n + pc);
    return f;
}

/* Points right at p ("98.48分", "100"). */
static sfig read_points(const char *p, const char *end)
{
    sfig f;
    memset(&f, 0, sizeof f);
    size_t n = p ? decimal_len(p, end) : 0;
    if (!n || n >= sizeof f.text) return f;
    char t[48];
    memcpy(t, p, n);
    t[n] = 0;
    fig g;
    memset(&g, 0, sizeof g);
    if (!points(t, &g)) return f;
    f.present = true;
    f.value = g.value;
    f.iv = g.iv;
    set_text(&f, p, n);
    return f;
}

/* A whole number right at p, -1 when none. */
static long read_count(const char *p, const char *end)
{
    long v = 0;
    const char *q = p;
    while (q < end && *q >= '0' && *q <= '9' && v < 100000) v = v * 10 + (*q++ - '0');
    return q == p ? -1 : v;
}

/* The figure of a kind after `from`, read where its phrase leaves off. */
static sfig phrase_figure(const actx *c, int kind, const char *from, const char *end,
                          sfig (*reader)(const char *, const char *))
{
    const char *p = find_phrase(c, kind, from, end, NULL);
    if (!p) {
        sfig f;
        memset(&f, 0, sizeof f);
        return f;
    }
    return reader(skip_lead(p, end), end);
}

static bool figs_agree(const sfig *s, const fig *t) { return jue_iv_overlaps(s->iv, t->iv); }
static bool usable(const fig *f) { return f->present && !f->bad; }

static void fmt_pts(char *out, size_t n, int64_t h) { fmt_points(out, n, h); }

/* Characters two names share, as a share of the longer one (in percent). */
static int name_likeness(const char *a, const char *b)
{
    size_t na = 0, nb = 0, common = 0;
    const unsigned char *p = (const unsigned char *)a;
    char used[256];
    size_t lb = strlen(b);
    if (lb >= sizeof used) return 0;
    memset(used, 0, sizeof used);
    nb = jue_utf8_count(b, lb);
    while (*p) {
        size_t k = jue_utf8_step((const char *)p);
        na++;
        for (size_t j = 0; j + k <= lb; j++) {
            if (used[j] || memcmp(b + j, p, k) || ((unsigned char)b[j] & 0xC0) == 0x80) continue;
            memset(used + j, 1, k);
            common++;
            break;
        }
        p += k;
    }
    size_t m = na > nb ? na : nb;
    return m ? (int)(common * 100 / m) : 0;
}

/* The 自评表 a 综述 speaks of: the 部门整体 one, or the project whose name
 * matches (exactly, one inside the other, or the same characters mostly —
 * "医疗保障管理事务" for "医疗保障事务管理"). *exact tells which. */
static tsum *match_table(actx *c, bool dept, const char *name, bool *exact)
{
    tsum *best = NULL;
    int bs = 0;
    *exact = false;
    for (size_t i = 0; i < c->ntabs; i++) {
        tsum *t = &c->tabs[i];
        if (t->project == dept) continue;
        if (dept) { *exact = true; return t; }
        int sc = !strcmp(t->name, name) ? 1000 : (*name && (strstr(t->name, name) || strstr(name, t->name))) ? 900
                                                                                                   : name_likeness(name, t->name);
        if (sc > bs) bs = sc, best = t;
    }
    if (bs < 80) return NULL;
    *exact = bs >= 900;
    return best;
}

static void note(actx *c, int rule, const ppara *p, const char *expected, const char *actual, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
static void note(actx *c, int rule, const ppara *p, const char *expected, const char *actual, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    add(c, NULL, RULE[rule], (jue_severity)DEFAULT_SEV[rule], p ? p->line : 0, p ? p->page : 0, expected, actual, "%s",
        msg);
}

/* A 综述: "X项目绩效自评综述：全年预算数A万元，执行数B万元，完成预算的P%，
 * 自评得分S分" against X's 自评表. */
static void check_overview(actx *c, const ppara *p)
{
    const char *text = p->text, *end = text + strlen(text), *at;
    const char *after = find_phrase(c, P_OVERVIEW, text, end, &at);
    if (!after) return;
    const char *stop = find_text(after, end, "。");
    if (!stop) stop = end;
    /* the subject: the text before the marker, from the sentence it is in */
    const char *from = text;
    for (const char *q = text; q < at; q++) {
        if (q + 3 <= at && (!memcmp(q, "。", 3) || !memcmp(q, "：", 3))) from = q + 3;
        if (*q == ':') from = q + 1;
    }
    jue_buf name;
    jue_buf_init(&name);
    char subj[512];
    snprintf(subj, sizeof subj, "%.*s", (int)(at - from), from);
    jue_imp_matchkey(&name, jue_imp_skip_ordinal(subj));
    /* "X项目" and "X部门整体支出" name X */
    static const char *const TAIL[] = { "项目", "部门整体支出", "单位整体支出", "整体支出", "部门整体", "单位整体" };
    for (size_t i = 0; i < sizeof TAIL / sizeof TAIL[0]; i++) {
        size_t n = strlen(TAIL[i]);
        if (name.len > n && !strcmp(jue_buf_str(&name) + name.len - n, TAIL[i])) { name.len -= n; name.data[name.len] = 0; }
    }
    bool dept = strstr(subj, "整体") || find_text(at, after, "整体");
    bool exact;
    tsum *t = jue_buf_err(&name) ? NULL : match_table(c, dept, jue_buf_str(&name), &exact);
    if (!t) { jue_buf_free(&name); return; }
    t->matched++;
    const char *who = dept ? "部门整体支出" : jue_buf_str(&name);
    if (!exact)
        note(c, R_OVERVIEW_NAME, p, t->name, jue_buf_str(&name), "绩效自评综述中的项目名称“%s”与自评表的项目名称“%s”不一致",
             jue_buf_str(&name), t->name);
    sfig score;
    memset(&score, 0, sizeof score);
    size_t ml = (size_t)(after - at), dl = strlen("得分");
    if (ml >= dl && !memcmp(after - dl, "得分", dl)) score = read_points(skip_lead(after, stop), stop);
    sfig A = phrase_figure(c, P_BUDGET, after, stop, read_money);
    sfig B = phrase_figure(c, P_EXECUTED, after, stop, read_money);
    sfig rate = phrase_figure(c, P_RATE, after, stop, read_rate);
    if (!score.present) score = phrase_figure(c, P_SCORE, after, stop, read_points);
    bool amounts_off = false;
    if (A.present && usable(&t->A) && !figs_agree(&A, &t->A)) {
        amounts_off = true;
        bool init = usable(&t->init) && figs_agree(&A, &t->init);
        char ex[64];
        snprintf(ex, sizeof ex, "%s万元", t->A.text);
        note(c, R_OVERVIEW, p, ex, A.text, "%s的绩效自评综述中全年预算数为%s，而其自评表的全年预算数（A）为%s万元%s", who,
             A.text, t->A.text, init ? "（综述写的是年初预算数）" : "");
    }
    if (B.present && usable(&t->B) && !figs_agree(&B, &t->B)) {
        amounts_off = true;
        char ex[64];
        snprintf(ex, sizeof ex, "%s万元", t->B.text);
        note(c, R_OVERVIEW, p, ex, B.text, "%s的绩效自评综述中执行数为%s，而其自评表的全年执行数（B）为%s万元", who, B.text,
             t->B.text);
    }
    /* the rate against the table's B ÷ A (when the amounts agree: else the
     * difference in the amounts is the finding) */
    jue_interval r;
    if (rate.present && !amounts_off && usable(&t->A) && usable(&t->B) && jue_iv_ratio(t->B.iv, t->A.iv, &r)) {
        bool capped = r.lo >= JUE_PPB_ONE && jue_iv_contains(rate.iv, JUE_PPB_ONE);
        if (!jue_iv_overlaps(r, rate.iv) && !capped) {
            char e[48];
            jue_interval x;
            jue_fmt_percent(jue_iv_ratio(jue_iv_exact(t->B.value), jue_iv_exact(t->A.value), &x) ? x.lo : r.lo, 2, e,
                            sizeof e);
            note(c, R_OVERVIEW, p, e, rate.text, "%s的绩效自评综述称完成预算的%s，而其自评表全年执行数 %s ÷ 全年预算数 %s = %s", who,
                 rate.text, t->B.text, t->A.text, e);
        }
    }
    if (score.present && usable(&t->score) && !jue_iv_overlaps(score.iv, t->score.iv))
        note(c, R_OVERVIEW, p, t->score.text, score.text, "%s的绩效自评综述中自评得分为%s分，而其自评表的总分为%s", who, score.text,
             t->score.text);
    /* 等级为“优” against the table's grade */
    const char *g = find_phrase(c, P_GRADE, after, stop, NULL);
    if (g && t->grade[0]) {
        g = skip_lead(g, stop);
        if (g + 3 <= stop && !memcmp(g, "“", 3)) g += 3;
        else if (g < stop && *g == '"') g++;
        static const char *const G[] = { "优", "良", "中", "差" };
        for (size_t i = 0; i < 4; i++)
            if (g + 3 <= stop && !memcmp(g, G[i], 3) && strcmp(G[i], t->grade))
                note(c, R_OVERVIEW, p, t->grade, G[i], "%s的绩效自评综述中等级为“%s”，而其自评表的自评等级为“%s”", who, G[i],
                     t->grade);
    }
    jue_buf_free(&name);
}

/* The grade of a table: as printed, else from its 总分 by the profile's bands. */
static const char *table_grade(actx *c, const tsum *t)
{
    if (t->grade[0]) return t->grade;
    if (!usable(&t->score)) return NULL;
    return jue_perf_grade((int)t->score.value, grades(c));
}

/* The clauses of one sentence about the self-evaluation of projects, from
 * the phrase at `at`: [*cs, *ge), from the clause it is in over the clauses
 * that follow (grade counts) up to one about something else: targets,
 * monitoring, 部门整体. */
static void summary_group(const char *text, const char *at, const char *end, const char **cs, const char **ge)
{
    const char *se = find_text(at, end, "。");
    if (!se) se = end;
    *cs = text;
    for (const char *q = text; q < at; q++)
        if (!memcmp(q, "；", 3) || !memcmp(q, "。", 3) || *q == ';') *cs = q + (*q == ';' ? 1 : 3);
    const char *g = at;
    for (;;) {
        const char *sc = find_text(g, se, "；");
        const char *next = sc ? sc + 3 : se;
        g = sc ? sc : se;
        if (!sc) break;
        const char *ne = find_text(next, se, "；");
        if (!ne) ne = se;
        if (find_text(next, ne, "整体") || find_text(next, ne, "绩效目标") || find_text(next, ne, "监控") ||
            find_text(next, ne, "跟踪"))
            break;
        g = ne;
        if (ne == se) break;
    }
    *ge = g;
}

/* The number of projects the clauses state: "N个项目" / "项目N个", or −1. */
static long summary_count(const char *cs, const char *ge)
{
    long count = -1;
    for (const char *q = cs; q < ge && count < 0; q++) {
        if (q + 6 <= ge && !memcmp(q, "项目", 6) && read_count(q + 6, ge) >= 0) {
            const char *d = q + 6;
            while (d < ge && *d >= '0' && *d <= '9') d++;
            if (d + 3 <= ge && !memcmp(d, "个", 3)) count = read_count(q + 6, ge);
        }
        if (count < 0 && *q >= '0' && *q <= '9' && (q == cs || !(q[-1] >= '0' && q[-1] <= '9'))) {
            const char *d = q;
            while (d < ge && *d >= '0' && *d <= '9') d++;
            if (d + 3 <= ge && !memcmp(d, "个", 3) && find_text(d + 3, d + 3 + 15 < ge ? d + 3 + 15 : ge, "项目"))
                count = read_count(q, ge);
        }
    }
    return count;
}

/* The summary's 全年预算数, 全年执行数 and 平均得分 against the sums (the
 * mean) of the np project 自评表. */
static void summary_figures(actx *c, const ppara *p, const char *cs, const char *ge, size_t np)
{
    char e[64];
    sfig A = phrase_figure(c, P_BUDGET, cs, ge, read_money);
    sfig B = phrase_figure(c, P_EXECUTED, cs, ge, read_money);
    sfig avg = phrase_figure(c, P_AVERAGE, cs, ge, read_points);
    jue_interval sa = { 0, 0 }, si = { 0, 0 }, sb = { 0, 0 }, ss = { 0, 0 };
    bool oka = true, oki = true, okb = true, oks = true;
    int64_t va = 0, vi = 0, vb = 0;
    for (size_t i = 0; i < c->ntabs; i++) {
        const tsum *t = &c->tabs[i];
        if (!t->project) continue;
        oka = oka && usable(&t->A) && jue_iv_add(sa, t->A.iv, &sa), va += t->A.value;
        oki = oki && usable(&t->init) && jue_iv_add(si, t->init.iv, &si), vi += t->init.value;
        okb = okb && usable(&t->B) && jue_iv_add(sb, t->B.iv, &sb), vb += t->B.value;
        oks = oks && usable(&t->score) && jue_iv_add(ss, t->score.iv, &ss);
    }
    if (A.present && (oka || oki) && !(oka && jue_iv_overlaps(A.iv, sa)) && !(oki && jue_iv_overlaps(A.iv, si))) {
        jue_fmt_wan(oka ? va : vi, true, e, sizeof e);
        note(c, R_SUMMARY, p, e, A.text, "预算绩效情况说明中自评项目涉及预算%s，而%zu张项目支出绩效自评表的全年预算数之和为%s万元", A.text, np, e);
    }
    if (B.present && okb && !jue_iv_overlaps(B.iv, sb)) {
        jue_fmt_wan(vb, true, e, sizeof e);
        note(c, R_SUMMARY, p, e, B.text, "预算绩效情况说明中自评项目执行数为%s，而%zu张项目支出绩效自评表的全年执行数之和为%s万元", B.text, np, e);
    }
    if (avg.present && oks) {
        /* the mean of the printed 总分, each read as its interval */
        jue_interval m = { ss.lo / (int64_t)np, (ss.hi + (int64_t)np - 1) / (int64_t)np };
        if (!jue_iv_overlaps(avg.iv, m)) {
            fmt_pts(e, sizeof e, (ss.lo + ss.hi) / 2 / (int64_t)np);
            note(c, R_SUMMARY, p, e, avg.text, "预算绩效情况说明中平均得分为%s分，而%zu张项目支出绩效自评表总分的平均为%s分", avg.text, np, e);
        }
    }
}

/* “优”的项目n个: against the project 自评表 of that grade. */
static void summary_grades(actx *c, const ppara *p, const char *cs, const char *ge)
{
    static const char *const G[] = { "优", "良", "中", "差" };
    char e[64], a[64];
    for (size_t g = 0; g < 4; g++) {
        char pat[32];
        snprintf(pat, sizeof pat, "“%s”的项目", G[g]);
        const char *q = find_text(cs, ge, pat);
        if (!q) continue;
        long n = read_count(q + strlen(pat), ge);
        if (n < 0) continue;
        size_t have = 0;
        bool known = true;
        for (size_t i = 0; i < c->ntabs; i++) {
            if (!c->tabs[i].project) continue;
            const char *tg = table_grade(c, &c->tabs[i]);
            if (!tg) known = false;
            else have += !strcmp(tg, G[g]);
        }
        if (known && (size_t)n != have) {
            snprintf(e, sizeof e, "%zu", have);
            snprintf(a, sizeof a, "%ld", n);
            note(c, R_SUMMARY, p, e, a, "预算绩效情况说明称等级为“%s”的项目%ld个，而项目支出绩效自评表中等级为“%s”的有%zu张", G[g], n,
                 G[g], have);
        }
    }
}

/* The 预算绩效 summary: "开展绩效自评的项目N个，涉及全年预算数A万元、全年执行数
 * B万元，平均得分S分，其中等级为“优”的项目n个…" against the project 自评表
 * published with it: the first group of clauses about projects (not about
 * 部门整体) is checked. */
static void check_summary(actx *c, const ppara *p)
{
    size_t np = 0;
    for (size_t i = 0; i < c->ntabs; i++) np += c->tabs[i].project;
    if (!np) return;
    const char *text = p->text, *end = text + strlen(text);
    const char *at, *cs, *ge;
    for (const char *hit = find_phrase(c, P_SUMMARY, text, end, &at); hit; hit = find_phrase(c, P_SUMMARY, ge, end, &at)) {
        summary_group(text, at, end, &cs, &ge);
        if (find_text(cs, ge, "整体")) continue;
        long count = summary_count(cs, ge);
        if (count >= 0 && (size_t)count != np) {
            char e[64], a[64];
            snprintf(e, sizeof e, "%zu", np);
            snprintf(a, sizeof a, "%ld", count);
            note(c, R_SUMMARY_COUNT, p, e, a, "预算绩效情况说明称对%ld个项目开展了绩效自评，而文中公开的项目支出绩效自评表有%zu张", count, np);
            return;
        }
        summary_figures(c, p, cs, ge, np);
        summary_grades(c, p, cs, ge);
        return;
    }
}

static const jue_cell *t03_cell(const actx *c, const char *col)
{
    const jue_table *t = c->disc ? c->disc->tables[JUE_T03] : NULL;
    if (!t) return NULL;
    int r = jue_table_find_row(t, JUE_L_TOTAL, JUE_SIDE_NONE), k = jue_table_find_col(t, col);
    if (r < 0 || k < 0) return NULL;
    const jue_cell *x = jue_table_cell_c(t, (size_t)r, (size_t)k);
    return x->present ? x : NULL;
}

/* The 自评表 against the disclosure's table 03: the projects spend no more
 * than its 项目支出, the 部门整体 spends its 本年支出合计. */
static void check_tables(actx *c)
{
    char e[48], a[48];
    const jue_cell *proj = t03_cell(c, JUE_C_PROJECT), *all = t03_cell(c, JUE_C_EXP_TOTAL);
    jue_interval sb = { 0, 0 };
    int64_t vb = 0;
    size_t np = 0;
    bool ok = true;
    const tsum *first = NULL;
    for (size_t i = 0; i < c->ntabs; i++) {
        const tsum *t = &c->tabs[i];
        if (!t->project) continue;
        if (!first) first = t;
        np++;
        ok = ok && usable(&t->B) && jue_iv_add(sb, t->B.iv, &sb);
        vb += t->B.value;
    }
    if (proj && np && ok && sb.lo > proj->iv.hi) {
        jue_fmt_wan(vb, true, a, sizeof a);
        jue_fmt_wan(proj->printed, true, e, sizeof e);
        ppara at = { NULL, first->line, first->page };
        note(c, R_PROJECT_TOTAL, &at, e, a, "%zu张项目支出绩效自评表的全年执行数之和%s万元，超过公开03表的项目支出合计%s万元", np, a, e);
    }
    for (size_t i = 0; i < c->ntabs; i++) {
        const tsum *t = &c->tabs[i];
        if (t->project) continue;
        ppara at = { NULL, t->line, t->page };
        if (all && usable(&t->B) && !jue_iv_overlaps(t->B.iv, all->iv)) {
            jue_fmt_wan(all->printed, true, e, sizeof e);
            note(c, R_DEPT_TOTAL, &at, e, t->B.text, "部门整体支出绩效自评表的全年执行数%s万元与公开03表的本年支出合计%s万元不一致", t->B.text, e);
        }
        if (proj && usable(&t->task_B) && !jue_iv_overlaps(t->task_B.iv, proj->iv)) {
            jue_fmt_wan(proj->printed, true, e, sizeof e);
            note(c, R_DEPT_TOTAL, &at, e, t->task_B.text, "部门整体支出绩效自评表中项目支出任务的全年执行数%s万元与公开03表的项目支出合计%s万元不一致",
                 t->task_B.text, e);
        }
        break;
    }
}

/* A paragraph ends with 。, or with a colon (a lead-in line: "具体见下："). */
static bool ends_para(const jue_buf *b)
{
    const char *s = jue_buf_str(b);
    size_t n = b->len;
    return (n >= 3 && (!memcmp(s + n - 3, "。", 3) || !memcmp(s + n - 3, "：", 3))) || (n && s[n - 1] == ':');
}

static void add_para(actx *c, jue_buf *pb, int line, int page)
{
    if (!pb->len) return;
    if (c->nparas == c->paras_cap) {
        size_t nc = c->paras_cap ? c->paras_cap * 2 : 64;
        ppara *np = realloc(c->paras, nc * sizeof *np);
        if (!np) { c->err = JUE_ERR_NOMEM; return; }
        c->paras = np;
        c->paras_cap = nc;
    }
    char *t = jue_strdup(jue_buf_str(pb));
    if (!t) { c->err = JUE_ERR_NOMEM; return; }
    c->paras[c->nparas++] = (ppara){ t, line, page };
    jue_buf_reset(pb);
}

/* The rows that go to the prose, in the order audit_doc meets them, and
 * where a paragraph ends (i = PARA_END): kept, not squeezed, until a 自评表
 * is found, since only cross reads the paragraphs (most documents have none). */
#define PARA_END UINT32_MAX
typedef struct {
    uint32_t g, i;
} pev;

typedef struct {
    pev *v;
    size_t n, cap;
} pevs;

static void mark(actx *c, pevs *ev, size_t g, size_t i)
{
    if (ev->n == ev->cap) {
        size_t nc = ev->cap ? ev->cap * 2 : 128;
        pev *nv = realloc(ev->v, nc * sizeof *nv);
        if (!nv) { c->err = JUE_ERR_NOMEM; return; }
        ev->v = nv;
        ev->cap = nc;
    }
    ev->v[ev->n++] = (pev){ (uint32_t)g, (uint32_t)i };
}

/* A row of prose outside the tables: the paragraph goes on, or ends. */
static void para_row(actx *c, jue_buf *pb, const jue_grow *r, bool paged, int *pline, int *ppage)
{
    size_t filled = jue_grow_filled(r);
    /* a line of words and figures the text door split on single
     * spaces ("1,400.00 万") is still a line of the paragraph */
    bool line = filled == 1 || (paged && r->packed);
    if (!line) { add_para(c, pb, *pline, *ppage); return; }
    bool first = true;
    for (size_t j = 0; j < r->n; j++)
        if (r->cells[j].text[0] && !r->cells[j].copy) {
            /* a numbered line ("1. …", "（一）…") starts a paragraph */
            const char *tx = r->cells[j].text;
            if (first && jue_imp_skip_ordinal(tx) != tx) add_para(c, pb, *pline, *ppage);
            first = false;
            if (!pb->len) *pline = r->line, *ppage = r->page;
            jue_imp_squeeze(pb, tx, false);
        }
    if (!paged || ends_para(pb)) add_para(c, pb, *pline, *ppage);
}

/* The paragraphs of the rows marked. */
static void make_paras(actx *c, const jue_idoc *doc, const pevs *ev, bool paged, jue_buf *pb)
{
    int pline = 0, ppage = 0;
    for (size_t k = 0; k < ev->n && !c->err; k++) {
        if (ev->v[k].i == PARA_END) add_para(c, pb, pline, ppage);
        else para_row(c, pb, &doc->grids[ev->v[k].g].rows[ev->v[k].i], paged, &pline, &ppage);
    }
}

static void cross(actx *c)
{
    if (!c->ntabs) return;
    for (size_t i = 0; i < c->nparas; i++) {
        check_overview(c, &c->paras[i]);
        check_summary(c, &c->paras[i]);
    }
    check_tables(c);
}

static jue_status audit_doc(const jue_idoc *doc, const char *file, const jue_disclosure *disc,
                            const jue_profile *prof, const jue_perf_checks *checks, jue_findings *out)
{
    actx c = { file, out, JUE_OK, checks, disc, NULL, 0, 0, NULL, 0, 0, prof ? jue_profile_name(prof) : NULL, false, { 0 } };
    jue_buf k, pb;
    jue_buf_init(&k);
    jue_buf_init(&pb);
    ptable t;
    stack sk;
    memset(&sk, 0, sizeof sk);
    pevs ev = { 0 };
    bool open = false;   /* t is read only while open: start() clears it */
    /* a paged door (PDF), text wrapped at a width and Markdown break
     * paragraphs into lines: they are joined again; the other doors give a
     * paragraph per row */
    bool paged = doc->kind == JUE_IN_PDF || doc->wrap_width > 0 || doc->markdown;
    for (size_t g = 0; g < doc->n; g++) {
        const jue_grid *gr = &doc->grids[g];
        for (size_t i = 0; i < gr->n; i++) {
            const jue_grow *r = &gr->rows[i];
            size_t filled = jue_grow_filled(r);
            if (open && !t.stacked && !t.has_total && filled == 1) t.stacked = stacked_at(gr, i, &k);
            if (open && t.stacked && !t.has_total && stack_add(&c, &t, &sk, r, &k)) continue;
            if (filled == 0) { mark(&c, &ev, g, PARA_END); continue; }
            bool wrapped = filled == 1 && wrapped_title(gr, i, &k);
            if (wrapped || title_row(r, filled, &k)) {
                mark(&c, &ev, g, PARA_END);
                if (open) finish(&c, &t);
                start(&t, r, jue_buf_str(&k));
                open = true;
                i += wrapped;
                continue;
            }
            if (open && t.has_total) {
                /* the row after 总分 may still be the grade's (自评等级：优);
                 * anything else is the text after the table */
                grade_in(&t, r, &k);
                bool grade_row = t.grade_line == r->line && t.grade_page == r->page;
                finish(&c, &t);
                open = false;
                if (grade_row) continue;
            }
            if (!open) {
                mark(&c, &ev, g, i);
                continue;
            }
            row(&c, &t, r, &k);
            if (doc->wrap_width > 0) budget_cut(&t, r);
            if (t.rows > 4 * MAX_ROWS) {
                finish(&c, &t);
                open = false;
            }
        }
        if (open) stack_flush(&c, &t, &sk, &k);
        mark(&c, &ev, g, PARA_END);
    }
    if (open) finish(&c, &t);
    mark(&c, &ev, 0, PARA_END);
    if (c.ntabs && !c.err) make_paras(&c, doc, &ev, paged, &pb);
    if (!c.err) cross(&c);
    jue_status e = jue_buf_err(&k) ? jue_buf_err(&k) : jue_buf_err(&pb);
    jue_buf_free(&k);
    jue_buf_free(&pb);
    free(ev.v);
    for (size_t i = 0; i < c.ntabs; i++) free(c.tabs[i].title), free(c.tabs[i].name);
    free(c.tabs);
    for (size_t i = 0; i < c.nparas; i++) free(c.paras[i].text);
    free(c.paras);
    return c.err ? c.err : e;
}

jue_status jue_perf_audit_buffer(const char *data, size_t len, const char *name, const jue_catalog *cat,
                                 const jue_profile *prof, const jue_perf_checks *checks, jue_findings *out)
{
    jue_perf_checks *own = NULL;
    if (!checks && !(checks = own = checks_default())) return JUE_ERR_NOMEM;
    jue_diags d;
    jue_diags_init(&d);
    jue_disclosure *disc = NULL;
    jue_idoc *doc = NULL;
    /* the importer's problems are reported by the table audit's own import */
    jue_status st = jue_import_buffer(data, len, name, JUE_IN_AUTO, cat, prof, &disc, &doc, &d);
    jue_diags_free(&d);
    if (st == JUE_ERR_NOMEM || !doc) {
        jue_idoc_free(doc);
        jue_disclosure_free(disc);
        jue_perf_checks_free(own);
        return st == JUE_ERR_NOMEM ? st : JUE_OK;
    }
    st = audit_doc(doc, name, disc, prof, checks, out);
    jue_idoc_free(doc);
    jue_disclosure_free(disc);
    jue_perf_checks_free(own);
    return st;
}

jue_status jue_perf_audit_doc(const jue_idoc *doc, const char *file, const jue_disclosure *disc,
                              const jue_profile *prof, const jue_perf_checks *checks, jue_findings *out)
{
    jue_perf_checks *own = NULL;
    if (!checks && !(checks = own = checks_default())) return JUE_ERR_NOMEM;
    jue_status st = audit_doc(doc, file, disc, prof, checks, out);
    jue_perf_checks_free(own);
    return st;
}

jue_status jue_perf_audit_file(const char *path, const jue_catalog *cat, const jue_profile *prof,
                               const jue_perf_checks *checks, jue_findings *out)
{
    char *data = NULL;
    size_t len = 0;
    jue_status st = jue_read_file(path, &data, &len);
    if (st) return st == JUE_ERR_NOMEM ? st : JUE_ERR_IO;
    st = jue_perf_audit_buffer(data, len, path, cat, prof, checks, out);
    free(data);
    return st;
}
