/* Writing the chosen formats into an output directory, and parsing the
 * --format list. */
#include "core/module.h"
#include "render_internal.h"

#include <juesuan/output.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>

static const struct {
    const char *name;
    unsigned mask;
} FORMATS[] = {
    { "html", JUE_FMT_HTML }, { "xlsx", JUE_FMT_XLSX }, { "md", JUE_FMT_MD },
    { "markdown", JUE_FMT_MD }, { "csv", JUE_FMT_CSV }, { "json", JUE_FMT_JSON },
    { "pdf", JUE_FMT_PDF }, { "docx", JUE_FMT_DOCX }, { "word", JUE_FMT_DOCX },
    { "all", JUE_FMT_ALL },
};

unsigned jue_formats_parse(const char *list, const char **bad)
{
    unsigned mask = 0;
    const char *p = list ? list : "";
    for (;;) {
        while (*p == ' ' || *p == '\t') p++;
        const char *start = p;
        size_t n = strcspn(p, ",");
        size_t k = n;
        while (k > 0 && (p[k - 1] == ' ' || p[k - 1] == '\t')) k--;
        unsigned m = 0;
        for (size_t i = 0; i < sizeof FORMATS / sizeof FORMATS[0] && !m; i++)
            if (strlen(FORMATS[i].name) == k && strncasecmp(start, FORMATS[i].name, k) == 0)
                m = FORMATS[i].mask;
        if (!m) {
            /* Unknown or empty ("html,,md"): report where it is. */
            if (bad) *bad = start;
            return 0;
        }
        mask |= m;
        p += n;
        if (*p != ',') break;
        p++;
    }
    if (bad) *bad = NULL;
    return mask;
}

static jue_status report(jue_diags *diags, jue_status st, int err, const char *path, const char *what,
                         jue_status first)
{
    if (diags) {
        if (st == JUE_OK) jue_diag_add(diags, JUE_SEV_INFO, path, 0, 0, "已写出%s", what);
        else jue_out_diag(diags, path, what, st, err);
    }
    return first ? first : st;
}

/* Renders one text format into buf and writes it to path. */
static jue_status write_text(const jue_buf *path, jue_buf *buf, jue_status render_st, int *err)
{
    *err = 0;
    jue_status st = jue_buf_err(path) ? jue_buf_err(path) : render_st ? render_st : jue_buf_err(buf);
    if (!st) st = jue_out_file(jue_buf_str(path), jue_buf_str(buf), buf->len, err);
    jue_buf_reset(buf);
    return st;
}

jue_status jue_render_all(const jue_disclosure *d, const char *outdir, const char *base,
                          unsigned formats, jue_diags *diags)
{
    int err = jue_out_mkdirs(outdir);
    if (err) {
        if (diags)
            jue_diag_add(diags, JUE_SEV_ERROR, outdir, 0, 0, "无法创建输出文件夹：%s", jue_out_reason(JUE_ERR_IO, err));
        return err == ENOMEM ? JUE_ERR_NOMEM : JUE_ERR_IO;
    }
    jue_status st;
    jue_buf path, buf;
    jue_buf_init(&path);
    jue_buf_init(&buf);
    jue_status first = JUE_OK;
    /* Every format is attempted even after a failure, so the user sees all
     * problems at once; the first failure is returned. */
    if (formats & JUE_FMT_HTML) {
        jue_buf_reset(&path);
        jue_buf_printf(&path, "%s/%s.html", outdir, base);
        st = write_text(&path, &buf, jue_render_html(d, &buf), &err);
        first = report(diags, st, err, jue_buf_str(&path), "HTML", first);
    }
    if (formats & JUE_FMT_XLSX) {
        jue_buf_reset(&path);
        jue_buf_printf(&path, "%s/%s.xlsx", outdir, base);
        jue_outfile o = { .err = 0 };
        st = jue_buf_err(&path) ? jue_buf_err(&path) : jue_out_begin(&o, jue_buf_str(&path));
        if (!st) st = jue_out_end(&o, jue_render_xlsx(d, o.tmp));
        if (st && diags && jue_office_missing(diags, jue_buf_str(&path), "XLSX")) first = first ? first : st;
        else first = report(diags, st, o.err, jue_buf_str(&path), "XLSX", first);
    }
    if (formats & JUE_FMT_MD) {
        jue_buf_reset(&path);
        jue_buf_printf(&path, "%s/%s.md", outdir, base);
        st = write_text(&path, &buf, jue_render_md(d, &buf), &err);
        first = report(diags, st, err, jue_buf_str(&path), "Markdown", first);
    }
    if (formats & JUE_FMT_JSON) {
        jue_buf_reset(&path);
        jue_buf_printf(&path, "%s/%s.json", outdir, base);
        st = write_text(&path, &buf, jue_render_json(d, &buf), &err);
        first = report(diags, st, err, jue_buf_str(&path), "JSON", first);
    }
    if (formats & JUE_FMT_CSV) {
        for (int i = 0; i < JUE_NTABLES; i++) {
            if (!d->tables[i]) continue;
            jue_buf_reset(&path);
            jue_buf_printf(&path, "%s/%s-t%02d.csv", outdir, base, i + 1);
            st = write_text(&path, &buf, jue_render_csv(d, (jue_table_id)i, &buf), &err);
            first = report(diags, st, err, jue_buf_str(&path), "CSV", first);
        }
    }
    jue_buf_free(&path);
    jue_buf_free(&buf);
    return first;
}
