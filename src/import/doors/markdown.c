/* Markdown pipe tables, for the text door (text.c). A pipe table is a
 * header line followed by a delimiter line (| --- | :---: | ---: |, the
 * outer pipes optional, one cell per header cell); its rows follow, one a
 * line, up to a line without a pipe. Cells are split at pipes not escaped
 * (\|) and read as their text: backslash escapes, emphasis (**x**, *x*,
 * __x__, _x_), inline code marks, <br> and the entities a writer puts for
 * < > & are taken off, as the HTML door takes a table's text. The header
 * gives the columns: `juesuan build` (and writers like it) joins a column's
 * headings over each other with '/' (收入/金额, 预算数/公务用车购置及运行维护费/小计),
 * so the header line becomes one grid row per level, laid out as a ruled
 * table's merged heading cells are: a heading over several columns written
 * once and copied (marked copy) into the others, a column with fewer
 * levels having its lowest heading copied down. */
#include "import/doors/doors.h"
#include "core/encoding.h"
#include "import/doors/flow.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MD_MAXCELLS 256   /* cells of a row looked at; a longer row is no pipe table */
#define MD_LEVELS 4       /* heading levels of a header cell; deeper ones stay in the last */

typedef struct {
    const char *s, *e;
} mdcell;

/* The next '|' in [p, e) that no backslash escapes, or e. */
static const char *next_pipe(const char *p, const char *e)
{
    for (; p < e; p++) {
        if (*p == '\\' && p + 1 < e) p++;
        else if (*p == '|') return p;
    }
    return e;
}

/* Most lines have no '|' at all: memchr finds that without the walk. */
bool jue_md_has_pipe(const char *p, const char *e) { return memchr(p, '|', (size_t)(e - p)) && next_pipe(p, e) < e; }

/* Whether the character at q follows an odd run of backslashes (from p). */
static bool escaped(const char *p, const char *q)
{
    int k = 0;
    while (q > p && q[-1] == '\\') q--, k++;
    return k & 1;
}

/* The cells of a pipe row [p, e), its outer pipes dropped; how many (more
 * than max: only max are stored). */
static int row_cells(const char *p, const char *e, mdcell *out, int max)
{
    while (p < e && (*p == ' ' || *p == '\t')) p++;
    while (e > p && (e[-1] == ' ' || e[-1] == '\t')) e--;
    if (p < e && *p == '|') p++;
    if (e > p && e[-1] == '|' && !escaped(p, e - 1)) e--;
    int n = 0;
    for (const char *s = p;;) {
        const char *q = next_pipe(s, e);
        if (n < max) out[n] = (mdcell){ s, q };
        n++;
        if (q >= e) break;
        s = q + 1;
    }
    return n;
}

/* Whether [s, e), trimmed, is a delimiter cell: dashes, maybe with a colon
 * at either end. */
static bool delimiter_cell(const char *s, const char *e)
{
    while (s < e && (*s == ' ' || *s == '\t')) s++;
    while (e > s && (e[-1] == ' ' || e[-1] == '\t')) e--;
    if (s < e && *s == ':') s++;
    if (e > s && e[-1] == ':') e--;
    if (s == e) return false;
    for (const char *q = s; q < e; q++)
        if (*q != '-') return false;
    return true;
}

int jue_md_table_at(const char *head, const char *head_end, const char *delim, const char *delim_end)
{
    if (!jue_md_has_pipe(delim, delim_end) || !jue_md_has_pipe(head, head_end)) return 0;
    mdcell d[MD_MAXCELLS], h[MD_MAXCELLS];
    int n = row_cells(delim, delim_end, d, MD_MAXCELLS);
    if (n > MD_MAXCELLS || row_cells(head, head_end, h, MD_MAXCELLS) != n) return 0;
    for (int i = 0; i < n; i++)
        if (!delimiter_cell(d[i].s, d[i].e)) return 0;
    return n;
}

/* ---- a cell's text ------------------------------------------------------ */

static bool ascii_punct(char c) { return c && strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) != NULL; }

