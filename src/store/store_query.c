/* Reading the store: lists, a department-year's model, exports, merges and
 * the integrity check. */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t store_find_depts(jue_store *s, const char *sel, int64_t *ids, size_t max, jue_diags *diags)
{
    static const char *const SQL =
        "SELECT department FROM department_aliases WHERE key=?1 UNION "
        "SELECT id FROM departments WHERE key=?1 OR name=?1 OR region=?1 OR ?1=region || name";
    sqlite3_stmt *st = store_stmt(s, SQL, diags);
    size_t n = 0;
    if (!st) return 0;
    store_bind_text(st, 1, sel);
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (n < max) ids[n] = sqlite3_column_int64(st, 0);
        n++;
    }
    return n;
}

#define DOC_COLUMNS                                                                                           \
    "d.id, p.key, p.name, p.region, d.year, d.file, d.sha256, d.rules, d.profile, d.kind, d.added, d.errors," \
    " d.warnings, d.nfacts, d.nclaims, d.nfindings"

static void read_row(sqlite3_stmt *st, jue_store_row *r)
{
    r->id = sqlite3_column_int64(st, 0);
    r->dept_key = store_col_text(st, 1);
    r->department = store_col_text(st, 2);
    r->region = store_col_text(st, 3);
    r->year = sqlite3_column_int(st, 4);
    r->file = store_col_text(st, 5);
    r->sha256 = store_col_text(st, 6);
    r->rules = store_col_text(st, 7);
    r->profile = store_col_text(st, 8);
    r->kind = store_col_text(st, 9);
    r->added = store_col_text(st, 10);
    r->errors = sqlite3_column_int64(st, 11);
    r->warnings = sqlite3_column_int64(st, 12);
    r->nfacts = sqlite3_column_int64(st, 13);
    r->nclaims = sqlite3_column_int64(st, 14);
    r->nfindings = sqlite3_column_int64(st, 15);
}

/* The documents of a selection: dept NULL = all, else the ids it names. */
static const char *const LIST_SQL =
    "SELECT " DOC_COLUMNS " FROM documents d JOIN departments p ON p.id = d.department"
    STORE_SELECTION;

jue_status jue_storem_list(jue_store *s, const char *dept, int year, int (*fn)(const jue_store_row *, void *),
                          void *ctx)
{
    sqlite3_stmt *st = store_stmt(s, LIST_SQL, NULL);
    if (!st) return JUE_ERR_IO;
    store_bind_text(st, 1, dept);
    sqlite3_bind_int(st, 2, year);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        jue_store_row r;
        read_row(st, &r);
        if (fn(&r, ctx)) break;
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? JUE_OK : JUE_ERR_IO;
}

/* ---- one department-year back into the model ---- */

static bool load_tables(jue_store *s, int64_t doc, jue_disclosure *d, jue_diags *diags)
{
    static const char *const TABLES = "SELECT tbl, title, label, number, note, empty FROM doc_tables WHERE document=?1";
    static const char *const ROWS =
        "SELECT tbl, key, name, level, side, line_no, is_total, page, line FROM doc_rows WHERE document=?1"
        " ORDER BY tbl, idx";
    sqlite3_stmt *st = store_stmt(s, TABLES, diags);
    if (!st) return false;
    sqlite3_bind_int64(st, 1, doc);
    while (sqlite3_step(st) == SQLITE_ROW) {
        int id = sqlite3_column_int(st, 0);
        if (id < 0 || id >= JUE_NTABLES || d->tables[id]) continue;
        jue_table *t = d->tables[id] = jue_table_new((jue_table_id)id);
        if (!t) return false;
        free(t->title);
        t->title = jue_strdup(store_col_text(st, 1));
        t->label = sqlite3_column_type(st, 2) == SQLITE_NULL ? NULL : jue_strdup(store_col_text(st, 2));
        t->number = sqlite3_column_int(st, 3);
        if (sqlite3_column_type(st, 4) != SQLITE_NULL) jue_table_set_note(t, store_col_text(st, 4));
        t->empty = sqlite3_column_int(st, 5);
    }
    if (!(st = store_stmt(s, ROWS, diags))) return false;
    sqlite3_bind_int64(st, 1, doc);
    while (sqlite3_step(st) == SQLITE_ROW) {
        int id = sqlite3_column_int(st, 0);
        jue_table *t = id >= 0 && id < JUE_NTABLES ? d->tables[id] : NULL;
        int r = t ? jue_table_add_row(t, store_col_text(st, 1), store_col_text(st, 2),
                                      (jue_level)sqlite3_column_int(st, 3), (jue_side)sqlite3_column_int(st, 4),
                                      sqlite3_column_int(st, 6))
                  : -1;
        if (r < 0) continue;
        t->rows[r].line_no = sqlite3_column_int(st, 5);
        t->rows[r].src_page = sqlite3_column_int(st, 7);
        t->rows[r].src_line = sqlite3_column_int(st, 8);
    }
    return true;
}

