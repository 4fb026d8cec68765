/* Government revenue and expenditure classification (政府收支分类科目) by year,
 * loaded from data/catalog/{functional,economic}.csv.
 *
 * Each kind is a sorted array of rows (code, then start year), so a lookup by
 * code is a binary search plus a scan over the code's few name periods; a
 * second index sorted by name serves jue_catalog_find_name. Codes with a
 * common prefix are contiguous in the array, which makes children a range
 * scan.
 */
#include <juesuan/catalog.h>

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/blocks.h"
#include "core/encoding.h"

/* `to` left empty means "still valid"; stored as this sentinel so range
 * arithmetic needs no special case. Valid years are checked to stay below. */
#define YEAR_OPEN 9999
#define YEAR_MIN 1900
#define YEAR_MAX 2999

/* Caps keep a hostile or broken file from costing much; real rows are tiny. */
#define FIELD_MAX 4096
#define FIELDS_MAX 16
#define NFIELDS 5

typedef struct {
    char code[8];         /* at most 7 digits, validated */
    int from, to;         /* inclusive; to == YEAR_OPEN when open-ended */
    int line;             /* where the row starts, for diagnostics */
    char *name;
    char *source;         /* NULL when the file gave none */
} cat_row;

typedef struct {
    cat_row *rows;
    size_t len, cap;
    cat_row **by_name;    /* into rows (not resized after loading), by (name, code, from) */
    int cov_from, cov_to; /* from a "# coverage: A-B" comment, 0 if none */
    /* "# complete: …": codes whose children the file lists in full ("*" =
     * every 类); elsewhere a code the file lacks may simply not be entered */
    char complete[64][8];
    size_t ncomplete;
    bool all_classes;
    int years_from, years_to; /* the years the table covers (jue_catalog_years), set once loaded */
    /* the first row of each code (rows are sorted by code), open-addressed
     * by the code's hash: slot holds the row's index + 1, 0 when empty */
    uint32_t *code_slot;
    unsigned code_bits;
    /* the first of each name in by_name, open-addressed by the name's hash
     * (code_bits wide): slot holds its by_name index + 1, 0 when empty */
    uint32_t *name_slot;
    struct jue_block *strings;   /* the rows' names and sources, freed together */
} cat_table;

struct jue_catalog {
    cat_table t[2];
};

/* ---- code shape ---------------------------------------------------------- */

static bool all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

static jue_level level_of_len(jue_cat_kind kind, size_t n)
{
    switch (n) {
    case 3: return JUE_LEVEL_LEI;
    case 5: return JUE_LEVEL_KUAN;
    case 7: return kind == JUE_CAT_FUNCTIONAL ? JUE_LEVEL_XIANG : JUE_LEVEL_NONE;
    default: return JUE_LEVEL_NONE;
    }
}

jue_level jue_code_level(jue_cat_kind kind, const char *code)
{
    if (!code || (kind != JUE_CAT_FUNCTIONAL && kind != JUE_CAT_ECONOMIC)) return JUE_LEVEL_NONE;
    size_t n = strnlen(code, 8);
    if (!all_digits(code, n)) return JUE_LEVEL_NONE;
    return level_of_len(kind, n);
}

bool jue_code_parent(jue_cat_kind kind, const char *code, char *buf, size_t n)
{
    jue_level lv = jue_code_level(kind, code);
    if (lv == JUE_LEVEL_NONE || lv == JUE_LEVEL_LEI || !buf) return false;
    size_t plen = strlen(code) - 2;
    if (n < plen + 1) return false;
    memcpy(buf, code, plen);
    buf[plen] = 0;
    return true;
}

static const char *level_word(jue_level lv)
{
    switch (lv) {
    case JUE_LEVEL_LEI: return "类";
    case JUE_LEVEL_KUAN: return "款";
    case JUE_LEVEL_XIANG: return "项";
    default: return "?";
    }
}

/* ---- diagnostics --------------------------------------------------------- */

typedef struct {
    jue_diags *diags;     /* may be NULL: then only counted */
    const char *file;
    size_t errors;
    bool nomem;
} diag_ctx;

