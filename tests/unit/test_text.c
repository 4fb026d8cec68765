/* The text door on made-up tables in the shapes PDF-to-text tools print
 * (pdftotext -layout: one character per position, CJK as wide as a digit;
 * -raw: one space between cells). Each test states the shape and checks
 * the grid cells or the table read from it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <juesuan/import.h>
#include <juesuan/model.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/import_internal.h"
#include "recognize/recognize.h"

static jue_catalog *g_cat;
static jue_profile *g_prof;

static int setup(void **state)
{
    (void)state;
    jue_diags dg;
    jue_diags_init(&dg);
    int bad = jue_catalog_load(NULL, &g_cat, &dg) != JUE_OK || jue_profile_load(NULL, &g_prof, &dg) != JUE_OK;
    jue_diags_free(&dg);
    return bad ? -1 : 0;
}

static int teardown(void **state)
{
    (void)state;
    jue_catalog_free(g_cat);
    jue_profile_free(g_prof);
    return 0;
}

static jue_disclosure *import_text(const char *text)
{
    jue_diags dg;
    jue_diags_init(&dg);
    jue_disclosure *d = NULL;
    jue_import_buffer(text, strlen(text), "t.txt", JUE_IN_TEXT, g_cat, g_prof, &d, NULL, &dg);
    jue_diags_free(&dg);
    assert_non_null(d);
    return d;
}

/* Text's table id is set aside as unread (a warning), not read. */
static void assert_set_aside(const char *text, jue_table_id id)
{
    jue_disclosure *d = import_text(text);
    assert_null(d->tables[id]);
    assert_non_null(d->unread[id]);
    jue_disclosure_free(d);
}

static jue_idoc *grid_of(const char *text)
{
    jue_diags dg;
    jue_diags_init(&dg);
    jue_idoc *doc = jue_idoc_new("t.txt", JUE_IN_TEXT);
    assert_non_null(doc);
    assert_int_equal(jue_text_read(text, strlen(text), doc, &dg), JUE_OK);
    jue_diags_free(&dg);
    return doc;
}

/* The row of the grid printed on line `line`. */
static const jue_grow *row_at(const jue_idoc *doc, int line)
{
    for (size_t i = 0; i < doc->grids[0].n; i++)
        if (doc->grids[0].rows[i].line == line) return &doc->grids[0].rows[i];
    fail_msg("no line %d", line);
    return NULL;
}

/* Column of the cell holding text on line `line`, or -1. */
static int col_of(const jue_idoc *doc, int line, const char *text)
{
    const jue_grow *r = row_at(doc, line);
    for (size_t c = 0; c < r->n; c++)
        if (!strcmp(r->cells[c].text, text)) return (int)c;
    return -1;
}

/* A CJK heading ends left of the figures under it (其他收入 is 4 positions,
 * its figures start 3 further right): the figures join the heading's
 * column, and the blank column before it stays blank. */
static void test_heading_narrower_than_figures(void **state)
{
    (void)state;
    const char *t = "科目编码      科目名称          本年收入合计      财政拨款收入      经营收入      其他收入\n"
                    "          合计             10.00        8.95                       1.05\n"
                    "201       一般公共服务         10.00        8.95                       1.05\n"
                    "20101     人大事务            8.95        8.95\n";
    jue_idoc *doc = grid_of(t);
    int head = col_of(doc, 1, "其他收入");
    assert_true(head > 0);
    assert_int_equal(col_of(doc, 2, "1.05"), head);
    assert_int_equal(col_of(doc, 3, "1.05"), head);
    assert_int_equal(col_of(doc, 1, "经营收入"), head - 1);
    assert_int_equal(col_of(doc, 2, "8.95"), col_of(doc, 1, "财政拨款收入"));
    jue_idoc_free(doc);
}

/* Two columns that share a row stay two columns even when the right one
 * has no heading of its own (a heading printed only on a page before). */
static void test_headless_column_with_its_neighbour_filled(void **state)
{
    (void)state;
    const char *t = "科目编码  科目名称      合计     其他\n"
                    "201       一般公共服务   10.00  1.00    9.00\n"
                    "20101     人大事务        8.95  0.95    8.00\n";
    jue_idoc *doc = grid_of(t);
    assert_int_equal(col_of(doc, 2, "9.00"), col_of(doc, 2, "1.00") + 1);
    jue_idoc_free(doc);
}

/* A table's label and title, then its heading a word a line (as
 * `pdftotext -raw` prints a heading of many wrapped cells) beyond where the
 * recognizer looks for a table: the table is there but unread, not missing.
 * The same title as an entry of the contents, with no label, is neither. */
static void test_labelled_title_without_a_table_it_reads(void **state)
{
    (void)state;
    const char *t = "目录\n"
                    "二、收入决算表\n"
                    "某某局2024年度部门决算\n"
                    "公开02表\n"
                    "收入决算表\n"
                    "编制单位：某某局 金额单位：万元\n"
                    "项目\n本年收入合计\n财政拨款收入\n上级补助收入\n事业收入\n经营收入\n附属单位上缴\n收入\n"
                    "其他收入\n功能分类\n科目编码\n科目名称\n"
                    "栏次 1 2 3 4 5 6 7\n"
                    "合计 10.00 10.00\n"
                    "201 一般公共服务支出 10.00 10.00\n";
    jue_disclosure *d = import_text(t);
    assert_null(d->tables[JUE_T02]);
    assert_non_null(d->unread[JUE_T02]);
    assert_null(d->unread[JUE_T03]);
    jue_disclosure_free(d);
    /* without the label: a mention, not a table */
    const char *u = "二、收入决算表\n收入决算表\n项目\n本年收入合计\n";
    d = import_text(u);
    assert_null(d->tables[JUE_T02]);
    assert_null(d->unread[JUE_T02]);
    jue_disclosure_free(d);
}

/* Table 06 from a copy that drops blank cells (tabs, nothing where a value
 * is blank): the next pane's code stands where 30201's value was, and a
 * row whose first pane is blank starts with the second pane's 30299. The
 * code is no value, and each 款 stays under its 类 whatever the cell index
 * of its pane. */
static void test_06_with_blank_cells_dropped(void **state)
{
    (void)state;
    const char *t = "公开06表\n"
                    "一般公共预算财政拨款基本支出决算表\n"
                    "编制单位：某某局\t金额单位：万元\n"
                    "人员经费\t公用经费\n"
                    "科目编码\t科目名称\t决算数\t科目编码\t科目名称\t决算数\t科目编码\t科目名称\t决算数\n"
                    "301\t工资福利支出\t100.00\t302\t商品和服务支出\t20.00\t307\t债务利息及费用支出\t1.00\n"
                    "30101\t基本工资\t100.00\t30201\t办公费\t30701\t国内债务付息\t1.00\n"
                    "30299\t其他商品和服务支出\t20.00\t30702\t国外债务付息\n"
                    "人员经费合计\t100.00\t公用经费合计\t21.00\n";
    jue_disclosure *d = import_text(t);
    jue_table *tab = d->tables[JUE_T06];
    assert_non_null(tab);
    int v = jue_table_find_col(tab, "决算数");
    int r201 = jue_table_find_row(tab, "30201", JUE_SIDE_PUBLIC), r701 = jue_table_find_row(tab, "30701", JUE_SIDE_PUBLIC);
    assert_true(r201 >= 0 && r701 >= 0);
    assert_false(jue_table_cell(tab, (size_t)r201, (size_t)v)->present);
    assert_int_equal(jue_table_cell(tab, (size_t)r701, (size_t)v)->printed, 1000000);   /* 1.00 万元 in 分 */
    int r302 = jue_table_find_row(tab, "302", JUE_SIDE_PUBLIC), r299 = jue_table_find_row(tab, "30299", JUE_SIDE_PUBLIC);
    int r307 = jue_table_find_row(tab, "307", JUE_SIDE_PUBLIC);
    assert_true(r302 < r201 && r201 < r299 && r299 < r307 && r307 < r701);
    jue_disclosure_free(d);
}

/* One space between a figure and the next pane's code in a space-aligned
 * line (`pdftotext -layout` squeezes the gap): two cells. A line printed
 * with single spaces throughout is left to the packed reading. */
static void test_figure_against_next_code(void **state)
{
    (void)state;
    jue_idoc *doc = grid_of("301     工资福利支出     655.36     302     商品和服务支出     121.50 307     债务利息\n"
                            "合计 11.49 3.04 0 0 9.38\n");
    assert_true(col_of(doc, 1, "121.50") >= 0);
    assert_int_equal(col_of(doc, 1, "307"), col_of(doc, 1, "121.50") + 1);
    assert_true(row_at(doc, 2)->packed);
    jue_idoc_free(doc);
}

/* The 合计 row's figures printed on a line of their own above its label,
 * with the 类|款|项 heading between (a PDF centres the label in a taller
 * band): they are the 合计 row's, not a heading. */
static void test_total_figures_above_its_label(void **state)
{
    (void)state;
    const char *t = "公开02表\n"
                    "收入决算表\n"
                    "单位：万元\n"
                    "科目编码\t\t\t科目名称\t本年收入合计\t财政拨款收入\t其他收入\n"
                    "\t\t\t\t10.00\t9.00\t1.00\n"
                    "类\t款\t项\n"
                    "合计\n"
                    "201\t\t\t一般公共服务支出\t10.00\t9.00\t1.00\n"
                    "201\t01\t\t人大事务\t10.00\t9.00\t1.00\n"
                    "201\t01\t01\t行政运行\t10.00\t9.00\t1.00\n";
    jue_disclosure *d = import_text(t);
    jue_table *tab = d->tables[JUE_T02];
    assert_non_null(tab);
    int r = jue_table_find_row(tab, "合计", JUE_SIDE_NONE), c = jue_table_find_col(tab, "财政拨款收入");
    assert_true(r >= 0 && c >= 0);
    assert_true(jue_table_cell(tab, (size_t)r, (size_t)c)->present);
    assert_int_equal(jue_table_cell(tab, (size_t)r, (size_t)c)->printed, 9000000);
    jue_disclosure_free(d);
}

/* A heading set over several lines, one word a line around its row of
 * cells ("项目" / the column headings / "科目名称" / "科目编码"), then the
 * 栏次 and the rows: the headings are placed on the columns of the rows
 * under them, not numbered on their own. */
