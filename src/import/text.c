/* The plain-text door: a disclosure as people get it by copying from a PDF
 * or a Word file. Every line becomes a grid row (line number kept): table
 * rows are split on tabs, on '|' for Markdown pipe tables, or on runs of two
 * or more spaces for space-aligned tables; prose lines are one cell. Markdown
 * leftovers ("#", "- ", "> " at line start, "**" anywhere) are dropped, a
 * Markdown table rule (|---|---|) is a blank row. Names broken over lines are
 * rejoined by the recognizer, which knows where a table row may continue. */
#include "import_internal.h"

#include <string.h>

/* Characters (code points) in [s, s+n): for cell positions. */
static int cp_count(const char *s, size_t n)
{
    int k = 0;
    for (size_t i = 0; i < n; i++) k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

static bool is_rule(const char *s, size_t n)
{
    bool dash = false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '-') dash = true;
        else if (c != '|' && c != ':' && c != ' ' && c != '\t' && c != '+' && c != '=') return false;
    }
    return dash;
}

/* Where a run of two or more spaces (ASCII or U+3000) starts at p, its
 * length in bytes; else 0. */
static size_t space_run(const char *p, const char *end)
{
    const char *q = p;
    int k = 0;
    while (q < end) {
        if (*q == ' ') { q++; k++; }
        else if (end - q >= 3 && (unsigned char)q[0] == 0xE3 && (unsigned char)q[1] == 0x80 &&
                 (unsigned char)q[2] == 0x80) { q += 3; k += 2; }
        else break;
    }
    return k >= 2 ? (size_t)(q - p) : 0;
}

static jue_status add_cell(jue_grow *r, int *col, const char *line, const char *s, const char *e)
{
    jue_gcell *c = jue_grow_set(r, *col, s, (size_t)(e - s));
    if (!c) return *col >= 1024 ? JUE_OK : JUE_ERR_NOMEM;
    c->pos = cp_count(line, (size_t)(s - line)) + 1;
    (*col)++;
    return JUE_OK;
}

static jue_status split_line(jue_grow *r, const char *line, size_t n)
{
    const char *end = line + n, *p = line;
    int col = 0;
    jue_status st = JUE_OK;
    /* Markdown line marks, after leading spaces (a leading tab is an
     * empty first cell, not indentation) */
    const char *m = p;
    while (m < end && *m == ' ') m++;
    if (m < end && *m == '#') {
        while (m < end && *m == '#') m++;
        p = m;
    } else if (end - m >= 2 && (*m == '-' || *m == '*' || *m == '>') && m[1] == ' ') {
        p = m + 2;
    } else if (m < end && *m == '|') {
        p = m;
    }
    if (is_rule(p, (size_t)(end - p))) return JUE_OK;
    if (p < end && *p == '|') {
        const char *s = p + 1;
        const char *e = end;
        while (e > s && (e[-1] == ' ' || e[-1] == '\t')) e--;
        if (e > s && e[-1] == '|') e--;
        for (const char *q = s; q <= e && !st; q++)
            if (q == e || *q == '|') {
                st = add_cell(r, &col, line, s, q);
                s = q + 1;
            }
        return st;
    }
    if (memchr(p, '\t', (size_t)(end - p))) {
        const char *s = p;
        for (const char *q = p; q <= end && !st; q++)
            if (q == end || *q == '\t') {
                st = add_cell(r, &col, line, s, q);
                s = q + 1;
            }
        return st;
    }
    const char *s = p;
    for (const char *q = p; q < end && !st;) {
        size_t k = space_run(q, end);
        if (k && q > s) {
            st = add_cell(r, &col, line, s, q);
            q += k;
            s = q;
        } else {
            q += k ? k : 1;
            if (k) s = q;
        }
    }
    if (!st && s < end) st = add_cell(r, &col, line, s, end);
    return st;
}

jue_status jue_text_read(const char *data, size_t len, jue_idoc *doc, jue_diags *diags)
{
    jue_grid *g = jue_idoc_add_grid(doc, NULL);
    if (!g) return JUE_ERR_NOMEM;
    const char *p = data, *end = data + len;
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;
    int line = 0;
    bool warned = false;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        line++;
        size_t n = (size_t)(e - p);
        if (n > 0 && p[n - 1] == '\r') n--;
        if (!warned && memchr(p, '\0', n)) {
            jue_diag_add(diags, JUE_SEV_WARNING, doc->file, line, 0,
                         "NUL byte in a text file: is this really text?");
            warned = true;
        }
        jue_grow *r = jue_grid_add_row(g, line);
        if (!r) return JUE_ERR_NOMEM;
        jue_status st = split_line(r, p, n);
        if (st) return st;
        p = nl ? nl + 1 : end;
    }
    return JUE_OK;
}
