/* The one table recognizer: grids of located text cells (from any door) →
 * the nine tables of the model, with the same row and column keys the
 * compiler uses, so one rule pack audits compiled and imported disclosures.
 *
 * Steps, per grid (a text file, or a sheet):
 *  1. Title rows: a row with one distinct text that is, after squeezing
 *     spaces, dropping an ordinal, a "（续）" mark and a 公开NN表 label, one
 *     of the titles in data/import/aliases.tsv (or ends with one, after a
 *     department/year prefix). A bare 公开NN表 label with no title nearby
 *     counts by its number (through the profile's numbering). Titles win.
 *  2. A title starts a table only if a table row (two or more cells) or an
 *     empty-table 说明 follows within a few lines: a table of contents or a
 *     heading is not a table.
 *  3. Meta rows (编制单位/部门, 金额单位, the label) give department and unit;
 *     header rows run up to the first data row; the 栏次 row is skipped; the
 *     column under each header cell is named by its lowest header text.
 *  4. The body, by form: code tables (02 03 05 07 08: code and name columns,
 *     codes possibly split 类/款/项), two-pane tables (01 04: each pane
 *     starts at a 项目 header; lines named by alias or by the catalog's 类
 *     names), 06 (code/name/value triples, the side by economic class) and
 *     09 (items across, 预算数 group then 决算数 group, or one row per group).
 *     Names broken over lines are joined; the body ends at a prose line.
 *  5. A 说明 line (or one saying 无数据/空表) under the table is its note;
 *     a table without a non-zero figure is empty.
 * Rows of the grids that no table used are left for the notes (claims). */
#include "recognize/recognize.h"
#include "core/encoding.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The body of t into tab, by the table's form. */
static void read_body(tctx *t, jue_table *tab)
{
    switch (t->id) {
    case JUE_T01:
    case JUE_T04:
        if (!jue_rec_packed_panes(t, tab)) jue_rec_pane_table(t, tab);
        break;
    case JUE_T06: jue_rec_06(t, tab); break;
    case JUE_T09: jue_rec_09(t, tab); break;
    default: jue_rec_code_table(t, tab); break;
    }
}

/* A row of heading words alone (年初结转和 / 结余 / 功能分类科目编码): short,
 * no figure, no sentence punctuation. A copy in reading order prints an
 * empty table's headings a word a line, between its title and its 说明. */
static bool heading_piece(const jue_grow *r)
{
    const char *s = jue_rec_single_text(r);
    if (!s || jue_utf8_count(s, strlen(s)) > 12 || strpbrk(s, "0123456789")) return false;
    static const char *const PUNCT[] = { "。", "，", "；", "：", ":", "、" };
    for (size_t i = 0; i < sizeof PUNCT / sizeof PUNCT[0]; i++)
        if (strstr(s, PUNCT[i])) return false;
    return true;
}

/* The note: a 说明 (or 无数据) line just under the table; under a table
 * with no data, heading words in between do not count. */
static jue_status read_note(tctx *t, jue_table *tab)
{
    int seen = 0;
    for (size_t k = t->end; k < t->b && seen < NOTE_WINDOW; k++) {
        jue_grow *r = &t->g->rows[k];
        if (!jue_grow_filled(r) || (!tab->note && jue_table_is_empty(tab) && heading_piece(r))) continue;
        seen++;
        const char *s = jue_rec_single_text(r);
        if (!s || !jue_rec_note_text(s) || tab->note) continue;
        jue_buf nb;
        jue_buf_init(&nb);
        jue_imp_squeeze(&nb, s, false);
        char *nt = jue_buf_take(&nb);
        if (!nt || jue_table_set_note(tab, nt)) { free(nt); return JUE_ERR_NOMEM; }
        free(nt);
        r->used = true;
    }
    return JUE_OK;
}

/* Whether a header row the wrap cut, or a body row the wrap cut going on
 * in a row that starts with a figure ("本年收入合计 27 51,448.55 本年支出合计 58" / "51,448.55"): how many
 * blank cells the cut swallowed is not known, nor so the figure's column. */
static bool wrap_broken(const tctx *t)
{
    /* a heading row cut (any row above the body): its headings went on in
     * the next row, out of line with their columns */
    size_t heads = t->id == JUE_T09 ? t->end : t->body;   /* 09's body is headings over figures */
    for (size_t k = t->a; k < heads && k < t->g->n; k++) {
        if (!t->g->rows[k].at_wrap) continue;
        if (!jue_rec_cut_meta(t->g, k, NULL, NULL)) return true;
        k++;   /* a cut 金额单位 line: its rest is no heading */
    }
    /* the row after the body too: a figure alone may end it */
    for (size_t k = t->body; k < t->end && k + 1 < t->g->n; k++) {
        if (!t->g->rows[k].at_wrap) continue;
        const jue_grow *n = &t->g->rows[k + 1];
        for (size_t q = 0; q < n->n; q++) {
            const char *s = n->cells[q].text;
            if (!s[0] || n->cells[q].copy) continue;
            if ((strchr(s, '.') || strchr(s, ',')) && jue_rec_amount(s)) return true;
            break;
        }
    }
    return false;
}