static void test_heading_over_several_lines(void **state)
{
    (void)state;
    const char *t = "                   项目\n"
                    "功能分类                     合计        基本支出      项目支出\n"
                    "                    科目名称\n"
                    "科目编码\n"
                    "                   栏次        1           2             3\n"
                    "                   合计     30.00        10.00         20.00\n"
                    "201       一般公共服务支出          30.00        10.00         20.00\n";
    jue_idoc *doc = grid_of(t);
    assert_int_equal(col_of(doc, 2, "合计"), col_of(doc, 6, "30.00"));
    assert_int_equal(col_of(doc, 2, "基本支出"), col_of(doc, 6, "10.00"));
    assert_int_equal(col_of(doc, 2, "项目支出"), col_of(doc, 6, "20.00"));
    jue_idoc_free(doc);
}

/* pdftotext -layout leaves one space between a right-aligned amount and
 * the next pane's label ("10.00 本年支出合计"): two cells. A unit after an
 * amount ("10.00 万元") stays with it. */
static void test_figure_against_next_label(void **state)
{
    (void)state;
    jue_idoc *doc = grid_of("本年收入合计         27     10.00 本年支出合计           59     10.00\n"
                            "  支出决算为 10.00 万元，比上年增加  2.00 万元。\n");
    assert_int_equal(col_of(doc, 1, "本年支出合计"), col_of(doc, 1, "10.00") + 1);
    assert_true(col_of(doc, 2, "支出决算为 10.00 万元，比上年增加") >= 0);
    jue_idoc_free(doc);
}

/* A heading and its 栏次 number, each centred on the page, come out of
 * pdftotext -layout left of the figures and apart from each other
 * ("基本支出" ends where "2" begins): heading, number and figures are one
 * column. */
static void test_heading_and_number_left_of_figures(void **state)
{
    (void)state;
    const char *t = "功能分类          本年支出合计       基本支出              项目支出\n"
                    "         栏次     1               2             3\n"
                    "         合计     30.00               10.00    20.00\n"
                    "201 一般公共服务支出    30.00               10.00    20.00\n";
    jue_idoc *doc = grid_of(t);
    int c = col_of(doc, 4, "10.00");
    assert_int_equal(col_of(doc, 1, "基本支出"), c);
    assert_int_equal(col_of(doc, 2, "2"), c);
    assert_int_equal(col_of(doc, 1, "项目支出"), col_of(doc, 4, "20.00"));
    jue_idoc_free(doc);
}

/* A code table going on after a page break, under its 续表 mark and its
 * heading printed again one word a line: the rows after it are the
 * table's, and no heading word joins a name. */
static void test_continued_table_with_its_heading_again(void **state)
{
    (void)state;
    const char *head = "                    项目\n"
                       "功能分类                     本年收入合计      财政拨款收入\n"
                       "                    科目名称\n"
                       "科目编码\n";
    char t[2048];
    snprintf(t, sizeof t,
             "公开02表\n收入决算表\n编制单位：某某局                 金额单位：万元\n%s"
             "                    合计         30.00          30.00\n"
             "201       一般公共服务支出        10.00          10.00\n"
             "20101     人大事务             10.00          10.00\n"
             "\f                                                续表\n%s"
             "208       社会保障和就业支出       20.00          20.00\n"
             "20805     行政事业单位养老支出      20.00          20.00\n",
             head, head);
    jue_disclosure *d = import_text(t);
    jue_table *tab = d->tables[JUE_T02];
    assert_non_null(tab);
    int r = jue_table_find_row(tab, "208", JUE_SIDE_NONE), q = jue_table_find_row(tab, "20101", JUE_SIDE_NONE);
    assert_true(r >= 0 && q >= 0);
    assert_string_equal(tab->rows[q].name, "人大事务");
    assert_int_equal(jue_table_cell(tab, (size_t)r, 0)->printed, 20000000);
    jue_disclosure_free(d);
}

/* A 科目 name wrapped around its code row, one line above and one below
 * ("机关事业单位职业年金缴" / "2080506 … 4.00" / "费支出"), as a PDF centres
 * a cell of two lines: each name whole, on its own row. */
static void test_name_wrapped_around_its_code(void **state)
{
    (void)state;
    const char *t = "公开05表\n一般公共预算财政拨款支出决算表\n单位：万元\n"
                    "科目编码  科目名称        合计     基本支出\n"
                    "20805     行政事业单位养老支出     10.00     10.00\n"
                    "          机关事业单位基本养老保\n"
                    "2080505                   6.00      6.00\n"
                    "          险缴费支出\n"
                    "          机关事业单位职业年金缴\n"
                    "2080506                   4.00      4.00\n"
                    "          费支出\n"
                    "210       卫生健康支出          2.00      2.00\n";
    jue_disclosure *d = import_text(t);
    jue_table *tab = d->tables[JUE_T05];
    assert_non_null(tab);
    const char *want[][2] = { { "20805", "行政事业单位养老支出" },
                              { "2080505", "机关事业单位基本养老保险缴费支出" },
                              { "2080506", "机关事业单位职业年金缴费支出" },
                              { "210", "卫生健康支出" } };
    for (int k = 0; k < 4; k++) {
        int r = jue_table_find_row(tab, want[k][0], JUE_SIDE_NONE);
        assert_true(r >= 0);
        assert_string_equal(tab->rows[r].name, want[k][1]);
    }
    jue_disclosure_free(d);
}

/* A two-pane table whose expenditure lines go on alone for many lines
 * ("十、…" with nothing in the income pane): a line with a figure among
 * them, and the totals after them, keep the columns of the rows above. */
static void test_pane_lines_alone_keep_the_columns(void **state)
{
    (void)state;
    char t[4096] = "          项目         决算数                   项目        决算数\n"
                   "一、甲收入             10.00   一、乙支出                     6.00\n"
                   "二、丙收入              2.00   二、丁支出\n";
    static const char *const L[] = { "三、戊支出", "四、己支出", "五、庚支出", "六、辛支出", "七、壬支出",
                                     "八、癸支出", "九、子支出", "十、丑支出", "十一、寅支出" };
    for (int k = 0; k < 9; k++) {
        char line[128];
        snprintf(line, sizeof line, "                              %s%s\n", L[k], k == 4 ? "                  6.00" : "");
        strcat(t, line);
    }
    strcat(t, "本年收入合计           12.00 本年支出合计                  12.00\n"
              "总计                   12.00 总计                        12.00\n");
    jue_idoc *doc = grid_of(t);
    int fig = col_of(doc, 2, "6.00");
    assert_int_equal(col_of(doc, 8, "6.00"), fig);
    assert_int_equal(col_of(doc, 13, "本年支出合计"), col_of(doc, 2, "一、乙支出"));
    assert_int_equal(col_of(doc, 14, "总计"), 0);
    jue_idoc_free(doc);
}

/* The totals row of a two-pane table after three one-label lines: its
 * second "总计", centred in the expenditure pane's label column, ends a
 * position past that column's widest label above. It is that column's
 * label, and its figures stay in theirs. */
static void test_total_label_past_its_column(void **state)
{
    (void)state;
    const char *t =
                    "               收入                                 支出\n"
                    "                                                           一般公共      政府性基    国有资本\n"
                    "        项目          决算数                  项目      合计        预算财政      金预算财    经营预算\n"
                    "                                                            拨款       政拨款     财政拨款\n"
                    "一、一般公共预算财政拨款          6819.05   一、一般公共服务支出\n"
                    "二、政府性基金预算财政拨款                   二、外交支出\n"
                    "\n"
                    "三、国有资本经营预算财政拨款                  三、国防支出\n"
                    "                                四、公共安全支出\n"
                    "\n"
                    "                                五、教育支出\n"
                    "\n"
                    "                                六、科学技术支出\n"
                    "\n"
                    "                                七、文化旅游体育与传媒支出\n"
                    "                                八、社会保障和就业支出      801.80     801.80\n"
                    "\n"
                    "                                九、卫生健康支出         329.92     329.92\n"
                    "\n"
                    "                                十、节能环保支出\n"
                    "\n"
                    "                                十一、城乡社区支出        2723.29   2723.29\n"
                    "\n"
                    "                                十二、农林水支出\n"
                    "\n"
                    "                                十三、交通运输支出\n"
                    "                                十四、资源勘探工业信息等支出\n"
                    "\n"
                    "                                十五、商业服务业等支出\n"
                    "                                  十六、金融支出\n"
                    "\n"
                    "                                  十七、援助其他地区支出\n"
                    "\n"
                    "                                  十八、自然资源海洋气象等支出   1194.98   1194.98\n"
                    "                                  十九、住房保障支出        194.57    194.57\n"
                    "                                  二十、粮油物资储备支出\n"
                    "                                  二十一、国有资本经营预算支出\n"
                    "                                  二十二、灾害防治及应急管理支\n"
                    "                                  出\n"
                    "                                  二十三、其他支出\n"
                    "                                  二十四、抗疫特别国债安排的支\n"
                    "                                  出\n"
                    "本年收入合计                  6819.05   本年支出合计           6819.05   6819.05\n"
                    "年初财政拨款结转和结余                       年末财政拨款结转和结余\n"
                    "\n"
                    "一、一般公共预算财政拨款\n"
                    "\n"
                    "二、政府性基金预算财政拨款\n"
                    "\n"
                    "三、国有资本经营预算财政拨款\n"
                    "\n"
                    "         总计             6819.05            总计      6819.05   6819.05\n";
    jue_idoc *doc = grid_of(t);
    const jue_grow *r = row_at(doc, 52);
    int label = col_of(doc, 43, "本年支出合计"), fig = col_of(doc, 43, "6819.05");
    assert_true(label > fig);
    assert_true((size_t)label + 1 < r->n);
    assert_string_equal(r->cells[label].text, "总计");
    assert_string_equal(r->cells[label + 1].text, "6819.05");
    assert_int_equal(col_of(doc, 52, "6819.05"), fig);
    jue_idoc_free(doc);
}

/* A heading set over two lines of its own ("一般公共预" / "算财政拨款")
 * between the lines of the other headings, over the column of figures
 * right of 合计: each piece goes to that column, not to the first. */
