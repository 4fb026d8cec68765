/* Text renderers: Markdown (the official grid as pipe tables), CSV and JSON
 * (the model, one line per row, for machines). */
#include "render_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* Copies valid UTF-8 and calls back for ASCII bytes; invalid bytes become
 * U+FFFD so the output is always valid UTF-8. */
typedef void (*ascii_fn)(jue_buf *b, char c, void *ctx);

static void put_utf8(jue_buf *b, const char *s, ascii_fn fn, void *ctx)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), i = 0;
    while (i < n) {
        if (p[i] < 0x80) {
            fn(b, s[i], ctx);
            i++;
            continue;
        }
        size_t k = jue_rd_utf8_len(p + i, n - i);
        if (k == 0) {
            jue_buf_puts(b, "\xEF\xBF\xBD");
            i++;
        } else {
            jue_buf_putn(b, s + i, k);
            i += k;
        }
    }
}

/* ---- Markdown ---------------------------------------------------------- */

static void md_ascii(jue_buf *b, char c, bool note)
{
    if (c == '\n') {
        /* In a note a newline is a hard line break; in a cell it must not end the row. */
        jue_buf_puts(b, note ? "\\\n" : " ");
    } else if (c == '\r') {
        /* dropped */
    } else if ((unsigned char)c < 0x20 || c == 0x7F) {
        jue_buf_putc(b, ' ');
    } else {
        /* Names stay literal: < > & become entities (no renderer reads them as
         * HTML), Markdown's own marks get a backslash (| would end a cell). */
        if (c == '<') jue_buf_puts(b, "&lt;");
        else if (c == '>') jue_buf_puts(b, "&gt;");
        else if (c == '&') jue_buf_puts(b, "&amp;");
        else {
            if (strchr("\\`*_[]|~#", c)) jue_buf_putc(b, '\\');
            jue_buf_putc(b, c);
        }
    }
}

static void md_ascii_cell(jue_buf *b, char c, void *ctx)
{
    (void)ctx;
    md_ascii(b, c, false);
}

static void md_ascii_note(jue_buf *b, char c, void *ctx)
{
    (void)ctx;
    md_ascii(b, c, true);
}

static void md_esc(jue_buf *b, const char *s) { put_utf8(b, s, md_ascii_cell, NULL); }

void jue_rd_md_esc(jue_buf *b, const char *s) { md_esc(b, s ? s : ""); }

jue_status jue_render_md_text(const char *md, jue_buf *out)
{
    jue_buf line;
    jue_buf_init(&line);
    for (const char *p = md ? md : ""; *p;) {
        size_t n = strcspn(p, "\n"), h = 0;
        while (h < n && p[h] == '#') h++;
        if (h == 0 || h >= n || p[h] != ' ') h = 0;
        jue_buf_putn(out, p, h);
        jue_buf_reset(&line);
        jue_buf_putn(&line, p + h, n - h);
        put_utf8(out, jue_buf_str(&line), md_ascii_cell, NULL);
        p += n;
        if (*p == '\n') jue_buf_putc(out, '\n'), p++;
    }
    jue_status st = jue_buf_err(&line);
    jue_buf_free(&line);
    return st ? st : jue_buf_err(out);
}

static jue_status md_cell(jue_buf *b, const jue_rd_layout *l, const jue_rd_cell *c)
{
    jue_buf_putc(b, ' ');
    jue_buf text;
    jue_buf_init(&text);
    char num[48];
    switch (c->kind) {
    case JUE_RC_CODE: md_esc(&text, l->t->rows[c->row].key); break;
    case JUE_RC_NAME:
        /* Ideographic spaces show the 款/项 indent without Markdown syntax. */
        for (int i = 1; i < c->level && i < 3; i++) jue_buf_puts(&text, "\xE3\x80\x80");
        if (c->ordinal) {
            jue_rd_ordinal(c->ordinal, num, sizeof num);
            jue_buf_puts(&text, num);
        }
        md_esc(&text, jue_rd_cell_name(l, c));
        break;
    case JUE_RC_LINE:
        if (c->line_no > 0) jue_buf_printf(&text, "%d", c->line_no);
        break;
    case JUE_RC_AMOUNT:
        jue_rd_amount(l->t, c, true, num, sizeof num);
        jue_buf_puts(&text, num);
        break;
    case JUE_RC_BLANK:
    case JUE_RC_COVERED: break;
    }
    /* Built apart first: only a non-empty total cell is made bold. */
    bool bold = text.len > 0 && jue_rd_cell_total(l, c);
    if (bold) jue_buf_puts(b, "**");
    jue_buf_puts(b, jue_buf_str(&text));
    if (bold) jue_buf_puts(b, "**");
    jue_status st = jue_buf_err(&text);
    jue_buf_free(&text);
    jue_buf_puts(b, " |");
    return st;
}

