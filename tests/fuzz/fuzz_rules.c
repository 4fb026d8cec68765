/* Fuzz target: the rule-language parser. Any input must either load (and
 * then run over a small disclosure without crashing or leaking) or be
 * rejected with diagnostics that point inside the input. */
#include <juesuan/rules.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A small disclosure with every kind of row: named lines, a code hierarchy,
 * two-pane tables, an empty table with a note, a missing table. */
static jue_disclosure *sample(void)
{
    jue_disclosure *d = jue_disclosure_new();
    if (!d) return NULL;
    d->year = 2024;
    d->source = strdup("sample");
    for (int t = 0; t < JUE_NTABLES - 1; t++) d->tables[t] = jue_table_new((jue_table_id)t);
    jue_table *t1 = d->tables[JUE_T01], *t3 = d->tables[JUE_T03], *t6 = d->tables[JUE_T06];
    if (!t1 || !t3 || !t6) return d;
    jue_table_add_row(t1, JUE_L_INC_GENERAL, JUE_L_INC_GENERAL, JUE_LEVEL_NONE, JUE_SIDE_INCOME, false);
    jue_table_add_row(t1, JUE_L_INC_TOTAL, JUE_L_INC_TOTAL, JUE_LEVEL_NONE, JUE_SIDE_INCOME, true);
    jue_table_add_row(t1, "210", "卫生健康支出", JUE_LEVEL_LEI, JUE_SIDE_EXPEND, false);
    jue_table_add_row(t1, JUE_L_EXP_TOTAL, JUE_L_EXP_TOTAL, JUE_LEVEL_NONE, JUE_SIDE_EXPEND, true);
    for (size_t r = 0; r < t1->nrows; r++) jue_cell_set_printed(jue_table_cell(t1, r, 0), 12345670000, 2);
    const char *codes[4] = { "210", "21015", "2101501", "2101506" };
    jue_table_add_row(t3, JUE_L_TOTAL, "合计", JUE_LEVEL_NONE, JUE_SIDE_NONE, true);
    for (int i = 0; i < 4; i++)
        jue_table_add_row(t3, codes[i], codes[i], jue_code_level(JUE_CAT_FUNCTIONAL, codes[i]), JUE_SIDE_NONE, false);
    for (size_t r = 0; r < t3->nrows; r++)
        for (size_t c = 0; c < t3->ncols; c++) jue_cell_set_printed(jue_table_cell(t3, r, c), (jue_fen)(r * 7 + c) * 10000, 2);
    jue_table_add_row(t6, JUE_L6_PERSONNEL, "人员经费合计", JUE_LEVEL_NONE, JUE_SIDE_PERSONNEL, true);
    jue_table_add_row(t6, "301", "工资福利支出", JUE_LEVEL_LEI, JUE_SIDE_PERSONNEL, false);
    jue_table_add_row(t6, "30101", "基本工资", JUE_LEVEL_KUAN, JUE_SIDE_PERSONNEL, false);
    jue_table_set_note(d->tables[JUE_T08], "说明：本表无数据。");
    d->tables[JUE_T08]->empty = true;
    return d;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static jue_disclosure *d;
    if (!d) d = sample();
    jue_diags diags;
    jue_diags_init(&diags);
    jue_rulepack *pack = NULL;
    /* includes would read files: the fuzzer explores the grammar, not the disk */
    for (size_t i = 0; i + 7 <= size; i++)
        if (!memcmp(data + i, "include", 7)) return 0;
    jue_status st = jue_rules_parse("fuzz.rules", (const char *)data, size, &pack, &diags);
    if (st == JUE_OK) {
        jue_findings f;
        jue_findings_init(&f);
        jue_audit(d, NULL, pack, &f);
        jue_buf b;
        jue_buf_init(&b);
        for (size_t i = 0; i < f.len; i++) {
            jue_finding_format_text(&f.items[i], &b);
            jue_finding_format_json(&f.items[i], &b);
        }
        jue_buf_free(&b);
        jue_findings_free(&f);
    } else if (st == JUE_ERR_SYNTAX && diags.len == 0) {
        abort();   /* a rejected file must say why */
    }
    for (size_t i = 0; i < diags.len; i++)
        if (diags.items[i].line < 0 || diags.items[i].col < 0) abort();
    jue_rulepack_free(pack);
    jue_diags_free(&diags);
    return 0;
}
