/* The store: SHA-256 against the FIPS 180-4 examples; department keys; a
 * document stored and read back figure by figure (printed, exact, places),
 * with its claims and findings; the same file under the same rules stored
 * once; a renamed department merged; a document without a department
 * refused; files that are not stores (text, another program's database, a
 * newer version) refused; and the migrations from every earlier version,
 * each with data written at that version, which must survive. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <juesuan/hash.h>
#include <juesuan/store.h>
#include <sqlite3.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char DIR_[64];

static void tmp_path(char *out, size_t n, const char *name)
{
    snprintf(out, n, "%s/%s", DIR_, name);
    unlink(out);
}

static void test_sha256(void **state)
{
    (void)state;
    static const struct { const char *in, *hex; } V[] = {
        { "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
        { "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
        { "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
    };
    for (size_t i = 0; i < sizeof V / sizeof V[0]; i++) {
        jue_sha256 s;
        char hex[65];
        jue_sha256_init(&s);
        jue_sha256_update(&s, V[i].in, strlen(V[i].in));
        jue_sha256_hex(&s, hex);
        assert_string_equal(hex, V[i].hex);
    }
    /* a million 'a', fed in uneven pieces */
    jue_sha256 s;
    char hex[65], a[997];
    memset(a, 'a', sizeof a);
    jue_sha256_init(&s);
    for (size_t left = 1000000; left;) {
        size_t n = left < sizeof a ? left : sizeof a;
        jue_sha256_update(&s, a, n);
        left -= n;
    }
    jue_sha256_hex(&s, hex);
    assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

static void key_is(const char *name, const char *region, const char *want)
{
    jue_buf k;
    jue_buf_init(&k);
    jue_store_dept_key(name, region, &k);
    assert_string_equal(jue_buf_str(&k), want);
    jue_buf_free(&k);
}

static void test_dept_key(void **state)
{
    (void)state;
    key_is("青溪县医疗保障局", NULL, "青溪县/青溪县医疗保障局");
    key_is("上海市普陀区财政局", NULL, "上海市普陀区/上海市普陀区财政局");
    key_is("上海市 普陀区财政局", NULL, "上海市普陀区/上海市普陀区财政局");
    key_is("中共上海市普陀区委社会工作部", NULL, "上海市普陀区/中共上海市普陀区委社会工作部");
    key_is("延边朝鲜族自治州财政局", NULL, "延边朝鲜族自治州/延边朝鲜族自治州财政局");
    key_is("财政局", NULL, "/财政局");
    key_is("财政局", "青溪县", "青溪县/财政局");
    /* 社区 is two characters: not a region */
    key_is("上海市普陀区社区事务中心", NULL, "上海市普陀区/上海市普陀区社区事务中心");
}

/* A small made-up disclosure: table 01 with two lines, a claim. */
static jue_disclosure *made_up(const char *dept, int year, jue_fen total)
{
    jue_disclosure *d = jue_disclosure_new();
    d->department = dept ? strdup(dept) : NULL;
    d->year = year;
    jue_table *t = d->tables[JUE_T01] = jue_table_new(JUE_T01);
    int col = jue_table_find_col(t, "决算数");
    int r = jue_table_add_row(t, JUE_L_INC_GRAND, "收入总计", JUE_LEVEL_NONE, JUE_SIDE_INCOME, true);
    jue_cell_set_printed(jue_table_cell(t, (size_t)r, (size_t)col), total, 2);
    jue_table_cell(t, (size_t)r, (size_t)col)->src_page = 4;
    jue_table_cell(t, (size_t)r, (size_t)col)->src_line = 17;
    r = jue_table_add_row(t, JUE_L_EXP_GRAND, "支出总计", JUE_LEVEL_NONE, JUE_SIDE_EXPEND, true);
    jue_cell_set_exact(jue_table_cell(t, (size_t)r, (size_t)col), total + 123);
    jue_claims *c = &d->claims;
    c->items = calloc(1, sizeof *c->items);
    c->len = c->cap = 1;
    c->items[0] = (jue_claim){ .role = JUE_ROLE_CHANGE, .subject = jue_subject_make(JUE_SUBJ_NAMED, "收入总计"), .printed = strdup("1538.10万元"),
                               .sign = 1, .value = 1538100000, .iv = { 1538095000, 1538105000 }, .decimals = 2,
                               .line = 485, .col = 49, .parent = -1, .section = -1 };
    return d;
}

