/* The store's schema and its migrations (docs/store.md). Each step brings
 * user_version from i to i + 1 and is never changed once released: a change
 * is a new step. Opening a store runs the steps it lacks in one transaction. */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define APPLICATION_ID 0x4a554531   /* "JUE1": the file is a juesuan store */

static const char *const STEPS[JUE_STORE_SCHEMA] = {
    /* 0 → 1: departments, documents, their tables, rows, cells and findings */
    "CREATE TABLE departments(id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
    " region TEXT NOT NULL);"
    "CREATE TABLE documents(id INTEGER PRIMARY KEY, department INTEGER NOT NULL REFERENCES departments(id),"
    " year INTEGER NOT NULL, file TEXT NOT NULL, sha256 TEXT NOT NULL, rules TEXT NOT NULL, profile TEXT,"
    " kind TEXT NOT NULL, added TEXT NOT NULL, errors INTEGER NOT NULL, warnings INTEGER NOT NULL,"
    " nfacts INTEGER NOT NULL, nfindings INTEGER NOT NULL, UNIQUE(sha256, rules));"
    "CREATE INDEX documents_dept_year ON documents(department, year);"
    "CREATE TABLE doc_tables(document INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    " tbl INTEGER NOT NULL, title TEXT, label TEXT, number INTEGER, note TEXT, empty INTEGER NOT NULL,"
    " PRIMARY KEY(document, tbl)) WITHOUT ROWID;"
    "CREATE TABLE doc_rows(document INTEGER NOT NULL, tbl INTEGER NOT NULL, idx INTEGER NOT NULL,"
    " key TEXT NOT NULL, name TEXT, level INTEGER, side INTEGER, line_no INTEGER, is_total INTEGER,"
    " page INTEGER, line INTEGER, PRIMARY KEY(document, tbl, idx)) WITHOUT ROWID;"
    "CREATE TABLE facts(document INTEGER NOT NULL, tbl INTEGER NOT NULL, row INTEGER NOT NULL, col TEXT NOT NULL,"
    " printed INTEGER NOT NULL, decimals INTEGER NOT NULL, present INTEGER NOT NULL, exact INTEGER,"
    " page INTEGER, line INTEGER, PRIMARY KEY(document, tbl, row, col)) WITHOUT ROWID;"
    "CREATE TABLE findings(document INTEGER NOT NULL, seq INTEGER NOT NULL, rule TEXT NOT NULL,"
    " severity TEXT NOT NULL, message TEXT NOT NULL, line INTEGER, page INTEGER, tbl INTEGER, row TEXT,"
    " col TEXT, expected TEXT, actual TEXT, PRIMARY KEY(document, seq)) WITHOUT ROWID;",
    /* 1 → 2: the figures of the notes (for the cross-year checks) and the
     * aliases of merged (renamed) departments */
    "ALTER TABLE documents ADD COLUMN nclaims INTEGER NOT NULL DEFAULT 0;"
    "CREATE TABLE claims(document INTEGER NOT NULL, seq INTEGER NOT NULL, role INTEGER NOT NULL, subject TEXT,"
    " fact TEXT, printed TEXT, sign INTEGER, is_percent INTEGER, value INTEGER, lo INTEGER, hi INTEGER,"
    " decimals INTEGER, unit INTEGER, line INTEGER, col INTEGER, PRIMARY KEY(document, seq)) WITHOUT ROWID;"
    "CREATE TABLE department_aliases(key TEXT PRIMARY KEY,"
    " department INTEGER NOT NULL REFERENCES departments(id)) WITHOUT ROWID;",
    /* 2 → 3: a finding's character column and, in a PDF, the figure's box
     * (so findings read back from the store print as the audit printed them) */
    ("ALTER TABLE findings ADD COLUMN char_col INTEGER;"
     "ALTER TABLE findings ADD COLUMN box TEXT;"),   /* one migration of two statements */
};

