/* Findings: the list an audit appends to, its document order, and its two
 * textual forms (a line of text, a JSON object). */
#include <juesuan/rules.h>

#include <stdlib.h>
#include <string.h>

void jue_findings_init(jue_findings *f) { memset(f, 0, sizeof *f); }

static void finding_free(jue_finding *x)
{
    free(x->rule);
    free(x->message);
    free(x->file);
    free(x->row);
    free(x->column);
    free(x->expected);
    free(x->actual);
}

void jue_findings_free(jue_findings *f)
{
    if (!f) return;
    for (size_t i = 0; i < f->len; i++) finding_free(&f->items[i]);
    free(f->items);
    memset(f, 0, sizeof *f);
}

void jue_findings_cut(jue_findings *f, size_t len)
{
    for (size_t i = len; i < f->len; i++) finding_free(&f->items[i]);
    if (len < f->len) f->len = len;
}

jue_status jue_findings_add(jue_findings *f, const jue_finding *x)
{
    if (f->len == f->cap) {
        size_t nc = f->cap ? f->cap * 2 : 16;
        jue_finding *n = realloc(f->items, nc * sizeof *n);
        if (!n) return JUE_ERR_NOMEM;
        f->items = n;
        f->cap = nc;
    }
    jue_finding c = *x;
    c.rule = jue_strdup(x->rule);
    c.message = jue_strdup(x->message);
    c.file = jue_strdup(x->file);
    c.row = jue_strdup(x->row);
    c.column = jue_strdup(x->column);
    c.expected = jue_strdup(x->expected);
    c.actual = jue_strdup(x->actual);
    if ((x->rule && !c.rule) || (x->message && !c.message) || (x->file && !c.file) || (x->row && !c.row) ||
        (x->column && !c.column) || (x->expected && !c.expected) || (x->actual && !c.actual)) {
        finding_free(&c);
        return JUE_ERR_NOMEM;
    }
    f->items[f->len++] = c;
    return JUE_OK;
}

typedef struct {
    const jue_finding *f;
    size_t i;
} sortref;

static int cmp_int(int a, int b) { return a < b ? -1 : a > b; }

/* One document's findings: page, line, column (no place sorts first: a
 * missing table), then table; otherwise as added (jue_audit adds a table's
 * findings in row order). */
static int cmp_ref(const void *a, const void *b)
{
    const sortref *x = a, *y = b;
    int c = cmp_int(x->f->page, y->f->page);
    if (!c) c = cmp_int(x->f->line, y->f->line);
    if (!c) c = cmp_int(x->f->col, y->f->col);
    if (!c) c = cmp_int(x->f->table, y->f->table);
    return c ? c : (x->i < y->i ? -1 : x->i > y->i);
}

void jue_findings_sort(jue_findings *f)
{
    if (!f || f->len < 2) return;
    sortref *r = malloc(f->len * sizeof *r);
    jue_finding *n = malloc(f->len * sizeof *n);
    if (!r || !n) { free(r); free(n); return; }   /* stays in insertion order */
    for (size_t i = 0; i < f->len; i++) r[i] = (sortref){ &f->items[i], i };
    qsort(r, f->len, sizeof *r, cmp_ref);
    for (size_t i = 0; i < f->len; i++) n[i] = *r[i].f;
    memcpy(f->items, n, f->len * sizeof *n);
    free(r);
    free(n);
}

jue_status jue_findings_name_file(jue_findings *f, const char *file)
{
    for (size_t i = 0; f && file && i < f->len; i++)
        if (!f->items[i].file && !(f->items[i].file = jue_strdup(file))) return JUE_ERR_NOMEM;
    return JUE_OK;
}

const char *jue_severity_zh(jue_severity s)
{
    return s == JUE_SEV_WARNING ? "警告" : s == JUE_SEV_INFO ? "提示" : "错误";
}

size_t jue_findings_count(const jue_findings *f, jue_severity s)
{
    size_t n = 0;
    for (size_t i = 0; f && i < f->len; i++) n += f->items[i].severity == s;
    return n;
}

/* file:LINE: (text-like), file:第N页: (PDF) or file: T03[行].栏: where only
 * the cell says where; then 错误：message（应为 X，实为 Y） [rule]. */
