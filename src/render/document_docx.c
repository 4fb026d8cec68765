/* The complete document as a Word file: WordprocessingML generated here and
 * zipped with libzip. Tables are drawn from the shared grid layout (merged
 * header cells become w:gridSpan / w:vMerge, header rows repeat on every
 * page); wide forms get landscape sections; charts are small data tables
 * with bars of shaded text (see put_chart for why).
 *
 * Word is strict about the order of child elements in property blocks
 * (w:pPr, w:rPr, w:tcPr, w:sectPr …): everything below is written in
 * schema order, or Word reports the file as damaged.
 *
 * The output is reproducible: fixed dates in docProps/core.xml and in the
 * zip entries, parts always in the same order. */
#include <juesuan/document.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "render_internal.h"

#include "office/office.h"

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PR "http://schemas.openxmlformats.org/package/2006/relationships"
#define REL_BASE "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

/* A4 in twips (1/1440 inch) and the margins of each orientation. */
#define A4_SHORT 11906
#define A4_LONG 16838
#define MARGIN_PORTRAIT_TB 1418   /* 2.5 cm */
#define MARGIN_PORTRAIT_LR 1247   /* 2.2 cm: 01's longest names fit on one line */
#define MARGIN_LANDSCAPE 1134     /* 2 cm: the wide forms need the room */
#define TEXT_W_PORTRAIT (A4_SHORT - 2 * MARGIN_PORTRAIT_LR)
#define TEXT_W_LANDSCAPE (A4_LONG - 2 * MARGIN_LANDSCAPE)

/* Chart bars are drawn with this many full blocks at most. */
#define BAR_CELLS 20

typedef struct {
    const jue_document *doc;
    jue_buf *b;            /* word/document.xml */
    bool landscape;        /* orientation of the section being written */
    bool at_top;           /* nothing written on the current page yet */
    bool pending_break;    /* a page break is due before the next content */
    bool restart_numbers;  /* the next section starts page numbering at 1 */
    bool after_heading;    /* the last block was a heading: keep a table with it */
    int bookmark;          /* next bookmark id */
} wctx;

/* ---- text ------------------------------------------------------------- */

/* Escapes text for XML content and attribute values. XML 1.0 cannot carry
 * most control characters, U+FFFE/U+FFFF or invalid UTF-8: they become a
 * space or U+FFFD so the part stays well-formed whatever the input. */
static void esc_n(jue_buf *b, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned char c = p[i];
        if (c < 0x80) {
            switch (c) {
            case '&': jue_buf_puts(b, "&amp;"); break;
            case '<': jue_buf_puts(b, "&lt;"); break;
            case '>': jue_buf_puts(b, "&gt;"); break;
            case '"': jue_buf_puts(b, "&quot;"); break;
            default: jue_buf_putc(b, (c < 0x20 || c == 0x7F) ? ' ' : (char)c); break;
            }
            i++;
            continue;
        }
        size_t k = jue_rd_utf8_len(p + i, n - i);
        bool nonchar = k == 3 && c == 0xEF && p[i + 1] == 0xBF && (p[i + 2] == 0xBE || p[i + 2] == 0xBF);
        if (k == 0 || nonchar) {
            jue_buf_puts(b, "\xEF\xBF\xBD");
            i += k ? k : 1;
        } else {
            jue_buf_putn(b, s + i, k);
            i += k;
        }
    }
}

static void esc(jue_buf *b, const char *s) { esc_n(b, s ? s : "", s ? strlen(s) : 0); }

/* Runs for text: a newline is a line break, a tab a tab; rpr (may be NULL)
 * is the inner XML of w:rPr. */
static void runs(jue_buf *b, const char *s, const char *rpr)
{
    if (!s || !*s) return;
    jue_buf_puts(b, "<w:r>");
    if (rpr) jue_buf_printf(b, "<w:rPr>%s</w:rPr>", rpr);
    while (*s) {
        size_t n = strcspn(s, "\n\t\r");
        if (n) {
            jue_buf_puts(b, "<w:t xml:space=\"preserve\">");
            esc_n(b, s, n);
            jue_buf_puts(b, "</w:t>");
        }
        s += n;
        if (*s == '\n') jue_buf_puts(b, "<w:br/>");
        else if (*s == '\t') jue_buf_puts(b, "<w:tab/>");
        if (*s) s++;
    }
    jue_buf_puts(b, "</w:r>");
}

/* A bookmark name Word accepts: letters, digits and '_', starting with a
 * letter, at most 40 characters ("notes-5-2" → "notes_5_2"). */
static void bookmark_name(jue_buf *b, const char *anchor)
{
    size_t n = 0;
    if (!((*anchor >= 'A' && *anchor <= 'Z') || (*anchor >= 'a' && *anchor <= 'z'))) {
        jue_buf_putc(b, 'a');
        n++;
    }
    for (const char *p = anchor; *p && n < 40; p++, n++) {
        char c = *p;
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        jue_buf_putc(b, ok ? c : '_');
    }
}

static void bookmark_start(wctx *x, const char *anchor)
{
    if (!anchor || !*anchor) return;
    jue_buf_printf(x->b, "<w:bookmarkStart w:id=\"%d\" w:name=\"", x->bookmark);
    bookmark_name(x->b, anchor);
    jue_buf_puts(x->b, "\"/>");
}

static void bookmark_end(wctx *x, const char *anchor)
{
    if (!anchor || !*anchor) return;
    jue_buf_printf(x->b, "<w:bookmarkEnd w:id=\"%d\"/>", x->bookmark++);
}

/* ---- paragraphs and sections ------------------------------------------ */

/* Opens a body paragraph: its style, and a page break before it when one is
 * due (never at the top of a page: that would leave a blank page). extra is
 * more of w:pPr, in schema order after w:pageBreakBefore. */
