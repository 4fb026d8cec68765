/* The one table recognizer: grids of located text cells (from any door) →
 * the nine tables of the model, with the same row and column keys the
 * compiler uses, so one rule pack audits compiled and imported disclosures.
 *
 * Steps, per grid (a text file, or a sheet):
 *  1. Title rows: a row with one distinct text that is, after squeezing
 *     spaces, dropping an ordinal, a "（续）" mark and a 公开NN表 label, one
 *     of the titles in data/import/aliases.tsv (or ends with one, after a
 *     department/year prefix). A bare 公开NN表 label with no title nearby
 *     counts by its number (through the profile's numbering). Titles win.
 *  2. A title starts a table only if a table row (two or more cells) or an
 *     empty-table 说明 follows within a few lines: a table of contents or a
 *     heading is not a table.
 *  3. Meta rows (编制单位/部门, 金额单位, the label) give department and unit;
 *     header rows run up to the first data row; the 栏次 row is skipped; the
 *     column under each header cell is named by its lowest header text.
 *  4. The body, by form: code tables (02 03 05 07 08: code and name columns,
 *     codes possibly split 类/款/项), two-pane tables (01 04: each pane
 *     starts at a 项目 header; lines named by alias or by the catalog's 类
 *     names), 06 (code/name/value triples, the side by economic class) and
 *     09 (items across, 预算数 group then 决算数 group, or one row per group).
 *     Names broken over lines are joined; the body ends at a prose line.
 *  5. A 说明 line (or one saying 无数据/空表) under the table is its note;
 *     a table without a non-zero figure is empty.
 * Rows of the grids that no table used are left for the notes (claims). */
#include "import/import_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOTE_WINDOW 6     /* non-blank rows after a body where its 说明 may be */
#define TITLE_WINDOW 8    /* non-blank rows after a title where its table must start */
#define MAXK 512          /* bytes of a match key; longer labels are not names */

/* Copies s into out (size n), cut at a character boundary when too long;
 * a plain copy where this file copies most (snprintf "%s" costs a parse). */
static void copy_str(char *out, size_t n, const char *s)
{
    size_t k = strlen(s);
    if (k >= n) {
        k = n - 1;
        while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80) k--;
    }
    memcpy(out, s, k);
    out[k] = 0;
}

/* ---- aliases (data/import/aliases.tsv) -------------------------------- */

typedef struct {
    char kind;            /* t c r i g */
    int table;            /* jue_table_id */
    int side;             /* 0 any, 1 inc, 2 exp */
    char *key;            /* match key of the printed text */
    char *canon;
    uint32_t hash;        /* of key: lookups compare this first */
} alias;

typedef struct {
    jue_idoc *doc;
    const jue_catalog *cat;
    const jue_profile *prof;
    jue_disclosure *d;
    jue_diags *diags;
    alias *al;
    size_t nal;
    bool nomem;
    int cat_from, cat_to;
    int title_line[JUE_NTABLES];   /* where each table's title was printed */
    jue_grid *seg_grid[JUE_NTABLES];   /* and the rows up to the next title */
    size_t seg_from[JUE_NTABLES], seg_to[JUE_NTABLES];
    bool packed[JUE_NTABLES];      /* its body has rows split on single spaces */
} rc;

/* One scratch buffer per thread for the keys below: they are made for
 * every cell the recognizer looks at, and an allocation each was a good
 * part of its time. Kept until the thread ends. */
static jue_buf *scratch(void)
{
    static _Thread_local jue_buf b;
    static _Thread_local bool ready;
    if (!ready) { jue_buf_init(&b); ready = true; }
    jue_buf_reset(&b);
    return &b;
}

static void mk(const char *s, char out[MAXK])
{
    jue_buf *b = scratch();
    jue_imp_matchkey(b, s);
    copy_str(out, MAXK, jue_buf_str(b));
}

/* Printed name: spaces and Markdown marks out, ordinal off. */
static char *clean_name(const char *s)
{
    jue_buf b;
    jue_buf_init(&b);
    jue_imp_squeeze(&b, s, false);
    const char *t = jue_imp_skip_ordinal(jue_buf_str(&b));
    char *r = jue_strdup(t);
    jue_buf_free(&b);
    return r;
}

/* FNV-1a of a match key. */
static uint32_t key_hash(const char *k)
{
    uint32_t h = 2166136261u;
    for (; *k; k++) h = (h ^ (unsigned char)*k) * 16777619u;
    return h;
}

static jue_status load_aliases(rc *c)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/import/aliases.tsv", jue_data_dir());
    char *data;
    size_t len;
    jue_status st = jue_read_file(path, &data, &len);
    if (st) {
        jue_diag_add(c->diags, JUE_SEV_ERROR, path, 0, 0, "cannot read the importer's aliases: %s",
                     jue_status_str(st));
        return st;
    }
    size_t cap = 256;
    c->al = calloc(cap, sizeof *c->al);
    if (!c->al) { free(data); return JUE_ERR_NOMEM; }
    int line = 0;
    for (char *p = data; *p && !st;) {
        char *nl = strchr(p, '\n');
        if (nl) *nl = '\0';
        line++;
        if (*p && *p != '#') {
            char *f[5] = { 0 };
            int nf = 0;
            for (char *q = p; nf < 5;) {
                f[nf++] = q;
                char *tab = strchr(q, '\t');
                if (!tab) break;
                *tab = '\0';
                q = tab + 1;
            }
            int tid = -1;
            if (nf >= 4 && f[1][0] == 'T' && f[1][1] >= '0' && f[1][2] >= '1' && f[1][2] <= '9' && !f[1][3])
                tid = (f[1][1] - '0') * 10 + (f[1][2] - '0') - 1;
            char kind = 0;
            if (nf >= 4) {
                if (!strcmp(f[0], "title")) kind = 't';
                else if (!strcmp(f[0], "col")) kind = 'c';
                else if (!strcmp(f[0], "row")) kind = 'r';
                else if (!strcmp(f[0], "item")) kind = 'i';
                else if (!strcmp(f[0], "group")) kind = 'g';
            }
            if (!kind || tid < 0 || tid >= JUE_NTABLES) {
                jue_diag_add(c->diags, JUE_SEV_WARNING, path, line, 1,
                             "not an alias line (kind, table, side, printed, canonical)");
            } else {
                if (c->nal == cap) {
                    alias *na = realloc(c->al, cap * 2 * sizeof *na);
                    if (!na) { st = JUE_ERR_NOMEM; break; }
                    c->al = na;
                    cap *= 2;
                }
                char key[MAXK];
                mk(f[3], key);
                alias *a = &c->al[c->nal];
                a->kind = kind;
                a->table = tid;
                a->side = !strcmp(f[2], "inc") ? 1 : !strcmp(f[2], "exp") ? 2 : 0;
                a->key = jue_strdup(key);
                a->canon = jue_strdup(nf >= 5 ? f[4] : "");
                a->hash = key_hash(key);
                if (!a->key || !a->canon) { free(a->key); free(a->canon); st = JUE_ERR_NOMEM; break; }
                c->nal++;
            }
        }
        p = nl ? nl + 1 : p + strlen(p);
    }
    free(data);
    return st;
}

static void free_aliases(rc *c)
{
    for (size_t i = 0; i < c->nal; i++) {
        free(c->al[i].key);
        free(c->al[i].canon);
    }
    free(c->al);
}

/* side: 0 = any alias; 1/2 = that pane's aliases and the side-less ones. */
static const alias *find_alias(const rc *c, char kind, int table, int side, const char *key)
{
    uint32_t h = key_hash(key);
    for (size_t i = 0; i < c->nal; i++) {
        const alias *a = &c->al[i];
        if (a->hash == h && a->kind == kind && a->table == table && (side == 0 || a->side == 0 || a->side == side) &&
            !strcmp(a->key, key))
            return a;
    }
    return NULL;
}

/* ---- small predicates -------------------------------------------------- */

static bool all_digits(const char *s)
{
    if (!*s) return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9') return false;
    return true;
}

/* Squeezed and folded text of a cell. */
static void fold(const char *s, char out[MAXK])
{
    jue_buf *b = scratch();
    jue_imp_squeeze(b, s, true);
    copy_str(out, MAXK, jue_buf_str(b));
}

/* Only dashes (a placeholder for nothing). */
static bool dashes_only(const char *s)
{
    char f[MAXK];
    fold(s, f);
    if (!f[0]) return true;
    for (const char *p = f; *p;) {
        if (*p == '-') { p++; continue; }
        if (!strncmp(p, "—", 3) || !strncmp(p, "–", 3) || !strncmp(p, "－", 3)) {
            p += 3;
            continue;
        }
        return false;
    }
    return true;
}

static bool is_amount(const char *s)
{
    if (!s[0]) return false;
    jue_amount a;
    return jue_amount_parse(s, strlen(s), JUE_UNIT_WAN, &a, NULL) == JUE_OK && !a.blank;
}

/* 公开NN表 (or 表NN) on its own: the number, else 0. */
static int label_number(const char *s)
{
    /* a label ("公开 01 表", "表1") is short and names a 表: most rows fail here */
    if (strlen(s) > 48 || !strstr(s, "表")) return 0;
    char f[MAXK];
    fold(s, f);
    const char *p = f;
    if (!strncmp(p, "公开", 6)) p += 6;
    else if (strncmp(p, "表", 3) != 0) return 0;
    if (!strncmp(p, "表", 3)) p += 3;
    int n = 0, k = 0;
    while (*p >= '0' && *p <= '9' && k < 3) { n = n * 10 + (*p++ - '0'); k++; }
    if (!k) return 0;
    if (!strncmp(p, "表", 3)) p += 3;
    return *p ? 0 : n;
}

/* The one text of a row (distinct non-copy cells), or NULL. */
static const char *single_text(const jue_grow *r)
{
    const char *t = NULL;
    for (size_t i = 0; i < r->n; i++) {
        const jue_gcell *g = &r->cells[i];
        if (!g->text[0] || g->copy) continue;
        if (t && strcmp(t, g->text) != 0) return NULL;
        t = g->text;
    }
    return t;
}

/* Past a table's own label before its title: "表1-1：", "附表1", "表一、",
 * "附件2-3：", "公开01表" (squeezed text). */
static const char *skip_table_label(const char *s)
{
    const char *p = s;
    if (!strncmp(p, "附表", 6)) p += 6;
    else if (!strncmp(p, "附件", 6)) p += 6;
    else if (!strncmp(p, "公开", 6)) p += 6;
    else if (!strncmp(p, "表", 3)) p += 3;
    else return s;
    if (!strncmp(p, "表", 3)) p += 3;
    static const char *const CN[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "零" };
    /* arabic (1, 1-1, 01) or chinese (一, 十二) numbers, not both: "附表1一般…" */
    int k = 0;
    bool arabic = *p >= '0' && *p <= '9';
    for (bool more = true; more;) {
        more = false;
        if (arabic && ((*p >= '0' && *p <= '9') || *p == '-')) { p++; k++; more = true; continue; }
        if (arabic && (!strncmp(p, "－", 3) || !strncmp(p, "—", 3))) { p += 3; more = true; continue; }
        for (size_t i = 0; !arabic && i < sizeof CN / sizeof CN[0]; i++)
            if (!strncmp(p, CN[i], 3)) { p += 3; k++; more = true; break; }
    }
    if (!k) return s;
    if (!strncmp(p, "表", 3)) p += 3;   /* 公开01表 */
    if (!strncmp(p, "：", 3) || !strncmp(p, "、", 3) || !strncmp(p, "．", 3)) p += 3;
    else if (*p == ':' || *p == '.') p++;
    else if (!arabic) return s;   /* "表一" needs its separator: "表一般…" is no label */
    return *p ? p : s;
}