/* A <br>, <br/> or <br /> at p (any case): its length, else 0. */
static size_t line_break_tag(const char *p, const char *e)
{
    if (e - p < 4 || p[0] != '<' || (p[1] | 0x20) != 'b' || (p[2] | 0x20) != 'r') return 0;
    const char *q = p + 3;
    while (q < e && *q == ' ') q++;
    if (q < e && *q == '/') q++;
    return q < e && *q == '>' ? (size_t)(q + 1 - p) : 0;
}

/* An entity a Markdown writer puts for a character of the text: its length
 * (its character appended to b), else 0. */
static size_t entity(jue_buf *b, const char *p, const char *e)
{
    static const struct { const char *name, *ch; } ENT[] = {
        { "&lt;", "<" }, { "&gt;", ">" }, { "&amp;", "&" }, { "&quot;", "\"" }, { "&#39;", "'" },
        { "&apos;", "'" }, { "&nbsp;", " " }, { "&#124;", "|" },
    };
    for (size_t i = 0; *p == '&' && i < sizeof ENT / sizeof ENT[0]; i++) {
        size_t n = strlen(ENT[i].name);
        if ((size_t)(e - p) >= n && !memcmp(p, ENT[i].name, n)) {
            jue_buf_puts(b, ENT[i].ch);
            return n;
        }
    }
    return 0;
}

/* Whether the run of '_' at q (ending at r) in the cell [s, e) is emphasis:
 * it opens or closes words (at the cell's edge, beside a space or a
 * character of words), not inside an ASCII word such as a_b. */
static bool underscore_mark(const char *s, const char *q, const char *r, const char *e)
{
    bool left = q == s || q[-1] == ' ' || (unsigned char)q[-1] >= 0x80;
    bool right = r == e || *r == ' ' || (unsigned char)*r >= 0x80;
    return left || right;
}

/* A link "[text](target)" opening at q: where its "](" is, and in *after
 * the end of its ")"; NULL when q opens none (a target with a space, such
 * as a title, is not taken for one). */
static const char *link_close(const char *q, const char *e, const char **after)
{
    const char *c = q + 1;
    while (c < e && *c != ']' && *c != '[') c += *c == '\\' && c + 1 < e ? 2 : 1;
    if (c + 1 >= e || *c != ']' || c[1] != '(') return NULL;
    /* a target without spaces or brackets (each byte is looked at for one
     * link at most: a line of many "[a](" stays linear) */
    const char *t = c + 2;
    while (t < e && *t != ')' && *t != ' ' && *t != '(' && *t != '[') t++;
    if (t >= e || *t != ')') return NULL;
    *after = t + 1;
    return c;
}

/* The text of the cell [s, e), its Markdown marks taken off, appended to b.
 * A <br> inside Chinese words joins them (a name wrapped in its cell), else
 * it is a space. */
static void cell_text(jue_buf *b, const char *s, const char *e)
{
    const char *close = NULL, *after = NULL;   /* a link's "](target)" */
    for (const char *q = s; q < e;) {
        size_t k;
        if (q == close) {
            q = after;
            close = NULL;
        } else if (*q == '[' && !close && (close = link_close(q, e, &after)) != NULL) {
            if (b->len && b->data[b->len - 1] == '!') b->len--;   /* an image: its alt text */
            q++;
        } else if (*q == '\\' && q + 1 < e && ascii_punct(q[1])) {
            jue_buf_putc(b, q[1]);
            q += 2;
        } else if ((k = line_break_tag(q, e))) {
            bool words = b->len && (unsigned char)b->data[b->len - 1] >= 0x80 && q + k < e &&
                         (unsigned char)q[k] >= 0x80;
            if (!words) jue_buf_putc(b, ' ');
            q += k;
        } else if ((k = entity(b, q, e))) {
            q += k;
        } else if (*q == '*' || *q == '`') {
            q++;
        } else if (*q == '_') {
            const char *r = q;
            while (r < e && *r == '_') r++;
            if (!underscore_mark(s, q, r, e)) jue_buf_putn(b, q, (size_t)(r - q));
            q = r;
        } else {
            jue_buf_putc(b, *q++);
        }
    }
}

