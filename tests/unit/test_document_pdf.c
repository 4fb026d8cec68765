/* The complete document as a PDF, checked through poppler's text layer: a
 * sane number of A4 pages, the cover title, every table title and label,
 * figures as the tables print them, the page numbers in the footers and the
 * contents, table headers repeated on continuation pages, embedded fonts,
 * the same bytes on every run, JUE_ERR_IO for a path that cannot be written,
 * and the file read back through the PDF door: every table figure exactly,
 * and an audit without findings. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "roundtrip.h"

#include <juesuan/claims_audit.h>
#include <juesuan/compile.h>
#include <juesuan/document.h>
#include <juesuan/import.h>
#include <juesuan/rules.h>

#include <math.h>
#include <poppler.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static jue_catalog *CAT;
static jue_profile *PROF;
static jue_source *SRC;
static jue_disclosure *DISC;
static jue_document *DOC;
static char DIR_[64];
static char PATH[128];
static PopplerDocument *PDF;
static char **PAGE;   /* text of each page, whitespace removed */
static int NPAGES;

static char *slurp(const char *path, size_t *len)
{
    char *data = NULL;
    return jue_read_file(path, &data, len) == JUE_OK ? data : NULL;
}

/* The text without blanks: pdftotext-like extraction puts spaces between
 * CJK glyphs or not depending on their gaps, the checks should not care. */
static char *squeeze(const char *s)
{
    size_t n = strlen(s), k = 0;
    char *o = malloc(n + 1);
    if (!o) return NULL;
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\n' && s[i] != '\t' && s[i] != '\r') o[k++] = s[i];
    o[k] = '\0';
    return o;
}

static bool has(const char *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (!memcmp(hay + i, needle, k)) return true;
    return false;
}