/* Whether a row is a title; table id and continuation mark. */
static int title_of(const rc *c, const jue_grow *r, bool *cont)
{
    const char *t = single_text(r);
    char f[MAXK];
    if (!t) {
        /* title and label in one row ("收入支出决算总表 | 公开01表") */
        const char *first = NULL;
        size_t filled = 0;
        for (size_t i = 0; i < r->n; i++) {
            const jue_gcell *g = &r->cells[i];
            if (!g->text[0] || g->copy) continue;
            filled++;
            if (!label_number(g->text) && !first) first = g->text;
        }
        if (filled != 2 || !first) return -1;
        t = first;
    }
    /* every title names a 表 and is short: most rows of a document are
     * prose and fail these cheap tests before any normalising */
    if (!strstr(t, "表") || strlen(t) > 600) return -1;
    jue_buf b;
    jue_buf_init(&b);
    jue_imp_squeeze(&b, t, false);
    snprintf(f, sizeof f, "%s", skip_table_label(jue_imp_skip_ordinal(jue_buf_str(&b))));
    jue_buf_free(&b);
    *cont = false;
    /* trailing marks: （续） (续) 续表, and a 公开NN表 label */
    for (int again = 1; again;) {
        again = 0;
        static const char *const TAILS[] = { "（续表）", "(续表)", "（续）", "(续)", "续表", "续" };
        size_t n = strlen(f);
        for (size_t i = 0; i < sizeof TAILS / sizeof TAILS[0]; i++) {
            size_t k = strlen(TAILS[i]);
            if (n > k && !strcmp(f + n - k, TAILS[i])) {
                f[n - k] = '\0';
                *cont = true;
                again = 1;
                break;
            }
        }
        char *lab = strstr(f, "公开");
        if (lab && lab != f && label_number(lab)) { *lab = '\0'; again = 1; }
    }
    char key[MAXK];
    mk(f, key);
    if (!key[0]) return -1;
    int best = -1;
    size_t best_len = 0;
    size_t kl = strlen(key);
    for (size_t i = 0; i < c->nal; i++) {
        const alias *a = &c->al[i];
        if (a->kind != 't') continue;
        if (!strcmp(a->key, key)) return a->table;
        size_t al = strlen(a->key);
        /* "醴陵市医疗保障局2022年度收入支出决算总表": a prefix without
         * sentence punctuation, not too long */
        if (kl > al && kl - al <= 90 && !strcmp(key + kl - al, a->key) && al > best_len) {
            bool prose = false;
            static const char *const P[] = { "，", "。", "；", "：", ",", ";", ":", "、", "说明", "情况" };
            for (size_t q = 0; q < sizeof P / sizeof P[0] && !prose; q++) {
                char *h = strstr(key, P[q]);
                prose = h && (size_t)(h - key) < kl - al;
            }
            if (!prose) { best = a->table; best_len = al; }
        }
    }
    return best;
}

static bool is_meta(const jue_grow *r, int *unit, char **dept)
{
    bool meta = false;
    for (size_t i = 0; i < r->n; i++) {
        const jue_gcell *g = &r->cells[i];
        if (!g->text[0] || g->copy) continue;
        char f[MAXK];
        fold(g->text, f);
        if (label_number(f)) { meta = true; continue; }
        const char *u = strstr(f, "单位:");
        if (!u) u = strstr(f, "单位：");
        static const char *const DEPT[] = { "编制单位:", "编制单位：", "部门:", "部门：", "单位名称:", "单位名称：", "填报单位:", "填报单位：", "单位:" };
        if (strstr(f, "金额单位") || (u && (strstr(u, "万元") || strstr(u, "元")) && strlen(u) < 24)) {
            meta = true;
            if (unit) *unit = strstr(u ? u : f, "万元") ? JUE_UNIT_WAN : strstr(f, "亿元") ? JUE_UNIT_YI : JUE_UNIT_YUAN;
            /* "编制单位：某局金额单位：万元" in one cell (a Word line with
             * the spacing lost): the department is what precedes the unit */
            char *mu = strstr(f, "金额单位");
            for (size_t k = 0; k < sizeof DEPT / sizeof DEPT[0] - 1 && mu && dept && !*dept; k++) {
                size_t n = strlen(DEPT[k]);
                if (strncmp(f, DEPT[k], n) != 0 || f + n >= mu) continue;
                *mu = '\0';
                *dept = jue_strdup(f + n);
            }
            continue;
        }
        for (size_t k = 0; k < sizeof DEPT / sizeof DEPT[0]; k++) {
            size_t n = strlen(DEPT[k]);
            if (!strncmp(f, DEPT[k], n)) {
                meta = true;
                if (dept && !*dept && f[n]) *dept = jue_strdup(f + n);
            }
        }
    }
    return meta;
}

/* 栏次 row: starts with 栏次, or holds only the numbers 1, 2, 3 … */
static bool is_lanci(const jue_grow *r)
{
    int expect = 1;
    bool nums = true, any = false;
    for (size_t i = 0; i < r->n; i++) {
        const jue_gcell *g = &r->cells[i];
        if (!g->text[0] || g->copy) continue;
        char f[MAXK];
        fold(g->text, f);
        if (!any && !strcmp(f, "栏次")) return true;
        any = true;
        if (!all_digits(f) || atoi(f) != expect) return false;   /* not 1, 2, 3 … */
        expect++;
    }
    return any && nums && expect > 2;
}

static bool note_text(const char *s)
{
    char f[MAXK];
    fold(s, f);
    /* "说明" alone is a heading's second line ("…决算情况" / "说明"), no note */
    return (!strncmp(f, "说明", 6) && f[6]) || strstr(f, "无数据") || strstr(f, "空表") ||
           strstr(f, "没有数据");
}

/* The heading of one part of a split code: 类, 款 or 项. */
static bool part_word(const char *s)
{
    char f[MAXK];
    mk(s, f);
    return !strcmp(f, "类") || !strcmp(f, "款") || !strcmp(f, "项");
}

/* ---- pending rows ------------------------------------------------------ */

typedef struct {
    const jue_gcell *cell;
    int col;              /* model column */
    int line;
} pval;

typedef struct {
    char *key, *name;
    jue_level level;
    jue_side side;
    bool total;
    int line_no, src_line, page;
    int order, pane;
    pval v[16];
    int nv;
} prow;

typedef struct {
    prow *r;
    size_t n, cap;
} prows;

static prow *prow_add(rc *c, prows *P)
{
    if (P->n == P->cap) {
        size_t nc = P->cap ? P->cap * 2 : 32;
        prow *nr = realloc(P->r, nc * sizeof *nr);
        if (!nr) { c->nomem = true; return NULL; }
        P->r = nr;
        P->cap = nc;
    }
    prow *p = &P->r[P->n];
    memset(p, 0, sizeof *p);
    p->order = (int)P->n;
    P->n++;
    return p;
}

static void prows_free(prows *P)
{
    for (size_t i = 0; i < P->n; i++) {
        free(P->r[i].key);
        free(P->r[i].name);
    }
    free(P->r);
}

static void pval_add(prow *p, const jue_gcell *g, int col, int line)
{
    if (p->nv < 16 && col >= 0) p->v[p->nv++] = (pval){ g, col, line };
}

/* ---- table context ----------------------------------------------------- */

typedef struct {
    rc *c;
    jue_grid *g;
    jue_table_id id;
    size_t a, b;          /* segment rows [a, b), after the title */
    jue_unit unit;
    size_t hdr[24];
    int nhdr;
    size_t body;          /* first data row */
    size_t end;           /* first row after the body */
    bool body_hdr;        /* the first data row also holds the 类|款|项 heading */
} tctx;

static void diag_cell(tctx *t, const jue_gcell *g, int line, jue_severity sev, const char *fmt,
                      const char *a1, const char *a2)
{
    char where[160] = "";
    if (t->g->name && g) {
        char ref[16];
        int col = g->col, k = 0;
        char tmp[8];
        do { tmp[k++] = (char)('A' + col % 26); col = col / 26 - 1; } while (col >= 0 && k < 7);
        for (int i = 0; i < k; i++) ref[i] = tmp[k - 1 - i];
        ref[k] = '\0';
        snprintf(where, sizeof where, "sheet %s cell %s%d: ", t->g->name, ref, line);
    }
    jue_diag_add(t->c->diags, sev, t->c->doc->file, line, g ? (t->g->name ? g->col + 1 : g->pos) : 0,
                 "%s%s: %s%s%s", where, jue_table_label(t->id), fmt, a1 ? a1 : "", a2 ? a2 : "");
}

/* A page number as a text copy prints it between the rows of a table:
 * "— 5 —", "-5-", "5", "第5页", "第 5 页 共 12 页", "5/12". */
static bool page_number_text(const char *s)
{
    char f[MAXK];
    fold(s, f);
    const char *p = f;
    int digits = 0;
    for (int part = 0; part < 2 && *p; part++) {
        while (*p == ' ' || *p == '-' || !strncmp(p, "—", 3) || !strncmp(p, "–", 3) || !strncmp(p, "－", 3))
            p += (unsigned char)*p < 0x80 ? 1 : 3;
        if (part == 1) {
            if (!strncmp(p, "共", 3)) p += 3;
            else if (*p == '/') p++;
            else if (!strncmp(p, "，共", 6)) p += 6;
            else if (*p == ',' && !strncmp(p + 1, "共", 3)) p += 4;
            else break;
            while (*p == ' ') p++;
        } else if (!strncmp(p, "第", 3)) {
            p += 3;
            while (*p == ' ') p++;
        }
        int k = 0;
        while (*p >= '0' && *p <= '9' && k < 5) { p++; k++; }
        if (!k) return false;
        digits += k;
        while (*p == ' ') p++;
        if (!strncmp(p, "页", 3)) p += 3;
        while (*p == ' ' || *p == '-' || !strncmp(p, "—", 3) || !strncmp(p, "–", 3) || !strncmp(p, "－", 3))
            p += (unsigned char)*p < 0x80 ? 1 : 3;
    }
    return digits > 0 && !*p;
}

static bool data_row(tctx *t, const jue_grow *r);

/* Page furniture a copy leaves between the rows of a table (text copied from
 * a PDF or Word file keeps the page numbers and running heads): a one-text
 * row that is a page number, or a text printed alone on three or more rows
 * of the grid (a running head) that is no title. */
static bool page_furniture(tctx *t, size_t i)
{
    const jue_grow *r = &t->g->rows[i];
    const char *s = single_text(r);
    if (!s || strlen(s) > 200) return false;
    if (page_number_text(s)) return true;
    if (data_row(t, r)) return false;
    bool cont;
    if (title_of(t->c, r, &cont) >= 0) return false;
    int seen = 0;
    for (size_t k = 0; k < t->g->n && seen < 3; k++) {
        const char *o = single_text(&t->g->rows[k]);
        seen += o && !strcmp(o, s);
    }
    return seen >= 3;
}

/* A one-pane 01/04's 收入 or 支出 heading, on a row of its own. */
static bool pane_heading(const tctx *t, const jue_grow *r)
{
    if (t->id != JUE_T01 && t->id != JUE_T04) return false;
    const char *s = single_text(r);
    if (!s || strlen(s) > 40) return false;
    char k[MAXK];
    mk(s, k);
    const char *o = jue_imp_skip_ordinal(k);
    return !strcmp(o, "收入") || !strcmp(o, "支出");
}

/* Whether the table goes on after row i: the next rows that are not page
 * furniture hold a data row or a row of cells (a heading printed again). */
static bool table_goes_on(tctx *t, size_t i)
{
    int seen = 0;
    for (size_t k = i + 1; k < t->b && seen < 8; k++) {
        const jue_grow *r = &t->g->rows[k];
        if (!jue_grow_filled(r)) continue;
        seen++;
        if (page_furniture(t, k) || pane_heading(t, r)) continue;
        if (data_row(t, r)) return true;
        size_t cells = 0;
        for (size_t q = 0; q < r->n; q++) cells += r->cells[q].text[0] && !r->cells[q].copy;
        return cells >= 2;
    }
    return false;
}

/* Lowest header text above column col (copies count: a merged header
 * names every column it spans). */
static void leaf_at(tctx *t, int col, char out[MAXK])
{
    out[0] = '\0';
    for (int h = t->nhdr - 1; h >= 0; h--) {
        const char *s = jue_grow_text(&t->g->rows[t->hdr[h]], col);
        /* of a data row that is also a heading, only the 类|款|项 words */
        if (t->body_hdr && t->hdr[h] == t->body && !part_word(s)) continue;
        if (s[0]) { mk(s, out); return; }
    }
}

