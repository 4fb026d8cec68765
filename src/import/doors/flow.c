/* What the DOCX and HTML doors share: assembling prose lines into rows and
 * setting cells with a budget on the bytes merge copies may produce. */
#include "import/doors/flow.h"

#include <libxml/xmlerror.h>
#include <libxml/globals.h>
#include <stdlib.h>
#include <string.h>

void jue_d2_text(jue_buf *b, const char *s, bool collapse)
{
    for (const char *p = s; *p; p++) {
        char c = *p;
        bool ws = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
        if (!ws) { jue_buf_putc(b, c); continue; }
        if (collapse && b->len > 0 && (b->data[b->len - 1] == ' ')) continue;
        jue_buf_putc(b, ' ');
    }
}

/* Width of a space character at p (ASCII space, U+00A0, U+2002, U+2003,
 * U+3000) and its byte length; 0 when p is not one. */
static int space_at(const unsigned char *p, const unsigned char *end, size_t *len)
{
    if (p < end && *p == ' ') { *len = 1; return 1; }
    if (end - p >= 2 && p[0] == 0xC2 && p[1] == 0xA0) { *len = 2; return 1; }
    if (end - p >= 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x82 || p[2] == 0x83)) {
        *len = 3;
        return p[2] == 0x82 ? 1 : 2;
    }
    if (end - p >= 3 && p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) { *len = 3; return 2; }
    return 0;
}

jue_status jue_d2_set(jue_grow *r, int col, const char *text, bool copy, size_t *bytes)
{
    if (col < 0 || col >= JUE_D2_MAX_COLS) return JUE_OK;
    size_t n = strlen(text);
    if (*bytes + n + 16 > JUE_D2_MAX_BYTES) return JUE_ERR_LIMIT;
    *bytes += n + 16;   /* 16: the cell's own overhead, so empty copies count too */
    jue_gcell *c = jue_grow_set(r, col, text, n);
    if (!c) return JUE_ERR_NOMEM;
    c->copy = copy;
    return JUE_OK;
}

/* Appends the cell [s, e) at *col (trimmed by jue_grow_set). */
static jue_status put_cell(jue_grow *r, int *col, const char *s, const char *e, size_t *bytes)
{
    char *t = malloc((size_t)(e - s) + 1);
    if (!t) return JUE_ERR_NOMEM;
    memcpy(t, s, (size_t)(e - s));
    t[e - s] = '\0';
    jue_status st = jue_d2_set(r, *col, t, false, bytes);
    free(t);
    (*col)++;
    return st;
}

static bool blank(const char *s, const char *e)
{
    const unsigned char *p = (const unsigned char *)s, *end = (const unsigned char *)e;
    size_t k;
    while (p < end) {
        if (*p == (unsigned char)JUE_D2_BREAK) { p++; continue; }
        if (space_at(p, end, &k)) { p += k; continue; }
        return false;
    }
    return true;
}

jue_status jue_d2_flush(jue_grid *g, jue_buf *b, int line, size_t *bytes)
{
    if (jue_buf_err(b)) return jue_buf_err(b);
    const char *s = jue_buf_str(b), *end = s + b->len;
    if (blank(s, end)) { jue_buf_reset(b); return JUE_OK; }
    /* leading and trailing breaks are indentation, not empty cells */
    while (s < end && (*s == JUE_D2_BREAK || *s == ' ')) s++;
    while (end > s && (end[-1] == JUE_D2_BREAK || end[-1] == ' ')) end--;
    jue_grow *r = jue_grid_add_row(g, line);
    if (!r) return JUE_ERR_NOMEM;
    int col = 0;
    jue_status st = JUE_OK;
    const char *cell = s;
    const unsigned char *p = (const unsigned char *)s, *ue = (const unsigned char *)end;
    while (p < ue && !st) {
        if (*p == (unsigned char)JUE_D2_BREAK) {
            st = put_cell(r, &col, cell, (const char *)p, bytes);
            cell = (const char *)++p;
            continue;
        }
        size_t k;
        int w = 0;
        const unsigned char *q = p;
        int width;
        while (q < ue && (width = space_at(q, ue, &k)) > 0) { w += width; q += k; }
        if (w >= 4 && (const char *)p > cell && q < ue && *q != (unsigned char)JUE_D2_BREAK) {
            st = put_cell(r, &col, cell, (const char *)p, bytes);
            cell = (const char *)q;
            p = q;
            continue;
        }
        p = q > p ? q : p + 1;
    }
    if (!st) st = put_cell(r, &col, cell, end, bytes);
    jue_buf_reset(b);
    return st;
}

void jue_d2_drop_last(jue_grid *g) { jue_grid_drop_last(g); }

static void quiet_generic(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

static void quiet_structured(void *ctx, xmlErrorPtr e)
{
    (void)ctx;
    (void)e;
}

void jue_d2_quiet_on(jue_d2_quiet *q)
{
    /* function pointers travel as data pointers: POSIX guarantees they fit */
    xmlGenericErrorFunc g = xmlGenericError;
    xmlStructuredErrorFunc s = xmlStructuredError;
    memcpy(&q->generic, &g, sizeof g);
    memcpy(&q->structured, &s, sizeof s);
    q->generic_ctx = xmlGenericErrorContext;
    q->structured_ctx = xmlStructuredErrorContext;
    xmlSetGenericErrorFunc(NULL, quiet_generic);
    xmlSetStructuredErrorFunc(NULL, quiet_structured);
}

void jue_d2_quiet_off(const jue_d2_quiet *q)
{
    xmlGenericErrorFunc g;
    xmlStructuredErrorFunc s;
    memcpy(&g, &q->generic, sizeof g);
    memcpy(&s, &q->structured, sizeof s);
    xmlSetGenericErrorFunc(q->generic_ctx, g);
    xmlSetStructuredErrorFunc(q->structured_ctx, s);
}
