/* The DOCX door (libzip + libxml2): word/document.xml (or wherever the
 * package's officeDocument relationship points) in document order.
 *
 * Paragraphs (w:p) are prose rows: runs joined, w:br/w:cr end a line, w:tab
 * is a cell break (a tab-aligned line copied to text is what the text door
 * splits on tabs; it keeps "编制单位：…<tab>金额单位：万元" apart). Deleted
 * text, field codes, text boxes and drawings are skipped; inserted text,
 * hyperlinks, content controls and field results are read.
 *
 * Tables (w:tbl/w:tr/w:tc) are rows of cells placed at their grid column
 * (w:gridBefore, w:gridSpan), several paragraphs of a cell joined by a space.
 * Merges: the columns a gridSpan covers, and a w:vMerge (or legacy w:hMerge)
 * continuation cell, get a copy of the text, marked copy. A cell holding a
 * nested table is a container: its paragraphs and tables are emitted as rows
 * of their own after the row (layout tables wrap whole documents), and a row
 * left with nothing but containers is dropped.
 *
 * row.line: a running number of text lines in document order — each body
 * paragraph (empty ones too), each line break in it and each table row.
 *
 * Hostile input: parts are size-capped, a DTD is refused (no entity
 * expansion), libxml2 never prints, nesting and merge copies are capped. */
#include "import/doors/flow.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "office/office.h"

#define MAX_PART (16u << 20)     /* a part parsed whole: its tree is many times its size */

typedef struct {
    jue_idoc *doc;
    jue_diags *diags;
    jue_grid *g;
    jue_buf line;          /* the prose line being assembled */
    int lineno;            /* running line counter (see above) */
    size_t bytes;          /* cell text stored, for JUE_D2_MAX_BYTES */
    bool deep;             /* nesting cap reached (warned once) */
} dx;

static bool is_el(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static xmlNodePtr child(xmlNodePtr n, const char *name)
{
    for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
        if (is_el(c, name)) return c;
    return NULL;
}

/* Attribute by local name, whatever its namespace ("w:val" → "val"). */
static const char *attr(xmlNodePtr n, const char *name)
{
    for (xmlAttrPtr a = n ? n->properties : NULL; a; a = a->next)
        if (strcmp((const char *)a->name, name) == 0 && a->children && a->children->type == XML_TEXT_NODE)
            return (const char *)a->children->content;
    return NULL;
}

static jue_status read_part(zip_t *z, const char *name, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(z, name, ZIP_FL_NOCASE, &st) != 0) return JUE_ERR_NOTFOUND;
    if (!(st.valid & ZIP_STAT_SIZE) || st.size > MAX_PART) return JUE_ERR_LIMIT;
    zip_file_t *f = zip_fopen(z, name, ZIP_FL_NOCASE);
    if (!f) return JUE_ERR_IO;
    char *buf = malloc((size_t)st.size + 1);
    if (!buf) { zip_fclose(f); return JUE_ERR_NOMEM; }
    zip_uint64_t got = 0;
    while (got < st.size) {
        zip_int64_t r = zip_fread(f, buf + got, st.size - got);
        if (r <= 0) break;
        got += (zip_uint64_t)r;
    }
    zip_fclose(f);
    if (got != st.size) { free(buf); return JUE_ERR_IO; }
    buf[got] = '\0';
    *out = buf;
    *len = (size_t)got;
    return JUE_OK;
}

