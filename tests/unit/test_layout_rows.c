/* Table rows as `pdftotext -layout` prints them from real PDFs, where one
 * row of the page becomes several lines of text: a long name wrapped over
 * lines under its code, figures a line above their row, a heading cell
 * printed with one space between two column headings. Made-up tables in
 * those shapes; each test fails without the reading it names. */
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

/* Column of the cell holding text on line `line`, or -1. */
static int col_of(const jue_idoc *doc, int line, const char *text)
{
    for (size_t i = 0; i < doc->grids[0].n; i++) {
        const jue_grow *r = &doc->grids[0].rows[i];
        if (r->line != line) continue;
        for (size_t c = 0; c < r->n; c++)
            if (!strcmp(r->cells[c].text, text)) return (int)c;
    }
    return -1;
}

/* The printed value (分) of a row and column of table id, or -1 when the cell is blank or missing. */
static int64_t value_at(const jue_disclosure *d, jue_table_id id, const char *row, const char *col)
{
    const jue_table *tab = d->tables[id];
    if (!tab) return -2;
    int r = jue_table_find_row(tab, row, JUE_SIDE_NONE), c = jue_table_find_col(tab, col);
    if (r < 0 || c < 0) return -1;
    const jue_cell *cell = jue_table_cell_c(tab, (size_t)r, (size_t)c);
    return cell->present ? cell->printed : -1;
}

/* A code row whose name is printed on the two lines under it (the code and
 * figures centred in a band three lines high): the name is joined to it,
 * and the table goes on after the name (the rows below are read). */
static void test_name_wrapped_over_two_lines_below(void **state)
{
    (void)state;
    const char *t = "                 收入决算表\n"
                    "                                              单位：万元\n"
                    "科目编码            科目名称              本年收入合计         财政拨款收入\n"
                    "类     款    项\n"
                    "                合计                 30.00          30.00\n"
                    "208             社会保障和就业支出          20.00          20.00\n"
                    "208   05        行政事业单位养老支出         20.00          20.00\n"
                    "\n"
                    "208   05   05                      20.00          20.00\n"
                    "                机关事业单位基本养老保险\n"
                    "                缴费支出\n"
                    "\n"
                    "210             卫生健康支出             10.00          10.00\n"
                    "210   11        行政事业单位医疗           10.00          10.00\n"
                    "210   11   01   行政单位医疗             10.00          10.00\n";
    jue_disclosure *d = import_text(t);
    assert_int_equal(value_at(d, JUE_T02, "210", "本年收入合计"), 10000000);
    assert_int_equal(value_at(d, JUE_T02, "2101101", "财政拨款收入"), 10000000);
    const jue_table *tab = d->tables[JUE_T02];
    int r = jue_table_find_row(tab, "2080505", JUE_SIDE_NONE);
    assert_true(r >= 0);
    assert_string_equal(tab->rows[r].name, "机关事业单位基本养老保险缴费支出");
    jue_disclosure_free(d);
}

/* Names centred on their code rows: the first part of a long name on the
 * line above the code row, the rest under it, the code row's own name
 * blank; two such rows one after the other share the lines between them.
 * Each piece goes to the code row whose name is blank, the run between
 * two of them split in half. */
static void test_names_centred_on_their_code_rows(void **state)
{
    (void)state;
    const char *t = "                              支出决算表\n"
                    "                                                            单位：万元\n"
                    "科目编码      科目名称                本年支出合计      基本支出      项目支出\n"
                    "          合计                     30.00     30.00\n"
                    "208       社会保障和就业支出              20.00     20.00\n"
                    "20805     行政事业单位养老支出             20.00     20.00\n"
                    "          机关事业单位基本养老保\n"
                    "2080505                          12.00     12.00\n"
                    "          险缴费支出\n"
                    "          机关事业单位职业年金缴\n"
                    "2080506                          8.00      8.00\n"
                    "          费支出\n"
                    "210       卫生健康支出                 10.00     10.00\n"
                    "21011     行政事业单位医疗               10.00     10.00\n"
                    "2101101   行政单位医疗                 10.00     10.00\n";
    jue_disclosure *d = import_text(t);
    const jue_table *tab = d->tables[JUE_T03];
    assert_non_null(tab);
    int r = jue_table_find_row(tab, "20805", JUE_SIDE_NONE);
    assert_true(r >= 0);
    assert_string_equal(tab->rows[r].name, "行政事业单位养老支出");
    r = jue_table_find_row(tab, "2080505", JUE_SIDE_NONE);
    assert_true(r >= 0);
    assert_string_equal(tab->rows[r].name, "机关事业单位基本养老保险缴费支出");
    r = jue_table_find_row(tab, "2080506", JUE_SIDE_NONE);
    assert_true(r >= 0);
    assert_string_equal(tab->rows[r].name, "机关事业单位职业年金缴费支出");
    assert_int_equal(value_at(d, JUE_T03, "2101101", "基本支出"), 10000000);
    jue_disclosure_free(d);
}

/* Names centred on their code rows, as `pdftotext -layout` prints the
 * Shanghai template's 05: a name of two lines around a code row whose own
 * name is blank, then one of three lines whose middle one is on its code
 * row. The run of two pieces between them is not all the first row's:
 * centred, it takes as many under it as it has over it, and the rest heads
 * the next row's name (which goes on under its code row too). */
static void test_names_centred_around_both_rows(void **state)
{
    (void)state;
    const char *t = "               一般公共预算财政拨款支出决算表\n"
                    "                                             单位：万元\n"
                    " 科目编码    科目名称          合计      基本支出    项目支出\n"
                    " 205        教育支出          10.00     10.00\n"
                    " 20502      普通教育          10.00     10.00\n"
                    " 2050201    学前教育          10.00     10.00\n"
                    "            文化旅游体育\n"
                    " 207                          20.00     20.00\n"
                    "            与传媒支出\n"
                    "            其他文化旅游\n"
                    " 20799      体育与传媒支      20.00     20.00\n"
                    "            出\n"
                    " 2079999    其他文化旅游体育  20.00     20.00\n"
                    "            与传媒支出\n"
                    "            合计              30.00     30.00\n";
    jue_disclosure *d = import_text(t);
    const jue_table *tab = d->tables[JUE_T05];
    assert_non_null(tab);
    int r = jue_table_find_row(tab, "207", JUE_SIDE_NONE);
    assert_true(r >= 0);
    assert_string_equal(tab->rows[r].name, "文化旅游体育与传媒支出");
    r = jue_table_find_row(tab, "20799", JUE_SIDE_NONE);
    assert_true(r >= 0);
    assert_string_equal(tab->rows[r].name, "其他文化旅游体育与传媒支出");
    assert_int_equal(value_at(d, JUE_T05, "20799", "基本支出"), 20000000);
    jue_disclosure_free(d);
}

/* Two column headings printed with one space between them ("基本支出
 * 项目支出"), both over the left one of their two columns of figures (a
 * copy that gives a CJK character one position): each heading gets its
 * column, the right one otherwise headless. */
