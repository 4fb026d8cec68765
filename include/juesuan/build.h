/* juesuan/build.h — one build, the same for every caller (`juesuan build`,
 * `juesuan demo`, the web app's 编制 page).
 *
 * A build takes a source folder (department.yaml and the CSV ledgers,
 * docs/formats.md) or a file of the nine tables (an XLSX workbook, or a
 * published PDF, Word or HTML file) with a department.yaml, audits what it
 * compiled or read, and writes the chosen outputs into a folder: each file
 * whole or not at all, one build at a time in a folder. Nothing is written
 * while the source has mistakes or the audit finds errors (unless force).
 *
 * The library never prints: mistakes of the source go to diags (file, line,
 * column), every file written is an info diagnostic "已写出" (file = its
 * path) and is listed in the result, the audit's findings and why nothing
 * was written come back in the result. */
#ifndef JUESUAN_BUILD_H
#define JUESUAN_BUILD_H

#include "audit.h"
#include "common.h"

typedef struct {
    const char *input;        /* a source folder, or a file of the nine tables */
    const char *out_dir;
    const char *profile;      /* NULL = national */
    const char *department;   /* a tables build: department.yaml (NULL = the one beside the file) */
    const char *previous;     /* last year's published file, or NULL */
    const char *store;        /* the store holding last year, or NULL */
    unsigned formats;         /* jue_format mask (render.h); 0 = all */
    bool force;               /* write despite the audit's errors */
} jue_build_opts;

/* How a build ended, as `juesuan build` exits. */
enum {
    JUE_BUILD_OK = 0,         /* written, no errors found */
    JUE_BUILD_FINDINGS = 1,   /* the audit found errors: nothing written (written with force) */
    JUE_BUILD_IO = 2,         /* a file could not be read or written (a missing ledger, the output folder) */
    JUE_BUILD_MISTAKES = 3    /* mistakes in the source, department.yaml or a data file: nothing written */
};

typedef struct {
    int code;                 /* JUE_BUILD_* */
    jue_findings findings;    /* the audit before publishing, as a user is shown it: no infos; for a
                               * tables build only those about the tables */
    size_t errors;            /* errors among them */
    size_t others;            /* a tables build: errors and warnings of the input's own notes and
                               * 自评表, left out (the notes are written anew) */
    char *stop;               /* why nothing (more) was written, one sentence, or NULL */
    char *base;               /* the outputs' name ("county-2024": county-2024-document.pdf …), or NULL */
    char **written;           /* the files written, in order */
    size_t nwritten;
} jue_build_result;

/* Runs the build of o into r (initialised here; free with
 * jue_build_result_free). Returns r->code. */
int jue_build(const jue_build_opts *o, jue_build_result *r, jue_diags *diags);
void jue_build_result_free(jue_build_result *r);

/* The outputs' name for input: a folder's name, or a file's without its
 * extension and a trailing "-document" ("juesuan" when there is none);
 * into buf (n bytes). */
const char *jue_build_base(const char *input, bool file, char *buf, size_t n);

#endif