/* Parses a part; on a syntax error *why gets libxml2's message and line. */
static xmlDocPtr parse_part(zip_t *z, const char *name, jue_status *st, jue_buf *why)
{
    char *buf;
    size_t len;
    *st = read_part(z, name, &buf, &len);
    if (*st) return NULL;
    if (len > (size_t)INT32_MAX) { free(buf); *st = JUE_ERR_LIMIT; return NULL; }
    xmlParserCtxtPtr ctx = xmlNewParserCtxt();
    if (!ctx) { free(buf); *st = JUE_ERR_NOMEM; return NULL; }
    jue_d2_quiet q;
    jue_d2_quiet_on(&q);
    xmlDocPtr d = xmlCtxtReadMemory(ctx, buf, (int)len, NULL, NULL,
                                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    jue_d2_quiet_off(&q);
    if (!d && why) {
        xmlErrorPtr e = xmlCtxtGetLastError(ctx);
        if (e && e->message) {
            jue_buf_printf(why, "第%d行：%s", e->line, e->message);
            while (why->len > 0 && (why->data[why->len - 1] == '\n' || why->data[why->len - 1] == ' '))
                why->data[--why->len] = '\0';
        }
    }
    xmlFreeParserCtxt(ctx);
    free(buf);
    /* a Word part never has a DTD; refusing one rules out entity expansion */
    if (d && d->intSubset) {
        xmlFreeDoc(d);
        d = NULL;
        if (why) jue_buf_puts(why, "其中有DTD，Word从不写DTD");
        *st = JUE_ERR_INVALID;
        return NULL;
    }
    if (!d) *st = JUE_ERR_SYNTAX;
    return d;
}

/* ---- inline content ---- */

/* Elements whose text is not the document's: deleted or moved-away text,
 * field instructions, drawings and text boxes (their text would land in the
 * middle of a line), notes' reference marks, properties. */
static bool skip_inline(xmlNodePtr n)
{
    static const char *const S[] = { "pPr", "rPr", "del", "moveFrom", "delText", "instrText",
                                     "delInstrText", "drawing", "pict", "object", "AlternateContent",
                                     "footnoteReference", "endnoteReference", "commentReference",
                                     "fldChar", "sectPr", "txbxContent" };
    for (size_t i = 0; i < sizeof S / sizeof S[0]; i++)
        if (!strcmp((const char *)n->name, S[i])) return true;
    return false;
}

/* Text of n's runs into x->line. In a table cell (cell true) tabs and line
 * breaks are spaces; in prose a tab is a cell break and a line break ends
 * the row (a new line number follows). */
static jue_status inline_text(dx *x, xmlNodePtr n, bool cell, int depth)
{
    if (depth > JUE_D2_MAX_DEPTH) { x->deep = true; return JUE_OK; }
    jue_status st = JUE_OK;
    for (xmlNodePtr c = n->children; c && !st; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || skip_inline(c)) continue;
        const char *nm = (const char *)c->name;
        if (!strcmp(nm, "t")) {
            for (xmlNodePtr t = c->children; t; t = t->next)
                if ((t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE) && t->content)
                    jue_d2_text(&x->line, (const char *)t->content, false);
        } else if (!strcmp(nm, "tab") || !strcmp(nm, "ptab")) {
            jue_buf_putc(&x->line, cell ? ' ' : JUE_D2_BREAK);
        } else if (!strcmp(nm, "br") || !strcmp(nm, "cr")) {
            if (cell) {
                jue_buf_putc(&x->line, ' ');
            } else {
                st = jue_d2_flush(x->g, &x->line, x->lineno, &x->bytes);
                x->lineno++;
            }
        } else if (!strcmp(nm, "noBreakHyphen")) {
            jue_buf_putc(&x->line, '-');
        } else {
            /* r, hyperlink, ins, smartTag, fldSimple, sdt, sdtContent,
             * customXml, moveTo, math runs … */
            st = inline_text(x, c, cell, depth + 1);
        }
    }
    return st ? st : jue_buf_err(&x->line);
}

/* ---- block content ---- */

static jue_status block(dx *x, xmlNodePtr parent, int depth);

static jue_status paragraph(dx *x, xmlNodePtr p, int depth)
{
    x->lineno++;
    jue_buf_reset(&x->line);
    jue_status st = inline_text(x, p, false, depth + 1);
    if (!st) st = jue_d2_flush(x->g, &x->line, x->lineno, &x->bytes);
    return st;
}

