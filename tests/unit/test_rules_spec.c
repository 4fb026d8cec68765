/* Data-driven rule tests: every directory under tests/spec/rules/ holds
 *   source      one line: a source directory, relative to the repository
 *   patch       optional: edits to the compiled tables, one a line —
 *                 set T03[合计].基本支出 805.49   (a printed figure, 万元)
 *                 blank T03[合计].基本支出        (print it blank)
 *                 name T03[2101506] 医疗经办事务  (a printed name)
 *                 move T03 2101501 2080506        (print row 2101501 right after 2080506)
 *                 drop T09 | nonote T08 | type 事业
 *   rules.rules the rule pack (it may `include national`)
 *   expected.txt the findings as `juesuan audit` prints them, or the rule file's
 *               diagnostics with their carets.
 * JUE_UPDATE_GOLDEN=1 rewrites expected.txt from the current output. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <juesuan/compile.h>
#include <juesuan/rules.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static jue_catalog *CAT;
static jue_profile *PROF;

static int setup(void **state)
{
    (void)state;
    jue_diags d;
    jue_diags_init(&d);
    if (jue_catalog_load(NULL, &CAT, &d) != JUE_OK) return -1;
    if (jue_profile_load(NULL, &PROF, &d) != JUE_OK) return -1;
    jue_diags_free(&d);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    jue_catalog_free(CAT);
    jue_profile_free(PROF);
    return 0;
}

static const char *srcdir(void) { return getenv("JUE_SRCDIR") ? getenv("JUE_SRCDIR") : "."; }

/* "T03[合计].基本支出" → table, row, column; false when malformed. */
static bool parse_cell(jue_disclosure *d, const char *s, jue_table **t, int *r, int *c)
{
    if (strlen(s) < 5 || s[0] != 'T' || s[3] != '[') return false;
    int id = (s[1] - '0') * 10 + (s[2] - '0') - 1;
    if (id < 0 || id >= JUE_NTABLES || !d->tables[id]) return false;
    *t = d->tables[id];
    const char *e = strchr(s, ']');
    if (!e) return false;
    char key[128];
    snprintf(key, sizeof key, "%.*s", (int)(e - s - 4), s + 4);
    *r = jue_table_find_row(*t, key, JUE_SIDE_NONE);
    *c = e[1] == '.' ? jue_table_find_col(*t, e + 2) : ((*t)->ncols == 1 ? 0 : -1);
    return *r >= 0 && (*c >= 0 || e[1] != '.');
}

static void apply_patch(jue_disclosure *d, char *text)
{
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        char op[16], a[256] = "", b[256] = "", c3[256] = "";
        if (line[0] == '#' || sscanf(line, "%15s %255s %255s %255s", op, a, b, c3) < 2) continue;
        jue_table *t;
        int r, c;
        if (!strcmp(op, "set") || !strcmp(op, "blank")) {
            assert_true(parse_cell(d, a, &t, &r, &c));
            jue_cell *cell = jue_table_cell(t, (size_t)r, (size_t)c);
            if (!strcmp(op, "blank")) { cell->present = false; cell->printed = 0; continue; }
            jue_amount am;
            assert_int_equal(jue_amount_parse(b, strlen(b), JUE_UNIT_WAN, &am, NULL), JUE_OK);
            jue_cell_set_printed(cell, am.value, am.decimals);
        } else if (!strcmp(op, "name")) {
            assert_true(parse_cell(d, a, &t, &r, &c));
            assert_int_equal(jue_table_set_row_name(t, (size_t)r, b), JUE_OK);
        } else if (!strcmp(op, "move")) {
            int id = (a[1] - '0') * 10 + (a[2] - '0') - 1;
            t = d->tables[id];
            int from = jue_table_find_row(t, b, JUE_SIDE_NONE), to = jue_table_find_row(t, c3, JUE_SIDE_NONE);
            assert_true(from >= 0 && to >= 0 && to > from);
            /* rotate rows and cells [from, to] left by one */
            jue_row row = t->rows[from];
            jue_cell *cells = malloc(t->ncols * sizeof *cells);
            memcpy(cells, &t->cells[(size_t)from * t->ncols], t->ncols * sizeof *cells);
            memmove(&t->rows[from], &t->rows[from + 1], (size_t)(to - from) * sizeof row);
            memmove(&t->cells[(size_t)from * t->ncols], &t->cells[(size_t)(from + 1) * t->ncols],
                    (size_t)(to - from) * t->ncols * sizeof *cells);
            t->rows[to] = row;
            memcpy(&t->cells[(size_t)to * t->ncols], cells, t->ncols * sizeof *cells);
            free(cells);
        } else if (!strcmp(op, "drop") || !strcmp(op, "nonote")) {
            int id = (a[1] - '0') * 10 + (a[2] - '0') - 1;
            assert_true(id >= 0 && id < JUE_NTABLES);
            if (!strcmp(op, "drop")) { jue_table_free(d->tables[id]); d->tables[id] = NULL; }
            else { free(d->tables[id]->note); d->tables[id]->note = NULL; }
        } else if (!strcmp(op, "type")) {
            d->type = !strcmp(a, "事业") ? JUE_UNIT_PUBLIC_INST : !strcmp(a, "参公") ? JUE_UNIT_CIVIL_LIKE : JUE_UNIT_ADMIN;
        } else {
            fail_msg("unknown patch operation '%s'", op);
        }
    }
}

