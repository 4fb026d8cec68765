/* Text whose lines are wrapped anywhere, as readers copy from a PDF: the
 * notes read as paragraphs (a figure or its unit broken over two lines is
 * one figure, still placed at its line, column and page). All text here is
 * made up; the shapes are the ones real copies show. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <juesuan/claims.h>
#include <juesuan/import.h>
#include <juesuan/model.h>
#include <juesuan/perf.h>
#include <juesuan/audit.h>
#include <juesuan/claims_audit.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/encoding.h"
#include "import/import_internal.h"
#include "recognize/recognize.h"

static jue_catalog *g_cat;
static jue_profile *g_prof;
static jue_lexicon *g_lx;

static int setup(void **state)
{
    (void)state;
    jue_diags dg;
    jue_diags_init(&dg);
    int bad = jue_catalog_load(NULL, &g_cat, &dg) != JUE_OK || jue_profile_load(NULL, &g_prof, &dg) != JUE_OK ||
              jue_lexicon_load(NULL, &g_lx, &dg) != JUE_OK;
    jue_diags_free(&dg);
    return bad ? -1 : 0;
}

static int teardown(void **state)
{
    (void)state;
    jue_catalog_free(g_cat);
    jue_profile_free(g_prof);
    jue_lexicon_free(g_lx);
    return 0;
}

static jue_note_line note(const char *text, int line, int col, int page)
{
    return (jue_note_line){ .text = text, .len = strlen(text), .line = line, .col = col, .page = page };
}

/* The first claim whose printed figure is `printed`, or NULL. */
static const jue_claim *printed(const jue_claims *c, const char *p)
{
    for (size_t i = 0; i < c->len; i++)
        if (c->items[i].printed && !strcmp(c->items[i].printed, p)) return &c->items[i];
    return NULL;
}

/* Typed lines in, claims out: a figure cut by the wrap ("2" / "3,965.16万")
 * and a unit cut ("万" / "元") are one figure each, placed where their first
 * character is printed (the line's own column and page, not 1 and 0). */
static void test_typed_lines_one_paragraph(void **state)
{
    (void)state;
    jue_note_line L[] = {
        note("2024年度收入总计2", 40, 3, 7),
        note("3,965.16万元，支出总计12", 41, 1, 7),
        note("0.00万", 42, 1, 8),
        note("元。", 43, 1, 8),
    };
    jue_claims c;
    jue_claims_init(&c);
    assert_int_equal(jue_claims_read(L, 4, g_lx, g_cat, 2024, &c), JUE_OK);
    const jue_claim *a = printed(&c, "23,965.16万元");
    assert_non_null(a);
    assert_int_equal(a->value, 23965160000LL);   /* 23,965.16万元 in 分 */
    assert_int_equal(a->line, 40);
    assert_int_equal(a->col, 3 + 10);   /* "2024年度收入总计" is 10 characters */
    assert_int_equal(a->page, 7);
    const jue_claim *b = printed(&c, "120.00万元");
    assert_non_null(b);
    assert_int_equal(b->value, 120000000);
    assert_int_equal(b->line, 41);
    assert_int_equal(b->page, 7);
    jue_claims_free(&c);
}

static jue_disclosure *import_text(const char *text, jue_diags *dg)
{
    jue_disclosure *d = NULL;
    jue_import_buffer(text, strlen(text), "t.txt", JUE_IN_TEXT, g_cat, g_prof, &d, NULL, dg);
    assert_non_null(d);
    return d;
}

static bool warned(const jue_diags *dg, const char *part)
{
    for (size_t i = 0; i < dg->len; i++)
        if (strstr(dg->items[i].message, part)) return true;
    return false;
}

/* A sentence wrapped inside a figure, its first line spaced out as a
 * justified line copies ("2024 年 度 收 入 总 计 2"): the text door splits
 * that line into words and figures like a table row, and the notes still
 * read it as the first line of the paragraph: its year, then one amount,
 * 23965.16万元. */
static void test_wrapped_figure_in_spaced_line(void **state)
{
    (void)state;
    const char *t = "一、收入支出决算总体情况说明\n"
                    "2024 年 度 收 入 总 计 2\n"
                    "3965.16 万 元 ， 比 上 年 增 加 120.00 万 元 。\n";
    jue_diags dg;
    jue_diags_init(&dg);
    jue_disclosure *d = import_text(t, &dg);
    const jue_claim *a = NULL;
    bool year = false;
    for (size_t i = 0; i < d->claims.len; i++) {
        const jue_claim *c = &d->claims.items[i];
        if (c->role == JUE_ROLE_DATE) year |= c->value == 2024;   /* "2024 年 度": a date */
        else if (!a) a = c;
    }
    assert_true(year);
    assert_non_null(a);
    assert_int_equal(a->value, 23965160000LL);
    assert_true(jue_subject_is(&a->subject, "收入总计"));
    assert_int_equal(a->line, 2);
    assert_int_equal(a->col, 18);
    jue_disclosure_free(d);
    jue_diags_free(&dg);
}