/* A cell's text: its paragraphs joined by a space; nested tables left out
 * (the cell is then a container, see table()). */
static jue_status cell_text(dx *x, xmlNodePtr n, int depth)
{
    if (depth > JUE_D2_MAX_DEPTH) { x->deep = true; return JUE_OK; }
    jue_status st = JUE_OK;
    for (xmlNodePtr c = n->children; c && !st; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (is_el(c, "p")) {
            if (x->line.len) jue_buf_putc(&x->line, ' ');
            st = inline_text(x, c, true, depth + 1);
        } else if (is_el(c, "sdt") || is_el(c, "sdtContent") || is_el(c, "customXml")) {
            st = cell_text(x, c, depth + 1);
        }
    }
    return st;
}

static bool has_table(xmlNodePtr n, int depth)
{
    if (depth > JUE_D2_MAX_DEPTH) return false;
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (is_el(c, "tbl")) return true;
        if ((is_el(c, "sdt") || is_el(c, "sdtContent") || is_el(c, "customXml")) && has_table(c, depth + 1))
            return true;
    }
    return false;
}

static int int_attr(xmlNodePtr n, const char *name, int dflt, int lo, int hi)
{
    const char *v = n ? attr(n, name) : NULL;
    if (!v) return dflt;
    char *e;
    long k = strtol(v, &e, 10);
    if (e == v) return dflt;
    return k < lo ? lo : k > hi ? hi : (int)k;
}

typedef struct {
    xmlNodePtr *v;
    size_t n, cap;
} nodes;

static bool nodes_add(nodes *l, xmlNodePtr p)
{
    if (l->n == l->cap) {
        size_t nc = l->cap ? l->cap * 2 : 8;
        xmlNodePtr *nv = realloc(l->v, nc * sizeof *nv);
        if (!nv) return false;
        l->v = nv;
        l->cap = nc;
    }
    l->v[l->n++] = p;
    return true;
}

/* The w:tc cells of a row, content controls and custom XML unwrapped. */
static bool collect(xmlNodePtr n, const char *name, nodes *out, int depth)
{
    if (depth > JUE_D2_MAX_DEPTH) return true;
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (is_el(c, name)) {
            if (!nodes_add(out, c)) return false;
        } else if (is_el(c, "sdt") || is_el(c, "sdtContent") || is_el(c, "customXml")) {
            if (!collect(c, name, out, depth + 1)) return false;
        }
    }
    return true;
}

/* Copies text over columns [from, to) of row ri as merge copies. */
static jue_status cover(dx *x, size_t ri, int from, int to, const char *text)
{
    jue_status st = JUE_OK;
    for (int c = from; c < to && !st; c++) st = jue_d2_set(&x->g->rows[ri], c, text, true, &x->bytes);
    return st;
}