static void diag(diag_ctx *dc, jue_severity sev, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void diag(diag_ctx *dc, jue_severity sev, int line, int col, const char *fmt, ...)
{
    if (sev == JUE_SEV_ERROR) dc->errors++;
    if (!dc->diags) return;
    va_list ap;
    va_start(ap, fmt);
    if (jue_diag_vadd(dc->diags, sev, dc->file, line, col, fmt, ap) == JUE_ERR_NOMEM)
        dc->nomem = true;
    va_end(ap);
}

/* Number of UTF-8 code points in [s, e); diagnostics count columns that way. */
static int utf8_cols(const char *s, const char *e)
{
    return (int)jue_utf8_count(s, (size_t)(e - s));
}

/* ---- CSV reading --------------------------------------------------------- */

typedef struct {
    const char *p, *end;
    const char *line_start;   /* start of the current physical line */
    int line;                 /* current physical line, 1-based */
} csv_reader;

typedef struct {
    jue_buf text;
    int line;             /* where the field starts */
    const char *line_start, *at;   /* its column, counted only for a diagnostic (col_of) */
    bool quoted;
} csv_field;

static int col_of(const csv_field *f)
{
    return (int)jue_utf8_count(f->line_start, (size_t)(f->at - f->line_start)) + 1;
}

typedef struct {
    csv_field f[FIELDS_MAX];
    int n;                    /* fields kept (at most FIELDS_MAX) */
    int total;                /* fields seen */
    int line;                 /* line where the record starts */
    bool comment, blank;
    const char *comment_text; /* the comment line, when comment */
    size_t comment_len;
} csv_record;

static bool is_space(char c) { return c == ' ' || c == '\t'; }

static void newline(csv_reader *r)
{
    /* r->p is at '\n' or '\r': consume "\r\n" as one break. */
    if (*r->p == '\r' && r->p + 1 < r->end && r->p[1] == '\n') r->p++;
    r->p++;
    r->line++;
    r->line_start = r->p;
}

static bool at_eol(const csv_reader *r) { return r->p >= r->end || *r->p == '\n' || *r->p == '\r'; }

/* Reads one record. Returns false at end of input. Syntax problems are
 * reported and the rest of the physical line is skipped, so later line
 * numbers stay right; *ok is cleared for such a record. */
static bool csv_next(csv_reader *r, csv_record *rec, diag_ctx *dc, bool *ok)
{
    *ok = true;
    for (int i = 0; i < rec->n; i++) jue_buf_reset(&rec->f[i].text);
    rec->n = rec->total = 0;
    rec->comment = rec->blank = false;
    if (r->p >= r->end) return false;
    rec->line = r->line;

    /* Comments and blank lines are whole physical lines. */
    const char *q = r->p;
    while (q < r->end && is_space(*q)) q++;
    if (q >= r->end || *q == '\n' || *q == '\r' || *q == '#') {
        rec->comment = q < r->end && *q == '#';
        rec->blank = !rec->comment;
        rec->comment_text = q;
        r->p = q;
        while (!at_eol(r)) r->p++;
        rec->comment_len = (size_t)(r->p - q);
        if (r->p < r->end) newline(r);
        return true;
    }

    for (;;) {
        csv_field *f = rec->total < FIELDS_MAX ? &rec->f[rec->total] : NULL;
        rec->total++;
        if (f) {
            rec->n = rec->total;
            jue_buf_reset(&f->text);
            f->text.max = FIELD_MAX;
            f->quoted = false;
        }
        while (r->p < r->end && is_space(*r->p)) r->p++;
        if (f) {
            f->line = r->line;
            f->line_start = r->line_start;
            f->at = r->p;
        }
        if (r->p < r->end && *r->p == '"') {
            int qline = r->line, qcol = utf8_cols(r->line_start, r->p) + 1;
            if (f) f->quoted = true;
            r->p++;
            for (;;) {
                if (r->p >= r->end) {
                    diag(dc, JUE_SEV_ERROR, qline, qcol, "引号没有闭合：从此处开始的带引号字段直到文件末尾都没有结束引号");
                    *ok = false;
                    return true;
                }
                char c = *r->p;
                if (c == '"') {
                    if (r->p + 1 < r->end && r->p[1] == '"') {
                        if (f) jue_buf_putc(&f->text, '"');
                        r->p += 2;
                        continue;
                    }
                    r->p++;
                    break;
                }
                if (c == '\n' || c == '\r') {
                    /* A line break inside quotes is data; keep counting lines. */
                    if (f) jue_buf_putc(&f->text, '\n');
                    newline(r);
                    continue;
                }
                if (f) jue_buf_putc(&f->text, c);
                r->p++;
            }
            while (r->p < r->end && is_space(*r->p)) r->p++;
            if (!at_eol(r) && *r->p != ',') {
                diag(dc, JUE_SEV_ERROR, r->line, utf8_cols(r->line_start, r->p) + 1,
                     "结束引号后面还有文字（字段中的引号须写成两个引号）");
                *ok = false;
                while (!at_eol(r)) r->p++;
                if (r->p < r->end) newline(r);
                return true;
            }
        } else {
            const char *s = r->p;
            while (!at_eol(r) && *r->p != ',') {
                if (*r->p == '"') {
                    diag(dc, JUE_SEV_ERROR, r->line, utf8_cols(r->line_start, r->p) + 1,
                         "不带引号的字段中有引号（整个字段须加引号，其中的引号写成两个）");
                    *ok = false;
                    while (!at_eol(r)) r->p++;
                    if (r->p < r->end) newline(r);
                    return true;
                }
                r->p++;
            }
            const char *e = r->p;
            while (e > s && is_space(e[-1])) e--;
            if (f) jue_buf_putn(&f->text, s, (size_t)(e - s));
        }
        if (f && jue_buf_err(&f->text)) {
            if (jue_buf_err(&f->text) == JUE_ERR_NOMEM) dc->nomem = true;
            else diag(dc, JUE_SEV_ERROR, f->line, col_of(f), "字段长于 %d 字节", FIELD_MAX);
            *ok = false;
        }
        if (at_eol(r)) break;
        r->p++; /* the comma */
    }
    if (r->p < r->end) newline(r);
    return true;
}

/* ---- row checks ---------------------------------------------------------- */

static const char *const HEADER[NFIELDS] = { "code", "name", "from", "to", "source" };

/* Parses a 4-digit year; false if malformed or out of range. */
static bool parse_year(const char *s, int *out)
{
    size_t n = strlen(s);
    if (n != 4 || !all_digits(s, n)) return false;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    if (y < YEAR_MIN || y > YEAR_MAX) return false;
    *out = y;
    return true;
}

static const char *kind_word(jue_cat_kind kind)
{
    return kind == JUE_CAT_FUNCTIONAL ? "功能分类" : "经济分类";
}

/* "# coverage: 2021-2025" declares the years the file is meant to cover,
 * because open-ended rows alone cannot say where coverage stops. */
static void parse_coverage(cat_table *t, const char *s, size_t n, int line, diag_ctx *dc)
{
    static const char key[] = "coverage:";
    size_t i = 1;
    while (i < n && is_space(s[i])) i++;
    if (n - i < sizeof key - 1 || memcmp(s + i, key, sizeof key - 1) != 0) return;
    i += sizeof key - 1;
    char buf[32];
    size_t m = 0;
    for (; i < n && m + 1 < sizeof buf; i++)
        if (!is_space(s[i])) buf[m++] = s[i];
    buf[m] = 0;
    char a[8], b[8];
    int ya, yb;
    if (m == 9 && buf[4] == '-') {
        memcpy(a, buf, 4); a[4] = 0;
        memcpy(b, buf + 5, 4); b[4] = 0;
        if (parse_year(a, &ya) && parse_year(b, &yb) && ya <= yb) {
            t->cov_from = ya;
            t->cov_to = yb;
            return;
        }
    }
    diag(dc, JUE_SEV_WARNING, line, 1, "覆盖年份的注释应写作“# coverage: YYYY-YYYY”");
}

/* "# complete: * 20805 21011 …" — see cat_table.complete. */
static void parse_complete(cat_table *t, const char *s, size_t n, int line, diag_ctx *dc)
{
    static const char key[] = "complete:";
    size_t i = 1;
    while (i < n && is_space(s[i])) i++;
    if (n - i < sizeof key - 1 || memcmp(s + i, key, sizeof key - 1) != 0) return;
    i += sizeof key - 1;
    while (i < n) {
        while (i < n && is_space(s[i])) i++;
        size_t st = i;
        while (i < n && !is_space(s[i])) i++;
        size_t k = i - st;
        if (!k) break;
        if (k == 1 && s[st] == '*') {
            t->all_classes = true;
        } else if (k < 8 && all_digits(s + st, k) && t->ncomplete < 64) {
            memcpy(t->complete[t->ncomplete], s + st, k);
            t->complete[t->ncomplete++][k] = 0;
        } else {
            diag(dc, JUE_SEV_WARNING, line, (int)st + 1, "complete: 后只能写“*”和科目编码（至多 64 个）");
        }
    }
}

static bool table_push(cat_table *t, cat_row *row)
{
    if (t->len == t->cap) {
        size_t nc = t->cap ? t->cap * 2 : 256;
        cat_row *nr = realloc(t->rows, nc * sizeof *nr);
        if (!nr) return false;
        t->rows = nr;
        t->cap = nc;
    }
    t->rows[t->len++] = *row;
    return true;
}

/* Checks one data record and appends it to t when it is sound. */
static void take_row(cat_table *t, jue_cat_kind kind, csv_record *rec, diag_ctx *dc)
{
    if (rec->total != NFIELDS) {
        diag(dc, JUE_SEV_ERROR, rec->line, 1, "应有 %d 个字段（code,name,from,to,source），实有 %d 个",
             NFIELDS, rec->total);
        return;
    }
    for (int i = 0; i < NFIELDS; i++) {
        const jue_buf *b = &rec->f[i].text;
        if (memchr(jue_buf_str(b), 0, b->len)) {
            diag(dc, JUE_SEV_ERROR, rec->f[i].line, col_of(&rec->f[i]), "字段 %s 中有 NUL 字节", HEADER[i]);
            return;
        }
        /* strict (no overlongs, surrogates, beyond U+10FFFF): names are compared
         * byte for byte with text extracted from documents */
        if (!jue_utf8_valid(jue_buf_str(b), b->len)) {
            diag(dc, JUE_SEV_ERROR, rec->f[i].line, col_of(&rec->f[i]), "字段 %s 不是有效的 UTF-8", HEADER[i]);
            return;
        }
    }
    const char *code = jue_buf_str(&rec->f[0].text);
    const char *name = jue_buf_str(&rec->f[1].text);
    const char *sfrom = jue_buf_str(&rec->f[2].text);
    const char *sto = jue_buf_str(&rec->f[3].text);
    const char *source = jue_buf_str(&rec->f[4].text);
    bool ok = true;

    size_t clen = strlen(code);
    if (clen == 0 || !all_digits(code, clen)) {
        diag(dc, JUE_SEV_ERROR, rec->f[0].line, col_of(&rec->f[0]),
             "编码“%.40s”有误：%s编码只能是数字", code, kind_word(kind));
        ok = false;
    } else if (level_of_len(kind, clen) == JUE_LEVEL_NONE) {
        diag(dc, JUE_SEV_ERROR, rec->f[0].line, col_of(&rec->f[0]),
             "编码 %.40s 有 %zu 位；%s编码应为 %s", code, clen, kind_word(kind),
             kind == JUE_CAT_FUNCTIONAL ? "3 位（类）、5 位（款）或 7 位（项）" : "3 位（类）或 5 位（款）");
        ok = false;
    } else if (code[0] != (kind == JUE_CAT_FUNCTIONAL ? '2' : '3')) {
        /* Expenditure functional codes are 2xx, departmental economic 3xx:
         * anything else is probably a row in the wrong file. */
        diag(dc, JUE_SEV_WARNING, rec->f[0].line, col_of(&rec->f[0]), "%s编码 %s 不以 %c 开头（是否放错了文件？）",
             kind_word(kind), code, kind == JUE_CAT_FUNCTIONAL ? '2' : '3');
    }
    if (!*name) {
        diag(dc, JUE_SEV_ERROR, rec->f[1].line, col_of(&rec->f[1]), "名称为空");
        ok = false;
    } else if (strpbrk(name, "\n\r\t")) {
        diag(dc, JUE_SEV_ERROR, rec->f[1].line, col_of(&rec->f[1]), "名称中有换行或制表符");
        ok = false;
    }
    int from = 0, to = YEAR_OPEN;
    if (!parse_year(sfrom, &from)) {
        diag(dc, JUE_SEV_ERROR, rec->f[2].line, col_of(&rec->f[2]),
             "from 的年份“%.20s”有误（应为 %d–%d 的四位数）", sfrom, YEAR_MIN, YEAR_MAX);
        ok = false;
    }
    if (*sto && !parse_year(sto, &to)) {
        diag(dc, JUE_SEV_ERROR, rec->f[3].line, col_of(&rec->f[3]),
             "to 的年份“%.20s”有误（应为 %d–%d 的四位数，或留空）", sto, YEAR_MIN, YEAR_MAX);
        ok = false;
    }
    if (ok && from > to) {
        diag(dc, JUE_SEV_ERROR, rec->f[3].line, col_of(&rec->f[3]), "起始年 from %d 晚于终止年 to %d", from, to);
        ok = false;
    }
    if (!*source)
        diag(dc, JUE_SEV_WARNING, rec->f[4].line, col_of(&rec->f[4]), "%.40s 没有注明来源（source）", code);
    if (!ok) return;

    cat_row row = { .from = from, .to = to, .line = rec->line };
    memcpy(row.code, code, clen + 1);
    /* in blocks, not a malloc each: loading and freeing the catalog's few
     * hundred names was a tenth of its time */
    size_t nl = strlen(name) + 1, sl = *source ? strlen(source) + 1 : 0;
    row.name = jue_block_take(&t->strings, nl + sl, 8192, 65536);
    if (row.name) {
        memcpy(row.name, name, nl);
        if (sl) row.source = memcpy(row.name + nl, source, sl);
    }
    if (!row.name || !table_push(t, &row)) dc->nomem = true;
}

static void parse_file(cat_table *t, jue_cat_kind kind, const char *text, size_t len, diag_ctx *dc)
{
    csv_reader r = { text, text + len, text, 1 };
    /* A UTF-8 byte order mark is what spreadsheet programs write; skip it. */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) r.p = r.line_start = text + 3;
    csv_record rec;
    memset(&rec, 0, sizeof rec);
    bool header_seen = false, ok;
    while (!dc->nomem && csv_next(&r, &rec, dc, &ok)) {
        if (rec.blank) continue;
        if (rec.comment) {
            parse_coverage(t, rec.comment_text, rec.comment_len, rec.line, dc);
            parse_complete(t, rec.comment_text, rec.comment_len, rec.line, dc);
            continue;
        }
        if (!ok) { header_seen = true; continue; }
        if (!header_seen) {
            header_seen = true;
            bool is_header = rec.total == NFIELDS;
            for (int i = 0; is_header && i < NFIELDS; i++)
                is_header = strcmp(jue_buf_str(&rec.f[i].text), HEADER[i]) == 0;
            if (is_header) continue;
            diag(dc, JUE_SEV_ERROR, rec.line, 1, "第一行应为表头 code,name,from,to,source");
            /* A first line that looks like data is checked as data too. */
            if (rec.n > 0 && jue_buf_str(&rec.f[0].text)[0] >= '0' && jue_buf_str(&rec.f[0].text)[0] <= '9')
                take_row(t, kind, &rec, dc);
            continue;
        }
        take_row(t, kind, &rec, dc);
    }
    for (int i = 0; i < FIELDS_MAX; i++) jue_buf_free(&rec.f[i].text);
    if (!header_seen && !dc->nomem)
        diag(dc, JUE_SEV_ERROR, r.line, 0, "既无表头也无数据行");
}