static void test_heading_pieces_on_lines_of_their_own(void **state)
{
    (void)state;
    const char *t = "               收入                               支出\n"
                    "                                                                  政府性基   国有资本\n"
                    "                                                        一般公共预\n"
                    "       项目           决算数                项目      合计                 金预算财   经营预算\n"
                    "                                                        算财政拨款\n"
                    "                                                                   政拨款   财政拨款\n"
                    "一、一般公共预算财政拨款        120.50    一、一般公共服务支出       100.25    100.25\n"
                    "二、政府性基金预算财政拨款                 二、外交支出\n"
                    "                              八、社会保障和就业支出      20.25     20.25\n"
                    "本年收入合计               120.50   本年支出合计            120.50   120.50\n"
                    "注：本表反映部门本年度财政拨款总收支和结转结余情况。\n";
    jue_idoc *doc = grid_of(t);
    const jue_grow *r = row_at(doc, 7);
    int c = -1;
    for (size_t k = (size_t)col_of(doc, 4, "合计") + 1; k < r->n && c < 0; k++)
        if (!strcmp(r->cells[k].text, "100.25")) c = (int)k;
    assert_true(c > 0);
    assert_int_equal(col_of(doc, 3, "一般公共预"), c);
    assert_int_equal(col_of(doc, 5, "算财政拨款"), c);
    assert_int_equal(col_of(doc, 4, "项目"), 0);
    assert_int_equal(col_of(doc, 11, "注：本表反映部门本年度财政拨款总收支和结转结余情况。"), 0);
    jue_idoc_free(doc);
}

/* A heading over two columns of the heading row below it ("公务用车运行费"
 * over its 预算数 and 决算数) spans them: the columns stay apart, and a
 * figure under the last 预算数 is in that column. */
static void test_heading_over_two_columns_spans_them(void **state)
{
    (void)state;
    const char *t = "                                   财政拨款“三公”经费\n"
                    "         合计      因公出国（境）费\n"
                    "                                  小计                   公务用车运行费        公务接待费\n"
                    "\n"
                    "预算数       决算数   预算数   决算数   预算数    决算数   预算数    决算数   预算数   决算数   预算数      决算数\n"
                    "\n"
                    "  2.50                                                              2.50\n";
    jue_idoc *doc = grid_of(t);
    const jue_grow *h = row_at(doc, 5), *r = row_at(doc, 7);
    assert_int_equal(h->n, 12);
    assert_true(r->n >= 11);
    assert_string_equal(r->cells[0].text, "2.50");
    assert_string_equal(r->cells[10].text, "2.50");
    jue_idoc_free(doc);
}

/* ---- Markdown pipe tables ---------------------------------------------- */

/* The text of a cell (column col) on line `line`. */
static const char *cell_at(const jue_idoc *doc, int line, int col)
{
    const jue_grow *r = row_at(doc, line);
    return col < (int)r->n ? r->cells[col].text : "";
}

/* A pipe table's cells are their text: emphasis (**x**, *x*, __x__, _x_),
 * inline code, backslash escapes (an escaped pipe is no cell break), <br>
 * (inside Chinese words it joins them) and entities taken off; an
 * underscore inside an ASCII word stays; the delimiter row with alignment
 * colons is a blank row. */
static void test_markdown_cells_are_their_text(void **state)
{
    (void)state;
    jue_idoc *doc = grid_of("| 项目 | 金额 |\n"
                            "|:-----|-----:|\n"
                            "| **合计** | **1,234.50** |\n"
                            "| a\\|b | `12.00` |\n"
                            "| _其他_收入 | *3.00* |\n"
                            "| 一般公共预算<br>财政拨款 | 1&lt;2&amp;3 |\n"
                            "| __年末__ snake_case | x<br/>y |\n");
    assert_int_equal(row_at(doc, 2)->n, 0);
    assert_string_equal(cell_at(doc, 3, 0), "合计");
    assert_string_equal(cell_at(doc, 3, 1), "1,234.50");
    assert_int_equal(row_at(doc, 4)->n, 2);
    assert_string_equal(cell_at(doc, 4, 0), "a|b");
    assert_string_equal(cell_at(doc, 4, 1), "12.00");
    assert_string_equal(cell_at(doc, 5, 0), "其他收入");
    assert_string_equal(cell_at(doc, 5, 1), "3.00");
    assert_string_equal(cell_at(doc, 6, 0), "一般公共预算财政拨款");
    assert_string_equal(cell_at(doc, 6, 1), "1<2&3");
    assert_string_equal(cell_at(doc, 7, 0), "年末 snake_case");
    assert_string_equal(cell_at(doc, 7, 1), "x y");
    jue_idoc_free(doc);
}

/* A header whose cells join headings with '/' (as `build` writes them) is
 * one grid row per level on the header's line, laid out as merged heading
 * cells: 收入 over three columns once and copied, 本年 (one level) copied
 * down. Without outer pipes it is the same table. */
static void test_markdown_header_levels(void **state)
{
    (void)state;
    const char *t = "收入/项目 | 收入/行次 | 收入/金额 | 本年\n"
                    "--- | :---: | ---: | ---:\n"
                    "事业收入 | 5 | 1.00 | 2.00\n";
    jue_idoc *doc = grid_of(t);
    const jue_grid *g = &doc->grids[0];
    assert_int_equal(g->n, 4);   /* two header rows on line 1, the delimiter row, a row */
    const jue_grow *top = &g->rows[0], *leaf = &g->rows[1];
    assert_int_equal(top->line, 1);
    assert_int_equal(leaf->line, 1);
    assert_string_equal(top->cells[0].text, "收入");
    assert_false(top->cells[0].copy);
    assert_string_equal(top->cells[1].text, "收入");
    assert_true(top->cells[1].copy && top->cells[2].copy);
    assert_string_equal(top->cells[3].text, "本年");
    assert_false(top->cells[3].copy);
    assert_string_equal(leaf->cells[1].text, "行次");
    assert_false(leaf->cells[1].copy);
    assert_string_equal(leaf->cells[3].text, "本年");
    assert_true(leaf->cells[3].copy);
    assert_string_equal(cell_at(doc, 3, 2), "1.00");
    jue_idoc_free(doc);
}

/* 01 and 02 as a Markdown writer prints them: 01's panes under 收入/… and
 * 支出/… headings, bold totals; 02 as pandoc writes a pipe table without
 * outer pipes, alignment colons, a closed ATX heading, thousands
 * separators. Both are read whole: 01 with both panes, its 行次 and its
 * 总计 rows, 02's 合计 with its figures. */
static void test_markdown_tables_read(void **state)
{
    (void)state;
    const char *t = "# 某某局2024年度部门决算表\n\n"
                    "## 收入支出决算总表\n\n"
                    "公开01表　编制单位：某某局　金额单位：万元\n\n"
                    "| 收入/项目 | 收入/行次 | 收入/金额 | 支出/项目 | 支出/行次 | 支出/金额 |\n"
                    "| --- | :---: | ---: | --- | :---: | ---: |\n"
                    "| 栏次 |  | 1 | 栏次 |  | 2 |\n"
                    "| 一、一般公共预算财政拨款收入 | 1 | 1,010.00 | 一、一般公共服务支出 | 32 | 1,010.00 |\n"
                    "| **本年收入合计** | **27** | **1,010.00** | **本年支出合计** | **58** | **1,010.00** |\n"
                    "| **总计** | **31** | **1,010.00** | **总计** | **62** | **1,010.00** |\n\n"
                    "### 收入决算表 ###\n\n"
                    "公开02表　编制单位：某某局　金额单位：万元\n\n"
                    "科目编码 | 科目名称 | 本年收入合计 | 财政拨款收入 | 其他收入\n"
                    ":--- | :--- | ---: | ---: | ---:\n"
                    "**合计** | | **1,010.00** | **1,000.00** | **10.00**\n"
                    "201 | 一般公共服务支出 | 1,010.00 | 1,000.00 | 10.00\n"
                    "20101 | 人大事务 | 1,010.00 | 1,000.00 | 10.00\n"
                    "2010101 | 行政运行 | 1,010.00 | 1,000.00 | 10.00\n";
    jue_disclosure *d = import_text(t);
    jue_table *t1 = d->tables[JUE_T01];
    assert_non_null(t1);
    int in = jue_table_find_row(t1, "收入总计", JUE_SIDE_NONE), out = jue_table_find_row(t1, "支出总计", JUE_SIDE_NONE);
    int cls = jue_table_find_row(t1, "201", JUE_SIDE_EXPEND);
    assert_true(in >= 0 && out >= 0 && cls >= 0);
    assert_int_equal(t1->rows[out].line_no, 62);
    assert_int_equal(t1->rows[cls].line_no, 32);
    int amt = jue_table_find_col(t1, "决算数");
    assert_true(amt >= 0);
    assert_int_equal(jue_table_cell(t1, (size_t)out, (size_t)amt)->printed, 1010000000);   /* 1,010.00 万元 in 分 */
    jue_table *t2 = d->tables[JUE_T02];
    assert_non_null(t2);
    int r = jue_table_find_row(t2, "合计", JUE_SIDE_NONE), c = jue_table_find_col(t2, "其他收入");
    assert_true(r >= 0 && c >= 0);
    assert_int_equal(jue_table_cell(t2, (size_t)r, (size_t)c)->printed, 10000000);
    assert_true(jue_table_find_row(t2, "2010101", JUE_SIDE_NONE) >= 0);
    jue_disclosure_free(d);
}

/* Markdown as pandoc writes it from a document with merged cells: an HTML
 * table among the lines (read by the HTML door, its rows at their lines;
 * the lines after it keep their numbers) and the contents as links, read
 * as their text (no figure of "#part-13" in a sentence). */
static void test_markdown_with_an_html_table_and_links(void **state)
{
    (void)state;
    const char *t = "- [十三、国有资产占用情况说明](#notes-13)\n"
                    "## 收入决算表\n"
                    "公开02表　编制单位：某某局　金额单位：万元\n"
                    "<table>\n"
                    "<thead>\n"
                    "<tr><th colspan=\"2\">项目</th><th rowspan=\"2\">本年收入合计</th><th rowspan=\"2\">财政拨款收入</th></tr>\n"
                    "<tr><th>科目编码</th><th>科目名称</th></tr>\n"
                    "</thead>\n"
                    "<tbody>\n"
                    "<tr><td colspan=\"2\">合计</td><td>10.00</td><td>10.00</td></tr>\n"
                    "<tr><td>201</td><td>一般公共服务支出</td><td>10.00</td><td>10.00</td></tr>\n"
                    "<tr><td>20101</td><td>人大事务</td><td>10.00</td><td>10.00</td></tr>\n"
                    "</tbody>\n"
                    "</table>\n"
                    "注：本表无其他收入。\n";
    jue_idoc *doc = grid_of(t);
    assert_string_equal(cell_at(doc, 1, 0), "十三、国有资产占用情况说明");
    assert_string_equal(cell_at(doc, 11, 0), "201");
    assert_string_equal(cell_at(doc, 11, 3), "10.00");
    assert_string_equal(cell_at(doc, 15, 0), "注：本表无其他收入。");
    jue_idoc_free(doc);
    jue_disclosure *d = import_text(t);
    jue_table *t2 = d->tables[JUE_T02];
    assert_non_null(t2);
    int r = jue_table_find_row(t2, "20101", JUE_SIDE_NONE), c = jue_table_find_col(t2, "财政拨款收入");
    assert_true(r >= 0 && c >= 0);
    assert_int_equal(jue_table_cell(t2, (size_t)r, (size_t)c)->printed, 10000000);
    assert_int_equal(t2->rows[r].src_line, 12);
    jue_disclosure_free(d);
}