static jue_status table(dx *x, xmlNodePtr tbl, int depth)
{
    if (depth > JUE_D2_MAX_DEPTH) { x->deep = true; return JUE_OK; }
    nodes trs = { 0 }, tcs = { 0 }, box = { 0 };
    jue_status st = collect(tbl, "tr", &trs, depth + 1) ? JUE_OK : JUE_ERR_NOMEM;
    size_t prev = (size_t)-1;          /* this table's previous row in the grid */
    for (size_t i = 0; i < trs.n && !st; i++) {
        xmlNodePtr tr = trs.v[i];
        x->lineno++;
        if (!jue_grid_add_row(x->g, x->lineno)) { st = JUE_ERR_NOMEM; break; }
        size_t ri = x->g->n - 1;
        tcs.n = box.n = 0;
        if (!collect(tr, "tc", &tcs, depth + 1)) { st = JUE_ERR_NOMEM; break; }
        int col = int_attr(child(child(tr, "trPr"), "gridBefore"), "val", 0, 0, JUE_D2_MAX_COLS);
        for (size_t k = 0; k < tcs.n && !st && col < JUE_D2_MAX_COLS; k++) {
            xmlNodePtr tc = tcs.v[k], pr = child(tc, "tcPr");
            int span = int_attr(child(pr, "gridSpan"), "val", 1, 1, JUE_D2_MAX_SPAN);
            xmlNodePtr vm = child(pr, "vMerge"), hm = child(pr, "hMerge");
            const char *vv = vm ? attr(vm, "val") : NULL, *hv = hm ? attr(hm, "val") : NULL;
            bool vcont = vm && (!vv || strcmp(vv, "restart") != 0);
            bool hcont = hm && (!hv || strcmp(hv, "restart") != 0) && col > 0;
            if (vcont && prev != (size_t)-1) {
                /* continuation: the text of the cell above, column by column */
                for (int c = col; c < col + span && !st; c++) {
                    char *above = jue_strdup(jue_grow_text(&x->g->rows[prev], c));
                    if (!above) { st = JUE_ERR_NOMEM; break; }
                    if (above[0]) st = cover(x, ri, c, c + 1, above);
                    free(above);
                }
            } else if (hcont) {
                char *left = jue_strdup(jue_grow_text(&x->g->rows[ri], col - 1));
                if (!left) { st = JUE_ERR_NOMEM; break; }
                if (left[0]) st = cover(x, ri, col, col + span, left);
                free(left);
            } else if (has_table(tc, depth + 1)) {
                if (!nodes_add(&box, tc)) st = JUE_ERR_NOMEM;
            } else {
                jue_buf_reset(&x->line);
                st = cell_text(x, tc, depth + 1);
                if (!st) st = jue_buf_err(&x->line);
                if (!st) st = jue_d2_set(&x->g->rows[ri], col, jue_buf_str(&x->line), false, &x->bytes);
                if (!st && span > 1 && x->line.len)
                    st = cover(x, ri, col + 1, col + span, jue_buf_str(&x->line));
                jue_buf_reset(&x->line);
            }
            col += span;
        }
        if (st) break;
        if (box.n && jue_grow_filled(&x->g->rows[ri]) == 0) {
            jue_d2_drop_last(x->g);    /* a layout row: only its contents count */
            prev = (size_t)-1;
        } else {
            prev = ri;
        }
        for (size_t k = 0; k < box.n && !st; k++) st = block(x, box.v[k], depth + 1);
        /* rows of nested tables came after ri; ri is still this table's
         * previous row, unless it was dropped */
    }
    free(trs.v);
    free(tcs.v);
    free(box.v);
    return st;
}

/* One block-level element of a parent at depth: a paragraph, a table, or a
 * container of blocks. */
static jue_status block_one(dx *x, xmlNodePtr c, int depth)
{
    if (c->type != XML_ELEMENT_NODE) return JUE_OK;
    if (is_el(c, "p")) return paragraph(x, c, depth);
    if (is_el(c, "tbl")) return table(x, c, depth + 1);
    if (is_el(c, "sdt") || is_el(c, "sdtContent") || is_el(c, "customXml") || is_el(c, "ins") ||
        is_el(c, "moveTo"))
        return block(x, c, depth + 1);
    return JUE_OK;
}

static jue_status block(dx *x, xmlNodePtr parent, int depth)
{
    if (depth > JUE_D2_MAX_DEPTH) { x->deep = true; return JUE_OK; }
    jue_status st = JUE_OK;
    for (xmlNodePtr c = parent->children; c && !st; c = c->next) st = block_one(x, c, depth);
    return st;
}

/* The first error of a reader, with its line, into why. */
static void reader_error(void *arg, xmlErrorPtr e)
{
    jue_buf *why = arg;
    if (!why || why->len || !e || !e->message) return;
    jue_buf_printf(why, "第%d行：%s", e->line, e->message);
    while (why->len > 0 && (why->data[why->len - 1] == '\n' || why->data[why->len - 1] == ' '))
        why->data[--why->len] = '\0';
}

