/* Tests of the classification catalogue: the shipped data (names, years,
 * hierarchy, integrity) and the loader's diagnostics on broken files. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <juesuan/catalog.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define F JUE_CAT_FUNCTIONAL
#define E JUE_CAT_ECONOMIC

/* ---- helpers ------------------------------------------------------------- */

static char *data_path(const char *base)
{
    const char *d = getenv("JUESUAN_DATA");
    assert_non_null(d); /* ctest sets it; run by hand with JUESUAN_DATA=data */
    size_t n = strlen(d) + strlen(base) + 16;
    char *p = malloc(n);
    assert_non_null(p);
    snprintf(p, n, "%s/catalog/%s", d, base);
    return p;
}

static int load_real(void **state)
{
    jue_diags d;
    jue_diags_init(&d);
    jue_catalog *cat = NULL;
    jue_status s = jue_catalog_load(NULL, &cat, &d);
    for (size_t i = 0; i < d.len; i++)
        fprintf(stderr, "%s:%d:%d: %s: %s\n", d.items[i].file, d.items[i].line, d.items[i].col,
                jue_severity_str(d.items[i].severity), d.items[i].message);
    /* The shipped data must load without a single diagnostic: a missing
     * parent is only a warning for the loader but a bug in our data. */
    if (s != JUE_OK || d.len != 0) { jue_diags_free(&d); jue_catalog_free(cat); return -1; }
    jue_diags_free(&d);
    *state = cat;
    return 0;
}

static int free_real(void **state)
{
    jue_catalog_free(*state);
    return 0;
}

/* A scratch directory holding one functional.csv and one economic.csv. */
typedef struct {
    char dir[64];
} scratch;

static void write_file(const char *dir, const char *base, const char *text)
{
    char p[256];
    snprintf(p, sizeof p, "%s/%s", dir, base);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
    assert_int_equal(fclose(f), 0);
}

static void scratch_make(scratch *s, const char *functional, const char *economic)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(s->dir, sizeof s->dir, "%s/jue-cat-XXXXXX", tmp && strlen(tmp) < 40 ? tmp : "/tmp");
    assert_non_null(mkdtemp(s->dir));
    if (functional) write_file(s->dir, "functional.csv", functional);
    if (economic) write_file(s->dir, "economic.csv", economic);
}

static void scratch_drop(scratch *s)
{
    char p[256];
    snprintf(p, sizeof p, "%s/functional.csv", s->dir);
    unlink(p);
    snprintf(p, sizeof p, "%s/economic.csv", s->dir);
    unlink(p);
    rmdir(s->dir);
}

static const char *const ECON_OK = "code,name,from,to,source\n301,工资福利支出,2021,,t\n";

/* Loads the two texts; returns the status and fills d (caller frees). */
static jue_status load_texts(const char *functional, const char *economic, jue_catalog **cat,
                             jue_diags *d)
{
    scratch s;
    scratch_make(&s, functional, economic);
    jue_diags_init(d);
    jue_status st = jue_catalog_load(s.dir, cat, d);
    scratch_drop(&s);
    return st;
}

/* True if d holds a diagnostic of severity sev on line, in a file whose
 * name ends with base, whose message contains needle. */
static bool has_diag(const jue_diags *d, jue_severity sev, const char *base, int line,
                     const char *needle)
{
    for (size_t i = 0; i < d->len; i++) {
        const jue_diag *x = &d->items[i];
        size_t fl = strlen(x->file), bl = strlen(base);
        if (x->severity == sev && x->line == line && fl >= bl && strcmp(x->file + fl - bl, base) == 0 &&
            strstr(x->message, needle))
            return true;
    }
    return false;
}

/* Prints d when JUE_VERBOSE is set, to see what a failing case reported. */
static void dump(const jue_diags *d)
{
    if (!getenv("JUE_VERBOSE")) return;
    for (size_t i = 0; i < d->len; i++)
        fprintf(stderr, "  %s:%d:%d: %s: %s\n", d->items[i].file, d->items[i].line, d->items[i].col,
                jue_severity_str(d->items[i].severity), d->items[i].message);
}

/* ---- the shipped data ---------------------------------------------------- */

