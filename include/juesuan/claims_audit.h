/* juesuan/claims_audit.h — checks of the explanatory notes.
 *
 * Runs the claim checks (data/rules/claims.yaml sets each one's severity or
 * turns it off) over d->claims and d's tables and appends findings. Every
 * comparison is made on intervals: a printed figure stands for what its
 * precision allows, percentages also allow truncation (99.998% printed as
 * 99.99%), so rounding tails never raise an error. */
#ifndef JUESUAN_CLAIMS_AUDIT_H
#define JUESUAN_CLAIMS_AUDIT_H

#include "audit.h"

typedef struct jue_claim_checks jue_claim_checks;

/* Loads the severities (path NULL = data/rules/claims.yaml). */
jue_status jue_claim_checks_load(const char *path, jue_claim_checks **out, jue_diags *diags);
void jue_claim_checks_free(jue_claim_checks *c);

/* Appends findings about d's notes to out. checks NULL = every check at its
 * default severity (error). cat may be NULL (name checks then skip). */
jue_status jue_claims_audit(const jue_disclosure *d, const jue_catalog *cat, const jue_claim_checks *checks,
                            jue_findings *out);

/* Ties 项 statements the catalog could not resolve ("X（类）Y（款）Z（项）"
 * where data/catalog does not list every code) to the table row printed
 * with the same 项 name under a 款 of the same name — tables 05, 07, 08 in
 * turn, only when exactly one row matches — so their figures are still
 * checked against the document's own table. Called by the importers after
 * the notes are read. */
void jue_claims_tie_items(jue_disclosure *d);

/* Checks across years: every change on last year that the notes state
 * ("比上年增加1538.10万元", "增长6.84%") for a figure of the tables, against
 * that figure in this year's tables and in last year's disclosure of the
 * same department (prev: imported, or loaded from the store; prev->source
 * names it). Findings (claims.cross-year) quote both documents and their
 * places. Only figures printed in both documents are compared. */
jue_status jue_claims_cross_year(const jue_disclosure *d, const jue_disclosure *prev, const jue_claim_checks *checks,
                                 jue_findings *out);

/* How much of the notes the checks reach (jue_claims_trace). */
typedef struct {
    size_t figures;            /* figures read in the notes */
    size_t checked;            /* compared with a table figure or an arithmetic relation */
    size_t failed;             /* of those, compared and found not to agree */
    size_t unchecked_amounts;  /* amounts and percentages nothing could be compared with
                                  (counts and dates not included) */
} jue_claims_coverage;

/* The trace of the notes: for every figure, one line
 * "file:line:col<TAB>printed<TAB>role<TAB>subject<TAB>what it was checked
 * against" (file:第N页 for a PDF) ("一致 公开01表 总计/决算数 = 24,024.22万元"; "不符 …" when it
 * fails; "未核对：…" when nothing could be compared) appended to out (out
 * may be NULL), and the counts in *cov (may be NULL). Runs the same checks
 * as jue_claims_audit; findings are not reported here. */
jue_status jue_claims_trace(const jue_disclosure *d, const jue_catalog *cat, const jue_claim_checks *checks,
                            jue_buf *out, jue_claims_coverage *cov);

#endif
