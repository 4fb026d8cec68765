/* One audit of one document: the rules, the claim checks and the 绩效自评
 * checks, with everything they need loaded once (include/juesuan/auditor.h). */
#include <juesuan/auditor.h>
#include <juesuan/claims_audit.h>
#include <juesuan/compile.h>
#include <juesuan/hash.h>
#include <juesuan/import.h>
#include <juesuan/perf.h>
#include <juesuan/rules.h>
#include <juesuan/source.h>

#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "import/import_internal.h"
#include "perf/perf_internal.h"

/* A part read on demand (jue_auditor_new_on_demand): whether its reading
 * was tried, its status, what it said, and whether that was handed over. */
typedef struct {
    bool tried, told;
    jue_status st;
    jue_diags said;
} later;

struct jue_auditor {
    jue_catalog *cat;
    jue_profile *prof;
    jue_rulepack *pack;     /* on demand: NULL until the first document with a table */
    jue_claim_checks *claims;
    jue_perf_checks *perf;
    jue_aliases *aliases;   /* the importer's, read once for every document */
    jue_lexicon *lexicon;   /* the notes' subjects; on demand: read for the first notes that need it */
    bool on_demand;
    later pack_later, lexicon_later;
    /* the fingerprint, made on first use (only the store needs it: hashing
     * the data files was half of a one-line audit) */
    pthread_mutex_t lock;
    char *profile, *rules_file;
    char version[17];
};

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Adds the files of data/<sub>/ to the fingerprint, in name order. */
static void hash_dir(jue_sha256 *s, const char *sub)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/%s", jue_data_dir(), sub);
    DIR *d = opendir(dir);
    if (!d) return;
    char *names[256];
    size_t n = 0;
    for (struct dirent *e; (e = readdir(d)) && n < 256;)
        if (e->d_name[0] != '.') names[n++] = jue_strdup(e->d_name);
    closedir(d);
    qsort(names, n, sizeof names[0], cmp_str);
    for (size_t i = 0; i < n; i++) {
        char path[8192], hex[65];
        snprintf(path, sizeof path, "%s/%s", dir, names[i] ? names[i] : "");
        if (names[i] && jue_sha256_file(path, hex) == JUE_OK) {
            jue_sha256_update(s, names[i], strlen(names[i]) + 1);
            jue_sha256_update(s, hex, 64);
        }
        free(names[i]);
    }
}

/* The rules in force: everything under data/ that decides a finding, the
 * profile and the program's version. */
static void fingerprint(jue_auditor *a)
{
    const char *profile = a->profile, *rules_file = a->rules_file;
    static const char *const SUBS[] = { "rules", "catalog", "claims", "import", "profiles", "perf" };
    jue_sha256 s;
    jue_sha256_init(&s);
    jue_sha256_update(&s, JUE_VERSION, sizeof JUE_VERSION);
    jue_sha256_update(&s, profile ? profile : "national", strlen(profile ? profile : "national") + 1);
    for (size_t i = 0; i < sizeof SUBS / sizeof SUBS[0]; i++) hash_dir(&s, SUBS[i]);
    char hex[65];
    if (rules_file && jue_sha256_file(rules_file, hex) == JUE_OK) jue_sha256_update(&s, hex, 64);
    jue_sha256_hex(&s, hex);
    memcpy(a->version, hex, 16);
    a->version[16] = 0;
}

/* What every audit needs; on demand, the profile's rule pack and the
 * lexicon are left for need_pack and lexicon_later (with a rules file named
 * on the command line everything is read at once). */
static jue_status load_parts(jue_auditor *a, bool on_demand, jue_diags *diags)
{
    const char *profile = a->profile, *rules_file = a->rules_file;
    jue_status st = jue_catalog_load(NULL, &a->cat, diags);
    if (st == JUE_OK) st = jue_profile_load(profile, &a->prof, diags);
    a->on_demand = on_demand && !rules_file;
    if (st == JUE_OK && !a->on_demand)
        st = rules_file ? jue_rules_load_file(rules_file, &a->pack, diags) : jue_rules_load_for(a->prof, &a->pack, diags);
    if (st == JUE_OK) st = jue_claim_checks_load(NULL, &a->claims, diags);
    if (st == JUE_OK) st = jue_perf_checks_load(NULL, &a->perf, diags);
    if (st == JUE_OK) st = jue_aliases_load(&a->aliases, diags);
    if (st == JUE_OK && !a->on_demand) st = jue_lexicon_load(NULL, &a->lexicon, diags);
    return st;
}