static void test_names(void **state)
{
    const jue_catalog *cat = *state;
    assert_string_equal(jue_catalog_name(cat, F, "210", 2021), "卫生健康支出");
    assert_string_equal(jue_catalog_name(cat, F, "21015", 2022), "医疗保障管理事务");
    assert_string_equal(jue_catalog_name(cat, F, "2101501", 2022), "行政运行");
    assert_string_equal(jue_catalog_name(cat, F, "2101506", 2023), "医疗保障经办事务");
    assert_string_equal(jue_catalog_name(cat, F, "2101202", 2025), "财政对城乡居民基本医疗保险基金的补助");
    assert_string_equal(jue_catalog_name(cat, F, "2080505", 2024), "机关事业单位基本养老保险缴费支出");
    assert_string_equal(jue_catalog_name(cat, F, "2210201", 2023), "住房公积金");
    assert_string_equal(jue_catalog_name(cat, F, "2296013", 2022), "用于城乡医疗救助的彩票公益金支出");
    assert_string_equal(jue_catalog_name(cat, E, "30217", 2023), "公务接待费");
    assert_string_equal(jue_catalog_name(cat, E, "30212", 2024), "因公出国（境）费用");
    assert_string_equal(jue_catalog_name(cat, E, "399", 2022), "其他支出");
    /* Codes that do not exist in a year. */
    assert_null(jue_catalog_name(cat, F, "20139", 2023));
    assert_string_equal(jue_catalog_name(cat, F, "20139", 2024), "社会工作事务");
    assert_string_equal(jue_catalog_name(cat, F, "234", 2022), "抗疫特别国债安排的支出");
    assert_null(jue_catalog_name(cat, F, "234", 2025));
    assert_null(jue_catalog_name(cat, F, "210", 2020)); /* before coverage */
    assert_null(jue_catalog_name(cat, F, "2101598", 2022));
    assert_null(jue_catalog_name(cat, E, "2101501", 2022)); /* wrong kind */
    assert_null(jue_catalog_name(cat, F, NULL, 2022));
    assert_null(jue_catalog_name(NULL, F, "210", 2022));
    assert_null(jue_catalog_name(cat, (jue_cat_kind)7, "210", 2022));
    /* Sources are kept. */
    const char *src = jue_catalog_source(cat, F, "2101506", 2023);
    assert_non_null(src);
    assert_non_null(strstr(src, "财政部"));
    assert_null(jue_catalog_source(cat, F, "20139", 2021));
}

static void test_years(void **state)
{
    const jue_catalog *cat = *state;
    int a = 0, b = 0;
    jue_catalog_years(cat, F, &a, &b);
    assert_int_equal(a, 2021);
    assert_int_equal(b, 2025);
    jue_catalog_years(cat, E, &a, &b);
    assert_int_equal(a, 2021);
    assert_int_equal(b, 2025);
    jue_catalog_years(NULL, E, &a, &b);
    assert_int_equal(a, 0);
    assert_int_equal(b, 0);
}

static void test_code_shape(void **state)
{
    (void)state;
    char buf[8];
    assert_int_equal(jue_code_level(F, "210"), JUE_LEVEL_LEI);
    assert_int_equal(jue_code_level(F, "21015"), JUE_LEVEL_KUAN);
    assert_int_equal(jue_code_level(F, "2101501"), JUE_LEVEL_XIANG);
    assert_int_equal(jue_code_level(E, "2101501"), JUE_LEVEL_NONE);
    assert_int_equal(jue_code_level(E, "30217"), JUE_LEVEL_KUAN);
    assert_int_equal(jue_code_level(F, "2101"), JUE_LEVEL_NONE);
    assert_int_equal(jue_code_level(F, "21O15"), JUE_LEVEL_NONE);
    assert_int_equal(jue_code_level(F, ""), JUE_LEVEL_NONE);
    assert_int_equal(jue_code_level(F, "210150100"), JUE_LEVEL_NONE);
    assert_int_equal(jue_code_level(F, NULL), JUE_LEVEL_NONE);

    assert_true(jue_code_parent(F, "2101501", buf, sizeof buf));
    assert_string_equal(buf, "21015");
    assert_true(jue_code_parent(F, "21015", buf, sizeof buf));
    assert_string_equal(buf, "210");
    assert_false(jue_code_parent(F, "210", buf, sizeof buf));
    assert_true(jue_code_parent(E, "30217", buf, sizeof buf));
    assert_string_equal(buf, "302");
    assert_false(jue_code_parent(E, "3021701", buf, sizeof buf));
    assert_false(jue_code_parent(F, "21x15", buf, sizeof buf));
    assert_false(jue_code_parent(F, "2101501", buf, 3)); /* too small for "21015" */
}

