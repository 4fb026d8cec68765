/* The DOCX and HTML doors: the two county fixtures turned into real tables
 * (tests/fixtures/own, see its README) read back to the same tables the
 * text door reads from the originals, at their own locations; the compiled
 * example rendered as HTML read back value for value; the structures each
 * door must know (merges, nested tables, line breaks, alignment, charsets)
 * on small inputs; bad input. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <juesuan/compile.h>
#include <juesuan/import.h>
#include <juesuan/render.h>
#include <juesuan/source.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "import/doors/flow.h"

static jue_catalog *g_cat;
static jue_profile *g_prof;

static int group_setup(void **state)
{
    (void)state;
    jue_diags dg;
    jue_diags_init(&dg);
    if (jue_catalog_load(NULL, &g_cat, &dg) != JUE_OK) return -1;
    if (jue_profile_load(NULL, &g_prof, &dg) != JUE_OK) return -1;
    jue_diags_free(&dg);
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    jue_catalog_free(g_cat);
    jue_profile_free(g_prof);
    return 0;
}

static void path_of(char *buf, size_t n, const char *env, const char *fallback, const char *rel)
{
    const char *base = getenv(env);
    snprintf(buf, n, "%s/%s", base ? base : fallback, rel);
}

static void own(char *buf, size_t n, const char *name)
{
    char rel[512];
    snprintf(rel, sizeof rel, "tests/fixtures/own/%s", name);
    path_of(buf, n, "JUE_SRCDIR", ".", rel);
}

static void print_diags(const jue_diags *dg)
{
    for (size_t i = 0; i < dg->len; i++)
        print_message("%s:%d:%d: %s: %s\n", dg->items[i].file, dg->items[i].line, dg->items[i].col,
                      jue_severity_str(dg->items[i].severity), dg->items[i].message);
}

/* ---- reading through a door ---- */

typedef struct {
    jue_idoc *doc;
    jue_disclosure *d;
    jue_diags dg;
} imported;

static jue_status door(jue_input_kind k, const char *data, size_t len, jue_idoc *doc, jue_diags *dg)
{
    return k == JUE_IN_DOCX ? jue_docx_read(data, len, doc, dg) : jue_html_read(data, len, doc, dg);
}

/* Reads a buffer through the DOCX or HTML door and recognises its tables. */
static imported read_buf(jue_input_kind k, const char *data, size_t len, const char *name)
{
    imported r;
    jue_diags_init(&r.dg);
    r.doc = jue_idoc_new(name, k);
    r.d = jue_disclosure_new();
    assert_non_null(r.doc);
    assert_non_null(r.d);
    jue_status st = door(k, data, len, r.doc, &r.dg);
    if (st == JUE_OK) st = jue_recognize(r.doc, g_cat, g_prof, NULL, r.d, &r.dg);
    if (st != JUE_OK) {
        print_diags(&r.dg);
        fail_msg("%s: %s", name, jue_status_str(st));
    }
    return r;
}

static imported read_own(jue_input_kind k, const char *name)
{
    char path[4096];
    own(path, sizeof path, name);
    char *data;
    size_t len;
    if (jue_read_file(path, &data, &len) != JUE_OK) fail_msg("cannot read %s", path);
    imported r = read_buf(k, data, len, path);
    free(data);
    return r;
}

static void done(imported *r)
{
    jue_idoc_free(r->doc);
    jue_disclosure_free(r->d);
    jue_diags_free(&r->dg);
}

static jue_disclosure *read_text_fixture(const char *name, jue_diags *dg)
{
    char rel[512], path[4096];
    snprintf(rel, sizeof rel, "fixtures/real/%s", name);
    path_of(path, sizeof path, "JUE_SHARED", "../shared", rel);
    jue_disclosure *d = NULL;
    if (jue_import_file(path, JUE_IN_TEXT, g_cat, g_prof, &d, dg) != JUE_OK) {
        print_diags(dg);
        fail_msg("text import of %s failed", path);
    }
    return d;
}

/* The 1-based line of the nth line (1 = first) of a file holding needle. */
static int line_with(const char *name, const char *needle, int nth)
{
    char path[4096];
    own(path, sizeof path, name);
    char *data;
    size_t len;
    if (jue_read_file(path, &data, &len) != JUE_OK) fail_msg("cannot read %s", path);
    int line = 1, found = 0;
    for (char *p = data; *p;) {
        char *nl = strchr(p, '\n');
        if (nl) *nl = '\0';
        if (strstr(p, needle) && ++found == nth) { free(data); return line; }
        if (!nl) break;
        p = nl + 1;
        line++;
    }
    free(data);
    fail_msg("%s: no line %d with %s", name, nth, needle);
    return 0;
}

