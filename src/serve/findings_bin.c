/* Findings between a worker and the server: each finding as its fields in a
 * fixed order, a string as a 4-byte length (0xFFFFFFFF for none) and its
 * bytes, a number as 4 bytes, little or big endian as the machine has it
 * (the worker is a fork of the server). The reader checks every length. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "serve_internal.h"

#define NONE 0xFFFFFFFFu

static void put_u32(jue_buf *b, uint32_t v) { jue_buf_putn(b, (const char *)&v, 4); }

static void put_str(jue_buf *b, const char *s)
{
    put_u32(b, s ? (uint32_t)strlen(s) : NONE);
    if (s) jue_buf_puts(b, s);
}

void serve_findings_encode(const jue_findings *f, jue_buf *out)
{
    put_u32(out, (uint32_t)f->len);
    for (size_t i = 0; i < f->len; i++) {
        const jue_finding *x = &f->items[i];
        int32_t ints[5] = { (int32_t)x->severity, x->line, x->col, x->page, x->table };
        put_str(out, x->rule), put_str(out, x->message), put_str(out, x->file);
        jue_buf_putn(out, (const char *)ints, sizeof ints);
        jue_buf_putn(out, (const char *)x->box, sizeof x->box);
        put_str(out, x->row), put_str(out, x->column), put_str(out, x->expected), put_str(out, x->actual);
    }
}

typedef struct {
    const char *p;
    size_t n;
    bool bad;
} reader;

static void take(reader *r, void *to, size_t n)
{
    if (r->bad || r->n < n) { r->bad = true; memset(to, 0, n); return; }
    memcpy(to, r->p, n);
    r->p += n, r->n -= n;
}

static char *take_str(reader *r)
{
    uint32_t len;
    take(r, &len, 4);
    if (r->bad || len == NONE) return NULL;
    if (len > r->n || memchr(r->p, 0, len)) { r->bad = true; return NULL; }
    char *s = malloc((size_t)len + 1);
    if (!s) { r->bad = true; return NULL; }
    memcpy(s, r->p, len);
    s[len] = 0;
    r->p += len, r->n -= len;
    return s;
}

static void free_one(jue_finding *x)
{
    free(x->rule), free(x->message), free(x->file), free(x->row), free(x->column), free(x->expected), free(x->actual);
}

bool serve_findings_decode(const char *p, size_t n, jue_findings *f)
{
    reader r = { p, n, false };
    uint32_t count;
    take(&r, &count, 4);
    for (uint32_t i = 0; !r.bad && i < count; i++) {
        jue_finding x = { 0 };
        int32_t ints[5];
        x.rule = take_str(&r), x.message = take_str(&r), x.file = take_str(&r);
        take(&r, ints, sizeof ints);
        take(&r, x.box, sizeof x.box);
        x.row = take_str(&r), x.column = take_str(&r), x.expected = take_str(&r), x.actual = take_str(&r);
        x.severity = ints[0] >= 0 && ints[0] <= JUE_SEV_INFO ? (jue_severity)ints[0] : JUE_SEV_ERROR;
        x.line = ints[1], x.col = ints[2], x.page = ints[3];
        x.table = ints[4] >= -1 && ints[4] < JUE_NTABLES ? ints[4] : -1;
        if (!r.bad && (!x.rule || !x.message || jue_findings_add(f, &x) != JUE_OK)) r.bad = true;
        free_one(&x);
    }
    return !r.bad && r.n == 0;
}