static int max_cols(tctx *t)
{
    size_t m = 0;
    for (int h = 0; h < t->nhdr; h++)
        if (t->g->rows[t->hdr[h]].n > m) m = t->g->rows[t->hdr[h]].n;
    for (size_t r = t->body; r < t->end && r < t->g->n; r++)
        if (t->g->rows[r].n > m) m = t->g->rows[r].n;
    return (int)m;
}

static int col_for(tctx *t, const jue_table *tab, const char *key, int side);

/* col_for the lowest header text lf of column col, or — when that is no
 * column's name — of the column's header texts joined upwards: a heading
 * a PDF wraps over header rows ("一般公共" / "预算财政" / "拨款"). */
static int col_for_wrapped(tctx *t, const jue_table *tab, int col, const char *lf, int side)
{
    int m = col_for(t, tab, lf, side);
    if (m >= 0 || !lf[0]) return m;
    int lowest = -1;
    for (int h = t->nhdr - 1; h >= 0 && lowest < 0; h--)
        if (jue_grow_text(&t->g->rows[t->hdr[h]], col)[0]) lowest = h;
    char up[4 * MAXK];
    snprintf(up, sizeof up, "%s", lowest >= 0 ? jue_grow_text(&t->g->rows[t->hdr[lowest]], col) : "");
    for (int h = lowest - 1, n = 0; m < 0 && h >= 0 && n < 4; h--) {
        const jue_gcell *g = (size_t)col < t->g->rows[t->hdr[h]].n ? &t->g->rows[t->hdr[h]].cells[col] : NULL;
        if (!g || !g->text[0]) continue;
        if (g->copy) break;
        char joined[4 * MAXK];
        snprintf(joined, sizeof joined, "%s%s", g->text, up);
        snprintf(up, sizeof up, "%s", joined);
        char k[MAXK];
        mk(up, k);
        m = col_for(t, tab, k, side);
        n++;
    }
    return m;
}

/* Model column for a header text in table id (pane side for 04). */
static int col_for(tctx *t, const jue_table *tab, const char *key, int side)
{
    for (size_t k = 0; k < tab->ncols; k++) {
        char ck[MAXK];
        mk(tab->cols[k].key, ck);
        if (!strcmp(ck, key)) return (int)k;
    }
    const alias *a = find_alias(t->c, 'c', t->id, side, key);
    /* a side-specific alias wins over a side-less one */
    for (size_t i = 0; i < t->c->nal && side; i++) {
        const alias *b = &t->c->al[i];
        if (b->kind == 'c' && b->table == (int)t->id && b->side == side && !strcmp(b->key, key)) { a = b; break; }
    }
    return a ? jue_table_find_col(tab, a->canon) : -1;
}

/* ---- emitting rows into the model ------------------------------------- */

static void set_amount(tctx *t, jue_table *tab, int r, const pval *v)
{
    jue_cell *cell = jue_table_cell(tab, (size_t)r, (size_t)v->col);
    cell->src_line = v->line;
    memcpy(cell->box, v->cell->box, sizeof cell->box);
    const char *s = v->cell->text;
    if (dashes_only(s)) { cell->present = false; return; }
    jue_amount a;
    const char *why = NULL;
    jue_status st = jue_amount_parse(s, strlen(s), t->unit, &a, &why);
    if (st) {
        diag_cell(t, v->cell, v->line, JUE_SEV_WARNING, "cannot read the amount '", s, "'");
        cell->present = false;
        return;
    }
    if (a.blank) { cell->present = false; return; }
    int dec = a.decimals + (a.unit == JUE_UNIT_YUAN ? 4 : a.unit == JUE_UNIT_YI ? -4 : 0);
    jue_cell_set_printed(cell, a.value, dec < 0 ? 0 : dec);
    cell->iv = a.iv;
    cell->src_line = v->line;
}

static void emit(tctx *t, jue_table *tab, prows *P)
{
    for (size_t i = 0; i < P->n; i++) {
        prow *p = &P->r[i];
        int r = jue_table_add_row(tab, p->key, p->name, p->level, p->side, p->total);
        if (r < 0) { t->c->nomem = true; return; }
        tab->rows[r].line_no = p->line_no;
        tab->rows[r].src_line = p->src_line;
        tab->rows[r].src_page = p->page;
        for (int k = 0; k < p->nv; k++) set_amount(t, tab, r, &p->v[k]);
    }
}

/* ---- code tables: 02 03 05 07 08 -------------------------------------- */

static bool code_cell(const char *s, char out[16])
{
    char f[MAXK];
    fold(s, f);
    size_t n = strlen(f);
    if (n && all_digits(f) && (n == 3 || n == 5 || n == 7) && n < 16) {
        memcpy(out, f, n + 1);
        return true;
    }
    return false;
}

static bool total_word(const char *s)
{
    char f[MAXK];
    mk(s, f);
    return !strcmp(f, "合计") || !strcmp(f, "总计");
}

/* A code and its name in one cell ("2101501 行政运行", "2101501行政运行",
 * full-width digits or space): the code, and where the name starts. */