static void p_open(wctx *x, const char *style, const char *extra)
{
    jue_buf_printf(x->b, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/>", style);
    if (x->pending_break && !x->at_top) jue_buf_puts(x->b, "<w:pageBreakBefore/>");
    x->pending_break = false;
    x->at_top = false;
    if (extra) jue_buf_puts(x->b, extra);
    jue_buf_puts(x->b, "</w:pPr>");
}

static void para(wctx *x, const char *style, const char *extra, const char *text, const char *anchor)
{
    p_open(x, style, extra);
    bookmark_start(x, anchor);
    runs(x->b, text, NULL);
    bookmark_end(x, anchor);
    jue_buf_puts(x->b, "</w:p>\n");
}

/* The contents as Word's TOC field with its result filled in: the entries
 * (headings of level 1–2 and the tables, as the PDF lists them), each a link
 * to its bookmark. Only the word processor knows its page breaks, so the
 * filled-in result has no page numbers: settings.xml asks Word to update
 * the field on opening, which adds them (LibreOffice: 工具 → 更新 → 全部更新).
 * A wrong number would be worse than none. */
static void put_toc(wctx *x, const jue_document *doc)
{
    jue_buf *b = x->b;
    int table_no = 0;
    bool first = true;
    jue_buf entry;
    jue_buf_init(&entry);
    for (size_t i = 0; i < doc->n; i++) {
        const jue_block *k = &doc->blocks[i];
        int level;
        if (!jue_document_toc_entry(doc, i, &table_no, &level, &entry)) continue;
        const char *text = jue_buf_str(&entry);
        if (!k->anchor || !*k->anchor) continue;
        jue_buf_printf(b, "<w:p><w:pPr><w:pStyle w:val=\"TOC%d\"/></w:pPr>", level);
        if (first) {
            jue_buf_puts(b, "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\">"
                            " TOC \\o &quot;1-2&quot; \\h \\z \\u </w:instrText></w:r>"
                            "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>");
            first = false;
        }
        jue_buf_puts(b, "<w:hyperlink w:anchor=\"");
        bookmark_name(b, k->anchor);
        jue_buf_puts(b, "\" w:history=\"1\">");
        runs(b, text, NULL);
        jue_buf_puts(b, "</w:hyperlink></w:p>\n");
    }
    if (!first) jue_buf_puts(b, "<w:p><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>\n");
    jue_buf_free(&entry);
}

/* Page setup of a section. Every section but the cover's shows the page
 * number in the footer; the first numbered section starts at 1. (The cover
 * is placed by its paragraphs' spacing, not w:vAlign, which LibreOffice
 * 7.4 ignores.) */
static void sect_pr(wctx *x, bool landscape, bool cover)
{
    jue_buf *b = x->b;
    jue_buf_puts(b, "<w:sectPr>");
    if (!cover) jue_buf_puts(b, "<w:footerReference w:type=\"default\" r:id=\"rIdFooter1\"/>");
    if (landscape)
        jue_buf_printf(b, "<w:pgSz w:w=\"%d\" w:h=\"%d\" w:orient=\"landscape\"/>", A4_LONG, A4_SHORT);
    else
        jue_buf_printf(b, "<w:pgSz w:w=\"%d\" w:h=\"%d\"/>", A4_SHORT, A4_LONG);
    int tb = landscape ? MARGIN_LANDSCAPE : MARGIN_PORTRAIT_TB;
    int lr = landscape ? MARGIN_LANDSCAPE : MARGIN_PORTRAIT_LR;
    jue_buf_printf(b,
                   "<w:pgMar w:top=\"%d\" w:right=\"%d\" w:bottom=\"%d\" w:left=\"%d\" w:header=\"567\" "
                   "w:footer=\"567\" w:gutter=\"0\"/>",
                   tb, lr, tb, lr);
    if (!cover && x->restart_numbers) {
        jue_buf_puts(b, "<w:pgNumType w:start=\"1\"/>");
        x->restart_numbers = false;
    }
    jue_buf_puts(b, "<w:cols w:space=\"425\"/>");
    jue_buf_puts(b, "</w:sectPr>");
}

/* Ends the open section: its properties sit in a last, tiny paragraph (a
 * table cannot carry them). The next section starts on a new page. */
static void end_section(wctx *x, bool cover)
{
    jue_buf_puts(x->b, "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"20\" "
                       "w:lineRule=\"exact\"/><w:rPr><w:sz w:val=\"2\"/><w:szCs w:val=\"2\"/></w:rPr>");
    sect_pr(x, x->landscape, cover);
    jue_buf_puts(x->b, "</w:pPr></w:p>\n");
    x->at_top = true;
    x->pending_break = false;
}

/* Prose always goes on portrait pages: after a wide table, a new section. */
static void want_orientation(wctx *x, bool landscape)
{
    if (x->landscape == landscape) return;
    end_section(x, false);
    x->landscape = landscape;
}

/* ---- tables ----------------------------------------------------------- */

static int base_width(const jue_rd_layout *l, int c)
{
    bool panes = jue_rd_has_sides(l->t->id);
    switch (l->colkind[c]) {
    /* as wide as 功能分类科目编码 in bold, so the header does not break */
    case JUE_RK_CODE: return 1650;
    case JUE_RK_NAME: return panes ? 3000 : 3600;
    case JUE_RK_LINE: return 680;   /* 行次 on one line inside Word's 108-twip margins */
    case JUE_RK_AMOUNT: return panes ? 1100 : 1300;
    }
    return 1200;
}

/* The width in twips an amount column needs so its widest figure stays on
 * one line in every word processor: 9-point digits in bold are at most
 * 0.7 em (Times New Roman 0.5; the serif a machine without it puts in its
 * place, DejaVu Serif Bold, 0.7), a comma or point 0.38 em, plus the
 * cell's two 108-twip margins and a little air. A figure wrapped in its cell
 * ("23,965.1" / "6") misleads a reader and every PDF-to-text tool. */
static int amount_need(const jue_rd_layout *l, int col)
{
    int widest = 0;
    for (size_t r = 0; r < l->nrows; r++) {
        const jue_rd_cell *c = jue_rd_at(l, r, col);
        if (c->kind != JUE_RC_AMOUNT) continue;
        char text[64];
        jue_rd_amount(l->t, c, true, text, sizeof text);
        int w = 0;   /* twips at 9 points: 0.7 em a digit or sign, 0.38 em a separator */
        for (const char *p = text; *p; p++) w += *p == ',' || *p == '.' ? 68 : 126;
        if (w > widest) widest = w;
    }
    return widest + 2 * 108 + 40;
}

/* Widens each amount column to what its figures need, taking the room from
 * the name columns (never below 1,800 twips, ten characters of a name). */
static void fit_amounts(const jue_rd_layout *l, int *w)
{
    for (int c = 0; c < l->ncols; c++) {
        if (l->colkind[c] != JUE_RK_AMOUNT) continue;
        for (int more = amount_need(l, c) - w[c]; more > 0;) {
            int n = -1;   /* the widest name column gives */
            for (int k = 0; k < l->ncols; k++)
                if (l->colkind[k] == JUE_RK_NAME && w[k] > 1800 && (n < 0 || w[k] > w[n])) n = k;
            if (n < 0) break;
            int take = w[n] - 1800 < more ? w[n] - 1800 : more;
            w[n] -= take;
            w[c] += take;
            more -= take;
        }
    }
}

/* Column widths in twips filling the text width, as the printed forms do:
 * room to spare goes to the name columns (long names wrap less), a form
 * too wide for the page shrinks evenly, and an amount column is never
 * narrower than its widest figure (amount_need: the names give way). */
static int *col_widths(const jue_rd_layout *l, int text_w)
{
    int n = l->ncols > 0 ? l->ncols : 1;
    int *w = calloc((size_t)n, sizeof *w);
    if (!w) return NULL;
    long long sum = 0;
    int names = 0;
    for (int c = 0; c < l->ncols; c++) {
        sum += base_width(l, c);
        names += l->colkind[c] == JUE_RK_NAME;
    }
    if (sum <= 0) return w;
    long long used = 0;
    int last = l->ncols - 1;
    for (int c = 0; c < l->ncols; c++) {
        w[c] = base_width(l, c);
        if (sum > text_w || names == 0) w[c] = (int)((long long)w[c] * text_w / sum);
        else if (l->colkind[c] == JUE_RK_NAME) w[c] += (int)((text_w - sum) / names);
        used += w[c];
        if (l->colkind[c] == JUE_RK_NAME) last = c;
    }
    w[last] += (int)(text_w - used);
    fit_amounts(l, w);
    return w;
}

static int span_width(const int *w, int ncols, int c, int span)
{
    int s = 0;
    for (int i = c; i < c + span && i < ncols; i++) s += w[i];
    return s;
}

/* The table properties shared by forms and charts. */
static void tbl_open(jue_buf *b, int width, const int *cols, int ncols)
{
    jue_buf_printf(b,
                   "<w:tbl><w:tblPr><w:tblStyle w:val=\"JueTable\"/><w:tblW w:w=\"%d\" w:type=\"dxa\"/>"
                   "<w:jc w:val=\"center\"/><w:tblLayout w:type=\"fixed\"/>"
                   /* Word's default margins, written out: LibreOffice and WPS
                    * otherwise set a figure against the next column's name */
                   "<w:tblCellMar><w:left w:w=\"108\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>"
                   "</w:tblCellMar>"
                   "<w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" "
                   "w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>",
                   width);
    for (int c = 0; c < ncols; c++) jue_buf_printf(b, "<w:gridCol w:w=\"%d\"/>", cols[c]);
    jue_buf_puts(b, "</w:tblGrid>\n");
}

/* One cell: width, merges, then one paragraph. vmerge: 0 none, 1 restart,
 * 2 continue. ppr is more of w:pPr after the style (may be NULL). */
static void cell(jue_buf *b, int width, int span, int vmerge, const char *style, const char *ppr,
                 const char *rpr, const char *text)
{
    jue_buf_printf(b, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/>", width);
    if (span > 1) jue_buf_printf(b, "<w:gridSpan w:val=\"%d\"/>", span);
    if (vmerge == 1) jue_buf_puts(b, "<w:vMerge w:val=\"restart\"/>");
    else if (vmerge == 2) jue_buf_puts(b, "<w:vMerge/>");
    jue_buf_printf(b, "<w:vAlign w:val=\"center\"/></w:tcPr><w:p><w:pPr><w:pStyle w:val=\"%s\"/>%s</w:pPr>",
                   style, ppr ? ppr : "");
    if (vmerge != 2) runs(b, text, rpr);
    jue_buf_puts(b, "</w:p></w:tc>");
}

/* The header rows: the layout's merged cells. A cell merged down is a
 * "restart" in its first row and a "continue" in the rows it covers. */
static jue_status put_header(jue_buf *b, const jue_rd_layout *l, const int *w)
{
    size_t nslots = (size_t)l->head_rows * (size_t)l->ncols;
    int *owner = malloc((nslots ? nslots : 1) * sizeof *owner);
    if (!owner) return JUE_ERR_NOMEM;
    for (size_t i = 0; i < nslots; i++) owner[i] = -1;
    for (size_t h = 0; h < l->nheads; h++) {
        const jue_rd_head *hd = &l->heads[h];
        for (int r = hd->r; r < hd->r + hd->rs && r < l->head_rows; r++)
            for (int c = hd->c; c < hd->c + hd->cs && c < l->ncols; c++)
                if (r >= 0 && c >= 0) owner[(size_t)r * (size_t)l->ncols + (size_t)c] = (int)h;
    }
    for (int r = 0; r < l->head_rows; r++) {
        /* tblHeader: Word and LibreOffice repeat these rows on every page */
        jue_buf_puts(b, "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
        bool lanci = r == l->lanci_row;
        for (int c = 0; c < l->ncols;) {
            int h = owner[(size_t)r * (size_t)l->ncols + (size_t)c];
            const jue_rd_head *hd = h >= 0 ? &l->heads[h] : NULL;
            if (!hd || hd->c != c) {
                cell(b, w[c], 1, 0, "TableHead", NULL, NULL, "");
                c++;
                continue;
            }
            int span = hd->c + hd->cs <= l->ncols ? hd->cs : l->ncols - c;
            int vm = hd->rs > 1 ? (hd->r == r ? 1 : 2) : 0;
            char num[64];
            const char *text = jue_rd_head_lines(hd, num, sizeof num);
            cell(b, span_width(w, l->ncols, c, span), span, vm, lanci ? "TableLanci" : "TableHead", NULL, NULL,
                 text);
            c += span;
        }
        jue_buf_puts(b, "</w:tr>\n");
    }
    free(owner);
    return JUE_OK;
}

static jue_status put_body_cell(jue_buf *b, const jue_rd_layout *l, const jue_rd_cell *c, const int *w, int col)
{
    const jue_table *t = l->t;
    const char *bold = jue_rd_cell_total(l, c) ? "<w:b/><w:bCs/>" : NULL;
    int width = span_width(w, l->ncols, col, c->span);
    char text[64];
    switch (c->kind) {
    case JUE_RC_COVERED: return JUE_OK;
    case JUE_RC_BLANK: cell(b, width, c->span, 0, "TableText", NULL, NULL, ""); return JUE_OK;
    case JUE_RC_CODE: cell(b, width, 1, 0, "TableText", NULL, bold, t->rows[c->row].key); return JUE_OK;
    case JUE_RC_LINE:
        text[0] = '\0';
        if (c->line_no > 0) snprintf(text, sizeof text, "%d", c->line_no);
        cell(b, width, 1, 0, "TableText", "<w:jc w:val=\"center\"/>", bold, text);
        return JUE_OK;
    case JUE_RC_AMOUNT:
        jue_rd_amount(t, c, true, text, sizeof text);
        cell(b, width, 1, 0, "TableText", "<w:jc w:val=\"right\"/>", bold, text);
        return JUE_OK;
    case JUE_RC_NAME: {
        /* 款 and 项 lines are indented one and two characters. */
        char ppr[96] = "";
        if (c->span > 1) snprintf(ppr, sizeof ppr, "<w:jc w:val=\"center\"/>");
        else if (c->level >= 2)
            snprintf(ppr, sizeof ppr, "<w:ind w:left=\"%d\" w:leftChars=\"%d\"/>", c->level >= 3 ? 360 : 180,
                     c->level >= 3 ? 200 : 100);
        jue_buf name;
        jue_buf_init(&name);
        if (c->ordinal) {
            jue_rd_ordinal(c->ordinal, text, sizeof text);
            jue_buf_puts(&name, text);
        }
        jue_buf_puts(&name, jue_rd_cell_name(l, c));
        jue_status st = jue_buf_err(&name);
        if (!st) cell(b, width, c->span, 0, "TableText", ppr, bold, jue_buf_str(&name));
        jue_buf_free(&name);
        return st;
    }
    }
    return JUE_OK;
}

/* One public table: its own page (the wide forms on landscape pages), the
 * label, the title, the 编制单位/金额单位 line, the grid and the note. */
static jue_status put_table(wctx *x, const jue_table *t, const char *anchor)
{
    jue_rd_layout l;
    jue_status st = jue_rd_layout_build(t, &l);
    if (st) return st;
    want_orientation(x, l.landscape);
    if (!x->after_heading) x->pending_break = true;
    int text_w = l.landscape ? TEXT_W_LANDSCAPE : TEXT_W_PORTRAIT;
    int *w = col_widths(&l, text_w);
    if (!w) {
        jue_rd_layout_free(&l);
        return JUE_ERR_NOMEM;
    }
    jue_buf *b = x->b;
    /* the label as the profile prints it (公开01表); without one (Shanghai)
     * the title carries the bookmark */
    const char *label = jue_table_printed_label(t);
    if (*label) para(x, "TableLabel", NULL, label, anchor);
    para(x, "TableTitle", NULL, t->title ? t->title : jue_table_title(t->id), *label ? NULL : anchor);
    /* 编制单位 left, 金额单位 right: a right tab at the text edge (the DOCX
     * door reads the tab as a cell break, keeping the two apart) */
    char tabs[96];
    snprintf(tabs, sizeof tabs, "<w:tabs><w:tab w:val=\"right\" w:pos=\"%d\"/></w:tabs>", text_w);
    jue_buf meta;
    jue_buf_init(&meta);
    if (t->no_preparer) jue_buf_puts(&meta, "单位：万元");   /* alone, on the right (Shanghai) */
    else jue_buf_printf(&meta, "编制单位：%s\t金额单位：万元", x->doc->d->department ? x->doc->d->department : "");
    st = jue_buf_err(&meta);
    if (!st) para(x, "TableMeta", t->no_preparer ? "<w:jc w:val=\"right\"/>" : tabs, jue_buf_str(&meta), NULL);
    jue_buf_free(&meta);

    tbl_open(b, text_w, w, l.ncols);
    if (!st) st = put_header(b, &l, w);
    for (size_t r = 0; r < l.nrows && !st; r++) {
        jue_buf_puts(b, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for (int c = 0; c < l.ncols && !st; c++) st = put_body_cell(b, &l, jue_rd_at(&l, r, c), w, c);
        jue_buf_puts(b, "</w:tr>\n");
    }
    jue_buf_puts(b, "</w:tbl>\n");
    if (t->footnote) para(x, "TableNote", NULL, t->footnote, NULL);   /* the profile's 注 */
    const char *note = jue_rd_note(t);
    if (note) para(x, "TableNote", NULL, note, NULL);
    free(w);
    jue_rd_layout_free(&l);
    return st;
}

/* ---- forms ------------------------------------------------------------ */

/* A form (form.h), e.g. a 绩效自评表: title, subtitle, and the grid on a
 * portrait page; a cell merged across columns is a w:gridSpan, one merged
 * down a vMerge "restart" with a "continue" in each row below it. */
#define FORM_KEPT_ROWS 2   /* rows of a form kept with its title */

static jue_status put_form(wctx *x, const jue_form *f)
{
    want_orientation(x, false);
    int n = f->ncols, total = 0;
    int *w = calloc((size_t)n, sizeof *w);
    if (!w) return JUE_ERR_NOMEM;
    for (int c = 0; c < n; c++) total += f->widths[c] > 0 ? f->widths[c] : 1;
    int used = 0;
    for (int c = 0; c < n; c++) {
        w[c] = (int)((long long)TEXT_W_PORTRAIT * (f->widths[c] > 0 ? f->widths[c] : 1) / (total ? total : 1));
        used += w[c];
    }
    w[n - 1] += TEXT_W_PORTRAIT - used;
    if (f->title) para(x, "TableTitle", NULL, f->title, f->anchor);
    if (f->subtitle) para(x, "TableMeta", "<w:jc w:val=\"center\"/>", f->subtitle, NULL);
    jue_buf *b = x->b;
    tbl_open(b, TEXT_W_PORTRAIT, w, n);
    for (int r = 0; r < f->nrows; r++) {
        jue_buf_printf(b, "<w:tr><w:trPr><w:cantSplit/>%s</w:trPr>", r < f->head_rows ? "<w:tblHeader/>" : "");
        for (int c = 0; c < n; c++) {
            const jue_form_cell *k = jue_form_at(f, r, c);
            const jue_form_cell *o = k->rs ? k : jue_form_at(f, k->orow, k->ocol);
            /* a slot covered from the left is part of its cell's gridSpan */
            if (!k->rs && k->ocol != c) continue;
            int cs = o->cs > 0 ? o->cs : 1;
            int vm = !k->rs ? 2 : o->rs > 1 ? 1 : 0;
            /* the title keeps with the first rows only (w:keepNext there,
             * off below): a form longer than what is left of the page then
             * starts under its title and goes on over the page, where a
             * chain of kept rows as long as the page would make Word and
             * LibreOffice give up and leave the title alone at the foot */
            static const char *const PPR[2][3] = {
                { "<w:keepNext/><w:jc w:val=\"right\"/>", "<w:keepNext/><w:jc w:val=\"center\"/>", "<w:keepNext/>" },
                { "<w:keepNext w:val=\"0\"/><w:jc w:val=\"right\"/>",
                  "<w:keepNext w:val=\"0\"/><w:jc w:val=\"center\"/>", "<w:keepNext w:val=\"0\"/>" },
            };
            int align = o->flags & JUE_FC_NUM ? 0 : o->flags & (JUE_FC_CENTER | JUE_FC_HEAD) ? 1 : 2;
            const char *ppr = PPR[r >= FORM_KEPT_ROWS][align];
            cell(b, span_width(w, n, c, cs), cs, vm, o->flags & JUE_FC_HEAD ? "TableHead" : "TableText", ppr,
                 o->flags & JUE_FC_BOLD ? "<w:b/><w:bCs/>" : NULL, vm == 2 ? "" : o->text);
        }
        jue_buf_puts(b, "</w:tr>\n");
    }
    jue_buf_puts(b, "</w:tbl>\n");
    if (f->note) para(x, "TableNote", NULL, f->note, NULL);
    /* a little room before what follows (the next 综述) */
    para(x, "TableGap", NULL, "", NULL);
    free(w);
    return jue_buf_err(b);
}

/* ---- charts ----------------------------------------------------------- */

/* 128-bit intermediates: an amount times 10,000 (or times the bar length)
 * can pass 2^63 分 for absurd inputs, and must not overflow even then. */
__extension__ typedef unsigned __int128 u128;

/* Blocks for a bar of v against max, rounded; at least one block for any
 * positive value so a small part is still seen. */
static int bar_len(jue_fen v, jue_fen max)
{
    if (v <= 0 || max <= 0) return 0;
    u128 k = ((u128)v * BAR_CELLS * 2 + (u128)max) / ((u128)max * 2);
    return k < 1 ? 1 : k > BAR_CELLS ? BAR_CELLS : (int)k;
}

static const char *const COLORS[] = { "2B6CB0", "DD6B20", "38A169", "805AD5", "D53F8C", "718096" };

/* A bar is a run of ideographic spaces (one em each) with a shaded
 * background: continuous in every renderer, unlike block glyphs, and no
 * text for a reader of the file to stumble on. */
static void bar_runs(jue_buf *b, int len, size_t series)
{
    if (len <= 0) return;
    jue_buf_printf(b, "<w:r><w:rPr><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"%s\"/></w:rPr><w:t>",
                   COLORS[series % 6]);
    for (int i = 0; i < len; i++) jue_buf_puts(b, "\xE3\x80\x80");  /* U+3000 */
    jue_buf_puts(b, "</w:t></w:r>");
}

/* A chart as a captioned data table with a 图示 column of shaded bars. A
 * DrawingML chart would need a chart part, its relationships and an
 * embedded workbook to stay editable; the table carries the exact figures
 * as printed elsewhere in the document, reads back through the DOCX door
 * and prints the same in Word and LibreOffice. */
static jue_status put_chart(wctx *x, const jue_chart *ch)
{
    want_orientation(x, false);
    jue_buf *b = x->b;
    para(x, "Caption", NULL, ch->title, NULL);
    bool donut = ch->kind == JUE_CHART_DONUT;
    size_t ns = ch->nseries, ng = ch->ngroups;
    if (!ch->values || (ng && !ch->group_labels) || (ns && !ch->series_labels)) return JUE_OK;
    /* columns: 项目 | one per series (bars) or 金额, 占比 (donut) | 图示 */
    int nval = donut ? 2 : (int)(ns ? ns : 1);
    if (nval > 6) nval = 6;
    int ncols = nval + 2;
    int cols[8];
    cols[0] = 2000;
    cols[ncols - 1] = BAR_CELLS * 180 + 200;   /* 9 pt ems and the cell margins */
    int per = (TEXT_W_PORTRAIT - cols[0] - cols[ncols - 1]) / nval;
    for (int i = 0; i < nval; i++) cols[1 + i] = per < 1500 ? per : 1500;
    int width = 0;
    for (int i = 0; i < ncols; i++) width += cols[i];
    tbl_open(b, width, cols, ncols);
    jue_buf_puts(b, "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    const char *keep = "<w:keepNext/>";
    cell(b, cols[0], 1, 0, "TableHead", keep, NULL, "项目");
    if (donut) {
        cell(b, cols[1], 1, 0, "TableHead", keep, NULL, "金额（万元）");
        cell(b, cols[2], 1, 0, "TableHead", keep, NULL, "占比");
    } else {
        for (int s = 0; s < nval; s++)
            cell(b, cols[1 + s], 1, 0, "TableHead", keep, NULL,
                 (size_t)s < ns && ch->series_labels[s] ? ch->series_labels[s] : "");
    }
    cell(b, cols[ncols - 1], 1, 0, "TableHead", keep, NULL, "图示");
    jue_buf_puts(b, "</w:tr>\n");

    /* bars scale to the largest figure, a donut's parts to their sum */
    size_t ns1 = ns ? ns : 1;
    jue_fen max = 0, total = 0;
    for (size_t i = 0; i < ng * ns1; i++)
        if (ch->values[i] > max) max = ch->values[i];
    jue_fen *parts = NULL;
    int64_t *bp = NULL;
    if (donut && ng) {
        parts = malloc(ng * sizeof *parts);
        bp = malloc(ng * sizeof *bp);
        if (!parts || !bp) {
            free(parts);
            free(bp);
            return JUE_ERR_NOMEM;
        }
        for (size_t g = 0; g < ng; g++) {
            parts[g] = ch->values[g * ns1];
            if (parts[g] > 0 && !jue_fen_add(total, parts[g], &total)) total = INT64_MAX;
        }
        /* shares in ppb that add to 100.00% (money.h); a negative part gets none */
        jue_shares_ppb(parts, ng, total, bp);
        for (size_t g = 0; g < ng; g++)
            if (parts[g] < 0) bp[g] = -1;
    }
    char num[48];
    for (size_t g = 0; g < ng; g++) {
        jue_buf_puts(b, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        cell(b, cols[0], 1, 0, "TableText", keep, NULL, ch->group_labels[g] ? ch->group_labels[g] : "");
        if (donut) {
            jue_fmt_wan(parts[g], true, num, sizeof num);
            cell(b, cols[1], 1, 0, "TableText", "<w:keepNext/><w:jc w:val=\"right\"/>", NULL, num);
            num[0] = '\0';
            if (bp[g] >= 0) jue_fmt_percent(bp[g], 2, num, sizeof num);
            cell(b, cols[2], 1, 0, "TableText", "<w:keepNext/><w:jc w:val=\"right\"/>", NULL, num);
        } else {
            for (int s = 0; s < nval; s++) {
                num[0] = '\0';
                if ((size_t)s < ns) jue_fmt_wan(ch->values[g * ns + (size_t)s], true, num, sizeof num);
                cell(b, cols[1 + s], 1, 0, "TableText", "<w:keepNext/><w:jc w:val=\"right\"/>", NULL, num);
            }
        }
        /* 图示: one bar per series, each on its own line */
        jue_buf_printf(b, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/><w:vAlign w:val=\"center\"/></w:tcPr>",
                       cols[ncols - 1]);
        size_t nb = donut ? 1 : ns;
        for (size_t s = 0; s < nb || s == 0; s++) {
            jue_buf_puts(b, "<w:p><w:pPr><w:pStyle w:val=\"TableText\"/><w:keepNext/></w:pPr>");
            if (s < nb) {
                jue_fen v = donut ? parts[g] : ch->values[g * ns + s];
                bar_runs(b, donut ? bar_len(v, total) : bar_len(v, max), donut ? g : s);
            }
            jue_buf_puts(b, "</w:p>");
        }
        jue_buf_puts(b, "</w:tc></w:tr>\n");
    }
    if (donut && ng) {
        jue_buf_puts(b, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        cell(b, cols[0], 1, 0, "TableText", "<w:jc w:val=\"center\"/>", "<w:b/><w:bCs/>", "合计");
        jue_fmt_wan(total, true, num, sizeof num);
        cell(b, cols[1], 1, 0, "TableText", "<w:jc w:val=\"right\"/>", "<w:b/><w:bCs/>", num);
        cell(b, cols[2], 1, 0, "TableText", "<w:jc w:val=\"right\"/>", "<w:b/><w:bCs/>", total > 0 ? "100.00%" : "");
        cell(b, cols[3], 1, 0, "TableText", NULL, NULL, "");
        jue_buf_puts(b, "</w:tr>\n");
    }
    jue_buf_puts(b, "</w:tbl>\n");
    /* a table must not be followed directly by the next table or heading
     * without air; an empty paragraph is what Word does too */
    para(x, "TableGap", NULL, "", NULL);
    free(parts);
    free(bp);
    return JUE_OK;
}

/* ---- the document part ------------------------------------------------ */

static jue_status put_body(wctx *x)
{
    const jue_document *doc = x->doc;
    jue_buf *b = x->b;
    jue_buf_puts(b, XML_DECL "<w:document xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\"><w:body>\n");
    jue_status st = JUE_OK;
    bool cover_done = false;
    for (size_t i = 0; i < doc->n && !st; i++) {
        const jue_block *k = &doc->blocks[i];
        bool heading = false;
        switch (k->kind) {
        case JUE_BLK_COVER:
            /* The cover is a section of its own: centred on the page and
             * without a page number; numbering starts after it. */
            para(x, "Title", NULL, k->text, NULL);
            if (k->text2) para(x, "Subtitle", NULL, k->text2, NULL);
            if (!cover_done) {
                end_section(x, true);
                x->restart_numbers = true;
                cover_done = true;
            }
            break;
        case JUE_BLK_TOC:
            want_orientation(x, false);
            para(x, "TOCHeading", NULL, "目　录", NULL);
            put_toc(x, doc);
            break;
        case JUE_BLK_PAGEBREAK: x->pending_break = true; break;
        case JUE_BLK_HEADING: {
            want_orientation(x, false);
            static const char *const H[] = { "Heading1", "Heading2", "Heading3" };
            para(x, H[k->level <= 1 ? 0 : k->level >= 3 ? 2 : k->level - 1], NULL, k->text, k->anchor);
            heading = true;
            break;
        }
        case JUE_BLK_PARA: {
            want_orientation(x, false);
            /* a 综述 stays on the page of the 自评表 it introduces (w:keepNext
             * comes before w:pageBreakBefore in w:pPr, so not with one) */
            bool keep = i + 1 < doc->n && doc->blocks[i + 1].kind == JUE_BLK_FORM && !(x->pending_break && !x->at_top);
            para(x, "BodyText", keep ? "<w:keepNext/>" : NULL, k->text, k->anchor);
            break;
        }
        case JUE_BLK_TABLE:
            if ((unsigned)k->table < JUE_NTABLES && doc->d && doc->d->tables[k->table])
                st = put_table(x, doc->d->tables[k->table], k->anchor);
            break;
        case JUE_BLK_CHART:
            if (k->chart) st = put_chart(x, k->chart);
            break;
        case JUE_BLK_FORM:
            if (k->form) st = put_form(x, k->form);
            break;
        }
        x->after_heading = heading;
    }
    /* the last section's properties close the body */
    sect_pr(x, x->landscape, false);
    jue_buf_puts(b, "\n</w:body></w:document>\n");
    return st ? st : jue_buf_err(b);
}

/* ---- the other parts -------------------------------------------------- */

static const char CONTENT_TYPES[] =
    XML_DECL
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/word/settings.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
    "<Override PartName=\"/word/fontTable.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>"
    "<Override PartName=\"/word/footer1.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" "
    "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    "<Override PartName=\"/docProps/app.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
    "</Types>\n";

static const char PACKAGE_RELS[] =
    XML_DECL
    "<Relationships xmlns=\"" NS_PR "\">"
    "<Relationship Id=\"rId1\" Type=\"" REL_BASE "officeDocument\" Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
    "Target=\"docProps/core.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" REL_BASE "extended-properties\" Target=\"docProps/app.xml\"/>"
    "</Relationships>\n";

static const char DOCUMENT_RELS[] =
    XML_DECL
    "<Relationships xmlns=\"" NS_PR "\">"
    "<Relationship Id=\"rIdStyles\" Type=\"" REL_BASE "styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rIdSettings\" Type=\"" REL_BASE "settings\" Target=\"settings.xml\"/>"
    "<Relationship Id=\"rIdFonts\" Type=\"" REL_BASE "fontTable\" Target=\"fontTable.xml\"/>"
    "<Relationship Id=\"rIdFooter1\" Type=\"" REL_BASE "footer\" Target=\"footer1.xml\"/>"
    "</Relationships>\n";

/* The names Word knows its built-in styles by ("heading 1", "Title" …) make
 * the navigation pane and the TOC field work. Body text is a style of its
 * own with the two-character first-line indent, so table cells, captions
 * and the cover (all based on Normal) do not inherit the indent. Eastern
 * text is SimSun (宋体), which Word has under both names; where it is
 * missing, fontconfig maps SimSun for Chinese to Noto Serif CJK SC. */
static const char STYLES[] =
    XML_DECL
    "<w:styles xmlns:w=\"" NS_W "\">"
    "<w:docDefaults><w:rPrDefault><w:rPr>"
    "<w:rFonts w:ascii=\"Times New Roman\" w:eastAsia=\"SimSun\" w:hAnsi=\"Times New Roman\" "
    "w:cs=\"Times New Roman\"/><w:kern w:val=\"2\"/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/>"
    "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>"
    "<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>"
    "</w:pPrDefault></w:docDefaults>"
    /* paragraphs */
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>"
    "<w:pPr><w:widowControl/><w:spacing w:line=\"360\" w:lineRule=\"auto\"/><w:jc w:val=\"both\"/></w:pPr>"
    "<w:rPr><w:rFonts w:eastAsia=\"SimSun\"/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"BodyText\"><w:name w:val=\"Body Text\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:qFormat/>"
    "<w:pPr><w:ind w:firstLine=\"480\" w:firstLineChars=\"200\"/><w:jc w:val=\"both\"/></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/>"
    "<w:next w:val=\"Subtitle\"/><w:qFormat/><w:pPr><w:spacing w:before=\"3600\" w:after=\"4800\" w:line=\"240\" "
    "w:lineRule=\"auto\"/><w:jc w:val=\"center\"/><w:outlineLvl w:val=\"9\"/></w:pPr>"
    "<w:rPr><w:b/><w:bCs/><w:sz w:val=\"52\"/><w:szCs w:val=\"52\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Subtitle\"><w:name w:val=\"Subtitle\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr><w:spacing w:line=\"600\" w:lineRule=\"auto\"/>"
    "<w:jc w:val=\"center\"/></w:pPr><w:rPr><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"BodyText\"/><w:qFormat/>"
    "<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"0\" w:after=\"360\" w:line=\"240\" "
    "w:lineRule=\"auto\"/><w:jc w:val=\"center\"/><w:outlineLvl w:val=\"0\"/></w:pPr>"
    "<w:rPr><w:rFonts w:eastAsia=\"SimHei\"/><w:b/><w:bCs/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr>"
    "</w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"BodyText\"/><w:qFormat/>"
    "<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"240\" w:after=\"120\"/>"
    "<w:ind w:firstLine=\"560\" w:firstLineChars=\"200\"/><w:jc w:val=\"left\"/><w:outlineLvl w:val=\"1\"/></w:pPr>"
    "<w:rPr><w:rFonts w:eastAsia=\"SimHei\"/><w:b/><w:bCs/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr>"
    "</w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading3\"><w:name w:val=\"heading 3\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"BodyText\"/><w:qFormat/>"
    "<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"120\" w:after=\"60\"/>"
    "<w:ind w:firstLine=\"480\" w:firstLineChars=\"200\"/><w:jc w:val=\"left\"/><w:outlineLvl w:val=\"2\"/></w:pPr>"
    "<w:rPr><w:rFonts w:eastAsia=\"KaiTi\"/><w:b/><w:bCs/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/></w:rPr>"
    "</w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"TOCHeading\"><w:name w:val=\"TOC Heading\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
    "<w:pPr><w:spacing w:before=\"240\" w:after=\"480\" w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"center\"/>"
    "</w:pPr><w:rPr><w:rFonts w:eastAsia=\"SimHei\"/><w:b/><w:bCs/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/>"
    "</w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"TOC1\"><w:name w:val=\"toc 1\"/><w:basedOn w:val=\"Normal\"/>"
    "<w:next w:val=\"Normal\"/><w:pPr><w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"9412\"/></w:tabs>"
    "<w:spacing w:before=\"120\"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"TOC2\"><w:name w:val=\"toc 2\"/><w:basedOn w:val=\"Normal\"/>"
    "<w:next w:val=\"Normal\"/><w:pPr><w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"9412\"/></w:tabs>"
    "<w:ind w:left=\"480\" w:leftChars=\"200\"/></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"TOC3\"><w:name w:val=\"toc 3\"/><w:basedOn w:val=\"Normal\"/>"
    "<w:next w:val=\"Normal\"/><w:pPr><w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"9412\"/></w:tabs>"
    "<w:ind w:left=\"960\" w:leftChars=\"400\"/></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Caption\"><w:name w:val=\"caption\"/><w:basedOn w:val=\"Normal\"/>"
    "<w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\" "
    "w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"center\"/></w:pPr>"
    "<w:rPr><w:rFonts w:eastAsia=\"SimHei\"/><w:b/><w:bCs/><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/></w:rPr>"
    "</w:style>"
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"TableLabel\"><w:name w:val=\"Table Label\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:keepNext/><w:spacing w:line=\"240\" w:lineRule=\"auto\"/>"
    "<w:jc w:val=\"right\"/></w:pPr><w:rPr><w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"TableTitle\"><w:name w:val=\"Table Title\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"TableMeta\"/><w:qFormat/><w:pPr><w:keepNext/>"
    "<w:spacing w:before=\"60\" w:after=\"200\" w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"center\"/>"
    "<w:outlineLvl w:val=\"1\"/></w:pPr><w:rPr><w:rFonts w:eastAsia=\"SimHei\"/><w:b/><w:bCs/>"
    "<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"TableMeta\"><w:name w:val=\"Table Meta\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:keepNext/><w:spacing w:after=\"60\" w:line=\"240\" "
    "w:lineRule=\"auto\"/><w:jc w:val=\"left\"/></w:pPr><w:rPr><w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/></w:rPr>"
    "</w:style>"
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:before=\"20\" w:after=\"20\" w:line=\"260\" "
    "w:lineRule=\"exact\"/><w:jc w:val=\"left\"/></w:pPr><w:rPr><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr>"
    "</w:style>"
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"TableHead\"><w:name w:val=\"Table Head\"/>"
    "<w:basedOn w:val=\"TableText\"/><w:pPr><w:keepNext/><w:jc w:val=\"center\"/></w:pPr>"
    "<w:rPr><w:b/><w:bCs/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"TableLanci\"><w:name w:val=\"Table Lanci\"/>"
    "<w:basedOn w:val=\"TableText\"/><w:pPr><w:keepNext/><w:jc w:val=\"center\"/></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"TableNote\"><w:name w:val=\"Table Note\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:before=\"120\" w:line=\"300\" w:lineRule=\"auto\"/>"
    "<w:jc w:val=\"both\"/></w:pPr><w:rPr><w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"TableGap\"><w:name w:val=\"Table Gap\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\"/><w:basedOn w:val=\"Normal\"/>"
    "<w:pPr><w:spacing w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"center\"/></w:pPr>"
    "<w:rPr><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr></w:style>"
    /* characters and tables */
    "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">"
    "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/>"
    "</w:style>"
    "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>"
    "<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>"
    "<w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>"
    "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
    "<w:style w:type=\"table\" w:customStyle=\"1\" w:styleId=\"JueTable\"><w:name w:val=\"Juesuan Table\"/>"
    "<w:basedOn w:val=\"TableNormal\"/><w:pPr><w:spacing w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>"
    "<w:tblPr><w:tblBorders>"
    "<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
    "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
    "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
    "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
    "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
    "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
    "</w:tblBorders><w:tblCellMar><w:top w:w=\"15\" w:type=\"dxa\"/><w:left w:w=\"70\" w:type=\"dxa\"/>"
    "<w:bottom w:w=\"15\" w:type=\"dxa\"/><w:right w:w=\"70\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
    "</w:styles>\n";

static const char SETTINGS[] =
    XML_DECL
    "<w:settings xmlns:w=\"" NS_W "\">"
    "<w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"420\"/>"
    "<w:characterSpacingControl w:val=\"compressPunctuation\"/>"
    /* schema order: updateFields comes before compat */
    "<w:updateFields w:val=\"true\"/>"
    "<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" "
    "w:val=\"15\"/></w:compat>"
    "<w:themeFontLang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/>"
    "</w:settings>\n";

/* The Chinese names and PANOSE numbers let Word substitute sensibly where a
 * font is missing. */
static const char FONT_TABLE[] =
    XML_DECL
    "<w:fonts xmlns:w=\"" NS_W "\">"
    "<w:font w:name=\"SimSun\"><w:altName w:val=\"宋体\"/><w:panose1 w:val=\"02010600030101010101\"/>"
    "<w:charset w:val=\"86\"/><w:family w:val=\"auto\"/><w:pitch w:val=\"variable\"/></w:font>"
    "<w:font w:name=\"SimHei\"><w:altName w:val=\"黑体\"/><w:panose1 w:val=\"02010609060101010101\"/>"
    "<w:charset w:val=\"86\"/><w:family w:val=\"modern\"/><w:pitch w:val=\"fixed\"/></w:font>"
    "<w:font w:name=\"KaiTi\"><w:altName w:val=\"楷体\"/><w:panose1 w:val=\"02010609060101010101\"/>"
    "<w:charset w:val=\"86\"/><w:family w:val=\"modern\"/><w:pitch w:val=\"fixed\"/></w:font>"
    "<w:font w:name=\"Times New Roman\"><w:panose1 w:val=\"02020603050405020304\"/><w:charset w:val=\"00\"/>"
    "<w:family w:val=\"roman\"/><w:pitch w:val=\"variable\"/></w:font>"
    "</w:fonts>\n";

/* Page numbers as Chinese documents print them: "— 3 —". */
static const char FOOTER[] =
    XML_DECL
    "<w:ftr xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\">"
    "<w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr><w:r><w:t xml:space=\"preserve\">— </w:t></w:r>"
    "<w:fldSimple w:instr=\" PAGE \"><w:r><w:t>1</w:t></w:r></w:fldSimple>"
    "<w:r><w:t xml:space=\"preserve\"> —</w:t></w:r></w:p></w:ftr>\n";

/* The accounts are drawn up after the year closes: 1 January of the next
 * year stands for "when", never the time of the run. */
static int doc_year(const jue_document *doc)
{
    int y = doc->d ? doc->d->year : 0;
    return y >= 1980 && y < 2100 ? y + 1 : 2000;
}

static void put_core(jue_buf *b, const jue_document *doc)
{
    int y = doc_year(doc);
    jue_buf_puts(b, XML_DECL
                 "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/"
                 "core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                 "xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" "
                 "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>");
    esc(b, doc->title);
    jue_buf_puts(b, "</dc:title><dc:subject>部门决算公开</dc:subject><dc:creator>juesuan</dc:creator>");
    if (doc->d && doc->d->department) {
        jue_buf_puts(b, "<cp:keywords>");
        esc(b, doc->d->department);
        jue_buf_puts(b, " 部门决算</cp:keywords>");
    }
    jue_buf_printf(b,
                   "<dcterms:created xsi:type=\"dcterms:W3CDTF\">%04d-01-01T00:00:00Z</dcterms:created>"
                   "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">%04d-01-01T00:00:00Z</dcterms:modified>"
                   "</cp:coreProperties>\n",
                   y, y);
}

static void put_app(jue_buf *b, const jue_document *doc)
{
    jue_buf_puts(b, XML_DECL
                 "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
                 "<Application>juesuan</Application><Company>");
    esc(b, doc->d && doc->d->department ? doc->d->department : "");
    jue_buf_puts(b, "</Company></Properties>\n");
}

/* ---- the package ------------------------------------------------------ */

/* Adds one part; libzip takes the bytes (and frees them) on success. The
 * DOS time is set directly so the archive does not depend on the time
 * zone. Deflated at zlib's fastest level: the body's XML (half a megabyte
 * for the example) repeats itself so much that level 1 still keeps 94 % off,
 * while level 9 spent 56 M instructions on it, a third of all non-PDF work
 * in bench_document (docs/performance.md). Parts under SMALL_PART bytes
 * are stored: a deflate stream's set-up (its tables cleared) cost more than
 * the few hundred bytes it saved. */
enum { SMALL_PART = 4096 };
static jue_status add_part(zip_t *z, const char *name, char *data, size_t len, int year)
{
    zip_source_t *s = zip_source_buffer(z, data, len, 1);
    if (!s) {
        free(data);
        return JUE_ERR_NOMEM;
    }
    zip_int64_t idx = zip_file_add(z, name, s, ZIP_FL_ENC_UTF_8);
    if (idx < 0) {
        zip_source_free(s);
        return JUE_ERR_IO;
    }
    zip_uint16_t dosdate = (zip_uint16_t)(((year - 1980) << 9) | (1 << 5) | 1);
    if (zip_file_set_dostime(z, (zip_uint64_t)idx, 0, dosdate, 0) != 0 ||
        zip_set_file_compression(z, (zip_uint64_t)idx, len < SMALL_PART ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 1) != 0)
        return JUE_ERR_IO;
    return JUE_OK;
}

static jue_status add_static(zip_t *z, const char *name, const char *text, int year)
{
    size_t n = strlen(text);
    char *copy = malloc(n ? n : 1);
    if (!copy) return JUE_ERR_NOMEM;
    memcpy(copy, text, n);
    return add_part(z, name, copy, n, year);
}

static jue_status add_buf(zip_t *z, const char *name, jue_buf *b, int year)
{
    if (jue_buf_err(b)) return jue_buf_err(b);
    size_t n = b->len;
    char *data = jue_buf_take(b);
    if (!data) return JUE_ERR_NOMEM;
    return add_part(z, name, data, n, year);
}

jue_status jue_officem_document_docx(const jue_document *doc, const char *path)
{
    if (!doc || !path) return JUE_ERR_IO;
    jue_buf body, core, app;
    jue_buf_init(&body);
    jue_buf_init(&core);
    jue_buf_init(&app);
    wctx x;
    memset(&x, 0, sizeof x);
    x.doc = doc;
    x.b = &body;
    x.at_top = true;
    jue_status st = put_body(&x);
    put_core(&core, doc);
    put_app(&app, doc);
    if (!st) st = jue_buf_err(&core);
    if (!st) st = jue_buf_err(&app);
    if (st) goto out;

    int err = 0;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!z) {
        st = JUE_ERR_IO;
        goto out;
    }
    int year = doc_year(doc);
    /* [Content_Types].xml first, as Word writes it; then the parts */
    st = add_static(z, "[Content_Types].xml", CONTENT_TYPES, year);
    if (!st) st = add_static(z, "_rels/.rels", PACKAGE_RELS, year);
    if (!st) st = add_buf(z, "word/document.xml", &body, year);
    if (!st) st = add_static(z, "word/_rels/document.xml.rels", DOCUMENT_RELS, year);
    if (!st) st = add_static(z, "word/styles.xml", STYLES, year);
    if (!st) st = add_static(z, "word/settings.xml", SETTINGS, year);
    if (!st) st = add_static(z, "word/fontTable.xml", FONT_TABLE, year);
    if (!st) st = add_static(z, "word/footer1.xml", FOOTER, year);
    if (!st) st = add_buf(z, "docProps/core.xml", &core, year);
    if (!st) st = add_buf(z, "docProps/app.xml", &app, year);
    if (st) {
        zip_discard(z);
    } else if (zip_close(z) != 0) {
        /* libzip writes a temporary file and renames it: nothing is left */
        zip_discard(z);
        st = JUE_ERR_IO;
    }
out:
    jue_buf_free(&body);
    jue_buf_free(&core);
    jue_buf_free(&app);
    return st;
}