/* ---- looking at tables ---- */

static const jue_cell *cell_of(const jue_disclosure *d, jue_table_id t, const char *row, jue_side side,
                               const char *col)
{
    const jue_table *tab = d->tables[t];
    if (!tab) fail_msg("%s missing", jue_table_label(t));
    int r = jue_table_find_row(tab, row, side);
    if (r < 0) fail_msg("%s: no row %s", jue_table_label(t), row);
    int c = jue_table_find_col(tab, col);
    if (c < 0) fail_msg("%s: no column %s", jue_table_label(t), col);
    return jue_table_cell_c(tab, (size_t)r, (size_t)c);
}

/* A printed value ("51,318.21", NULL for blank) at a line (0: any). */
static void expect_cell(const jue_disclosure *d, jue_table_id t, const char *row, jue_side side,
                        const char *col, const char *printed, int line)
{
    const jue_cell *c = cell_of(d, t, row, side, col);
    if (!printed) {
        if (c->present) fail_msg("%s %s %s: expected blank", jue_table_label(t), row, col);
        return;
    }
    jue_amount a;
    assert_int_equal(jue_amount_parse(printed, strlen(printed), JUE_UNIT_WAN, &a, NULL), JUE_OK);
    if (!c->present || c->printed != a.value || c->decimals != a.decimals)
        fail_msg("%s %s %s: expected %s, got present=%d %lld (%d decimals)", jue_table_label(t), row, col,
                 printed, c->present, (long long)c->printed, c->decimals);
    if (line && c->src_line != line)
        fail_msg("%s %s %s: expected line %d, got %d", jue_table_label(t), row, col, line, c->src_line);
}

/* Every table of a found in b with the same columns, rows (key, side, name,
 * level, total, 行次), printed values, emptiness and note; locations aside
 * (they differ by format). */
static void same_tables(const jue_disclosure *a, const jue_disclosure *b, const char *what)
{
    for (int t = 0; t < JUE_NTABLES; t++) {
        const jue_table *x = a->tables[t], *y = b->tables[t];
        const char *lb = jue_table_label((jue_table_id)t);
        if (!x) {
            if (y) fail_msg("%s: %s found only in the second reading", what, lb);
            continue;
        }
        if (!y) fail_msg("%s: %s not recognised", what, lb);
        assert_int_equal(x->ncols, y->ncols);
        for (size_t k = 0; k < x->ncols; k++) assert_string_equal(x->cols[k].key, y->cols[k].key);
        if (x->nrows != y->nrows) fail_msg("%s: %s: %zu rows vs %zu", what, lb, x->nrows, y->nrows);
        for (size_t r = 0; r < x->nrows; r++) {
            const jue_row *rx = &x->rows[r];
            int yi = jue_table_find_row(y, rx->key, rx->side);
            if (yi < 0) fail_msg("%s: %s row %s missing", what, lb, rx->key);
            const jue_row *ry = &y->rows[yi];
            assert_string_equal(rx->name, ry->name);
            assert_int_equal(rx->level, ry->level);
            assert_int_equal(rx->is_total, ry->is_total);
            assert_int_equal(rx->line_no, ry->line_no);
            assert_true(ry->src_line > 0);
            for (size_t k = 0; k < x->ncols; k++) {
                const jue_cell *cx = jue_table_cell_c(x, r, k), *cy = jue_table_cell_c(y, (size_t)yi, k);
                if (cx->present != cy->present ||
                    (cx->present && (cx->printed != cy->printed || cx->decimals != cy->decimals)))
                    fail_msg("%s: %s %s %s: %d/%lld vs %d/%lld", what, lb, rx->key, x->cols[k].key, cx->present,
                             (long long)cx->printed, cy->present, (long long)cy->printed);
            }
        }
        assert_int_equal(x->empty, y->empty);
        if (x->note || y->note) {
            if (!x->note || !y->note) fail_msg("%s: %s note on one side only", what, lb);
            assert_string_equal(x->note, y->note);
        }
    }
    if (a->department || b->department) assert_string_equal(a->department, b->department);
    assert_int_equal(a->year, b->year);
}

/* The first row of the grid whose first cell is text. */
static const jue_grow *row_starting(const jue_idoc *doc, const char *text)
{
    for (size_t g = 0; g < doc->n; g++)
        for (size_t i = 0; i < doc->grids[g].n; i++)
            if (!strcmp(jue_grow_text(&doc->grids[g].rows[i], 0), text)) return &doc->grids[g].rows[i];
    fail_msg("no row starting with %s", text);
    return NULL;
}

