/* Audit tests: the compiled example audits clean under the national pack; a
 * mutation test changes one printed cell at a time and requires that a
 * change within rounding (±0.01) never gives an error and a change of 1.00
 * or more always does, naming the cell or a total containing it; the
 * examples in docs/rules.md load and run. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <juesuan/compile.h>
#include <juesuan/rules.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/render_internal.h"

static jue_catalog *CAT;
static jue_profile *PROF;
static jue_rulepack *PACK;
static jue_disclosure *EX;

static const char *srcdir(void) { return getenv("JUE_SRCDIR") ? getenv("JUE_SRCDIR") : "."; }

static int setup(void **state)
{
    (void)state;
    jue_diags d;
    jue_diags_init(&d);
    if (jue_catalog_load(NULL, &CAT, &d) != JUE_OK) return -1;
    if (jue_profile_load(NULL, &PROF, &d) != JUE_OK) return -1;
    if (jue_rules_load_profile(NULL, &PACK, &d) != JUE_OK) {
        for (size_t i = 0; i < d.len; i++) fprintf(stderr, "%s:%d:%d: %s\n", d.items[i].file, d.items[i].line, d.items[i].col, d.items[i].message);
        return -1;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/examples/county-medical-security-2024", srcdir());
    jue_source *s = NULL;
    if (jue_source_load(path, CAT, &s, &d) != JUE_OK) return -1;
    if (jue_compile(s, CAT, PROF, &EX, NULL, &d) != JUE_OK) return -1;
    jue_source_free(s);
    jue_diags_free(&d);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    jue_disclosure_free(EX);
    jue_rulepack_free(PACK);
    jue_profile_free(PROF);
    jue_catalog_free(CAT);
    return 0;
}

static void dump(const jue_findings *f)
{
    jue_buf b;
    jue_buf_init(&b);
    for (size_t i = 0; i < f->len && i < 20; i++) {
        jue_finding_format_text(&f->items[i], &b);
        jue_buf_putc(&b, '\n');
    }
    fputs(jue_buf_str(&b), stderr);
    jue_buf_free(&b);
}

static void test_example_audits_clean(void **state)
{
    (void)state;
    assert_true(jue_rulepack_count(PACK) > 50);
    jue_findings f;
    jue_findings_init(&f);
    assert_int_equal(jue_audit(EX, CAT, PACK, &f), JUE_OK);
    if (f.len) dump(&f);
    assert_int_equal(jue_findings_count(&f, JUE_SEV_ERROR), 0);
    assert_int_equal(jue_findings_count(&f, JUE_SEV_WARNING), 0);
    jue_findings_free(&f);
}

/* ---------- mutation ---------- */

typedef struct { int t, r, c; } pos;

static uint64_t rng = 0x2545F4914F6CDD1DULL;
static uint64_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* Every cell the forms print (what a reader sees), from the renderers' layout. */
static pos *printed_cells(const jue_disclosure *d, size_t *n)
{
    pos *v = NULL;
    size_t cap = 0;
    *n = 0;
    for (int t = 0; t < JUE_NTABLES; t++) {
        jue_rd_layout l;
        assert_int_equal(jue_rd_layout_build(d->tables[t], &l), JUE_OK);
        for (size_t r = 0; r < l.nrows; r++)
            for (int c = 0; c < l.ncols; c++) {
                const jue_rd_cell *x = jue_rd_at(&l, r, c);
                if (x->kind != JUE_RC_AMOUNT || x->row < 0 || x->col < 0) continue;
                if (*n == cap) {
                    cap = cap ? cap * 2 : 256;
                    v = realloc(v, cap * sizeof *v);
                    assert_non_null(v);
                }
                v[(*n)++] = (pos){ t, x->row, x->col };
            }
        jue_rd_layout_free(&l);
    }
    return v;
}

/* Does an error finding name the cell, or a total containing it (the same
 * table and the same row or the same column: row totals, column and
 * hierarchy totals)? */