static jue_status md_table(jue_buf *b, const jue_disclosure *d, const jue_table *t)
{
    jue_rd_layout l;
    jue_status st = jue_rd_layout_build(t, &l);
    if (st) return st;
    jue_buf_puts(b, "## ");
    md_esc(b, t->title ? t->title : jue_table_title(t->id));
    const char *label = jue_table_printed_label(t);
    if (t->no_preparer) {
        jue_buf_printf(b, "\n\n%s%s单位：万元\n\n", label, *label ? "　" : "");
    } else {
        jue_buf_printf(b, "\n\n%s%s编制单位：", label, *label ? "　" : "");
        md_esc(b, d->department ? d->department : "");
        jue_buf_puts(b, "　金额单位：万元\n\n");
    }
    if (l.ncols > 0) {
        /* A pipe table has one header line: each column is named by the
         * header cells above it, joined with "/" (收入/金额, 本年支出/小计). */
        jue_buf_putc(b, '|');
        for (int c = 0; c < l.ncols; c++) {
            jue_buf_putc(b, ' ');
            const char *last = NULL;
            for (size_t h = 0; h < l.nheads; h++) {
                const jue_rd_head *hd = &l.heads[h];
                if (hd->r == l.lanci_row || !hd->text || c < hd->c || c >= hd->c + hd->cs) continue;
                if (last && strcmp(last, hd->text) == 0) continue;
                if (last) jue_buf_putc(b, '/');
                md_esc(b, hd->text);
                last = hd->text;
            }
            jue_buf_puts(b, " |");
        }
        jue_buf_puts(b, "\n|");
        for (int c = 0; c < l.ncols; c++) {
            switch (l.colkind[c]) {
            case JUE_RK_AMOUNT: jue_buf_puts(b, " ---: |"); break;
            case JUE_RK_LINE: jue_buf_puts(b, " :---: |"); break;
            default: jue_buf_puts(b, " --- |"); break;
            }
        }
        jue_buf_putc(b, '\n');
        if (l.lanci_row >= 0) {
            /* The 栏次 line of the form, as the first body line. */
            jue_buf_putc(b, '|');
            for (int c = 0; c < l.ncols; c++) {
                jue_buf_putc(b, ' ');
                for (size_t h = 0; h < l.nheads; h++) {
                    const jue_rd_head *hd = &l.heads[h];
                    if (hd->r != l.lanci_row || hd->c != c) continue;
                    if (hd->text) md_esc(b, hd->text);
                    else jue_buf_printf(b, "%d", hd->num);
                }
                jue_buf_puts(b, " |");
            }
            jue_buf_putc(b, '\n');
        }
        for (size_t r = 0; r < l.nrows && !st; r++) {
            jue_buf_putc(b, '|');
            for (int c = 0; c < l.ncols && !st; c++) st = md_cell(b, &l, jue_rd_at(&l, r, c));
            jue_buf_putc(b, '\n');
        }
        jue_buf_putc(b, '\n');
    }
    if (t->footnote) {
        put_utf8(b, t->footnote, md_ascii_note, NULL);
        jue_buf_puts(b, "\n\n");
    }
    const char *note = jue_rd_note(t);
    if (note) {
        put_utf8(b, note, md_ascii_note, NULL);
        jue_buf_puts(b, "\n\n");
    }
    jue_rd_layout_free(&l);
    return st;
}

jue_status jue_render_md(const jue_disclosure *d, jue_buf *out)
{
    jue_buf title;
    jue_buf_init(&title);
    jue_rd_doc_title(d, &title);
    jue_buf_puts(out, "# ");
    md_esc(out, jue_buf_str(&title));
    jue_buf_puts(out, "\n\n");
    jue_status st = jue_buf_err(&title);
    jue_buf_free(&title);
    jue_table_id order[JUE_NTABLES];   /* the profile's printed order */
    size_t n = jue_disclosure_order(d, order);
    for (size_t i = 0; i < n && !st; i++) st = md_table(out, d, d->tables[order[i]]);
    return st ? st : jue_buf_err(out);
}

/* ---- CSV --------------------------------------------------------------- */

