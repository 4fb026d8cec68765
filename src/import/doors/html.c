/* The HTML door (libxml2's HTML parser, in recovery mode, never touching
 * the network): a published page or a Word document saved as HTML.
 *
 * Prose: block elements (<p>, <div>, <h1>–<h6>, <li>, …) and <br> end rows;
 * inline elements (<span>, <font>, <b>, …) are joined; white space collapses
 * as a browser shows it; &nbsp; and U+3000 are kept, so printed alignment
 * splits a line into cells (flow.h). A <div> made only of two or more
 * inline boxes (<div><span>编制单位：…</span><span>金额单位：万元</span></div>)
 * is a row of one cell per box: they are laid out side by side. <pre> keeps
 * its lines, tabs are cell breaks.
 *
 * Tables: <tr> rows of <td>/<th> cells placed by the HTML table model
 * (colspan, rowspan; <thead> first, <tfoot> last; spans end with their row
 * group); covered cells get a copy of the text, marked copy. A cell holding
 * a nested table is a container: its content becomes rows of its own after
 * the row, and a row left with nothing but containers is dropped (layout
 * tables). <caption> is a prose row before the table.
 *
 * row.line is the source line of the element (<tr>, <p>, the text after a
 * <br>), from libxml2's line numbers (at most 65535: beyond, the last line
 * libxml2 can record).
 *
 * Encoding: see jue_html_read in flow.h. */
#include "import/doors/flow.h"

#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>
#include <libxml/tree.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "office/office.h"

typedef struct {
    jue_idoc *doc;
    jue_diags *diags;
    jue_grid *g;
    jue_buf line;          /* prose being assembled */
    int at;                /* source line of the pending prose; 0 = none yet */
    int hint;              /* line of the latest element entered */
    int pre;               /* inside <pre> */
    size_t bytes;          /* cell text stored, for JUE_D2_MAX_BYTES */
    bool deep;
} hx;

enum { K_INLINE, K_BLOCK, K_SKIP, K_BR, K_TABLE, K_TITLE };

static int kind_of(const char *name)
{
    static const char *const BLOCK[] = {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
        "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
        "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "listing",
        "main", "menu", "nav", "ol", "p", "plaintext", "pre", "section", "summary", "ul", "xmp",
        "tr", "td", "th", "thead", "tbody", "tfoot", "option" };
    static const char *const SKIP[] = {
        "head", "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
        "select", "textarea", "button", "map", "canvas", "audio", "video", "applet", "frameset",
        "frame", "noframes", "colgroup", "col", "meta", "link", "base" };
    if (!strcmp(name, "br")) return K_BR;
    if (!strcmp(name, "table")) return K_TABLE;
    if (!strcmp(name, "title")) return K_TITLE;
    for (size_t i = 0; i < sizeof BLOCK / sizeof BLOCK[0]; i++)
        if (!strcmp(name, BLOCK[i])) return K_BLOCK;
    for (size_t i = 0; i < sizeof SKIP / sizeof SKIP[0]; i++)
        if (!strcmp(name, SKIP[i])) return K_SKIP;
    return K_INLINE;
}

static int kind(xmlNodePtr n)
{
    return kind_of((const char *)n->name);
}

