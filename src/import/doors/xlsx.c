/* The XLSX door (libzip + libxml2): the workbook `juesuan build` writes and
 * workbooks typed by hand. Reads the sheets in workbook order, shared and
 * inline strings, numbers (shown with the decimals of their number format,
 * as a reader sees them), merged cells (the covered cells get a copy of the
 * text, marked `copy`, so header analysis sees a merged header above every
 * column it spans). Location: grid name = sheet name, row.line = the sheet's
 * row number, cell.col = the 0-based sheet column.
 *
 * Hostile input: the sheets and shared strings are streamed (xmlTextReader
 * straight from the zip entry, one cell expanded at a time), so memory is
 * what the grids hold, and the grids are within the import budget
 * (JUE_BUDGET: cell text, cells, rows); decompressed bytes, sheets and
 * merged areas have budgets of their own; a part named by two sheets is
 * read once; documents with a DTD are refused (no entity expansion);
 * libxml2 never prints (NOERROR/NOWARNING). */
#include "import/import_internal.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

#include "office/office.h"

#define MAX_ENTRY (8u << 20)    /* uncompressed bytes of a part read whole (workbook, styles …) */
#define MAX_SHEETS 256
#define MAX_MERGE_SPAN 64       /* rows or columns a merge may fill */
#define MAX_MERGE_AREA 1000000  /* cells all merges of a workbook may cover */
#define MAX_XF 65536            /* cell styles (Excel's own limit is 64,000) */
#define MAX_NUMFMT 512          /* number formats (Excel allows about 250) */
#define MAX_ROW 1048576

typedef struct {
    zip_t *z;
    jue_idoc *doc;
    jue_diags *diags;
    char **sst;                 /* shared strings */
    size_t nsst;
    int *xf_dec;                /* decimals of each cell style; -1 = General; | XF_PCT for a percentage */
    size_t nxf;
    size_t inflated;            /* bytes decompressed so far (budget: 2 × JUE_BUDGET.input) */
    size_t merged;              /* cells covered by merges so far */
} xl;

static jue_status read_entry(xl *x, const char *name, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(x->z, name, ZIP_FL_NOCASE, &st) != 0) return JUE_ERR_NOTFOUND;
    if (!(st.valid & ZIP_STAT_SIZE) || st.size > MAX_ENTRY) return JUE_ERR_LIMIT;
    if (x->inflated + st.size > 2 * JUE_BUDGET.input) return jue_idoc_refuse(x->doc, "inflated"), JUE_ERR_LIMIT;
    x->inflated += st.size;
    zip_file_t *f = zip_fopen(x->z, name, ZIP_FL_NOCASE);
    if (!f) return JUE_ERR_IO;
    char *buf = malloc((size_t)st.size + 1);
    if (!buf) { zip_fclose(f); return JUE_ERR_NOMEM; }
    zip_int64_t got = 0;
    while ((zip_uint64_t)got < st.size) {
        zip_int64_t r = zip_fread(f, buf + got, st.size - (zip_uint64_t)got);
        if (r <= 0) break;
        got += r;
    }
    zip_fclose(f);
    if ((zip_uint64_t)got != st.size) { free(buf); return JUE_ERR_IO; }
    buf[got] = '\0';
    *out = buf;
    *len = (size_t)got;
    return JUE_OK;
}

static xmlDocPtr parse_xml(const char *buf, size_t len)
{
    if (len > (size_t)INT32_MAX) return NULL;
    xmlParserCtxtPtr ctx = xmlNewParserCtxt();
    if (!ctx) return NULL;
    xmlDocPtr d = xmlCtxtReadMemory(ctx, buf, (int)len, NULL, NULL,
                                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    xmlFreeParserCtxt(ctx);
    /* A spreadsheet part never has a DTD; refusing one rules out entity
     * expansion attacks. */
    if (d && d->intSubset) { xmlFreeDoc(d); return NULL; }
    return d;
}

static xmlDocPtr load_xml(xl *x, const char *name, jue_status *st)
{
    char *buf;
    size_t len;
    *st = read_entry(x, name, &buf, &len);
    if (*st) return NULL;
    xmlDocPtr d = parse_xml(buf, len);
    free(buf);
    if (!d) *st = JUE_ERR_SYNTAX;
    return d;
}

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

/* Attribute by local name, whatever its namespace ("r:id" → "id"). */
static const char *attr(xmlNodePtr n, const char *name)
{
    for (xmlAttrPtr a = n->properties; a; a = a->next)
        if (strcmp((const char *)a->name, name) == 0 && a->children &&
            a->children->type == XML_TEXT_NODE)
            return (const char *)a->children->content;
    return NULL;
}

/* Text of all <t> below n, skipping phonetic runs (<rPh>). */
static void collect_t(xmlNodePtr n, jue_buf *out)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (is_el(c, "rPh")) continue;
        if (is_el(c, "t")) {
            for (xmlNodePtr t = c->children; t; t = t->next)
                if ((t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE) && t->content)
                    jue_buf_puts(out, (const char *)t->content);
        } else {
            collect_t(c, out);
        }
    }
}