static void test_two_headings_one_space_apart(void **state)
{
    (void)state;
    const char *t = "                  一般公共预算财政拨款支出决算表\n"
                    "                                                           单位：万元\n"
                    "科目编码              科目名称                合计        基本支出 项目支出\n"
                    "201               一般公共服务支出           2,106.66   1,503.52    603.14\n"
                    "20106             财政事务               2,106.66   1,503.52    603.14\n"
                    "2010601           行政运行               1,511.89   1,503.52      8.37\n"
                    "2010602           一般行政管理事务              10.00                10.00\n"
                    "2010650           事业运行               584.77                 584.77\n";
    jue_idoc *doc = grid_of(t);
    assert_true(col_of(doc, 3, "基本支出") >= 0);
    assert_int_equal(col_of(doc, 3, "基本支出"), col_of(doc, 4, "1,503.52"));
    assert_int_equal(col_of(doc, 3, "项目支出"), col_of(doc, 4, "603.14"));
    jue_idoc_free(doc);
    jue_disclosure *d = import_text(t);
    assert_int_equal(value_at(d, JUE_T05, "2010601", "基本支出"), 1503520000);
    assert_int_equal(value_at(d, JUE_T05, "2010601", "项目支出"), 8370000);
    jue_disclosure_free(d);
}

/* Table 06 with tall rows: a name centred on its code (a piece over the
 * code row, the rest under it, the code row's name blank) and a triple
 * whose code is on one line and name and figure on the next. Each line's
 * cells go to the triple of the code row next to it whose pane holds
 * them; the rows after them are read. */
static void test_06_triples_over_lines(void **state)
{
    (void)state;
    const char *t = "                 一般公共预算财政拨款基本支出决算表\n"
                    "                                             单位：万元\n"
                    "科目编码      科目名称            决算数       科目编码      科目名称              决算数\n"
                    "301      工资福利支出           30.00     302      商品和服务支出            5.00\n"
                    "30101    基本工资             20.00     30201    办公费                3.00\n"
                    "         机关事业单位基本\n"
                    "30108                     10.00     30202\n"
                    "         养老保险缴费                              印刷费                2.00\n"
                    "人员经费合计                    30.00     公用经费合计                      5.00\n";
    jue_disclosure *d = import_text(t);
    const jue_table *tab = d->tables[JUE_T06];
    assert_non_null(tab);
    int r = jue_table_find_row(tab, "30108", JUE_SIDE_NONE);
    assert_true(r >= 0);
    assert_string_equal(tab->rows[r].name, "机关事业单位基本养老保险缴费");
    r = jue_table_find_row(tab, "30202", JUE_SIDE_NONE);
    assert_true(r >= 0);
    assert_string_equal(tab->rows[r].name, "印刷费");
    assert_int_equal(value_at(d, JUE_T06, "30202", "决算数"), 2000000);
    assert_int_equal(value_at(d, JUE_T06, "30108", "决算数"), 10000000);
    jue_disclosure_free(d);
}

/* 06 as a word processor prints names too long for their column: the
 * first line with the code, the rest on the lines under it (or the first
 * over it), three lines for 公务用车运行维护费. The pieces make the
 * catalog's name with the code's. Made up. */
static void test_06_names_wrapped_in_cells(void **state)
{
    (void)state;
    const char *t =
                    "                 一般公共预算财政拨款基本支出决算表\n"
                    "                                             单位：万元\n"
                    "科目编码     科目名称             决算数     科目编码     科目名称             决算数\n"
                    "301      工资福利支出         30.00     302      商品和服            5.00\n"
                    "                                           务支出\n"
                    "30101    基本工资           20.00     30201    办公费             3.00\n"
                    "         机关事业单位\n"
                    "30108    基本养老保险缴费       10.00     30231    公务用车            2.00\n"
                    "                                           运行维护\n"
                    "                                           费\n"
                    "人员经费合计                    30.00     公用经费合计                      5.00\n";
    jue_disclosure *d = import_text(t);
    const jue_table *tab = d->tables[JUE_T06];
    assert_non_null(tab);
    static const char *const W[][2] = { { "302", "商品和服务支出" }, { "30108", "机关事业单位基本养老保险缴费" },
                                         { "30231", "公务用车运行维护费" }, { "30201", "办公费" } };
    for (size_t k = 0; k < sizeof W / sizeof W[0]; k++) {
        int r = jue_table_find_row(tab, W[k][0], JUE_SIDE_NONE);
        assert_true(r >= 0);
        assert_string_equal(tab->rows[r].name, W[k][1]);
    }
    assert_int_equal(value_at(d, JUE_T06, "30231", "决算数"), 2000000);
    jue_disclosure_free(d);
}

/* A 01 in a layout copy whose last rows, after a page break, stand a few
 * positions left of the rows before it (the shape `pdftotext -layout` gives
 * one real 01). */
static const char T01_PAGE_TURN[] =
    "                   收入支出决算总表\n"
    "                                                 单位：万元\n"
    "           收入                           支出\n"
    "       项目           决算数              项目            决算数\n"
    "一、一般公共预算财政拨款收入      1,200.00   一、一般公共服务支出        1,000.00\n"
    "二、政府性基金预算财政拨款收入                二、外交支出\n"
    "三、国有资本经营预算财政拨款收入               三、国防支出\n"
    "四、上级补助收入                       四、公共安全支出\n"
    "五、事业收入                         五、教育支出\n"
    "六、经营收入                         六、科学技术支出\n"
    "七、附属单位上缴收入                     七、文化旅游体育与传媒支出\n"
    "八、其他收入                  5.00   八、社会保障和就业支出        100.00\n"
    "                               九、卫生健康支出            50.00\n"
    "                               十、节能环保支出\n"
    "                               十一、城乡社区支出\n"
    "                               十二、农林水支出\n"
    "                               十三、交通运输支出\n"
    "                               十四、资源勘探工业信息等支出\n"
    "                               十五、商业服务业等支出\n"
    "                               十六、金融支出\n"
    "                               十七、援助其他地区支出\n"
    "                               十八、自然资源海洋气象等支出\n"
    "                               十九、住房保障支出           50.00\n"
    "                               二十、粮油物资储备支出\n"
    "                               二十一、国有资本经营预算支出\n"
    "                               二十二、灾害防治及应急管理支出\n"
    "                               二十三、其他支出\n"
    "                               二十四、债务还本支出\n"
    "                               二十五、债务付息支出\n"
    "                               二十六、抗疫特别国债安排的支出\n"
    "         本年收入合计     1,205.00       本年支出合计        1,200.00\n"
    " 使用非财政拨款结余（含专用结余）               结余分配\n"
    " 年初结转和结余              20.00     年末结转和结余     25.00\n"
    "总计                  1,225.00   总计         1,225.00\n"
;

/* The rows after the page break get columns of their own: laid out with
 * the page before, their names came out in the left pane's 决算数 column
 * ("本年支出合计" where 本年收入合计's figure goes). */
static void test_page_break_own_columns(void **state)
{
    (void)state;
    jue_disclosure *d = import_text(T01_PAGE_TURN);
    assert_non_null(d->tables[JUE_T01]);
    assert_int_equal(value_at(d, JUE_T01, "本年支出合计", "决算数"), 1200000000);
    assert_int_equal(value_at(d, JUE_T01, "年末结转和结余", "决算数"), 25000000);
    assert_int_equal(value_at(d, JUE_T01, "年初结转和结余", "决算数"), 20000000);
    jue_disclosure_free(d);
}

