/* The store's private parts: the connection, cached statements, helpers
 * shared by schema.c, store_add.c and store_query.c. */
#ifndef JUE_STORE_INTERNAL_H
#define JUE_STORE_INTERNAL_H

#include <juesuan/store.h>
#include <sqlite3.h>

#define STORE_STMTS 40

struct jue_store {
    sqlite3 *db;
    char *path;
    int version;
    long kill_at, inserted;   /* JUE_STORE_KILL_AT (store_add.c) */
    struct { const char *sql; sqlite3_stmt *st; } cache[STORE_STMTS];
};

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