static void node_text(xmlNodePtr n, jue_buf *out)
{
    for (xmlNodePtr t = n ? n->children : NULL; t; t = t->next)
        if ((t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE) && t->content)
            jue_buf_puts(out, (const char *)t->content);
}

/* ---- streaming a part: xmlTextReader fed from the zip entry ------------- */

typedef struct {
    zip_file_t *f;
    xl *x;
} zstream;

static int zs_read(void *ctx, char *buf, int len)
{
    zstream *z = ctx;
    if (!z->f) return -1;
    if (z->x->inflated >= 2 * JUE_BUDGET.input) return jue_idoc_refuse(z->x->doc, "inflated"), -1;
    zip_int64_t r = zip_fread(z->f, buf, (zip_uint64_t)len);
    if (r < 0) return -1;
    z->x->inflated += (size_t)r;
    return (int)r;
}

static int zs_close(void *ctx)
{
    zstream *z = ctx;
    if (z->f) zip_fclose(z->f);
    z->f = NULL;
    return 0;
}

static xmlTextReaderPtr open_part(xl *x, const char *name, zstream *zs, jue_status *st)
{
    zs->x = x;
    zs->f = zip_fopen(x->z, name, ZIP_FL_NOCASE);
    if (!zs->f) { *st = JUE_ERR_NOTFOUND; return NULL; }
    xmlTextReaderPtr r = xmlReaderForIO(zs_read, zs_close, zs, NULL, NULL,
                                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!r) { zs_close(zs); *st = JUE_ERR_NOMEM; }
    return r;
}

/* The next node: 1, 0 at the end, -1 when malformed or at a DTD (a
 * spreadsheet part never has one; refusing it rules out entity expansion). */
static int next_node(xmlTextReaderPtr r)
{
    int k = xmlTextReaderRead(r);
    if (k == 1 && xmlTextReaderNodeType(r) == XML_READER_TYPE_DOCUMENT_TYPE) return -1;
    return k;
}

static bool at_el(xmlTextReaderPtr r, const char *name)
{
    return xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT &&
           strcmp((const char *)xmlTextReaderConstLocalName(r), name) == 0;
}

/* Shared strings, streamed one <si> at a time; charged to the budget as the
 * cells are (their copies into cells are charged again). */
static jue_status load_sst(xl *x)
{
    zstream zs;
    jue_status st = JUE_OK;
    xmlTextReaderPtr r = open_part(x, "xl/sharedStrings.xml", &zs, &st);
    if (!r) return st == JUE_ERR_NOTFOUND ? JUE_OK : st;
    size_t cap = 0, bytes = 0;
    jue_buf b;
    jue_buf_init(&b);
    int k = next_node(r);
    while (k == 1 && !st) {
        if (!at_el(r, "si")) { k = next_node(r); continue; }
        xmlNodePtr si = xmlTextReaderExpand(r);
        if (!si) { k = -1; break; }
        jue_buf_reset(&b);
        collect_t(si, &b);
        bytes += b.len;
        if (x->nsst >= JUE_BUDGET.cells) { jue_idoc_refuse(x->doc, "cells"); st = JUE_ERR_LIMIT; break; }
        if (bytes > JUE_BUDGET.text) { jue_idoc_refuse(x->doc, "text"); st = JUE_ERR_LIMIT; break; }
        if (x->nsst == cap) {
            size_t nc = cap ? cap * 2 : 64;
            char **ns = realloc(x->sst, nc * sizeof *ns);
            if (!ns) { st = JUE_ERR_NOMEM; break; }
            x->sst = ns, cap = nc;
        }
        if (!(x->sst[x->nsst] = jue_strdup(jue_buf_str(&b)))) { st = JUE_ERR_NOMEM; break; }
        x->nsst++;
        jue_work_steps++;
        k = xmlTextReaderNext(r);
    }
    jue_buf_free(&b);
    xmlFreeTextReader(r);
    if (!st && k < 0) st = x->doc->over ? JUE_ERR_LIMIT : JUE_ERR_SYNTAX;
    return st;
}