static bool names_cell(const jue_findings *f, const jue_disclosure *d, pos p)
{
    const jue_table *t = d->tables[p.t];
    for (size_t i = 0; i < f->len; i++) {
        const jue_finding *x = &f->items[i];
        if (x->severity != JUE_SEV_ERROR || x->table != p.t) continue;
        bool row = x->row && !strcmp(x->row, t->rows[p.r].key);
        bool col = x->column && !strcmp(x->column, t->cols[p.c].key);
        if (row || col) return true;
    }
    return false;
}

static void test_mutation(void **state)
{
    (void)state;
    size_t n;
    pos *cells = printed_cells(EX, &n);
    assert_true(n > 100);
    size_t runs = getenv("JUE_MUTATION_RUNS") ? strtoul(getenv("JUE_MUTATION_RUNS"), NULL, 10) : 500;
    size_t small_runs = 0, false_alarms = 0, big_runs = 0, detected = 0;
    for (size_t k = 0; k < 2 * runs; k++) {
        bool big = k >= runs;
        pos p = cells[rnd() % n];
        jue_table *t = EX->tables[p.t];
        jue_cell *c = jue_table_cell(t, (size_t)p.r, (size_t)p.c);
        if (!big && !c->present) { k--; continue; }   /* ±0.01 changes a printed figure */
        jue_cell saved = *c;
        jue_fen delta = big ? 1000000 * (jue_fen)(1 + (rnd() % 4 ? 0 : rnd() % 1000)) : 10000;
        if (rnd() & 1) delta = -delta;
        c->printed += delta;
        c->iv = jue_iv_printed(c->printed, 2, JUE_UNIT_WAN);
        c->decimals = 2;
        c->present = true;
        jue_findings f;
        jue_findings_init(&f);
        assert_int_equal(jue_audit(EX, CAT, PACK, &f), JUE_OK);
        if (big) {
            big_runs++;
            if (names_cell(&f, EX, p)) detected++;
            else {
                fprintf(stderr, "missed: T%02d[%s].%s %+lld 分\n", p.t + 1, t->rows[p.r].key, t->cols[p.c].key, (long long)delta);
                dump(&f);
            }
        } else {
            small_runs++;
            if (jue_findings_count(&f, JUE_SEV_ERROR)) {
                false_alarms++;
                fprintf(stderr, "false alarm: T%02d[%s].%s %+lld 分\n", p.t + 1, t->rows[p.r].key, t->cols[p.c].key, (long long)delta);
                dump(&f);
            }
        }
        jue_findings_free(&f);
        *c = saved;
    }
    printf("mutation: %zu printed cells; ±0.01: %zu runs, false-alarm rate %.1f%%; ±1.00+: %zu runs, "
           "detection rate %.1f%%\n", n, small_runs, 100.0 * (double)false_alarms / (double)small_runs, big_runs,
           100.0 * (double)detected / (double)big_runs);
    free(cells);
    assert_int_equal(false_alarms, 0);
    assert_int_equal(detected, big_runs);
}

/* The example from DOMAIN.md §3: ten children of width 0.01 allow up to
 * 0.055; 0.06 across six items is a real error. */
