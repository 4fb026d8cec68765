/* A finding shown in its document as HTML: the table with the cell marked,
 * or the paragraph of the notes with the sentence and the figure marked
 * (view.h). The PDF page picture is page_image.c. */
#include "render_internal.h"

#include <juesuan/view.h>

#include "core/encoding.h"
#include "import/import_internal.h"

#include <string.h>

/* The tables as their own page draws them, without its page-wide rules
 * (body, @page), so the fragment fits into another page. */
static const char VIEW_CSS[] =
    "section.sheet{margin:0 0 1em}.label{text-align:right;font-size:12px}\n"
    "section.sheet h2{font-size:18px;text-align:center;margin:2px 0 10px}\n"
    ".meta{display:flex;justify-content:space-between;gap:2em;margin-bottom:4px;font-size:12px}\n"
    "table.form{border-collapse:collapse;width:100%;font-size:13px}\n"
    "table.form th,table.form td{border:1px solid #000;padding:3px 5px;vertical-align:middle}\n"
    "table.form th{font-weight:700;text-align:center;background:#f0f0f0}\n"
    "table.form td.num,table.form td.code,table.form td.line{white-space:nowrap;font-variant-numeric:tabular-nums}\n"
    "table.form td.num{text-align:right}table.form td.tot{font-weight:700}\n"
    "table.form td.l2{padding-left:1.5em}table.form td.l3{padding-left:3em}.note{font-size:12px}\n"
    "td[data-hit]{background:#fbd3d3 !important;outline:3px solid #d01010;outline-offset:-2px}\n"
    ".note-view{font-size:15px;line-height:1.8;max-width:46em;margin:0 auto;padding:12px 16px;"
    "border:1px solid #ccc;background:#fafafa}\n"
    ".note-view .where{color:#555;font-size:13px;margin:0 0 6px}\n"
    "mark.sentence{background:#fff1b8}\n"
    "mark.figure{background:#fbd3d3;outline:2px solid #d01010;font-weight:700}\n";

const char *jue_view_css(void) { return VIEW_CSS; }

static void put_key(jue_buf *out, const char *s)
{
    for (; *s; s++) jue_buf_putc(out, (*s == ' ' || *s == '\t' || *s == '\n') ? '_' : *s);
}

bool jue_finding_cell_id(const jue_disclosure *d, const jue_finding *f, jue_buf *out)
{
    if (f->table < 0 || f->table >= JUE_NTABLES || !f->row || !f->column) return false;
    jue_buf_printf(out, "T%02d-", f->table + 1);
    const jue_table *t = d ? d->tables[f->table] : NULL;
    if (t && (f->table == JUE_T01 || f->table == JUE_T04)) {
        int r = jue_table_find_row(t, f->row, JUE_SIDE_NONE);
        if (r >= 0 && t->rows[r].side == JUE_SIDE_INCOME) jue_buf_puts(out, "inc-");
        if (r >= 0 && t->rows[r].side == JUE_SIDE_EXPEND) jue_buf_puts(out, "exp-");
    }
    put_key(out, f->row);
    jue_buf_putc(out, '-');
    put_key(out, f->column);
    return true;
}

/* The table of f with its cell marked. */
static jue_status table_view(const jue_disclosure *d, const jue_finding *f, jue_buf *out)
{
    const jue_table *t = d->tables[f->table];
    if (!t) return JUE_ERR_NOTFOUND;
    jue_buf id;
    jue_buf_init(&id);
    const char *hit = jue_finding_cell_id(d, f, &id) ? jue_buf_str(&id) : NULL;
    jue_status st = jue_buf_err(&id);
    if (!st) st = jue_rd_html_table_hit(out, d, t, hit);
    jue_buf_free(&id);
    return st;
}

/* The row of the document's grids printed at line (the notes' rows first),
 * or NULL. */
static const jue_grow *row_at(const jue_idoc *doc, int line, int page)
{
    const jue_grow *any = NULL;
    for (size_t g = 0; g < doc->n; g++)
        for (size_t i = 0; i < doc->grids[g].n; i++) {
            const jue_grow *r = &doc->grids[g].rows[i];
            if (r->line != line || (page > 0 && r->page > 0 && r->page != page)) continue;
            if (!r->used) return r;
            if (!any) any = r;
        }
    return any;
}

/* Byte offset of character k (0-based) of s, or strlen(s). */
static size_t byte_at(const char *s, size_t k)
{
    size_t n = strlen(s), i = 0;
    while (i < n && k--) {
        size_t c = jue_utf8_seq((const unsigned char *)s + i, n - i);
        i += c ? c : 1;
    }
    return i;
}

static bool sentence_end(const char *s, size_t i)
{
    static const char *const E[] = { "。", "；", "！", "？", ";", "!", "?" };
    for (size_t k = 0; k < sizeof E / sizeof E[0]; k++)
        if (!strncmp(s + i, E[k], strlen(E[k]))) return true;
    return false;
}