#define XF_PCT 0x100             /* the format shows value × 100 with a '%' */

/* Decimals a number format shows: digits after the '.' of its first
 * section, quoted text and escapes skipped, | XF_PCT when it is a
 * percentage; -1 for General/text. */
static int fmt_decimals(const char *code)
{
    if (!code) return -1;
    int d = 0;
    bool after = false, any = false, pct = false;
    for (const char *p = code; *p && *p != ';'; p++) {
        if (*p == '"') {
            p++;
            while (*p && *p != '"') p++;
            if (!*p) break;
            continue;
        }
        if (*p == '\\' && p[1]) { p++; continue; }
        if (*p == '[') { while (*p && *p != ']') p++; if (!*p) break; continue; }
        if (*p == '.') after = true;
        else if (*p == '%') pct = true;
        else if (*p == '0' || *p == '#' || *p == '?') { any = true; if (after) d++; }
    }
    return any ? d | (pct ? XF_PCT : 0) : -1;
}

static int builtin_decimals(long id)
{
    switch (id) {
    case 1: case 3: case 37: case 38: return 0;
    case 2: case 4: case 39: case 40: return 2;
    case 11: return 2;
    case 9: return XF_PCT;
    case 10: return 2 | XF_PCT;
    default: return -1;
    }
}

static jue_status load_styles(xl *x)
{
    jue_status st;
    xmlDocPtr d = load_xml(x, "xl/styles.xml", &st);
    if (!d) return st == JUE_ERR_NOTFOUND || st == JUE_ERR_SYNTAX ? JUE_OK : st;
    xmlNodePtr root = xmlDocGetRootElement(d);
    xmlNodePtr fmts = child(root, "numFmts"), xfs = child(root, "cellXfs");
    size_t n = 0;
    for (xmlNodePtr c = xfs ? xfs->children : NULL; c; c = c->next) n += is_el(c, "xf");
    if (n > MAX_XF) n = MAX_XF;
    x->xf_dec = calloc(n + 1, sizeof *x->xf_dec);
    if (!x->xf_dec) { xmlFreeDoc(d); return JUE_ERR_NOMEM; }
    for (xmlNodePtr c = xfs ? xfs->children : NULL; c && x->nxf < n; c = c->next) {
        if (!is_el(c, "xf")) continue;
        const char *ids = attr(c, "numFmtId");
        long id = ids ? strtol(ids, NULL, 10) : 0;
        int dec = builtin_decimals(id), k = 0;
        for (xmlNodePtr f = fmts ? fmts->children : NULL; f && k < MAX_NUMFMT; f = f->next, k++) {
            const char *fid = is_el(f, "numFmt") ? attr(f, "numFmtId") : NULL;
            if (fid && strtol(fid, NULL, 10) == id) { dec = fmt_decimals(attr(f, "formatCode")); break; }
        }
        x->xf_dec[x->nxf++] = dec;
    }
    xmlFreeDoc(d);
    return JUE_OK;
}

/* Writes the decimal number v ("51318.209999999999", "1.5E-3", "-2") as
 * plain decimal text with `dec` decimals (rounded half away from zero), or
 * as written when dec < 0 (exponent expanded, at most 10 decimals); with
 * XF_PCT in dec, as a percentage ("0.9977" → "99.77%"). Returns false when
 * v is not a number. Works on the digit string: no double. */