/* The same 01 without the page break: one layout for all its rows puts the
 * right pane's names in the left pane's 决算数 column. Words where a figure
 * goes mean the columns were read wrong, so the table is set aside with one
 * warning, and no blank read so is a 0 to accuse anyone with. */
static void test_words_in_figure_column_set_aside(void **state)
{
    (void)state;
    char t[sizeof T01_PAGE_TURN];
    size_t n = 0;
    for (const char *p = T01_PAGE_TURN; *p; p++)
        if (*p != '\f') t[n++] = *p;
    t[n] = '\0';
    jue_disclosure *d = import_text(t);
    assert_null(d->tables[JUE_T01]);
    assert_non_null(d->unread[JUE_T01]);
    jue_disclosure_free(d);
}

/* Table 06 set as `pdftotext -layout` prints one real document: a 类 row
 * with its name where the 款 codes go and its 款 column blank, the table
 * going on after a page break a few positions further right, the 合计 line
 * under it. Laid out with the rows of the next page, the columns of the
 * first page slip (the 类 row's figure one column right of its 款 rows');
 * each page gets its own, and every triple keeps its figure. */
static void test_06_page_turn(void **state)
{
    (void)state;
    static const char t[] =
    "                          一般公共预算财政拨款基本支出决算表\n"
    "                                                                  单位：万元\n"
    "经济分类                                      经济分类\n"
    "科目编码               科目名称         决算数       科目编码             科目名称     决算数\n"
    "类     款                                   类     款\n"
    "301        工资福利支出                 30.00   302        商品和服务支出                 6.00\n"
    "301   01   基本工资                   20.00   302   01   办公费                     4.00\n"
    "301   08   机关事业单位基本养老保险缴费         10.00   302   02   印刷费\n"
    "303        对个人和家庭的补助               2.00   302   99   其他商品和服务支出               2.00\n"
    "303   02   退休费                     2.00   310        资本性支出                   1.00\n"
    "                                          310   02   办公设备购置                  1.00\n"
    "\f                    310   03   专用设备购置\n"
    "                    310   99   其他资本性支出\n"
    "人员经费合计   32.00              公用经费合计     7.00\n";
    jue_disclosure *d = import_text(t);
    assert_non_null(d->tables[JUE_T06]);
    assert_int_equal(value_at(d, JUE_T06, "301", "决算数"), 30000000);
    assert_int_equal(value_at(d, JUE_T06, "303", "决算数"), 2000000);
    assert_int_equal(value_at(d, JUE_T06, "302", "决算数"), 6000000);
    assert_int_equal(value_at(d, JUE_T06, "30108", "决算数"), 10000000);
    assert_int_equal(value_at(d, JUE_T06, "31002", "决算数"), 1000000);
    assert_int_equal(value_at(d, JUE_T06, "30202", "决算数"), -1);
    assert_true(jue_table_find_row(d->tables[JUE_T06], "31099", JUE_SIDE_NONE) >= 0);
    jue_disclosure_free(d);
}

/* A 06 row with a figure no triple takes (a blank cell between the 类's
 * name and its figure): the figure's row would read blank, a 0 to accuse
 * with, so the table is set aside, with its reason. */
static void test_06_figure_without_triple_set_aside(void **state)
{
    (void)state;
    const char *t = "一般公共预算财政拨款基本支出决算表\n"
                    "单位：万元\n"
                    "科目编码\t科目名称\t决算数\t科目编码\t科目名称\t决算数\n"
                    "301\t工资福利支出\t\t30.00\t302\t商品和服务支出\t6.00\n"
                    "30101\t基本工资\t30.00\t30201\t办公费\t6.00\n"
                    "人员经费合计\t30.00\t公用经费合计\t6.00\n";
    jue_disclosure *d = import_text(t);
    assert_null(d->tables[JUE_T06]);
    assert_non_null(d->unread[JUE_T06]);
    assert_non_null(strstr(d->unread[JUE_T06], "没有对上任何科目"));
    jue_disclosure_free(d);
}

/* 09 across the page printed with its headings and no line of figures (a
 * ruled copy's blank row leaves no line of text): the table printed empty,
 * with no rows, as the PDF and the -raw copy read it — not six items of
 * blank cells that a stated 三公 figure would be compared with. With a line
 * of figures the items are there, blank ones too. */
static void test_09_headings_only(void **state)
{
    (void)state;
    const char *head = "                        财政拨款“三公”经费支出决算表\n"
                       "                                                              单位：万元\n"
                       "                          财政拨款“三公”经费\n"
                       "                                公务用车购置及运行费\n"
                       "  合计        因公出国（境）费                                         公务接待费\n"
                       "                          小计        公务用车购置费     公务用车运行费\n"
                       "\n"
                       "预算数   决算数   预算数   决算数   预算数   决算数   预算数   决算数   预算数   决算数   预算数   决算数\n";
    jue_disclosure *d = import_text(head);
    assert_non_null(d->tables[JUE_T09]);
    assert_int_equal(d->tables[JUE_T09]->nrows, 0);
    assert_true(d->tables[JUE_T09]->empty);
    jue_disclosure_free(d);
    char t[2048];
    snprintf(t, sizeof t, "%s%s", head,
             "  0.95                                                              0.95\n");
    d = import_text(t);
    assert_non_null(d->tables[JUE_T09]);
    assert_int_equal(d->tables[JUE_T09]->nrows, 6);
    assert_int_equal(value_at(d, JUE_T09, "合计", "预算数"), 950000);
    jue_disclosure_free(d);
}

/* A line of figures squeezed to the left (pdftotext -layout gives the
 * first figures of an evenly spaced row one space apart, the rest their
 * columns) under a heading row of as many cells: each figure is read under
 * its heading, in order, not under the heading it happens to overlap. */
static void test_09_figures_squeezed_left(void **state)
{
    (void)state;
    const char *t = "                        财政拨款“三公”经费支出决算表\n"
                    "                                                              单位：万元\n"
                    "                                       财政拨款“三公”经费\n"
                    "                                           公务用车购置及运行维护费\n"
                    "                      因公出国\n"
                    "         合计                                          公务用车            公务用车           公务接待费\n"
                    "                      （境）费            小计\n"
                    "                                                      购置费           运行维护费\n"
                    "\n"
                    "   预算数        决算数   预算数   决算数   预算数        决算数     预算数     决算数     预算数     决算数     预算数     决算数\n"
                    "\n"
                    "     4.10 3.20 1.00 0.70  0.50              0.40    0.00    0.00    0.50    0.40    2.60    2.10\n";
    jue_disclosure *d = import_text(t);
    assert_non_null(d->tables[JUE_T09]);
    assert_int_equal(value_at(d, JUE_T09, "合计", "预算数"), 4100000);
    assert_int_equal(value_at(d, JUE_T09, "合计", "决算数"), 3200000);
    assert_int_equal(value_at(d, JUE_T09, "因公出国（境）费", "预算数"), 1000000);
    assert_int_equal(value_at(d, JUE_T09, "因公出国（境）费", "决算数"), 700000);
    assert_int_equal(value_at(d, JUE_T09, "公务接待费", "决算数"), 2100000);
    jue_disclosure_free(d);
}

