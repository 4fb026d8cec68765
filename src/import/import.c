/* jue_import_file: read a published disclosure (XLSX workbook or plain
 * text) into the one model. The door is chosen by extension (or content when
 * the extension says nothing); the recognizer does the rest. */
#include "import_internal.h"

#include <juesuan/claims_audit.h>
#include "import/doors/doors.h"
#include "import/doors/flow.h"

#include <juesuan/claims.h>

#include "core/encoding.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

/* Whether the bytes hold s (a zip's member names are stored plainly in its
 * headers); linear: memchr to each candidate first byte. */
static bool has_bytes(const char *data, size_t len, const char *s)
{
    size_t k = strlen(s);
    for (const char *p = data; len >= k && (p = memchr(p, s[0], len - k + 1 - (size_t)(p - data))) != NULL; p++)
        if (!memcmp(p, s, k)) return true;
    return false;
}

static jue_input_kind detect(const char *name, const char *data, size_t len)
{
    if (ends_with(name, ".xlsx") || ends_with(name, ".xlsm")) return JUE_IN_XLSX;
    if (ends_with(name, ".txt") || ends_with(name, ".md") || ends_with(name, ".markdown"))
        return JUE_IN_TEXT;
    if (ends_with(name, ".pdf")) return JUE_IN_PDF;
    if (ends_with(name, ".docx")) return JUE_IN_DOCX;
    if (ends_with(name, ".html") || ends_with(name, ".htm")) return JUE_IN_HTML;
    /* no telling extension: a zip is taken for a workbook, the rest for text */
    if (len >= 5 && memcmp(data, "%PDF-", 5) == 0) return JUE_IN_PDF;
    if (len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0) {
        /* a zip: Word if it names word/document.xml in its directory */
        return has_bytes(data, len, "word/document.xml") ? JUE_IN_DOCX : JUE_IN_XLSX;
    }
    {
        size_t i = 0;
        if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) i = 3;
        while (i < len && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t')) i++;
        if (len - i >= 5 && (!strncasecmp(data + i, "<html", 5) || !strncasecmp(data + i, "<!doc", 5)))
            return JUE_IN_HTML;
    }
    return JUE_IN_TEXT;
}

/* What the bytes are when they are something no door reads (an image, an
 * archive, an old Office file), or NULL. */
static const char *foreign_kind(const char *data, size_t len)
{
    static const struct { const char *magic; size_t n; const char *what; } M[] = {
        { "\x89PNG", 4, "PNG图片" }, { "\xFF\xD8\xFF", 3, "JPEG图片" }, { "GIF8", 4, "GIF图片" },
        { "II*\0", 4, "TIFF图片" }, { "MM\0*", 4, "TIFF图片" }, { "RIFF", 4, "RIFF文件（图片、音频或视频）" },
        { "\xD0\xCF\x11\xE0", 4, "旧版 Word/Excel 文件（.doc/.xls），请另存为 .docx 或 .xlsx 后审核" },
        { "Rar!", 4, "RAR压缩包" }, { "7z\xBC\xAF", 4, "7z压缩包" }, { "\x1F\x8B", 2, "gzip压缩文件" },
        { "\x7F" "ELF", 4, "程序文件" },
    };
    for (size_t i = 0; i < sizeof M / sizeof M[0]; i++)
        if (len >= M[i].n && !memcmp(data, M[i].magic, M[i].n)) return M[i].what;
    if (len >= 4 && !memcmp(data, "PK\x03\x04", 4) && !has_bytes(data, len, "word/document.xml") &&
        !has_bytes(data, len, "xl/workbook.xml"))
        return "ZIP压缩包，但不是 Word（.docx）或 Excel（.xlsx）文件；请解压后审核其中的文件";
    return NULL;
}

/* Refuses, with one message and JUE_ERR_IO, what cannot be read as a
 * document at all: an empty file, an image or archive, text with NUL bytes
 * or in an encoding that is neither UTF-8 nor GB18030. Text in GB18030 is
 * converted (*conv, caller frees). */