static bool format_number(const char *v, int dec, jue_buf *out)
{
    bool pct = dec >= 0 && (dec & XF_PCT);
    if (pct) dec &= ~XF_PCT;
    const char *p = v;
    bool neg = false;
    if (*p == '-' || *p == '+') { neg = *p == '-'; p++; }
    char d[200];                 /* significand digits; value = d × 10^e */
    int nd = 0;
    long e = 0;
    bool seen = false, point = false;
    for (; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            seen = true;
            if (nd == 0 && *p == '0') { if (point) e--; continue; }
            if (nd >= 40) { if (!point) e++; continue; }   /* beyond precision: drop */
            d[nd++] = *p;
            if (point) e--;
        } else if (*p == '.' && !point) {
            point = true;
        } else {
            break;
        }
    }
    if (!seen) return false;
    if (*p == 'e' || *p == 'E') {
        char *end;
        long x = strtol(p + 1, &end, 10);
        if (end == p + 1 || x > 40 || x < -60) return false;
        e += x;
        p = end;
    }
    if (*p) return false;
    if (pct) e += 2;
    int want = dec < 0 ? 10 : dec;
    long shift = e + want;       /* value × 10^want = d × 10^shift */
    if (nd + shift > 60) return false;
    char n[200];
    int nn = 0;
    if (shift >= 0) {
        memcpy(n, d, (size_t)nd);
        nn = nd;
        for (long i = 0; i < shift; i++) n[nn++] = '0';
    } else {
        long keep = nd + shift;  /* digits kept */
        char first = keep >= 0 && keep < nd ? d[keep] : '0';
        if (keep < 0) keep = 0;
        memcpy(n, d, (size_t)keep);
        nn = (int)keep;
        if (first >= '5') {
            int i = nn - 1;
            while (i >= 0 && n[i] == '9') n[i--] = '0';
            if (i >= 0) n[i]++;
            else { memmove(n + 1, n, (size_t)nn); n[0] = '1'; nn++; }
        }
    }
    /* n is value × 10^want; pad so there is at least one integer digit */
    while (nn < want + 1) { memmove(n + 1, n, (size_t)nn); n[0] = '0'; nn++; }
    int fr = want;
    if (dec < 0) while (fr > 0 && n[nn - want + fr - 1] == '0') fr--;
    bool zero = true;
    for (int i = 0; i < nn - want + fr; i++) zero &= n[i] == '0';
    if (neg && !zero) jue_buf_putc(out, '-');
    jue_buf_putn(out, n, (size_t)(nn - want));
    if (fr > 0) {
        jue_buf_putc(out, '.');
        jue_buf_putn(out, n + nn - want, (size_t)fr);
    }
    if (pct) jue_buf_putc(out, '%');
    return true;
}

/* "C7" → col 2, row 7; false when malformed. */
static bool parse_ref(const char *r, int *col, int *row)
{
    int c = 0, k = 0;
    while (*r >= 'A' && *r <= 'Z') {
        c = c * 26 + (*r - 'A' + 1);
        if (c > 16384) return false;
        r++;
        k++;
    }
    if (k == 0) return false;
    long n = 0;
    int kd = 0;
    while (*r >= '0' && *r <= '9') {
        n = n * 10 + (*r - '0');
        if (n > 1048576) return false;
        r++;
        kd++;
    }
    if (kd == 0 || *r) return false;
    *col = c - 1;
    *row = (int)n;
    return true;
}

/* Rows by sheet row number: index + 1 into the grid's rows, 0 = none, so
 * finding a row is one step however the rows arrive (no scan back). */
typedef struct {
    uint32_t *at;
    size_t cap;
} rowmap;

static jue_grow *row_at(jue_grid *g, const rowmap *m, int line)
{
    jue_work_steps++;
    return line >= 0 && (size_t)line < m->cap && m->at[line] ? &g->rows[m->at[line] - 1] : NULL;
}

static bool rowmap_set(rowmap *m, int line, size_t index)
{
    if ((size_t)line >= m->cap) {
        size_t nc = m->cap ? m->cap : 1024;
        while (nc <= (size_t)line) nc *= 2;
        uint32_t *na = realloc(m->at, nc * sizeof *na);
        if (!na) return false;
        memset(na + m->cap, 0, (nc - m->cap) * sizeof *na);
        m->at = na, m->cap = nc;
    }
    m->at[line] = (uint32_t)index + 1;
    return true;
}

static int cmp_row(const void *a, const void *b)
{
    const jue_grow *x = a, *y = b;
    return (x->line > y->line) - (x->line < y->line);
}