static void test_rounding_bounds(void **state)
{
    (void)state;
    jue_disclosure *d = jue_disclosure_new();
    d->tables[JUE_T06] = jue_table_new(JUE_T06);
    jue_table *t = d->tables[JUE_T06];
    jue_table_add_row(t, JUE_L6_PUBLIC, "公用经费合计", JUE_LEVEL_NONE, JUE_SIDE_PUBLIC, true);
    jue_table_add_row(t, "302", "商品和服务支出", JUE_LEVEL_LEI, JUE_SIDE_PUBLIC, false);
    const char *kids[10] = { "30201", "30202", "30205", "30206", "30207", "30211", "30213", "30215", "30216", "30217" };
    for (int i = 0; i < 10; i++) jue_table_add_row(t, kids[i], kids[i], JUE_LEVEL_KUAN, JUE_SIDE_PUBLIC, false);
    const char *rules =
        "rule r error\n"
        "  for r in T06[类]\n"
        "  require T06[r] == sum(T06[children(r)])\n"
        "  message \"{r}: {lhs} vs {rhs}, allowed {allowed}\"\n";
    jue_diags d0;
    jue_diags_init(&d0);
    jue_rulepack *pk = NULL;
    assert_int_equal(jue_rules_parse("t.rules", rules, strlen(rules), &pk, &d0), JUE_OK);
    struct { int nkids; jue_fen parent, each; bool error; } cases[] = {
        { 10, 1000000 + 50000, 100000, false },   /* 1.05 vs 10 × 0.10 = 1.00: within 0.055 */
        { 10, 1000000 + 60000, 100000, true },    /* 0.06 beyond 0.055 */
        { 6, 600000 + 60000, 100000, true },      /* 0.06 across six: beyond 0.035 */
        { 6, 600000 + 30000, 100000, false },
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        for (size_t r = 0; r < t->nrows; r++) jue_table_cell(t, r, 0)->present = false;
        jue_cell_set_printed(jue_table_cell(t, 1, 0), cases[k].parent, 2);
        for (int i = 0; i < cases[k].nkids; i++) jue_cell_set_printed(jue_table_cell(t, (size_t)(2 + i), 0), cases[k].each, 2);
        jue_findings f;
        jue_findings_init(&f);
        assert_int_equal(jue_audit(d, NULL, pk, &f), JUE_OK);
        if ((f.len > 0) != cases[k].error) dump(&f);
        assert_int_equal(f.len > 0, cases[k].error);
        jue_findings_free(&f);
    }
    jue_rulepack_free(pk);
    jue_disclosure_free(d);
    jue_diags_free(&d0);
}

/* Every ```rules block of docs/rules.md loads and runs on the example; every
 * ```rules-error block gives exactly the diagnostics of the ```text block
 * that follows it. */
static void test_doc_examples(void **state)
{
    (void)state;
    char path[4096];
    snprintf(path, sizeof path, "%s/docs/rules.md", srcdir());
    char *doc;
    size_t len;
    assert_int_equal(jue_read_file(path, &doc, &len), JUE_OK);
    int blocks = 0, bad_blocks = 0;
    char *p = doc;
    while ((p = strstr(p, "\n```rules"))) {
        bool bad = !strncmp(p + 9, "-error", 6);
        char *body = strchr(p + 1, '\n');
        assert_non_null(body);
        body++;
        char *end = strstr(body, "\n```");
        assert_non_null(end);
        size_t blen = (size_t)(end - body) + 1;
        jue_diags d;
        jue_diags_init(&d);
        jue_rulepack *pk = NULL;
        jue_status st = jue_rules_parse("example.rules", body, blen, &pk, &d);
        if (!bad) {
            if (st != JUE_OK)
                for (size_t i = 0; i < d.len; i++) fprintf(stderr, "docs block %d: %d:%d: %s\n", blocks + 1, d.items[i].line, d.items[i].col, d.items[i].message);
            assert_int_equal(st, JUE_OK);
            jue_findings f;
            jue_findings_init(&f);
            assert_int_equal(jue_audit(EX, CAT, pk, &f), JUE_OK);
            jue_findings_free(&f);
            blocks++;
        } else {
            assert_int_equal(st, JUE_ERR_SYNTAX);
            char *exp = strstr(end + 4, "```text\n");
            assert_non_null(exp);
            exp += 8;
            char *eend = strstr(exp, "```");
            assert_non_null(eend);
            jue_buf b;
            jue_buf_init(&b);
            for (size_t i = 0; i < d.len; i++)
                jue_buf_printf(&b, "%s:%d:%d: 错误：%s\n", d.items[i].file, d.items[i].line, d.items[i].col, d.items[i].message);
            if (strncmp(jue_buf_str(&b), exp, (size_t)(eend - exp)) || b.len != (size_t)(eend - exp))
                fprintf(stderr, "docs error block: got\n%s---- want\n%.*s", jue_buf_str(&b), (int)(eend - exp), exp);
            assert_int_equal(b.len, (size_t)(eend - exp));
            assert_memory_equal(jue_buf_str(&b), exp, b.len);
            jue_buf_free(&b);
            bad_blocks++;
        }
        jue_rulepack_free(pk);
        jue_diags_free(&d);
        p = end + 4;
    }
    free(doc);
    assert_true(blocks >= 5);
    assert_true(bad_blocks >= 1);
}