static void expect_row(const jue_grow *r, int line, const char *const *cells, const bool *copies, size_t n)
{
    if (line) assert_int_equal(r->line, line);
    if (r->n != n) fail_msg("row at %d: %zu cells, expected %zu", r->line, r->n, n);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(r->cells[i].text, cells[i]);
        assert_int_equal(r->cells[i].col, (int)i);
        if (copies) assert_int_equal(r->cells[i].copy, copies[i]);
    }
}

#define ROW(r, line, ...)                                                                     \
    do {                                                                                      \
        static const char *const cells_[] = { __VA_ARGS__ };                                  \
        expect_row((r), (line), cells_, NULL, sizeof cells_ / sizeof cells_[0]);               \
    } while (0)

/* ---- the county fixtures as HTML ---- */

static void liling_values(const jue_disclosure *d, int l01, int l02, int l09)
{
    const jue_side I = JUE_SIDE_INCOME, E = JUE_SIDE_EXPEND, N = JUE_SIDE_NONE;
    for (int t = 0; t < JUE_NTABLES; t++)
        if (!d->tables[t]) fail_msg("%s not recognised", jue_table_label((jue_table_id)t));
    assert_int_equal(d->year, 2022);
    assert_string_equal(d->department, "醴陵市医疗保障局");
    expect_cell(d, JUE_T01, JUE_L_INC_GENERAL, I, "决算数", "51,318.21", l01);
    expect_cell(d, JUE_T01, "210", E, "决算数", "51,262.28", 0);
    expect_cell(d, JUE_T01, JUE_L_EXP_GRAND, E, "决算数", "51,448.55", 0);
    expect_cell(d, JUE_T02, "210", N, "本年收入合计", "51,262.29", l02);
    expect_cell(d, JUE_T02, "2101202", N, "财政拨款收入", "46,423.31", 0);
    expect_cell(d, JUE_T03, JUE_L_TOTAL, N, "基本支出", "593.27", 0);
    expect_cell(d, JUE_T04, "229", E, "政府性基金预算财政拨款", "129.29", 0);
    expect_cell(d, JUE_T05, "2101501", N, "基本支出", "503.69", 0);
    expect_cell(d, JUE_T06, "30217", N, "决算数", "2.62", 0);
    expect_cell(d, JUE_T06, JUE_L6_PUBLIC, N, "决算数", "78.49", 0);
    expect_cell(d, JUE_T07, "2296013", N, "项目支出", "129.29", 0);
    assert_true(d->tables[JUE_T08]->empty);
    assert_non_null(d->tables[JUE_T08]->note);
    assert_non_null(strstr(d->tables[JUE_T08]->note, "故本表无数据"));
    expect_cell(d, JUE_T09, JUE_L9_TOTAL, N, "预算数", "6.00", l09);
    expect_cell(d, JUE_T09, JUE_L9_RECEPTION, N, "决算数", "2.62", l09);
    expect_cell(d, JUE_T09, JUE_L9_CAR, N, "决算数", NULL, 0);
}

static void test_html_liling(void **state)
{
    (void)state;
    const char *f = "liling-2022.html";
    imported r = read_own(JUE_IN_HTML, f);
    if (r.dg.errors) print_diags(&r.dg);
    assert_int_equal(r.dg.errors, 0);
    assert_string_equal(r.doc->title, "醴陵市医疗保障局2022年度部门决算");
    assert_int_equal(r.doc->n, 1);
    assert_true(r.doc->grids[0].merges);
    /* the merged heading of 01: one text over three columns, copies marked */
    const jue_grow *h = row_starting(r.doc, "收入");
    static const char *const hc[] = { "收入", "收入", "收入", "支出", "支出", "支出" };
    static const bool hk[] = { false, true, true, false, true, true };
    expect_row(h, line_with(f, "<th colspan=\"3\">收入</th>", 1), hc, hk, 6);
    /* a prose line is one cell at its source line */
    ROW(row_starting(r.doc, "金额单位：万元"), line_with(f, "<p>金额单位：万元</p>", 1), "金额单位：万元");
    liling_values(r.d, line_with(f, "51,318.21", 1), line_with(f, "<td>210</td><td>卫生健康支出</td>", 1),
                  line_with(f, "<td>6.00</td>", 1));
    /* the same tables as the text door reads from the original */
    jue_diags dg;
    jue_diags_init(&dg);
    jue_disclosure *txt = read_text_fixture("liling-medical-security-2022.txt", &dg);
    same_tables(txt, r.d, "liling html vs text");
    jue_disclosure_free(txt);
    jue_diags_free(&dg);
    done(&r);
}

