/* The complete document as a Word file: the package's parts, well-formed
 * XML with the structures Word needs (merged header cells, repeated header
 * rows, landscape sections, the TOC field, page numbers), reproducible
 * bytes, and — the strongest check — the file read back through the DOCX
 * door gives every printed figure of the nine tables exactly, and audits
 * with no finding. LibreOffice is not needed here (CI has none). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "roundtrip.h"

#include <juesuan/claims_audit.h>
#include <juesuan/compile.h>
#include <juesuan/document.h>
#include <juesuan/perf.h>
#include <juesuan/import.h>
#include <juesuan/rules.h>

#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

static jue_catalog *CAT;
static jue_profile *PROF;
static jue_source *SRC;
static jue_disclosure *DISC;
static jue_document *DOC;
static char DIR_[64];
static char PATH[128];

static int setup(void **state)
{
    (void)state;
    if (rt_load_example(&CAT, &PROF, &SRC, &DISC, &DOC)) return -1;
    snprintf(DIR_, sizeof DIR_, "/tmp/jue-docx-XXXXXX");
    if (!mkdtemp(DIR_)) return -1;
    snprintf(PATH, sizeof PATH, "%s/document.docx", DIR_);
    return jue_render_document_docx(DOC, PATH) == JUE_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    remove(PATH);
    rmdir(DIR_);
    rt_free_example(CAT, PROF, SRC, DISC, DOC);
    return 0;
}

/* A part of the package as a NUL-terminated string (NULL when missing). */
static char *read_part(const char *path, const char *name, size_t *len)
{
    int err = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &err);
    if (!z) return NULL;
    zip_stat_t st;
    char *buf = NULL;
    if (zip_stat(z, name, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE)) {
        zip_file_t *f = zip_fopen(z, name, 0);
        buf = f ? malloc((size_t)st.size + 1) : NULL;
        if (buf && zip_fread(f, buf, st.size) == (zip_int64_t)st.size) {
            buf[st.size] = '\0';
            if (len) *len = (size_t)st.size;
        } else {
            free(buf);
            buf = NULL;
        }
        if (f) zip_fclose(f);
    }
    zip_close(z);
    return buf;
}

static bool well_formed(const char *xml, size_t len)
{
    xmlDocPtr d = xmlReadMemory(xml, (int)len, "part.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (d) xmlFreeDoc(d);
    return d != NULL;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle)) n++;
    return n;
}

static void test_package_parts(void **state)
{
    (void)state;
    static const char *const PARTS[] = {
        "[Content_Types].xml", "_rels/.rels",        "word/document.xml", "word/_rels/document.xml.rels",
        "word/styles.xml",     "word/settings.xml",  "word/fontTable.xml", "word/footer1.xml",
        "docProps/core.xml",   "docProps/app.xml",
    };
    for (size_t i = 0; i < sizeof PARTS / sizeof PARTS[0]; i++) {
        size_t len = 0;
        char *x = read_part(PATH, PARTS[i], &len);
        if (!x) fail_msg("%s missing", PARTS[i]);
        if (!well_formed(x, len)) fail_msg("%s is not well-formed", PARTS[i]);
        free(x);
    }
    char *styles = read_part(PATH, "word/styles.xml", NULL);
    assert_non_null(styles);
    /* the built-in names make Word's navigation pane and TOC work */
    assert_non_null(strstr(styles, "<w:name w:val=\"heading 1\"/>"));
    assert_non_null(strstr(styles, "<w:name w:val=\"heading 3\"/>"));
    assert_non_null(strstr(styles, "<w:outlineLvl w:val=\"2\"/>"));
    assert_non_null(strstr(styles, "w:eastAsia=\"SimSun\""));
    assert_non_null(strstr(styles, "w:firstLineChars=\"200\""));
    assert_non_null(strstr(styles, "<w:insideV w:val=\"single\""));
    free(styles);
    char *core = read_part(PATH, "docProps/core.xml", NULL);
    assert_non_null(core);
    assert_non_null(strstr(core, "青溪县医疗保障局2024年度部门决算"));
    assert_non_null(strstr(core, "2025-01-01T00:00:00Z"));
    free(core);
    char *footer = read_part(PATH, "word/footer1.xml", NULL);
    assert_non_null(footer);
    assert_non_null(strstr(footer, "w:instr=\" PAGE \""));
    free(footer);
}

