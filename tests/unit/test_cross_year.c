/* Checks across years (claims.cross-year), on made-up disclosures: a change
 * and a rate that follow from last year's figure give nothing, also within
 * rounding; a change or a rate that does not follow is one finding quoting
 * both documents and their places; 减少 and 持平 are read with their sign;
 * a figure missing in either year, a claim without a fact, and the check
 * turned off give nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <juesuan/claims_audit.h>

#include <stdlib.h>
#include <string.h>

#define WAN INT64_C(1000000)   /* 分 per 万元 */

static jue_disclosure *year_of(int year, const char *src, jue_fen total, int page)
{
    jue_disclosure *d = jue_disclosure_new();
    d->year = year;
    d->source = strdup(src);
    jue_table *t = d->tables[JUE_T01] = jue_table_new(JUE_T01);
    int r = jue_table_add_row(t, JUE_L_INC_GRAND, "总计", JUE_LEVEL_NONE, JUE_SIDE_INCOME, true);
    jue_cell *c = jue_table_cell(t, (size_t)r, (size_t)jue_table_find_col(t, "决算数"));
    jue_cell_set_printed(c, total, 2);
    c->src_page = page;
    return d;
}

/* A claim as printed: role, sign, value in 分 or ppb with 2 decimals. */
static void claim(jue_disclosure *d, jue_claim_role role, int sign, int64_t value, const char *printed)
{
    jue_claims *cl = &d->claims;
    cl->items = realloc(cl->items, (cl->len + 1) * sizeof *cl->items);
    bool pct = role == JUE_ROLE_CHANGE_PCT;
    int64_t half = pct ? 50000 : 5000;   /* half of 0.01% (ppb) or of 0.01万元 (分) */
    cl->items[cl->len++] = (jue_claim){ .role = role, .sign = sign, .is_percent = pct, .value = value,
                                        .iv = { value - half, value + half }, .decimals = 2,
                                        .fact = jue_fact_make(JUE_T01, JUE_L_INC_GRAND, JUE_COL_ACTUAL), .printed = strdup(printed),
                                        .line = 40 + (int)cl->len, .parent = -1, .section = -1 };
    cl->cap = cl->len;
}

static size_t run(const jue_disclosure *d, const jue_disclosure *prev, jue_findings *f)
{
    jue_findings_init(f);
    assert_int_equal(jue_claims_cross_year(d, prev, NULL, f), JUE_OK);
    return f->len;
}

static void test_consistent(void **state)
{
    (void)state;
    jue_disclosure *prev = year_of(2023, "2023.pdf", 2248612 * (WAN / 100), 5);
    jue_disclosure *d = year_of(2024, "2024.pdf", 2402422 * (WAN / 100), 5);
    claim(d, JUE_ROLE_CHANGE, 1, 153810 * (WAN / 100), "1538.10万元");
    claim(d, JUE_ROLE_CHANGE_PCT, 1, 68400000, "6.84%");
    /* within rounding: 1538.11 is what two rounded figures may give */
    claim(d, JUE_ROLE_CHANGE, 1, 153811 * (WAN / 100), "1538.11万元");
    jue_findings f;
    assert_int_equal(run(d, prev, &f), 0);
    jue_findings_free(&f);
    jue_disclosure_free(d);
    jue_disclosure_free(prev);
}

static void test_contradictions(void **state)
{
    (void)state;
    jue_disclosure *prev = year_of(2023, "2023.pdf", 2248612 * (WAN / 100), 7);
    jue_disclosure *d = year_of(2024, "2024.txt", 2402422 * (WAN / 100), 0);
    d->tables[JUE_T01]->cells[0].src_line = 88;
    claim(d, JUE_ROLE_CHANGE, 1, 143810 * (WAN / 100), "1438.10万元");   /* 100 short */
    claim(d, JUE_ROLE_CHANGE, -1, 153810 * (WAN / 100), "1538.10万元");  /* 减少 for 增加 */
    claim(d, JUE_ROLE_CHANGE_PCT, 1, 78400000, "7.84%");
    claim(d, JUE_ROLE_CHANGE, 0, 0, "持平");
    jue_findings f;
    assert_int_equal(run(d, prev, &f), 4);
    const jue_finding *x = &f.items[0];
    assert_string_equal(x->rule, "claims.cross-year");
    assert_int_equal(x->severity, JUE_SEV_ERROR);   /* the default; claims.yaml ships warning */
    assert_string_equal(x->file, "2024.txt");
    assert_int_equal(x->line, 41);
    assert_non_null(strstr(x->message, "2023.pdf，第7页"));
    assert_non_null(strstr(x->message, "第88行"));
    assert_non_null(strstr(x->message, "22,486.12万元"));
    assert_string_equal(x->expected, "增加1,538.10万元");
    assert_string_equal(x->actual, "1438.10万元");
    assert_string_equal(f.items[1].expected, "增加1,538.10万元");
    assert_string_equal(f.items[2].expected, "增长6.84%");
    assert_non_null(strstr(f.items[3].message, "比上年持平"));
    jue_findings_free(&f);
    jue_disclosure_free(d);
    jue_disclosure_free(prev);
}

static void test_nothing_to_compare(void **state)
{
    (void)state;
    jue_disclosure *prev = year_of(2023, "2023.pdf", 2248612 * (WAN / 100), 1);
    jue_disclosure *d = year_of(2024, "2024.pdf", 2402422 * (WAN / 100), 1);
    claim(d, JUE_ROLE_CHANGE, 1, 1 * WAN, "1.00万元");
    jue_findings f;
    /* no last year; last year's figure blank; a claim without a fact; the check off */
    assert_int_equal(run(d, NULL, &f), 0);
    jue_findings_free(&f);
    prev->tables[JUE_T01]->cells[0].present = false;
    assert_int_equal(run(d, prev, &f), 0);
    jue_findings_free(&f);
    prev->tables[JUE_T01]->cells[0].present = true;
    d->claims.items[0].fact = (jue_fact){ 0 };
    assert_int_equal(run(d, prev, &f), 0);
    jue_findings_free(&f);
    d->claims.items[0].fact = jue_fact_make(JUE_T01, JUE_L_INC_GRAND, JUE_COL_ACTUAL);
    jue_claim_checks *checks = NULL;
    jue_diags diags;
    jue_diags_init(&diags);
    assert_int_equal(jue_claim_checks_load(NULL, &checks, &diags), JUE_OK);
    jue_findings_init(&f);
    assert_int_equal(jue_claims_cross_year(d, prev, checks, &f), JUE_OK);
    assert_int_equal(f.len, 1);
    assert_int_equal(f.items[0].severity, JUE_SEV_WARNING);   /* as data/rules/claims.yaml sets it */
    jue_findings_free(&f);
    jue_claim_checks_free(checks);
    jue_diags_free(&diags);
    jue_disclosure_free(d);
    jue_disclosure_free(prev);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_consistent),
        cmocka_unit_test(test_contradictions),
        cmocka_unit_test(test_nothing_to_compare),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
