/* Storing one audited document: its department, its tables, the figures of
 * its notes and its findings, in one transaction. */
#include "store_internal.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* One insert of a document. JUE_STORE_KILL_AT=N (for the durability test
 * only) kills the process with SIGKILL at its Nth insert, at a point inside
 * a document's transaction that the test chooses at random. */
static bool step_done(jue_store *s, sqlite3_stmt *st)
{
    if (sqlite3_step(st) != SQLITE_DONE) return false;
    if (s->kill_at > 0 && ++s->inserted >= s->kill_at) raise(SIGKILL);
    return true;
}

/* The department's id: an alias of a merged one, its key, or a new row. */
static int64_t dept_id(jue_store *s, const char *name, const char *region_opt, jue_diags *diags)
{
    jue_buf key;
    jue_buf_init(&key);
    jue_store_dept_key(name, region_opt, &key);
    const char *k = jue_buf_str(&key);
    int64_t id = -1;
    static const char *const FIND = "SELECT department FROM department_aliases WHERE key=?1 "
                                    "UNION ALL SELECT id FROM departments WHERE key=?1";
    static const char *const ADD = "INSERT INTO departments(key, name, region) VALUES(?1, ?2, ?3)";
    sqlite3_stmt *st = store_stmt(s, FIND, diags);
    if (st) {
        store_bind_text(st, 1, k);
        if (sqlite3_step(st) == SQLITE_ROW) id = sqlite3_column_int64(st, 0);
        else if ((st = store_stmt(s, ADD, diags))) {
            const char *slash = strchr(k, '/');
            char *region = strndup(k, (size_t)(slash - k));
            store_bind_text(st, 1, k);
            store_bind_text(st, 2, name);
            store_bind_text(st, 3, region);
            if (step_done(s, st)) id = sqlite3_last_insert_rowid(s->db);
            else store_error(s, diags, "单位");
            free(region);
        }
    }
    jue_buf_free(&key);
    return id;
}

/* ---- the document ---- */

bool jue_storem_has(jue_store *s, const char *sha256, const char *rules)
{
    static const char *const SQL = "SELECT id FROM documents WHERE sha256=?1 AND rules=?2";
    sqlite3_stmt *st = store_stmt(s, SQL, NULL);
    if (!st) return false;
    store_bind_text(st, 1, sha256);
    store_bind_text(st, 2, rules);
    bool found = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_reset(st);
    return found;
}

static int64_t existing(jue_store *s, const jue_store_doc *m)
{
    static const char *const SQL = "SELECT id FROM documents WHERE sha256=?1 AND rules=?2";
    sqlite3_stmt *st = store_stmt(s, SQL, NULL);
    if (!st) return -1;
    store_bind_text(st, 1, m->sha256);
    store_bind_text(st, 2, m->rules);
    return sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
}