/* A 05 whose names are centred in tall rows, some with a part on the code
 * line ("机关事业单位" / "2080505 基本养老保险 …" / "缴费支出"): the lines
 * of names between code rows (two or three) keep the rows one table, the
 * heading's lines and the first name's first line over the first row too;
 * a run between two rows goes where the catalog's names read whole, a
 * name with a part on its line shares the run like a blank one. Made-up
 * figures. */
static void test_05_names_centred_around_named_rows(void **state)
{
    (void)state;
    const char *t = "                 一般公共预算财政拨款支出决算表\n"
                    "                                              单位：万元\n"
                    "          项目\n"
                    "\n"
                    "                       合计          基本支出       项目支出\n"
                    " 功能分类\n"
                    "               科目名称\n"
                    " 科目编码\n"
                    "\n"
                    "           社会保障和就\n"
                    "208                      30.00        30.00      0.00\n"
                    "           业支出\n"
                    "           行政事业单位\n"
                    "20805                    30.00        30.00      0.00\n"
                    "           养老支出\n"
                    "           机关事业单位\n"
                    "2080505    基本养老保险       20.00        20.00      0.00\n"
                    "           缴费支出\n"
                    "           机关事业单位\n"
                    "2080506    职业年金缴费       10.00        10.00      0.00\n"
                    "           支出\n"
                    "212        城乡社区支出       50.00        10.00     40.00\n"
                    "           城乡社区管理\n"
                    "21201                    10.00        10.00      0.00\n"
                    "           事务\n"
                    "           行政运行\n"
                    "2120101                  10.00        10.00      0.00\n"
                    "           城乡社区规划\n"
                    "21202                    40.00         0.00     40.00\n"
                    "           与管理\n"
                    "           城乡社区规划\n"
                    "2120201                  40.00         0.00     40.00\n"
                    "           与管理\n"
                    "           合计            80.00        40.00     40.00\n"
                    "注：本表反映部门本年度一般公共预算财政拨款支出情况。\n";
    jue_disclosure *d = import_text(t);
    const jue_table *tab = d->tables[JUE_T05];
    assert_non_null(tab);
    static const char *const want[][2] = { { "208", "社会保障和就业支出" }, { "20805", "行政事业单位养老支出" },
                                           { "2080505", "机关事业单位基本养老保险缴费支出" },
                                           { "2080506", "机关事业单位职业年金缴费支出" },
                                           { "21201", "城乡社区管理事务" }, { "2120101", "行政运行" },
                                           { "21202", "城乡社区规划与管理" }, { "2120201", "城乡社区规划与管理" } };
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        int r = jue_table_find_row(tab, want[k][0], JUE_SIDE_NONE);
        assert_true(r >= 0);
        assert_string_equal(tab->rows[r].name, want[k][1]);
    }
    assert_int_equal(value_at(d, JUE_T05, "208", "基本支出"), 30000000);
    assert_int_equal(value_at(d, JUE_T05, "2120201", "项目支出"), 40000000);
    jue_disclosure_free(d);
}

/* The heading, first line and totals of the made-up 01 of the pane tests. */
#define PANE_HEAD \
    "                          收入支出决算总表\n" \
    "编制单位：某某局                                                金额单位：万元\n" \
    "                收入                                      支出\n" \
    "\n" \
    "         项目          行次     金额                    项目         行次    金额\n" \
    "           栏次                 1                    栏次                2\n" \
    "一、一般公共预算财政拨款收入       1      1,000.00     一、一般公共服务支出          32      900.00\n"
#define PANE_TAIL \
    "本年收入合计               27     1,011.05     本年支出合计              58      998.21\n" \
    "年初结转和结余              29                  年末结转和结余             60       12.84\n" \
    "总计                   31     1,011.05     总计                  62    1,011.05\n"

/* The rows of 01 every pane test below reads: each line by its key, with
 * its 行次 and 决算数 (分 of 元); the totals of both sides. */
static void assert_01_read(const jue_disclosure *d)
{
    const jue_table *tab = d->tables[JUE_T01];
    assert_non_null(tab);
    static const struct { const char *key; int line_no; int64_t v; } W[] = {
        { "一般公共预算财政拨款收入", 1, 1000000000 }, { "国有资本经营预算财政拨款收入", 3, 10000000 },
        { "其他收入", 8, 1050000 }, { "本年收入合计", 27, 1011050000 }, { "收入总计", 31, 1011050000 },
        { "201", 32, 900000000 }, { "203", 34, -1 }, { "208", 39, 91210000 }, { "210", 40, -1 },
        { "224", 53, 7000000 }, { "本年支出合计", 58, 998210000 }, { "支出总计", 62, 1011050000 },
    };
    for (size_t i = 0; i < sizeof W / sizeof W[0]; i++) {
        int r = jue_table_find_row(tab, W[i].key, JUE_SIDE_NONE);
        if (r < 0) fail_msg("01: no line %s", W[i].key);
        assert_int_equal(tab->rows[r].line_no, W[i].line_no);
        assert_int_equal(value_at(d, JUE_T01, W[i].key, "决算数"), W[i].v);
    }
    for (size_t r = 0; r < tab->nrows; r++)   /* no piece of a name left as a line of its own */
        assert_true(tab->rows[r].line_no > 0);
}

/* 01 as `pdftotext -layout` prints a name too long for its cell: the first
 * part on the line above the row's 行次 and figures, the rest on the line
 * under it, in the left pane ("三、国有资本经营预算财政拨款收" / 3 10.00 /
 * "入") and in the right one ("二十二、灾害防治及应急管理支" / 22 53 7.00 /
 * "出", printed in the right pane's name column). The pieces make the line,
 * the row's 行次 and figures are its, and the table goes on to its totals. */
static void test_01_name_around_its_line(void **state)
{
    (void)state;
    static const char t[] =
    PANE_HEAD
    "三、国有资本经营预算财政拨款收\n"
    "                     3         10.00     三、国防支出              34\n"
    "入\n"
    "八、其他收入               8          1.05     八、社会保障和就业支出         39       91.21\n"
    "                     9                   九、卫生健康支出            40\n"
    "                                         二十二、灾害防治及应急管理支\n"
    "                     22                                      53        7.00\n"
    "                                         出\n"
    PANE_TAIL
    ;
    jue_disclosure *d = import_text(t);
    assert_01_read(d);
    jue_disclosure_free(d);
}

/* The first part of the name on the line above, the rest on the row's line
 * with its 行次 and figures ("三、国有资本经营预算财政拨" / "款收入 3 10.00"),
 * in either pane. */
static void test_01_name_wrapped_before_its_line(void **state)
{
    (void)state;
    static const char t[] =
    PANE_HEAD
    "三、国有资本经营预算财政拨\n"
    "款收入                  3         10.00     三、国防支出              34\n"
    "八、其他收入               8          1.05     八、社会保障和就业支出         39       91.21\n"
    "                     9                   九、卫生健康支出            40\n"
    "                                         二十二、灾害防治及应急\n"
    "                     22                  管理支出                53        7.00\n"
    PANE_TAIL
    ;
    jue_disclosure *d = import_text(t);
    assert_01_read(d);
    jue_disclosure_free(d);
}

/* The first part of the name on the row's line, the rest under it; the
 * right pane's rest is "支出", which alone would be the heading that turns
 * a one-pane table: after a piece it ends the name. */