/* Where table id's title and segment are, the first time it is read. */
static void note_segment(rc *c, const tctx *t, size_t title_row)
{
    jue_table_id id = t->id;
    if (!c->title_line[id]) {
        c->title_line[id] = t->g->rows[title_row].line;
        c->seg_grid[id] = t->g;
        c->seg_from[id] = t->a;
        c->seg_to[id] = t->b;
        c->body_to[id] = t->end;
    }
    for (size_t k = t->body; k < t->end; k++) c->packed[id] |= t->g->rows[k].packed;
    c->broken[id] |= wrap_broken(t);
}

/* Whether a cell's text holds a digit that is not a 类/款/项 code: a code
 * before its name ("205 教育支出", the second pane's "30201 办公费") or alone
 * in its line ("20799") is none; "301 工资福利支出 120" holds a figure, 120.
 * Full-width digits count as digits (the code readers fold them too). */
static bool figure_in(const char *text, bool alone)
{
    char code[16];
    if (alone && jue_rec_code_cell(text, code)) return false;
    for (const char *p = text; *p;) {
        p += strspn(p, " ");
        const char *rest;
        if (jue_rec_inline_code(p, code, &rest)) {
            p = rest;
            continue;
        }
        size_t w = strcspn(p, " ");
        for (size_t i = 0; i < w; i++)
            if ((p[i] >= '0' && p[i] <= '9') ||
                (i + 2 < w && (unsigned char)p[i] == 0xEF && (unsigned char)p[i + 1] == 0xBC &&
                 (unsigned char)p[i + 2] >= 0x90 && (unsigned char)p[i + 2] <= 0x99))
                return true;
        p += w;
    }
    return false;
}

/* Whether rows [a, b) under a title hold anything that may be a figure: a
 * digit anywhere but in a meta row (编制单位, 单位, a year), a 栏次 row, a
 * page number, a table label, a line of prose or note, or a 科目 code
 * before its name (a blank form lists its 科目 with no figure). A segment with
 * none is a table listed with nothing in it, whatever its heading rows look
 * like in this copy (cut by a wrap, one word a line): no figure of it can be
 * in a wrong column or a wrong row. Any digit left counts, so a table whose
 * figures this reader cannot see stays unread, never "empty". */
static bool segment_has_figures(const jue_grid *g, size_t a, size_t b)
{
    for (size_t i = a; i < b && i < g->n; i++) {
        const jue_grow *r = &g->rows[i];
        if (!jue_grow_filled(r) || jue_rec_meta(r, NULL, NULL) || jue_rec_lanci(r)) continue;
        const char *one = jue_rec_single_text(r);
        if (one && (jue_rec_page_number(one) || jue_rec_label_number(one) || jue_rec_note_text(one) ||
                    !strncmp(one, "注", 3) || strstr(one, "。")))
            continue;
        size_t filled = jue_grow_filled(r);
        for (size_t q = 0; q < r->n; q++)
            if (r->cells[q].text[0] && figure_in(r->cells[q].text, filled == 1)) return true;
    }
    return false;
}

/* Whether a line alone on its row is a table's note (注, 说明, a note
 * text) or prose (a sentence mark): the table's rows end there. */
static bool note_or_prose(const char *one)
{
    return one && (jue_rec_note_text(one) || !strncmp(one, "注", 3) || !strncmp(one, "说明", 6) ||
                   strstr(one, "。") || strstr(one, "，"));
}

/* Whether rows [a, b) of g, up to the table's note, print an amount other
 * than 0 with a point or separators ("526.04", "1,200"), in a cell of a row
 * of cells or alone on its line (a table printed a cell a line). */
static bool segment_has_amounts(const jue_grid *g, size_t a, size_t b)
{
    for (size_t i = a; g && i < b && i < g->n; i++) {
        const jue_grow *r = &g->rows[i];
        if (!jue_grow_filled(r) || jue_rec_lanci(r) || jue_rec_meta(r, NULL, NULL)) continue;
        /* the table ends at its note or at the prose after it (the last
         * table's segment runs on over the notes and their 自评表) */
        if (note_or_prose(jue_rec_single_text(r)))
            return false;
        for (size_t q = 0; q < r->n; q++) {
            const char *s = r->cells[q].text;
            jue_amount v;
            if (s[0] && !r->cells[q].copy && (strchr(s, '.') || strchr(s, ',')) &&
                jue_amount_parse(s, strlen(s), JUE_UNIT_WAN, &v, NULL) == JUE_OK && !v.blank && v.value)
                return true;
        }
    }
    return false;
}

/* Table id from the segment [a, b) of g under its title: meta and header
 * rows, the body, the note. A table read before goes on (cont) or is read
 * again as a continuation, with a warning. */
