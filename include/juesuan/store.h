/* juesuan/store.h — the store of department-years: one SQLite file, embedded.
 *
 * Each audited document is kept with its model (every table cell with its
 * printed and, for a compiled source, exact value, and where it was printed),
 * the figures of its notes, its findings, the fingerprint of the rules they
 * were found under, and the original file's SHA-256. Departments are matched
 * across years by a stable key: the region and the name without the region
 * ("青溪县/青溪县医疗保障局"); a renamed department is merged into its new key
 * with jue_store_merge. The schema (docs/store.md) is versioned by SQLite's
 * user_version and brought up to date by the migrations in src/store/schema.c
 * when a store is opened. Every document is written in one transaction, in
 * WAL mode: a process killed at any moment leaves each document either fully
 * stored or absent.
 *
 * Ownership: strings handed to callbacks are valid during the call only. */
#ifndef JUESUAN_STORE_H
#define JUESUAN_STORE_H

#include "auditor.h"
#include "model.h"

#define JUE_STORE_SCHEMA 3   /* the version jue_store_open brings a store to */

typedef struct jue_store jue_store;

/* Opens (creating if needed) the store at path and migrates it to
 * JUE_STORE_SCHEMA. A file that is not a store, or a store of a newer
 * version, is refused (JUE_ERR_INVALID, with a message in diags); JUE_ERR_IO
 * when it cannot be opened. */
jue_status jue_store_open(const char *path, jue_store **out, jue_diags *diags);
void jue_store_close(jue_store *s);   /* NULL is fine */
int jue_store_version(const jue_store *s);

/* For tests of the migrations: opens a new store at path brought only to
 * `version` (0 … JUE_STORE_SCHEMA). */
jue_status jue_store_create_at(const char *path, int version, jue_store **out, jue_diags *diags);

/* The stable key of a department: region + "/" + the name as printed
 * (spaces dropped). The region is the given one, or the leading run of
 * administrative units of the name (省, 自治区, 市, 州, 盟, 地区, 县, 区, 旗,
 * each at least 3 characters long; after a leading 中共): "上海市普陀区财政局"
 * → "上海市普陀区/上海市普陀区财政局". Writes to key. */
void jue_store_dept_key(const char *name, const char *region, jue_buf *key);

typedef struct {
    const char *file;       /* the path as given */
    const char *sha256;     /* of the file, or of a source directory's files */
    const char *rules;      /* jue_auditor_version */
    const char *profile;    /* NULL = national */
    jue_doc_kind kind;
    const char *department; /* NULL = as the document prints it (d->department) */
    const char *region;     /* NULL = from the department's name */
    int year;               /* 0 = the document's (d->year) */
} jue_store_doc;

/* Whether a document with this hash is stored under these rules. */
bool jue_store_has(jue_store *s, const char *sha256, const char *rules);

/* The findings of the document stored with this hash under these rules,
 * in document order, each naming `file` (the path the caller read it from).
 * *id (may be NULL) gets its id. JUE_ERR_NOTFOUND when there is none. */
jue_status jue_store_findings(jue_store *s, const char *sha256, const char *rules, const char *file,
                              jue_findings *f, int64_t *id);

/* Stores one audited document in one transaction. *id (may be NULL) gets its
 * id. A document with the same hash under the same rules is not stored
 * twice: *existed (may be NULL) is set and its id returned. A document
 * whose department or year cannot be told is refused with a message
 * (JUE_ERR_INVALID). JUE_ERR_IO on a database error (message in diags). */
jue_status jue_store_add(jue_store *s, const jue_disclosure *d, const jue_findings *f, const jue_store_doc *meta,
                         int64_t *id, bool *existed, jue_diags *diags);

typedef struct {
    int64_t id;
    const char *dept_key, *department, *region;
    int year;
    const char *file, *sha256, *rules, *profile, *kind, *added;
    int64_t errors, warnings, nfacts, nclaims, nfindings;
} jue_store_row;

/* Calls fn for every stored document, by department key, year and id;
 * stops early when fn returns non-zero. dept (NULL = all) and year (0 =
 * all) select, the department by key, name or region. */
jue_status jue_store_list(jue_store *s, const char *dept, int year,
                          int (*fn)(const jue_store_row *r, void *ctx), void *ctx);

/* The newest stored document of a department-year: its model (tables and
 * the figures of its notes, as stored) and findings. dept is a key or a
 * name. JUE_ERR_NOTFOUND when there is none (with a message listing near
 * keys), JUE_ERR_INVALID when dept names several departments. */
jue_status jue_store_load(jue_store *s, const char *dept, int year, jue_disclosure **out, jue_findings *f,
                          jue_diags *diags);

/* Last year's disclosure of a department (by the key of its name as
 * printed, jue_store_dept_key): the newest stored document of year − 1, as
 * jue_store_load. JUE_ERR_NOTFOUND when the store has none (not a mistake:
 * nothing to compare with), JUE_ERR_IO on a database error. */
jue_status jue_store_last_year(jue_store *s, const char *department, int year, jue_disclosure **out);

/* Writes what (documents | facts | findings) of the selection as csv or
 * json (an array of objects) to out. */
jue_status jue_store_export(jue_store *s, const char *what, const char *format, const char *dept, int year,
                            jue_buf *out, jue_diags *diags);

/* ---- the overview of a store (juesuan report) ---- */

/* Kinds of finding, by rule id: 表内 (T01–T09 rules), 表间 (X.), 完整性
 * (complete.), 科目 (catalog.), 说明 (claims., but for) 跨年
 * (claims.cross-year), 绩效 (perf.), 读取 (input.: what could not be read,
 * or was read doubtfully and not checked), 其他. */
enum { JUE_KINDS = 9 };
extern const char *const JUE_KIND_NAMES[JUE_KINDS];
int jue_finding_kind(const char *rule);

/* One department-year: its newest stored document, its findings counted by
 * kind, and the department's year before when it is stored. */
typedef struct {
    int64_t id;
    const char *dept_key, *department, *region, *file;
    int year;
    int64_t errors, warnings;
    int64_t kind_errors[JUE_KINDS], kind_warnings[JUE_KINDS];
    bool has_prev;                  /* the year before is stored */
    int64_t prev_errors, prev_warnings;
} jue_overview_row;

/* Calls fn for every department-year, by department key and year; stops
 * when fn returns non-zero. */
jue_status jue_store_overview(jue_store *s, int (*fn)(const jue_overview_row *r, void *ctx), void *ctx);

/* Loads the document with this id: its model and findings (as
 * jue_store_load). JUE_ERR_NOTFOUND when there is none. */
jue_status jue_store_load_id(jue_store *s, int64_t id, jue_disclosure **out, jue_findings *f, jue_diags *diags);

/* Merges the department `from` (a renamed one: key or name) into `to`: its
 * documents move to `to`, and from's key is kept as an alias of `to`, so
 * later documents under the old name are stored under `to`. */
jue_status jue_store_merge(jue_store *s, const char *from, const char *to, jue_diags *diags);

/* Checks the file (SQLite's integrity check) and that every document holds
 * as many facts, claims and findings as it was stored with. *problems gets
 * the count; each problem is a line in report. */
jue_status jue_store_check(jue_store *s, jue_buf *report, size_t *problems);

#endif