/* A figure cut inside its decimals at the end of a spaced line ("总计
 * 24022.7" / "5 元。"): a cut figure, so the line is prose and the sentence
 * reads one amount, 24022.75元 (a line ending in two decimals, "10.00",
 * before a line of digits stays a table row's cells). */
static void test_figure_cut_in_its_decimals(void **state)
{
    (void)state;
    const char *t = "四、财政拨款收入支出决算总体情况说明\n"
                    "  某局 2024 年度财政拨款收入支出总计 24022.7\n"
                    "5 元。与 2023 年度相比，财政拨款收入支出总计增加1537.92万元。\n";
    jue_diags dg;
    jue_diags_init(&dg);
    jue_disclosure *d = import_text(t, &dg);
    const jue_claim *a = NULL;
    for (size_t i = 0; i < d->claims.len && !a; i++)
        if (d->claims.items[i].role != JUE_ROLE_DATE) a = &d->claims.items[i];
    assert_non_null(a);
    assert_int_equal(a->value, 2402275);   /* 24022.75 元 in 分 */
    assert_int_equal(a->line, 2);
    jue_disclosure_free(d);
    jue_diags_free(&dg);
}

/* A title cut in two by the wrap is still the table's title: the table is
 * found (read or set aside), never missing. */
static void test_cut_title_found(void **state)
{
    (void)state;
    const char *t = "政府性基金\n"
                    "预算财政拨款收入支出决算表\n"
                    "项目\t\t年初结转和结余\t本年收入\t本年支出\t\t\t年末结转和结余\n"
                    "功能分类科目编码\t科目名称\t\t\t小计\t基本支出\t项目支出\t\n"
                    "合计\t\t0.00\t120.00\t118.65\t\t118.65\t1.35\n"
                    "229\t其他支出\t0.00\t120.00\t118.65\t\t118.65\t1.35\n";
    jue_diags dg;
    jue_diags_init(&dg);
    jue_disclosure *d = import_text(t, &dg);
    assert_true(d->tables[JUE_T07] != NULL || d->unread[JUE_T07] != NULL);
    jue_disclosure_free(d);
    jue_diags_free(&dg);
}

/* A 公开NN表 label over a title the wrap broke ("支出决算" / "表", blank
 * lines between): the label is no table of its own (an empty 03 listed
 * before the real one), the broken title is the table's. */
static void test_label_over_cut_title(void **state)
{
    (void)state;
    const char *t = "         公开03表\n"
                    "\n"
                    "                       \n"
                    "                   支出决算\n"
                    "表\n"
                    "项目\t\t本年支出合计\t基本支出\t项目支出\n"
                    "功能分类科目编码\t科目名称\t\t\t\n"
                    "合计\t\t536.30\t536.30\t\n"
                    "210\t卫生健康支出\t536.30\t536.30\t\n"
                    "21011\t行政事业单位医疗\t536.30\t536.30\t\n";
    jue_diags dg;
    jue_diags_init(&dg);
    jue_disclosure *d = import_text(t, &dg);
    assert_non_null(d->tables[JUE_T03]);
    assert_false(d->tables[JUE_T03]->empty);
    assert_false(warned(&dg, "出现了两次"));
    assert_false(warned(&dg, "标题下没有表格行"));
    jue_disclosure_free(d);
    jue_diags_free(&dg);
}

/* A code table row broken between its cells ("210 卫生健康支出 51,262.29
 * 536.30" / "50,725.99"): the figure is not part of the name, and the table
 * is read doubtfully — set aside with one warning saying why. */
static void test_broken_row_doubtful(void **state)
{
    (void)state;
    const char *t = "支出决算表\n"
                    "项目\t\t本年支出合计\t基本支出\t项目支出\n"
                    "功能分类科目编码\t科目名称\t\t\t\n"
                    "合计\t\t51,262.29\t536.30\t50,725.99\n"
                    "210\t卫生健康支出\t51,262.29\t536.30\n"
                    "50,725.99\t\t\n"
                    "21011\t行政事业单位医疗\t536.30\t536.30\t\n"
                    "21012\t财政对基本医疗保险基金的补助\t50,725.99\t\t50,725.99\n";
    jue_diags dg;
    jue_diags_init(&dg);
    jue_disclosure *d = import_text(t, &dg);
    assert_null(d->tables[JUE_T03]);
    assert_non_null(d->unread[JUE_T03]);
    assert_true(warned(&dg, "折行"));
    jue_disclosure_free(d);
    jue_diags_free(&dg);
}

/* Text wrapped at a width (here 20 characters: the longest line, and the
 * most common length): a table row cut inside a name, at the width, with
 * words on both sides, is one row again. */