static jue_status read_table(rc *c, jue_grid *g, size_t title_row, size_t a, size_t b, jue_table_id id,
                             bool cont)
{
    tctx t;
    memset(&t, 0, sizeof t);
    t.c = c;
    t.g = g;
    t.id = id;
    t.a = a;
    t.b = b;
    jue_rec_read_header(&t);
    t.end = jue_rec_body_end(&t);
    g->rows[title_row].used = true;
    note_segment(c, &t, title_row);
    jue_table *tab = c->d->tables[id];
    bool fresh = tab == NULL;
    if (fresh) {
        tab = jue_table_new(id);
        if (!tab) return JUE_ERR_NOMEM;
    } else if (!cont) {
        jue_diag_add(c->diags, JUE_SEV_WARNING, c->doc->file, g->rows[title_row].line, 0,
                     "%s《%s》再次出现，作为前一处的续表读取", jue_table_label(id),
                     jue_table_title(id));
    }
    read_body(&t, tab);
    if (fresh && t.unit != JUE_UNIT_WAN) tab->unit = t.unit;   /* a continuation keeps the first part's */
    if (c->nomem || read_note(&t, tab)) {
        if (fresh) jue_table_free(tab);
        return JUE_ERR_NOMEM;
    }
    bool any = false;
    for (size_t k = 0; k < tab->nrows * tab->ncols && !any; k++)
        any = tab->cells[k].present && tab->cells[k].printed != 0;
    tab->empty = !any;
    if (tab->nrows == 0 && !tab->note)
        jue_diag_add(c->diags, JUE_SEV_WARNING, c->doc->file, g->rows[title_row].line, 0,
                     "%s《%s》：有标题，但标题下没有表格行", jue_table_label(id), jue_table_title(id));
    c->d->tables[id] = tab;
    return JUE_OK;
}

typedef struct {
    size_t row;
    int id;
    bool cont;
    bool ok;
} cand;

static void take_rows(jue_grid *g, size_t from, size_t to, bool unread);

/* The title at row i of a table this layout does not hold (JUE_REC_OTHER),
 * its table in rows [a, b): when a table is under it, its rows are that
 * table's, not notes, nothing of it is read, and the document follows
 * another layout (d->other_table: a table of ours it lacks may be printed
 * in another form). A contents entry or a mention changes nothing. */
static jue_status other_table(rc *c, jue_grid *g, size_t i, size_t a, size_t b)
{
    if (!jue_rec_table_follows(g, a, b)) return JUE_OK;
    const char *s = jue_rec_single_text(&g->rows[i]);
    for (size_t k = 0; !s && k < g->rows[i].n; k++)
        if (g->rows[i].cells[k].text[0] && !jue_rec_label_number(g->rows[i].cells[k].text))
            s = g->rows[i].cells[k].text;
    if (!s) s = "";
    if (!c->d->other_table && !(c->d->other_table = jue_strdup(s))) return JUE_ERR_NOMEM;
    g->rows[i].used = true;
    take_rows(g, a, b, false);
    jue_diag_add(c->diags, JUE_SEV_WARNING, c->doc->file, g->rows[i].line, 0,
                 "《%s》不是本表式的公开表（本文件按另一种表式编制），未核对", s);
    return JUE_OK;
}

/* Whether the title at row i has its own 公开NN表 label on the line next
 * to it (above or below): a table's title, not a contents entry or a
 * mention in the notes. */
static bool labelled_title(const rc *c, const jue_grid *g, size_t i, int id)
{
    for (size_t k = i > 0 ? i - 1 : 0; k <= i + 1 && k < g->n; k++) {
        const char *s = jue_rec_single_text(&g->rows[k]);
        int n = s ? jue_rec_label_number(s) : 0;
        if (n && jue_rec_table_by_number(c, n) == id) return true;
    }
    return false;
}

/* A title whose next line is a table's meta row (编制单位, 金额单位): a
 * table's title, not a contents entry or a heading of the notes. */
static bool unit_follows(const jue_grid *g, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (jue_grow_filled(&g->rows[i])) return jue_rec_meta(&g->rows[i], NULL, NULL);
    return false;
}

/* A title with heading words under it and no figure (segment_has_figures):
 * the table is listed but empty, as a ruled copy of it reads — an empty
 * table with its 注 line, checked by complete.empty-note like any other. */
static jue_status listed_empty(rc *c, jue_grid *g, size_t title_row, size_t b, jue_table_id id)
{
    tctx t;
    memset(&t, 0, sizeof t);
    t.c = c;
    t.g = g;
    t.id = id;
    t.a = t.body = t.end = title_row + 1;
    t.b = b;
    /* its 注 and 说明 lines follow the heading words, however many those are */
    while (t.end < b) {
        const char *one = jue_rec_single_text(&g->rows[t.end]);
        if (one && (jue_rec_note_text(one) || !strncmp(one, "注", 3) || strstr(one, "。"))) break;
        t.end++;
    }
    g->rows[title_row].used = true;
    note_segment(c, &t, title_row);
    jue_table *tab = jue_table_new(id);
    if (!tab || read_note(&t, tab)) {
        jue_table_free(tab);
        return JUE_ERR_NOMEM;
    }
    tab->empty = true;
    if (!tab->note)
        jue_diag_add(c->diags, JUE_SEV_WARNING, c->doc->file, g->rows[title_row].line, 0,
                     "%s《%s》：有标题，但标题下没有表格行", jue_table_label(id), jue_table_title(id));
    c->d->tables[id] = tab;
    for (size_t k = t.a; k < b; k++) g->rows[k].used = true;
    return JUE_OK;
}

/* Whether the first line under a title, in rows [a, b), is a contents
 * list's 是否空表 answer alone ("是" / "否"): the title is an entry of the
 * list ("表 8" / 国有资本经营预算… / 是 / 本部门不涉及 故公开空表, a cell
 * a line), not a table printed there. */
