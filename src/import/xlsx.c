/* The XLSX door (libzip + libxml2): the workbook `juesuan build` writes and
 * workbooks typed by hand. Reads the sheets in workbook order, shared and
 * inline strings, numbers (shown with the decimals of their number format,
 * as a reader sees them), merged cells (the covered cells get a copy of the
 * text, marked `copy`, so header analysis sees a merged header above every
 * column it spans). Location: grid name = sheet name, row.line = the sheet's
 * row number, cell.col = the 0-based sheet column.
 *
 * Hostile input: entries are size-capped, documents with a DTD are refused
 * (no entity expansion), libxml2 never prints (NOERROR/NOWARNING), merges
 * and columns are capped. */
#include "import_internal.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define MAX_ENTRY (64u << 20)   /* uncompressed bytes of one part */
#define MAX_SHEETS 256
#define MAX_MERGE_SPAN 64       /* rows or columns a merge may fill */
#define MAX_ROWS 200000

typedef struct {
    zip_t *z;
    jue_idoc *doc;
    jue_diags *diags;
    char **sst;                 /* shared strings */
    size_t nsst;
    int *xf_dec;                /* decimals of each cell style; -1 = General; | XF_PCT for a percentage */
    size_t nxf;
} xl;

static jue_status read_entry(xl *x, const char *name, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(x->z, name, ZIP_FL_NOCASE, &st) != 0) return JUE_ERR_NOTFOUND;
    if (!(st.valid & ZIP_STAT_SIZE) || st.size > MAX_ENTRY) return JUE_ERR_LIMIT;
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

