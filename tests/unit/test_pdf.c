/* The PDF door on the real Shanghai disclosures, read as they are: table
 * rows come out as grid rows with the printed cells (blank columns kept
 * blank) and their pages; the recognizer then finds the tables with their
 * values. Also: every Shanghai PDF reads without error, and broken input
 * gives a diagnostic and JUE_ERR_INVALID, never a crash. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <juesuan/catalog.h>
#include <juesuan/import.h>
#include <juesuan/profile.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/doors/doors.h"

#include <pango/pangocairo.h>
#include <cairo-pdf.h>
#include <unistd.h>

static jue_catalog *g_cat;
static jue_profile *g_prof;

static void shared_path(char *buf, size_t n, const char *rel)
{
    const char *s = getenv("JUE_SHARED");
    snprintf(buf, n, "%s/%s", s ? s : "../shared", rel);
}

static int group_setup(void **state)
{
    (void)state;
    jue_diags dg;
    jue_diags_init(&dg);
    int bad = jue_catalog_load(NULL, &g_cat, &dg) != JUE_OK || jue_profile_load(NULL, &g_prof, &dg) != JUE_OK;
    jue_diags_free(&dg);
    return bad;
}

static int group_teardown(void **state)
{
    (void)state;
    jue_catalog_free(g_cat);
    jue_profile_free(g_prof);
    return 0;
}

static jue_idoc *read_pdf(const char *rel, jue_diags *dg, jue_status *st)
{
    char path[4096];
    shared_path(path, sizeof path, rel);
    char *data = NULL;
    size_t len = 0;
    if (jue_read_file(path, &data, &len) != JUE_OK) fail_msg("cannot read %s (set JUE_SHARED)", path);
    jue_idoc *doc = jue_idoc_new(path, JUE_IN_PDF);
    assert_non_null(doc);
    *st = jue_pdf_read(data, len, doc, dg);
    free(data);
    return doc;
}

/* The row whose non-blank cells, joined with '|', are want; its page. */
static const jue_grow *find_row(const jue_idoc *doc, const char *want, int page)
{
    char buf[2048];
    for (size_t g = 0; g < doc->n; g++)
        for (size_t i = 0; i < doc->grids[g].n; i++) {
            const jue_grow *r = &doc->grids[g].rows[i];
            size_t k = 0;
            buf[0] = '\0';
            for (size_t c = 0; c < r->n; c++) {
                if (!r->cells[c].text[0]) continue;
                k += (size_t)snprintf(buf + k, sizeof buf - (k < sizeof buf ? k : sizeof buf), "%s%s", k ? "|" : "",
                                      r->cells[c].text);
                if (k >= sizeof buf) break;
            }
            if (!strcmp(buf, want) && (page == 0 || r->page == page)) return r;
        }
    fail_msg("no row \"%s\" on page %d", want, page);
    return NULL;
}

static void expect_cell(const jue_disclosure *d, jue_table_id t, const char *row, jue_side side, const char *col,
                        const char *printed)
{
    const jue_table *tab = d->tables[t];
    if (!tab) fail_msg("%s missing", jue_table_label(t));
    int r = jue_table_find_row(tab, row, side);
    if (r < 0) fail_msg("%s: no row %s", jue_table_label(t), row);
    int c = jue_table_find_col(tab, col);
    if (c < 0) fail_msg("%s: no column %s", jue_table_label(t), col);
    const jue_cell *cell = jue_table_cell_c(tab, (size_t)r, (size_t)c);
    if (!printed) {
        if (cell->present) fail_msg("%s %s %s: expected blank", jue_table_label(t), row, col);
        return;
    }
    jue_amount a;
    assert_int_equal(jue_amount_parse(printed, strlen(printed), JUE_UNIT_WAN, &a, NULL), JUE_OK);
    if (!cell->present || cell->printed != a.value)
        fail_msg("%s %s %s: expected %s, got present=%d %lld", jue_table_label(t), row, col, printed, cell->present,
                 (long long)cell->printed);
}

