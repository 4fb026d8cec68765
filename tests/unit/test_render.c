/* Renderers on a hand-built disclosure: concrete things each format must say. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <juesuan/render.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "render/render_internal.h"
#include "render_fixture.h"

static int setup(void **state)
{
    jue_disclosure *d = fx_build();
    if (!d) return -1;
    for (int i = 0; i < JUE_NTABLES; i++)
        if (!d->tables[i]) return -1;
    *state = d;
    return 0;
}

static int teardown(void **state)
{
    jue_disclosure_free(*state);
    return 0;
}

#define CONTAINS(hay, needle)                                                       \
    do {                                                                            \
        if (!strstr((hay), (needle))) fail_msg("missing: %s", (needle));            \
    } while (0)
#define LACKS(hay, needle)                                                          \
    do {                                                                            \
        if (strstr((hay), (needle))) fail_msg("unexpected: %s", (needle));          \
    } while (0)

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0, k = strlen(needle);
    for (const char *p = strstr(hay, needle); p; p = strstr(p + k, needle)) n++;
    return n;
}

static void test_html(void **state)
{
    const jue_disclosure *d = *state;
    jue_buf b;
    jue_buf_init(&b);
    assert_int_equal(jue_render_html(d, &b), JUE_OK);
    const char *s = jue_buf_str(&b);
    CONTAINS(s, "<!DOCTYPE html>");
    CONTAINS(s, "<meta charset=\"utf-8\">");
    CONTAINS(s, "\"Noto Sans CJK SC\"");
    CONTAINS(s, "\"Noto Serif CJK SC\"");
    CONTAINS(s, "@media print");
    CONTAINS(s, "size:A4 landscape");
    /* no external resources */
    LACKS(s, "<link");
    LACKS(s, "<script");
    LACKS(s, "src=");
    /* the cell id and its printed amount */
    CONTAINS(s, "<td id=\"T03-2101501-基本支出\" class=\"num\">123.46</td>");
    CONTAINS(s, ">1,234.57</td>");
    CONTAINS(s, "<td id=\"T01-inc-一般公共预算财政拨款收入-决算数\" class=\"num\">1,234.57</td>");
    CONTAINS(s, "id=\"T01-exp-本年支出合计-决算数\"");
    CONTAINS(s, "id=\"T09-公务接待费-决算数\" class=\"num\">2.62<");
    /* a blank cell keeps its id and is empty; a zero prints 0.00 */
    CONTAINS(s, "<td id=\"T03-2101501-项目支出\" class=\"num\"></td>");
    CONTAINS(s, "<td id=\"T01-inc-年初结转和结余-决算数\" class=\"num\">0.00</td>");
    /* labels, department, unit */
    CONTAINS(s, "<div class=\"label\">公开01表</div>");
    CONTAINS(s, "<h2>收入支出决算总表</h2>");
    assert_int_equal(count(s, "<span>编制单位：示例县医疗保障局</span><span>金额单位：万元</span>"), 9);
    /* the empty table's note */
    CONTAINS(s, "<p class=\"note empty\">说明：本单位没有国有资本经营预算财政拨款收入");
    CONTAINS(s, "注：本表反映部门本年度“三公”经费支出预决算情况。");
    /* escaping */
    CONTAINS(s, "其他&quot;医保&quot;&lt;管理&gt; &amp; 事务");
    LACKS(s, "<管理>");
    /* ordinals on income and 类 lines of 01/04, not on totals */
    CONTAINS(s, ">一、一般公共预算财政拨款收入</td>");
    CONTAINS(s, ">三、国有资本经营预算财政拨款收入</td>");
    CONTAINS(s, ">四、其他支出</td>");
    CONTAINS(s, ">二、政府性基金预算财政拨款</td>");
    LACKS(s, "、本年收入合计");
    /* the blank income line of 01 is numbered 4 (行次 run 1–8) */
    CONTAINS(s, "<td></td><td class=\"line\">4</td><td></td>");
    /* headers: merged cells and 栏次 */
    CONTAINS(s, "<th colspan=\"3\">收入</th>");
    CONTAINS(s, "<th colspan=\"6\">支出</th>");
    CONTAINS(s, "<th colspan=\"3\">本年支出</th>");
    CONTAINS(s, "<th colspan=\"3\">公务用车购置及运行维护费</th>");
    CONTAINS(s, "<th colspan=\"2\">栏次</th>");
    /* indentation and totals */
    CONTAINS(s, "class=\"name l3\">行政运行</td>");
    CONTAINS(s, "class=\"name span tot\" colspan=\"2\">合计</td>");
    CONTAINS(s, "class=\"name span tot\" colspan=\"2\">人员经费合计</td>");
    jue_buf_free(&b);
}