static jue_status load_sst(xl *x)
{
    jue_status st;
    xmlDocPtr d = load_xml(x, "xl/sharedStrings.xml", &st);
    if (!d) return st == JUE_ERR_NOTFOUND ? JUE_OK : st;
    xmlNodePtr root = xmlDocGetRootElement(d);
    size_t n = 0;
    for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next) n += is_el(c, "si");
    x->sst = calloc(n + 1, sizeof *x->sst);
    if (!x->sst) { xmlFreeDoc(d); return JUE_ERR_NOMEM; }
    jue_buf b;
    jue_buf_init(&b);
    for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next) {
        if (!is_el(c, "si")) continue;
        jue_buf_reset(&b);
        collect_t(c, &b);
        x->sst[x->nsst] = jue_strdup(jue_buf_str(&b));
        if (!x->sst[x->nsst]) { st = JUE_ERR_NOMEM; break; }
        x->nsst++;
    }
    jue_buf_free(&b);
    xmlFreeDoc(d);
    return st == JUE_ERR_NOMEM ? st : JUE_OK;
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
    x->xf_dec = calloc(n + 1, sizeof *x->xf_dec);
    if (!x->xf_dec) { xmlFreeDoc(d); return JUE_ERR_NOMEM; }
    for (xmlNodePtr c = xfs ? xfs->children : NULL; c; c = c->next) {
        if (!is_el(c, "xf")) continue;
        const char *ids = attr(c, "numFmtId");
        long id = ids ? strtol(ids, NULL, 10) : 0;
        int dec = builtin_decimals(id);
        for (xmlNodePtr f = fmts ? fmts->children : NULL; f; f = f->next) {
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

static jue_grow *row_at(jue_grid *g, int line)
{
    /* rows arrive in order; merges look back */
    for (size_t i = g->n; i-- > 0;)
        if (g->rows[i].line == line) return &g->rows[i];
    return NULL;
}

static int cmp_row(const void *a, const void *b)
{
    const jue_grow *x = a, *y = b;
    return (x->line > y->line) - (x->line < y->line);
}

static jue_status read_sheet(xl *x, const char *path, const char *name)
{
    jue_status st;
    xmlDocPtr d = load_xml(x, path, &st);
    if (!d) {
        jue_diag_add(x->diags, JUE_SEV_WARNING, x->doc->file, 0, 0,
                     "sheet '%s' (%s) cannot be read: %s", name, path, jue_status_str(st));
        return st == JUE_ERR_NOMEM ? st : JUE_OK;
    }
    jue_grid *g = jue_idoc_add_grid(x->doc, name);
    if (!g) { xmlFreeDoc(d); return JUE_ERR_NOMEM; }
    g->merges = true;
    xmlNodePtr root = xmlDocGetRootElement(d);
    xmlNodePtr data = child(root, "sheetData");
    jue_buf v;
    jue_buf_init(&v);
    int last_row = 0;
    bool sorted = true;
    st = JUE_OK;
    for (xmlNodePtr r = data ? data->children : NULL; r && !st; r = r->next) {
        if (!is_el(r, "row")) continue;
        const char *rs = attr(r, "r");
        long rn = rs ? strtol(rs, NULL, 10) : last_row + 1;
        if (rn < 1 || rn > 1048576) rn = last_row + 1;
        if (g->n >= MAX_ROWS) break;
        if (rn <= last_row) sorted = false;
        last_row = (int)rn;
        jue_grow *row = row_at(g, (int)rn);
        if (!row && !(row = jue_grid_add_row(g, (int)rn))) { st = JUE_ERR_NOMEM; break; }
        int col = -1;
        for (xmlNodePtr c = r->children; c && !st; c = c->next) {
            if (!is_el(c, "c")) continue;
            const char *ref = attr(c, "r");
            int cc, rr;
            if (ref && parse_ref(ref, &cc, &rr)) col = cc;
            else col++;
            const char *t = attr(c, "t");
            const char *s = attr(c, "s");
            jue_buf_reset(&v);
            bool number = false;
            if (t && strcmp(t, "s") == 0) {
                xmlNodePtr vn = child(c, "v");
                jue_buf tmp;
                jue_buf_init(&tmp);
                node_text(vn, &tmp);
                char *e;
                long i = strtol(jue_buf_str(&tmp), &e, 10);
                if (e != jue_buf_str(&tmp) && i >= 0 && (size_t)i < x->nsst) jue_buf_puts(&v, x->sst[i]);
                jue_buf_free(&tmp);
            } else if (t && strcmp(t, "inlineStr") == 0) {
                xmlNodePtr is = child(c, "is");
                if (is) collect_t(is, &v);
            } else if (t && (strcmp(t, "str") == 0 || strcmp(t, "e") == 0)) {
                node_text(child(c, "v"), &v);
            } else if (t && strcmp(t, "b") == 0) {
                jue_buf tmp;
                jue_buf_init(&tmp);
                node_text(child(c, "v"), &tmp);
                jue_buf_puts(&v, strcmp(jue_buf_str(&tmp), "1") == 0 ? "TRUE" : "FALSE");
                jue_buf_free(&tmp);
            } else {
                jue_buf raw;
                jue_buf_init(&raw);
                node_text(child(c, "v"), &raw);
                if (jue_buf_str(&raw)[0]) {
                    long si = s ? strtol(s, NULL, 10) : 0;
                    int dec = (si >= 0 && (size_t)si < x->nxf) ? x->xf_dec[si] : -1;
                    number = format_number(jue_buf_str(&raw), dec, &v);
                    if (!number) {
                        jue_buf_reset(&v);
                        jue_buf_puts(&v, jue_buf_str(&raw));
                    }
                }
                jue_buf_free(&raw);
            }
            if (jue_buf_err(&v)) { st = jue_buf_err(&v); break; }
            if (!jue_buf_str(&v)[0]) continue;
            jue_gcell *gc = jue_grow_set(row, col, jue_buf_str(&v), v.len);
            if (!gc) {
                if (col >= 1024) continue;
                st = JUE_ERR_NOMEM;
                break;
            }
            gc->number = number;
        }
    }
    jue_buf_free(&v);
    if (!st && !sorted && g->n > 1) qsort(g->rows, g->n, sizeof *g->rows, cmp_row);

    /* merged cells: copy the top-left text over the range */
    xmlNodePtr mcs = child(root, "mergeCells");
    for (xmlNodePtr m = mcs ? mcs->children : NULL; m && !st; m = m->next) {
        const char *ref = is_el(m, "mergeCell") ? attr(m, "ref") : NULL;
        if (!ref) continue;
        const char *colon = strchr(ref, ':');
        if (!colon || colon - ref > 15) continue;
        char a[16];
        memcpy(a, ref, (size_t)(colon - ref));
        a[colon - ref] = '\0';
        int c1, r1, c2, r2;
        if (!parse_ref(a, &c1, &r1) || !parse_ref(colon + 1, &c2, &r2)) continue;
        if (c2 < c1 || r2 < r1 || c2 - c1 >= MAX_MERGE_SPAN || r2 - r1 >= MAX_MERGE_SPAN) continue;
        jue_grow *top = row_at(g, r1);
        if (!top) continue;
        const char *txt = jue_grow_text(top, c1);
        if (!txt[0]) continue;
        char *copy = jue_strdup(txt);
        if (!copy) { st = JUE_ERR_NOMEM; break; }
        for (int rr = r1; rr <= r2 && !st; rr++) {
            jue_grow *row = row_at(g, rr);
            if (!row) continue;   /* a row the sheet does not have holds nothing */
            for (int cc = c1; cc <= c2; cc++) {
                if (rr == r1 && cc == c1) continue;
                if (jue_grow_text(row, cc)[0]) continue;
                jue_gcell *gc = jue_grow_set(row, cc, copy, strlen(copy));
                if (!gc) { st = JUE_ERR_NOMEM; break; }
                gc->copy = true;
            }
        }
        free(copy);
    }
    xmlFreeDoc(d);
    return st;
}

/* Sheets in workbook order with their part names. */
static jue_status read_sheets(xl *x)
{
    jue_status st;
    xmlDocPtr wb = load_xml(x, "xl/workbook.xml", &st);
    if (!wb) {
        jue_diag_add(x->diags, JUE_SEV_ERROR, x->doc->file, 0, 0,
                     "not a spreadsheet: xl/workbook.xml is missing or unreadable");
        return JUE_ERR_INVALID;
    }
    xmlDocPtr rels = load_xml(x, "xl/_rels/workbook.xml.rels", &st);
    xmlNodePtr sheets = child(xmlDocGetRootElement(wb), "sheets");
    int k = 0;
    st = JUE_OK;
    for (xmlNodePtr s = sheets ? sheets->children : NULL; s && !st && k < MAX_SHEETS; s = s->next) {
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
        st = read_sheet(x, path, name ? name : "");
    }
    xmlFreeDoc(wb);
    if (rels) xmlFreeDoc(rels);
    return st;
}

jue_status jue_xlsx_read(const char *data, size_t len, jue_idoc *doc, jue_diags *diags)
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
        jue_diag_add(diags, JUE_SEV_ERROR, doc->file, 0, 0, "not an XLSX workbook: %s",
                     zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return JUE_ERR_INVALID;
    }
    zip_error_fini(&ze);
    size_t before = diags->len;
    jue_status st = load_sst(&x);
    if (st && st != JUE_ERR_NOMEM)
        jue_diag_add(diags, JUE_SEV_ERROR, doc->file, 0, 0,
                     "xl/sharedStrings.xml cannot be read: %s", jue_status_str(st));
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
    if (st && st != JUE_ERR_NOMEM) {
        /* a damaged part: say so once, as a workbook that cannot be read */
        if (diags->len == before)
            jue_diag_add(diags, JUE_SEV_ERROR, doc->file, 0, 0, "the workbook cannot be read: %s",
                         jue_status_str(st));
        st = JUE_ERR_INVALID;
    }
    zip_discard(x.z);
    for (size_t i = 0; i < x.nsst; i++) free(x.sst[i]);
    free(x.sst);
    free(x.xf_dec);
    return st;
}