static bool inline_code(const char *s, char out[16], const char **rest)
{
    char f[MAXK];
    fold(s, f);
    size_t k = 0;
    while (f[k] >= '0' && f[k] <= '9') k++;
    if (k != 3 && k != 5 && k != 7) return false;
    /* the name must follow: a space or a non-ASCII (CJK) character */
    unsigned char nx = (unsigned char)f[k];
    if (!(nx == ' ' || nx >= 0x80)) return false;
    memcpy(out, f, k);
    out[k] = '\0';
    if (rest) {
        /* the same number of digits in the printed text (digits may be full-width) */
        const char *p = s;
        size_t seen = 0;
        while (*p && seen < k) {
            if (*p >= '0' && *p <= '9') { p++; seen++; }
            else if ((unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBC && (unsigned char)p[2] >= 0x90 &&
                     (unsigned char)p[2] <= 0x99) { p += 3; seen++; }
            else p++;
        }
        *rest = p;
    }
    return true;
}

/* Whether a row that holds 合计 is a heading row rather than the 合计 data
 * row: no figure, and another cell with a word that is not 类/款/项
 * ("| | 合计 | 基本支出 | 项目支出" under "本年支出"). */
static bool total_in_heading(const jue_grow *r)
{
    bool other = false;
    for (size_t i = 0; i < r->n; i++) {
        const jue_gcell *g = &r->cells[i];
        if (!g->text[0] || g->copy) continue;
        if (is_amount(g->text)) return false;
        if (!total_word(g->text) && !part_word(g->text) && !dashes_only(g->text)) other = true;
    }
    return other;
}

static bool code_data_row(const jue_grow *r)
{
    char code[16];
    for (int i = 0; i < 3; i++)
        if (code_cell(jue_grow_text(r, i), code)) return true;
    /* "2101501 行政运行" in one cell */
    if (inline_code(jue_grow_text(r, 0), code, NULL)) return true;
    if (total_word(jue_grow_text(r, 0)) || total_word(jue_grow_text(r, 1))) return !total_in_heading(r);
    /* 合计 in the name column after split 类|款|项 columns: the first text
     * (a PDF may print the 类|款|项 heading in the 合计 row's band) */
    for (size_t i = 0; i < r->n && i < 5; i++)
        if (r->cells[i].text[0] && !part_word(r->cells[i].text))
            return total_word(r->cells[i].text) && !total_in_heading(r);
    return false;
}

/* The catalog's name of code, in the document's year or, failing that,
 * the latest year that has it; NULL when none. */
static const char *catalog_name(const rc *c, jue_cat_kind kind, const char *code)
{
    if (!c->cat) return NULL;
    const char *n = c->d->year ? jue_catalog_name(c->cat, kind, code, c->d->year) : NULL;
    for (int y = c->cat_to; !n && y >= c->cat_from && y > 0; y--) n = jue_catalog_name(c->cat, kind, code, y);
    return n;
}

/* Whether the one-cell name row i is the first line of the next row's name
 * rather than the last of the row before: joined to the next row's name it
 * is the catalog's name of that row's code, and joined to the one before
 * it is not. */
static bool heads_next_name(tctx *t, size_t i, int code_col, int name_col, jue_cat_kind kind, const prow *last,
                            const char *frag)
{
    size_t k = i + 1;
    while (k < t->end && !jue_grow_filled(&t->g->rows[k])) k++;
    if (k >= t->end) return false;
    const jue_grow *n = &t->g->rows[k];
    char code[MAXK];
    fold(jue_grow_text(n, code_col), code);
    size_t len = strlen(code);
    if (!all_digits(code) || (len != 3 && len != 5 && len != 7)) return false;
    const char *want = catalog_name(t->c, kind, code);
    if (!want) return false;
    char joined[2 * MAXK], a[MAXK], b[MAXK];
    snprintf(joined, sizeof joined, "%s%s", frag, jue_grow_text(n, name_col));
    mk(joined, a);
    mk(want, b);
    if (strcmp(a, b)) return false;
    if (last && last->key) {
        const char *had = catalog_name(t->c, kind, last->key);
        if (had) {
            snprintf(joined, sizeof joined, "%s%s", last->name ? last->name : "", frag);
            mk(joined, a);
            mk(had, b);
            if (!strcmp(a, b)) return false;
        }
    }
    return true;
}

static void parse_code_table(tctx *t, jue_table *tab)
{
    rc *c = t->c;
    jue_cat_kind kind = JUE_CAT_FUNCTIONAL;
    int ncol = max_cols(t);
    int code_col = -1, name_col = -1, part[3] = { -1, -1, -1 };
    int map[64];
    for (int k = 0; k < 64; k++) map[k] = -1;
    int mapped = 0;
    for (int col = 0; col < ncol && col < 64; col++) {
        char lf[MAXK];
        leaf_at(t, col, lf);
        if (!lf[0]) continue;
        if (strstr(lf, "编码") || strstr(lf, "代码")) { if (code_col < 0) code_col = col; continue; }
        if (!strcmp(lf, "科目名称") || !strcmp(lf, "项目名称")) { if (name_col < 0) name_col = col; continue; }
        if (!strcmp(lf, "类")) { part[0] = col; continue; }
        if (!strcmp(lf, "款")) { part[1] = col; continue; }
        if (!strcmp(lf, "项")) { part[2] = col; continue; }
        int m = col_for_wrapped(t, tab, col, lf, 0);
        if (m >= 0) { map[col] = m; mapped++; }
    }
    bool split = part[0] >= 0 && part[1] >= 0;
    if (code_col < 0) code_col = split ? part[0] : 0;
    if (name_col < 0 && !split) {
        /* code and name in one column ("科目编码及名称", "2080505 机关事业单位…"):
         * the rows print codes only with their names, never alone */
        int inl = 0, bare = 0;
        for (size_t i = t->body; i < t->end && i < t->g->n; i++) {
            char cd[16];
            const char *s = jue_grow_text(&t->g->rows[i], code_col);
            if (code_cell(s, cd)) bare++;
            else if (inline_code(s, cd, NULL)) inl++;
        }
        if (inl && !bare) name_col = code_col;
    }
    if (name_col < 0) {
        name_col = (split ? (part[2] >= 0 ? part[2] : part[1]) : code_col) + 1;
        for (int k = 0; k < 3; k++)
            if (part[k] >= name_col) name_col = part[k] + 1;
    }
    map[code_col < 64 ? code_col : 0] = -1;
    if (name_col < 64) map[name_col] = -1;
    if (!mapped) {
        /* no header we know: the columns in order after code and name */
        for (int col = name_col + 1, k = 0; col < ncol && col < 64 && (size_t)k < tab->ncols; col++, k++) map[col] = k;
        jue_diag_add(c->diags, JUE_SEV_WARNING, c->doc->file, t->body < t->g->n ? t->g->rows[t->body].line : 0, 0,
                     "%s: no column header recognised; columns taken in the national order", jue_table_label(t->id));
    }
    prows P = { 0 };
    prow *last = NULL;
    char *prefix = NULL;   /* the first line of the next row's name */
    char parts[3][8] = { "", "", "" };
    for (size_t i = t->body; i < t->end && !c->nomem; i++) {
        jue_grow *r = &t->g->rows[i];
        if (!jue_grow_filled(r)) continue;
        if (is_lanci(r)) { r->used = true; continue; }
        char code[16] = "";
        const char *ctext = jue_grow_text(r, code_col);
        const char *ntext = jue_grow_text(r, name_col);
        char *inline_name = NULL;
        if (split) {
            char buf[16] = "";
            bool any = false;
            /* parts before the first one printed are inherited from the rows
             * above ("| 15 |" under "210 | |"); from it on, as printed */
            for (int k = 0; k < 3; k++) {
                if (part[k] < 0) continue;
                char f[MAXK];
                fold(jue_grow_text(r, part[k]), f);
                bool digits = all_digits(f) && strlen(f) < 8;
                if (digits) any = true;
                if (any) {
                    parts[k][0] = '\0';
                    if (digits) memcpy(parts[k], f, strlen(f) + 1);
                }
            }
            if (any) {
                for (int k = 0; k < 3 && parts[k][0]; k++) strncat(buf, parts[k], sizeof buf - strlen(buf) - 1);
                if (strlen(buf) == 3 || strlen(buf) == 5 || strlen(buf) == 7) snprintf(code, sizeof code, "%s", buf);
            }
        } else if (!code_cell(ctext, code)) {
            const char *rest = NULL;
            if (inline_code(ctext, code, &rest)) inline_name = clean_name(rest);
        }
        /* values present in this row */
        int nvals = 0, nbad = 0;
        for (int col = 0; col < ncol && col < 64; col++) {
            if (map[col] < 0) continue;
            const char *s = jue_grow_text(r, col);
            if (!s[0] || (col < (int)r->n && r->cells[col].copy)) continue;
            if (is_amount(s) || dashes_only(s)) nvals++;
            else nbad++;
        }
        bool totalrow = !code[0] && (total_word(ctext) || total_word(ntext));
        const char *nm_src = inline_name ? inline_name : (totalrow && total_word(ctext) ? ctext : ntext);
        if (!code[0] && !totalrow) {
            if (nvals == 0 && nbad > 0) { r->used = true; free(inline_name); continue; }  /* a repeated header */
            size_t filled = jue_grow_filled(r);
            if (nvals == 0 && filled == 1 && ntext[0] && !split &&
                heads_next_name(t, i, code_col, name_col, kind, last, ntext)) {
                /* the first line of the next row's name (PDF: a name wrapped
                 * above its code and figures) */
                free(prefix);
                prefix = clean_name(ntext);
                r->used = true;
                free(inline_name);
                continue;
            }
            if (nvals == 0 && last && filled == 1 && (ntext[0] || ctext[0])) {
                /* a name broken over lines */
                char *more = clean_name(ntext[0] ? ntext : ctext);
                size_t n1 = strlen(last->name), n2 = more ? strlen(more) : 0;
                char *joined = more ? malloc(n1 + n2 + 1) : NULL;
                if (joined) {
                    memcpy(joined, last->name, n1);
                    memcpy(joined + n1, more, n2 + 1);
                    free(last->name);
                    last->name = joined;
                }
                free(more);
                r->used = true;
                free(inline_name);
                continue;
            }
            if (last && last->nv == 0 && nvals > 0 && !ctext[0]) {
                /* the values of a name that went on to this line */
                char *more = clean_name(ntext);
                if (more && more[0]) {
                    size_t n1 = strlen(last->name), n2 = strlen(more);
                    char *joined = malloc(n1 + n2 + 1);
                    if (joined) {
                        memcpy(joined, last->name, n1);
                        memcpy(joined + n1, more, n2 + 1);
                        free(last->name);
                        last->name = joined;
                    }
                }
                free(more);
                for (int col = 0; col < ncol && col < 64; col++)
                    if (map[col] >= 0 && col < (int)r->n && r->cells[col].text[0] && !r->cells[col].copy)
                        pval_add(last, &r->cells[col], map[col], r->line);
                r->used = true;
                free(inline_name);
                continue;
            }
            if (!ntext[0] && !ctext[0] && nvals == 0) { free(inline_name); continue; }
        }
        prow *p = prow_add(c, &P);
        if (!p) { free(inline_name); break; }
        r->used = true;
        p->src_line = r->line;
        p->page = r->page;
        if (code[0]) {
            p->key = jue_strdup(code);
            p->level = jue_code_level(kind, code);
            p->name = inline_name ? inline_name : clean_name(ntext);
            inline_name = NULL;
            if (prefix && p->name) {
                size_t n1 = strlen(prefix), n2 = strlen(p->name);
                char *joined = malloc(n1 + n2 + 1);
                if (joined) {
                    memcpy(joined, prefix, n1);
                    memcpy(joined + n1, p->name, n2 + 1);
                    free(p->name);
                    p->name = joined;
                }
            }
            free(prefix);
            prefix = NULL;
        } else if (totalrow) {
            p->key = jue_strdup(JUE_L_TOTAL);
            p->name = clean_name(nm_src);
            p->total = true;
        } else {
            p->name = clean_name(ntext[0] ? ntext : ctext);
            p->key = jue_strdup(p->name ? p->name : "");
        }
        free(inline_name);
        if (!p->key || !p->name) { c->nomem = true; break; }
        for (int col = 0; col < ncol && col < 64; col++)
            if (map[col] >= 0 && col < (int)r->n && r->cells[col].text[0] && !r->cells[col].copy)
                pval_add(p, &r->cells[col], map[col], r->line);
        last = p;
    }
    free(prefix);
    emit(t, tab, &P);
    /* a blank cell still has a location: its row */
    for (size_t i = 0; i < tab->nrows; i++)
        for (size_t k = 0; k < tab->ncols; k++)
            if (!jue_table_cell(tab, i, k)->src_line) jue_table_cell(tab, i, k)->src_line = tab->rows[i].src_line;
    prows_free(&P);
}

/* ---- two-pane tables: 01 04 ------------------------------------------- */

static const char *const FUNDS[3] = { "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款" };

typedef struct {
    bool after_begin, after_end;
} pane_state;

/* Key of a printed line on a pane. Returns false when it is not a line
 * this table knows (then key = printed name, kept as an unknown row). */
static bool line_key(tctx *t, int side, const char *name, pane_state *ps, char *key, size_t n,
                     jue_level *level, bool *total)
{
    rc *c = t->c;
    char k[MAXK];
    mk(name, k);
    *level = JUE_LEVEL_NONE;
    *total = false;
    const alias *a = find_alias(c, 'r', t->id, side, k);
    if (t->id == JUE_T04) {
        /* 年初/年末财政拨款结转和结余 are followed by their three funds */
        const alias *f = find_alias(c, 'r', JUE_T04, 1, k);
        for (int i = 0; i < 3 && f; i++)
            if (!strcmp(f->canon, FUNDS[i]) && ((side == 1 && ps->after_begin) || (side == 2 && ps->after_end))) {
                snprintf(key, n, "%s%s", side == 1 ? JUE_L4_BEGIN_PREFIX : "年末-", FUNDS[i]);
                return true;
            }
    }
    if (a) {
        if (all_digits(a->canon)) *level = JUE_LEVEL_LEI;
        copy_str(key, n, a->canon);
        if (!strcmp(a->canon, JUE_L4_BEGIN)) ps->after_begin = true;
        if (!strcmp(a->canon, JUE_L4_END)) ps->after_end = true;
        *total = !strcmp(a->canon, JUE_L_INC_TOTAL) || !strcmp(a->canon, JUE_L_INC_GRAND) ||
                 !strcmp(a->canon, JUE_L_EXP_TOTAL) || !strcmp(a->canon, JUE_L_EXP_GRAND);
        return true;
    }
    if (c->cat && side != 1) {
        const char *code = NULL;
        if (c->d->year) code = jue_catalog_find_name(c->cat, JUE_CAT_FUNCTIONAL, name, JUE_LEVEL_LEI, NULL, c->d->year);
        for (int y = c->cat_to; !code && y >= c->cat_from && y > 0; y--)
            code = jue_catalog_find_name(c->cat, JUE_CAT_FUNCTIONAL, name, JUE_LEVEL_LEI, NULL, y);
        if (code) {
            snprintf(key, n, "%s", code);
            *level = JUE_LEVEL_LEI;
            return true;
        }
    }
    copy_str(key, n, name);
    return false;
}

/* The first line of 01/04 has a known line in its first filled cell (a
 * header row may name 一般公共预算财政拨款 as a column further right; a PDF
 * page may have blank columns on the left). */
/* Whether a printed name is a line 01/04 knows (by alias or 类 name). */
static bool pane_known(tctx *t, const char *text)
{
    char *nm = clean_name(text);
    if (!nm) return false;
    char k[MAXK];
    mk(nm, k);
    bool hit = find_alias(t->c, 'r', t->id, 0, k) != NULL;
    if (!hit && t->c->cat)
        for (int y = t->c->cat_to; !hit && y >= t->c->cat_from && y > 0; y--)
            hit = jue_catalog_find_name(t->c->cat, JUE_CAT_FUNCTIONAL, nm, JUE_LEVEL_LEI, NULL, y) != NULL;
    free(nm);
    return hit;
}

static bool pane_data_row(tctx *t, const jue_grow *r)
{
    for (size_t i = 0; i < r->n; i++) {
        const jue_gcell *g = &r->cells[i];
        if (!g->text[0] || g->copy) continue;
        if (is_amount(g->text)) return false;
        return pane_known(t, g->text);
    }
    return false;
}

/* A one-cell row of 01/04 that is a piece of a line's name wrapped in its
 * cell: with the one-cell row before or after it, a known line. */
static bool pane_piece(tctx *t, size_t i)
{
    const char *s = single_text(&t->g->rows[i]);
    if (!s || strlen(s) > 90) return false;
    if (pane_known(t, s)) return true;
    size_t lo = i > t->a ? i - 1 : i, hi = i + 1 < t->b ? i + 1 : i;
    for (size_t k = lo; k <= hi; k += 2) {
        if (k == i) continue;
        const char *o = single_text(&t->g->rows[k]);
        if (!o || strlen(o) > 90) continue;
        char two[256];
        snprintf(two, sizeof two, "%s%s", k < i ? o : s, k < i ? s : o);
        if (pane_known(t, two)) return true;
    }
    return false;
}

/* A row of 01/04 that repeats the heading (a continuation page prints it
 * again): no figure, and every cell's text — two or more — is a heading
 * text of the table. */
static bool pane_header_again(const tctx *t, const jue_grow *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n; i++) {
        const jue_gcell *g = &r->cells[i];
        if (!g->text[0] || g->copy) continue;
        if (is_amount(g->text)) return false;
        char k[MAXK];
        mk(g->text, k);
        bool seen = false;
        for (int h = 0; h < t->nhdr && !seen; h++) {
            const jue_grow *hr = &t->g->rows[t->hdr[h]];
            for (size_t c = 0; c < hr->n && !seen; c++) {
                char hk[MAXK];
                mk(hr->cells[c].text, hk);
                seen = hk[0] && !strcmp(hk, k);
            }
        }
        if (!seen) return false;
        n++;
    }
    /* one cell may be the rest of a wrapped name ("…资源勘探工业信息等" / "支出") */
    return n >= 2;
}

