#include "csv.h"
#include "encoding.h"

#include <stdlib.h>
#include <string.h>

int jue_utf8_col(const char *line_start, const char *p)
{
    return 1 + (int)jue_utf8_count(line_start, (size_t)(p - line_start));
}

/* The first line that is neither blank nor a comment: tabs against commas
 * outside quotes (a header cell never holds a tab; a quoted one may hold a comma). */
static char choose_sep(const char *p, const char *end)
{
    for (;;) {
        const char *q = p;
        while (q < end && (*q == ' ' || *q == '\t' || *q == ',')) q++;
        if (q >= end) return ',';
        if (*q == '#' || *q == '\r' || *q == '\n') {
            const char *nl = memchr(q, '\n', (size_t)(end - q));
            if (!nl) return ',';
            p = nl + 1;
            continue;
        }
        break;
    }
    size_t tabs = 0, commas = 0;
    bool quoted = false;
    for (; p < end && (quoted || (*p != '\n' && *p != '\r')); p++) {
        if (*p == '"') quoted = !quoted;
        else if (!quoted && *p == '\t') tabs++;
        else if (!quoted && *p == ',') commas++;
    }
    return tabs > commas ? '\t' : ',';
}

void jue_csv_init(jue_csv_reader *r, const char *file, const char *text, size_t len)
{
    r->p = text;
    r->end = text + len;
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) r->p += 3;
    r->line = 1;
    r->line_start = r->p;
    r->file = file;
    r->sep = choose_sep(r->p, r->end);
}

void jue_csv_record_free(jue_csv_record *rec)
{
    for (size_t i = 0; i < rec->n; i++) free(rec->f[i].text);
    free(rec->f);
    memset(rec, 0, sizeof *rec);
}

static void clear(jue_csv_record *rec)
{
    for (size_t i = 0; i < rec->n; i++) free(rec->f[i].text);
    rec->n = 0;
}

static bool add_field(jue_csv_record *rec, jue_buf *b, int line, int col)
{
    if (rec->n == rec->cap) {
        size_t nc = rec->cap ? rec->cap * 2 : 8;
        jue_csv_field *nf = realloc(rec->f, nc * sizeof *nf);
        if (!nf) return false;
        rec->f = nf;
        rec->cap = nc;
    }
    char *t = jue_buf_take(b);
    if (!t) return false;
    rec->f[rec->n++] = (jue_csv_field){ t, line, col };
    return true;
}

static void newline(jue_csv_reader *r, const char *after)
{
    r->line++;
    r->line_start = after;
}

int jue_csv_next(jue_csv_reader *r, jue_csv_record *rec, jue_diags *diags)
{
    clear(rec);
    /* skip blank and comment lines */
    for (;;) {
        if (r->p >= r->end) return 0;
        const char *q = r->p;
        while (q < r->end && (*q == ' ' || *q == '\t' || *q == ',')) q++;
        if (q < r->end && *q == '#') {
            while (q < r->end && *q != '\n') q++;
        }
        if (q < r->end && (*q == '\r' || *q == '\n')) {
            if (*q == '\r' && q + 1 < r->end && q[1] == '\n') q++;
            r->p = q + 1;
            newline(r, r->p);
            continue;
        }
        if (q >= r->end) { r->p = q; return 0; }
        break;
    }
    rec->line = r->line;
    jue_buf b;
    jue_buf_init(&b);
    int bad = 0;
    for (;;) {
        int fline = r->line, fcol = jue_utf8_col(r->line_start, r->p);
        jue_buf_reset(&b);
        if (r->p < r->end && *r->p == '"') {
            r->p++;
            for (;;) {
                if (r->p >= r->end) {
                    jue_diag_add(diags, JUE_SEV_ERROR, r->file, fline, fcol,
                                 "引号没有闭合：从此处开始的带引号字段直到文件末尾都没有结束引号");
                    bad = 1;
                    break;
                }
                if (*r->p == '"') {
                    if (r->p + 1 < r->end && r->p[1] == '"') { jue_buf_putc(&b, '"'); r->p += 2; continue; }
                    r->p++;
                    break;
                }
                if (*r->p == '\n') newline(r, r->p + 1);
                jue_buf_putc(&b, *r->p++);
            }
            /* only spaces may follow a closing quote */
            while (r->p < r->end && *r->p != r->sep && (*r->p == ' ' || *r->p == '\t')) r->p++;
            if (!bad && r->p < r->end && *r->p != r->sep && *r->p != '\n' && *r->p != '\r') {
                jue_diag_add(diags, JUE_SEV_ERROR, r->file, r->line,
                             jue_utf8_col(r->line_start, r->p),
                             "结束引号后面还有文字（字段中的引号须写成两个引号）");
                bad = 1;
            }
        } else {
            const char *s = r->p;
            while (r->p < r->end && *r->p != r->sep && *r->p != '\n' && *r->p != '\r') r->p++;
            const char *e = r->p;
            while (s < e && (*s == ' ' || *s == '\t')) { s++; fcol++; }
            while (e > s && (e[-1] == ' ' || e[-1] == '\t')) e--;
            jue_buf_putn(&b, s, (size_t)(e - s));
        }
        if (b.err || !add_field(rec, &b, fline, fcol)) { jue_buf_free(&b); return -1; }
        if (bad) {
            /* resynchronise at the next line */
            while (r->p < r->end && *r->p != '\n') r->p++;
        }
        if (r->p >= r->end) break;
        if (*r->p == r->sep) { r->p++; continue; }
        if (*r->p == '\r') r->p++;
        if (r->p < r->end && *r->p == '\n') { r->p++; newline(r, r->p); }
        break;
    }
    jue_buf_free(&b);
    return bad ? -1 : 1;
}
