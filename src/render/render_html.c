/* HTML: one self-contained, printable page with the nine tables drawn from
 * the shared grid layout. Every cell of a row carries an id
 * ("T03-2101501-基本支出") so an audit report can link to it (:target is
 * highlighted). */
#include "render_internal.h"

#include <stdio.h>
#include <string.h>

/* Escapes text for element content and attribute values; invalid UTF-8
 * becomes U+FFFD so the page stays valid. With br, newlines become <br>. */
/* What esc writes for the byte at p[i] that is not copied as it is (its
 * entity, a space, or nothing); NULL: copied. */
static const char *esc_of(unsigned char c, bool br)
{
    switch (c) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '"': return "&quot;";
    case '\'': return "&#39;";
    case '\n': return br ? "<br>" : " ";
    case '\r': return "";
    default: return c < 0x20 || c == 0x7F ? " " : NULL;   /* control characters are not allowed in HTML text */
    }
}

/* s as HTML text: the special characters as entities, invalid UTF-8 as
 * U+FFFD; what needs nothing is copied a stretch at a time. */
static void esc(jue_buf *b, const char *s, bool br)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), i = 0, from = 0;
    while (i < n) {
        unsigned char c = p[i];
        const char *e = c < 0x80 ? esc_of(c, br) : NULL;
        size_t k = c < 0x80 ? 1 : jue_rd_utf8_len(p + i, n - i);
        if (!e && k) {
            i += k;
            continue;
        }
        jue_buf_putn(b, s + from, i - from);
        jue_buf_puts(b, e ? e : "\xEF\xBF\xBD");
        from = ++i;
    }
    jue_buf_putn(b, s + from, n - from);
}