static void parse_pane_table(tctx *t, jue_table *tab)
{
    rc *c = t->c;
    int ncol = max_cols(t);
    if (ncol > 64) ncol = 64;
    int start[4], np = 0;
    for (int col = 0; col < ncol && np < 4; col++) {
        char lf[MAXK];
        leaf_at(t, col, lf);
        if (!strcmp(lf, "项目") || !strcmp(lf, "项目名称") || !strcmp(lf, "科目名称")) {
            /* a merged 项目 spanning columns names one pane */
            if (np && start[np - 1] == col - 1) {
                char prev[MAXK];
                leaf_at(t, col - 1, prev);
                const jue_grow *h = &t->g->rows[t->hdr[t->nhdr - 1]];
                if (!strcmp(prev, lf) && col < (int)h->n && h->cells[col].copy) continue;
            }
            start[np++] = col;
        }
    }
    if (np == 0) { start[np++] = 0; }
    if (np == 1) {
        /* the expenditure pane starts where the 支出 heading is */
        for (int h = 0; h < t->nhdr && np == 1; h++)
            for (int col = start[0] + 1; col < ncol && np == 1; col++) {
                char k[MAXK];
                mk(jue_grow_text(&t->g->rows[t->hdr[h]], col), k);
                if (!strcmp(k, "支出") && !(col < (int)t->g->rows[t->hdr[h]].n && t->g->rows[t->hdr[h]].cells[col].copy))
                    start[np++] = col;
            }
    }
    if (np > 2) np = 2;
    int line_col[2] = { -1, -1 }, map[2][64];
    for (int s = 0; s < np; s++) {
        int e = s + 1 < np ? start[s + 1] : ncol;
        for (int col = 0; col < 64; col++) map[s][col] = -1;
        int unknown = -1, nmapped = 0;
        for (int col = start[s] + 1; col < e; col++) {
            char lf[MAXK];
            leaf_at(t, col, lf);
            if (!strcmp(lf, "行次")) { line_col[s] = col; continue; }
            int m = col_for_wrapped(t, tab, col, lf, s + 1);
            if (m >= 0) { map[s][col] = m; nmapped++; }
            else if (unknown < 0) unknown = col;
        }
        if (!nmapped && unknown >= 0)
            map[s][unknown] = t->id == JUE_T04 ? jue_table_find_col(tab, JUE_L_TOTAL) : 0;
    }
    prows P[2] = { { 0 }, { 0 } };
    pane_state ps[2] = { { false, false }, { false, false } };
    bool unknown_last[2] = { false, false };
    /* one pane (项目 | 行次 | 金额): the income lines, then the expenditure
     * lines below them — the side turns at a 支出 heading or at the first
     * line only the expenditure side knows */
    bool turned = false;
    for (size_t i = t->body; i < t->end && !c->nomem; i++) {
        jue_grow *r = &t->g->rows[i];
        if (!jue_grow_filled(r) || is_lanci(r)) continue;
        r->used = true;
        if (i > t->body && pane_header_again(t, r)) continue;
        if (page_furniture(t, i)) continue;
        const char *only = single_text(r);
        if (only) {
            char k[MAXK];
            mk(only, k);
            const char *o = jue_imp_skip_ordinal(k);
            if (!strcmp(o, "收入")) continue;
            if (!strcmp(o, "支出")) { turned = np == 1; continue; }
        }
        for (int s = 0; s < np; s++) {
            const char *nt = jue_grow_text(r, start[s]);
            if (!nt[0] || (start[s] < (int)r->n && r->cells[start[s]].copy)) continue;
            char *nm = clean_name(nt);
            if (!nm) { c->nomem = true; break; }
            char key[MAXK];
            jue_level lv;
            bool total;
            if (np == 1 && !turned) {
                pane_state probe = ps[0];
                char k2[MAXK];
                if (!line_key(t, 1, nm, &probe, k2, sizeof k2, &lv, &total)) {
                    probe = ps[1];
                    turned = line_key(t, 2, nm, &probe, k2, sizeof k2, &lv, &total);
                }
            }
            /* pane s's columns; side (and pending rows) q */
            int sd = np == 1 && turned ? 1 : s;
            jue_side side = sd == 0 ? JUE_SIDE_INCOME : JUE_SIDE_EXPEND;
            bool known = line_key(t, sd + 1, nm, &ps[sd], key, sizeof key, &lv, &total);
            prow *p = NULL;
            if (!known && unknown_last[sd] && P[sd].n) {
                /* a name wrapped in its cell ("七、文化旅游体育与传媒支" / "出"):
                 * two pieces no line knows that make one it does */
                prow *q = &P[sd].r[P[sd].n - 1];
                size_t n1 = strlen(q->name), n2 = strlen(nm);
                char *joined = malloc(n1 + n2 + 1);
                if (!joined) { free(nm); c->nomem = true; break; }
                memcpy(joined, q->name, n1);
                memcpy(joined + n1, nm, n2 + 1);
                char jk[MAXK];
                if (line_key(t, sd + 1, joined, &ps[sd], jk, sizeof jk, &lv, &total)) {
                    char *nk = jue_strdup(jk);
                    if (!nk) { free(joined); free(nm); c->nomem = true; break; }
                    free(q->key);
                    free(q->name);
                    q->key = nk;
                    q->name = joined;
                    q->level = lv;
                    q->total = total;
                    free(nm);
                    p = q;
                    known = true;
                } else {
                    free(joined);
                }
            }
            unknown_last[sd] = !known;
            if (p) {
                /* the second piece's 行次 and figures go to the joined line */
                if (line_col[s] >= 0 && !p->line_no) {
                    char f[MAXK];
                    fold(jue_grow_text(r, line_col[s]), f);
                    if (all_digits(f) && strlen(f) < 6) p->line_no = atoi(f);
                }
                int e = s + 1 < np ? start[s + 1] : ncol;
                for (int col = start[s] + 1; col < e; col++)
                    if (map[s][col] >= 0 && col < (int)r->n && r->cells[col].text[0] && !r->cells[col].copy)
                        pval_add(p, &r->cells[col], map[s][col], r->line);
                continue;
            }
            p = prow_add(c, &P[sd]);
            if (!p) { free(nm); break; }
            p->key = jue_strdup(key);
            p->name = nm;
            p->level = lv;
            p->side = side;
            p->total = total;
            p->src_line = r->line;
            p->page = r->page;
            if (!p->key) { c->nomem = true; break; }
            if (line_col[s] >= 0) {
                char f[MAXK];
                fold(jue_grow_text(r, line_col[s]), f);
                if (all_digits(f) && strlen(f) < 6) p->line_no = atoi(f);
            }
            int e = s + 1 < np ? start[s + 1] : ncol;
            for (int col = start[s] + 1; col < e; col++)
                if (map[s][col] >= 0 && col < (int)r->n && r->cells[col].text[0] && !r->cells[col].copy)
                    pval_add(p, &r->cells[col], map[s][col], r->line);
        }
    }
    for (int s = 0; s < 2; s++) {
        emit(t, tab, &P[s]);
        prows_free(&P[s]);
    }
    for (size_t i = 0; i < tab->nrows; i++)
        for (size_t k = 0; k < tab->ncols; k++)
            if (!jue_table_cell(tab, i, k)->src_line) jue_table_cell(tab, i, k)->src_line = tab->rows[i].src_line;
}

/* ---- 06: code/name/value triples -------------------------------------- */

static bool econ_code(const char *s, char out[16])
{
    char f[MAXK];
    fold(s, f);
    size_t n = strlen(f);
    if (n && all_digits(f) && (n == 3 || n == 5)) { memcpy(out, f, n + 1); return true; }
    return false;
}

static int econ_label(const rc *c, const char *s)
{
    char k[MAXK];
    mk(s, k);
    const alias *a = find_alias(c, 'r', JUE_T06, 0, k);
    if (!a) return 0;
    return !strcmp(a->canon, JUE_L6_PERSONNEL) ? 1 : !strcmp(a->canon, JUE_L6_PUBLIC) ? 2 : 0;
}

static bool econ_data_row(tctx *t, const jue_grow *r)
{
    char code[16];
    for (size_t i = 0; i < r->n; i++) {
        if (r->cells[i].copy) continue;
        if (econ_code(r->cells[i].text, code)) return true;
        /* 人员经费合计 (a bare 人员经费 is the pane heading) */
        if (econ_label(t->c, r->cells[i].text) && strstr(r->cells[i].text, "合计")) return true;
    }
    return false;
}

static int cmp_06(const void *a, const void *b)
{
    const prow *x = a, *y = b;
    if (x->side != y->side) return x->side < y->side ? -1 : 1;
    if (x->total != y->total) return x->total ? -1 : 1;
    if (x->pane != y->pane) return x->pane < y->pane ? -1 : 1;
    return (x->order > y->order) - (x->order < y->order);
}

static void parse_06(tctx *t, jue_table *tab)
{
    rc *c = t->c;
    prows P = { 0 };
    int val_col = jue_table_find_col(tab, "决算数");
    for (size_t i = t->body; i < t->end && !c->nomem; i++) {
        jue_grow *r = &t->g->rows[i];
        if (!jue_grow_filled(r) || is_lanci(r)) continue;
        r->used = true;
        for (size_t k = 0; k < r->n && !c->nomem; k++) {
            const jue_gcell *g = &r->cells[k];
            if (!g->text[0] || g->copy) continue;
            char code[16];
            int lab = econ_label(c, g->text);
            if (econ_code(g->text, code)) {
                /* 类 and 款 printed in two columns ("301 | 01 | 基本工资"): one code */
                size_t skip = 0;
                char two[MAXK];
                if (strlen(code) == 3 && k + 1 < r->n) {
                    fold(r->cells[k + 1].text, two);
                    if (strlen(two) == 2 && all_digits(two)) { strcat(code, two); skip = 1; }
                    /* a 类 row leaves the 款 column blank: "301 |  | 工资福利支出 | 2,082.86" */
                    else if (!two[0] && k + 2 < r->n && r->cells[k + 2].text[0] && !is_amount(r->cells[k + 2].text))
                        skip = 1;
                }
                k += skip;
                prow *p = prow_add(c, &P);
                if (!p) break;
                p->key = jue_strdup(code);
                p->name = clean_name(jue_grow_text(r, (int)k + 1));
                p->level = jue_code_level(JUE_CAT_ECONOMIC, code);
                p->side = (!strncmp(code, "301", 3) || !strncmp(code, "303", 3)) ? JUE_SIDE_PERSONNEL : JUE_SIDE_PUBLIC;
                p->pane = (int)k;
                p->src_line = r->line;
                p->page = r->page;
                if (!p->key || !p->name) { c->nomem = true; break; }
                if (k + 2 < r->n && r->cells[k + 2].text[0]) pval_add(p, &r->cells[k + 2], val_col, r->line);
                k += 2;
            } else if (lab) {
                prow *p = prow_add(c, &P);
                if (!p) break;
                p->key = jue_strdup(lab == 1 ? JUE_L6_PERSONNEL : JUE_L6_PUBLIC);
                p->name = clean_name(g->text);
                p->side = lab == 1 ? JUE_SIDE_PERSONNEL : JUE_SIDE_PUBLIC;
                p->total = true;
                p->pane = (int)k;
                p->src_line = r->line;
                p->page = r->page;
                if (!p->key || !p->name) { c->nomem = true; break; }
                /* its figure: the first non-blank cell before the next label
                 * or code; a bare 人员经费/公用经费 without one is a heading */
                char lk[MAXK];
                mk(g->text, lk);
                bool bare = !strstr(lk, "合计");
                if (bare) {
                    bool fig = false;
                    for (size_t q = k + 1; q < r->n && !fig; q++) {
                        const jue_gcell *h = &r->cells[q];
                        char cc[16];
                        if (!h->text[0] || h->copy) continue;
                        if (econ_label(c, h->text) || econ_code(h->text, cc)) break;
                        fig = is_amount(h->text);
                    }
                    if (!fig) {
                        free(p->key);
                        free(p->name);
                        P.n--;
                        continue;
                    }
                }
                for (size_t q = k + 1; q < r->n; q++) {
                    const jue_gcell *h = &r->cells[q];
                    if (!h->text[0] || h->copy) continue;
                    char cc[16];
                    if (econ_label(c, h->text) || econ_code(h->text, cc)) break;
                    pval_add(p, h, val_col, r->line);
                    k = q;
                    break;
                }
            }
        }
    }
    if (P.n > 1) qsort(P.r, P.n, sizeof *P.r, cmp_06);
    emit(t, tab, &P);
    for (size_t i = 0; i < tab->nrows; i++)
        for (size_t k = 0; k < tab->ncols; k++)
            if (!jue_table_cell(tab, i, k)->src_line) jue_table_cell(tab, i, k)->src_line = tab->rows[i].src_line;
    prows_free(&P);
}

/* ---- 09: items across ------------------------------------------------- */

static const char *const ITEMS9[] = { JUE_L9_TOTAL, JUE_L9_ABROAD, JUE_L9_CAR, JUE_L9_CAR_BUY,
                                      JUE_L9_CAR_RUN, JUE_L9_RECEPTION };

static const char *group_of(const rc *c, const char *s)
{
    char k[MAXK];
    mk(s, k);
    const alias *a = find_alias(c, 'g', JUE_T09, 0, k);
    return a ? a->canon : NULL;
}

