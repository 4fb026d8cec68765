/* The claims module's shared insides: the table cell a claim's fact names,
 * a printed percentage's interval, a check's severity. */
#ifndef JUE_CLAIMS_INTERNAL_H
#define JUE_CLAIMS_INTERNAL_H

#include <juesuan/claims_audit.h>

/* A fact → the table (0-based), row and column indexes in d. Returns false
 * when the fact is none or d lacks the table (*table still set for a fact),
 * the row or the column (-1). */
bool jue_fact_ref(const jue_disclosure *d, const jue_fact *fact, int *table, int *row, int *col);

/* A printed percentage may be rounded or truncated: its interval with the
 * upper bound widened by half a unit of its last digit. */
jue_interval jue_claim_pct_iv(const jue_claim *c);

/* The severity a check is set to (data/rules/claims.yaml), -1 when off;
 * error when checks is NULL. */
int jue_claim_check_severity(const jue_claim_checks *checks, const char *name);

/* ---------- the checks of one document (check*.c, lookup.c) ---------- */

typedef enum {
    C_FACT, C_UNIT, C_MALFORMED, C_SHARE, C_CHANGE, C_BALANCE, C_COMPLETION, C_ZERO_BUDGET, C_PARTS,
    C_DATE, C_ITEM_NAME, C_ITEM_TABLE, C_ITEM_MISSING, C_OPERATING, C_PLACEHOLDER, C_NUMBERING,
    C_SECTION_MISSING, C_DIRECTION, C_COUNT_ZERO, C_ITEM_UNLISTED, C_THREE_PUBLIC, C_CROSS_YEAR, C_NO_PERCENT,
    C_NO_UNIT, C_STALE_YEAR, C_RESTATED, C_CARRY_OVER, C_PARTITION, C_BALANCE_LEVEL, C_N
} check_id;

/* The checks' names as claims.yaml and the findings give them. */
extern const char *const jue_claim_check_names[C_N];

#define MAX_REQUIRED 32

struct jue_claim_checks {
    int severity[C_N];   /* jue_severity, or -1 = off */
    /* required_sections: topics the notes must have a section on, each a
     * list of alternative phrases "三公|三公经费" (owned) */
    char *required[MAX_REQUIRED];
    size_t nrequired;
};

/* One run of the checks over one document. */
typedef struct {
    const jue_disclosure *d;
    const jue_catalog *cat;
    const jue_claim_checks *checks;
    jue_findings *out;
    jue_status st;
    jue_buf *trace;       /* per claim: what it was checked against (NULL = not tracing) */
    struct ck_cell *cells;   /* per claim: the cell its fact names, found once a run (ck_fact_cell); NULL = not kept */
} ck;

/* Where a claim's fact is: the checks ask it of one claim several times. */
struct ck_cell {
    bool known, found;
    int t, r, c;
};

/* lookup.c: findings, trace notes, the table cell a fact names, figures
 * stated before a claim */
void ck_note(ck *k, const jue_claim *c, bool ok, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
int ck_sev(const ck *k, check_id id);
void ck_report(ck *k, check_id id, const jue_claim *c, const char *expected, const char *actual, const char *fmt,
               ...) __attribute__((format(printf, 6, 7)));
/* A finding the reading makes doubtful (a figure a wrap may have run
 * together with another): as ck_report, an error reported as a warning. */
void ck_doubt(ck *k, check_id id, const jue_claim *c, const char *expected, const char *actual, const char *fmt,
              ...) __attribute__((format(printf, 6, 7)));
const char *ck_subject_name(const ck *k, const jue_subject *subject, int which);
const jue_cell *ck_fact_cell(const ck *k, const jue_fact *fact, bool *table_ok, bool *row_ok, int *table_out);
bool ck_cells_keep(ck *k, struct ck_cell *room, size_t n);
void ck_cells_free(ck *k, const struct ck_cell *room);
jue_interval ck_cell_iv(const jue_cell *c);
void ck_fmt_cell(const jue_cell *c, char *b, size_t n);
void ck_fmt_ppb(jue_interval iv, const jue_claim *as, char *b, size_t n);
const jue_claim *ck_amount_before(const jue_claims *cl, size_t i, const jue_subject *subject, bool any_role);
const jue_claim *ck_role_before(const jue_claims *cl, size_t i, jue_claim_role role);
jue_interval ck_trusted_iv(const ck *k, const jue_claim *c);
/* Whether a subject is a 类, a 项 or an unresolved 项 statement — or, as
 * claims.restated has always read it, a lexicon subject named 项… or 类…
 * (项目支出). */
bool ck_item_like(const jue_subject *s);
const jue_claim *ck_stated_anywhere(const jue_claims *cl, const jue_subject *subject, const jue_fact *fact);
bool ck_subject_iv_from(const ck *k, size_t i, const jue_subject *subject, const jue_fact *fact, jue_interval *out,
                        const jue_claim **from);
bool ck_subject_iv(const ck *k, size_t i, const jue_subject *subject, const jue_fact *fact, jue_interval *out);
bool ck_dated_other_year(const ck *k, const jue_claim *c);

/* check_figures.c */
void ck_check_fact(ck *k, const jue_claim *c);
void ck_check_share(ck *k, size_t i);
void ck_check_unit_between(ck *k);
void ck_check_restated(ck *k);
void ck_check_no_unit(ck *k, const jue_claim *c);
void ck_check_no_percent(ck *k, const jue_claim *c);
/* check_change.c */
void ck_check_change(ck *k, size_t i);
void ck_check_previous(ck *k, size_t i);
void ck_check_balance_change(ck *k);
void ck_check_completion(ck *k, size_t i);
void ck_check_direction(ck *k, size_t i);
void ck_check_gap(ck *k, size_t i);
/* check_parts.c */
void ck_check_parts(ck *k);
void ck_check_count_parts(ck *k);
void ck_check_partitions(ck *k);
void ck_check_carry_over(ck *k);
/* check_items.c */
void ck_check_item_names(ck *k);
void ck_check_item_missing(ck *k);
void ck_check_operating(ck *k);
/* check_text.c */
void ck_check_numbering(ck *k);
void ck_check_sections_present(ck *k);
void ck_check_placeholders(ck *k, size_t first);
void ck_check_stale_year(ck *k, size_t i);
void ck_check_date(ck *k, size_t i);

#endif