/* ---- indexes and cross-row checks --------------------------------------- */

static int row_cmp(const void *a, const void *b)
{
    const cat_row *x = a, *y = b;
    int c = strcmp(x->code, y->code);
    if (c) return c;
    if (x->from != y->from) return x->from < y->from ? -1 : 1;
    return (x->line > y->line) - (x->line < y->line);
}

static int name_idx_cmp(const void *a, const void *b)
{
    const cat_row *x = *(cat_row *const *)a, *y = *(cat_row *const *)b;
    int c = strcmp(x->name, y->name);
    if (c) return c;
    return row_cmp(x, y);
}

/* First row whose code is >= key (lower bound). */
static size_t lower_bound(const cat_table *t, const char *key)
{
    size_t lo = 0, hi = t->len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(t->rows[mid].code, key) < 0) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

static void check_overlaps(const cat_table *t, diag_ctx *dc)
{
    for (size_t i = 1; i < t->len; i++) {
        const cat_row *a = &t->rows[i - 1], *b = &t->rows[i];
        if (strcmp(a->code, b->code) == 0 && a->to >= b->from) {
            const cat_row *later = a->line > b->line ? a : b, *earlier = later == a ? b : a;
            diag(dc, JUE_SEV_ERROR, later->line, 1,
                 "%s 的年份范围与第 %d 行重叠（一个编码每年只有一个名称）",
                 b->code, earlier->line);
        }
    }
}