/* One document's findings in its order: no place first (a missing table),
 * then page, line, column; ties keep the order they were added. The text
 * and JSON forms speak Chinese and give a PDF's page, not our line counter. */
static void add_at(jue_findings *f, const char *rule, int page, int line, int col, int table)
{
    jue_finding x = { 0 };
    x.rule = (char *)rule;
    x.severity = JUE_SEV_ERROR;
    x.message = (char *)"说明";
    x.page = page, x.line = line, x.col = col, x.table = table;
    assert_int_equal(jue_findings_add(f, &x), JUE_OK);
}

static void test_findings_order_and_format(void **state)
{
    (void)state;
    jue_findings f;
    jue_findings_init(&f);
    add_at(&f, "notes.b", 3, 40, 9, -1);
    add_at(&f, "table.row", 2, 175, 0, JUE_T05);   /* a table before the notes that follow it */
    add_at(&f, "notes.a", 3, 40, 2, -1);
    add_at(&f, "complete", 0, 0, 0, JUE_T03);
    add_at(&f, "notes.c", 3, 40, 9, -1);           /* same place as notes.b: stays after it */
    jue_findings_sort(&f);
    const char *want[] = { "complete", "table.row", "notes.a", "notes.b", "notes.c" };
    for (size_t i = 0; i < 5; i++) assert_string_equal(f.items[i].rule, want[i]);
    assert_int_equal(jue_findings_name_file(&f, "x.pdf"), JUE_OK);
    free(f.items[2].expected);
    f.items[2].expected = strdup("1.00");
    f.items[2].actual = strdup("2.00");
    jue_buf b;
    jue_buf_init(&b);
    jue_finding_format_text(&f.items[2], &b);
    assert_string_equal(jue_buf_str(&b), "x.pdf:第3页: 错误：说明（应为 1.00，实为 2.00） [notes.a]");
    jue_buf_reset(&b);
    jue_finding_format_text(&f.items[1], &b);
    assert_string_equal(jue_buf_str(&b), "x.pdf:第2页: T05: 错误：说明 [table.row]");
    jue_buf_reset(&b);
    jue_finding_format_json(&f.items[2], &b);
    assert_non_null(strstr(jue_buf_str(&b), "\"severity\":\"error\""));
    assert_non_null(strstr(jue_buf_str(&b), "\"page\":3,\"line\":null"));
    assert_null(strstr(jue_buf_str(&b), "\"box\""));   /* none known */
    jue_buf_reset(&b);
    f.items[1].box[0] = 498.0f, f.items[1].box[1] = 535.9f, f.items[1].box[2] = 536.5f, f.items[1].box[3] = 546.9f;
    jue_finding_format_json(&f.items[1], &b);
    assert_non_null(strstr(jue_buf_str(&b), "\"page\":2,\"line\":null,\"box\":[498.0,535.9,536.5,546.9],\"table\":\"T05\""));
    jue_buf_free(&b);
    assert_string_equal(jue_severity_zh(JUE_SEV_WARNING), "警告");
    assert_string_equal(jue_severity_zh(JUE_SEV_INFO), "提示");
    jue_findings_free(&f);
}

/* A message as JSON: quotes, backslashes and control characters escaped,
 * Chinese and other valid UTF-8 as it is, each byte of invalid UTF-8 (a
 * stray continuation, an overlong form, a cut sequence, a surrogate, past
 * U+10FFFF) U+FFFD. */