static int setup(void **state)
{
    (void)state;
    if (rt_load_example(&CAT, &PROF, &SRC, &DISC, &DOC)) return -1;
    snprintf(DIR_, sizeof DIR_, "/tmp/jue-pdfdoc-XXXXXX");
    if (!mkdtemp(DIR_)) return -1;
    snprintf(PATH, sizeof PATH, "%s/document.pdf", DIR_);
    if (jue_render_document_pdf(DOC, PATH) != JUE_OK) return -1;
    size_t len;
    char *data = slurp(PATH, &len);
    if (!data) return -1;
    GBytes *bytes = g_bytes_new_take(data, len);
    PDF = poppler_document_new_from_bytes(bytes, NULL, NULL);
    g_bytes_unref(bytes);
    if (!PDF) return -1;
    NPAGES = poppler_document_get_n_pages(PDF);
    PAGE = calloc((size_t)NPAGES + 1, sizeof *PAGE);
    if (!PAGE) return -1;
    for (int i = 0; i < NPAGES; i++) {
        PopplerPage *pg = poppler_document_get_page(PDF, i);
        char *t = pg ? poppler_page_get_text(pg) : NULL;
        PAGE[i] = squeeze(t ? t : "");
        g_free(t);
        if (pg) g_object_unref(pg);
        if (!PAGE[i]) return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    for (int i = 0; PAGE && i < NPAGES; i++) free(PAGE[i]);
    free(PAGE);
    if (PDF) g_object_unref(PDF);
    remove(PATH);
    rmdir(DIR_);
    rt_free_example(CAT, PROF, SRC, DISC, DOC);
    return 0;
}

/* The first page (0-based) whose text holds s, from `from`; -1 if none. */
static int find_page(const char *s, int from)
{
    for (int i = from < 0 ? 0 : from; i < NPAGES; i++)
        if (strstr(PAGE[i], s)) return i;
    return -1;
}

static void test_pages(void **state)
{
    (void)state;
    /* cover, contents, 概况, nine tables (some over two pages), notes, glossary */
    assert_true(NPAGES >= 18 && NPAGES <= 60);
    bool landscape = false;
    for (int i = 0; i < NPAGES; i++) {
        PopplerPage *pg = poppler_document_get_page(PDF, i);
        assert_non_null(pg);
        double w, h;
        poppler_page_get_size(pg, &w, &h);
        g_object_unref(pg);
        /* A4 either way round */
        bool portrait = w > 594 && w < 597 && h > 840 && h < 843;
        bool wide = h > 594 && h < 597 && w > 840 && w < 843;
        if (!portrait && !wide) fail_msg("page %d is %.1f x %.1f", i + 1, w, h);
        landscape |= wide;
    }
    assert_true(landscape);
    char *title = poppler_document_get_title(PDF);
    assert_non_null(title);
    assert_string_equal(title, "青溪县医疗保障局2024年度部门决算");
    g_free(title);
    /* the fixed date makes the file reproducible */
    assert_int_equal(poppler_document_get_creation_date(PDF), 1735689600);   /* 2025-01-01T00:00:00Z */
}

static void test_text(void **state)
{
    (void)state;
    /* the cover: the title on two lines, no page number */
    assert_non_null(strstr(PAGE[0], "青溪县医疗保障局2024年度部门决算"));
    assert_null(strstr(PAGE[0], "第1页"));
    for (int t = 0; t < JUE_NTABLES; t++) {
        const jue_table *tab = DISC->tables[t];
        const char *title = tab->title ? tab->title : jue_table_title((jue_table_id)t);
        int p = find_page(jue_table_label((jue_table_id)t), 2);
        if (p < 0) fail_msg("label %s missing", jue_table_label((jue_table_id)t));
        if (!strstr(PAGE[p], title)) fail_msg("title of T%02d not on its page: %s", t + 1, title);
        if (!strstr(PAGE[p], "编制单位：青溪县医疗保障局") || !strstr(PAGE[p], "金额单位：万元"))
            fail_msg("T%02d without its 编制单位/金额单位 line", t + 1);
    }
    /* figures as the tables print them (grouped) and as the notes say them */
    int p05 = find_page("公开05表", 2);
    assert_true(p05 >= 0);
    assert_non_null(strstr(PAGE[p05], "23,746.01"));
    assert_true(find_page("一般公共预算财政拨款支出23746.01万元", p05) > p05);
    /* every page but the cover has its number */
    for (int i = 1; i < NPAGES; i++) {
        char num[32];
        snprintf(num, sizeof num, "第%d页", i + 1);
        if (!strstr(PAGE[i], num)) fail_msg("page %d has no number", i + 1);
    }
    /* charts: titles, legends and shares */
    assert_true(find_page("收入支出决算总计变动情况（万元）", 2) > 0);
    assert_true(find_page("2023年", 2) > 0);
    int pc = find_page("支出决算结构", 2);
    assert_true(pc > 0);
    assert_non_null(strstr(PAGE[pc], "基本支出"));
    assert_non_null(strstr(PAGE[pc], "%"));
}

/* The contents give the page each part and table starts on. */
static void test_contents(void **state)
{
    (void)state;
    assert_non_null(strstr(PAGE[1], "目录"));
    const char *const WANT[] = { "第四部分名词解释", "五、一般公共预算财政拨款支出决算表" };
    for (size_t k = 0; k < sizeof WANT / sizeof WANT[0]; k++) {
        int toc = find_page(WANT[k], 1);
        assert_true(toc >= 1 && toc <= 3);
        /* the number right after the entry (leader dots are drawn, not text) */
        const char *e = strstr(PAGE[toc], WANT[k]) + strlen(WANT[k]);
        int page = atoi(e);
        assert_true(page > toc + 1 && page <= NPAGES);
        if (!strstr(PAGE[page - 1], k ? "一般公共预算财政拨款支出决算表" : "第四部分名词解释"))
            fail_msg("contents say %s is on page %d", WANT[k], page);
    }
}

/* A table longer than a page goes on with its header rows repeated. */
static void test_repeated_header(void **state)
{
    (void)state;
    int cont = 0;
    for (int i = 1; i < NPAGES; i++) {
        if (!strstr(PAGE[i], "续表")) continue;
        /* a 绩效自评表 (a form of 第五部分) goes on under 续表 too, without
         * the public tables' header */
        if (strstr(PAGE[i - 1], "绩效自评表") && !strstr(PAGE[i - 1], "公开0")) continue;
        cont++;
        /* the previous page held the start of the same table, or more of it */
        assert_true(strstr(PAGE[i - 1], "公开0") || strstr(PAGE[i - 1], "续表"));
        assert_non_null(strstr(PAGE[i], "栏次") ? PAGE[i] : strstr(PAGE[i], "科目名称"));
    }
    assert_true(cont >= 1);
    /* 03 (支出决算表) is long: its continuation repeats 基本支出/项目支出 */
    int p03 = find_page("公开03表", 2);
    assert_true(p03 > 0 && p03 + 1 < NPAGES);
    assert_non_null(strstr(PAGE[p03 + 1], "续表"));
    assert_non_null(strstr(PAGE[p03 + 1], "科目名称"));
    assert_non_null(strstr(PAGE[p03 + 1], "基本支出"));
    assert_non_null(strstr(PAGE[p03 + 1], "项目支出"));
}

/* 06 as the national form prints it: on one page, the 人员经费合计 and
 * 公用经费合计 on its last line, under every 款. */
static void test_t06_one_page(void **state)
{
    (void)state;
    int p = find_page("公开06表", 2);
    assert_true(p > 0 && p + 1 < NPAGES);
    const char *first = strstr(PAGE[p], "30101"), *pers = strstr(PAGE[p], "人员经费合计");
    assert_non_null(first);
    assert_non_null(pers);
    assert_true(pers > first);
    assert_non_null(strstr(PAGE[p], "39999"));
    assert_true(strstr(PAGE[p], "公用经费合计") > strstr(PAGE[p], "39999"));
    assert_null(strstr(PAGE[p + 1], "续表"));
}

static void test_fonts_and_bytes(void **state)
{
    (void)state;
    size_t len1, len2;
    char *a = slurp(PATH, &len1);
    assert_non_null(a);
    /* fonts embedded as subsets (FontFile3 = CFF, the Noto CJK outlines) */
    assert_true(has(a, len1, "NotoSerifCJK"));
    assert_true(has(a, len1, "NotoSansCJK"));
    assert_true(has(a, len1, "/FontFile3"));
    /* two faces only, 宋体 regular and 黑体 bold: each face more is a subset
     * of its own, and every glyph in it again */
    assert_true(has(a, len1, "NotoSerifCJKsc-Regular"));
    assert_true(has(a, len1, "NotoSansCJKsc-Bold"));
    assert_false(has(a, len1, "NotoSerifCJKsc-Bold"));
    assert_false(has(a, len1, "NotoSansCJKsc-Regular"));
    /* each face subset by harfbuzz before cairo embeds it (src/pdf/faces.c):
     * cairo's own subset kept every subroutine of the serif face, 747 KB */
    assert_true(len1 < 400000);
    char again[160];
    snprintf(again, sizeof again, "%s/again.pdf", DIR_);
    assert_int_equal(jue_render_document_pdf(DOC, again), JUE_OK);
    char *b = slurp(again, &len2);
    assert_non_null(b);
    assert_int_equal(len1, len2);
    assert_memory_equal(a, b, len1);
    free(a);
    free(b);
    remove(again);
}

/* The notes are justified as printed Chinese is: a full line reaches the
 * right margin, the extra width goes between characters, and a number keeps
 * its digits together ("23865.52", not "2 3 8 6 5 . 5 2"). Checked on the
 * glyph boxes of the sentence "2024年度本年支出合计23865.52万元". */
/* The glyphs of a page without blanks, with their boxes, and where sent starts
 * among them (n when it is not there). */
typedef struct {
    char *text;
    PopplerRectangle *r;
    const char **ch;
    PopplerRectangle *box;
    size_t n, at;
} glyphs;

static void glyphs_find(PopplerPage *pg, const char *sent, glyphs *g)
{
    guint nr = 0;
    g->text = poppler_page_get_text(pg);
    g->r = NULL;
    assert_true(poppler_page_get_text_layout(pg, &g->r, &nr));
    size_t cap = strlen(g->text) + 1;
    g->ch = calloc(cap, sizeof *g->ch);
    g->box = calloc(cap, sizeof *g->box);
    assert_true(g->ch && g->box);
    g->n = 0;
    guint i = 0;
    for (const char *q = g->text; *q && i < nr; q = g_utf8_next_char(q), i++)
        if (!g_unichar_isspace(g_utf8_get_char(q))) { g->ch[g->n] = q; g->box[g->n++] = g->r[i]; }
    for (g->at = 0; g->at < g->n; g->at++) {
        size_t k = 0;
        const char *s = sent;
        while (*s && g->at + k < g->n && !strncmp(g->ch[g->at + k], s, (size_t)(g_utf8_next_char(s) - s)))
            s = g_utf8_next_char(s), k++;
        if (!*s) break;
    }
}

static void glyphs_free(glyphs *g)
{
    free(g->ch);
    free(g->box);
    g_free(g->r);
    g_free(g->text);
}

/* the gap after glyph k of the sentence found */
static double glyph_gap(const glyphs *g, size_t k)
{
    return g->box[g->at + k + 1].x1 - g->box[g->at + k].x2;
}

static void test_justified_notes(void **state)
{
    (void)state;
    static const char SENT[] = "2024年度本年支出合计23865.52万元";
    int pi = find_page(SENT, 0);
    assert_true(pi > 0);
    PopplerPage *pg = poppler_document_get_page(PDF, pi);
    glyphs g;
    glyphs_find(pg, SENT, &g);
    assert_true(g.at < g.n);
    /* 2024 and 23865.52: each glyph follows the one before without a gap */
    size_t digits[] = { 0, 1, 2, 12, 13, 14, 15, 16, 17, 18 };
    for (size_t d = 0; d < sizeof digits / sizeof digits[0]; d++) {
        double gap = glyph_gap(&g, digits[d]);
        if (gap > 0.3) fail_msg("gap of %.2f pt inside a number (glyph %zu)", gap, digits[d]);
    }
    /* a code column's header wraps between its words: 功能分类 / 科目编码 */
    int breaks = 0;
    for (int k = 0; k < NPAGES; k++) {
        PopplerPage *q = poppler_document_get_page(PDF, k);
        char *s = poppler_page_get_text(q);
        if (strstr(s, "分类科\n")) fail_msg("page %d breaks 科目: %.60s", k + 1, strstr(s, "分类科\n"));
        breaks += strstr(s, "功能分类\n科目编码") != NULL;
        g_free(s);
        g_object_unref(q);
    }
    assert_true(breaks >= 5);
    /* the Chinese characters take the extra width */
    assert_true(glyph_gap(&g, 4) > 0.3);
    /* the line reaches the right margin (25 mm) */
    double right = 0;
    for (size_t k = g.at; k < g.n && fabs(g.box[k].y1 - g.box[g.at].y1) < 1; k++) right = g.box[k].x2;
    double w, h;
    poppler_page_get_size(pg, &w, &h);
    if (fabs(right - (w - 25 * 72 / 25.4)) > 1.5) fail_msg("the line ends at %.1f of %.1f", right, w);
    glyphs_free(&g);
    g_object_unref(pg);
}

/* A figure gets its extra blank beside a Chinese character only: before
 * punctuation ("0.39%；") the gap is a plain one, as between two characters. */
static void test_justified_punctuation(void **state)
{
    (void)state;
    static const char SENT[] = "占0.39%；卫生健康";
    int pi = find_page(SENT, 0);
    assert_true(pi > 0);
    PopplerPage *pg = poppler_document_get_page(PDF, pi);
    glyphs g;
    glyphs_find(pg, SENT, &g);
    assert_true(g.at < g.n);
    double punct = glyph_gap(&g, 5), han = glyph_gap(&g, 7), boundary = glyph_gap(&g, 0);
    if (fabs(punct - han) > 0.2) fail_msg("%%；gap %.2f pt, 卫生 gap %.2f pt", punct, han);
    assert_true(boundary > han + 0.5);   /* 占 | 0.39 does get it */
    glyphs_free(&g);
    g_object_unref(pg);
}

static void test_errors(void **state)
{
    (void)state;
    assert_int_equal(jue_render_document_pdf(DOC, "/nonexistent-dir-jue/x.pdf"), JUE_ERR_IO);
    assert_int_equal(jue_render_document_pdf(DOC, DIR_), JUE_ERR_IO);
    /* a document of odd pieces: no blocks, bad UTF-8, an empty chart */
    jue_document *doc = calloc(1, sizeof *doc);
    assert_non_null(doc);
    doc->d = DISC;
    char path[160];
    snprintf(path, sizeof path, "%s/odd.pdf", DIR_);
    assert_int_equal(jue_render_document_pdf(doc, path), JUE_OK);
    doc->blocks = calloc(4, sizeof *doc->blocks);
    assert_non_null(doc->blocks);
    doc->n = doc->cap = 4;
    doc->blocks[0] = (jue_block){ .kind = JUE_BLK_HEADING, .level = 2, .text = strdup("\xff\xfe bad") };
    doc->blocks[1] = (jue_block){ .kind = JUE_BLK_PARA, .text = strdup("a\x01" "b\xc3") };
    doc->blocks[2] = (jue_block){ .kind = JUE_BLK_CHART, .chart = calloc(1, sizeof(jue_chart)) };
    doc->blocks[3] = (jue_block){ .kind = JUE_BLK_TOC };
    assert_non_null(doc->blocks[2].chart);
    doc->blocks[2].chart->kind = JUE_CHART_DONUT;
    doc->blocks[2].chart->values = calloc(1, sizeof(jue_fen));
    assert_int_equal(jue_render_document_pdf(doc, path), JUE_OK);
    remove(path);
    jue_document_free(doc);
}

/* Read back through the PDF door: every printed figure of the nine tables
 * exactly as compiled, each table's emptiness, the notes' claims, no
 * diagnostic from the door, and an audit of tables and notes without a
 * finding — as the HTML and Word documents do. */
static void test_round_trip(void **state)
{
    (void)state;
    jue_diags d;
    jue_diags_init(&d);
    jue_disclosure *back = NULL;
    assert_int_equal(jue_import_file(PATH, JUE_IN_PDF, CAT, PROF, &back, &d), JUE_OK);
    for (size_t i = 0; i < d.len; i++) print_message("  %d: %s\n", d.items[i].line, d.items[i].message);
    assert_int_equal(d.len, 0);
    size_t checked = 0;
    checked += rt_compare_printed(DISC, back, "PDF");
    for (int t = 0; t < JUE_NTABLES; t++) {
        const jue_table *a = DISC->tables[t], *b = back->tables[t];
        if (!a || !b) continue;
        /* no figure read where none is printed */
        for (size_t r = 0; r < b->nrows; r++) {
            int ra = jue_table_find_row(a, b->rows[r].key, b->rows[r].side);
            for (size_t c = 0; c < b->ncols; c++) {
                const jue_cell *y = jue_table_cell_c(b, r, c);
                if (!y->present) continue;
                int ca = jue_table_find_col(a, b->cols[c].key);
                const jue_cell *x = ra >= 0 && ca >= 0 ? jue_table_cell_c(a, (size_t)ra, (size_t)ca) : NULL;
                if (!x || !x->present)
                    fail_msg("T%02d %s/%s read as %lld, not printed", t + 1, b->rows[r].key, b->cols[c].key,
                             (long long)y->printed);
            }
        }
        if (a->empty != b->empty) fail_msg("T%02d empty %d vs %d", t + 1, a->empty, b->empty);
    }
    assert_true(checked > 100);
    assert_true(back->claims.len > 80);
    jue_rulepack *pack;
    assert_int_equal(jue_rules_load_profile(NULL, &pack, &d), JUE_OK);
    jue_findings fs;
    jue_findings_init(&fs);
    assert_int_equal(jue_audit(back, CAT, pack, &fs), JUE_OK);
    assert_int_equal(jue_claims_audit(back, CAT, NULL, &fs), JUE_OK);
    for (size_t i = 0; i < fs.len; i++)
        print_message("  %d %s %s\n", fs.items[i].line, fs.items[i].rule, fs.items[i].message);
    assert_int_equal(jue_findings_count(&fs, JUE_SEV_ERROR), 0);
    assert_int_equal(jue_findings_count(&fs, JUE_SEV_WARNING), 0);
    jue_findings_free(&fs);
    jue_rulepack_free(pack);
    jue_disclosure_free(back);
    jue_diags_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pages),
        cmocka_unit_test(test_t06_one_page),
        cmocka_unit_test(test_text),
        cmocka_unit_test(test_contents),
        cmocka_unit_test(test_repeated_header),
        cmocka_unit_test(test_fonts_and_bytes),
        cmocka_unit_test(test_justified_notes),
        cmocka_unit_test(test_justified_punctuation),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_round_trip),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