static bool is_el(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static int line_of(xmlNodePtr n)
{
    long l = xmlGetLineNo(n);
    return l > 0 && l < INT_MAX ? (int)l : 0;
}

static bool all_space(const char *s)
{
    for (; *s; s++)
        if (!(*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f')) return false;
    return true;
}

static bool is_text(xmlNodePtr n)
{
    return (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content;
}

static jue_status flush(hx *x)
{
    jue_status st = jue_d2_flush(x->g, &x->line, x->at ? x->at : x->hint, &x->bytes);
    x->at = 0;
    return st;
}

/* Text of n for a table cell or an inline box: white space collapsed, <br>
 * and block edges become spaces, nested tables and scripts left out. */
static void box_text(hx *x, xmlNodePtr n, jue_buf *b, int depth)
{
    if (depth > JUE_D2_MAX_DEPTH) { x->deep = true; return; }
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (is_text(c)) { jue_d2_text(b, (const char *)c->content, true); continue; }
        if (c->type != XML_ELEMENT_NODE) continue;
        int k = kind(c);
        if (k == K_SKIP || k == K_TABLE || k == K_TITLE) continue;
        if (k == K_BR || k == K_BLOCK) jue_d2_text(b, " ", true);
        if (k != K_BR) box_text(x, c, b, depth + 1);
        if (k == K_BLOCK) jue_d2_text(b, " ", true);
    }
}

static bool has_table(xmlNodePtr n, int depth)
{
    if (depth > JUE_D2_MAX_DEPTH) return false;
    for (xmlNodePtr c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && (is_el(c, "table") || has_table(c, depth + 1))) return true;
    return false;
}

static bool has_text(xmlNodePtr n, int depth)
{
    if (depth > JUE_D2_MAX_DEPTH) return false;
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (is_text(c) && !all_space((const char *)c->content)) return true;
        if (c->type == XML_ELEMENT_NODE && kind(c) != K_SKIP && has_text(c, depth + 1)) return true;
    }
    return false;
}

/* A <div> of two or more inline boxes side by side, each with text, and
 * no text of its own between them. */
static bool boxes_div(xmlNodePtr n)
{
    if (!is_el(n, "div")) return false;
    int boxes = 0;
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (is_text(c)) {
            if (!all_space((const char *)c->content)) return false;
            continue;
        }
        if (c->type != XML_ELEMENT_NODE) continue;
        if (kind(c) != K_INLINE) return false;
        if (!has_text(c, 0)) return false;
        boxes++;
    }
    return boxes >= 2;
}

static int span_attr(xmlNodePtr n, const char *name, int zero)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (!v) return 1;
    char *e;
    long k = strtol((const char *)v, &e, 10);
    bool ok = e != (char *)v;
    xmlFree(v);
    if (!ok || k < 0) return 1;
    if (k == 0) return zero;
    return k > JUE_D2_MAX_SPAN ? JUE_D2_MAX_SPAN : (int)k;
}

static jue_status flow(hx *x, xmlNodePtr n, int depth);

typedef struct {
    xmlNodePtr tr;
    int group;             /* row group: spans end where it changes */
} trow;

typedef struct {
    trow *v;
    size_t n, cap;
} trows;

static bool trows_add(trows *l, xmlNodePtr tr, int group)
{
    if (l->n == l->cap) {
        size_t nc = l->cap ? l->cap * 2 : 16;
        trow *nv = realloc(l->v, nc * sizeof *nv);
        if (!nv) return false;
        l->v = nv;
        l->cap = nc;
    }
    l->v[l->n].tr = tr;
    l->v[l->n].group = group;
    l->n++;
    return true;
}

static bool add_group(trows *l, xmlNodePtr sec, int group)
{
    for (xmlNodePtr r = sec->children; r; r = r->next)
        if (is_el(r, "tr") && !trows_add(l, r, group)) return false;
    return true;
}

typedef struct {
    int *left;             /* rows a rowspan still covers, by column */
    char **cov;            /* the text it covers them with */
    bool *busy;            /* covered in the current row */
    int hi;                /* 1 + the highest column with left > 0 */
} spans;

static void spans_clear(spans *s)
{
    for (int c = 0; c < s->hi; c++) {
        s->left[c] = 0;
        free(s->cov[c]);
        s->cov[c] = NULL;
    }
    s->hi = 0;
}

static jue_status row_cells(hx *x, xmlNodePtr tr, size_t ri, spans *sp, size_t rows_left, xmlNodePtr **box,
                            size_t *nbox, size_t *capbox, int depth)
{
    jue_status st = JUE_OK;
    for (int c = 0; c < sp->hi; c++) {
        sp->busy[c] = sp->left[c] > 0;
        if (!sp->busy[c]) continue;
        if (sp->cov[c] && sp->cov[c][0]) st = jue_d2_set(&x->g->rows[ri], c, sp->cov[c], true, &x->bytes);
        if (--sp->left[c] == 0) { free(sp->cov[c]); sp->cov[c] = NULL; }
        if (st) return st;
    }
    int col = 0;
    jue_buf b;
    jue_buf_init(&b);
    for (xmlNodePtr td = tr->children; td && !st; td = td->next) {
        if (!is_el(td, "td") && !is_el(td, "th")) continue;
        while (col < sp->hi && sp->busy[col]) col++;
        if (col >= JUE_D2_MAX_COLS) break;
        int cs = span_attr(td, "colspan", 1);
        int rs = span_attr(td, "rowspan", rows_left > JUE_D2_MAX_SPAN ? JUE_D2_MAX_SPAN : (int)rows_left);
        if (col + cs > JUE_D2_MAX_COLS) cs = JUE_D2_MAX_COLS - col;
        jue_buf_reset(&b);
        if (has_table(td, depth + 1)) {
            if (*nbox == *capbox) {
                size_t nc = *capbox ? *capbox * 2 : 4;
                xmlNodePtr *nv = realloc(*box, nc * sizeof *nv);
                if (!nv) { st = JUE_ERR_NOMEM; break; }
                *box = nv;
                *capbox = nc;
            }
            (*box)[(*nbox)++] = td;
        } else {
            box_text(x, td, &b, depth + 1);
            if ((st = jue_buf_err(&b))) break;
        }
        const char *t = jue_buf_str(&b);
        for (int c = col; c < col + cs && !st; c++)
            if (c == col || t[0]) st = jue_d2_set(&x->g->rows[ri], c, t, c != col, &x->bytes);
        if (rs > 1)
            for (int c = col; c < col + cs && !st; c++) {
                sp->left[c] = rs - 1;
                free(sp->cov[c]);
                if (!(sp->cov[c] = jue_strdup(t))) st = JUE_ERR_NOMEM;
                if (c + 1 > sp->hi) sp->hi = c + 1;
            }
        col += cs;
    }
    jue_buf_free(&b);
    return st;
}

