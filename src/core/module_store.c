/* The library's store functions (juesuan/store.h), each a call into the
 * store module loaded on first use (module.h). Opening or creating a store
 * loads it; when it cannot be loaded, that says why as an error of the
 * store's path. Every other function takes a store, so the module is there. */
#include "core/module.h"

static const jue_store_module *open_module(const char *path, jue_diags *diags)
{
    const char *why = NULL;
    const jue_store_module *m = jue_store_module_get(&why);
    if (!m && diags) jue_diag_add(diags, JUE_SEV_ERROR, path ? path : "", 0, 0, "%s", why);
    return m;
}

/* The module, loaded since a store exists. */
static const jue_store_module *M(void) { return jue_store_module_get(NULL); }

jue_status jue_store_open(const char *path, jue_store **out, jue_diags *diags)
{
    const jue_store_module *m = open_module(path, diags);
    if (m) return m->open(path, out, diags);
    *out = NULL;
    return JUE_ERR_IO;
}

jue_status jue_store_create_at(const char *path, int version, jue_store **out, jue_diags *diags)
{
    const jue_store_module *m = open_module(path, diags);
    if (m) return m->create_at(path, version, out, diags);
    *out = NULL;
    return JUE_ERR_IO;
}

void jue_store_close(jue_store *s)
{
    if (s) M()->close(s);
}

int jue_store_version(const jue_store *s) { return M()->version_of(s); }

bool jue_store_has(jue_store *s, const char *sha256, const char *rules) { return M()->has(s, sha256, rules); }

jue_status jue_store_findings(jue_store *s, const char *sha256, const char *rules, const char *file,
                              jue_findings *f, int64_t *id)
{
    return M()->findings(s, sha256, rules, file, f, id);
}

jue_status jue_store_add(jue_store *s, const jue_disclosure *d, const jue_findings *f, const jue_store_doc *meta,
                         int64_t *id, bool *existed, jue_diags *diags)
{
    return M()->add(s, d, f, meta, id, existed, diags);
}

jue_status jue_store_list(jue_store *s, const char *dept, int year, int (*fn)(const jue_store_row *r, void *ctx),
                          void *ctx)
{
    return M()->list(s, dept, year, fn, ctx);
}

jue_status jue_store_load(jue_store *s, const char *dept, int year, jue_disclosure **out, jue_findings *f,
                          jue_diags *diags)
{
    return M()->load(s, dept, year, out, f, diags);
}

jue_status jue_store_last_year(jue_store *s, const char *department, int year, jue_disclosure **out)
{
    return M()->last_year(s, department, year, out);
}

jue_status jue_store_export(jue_store *s, const char *what, const char *format, const char *dept, int year,
                            jue_buf *out, jue_diags *diags)
{
    return M()->export_(s, what, format, dept, year, out, diags);
}

jue_status jue_store_overview(jue_store *s, int (*fn)(const jue_overview_row *r, void *ctx), void *ctx)
{
    return M()->overview(s, fn, ctx);
}

jue_status jue_store_load_id(jue_store *s, int64_t id, jue_disclosure **out, jue_findings *f, jue_diags *diags)
{
    return M()->load_id(s, id, out, f, diags);
}

jue_status jue_store_merge(jue_store *s, const char *from, const char *to, jue_diags *diags)
{
    return M()->merge(s, from, to, diags);
}

jue_status jue_store_check(jue_store *s, jue_buf *report, size_t *problems)
{
    return M()->check(s, report, problems);
}