static void test_01_name_wrapped_after_its_line(void **state)
{
    (void)state;
    static const char t[] =
    PANE_HEAD
    "三、国有资本经营预算财政拨款收      3         10.00     三、国防支出              34\n"
    "入\n"
    "八、其他收入               8          1.05     八、社会保障和就业支出         39       91.21\n"
    "                     9                   九、卫生健康支出            40\n"
    "                     22                  二十二、灾害防治及应急管理       53        7.00\n"
    "                                         支出\n"
    PANE_TAIL
    ;
    jue_disclosure *d = import_text(t);
    assert_01_read(d);
    jue_disclosure_free(d);
}

/* A one-pane 01 (收入 lines, then 支出 lines) broken by a page: the page
 * number and a running head printed once are between its income lines and
 * its 支出 heading. The table goes on past them and they are no line. */
static void test_01_one_pane_over_a_page_break(void **state)
{
    (void)state;
    static const char t[] =
    "                 收入支出决算总表\n"
    "  编制单位：某某局        单位：万元\n"
    "项目               行次     决算数\n"
    "栏次                       1\n"
    "收入\n"
    "一般公共预算财政拨款收入     1     100.00\n"
    "本年收入合计           27    100.00\n"
    "收入总计             31    100.00\n"
    "—3—\n"
    "某某局 2023 年度部门决算\n"
    "          支出\n"
    "一般公共服务支出       32    60.00\n"
    "卫生健康支出         40    40.00\n"
    "本年支出合计         58    100.00\n"
    "支出总计           62    100.00\n"
    ;
    jue_disclosure *d = import_text(t);
    const jue_table *tab = d->tables[JUE_T01];
    assert_non_null(tab);
    assert_int_equal(value_at(d, JUE_T01, "210", "决算数"), 40000000);
    assert_int_equal(value_at(d, JUE_T01, "支出总计", "决算数"), 100000000);
    assert_int_equal(tab->nrows, 7);
    jue_disclosure_free(d);
}

/* A copy whose lines were wrapped at a width (as copied out of a viewer):
 * a right-pane name piece alone on its line came out as a line of spaces
 * and the piece printed near the left edge, where the left pane's names
 * are. The piece goes to the pane whose line it makes with the next piece
 * (or whose pending piece it ends); blank lines between pieces do not end
 * the body; a rest printed alone as often as a running head ("出") still
 * ends its name. */
static void test_01_pieces_wrapped_to_the_left(void **state)
{
    (void)state;
    static const char t[] =
    PANE_HEAD
    "三、国有资本经营预算财政拨款收入     3         10.00     三、国防支出              34\n"
    "八、其他收入               8          1.05     八、社会保障和就业支出         39       91.21\n"
    "                     9                   九、卫生健康支出            40\n"
    "                                    \n"
    "     十四、资源勘探工业信息等支\n"
    "                     14                                      45\n"
    "                                    \n"
    "     出\n"
    "                                    \n"
    "     二十二、灾害防治及应急管理支\n"
    "                     22                                      53        7.00\n"
    "                                    \n"
    "     出\n"
    "                                    \n"
    "     二十六、抗疫特别国债安排的支\n"
    "                     26                                      57\n"
    "                                    \n"
    "     出\n"
    PANE_TAIL;
    jue_disclosure *d = import_text(t);
    assert_01_read(d);
    const jue_table *tab = d->tables[JUE_T01];
    assert_int_equal(tab->rows[jue_table_find_row(tab, "215", JUE_SIDE_NONE)].line_no, 45);
    assert_int_equal(tab->rows[jue_table_find_row(tab, "234", JUE_SIDE_NONE)].line_no, 57);
    jue_disclosure_free(d);
}

/* The left pane's 金额 and the right pane's names as `pdftotext -layout`
 * prints them: a figure two positions wider than the column ("1.05") and a
 * name printed left of the others ("本年支出合计" one space after its row's
 * figure) touch, so their positions make one column. The rows that have
 * both say where it splits: every right name is in one column, right of
 * every left figure. */
static void test_pane_figure_touching_next_names(void **state)
{
    (void)state;
    static const char t[] =
    "         项目          行次     金额                    项目         行次    金额\n"
    "一、一般公共预算财政拨款收入       1     2,844.11     一、一般公共服务支出          32\n"
    "八、其他收入               8            2.05   八、社会保障和就业支出         39      81.21\n"
    "                     9                   九、卫生健康支出            40    2,605.16\n"
    "                     10                  十、节能环保支出            41\n"
    "本年收入合计               27     2,846.16 本年支出合计                  58    2,686.37\n";
    jue_idoc *doc = grid_of(t);
    int name = col_of(doc, 2, "一、一般公共服务支出");
    assert_true(name > col_of(doc, 3, "2.05"));
    assert_int_equal(col_of(doc, 3, "八、社会保障和就业支出"), name);
    assert_int_equal(col_of(doc, 4, "九、卫生健康支出"), name);
    assert_int_equal(col_of(doc, 5, "十、节能环保支出"), name);
    assert_int_equal(col_of(doc, 6, "本年支出合计"), name);
    assert_int_equal(col_of(doc, 6, "2,846.16"), col_of(doc, 3, "2.05"));
    jue_idoc_free(doc);
}

/* 04 as `pdftotext -layout` prints it over two pages (made up, in the
 * template's shape): most 类 lines print only the right pane's name, the
 * right pane's 项目 heading is centred over its names (wider than any name
 * on a line of cells), and the totals come after the page break under a 续表
 * mark and the heading printed again. The names alone on their lines are
 * rows of the table: without them, each line of figures was laid out apart
 * and its 合计 went to the column of the 支出 heading; the table was read
 * with 合计 blank beside its funds (false T04.row-sum errors), or set aside
 * for want of its 总计 rows. */
static const char T04_CONTINUED[] =
    "\f                                   财政拨款收入支出决算总表\n"
    "                                                                                                单位：万元\n"
    "               收入                                           支出\n"
    "                                                                   一般公共预算财       政府性基金预算      国有资本经营预\n"
    "        项目          决算数                    项目         合计\n"
    "                                                                     政拨款           财政拨款        算财政拨款\n"
    "一、一般公共预算财政拨款        23,844.11   一、一般公共服务支出\n"
    "二、政府性基金预算财政拨款         120.00    二、外交支出\n"
    "三、国有资本经营预算财政拨款                  三、国防支出\n"
    "                                四、公共安全支出\n"
    "                                五、教育支出\n"
    "                                六、科学技术支出\n"
    "                                七、文化旅游体育与传媒支出\n"
    "                                八、社会保障和就业支出                91.21        91.21\n"
    "                                九、卫生健康支出              23,604.30      23,604.30\n"
    "                                十、节能环保支出\n"
    "                                十一、城乡社区支出\n"
    "                                十二、农林水支出\n"
    "                                十三、交通运输支出\n"
    "                                十四、资源勘探工业信息等支出\n"
    "                                十五、商业服务业等支出\n"
    "                                十六、金融支出\n"
    "                                十七、援助其他地区支出\n"
    "                                十八、自然资源海洋气象等支出\n"
    "                                十九、住房保障支出                  50.50        50.50\n"
    "                                二十、粮油物资储备支出\n"
    "                                二十一、国有资本经营预算支出\n"
    "                                二十二、灾害防治及应急管理支出\n"
    "                                二十三、其他支出                118.65                       118.65\n"
    "                                二十四、债务还本支出\n"
    "                                二十五、债务付息支出\n"
    "\n"
    "\n"
    "\n"
    "                                                第9页\n"
    "\f                                                                                                  续表\n"
    "               收入                                          支出\n"
    "                                                                  一般公共预算财       政府性基金预算      国有资本经营预\n"
    "         项目         决算数                项目             合计\n"
    "                                                                    政拨款           财政拨款        算财政拨款\n"
    "                               二十六、抗疫特别国债安排的支出\n"
    "本年收入合计              23,964.11 本年支出合计                  23,864.66     23,746.01       118.65\n"
    "年初财政拨款结转和结余            58.64   年末财政拨款结转和结余              158.09        156.74          1.35\n"
    "一般公共预算财政拨款             58.64\n"
    "政府性基金预算财政拨款\n"
    "国有资本经营预算财政拨款\n"
    "总计                  24,022.75 总计                      24,022.75     23,902.75       120.00\n"
    "\n"
    "注：本表反映部门本年度财政拨款总收支和结转结余情况。\n"