/* Grid rows of the finance bureau's tables, cell by cell. */
static void test_finance_bureau_grid(void **state)
{
    (void)state;
    jue_diags dg;
    jue_diags_init(&dg);
    jue_status st;
    jue_idoc *doc = read_pdf("fixtures/real/shanghai-putuo-2024/finance-bureau.pdf", &dg, &st);
    assert_int_equal(st, JUE_OK);
    assert_int_equal(doc->n, 1);
    /* 收入支出决算总表 (page 6): two panes on one row */
    find_row(doc, "收入支出决算总表", 6);
    const jue_grow *r = find_row(doc, "一、一般公共预算财政拨款收入|2,940.05|一、一般公共服务支出|2,106.66", 6);
    find_row(doc, "八、其他收入|6.20|八、社会保障和就业支出|326.71", 6);
    find_row(doc, "本年收入合计|2,946.25|本年支出合计|2,940.05", 6);
    find_row(doc, "总计|2,995.39|总计|2,995.39", 7);
    /* the income pane is blank on the expenditure-only lines: the figure
     * stays in the expenditure's column */
    const jue_grow *r9 = find_row(doc, "九、卫生健康支出|60.99", 6);
    assert_string_equal(jue_grow_text(r9, 0), "");
    assert_true(r9->n >= 3);
    /* lines count up through the document */
    assert_true(r->line > 0 && r9->line > r->line);

    /* 一般公共预算财政拨款支出决算表 (page 15): split codes, a blank 基本支出 */
    const jue_grow *a = find_row(doc, "201|06|01|行政运行|1,511.89|1,503.52|8.37", 15);
    const jue_grow *b = find_row(doc, "201|06|02|一般行政管理事务|10.00|10.00", 15);
    assert_int_equal(a->n, b->n);
    size_t n = a->n;
    assert_string_equal(jue_grow_text(b, (int)n - 1), "10.00");
    assert_string_equal(jue_grow_text(b, (int)n - 2), "");
    assert_string_equal(jue_grow_text(b, (int)n - 3), "10.00");
    find_row(doc, "208|05|05|机关事业单位基本养老保险缴费支出|160.75|160.75", 15);
    find_row(doc, "合计|2,940.05|2,336.91|603.14", 15);
    /* 收入决算表 (page 8): a name printed in two lines around its figures */
    find_row(doc, "208|05|05|机关事业单位基本养老保险缴费支出|160.75|160.75", 8);
    /* 支出决算表 (page 10): 基本/项目支出 printed higher than the row's other cells */
    find_row(doc, "201|06|01|行政运行|1,511.89|1,503.52|8.37", 10);
    /* cells know their character column */
    assert_true(a->cells[0].pos >= 1 && a->cells[n - 1].pos > a->cells[0].pos);
    /* 收入决算表: the wrapped headings 附属单位上缴收入 and 其他收入 stay two
     * columns, and 6.20 stands under 其他收入 */
    const jue_grow *h2 = find_row(doc, "支出功能分类科目编码|项目科目名称|本年收入合计|财政拨款收入|上级补助收入|事业收入|经营收入|附属单位上缴收入|其他收入", 8);
    const jue_grow *t2 = find_row(doc, "合计|2,946.25|2,940.05|6.20", 8);
    assert_int_equal(h2->n, t2->n);
    assert_string_equal(jue_grow_text(h2, (int)h2->n - 1), "其他收入");
    assert_string_equal(jue_grow_text(t2, (int)t2->n - 1), "6.20");
    /* 财政拨款收入支出决算总表 goes on to page 13 in the columns of page 12:
     * the income pane's figure under 决算数, not under the expenditure names */
    const jue_grow *h4 = find_row(doc, "项目|决算数|项目|合计|一般公共预算财政拨款|国有资本经营政府性基金预预算算财政拨财政拨款款", 12);
    const jue_grow *r4 = find_row(doc, "本年收入合计|2,940.05|本年支出合计|2,940.05|2,940.05", 13);
    int dcol = -1;
    for (int k = 0; k < (int)h4->n; k++)
        if (!strcmp(jue_grow_text(h4, k), "决算数")) dcol = k;
    assert_string_equal(jue_grow_text(r4, dcol), "2,940.05");
    /* the contents' “三公” title: its quotes come in another embedded font
     * (box 0.26 em high where the text's is 1.9 em) and stay on their line */
    find_row(doc, "七、财政拨款“三公”经费支出决算表", 2);
    /* notes: figures in Times New Roman on FangSong lines stay in their
     * sentence, and a paragraph's wrapped lines are one row */
    find_row(doc, "本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，占99.79%；其他收入6.2万元，占0.21%；", 21);
    find_row(doc, "5、社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）。主要用于：退休人员经费支出。"
                  "年初预算为85.55万元，支出决算为84.65万元。决算数小于预算数的主要原因：预算按充分保障预估，实际执行基本贴合预期。", 22);
    jue_idoc_free(doc);
    jue_diags_free(&dg);
}