static void test_row_cut_inside_name_joined(void **state)
{
    (void)state;
    jue_buf b;
    jue_buf_init(&b);
    for (int i = 0; i < 10; i++) jue_buf_puts(&b, "这是一段按照二十个字符宽度折行的说明文字\n");
    jue_buf_puts(&b, "2080505\t机关事业单位基本养老保险\n"
                     "缴费支出\t32.56\t32.56\n");
    jue_diags dg;
    jue_diags_init(&dg);
    jue_idoc *doc = jue_idoc_new("t.txt", JUE_IN_TEXT);
    assert_int_equal(jue_text_read(jue_buf_str(&b), b.len, doc, &dg), JUE_OK);
    const jue_grow *r = &doc->grids[0].rows[10];
    assert_string_equal(jue_grow_text(r, 1), "机关事业单位基本养老保险缴费支出");
    assert_string_equal(jue_grow_text(r, 2), "32.56");
    assert_int_equal(jue_grow_filled(&doc->grids[0].rows[11]), 0);
    jue_idoc_free(doc);
    jue_diags_free(&dg);
    jue_buf_free(&b);
}

/* Text wrapped at a width (20 characters) that cut a table's unit line
 * ("                   单" / "位：元"): the unit is read whole (a 元 table
 * read as 万元 would be 10,000 times off) and the cut misplaces no column,
 * so the table is not set aside as broken by the wrap. */
static void test_unit_line_cut(void **state)
{
    (void)state;
    jue_buf b;
    jue_buf_init(&b);
    for (int i = 0; i < 10; i++) jue_buf_puts(&b, "这是一段按照二十个字符宽度折行的说明文字\n");
    /* the table as a layout copy prints it: cells aligned with spaces */
    jue_buf_puts(&b, "支出决算表\n"
                     "                   单\n"
                     "位：元\n"
                     "项目                                      本年支出合计    基本支出    项目支出\n"
                     "科目编码  科目名称                      \n"
                     "合计                                         51,262.29      536.30   50,725.99\n"
                     "210       卫生健康支出                       51,262.29      536.30   50,725.99\n"
                     "21011     行政事业单位医疗                      536.30      536.30            \n"
                     "21012     财政对基本医疗保险基金的补助       50,725.99               50,725.99\n");
    jue_diags dg;
    jue_diags_init(&dg);
    jue_disclosure *d = import_text(jue_buf_str(&b), &dg);
    const jue_table *t = d->tables[JUE_T03];
    assert_non_null(t);
    assert_false(warned(&dg, "折行"));
    assert_int_equal(t->unit, JUE_UNIT_YUAN);
    assert_int_equal(jue_table_cell_c(t, 0, 0)->printed, 5126229);   /* 51,262.29 元 in 分 */
    jue_disclosure_free(d);
    jue_diags_free(&dg);
    jue_buf_free(&b);
}

/* A 公开NN表 label over a title a wrap broke ("一般公共预算财政拨款支出" /
 * "决算表"): the label, taken apart from the title it heads, was read as a
 * table listed with nothing under it, and the title's table with its rows as
 * the same table printed twice, dropped ("出现了两次，采用第一处"): an empty 05,
 * its empty-note error, and every check against it. The label is the title's. */
static void test_label_over_a_broken_title(void **state)
{
    (void)state;
    jue_buf b;
    jue_buf_init(&b);
    for (int i = 0; i < 10; i++) jue_buf_puts(&b, "这是一段按照二十个字符宽度折行的说明文字\n");
    jue_buf_puts(&b, "     公开05表\n"
                     "\n"
                     "                   一般公共预算财政拨款支出\n"
                     "决算表\n"
                     "编制单位：某县某局                                金额单位：万元\n"
                     "科目编码  科目名称                      合计        基本支出    项目支出\n"
                     "合计                                   637.61        637.61            \n"
                     "210       卫生健康支出                 637.61        637.61            \n"
                     "21015     医疗保障管理事务             637.61        637.61            \n"
                     "2101501   行政运行                     637.61        637.61            \n");
    jue_diags dg;
    jue_diags_init(&dg);
    jue_disclosure *d = import_text(jue_buf_str(&b), &dg);
    const jue_table *t = d->tables[JUE_T05];
    assert_non_null(t);
    assert_false(warned(&dg, "出现了两次"));
    assert_false(warned(&dg, "标题下没有表格行"));
    assert_true(t->nrows >= 4);
    assert_int_equal(jue_table_cell_c(t, 0, 0)->printed, 637610000);   /* 637.61万元 in 分 */
    jue_disclosure_free(d);
    jue_diags_free(&dg);
    jue_buf_free(&b);
}

/* The 绩效自评综述 of text wrapped at a width spans its lines, the figure
 * cut by the wrap and its unit split off on a line of their own ("全年预
 * 算数 2" / "3.44 万" / "元，…"): the budget read is 23.44万元, not 2. */
