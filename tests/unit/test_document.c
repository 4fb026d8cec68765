/* The complete document of the example: its parts in order, and the closing
 * of the loop — the HTML document, read back by the HTML importer, gives
 * every table figure exactly and audits (tables and notes) with no finding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "roundtrip.h"

#include <juesuan/claims_audit.h>
#include <juesuan/compile.h>
#include <juesuan/document.h>
#include <juesuan/import.h>
#include <juesuan/perf.h>
#include <juesuan/rules.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static jue_catalog *CAT;
static jue_profile *PROF;
static jue_source *SRC;
static jue_disclosure *DISC;

static int setup(void **state)
{
    (void)state;
    if (rt_load_example(&CAT, &PROF, &SRC, &DISC, NULL)) return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    rt_free_example(CAT, PROF, SRC, DISC, NULL);
    return 0;
}

static void test_parts_in_order(void **state)
{
    (void)state;
    jue_diags d;
    jue_diags_init(&d);
    jue_document *doc;
    assert_int_equal(jue_document_build(SRC, DISC, CAT, PROF, &doc, &d), JUE_OK);
    assert_int_equal(doc->blocks[0].kind, JUE_BLK_COVER);
    assert_string_equal(doc->blocks[0].text, "青溪县医疗保障局2024年度部门决算");
    const char *parts[5] = { "第一部分", "第二部分", "第三部分", "第四部分", "第五部分" };
    int part = 0, tables = 0, charts = 0, last_table = -1, glossary = 0, forms = 0;
    bool in_glossary = false;
    for (size_t i = 0; i < doc->n; i++) {
        const jue_block *b = &doc->blocks[i];
        if (b->kind == JUE_BLK_HEADING && b->level == 1) {
            assert_true(part < 5);
            assert_non_null(strstr(b->text, parts[part]));
            in_glossary = part == 3;
            part++;
        }
        if (b->kind == JUE_BLK_TABLE) {
            assert_int_equal(part, 2);              /* tables sit in 第二部分 */
            assert_true((int)b->table > last_table);  /* national order in the national profile */
            last_table = (int)b->table;
            tables++;
        }
        if (b->kind == JUE_BLK_CHART) charts++;
        if (b->kind == JUE_BLK_FORM) {
            assert_int_equal(part, 5);               /* the 自评表 sit in 第五部分 附件 */
            assert_non_null(strstr(b->form->title, "绩效自评表"));
            forms++;
        }
        if (b->kind == JUE_BLK_PARA && in_glossary) glossary++;
    }
    assert_int_equal(part, 5);
    assert_int_equal(tables, 9);
    assert_int_equal(charts, 3);
    assert_int_equal(forms, (int)SRC->perf->n);   /* 部门整体 and every project of perf.yaml */
    assert_true(glossary >= 15);
    jue_buf h;
    jue_buf_init(&h);
    assert_int_equal(jue_render_document_html(doc, &h), JUE_OK);
    const char *t = jue_buf_str(&h);
    assert_non_null(strstr(t, "<nav class=\"toc\">"));
    assert_non_null(strstr(t, "href=\"#notes-5\""));
    assert_non_null(strstr(t, "<svg"));
    for (int i = 1; i <= 9; i++) {
        char id[32];
        snprintf(id, sizeof id, "id=\"T%02d\"", i);
        assert_non_null(strstr(t, id));
    }
    jue_buf_free(&h);
    jue_document_free(doc);
    jue_diags_free(&d);
}

static void test_html_document_round_trip(void **state)
{
    (void)state;
    jue_diags d;
    jue_diags_init(&d);
    jue_document *doc;
    assert_int_equal(jue_document_build(SRC, DISC, CAT, PROF, &doc, &d), JUE_OK);
    jue_buf h;
    jue_buf_init(&h);
    assert_int_equal(jue_render_document_html(doc, &h), JUE_OK);
    char dir[] = "/tmp/jue-doc-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/document.html", dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fwrite(jue_buf_str(&h), 1, h.len, f);
    fclose(f);
    jue_disclosure *back = NULL;
    assert_int_equal(jue_import_file(path, JUE_IN_HTML, CAT, PROF, &back, &d), JUE_OK);
    /* every printed figure of every table, back as it was */
    assert_true(rt_compare_printed(DISC, back, "HTML") > 100);
    /* the notes were read back too, and nothing contradicts anything */
    assert_true(back->claims.len > 80);
    jue_rulepack *pack;
    assert_int_equal(jue_rules_load_profile(NULL, &pack, &d), JUE_OK);
    jue_findings fs;
    jue_findings_init(&fs);
    assert_int_equal(jue_audit(back, CAT, pack, &fs), JUE_OK);
    assert_int_equal(jue_claims_audit(back, CAT, NULL, &fs), JUE_OK);
    for (size_t i = 0; i < fs.len; i++) fprintf(stderr, "  %d %s %s\n", fs.items[i].line, fs.items[i].rule, fs.items[i].message);
    assert_int_equal(jue_findings_count(&fs, JUE_SEV_ERROR), 0);
    assert_int_equal(jue_findings_count(&fs, JUE_SEV_WARNING), 0);
    /* the 绩效自评 of 第五部分 (summary, 综述, 自评表) agrees with itself and
     * with table 03 (test_perf plants errors in it) */
    assert_int_equal(jue_perf_audit_file(path, CAT, PROF, NULL, &fs), JUE_OK);
    for (size_t i = 0; i < fs.len; i++) fprintf(stderr, "  %d %s %s\n", fs.items[i].line, fs.items[i].rule, fs.items[i].message);
    assert_int_equal(fs.len, 0);
    remove(path);
    rmdir(dir);
    jue_findings_free(&fs);
    jue_rulepack_free(pack);
    jue_disclosure_free(back);
    jue_buf_free(&h);
    jue_document_free(doc);
    jue_diags_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parts_in_order),
        cmocka_unit_test(test_html_document_round_trip),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