static void test_markdown(void **state)
{
    const jue_disclosure *d = *state;
    jue_buf b;
    jue_buf_init(&b);
    assert_int_equal(jue_render_md(d, &b), JUE_OK);
    const char *s = jue_buf_str(&b);
    CONTAINS(s, "# 示例县医疗保障局2024年度部门决算表\n");
    CONTAINS(s, "\n## 支出决算表\n\n公开03表　编制单位：示例县医疗保障局　金额单位：万元\n");
    CONTAINS(s, "| 项目/功能分类科目编码 | 项目/科目名称 | 本年支出合计 | 基本支出 |");
    CONTAINS(s, "| --- | --- | ---: | ---: |");
    CONTAINS(s, "| 栏次 |  | 1 | 2 | 3 | 4 | 5 | 6 |\n");
    CONTAINS(s, "| 2101501 | 　　行政运行 | 123.46 | 123.46 |  |  |  |  |\n");
    CONTAINS(s, "| **合计** |  | **1,334.57** | **123.46** | **1,211.11** |  |  |  |\n");
    CONTAINS(s, "| 2101599 | 　　其他\"医保\"&lt;管理&gt; &amp; 事务 | 976.54 |  | 976.54 |");
    CONTAINS(s, "| 收入/项目 | 收入/行次 | 收入/金额 | 支出/项目 | 支出/行次 | 支出/金额 |");
    CONTAINS(s, "| 一、一般公共预算财政拨款收入 | 1 | 1,234.57 | 一、社会保障和就业支出 | 9 | 34.57 |\n");
    CONTAINS(s, "| 预算数/合计 | 预算数/因公出国（境）费 | 预算数/公务用车购置及运行维护费/小计 |");
    CONTAINS(s, "\n说明：本单位没有国有资本经营预算财政拨款收入");
    jue_buf_free(&b);
}

static void test_csv(void **state)
{
    const jue_disclosure *d = *state;
    jue_buf b;
    jue_buf_init(&b);
    assert_int_equal(jue_render_csv(d, JUE_T03, &b), JUE_OK);
    const char *s = jue_buf_str(&b);
    assert_memory_equal(s, "\xEF\xBB\xBF", 3);
    CONTAINS(s, "\xEF\xBB\xBF" "科目编码,科目名称,本年支出合计,基本支出,项目支出,上缴上级支出,经营支出,"
                "对附属单位补助支出\r\n");
    CONTAINS(s, "\r\n,合计,1334.57,123.46,1211.11,,,\r\n");
    CONTAINS(s, "\r\n\"2101501\",行政运行,123.46,123.46,,,,\r\n");
    CONTAINS(s, "\r\n\"2101599\",\"其他\"\"医保\"\"<管理> & 事务\",976.54,,976.54,,,\r\n");
    assert_int_equal(count(s, "\r\n"), 6);
    LACKS(s, "1,334.57");

    jue_buf_reset(&b);
    assert_int_equal(jue_render_csv(d, JUE_T01, &b), JUE_OK);
    s = jue_buf_str(&b);
    CONTAINS(s, "\xEF\xBB\xBF" "方向,行次,项目,决算数\r\n");
    CONTAINS(s, "\r\n收入,1,一般公共预算财政拨款收入,1234.57\r\n");
    CONTAINS(s, "\r\n收入,3,国有资本经营预算财政拨款收入,\r\n");
    CONTAINS(s, "\r\n支出,16,总计,1334.57\r\n");

    jue_buf_reset(&b);
    assert_int_equal(jue_render_csv(d, JUE_T07, &b), JUE_OK);
    CONTAINS(jue_buf_str(&b), ",本年支出/小计,本年支出/基本支出,本年支出/项目支出,");

    jue_buf_reset(&b);
    assert_int_equal(jue_render_csv(d, JUE_T09, &b), JUE_OK);
    CONTAINS(jue_buf_str(&b), "\xEF\xBB\xBF" "项目,预算数,决算数\r\n合计,6.00,2.62\r\n");

    jue_buf_free(&b);
}