static bool load_cells(jue_store *s, int64_t doc, jue_disclosure *d, jue_diags *diags)
{
    static const char *const SQL =
        "SELECT tbl, row, col, printed, decimals, present, exact, page, line FROM facts WHERE document=?1";
    sqlite3_stmt *st = store_stmt(s, SQL, diags);
    if (!st) return false;
    sqlite3_bind_int64(st, 1, doc);
    while (sqlite3_step(st) == SQLITE_ROW) {
        int id = sqlite3_column_int(st, 0);
        jue_table *t = id >= 0 && id < JUE_NTABLES ? d->tables[id] : NULL;
        int64_t r = sqlite3_column_int64(st, 1);
        int c = t ? jue_table_find_col(t, store_col_text(st, 2)) : -1;
        if (c < 0 || r < 0 || (size_t)r >= t->nrows) continue;
        jue_cell *x = jue_table_cell(t, (size_t)r, (size_t)c);
        if (sqlite3_column_type(st, 6) != SQLITE_NULL) jue_cell_set_exact(x, sqlite3_column_int64(st, 6));
        jue_cell_set_printed(x, sqlite3_column_int64(st, 3), sqlite3_column_int(st, 4));
        x->present = sqlite3_column_int(st, 5);
        x->src_page = sqlite3_column_int(st, 7);
        x->src_line = sqlite3_column_int(st, 8);
    }
    return true;
}

static char *opt_text(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? NULL : jue_strdup(store_col_text(st, i));
}

static bool load_claims(jue_store *s, int64_t doc, jue_disclosure *d, jue_diags *diags)
{
    static const char *const SQL =
        "SELECT role, subject, fact, printed, sign, is_percent, value, lo, hi, decimals, unit, line, col"
        " FROM claims WHERE document=?1 ORDER BY seq";
    sqlite3_stmt *st = store_stmt(s, SQL, diags);
    if (!st) return false;
    sqlite3_bind_int64(st, 1, doc);
    while (sqlite3_step(st) == SQLITE_ROW) {
        jue_claims *c = &d->claims;
        if (c->len == c->cap) {
            size_t cap = c->cap ? 2 * c->cap : 32;
            jue_claim *p = realloc(c->items, cap * sizeof *p);
            if (!p) return false;
            c->items = p, c->cap = cap;
        }
        jue_claim *x = &c->items[c->len++];
        memset(x, 0, sizeof *x);
        x->role = (jue_claim_role)sqlite3_column_int(st, 0);
        jue_subject_parse((const char *)sqlite3_column_text(st, 1), &x->subject);
        const unsigned char *fact = sqlite3_column_text(st, 2);   /* "T03/合计/基本支出" */
        if (fact) jue_fact_parse((const char *)fact, (size_t)sqlite3_column_bytes(st, 2), &x->fact);
        x->printed = opt_text(st, 3);
        x->sign = sqlite3_column_int(st, 4);
        x->is_percent = sqlite3_column_int(st, 5);
        x->value = sqlite3_column_int64(st, 6);
        x->iv.lo = sqlite3_column_int64(st, 7);
        x->iv.hi = sqlite3_column_int64(st, 8);
        x->decimals = sqlite3_column_int(st, 9);
        x->unit = (jue_unit)sqlite3_column_int(st, 10);
        x->line = sqlite3_column_int(st, 11);
        x->col = sqlite3_column_int(st, 12);
        x->parent = -1;
        x->section = -1;
    }
    return true;
}