static void test_json_escapes(void **state)
{
    (void)state;
    jue_finding x = { .rule = (char *)"r", .severity = JUE_SEV_ERROR, .table = -1,
                      .message = (char *)"说\"明\\a\nb\tc\rd\x01\x7f|\x80|\xC0\xAF|\xE4\xB8|\xED\xA0\x80|\xF0\x9F\x98\x80|"
                                         "\xF4\x90\x80\x80|é末" };
    jue_buf b;
    jue_buf_init(&b);
    jue_finding_format_json(&x, &b);
    assert_string_equal(jue_buf_str(&b),
                        "{\"rule\":\"r\",\"severity\":\"error\",\"message\":\"说\\\"明\\\\a\\nb\\tc\\rd\\u0001\\u007f|"
                        "\xEF\xBF\xBD|\xEF\xBF\xBD\xEF\xBF\xBD|\xEF\xBF\xBD\xEF\xBF\xBD|"
                        "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD|\xF0\x9F\x98\x80|"
                        "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD|é末\",\"file\":null,\"line\":null,"
                        "\"table\":null,\"row\":null,\"column\":null,\"expected\":null,\"actual\":null}");
    jue_buf_free(&b);
}

/* A row's key and name are copied; its name replaced (longer, shorter,
 * again) leaves the key as it was, and the table frees both whichever name
 * it holds (make asan checks the frees). */
static void test_row_name_replaced(void **state)
{
    (void)state;
    jue_table *t = jue_table_new(JUE_T05);
    assert_non_null(t);
    char key[] = "2080501";
    assert_int_equal(jue_table_add_row(t, key, "行政单位离退休", JUE_LEVEL_XIANG, JUE_SIDE_NONE, false), 0);
    assert_int_equal(jue_table_add_row(t, NULL, NULL, JUE_LEVEL_NONE, JUE_SIDE_NONE, false), 1);
    key[0] = '9';   /* a copy: the caller's string may change */
    assert_string_equal(t->rows[0].key, "2080501");
    assert_string_equal(t->rows[1].key, "");
    assert_string_equal(t->rows[1].name, "");
    assert_int_equal(jue_table_set_row_name(t, 0, "机关事业单位基本养老保险缴费支出"), JUE_OK);
    assert_string_equal(t->rows[0].name, "机关事业单位基本养老保险缴费支出");
    assert_int_equal(jue_table_set_row_name(t, 0, "乙"), JUE_OK);
    assert_int_equal(jue_table_set_row_name(t, 1, NULL), JUE_OK);
    assert_string_equal(t->rows[0].name, "乙");
    assert_string_equal(t->rows[0].key, "2080501");
    assert_int_equal(jue_table_find_row(t, "2080501", JUE_SIDE_NONE), 0);
    assert_int_equal(jue_table_set_row_name(t, 2, "x"), JUE_ERR_INVALID);
    jue_table_free(t);
}

/* Room reserved for a table's rows: the rows added after it stay where they
 * are (no copy), with blank cells; a reservation below what there is changes
 * nothing, and the table keeps the rows it had. */
static void test_rows_reserved(void **state)
{
    (void)state;
    jue_table *t = jue_table_new(JUE_T05);
    assert_non_null(t);
    assert_int_equal(jue_table_add_row(t, "201", "一般公共服务支出", JUE_LEVEL_LEI, JUE_SIDE_NONE, false), 0);
    jue_cell_set_printed(jue_table_cell(t, 0, 1), 123, 2);
    assert_true(jue_table_reserve(t, 40));
    assert_true(t->rows_cap >= 40);
    const jue_row *rows = t->rows;
    const jue_cell *cells = t->cells;
    for (int i = 1; i < 40; i++) {
        char key[16];
        snprintf(key, sizeof key, "%d", 201 + i);
        assert_int_equal(jue_table_add_row(t, key, key, JUE_LEVEL_LEI, JUE_SIDE_NONE, false), i);
    }
    assert_ptr_equal(t->rows, rows);
    assert_ptr_equal(t->cells, cells);
    assert_true(jue_table_reserve(t, 10));
    assert_int_equal(t->nrows, 40);
    assert_string_equal(t->rows[0].name, "一般公共服务支出");
    assert_string_equal(t->rows[39].key, "240");
    assert_true(jue_table_cell(t, 0, 1)->present);
    assert_false(jue_table_cell(t, 39, 1)->present);
    jue_table_free(t);
}

