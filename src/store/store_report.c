/* The overview of a store (juesuan report): every department-year's newest
 * document with its findings counted by kind and the year before. */
#include "store_internal.h"

#include <stdio.h>
#include <string.h>

static bool count_kinds(jue_store *s, jue_overview_row *r)
{
    static const char *const SQL =
        "SELECT rule, severity, count(*) FROM findings WHERE document=?1 GROUP BY rule, severity";
    sqlite3_stmt *st = store_stmt(s, SQL, NULL);
    if (!st) return false;
    sqlite3_bind_int64(st, 1, r->id);
    memset(r->kind_errors, 0, sizeof r->kind_errors);
    memset(r->kind_warnings, 0, sizeof r->kind_warnings);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int k = jue_finding_kind(store_col_text(st, 0));
        jue_severity sev = JUE_SEV_INFO;
        (void)jue_severity_parse(store_col_text(st, 1), &sev);
        if (sev == JUE_SEV_ERROR) r->kind_errors[k] += sqlite3_column_int64(st, 2);
        else if (sev == JUE_SEV_WARNING) r->kind_warnings[k] += sqlite3_column_int64(st, 2);
    }
    return rc == SQLITE_DONE;
}

jue_status jue_storem_overview(jue_store *s, int (*fn)(const jue_overview_row *r, void *ctx), void *ctx)
{
    /* the newest document of each department-year, the same as jue_store_load */
    static const char *const SQL =
        "SELECT d.id, p.key, p.name, p.region, d.file, d.year, d.errors, d.warnings,"
        " (SELECT e.errors || ' ' || e.warnings FROM documents e WHERE e.department=d.department AND"
        "   e.year=d.year - 1 ORDER BY e.id DESC LIMIT 1)"
        " FROM documents d JOIN departments p ON p.id=d.department"
        " WHERE d.id=(SELECT max(id) FROM documents e WHERE e.department=d.department AND e.year=d.year)"
        " ORDER BY p.key, d.year";
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, SQL, -1, &st, NULL) != SQLITE_OK) return JUE_ERR_IO;
    jue_status rc = JUE_OK;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        jue_overview_row r = {
            .id = sqlite3_column_int64(st, 0), .dept_key = store_col_text(st, 1), .department = store_col_text(st, 2),
            .region = store_col_text(st, 3), .file = store_col_text(st, 4), .year = sqlite3_column_int(st, 5),
            .errors = sqlite3_column_int64(st, 6), .warnings = sqlite3_column_int64(st, 7),
        };
        long long pe, pw;
        r.has_prev = sqlite3_column_type(st, 8) != SQLITE_NULL &&
                     sscanf(store_col_text(st, 8), "%lld %lld", &pe, &pw) == 2;
        if (r.has_prev) r.prev_errors = pe, r.prev_warnings = pw;
        if (!count_kinds(s, &r)) { rc = JUE_ERR_IO; break; }
        if (fn(&r, ctx)) break;
    }
    if (rc == JUE_OK && step != SQLITE_ROW && step != SQLITE_DONE) rc = JUE_ERR_IO;
    sqlite3_finalize(st);
    return rc;
}