static bool load_findings(jue_store *s, int64_t doc, const char *file, jue_findings *f, jue_diags *diags)
{
    static const char *const SQL =
        "SELECT rule, severity, message, line, page, tbl, row, col, expected, actual, char_col, box FROM findings"
        " WHERE document=?1 ORDER BY seq";
    sqlite3_stmt *st = store_stmt(s, SQL, diags);
    if (!st) return false;
    sqlite3_bind_int64(st, 1, doc);
    while (sqlite3_step(st) == SQLITE_ROW) {
        jue_severity sev = JUE_SEV_INFO;
        (void)jue_severity_parse(store_col_text(st, 1), &sev);
        jue_finding x = {
            .rule = (char *)store_col_text(st, 0),
            .severity = sev,
            .message = (char *)store_col_text(st, 2),
            .file = (char *)file,
            .line = sqlite3_column_int(st, 3),
            .page = sqlite3_column_int(st, 4),
            .table = sqlite3_column_type(st, 5) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 5),
            .row = sqlite3_column_type(st, 6) == SQLITE_NULL ? NULL : (char *)store_col_text(st, 6),
            .column = sqlite3_column_type(st, 7) == SQLITE_NULL ? NULL : (char *)store_col_text(st, 7),
            .expected = sqlite3_column_type(st, 8) == SQLITE_NULL ? NULL : (char *)store_col_text(st, 8),
            .actual = sqlite3_column_type(st, 9) == SQLITE_NULL ? NULL : (char *)store_col_text(st, 9),
            .col = sqlite3_column_int(st, 10),
        };
        if (sqlite3_column_type(st, 11) != SQLITE_NULL)
            sscanf(store_col_text(st, 11), "%f,%f,%f,%f", &x.box[0], &x.box[1], &x.box[2], &x.box[3]);
        if (jue_findings_add(f, &x) != JUE_OK) return false;
    }
    return true;
}

jue_status jue_storem_findings(jue_store *s, const char *sha256, const char *rules, const char *file,
                              jue_findings *f, int64_t *id)
{
    static const char *const SQL = "SELECT id FROM documents WHERE sha256=?1 AND rules=?2";
    sqlite3_stmt *st = store_stmt(s, SQL, NULL);
    if (!st) return JUE_ERR_IO;
    store_bind_text(st, 1, sha256);
    store_bind_text(st, 2, rules);
    if (sqlite3_step(st) != SQLITE_ROW) return JUE_ERR_NOTFOUND;
    int64_t doc = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (id) *id = doc;
    return load_findings(s, doc, file, f, NULL) ? JUE_OK : JUE_ERR_IO;
}

typedef struct {
    int64_t id;
    char *department, *file, *profile;
} newest;

static int take_newest(const jue_store_row *r, void *ctx)
{
    newest *n = ctx;
    if (r->id < n->id) return 0;
    n->id = r->id;
    free(n->department), free(n->file), free(n->profile);
    n->department = jue_strdup(r->department);
    n->file = jue_strdup(r->file);
    n->profile = *r->profile ? jue_strdup(r->profile) : NULL;
    return 0;
}

/* Resolves dept to exactly one department (its key in key). */
static jue_status one_dept(jue_store *s, const char *dept, jue_buf *key, jue_diags *diags)
{
    int64_t ids[8];
    size_t n = store_find_depts(s, dept, ids, 8, diags);
    if (n == 0) {
        jue_diag_add(diags, JUE_SEV_ERROR, s->path, 0, 0, "存储中没有单位“%s”（juesuan store list 列出所有单位）", dept);
        return JUE_ERR_NOTFOUND;
    }
    if (n > 1) {
        jue_diag_add(diags, JUE_SEV_ERROR, s->path, 0, 0, "“%s”对应%zu个单位，请用单位键（地区/名称）指定", dept, n);
        return JUE_ERR_INVALID;
    }
    static const char *const SQL = "SELECT key FROM departments WHERE id=?1";
    sqlite3_stmt *st = store_stmt(s, SQL, diags);
    if (!st) return JUE_ERR_IO;
    sqlite3_bind_int64(st, 1, ids[0]);
    if (sqlite3_step(st) != SQLITE_ROW) return JUE_ERR_IO;
    jue_buf_puts(key, store_col_text(st, 0));
    sqlite3_reset(st);
    return JUE_OK;
}