static void test_perf_overview_wrapped(void **state)
{
    (void)state;
    jue_buf b;
    jue_buf_init(&b);
    /* ten lines of the width the text is wrapped at (60 characters) */
    for (int i = 0; i < 10; i++)
        jue_buf_puts(&b, "本单位按照预算绩效管理的要求开展了项目支出绩效自评工作，自评结果如下所示：各项目的"
                         "执行情况良好，绩效目标\n");
    jue_buf_puts(&b, "某局离休费项目支出绩效自评表\n"
                     "项目名称\t离休费\n"
                     "项目资金(万元)\t\t年初预算数\t全年预算数(A)\t全年执行数(B)\t分值\t执行率(B/A)\t得分\n"
                     "\t年度资金总额\t23.44\t23.44\t23.44\t10\t100%\t10\n"
                     "\t其中：当年财政拨款\t23.44\t23.44\t23.44\t——\t100%\t\n"
                     "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
                     "\t产出指标(50分)\t数量指标\t人数\t100%\t100%\t50\t50\n"
                     "\t效益指标(30分)\t社会效益指标\t效果\t好\t好\t30\t30\n"
                     "\t满意度指标(10分)\t满意度\t满意\t≥90%\t95%\t10\t10\n"
                     "总分\t\t\t\t\t100\t100\n"
                     "自评等级：优\n"
                     "离休费项目绩效自评综述：全年预算数 2\n"
                     "3.44 万\n"
                     "元，全年执行数23.44万元，完成预算的100%。\n");
    jue_findings f;
    jue_findings_init(&f);
    assert_int_equal(jue_perf_audit_buffer(jue_buf_str(&b), b.len, "doc.txt", NULL, NULL, NULL, &f), JUE_OK);
    for (size_t k = 0; k < f.len; k++) {
        if (!strcmp(f.items[k].rule, "perf.overview")) print_error("%s\n", f.items[k].message);
        assert_string_not_equal(f.items[k].rule, "perf.overview");
    }
    jue_findings_free(&f);
    jue_buf_free(&b);
}

/* The claims.placeholder findings of a text: "expected|actual" of each,
 * one a line, in order. */
static void placeholder_findings(const char *text, jue_buf *out)
{
    jue_diags dg;
    jue_diags_init(&dg);
    jue_disclosure *d = import_text(text, &dg);
    jue_findings f;
    jue_findings_init(&f);
    assert_int_equal(jue_claims_audit(d, g_cat, NULL, &f), JUE_OK);
    for (size_t i = 0; i < f.len; i++)
        if (!strcmp(f.items[i].rule, "claims.placeholder"))
            jue_buf_printf(out, "%s|%s\n", f.items[i].expected, f.items[i].actual);
    jue_findings_free(&f);
    jue_disclosure_free(d);
    jue_diags_free(&dg);
}

/* Template text left in is one finding per sentence wherever the lines
 * break: the same notes as one line per paragraph, and wrapped with a copy's
 * blank between the Latin XX and the character after it ("上海市 XX 局"),
 * give the same findings. */
static void test_placeholders_by_sentence(void **state)
{
    (void)state;
    const char *whole = "十、预算绩效管理情况\n"
                        "  某市XX局2024年度编报绩效目标的项目XX个，涉及预算金额XX万元。绩效自评中共发现问题XX个。\n"
                        "  某市XX局2024年度无机关运行经费支出。\n";
    const char *wrapped = "十、预算绩效管理情况\n"
                          "  某市 XX 局 2024 年度编报绩效目标的项目 XX 个，\n"
                          "涉及预算金额 XX 万元。绩效自评中共发现问\n"
                          "题 XX 个。\n"
                          "  某市 XX 局 2024 年度无机关运行经费支出。\n";
    jue_buf a, b;
    jue_buf_init(&a);
    jue_buf_init(&b);
    placeholder_findings(whole, &a);
    placeholder_findings(wrapped, &b);
    assert_string_equal(jue_buf_str(&a), "名称、金额和数字|“XX局”“XX个”“XX万”\n数字|XX个\n名称|XX局\n");
    assert_string_equal(jue_buf_str(&b), jue_buf_str(&a));
    jue_buf_free(&a);
    jue_buf_free(&b);
}

/* What a single-space copy prints as words where a PDF shows cells: a part
 * title is a sentence of its own (not joined to the lines around it), and a
 * numbered row of the list of units ("2 某市 XX 中心") is a table row, not
 * words of the paragraph before it: its template mark a finding of its own. */
static void test_part_title_and_numbered_rows(void **state)
{
    (void)state;
    const char *t = "某市 XX 局\n"
                    "2024 年度部门决算\n"
                    "第一部分 某市 XX 局概况\n"
                    "纳入某市 XX 局 2024 年度部门决算编制范围的单位包括：\n"
                    "序号 单位名称 备注\n"
                    "1 某市 XX 局（本级）\n"
                    "2 某市 XX 中心\n";
    jue_buf a;
    jue_buf_init(&a);
    placeholder_findings(t, &a);
    assert_string_equal(jue_buf_str(&a), "名称|XX局\n名称|XX局\n名称|XX局\n名称|XX局\n名称|XX中\n");
    jue_buf_free(&a);
}

/* A line the wrap cut before a table's note ("…并在本表下方作下述" /
 * "说明：") ends in "说明：" alone: not the note, which is the next line. */
static void test_note_mark_alone_is_no_note(void **state)
{
    (void)state;
    assert_false(jue_rec_note_text("说明："));
    assert_false(jue_rec_note_text("说明:"));
    assert_false(jue_rec_note_text("说明"));
    assert_true(jue_rec_note_text("说明：某局本年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。"));
    assert_true(jue_rec_note_text("本单位无此项支出，故本表无数据。"));
}