/* One <c> (expanded) into row at *col: its text as a reader sees it. */
static jue_status read_cell(xl *x, jue_grow *row, xmlNodePtr c, int *col, jue_buf *v)
{
    const char *ref = attr(c, "r");
    int cc, rr;
    if (ref && parse_ref(ref, &cc, &rr)) *col = cc;
    else (*col)++;
    const char *t = attr(c, "t");
    const char *s = attr(c, "s");
    jue_buf_reset(v);
    bool number = false;
    jue_buf raw;
    jue_buf_init(&raw);
    if (t && strcmp(t, "inlineStr") == 0) {
        xmlNodePtr is = child(c, "is");
        if (is) collect_t(is, v);
    } else {
        node_text(child(c, "v"), &raw);
    }
    if (t && strcmp(t, "s") == 0) {
        char *e;
        long i = strtol(jue_buf_str(&raw), &e, 10);
        if (e != jue_buf_str(&raw) && i >= 0 && (size_t)i < x->nsst) jue_buf_puts(v, x->sst[i]);
    } else if (t && (strcmp(t, "str") == 0 || strcmp(t, "e") == 0)) {
        jue_buf_puts(v, jue_buf_str(&raw));
    } else if (t && strcmp(t, "b") == 0) {
        jue_buf_puts(v, strcmp(jue_buf_str(&raw), "1") == 0 ? "TRUE" : "FALSE");
    } else if ((!t || strcmp(t, "inlineStr") != 0) && jue_buf_str(&raw)[0]) {
        long si = s ? strtol(s, NULL, 10) : 0;
        int dec = (si >= 0 && (size_t)si < x->nxf) ? x->xf_dec[si] : -1;
        number = format_number(jue_buf_str(&raw), dec, v);
        if (!number) {
            jue_buf_reset(v);
            jue_buf_puts(v, jue_buf_str(&raw));
        }
    }
    jue_buf_free(&raw);
    if (jue_buf_err(v)) return jue_buf_err(v);
    if (!jue_buf_str(v)[0]) return JUE_OK;
    jue_gcell *gc = jue_grow_set(row, *col, jue_buf_str(v), v->len);
    if (!gc) return x->doc->over ? JUE_ERR_LIMIT : *col >= 1024 ? JUE_OK : JUE_ERR_NOMEM;
    gc->number = number;
    return JUE_OK;
}

typedef struct {
    int c1, r1, c2, r2;
} merge;

/* A <mergeCell ref="A1:C2"> kept for after the rows; false when the merged
 * area of the workbook passes its budget. */
static bool add_merge(xl *x, xmlTextReaderPtr r, merge **ms, size_t *n, size_t *cap)
{
    xmlChar *ref = xmlTextReaderGetAttribute(r, BAD_CAST "ref");
    const char *colon = ref ? strchr((const char *)ref, ':') : NULL;
    merge m;
    char a[16];
    bool ok = colon && colon - (const char *)ref < 16;
    if (ok) {
        memcpy(a, ref, (size_t)(colon - (const char *)ref));
        a[colon - (const char *)ref] = '\0';
        ok = parse_ref(a, &m.c1, &m.r1) && parse_ref(colon + 1, &m.c2, &m.r2) && m.c2 >= m.c1 &&
             m.r2 >= m.r1 && m.c2 - m.c1 < MAX_MERGE_SPAN && m.r2 - m.r1 < MAX_MERGE_SPAN;
    }
    xmlFree(ref);
    if (!ok) return true;
    x->merged += (size_t)(m.c2 - m.c1 + 1) * (size_t)(m.r2 - m.r1 + 1);
    if (x->merged > MAX_MERGE_AREA) return jue_idoc_refuse(x->doc, "merges");
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        merge *nm = realloc(*ms, nc * sizeof *nm);
        if (!nm) return false;
        *ms = nm, *cap = nc;
    }
    (*ms)[(*n)++] = m;
    return true;
}

/* merged cells: copy the top-left text over the range */
static jue_status apply_merges(jue_grid *g, const rowmap *map, const merge *ms, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const merge *m = &ms[i];
        jue_grow *top = row_at(g, map, m->r1);
        if (!top) continue;
        const char *txt = jue_grow_text(top, m->c1);
        if (!txt[0]) continue;
        char *copy = jue_strdup(txt);
        if (!copy) return JUE_ERR_NOMEM;
        for (int rr = m->r1; rr <= m->r2; rr++) {
            jue_grow *row = row_at(g, map, rr);
            if (!row) continue;   /* a row the sheet does not have holds nothing */
            for (int cc = m->c1; cc <= m->c2; cc++) {
                if ((rr == m->r1 && cc == m->c1) || jue_grow_text(row, cc)[0]) continue;
                jue_gcell *gc = jue_grow_set(row, cc, copy, strlen(copy));
                if (!gc) { free(copy); return g->doc && g->doc->over ? JUE_ERR_LIMIT : JUE_ERR_NOMEM; }
                gc->copy = true;
            }
        }
        free(copy);
    }
    return JUE_OK;
}