/* The model and findings of document n.id (n's strings are taken). */
static jue_status load_doc(jue_store *s, newest *n, int year, jue_disclosure **out, jue_findings *f, jue_diags *diags)
{
    jue_disclosure *d = jue_disclosure_new();
    jue_status st = d ? JUE_OK : JUE_ERR_NOMEM;
    if (d) {
        d->department = n->department, n->department = NULL;
        d->source = n->file, n->file = NULL;
        d->profile = n->profile, n->profile = NULL;
        d->year = year;
        if (!load_tables(s, n->id, d, diags) || !load_cells(s, n->id, d, diags) || !load_claims(s, n->id, d, diags) ||
            (f && !load_findings(s, n->id, d->source, f, diags)))
            st = JUE_ERR_IO;
    }
    if (st != JUE_OK) jue_disclosure_free(d), d = NULL;
    *out = d;
    return st;
}

jue_status jue_storem_load(jue_store *s, const char *dept, int year, jue_disclosure **out, jue_findings *f,
                          jue_diags *diags)
{
    *out = NULL;
    jue_buf key;
    jue_buf_init(&key);
    jue_status st = one_dept(s, dept, &key, diags);
    newest n = { -1, NULL, NULL, NULL };
    if (st == JUE_OK) st = jue_storem_list(s, jue_buf_str(&key), year, take_newest, &n);
    if (st == JUE_OK && n.id < 0) {
        jue_diag_add(diags, JUE_SEV_ERROR, s->path, 0, 0, "存储中没有“%s”%d年度的决算", jue_buf_str(&key), year);
        st = JUE_ERR_NOTFOUND;
    }
    if (st == JUE_OK) st = load_doc(s, &n, year, out, f, diags);
    free(n.department), free(n.file), free(n.profile);
    jue_buf_free(&key);
    return st;
}

jue_status jue_storem_load_id(jue_store *s, int64_t id, jue_disclosure **out, jue_findings *f, jue_diags *diags)
{
    static const char *const SQL =
        "SELECT p.name, d.file, d.profile, d.year FROM documents d JOIN departments p ON p.id=d.department WHERE d.id=?1";
    *out = NULL;
    sqlite3_stmt *st = store_stmt(s, SQL, diags);
    if (!st) return JUE_ERR_IO;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) != SQLITE_ROW) return JUE_ERR_NOTFOUND;
    newest n = { id, jue_strdup(store_col_text(st, 0)), jue_strdup(store_col_text(st, 1)), opt_text(st, 2) };
    int year = sqlite3_column_int(st, 3);
    sqlite3_reset(st);
    jue_status rc = load_doc(s, &n, year, out, f, diags);
    free(n.department), free(n.file), free(n.profile);
    return rc;
}

/* ---- merging a renamed department ---- */