;

/* The same 04 copied out of a viewer, lines wrapped at 36 characters: a
 * right-pane name alone on its line is cut ("四、公共" / "安全支出", the rest
 * at the left edge; "五、教育" / "支出", a rest that reads like the 支出
 * heading of a one-pane table), also the first name after the break. */
static const char T04_CONTINUED_WRAPPED[] =
    "\f                                   \n"
    "财政拨款收入支出决算总表\n"
    "                                    \n"
    "                                    \n"
    "                        单位：万元\n"
    "               收入                                           支出\n"
    "                                                                   一般公共预算财       政府性基金预算      国有资本经营预\n"
    "        项目          决算数                    项目         合计\n"
    "                                                                     政拨款           财政拨款        算财政拨款\n"
    "一、一般公共预算财政拨款        23,844.11   一、一般公共服务支出\n"
    "二、政府性基金预算财政拨款         120.00    二、外交支出\n"
    "三、国有资本经营预算财政拨款                  三、国防支出\n"
    "                                四、公共\n"
    "安全支出\n"
    "                                五、教育\n"
    "支出\n"
    "                                六、科学\n"
    "技术支出\n"
    "                                七、文化\n"
    "旅游体育与传媒支出\n"
    "                                八、社会保障和就业支出                91.21        91.21\n"
    "                                九、卫生健康支出              23,604.30      23,604.30\n"
    "                                十、节能\n"
    "环保支出\n"
    "                                十一、城\n"
    "乡社区支出\n"
    "                                十二、农\n"
    "林水支出\n"
    "                                十三、交\n"
    "通运输支出\n"
    "                                十四、资\n"
    "源勘探工业信息等支出\n"
    "                                十五、商\n"
    "业服务业等支出\n"
    "                                十六、金\n"
    "融支出\n"
    "                                十七、援\n"
    "助其他地区支出\n"
    "                                十八、自\n"
    "然资源海洋气象等支出\n"
    "                                十九、住房保障支出                  50.50        50.50\n"
    "                                二十、粮\n"
    "油物资储备支出\n"
    "                                二十一、\n"
    "国有资本经营预算支出\n"
    "                                二十二、\n"
    "灾害防治及应急管理支出\n"
    "                                二十三、其他支出                118.65                       118.65\n"
    "                                二十四、\n"
    "债务还本支出\n"
    "                                二十五、\n"
    "债务付息支出\n"
    "\n"
    "\n"
    "\n"
    "                                    \n"
    "            第9页\n"
    "\f                                   \n"
    "                                    \n"
    "                           续表\n"
    "               收入                                          支出\n"
    "                                                                  一般公共预算财       政府性基金预算      国有资本经营预\n"
    "         项目         决算数                项目             合计\n"
    "                                                                    政拨款           财政拨款        算财政拨款\n"
    "                               二十六、抗\n"
    "疫特别国债安排的支出\n"
    "本年收入合计              23,964.11 本年支出合计                  23,864.66     23,746.01       118.65\n"
    "年初财政拨款结转和结余            58.64   年末财政拨款结转和结余              158.09        156.74          1.35\n"
    "一般公共预算财政拨款             58.64\n"
    "政府性基金预算财政拨款\n"
    "国有资本经营预算财政拨款\n"
    "总计                  24,022.75 总计                      24,022.75     23,902.75       120.00\n"
    "\n"
    "注：本表反映部门本年度财政拨款总收支和结转结余情况。\n"
;

/* One table with both 总计 rows, every figure in its column: nothing set
 * aside, no 合计 read blank beside its funds. */
static void assert_04_continued(const jue_disclosure *d)
{
    const jue_table *tab = d->tables[JUE_T04];
    assert_non_null(tab);
    assert_null(d->unread[JUE_T04]);
    assert_int_equal(jue_table_find_row(tab, "204", JUE_SIDE_NONE) >= 0, 1);
    assert_int_equal(value_at(d, JUE_T04, "208", JUE_C_TOTAL), 91210000);
    assert_int_equal(value_at(d, JUE_T04, "208", JUE_C_GENERAL), 91210000);
    assert_int_equal(value_at(d, JUE_T04, "210", JUE_C_TOTAL), 23604300000);
    assert_int_equal(value_at(d, JUE_T04, "229", JUE_C_TOTAL), 118650000);
    assert_int_equal(value_at(d, JUE_T04, "229", JUE_C_GOVFUND), 118650000);
    assert_int_equal(value_at(d, JUE_T04, "本年支出合计", JUE_C_GENERAL), 23746010000);
    assert_int_equal(value_at(d, JUE_T04, "支出总计", JUE_C_TOTAL), 24022750000);
    assert_int_equal(value_at(d, JUE_T04, "支出总计", JUE_C_GOVFUND), 120000000);
    int inc = jue_table_find_row(tab, "收入总计", JUE_SIDE_NONE);
    assert_true(inc >= 0);
    assert_true(jue_table_find_row(tab, "234", JUE_SIDE_NONE) >= 0);
}

static void test_04_continued_after_page_break(void **state)
{
    (void)state;
    jue_disclosure *d = import_text(T04_CONTINUED);
    assert_04_continued(d);
    jue_disclosure_free(d);
}

static void test_04_continued_wrapped(void **state)
{
    (void)state;
    jue_disclosure *d = import_text(T04_CONTINUED_WRAPPED);
    assert_04_continued(d);
    jue_disclosure_free(d);
}

/* A 04 whose rows are printed over two lines (pdftotext -layout of a real
 * PDF): the heading of the blank 国有资本经营 column stacked a word a line
 * right of every column; the first income figure and the figures of the
 * 本年收入合计 / 本年支出合计 row each a line above their row (a baseline set
 * a little higher); an income name wrapped around the expenditure pane's
 * line printed alone between its two pieces ("二、政府性基金预算财政拨" /
 * "二、外交支出" / "款"). The table is read to both 总计 rows, each figure
 * on its row. */