static jue_status table(hx *x, xmlNodePtr t, int depth)
{
    if (depth > JUE_D2_MAX_DEPTH) { x->deep = true; return JUE_OK; }
    jue_status st = flush(x);
    if (st) return st;
    trows rows = { 0 };
    int group = 0;
    bool ok = true;
    /* captions first, as prose; then <thead>, the bodies, <tfoot> */
    for (xmlNodePtr c = t->children; c && !st; c = c->next)
        if (is_el(c, "caption")) {
            x->hint = line_of(c) ? line_of(c) : x->hint;
            st = flow(x, c, depth + 1);
            if (!st) st = flush(x);
        }
    for (xmlNodePtr c = t->children; c && ok; c = c->next)
        if (is_el(c, "thead")) ok = add_group(&rows, c, ++group);
    int loose = 0;             /* <tr> directly under <table>: one group per run */
    for (xmlNodePtr c = t->children; c && ok; c = c->next) {
        if (is_el(c, "tbody")) { ok = add_group(&rows, c, ++group); loose = 0; }
        else if (is_el(c, "tr")) { if (!loose) loose = ++group; ok = trows_add(&rows, c, loose); }
    }
    for (xmlNodePtr c = t->children; c && ok; c = c->next)
        if (is_el(c, "tfoot")) ok = add_group(&rows, c, ++group);
    spans sp = { 0 };
    sp.left = calloc(JUE_D2_MAX_COLS, sizeof *sp.left);
    sp.cov = calloc(JUE_D2_MAX_COLS, sizeof *sp.cov);
    sp.busy = calloc(JUE_D2_MAX_COLS, sizeof *sp.busy);
    if (!ok || !sp.left || !sp.cov || !sp.busy) st = JUE_ERR_NOMEM;
    xmlNodePtr *box = NULL;
    size_t nbox = 0, capbox = 0;
    for (size_t i = 0; i < rows.n && !st; i++) {
        if (i > 0 && rows.v[i].group != rows.v[i - 1].group) spans_clear(&sp);
        size_t left = 0;       /* rows to the end of the group, for rowspan="0" */
        for (size_t k = i; k < rows.n && rows.v[k].group == rows.v[i].group && left <= JUE_D2_MAX_SPAN; k++) left++;
        int ln = line_of(rows.v[i].tr);
        if (ln) x->hint = ln;
        if (!jue_grid_add_row(x->g, x->hint)) { st = JUE_ERR_NOMEM; break; }
        size_t ri = x->g->n - 1;
        nbox = 0;
        st = row_cells(x, rows.v[i].tr, ri, &sp, left, &box, &nbox, &capbox, depth);
        if (st) break;
        if (nbox && jue_grow_filled(&x->g->rows[ri]) == 0) jue_d2_drop_last(x->g);
        for (size_t k = 0; k < nbox && !st; k++) {
            st = flow(x, box[k], depth + 1);
            if (!st) st = flush(x);
        }
    }
    if (sp.cov) spans_clear(&sp);
    free(sp.left);
    free(sp.cov);
    free(sp.busy);
    free(box);
    free(rows.v);
    return st;
}

static jue_status pre_text(hx *x, const char *s)
{
    jue_status st = JUE_OK;
    for (const char *p = s; *p && !st; p++) {
        if (*p == '\n') {
            st = flush(x);
            x->hint++;
        } else if (*p == '\r') {
            continue;
        } else {
            if (!x->at) x->at = x->hint;
            jue_buf_putc(&x->line, *p == '\t' ? JUE_D2_BREAK : *p);
        }
    }
    return st;
}