static void csv_ascii(jue_buf *b, char c, void *ctx)
{
    (void)ctx;
    if (c == '"') jue_buf_putc(b, '"');
    jue_buf_putc(b, c);
}

/* RFC 4180: a field is quoted when it holds a separator, quote or line
 * break (or edge spaces, which some readers trim); always when forced. */
static void csv_field(jue_buf *b, const char *s, bool first, bool force_quote)
{
    if (!first) jue_buf_putc(b, ',');
    size_t n = strlen(s);
    bool q = force_quote || strpbrk(s, ",\"\r\n") != NULL ||
             (n > 0 && (s[0] == ' ' || s[n - 1] == ' '));
    if (q) jue_buf_putc(b, '"');
    put_utf8(b, s, csv_ascii, NULL);
    if (q) jue_buf_putc(b, '"');
}

jue_status jue_render_csv(const jue_disclosure *d, jue_table_id id, jue_buf *out)
{
    if ((unsigned)id >= JUE_NTABLES || !d->tables[id]) return JUE_ERR_NOTFOUND;
    const jue_table *t = d->tables[id];
    bool sides = jue_rd_has_sides(id), line = jue_rd_has_line_no(id), codes = jue_rd_has_codes(id);
    /* The BOM makes spreadsheet programs read the file as UTF-8. */
    jue_buf_puts(out, "\xEF\xBB\xBF");
    bool first = true;
    if (sides) { csv_field(out, "方向", first, false); first = false; }
    if (line) { csv_field(out, "行次", first, false); first = false; }
    if (codes) { csv_field(out, "科目编码", first, false); first = false; }
    csv_field(out, codes ? "科目名称" : "项目", first, false);
    jue_buf name;
    jue_buf_init(&name);
    for (size_t c = 0; c < t->ncols; c++) {
        jue_buf_reset(&name);
        if (t->cols[c].group) jue_buf_printf(&name, "%s/", t->cols[c].group);
        jue_buf_puts(&name, t->cols[c].key);
        csv_field(out, jue_buf_str(&name), false, false);
    }
    jue_status st = jue_buf_err(&name);
    jue_buf_free(&name);
    jue_buf_puts(out, "\r\n");
    for (size_t r = 0; r < t->nrows; r++) {
        const jue_row *row = &t->rows[r];
        char num[48];
        first = true;
        if (sides) { csv_field(out, jue_rd_side_name(row->side), first, false); first = false; }
        if (line) {
            num[0] = '\0';
            if (row->line_no > 0) snprintf(num, sizeof num, "%d", row->line_no);
            csv_field(out, num, first, false);
            first = false;
        }
        if (codes) {
            /* Codes are text (leading digits matter); quoting says so. */
            const char *code = row->level != JUE_LEVEL_NONE ? row->key : "";
            csv_field(out, code, first, *code != '\0');
            first = false;
        }
        csv_field(out, row->name, first, false);
        for (size_t c = 0; c < t->ncols; c++) {
            const jue_cell *cell = jue_table_cell_c(t, r, c);
            num[0] = '\0';
            if (cell->present) jue_fmt_wan(cell->printed, false, num, sizeof num);
            csv_field(out, num, false, false);
        }
        jue_buf_puts(out, "\r\n");
    }
    return st ? st : jue_buf_err(out);
}

/* ---- JSON -------------------------------------------------------------- */

static void json_ascii(jue_buf *b, char c, void *ctx)
{
    (void)ctx;
    switch (c) {
    case '"': jue_buf_puts(b, "\\\""); return;
    case '\\': jue_buf_puts(b, "\\\\"); return;
    case '\b': jue_buf_puts(b, "\\b"); return;
    case '\f': jue_buf_puts(b, "\\f"); return;
    case '\n': jue_buf_puts(b, "\\n"); return;
    case '\r': jue_buf_puts(b, "\\r"); return;
    case '\t': jue_buf_puts(b, "\\t"); return;
    default: break;
    }
    if ((unsigned char)c < 0x20) jue_buf_printf(b, "\\u%04x", (unsigned)(unsigned char)c);
    else jue_buf_putc(b, c);
}

static void jstr(jue_buf *b, const char *s)
{
    if (!s) {
        jue_buf_puts(b, "null");
        return;
    }
    jue_buf_putc(b, '"');
    put_utf8(b, s, json_ascii, NULL);
    jue_buf_putc(b, '"');
}

/* A cell: null when blank and without an exact value; otherwise the exact
 * value (or null) and, when printed, the printed figure as the table shows
 * it in 万元, its value in 分 and its decimals. */