/* A 自评表 in text wrapped at a width (36 characters here) whose indicator
 * row the wrap cut between its 分值 and its 得分 ("…\t25" / "25"): which
 * figure is which column's is not known, so its weights and total are not
 * checked — one perf.unread warning at the cut row, no perf.weights or
 * perf.total error. */
static void test_perf_indicator_row_cut(void **state)
{
    (void)state;
    jue_buf b;
    jue_buf_init(&b);
    for (int i = 0; i < 6; i++)
        jue_buf_puts(&b, "本单位按照预算绩效管理的要求开展了项目支出绩效自评工作，自评结果如下所示\n"
                         "：各项目的执行情况良好，绩效目标基本完成。\n");
    jue_buf_puts(&b, "某局离休费项目支出绩效自评表\n"
                     "项目名称\t离休费\n"
                     "项目资金(万元)\t\t年初预算数\t全年预算数(A)\t全年执行数(B)\t分值\n"
                     "执行率(B/A)\t得分\n"
                     "\t年度资金总额\t23.44\t23.44\t23.44\t10\t100%\t10\n"
                     "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得\n"
                     "分\n"
                     "\t产出指标(50分)\t数量指标\t发放人数\t2人\t2人\t25\t25\n"
                     "\t\t时效指标\t按时足额发放离休人员的离休\t≤预算\t23.44万\t25\n"
                     "25\n"
                     "\t效益指标(30分)\t社会效益指标\t离休人员生活保障\t好\t好\t30\t30\n"
                     "\t满意度指标(10分)\t满意度\t满意\t≥90%\t95%\t10\t10\n"
                     "总分\t\t\t\t\t\t100\t100\n");
    jue_findings f;
    jue_findings_init(&f);
    assert_int_equal(jue_perf_audit_buffer(jue_buf_str(&b), b.len, "doc.txt", NULL, NULL, NULL, &f), JUE_OK);
    size_t unread = 0;
    for (size_t k = 0; k < f.len; k++) {
        if (f.items[k].severity == JUE_SEV_ERROR) print_error("%s\n", f.items[k].message);
        assert_int_not_equal(f.items[k].severity, JUE_SEV_ERROR);
        if (!strcmp(f.items[k].rule, "perf.unread")) {
            unread++;
            assert_int_equal(f.items[k].line, 21);
        }
    }
    assert_int_equal(unread, 1);
    jue_findings_free(&f);
    jue_buf_free(&b);
}

/* A 02 copy wrapped at 17 characters after a page break (%s: its 续表
 * line), with its page number ("第" / "6页") and a line of the heading
 * printed again ("附" / "属单位上缴") cut in two. */
static const char P02_PAGES[] =
                 "              收入决\n"
                 "算表\n"
                 "编制单位：某局                                                                                  金额单位：万元\n"
                 "                 \n"
                 "   项目\n"
                 "                 \n"
                 "                 \n"
                 "                 \n"
                 "                 \n"
                 "                 \n"
                 " 附属单位上缴\n"
                 "功能分类                             本年收入合计         财政拨款收入         上级补助收入   事业收入   经营收入             其他收入\n"
                 "                      科目名称                                                              收入\n"
                 "科目编码\n"
                 "                    栏次             1              2              3       4      5       6         7\n"
                 "                    合计               261.71         261.71\n"
                 "208       社会保障和就业支出                     91.21          91.21\n"
                 "20805      行政事业单位养老支出                   91.21          91.21\n"
                 "2080505     机关事业单位基本养老保险缴费支出            65.15          65.15\n"
                 "2080506     机关事业单位职业年金缴费支出              26.06          26.06\n"
                 "221       住房保障支出                        50.50          50.50\n"
                 "22102      住房改革支出                       50.50          50.50\n"
                 "\n"
                 "\n"
                 "\n"
                 "                 \n"
                 "                 \n"
                 "                第\n"
                 "6页\n"
                 "\f                \n"
                 "                 \n"
                 "                 \n"
                 "                 \n"
                 "                 \n"
                 "%s"
                 "                 \n"
                 "   项目\n"
                 "                 \n"
                 "                 \n"
                 "                 \n"
                 "                 \n"
                 "                附\n"
                 "属单位上缴\n"
                 "功能分类                           本年收入合计         财政拨款收入         上级补助收入   事业收入   经营收入            其他收入\n"
                 "                     科目名称                                                             收入\n"
                 "科目编码\n"
                 "                    栏次           1              2              3       4      5       6       7\n"
                 "2210201     住房公积金                     50.50          50.50\n"
                 "229       其他支出                       120.00         120.00\n"
                 "22960      彩票公益金安排的支出                120.00         120.00\n"
                 "2296013     用于城乡医疗救助的彩票公益金支出         120.00         120.00\n";

/* 02 read from P02_PAGES with its 续表 line: the 229 rows after the break
 * are the table's. */