/* The 三公 item a row name stands for ("其中：公务用车购置费", "1.公务接待费"). */
static const alias *t09_item(const rc *c, const char *s)
{
    char f[MAXK];
    fold(s, f);
    const char *p = f;
    if (!strncmp(p, "其中", 6)) {
        p += 6;
        if (!strncmp(p, "：", 3)) p += 3;
        else if (*p == ':') p++;
    }
    char k[MAXK];
    mk(jue_imp_skip_ordinal(p), k);
    return find_alias(c, 'i', JUE_T09, 0, k);
}

/* 09 printed down the page (项目 | 预算数 | 决算数, a row per item): the
 * heading names the groups as columns and no item. */
static bool t09_vertical(const tctx *t)
{
    int groups = 0, items = 0;
    for (int h = 0; h < t->nhdr; h++) {
        const jue_grow *r = &t->g->rows[t->hdr[h]];
        for (size_t i = 0; i < r->n; i++) {
            if (!r->cells[i].text[0] || r->cells[i].copy) continue;
            if (group_of(t->c, r->cells[i].text)) groups++;
            else if (t09_item(t->c, r->cells[i].text)) items++;
        }
    }
    return groups >= 2 && !items;
}

static bool t09_data_row(tctx *t, const jue_grow *r)
{
    if (is_lanci(r)) return false;
    if (t09_vertical(t)) {
        /* an item and its figures */
        const char *name = NULL;
        for (size_t i = 0; i < r->n; i++) {
            const jue_gcell *g = &r->cells[i];
            if (!g->text[0] || g->copy) continue;
            if (!name) { name = g->text; continue; }
            if (!is_amount(g->text) && !dashes_only(g->text)) return false;
        }
        return name && t09_item(t->c, name);
    }
    bool first = true, any = false;
    for (size_t i = 0; i < r->n; i++) {
        const jue_gcell *g = &r->cells[i];
        if (!g->text[0] || g->copy) continue;
        if (first && group_of(t->c, g->text)) {
            /* 预算数 | 0.6 | … (a row per group), not the 预算数 … 决算数 heading */
            for (size_t q = i + 1; q < r->n; q++)
                if (r->cells[q].text[0] && !r->cells[q].copy && !is_amount(r->cells[q].text) &&
                    !dashes_only(r->cells[q].text))
                    return false;
            return true;
        }
        first = false;
        if (!is_amount(g->text) && !dashes_only(g->text)) return false;
        any = true;
    }
    return any;
}

/* Width of a printed text on the half-em grid of cell.pos: a CJK or other
 * wide character two, ASCII one. */
static int text_width(const char *s)
{
    int w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x80) w++;
        else if ((*p & 0xC0) != 0x80) w += 2;
    return w;
}

/* 09 printed with a row of 预算数 | 决算数 pairs under the items (PDF, or a
 * space-aligned text): each item heading is centred over its pair, in
 * whatever grid column it landed (a heading over two columns belongs to
 * both), so items go to the nearest pair by position. 小计 is then the car
 * subtotal and the car heading above it only a parent. False when there is
 * no such row, or the cells have no positions. */
static bool t09_by_position(tctx *t, const char *item[64], char *names[64], const char *grp[64])
{
    rc *c = t->c;
    int gh = -1;
    for (int h = t->nhdr - 1; h >= 0 && gh < 0; h--) {
        const jue_grow *r = &t->g->rows[t->hdr[h]];
        int n = 0, other = 0;
        for (size_t k = 0; k < r->n; k++) {
            const jue_gcell *g = &r->cells[k];
            if (!g->text[0] || g->copy) continue;
            if (group_of(c, g->text) && g->pos > 0) n++;
            else other++;
        }
        if (n >= 4 && !other) gh = h;
    }
    if (gh < 0) return false;
    const jue_grow *gr = &t->g->rows[t->hdr[gh]];
    int pa[32], pb[32], np = 0, last = -1;
    double pc[32];
    for (size_t k = 0; k < gr->n && k < 64 && np < 32; k++) {
        const jue_gcell *g = &gr->cells[k];
        if (!g->text[0] || g->copy) continue;
        const char *gn = group_of(c, g->text);
        if (last >= 0 && !strcmp(group_of(c, gr->cells[last].text), "预算数") && !strcmp(gn, "决算数")) {
            const jue_gcell *f = &gr->cells[last];
            pa[np] = last;
            pb[np] = (int)k;
            pc[np++] = (f->pos + text_width(f->text) / 2.0 + g->pos + text_width(g->text) / 2.0) / 2;
            last = -1;
        } else {
            last = (int)k;
        }
    }
    if (np < 2) return false;
    /* the item headings above, with their centres */
    const char *canon[64];
    double cx[64];
    int ni = 0;
    bool subtotal = false;
    /* every row above the pairs: a lone heading line before the first
     * header row was taken for prose */
    for (size_t h = t->a; h < t->hdr[gh]; h++) {
        const jue_grow *r = &t->g->rows[h];
        const jue_grow *below = NULL;
        for (size_t q = h + 1; q < t->hdr[gh] && !below; q++)
            if (jue_grow_filled(&t->g->rows[q])) below = &t->g->rows[q];
        for (size_t k = 0; k < r->n && ni < 64; k++) {
            const jue_gcell *g = &r->cells[k];
            if (!g->text[0] || g->copy || g->pos <= 0) continue;
            char key[MAXK];
            mk(g->text, key);
            const alias *a = find_alias(c, 'i', JUE_T09, 0, key);
            double mid = g->pos + text_width(g->text) / 2.0;
            /* a heading wrapped over two rows ("因公出国" / "（境）费"):
             * the piece centred under it completes it */
            for (size_t q = 0; !a && below && q < below->n; q++) {
                const jue_gcell *u = &below->cells[q];
                if (!u->text[0] || u->copy || fabs(u->pos + text_width(u->text) / 2.0 - mid) > 3) continue;
                char two[2 * MAXK];
                snprintf(two, sizeof two, "%s%s", g->text, u->text);
                mk(two, key);
                a = find_alias(c, 'i', JUE_T09, 0, key);
                if (!a) mk(g->text, key);
            }
            if (!a && strcmp(key, "小计") != 0) continue;
            subtotal |= !a;
            canon[ni] = a ? a->canon : "小计";
            cx[ni++] = mid;
        }
    }
    int taken[32];
    double dist[32];
    for (int p = 0; p < np; p++) taken[p] = -1, dist[p] = 0;
    for (int i = 0; i < ni; i++) {
        if (subtotal && !strcmp(canon[i], JUE_L9_CAR)) continue;   /* the parent of 小计 */
        int best = 0;
        for (int p = 1; p < np; p++)
            if (fabs(pc[p] - cx[i]) < fabs(pc[best] - cx[i])) best = p;
        double d = fabs(pc[best] - cx[i]);
        if (taken[best] < 0 || d < dist[best]) { taken[best] = i; dist[best] = d; }
    }
    for (int col = 0; col < 64; col++) {
        item[col] = NULL;
        grp[col] = NULL;
        free(names[col]);
        names[col] = NULL;
    }
    for (int p = 0; p < np; p++) {
        if (taken[p] < 0) continue;
        const char *it = strcmp(canon[taken[p]], "小计") ? canon[taken[p]] : JUE_L9_CAR;
        int cols[2] = { pa[p], pb[p] };
        for (int q = 0; q < 2; q++) {
            item[cols[q]] = it;
            grp[cols[q]] = q ? "决算数" : "预算数";
            names[cols[q]] = jue_strdup(it);
        }
    }
    return true;
}

/* 09 down the page: a row per item, a column per group. */
/* Table 09's rows in the model's order — the standard items, then extras
 * as printed — emitted; cells take their row's line when they have none.
 * Both 09 layouts (across and down the page) end here. Frees P. */
static void emit_09(tctx *t, jue_table *tab, prows *P)
{
    rc *c = t->c;
    prows S = { 0 };
    const size_t NI = sizeof ITEMS9 / sizeof ITEMS9[0];
    for (size_t k = 0; k < NI + 1 && !c->nomem; k++)
        for (size_t q = 0; q < P->n; q++) {
            if (!P->r[q].key) continue;   /* already moved */
            bool std = false;
            for (size_t j = 0; j < NI; j++) std |= !strcmp(P->r[q].key, ITEMS9[j]);
            if (k < NI ? strcmp(P->r[q].key, ITEMS9[k]) != 0 : std) continue;
            prow *p = prow_add(c, &S);
            if (!p) break;
            *p = P->r[q];
            P->r[q].key = P->r[q].name = NULL;
        }
    emit(t, tab, &S);
    for (size_t i = 0; i < tab->nrows; i++)
        for (size_t k = 0; k < tab->ncols; k++)
            if (!jue_table_cell(tab, i, k)->src_line) jue_table_cell(tab, i, k)->src_line = tab->rows[i].src_line;
    prows_free(&S);
    prows_free(P);
}

static void parse_09_vertical(tctx *t, jue_table *tab)
{
    rc *c = t->c;
    int ncol = max_cols(t);
    if (ncol > 64) ncol = 64;
    int gcol[64];
    for (int col = 0; col < ncol; col++) {
        gcol[col] = -1;
        for (int h = t->nhdr - 1; h >= 0 && gcol[col] < 0; h--) {
            const jue_grow *hr = &t->g->rows[t->hdr[h]];
            if (col >= (int)hr->n || !hr->cells[col].text[0]) continue;
            const char *g = group_of(c, hr->cells[col].text);
            if (g) gcol[col] = jue_table_find_col(tab, g);
        }
    }
    prows P = { 0 };
    for (size_t i = t->body; i < t->end && !c->nomem; i++) {
        jue_grow *r = &t->g->rows[i];
        if (!jue_grow_filled(r) || is_lanci(r) || !t09_data_row(t, r)) continue;
        r->used = true;
        int ncell = -1;
        for (size_t k = 0; k < r->n && ncell < 0; k++)
            if (r->cells[k].text[0] && !r->cells[k].copy) ncell = (int)k;
        const alias *a = t09_item(c, r->cells[ncell].text);
        prow *p = NULL;
        for (size_t q = 0; q < P.n && !p; q++)
            if (!strcmp(P.r[q].key, a->canon)) p = &P.r[q];
        if (!p) {
            p = prow_add(c, &P);
            if (!p) break;
            p->key = jue_strdup(a->canon);
            p->name = jue_strdup(a->canon);
            p->total = !strcmp(a->canon, JUE_L9_TOTAL) || !strcmp(a->canon, JUE_L9_CAR);
            p->src_line = r->line;
            p->page = r->page;
            if (!p->key || !p->name) { c->nomem = true; break; }
        }
        for (int col = ncell + 1; col < ncol && col < (int)r->n; col++)
            if (gcol[col] >= 0 && r->cells[col].text[0] && !r->cells[col].copy)
                pval_add(p, &r->cells[col], gcol[col], r->line);
    }
    emit_09(t, tab, &P);
}