static void test_children(void **state)
{
    const jue_catalog *cat = *state;
    const char *out[64];
    static const char *const k21015[] = { "2101501", "2101502", "2101503", "2101504",
                                          "2101505", "2101506", "2101550", "2101599" };
    size_t n = jue_catalog_children(cat, F, "21015", 2022, out, 64);
    assert_int_equal(n, 8);
    for (size_t i = 0; i < n; i++) assert_string_equal(out[i], k21015[i]);

    /* max smaller than the count: total still returned, only max written. */
    out[2] = NULL;
    assert_int_equal(jue_catalog_children(cat, F, "21015", 2022, out, 2), 8);
    assert_null(out[2]);

    n = jue_catalog_children(cat, F, "2210", 2022, out, 64); /* malformed */
    assert_int_equal(n, 0);
    n = jue_catalog_children(cat, F, "22102", 2022, out, 64);
    assert_int_equal(n, 3);
    assert_string_equal(out[0], "2210201");
    assert_string_equal(out[2], "2210203");
    assert_int_equal(jue_catalog_children(cat, F, "2101501", 2022, out, 64), 0); /* 项 */

    /* 类: 20139 appears under 201 only from 2024; 234 stops after 2024. */
    size_t lei22 = jue_catalog_children(cat, F, NULL, 2022, out, 64);
    assert_string_equal(out[0], "201");
    assert_string_equal(out[lei22 - 1], "234");
    assert_int_equal(jue_catalog_children(cat, F, "", 2025, NULL, 0), lei22 - 1);
    size_t k23 = jue_catalog_children(cat, F, "201", 2023, NULL, 0);
    assert_int_equal(jue_catalog_children(cat, F, "201", 2024, NULL, 0), k23 + 1);

    /* Economic: 302 has 27 款; a 款 has no children. */
    assert_int_equal(jue_catalog_children(cat, E, "302", 2023, out, 64), 27);
    assert_string_equal(out[0], "30201");
    assert_string_equal(out[26], "30299");
    assert_int_equal(jue_catalog_children(cat, E, "30201", 2023, out, 64), 0);
    assert_int_equal(jue_catalog_children(cat, E, NULL, 2023, out, 64), 10);
}

static void test_find_name(void **state)
{
    const jue_catalog *cat = *state;
    const char *c;
    c = jue_catalog_find_name(cat, F, "医疗保障经办事务", JUE_LEVEL_XIANG, "21015", 2023);
    assert_non_null(c);
    assert_string_equal(c, "2101506");
    c = jue_catalog_find_name(cat, F, "行政运行", JUE_LEVEL_XIANG, "21015", 2023);
    assert_string_equal(c, "2101501");
    c = jue_catalog_find_name(cat, F, "行政运行", JUE_LEVEL_XIANG, "210", 2023); /* any depth */
    assert_string_equal(c, "2100101");
    c = jue_catalog_find_name(cat, F, "行政运行", JUE_LEVEL_XIANG, NULL, 2023); /* lowest code */
    assert_string_equal(c, "2010101");
    c = jue_catalog_find_name(cat, F, "卫生健康支出", JUE_LEVEL_LEI, NULL, 2021);
    assert_string_equal(c, "210");
    c = jue_catalog_find_name(cat, F, "卫生健康支出", JUE_LEVEL_NONE, NULL, 2021);
    assert_string_equal(c, "210");
    assert_null(jue_catalog_find_name(cat, F, "卫生健康支出", JUE_LEVEL_KUAN, NULL, 2021));
    assert_null(jue_catalog_find_name(cat, F, "行政运行", JUE_LEVEL_XIANG, "22102", 2023));
    assert_null(jue_catalog_find_name(cat, F, "社会工作事务", JUE_LEVEL_KUAN, NULL, 2023));
    assert_string_equal(jue_catalog_find_name(cat, F, "社会工作事务", JUE_LEVEL_KUAN, "201", 2024),
                        "20139");
    assert_null(jue_catalog_find_name(cat, F, "医疗保障经办事务 ", JUE_LEVEL_XIANG, NULL, 2023));
    c = jue_catalog_find_name(cat, E, "公务接待费", JUE_LEVEL_KUAN, NULL, 2022);
    assert_string_equal(c, "30217");
    /* "其他支出" is both a 类 (399) and a 款 (39999). */
    assert_string_equal(jue_catalog_find_name(cat, E, "其他支出", JUE_LEVEL_LEI, NULL, 2022), "399");
    assert_string_equal(jue_catalog_find_name(cat, E, "其他支出", JUE_LEVEL_KUAN, NULL, 2022), "39999");
    assert_null(jue_catalog_find_name(cat, E, NULL, JUE_LEVEL_KUAN, NULL, 2022));
}