static jue_store *open_new(const char *name)
{
    char path[128];
    tmp_path(path, sizeof path, name);
    jue_store *s = NULL;
    jue_diags d;
    jue_diags_init(&d);
    assert_int_equal(jue_store_open(path, &s, &d), JUE_OK);
    assert_int_equal(jue_store_version(s), JUE_STORE_SCHEMA);
    jue_diags_free(&d);
    return s;
}

static jue_status add(jue_store *s, jue_disclosure *x, const char *hash, bool *existed)
{
    jue_findings f;
    jue_findings_init(&f);
    jue_finding one = { .rule = "T01.balance", .severity = JUE_SEV_ERROR, .message = "收入总计不等于支出总计",
                        .line = 17, .col = 9, .page = 4, .box = { 402.5f, 611.25f, 455.125f, 622.0f },
                        .table = JUE_T01, .row = JUE_L_INC_GRAND, .column = "决算数",
                        .expected = "1.00", .actual = "2.00" };
    jue_findings_add(&f, &one);
    jue_diags d;
    jue_diags_init(&d);
    jue_store_doc m = { .file = "x.pdf", .sha256 = hash, .rules = "r1", .kind = JUE_DOC_PUBLISHED };
    jue_status st = jue_store_add(s, x, &f, &m, NULL, existed, &d);
    jue_diags_free(&d);
    jue_findings_free(&f);
    return st;
}

/* The kinds the overview and the web app group findings by, from the rule. */
static void test_finding_kind(void **state)
{
    (void)state;
    static const struct { const char *rule, *kind; } K[] = {
        { "T01.total", "表内" }, { "X.T01-T04", "表间" }, { "complete.present", "完整性" },
        { "catalog.code", "科目" }, { "claims.fact", "说明" }, { "claims.cross-year", "跨年" },
        { "perf.score", "绩效" }, { "input.reading", "读取" }, { "input.aborted", "读取" },
        { "something.else", "其他" }, { NULL, "其他" },
    };
    for (size_t i = 0; i < sizeof K / sizeof K[0]; i++)
        assert_string_equal(JUE_KIND_NAMES[jue_finding_kind(K[i].rule)], K[i].kind);
}

static void test_roundtrip(void **state)
{
    (void)state;
    jue_store *s = open_new("rt.db");
    jue_disclosure *x = made_up("青溪县医疗保障局", 2024, 2402422000000);
    bool existed = true;
    assert_int_equal(add(s, x, "h1", &existed), JUE_OK);
    assert_false(existed);
    assert_true(jue_store_has(s, "h1", "r1"));
    assert_false(jue_store_has(s, "h1", "r2"));
    assert_int_equal(add(s, x, "h1", &existed), JUE_OK);   /* the same file, the same rules */
    assert_true(existed);
    jue_disclosure *back = NULL;
    jue_findings f;
    jue_findings_init(&f);
    jue_diags d;
    jue_diags_init(&d);
    assert_int_equal(jue_store_load(s, "青溪县医疗保障局", 2024, &back, &f, &d), JUE_OK);
    const jue_table *t = back->tables[JUE_T01];
    assert_non_null(t);
    assert_int_equal(t->nrows, 2);
    int col = jue_table_find_col(t, "决算数");
    const jue_cell *a = jue_table_cell_c(t, 0, (size_t)col), *b = jue_table_cell_c(t, 1, (size_t)col);
    assert_int_equal(a->printed, 2402422000000);
    assert_int_equal(a->decimals, 2);
    assert_false(a->has_exact);
    assert_int_equal(a->src_page, 4);
    assert_int_equal(a->src_line, 17);
    assert_true(b->has_exact);
    assert_int_equal(b->exact, 2402422000000 + 123);
    assert_int_equal(t->rows[1].side, JUE_SIDE_EXPEND);
    assert_int_equal(back->claims.len, 1);
    assert_string_equal(back->claims.items[0].printed, "1538.10万元");
    assert_int_equal(back->claims.items[0].iv.hi, 1538105000);
    assert_int_equal(f.len, 1);
    assert_string_equal(f.items[0].rule, "T01.balance");
    assert_int_equal(f.items[0].page, 4);
    assert_string_equal(f.items[0].expected, "1.00");
    assert_int_equal(f.items[0].col, 9);   /* schema 3: the character column and the PDF box */
    assert_true(f.items[0].box[0] == 402.5f && f.items[0].box[1] == 611.25f && f.items[0].box[2] == 455.125f &&
                f.items[0].box[3] == 622.0f);
    jue_findings again;   /* the same by the file's hash, named as the caller read it */
    jue_findings_init(&again);
    assert_int_equal(jue_store_findings(s, "h1", "r1", "y.pdf", &again, NULL), JUE_OK);
    assert_int_equal(again.len, 1);
    assert_string_equal(again.items[0].file, "y.pdf");
    assert_true(again.items[0].box[2] == 455.125f);
    jue_findings_free(&again);
    assert_int_equal(jue_store_findings(s, "h9", "r1", "y.pdf", &again, NULL), JUE_ERR_NOTFOUND);
    /* not there: another year, another department */
    jue_disclosure *none = NULL;
    assert_int_equal(jue_store_load(s, "青溪县医疗保障局", 2023, &none, NULL, &d), JUE_ERR_NOTFOUND);
    assert_int_equal(jue_store_load(s, "无此局", 2024, &none, NULL, &d), JUE_ERR_NOTFOUND);
    assert_null(none);
    jue_buf r;
    jue_buf_init(&r);
    size_t problems = 9;
    assert_int_equal(jue_store_check(s, &r, &problems), JUE_OK);
    assert_int_equal(problems, 0);
    jue_buf_free(&r);
    jue_diags_free(&d);
    jue_findings_free(&f);
    jue_disclosure_free(back);
    jue_disclosure_free(x);
    jue_store_close(s);
}