/* The sentence of s holding byte `at`: [*a, *b). */
static void sentence_around(const char *s, size_t at, size_t *a, size_t *b)
{
    size_t n = strlen(s), start = 0;
    for (size_t i = 0; i < n;) {
        size_t c = jue_utf8_seq((const unsigned char *)s + i, n - i);
        if (!c) c = 1;
        if (sentence_end(s, i)) {
            if (at < i + c) { *a = start, *b = i + c; return; }
            start = i + c;
        }
        i += c;
    }
    *a = start, *b = n;
}

static void esc_n(jue_buf *out, const char *s, size_t n)
{
    jue_buf tmp;
    jue_buf_init(&tmp);
    jue_buf_putn(&tmp, s, n);
    jue_rd_html_esc(out, jue_buf_str(&tmp));
    jue_buf_free(&tmp);
}

/* The text of row r (its cells joined by two spaces) and the character
 * where f's column falls in it (-1 when not known). */
static long row_text(const jue_grow *r, const jue_finding *f, jue_buf *text)
{
    long chars = 0, at = -1;
    for (size_t i = 0; i < r->n; i++) {
        const jue_gcell *c = &r->cells[i];
        if (!*c->text || c->copy) continue;
        if (text->len) { jue_buf_puts(text, "  "); chars += 2; }
        long len = (long)jue_utf8_count(c->text, strlen(c->text));
        if (f->col > 0 && c->pos > 0 && f->col >= c->pos && f->col < c->pos + len) at = chars + (f->col - c->pos);
        jue_buf_puts(text, c->text);
        chars += len;
    }
    return at;
}

/* The paragraph of the notes at f's line, the sentence and figure marked. */
static jue_status note_view(const jue_idoc *doc, const jue_finding *f, jue_buf *out)
{
    const jue_grow *r = f->line > 0 ? row_at(doc, f->line, f->page) : NULL;
    if (!r) return JUE_ERR_NOTFOUND;
    jue_buf text;
    jue_buf_init(&text);
    long at = row_text(r, f, &text);
    const char *s = jue_buf_str(&text);
    /* the figure: the printed value nearest the finding's column */
    size_t fa = 0, fb = 0, col = at >= 0 ? byte_at(s, (size_t)at) : 0;
    if (f->actual && *f->actual) {
        size_t n = strlen(f->actual), best = SIZE_MAX;
        for (const char *m = s; (m = strstr(m, f->actual)) != NULL; m++) {
            size_t o = (size_t)(m - s), d = o > col ? o - col : col - o;
            if (d < best) best = d, fa = o, fb = o + n;
        }
    }
    size_t sa, sb;
    sentence_around(s, fb > fa ? fa : col, &sa, &sb);
    if (fb > fa && (fa < sa || fb > sb)) fa = fb = 0;   /* a figure across sentences: the sentence only */
    jue_buf_puts(out, "<div class=\"note-view\"><p class=\"where\">");
    if (f->page > 0) jue_buf_printf(out, "第%d页，", f->page);
    jue_buf_printf(out, "第%d行</p><p>", r->line);
    esc_n(out, s, sa);
    jue_buf_puts(out, "<mark class=\"sentence\">");
    if (fb > fa) {
        esc_n(out, s + sa, fa - sa);
        jue_buf_puts(out, "<mark class=\"figure\">");
        esc_n(out, s + fa, fb - fa);
        jue_buf_puts(out, "</mark>");
        esc_n(out, s + fb, sb - fb);
    } else {
        esc_n(out, s + sa, sb - sa);
    }
    jue_buf_puts(out, "</mark>");
    jue_rd_html_esc(out, s + sb);
    jue_buf_puts(out, "</p></div>\n");
    jue_status st = jue_buf_err(&text);
    jue_buf_free(&text);
    return st ? st : jue_buf_err(out);
}

jue_status jue_view_html(const jue_auditor *a, const char *path, const jue_finding *f, jue_buf *out,
                         jue_diags *diags)
{
    bool cell = f->table >= 0 && f->table < JUE_NTABLES && f->row && f->column;
    if (!cell && f->line <= 0) return JUE_ERR_NOTFOUND;
    jue_import_ctx ctx = { .cat = jue_auditor_catalog(a), .prof = jue_auditor_profile(a), .aliases = NULL,
                           .lexicon = jue_auditor_lexicon(a) };
    jue_disclosure *d = NULL;
    jue_idoc *doc = NULL;
    jue_status st = jue_import_path(path, JUE_IN_AUTO, &ctx, &d, &doc, diags);
    if (!st) {
        st = JUE_ERR_NOTFOUND;
        if (cell) st = table_view(d, f, out);
        if (st == JUE_ERR_NOTFOUND && f->line > 0 && doc) st = note_view(doc, f, out);
    }
    jue_idoc_free(doc);
    jue_disclosure_free(d);
    return st;
}