static void test_html_zhenan(void **state)
{
    (void)state;
    imported r = read_own(JUE_IN_HTML, "zhenan-2023.html");
    assert_int_equal(r.dg.errors, 0);
    assert_null(r.d->tables[JUE_T08]);   /* not printed in the original either */
    const jue_side I = JUE_SIDE_INCOME, N = JUE_SIDE_NONE;
    expect_cell(r.d, JUE_T01, JUE_L_INC_GENERAL, I, "决算数", "526.04",
                line_with("zhenan-2023.html", "<td>一、一般公共预算财政拨款收入</td><td>1</td><td>526.04", 1));
    expect_cell(r.d, JUE_T02, "2101501", N, "财政拨款收入", "137.7", 0);
    expect_cell(r.d, JUE_T06, JUE_L6_PUBLIC, N, "决算数", "6.27", 0);
    expect_cell(r.d, JUE_T09, "会议费", N, "决算数", "1.10", 0);
    jue_diags dg;
    jue_diags_init(&dg);
    jue_disclosure *txt = read_text_fixture("zhenan-medical-security-2023.txt", &dg);
    same_tables(txt, r.d, "zhenan html vs text");
    jue_disclosure_free(txt);
    jue_diags_free(&dg);
    done(&r);
}

/* The same page in GBK, declared as gb2312 in a <meta http-equiv>. */
static void test_html_gbk(void **state)
{
    (void)state;
    imported u = read_own(JUE_IN_HTML, "liling-2022-gbk.html");
    assert_int_equal(u.dg.len, 0);
    imported v = read_own(JUE_IN_HTML, "liling-2022.html");
    same_tables(v.d, u.d, "liling gbk vs utf-8");
    assert_string_equal(u.doc->title, v.doc->title);
    done(&u);
    done(&v);
    /* GBK bytes with no declaration: read as GB18030, with a warning */
    const char *gbk = "<p>\xB1\xE0\xD6\xC6\xB5\xA5\xCE\xBB\xA3\xBA\xC4\xB3\xCF\xD8\xD2\xBD\xC1\xC6\xB1\xA3\xD5\xCF"
                      "\xBE\xD6</p><p>\xBD\xF0\xB6\xEE\xB5\xA5\xCE\xBB\xA3\xBA\xCD\xF2\xD4\xAA</p>";
    jue_diags dg;
    jue_diags_init(&dg);
    jue_idoc *doc = jue_idoc_new("gbk.html", JUE_IN_HTML);
    assert_int_equal(jue_html_read(gbk, strlen(gbk), doc, &dg), JUE_OK);
    assert_int_equal(dg.len, 1);
    assert_int_equal(dg.items[0].severity, JUE_SEV_WARNING);
    assert_non_null(strstr(dg.items[0].message, "GB18030"));
    assert_int_equal(doc->grids[0].n, 2);
    ROW(&doc->grids[0].rows[0], 1, "编制单位：某县医疗保障局");
    ROW(&doc->grids[0].rows[1], 1, "金额单位：万元");
    jue_idoc_free(doc);
    jue_diags_free(&dg);
}

/* ---- the county fixtures as DOCX (converted by LibreOffice) ---- */

static void test_docx_liling(void **state)
{
    (void)state;
    imported r = read_own(JUE_IN_DOCX, "liling-2022.docx");
    if (r.dg.errors) print_diags(&r.dg);
    assert_int_equal(r.dg.errors, 0);
    assert_string_equal(r.doc->title, "醴陵市医疗保障局2022年度部门决算");
    const jue_grid *g = &r.doc->grids[0];
    assert_true(g->merges);
    for (size_t i = 1; i < g->n; i++) assert_true(g->rows[i].line > g->rows[i - 1].line);
    /* gridSpan: the heading of 01 over three grid columns */
    const jue_grow *h = row_starting(r.doc, "收入");
    static const char *const hc[] = { "收入", "收入", "收入", "支出", "支出", "支出" };
    static const bool hk[] = { false, true, true, false, true, true };
    expect_row(h, 51, hc, hk, 6);
    ROW(row_starting(r.doc, "一、一般公共预算财政拨款收入"), 54, "一、一般公共预算财政拨款收入", "1", "51,318.21",
        "一、一般公共服务支出", "32", "");
    liling_values(r.d, 54, 0, 0);
    jue_diags dg;
    jue_diags_init(&dg);
    jue_disclosure *txt = read_text_fixture("liling-medical-security-2022.txt", &dg);
    same_tables(txt, r.d, "liling docx vs text");
    jue_disclosure_free(txt);
    jue_diags_free(&dg);
    done(&r);
}