/* The recognizer on the PDF's grid. */
static void test_finance_bureau_tables(void **state)
{
    (void)state;
    jue_diags dg;
    jue_diags_init(&dg);
    jue_status st;
    jue_idoc *doc = read_pdf("fixtures/real/shanghai-putuo-2024/finance-bureau.pdf", &dg, &st);
    assert_int_equal(st, JUE_OK);
    jue_disclosure *d = jue_disclosure_new();
    assert_int_equal(jue_recognize(doc, g_cat, g_prof, NULL, d, &dg), JUE_OK);
    /* 01 */
    expect_cell(d, JUE_T01, JUE_L_INC_GENERAL, JUE_SIDE_INCOME, "决算数", "2,940.05");
    expect_cell(d, JUE_T01, JUE_L_INC_OTHER, JUE_SIDE_INCOME, "决算数", "6.20");
    expect_cell(d, JUE_T01, JUE_L_INC_GOVFUND, JUE_SIDE_INCOME, "决算数", NULL);
    expect_cell(d, JUE_T01, JUE_L_INC_TOTAL, JUE_SIDE_INCOME, "决算数", "2,946.25");
    expect_cell(d, JUE_T01, JUE_L_EXP_TOTAL, JUE_SIDE_EXPEND, "决算数", "2,940.05");
    expect_cell(d, JUE_T01, "201", JUE_SIDE_EXPEND, "决算数", "2,106.66");
    expect_cell(d, JUE_T01, "208", JUE_SIDE_EXPEND, "决算数", "326.71");
    expect_cell(d, JUE_T01, "221", JUE_SIDE_EXPEND, "决算数", "445.69");
    /* 02 */
    expect_cell(d, JUE_T02, "2010601", JUE_SIDE_NONE, "本年收入合计", "1,511.90");
    expect_cell(d, JUE_T02, "2080505", JUE_SIDE_NONE, "财政拨款收入", "160.75");
    expect_cell(d, JUE_T02, JUE_L_TOTAL, JUE_SIDE_NONE, "本年收入合计", "2,946.25");
    expect_cell(d, JUE_T02, JUE_L_TOTAL, JUE_SIDE_NONE, "其他收入", "6.20");
    expect_cell(d, JUE_T02, "2010602", JUE_SIDE_NONE, "其他收入", "6.19");
    expect_cell(d, JUE_T02, JUE_L_TOTAL, JUE_SIDE_NONE, "附属单位上缴收入", NULL);
    /* 03: the 类|款|项 heading printed in the band of the 合计 row is both
     * the last heading and the 合计 row */
    expect_cell(d, JUE_T03, JUE_L_TOTAL, JUE_SIDE_NONE, "本年支出合计", "2,940.05");
    expect_cell(d, JUE_T03, JUE_L_TOTAL, JUE_SIDE_NONE, "基本支出", "2,336.91");
    expect_cell(d, JUE_T03, JUE_L_TOTAL, JUE_SIDE_NONE, "项目支出", "603.14");
    expect_cell(d, JUE_T03, "201", JUE_SIDE_NONE, "本年支出合计", "2,106.66");
    expect_cell(d, JUE_T03, "2010602", JUE_SIDE_NONE, "基本支出", NULL);
    expect_cell(d, JUE_T03, "2010602", JUE_SIDE_NONE, "项目支出", "10.00");
    /* 04: income totals read on the continuation page; names wrapped in
     * their cells are one line each */
    expect_cell(d, JUE_T04, JUE_L_INC_TOTAL, JUE_SIDE_INCOME, "合计", "2,940.05");
    expect_cell(d, JUE_T04, JUE_L_INC_GRAND, JUE_SIDE_INCOME, "合计", "2,961.68");
    expect_cell(d, JUE_T04, JUE_L_EXP_GRAND, JUE_SIDE_EXPEND, "一般公共预算财政拨款", "2,961.68");
    expect_cell(d, JUE_T04, "208", JUE_SIDE_EXPEND, "一般公共预算财政拨款", "326.71");
    assert_true(jue_table_find_row(d->tables[JUE_T04], "207", JUE_SIDE_EXPEND) >= 0);
    assert_true(jue_table_find_row(d->tables[JUE_T04], "220", JUE_SIDE_EXPEND) >= 0);
    assert_true(jue_table_find_row(d->tables[JUE_T04], "年初-国有资本经营预算财政拨款", JUE_SIDE_INCOME) >= 0);
    assert_int_equal(jue_table_find_row(d->tables[JUE_T04], "出", JUE_SIDE_EXPEND), -1);
    /* 06 is the table, not the contents entry (it has rows) */
    expect_cell(d, JUE_T06, "30101", JUE_SIDE_PERSONNEL, "决算数", "262.33");
    /* 09: items centred over their 预算数 | 决算数 pairs */
    expect_cell(d, JUE_T09, JUE_L9_TOTAL, JUE_SIDE_NONE, "预算数", "0.95");
    expect_cell(d, JUE_T09, JUE_L9_RECEPTION, JUE_SIDE_NONE, "预算数", "0.95");
    expect_cell(d, JUE_T09, JUE_L9_ABROAD, JUE_SIDE_NONE, "预算数", NULL);
    expect_cell(d, JUE_T09, JUE_L9_TOTAL, JUE_SIDE_NONE, "决算数", NULL);
    /* 05, every column */
    expect_cell(d, JUE_T05, "2010601", JUE_SIDE_NONE, "合计", "1,511.89");
    expect_cell(d, JUE_T05, "2010601", JUE_SIDE_NONE, "基本支出", "1,503.52");
    expect_cell(d, JUE_T05, "2010601", JUE_SIDE_NONE, "项目支出", "8.37");
    expect_cell(d, JUE_T05, "2010602", JUE_SIDE_NONE, "基本支出", NULL);
    expect_cell(d, JUE_T05, "2010602", JUE_SIDE_NONE, "项目支出", "10.00");
    expect_cell(d, JUE_T05, "2080505", JUE_SIDE_NONE, "合计", "160.75");
    expect_cell(d, JUE_T05, JUE_L_TOTAL, JUE_SIDE_NONE, "合计", "2,940.05");
    expect_cell(d, JUE_T05, JUE_L_TOTAL, JUE_SIDE_NONE, "基本支出", "2,336.91");
    int r = jue_table_find_row(d->tables[JUE_T05], "2080505", JUE_SIDE_NONE);
    assert_string_equal(d->tables[JUE_T05]->rows[r].name, "机关事业单位基本养老保险缴费支出");
    assert_int_equal(d->tables[JUE_T05]->rows[r].src_page, 15);
    /* 07 is printed empty with its note */
    assert_non_null(d->tables[JUE_T07]);
    assert_true(d->tables[JUE_T07]->empty);
    jue_disclosure_free(d);
    jue_idoc_free(doc);
    jue_diags_free(&dg);
}