/* Code points of [s, e). */
static int cps(const char *s, const char *e) { return (int)jue_utf8_count(s, (size_t)(e - s)); }

/* Sets cell col of r to text (n bytes), printed at code point pos. */
static jue_status put(jue_grow *r, int col, const char *text, size_t n, int pos, bool copy)
{
    jue_gcell *c = jue_grow_set(r, col, text, n);
    if (!c) return col >= 1024 ? JUE_OK : JUE_ERR_NOMEM;
    c->pos = pos;
    c->copy = copy;
    return JUE_OK;
}

jue_status jue_md_row(jue_grow *r, const char *line, const char *from, const char *end)
{
    mdcell c[MD_MAXCELLS];
    int n = row_cells(from, end, c, MD_MAXCELLS);
    if (n > MD_MAXCELLS) n = MD_MAXCELLS;
    jue_buf b;
    jue_buf_init(&b);
    jue_status st = JUE_OK;
    for (int i = 0; i < n && !st; i++) {
        jue_buf_reset(&b);
        cell_text(&b, c[i].s, c[i].e);
        st = b.err ? JUE_ERR_NOMEM : put(r, i, b.len ? b.data : "", b.len, cps(line, c[i].s) + 1, false);
    }
    jue_buf_free(&b);
    return st;
}

/* ---- the header --------------------------------------------------------- */

/* A header cell's headings, top down: level k is len[k] bytes at off[k]
 * of the header's text (split at '/', trimmed). */
typedef struct {
    int n;                      /* levels */
    size_t off[MD_LEVELS], len[MD_LEVELS];
    int pos;                    /* code point where the cell is printed */
} mdhead;

static void split_levels(const jue_buf *b, size_t from, size_t to, mdhead *h)
{
    h->n = 0;
    for (size_t s = from; h->n < MD_LEVELS;) {
        size_t e = s;
        while (e < to && (b->data[e] != '/' || h->n == MD_LEVELS - 1)) e++;
        size_t a = s, z = e;
        while (a < z && b->data[a] == ' ') a++;
        while (z > a && b->data[z - 1] == ' ') z--;
        h->off[h->n] = a;
        h->len[h->n++] = z - a;
        if (e >= to) break;
        s = e + 1;
    }
}

/* Whether two columns have the same headings down to level l. */
static bool same_above(const jue_buf *b, const mdhead *a, const mdhead *c, int l)
{
    for (int k = 0; k <= l; k++)
        if (a->len[k] != c->len[k] || (a->len[k] && memcmp(b->data + a->off[k], b->data + c->off[k], a->len[k])))
            return false;
    return true;
}

/* Row l of the header: each column's heading at that level, a copy where a
 * heading above (fewer levels) or to the left (the same headings down to
 * here, more below) covers it. */
static jue_status level_row(jue_grow *r, const jue_buf *b, const mdhead *h, int n, int l)
{
    jue_status st = JUE_OK;
    for (int i = 0; i < n && !st; i++) {
        int k = l < h[i].n ? l : h[i].n - 1;
        bool spans = i > 0 && l < h[i].n - 1 && l < h[i - 1].n - 1 && same_above(b, &h[i - 1], &h[i], l);
        st = put(r, i, h[i].len[k] ? b->data + h[i].off[k] : "", h[i].len[k], h[i].pos, l >= h[i].n || spans);
    }
    return st;
}