static jue_status readable(const char *name, const char *data, size_t len, jue_input_kind kind, char **conv,
                           size_t *convlen, jue_diags *diags)
{
    *conv = NULL;
    size_t i = 0;
    while (i < len && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t')) i++;
    if (i == len) {
        jue_diag_add(diags, JUE_SEV_ERROR, name, 0, 0, "文件是空的，没有可审核的内容");
        return JUE_ERR_IO;
    }
    const char *what = foreign_kind(data, len);
    if (what) {
        jue_diag_add(diags, JUE_SEV_ERROR, name, 0, 0, "不是可审核的公开文件：这是%s", what);
        return JUE_ERR_IO;
    }
    if (kind != JUE_IN_TEXT) return JUE_OK;
    if (jue_utf8_first_bad(data, len) == len) return JUE_OK;
    char *t = malloc(len + 1);
    if (!t) return JUE_ERR_NOMEM;
    memcpy(t, data, len);
    t[len] = 0;
    size_t n = len;
    jue_status st = jue_text_utf8(name, &t, &n, diags);
    if (st != JUE_OK) { free(t); return st == JUE_ERR_INVALID ? JUE_ERR_IO : st; }
    *conv = t;
    *convlen = n;
    return JUE_OK;
}

/* The claims lexicon of an import without one given, read once per process
 * (it is data, not per document; the auditor gives its own, so this serves
 * single imports). A lexicon that cannot be read fails every such import:
 * notes read without it would lose every claim without a word. */
static jue_status lexicon(const jue_lexicon **out, jue_diags *diags)
{
    static jue_lexicon *lx;
    static jue_status st;
    static bool tried;
    if (!tried) {
        tried = true;
        st = jue_lexicon_load(NULL, &lx, diags);
    } else if (st != JUE_OK) {
        jue_diag_add(diags, JUE_SEV_ERROR, "", 0, 0, "说明词库（claims/lexicon.yaml）有错误，未能读入");
    }
    *out = lx;
    return st;
}

/* The notes of one grid as typed lines: the rows no table used, in order,
 * each with its line, column and page. A row of several cells is a table
 * row (cells), unless it is a line split on single spaces into words and
 * one figure: that is prose again (a sentence wrapped after a figure). Rows
 * a door gave the same line are one line; a row placed before the line
 * already read is left out. The texts live in *buf. */
typedef struct {
    jue_note_line *v;
    size_t n, cap;
    jue_buf buf;
    size_t *off;   /* each line's start in buf, until buf stops growing */
} notes;

static jue_note_line *notes_add(notes *N, const jue_grow *r)
{
    if (N->n == N->cap) {
        size_t nc = N->cap ? N->cap * 2 : 64;
        jue_note_line *nv = realloc(N->v, nc * sizeof *nv);
        if (!nv) return NULL;
        N->v = nv;
        size_t *no = realloc(N->off, nc * sizeof *no);
        if (!no) return NULL;
        N->off = no;
        N->cap = nc;
    }
    int col = r->n && r->cells[0].pos > 0 ? r->cells[0].pos : 1;
    N->v[N->n] = (jue_note_line){ .line = r->line, .col = col, .page = r->page };
    N->off[N->n] = N->buf.len;
    return &N->v[N->n++];
}

/* Whether s starts with what goes on a figure or a sentence cut by a
 * wrap: a digit, a unit, a sentence mark. */
static bool goes_on(const char *s)
{
    static const char *const on[] = { "万元", "元", "亿元", "%", "％", "，", "。", "；", "、", "）", "万", "." };
    if (*s >= '0' && *s <= '9') return true;
    for (size_t i = 0; i < sizeof on / sizeof on[0]; i++)
        if (!strncmp(s, on[i], strlen(on[i]))) return true;
    return false;
}

/* A row split on single spaces (words and figures, packed) that no table
 * took is prose again when it is a line of a paragraph: one figure among
 * words, or a line the next line goes on from (a sentence wrapped inside
 * or right after a figure: "…支出 2" / "3746.01万元，占…"). */
static bool packed_prose(const jue_grid *gr, size_t i)
{
    const jue_grow *r = &gr->rows[i];
    if (!r->packed) return false;
    if (jue_grow_filled(r) == 2) return true;
    /* a row ending in a whole figure ("…10.00", two decimals) and a line
     * starting with digits ("95.00 …") are cells of one table row, not a
     * figure cut; a figure cut in its decimals ("24022.7" / "5 元。") is */
    const char *last = NULL;
    for (size_t c = 0; c < r->n; c++)
        if (r->cells[c].text[0]) last = r->cells[c].text;
    const char *dot = last ? strrchr(last, '.') : NULL;
    bool whole = dot && dot[1] >= '0' && dot[1] <= '9' && dot[2] >= '0' && dot[2] <= '9';
    for (size_t k = i + 1; k < gr->n; k++) {
        const jue_grow *n = &gr->rows[k];
        if (!jue_grow_filled(n)) continue;
        if (n->used) return false;
        for (size_t c = 0; c < n->n; c++)
            if (n->cells[c].text[0])
                return goes_on(n->cells[c].text) && !(whole && *n->cells[c].text >= '0' && *n->cells[c].text <= '9');
        return false;
    }
    return false;
}

static jue_status notes_of_grid(const jue_grid *gr, notes *N)
{
    int line = 1;
    jue_note_line *L = NULL;
    for (size_t i = 0; i < gr->n; i++) {
        const jue_grow *r = &gr->rows[i];
        if (r->used || jue_grow_filled(r) == 0 || r->line < line) continue;
        if (!L || r->line > line) {
            if (!(L = notes_add(N, r))) return JUE_ERR_NOMEM;
            line = r->line;
        }
        bool first = true, prose = packed_prose(gr, i);
        for (size_t c = 0; c < r->n; c++) {
            if (!r->cells[c].text[0] || r->cells[c].copy) continue;
            if (!first) jue_buf_putc(&N->buf, prose ? ' ' : '\t');
            L->cells |= !first && !prose;
            jue_buf_puts(&N->buf, r->cells[c].text);
            first = false;
        }
        L->len = N->buf.len - N->off[N->n - 1];
        L->at_wrap = r->at_wrap;
    }
    if (N->buf.err) return N->buf.err;
    for (size_t k = 0; k < N->n; k++) N->v[k].text = jue_buf_str(&N->buf) + N->off[k];
    return JUE_OK;
}

static void notes_free(notes *N)
{
    free(N->v);
    free(N->off);
    jue_buf_free(&N->buf);
}

/* The notes are the rows no table used; their figures become claims. */
static jue_status extract_claims(const jue_idoc *doc, const jue_import_ctx *ctx, jue_disclosure *d,
                                 jue_diags *diags)
{
    const jue_catalog *cat = ctx->cat;
    const jue_lexicon *lx = ctx->lexicon;
    jue_status lst = lx || ctx->lexicon_later ? JUE_OK : lexicon(&lx, diags);
    if (lst != JUE_OK) return lst;
    for (size_t g = 0; g < doc->n; g++) {
        notes N = { 0 };
        jue_buf_init(&N.buf);
        /* the notes of a one-grid document are at most its text and a
         * separator a cell: room at once, not doubling from 64 bytes */
        if (doc->n == 1 && !jue_buf_reserve(&N.buf, doc->used.text + doc->used.cells))
            N.buf.err = JUE_OK;   /* a room not had is no error: what is appended grows the buffer as before */
        jue_status st = notes_of_grid(&doc->grids[g], &N);
        d->claims.wrapped_lines = doc->kind == JUE_IN_TEXT && !doc->aligned && doc->packed >= 8;
        if (!st && !lx && ctx->lexicon_later && jue_claims_need_lexicon(N.v, N.n))
            st = ctx->lexicon_later(ctx->later, &lx);
        if (!st) st = jue_claims_read(N.v, N.n, lx, cat, d->year, &d->claims);
        notes_free(&N);
        if (st == JUE_ERR_LIMIT)
            jue_diag_add(diags, JUE_SEV_ERROR, doc->file, 0, 0, "超出处理上限：说明中的数字多于 %d 个，不予处理",
                         JUE_CLAIMS_MAX);
        if (st) return st;
    }
    return JUE_OK;
}

/* A file beyond JUE_BUDGET: one error naming the file and the limit. */
static jue_status refuse(const jue_idoc *doc, jue_diags *diags)
{
    jue_buf m;
    jue_buf_init(&m);
    jue_idoc_over_msg(doc, &m);
    jue_diag_add(diags, JUE_SEV_ERROR, doc->file, 0, 0, "%s，不予处理", jue_buf_str(&m));
    jue_buf_free(&m);
    return JUE_ERR_LIMIT;
}

jue_status jue_import_buffer(const char *data, size_t len, const char *name, jue_input_kind kind,
                             const jue_catalog *cat, const jue_profile *prof,
                             jue_disclosure **out, jue_idoc **doc_out, jue_diags *diags)
{
    jue_import_ctx ctx = { cat, prof, NULL, NULL, NULL, NULL };
    return jue_import_data(data, len, name, kind, &ctx, out, doc_out, diags);
}

/* A PDF's diagnostics are placed by the reader's own line counter; give each
 * the page of the last row at or before its line, so a reviewer can open it.
 * Rows come in line order within a grid; pairs are sorted once (n log n). */
typedef struct { int line, page; } line_page;

static int line_page_cmp(const void *a, const void *b)
{
    const line_page *x = a, *y = b;
    return (x->line > y->line) - (x->line < y->line);
}

static void place_pages(const jue_idoc *doc, jue_diags *diags, size_t from)
{
    size_t n = 0;
    for (size_t g = 0; g < doc->n; g++) n += doc->grids[g].n;
    line_page *lp = n ? malloc(n * sizeof *lp) : NULL;
    if (!lp) return;   /* the lines stay: a place, if not the page */
    size_t k = 0;
    for (size_t g = 0; g < doc->n; g++)
        for (size_t i = 0; i < doc->grids[g].n; i++)
            if (doc->grids[g].rows[i].page > 0)
                lp[k++] = (line_page){ doc->grids[g].rows[i].line, doc->grids[g].rows[i].page };
    qsort(lp, k, sizeof *lp, line_page_cmp);
    for (size_t i = from; i < diags->len && k; i++) {
        jue_diag *dg = &diags->items[i];
        if (dg->line <= 0 || dg->page > 0 || strcmp(dg->file, doc->file)) continue;
        size_t lo = 0, hi = k;   /* first pair past the line */
        while (lo < hi) { size_t m = (lo + hi) / 2; if (lp[m].line <= dg->line) lo = m + 1; else hi = m; }
        if (lo > 0) dg->page = lp[lo - 1].page;
    }
    free(lp);
}

jue_status jue_import_data(const char *data, size_t len, const char *name, jue_input_kind kind,
                           const jue_import_ctx *ctx, jue_disclosure **out, jue_idoc **doc_out, jue_diags *diags)
{
    const jue_catalog *cat = ctx->cat;
    const jue_profile *prof = ctx->prof;
    *out = NULL;
    if (doc_out) *doc_out = NULL;
    if (!name) name = "";
    if (kind == JUE_IN_AUTO) kind = detect(name, data, len);
    if (kind != JUE_IN_XLSX && kind != JUE_IN_TEXT && kind != JUE_IN_PDF && kind != JUE_IN_DOCX &&
        kind != JUE_IN_HTML) {
        static const char *const K[] = { "", "XLSX", "文本", "PDF", "DOCX", "HTML" };
        jue_diag_add(diags, JUE_SEV_ERROR, name, 0, 0, "尚不支持读取%s文件",
                     (unsigned)kind < 6 ? K[kind] : "这种格式的");
        return JUE_ERR_INVALID;
    }
    char *conv = NULL;
    size_t convlen = 0;
    size_t diags0 = diags->len;
    jue_status st = readable(name, data, len, kind, &conv, &convlen, diags);
    if (st != JUE_OK) return st;
    if (conv) data = conv, len = convlen;
    jue_idoc *doc = jue_idoc_new(name, kind);
    jue_disclosure *d = jue_disclosure_new();
    if (!doc || !d) { free(conv); jue_idoc_free(doc); jue_disclosure_free(d); return JUE_ERR_NOMEM; }
    st = len > JUE_BUDGET.input ? (jue_idoc_refuse(doc, "input"), JUE_ERR_LIMIT)
       : kind == JUE_IN_XLSX ? jue_xlsx_read(data, len, doc, diags)
       : kind == JUE_IN_PDF  ? jue_pdf_read(data, len, doc, diags)
       : kind == JUE_IN_DOCX ? jue_docx_read(data, len, doc, diags)
       : kind == JUE_IN_HTML ? jue_html_read(data, len, doc, diags)
                             : jue_text_read(data, len, doc, diags);
    free(conv);
    if (doc->over) st = refuse(doc, diags);
    /* a door that could read nothing at all (a damaged PDF, a broken zip):
     * the file cannot be read, like a missing one */
    if (st == JUE_ERR_INVALID && doc->n == 0) st = JUE_ERR_IO;
    if (!st) st = jue_recognize(doc, cat, prof, ctx->aliases, d, diags);
    if (!st && !(d->source = jue_strdup(name))) st = JUE_ERR_NOMEM;
    if (!st) {
        bool any = false, prose = false, unread = false;
        for (int t = 0; t < JUE_NTABLES; t++) any |= d->tables[t] != NULL;
        for (int t = 0; t < JUE_NTABLES; t++) unread |= d->unread[t] != NULL;
        for (size_t g = 0; g < doc->n && !prose; g++)
            for (size_t i = 0; i < doc->grids[g].n && !prose; i++)
                prose = !doc->grids[g].rows[i].used && jue_grow_filled(&doc->grids[g].rows[i]) > 0;
        if (!any && !unread) {   /* (a table set aside was said so at its title) */
            jue_diag_add(diags, any || prose ? JUE_SEV_WARNING : JUE_SEV_ERROR, name, 0, 0,
                         prose ? "没有找到九张公开表中的任何一张：只审核文字和绩效自评表"
                               : "没有找到九张公开表中的任何一张");
            if (!prose) st = JUE_ERR_INVALID;
        }
    }
    if (kind == JUE_IN_PDF) place_pages(doc, diags, diags0);
    if (st) {
        jue_disclosure_free(d);
        jue_idoc_free(doc);
        return st;
    }
    if (d->profile == NULL && prof) d->profile = jue_strdup(jue_profile_name(prof));
    size_t diags1 = diags->len;
    st = extract_claims(doc, ctx, d, diags);
    if (!st) jue_claims_tie_items(d);   /* 项 the catalog cannot name, through the document's own tables */
    if (kind == JUE_IN_PDF) place_pages(doc, diags, diags1);
    if (st) {
        jue_disclosure_free(d);
        jue_idoc_free(doc);
        return st;
    }
    *out = d;
    if (doc_out) *doc_out = doc;
    else jue_idoc_free(doc);
    return JUE_OK;
}

jue_status jue_import_file(const char *path, jue_input_kind kind, const jue_catalog *cat,
                           const jue_profile *prof, jue_disclosure **out, jue_diags *diags)
{
    jue_import_ctx ctx = { cat, prof, NULL, NULL, NULL, NULL };
    return jue_import_path(path, kind, &ctx, out, NULL, diags);
}

jue_status jue_import_path(const char *path, jue_input_kind kind, const jue_import_ctx *ctx,
                           jue_disclosure **out, jue_idoc **doc_out, jue_diags *diags)
{
    *out = NULL;
    if (doc_out) *doc_out = NULL;
    char *data = NULL;
    size_t len = 0;
    struct stat sb;
    if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && (uint64_t)sb.st_size > JUE_BUDGET.input) {
        /* refused before it is read */
        jue_idoc doc = { .file = (char *)path, .over = "input" };
        return refuse(&doc, diags);
    }
    jue_status st = jue_read_file(path, &data, &len);
    if (st) {
        jue_diag_add(diags, JUE_SEV_ERROR, path, 0, 0, "无法读取该文件（%s）", jue_status_str(st));
        return st == JUE_ERR_NOMEM ? st : JUE_ERR_IO;
    }
    st = jue_import_data(data, len, path, kind, ctx, out, doc_out, diags);
    free(data);
    return st;
}