static jue_status make(const char *profile, const char *rules_file, bool on_demand, jue_auditor **out,
                       jue_diags *diags)
{
    *out = NULL;
    jue_auditor *a = calloc(1, sizeof *a);
    if (!a) return JUE_ERR_NOMEM;
    pthread_mutex_init(&a->lock, NULL);
    jue_diags_init(&a->pack_later.said);
    jue_diags_init(&a->lexicon_later.said);
    a->profile = profile ? jue_strdup(profile) : NULL;
    a->rules_file = rules_file ? jue_strdup(rules_file) : NULL;
    jue_status st = (profile && !a->profile) || (rules_file && !a->rules_file) ? JUE_ERR_NOMEM : JUE_OK;
    if (st == JUE_OK) st = load_parts(a, on_demand, diags);
    if (st != JUE_OK) {
        jue_auditor_free(a);
        return st;
    }
    *out = a;
    return JUE_OK;
}

jue_status jue_auditor_new(const char *profile, const char *rules_file, jue_auditor **out, jue_diags *diags)
{
    return make(profile, rules_file, false, out, diags);
}

jue_status jue_auditor_new_on_demand(const char *profile, const char *rules_file, jue_auditor **out,
                                     jue_diags *diags)
{
    return make(profile, rules_file, true, out, diags);
}

void jue_auditor_free(jue_auditor *a)
{
    if (!a) return;
    jue_catalog_free(a->cat);
    jue_profile_free(a->prof);
    jue_rulepack_free(a->pack);
    jue_claim_checks_free(a->claims);
    jue_perf_checks_free(a->perf);
    jue_aliases_free(a->aliases);
    jue_lexicon_free(a->lexicon);
    jue_diags_free(&a->pack_later.said);
    jue_diags_free(&a->lexicon_later.said);
    pthread_mutex_destroy(&a->lock);
    free(a->profile);
    free(a->rules_file);
    free(a);
}

const jue_catalog *jue_auditor_catalog(const jue_auditor *a) { return a->cat; }
const jue_profile *jue_auditor_profile(const jue_auditor *a) { return a->prof; }
static jue_status lexicon_later(void *arg, const jue_lexicon **out);
const jue_lexicon *jue_auditor_lexicon(const jue_auditor *a)
{
    const jue_lexicon *lx = a->lexicon;
    if (a->on_demand) lexicon_later((void *)a, &lx);
    return lx;
}
const char *jue_auditor_version(const jue_auditor *a)
{
    jue_auditor *m = (jue_auditor *)a;   /* the cache only; what it answers never changes */
    pthread_mutex_lock(&m->lock);
    if (!m->version[0]) fingerprint(m);
    pthread_mutex_unlock(&m->lock);
    return a->version;
}
/* diags[from..] dropped: a document that cannot be audited for want of a
 * part read on demand says only what that part's reading said, as before
 * any document. */
static void drop_from(jue_diags *d, size_t from)
{
    for (size_t i = from; i < d->len; i++) {
        d->errors -= d->items[i].severity == JUE_SEV_ERROR;
        free(d->items[i].file);
        free(d->items[i].message);
    }
    if (from < d->len) d->len = from;
}

static jue_status copy_diags(const jue_diags *from, jue_diags *to)
{
    jue_status st = JUE_OK;
    for (size_t i = 0; i < from->len && st == JUE_OK; i++) {
        const jue_diag *g = &from->items[i];
        st = jue_diag_add(to, g->severity, g->file, g->line, g->col, "%s", g->message);
        if (st == JUE_OK) to->items[to->len - 1].page = g->page;
    }
    return st;
}

static jue_status later_status(const jue_auditor *ca, const later *l)
{
    jue_auditor *a = (jue_auditor *)ca;
    pthread_mutex_lock(&a->lock);
    jue_status st = l->st;
    pthread_mutex_unlock(&a->lock);
    return st;
}

/* What a part read on demand said, to diags: when its reading failed, the
 * document's own diags from first on are dropped and its status returned
 * (a document that cannot be audited for want of it says only that, as
 * jue_auditor_new's failure does); when it was read, once. */