/* The other Shanghai PDFs (three producers: WPS, ONLYOFFICE, Word) read
 * and give the 05 table. */
static void test_other_pdfs(void **state)
{
    (void)state;
    static const char *const F[] = {
        "fixtures/real/shanghai-putuo-2024/finance-bureau-planted-errors.pdf",
        "fixtures/real/shanghai-putuo-2024/planning-resources-bureau.pdf",
        "fixtures/real/shanghai-putuo-2024/social-work-dept.pdf",
        "fixtures/real/shanghai-putuo-2024/template-2024.pdf",
    };
    for (size_t i = 0; i < sizeof F / sizeof F[0]; i++) {
        jue_diags dg;
        jue_diags_init(&dg);
        jue_status st;
        jue_idoc *doc = read_pdf(F[i], &dg, &st);
        if (st != JUE_OK) fail_msg("%s: status %d", F[i], st);
        assert_true(doc->n == 1 && doc->grids[0].n > 200);
        jue_disclosure *d = jue_disclosure_new();
        assert_int_equal(jue_recognize(doc, g_cat, g_prof, NULL, d, &dg), JUE_OK);
        if (i < 3 && !d->tables[JUE_T05]) fail_msg("%s: no table 05", F[i]);
        if (i == 1) {
            /* 09 with 因公出国 / （境）费 wrapped over two header lines */
            expect_cell(d, JUE_T09, JUE_L9_ABROAD, JUE_SIDE_NONE, "决算数", "0.00");
            expect_cell(d, JUE_T09, JUE_L9_RECEPTION, JUE_SIDE_NONE, "预算数", "2.85");
            expect_cell(d, JUE_T09, JUE_L9_RECEPTION, JUE_SIDE_NONE, "决算数", "0.39");
            expect_cell(d, JUE_T09, JUE_L9_CAR, JUE_SIDE_NONE, "决算数", "0.00");
            /* 04's fund columns under headings wrapped over three lines
             * (一般公共 / 预算财政 / 拨款) */
            expect_cell(d, JUE_T04, "208", JUE_SIDE_EXPEND, "一般公共预算财政拨款", "754.75");
            expect_cell(d, JUE_T04, "220", JUE_SIDE_EXPEND, "一般公共预算财政拨款", "4,461.67");
        }
        if (i == 2) {
            /* 02 under a heading two text lines taller than its first row */
            expect_cell(d, JUE_T02, JUE_L_TOTAL, JUE_SIDE_NONE, "本年收入合计", "307.82");
            expect_cell(d, JUE_T02, "2013999", JUE_SIDE_NONE, "财政拨款收入", "202.24");
            /* 05: a name wrapped above its code and figures belongs to its
             * own row, not the one before */
            const jue_table *t5 = d->tables[JUE_T05];
            int r5 = jue_table_find_row(t5, "2080505", JUE_SIDE_NONE);
            assert_true(r5 >= 0);
            assert_string_equal(t5->rows[r5].name, "机关事业单位基本养老保险缴费支出");
            r5 = jue_table_find_row(t5, "20805", JUE_SIDE_NONE);
            assert_true(r5 >= 0);
            assert_string_equal(t5->rows[r5].name, "行政事业单位养老支出");
        }
        /* pages are known, and rise */
        int last = 1;
        for (size_t k = 0; k < doc->grids[0].n; k++) {
            assert_true(doc->grids[0].rows[k].page >= last);
            last = doc->grids[0].rows[k].page;
        }
        jue_disclosure_free(d);
        jue_idoc_free(doc);
        jue_diags_free(&dg);
    }
}