/* Structural JSON check: strings closed, no raw control characters inside
 * them, braces and brackets balanced and properly nested. */
static void assert_json_shape(const char *s)
{
    char stack[64];
    int depth = 0;
    bool in_str = false;
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (in_str) {
            assert_true(c >= 0x20);
            if (c == '\\') {
                p++;
                assert_non_null(strchr("\"\\/bfnrtu", *p));
            } else if (c == '"') {
                in_str = false;
            }
            continue;
        }
        if (c == '"') in_str = true;
        else if (c == '{' || c == '[') {
            assert_true(depth < 64);
            stack[depth++] = (char)c;
        } else if (c == '}' || c == ']') {
            assert_true(depth > 0);
            assert_int_equal(stack[--depth], c == '}' ? '{' : '[');
        }
    }
    assert_false(in_str);
    assert_int_equal(depth, 0);
}

static void test_json(void **state)
{
    const jue_disclosure *d = *state;
    jue_buf b;
    jue_buf_init(&b);
    assert_int_equal(jue_render_json(d, &b), JUE_OK);
    const char *s = jue_buf_str(&b);
    assert_json_shape(s);
    CONTAINS(s, "\"department\": \"示例县医疗保障局\"");
    CONTAINS(s, "\"year\": 2024");
    CONTAINS(s, "\"unit_type\": \"行政单位\"");
    CONTAINS(s, "{\"id\":\"002\",\"name\":\"示例县医疗保障事务中心\",\"type\":\"事业单位\",\"main\":false}");
    CONTAINS(s, "\"id\": \"T03\"");
    CONTAINS(s, "{\"exact_fen\":123456789,\"printed\":\"123.46\",\"printed_fen\":123460000,\"decimals\":2}");
    CONTAINS(s, "\"name\":\"其他\\\"医保\\\"<管理> & 事务\"");
    /* 08's zero printed without decimals, no exact value */
    CONTAINS(s, "{\"exact_fen\":null,\"printed\":\"0\",\"printed_fen\":0,\"decimals\":0}");
    CONTAINS(s, "{\"key\":\"小计\",\"group\":\"本年支出\",\"no\":3}");
    CONTAINS(s, "\"side\":\"income\",\"line_no\":1,\"total\":false,\"cells\":[{\"exact_fen\":1234567890,");
    CONTAINS(s, "\"empty\": true");
    /* blank cells are null */
    CONTAINS(s, "\"key\":\"国有资本经营预算财政拨款收入\",\"name\":\"国有资本经营预算财政拨款收入\",\"level\":0,"
                "\"side\":\"income\",\"line_no\":3,\"total\":false,\"cells\":[null]}");
    assert_int_equal(count(s, "\"id\": \"T0"), 9);
    jue_buf_free(&b);
}

