/* The store's private parts: the connection, cached statements, helpers
 * shared by schema.c, store_add.c and store_query.c. These files are the
 * store module (juesuan-store.so, with sqlite): its jue_storem_* functions
 * are the library's jue_store_* (store.h), reached through the table in
 * core/module.h; names.c stays in the library. */
#ifndef JUE_STORE_INTERNAL_H
#define JUE_STORE_INTERNAL_H

#include <juesuan/store.h>
#include <sqlite3.h>

#include "core/module.h"

#define STORE_STMTS 40

struct jue_store {
    sqlite3 *db;
    char *path;
    int version;
    long kill_at, inserted;   /* JUE_STORE_KILL_AT (store_add.c) */
    struct { const char *sql; sqlite3_stmt *st; } cache[STORE_STMTS];
};

jue_status jue_storem_open(const char *path, jue_store **out, jue_diags *diags);
void jue_storem_close(jue_store *s);
int jue_storem_version(const jue_store *s);
jue_status jue_storem_create_at(const char *path, int version, jue_store **out, jue_diags *diags);
bool jue_storem_has(jue_store *s, const char *sha256, const char *rules);
jue_status jue_storem_findings(jue_store *s, const char *sha256, const char *rules, const char *file,
                               jue_findings *f, int64_t *id);
jue_status jue_storem_add(jue_store *s, const jue_disclosure *d, const jue_findings *f, const jue_store_doc *meta,
                          int64_t *id, bool *existed, jue_diags *diags);
jue_status jue_storem_list(jue_store *s, const char *dept, int year, int (*fn)(const jue_store_row *r, void *ctx),
                           void *ctx);
jue_status jue_storem_load(jue_store *s, const char *dept, int year, jue_disclosure **out, jue_findings *f,
                           jue_diags *diags);
jue_status jue_storem_last_year(jue_store *s, const char *department, int year, jue_disclosure **out);
jue_status jue_storem_export(jue_store *s, const char *what, const char *format, const char *dept, int year,
                             jue_buf *out, jue_diags *diags);
jue_status jue_storem_overview(jue_store *s, int (*fn)(const jue_overview_row *r, void *ctx), void *ctx);
jue_status jue_storem_load_id(jue_store *s, int64_t id, jue_disclosure **out, jue_findings *f, jue_diags *diags);
jue_status jue_storem_merge(jue_store *s, const char *from, const char *to, jue_diags *diags);
jue_status jue_storem_check(jue_store *s, jue_buf *report, size_t *problems);

/* A prepared statement for sql (a string constant: cached by its address),
 * reset and unbound; NULL on error (message in diags). */
sqlite3_stmt *store_stmt(jue_store *s, const char *sql, jue_diags *diags);
/* BEGIN IMMEDIATE, every cached statement reset first (a write
 * transaction never starts from an old read snapshot). */
bool store_begin(jue_store *s, jue_diags *diags);
/* Runs sql (one or more statements without parameters). */
bool store_exec(jue_store *s, const char *sql, jue_diags *diags);
/* Reports the connection's last error: "<path>: 存储文件出错：…". */
void store_error(jue_store *s, jue_diags *diags, const char *what);
/* Binds text or NULL. */
void store_bind_text(sqlite3_stmt *st, int i, const char *v);
/* The text of column i, "" for NULL. */
const char *store_col_text(sqlite3_stmt *st, int i);

/* The WHERE clause of a selection: ?1 a department (key, alias, name,
 * region, or region + name; NULL = all), ?2 a year (0 = all); documents d. */
#define STORE_SELECTION                                                                         \
    " WHERE (?1 IS NULL OR d.department IN (SELECT department FROM department_aliases WHERE key=?1" \
    "   UNION SELECT id FROM departments WHERE key=?1 OR name=?1 OR region=?1 OR ?1=region || name))" \
    " AND (?2 = 0 OR d.year = ?2) ORDER BY p.key, d.year, d.id"

/* Migrations: brings the store from its version up to `to`. */
bool store_migrate(jue_store *s, int to, jue_diags *diags);

/* The departments' ids a selector (key, alias, name or region) names:
 * writes up to max ids, returns how many there are. */
size_t store_find_depts(jue_store *s, const char *sel, int64_t *ids, size_t max, jue_diags *diags);

#endif