static void parse_09(tctx *t, jue_table *tab)
{
    rc *c = t->c;
    if (t09_vertical(t)) { parse_09_vertical(t, tab); return; }
    int ncol = max_cols(t);
    if (ncol > 64) ncol = 64;
    const char *item[64] = { 0 };
    char *names[64] = { 0 };
    const char *grp[64] = { 0 };
    for (int col = 0; col < ncol; col++) {
        char lf[MAXK];
        leaf_at(t, col, lf);
        if (!lf[0]) continue;
        const alias *a = find_alias(c, 'i', JUE_T09, 0, lf);
        /* a heading wrapped over header rows (PDF: "公务用车运行" / "维护费"):
         * the column's texts joined upwards */
        int lowest = -1;
        for (int h = t->nhdr - 1; h >= 0 && lowest < 0; h--)
            if (jue_grow_text(&t->g->rows[t->hdr[h]], col)[0]) lowest = h;
        char up[4 * MAXK];
        snprintf(up, sizeof up, "%s", lowest >= 0 ? jue_grow_text(&t->g->rows[t->hdr[lowest]], col) : "");
        for (int h = lowest - 1; !a && strcmp(lf, "小计") && h >= 0; h--) {
            const char *above = jue_grow_text(&t->g->rows[t->hdr[h]], col);
            if (!above[0]) continue;
            if (group_of(c, above)) break;
            char joined[4 * MAXK];
            snprintf(joined, sizeof joined, "%s%s", above, up);
            snprintf(up, sizeof up, "%s", joined);
            char k[MAXK];
            mk(up, k);
            a = find_alias(c, 'i', JUE_T09, 0, k);
        }
        if (a) item[col] = a->canon;
        else if (!strcmp(lf, "小计")) item[col] = "小计";
        if (item[col]) {
            for (int h = t->nhdr - 1; h >= 0; h--) {
                const char *s = jue_grow_text(&t->g->rows[t->hdr[h]], col);
                if (s[0]) { names[col] = clean_name(s); break; }
            }
        }
        if (t->g->merges)
            for (int h = 0; h < t->nhdr && !grp[col]; h++)
                grp[col] = group_of(c, jue_grow_text(&t->g->rows[t->hdr[h]], col));
    }
    if (!t->g->merges) t09_by_position(t, item, names, grp);
    /* 小计: the car group's subtotal when the car items follow or the
     * heading above says so; otherwise the grand total */
    for (int col = 0; col < ncol; col++) {
        if (!item[col] || strcmp(item[col], "小计") != 0) continue;
        bool car = col + 1 < ncol && item[col + 1] && !strcmp(item[col + 1], JUE_L9_CAR_BUY);
        for (int h = 0; h < t->nhdr && !car; h++) {
            char k[MAXK];
            mk(jue_grow_text(&t->g->rows[t->hdr[h]], col), k);
            const alias *a = find_alias(c, 'i', JUE_T09, 0, k);
            car = a && !strcmp(a->canon, JUE_L9_CAR);
        }
        item[col] = car ? JUE_L9_CAR : JUE_L9_TOTAL;
        free(names[col]);
        names[col] = jue_strdup(item[col]);
    }
    /* groups for a row of items: by the heading (merged workbooks), else
     * by order — an item seen again starts the next group */
    const char *order[2] = { "预算数", "决算数" };
    {
        int gi = 0;
        const char *seen[64];
        int nseen = 0;
        for (int col = 0; col < ncol; col++) {
            if (!item[col]) continue;
            bool again = false;
            for (int q = 0; q < nseen; q++) again |= !strcmp(seen[q], item[col]);
            if (again) { gi = gi < 1 ? gi + 1 : 1; nseen = 0; }
            seen[nseen++] = item[col];
            if (!grp[col]) grp[col] = order[gi];
        }
    }
    prows P = { 0 };
    prow *rows_by_item[64] = { 0 };
    for (size_t i = t->body; i < t->end && !c->nomem; i++) {
        jue_grow *r = &t->g->rows[i];
        if (!jue_grow_filled(r) || is_lanci(r)) continue;
        if (!t09_data_row(t, r)) continue;
        r->used = true;
        const char *rowgrp = NULL;
        for (size_t k = 0; k < r->n && !rowgrp; k++)
            if (r->cells[k].text[0] && !r->cells[k].copy) rowgrp = group_of(c, r->cells[k].text);
        for (int col = 0; col < ncol; col++) {
            if (!item[col]) continue;
            const char *gname = rowgrp ? rowgrp : grp[col];
            int mc = jue_table_find_col(tab, gname);
            prow *p = NULL;
            for (size_t q = 0; q < P.n; q++)
                if (!strcmp(P.r[q].key, item[col])) p = &P.r[q];
            if (!p) {
                p = prow_add(c, &P);
                if (!p) break;
                p->key = jue_strdup(item[col]);
                p->name = jue_strdup(names[col] ? names[col] : item[col]);
                p->total = !strcmp(item[col], JUE_L9_TOTAL) || !strcmp(item[col], JUE_L9_CAR);
                p->src_line = r->line;
                p->page = r->page;
                if (!p->key || !p->name) { c->nomem = true; break; }
            }
            if (col < (int)r->n && r->cells[col].text[0] && !r->cells[col].copy)
                pval_add(p, &r->cells[col], mc, r->line);
        }
    }
    (void)rows_by_item;
    /* items printed without data rows still exist (all blank) */
    for (int col = 0; col < ncol && !c->nomem; col++) {
        if (!item[col]) continue;
        bool have = false;
        for (size_t q = 0; q < P.n && !have; q++) have = !strcmp(P.r[q].key, item[col]);
        if (have) continue;
        prow *p = prow_add(c, &P);
        if (!p) break;
        p->key = jue_strdup(item[col]);
        p->name = jue_strdup(names[col] ? names[col] : item[col]);
        p->total = !strcmp(item[col], JUE_L9_TOTAL) || !strcmp(item[col], JUE_L9_CAR);
        p->src_line = t->body < t->g->n ? t->g->rows[t->hdr[t->nhdr ? t->nhdr - 1 : 0]].line : 0;
        if (!p->key || !p->name) c->nomem = true;
    }
    emit_09(t, tab, &P);
    for (int col = 0; col < 64; col++) free(names[col]);
}

/* ---- one table --------------------------------------------------------- */

static bool data_row(tctx *t, const jue_grow *r)
{
    switch (t->id) {
    case JUE_T01:
    case JUE_T04: return pane_data_row(t, r);
    case JUE_T06: return econ_data_row(t, r);
    case JUE_T09: return t09_data_row(t, r);
    default: return code_data_row(r);
    }
}

/* Whether a prose row (one cell) inside a code table continues the name of
 * the row before: short, not a note, and the table goes on after it. */
static bool continues_name(tctx *t, size_t i)
{
    const jue_grow *r = &t->g->rows[i];
    const char *s = single_text(r);
    if (!s || is_amount(s) || note_text(s)) return false;
    char f[MAXK];
    fold(s, f);
    if (!strncmp(f, "注", 3) || strlen(f) > 60) return false;
    if (t->id == JUE_T01 || t->id == JUE_T04) return pane_piece(t, i);
    if (t->id == JUE_T06 || t->id == JUE_T09) return false;
    for (size_t k = i + 1; k < t->b && k < i + 3; k++) {
        if (!jue_grow_filled(&t->g->rows[k])) continue;
        return jue_grow_filled(&t->g->rows[k]) >= 2;
    }
    return false;
}

static int table_by_number(const rc *c, int n);

static jue_status read_table(rc *c, jue_grid *g, size_t title_row, size_t a, size_t b, jue_table_id id,
                             bool cont)
{
    tctx t;
    memset(&t, 0, sizeof t);
    t.c = c;
    t.g = g;
    t.id = id;
    t.a = a;
    t.b = b;
    t.unit = JUE_UNIT_WAN;
    int unit = -1;
    size_t i = a;
    /* meta and header rows up to the first data row */
    for (; i < b; i++) {
        jue_grow *r = &g->rows[i];
        if (!jue_grow_filled(r)) continue;
        if (is_meta(r, &unit, &c->d->department)) { r->used = true; continue; }
        if (data_row(&t, r)) break;
        if (jue_grow_filled(r) == 1 && note_text(single_text(r))) break;   /* an empty table's 说明 */
        if (jue_grow_filled(r) == 1 && t.nhdr == 0 && !is_lanci(r)) {
            /* a prose line between title and header (a unit line, a date) */
            r->used = true;
            continue;
        }
        r->used = true;
        if (!is_lanci(r) && t.nhdr < 24) t.hdr[t.nhdr++] = i;
    }
    if (unit >= 0) t.unit = (jue_unit)unit;
    t.body = i;
    /* 类 | 款 | 项 printed in the 合计 row (a PDF joins what shares a band):
     * the row is the first data row and also the last heading row */
    if (i < b && t.nhdr < 24 && (id == JUE_T02 || id == JUE_T03 || id == JUE_T05 || id == JUE_T07 || id == JUE_T08)) {
        int parts = 0;
        for (size_t k = 0; k < g->rows[i].n; k++) parts += !g->rows[i].cells[k].copy && part_word(g->rows[i].cells[k].text);
        if (parts >= 2) { t.hdr[t.nhdr++] = i; t.body_hdr = true; }
    }
    /* the body: until a prose line that does not continue a name */
    for (; i < b; i++) {
        jue_grow *r = &g->rows[i];
        size_t f = jue_grow_filled(r);
        if (f == 0) continue;
        /* a table row may have one figure, but it has more than one cell
         * (tabs in text, columns in a sheet); a prose line has one */
        size_t cells = 0;
        for (size_t k = 0; k < r->n; k++) cells += !r->cells[k].copy;
        if (cells <= 1 && !data_row(&t, r) && !continues_name(&t, i)) {
            /* a page number or running head between the rows of the table */
            if (page_furniture(&t, i) && table_goes_on(&t, i)) { r->used = true; continue; }
            /* one pane's 收入 / 支出 heading (01 and 04 printed as one pane) */
            if (pane_heading(&t, r) && table_goes_on(&t, i)) continue;
            /* another table's 公开NN表 label (printed above its title, as
             * in HTML pages) ends this one; its own (a continuation) does not */
            const char *s = single_text(r);
            int n = s ? label_number(s) : 0;
            if (n && table_by_number(c, n) != (int)id) break;
            if (is_meta(r, NULL, NULL)) { r->used = true; continue; }
            break;
        }
    }
    t.end = i;
    g->rows[title_row].used = true;
    if (!c->title_line[id]) {
        c->title_line[id] = g->rows[title_row].line;
        c->seg_grid[id] = g;
        c->seg_from[id] = a;
        c->seg_to[id] = b;
    }
    for (size_t k = t.body; k < t.end; k++) c->packed[id] |= g->rows[k].packed;

    jue_table *tab = c->d->tables[id];
    bool fresh = tab == NULL;
    if (fresh) {
        tab = jue_table_new(id);
        if (!tab) return JUE_ERR_NOMEM;
    } else if (!cont) {
        jue_diag_add(c->diags, JUE_SEV_WARNING, c->doc->file, g->rows[title_row].line, 0,
                     "%s %s appears again; read as a continuation of the first", jue_table_label(id),
                     jue_table_title(id));
    }
    switch (id) {
    case JUE_T01:
    case JUE_T04: parse_pane_table(&t, tab); break;
    case JUE_T06: parse_06(&t, tab); break;
    case JUE_T09: parse_09(&t, tab); break;
    default: parse_code_table(&t, tab); break;
    }
    if (c->nomem) { if (fresh) jue_table_free(tab); return JUE_ERR_NOMEM; }
    /* the note: a 说明 (or 无数据) line just under the table */
    int seen = 0;
    for (size_t k = t.end; k < b && seen < NOTE_WINDOW; k++) {
        jue_grow *r = &g->rows[k];
        if (!jue_grow_filled(r)) continue;
        seen++;
        const char *s = single_text(r);
        if (s && note_text(s) && !tab->note) {
            char *nt = NULL;
            jue_buf nb;
            jue_buf_init(&nb);
            jue_imp_squeeze(&nb, s, false);
            nt = jue_buf_take(&nb);
            if (!nt || jue_table_set_note(tab, nt)) { free(nt); if (fresh) jue_table_free(tab); return JUE_ERR_NOMEM; }
            free(nt);
            r->used = true;
        }
    }
    bool any = false;
    for (size_t k = 0; k < tab->nrows * tab->ncols && !any; k++)
        any = tab->cells[k].present && tab->cells[k].printed != 0;
    tab->empty = !any;
    if (tab->nrows == 0 && !tab->note)
        jue_diag_add(c->diags, JUE_SEV_WARNING, c->doc->file, g->rows[title_row].line, 0,
                     "%s %s: title found but no table rows under it", jue_table_label(id), jue_table_title(id));
    c->d->tables[id] = tab;
    return JUE_OK;
}

/* ---- the document ------------------------------------------------------ */

typedef struct {
    size_t row;
    int id;
    bool cont;
    bool ok;
} cand;

static int table_by_number(const rc *c, int n)
{
    for (int t = 0; t < JUE_NTABLES; t++) {
        int k = c->prof ? jue_profile_table_number(c->prof, (jue_table_id)t) : t + 1;
        if (k == n) return t;
    }
    return -1;
}

/* Whether a cell says something: a letter, digit or CJK character, not
 * only punctuation (a PDF may print the quotes of “三公” on a line of
 * their own, which then looks like a row of two cells). */