/* A deliberately small CSV reader, independent of the library's, so the
 * integrity test does not trust the code it checks. Handles quoted fields
 * on one line. Returns the number of fields. */
static int split_csv(const char *line, char fields[][512], int max)
{
    int n = 0;
    const char *p = line;
    for (;;) {
        char *o = fields[n];
        size_t k = 0;
        if (*p == '"') {
            for (p++; *p && !(*p == '"' && p[1] != '"'); p++) {
                if (*p == '"') p++;
                if (k < 511) o[k++] = *p;
            }
            if (*p == '"') p++;
        } else {
            while (*p && *p != ',' && *p != '\n' && *p != '\r')
                if (k < 511) o[k++] = *p++;
                else p++;
        }
        o[k] = 0;
        n++;
        if (*p != ',' || n == max) break;
        p++;
    }
    return n;
}

static void check_file_integrity(const jue_catalog *cat, jue_cat_kind kind, const char *base)
{
    char *path = data_path(base);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[4096];
    char fields[5][512];
    int rows = 0, lineno = 0;
    bool header = false;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        if (line[0] == '#' || line[0] == '\n' || line[0] == '\r') continue;
        assert_int_equal(split_csv(line, fields, 5), 5);
        if (!header) { header = true; continue; }
        rows++;
        const char *code = fields[0];
        int from = atoi(fields[2]);
        int to = fields[3][0] ? atoi(fields[3]) : 2025;
        assert_true(from >= 2021 && from <= to);
        assert_true(fields[4][0] != 0); /* every row names its source */
        for (int y = from; y <= to && y <= 2025; y++) {
            const char *nm = jue_catalog_name(cat, kind, code, y);
            if (!nm || strcmp(nm, fields[1]) != 0)
                fail_msg("%s:%d: %s in %d: catalogue says %s, file says %s", base, lineno, code, y,
                         nm ? nm : "(none)", fields[1]);
            /* Every 款 has its 类 and every 项 its 款 and 类 in the same years. */
            char p1[8], p2[8];
            if (jue_code_parent(kind, code, p1, sizeof p1)) {
                if (!jue_catalog_name(cat, kind, p1, y))
                    fail_msg("%s:%d: %s valid in %d but parent %s is not", base, lineno, code, y, p1);
                if (jue_code_parent(kind, p1, p2, sizeof p2) && !jue_catalog_name(cat, kind, p2, y))
                    fail_msg("%s:%d: %s valid in %d but 类 %s is not", base, lineno, code, y, p2);
            }
        }
    }
    fclose(f);
    free(path);
    assert_true(rows > 50);
}

static void test_data_integrity(void **state)
{
    const jue_catalog *cat = *state;
    check_file_integrity(cat, F, "functional.csv");
    check_file_integrity(cat, E, "economic.csv");
    /* Each 类 of 公开01表 is there in every year (234 only to 2024). */
    static const char *const lei[] = { "201", "202", "203", "204", "205", "206", "207", "208",
                                       "210", "211", "212", "213", "214", "215", "216", "217",
                                       "219", "220", "221", "222", "223", "224", "227", "229",
                                       "230", "231", "232", "233" };
    for (int y = 2021; y <= 2025; y++)
        for (size_t i = 0; i < sizeof lei / sizeof *lei; i++)
            assert_non_null(jue_catalog_name(cat, F, lei[i], y));
    static const char *const elei[] = { "301", "302", "303", "307", "309", "310", "311", "312", "313", "399" };
    for (int y = 2021; y <= 2025; y++)
        for (size_t i = 0; i < sizeof elei / sizeof *elei; i++)
            assert_non_null(jue_catalog_name(cat, E, elei[i], y));
}