static int count(const jue_store_row *r, void *ctx)
{
    (void)r;
    (*(int *)ctx)++;
    return 0;
}

static void test_merge_and_refusals(void **state)
{
    (void)state;
    jue_store *s = open_new("merge.db");
    jue_disclosure *old = made_up("青溪县医疗保险管理局", 2018, 100000000);
    jue_disclosure *now = made_up("青溪县医疗保障局", 2019, 200000000);
    jue_disclosure *nameless = made_up(NULL, 2019, 1);
    assert_int_equal(add(s, old, "a", NULL), JUE_OK);
    assert_int_equal(add(s, now, "b", NULL), JUE_OK);
    assert_int_equal(add(s, nameless, "c", NULL), JUE_ERR_INVALID);
    jue_diags d;
    jue_diags_init(&d);
    assert_int_equal(jue_store_merge(s, "青溪县医疗保险管理局", "青溪县/青溪县医疗保障局", &d), JUE_OK);
    int n = 0;
    jue_store_list(s, "青溪县医疗保障局", 0, count, &n);
    assert_int_equal(n, 2);
    /* a later document under the old name joins the new one */
    jue_disclosure *late = made_up("青溪县医疗保险管理局", 2017, 300000000);
    assert_int_equal(add(s, late, "d", NULL), JUE_OK);
    n = 0;
    jue_store_list(s, "青溪县/青溪县医疗保障局", 0, count, &n);
    assert_int_equal(n, 3);
    /* the region names both too; a merge into itself is refused */
    n = 0;
    jue_store_list(s, "青溪县", 0, count, &n);
    assert_int_equal(n, 3);
    assert_int_equal(jue_store_merge(s, "青溪县医疗保障局", "青溪县医疗保障局", &d), JUE_ERR_INVALID);
    jue_diags_free(&d);
    jue_disclosure_free(old);
    jue_disclosure_free(now);
    jue_disclosure_free(nameless);
    jue_disclosure_free(late);
    jue_store_close(s);
}

static void test_not_a_store(void **state)
{
    (void)state;
    char path[128];
    jue_store *s = NULL;
    jue_diags d;
    jue_diags_init(&d);
    tmp_path(path, sizeof path, "text.db");
    FILE *f = fopen(path, "w");
    fputs("这不是数据库\n", f);
    fclose(f);
    assert_int_equal(jue_store_open(path, &s, &d), JUE_ERR_INVALID);
    assert_null(s);
    sqlite3 *db;
    tmp_path(path, sizeof path, "other.db");
    sqlite3_open(path, &db);
    sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL);
    sqlite3_close(db);
    assert_int_equal(jue_store_open(path, &s, &d), JUE_ERR_INVALID);
    tmp_path(path, sizeof path, "newer.db");
    jue_store *at = NULL;
    assert_int_equal(jue_store_create_at(path, 1, &at, &d), JUE_OK);
    jue_store_close(at);
    sqlite3_open(path, &db);
    sqlite3_exec(db, "PRAGMA user_version=99", NULL, NULL, NULL);
    sqlite3_close(db);
    assert_int_equal(jue_store_open(path, &s, &d), JUE_ERR_INVALID);
    assert_true(d.len >= 3);
    jue_diags_free(&d);
}