static void test_json_escaping(void **state)
{
    (void)state;
    jue_disclosure *d = jue_disclosure_new();
    assert_non_null(d);
    d->department = jue_strdup("a\"b\\c\td\x01" "e\n\xff" "f/中");
    d->tables[JUE_T08] = jue_table_new(JUE_T08);
    assert_non_null(d->tables[JUE_T08]);
    jue_buf b;
    jue_buf_init(&b);
    assert_int_equal(jue_render_json(d, &b), JUE_OK);
    const char *s = jue_buf_str(&b);
    assert_json_shape(s);
    CONTAINS(s, "\"department\": \"a\\\"b\\\\c\\td\\u0001e\\n\xEF\xBF\xBD" "f/中\"");
    CONTAINS(s, "\"rows\": []");
    CONTAINS(s, "\"units\": []");

    /* The same hostile name is harmless in HTML and Markdown too. */
    jue_buf_reset(&b);
    assert_int_equal(jue_render_html(d, &b), JUE_OK);
    CONTAINS(jue_buf_str(&b), "编制单位：a&quot;b\\c d e \xEF\xBF\xBD" "f/中<");
    jue_buf_reset(&b);
    assert_int_equal(jue_render_md(d, &b), JUE_OK);
    CONTAINS(jue_buf_str(&b), "编制单位：a\"b\\\\c d e \xEF\xBF\xBD" "f/中　");
    jue_buf_free(&b);
    jue_disclosure_free(d);
}

static void test_empty_tables(void **state)
{
    (void)state;
    /* Tables with no rows still print their header and a note. */
    jue_disclosure *d = jue_disclosure_new();
    assert_non_null(d);
    for (int i = 0; i < JUE_NTABLES; i++) {
        d->tables[i] = jue_table_new((jue_table_id)i);
        assert_non_null(d->tables[i]);
        d->tables[i]->empty = true;
    }
    jue_buf b;
    jue_buf_init(&b);
    assert_int_equal(jue_render_html(d, &b), JUE_OK);
    const char *s = jue_buf_str(&b);
    assert_int_equal(count(s, "<p class=\"note empty\">本表无数据。</p>"), 9);
    CONTAINS(s, "<th rowspan=\"2\">公务接待费</th>");
    CONTAINS(s, "<td id=\"T09-公务接待费-预算数\" class=\"num\"></td>");
    jue_buf_reset(&b);
    assert_int_equal(jue_render_md(d, &b), JUE_OK);
    assert_int_equal(count(jue_buf_str(&b), "\n本表无数据。\n"), 9);
    jue_buf_reset(&b);
    assert_int_equal(jue_render_csv(d, JUE_T06, &b), JUE_OK);
    assert_string_equal(jue_buf_str(&b), "\xEF\xBB\xBF方向,科目编码,科目名称,决算数\r\n");
    jue_buf_free(&b);
    jue_disclosure_free(d);
}

static void test_formats_parse(void **state)
{
    (void)state;
    const char *bad = "x";
    assert_int_equal(jue_formats_parse("html,xlsx,md", &bad), JUE_FMT_HTML | JUE_FMT_XLSX | JUE_FMT_MD);
    assert_null(bad);
    assert_int_equal(jue_formats_parse(" csv , JSON ", &bad), JUE_FMT_CSV | JUE_FMT_JSON);
    assert_int_equal(jue_formats_parse("all", &bad), JUE_FMT_ALL);
    assert_int_equal(jue_formats_parse("pdf,Word", &bad), JUE_FMT_PDF | JUE_FMT_DOCX);
    const char *list = "html,odt,md";
    assert_int_equal(jue_formats_parse(list, &bad), 0);
    assert_ptr_equal(bad, list + 5);
    assert_int_equal(jue_formats_parse("html,", &bad), 0);
    assert_int_equal(jue_formats_parse("", &bad), 0);
    assert_int_equal(jue_formats_parse("htmlx", NULL), 0);
}