static size_t count_rule_suffix(const jue_findings *f, const char *suffix, const jue_finding **last)
{
    size_t n = 0, sl = strlen(suffix);
    for (size_t i = 0; i < f->len; i++) {
        size_t l = strlen(f->items[i].rule);
        if (l >= sl && !strcmp(f->items[i].rule + l - sl, suffix)) n++, *last = &f->items[i];
    }
    return n;
}

/* The rules and the shifted-column check over EX: the number of
 * Tnn.shifted-column findings, the last one in *last. */
static size_t shifted_findings(const jue_finding **last, jue_findings *f)
{
    jue_findings_init(f);
    assert_int_equal(jue_audit(EX, CAT, PACK, f), JUE_OK);
    assert_int_equal(jue_audit_shifted(EX, CAT, PACK, f, 0), JUE_OK);
    return count_rule_suffix(f, ".shifted-column", last);
}

/* A column whose figures sit one row off (three figures moved down a row, as
 * a slipped paste does) is one finding naming the column and the row it
 * starts at; one figure copied from the row above, or the correct table,
 * is none. */
static void test_shifted_column(void **state)
{
    (void)state;
    jue_table *t = EX->tables[JUE_T05];
    assert_non_null(t);
    int c = jue_table_find_col(t, JUE_C_BASIC);
    assert_true(c >= 0);
    size_t r = 0;
    for (; r + 3 < t->nrows; r++) {
        bool ok = true;
        for (size_t k = 0; k < 3 && ok; k++) ok = t->rows[r + k].level && !t->rows[r + k].is_total;
        if (ok && jue_table_cell(t, r, (size_t)c)->printed != jue_table_cell(t, r + 1, (size_t)c)->printed &&
            jue_table_cell(t, r + 1, (size_t)c)->printed != jue_table_cell(t, r + 2, (size_t)c)->printed)
            break;
    }
    assert_true(r + 3 < t->nrows);
    jue_cell keep[3];
    for (size_t k = 0; k < 3; k++) keep[k] = *jue_table_cell(t, r + k, (size_t)c);
    const jue_finding *last = NULL;
    jue_findings f;
    assert_int_equal(shifted_findings(&last, &f), 0);
    jue_findings_free(&f);
    /* three figures down one row: the first row blank */
    *jue_table_cell(t, r + 2, (size_t)c) = keep[1];
    *jue_table_cell(t, r + 1, (size_t)c) = keep[0];
    jue_table_cell(t, r, (size_t)c)->present = false;
    jue_table_cell(t, r, (size_t)c)->printed = 0;
    jue_table_cell(t, r, (size_t)c)->iv = (jue_interval){ 0, 0 };
    assert_int_equal(shifted_findings(&last, &f), 1);
    assert_string_equal(last->row, t->rows[r].key);
    assert_string_equal(last->column, JUE_C_BASIC);
    assert_int_equal(last->severity, JUE_SEV_ERROR);
    assert_non_null(strstr(last->message, "下移了一行"));
    jue_findings_free(&f);
    /* one figure copied from the row above: a wrong figure, not a shift */
    for (size_t k = 0; k < 3; k++) *jue_table_cell(t, r + k, (size_t)c) = keep[k];
    *jue_table_cell(t, r + 1, (size_t)c) = keep[0];
    assert_int_equal(shifted_findings(&last, &f), 0);
    jue_findings_free(&f);
    for (size_t k = 0; k < 3; k++) *jue_table_cell(t, r + k, (size_t)c) = keep[k];
}

/* A 科目 name the door did not read (a blank cell: a layout copy that put
 * the names on other lines) is not a wrong name: no catalog.name; a name
 * printed wrong still is one. */