/* The <row> at the reader: found or added, by its r= or after the last. */
static jue_grow *start_row(jue_grid *g, rowmap *map, xmlTextReaderPtr r, int *last_row, bool *sorted)
{
    xmlChar *rs = xmlTextReaderGetAttribute(r, BAD_CAST "r");
    long rn = rs ? strtol((const char *)rs, NULL, 10) : *last_row + 1;
    xmlFree(rs);
    if (rn < 1 || rn > MAX_ROW) rn = *last_row + 1;
    if (rn > MAX_ROW) return NULL;
    if (rn <= *last_row) *sorted = false;
    *last_row = (int)rn;
    jue_grow *row = row_at(g, map, (int)rn);
    if (row) return row;
    row = jue_grid_add_row(g, (int)rn);
    if (row && !rowmap_set(map, (int)rn, g->n - 1)) return NULL;
    return row;
}

static jue_status read_sheet(xl *x, const char *path, const char *name)
{
    zstream zs;
    jue_status st = JUE_OK;
    xmlTextReaderPtr r = open_part(x, path, &zs, &st);
    jue_grid *g = r ? jue_idoc_add_grid(x->doc, name) : NULL;
    if (!g) {
        if (r) xmlFreeTextReader(r);
        else jue_diag_add(x->diags, JUE_SEV_WARNING, x->doc->file, 0, 0,
                          "工作表“%s”（%s）无法读取：%s", name, path, jue_status_str(st));
        return r ? (x->doc->over ? JUE_ERR_LIMIT : JUE_ERR_NOMEM) : st == JUE_ERR_NOMEM ? st : JUE_OK;
    }
    g->merges = true;
    rowmap map = { 0 };
    merge *ms = NULL;
    size_t nm = 0, mcap = 0;
    jue_buf v;
    jue_buf_init(&v);
    jue_grow *row = NULL;
    int last_row = 0, col = -1;
    bool sorted = true;
    int k = next_node(r);
    while (k == 1 && !st) {
        jue_work_steps++;
        if (at_el(r, "row")) {
            if (!(row = start_row(g, &map, r, &last_row, &sorted)) && last_row < MAX_ROW)
                st = x->doc->over ? JUE_ERR_LIMIT : JUE_ERR_NOMEM;
            col = -1;
        } else if (at_el(r, "c") && row) {
            xmlNodePtr c = xmlTextReaderExpand(r);
            if (!c) { k = -1; break; }
            st = read_cell(x, row, c, &col, &v);
            k = xmlTextReaderNext(r);
            continue;
        } else if (at_el(r, "mergeCell") && !add_merge(x, r, &ms, &nm, &mcap)) {
            st = x->doc->over ? JUE_ERR_LIMIT : JUE_ERR_NOMEM;
        }
        k = next_node(r);
    }
    xmlFreeTextReader(r);
    jue_buf_free(&v);
    if (!st && x->doc->over) st = JUE_ERR_LIMIT;
    if (!st && k < 0)
        jue_diag_add(x->diags, JUE_SEV_WARNING, x->doc->file, 0, 0, "工作表“%s”（%s）无法读取：%s", name,
                     path, jue_status_str(JUE_ERR_SYNTAX));
    if (!st && !sorted && g->n > 1) {
        qsort(g->rows, g->n, sizeof *g->rows, cmp_row);
        for (size_t i = 0; i < g->n && !st; i++)
            if (!rowmap_set(&map, g->rows[i].line, i)) st = JUE_ERR_NOMEM;
    }
    if (!st) st = apply_merges(g, &map, ms, nm);
    free(ms);
    free(map.at);
    return st;
}