jue_status jue_md_header(jue_grid *g, const char *line, const char *end)
{
    mdcell c[MD_MAXCELLS];
    mdhead h[MD_MAXCELLS];
    int n = row_cells(line, end, c, MD_MAXCELLS);
    if (n > MD_MAXCELLS) n = MD_MAXCELLS;
    jue_buf b;
    jue_buf_init(&b);
    size_t from[MD_MAXCELLS], to[MD_MAXCELLS];
    for (int i = 0; i < n; i++) {
        from[i] = b.len;
        h[i].pos = cps(line, c[i].s) + 1;
        cell_text(&b, c[i].s, c[i].e);
        to[i] = b.len;
    }
    int levels = 1;
    for (int i = 0; i < n && !b.err; i++) {
        split_levels(&b, from[i], to[i], &h[i]);
        if (h[i].n > levels) levels = h[i].n;
    }
    jue_status st = b.err ? JUE_ERR_NOMEM : JUE_OK;
    int at = g->rows[g->n - 1].line, page = g->rows[g->n - 1].page;
    for (int l = 0; l < levels && !st; l++) {
        jue_grow *r = l ? jue_grid_add_row(g, at) : &g->rows[g->n - 1];
        if (!r) st = JUE_ERR_NOMEM;
        else {
            r->page = page;
            st = level_row(r, &b, h, n, l);
        }
    }
    jue_buf_free(&b);
    return st;
}

bool jue_md_has_link(const char *p, const char *e)
{
    const char *after;
    for (const char *q = p; (q = memchr(q, '[', (size_t)(e - q))) != NULL; q++)
        if (link_close(q, e, &after)) return true;
    return false;
}

jue_status jue_md_unlink(const char *p, const char *e, jue_buf *out)
{
    jue_buf_reset(out);
    const char *after;
    for (const char *q = p; q < e;) {
        const char *c = *q == '[' ? link_close(q, e, &after) : NULL;
        if (!c) {
            jue_buf_putc(out, *q++);
            continue;
        }
        if (out->len && out->data[out->len - 1] == '!') out->len--;
        jue_buf_putn(out, q + 1, (size_t)(c - q - 1));
        q = after;
    }
    return out->err ? JUE_ERR_NOMEM : JUE_OK;
}

bool jue_md_has_escape(const char *p, const char *e)
{
    for (const char *q = p; (q = memchr(q, '\\', (size_t)(e - q))) != NULL && q + 1 < e; q++)
        if (ascii_punct(q[1])) return true;
    return false;
}

jue_status jue_md_unescape(const char *p, const char *e, jue_buf *out)
{
    jue_buf_reset(out);
    for (const char *q = p; q < e; q++) {
        if (*q == '\\' && q + 1 < e && ascii_punct(q[1])) q++;
        jue_buf_putc(out, *q);
    }
    return jue_buf_err(out);
}

/* ---- HTML tables in Markdown -------------------------------------------- */

/* Whether a tag named name ("table") starts at q, opening or (with a '/')
 * closing, any case; *closing says which. */
static bool tag_at(const char *q, const char *e, const char *name, bool *closing)
{
    size_t n = strlen(name);
    if (q >= e || *q != '<') return false;
    const char *t = q + 1;
    *closing = t < e && *t == '/';
    t += *closing;
    return (size_t)(e - t) > n && !strncasecmp(t, name, n) &&
           (t[n] == '>' || t[n] == ' ' || t[n] == '\t' || t[n] == '\r' || t[n] == '\n');
}

/* The first closing tag named name in [p, e), or NULL. */
static const char *closing_tag(const char *p, const char *e, const char *name)
{
    bool closing;
    for (const char *q = p; (q = memchr(q, '<', (size_t)(e - q))) != NULL; q++)
        if (tag_at(q, e, name, &closing) && closing) return q;
    return NULL;
}

/* Where the HTML table starting on the line at p ends: the start of the
 * line after the first closing tag (pandoc nests none); NULL for none. The
 * first closing tag after a place is remembered in *scan, so a file of
 * opening tags alone is searched once, not once a line. */
static const char *table_block(const char *p, const char *end, jue_md_scan *scan)
{
    const char *s = p;
    while (s < end && s - p < 3 && *s == ' ') s++;
    bool closing;
    if (!tag_at(s, end, "table", &closing) || closing) return NULL;
    if (!scan->from || s < scan->from || (scan->close && s > scan->close)) {
        scan->from = s;
        scan->close = closing_tag(s, end, "table");
    }
    const char *q = scan->close;
    if (!q) return NULL;
    const char *nl = memchr(q, '\n', (size_t)(end - q));
    return nl ? nl + 1 : end;
}