static void test_document_xml(void **state)
{
    (void)state;
    char *x = read_part(PATH, "word/document.xml", NULL);
    assert_non_null(x);
    assert_non_null(strstr(x, "青溪县医疗保障局2024年度部门决算"));
    for (int t = 0; t < JUE_NTABLES; t++) {
        const char *title = DISC->tables[t]->title ? DISC->tables[t]->title : jue_table_title((jue_table_id)t);
        if (!strstr(x, title)) fail_msg("title of T%02d missing: %s", t + 1, title);
        if (!strstr(x, jue_table_label((jue_table_id)t))) fail_msg("label %s missing", jue_table_label((jue_table_id)t));
    }
    assert_non_null(strstr(x, "23,746.01"));
    assert_non_null(strstr(x, "编制单位：青溪县医疗保障局"));
    assert_non_null(strstr(x, "金额单位：万元"));
    /* merged header cells and header rows repeated across pages */
    assert_true(count(x, "<w:gridSpan w:val=") > 20);
    assert_true(count(x, "<w:vMerge w:val=\"restart\"/>") > 10);
    assert_true(count(x, "<w:vMerge/>") > 10);
    assert_true(count(x, "<w:tblHeader/>") > 20);
    /* a code column's header breaks between its words, not inside 科目 */
    assert_true(count(x, "功能分类</w:t><w:br/><w:t xml:space=\"preserve\">科目编码") >= 5);
    assert_non_null(strstr(x, "经济分类</w:t><w:br/><w:t xml:space=\"preserve\">科目编码"));
    /* the nine forms, and every chart as a captioned table */
    size_t charts = 0;
    for (size_t i = 0; i < DOC->n; i++)
        if (DOC->blocks[i].kind == JUE_BLK_CHART) {
            charts++;
            if (!strstr(x, DOC->blocks[i].chart->title)) fail_msg("chart %s missing", DOC->blocks[i].chart->title);
        }
    assert_true(charts >= 2);
    /* the nine tables, a small table per chart, and the 绩效自评表 of 第五部分 */
    size_t forms = 0;
    for (size_t i = 0; i < DOC->n; i++) forms += DOC->blocks[i].kind == JUE_BLK_FORM;
    assert_true(forms >= 2);
    assert_int_equal(count(x, "<w:tbl>"), 9 + charts + forms);
    assert_non_null(strstr(x, "项目支出绩效自评表"));
    assert_non_null(strstr(x, "<w:vMerge w:val=\"restart\"/>"));
    /* wide forms in landscape sections, prose back in portrait */
    assert_true(count(x, "w:orient=\"landscape\"") >= 2);
    assert_true(count(x, "<w:sectPr>") >= 4);
    /* the contents: Word's TOC field, filled in with links to the parts */
    assert_non_null(strstr(x, "TOC \\o &quot;1-2&quot;"));
    assert_null(strstr(x, "右键更新域以生成目录"));
    assert_non_null(strstr(x, "<w:hyperlink w:anchor=\"T05\""));
    assert_non_null(strstr(x, "<w:pStyle w:val=\"Heading1\"/>"));
    assert_non_null(strstr(x, "<w:pStyle w:val=\"Heading3\"/>"));
    /* a bar is a shaded run; a donut's shares add to 100.00% in its 合计 row */
    assert_non_null(strstr(x, "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill="));
    assert_non_null(strstr(x, "<w:t xml:space=\"preserve\">100.00%</w:t>"));
    free(x);
}

/* Read back through the DOCX door: the nine tables with every printed
 * figure, and an audit of tables and notes without findings. */