/* Warns when a 款 or 项 is valid in a year in which its parent has no row. */
static void check_parents(const cat_table *t, jue_cat_kind kind, diag_ctx *dc)
{
    for (size_t i = 0; i < t->len; i++) {
        const cat_row *c = &t->rows[i];
        char parent[8];
        if (!jue_code_parent(kind, c->code, parent, sizeof parent)) continue;
        /* Walk the parent's periods (sorted by start) to find the first year
         * of [from, to] that none of them covers. */
        int y = c->from;
        for (size_t j = lower_bound(t, parent); j < t->len && y <= c->to; j++) {
            const cat_row *p = &t->rows[j];
            if (strcmp(p->code, parent) != 0) break;
            if (p->from > y) break;
            if (p->to >= y) y = p->to == YEAR_OPEN ? YEAR_OPEN + 1 : p->to + 1;
        }
        if (y <= c->to)
            diag(dc, JUE_SEV_WARNING, c->line, 1,
                 "%s %s 在 %d 年有效，但其所属%s %s 在该年没有有效的行", level_word(level_of_len(kind, strlen(c->code))),
                 c->code, y, level_word(level_of_len(kind, strlen(parent))), parent);
    }
}

/* The years t covers, kept on it: explicit years first; an open-ended row
 * then extends to the declared coverage, if the file declared one. The rules
 * and the notes ask this for every ref and document. */