static void assert_p02_goes_on(const char *continued)
{
    jue_buf b;
    jue_buf_init(&b);
    for (int i = 0; i < 10; i++) jue_buf_puts(&b, "这是按十七个字符宽度折行的说明文\n");
    jue_buf_printf(&b, P02_PAGES, continued);
    jue_diags dg;
    jue_diags_init(&dg);
    jue_disclosure *d = import_text(jue_buf_str(&b), &dg);
    const jue_table *t = d->tables[JUE_T02];
    assert_non_null(t);
    bool other = false;
    for (size_t i = 0; i < t->nrows; i++) other |= !strcmp(t->rows[i].key, "229");
    assert_true(other);
    jue_disclosure_free(d);
    jue_diags_free(&dg);
    jue_buf_free(&b);
}

/* The pieces the wrap cut, and the 续表 mark whole: the table goes on after
 * them and its 229 rows are read, so 合计 is the sum of its 类 (no T02.total
 * error). */
static void test_page_break_pieces_cut(void **state)
{
    (void)state;
    assert_p02_goes_on("              续表\n");
}

/* The 续表 mark cut too ("                续" / "表", a wider line of the
 * mark wrapped at 17): still the mark, the table still goes on. */
static void test_continued_mark_cut(void **state)
{
    (void)state;
    assert_p02_goes_on("                续\n表\n");
}

/* A 自评表's title cut by the wrap (60 characters) inside its last words
 * ("…项目支" / "出绩效自评表"): the table is the title joined, named by its
 * project, not "出绩效自评表". */
static void test_perf_title_cut(void **state)
{
    (void)state;
    jue_buf b;
    jue_buf_init(&b);
    for (int i = 0; i < 10; i++)
        jue_buf_puts(&b, "本单位按照预算绩效管理的要求开展了项目支出绩效自评工作，自评结果如下所示：各项目的执行情况良好，"
                         "绩效目标基本完成本年度继\n");
    jue_buf_puts(&b,
                 "某局某某县人民政府办公室机关事务服务中心离休干部医疗补助及困难职工帮扶慰问资金与老干部活动中心运行保障经费专项补助项目支\n"
                 "出绩效自评表\n"
                 "项目名称\t离休干部医疗补助\n"
                 "项目资金(万元)\t\t年初预算数\t全年预算数(A)\t全年执行数(B)\t分值\t执行率(B/A)\t得分\n"
                 "\t年度资金总额\t23.44\t23.44\t23.44\t10\t100%\t10\n"
                 "\t其中：当年财政拨款\t23.44\t23.44\t23.44\t——\t100%\t\n"
                 "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
                 "\t产出指标(50分)\t数量指标\t人数\t100%\t100%\t50\t50\n"
                 "\t效益指标(30分)\t社会效益指标\t效果\t好\t好\t30\t30\n"
                 "\t满意度指标(10分)\t满意度\t满意\t≥90%\t95%\t10\t10\n"
                 "总分\t\t\t\t\t100\t100\n"
                 "自评等级：良\n");
    jue_findings f;
    jue_findings_init(&f);
    assert_int_equal(jue_perf_audit_buffer(jue_buf_str(&b), b.len, "doc.txt", NULL, NULL, NULL, &f), JUE_OK);
    size_t grade = 0;
    for (size_t k = 0; k < f.len; k++) {
        if (strcmp(f.items[k].rule, "perf.grade")) continue;
        grade++;   /* the slip put in: 100 points printed 良 */
        assert_non_null(strstr(f.items[k].message, "专项补助项目支出绩效自评表："));
    }
    assert_int_equal(grade, 1);
    jue_findings_free(&f);
    jue_buf_free(&b);
}

/* Rows printed with single spaces (pdftotext -raw) wrapped at 23
 * characters, a row cut at the space between two figures ("合计 120.00
 * 118.65 118.65" / " 1.35"): the line fills the width and the next starts
 * with the space, a cut like any other — 07 is set aside with the warning
 * that says why, its figures feed no T07 error. */
static void test_packed_row_cut_at_space(void **state)
{
    (void)state;
    jue_buf b;
    jue_buf_init(&b);
    for (int i = 0; i < 10; i++) jue_buf_puts(&b, "这是一段按二十三个字符宽度折行的说明文字而已。\n");
    jue_buf_puts(&b,
                 "公开07表\n"
                 "政府性基金预算财政拨款收入支出决算表\n"
                 "编制单位：青溪县医疗保障局 金额单位：万元\n"
                 "项目\n"
                 "年初结转和结余 本年收入\n"
                 "本年支出\n"
                 "年末结转和结余\n"
                 "功能分类\n"
                 "科目编码\n"
                 "科目名称 小计 基本支出 项目支出\n"
                 "栏次 1 2 3 4 5 6\n"
                 "合计 120.00 118.65 118.65\n"
                 " 1.35\n"
                 "229 其他支出 120.00 118.65 \n"
                 "118.65 1.35\n"
                 "22960 彩票公益金安排的支出 120.00\n"
                 " 118.65 118.65 1.35\n"
                 "2296013 用于城乡医疗救助的彩票公益金支\n"
                 "出 120.00 118.65 118.65 \n"
                 "1.35\n"
                 "第 14 页\n");
    jue_diags dg;
    jue_diags_init(&dg);
    jue_disclosure *d = import_text(jue_buf_str(&b), &dg);
    assert_null(d->tables[JUE_T07]);
    assert_non_null(d->unread[JUE_T07]);
    assert_true(warned(&dg, "折行"));
    jue_disclosure_free(d);
    jue_diags_free(&dg);
    jue_buf_free(&b);
}