/* Moves the reader to the root's w:body; 1 there, 0 when the document has
 * none, -1 on a syntax error, -2 on a DTD (refused: Word never writes one,
 * and refusing it rules out entity expansion). */
static int to_body(xmlTextReaderPtr r)
{
    int ret;
    while ((ret = xmlTextReaderRead(r)) == 1) {
        int type = xmlTextReaderNodeType(r);
        if (type == XML_READER_TYPE_DOCUMENT_TYPE) return -2;
        const char *name = (const char *)xmlTextReaderConstLocalName(r);
        if (type == XML_READER_TYPE_ELEMENT && xmlTextReaderDepth(r) == 1 && name && !strcmp(name, "body"))
            return 1;
    }
    return ret < 0 ? -1 : 0;
}

/* The main part read as a stream: each child of w:body is expanded alone,
 * read and freed before the next, so memory is bounded by the largest one
 * (a table), not by the document — 8 MiB of one-digit paragraphs built a
 * 200 MB tree. The rest is read to its end, so a syntax error anywhere
 * refuses the part as a whole parse did. */
static jue_status read_body(dx *x, const char *buf, size_t len, const char *part, jue_buf *why)
{
    jue_d2_quiet q;
    jue_d2_quiet_on(&q);
    xmlTextReaderPtr r =
        xmlReaderForMemory(buf, (int)len, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!r) {
        jue_d2_quiet_off(&q);
        return JUE_ERR_NOMEM;
    }
    xmlTextReaderSetStructuredErrorHandler(r, reader_error, why);
    jue_status st = JUE_OK;
    int ret = to_body(r);
    if (ret == -2) {
        jue_buf_puts(why, "其中有DTD，Word从不写DTD");
        st = JUE_ERR_INVALID;
    } else if (ret == 0) {
        jue_diag_add(x->diags, JUE_SEV_WARNING, x->doc->file, 0, 0, "%s中没有 w:body：文件是空的", part);
    } else if (ret == 1 && !xmlTextReaderIsEmptyElement(r)) {
        ret = xmlTextReaderRead(r);
        while (ret == 1 && !st && xmlTextReaderDepth(r) > 1) {
            if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT) {
                ret = xmlTextReaderRead(r);
                continue;
            }
            xmlNodePtr n = xmlTextReaderExpand(r);
            if (!n) {
                ret = -1;
                break;
            }
            st = block_one(x, n, 0);
            ret = xmlTextReaderNext(r);
        }
    }
    while (!st && ret == 1) ret = xmlTextReaderRead(r);
    if (!st && ret < 0) st = JUE_ERR_SYNTAX;
    xmlFreeTextReader(r);
    jue_d2_quiet_off(&q);
    return st;
}

/* The main part's name from _rels/.rels (a package may put it anywhere). */
static char *main_part(zip_t *z)
{
    jue_status st;
    xmlDocPtr rels = parse_part(z, "_rels/.rels", &st, NULL);
    char *name = NULL;
    xmlNodePtr root = rels ? xmlDocGetRootElement(rels) : NULL;
    for (xmlNodePtr r = root ? root->children : NULL; r && !name; r = r->next) {
        const char *type = is_el(r, "Relationship") ? attr(r, "Type") : NULL;
        const char *target = type ? attr(r, "Target") : NULL;
        size_t tl = type ? strlen(type) : 0;
        if (target && tl >= 15 && !strcmp(type + tl - 15, "/officeDocument"))
            name = jue_strdup(target[0] == '/' ? target + 1 : target);
    }
    if (rels) xmlFreeDoc(rels);
    return name ? name : jue_strdup("word/document.xml");
}

static void read_title(zip_t *z, jue_idoc *doc)
{
    jue_status st;
    xmlDocPtr core = parse_part(z, "docProps/core.xml", &st, NULL);
    xmlNodePtr t = core ? child(xmlDocGetRootElement(core), "title") : NULL;
    if (t) {
        xmlChar *s = xmlNodeGetContent(t);
        if (s && s[0] && !doc->title) doc->title = jue_strdup((const char *)s);
        xmlFree(s);
    }
    if (core) xmlFreeDoc(core);
}

