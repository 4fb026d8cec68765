/* The claims module's shared insides: the table cell a claim's fact names,
 * a printed percentage's interval, a check's severity. */
#ifndef JUE_CLAIMS_INTERNAL_H
#define JUE_CLAIMS_INTERNAL_H

#include <juesuan/claims_audit.h>

/* "T05/合计/基本支出" → the table (0-based), row and column indexes in d.
 * Returns false when the fact is malformed or d lacks the table (*table
 * still set when the name is well formed), the row or the column (-1). */
bool jue_fact_ref(const jue_disclosure *d, const char *fact, int *table, int *row, int *col);

/* A printed percentage may be rounded or truncated: its interval with the
 * upper bound widened by half a unit of its last digit. */
jue_interval jue_claim_pct_iv(const jue_claim *c);

/* The severity a check is set to (data/rules/claims.yaml), -1 when off;
 * error when checks is NULL. */
int jue_claim_check_severity(const jue_claim_checks *checks, const char *name);

#endif