/* A grid table as pandoc writes one in its own Markdown: +---+ rules, a
 * row's cells wrapped over several lines, cut inside a figure ("23," /
 * "703" / ".45"), bold split over lines, a quote mark and a hard break: each
 * row is one grid row at its first line, its cells joined again; the line
 * after the table is read as before. */
static void test_markdown_grid_table(void **state)
{
    (void)state;
    const char *t = "+-------+-----------+-----+\n"
                    "| 科目  | 科目名称  | 本  |\n"
                    "| 编码\\ |           | 年  |\n"
                    "+=======+===========+=====+\n"
                    "| **合  |           | **1 |\n"
                    "| 计**  |           | ,70 |\n"
                    "|       |           | 3.4 |\n"
                    "|       |           | 5** |\n"
                    "+-------+-----------+-----+\n"
                    "| 20    | > 行政事  | 91  |\n"
                    "| 80505 | 业单位    | .21 |\n"
                    "+-------+-----------+-----+\n"
                    "注：本表金额单位为万元。\n";
    jue_idoc *doc = grid_of(t);
    assert_string_equal(cell_at(doc, 2, 0), "科目编码");
    assert_string_equal(cell_at(doc, 2, 2), "本年");
    assert_string_equal(cell_at(doc, 5, 0), "合计");
    assert_string_equal(cell_at(doc, 5, 2), "1,703.45");
    assert_string_equal(cell_at(doc, 10, 0), "2080505");
    assert_string_equal(cell_at(doc, 10, 1), "行政事业单位");
    assert_string_equal(cell_at(doc, 10, 2), "91.21");
    assert_int_equal(row_at(doc, 11)->n, 0);
    assert_string_equal(cell_at(doc, 13, 0), "注：本表金额单位为万元。");
    jue_idoc_free(doc);
    /* a bold total in a space-aligned table (pandoc's multiline tables) */
    doc = grid_of("  **本年收入合计**     **27**   **23,965.16**   __本年支出合计__\n");
    assert_string_equal(cell_at(doc, 1, 0), "本年收入合计");
    assert_string_equal(cell_at(doc, 1, 2), "23,965.16");
    assert_string_equal(cell_at(doc, 1, 3), "本年支出合计");
    jue_idoc_free(doc);
}

/* Simple and multiline tables as pandoc writes them in its own Markdown: a
 * column rule of dash groups gives each column's extent in display columns
 * (a CJK character two). A cell that fills its column is one space from the
 * next ("49.00 万 5": split at runs of spaces the 分值 would be lost in the
 * figure's cell); a blank cell stays blank; a multiline row's wrapped lines
 * are one row at its first line, a cell's pieces joined (Chinese without a
 * space, other words with one); the lines after a table are read as before. */
static void test_markdown_simple_and_multiline_tables(void **state)
{
    (void)state;
    const char *t = "某某局项目支出绩效自评表\n"                                   /* 1 */
                    "\n"
                    "  二级指标   三级指标         指标值   实际值   分值\n"
                    "  ---------- ---------------- -------- -------- ----\n"
                    "  成本指标   按预算执行标准   ≤预算    49.00 万 5\n"             /* 5 */
                    "  质量指标   追回资金                           10\n"
                    "\n"
                    "  ---------- ------------ ------\n"
                    "  项目名称   医疗保障事务\n"
                    "             管理\n"                                              /* 10 */
                    "\n"
                    "  总体目     see the      10\n"
                    "  标完成     annex\n"
                    "  情况\n"
                    "  ---------- ------------ ------\n"                              /* 15 */
                    "\n"
                    "  ----------------------------\n"
                    "  科目       金额\n"
                    "  名称       (万元)\n"
                    "  ---------- ------------\n"                                     /* 20 */
                    "  合计       1,234.00\n"
                    "\n"
                    "  其他支出\n"
                    "  ----------------------------\n"
                    "\n"                                                               /* 25 */
                    "注：本表金额单位为万元。\n";
    jue_idoc *doc = grid_of(t);
    assert_string_equal(cell_at(doc, 3, 0), "二级指标");
    assert_string_equal(cell_at(doc, 3, 4), "分值");
    assert_int_equal(row_at(doc, 4)->n, 0);
    assert_string_equal(cell_at(doc, 5, 0), "成本指标");
    assert_string_equal(cell_at(doc, 5, 2), "≤预算");
    assert_string_equal(cell_at(doc, 5, 3), "49.00 万");
    assert_string_equal(cell_at(doc, 5, 4), "5");
    assert_string_equal(cell_at(doc, 6, 1), "追回资金");
    assert_string_equal(cell_at(doc, 6, 2), "");
    assert_string_equal(cell_at(doc, 6, 3), "");
    assert_string_equal(cell_at(doc, 6, 4), "10");
    assert_string_equal(cell_at(doc, 9, 1), "医疗保障事务管理");
    assert_int_equal(row_at(doc, 10)->n, 0);
    assert_string_equal(cell_at(doc, 12, 0), "总体目标完成情况");
    assert_string_equal(cell_at(doc, 12, 1), "see the annex");
    assert_string_equal(cell_at(doc, 12, 2), "10");
    assert_int_equal(row_at(doc, 13)->n, 0);
    assert_string_equal(cell_at(doc, 18, 0), "科目名称");
    assert_string_equal(cell_at(doc, 18, 1), "金额 (万元)");
    assert_string_equal(cell_at(doc, 21, 1), "1,234.00");
    assert_string_equal(cell_at(doc, 23, 0), "其他支出");
    assert_string_equal(cell_at(doc, 23, 1), "");
    assert_string_equal(cell_at(doc, 26, 0), "注：本表金额单位为万元。");
    jue_idoc_free(doc);
}

/* A text document of one empty grid. */
static jue_grid *text_grid(jue_idoc **doc)
{
    *doc = jue_idoc_new("t.txt", JUE_IN_TEXT);
    assert_non_null(*doc);
    jue_grid *g = jue_idoc_add_grid(*doc, NULL);
    assert_non_null(g);
    return g;
}

/* A grid's cells set, replaced by a shorter text, a longer one and a blank,
 * and a row grown past its first cells: each keeps its own text, and the
 * budget counts what the cells hold now (the texts live in blocks the
 * document keeps, a longer replacement in its own allocation). */
static void test_grid_cells_replaced(void **state)
{
    (void)state;
    jue_idoc *doc;
    jue_grid *g = text_grid(&doc);
    jue_grow *r = jue_grid_add_row(g, 1);
    assert_non_null(r);
    assert_non_null(jue_grow_set(r, 0, "  基本支出  ", strlen("  基本支出  ")));
    assert_non_null(jue_grow_set(r, 1, "1,234.56", 8));
    assert_string_equal(jue_grow_text(r, 0), "基本支出");
    assert_non_null(jue_grow_set(r, 0, "支出", strlen("支出")));                 /* shorter */
    assert_non_null(jue_grow_set(r, 1, "12,345,678.90", 13));                   /* longer */
    assert_string_equal(jue_grow_text(r, 0), "支出");
    assert_string_equal(jue_grow_text(r, 1), "12,345,678.90");
    assert_non_null(jue_grow_set(r, 1, r->cells[1].text + 3, 10));              /* from its own text */
    assert_string_equal(jue_grow_text(r, 1), "345,678.90");
    assert_non_null(jue_grow_set(r, 1, "", 0));                                 /* blank */
    assert_string_equal(jue_grow_text(r, 1), "");
    assert_non_null(jue_grow_set(r, 1, "合计", strlen("合计")));
    char want[200][8];
    for (int c = 2; c < 200; c++) {   /* past the row's first cells, and past those kept in blocks (64) */
        snprintf(want[c], sizeof want[c], "c%d", c);
        assert_non_null(jue_grow_set(r, c, want[c], strlen(want[c])));
        assert_string_equal(jue_grow_text(r, c - 1), c > 2 ? want[c - 1] : "合计");
    }
    assert_string_equal(jue_grow_text(r, 0), "支出");
    assert_string_equal(jue_grow_text(r, 1), "合计");
    for (int c = 2; c < 200; c++) assert_string_equal(jue_grow_text(r, c), want[c]);
    for (int c = 0; c < 200; c++) assert_int_equal(r->cells[c].col, c);
    size_t text = strlen("支出") + strlen("合计");
    for (int c = 2; c < 200; c++) text += strlen(want[c]);
    assert_int_equal(doc->used.text, text);
    assert_int_equal(doc->used.cells, 200);
    jue_grid_drop_last(g);
    r = jue_grid_add_row(g, 2);
    assert_non_null(r);
    assert_non_null(jue_grow_set(r, 0, "一般公共预算财政拨款支出", strlen("一般公共预算财政拨款支出")));
    assert_string_equal(jue_grow_text(r, 0), "一般公共预算财政拨款支出");
    jue_idoc_free(doc);
}

/* What the recognizer finds of a cell (amount, dashes, fold, match key) is
 * kept on the cell and answers for the text the cell holds: setting another
 * text, shorter (written over the old) or longer, forgets it. */