static void set_years(cat_table *t)
{
    int lo = 0, hi = 0;
    if (t->len) {
        lo = INT_MAX;
        bool open = false;
        for (size_t i = 0; i < t->len; i++) {
            const cat_row *r = &t->rows[i];
            if (r->from < lo) lo = r->from;
            if (r->from > hi) hi = r->from;
            if (r->to == YEAR_OPEN) open = true;
            else if (r->to > hi) hi = r->to;
        }
        if (t->cov_from) {
            if (t->cov_from < lo) lo = t->cov_from;
            if (open && t->cov_to > hi) hi = t->cov_to;
        }
    }
    t->years_from = lo;
    t->years_to = hi;
}

static size_t code_hash(const char *code, unsigned bits)
{
    uint32_t h = 2166136261u;
    for (; *code; code++) h = (h ^ (unsigned char)*code) * 16777619u;
    return (h * 0x9E3779B1u) >> (32 - bits);
}

/* The index of the first row with this code, or t->len when there is none:
 * what lower_bound finds when the code is there, without its strcmp a step.
 * The rules and the notes look names up by code for every 类 and ref. */
static size_t first_row(const cat_table *t, const char *code)
{
    if (!t->code_slot) return lower_bound(t, code);
    size_t mask = ((size_t)1 << t->code_bits) - 1;
    for (size_t h = code_hash(code, t->code_bits); t->code_slot[h]; h = (h + 1) & mask)
        if (!strcmp(t->rows[t->code_slot[h] - 1].code, code)) return t->code_slot[h] - 1;
    return t->len;
}