static const char CSS[] =
    "@page{size:A4 portrait;margin:12mm 10mm}\n"
    "@page wide{size:A4 landscape;margin:10mm 10mm}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:24px auto;padding:0 16px;color:#000;background:#fff;"
    "font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"Microsoft YaHei\","
    "\"PingFang SC\",\"WenQuanYi Micro Hei\",sans-serif;font-size:13px;line-height:1.35}\n"
    "h1,h2{font-family:\"Noto Serif CJK SC\",\"Source Han Serif SC\",\"SimSun\",\"Songti SC\","
    "serif;font-weight:700;text-align:center}\n"
    "h1.doc{font-size:24px;margin:0 0 32px}\n"
    "section.sheet{max-width:820px;margin:0 auto 56px}\n"
    "section.wide{max-width:1180px}\n"
    ".label{text-align:right;font-size:12px}\n"
    "h2{font-size:20px;margin:2px 0 14px;letter-spacing:.05em}\n"
    ".meta{display:flex;justify-content:space-between;gap:2em;margin-bottom:4px;font-size:12px}\n"
    "table.form{border-collapse:collapse;width:100%;table-layout:auto}\n"
    "table.form th,table.form td{border:1px solid #000;padding:3px 5px;vertical-align:middle}\n"
    "table.form th{font-weight:700;text-align:center;background:#f0f0f0}\n"
    "table.form tr.lanci th{font-weight:400}\n"
    "table.form td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    "table.form td.code{font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    "table.form td.line{text-align:center;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    "table.form td.span{text-align:center}\n"
    "table.form td.l2{padding-left:1.5em}\n"
    "table.form td.l3{padding-left:3em}\n"
    "table.form td.tot{font-weight:700}\n"
    "col.k-code{width:9em}\n"
    "col.k-line{width:3em}\n"
    "col.k-amount{width:7.5em}\n"
    "td:target{outline:2px solid #c00;outline-offset:-2px;background:#fff3b0}\n"
    ".note{margin:6px 0 0;font-size:12px;text-align:justify}\n"
    "@media print{\n"
    "  body{margin:0;padding:0;font-size:9pt}\n"
    "  h1.doc{font-size:18pt;margin:0 0 8mm}\n"
    "  section.sheet,section.wide{max-width:none;margin:0;break-after:page}\n"
    "  section.sheet:last-child{break-after:auto}\n"
    "  section.wide{page:wide}\n"
    "  h2{font-size:15pt}\n"
    "  table.form th{background:none}\n"
    "  thead{display:table-header-group}\n"
    "  tr{break-inside:avoid}\n"
    "  td:target{outline:none;background:none}\n"
    "}\n";

static const char *const KIND_CLASS[] = {
    [JUE_RK_CODE] = "k-code", [JUE_RK_NAME] = "k-name", [JUE_RK_LINE] = "k-line",
    [JUE_RK_AMOUNT] = "k-amount",
};

static jue_status put_cell(jue_buf *b, const jue_rd_layout *l, const jue_rd_cell *c, jue_buf *tmp, const char *hit)
{
    const jue_table *t = l->t;
    bool tot = jue_rd_cell_total(l, c);
    const char *cls = "";
    const char *lvl = "";
    switch (c->kind) {
    case JUE_RC_CODE: cls = "code"; break;
    case JUE_RC_NAME:
        cls = c->span > 1 ? "name span" : "name";
        if (c->level >= 3) lvl = " l3";
        else if (c->level == 2) lvl = " l2";
        break;
    case JUE_RC_LINE: cls = "line"; break;
    case JUE_RC_AMOUNT: cls = "num"; break;
    case JUE_RC_BLANK:
    case JUE_RC_COVERED: break;
    }
    jue_buf_puts(b, "<td");
    jue_buf_reset(tmp);
    bool has_id = jue_rd_cell_id(l, c, tmp);
    if (jue_buf_err(tmp)) return jue_buf_err(tmp);
    if (has_id) {
        jue_buf_puts(b, " id=\"");
        esc(b, jue_buf_str(tmp), false);
        jue_buf_putc(b, '"');
        if (hit && !strcmp(hit, jue_buf_str(tmp))) jue_buf_puts(b, " data-hit=\"1\"");
    }
    if (*cls || tot) jue_buf_printf(b, " class=\"%s%s%s\"", cls, lvl, tot ? (*cls ? " tot" : "tot") : "");
    if (c->span > 1) jue_buf_printf(b, " colspan=\"%d\"", c->span);
    jue_buf_putc(b, '>');
    char num[48];
    switch (c->kind) {
    case JUE_RC_CODE: esc(b, t->rows[c->row].key, false); break;
    case JUE_RC_NAME:
        if (c->ordinal) {
            jue_rd_ordinal(c->ordinal, num, sizeof num);
            jue_buf_puts(b, num);
        }
        esc(b, jue_rd_cell_name(l, c), false);
        break;
    case JUE_RC_LINE:
        if (c->line_no > 0) jue_buf_printf(b, "%d", c->line_no);
        break;
    case JUE_RC_AMOUNT:
        jue_rd_amount(t, c, true, num, sizeof num);
        jue_buf_puts(b, num);
        break;
    case JUE_RC_BLANK:
    case JUE_RC_COVERED: break;
    }
    jue_buf_puts(b, "</td>");
    return JUE_OK;
}

/* hit: the raw id of a cell to mark (data-hit), or NULL. */
static jue_status put_table(jue_buf *b, const jue_disclosure *d, const jue_table *t, jue_buf *tmp, const char *hit)
{
    jue_rd_layout l;
    jue_status st = jue_rd_layout_build(t, &l);
    if (st) return st;
    const char *label = jue_table_printed_label(t);
    jue_buf_printf(b, "<section class=\"sheet%s\" id=\"T%02d\">\n", l.landscape ? " wide" : "",
                   (int)t->id + 1);
    if (*label) jue_buf_printf(b, "<div class=\"label\">%s</div>\n", label);   /* none in Shanghai */
    jue_buf_puts(b, "<h2>");
    esc(b, t->title ? t->title : jue_table_title(t->id), false);
    if (t->no_preparer) {
        /* "单位：万元" alone, on the right (Shanghai) */
        jue_buf_puts(b, "</h2>\n<div class=\"meta\" style=\"justify-content:flex-end\"><span>单位：万元</span></div>\n");
    } else {
        jue_buf_puts(b, "</h2>\n<div class=\"meta\"><span>编制单位：");
        esc(b, d->department ? d->department : "", false);
        jue_buf_puts(b, "</span><span>金额单位：万元</span></div>\n");
    }
    jue_buf_puts(b, "<table class=\"form\">\n<colgroup>");
    for (int c = 0; c < l.ncols; c++) jue_buf_printf(b, "<col class=\"%s\">", KIND_CLASS[l.colkind[c]]);
    jue_buf_puts(b, "</colgroup>\n<thead>\n");
    size_t h = 0;
    for (int r = 0; r < l.head_rows; r++) {
        jue_buf_puts(b, r == l.lanci_row ? "<tr class=\"lanci\">" : "<tr>");
        for (; h < l.nheads && l.heads[h].r == r; h++) {
            const jue_rd_head *hd = &l.heads[h];
            jue_buf_puts(b, "<th");
            if (hd->rs > 1) jue_buf_printf(b, " rowspan=\"%d\"", hd->rs);
            if (hd->cs > 1) jue_buf_printf(b, " colspan=\"%d\"", hd->cs);
            jue_buf_putc(b, '>');
            char lines[64];
            esc(b, jue_rd_head_lines(hd, lines, sizeof lines), true);
            jue_buf_puts(b, "</th>");
        }
        jue_buf_puts(b, "</tr>\n");
    }
    jue_buf_puts(b, "</thead>\n<tbody>\n");
    for (size_t r = 0; r < l.nrows && !st; r++) {
        jue_buf_puts(b, "<tr>");
        for (int c = 0; c < l.ncols && !st; c++) {
            const jue_rd_cell *cell = jue_rd_at(&l, r, c);
            if (cell->kind != JUE_RC_COVERED) st = put_cell(b, &l, cell, tmp, hit);
        }
        jue_buf_puts(b, "</tr>\n");
    }
    jue_buf_puts(b, "</tbody>\n</table>\n");
    if (t->footnote) {
        /* the profile's 注, before an empty table's 说明 */
        jue_buf_puts(b, "<p class=\"note\">");
        esc(b, t->footnote, true);
        jue_buf_puts(b, "</p>\n");
    }
    const char *note = jue_rd_note(t);
    if (note) {
        jue_buf_printf(b, "<p class=\"note%s\">", t->empty ? " empty" : "");
        esc(b, note, true);
        jue_buf_puts(b, "</p>\n");
    }
    jue_buf_puts(b, "</section>\n");
    jue_rd_layout_free(&l);
    return st;
}

/* For the complete document (document_html.c): the same tables, CSS and
 * escaping, so a table looks the same in both pages. */
const char *jue_rd_html_css(void) { return CSS; }
void jue_rd_html_esc(jue_buf *b, const char *s) { esc(b, s, true); }
jue_status jue_rd_html_table(jue_buf *b, const jue_disclosure *d, const jue_table *t)
{
    return jue_rd_html_table_hit(b, d, t, NULL);
}
jue_status jue_rd_html_table_hit(jue_buf *b, const jue_disclosure *d, const jue_table *t, const char *hit)
{
    jue_buf tmp;
    jue_buf_init(&tmp);
    jue_status st = put_table(b, d, t, &tmp, hit);
    jue_buf_free(&tmp);
    return st;
}

jue_status jue_render_html(const jue_disclosure *d, jue_buf *out)
{
    jue_buf tmp;
    jue_buf_init(&tmp);
    jue_buf *b = out;
    jue_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<meta name=\"generator\" content=\"juesuan\">\n<title>");
    jue_buf title;  /* the document title, used twice */
    jue_buf_init(&title);
    jue_rd_doc_title(d, &title);
    esc(b, jue_buf_str(&title), false);
    jue_buf_printf(b, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1 class=\"doc\">", CSS);
    esc(b, jue_buf_str(&title), false);
    jue_buf_puts(b, "</h1>\n");
    jue_status st = jue_buf_err(&title);
    jue_table_id order[JUE_NTABLES];   /* the profile's printed order */
    size_t n = jue_disclosure_order(d, order);
    for (size_t i = 0; i < n && !st; i++) st = put_table(b, d, d->tables[order[i]], &tmp, NULL);
    jue_buf_puts(b, "</body>\n</html>\n");
    jue_buf_free(&tmp);
    jue_buf_free(&title);
    if (st) return st;
    return jue_buf_err(out);
}