static void test_docx_zhenan(void **state)
{
    (void)state;
    imported r = read_own(JUE_IN_DOCX, "zhenan-2023.docx");
    assert_int_equal(r.dg.errors, 0);
    jue_diags dg;
    jue_diags_init(&dg);
    jue_disclosure *txt = read_text_fixture("zhenan-medical-security-2023.txt", &dg);
    same_tables(txt, r.d, "zhenan docx vs text");
    jue_disclosure_free(txt);
    jue_diags_free(&dg);
    done(&r);
}

/* The demo page (official layout: headings merged across and down) and its
 * DOCX conversion (w:gridSpan and w:vMerge) read to the same tables. */
static void test_county_docx_vs_html(void **state)
{
    (void)state;
    imported h = read_own(JUE_IN_HTML, "county-2024.html");
    imported x = read_own(JUE_IN_DOCX, "county-2024.docx");
    assert_int_equal(h.dg.errors, 0);
    assert_int_equal(x.dg.errors, 0);
    for (int t = 0; t < JUE_NTABLES; t++) assert_non_null(h.d->tables[t]);
    same_tables(h.d, x.d, "county html vs docx");
    /* 02's heading: 项目 merged over two columns and down three rows */
    const jue_grow *r = row_starting(x.doc, "功能分类科目编码");
    assert_true(r->cells[0].copy == false);
    bool vcopy = false;
    for (size_t g = 0; g < x.doc->n; g++)
        for (size_t i = 0; i < x.doc->grids[g].n; i++) {
            const jue_grow *w = &x.doc->grids[g].rows[i];
            for (size_t c = 0; c < w->n && !vcopy; c++)
                vcopy = w->cells[c].copy && !strcmp(w->cells[c].text, "本年收入合计");
        }
    assert_true(vcopy);   /* a w:vMerge continuation under 本年收入合计 */
    done(&h);
    done(&x);
}

/* ---- round trip: compile → HTML → import ---- */

static void test_html_round_trip(void **state)
{
    (void)state;
    char dir[4096];
    path_of(dir, sizeof dir, "JUE_SRCDIR", ".", "examples/county-medical-security-2024");
    jue_diags dg;
    jue_diags_init(&dg);
    jue_source *src = NULL;
    assert_int_equal(jue_source_load(dir, g_cat, &src, &dg), JUE_OK);
    jue_disclosure *comp = NULL;
    assert_int_equal(jue_compile(src, g_cat, g_prof, &comp, NULL, &dg), JUE_OK);
    jue_buf html;
    jue_buf_init(&html);
    assert_int_equal(jue_render_html(comp, &html), JUE_OK);
    imported r = read_buf(JUE_IN_HTML, jue_buf_str(&html), html.len, "round-trip.html");
    if (r.dg.errors) print_diags(&r.dg);
    assert_int_equal(r.dg.errors, 0);
    const jue_disclosure *imp = r.d;
    for (int t = 0; t < JUE_NTABLES; t++) {
        const jue_table *x = comp->tables[t], *y = imp->tables[t];
        const char *lb = jue_table_label((jue_table_id)t);
        if (!x) continue;
        if (!y) fail_msg("%s not imported", lb);
        assert_int_equal(x->ncols, y->ncols);
        for (size_t k = 0; k < x->ncols; k++) assert_string_equal(x->cols[k].key, y->cols[k].key);
        if (x->nrows != y->nrows) fail_msg("%s: %zu rows compiled, %zu imported", lb, x->nrows, y->nrows);
        for (size_t i = 0; i < x->nrows; i++) {
            const jue_row *rx = &x->rows[i];
            int yi = jue_table_find_row(y, rx->key, rx->side);
            if (yi < 0) fail_msg("%s: row %s not imported", lb, rx->key);
            const jue_row *ry = &y->rows[yi];
            assert_string_equal(rx->name, ry->name);
            assert_int_equal(rx->level, ry->level);
            assert_int_equal(rx->is_total, ry->is_total);
            assert_int_equal(rx->line_no, ry->line_no);
            assert_true(ry->src_line > 0);
            for (size_t k = 0; k < x->ncols; k++) {
                /* 04's income pane prints one figure, the 合计 */
                if (t == JUE_T04 && rx->side == JUE_SIDE_INCOME && strcmp(x->cols[k].key, "合计") != 0) continue;
                const jue_cell *cx = jue_table_cell_c(x, i, k), *cy = jue_table_cell_c(y, (size_t)yi, k);
                if (cx->present != cy->present ||
                    (cx->present && (cx->printed != cy->printed || cy->decimals != 2)))
                    fail_msg("%s %s %s: compiled %d/%lld, imported %d/%lld", lb, rx->key, x->cols[k].key,
                             cx->present, (long long)cx->printed, cy->present, (long long)cy->printed);
                if (cy->present) {
                    assert_int_equal(cx->iv.lo, cy->iv.lo);
                    assert_int_equal(cx->iv.hi, cy->iv.hi);
                }
            }
        }
        assert_int_equal(x->empty, y->empty);
        if (x->note) {
            assert_non_null(y->note);
            assert_string_equal(x->note, y->note);
        }
    }
    assert_string_equal(imp->department, comp->department);
    assert_int_equal(imp->year, comp->year);
    /* a location is the line of the <tr> in the page */
    const char *page = jue_buf_str(&html);
    const char *hit = strstr(page, "id=\"T01-inc-一般公共预算财政拨款收入-决算数\"");
    assert_non_null(hit);
    int line = 1;
    for (const char *p = page; p < hit; p++) line += *p == '\n';
    int ri = jue_table_find_row(imp->tables[JUE_T01], JUE_L_INC_GENERAL, JUE_SIDE_INCOME);
    assert_true(ri >= 0);
    assert_int_equal(imp->tables[JUE_T01]->rows[ri].src_line, line);
    done(&r);
    jue_buf_free(&html);
    jue_disclosure_free(comp);
    jue_source_free(src);
    jue_diags_free(&dg);
}