/* Every line of text longer than w characters cut into pieces of w (as a
 * copy wrapped at a width: table rows and prose alike), into out. */
static void wrap_at(const char *text, int w, jue_buf *out)
{
    for (const char *p = text; *p;) {
        const char *nl = strchr(p, '\n');
        const char *e = nl ? nl : p + strlen(p);
        int n = 0;
        for (const char *q = p; q < e; q += jue_utf8_step(q)) {
            if (n == w) { jue_buf_putc(out, '\n'); n = 0; }
            jue_buf_putn(out, q, (size_t)jue_utf8_step(q));
            n++;
        }
        jue_buf_putc(out, '\n');
        p = nl ? nl + 1 : e;
    }
}

/* A line of figures wrapped after a whole figure, the space before the
 * next figure lost at the cut (a -raw chart legend "财政拨款收入 23,964.11
 * 100.00%" wrapped at 17, its cutter never cutting inside a figure): the
 * two runs read as one "23,964.11100.00%", which a wrap may have made; a
 * doubt (claims.malformed as a warning saying why), not an error. A figure
 * printed with two points inside one line stays an error. */
static void test_figures_run_together_doubtful(void **state)
{
    (void)state;
    const char *t = "二、收入决算情况说明\n"
                    "收入决算结构\n"
                    "财政拨款收入 23,964.11\n"
                    "100.00%\n"
                    "其他收入1.05万元，占不足0.01%；事业收入318.2007.45万元。\n";
    jue_diags dg;
    jue_diags_init(&dg);
    jue_disclosure *d = import_text(t, &dg);
    jue_findings f;
    jue_findings_init(&f);
    assert_int_equal(jue_claims_audit(d, g_cat, NULL, &f), JUE_OK);
    int doubt = 0, error = 0;
    for (size_t i = 0; i < f.len; i++) {
        if (strcmp(f.items[i].rule, "claims.malformed")) continue;
        if (strstr(f.items[i].actual, "23,964.11100.00")) {
            doubt++;
            assert_int_equal(f.items[i].severity, JUE_SEV_WARNING);
            assert_non_null(strstr(f.items[i].message, "折行"));
        } else {
            error++;
            assert_string_equal(f.items[i].actual, "318.2007.45万元");
            assert_int_equal(f.items[i].severity, JUE_SEV_ERROR);
        }
    }
    assert_int_equal(doubt, 1);
    assert_int_equal(error, 1);
    jue_findings_free(&f);
    jue_disclosure_free(d);
    jue_diags_free(&dg);
}

/* A heading the wrap cut ("六、一般公共预算财政拨款基本支" / "出决算情况说明")
 * is one title: the lexicon's scopes read it whole, so "占基本支出的" under it
 * is a share of 一般公共预算财政拨款基本支出 (T05), not of all funds'
 * 基本支出. A heading filling the width before a paragraph's first line
 * ("2024年度…", a figure in it) keeps its title and the line its claims. */
static void test_heading_cut_one_title(void **state)
{
    (void)state;
    jue_note_line L[] = {
        note("六、一般公共预算财政拨款基本支", 1, 1, 1),
        note("出决算情况说明", 2, 1, 1),
        note("2024年度一般公共预算财政拨款基本支出803.63万元，其中：人员经费676.45万元，占基本支出的84.17%。", 3, 1, 1),
        note("七、一般公共预算财政拨款三公经费支", 4, 1, 1),
        note("2024年度三公经费支出12.00万元。", 5, 1, 1),
    };
    L[0].at_wrap = true;
    L[3].at_wrap = true;
    jue_claims c;
    jue_claims_init(&c);
    assert_int_equal(jue_claims_read(L, 5, g_lx, g_cat, 2024, &c), JUE_OK);
    assert_int_equal(c.nsections, 2);
    assert_string_equal(c.sections[0].title, "一般公共预算财政拨款基本支出决算情况说明");
    assert_string_equal(c.sections[1].title, "一般公共预算财政拨款三公经费支");
    const jue_claim *share = printed(&c, "84.17%");
    assert_non_null(share);
    assert_non_null(share->whole);
    assert_string_equal(share->whole, "一般公共预算财政拨款基本支出");
    assert_non_null(printed(&c, "12.00万元"));
    jue_claims_free(&c);
}

/* A 项 statement spaced out as a justified line copies, its （类） cut by the
 * wrap ("8 、 卫 生健康 支出 （类" / " ）医疗 救助 （款） 城乡医 疗" / "救助
 * （项） 。…"): still the statement of 2101301, the figures after it its own
 * (else claims.item-missing says the notes never state it). */