static const char T04_LIFTED[] =
    "                            财政拨款收入支出决算总表\n"
    "                                                                              单位：万元\n"
    "\n"
    "          收入                                        支出\n"
    "                                                                             国有资本经营\n"
    "                                                    一般公共预算          政府性基金预\n"
    "                                                                               预\n"
    "     项目         决算数            项目         合计          财               算\n"
    "                                                                              算财政拨\n"
    "                                                    政拨款             财政拨款\n"
    "                                                                              款\n"
    "               1,234.56\n"
    "一、一般公共预算财政拨款              一、一般公共服务支出     1,000.00        1,000.00\n"
    "二、政府性基金预算财政拨\n"
    "                          二、外交支出\n"
    "款\n"
    "三、国有资本经营预算财政\n"
    "                          三、国防支出\n"
    "拨款\n"
    "                          四、公共安全支出\n"
    "                          八、社会保障和就业支出     200.00          200.00\n"
    "                          十九、住房保障支出         34.56           34.56\n"
    "               1,234.56                  1,234.56\n"
    "   本年收入合计                    本年支出合计                  1,234.56\n"
    "年初财政拨款结转和结余     10.00     年末财政拨款结转和结余     10.00        10.00\n"
    "一、一般公共预算财政拨款    10.00\n"
    "二、政府性基金预算财政拨\n"
    "款\n"
    "三、国有资本经营预算财政\n"
    "拨款\n"
    "     总计        1,244.56        总计         1,244.56     1,244.56\n"
;

static void test_04_rows_over_two_lines(void **state)
{
    (void)state;
    jue_disclosure *d = import_text(T04_LIFTED);
    assert_null(d->unread[JUE_T04]);
    assert_non_null(d->tables[JUE_T04]);
    assert_int_equal(value_at(d, JUE_T04, "一般公共预算财政拨款", JUE_C_TOTAL), 1234560000);
    assert_int_equal(value_at(d, JUE_T04, "本年收入合计", JUE_C_TOTAL), 1234560000);
    assert_int_equal(value_at(d, JUE_T04, "本年支出合计", JUE_C_TOTAL), 1234560000);
    assert_int_equal(value_at(d, JUE_T04, "本年支出合计", JUE_C_GENERAL), 1234560000);
    assert_int_equal(value_at(d, JUE_T04, "收入总计", JUE_C_TOTAL), 1244560000);
    assert_int_equal(value_at(d, JUE_T04, "支出总计", JUE_C_GENERAL), 1244560000);
    assert_int_equal(value_at(d, JUE_T04, "221", JUE_C_GENERAL), 34560000);
    assert_true(jue_table_find_row(d->tables[JUE_T04], "202", JUE_SIDE_NONE) >= 0);
    jue_disclosure_free(d);
}

/* The same with a blank line between the figures and the row under them:
 * whose figures they are is not certain, so the table is set aside (a
 * warning, no finding), never read with the figures on no row. */
static void test_04_figures_apart_set_aside(void **state)
{
    (void)state;
    char t[sizeof T04_LIFTED + 1];
    const char *at = strstr(T04_LIFTED, "   本年收入合计");
    assert_non_null(at);
    size_t k = (size_t)(at - T04_LIFTED);
    memcpy(t, T04_LIFTED, k);
    t[k] = '\n';
    memcpy(t + k + 1, at, sizeof T04_LIFTED - k);
    jue_disclosure *d = import_text(t);
    assert_non_null(d->unread[JUE_T04]);
    assert_null(d->tables[JUE_T04]);
    jue_disclosure_free(d);
}

/* Table 03 as a word processor prints it from columns too narrow for the
 * figures: "21,777.6" over "0", "23,605.1" over "6" (aligned as
 * pdftotext -layout aligns, a character a column). The pieces are put back on their figures (the table adds up and
 * is read); a row of short numbers that completes nothing stays as it
 * was. Made up; figures of the example. */
static const char T03_WRAPPED[] =
    "                              支出决算表\n"
    "编制单位：青溪县医疗保障局                                  金额单位：万元\n"
    "科目编码         科目名称                        本年支出合计        基本支出        项目支出\n"
    "             合计                        23,605.1      662.78    22,942.3\n"
    "                                              6                       8\n"
    "210          卫生健康支出                    23,605.1      662.78    22,942.3\n"
    "                                              6                       8\n"
    "21012        财政对基本医疗保险基金的补助            21,777.6                21,777.6\n"
    "                                              0                       0\n"
    "21013        医疗救助                        934.93                  934.93\n"
    "21015        医疗保障管理事务                    892.63      662.78      229.85\n";

static void test_03_figures_wrapped_in_cells(void **state)
{
    (void)state;
    jue_disclosure *d = import_text(T03_WRAPPED);
    assert_null(d->unread[JUE_T03]);
    assert_int_equal(value_at(d, JUE_T03, "合计", JUE_C_EXP_TOTAL), 23605160000);
    assert_int_equal(value_at(d, JUE_T03, "合计", JUE_C_PROJECT), 22942380000);
    assert_int_equal(value_at(d, JUE_T03, "210", JUE_C_EXP_TOTAL), 23605160000);
    assert_int_equal(value_at(d, JUE_T03, "21012", JUE_C_EXP_TOTAL), 21777600000);
    assert_int_equal(value_at(d, JUE_T03, "21012", JUE_C_PROJECT), 21777600000);
    jue_disclosure_free(d);
    /* left-aligned cells: the piece starts where the figure starts; of two
     * figures the piece goes to the one it is aligned with */
    jue_idoc *left = grid_of("21012        财政对基本医疗保险基  47,273.5  47,273.5\n"
                             "             金的补助        8         8\n");
    jue_grid *lg = &left->grids[0];
    assert_int_equal(jue_rec_join_wrapped_figures(lg), JUE_OK);
    assert_string_equal(jue_grow_text(&lg->rows[0], 2), "47,273.58");
    assert_string_equal(jue_grow_text(&lg->rows[0], 3), "47,273.58");
    assert_string_equal(jue_grow_text(&lg->rows[1], 1), "金的补助");   /* the name's end stays */
    jue_idoc_free(left);
    /* the figure's first line over the row's names, its last under them:
     * put back whole (a PDF's rows, whose columns line up, give it to the
     * names' row's blank cell; a text's rows stay as they are) */
    jue_idoc *mid = grid_of("                                  129.\n"
                            "22960        彩票公益金安排的支出            129.29\n"
                            "                                  29\n");
    jue_grid *mg = &mid->grids[0];
    assert_int_equal(jue_rec_join_wrapped_figures(mg), JUE_OK);
    assert_string_equal(jue_grow_text(&mg->rows[0], 0), "129.29");
    assert_int_equal(jue_grow_filled(&mg->rows[2]), 0);
    jue_idoc_free(mid);
    /* a code cut under its start ("208050" over "5"), a one-decimal figure
     * cut at its point ("137." over "7") */
    jue_idoc *code = grid_of("208050       机关事业单位基本养老  137.      9.68\n"
                             "5            保险缴费支出         7\n");
    jue_grid *cg = &code->grids[0];
    assert_int_equal(jue_rec_join_wrapped_figures(cg), JUE_OK);
    assert_string_equal(jue_grow_text(&cg->rows[0], 0), "2080505");
    assert_string_equal(jue_grow_text(&cg->rows[0], 2), "137.7");
    assert_string_equal(jue_grow_text(&cg->rows[1], 1), "保险缴费支出");
    jue_idoc_free(code);
    /* a lone 行次-like number under a whole figure is no piece of it */
    jue_idoc *doc = grid_of("收入             23,605.16     1\n"
                            "                        6\n");
    jue_grid *g = &doc->grids[0];
    assert_int_equal(jue_rec_join_wrapped_figures(g), JUE_OK);
    assert_string_equal(jue_grow_text(&g->rows[0], 1), "23,605.16");
    assert_string_equal(jue_grow_text(&g->rows[1], 0), "6");
    jue_idoc_free(doc);
}