/* Why the main part cannot be read, in the user's words. */
static void part_error(jue_diags *diags, const jue_idoc *doc, zip_t *z, const char *part, jue_status st,
                       const jue_buf *why)
{
    if (st == JUE_ERR_NOMEM) return;
    if (st == JUE_ERR_NOTFOUND) {
        zip_stat_t zs;
        bool xlsx = zip_stat(z, "xl/workbook.xml", ZIP_FL_NOCASE, &zs) == 0;
        jue_diag_add(diags, JUE_SEV_ERROR, doc->file, 0, 0, "不是Word文件：缺少%s%s", part,
                     xlsx ? "（这是XLSX工作簿）" : "");
    } else if (st == JUE_ERR_LIMIT) {
        jue_diag_add(diags, JUE_SEV_ERROR, doc->file, 0, 0, "%s大于%u MiB", part, MAX_PART >> 20);
    } else {
        /* the parser's own words, with the line inside the part */
        jue_diag_add(diags, JUE_SEV_ERROR, doc->file, 0, 0, "Word文件无法读取：%s%s%s%s%s", part,
                     st == JUE_ERR_SYNTAX    ? "不是格式正确的XML"
                     : st == JUE_ERR_INVALID ? "不予读取"
                                             : jue_status_str(st),
                     why->len ? "（" : "", jue_buf_str(why), why->len ? "）" : "");
    }
}

jue_status jue_officem_docx_read(const char *data, size_t len, jue_idoc *doc, jue_diags *diags)
{
    xmlInitParser();
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    if (!src) { zip_error_fini(&ze); return JUE_ERR_NOMEM; }
    zip_t *z = zip_open_from_source(src, ZIP_RDONLY, &ze);
    if (!z) {
        zip_source_free(src);
        jue_diag_add(diags, JUE_SEV_ERROR, doc->file, 0, 0, "不是Word文件（.docx）：不是zip压缩包");
        zip_error_fini(&ze);
        return JUE_ERR_INVALID;
    }
    zip_error_fini(&ze);
    char *part = main_part(z);
    if (!part) { zip_discard(z); return JUE_ERR_NOMEM; }
    char *buf = NULL;
    size_t blen = 0;
    jue_status st = read_part(z, part, &buf, &blen);
    jue_buf why;
    jue_buf_init(&why);
    dx x;
    memset(&x, 0, sizeof x);
    x.doc = doc;
    x.diags = diags;
    jue_buf_init(&x.line);
    if (!st) {
        read_title(z, doc);
        x.g = jue_idoc_add_grid(doc, NULL);
        if (!x.g) st = JUE_ERR_NOMEM;
        else {
            x.g->merges = true;
            st = read_body(&x, buf, blen, part, &why);
            if (st == JUE_ERR_SYNTAX || st == JUE_ERR_INVALID) part_error(diags, doc, z, part, st, &why);
        }
    } else {
        part_error(diags, doc, z, part, st, &why);
    }
    if (x.deep)
        jue_diag_add(diags, JUE_SEV_WARNING, doc->file, 0, 0,
                     "嵌套超过%d层的内容已跳过", JUE_D2_MAX_DEPTH);
    if (st == JUE_ERR_LIMIT && buf) {
        jue_diag_add(diags, JUE_SEV_ERROR, doc->file, x.lineno, 0,
                     "文件中表格的文字超过%zu MiB（合并单元格按格复制）：其余部分不再读取",
                     JUE_D2_MAX_BYTES >> 20);
    }
    jue_buf_free(&why);
    jue_buf_free(&x.line);
    free(buf);
    free(part);
    zip_discard(z);
    return st == JUE_OK || st == JUE_ERR_NOMEM ? st : JUE_ERR_INVALID;
}
