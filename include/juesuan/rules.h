/* juesuan/rules.h — rule packs (审核公式) and the audit.
 *
 * A rule pack is a text file in the rule language of docs/rules.md: rules
 * that name facts by table, row and column (T03[合计].基本支出), compare sums
 * of printed figures with interval semantics, and say what to report. The
 * national pack is data/rules/national.rules; a profile may name another
 * (data/profiles/<name>.yaml, key `rules:`).
 *
 * Loading reports every mistake in a rule file (not just the first) as a
 * diagnostic with file:line:col whose message carries the source line and a
 * caret under the column. jue_audit runs a pack over a disclosure and appends
 * findings (audit.h) in document order. Nothing here prints or exits.
 */
#ifndef JUESUAN_RULES_H
#define JUESUAN_RULES_H

#include "audit.h"
#include "catalog.h"
#include "model.h"

typedef struct jue_rulepack jue_rulepack;

/* Parses rule text (len bytes, need not be NUL-terminated) named `file` in
 * diagnostics. `include NAME` lines load data/rules/NAME.rules (or a path
 * relative to file when NAME ends in .rules). On success *out owns a new
 * pack (free with jue_rulepack_free). Returns JUE_ERR_SYNTAX when the text has
 * mistakes (all reported in diags; *out is NULL), JUE_ERR_IO when an included
 * file cannot be read, JUE_ERR_NOMEM. */
jue_status jue_rules_parse(const char *file, const char *text, size_t len, jue_rulepack **out,
                           jue_diags *diags);
/* Reads and parses a rule file. JUE_ERR_IO (with a diagnostic) when the file
 * cannot be read; otherwise as jue_rules_parse. */
jue_status jue_rules_load_file(const char *path, jue_rulepack **out, jue_diags *diags);
/* Loads the pack a profile names: the `rules:` key of
 * jue_data_dir()/profiles/<profile>.yaml (profile NULL = "national"), a pack
 * name under data/rules/; "national" when the key is absent. JUE_ERR_NOTFOUND
 * for an unknown profile or pack. */
jue_status jue_rules_load_profile(const char *profile, jue_rulepack **out, jue_diags *diags);
/* The same for a profile already loaded (jue_profile_load): its file is not
 * read and parsed a second time. */
typedef struct jue_profile jue_profile;
jue_status jue_rules_load_for(const jue_profile *prof, jue_rulepack **out, jue_diags *diags);
/* NULL is fine. */
void jue_rulepack_free(jue_rulepack *p);
/* Number of rules in the pack. */
size_t jue_rulepack_count(const jue_rulepack *p);

/* Runs every rule of pack over d and appends the findings to out (which the
 * caller initialised and owns), sorted into document order. cat may be NULL:
 * catalog rules then do not apply. Findings name d->source as their file.
 * Returns JUE_OK or JUE_ERR_NOMEM (findings appended so far stay valid). */
jue_status jue_audit(const jue_disclosure *d, const jue_catalog *cat, const jue_rulepack *pack,
                     jue_findings *out);

/* A column of a table printed one row off: after jue_audit, whose findings
 * of d are out's from index first on, every run of at least two consecutive rows whose row rule (Tnn.row-sum)
 * failed and that balance once one column's figures are moved up a row —
 * one column alone, else nothing is said — is one error (Tnn.shifted-column)
 * naming the column and the row the shift starts at. The row-sum findings
 * stay. The rules run on a copy of the table per trial, at most 256 per
 * document. JUE_ERR_NOMEM. */
jue_status jue_audit_shifted(const jue_disclosure *d, const jue_catalog *cat, const jue_rulepack *pack,
                             jue_findings *out, size_t first);

/* Formats a finding as one line of text, without a newline:
 *   file:line: severity: message (expected X, found Y) [rule]
 * or, without a line, file: T03[合计].基本支出: severity: … */
void jue_finding_format_text(const jue_finding *f, jue_buf *out);
/* Formats a finding as one JSON object (ARCHITECTURE.md: rule, severity,
 * message, file, line or page, table, row, column, expected, actual), without
 * a newline. Strings are escaped; invalid UTF-8 becomes U+FFFD. */
void jue_finding_format_json(const jue_finding *f, jue_buf *out);

#endif