static bool contents_answer(const jue_grid *g, size_t a, size_t b)
{
    for (size_t i = a; i < b && i < g->n; i++) {
        if (!jue_grow_filled(&g->rows[i])) continue;
        const char *s = jue_rec_single_text(&g->rows[i]);
        s = s ? s + strspn(s, " ") : "";
        return (!strncmp(s, "是", 3) || !strncmp(s, "否", 3)) && s[3 + strspn(s + 3, " ")] == 0;
    }
    return false;
}

/* A labelled title with no table the recognizer can read under it (a copy
 * that prints each heading word and cell on a line of its own): the table
 * is there, unread — not missing. */
static jue_status title_only(rc *c, jue_grid *g, size_t i, size_t b, int id)
{
    if (c->d->tables[id] || c->d->unread[id]) return JUE_OK;
    if (!segment_has_figures(g, i + 1, b)) return listed_empty(c, g, i, b, (jue_table_id)id);
    c->d->unread[id] = "标题下的表格没有读出（表头和表行的排列认不出）";
    take_rows(g, i + 1, b, true);   /* its rows are no notes */
    jue_diag_add(c->diags, JUE_SEV_WARNING, c->doc->file, g->rows[i].line, 0, "%s《%s》没有读准，不据以核对：%s",
                 jue_table_label((jue_table_id)id), jue_table_title((jue_table_id)id), c->d->unread[id]);
    return JUE_OK;
}

/* A title broken over two lines: by the page's running head ("收入支出决算总"
 * / "第二部分 … 决算表" / "表"), or by a wrap ("政府性基金" / "预算财政拨款收入
 * 支出决算表"): row i with a short piece one or two lines of text below it
 * (blank lines between not counted), or the
 * rest of the title right under it, joined a title and not the one the
 * second names alone (which may be a shorter title's end: "…支出决算表"),
 * and, when the second is a title itself, one with no words before it but
 * a department's or a year's;
 * *at becomes the second's row, where the table's segment starts. */
static int split_title_at(const rc *c, const jue_grid *g, size_t i, size_t *at)
{
    const char *a = jue_rec_single_text(&g->rows[i]);
    if (!a || strlen(a) > 90) return -1;
    int seen = 0;   /* the next two lines with text: a copy may put blank lines between */
    for (size_t k = i + 1; seen < 2 && k < g->n; k++) {
        if (!jue_grow_filled(&g->rows[k])) continue;
        seen++;
        const char *b = jue_rec_single_text(&g->rows[k]);
        if (!b || (strlen(b) > 12 && (seen > 1 || strlen(b) > 120 || !jue_rec_has_char3(b, "表")))) continue;
        char joined[256];
        jue_str_put(jue_str_put(joined, joined + sizeof joined, a, SIZE_MAX), joined + sizeof joined, b, SIZE_MAX);
        jue_gcell cell = { .text = joined };
        jue_grow fake = { .cells = &cell, .n = 1 };
        bool cont;
        int id = jue_rec_title_of(c, &fake, &cont);
        int alone = jue_rec_title_of(c, &g->rows[k], &cont);
        /* the second a title itself: joined only into a title after a
         * department or year, not after other words ("其他收入" / "支出决算
         * 表": a column heading over the next table's title) */
        if (alone >= 0 && jue_rec_title_owned(c, joined) != id) continue;
        if (id >= 0 && id != alone) {
            *at = k;   /* a running head between stays prose */
            return id;
        }
    }
    return -1;
}

static int split_title(const rc *c, jue_grid *g, size_t i, size_t *at)
{
    int id = split_title_at(c, g, i, at);
    if (id >= 0) g->rows[i].used = true;
    return id;
}

/* Whether a title is printed within 4 rows of row i, whole or broken over
 * two lines (a copy wrapped at a width: "支出决算" / "表"). */
static bool title_near(const rc *c, const jue_grid *g, size_t i)
{
    for (size_t k = i > 4 ? i - 4 : 0; k < g->n && k <= i + 4; k++) {
        bool cc;
        size_t at;
        if (k != i && (jue_rec_title_of(c, &g->rows[k], &cc) >= 0 || split_title_at(c, g, k, &at) >= 0))
            return true;
    }
    return false;
}

/* Whether table id as read so far is a title over no row and no note (a
 * contents entry a wrap left as a label and a title alone, "表 5  一般公共预算
 * 财政拨款支出决算表" / "否"): a later copy of the title with its table is the table. */
static bool title_over_nothing(const rc *c, int id)
{
    const jue_table *t = c->d->tables[id];
    return t && t->nrows == 0 && !t->note;
}

/* Drops table id as read so far, and what its reading noted. */
static void forget_table(rc *c, int id)
{
    jue_table_free(c->d->tables[id]);
    c->d->tables[id] = NULL;
    c->title_line[id] = 0;
    c->seg_grid[id] = NULL;
    c->seg_from[id] = c->seg_to[id] = c->body_to[id] = 0;
    c->packed[id] = c->wordy[id] = c->badfig[id] = c->grouped[id] = c->chose[id] = c->unheaded[id] = false;
    c->npcols[id] = 0;
    c->doubt[id] = NULL;
}