static int64_t add_document(jue_store *s, int64_t dept, int year, const jue_findings *f, const jue_store_doc *m,
                            jue_diags *diags)
{
    static const char *const SQL =
        "INSERT INTO documents(department, year, file, sha256, rules, profile, kind, added, errors, warnings,"
        " nfacts, nfindings, nclaims) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 0, 0, 0)";
    sqlite3_stmt *st = store_stmt(s, SQL, diags);
    if (!st) return -1;
    char added[32];
    time_t now = time(NULL);
    struct tm tm;
    strftime(added, sizeof added, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
    sqlite3_bind_int64(st, 1, dept);
    sqlite3_bind_int(st, 2, year);
    store_bind_text(st, 3, m->file);
    store_bind_text(st, 4, m->sha256);
    store_bind_text(st, 5, m->rules);
    store_bind_text(st, 6, m->profile);
    store_bind_text(st, 7, m->kind == JUE_DOC_SOURCE ? "source" : "published");
    store_bind_text(st, 8, added);
    sqlite3_bind_int64(st, 9, (int64_t)jue_findings_count(f, JUE_SEV_ERROR));
    sqlite3_bind_int64(st, 10, (int64_t)jue_findings_count(f, JUE_SEV_WARNING));
    if (!step_done(s, st)) {
        store_error(s, diags, "文档");
        return -1;
    }
    return sqlite3_last_insert_rowid(s->db);
}

static bool add_table(jue_store *s, int64_t doc, const jue_table *t, jue_diags *diags)
{
    static const char *const SQL = "INSERT INTO doc_tables VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)";
    sqlite3_stmt *st = store_stmt(s, SQL, diags);
    if (!st) return false;
    sqlite3_bind_int64(st, 1, doc);
    sqlite3_bind_int(st, 2, (int)t->id);
    store_bind_text(st, 3, t->title);
    store_bind_text(st, 4, t->label);
    sqlite3_bind_int(st, 5, t->number);
    store_bind_text(st, 6, t->note);
    sqlite3_bind_int(st, 7, t->empty);
    if (step_done(s, st)) return true;
    store_error(s, diags, "表");
    return false;
}

static bool add_row(jue_store *s, int64_t doc, const jue_table *t, size_t r, jue_diags *diags)
{
    static const char *const SQL = "INSERT INTO doc_rows VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
    sqlite3_stmt *st = store_stmt(s, SQL, diags);
    if (!st) return false;
    const jue_row *row = &t->rows[r];
    sqlite3_bind_int64(st, 1, doc);
    sqlite3_bind_int(st, 2, (int)t->id);
    sqlite3_bind_int64(st, 3, (int64_t)r);
    store_bind_text(st, 4, row->key ? row->key : "");
    store_bind_text(st, 5, row->name);
    sqlite3_bind_int(st, 6, (int)row->level);
    sqlite3_bind_int(st, 7, (int)row->side);
    sqlite3_bind_int(st, 8, row->line_no);
    sqlite3_bind_int(st, 9, row->is_total);
    sqlite3_bind_int(st, 10, row->src_page);
    sqlite3_bind_int(st, 11, row->src_line);
    if (step_done(s, st)) return true;
    store_error(s, diags, "表行");
    return false;
}

/* The cells of row r that hold something: returns how many were stored, or -1. */
static int64_t add_cells(jue_store *s, int64_t doc, const jue_table *t, size_t r, jue_diags *diags)
{
    static const char *const SQL = "INSERT INTO facts VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
    int64_t n = 0;
    for (size_t c = 0; c < t->ncols; c++) {
        const jue_cell *x = jue_table_cell_c(t, r, c);
        if (!x->present && !x->has_exact) continue;
        sqlite3_stmt *st = store_stmt(s, SQL, diags);
        if (!st) return -1;
        sqlite3_bind_int64(st, 1, doc);
        sqlite3_bind_int(st, 2, (int)t->id);
        sqlite3_bind_int64(st, 3, (int64_t)r);
        store_bind_text(st, 4, t->cols[c].key);
        sqlite3_bind_int64(st, 5, x->printed);
        sqlite3_bind_int(st, 6, x->decimals);
        sqlite3_bind_int(st, 7, x->present);
        if (x->has_exact) sqlite3_bind_int64(st, 8, x->exact);
        sqlite3_bind_int(st, 9, x->src_page);
        sqlite3_bind_int(st, 10, x->src_line);
        if (!step_done(s, st)) {
            store_error(s, diags, "表中数字");
            return -1;
        }
        n++;
    }
    return n;
}

static int64_t add_tables(jue_store *s, int64_t doc, const jue_disclosure *d, jue_diags *diags)
{
    int64_t n = 0;
    for (int i = 0; i < JUE_NTABLES; i++) {
        const jue_table *t = d->tables[i];
        if (!t) continue;
        if (!add_table(s, doc, t, diags)) return -1;
        for (size_t r = 0; r < t->nrows; r++) {
            int64_t k;
            if (!add_row(s, doc, t, r, diags) || (k = add_cells(s, doc, t, r, diags)) < 0) return -1;
            n += k;
        }
    }
    return n;
}

static bool add_claim(jue_store *s, int64_t doc, size_t i, const jue_claim *c, jue_diags *diags)
{
    static const char *const SQL =
        "INSERT INTO claims VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)";
    sqlite3_stmt *st = store_stmt(s, SQL, diags);
    if (!st) return false;
    sqlite3_bind_int64(st, 1, doc);
    sqlite3_bind_int64(st, 2, (int64_t)i);
    sqlite3_bind_int(st, 3, (int)c->role);
    char subject[JUE_SUBJECT_KEY_MAX + 8];   /* stored as written: "项:2101501" */
    jue_subject_format(&c->subject, subject, sizeof subject);
    store_bind_text(st, 4, subject[0] ? subject : NULL);
    char fact[JUE_FACT_ROW_MAX + 64];   /* stored as the lexicon writes it */
    jue_fact_format(&c->fact, false, fact, sizeof fact);
    store_bind_text(st, 5, fact[0] ? fact : NULL);
    store_bind_text(st, 6, c->printed);
    sqlite3_bind_int(st, 7, c->sign);
    sqlite3_bind_int(st, 8, c->is_percent);
    sqlite3_bind_int64(st, 9, c->value);
    sqlite3_bind_int64(st, 10, c->iv.lo);
    sqlite3_bind_int64(st, 11, c->iv.hi);
    sqlite3_bind_int(st, 12, c->decimals);
    sqlite3_bind_int(st, 13, (int)c->unit);
    sqlite3_bind_int(st, 14, c->line);
    sqlite3_bind_int(st, 15, c->col);
    if (step_done(s, st)) return true;
    store_error(s, diags, "说明中的数字");
    return false;
}

static bool add_finding(jue_store *s, int64_t doc, size_t i, const jue_finding *x, jue_diags *diags)
{
    static const char *const SQL =
        "INSERT INTO findings VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";
    sqlite3_stmt *st = store_stmt(s, SQL, diags);
    if (!st) return false;
    sqlite3_bind_int64(st, 1, doc);
    sqlite3_bind_int64(st, 2, (int64_t)i);
    store_bind_text(st, 3, x->rule);
    store_bind_text(st, 4, jue_severity_str(x->severity));
    store_bind_text(st, 5, x->message ? x->message : "");
    sqlite3_bind_int(st, 6, x->line);
    sqlite3_bind_int(st, 7, x->page);
    if (x->table >= 0) sqlite3_bind_int(st, 8, x->table);
    store_bind_text(st, 9, x->row);
    store_bind_text(st, 10, x->column);
    store_bind_text(st, 11, x->expected);
    store_bind_text(st, 12, x->actual);
    sqlite3_bind_int(st, 13, x->col);
    if (x->box[2] > x->box[0] && x->box[3] > x->box[1]) {
        char box[96];
        snprintf(box, sizeof box, "%.9g,%.9g,%.9g,%.9g", (double)x->box[0], (double)x->box[1], (double)x->box[2],
                 (double)x->box[3]);
        store_bind_text(st, 14, box);
    }
    if (step_done(s, st)) return true;
    store_error(s, diags, "审核发现");
    return false;
}

static bool set_counts(jue_store *s, int64_t doc, int64_t facts, int64_t claims, int64_t findings, jue_diags *diags)
{
    static const char *const SQL = "UPDATE documents SET nfacts=?2, nclaims=?3, nfindings=?4 WHERE id=?1";
    sqlite3_stmt *st = store_stmt(s, SQL, diags);
    if (!st) return false;
    sqlite3_bind_int64(st, 1, doc);
    sqlite3_bind_int64(st, 2, facts);
    sqlite3_bind_int64(st, 3, claims);
    sqlite3_bind_int64(st, 4, findings);
    if (step_done(s, st)) return true;
    store_error(s, diags, "文档");
    return false;
}

/* Everything of one document, inside the caller's transaction. */
static int64_t write_all(jue_store *s, const jue_disclosure *d, const jue_findings *f, const jue_store_doc *m,
                         const char *dept, int year, jue_diags *diags)
{
    int64_t dep = dept_id(s, dept, m->region, diags);
    int64_t doc = dep < 0 ? -1 : add_document(s, dep, year, f, m, diags);
    int64_t facts = doc < 0 ? -1 : add_tables(s, doc, d, diags);
    if (facts < 0) return -1;
    for (size_t i = 0; i < d->claims.len; i++)
        if (!add_claim(s, doc, i, &d->claims.items[i], diags)) return -1;
    for (size_t i = 0; i < f->len; i++)
        if (!add_finding(s, doc, i, &f->items[i], diags)) return -1;
    return set_counts(s, doc, facts, (int64_t)d->claims.len, (int64_t)f->len, diags) ? doc : -1;
}

jue_status jue_storem_add(jue_store *s, const jue_disclosure *d, const jue_findings *f, const jue_store_doc *m,
                         int64_t *id, bool *existed, jue_diags *diags)
{
    const char *dept = m->department ? m->department : d->department;
    int year = m->year ? m->year : d->year;
    if (existed) *existed = false;
    if (!dept || !*dept || year <= 0) {
        jue_diag_add(diags, JUE_SEV_ERROR, m->file, 0, 0, "无法从文档中读出%s，未存入（可用 --%s 指定）",
                     !dept || !*dept ? "单位名称（编制单位）" : "决算年度", !dept || !*dept ? "department" : "year");
        return JUE_ERR_INVALID;
    }
    if (!store_begin(s, diags)) return JUE_ERR_IO;
    int64_t doc = existing(s, m);
    if (doc >= 0) {
        if (existed) *existed = true;
    } else {
        doc = write_all(s, d, f, m, dept, year, diags);
    }
    if (doc < 0 || !store_exec(s, "COMMIT", diags)) {
        store_exec(s, "ROLLBACK", NULL);
        return JUE_ERR_IO;
    }
    if (id) *id = doc;
    return JUE_OK;
}
