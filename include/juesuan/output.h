/* juesuan/output.h — writing output files so that a reader never sees half
 * of one.
 *
 * Each output is written to a fresh temporary file beside its final name
 * (created with O_CREAT|O_EXCL|O_NOFOLLOW, so never through a planted
 * symlink), flushed to disk and renamed over the final name only when
 * complete; on any failure the temporary file is removed and the previous
 * output stays as it was. One build at a time holds the output folder's lock.
 */
#ifndef JUESUAN_OUTPUT_H
#define JUESUAN_OUTPUT_H

#include <juesuan/common.h>

typedef struct {
    char *path;   /* the final name */
    char *tmp;    /* the temporary file beside it; renderers that take a path write here */
    int fd;       /* open on tmp for jue_out_write, -1 when closed */
    int err;      /* errno of the first failure, 0 if none is known */
} jue_outfile;

/* Creates the temporary file for path. JUE_ERR_IO (o->err says why) or
 * JUE_ERR_NOMEM; on failure nothing is left to clean up. */
jue_status jue_out_begin(jue_outfile *o, const char *path);
/* Appends n bytes to the temporary file. */
jue_status jue_out_write(jue_outfile *o, const void *data, size_t n);
/* Ends the output: when st is JUE_OK, flushes the temporary file to disk and
 * renames it over path; otherwise (or when that fails) removes it. Returns
 * the outcome; o->err keeps the errno of a failure. Frees o's names. */
jue_status jue_out_end(jue_outfile *o, jue_status st);
/* The whole of data to path, as above. *err (may be NULL) gets the errno. */
jue_status jue_out_file(const char *path, const void *data, size_t n, int *err);

/* Why a write failed, in Chinese: "磁盘空间不足" for a full disk or a file
 * size limit, otherwise the cause; st is used when err is 0. */
const char *jue_out_reason(jue_status st, int err);
/* Adds the error "无法写入<what>：<reason>" about path to diags. */
void jue_out_diag(jue_diags *diags, const char *path, const char *what, jue_status st, int err);

/* mkdir -p: creates dir and its missing parents; an existing folder is
 * fine. Returns 0 or the errno of the failure. */
int jue_out_mkdirs(const char *dir);

/* Creates dir (and its parents) and takes its lock, a file .juesuan.lock in
 * it held with flock: a second build into the same folder is refused with an
 * error in diags ("正被另一次生成使用") instead of mixing files. Temporary files
 * left by a killed build are removed. JUE_ERR_IO on failure. */
typedef struct jue_outlock jue_outlock;
jue_status jue_outdir_lock(const char *dir, jue_outlock **out, jue_diags *diags);
/* Releases the lock (NULL is fine). */
void jue_outdir_unlock(jue_outlock *l);

#endif