jue_status jue_md_html_table(jue_grid *g, const char *p, const char *end, jue_md_scan *scan, const char **after)
{
    *after = NULL;
    const char *b = table_block(p, end, scan);
    if (!b) return JUE_OK;
    jue_idoc *tmp = jue_idoc_new(g->doc->file, JUE_IN_HTML);
    if (!tmp) return JUE_ERR_NOMEM;
    jue_diags dg;
    jue_diags_init(&dg);
    jue_status st = jue_html_read(p, (size_t)(b - p), tmp, &dg) == JUE_OK && tmp->n == 1 ? JUE_OK : JUE_ERR_INVALID;
    int base = g->rows[g->n - 1].line - 1, page = g->rows[g->n - 1].page;
    const jue_grid *h = st ? NULL : &tmp->grids[0];
    for (size_t i = 0; h && i < h->n && !st; i++) {
        jue_grow *r = jue_grid_add_row(g, base + h->rows[i].line);
        if (!r) st = JUE_ERR_NOMEM;
        for (size_t k = 0; r && k < h->rows[i].n && !st; k++) {
            const jue_gcell *c = &h->rows[i].cells[k];
            jue_gcell *d = jue_grow_set(r, (int)k, c->text, strlen(c->text));
            if (d) d->copy = c->copy;
            else if (k < 1024) st = JUE_ERR_NOMEM;
        }
        if (r) r->page = page;
    }
    if (!st) *after = b;
    jue_diags_free(&dg);
    jue_idoc_free(tmp);
    return st == JUE_ERR_INVALID ? JUE_OK : st;
}

/* ---- grid tables (pandoc's own Markdown) --------------------------------- */

/* Whether [p, e) is a grid table's rule (+---+:==+): its columns, else 0. */
static int grid_rule(const char *p, const char *e)
{
    while (p < e && *p == ' ') p++;
    while (e > p && (e[-1] == ' ' || e[-1] == '\r')) e--;
    if (e - p < 3 || *p != '+' || e[-1] != '+') return 0;
    int cols = -1;
    bool dash = false;
    for (const char *q = p; q < e; q++) {
        if (*q == '+') cols++;
        else if (*q == '-' || *q == '=') dash = true;
        else if (*q != ':') return 0;
    }
    return dash && cols > 0 ? cols : 0;
}

/* Each cell's pieces joined (acc) into row r, read as a cell's text. */
static jue_status acc_flush(jue_grow *r, const jue_buf *acc, int cols)
{
    jue_buf b;
    jue_buf_init(&b);
    jue_status st = JUE_OK;
    for (int i = 0; i < cols && !st; i++) {
        jue_buf_reset(&b);
        if (acc[i].len) cell_text(&b, acc[i].data, acc[i].data + acc[i].len);
        st = b.err || acc[i].err ? JUE_ERR_NOMEM : put(r, i, b.len ? b.data : "", b.len, 0, false);
    }
    jue_buf_free(&b);
    return st;
}

/* The row gathered so far into its first line's grid row. */
static jue_status grid_flush(jue_grid *g, jue_md_grid *t)
{
    if (!t->pending) return JUE_OK;
    t->pending = false;
    return acc_flush(&g->rows[t->row], t->acc, t->cols);
}

jue_status jue_md_grid_end(jue_grid *g, jue_md_grid *t)
{
    jue_status st = t->cols ? grid_flush(g, t) : JUE_OK;
    for (int i = 0; i < t->cols; i++) jue_buf_free(&t->acc[i]);
    free(t->acc);
    t->acc = NULL;
    t->cols = 0;
    return st;
}

/* One line of a row: each cell's piece, trimmed, goes on its cell's text
 * (a piece the width cut, "23," / "703" / ".45", joins without a space; a
 * hard break '\' at its end and a quote mark '>' opening the cell drop). */