void jue_finding_format_text(const jue_finding *f, jue_buf *out)
{
    if (f->file) jue_buf_puts(out, f->file);
    if (f->page > 0) jue_buf_printf(out, ":第%d页", f->page);
    else if (f->line > 0) jue_buf_printf(out, ":%d", f->line);
    if (f->file || f->line > 0 || f->page > 0) jue_buf_puts(out, ": ");
    if ((f->line <= 0 || f->page > 0) && f->table >= 0 && f->table < JUE_NTABLES) {
        jue_buf_printf(out, "T%02d", f->table + 1);
        if (f->row) jue_buf_printf(out, "[%s]", f->row);
        if (f->column) jue_buf_printf(out, ".%s", f->column);
        jue_buf_puts(out, ": ");
    }
    jue_buf_printf(out, "%s：%s", jue_severity_zh(f->severity), f->message ? f->message : "");
    if (f->expected && f->actual) jue_buf_printf(out, "（应为 %s，实为 %s）", f->expected, f->actual);
    jue_buf_printf(out, " [%s]", f->rule ? f->rule : "");
}

/* The length of the valid UTF-8 sequence led by p[0] (0x80 and above), or 0. */
static size_t utf8_ok(const unsigned char *p)
{
    unsigned c = *p;
    size_t k = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    bool ok = k != 0 && !(k == 2 && c < 0xC2);
    for (size_t i = 1; ok && i < k; i++)
        if ((p[i] & 0xC0) != 0x80) ok = false;
    if (ok && k == 3) {
        unsigned cp = ((c & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
        if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) ok = false;
    }
    if (ok && k == 4) {
        unsigned cp = ((c & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
        if (cp < 0x10000 || cp > 0x10FFFF) ok = false;
    }
    return ok ? k : 0;
}

/* JSON string with escapes; invalid UTF-8 becomes U+FFFD so the output is
 * always valid JSON. The bytes that need neither go out as runs. */
static void json_str(jue_buf *b, const char *s)
{
    if (!s) { jue_buf_puts(b, "null"); return; }
    jue_buf_putc(b, '"');
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        const unsigned char *run = p;
        for (size_t k;; p += k) {
            unsigned c = *p;
            if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') k = 1;
            /* U+1000..U+FFFF but the surrogates: no overlong form there */
            else if (c >= 0xE1 && c != 0xED && c <= 0xEF && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) k = 3;
            else if (c < 0x80 || !(k = utf8_ok(p))) break;
        }
        if (p > run) jue_buf_putn(b, (const char *)run, (size_t)(p - run));
        unsigned c = *p;
        if (!c) break;
        if (c == '"' || c == '\\') { jue_buf_putc(b, '\\'); jue_buf_putc(b, (char)c); }
        else if (c == '\n') jue_buf_puts(b, "\\n");
        else if (c == '\t') jue_buf_puts(b, "\\t");
        else if (c == '\r') jue_buf_puts(b, "\\r");
        else if (c < 0x20 || c == 0x7F) jue_buf_printf(b, "\\u%04x", c);
        else jue_buf_puts(b, "\xEF\xBF\xBD");   /* invalid UTF-8 */
        p++;
    }
    jue_buf_putc(b, '"');
}

void jue_finding_format_json(const jue_finding *f, jue_buf *out)
{
    jue_buf_puts(out, "{\"rule\":");
    json_str(out, f->rule);
    jue_buf_puts(out, ",\"severity\":");
    json_str(out, jue_severity_str(f->severity));
    jue_buf_puts(out, ",\"message\":");
    json_str(out, f->message);
    jue_buf_puts(out, ",\"file\":");
    json_str(out, f->file);
    /* a PDF's place is its page (and the figure's box, in points); its line
     * counter is ours, not the reader's */
    if (f->page > 0) jue_buf_printf(out, ",\"page\":%d,\"line\":null", f->page);
    else if (f->line > 0) jue_buf_printf(out, ",\"line\":%d", f->line);
    else jue_buf_puts(out, ",\"line\":null");
    if (f->page > 0 && f->box[2] > f->box[0] && f->box[3] > f->box[1])
        jue_buf_printf(out, ",\"box\":[%.1f,%.1f,%.1f,%.1f]", (double)f->box[0], (double)f->box[1], (double)f->box[2],
                       (double)f->box[3]);
    jue_buf_puts(out, ",\"table\":");
    if (f->table >= 0 && f->table < JUE_NTABLES) jue_buf_printf(out, "\"T%02d\"", f->table + 1);
    else jue_buf_puts(out, "null");
    jue_buf_puts(out, ",\"row\":");
    json_str(out, f->row);
    jue_buf_puts(out, ",\"column\":");
    json_str(out, f->column);
    jue_buf_puts(out, ",\"expected\":");
    json_str(out, f->expected);
    jue_buf_puts(out, ",\"actual\":");
    json_str(out, f->actual);
    jue_buf_putc(out, '}');
}