/* ---- broken files -------------------------------------------------------- */

static void test_bad_rows(void **state)
{
    (void)state;
    const char *func =
        "# comment line 1\n"                                   /* 1 */
        "code,name,from,to,source\n"                           /* 2 */
        "210,卫生健康支出,2021,,s\n"                           /* 3 */
        "21A15,坏编码,2021,,s\n"                               /* 4: bad shape */
        "2101,长度不对,2021,,s\n"                              /* 5: bad length */
        "\n"                                                   /* 6 */
        "21015,医疗保障管理事务,2021,2023,s\n"                 /* 7 */
        "21015,医疗保障管理事务二,2023,,s\n"                   /* 8: overlaps 7 */
        "21011,行政事业单位医疗,2024,2022,s\n"                 /* 9: from > to */
        "21012,财政补助,20x1,,s\n"                             /* 10: malformed year */
        "21013,医疗救助,2021,25,s\n"                           /* 11: malformed year */
        "21014,优抚对象医疗,2021,,s,extra\n"                   /* 12: 6 fields */
        "2101501,行政运行,2021,,s\n"                           /* 13: fine */
        "2109901,孤儿项,2021,,s\n"                             /* 14: no 款 21099 */
        "21099,其他卫生健康支出,2022,,s\n"                     /* 15 */
        "2109902,半孤儿项,2021,,s\n"                           /* 16: 21099 missing in 2021 */
        "21016,,2021,,s\n"                                     /* 17: empty name */
        "21017,\"未闭合,2021,,s\n";                            /* 18: unclosed quote */
    const char *econ =
        "code,name,from,to,source\n"                           /* 1 */
        "302,商品和服务支出,2021,,s\n"                         /* 2 */
        "3021701,太长,2021,,s\n"                               /* 3: 7 digits */
        "30217,公务接待费,2021,,\n"                            /* 4: no source */
        "40101,错文件,2021,,s\n";                              /* 5: starts with 4 */
    jue_catalog *cat = (jue_catalog *)1;
    jue_diags d;
    jue_status st = load_texts(func, econ, &cat, &d);
    dump(&d);
    assert_int_equal(st, JUE_ERR_INVALID);
    assert_null(cat);
    const jue_severity ER = JUE_SEV_ERROR, WA = JUE_SEV_WARNING;
    assert_true(has_diag(&d, ER, "functional.csv", 4, "有误：功能分类编码只能是数字"));
    assert_true(has_diag(&d, ER, "functional.csv", 5, "有 4 位；功能分类编码应为 3 位（类）、5 位（款）或 7 位（项）"));
    assert_true(has_diag(&d, ER, "functional.csv", 8, "与第 7 行重叠"));
    assert_true(has_diag(&d, ER, "functional.csv", 9, "晚于终止年"));
    assert_true(has_diag(&d, ER, "functional.csv", 10, "的年份“"));
    assert_true(has_diag(&d, ER, "functional.csv", 11, "的年份“"));
    assert_true(has_diag(&d, ER, "functional.csv", 12, "实有 6 个"));
    assert_true(has_diag(&d, WA, "functional.csv", 14, "21099 在该年没有有效的行"));
    assert_true(has_diag(&d, WA, "functional.csv", 16, "在 2021 年有效"));
    assert_true(has_diag(&d, ER, "functional.csv", 17, "名称为空"));
    assert_true(has_diag(&d, ER, "functional.csv", 18, "引号没有闭合"));
    assert_true(has_diag(&d, ER, "economic.csv", 3, "有 7 位"));
    assert_true(has_diag(&d, WA, "economic.csv", 4, "没有注明来源"));
    assert_true(has_diag(&d, WA, "economic.csv", 5, "不以 3 开头"));
    /* Nothing reported on good lines. */
    for (size_t i = 0; i < d.len; i++) {
        int l = d.items[i].line;
        if (strstr(d.items[i].file, "functional.csv"))
            assert_true(l != 1 && l != 2 && l != 3 && l != 6 && l != 7 && l != 13 && l != 15);
        assert_true(d.items[i].line >= 0);
    }
    /* The column of the bad code is the first field; of a bad to, the 4th. */
    for (size_t i = 0; i < d.len; i++) {
        if (d.items[i].line == 9 && strstr(d.items[i].file, "functional.csv"))
            assert_int_equal(d.items[i].col, 21); /* "21011,行政事业单位医疗,2024," is 20 characters */
    }
    jue_diags_free(&d);
}