static jue_status read_grid(rc *c, jue_grid *g)
{
    cand *cs = NULL;
    size_t nc = 0, cap = 0;
    jue_status st = JUE_OK;
    for (size_t i = 0; i < g->n; i++) {
        bool cont = false;
        int id = jue_rec_title_of(c, &g->rows[i], &cont);
        size_t at = i;
        if (id < 0 && (id = split_title(c, g, i, &at)) >= 0) i = at;
        if (id < 0) {
            const char *s = jue_rec_single_text(&g->rows[i]);
            int n = s ? jue_rec_label_number(s) : 0;
            /* a bare label counts only with no title near it */
            if (n && !title_near(c, g, i)) id = jue_rec_table_by_number(c, n);
        }
        if (id < 0) continue;
        if (nc == cap) {
            cap = cap ? cap * 2 : 16;
            cand *n2 = realloc(cs, cap * sizeof *n2);
            if (!n2) { free(cs); return JUE_ERR_NOMEM; }
            cs = n2;
        }
        cs[nc++] = (cand){ i, id, cont, false };
    }
    /* a sheet with no title in it: its name may be one */
    if (nc == 0 && g->name && g->n) {
        jue_grow fake = { 0 };
        jue_gcell cell = { .text = g->name };
        fake.cells = &cell;
        fake.n = 1;
        bool cont;
        int id = jue_rec_title_of(c, &fake, &cont);
        if (id < 0 && jue_rec_label_number(g->name)) id = jue_rec_table_by_number(c, jue_rec_label_number(g->name));
        if (id == JUE_REC_OTHER) return other_table(c, g, 0, 0, g->n);
        if (id >= 0) {
            cs = malloc(sizeof *cs);
            if (!cs) return JUE_ERR_NOMEM;
            /* the segment starts at row 0; row 0 stands in for the title */
            cs[nc++] = (cand){ 0, id, false, true };
            if (!jue_rec_table_follows(g, 0, g->n)) nc = 0;
            else st = read_table(c, g, 0, 0, g->n, (jue_table_id)id, false);
            free(cs);
            return st;
        }
    }
    int prev_ok = -1;
    for (size_t k = 0; k < nc && !st; k++) {
        size_t a = cs[k].row + 1, b = k + 1 < nc ? cs[k + 1].row : g->n;
        if (cs[k].id == JUE_REC_OTHER) {
            st = other_table(c, g, cs[k].row, a, b);
            continue;
        }
        if (contents_answer(g, a, b)) continue;   /* an entry of the contents list */
        if (!jue_rec_table_follows(g, a, b) && title_over_nothing(c, cs[k].id) && !cs[k].cont &&
            segment_has_amounts(g, a, b)) {
            /* the title printed again, amounts under it in rows this reader
             * does not take for a table's (a cell a line): the table, which
             * the first (a contents entry) was not; read so (nothing), it is
             * set aside, not left as the empty entry */
            forget_table(c, cs[k].id);
            st = read_table(c, g, cs[k].row, a, b, (jue_table_id)cs[k].id, false);
            prev_ok = (int)k;
            continue;
        }
        if (!jue_rec_table_follows(g, a, b)) {
            /* a 公开NN表 label over its own title that a wrap broke: the
             * title's table, not an empty one. title_near already keeps a
             * label from being a candidate when the title is broken over
             * two lines within 4 rows; this is for the rest (a title
             * broken more, or further off) */
            if (k + 1 < nc && cs[k + 1].id == cs[k].id && !cs[k + 1].cont) continue;
            if (labelled_title(c, g, cs[k].row, cs[k].id) || unit_follows(g, a, b))
                st = title_only(c, g, cs[k].row, b, cs[k].id);
            continue;
        }
        bool cont = cs[k].cont || (prev_ok >= 0 && cs[prev_ok].id == cs[k].id);
        if (c->d->tables[cs[k].id] && !cont && title_over_nothing(c, cs[k].id)) forget_table(c, cs[k].id);
        if (c->d->tables[cs[k].id] && !cont) {
            jue_diag_add(c->diags, JUE_SEV_WARNING, c->doc->file, g->rows[cs[k].row].line, 0,
                         "%s《%s》出现了两次，采用第一处", jue_table_label(cs[k].id),
                         jue_table_title(cs[k].id));
            continue;
        }
        st = read_table(c, g, cs[k].row, a, b, (jue_table_id)cs[k].id, cont);
        prev_ok = (int)k;
    }
    free(cs);
    return st;
}

/* The rows under a set-aside table's title that its body did not take (a
 * one-cell line ended it early) are still the table's, not notes: up to its
 * 注/说明 line, a sentence or a part heading. */
static void take_rows(jue_grid *g, size_t from, size_t to, bool unread)
{
    for (size_t i = from; g && i < to; i++) {
        jue_grow *r = &g->rows[i];
        const char *s = jue_rec_single_text(r);
        if (s && (jue_rec_note_text(s) || !strncmp(s, "注", 3) || !strncmp(s, "第", 3) || strstr(s, "。") ||
                  strstr(s, "，")))
            break;
        r->used = true;
        r->unread |= unread;
    }
}

static void take_table_rows(rc *c, int id)
{
    take_rows(c->seg_grid[id], c->seg_from[id], c->seg_to[id], false);
}