/* ---- structures, on small inputs ---- */

static jue_idoc *html_grid(const char *s, jue_diags *dg)
{
    jue_idoc *doc = jue_idoc_new("t.html", JUE_IN_HTML);
    jue_status st = jue_html_read(s, strlen(s), doc, dg);
    if (st) { print_diags(dg); fail_msg("html: %s", jue_status_str(st)); }
    assert_int_equal(doc->n, 1);
    return doc;
}

static void test_html_structures(void **state)
{
    (void)state;
    jue_diags dg;
    jue_diags_init(&dg);
    const char *s =
        "<html><head><title>T</title><style>p{}</style><script>var x = '<p>no</p>';</script></head>\n"
        "<body><p>第一段 \t 续<span>接</span></p>\n"                                   /* 2 */
        "<div class=\"meta\"><span>编制单位：某局</span><span>金额单位：万元</span></div>\n" /* 3 */
        "<p>部门：某局&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;单位：万元<br>\n第二行 a&nbsp;b</p>\n" /* 4, 5 */
        "<table><caption>表题</caption>\n"                                               /* 6 */
        "<tfoot><tr><td>脚</td></tr></tfoot>\n"                                          /* 7 */
        "<thead><tr><th colspan=\"2\">项目</th><th rowspan=\"2\">合计</th><th colspan=\"2\">本年</th></tr>\n" /* 8 */
        "<tr><th>编码</th><th>名称</th><th>基本</th><th>项目</th></tr></thead>\n"            /* 9 */
        "<tbody><tr><td rowspan=\"0\">210</td><td>卫生<br>健康</td><td>3.00</td><td>1.00</td><td>2.00</td></tr>\n" /* 10 */
        "<tr><td>x</td><td></td><td></td><td></td></tr></tbody>\n"                     /* 11 */
        "<tr><td><table><tr><td>内</td><td>表</td></tr></table><p>后</p></td></tr>\n"  /* 12 */
        "</table>\n"
        "<pre>a\tb\nc</pre>\n"                                                          /* 14, 15 */
        "<ul><li>一</li><li>二</li></ul></body></html>\n";                              /* 16 */
    jue_idoc *doc = html_grid(s, &dg);
    assert_int_equal(dg.len, 0);
    assert_string_equal(doc->title, "T");
    const jue_grid *g = &doc->grids[0];
    size_t i = 0;
    ROW(&g->rows[i++], 2, "第一段 续接");
    ROW(&g->rows[i++], 3, "编制单位：某局", "金额单位：万元");
    ROW(&g->rows[i++], 4, "部门：某局", "单位：万元");
    ROW(&g->rows[i++], 4, "第二行 a\xC2\xA0" "b");
    ROW(&g->rows[i++], 6, "表题");
    static const char *const h1[] = { "项目", "项目", "合计", "本年", "本年" };
    static const bool k1[] = { false, true, false, false, true };
    expect_row(&g->rows[i++], 8, h1, k1, 5);
    static const char *const h2[] = { "编码", "名称", "合计", "基本", "项目" };
    static const bool k2[] = { false, false, true, false, false };
    expect_row(&g->rows[i++], 9, h2, k2, 5);
    ROW(&g->rows[i++], 10, "210", "卫生 健康", "3.00", "1.00", "2.00");
    /* rowspan="0": to the end of its row group */
    static const char *const b2[] = { "210", "x", "", "", "" };
    static const bool k3[] = { true, false, false, false, false };
    expect_row(&g->rows[i++], 11, b2, k3, 5);
    /* a cell holding a table: its content as rows of their own, the
     * row of nothing else dropped */
    ROW(&g->rows[i++], 12, "内", "表");
    ROW(&g->rows[i++], 12, "后");
    ROW(&g->rows[i++], 7, "脚");   /* <tfoot> comes last */
    ROW(&g->rows[i++], 14, "a", "b");
    ROW(&g->rows[i++], 15, "c");
    ROW(&g->rows[i++], 16, "一");
    ROW(&g->rows[i++], 16, "二");
    assert_int_equal(g->n, i);
    jue_idoc_free(doc);
    jue_diags_free(&dg);
}

