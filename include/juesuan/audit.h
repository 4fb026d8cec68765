/* juesuan/audit.h — findings and the audit entry point.
 *
 * An audit runs a rule pack (data/rules/, docs/rules.md) over a disclosure
 * and reports findings: each names the rule, a severity, a message quoting the
 * figures as printed, where (file + line or page; table/row/column for a
 * cell) and what was expected versus found. Findings come in document order.
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
    int line;           /* 1-based where text-like, else 0 */
    int page;           /* 1-based for paged documents, else 0 */
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
/* Appends a copy of *x (strings are copied). */
jue_status jue_findings_add(jue_findings *f, const jue_finding *x);
/* Stable sort into document order: file, page, line, then table, row order. */
void jue_findings_sort(jue_findings *f);
/* Number of findings of a severity. */
size_t jue_findings_count(const jue_findings *f, jue_severity s);

#endif