/* Whether a named line of t (01, 04, 09) is named by an amount alone
 * ("503.03": a figure a narrow column printed on a line of its own, taken
 * for a line's name). */
static bool amount_named(const jue_table *t)
{
    for (size_t r = 0; r < t->nrows; r++) {
        const char *s = t->rows[r].name;   /* (a code row's: confidence.c's figures in names) */
        if (t->rows[r].level == JUE_LEVEL_NONE && s && (strchr(s, '.') || strchr(s, ',')) && jue_rec_amount(s))
            return true;
    }
    return false;
}

/* How many rows of g in [a, b), before the table's note or the prose after
 * it, begin with a 科目 code and go on with more (a name, figures): rows of
 * the table its body did not take ("134.2" over "4", a figure a narrow
 * column wrapped, ended it early), whose sums the rules would take as 0. */
static int code_rows_after(const jue_grid *g, size_t a, size_t b)
{
    int n = 0;
    for (size_t i = a; g && i < b && i < g->n; i++) {
        const jue_grow *r = &g->rows[i];
        if (note_or_prose(jue_rec_single_text(r)))
            break;
        size_t q = 0;
        while (q < r->n && (!r->cells[q].text[0] || r->cells[q].copy)) q++;
        char code[16];
        if (q < r->n && jue_grow_filled(r) >= 2 && jue_rec_code_cell(r->cells[q].text, code)) n++;
    }
    return n;
}

/* Why table id as read is set aside (NULL: kept): rows broken by a wrap,
 * or *fails of *checks as counted by the confidence check. */
static const char *doubt(rc *c, int id, int *fails, int *checks)
{
    jue_table *t = c->d->tables[id];
    /* a cut heading row over no figure at all misplaces nothing */
    bool listed_empty = t->nrows == 0 && c->seg_grid[id] && !segment_has_figures(c->seg_grid[id], c->seg_from[id], c->seg_to[id]);
    if (c->broken[id] && !listed_empty)
        return "有表行被折行拆成了两行（按固定宽度换行的复制），拆开处的数字分不清在哪一栏";
    /* nothing read where amounts are printed: not an empty table */
    if ((t->nrows == 0 || t->empty) && !c->doubt[id] &&
        segment_has_amounts(c->seg_grid[id], c->seg_from[id], c->seg_to[id]))
        return t->nrows ? "表中印有金额，但一个也没有读到所在的行和栏" : "表中印有金额，但没有读出任何一行";
    if (c->doubt[id]) return c->doubt[id];   /* the reader's own */
    /* words where a figure goes: the columns were read wrong, and a blank
     * read so is no 0 to accuse anyone with (a table with no figure at all
     * is still the empty table it is) */
    if (c->wordy[id] && !t->empty) return "数字栏中读出了文字，栏位读错了";
    if (amount_named(t)) return "有金额被读成了项目名称，栏位读错了";
    if (c->unheaded[id]) return "有数字不在任何一栏的表头之下，栏位读错了";
    /* a figure not read (cut off, run into another): its row's sums and the
     * table's emptiness are not known */
    if (c->badfig[id]) return "有金额无法识别，相关各数不能核对";
    /* 06 with rows printed with single spaces, too few for the group reader:
     * its panes and blank cells cannot be told apart */
    if (id == JUE_T06 && c->packed[id] && !c->grouped[id])
        return "表行以单个空格分隔、空白单元格没有标记，分不清各数字所在的栏";
    bool sure = c->grouped[id] && !c->chose[id];
    const char *why = c->packed[id] && c->npcols[id] ? jue_rec_place_packed(c, t, &sure) : NULL;
    /* packed rows each with one placement: read as surely as a ruled table */
    if (!why) why = jue_imp_doubt(t, c->packed[id] && !sure, fails, checks);
    /* the body ended before rows printed with their codes: a part read */
    if (!why && code_rows_after(c->seg_grid[id], c->body_to[id], c->seg_to[id]) >= 2) {
        *fails = *checks = 0;
        why = "表体只读出了一部分，其后还印有带科目编码的行";
    }
    return why;
}

/* Tables whose figures do not hold together as read (src/import/confidence.c)
 * are set aside: one warning at the title, and the table is unread — its
 * title is there, its figures feed no finding. A table whose placement
 * leans on others (03 ⊇ 05; 02's and 03's 合计 as in 01) is placed after
 * them, with those kept as its bounds (place.c); one two readings of which
 * balance alike is placed again once every table is judged. */