static void grid_pieces(jue_md_grid *t, const char *p, const char *e)
{
    mdcell c[MD_MAXCELLS];
    int n = row_cells(p, e, c, MD_MAXCELLS);
    for (int i = 0; i < n && i < t->cols && i < MD_MAXCELLS; i++) {
        const char *s = c[i].s, *z = c[i].e;
        while (s < z && *s == ' ') s++;
        while (z > s && z[-1] == ' ') z--;
        if (z > s && z[-1] == '\\' && !escaped(s, z - 1)) z--;
        if (!t->acc[i].len && s < z && *s == '>')
            for (s++; s < z && *s == ' ';) s++;
        jue_buf_putn(&t->acc[i], s, (size_t)(z - s));
    }
}

jue_status jue_md_grid_line(jue_grid *g, jue_md_grid *t, const char *p, const char *e, bool *done)
{
    int k = grid_rule(p, e);
    *done = k > 0 || (t->cols && jue_md_has_pipe(p, e));
    if (!t->cols && k) {
        t->cols = k < MD_MAXCELLS ? k : MD_MAXCELLS;
        t->acc = calloc((size_t)t->cols, sizeof *t->acc);
        if (!t->acc) { t->cols = 0; return JUE_ERR_NOMEM; }
        for (int i = 0; i < t->cols; i++) jue_buf_init(&t->acc[i]);
        t->pending = false;
        return JUE_OK;
    }
    if (!t->cols) return JUE_OK;
    if (!*done) return jue_md_grid_end(g, t);   /* the line after the table */
    if (k) return grid_flush(g, t);
    if (!t->pending) {
        t->pending = true;
        t->row = g->n - 1;
        for (int i = 0; i < t->cols; i++) jue_buf_reset(&t->acc[i]);
    }
    grid_pieces(t, p, e);
    return JUE_OK;
}

/* ---- simple and multiline tables (pandoc's own Markdown) ----------------- *
 * pandoc -t markdown writes a table without merged cells or blocks in them
 * as a simple table (a header line, a column rule of dash groups one space
 * apart, a row a line, a blank line after) or a multiline table (a
 * full-width dash line, the header's lines, the column rule, rows of
 * several lines with a blank line after each, a full-width dash line; or,
 * without a header, the column rule before and after the rows). A cell is
 * the text printed from its dash group's first display column (a CJK
 * character two) to the next group's: a cell that fills its column is one
 * space from the next ("49.00 万 5"), which splitting at runs of spaces
 * would merge. */

enum { DASH_SAME, DASH_FULL, DASH_BLANK };   /* what ends a table: its rule again, a full-width line, a blank line */

static bool blank_line(const char *p, const char *e)
{
    while (p < e && (*p == ' ' || *p == '\t' || *p == '\r')) p++;
    return p == e;
}

/* The line starting at s: its end (without '\r') in *le, the next line's start returned. */
static const char *line_from(const char *s, const char *end, const char **le)
{
    const char *n = memchr(s, '\n', (size_t)(end - s));
    if (!n) n = end;
    *le = n > s && n[-1] == '\r' ? n - 1 : n;
    return n < end ? n + 1 : end;
}

/* Whether [p, e) is a rule of dash groups (two dashes or more each, one
 * space apart): how many groups (0: none, or more than max), the first
 * display column of each in at (the rule is ASCII: a byte a column). */
static int dash_groups(const char *p, const char *e, int *at, int max)
{
    const char *q = p;
    while (q < e && *q == ' ') q++;
    while (e > q && (e[-1] == ' ' || e[-1] == '\r')) e--;
    if (q == e || *q != '-') return 0;
    int n = 0;
    for (;;) {
        const char *s = q;
        while (q < e && *q == '-') q++;
        if (q - s < 2 || n >= max) return 0;
        at[n++] = (int)(s - p);
        if (q == e) return n;
        if (*q != ' ' || q + 1 >= e || q[1] != '-') return 0;
        q++;
    }
}