static char *read_opt(const char *dir, const char *name)
{
    char path[8400];
    snprintf(path, sizeof path, "%.8192s/%.64s", dir, name);
    char *text = NULL;
    size_t len;
    if (jue_read_file(path, &text, &len) != JUE_OK) return NULL;
    return text;
}

static bool run_case(const char *root, const char *name)
{
    char dir[8192];
    snprintf(dir, sizeof dir, "%.4000s/%.255s", root, name);
    char *srcrel = read_opt(dir, "source"), *rules = read_opt(dir, "rules.rules"), *patch = read_opt(dir, "patch");
    char *expected = read_opt(dir, "expected.txt");
    assert_non_null(srcrel);
    assert_non_null(rules);
    srcrel[strcspn(srcrel, "\r\n")] = 0;
    jue_diags d;
    jue_diags_init(&d);
    jue_buf out;
    jue_buf_init(&out);
    jue_rulepack *pack = NULL;
    jue_status st = jue_rules_parse("rules.rules", rules, strlen(rules), &pack, &d);
    if (st != JUE_OK) {
        for (size_t i = 0; i < d.len; i++)
            jue_buf_printf(&out, "%s:%d:%d: 错误：%s\n", d.items[i].file, d.items[i].line, d.items[i].col, d.items[i].message);
    } else {
        char path[8192];
        snprintf(path, sizeof path, "%.4000s/%.4000s", srcdir(), srcrel);
        jue_source *s = NULL;
        assert_int_equal(jue_source_load(path, CAT, &s, &d), JUE_OK);
        jue_disclosure *disc = NULL;
        assert_int_equal(jue_compile(s, CAT, PROF, &disc, NULL, &d), JUE_OK);
        jue_source_free(s);
        free(disc->source);
        disc->source = strdup(name);
        if (patch) apply_patch(disc, patch);
        jue_findings f;
        jue_findings_init(&f);
        assert_int_equal(jue_audit(disc, CAT, pack, &f), JUE_OK);
        for (size_t i = 0; i < f.len; i++) {
            jue_finding_format_text(&f.items[i], &out);
            jue_buf_putc(&out, '\n');
        }
        jue_findings_free(&f);
        jue_disclosure_free(disc);
    }
    bool ok = expected && !strcmp(expected, jue_buf_str(&out));
    if (getenv("JUE_UPDATE_GOLDEN") && !strcmp(getenv("JUE_UPDATE_GOLDEN"), "1")) {
        char path[8400];
        snprintf(path, sizeof path, "%s/expected.txt", dir);
        FILE *o = fopen(path, "wb");
        assert_non_null(o);
        fputs(jue_buf_str(&out), o);
        fclose(o);
        ok = true;
    }
    if (!ok) fprintf(stderr, "FAIL %s: got\n%s---- want\n%s", name, jue_buf_str(&out), expected ? expected : "(no expected.txt)\n");
    jue_buf_free(&out);
    jue_rulepack_free(pack);
    jue_diags_free(&d);
    free(srcrel);
    free(rules);
    free(patch);
    free(expected);
    return ok;
}

static int cmp_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void test_spec_cases(void **state)
{
    (void)state;
    char root[4096];
    snprintf(root, sizeof root, "%s/tests/spec/rules", srcdir());
    DIR *dh = opendir(root);
    assert_non_null(dh);
    char *names[256];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(dh)) && n < 256)
        if (e->d_name[0] != '.') names[n++] = strdup(e->d_name);
    closedir(dh);
    qsort(names, n, sizeof *names, cmp_names);
    size_t pass = 0;
    for (size_t i = 0; i < n; i++) {
        pass += run_case(root, names[i]);
        free(names[i]);
    }
    printf("rule spec cases: %zu passed, %zu failed\n", pass, n - pass);
    assert_true(n >= 8);
    assert_int_equal(pass, n);
}

int main(void)
{
    const struct CMUnitTest tests[] = { cmocka_unit_test(test_spec_cases) };
    return cmocka_run_group_tests(tests, setup, teardown);
}