static int pragma_int(jue_store *s, const char *sql)
{
    sqlite3_stmt *st = NULL;
    int v = -1;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

bool store_migrate(jue_store *s, int to, jue_diags *diags)
{
    if (s->version >= to) return true;
    if (!store_begin(s, diags)) return false;
    for (int v = s->version; v < to; v++)
        if (!store_exec(s, STEPS[v], diags)) {
            store_exec(s, "ROLLBACK", NULL);
            return false;
        }
    char sql[96];
    snprintf(sql, sizeof sql, "PRAGMA application_id=%d; PRAGMA user_version=%d; COMMIT", APPLICATION_ID, to);
    if (!store_exec(s, sql, diags)) {
        store_exec(s, "ROLLBACK", NULL);
        return false;
    }
    s->version = to;
    return true;
}

/* Is the file ours (or empty)? Its version in *version. */
static bool recognise(jue_store *s, int *version, jue_diags *diags)
{
    int app = pragma_int(s, "PRAGMA application_id");
    int objects = pragma_int(s, "SELECT count(*) FROM sqlite_master");
    *version = pragma_int(s, "PRAGMA user_version");
    if (app < 0 || objects < 0 || *version < 0) {
        jue_diag_add(diags, JUE_SEV_ERROR, s->path, 0, 0, "不是juesuan存储文件（不是SQLite数据库：%s）",
                     sqlite3_errmsg(s->db));
        return false;
    }
    if ((app != 0 && app != APPLICATION_ID) || (app == 0 && objects > 0)) {
        jue_diag_add(diags, JUE_SEV_ERROR, s->path, 0, 0, "不是juesuan存储文件（另一个程序的SQLite数据库）");
        return false;
    }
    if (*version > JUE_STORE_SCHEMA) {
        jue_diag_add(diags, JUE_SEV_ERROR, s->path, 0, 0,
                     "存储文件的版本为%d，高于本程序支持的%d：请使用新版juesuan", *version, JUE_STORE_SCHEMA);
        return false;
    }
    return true;
}

static jue_status open_at(const char *path, int version, jue_store **out, jue_diags *diags)
{
    *out = NULL;
    jue_store *s = calloc(1, sizeof *s);
    if (!s || !(s->path = jue_strdup(path))) {
        free(s);
        return JUE_ERR_NOMEM;
    }
    if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        jue_diag_add(diags, JUE_SEV_ERROR, path, 0, 0, "无法打开存储文件：%s", s->db ? sqlite3_errmsg(s->db) : "内存不足");
        jue_storem_close(s);
        return JUE_ERR_IO;
    }
    sqlite3_busy_timeout(s->db, 10000);
    const char *kill = getenv("JUE_STORE_KILL_AT");
    s->kill_at = kill ? atol(kill) : 0;
    if (!recognise(s, &s->version, diags)) {
        jue_storem_close(s);
        return JUE_ERR_INVALID;
    }
    /* WAL: readers never block the writer; NORMAL sync keeps every committed
     * document across a killed process (not across a power cut mid-commit) */
    if (!store_exec(s, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON", diags) ||
        !store_migrate(s, version, diags)) {
        jue_storem_close(s);
        return JUE_ERR_IO;
    }
    *out = s;
    return JUE_OK;
}

jue_status jue_storem_open(const char *path, jue_store **out, jue_diags *diags)
{
    return open_at(path, JUE_STORE_SCHEMA, out, diags);
}

jue_status jue_storem_create_at(const char *path, int version, jue_store **out, jue_diags *diags)
{
    if (version < 0 || version > JUE_STORE_SCHEMA) return JUE_ERR_INVALID;
    return open_at(path, version, out, diags);
}

int jue_storem_version(const jue_store *s) { return s->version; }

void jue_storem_close(jue_store *s)
{
    if (!s) return;
    for (int i = 0; i < STORE_STMTS; i++) sqlite3_finalize(s->cache[i].st);
    sqlite3_close(s->db);
    free(s->path);
    free(s);
}

sqlite3_stmt *store_stmt(jue_store *s, const char *sql, jue_diags *diags)
{
    int free_slot = -1;
    for (int i = 0; i < STORE_STMTS; i++) {
        if (s->cache[i].sql == sql) {
            sqlite3_reset(s->cache[i].st);
            sqlite3_clear_bindings(s->cache[i].st);
            return s->cache[i].st;
        }
        if (!s->cache[i].sql && free_slot < 0) free_slot = i;
    }
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        store_error(s, diags, "SQL");
        return NULL;
    }
    if (free_slot < 0) {   /* STORE_STMTS is below the number of statements the store has */
        sqlite3_finalize(st);
        if (diags) jue_diag_add(diags, JUE_SEV_ERROR, s->path, 0, 0, "存储文件出错：语句缓存已满");
        return NULL;
    }
    s->cache[free_slot].sql = sql, s->cache[free_slot].st = st;
    return st;
}

bool store_begin(jue_store *s, jue_diags *diags)
{
    /* a cached statement left on a row keeps its read snapshot, and a write
     * from that snapshot, after another process wrote, is refused at once
     * (SQLITE_BUSY_SNAPSHOT, no waiting): end them all first */
    for (int i = 0; i < STORE_STMTS; i++)
        if (s->cache[i].st) sqlite3_reset(s->cache[i].st);
    return store_exec(s, "BEGIN IMMEDIATE", diags);
}

bool store_exec(jue_store *s, const char *sql, jue_diags *diags)
{
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) == SQLITE_OK) return true;
    if (diags) jue_diag_add(diags, JUE_SEV_ERROR, s->path, 0, 0, "存储文件出错：%s", msg ? msg : "未知错误");
    sqlite3_free(msg);
    return false;
}

void store_error(jue_store *s, jue_diags *diags, const char *what)
{
    if (diags) jue_diag_add(diags, JUE_SEV_ERROR, s->path, 0, 0, "存储文件出错（%s）：%s", what, sqlite3_errmsg(s->db));
}

void store_bind_text(sqlite3_stmt *st, int i, const char *v)
{
    if (v) sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
    else sqlite3_bind_null(st, i);
}

const char *store_col_text(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? (const char *)t : "";
}