static void test_render_all(void **state)
{
    const jue_disclosure *d = *state;
    char tmpl[] = "/tmp/jue-render-test-XXXXXX";
    char *dir = mkdtemp(tmpl);
    assert_non_null(dir);
    char out[256];
    snprintf(out, sizeof out, "%s/a/b", dir);
    jue_diags diags;
    jue_diags_init(&diags);
    assert_int_equal(jue_render_all(d, out, "x", JUE_FMT_ALL, &diags), JUE_OK);
    assert_int_equal(diags.errors, 0);
    assert_int_equal(diags.len, 4 + 9);
    for (size_t i = 0; i < diags.len; i++) assert_int_equal(diags.items[i].severity, JUE_SEV_INFO);
    const char *names[] = { "x.html", "x.xlsx", "x.md", "x.json", "x-t01.csv", "x-t09.csv" };
    char path[512];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", out, names[i]);
        struct stat sb;
        assert_int_equal(stat(path, &sb), 0);
        assert_true(sb.st_size > 0);
    }
    /* The XLSX is a zip file. */
    snprintf(path, sizeof path, "%s/x.xlsx", out);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char magic[2] = { 0 };
    assert_int_equal(fread(magic, 1, 2, f), 2);
    fclose(f);
    assert_memory_equal(magic, "PK", 2);

    /* A directory that cannot be created is an error diagnostic. */
    jue_diags_free(&diags);
    snprintf(path, sizeof path, "%s/x.html/sub", out);
    assert_int_equal(jue_render_all(d, path, "y", JUE_FMT_MD, &diags), JUE_ERR_IO);
    assert_int_equal(diags.errors, 1);
    /* Writing into a missing place is reported, not fatal for other formats. */
    jue_diags_free(&diags);

    DIR *dh = opendir(out);
    assert_non_null(dh);
    struct dirent *e;
    while ((e = readdir(dh)) != NULL) {
        if (e->d_name[0] == '.') continue;
        snprintf(path, sizeof path, "%s/%s", out, e->d_name);
        unlink(path);
    }
    closedir(dh);
    rmdir(out);
    snprintf(path, sizeof path, "%s/a", dir);
    rmdir(path);
    rmdir(dir);
}

static void test_xlsx_bad_path(void **state)
{
    const jue_disclosure *d = *state;
    assert_int_equal(jue_render_xlsx(d, "/nonexistent-dir-jue/x.xlsx"), JUE_ERR_IO);
}

static void test_helpers(void **state)
{
    (void)state;
    char b[48];
    const struct { int n; const char *s; } ORD[] = {
        { 1, "一、" }, { 9, "九、" }, { 10, "十、" }, { 11, "十一、" }, { 20, "二十、" },
        { 26, "二十六、" }, { 99, "九十九、" }, { 0, "" }, { 100, "" },
    };
    for (size_t i = 0; i < sizeof ORD / sizeof ORD[0]; i++) {
        jue_rd_ordinal(ORD[i].n, b, sizeof b);
        assert_string_equal(b, ORD[i].s);
    }
    jue_rd_fmt_decimals(51318210000, 2, b, sizeof b);
    assert_string_equal(b, "51318.21");
    jue_rd_fmt_decimals(4821033652, 6, b, sizeof b);
    assert_string_equal(b, "4821.033652");
    jue_rd_fmt_decimals(0, 0, b, sizeof b);
    assert_string_equal(b, "0");
    jue_rd_fmt_decimals(-50000, 2, b, sizeof b);
    assert_string_equal(b, "-0.05");
    jue_rd_fmt_decimals(-4999, 2, b, sizeof b);
    assert_string_equal(b, "0.00");
    jue_rd_fmt_decimals(INT64_MIN, 2, b, sizeof b);
    assert_string_equal(b, "-9223372036854.78");
    assert_int_equal(jue_rd_utf8_len((const unsigned char *)"\xE4\xB8\xAD", 3), 3);
    assert_int_equal(jue_rd_utf8_len((const unsigned char *)"\xC0\xAF", 2), 0);      /* overlong */
    assert_int_equal(jue_rd_utf8_len((const unsigned char *)"\xED\xA0\x80", 3), 0);  /* surrogate */
    assert_int_equal(jue_rd_utf8_len((const unsigned char *)"\xE4\xB8", 2), 0);      /* cut */
}