/* Data as a version-1 program wrote it (no claims, no aliases). */
static const char *const V1_DATA =
    "INSERT INTO departments VALUES(1, '青溪县/青溪县医疗保障局', '青溪县医疗保障局', '青溪县');"
    "INSERT INTO documents VALUES(1, 1, 2023, 'old.pdf', 'h0', 'r0', NULL, 'published', '2025-01-01T00:00:00Z',"
    " 0, 0, 1, 0);"
    "INSERT INTO doc_tables VALUES(1, 0, '收入支出决算总表', NULL, 0, NULL, 0);"
    "INSERT INTO doc_rows VALUES(1, 0, 0, '收入总计', '收入总计', 0, 1, 0, 1, 3, 12);"
    "INSERT INTO facts VALUES(1, 0, 0, '决算数', 2248612000000, 2, 1, NULL, 3, 12);";

/* Data as a version-2 program wrote it: a finding without its character
 * column and box (version 3). */
static const char *const V2_DATA =
    "INSERT INTO departments VALUES(1, '青溪县/青溪县医疗保障局', '青溪县医疗保障局', '青溪县');"
    "INSERT INTO documents VALUES(1, 1, 2023, 'old.pdf', 'h0', 'r0', NULL, 'published', '2025-01-01T00:00:00Z',"
    " 1, 0, 0, 1, 0);"
    "INSERT INTO findings VALUES(1, 0, 'T01.total', 'error', '旧的发现', 0, 3, 0, '收入总计', '决算数', '1.00', '2.00');";

static void test_migrations(void **state)
{
    (void)state;
    for (int v = 0; v < JUE_STORE_SCHEMA; v++) {
        char path[128], name[32];
        snprintf(name, sizeof name, "v%d.db", v);
        tmp_path(path, sizeof path, name);
        jue_store *s = NULL;
        jue_diags d;
        jue_diags_init(&d);
        assert_int_equal(jue_store_create_at(path, v, &s, &d), JUE_OK);
        assert_int_equal(jue_store_version(s), v);
        jue_store_close(s);
        if (v == 1 || v == 2) {
            sqlite3 *db;
            sqlite3_open(path, &db);
            assert_int_equal(sqlite3_exec(db, v == 1 ? V1_DATA : V2_DATA, NULL, NULL, NULL), SQLITE_OK);
            sqlite3_close(db);
        }
        assert_int_equal(jue_store_open(path, &s, &d), JUE_OK);
        assert_int_equal(jue_store_version(s), JUE_STORE_SCHEMA);
        jue_disclosure *x = made_up("青溪县医疗保障局", 2024, 5);
        assert_int_equal(add(s, x, "new", NULL), JUE_OK);
        jue_disclosure_free(x);
        if (v == 1) {   /* what version 1 stored is still there, and reads back */
            jue_disclosure *back = NULL;
            assert_int_equal(jue_store_load(s, "青溪县/青溪县医疗保障局", 2023, &back, NULL, &d), JUE_OK);
            int col = jue_table_find_col(back->tables[JUE_T01], "决算数");
            assert_int_equal(jue_table_cell_c(back->tables[JUE_T01], 0, (size_t)col)->printed, 2248612000000);
            assert_int_equal(back->claims.len, 0);
            jue_disclosure_free(back);
        }
        if (v == 2) {   /* a version-2 finding reads back, without a box */
            jue_findings f;
            jue_findings_init(&f);
            assert_int_equal(jue_store_findings(s, "h0", "r0", "old.pdf", &f, NULL), JUE_OK);
            assert_int_equal(f.len, 1);
            assert_string_equal(f.items[0].message, "旧的发现");
            assert_int_equal(f.items[0].page, 3);
            assert_true(f.items[0].box[2] == 0 && f.items[0].col == 0);
            jue_findings_free(&f);
        }
        jue_buf r;
        jue_buf_init(&r);
        size_t problems = 9;
        assert_int_equal(jue_store_check(s, &r, &problems), JUE_OK);
        assert_int_equal(problems, 0);
        jue_buf_free(&r);
        jue_diags_free(&d);
        jue_store_close(s);
    }
}

static int setup(void **state)
{
    (void)state;
    snprintf(DIR_, sizeof DIR_, "/tmp/jue-store-XXXXXX");
    return mkdtemp(DIR_) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", DIR_);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sha256),          cmocka_unit_test(test_dept_key),
        cmocka_unit_test(test_finding_kind),
        cmocka_unit_test(test_roundtrip),       cmocka_unit_test(test_merge_and_refusals),
        cmocka_unit_test(test_not_a_store),     cmocka_unit_test(test_migrations),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