static jue_status hand_over(const jue_auditor *ca, const later *cl, jue_diags *diags, size_t first)
{
    jue_auditor *a = (jue_auditor *)ca;   /* told is kept under the lock; what is read never changes */
    later *l = (later *)cl;
    pthread_mutex_lock(&a->lock);
    jue_status st = l->st;
    bool tell = l->tried && (st != JUE_OK || !l->told);
    l->told |= tell;
    pthread_mutex_unlock(&a->lock);
    if (st != JUE_OK) drop_from(diags, first);
    if (tell) {
        jue_status cs = copy_diags(&l->said, diags);
        if (st == JUE_OK) st = cs;
    }
    return st;
}

/* The rule pack, read at the first call of an auditor made on demand; what
 * its reading said handed over (hand_over). */
static jue_status need_pack(const jue_auditor *ca, jue_diags *diags, size_t first)
{
    jue_auditor *a = (jue_auditor *)ca;   /* loaded once; what it answers never changes */
    pthread_mutex_lock(&a->lock);
    if (!a->pack_later.tried) {
        a->pack_later.tried = true;
        a->pack_later.st = jue_rules_load_for(a->prof, &a->pack, &a->pack_later.said);
    }
    pthread_mutex_unlock(&a->lock);
    return hand_over(a, &a->pack_later, diags, first);
}

/* The lexicon for the import (jue_import_ctx.lexicon_later), read at its
 * first call; what its reading said is handed over after the import. */
static jue_status lexicon_later(void *arg, const jue_lexicon **out)
{
    jue_auditor *a = arg;
    pthread_mutex_lock(&a->lock);
    if (!a->lexicon_later.tried) {
        a->lexicon_later.tried = true;
        a->lexicon_later.st = jue_lexicon_load(NULL, &a->lexicon, &a->lexicon_later.said);
    }
    jue_status st = a->lexicon_later.st;
    *out = a->lexicon;
    pthread_mutex_unlock(&a->lock);
    return st;
}

jue_status jue_auditor_failed(const jue_auditor *a)
{
    jue_status st = later_status(a, &a->pack_later);
    return st != JUE_OK ? st : later_status(a, &a->lexicon_later);
}

size_t jue_auditor_rule_count(const jue_auditor *a)
{
    jue_diags d;
    jue_diags_init(&d);
    if (a->on_demand) need_pack(a, &d, 0);
    jue_diags_free(&d);
    return jue_rulepack_count(a->pack);
}

jue_status jue_audit_trace(const jue_auditor *a, const jue_disclosure *d, jue_buf *out, jue_claims_coverage *cov)
{
    return jue_claims_trace(d, a->cat, a->claims, out, cov);
}

/* A published file through its door, with the auditor's data; the grids
 * too when doc is not NULL. */
static jue_status import(const jue_auditor *a, const char *path, jue_disclosure **out, jue_idoc **doc,
                         jue_diags *diags)
{
    jue_import_ctx ctx = { a->cat, a->prof, a->aliases, a->on_demand ? NULL : a->lexicon,
                           a->on_demand ? lexicon_later : NULL, (void *)a };
    return jue_import_path(path, JUE_IN_AUTO, &ctx, out, doc, diags);
}

jue_status jue_auditor_read(const jue_auditor *a, const char *path, jue_disclosure **out, jue_diags *diags)
{
    return import(a, path, out, NULL, diags);
}

/* A source directory: loaded and compiled. */
static jue_status load_source(const jue_auditor *a, const char *path, jue_disclosure **out, jue_diags *diags)
{
    jue_source *src = NULL;
    jue_status st = jue_source_load(path, a->cat, &src, diags);
    if (st != JUE_OK) return st == JUE_ERR_NOMEM || st == JUE_ERR_IO ? st : JUE_ERR_INVALID;
    st = jue_compile(src, a->cat, a->prof, out, NULL, diags);
    jue_source_free(src);
    if (!*out) return st == JUE_ERR_NOMEM ? st : JUE_ERR_INVALID;
    free((*out)->source);
    (*out)->source = jue_strdup(path);
    return JUE_OK;
}

/* Whether diags[i] says what an earlier one of diags[from..i) at the same
 * place said (a table's title read twice, say). */
static bool said_before(const jue_diags *d, size_t from, size_t i)
{
    const jue_diag *g = &d->items[i];
    for (size_t j = from; j < i; j++) {
        const jue_diag *h = &d->items[j];
        if (h->line == g->line && h->page == g->page && h->severity == g->severity && !strcmp(h->message, g->message))
            return true;
    }
    return false;
}