static void test_bad_pdfs(void **state)
{
    (void)state;
    static const char *const BAD[] = {
        "", "%PDF-1.4\n", "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
        "not a pdf at all, just text", "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Length 99999999 >>\nstream\nxx",
    };
    for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
        jue_diags dg;
        jue_diags_init(&dg);
        jue_idoc *doc = jue_idoc_new("bad.pdf", JUE_IN_PDF);
        jue_status st = jue_pdf_read(BAD[i], strlen(BAD[i]), doc, &dg);
        assert_int_equal(st, JUE_ERR_INVALID);
        assert_true(dg.len >= 1 && dg.errors >= 1);
        assert_string_equal(dg.items[0].file, "bad.pdf");
        jue_idoc_free(doc);
        jue_diags_free(&dg);
    }
    /* the real file cut in half still reads or fails cleanly */
    char path[4096];
    shared_path(path, sizeof path, "fixtures/real/shanghai-putuo-2024/social-work-dept.pdf");
    char *data = NULL;
    size_t len = 0;
    assert_int_equal(jue_read_file(path, &data, &len), JUE_OK);
    jue_diags dg;
    jue_diags_init(&dg);
    jue_idoc *doc = jue_idoc_new("half.pdf", JUE_IN_PDF);
    jue_status st = jue_pdf_read(data, len / 2, doc, &dg);
    assert_true(st == JUE_OK || (st == JUE_ERR_INVALID && dg.errors >= 1));
    jue_idoc_free(doc);
    jue_diags_free(&dg);
    free(data);
}