/* A DOCX from a document.xml (and optionally a docProps/core.xml). */
static char *make_docx(const char *body, const char *core, size_t *len)
{
    char path[] = "/tmp/jue-docx-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    int err;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    assert_non_null(z);
    jue_buf b;
    jue_buf_init(&b);
    jue_buf_printf(&b,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                   "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                   "<w:body>%s</w:body></w:document>",
                   body);
    zip_source_t *s = zip_source_buffer(z, jue_buf_str(&b), b.len, 0);
    assert_true(zip_file_add(z, "word/document.xml", s, ZIP_FL_OVERWRITE) >= 0);
    if (core) {
        zip_source_t *c = zip_source_buffer(z, core, strlen(core), 0);
        assert_true(zip_file_add(z, "docProps/core.xml", c, ZIP_FL_OVERWRITE) >= 0);
    }
    assert_int_equal(zip_close(z), 0);
    jue_buf_free(&b);
    char *data;
    assert_int_equal(jue_read_file(path, &data, len), JUE_OK);
    remove(path);
    return data;
}

#define P(t) "<w:p><w:r><w:t xml:space=\"preserve\">" t "</w:t></w:r></w:p>"
#define TC(pr, t) "<w:tc><w:tcPr>" pr "</w:tcPr>" P(t) "</w:tc>"

static void test_docx_structures(void **state)
{
    (void)state;
    const char *body =
        P("标题")                                                                           /* 1 */
        "<w:p><w:r><w:t>编制单位：某局</w:t></w:r><w:r><w:tab/><w:tab/><w:t>金额单位：万元</w:t></w:r></w:p>" /* 2 */
        "<w:p><w:r><w:tab/><w:t>缩进</w:t><w:br/><w:t>次行</w:t></w:r>"                     /* 3, 4 */
        "<w:del><w:r><w:delText>删</w:delText></w:r></w:del><w:ins><w:r><w:t>增</w:t></w:r></w:ins>"
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>7</w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
        "<w:p/>"                                                                             /* 5 */
        "<w:tbl>"
        "<w:tr>" TC("<w:gridSpan w:val=\"2\"/>", "项目") TC("<w:vMerge w:val=\"restart\"/>", "合计") "</w:tr>" /* 6 */
        "<w:tr>" TC("", "编码") TC("", "名称") TC("<w:vMerge/>", "") "</w:tr>"               /* 7 */
        "<w:tr>" TC("", "210") "<w:tc><w:p><w:r><w:t>卫生</w:t></w:r></w:p><w:p><w:r><w:t>健康</w:t><w:tab/>"
        "<w:t>支出</w:t></w:r></w:p></w:tc>" TC("", "3.00") "</w:tr>"                        /* 8 */
        "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>" TC("", "a") TC("<w:hMerge w:val=\"continue\"/>", "")
        "</w:tr>"                                                                            /* 9 */
        "</w:tbl>"
        /* a layout table around a title and a table */
        "<w:tbl><w:tr><w:tc>" P("内标题") "<w:tbl><w:tr>" TC("", "x") TC("", "y") "</w:tr></w:tbl></w:tc></w:tr></w:tbl>"
        P("完");
    const char *core = "<?xml version=\"1.0\"?><cp:coreProperties "
                       "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
                       "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>某局2024年度部门决算</dc:title>"
                       "</cp:coreProperties>";
    size_t len;
    char *data = make_docx(body, core, &len);
    jue_diags dg;
    jue_diags_init(&dg);
    jue_idoc *doc = jue_idoc_new("t.docx", JUE_IN_DOCX);
    assert_int_equal(jue_docx_read(data, len, doc, &dg), JUE_OK);
    print_diags(&dg);
    assert_int_equal(dg.len, 0);
    assert_string_equal(doc->title, "某局2024年度部门决算");
    const jue_grid *g = &doc->grids[0];
    size_t i = 0;
    ROW(&g->rows[i++], 1, "标题");
    ROW(&g->rows[i++], 2, "编制单位：某局", "", "金额单位：万元");
    ROW(&g->rows[i++], 3, "缩进");
    ROW(&g->rows[i++], 4, "次行增7");
    static const char *const h1[] = { "项目", "项目", "合计" };
    static const bool k1[] = { false, true, false };
    expect_row(&g->rows[i++], 6, h1, k1, 3);
    static const char *const h2[] = { "编码", "名称", "合计" };
    static const bool k2[] = { false, false, true };
    expect_row(&g->rows[i++], 7, h2, k2, 3);
    ROW(&g->rows[i++], 8, "210", "卫生 健康 支出", "3.00");
    static const char *const h4[] = { "", "a", "a" };
    static const bool k4[] = { false, false, true };
    expect_row(&g->rows[i++], 9, h4, k4, 3);
    /* the layout row is dropped; its content follows as rows */
    ROW(&g->rows[i++], 11, "内标题");
    ROW(&g->rows[i++], 12, "x", "y");
    ROW(&g->rows[i++], 13, "完");
    assert_int_equal(g->n, i);
    jue_idoc_free(doc);
    jue_diags_free(&dg);
    free(data);
}