static void test_round_trip(void **state)
{
    (void)state;
    jue_diags d;
    jue_diags_init(&d);
    jue_disclosure *back = NULL;
    assert_int_equal(jue_import_file(PATH, JUE_IN_DOCX, CAT, PROF, &back, &d), JUE_OK);
    size_t checked = 0;
    checked += rt_compare_printed(DISC, back, "DOCX");
    for (int t = 0; t < JUE_NTABLES; t++) {
        const jue_table *a = DISC->tables[t], *b = back->tables[t];
        if (!a || !b) continue;
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
    /* the 绩效自评表 and 综述 of 第五部分, read back, agree with themselves,
     * with each other and with table 03 (test_perf plants errors in them) */
    jue_findings_init(&fs);
    assert_int_equal(jue_perf_audit_file(PATH, CAT, PROF, NULL, &fs), JUE_OK);
    for (size_t i = 0; i < fs.len; i++)
        print_message("  %d %s %s\n", fs.items[i].line, fs.items[i].rule, fs.items[i].message);
    assert_int_equal(fs.len, 0);
    jue_findings_free(&fs);
    jue_rulepack_free(pack);
    jue_disclosure_free(back);
    jue_diags_free(&d);
}

static char *slurp(const char *path, size_t *len)
{
    char *data = NULL;
    return jue_read_file(path, &data, len) == JUE_OK ? data : NULL;
}

/* The same document gives the same bytes: fixed dates, fixed order. */
static void test_reproducible(void **state)
{
    (void)state;
    char again[160];
    snprintf(again, sizeof again, "%s/again.docx", DIR_);
    assert_int_equal(jue_render_document_docx(DOC, again), JUE_OK);
    size_t n1, n2;
    char *a = slurp(PATH, &n1), *b = slurp(again, &n2);
    assert_non_null(a);
    assert_non_null(b);
    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, n1);
    free(a);
    free(b);
    remove(again);
}

static void test_unwritable(void **state)
{
    (void)state;
    assert_int_equal(jue_render_document_docx(DOC, "/nonexistent-dir-jue/x.docx"), JUE_ERR_IO);
    /* a directory where the file should be */
    assert_int_equal(jue_render_document_docx(DOC, DIR_), JUE_ERR_IO);
    struct stat sb;
    assert_int_equal(stat(DIR_, &sb), 0);
    assert_true(S_ISDIR(sb.st_mode));
}

/* Text Word cannot take as it is — markup characters, control characters,
 * invalid UTF-8, U+FFFF — and odd blocks (no cover, an empty chart, a
 * table the disclosure lacks, headings beyond level 3) still give a
 * well-formed document. */
static void test_hostile_text(void **state)
{
    (void)state;
    jue_document *doc = calloc(1, sizeof *doc);
    assert_non_null(doc);
    doc->d = DISC;
    doc->title = strdup("a <b> & \"c\"");
    doc->cap = 8;
    doc->blocks = calloc(doc->cap, sizeof *doc->blocks);
    assert_non_null(doc->blocks);
    jue_block *b = doc->blocks;
    b[0] = (jue_block){ .kind = JUE_BLK_HEADING, .level = 7, .text = strdup("x<y>&z \x01\x1f"), .anchor = strdup("1-bad id!") };
    b[1] = (jue_block){ .kind = JUE_BLK_PARA, .text = strdup("bad \xff\xfe utf8 \xef\xbf\xbf and ]]> \"q\"\nline\ttab") };
    b[2] = (jue_block){ .kind = JUE_BLK_TABLE, .table = JUE_T09 };
    jue_chart *ch = calloc(1, sizeof *ch);
    assert_non_null(ch);
    ch->kind = JUE_CHART_DONUT;
    ch->title = strdup("empty & <chart>");
    ch->values = calloc(1, sizeof *ch->values);
    b[3] = (jue_block){ .kind = JUE_BLK_CHART, .chart = ch };
    b[4] = (jue_block){ .kind = JUE_BLK_TABLE, .table = (jue_table_id)42 };
    b[5] = (jue_block){ .kind = JUE_BLK_PAGEBREAK };
    b[6] = (jue_block){ .kind = JUE_BLK_PARA, .text = strdup("") };
    doc->n = 7;
    char path[160];
    snprintf(path, sizeof path, "%s/hostile.docx", DIR_);
    assert_int_equal(jue_render_document_docx(doc, path), JUE_OK);
    size_t len;
    char *x = read_part(path, "word/document.xml", &len);
    assert_non_null(x);
    assert_true(well_formed(x, len));
    assert_non_null(strstr(x, "x&lt;y&gt;&amp;z"));
    assert_non_null(strstr(x, "w:name=\"a1_bad_id_\""));
    assert_null(strstr(x, "\xef\xbf\xbf"));
    free(x);
    x = read_part(path, "docProps/core.xml", &len);
    assert_non_null(x);
    assert_true(well_formed(x, len));
    free(x);
    remove(path);
    /* the chart's arrays belong to the document */
    ch->ngroups = 0;
    jue_document_free(doc);
}