static void test_cell_forms_follow_its_text(void **state)
{
    (void)state;
    jue_idoc *doc;
    jue_grid *g = text_grid(&doc);
    jue_grow *r = jue_grid_add_row(g, 1);
    assert_non_null(r);
    char buf[MAXK];
    assert_non_null(jue_grow_set(r, 0, "１,234.56", strlen("１,234.56")));
    const jue_gcell *c = &r->cells[0];
    assert_true(jue_rec_cell_amount(c));
    assert_false(jue_rec_cell_dashes(c));
    assert_string_equal(jue_rec_cell_fold(doc, c, buf), "1,234.56");
    assert_string_equal(jue_rec_cell_key(doc, c, buf), "1,234.56");
    assert_true(jue_rec_cell_amount_in(doc, c));   /* asked again: the same */
    assert_string_equal(jue_rec_cell_fold(doc, c, buf), "1,234.56");
    for (int u = 0; u < 2; u++) {   /* the kept parse is the parser's in each unit, asked twice */
        jue_unit unit = u ? JUE_UNIT_YUAN : JUE_UNIT_WAN;
        jue_amount a, b, w;
        assert_int_equal(jue_amount_parse(c->text, strlen(c->text), unit, &w, NULL), JUE_OK);
        assert_int_equal(jue_rec_cell_parse(doc, c, unit, &a), JUE_OK);
        assert_int_equal(jue_rec_cell_parse(doc, c, unit, &b), JUE_OK);
        assert_true(a.value == w.value && b.value == w.value && a.decimals == w.decimals);
    }
    assert_string_equal(jue_rec_single_text(r), "１,234.56");
    assert_non_null(jue_grow_set(r, 0, "—", strlen("—")));   /* shorter: written over */
    assert_string_equal(jue_rec_single_text(r), "—");
    assert_non_null(jue_grow_set(r, 1, "合计", strlen("合计")));   /* the row's one text no more */
    assert_null(jue_rec_single_text(r));
    assert_non_null(jue_grow_set(r, 1, "", 0));
    assert_string_equal(jue_rec_single_text(r), "—");
    assert_false(jue_rec_cell_amount_in(doc, c));
    assert_true(jue_rec_cell_dashes(c));
    jue_amount dash, want;
    assert_int_equal(jue_rec_cell_parse(doc, c, JUE_UNIT_WAN, &dash), jue_amount_parse("—", strlen("—"), JUE_UNIT_WAN, &want, NULL));
    assert_string_equal(jue_rec_cell_fold(doc, c, buf), "—");
    assert_non_null(jue_grow_set(r, 0, "“合 计”（续）", strlen("“合 计”（续）")));   /* longer */
    assert_false(jue_rec_cell_amount(c));
    assert_false(jue_rec_cell_dashes(c));
    jue_amount none;
    assert_int_not_equal(jue_rec_cell_parse(doc, c, JUE_UNIT_WAN, &none), JUE_OK);   /* a memo made with doc */
    assert_string_equal(jue_rec_cell_fold(NULL, c, buf), "“合计”(续)");               /* then asked without */
    assert_string_equal(jue_rec_cell_fold(doc, c, buf), "“合计”(续)");
    assert_string_equal(jue_rec_cell_key(doc, c, buf), "\"合计\"(续)");
    assert_non_null(jue_grow_set(r, 0, "", 0));
    assert_string_equal(jue_rec_cell_fold(doc, c, buf), "");
    assert_true(jue_rec_cell_dashes(c));
    /* a cell of no document: the forms written to buf */
    jue_gcell loose = { .text = (char *)"（一）基本支出" };
    assert_ptr_equal(jue_rec_cell_fold(NULL, &loose, buf), buf);
    assert_string_equal(buf, "(一)基本支出");
    jue_idoc_free(doc);
}

/* "Is this an amount" answers ASCII digits alone without the parser: the
 * answer is the parser's for every length and every digit. */
static void test_digits_are_amounts_as_parsed(void **state)
{
    (void)state;
    char s[16];
    unsigned x = 12345;
    for (size_t len = 1; len <= 12; len++) {
        for (int it = 0; it < 2000; it++) {
            for (size_t i = 0; i < len; i++) {
                x = x * 1103515245u + 12345u;
                s[i] = (char)('0' + (it == 0 ? 0 : it == 1 ? 9 : (int)((x >> 16) % 10)));
            }
            s[len] = '\0';
            jue_amount a;
            bool parsed = jue_amount_parse(s, len, JUE_UNIT_WAN, &a, NULL) == JUE_OK && !a.blank;
            assert_int_equal(jue_rec_amount(s), parsed);
        }
    }
    /* a text of dashes alone is never an amount (jue_rec_cell_dashes takes
     * an amount for no dashes without looking) */
    static const char *const D[] = { "-", "—", "–", "－", " ", "\xE3\x80\x80" };
    size_t nd = sizeof D / sizeof D[0];
    for (size_t a = 0; a < nd; a++)
        for (size_t b = 0; b <= nd; b++)
            for (size_t c = 0; c <= nd; c++) {
                char t[16];
                snprintf(t, sizeof t, "%s%s%s", D[a], b < nd ? D[b] : "", c < nd ? D[c] : "");
                assert_false(jue_rec_dashes(t) && jue_rec_amount(t));
            }
}

/* The comparison forms of a label: spaces (ASCII, U+3000, U+00A0) and "**"
 * dropped, full-width ASCII folded, quotes and 〔〕 unified in a match key;
 * the forms written to a buffer and to memory are the same. */
static void test_squeeze_and_matchkey(void **state)
{
    (void)state;
    static const struct { const char *in, *sq, *fold, *key; } CASE[] = {
        { " 基本\xE3\x80\x80支出 ", "基本支出", "基本支出", "基本支出" },
        { "**合计**\xC2\xA0（一）", "合计（一）", "合计(一)", "合计(一)" },
        { "“三公”经费〔2024〕", "“三公”经费〔2024〕", "“三公”经费〔2024〕", "\"三公\"经费(2024)" },
        { "ＡＢ１２％", "ＡＢ１２％", "AB12%", "AB12%" },
        { "a*b \xEF\xBC", "a*b\xEF\xBC", "a*b\xEF\xBC", "a*b\xEF\xBC" },
        { "", "", "", "" },
    };
    for (size_t i = 0; i < sizeof CASE / sizeof CASE[0]; i++) {
        jue_buf b;
        jue_buf_init(&b);
        jue_buf_puts(&b, "前");
        jue_imp_squeeze(&b, CASE[i].in, false);
        jue_imp_squeeze(&b, CASE[i].in, true);
        jue_imp_matchkey(&b, CASE[i].in);
        char want[256];
        snprintf(want, sizeof want, "前%s%s%s", CASE[i].sq, CASE[i].fold, CASE[i].key);
        assert_string_equal(jue_buf_str(&b), want);
        jue_buf_free(&b);
        char out[64];
        size_t n = strlen(CASE[i].in);
        assert_int_equal(jue_imp_squeeze_to(out, CASE[i].in, n, true), strlen(CASE[i].fold));
        assert_string_equal(out, CASE[i].fold);
        assert_int_equal(jue_imp_matchkey_to(out, CASE[i].in, n), strlen(CASE[i].key));
        assert_string_equal(out, CASE[i].key);
    }
}