/* 01 as published (醴陵 2022): 8 income lines against 26 类 lines, the
 * blank lines 9–26 on the income side and 30/61 before 总计 numbered. */
static void test_layout_t01_official(void **state)
{
    (void)state;
    jue_table *t = jue_table_new(JUE_T01);
    assert_non_null(t);
    char key[8];
    for (int i = 0; i < 8; i++) {
        snprintf(key, sizeof key, "i%d", i + 1);
        int r = jue_table_add_row(t, key, key, JUE_LEVEL_NONE, JUE_SIDE_INCOME, false);
        t->rows[r].line_no = i + 1;
    }
    const int inc_foot[] = { 27, 28, 29, 31 }, exp_foot[] = { 58, 59, 60, 62 };
    for (int i = 0; i < 4; i++) {
        snprintf(key, sizeof key, "f%d", i);
        int r = jue_table_add_row(t, key, key, JUE_LEVEL_NONE, JUE_SIDE_INCOME, i == 0 || i == 3);
        t->rows[r].line_no = inc_foot[i];
    }
    for (int i = 0; i < 26; i++) {
        snprintf(key, sizeof key, "%d", 201 + i);
        int r = jue_table_add_row(t, key, key, JUE_LEVEL_LEI, JUE_SIDE_EXPEND, false);
        t->rows[r].line_no = 32 + i;
    }
    for (int i = 0; i < 4; i++) {
        snprintf(key, sizeof key, "f%d", i);
        int r = jue_table_add_row(t, key, key, JUE_LEVEL_NONE, JUE_SIDE_EXPEND, i == 0 || i == 3);
        t->rows[r].line_no = exp_foot[i];
    }
    jue_rd_layout l;
    assert_int_equal(jue_rd_layout_build(t, &l), JUE_OK);
    assert_int_equal(l.ncols, 6);
    assert_int_equal(l.nrows, 31);
    for (size_t r = 0; r < l.nrows; r++) {
        assert_int_equal(jue_rd_at(&l, r, 1)->line_no, (int)r + 1);
        assert_int_equal(jue_rd_at(&l, r, 4)->line_no, (int)r + 32);
    }
    assert_int_equal(jue_rd_at(&l, 25, 3)->ordinal, 26);
    assert_int_equal(jue_rd_at(&l, 7, 0)->ordinal, 8);
    assert_int_equal(jue_rd_at(&l, 29, 0)->kind, JUE_RC_BLANK);  /* line 30 */
    assert_string_equal(jue_rd_at(&l, 30, 0)->rowkey, "f3");     /* 总计 at the bottom */
    jue_rd_layout_free(&l);
    jue_table_free(t);

    /* 06: a row without a side is still shown, in the left pane. */
    t = jue_table_new(JUE_T06);
    assert_non_null(t);
    jue_table_add_row(t, "302", "商品和服务支出", JUE_LEVEL_LEI, JUE_SIDE_PUBLIC, false);
    jue_table_add_row(t, "399", "其他支出", JUE_LEVEL_LEI, JUE_SIDE_NONE, false);
    assert_int_equal(jue_rd_layout_build(t, &l), JUE_OK);
    assert_int_equal(l.nrows, 1);
    assert_string_equal(jue_rd_at(&l, 0, 0)->rowkey, "399");
    assert_string_equal(jue_rd_at(&l, 0, 3)->rowkey, "302");
    assert_int_equal(l.lanci_row, -1);
    jue_rd_layout_free(&l);
    jue_table_free(t);
}

/* 06 as the national form and the published documents print it: 人员经费 |
 * 公用经费 302 | 公用经费 307 310 312 399 side by side, the two 合计 on the
 * last line whatever their place in the model (first, as compiled). */