/* Whether the line before p (in a text starting at begin) is blank, or p the first. */
static bool blank_before(const char *begin, const char *p)
{
    if (p <= begin) return true;
    if (p[-1] != '\n') return false;
    const char *s = p - 1;
    while (s > begin && s[-1] != '\n') s--;
    return blank_line(s, p - 1);
}

/* The column rule of the table the line [p, e) starts, found by looking on
 * (to the rule or line that ends it), into t; false for none. */
static bool dash_find(jue_md_dash *t, const char *p, const char *e, const char *end, int *at)
{
    int one[1], tmp[MD_MAXCELLS], k = dash_groups(p, e, at, MD_MAXCELLS);
    const char *le, *s = line_from(e, end, &le);
    if (k >= 2) {   /* no header: the same rule ends it; a blank line between makes it multiline */
        size_t len = (size_t)(e - p);
        while (len && (p[len - 1] == ' ' || p[len - 1] == '\r')) len--;
        *t = (jue_md_dash){ .cols = k, .kind = DASH_SAME, .rule = p, .rule_len = len };
        for (const char *ls = s; ls < end; ls = s) {
            s = line_from(ls, end, &le);
            if (blank_line(ls, le)) t->multi = true;
            else if (dash_groups(ls, le, tmp, MD_MAXCELLS) >= 2)
                return (size_t)(le - ls) >= len && !memcmp(ls, p, len) && blank_line(ls + len, le);
        }
        return false;
    }
    if (k == 0) {   /* a simple table's header: the rule is the next line */
        if (blank_line(p, e) || s >= end) return false;
        line_from(s, end, &le);
        if (dash_groups(s, le, at, MD_MAXCELLS) < 2) return false;
        k = dash_groups(s, le, at, MD_MAXCELLS);
        *t = (jue_md_dash){ .cols = k, .kind = DASH_BLANK, .header = true };
        return true;
    }
    /* a full-width line: the header's lines, the column rule, the rows, a full-width line */
    int lead = dash_groups(p, e, one, 1) ? one[0] : 0, lines = 0;
    for (const char *ls = s; ls < end && k < 2; ls = s, lines++) {
        s = line_from(ls, end, &le);
        if (blank_line(ls, le) || dash_groups(ls, le, one, 1)) return false;
        k = dash_groups(ls, le, at, MD_MAXCELLS);
    }
    if (k < 2 || lines < 2) return false;
    *t = (jue_md_dash){ .cols = k, .kind = DASH_FULL, .header = true, .multi = true, .lead = lead };
    for (const char *ls = s; ls < end; ls = s) {
        s = line_from(ls, end, &le);
        if (dash_groups(ls, le, one, 1)) return one[0] == lead;
    }
    return false;
}

/* A piece of a cell's text [s, e), trimmed, onto its text so far: after a
 * Chinese character a Chinese character joins without a space (a name
 * wrapped in its column), and so does a figure's rest ("23," / "703");
 * other words with one. */
static void dash_piece(jue_buf *b, const char *s, const char *e)
{
    while (s < e && (*s == ' ' || *s == '\t')) s++;
    while (e > s && (e[-1] == ' ' || e[-1] == '\t')) e--;
    if (s == e) return;
    if (b->len) {
        unsigned char l = (unsigned char)b->data[b->len - 1], f = (unsigned char)*s;
        bool cjk = l >= 0x80 && f >= 0x80;
        bool figure = (strchr("0123456789,.", l) && l) && (strchr("0123456789,.", f) && f);
        if (!cjk && !figure) jue_buf_putc(b, ' ');
    }
    jue_buf_putn(b, s, (size_t)(e - s));
}

/* The line [p, e) onto the row being gathered (begun at grid row `row`):
 * each column's piece is what is printed from its first display column to
 * the next column's (a wide character two columns; one across the border
 * goes with the column it starts in). */