jue_status jue_storem_merge(jue_store *s, const char *from, const char *to, jue_diags *diags)
{
    jue_buf fk, tk;
    jue_buf_init(&fk);
    jue_buf_init(&tk);
    jue_status st = one_dept(s, from, &fk, diags);
    if (st == JUE_OK) st = one_dept(s, to, &tk, diags);
    if (st == JUE_OK && !strcmp(jue_buf_str(&fk), jue_buf_str(&tk))) {
        jue_diag_add(diags, JUE_SEV_ERROR, s->path, 0, 0, "“%s”与“%s”已是同一单位", from, to);
        st = JUE_ERR_INVALID;
    }
    static const char *const SQL =
        "UPDATE documents SET department=(SELECT id FROM departments WHERE key=?2)"
        "  WHERE department=(SELECT id FROM departments WHERE key=?1);"
        "UPDATE department_aliases SET department=(SELECT id FROM departments WHERE key=?2)"
        "  WHERE department=(SELECT id FROM departments WHERE key=?1);"
        "INSERT INTO department_aliases VALUES(?1, (SELECT id FROM departments WHERE key=?2));"
        "DELETE FROM departments WHERE key=?1;";
    if (st == JUE_OK && !store_begin(s, diags)) st = JUE_ERR_IO;
    for (const char *sql = SQL; st == JUE_OK && *sql;) {
        sqlite3_stmt *one = NULL;
        const char *rest = NULL;
        if (sqlite3_prepare_v2(s->db, sql, -1, &one, &rest) != SQLITE_OK) st = JUE_ERR_IO;
        if (one) {
            store_bind_text(one, 1, jue_buf_str(&fk));
            store_bind_text(one, 2, jue_buf_str(&tk));
            if (sqlite3_step(one) != SQLITE_DONE) st = JUE_ERR_IO;
        }
        if (st != JUE_OK) store_error(s, diags, "合并单位");
        sqlite3_finalize(one);
        sql = rest ? rest : "";
    }
    if (st == JUE_OK && !store_exec(s, "COMMIT", diags)) st = JUE_ERR_IO;
    if (st == JUE_ERR_IO) store_exec(s, "ROLLBACK", NULL);
    jue_buf_free(&fk);
    jue_buf_free(&tk);
    return st;
}

/* ---- the integrity check ---- */

jue_status jue_storem_check(jue_store *s, jue_buf *report, size_t *problems)
{
    static const char *const INTEGRITY = "PRAGMA integrity_check";
    static const char *const COUNTS =
        "SELECT d.id, d.file, d.nfacts, (SELECT count(*) FROM facts WHERE document=d.id),"
        " d.nclaims, (SELECT count(*) FROM claims WHERE document=d.id),"
        " d.nfindings, (SELECT count(*) FROM findings WHERE document=d.id) FROM documents d";
    *problems = 0;
    sqlite3_stmt *st = store_stmt(s, INTEGRITY, NULL);
    if (!st) return JUE_ERR_IO;
    while (sqlite3_step(st) == SQLITE_ROW)
        if (strcmp(store_col_text(st, 0), "ok")) {
            jue_buf_printf(report, "%s: 数据库完整性检查：%s\n", s->path, store_col_text(st, 0));
            (*problems)++;
        }
    if (!(st = store_stmt(s, COUNTS, NULL))) return JUE_ERR_IO;
    while (sqlite3_step(st) == SQLITE_ROW)
        for (int k = 0; k < 3; k++) {
            static const char *const WHAT[] = { "表中数字", "说明中的数字", "审核发现" };
            int64_t want = sqlite3_column_int64(st, 2 + 2 * k), have = sqlite3_column_int64(st, 3 + 2 * k);
            if (want == have) continue;
            jue_buf_printf(report, "%s: 文档%lld（%s）应有%s%lld条，实有%lld条\n", s->path,
                           (long long)sqlite3_column_int64(st, 0), store_col_text(st, 1), WHAT[k], (long long)want,
                           (long long)have);
            (*problems)++;
        }
    return JUE_OK;
}

/* ---- last year's disclosure of a department ---- */

jue_status jue_storem_last_year(jue_store *s, const char *department, int year, jue_disclosure **out)
{
    *out = NULL;
    if (!department || year <= 0) return JUE_ERR_NOTFOUND;
    jue_buf key;
    jue_buf_init(&key);
    jue_store_dept_key(department, NULL, &key);
    jue_diags quiet;
    jue_diags_init(&quiet);
    jue_status st = key.err ? key.err : jue_storem_load(s, jue_buf_str(&key), year - 1, out, NULL, &quiet);
    jue_diags_free(&quiet);
    jue_buf_free(&key);
    return st == JUE_ERR_INVALID ? JUE_ERR_NOTFOUND : st;
}