static jue_status flow(hx *x, xmlNodePtr n, int depth)
{
    if (depth > JUE_D2_MAX_DEPTH) { x->deep = true; return JUE_OK; }
    jue_status st = JUE_OK;
    for (xmlNodePtr c = n->children; c && !st; c = c->next) {
        if (is_text(c)) {
            const char *s = (const char *)c->content;
            if (x->pre) { st = pre_text(x, s); continue; }
            if (!x->at) {
                if (all_space(s)) continue;
                x->at = x->hint;
            }
            jue_d2_text(&x->line, s, true);
            st = jue_buf_err(&x->line);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE) continue;
        int k = kind(c), ln = line_of(c);
        switch (k) {
        case K_TITLE:
            if (!x->doc->title) {
                jue_buf b;
                jue_buf_init(&b);
                box_text(x, c, &b, depth + 1);
                if (!jue_buf_err(&b)) {
                    char *s = jue_buf_take(&b), *e;
                    char *t = s;
                    while (t && *t == ' ') t++;
                    if (t && *t) {
                        e = t + strlen(t);
                        while (e > t && e[-1] == ' ') *--e = '\0';
                        x->doc->title = jue_strdup(t);
                    }
                    free(s);
                }
                jue_buf_free(&b);
            }
            break;
        case K_SKIP:
            /* the title lives in <head> */
            if (is_el(c, "head")) st = flow(x, c, depth + 1);
            break;
        case K_BR:
            st = flush(x);
            if (ln) x->hint = ln;
            break;
        case K_TABLE:
            st = table(x, c, depth + 1);
            break;
        case K_BLOCK:
            st = flush(x);
            if (st) break;
            if (ln) x->hint = ln;
            if (boxes_div(c)) {
                if (!jue_grid_add_row(x->g, x->hint)) { st = JUE_ERR_NOMEM; break; }
                size_t ri = x->g->n - 1;
                int col = 0;
                jue_buf b;
                jue_buf_init(&b);
                for (xmlNodePtr e = c->children; e && !st; e = e->next) {
                    if (e->type != XML_ELEMENT_NODE) continue;
                    jue_buf_reset(&b);
                    box_text(x, e, &b, depth + 1);
                    st = jue_buf_err(&b);
                    if (!st) st = jue_d2_set(&x->g->rows[ri], col++, jue_buf_str(&b), false, &x->bytes);
                }
                jue_buf_free(&b);
                break;
            }
            {
                bool pre = is_el(c, "pre") || is_el(c, "listing") || is_el(c, "xmp") || is_el(c, "plaintext");
                x->pre += pre;
                st = flow(x, c, depth + 1);
                x->pre -= pre;
            }
            if (!st) st = flush(x);
            break;
        default:
            if (ln && !x->at) x->hint = ln;
            st = flow(x, c, depth + 1);
            break;
        }
    }
    return st;
}

/* ---- encoding ---- */

static bool valid_utf8(const unsigned char *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = p[i];
        size_t k;
        unsigned cp;
        if (c < 0x80) { i++; continue; }
        if (c >= 0xC2 && c <= 0xDF) { k = 1; cp = c & 0x1F; }
        else if (c >= 0xE0 && c <= 0xEF) { k = 2; cp = c & 0x0F; }
        else if (c >= 0xF0 && c <= 0xF4) { k = 3; cp = c & 0x07; }
        else return false;
        if (n - i <= k) return false;
        for (size_t j = 1; j <= k; j++) {
            if ((p[i + j] & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (p[i + j] & 0x3F);
        }
        if ((k == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (k == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
            return false;
        i += k + 1;
    }
    return true;
}

/* The label after the first "charset" in the first 4 KiB, or "". */
static void declared_charset(const char *data, size_t len, char label[40])
{
    label[0] = '\0';
    size_t n = len < 4096 ? len : 4096;
    for (size_t i = 0; i + 7 <= n; i++) {
        if (strncasecmp(data + i, "charset", 7) != 0) continue;
        size_t j = i + 7;
        while (j < n && (data[j] == ' ' || data[j] == '\t' || data[j] == '\n' || data[j] == '\r')) j++;
        if (j >= n || data[j] != '=') continue;
        j++;
        while (j < n && (data[j] == ' ' || data[j] == '"' || data[j] == '\'')) j++;
        size_t k = 0;
        while (j < n && k < 39) {
            char c = data[j];
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                  c == '_' || c == '.' || c == ':'))
                break;
            label[k++] = c;
            j++;
        }
        label[k] = '\0';
        if (k) return;
    }
}

/* The encoding to hand libxml2, NULL to let it detect (UTF-16 BOMs). */
static const char *choose_encoding(const char *data, size_t len, jue_idoc *doc, jue_diags *diags)
{
    const unsigned char *u = (const unsigned char *)data;
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) return "UTF-8";
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) return NULL;
    char label[40];
    declared_charset(data, len, label);
    if (label[0]) {
        /* GB2312 and GBK pages use the whole of GBK in practice; GB18030
         * is a superset of both (as browsers read them) */
        static const char *const GB[] = { "gb2312", "gbk", "gb18030", "x-gbk", "cp936", "windows-936",
                                          "csgb2312", "chinese", "iso-ir-58", "euc-cn", "ms936" };
        for (size_t i = 0; i < sizeof GB / sizeof GB[0]; i++)
            if (!strcasecmp(label, GB[i])) return "GB18030";
        if (!strcasecmp(label, "utf-8") || !strcasecmp(label, "utf8")) return "UTF-8";
        xmlCharEncodingHandlerPtr h = xmlFindCharEncodingHandler(label);
        if (h) {
            xmlCharEncCloseFunc(h);
            return NULL;       /* libxml2 reads the declaration itself */
        }
        jue_diag_add(diags, JUE_SEV_WARNING, doc->file, 0, 0, "未知的字符集“%s”：按内容判断编码读取", label);
    }
    if (valid_utf8(u, len)) return "UTF-8";
    jue_diag_add(diags, JUE_SEV_WARNING, doc->file, 0, 0,
                 "网页没有声明字符集，内容也不是UTF-8：按GB18030（GBK）读取");
    return "GB18030";
}