/* The reading's warnings about a published document (diags[from..]: a
 * table read doubtfully and not checked, a title of another layout, a
 * figure a wrap ran together…) become its findings (input.reading), so
 * every report of the audit — text, JSON lines, HTML, the store, the web
 * app — says which parts were not checked and why; they leave diags, so
 * the command line does not print them twice. Errors and notes stay. */
static jue_status reading_findings(jue_diags *d, size_t from, jue_findings *f)
{
    jue_status st = JUE_OK;
    for (size_t i = from; i < d->len && st == JUE_OK; i++) {
        const jue_diag *g = &d->items[i];
        if (g->severity != JUE_SEV_WARNING || said_before(d, from, i)) continue;
        jue_finding x = { .rule = "input.reading", .severity = JUE_SEV_WARNING, .message = g->message,
                          .line = g->line, .col = g->col, .page = g->page, .table = -1 };
        st = jue_findings_add(f, &x);
    }
    size_t keep = from;
    for (size_t i = from; i < d->len; i++) {
        jue_diag *g = &d->items[i];
        if (g->severity != JUE_SEV_WARNING) { d->items[keep++] = *g; continue; }
        free(g->file);
        free(g->message);
    }
    d->len = keep;
    return st;
}

jue_status jue_audit_document(const jue_auditor *a, const char *path, jue_disclosure **out, jue_doc_kind *kind,
                              jue_findings *f, jue_diags *diags)
{
    struct stat st;
    *out = NULL;
    if (stat(path, &st) != 0) {
        jue_diag_add(diags, JUE_SEV_ERROR, path, 0, 0, "文件不存在或无法读取");
        return JUE_ERR_IO;
    }
    bool dir = S_ISDIR(st.st_mode);
    if (kind) *kind = dir ? JUE_DOC_SOURCE : JUE_DOC_PUBLISHED;
    jue_idoc *doc = NULL;   /* the grids of a published file: its one import serves every check */
    size_t first_diag = diags->len, first = f->len;
    jue_status s = dir ? load_source(a, path, out, diags) : import(a, path, out, &doc, diags);
    if (s == JUE_OK && !dir) s = reading_findings(diags, first_diag, f);
    /* the lexicon read on demand: its mistakes, which failed the import, end
     * the audit as if before any document; what a good reading said comes
     * after the reading's warnings */
    if (a->on_demand && (s != JUE_OK) == (later_status(a, &a->lexicon_later) != JUE_OK)) {
        jue_status ls = hand_over(a, &a->lexicon_later, diags, first_diag);
        if (ls != JUE_OK) s = ls;
    }
    if (s != JUE_OK) {
        jue_idoc_free(doc);
        jue_disclosure_free(*out);
        *out = NULL;
        return s;
    }
    /* A document without any of the nine tables (a standalone 绩效自评报告, a
     * notes-only file) is not reported nine times as "table missing"; its
     * text and 自评表 are still checked. */
    bool any_table = false;
    for (int t = 0; t < JUE_NTABLES; t++) any_table |= (*out)->tables[t] != NULL;
    if (any_table && a->on_demand && (s = need_pack(a, diags, first_diag)) != JUE_OK) {
        jue_idoc_free(doc);
        jue_disclosure_free(*out);
        *out = NULL;
        jue_findings_cut(f, first);   /* nothing of this document: its audit did not start */
        return s;
    }
    if (any_table) s = jue_audit(*out, a->cat, a->pack, f);
    if (any_table && s == JUE_OK) s = jue_audit_shifted(*out, a->cat, a->pack, f, first);
    if (s == JUE_OK) s = jue_claims_audit(*out, a->cat, a->claims, f);
    /* published 绩效自评表 (a source's perf.yaml is checked when it is loaded) */
    if (s == JUE_OK && doc && jue_perf_audit_doc(doc, path, *out, a->prof, a->perf, f) == JUE_ERR_NOMEM)
        s = JUE_ERR_NOMEM;
    jue_idoc_free(doc);
    if (s != JUE_OK) return s;
    /* document order within this document only */
    jue_findings mine = { f->items + first, f->len - first, f->len - first };
    jue_findings_sort(&mine);
    return JUE_OK;
}

jue_status jue_audit_cross_year(const jue_auditor *a, const jue_disclosure *d, const jue_disclosure *prev,
                                jue_findings *f)
{
    size_t first = f->len;
    jue_status st = jue_claims_cross_year(d, prev, a->claims, f);
    jue_findings mine = { f->items + first, f->len - first, f->len - first };
    jue_findings_sort(&mine);
    return st;
}