static void test_warnings_only_load(void **state)
{
    (void)state;
    /* A missing parent is a warning: the catalogue still loads. */
    jue_catalog *cat = NULL;
    jue_diags d;
    jue_status st = load_texts("code,name,from,to,source\n2101501,行政运行,2021,,s\n", ECON_OK, &cat, &d);
    assert_int_equal(st, JUE_OK);
    assert_non_null(cat);
    assert_int_equal(d.errors, 0);
    assert_true(has_diag(&d, JUE_SEV_WARNING, "functional.csv", 2, "款 21015"));
    assert_string_equal(jue_catalog_name(cat, F, "2101501", 2030), "行政运行"); /* open-ended */
    int a, b;
    jue_catalog_years(cat, F, &a, &b); /* no coverage comment: explicit years only */
    assert_int_equal(a, 2021);
    assert_int_equal(b, 2021);
    jue_catalog_free(cat);
    jue_diags_free(&d);
}

static void test_quoting_and_lines(void **state)
{
    (void)state;
    /* Quoted fields with commas, doubled quotes and a line break, a BOM,
     * CRLF endings and the coverage comment. */
    const char *func =
        "\xEF\xBB\xBF# coverage: 2020-2026\r\n"                        /* 1 */
        "code,name,from,to,source\r\n"                                 /* 2 */
        "210,\"卫生健康支出\",2021,,\"财政部, 《科目》\"\r\n"           /* 3 */
        "21015,\"名称\"\"带引号\"\"\",2021,,\"两行\n来源\"\r\n"         /* 4-5 */
        "2101501,  行政运行  ,2021,,s\r\n"                              /* 6 */
        "2101599,x\"y,2021,,s\r\n";                                    /* 7: stray quote */
    jue_catalog *cat = NULL;
    jue_diags d;
    jue_status st = load_texts(func, ECON_OK, &cat, &d);
    dump(&d);
    assert_int_equal(st, JUE_ERR_INVALID);
    assert_true(has_diag(&d, JUE_SEV_ERROR, "functional.csv", 7, "不带引号的字段中有引号"));
    assert_int_equal(d.errors, 1);
    jue_diags_free(&d);

    /* Without the bad line it loads; check what was read. */
    char good[512];
    size_t cut = (size_t)(strstr(func, "2101599") - func);
    memcpy(good, func, cut);
    good[cut] = 0;
    st = load_texts(good, ECON_OK, &cat, &d);
    dump(&d);
    assert_int_equal(st, JUE_OK);
    assert_int_equal(d.len, 0);
    assert_string_equal(jue_catalog_name(cat, F, "210", 2021), "卫生健康支出");
    assert_string_equal(jue_catalog_source(cat, F, "210", 2021), "财政部, 《科目》");
    assert_string_equal(jue_catalog_name(cat, F, "21015", 2021), "名称\"带引号\"");
    assert_string_equal(jue_catalog_source(cat, F, "21015", 2021), "两行\n来源");
    assert_string_equal(jue_catalog_name(cat, F, "2101501", 2021), "行政运行"); /* trimmed */
    int a, b;
    jue_catalog_years(cat, F, &a, &b);
    assert_int_equal(a, 2020);
    assert_int_equal(b, 2026);
    jue_catalog_free(cat);
    jue_diags_free(&d);

    /* Line numbers after a multi-line field stay right. */
    const char *f2 =
        "code,name,from,to,source\n"          /* 1 */
        "210,卫生健康支出,2021,,\"a\nb\nc\"\n" /* 2-4 */
        "21015,x,2021,99,s\n";                /* 5 */
    st = load_texts(f2, ECON_OK, &cat, &d);
    assert_int_equal(st, JUE_ERR_INVALID);
    assert_true(has_diag(&d, JUE_SEV_ERROR, "functional.csv", 5, "的年份“"));
    jue_diags_free(&d);
}

