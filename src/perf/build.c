/* `juesuan build` for the self-evaluations: perf.yaml → scored 自评表 and
 * 自评报告 files beside the tables. */
#include "perf_internal.h"

#include <stdio.h>
#include <stdlib.h>

static jue_status write_out(const char *path, const jue_buf *b, jue_diags *diags)
{
    FILE *f = fopen(path, "wb");
    if (f && fwrite(jue_buf_str(b), 1, b->len, f) == b->len && fclose(f) == 0) {
        jue_diag_add(diags, JUE_SEV_INFO, path, 0, 0, "written");
        return JUE_OK;
    }
    if (f) fclose(f);
    jue_diag_add(diags, JUE_SEV_ERROR, path, 0, 0, "cannot write the self-evaluations");
    return JUE_ERR_IO;
}

jue_status jue_perf_build(const char *src_dir, const char *out_dir, const char *base, const char *profile,
                          jue_diags *diags)
{
    jue_perf_set *s = NULL;
    jue_status st = jue_perf_load(src_dir, &s, diags);
    if (st == JUE_ERR_NOTFOUND) return JUE_OK;
    if (st != JUE_OK) return st;
    jue_perf_profile p;
    /* a province without its own scoring file scores by the national method */
    char path[4096];
    snprintf(path, sizeof path, "%s/perf/%s.yaml", jue_data_dir(), profile ? profile : "national");
    FILE *pf = fopen(path, "rb");
    if (pf) fclose(pf);
    st = jue_perf_profile_load(pf ? profile : NULL, &p, diags);
    if (st == JUE_OK) st = jue_perf_score(s, &p);
    jue_buf md, html;
    jue_buf_init(&md);
    jue_buf_init(&html);
    if (st == JUE_OK) st = jue_perf_markdown(s, &md);
    if (st == JUE_OK) {
        jue_buf_puts(&html, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
        jue_buf_puts(&html, s->department ? s->department : "");
        jue_buf_puts(&html, "绩效自评表</title>\n</head>\n<body>\n");
        st = jue_perf_html(s, &html);
        jue_buf_puts(&html, "</body>\n</html>\n");
        if (st == JUE_OK) st = jue_buf_err(&html);
    }
    if (st == JUE_OK) {
        snprintf(path, sizeof path, "%s/%s-perf.md", out_dir, base);
        st = write_out(path, &md, diags);
    }
    if (st == JUE_OK) {
        snprintf(path, sizeof path, "%s/%s-perf.html", out_dir, base);
        st = write_out(path, &html, diags);
    }
    jue_buf_free(&md);
    jue_buf_free(&html);
    jue_perf_set_free(s);
    return st;
}