/* Code points of s[0, n). */
static int cp_len(const char *s, size_t n)
{
    int k = 0;
    for (size_t i = 0; i < n; i++) k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

/* The cut a reader's copy makes of a -layout text (eval/wrap.py's
 * wrap_prose): each line of one text (no run of two spaces after its
 * indent) longer than w code points is cut into pieces of w, spaces kept;
 * rows of cells are left whole. first[k] gets the copy's line where the
 * text's line k+1 starts. */
static char *wrap_spaced(const char *in, int w, int *first, int nfirst)
{
    jue_buf b;
    jue_buf_init(&b);
    int out = 1, k = 0;
    for (const char *p = in; *p; k++) {
        const char *e = strchr(p, '\n');
        if (!e) e = p + strlen(p);
        const char *s = p;
        while (s < e && *s == ' ') s++;
        bool cells = false;
        for (const char *q = s; q + 1 < e; q++) cells |= q[0] == ' ' && q[1] == ' ';
        if (k < nfirst) first[k] = out;
        while (!cells && cp_len(p, (size_t)(e - p)) > w) {
            const char *q = p;
            for (int c = 0; c < w; c++)
                do q++; while (((unsigned char)*q & 0xC0) == 0x80);
            jue_buf_putn(&b, p, (size_t)(q - p));
            jue_buf_putc(&b, '\n');
            out++;
            p = q;
        }
        jue_buf_putn(&b, p, (size_t)(e - p));
        jue_buf_putc(&b, '\n');
        out++;
        p = *e ? e + 1 : e;
    }
    return b.data;
}

/* A -layout copy with its prose wrapped at 24 characters, spaces kept (a
 * reader's copy: the rows of cells run past the width, whole): the cut
 * lines of one text are put back, so a heading piece cut inside its indent
 * ("一般公共预", 56 positions in, printed 32 in on a line of its own after 24
 * spaces) and a title cut inside its words stand where they were printed.
 * The grid is the unwrapped copy's, each row at the line its first piece
 * starts. The same at 40, wider than most of the prose. */
static void test_layout_prose_wrapped_spaces_kept(void **state)
{
    (void)state;
    const char *t = "本部门2024年度的收入与支出情况说明如下所列，请对照阅读附表的各项数字。\n"
                    "一般公共预算财政拨款收入一百二十万五千元，比上年度略有增加，主要是人员增加。\n"
                    "一般公共预算财政拨款支出一百二十万五千元，比上年度略有增加，主要是人员增加。\n"
                    "                             财政拨款收入支出决算总表\n"
                    "                                                                    单位：万元\n"
                    "               收入                               支出\n"
                    "                                                                  政府性基   国有资本\n"
                    "                                                        一般公共预\n"
                    "       项目           决算数                项目      合计                 金预算财   经营预算\n"
                    "                                                        算财政拨款\n"
                    "                                                                   政拨款   财政拨款\n"
                    "一、一般公共预算财政拨款        120.50    一、一般公共服务支出       100.25    100.25\n"
                    "二、政府性基金预算财政拨款                 二、外交支出\n"
                    "三、国有资本经营预算财政拨款                三、国防支出\n"
                    "                              八、社会保障和就业支出      20.25     20.25\n"
                    "本年收入合计               120.50   本年支出合计            120.50   120.50\n"
                    "年初财政拨款结转和结余                   年末财政拨款结转和结余\n"
                    "         总计          120.50            总计       120.50   120.50\n"
                    "注：本表反映部门本年度财政拨款总收支和结转结余情况，本年度没有政府性基金预算财政拨款。\n"
                    "本部门2024年度的收入与支出情况说明如下所列，请对照阅读附表的各项数字。\n"
                    "本部门2024年度的收入与支出情况说明如下所列，请对照阅读附表的各项数字。\n"
                    "本部门2024年度的收入与支出情况说明如下所列，请对照阅读附表的各项数字。\n";
    /* 24: the prose cut too; 40: wider than the prose, only the indented
     * lines cut (three pieces of spaces alone tell the width) */
    static const int width[] = { 24, 40 };
    for (size_t k = 0; k < sizeof width / sizeof *width; k++) {
        int first[32];
        char *w = wrap_spaced(t, width[k], first, 32);
        jue_idoc *a = grid_of(t), *b = grid_of(w);
        assert_int_equal(b->wrap_width, 0);   /* read as the copy it was cut from */
        size_t j = 0;
        for (size_t i = 0; i < a->grids[0].n; i++) {
            const jue_grow *ra = &a->grids[0].rows[i];
            if (!jue_grow_filled(ra)) continue;
            while (j < b->grids[0].n && !jue_grow_filled(&b->grids[0].rows[j])) j++;
            assert_true(j < b->grids[0].n);
            const jue_grow *rb = &b->grids[0].rows[j++];
            assert_int_equal(rb->line, first[ra->line - 1]);
            assert_int_equal(rb->n, ra->n);
            for (size_t c = 0; c < ra->n; c++) assert_string_equal(rb->cells[c].text, ra->cells[c].text);
        }
        jue_idoc_free(a);
        jue_idoc_free(b);
        free(w);
    }
}

/* A table whose rows this reader cannot take (here an HTML table whose
 * amount row is labelled 金额) while amounts are printed under its title is
 * set aside as unread, not read as an empty table: "没有数据" would accuse
 * the document of an empty table it does not have. */
static void test_amounts_but_no_rows_set_aside(void **state)
{
    (void)state;
    const char *t = "# 某局2024年度部门决算\n\n"
                    "## 一般公共预算财政拨款“三公”经费支出决算表\n\n"
                    "<table>\n<thead>\n"
                    "<tr><th rowspan=\"2\">项目</th><th colspan=\"2\">预算数</th></tr>\n"
                    "<tr><th>合计</th><th>因公出国（境）费</th></tr>\n"
                    "</thead>\n<tbody>\n"
                    "<tr><td>栏次</td><td>1</td><td>2</td></tr>\n"
                    "<tr><td>金额</td><td>3.50</td><td>&nbsp;</td></tr>\n"
                    "</tbody>\n</table>\n";
    assert_set_aside(t, JUE_T09);
    /* rows read, but no amount in any of them: the same */
    assert_set_aside("收入决算表\n金额单位：万元\n合计\t1.00\n", JUE_T02);
    /* a table of zeros is the empty table it is */
    jue_disclosure *d = import_text("收入决算表\n金额单位：万元\n科目编码\t科目名称\t本年收入合计\t财政拨款收入\n合计\t\t0.00\t0.00\n");
    assert_non_null(d->tables[JUE_T02]);
    assert_true(d->tables[JUE_T02]->empty);
    jue_disclosure_free(d);
}

/* A contents list whose entry is a label and a title alone on a line (its
 * 否 cut to the next line, as a copy wrapped at a width leaves it) reads as
 * the table's title over nothing; the title printed again later, over the
 * table, is the table (before, the second was dropped as a copy and the
 * table read empty). */
static void test_contents_entry_then_table(void **state)
{
    (void)state;
    const char *t = "序号\t内容\t是否空表\n"
                    "表 4\t财政拨款收入支出决算总表\t否\n"
                    "表 5\t一般公共预算财政拨款支出决算表\t\n"
                    "否\t\n"
                    "表 6\t一般公共预算财政拨款基本支出决算\n"
                    "表\t否\t\n"
                    "表 7\t政府性基金预算财政拨款收入支出决\n"
                    "算表\t是\t本部门不涉及 故公开空表\n"
                    "表 8\t国有资本经营预算财政拨款支出决算\n"
                    "表\t是\t本部门不涉及 故公开空表\n"
                    "\n"
                    "财政拨款收入支出决算总表\n"
                    "金额单位：万元\n"
                    "项目\t决算数\t项目\t决算数\n"
                    "一、一般公共预算财政拨款\t14.52\t一、社会保障和就业支出\t14.52\n"
                    "本年收入合计\t14.52\t本年支出合计\t14.52\n"
                    "\n"
                    "一般公共预算财政拨款支出决算表\n"
                    "金额单位：万元\n"
                    "科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
                    "合计\t\t14.52\t14.52\t0.00\n"
                    "208\t社会保障和就业支出\t14.52\t14.52\t0.00\n"
                    "20805\t行政事业单位养老支出\t14.52\t14.52\t0.00\n"
                    "2080505\t机关事业单位基本养老保险缴费支出\t14.52\t14.52\t0.00\n";
    jue_disclosure *d = import_text(t);
    assert_non_null(d->tables[JUE_T05]);
    assert_true(d->tables[JUE_T05]->nrows >= 3);
    jue_disclosure_free(d);
}

/* A figure the amount parser cannot read ("318.2007.45": two figures run
 * together, or one cut off) leaves its row's sums unknown: the table is set
 * aside, not read with that cell blank (a 合计 of 0 against its parts). */
static void test_unreadable_figure_sets_table_aside(void **state)
{
    (void)state;
    const char *t = "收入决算表\n"
                    "金额单位：元\n"
                    "| 科目编码 | 科目名称 | 本年收入合计 | 财政拨款收入 |\n"
                    "|---|---|---|---|\n"
                    "| 210 | 卫生健康支出 | 1,234.50 | 1,234.50 |\n"
                    "|  | 合计 | 318.2007.45 | 1,234.50 |\n";
    assert_set_aside(t, JUE_T02);
}

/* A code of no code's length in a code table ("210150": a narrow column
 * printed its last digit on the next line, beside the next row's name) is
 * a row whose level is unknown: the table is set aside, not summed with the
 * row left out of its parent (T05.hierarchy against 21015). */
static void test_cut_code_sets_table_aside(void **state)
{
    (void)state;
    const char *t = "一般公共预算财政拨款支出决算表\n"
                    "金额单位：万元\n"
                    "科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
                    "合计\t\t196.50\t137.70\t58.80\n"
                    "210\t卫生健康支出\t196.50\t137.70\t58.80\n"
                    "21015\t医疗保障管理事务\t196.50\t137.70\t58.80\n"
                    "2101501\t行政运行\t137.70\t137.70\t0.00\n"
                    "210150\t医疗保障经办事务\t48.9\t0.00\t48.96\n"
                    "\t其他医疗保障管理事务支出\t9.84\t0.00\t9.84\n";
    assert_set_aside(t, JUE_T05);
}

/* A code table whose body a line of its own ended early ("134.2" over "4":
 * a figure a narrow column wrapped), with more of its code rows printed
 * after: read so, 21015 would be short of its children and accused; the
 * table is set aside as read in part. */
static void test_body_ended_early_sets_table_aside(void **state)
{
    (void)state;
    const char *t = "一般公共预算财政拨款支出决算表\n"
                    "金额单位：万元\n"
                    "科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
                    "合计\t\t196.50\t137.70\t58.80\n"
                    "210\t卫生健康支出\t196.50\t137.70\t58.80\n"
                    "21015\t医疗保障管理事务\t196.50\t137.70\t58.80\n"
                    "2101501\t行政运行\t137.70\t137.70\t0.00\n"
                    "134.2\n"
                    "4\n"
                    "2101504\t信息化建设\t48.96\t0.00\t48.96\n"
                    "2101599\t其他医疗保障管理事务支出\t9.84\t0.00\t9.84\n";
    assert_set_aside(t, JUE_T05);
}

/* A contents list copied a cell a line (序号 / 内容 / 是否空表 / 理由): a
 * title with 是 or 否 under it is an entry of the list, not a table printed
 * empty; a table listed there and printed nowhere is missing. Nor is a
 * 自评表's "100" alone on its line a 类 code of an untitled table. The rows
 * of a title's table that cannot be read are no headings of the notes. */
static void test_contents_list_entries_are_no_tables(void **state)
{
    (void)state;
    const char *t = "第三部分 决算表\n"
                    "序号\n内容\n是否空表\n表格为空的理由\n"
                    "表 7\n政府性基金预算财政拨款收入支出决算表\n否\n\n"
                    "表 8\n国有资本经营预算财政拨款支出决算表\n是\n本部门不涉及 故公开空表\n"
                    "收入支出决算总表\n公开 01 表\n金额单位：万元\n项目\n决算数\n"
                    "一、一般公共预算财政拨款收入\n1\n526.04\n二、外交支出\n32\n0.00\n"
                    "二、政府性基金预算财政拨款收入\n2\n0.00\n三、国防支出\n33\n0.00\n"
                    "三、上级补助收入\n3\n0.00\n四、公共安全支出\n34\n0.00\n"
                    "注：本表反映部门本年度的总收支。\n"
                    "整体支出绩效自评表\n100\n98.50\n100\n97.00\n100\n96.00\n";
    jue_diags dg;
    jue_diags_init(&dg);
    jue_disclosure *d = NULL;
    jue_import_buffer(t, strlen(t), "t.txt", JUE_IN_TEXT, g_cat, g_prof, &d, NULL, &dg);
    assert_non_null(d);
    assert_null(d->tables[JUE_T08]);
    assert_null(d->unread[JUE_T08]);   /* missing: complete.present, not "perhaps untitled" */
    assert_null(d->tables[JUE_T07]);
    assert_null(d->unread[JUE_T07]);
    assert_non_null(d->unread[JUE_T01]);
    for (size_t i = 0; i < d->claims.nsections; i++)
        assert_null(strstr(d->claims.sections[i].title, "外交支出"));
    jue_disclosure_free(d);
    jue_diags_free(&dg);
}

/* A -layout copy without page marks (pdftotext -nopgbrk): 03 goes on over
 * a page whose figures stand five positions left of the page before's. Read
 * as one block, its columns ran together and 2013999's 项目支出 went to 基本支出
 * (two false T03.hierarchy on 20139); rows whose figures all moved alike start
 * a block of their own, as at a page mark. Made up (the shape is the social
 * work department's). */
static void test_page_shift_without_page_marks(void **state)
{
    (void)state;
    const char *t =
                    "                                   支出决算表\n"
                    "                                                                    单位：万元\n"
                    "          项目\n"
                    "  功能分类                  本年支出合计    基本支出     项目支出\n"
                    "               科目名称\n"
                    "  科目编码\n"
                    "          合计             412.50   150.30   262.20\n"
                    "\n"
                    "201       一般公共服务支出       380.10   117.90   262.20\n"
                    "\n"
                    "20139     社会工作事务         380.10   117.90   262.20\n"
                    "\n"
                    "2013901   行政运行            96.40    96.40\n"
                    "\n"
                    "2013950   事业运行            21.50    21.50\n"
                    "\n"
                    "2013999   其他社会工作事务支出     262.20            262.20\n"
                    "\n"
                    "210       卫生健康支出          32.40    32.40\n"
                    "\n"
                    "21011     行政事业单位医疗        32.40    32.40\n"
                    "\n"
                    "2101101   行政单位医疗     30.10   30.10\n"
                    "\n"
                    "2101102   事业单位医疗      2.30    2.30\n"
                    "\n"
                    "注：本表反映部门本年度各项支出情况。\n";
    jue_disclosure *d = import_text(t);
    jue_table *tab = d->tables[JUE_T03];
    assert_non_null(tab);
    int basic = jue_table_find_col(tab, "基本支出"), proj = jue_table_find_col(tab, "项目支出");
    int r = jue_table_find_row(tab, "2013999", JUE_SIDE_NONE);
    assert_true(r >= 0 && basic >= 0 && proj >= 0);
    assert_false(jue_table_cell(tab, (size_t)r, (size_t)basic)->present);
    assert_int_equal(jue_table_cell(tab, (size_t)r, (size_t)proj)->printed, 262200000);   /* 262.20 万元 in 分 */
    r = jue_table_find_row(tab, "2101101", JUE_SIDE_NONE);
    assert_true(r >= 0);
    assert_int_equal(jue_table_cell(tab, (size_t)r, (size_t)basic)->printed, 30100000);
    assert_false(jue_table_cell(tab, (size_t)r, (size_t)proj)->present);
    jue_disclosure_free(d);
}

/* A copy placing each character where it stands across the page
 * (`pdftotext -fixed`) shows a justified line of a paragraph with runs of
 * spaces between its words: among the paragraph's lines it is one cell. A
 * line with runs of spaces that reads as no sentence, between the same
 * lines, stays a row of cells. */
static void test_justified_prose_lines_are_one_cell(void **state)
{
    (void)state;
    const char *t =
        "                        一般公共预算财政拨款支出年初预算为 812.40 万元，支\n"
        "                  出决算为 790.15 万元，完成年初预算的 97.26%。                      决算数小\n"
        "                  于预算数的主要原因：压减一般性支出，节约日常公用经费。\n"
        "                        1、卫生健康支出（类）医疗保障管理事务（款）行政运行\n"
        "                  （项）。主要用于：本单位人员经费及公用经费等的基本支出。\n"
        "                  年初预算为            320.50     万元，支出决算为 318.20 万元。          决算\n"
        "                  数小于预算数的主要原因：人员变动，按实际支出。\n"
        "                  合计            412.50          150.30\n"
        "                  说明：以上各项均按实际发生数列示，与上年口径一致。\n"
        "\n"
        "年度总体                    全县城乡居民参保率保持在95%以上，医疗\n"
        "       保障全县城乡居民基本医疗保险待遇落实，做好医疗\n"
        " 目标                       救助、离休干部医疗补助按时足额拨付，\n"
        "       救助和离休干部医疗保障，推进支付方式改革和基金\n"
        "年度总体\n"
        " 目标                       全年报销离休干部医药费52.00万元，19\n"
        "       保障全县离休干部医药费按规定及时足额报销。\n"
        "\n"
        "          （二）一般公共预算财政拨款支出决算结构情况\n"
        "          一般公共预算财政拨款支出                 790.15        万元，主要用于以下\n"
        "   方面：卫生健康支出（类）702.40 万元，占              88.89%；社\n"
        "   会保障和就业支出（类）87.75 万元，占 11.11%。\n";
    jue_idoc *doc = grid_of(t);
    assert_int_equal(jue_grow_filled(row_at(doc, 2)), 1);
    assert_int_equal(jue_grow_filled(row_at(doc, 6)), 1);
    assert_non_null(strstr(row_at(doc, 6)->cells[0].text, "年初预算为 320.50"));
    assert_non_null(strstr(row_at(doc, 6)->cells[0].text, "318.20 万元。 决算"));
    assert_int_equal(jue_grow_filled(row_at(doc, 8)), 3);   /* no sentence: a row of a table */
    assert_int_equal(jue_grow_filled(row_at(doc, 13)), 2);  /* a 自评表's label left of the lines around */
    /* under a heading, two lines with runs of spaces: the second one made one
     * cell makes the first one */
    assert_int_equal(jue_grow_filled(row_at(doc, 16)), 2);  /* under a heading, left of the sentence */
    assert_int_equal(jue_grow_filled(row_at(doc, 20)), 1);
    assert_int_equal(jue_grow_filled(row_at(doc, 21)), 1);
    jue_idoc_free(doc);
}

/* Three justified lines in a row under a heading, none of one cell: a run
 * of a paragraph's lines (no two share a column) is one cell each; rows
 * whose cells stand in shared columns stay rows of a table. */
static void test_justified_run_without_a_plain_line(void **state)
{
    (void)state;
    const char *t =
        "          6、卫生健康支出（类）行政事业单位医疗（款）行政单位医疗\n"
        "   （项）。主要用于：行政单位医疗保险支出。全年预算为                              2.23       万元，\n"
        "   支出决算为             2.22       万元，完成全年预算数的           99.55%。决算数小于全年\n"
        "   预算数的主要原因：单位         2024      年新成立，人员变动，按实际支出。\n"
        "          7、卫生健康支出（类）行政事业单位医疗（款）事业单位医疗\n"
        "\n"
        "   产出指标     参保人数      完成，覆盖率高         10      10\n"
        "   效益指标     满意度        较好，仍需改进         10       9\n"
        "   成本指标     经费控制      节约，未超支           10      10\n";
    jue_idoc *doc = grid_of(t);
    for (int line = 2; line <= 4; line++) assert_int_equal(jue_grow_filled(row_at(doc, line)), 1);
    for (int line = 7; line <= 9; line++) assert_int_equal(jue_grow_filled(row_at(doc, line)), 5);
    jue_idoc_free(doc);
}

/* A run of spaces inside a sentence, between a figure and its unit or
 * before a sentence's punctuation, parts no cells even where no paragraph
 * is around the line. */
static void test_sentence_goes_on_after_a_gap(void **state)
{
    (void)state;
    const char *t =
        "一般公共服务支出（类）264.87                          万元，占 86.05%；社会保障和就业\n"
        "\n\n\n\n"
        "1、卫生健康支出（类）医疗保障管理事务（款）行政运行（项）                    。\n"
        "\n\n\n\n"
        "合计                          264.87                          万元\n";
    jue_idoc *doc = grid_of(t);
    assert_int_equal(jue_grow_filled(row_at(doc, 1)), 1);
    assert_int_equal(jue_grow_filled(row_at(doc, 6)), 1);
    assert_int_equal(jue_grow_filled(row_at(doc, 11)), 3);   /* a unit and no sentence after it */
    jue_idoc_free(doc);
}

/* 01 in a copy placing each character where it stands across the page
 * (`pdftotext -fixed`): the names flush left under a 项目 centred over them
 * fall in a column of their own, left of 项目's (here given by tabs); each
 * pane's lines are read from it. */
static void test_pane_names_left_of_their_heading(void **state)
{
    (void)state;
    const char *t =
        "收入支出决算总表\n"
        "\t\t\t\t\t\t\t单位：万元\n"
        "\t收入\t\t\t\t支出\n"
        "\t项目\t\t决算数\t\t项目\t\t决算数\n"
        "一、一般公共预算财政拨款收入\t\t\t512.30\t一、一般公共服务支出\n"
        "二、政府性基金预算财政拨款收入\t\t\t\t二、外交支出\n"
        "八、其他收入\t\t\t\t八、社会保障和就业支出\t\t\t42.10\n"
        "\t\t\t\t九、卫生健康支出\t\t\t470.20\n"
        "\t本年收入合计\t\t512.30\t\t本年支出合计\t\t512.30\n"
        "\t总计\t\t512.30\t\t总计\t\t512.30\n"
        "注：本表反映部门本年度的总收支和年末结转结余情况。\n";
    jue_disclosure *d = import_text(t);
    jue_table *tab = d->tables[JUE_T01];
    assert_non_null(tab);
    int r = jue_table_find_row(tab, "210", JUE_SIDE_EXPEND), col = jue_table_find_col(tab, JUE_C_ACTUAL);
    assert_true(r >= 0 && col >= 0);
    assert_int_equal(jue_table_cell(tab, (size_t)r, (size_t)col)->printed, 470200000);
    r = jue_table_find_row(tab, "208", JUE_SIDE_EXPEND);
    assert_true(r >= 0);
    assert_int_equal(jue_table_cell(tab, (size_t)r, (size_t)col)->printed, 42100000);
    jue_disclosure_free(d);
}

/* A name printed over two lines around its code (centred in a tall row),
 * the next code's name the same way: a line between the two codes that
 * could be either's goes to the one whose catalog name it starts. */
static void test_06_piece_between_two_codes(void **state)
{
    (void)state;
    const char *t =
        "                                        一般公共预算财政拨款基本支出决算表\n"
        "                                                                                  单位：万元\n"
        "        经济分类                                  经济分类\n"
        "                     科目名称        决算数                   科目名称       决算数\n"
        "        科目编码                                  科目编码\n"
        "        301          工资福利支出     95.36        302         商品和服务支出    10.23\n"
        "        30101        基本工资         30.12        30201       办公费             4.11\n"
        "                     职工基本医疗保险\n"
        "        30110                          2.71        30202       印刷费             0.00\n"
        "                   缴费\n"
        "                     公务员医疗补助缴\n"
        "        30111                          0.00        30205       水费               6.12\n"
        "                   费\n"
        "        30113        住房公积金       62.53\n"
        "                     人员经费合计     95.36                    公用经费合计      10.23\n"
        "   注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。\n";
    jue_disclosure *d = import_text(t);
    jue_table *tab = d->tables[JUE_T06];
    assert_non_null(tab);
    int r = jue_table_find_row(tab, "30110", JUE_SIDE_NONE);
    assert_true(r >= 0);
    assert_string_equal(tab->rows[r].name, "职工基本医疗保险缴费");
    r = jue_table_find_row(tab, "30111", JUE_SIDE_NONE);
    assert_true(r >= 0);
    assert_string_equal(tab->rows[r].name, "公务员医疗补助缴费");
    jue_disclosure_free(d);
}

/* A code table whose 科目名称 heading was not read (its line taken with the
 * first name piece among the heading rows) and whose names stand in a
 * column right of one that only 合计 fills (here given by tabs): the names
 * are read from that column. */
static void test_code_names_past_an_empty_column(void **state)
{
    (void)state;
    const char *t =
        "一般公共预算财政拨款支出决算表\n"
        "\t\t\t\t\t单位：万元\n"
        "\t\t\t合计\t基本支出\t项目支出\n"
        "功能分类\n"
        "\t\t科目名称\n"
        "科目编码\n"
        "\t\t一般公共服务\n"
        "201\t\t\t264.87\t62.63\t202.24\n"
        "\t\t支出\n"
        "20139\t\t社会工作事务\t264.87\t62.63\t202.24\n"
        "2013901\t\t行政运行\t51.32\t51.32\n"
        "2013950\t\t事业运行\t11.31\t11.31\n"
        "\t\t其他社会工作\n"
        "2013999\t\t\t202.24\t\t202.24\n"
        "\t\t事务支出\n"
        "\t合计\t\t264.87\t62.63\t202.24\n"
        "注：本表反映部门本年度一般公共预算财政拨款支出情况。\n";
    jue_disclosure *d = import_text(t);
    jue_table *tab = d->tables[JUE_T05];
    assert_non_null(tab);
    const char *want[][2] = { { "20139", "社会工作事务" }, { "2013950", "事业运行" }, { "2013999", "其他社会工作事务支出" } };
    for (size_t i = 0; i < 3; i++) {
        int r = jue_table_find_row(tab, want[i][0], JUE_SIDE_NONE);
        assert_true(r >= 0);
        assert_string_equal(tab->rows[r].name, want[i][1]);
    }
    jue_disclosure_free(d);
}

/* A code table whose names stand left of their 科目名称 heading, in a
 * column of their own (names flush left under a heading centred over them,
 * as a copy placing each character where it stands prints them; here given
 * by tabs), the heading's column blank: the names are read from theirs,
 * a name going on under its code row joined on. */
static void test_code_names_left_of_their_heading(void **state)
{
    (void)state;
    const char *t =
        "支出决算表\n"
        "\t\t\t\t\t单位：万元\n"
        "科目编码\t\t科目名称\t本年支出合计\t基本支出\t项目支出\n"
        "合计\t\t\t300.00\t100.00\t200.00\n"
        "208\t社会保障和就业支出\t\t300.00\t100.00\t200.00\n"
        "20805\t行政事业单位养老支出\t\t300.00\t100.00\t200.00\n"
        "2080505\t机关事业单位基本养老保\t\t180.00\t60.00\t120.00\n"
        "\t险缴费支出\n"
        "2080506\t机关事业单位职业年金缴\t\t120.00\t40.00\t80.00\n"
        "\t费支出\n"
        "注：本表反映部门本年度各项支出情况。\n";
    jue_disclosure *d = import_text(t);
    jue_table *tab = d->tables[JUE_T03];
    assert_non_null(tab);
    const char *want[][2] = { { "20805", "行政事业单位养老支出" }, { "2080505", "机关事业单位基本养老保险缴费支出" },
                              { "2080506", "机关事业单位职业年金缴费支出" } };
    for (size_t i = 0; i < 3; i++) {
        int r = jue_table_find_row(tab, want[i][0], JUE_SIDE_NONE);
        assert_true(r >= 0);
        assert_string_equal(tab->rows[r].name, want[i][1]);
    }
    jue_disclosure_free(d);
}

/* 04 whose 一般公共预算财政拨款 heading, printed over two lines, stands in
 * two columns left of its figures (a copy placing each character where it
 * stands; here given by tabs): the figures under no heading would be
 * dropped and the column read blank, so the table is set aside. */
static void test_pane_figures_under_no_heading(void **state)
{
    (void)state;
    const char *t =
        "财政拨款收入支出决算总表\n"
        "\t\t\t\t\t\t\t\t单位：万元\n"
        "\t收入\t\t\t支出\n"
        "\t\t\t\t\t\t一般公共预算财\t\t政府性基金预算\t国有资本经营预\n"
        "\t项目\t决算数\t\t项目\t合计\n"
        "\t\t\t\t\t\t\t政拨款\t财政拨款\t算财政拨款\n"
        "\t一、一般公共预算财政拨款\t790.15\t\t一、一般公共服务支出\t500.00\t\t500.00\n"
        "\t二、政府性基金预算财政拨款\t\t\t二、外交支出\n"
        "\t三、国有资本经营预算财政拨款\t\t\t八、社会保障和就业支出\t290.15\t\t290.15\n"
        "\t本年收入合计\t790.15\t\t本年支出合计\t790.15\t\t790.15\n"
        "\t总计\t790.15\t\t总计\t790.15\t\t790.15\n"
        "注：本表反映部门本年度财政拨款总收支和结转结余情况。\n";
    assert_set_aside(t, JUE_T04);
}

/* A code table whose 基本支出 heading stands a column left of its figures
 * (a `-fixed` copy; here given by tabs): the figures under no heading would
 * be dropped and the column read blank, so the table is set aside. */
static void test_code_figures_under_no_heading(void **state)
{
    (void)state;
    const char *t =
        "一般公共预算财政拨款支出决算表\n"
        "\t\t\t\t\t金额单位：万元\n"
        "科目编码\t科目名称\t合计\t基本支出\t\t项目支出\n"
        "\t合计\t141.71\t\t141.71\t\n"
        "208\t社会保障和就业支出\t91.21\t\t91.21\t\n"
        "20805\t行政事业单位养老支出\t91.21\t\t91.21\t\n"
        "2080505\t机关事业单位基本养老保险缴费支出\t91.21\t\t91.21\t\n"
        "221\t住房保障支出\t50.50\t\t50.50\t\n"
        "22102\t住房改革支出\t50.50\t\t50.50\t\n"
        "2210201\t住房公积金\t50.50\t\t50.50\t\n"
        "注：本表反映部门本年度一般公共预算财政拨款支出情况。\n";
    assert_set_aside(t, JUE_T05);
}

/* A code table going on over a page with its heading printed again, the
 * copy placing that page's cells at other indices (科目名称 in a column of
 * its own, as a `-fixed` copy lays out a page; here given by tabs): the
 * columns are read again from the heading printed there. */
static void test_code_table_remapped_after_a_page(void **state)
{
    (void)state;
    const char *t =
        "支出决算表\n"
        "科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出\n"
        "合计\t\t141.71\t141.71\n"
        "208\t社会保障和就业支出\t91.21\t91.21\n"
        "20805\t行政事业单位养老支出\t91.21\t91.21\n"
        "2080505\t机关事业单位基本养老保险缴费支出\t91.21\t91.21\n"
        "221\t住房保障支出\t50.50\t50.50\n"
        "22102\t住房改革支出\t50.50\t50.50\n"
        "\f续表\n"
        "科目编码\t\t科目名称\t本年支出合计\t基本支出\t项目支出\n"
        "2210201\t住房公积金\t\t50.50\t50.50\n"
        "注：本表反映部门本年度各项支出情况。\n";
    jue_disclosure *d = import_text(t);
    jue_table *tab = d->tables[JUE_T03];
    assert_non_null(tab);
    int r = jue_table_find_row(tab, "2210201", JUE_SIDE_NONE);
    int total = jue_table_find_col(tab, "本年支出合计"), basic = jue_table_find_col(tab, "基本支出");
    assert_true(r >= 0 && total >= 0 && basic >= 0);
    assert_int_equal(jue_table_cell(tab, (size_t)r, (size_t)total)->printed, 50500000);
    assert_int_equal(jue_table_cell(tab, (size_t)r, (size_t)basic)->printed, 50500000);
    jue_disclosure_free(d);
}

/* A title set with wide spaces ("2024        年度部门决算") names the year
 * across two cells. */
static void test_year_across_cells(void **state)
{
    (void)state;
    jue_disclosure *d = import_text("                       上海市某区某某局\n"
                                    "           2024                             年度部门决算\n"
                                    "一、主要职能\n");
    assert_int_equal(d->year, 2024);
    jue_disclosure_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_heading_narrower_than_figures),
        cmocka_unit_test(test_headless_column_with_its_neighbour_filled),
        cmocka_unit_test(test_labelled_title_without_a_table_it_reads),
        cmocka_unit_test(test_06_with_blank_cells_dropped),
        cmocka_unit_test(test_figure_against_next_code),
        cmocka_unit_test(test_total_figures_above_its_label),
        cmocka_unit_test(test_heading_over_several_lines),
        cmocka_unit_test(test_figure_against_next_label),
        cmocka_unit_test(test_heading_and_number_left_of_figures),
        cmocka_unit_test(test_continued_table_with_its_heading_again),
        cmocka_unit_test(test_name_wrapped_around_its_code),
        cmocka_unit_test(test_pane_lines_alone_keep_the_columns),
        cmocka_unit_test(test_total_label_past_its_column),
        cmocka_unit_test(test_heading_pieces_on_lines_of_their_own),
        cmocka_unit_test(test_layout_prose_wrapped_spaces_kept),
        cmocka_unit_test(test_amounts_but_no_rows_set_aside),
        cmocka_unit_test(test_contents_entry_then_table),
        cmocka_unit_test(test_unreadable_figure_sets_table_aside),
        cmocka_unit_test(test_cut_code_sets_table_aside),
        cmocka_unit_test(test_body_ended_early_sets_table_aside),
        cmocka_unit_test(test_contents_list_entries_are_no_tables),
        cmocka_unit_test(test_page_shift_without_page_marks),
        cmocka_unit_test(test_justified_prose_lines_are_one_cell),
        cmocka_unit_test(test_sentence_goes_on_after_a_gap),
        cmocka_unit_test(test_justified_run_without_a_plain_line),
        cmocka_unit_test(test_pane_names_left_of_their_heading),
        cmocka_unit_test(test_06_piece_between_two_codes),
        cmocka_unit_test(test_code_names_past_an_empty_column),
        cmocka_unit_test(test_code_names_left_of_their_heading),
        cmocka_unit_test(test_year_across_cells),
        cmocka_unit_test(test_pane_figures_under_no_heading),
        cmocka_unit_test(test_code_figures_under_no_heading),
        cmocka_unit_test(test_code_table_remapped_after_a_page),
        cmocka_unit_test(test_heading_over_two_columns_spans_them),
        cmocka_unit_test(test_markdown_cells_are_their_text),
        cmocka_unit_test(test_markdown_header_levels),
        cmocka_unit_test(test_markdown_tables_read),
        cmocka_unit_test(test_markdown_with_an_html_table_and_links),
        cmocka_unit_test(test_markdown_grid_table),
        cmocka_unit_test(test_markdown_simple_and_multiline_tables),
        cmocka_unit_test(test_grid_cells_replaced),
        cmocka_unit_test(test_squeeze_and_matchkey),
        cmocka_unit_test(test_cell_forms_follow_its_text),
        cmocka_unit_test(test_digits_are_amounts_as_parsed),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