/* Sheets in workbook order with their part names. */
static jue_status read_sheets(xl *x)
{
    jue_status st;
    xmlDocPtr wb = load_xml(x, "xl/workbook.xml", &st);
    if (!wb) {
        jue_diag_add(x->diags, JUE_SEV_ERROR, x->doc->file, 0, 0,
                     "不是Excel工作簿：缺少 xl/workbook.xml 或无法读取");
        return JUE_ERR_INVALID;
    }
    xmlDocPtr rels = load_xml(x, "xl/_rels/workbook.xml.rels", &st);
    xmlNodePtr sheets = child(xmlDocGetRootElement(wb), "sheets");
    int k = 0;
    for (xmlNodePtr s = sheets ? sheets->children : NULL; s; s = s->next) k += is_el(s, "sheet");
    st = k > MAX_SHEETS ? (jue_idoc_refuse(x->doc, "sheets"), JUE_ERR_LIMIT) : JUE_OK;
    char *seen[MAX_SHEETS];     /* parts read: a part named twice is read once */
    const char *seen_by[MAX_SHEETS];
    int nseen = 0;
    k = 0;
    for (xmlNodePtr s = sheets ? sheets->children : NULL; s && !st; s = s->next) {
        if (!is_el(s, "sheet")) continue;
        k++;
        const char *name = attr(s, "name");
        const char *rid = attr(s, "id");
        const char *target = NULL;
        for (xmlNodePtr r = rels ? xmlDocGetRootElement(rels)->children : NULL; r && rid; r = r->next)
            if (is_el(r, "Relationship") && attr(r, "Id") && strcmp(attr(r, "Id"), rid) == 0)
                target = attr(r, "Target");
        char path[512];
        if (target && target[0] == '/') snprintf(path, sizeof path, "%s", target + 1);
        else if (target) snprintf(path, sizeof path, "xl/%s", target);
        else snprintf(path, sizeof path, "xl/worksheets/sheet%d.xml", k);
        int dup = 0;
        while (dup < nseen && strcasecmp(seen[dup], path)) dup++;
        if (dup < nseen) {
            jue_diag_add(x->diags, JUE_SEV_WARNING, x->doc->file, 0, 0, "工作表“%s”与“%s”是同一部件 %s，只读一次",
                         name ? name : "", seen_by[dup], path);
            continue;
        }
        if (!(seen[nseen] = jue_strdup(path))) { st = JUE_ERR_NOMEM; break; }
        seen_by[nseen++] = name ? name : "";
        st = read_sheet(x, path, name ? name : "");
    }
    for (int i = 0; i < nseen; i++) free(seen[i]);
    xmlFreeDoc(wb);
    if (rels) xmlFreeDoc(rels);
    return st;
}

jue_status jue_officem_xlsx_read(const char *data, size_t len, jue_idoc *doc, jue_diags *diags)
{
    xl x;
    memset(&x, 0, sizeof x);
    x.doc = doc;
    x.diags = diags;
    xmlInitParser();
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    if (!src) { zip_error_fini(&ze); return JUE_ERR_NOMEM; }
    x.z = zip_open_from_source(src, ZIP_RDONLY, &ze);
    if (!x.z) {
        zip_source_free(src);
        jue_diag_add(diags, JUE_SEV_ERROR, doc->file, 0, 0, "不是XLSX工作簿：不是zip压缩包");
        zip_error_fini(&ze);
        return JUE_ERR_INVALID;
    }
    zip_error_fini(&ze);
    size_t before = diags->len;
    jue_status st = load_sst(&x);
    if (st && st != JUE_ERR_NOMEM && !doc->over)
        jue_diag_add(diags, JUE_SEV_ERROR, doc->file, 0, 0,
                     "xl/sharedStrings.xml 无法读取：%s", jue_status_str(st));
    if (!st) st = load_styles(&x);
    if (!st) st = read_sheets(&x);
    if (!st) {
        /* the title carries department and year ("…2024年度部门决算表") */
        jue_status s2;
        xmlDocPtr core = load_xml(&x, "docProps/core.xml", &s2);
        xmlNodePtr t = core ? child(xmlDocGetRootElement(core), "title") : NULL;
        if (t) {
            jue_buf b;
            jue_buf_init(&b);
            node_text(t, &b);
            free(doc->title);
            doc->title = jue_buf_take(&b);
        }
        if (core) xmlFreeDoc(core);
    }
    if (st && st != JUE_ERR_NOMEM && !doc->over) {
        /* a damaged part: say so once, as a workbook that cannot be read */
        if (diags->len == before)
            jue_diag_add(diags, JUE_SEV_ERROR, doc->file, 0, 0, "工作簿无法读取：%s",
                         jue_status_str(st));
        st = JUE_ERR_INVALID;
    }
    zip_discard(x.z);
    for (size_t i = 0; i < x.nsst; i++) free(x.sst[i]);
    free(x.sst);
    free(x.xf_dec);
    return st;
}