static void set_aside_doubtful(rc *c)
{
    int fails[JUE_NTABLES] = { 0 }, checks[JUE_NTABLES] = { 0 };
    for (int pass = 0; pass < 2; pass++)
        for (int id = 0; id < JUE_NTABLES; id++)
            if (c->d->tables[id] && jue_rec_placed_after((jue_table_id)id) == (pass == 1))
                c->doubt[id] = doubt(c, id, &fails[id], &checks[id]);
    /* two readings alike: placed again with what the others, judged, fix */
    c->late = true;
    for (int id = 0; id < JUE_NTABLES; id++)
        if (c->d->tables[id] && c->doubt[id] == jue_rec_ambiguous) {
            c->doubt[id] = NULL;
            c->doubt[id] = doubt(c, id, &fails[id], &checks[id]);
        }
    for (int id = 0; id < JUE_NTABLES; id++) {
        jue_table *t = c->d->tables[id];
        const char *why = c->doubt[id];
        if (!t || !why) continue;
        if (checks[id])
            jue_diag_add(c->diags, JUE_SEV_WARNING, c->doc->file, c->title_line[id], 0,
                         "%s《%s》没有读准，不据以核对：%s（核对 %d 处，%d 处不符）", jue_table_label((jue_table_id)id),
                         jue_table_title((jue_table_id)id), why, checks[id], fails[id]);
        else
            jue_diag_add(c->diags, JUE_SEV_WARNING, c->doc->file, c->title_line[id], 0,
                         "%s《%s》没有读准，不据以核对：%s", jue_table_label((jue_table_id)id),
                         jue_table_title((jue_table_id)id), why);
        jue_table_free(t);
        c->d->tables[id] = NULL;
        c->d->unread[id] = why;
        take_table_rows(c, id);
    }
}

/* Whether a figure (with a decimal point) is among the filled rows after
 * row i, before the next `within` filled rows end. */
static bool figure_after(const jue_grid *g, size_t i, int within)
{
    for (size_t k = i + 1; k < g->n && within > 0; k++) {
        const jue_grow *r = &g->rows[k];
        if (!jue_grow_filled(r)) continue;
        within--;
        const char *one = jue_rec_single_text(r);
        if (one && strchr(one, '.') && figure_in(one, true)) return true;
    }
    return false;
}

/* The first line of rows no table took that list 科目 codes with figures —
 * at least three codes, each with a figure close after it: a table whose
 * title this copy lost (a PDF-to-text tool may drop a line). 0: none. */
/* Whether code's 类 (its first three digits) is a functional class of the
 * catalog ("100", a 自评表's weight alone on its line, is none); without a
 * catalog, any. */
static bool known_class(const rc *c, const char *code)
{
    if (!c->cat) return true;
    char cls[4] = { code[0], code[1], code[2], 0 };
    int year = c->d->year ? c->d->year : c->cat_to;
    year = year < c->cat_from ? c->cat_from : year > c->cat_to ? c->cat_to : year;
    return jue_catalog_name(c->cat, JUE_CAT_FUNCTIONAL, cls, year) != NULL;
}

static int untitled_code_block(const rc *c)
{
    const jue_idoc *doc = c->doc;
    for (size_t gi = 0; gi < doc->n; gi++) {
        const jue_grid *g = &doc->grids[gi];
        int n = 0, first = 0;
        for (size_t i = 0; i < g->n && n < 3; i++) {
            const jue_grow *r = &g->rows[i];
            const char *one = r->used && !r->unread ? NULL : jue_rec_single_text(r);
            char code[16];
            if (!one || !jue_rec_code_cell(one, code) || !known_class(c, code) || !figure_after(g, i, 8)) continue;
            if (!n++) first = r->line;
        }
        if (n >= 3) return first;
    }
    return 0;
}

/* A table of 科目 codes not found while such a table stands there untitled:
 * not "missing" (an error) but unread — which of them it is, is not known. */
static void lost_titles(rc *c)
{
    static const jue_table_id CODED[] = { JUE_T02, JUE_T03, JUE_T05, JUE_T07, JUE_T08 };
    int line = -1;
    for (size_t i = 0; i < sizeof CODED / sizeof CODED[0]; i++) {
        jue_table_id id = CODED[i];
        if (c->d->tables[id] || c->d->unread[id]) continue;
        if (line < 0) line = untitled_code_block(c);
        if (!line) return;
        c->d->unread[id] = "没有找到标题，但文中有一段按科目编码排列的表格没有认出是哪张表，可能就是此表";
        jue_diag_add(c->diags, JUE_SEV_WARNING, c->doc->file, line, 0, "%s《%s》没有找到标题：第%d行起有一段按科目编码排列的表格，"
                     "没有认出是哪张表，可能就是此表，不判为缺少", jue_table_label(id), jue_table_title(id), line);
    }
}

/* The accounts year: "2022年度", "2023 年" in the document's title or first
 * lines. */
static int find_year(const char *s)
{
    for (const char *p = s; *p; p++) {
        if ((p[0] == '2' || p[0] == '1') && p[1] >= '0' && p[1] <= '9' && p[2] >= '0' && p[2] <= '9' &&
            p[3] >= '0' && p[3] <= '9' && (p == s || p[-1] < '0' || p[-1] > '9')) {
            const char *q = p + 4;
            while (*q == ' ') q++;
            if (!strncmp(q, "年", 3)) {
                int y = atoi(p);
                if (y >= 1990 && y <= 2100) return y;
            }
        }
    }
    return 0;
}

/* The year a row's cells name: in a cell ("2024年度部门决算"), or a cell of
 * the year alone before one starting with 年 ("2024" / "年度部门决算": a
 * title set with wide spaces, which a text copy splits into cells). */
static int row_year(const jue_grow *r)
{
    for (size_t k = 0; k < r->n; k++) {
        int y = find_year(r->cells[k].text);
        if (y) return y;
        const char *t = r->cells[k].text;
        size_t n = strlen(t);
        if (n < 4 || k + 1 >= r->n || strncmp(r->cells[k + 1].text, "年", 3)) continue;
        char four[16];
        snprintf(four, sizeof four, "%.4s年", t + n - 4);
        if ((y = find_year(four)) && (n == 4 || t[n - 5] < '0' || t[n - 5] > '9')) return y;
    }
    return 0;
}