/* ---- bad input: a clear diagnostic naming the file, never a crash ---- */

static void expect_refused(jue_input_kind k, const char *data, size_t len, const char *name, const char *words)
{
    jue_diags dg;
    jue_diags_init(&dg);
    jue_idoc *doc = jue_idoc_new(name, k);
    assert_int_equal(door(k, data, len, doc, &dg), JUE_ERR_INVALID);
    assert_true(dg.errors > 0);
    assert_string_equal(dg.items[0].file, name);
    bool said = false;
    for (size_t i = 0; i < dg.len; i++) said |= strstr(dg.items[i].message, words) != NULL;
    if (!said) { print_diags(&dg); fail_msg("%s: no diagnostic saying '%s'", name, words); }
    jue_idoc_free(doc);
    jue_diags_free(&dg);
}

static void test_bad_input(void **state)
{
    (void)state;
    expect_refused(JUE_IN_DOCX, "hello", 5, "a.docx", "不是Word文件（.docx）");
    expect_refused(JUE_IN_DOCX, "", 0, "empty.docx", "不是Word文件");
    size_t len;
    char *bad = make_docx("<w:p><w:r><w:t>unclosed</w:r></w:p>", NULL, &len);
    expect_refused(JUE_IN_DOCX, bad, len, "bad.docx", "不是格式正确的XML");
    free(bad);
    /* a workbook given as a Word document: say what it is */
    char path[] = "/tmp/jue-xlsx-XXXXXX";
    int fd = mkstemp(path);
    close(fd);
    int err;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    zip_file_add(z, "xl/workbook.xml", zip_source_buffer(z, "<workbook/>", 11, 0), 0);
    zip_close(z);
    char *xl;
    assert_int_equal(jue_read_file(path, &xl, &len), JUE_OK);
    remove(path);
    expect_refused(JUE_IN_DOCX, xl, len, "book.docx", "这是XLSX工作簿");
    free(xl);
    expect_refused(JUE_IN_HTML, "", 0, "empty.html", "是空的");
    expect_refused(JUE_IN_HTML, "PK\x03\x04\0\0\0binary", 13, "zip.html", "NUL字节");
    /* tag soup is read as a browser would, not refused */
    jue_diags dg;
    jue_diags_init(&dg);
    const char *soup = "<table><tr><td>a<td colspan=999999>b<tr><td rowspan=-3>c</table></p></div><p>d";
    jue_idoc *doc = html_grid(soup, &dg);
    assert_true(doc->grids[0].n >= 3);
    jue_idoc_free(doc);
    jue_diags_free(&dg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_html_liling),
        cmocka_unit_test(test_html_zhenan),
        cmocka_unit_test(test_html_gbk),
        cmocka_unit_test(test_docx_liling),
        cmocka_unit_test(test_docx_zhenan),
        cmocka_unit_test(test_county_docx_vs_html),
        cmocka_unit_test(test_html_round_trip),
        cmocka_unit_test(test_html_structures),
        cmocka_unit_test(test_docx_structures),
        cmocka_unit_test(test_bad_input),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
