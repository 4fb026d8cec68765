/* Exports of the store: the documents, the facts of their tables or their
 * findings, as CSV (RFC 4180, a header line) or JSON (an array of objects). */
#include "store_internal.h"

#include <string.h>

static const char *const EXPORTS[][2] = {
    { "documents",
      "SELECT p.key AS department_key, p.name AS department, p.region AS region, d.year AS year, d.file AS file,"
      " d.kind AS kind, d.sha256 AS sha256, d.rules AS rules, d.profile AS profile, d.added AS added,"
      " d.errors AS errors, d.warnings AS warnings, d.nfacts AS facts, d.nclaims AS claims,"
      " d.nfindings AS findings" },
    { "facts",
      "SELECT p.key AS department_key, d.year AS year, d.file AS file, f.tbl + 1 AS table_no, r.key AS row_key,"
      " r.name AS row_name, f.col AS column_key, (CASE WHEN f.printed < 0 THEN '-' ELSE '' END) || (abs(f.printed) / 1000000) || '.' ||"
      " printf('%02d', (abs(f.printed) % 1000000) / 10000) AS printed_wan,"
      " f.printed AS printed_fen, f.exact AS exact_fen, f.page AS page, f.line AS line"
      " FROM facts f JOIN doc_rows r ON r.document=f.document AND r.tbl=f.tbl AND r.idx=f.row"
      " JOIN documents d ON d.id=f.document JOIN departments p ON p.id=d.department" },
    { "findings",
      "SELECT p.key AS department_key, d.year AS year, d.file AS file, x.rule AS rule, x.severity AS severity,"
      " x.message AS message, x.page AS page, x.line AS line, x.tbl + 1 AS table_no, x.row AS row_key,"
      " x.col AS column_key, x.expected AS expected, x.actual AS actual"
      " FROM findings x JOIN documents d ON d.id=x.document JOIN departments p ON p.id=d.department" },
};

static void csv_field(jue_buf *out, const char *v)
{
    if (!strpbrk(v, ",\"\r\n")) {
        jue_buf_puts(out, v);
        return;
    }
    jue_buf_putc(out, '"');
    for (; *v; v++) {
        if (*v == '"') jue_buf_putc(out, '"');
        jue_buf_putc(out, *v);
    }
    jue_buf_putc(out, '"');
}

static void json_string(jue_buf *out, const char *v)
{
    jue_buf_putc(out, '"');
    for (; *v; v++) {
        unsigned char c = (unsigned char)*v;
        if (c == '"' || c == '\\') jue_buf_printf(out, "\\%c", c);
        else if (c < 0x20) jue_buf_printf(out, "\\u%04x", c);
        else jue_buf_putc(out, (char)c);
    }
    jue_buf_putc(out, '"');
}

static void put_row(sqlite3_stmt *st, bool json, bool first, jue_buf *out)
{
    int n = sqlite3_column_count(st);
    if (json) jue_buf_puts(out, first ? "[\n{" : ",\n{");
    for (int i = 0; i < n; i++) {
        int type = sqlite3_column_type(st, i);
        if (json) {
            if (i) jue_buf_putc(out, ',');
            json_string(out, sqlite3_column_name(st, i));
            jue_buf_putc(out, ':');
            if (type == SQLITE_NULL) jue_buf_puts(out, "null");
            else if (type == SQLITE_INTEGER) jue_buf_printf(out, "%lld", (long long)sqlite3_column_int64(st, i));
            else json_string(out, store_col_text(st, i));
        } else {
            if (i) jue_buf_putc(out, ',');
            csv_field(out, store_col_text(st, i));
        }
    }
    jue_buf_puts(out, json ? "}" : "\r\n");
}

jue_status jue_storem_export(jue_store *s, const char *what, const char *format, const char *dept, int year,
                            jue_buf *out, jue_diags *diags)
{
    const char *select = NULL;
    for (size_t i = 0; i < sizeof EXPORTS / sizeof EXPORTS[0]; i++)
        if (!strcmp(what, EXPORTS[i][0])) select = EXPORTS[i][1];
    bool json = !strcmp(format, "json");
    if (!select || (!json && strcmp(format, "csv"))) {
        jue_diag_add(diags, JUE_SEV_ERROR, s->path, 0, 0, "不能导出“%s”为“%s”（可导出 documents、facts、findings；格式 csv、json）",
                     what, format);
        return JUE_ERR_INVALID;
    }
    jue_buf sql;
    jue_buf_init(&sql);
    jue_buf_puts(&sql, select);
    if (!strcmp(what, "documents")) jue_buf_puts(&sql, " FROM documents d JOIN departments p ON p.id=d.department");
    jue_buf_puts(&sql, STORE_SELECTION);
    sqlite3_stmt *st = NULL;
    jue_status rc = JUE_OK;
    if (sqlite3_prepare_v2(s->db, jue_buf_str(&sql), -1, &st, NULL) != SQLITE_OK) {
        store_error(s, diags, "导出");
        rc = JUE_ERR_IO;
    }
    if (st) {
        store_bind_text(st, 1, dept);
        sqlite3_bind_int(st, 2, year);
        if (!json)
            for (int i = 0; i < sqlite3_column_count(st); i++) {
                if (i) jue_buf_putc(out, ',');
                jue_buf_puts(out, sqlite3_column_name(st, i));
            }
        if (!json) jue_buf_puts(out, "\r\n");
        bool first = true;
        int step;
        while ((step = sqlite3_step(st)) == SQLITE_ROW) put_row(st, json, first, out), first = false;
        if (json) jue_buf_puts(out, first ? "[]\n" : "\n]\n");
        if (step != SQLITE_DONE) store_error(s, diags, "导出"), rc = JUE_ERR_IO;
    }
    sqlite3_finalize(st);
    jue_buf_free(&sql);
    return rc == JUE_OK && jue_buf_err(out) ? JUE_ERR_NOMEM : rc;
}