static void dash_pieces(jue_md_dash *t, const char *p, const char *e, size_t row)
{
    if (!t->pending) {
        t->pending = true;
        t->row = row;
        for (int i = 0; i < t->cols; i++) jue_buf_reset(&t->acc[i]);
    }
    const char *s = p;
    int i = 0, col = 0;
    for (const char *q = p; q < e;) {
        unsigned char b = (unsigned char)*q;
        size_t l = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        if ((size_t)(e - q) < l) l = (size_t)(e - q);
        int w = l < 3 ? 1 : jue_text_cp_width((const unsigned char *)q);
        for (; i + 1 < t->cols && col >= t->at[i + 1]; i++) {
            dash_piece(&t->acc[i], s, q);
            s = q;
        }
        col += w;
        q += l;
    }
    dash_piece(&t->acc[i], s, e);
}

/* The row gathered so far into its first line's grid row. */
static jue_status dash_flush(jue_grid *g, jue_md_dash *t)
{
    if (!t->pending) return JUE_OK;
    t->pending = false;
    return acc_flush(&g->rows[t->row], t->acc, t->cols);
}

jue_status jue_md_dash_end(jue_grid *g, jue_md_dash *t)
{
    jue_status st = t->cols ? dash_flush(g, t) : JUE_OK;
    for (int i = 0; t->acc && i < t->cols; i++) jue_buf_free(&t->acc[i]);
    free(t->acc);
    free(t->at);
    *t = (jue_md_dash){ 0 };
    return st;
}

/* Whether the line [p, e) may start a table: it is a dash rule, or the next
 * line is, and the line before is blank. */
static bool dash_may_start(const char *begin, const char *p, const char *e, const char *end)
{
    const char *q = p, *le;
    while (q < e && *q == ' ') q++;
    if (q == e || *q != '-') {
        const char *n = line_from(e, end, &le);   /* the next line */
        line_from(n, end, &le);
        while (n < le && *n == ' ') n++;
        if (n >= le || *n != '-') return false;
    }
    return blank_before(begin, p);
}

/* Starts the table the line [p, e) opens, if it opens one. */
static jue_status dash_begin(jue_grid *g, jue_md_dash *t, const char *p, const char *e, const char *end, bool *done)
{
    int at[MD_MAXCELLS];
    if (!dash_find(t, p, e, end, at)) {
        *t = (jue_md_dash){ 0 };
        return JUE_OK;
    }
    *done = true;
    t->at = malloc((size_t)t->cols * sizeof *t->at);
    t->acc = calloc((size_t)t->cols, sizeof *t->acc);
    if (!t->at || !t->acc) {
        jue_md_dash_end(g, t);
        return JUE_ERR_NOMEM;
    }
    memcpy(t->at, at, (size_t)t->cols * sizeof *at);
    for (int i = 0; i < t->cols; i++) jue_buf_init(&t->acc[i]);
    if (t->kind != DASH_BLANK) return JUE_OK;
    dash_pieces(t, p, e, g->n - 1);   /* a simple table's header line */
    return dash_flush(g, t);
}

jue_status jue_md_dash_line(jue_grid *g, jue_md_dash *t, const char *begin, const char *p, const char *e,
                            const char *end, bool *done)
{
    *done = false;
    if (!t->cols) return dash_may_start(begin, p, e, end) ? dash_begin(g, t, p, e, end, done) : JUE_OK;
    int one[1], tmp[MD_MAXCELLS];
    bool blank = blank_line(p, e);
    *done = true;
    if (t->header && dash_groups(p, e, tmp, MD_MAXCELLS) >= 2) {   /* the column rule under the header */
        t->header = false;
        return dash_flush(g, t);
    }
    if (!t->header) {
        const char *z = e;
        while (z > p && (z[-1] == ' ' || z[-1] == '\r')) z--;
        bool ends = t->kind == DASH_SAME ? (size_t)(z - p) == t->rule_len && !memcmp(p, t->rule, t->rule_len)
                  : t->kind == DASH_FULL ? dash_groups(p, e, one, 1) == 1 && one[0] == t->lead
                                         : blank;
        if (ends) return jue_md_dash_end(g, t);
        if (blank) return dash_flush(g, t);
    }
    dash_pieces(t, p, e, g->n - 1);
    return t->multi || t->header ? JUE_OK : dash_flush(g, t);
}