static void json_cell(jue_buf *b, const jue_cell *c)
{
    if (!c->present && !c->has_exact) {
        jue_buf_puts(b, "null");
        return;
    }
    jue_buf_puts(b, "{\"exact_fen\":");
    if (c->has_exact) jue_buf_printf(b, "%" PRId64, c->exact);
    else jue_buf_puts(b, "null");
    if (c->present) {
        char num[48];
        jue_rd_fmt_decimals(c->printed, c->decimals, num, sizeof num);
        jue_buf_printf(b, ",\"printed\":\"%s\",\"printed_fen\":%" PRId64 ",\"decimals\":%d}", num,
                       c->printed, c->decimals);
    } else {
        jue_buf_puts(b, ",\"printed\":null,\"printed_fen\":null,\"decimals\":null}");
    }
}

static void json_table(jue_buf *b, const jue_table *t)
{
    jue_buf_printf(b, "    {\n      \"id\": \"T%02d\",\n      \"label\": ", (int)t->id + 1);
    jstr(b, jue_table_printed_label(t));
    jue_buf_puts(b, ",\n      \"title\": ");
    jstr(b, t->title ? t->title : jue_table_title(t->id));
    jue_buf_puts(b, ",\n      \"note\": ");
    jstr(b, t->note);
    jue_buf_printf(b, ",\n      \"empty\": %s,\n      \"columns\": [", t->empty ? "true" : "false");
    for (size_t c = 0; c < t->ncols; c++) {
        jue_buf_puts(b, c ? ",\n        {\"key\":" : "\n        {\"key\":");
        jstr(b, t->cols[c].key);
        jue_buf_puts(b, ",\"group\":");
        jstr(b, t->cols[c].group);
        jue_buf_printf(b, ",\"no\":%d}", t->cols[c].col_no);
    }
    jue_buf_puts(b, t->ncols ? "\n      ],\n      \"rows\": [" : "],\n      \"rows\": [");
    for (size_t r = 0; r < t->nrows; r++) {
        const jue_row *row = &t->rows[r];
        jue_buf_puts(b, r ? ",\n        {\"key\":" : "\n        {\"key\":");
        jstr(b, row->key);
        jue_buf_puts(b, ",\"name\":");
        jstr(b, row->name);
        jue_buf_printf(b, ",\"level\":%d,\"side\":", (int)row->level);
        jstr(b, jue_rd_side_id(row->side));
        jue_buf_printf(b, ",\"line_no\":%d,\"total\":%s,\"cells\":[", row->line_no,
                       row->is_total ? "true" : "false");
        for (size_t c = 0; c < t->ncols; c++) {
            if (c) jue_buf_putc(b, ',');
            json_cell(b, jue_table_cell_c(t, r, c));
        }
        jue_buf_puts(b, "]}");
    }
    jue_buf_puts(b, t->nrows ? "\n      ]\n    }" : "]\n    }");
}

jue_status jue_render_json(const jue_disclosure *d, jue_buf *out)
{
    jue_buf *b = out;
    jue_buf_puts(b, "{\n  \"department\": ");
    jstr(b, d->department);
    jue_buf_printf(b, ",\n  \"year\": %d,\n  \"unit_type\": ", d->year);
    jstr(b, jue_unit_type_name(d->type));
    jue_buf_puts(b, ",\n  \"profile\": ");
    jstr(b, d->profile);
    jue_buf_puts(b, ",\n  \"units\": [");
    for (size_t i = 0; i < d->nunits; i++) {
        const jue_unit_info *u = &d->units[i];
        jue_buf_puts(b, i ? ",\n    {\"id\":" : "\n    {\"id\":");
        jstr(b, u->id);
        jue_buf_puts(b, ",\"name\":");
        jstr(b, u->name);
        jue_buf_puts(b, ",\"type\":");
        jstr(b, jue_unit_type_name(u->type));
        jue_buf_printf(b, ",\"main\":%s}", u->is_main ? "true" : "false");
    }
    jue_buf_puts(b, d->nunits ? "\n  ],\n  \"tables\": [" : "],\n  \"tables\": [");
    bool any = false;
    for (int i = 0; i < JUE_NTABLES; i++) {
        if (!d->tables[i]) continue;
        jue_buf_puts(b, any ? ",\n" : "\n");
        json_table(b, d->tables[i]);
        any = true;
    }
    jue_buf_puts(b, any ? "\n  ]\n}\n" : "]\n}\n");
    return jue_buf_err(out);
}