/* Table 09 with a figure printed under no item's heading (a copy whose
 * columns came out one more than its headings): the figure would be lost
 * and every total compared without it, so the table is set aside. The same
 * table without it is read. Made up. */
static const char T09_READ[] =
    "                        财政拨款“三公”经费支出决算表\n"
    "编制单位：青溪县医疗保障局                                     金额单位：万元\n"
    "       预算数                                              决算数\n"
    "      合计    因公出国（境）费    公务用车购置及运行维护费     公务接待费        合计    因公出国（境）费    公务用车购置及运行维护费     公务接待费\n"
    "    9.00                        6.00      3.00      6.79                        5.11      1.68\n";
static const char T09_STRAY[] =
    "                        财政拨款“三公”经费支出决算表\n"
    "编制单位：青溪县医疗保障局                                     金额单位：万元\n"
    "       预算数                                              决算数\n"
    "      合计    因公出国（境）费    公务用车购置及运行维护费     公务接待费        合计    因公出国（境）费    公务用车购置及运行维护费     公务接待费\n"
    "    9.00                        6.00      3.00      6.79                        5.11      1.68      2.50\n";

/* A title, its label and its 编制单位 line run into one (a copy joining
 * short lines): the title is found. Made up. */
static void test_title_label_meta_in_one_line(void **state)
{
    (void)state;
    jue_disclosure *d = import_text("一般公共预算财政拨款支出决算表公开05表编制单位：青溪县医疗保障局金额单位：万元\n"
                                    "科目编码     科目名称               合计      基本支出    项目支出\n"
                                    "             合计                  100.00       60.00       40.00\n"
                                    "208          社会保障和就业支出    100.00       60.00       40.00\n");
    assert_non_null(d->tables[JUE_T05]);
    assert_int_equal(value_at(d, JUE_T05, "208", JUE_C_PROJECT), 40000000);
    jue_disclosure_free(d);
}

static void test_09_figure_under_no_heading(void **state)
{
    (void)state;
    jue_disclosure *d = import_text(T09_READ);
    assert_null(d->unread[JUE_T09]);
    assert_non_null(d->tables[JUE_T09]);
    jue_disclosure_free(d);
    d = import_text(T09_STRAY);
    assert_non_null(d->unread[JUE_T09]);
    assert_null(d->tables[JUE_T09]);
    jue_disclosure_free(d);
}

/* Table 05 with its code printed in 类 | 款 | 项 parts under one 科目编码
 * heading, no 类 款 项 headings (as a copy may print a form whose part
 * headings are lost): the parts are read as one code, not each row as its
 * 类 (every row was 208 or 210 with another name: catalog.name and
 * T05.total errors on a right table). Made up; figures of the example. */
static const char T05_SPLIT[] =
    "                   一般公共预算财政拨款支出决算表\n"
    "编制单位：青溪县医疗保障局                                   金额单位：万元\n"
    "科目编码          科目名称                                        合计          基本支出          项目支出\n"
    "              合计                                      116.38         91.21         25.17\n"
    "208           社会保障和就业支出                                91.21         91.21              \n"
    "208  05       行政事业单位养老支出                               91.21         91.21              \n"
    "208  05  05   机关事业单位基本养老保险缴费支出                         65.15         65.15              \n"
    "208  05  06   机关事业单位职业年金缴费支出                           26.06         26.06              \n"
    "210           卫生健康支出                                   25.17                       25.17\n"
    "210  11       行政事业单位医疗                                 25.17                       25.17\n"
    "210  11  01   行政单位医疗                                   25.17                       25.17\n";

static void test_05_split_code_without_part_headings(void **state)
{
    (void)state;
    jue_disclosure *d = import_text(T05_SPLIT);
    const jue_table *t = d->tables[JUE_T05];
    assert_non_null(t);
    int r = jue_table_find_row(t, "2080505", JUE_SIDE_NONE);
    assert_true(r >= 0);
    assert_string_equal(t->rows[r].name, "机关事业单位基本养老保险缴费支出");
    assert_true(jue_table_find_row(t, "21011", JUE_SIDE_NONE) >= 0);
    r = jue_table_find_row(t, "208", JUE_SIDE_NONE);
    assert_string_equal(t->rows[r].name, "社会保障和就业支出");
    jue_disclosure_free(d);
}

/* The same table with its 款 and 项 parts beyond the column reader (a figure
 * column between): whatever the reading, one code on rows of different
 * names is a reading that cannot be trusted — set aside, not accused. */
static void test_code_twice_set_aside(void **state)
{
    (void)state;
    static const char T[] =
        "                   一般公共预算财政拨款支出决算表\n"
        "编制单位：青溪县医疗保障局                                   金额单位：万元\n"
        "科目编码                          科目名称                 合计        基本支出\n"
        "              合计                                        91.21          91.21\n"
        "208                               社会保障和就业支出       91.21          91.21\n"
        "208                               行政事业单位养老支出     91.21          91.21\n";
    jue_disclosure *d = import_text(T);
    assert_null(d->tables[JUE_T05]);
    assert_non_null(d->unread[JUE_T05]);
    assert_non_null(strstr(d->unread[JUE_T05], "同一科目编码"));
    jue_disclosure_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_05_split_code_without_part_headings),
        cmocka_unit_test(test_code_twice_set_aside),
        cmocka_unit_test(test_name_wrapped_over_two_lines_below),
        cmocka_unit_test(test_names_centred_on_their_code_rows),
        cmocka_unit_test(test_names_centred_around_both_rows),
        cmocka_unit_test(test_two_headings_one_space_apart),
        cmocka_unit_test(test_06_triples_over_lines),
        cmocka_unit_test(test_page_break_own_columns),
        cmocka_unit_test(test_words_in_figure_column_set_aside),
        cmocka_unit_test(test_06_page_turn),
        cmocka_unit_test(test_06_figure_without_triple_set_aside),
        cmocka_unit_test(test_09_headings_only),
        cmocka_unit_test(test_01_name_around_its_line),
        cmocka_unit_test(test_01_name_wrapped_before_its_line),
        cmocka_unit_test(test_01_name_wrapped_after_its_line),
        cmocka_unit_test(test_01_one_pane_over_a_page_break),
        cmocka_unit_test(test_pane_figure_touching_next_names),
        cmocka_unit_test(test_01_pieces_wrapped_to_the_left),
        cmocka_unit_test(test_09_figures_squeezed_left),
        cmocka_unit_test(test_04_continued_after_page_break),
        cmocka_unit_test(test_04_continued_wrapped),
        cmocka_unit_test(test_04_rows_over_two_lines),
        cmocka_unit_test(test_03_figures_wrapped_in_cells),
        cmocka_unit_test(test_06_names_wrapped_in_cells),
        cmocka_unit_test(test_09_figure_under_no_heading),
        cmocka_unit_test(test_title_label_meta_in_one_line),
        cmocka_unit_test(test_04_figures_apart_set_aside),
        cmocka_unit_test(test_05_names_centred_around_named_rows),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
