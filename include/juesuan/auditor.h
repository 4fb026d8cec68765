/* juesuan/auditor.h — one audit of one document, the same for every caller
 * (the command line, the store, a batch, the web app).
 *
 * An auditor holds what every audit needs and what is loaded once: the
 * catalog, the profile, the rule pack, the checks of the notes and of the
 * 绩效自评. jue_audit_document reads one document (a published file through
 * its door, or a source directory compiled) and runs the rules, the claim
 * checks and the 绩效自评 checks over it.
 *
 * Ownership: the auditor owns what it loaded; jue_audit_document hands the
 * caller the disclosure (*out, free with jue_disclosure_free). */
#ifndef JUESUAN_AUDITOR_H
#define JUESUAN_AUDITOR_H

#include "audit.h"
#include "catalog.h"
#include "claims_audit.h"
#include "profile.h"

typedef struct jue_auditor jue_auditor;

/* Loads the catalog, the profile (NULL = national), its rule pack or the
 * rule file rules_file (NULL = the profile's pack), the claim checks, the
 * claims lexicon, the importer's aliases and the 绩效自评 checks. Mistakes go
 * to diags, each naming its file, line and column. JUE_ERR_NOTFOUND for an unknown
 * profile, JUE_ERR_SYNTAX / JUE_ERR_INVALID for data files with mistakes,
 * JUE_ERR_IO when a file cannot be read. */
jue_status jue_auditor_new(const char *profile, const char *rules_file, jue_auditor **out, jue_diags *diags);
/* As jue_auditor_new, but the profile's rule pack (not a rules_file: that is
 * read at once) is read when the first document with one of the nine tables
 * is audited: most of a one-line audit was reading the rules it never runs
 * (`juesuan audit` of one document). A pack with mistakes then fails that
 * audit: jue_audit_document drops the document's own diags, gives the
 * pack's and returns the reading's status, and jue_auditor_failed returns it
 * from then on — what a caller says is then what jue_auditor_new's failure
 * says. Not for an auditor shared by forked workers (each would read the
 * pack). */
jue_status jue_auditor_new_on_demand(const char *profile, const char *rules_file, jue_auditor **out,
                                     jue_diags *diags);
/* JUE_OK, or the status of the rule pack's reading on demand when it failed. */
jue_status jue_auditor_failed(const jue_auditor *a);
void jue_auditor_free(jue_auditor *a);   /* NULL is fine */

const jue_catalog *jue_auditor_catalog(const jue_auditor *a);
const jue_profile *jue_auditor_profile(const jue_auditor *a);
const jue_lexicon *jue_auditor_lexicon(const jue_auditor *a);
/* A short fingerprint of the rules in force (the rule pack, the claim checks
 * and the 绩效自评 checks as files, and the program's version), 16 hex digits:
 * findings stored under one version are comparable; a new version means a
 * document must be audited again. Made by the first call (the files are
 * hashed then, not by jue_auditor_new: only the store needs it);
 * thread-safe. */
const char *jue_auditor_version(const jue_auditor *a);

/* The number of rules in the pack (read now if it was left for later). */
size_t jue_auditor_rule_count(const jue_auditor *a);

/* The trace of d's notes (jue_claims_trace) with the auditor's checks. */
jue_status jue_audit_trace(const jue_auditor *a, const jue_disclosure *d, jue_buf *out, jue_claims_coverage *cov);

/* Reads a document (a published file through its door) without auditing it:
 * last year's disclosure for the checks across years. As jue_import_file. */
jue_status jue_auditor_read(const jue_auditor *a, const char *path, jue_disclosure **out, jue_diags *diags);

/* What was read. */
typedef enum { JUE_DOC_PUBLISHED = 0, JUE_DOC_SOURCE } jue_doc_kind;

/* Audits path: a directory is a source (loaded and compiled), a file a
 * published document (imported). Appends the findings to f in document
 * order and hands over the disclosure in *out (NULL on failure). What
 * stopped the reading goes to diags; a published document's reading
 * warnings (a table set aside, a title of another layout…) are findings of
 * the rule input.reading (warnings), not diags, so every report of the
 * audit names what was not checked. A source's warnings stay in diags. Returns JUE_ERR_IO when path cannot be read,
 * JUE_ERR_INVALID when it is not a disclosure or a source with mistakes,
 * JUE_ERR_NOMEM. *kind (may be NULL) says which it was. */
jue_status jue_audit_document(const jue_auditor *a, const char *path, jue_disclosure **out, jue_doc_kind *kind,
                              jue_findings *f, jue_diags *diags);

/* The checks across years (claims.cross-year): d's stated changes on last
 * year against prev, last year's disclosure of the same department.
 * Appends to f; the caller sorts (jue_findings_sort) its document's part. */
jue_status jue_audit_cross_year(const jue_auditor *a, const jue_disclosure *d, const jue_disclosure *prev,
                                jue_findings *f);

#endif