static void test_rename(void **state)
{
    (void)state;
    /* A rename is two rows with one code and disjoint years. */
    const char *func =
        "code,name,from,to,source\n"
        "210,卫生健康支出,2021,,s\n"
        "21015,医疗保障管理事务,2021,,s\n"
        "2101506,旧名称,2021,2022,s2022\n"
        "2101506,医疗保障经办事务,2023,,s2023\n"
        "2101507,已撤销,2021,2021,s\n";
    jue_catalog *cat = NULL;
    jue_diags d;
    jue_status st = load_texts(func, ECON_OK, &cat, &d);
    dump(&d);
    assert_int_equal(st, JUE_OK);
    assert_int_equal(d.len, 0);
    assert_string_equal(jue_catalog_name(cat, F, "2101506", 2022), "旧名称");
    assert_string_equal(jue_catalog_name(cat, F, "2101506", 2023), "医疗保障经办事务");
    assert_string_equal(jue_catalog_source(cat, F, "2101506", 2022), "s2022");
    assert_string_equal(jue_catalog_source(cat, F, "2101506", 2024), "s2023");
    assert_null(jue_catalog_name(cat, F, "2101506", 2020));
    assert_null(jue_catalog_name(cat, F, "2101507", 2022));
    assert_string_equal(jue_catalog_find_name(cat, F, "旧名称", JUE_LEVEL_XIANG, "21015", 2021), "2101506");
    assert_null(jue_catalog_find_name(cat, F, "旧名称", JUE_LEVEL_XIANG, "21015", 2023));
    const char *out[4];
    assert_int_equal(jue_catalog_children(cat, F, "21015", 2021, out, 4), 2);
    assert_int_equal(jue_catalog_children(cat, F, "21015", 2022, out, 4), 1); /* one per code */
    assert_string_equal(out[0], "2101506");
    int a, b;
    jue_catalog_years(cat, F, &a, &b);
    assert_int_equal(a, 2021);
    assert_int_equal(b, 2023);
    jue_catalog_free(cat);
    jue_diags_free(&d);
}

static void test_file_errors(void **state)
{
    (void)state;
    jue_catalog *cat = (jue_catalog *)1;
    jue_diags d;
    /* Missing economic.csv: IO error, reported with its path. */
    jue_status st = load_texts("code,name,from,to,source\n210,卫生健康支出,2021,,s\n", NULL, &cat, &d);
    assert_int_equal(st, JUE_ERR_IO);
    assert_null(cat);
    assert_true(has_diag(&d, JUE_SEV_ERROR, "economic.csv", 0, "无法读取经济分类科目表"));
    jue_diags_free(&d);

    /* Empty file; missing header; NUL and invalid UTF-8. */
    st = load_texts("", ECON_OK, &cat, &d);
    assert_int_equal(st, JUE_ERR_INVALID);
    assert_true(has_diag(&d, JUE_SEV_ERROR, "functional.csv", 1, "既无表头"));
    jue_diags_free(&d);

    st = load_texts("210,卫生健康支出,2021,,s\n21015,\xff\xfe,2021,,s\n", ECON_OK, &cat, &d);
    assert_int_equal(st, JUE_ERR_INVALID);
    assert_true(has_diag(&d, JUE_SEV_ERROR, "functional.csv", 1, "表头"));
    assert_true(has_diag(&d, JUE_SEV_ERROR, "functional.csv", 2, "UTF-8"));
    jue_diags_free(&d);

    /* The loader also works without a diagnostics list. */
    scratch s;
    scratch_make(&s, "nonsense", ECON_OK);
    assert_int_equal(jue_catalog_load(s.dir, &cat, NULL), JUE_ERR_INVALID);
    assert_null(cat);
    scratch_drop(&s);
    assert_int_equal(jue_catalog_load("/nonexistent/dir", &cat, NULL), JUE_ERR_IO);
    jue_catalog_free(NULL);
}

int main(void)
{
    const struct CMUnitTest real[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_years),
        cmocka_unit_test(test_children),
        cmocka_unit_test(test_find_name),
        cmocka_unit_test(test_data_integrity),
    };
    const struct CMUnitTest synthetic[] = {
        cmocka_unit_test(test_code_shape),
        cmocka_unit_test(test_bad_rows),
        cmocka_unit_test(test_warnings_only_load),
        cmocka_unit_test(test_quoting_and_lines),
        cmocka_unit_test(test_rename),
        cmocka_unit_test(test_file_errors),
    };
    int fails = cmocka_run_group_tests_name("catalog_data", real, load_real, free_real);
    fails += cmocka_run_group_tests_name("catalog_loader", synthetic, NULL, NULL);
    return fails ? 1 : 0;
}