static bool has_word(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= '0' && *p <= '9') || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z')) return true;
        /* CJK ideographs U+3400..U+9FFF: lead bytes E3 (from U+3400) to E9 */
        if (*p >= 0xE3 && *p <= 0xE9 && !(*p == 0xE3 && p[1] < 0x90)) return true;
    }
    return false;
}

/* An entry of a table of contents: a heading and its page number, the
 * only two cells of the row ("第三部分 …情况说明 | 19"). */
static bool contents_entry(const jue_grow *r)
{
    if (jue_grow_filled(r) != 2) return false;
    const char *last = NULL, *first = NULL;
    for (size_t k = 0; k < r->n; k++) {
        if (!r->cells[k].text[0] || r->cells[k].copy) continue;
        if (!first) first = r->cells[k].text;
        else last = r->cells[k].text;
    }
    size_t n = strlen(last);
    if (n == 0 || n > 4) return false;
    for (size_t i = 0; i < n; i++)
        if (last[i] < '0' || last[i] > '9') return false;
    const char *t = jue_imp_skip_ordinal(first);
    return t != first || !strncmp(first, "第", 3);
}

/* A table starts within a few lines of its title: a row of two or more
 * cells with words (not a contents entry), or an empty table's 说明. */
static bool table_follows(const jue_grid *g, size_t from, size_t to)
{
    int seen = 0;
    for (size_t i = from; i < to && seen < TITLE_WINDOW; i++) {
        const jue_grow *r = &g->rows[i];
        size_t f = jue_grow_filled(r);
        if (!f || is_meta(r, NULL, NULL)) continue;   /* a unit line does not count */
        seen++;
        size_t words = 0;
        for (size_t k = 0; k < r->n; k++) words += !r->cells[k].copy && has_word(r->cells[k].text);
        if (words >= 2 && !is_meta(r, NULL, NULL) && !contents_entry(r)) return true;
        if (f == 1 && note_text(single_text(r))) return true;
    }
    return false;
}

static jue_status read_grid(rc *c, jue_grid *g)
{
    cand *cs = NULL;
    size_t nc = 0, cap = 0;
    jue_status st = JUE_OK;
    for (size_t i = 0; i < g->n; i++) {
        bool cont = false;
        int id = title_of(c, &g->rows[i], &cont);
        if (id < 0) {
            const char *s = single_text(&g->rows[i]);
            int n = s ? label_number(s) : 0;
            if (n) {
                /* a bare label counts only with no title near it */
                bool near = false;
                for (size_t k = i > 4 ? i - 4 : 0; k < g->n && k <= i + 4 && !near; k++) {
                    bool cc;
                    near = k != i && title_of(c, &g->rows[k], &cc) >= 0;
                }
                if (!near) id = table_by_number(c, n);
            }
        }
        if (id < 0) continue;
        if (nc == cap) {
            cap = cap ? cap * 2 : 16;
            cand *n2 = realloc(cs, cap * sizeof *n2);
            if (!n2) { free(cs); return JUE_ERR_NOMEM; }
            cs = n2;
        }
        cs[nc++] = (cand){ i, id, cont, false };
    }
    /* a sheet with no title in it: its name may be one */
    if (nc == 0 && g->name && g->n) {
        jue_grow fake = { 0 };
        jue_gcell cell = { .text = g->name };
        fake.cells = &cell;
        fake.n = 1;
        bool cont;
        int id = title_of(c, &fake, &cont);
        if (id < 0 && label_number(g->name)) id = table_by_number(c, label_number(g->name));
        if (id >= 0) {
            cs = malloc(sizeof *cs);
            if (!cs) return JUE_ERR_NOMEM;
            /* the segment starts at row 0; row 0 stands in for the title */
            cs[nc++] = (cand){ 0, id, false, true };
            if (!table_follows(g, 0, g->n)) nc = 0;
            else st = read_table(c, g, 0, 0, g->n, (jue_table_id)id, false);
            free(cs);
            return st;
        }
    }
    int prev_ok = -1;
    for (size_t k = 0; k < nc && !st; k++) {
        size_t a = cs[k].row + 1, b = k + 1 < nc ? cs[k + 1].row : g->n;
        if (!table_follows(g, a, b)) continue;
        bool cont = cs[k].cont || (prev_ok >= 0 && cs[prev_ok].id == cs[k].id);
        if (c->d->tables[cs[k].id] && !cont) {
            jue_diag_add(c->diags, JUE_SEV_WARNING, c->doc->file, g->rows[cs[k].row].line, 0,
                         "%s %s appears a second time; the first one is used", jue_table_label(cs[k].id),
                         jue_table_title(cs[k].id));
            continue;
        }
        st = read_table(c, g, cs[k].row, a, b, (jue_table_id)cs[k].id, cont);
        prev_ok = (int)k;
    }
    free(cs);
    return st;
}

/* The rows under a set-aside table's title that its body did not take (a
 * one-cell line ended it early) are still the table's, not notes: up to its
 * 注/说明 line, a sentence or a part heading. */
static void take_table_rows(rc *c, int id)
{
    jue_grid *g = c->seg_grid[id];
    for (size_t i = c->seg_from[id]; g && i < c->seg_to[id]; i++) {
        jue_grow *r = &g->rows[i];
        const char *s = single_text(r);
        if (s && (note_text(s) || !strncmp(s, "注", 3) || !strncmp(s, "第", 3) || strstr(s, "。") ||
                  strstr(s, "，")))
            break;
        r->used = true;
    }
}

/* Tables whose figures do not hold together as read (src/import/confidence.c)
 * are set aside: one warning at the title, and the table is unread — its
 * title is there, its figures feed no finding. */
static void set_aside_doubtful(rc *c)
{
    for (int id = 0; id < JUE_NTABLES; id++) {
        jue_table *t = c->d->tables[id];
        if (!t) continue;
        int fails = 0, checks = 0;
        const char *why = jue_imp_doubt(t, c->packed[id], &fails, &checks);
        if (!why) continue;
        if (checks)
            jue_diag_add(c->diags, JUE_SEV_WARNING, c->doc->file, c->title_line[id], 0,
                         "%s《%s》没有读准，不据以核对：%s（核对 %d 处，%d 处不符）", jue_table_label((jue_table_id)id),
                         jue_table_title((jue_table_id)id), why, checks, fails);
        else
            jue_diag_add(c->diags, JUE_SEV_WARNING, c->doc->file, c->title_line[id], 0,
                         "%s《%s》没有读准，不据以核对：%s", jue_table_label((jue_table_id)id),
                         jue_table_title((jue_table_id)id), why);
        jue_table_free(t);
        c->d->tables[id] = NULL;
        c->d->unread[id] = why;
        take_table_rows(c, id);
    }
}

/* The accounts year: "2022年度", "2023 年" in the document's title or first
 * lines. */
static int find_year(const char *s)
{
    for (const char *p = s; *p; p++) {
        if ((p[0] == '2' || p[0] == '1') && p[1] >= '0' && p[1] <= '9' && p[2] >= '0' && p[2] <= '9' &&
            p[3] >= '0' && p[3] <= '9' && (p == s || p[-1] < '0' || p[-1] > '9')) {
            const char *q = p + 4;
            while (*q == ' ') q++;
            if (!strncmp(q, "年", 3)) {
                int y = atoi(p);
                if (y >= 1990 && y <= 2100) return y;
            }
        }
    }
    return 0;
}

/* The department a title names when no 编制单位 line does (the Shanghai
 * template has none): "上海市普陀区财政局2024年度部门决算", "第二部分 X 2024 年度部门
 * 决算表", or a cover whose name stands on the one or two lines above
 * "2024年度部门决算". Returns a new string or NULL. */
static char *title_department(const char *raw, const char *above)
{
    jue_buf b;
    jue_buf_init(&b);
    jue_imp_squeeze(&b, raw, false);
    const char *text = jue_buf_str(&b), *hit = strstr(text, "部门决算"), *y = hit;
    if (y && y - text >= 3 && !strncmp(y - 3, "度", 3)) y -= 3;
    while (y && y > text && y[-1] == ' ') y--;
    if (!y || y - text < 7 || strncmp(y - 3, "年", 3)) y = NULL;
    else y -= 3;
    while (y && y > text && y[-1] == ' ') y--;
    for (int k = 0; y && k < 4; k++) y = y > text && y[-1] >= '0' && y[-1] <= '9' ? y - 1 : NULL;
    const char *from = y ? strstr(text, "部分") : NULL;   /* "第二部分 …" */
    from = from && from < y ? from + strlen("部分") : text;
    jue_buf sq;
    jue_buf_init(&sq);
    if (y) {
        while (from < y && *from == ' ') from++;
        while (y > from && y[-1] == ' ') y--;
        jue_buf_putn(&sq, from, (size_t)(y - from));
        if (!sq.len && above) jue_buf_puts(&sq, above);
    }
    jue_buf_free(&b);
    const char *n = jue_buf_str(&sq);
    bool ok = sq.len >= 6 && sq.len <= 120 && (unsigned char)n[sq.len - 1] >= 0x80;
    for (const char *p = n; ok && *p; p++) ok = !(*p >= '0' && *p <= '9') && *p != ' ';
    if (!ok) jue_buf_free(&sq);
    return ok ? jue_buf_take(&sq) : NULL;
}

/* A short line of a cover (the name may be set over two): no digits, at most
 * 16 characters. */
static bool cover_line(const char *s)
{
    size_t n = strlen(s);
    if (!n || n > 48) return false;
    for (; *s; s++)
        if ((*s >= '0' && *s <= '9') || *s == ' ') return false;
    return true;
}

static void department_from_titles(jue_idoc *doc, jue_disclosure *d)
{
    for (size_t gi = 0; gi < doc->n && !d->department; gi++) {
        char above[2][128] = { "", "" };   /* the two short lines before, the nearer first */
        for (size_t i = 0; i < doc->grids[gi].n && i < 120 && !d->department; i++) {
            const jue_grow *r = &doc->grids[gi].rows[i];
            for (size_t k = 0; k < r->n && !d->department; k++) {
                const char *t = r->cells[k].text;
                if (!*t) continue;
                char both[256];
                snprintf(both, sizeof both, "%s%s", above[1], above[0]);
                d->department = title_department(t, *above[0] ? both : NULL);
                memcpy(above[1], above[0], sizeof above[0]);
                if (cover_line(t)) snprintf(above[0], sizeof above[0], "%s", t);
                else above[0][0] = 0, above[1][0] = 0;
            }
        }
    }
}

jue_status jue_recognize(jue_idoc *doc, const jue_catalog *cat, const jue_profile *prof,
                         jue_disclosure *d, jue_diags *diags)
{
    rc c;
    memset(&c, 0, sizeof c);
    c.doc = doc;
    c.cat = cat;
    c.prof = prof;
    c.d = d;
    c.diags = diags;
    if (cat) jue_catalog_years(cat, JUE_CAT_FUNCTIONAL, &c.cat_from, &c.cat_to);
    /* the aliases are data shared by every document: read once per process
     * (a batch audit of many documents must not re-read them each time) */
    static alias *cached;
    static size_t ncached;
    jue_status st = JUE_OK;
    if (!cached) {
        st = load_aliases(&c);
        if (st) { free_aliases(&c); return st; }
        cached = c.al;
        ncached = c.nal;
    }
    c.al = cached;
    c.nal = ncached;
    if (doc->title && !d->year) d->year = find_year(doc->title);
    for (size_t gi = 0; gi < doc->n && !d->year; gi++)
        for (size_t i = 0; i < doc->grids[gi].n && i < 80 && !d->year; i++)
            for (size_t k = 0; k < doc->grids[gi].rows[i].n && !d->year; k++)
                d->year = find_year(doc->grids[gi].rows[i].cells[k].text);
    for (size_t gi = 0; gi < doc->n && !st; gi++) st = read_grid(&c, &doc->grids[gi]);
    if (!st) set_aside_doubtful(&c);
    if (!st && !d->department) department_from_titles(doc, d);
    if (!st && d->department) {
        /* "醴陵市医疗保障局" as printed, without stray spaces */
        jue_buf b;
        jue_buf_init(&b);
        jue_imp_squeeze(&b, d->department, false);
        char *n = jue_buf_take(&b);
        if (n) { free(d->department); d->department = n; }
    }
    return c.nomem ? JUE_ERR_NOMEM : st;
}