/* Debug path: JUE_PDF_DUMP=<file> test_pdf prints the grid rows the door
 * makes (line, page, cells by column) to compare with pdftotext -layout. */
/* Each figure of a table keeps its box on the page (PDF points, origin at
 * the bottom left): about one text line high, the width of its digits, and
 * a row printed lower on the page has a lower box. */
static const float *cell_box(const jue_disclosure *d, jue_table_id t, const char *row, jue_side side, const char *col)
{
    const jue_table *tab = d->tables[t];
    int r = jue_table_find_row(tab, row, side), c = jue_table_find_col(tab, col);
    assert_true(r >= 0 && c >= 0);
    return jue_table_cell_c(tab, (size_t)r, (size_t)c)->box;
}

static void test_cell_boxes(void **state)
{
    (void)state;
    jue_diags dg;
    jue_diags_init(&dg);
    jue_status st;
    jue_idoc *doc = read_pdf("fixtures/real/shanghai-putuo-2024/finance-bureau.pdf", &dg, &st);
    assert_int_equal(st, JUE_OK);
    jue_disclosure *d = jue_disclosure_new();
    assert_int_equal(jue_recognize(doc, g_cat, g_prof, NULL, d, &dg), JUE_OK);
    const float *a = cell_box(d, JUE_T01, "201", JUE_SIDE_EXPEND, "决算数");      /* 2,106.66 */
    const float *b = cell_box(d, JUE_T01, "208", JUE_SIDE_EXPEND, "决算数");      /* 326.71, rows below */
    const float *n = cell_box(d, JUE_T01, JUE_L_INC_OTHER, JUE_SIDE_INCOME, "决算数");   /* 6.20, left pane */
    for (const float *x = a; x; x = x == a ? b : x == b ? n : NULL) {
        assert_true(x[0] > 0 && x[2] < 842 && x[1] > 0 && x[3] < 842);
        assert_true(x[3] - x[1] > 5 && x[3] - x[1] < 20);   /* one line of small print */
        assert_true(x[2] - x[0] > 5 && x[2] - x[0] < 60);
    }
    assert_true(a[2] - a[0] > b[2] - b[0]);                  /* 8 characters against 6 */
    assert_true(b[3] <= a[1] + 0.5f);                        /* lower on the page */
    assert_true(n[2] < a[0]);                                /* the income pane is to the left */
    jue_disclosure_free(d);
    jue_idoc_free(doc);
    jue_diags_free(&dg);
}

static int dump_grid(const char *path)
{
    char *data = NULL;
    size_t len = 0;
    if (jue_read_file(path, &data, &len) != JUE_OK) return 2;
    jue_diags dg;
    jue_diags_init(&dg);
    jue_idoc *doc = jue_idoc_new(path, JUE_IN_PDF);
    jue_status st = doc ? jue_pdf_read(data, len, doc, &dg) : JUE_ERR_NOMEM;
    for (size_t g = 0; doc && g < doc->n; g++)
        for (size_t i = 0; i < doc->grids[g].n; i++) {
            const jue_grow *r = &doc->grids[g].rows[i];
            printf("%d p%d", r->line, r->page);
            for (size_t c = 0; c < r->n; c++) printf(" |%s", r->cells[c].text);
            putchar('\n');
        }
    jue_idoc_free(doc);
    jue_diags_free(&dg);
    free(data);
    return st == JUE_OK ? 0 : 1;
}