static bool index_codes(cat_table *t)
{
    t->code_bits = 4;
    while (((size_t)1 << t->code_bits) < 2 * t->len) t->code_bits++;
    t->code_slot = calloc((size_t)1 << t->code_bits, sizeof *t->code_slot);
    if (!t->code_slot) return false;
    size_t mask = ((size_t)1 << t->code_bits) - 1;
    for (size_t i = 0; i < t->len; i++) {
        if (i > 0 && !strcmp(t->rows[i - 1].code, t->rows[i].code)) continue;
        size_t h = code_hash(t->rows[i].code, t->code_bits);
        while (t->code_slot[h]) h = (h + 1) & mask;
        t->code_slot[h] = (uint32_t)i + 1;
    }
    return true;
}

/* The index in by_name of the first row named name, or t->len when none
 * is (where the lower bound finds another name): the lower bound of a name
 * that is there, without a strcmp a step of the search. The notes look up
 * every 类, 款 and 项 they name. */
static size_t first_named(const cat_table *t, const char *name)
{
    if (!t->name_slot) {   /* not indexed: the lower bound by search */
        size_t lo = 0, hi = t->len;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (strcmp(t->by_name[mid]->name, name) < 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
    size_t mask = ((size_t)1 << t->code_bits) - 1;
    for (size_t h = code_hash(name, t->code_bits); t->name_slot[h]; h = (h + 1) & mask)
        if (!strcmp(t->by_name[t->name_slot[h] - 1]->name, name)) return t->name_slot[h] - 1;
    return t->len;
}

static bool index_names(cat_table *t)
{
    t->name_slot = calloc((size_t)1 << t->code_bits, sizeof *t->name_slot);
    if (!t->name_slot) return false;
    size_t mask = ((size_t)1 << t->code_bits) - 1;
    for (size_t i = 0; i < t->len; i++) {
        if (i > 0 && !strcmp(t->by_name[i - 1]->name, t->by_name[i]->name)) continue;
        size_t h = code_hash(t->by_name[i]->name, t->code_bits);
        while (t->name_slot[h]) h = (h + 1) & mask;
        t->name_slot[h] = (uint32_t)i + 1;
    }
    return true;
}

static bool build_indexes(cat_table *t)
{
    set_years(t);
    if (t->len > 1) qsort(t->rows, t->len, sizeof *t->rows, row_cmp);
    if (t->len >= UINT32_MAX || !index_codes(t)) return false;
    t->by_name = malloc((t->len ? t->len : 1) * sizeof *t->by_name);
    if (!t->by_name) return false;
    for (size_t i = 0; i < t->len; i++) t->by_name[i] = &t->rows[i];
    if (t->len > 1) qsort(t->by_name, t->len, sizeof *t->by_name, name_idx_cmp);
    return index_names(t);
}

static void table_free(cat_table *t)
{
    jue_blocks_free(&t->strings);
    free(t->rows);
    free(t->by_name);
    free(t->code_slot);
    free(t->name_slot);
    memset(t, 0, sizeof *t);
}

bool jue_catalog_lists_children(const jue_catalog *cat, jue_cat_kind kind, const char *parent)
{
    if (!cat || (unsigned)kind > 1) return false;
    const cat_table *t = &cat->t[kind];
    if (!parent || !*parent) return t->all_classes;
    /* complete when the parent or any ancestor of it is declared complete */
    char cur[16];
    snprintf(cur, sizeof cur, "%s", parent);
    for (;;) {
        for (size_t i = 0; i < t->ncomplete; i++)
            if (!strcmp(t->complete[i], cur)) return true;
        char up[16];
        if (!jue_code_parent(kind, cur, up, sizeof up)) return false;
        snprintf(cur, sizeof cur, "%s", up);
    }
}

bool jue_catalog_complete_for(const jue_catalog *cat, jue_cat_kind kind, const char *code)
{
    if (!code || jue_code_level(kind, code) == JUE_LEVEL_NONE) return false;
    char parent[16];
    if (!jue_code_parent(kind, code, parent, sizeof parent)) return jue_catalog_lists_children(cat, kind, NULL);
    return jue_catalog_lists_children(cat, kind, parent);
}

void jue_catalog_free(jue_catalog *cat)
{
    if (!cat) return;
    table_free(&cat->t[0]);
    table_free(&cat->t[1]);
    free(cat);
}

/* Loads one file into t. Returns JUE_ERR_IO if it cannot be read. */
static jue_status load_one(cat_table *t, jue_cat_kind kind, const char *dir, const char *base,
                           jue_diags *diags, size_t *errors, bool *nomem)
{
    jue_buf path;
    jue_buf_init(&path);
    jue_buf_printf(&path, "%s/%s", dir, base);
    if (jue_buf_err(&path)) { jue_buf_free(&path); *nomem = true; return JUE_ERR_NOMEM; }
    diag_ctx dc = { diags, jue_buf_str(&path), 0, false };
    char *text = NULL;
    size_t len = 0;
    jue_status s = jue_read_file(dc.file, &text, &len);
    if (s == JUE_ERR_NOMEM) {
        dc.nomem = true;
    } else if (s != JUE_OK) {
        diag(&dc, JUE_SEV_ERROR, 0, 0, "无法读取%s科目表", kind_word(kind));
    } else {
        parse_file(t, kind, text, len, &dc);
        free(text);
        if (!dc.nomem && !build_indexes(t)) dc.nomem = true;
        if (!dc.nomem) {
            check_overlaps(t, &dc);
            check_parents(t, kind, &dc);
        }
    }
    *errors += dc.errors;
    if (dc.nomem) *nomem = true;
    jue_buf_free(&path);
    return s;
}

jue_status jue_catalog_load(const char *dir, jue_catalog **out, jue_diags *diags)
{
    if (out) *out = NULL;
    if (!out) return JUE_ERR_INVALID;
    jue_buf dflt;
    jue_buf_init(&dflt);
    if (!dir) {
        jue_buf_printf(&dflt, "%s/catalog", jue_data_dir());
        if (jue_buf_err(&dflt)) { jue_buf_free(&dflt); return JUE_ERR_NOMEM; }
        dir = jue_buf_str(&dflt);
    }
    jue_catalog *cat = calloc(1, sizeof *cat);
    if (!cat) { jue_buf_free(&dflt); return JUE_ERR_NOMEM; }
    size_t errors = 0;
    bool nomem = false;
    /* Both files are read even if the first fails, so one run reports all. */
    jue_status s1 = load_one(&cat->t[JUE_CAT_FUNCTIONAL], JUE_CAT_FUNCTIONAL, dir, "functional.csv",
                             diags, &errors, &nomem);
    jue_status s2 = load_one(&cat->t[JUE_CAT_ECONOMIC], JUE_CAT_ECONOMIC, dir, "economic.csv",
                             diags, &errors, &nomem);
    jue_buf_free(&dflt);
    jue_status s = JUE_OK;
    if (nomem) s = JUE_ERR_NOMEM;
    else if (s1 == JUE_ERR_IO || s2 == JUE_ERR_IO) s = JUE_ERR_IO;
    else if (errors) s = JUE_ERR_INVALID;
    if (s != JUE_OK) { jue_catalog_free(cat); return s; }
    *out = cat;
    return JUE_OK;
}

/* ---- queries ------------------------------------------------------------- */

static const cat_table *table_of(const jue_catalog *cat, jue_cat_kind kind)
{
    if (!cat || (kind != JUE_CAT_FUNCTIONAL && kind != JUE_CAT_ECONOMIC)) return NULL;
    return &cat->t[kind];
}

static const cat_row *find_row(const jue_catalog *cat, jue_cat_kind kind, const char *code, int year)
{
    const cat_table *t = table_of(cat, kind);
    if (!t || !code) return NULL;
    size_t first = first_row(t, code);
    for (size_t i = first; i < t->len; i++) {
        const cat_row *r = &t->rows[i];
        /* the index's answer has the code (lower_bound's may not) */
        if ((i != first || !t->code_slot) && strcmp(r->code, code) != 0) break;
        if (r->from > year) break;     /* periods are sorted by start */
        if (year <= r->to) return r;
    }
    return NULL;
}

const char *jue_catalog_name(const jue_catalog *cat, jue_cat_kind kind, const char *code, int year)
{
    const cat_row *r = find_row(cat, kind, code, year);
    return r ? r->name : NULL;
}

const char *jue_catalog_source(const jue_catalog *cat, jue_cat_kind kind, const char *code, int year)
{
    const cat_row *r = find_row(cat, kind, code, year);
    return r ? r->source : NULL;
}

size_t jue_catalog_children(const jue_catalog *cat, jue_cat_kind kind, const char *code, int year,
                            const char **out, size_t max)
{
    const cat_table *t = table_of(cat, kind);
    if (!t) return 0;
    size_t plen = 0, clen = 3;
    if (code && *code) {
        jue_level lv = jue_code_level(kind, code);
        if (lv == JUE_LEVEL_NONE) return 0;
        plen = strlen(code);
        clen = plen + 2;
        if (level_of_len(kind, clen) == JUE_LEVEL_NONE) return 0;
    }
    size_t count = 0;
    /* Every code with the prefix sorts in one run starting at the prefix. */
    for (size_t i = plen ? lower_bound(t, code) : 0; i < t->len; i++) {
        const cat_row *r = &t->rows[i];
        if (plen && strncmp(r->code, code, plen) != 0) break;
        if (strlen(r->code) != clen || year < r->from || year > r->to) continue;
        if (out && count < max) out[count] = r->code;
        count++;
    }
    return count;
}

const char *jue_catalog_find_name(const jue_catalog *cat, jue_cat_kind kind, const char *name,
                                  jue_level level, const char *parent, int year)
{
    const cat_table *t = table_of(cat, kind);
    if (!t || !name || !t->len) return NULL;
    size_t plen = parent ? strlen(parent) : 0;
    /* The first of the name in the name index; equal names then come in
     * code order, so the first match is the lowest code. */
    size_t lo = first_named(t, name);
    for (size_t i = lo; i < t->len; i++) {
        const cat_row *r = t->by_name[i];
        if (strcmp(r->name, name) != 0) break;
        if (year < r->from || year > r->to) continue;
        if (level != JUE_LEVEL_NONE && level_of_len(kind, strlen(r->code)) != level) continue;
        if (plen && (strncmp(r->code, parent, plen) != 0 || strlen(r->code) <= plen)) continue;
        return r->code;
    }
    return NULL;
}

void jue_catalog_years(const jue_catalog *cat, jue_cat_kind kind, int *from, int *to)
{
    const cat_table *t = table_of(cat, kind);
    if (from) *from = t ? t->years_from : 0;
    if (to) *to = t ? t->years_to : 0;
}

bool jue_catalog_covers(const jue_catalog *cat, jue_cat_kind kind, int year)
{
    int from, to;
    jue_catalog_years(cat, kind, &from, &to);
    return year >= from && year <= to;
}

int jue_catalog_near_year(const jue_catalog *cat, jue_cat_kind kind, int year)
{
    int from, to;
    jue_catalog_years(cat, kind, &from, &to);
    if (!from || !to) return year;
    return year < from ? from : year > to ? to : year;
}