static void test_blank_name_not_compared(void **state)
{
    (void)state;
    jue_table *t = EX->tables[JUE_T05];
    size_t r = 0;
    while (r < t->nrows && t->rows[r].level != JUE_LEVEL_XIANG) r++;
    assert_true(r < t->nrows);
    char *saved = t->rows[r].name;
    for (int k = 0; k < 2; k++) {
        t->rows[r].name = k ? "不是这个名称" : "";
        jue_findings f;
        jue_findings_init(&f);
        assert_int_equal(jue_audit(EX, CAT, PACK, &f), JUE_OK);
        size_t n = 0;
        for (size_t i = 0; i < f.len; i++) n += !strcmp(f.items[i].rule, "catalog.name");
        assert_int_equal(n, (size_t)k);
        jue_findings_free(&f);
    }
    t->rows[r].name = saved;
}

/* "1234567.80" in 元 with thousands grouped, as a table printed in 元 shows it. */
static void yuan_text(jue_fen v, char *buf, size_t n)
{
    char d[32];
    int nd = snprintf(d, sizeof d, "%lld", (long long)(v / 100));
    size_t o = 0;
    for (int i = 0; i < nd && o + 2 < n; i++) {
        if (i && (nd - i) % 3 == 0) buf[o++] = ',';
        buf[o++] = d[i];
    }
    snprintf(buf + o, n - o, ".%02lld", (long long)(v % 100));
}

/* A table printed in 元 (金额单位：元) is checked to the 分 it prints, and
 * its findings show its figures in 元, as the reviewer sees them in the
 * table, not converted to 万元 with six decimals. */
static void test_table_in_yuan(void **state)
{
    (void)state;
    jue_table *t = EX->tables[JUE_T05];
    size_t n = t->nrows * t->ncols;
    jue_cell *keep = malloc(n * sizeof *keep);
    assert_non_null(keep);
    memcpy(keep, t->cells, n * sizeof *keep);
    t->unit = JUE_UNIT_YUAN;
    for (size_t k = 0; k < n; k++) {
        t->cells[k].decimals = 6;
        t->cells[k].iv = (jue_interval){ t->cells[k].printed, t->cells[k].printed };
    }
    jue_findings f;
    jue_findings_init(&f);
    assert_int_equal(jue_audit(EX, CAT, PACK, &f), JUE_OK);
    assert_int_equal(jue_findings_count(&f, JUE_SEV_ERROR), 0);
    jue_findings_free(&f);
    /* one 项 figure 1.00 元 too high: beyond the rounding of a 元 table */
    size_t r = 0;
    while (r < t->nrows && t->rows[r].level != JUE_LEVEL_XIANG) r++;
    assert_true(r < t->nrows);
    jue_cell *c = jue_table_cell(t, r, 0);
    c->printed += JUE_FEN_PER_YUAN;
    c->iv = (jue_interval){ c->printed, c->printed };
    jue_findings_init(&f);
    assert_int_equal(jue_audit(EX, CAT, PACK, &f), JUE_OK);
    char want[48];
    yuan_text(c->printed, want, sizeof want);
    size_t shown = 0;
    for (size_t i = 0; i < f.len; i++) {
        const jue_finding *x = &f.items[i];
        if (x->severity != JUE_SEV_ERROR) continue;
        assert_null(strstr(x->message, "0000"));          /* no 万元 with six decimals */
        if (x->actual && !strcmp(x->actual, want) && strstr(x->message, "相差 1.00")) shown++;
    }
    if (!shown) dump(&f);
    assert_true(shown >= 1);
    jue_findings_free(&f);
    memcpy(t->cells, keep, n * sizeof *keep);
    t->unit = JUE_UNIT_NONE;
    free(keep);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_example_audits_clean),
        cmocka_unit_test(test_rounding_bounds),
        cmocka_unit_test(test_mutation),
        cmocka_unit_test(test_doc_examples),
        cmocka_unit_test(test_findings_order_and_format),
        cmocka_unit_test(test_shifted_column),
        cmocka_unit_test(test_blank_name_not_compared),
        cmocka_unit_test(test_table_in_yuan),
        cmocka_unit_test(test_json_escapes),
        cmocka_unit_test(test_row_name_replaced),
        cmocka_unit_test(test_rows_reserved),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