/* Text drawn at (x, y) points from the page's top left, 10.4 pt (7.8 at pango's 96 dpi). */
static void draw(cairo_t *cr, double x, double y, const char *text)
{
    PangoLayout *l = pango_cairo_create_layout(cr);
    PangoFontDescription *f = pango_font_description_from_string("Noto Serif CJK SC 7.8");
    pango_layout_set_font_description(l, f);
    pango_layout_set_text(l, text, -1);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, l);
    pango_font_description_free(f);
    g_object_unref(l);
}

/* An A4 page drawn with cairo into a temporary PDF, then read by the door. */
typedef struct {
    char path[32];
    cairo_surface_t *sf;
    cairo_t *cr;
} drawn;

static cairo_t *page_new(drawn *d)
{
    snprintf(d->path, sizeof d->path, "/tmp/jue-test-pdf-XXXXXX");
    int fd = mkstemp(d->path);
    assert_true(fd >= 0);
    close(fd);
    d->sf = cairo_pdf_surface_create(d->path, 595, 842);
    d->cr = cairo_create(d->sf);
    return d->cr;
}

static jue_idoc *page_read(drawn *d)
{
    cairo_destroy(d->cr);
    cairo_surface_destroy(d->sf);
    char *data = NULL;
    size_t len = 0;
    assert_int_equal(jue_read_file(d->path, &data, &len), JUE_OK);
    unlink(d->path);
    jue_diags dg;
    jue_diags_init(&dg);
    jue_idoc *doc = jue_idoc_new("t.pdf", JUE_IN_PDF);
    assert_non_null(doc);
    assert_int_equal(jue_pdf_read(data, len, doc, &dg), JUE_OK);
    jue_diags_free(&dg);
    free(data);
    return doc;
}

/* The grid row of doc whose first filled cell is code; NULL when none. */
static const jue_grow *row_of(const jue_idoc *doc, const char *code)
{
    for (size_t g = 0; g < doc->n; g++)
        for (size_t i = 0; i < doc->grids[g].n; i++) {
            const jue_grow *r = &doc->grids[g].rows[i];
            for (size_t c = 0; c < r->n; c++) {
                if (!r->cells[c].text[0]) continue;
                if (!strcmp(r->cells[c].text, code)) return r;
                break;
            }
        }
    return NULL;
}

/* A table whose cells are centred in tall rows (the Shanghai template's 05):
 * a name of two lines around its code and figure, the code row's own name
 * blank, then a name of three lines whose middle one is on the code row.
 * The second name's first line, right under the first name, is no tail of
 * it — the first name is already centred on its row — but the head of the
 * next (the line under that row's code goes on its name too). */
static void test_names_centred_in_tall_rows(void **state)
{
    (void)state;
    drawn d;
    cairo_t *cr = page_new(&d);
    static const struct { double y; const char *code, *name, *fig; } R[] = {
        { 160, "功能分类科目编码", "科目名称", "合计" },
        { 200, "205", "教育支出", "10.00" },
        { 224.5, "20502", "普通教育", "10.00" },
        { 249, "2050205", "高等教育", "10.00" },
        { 275.7, NULL, "文化旅游体育", NULL },
        { 282.6, "207", NULL, "20.00" },
        { 289.4, NULL, "与传媒支出", NULL },
        { 303.6, NULL, "其他文化旅游", NULL },
        { 317.1, "20799", "体育与传媒支", "20.00" },
        { 330.7, NULL, "出", NULL },
        { 358.5, NULL, "合计", "30.00" },
    };
    for (size_t i = 0; i < sizeof R / sizeof R[0]; i++) {
        if (R[i].code) draw(cr, 80, R[i].y, R[i].code);
        if (R[i].name) draw(cr, 180.6, R[i].y, R[i].name);
        if (R[i].fig) draw(cr, 300, R[i].y, R[i].fig);
    }
    jue_idoc *doc = page_read(&d);
    const jue_grow *a = row_of(doc, "207"), *b = row_of(doc, "20799");
    assert_non_null(a);
    assert_non_null(b);
    assert_string_equal(jue_grow_text(a, 1), "文化旅游体育与传媒支出");
    assert_string_equal(jue_grow_text(b, 1), "其他文化旅游体育与传媒支出");
    jue_idoc_free(doc);
}