static void test_layout_t06_official(void **state)
{
    (void)state;
    jue_table *t = jue_table_new(JUE_T06);
    assert_non_null(t);
    jue_table_add_row(t, JUE_L6_PERSONNEL, "人员经费合计", JUE_LEVEL_NONE, JUE_SIDE_PERSONNEL, true);
    static const char *const PERS[] = { "301", "30101", "30102", "303", "30301" };
    static const char *const PUB[] = { "302", "30201", "30202", "30203", "307", "30701", "310", "31002" };
    for (size_t i = 0; i < 5; i++)
        jue_table_add_row(t, PERS[i], PERS[i], strlen(PERS[i]) == 3 ? JUE_LEVEL_LEI : JUE_LEVEL_KUAN,
                          JUE_SIDE_PERSONNEL, false);
    jue_table_add_row(t, JUE_L6_PUBLIC, "公用经费合计", JUE_LEVEL_NONE, JUE_SIDE_PUBLIC, true);
    for (size_t i = 0; i < 8; i++)
        jue_table_add_row(t, PUB[i], PUB[i], strlen(PUB[i]) == 3 ? JUE_LEVEL_LEI : JUE_LEVEL_KUAN,
                          JUE_SIDE_PUBLIC, false);
    jue_rd_layout l;
    assert_int_equal(jue_rd_layout_build(t, &l), JUE_OK);
    assert_int_equal(l.ncols, 9);
    assert_true(l.landscape);
    assert_int_equal(l.nrows, 5 + 1);   /* the deepest group (人员经费: 5), then the totals */
    assert_string_equal(jue_rd_at(&l, 0, 0)->rowkey, "301");
    assert_string_equal(jue_rd_at(&l, 0, 3)->rowkey, "302");
    assert_string_equal(jue_rd_at(&l, 0, 6)->rowkey, "307");
    assert_string_equal(jue_rd_at(&l, 3, 6)->rowkey, "31002");
    assert_int_equal(jue_rd_at(&l, 4, 3)->kind, JUE_RC_BLANK);
    const jue_rd_cell *pers = jue_rd_at(&l, 5, 0), *pub = jue_rd_at(&l, 5, 3);
    assert_string_equal(pers->rowkey, JUE_L6_PERSONNEL);
    assert_int_equal(pers->span, 2);
    assert_string_equal(jue_rd_at(&l, 5, 2)->rowkey, JUE_L6_PERSONNEL);
    assert_int_equal(jue_rd_at(&l, 5, 2)->kind, JUE_RC_AMOUNT);
    assert_string_equal(pub->rowkey, JUE_L6_PUBLIC);
    assert_int_equal(pub->span, 5);     /* across the rest of the 公用经费 pane */
    assert_int_equal(jue_rd_at(&l, 5, 8)->kind, JUE_RC_AMOUNT);
    assert_string_equal(jue_rd_at(&l, 5, 8)->rowkey, JUE_L6_PUBLIC);
    /* the heading: 人员经费 over one group, 公用经费 over two */
    bool pers_head = false, pub_head = false;
    for (size_t i = 0; i < l.nheads; i++) {
        const jue_rd_head *h = &l.heads[i];
        if (h->text && !strcmp(h->text, "人员经费")) pers_head = h->r == 0 && h->c == 0 && h->cs == 3;
        if (h->text && !strcmp(h->text, "公用经费")) pub_head = h->r == 0 && h->c == 3 && h->cs == 6;
    }
    assert_true(pers_head && pub_head);
    jue_rd_layout_free(&l);
    jue_table_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_html, setup, teardown),
        cmocka_unit_test_setup_teardown(test_markdown, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv, setup, teardown),
        cmocka_unit_test_setup_teardown(test_json, setup, teardown),
        cmocka_unit_test(test_json_escaping),
        cmocka_unit_test(test_empty_tables),
        cmocka_unit_test(test_formats_parse),
        cmocka_unit_test_setup_teardown(test_render_all, setup, teardown),
        cmocka_unit_test_setup_teardown(test_xlsx_bad_path, setup, teardown),
        cmocka_unit_test(test_helpers),
        cmocka_unit_test(test_layout_t01_official),
        cmocka_unit_test(test_layout_t06_official),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