static void test_item_class_mark_cut(void **state)
{
    (void)state;
    jue_note_line L[] = {
        note("8 、 卫 生健康 支出 （类", 1, 3, 1),
        note(" ）医疗 救助 （款） 城乡医 疗", 2, 1, 1),
        note("救助 （项） 。年初 预算为", 3, 1, 1),
        note("800.00 万元，支出决算为81", 4, 1, 1),
        note("0.43 万元，完成年初预算的10", 5, 1, 1),
        note("1.30%。", 6, 1, 1),
    };
    for (int i = 0; i < 5; i++) L[i].at_wrap = true;
    jue_claims c;
    jue_claims_init(&c);
    assert_int_equal(jue_claims_read(L, 6, g_lx, g_cat, 2024, &c), JUE_OK);
    const jue_claim *a = printed(&c, "810.43万元");
    assert_non_null(a);
    assert_int_equal(a->subject.kind, JUE_SUBJ_XIANG);
    assert_string_equal(a->subject.key, "2101301");
    jue_claims_free(&c);
}

/* The rows of amounts of a 自评表 printed with single spaces (pdftotext
 * -raw) and wrapped at 23 characters: "年度资金总额 100.00 125.00 1" / "21.87
 * 10.00 …", "其中：当年财政拨款 100.00 1" / "25.00 …" — pieces without their
 * 执行率 that the text door splits into cells like any row. Which figure is
 * which column's is not known: no perf.sum, perf.rate or check of the
 * summary against them (the correct table gave perf.sum and perf.rate
 * errors so), one perf.unread warning saying why. */
static const char PERF_RAW[] =
    "某局医疗救助项目支出绩效自评表\n"
    "项目名称 医疗救助补助资金\n"
    "项目资金（万元） 年初预算数 全年预算数（A） 全年执行数（B） 分值 执行率（B/A） 得分\n"
    "年度资金总额 100.00 125.00 121.87 10.00 97.49% 9.75\n"
    "其中：当年财政拨款 100.00 125.00 121.87 — 97.49% —\n"
    "上年结转资金 — —\n"
    "其他资金 — — — — — —\n"
    "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分\n"
    "产出指标 数量指标 救助人次 ≥1000人次 1200人次 50.00 50.00\n"
    "效益指标 社会效益指标 困难群众负担 减轻 减轻 30.00 30.00\n"
    "满意度指标 满意度 受助对象满意度 ≥90% 95% 10.00 10.00\n"
    "总分 100.00 99.75\n"
    "自评等级：优\n"
    "开展绩效自评的项目1个，涉及全年预算数125.00万元，全年执行数121.87万元。\n";

static size_t perf_count(const char *text, const char *rule, jue_severity sev)
{
    jue_findings f;
    jue_findings_init(&f);
    assert_int_equal(jue_perf_audit_buffer(text, strlen(text), "doc.txt", NULL, NULL, NULL, &f), JUE_OK);
    size_t n = 0;
    for (size_t k = 0; k < f.len; k++)
        n += (!rule || !strcmp(f.items[k].rule, rule)) && f.items[k].severity == sev;
    jue_findings_free(&f);
    return n;
}

static void test_perf_amount_rows_cut(void **state)
{
    (void)state;
    jue_buf b;
    jue_buf_init(&b);
    for (int i = 0; i < 10; i++) jue_buf_puts(&b, "这是一段按二十三个字符宽度折行的说明文字而已。\n");
    jue_buf_puts(&b, PERF_RAW);
    assert_int_equal(perf_count(jue_buf_str(&b), NULL, JUE_SEV_ERROR), 0);
    jue_buf w;
    jue_buf_init(&w);
    wrap_at(jue_buf_str(&b), 23, &w);
    assert_int_equal(perf_count(jue_buf_str(&w), NULL, JUE_SEV_ERROR), 0);
    assert_int_equal(perf_count(jue_buf_str(&w), "perf.unread", JUE_SEV_WARNING), 1);
    jue_buf_free(&w);
    jue_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_typed_lines_one_paragraph),
        cmocka_unit_test(test_wrapped_figure_in_spaced_line), cmocka_unit_test(test_figure_cut_in_its_decimals),
        cmocka_unit_test(test_cut_title_found),
        cmocka_unit_test(test_label_over_cut_title),
        cmocka_unit_test(test_broken_row_doubtful),
        cmocka_unit_test(test_row_cut_inside_name_joined),
        cmocka_unit_test(test_unit_line_cut),
        cmocka_unit_test(test_label_over_a_broken_title),
        cmocka_unit_test(test_perf_overview_wrapped),
        cmocka_unit_test(test_placeholders_by_sentence),
        cmocka_unit_test(test_part_title_and_numbered_rows),
        cmocka_unit_test(test_note_mark_alone_is_no_note),
        cmocka_unit_test(test_perf_indicator_row_cut),
        cmocka_unit_test(test_page_break_pieces_cut),
        cmocka_unit_test(test_perf_title_cut),
        cmocka_unit_test(test_packed_row_cut_at_space),
        cmocka_unit_test(test_figures_run_together_doubtful),
        cmocka_unit_test(test_heading_cut_one_title),
        cmocka_unit_test(test_item_class_mark_cut),
        cmocka_unit_test(test_perf_amount_rows_cut),
        cmocka_unit_test(test_continued_mark_cut),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