jue_status jue_officem_html_read(const char *data, size_t len, jue_idoc *doc, jue_diags *diags)
{
    if (len > (size_t)INT_MAX) {
        jue_diag_add(diags, JUE_SEV_ERROR, doc->file, 0, 0, "网页文件过大（%zu字节）", len);
        return JUE_ERR_INVALID;
    }
    if (len == 0) {
        jue_diag_add(diags, JUE_SEV_ERROR, doc->file, 0, 0, "网页文件是空的");
        return JUE_ERR_INVALID;
    }
    if (memchr(data, '\0', len < 4096 ? len : 4096) &&
        !(len >= 2 && (((unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xFE) ||
                       ((unsigned char)data[0] == 0xFE && (unsigned char)data[1] == 0xFF)))) {
        jue_diag_add(diags, JUE_SEV_ERROR, doc->file, 0, 0, "不是网页文件：其中有NUL字节");
        return JUE_ERR_INVALID;
    }
    xmlInitParser();
    const char *enc = choose_encoding(data, len, doc, diags);
    htmlParserCtxtPtr ctx = htmlNewParserCtxt();
    if (!ctx) return JUE_ERR_NOMEM;
    jue_d2_quiet q;
    jue_d2_quiet_on(&q);
    htmlDocPtr d = htmlCtxtReadMemory(ctx, data, (int)len, NULL, enc,
                                      HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                                          HTML_PARSE_NOWARNING);
    jue_d2_quiet_off(&q);
    htmlFreeParserCtxt(ctx);
    xmlNodePtr root = d ? xmlDocGetRootElement(d) : NULL;
    if (!root) {
        if (d) xmlFreeDoc(d);
        jue_diag_add(diags, JUE_SEV_ERROR, doc->file, 0, 0,
                     "不是网页文件：没有可解析的内容");
        return JUE_ERR_INVALID;
    }
    hx x;
    memset(&x, 0, sizeof x);
    x.doc = doc;
    x.diags = diags;
    x.hint = 1;
    jue_buf_init(&x.line);
    jue_status st = JUE_OK;
    x.g = jue_idoc_add_grid(doc, NULL);
    if (!x.g) st = JUE_ERR_NOMEM;
    else {
        x.g->merges = true;
        /* from the document node, so the root element is walked as a block
         * (xmlDoc starts like xmlNode: children is where flow looks) */
        st = flow(&x, (xmlNodePtr)d, 0);
        if (!st) st = flush(&x);
    }
    if (x.deep)
        jue_diag_add(diags, JUE_SEV_WARNING, doc->file, 0, 0, "嵌套超过%d层的内容已跳过",
                     JUE_D2_MAX_DEPTH);
    if (st == JUE_ERR_LIMIT) {
        jue_diag_add(diags, JUE_SEV_ERROR, doc->file, x.hint, 0,
                     "网页中表格的文字超过%zu MiB（合并单元格按格复制）：其余部分不再读取",
                     JUE_D2_MAX_BYTES >> 20);
        st = JUE_ERR_INVALID;
    }
    jue_buf_free(&x.line);
    xmlFreeDoc(d);
    return st;
}
