/* juesuan/audit.h — findings and the audit entry point.
 *
 * An audit runs a rule pack (data/rules/, docs/rules.md) over a disclosure
 * and reports findings: each names the rule, a severity, a message quoting the
 * figures as printed, where (file + line or page; table/row/column for a
 * cell) and what was expected versus found. Findings come in document order.
 *
 * Places: a text-like document gives the file line; a PDF the page (1-based)
 * and, internally, a running line counter of its visual lines that orders
 * findings within a page but is not shown to the reader; a source directory
 * gives the table cell only.
 */
#ifndef JUESUAN_AUDIT_H
#define JUESUAN_AUDIT_H

#include "catalog.h"
#include "model.h"

typedef struct {
    char *rule;         /* rule id, e.g. "T03.row-sum" */
    jue_severity severity;
    char *message;      /* quotes the printed figures */
    char *file;         /* document or source file, may be NULL */
    int line;           /* 1-based where text-like; in a PDF the running visual line
                         * (orders findings, not shown); else 0 */
    int col;            /* 1-based character column on that line, or 0 */
    int page;           /* 1-based for paged documents (PDF), else 0 */
    float box[4];       /* a PDF cell's x0,y0,x1,y1 in points (origin bottom left), all 0 = none */
    int table;          /* jue_table_id, or -1 */
    char *row;          /* row key, or NULL */
    char *column;       /* column key, or NULL */
    char *expected;     /* as a person would write it, e.g. "51,318.21" or "≤ 0.06 尾差"; may be NULL */
    char *actual;
} jue_finding;

typedef struct {
    jue_finding *items;
    size_t len, cap;
} jue_findings;

void jue_findings_init(jue_findings *f);
void jue_findings_free(jue_findings *f);
/* Frees the findings from index len on: f keeps its first len. */
void jue_findings_cut(jue_findings *f, size_t len);
/* Appends a copy of *x (strings are copied). */
jue_status jue_findings_add(jue_findings *f, const jue_finding *x);
/* Stable sort of one document's findings into document order: page, line,
 * column; findings without a place (a table missing) first; then table. */
void jue_findings_sort(jue_findings *f);
/* Gives every finding without a file this one (copied). JUE_ERR_NOMEM. */
jue_status jue_findings_name_file(jue_findings *f, const char *file);
/* The severity as the report says it: 错误, 警告, 提示. */
const char *jue_severity_zh(jue_severity s);
/* Number of findings of a severity. */
size_t jue_findings_count(const jue_findings *f, jue_severity s);
/* The findings as an XLSX workbook at path (one sheet, one row each: file,
 * page or line, severity, rule, table, row, column, message, expected,
 * actual; every text a string, never a formula). JUE_ERR_IO. */
jue_status jue_findings_xlsx(const jue_findings *f, const char *path);

#endif