/* A donut of three equal parts: the shares are rounded together, so they
 * print as 33.34% + 33.33% + 33.33% = 100.00%, never 99.99%. */
static void test_chart_shares(void **state)
{
    (void)state;
    jue_document *doc = calloc(1, sizeof *doc);
    assert_non_null(doc);
    doc->d = DISC;
    doc->title = strdup("shares");
    doc->cap = doc->n = 1;
    doc->blocks = calloc(1, sizeof *doc->blocks);
    jue_chart *ch = calloc(1, sizeof *ch);
    assert_non_null(doc->blocks);
    assert_non_null(ch);
    ch->kind = JUE_CHART_DONUT;
    ch->title = strdup("thirds");
    ch->ngroups = 3;
    ch->nseries = 1;
    ch->group_labels = calloc(3, sizeof *ch->group_labels);
    ch->series_labels = calloc(1, sizeof *ch->series_labels);
    ch->values = calloc(3, sizeof *ch->values);
    assert_non_null(ch->values);
    for (int i = 0; i < 3; i++) {
        ch->group_labels[i] = strdup(i == 0 ? "a" : i == 1 ? "b" : "c");
        ch->values[i] = 1000000;
    }
    ch->series_labels[0] = strdup("决算数");
    doc->blocks[0] = (jue_block){ .kind = JUE_BLK_CHART, .chart = ch };
    char path[160];
    snprintf(path, sizeof path, "%s/shares.docx", DIR_);
    assert_int_equal(jue_render_document_docx(doc, path), JUE_OK);
    char *x = read_part(path, "word/document.xml", NULL);
    assert_non_null(x);
    assert_int_equal(count(x, ">33.34%<"), 1);
    assert_int_equal(count(x, ">33.33%<"), 2);
    assert_int_equal(count(x, ">100.00%<"), 1);
    assert_int_equal(count(x, ">3.00<"), 1);
    free(x);
    remove(path);
    jue_document_free(doc);
}

/* A 自评表's title keeps with the first rows of its grid and no further:
 * kept rows as long as a page made LibreOffice leave the title alone at
 * the foot of a page with the form on the next. */
static void test_form_title_kept(void **state)
{
    (void)state;
    char *x = read_part(PATH, "word/document.xml", NULL);
    assert_non_null(x);
    const char *t = strstr(x, "部门整体支出绩效自评表");
    assert_non_null(t);
    const char *p = t;
    while (p > x && strncmp(p, "<w:p>", 5) != 0) p--;
    assert_non_null(strstr(p, "<w:pStyle w:val=\"TableTitle\"/>"));
    assert_true(strstr(p, "<w:pStyle w:val=\"TableTitle\"/>") < t);
    const char *tbl = strstr(t, "<w:tbl>"), *end = strstr(t, "</w:tbl>");
    assert_non_null(tbl);
    size_t rows = 0;
    for (const char *r = strstr(tbl, "<w:tr>"); r && r < end; r = strstr(r + 1, "<w:tr>"), rows++) {
        const char *next = strstr(r + 1, "<w:tr>");
        if (!next || next > end) next = end;
        size_t on = 0, off = 0;
        for (const char *k = strstr(r, "<w:keepNext"); k && k < next; k = strstr(k + 1, "<w:keepNext"))
            strncmp(k, "<w:keepNext/>", 13) == 0 ? on++ : off++;
        if (rows < 2 && (on == 0 || off)) fail_msg("row %zu of the form not kept with its title", rows);
        if (rows >= 2 && (on || off == 0)) fail_msg("row %zu of the form kept with the next", rows);
    }
    assert_true(rows > 10);
    free(x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_package_parts), cmocka_unit_test(test_document_xml),
        cmocka_unit_test(test_round_trip),    cmocka_unit_test(test_reproducible),
        cmocka_unit_test(test_unwritable),    cmocka_unit_test(test_hostile_text),
        cmocka_unit_test(test_chart_shares),  cmocka_unit_test(test_form_title_kept),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