/* Whether row r has a cell of this text. */
static bool has_cell(const jue_grow *r, const char *text)
{
    for (size_t c = 0; r && c < r->n; c++)
        if (!strcmp(r->cells[c].text, text)) return true;
    return false;
}

/* Figures wrapped in narrow columns, as a word processor prints them: the
 * figure's first part above its row's line, its last digit or two under it
 * ("2,250.7" / "8"), also at the foot of a page, where a line of bare
 * digits close under the text is no page number (the page's own number,
 * clear of the text, still is). Made up, in the shape of a LibreOffice
 * copy of a county disclosure. */
static void test_figures_wrapped_in_narrow_columns(void **state)
{
    (void)state;
    drawn d;
    cairo_t *cr = page_new(&d);
    static const struct { double y; const char *code, *name, *a, *b, *c; } R[] = {
        { 160, "功能分类科目编码", "科目名称", "合计", "基本支出", "项目支出" },
        { 200, "2101301", "城乡医疗救助", "32.74", NULL, "32.74" },
        { 215, NULL, NULL, "2,250.7", NULL, "2,230.7" },
        { 222, "2101399", "其他医疗救助支出", NULL, "20.00", NULL },
        { 229, NULL, NULL, "8", NULL, "8" },
        { 250, "21015", "医疗保障管理事务", "657.50", "503.69", "153.81" },
        { 763, NULL, NULL, "2,283.5", NULL, "2,263.5" },
        { 770, "21013", "医疗救助", NULL, "20.00", NULL },
        { 777, NULL, NULL, "2", NULL, "2" },
    };
    for (size_t i = 0; i < sizeof R / sizeof R[0]; i++) {
        if (R[i].code) draw(cr, 60, R[i].y, R[i].code);
        if (R[i].name) draw(cr, 150, R[i].y, R[i].name);
        if (R[i].a) draw(cr, 330, R[i].y, R[i].a);
        if (R[i].b) draw(cr, 400, R[i].y, R[i].b);
        if (R[i].c) draw(cr, 470, R[i].y, R[i].c);
    }
    draw(cr, 294, 815, "8");   /* the page's number */
    jue_idoc *doc = page_read(&d);
    const jue_grow *a = row_of(doc, "2101399"), *b = row_of(doc, "21013"), *c = row_of(doc, "21015");
    assert_true(has_cell(a, "2,250.78") && has_cell(a, "2,230.78") && has_cell(a, "20.00"));
    assert_true(has_cell(b, "2,283.52") && has_cell(b, "2,263.52") && has_cell(b, "20.00"));
    assert_true(has_cell(c, "657.50") && has_cell(c, "153.81"));   /* a whole figure takes nothing */
    for (size_t g = 0; g < doc->n; g++)   /* the page number is dropped, and no part is left alone */
        for (size_t i = 0; i < doc->grids[g].n; i++) {
            assert_false(has_cell(&doc->grids[g].rows[i], "8"));
            assert_false(has_cell(&doc->grids[g].rows[i], "2"));
        }
    jue_idoc_free(doc);
}

int main(void)
{
    const char *dump_path = getenv("JUE_PDF_DUMP");
    if (dump_path) return dump_grid(dump_path);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_finance_bureau_grid),
        cmocka_unit_test(test_finance_bureau_tables),
        cmocka_unit_test(test_cell_boxes),
        cmocka_unit_test(test_names_centred_in_tall_rows),
        cmocka_unit_test(test_figures_wrapped_in_narrow_columns),
        cmocka_unit_test(test_other_pdfs),
        cmocka_unit_test(test_bad_pdfs),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