/* The department a title names when no 编制单位 line does (the Shanghai
 * template has none): "上海市普陀区财政局2024年度部门决算", "第二部分 X 2024 年度部门
 * 决算表", or a cover whose name stands on the one or two lines above
 * "2024年度部门决算". Returns a new string or NULL. */
static char *title_department(const char *raw, const char *above)
{
    jue_buf b;
    jue_buf_init(&b);
    jue_imp_squeeze(&b, raw, false);
    const char *text = jue_buf_str(&b), *hit = strstr(text, "部门决算"), *y = hit;
    if (y && y - text >= 3 && !strncmp(y - 3, "度", 3)) y -= 3;
    while (y && y > text && y[-1] == ' ') y--;
    if (!y || y - text < 7 || strncmp(y - 3, "年", 3)) y = NULL;
    else y -= 3;
    while (y && y > text && y[-1] == ' ') y--;
    for (int k = 0; y && k < 4; k++) y = y > text && y[-1] >= '0' && y[-1] <= '9' ? y - 1 : NULL;
    const char *from = y ? strstr(text, "部分") : NULL;   /* "第二部分 …" */
    from = from && from < y ? from + strlen("部分") : text;
    jue_buf sq;
    jue_buf_init(&sq);
    if (y) {
        while (from < y && *from == ' ') from++;
        while (y > from && y[-1] == ' ') y--;
        jue_buf_putn(&sq, from, (size_t)(y - from));
        if (!sq.len && above) jue_buf_puts(&sq, above);
    }
    jue_buf_free(&b);
    const char *n = jue_buf_str(&sq);
    bool ok = sq.len >= 6 && sq.len <= 120 && (unsigned char)n[sq.len - 1] >= 0x80;
    for (const char *p = n; ok && *p; p++) ok = !(*p >= '0' && *p <= '9') && *p != ' ';
    if (!ok) jue_buf_free(&sq);
    return ok ? jue_buf_take(&sq) : NULL;
}

/* A short line of a cover (the name may be set over two): no digits, at most
 * 16 characters. */
static bool cover_line(const char *s)
{
    size_t n = strlen(s);
    if (!n || n > 48) return false;
    for (; *s; s++)
        if ((*s >= '0' && *s <= '9') || *s == ' ') return false;
    return true;
}

static void department_from_titles(jue_idoc *doc, jue_disclosure *d)
{
    for (size_t gi = 0; gi < doc->n && !d->department; gi++) {
        char above[2][128] = { "", "" };   /* the two short lines before, the nearer first */
        for (size_t i = 0; i < doc->grids[gi].n && i < 120 && !d->department; i++) {
            const jue_grow *r = &doc->grids[gi].rows[i];
            for (size_t k = 0; k < r->n && !d->department; k++) {
                const char *t = r->cells[k].text;
                if (!*t) continue;
                char both[256];
                snprintf(both, sizeof both, "%s%s", above[1], above[0]);
                d->department = title_department(t, *above[0] ? both : NULL);
                memcpy(above[1], above[0], sizeof above[0]);
                if (cover_line(t)) snprintf(above[0], sizeof above[0], "%s", t);
                else above[0][0] = 0, above[1][0] = 0;
            }
        }
    }
}

jue_status jue_recognize(jue_idoc *doc, const jue_catalog *cat, const jue_profile *prof, const jue_aliases *al,
                         jue_disclosure *d, jue_diags *diags)
{
    jue_aliases *own = NULL;
    if (!al) {
        jue_status st = jue_aliases_load(&own, diags);
        if (st) return st;
        al = own;
    }
    rc c;
    memset(&c, 0, sizeof c);
    c.doc = doc;
    c.cat = cat;
    c.prof = prof;
    c.al = al;
    c.d = d;
    c.diags = diags;
    if (cat) jue_catalog_years(cat, JUE_CAT_FUNCTIONAL, &c.cat_from, &c.cat_to);
    jue_status st = JUE_OK;
    if (doc->title && !d->year) d->year = find_year(doc->title);
    for (size_t gi = 0; gi < doc->n && !d->year; gi++)
        for (size_t i = 0; i < doc->grids[gi].n && i < 80 && !d->year; i++)
            d->year = row_year(&doc->grids[gi].rows[i]);
    for (size_t gi = 0; gi < doc->n && !st; gi++) st = jue_rec_join_wrapped_figures(&doc->grids[gi]);
    for (size_t gi = 0; gi < doc->n && !st; gi++) st = read_grid(&c, &doc->grids[gi]);
    if (!st) set_aside_doubtful(&c);
    if (!st) lost_titles(&c);
    if (!st && !d->department) department_from_titles(doc, d);
    if (!st && d->department) {
        /* "醴陵市医疗保障局" as printed, without stray spaces */
        jue_buf b;
        jue_buf_init(&b);
        jue_imp_squeeze(&b, d->department, false);
        char *n = jue_buf_take(&b);
        if (n) { free(d->department); d->department = n; }
    }
    jue_aliases_free(own);
    return c.nomem ? JUE_ERR_NOMEM : st;
}
